//! The drivers' hours: on a chartered coach or a self-drive, visits are let
//! go where a day would keep the driver at the wheel longer than the pack's
//! rules allow (a coach takes a second driver first, where the pack prices
//! one), each time the one whose loss saves the most driving (a self-drive
//! is then told it could take the train or stay a night), and the plan is
//! refused when a day would be left without a visit.

use super::super::error::{Infeasible, Refusal};
use super::super::itinerary::{Itinerary, Notice};
use super::super::rules;
use super::assemble;
use super::context::{Frame, Trip};
use super::price::driving;
use super::routes::Composed;
use super::stops::StopKind;

/// The itinerary of `composed`, with visits let go where a day would
/// drive the coach longer than its drivers may: each time the one whose
/// loss saves the most driving.
pub(super) fn within_limits(
    trip: &Trip,
    frame: &Frame,
    mut composed: Composed,
) -> Result<Itinerary, Infeasible> {
    let Some(&driving_rules) = trip.legs.driver else {
        return Ok(assemble::itinerary(trip, frame, composed));
    };
    let self_drive = trip.legs.charter.is_none();
    // A coach takes a second driver where the pack prices one, as agencies do.
    let second = trip
        .legs
        .charter
        .and_then(|group| group.coach.second_driver);
    let most = driving_rules.drivers + u32::from(second.is_some());
    let limit = rules::driving_limit(&driving_rules, most);
    let mut shortened = false;
    loop {
        let mut itinerary = assemble::itinerary(trip, frame, composed.clone());
        let Some(d) = itinerary.days.iter().position(|day| driving(day) > limit) else {
            if self_drive && shortened {
                itinerary.notices.push(Notice::DrivingHours {
                    daily_minutes: limit,
                });
            }
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
                .map(|w| trip.legs.driving(w[0], w[1]))
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
            let wheel = rules::wheel_time(driving(&itinerary.days[d]));
            let reason = if self_drive {
                format!(
                    "day {} would keep the driver at the wheel {wheel}, beyond the {} a day the pack's [group] driving rules allow a coach driver (kept for a private driver as a cautious choice); take the train (--mode rail) or add a night (--days {})",
                    d + 1,
                    rules::wheel_time(limit),
                    trip.request.days + 1
                )
            } else {
                format!(
                    "day {} would drive the coach {wheel} (rest stops not counted), beyond the {} a day its {} driver(s) may drive by the pack's [group] driving rules; plan more days, or use a pack with more drivers",
                    d + 1,
                    rules::wheel_time(limit),
                    most
                )
            };
            return Err(Infeasible::new(Refusal::NoTime, reason));
        };
        composed.solution.routes[d].visits.remove(drop);
        shortened = true;
    }
}
