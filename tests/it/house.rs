//! The house's own limits, read from `src/` as a reviewer would: no file
//! over 600 lines of code, no `impl` block over 400 lines, and no circle of
//! imports between files. Lines of code are those left once comments and
//! blank lines are dropped; a file's `#[cfg(test)]` module and the message
//! table are not counted.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 600;
const MAX_IMPL_LINES: usize = 400;

/// The zh/en message table: one arm per message and language, long by
/// nature and split by nothing a reader would gain from.
const MESSAGE_TABLES: [&str; 1] = ["src/render/catalog/mod.rs"];

#[test]
fn no_source_file_is_over_600_lines_of_code() {
    let mut over = Vec::new();
    for file in House::read().files.values() {
        let lines = file.code_lines();
        if lines > MAX_FILE_LINES && !MESSAGE_TABLES.contains(&file.name.as_str()) {
            over.push(format!("{}: {lines} lines of code", file.name));
        }
    }
    assert!(
        over.is_empty(),
        "over {MAX_FILE_LINES} lines of code:\n{}",
        over.join("\n")
    );
}

#[test]
fn no_impl_block_is_over_400_lines() {
    let mut over = Vec::new();
    for file in House::read().files.values() {
        for (line, length) in file.impl_blocks() {
            if length > MAX_IMPL_LINES {
                over.push(format!("{}:{line}: impl of {length} lines", file.name));
            }
        }
    }
    assert!(
        over.is_empty(),
        "impl blocks over {MAX_IMPL_LINES} lines:\n{}",
        over.join("\n")
    );
}

