//! Why a site is not in the plan, and what the operator should know about
//! the ones that are: facts, which the renderers put into words.

use chrono::NaiveDate;

use super::itinerary::{
    Closure, Day, Event, ExtraTime, Notice, Occasion, Omission, Omitted, RideCost, RoomCount,
    SunriseMiss, TransferMode,
};
use super::request::{Party, Request};
use crate::model::{DayHours, MonthDay, Pack, Site};

/// The id of the season that draws the crowds.
const PEAK: &str = "peak";

/// How a site fares on one day of the trip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayFit {
    /// A visit fits the day's way and the site's hours.
    Fits,
    /// It would fit the hours, but lies outside the day's area.
    OffTheWay,
    /// Its visit does not fit the hours it is open that day.
    NoTime,
}

/// Every site left out, with its reason: avoided, closed on every day,
/// unable to fit a visit in any day's hours, off every day's way, or
/// outscored by the chosen ones.
pub fn omitted(
    pack: &Pack,
    request: &Request,
    dates: &[NaiveDate],
    visited: &[usize],
    fit: impl Fn(usize, &Site, usize) -> DayFit,
    its_day: impl Fn(usize, usize) -> bool,
) -> Vec<Omitted> {
    let mut omitted = Vec::new();
    for (index, site) in pack.sites.iter().enumerate() {
        if visited.contains(&index) {
            continue;
        }
        let why = if request.avoid.contains(&site.id) {
            Omission::Avoided
        } else if site.not_recommended() && !request.must.iter().any(|m| m.site == site.id) {
            Omission::NotRecommended
        } else if let Some(closures) = closed_every_day(pack, site, dates) {
            Omission::Closed { closures }
        } else if let Some(closures) = closed_on_its_days(pack, site, dates, |d| its_day(index, d))
        {
            // Open only on days spent elsewhere (a weekday site on a weekend
            // in its area): its closures are the reason, not the way.
            Omission::Closed { closures }
        } else if !site.worth.is_empty()
            && !request.must.iter().any(|m| m.site == site.id)
            && !dates.iter().any(|d| {
                let day = MonthDay::of(*d);
                site.worth.iter().any(|r| r.contains(day))
            })
        {
            Omission::OutOfSeason
        } else {
            let days: Vec<DayFit> = (0..dates.len()).map(|d| fit(index, site, d)).collect();
            if days.contains(&DayFit::Fits) {
                Omission::Outscored
            } else if days.contains(&DayFit::OffTheWay) {
                Omission::OffTheWay
            } else {
                Omission::NoTime {
                    visit_minutes: site.visit.0,
                }
            }
        };
        omitted.push(Omitted {
            site: site.id.clone(),
            why,
        });
    }
    omitted
}

/// The closures of `site` on the days it could be visited (`its_day`: its
/// area's, or its pinned one), when it is closed on all of them.
fn closed_on_its_days(
    pack: &Pack,
    site: &Site,
    dates: &[NaiveDate],
    its_day: impl Fn(usize) -> bool,
) -> Option<Vec<Closure>> {
    let days: Vec<NaiveDate> = (dates.iter().enumerate())
        .filter(|(d, _)| its_day(*d))
        .map(|(_, date)| *date)
        .collect();
    (!days.is_empty())
        .then(|| closed_every_day(pack, site, &days))
        .flatten()
}

/// The closures of `site` when it is closed on all `dates`.
pub fn closed_every_day(pack: &Pack, site: &Site, dates: &[NaiveDate]) -> Option<Vec<Closure>> {
    let mut closures = Vec::new();
    for date in dates {
        match site.hours.on(*date, &pack.calendar) {
            DayHours::Open(_) => return None,
            DayHours::Closed(why) => closures.push(Closure { date: *date, why }),
        }
    }
    Some(closures)
}

/// Bookings, the pack's notes (those for part of the year when `date` is
/// in it), estimated hours and, for a party with children or seniors,
/// concessions for the sites of one day.
pub fn notices(pack: &Pack, sites: &[usize], party: Party, date: NaiveDate) -> Vec<Notice> {
    let mut notices = Vec::new();
    if party.children + party.seniors > 0 {
        for rule in &pack.concessions {
            let covered: Vec<String> = (sites.iter().map(|&i| &pack.sites[i].id))
                .filter(|id| rule.sites.contains(id))
                .cloned()
                .collect();
            if !covered.is_empty() {
                notices.push(Notice::Concession {
                    concession: rule.id.clone(),
                    sites: covered,
                });
            }
        }
    }
    for site in sites.iter().map(|&i| &pack.sites[i]) {
        let id = || site.id.clone();
        if site.booking {
            notices.push(Notice::Booking { site: id() });
        }
        if site.notes.is_some() {
            notices.push(Notice::SiteNote { site: id() });
        }
        if let Some(note) = site.season_note_on(date) {
            notices.push(Notice::SeasonNote {
                site: id(),
                from: note.days.from,
                to: note.days.to,
            });
        }
        if site.caveat.is_some() {
            notices.push(Notice::SiteCaveat { site: id() });
        }
        if site.provenance.is_estimated("hours") {
            notices.push(Notice::HoursEstimated { site: id() });
        }
    }
    notices
}

