//! The frame of a plan: how the party comes and goes. By train or coach,
//! each destination station's earliest arrival paired with each station's
//! latest service home that suits the pace (and, when a sunrise on the last
//! morning would make the day too long, the latest that still lets it start
//! at dawn); by car or chartered coach, one frame with no services. And, on
//! the last day, the first service home the party can take once its day is done.

use chrono::NaiveDate;

use super::super::error::{Infeasible, Refusal};
use super::super::request::Mode;
use super::super::rules;
use super::context::{Frame, Trip};
use super::sunrise;
use crate::model::{Service, ServiceMode};

/// The ways in and out: for each destination hub the earliest arrival,
/// and for each the latest return that leaves before the day's end.
pub(super) fn candidates(trip: &Trip) -> Result<Vec<Frame>, Infeasible> {
    let (first, last) = (trip.dates[0], trip.dates[trip.dates.len() - 1]);
    let lodging = trip
        .request
        .lodging
        .as_ref()
        .and_then(|id| trip.pack.lodging.iter().position(|l| &l.id == id));
    let service_mode = match trip.request.mode {
        Mode::Car | Mode::Charter => {
            return Ok(vec![Frame {
                outbound: None,
                back: None,
                lodging,
            }]);
        }
        Mode::Rail => ServiceMode::Rail,
        Mode::Coach => ServiceMode::Coach,
    };
    let destination = |hub: &str| {
        trip.pack
            .hub(hub)
            .is_some_and(|h| h.city == trip.pack.info.destination)
    };
    let origin = &trip.pack.info.origin;
    let in_origin = |hub: &str| trip.pack.hub(hub).is_some_and(|h| &h.city == origin);
    let services = || {
        trip.pack
            .services
            .iter()
            .enumerate()
            .filter(|(_, s)| s.mode == service_mode)
    };

    let mut outbound: Vec<(usize, &Service)> = Vec::new();
    for (i, s) in services() {
        if s.from == trip.request.from
            && destination(&s.to)
            && s.runs_on(first)
            && s.depart >= trip.pack.day.start
        {
            match outbound.iter_mut().find(|(_, o)| o.to == s.to) {
                Some(slot) if s.arrive < slot.1.arrive => *slot = (i, s),
                Some(_) => {}
                None => outbound.push((i, s)),
            }
        }
    }
    // From each station the latest train home; and, when a sunrise on
    // the last morning would make the day too long for it, the latest
    // train that still lets the day start at dawn.
    let latest_home = |arrive_by: Option<u32>| {
        let mut back: Vec<(usize, &Service)> = Vec::new();
        for (i, s) in services() {
            let home = s.to == trip.request.from || in_origin(&s.to);
            if home
                && destination(&s.from)
                && s.runs_on(last)
                && rules::suits_pace_home(&trip.pace, s.depart, s.arrive)
                && arrive_by.is_none_or(|by| s.arrive.minutes() <= by)
            {
                match back.iter_mut().find(|(_, b)| b.from == s.from) {
                    // The latest departure, and of equals the one home to `from`.
                    Some(slot)
                        if (s.depart, s.to == trip.request.from)
                            > (slot.1.depart, slot.1.to == trip.request.from) =>
                    {
                        *slot = (i, s)
                    }
                    Some(_) => {}
                    None => back.push((i, s)),
                }
            }
        }
        back
    };
    let mut back = latest_home(None);
    if let Some(by) = sunrise::dawn_day_home_by(trip) {
        for early in latest_home(Some(by)) {
            if !back.iter().any(|(i, _)| *i == early.0) {
                back.push(early);
            }
        }
    }
    let from = trip
        .pack
        .hub(&trip.request.from)
        .map_or(trip.request.from.as_str(), |h| h.name.en.as_str());
    let mode = if service_mode == ServiceMode::Rail {
        "train"
    } else {
        "coach"
    };
    // A timetable out of date says so, rather than that no train runs.
    for date in [first, last] {
        let valid = |s: &&Service| (s.valid_from..=s.valid_to).contains(&date);
        if !services().any(|(_, s)| valid(&s)) {
            let periods = (services().map(|(_, s)| (s.valid_from, s.valid_to))).fold(
                None,
                |span: Option<(NaiveDate, NaiveDate)>, (from, to)| {
                    Some(span.map_or((from, to), |(a, b)| (a.min(from), b.max(to))))
                },
            );
            let known = match periods {
                Some((from, to)) => format!("its services run from {from} to {to}"),
                None => format!("it has no {mode} service"),
            };
            return Err(Infeasible::new(
                Refusal::NoTimetable,
                format!(
                    "the pack's timetable has no {mode} valid on {date}: {known}; import a current timetable (jingqin timetable import)"
                ),
            ));
        }
    }
    if outbound.is_empty() {
        return Err(Infeasible::new(
            Refusal::NoService,
            format!(
                "no {mode} leaves {from} for the destination on {first} at or after {}",
                trip.pack.day.start
            ),
        ));
    }
    if back.is_empty() {
        let by = match trip.pace.home_by {
            Some(by) => format!(" and arriving by {by}"),
            None => String::new(),
        };
        return Err(Infeasible::new(
            Refusal::NoService,
            format!(
                "no {service_mode:?} service returns to the origin on {last} leaving by {}{by}",
                trip.pace.hours.end
            )
            .replace("Rail service", "train")
            .replace("Coach service", "coach"),
        ));
    }
    let mut frames = Vec::new();
    for &(o, out) in &outbound {
        for &(b, home) in &back {
            // A day trip lasts from the train out to the train home.
            let long = trip.dates.len() == 1
                && rules::day_over_by(&trip.pace, f64::from(out.depart.minutes()))
                    .is_some_and(|by| f64::from(home.arrive.minutes()) > by);
            if long {
                continue;
            }
            frames.push(Frame {
                outbound: Some(o),
                back: Some(b),
                lodging,
            });
        }
    }
    if frames.is_empty() {
        return Err(Infeasible::new(
            Refusal::NoService,
            format!(
                "no pair of trains on {first} leaves time for a day of at most {} at the {} pace",
                trip.pace.span.map_or(String::new(), |s| s.to_string()),
                trip.request.pace.as_str()
            ),
        ));
    }
    Ok(frames)
}

/// The first service home from `planned`'s station that the party, at the
/// station by `ready`, can take: the day's plan is fixed by now, so an
/// earlier train only saves waiting. `planned` itself when none is earlier.
pub(super) fn earliest_home<'p>(
    trip: &Trip<'p>,
    planned: &'p Service,
    date: NaiveDate,
    ready: u32,
) -> &'p Service {
    let origin = &trip.pack.info.origin;
    let home = |s: &Service| trip.pack.hub(&s.to).is_some_and(|h| &h.city == origin);
    trip.pack
        .services
        .iter()
        .filter(|s| s.from == planned.from && s.mode == planned.mode && home(s))
        .filter(|s| s.runs_on(date) && s.depart.minutes() >= ready && s.depart < planned.depart)
        // Of equal departures, the one to the station the party left from.
        .min_by_key(|s| (s.depart, s.to != trip.request.from))
        .unwrap_or(planned)
}
