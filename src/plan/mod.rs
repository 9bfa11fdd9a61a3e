//! Itinerary composition: the tourism rules (dates, opening hours, trains,
//! meals, nights, sunrise) on top of the domain-free [`crate::solve`] core.

mod areas;
mod compose;
mod error;
mod explain;
mod itinerary;
mod legs;
mod request;
mod rooms;
mod rules;
mod sun;
mod verify;

pub use compose::plan;
pub use error::{Infeasible, Refusal};
pub use itinerary::{
    Clock, Closure, Cost, Day, Event, ExtraTime, Itinerary, MealBooking, Notice, Occasion,
    Omission, OmitReason, Omitted, RideCost, RoomCount, SCHEMA, SunriseMiss, Totals, TransferMode,
    Vehicle, from_json,
};
pub use request::{
    Mode, MustSee, Party, Request, RequestError, RequestSpec, YEARS, next_saturday, parse_date,
    parse_interests, parse_party,
};
pub use rules::{EARLIEST_START_WITH_CARE, OPTIONAL_DAWN_BEFORE, TRAVEL_TOLERANCE_MINUTES};
pub use sun::sunset_minutes;
pub use verify::{Check, Problem, verify};
