//! Prices: a site's tickets for the party (with a group's rate and its
//! leaders' places), a service's fares, and the chartered coaches' bill.

use super::super::itinerary::{Day, Event, TransferMode};
use super::super::request::Party;
use super::super::rules;
use super::context::Trip;
use crate::model::{Fare, Group, Site};

/// What the party pays at `site` in `season`, and whether a group rate
/// applies. A group on a chartered coach pays the site's group rate when
/// it is large enough, its leaders going free up to the rate's free
/// places; elsewhere the leaders' tickets are counted at the adult price.
pub(super) fn tickets(trip: &Trip, site: &Site, season: &str) -> (f64, bool) {
    let party = trip.request.party;
    let fare = trip.pack.site_fare(site, season);
    let Some(group) = trip.legs.charter else {
        return (fare_for(fare, party), false);
    };
    match site.price.group.filter(|g| party.people() >= g.min_size) {
        Some(rate) => {
            let capped = Fare {
                adult: rate.adult,
                child: fare.child.min(rate.adult),
                senior: fare.senior.min(rate.adult),
            };
            let paying_staff = group.staff.saturating_sub(rate.free);
            let staff = f64::from(paying_staff) * rate.adult;
            (fare_for(capped, party) + staff, true)
        }
        None => (
            fare_for(fare, party) + f64::from(group.staff) * fare.adult,
            false,
        ),
    }
}

/// The chartered coaches of a trip.
pub(super) struct CoachBill {
    pub coaches: u32,
    pub km: f64,
    pub cost: f64,
    /// The days (1-based) with a second driver at the wheel.
    pub second_driver_days: Vec<u8>,
}

/// The coaches the group needs, and what they cost for the trip.
pub(super) fn coach(trip: &Trip, group: &Group, days: &[Day]) -> CoachBill {
    let riders = trip.request.party.people() + group.staff;
    let coaches = riders.div_ceil(group.coach.seats.max(1));
    let km: f64 = (days.iter().flat_map(|d| &d.events))
        .filter_map(|e| match e {
            Event::Transfer {
                mode: TransferMode::Charter,
                distance_km,
                ..
            } => Some(*distance_km),
            _ => None,
        })
        .sum();
    // A day past one crew's hours takes a second driver, at the pack's rate.
    let crew = group.driving.drivers;
    let second_driver_days: Vec<u8> = (days.iter())
        .filter(|day| {
            let needed =
                rules::drivers_needed(&group.driving, group.coach.second_driver, driving(day));
            needed.is_some_and(|n| n > crew)
        })
        .map(|day| day.index)
        .collect();
    let seconds = group.coach.second_driver.unwrap_or(0.0) * second_driver_days.len() as f64;
    let per_coach =
        group.coach.per_day * f64::from(trip.request.days) + group.coach.per_km * km + seconds;
    CoachBill {
        coaches,
        km,
        cost: per_coach * f64::from(coaches),
        second_driver_days,
    }
}

/// What the guide's room of their own and meals cost the group: the
/// rooms a night, their price for the trip, and the meals'.
pub(super) fn staff(trip: &Trip, group: &Group, room_rate: f64, nights: u32) -> (u32, f64, f64) {
    let rooms = group.staff;
    let room_cost = room_rate * f64::from(rooms * nights);
    let meals = group.staff_meals * f64::from(group.staff) * f64::from(trip.request.days);
    (rooms, room_cost, meals)
}

/// Minutes a day's coach is driven.
pub(super) fn driving(day: &Day) -> u32 {
    (day.events.iter())
        .filter_map(|e| match e {
            Event::Transfer {
                driving_minutes, ..
            } => *driving_minutes,
            _ => None,
        })
        .sum()
}

pub(super) fn fare_for(fare: Fare, party: Party) -> f64 {
    fare.adult * f64::from(party.adults)
        + fare.child * f64::from(party.children)
        + fare.senior * f64::from(party.seniors)
}

pub(super) fn cents(amount: f64) -> f64 {
    (amount * 100.0).round() / 100.0
}
