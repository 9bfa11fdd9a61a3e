//! A day of the itinerary: its heading, date, season and theme, its rows,
//! the notes on its places and the legend of the marks its rows carry.

use super::places::Place;
use super::rows::{MarkKind, Row, row};
use crate::model::{Pack, Text};
use crate::plan::{Day, Notice};
use crate::render::catalog::Msg;
use crate::render::lang::{Bi, Lang};
use crate::render::notices::notice;
use crate::render::sheet::Audience;

pub struct DayView {
    pub index: u8,
    pub heading: Bi,
    pub date: Bi,
    pub season: Bi,
    /// What the day is about: the product's theme, else its area.
    pub theme: Option<Bi>,
    pub map_title: Bi,
    pub rows: Vec<Row>,
    /// The notes on this day's places, duplicates merged.
    pub notes: Vec<Bi>,
    /// One line for each kind of mark on this day's rows.
    pub legend: Vec<Bi>,
}

/// The view of `day`; `theme` is what the product's plan says the day is about.
pub(super) fn day_view(
    pack: &Pack,
    day: &Day,
    theme: Option<&Text>,
    places: &[Place],
    lang: Lang,
    audience: Audience,
) -> DayView {
    let say = |msg: Msg| Bi::say(lang, &msg);
    let area = (day.area.as_deref())
        .and_then(|id| pack.area(id))
        .map(|a| &a.name);
    let season = match pack.seasons.iter().find(|s| s.id == day.season) {
        Some(season) => Bi::of(lang, &season.name),
        None => say(Msg::OffSeason),
    };
    let rows: Vec<Row> = (day.events.iter())
        .map(|e| row(pack, day, e, places, lang))
        .collect();
    // Facts about a place become marks on its rows; the rest are notes.
    let notes = dedup(
        (day.notices.iter())
            .filter(|n| !matches!(n, Notice::Booking { .. } | Notice::HoursEstimated { .. }))
            .filter(|n| audience.shows(n))
            .map(|n| notice(pack, n, lang))
            .collect(),
    );
    let mut legend = Vec::new();
    for kind in [
        MarkKind::Optional,
        MarkKind::ToConfirm,
        MarkKind::Booking,
        MarkKind::Sample,
    ] {
        let Some(mark) = rows.iter().flat_map(|r| &r.marks).find(|m| m.kind == kind) else {
            continue;
        };
        let label = mark.label.plain();
        legend.push(Bi::map(lang, |l| {
            Msg::Labelled {
                label: &label,
                text: mark.legend.get(l),
            }
            .text(l)
        }));
    }
    DayView {
        index: day.index,
        heading: say(Msg::Day(day.index)),
        date: say(Msg::Date(day.date)),
        season,
        theme: theme.or(area).map(|t| Bi::of(lang, t)),
        map_title: say(Msg::RouteMap(day.index)),
        rows,
        notes,
        legend,
    }
}

fn dedup(notes: Vec<Bi>) -> Vec<Bi> {
    let mut out: Vec<Bi> = Vec::with_capacity(notes.len());
    for note in notes {
        if !out.contains(&note) {
            out.push(note);
        }
    }
    out
}