#[test]
fn no_two_files_import_each_other_even_through_others() {
    let house = House::read();
    let circles = house.circles();
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_circle_finder_sees_a_circle() {
    let mut house = House::default();
    house.add("src/lib.rs", &[], "mod a;\nmod b;\n");
    house.add("src/a.rs", &["a"], "use crate::b::Thing; // uses b\n");
    house.add("src/b.rs", &["b"], "pub struct Thing(super::a::Other);\n");
    assert_eq!(house.circles(), ["src/a.rs → src/b.rs → src/a.rs"]);
    // A parent that re-exports a child's item is no circle with the child
    // that names it through the parent: the use is followed to its file.
    let mut house = House::default();
    house.add(
        "src/p/mod.rs",
        &["p"],
        "mod c;\nmod d;\npub use c::Thing;\n",
    );
    house.add("src/p/c.rs", &["p", "c"], "pub struct Thing;\n");
    house.add(
        "src/p/d.rs",
        &["p", "d"],
        "use super::{Thing, c};\nfn f(_: c::Thing) {}\n",
    );
    assert!(house.circles().is_empty(), "{:?}", house.circles());
    let file = SourceFile::new(
        "src/x.rs",
        "impl X {\n    fn f() -> [char; 2] { ['{', '\\''] }\n}\n// }\n",
    );
    assert_eq!(file.impl_blocks(), [(1, 3)]);
    assert_eq!(file.code_lines(), 3);
}

/// A source file with its comments and strings blanked, so that braces and
/// paths are only those of the code.
struct SourceFile {
    name: String,
    /// The code lines, the `#[cfg(test)]` module left out.
    lines: Vec<String>,
}

impl SourceFile {
    fn new(name: &str, text: &str) -> SourceFile {
        let code = blank_comments_and_strings(text);
        let mut lines = Vec::new();
        let mut rows = code.lines().peekable();
        while let Some(row) = rows.next() {
            let is_test_module =
                row.trim() == "#[cfg(test)]" && rows.peek().is_some_and(|next| opens_module(next));
            if is_test_module {
                let mut depth = 0i64;
                for row in rows.by_ref() {
                    depth += braces(row);
                    if depth <= 0 && row.contains('}') {
                        break;
                    }
                }
                continue;
            }
            lines.push(row.to_string());
        }
        SourceFile {
            name: name.to_string(),
            lines,
        }
    }

    fn code_lines(&self) -> usize {
        self.lines
            .iter()
            .filter(|line| !line.trim().is_empty())
            .count()
    }

    /// Each top-level `impl` block: the line it opens on and its length.
    fn impl_blocks(&self) -> Vec<(usize, usize)> {
        let mut blocks = Vec::new();
        let mut open: Option<(usize, i64)> = None;
        for (i, line) in self.lines.iter().enumerate() {
            if open.is_none() && (line.starts_with("impl ") || line.starts_with("impl<")) {
                open = Some((i, 0));
            }
            if let Some((start, depth)) = open.as_mut() {
                *depth += braces(line);
                if *depth <= 0 && line.contains('}') {
                    blocks.push((*start + 1, i - *start + 1));
                    open = None;
                }
            }
        }
        blocks
    }

    /// The paths of this file's `use` declarations, each with whether it
    /// re-exports (`pub use`).
    fn uses(&self) -> Vec<(bool, Vec<String>)> {
        let code = self.lines.join("\n");
        let mut uses = Vec::new();
        let mut at = 0;
        for line in self.lines.iter() {
            let start = at + (line.len() - line.trim_start().len());
            at += line.len() + 1;
            let trimmed = line.trim_start();
            let (public, rest) = match trimmed.strip_prefix("pub") {
                Some(rest) => (true, rest.trim_start_matches(|c| c != ' ').trim_start()),
                None => (false, trimmed),
            };
            if !rest.starts_with("use ") {
                continue;
            }
            let offset = start + (trimmed.len() - rest.len()) + "use ".len();
            let Some(end) = code[offset..].find(';') else {
                continue;
            };
            // `a as b` keeps `a`: the alias is marked before spaces go.
            let words: Vec<&str> = code[offset..offset + end].split_whitespace().collect();
            let tree: String = words.join(" ").replace(" as ", "@").replace(' ', "");
            uses.extend(
                expand_use_tree(&tree)
                    .into_iter()
                    .map(|path| (public, path)),
            );
        }
        uses
    }

    fn code_without_uses(&self) -> String {
        let mut code = String::new();
        let mut in_use = false;
        for line in &self.lines {
            let trimmed = line.trim_start();
            let starts_use = trimmed.starts_with("use ")
                || trimmed.starts_with("pub use ")
                || trimmed.starts_with("pub(crate) use ");
            in_use = in_use || starts_use;
            if !in_use && declared_module(line).is_none() {
                code.push_str(line);
                code.push('\n');
            }
            in_use = in_use && !line.contains(';');
        }
        code
    }

    /// The `crate::`, `super::` and `self::` paths written in the code
    /// outside `use` declarations.
    fn inline_paths(&self) -> Vec<Vec<String>> {
        let mut paths = Vec::new();
        for line in &self.lines {
            if line
                .trim_start()
                .trim_start_matches("pub ")
                .starts_with("use ")
            {
                continue;
            }
            for prefix in ["crate::", "super::"] {
                for (i, _) in line.match_indices(prefix) {
                    if is_ident(line[..i].chars().next_back()) {
                        continue;
                    }
                    let tail: String = line[i..]
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                        .collect();
                    paths.push(
                        tail.split("::")
                            .filter(|s| !s.is_empty())
                            .map(str::to_string)
                            .collect(),
                    );
                }
            }
        }
        paths
    }
}

/// The source tree as rustc sees it: each file reached by `mod` from a
/// crate root, under its module path.
#[derive(Default)]
struct House {
    files: BTreeMap<Vec<String>, SourceFile>,
}

impl House {
    fn read() -> House {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut house = House::default();
        // The library, then the binary's own modules (the CLI) apart from it.
        house.walk(&src, &src.join("lib.rs"), Vec::new());
        house.walk(&src, &src.join("main.rs"), vec!["main".to_string()]);
        assert!(
            house.files.len() > 40,
            "the walk found only {} files",
            house.files.len()
        );
        house
    }

    fn walk(&mut self, src: &Path, path: &Path, module: Vec<String>) {
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path
            .strip_prefix(src.parent().unwrap())
            .unwrap()
            .display()
            .to_string();
        let file = SourceFile::new(&name, &text);
        let children: Vec<String> = file
            .lines
            .iter()
            .filter_map(|line| declared_module(line))
            .collect();
        // Children of a.rs live in a/, of a/mod.rs and of a crate root beside it.
        let stem = path.file_stem().unwrap().to_str().unwrap();
        let dir: PathBuf = if matches!(stem, "mod" | "lib" | "main") {
            path.parent().unwrap().to_path_buf()
        } else {
            path.with_extension("")
        };
        self.files.insert(module.clone(), file);
        for child in children {
            let flat = dir.join(format!("{child}.rs"));
            let nested = dir.join(&child).join("mod.rs");
            let path = if flat.exists() { flat } else { nested };
            let mut module = module.clone();
            module.push(child);
            self.walk(src, &path, module);
        }
    }

    fn add(&mut self, name: &str, module: &[&str], text: &str) {
        let module = module.iter().map(|m| m.to_string()).collect();
        self.files.insert(module, SourceFile::new(name, text));
    }

    /// A written path made absolute from `module`: `crate::`, `super::`
    /// and `self::` paths, and plain ones that start with a child module;
    /// `None` for other crates and local names.
    fn absolute(&self, module: &[String], path: &[String]) -> Option<Vec<String>> {
        let first = path.first()?;
        match first.as_str() {
            "crate" => {
                // The binary's modules sit under "main"; `crate` there is the binary.
                let root = module.first().filter(|m| *m == "main").into_iter();
                Some(root.chain(&path[1..]).cloned().collect())
            }
            "super" | "self" => {
                let mut base = module.to_vec();
                let mut rest = path;
                while let Some((head, tail)) = rest.split_first() {
                    match head.as_str() {
                        "super" => {
                            base.pop();
                        }
                        "self" => {}
                        _ => break,
                    }
                    rest = tail;
                }
                base.extend(rest.iter().cloned());
                Some(base)
            }
            _ => {
                let child: Vec<String> = module.iter().chain([first]).cloned().collect();
                self.files
                    .contains_key(&child)
                    .then(|| module.iter().chain(path).cloned().collect())
            }
        }
    }

    /// The file that defines what an absolute path names: the longest
    /// prefix that is a module file, followed through its `pub use`.
    fn defining_file(&self, path: &[String], hops: usize) -> Option<&Vec<String>> {
        let (module, _) = (0..=path.len())
            .rev()
            .find_map(|n| self.files.get_key_value(&path[..n]))?;
        let item = path.get(module.len());
        let reexport = item.and_then(|item| {
            self.files[module]
                .uses()
                .into_iter()
                .filter(|(public, used)| *public && used.last() == Some(item))
                .find_map(|(_, used)| self.absolute(module, &used))
        });
        match reexport {
            Some(target) if hops < 8 => self.defining_file(&target, hops + 1),
            _ => Some(module),
        }
    }

    fn edges(&self) -> BTreeMap<&Vec<String>, BTreeSet<&Vec<String>>> {
        let mut edges = BTreeMap::new();
        for (module, file) in &self.files {
            // A `pub use` only routes a name through this module (its users'
            // paths are followed to the defining file), unless this module's
            // own code names the item too.
            let code = file.code_without_uses();
            let used = file
                .uses()
                .into_iter()
                .filter(|(public, path)| {
                    !public || path.last().is_some_and(|item| names(&code, item))
                })
                .map(|(_, path)| path);
            let written = used.chain(file.inline_paths());
            let targets = written
                .filter_map(|path| self.absolute(module, &path))
                .filter_map(|path| self.defining_file(&path, 0))
                .filter(|target| *target != module)
                .collect();
            edges.insert(module, targets);
        }
        edges
    }

    /// Every shortest circle through each file, named by the files' paths.
    fn circles(&self) -> Vec<String> {
        let edges = self.edges();
        let mut found = BTreeSet::new();
        for start in edges.keys() {
            // Breadth first from `start`; a way back to it is a circle.
            let mut previous: BTreeMap<&Vec<String>, &Vec<String>> = BTreeMap::new();
            let mut queue = std::collections::VecDeque::from([*start]);
            'search: while let Some(at) = queue.pop_front() {
                for next in edges.get(at).into_iter().flatten() {
                    if next == start {
                        let mut circle = vec![*start, at];
                        let mut back = at;
                        while let Some(before) = previous.get(back) {
                            circle.push(before);
                            back = before;
                        }
                        circle.pop();
                        circle.reverse();
                        circle.insert(0, start);
                        // Named from its least file, so each circle is listed once.
                        let names: Vec<&str> = circle[1..]
                            .iter()
                            .map(|m| self.files[*m].name.as_str())
                            .collect();
                        let least = (0..names.len()).min_by_key(|&i| names[i]).unwrap();
                        let mut ring: Vec<&str> = names[least..]
                            .iter()
                            .chain(&names[..least])
                            .copied()
                            .collect();
                        ring.push(ring[0]);
                        found.insert(ring.join(" → "));
                        break 'search;
                    }
                    if !previous.contains_key(next) && next != start {
                        previous.insert(next, at);
                        queue.push_back(next);
                    }
                }
            }
        }
        found.into_iter().collect()
    }
}

