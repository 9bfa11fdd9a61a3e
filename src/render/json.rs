//! The itinerary as JSON per the output contract, `schema/itinerary.v1.json`.

use crate::plan::Itinerary;

pub fn render(itinerary: &Itinerary) -> String {
    let mut out = serde_json::to_string_pretty(itinerary).unwrap_or_default();
    out.push('\n');
    out
}
