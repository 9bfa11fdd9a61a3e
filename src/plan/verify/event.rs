//! The checks of one event on its own: a visit in its site's hours, a
//! train or coach as timetabled, a transfer no quicker than the pack's leg,
//! a meal in its window and of its length, and every id one of the pack's.

use chrono::{Days, NaiveDate};

use super::super::itinerary::{Event, TransferMode};
use super::super::legs::Legs;
use super::super::rules;
use super::super::sun::sunset_minutes;
use super::names::{describe, hhmm, minute, mode_name, name, place};
use super::problem::Check;
use crate::model::{DayHours, Interval, MealKind, Pack, Service, ServiceMode};

/// What is wrong with one event on its own.
pub(super) fn findings(
    pack: &Pack,
    legs: Option<&Legs>,
    date: NaiveDate,
    event: &Event,
) -> Vec<(Check, String)> {
    let span = (minute(date, event.start()), minute(date, event.end()));
    let unknown = |id: &str| {
        let message = format!(
            "{} names \"{id}\", no site, lodging or hub of the pack",
            describe(pack, event)
        );
        (Check::Unknown, message)
    };
    match event {
        Event::Visit { site, sunrise, .. } => hours(pack, date, site, span, *sunrise)
            .into_iter()
            .collect(),
        Event::Transfer {
            from,
            to,
            mode,
            service,
            ..
        } => {
            let mut found: Vec<_> = [from, to]
                .into_iter()
                .filter(|id| place(pack, id).is_none())
                .map(|id| unknown(id))
                .collect();
            found.extend(match service {
                Some(id) => timetable(pack, date, (from, to), id, *mode, span),
                None => drive(pack, legs, (from, to), *mode, span),
            });
            found
        }
        Event::Meal { meal, near, .. } => {
            let mut found: Vec<_> = place(pack, near)
                .is_none()
                .then(|| unknown(near))
                .into_iter()
                .collect();
            found.extend(meal_time(pack, *meal, span));
            found
        }
        Event::Lodging { lodging, .. } => (pack.lodging(lodging).is_none())
            .then(|| unknown(lodging))
            .into_iter()
            .collect(),
    }
}

/// A visit lies within one open interval of its site that day; a sunrise
/// at a viewpoint reached before dawn may start before the site opens.
fn hours(
    pack: &Pack,
    date: NaiveDate,
    id: &str,
    (start, end): (i64, i64),
    sunrise: bool,
) -> Option<(Check, String)> {
    let Some(site) = pack.site(id) else {
        let message = format!("visit to \"{id}\", a site the pack does not have");
        return Some((Check::Unknown, message));
    };
    let what = format!("visit to {}", name(pack, id));
    // `Hours::on` looks back to the Monday of the date's week.
    if date.checked_sub_days(Days::new(6)).is_none() {
        let message = format!("{what} on {date}, too early for the calendar");
        return Some((Check::Hours, message));
    }
    let intervals = match site.hours.on(date, &pack.calendar) {
        // A site seen from outside is seen by daylight.
        DayHours::Open(intervals) => {
            let sunset = sunset_minutes(site.coord, date, pack.info.timezone);
            rules::by_daylight(site, intervals, sunset)
        }
        DayHours::Closed(why) => {
            let message = format!("{what} on {date}, when it is closed: {why}");
            return Some((Check::Hours, message));
        }
    };
    if rules::keeps_hours(site, &intervals, sunrise, (start, end)) {
        return None;
    }
    let bounds = |i: &Interval| (i64::from(i.open.minutes()), i64::from(i.close.minutes()));
    let message = if let Some((_, close)) =
        (intervals.iter().map(bounds)).find(|(open, close)| *open <= start && start < *close)
    {
        format!(
            "{what} ends {}, after it closes at {} on {date}",
            hhmm(end),
            hhmm(close)
        )
    } else if let Some((open, _)) =
        (intervals.iter().map(bounds)).find(|(open, close)| *open < end && end <= *close)
    {
        format!(
            "{what} starts {}, before it opens at {} on {date}",
            hhmm(start),
            hhmm(open)
        )
    } else {
        let open: Vec<String> = (intervals.iter().map(bounds))
            .map(|(open, close)| format!("{}–{}", hhmm(open), hhmm(close)))
            .collect();
        format!(
            "{what} at {}–{} is outside its hours on {date} ({})",
            hhmm(start),
            hhmm(end),
            open.join(", ")
        )
    };
    Some((Check::Hours, message))
}

