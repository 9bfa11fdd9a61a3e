//! What a tour operator asks for, and how the words of the command line
//! (`adults=2,children=1`, `geziwo@2`) become a checked request.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::load::MAX_DAYS;
use crate::model::{Category, Pace, Pack};
use crate::suggest::closest;

/// How the party travels between Beijing and the destination.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Rail,
    /// A scheduled coach line.
    Coach,
    Car,
    /// A chartered coach with its driver, for a group, all the way.
    Charter,
}

/// Who travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub adults: u32,
    pub children: u32,
    pub seniors: u32,
}

impl Party {
    pub fn people(self) -> u32 {
        self.adults + self.children + self.seniors
    }
}

impl Default for Party {
    fn default() -> Self {
        Party {
            adults: 2,
            children: 0,
            seniors: 0,
        }
    }
}

/// A site that must be in the plan, on a given day if `day` is set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MustSee {
    pub site: String,
    pub day: Option<u8>,
    /// A product's promise rather than the user's demand: planned whenever
    /// it can be, and said at the top of the plan when it cannot.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub promise: bool,
}

/// A checked request: ids resolved against the pack, numbers in range.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Request {
    pub days: u8,
    pub product: Option<String>,
    pub date: NaiveDate,
    pub from: String,
    pub mode: Mode,
    pub party: Party,
    pub interests: BTreeMap<Category, f64>,
    pub must: Vec<MustSee>,
    pub avoid: Vec<String>,
    pub pace: Pace,
    pub lodging: Option<String>,
    /// For each day, the areas it may be spent in (the product's plan);
    /// empty when the planner chooses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<Vec<String>>,
    pub seed: u64,
}

/// A request as the user words it: names may be ids, Chinese or English names.
#[derive(Clone, Debug, Default)]
pub struct RequestSpec {
    pub days: Option<u8>,
    pub product: Option<String>,
    pub date: Option<NaiveDate>,
    pub from: Option<String>,
    pub mode: Option<Mode>,
    pub party: Option<Party>,
    pub interests: Option<BTreeMap<Category, f64>>,
    /// `site` or `site@day`.
    pub must: Vec<String>,
    pub avoid: Vec<String>,
    pub pace: Option<Pace>,
    pub lodging: Option<String>,
    pub seed: u64,
}

/// A request that cannot be understood against this pack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestError(pub String);

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RequestError {}

fn error<T>(message: impl Into<String>) -> Result<T, RequestError> {
    Err(RequestError(message.into()))
}

