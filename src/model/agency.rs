//! A tour operator's profile: the name, licence and contacts that a plan is
//! printed under, and what the operator's price includes. Built only by
//! [`crate::load::load_agency`].

use std::collections::BTreeMap;

use super::{Fare, Pack, Text, TimeOfDay};

/// A travel agency, as its `agency.toml` describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Agency {
    pub name: Text,
    /// 旅行社业务经营许可证编号; a sample's starts with `SAMPLE-`.
    pub licence: String,
    /// A sample profile, to be marked as such wherever it is printed.
    pub sample: bool,
    pub phone: String,
    pub emergency_phone: String,
    pub address: Text,
    pub website: Option<String>,
    pub email: Option<String>,
    pub logo: Option<Logo>,
    pub meeting: Option<Meeting>,
    pub inclusions: Vec<Text>,
    pub exclusions: Vec<Text>,
    pub terms: Vec<Text>,
    /// Its contracted hotels and programmes, each in place of a placeholder of the pack.
    pub contracts: Vec<Contract>,
}

/// A hotel or programme the agency has contracted: it takes the place (and
/// the position, area and hours) of the pack's placeholder `replaces`.
#[derive(Clone, Debug, PartialEq)]
pub struct Contract {
    pub replaces: String,
    pub name: Text,
    pub address: String,
    pub phone: String,
    pub rates: Rates,
}

/// What the agency pays under a contract.
#[derive(Clone, Debug, PartialEq)]
pub enum Rates {
    /// A hotel's price a night, by the room ids of the lodging it replaces.
    Rooms(BTreeMap<String, f64>),
    /// A programme's price a person.
    Fare(Fare),
}

impl Agency {
    /// `pack` with the agency's contracts in place of the placeholders they
    /// replace: their names, addresses, phones and rates, no longer
    /// placeholders nor estimated prices. `plan` and `render` both print
    /// through it, so a saved plan prints as it was planned.
    pub fn contracted(&self, pack: &Pack) -> Pack {
        let mut pack = pack.clone();
        let sourced = |estimated: &mut Vec<String>, fields: &[&str]| {
            estimated.retain(|f| !fields.contains(&f.as_str()));
        };
        for contract in &self.contracts {
            let id = &contract.replaces;
            match &contract.rates {
                Rates::Rooms(rates) => {
                    let Some(hotel) = pack.lodging.iter_mut().find(|l| &l.id == id) else {
                        continue;
                    };
                    for room in &mut hotel.rooms {
                        room.price = rates.get(&room.id).copied().unwrap_or(room.price);
                    }
                    hotel.name = contract.name.clone();
                    hotel.placeholder = false;
                    hotel.address = Some(contract.address.clone());
                    hotel.phone = Some(contract.phone.clone());
                    sourced(
                        &mut hotel.provenance.estimated,
                        &["price_per_night", "room"],
                    );
                }
                Rates::Fare(fare) => {
                    let Some(site) = pack.sites.iter_mut().find(|s| &s.id == id) else {
                        continue;
                    };
                    site.price.base = *fare;
                    site.price.by_season.clear();
                    site.name = contract.name.clone();
                    site.placeholder = false;
                    site.address = Some(contract.address.clone());
                    site.phone = Some(contract.phone.clone());
                    sourced(&mut site.provenance.estimated, &["price"]);
                }
            }
        }
        pack
    }
}

/// The agency's logo, ready to embed in a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logo {
    /// `image/svg+xml` or `image/png`.
    pub media_type: &'static str,
    /// `data:<media_type>;base64,…`
    pub data_uri: String,
}

/// Where and when the group meets on the first morning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meeting {
    pub place: Text,
    pub time: TimeOfDay,
    pub note: Option<Text>,
}
