//! The events of one day, built in order: trains and coaches as
//! timetabled, each transfer chained to where the party is (with a rest at
//! the lodging when a wait allows it), visits, meals and the night.

use chrono::NaiveDate;

use super::super::itinerary::{Clock, Event, TransferMode};
use super::super::request::Party;
use super::super::rules;
use super::super::sun::sunrise_minutes;
use super::context::Trip;
use super::price::fare_for;
use super::timeline::MAX_IDLE_MINUTES;
use crate::model::{MealKind, Service, ServiceMode};
use crate::travel::{self, LocalMode};

/// A wait at least this long beyond the ride there and back is spent at the lodging.
const REST_MINUTES: u32 = 60;
/// Rather than wait outside longer than `MAX_IDLE_MINUTES`, the party stops
/// at the lodging if it can stay this long.
const MIN_LODGING_STOP: u32 = 15;

/// The events of one day, built in order, each transfer chained to the
/// place the party is at.
pub(super) struct DayBuilder<'t, 'a> {
    trip: &'t Trip<'a>,
    date: NaiveDate,
    here: usize,
    /// The lodging the day starts from, if it does.
    home: Option<usize>,
    pub now: u32,
    /// The next stop is an optional outing (a sunrise): the way there and
    /// the visit are optional.
    pub outing: bool,
    /// The last visit was an optional outing: the way back to the lodging is part of it.
    returning: bool,
    pub events: Vec<Event>,
    pub sites: Vec<usize>,
    pub cost: f64,
}

impl<'t, 'a> DayBuilder<'t, 'a> {
    pub(super) fn new(
        trip: &'t Trip<'a>,
        date: NaiveDate,
        here: usize,
        home: Option<usize>,
    ) -> Self {
        DayBuilder {
            trip,
            date,
            here,
            home,
            now: 0,
            outing: false,
            returning: false,
            events: Vec::new(),
            sites: Vec::new(),
            cost: 0.0,
        }
    }

    fn clock(&self, minutes: u32) -> Clock {
        Clock::new(self.date, minutes, self.trip.pack.info.timezone)
    }

    /// A train or coach; the party is then at its arrival hub.
    pub(super) fn service(&mut self, service: &Service, party: Party) {
        let to = self.trip.hub_location(&service.to);
        let cost = fare_for(service.fare, party);
        let mode = match service.mode {
            ServiceMode::Rail => TransferMode::Rail,
            ServiceMode::Coach => TransferMode::Coach,
        };
        let (depart, arrive) = (service.depart.minutes(), service.arrive.minutes());
        let km = self
            .trip
            .pack
            .hub(&service.from)
            .zip(self.trip.pack.hub(&service.to));
        self.events.push(Event::Transfer {
            from: service.from.clone(),
            to: service.to.clone(),
            start: self.clock(depart),
            end: self.clock(arrive),
            mode,
            service: Some(service.id.clone()),
            distance_km: km.map_or(0.0, |(a, b)| travel::straight_km(a.coord, b.coord)),
            minutes: arrive - depart,
            cost_cny: cost,
            driving_minutes: None,
            rest_minutes: 0,
            optional: false,
        });
        self.cost += cost;
        self.here = to;
        self.now = arrive;
    }

    /// Travel to `to` so as to arrive at `at`: the party leaves as late as it
    /// can, and spends a long wait (after a sunrise, say) back at the lodging.
    pub(super) fn travel_to(&mut self, to: usize, at: u32) {
        if to == self.here {
            return;
        }
        // Back to the lodging right away: to rest there, not wait outside;
        // and a group's coach leaves the origin at the group's start.
        let group_start = self.trip.legs.charter.is_some_and(|g| g.start.is_some());
        if Some(to) == self.home || (group_start && self.trip.legs.in_origin[self.here]) {
            self.travel_now(to);
            return;
        }
        let away = !self.trip.legs.in_origin[self.here];
        if let Some(home) = self
            .home
            .filter(|&home| away && home != self.here && home != to)
        {
            let round_trip = self.trip.minutes(self.here, home) + self.trip.minutes(home, to);
            let direct = self.trip.minutes(self.here, to);
            // A rest is worth the ride; so is any stop at the lodging
            // (bags, a break) rather than a long wait outside.
            let idle = at.saturating_sub(self.now + direct) > MAX_IDLE_MINUTES;
            let rest = if idle { MIN_LODGING_STOP } else { REST_MINUTES };
            if at >= self.now + round_trip + rest {
                self.travel_now(home);
            }
        }
        let minutes = self.trip.minutes(self.here, to);
        let start = at.saturating_sub(minutes).max(self.now);
        self.transfer(to, start, minutes);
    }

    /// Travel to `to` right away.
    pub(super) fn travel_now(&mut self, to: usize) {
        if to != self.here {
            let minutes = self.trip.minutes(self.here, to);
            self.transfer(to, self.now, minutes);
        }
    }

    fn transfer(&mut self, to: usize, start: u32, minutes: u32) {
        let leg = self.trip.leg(self.here, to);
        let legs = &self.trip.legs;
        let self_drive = legs.charter.is_none();
        let driving = (legs.driver.is_some() && leg.mode == LocalMode::Car).then(|| {
            let ride = legs.driving(self.here, to);
            rules::wheel_minutes(&self.trip.pace, ride, self_drive)
        });
        let mode = match (leg.mode, legs.charter) {
            (LocalMode::Walk, _) => TransferMode::Walk,
            (LocalMode::Car, Some(_)) => TransferMode::Charter,
            (LocalMode::Car, None) => TransferMode::Car,
        };
        let optional = self.outing || (self.returning && Some(to) == self.home);
        self.returning = false;
        self.events.push(Event::Transfer {
            from: self.trip.location_id(self.here).to_owned(),
            to: self.trip.location_id(to).to_owned(),
            start: self.clock(start),
            end: self.clock(start + minutes),
            mode,
            service: None,
            distance_km: leg.km,
            minutes,
            cost_cny: 0.0,
            driving_minutes: driving,
            rest_minutes: driving.map_or(0, |d| legs.rests(d)),
            optional,
        });
        self.here = to;
        self.now = start + minutes;
    }

    /// A visit to `pack.sites[site]`.
    pub(super) fn visit(&mut self, site: usize, start: u32, end: u32, cost: f64, sunrise: bool) {
        let at = &self.trip.pack.sites[site];
        let sun_up = sunrise
            .then(|| sunrise_minutes(at.coord, self.date, self.trip.pack.info.timezone))
            .flatten()
            .map(|minutes| self.clock(minutes));
        self.events.push(Event::Visit {
            site: at.id.clone(),
            start: self.clock(start),
            end: self.clock(end),
            cost_cny: cost,
            sunrise,
            sun_up,
            placeholder: at.placeholder,
            cost_estimated: cost > 0.0 && at.provenance.is_estimated("price"),
            optional: self.outing,
        });
        self.returning = self.outing;
        self.outing = false;
        self.sites.push(site);
        self.cost += cost;
        self.now = end;
    }

    pub(super) fn meal(&mut self, meal: MealKind, start: u32, end: u32) {
        self.events.push(Event::Meal {
            meal,
            start: self.clock(start),
            end: self.clock(end),
            near: self.trip.location_id(self.here).to_owned(),
        });
        self.now = end;
    }

    pub(super) fn sleep(&mut self, lodging: &str) {
        let placeholder = (self.trip.pack.lodging(lodging)).is_some_and(|l| l.placeholder);
        self.events.push(Event::Lodging {
            lodging: lodging.to_owned(),
            start: self.clock(self.now),
            placeholder,
        });
    }
}
