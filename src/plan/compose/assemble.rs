//! The itinerary of a solved frame: each day's events laid out from its
//! timeline (the train out, transfers, visits at their tickets' price,
//! meals, the way back or the night), its notices, the rooms and what
//! everything costs, the sites left out and why, and the trip's notices.

use super::super::error::{Infeasible, Refusal};
use super::super::explain::{self, DayFit};
use super::super::itinerary::{Cost, Day, Event, Itinerary, SCHEMA, Totals};
use super::super::rules::STATION_MINUTES;
use super::bounds::{self, hhmm};
use super::context::{Frame, Trip};
use super::events::DayBuilder;
use super::routes::Composed;
use super::stops::{self, StopKind};
use super::{frame, lodging, notices, price, rides, timeline};
use crate::solve::{Problem, Visit};

/// The itinerary of `composed`, planned on `frame`.
pub(super) fn itinerary(trip: &Trip, frame: &Frame, composed: Composed) -> Itinerary {
    let Composed {
        problem,
        kinds,
        solution,
        areas,
        sunrise_misses,
        bounds,
    } = composed;
    let party = trip.request.party;
    let (rooms, nightly) = lodging::party_rooms(trip, frame);
    let mut days = Vec::new();
    let mut visited = Vec::new();
    let mut score = 0.0;
    let mut party_cost = 0.0;
    for (d, plan) in solution.routes.iter().enumerate() {
        let date = trip.dates[d];
        let season = trip.pack.season_on(date).to_owned();
        let route = &problem.routes[d];
        let (day, group_rates) = lay_out(trip, frame, d, &season, &problem, &kinds, &plan.visits);
        for &i in &day.sites {
            visited.push(i);
            score += trip.score(&trip.pack.sites[i]);
        }
        let mut notices = explain::notices(trip.pack, &day.sites, party, date);
        notices.extend(notices::group_rate(group_rates));
        notices.extend(notices::waits(trip, &day.events));
        notices.extend(notices::meals_skipped(trip, d, route, &plan.visits, &kinds));
        let last = d + 1 == trip.dates.len();
        let lodging = frame.lodging.filter(|_| !last);
        party_cost += day.cost;
        if lodging.is_some() {
            party_cost += nightly;
        }
        days.push(Day {
            index: (d + 1) as u8,
            date,
            season,
            area: areas[d].map(|a| trip.area_ids[a].to_owned()),
            lodging: lodging.map(|l| trip.pack.lodging[l].id.clone()),
            events: day.events,
            notices,
        });
    }
    // A holiday is said first on its day.
    for day in &mut days {
        if let Some(holiday) = explain::holiday(trip.pack, day) {
            day.notices.insert(0, holiday);
        }
    }
    let omitted = explain::omitted(
        trip.pack,
        trip.request,
        &trip.dates,
        &visited,
        |index, site, d| {
            let planned = kinds.iter().zip(&problem.stops).any(|(kind, stop)| {
                matches!(kind, StopKind::Site(i) | StopKind::Sunrise(i) if *i == index)
                    && !stop.windows[d].is_empty()
            });
            let route = &problem.routes[d];
            if planned {
                DayFit::Fits
            } else if stops::windows(trip, index, d, route, trip.visit_minutes(site), bounds[d])
                .is_empty()
            {
                DayFit::NoTime
            } else {
                DayFit::OffTheWay
            }
        },
        |index, d| {
            let site = &trip.pack.sites[index];
            let pin = (trip.request.must.iter())
                .find(|m| m.site == site.id)
                .and_then(|m| m.day);
            match pin {
                Some(day) => usize::from(day) == d + 1,
                None => areas[d].is_none_or(|a| trip.area_of(trip.site_location(index)) == Some(a)),
            }
        },
    );
    let uses_services = frame.outbound.is_some() || frame.back.is_some();
    let rides = rides::bill(trip, &days);
    party_cost += rides.cost;
    let mut notices =
        explain::trip_notices(trip.pack, &trip.dates, rooms, uses_services, rides.basis);
    notices.extend(rides.notice);
    if let Some(group) = trip.legs.charter {
        let coach = price::coach(trip, group, &days);
        party_cost += coach.cost;
        notices.push(notices::coach(trip, &coach));
        // The guide sleeps in a room of their own and eats with the group.
        let nights = days.iter().filter(|d| d.lodging.is_some()).count() as u32;
        let rate = lodging::staff_room_rate(trip, frame);
        let (staff_rooms, room_cost, meals) = price::staff(trip, group, rate, nights);
        party_cost += room_cost + meals;
        if group.staff > 0 {
            let board = (staff_rooms, nights);
            notices.push(notices::staff(trip, group.staff, board, (room_cost, meals)));
        }
        notices.extend(notices::group_meals(&days, party.people() + group.staff));
    }
    notices.extend(explain::promises(
        trip.pack,
        trip.request,
        &omitted,
        &sunrise_misses,
    ));
    notices.extend(explain::book_early(trip.pack, &days));
    let travel_minutes = days
        .iter()
        .flat_map(|d| &d.events)
        .map(|e| match e {
            Event::Transfer { minutes, .. } => *minutes,
            _ => 0,
        })
        .sum();
    let people = f64::from(party.people());
    Itinerary {
        schema: SCHEMA,
        pack: trip.pack.info.id.clone(),
        timezone: trip.pack.info.timezone,
        request: trip.request.clone(),
        days,
        omitted,
        notices,
        totals: Totals {
            score: (score * 10.0).round() / 10.0,
            visits: visited.len(),
            travel_minutes,
            cost_cny: Cost {
                per_person: price::cents(party_cost / people),
                party: price::cents(party_cost),
            },
        },
    }
}

