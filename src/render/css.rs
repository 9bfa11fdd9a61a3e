//! Our own style sheets scoped to one element, for the fragment's copy that
//! shows where no shadow root can attach (HTML inserted with `innerHTML`):
//! every selector under the element's id, every declaration important, and
//! a reset first, so that the host's rules, even important ones with a class
//! or two, neither reach in nor are reached out to.

/// `css` (our templates' sheets: rules, `@media` and `@container` blocks,
/// comments) with each rule scoped to `#id` and made important, after a
/// reset: `#id` itself as a shadow host is (`all: initial`), everything
/// under it back to the browser's defaults, but SVG, whose presentation
/// attributes a reset would wipe.
pub fn scoped(css: &str, id: &str) -> String {
    let scope = format!("#{id}");
    let mut out = format!(
        "{scope} {{ all: initial !important; display: block !important; contain: content !important; }}\n\
         {scope} :where(:not(svg, svg *)) {{ all: revert !important; }}\n"
    );
    rules(&strip_comments(css), &scope, &mut out);
    out
}

fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    out.push_str(rest);
    out
}

/// Scopes each rule of `css` into `out`; a block at-rule keeps its prelude
/// and has its own rules scoped.
fn rules(css: &str, scope: &str, out: &mut String) {
    let mut rest = css;
    while let Some(open) = rest.find('{') {
        let prelude = rest[..open].trim();
        let body_start = open + 1;
        let Some(close) = matching(&rest[body_start..]) else {
            return;
        };
        let body = &rest[body_start..body_start + close];
        if prelude.starts_with('@') {
            out.push_str(&format!("{prelude} {{\n"));
            rules(body, scope, out);
            out.push_str("}\n");
        } else {
            let selectors: Vec<String> = (prelude.split(','))
                .map(|s| format!("{scope} {}", s.trim()))
                .collect();
            let declarations: Vec<String> = (body.split(';'))
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(|d| match d.ends_with("!important") {
                    true => d.to_owned(),
                    false => format!("{d} !important"),
                })
                .collect();
            out.push_str(&format!(
                "{} {{ {}; }}\n",
                selectors.join(", "),
                declarations.join("; ")
            ));
        }
        rest = &rest[body_start + close + 1..];
    }
}

/// Where the block that starts at `text` closes: the index of its `}`.
fn matching(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return Some(i),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_scoped_and_important() {
        let css = "/* a comment { } */\n.a, b c { color: red; margin: 0 !important }\n\
                   @container (max-width: 30em) { .d { display: block } }";
        let out = scoped(css, "jq-1");
        assert!(
            out.contains("#jq-1 .a, #jq-1 b c { color: red !important; margin: 0 !important; }")
        );
        assert!(out.contains(
            "@container (max-width: 30em) {\n#jq-1 .d { display: block !important; }\n}"
        ));
        assert!(!out.contains("comment"));
        // Every rule but the at-rules' own lines sits under the scope.
        for line in out
            .lines()
            .filter(|l| l.contains('{') && !l.starts_with('@'))
        {
            assert!(line.starts_with("#jq-1"), "{line}");
        }
    }

    #[test]
    fn the_templates_sheets_scope_whole() {
        let css = concat!(
            include_str!("../../templates/common.css"),
            include_str!("../../templates/fragment.css")
        );
        let out = scoped(css, "jq-x");
        let opened = out.matches('{').count();
        assert_eq!(opened, out.matches('}').count());
        assert!(opened > 40, "{opened} blocks");
        assert!(
            !out.contains("</"),
            "nothing that could end the style element"
        );
    }
}
