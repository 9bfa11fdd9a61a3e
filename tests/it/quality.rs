//! Plans a guide would sign off: over every product on every fifth day of
//! 2027 (and every week for a family with seniors and a child and for a
//! group of 38), and day trips and longer ones by rail and by car at a
//! relaxed and a standard pace, each plan is read for the sense a feasibility checker
//! does not see: days that keep to one area, meals where the party is,
//! hops a driver would recognise, days of human length, breakfast, promises
//! kept or said, seasons, holidays said and kept, rooms and no empty day.

mod words;

mod party;

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use jingqin::model::{Coord, Pack, Site};
use jingqin::plan::{self, Event, Itinerary, Notice, RequestSpec, TransferMode};
use jingqin::travel::straight_km;

fn pack() -> Pack {
    jingqin::load::load_default().expect("the default pack loads")
}

/// Every fifth day of 2027.
fn dates() -> impl Iterator<Item = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(2027, 1, 1).expect("a date");
    (0..365).step_by(5).map(move |d| first + Days::new(d))
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date")
}

/// The requests of the sweep, each with a label for messages.
fn requests() -> Vec<(String, RequestSpec)> {
    let mut out = Vec::new();
    for date in dates() {
        for product in ["qhd-1day", "qhd-2day", "qhd-3day"] {
            let spec = RequestSpec {
                product: Some(product.into()),
                date: Some(date),
                ..RequestSpec::default()
            };
            out.push((format!("--product {product} --date {date}"), spec));
        }
    }
    // Custom trips by rail and car, relaxed and standard, every 25th day.
    for date in dates().step_by(5) {
        for (days, mode, pace) in [
            (1, plan::Mode::Car, jingqin::model::Pace::Relaxed),
            (2, plan::Mode::Rail, jingqin::model::Pace::Relaxed),
            (3, plan::Mode::Car, jingqin::model::Pace::Standard),
            (3, plan::Mode::Rail, jingqin::model::Pace::Standard),
        ] {
            let spec = RequestSpec {
                days: Some(days),
                date: Some(date),
                mode: Some(mode),
                pace: Some(pace),
                ..RequestSpec::default()
            };
            out.push((
                format!("--days {days} --mode {mode:?} --pace {pace:?} --date {date}"),
                spec,
            ));
        }
        // Groups on a chartered coach.
        for (days, adults, seniors, pace) in [
            (1, 20, 0, jingqin::model::Pace::Standard),
            (2, 30, 10, jingqin::model::Pace::Relaxed),
            (3, 45, 0, jingqin::model::Pace::Standard),
        ] {
            let spec = RequestSpec {
                days: Some(days),
                date: Some(date),
                mode: Some(plan::Mode::Charter),
                party: Some(plan::Party {
                    adults,
                    children: 0,
                    seniors,
                }),
                pace: Some(pace),
                ..RequestSpec::default()
            };
            out.push((
                format!(
                    "--days {days} --mode charter --party adults={adults},seniors={seniors} --pace {pace:?} --date {date}"
                ),
                spec,
            ));
        }
    }
    // The guide's review: every product every week for a family with
    // seniors and a child, and for a group of 38 (on its chartered coach).
    let first = NaiveDate::from_ymd_opt(2027, 1, 2).expect("a date");
    for date in (0..364).step_by(7).map(|d| first + Days::new(d)) {
        for product in ["qhd-1day", "qhd-2day", "qhd-3day"] {
            for (adults, children, seniors) in [(2, 1, 2), (30, 0, 8)] {
                let spec = RequestSpec {
                    product: Some(product.into()),
                    date: Some(date),
                    party: Some(plan::Party {
                        adults,
                        children,
                        seniors,
                    }),
                    ..RequestSpec::default()
                };
                out.push((
                    format!(
                        "--product {product} --party adults={adults},children={children},seniors={seniors} --date {date}"
                    ),
                    spec,
                ));
            }
        }
    }
    out
}

