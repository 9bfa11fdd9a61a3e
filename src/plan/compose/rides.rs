//! What getting about costs, once the days are laid out: a party's local
//! rides by the vehicle that fits it (a taxi ride by ride, or cars with
//! drivers by the day), or a self-drive's fuel, tolls and parking. A group
//! on its chartered coach has no local rides (the coach is billed apart).

use super::super::itinerary::{Day, Event, Notice, RideCost, TransferMode, Vehicle};
use super::super::request::Mode;
use super::context::Trip;
use super::price::cents;
use crate::model::{Drive, Rides, Van};

/// What the trip's rides (or drive) cost, the notice that itemises it, and
/// how the cost line names it.
pub(super) struct RideBill {
    pub cost: f64,
    pub notice: Option<Notice>,
    pub basis: RideCost,
}

/// The bill for the rides of `days`.
pub(super) fn bill(trip: &Trip, days: &[Day]) -> RideBill {
    let uncosted = |basis| RideBill {
        cost: 0.0,
        notice: None,
        basis,
    };
    if trip.legs.charter.is_some() {
        return uncosted(RideCost::Coach);
    }
    if trip.request.mode == Mode::Car {
        return match &trip.pack.drive {
            Some(drive) => self_drive(trip, drive, days),
            None => uncosted(RideCost::DriveUncosted),
        };
    }
    match &trip.pack.rides {
        Some(rides) => hired(trip, rides, days),
        None => uncosted(RideCost::Uncosted),
    }
}

/// A ride by car: its start (minutes of its day), end and road km.
struct Ride {
    start: u32,
    end: u32,
    km: f64,
    /// Between the origin city and the destination.
    road: bool,
}

fn rides(trip: &Trip, day: &Day) -> Vec<Ride> {
    let origin = |id: &str| (trip.pack.hub(id)).is_some_and(|h| h.city == trip.pack.info.origin);
    (day.events.iter())
        .filter_map(|e| match e {
            Event::Transfer {
                mode: TransferMode::Car,
                from,
                to,
                start,
                end,
                distance_km,
                ..
            } => Some(Ride {
                start: start.minutes,
                end: end.minutes.max(start.minutes),
                km: *distance_km,
                road: origin(from) != origin(to),
            }),
            _ => None,
        })
        .collect()
}

/// Taxis ride by ride for a party a taxi holds, else cars with drivers by
/// the day (or, without such cars in the pack, as many taxis as it fills).
fn hired(trip: &Trip, tariff: &Rides, days: &[Day]) -> RideBill {
    let people = trip.request.party.people().max(1);
    let (mut cost, mut count, mut km, mut hire_days) = (0.0, 0, 0.0, 0);
    let van = tariff.van.as_ref().filter(|_| people > tariff.taxi.seats);
    let vehicles = match van {
        Some(van) => people.div_ceil(van.seats.max(1)),
        None => people.div_ceil(tariff.taxi.seats.max(1)),
    };
    for day in days {
        let rides = rides(trip, day);
        count += rides.len() as u32;
        km += rides.iter().map(|r| r.km).sum::<f64>();
        match van {
            Some(van) => {
                let (Some(first), Some(last)) = (rides.first(), rides.last()) else {
                    continue;
                };
                hire_days += 1;
                let rate = van.day(peak(trip, van, day), last.end.saturating_sub(first.start));
                cost += rate * f64::from(vehicles);
            }
            None => {
                let fares: f64 = (rides.iter())
                    .map(|r| tariff.taxi.fare(r.km, r.start))
                    .sum();
                hire_days += u8::from(!rides.is_empty());
                cost += fares * f64::from(vehicles);
            }
        }
    }
    let cost = cents(cost);
    RideBill {
        cost,
        notice: (count > 0).then(|| Notice::Rides {
            vehicle: if van.is_some() {
                Vehicle::Van
            } else {
                Vehicle::Taxi
            },
            vehicles,
            days: hire_days,
            rides: count,
            km: (km * 10.0).round() / 10.0,
            cost_cny: cost,
            per_person_cny: cents(cost / f64::from(people)),
        }),
        basis: RideCost::Hired,
    }
}

/// Whether `day` is hired at the peak rate: a peak season or a public holiday.
fn peak(trip: &Trip, van: &Van, day: &Day) -> bool {
    van.peak.contains(&day.season) || trip.pack.calendar.holiday_on(day.date).is_some()
}

/// A self-drive: fuel for every km, tolls on the road to and from the
/// destination, parking at each visit.
fn self_drive(trip: &Trip, drive: &Drive, days: &[Day]) -> RideBill {
    let (mut km, mut tolls, mut parking) = (0.0, 0.0, 0.0);
    for day in days {
        for ride in rides(trip, day) {
            km += ride.km;
            if ride.road {
                tolls += ride.km * drive.toll_per_km;
            }
        }
        for event in &day.events {
            if let Event::Visit {
                site, start, end, ..
            } = event
            {
                let minutes = end.minutes.saturating_sub(start.minutes);
                parking += drive.parking_at(site, minutes);
            }
        }
    }
    let (fuel, tolls, parking) = (cents(drive.fuel(km)), cents(tolls), cents(parking));
    let cost = cents(fuel + tolls + parking);
    let people = f64::from(trip.request.party.people().max(1));
    RideBill {
        cost,
        notice: Some(Notice::Drive {
            km: km.round(),
            fuel_cny: fuel,
            tolls_cny: tolls,
            parking_cny: parking,
            cost_cny: cost,
            per_person_cny: cents(cost / people),
        }),
        basis: RideCost::Drive,
    }
}
