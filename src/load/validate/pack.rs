//! pack.toml: `pack_file` reads its sections in order; this module checks
//! the frame of a trip — the `[pack]` manifest, `[[area]]`, `[[season]]`,
//! `[day]`, `[pace.*]` and `[[meal]]` — and leaves the ways of getting about
//! to `travel`, the rules for parties to `parties` and what getting about
//! costs to `rides`.

use std::collections::BTreeMap;
use std::ops::Range;

use super::fields::{count, span};
use super::{parties, rides, travel};
use crate::load::diagnostic::{Diagnostic, SourceFile};
use crate::load::document::{Document, Entry};
use crate::load::raw::{
    TomlArea, TomlConcession, TomlDay, TomlDrive, TomlGroup, TomlMeal, TomlPace, TomlPaces,
    TomlPackInfo, TomlRides, TomlSeason, TomlTime, TomlTravel,
};
use crate::load::scope::Scope;
use crate::model::{
    Area, Concession, Drive, KnownTime, Meal, MealKind, MonthDay, PaceRule, Paces, PackInfo, Rides,
    Season, Slack, Span, TravelMode,
};

/// What pack.toml holds.
pub struct PackFile {
    pub info: PackInfo,
    pub areas: Vec<Area>,
    pub seasons: Vec<Season>,
    pub day: Span,
    pub paces: Paces,
    pub meals: Vec<Meal>,
    pub travel: BTreeMap<String, TravelMode>,
    /// Sourced times; their places are checked once every file is read.
    pub times: Vec<(KnownTime, [Range<usize>; 2])>,
    /// Concessions, with the spans of their site ids, checked likewise.
    pub concessions: Vec<(Concession, Vec<Range<usize>>)>,
    /// The group rules, with the span of the meeting hub and the places its
    /// leg caps name, checked likewise.
    pub group: Option<parties::CheckedGroup>,
    /// What local rides cost, if the pack says.
    pub rides: Option<Rides>,
    /// What a self-drive costs, with the spans of the sites its car parks name.
    pub drive: Option<(Drive, Vec<Range<usize>>)>,
}

/// Every section is read before any is checked, and the checks run in the
/// order below: a missing lunch or travel mode is only reported when nothing
/// earlier in the file had a problem.
pub fn pack_file(doc: &mut Document, out: &mut Vec<Diagnostic>) -> Option<PackFile> {
    let raw_info = doc.table::<TomlPackInfo>("pack", out);
    let (raw_areas, _) = doc.array::<TomlArea>("area", out);
    let (raw_seasons, _) = doc.array::<TomlSeason>("season", out);
    let raw_day = doc.table::<TomlDay>("day", out);
    let raw_paces = doc.table::<TomlPaces>("pace", out);
    let (raw_meals, _) = doc.array::<TomlMeal>("meal", out);
    let raw_travel = doc.named_tables::<TomlTravel>("travel", out);
    let (raw_times, _) = doc.array::<TomlTime>("time", out);
    let (raw_concessions, _) = doc.array::<TomlConcession>("concession", out);
    let raw_group = doc.optional_table::<TomlGroup>("group", out);
    let raw_rides = doc.optional_table::<TomlRides>("rides", out);
    let raw_drive = doc.optional_table::<TomlDrive>("drive", out);
    let file = doc.file;

    let areas = areas(file, raw_areas, out);
    let info = raw_info.and_then(|entry| info(file, entry.value, out));
    let seasons = seasons(file, raw_seasons, out);
    let day = raw_day.and_then(|Entry { value: raw, .. }| {
        let mut s = Scope::new(file, "[day]".into(), out);
        span(&mut s, &raw.start, &raw.end)
    });
    let paces = raw_paces.and_then(|entry| paces(file, &entry.value, out));
    let meals = meals(file, raw_meals, out);
    let travel = travel::modes(file, raw_travel, out);
    let times = travel::times(file, raw_times, out);
    let concessions = parties::concessions(file, raw_concessions, out);
    let group =
        raw_group.and_then(|Entry { value, span }| parties::group(file, value, span, &travel, out));
    let season_ids: Vec<&str> = seasons.iter().map(|s| s.id.as_str()).collect();
    let rides = raw_rides.and_then(|entry| rides::rides(file, entry.value, &season_ids, out));
    let drive = raw_drive.and_then(|entry| rides::drive(file, entry.value, out));

    Some(PackFile {
        info: info?,
        areas,
        seasons,
        day: day?,
        paces: paces?,
        meals,
        travel,
        times,
        concessions,
        group,
        rides,
        drive,
    })
}

