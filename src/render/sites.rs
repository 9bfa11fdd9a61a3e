//! The `jingqin sites` listing: every site, and with a date, its hours that
//! day or why it is closed.

use chrono::NaiveDate;
use serde::Serialize;

use super::table::Table;
use crate::model::{Category, DayHours, Fare, Pack, Site, Text};

/// One site as listed, with its hours on the asked date if there is one.
#[derive(Serialize)]
pub struct SiteEntry<'a> {
    pub id: &'a str,
    pub name: &'a Text,
    pub district: &'a Text,
    pub category: Category,
    pub rating: f64,
    pub hours: &'a str,
    pub price: Fare,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_date: Option<DateStatus>,
}

/// A site's state on one date.
#[derive(Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum DateStatus {
    Open { intervals: Vec<String> },
    Closed { reason: String },
}

/// The listing of `pack`'s sites, with each one's status on `date` if given.
pub fn entries(pack: &Pack, date: Option<NaiveDate>) -> Vec<SiteEntry<'_>> {
    pack.sites
        .iter()
        .map(|site| SiteEntry {
            id: &site.id,
            name: &site.name,
            district: &site.district,
            category: site.category,
            rating: site.rating,
            hours: site.hours.as_str(),
            price: price(pack, site, date),
            on_date: date.map(|date| status(pack, site, date)),
        })
        .collect()
}

fn price(pack: &Pack, site: &Site, date: Option<NaiveDate>) -> Fare {
    match date {
        Some(date) => pack.site_fare(site, pack.season_on(date)),
        None => site.price.base,
    }
}

fn status(pack: &Pack, site: &Site, date: NaiveDate) -> DateStatus {
    match site.hours.on(date, &pack.calendar) {
        DayHours::Open(intervals) => DateStatus::Open {
            intervals: intervals
                .iter()
                .map(|i| format!("{}-{}", i.open, i.close))
                .collect(),
        },
        DayHours::Closed(reason) => DateStatus::Closed {
            reason: reason.to_string(),
        },
    }
}

pub fn json(entries: &[SiteEntry]) -> String {
    super::lists::json(&entries)
}

pub fn text(pack: &Pack, entries: &[SiteEntry], date: Option<NaiveDate>) -> String {
    let mut out = match date {
        Some(date) => {
            let season = pack.season_on(date);
            let holiday = pack.calendar.holiday_on(date);
            let holiday = holiday.map(|h| format!(", {} {}", h.name.zh, h.name.en));
            format!(
                "{} sites on {} ({}, season: {season}{})\n\n",
                entries.len(),
                date.format("%Y-%m-%d"),
                date.format("%A"),
                holiday.unwrap_or_default()
            )
        }
        None => format!("{} sites in {}\n\n", entries.len(), pack.info.id),
    };
    let mut table = Table::default();
    let last = if date.is_some() {
        "that day"
    } else {
        "opening hours"
    };
    table.row(
        ["id", "name", "", "category", "rating", "adult ¥", last]
            .map(str::to_owned)
            .to_vec(),
    );
    for entry in entries {
        let hours = match &entry.on_date {
            None => entry.hours.to_owned(),
            Some(DateStatus::Open { intervals }) => intervals.join(", "),
            Some(DateStatus::Closed { reason }) => format!("closed: {reason}"),
        };
        table.row(vec![
            entry.id.to_owned(),
            entry.name.zh.clone(),
            entry.name.en.clone(),
            entry.category.as_str().to_owned(),
            format!("{:.1}", entry.rating),
            format!("{}", entry.price.adult),
            hours,
        ]);
    }
    out.push_str(&table.render("", usize::MAX));
    out
}
