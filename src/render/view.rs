//! The itinerary as the reader sees it, built once per render from the
//! pack, the plan and the language: headings, rows, marks, notes, totals,
//! the sites left out and the places of the trip, every word already taken
//! from the [`catalog`](super::catalog) or the pack. The writers (text,
//! Markdown, HTML, fragment, ICS) only lay this out in their syntax; none of
//! them looks into the pack or phrases a fact.

use super::catalog::{Language, Msg};
use super::sheet::{self, Audience, Brand, Options, Section};
use crate::model::{Coord, Pack, ServiceMode, Text};
use crate::plan::{
    Clock, Day, Event, Itinerary, Notice, Occasion, Omission, Omitted, TransferMode,
};

/// The language of names and labels: Chinese, English, or both side by side.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
    #[default]
    Both,
}

impl Lang {
    /// The languages shown, Chinese first.
    pub fn languages(self) -> &'static [Language] {
        match self {
            Lang::Zh => &[Language::Zh],
            Lang::En => &[Language::En],
            Lang::Both => &[Language::Zh, Language::En],
        }
    }

    /// For tight spots (a transfer's two ends, a duration, a mark): one
    /// language, Chinese unless only English is asked for.
    pub fn compact(self) -> Lang {
        match self {
            Lang::En => Lang::En,
            Lang::Zh | Lang::Both => Lang::Zh,
        }
    }

    /// The language of the document as a whole.
    pub fn primary(self) -> Language {
        self.languages()[0]
    }
}

/// A piece of text in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub lang: Language,
    pub text: String,
}

/// Text in the languages asked for: one part, or Chinese then English.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bi(pub Vec<Part>);

impl Bi {
    /// A catalog message.
    pub fn say(lang: Lang, msg: &Msg) -> Bi {
        Bi::map(lang, |l| msg.text(l))
    }

    /// Text from the pack.
    pub fn of(lang: Lang, text: &Text) -> Bi {
        Bi::map(lang, |l| l.of(text).to_owned())
    }

    /// A part in each language asked for, made by `f`.
    pub fn map(lang: Lang, f: impl Fn(Language) -> String) -> Bi {
        Bi(lang
            .languages()
            .iter()
            .map(|&l| Part {
                lang: l,
                text: f(l),
            })
            .collect())
    }

    /// The text of `lang`'s part (the first part when there is none).
    pub fn get(&self, lang: Language) -> &str {
        let part = self.0.iter().find(|p| p.lang == lang).or(self.0.first());
        part.map_or("", |p| p.text.as_str())
    }

    /// The parts side by side, separated by `between`.
    pub fn join(&self, between: &str) -> String {
        let texts: Vec<&str> = self.0.iter().map(|p| p.text.as_str()).collect();
        texts.join(between)
    }

    /// The parts side by side, separated by a space.
    pub fn plain(&self) -> String {
        self.join(" ")
    }
}

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
    /// Indices into [`View::places`]: where the event happens (the
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

/// What a place is; maps draw each with its own shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    Site,
    Lodging,
    Station,
}

impl PlaceKind {
    pub fn class(self) -> &'static str {
        match self {
            PlaceKind::Site => "site",
            PlaceKind::Lodging => "lodging",
            PlaceKind::Station => "station",
        }
    }
}

/// A place of the trip.
pub struct Place {
    pub id: String,
    pub kind: PlaceKind,
    pub name: Bi,
    /// The name in one language, for tight spots.
    pub short: Bi,
    /// What a driver needs, whatever the reader's language: the Chinese
    /// name, district and street address.
    pub name_zh: String,
    pub district_zh: String,
    pub address: Option<String>,
    /// The English name, beside the Chinese on the address card, unless the
    /// reader asked for Chinese only.
    pub english: Option<String>,
    pub coord: Coord,
    /// In the destination area, rather than at the far (Beijing) end.
    pub local: bool,
    pub summary: Option<Bi>,
    pub source: String,
}

