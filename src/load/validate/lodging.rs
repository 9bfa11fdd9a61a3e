//! lodging.toml: the `[[lodging]]` entries and their rooms.

use super::fields::{area, day_range};
use crate::load::diagnostic::Diagnostic;
use crate::load::document::{Document, Entry};
use crate::load::raw::{TomlLodging, TomlRoom};
use crate::load::scope::{Registry, Scope};
use crate::model::{Area, Lodging, LodgingKind, Room, Text};

pub fn lodging_file<'f>(
    doc: &mut Document<'f>,
    areas: Option<&[Area]>,
    registry: &mut Registry<'f>,
    out: &mut Vec<Diagnostic>,
) -> (Vec<Lodging>, Vec<String>) {
    let (lodging, ids) = doc.array::<TomlLodging>("lodging", out);
    let file = doc.file;
    let mut checked = Vec::new();
    for Entry { value: raw, .. } in lodging {
        let mut s = Scope::new(file, format!("lodging \"{}\"", raw.id.get_ref()), out);
        let id = s
            .id(&raw.id)
            .filter(|_| registry.claim(&mut s, file, &raw.id));
        let name = s.text("name", &raw.name);
        let district = s.text("district", &raw.district);
        let area = area(&mut s, &raw.area, raw.district.get_ref(), areas);
        let open = raw.open.as_ref().map(|r| day_range(&mut s, "open", r));
        let coord = s.coord(&raw.lat, &raw.lon);
        let kind = s.choice(
            "kind",
            &raw.kind,
            &[
                ("hotel", LodgingKind::Hotel),
                ("sanatorium", LodgingKind::Sanatorium),
            ],
        );
        let price = s.money("price_per_night", &raw.price_per_night);
        let rooms = rooms(&mut s, &raw.room, price);
        let summary = s.text("summary", &raw.summary);
        let provenance = s.provenance(
            &raw.source,
            &raw.estimated,
            &[
                "name",
                "district",
                "lat",
                "lon",
                "price_per_night",
                "room",
                "open",
            ],
        );
        let lodging = (|| {
            Some(Lodging {
                id: id?,
                name: name?,
                district: district?,
                area: area?,
                coord: coord?,
                kind: kind?,
                price_per_night: price?,
                open: open.map_or(Some(None), |o| o.map(Some))?,
                rooms: rooms?,
                placeholder: raw.placeholder,
                address: None,
                phone: None,
                summary: summary?,
                provenance,
            })
        })();
        checked.extend(lodging);
    }
    (checked, ids)
}

/// The most people a room may sleep.
const MAX_SLEEPS: i64 = 8;

/// A lodging's `[[lodging.room]]` entries; without any, one room for two
/// at `price_per_night`.
fn rooms(s: &mut Scope, raw: &[TomlRoom], price_per_night: Option<f64>) -> Option<Vec<Room>> {
    if raw.is_empty() {
        return Some(vec![Room {
            id: "double".into(),
            name: Text {
                zh: "双人间".into(),
                en: "double room".into(),
            },
            sleeps: 2,
            price: price_per_night?,
        }]);
    }
    let mut rooms = Vec::new();
    for room in raw {
        let id = s.id_field("room.id", &room.id);
        let name = s.text("room.name", &room.name);
        let sleeps = match u32::try_from(*room.sleeps.get_ref()) {
            Ok(n) if (1..=MAX_SLEEPS as u32).contains(&n) => Some(n),
            _ => {
                let message = format!(
                    "room.sleeps = {} is outside 1..{MAX_SLEEPS}",
                    room.sleeps.get_ref()
                );
                s.error(room.sleeps.span(), message);
                None
            }
        };
        let price = s.money("room.price", &room.price);
        if let (Some(id), Some(name), Some(sleeps), Some(price)) = (id, name, sleeps, price) {
            rooms.push(Room {
                id,
                name,
                sleeps,
                price,
            });
        }
    }
    (rooms.len() == raw.len()).then_some(rooms)
}
