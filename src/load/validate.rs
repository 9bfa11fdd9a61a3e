//! Raw TOML entries → model types, file by file. Every check runs and every
//! problem is recorded; an entry with a problem is left out of the result.

use std::collections::BTreeMap;
use std::ops::Range;

use super::diagnostic::Diagnostic;
use super::document::{Document, Entry};
use super::raw::*;
use super::scope::{Registry, Scope};
use crate::model::*;

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
    /// The group rules, with the span of the meeting hub, checked likewise.
    pub group: Option<(Group, Option<Range<usize>>)>,
}

/// The local travel modes every pack must define.
const REQUIRED_MODES: [&str; 2] = ["car", "walk"];

pub fn pack_file(doc: &mut Document, out: &mut Vec<Diagnostic>) -> Option<PackFile> {
    let info = doc.table::<TomlPackInfo>("pack", out);
    let (areas, _) = doc.array::<TomlArea>("area", out);
    let (seasons, _) = doc.array::<TomlSeason>("season", out);
    let day = doc.table::<TomlDay>("day", out);
    let paces = doc.table::<TomlPaces>("pace", out);
    let (meals, _) = doc.array::<TomlMeal>("meal", out);
    let travel = doc.named_tables::<TomlTravel>("travel", out);
    let (times, _) = doc.array::<TomlTime>("time", out);
    let (concessions, _) = doc.array::<TomlConcession>("concession", out);
    let group = doc.optional_table::<TomlGroup>("group", out);
    let file = doc.file;

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

    let info = info.and_then(|Entry { value: raw, .. }| {
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
    });

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

    let day = day.and_then(|Entry { value: raw, .. }| {
        let mut s = Scope::new(file, "[day]".into(), out);
        span(&mut s, &raw.start, &raw.end)
    });

    let paces = paces.and_then(|Entry { value: raw, .. }| {
        let mut pace = |name: &str, raw: &TomlPace| {
            let mut s = Scope::new(file, format!("[pace.{name}]"), out);
            let hours = span(&mut s, &raw.start, &raw.end);
            let slack = slack(&mut s, &raw.slack);
            let day_span = raw.span.as_ref().map(|v| s.duration("span", v));
            let home_by = raw.home_by.as_ref().map(|v| s.clock("home_by", v));
            Some(PaceRule {
                hours: hours?,
                slack: slack?,
                span: day_span.map_or(Some(None), |v| v.map(Some))?,
                home_by: home_by.map_or(Some(None), |v| v.map(Some))?,
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
    });

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

    let mut modes = BTreeMap::new();
    for (name, Entry { value: raw, .. }) in travel {
        let mut s = Scope::new(file, format!("[travel.{}]", name.get_ref()), out);
        let speed = s.number("speed_kmh", &raw.speed_kmh, 1.0..=300.0);
        let mut bands = Vec::new();
        for band in raw.bands.iter().flat_map(|b| b.get_ref()) {
            let from_km = s.number("bands.from_km", &band.from_km, 0.0..=1000.0);
            let speed_kmh = s.number("bands.speed_kmh", &band.speed_kmh, 1.0..=300.0);
            let (Some(from_km), Some(speed_kmh)) = (from_km, speed_kmh) else {
                continue;
            };
            if bands
                .last()
                .is_some_and(|b: &SpeedBand| b.from_km >= from_km)
            {
                s.error(
                    band.from_km.span(),
                    format!("bands.from_km = {from_km} is not above the band before it"),
                );
            }
            bands.push(SpeedBand { from_km, speed_kmh });
        }
        let detour = s.number("detour", &raw.detour, 1.0..=5.0);
        let overhead = s.duration_or_zero("overhead", &raw.overhead);
        let mut distance = |field: &str, km: &Option<toml::Spanned<f64>>| match km {
            Some(km) => s.number(field, km, 0.0..=1000.0).map(Some),
            None => Some(None),
        };
        let (min_km, max_km) = (
            distance("min_km", &raw.min_km),
            distance("max_km", &raw.max_km),
        );
        let provenance = s.provenance(
            &raw.source,
            &raw.estimated,
            &["speed_kmh", "detour", "overhead", "min_km", "max_km"],
        );
        if let (Some(speed_kmh), Some(detour), Some(overhead), Some(min_km), Some(max_km)) =
            (speed, detour, overhead, min_km, max_km)
        {
            let mode = TravelMode {
                speed_kmh,
                bands,
                detour,
                overhead,
                min_km,
                max_km,
                provenance,
            };
            modes.insert(name.into_inner(), mode);
        }
    }
    for mode in REQUIRED_MODES {
        if !modes.contains_key(mode) && !out.iter().any(|d| d.file == file.path) {
            out.push(Diagnostic::at(
                file,
                0..0,
                format!("missing table [travel.{mode}]"),
            ));
        }
    }

    let mut checked_times = Vec::new();
    for Entry { value: raw, .. } in times {
        let label = format!("time {} → {}", raw.from.get_ref(), raw.to.get_ref());
        let mut s = Scope::new(file, label, out);
        let mode = s.choice(
            "mode",
            &raw.mode,
            &[("car", LocalMode::Car), ("walk", LocalMode::Walk)],
        );
        let minutes = match u32::try_from(*raw.minutes.get_ref()) {
            Ok(m) if (1..=600).contains(&m) => Some(Minutes(m)),
            _ => {
                let message = format!("minutes = {} is outside 1..600", raw.minutes.get_ref());
                s.error(raw.minutes.span(), message);
                None
            }
        };
        let km = raw.km.as_ref().map(|km| s.number("km", km, 0.0..=1000.0));
        let source = s.non_empty("source", &raw.source);
        if let (Some(mode), Some(minutes), Some(km), Some(source)) = (
            mode,
            minutes,
            km.map_or(Some(None), |k| k.map(Some)),
            source,
        ) {
            let spans = [raw.from.span(), raw.to.span()];
            let time = KnownTime {
                from: raw.from.into_inner(),
                to: raw.to.into_inner(),
                mode,
                minutes,
                km,
                source,
            };
            checked_times.push((time, spans));
        }
    }

    let mut checked_concessions: Vec<(Concession, Vec<Range<usize>>)> = Vec::new();
    for Entry { value: raw, .. } in concessions {
        let mut s = Scope::new(file, format!("concession \"{}\"", raw.id.get_ref()), out);
        let id = s.id(&raw.id);
        if checked_concessions
            .iter()
            .any(|(c, _)| &c.id == raw.id.get_ref())
        {
            s.error(raw.id.span(), "this concession is defined twice");
        }
        let mut share = |field: &str, value: &Option<toml::Spanned<f64>>| match value {
            Some(value) => s.number(field, value, 0.0..=1.0).map(Some),
            None => Some(None),
        };
        let (child, senior) = (share("child", &raw.child), share("senior", &raw.senior));
        if raw.child.is_none() && raw.senior.is_none() {
            s.error(
                raw.id.span(),
                "a concession gives child or senior (the share of the adult price they pay)",
            );
        }
        if raw.sites.get_ref().is_empty() {
            s.error(raw.sites.span(), "sites lists no site");
        }
        let note = s.text("note", &raw.note);
        let provenance = s.provenance(&raw.source, &raw.estimated, &["child", "senior", "sites"]);
        if let (Some(id), Some(child), Some(senior), Some(note)) = (id, child, senior, note) {
            let spans = raw.sites.get_ref().iter().map(|s| s.span()).collect();
            let concession = Concession {
                id,
                sites: raw
                    .sites
                    .into_inner()
                    .into_iter()
                    .map(|s| s.into_inner())
                    .collect(),
                child,
                senior,
                note,
                provenance,
            };
            checked_concessions.push((concession, spans));
        }
    }

    let group = group.and_then(|Entry { value: raw, span }| {
        let mut s = Scope::new(file, "[group]".into(), out);
        let min_size = count(&mut s, "min_size", &raw.min_size, 2..=1000);
        let boarding = s.duration_or_zero("boarding", &raw.boarding);
        let coach_walk = s.duration_or_zero("coach_walk", &raw.coach_walk);
        let staff = count(&mut s, "staff", &raw.staff, 0..=10);
        let per_day = s.money("coach.per_day", &raw.coach.per_day);
        let per_km = (raw.coach.per_km.as_ref()).map_or(Some(0.0), |k| s.money("coach.per_km", k));
        let seats = count(&mut s, "coach.seats", &raw.coach.seats, 1..=100);
        let continuous = s.duration("driving.continuous", &raw.driving.continuous);
        let rest = s.duration("driving.rest", &raw.driving.rest);
        let daily = s.duration("driving.daily", &raw.driving.daily);
        let drivers = count(&mut s, "driving.drivers", &raw.driving.drivers, 1..=4);
        for mode in ["coach", "coach_road"] {
            if !modes.contains_key(mode) {
                s.error(
                    span.clone(),
                    format!("[group] needs a [travel.{mode}] table for the coach's speeds"),
                );
            }
        }
        let provenance = s.provenance(
            &raw.source,
            &raw.estimated,
            &[
                "min_size",
                "boarding",
                "coach_walk",
                "staff",
                "coach",
                "driving",
            ],
        );
        let group = Group {
            min_size: min_size?,
            meet: raw.meet.as_ref().map(|m| m.get_ref().clone()),
            boarding: boarding?,
            coach_walk: coach_walk?,
            staff: staff?,
            coach: CoachHire {
                per_day: per_day?,
                per_km: per_km?,
                seats: seats?,
            },
            driving: DrivingRules {
                continuous: continuous?,
                rest: rest?,
                daily: daily?,
                drivers: drivers?,
            },
            provenance,
        };
        Some((group, raw.meet.as_ref().map(|m| m.span())))
    });

    Some(PackFile {
        info: info?,
        areas: checked_areas,
        seasons: checked_seasons,
        day: day?,
        paces: paces?,
        meals: checked_meals,
        travel: modes,
        times: checked_times,
        concessions: checked_concessions,
        group,
    })
}

/// A whole number in `range`.
fn count(
    s: &mut Scope,
    field: &str,
    value: &toml::Spanned<i64>,
    range: std::ops::RangeInclusive<u32>,
) -> Option<u32> {
    let n = u32::try_from(*value.get_ref())
        .ok()
        .filter(|n| range.contains(n));
    if n.is_none() {
        let message = format!(
            "{field} = {} is outside {}..{}",
            value.get_ref(),
            range.start(),
            range.end()
        );
        s.error(value.span(), message);
    }
    n
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

/// `area = "…"`, one of the pack's `[[area]]` ids; the district's Chinese
/// name stands for it when absent.
fn area(
    s: &mut Scope,
    raw: &Option<toml::Spanned<String>>,
    district: &TomlText,
    areas: Option<&[Area]>,
) -> Option<String> {
    let Some(raw) = raw else {
        return Some(district.zh.clone());
    };
    let ids: Option<Vec<String>> = areas.map(|list| list.iter().map(|a| a.id.clone()).collect());
    reference(s, "area", raw, ids.as_deref(), "an [[area]] in pack.toml")
}

fn day_range(s: &mut Scope, field: &str, raw: &TomlDayRange) -> Option<DayRange> {
    let from = s.month_day(&format!("{field}.from"), &raw.from);
    let to = s.month_day(&format!("{field}.to"), &raw.to);
    Some(DayRange {
        from: from?,
        to: to?,
    })
}

fn span(s: &mut Scope, start: &toml::Spanned<String>, end: &toml::Spanned<String>) -> Option<Span> {
    let (open, close) = (s.clock("start", start), s.clock("end", end));
    let (open, close) = (open?, close?);
    if close <= open {
        s.error(
            start.span().start..end.span().end,
            format!("ends at {close}, not after it starts at {open}"),
        );
        return None;
    }
    Some(Span {
        start: open,
        end: close,
    })
}

fn overlap(a: &Season, b: &Season) -> bool {
    // Every day of a leap year, so that 02-29 counts.
    let year = chrono::NaiveDate::from_ymd_opt(2024, 1, 1)
        .into_iter()
        .flat_map(|d| d.iter_days().take(366));
    year.map(MonthDay::of)
        .any(|day| a.contains(day) && b.contains(day))
}

/// No holiday block of China's calendar is longer (Spring Festival: 9 days).
const MAX_HOLIDAY_DAYS: i64 = 31;

pub fn calendar_file(doc: &mut Document, out: &mut Vec<Diagnostic>) -> Option<Calendar> {
    let calendar = doc.table::<TomlCalendar>("calendar", out);
    let (holidays, _) = doc.array::<TomlHoliday>("holiday", out);
    let file = doc.file;
    let mut checked = Vec::new();
    for Entry { value: raw, span } in holidays {
        let mut s = Scope::new(file, format!("holiday \"{}\"", raw.name.get_ref().en), out);
        let name = s.text("name", &raw.name);
        let status = s.choice(
            "status",
            &raw.status,
            &[
                ("official", HolidayStatus::Official),
                ("statutory", HolidayStatus::Statutory),
            ],
        );
        let source = s.non_empty("source", &raw.source);
        let dates = match (&raw.date, &raw.from, &raw.to) {
            (Some(date), None, None) => s.date("date", date).map(|d| (d, d)),
            (None, Some(from), Some(to)) => {
                let (from_date, to_date) = (s.date("from", from), s.date("to", to));
                match (from_date, to_date) {
                    (Some(f), Some(t)) if t < f => {
                        s.error(
                            from.span().start..to.span().end,
                            format!("to = {t} is before from = {f}"),
                        );
                        None
                    }
                    (Some(f), Some(t)) if (t - f).num_days() >= MAX_HOLIDAY_DAYS => {
                        s.error(
                            from.span().start..to.span().end,
                            format!(
                                "{f}..{t} is longer than {MAX_HOLIDAY_DAYS} days; is a year wrong?"
                            ),
                        );
                        None
                    }
                    (f, t) => f.zip(t),
                }
            }
            _ => {
                s.error(
                    span,
                    "give either date = \"YYYY-MM-DD\" or both from and to",
                );
                None
            }
        };
        if let (Some(name), Some(status), Some(source), Some((from, to))) =
            (name, status, source, dates)
        {
            checked.push(Holiday {
                from,
                to,
                name,
                status,
                source,
            });
        }
    }
    let calendar = calendar?;
    let mut s = Scope::new(file, "[calendar]".into(), out);
    let source = s.non_empty("source", &calendar.value.source)?;
    Some(Calendar {
        source,
        holidays: checked,
    })
}

const CATEGORIES: [(&str, Category); 7] = [
    ("nature", Category::Nature),
    ("culture", Category::Culture),
    ("art", Category::Art),
    ("wellness", Category::Wellness),
    ("museum", Category::Museum),
    ("food", Category::Food),
    ("shopping", Category::Shopping),
];

/// Sites, and the ids of all entries, valid or not.
pub fn sites_file<'f>(
    doc: &mut Document<'f>,
    calendar: &Calendar,
    seasons: Option<&[Season]>,
    areas: Option<&[Area]>,
    registry: &mut Registry<'f>,
    out: &mut Vec<Diagnostic>,
) -> (Vec<Site>, Vec<String>) {
    let (sites, ids) = doc.array::<TomlSite>("site", out);
    if ids.is_empty() {
        out.push(Diagnostic::at(
            doc.file,
            0..0,
            "no [[site]] entries; a pack needs at least one".into(),
        ));
    }
    let file = doc.file;
    let mut checked = Vec::new();
    let holidays = calendar.opening_hours_holidays();
    for Entry { value: raw, .. } in sites {
        let mut s = Scope::new(file, format!("site \"{}\"", raw.id.get_ref()), out);
        let id = s
            .id(&raw.id)
            .filter(|_| registry.claim(&mut s, file, &raw.id));
        let name = s.text("name", &raw.name);
        let district = s.text("district", &raw.district);
        let area = area(&mut s, &raw.area, raw.district.get_ref(), areas);
        let worth: Vec<Option<DayRange>> = (raw.worth.iter())
            .map(|range| day_range(&mut s, "worth", range))
            .collect();
        let address = raw.address.as_ref().map(|a| s.non_empty("address", a));
        let coord = s.coord(&raw.lat, &raw.lon);
        let category = s.choice("category", &raw.category, &CATEGORIES);
        let rating = s.number("rating", &raw.rating, 0.0..=10.0);
        let visit = s.duration("visit", &raw.visit);
        let min_visit = s.duration("min_visit", &raw.min_visit);
        if let (Some(visit), Some(min)) = (visit, min_visit)
            && min > visit
        {
            s.error(
                raw.min_visit.span(),
                format!("min_visit {min} is longer than visit {visit}"),
            );
        }
        let base = s.fare(
            "price",
            &TomlFare {
                adult: raw.price.adult.clone(),
                child: raw.price.child.clone(),
                senior: raw.price.senior.clone(),
            },
        );
        let group = raw.price.group.as_ref().map(|g| {
            Some(GroupFare {
                adult: s.money("price.group.adult", &g.adult)?,
                min_size: count(&mut s, "price.group.min_size", &g.min_size, 2..=1000)?,
                free: match &g.free {
                    Some(free) => count(&mut s, "price.group.free", free, 0..=10)?,
                    None => 0,
                },
            })
        });
        let coach_walk = raw
            .coach_walk
            .as_ref()
            .map(|w| s.duration_or_zero("coach_walk", w));
        let mut by_season = BTreeMap::new();
        for (season, fare) in &raw.price.season {
            let known = seasons.is_none_or(|list| list.iter().any(|x| &x.id == season.get_ref()));
            if !known {
                let names: Vec<&str> = seasons
                    .unwrap_or_default()
                    .iter()
                    .map(|x| x.id.as_str())
                    .collect();
                s.error(
                    season.span(),
                    format!(
                        "price.season.{} names an unknown season; pack.toml defines: {}",
                        season.get_ref(),
                        if names.is_empty() {
                            "none".to_owned()
                        } else {
                            names.join(", ")
                        }
                    ),
                );
            }
            if let Some(fare) = s.fare(&format!("price.season.{}", season.get_ref()), fare) {
                by_season.insert(season.get_ref().clone(), fare);
            }
        }
        let hours = match Hours::parse(raw.hours.get_ref(), &holidays) {
            Ok(hours) => Some(hours),
            Err(error) => {
                // Point at the offending character: past the opening quote.
                let at = raw.hours.span().start + 1 + error.offset;
                s.error(
                    at..at + 1,
                    format!(
                        "hours = \"{}\" is not valid OpenStreetMap opening_hours: {}",
                        raw.hours.get_ref(),
                        error.message
                    ),
                );
                None
            }
        };
        let notes = raw.notes.as_ref().map(|n| s.text("notes", n));
        let caveat = raw.caveat.as_ref().map(|n| s.text("caveat", n));
        let summary = s.text("summary", &raw.summary);
        let tags: Vec<String> = raw
            .tags
            .iter()
            .filter_map(|t| s.non_empty("tag", t))
            .collect();
        let provenance = s.provenance(
            &raw.source,
            &raw.estimated,
            &[
                "lat",
                "lon",
                "rating",
                "visit",
                "min_visit",
                "price",
                "hours",
                "address",
                "district",
            ],
        );
        let site = (|| {
            Some(Site {
                id: id?,
                name: name?,
                district: district?,
                area: area?,
                address: address.map_or(Some(None), |a| a.map(Some))?,
                coord: coord?,
                category: category?,
                tags,
                rating: rating?,
                visit: visit?,
                min_visit: min_visit.filter(|m| Some(*m) <= visit)?,
                price: Prices {
                    base: base?,
                    by_season,
                    group: group.map_or(Some(None), |g| g.map(Some))?,
                },
                coach_walk: coach_walk.map_or(Some(None), |w| w.map(Some))?,
                hours: hours?,
                sunrise: raw.sunrise,
                dawn: raw.dawn,
                booking: raw.booking,
                crowds: raw.crowds,
                worth: worth.into_iter().collect::<Option<_>>()?,
                notes: notes.map_or(Some(None), |n| n.map(Some))?,
                caveat: caveat.map_or(Some(None), |n| n.map(Some))?,
                summary: summary?,
                provenance,
            })
        })();
        checked.extend(site);
    }
    (checked, ids)
}

const HUB_KINDS: [(&str, HubKind); 3] = [
    ("rail", HubKind::Rail),
    ("coach", HubKind::Coach),
    ("airport", HubKind::Airport),
];

pub fn hubs_file<'f>(
    doc: &mut Document<'f>,
    areas: Option<&[Area]>,
    registry: &mut Registry<'f>,
    out: &mut Vec<Diagnostic>,
) -> (Vec<Hub>, Vec<String>) {
    let (hubs, ids) = doc.array::<TomlHub>("hub", out);
    let file = doc.file;
    let mut checked = Vec::new();
    for Entry { value: raw, .. } in hubs {
        let mut s = Scope::new(file, format!("hub \"{}\"", raw.id.get_ref()), out);
        let id = s
            .id(&raw.id)
            .filter(|_| registry.claim(&mut s, file, &raw.id));
        let name = s.text("name", &raw.name);
        let district = s.text("district", &raw.district);
        let area = area(&mut s, &raw.area, raw.district.get_ref(), areas);
        let coord = s.coord(&raw.lat, &raw.lon);
        let kind = s.choice("kind", &raw.kind, &HUB_KINDS);
        // The origin, the destination, or a third city a hub may serve.
        let city = s.id_field("city", &raw.city).map(|_| ());
        let provenance = s.provenance(
            &raw.source,
            &raw.estimated,
            &["name", "district", "lat", "lon"],
        );
        if let (
            Some(id),
            Some(name),
            Some(district),
            Some(area),
            Some(coord),
            Some(kind),
            Some(()),
        ) = (id, name, district, area, coord, kind, city)
        {
            let city = raw.city.into_inner();
            checked.push(Hub {
                id,
                name,
                district,
                area,
                coord,
                city,
                kind,
                provenance,
            });
        }
    }
    (checked, ids)
}

const WEEKDAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

pub fn services_file(
    doc: &mut Document,
    hubs: Option<&[String]>,
    out: &mut Vec<Diagnostic>,
) -> Option<(Timetable, Vec<Service>)> {
    let timetable = doc.table::<TomlTimetable>("timetable", out);
    let (services, _) = doc.array::<TomlService>("service", out);
    let file = doc.file;
    // A service is a sample unless it says otherwise when the timetable is one.
    let all_samples = timetable.as_ref().is_some_and(|t| t.value.sample);
    let mut checked: Vec<Service> = Vec::new();
    for Entry { value: raw, .. } in services {
        let mut s = Scope::new(file, format!("service \"{}\"", raw.id.get_ref()), out);
        let id = s.non_empty("id", &raw.id);
        let sample = raw.sample.as_ref().map_or(all_samples, |s| *s.get_ref());
        let prefix = Service::SAMPLE_PREFIX;
        match (sample, raw.id.get_ref().starts_with(prefix)) {
            (true, false) => s.error(
                raw.id.span(),
                format!(
                    "a sample service's id starts with \"{prefix}\" (e.g. \"{prefix}D001\"), so that it cannot pass for a real train number"
                ),
            ),
            (true, true) if looks_like_a_train_number(&raw.id.get_ref()[prefix.len()..]) => s.error(
                raw.id.span(),
                "a sample's number is shown without its prefix, so it must not look like a real train number: start the digits with 0 (e.g. \"SAMPLE-G001\")",
            ),
            (false, true) => s.error(
                raw.id.span(),
                format!("\"{prefix}\" marks a sample; this service is not one (sample = false)"),
            ),
            _ => {}
        }
        let valid_from = s.date("valid_from", &raw.valid_from);
        let valid_to = s.date("valid_to", &raw.valid_to);
        if let (Some(from), Some(to)) = (valid_from, valid_to)
            && to < from
        {
            s.error(
                raw.valid_to.span(),
                format!("valid_to {to} is before valid_from {from}"),
            );
        }
        // A train stopping at two hubs is one service for each pair of them.
        let same = |x: &Service| {
            &x.id == raw.id.get_ref() && &x.from == raw.from.get_ref() && &x.to == raw.to.get_ref()
        };
        if checked.iter().any(same) {
            s.error(
                raw.id.span(),
                format!(
                    "service \"{}\" from {} to {} is listed twice",
                    raw.id.get_ref(),
                    raw.from.get_ref(),
                    raw.to.get_ref()
                ),
            );
        }
        let mode = s.choice(
            "mode",
            &raw.mode,
            &[("rail", ServiceMode::Rail), ("coach", ServiceMode::Coach)],
        );
        let from = hub_ref(&mut s, "from", &raw.from, hubs);
        let to = hub_ref(&mut s, "to", &raw.to, hubs);
        if raw.from.get_ref() == raw.to.get_ref() {
            s.error(
                raw.to.span(),
                format!("to = \"{}\" is where the service starts", raw.to.get_ref()),
            );
        }
        let depart = s.clock("depart", &raw.depart);
        let arrive = s.clock("arrive", &raw.arrive);
        if let (Some(d), Some(a)) = (depart, arrive)
            && a <= d
        {
            s.error(
                raw.arrive.span(),
                format!(
                    "arrives at {a}, not after it departs at {d}; services must arrive the same day"
                ),
            );
        }
        let days = match raw.days.get_ref() {
            TomlDays::Keyword(word) if word == "daily" => Some(Weekdays::DAILY),
            TomlDays::List(list) if !list.is_empty() => {
                let mut days = [false; 7];
                let mut ok = true;
                for day in list {
                    match WEEKDAYS.iter().position(|w| w == day) {
                        Some(i) => days[i] = true,
                        None => ok = false,
                    }
                }
                if !ok {
                    s.error(
                        raw.days.span(),
                        format!(
                            "days lists an unknown weekday; expected some of: {}",
                            WEEKDAYS.join(", ")
                        ),
                    );
                }
                ok.then_some(Weekdays(days))
            }
            _ => {
                s.error(
                    raw.days.span(),
                    "days must be \"daily\" or a list of weekdays such as [\"Sa\", \"Su\"]",
                );
                None
            }
        };
        let fare = s.fare("fare", &raw.fare);
        let provenance = s.provenance(
            &raw.source,
            &raw.estimated,
            &[
                "depart",
                "arrive",
                "days",
                "fare",
                "id",
                "valid_from",
                "valid_to",
            ],
        );
        let service = (|| {
            let (depart, arrive) = (depart?, arrive?);
            (arrive > depart && raw.from.get_ref() != raw.to.get_ref()).then_some(())?;
            Some(Service {
                id: id?,
                mode: mode?,
                from: from?,
                to: to?,
                depart,
                arrive,
                days: days?,
                valid_from: valid_from?,
                valid_to: valid_to?,
                sample,
                fare: fare?,
                provenance,
            })
        })();
        if let Some(service) = service.filter(|x| {
            !checked
                .iter()
                .any(|c| c.id == x.id && c.from == x.from && c.to == x.to)
        }) {
            checked.push(service);
        }
    }
    let raw = timetable?.value;
    let mut s = Scope::new(file, "[timetable]".into(), out);
    let note = s.text("note", &raw.note);
    let source = s.non_empty("source", &raw.source);
    Some((
        Timetable {
            sample: raw.sample,
            note: note?,
            source: source?,
        },
        checked,
    ))
}

/// Whether `number` could be a real Chinese train number: an optional
/// letter, then up to five digits with no leading zero (G8801, K7, 1461).
fn looks_like_a_train_number(number: &str) -> bool {
    let digits = number
        .strip_prefix(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(number);
    (1..=5).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

/// A reference to a hub; unchecked when hubs.toml could not be read.
fn hub_ref(
    s: &mut Scope,
    field: &str,
    id: &toml::Spanned<String>,
    hubs: Option<&[String]>,
) -> Option<String> {
    reference(s, field, id, hubs, "a hub in hubs.toml")
}

/// A reference to an id among `known` (all ids of the referenced file, or
/// `None` when that file could not be read).
fn reference(
    s: &mut Scope,
    field: &str,
    id: &toml::Spanned<String>,
    known: Option<&[String]>,
    what: &str,
) -> Option<String> {
    if let Some(known) = known
        && !known.contains(id.get_ref())
    {
        let hint = crate::suggest::closest(id.get_ref(), known.iter().map(String::as_str))
            .map(|c| format!("; did you mean \"{c}\"?"))
            .unwrap_or_default();
        s.error(
            id.span(),
            format!("{field} = \"{}\" is not {what}{hint}", id.get_ref()),
        );
        return None;
    }
    Some(id.get_ref().clone())
}

pub fn lodging_file<'f>(
    doc: &mut Document<'f>,
    areas: Option<&[Area]>,
    registry: &mut Registry<'f>,
    out: &mut Vec<Diagnostic>,
) -> (Vec<Lodging>, Vec<String>) {
    let (lodging, ids) = doc.array::<TomlLodging>("lodging", out);
    let file = doc.file;
    let mut checked = Vec::new();
    for Entry { value: raw, .. } in lodging {
        let mut s = Scope::new(file, format!("lodging \"{}\"", raw.id.get_ref()), out);
        let id = s
            .id(&raw.id)
            .filter(|_| registry.claim(&mut s, file, &raw.id));
        let name = s.text("name", &raw.name);
        let district = s.text("district", &raw.district);
        let area = area(&mut s, &raw.area, raw.district.get_ref(), areas);
        let open = raw.open.as_ref().map(|r| day_range(&mut s, "open", r));
        let coord = s.coord(&raw.lat, &raw.lon);
        let kind = s.choice(
            "kind",
            &raw.kind,
            &[
                ("hotel", LodgingKind::Hotel),
                ("sanatorium", LodgingKind::Sanatorium),
            ],
        );
        let price = s.money("price_per_night", &raw.price_per_night);
        let rooms = rooms(&mut s, &raw.room, price);
        let summary = s.text("summary", &raw.summary);
        let provenance = s.provenance(
            &raw.source,
            &raw.estimated,
            &[
                "name",
                "district",
                "lat",
                "lon",
                "price_per_night",
                "room",
                "open",
            ],
        );
        let lodging = (|| {
            Some(Lodging {
                id: id?,
                name: name?,
                district: district?,
                area: area?,
                coord: coord?,
                kind: kind?,
                price_per_night: price?,
                open: open.map_or(Some(None), |o| o.map(Some))?,
                rooms: rooms?,
                summary: summary?,
                provenance,
            })
        })();
        checked.extend(lodging);
    }
    (checked, ids)
}

/// The most people a room may sleep.
const MAX_SLEEPS: i64 = 8;

/// A lodging's `[[lodging.room]]` entries; without any, one room for two
/// at `price_per_night`.
fn rooms(s: &mut Scope, raw: &[TomlRoom], price_per_night: Option<f64>) -> Option<Vec<Room>> {
    if raw.is_empty() {
        return Some(vec![Room {
            id: "double".into(),
            name: Text {
                zh: "双人间".into(),
                en: "double room".into(),
            },
            sleeps: 2,
            price: price_per_night?,
        }]);
    }
    let mut rooms = Vec::new();
    for room in raw {
        let id = s.id_field("room.id", &room.id);
        let name = s.text("room.name", &room.name);
        let sleeps = match u32::try_from(*room.sleeps.get_ref()) {
            Ok(n) if (1..=MAX_SLEEPS as u32).contains(&n) => Some(n),
            _ => {
                let message = format!(
                    "room.sleeps = {} is outside 1..{MAX_SLEEPS}",
                    room.sleeps.get_ref()
                );
                s.error(room.sleeps.span(), message);
                None
            }
        };
        let price = s.money("room.price", &room.price);
        if let (Some(id), Some(name), Some(sleeps), Some(price)) = (id, name, sleeps, price) {
            rooms.push(Room {
                id,
                name,
                sleeps,
                price,
            });
        }
    }
    (rooms.len() == raw.len()).then_some(rooms)
}

/// The longest trip a product or request may ask for.
pub const MAX_DAYS: u8 = 7;

pub fn products_file(
    doc: &mut Document,
    sites: Option<&[String]>,
    areas: Option<&[String]>,
    hubs: Option<&[String]>,
    beijing_hubs: Option<&[&str]>,
    out: &mut Vec<Diagnostic>,
) -> Vec<Product> {
    let (products, _) = doc.array::<TomlProduct>("product", out);
    let file = doc.file;
    let mut checked: Vec<Product> = Vec::new();
    for Entry { value: raw, .. } in products {
        let mut s = Scope::new(file, format!("product \"{}\"", raw.id.get_ref()), out);
        let id = s.id(&raw.id);
        if checked.iter().any(|p| &p.id == raw.id.get_ref()) {
            s.error(
                raw.id.span(),
                format!("id \"{}\" is used by another product", raw.id.get_ref()),
            );
        }
        let name = s.text("name", &raw.name);
        let days = match u8::try_from(*raw.days.get_ref()) {
            Ok(days) if (1..=MAX_DAYS).contains(&days) => Some(days),
            _ => {
                s.error(
                    raw.days.span(),
                    format!("days = {} is outside 1..{MAX_DAYS}", raw.days.get_ref()),
                );
                None
            }
        };
        let from = raw.from.as_ref().map(|from| {
            let id = hub_ref(&mut s, "from", from, hubs)?;
            if beijing_hubs.is_some_and(|ids| !ids.contains(&id.as_str())) {
                s.error(
                    from.span(),
                    format!("from = \"{id}\" is not in the pack's origin city; a product departs from a hub whose city is [pack] origin"),
                );
                return None;
            }
            Some(id)
        });
        let must: Vec<Option<String>> = raw
            .must
            .iter()
            .map(|site| reference(&mut s, "must", site, sites, "a site in sites.toml"))
            .collect();
        let mut interests = BTreeMap::new();
        for (category, weight) in &raw.interests {
            let field = format!("interests.{}", category.get_ref());
            let weight_span = weight.span();
            let category = s.choice("interests", category, &CATEGORIES);
            let weight = s.number(&field, weight, 0.0..=10.0);
            if weight == Some(0.0) {
                s.error(
                    weight_span.clone(),
                    format!(
                        "{field} = 0; a weight must be above 0 (leave a category out to weigh it 1)"
                    ),
                );
            }
            if let (Some(category), Some(weight)) = (category, weight.filter(|w| *w > 0.0)) {
                interests.insert(category, weight);
            }
        }
        let pace = s.choice(
            "pace",
            &raw.pace,
            &[
                ("relaxed", Pace::Relaxed),
                ("standard", Pace::Standard),
                ("packed", Pace::Packed),
            ],
        );
        if let Some(days) = days
            && !raw.day.is_empty()
            && raw.day.len() != usize::from(days)
        {
            s.error(
                raw.days.span(),
                format!(
                    "days = {days} but {} [[product.day]] entries; give one for each day or none",
                    raw.day.len()
                ),
            );
        }
        let mut plan = Vec::new();
        for day in &raw.day {
            let areas: Vec<Option<String>> = (day.areas.iter())
                .map(|a| reference(&mut s, "day.areas", a, areas, "an area of the pack"))
                .collect();
            let must: Vec<Option<String>> = (day.must.iter())
                .map(|m| reference(&mut s, "day.must", m, sites, "a site in sites.toml"))
                .collect();
            let theme = day.theme.as_ref().map(|t| s.text("day.theme", t));
            plan.push((|| {
                Some(ProductDay {
                    areas: areas.into_iter().collect::<Option<_>>()?,
                    must: must.into_iter().collect::<Option<_>>()?,
                    theme: theme.map_or(Some(None), |t| t.map(Some))?,
                })
            })());
        }
        let summary = s.text("summary", &raw.summary);
        let source = s.non_empty("source", &raw.source);
        let product = (|| {
            Some(Product {
                id: id?,
                name: name?,
                days: days?,
                from: from.map_or(Some(None), |f| f.map(Some))?,
                must: must.into_iter().collect::<Option<_>>()?,
                interests,
                pace: pace?,
                plan: plan.into_iter().collect::<Option<_>>()?,
                summary: summary?,
                source: source?,
            })
        })();
        let product = product.filter(|p| p.plan.is_empty() || p.plan.len() == usize::from(p.days));
        if let Some(product) = product.filter(|p| !checked.iter().any(|c| c.id == p.id)) {
            checked.push(product);
        }
    }
    checked
}
