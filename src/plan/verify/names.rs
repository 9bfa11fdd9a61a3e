//! How `verify`'s messages name places, events and times, and how it
//! numbers the pack's places as the planner does.

use chrono::NaiveDate;

use super::super::itinerary::{Clock, Event, TransferMode};
use crate::model::Pack;

/// The number of a place of the pack as the planner numbers its
/// locations (sites, then lodging, then hubs).
pub(super) fn place(pack: &Pack, id: &str) -> Option<usize> {
    let sites = pack.sites.iter().map(|s| &s.id);
    let lodging = pack.lodging.iter().map(|l| &l.id);
    let hubs = pack.hubs.iter().map(|h| &h.id);
    sites
        .chain(lodging)
        .chain(hubs)
        .position(|place| place == id)
}

/// An event as messages name it.
pub(super) fn describe(pack: &Pack, event: &Event) -> String {
    match event {
        Event::Transfer {
            from,
            to,
            service: Some(id),
            ..
        } => format!("{id} from {} to {}", name(pack, from), name(pack, to)),
        Event::Transfer { from, to, .. } => {
            format!("transfer from {} to {}", name(pack, from), name(pack, to))
        }
        Event::Visit { site, .. } => format!("visit to {}", name(pack, site)),
        Event::Meal { meal, near, .. } => format!("{} near {}", meal.as_str(), name(pack, near)),
        Event::Lodging { lodging, .. } => format!("night at {}", name(pack, lodging)),
    }
}

/// `老龙头 (laolongtou)`; the id alone, quoted, when the pack does not have it.
pub(super) fn name(pack: &Pack, id: &str) -> String {
    let zh = (pack.site(id).map(|s| &s.name.zh))
        .or_else(|| pack.lodging(id).map(|l| &l.name.zh))
        .or_else(|| pack.hub(id).map(|h| &h.name.zh));
    zh.map_or_else(|| format!("\"{id}\""), |zh| format!("{zh} ({id})"))
}

pub(super) fn mode_name(mode: TransferMode) -> &'static str {
    match mode {
        TransferMode::Rail => "rail",
        TransferMode::Coach => "coach",
        TransferMode::Car => "car",
        TransferMode::Walk => "walk",
        TransferMode::Charter => "charter",
    }
}

/// Minutes from the midnight that starts `date` to `clock`: negative
/// before it, past 24 hours on a later day. An edited plan may put an
/// event on any date or at any minute.
pub(super) fn minute(date: NaiveDate, clock: Clock) -> i64 {
    let days = clock.date.signed_duration_since(date).num_days();
    days * 24 * 60 + i64::from(clock.minutes)
}

/// `HH:MM`, with the day it falls on when that is not the plan's day.
pub(super) fn hhmm(minutes: i64) -> String {
    let (days, rest) = (minutes.div_euclid(24 * 60), minutes.rem_euclid(24 * 60));
    let time = format!("{:02}:{:02}", rest / 60, rest % 60);
    match days {
        0 => time,
        1 => format!("{time} the next day"),
        -1 => format!("{time} the day before"),
        days => format!("{time} {days:+} days"),
    }
}
