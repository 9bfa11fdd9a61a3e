//! Why a site is not in the plan, and what the operator should know about
//! the ones that are.

use chrono::NaiveDate;

use super::itinerary::{OmitReason, Omitted};
use super::request::Request;
use crate::model::{DayHours, Pack, Site};

/// How a site fares on one day of the trip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayFit {
    /// A visit fits the day's way and the site's hours.
    Fits,
    /// It would fit the hours, but lies too far off the day's way.
    OffTheWay,
    /// Its visit does not fit the hours it is open that day.
    NoTime,
}

/// Every site left out, with its reason: avoided, closed on every day,
/// unable to fit a visit in any day's hours, or outscored by the chosen ones.
pub fn omitted(
    pack: &Pack,
    request: &Request,
    dates: &[NaiveDate],
    visited: &[usize],
    fit: impl Fn(usize, &Site, usize) -> DayFit,
) -> Vec<Omitted> {
    let mut omitted = Vec::new();
    for (index, site) in pack.sites.iter().enumerate() {
        if visited.contains(&index) {
            continue;
        }
        let (reason, detail) = if request.avoid.contains(&site.id) {
            (OmitReason::Avoided, "avoided on request".to_owned())
        } else if let Some(closures) = closed_every_day(pack, site, dates) {
            (OmitReason::Closed, format!("closed {closures}"))
        } else {
            let days: Vec<DayFit> = (0..dates.len()).map(|d| fit(index, site, d)).collect();
            if days.contains(&DayFit::Fits) {
                (
                    OmitReason::Outscored,
                    "the days' time went to sites that score higher for these interests".to_owned(),
                )
            } else if days.contains(&DayFit::OffTheWay) {
                (
                    OmitReason::NoTime,
                    "it lies too far off each day's way to be worth the ride".to_owned(),
                )
            } else {
                (
                    OmitReason::NoTime,
                    format!(
                        "its {} visit does not fit the hours it is open within the trip's days",
                        site.visit
                    ),
                )
            }
        };
        omitted.push(Omitted {
            site: site.id.clone(),
            reason,
            detail,
        });
    }
    omitted
}

/// `Some("on 2027-07-12 (weekly closing day (Monday))")` when closed on all `dates`.
pub fn closed_every_day(pack: &Pack, site: &Site, dates: &[NaiveDate]) -> Option<String> {
    let mut reasons = Vec::new();
    for date in dates {
        match site.hours.on(*date, &pack.calendar) {
            DayHours::Open(_) => return None,
            DayHours::Closed(reason) => reasons.push(format!("on {date} ({reason})")),
        }
    }
    Some(reasons.join(", "))
}

/// Bookings, cautions and estimates for the sites of one day.
pub fn notes(pack: &Pack, sites: &[usize]) -> Vec<String> {
    let mut notes = Vec::new();
    for site in sites.iter().map(|&i| &pack.sites[i]) {
        let name = format!("{} {}", site.name.zh, site.name.en);
        if site.booking {
            notes.push(format!("{name}: book in advance."));
        }
        if let Some(note) = &site.notes {
            notes.push(format!("{name}: {}", note.en));
        }
        if site.provenance.is_estimated("hours") {
            notes.push(format!(
                "{name}: opening hours are an estimate; confirm before travel."
            ));
        }
    }
    notes
}

/// What holds for the whole trip: the timetable's standing, and what the cost leaves out.
pub fn warnings(pack: &Pack) -> Vec<String> {
    let mut warnings = Vec::new();
    if pack.timetable.sample {
        warnings.push(pack.timetable.note.en.clone());
    }
    warnings.push("Costs include tickets, fares and rooms (two to a room); meals and local taxis are not included.".to_owned());
    warnings
}
