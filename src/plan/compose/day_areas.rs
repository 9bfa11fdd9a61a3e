//! The area each day is spent in: the product's, or the one that gives the
//! day the best visits (its hours less meals and fixed visits, filled with
//! its open sites best first), with only the lodging's area on more than
//! one day.

use super::super::areas;
use super::bounds::Bounds;
use super::context::{Frame, Trip};
use super::stops::{MEAL_SCORE, PROMISE_SCORE};
use super::sunrise::Sunrise;
use super::{meals, stops};
use crate::solve::Route;

/// Time between two visits of one area, for choosing the days' areas.
const AREA_HOP_MINUTES: u32 = 15;

/// The area each day is spent in: the product's, or the one that gives
/// the day the best visits, with only the lodging's area on more than one day.
pub(super) fn choose(
    trip: &Trip,
    frame: &Frame,
    routes: &[Route],
    bounds: &[Bounds],
    sunrises: &[Sunrise],
) -> Vec<Option<usize>> {
    let days = routes.len();
    let every: Vec<usize> = (0..trip.area_ids.len()).collect();
    let candidates: Vec<Vec<usize>> = (0..days)
        .map(
            |d| match trip.request.areas.get(d).filter(|a| !a.is_empty()) {
                Some(ids) => (ids.iter())
                    .filter_map(|id| trip.area_ids.iter().position(|a| a == id))
                    .collect(),
                None => every.clone(),
            },
        )
        .collect();
    let lodging = frame
        .lodging
        .and_then(|l| trip.area_of(trip.lodging_location(l)));
    // What is already fixed on a day: a sunrise visit (which is then on
    // no other day), sites pinned to it.
    let sunrise_day = |site: usize| sunrises.iter().find(|s| s.site == site).map(|s| s.day);
    let fixed =
        |site: usize, d: usize| {
            sunrise_day(site) == Some(d)
                || trip.request.must.iter().any(|m| {
                    m.site == trip.pack.sites[site].id && m.day == u8::try_from(d + 1).ok()
                })
        };
    let hours = |d: usize| {
        let route = &routes[d];
        let from = route.earliest.max(bounds[d].from);
        let to = route.latest.min(bounds[d].back_by);
        let meals: u32 = (trip.pack.meals.iter())
            .filter(|m| meals::window(m, route).is_some())
            .map(|m| m.duration.0)
            .sum();
        let pinned: u32 = (0..trip.pack.sites.len())
            .filter(|&s| fixed(s, d))
            .map(|s| trip.visit_minutes(&trip.pack.sites[s]))
            .sum();
        to - from - f64::from(meals + pinned)
    };
    let value = |area: usize, on: &[usize]| -> f64 {
        let sites: Vec<usize> = (0..trip.pack.sites.len())
            .filter(|&s| trip.area_of(s) == Some(area))
            .filter(|&s| !trip.request.avoid.contains(&trip.pack.sites[s].id))
            .collect();
        let mut budget = 0.0;
        let mut open: Vec<usize> = Vec::new();
        for &d in on {
            let route = &routes[d];
            let way_in = sites.iter().map(|&s| trip.minutes(route.start, s)).min();
            let way_out = sites.iter().map(|&s| trip.minutes(s, route.end)).min();
            let (Some(way_in), Some(way_out)) = (way_in, way_out) else {
                continue;
            };
            budget += (hours(d) - f64::from(way_in + way_out)).max(0.0);
            for &s in &sites {
                let site = &trip.pack.sites[s];
                let must = trip.request.must.iter().any(|m| m.site == site.id);
                let fits = !fixed(s, d)
                    && sunrise_day(s).is_none()
                    && (must || trip.in_season(site, d))
                    && !stops::windows(trip, s, d, route, trip.visit_minutes(site), bounds[d])
                        .is_empty();
                if fits && !open.contains(&s) {
                    open.push(s);
                }
            }
        }
        let worth = |s: usize| {
            let site = &trip.pack.sites[s];
            match trip.request.must.iter().find(|m| m.site == site.id) {
                Some(m) if !m.promise => MEAL_SCORE * 10.0,
                Some(_) => PROMISE_SCORE,
                None => trip.score(site),
            }
        };
        open.sort_by(|a, b| worth(*b).total_cmp(&worth(*a)));
        let (mut used, mut total) = (0.0, 0.0);
        for s in open {
            let hop = if used > 0.0 { AREA_HOP_MINUTES } else { 0 };
            let visit = f64::from(trip.visit_minutes(&trip.pack.sites[s]) + hop);
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
        let fixed = trip.request.areas.get(d).is_some_and(|a| !a.is_empty());
        if area.is_none() && fixed {
            *area = candidates[d].first().copied();
        }
    }
    got
}