/// Sites left out for one reason.
pub struct OmittedGroup {
    /// The reason and the sites, with dates and reasons of closures.
    pub line: Bi,
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
    let places = places(pack, itinerary, lang);
    let request = &itinerary.request;
    let first = request.date;
    let last = itinerary.days.last().map_or(first, |d| d.date);
    let cost = itinerary.totals.cost_cny;
    let from = places
        .iter()
        .find(|p| p.id == request.from)
        .map_or_else(|| verbatim(&request.from), |p| p.name.clone());
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
        fact(
            Msg::TotalCost,
            Msg::PartyCost {
                party: cost.party,
                each: cost.per_person,
            },
        ),
    ];
    let totals = say(Msg::TotalsLine {
        visits: itinerary.totals.visits,
        travel_minutes: itinerary.totals.travel_minutes,
        party: cost.party,
        each: cost.per_person,
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
            day_view(pack, day, theme, &places, lang, audience)
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
            true => omitted(pack, itinerary, lang),
            false => Vec::new(),
        },
        warnings,
        notes,
        places,
        pack_source: pack.info.source.clone(),
        sources_elsewhere,
    }
}

/// The text of one notice, as the JSON carries it.
pub fn notice(pack: &Pack, notice: &Notice, lang: Lang) -> Bi {
    let about = |site: &str, msg: &Msg| -> Bi {
        let name = pack.site(site).map(|s| &s.name);
        Bi::map(lang, |l| {
            let subject = name.map_or(site, |n| l.of(n));
            Msg::Labelled {
                label: subject,
                text: &msg.text(l),
            }
            .text(l)
        })
    };
    match notice {
        Notice::Booking { site } => about(site, &Msg::BookAhead),
        Notice::HoursEstimated { site } => about(site, &Msg::HoursEstimated),
        Notice::WaitToOpen { site, opens } => {
            let opens = opens.to_string();
            about(site, &Msg::WaitToOpen { opens: &opens })
        }
        Notice::SiteNote { site } | Notice::SiteCaveat { site } => {
            let text = |s: &'_ crate::model::Site| match notice {
                Notice::SiteNote { .. } => s.notes.clone(),
                _ => s.caveat.clone(),
            };
            let Some((found, note)) = pack.site(site).and_then(|s| Some((s, text(s)?))) else {
                return verbatim(site);
            };
            let note = &note;
            Bi::map(lang, |l| {
                Msg::Labelled {
                    label: l.of(&found.name),
                    text: l.of(note),
                }
                .text(l)
            })
        }
        Notice::Concession { concession, sites } => {
            let Some(rule) = pack.concessions.iter().find(|c| &c.id == concession) else {
                return verbatim(concession);
            };
            Bi::map(lang, |l| {
                let names: Vec<String> = (sites.iter())
                    .map(|site| site_name(pack, site).map_or(site.clone(), |n| l.of(n).to_owned()))
                    .collect();
                Msg::Labelled {
                    label: &Msg::List(&names).text(l),
                    text: l.of(&rule.note),
                }
                .text(l)
            })
        }
        Notice::MealSkipped { meal, window } => {
            let name = pack.meals.iter().find(|m| m.kind == *meal).map(|m| &m.name);
            let (from, to) = (window.start.to_string(), window.end.to_string());
            Bi::map(lang, |l| {
                let meal = name.map_or_else(|| Msg::Meal.text(l), |n| l.of(n).to_owned());
                Msg::MealSkipped {
                    meal: &meal,
                    from: &from,
                    to: &to,
                }
                .text(l)
            })
        }
        Notice::SampleTimetable => Bi::of(lang, &pack.timetable.note),
        Notice::HolidaysUnknown { years } => {
            let years: Vec<String> = years.iter().map(i32::to_string).collect();
            Bi::say(lang, &Msg::HolidaysUnknown { years: &years })
        }
        Notice::CostBasis { rooms, coach } => Bi::map(lang, |l| {
            let counts: Vec<String> = (rooms.iter())
                .map(|r| {
                    let name = l.of(&r.name);
                    Msg::Rooms {
                        name,
                        count: r.count,
                    }
                    .text(l)
                })
                .collect();
            let list = Msg::List(&counts).text(l);
            let rooms = (!counts.is_empty()).then_some(list.as_str());
            Msg::CostBasis {
                rooms,
                coach: *coach,
            }
            .text(l)
        }),
        Notice::Coach {
            coaches,
            days,
            km,
            cost_cny,
            per_person_cny,
        } => Bi::say(
            lang,
            &Msg::Coach {
                coaches: *coaches,
                days: *days,
                km: *km,
                cost: *cost_cny,
                each: *per_person_cny,
            },
        ),
        Notice::GroupRate { sites } => Bi::map(lang, |l| {
            let names: Vec<String> = (sites.iter())
                .map(|site| site_name(pack, site).map_or(site.clone(), |n| l.of(n).to_owned()))
                .collect();
            Msg::GroupRate {
                sites: &Msg::List(&names).text(l),
            }
            .text(l)
        }),
        Notice::GroupMeals { people, meals } => Bi::map(lang, |l| {
            let list: Vec<String> = (meals.iter())
                .map(|m| {
                    let meal = (pack.meals.iter().find(|x| x.kind == m.meal))
                        .map_or_else(|| Msg::Meal.text(l), |x| l.of(&x.name).to_owned());
                    let near =
                        place_name(pack, &m.near).map_or(m.near.clone(), |n| l.of(n).to_owned());
                    Msg::MealAt {
                        day: m.day,
                        time: &m.start.hhmm(),
                        meal: &meal,
                        near: &near,
                    }
                    .text(l)
                })
                .collect();
            Msg::GroupMeals {
                people: *people,
                meals: &Msg::List(&list).text(l),
            }
            .text(l)
        }),
        Notice::PromiseMissed { site, why } => {
            let name = site_name(pack, site);
            Bi::map(lang, |l| {
                let why = Msg::Omission(why).text(l);
                Msg::PromiseMissed {
                    site: name.map_or(site, |n| l.of(n)),
                    why: &why,
                }
                .text(l)
            })
        }
        Notice::SunriseMissed { site, why } => {
            let name = site_name(pack, site);
            Bi::map(lang, |l| {
                Msg::SunriseMissed {
                    site: name.map_or(site, |n| l.of(n)),
                    why,
                }
                .text(l)
            })
        }
        Notice::BookEarly {
            date,
            occasion,
            sites,
        } => {
            let occasion = match occasion {
                Occasion::Holiday { name } => name,
                Occasion::Peak { season } => season,
            };
            Bi::map(lang, |l| {
                let names: Vec<String> = (sites.iter())
                    .map(|site| site_name(pack, site).map_or(site.clone(), |n| l.of(n).to_owned()))
                    .collect();
                Msg::BookEarly {
                    sites: &Msg::List(&names).text(l),
                    date: *date,
                    occasion: l.of(occasion),
                }
                .text(l)
            })
        }
    }
}

