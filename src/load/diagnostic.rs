//! Problems found in a pack, each pointing at a file, line and column, and
//! shown as cargo shows them: the location, the message, the line underlined.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One pack file's text, and how to turn byte offsets into lines and columns.
#[derive(Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    /// The 1-based line and column (in characters) of a byte offset.
    fn locate(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }

    fn line_text(&self, line: usize) -> &str {
        self.text.lines().nth(line - 1).unwrap_or("")
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// One problem in a pack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// Where in the file; `None` for problems with the file as a whole.
    pub position: Option<Position>,
    pub message: String,
    /// The offending line and the columns to underline.
    excerpt: Option<(String, Range<usize>)>,
}

impl Diagnostic {
    pub fn at(file: &SourceFile, span: Range<usize>, message: String) -> Diagnostic {
        let position = file.locate(span.start);
        let line = file.line_text(position.line).to_owned();
        let end = if file.locate(span.end).line == position.line {
            file.locate(span.end).column.max(position.column + 1)
        } else {
            line.chars().count() + 1
        };
        Diagnostic {
            file: file.path.clone(),
            position: Some(position),
            message,
            excerpt: Some((line, position.column..end)),
        }
    }

    pub fn whole_file(file: &Path, message: String) -> Diagnostic {
        Diagnostic {
            file: file.to_owned(),
            position: None,
            message,
            excerpt: None,
        }
    }
}

/// The most characters of a message or source line shown: a huge bad
/// value is reported, not repeated.
const MAX_SHOWN: usize = 200;

/// `text` cut to `MAX_SHOWN` characters, marked with "…" when cut.
fn clip(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(MAX_SHOWN) {
        Some((at, _)) => format!("{}…", &text[..at]).into(),
        None => text.into(),
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = clip(&self.message);
        let Some(position) = self.position else {
            return write!(f, "{}: {message}", self.file.display());
        };
        write!(
            f,
            "{}:{}:{}: {message}",
            self.file.display(),
            position.line,
            position.column,
        )?;
        if let Some((line, columns)) = &self.excerpt {
            // The part of the line around the columns, at most MAX_SHOWN wide.
            let skip = columns.start.saturating_sub(MAX_SHOWN / 2 + 1);
            let shown: String = line.chars().skip(skip).collect();
            let line = clip(&shown);
            let start = columns.start - skip;
            let end = (columns.end - skip).clamp(start + 1, MAX_SHOWN + 2);
            let number = position.line.to_string();
            let gutter = " ".repeat(number.len());
            let pad = " ".repeat(start - 1);
            let marks = "^".repeat(end.saturating_sub(start).max(1));
            write!(
                f,
                "\n{gutter} |\n{number} | {line}\n{gutter} | {pad}{marks}"
            )?;
        }
        Ok(())
    }
}

/// Every problem found in a pack, in file order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n\n")?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
