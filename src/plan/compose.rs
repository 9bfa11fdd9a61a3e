//! Composition: a request and a pack become a TOPTW problem (one route a
//! day, sites as scored stops with each date's opening hours, meals and a
//! sunrise visit as stops of their own), and the solution becomes days of
//! timed events.

use chrono::NaiveDate;

use super::explain::{self, DayFit};
use super::itinerary::{Clock, Cost, Day, Event, Itinerary, Notice, SCHEMA, Totals, TransferMode};
use super::request::{Mode, Party, Request};
use super::sun::sunrise_minutes;
use crate::model::{Fare, Meal, MealKind, PaceRule, Pack, Service, ServiceMode, Site};
use crate::solve::{self, Config, Matrix, Problem, Route, SolveError, Stop, Window};
use crate::travel::{self, Leg, LocalMode};

/// A wait at least this long beyond the ride there and back is spent at the lodging.
const REST_MINUTES: u32 = 60;
/// The shortest move between two places.
const MIN_HOP_MINUTES: u32 = 5;
/// Minutes between a train's arrival and the street, or the street and its departure.
const STATION_MINUTES: u32 = 20;
/// The score of a meal: above any set of sites, so that every day that
/// spans a meal window gets its meal.
const MEAL_SCORE: f64 = 10_000.0;
/// Arrive this long before sunrise, and no earlier than twice as long.
const BEFORE_SUNRISE: u32 = 10;
/// A sunrise visit is worth this much more than a daytime one, so that the
/// lodging is chosen to make it possible.
const SUNRISE_BONUS: f64 = 1.5;
/// The most riding an optional site may add to a day: beyond it, the site
/// is left to a day that passes nearer, so days do not zig-zag along the coast.
const MAX_DETOUR_MINUTES: u32 = 100;
/// People to a room, for the lodging's cost.
const PEOPLE_PER_ROOM: u32 = 2;
/// The longest ride from the lodging to a sunrise visit.
const MAX_SUNRISE_DRIVE_MINUTES: u32 = 45;
/// Meal places closer than this to one already offered add nothing.
const MEAL_SPOT_KM: f64 = 0.5;
/// Local-search iterations of the final solve, and of the solves that
/// screen trains and lodgings: fixed, so that output is reproducible.
const ITERATIONS: u64 = 150;
const SCREENING_ITERATIONS: u64 = 25;

/// A request that has no feasible plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Infeasible(pub String);

impl std::fmt::Display for Infeasible {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Infeasible {}

/// Plans `request` on `pack`.
pub fn plan(pack: &Pack, request: &Request) -> Result<Itinerary, Infeasible> {
    let trip = Trip::new(pack, request)?;
    // Trains first, with a provisional lodging; then the lodging for those trains.
    let lodging = trip.provisional_lodging();
    let frames: Vec<Frame> = (trip.frames()?.into_iter())
        .map(|frame| Frame { lodging, ..frame })
        .collect();
    let (mut frame, mut screened) = trip.best_of(&frames)?;
    if request.lodging.is_none() && request.days > 1 {
        let lodgings: Vec<Frame> = (0..pack.lodging.len())
            .map(|l| Frame {
                lodging: Some(l),
                ..frame
            })
            .collect();
        if let Ok((better, composed)) = trip.best_of(&lodgings)
            && composed.beats(&screened)
        {
            (frame, screened) = (better, composed);
        }
    }
    let composed = match trip.compose(&frame, ITERATIONS) {
        Ok(composed) if !screened.beats(&composed) => composed,
        _ => screened,
    };
    Ok(trip.itinerary(&frame, composed))
}

/// The fixed parts of one candidate plan: how the party comes and goes, and where it sleeps.
#[derive(Clone, Copy, Debug)]
struct Frame {
    /// Index into `pack.services`; `None` when driving.
    outbound: Option<usize>,
    back: Option<usize>,
    /// Index into `pack.lodging`; `None` on one-day trips.
    lodging: Option<usize>,
}

/// What a stop of the problem stands for.
#[derive(Clone, Copy, Debug, PartialEq)]
enum StopKind {
    Site(usize),
    Sunrise(usize),
    Meal(MealKind),
}

/// A solved frame.
struct Composed {
    problem: Problem,
    kinds: Vec<StopKind>,
    solution: solve::Solution,
}

impl Composed {
    fn beats(&self, other: &Composed) -> bool {
        let key = |c: &Composed| (c.solution.score, -c.solution.travel);
        key(self) > key(other)
    }
}

/// Everything about the request that does not depend on the frame.
struct Trip<'a> {
    pack: &'a Pack,
    request: &'a Request,
    dates: Vec<NaiveDate>,
    pace: PaceRule,
    /// Locations: sites, then lodging, then hubs.
    legs: Vec<Leg>,
    size: usize,
    /// Whether a location is in Beijing (the hubs there): no meals are planned there.
    in_beijing: Vec<bool>,
    /// The location of the hub the trip starts and ends at, `request.from`.
    home: usize,
}

