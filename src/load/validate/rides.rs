//! pack.toml's costs of getting about: `[rides]`, the local vehicles by
//! the party's size, and `[drive]`, a self-drive's fuel, tolls and parking.
//! Both are optional.

use std::ops::Range;

use super::fields::count;
use crate::load::diagnostic::{Diagnostic, SourceFile};
use crate::load::raw::{TomlDrive, TomlRides};
use crate::load::scope::Scope;
use crate::model::{Drive, Parking, Rides, SiteParking, Taxi, Van};

/// Litres a 100 km beyond which a consumption is a typing error.
const MAX_CONSUMPTION: f64 = 50.0;

/// The `[rides]` table; `seasons` are the pack's season ids, which a van's `peak` names.
pub fn rides(
    file: &SourceFile,
    raw: TomlRides,
    seasons: &[&str],
    out: &mut Vec<Diagnostic>,
) -> Option<Rides> {
    let mut s = Scope::new(file, "[rides]".into(), out);
    let t = &raw.taxi;
    let flag_fall = s.money("taxi.flag_fall", &t.flag_fall);
    let flag_km = s.number("taxi.flag_km", &t.flag_km, 0.0..=100.0);
    let per_km = s.money("taxi.per_km", &t.per_km);
    let night = (t.night.as_ref()).map_or(Some(0.0), |n| s.money("taxi.night", n));
    let seats = count(&mut s, "taxi.seats", &t.seats, 1..=8);
    let van = match &raw.van {
        Some(v) => {
            let per_day = s.money("van.per_day", &v.per_day);
            let peak_per_day = match &v.peak_per_day {
                Some(p) => s.money("van.peak_per_day", p),
                None => per_day,
            };
            for season in &v.peak {
                if !seasons.contains(&season.get_ref().as_str()) {
                    let message = format!(
                        "van.peak names \"{}\", which is not a [[season]] of the pack",
                        season.get_ref()
                    );
                    s.error(season.span(), message);
                }
            }
            let hours = s.duration("van.hours", &v.hours);
            let overtime = (v.overtime.as_ref()).map_or(Some(0.0), |o| s.money("van.overtime", o));
            let seats = count(&mut s, "van.seats", &v.seats, 1..=60);
            Some(Van {
                per_day: per_day?,
                peak_per_day: peak_per_day?,
                peak: v.peak.iter().map(|p| p.get_ref().clone()).collect(),
                hours: hours?,
                overtime: overtime?,
                seats: seats?,
            })
        }
        None => None,
    };
    let provenance = s.provenance(&raw.source, &raw.estimated, &["taxi", "van"]);
    let taxi = Taxi {
        flag_fall: flag_fall?,
        flag_km: flag_km?,
        per_km: per_km?,
        night: night?,
        seats: seats?,
    };
    if raw.van.is_some() && van.is_none() {
        return None;
    }
    Some(Rides {
        taxi,
        van,
        provenance,
    })
}

/// The `[drive]` table, with the spans of the sites its car parks name.
pub fn drive(
    file: &SourceFile,
    raw: TomlDrive,
    out: &mut Vec<Diagnostic>,
) -> Option<(Drive, Vec<Range<usize>>)> {
    let mut s = Scope::new(file, "[drive]".into(), out);
    let fuel_price = s.money("fuel_price", &raw.fuel_price);
    let consumption = s.number("consumption", &raw.consumption, 0.0..=MAX_CONSUMPTION);
    let toll_per_km = s.money("toll_per_km", &raw.toll_per_km);
    let parking = s.money("parking", &raw.parking);
    let mut site_parking = Vec::new();
    let mut spans = Vec::new();
    for entry in &raw.site_parking {
        let tariff = match (&entry.per_hour, &entry.per_visit) {
            (Some(rate), None) => s.money("site_parking.per_hour", rate).map(Parking::PerHour),
            (None, Some(fee)) => s
                .money("site_parking.per_visit", fee)
                .map(Parking::PerVisit),
            _ => {
                let message = "a site's parking gives either per_hour or per_visit";
                s.error(entry.site.span(), message);
                None
            }
        };
        if let Some(tariff) = tariff {
            let site = entry.site.get_ref().clone();
            site_parking.push(SiteParking { site, tariff });
            spans.push(entry.site.span());
        }
    }
    let provenance = s.provenance(
        &raw.source,
        &raw.estimated,
        &[
            "fuel_price",
            "consumption",
            "toll_per_km",
            "parking",
            "site_parking",
        ],
    );
    let drive = Drive {
        fuel_price: fuel_price?,
        consumption: consumption?,
        toll_per_km: toll_per_km?,
        parking: parking?,
        site_parking,
        provenance,
    };
    Some((drive, spans))
}
