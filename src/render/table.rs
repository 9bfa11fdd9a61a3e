//! Plain text for a terminal: columns that line up with Chinese in them,
//! and paragraphs wrapped with a hanging indent, both measured in terminal
//! columns (a Chinese character takes two).

use unicode_width::UnicodeWidthStr;

/// Rows of cells, rendered with each column padded to its widest cell.
#[derive(Default)]
pub struct Table {
    rows: Vec<Vec<String>>,
    /// The columns whose cells wrap when the table is too wide, the first first.
    flexible: Vec<usize>,
}

/// Space between columns.
const GAP: usize = 2;
/// A wrapping column is never made narrower than this.
const MIN_WRAPPED: usize = 14;

impl Table {
    /// A table whose `columns` wrap, the first first, to keep it within
    /// the width it is rendered to.
    pub fn wrapping(columns: &[usize]) -> Table {
        Table {
            rows: Vec::new(),
            flexible: columns.to_vec(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The table in at most `max` columns (when its fixed columns allow),
    /// each line starting with `indent`.
    pub fn render(&self, indent: &str, max: usize) -> String {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths: Vec<usize> = (0..columns)
            .map(|c| {
                let cells = self.rows.iter().filter_map(|row| row.get(c));
                cells.map(|cell| cell.width()).max().unwrap_or(0)
            })
            .collect();
        let mut total =
            indent.width() + widths.iter().sum::<usize>() + GAP * columns.saturating_sub(1);
        for &c in &self.flexible {
            let Some(width) = widths.get_mut(c).filter(|_| total > max) else {
                break;
            };
            let narrower = width
                .saturating_sub(total - max)
                .max(MIN_WRAPPED)
                .min(*width);
            total -= *width - narrower;
            *width = narrower;
        }
        let mut out = String::new();
        for row in &self.rows {
            let cells: Vec<Vec<String>> = (row.iter().enumerate())
                .map(|(c, cell)| match self.flexible.contains(&c) {
                    true => wrap_lines(cell, widths[c]),
                    false => vec![cell.clone()],
                })
                .collect();
            let height = cells.iter().map(Vec::len).max().unwrap_or(1);
            for line in 0..height {
                let mut text = String::from(indent);
                for (c, cell) in cells.iter().enumerate() {
                    let part = cell.get(line).map_or("", String::as_str);
                    text.push_str(part);
                    if c + 1 < cells.len() {
                        text.push_str(&" ".repeat(widths[c].saturating_sub(part.width()) + GAP));
                    }
                }
                out.push_str(text.trim_end());
                out.push('\n');
            }
        }
        out
    }
}

/// `text` broken into lines of at most `width` columns (a longer word
/// stands alone), between words or between Chinese characters.
pub fn wrap_lines(text: &str, width: usize) -> Vec<String> {
    textwrap::wrap(text, width.max(1))
        .into_iter()
        .map(|line| line.into_owned())
        .collect()
}

/// `text` as a paragraph of at most `width` columns: `first` before its
/// first line, and each later line indented to line up after it.
pub fn hanging(first: &str, text: &str, width: usize) -> String {
    let indent = " ".repeat(first.width());
    let options = textwrap::Options::new(width.max(first.width() + 1))
        .initial_indent(first)
        .subsequent_indent(&indent);
    let mut out = textwrap::fill(text, options);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_wraps_by_display_width() {
        let text = "海上日出自9月起最易看到（夏季常有雾霾和海雾）；夏季日出约04:35-05:15，需约04:00从北戴河酒店出发。";
        let out = hanging("  - ", text, 40);
        for line in out.lines() {
            assert!(line.width() <= 40, "{line:?} is {} wide", line.width());
        }
        assert!(out.lines().count() > 1);
        assert!(out.lines().skip(1).all(|l| l.starts_with("    ")));
        let joined: String = out
            .lines()
            .map(str::trim_start)
            .collect::<Vec<_>>()
            .join("");
        let joined = joined.trim_start_matches("- ");
        assert_eq!(joined, text);
    }

    #[test]
    fn a_wide_column_wraps_to_keep_the_table_narrow() {
        let mut table = Table::wrapping(&[1]);
        table.row(vec!["07:00".into(), "word ".repeat(30), "¥35".into()]);
        table.row(vec!["08:00".into(), "短".into(), "¥1,280".into()]);
        let out = table.render("  ", 60);
        for line in out.lines() {
            assert!(line.width() <= 60, "{line:?}");
        }
        assert!(out.lines().count() > 2);
        assert!(out.lines().any(|l| l.ends_with("¥1,280")));
    }
}
