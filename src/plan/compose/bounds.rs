//! The bounds of each day: its route (where it starts and ends, and the
//! earliest start and latest end that the trains, the lodging and the pace
//! allow), and beyond the route, when visits may begin after a sunrise
//! rest and when the party must be back for the pace's span.

use super::super::error::{Infeasible, Refusal};
use super::super::rules::{self, STATION_MINUTES};
use super::context::{Frame, Trip};
use super::sunrise::Sunrise;
use crate::solve::Route;

/// After a sunrise outing, the party rests at the lodging this long before
/// the day goes on.
const SUNRISE_REST: u32 = 120;

/// The bounds of one day beyond its route: sites are visited from `from`
/// (after a sunrise rest) and left in time to be back at the route's end by `back_by`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Bounds {
    pub from: f64,
    pub back_by: f64,
}

/// The route of day `d`: where it starts and ends, and when.
pub(super) fn route(trip: &Trip, frame: &Frame, d: usize) -> Result<Route, Infeasible> {
    let last = d + 1 == trip.dates.len();
    let night = || {
        let lodging = frame.lodging.map(|l| trip.lodging_location(l));
        lodging.ok_or_else(|| {
            Infeasible::new(
                Refusal::NoLodging,
                "the pack has no lodging for the trip's nights",
            )
        })
    };
    let (start, earliest) = if d == 0 {
        match frame.outbound {
            Some(s) => {
                let service = &trip.pack.services[s];
                (
                    trip.hub_location(&service.to),
                    service.arrive.minutes() + STATION_MINUTES,
                )
            }
            // A group's coach leaves when groups leave, if the pack says.
            None => {
                let group_start = trip.legs.charter.and_then(|g| g.start);
                let start = group_start.map_or(trip.pace.hours.start, |s| s.start);
                (trip.home, start.minutes())
            }
        }
    } else {
        (night()?, trip.pace.hours.start.minutes())
    };
    let (end, latest) = if last {
        match frame.back {
            Some(s) => {
                let service = &trip.pack.services[s];
                let leave = service.depart.minutes().saturating_sub(STATION_MINUTES);
                (trip.hub_location(&service.from), leave)
            }
            None => {
                let home_by = rules::home_by(&trip.pace, trip.pack.day.end);
                (trip.home, home_by.minutes())
            }
        }
    } else {
        (night()?, trip.pace.hours.end.minutes())
    };
    let direct = trip.minutes(start, end);
    if earliest + direct > latest {
        return Err(Infeasible::new(
            Refusal::NoTime,
            format!(
                "day {} has no time: it starts at {} and must end by {}",
                d + 1,
                hhmm(earliest),
                hhmm(latest)
            ),
        ));
    }
    Ok(Route {
        start,
        end,
        earliest: f64::from(earliest),
        latest: f64::from(latest),
    })
}

/// Each day's bounds: after a sunrise the party rests first, and a day
/// lasts no longer than the pace's span from its first departure.
pub(super) fn days(
    trip: &Trip,
    frame: &Frame,
    routes: &[Route],
    sunrises: &[Sunrise],
) -> Vec<Bounds> {
    (0..routes.len())
        .map(|d| {
            let route = &routes[d];
            let from = sunrises
                .iter()
                .filter(|s| s.day == d)
                .map(|s| {
                    let visit = trip.pack.sites[s.site].min_visit.0;
                    s.window.close + f64::from(visit + SUNRISE_REST)
                })
                .fold(0.0, f64::max);
            let first_departure = match (d, frame.outbound) {
                (0, Some(s)) => f64::from(trip.pack.services[s].depart.minutes()),
                _ => route.earliest,
            };
            // A minute's margin for the rounding of the solver's times.
            let back_by = rules::day_over_by(&trip.pace, first_departure)
                .map_or(f64::INFINITY, |by| by - 1.0);
            Bounds { from, back_by }
        })
        .collect()
}

/// The last day's route ends when the pace's span does: driving home, the
/// arrival is the route's end. Fails when the drive home no longer fits.
pub(super) fn end_last_day(
    trip: &Trip,
    routes: &mut [Route],
    bounds: &[Bounds],
) -> Result<(), Infeasible> {
    let days = routes.len();
    if let Some(last) = routes.last_mut() {
        // Driving home: the arrival is the route's end.
        last.latest = last.latest.min(bounds[days - 1].back_by);
        if last.earliest + f64::from(trip.minutes(last.start, last.end)) > last.latest {
            return Err(Infeasible::new(
                Refusal::NoTime,
                format!(
                    "day {days} has no time: the drive home must end by {}",
                    hhmm(last.latest as u32)
                ),
            ));
        }
    }
    Ok(())
}

/// `HH:MM`, as error details give a time.
pub(super) fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}
