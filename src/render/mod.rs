//! Rendering: turns what the library computed into one output format.

pub mod itinerary_text;
pub mod sites;
mod table;

use crate::plan::Itinerary;

/// The itinerary as JSON per the output contract, `schema/itinerary.v1.json`.
pub fn itinerary_json(itinerary: &Itinerary) -> String {
    let mut out = serde_json::to_string_pretty(itinerary).unwrap_or_default();
    out.push('\n');
    out
}
