//! Composition: a request and a pack become a TOPTW problem (one route a
//! day, sites as scored stops with each date's opening hours, meals and a
//! sunrise visit as stops of their own), and the solution becomes days of
//! timed events.

use chrono::NaiveDate;

use super::explain::{self, DayFit};
use super::itinerary::{
    Clock, Closure, Cost, Day, Event, Itinerary, MealBooking, Notice, SCHEMA, SunriseMiss, Totals,
    TransferMode,
};
use super::legs::Legs;
use super::request::{Mode, Party, Request};
use super::sun::sunrise_minutes;
use super::{areas, rooms};
use crate::model::{
    DayHours, Fare, Group, Interval, Meal, MealKind, MonthDay, PaceRule, Pack, Room, Service,
    ServiceMode, Site, Text, TimeOfDay,
};
use crate::solve::{self, Config, Matrix, Problem, Route, SolveError, Stop, Window};
use crate::travel::{self, Leg, LocalMode};

/// A wait at least this long beyond the ride there and back is spent at the lodging.
const REST_MINUTES: u32 = 60;
/// Rather than wait outside longer than `MAX_IDLE_MINUTES`, the party stops
/// at the lodging if it can stay this long.
const MIN_LODGING_STOP: u32 = 15;
/// Minutes between a train's arrival and the street, or the street and its departure.
pub(super) const STATION_MINUTES: u32 = 20;
/// The score of a meal: above any set of sites, so that every day that
/// spans a meal window gets its meal.
const MEAL_SCORE: f64 = 10_000.0;
/// A meal's score when a day has no time for both a meal and a visit.
const VISIT_FIRST_MEAL_SCORE: f64 = 1.0;
/// The score of a product's promised site: above any set of other sites,
/// below a meal.
const PROMISE_SCORE: f64 = 2_000.0;
/// After a sunrise outing, the party rests at the lodging this long before
/// the day goes on.
const SUNRISE_REST: u32 = 120;
/// The longest wait outside the lodging a plan leaves without a reason.
const MAX_IDLE_MINUTES: u32 = 45;
/// Time between two visits of one area, for choosing the days' areas.
const AREA_HOP_MINUTES: u32 = 15;
/// Arrive this long before sunrise, and no earlier than twice as long.
const BEFORE_SUNRISE: u32 = 10;
/// A sunrise visit is worth this much more than a daytime one, so that the
/// lodging is chosen to make it possible.
const SUNRISE_BONUS: f64 = 1.5;
/// The longest ride from the lodging to a sunrise visit.
const MAX_SUNRISE_DRIVE_MINUTES: u32 = 45;
/// Meal places closer than this to one already offered add nothing.
const MEAL_SPOT_KM: f64 = 0.5;
/// The most places a day's meals are offered at.
const MAX_MEAL_PLACES: usize = 24;
/// The most optional sites a day offers the solver.
const SITES_PER_DAY: usize = 40;
/// Local-search iterations of the final solve, and of the solves that
/// screen trains and lodgings: fixed, so that output is reproducible.
const ITERATIONS: u64 = 150;
const SCREENING_ITERATIONS: u64 = 25;

/// A request that has no feasible plan: why, as a customer is told, and
/// the detail an operator needs to act on it (its `Display`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Infeasible {
    pub refusal: Refusal,
    detail: String,
}

/// Why no trip can be planned, in the terms a customer is told it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The pack's timetable does not reach the trip's dates yet.
    NoTimetable,
    /// No train or coach there and back at hours the trip can use.
    NoService,
    /// No lodging open on the trip's nights.
    NoLodging,
    /// Sites the trip promises are closed on its dates, or open too briefly.
    MustSeeClosed(Vec<Text>),
    /// Sites the trip promises do not fit into its days together.
    MustSeeUnfit(Vec<Text>),
    /// The days are too short for the travel and the visits.
    NoTime,
    /// The route pack cannot plan this trip at all.
    Unsupported,
}

impl Infeasible {
    pub fn new(refusal: Refusal, detail: impl Into<String>) -> Infeasible {
        Infeasible {
            refusal,
            detail: detail.into(),
        }
    }

    fn internal(error: impl std::fmt::Display) -> Infeasible {
        Infeasible::new(Refusal::Unsupported, format!("internal error: {error}"))
    }
}

impl std::fmt::Display for Infeasible {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.detail)
    }
}

impl std::error::Error for Infeasible {}

