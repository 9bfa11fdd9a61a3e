//! An agency profile's `[[hotel]]` and `[[programme]]` entries: the hotels
//! and programmes it has contracted, each replacing a placeholder of the
//! pack. Checked against the pack when one is given: the placeholder must
//! exist and be one, and a hotel must price every room of it.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::diagnostic::Diagnostic;
use super::document::{Document, Entry};
use super::raw::{TomlFare, TomlText};
use super::scope::Scope;
use crate::model::{Contract, Pack, Rates};

type S<T> = Spanned<T>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlHotel {
    replaces: S<String>,
    name: S<TomlText>,
    address: S<String>,
    phone: S<String>,
    /// CNY a night, by room id.
    rooms: BTreeMap<String, S<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlProgramme {
    replaces: S<String>,
    name: S<TomlText>,
    address: S<String>,
    phone: S<String>,
    price: TomlFare,
}

/// The contracts of the profile in `doc`; those with problems are reported and left out.
pub(super) fn contracts(
    doc: &mut Document,
    pack: Option<&Pack>,
    phone: impl Fn(&mut Scope, &str, &S<String>) -> Option<String>,
    out: &mut Vec<Diagnostic>,
) -> Vec<Contract> {
    let file = doc.file;
    let (hotels, _) = doc.array::<TomlHotel>("hotel", out);
    let (programmes, _) = doc.array::<TomlProgramme>("programme", out);
    let mut contracts = Vec::new();
    for Entry { value: raw, .. } in hotels {
        let label = format!("hotel \"{}\"", raw.replaces.get_ref());
        let mut s = Scope::new(file, label, out);
        let mut rooms = BTreeMap::new();
        for (room, price) in &raw.rooms {
            rooms.extend(
                s.money(&format!("rooms.{room}"), price)
                    .map(|p| (room.clone(), p)),
            );
        }
        if let Some(pack) = pack {
            let found = pack.lodging(raw.replaces.get_ref());
            let placeholders = (pack.lodging.iter())
                .filter(|l| l.placeholder)
                .map(|l| &l.id);
            match found.filter(|l| l.placeholder) {
                None => stand_in(&mut s, &raw.replaces, "lodging", placeholders),
                Some(lodging) => {
                    let ids: Vec<&str> = lodging.rooms.iter().map(|r| r.id.as_str()).collect();
                    let priced = |id: &&str| raw.rooms.contains_key(*id);
                    if raw.rooms.keys().any(|r| !ids.contains(&r.as_str()))
                        || !ids.iter().all(priced)
                    {
                        let span = raw.replaces.span();
                        s.error(
                            span,
                            format!(
                                "rooms must price each room of the lodging, and only those: {}",
                                ids.join(", ")
                            ),
                        );
                    }
                }
            }
        }
        contracts.extend(contract(
            &mut s,
            &raw.replaces,
            &raw.name,
            &raw.address,
            &raw.phone,
            &phone,
            Rates::Rooms(rooms),
        ));
    }
    for Entry { value: raw, .. } in programmes {
        let label = format!("programme \"{}\"", raw.replaces.get_ref());
        let mut s = Scope::new(file, label, out);
        let fare = s.fare("price", &raw.price);
        if let Some(pack) = pack {
            let found = pack.site(raw.replaces.get_ref()).filter(|s| s.placeholder);
            if found.is_none() {
                let placeholders = (pack.sites.iter()).filter(|s| s.placeholder).map(|s| &s.id);
                stand_in(&mut s, &raw.replaces, "site", placeholders);
            }
        }
        let Some(fare) = fare else { continue };
        contracts.extend(contract(
            &mut s,
            &raw.replaces,
            &raw.name,
            &raw.address,
            &raw.phone,
            &phone,
            Rates::Fare(fare),
        ));
    }
    contracts
}

/// `replaces` names no placeholder `kind` of the pack.
fn stand_in<'p>(
    s: &mut Scope,
    replaces: &S<String>,
    kind: &str,
    placeholders: impl Iterator<Item = &'p String>,
) {
    let list: Vec<&str> = placeholders.map(String::as_str).collect();
    s.error(
        replaces.span(),
        format!(
            "replaces = \"{}\" is not a placeholder {kind} of the pack; its placeholders: {}",
            replaces.get_ref(),
            if list.is_empty() {
                "none".to_owned()
            } else {
                list.join(", ")
            }
        ),
    );
}

fn contract(
    s: &mut Scope,
    replaces: &S<String>,
    name: &S<TomlText>,
    address: &S<String>,
    phone_raw: &S<String>,
    phone: &impl Fn(&mut Scope, &str, &S<String>) -> Option<String>,
    rates: Rates,
) -> Option<Contract> {
    let replaces = s.id_field("replaces", replaces);
    let name = s.text("name", name);
    let address = s.non_empty("address", address);
    let phone = phone(s, "phone", phone_raw);
    Some(Contract {
        replaces: replaces?,
        name: name?,
        address: address?,
        phone: phone?,
        rates,
    })
}