/// `mod name;` (not an inline `mod name { … }`), with any visibility.
fn declared_module(line: &str) -> Option<String> {
    let line = line.trim();
    let rest = line
        .strip_prefix("pub(crate) ")
        .or_else(|| line.strip_prefix("pub "))
        .unwrap_or(line);
    let name = rest.strip_prefix("mod ")?.strip_suffix(';')?;
    Some(name.trim().to_string())
}

/// Whether `code` names `item` as a whole word.
fn names(code: &str, item: &str) -> bool {
    code.match_indices(item).any(|(i, _)| {
        !is_ident(code[..i].chars().next_back()) && !is_ident(code[i + item.len()..].chars().next())
    })
}

fn opens_module(line: &str) -> bool {
    let line = line.trim();
    line.starts_with("mod ") && line.ends_with('{')
}

fn braces(line: &str) -> i64 {
    line.chars()
        .map(|c| match c {
            '{' => 1,
            '}' => -1,
            _ => 0,
        })
        .sum()
}

/// `a::{b, c::{d, e}}` as `a::b`, `a::c::d`, `a::c::e`.
fn expand_use_tree(tree: &str) -> Vec<Vec<String>> {
    let Some(open) = tree.find('{') else {
        let path = tree.split('@').next().unwrap_or(tree);
        return vec![
            path.split("::")
                .filter(|s| !s.is_empty() && *s != "*")
                .map(str::to_string)
                .collect(),
        ];
    };
    let prefix = tree[..open].trim_end_matches("::");
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|part| !part.is_empty())
        .flat_map(expand_use_tree)
        .map(|tail| {
            let mut path: Vec<String> = prefix
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            path.extend(tail.into_iter().filter(|s| s != "self"));
            path
        })
        .collect()
}