/// A train or coach that runs that day, between the transfer's hubs, at
/// the transfer's times: the planner times the event exactly at the
/// service's departure and arrival, and leaves the station minutes as
/// gaps (see `day::timeline`).
fn timetable(
    pack: &Pack,
    date: NaiveDate,
    (from, to): (&str, &str),
    id: &str,
    mode: TransferMode,
    (start, end): (i64, i64),
) -> Vec<(Check, String)> {
    let named: Vec<&Service> = pack.services.iter().filter(|s| s.id == id).collect();
    if named.is_empty() {
        let message = format!("transfer names service \"{id}\", which the pack does not have");
        return vec![(Check::Unknown, message)];
    }
    // A train has a service for each pair of its stops.
    let Some(service) = named.iter().find(|s| s.from == from && s.to == to) else {
        let runs: Vec<String> = (named.iter())
            .map(|s| format!("{} to {}", name(pack, &s.from), name(pack, &s.to)))
            .collect();
        let message = format!(
            "{id} does not run from {} to {}; it runs from {}",
            name(pack, from),
            name(pack, to),
            runs.join(", from ")
        );
        return vec![(Check::Timetable, message)];
    };
    let mut found = Vec::new();
    let kind = match service.mode {
        ServiceMode::Rail => TransferMode::Rail,
        ServiceMode::Coach => TransferMode::Coach,
    };
    if mode != kind {
        let message = format!(
            "{id} is a {} service, not a {} transfer",
            mode_name(kind),
            mode_name(mode)
        );
        found.push((Check::Timetable, message));
    }
    if !service.runs_on(date) {
        let why = if (service.valid_from..=service.valid_to).contains(&date) {
            format!("it does not run on {}s", date.format("%A"))
        } else {
            format!(
                "its timetable is valid from {} to {}",
                service.valid_from, service.valid_to
            )
        };
        found.push((
            Check::Timetable,
            format!("{id} does not run on {date}: {why}"),
        ));
    }
    let depart = i64::from(service.depart.minutes());
    let arrive = i64::from(service.arrive.minutes());
    if (start, end) != (depart, arrive) {
        let message = format!(
            "{id} departs {} and arrives {}, not {}–{}",
            hhmm(depart),
            hhmm(arrive),
            hhmm(start),
            hhmm(end)
        );
        found.push((Check::Timetable, message));
    }
    found
}

/// A transfer without a service takes at least the pack's time for the
/// leg, less [`TRAVEL_TOLERANCE_MINUTES`](rules::TRAVEL_TOLERANCE_MINUTES); a train or coach needs its service.
fn drive(
    pack: &Pack,
    legs: Option<&Legs>,
    (from, to): (&str, &str),
    mode: TransferMode,
    (start, end): (i64, i64),
) -> Vec<(Check, String)> {
    let what = format!("transfer from {} to {}", name(pack, from), name(pack, to));
    let mut found = Vec::new();
    if matches!(mode, TransferMode::Rail | TransferMode::Coach) {
        let message = format!("{what} goes by {} but names no service", mode_name(mode));
        found.push((Check::Timetable, message));
    }
    let (Some(legs), Some(a), Some(b)) = (legs, place(pack, from), place(pack, to)) else {
        return found;
    };
    let least = match a == b {
        true => 0,
        false => i64::from(legs.leg(a, b).minutes),
    };
    let takes = end - start;
    // A transfer that ends before it starts is an overlap, said once.
    if rules::too_quick(takes, least) {
        let message = format!(
            "{what} takes {takes} minutes ({}–{}); the pack's travel time is {least} minutes",
            hhmm(start),
            hhmm(end)
        );
        found.push((Check::Travel, message));
    }
    if mode == TransferMode::Charter && rules::over_cap(takes, legs.cap(a, b)) {
        let cap = legs.cap(a, b).unwrap_or_default();
        let message = format!(
            "{what} takes {takes} minutes ({}–{}); a group's coach leg there takes at most {cap} minutes",
            hhmm(start),
            hhmm(end)
        );
        found.push((Check::Travel, message));
    }
    found
}

/// A meal lies within its window and lasts at least the pack's duration:
/// the planner gives each meal exactly its duration, inside its window.
fn meal_time(pack: &Pack, kind: MealKind, (start, end): (i64, i64)) -> Vec<(Check, String)> {
    let meal = kind.as_str();
    let Some(rule) = pack.meals.iter().find(|m| m.kind == kind) else {
        let message = format!("a {meal}, which is not one of the pack's meals");
        return vec![(Check::Unknown, message)];
    };
    let (open, close) = (rule.window.start.minutes(), rule.window.end.minutes());
    let (open, close) = (i64::from(open), i64::from(close));
    let at = format!("{meal} at {}–{}", hhmm(start), hhmm(end));
    let mut found = Vec::new();
    if !rules::meal_in_window(rule, start, end) {
        let message = format!("{at} is outside its window {}–{}", hhmm(open), hhmm(close));
        found.push((Check::Meal, message));
    }
    let lasts = end - start;
    if rules::meal_cut_short(rule, lasts) {
        let message = format!(
            "{at} lasts {lasts} minutes, less than the pack's {}",
            rule.duration
        );
        found.push((Check::Meal, message));
    }
    found
}
