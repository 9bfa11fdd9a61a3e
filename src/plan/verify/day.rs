//! The checks of one day: its number and date, its events in order and
//! chained from place to place with the station's minutes before a train,
//! and a chartered coach's driving within the drivers' hours.

use chrono::{Days, NaiveDate};

use super::super::itinerary::{Day, Event, TransferMode};
use super::super::legs::Legs;
use super::super::request::{Mode, Request};
use super::super::rules::{self, STATION_MINUTES};
use super::names::{describe, hhmm, minute, name, place};
use super::problem::{Check, Finding};
use crate::model::{PaceRule, Pack};

/// The day's number and date: day `d + 1` is `d` days after the request's date.
pub(super) fn numbering(first: NaiveDate, d: usize, day: &Day) -> Vec<Finding> {
    let mut found = Vec::new();
    if usize::from(day.index) != d + 1 {
        let message = format!("day {} is numbered {}", d + 1, day.index);
        found.push((None, Check::Chain, message));
    }
    let expected = u64::try_from(d)
        .ok()
        .and_then(|d| first.checked_add_days(Days::new(d)));
    if expected != Some(day.date) {
        let should = expected.map_or_else(|| "beyond the calendar".to_owned(), |e| e.to_string());
        let message = format!(
            "day {} is dated {}; {d} days after the request's {first} it is {should}",
            d + 1,
            day.date
        );
        found.push((None, Check::Chain, message));
    }
    found
}

/// A day on a chartered coach or a self-drive within its drivers' daily
/// hours, counted from the pack's legs rather than from what the plan says
/// of them. (The rest within a long ride is in the leg's minutes, which the
/// travel check holds each transfer to.)
pub(super) fn driving(pack: &Pack, legs: &Legs, pace: &PaceRule, day: &Day) -> Option<Finding> {
    let driving_rules = *legs.driver?;
    let self_drive = legs.charter.is_none();
    let wheel: u32 = (day.events.iter())
        .filter_map(|e| match e {
            Event::Transfer {
                from,
                to,
                mode: TransferMode::Charter | TransferMode::Car,
                ..
            } => {
                let ride = legs.driving(place(pack, from)?, place(pack, to)?);
                Some(rules::wheel_minutes(pace, ride, self_drive))
            }
            _ => None,
        })
        .sum();
    let second = legs.charter.and_then(|group| group.coach.second_driver);
    let most = driving_rules.drivers + u32::from(second.is_some());
    let limit = rules::driving_limit(&driving_rules, most);
    let needed = rules::drivers_needed(&driving_rules, second, wheel);
    needed.is_none().then(|| {
        let message = format!(
            "the {} is driven {} this day, beyond the {} its {most} driver(s) may drive",
            if legs.charter.is_some() {
                "coach"
            } else {
                "car"
            },
            rules::wheel_time(wheel),
            rules::wheel_time(limit),
        );
        (None, Check::Driving, message)
    })
}

/// The day's events in time order without overlap, their places chained
/// (each transfer starts where the party is; every other event happens
/// there), and the station minutes before a train or coach.
/// `here` is where the party is when the day starts, and then when it ends.
pub(super) fn timeline(pack: &Pack, day: &Day, here: &mut String) -> Vec<Finding> {
    let at = |event: &Event| minute(day.date, event.start());
    let until = |event: &Event| minute(day.date, event.end());
    let mut found = Vec::new();
    for (e, event) in day.events.iter().enumerate() {
        let number = Some(e + 1);
        let what = describe(pack, event);
        let (start, end) = (at(event), until(event));
        if end < start {
            let message = format!(
                "{what} ends {}, before it starts at {}",
                hhmm(end),
                hhmm(start)
            );
            found.push((number, Check::Overlap, message));
        }
        let previous = e.checked_sub(1).and_then(|p| day.events.get(p));
        if let Some(previous) = previous
            && start < until(previous)
        {
            let message = format!(
                "{what} starts {}, before the {} ends at {}",
                hhmm(start),
                describe(pack, previous),
                hhmm(until(previous))
            );
            found.push((number, Check::Overlap, message));
        }
        // The planner has the party at the station this long before a
        // departure. (It means to give as long after an arrival too, but a
        // first-day rest at the lodging may leave the station at once.)
        if let (
            Event::Transfer {
                service: Some(id), ..
            },
            Some(previous),
        ) = (event, previous)
        {
            let gap = start - until(previous);
            if rules::short_of_station(gap) {
                let message = format!(
                    "only {gap} minutes between the {} and {id}'s departure at {}; the station needs {STATION_MINUTES}",
                    describe(pack, previous),
                    hhmm(start)
                );
                found.push((number, Check::Timetable, message));
            }
        }
        let (from, to) = match event {
            Event::Transfer { from, to, .. } => (from, to),
            Event::Visit { site: at, .. }
            | Event::Meal { near: at, .. }
            | Event::Lodging { lodging: at, .. } => (at, at),
        };
        if from != here {
            let message = match event {
                Event::Transfer { .. } => format!(
                    "{what} starts at {}, but the party is at {}",
                    name(pack, from),
                    name(pack, here)
                ),
                _ => format!("{what}, but the party is at {}", name(pack, here)),
            };
            found.push((number, Check::Chain, message));
        }
        here.clone_from(to);
    }
    found
}

/// Early starts that must be optional and are not: a sunrise visit before
/// 05:30, and for children, seniors or a group any start before 06:00.
pub(super) fn early_starts(pack: &Pack, request: &Request, day: &Day) -> Vec<Finding> {
    let party = request.party;
    let with_care = party.children > 0 || party.seniors > 0 || request.mode == Mode::Charter;
    let mut found = Vec::new();
    for (e, event) in day.events.iter().enumerate() {
        let (start, sunrise, optional) = match event {
            Event::Visit {
                start,
                sunrise,
                optional,
                ..
            } => (start, *sunrise, *optional),
            Event::Transfer {
                start, optional, ..
            } => (start, false, *optional),
            _ => continue,
        };
        if start.date == day.date
            && !optional
            && rules::must_be_optional(start.minutes, sunrise, with_care)
        {
            let message = format!(
                "{} starts at {}, a compulsory start that must be optional (自愿参加)",
                describe(pack, event),
                start.hhmm()
            );
            found.push((Some(e + 1), Check::EarlyStart, message));
        }
    }
    found
}
