//! Composition: a request and a pack become a TOPTW problem (one route a
//! day, sites as scored stops with each date's opening hours, meals and a
//! sunrise visit as stops of their own), and the solution becomes days of
//! timed events.
//!
//! [`plan`] runs the stages in order, each a module that takes plain data
//! and returns plain data, reading the shared [`context`]:
//! the frame ([`frame`]: trains or coach, with a provisional [`lodging`]),
//! screened by short solves ([`screen`]), then the lodging for those
//! trains; the routes ([`routes`]: the days' [`bounds`], the [`sunrise`]
//! slots, the [`day_areas`], the site [`stops`] and [`meals`], solved by
//! the core); and the itinerary ([`assemble`]: each day's [`timeline`]
//! laid out as [`events`], the rooms, the [`price`]s, the [`rides`] and the
//! [`notices`]), kept within the [`drivers`]' hours.

mod assemble;
mod bounds;
mod context;
mod day_areas;
mod drivers;
mod events;
mod frame;
mod lodging;
mod meals;
mod notices;
mod price;
mod rides;
mod routes;
mod screen;
mod stops;
mod sunrise;
mod timeline;

use super::error::Infeasible;
use super::itinerary::Itinerary;
use super::request::Request;
use crate::model::Pack;
use context::{Frame, Trip};
use stops::Policy;

/// Local-search iterations of the final solve: fixed, so that output is reproducible.
const ITERATIONS: u64 = 150;

/// Plans `request` on `pack`.
pub fn plan(pack: &Pack, request: &Request) -> Result<Itinerary, Infeasible> {
    let trip = Trip::new(pack, request)?;
    // The product's promises are kept as firmly as the user's demands; only
    // when no plan can keep them all are they let go, and said.
    match attempt(&trip, Policy::FIRM) {
        Ok(itinerary) => Ok(itinerary),
        Err(_) if request.must.iter().any(|m| m.promise) => {
            let loose = Policy {
                promises_firm: false,
                ..Policy::FIRM
            };
            attempt(&trip, loose)
        }
        Err(error) => Err(error),
    }
}

/// The plan under `policy`: trains first, with a provisional lodging; then
/// the lodging for those trains; then the final solve and its itinerary.
fn attempt(trip: &Trip, policy: Policy) -> Result<Itinerary, Infeasible> {
    let lodging = lodging::provisional(trip)?;
    let frames: Vec<Frame> = (frame::candidates(trip)?.into_iter())
        .map(|frame| Frame { lodging, ..frame })
        .collect();
    let (frame, screened) = screen::best_of(trip, policy, &frames)?;
    let (frame, screened) = screen::better_lodging(trip, policy, frame, screened);
    let composed = match routes::solve(trip, policy, &frame, ITERATIONS) {
        Ok(composed) if !screened.beats(&composed) => composed,
        _ => screened,
    };
    let itinerary = drivers::within_limits(trip, &frame, composed)?;
    if assemble::every_day_visits(trip, &frame, &itinerary).is_ok() {
        return Ok(itinerary);
    }
    // A day too short for both a sit-down meal and a visit gets the
    // visit, and a note to bring a packed meal.
    let policy = policy.visits_first();
    let composed = routes::solve(trip, policy, &frame, ITERATIONS)?;
    let itinerary = drivers::within_limits(trip, &frame, composed)?;
    assemble::every_day_visits(trip, &frame, &itinerary)?;
    Ok(itinerary)
}
