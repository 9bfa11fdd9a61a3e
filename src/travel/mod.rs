//! Travel times: the geodesic distance between two places, stretched by the
//! road's detour, at the speed of the local mode, plus a fixed overhead.

use crate::model::{Coord, Minutes, Pack, TravelMode};

/// The mean radius of the Earth (IUGG), in km.
const EARTH_RADIUS_KM: f64 = 6371.0088;

pub use crate::model::LocalMode;

/// A local transfer between two places.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Leg {
    pub mode: LocalMode,
    /// Along the road: straight-line distance × the mode's detour.
    pub km: f64,
    /// Door to door, overhead included, rounded up.
    pub minutes: u32,
}

/// Straight-line (great-circle, haversine) distance in km: within 0.5 % of
/// the WGS-84 geodesic, far inside the coordinates' own uncertainty, and
/// cheap enough for every pair of a pack of thousands of places.
pub fn straight_km(a: Coord, b: Coord) -> f64 {
    let (lat1, lat2) = (a.lat.to_radians(), b.lat.to_radians());
    let half_dlat = (lat2 - lat1) / 2.0;
    let half_dlon = (b.lon - a.lon).to_radians() / 2.0;
    let h = half_dlat.sin().powi(2) + lat1.cos() * lat2.cos() * half_dlon.sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// The pack's local modes, looked up once for the many legs of a plan.
pub struct LocalModes<'p> {
    walk: Option<&'p TravelMode>,
    drive: Vec<&'p TravelMode>,
}

impl<'p> LocalModes<'p> {
    pub fn of(pack: &'p Pack) -> LocalModes<'p> {
        LocalModes::named(pack, &["car", "expressway"])
    }

    /// Walking, and driving by the pack's modes `drive` (a coach's, say).
    pub fn named(pack: &'p Pack, drive: &[&str]) -> LocalModes<'p> {
        LocalModes {
            walk: pack.travel.get("walk"),
            drive: (drive.iter())
                .filter_map(|name| pack.travel.get(*name))
                .collect(),
        }
    }

    /// The local leg from `a` to `b`: walking where the pack allows it for
    /// so short a hop; otherwise by car, on the pack's `expressway` mode
    /// where the hop is long enough for it and that is faster.
    pub fn leg(&self, a: Coord, b: Coord) -> Leg {
        let km = straight_km(a, b);
        let applies = |mode: &&&TravelMode| {
            mode.min_km.is_none_or(|min| km >= min) && mode.max_km.is_none_or(|max| km <= max)
        };
        if let Some(walk) = self.walk.as_ref().filter(applies) {
            return by(LocalMode::Walk, walk, km);
        }
        (self.drive.iter())
            .filter(applies)
            .map(|rule| by(LocalMode::Car, rule, km))
            .min_by_key(|leg| leg.minutes)
            // The loader requires a car mode without bounds; only a hand-built pack lacks one.
            .unwrap_or(Leg {
                mode: LocalMode::Car,
                km,
                minutes: 0,
            })
    }
}

/// The drive between Beijing and the destination, by the pack's `road` mode.
pub fn road_leg(road: &TravelMode, a: Coord, b: Coord) -> Leg {
    by(LocalMode::Car, road, straight_km(a, b))
}

/// The published time between the places `a` and `b` (ids), either way.
pub fn known_leg(pack: &Pack, a: &str, b: &str) -> Option<Leg> {
    let time = pack
        .times
        .iter()
        .find(|t| (t.from == a && t.to == b) || (t.from == b && t.to == a))?;
    Some(Leg {
        mode: time.mode,
        km: time.km.unwrap_or(0.0),
        minutes: time.minutes.0,
    })
}

fn by(mode: LocalMode, rule: &TravelMode, straight: f64) -> Leg {
    let km = straight * rule.detour;
    let Minutes(overhead) = rule.overhead;
    let moving = (hours(rule, km) * 60.0).ceil() as u32;
    Leg {
        mode,
        km,
        minutes: moving + overhead,
    }
}

/// Hours to ride `km` of road: each stretch at the speed of its band.
fn hours(rule: &TravelMode, km: f64) -> f64 {
    let mut bounds = rule.bands.iter().map(|b| b.from_km).chain([f64::INFINITY]);
    let mut speeds = std::iter::once(rule.speed_kmh).chain(rule.bands.iter().map(|b| b.speed_kmh));
    let (mut from, mut total) = (0.0, 0.0);
    while let (Some(to), Some(speed)) = (bounds.next(), speeds.next()) {
        if km <= from {
            break;
        }
        total += (km.min(to) - from) / speed;
        from = to;
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geodesic_distance_matches_the_research_table() {
        // qinhuangdao-facts.md §4: 北戴河站 → 秦皇岛站 19.5 km.
        let bdh = Coord {
            lat: 39.84958,
            lon: 119.41372,
        };
        let qhd = Coord {
            lat: 39.96486,
            lon: 119.58632,
        };
        let km = straight_km(bdh, qhd);
        assert!((km - 19.5).abs() < 0.2, "{km}");
    }

    #[test]
    fn banded_speeds_take_each_stretch_at_its_own_speed() {
        let rule = TravelMode {
            speed_kmh: 20.0,
            bands: vec![
                crate::model::SpeedBand {
                    from_km: 4.0,
                    speed_kmh: 40.0,
                },
                crate::model::SpeedBand {
                    from_km: 12.0,
                    speed_kmh: 80.0,
                },
            ],
            detour: 1.0,
            overhead: Minutes(0),
            min_km: None,
            max_km: None,
            provenance: Default::default(),
        };
        // 4 km at 20, 8 at 40, 8 at 80: 12 + 12 + 6 minutes.
        assert!((hours(&rule, 20.0) * 60.0 - 30.0).abs() < 1e-9);
        assert!((hours(&rule, 2.0) * 60.0 - 6.0).abs() < 1e-9);
        assert_eq!(hours(&rule, 0.0), 0.0);
    }
}