/// What holds for the whole trip: the timetable's standing, and what the cost covers.
pub fn trip_notices(
    pack: &Pack,
    dates: &[NaiveDate],
    rooms: Vec<RoomCount>,
    uses_services: bool,
    rides: RideCost,
) -> Vec<Notice> {
    let mut notices = Vec::new();
    let mut years: Vec<i32> = (dates.iter())
        .filter(|d| !pack.calendar.covers(**d))
        .map(chrono::Datelike::year)
        .collect();
    years.dedup();
    if !years.is_empty() {
        notices.push(Notice::HolidaysUnknown { years });
    }
    if pack.timetable.sample && uses_services {
        notices.push(Notice::SampleTimetable);
    }
    let coach = rides == RideCost::Coach;
    notices.push(Notice::CostBasis {
        rooms,
        coach,
        rides,
    });
    notices
}

/// The promises the plan cannot keep: a promised site left out, with why,
/// and a sunrise that cannot be seen.
pub fn promises(
    pack: &Pack,
    request: &Request,
    omitted: &[Omitted],
    sunrise_misses: &[(usize, SunriseMiss)],
) -> Vec<Notice> {
    let mut notices = Vec::new();
    for must in request.must.iter().filter(|m| m.promise) {
        if let Some(left) = omitted.iter().find(|o| o.site == must.site) {
            notices.push(Notice::PromiseMissed {
                site: must.site.clone(),
                why: left.why.clone(),
            });
        }
    }
    for (index, why) in sunrise_misses {
        let site = &pack.sites[*index];
        let promised = request.must.iter().any(|m| m.site == site.id);
        if promised {
            notices.push(Notice::SunriseMissed {
                site: site.id.clone(),
                why: why.clone(),
            });
        }
    }
    notices
}

/// Sites that need booking or draw crowds, visited on a public holiday or
/// in the peak season: book or come early.
pub fn book_early(pack: &Pack, days: &[Day]) -> Vec<Notice> {
    let mut notices = Vec::new();
    for day in days {
        let occasion = match pack.calendar.holiday_on(day.date) {
            Some(holiday) => Occasion::Holiday {
                name: holiday.name.clone(),
            },
            None if day.season == PEAK => {
                let Some(season) = pack.seasons.iter().find(|s| s.id == PEAK) else {
                    continue;
                };
                Occasion::Peak {
                    season: season.name.clone(),
                }
            }
            None => continue,
        };
        let sites: Vec<String> = (day.events.iter())
            .filter_map(|e| match e {
                Event::Visit { site, .. } => Some(site),
                _ => None,
            })
            .filter(|site| pack.site(site).is_some_and(|s| s.crowds || s.booking))
            .cloned()
            .collect();
        if !sites.is_empty() {
            notices.push(Notice::BookEarly {
                date: day.date,
                occasion,
                sites,
            });
        }
    }
    notices
}

/// What a day inside a public holiday means: its name (and the day's own),
/// the crowded sites given more time, those booked by real name, and the
/// train tickets to buy when the presale opens. `None` on other days.
pub fn holiday(pack: &Pack, day: &Day) -> Option<Notice> {
    let holiday = pack.calendar.holiday_on(day.date)?;
    let named = holiday.day(day.date);
    let visits = || {
        (day.events.iter()).filter_map(|e| match e {
            Event::Visit {
                site,
                sunrise: false,
                ..
            } => pack.site(site),
            _ => None,
        })
    };
    let train = (day.events.iter()).any(|e| {
        matches!(
            e,
            Event::Transfer {
                mode: TransferMode::Rail,
                ..
            }
        )
    });
    Some(Notice::Holiday {
        name: holiday.name.clone(),
        day: named.map(|d| d.name.clone()),
        notes: named.and_then(|d| d.notes.clone()),
        extra: visits()
            .filter_map(|s| {
                s.holiday_extra.map(|m| ExtraTime {
                    site: s.id.clone(),
                    minutes: m.0,
                })
            })
            .collect(),
        booking: (visits().filter(|s| s.holiday_booking))
            .map(|s| s.id.clone())
            .collect(),
        train,
        presale: pack.timetable.presale.filter(|_| train),
    })
}
