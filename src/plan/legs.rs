//! The legs between the places of a pack (sites, then lodging, then hubs,
//! numbered in that order): by road between the origin city and the
//! destination, else on foot or by the local vehicle, a published time where
//! the pack has one; on a chartered coach with its boarding, walks and the
//! driver's rests. The planner and the checker of edited plans share them.

use super::error::{Infeasible, Refusal};
use super::request::Mode;
use super::rules;
use crate::model::{Coord, DrivingRules, Group, Pack, TravelMode};
use crate::travel::{self, Leg, LocalMode};

/// The shortest move between two places.
pub const MIN_HOP_MINUTES: u32 = 5;

/// The legs between locations (sites, then lodging, then hubs), worked
/// out when asked: the matrix holds their planned minutes, and only the
/// legs a plan takes are needed in full.
pub struct Legs<'a> {
    pack: &'a Pack,
    pub coords: Vec<Coord>,
    /// Whether a location is in the origin city (its hubs): legs to the
    /// destination go by road, and no meals are planned there.
    pub in_origin: Vec<bool>,
    road: Option<&'a TravelMode>,
    modes: travel::LocalModes<'a>,
    /// The group rules when the party rides a chartered coach.
    pub charter: Option<&'a Group>,
    /// The hours the driver may drive: the coach's, or on a self-drive the
    /// same rules (the pack's `[group]` driving), kept as a cautious choice.
    pub driver: Option<&'a DrivingRules>,
    /// The pairs with a published time, and the locations in any of them.
    published: std::collections::HashSet<(usize, usize)>,
    has_published: Vec<bool>,
    pub ids: Vec<&'a str>,
}

impl Legs<'_> {
    /// The leg between `a` and `b`, the same either way. On a chartered
    /// coach it adds, to the drive, the driver's rests the law asks for and
    /// the group's share of its two stops (leaving and boarding the coach,
    /// the walks between the coach parks and the gates), within the pack's
    /// cap on a coach leg.
    pub fn leg(&self, a: usize, b: usize) -> Leg {
        let mut leg = self.drive(a, b);
        if let Some(group) = self.charter
            && leg.mode == LocalMode::Car
        {
            let stop = |location: usize| match self.pack.sites.get(location) {
                Some(site) => group.boarding.0 + site.coach_walk.unwrap_or(group.coach_walk).0,
                None => group.boarding.0,
            };
            leg.minutes += self.rests(leg.minutes) + rules::coach_stop_share(stop(a), stop(b));
            if let Some(cap) = self.cap(a, b) {
                leg.minutes = leg.minutes.min(cap);
            }
        }
        leg
    }

    /// The longest a group's coach leg between `a` and `b` may take, slack
    /// included, where the pack's `[group] leg_caps` say.
    pub fn cap(&self, a: usize, b: usize) -> Option<u32> {
        let group = self.charter?;
        let leg = self.drive(a, b);
        (leg.mode == LocalMode::Car && a != b)
            .then(|| rules::coach_leg_cap(&group.leg_caps, leg.km, (self.ids[a], self.ids[b])))
            .flatten()
    }

    /// The rest stops a coach driver must make within a drive of `driving` minutes.
    pub fn rests(&self, driving: u32) -> u32 {
        self.charter
            .map_or(0, |group| rules::rests(&group.driving, driving))
    }

    /// Minutes the vehicle is driven between `a` and `b`, on a chartered
    /// coach or a self-drive; 0 on foot or by other means. (Time at the
    /// wheel: see [`rules::wheel_minutes`].)
    pub fn driving(&self, a: usize, b: usize) -> u32 {
        let leg = self.drive(a, b);
        match (self.driver, leg.mode) {
            (Some(_), LocalMode::Car) if a != b => leg.minutes,
            _ => 0,
        }
    }

    /// The leg between `a` and `b` as the vehicle moves it.
    fn drive(&self, a: usize, b: usize) -> Leg {
        // Worked out in one order, so that rounding is the same both ways.
        let (a, b) = (a.min(b), a.max(b));
        let (from, to) = (self.coords[a], self.coords[b]);
        let mut leg = match self.road {
            Some(road) if self.in_origin[a] != self.in_origin[b] => {
                travel::road_leg(road, from, to)
            }
            _ => {
                let model = self.modes.leg(from, to);
                let known = (a != b
                    && self.has_published[a]
                    && self.has_published[b]
                    && self.published.contains(&(a, b)))
                .then(|| travel::known_leg(self.pack, self.ids[a], self.ids[b]))
                .flatten()
                // A taxi's published time is no coach's.
                .filter(|k| self.charter.is_none() || k.mode == LocalMode::Walk);
                // A published time may not say how far: the model's road then.
                known.map_or(model, |k| Leg {
                    km: if k.km > 0.0 { k.km } else { model.km },
                    ..k
                })
            }
        };
        // Two places never share a door, whatever their (approximate) coordinates say.
        if a != b {
            leg.minutes = leg.minutes.max(MIN_HOP_MINUTES);
        }
        leg
    }

    /// The row-major matrix of `planned(leg)` minutes between every two
    /// locations, within a coach leg's cap: each pair once, its rows shared
    /// out over the cores.
    pub fn planned_minutes(&self, planned: impl Fn(Leg) -> u32 + Sync) -> Vec<f64> {
        let size = self.coords.len();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let workers = cores.clamp(1, size.max(1));
        let mut times = vec![0.0; size * size];
        // Rows dealt in turn (row a holds size - a pairs), each worker
        // filling the upper triangle of its own rows.
        let mut shares: Vec<Vec<(usize, &mut [f64])>> = (0..workers).map(|_| Vec::new()).collect();
        for (a, row) in times.chunks_mut(size.max(1)).enumerate() {
            shares[a % workers].push((a, row));
        }
        std::thread::scope(|scope| {
            let planned = &planned;
            for share in shares {
                scope.spawn(move || {
                    for (a, row) in share {
                        for (b, time) in row.iter_mut().enumerate().skip(a) {
                            let minutes = planned(self.leg(a, b));
                            let capped = self.cap(a, b).map_or(minutes, |cap| minutes.min(cap));
                            *time = f64::from(capped);
                        }
                    }
                });
            }
        });
        for a in 0..size {
            for b in 0..a {
                times[a * size + b] = times[b * size + a];
            }
        }
        times
    }

    /// The `area` of a location.
    pub fn area(&self, location: usize) -> &str {
        let (sites, lodging) = (self.pack.sites.len(), self.pack.lodging.len());
        if location < sites {
            &self.pack.sites[location].area
        } else if location < sites + lodging {
            &self.pack.lodging[location - sites].area
        } else {
            &self.pack.hubs[location - sites - lodging].area
        }
    }
}

