//! The plan's notices and omissions in words, in the languages asked for:
//! what the view shows as warnings and notes, what the guide's sheet lists
//! as bookings, and what the JSON carries beside each fact.

use super::catalog::{HolidayWords, Language, Msg};
use super::lang::{Bi, Lang, verbatim};
use crate::model::{Pack, Text};
use crate::plan::{Notice, Occasion, Omission, RideCost};

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
        Notice::SiteNote { site }
        | Notice::SiteCaveat { site }
        | Notice::SeasonNote { site, .. } => {
            let text = |s: &'_ crate::model::Site| match notice {
                Notice::SiteNote { .. } => s.notes.clone(),
                Notice::SeasonNote { from, to, .. } => (s.season_notes.iter())
                    .find(|n| n.days.from == *from && n.days.to == *to)
                    .map(|n| n.text.clone()),
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
        Notice::CostBasis {
            rooms,
            coach,
            rides,
        } => Bi::map(lang, |l| {
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
            // A plan saved before `rides` says only `coach`.
            let rides = if *coach { RideCost::Coach } else { *rides };
            Msg::CostBasis { rooms, rides }.text(l)
        }),
        Notice::Rides {
            vehicle,
            vehicles,
            days,
            rides,
            km,
            cost_cny,
            per_person_cny,
        } => Bi::say(
            lang,
            &Msg::Rides {
                vehicle: *vehicle,
                vehicles: *vehicles,
                days: *days,
                rides: *rides,
                km: *km,
                cost: *cost_cny,
                each: *per_person_cny,
            },
        ),
        Notice::Drive {
            km,
            fuel_cny,
            tolls_cny,
            parking_cny,
            cost_cny,
            per_person_cny,
        } => Bi::say(
            lang,
            &Msg::Drive {
                km: *km,
                fuel: *fuel_cny,
                tolls: *tolls_cny,
                parking: *parking_cny,
                cost: *cost_cny,
                each: *per_person_cny,
            },
        ),
        Notice::DrivingHours { daily_minutes } => Bi::say(
            lang,
            &Msg::DrivingHours {
                minutes: *daily_minutes,
            },
        ),
        Notice::Coach {
            coaches,
            days,
            km,
            cost_cny,
            per_person_cny,
            second_driver_days,
        } => Bi::map(lang, |l| {
            let coach = Msg::Coach {
                coaches: *coaches,
                days: *days,
                km: *km,
                cost: *cost_cny,
                each: *per_person_cny,
            };
            let days: Vec<String> = (second_driver_days.iter())
                .map(|&day| Msg::Day(day).text(l))
                .collect();
            match days.is_empty() {
                true => coach.text(l),
                false => {
                    let days = Msg::List(&days).text(l);
                    let second = Msg::SecondDriver { days: &days }.text(l);
                    let gap = if l == Language::Zh { "" } else { " " };
                    format!("{}{gap}{second}", coach.text(l))
                }
            }
        }),
        Notice::Staff {
            staff,
            rooms,
            nights,
            rooms_cny,
            meals_cny,
            per_person_cny,
        } => Bi::say(
            lang,
            &Msg::Staff {
                staff: *staff,
                rooms: *rooms,
                nights: *nights,
                room_cost: *rooms_cny,
                meals: *meals_cny,
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
        Notice::Holiday {
            name,
            day,
            notes,
            extra,
            booking,
            train,
            presale,
        } => Bi::map(lang, |l| {
            let named =
                |site: &String| site_name(pack, site).map_or(site.clone(), |n| l.of(n).to_owned());
            let extra: Vec<(String, u32)> =
                extra.iter().map(|x| (named(&x.site), x.minutes)).collect();
            let booking: Vec<String> = booking.iter().map(named).collect();
            let booking = Msg::List(&booking).text(l);
            Msg::Holiday(&HolidayWords {
                name: l.of(name),
                day: day.as_ref().map(|d| l.of(d)),
                notes: notes.as_ref().map(|n| l.of(n)),
                extra: &extra,
                booking: (!booking.is_empty()).then_some(booking.as_str()),
                train: *train,
                presale: presale.map(|p| (p.days, p.estimated)),
            })
            .text(l)
        }),
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