impl<'a> Trip<'a> {
    fn new(pack: &'a Pack, request: &'a Request) -> Result<Trip<'a>, Infeasible> {
        let dates = (0..request.days)
            .map(|d| request.date + chrono::Days::new(u64::from(d)))
            .collect();
        let coords: Vec<_> = (pack.sites.iter().map(|s| s.coord))
            .chain(pack.lodging.iter().map(|l| l.coord))
            .chain(pack.hubs.iter().map(|h| h.coord))
            .collect();
        let beijing: Vec<bool> = (0..coords.len())
            .map(|i| {
                i >= pack.sites.len() + pack.lodging.len()
                    && pack.hubs[i - pack.sites.len() - pack.lodging.len()].city == "beijing"
            })
            .collect();
        let Some(home) = pack.hubs.iter().position(|h| h.id == request.from) else {
            return Err(Infeasible(format!(
                "the pack has no hub \"{}\" to start from",
                request.from
            )));
        };
        // The loader checks these; a pack built some other way fails here
        // rather than sending the party from the wrong station.
        let unknown_hub = (pack.services.iter())
            .flat_map(|s| [&s.from, &s.to].map(|hub| (s, hub)))
            .find(|(_, hub)| pack.hub(hub).is_none());
        if let Some((service, hub)) = unknown_hub {
            return Err(Infeasible(format!(
                "service {} runs to or from hub \"{hub}\", which the pack does not have",
                service.id
            )));
        }
        let road = pack.travel.get("road");
        if request.mode == Mode::Car && road.is_none() {
            return Err(Infeasible(
                "driving needs a [travel.road] mode in pack.toml for the road to the destination"
                    .into(),
            ));
        }
        let mut legs = Vec::with_capacity(coords.len() * coords.len());
        for (a, &from) in coords.iter().enumerate() {
            for (b, &to) in coords.iter().enumerate() {
                let mut leg = match road {
                    Some(road) if beijing[a] != beijing[b] => travel::road_leg(road, from, to),
                    _ => travel::leg(pack, from, to),
                };
                // Two places never share a door, whatever their (approximate) coordinates say.
                if a != b {
                    leg.minutes = leg.minutes.max(MIN_HOP_MINUTES);
                }
                legs.push(leg);
            }
        }
        Ok(Trip {
            pack,
            request,
            dates,
            pace: pack.paces.get(request.pace),
            legs,
            size: coords.len(),
            in_beijing: beijing,
            home: pack.sites.len() + pack.lodging.len() + home,
        })
    }

    fn site_location(&self, site: usize) -> usize {
        site
    }

    fn lodging_location(&self, lodging: usize) -> usize {
        self.pack.sites.len() + lodging
    }

    /// The location of a service's hub; `Trip::new` has checked that every
    /// service's hubs are in the pack, so the fallback is never taken.
    fn hub_location(&self, hub_id: &str) -> usize {
        let index = self
            .pack
            .hubs
            .iter()
            .position(|h| h.id == hub_id)
            .unwrap_or(0);
        self.pack.sites.len() + self.pack.lodging.len() + index
    }

    fn location_id(&self, location: usize) -> &str {
        let (sites, lodging) = (self.pack.sites.len(), self.pack.lodging.len());
        if location < sites {
            &self.pack.sites[location].id
        } else if location < sites + lodging {
            &self.pack.lodging[location - sites].id
        } else {
            &self.pack.hubs[location - sites - lodging].id
        }
    }

    fn leg(&self, from: usize, to: usize) -> Leg {
        self.legs[from * self.size + to]
    }

    /// Travel minutes as planned: the leg plus the pace's slack.
    fn minutes(&self, from: usize, to: usize) -> u32 {
        match self.leg(from, to).minutes {
            0 => 0,
            m => m + self.pace.slack.0,
        }
    }

    /// The ways in and out: for each destination hub the earliest arrival,
    /// and for each the latest return that leaves before the day's end.
    fn frames(&self) -> Result<Vec<Frame>, Infeasible> {
        let (first, last) = (self.dates[0], self.dates[self.dates.len() - 1]);
        let lodging = self
            .request
            .lodging
            .as_ref()
            .and_then(|id| self.pack.lodging.iter().position(|l| &l.id == id));
        let service_mode = match self.request.mode {
            Mode::Car => {
                return Ok(vec![Frame {
                    outbound: None,
                    back: None,
                    lodging,
                }]);
            }
            Mode::Rail => ServiceMode::Rail,
            Mode::Coach => ServiceMode::Coach,
        };
        let destination = |hub: &str| {
            self.pack
                .hub(hub)
                .is_some_and(|h| h.city == self.pack.info.destination)
        };
        let in_beijing = |hub: &str| self.pack.hub(hub).is_some_and(|h| h.city == "beijing");
        let services = || {
            self.pack
                .services
                .iter()
                .enumerate()
                .filter(|(_, s)| s.mode == service_mode)
        };

        let mut outbound: Vec<(usize, &Service)> = Vec::new();
        for (i, s) in services() {
            if s.from == self.request.from
                && destination(&s.to)
                && s.days.runs_on(first)
                && s.depart >= self.pack.day.start
            {
                match outbound.iter_mut().find(|(_, o)| o.to == s.to) {
                    Some(slot) if s.arrive < slot.1.arrive => *slot = (i, s),
                    Some(_) => {}
                    None => outbound.push((i, s)),
                }
            }
        }
        let mut back: Vec<(usize, &Service)> = Vec::new();
        for (i, s) in services() {
            let home = s.to == self.request.from || in_beijing(&s.to);
            if home
                && destination(&s.from)
                && s.days.runs_on(last)
                && s.depart <= self.pace.hours.end
            {
                match back.iter_mut().find(|(_, b)| b.from == s.from) {
                    // The latest departure, and of equals the one home to `from`.
                    Some(slot)
                        if (s.depart, s.to == self.request.from)
                            > (slot.1.depart, slot.1.to == self.request.from) =>
                    {
                        *slot = (i, s)
                    }
                    Some(_) => {}
                    None => back.push((i, s)),
                }
            }
        }
        let from = self
            .pack
            .hub(&self.request.from)
            .map_or(self.request.from.as_str(), |h| h.name.en.as_str());
        if outbound.is_empty() {
            let mode = if service_mode == ServiceMode::Rail {
                "train"
            } else {
                "coach"
            };
            return Err(Infeasible(format!(
                "no {mode} leaves {from} for the destination on {first} at or after {}",
                self.pack.day.start
            )));
        }
        if back.is_empty() {
            return Err(Infeasible(
                format!(
                    "no {service_mode:?} service returns to Beijing on {last} leaving by {}",
                    self.pace.hours.end
                )
                .replace("Rail service", "train")
                .replace("Coach service", "coach"),
            ));
        }
        let mut frames = Vec::new();
        for &(o, _) in &outbound {
            for &(b, _) in &back {
                frames.push(Frame {
                    outbound: Some(o),
                    back: Some(b),
                    lodging,
                });
            }
        }
        Ok(frames)
    }

    /// The best of `frames` by a short solve of each, run on all cores; ties
    /// go to the earlier frame, so the choice does not depend on the cores.
    fn best_of(&self, frames: &[Frame]) -> Result<(Frame, Composed), Infeasible> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let workers = cores.clamp(1, frames.len().max(1));
        let mut results: Vec<Option<Result<Composed, Infeasible>>> = Vec::new();
        results.resize_with(frames.len(), || None);
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|w| {
                    scope.spawn(move || {
                        let mine = frames.iter().enumerate().skip(w).step_by(workers);
                        let solved = mine.map(|(i, f)| (i, self.compose(f, SCREENING_ITERATIONS)));
                        solved.collect::<Vec<_>>()
                    })
                })
                .collect();
            for handle in handles {
                let solved = handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                for (i, result) in solved {
                    results[i] = Some(result);
                }
            }
        });
        let mut best: Option<(Frame, Composed)> = None;
        let mut first_error = None;
        for (frame, result) in frames.iter().zip(results.into_iter().flatten()) {
            match result {
                Ok(composed) if best.as_ref().is_none_or(|(_, b)| composed.beats(b)) => {
                    best = Some((*frame, composed));
                }
                Ok(_) => {}
                Err(error) => {
                    first_error.get_or_insert(error);
                }
            }
        }
        best.ok_or_else(|| first_error.unwrap_or_else(|| Infeasible("no plan found".into())))
    }

    /// The first service home from `planned`'s station that the party, at the
    /// station by `ready`, can take: the day's plan is fixed by now, so an
    /// earlier train only saves waiting. `planned` itself when none is earlier.
    fn earliest_home<'s>(
        &'s self,
        planned: &'s Service,
        date: NaiveDate,
        ready: u32,
    ) -> &'s Service {
        let home = |s: &Service| self.pack.hub(&s.to).is_some_and(|h| h.city == "beijing");
        self.pack
            .services
            .iter()
            .filter(|s| s.from == planned.from && s.mode == planned.mode && home(s))
            .filter(|s| {
                s.days.runs_on(date) && s.depart.minutes() >= ready && s.depart < planned.depart
            })
            // Of equal departures, the one to the station the party left from.
            .min_by_key(|s| (s.depart, s.to != self.request.from))
            .unwrap_or(planned)
    }

    /// Before trains are chosen: the lodging nearest the must-see sites, or
    /// nearest the best sites when there are none.
    fn provisional_lodging(&self) -> Option<usize> {
        if self.request.days == 1 {
            return None;
        }
        if let Some(id) = &self.request.lodging {
            return self.pack.lodging.iter().position(|l| &l.id == id);
        }
        let must: Vec<&Site> = self
            .request
            .must
            .iter()
            .filter_map(|m| self.pack.site(&m.site))
            .collect();
        let anchors: Vec<&Site> = if must.is_empty() {
            let mut sites: Vec<&Site> = self.pack.sites.iter().collect();
            sites.sort_by(|a, b| self.score(b).total_cmp(&self.score(a)));
            sites.into_iter().take(3).collect()
        } else {
            must
        };
        let cost = |l: usize| -> f64 {
            let at = self.pack.lodging[l].coord;
            anchors
                .iter()
                .map(|s| travel::straight_km(at, s.coord))
                .sum()
        };
        (0..self.pack.lodging.len()).min_by(|a, b| cost(*a).total_cmp(&cost(*b)))
    }

    /// A site's worth to this party: its rating weighted by their interests.
    fn score(&self, site: &Site) -> f64 {
        let weight = self
            .request
            .interests
            .get(&site.category)
            .copied()
            .unwrap_or(1.0);
        site.rating * weight * 10.0
    }

    /// The route of day `d`: where it starts and ends, and when.
    fn route(&self, frame: &Frame, d: usize) -> Result<Route, Infeasible> {
        let last = d + 1 == self.dates.len();
        let night = || {
            let lodging = frame.lodging.map(|l| self.lodging_location(l));
            lodging
                .ok_or_else(|| Infeasible("the pack has no lodging for the trip's nights".into()))
        };
        let (start, earliest) = if d == 0 {
            match frame.outbound {
                Some(s) => {
                    let service = &self.pack.services[s];
                    (
                        self.hub_location(&service.to),
                        service.arrive.minutes() + STATION_MINUTES,
                    )
                }
                None => (self.home, self.pace.hours.start.minutes()),
            }
        } else {
            (night()?, self.pace.hours.start.minutes())
        };
        let (end, latest) = if last {
            match frame.back {
                Some(s) => {
                    let service = &self.pack.services[s];
                    let leave = service.depart.minutes().saturating_sub(STATION_MINUTES);
                    (self.hub_location(&service.from), leave)
                }
                None => (self.home, self.pack.day.end.minutes()),
            }
        } else {
            (night()?, self.pace.hours.end.minutes())
        };
        let direct = self.minutes(start, end);
        if earliest + direct > latest {
            return Err(Infeasible(format!(
                "day {} has no time: it starts at {} and must end by {}",
                d + 1,
                hhmm(earliest),
                hhmm(latest)
            )));
        }
        Ok(Route {
            start,
            end,
            earliest: f64::from(earliest),
            latest: f64::from(latest),
        })
    }

    /// The extra riding time of a day that takes in `location` on its way
    /// from start to end.
    fn detour(&self, route: &Route, location: usize) -> u32 {
        let via = self.minutes(route.start, location) + self.minutes(location, route.end);
        via.saturating_sub(self.minutes(route.start, route.end))
    }

    /// The service-start windows of `site` on day `d`, within the route.
    fn site_windows(&self, site: &Site, d: usize, route: &Route, visit: u32) -> Vec<Window> {
        let open_from = route
            .earliest
            .max(f64::from(self.pace.hours.start.minutes()));
        match site.hours.on(self.dates[d], &self.pack.calendar) {
            crate::model::DayHours::Closed(_) => Vec::new(),
            crate::model::DayHours::Open(intervals) => intervals
                .iter()
                .filter_map(|i| {
                    let open = f64::from(i.open.minutes()).max(open_from);
                    let close = f64::from(i.close.minutes().checked_sub(visit)?).min(route.latest);
                    (open <= close).then_some(Window::new(open, close))
                })
                .collect(),
        }
    }

    /// The day of a sunrise visit to `site`, and its window, if one fits.
    fn sunrise_slot(&self, site: &Site, pinned: Option<u8>) -> Option<(usize, Window)> {
        if !site.sunrise || self.dates.len() < 2 {
            return None;
        }
        // The first morning spent at the destination, unless pinned.
        let d = pinned.map_or(1, |p| usize::from(p) - 1);
        if d == 0 {
            return None;
        }
        let sunrise = sunrise_minutes(site.coord, self.dates[d])?;
        let (open, close) = (
            sunrise.checked_sub(2 * BEFORE_SUNRISE)?,
            sunrise - BEFORE_SUNRISE,
        );
        let crate::model::DayHours::Open(intervals) =
            site.hours.on(self.dates[d], &self.pack.calendar)
        else {
            return None;
        };
        intervals
            .iter()
            .filter_map(|i| {
                let latest = i.close.minutes().checked_sub(site.min_visit.0)?.min(close);
                let earliest = i.open.minutes().max(open);
                (earliest <= latest)
                    .then(|| (d, Window::new(f64::from(earliest), f64::from(latest))))
            })
            .next()
    }

    fn compose(&self, frame: &Frame, iterations: u64) -> Result<Composed, Infeasible> {
        let mut routes = Vec::new();
        for d in 0..self.dates.len() {
            routes.push(self.route(frame, d)?);
        }
        let days = routes.len();
        let mut stops = Vec::new();
        let mut kinds = Vec::new();
        for (index, site) in self.pack.sites.iter().enumerate() {
            if self.request.avoid.contains(&site.id) {
                continue;
            }
            let must = self.request.must.iter().find(|m| m.site == site.id);
            let pinned = must.and_then(|m| m.day);
            let location = self.site_location(index);
            // A sunrise is worth an early start, not a long night drive.
            let sunrise = self.sunrise_slot(site, pinned).filter(|(d, _)| {
                self.minutes(routes[*d].start, location) <= MAX_SUNRISE_DRIVE_MINUTES
            });
            let (kind, service, windows) = match sunrise {
                Some((d, window)) => {
                    let mut windows = vec![Vec::new(); days];
                    // Leave the lodging early enough, whatever the pace.
                    let leave = window.open - f64::from(self.minutes(routes[d].start, location));
                    routes[d].earliest = routes[d].earliest.min(leave.max(0.0));
                    windows[d].push(window);
                    (StopKind::Sunrise(index), site.min_visit.0, windows)
                }
                None => {
                    let visit = site.visit.0;
                    let windows = (0..days)
                        .map(|d| match pinned {
                            Some(p) if usize::from(p) != d + 1 => Vec::new(),
                            // An optional site far off a day's way is for another day.
                            _ if must.is_none()
                                && self.detour(&routes[d], location) > MAX_DETOUR_MINUTES =>
                            {
                                Vec::new()
                            }
                            _ => self.site_windows(site, d, &routes[d], visit),
                        })
                        .collect();
                    (StopKind::Site(index), visit, windows)
                }
            };
            if must.is_some() && windows.iter().all(Vec::is_empty) {
                let days: Vec<NaiveDate> = match pinned {
                    Some(p) => vec![self.dates[usize::from(p) - 1]],
                    None => self.dates.clone(),
                };
                let why = explain::closed_every_day(self.pack, site, &days).map_or_else(
                    || format!("its {} visit does not fit the hours it is open", site.visit),
                    |closures| {
                        let dates: Vec<String> = closures.iter().map(|c| c.to_string()).collect();
                        format!("it is closed {}", dates.join(", "))
                    },
                );
                return Err(Infeasible(format!(
                    "the must-see {} {} ({}) cannot be visited: {why}",
                    site.name.zh, site.name.en, site.id
                )));
            }
            let bonus = if matches!(kind, StopKind::Sunrise(_)) {
                SUNRISE_BONUS
            } else {
                1.0
            };
            stops.push(Stop {
                location,
                score: self.score(site) * bonus,
                service: f64::from(service),
                windows,
                mandatory: must.is_some(),
            });
            kinds.push(kind);
        }
        self.add_meals(&routes, &mut stops, &mut kinds);
        let matrix = Matrix::from_fn(self.size, |a, b| f64::from(self.minutes(a, b)))
            .map_err(|e| Infeasible(format!("internal error: {e}")))?;
        let problem = Problem {
            travel: matrix,
            stops,
            routes,
        };
        let config = Config {
            seed: self.request.seed,
            iterations,
            time_limit: None,
        };
        match solve::solve(&problem, &config) {
            Ok(solution) => Ok(Composed {
                problem,
                kinds,
                solution,
            }),
            Err(SolveError::MandatoryUnplaced(unplaced)) => {
                let names: Vec<String> = unplaced
                    .iter()
                    .filter_map(|&s| match kinds.get(s) {
                        Some(StopKind::Site(i) | StopKind::Sunrise(i)) => {
                            let site = &self.pack.sites[*i];
                            Some(format!("{} {} ({})", site.name.zh, site.name.en, site.id))
                        }
                        _ => None,
                    })
                    .collect();
                Err(Infeasible(format!(
                    "cannot fit the must-see {} into the trip's days: check their opening hours on {}",
                    names.join(", "),
                    self.dates
                        .iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )))
            }
            Err(error) => Err(Infeasible(format!("internal error: {error}"))),
        }
    }

    /// One meal of each kind on every day whose hours span its window, at
    /// the places the day can be: the start, the end and the open sites.
    fn add_meals(&self, routes: &[Route], stops: &mut Vec<Stop>, kinds: &mut Vec<StopKind>) {
        for (d, route) in routes.iter().enumerate() {
            let mut spots: Vec<usize> = vec![route.start, route.end];
            for stop in stops.iter().filter(|s| !s.windows[d].is_empty()) {
                spots.push(stop.location);
            }
            let mut places: Vec<usize> = Vec::new();
            for spot in spots.into_iter().filter(|&spot| !self.in_beijing[spot]) {
                let near = |p: &usize| {
                    self.leg(*p, spot).km <= MEAL_SPOT_KM && self.leg(spot, *p).km <= MEAL_SPOT_KM
                };
                if !places.iter().any(near) {
                    places.push(spot);
                }
            }
            for meal in &self.pack.meals {
                let Some(window) = meal_window(meal, route) else {
                    continue;
                };
                for &location in &places {
                    let mut windows = vec![Vec::new(); routes.len()];
                    windows[d].push(window);
                    stops.push(Stop {
                        location,
                        score: MEAL_SCORE,
                        service: f64::from(meal.duration.0),
                        windows,
                        mandatory: false,
                    });
                    kinds.push(StopKind::Meal(meal.kind));
                }
            }
        }
    }

    fn itinerary(&self, frame: &Frame, composed: Composed) -> Itinerary {
        let Composed {
            problem,
            kinds,
            solution,
        } = composed;
        let party = self.request.party;
        let rooms = party.people().div_ceil(PEOPLE_PER_ROOM);
        let mut days = Vec::new();
        let mut visited = Vec::new();
        let mut score = 0.0;
        let mut party_cost = 0.0;
        for (d, plan) in solution.routes.iter().enumerate() {
            let date = self.dates[d];
            let season = self.pack.season_on(date).to_owned();
            let route = &problem.routes[d];
            let home = (d > 0).then_some(route.start);
            let mut day = DayBuilder::new(self, date, route.start, home);
            if d == 0
                && let Some(s) = frame.outbound
            {
                day.service(&self.pack.services[s], party);
            }
            for visit in &plan.visits {
                let stop = &problem.stops[visit.stop];
                let start = visit.start.round() as u32;
                let end = visit.end.round() as u32;
                day.travel_to(stop.location, start);
                match kinds[visit.stop] {
                    StopKind::Site(i) | StopKind::Sunrise(i) => {
                        let site = &self.pack.sites[i];
                        let cost = fare_for(site.price.in_season(&season), party);
                        day.visit(
                            i,
                            start,
                            end,
                            cost,
                            matches!(kinds[visit.stop], StopKind::Sunrise(_)),
                        );
                        visited.push(i);
                        score += self.score(site);
                    }
                    StopKind::Meal(kind) => day.meal(kind, start, end),
                }
            }
            let mut notices = explain::notices(self.pack, &day.sites);
            for meal in &self.pack.meals {
                let eaten = plan
                    .visits
                    .iter()
                    .any(|v| kinds[v.stop] == StopKind::Meal(meal.kind));
                if !eaten && meal_window(meal, route).is_some() {
                    notices.push(Notice::MealSkipped {
                        meal: meal.kind,
                        window: meal.window,
                    });
                }
            }
            let last = d + 1 == self.dates.len();
            let lodging = frame.lodging.filter(|_| !last);
            match (last, frame.back) {
                (true, Some(s)) => {
                    let planned = &self.pack.services[s];
                    day.travel_now(self.hub_location(&planned.from));
                    let service = self.earliest_home(planned, date, day.now + STATION_MINUTES);
                    day.service(service, party);
                }
                (true, None) => day.travel_now(route.end),
                (false, _) => {
                    day.travel_now(route.end);
                    if let Some(l) = lodging {
                        day.sleep(&self.pack.lodging[l].id);
                    }
                }
            }
            party_cost += day.cost;
            if let Some(l) = lodging {
                party_cost += self.pack.lodging[l].price_per_night * f64::from(rooms);
            }
            days.push(Day {
                index: (d + 1) as u8,
                date,
                season,
                lodging: lodging.map(|l| self.pack.lodging[l].id.clone()),
                events: day.events,
                notices,
            });
        }
        let omitted = explain::omitted(
            self.pack,
            self.request,
            &self.dates,
            &visited,
            |index, site, d| {
                let planned = kinds.iter().zip(&problem.stops).any(|(kind, stop)| {
                    matches!(kind, StopKind::Site(i) | StopKind::Sunrise(i) if *i == index)
                        && !stop.windows[d].is_empty()
                });
                let route = &problem.routes[d];
                if planned {
                    DayFit::Fits
                } else if self.site_windows(site, d, route, site.visit.0).is_empty() {
                    DayFit::NoTime
                } else {
                    DayFit::OffTheWay
                }
            },
        );
        let notices = explain::trip_notices(self.pack, rooms, PEOPLE_PER_ROOM);
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
            pack: self.pack.info.id.clone(),
            request: self.request.clone(),
            days,
            omitted,
            notices,
            totals: Totals {
                score: (score * 10.0).round() / 10.0,
                visits: visited.len(),
                travel_minutes,
                cost_cny: Cost {
                    per_person: cents(party_cost / people),
                    party: cents(party_cost),
                },
            },
        }
    }
}

