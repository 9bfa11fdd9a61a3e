//! Prices: a site's tickets for the party (with a group's rate and its
//! leaders' places), a service's fares, and the chartered coaches' bill.

use super::super::itinerary::{Day, Event, TransferMode};
use super::super::request::Party;
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
    let per_coach = group.coach.per_day * f64::from(trip.request.days) + group.coach.per_km * km;
    CoachBill {
        coaches,
        km,
        cost: per_coach * f64::from(coaches),
    }
}

pub(super) fn fare_for(fare: Fare, party: Party) -> f64 {
    fare.adult * f64::from(party.adults)
        + fare.child * f64::from(party.children)
        + fare.senior * f64::from(party.seniors)
}

pub(super) fn cents(amount: f64) -> f64 {
    (amount * 100.0).round() / 100.0
}
