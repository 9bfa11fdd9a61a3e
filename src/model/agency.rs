//! A tour operator's profile: the name, licence and contacts that a plan is
//! printed under, and what the operator's price includes. Built only by
//! [`crate::load::load_agency`].

use super::{Text, TimeOfDay};

/// A travel agency, as its `agency.toml` describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
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
