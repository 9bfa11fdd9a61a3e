//! The domain-free planning core: a Team Orienteering Problem with Time
//! Windows (TOPTW) solver.
//!
//! A [`Problem`] has optional [`Stop`]s (a location, a score, a service
//! duration, per-route time windows, maybe mandatory), a set of [`Route`]s
//! (one per day, each with its own start and end location and time window)
//! and an asymmetric travel-time [`Matrix`] over locations. The goal is to
//! maximise the total score of the visited stops, then to minimise the total
//! travel time. Waiting before a window opens is allowed.
//!
//! Conventions:
//! - A [`Window`] bounds the **start of service**: service at a stop may begin
//!   at any time `t` with `open <= t <= close` (the TOPTW benchmark
//!   convention). A site open until 17:00 with a 60-minute visit therefore has
//!   `close = 16:00`.
//! - A route leaves its start location at [`Route::earliest`] and must reach
//!   its end location no later than [`Route::latest`].
//! - Times are `f64` in any unit shared by the matrix, the windows and the
//!   service durations. Comparisons allow [`TIME_TOLERANCE`] of slack.
//!
//! Entry points: [`solve`] (iterated local search, deterministic for a seed
//! and an iteration budget), [`solve_exact`] (exhaustive dynamic programme
//! for tiny instances) and [`check`] (an independent feasibility checker that
//! recomputes every schedule from scratch). [`oplib`] reads the public
//! KU Leuven benchmark files.
//!
//! ```
//! use jingqin::solve::{Config, Matrix, Problem, Route, Stop, Window, solve};
//!
//! // Locations: 0 station, 1 hotel, 2 museum, 3 park, 4 restaurant.
//! let minutes = [
//!     [0.0, 30.0, 10.0, 20.0, 15.0],
//!     [30.0, 0.0, 25.0, 15.0, 20.0],
//!     [10.0, 25.0, 0.0, 12.0, 8.0],
//!     [20.0, 15.0, 12.0, 0.0, 9.0],
//!     [15.0, 20.0, 8.0, 9.0, 0.0],
//! ];
//! let travel = Matrix::from_fn(5, |a, b| minutes[a][b]).unwrap();
//! let days = 2;
//! // Museum: open 08:00-12:00 and 14:00-17:00, 60-minute visit, so service
//! // may start 08:00-11:00 or 14:00-16:00. Closed on day 2.
//! let mut museum = Stop::new(
//!     2,
//!     7.5,
//!     60.0,
//!     vec![Window::new(480.0, 660.0), Window::new(840.0, 960.0)],
//!     days,
//! );
//! museum.windows[1].clear();
//! let park = Stop::new(3, 6.0, 90.0, vec![Window::new(360.0, 1080.0)], days);
//! // Lunch: mandatory, zero score, only on day 1.
//! let mut lunch = Stop::new(4, 0.0, 60.0, vec![], days).mandatory();
//! lunch.windows[0] = vec![Window::new(690.0, 780.0)];
//! let problem = Problem {
//!     travel,
//!     stops: vec![museum, park, lunch],
//!     routes: vec![
//!         Route { start: 0, end: 1, earliest: 540.0, latest: 1200.0 },
//!         Route { start: 1, end: 0, earliest: 480.0, latest: 1020.0 },
//!     ],
//! };
//! let config = Config { seed: 7, iterations: 200, time_limit: None };
//! let solution = solve(&problem, &config).unwrap();
//! assert_eq!(solution.score, 13.5);
//! assert!(solution.routes[0].visits.iter().any(|v| v.stop == 2));
//! ```

mod check;
mod error;
mod exact;
mod ils;
mod local;
mod model;
pub mod oplib;
mod pool;

use std::fmt;
use std::time::Duration;

pub use check::{Violation, check};
pub use error::SolveError;
pub use exact::solve_exact;
pub use ils::solve;

/// Largest number of stops [`solve_exact`] accepts (the work grows as 3^n).
pub const MAX_EXACT_STOPS: usize = 12;

/// Slack allowed when the checker compares two times. Benchmark times are
/// multiples of 0.01 and tourism times whole minutes, so a real violation is
/// always far larger than this.
pub const TIME_TOLERANCE: f64 = 1e-6;

/// An allowed interval for the start of service at a stop.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    /// Earliest start of service.
    pub open: f64,
    /// Latest start of service.
    pub close: f64,
}

impl Window {
    pub fn new(open: f64, close: f64) -> Self {
        Window { open, close }
    }
}