impl RequestSpec {
    /// Resolves names against `pack`; `today` decides the default date (the next Saturday).
    pub fn resolve(&self, pack: &Pack, today: NaiveDate) -> Result<Request, RequestError> {
        let product = match &self.product {
            Some(id) => Some(pack.product(id).ok_or_else(|| {
                let ids = pack.products.iter().map(|p| p.id.as_str());
                RequestError(format!("unknown product \"{id}\"{}", hint(id, ids)))
            })?),
            None => None,
        };
        let days = match (self.days, product) {
            (Some(days), _) => days,
            (None, Some(product)) => product.days,
            (None, None) => return error("say how long the trip is: --days N or --product ID"),
        };
        if !(1..=MAX_DAYS).contains(&days) {
            return error(format!("--days {days} is outside 1..{MAX_DAYS}"));
        }
        let party = self.party.unwrap_or_default();
        if party.people() == 0 {
            return error("the party is empty: give at least one adult, child or senior");
        }
        // A group takes the pack's chartered coach unless asked otherwise.
        let group = pack.group.as_ref();
        let mode = match self.mode {
            Some(mode) => mode,
            None if group.is_some_and(|g| party.people() >= g.min_size) => Mode::Charter,
            None => Mode::Rail,
        };
        if mode == Mode::Charter && group.is_none() {
            return error("the pack has no [group] rules for a chartered coach");
        }
        let meet = group
            .and_then(|g| g.meet.clone())
            .filter(|_| mode == Mode::Charter);
        let from = match (&self.from, meet, product.and_then(|p| p.from.as_ref())) {
            (Some(name), _, _) => resolve_hub(pack, name)?,
            (None, Some(id), _) => id,
            (None, None, Some(id)) => id.clone(),
            (None, None, None) => default_hub(pack, mode)?,
        };
        if mode == Mode::Charter && pack.hub(&from).is_some_and(|h| h.city != pack.info.origin) {
            return error(format!(
                "the chartered coach meets the group in the origin city; \"{from}\" is not there"
            ));
        }
        let date = self.date.unwrap_or_else(|| next_saturday(today));
        let mut must: Vec<MustSee> = Vec::new();
        // The product's day plan holds when the trip has its length.
        let plan = product
            .map(|p| p.plan.as_slice())
            .filter(|plan| plan.len() == usize::from(days))
            .unwrap_or_default();
        for id in product.map(|p| p.must.as_slice()).unwrap_or_default() {
            must.push(MustSee {
                site: id.clone(),
                day: None,
                promise: true,
            });
        }
        for (d, day) in plan.iter().enumerate() {
            for id in &day.must {
                must.retain(|m| &m.site != id);
                must.push(MustSee {
                    site: id.clone(),
                    day: u8::try_from(d + 1).ok(),
                    promise: true,
                });
            }
        }
        for word in &self.must {
            let (name, day) = match word.rsplit_once('@') {
                Some((name, day)) => {
                    let day = day.parse::<u8>().ok().filter(|d| (1..=days).contains(d));
                    let Some(day) = day else {
                        return error(format!("--must {word}: the day after @ must be 1..{days}"));
                    };
                    (name, Some(day))
                }
                None => (word.as_str(), None),
            };
            let site = resolve_site(pack, name)?;
            must.retain(|m| m.site != site);
            must.push(MustSee {
                site,
                day,
                promise: false,
            });
        }
        let avoid = self
            .avoid
            .iter()
            .map(|name| resolve_site(pack, name))
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(clash) = must.iter().find(|m| avoid.contains(&m.site)) {
            return error(format!("\"{}\" is both a must-see and avoided", clash.site));
        }
        let lodging = match &self.lodging {
            Some(name) => Some(resolve_lodging(pack, name)?),
            None => None,
        };
        Ok(Request {
            days,
            product: product.map(|p| p.id.clone()),
            date,
            from,
            mode,
            party,
            interests: self
                .interests
                .clone()
                .or_else(|| product.map(|p| p.interests.clone()))
                .unwrap_or_default(),
            must,
            avoid,
            pace: self
                .pace
                .or(product.map(|p| p.pace))
                .unwrap_or(Pace::Standard),
            lodging,
            areas: plan.iter().map(|day| day.areas.clone()).collect(),
            seed: self.seed,
        })
    }
}

/// The Saturday after `today` (a week later when today is a Saturday).
pub fn next_saturday(today: NaiveDate) -> NaiveDate {
    let ahead = (5 + 7 - today.weekday().num_days_from_monday()) % 7;
    today + chrono::Days::new(u64::from(if ahead == 0 { 7 } else { ahead }))
}

fn hint<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(wanted, candidates)
        .map(|c| format!("; did you mean \"{c}\"?"))
        .unwrap_or_default()
}

/// A site by id, Chinese name or English name (case-insensitive), or by a
/// part of its name that no other site's name has (`鸽子窝`).
fn resolve_site(pack: &Pack, name: &str) -> Result<String, RequestError> {
    let lower = name.to_lowercase();
    let found = pack
        .sites
        .iter()
        .find(|s| s.id == name || s.name.zh == name || s.name.en.to_lowercase() == lower);
    let partial: Vec<&crate::model::Site> = (pack.sites.iter())
        .filter(|_| !lower.is_empty())
        .filter(|s| s.name.zh.contains(name) || s.name.en.to_lowercase().contains(&lower))
        .collect();
    match (found, partial.as_slice()) {
        (Some(site), _) => Ok(site.id.clone()),
        (None, [site]) => Ok(site.id.clone()),
        (None, [_, _, ..]) => {
            let ids: Vec<String> = partial
                .iter()
                .map(|s| format!("{} ({})", s.id, s.name.zh))
                .collect();
            error(format!(
                "\"{name}\" names several sites: {}; give one of their ids",
                ids.join(", ")
            ))
        }
        (None, []) => {
            let names = pack
                .sites
                .iter()
                .flat_map(|s| [s.id.as_str(), s.name.en.as_str()]);
            error(format!("unknown site \"{name}\"{}", hint(name, names)))
        }
    }
}

fn resolve_hub(pack: &Pack, name: &str) -> Result<String, RequestError> {
    let lower = name.to_lowercase();
    let found = pack
        .hubs
        .iter()
        .find(|h| h.id == name || h.name.zh == name || h.name.en.to_lowercase() == lower);
    match found {
        Some(hub) if hub.city == pack.info.origin => Ok(hub.id.clone()),
        Some(hub) => error(format!(
            "--from {name}: {} is not in {}, where the pack's trips start",
            hub.name.en, pack.info.origin
        )),
        None => {
            let names = pack
                .hubs
                .iter()
                .filter(|h| h.city == pack.info.origin)
                .map(|h| h.id.as_str());
            error(format!("unknown hub \"{name}\"{}", hint(name, names)))
        }
    }
}

