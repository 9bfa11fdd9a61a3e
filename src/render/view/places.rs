//! The places of a trip (sites, lodgings, stations) in first-visit order,
//! each with its names, the driver's Chinese address and its coordinates:
//! the rows point into this list, the maps and the address card draw it.

use crate::model::{Coord, Pack};
use crate::plan::{Event, Itinerary};
use crate::render::catalog::{Language, Msg};
use crate::render::lang::{Bi, Lang};

/// What a place is; maps draw each with its own shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    Site,
    Lodging,
    Station,
}

impl PlaceKind {
    pub fn class(self) -> &'static str {
        match self {
            PlaceKind::Site => "site",
            PlaceKind::Lodging => "lodging",
            PlaceKind::Station => "station",
        }
    }
}

/// A place of the trip.
pub struct Place {
    pub id: String,
    pub kind: PlaceKind,
    pub name: Bi,
    /// The name in one language, for tight spots.
    pub short: Bi,
    /// What a driver needs, whatever the reader's language: the Chinese
    /// name, district and street address.
    pub name_zh: String,
    pub district_zh: String,
    pub address: Option<String>,
    /// A stand-in for a place not yet chosen: `address` says so.
    pub placeholder: bool,
    /// The English name, beside the Chinese on the address card, unless the
    /// reader asked for Chinese only.
    pub english: Option<String>,
    pub coord: Coord,
    /// In the destination area, rather than at the far (Beijing) end.
    pub local: bool,
    pub summary: Option<Bi>,
    pub source: String,
}

/// The distinct places of the trip in first-visit order.
pub(super) fn in_visit_order(pack: &Pack, itinerary: &Itinerary, lang: Lang) -> Vec<Place> {
    let mut places: Vec<Place> = Vec::new();
    let mut ids = vec![itinerary.request.from.as_str()];
    for event in itinerary.days.iter().flat_map(|d| &d.events) {
        match event {
            Event::Transfer { from, to, .. } => ids.extend([from.as_str(), to.as_str()]),
            Event::Visit { site, .. } => ids.push(site),
            Event::Meal { near, .. } => ids.push(near),
            Event::Lodging { lodging, .. } => ids.push(lodging),
        }
    }
    for id in ids {
        if places.iter().any(|p| p.id == id) {
            continue;
        }
        if let Some(place) = place(pack, id, lang) {
            places.push(place);
        }
    }
    places
}

/// The address card's line after the district: the street and phone, or
/// for a stand-in that the agency will name the place (the card is Chinese).
fn street(placeholder: bool, address: Option<&str>, phone: Option<&str>) -> Option<String> {
    if placeholder {
        return Some(Msg::PlaceholderCard.text(Language::Zh));
    }
    match (address, phone) {
        (Some(street), Some(phone)) => Some(format!("{street} ☎ {phone}")),
        (street, phone) => street.or(phone).map(str::to_owned),
    }
}

fn place(pack: &Pack, id: &str, lang: Lang) -> Option<Place> {
    let placeholder = (pack.site(id).map(|s| s.placeholder))
        .or_else(|| pack.lodging(id).map(|l| l.placeholder))
        .unwrap_or(false);
    let (kind, name, district, address, coord, local, summary, source) =
        if let Some(s) = pack.site(id) {
            let summary = Some(Bi::of(lang, &s.summary));
            let source = &s.provenance.source;
            (
                PlaceKind::Site,
                &s.name,
                &s.district,
                street(s.placeholder, s.address.as_deref(), s.phone.as_deref()),
                s.coord,
                true,
                summary,
                source,
            )
        } else if let Some(l) = pack.lodging(id) {
            let summary = Some(Bi::of(lang, &l.summary));
            let source = &l.provenance.source;
            (
                PlaceKind::Lodging,
                &l.name,
                &l.district,
                street(l.placeholder, l.address.as_deref(), l.phone.as_deref()),
                l.coord,
                true,
                summary,
                source,
            )
        } else {
            let h = pack.hub(id)?;
            let local = h.city == pack.info.destination;
            let source = &h.provenance.source;
            (
                PlaceKind::Station,
                &h.name,
                &h.district,
                None,
                h.coord,
                local,
                None,
                source,
            )
        };
    Some(Place {
        id: id.to_owned(),
        kind,
        name: Bi::of(lang, name),
        short: Bi::of(lang.compact(), name),
        name_zh: name.zh.clone(),
        district_zh: district.zh.clone(),
        address,
        placeholder,
        english: (lang != Lang::Zh).then(|| name.en.clone()),
        coord,
        local,
        summary,
        source: source.clone(),
    })
}
