//! The public holidays a pack knows, by year.

use chrono::NaiveDate;
use serde::Serialize;

use super::Text;

/// Public holidays, the `PH` of opening hours.
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    pub source: String,
    pub holidays: Vec<Holiday>,
}

impl Calendar {
    pub fn holiday_on(&self, date: NaiveDate) -> Option<&Holiday> {
        self.holidays
            .iter()
            .find(|h| h.from <= date && date <= h.to)
    }

    /// Every named day of every holiday.
    pub fn named_days(&self) -> impl Iterator<Item = &HolidayDay> {
        self.holidays.iter().flat_map(|h| &h.days)
    }

    /// The first and last year with holidays in the calendar.
    pub fn years(&self) -> Option<(i32, i32)> {
        use chrono::Datelike;
        let first = self.holidays.iter().map(|h| h.from.year()).min()?;
        let last = self.holidays.iter().map(|h| h.to.year()).max()?;
        Some((first, last))
    }

    /// Whether the calendar knows the public holidays of `date`'s year.
    pub fn covers(&self, date: NaiveDate) -> bool {
        use chrono::Datelike;
        self.years()
            .is_some_and(|(first, last)| (first..=last).contains(&date.year()))
    }
}

#[derive(Clone, Debug)]
pub struct Holiday {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub name: Text,
    pub status: HolidayStatus,
    pub source: String,
    /// Its days with names of their own (除夕, 初一), in date order.
    pub days: Vec<HolidayDay>,
}

/// A day of a holiday with a name of its own, which sites may close on.
#[derive(Clone, Debug)]
pub struct HolidayDay {
    /// The same for that day in every year (`chuxi`).
    pub id: String,
    pub date: NaiveDate,
    pub name: Text,
    /// What the day means for a visitor (small restaurants shut).
    pub notes: Option<Text>,
}

impl Holiday {
    /// The day of `date` with a name of its own, if it has one.
    pub fn day(&self, date: NaiveDate) -> Option<&HolidayDay> {
        self.days.iter().find(|d| d.date == date)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HolidayStatus {
    /// Published by the State Council, with its bridging days.
    Official,
    /// The days the law fixes; the year's arrangement is not yet published.
    Statutory,
}
