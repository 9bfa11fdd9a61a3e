//! sites.toml: the `[[site]]` entries, their prices, seasons and opening
//! hours.

use std::collections::BTreeMap;

use super::fields::{CATEGORIES, area, count, day_range};
use crate::load::diagnostic::Diagnostic;
use crate::load::document::{Document, Entry};
use crate::load::raw::{TomlDayRange, TomlFare, TomlPartyWorth, TomlSite};
use crate::load::scope::{Registry, Scope};
use crate::model::{
    Area, Calendar, DayRange, GroupFare, Hours, PartyWorth, Prices, Season, SeasonNote, Site, Text,
    Travellers,
};

/// Sites, and the ids of all entries, valid or not.
pub fn sites_file<'f>(
    doc: &mut Document<'f>,
    calendar: &Calendar,
    seasons: Option<&[Season]>,
    areas: Option<&[Area]>,
    registry: &mut Registry<'f>,
    out: &mut Vec<Diagnostic>,
) -> (Vec<Site>, Vec<String>) {
    let (sites, ids) = doc.array::<TomlSite>("site", out);
    if ids.is_empty() {
        out.push(Diagnostic::at(
            doc.file,
            0..0,
            "no [[site]] entries; a pack needs at least one".into(),
        ));
    }
    let file = doc.file;
    let mut checked = Vec::new();
    let holidays = calendar.opening_hours_holidays();
    for Entry { value: raw, .. } in sites {
        let mut s = Scope::new(file, format!("site \"{}\"", raw.id.get_ref()), out);
        let id = s
            .id(&raw.id)
            .filter(|_| registry.claim(&mut s, file, &raw.id));
        let name = s.text("name", &raw.name);
        let district = s.text("district", &raw.district);
        let area = area(&mut s, &raw.area, raw.district.get_ref(), areas);
        let worth: Vec<Option<DayRange>> = (raw.worth.iter())
            .map(|range| day_range(&mut s, "worth", range))
            .collect();
        let sunrise_best: Vec<Option<DayRange>> = (raw.sunrise_best.iter())
            .map(|range| day_range(&mut s, "sunrise_best", range))
            .collect();
        let worth_for: Vec<Option<PartyWorth>> = (raw.worth_for.iter())
            .map(|entry| party_worth(&mut s, entry))
            .collect();
        let address = raw.address.as_ref().map(|a| s.non_empty("address", a));
        let coord = s.coord(&raw.lat, &raw.lon);
        let category = s.choice("category", &raw.category, &CATEGORIES);
        let rating = s.number("rating", &raw.rating, 0.0..=10.0);
        let visit = s.duration("visit", &raw.visit);
        let min_visit = s.duration("min_visit", &raw.min_visit);
        if let (Some(visit), Some(min)) = (visit, min_visit)
            && min > visit
        {
            s.error(
                raw.min_visit.span(),
                format!("min_visit {min} is longer than visit {visit}"),
            );
        }
        let base = s.fare(
            "price",
            &TomlFare {
                adult: raw.price.adult.clone(),
                child: raw.price.child.clone(),
                senior: raw.price.senior.clone(),
            },
        );
        let group = raw.price.group.as_ref().map(|g| {
            Some(GroupFare {
                adult: s.money("price.group.adult", &g.adult)?,
                min_size: count(&mut s, "price.group.min_size", &g.min_size, 2..=1000)?,
                free: match &g.free {
                    Some(free) => count(&mut s, "price.group.free", free, 0..=10)?,
                    None => 0,
                },
            })
        });
        let coach_walk = raw
            .coach_walk
            .as_ref()
            .map(|w| s.duration_or_zero("coach_walk", w));
        let mut by_season = BTreeMap::new();
        for (season, fare) in &raw.price.season {
            let known = seasons.is_none_or(|list| list.iter().any(|x| &x.id == season.get_ref()));
            if !known {
                let names: Vec<&str> = seasons
                    .unwrap_or_default()
                    .iter()
                    .map(|x| x.id.as_str())
                    .collect();
                s.error(
                    season.span(),
                    format!(
                        "price.season.{} names an unknown season; pack.toml defines: {}",
                        season.get_ref(),
                        if names.is_empty() {
                            "none".to_owned()
                        } else {
                            names.join(", ")
                        }
                    ),
                );
            }
            if let Some(fare) = s.fare(&format!("price.season.{}", season.get_ref()), fare) {
                by_season.insert(season.get_ref().clone(), fare);
            }
        }
        let hours = match Hours::parse(raw.hours.get_ref(), &holidays) {
            Ok(hours) => Some(hours),
            Err(error) => {
                // Point at the offending character: past the opening quote.
                let at = raw.hours.span().start + 1 + error.offset;
                s.error(
                    at..at + 1,
                    format!(
                        "hours = \"{}\" is not valid OpenStreetMap opening_hours: {}",
                        raw.hours.get_ref(),
                        error.message
                    ),
                );
                None
            }
        };
        let closures = closed_on(&mut s, &raw.closed_on, calendar);
        let hours = hours.map(|h| h.closed_on(closures));
        let holiday_extra = (raw.holiday_extra.as_ref()).map(|x| s.duration("holiday_extra", x));
        let notes = raw.notes.as_ref().map(|n| s.text("notes", n));
        let season_notes: Vec<Option<SeasonNote>> = (raw.season_notes.iter())
            .map(|note| {
                let days = day_range(
                    &mut s,
                    "season_notes",
                    &TomlDayRange {
                        from: note.from.clone(),
                        to: note.to.clone(),
                    },
                );
                let text = s.text("season_notes.text", &note.text);
                Some(SeasonNote {
                    days: days?,
                    text: text?,
                })
            })
            .collect();
        let caveat = raw.caveat.as_ref().map(|n| s.text("caveat", n));
        let summary = s.text("summary", &raw.summary);
        let tags: Vec<String> = raw
            .tags
            .iter()
            .filter_map(|t| s.non_empty("tag", t))
            .collect();
        let provenance = s.provenance(
            &raw.source,
            &raw.estimated,
            &[
                "lat",
                "lon",
                "rating",
                "visit",
                "min_visit",
                "price",
                "hours",
                "address",
                "district",
                "adult_only",
                "closed_on",
                "holiday_extra",
                "holiday_booking",
                "sunrise_best",
            ],
        );
        let site = (|| {
            Some(Site {
                id: id?,
                name: name?,
                district: district?,
                area: area?,
                address: address.map_or(Some(None), |a| a.map(Some))?,
                phone: None,
                coord: coord?,
                category: category?,
                tags,
                rating: rating?,
                visit: visit?,
                min_visit: min_visit.filter(|m| Some(*m) <= visit)?,
                price: Prices {
                    base: base?,
                    by_season,
                    group: group.map_or(Some(None), |g| g.map(Some))?,
                },
                coach_walk: coach_walk.map_or(Some(None), |w| w.map(Some))?,
                hours: hours?,
                sunrise: raw.sunrise,
                sunrise_best: sunrise_best.into_iter().collect::<Option<_>>()?,
                dawn: raw.dawn,
                daylight: raw.daylight,
                booking: raw.booking,
                crowds: raw.crowds,
                worth: worth.into_iter().collect::<Option<_>>()?,
                holiday_extra: holiday_extra.map_or(Some(None), |x| x.map(Some))?,
                holiday_booking: raw.holiday_booking,
                worth_for: worth_for.into_iter().collect::<Option<_>>()?,
                notes: notes.map_or(Some(None), |n| n.map(Some))?,
                season_notes: season_notes.into_iter().collect::<Option<_>>()?,
                caveat: caveat.map_or(Some(None), |n| n.map(Some))?,
                placeholder: raw.placeholder,
                adult_only: raw.adult_only,
                summary: summary?,
                provenance,
            })
        })();
        checked.extend(site);
    }
    (checked, ids)
}

