//! The itinerary as the reader sees it, built once per render from the
//! pack, the plan and the language: headings, rows, marks, notes, totals,
//! the sites left out and the places of the trip, every word already taken
//! from the [`catalog`](super::catalog) or the pack. The writers (text,
//! Markdown, HTML, fragment, ICS) only lay this out in their syntax; none of
//! them looks into the pack or phrases a fact.
//!
//! Built here from its parts: the places of the trip (`places`), each day
//! (`days`) and its rows (`rows`), the sites left out (`omitted`); the
//! agency's header and the audience's sections come from the sheet.

mod days;
mod omitted;
mod places;
mod rows;

use super::catalog::{Bill, Msg};
use super::lang::verbatim;
use super::sheet::{self, Audience, Brand, Options, Section};
use crate::model::{Pack, Text};
use crate::plan::{Event, Itinerary, Notice};

pub use super::lang::{Bi, Lang, Part};
pub use super::notices::{notice, omission};
pub use days::DayView;
pub use omitted::OmittedGroup;
pub use places::{Place, PlaceKind};
pub use rows::{Mark, MarkKind, Row, RowKind};

/// The whole itinerary, ready to write.
pub struct View {
    pub lang: Lang,
    pub audience: Audience,
    /// The agency the plan is printed for, on every page.
    pub brand: Option<Brand>,
    /// What the audience reads beyond the itinerary: meeting point,
    /// inclusions, bookings, rooming, emergency numbers, costs.
    pub sections: Vec<Section>,
    /// The address card for a driver.
    pub addresses: bool,
    /// The sources of the facts (the operator's).
    pub sources: bool,
    pub title: Bi,
    pub summary: Option<Bi>,
    /// Dates, departure, party, pace, total cost.
    pub facts: Vec<Fact>,
    pub labels: Labels,
    pub days: Vec<DayView>,
    pub totals: Bi,
    pub omitted: Vec<OmittedGroup>,
    /// Promises the plan cannot keep: said at the top.
    pub warnings: Vec<Bi>,
    /// What holds for the whole trip.
    pub notes: Vec<Bi>,
    /// Every place the trip goes to, in first-visit order.
    pub places: Vec<Place>,
    /// Where the facts come from: the pack's own source, then each place's.
    pub pack_source: String,
    /// Said instead of the sources when they are in another language than the reader's.
    pub sources_elsewhere: Option<Bi>,
}

/// A fact of the trip's header.
pub struct Fact {
    pub label: Bi,
    pub value: Bi,
}

/// The fixed words of the layout.
pub struct Labels {
    pub time: Bi,
    pub what: Bi,
    pub place: Bi,
    pub duration: Bi,
    pub cost: Bi,
    pub marks: Bi,
    pub notes: Bi,
    pub trip_notes: Bi,
    pub warnings: Bi,
    pub totals: Bi,
    pub addresses: Bi,
    pub omitted: Bi,
    pub sources: Bi,
    pub north: Bi,
}

impl View {
    /// The address card's lines, the places at the destination in visiting
    /// order, as a driver reads them: Chinese name, district, street.
    pub fn address_lines(&self) -> Vec<String> {
        (self.places.iter().filter(|p| p.local).enumerate())
            .map(|(i, p)| {
                let mut line = format!("{}. {} · {}", i + 1, p.name_zh, p.district_zh);
                if let Some(street) = &p.address {
                    line.push_str(&format!(" {street}"));
                }
                line
            })
            .collect()
    }
}