/// The service-start window of `meal` on a route, if the route spans it.
/// Starts lie less than one meal apart, so that a day gets one meal of a kind.
fn meal_window(meal: &Meal, route: &Route) -> Option<Window> {
    let duration = meal.duration.0;
    let open = f64::from(meal.window.start.minutes()).max(route.earliest);
    let latest_start =
        (meal.window.end.minutes() - duration).min(meal.window.start.minutes() + duration - 1);
    let close = f64::from(latest_start).min(route.latest - f64::from(duration));
    (open <= close).then_some(Window::new(open, close))
}

fn fare_for(fare: Fare, party: Party) -> f64 {
    fare.adult * f64::from(party.adults)
        + fare.child * f64::from(party.children)
        + fare.senior * f64::from(party.seniors)
}

fn cents(amount: f64) -> f64 {
    (amount * 100.0).round() / 100.0
}

fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The events of one day, built in order, each transfer chained to the
/// place the party is at.
struct DayBuilder<'t, 'a> {
    trip: &'t Trip<'a>,
    date: NaiveDate,
    here: usize,
    /// The lodging the day starts from, if it does.
    home: Option<usize>,
    now: u32,
    events: Vec<Event>,
    sites: Vec<usize>,
    cost: f64,
}

impl<'t, 'a> DayBuilder<'t, 'a> {
    fn new(trip: &'t Trip<'a>, date: NaiveDate, here: usize, home: Option<usize>) -> Self {
        DayBuilder {
            trip,
            date,
            here,
            home,
            now: 0,
            events: Vec::new(),
            sites: Vec::new(),
            cost: 0.0,
        }
    }

