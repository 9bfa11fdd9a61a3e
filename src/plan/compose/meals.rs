//! The meals as stops of the routing problem: one of each kind on every day
//! whose hours span its window, offered at a few places spread over where
//! the day can be; breakfast at the lodging.

use super::super::rules;
use super::bounds::Bounds;
use super::context::Trip;
use super::stops::{Policy, StopKind};
use crate::model::{Meal, MealKind};
use crate::solve::{Route, Stop, Window};

/// Meal places closer than this to one already offered add nothing.
const MEAL_SPOT_KM: f64 = 0.5;
/// The most places a day's meals are offered at.
const MAX_MEAL_PLACES: usize = 24;

/// One meal of each kind on every day whose hours span its window, at
/// the places the day can be: the start, the end and the open sites.
/// Breakfast is at the lodging, on the days that start there.
pub(super) fn add(
    trip: &Trip,
    policy: Policy,
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
        spots.retain(|&spot| !trip.legs.in_origin[spot]);
        let mut radius = MEAL_SPOT_KM;
        let places = loop {
            let mut places: Vec<usize> = Vec::new();
            for &spot in &spots {
                let near =
                    |p: &usize| trip.leg(*p, spot).km <= radius && trip.leg(spot, *p).km <= radius;
                if !places.iter().any(near) {
                    places.push(spot);
                }
            }
            if places.len() <= MAX_MEAL_PLACES {
                break places;
            }
            radius *= 2.0;
        };
        for meal in &trip.pack.meals {
            let Some(window) = window(meal, route) else {
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
                    let open = window.open.max(f64::from(trip.pace.hours.start.minutes()));
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
                let back = f64::from(meal.duration.0 + trip.minutes(location, route.end));
                let close = match location == route.end {
                    true => window.close,
                    false => window.close.min(bounds[d].back_by - back),
                };
                if close < window.open {
                    continue;
                }
                let mut windows = vec![Vec::new(); routes.len()];
                windows[d].push(Window::new(window.open, close));
                // A group's breakfast at the lodging is never left out.
                let group_breakfast =
                    trip.legs.charter.is_some() && meal.kind == MealKind::Breakfast;
                stops.push(Stop {
                    location,
                    score: policy.meal_score,
                    service: f64::from(meal.duration.0),
                    windows,
                    mandatory: group_breakfast,
                });
                kinds.push(StopKind::Meal(meal.kind));
            }
        }
    }
}

/// The service-start window of `meal` on a route, if the route spans it.
/// Lunch and dinner, offered at several places, start less than one meal
/// apart, so that a day gets one meal of a kind; breakfast is at the lodging only.
pub(super) fn window(meal: &Meal, route: &Route) -> Option<Window> {
    let duration = meal.duration.0;
    let open = f64::from(meal.window.start.minutes()).max(route.earliest);
    let latest_start = match meal.kind {
        MealKind::Breakfast => rules::meal_latest_start(meal),
        _ => rules::meal_latest_start(meal).min(meal.window.start.minutes() + duration - 1),
    };
    let close = f64::from(latest_start).min(route.latest - f64::from(duration));
    (open <= close).then_some(Window::new(open, close))
}
