//! Itinerary composition: the tourism rules (dates, opening hours, trains,
//! meals, nights, sunrise) on top of the domain-free [`crate::solve`] core.

mod areas;
mod compose;
mod explain;
mod itinerary;
mod request;
mod rooms;
mod sun;

pub use compose::{Infeasible, plan};
pub use itinerary::{
    Clock, Closure, Cost, Day, Event, Itinerary, Notice, Occasion, Omission, OmitReason, Omitted,
    RoomCount, SCHEMA, SunriseMiss, Totals, TransferMode,
};
pub use request::{
    Mode, MustSee, Party, Request, RequestError, RequestSpec, next_saturday, parse_interests,
    parse_party,
};
