//! The itinerary as an RFC 5545 calendar.

use super::Lang;
use crate::model::Pack;
use crate::plan::Itinerary;

pub fn render(pack: &Pack, itinerary: &Itinerary, lang: Lang) -> String {
    super::text::render(pack, itinerary, lang)
}
