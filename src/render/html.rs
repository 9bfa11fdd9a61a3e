//! The printable page and the embeddable fragment (askama templates).

use super::Lang;
use crate::model::Pack;
use crate::plan::Itinerary;

pub fn page(pack: &Pack, itinerary: &Itinerary, lang: Lang) -> String {
    super::text::render(pack, itinerary, lang)
}

pub fn fragment(pack: &Pack, itinerary: &Itinerary, lang: Lang) -> String {
    super::text::render(pack, itinerary, lang)
}
