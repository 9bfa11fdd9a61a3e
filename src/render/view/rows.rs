//! One event of a day as a row: what, when, where, how long, what it
//! costs, its marks (to confirm, to book, a sample train) and the details a
//! calendar entry carries.

use super::places::Place;
use crate::model::{Pack, ServiceMode};
use crate::plan::{Clock, Day, Event, Notice, TransferMode};
use crate::render::catalog::Msg;
use crate::render::lang::{Bi, Lang, Part, verbatim};

/// What a row is; each has its own symbol, so the kind reads without colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    Transfer(TransferMode),
    Visit,
    Sunrise,
    Meal,
    Lodging,
}

impl RowKind {
    /// A CSS class and a short id.
    pub fn class(self) -> &'static str {
        match self {
            RowKind::Transfer(_) => "transfer",
            RowKind::Visit | RowKind::Sunrise => "visit",
            RowKind::Meal => "meal",
            RowKind::Lodging => "lodging",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            RowKind::Transfer(TransferMode::Rail) => "═",
            RowKind::Transfer(TransferMode::Coach | TransferMode::Charter) => "▭",
            RowKind::Transfer(TransferMode::Car) => "→",
            RowKind::Transfer(TransferMode::Walk) => "⋯",
            RowKind::Visit => "●",
            RowKind::Sunrise => "☀",
            RowKind::Meal => "◆",
            RowKind::Lodging => "▲",
        }
    }
}

/// A fact shown on a row rather than repeated as a note on every day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    ToConfirm,
    Booking,
    Sample,
    /// An optional outing (自愿参加).
    Optional,
    /// A stand-in for a place not yet chosen (示意).
    Placeholder,
}

impl MarkKind {
    /// Every kind, in the order of a day's legend.
    pub const ALL: [MarkKind; 5] = [
        MarkKind::Optional,
        MarkKind::ToConfirm,
        MarkKind::Booking,
        MarkKind::Sample,
        MarkKind::Placeholder,
    ];
}

pub struct Mark {
    pub kind: MarkKind,
    /// A word or two, in one language.
    pub label: Bi,
    /// What it means, in full, for a calendar entry that has no legend.
    pub meaning: Bi,
    /// What it means, for the day's legend.
    pub legend: Bi,
}

/// One event of a day.
pub struct Row {
    pub kind: RowKind,
    pub start: Clock,
    /// `None` for the night, which has a start only.
    pub end: Option<Clock>,
    /// `HH:MM–HH:MM`, or `HH:MM`.
    pub time: String,
    pub what: Bi,
    /// A train or coach number.
    pub service: Option<String>,
    /// Where it happens; for a transfer, where it leaves from.
    pub place: Bi,
    /// Where a transfer goes.
    pub to: Option<Bi>,
    pub duration: Bi,
    pub cost: Bi,
    pub marks: Vec<Mark>,
    /// Indices into the view's places: where the event happens (the
    /// destination of a transfer), and where a transfer leaves from.
    pub at: Option<usize>,
    pub from: Option<usize>,
    /// The id this event is told apart by: the site, the destination or the meal.
    pub subject: String,
    /// More about the event, for a calendar entry: the place's summary,
    /// distance and time, cost.
    pub details: Vec<Bi>,
    pub categories: Vec<Bi>,
}

fn mark(kind: MarkKind, lang: Lang, pack: &Pack) -> Mark {
    let (label, meaning, legend) = match kind {
        MarkKind::ToConfirm => {
            let meaning = Bi::say(lang, &Msg::HoursEstimated);
            (Msg::MarkToConfirm, meaning.clone(), meaning)
        }
        MarkKind::Booking => {
            let meaning = Bi::say(lang, &Msg::BookAhead);
            (Msg::MarkBooking, meaning.clone(), meaning)
        }
        MarkKind::Sample => (
            Msg::MarkSample,
            Bi::of(lang, &pack.timetable.note),
            Bi::say(lang, &Msg::SampleLegend),
        ),
        MarkKind::Placeholder => {
            let meaning = Bi::say(lang, &Msg::PlaceholderLegend);
            (Msg::MarkPlaceholder, meaning.clone(), meaning)
        }
        MarkKind::Optional => {
            let meaning = Bi::say(lang, &Msg::OptionalLegend);
            (Msg::MarkOptional, meaning.clone(), meaning)
        }
    };
    Mark {
        kind,
        label: Bi::say(lang.compact(), &label),
        meaning,
        legend,
    }
}