impl<'a> Legs<'a> {
    /// The legs of `pack` for a party travelling by `mode`.
    pub fn new(pack: &'a Pack, mode: Mode) -> Result<Legs<'a>, Infeasible> {
        let coords: Vec<Coord> = (pack.sites.iter().map(|s| s.coord))
            .chain(pack.lodging.iter().map(|l| l.coord))
            .chain(pack.hubs.iter().map(|h| h.coord))
            .collect();
        let hubs_from = pack.sites.len() + pack.lodging.len();
        let in_origin: Vec<bool> = (0..coords.len())
            .map(|i| i >= hubs_from && pack.hubs[i - hubs_from].city == pack.info.origin)
            .collect();
        let charter = pack.group.as_ref().filter(|_| mode == Mode::Charter);
        let (road, modes) = match charter {
            Some(_) => (
                pack.travel.get("coach_road"),
                travel::LocalModes::named(pack, &["coach"]),
            ),
            None => (pack.travel.get("road"), travel::LocalModes::of(pack)),
        };
        if mode == Mode::Charter && charter.is_none() {
            return Err(Infeasible::new(
                Refusal::Unsupported,
                "a chartered coach needs the pack's [group] rules",
            ));
        }
        if matches!(mode, Mode::Car | Mode::Charter) && road.is_none() {
            return Err(Infeasible::new(
                Refusal::Unsupported,
                "driving needs a [travel.road] mode in pack.toml for the road to the destination (and [travel.coach_road] for a coach)",
            ));
        }
        let ids: Vec<&str> = (pack.sites.iter().map(|s| s.id.as_str()))
            .chain(pack.lodging.iter().map(|l| l.id.as_str()))
            .chain(pack.hubs.iter().map(|h| h.id.as_str()))
            .collect();
        // The pairs with a published time, by location.
        let index = |id: &str| ids.iter().position(|i| *i == id);
        let mut published = std::collections::HashSet::new();
        let mut has_published = vec![false; ids.len()];
        for time in &pack.times {
            if let (Some(a), Some(b)) = (index(&time.from), index(&time.to)) {
                published.extend([(a, b), (b, a)]);
                (has_published[a], has_published[b]) = (true, true);
            }
        }
        let driver = match mode {
            Mode::Car => pack.group.as_ref().map(|g| &g.driving),
            _ => charter.map(|g| &g.driving),
        };
        Ok(Legs {
            pack,
            coords,
            in_origin,
            road,
            modes,
            charter,
            driver,
            published,
            has_published,
            ids,
        })
    }
}
