//! Who a plan is printed for, and under whose name: the customer's handout
//! (the itinerary, costs, meeting point, what is included, the marks of
//! what is to be confirmed), the guide's working sheet (bookings, hand-over
//! times, rooming, emergency numbers, the driver's address card) and the
//! operator's sheet (sources, estimates, the sites left out, the cost
//! breakdown); each printed with the agency's name when one is given.

use super::catalog::Msg;
use super::lang::{Bi, Lang, verbatim};
use super::notices::{self, place_name};
use crate::model::{Agency, Pack};
use crate::plan::{Event, Itinerary, Mode, Notice};

/// Who reads the plan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Audience {
    /// The handout: nothing internal.
    #[default]
    Customer,
    /// The guide's working sheet.
    Guide,
    /// The operator's sheet: every fact and where it comes from.
    Operator,
}

/// How a plan is rendered: in which language, for whom, under whose name.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options<'a> {
    pub lang: Lang,
    pub audience: Audience,
    pub agency: Option<&'a Agency>,
}

/// The agency's name and contacts, as every page carries them.
pub struct Brand {
    pub name: Bi,
    /// Licence, phones, address, website: one line each.
    pub lines: Vec<Bi>,
    /// A `data:` URI of the logo, SVG or PNG.
    pub logo: Option<String>,
    /// For the calendar's ORGANIZER and the page's JSON-LD.
    pub phone: String,
    pub email: Option<String>,
    pub website: Option<String>,
    pub licence: String,
    pub address: Bi,
}

/// A titled list the audience needs beyond the itinerary.
pub struct Section {
    pub title: Bi,
    pub items: Vec<Bi>,
}

impl Audience {
    /// Whether this reader is shown `notice`: the customer is spared the
    /// pack's data-quality notes and the operator's arrangements.
    pub fn shows(self, notice: &Notice) -> bool {
        match notice {
            Notice::SiteCaveat { .. }
            | Notice::SampleTimetable
            | Notice::HolidaysUnknown { .. }
            | Notice::Coach { .. }
            | Notice::GroupRate { .. }
            | Notice::GroupMeals { .. } => self != Audience::Customer,
            _ => true,
        }
    }

    /// The address card for a driver on the printed page: the guide's; the
    /// customer's too when the party finds its own taxis.
    pub fn shows_addresses(self, itinerary: &Itinerary) -> bool {
        self != Audience::Customer || itinerary.request.mode != Mode::Charter
    }

    /// The address card in the text and Markdown sheets: the guide's and
    /// the operator's only; the customer's card is on the printed page.
    pub fn shows_addresses_in_text(self) -> bool {
        self != Audience::Customer
    }

    /// Sources and the sites left out are the operator's.
    pub fn shows_research(self) -> bool {
        self == Audience::Operator
    }
}

/// The agency's header lines in `lang`.
pub fn brand(agency: &Agency, lang: Lang) -> Brand {
    let say = |msg: Msg| Bi::say(lang, &msg);
    let mut licence = say(Msg::Licence(&agency.licence));
    if agency.sample {
        licence = Bi::map(lang, |l| {
            format!("{} {}", licence.get(l), Msg::MarkSample.text(l))
        });
    }
    let mut lines = vec![
        licence,
        say(Msg::Phones {
            phone: &agency.phone,
            emergency: &agency.emergency_phone,
        }),
        Bi::of(lang, &agency.address),
    ];
    let web: Vec<&str> = (agency.website.iter().chain(&agency.email))
        .map(String::as_str)
        .collect();
    if !web.is_empty() {
        lines.push(verbatim(&web.join(" · ")));
    }
    Brand {
        name: Bi::of(lang, &agency.name),
        lines,
        logo: agency.logo.as_ref().map(|l| l.data_uri.clone()),
        phone: agency.phone.clone(),
        email: agency.email.clone(),
        website: agency.website.clone(),
        licence: agency.licence.clone(),
        address: Bi::of(lang, &agency.address),
    }
}

