//! The request's checks over the whole plan: every must-see visited (on
//! its day when pinned) unless the plan says why not, no avoided site visited.

use super::super::itinerary::{Event, Itinerary, Notice};
use super::names::name;
use super::problem::{Check, Problem};
use crate::model::Pack;

/// Every must-see visited, on its day when pinned; no avoided site visited.
/// A product's promise may be let go when the plan says so in a
/// `PromiseMissed` notice, and a promised sunrise that cannot be seen
/// (`SunriseMissed`) frees the site from its morning.
pub(super) fn must_and_avoid(pack: &Pack, itinerary: &Itinerary) -> Vec<Problem> {
    let request = &itinerary.request;
    // (day, event, site), both 1-based.
    let visits: Vec<(usize, usize, &str)> = (itinerary.days.iter().enumerate())
        .flat_map(|(d, day)| {
            day.events
                .iter()
                .enumerate()
                .filter_map(move |(e, event)| match event {
                    Event::Visit { site, .. } => Some((d + 1, e + 1, site.as_str())),
                    _ => None,
                })
        })
        .collect();
    let mut problems = Vec::new();
    for must in &request.must {
        let on: Vec<usize> = (visits.iter())
            .filter(|(.., site)| *site == must.site)
            .map(|(d, ..)| *d)
            .collect();
        let kept = match must.day {
            Some(day) => on.contains(&usize::from(day)),
            None => !on.is_empty(),
        };
        let excused = must.promise
            && itinerary.notices.iter().any(|notice| match notice {
                Notice::PromiseMissed { site, .. } => *site == must.site,
                Notice::SunriseMissed { site, .. } => *site == must.site && !on.is_empty(),
                _ => false,
            });
        if kept || excused {
            continue;
        }
        let site = name(pack, &must.site);
        let message = match (must.day, on.as_slice()) {
            (Some(day), []) => format!("must-see {site} is not visited (pinned to day {day})"),
            (Some(day), on) => {
                let on: Vec<String> = on.iter().map(usize::to_string).collect();
                format!(
                    "must-see {site} is pinned to day {day} but visited on day {}",
                    on.join(", ")
                )
            }
            (None, _) => format!("must-see {site} is not visited"),
        };
        problems.push(Problem {
            day: must.day,
            event: None,
            check: Check::Must,
            message,
        });
    }
    for (d, e, site) in visits {
        if request.avoid.iter().any(|a| a == site) {
            problems.push(Problem {
                day: u8::try_from(d).ok(),
                event: Some(e),
                check: Check::Avoid,
                message: format!("visit to {}, which the request avoids", name(pack, site)),
            });
        }
    }
    problems
}