/// A square travel-time matrix over locations, `time(from, to)`; it need not
/// be symmetric nor satisfy the triangle inequality. Clones share the
/// times, so many problems over one set of places cost one matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct Matrix {
    size: usize,
    times: std::sync::Arc<[f64]>,
}

impl Matrix {
    /// Builds a matrix from row-major `times` (`size * size` finite,
    /// non-negative entries).
    pub fn new(size: usize, times: Vec<f64>) -> Result<Self, ProblemError> {
        if size.checked_mul(size) != Some(times.len()) {
            return Err(ProblemError::MatrixSize {
                size,
                entries: times.len(),
            });
        }
        if let Some(at) = times.iter().position(|t| !t.is_finite() || *t < 0.0) {
            return Err(ProblemError::BadTravelTime {
                from: at / size,
                to: at % size,
            });
        }
        Ok(Matrix {
            size,
            times: times.into(),
        })
    }

    /// Builds a matrix by calling `time(from, to)` for every pair.
    pub fn from_fn(
        size: usize,
        mut time: impl FnMut(usize, usize) -> f64,
    ) -> Result<Self, ProblemError> {
        let times = (0..size * size)
            .map(|at| time(at / size, at % size))
            .collect();
        Matrix::new(size, times)
    }

    /// Number of locations.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Travel time from `from` to `to`, `None` when either is out of range.
    pub fn time(&self, from: usize, to: usize) -> Option<f64> {
        (from < self.size && to < self.size).then(|| self.times[from * self.size + to])
    }
}

/// An optional (or mandatory) place to visit.
#[derive(Clone, Debug, PartialEq)]
pub struct Stop {
    /// Index into the travel matrix.
    pub location: usize,
    /// Collected when the stop is visited; finite and non-negative.
    pub score: f64,
    /// Time spent at the stop once service starts.
    pub service: f64,
    /// Allowed service-start windows, one list per route (indexed like
    /// [`Problem::routes`]). An empty list means the stop may not be visited
    /// on that route. Windows within a list may come in any order.
    pub windows: Vec<Vec<Window>>,
    /// A mandatory stop must be part of every solution.
    pub mandatory: bool,
}

impl Stop {
    /// A stop with the same `windows` on each of `routes` routes.
    pub fn new(
        location: usize,
        score: f64,
        service: f64,
        windows: Vec<Window>,
        routes: usize,
    ) -> Self {
        Stop {
            location,
            score,
            service,
            windows: vec![windows; routes],
            mandatory: false,
        }
    }

    /// Marks the stop as mandatory.
    pub fn mandatory(mut self) -> Self {
        self.mandatory = true;
        self
    }

    /// Whether the stop may be visited on `route`.
    pub fn allowed_on(&self, route: usize) -> bool {
        self.windows.get(route).is_some_and(|w| !w.is_empty())
    }
}

/// One route (a day): where it starts and ends, and when.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Route {
    /// Location the route leaves from.
    pub start: usize,
    /// Location the route must reach.
    pub end: usize,
    /// Departure time from `start`.
    pub earliest: f64,
    /// Latest arrival time at `end`.
    pub latest: f64,
}

/// A complete TOPTW instance.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub travel: Matrix,
    pub stops: Vec<Stop>,
    pub routes: Vec<Route>,
}

impl Problem {
    /// Checks that every index, number and window is usable by the solver.
    pub fn validate(&self) -> Result<(), ProblemError> {
        let size = self.travel.size();
        for (index, route) in self.routes.iter().enumerate() {
            if route.start >= size || route.end >= size {
                return Err(ProblemError::RouteLocation { route: index });
            }
            if !(route.earliest.is_finite() && route.latest.is_finite())
                || route.latest < route.earliest
            {
                return Err(ProblemError::RouteTimes { route: index });
            }
            let direct = self.travel.time(route.start, route.end).unwrap_or(0.0);
            if route.earliest + direct > route.latest + TIME_TOLERANCE {
                return Err(ProblemError::RouteTooShort { route: index });
            }
        }
        for (index, stop) in self.stops.iter().enumerate() {
            if stop.location >= size {
                return Err(ProblemError::StopLocation { stop: index });
            }
            if !(stop.score.is_finite() && stop.score >= 0.0) {
                return Err(ProblemError::BadScore { stop: index });
            }
            if !(stop.service.is_finite() && stop.service >= 0.0) {
                return Err(ProblemError::BadService { stop: index });
            }
            if stop.windows.len() != self.routes.len() {
                return Err(ProblemError::WindowRoutes {
                    stop: index,
                    lists: stop.windows.len(),
                    routes: self.routes.len(),
                });
            }
            let bad = stop
                .windows
                .iter()
                .flatten()
                .any(|w| !(w.open.is_finite() && w.close.is_finite()) || w.close < w.open);
            if bad {
                return Err(ProblemError::BadWindow { stop: index });
            }
        }
        Ok(())
    }
}

