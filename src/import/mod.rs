//! Timetables from outside the pack: a copy of a 12306 query (CSV), its
//! stations matched to the pack's hubs, written as the pack's services.toml.
//! Every problem is reported at its file and line, and nothing is written
//! unless the whole file imports.

#[cfg(feature = "gtfs")]
mod gtfs;
mod railway;

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Hub, HubKind, Pack, Service, TimeOfDay};
use crate::suggest;

#[cfg(feature = "gtfs")]
pub use gtfs::from_gtfs;
pub use railway::from_12306_csv;

/// The days the imported timetable is valid, both included.
#[derive(Clone, Copy, Debug)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// A problem with the file being imported, at its line (1-based; 0 for
/// the file as a whole).
#[derive(Debug, PartialEq, Eq)]
pub struct ImportError {
    pub file: PathBuf,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.file.display(), self.message),
            line => write!(f, "{}:{line}: {}", self.file.display(), self.message),
        }
    }
}

/// Every problem of one import.
#[derive(Debug)]
pub struct ImportErrors(pub Vec<ImportError>);

impl fmt::Display for ImportErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

/// One imported service, as services.toml has it.
#[derive(Serialize)]
struct Row {
    id: String,
    mode: &'static str,
    from: String,
    to: String,
    depart: String,
    arrive: String,
    days: Days,
    valid_from: NaiveDate,
    valid_to: NaiveDate,
    source: String,
    estimated: Vec<&'static str>,
    fare: Fare,
}

/// A train found in the file, between two of the pack's hubs.
struct Train<'p> {
    id: String,
    from: &'p Hub,
    to: &'p Hub,
    depart: TimeOfDay,
    arrive: TimeOfDay,
    days: Days,
    period: Period,
    /// The adult second-class fare in CNY.
    adult: f64,
}

impl Train<'_> {
    /// Whether `rows` already hold this train between the same hubs.
    fn listed(&self, rows: &[Row]) -> bool {
        (rows.iter()).any(|r| r.id == self.id && r.from == self.from.id && r.to == self.to.id)
    }

    /// The services.toml row: children pay half the adult fare (China
    /// Railway's child ticket), seniors the adult fare.
    fn row(self, source: String, estimated: Vec<&'static str>) -> Row {
        Row {
            id: self.id,
            mode: "rail",
            from: self.from.id.clone(),
            to: self.to.id.clone(),
            depart: self.depart.to_string(),
            arrive: self.arrive.to_string(),
            days: self.days,
            valid_from: self.period.from,
            valid_to: self.period.to,
            source,
            estimated,
            fare: Fare {
                adult: self.adult,
                child: (self.adult * 100.0 / 2.0).round() / 100.0,
                senior: self.adult,
            },
        }
    }
}

/// `"daily"` or the list of weekdays, as services.toml has them.
#[derive(Serialize)]
#[serde(untagged)]
enum Days {
    Daily(&'static str),
    Some(Vec<&'static str>),
}

impl Days {
    /// `days` (Mo … Su) as the pack writes them.
    #[cfg_attr(not(feature = "gtfs"), allow(dead_code))]
    fn of(days: &[&'static str]) -> Days {
        match days.len() {
            7 => Days::Daily("daily"),
            _ => Days::Some(days.to_vec()),
        }
    }
}

#[derive(Serialize)]
struct Fare {
    adult: f64,
    child: f64,
    senior: f64,
}

#[derive(Serialize)]
struct Timetable {
    sample: bool,
    note: Note,
    source: String,
}

#[derive(Serialize)]
struct Note {
    zh: String,
    en: String,
}

#[derive(Serialize)]
struct File {
    timetable: Timetable,
    service: Vec<Row>,
}

/// The services.toml of `rows`, imported from `origin` (what and whence).
fn services_toml(origin: &str, period: Period, mut rows: Vec<Row>) -> String {
    rows.sort_by(|a, b| (&a.from, &a.depart, &a.id).cmp(&(&b.from, &b.depart, &b.id)));
    let (from, to) = (period.from, period.to);
    let file = File {
        timetable: Timetable {
            sample: false,
            note: Note {
                zh: format!(
                    "时刻表导入自{origin}，有效期{from}至{to}；出行前请再次核对车次和时刻。"
                ),
                en: format!(
                    "Timetable imported from {origin}, valid {from} to {to}; check the trains and times again before travel."
                ),
            },
            source: format!("{origin}, valid {from} to {to}"),
        },
        service: rows,
    };
    let body = toml::to_string(&file).unwrap_or_default();
    format!("# Imported by `jingqin timetable import`; edit with care, or import again.\n\n{body}")
}

/// The rail hub of the pack that `station` names: its id, its Chinese name
/// with or without 站, or its English name with or without "Railway Station".
fn rail_hub<'p>(pack: &'p Pack, station: &str) -> Result<&'p Hub, String> {
    let wanted = station.trim();
    let lower = wanted.to_lowercase();
    let rail = || pack.hubs.iter().filter(|h| h.kind == HubKind::Rail);
    let found = rail().find(|h| {
        let en = h.name.en.to_lowercase();
        h.id == wanted
            || h.name.zh == wanted
            || h.name.zh.strip_suffix('站') == Some(wanted)
            || en == lower
            || en.strip_suffix(" railway station") == Some(lower.as_str())
    });
    found.ok_or_else(|| {
        let names: Vec<&str> = rail().map(|h| h.name.zh.as_str()).collect();
        let hint = suggest::closest(wanted, names.iter().copied())
            .map(|name| format!("; did you mean {name}?"))
            .unwrap_or_default();
        format!(
            "station \"{wanted}\" is not a rail hub of the pack ({}){hint}; add it to hubs.toml or leave the row out",
            names.join(", ")
        )
    })
}

/// A service id may not claim to be a sample.
fn real_id(id: &str) -> Result<(), String> {
    match id.starts_with(Service::SAMPLE_PREFIX) {
        true => Err(format!(
            "\"{id}\" starts with {}, which marks a sample",
            Service::SAMPLE_PREFIX
        )),
        false => Ok(()),
    }
}

/// `path`'s text, or why it cannot be read.
fn read(path: &Path) -> Result<String, ImportErrors> {
    let whole = |message: String| {
        ImportErrors(vec![ImportError {
            file: path.to_owned(),
            line: 0,
            message,
        }])
    };
    let meta = std::fs::metadata(path).map_err(|e| whole(format!("cannot read the file: {e}")))?;
    if !meta.is_file() || meta.len() > crate::load::MAX_FILE_BYTES {
        return Err(whole(format!(
            "not a regular file of at most {} MiB",
            crate::load::MAX_FILE_BYTES >> 20
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| whole(format!("cannot read the file: {e}")))?;
    String::from_utf8(bytes).map_err(|_| whole("not UTF-8 text (save the copy as UTF-8)".into()))
}
