//! Checks of single values, each reporting in the words of the entry it
//! belongs to: `site "laolongtou": lat = 139.9 is outside -90..90`.

use std::ops::{Range, RangeInclusive};

use chrono::{Datelike, NaiveDate};
use toml::Spanned;

use super::diagnostic::{Diagnostic, SourceFile};
use super::raw::{TomlFare, TomlText};
use crate::model::{Coord, Fare, Minutes, MonthDay, Provenance, Text, TimeOfDay};

/// The entry being checked: its file, its label and where problems go.
pub struct Scope<'a> {
    pub file: &'a SourceFile,
    pub label: String,
    out: &'a mut Vec<Diagnostic>,
}

/// The highest price accepted, in CNY: a guard against misplaced digits.
const MAX_CNY: f64 = 100_000.0;

impl<'a> Scope<'a> {
    pub fn new(file: &'a SourceFile, label: String, out: &'a mut Vec<Diagnostic>) -> Scope<'a> {
        Scope { file, label, out }
    }

    pub fn error(&mut self, span: Range<usize>, message: impl std::fmt::Display) {
        let message = format!("{}: {message}", self.label);
        self.out.push(Diagnostic::at(self.file, span, message));
    }

    /// An id: lowercase ASCII letters, digits, `_` and `-`.
    pub fn id(&mut self, id: &Spanned<String>) -> Option<String> {
        self.id_field("id", id)
    }

    /// Like [`Scope::id`], for a field named `field`.
    pub fn id_field(&mut self, field: &str, id: &Spanned<String>) -> Option<String> {
        let ok = !id.get_ref().is_empty()
            && id
                .get_ref()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if !ok {
            self.error(
                id.span(),
                format!(
                    "{field} \"{}\" must be lowercase ASCII letters, digits, '_' or '-'",
                    id.get_ref()
                ),
            );
        }
        ok.then(|| id.get_ref().clone())
    }

    pub fn text(&mut self, field: &str, text: &Spanned<TomlText>) -> Option<Text> {
        let TomlText { zh, en } = text.get_ref();
        for (lang, value) in [("zh", zh), ("en", en)] {
            if value.trim().is_empty() {
                self.error(
                    text.span(),
                    format!("{field}.{lang} is empty; expected text in both Chinese (zh) and English (en)"),
                );
                return None;
            }
        }
        Some(Text {
            zh: zh.clone(),
            en: en.clone(),
        })
    }

    pub fn non_empty(&mut self, field: &str, value: &Spanned<String>) -> Option<String> {
        if value.get_ref().trim().is_empty() {
            self.error(value.span(), format!("{field} is empty"));
            return None;
        }
        Some(value.get_ref().clone())
    }

    pub fn number(
        &mut self,
        field: &str,
        value: &Spanned<f64>,
        range: RangeInclusive<f64>,
    ) -> Option<f64> {
        let v = *value.get_ref();
        if !v.is_finite() {
            self.error(
                value.span(),
                format!("{field} = {v} is not a finite number"),
            );
            return None;
        }
        if !range.contains(&v) {
            self.error(
                value.span(),
                format!(
                    "{field} = {v} is outside {}..{}",
                    range.start(),
                    range.end()
                ),
            );
            return None;
        }
        Some(v)
    }

    pub fn coord(&mut self, lat: &Spanned<f64>, lon: &Spanned<f64>) -> Option<Coord> {
        let lat = self.number("lat", lat, -90.0..=90.0);
        let lon = self.number("lon", lon, -180.0..=180.0);
        Some(Coord {
            lat: lat?,
            lon: lon?,
        })
    }

    pub fn money(&mut self, field: &str, value: &Spanned<f64>) -> Option<f64> {
        self.number(field, value, 0.0..=MAX_CNY)
    }

    pub fn fare(&mut self, field: &str, fare: &TomlFare) -> Option<Fare> {
        let adult = self.money(&format!("{field}.adult"), &fare.adult);
        let child = self.money(&format!("{field}.child"), &fare.child);
        let senior = self.money(&format!("{field}.senior"), &fare.senior);
        Some(Fare {
            adult: adult?,
            child: child?,
            senior: senior?,
        })
    }

    /// A positive duration such as `"1h30m"`.
    pub fn duration(&mut self, field: &str, value: &Spanned<String>) -> Option<Minutes> {
        match value.get_ref().parse::<Minutes>() {
            Ok(minutes) if minutes.0 > 0 && minutes.0 <= 24 * 60 => Some(minutes),
            Ok(_) => {
                self.error(
                    value.span(),
                    format!(
                        "{field} = \"{}\" must be more than 0m and at most 24h",
                        value.get_ref()
                    ),
                );
                None
            }
            Err(()) => {
                self.error(
                    value.span(),
                    format!(
                        "{field} = \"{}\" is not a duration; expected e.g. \"45m\", \"2h\" or \"1h30m\"",
                        value.get_ref()
                    ),
                );
                None
            }
        }
    }

    /// Like [`Scope::duration`], but zero is allowed.
    pub fn duration_or_zero(&mut self, field: &str, value: &Spanned<String>) -> Option<Minutes> {
        match value.get_ref().as_str() {
            "0m" | "0h" => Some(Minutes(0)),
            _ => self.duration(field, value),
        }
    }

    pub fn clock(&mut self, field: &str, value: &Spanned<String>) -> Option<TimeOfDay> {
        let parsed = value.get_ref().parse::<TimeOfDay>().ok();
        if parsed.is_none() {
            self.error(
                value.span(),
                format!(
                    "{field} = \"{}\" is not a clock time; expected \"HH:MM\" between 00:00 and 24:00",
                    value.get_ref()
                ),
            );
        }
        parsed
    }

    pub fn month_day(&mut self, field: &str, value: &Spanned<String>) -> Option<MonthDay> {
        let parsed = value.get_ref().parse::<MonthDay>().ok();
        if parsed.is_none() {
            self.error(
                value.span(),
                format!(
                    "{field} = \"{}\" is not a day of the year; expected \"MM-DD\", e.g. \"07-01\"",
                    value.get_ref()
                ),
            );
        }
        parsed
    }

    pub fn date(&mut self, field: &str, value: &Spanned<String>) -> Option<NaiveDate> {
        let text = value.get_ref();
        let shaped = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        let parsed = NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .filter(|d| shaped && (2000..=2100).contains(&d.year()));
        if parsed.is_none() {
            self.error(
                value.span(),
                format!(
                    "{field} = \"{}\" is not a date; expected \"YYYY-MM-DD\" between 2000 and 2100",
                    value.get_ref()
                ),
            );
            return None;
        }
        parsed
    }

    /// An IANA time zone name such as `Asia/Shanghai`.
    pub fn timezone(&mut self, value: &Spanned<String>) -> Option<chrono_tz::Tz> {
        let parsed = value.get_ref().parse::<chrono_tz::Tz>().ok();
        if parsed.is_none() {
            let names = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
            let hint = crate::suggest::closest(value.get_ref(), names)
                .map(|name| format!(" (did you mean \"{name}\"?)"))
                .unwrap_or_default();
            self.error(
                value.span(),
                format!(
                    "timezone = \"{}\" is not an IANA time zone name{hint}",
                    value.get_ref()
                ),
            );
        }
        parsed
    }

    /// One of a fixed set of words.
    pub fn choice<T: Copy>(
        &mut self,
        field: &str,
        value: &Spanned<String>,
        choices: &[(&str, T)],
    ) -> Option<T> {
        let found = choices.iter().find(|(word, _)| word == value.get_ref());
        if found.is_none() {
            let words: Vec<&str> = choices.iter().map(|(word, _)| *word).collect();
            self.error(
                value.span(),
                format!(
                    "{field} = \"{}\" is not one of: {}",
                    value.get_ref(),
                    words.join(", ")
                ),
            );
        }
        found.map(|(_, t)| *t)
    }

    /// `source` and `estimated`, whose names must be fields of this entry.
    pub fn provenance(
        &mut self,
        source: &Spanned<String>,
        estimated: &Option<Spanned<Vec<Spanned<String>>>>,
        fields: &[&str],
    ) -> Provenance {
        let source = self.non_empty("source", source).unwrap_or_default();
        let mut names = Vec::new();
        for name in estimated.iter().flat_map(|list| list.get_ref()) {
            if fields.contains(&name.get_ref().as_str()) {
                names.push(name.get_ref().clone());
            } else {
                self.error(
                    name.span(),
                    format!(
                        "estimated names \"{}\", which is not a field here; expected some of: {}",
                        name.get_ref(),
                        fields.join(", ")
                    ),
                );
            }
        }
        Provenance {
            source,
            estimated: names,
        }
    }
}

/// Ids already taken, shared by sites, hubs and lodging so that a plan's
/// `from`/`to` always names one place.
#[derive(Default)]
pub struct Registry<'f>(std::collections::BTreeMap<String, (String, &'f SourceFile, Range<usize>)>);

impl<'f> Registry<'f> {
    /// Claims `id` for the entry `s` checks in `file`; reports it and
    /// returns false when another entry has it.
    pub fn claim(&mut self, s: &mut Scope, file: &'f SourceFile, id: &Spanned<String>) -> bool {
        if let Some((owner, first, span)) = self.0.get(id.get_ref()) {
            // Located only now: most ids are never claimed twice.
            let position = Diagnostic::at(first, span.clone(), String::new())
                .position
                .map(|p| format!(":{}:{}", p.line, p.column))
                .unwrap_or_default();
            let message = format!(
                "id \"{}\" is already used by {owner} at {}{position}",
                id.get_ref(),
                first.path.display()
            );
            s.error(id.span(), message);
            return false;
        }
        let owner = (s.label.clone(), file, id.span());
        self.0.insert(id.get_ref().clone(), owner);
        true
    }
}