/// The view of `itinerary` for the reader `options` describe.
pub fn build(pack: &Pack, itinerary: &Itinerary, options: &Options) -> View {
    let (lang, audience) = (options.lang, options.audience);
    let say = |msg: Msg| Bi::say(lang, &msg);
    let places = places::in_visit_order(pack, itinerary, lang);
    let request = &itinerary.request;
    let first = request.date;
    let last = itinerary.days.last().map_or(first, |d| d.date);
    let cost = itinerary.totals.cost_cny;
    let from = places
        .iter()
        .find(|p| p.id == request.from)
        .map_or_else(|| verbatim(&request.from), |p| p.name.clone());
    let bill = Bill {
        party: cost.party,
        each: cost.per_person,
        group: is_group(pack, itinerary),
        about: (itinerary.days.iter().flat_map(|d| &d.events)).any(|e| {
            matches!(
                e,
                Event::Visit {
                    cost_estimated: true,
                    ..
                }
            )
        }),
    };
    let fact = |label: Msg, value: Msg| Fact {
        label: say(label),
        value: say(value),
    };
    let facts = vec![
        if first == last {
            fact(Msg::Dates, Msg::Date(first))
        } else {
            fact(Msg::Dates, Msg::DateRange(first, last))
        },
        Fact {
            label: say(Msg::From),
            value: from,
        },
        fact(Msg::PartyLabel, Msg::Party(request.party)),
        fact(Msg::PaceLabel, Msg::Pace(request.pace)),
        fact(Msg::TotalCost, Msg::PartyCost(bill)),
    ];
    let totals = say(Msg::TotalsLine {
        visits: itinerary.totals.visits,
        travel_minutes: itinerary.totals.travel_minutes,
        bill,
    });
    let plan = (request.product.as_deref())
        .and_then(|id| pack.product(id))
        .map(|p| p.plan.as_slice())
        .filter(|plan| plan.len() == itinerary.days.len())
        .unwrap_or_default();
    let days = (itinerary.days.iter())
        .map(|day| {
            // An edited plan may number its days from anything.
            let theme = (usize::from(day.index).checked_sub(1))
                .and_then(|d| plan.get(d))
                .and_then(|p| p.theme.as_ref());
            days::day_view(pack, day, theme, &places, lang, audience, bill.group)
        })
        .collect();
    let (warnings, notes): (Vec<&Notice>, Vec<&Notice>) = (itinerary.notices.iter())
        .filter(|n| audience.shows(n))
        .partition(|n| n.is_warning());
    let text = |list: Vec<&Notice>| list.into_iter().map(|n| notice(pack, n, lang)).collect();
    let (warnings, notes) = (text(warnings), text(notes));
    let sources_elsewhere = (lang == Lang::Zh).then(|| {
        say(Msg::SourcesInPack {
            pack: &pack.info.name.zh,
        })
    });
    View {
        lang,
        audience,
        brand: options.agency.map(|a| sheet::brand(a, lang)),
        sections: sheet::sections(pack, itinerary, options),
        addresses: audience.shows_addresses(itinerary),
        sources: audience.shows_research(),
        title: Bi::of(lang, &trip_title(pack, itinerary)),
        summary: (request.product.as_deref())
            .and_then(|id| pack.product(id))
            .map(|p| Bi::of(lang, &p.summary)),
        facts,
        labels: Labels {
            time: say(Msg::Time),
            what: say(Msg::What),
            place: say(Msg::Place),
            duration: say(Msg::TimeTaken),
            cost: say(Msg::Cost),
            marks: say(Msg::Marks),
            notes: say(Msg::Notes),
            trip_notes: say(Msg::TripNotes),
            warnings: say(Msg::Warnings),
            totals: say(Msg::Totals),
            addresses: say(Msg::AddressCard),
            omitted: say(Msg::NotInPlan),
            sources: say(Msg::Sources),
            north: Bi::say(lang.compact(), &Msg::North),
        },
        days,
        totals,
        omitted: match audience.shows_research() {
            true => omitted::by_reason(pack, itinerary, lang),
            false => Vec::new(),
        },
        warnings,
        notes,
        places,
        pack_source: pack.info.source.clone(),
        sources_elsewhere,
    }
}

/// A tour group, by the pack's `[group] min_size`: its costs are "全团".
pub fn is_group(pack: &Pack, itinerary: &Itinerary) -> bool {
    let people = itinerary.request.party.people();
    pack.group.as_ref().is_some_and(|g| people >= g.min_size)
}

/// The product's name, or "N-day trip" with the pack's name.
pub fn trip_title(pack: &Pack, itinerary: &Itinerary) -> Text {
    let request = &itinerary.request;
    match request.product.as_deref().and_then(|id| pack.product(id)) {
        Some(product) => product.name.clone(),
        None => Text {
            zh: format!("{}日游 · {}", request.days, pack.info.name.zh),
            en: format!("{}-day trip · {}", request.days, pack.info.name.en),
        },
    }
}
