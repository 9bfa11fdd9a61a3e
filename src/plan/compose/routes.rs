//! The routes: one candidate frame's days as a routing problem (the days'
//! bounds, the sunrise slots, the days' areas, the site and meal stops),
//! solved by the domain-free core; and how two solved frames compare.

use std::collections::BTreeSet;

use super::super::error::{Infeasible, Refusal};
use super::super::itinerary::SunriseMiss;
use super::bounds::{self, Bounds};
use super::context::{Frame, Trip};
use super::stops::{self, MEAL_SCORE, Policy, StopKind};
use super::{day_areas, meals, sunrise};
use crate::model::Site;
use crate::solve::{self, Config, Problem, SolveError};

/// A solved frame.
#[derive(Clone)]
pub(super) struct Composed {
    pub problem: Problem,
    pub kinds: Vec<StopKind>,
    pub solution: solve::Solution,
    /// The area of each day, an index into `Trip::area_ids`.
    pub areas: Vec<Option<usize>>,
    /// Sites whose sunrise cannot be seen on this frame, and why.
    pub sunrise_misses: Vec<(usize, SunriseMiss)>,
    pub bounds: Vec<Bounds>,
}

impl Composed {
    /// Frames compare by the meals they miss, the promised sunrises they
    /// miss, then their sites: a frame that merely spans one more meal (a
    /// later train home) gains nothing by it.
    pub(super) fn beats(&self, other: &Composed) -> bool {
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
                .collect::<BTreeSet<_>>()
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

/// The problem of `frame` solved with `iterations` of local search.
pub(super) fn solve(
    trip: &Trip,
    policy: Policy,
    frame: &Frame,
    iterations: u64,
) -> Result<Composed, Infeasible> {
    let mut routes = Vec::new();
    for d in 0..trip.dates.len() {
        routes.push(bounds::route(trip, frame, d)?);
    }
    let (sunrises, sunrise_misses) = sunrise::place(trip, frame, &mut routes);
    let bounds = bounds::days(trip, frame, &routes, &sunrises);
    bounds::end_last_day(trip, &mut routes, &bounds)?;
    let day_areas = day_areas::choose(trip, frame, &routes, &bounds, &sunrises);
    let (mut stops, mut kinds) =
        stops::sites(trip, policy, &routes, &bounds, &sunrises, &day_areas)?;
    meals::add(trip, policy, &routes, &bounds, &mut stops, &mut kinds);
    let problem = Problem {
        travel: trip.matrix.clone(),
        stops,
        routes,
    };
    let config = Config {
        seed: trip.request.seed,
        iterations,
        time_limit: None,
    };
    match solve::solve(&problem, &config) {
        Ok(mut solution) => {
            keep_to_pace(trip, &problem, &kinds, &mut solution);
            Ok(Composed {
                problem,
                kinds,
                solution,
                areas: day_areas,
                sunrise_misses,
                bounds,
            })
        }
        Err(SolveError::MandatoryUnplaced(unplaced)) => Err(unfit(trip, &kinds, &unplaced)),
        Err(error) => Err(Infeasible::internal(error)),
    }
}

/// A pace that holds at most so many visits a day (relaxed: 3) keeps to
/// it: a day over it lets go of its optional visits worth least, the
/// demanded and promised ones kept.
fn keep_to_pace(
    trip: &Trip,
    problem: &Problem,
    kinds: &[StopKind],
    solution: &mut solve::Solution,
) {
    let Some(most) = trip.pace.visits else {
        return;
    };
    let is_visit = |stop: usize| matches!(kinds[stop], StopKind::Site(_) | StopKind::Sunrise(_));
    for route in &mut solution.routes {
        loop {
            let visits = route.visits.iter().filter(|v| is_visit(v.stop)).count();
            if visits <= most as usize {
                break;
            }
            let least = (route.visits.iter().enumerate())
                .filter(|(_, v)| is_visit(v.stop) && !problem.stops[v.stop].mandatory)
                .min_by(|(a, x), (b, y)| {
                    let score = |v: &solve::Visit| problem.stops[v.stop].score;
                    score(x).total_cmp(&score(y)).then(a.cmp(b))
                });
            let Some((k, _)) = least else {
                break;
            };
            let dropped = route.visits.remove(k);
            solution.score -= problem.stops[dropped.stop].score;
            solution.unvisited.push(dropped.stop);
        }
    }
    solution.unvisited.sort_unstable();
}

/// Why the demanded sites `unplaced` (stops of the problem) are left out.
fn unfit(trip: &Trip, kinds: &[StopKind], unplaced: &[usize]) -> Infeasible {
    let sites: Vec<&Site> = unplaced
        .iter()
        .filter_map(|&s| match kinds.get(s) {
            Some(StopKind::Site(i) | StopKind::Sunrise(i)) => Some(&trip.pack.sites[*i]),
            _ => None,
        })
        .collect();
    let names: Vec<String> = (sites.iter())
        .map(|site| format!("{} {} ({})", site.name.zh, site.name.en, site.id))
        .collect();
    let refusal = Refusal::MustSeeUnfit(sites.iter().map(|site| site.name.clone()).collect());
    Infeasible::new(
        refusal,
        format!(
            "cannot fit the must-see {} into the trip's days: check their opening hours on {}",
            names.join(", "),
            trip.dates
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )
}
