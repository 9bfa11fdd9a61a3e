//! The pack's TOML as written: serde types that reject unknown fields and
//! keep the span of every value that validation may point at.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

type S<T> = Spanned<T>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlText {
    pub zh: String,
    pub en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlPackInfo {
    pub id: S<String>,
    pub name: S<TomlText>,
    pub timezone: S<String>,
    pub origin: Option<S<String>>,
    pub destination: S<String>,
    pub source: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlArea {
    pub id: S<String>,
    pub name: S<TomlText>,
}

/// `{ from = "06-01", to = "09-15" }`
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlDayRange {
    pub from: S<String>,
    pub to: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlSeason {
    pub id: S<String>,
    pub name: S<TomlText>,
    pub from: S<String>,
    pub to: S<String>,
    pub source: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlDay {
    pub start: S<String>,
    pub end: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlPace {
    pub start: S<String>,
    pub end: S<String>,
    pub slack: S<String>,
    pub span: Option<S<String>>,
    pub home_by: Option<S<String>>,
    pub visits: Option<S<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlPaces {
    pub relaxed: TomlPace,
    pub standard: TomlPace,
    pub packed: TomlPace,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlMeal {
    pub id: S<String>,
    pub name: S<TomlText>,
    pub window: S<Vec<S<String>>>,
    pub duration: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlTravel {
    pub speed_kmh: S<f64>,
    pub bands: Option<S<Vec<TomlBand>>>,
    pub detour: S<f64>,
    pub overhead: S<String>,
    pub min_km: Option<S<f64>>,
    pub max_km: Option<S<f64>>,
    pub source: S<String>,
    pub estimated: Option<S<Vec<S<String>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlBand {
    pub from_km: S<f64>,
    pub speed_kmh: S<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlTime {
    pub from: S<String>,
    pub to: S<String>,
    pub mode: S<String>,
    pub minutes: S<i64>,
    pub km: Option<S<f64>>,
    pub source: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlConcession {
    pub id: S<String>,
    pub sites: S<Vec<S<String>>>,
    pub child: Option<S<f64>>,
    pub senior: Option<S<f64>>,
    pub note: S<TomlText>,
    pub source: S<String>,
    pub estimated: Option<S<Vec<S<String>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlCalendar {
    pub source: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlHoliday {
    pub date: Option<S<String>>,
    pub from: Option<S<String>>,
    pub to: Option<S<String>>,
    pub name: S<TomlText>,
    pub status: S<String>,
    pub source: S<String>,
    #[serde(default)]
    pub day: Vec<TomlHolidayDay>,
}

/// `[[holiday.day]]`: a day of a holiday with a name of its own (除夕).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlHolidayDay {
    pub id: S<String>,
    pub date: S<String>,
    pub name: S<TomlText>,
    pub notes: Option<S<TomlText>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlFare {
    pub adult: S<f64>,
    pub child: S<f64>,
    pub senior: S<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlPrices {
    pub adult: S<f64>,
    pub child: S<f64>,
    pub senior: S<f64>,
    #[serde(default)]
    pub season: BTreeMap<S<String>, TomlFare>,
    pub group: Option<TomlGroupFare>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlGroupFare {
    pub adult: S<f64>,
    pub min_size: S<i64>,
    #[serde(default)]
    pub free: Option<S<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlGroup {
    pub min_size: S<i64>,
    pub meet: Option<S<String>>,
    pub boarding: S<String>,
    pub coach_walk: S<String>,
    pub staff: S<i64>,
    pub coach: TomlCoach,
    pub driving: TomlDriving,
    /// When a group leaves the origin: `["06:30", "07:00"]`.
    pub start: Option<S<Vec<S<String>>>>,
    /// The longest a coach leg between two stops may take.
    #[serde(default)]
    pub leg_caps: Vec<TomlLegCap>,
    /// CNY a day for each staff member's meals.
    pub staff_meals: Option<S<f64>>,
    pub source: S<String>,
    pub estimated: Option<S<Vec<S<String>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlCoach {
    pub per_day: S<f64>,
    pub per_km: Option<S<f64>>,
    pub seats: S<i64>,
    /// CNY a day for a second driver, on a day past the first's hours.
    pub second_driver: Option<S<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlLegCap {
    pub under_km: Option<S<f64>>,
    pub between: Option<S<Vec<S<String>>>>,
    pub max: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlDriving {
    pub continuous: S<String>,
    pub rest: S<String>,
    pub daily: S<String>,
    pub drivers: S<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlSite {
    pub id: S<String>,
    pub name: S<TomlText>,
    pub district: S<TomlText>,
    pub area: Option<S<String>>,
    pub address: Option<S<String>>,
    pub lat: S<f64>,
    pub lon: S<f64>,
    pub category: S<String>,
    pub tags: Vec<S<String>>,
    pub rating: S<f64>,
    pub visit: S<String>,
    pub min_visit: S<String>,
    pub price: TomlPrices,
    pub coach_walk: Option<S<String>>,
    pub hours: S<String>,
    #[serde(default)]
    pub sunrise: bool,
    #[serde(default)]
    pub sunrise_best: Vec<TomlDayRange>,
    #[serde(default)]
    pub dawn: bool,
    #[serde(default)]
    pub daylight: bool,
    #[serde(default)]
    pub booking: bool,
    #[serde(default)]
    pub crowds: bool,
    #[serde(default)]
    pub worth: Vec<TomlDayRange>,
    #[serde(default)]
    pub closed_on: Vec<S<String>>,
    pub holiday_extra: Option<S<String>>,
    #[serde(default)]
    pub holiday_booking: bool,
    #[serde(default)]
    pub worth_for: Vec<TomlPartyWorth>,
    pub notes: Option<S<TomlText>>,
    #[serde(default)]
    pub season_notes: Vec<TomlSeasonNote>,
    pub caveat: Option<S<TomlText>>,
    #[serde(default)]
    pub placeholder: bool,
    #[serde(default)]
    pub adult_only: bool,
    pub summary: S<TomlText>,
    pub source: S<String>,
    pub estimated: Option<S<Vec<S<String>>>>,
}

/// `{ from = "05-01", to = "08-31", text = { zh = "…", en = "…" } }`
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlSeasonNote {
    pub from: S<String>,
    pub to: S<String>,
    pub text: S<TomlText>,
}

/// `[[site.worth_for]]`: the site's worth to some parties at some times of year.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlPartyWorth {
    pub party: S<String>,
    pub from: S<String>,
    pub to: S<String>,
    pub weight: S<f64>,
    pub visit: Option<S<String>>,
    pub source: S<String>,
    pub estimated: Option<S<Vec<S<String>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlHub {
    pub id: S<String>,
    pub name: S<TomlText>,
    pub district: S<TomlText>,
    pub area: Option<S<String>>,
    pub lat: S<f64>,
    pub lon: S<f64>,
    pub city: S<String>,
    pub kind: S<String>,
    pub source: S<String>,
    pub estimated: Option<S<Vec<S<String>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlTimetable {
    pub sample: bool,
    pub note: S<TomlText>,
    pub presale_days: Option<S<i64>>,
    pub source: S<String>,
    pub estimated: Option<S<Vec<S<String>>>>,
}

/// `days = "daily"` or `days = ["Sa", "Su"]`.
#[derive(Deserialize)]
#[serde(untagged)]
pub enum TomlDays {
    Keyword(String),
    List(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlService {
    pub id: S<String>,
    pub mode: S<String>,
    pub from: S<String>,
    pub to: S<String>,
    pub depart: S<String>,
    pub arrive: S<String>,
    pub days: S<TomlDays>,
    pub valid_from: S<String>,
    pub valid_to: S<String>,
    pub sample: Option<S<bool>>,
    pub fare: TomlFare,
    pub source: S<String>,
    pub estimated: Option<S<Vec<S<String>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlLodging {
    pub id: S<String>,
    pub name: S<TomlText>,
    pub district: S<TomlText>,
    pub area: Option<S<String>>,
    pub lat: S<f64>,
    pub lon: S<f64>,
    pub kind: S<String>,
    pub price_per_night: S<f64>,
    pub open: Option<TomlDayRange>,
    #[serde(default)]
    pub room: Vec<TomlRoom>,
    #[serde(default)]
    pub placeholder: bool,
    pub summary: S<TomlText>,
    pub source: S<String>,
    pub estimated: Option<S<Vec<S<String>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlRoom {
    pub id: S<String>,
    pub name: S<TomlText>,
    pub sleeps: S<i64>,
    pub price: S<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlProductDay {
    #[serde(default)]
    pub areas: Vec<S<String>>,
    #[serde(default)]
    pub must: Vec<S<String>>,
    pub theme: Option<S<TomlText>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlProduct {
    pub id: S<String>,
    pub name: S<TomlText>,
    pub days: S<i64>,
    pub from: Option<S<String>>,
    pub must: Vec<S<String>>,
    pub interests: BTreeMap<S<String>, S<f64>>,
    pub pace: S<String>,
    #[serde(default)]
    pub day: Vec<TomlProductDay>,
    pub summary: S<TomlText>,
    pub source: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlRides {
    pub taxi: TomlTaxi,
    pub van: Option<TomlVan>,
    pub source: S<String>,
    pub estimated: Option<S<Vec<S<String>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlTaxi {
    pub flag_fall: S<f64>,
    pub flag_km: S<f64>,
    pub per_km: S<f64>,
    pub night: Option<S<f64>>,
    pub seats: S<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlVan {
    pub per_day: S<f64>,
    pub peak_per_day: Option<S<f64>>,
    #[serde(default)]
    pub peak: Vec<S<String>>,
    pub hours: S<String>,
    pub overtime: Option<S<f64>>,
    pub seats: S<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlDrive {
    pub fuel_price: S<f64>,
    pub consumption: S<f64>,
    pub toll_per_km: S<f64>,
    pub parking: S<f64>,
    #[serde(default)]
    pub site_parking: Vec<TomlSiteParking>,
    pub source: S<String>,
    pub estimated: Option<S<Vec<S<String>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TomlSiteParking {
    pub site: S<String>,
    pub per_hour: Option<S<f64>>,
    pub per_visit: Option<S<f64>>,
}