/// The sections `options.audience` reads after the itinerary.
pub fn sections(pack: &Pack, itinerary: &Itinerary, options: &Options) -> Vec<Section> {
    let lang = options.lang;
    let say = |msg: Msg| Bi::say(lang, &msg);
    let section = |title: Msg, items: Vec<Bi>| Section {
        title: say(title),
        items,
    };
    let mut out = Vec::new();
    let agency = options.agency;
    if let Some(meeting) = agency.and_then(|a| a.meeting.as_ref()) {
        let mut items = vec![Bi::map(lang, |l| {
            Msg::MeetAt {
                date: itinerary.request.date,
                time: &meeting.time.to_string(),
                place: l.of(&meeting.place),
            }
            .text(l)
        })];
        items.extend(meeting.note.as_ref().map(|n| Bi::of(lang, n)));
        // The profile's meeting time is the agency's habit; the plan's
        // departure may be earlier (an early train): say so, not hide it.
        let departs =
            (itinerary.days.first().into_iter().flat_map(|d| &d.events)).find_map(|e| match e {
                Event::Transfer { start, .. } => Some(start.minutes),
                _ => None,
            });
        if let Some(departs) = departs.filter(|&d| d < meeting.time.minutes()) {
            let depart = format!("{:02}:{:02}", departs / 60, departs % 60);
            items.push(Bi::say(
                lang,
                &Msg::MeetAfterDeparture {
                    meet: &meeting.time.to_string(),
                    depart: &depart,
                },
            ));
        }
        out.push(section(Msg::Meeting, items));
    }
    if let Some(agency) = agency {
        let list = |texts: &[crate::model::Text]| texts.iter().map(|t| Bi::of(lang, t)).collect();
        for (title, texts) in [
            (Msg::Included, &agency.inclusions),
            (Msg::NotIncluded, &agency.exclusions),
            (Msg::Terms, &agency.terms),
        ] {
            if !texts.is_empty() {
                out.push(section(title, list(texts)));
            }
        }
    }
    if options.audience == Audience::Customer {
        return out;
    }
    out.push(section(Msg::HandOvers, hand_overs(pack, itinerary, lang)));
    out.push(section(Msg::Bookings, bookings(pack, itinerary, lang)));
    if let Some(rooms) = rooming(pack, itinerary, lang) {
        out.push(section(Msg::Rooming, vec![rooms]));
    }
    let mut emergency = Vec::new();
    if let Some(agency) = agency {
        emergency.push(Bi::map(lang, |l| {
            Msg::Labelled {
                label: l.of(&agency.name),
                text: &agency.emergency_phone,
            }
            .text(l)
        }));
    }
    emergency.push(say(Msg::PublicEmergency));
    out.push(section(Msg::Emergency, emergency));
    if options.audience == Audience::Operator {
        out.push(section(Msg::CostBreakdown, costs(itinerary, lang)));
    }
    out
}

/// When the party changes hands: each departure from a station or the
/// lodging, each night's arrival, the return.
fn hand_overs(pack: &Pack, itinerary: &Itinerary, lang: Lang) -> Vec<Bi> {
    let name =
        |id: &str| -> Bi { place_name(pack, id).map_or_else(|| verbatim(id), |n| Bi::of(lang, n)) };
    let mut items = Vec::new();
    for day in &itinerary.days {
        let first = day
            .events
            .iter()
            .find(|e| matches!(e, Event::Transfer { .. }));
        if let Some(Event::Transfer {
            from, start, mode, ..
        }) = first
        {
            let (from, how) = (name(from), Bi::say(lang, &Msg::Mode(*mode)));
            items.push(Bi::map(lang, |l| {
                Msg::HandOver {
                    day: day.index,
                    time: &start.hhmm(),
                    what: &Msg::Leave {
                        place: from.get(l),
                        how: how.get(l),
                    }
                    .text(l),
                }
                .text(l)
            }));
        }
        let last = day.events.last();
        let arrival = match last {
            Some(Event::Lodging { lodging, start, .. }) => Some((lodging.as_str(), *start, true)),
            Some(Event::Transfer { to, end, .. }) => Some((to.as_str(), *end, false)),
            _ => None,
        };
        if let Some((place, at, night)) = arrival {
            let place = name(place);
            items.push(Bi::map(lang, |l| {
                let what = match night {
                    true => Msg::CheckIn(place.get(l)),
                    false => Msg::Arrive(place.get(l)),
                };
                Msg::HandOver {
                    day: day.index,
                    time: &at.hhmm(),
                    what: &what.text(l),
                }
                .text(l)
            }));
        }
    }
    items
}