/// The dates and names of the named holiday days (`[[holiday.day]]` ids of
/// calendar.toml) a site closes on, in every year of the calendar.
fn closed_on(
    s: &mut Scope,
    ids: &[toml::Spanned<String>],
    calendar: &Calendar,
) -> Vec<(chrono::NaiveDate, Text)> {
    let mut closures = Vec::new();
    for id in ids {
        let days: Vec<_> = (calendar.named_days())
            .filter(|d| &d.id == id.get_ref())
            .map(|d| (d.date, d.name.clone()))
            .collect();
        if days.is_empty() {
            let mut known: Vec<&str> = calendar.named_days().map(|d| d.id.as_str()).collect();
            known.sort_unstable();
            known.dedup();
            s.error(
                id.span(),
                format!(
                    "closed_on names \"{}\", which is no [[holiday.day]] id of calendar.toml; it defines: {}",
                    id.get_ref(),
                    if known.is_empty() { "none".to_owned() } else { known.join(", ") }
                ),
            );
        }
        closures.extend(days);
    }
    closures
}

/// Who `[[site.worth_for]]` may name.
const TRAVELLERS: [(&str, Travellers); 3] = [
    ("children", Travellers::Children),
    ("seniors", Travellers::Seniors),
    ("group", Travellers::Group),
];

/// One `[[site.worth_for]]`: who, when, the weight on the rating and the visit.
fn party_worth(s: &mut Scope, raw: &TomlPartyWorth) -> Option<PartyWorth> {
    let who = s.choice("worth_for.party", &raw.party, &TRAVELLERS);
    let when = day_range(
        s,
        "worth_for",
        &crate::load::raw::TomlDayRange {
            from: raw.from.clone(),
            to: raw.to.clone(),
        },
    );
    let weight = s.number("worth_for.weight", &raw.weight, 0.0..=10.0);
    let visit = raw.visit.as_ref().map(|v| s.duration("worth_for.visit", v));
    let provenance = s.provenance(
        &raw.source,
        &raw.estimated,
        &["from", "to", "weight", "visit"],
    );
    Some(PartyWorth {
        who: who?,
        when: when?,
        weight: weight?,
        visit: visit.map_or(Some(None), |v| v.map(Some))?,
        provenance,
    })
}