    fn clock(&self, minutes: u32) -> Clock {
        Clock {
            date: self.date,
            minutes,
        }
    }

    /// A train or coach; the party is then at its arrival hub.
    fn service(&mut self, service: &Service, party: Party) {
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
        });
        self.cost += cost;
        self.here = to;
        self.now = arrive;
    }

    /// Travel to `to` so as to arrive at `at`: the party leaves as late as it
    /// can, and spends a long wait (after a sunrise, say) back at the lodging.
    fn travel_to(&mut self, to: usize, at: u32) {
        if to == self.here {
            return;
        }
        if let Some(home) = self.home.filter(|&home| home != self.here && home != to) {
            let round_trip = self.trip.minutes(self.here, home) + self.trip.minutes(home, to);
            if at >= self.now + round_trip + REST_MINUTES {
                self.travel_now(home);
            }
        }
        let minutes = self.trip.minutes(self.here, to);
        let start = at.saturating_sub(minutes).max(self.now);
        self.transfer(to, start, minutes);
    }

    /// Travel to `to` right away.
    fn travel_now(&mut self, to: usize) {
        if to != self.here {
            let minutes = self.trip.minutes(self.here, to);
            self.transfer(to, self.now, minutes);
        }
    }

    fn transfer(&mut self, to: usize, start: u32, minutes: u32) {
        let leg = self.trip.leg(self.here, to);
        let mode = match leg.mode {
            LocalMode::Walk => TransferMode::Walk,
            LocalMode::Car => TransferMode::Car,
        };
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
        });
        self.here = to;
        self.now = start + minutes;
    }

    /// A visit to `pack.sites[site]`.
    fn visit(&mut self, site: usize, start: u32, end: u32, cost: f64, sunrise: bool) {
        let at = &self.trip.pack.sites[site];
        let sun_up = sunrise
            .then(|| sunrise_minutes(at.coord, self.date))
            .flatten()
            .map(|minutes| self.clock(minutes));
        self.events.push(Event::Visit {
            site: at.id.clone(),
            start: self.clock(start),
            end: self.clock(end),
            cost_cny: cost,
            sunrise,
            sun_up,
        });
        self.sites.push(site);
        self.cost += cost;
        self.now = end;
    }

    fn meal(&mut self, meal: MealKind, start: u32, end: u32) {
        self.events.push(Event::Meal {
            meal,
            start: self.clock(start),
            end: self.clock(end),
            near: self.trip.location_id(self.here).to_owned(),
        });
        self.now = end;
    }

    fn sleep(&mut self, lodging: &str) {
        self.events.push(Event::Lodging {
            lodging: lodging.to_owned(),
            start: self.clock(self.now),
        });
    }
}