/// The row of `event`, its places found in `places` by id; `group`: the
/// party is a tour group, whose costs are "全团".
pub(super) fn row(
    pack: &Pack,
    day: &Day,
    event: &Event,
    places: &[Place],
    lang: Lang,
    group: bool,
) -> Row {
    let say = |msg: Msg| Bi::say(lang, &msg);
    let compact = |msg: Msg| Bi::say(lang.compact(), &msg);
    let index = |id: &str| places.iter().position(|p| p.id == id);
    let name = |id: &str| index(id).map_or_else(|| verbatim(id), |i| places[i].name.clone());
    let short = |id: &str| index(id).map_or_else(|| verbatim(id), |i| places[i].short.clone());
    let money = |cny: f64| {
        if cny > 0.0 {
            Bi::say(lang.compact(), &Msg::Money(cny))
        } else {
            Bi::default()
        }
    };
    let span = |start: Clock, end: Clock| end.minutes.saturating_sub(start.minutes);
    match event {
        Event::Transfer {
            from,
            to,
            start,
            end,
            mode,
            service,
            distance_km,
            minutes,
            cost_cny,
            rest_minutes,
            optional,
            ..
        } => {
            let how = say(Msg::Mode(*mode));
            let known = service
                .as_deref()
                .map(|id| (id, pack.services.iter().find(|s| s.id == id)));
            let mut marks = Vec::new();
            if known.is_some_and(|(_, s)| s.is_none_or(|s| s.sample)) {
                marks.push(mark(MarkKind::Sample, lang, pack));
            }
            if *optional {
                marks.push(mark(MarkKind::Optional, lang, pack));
            }
            // A sample's number without its prefix (the mark says it); a
            // coach line has no number a reader would look for.
            let number = known.and_then(|(id, s)| match s {
                Some(s) if s.mode == ServiceMode::Coach => None,
                Some(s) => Some(s.number().to_owned()),
                None => Some(id.to_owned()),
            });
            let mut details = vec![
                Bi::map(lang, |l| {
                    format!(
                        "{}: {} → {}",
                        how.get(l),
                        name(from).get(l),
                        name(to).get(l)
                    )
                }),
                say(Msg::DistanceAndTime {
                    km: *distance_km,
                    minutes: *minutes,
                }),
            ];
            if *rest_minutes > 0 {
                details.push(say(Msg::DriverRest(*rest_minutes)));
            }
            if *cost_cny > 0.0 {
                details.push(say(Msg::CostForParty {
                    cny: *cost_cny,
                    group,
                }));
            }
            details.extend(marks.iter().map(|m| m.meaning.clone()));
            Row {
                kind: RowKind::Transfer(*mode),
                start: *start,
                end: Some(*end),
                time: start.span(*end),
                what: how.clone(),
                service: number,
                place: short(from),
                to: Some(short(to)),
                duration: compact(Msg::Duration(*minutes)),
                cost: money(*cost_cny),
                marks,
                at: index(to),
                from: index(from),
                subject: to.clone(),
                details,
                categories: vec![say(Msg::Transfer), how],
            }
        }
        Event::Visit {
            site,
            start,
            end,
            cost_cny,
            sunrise,
            sun_up,
            placeholder,
            cost_estimated,
            optional,
        } => {
            let sun_up = sun_up.map(Clock::hhmm);
            let mut marks = Vec::new();
            if *placeholder {
                marks.push(mark(MarkKind::Placeholder, lang, pack));
            }
            if *optional {
                marks.push(mark(MarkKind::Optional, lang, pack));
            }
            let has = |wanted: fn(&Notice) -> bool| {
                day.notices
                    .iter()
                    .any(|n| n.site() == Some(site.as_str()) && wanted(n))
            };
            if has(|n| matches!(n, Notice::HoursEstimated { .. })) {
                marks.push(mark(MarkKind::ToConfirm, lang, pack));
            }
            if has(|n| matches!(n, Notice::Booking { .. })) {
                marks.push(mark(MarkKind::Booking, lang, pack));
            }
            let found = pack.site(site);
            let mut details: Vec<Bi> = found
                .map(|s| Bi::of(lang, &s.summary))
                .into_iter()
                .collect();
            details.extend(marks.iter().map(|m| m.meaning.clone()));
            if let Some(notes) = found.and_then(|s| s.notes.as_ref()) {
                details.push(Bi::of(lang, notes));
            }
            if let Some(note) = found.and_then(|s| s.season_note_on(day.date)) {
                details.push(Bi::of(lang, &note.text));
            }
            if *cost_cny > 0.0 {
                details.push(say(Msg::CostForParty {
                    cny: *cost_cny,
                    group,
                }));
            }
            let mut categories = vec![say(Msg::Visit)];
            if *sunrise {
                categories.push(say(Msg::Sunrise));
            }
            categories.extend(found.map(|s| say(Msg::Category(s.category))));
            Row {
                kind: if *sunrise {
                    RowKind::Sunrise
                } else {
                    RowKind::Visit
                },
                start: *start,
                end: Some(*end),
                time: start.span(*end),
                what: if *sunrise {
                    say(Msg::SunriseVisit {
                        sun_up: sun_up.as_deref(),
                    })
                } else {
                    say(Msg::Visit)
                },
                service: None,
                place: name(site),
                to: None,
                duration: compact(Msg::Duration(span(*start, *end))),
                cost: match *cost_estimated {
                    true => compact(Msg::AboutMoney(*cost_cny)),
                    false => money(*cost_cny),
                },
                marks,
                at: index(site),
                from: None,
                subject: site.clone(),
                details,
                categories,
            }
        }
        Event::Meal {
            meal,
            start,
            end,
            near,
        } => {
            let what = match pack.meals.iter().find(|m| m.kind == *meal) {
                Some(m) => Bi::of(lang, &m.name),
                None => say(Msg::Meal),
            };
            let near_short = short(near);
            let place = Bi(near_short
                .0
                .iter()
                .map(|p| Part {
                    lang: p.lang,
                    text: Msg::Near(&p.text).text(p.lang),
                })
                .collect());
            let near_name = name(near);
            Row {
                kind: RowKind::Meal,
                start: *start,
                end: Some(*end),
                time: start.span(*end),
                what,
                service: None,
                place,
                to: None,
                duration: compact(Msg::Duration(span(*start, *end))),
                cost: Bi::default(),
                marks: Vec::new(),
                at: index(near),
                from: None,
                subject: meal.as_str().to_owned(),
                details: vec![Bi::map(lang, |l| Msg::Near(near_name.get(l)).text(l))],
                categories: vec![say(Msg::Meal)],
            }
        }
        Event::Lodging {
            lodging,
            start,
            placeholder,
        } => Row {
            kind: RowKind::Lodging,
            start: *start,
            end: None,
            time: start.hhmm(),
            what: say(Msg::Night),
            service: None,
            place: name(lodging),
            to: None,
            duration: Bi::default(),
            cost: Bi::default(),
            marks: match placeholder {
                true => vec![mark(MarkKind::Placeholder, lang, pack)],
                false => Vec::new(),
            },
            at: index(lodging),
            from: None,
            subject: lodging.clone(),
            details: match placeholder {
                true => vec![Bi::say(lang, &Msg::PlaceholderLegend)],
                false => Vec::new(),
            },
            categories: vec![say(Msg::Night)],
        },
    }
}