/// Plans `request` on `pack`.
pub fn plan(pack: &Pack, request: &Request) -> Result<Itinerary, Infeasible> {
    let mut trip = Trip::new(pack, request)?;
    // The product's promises are kept as firmly as the user's demands; only
    // when no plan can keep them all are they let go, and said.
    match trip.plan() {
        Ok(itinerary) => Ok(itinerary),
        Err(_) if request.must.iter().any(|m| m.promise) => {
            trip.promises_firm = false;
            trip.plan()
        }
        Err(error) => Err(error),
    }
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum StopKind {
    Site(usize),
    Sunrise(usize),
    Meal(MealKind),
}

/// A solved frame.
#[derive(Clone)]
struct Composed {
    problem: Problem,
    kinds: Vec<StopKind>,
    solution: solve::Solution,
    /// The area of each day, an index into `Trip::area_ids`.
    areas: Vec<Option<usize>>,
    /// Sites whose sunrise cannot be seen on this frame, and why.
    sunrise_misses: Vec<(usize, SunriseMiss)>,
    bounds: Vec<Bounds>,
}

/// A stop of a day as it is lived: where and when.
#[derive(Clone, Copy, Debug)]
struct Step {
    stop: usize,
    location: usize,
    start: u32,
    end: u32,
}

/// A sunrise visit that fits: its day and its window.
#[derive(Clone, Copy, Debug)]
struct Sunrise {
    site: usize,
    day: usize,
    window: Window,
}

/// The bounds of one day beyond its route: sites are visited from `from`
/// (after a sunrise rest) and left in time to be back at the route's end by `back_by`.
#[derive(Clone, Copy, Debug)]
struct Bounds {
    from: f64,
    back_by: f64,
}

impl Composed {
    /// Frames compare by the meals they miss, the promised sunrises they
    /// miss, then their sites: a frame that merely spans one more meal (a
    /// later train home) gains nothing by it.
    fn beats(&self, other: &Composed) -> bool {
        let key = |c: &Composed| {
            let slots = (c.problem.stops.iter().zip(&c.kinds))
                .filter(|(_, k)| matches!(k, StopKind::Meal(_)))
                .flat_map(|(stop, k)| {
                    let days = stop
                        .windows
                        .iter()
                        .enumerate()
                        .filter(|(_, w)| !w.is_empty());
                    days.map(move |(d, _)| (d, *k))
                })
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            let served = (c.solution.routes.iter().flat_map(|r| &r.visits))
                .filter(|v| matches!(c.kinds[v.stop], StopKind::Meal(_)))
                .count();
            let missed = slots.saturating_sub(served) as f64;
            let value = c.solution.score - MEAL_SCORE * slots as f64;
            (
                -missed,
                -(c.sunrise_misses.len() as f64),
                value,
                -c.solution.travel,
            )
        };
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
    legs: Legs<'a>,
    /// The area of each location, as an index into `area_ids`.
    areas: Vec<Option<usize>>,
    /// Each site's open intervals on each day, asked of its rule once.
    open: Vec<Vec<Vec<Interval>>>,
    /// The location of the hub the trip starts and ends at, `request.from`.
    home: usize,
    /// The areas that hold sites, in pack order.
    area_ids: Vec<&'a str>,
    /// What a meal is worth to the solver: above any sites, unless a day
    /// would otherwise have no visit.
    meal_score: f64,
    /// Whether a product's promised sites must be placed.
    promises_firm: bool,
    /// The planned minutes between locations, shared by every candidate frame.
    matrix: Matrix,
}

impl<'a> Trip<'a> {
    fn new(pack: &'a Pack, request: &'a Request) -> Result<Trip<'a>, Infeasible> {
        let dates: Vec<NaiveDate> = (0..request.days)
            .map(|d| request.date + chrono::Days::new(u64::from(d)))
            .collect();
        let Some(home) = pack.hubs.iter().position(|h| h.id == request.from) else {
            return Err(Infeasible::new(
                Refusal::Unsupported,
                format!("the pack has no hub \"{}\" to start from", request.from),
            ));
        };
        // The loader checks these; a pack built some other way fails here
        // rather than sending the party from the wrong station.
        let unknown_hub = (pack.services.iter())
            .flat_map(|s| [&s.from, &s.to].map(|hub| (s, hub)))
            .find(|(_, hub)| pack.hub(hub).is_none());
        if let Some((service, hub)) = unknown_hub {
            return Err(Infeasible::new(
                Refusal::Unsupported,
                format!(
                    "service {} runs to or from hub \"{hub}\", which the pack does not have",
                    service.id
                ),
            ));
        }
        let legs = Legs::new(pack, request.mode)?;
        let mut area_ids: Vec<&str> = Vec::new();
        for site in &pack.sites {
            if !area_ids.contains(&site.area.as_str()) {
                area_ids.push(&site.area);
            }
        }
        let pace = pack.paces.get(request.pace);
        let planned = |leg: Leg| match leg.minutes {
            0 => 0,
            m => m + pace.slack.on(m),
        };
        let size = legs.coords.len();
        let matrix =
            Matrix::new(size, legs.planned_minutes(planned)).map_err(Infeasible::internal)?;
        let open = (pack.sites.iter())
            .map(|site| dates.iter().map(|&date| site.hours.open_on(date)).collect())
            .collect();
        let areas = (0..size)
            .map(|location| {
                let area = legs.area(location);
                area_ids.iter().position(|a| *a == area)
            })
            .collect();
        Ok(Trip {
            pack,
            request,
            dates,
            pace,
            legs,
            areas,
            open,
            home: pack.sites.len() + pack.lodging.len() + home,
            area_ids,
            meal_score: MEAL_SCORE,
            promises_firm: true,
            matrix,
        })
    }

    fn is_lodging(&self, location: usize) -> bool {
        (self.pack.sites.len()..self.pack.sites.len() + self.pack.lodging.len()).contains(&location)
    }

    /// The plan: trains first, with a provisional lodging; then the
    /// lodging for those trains; then the final solve.
    fn plan(&mut self) -> Result<Itinerary, Infeasible> {
        let lodging = self.provisional_lodging()?;
        let frames: Vec<Frame> = (self.frames()?.into_iter())
            .map(|frame| Frame { lodging, ..frame })
            .collect();
        let (mut frame, mut screened) = self.best_of(&frames)?;
        if self.request.lodging.is_none() && self.request.days > 1 {
            let lodgings: Vec<Frame> = (self.candidate_lodgings().into_iter())
                .map(|l| Frame {
                    lodging: Some(l),
                    ..frame
                })
                .collect();
            if let Ok((better, composed)) = self.best_of(&lodgings)
                && composed.beats(&screened)
            {
                (frame, screened) = (better, composed);
            }
        }
        let composed = match self.compose(&frame, ITERATIONS) {
            Ok(composed) if !screened.beats(&composed) => composed,
            _ => screened,
        };
        let itinerary = self.within_driving_limits(&frame, composed)?;
        if self.every_day_visits(&frame, &itinerary).is_ok() {
            return Ok(itinerary);
        }
        // A day too short for both a sit-down meal and a visit gets the
        // visit, and a note to bring a packed meal.
        self.meal_score = VISIT_FIRST_MEAL_SCORE;
        let itinerary = self.within_driving_limits(&frame, self.compose(&frame, ITERATIONS)?)?;
        self.meal_score = MEAL_SCORE;
        self.every_day_visits(&frame, &itinerary)?;
        Ok(itinerary)
    }

    /// The itinerary of `composed`, with visits let go where a day would
    /// drive the coach longer than its drivers may: each time the one whose
    /// loss saves the most driving.
    fn within_driving_limits(
        &self,
        frame: &Frame,
        mut composed: Composed,
    ) -> Result<Itinerary, Infeasible> {
        let Some(rules) = self.legs.charter.map(|g| g.driving) else {
            return Ok(self.itinerary(frame, composed));
        };
        loop {
            let itinerary = self.itinerary(frame, composed.clone());
            let limit = rules.daily.0 * rules.drivers;
            let Some(d) = itinerary.days.iter().position(|day| driving(day) > limit) else {
                return Ok(itinerary);
            };
            let route = &composed.problem.routes[d];
            let visits = &composed.solution.routes[d].visits;
            let without = |skip: usize| {
                let stops = (visits.iter().enumerate())
                    .filter(|(k, _)| *k != skip)
                    .map(|(_, v)| composed.problem.stops[v.stop].location);
                let path: Vec<usize> = std::iter::once(route.start)
                    .chain(stops)
                    .chain([route.end])
                    .collect();
                path.windows(2)
                    .map(|w| self.legs.driving(w[0], w[1]))
                    .sum::<u32>()
            };
            let droppable = (0..visits.len()).filter(|&k| {
                let stop = visits[k].stop;
                !composed.problem.stops[stop].mandatory
                    && matches!(
                        composed.kinds[stop],
                        StopKind::Site(_) | StopKind::Sunrise(_)
                    )
            });
            let sites = (visits.iter())
                .filter(|v| {
                    matches!(
                        composed.kinds[v.stop],
                        StopKind::Site(_) | StopKind::Sunrise(_)
                    )
                })
                .count();
            // A day is not emptied of its visits to keep the drive legal.
            let drop = droppable
                .min_by_key(|&k| (without(k), k))
                .filter(|_| sites > 1);
            let Some(drop) = drop else {
                let hours = |m: u32| format!("{} h {:02} min", m / 60, m % 60);
                return Err(Infeasible::new(
                    Refusal::NoTime,
                    format!(
                        "day {} would drive the coach {} (rest stops not counted), beyond the {} a day its {} driver(s) may drive by the pack's [group] driving rules; plan more days, or use a pack with more drivers",
                        d + 1,
                        hours(driving(&itinerary.days[d])),
                        hours(limit),
                        rules.drivers
                    ),
                ));
            };
            composed.solution.routes[d].visits.remove(drop);
        }
    }

    /// The area of a location, as an index into `area_ids`.
    fn area_of(&self, location: usize) -> Option<usize> {
        self.areas[location]
    }

    /// The lodgings open on every night of the trip; those in the areas of
    /// a product's days before its nights (a night belongs to the day it
    /// ends) when any is, as the product's summary promises.
    fn candidate_lodgings(&self) -> Vec<usize> {
        let open: Vec<usize> = (0..self.pack.lodging.len())
            .filter(|&l| self.closed_night(l).is_none())
            .collect();
        let nights = usize::from(self.request.days.saturating_sub(1));
        let promised = |l: &usize| {
            let area = &self.pack.lodging[*l].area;
            (self.request.areas.iter().take(nights)).all(|day| day.is_empty() || day.contains(area))
        };
        let kept: Vec<usize> = open.iter().copied().filter(promised).collect();
        if kept.is_empty() { open } else { kept }
    }

    /// The first night of the trip the lodging is closed, if any.
    fn closed_night(&self, lodging: usize) -> Option<NaiveDate> {
        let open = self.pack.lodging[lodging].open?;
        let nights = &self.dates[..self.dates.len() - 1];
        nights
            .iter()
            .copied()
            .find(|night| !open.contains(MonthDay::of(*night)))
    }

    /// Whether the site is worth a visit on day `d` (a beach in summer).
    fn in_season(&self, site: &Site, d: usize) -> bool {
        let day = MonthDay::of(self.dates[d]);
        site.worth.is_empty() || site.worth.iter().any(|range| range.contains(day))
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
        self.legs.ids[location]
    }

    fn leg(&self, from: usize, to: usize) -> Leg {
        self.legs.leg(from, to)
    }

    /// Travel minutes as planned: the leg plus the pace's slack.
    fn minutes(&self, from: usize, to: usize) -> u32 {
        self.matrix.time(from, to).map_or(0, |m| m as u32)
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
            Mode::Car | Mode::Charter => {
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
        let origin = &self.pack.info.origin;
        let in_origin = |hub: &str| self.pack.hub(hub).is_some_and(|h| &h.city == origin);
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
                && s.runs_on(first)
                && s.depart >= self.pack.day.start
            {
                match outbound.iter_mut().find(|(_, o)| o.to == s.to) {
                    Some(slot) if s.arrive < slot.1.arrive => *slot = (i, s),
                    Some(_) => {}
                    None => outbound.push((i, s)),
                }
            }
        }
        // From each station the latest train home; and, when a sunrise on
        // the last morning would make the day too long for it, the latest
        // train that still lets the day start at dawn.
        let latest_home = |arrive_by: Option<u32>| {
            let mut back: Vec<(usize, &Service)> = Vec::new();
            for (i, s) in services() {
                let home = s.to == self.request.from || in_origin(&s.to);
                if home
                    && destination(&s.from)
                    && s.runs_on(last)
                    && s.depart <= self.pace.hours.end
                    && self.pace.home_by.is_none_or(|by| s.arrive <= by)
                    && arrive_by.is_none_or(|by| s.arrive.minutes() <= by)
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
            back
        };
        let mut back = latest_home(None);
        if let Some(by) = self.dawn_day_home_by() {
            for early in latest_home(Some(by)) {
                if !back.iter().any(|(i, _)| *i == early.0) {
                    back.push(early);
                }
            }
        }
        let from = self
            .pack
            .hub(&self.request.from)
            .map_or(self.request.from.as_str(), |h| h.name.en.as_str());
        let mode = if service_mode == ServiceMode::Rail {
            "train"
        } else {
            "coach"
        };
        // A timetable out of date says so, rather than that no train runs.
        for date in [first, last] {
            let valid = |s: &&Service| (s.valid_from..=s.valid_to).contains(&date);
            if !services().any(|(_, s)| valid(&s)) {
                let periods = (services().map(|(_, s)| (s.valid_from, s.valid_to))).fold(
                    None,
                    |span: Option<(NaiveDate, NaiveDate)>, (from, to)| {
                        Some(span.map_or((from, to), |(a, b)| (a.min(from), b.max(to))))
                    },
                );
                let known = match periods {
                    Some((from, to)) => format!("its services run from {from} to {to}"),
                    None => format!("it has no {mode} service"),
                };
                return Err(Infeasible::new(
                    Refusal::NoTimetable,
                    format!(
                        "the pack's timetable has no {mode} valid on {date}: {known}; import a current timetable (jingqin timetable import)"
                    ),
                ));
            }
        }
        if outbound.is_empty() {
            return Err(Infeasible::new(
                Refusal::NoService,
                format!(
                    "no {mode} leaves {from} for the destination on {first} at or after {}",
                    self.pack.day.start
                ),
            ));
        }
        if back.is_empty() {
            let by = match self.pace.home_by {
                Some(by) => format!(" and arriving by {by}"),
                None => String::new(),
            };
            return Err(Infeasible::new(
                Refusal::NoService,
                format!(
                    "no {service_mode:?} service returns to the origin on {last} leaving by {}{by}",
                    self.pace.hours.end
                )
                .replace("Rail service", "train")
                .replace("Coach service", "coach"),
            ));
        }
        let mut frames = Vec::new();
        for &(o, out) in &outbound {
            for &(b, home) in &back {
                // A day trip lasts from the train out to the train home.
                let long = self.pace.span.is_some_and(|span| {
                    self.dates.len() == 1 && home.arrive.minutes() > out.depart.minutes() + span.0
                });
                if long {
                    continue;
                }
                frames.push(Frame {
                    outbound: Some(o),
                    back: Some(b),
                    lodging,
                });
            }
        }
        if frames.is_empty() {
            return Err(Infeasible::new(
                Refusal::NoService,
                format!(
                    "no pair of trains on {first} leaves time for a day of at most {} at the {} pace",
                    self.pace.span.map_or(String::new(), |s| s.to_string()),
                    self.request.pace.as_str()
                ),
            ));
        }
        Ok(frames)
    }

    /// On a trip whose last morning could hold a sunrise, the latest arrival
    /// home that the pace's span allows after a dawn start.
    fn dawn_day_home_by(&self) -> Option<u32> {
        let span = self.pace.span?;
        let last = *self.dates.last()?;
        // The sunrise is on the first morning at the destination unless pinned.
        let days = self.dates.len();
        let on_last_morning = |site: &Site| {
            let pin = (self.request.must.iter())
                .find(|m| m.site == site.id)
                .and_then(|m| m.day);
            pin.map_or(days == 2, |p| usize::from(p) == days)
        };
        let dawn = (self.pack.sites.iter())
            .filter(|s| s.sunrise && !self.request.avoid.contains(&s.id) && on_last_morning(s))
            .filter_map(|s| sunrise_minutes(s.coord, last, self.pack.info.timezone))
            .min()?;
        let leave = dawn.checked_sub(2 * BEFORE_SUNRISE + MAX_SUNRISE_DRIVE_MINUTES / 2)?;
        (self.dates.len() > 1).then_some(leave + span.0)
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
        best.ok_or_else(|| {
            first_error.unwrap_or_else(|| Infeasible::new(Refusal::Unsupported, "no plan found"))
        })
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
        let origin = &self.pack.info.origin;
        let home = |s: &Service| self.pack.hub(&s.to).is_some_and(|h| &h.city == origin);
        self.pack
            .services
            .iter()
            .filter(|s| s.from == planned.from && s.mode == planned.mode && home(s))
            .filter(|s| s.runs_on(date) && s.depart.minutes() >= ready && s.depart < planned.depart)
            // Of equal departures, the one to the station the party left from.
            .min_by_key(|s| (s.depart, s.to != self.request.from))
            .unwrap_or(planned)
    }

    /// Before trains are chosen: the open lodging nearest the must-see
    /// sites, or nearest the best sites when there are none.
    fn provisional_lodging(&self) -> Result<Option<usize>, Infeasible> {
        if self.request.days == 1 {
            return Ok(None);
        }
        if let Some(id) = &self.request.lodging {
            let lodging = self.pack.lodging.iter().position(|l| &l.id == id);
            if let Some((l, night)) = lodging.and_then(|l| Some((l, self.closed_night(l)?))) {
                let at = &self.pack.lodging[l];
                let open = at
                    .open
                    .map_or(String::new(), |o| format!(" (open {} to {})", o.from, o.to));
                return Err(Infeasible::new(
                    Refusal::NoLodging,
                    format!(
                        "the lodging {} {} ({id}) is closed on the night of {night}{open}",
                        at.name.zh, at.name.en
                    ),
                ));
            }
            return Ok(lodging);
        }
        let must: Vec<&Site> = self
            .request
            .must
            .iter()
            .filter_map(|m| self.pack.site(&m.site))
            .collect();
        // A sunrise asks for a night near it.
        let sunrise: Vec<&Site> = must.iter().copied().filter(|s| s.sunrise).collect();
        let anchors: Vec<&Site> = if !sunrise.is_empty() {
            sunrise
        } else if must.is_empty() {
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
        let nearest =
            (self.candidate_lodgings().into_iter()).min_by(|a, b| cost(*a).total_cmp(&cost(*b)));
        nearest.map(Some).ok_or_else(|| {
            Infeasible::new(
                Refusal::NoLodging,
                "no lodging of the pack is open on the trip's nights",
            )
        })
    }

    /// What the party pays at `site` in `season`, and whether a group rate
    /// applies. A group on a chartered coach pays the site's group rate when
    /// it is large enough, its leaders going free up to the rate's free
    /// places; elsewhere the leaders' tickets are counted at the adult price.
    fn tickets(&self, site: &Site, season: &str) -> (f64, bool) {
        let party = self.request.party;
        let fare = self.pack.site_fare(site, season);
        let Some(group) = self.legs.charter else {
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

    /// The coaches the group needs, and what they cost for the trip.
    fn coach(&self, group: &Group, days: &[Day]) -> CoachBill {
        let riders = self.request.party.people() + group.staff;
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
        let per_coach =
            group.coach.per_day * f64::from(self.request.days) + group.coach.per_km * km;
        CoachBill {
            coaches,
            km,
            cost: per_coach * f64::from(coaches),
        }
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
            lodging.ok_or_else(|| {
                Infeasible::new(
                    Refusal::NoLodging,
                    "the pack has no lodging for the trip's nights",
                )
            })
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
                None => {
                    let end = self.pack.day.end;
                    let home_by = self.pace.home_by.map_or(end, |by| by.min(end));
                    (self.home, home_by.minutes())
                }
            }
        } else {
            (night()?, self.pace.hours.end.minutes())
        };
        let direct = self.minutes(start, end);
        if earliest + direct > latest {
            return Err(Infeasible::new(
                Refusal::NoTime,
                format!(
                    "day {} has no time: it starts at {} and must end by {}",
                    d + 1,
                    hhmm(earliest),
                    hhmm(latest)
                ),
            ));
        }
        Ok(Route {
            start,
            end,
            earliest: f64::from(earliest),
            latest: f64::from(latest),
        })
    }

    /// The service-start windows of `site` on day `d`, within the route and
    /// the day's bounds.
    fn site_windows(
        &self,
        index: usize,
        d: usize,
        route: &Route,
        visit: u32,
        bounds: Bounds,
    ) -> Vec<Window> {
        let open_from = (route.earliest)
            .max(f64::from(self.pace.hours.start.minutes()))
            .max(bounds.from);
        let back = f64::from(visit + self.minutes(self.site_location(index), route.end));
        let close_by = route.latest.min(bounds.back_by - back + f64::from(visit));
        (self.open[index][d].iter())
            .filter_map(|i| {
                let open = f64::from(i.open.minutes()).max(open_from);
                let close = f64::from(i.close.minutes().checked_sub(visit)?)
                    .min(close_by - f64::from(visit));
                (open <= close).then_some(Window::new(open, close))
            })
            .collect()
    }

    /// The sunrise visit to `site` that fits the trip, or why none does.
    fn sunrise_slot(
        &self,
        index: usize,
        pinned: Option<u8>,
        frame: &Frame,
        routes: &[Route],
    ) -> Result<Sunrise, SunriseMiss> {
        let site = &self.pack.sites[index];
        // The first morning spent at the destination, unless pinned.
        let d = pinned.map_or(1, |p| usize::from(p) - 1);
        if d == 0 || d >= self.dates.len() {
            return Err(SunriseMiss::NoNight);
        }
        let date = self.dates[d];
        let sunrise = sunrise_minutes(site.coord, date, self.pack.info.timezone)
            .ok_or(SunriseMiss::NoNight)?;
        let (earliest, latest) = (
            sunrise.saturating_sub(2 * BEFORE_SUNRISE),
            sunrise.saturating_sub(BEFORE_SUNRISE),
        );
        let intervals = match site.hours.on(date, &self.pack.calendar) {
            DayHours::Open(intervals) => intervals,
            DayHours::Closed(why) => {
                return Err(SunriseMiss::Closed {
                    closure: Closure { date, why },
                });
            }
        };
        let window = if site.dawn {
            Some(Window::new(f64::from(earliest), f64::from(latest)))
        } else {
            intervals.iter().find_map(|i| {
                let close = i.close.minutes().checked_sub(site.min_visit.0)?.min(latest);
                let open = i.open.minutes().max(earliest);
                (open <= close).then(|| Window::new(f64::from(open), f64::from(close)))
            })
        };
        let Some(window) = window else {
            let opens = intervals.first().map(|i| i.open);
            return Err(SunriseMiss::OpensLate {
                opens: opens.unwrap_or(self.pack.day.start),
                sun_up: TimeOfDay::from_minutes(sunrise).unwrap_or(TimeOfDay::MIDNIGHT),
            });
        };
        let location = self.site_location(index);
        let drive = self.minutes(routes[d].start, location);
        if drive > MAX_SUNRISE_DRIVE_MINUTES {
            return Err(SunriseMiss::TooFar { minutes: drive });
        }
        // The day is counted from the drive out; on the last day it must
        // still end with the party home within the pace's span.
        if let Some(span) = self.pace.span
            && d + 1 == self.dates.len()
        {
            let leave = window.open - f64::from(drive);
            let home = match frame.back {
                Some(s) => f64::from(self.pack.services[s].arrive.minutes()),
                None => {
                    let back = self.minutes(location, routes[d].end);
                    window.open + f64::from(site.min_visit.0 + back)
                }
            };
            if home > leave + f64::from(span.0) {
                return Err(SunriseMiss::DayTooLong);
            }
        }
        Ok(Sunrise {
            site: index,
            day: d,
            window,
        })
    }

    /// The sunrise visits that fit, with the routes' mornings moved earlier
    /// for them, and the sites whose sunrise does not fit.
    fn sunrises(
        &self,
        frame: &Frame,
        routes: &mut [Route],
    ) -> (Vec<Sunrise>, Vec<(usize, SunriseMiss)>) {
        let (mut fits, mut misses) = (Vec::new(), Vec::new());
        for (index, site) in self.pack.sites.iter().enumerate() {
            if !site.sunrise || self.request.avoid.contains(&site.id) {
                continue;
            }
            let pinned = (self.request.must.iter())
                .find(|m| m.site == site.id)
                .and_then(|m| m.day);
            match self.sunrise_slot(index, pinned, frame, routes) {
                Ok(sunrise) => {
                    let route = &mut routes[sunrise.day];
                    let drive = self.minutes(route.start, self.site_location(index));
                    // Leave the lodging early enough, whatever the pace.
                    let leave = sunrise.window.open - f64::from(drive);
                    route.earliest = route.earliest.min(leave.max(0.0));
                    fits.push(sunrise);
                }
                Err(miss) => misses.push((index, miss)),
            }
        }
        (fits, misses)
    }

    /// Each day's bounds: after a sunrise the party rests first, and a day
    /// lasts no longer than the pace's span from its first departure.
    fn bounds(&self, frame: &Frame, routes: &[Route], sunrises: &[Sunrise]) -> Vec<Bounds> {
        (0..routes.len())
            .map(|d| {
                let route = &routes[d];
                let from = sunrises
                    .iter()
                    .filter(|s| s.day == d)
                    .map(|s| {
                        let visit = self.pack.sites[s.site].min_visit.0;
                        s.window.close + f64::from(visit + SUNRISE_REST)
                    })
                    .fold(0.0, f64::max);
                let first_departure = match (d, frame.outbound) {
                    (0, Some(s)) => f64::from(self.pack.services[s].depart.minutes()),
                    _ => route.earliest,
                };
                // A minute's margin for the rounding of the solver's times.
                let back_by = self.pace.span.map_or(f64::INFINITY, |span| {
                    first_departure + f64::from(span.0) - 1.0
                });
                Bounds { from, back_by }
            })
            .collect()
    }

    /// The area each day is spent in: the product's, or the one that gives
    /// the day the best visits, with only the lodging's area on more than one day.
    fn day_areas(
        &self,
        frame: &Frame,
        routes: &[Route],
        bounds: &[Bounds],
        sunrises: &[Sunrise],
    ) -> Vec<Option<usize>> {
        let days = routes.len();
        let every: Vec<usize> = (0..self.area_ids.len()).collect();
        let candidates: Vec<Vec<usize>> = (0..days)
            .map(
                |d| match self.request.areas.get(d).filter(|a| !a.is_empty()) {
                    Some(ids) => (ids.iter())
                        .filter_map(|id| self.area_ids.iter().position(|a| a == id))
                        .collect(),
                    None => every.clone(),
                },
            )
            .collect();
        let lodging = frame
            .lodging
            .and_then(|l| self.area_of(self.lodging_location(l)));
        // What is already fixed on a day: a sunrise visit (which is then on
        // no other day), sites pinned to it.
        let sunrise_day = |site: usize| sunrises.iter().find(|s| s.site == site).map(|s| s.day);
        let fixed = |site: usize, d: usize| {
            sunrise_day(site) == Some(d)
                || self.request.must.iter().any(|m| {
                    m.site == self.pack.sites[site].id && m.day == u8::try_from(d + 1).ok()
                })
        };
        let hours = |d: usize| {
            let route = &routes[d];
            let from = route.earliest.max(bounds[d].from);
            let to = route.latest.min(bounds[d].back_by);
            let meals: u32 = (self.pack.meals.iter())
                .filter(|m| meal_window(m, route).is_some())
                .map(|m| m.duration.0)
                .sum();
            let pinned: u32 = (0..self.pack.sites.len())
                .filter(|&s| fixed(s, d))
                .map(|s| self.pack.sites[s].visit.0)
                .sum();
            to - from - f64::from(meals + pinned)
        };
        let value = |area: usize, on: &[usize]| -> f64 {
            let sites: Vec<usize> = (0..self.pack.sites.len())
                .filter(|&s| self.area_of(s) == Some(area))
                .filter(|&s| !self.request.avoid.contains(&self.pack.sites[s].id))
                .collect();
            let mut budget = 0.0;
            let mut open: Vec<usize> = Vec::new();
            for &d in on {
                let route = &routes[d];
                let way_in = sites.iter().map(|&s| self.minutes(route.start, s)).min();
                let way_out = sites.iter().map(|&s| self.minutes(s, route.end)).min();
                let (Some(way_in), Some(way_out)) = (way_in, way_out) else {
                    continue;
                };
                budget += (hours(d) - f64::from(way_in + way_out)).max(0.0);
                for &s in &sites {
                    let site = &self.pack.sites[s];
                    let must = self.request.must.iter().any(|m| m.site == site.id);
                    let fits = !fixed(s, d)
                        && sunrise_day(s).is_none()
                        && (must || self.in_season(site, d))
                        && !self
                            .site_windows(s, d, route, site.visit.0, bounds[d])
                            .is_empty();
                    if fits && !open.contains(&s) {
                        open.push(s);
                    }
                }
            }
            let worth = |s: usize| {
                let site = &self.pack.sites[s];
                match self.request.must.iter().find(|m| m.site == site.id) {
                    Some(m) if !m.promise => MEAL_SCORE * 10.0,
                    Some(_) => PROMISE_SCORE,
                    None => self.score(site),
                }
            };
            open.sort_by(|a, b| worth(*b).total_cmp(&worth(*a)));
            let (mut used, mut total) = (0.0, 0.0);
            for s in open {
                let hop = if used > 0.0 { AREA_HOP_MINUTES } else { 0 };
                let visit = f64::from(self.pack.sites[s].visit.0 + hop);
                if used + visit <= budget {
                    used += visit;
                    total += worth(s);
                }
            }
            total
        };
        let occupied: Vec<bool> = (0..days)
            .map(|d| sunrises.iter().any(|s| s.day == d))
            .collect();
        let mut got = areas::assign(&candidates, lodging, &occupied, value);
        // A product's day keeps to its areas even when none seems worth it.
        for (d, area) in got.iter_mut().enumerate() {
            let fixed = self.request.areas.get(d).is_some_and(|a| !a.is_empty());
            if area.is_none() && fixed {
                *area = candidates[d].first().copied();
            }
        }
        got
    }

    fn compose(&self, frame: &Frame, iterations: u64) -> Result<Composed, Infeasible> {
        let mut routes = Vec::new();
        for d in 0..self.dates.len() {
            routes.push(self.route(frame, d)?);
        }
        let days = routes.len();
        let (sunrises, sunrise_misses) = self.sunrises(frame, &mut routes);
        let bounds = self.bounds(frame, &routes, &sunrises);
        if let Some(last) = routes.last_mut() {
            // Driving home: the arrival is the route's end.
            last.latest = last.latest.min(bounds[days - 1].back_by);
            if last.earliest + f64::from(self.minutes(last.start, last.end)) > last.latest {
                return Err(Infeasible::new(
                    Refusal::NoTime,
                    format!(
                        "day {days} has no time: the drive home must end by {}",
                        hhmm(last.latest as u32)
                    ),
                ));
            }
        }
        let day_areas = self.day_areas(frame, &routes, &bounds, &sunrises);
        let mut stops = Vec::new();
        let mut kinds = Vec::new();
        for (index, site) in self.pack.sites.iter().enumerate() {
            if self.request.avoid.contains(&site.id) {
                continue;
            }
            let must = self.request.must.iter().find(|m| m.site == site.id);
            if site.not_recommended() && must.is_none() {
                continue;
            }
            let promise = must.is_some_and(|m| m.promise);
            let demanded = must.is_some() && !promise;
            let location = self.site_location(index);
            let sunrise = sunrises.iter().find(|s| s.site == index);
            // A promised sunrise that cannot be seen frees the site from its
            // morning: it is visited by day where the days' areas allow.
            let pinned = must
                .and_then(|m| m.day)
                .filter(|_| !(promise && site.sunrise && sunrise.is_none()));
            let (kind, service, windows) = match sunrise {
                Some(sunrise) => {
                    let mut windows = vec![Vec::new(); days];
                    windows[sunrise.day].push(sunrise.window);
                    (StopKind::Sunrise(index), site.min_visit.0, windows)
                }
                None => {
                    let visit = site.visit.0;
                    let windows = (0..days)
                        .map(|d| {
                            let on_pin = pinned == u8::try_from(d + 1).ok();
                            let elsewhere =
                                day_areas[d].is_some_and(|a| self.area_of(location) != Some(a));
                            match pinned {
                                Some(_) if !on_pin => Vec::new(),
                                // A day keeps to its area; a demand or a pin goes anywhere.
                                _ if elsewhere && !on_pin && !demanded => Vec::new(),
                                _ if must.is_none() && !self.in_season(site, d) => Vec::new(),
                                _ => self.site_windows(index, d, &routes[d], visit, bounds[d]),
                            }
                        })
                        .collect();
                    (StopKind::Site(index), visit, windows)
                }
            };
            if windows.iter().all(Vec::is_empty) {
                if demanded {
                    return Err(self.cannot_visit(site, pinned));
                }
                continue;
            }
            let bonus = if matches!(kind, StopKind::Sunrise(_)) {
                SUNRISE_BONUS
            } else {
                1.0
            };
            let score = if promise {
                PROMISE_SCORE
            } else {
                self.score(site)
            };
            stops.push(Stop {
                location,
                score: score * bonus,
                service: f64::from(service),
                windows,
                mandatory: demanded || (promise && self.promises_firm),
            });
            kinds.push(kind);
        }
        keep_best_per_day(&mut stops, days);
        // Sites that no day kept drop out.
        let kept: Vec<bool> = stops
            .iter()
            .map(|s| s.windows.iter().any(|w| !w.is_empty()))
            .collect();
        let mut keep = kept.iter();
        stops.retain(|_| *keep.next().unwrap_or(&true));
        let mut keep = kept.iter();
        kinds.retain(|_| *keep.next().unwrap_or(&true));
        self.add_meals(&routes, &bounds, &mut stops, &mut kinds);
        let problem = Problem {
            travel: self.matrix.clone(),
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
                areas: day_areas,
                sunrise_misses,
                bounds,
            }),
            Err(SolveError::MandatoryUnplaced(unplaced)) => {
                let sites: Vec<&Site> = unplaced
                    .iter()
                    .filter_map(|&s| match kinds.get(s) {
                        Some(StopKind::Site(i) | StopKind::Sunrise(i)) => {
                            Some(&self.pack.sites[*i])
                        }
                        _ => None,
                    })
                    .collect();
                let names: Vec<String> = (sites.iter())
                    .map(|site| format!("{} {} ({})", site.name.zh, site.name.en, site.id))
                    .collect();
                let refusal =
                    Refusal::MustSeeUnfit(sites.iter().map(|site| site.name.clone()).collect());
                Err(Infeasible::new(
                    refusal,
                    format!(
                        "cannot fit the must-see {} into the trip's days: check their opening hours on {}",
                        names.join(", "),
                        self.dates
                            .iter()
                            .map(|d| d.to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ))
            }
            Err(error) => Err(Infeasible::internal(error)),
        }
    }

    /// Why a demanded site has no time on its days.
    fn cannot_visit(&self, site: &Site, pinned: Option<u8>) -> Infeasible {
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
        Infeasible::new(
            Refusal::MustSeeClosed(vec![site.name.clone()]),
            format!(
                "the must-see {} {} ({}) cannot be visited: {why}",
                site.name.zh, site.name.en, site.id
            ),
        )
    }

    /// One meal of each kind on every day whose hours span its window, at
    /// the places the day can be: the start, the end and the open sites.
    /// Breakfast is at the lodging, on the days that start there.
    fn add_meals(
        &self,
        routes: &[Route],
        bounds: &[Bounds],
        stops: &mut Vec<Stop>,
        kinds: &mut Vec<StopKind>,
    ) {
        for (d, route) in routes.iter().enumerate() {
            let mut spots: Vec<usize> = vec![route.start, route.end];
            for stop in stops.iter().filter(|s| !s.windows[d].is_empty()) {
                spots.push(stop.location);
            }
            // A meal is later taken where the party is, so a few places
            // spread over the day's area are enough: the radius grows
            // until there are at most MAX_MEAL_PLACES.
            spots.retain(|&spot| !self.legs.in_origin[spot]);
            let mut radius = MEAL_SPOT_KM;
            let places = loop {
                let mut places: Vec<usize> = Vec::new();
                for &spot in &spots {
                    let near = |p: &usize| {
                        self.leg(*p, spot).km <= radius && self.leg(spot, *p).km <= radius
                    };
                    if !places.iter().any(near) {
                        places.push(spot);
                    }
                }
                if places.len() <= MAX_MEAL_PLACES {
                    break places;
                }
                radius *= 2.0;
            };
            for meal in &self.pack.meals {
                let Some(window) = meal_window(meal, route) else {
                    continue;
                };
                let at: Vec<usize> = match meal.kind {
                    MealKind::Breakfast if d > 0 => vec![route.start],
                    MealKind::Breakfast => Vec::new(),
                    _ => places.clone(),
                };
                // Breakfast, even after a sunrise, within the pace's hours.
                let window = match meal.kind {
                    MealKind::Breakfast => {
                        let open = window.open.max(f64::from(self.pace.hours.start.minutes()));
                        if open > window.close {
                            continue;
                        }
                        Window::new(open, window.close)
                    }
                    _ => window,
                };
                for location in at {
                    // Away from the day's end, the meal leaves time to get
                    // back; at the lodging it may follow the day's outings.
                    let back = f64::from(meal.duration.0 + self.minutes(location, route.end));
                    let close = match location == route.end {
                        true => window.close,
                        false => window.close.min(bounds[d].back_by - back),
                    };
                    if close < window.open {
                        continue;
                    }
                    let mut windows = vec![Vec::new(); routes.len()];
                    windows[d].push(Window::new(window.open, close));
                    stops.push(Stop {
                        location,
                        score: self.meal_score,
                        service: f64::from(meal.duration.0),
                        windows,
                        mandatory: false,
                    });
                    kinds.push(StopKind::Meal(meal.kind));
                }
            }
        }
    }

    /// A day without a visit is no tour: the plan fails with the reason.
    fn every_day_visits(&self, frame: &Frame, itinerary: &Itinerary) -> Result<(), Infeasible> {
        for day in &itinerary.days {
            if day.events.iter().any(|e| matches!(e, Event::Visit { .. })) {
                continue;
            }
            let d = usize::from(day.index) - 1;
            let route = self.route(frame, d)?;
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

    /// The day's stops as they are lived: a meal is taken where the party
    /// is (unless it is where the party goes next, the lodging or the
    /// station), never at a detour just to eat; then waits move to the end
    /// of the day's fixed points: a last dinner as late as its window
    /// allows before the train, and on the last day every stop as late as it
    /// can be, so that the slack is spent at the lodging in the morning rather
    /// than at the station.
    fn timeline(
        &self,
        d: usize,
        route: &Route,
        visits: &[solve::Visit],
        problem: &Problem,
        kinds: &[StopKind],
        push_all: bool,
    ) -> Vec<Step> {
        let window_close = |stop: usize, start: u32| {
            (problem.stops[stop].windows[d].iter())
                .find(|w| w.open <= f64::from(start) + 0.5 && f64::from(start) <= w.close + 0.5)
                .map_or(start, |w| w.close.floor() as u32)
        };
        let mut steps: Vec<Step> = visits
            .iter()
            .map(|v| Step {
                stop: v.stop,
                location: problem.stops[v.stop].location,
                start: v.start.round() as u32,
                end: v.end.round() as u32,
            })
            .collect();
        // Forward: the times the steps can keep, or None.
        let forward = |steps: &[Step]| -> Option<Vec<Step>> {
            let (mut here, mut now) = (route.start, route.earliest.round() as u32);
            let mut out = Vec::with_capacity(steps.len());
            for step in steps {
                let arrive = now + self.minutes(here, step.location);
                let start = step.start.max(arrive);
                if start > window_close(step.stop, step.start) {
                    return None;
                }
                let end = start + (step.end - step.start);
                out.push(Step {
                    start,
                    end,
                    ..*step
                });
                (here, now) = (step.location, end);
            }
            let home = now + self.minutes(here, route.end);
            (f64::from(home) <= route.latest + 0.5).then_some(out)
        };
        for i in 0..steps.len() {
            if !matches!(kinds[steps[i].stop], StopKind::Meal(_)) {
                continue;
            }
            let next = steps.get(i + 1).map_or(route.end, |n| n.location);
            if [next, route.start, route.end].contains(&steps[i].location) {
                continue;
            }
            let here = if i == 0 {
                route.start
            } else {
                steps[i - 1].location
            };
            // Where the party is, or (a few steps away) where it goes next.
            for place in [here, next] {
                let mut moved = steps.clone();
                moved[i].location = place;
                if let Some(retimed) = forward(&moved) {
                    steps = retimed;
                    break;
                }
            }
        }
        // Backward: the movable steps all shift by the most each of them
        // can, so that the day keeps its rhythm and only the wait moves.
        let trailing_meals = steps
            .iter()
            .rev()
            .take_while(|s| matches!(kinds[s.stop], StopKind::Meal(_)))
            .count();
        let after_sunrise = steps
            .iter()
            .rposition(|s| matches!(kinds[s.stop], StopKind::Sunrise(_)))
            .map_or(0, |i| i + 1);
        // A day that ends at the lodging keeps its wait there.
        let first_movable = if push_all {
            after_sunrise
        } else if self.is_lodging(route.end) {
            steps.len()
        } else {
            steps.len() - trailing_meals
        };
        let mut limit = (route.latest.floor() as u32).saturating_sub(
            steps
                .last()
                .map_or(0, |s| self.minutes(s.location, route.end)),
        );
        let mut shift = u32::MAX;
        for i in (first_movable..steps.len()).rev() {
            let service = steps[i].end - steps[i].start;
            let latest = limit
                .saturating_sub(service)
                .min(window_close(steps[i].stop, steps[i].start))
                .max(steps[i].start);
            shift = shift.min(latest - steps[i].start);
            let before = if i == 0 {
                route.start
            } else {
                steps[i - 1].location
            };
            limit = latest.saturating_sub(self.minutes(before, steps[i].location));
        }
        if shift != u32::MAX {
            for step in &mut steps[first_movable..] {
                step.start += shift;
                step.end += shift;
            }
        }
        // A long wait before a meal away from the lodging is spent at the
        // lodging instead, and the meal taken there.
        let lodging = [route.start, route.end]
            .into_iter()
            .find(|&l| self.is_lodging(l));
        if let Some(lodging) = lodging {
            for i in 0..steps.len() {
                let before = if i == 0 {
                    route.start
                } else {
                    steps[i - 1].location
                };
                let ready = if i == 0 {
                    route.earliest as u32
                } else {
                    steps[i - 1].end
                };
                let wait = steps[i]
                    .start
                    .saturating_sub(ready + self.minutes(before, steps[i].location));
                let meal = matches!(kinds[steps[i].stop], StopKind::Meal(_));
                if meal && wait > MAX_IDLE_MINUTES && steps[i].location != lodging {
                    let mut moved = steps.clone();
                    moved[i].location = lodging;
                    if let Some(retimed) = forward(&moved) {
                        steps = retimed;
                    }
                }
            }
        }
        // A long wait after a visit is more time there, as long as it is open.
        for i in 0..steps.len().saturating_sub(1) {
            let StopKind::Site(site) = kinds[steps[i].stop] else {
                continue;
            };
            let leave = steps[i + 1]
                .start
                .saturating_sub(self.minutes(steps[i].location, steps[i + 1].location));
            let then_lodging = self.is_lodging(steps[i + 1].location);
            if leave > steps[i].end + MAX_IDLE_MINUTES && !then_lodging {
                let closes = self.closing(site, d, steps[i].start);
                steps[i].end = leave.min(closes).max(steps[i].end);
            }
        }
        steps
    }

    /// The reason for each long wait outside the lodging: the next site
    /// opens only then.
    fn waits(&self, events: &[Event]) -> Vec<Notice> {
        let lodging = |id: &str| self.pack.lodging(id).is_some();
        let mut notices = Vec::new();
        for (i, pair) in events.windows(2).enumerate() {
            let (end, next) = (pair[0].end().minutes, pair[1].start().minutes);
            let at_lodging = match &pair[0] {
                Event::Lodging { .. } => true,
                Event::Transfer { to, .. } => lodging(to),
                Event::Meal { near, .. } => lodging(near),
                Event::Visit { .. } => false,
            };
            if next <= end + MAX_IDLE_MINUTES || at_lodging {
                continue;
            }
            let mut after = events[i + 1..].iter();
            let next_stop = after.find(|e| !matches!(e, Event::Transfer { .. }));
            if let Some(Event::Visit { site, start, .. }) = next_stop {
                notices.push(Notice::WaitToOpen {
                    site: site.clone(),
                    opens: TimeOfDay::from_minutes(start.minutes).unwrap_or(TimeOfDay::MIDNIGHT),
                });
            }
        }
        notices
    }

    /// When the open interval of `site` on day `d` that holds `start` closes.
    fn closing(&self, site: usize, d: usize, start: u32) -> u32 {
        match self.pack.sites[site]
            .hours
            .on(self.dates[d], &self.pack.calendar)
        {
            DayHours::Open(intervals) => intervals
                .iter()
                .find(|i| i.open.minutes() <= start && start < i.close.minutes())
                .map_or(start, |i| i.close.minutes()),
            DayHours::Closed(_) => start,
        }
    }

    fn itinerary(&self, frame: &Frame, composed: Composed) -> Itinerary {
        let Composed {
            problem,
            kinds,
            solution,
            areas,
            sunrise_misses,
            bounds,
        } = composed;
        let party = self.request.party;
        let lodging_rooms = frame.lodging.map(|l| &self.pack.lodging[l].rooms[..]);
        // A tour group sleeps two to a room (标准间), whatever a family would take.
        let group_rooms: Option<Vec<Room>> = lodging_rooms
            .filter(|_| self.legs.charter.is_some())
            .map(|r| r.iter().filter(|room| room.sleeps <= 2).cloned().collect())
            .filter(|twins: &Vec<Room>| !twins.is_empty());
        let lodging_rooms = group_rooms.as_deref().or(lodging_rooms);
        let rooms = lodging_rooms.map_or_else(Vec::new, |r| rooms::rooming(party, r));
        let nightly = lodging_rooms.map_or(0.0, |r| rooms::nightly(&rooms, r));
        let mut days = Vec::new();
        let mut group_rates = Vec::new();
        let mut visited = Vec::new();
        let mut score = 0.0;
        let mut party_cost = 0.0;
        for (d, plan) in solution.routes.iter().enumerate() {
            let date = self.dates[d];
            let season = self.pack.season_on(date).to_owned();
            let route = &problem.routes[d];
            let home = [route.start, route.end]
                .into_iter()
                .find(|&l| self.is_lodging(l));
            let mut day = DayBuilder::new(self, date, route.start, home);
            day.now = route.earliest.round() as u32;
            if d == 0
                && let Some(s) = frame.outbound
            {
                day.service(&self.pack.services[s], party);
                // Out of the station before the day goes on.
                day.now = day.now.max(route.earliest.round() as u32);
            }
            // On the last day the slack goes to the morning at the lodging.
            let push_all = d > 0 && d + 1 == self.dates.len();
            for step in self.timeline(d, route, &plan.visits, &problem, &kinds, push_all) {
                let (start, end) = (step.start, step.end);
                day.travel_to(step.location, start);
                match kinds[step.stop] {
                    StopKind::Site(i) | StopKind::Sunrise(i) => {
                        let site = &self.pack.sites[i];
                        let (cost, group_rate) = self.tickets(site, &season);
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
                        visited.push(i);
                        score += self.score(site);
                    }
                    StopKind::Meal(kind) => day.meal(kind, start, end),
                }
            }
            let mut notices = explain::notices(self.pack, &day.sites, self.request.party);
            if !group_rates.is_empty() {
                notices.push(Notice::GroupRate {
                    sites: std::mem::take(&mut group_rates),
                });
            }
            notices.extend(self.waits(&day.events));
            for meal in &self.pack.meals {
                let eaten = plan
                    .visits
                    .iter()
                    .any(|v| kinds[v.stop] == StopKind::Meal(meal.kind));
                let breakfast_at_home = meal.kind == MealKind::Breakfast && d == 0;
                if !eaten && !breakfast_at_home && meal_window(meal, route).is_some() {
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
            if lodging.is_some() {
                party_cost += nightly;
            }
            days.push(Day {
                index: (d + 1) as u8,
                date,
                season,
                area: areas[d].map(|a| self.area_ids[a].to_owned()),
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
                } else if self
                    .site_windows(index, d, route, site.visit.0, bounds[d])
                    .is_empty()
                {
                    DayFit::NoTime
                } else {
                    DayFit::OffTheWay
                }
            },
        );
        let uses_services = frame.outbound.is_some() || frame.back.is_some();
        let mut notices = explain::trip_notices(
            self.pack,
            &self.dates,
            rooms,
            uses_services,
            self.legs.charter.is_some(),
        );
        if let Some(group) = self.legs.charter {
            let coach = self.coach(group, &days);
            party_cost += coach.cost;
            notices.push(Notice::Coach {
                coaches: coach.coaches,
                days: self.request.days,
                km: (coach.km * 10.0).round() / 10.0,
                cost_cny: cents(coach.cost),
                per_person_cny: cents(coach.cost / f64::from(party.people())),
            });
            notices.push(group_meals(&days, party.people()));
        }
        notices.extend(explain::promises(
            self.pack,
            self.request,
            &omitted,
            &sunrise_misses,
        ));
        notices.extend(explain::book_early(self.pack, &days));
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
            timezone: self.pack.info.timezone,
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

/// The chartered coaches of a trip.
struct CoachBill {
    coaches: u32,
    km: f64,
    cost: f64,
}

/// The group's lunches and dinners, in order, to book ahead.
fn group_meals(days: &[Day], people: u32) -> Notice {
    let meals = (days.iter())
        .flat_map(|day| day.events.iter().map(move |e| (day.index, e)))
        .filter_map(|(day, event)| match event {
            // Breakfast is the hotel's.
            Event::Meal {
                meal, start, near, ..
            } if *meal != MealKind::Breakfast => Some(MealBooking {
                day,
                meal: *meal,
                start: *start,
                near: near.clone(),
            }),
            _ => None,
        })
        .collect();
    Notice::GroupMeals { people, meals }
}

/// Minutes a day's coach is driven.
fn driving(day: &Day) -> u32 {
    (day.events.iter())
        .filter_map(|e| match e {
            Event::Transfer {
                driving_minutes, ..
            } => *driving_minutes,
            _ => None,
        })
        .sum()
}

/// A day offers the solver its best `SITES_PER_DAY` optional sites (and
/// every mandatory one): no day holds more, and a large pack would
/// otherwise slow every search with sites it never picks.
fn keep_best_per_day(stops: &mut [Stop], days: usize) {
    for d in 0..days {
        let mut open: Vec<usize> = (0..stops.len())
            .filter(|&s| !stops[s].windows[d].is_empty() && !stops[s].mandatory)
            .collect();
        if open.len() <= SITES_PER_DAY {
            continue;
        }
        // Best first; ties by index, so the choice is reproducible.
        open.sort_by(|&a, &b| stops[b].score.total_cmp(&stops[a].score).then(a.cmp(&b)));
        for &s in &open[SITES_PER_DAY..] {
            stops[s].windows[d].clear();
        }
    }
}

/// The service-start window of `meal` on a route, if the route spans it.
/// Lunch and dinner, offered at several places, start less than one meal
/// apart, so that a day gets one meal of a kind; breakfast is at the lodging only.
fn meal_window(meal: &Meal, route: &Route) -> Option<Window> {
    let duration = meal.duration.0;
    let open = f64::from(meal.window.start.minutes()).max(route.earliest);
    let latest_start = match meal.kind {
        MealKind::Breakfast => meal.window.end.minutes() - duration,
        _ => (meal.window.end.minutes() - duration).min(meal.window.start.minutes() + duration - 1),
    };
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
        Clock::new(self.date, minutes, self.trip.pack.info.timezone)
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
            driving_minutes: None,
            rest_minutes: 0,
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
        // Back to the lodging right away: to rest there, not wait outside.
        if Some(to) == self.home {
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
    fn travel_now(&mut self, to: usize) {
        if to != self.here {
            let minutes = self.trip.minutes(self.here, to);
            self.transfer(to, self.now, minutes);
        }
    }

    fn transfer(&mut self, to: usize, start: u32, minutes: u32) {
        let leg = self.trip.leg(self.here, to);
        let legs = &self.trip.legs;
        let driving = (legs.charter.is_some() && leg.mode == LocalMode::Car)
            .then(|| legs.driving(self.here, to));
        let mode = match (leg.mode, driving) {
            (LocalMode::Walk, _) => TransferMode::Walk,
            (LocalMode::Car, Some(_)) => TransferMode::Charter,
            (LocalMode::Car, None) => TransferMode::Car,
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
            driving_minutes: driving,
            rest_minutes: driving.map_or(0, |d| legs.rests(d)),
        });
        self.here = to;
        self.now = start + minutes;
    }

    /// A visit to `pack.sites[site]`.
    fn visit(&mut self, site: usize, start: u32, end: u32, cost: f64, sunrise: bool) {
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