fn site_name<'p>(pack: &'p Pack, site: &str) -> Option<&'p Text> {
    pack.site(site).map(|s| &s.name)
}

/// The name of a site, lodging or hub.
pub(super) fn place_name<'p>(pack: &'p Pack, id: &str) -> Option<&'p Text> {
    (pack.site(id).map(|s| &s.name))
        .or_else(|| pack.lodging(id).map(|l| &l.name))
        .or_else(|| pack.hub(id).map(|h| &h.name))
}

/// Why a site is left out, in words, as the JSON carries it.
pub fn omission(omission: &Omission, lang: Lang) -> Bi {
    Bi::say(lang, &Msg::Omission(omission))
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

/// An id shown as it is, for a place the pack does not name.
pub(super) fn verbatim(id: &str) -> Bi {
    Bi(vec![Part {
        lang: Language::En,
        text: id.to_owned(),
    }])
}

fn day_view(
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
    for kind in [MarkKind::ToConfirm, MarkKind::Booking, MarkKind::Sample] {
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
    };
    Mark {
        kind,
        label: Bi::say(lang.compact(), &label),
        meaning,
        legend,
    }
}

fn row(pack: &Pack, day: &Day, event: &Event, places: &[Place], lang: Lang) -> Row {
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
                details.push(say(Msg::CostForParty(*cost_cny)));
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
        } => {
            let sun_up = sun_up.map(Clock::hhmm);
            let mut marks = Vec::new();
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
            if *cost_cny > 0.0 {
                details.push(say(Msg::CostForParty(*cost_cny)));
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
                cost: money(*cost_cny),
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
        Event::Lodging { lodging, start } => Row {
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
            marks: Vec::new(),
            at: index(lodging),
            from: None,
            subject: lodging.clone(),
            details: Vec::new(),
            categories: vec![say(Msg::Night)],
        },
    }
}

/// The distinct places of the trip in first-visit order.
fn places(pack: &Pack, itinerary: &Itinerary, lang: Lang) -> Vec<Place> {
    let mut places: Vec<Place> = Vec::new();
    let mut ids = vec![itinerary.request.from.as_str()];
    for event in itinerary.days.iter().flat_map(|d| &d.events) {
        match event {
            Event::Transfer { from, to, .. } => ids.extend([from.as_str(), to.as_str()]),
            Event::Visit { site, .. } => ids.push(site),
            Event::Meal { near, .. } => ids.push(near),
            Event::Lodging { lodging, .. } => ids.push(lodging),
        }
    }
    for id in ids {
        if places.iter().any(|p| p.id == id) {
            continue;
        }
        if let Some(place) = place(pack, id, lang) {
            places.push(place);
        }
    }
    places
}

fn place(pack: &Pack, id: &str, lang: Lang) -> Option<Place> {
    let (kind, name, district, address, coord, local, summary, source) =
        if let Some(s) = pack.site(id) {
            let summary = Some(Bi::of(lang, &s.summary));
            let source = &s.provenance.source;
            (
                PlaceKind::Site,
                &s.name,
                &s.district,
                s.address.clone(),
                s.coord,
                true,
                summary,
                source,
            )
        } else if let Some(l) = pack.lodging(id) {
            let summary = Some(Bi::of(lang, &l.summary));
            let source = &l.provenance.source;
            (
                PlaceKind::Lodging,
                &l.name,
                &l.district,
                None,
                l.coord,
                true,
                summary,
                source,
            )
        } else {
            let h = pack.hub(id)?;
            let local = h.city == pack.info.destination;
            let source = &h.provenance.source;
            (
                PlaceKind::Station,
                &h.name,
                &h.district,
                None,
                h.coord,
                local,
                None,
                source,
            )
        };
    Some(Place {
        id: id.to_owned(),
        kind,
        name: Bi::of(lang, name),
        short: Bi::of(lang.compact(), name),
        name_zh: name.zh.clone(),
        district_zh: district.zh.clone(),
        address,
        english: (lang != Lang::Zh).then(|| name.en.clone()),
        coord,
        local,
        summary,
        source: source.clone(),
    })
}

/// The sites left out, grouped by reason, in the order of the pack.
fn omitted(pack: &Pack, itinerary: &Itinerary, lang: Lang) -> Vec<OmittedGroup> {
    let mut groups: Vec<(std::mem::Discriminant<Omission>, &Omission, Vec<&Omitted>)> = Vec::new();
    for o in &itinerary.omitted {
        let key = std::mem::discriminant(&o.why);
        match groups.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, sites)) => sites.push(o),
            None => groups.push((key, &o.why, vec![o])),
        }
    }
    (groups.into_iter())
        .map(|(_, why, sites)| {
            let reason = Bi::say(lang, &Msg::OmitGroup(why));
            let line = Bi::map(lang, |l| {
                let names: Vec<String> = (sites.iter())
                    .map(|o| {
                        let name = pack
                            .site(&o.site)
                            .map_or(o.site.as_str(), |s| l.of(&s.name));
                        match &o.why {
                            Omission::Closed { closures } => Msg::WithDetail {
                                name,
                                detail: &Msg::Closures(closures).text(l),
                            }
                            .text(l),
                            _ => name.to_owned(),
                        }
                    })
                    .collect();
                Msg::Labelled {
                    label: reason.get(l),
                    text: &Msg::List(&names).text(l),
                }
                .text(l)
            });
            OmittedGroup { line }
        })
        .collect()
}