/// The text with every comment and every string or character literal
/// replaced by spaces, line breaks kept, so lines still count alike.
fn blank_comments_and_strings(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !is_ident(chars.get(i.wrapping_sub(1)).copied())
        {
            // A raw string: r"…", r#"…"#, …
            let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let close: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            out.push_str("\"\"");
            i += 2 + hashes;
            while i < chars.len() && !chars[i..].starts_with(&close) {
                out.push(blank(chars[i]));
                i += 1;
            }
            i += close.len();
        } else if c == '"' {
            out.push('"');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            out.push('"');
            i += 1;
        } else if c == '\'' && is_char_literal(&chars[i..]) {
            // An escape is at least two characters: `'\''`, `'\n'`, `'\u{…}'`.
            let length = if next == Some('\\') {
                (chars[(i + 3).min(chars.len())..].iter())
                    .position(|&c| c == '\'')
                    .map_or(2, |p| p + 4)
            } else {
                3
            };
            out.push_str("' '");
            out.extend(std::iter::repeat_n(' ', length.saturating_sub(3)));
            i += length;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// `'x'` or `'\n'`, as against a lifetime `'a`.
fn is_char_literal(rest: &[char]) -> bool {
    matches!(rest, ['\'', '\\', ..] | ['\'', _, '\'', ..])
}