fn areas(file: &SourceFile, areas: Vec<Entry<TomlArea>>, out: &mut Vec<Diagnostic>) -> Vec<Area> {
    let mut checked_areas: Vec<Area> = Vec::new();
    for Entry { value: raw, .. } in areas {
        let mut s = Scope::new(file, format!("area \"{}\"", raw.id.get_ref()), out);
        let (id, name) = (s.id(&raw.id), s.text("name", &raw.name));
        if checked_areas.iter().any(|a| &a.id == raw.id.get_ref()) {
            s.error(raw.id.span(), "this area is defined twice");
        } else if let (Some(id), Some(name)) = (id, name) {
            checked_areas.push(Area { id, name });
        }
    }
    checked_areas
}

/// The `[pack]` manifest.
fn info(file: &SourceFile, raw: TomlPackInfo, out: &mut Vec<Diagnostic>) -> Option<PackInfo> {
    let mut s = Scope::new(file, "[pack]".into(), out);
    let id = s.id(&raw.id);
    let name = s.text("name", &raw.name);
    let timezone = s.timezone(&raw.timezone);
    let destination = s.id_field("destination", &raw.destination);
    // Packs written before `origin` existed start in Beijing.
    let origin = match &raw.origin {
        Some(origin) => s.id_field("origin", origin),
        None => Some("beijing".to_owned()),
    };
    if let Some(origin) = &raw.origin
        && origin.get_ref() == raw.destination.get_ref()
    {
        s.error(
            origin.span(),
            "origin is the destination; a trip goes somewhere else",
        );
    }
    let source = s.non_empty("source", &raw.source);
    Some(PackInfo {
        id: id?,
        name: name?,
        timezone: timezone?,
        origin: origin?,
        destination: destination?,
        source: source?,
    })
}

fn seasons(
    file: &SourceFile,
    seasons: Vec<Entry<TomlSeason>>,
    out: &mut Vec<Diagnostic>,
) -> Vec<Season> {
    let mut checked_seasons: Vec<Season> = Vec::new();
    for Entry { value: raw, .. } in seasons {
        let mut s = Scope::new(file, format!("season \"{}\"", raw.id.get_ref()), out);
        let id = s.id(&raw.id);
        if raw.id.get_ref() == Season::OFF {
            s.error(
                raw.id.span(),
                "the id \"off\" is reserved for dates in no season",
            );
        }
        let name = s.text("name", &raw.name);
        let from = s.month_day("from", &raw.from);
        let to = s.month_day("to", &raw.to);
        let source = s.non_empty("source", &raw.source);
        let (Some(id), Some(name), Some(from), Some(to), Some(source)) =
            (id, name, from, to, source)
        else {
            continue;
        };
        let season = Season {
            id,
            name,
            from,
            to,
            source,
        };
        if let Some(other) = checked_seasons.iter().find(|o| o.id == season.id) {
            s.error(
                raw.id.span(),
                format!("season \"{}\" is defined twice", other.id),
            );
        } else if let Some(other) = checked_seasons.iter().find(|o| overlap(o, &season)) {
            s.error(
                raw.from.span().start..raw.to.span().end,
                format!(
                    "{}..{} overlaps season \"{}\" ({}..{}); a date belongs to one season only",
                    season.from, season.to, other.id, other.from, other.to
                ),
            );
        } else {
            checked_seasons.push(season);
        }
    }
    checked_seasons
}

