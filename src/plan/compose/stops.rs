//! The sites as stops of the routing problem: for each site, its
//! service-start windows on each day (its hours, the day's bounds and
//! area, its season, a pin to a day, a sunrise slot) and its worth to the
//! party; a demanded site with no window refuses the plan. Each day offers
//! the solver only its best sites.

use chrono::NaiveDate;

use super::super::error::{Infeasible, Refusal};
use super::super::explain;
use super::super::rules;
use super::bounds::Bounds;
use super::context::Trip;
use super::sunrise::Sunrise;
use crate::model::{MealKind, Site};
use crate::solve::{Route, Stop, Window};

/// The score of a meal: above any set of sites, so that every day that
/// spans a meal window gets its meal.
pub(super) const MEAL_SCORE: f64 = 10_000.0;
/// A meal's score when a day has no time for both a meal and a visit.
const VISIT_FIRST_MEAL_SCORE: f64 = 1.0;
/// The score of a product's promised site: above any set of other sites,
/// below a meal.
pub(super) const PROMISE_SCORE: f64 = 2_000.0;
/// A sunrise visit is worth this much more than a daytime one, so that the
/// lodging is chosen to make it possible.
const SUNRISE_BONUS: f64 = 1.5;
/// The most optional sites a day offers the solver.
const SITES_PER_DAY: usize = 40;

/// What a stop of the problem stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum StopKind {
    Site(usize),
    Sunrise(usize),
    Meal(MealKind),
}

/// How one attempt at a plan weighs what it cannot have all of.
#[derive(Clone, Copy, Debug)]
pub(super) struct Policy {
    /// What a meal is worth to the solver: above any sites, unless a day
    /// would otherwise have no visit.
    pub meal_score: f64,
    /// Whether a product's promised sites must be placed.
    pub promises_firm: bool,
}

impl Policy {
    /// The first attempt: every meal and every promise kept.
    pub const FIRM: Policy = Policy {
        meal_score: MEAL_SCORE,
        promises_firm: true,
    };

    /// A day too short for both a sit-down meal and a visit gets the visit.
    pub fn visits_first(self) -> Policy {
        Policy {
            meal_score: VISIT_FIRST_MEAL_SCORE,
            ..self
        }
    }
}

/// The site stops of the problem and what each stands for: every site the
/// party may visit, with its windows on the days it may be visited.
pub(super) fn sites(
    trip: &Trip,
    policy: Policy,
    routes: &[Route],
    bounds: &[Bounds],
    sunrises: &[Sunrise],
    day_areas: &[Option<usize>],
) -> Result<(Vec<Stop>, Vec<StopKind>), Infeasible> {
    let days = routes.len();
    let mut stops = Vec::new();
    let mut kinds = Vec::new();
    for (index, site) in trip.pack.sites.iter().enumerate() {
        if trip.request.avoid.contains(&site.id) {
            continue;
        }
        let must = trip.request.must.iter().find(|m| m.site == site.id);
        if site.not_recommended() && must.is_none() {
            continue;
        }
        let promise = must.is_some_and(|m| m.promise);
        let demanded = must.is_some() && !promise;
        let location = trip.site_location(index);
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
                let visit = trip.visit_minutes(site);
                let windows = (0..days)
                    .map(|d| {
                        let on_pin = pinned == u8::try_from(d + 1).ok();
                        let elsewhere =
                            day_areas[d].is_some_and(|a| trip.area_of(location) != Some(a));
                        match pinned {
                            Some(_) if !on_pin => Vec::new(),
                            // A day keeps to its area; a demand or a pin goes anywhere.
                            _ if elsewhere && !on_pin && !demanded => Vec::new(),
                            _ if must.is_none() && !trip.in_season(site, d) => Vec::new(),
                            _ => windows(trip, index, d, &routes[d], visit, bounds[d]),
                        }
                    })
                    .collect();
                (StopKind::Site(index), visit, windows)
            }
        };
        if windows.iter().all(Vec::is_empty) {
            if demanded {
                return Err(cannot_visit(trip, site, pinned));
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
            trip.score(site)
        };
        stops.push(Stop {
            location,
            score: score * bonus,
            service: f64::from(service),
            windows,
            mandatory: demanded || (promise && policy.promises_firm),
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
    Ok((stops, kinds))
}

/// The service-start windows of `site` on day `d`, within the route and
/// the day's bounds.
pub(super) fn windows(
    trip: &Trip,
    index: usize,
    d: usize,
    route: &Route,
    visit: u32,
    bounds: Bounds,
) -> Vec<Window> {
    let open_from = (route.earliest)
        .max(f64::from(trip.pace.hours.start.minutes()))
        .max(bounds.from);
    let back = f64::from(visit + trip.minutes(trip.site_location(index), route.end));
    let close_by = route.latest.min(bounds.back_by - back + f64::from(visit));
    (trip.open[index][d].iter())
        .filter_map(|i| {
            let open = f64::from(i.open.minutes()).max(open_from);
            let close = f64::from(rules::latest_start(i, visit)?).min(close_by - f64::from(visit));
            (open <= close).then_some(Window::new(open, close))
        })
        .collect()
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

/// Why a demanded site has no time on its days.
fn cannot_visit(trip: &Trip, site: &Site, pinned: Option<u8>) -> Infeasible {
    let days: Vec<NaiveDate> = match pinned {
        Some(p) => vec![trip.dates[usize::from(p) - 1]],
        None => trip.dates.clone(),
    };
    let why = explain::closed_every_day(trip.pack, site, &days).map_or_else(
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