fn plans(pack: &Pack) -> Vec<(String, Itinerary)> {
    let requests = requests();
    let chunks: Vec<&[(String, RequestSpec)]> =
        requests.chunks(requests.len().div_ceil(2)).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|(label, spec)| {
                            let request = spec.resolve(pack, today()).expect("resolves");
                            match plan::plan(pack, &request) {
                                Ok(itinerary) => Some((label.clone(), itinerary)),
                                Err(e) if may_be_refused(label) => {
                                    assert!(e.to_string().contains("--mode rail"), "{label}: {e}");
                                    None
                                }
                                Err(e) => panic!("{label}: no plan: {e}"),
                            }
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("the planning thread"))
            .collect()
    })
}

/// A relaxed self-drive day trip keeps its driver past 8 hours (the road
/// both ways with the pace's slack): refused, the train or a night proposed.
fn may_be_refused(label: &str) -> bool {
    label.starts_with("--days 1 --mode Car --pace Relaxed")
}

/// Where the party is after each event: a site, a lodging or a hub id.
fn place(event: &Event) -> Option<&str> {
    match event {
        Event::Transfer { to, .. } => Some(to),
        Event::Visit { site, .. } => Some(site),
        Event::Meal { near, .. } => Some(near),
        Event::Lodging { lodging, .. } => Some(lodging),
    }
}

/// A meal stop that adds at most this much to the straight line between
/// where the party comes from and where it goes (about five minutes by
/// car in town) is on the way, not a drive to eat.
const ON_THE_WAY_KM: f64 = 3.0;

fn minutes(event: &Event) -> (u32, u32) {
    let (start, end) = match event {
        Event::Transfer { start, end, .. }
        | Event::Visit { start, end, .. }
        | Event::Meal { start, end, .. } => (*start, *end),
        Event::Lodging { start, .. } => (*start, *start),
    };
    (start.minutes, end.minutes)
}

struct Rules<'p> {
    pack: &'p Pack,
    problems: Vec<String>,
}

impl<'p> Rules<'p> {
    fn fail(&mut self, message: String) {
        self.problems.push(message);
    }

