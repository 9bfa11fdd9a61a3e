//! The timeline of a day: the solver's visits as they are lived. A meal is
//! taken where the party is, waits move to the end of the day's fixed
//! points (or to the lodging), and a long wait after a visit is more time
//! there while it is open.

use super::context::Trip;
use super::stops::StopKind;
use crate::solve::{self, Problem, Route};

/// The longest wait outside the lodging a plan leaves without a reason.
pub(super) const MAX_IDLE_MINUTES: u32 = 45;

/// A stop of a day as it is lived: where and when.
#[derive(Clone, Copy, Debug)]
pub(super) struct Step {
    pub stop: usize,
    pub location: usize,
    pub start: u32,
    pub end: u32,
}

/// The day's stops as they are lived: a meal is taken where the party
/// is (unless it is where the party goes next, the lodging or the
/// station), never at a detour just to eat; then waits move to the end
/// of the day's fixed points: a last dinner as late as its window
/// allows before the train, and on the last day every stop as late as it
/// can be, so that the slack is spent at the lodging in the morning rather
/// than at the station.
pub(super) fn lay_out(
    trip: &Trip,
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
            let arrive = now + trip.minutes(here, step.location);
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
        let home = now + trip.minutes(here, route.end);
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
    } else if trip.is_lodging(route.end) {
        steps.len()
    } else {
        steps.len() - trailing_meals
    };
    let mut limit = (route.latest.floor() as u32).saturating_sub(
        steps
            .last()
            .map_or(0, |s| trip.minutes(s.location, route.end)),
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
        limit = latest.saturating_sub(trip.minutes(before, steps[i].location));
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
        .find(|&l| trip.is_lodging(l));
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
                .saturating_sub(ready + trip.minutes(before, steps[i].location));
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
            .saturating_sub(trip.minutes(steps[i].location, steps[i + 1].location));
        let then_lodging = trip.is_lodging(steps[i + 1].location);
        if leave > steps[i].end + MAX_IDLE_MINUTES && !then_lodging {
            let closes = closing(trip, site, d, steps[i].start);
            steps[i].end = leave.min(closes).max(steps[i].end);
        }
    }
    steps
}

/// When the open interval of `site` on day `d` that holds `start` closes
/// (by sunset for a site seen from outside).
fn closing(trip: &Trip, site: usize, d: usize, start: u32) -> u32 {
    (trip.open[site][d].iter())
        .find(|i| i.open.minutes() <= start && start < i.close.minutes())
        .map_or(start, |i| i.close.minutes())
}
