//! The itinerary view as Markdown (CommonMark with GFM tables): a heading
//! with the trip's facts, a table a day with its notes and legend, the
//! totals, the sites left out and the notes for the whole trip.
//!
//! Pack text is escaped so that it reads as the same characters and can never
//! become markup: every Markdown-special ASCII character gets a backslash,
//! and `&`, `<`, `>` become entities so that a renderer that passes HTML
//! through (most do) never sees a tag from the pack.

use super::view::{Bi, Row, View};

pub fn render(view: &View) -> String {
    let md = |bi: &Bi| escape(&bi.plain());
    let mut out = String::new();
    if let Some(brand) = &view.brand {
        out.push_str(&format!("**{}**  \n", md(&brand.name)));
        let lines: Vec<String> = brand.lines.iter().map(md).collect();
        out.push_str(&format!("{}\n\n", lines.join("  \n")));
    }
    out.push_str(&format!("# {}\n\n", md(&view.title)));
    if let Some(summary) = &view.summary {
        out.push_str(&format!("{}\n\n", md(summary)));
    }
    for fact in &view.facts {
        out.push_str(&format!("- **{}:** {}\n", md(&fact.label), md(&fact.value)));
    }
    if !view.warnings.is_empty() {
        out.push_str(&format!("\n> **{}**\n", md(&view.labels.warnings)));
        for warning in &view.warnings {
            out.push_str(&format!("> - {}\n", escape(&warning.join(" / "))));
        }
    }

    let labels = &view.labels;
    for day in &view.days {
        let theme = day
            .theme
            .as_ref()
            .map_or(String::new(), |t| format!(" · {}", md(t)));
        out.push_str(&format!(
            "\n## {} · {} · {}{theme}\n\n",
            md(&day.heading),
            md(&day.date),
            md(&day.season),
        ));
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n| --- | --- | --- | ---: | ---: | --- |\n",
            md(&labels.time),
            md(&labels.what),
            md(&labels.place),
            md(&labels.duration),
            md(&labels.cost),
            md(&labels.marks),
        ));
        for row in &day.rows {
            out.push_str(&format!("| {} |\n", cells(row).join(" | ")));
        }
        if !day.notes.is_empty() || !day.legend.is_empty() {
            out.push('\n');
            for note in day.notes.iter().chain(&day.legend) {
                out.push_str(&format!("- {}\n", escape(&note.join(" / "))));
            }
        }
    }

    out.push_str(&format!(
        "\n## {}\n\n{}\n",
        md(&labels.totals),
        md(&view.totals)
    ));
    if !view.omitted.is_empty() {
        out.push_str(&format!("\n## {}\n\n", md(&labels.omitted)));
        for group in &view.omitted {
            out.push_str(&format!("- {}\n", escape(&group.line.join(" / "))));
        }
    }
    if !view.notes.is_empty() {
        out.push_str(&format!("\n## {}\n\n", md(&labels.trip_notes)));
        for note in &view.notes {
            out.push_str(&format!("- {}\n", escape(&note.join(" / "))));
        }
    }
    if view.audience.shows_addresses_in_text() {
        out.push_str(&format!("\n## {}\n\n", md(&labels.addresses)));
        for line in view.address_lines() {
            out.push_str(&format!("- {}\n", escape(&line)));
        }
    }
    for section in &view.sections {
        out.push_str(&format!("\n## {}\n\n", md(&section.title)));
        for item in &section.items {
            out.push_str(&format!("- {}\n", escape(&item.join(" / "))));
        }
    }
    out
}

/// The table cells of one row, escaped.
fn cells(row: &Row) -> Vec<String> {
    let md = |bi: &Bi| escape(&bi.plain());
    let what = match &row.service {
        Some(service) => format!("{} {}", escape(service), md(&row.what)),
        None => md(&row.what),
    };
    let place = match &row.to {
        Some(to) => format!("{} → {}", md(&row.place), md(to)),
        None => md(&row.place),
    };
    let marks: Vec<String> = row.marks.iter().map(|m| md(&m.label)).collect();
    vec![
        row.time.clone(),
        what,
        place,
        md(&row.duration),
        md(&row.cost),
        marks.join(" "),
    ]
}

/// `text` as inline Markdown that renders as exactly these characters (line
/// breaks become spaces, since every place it goes is one line: a heading, a
/// table cell, a list item).
///
/// Every ASCII punctuation character that CommonMark or GFM gives a meaning
/// gets a backslash, wherever it stands; `&`, `<` and `>` become entities
/// instead, because a backslash does not stop a renderer's HTML pass-through
/// from seeing a tag. Other control characters are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.'
            | '!' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_from_the_pack_is_inert() {
        assert_eq!(
            escape("<script>alert(1)</script> & *b* [x](y)|#"),
            "&lt;script&gt;alert\\(1\\)&lt;/script&gt; &amp; \\*b\\* \\[x\\]\\(y\\)\\|\\#"
        );
    }

    #[test]
    fn entities_and_backslashes_stay_literal() {
        assert_eq!(escape("&amp; a\\b"), "&amp;amp; a\\\\b");
    }

    #[test]
    fn line_breaks_become_spaces() {
        assert_eq!(escape("a\nb\r\nc"), "a b  c");
    }
}