    fn site(&self, id: &str) -> Option<&'p Site> {
        let pack: &'p Pack = self.pack;
        pack.site(id)
    }

    fn area(&self, id: &str) -> Option<&'p str> {
        self.site(id).map(|s| s.area.as_str())
    }

    fn is_lodging(&self, id: &str) -> bool {
        self.pack.lodging(id).is_some()
    }

    fn is_hub(&self, id: &str) -> bool {
        self.pack.hub(id).is_some()
    }

    fn coord(&self, id: &str) -> Option<Coord> {
        (self.site(id).map(|s| s.coord))
            .or_else(|| self.pack.hub(id).map(|h| h.coord))
            .or_else(|| self.pack.lodging(id).map(|l| l.coord))
    }

    /// How much farther, in straight-line km, going from `from` to `to` by way of `via` is.
    fn detour_km(&self, from: &str, via: &str, to: &str) -> Option<f64> {
        let (a, b, c) = (self.coord(from)?, self.coord(via)?, self.coord(to)?);
        Some(straight_km(a, b) + straight_km(b, c) - straight_km(a, c))
    }

    fn check(&mut self, label: &str, it: &Itinerary) {
        let pack: &'p Pack = self.pack;
        let request = &it.request;
        let pace = pack.paces.get(request.pace);
        let promised = |site: &str| request.must.iter().any(|m| m.site == site && m.promise);
        let pinned = |site: &str, day: u8| {
            request
                .must
                .iter()
                .any(|m| m.site == site && m.day == Some(day) && !m.promise)
        };
        let mut area_days: BTreeMap<&str, Vec<u8>> = BTreeMap::new();
        let lodging_areas: Vec<&str> = (it.days.iter())
            .filter_map(|d| d.lodging.as_deref())
            .filter_map(|l| pack.lodging(l).map(|l| l.area.as_str()))
            .collect();
        for day in &it.days {
            let at = format!("{label}: day {}", day.index);
            let events = &day.events;
            let visits: Vec<&str> = (events.iter())
                .filter_map(|e| match e {
                    Event::Visit { site, sunrise, .. } if !sunrise => Some(site.as_str()),
                    _ => None,
                })
                .collect();
            // 9. Never an empty day.
            if !events.iter().any(|e| matches!(e, Event::Visit { .. })) {
                self.fail(format!("{at}: no visit"));
            }
            // 1. A day never leaves an area and comes back to it.
            let mut seen: Vec<&str> = Vec::new();
            for site in &visits {
                let Some(area) = self.area(site) else {
                    continue;
                };
                if seen.last() != Some(&area) {
                    if seen.contains(&area) {
                        self.fail(format!("{at}: leaves {area} and comes back ({visits:?})"));
                    }
                    seen.push(area);
                }
            }
            for area in seen {
                let on = area_days.entry(area).or_default();
                on.push(day.index);
            }
            // 3. Meals where the party is: after a visit there, before one,
            // at the lodging, or at the station before the train.
            for (i, event) in events.iter().enumerate() {
                let Event::Meal { near, meal, .. } = event else {
                    continue;
                };
                let before = i.checked_sub(1).and_then(|j| events.get(j));
                let came_from = match before {
                    Some(Event::Transfer { from, .. }) => Some(from.as_str()),
                    _ => None,
                };
                let next_visit = events[i + 1..].iter().find_map(|e| match e {
                    Event::Visit { site, .. } => Some(site.as_str()),
                    Event::Transfer {
                        service: Some(_), ..
                    } => Some(""),
                    _ => None,
                });
                let visited_before = events[..i]
                    .iter()
                    .any(|e| matches!(e, Event::Visit { site, .. } if site == near));
                let here = before.and_then(place) == Some(near.as_str());
                // Or on the way: stopping there adds little to the straight road on.
                let going_to = events[i + 1..].iter().find_map(|e| match e {
                    Event::Transfer { to, .. } => Some(to.as_str()),
                    _ => None,
                });
                let on_the_way = came_from.zip(going_to).is_some_and(|(from, to)| {
                    self.detour_km(from, near, to)
                        .is_some_and(|km| km <= ON_THE_WAY_KM)
                });
                let ok = self.is_lodging(near)
                    || self.is_hub(near)
                    || (here && visited_before)
                    || next_visit == Some(near.as_str())
                    || on_the_way;
                if !ok {
                    self.fail(format!(
                        "{at}: {meal:?} near {near}, a detour of {:.1} km (from {came_from:?}, next {next_visit:?})",
                        (came_from.zip(going_to))
                            .and_then(|(from, to)| self.detour_km(from, near, to))
                            .unwrap_or(f64::NAN)
                    ));
                }
            }
            // 4. Local hops a driver would recognise.
            for event in events {
                if let Event::Transfer {
                    mode,
                    distance_km,
                    minutes,
                    from,
                    to,
                    service: None,
                    driving_minutes,
                    ..
                } = event
                {
                    let far = self.is_hub(from)
                        && self.pack.hub(from).is_some_and(|h| h.city == "beijing")
                        || self.is_hub(to)
                            && self.pack.hub(to).is_some_and(|h| h.city == "beijing");
                    if far {
                        continue;
                    }
                    let straight = distance_km / 1.25;
                    match mode {
                        TransferMode::Car if straight < 5.0 && *minutes > 20 => self.fail(format!(
                            "{at}: {from} → {to} {distance_km:.1} km by car in {minutes} min"
                        )),
                        TransferMode::Walk if *distance_km < 0.6 && *minutes > 10 => {
                            self.fail(format!(
                                "{at}: {from} → {to} {distance_km:.1} km on foot in {minutes} min"
                            ))
                        }
                        _ => {}
                    }
                    if let Some(known) = (pack.times.iter()).find(|t| {
                        (t.from == *from && t.to == *to) || (t.from == *to && t.to == *from)
                    }) {
                        // A published time is a car's, door to door; a group's
                        // coach adds boarding and the walks from its coach park,
                        // so its time at the wheel is what compares.
                        let taken = driving_minutes.unwrap_or(*minutes);
                        let sourced = f64::from(known.minutes.0);
                        if (f64::from(taken) - sourced).abs() > sourced * 0.25 + 1.0 {
                            self.fail(format!(
                                "{at}: {from} → {to} in {taken} min, published {sourced} min"
                            ));
                        }
                    }
                }
            }
            // 5. Human days: the span from the first departure to the last
            // arrival, the return home, and no long idle wait outside the lodging.
            let first = minutes(&events[0]).0;
            let arrival = (events.iter())
                .filter(|e| matches!(e, Event::Transfer { .. }))
                .map(|e| minutes(e).1)
                .max()
                .unwrap_or(first);
            if let Some(span) = pace.span
                && arrival > first + span.0
            {
                self.fail(format!(
                    "{at}: {}–{} is longer than the {:?} pace's {span}",
                    hhmm(first),
                    hhmm(arrival),
                    request.pace
                ));
            }
            if day.lodging.is_none()
                && let Some(by) = pace.home_by
                && arrival > by.minutes()
            {
                self.fail(format!("{at}: home at {} (by {by})", hhmm(arrival)));
            }
            for (i, pair) in events.windows(2).enumerate() {
                let (end, next) = (minutes(&pair[0]).1, minutes(&pair[1]).0);
                let at_place = place(&pair[0]).unwrap_or("");
                // Waiting for the train, or for the next site to open, said in a notice.
                let next_stop = events[i + 1..]
                    .iter()
                    .find(|e| !matches!(e, Event::Transfer { service: None, .. }));
                let opens_later = matches!(next_stop, Some(Event::Visit { site, .. })
                    if day.notices.iter().any(|n| matches!(n, Notice::WaitToOpen { site: s, .. } if s == site)));
                let waiting = matches!(
                    pair[1],
                    Event::Transfer {
                        service: Some(_),
                        ..
                    }
                ) || opens_later;
                if next > end + 45 && !self.is_lodging(at_place) && !waiting {
                    self.fail(format!(
                        "{at}: waits {}–{} at {at_place}",
                        hhmm(end),
                        hhmm(next)
                    ));
                }
            }
            // Breakfast on every day that starts at the lodging.
            let breakfast = events
                .iter()
                .any(|e| matches!(e, Event::Meal { meal, .. } if meal.as_str() == "breakfast"));
            let excused = day.notices.iter().any(
                |n| matches!(n, Notice::MealSkipped { meal, .. } if meal.as_str() == "breakfast"),
            );
            if day.index > 1 && !breakfast && !excused {
                self.fail(format!("{at}: no breakfast"));
            }
            // 7. Seasons: the lodging is open, a site out of its season is
            // not chosen unless asked for.
            if let Some(lodging) = day.lodging.as_deref().and_then(|l| pack.lodging(l))
                && let Some(open) = lodging.open
                && !open.contains(jingqin::model::MonthDay::of(day.date))
            {
                self.fail(format!("{at}: lodges at {} out of its season", lodging.id));
            }
            for site in &visits {
                let Some(s) = self.site(site) else { continue };
                let day_of_year = jingqin::model::MonthDay::of(day.date);
                let asked = request.must.iter().any(|m| m.site == *site);
                if !s.worth.is_empty() && !s.worth.iter().any(|r| r.contains(day_of_year)) && !asked
                {
                    self.fail(format!("{at}: {site} out of its season"));
                }
            }
            // 2. The product's day: its areas, and its promises or a warning.
            let product = request.product.as_deref().and_then(|p| pack.product(p));
            if let Some(plan_day) = product.and_then(|p| p.plan.get(usize::from(day.index) - 1)) {
                for site in &visits {
                    let area = self.area(site).unwrap_or("");
                    if !plan_day.areas.is_empty()
                        && !plan_day.areas.iter().any(|a| a == area)
                        && !pinned(site, day.index)
                    {
                        self.fail(format!(
                            "{at}: {site} in {area}, the product's day is in {:?}",
                            plan_day.areas
                        ));
                    }
                }
                for site in &plan_day.must {
                    let here = events
                        .iter()
                        .any(|e| matches!(e, Event::Visit { site: s, .. } if s == site));
                    let said = it.notices.iter().any(|n| {
                        matches!(n, Notice::PromiseMissed { site: s, .. } | Notice::SunriseMissed { site: s, .. } if s == site)
                    });
                    if !here && !said {
                        self.fail(format!("{at}: promised {site} neither here nor said"));
                    }
                }
                // The night is spent in the day's area (the default pack
                // has a lodging in each of its products' areas).
                let night = day.lodging.as_deref().and_then(|l| pack.lodging(l));
                if let Some(lodging) = night
                    && !plan_day.areas.is_empty()
                    && !plan_day.areas.contains(&lodging.area)
                {
                    self.fail(format!(
                        "{at}: the night at {} in {}, the product's day is in {:?}",
                        lodging.id, lodging.area, plan_day.areas
                    ));
                }
            }
        }
        // 1. An area other than the lodging's is not split over days.
        for (area, on) in &area_days {
            if on.len() > 1 && !lodging_areas.contains(area) {
                self.fail(format!("{label}: {area} on days {on:?}"));
            }
        }
        // 6. A promised sunrise is seen or said.
        for must in request.must.iter().filter(|m| m.promise) {
            let Some(site) = self.site(&must.site) else {
                continue;
            };
            if !site.sunrise || it.days.len() < 2 {
                continue;
            }
            let seen = (it.days.iter().flat_map(|d| &d.events)).any(
                |e| matches!(e, Event::Visit { site, sunrise: true, .. } if *site == must.site),
            );
            let said = (it.notices.iter())
                .any(|n| matches!(n, Notice::SunriseMissed { site, .. } if *site == must.site));
            if !seen && !said {
                self.fail(format!(
                    "{label}: the promised sunrise at {} is neither seen nor said",
                    site.id
                ));
            }
            if promised(&must.site) && seen && said {
                self.fail(format!(
                    "{label}: the sunrise at {} is seen and said missed",
                    site.id
                ));
            }
        }
        // 11. Holidays said on their days, sites closed for them not visited,
        // crowded sites given their extra time.
        for day in &it.days {
            self.holiday_day(label, day);
        }
        // 12. Every promise of the product (its must-sees and its days') is
        // visited or said at the top of the plan.
        for must in request.must.iter().filter(|m| m.promise) {
            let visited = (it.days.iter().flat_map(|d| &d.events))
                .any(|e| matches!(e, Event::Visit { site, .. } if *site == must.site));
            let said = it.notices.iter().any(|n| {
                matches!(n, Notice::PromiseMissed { site, .. } | Notice::SunriseMissed { site, .. } if *site == must.site)
            });
            if !visited && !said {
                self.fail(format!(
                    "{label}: the promised {} is neither visited nor said at the top",
                    must.site
                ));
            }
        }
        self.transport(label, it);
        // 10. A site the pack rates 0 (a pitfall by its own note) only when asked for.
        for day in &it.days {
            for event in &day.events {
                let Event::Visit { site, .. } = event else {
                    continue;
                };
                let asked = request.must.iter().any(|m| m.site == *site);
                if self.site(site).is_some_and(|s| s.rating == 0.0) && !asked {
                    self.fail(format!(
                        "{label}: day {}: {site}, a pitfall, chosen",
                        day.index
                    ));
                }
            }
        }
        // 11. The customer reads visitor words; stand-ins are marked (issue 24, items 6 and 9).
        self.problems.extend(words::problems(pack, label, it));
    }
}

