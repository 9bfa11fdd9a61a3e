//! One TOML file read key by key: each table and each `[[entry]]` is
//! deserialized on its own, so one bad entry never hides the problems of the
//! others, and keys nobody asked for are reported as unknown.

use std::ops::Range;

use serde::de::{DeserializeOwned, IntoDeserializer};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::{Diagnostic, SourceFile};

pub struct Document<'a> {
    pub file: &'a SourceFile,
    table: DeTable<'a>,
}

/// A value read from the document, with the span it came from.
pub struct Entry<T> {
    pub value: T,
    pub span: Range<usize>,
}

impl<'a> Document<'a> {
    pub fn parse(file: &'a SourceFile, out: &mut Vec<Diagnostic>) -> Option<Document<'a>> {
        match DeTable::parse(&file.text) {
            Ok(table) => Some(Document {
                file,
                table: table.into_inner(),
            }),
            Err(error) => {
                let span = error.span().unwrap_or(0..0);
                let message = format!("invalid TOML: {}", one_line(error.message()));
                out.push(Diagnostic::at(file, span, message));
                None
            }
        }
    }

    /// The required table `[key]`, describing itself as `what` in messages.
    pub fn table<T: DeserializeOwned>(
        &mut self,
        key: &str,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Entry<T>> {
        let Some(value) = self.table.remove(key) else {
            out.push(Diagnostic::at(
                self.file,
                0..0,
                format!("missing table [{key}]"),
            ));
            return None;
        };
        self.deserialize(value, &format!("[{key}]"), out)
    }

    /// The table `[key]` if the document has one.
    pub fn optional_table<T: DeserializeOwned>(
        &mut self,
        key: &str,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Entry<T>> {
        let value = self.table.remove(key)?;
        self.deserialize(value, &format!("[{key}]"), out)
    }

    /// The `[[key]]` entries, each read on its own. Returns the entries that
    /// read, and the ids of all entries: references to an entry that has
    /// problems of its own are not reported again.
    pub fn array<T: DeserializeOwned>(
        &mut self,
        key: &str,
        out: &mut Vec<Diagnostic>,
    ) -> (Vec<Entry<T>>, Vec<String>) {
        let Some(value) = self.table.remove(key) else {
            return (Vec::new(), Vec::new());
        };
        let span = value.span();
        let DeValue::Array(items) = value.into_inner() else {
            let message = format!("`{key}` must be an array of tables, written [[{key}]]");
            out.push(Diagnostic::at(self.file, span, message));
            return (Vec::new(), Vec::new());
        };
        let mut entries = Vec::new();
        let mut ids = Vec::new();
        for (index, item) in items.into_iter().enumerate() {
            let id = peek_id(&item);
            let label = match &id {
                Some(id) => format!("{key} \"{id}\""),
                None => format!("{key} #{}", index + 1),
            };
            entries.extend(self.deserialize(item, &label, out));
            ids.extend(id);
        }
        (entries, ids)
    }

    /// The `[key.<name>]` tables, in file order.
    pub fn named_tables<T: DeserializeOwned>(
        &mut self,
        key: &str,
        out: &mut Vec<Diagnostic>,
    ) -> Vec<(Spanned<String>, Entry<T>)> {
        let Some(value) = self.table.remove(key) else {
            out.push(Diagnostic::at(
                self.file,
                0..0,
                format!("missing table [{key}]"),
            ));
            return Vec::new();
        };
        let span = value.span();
        let DeValue::Table(tables) = value.into_inner() else {
            let message = format!("`{key}` must be a table of tables, written [{key}.<name>]");
            out.push(Diagnostic::at(self.file, span, message));
            return Vec::new();
        };
        let mut named = Vec::new();
        for (name, value) in tables {
            let label = format!("[{key}.{}]", name.get_ref());
            let name = Spanned::new(name.span(), name.get_ref().to_string());
            if let Some(entry) = self.deserialize(value, &label, out) {
                named.push((name, entry));
            }
        }
        named
    }

    /// Reports every top-level key that no one read.
    pub fn finish(self, out: &mut Vec<Diagnostic>) {
        for (key, _) in self.table {
            let message = format!(
                "unknown key `{}` at the top level of this file",
                key.get_ref()
            );
            out.push(Diagnostic::at(self.file, key.span(), message));
        }
    }

    fn deserialize<T: DeserializeOwned>(
        &self,
        value: Spanned<DeValue<'a>>,
        label: &str,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Entry<T>> {
        let span = value.span();
        match T::deserialize(value.into_deserializer()) {
            Ok(value) => Some(Entry { value, span }),
            Err(error) => {
                let at = error.span().unwrap_or_else(|| span.clone());
                let message = format!("{label}: {}", serde_message(error.message()));
                out.push(Diagnostic::at(self.file, at, message));
                None
            }
        }
    }
}

fn peek_id(item: &Spanned<DeValue<'_>>) -> Option<String> {
    let table = item.get_ref().as_table()?;
    table.get("id")?.get_ref().as_str().map(str::to_owned)
}

/// serde's wording, made to say what is expected in the pack's terms.
fn serde_message(message: &str) -> String {
    let message = one_line(message);
    if message.starts_with("data did not match any variant of untagged enum TomlDays") {
        return "days must be \"daily\" or a list of weekdays such as [\"Sa\", \"Su\"]".to_owned();
    }
    message
        .replace("expected f64", "expected a number")
        .replace("expected i64", "expected a whole number")
        .replace(
            "expected struct TomlText",
            "expected a table { zh = \"…\", en = \"…\" }",
        )
        .replace(
            "expected struct TomlFare",
            "expected a table { adult = …, child = …, senior = … }",
        )
}

pub fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}
