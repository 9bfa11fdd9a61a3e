//! Screening: candidate frames (trains, lodgings) compared by a short solve
//! of each, run on all cores, the best kept: first the trains, then the lodging.

use super::super::error::{Infeasible, Refusal};
use super::context::{Frame, Trip};
use super::lodging;
use super::routes::{self, Composed};
use super::stops::Policy;

/// Local-search iterations of the solves that screen trains and lodgings:
/// fixed, so that output is reproducible.
const SCREENING_ITERATIONS: u64 = 25;

/// The best of `frames` by a short solve of each, run on all cores; ties
/// go to the earlier frame, so the choice does not depend on the cores.
pub(super) fn best_of(
    trip: &Trip,
    policy: Policy,
    frames: &[Frame],
) -> Result<(Frame, Composed), Infeasible> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = cores.clamp(1, frames.len().max(1));
    let mut results: Vec<Option<Result<Composed, Infeasible>>> = Vec::new();
    results.resize_with(frames.len(), || None);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                scope.spawn(move || {
                    let mine = frames.iter().enumerate().skip(w).step_by(workers);
                    let solved = mine
                        .map(|(i, f)| (i, routes::solve(trip, policy, f, SCREENING_ITERATIONS)));
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

/// The best lodging for `frame`'s trains, when the request leaves it open
/// on a trip with nights: `frame` and its solve as they are unless a
/// candidate lodging beats them.
pub(super) fn better_lodging(
    trip: &Trip,
    policy: Policy,
    frame: Frame,
    screened: Composed,
) -> (Frame, Composed) {
    if trip.request.lodging.is_some() || trip.request.days <= 1 {
        return (frame, screened);
    }
    let lodgings: Vec<Frame> = (lodging::candidates(trip).into_iter())
        .map(|l| Frame {
            lodging: Some(l),
            ..frame
        })
        .collect();
    match best_of(trip, policy, &lodgings) {
        Ok((better, composed)) if composed.beats(&screened) => (better, composed),
        _ => (frame, screened),
    }
}