impl Rules<'_> {
    /// A day inside a public holiday carries a `holiday` notice naming it
    /// (and its own day's name); no other day does. No site is visited on a
    /// day it closes for the holiday, and a crowded site's visit holds the
    /// extra time its crowds take.
    fn holiday_day(&mut self, label: &str, day: &jingqin::plan::Day) {
        let at = format!("{label}: day {} ({})", day.index, day.date);
        let holiday = self.pack.calendar.holiday_on(day.date);
        let said: Vec<&Notice> = (day.notices.iter())
            .filter(|n| matches!(n, Notice::Holiday { .. }))
            .collect();
        match (holiday, said.as_slice()) {
            (None, []) => {}
            (None, _) => self.fail(format!("{at}: a holiday notice on no holiday")),
            (
                Some(h),
                [
                    Notice::Holiday {
                        name, day: named, ..
                    },
                ],
            ) => {
                let own = h.day(day.date).map(|d| &d.name);
                if *name != h.name || named.as_ref() != own {
                    self.fail(format!(
                        "{at}: the notice names {name:?} {named:?}, not {}",
                        h.name.zh
                    ));
                }
            }
            (Some(h), _) => self.fail(format!("{at}: {} said {} times", h.name.zh, said.len())),
        }
        let Some(_) = holiday else { return };
        for event in &day.events {
            let Event::Visit {
                site,
                sunrise,
                start,
                end,
                ..
            } = event
            else {
                continue;
            };
            let Some(s) = self.site(site) else { continue };
            if !sunrise
                && let jingqin::model::DayHours::Closed(why) =
                    s.hours.on(day.date, &self.pack.calendar)
            {
                self.fail(format!("{at}: {site} visited, closed ({why})"));
            }
            let extra = s.holiday_extra.map_or(0, |m| m.0);
            if !sunrise && extra > 0 && end.minutes - start.minutes < s.visit.0 + extra {
                self.fail(format!(
                    "{at}: {site} {} min on a holiday, visit {} + {extra}",
                    end.minutes - start.minutes,
                    s.visit.0
                ));
            }
        }
    }
}

