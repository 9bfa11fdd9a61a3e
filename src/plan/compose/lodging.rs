//! The lodging: the hotels open on every night of the trip (in the
//! product's areas when any is), the provisional choice before the trains
//! are known (nearest the sunrise, the must-sees or the best sites), and the
//! rooms the party takes there and their nightly price.

use chrono::NaiveDate;

use super::super::error::{Infeasible, Refusal};
use super::super::itinerary::RoomCount;
use super::super::rooms;
use super::context::{Frame, Trip};
use crate::model::{MonthDay, Room, Site};
use crate::travel;

/// The lodgings open on every night of the trip; those in the areas of
/// a product's days before its nights (a night belongs to the day it
/// ends) when any is, as the product's summary promises.
pub(super) fn candidates(trip: &Trip) -> Vec<usize> {
    let open: Vec<usize> = (0..trip.pack.lodging.len())
        .filter(|&l| closed_night(trip, l).is_none())
        .collect();
    let nights = usize::from(trip.request.days.saturating_sub(1));
    let promised = |l: &usize| {
        let area = &trip.pack.lodging[*l].area;
        (trip.request.areas.iter().take(nights)).all(|day| day.is_empty() || day.contains(area))
    };
    let kept: Vec<usize> = open.iter().copied().filter(promised).collect();
    if kept.is_empty() { open } else { kept }
}

/// The first night of the trip the lodging is closed, if any.
fn closed_night(trip: &Trip, lodging: usize) -> Option<NaiveDate> {
    let open = trip.pack.lodging[lodging].open?;
    let nights = &trip.dates[..trip.dates.len() - 1];
    nights
        .iter()
        .copied()
        .find(|night| !open.contains(MonthDay::of(*night)))
}

/// Before trains are chosen: the open lodging nearest the must-see
/// sites, or nearest the best sites when there are none.
pub(super) fn provisional(trip: &Trip) -> Result<Option<usize>, Infeasible> {
    if trip.request.days == 1 {
        return Ok(None);
    }
    if let Some(id) = &trip.request.lodging {
        let lodging = trip.pack.lodging.iter().position(|l| &l.id == id);
        if let Some((l, night)) = lodging.and_then(|l| Some((l, closed_night(trip, l)?))) {
            let at = &trip.pack.lodging[l];
            let open = at
                .open
                .map_or(String::new(), |o| format!(" (open {} to {})", o.from, o.to));
            return Err(Infeasible::new(
                Refusal::NoLodging,
                format!(
                    "the lodging {} {} ({id}) is closed on the night of {night}{open}",
                    at.name.zh, at.name.en
                ),
            ));
        }
        return Ok(lodging);
    }
    let must: Vec<&Site> = trip
        .request
        .must
        .iter()
        .filter_map(|m| trip.pack.site(&m.site))
        .collect();
    // A sunrise asks for a night near it.
    let sunrise: Vec<&Site> = must.iter().copied().filter(|s| s.sunrise).collect();
    let anchors: Vec<&Site> = if !sunrise.is_empty() {
        sunrise
    } else if must.is_empty() {
        let mut sites: Vec<&Site> = trip.pack.sites.iter().collect();
        sites.sort_by(|a, b| trip.score(b).total_cmp(&trip.score(a)));
        sites.into_iter().take(3).collect()
    } else {
        must
    };
    let cost = |l: usize| -> f64 {
        let at = trip.pack.lodging[l].coord;
        anchors
            .iter()
            .map(|s| travel::straight_km(at, s.coord))
            .sum()
    };
    let nearest = (candidates(trip).into_iter()).min_by(|a, b| cost(*a).total_cmp(&cost(*b)));
    nearest.map(Some).ok_or_else(|| {
        Infeasible::new(
            Refusal::NoLodging,
            "no lodging of the pack is open on the trip's nights",
        )
    })
}

/// A night of the cheapest room a group takes at the frame's lodging: the
/// guide's room of their own. None on a day trip.
pub(super) fn staff_room_rate(trip: &Trip, frame: &Frame) -> f64 {
    let rooms = frame
        .lodging
        .map_or(&[][..], |l| &trip.pack.lodging[l].rooms[..]);
    let cheapest = |twins_only: bool| {
        (rooms.iter())
            .filter(|room| !twins_only || room.sleeps <= 2)
            .map(|room| room.price)
            .min_by(f64::total_cmp)
    };
    cheapest(true).or_else(|| cheapest(false)).unwrap_or(0.0)
}

/// The rooms the party takes at the frame's lodging, and what they cost a
/// night; none on a day trip.
pub(super) fn party_rooms(trip: &Trip, frame: &Frame) -> (Vec<RoomCount>, f64) {
    let party = trip.request.party;
    let lodging_rooms = frame.lodging.map(|l| &trip.pack.lodging[l].rooms[..]);
    // A tour group sleeps two to a room (标准间), whatever a family would take.
    let group_rooms: Option<Vec<Room>> = lodging_rooms
        .filter(|_| trip.legs.charter.is_some())
        .map(|r| r.iter().filter(|room| room.sleeps <= 2).cloned().collect())
        .filter(|twins: &Vec<Room>| !twins.is_empty());
    let lodging_rooms = group_rooms.as_deref().or(lodging_rooms);
    let rooms = lodging_rooms.map_or_else(Vec::new, |r| rooms::rooming(party, r));
    let nightly = lodging_rooms.map_or(0.0, |r| rooms::nightly(&rooms, r));
    (rooms, nightly)
}
