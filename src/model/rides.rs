//! What getting about costs: the local vehicles a party hires (a taxi, or a
//! 7-seat car with its driver for a larger party) and a self-drive's fuel,
//! tolls and parking. Both are optional pack tables; without them a plan
//! leaves these costs out and says so.

use super::provenance::Provenance;
use super::time::Minutes;

/// The local vehicles, by the party's size (`[rides]` in pack.toml).
#[derive(Clone, Debug)]
pub struct Rides {
    pub taxi: Taxi,
    /// A car with driver for parties a taxi cannot take; without one,
    /// such a party takes as many taxis as it fills.
    pub van: Option<Van>,
    pub provenance: Provenance,
}

/// A metered taxi's tariff.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Taxi {
    /// CNY for the first `flag_km`.
    pub flag_fall: f64,
    pub flag_km: f64,
    /// CNY a road km beyond the first `flag_km`.
    pub per_km: f64,
    /// CNY added to a ride that starts between 23:00 and 05:00.
    pub night: f64,
    /// Passengers a taxi may take.
    pub seats: u32,
}

/// A car with its driver, hired by the day.
#[derive(Clone, Debug, PartialEq)]
pub struct Van {
    pub per_day: f64,
    /// The day rate in the `peak` seasons and on public holidays.
    pub peak_per_day: f64,
    pub peak: Vec<String>,
    /// The hours a day's rate covers, from the first ride to the last.
    pub hours: Minutes,
    /// CNY for each started hour beyond `hours`.
    pub overtime: f64,
    /// Passengers a car may take.
    pub seats: u32,
}

/// What a self-drive costs (`[drive]` in pack.toml).
#[derive(Clone, Debug)]
pub struct Drive {
    /// CNY a litre of petrol.
    pub fuel_price: f64,
    /// Litres a 100 km.
    pub consumption: f64,
    /// CNY a road km between the origin city and the destination (expressway tolls).
    pub toll_per_km: f64,
    /// CNY a visit where the site has no tariff of its own.
    pub parking: f64,
    pub site_parking: Vec<SiteParking>,
    pub provenance: Provenance,
}

/// A site's car park tariff.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteParking {
    pub site: String,
    pub tariff: Parking,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Parking {
    PerHour(f64),
    PerVisit(f64),
}

impl Taxi {
    /// The metered fare of a ride of `km` road km that starts at `start`
    /// (minutes from midnight).
    pub fn fare(&self, km: f64, start: u32) -> f64 {
        let night = !(5 * 60..23 * 60).contains(&(start % (24 * 60)));
        self.flag_fall
            + self.per_km * (km - self.flag_km).max(0.0)
            + if night { self.night } else { 0.0 }
    }
}

impl Van {
    /// A day's hire: the rate of the day, and the started hours beyond
    /// what it covers for a car kept `minutes` from the first ride to the last.
    pub fn day(&self, peak: bool, minutes: u32) -> f64 {
        let rate = if peak {
            self.peak_per_day
        } else {
            self.per_day
        };
        let over = minutes.saturating_sub(self.hours.0).div_ceil(60);
        rate + self.overtime * f64::from(over)
    }
}

impl Drive {
    /// Fuel for `km` road km.
    pub fn fuel(&self, km: f64) -> f64 {
        km * self.consumption / 100.0 * self.fuel_price
    }

    /// Parking for a visit of `minutes` at `site`.
    pub fn parking_at(&self, site: &str, minutes: u32) -> f64 {
        match self.site_parking.iter().find(|p| p.site == site) {
            Some(SiteParking {
                tariff: Parking::PerHour(rate),
                ..
            }) => rate * f64::from(minutes.div_ceil(60).max(1)),
            Some(SiteParking {
                tariff: Parking::PerVisit(fee),
                ..
            }) => *fee,
            None => self.parking,
        }
    }
}