impl Rules<'_> {
    /// Rule 11, transport costed (issue 24): local rides costed, by a
    /// vehicle the party fits; a self-drive costs fuel, tolls and parking,
    /// its cost line names no fares, and no day keeps the driver at the
    /// wheel (the planned rides, traffic included) beyond the pack's daily hours.
    fn transport(&mut self, label: &str, it: &Itinerary) {
        let car_rides = (it.days.iter().flat_map(|d| &d.events))
            .filter(|e| {
                matches!(
                    e,
                    Event::Transfer {
                        mode: TransferMode::Car,
                        ..
                    }
                )
            })
            .count();
        let people = it.request.party.people();
        let rides = it.notices.iter().find_map(|n| match n {
            Notice::Rides {
                vehicle,
                vehicles,
                cost_cny,
                ..
            } => Some((*vehicle, *vehicles, *cost_cny)),
            _ => None,
        });
        let basis = it.notices.iter().find_map(|n| match n {
            Notice::CostBasis { rides, .. } => Some(*rides),
            _ => None,
        });
        let rates = self.pack.rides.as_ref();
        match it.request.mode {
            plan::Mode::Charter => {}
            plan::Mode::Car => {
                let drive = it.notices.iter().find_map(|n| match n {
                    Notice::Drive {
                        fuel_cny,
                        tolls_cny,
                        parking_cny,
                        ..
                    } => Some([*fuel_cny, *tolls_cny, *parking_cny]),
                    _ => None,
                });
                if drive.is_none_or(|costs| costs.iter().any(|c| *c <= 0.0)) {
                    self.fail(format!(
                        "{label}: a self-drive without fuel, tolls and parking: {drive:?}"
                    ));
                }
                if basis != Some(plan::RideCost::Drive) {
                    self.fail(format!("{label}: a self-drive's cost line says {basis:?}"));
                }
                let limit = self
                    .pack
                    .group
                    .as_ref()
                    .map_or(u32::MAX, |g| g.driving.daily.0);
                for day in &it.days {
                    let wheel: u32 = (day.events.iter())
                        .map(|e| match e {
                            Event::Transfer {
                                mode: TransferMode::Car,
                                minutes,
                                ..
                            } => *minutes,
                            _ => 0,
                        })
                        .sum();
                    if wheel > limit {
                        self.fail(format!(
                            "{label}: day {}: {} at the wheel",
                            day.index,
                            hhmm(wheel)
                        ));
                    }
                }
            }
            _ if car_rides > 0 && rates.is_some() => match rides {
                Some((_, _, cost)) if cost <= 0.0 => self.fail(format!("{label}: rides at ¥0")),
                None => self.fail(format!("{label}: {car_rides} rides, not costed")),
                Some((vehicle, vehicles, _)) => {
                    let taxi_seats = rates.map_or(4, |r| r.taxi.seats);
                    if people > taxi_seats && vehicle == plan::Vehicle::Taxi && vehicles < 2 {
                        self.fail(format!("{label}: {people} people in one taxi"));
                    }
                    if (5..=6).contains(&people) && vehicle != plan::Vehicle::Van {
                        self.fail(format!("{label}: {people} people without a 7-seat car"));
                    }
                }
            },
            _ => {}
        }
    }
}

fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[test]
fn every_plan_of_a_year_makes_sense_to_a_guide() {
    let pack = pack();
    let plans = plans(&pack);
    assert!(plans.len() > 200, "{} plans", plans.len());
    let mut rules = Rules {
        pack: &pack,
        problems: Vec::new(),
    };
    for (label, itinerary) in &plans {
        rules.check(label, itinerary);
        let group = super::quality_group::problems(&pack, label, itinerary);
        rules.problems.extend(group);
        rules.party_and_season(label, itinerary);
    }
    assert!(
        rules.problems.is_empty(),
        "{} problem(s) in {} plans:\n{}",
        rules.problems.len(),
        plans.len(),
        rules.problems.join("\n")
    );
}

#[test]
fn the_two_day_product_follows_its_summary() {
    // Day 1 in Beidaihe, day 2 the sunrise then Shanhaiguan.
    let pack = pack();
    for date in dates().step_by(3) {
        let spec = RequestSpec {
            product: Some("qhd-2day".into()),
            date: Some(date),
            ..RequestSpec::default()
        };
        let it =
            plan::plan(&pack, &spec.resolve(&pack, today()).expect("resolves")).expect("plans");
        let areas: Vec<Vec<&str>> = (it.days.iter())
            .map(|d| {
                (d.events.iter())
                    .filter_map(|e| match e {
                        Event::Visit {
                            site,
                            sunrise: false,
                            ..
                        } => pack.site(site),
                        _ => None,
                    })
                    .map(|s| s.area.as_str())
                    .collect()
            })
            .collect();
        assert!(
            areas[0].iter().all(|a| *a == "beidaihe"),
            "{date}: day 1 {:?}",
            areas[0]
        );
        assert!(
            areas[1].iter().all(|a| *a == "shanhaiguan"),
            "{date}: day 2 {:?}",
            areas[1]
        );
        let lodging = it.days[0].lodging.as_deref().and_then(|l| pack.lodging(l));
        assert_eq!(
            lodging.map(|l| l.area.as_str()),
            Some("beidaihe"),
            "{date}: the night"
        );
    }
}