/// Why a [`Problem`] cannot be solved as given.
#[derive(Clone, Debug, PartialEq)]
pub enum ProblemError {
    MatrixSize {
        size: usize,
        entries: usize,
    },
    BadTravelTime {
        from: usize,
        to: usize,
    },
    RouteLocation {
        route: usize,
    },
    RouteTimes {
        route: usize,
    },
    /// Even the direct trip from start to end misses the route's deadline.
    RouteTooShort {
        route: usize,
    },
    StopLocation {
        stop: usize,
    },
    BadScore {
        stop: usize,
    },
    BadService {
        stop: usize,
    },
    WindowRoutes {
        stop: usize,
        lists: usize,
        routes: usize,
    },
    BadWindow {
        stop: usize,
    },
}

impl fmt::Display for ProblemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemError::MatrixSize { size, entries } => {
                write!(
                    f,
                    "a {size}x{size} matrix needs {} entries, got {entries}",
                    size * size
                )
            }
            ProblemError::BadTravelTime { from, to } => {
                write!(f, "travel time {from}->{to} is negative or not finite")
            }
            ProblemError::RouteLocation { route } => {
                write!(f, "route {route} starts or ends outside the matrix")
            }
            ProblemError::RouteTimes { route } => {
                write!(
                    f,
                    "route {route} has non-finite times or ends before it starts"
                )
            }
            ProblemError::RouteTooShort { route } => {
                write!(
                    f,
                    "route {route} cannot even go straight from start to end in time"
                )
            }
            ProblemError::StopLocation { stop } => {
                write!(f, "stop {stop} lies outside the matrix")
            }
            ProblemError::BadScore { stop } => {
                write!(f, "stop {stop} has a negative or non-finite score")
            }
            ProblemError::BadService { stop } => {
                write!(f, "stop {stop} has a negative or non-finite service time")
            }
            ProblemError::WindowRoutes {
                stop,
                lists,
                routes,
            } => write!(
                f,
                "stop {stop} has {lists} window lists for {routes} routes"
            ),
            ProblemError::BadWindow { stop } => {
                write!(
                    f,
                    "stop {stop} has a window that is not finite or closes before it opens"
                )
            }
        }
    }
}

impl std::error::Error for ProblemError {}

/// One scheduled visit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Visit {
    /// Index into [`Problem::stops`].
    pub stop: usize,
    /// Arrival at the stop's location.
    pub arrival: f64,
    /// Start of service (after any waiting).
    pub start: f64,
    /// End of service.
    pub end: f64,
}

/// The schedule of one route.
#[derive(Clone, Debug, PartialEq)]
pub struct RoutePlan {
    pub visits: Vec<Visit>,
    /// Departure from the route's start location.
    pub departure: f64,
    /// Arrival at the route's end location.
    pub arrival: f64,
    /// Travel time along the route, start and end legs included.
    pub travel: f64,
}

/// A feasible solution with its full schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct Solution {
    /// One plan per route, indexed like [`Problem::routes`].
    pub routes: Vec<RoutePlan>,
    pub score: f64,
    pub travel: f64,
    /// Stops not visited by any route, ascending.
    pub unvisited: Vec<usize>,
}

impl Solution {
    /// The visiting order of each route, as stop indices.
    pub fn sequences(&self) -> Vec<Vec<usize>> {
        self.routes
            .iter()
            .map(|r| r.visits.iter().map(|v| v.stop).collect())
            .collect()
    }
}

/// Budget and seed of a heuristic run. The run stops at whichever budget
/// is reached first; only an iteration budget gives reproducible output.
/// For a time-bounded run set `iterations` to `u64::MAX`. The time limit
/// covers the whole solve; the initial construction is not interrupted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Config {
    /// Seed of the internal pseudo-random generator.
    pub seed: u64,
    /// Maximum number of iterated-local-search iterations.
    pub iterations: u64,
    /// Wall-clock limit for the whole solve, construction included.
    pub time_limit: Option<Duration>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            seed: 0,
            iterations: 2000,
            time_limit: None,
        }
    }
}