/// The events of day `d`: the train out on the first day, the timeline's
/// stops with the transfers between them, and the way home or to the
/// night's lodging; and the sites visited at a group rate.
fn lay_out<'t, 'a>(
    trip: &'t Trip<'a>,
    frame: &Frame,
    d: usize,
    season: &str,
    problem: &Problem,
    kinds: &[StopKind],
    visits: &[Visit],
) -> (DayBuilder<'t, 'a>, Vec<String>) {
    let party = trip.request.party;
    let date = trip.dates[d];
    let route = &problem.routes[d];
    let mut group_rates = Vec::new();
    let home = [route.start, route.end]
        .into_iter()
        .find(|&l| trip.is_lodging(l));
    let mut day = DayBuilder::new(trip, date, route.start, home);
    day.now = route.earliest.round() as u32;
    if d == 0
        && let Some(s) = frame.outbound
    {
        day.service(&trip.pack.services[s], party);
        // Out of the station before the day goes on.
        day.now = day.now.max(route.earliest.round() as u32);
    }
    // On the last day the slack goes to the morning at the lodging.
    let push_all = d > 0 && d + 1 == trip.dates.len();
    for step in timeline::lay_out(trip, d, route, visits, problem, kinds, push_all) {
        let (start, end) = (step.start, step.end);
        // A sunrise is always optional: the sky decides, and agencies sell
        // it so (自愿参加，视天气); the day stands without it.
        day.outing = matches!(kinds[step.stop], StopKind::Sunrise(_));
        day.travel_to(step.location, start);
        match kinds[step.stop] {
            StopKind::Site(i) | StopKind::Sunrise(i) => {
                let site = &trip.pack.sites[i];
                let (cost, group_rate) = price::tickets(trip, site, season);
                if group_rate {
                    group_rates.push(site.id.clone());
                }
                day.visit(
                    i,
                    start,
                    end,
                    cost,
                    matches!(kinds[step.stop], StopKind::Sunrise(_)),
                );
            }
            StopKind::Meal(kind) => day.meal(kind, start, end),
        }
    }
    let last = d + 1 == trip.dates.len();
    let lodging = frame.lodging.filter(|_| !last);
    match (last, frame.back) {
        (true, Some(s)) => {
            let planned = &trip.pack.services[s];
            day.travel_now(trip.hub_location(&planned.from));
            let service = frame::earliest_home(trip, planned, date, day.now + STATION_MINUTES);
            day.service(service, party);
        }
        (true, None) => day.travel_now(route.end),
        (false, _) => {
            day.travel_now(route.end);
            if let Some(l) = lodging {
                day.sleep(&trip.pack.lodging[l].id);
            }
        }
    }
    (day, group_rates)
}

/// A day without a visit is no tour: the plan fails with the reason.
pub(super) fn every_day_visits(
    trip: &Trip,
    frame: &Frame,
    itinerary: &Itinerary,
) -> Result<(), Infeasible> {
    for day in &itinerary.days {
        if day.events.iter().any(|e| matches!(e, Event::Visit { .. })) {
            continue;
        }
        let d = usize::from(day.index) - 1;
        let route = bounds::route(trip, frame, d)?;
        return Err(Infeasible::new(
            Refusal::NoTime,
            format!(
                "day {} ({}) has no time for any visit: between {} and {} no site of the pack that is open that day fits with the travel there and back",
                day.index,
                day.date,
                hhmm(route.earliest as u32),
                hhmm(route.latest as u32)
            ),
        ));
    }
    Ok(())
}