/// What to book ahead: sites that take bookings, the group's meals, the rooms.
fn bookings(pack: &Pack, itinerary: &Itinerary, lang: Lang) -> Vec<Bi> {
    let mut items = Vec::new();
    for day in &itinerary.days {
        for event in &day.events {
            let Event::Visit { site, start, .. } = event else {
                continue;
            };
            let booked =
                (day.notices.iter()).any(|n| matches!(n, Notice::Booking { site: s } if s == site));
            if !booked {
                continue;
            }
            let name = place_name(pack, site).map_or_else(|| verbatim(site), |n| Bi::of(lang, n));
            items.push(Bi::map(lang, |l| {
                Msg::BookVisit {
                    day: day.index,
                    time: &start.hhmm(),
                    site: name.get(l),
                }
                .text(l)
            }));
        }
    }
    for notice in &itinerary.notices {
        if let Notice::GroupMeals { .. } = notice {
            items.push(notices::notice(pack, notice, lang));
        }
    }
    if items.is_empty() {
        items.push(Bi::say(lang, &Msg::NothingToBook));
    } else {
        items.push(Bi::say(lang, &Msg::ContactsNotInPack));
    }
    items
}

/// The rooms of each night and whom they sleep.
fn rooming(pack: &Pack, itinerary: &Itinerary, lang: Lang) -> Option<Bi> {
    let rooms = itinerary.notices.iter().find_map(|n| match n {
        Notice::CostBasis { rooms, .. } if !rooms.is_empty() => Some(rooms),
        _ => None,
    })?;
    // The guide's room of their own, beside the party's.
    let staff_rooms = itinerary.notices.iter().find_map(|n| match n {
        Notice::Staff { rooms, nights, .. } if *nights > 0 => Some(*rooms),
        _ => None,
    });
    let lodging = (itinerary.days.iter())
        .find_map(|d| d.lodging.as_deref())
        .and_then(|id| place_name(pack, id));
    let nights = itinerary
        .days
        .iter()
        .filter(|d| d.lodging.is_some())
        .count();
    Some(Bi::map(lang, |l| {
        let mut counts: Vec<String> = (rooms.iter())
            .map(|r| {
                Msg::Rooms {
                    name: l.of(&r.name),
                    count: r.count,
                }
                .text(l)
            })
            .collect();
        counts.extend(staff_rooms.map(|n| Msg::StaffRooms(n).text(l)));
        Msg::RoomingLine {
            party: &Msg::Party(itinerary.request.party).text(l),
            lodging: lodging.map_or("", |n| l.of(n)),
            nights,
            rooms: &Msg::List(&counts).text(l),
        }
        .text(l)
    }))
}

/// The party's cost, by what it pays for.
fn costs(itinerary: &Itinerary, lang: Lang) -> Vec<Bi> {
    let events = itinerary.days.iter().flat_map(|d| &d.events);
    let (mut tickets, mut fares) = (0.0, 0.0);
    for event in events {
        match event {
            Event::Visit { cost_cny, .. } => tickets += cost_cny,
            Event::Transfer { cost_cny, .. } => fares += cost_cny,
            _ => {}
        }
    }
    let billed = |pick: fn(&Notice) -> Option<f64>| -> f64 {
        itinerary.notices.iter().filter_map(pick).sum()
    };
    let coach = billed(|n| match n {
        Notice::Coach { cost_cny, .. } => Some(*cost_cny),
        _ => None,
    });
    let rides = billed(|n| match n {
        Notice::Rides { cost_cny, .. } => Some(*cost_cny),
        _ => None,
    });
    let drive = billed(|n| match n {
        Notice::Drive { cost_cny, .. } => Some(*cost_cny),
        _ => None,
    });
    // The guide's room is among the rooms; their meals are a line of their own.
    let staff_meals = billed(|n| match n {
        Notice::Staff { meals_cny, .. } => Some(*meals_cny),
        _ => None,
    });
    let total = itinerary.totals.cost_cny.party;
    let rooms = total - tickets - fares - coach - staff_meals - rides - drive;
    let people = f64::from(itinerary.request.party.people().max(1));
    let line = |what: Msg, amount: f64| {
        Bi::say(
            lang,
            &Msg::CostLine {
                what: Box::new(what),
                party: amount,
                each: amount / people,
            },
        )
    };
    let mut lines = vec![line(Msg::Tickets, tickets)];
    if fares > 0.0 {
        lines.push(line(Msg::Fares, fares));
    }
    if coach > 0.0 {
        lines.push(line(Msg::CoachHire, coach));
    }
    if rides > 0.0 {
        lines.push(line(Msg::LocalRides, rides));
    }
    if drive > 0.0 {
        lines.push(line(Msg::DriveCosts, drive));
    }
    if rooms > 0.005 {
        lines.push(line(Msg::RoomsCost, rooms));
    }
    if staff_meals > 0.0 {
        lines.push(line(Msg::StaffMeals, staff_meals));
    }
    lines.push(line(Msg::TotalCost, total));
    lines
}
