//! The rules of who travels and when (issue 24): no compulsory dawn, a
//! day that stands without its optional outing, the beach for a summer
//! family, no site out of its season or after dark when seen from
//! outside, and no relaxed day over its visits.

use chrono::Datelike;

use jingqin::model::{MonthDay, Pace};
use jingqin::plan::{
    EARLIEST_START_WITH_CARE, Event, Itinerary, Mode, OPTIONAL_DAWN_BEFORE, sunset_minutes,
};

use super::Rules;

/// A family's beach visit on a 北戴河 day of July or August lasts at least this long.
const SUMMER_BEACH_MINUTES: u32 = 90;
/// The most visits of a relaxed day, as the guide reads it.
const RELAXED_VISITS: usize = 3;
/// Not worth it in winter (November–April), whatever the pack says: the
/// outdoor bar park.
const NOT_IN_WINTER: [&str; 1] = ["biluota"];
/// Seen from outside, so by daylight, whatever the pack says: the villas.
const EXTERIORS: [&str; 1] = ["bdh_villas"];

impl Rules<'_> {
    pub(super) fn party_and_season(&mut self, label: &str, it: &Itinerary) {
        let pack = self.pack;
        let request = &it.request;
        let party = request.party;
        let with_care = party.children > 0 || party.seniors > 0 || request.mode == Mode::Charter;
        let mut summer_beidaihe = Vec::new();
        for day in &it.days {
            let at = format!("{label}: day {}", day.index);
            for event in &day.events {
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
                // 11. No compulsory dawn: a sunrise before 05:30 is
                // optional, and so is any start before 06:00 for
                // children, seniors or a group.
                if sunrise && start.minutes < OPTIONAL_DAWN_BEFORE && !optional {
                    self.fail(format!("{at}: a sunrise at {} not optional", start.hhmm()));
                }
                if with_care && start.minutes < EARLIEST_START_WITH_CARE && !optional {
                    self.fail(format!("{at}: a compulsory start at {}", start.hhmm()));
                }
            }
            // 11. The day stands without its optional outing: the first
            // event that is not part of it happens at the lodging.
            let optional = |e: &Event| {
                matches!(
                    e,
                    Event::Visit { optional: true, .. } | Event::Transfer { optional: true, .. }
                )
            };
            if day.events.iter().any(optional) {
                let next = day
                    .events
                    .iter()
                    .skip_while(|e| !optional(e))
                    .find(|e| !optional(e));
                let home = match next {
                    Some(Event::Meal { near, .. }) => pack.lodging(near).is_some(),
                    Some(Event::Transfer { from, .. }) => pack.lodging(from).is_some(),
                    Some(Event::Lodging { .. }) | None => true,
                    Some(_) => false,
                };
                if !home {
                    self.fail(format!(
                        "{at}: the day does not go on from the lodging after its optional outing"
                    ));
                }
            }
            // 12. No site out of the season it is worth a visit in (the
            // bar park in winter) unless asked for, and nothing seen from
            // outside after dark.
            let today = MonthDay::of(day.date);
            let mut visits = 0;
            for event in &day.events {
                let Event::Visit {
                    site, start, end, ..
                } = event
                else {
                    continue;
                };
                visits += 1;
                let Some(found) = self.site(site) else {
                    continue;
                };
                let asked = request.must.iter().any(|m| m.site == *site);
                let in_season =
                    found.worth.is_empty() || found.worth.iter().any(|r| r.contains(today));
                let winter = matches!(day.date.month(), 11 | 12 | 1..=4);
                if winter && NOT_IN_WINTER.contains(&site.as_str()) && !asked {
                    self.fail(format!("{at}: {site} in winter"));
                }
                if !in_season && !asked {
                    self.fail(format!("{at}: {site} out of its season"));
                }
                let dusk = sunset_minutes(found.coord, day.date, pack.info.timezone);
                let outside = found.daylight || EXTERIORS.contains(&site.as_str());
                if outside && dusk.is_some_and(|dusk| end.minutes > dusk) {
                    self.fail(format!(
                        "{at}: {site} seen from outside until {}, after dark",
                        end.hhmm()
                    ));
                }
                let beach = found.tags.iter().any(|t| t == "beach") && found.area == "beidaihe";
                if beach {
                    summer_beidaihe.push((day.index, end.minutes - start.minutes));
                }
            }
            // 13. A relaxed day holds at most its pace's visits.
            if request.pace == Pace::Relaxed && visits > RELAXED_VISITS {
                self.fail(format!("{at}: {visits} visits on a relaxed day"));
            }
        }
        // 14. In July and August a family with children gets a beach
        // visit of 90 minutes or more on one of its 北戴河 days.
        let summer_days: Vec<u8> = (it.days.iter())
            .filter(|d| matches!(d.date.month(), 7 | 8) && d.area.as_deref() == Some("beidaihe"))
            .map(|d| d.index)
            .collect();
        let beach = (summer_beidaihe.iter())
            .any(|(day, minutes)| summer_days.contains(day) && *minutes >= SUMMER_BEACH_MINUTES);
        if party.children > 0 && !summer_days.is_empty() && !beach {
            self.fail(format!(
                "{label}: a summer family on 北戴河 days {summer_days:?} gets no {SUMMER_BEACH_MINUTES} min at the beach ({summer_beidaihe:?})"
            ));
        }
    }
}
