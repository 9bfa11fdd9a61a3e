//! The independent feasibility checker: recomputes every schedule from the
//! [`Problem`] alone, sharing no code with the solvers, and builds the
//! reported [`Solution`].

use std::fmt;

use super::{Problem, RoutePlan, Solution, TIME_TOLERANCE, Visit};

/// The first reason a set of routes is not a feasible solution.
#[derive(Clone, Debug, PartialEq)]
pub enum Violation {
    InvalidProblem(super::ProblemError),
    RouteCount {
        expected: usize,
        got: usize,
    },
    UnknownStop {
        route: usize,
        stop: usize,
    },
    Repeated {
        stop: usize,
    },
    NotAllowed {
        route: usize,
        stop: usize,
    },
    /// Arrival is after the close of the stop's last usable window.
    TooLate {
        route: usize,
        stop: usize,
        arrival: f64,
    },
    /// The route reaches its end location after its latest arrival.
    LateReturn {
        route: usize,
        arrival: f64,
    },
    MandatoryMissing {
        stop: usize,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::InvalidProblem(e) => write!(f, "invalid problem: {e}"),
            Violation::RouteCount { expected, got } => {
                write!(f, "{got} routes given, the problem has {expected}")
            }
            Violation::UnknownStop { route, stop } => {
                write!(f, "route {route} visits unknown stop {stop}")
            }
            Violation::Repeated { stop } => write!(f, "stop {stop} is visited twice"),
            Violation::NotAllowed { route, stop } => {
                write!(f, "stop {stop} is not allowed on route {route}")
            }
            Violation::TooLate {
                route,
                stop,
                arrival,
            } => write!(
                f,
                "route {route} reaches stop {stop} at {arrival}, after its windows"
            ),
            Violation::LateReturn { route, arrival } => {
                write!(
                    f,
                    "route {route} ends at {arrival}, after its latest arrival"
                )
            }
            Violation::MandatoryMissing { stop } => {
                write!(f, "mandatory stop {stop} is not visited")
            }
        }
    }
}

impl std::error::Error for Violation {}

/// Checks that `routes` (one stop sequence per route of `problem`) is a
/// feasible solution and returns it with its earliest-start schedule.
///
/// Service at each stop starts as early as possible: waiting is allowed,
/// and starting earlier never hurts the rest of a route.
pub fn check(problem: &Problem, routes: &[Vec<usize>]) -> Result<Solution, Violation> {
    problem.validate().map_err(Violation::InvalidProblem)?;
    if routes.len() != problem.routes.len() {
        return Err(Violation::RouteCount {
            expected: problem.routes.len(),
            got: routes.len(),
        });
    }
    let mut seen = vec![false; problem.stops.len()];
    let mut plans = Vec::with_capacity(routes.len());
    let mut score = 0.0;
    let mut travel = 0.0;
    for (index, (route, sequence)) in problem.routes.iter().zip(routes).enumerate() {
        let time = |from: usize, to: usize| problem.travel.time(from, to).unwrap_or(f64::NAN);
        let mut here = route.start;
        let mut clock = route.earliest;
        let mut route_travel = 0.0;
        let mut visits = Vec::with_capacity(sequence.len());
        for &stop_index in sequence {
            let stop = problem
                .stops
                .get(stop_index)
                .ok_or(Violation::UnknownStop {
                    route: index,
                    stop: stop_index,
                })?;
            if std::mem::replace(&mut seen[stop_index], true) {
                return Err(Violation::Repeated { stop: stop_index });
            }
            let windows = &stop.windows[index];
            if windows.is_empty() {
                return Err(Violation::NotAllowed {
                    route: index,
                    stop: stop_index,
                });
            }
            let leg = time(here, stop.location);
            let arrival = clock + leg;
            let start = windows
                .iter()
                .filter(|w| arrival <= w.close + TIME_TOLERANCE)
                .map(|w| arrival.max(w.open))
                .min_by(f64::total_cmp)
                .ok_or(Violation::TooLate {
                    route: index,
                    stop: stop_index,
                    arrival,
                })?;
            let end = start + stop.service;
            visits.push(Visit {
                stop: stop_index,
                arrival,
                start,
                end,
            });
            route_travel += leg;
            score += stop.score;
            here = stop.location;
            clock = end;
        }
        let leg = time(here, route.end);
        let arrival = clock + leg;
        if arrival > route.latest + TIME_TOLERANCE {
            return Err(Violation::LateReturn {
                route: index,
                arrival,
            });
        }
        route_travel += leg;
        travel += route_travel;
        plans.push(RoutePlan {
            visits,
            departure: route.earliest,
            arrival,
            travel: route_travel,
        });
    }
    if let Some(stop) = (0..problem.stops.len()).find(|&s| problem.stops[s].mandatory && !seen[s]) {
        return Err(Violation::MandatoryMissing { stop });
    }
    Ok(Solution {
        routes: plans,
        score,
        travel,
        unvisited: (0..problem.stops.len()).filter(|&s| !seen[s]).collect(),
    })
}