fn resolve_lodging(pack: &Pack, name: &str) -> Result<String, RequestError> {
    let lower = name.to_lowercase();
    let found = pack
        .lodging
        .iter()
        .find(|l| l.id == name || l.name.zh == name || l.name.en.to_lowercase() == lower);
    match found {
        Some(lodging) => Ok(lodging.id.clone()),
        None => {
            let names = pack.lodging.iter().map(|l| l.id.as_str());
            error(format!("unknown lodging \"{name}\"{}", hint(name, names)))
        }
    }
}

/// The origin's first rail hub for rail and car, its first coach station for coach.
fn default_hub(pack: &Pack, mode: Mode) -> Result<String, RequestError> {
    use crate::model::HubKind;
    let kind = if mode == Mode::Coach {
        HubKind::Coach
    } else {
        HubKind::Rail
    };
    pack.hubs
        .iter()
        .find(|h| h.city == pack.info.origin && h.kind == kind)
        .map(|h| h.id.clone())
        .ok_or_else(|| {
            RequestError("the pack has no hub in its origin city for this mode; give --from".into())
        })
}

/// The years a date may have: a plan's dates and their weekdays are only
/// meaningful within them, and no date arithmetic can leave them.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// `YYYY-MM-DD`, within [`YEARS`].
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("\"{text}\" is not a date; expected YYYY-MM-DD, e.g. 2027-07-16"))?;
    if !YEARS.contains(&date.year()) {
        return Err(format!(
            "{text} is outside the years {}–{}",
            YEARS.start(),
            YEARS.end()
        ));
    }
    Ok(date)
}

/// `adults=2,children=1,seniors=1`.
pub fn parse_party(text: &str) -> Result<Party, String> {
    let mut party = Party {
        adults: 0,
        children: 0,
        seniors: 0,
    };
    for (key, value) in pairs(text)? {
        let count: u32 = value
            .parse()
            .ok()
            .filter(|n| *n <= 60)
            .ok_or_else(|| format!("\"{value}\" is not a head count (0..60)"))?;
        match key {
            "adults" => party.adults = count,
            "children" => party.children = count,
            "seniors" => party.seniors = count,
            _ => return Err(format!("\"{key}\" is not adults, children or seniors")),
        }
    }
    Ok(party)
}

/// `culture=2,wellness=1`.
pub fn parse_interests(text: &str) -> Result<BTreeMap<Category, f64>, String> {
    let mut interests = BTreeMap::new();
    for (key, value) in pairs(text)? {
        let category = Category::ALL
            .into_iter()
            .find(|c| c.as_str() == key)
            .ok_or_else(|| {
                let all: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
                format!(
                    "\"{key}\" is not a category; expected one of {}",
                    all.join(", ")
                )
            })?;
        let weight: f64 = value
            .parse()
            .ok()
            .filter(|w: &f64| w.is_finite() && (0.0..=10.0).contains(w))
            .ok_or_else(|| format!("\"{value}\" is not a weight (0..10)"))?;
        interests.insert(category, weight);
    }
    if Category::ALL.iter().all(|c| interests.get(c) == Some(&0.0)) {
        return Err("every category weighs 0: nothing would be worth a visit".into());
    }
    Ok(interests)
}

fn pairs(text: &str) -> Result<Vec<(&str, &str)>, String> {
    text.split(',')
        .map(|pair| {
            pair.trim()
                .split_once('=')
                .map(|(k, v)| (k.trim(), v.trim()))
                .ok_or_else(|| format!("\"{pair}\" is not key=value"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_saturday_is_strictly_after_today() {
        let friday = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default();
        assert_eq!(next_saturday(friday).to_string(), "2026-11-28");
        let saturday = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default();
        assert_eq!(next_saturday(saturday).to_string(), "2026-12-05");
    }

    #[test]
    fn parses_party_and_interests() {
        let party = parse_party("adults=2,children=1, seniors=1");
        assert_eq!(
            party,
            Ok(Party {
                adults: 2,
                children: 1,
                seniors: 1
            })
        );
        assert!(parse_party("kids=2").is_err());
        let interests = parse_interests("culture=2,wellness=0.5");
        assert_eq!(interests.map(|i| i.len()), Ok(2));
        assert!(parse_interests("beaches=2").is_err());
    }
}