fn paces(file: &SourceFile, raw: &TomlPaces, out: &mut Vec<Diagnostic>) -> Option<Paces> {
    let mut pace = |name: &str, raw: &TomlPace| {
        let mut s = Scope::new(file, format!("[pace.{name}]"), out);
        let hours = span(&mut s, &raw.start, &raw.end);
        let slack = slack(&mut s, &raw.slack);
        let day_span = raw.span.as_ref().map(|v| s.duration("span", v));
        let home_by = raw.home_by.as_ref().map(|v| s.clock("home_by", v));
        let visits = (raw.visits.as_ref()).map(|v| count(&mut s, "visits", v, 1..=20));
        Some(PaceRule {
            hours: hours?,
            slack: slack?,
            span: day_span.map_or(Some(None), |v| v.map(Some))?,
            home_by: home_by.map_or(Some(None), |v| v.map(Some))?,
            visits: visits.map_or(Some(None), |v| v.map(Some))?,
        })
    };
    let relaxed = pace("relaxed", &raw.relaxed);
    let standard = pace("standard", &raw.standard);
    let packed = pace("packed", &raw.packed);
    Some(Paces {
        relaxed: relaxed?,
        standard: standard?,
        packed: packed?,
    })
}

/// The `[[meal]]` entries, of which lunch is required.
fn meals(file: &SourceFile, meals: Vec<Entry<TomlMeal>>, out: &mut Vec<Diagnostic>) -> Vec<Meal> {
    let mut checked_meals: Vec<Meal> = Vec::new();
    for Entry { value: raw, .. } in meals {
        let mut s = Scope::new(file, format!("meal \"{}\"", raw.id.get_ref()), out);
        let kind = s.choice(
            "id",
            &raw.id,
            &[
                ("breakfast", MealKind::Breakfast),
                ("lunch", MealKind::Lunch),
                ("dinner", MealKind::Dinner),
            ],
        );
        let name = s.text("name", &raw.name);
        let duration = s.duration("duration", &raw.duration);
        let window = match raw.window.get_ref().as_slice() {
            [start, end] => span(&mut s, start, end),
            _ => {
                s.error(
                    raw.window.span(),
                    "window must be two clock times, e.g. [\"11:30\", \"13:30\"]",
                );
                None
            }
        };
        let (Some(kind), Some(name), Some(duration), Some(window)) = (kind, name, duration, window)
        else {
            continue;
        };
        if window.end.minutes() - window.start.minutes() < duration.0 {
            s.error(
                raw.duration.span(),
                format!(
                    "duration {duration} does not fit in the window {}–{}",
                    window.start, window.end
                ),
            );
        } else if checked_meals.iter().any(|m| m.kind == kind) {
            s.error(
                raw.id.span(),
                format!("meal \"{}\" is defined twice", raw.id.get_ref()),
            );
        } else {
            checked_meals.push(Meal {
                kind,
                name,
                window,
                duration,
            });
        }
    }
    if !checked_meals.iter().any(|m| m.kind == MealKind::Lunch)
        && !out.iter().any(|d| d.file == file.path)
    {
        out.push(Diagnostic::at(
            file,
            0..0,
            "missing [[meal]] with id = \"lunch\"".into(),
        ));
    }
    checked_meals
}

/// `"10m"` a fixed buffer, `"15%"` in proportion to the ride.
fn slack(s: &mut Scope, value: &toml::Spanned<String>) -> Option<Slack> {
    let percent = value.get_ref().strip_suffix('%').map(str::parse::<u32>);
    match percent {
        Some(Ok(p)) if p <= 100 => Some(Slack::Percent(p)),
        Some(_) => {
            let message = format!("slack = \"{}\" must be 0% to 100%", value.get_ref());
            s.error(value.span(), message);
            None
        }
        None => s.duration_or_zero("slack", value).map(Slack::Fixed),
    }
}

fn overlap(a: &Season, b: &Season) -> bool {
    // Every day of a leap year, so that 02-29 counts.
    let year = chrono::NaiveDate::from_ymd_opt(2024, 1, 1)
        .into_iter()
        .flat_map(|d| d.iter_days().take(366));
    year.map(MonthDay::of)
        .any(|day| a.contains(day) && b.contains(day))
}
