//! hubs.toml: the `[[hub]]` entries, the stations and airports trips start
//! and end at.

use super::fields::area;
use crate::load::diagnostic::Diagnostic;
use crate::load::document::{Document, Entry};
use crate::load::raw::TomlHub;
use crate::load::scope::{Registry, Scope};
use crate::model::{Area, Hub, HubKind};

const HUB_KINDS: [(&str, HubKind); 3] = [
    ("rail", HubKind::Rail),
    ("coach", HubKind::Coach),
    ("airport", HubKind::Airport),
];

pub fn hubs_file<'f>(
    doc: &mut Document<'f>,
    areas: Option<&[Area]>,
    registry: &mut Registry<'f>,
    out: &mut Vec<Diagnostic>,
) -> (Vec<Hub>, Vec<String>) {
    let (hubs, ids) = doc.array::<TomlHub>("hub", out);
    let file = doc.file;
    let mut checked = Vec::new();
    for Entry { value: raw, .. } in hubs {
        let mut s = Scope::new(file, format!("hub \"{}\"", raw.id.get_ref()), out);
        let id = s
            .id(&raw.id)
            .filter(|_| registry.claim(&mut s, file, &raw.id));
        let name = s.text("name", &raw.name);
        let district = s.text("district", &raw.district);
        let area = area(&mut s, &raw.area, raw.district.get_ref(), areas);
        let coord = s.coord(&raw.lat, &raw.lon);
        let kind = s.choice("kind", &raw.kind, &HUB_KINDS);
        // The origin, the destination, or a third city a hub may serve.
        let city = s.id_field("city", &raw.city).map(|_| ());
        let provenance = s.provenance(
            &raw.source,
            &raw.estimated,
            &["name", "district", "lat", "lon"],
        );
        if let (
            Some(id),
            Some(name),
            Some(district),
            Some(area),
            Some(coord),
            Some(kind),
            Some(()),
        ) = (id, name, district, area, coord, kind, city)
        {
            let city = raw.city.into_inner();
            checked.push(Hub {
                id,
                name,
                district,
                area,
                coord,
                city,
                kind,
                provenance,
            });
        }
    }
    (checked, ids)
}
