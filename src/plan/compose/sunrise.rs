//! The sunrise slots: for each sunrise viewpoint, the morning and the
//! minutes of the visit that fits the trip (a night before it, the site
//! open or open at dawn, a short drive from the lodging, the last day
//! still within the pace's span), or why none does; the mornings of the
//! routes move earlier for them.

use super::super::itinerary::{Closure, SunriseMiss};
use super::super::rules;
use super::super::sun::sunrise_minutes;
use super::context::{Frame, Trip};
use crate::model::{DayHours, MonthDay, Site, TimeOfDay};
use crate::solve::{Route, Window};

/// Arrive this long before sunrise, and no earlier than twice as long.
const BEFORE_SUNRISE: u32 = 10;
/// The longest ride from the lodging to a sunrise visit.
const MAX_SUNRISE_DRIVE_MINUTES: u32 = 45;

/// A sunrise visit that fits: its day and its window.
#[derive(Clone, Copy, Debug)]
pub(super) struct Sunrise {
    pub site: usize,
    pub day: usize,
    pub window: Window,
}

/// On a trip whose last morning could hold a sunrise, the latest arrival
/// home that the pace's span allows after a dawn start.
pub(super) fn dawn_day_home_by(trip: &Trip) -> Option<u32> {
    let last = *trip.dates.last()?;
    // The sunrise is on the first morning at the destination unless pinned.
    let days = trip.dates.len();
    let on_last_morning = |site: &Site| {
        let pin = (trip.request.must.iter())
            .find(|m| m.site == site.id)
            .and_then(|m| m.day);
        pin.map_or(days == 2, |p| usize::from(p) == days)
    };
    let dawn = (trip.pack.sites.iter())
        .filter(|s| wanted(trip, s) && on_last_morning(s))
        .filter_map(|s| sunrise_minutes(s.coord, last, trip.pack.info.timezone))
        .min()?;
    let leave = dawn.checked_sub(2 * BEFORE_SUNRISE + MAX_SUNRISE_DRIVE_MINUTES / 2)?;
    let by = rules::day_over_by(&trip.pace, f64::from(leave))?;
    (trip.dates.len() > 1).then_some(by as u32)
}

/// The sunrise visits that fit, with the routes' mornings moved earlier
/// for them, and the sites whose sunrise does not fit.
pub(super) fn place(
    trip: &Trip,
    frame: &Frame,
    routes: &mut [Route],
) -> (Vec<Sunrise>, Vec<(usize, SunriseMiss)>) {
    let (mut fits, mut misses) = (Vec::new(), Vec::new());
    for (index, site) in trip.pack.sites.iter().enumerate() {
        if !wanted(trip, site) {
            continue;
        }
        let pinned = (trip.request.must.iter())
            .find(|m| m.site == site.id)
            .and_then(|m| m.day);
        match slot(trip, index, pinned, frame, routes) {
            Ok(sunrise) => {
                let route = &mut routes[sunrise.day];
                let drive = trip.minutes(route.start, trip.site_location(index));
                // Leave the lodging early enough, whatever the pace.
                let leave = sunrise.window.open - f64::from(drive);
                route.earliest = route.earliest.min(leave.max(0.0));
                fits.push(sunrise);
            }
            Err(miss) => misses.push((index, miss)),
        }
    }
    (fits, misses)
}

/// Whether the trip goes out for the site's sunrise: when it is asked for
/// (a product's promise, a must-see), or in the months it is most often
/// clear (鸽子窝: from September); never to a sunrise nobody asked for
/// through the summer haze.
fn wanted(trip: &Trip, site: &Site) -> bool {
    if !site.sunrise || trip.request.avoid.contains(&site.id) {
        return false;
    }
    let asked = trip.request.must.iter().any(|m| m.site == site.id);
    // The first morning at the destination, where an unpinned sunrise goes.
    let clear = trip.dates.get(1).is_some_and(|&date| {
        let day = MonthDay::of(date);
        site.sunrise_best.is_empty() || site.sunrise_best.iter().any(|r| r.contains(day))
    });
    asked || clear
}

/// The sunrise visit to `site` that fits the trip, or why none does.
fn slot(
    trip: &Trip,
    index: usize,
    pinned: Option<u8>,
    frame: &Frame,
    routes: &[Route],
) -> Result<Sunrise, SunriseMiss> {
    let site = &trip.pack.sites[index];
    // The first morning spent at the destination, unless pinned.
    let d = pinned.map_or(1, |p| usize::from(p) - 1);
    if d == 0 || d >= trip.dates.len() {
        return Err(SunriseMiss::NoNight);
    }
    let date = trip.dates[d];
    let sunrise =
        sunrise_minutes(site.coord, date, trip.pack.info.timezone).ok_or(SunriseMiss::NoNight)?;
    let (earliest, latest) = (
        sunrise.saturating_sub(2 * BEFORE_SUNRISE),
        sunrise.saturating_sub(BEFORE_SUNRISE),
    );
    let intervals = match site.hours.on(date, &trip.pack.calendar) {
        DayHours::Open(intervals) => intervals,
        DayHours::Closed(why) => {
            return Err(SunriseMiss::Closed {
                closure: Closure { date, why },
            });
        }
    };
    let window = if rules::dawn_access(site, true) {
        Some(Window::new(f64::from(earliest), f64::from(latest)))
    } else {
        intervals.iter().find_map(|i| {
            let close = rules::latest_start(i, site.min_visit.0)?.min(latest);
            let open = i.open.minutes().max(earliest);
            (open <= close).then(|| Window::new(f64::from(open), f64::from(close)))
        })
    };
    let Some(window) = window else {
        let opens = intervals.first().map(|i| i.open);
        return Err(SunriseMiss::OpensLate {
            opens: opens.unwrap_or(trip.pack.day.start),
            sun_up: TimeOfDay::from_minutes(sunrise).unwrap_or(TimeOfDay::MIDNIGHT),
        });
    };
    let location = trip.site_location(index);
    let drive = trip.minutes(routes[d].start, location);
    if drive > MAX_SUNRISE_DRIVE_MINUTES {
        return Err(SunriseMiss::TooFar { minutes: drive });
    }
    // The day is counted from the drive out; on the last day it must
    // still end with the party home within the pace's span.
    if d + 1 == trip.dates.len() {
        let leave = window.open - f64::from(drive);
        let home = match frame.back {
            Some(s) => f64::from(trip.pack.services[s].arrive.minutes()),
            None => {
                let back = trip.minutes(location, routes[d].end);
                window.open + f64::from(site.min_visit.0 + back)
            }
        };
        if rules::day_over_by(&trip.pace, leave).is_some_and(|by| home > by) {
            return Err(SunriseMiss::DayTooLong);
        }
    }
    Ok(Sunrise {
        site: index,
        day: d,
        window,
    })
}