#[test]
fn a_family_of_three_takes_one_room() {
    let pack = pack();
    let spec = RequestSpec {
        product: Some("qhd-2day".into()),
        date: NaiveDate::from_ymd_opt(2027, 7, 16),
        party: Some(plan::Party {
            adults: 2,
            children: 1,
            seniors: 0,
        }),
        ..RequestSpec::default()
    };
    let it = plan::plan(&pack, &spec.resolve(&pack, today()).expect("resolves")).expect("plans");
    let rooms = it.notices.iter().find_map(|n| match n {
        Notice::CostBasis { rooms, .. } => Some(rooms),
        _ => None,
    });
    let count: u32 = rooms.into_iter().flatten().map(|r| r.count).sum();
    assert_eq!(count, 1, "{rooms:?}");
}

#[test]
fn a_day_trip_by_car_keeps_the_drivers_hours() {
    let pack = pack();
    let trip = |pace| RequestSpec {
        days: Some(1),
        date: NaiveDate::from_ymd_opt(2027, 5, 8),
        mode: Some(plan::Mode::Car),
        pace: Some(pace),
        ..RequestSpec::default()
    };
    let standard = trip(jingqin::model::Pace::Standard);
    let it = plan::plan(&pack, &standard.resolve(&pack, today()).expect("resolves"))
        .expect("the standard day trip by car plans");
    let wheel: u32 = (it.days[0].events.iter())
        .map(|e| match e {
            Event::Transfer { minutes, .. } => *minutes,
            _ => 0,
        })
        .sum();
    assert!(wheel <= 8 * 60, "{} at the wheel", hhmm(wheel));
    assert!(
        it.days[0]
            .events
            .iter()
            .any(|e| matches!(e, Event::Visit { .. }))
    );
    let said =
        (it.notices.iter()).any(|n| matches!(n, Notice::DrivingHours { daily_minutes: 480 }));
    assert!(
        said,
        "visits let go for the driver's hours, unsaid: {:?}",
        it.notices
    );
    // The relaxed pace's slack puts the road both ways past 8 hours.
    let relaxed = trip(jingqin::model::Pace::Relaxed);
    let refused = plan::plan(&pack, &relaxed.resolve(&pack, today()).expect("resolves"))
        .expect_err("a relaxed day trip by car is refused");
    let reason = refused.to_string();
    assert!(
        reason.contains("--mode rail") && reason.contains("--days 2"),
        "{reason}"
    );
}
