//! The plan as delivered: days of timed events, the sites left out and why,
//! and the totals. Serializes to the versioned JSON output contract
//! (`schema/itinerary.v1.json`).

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use super::request::Request;
use crate::model::MealKind;

/// The JSON output contract's version.
pub const SCHEMA: &str = "jingqin/itinerary/v1";

#[derive(Clone, Debug, Serialize)]
pub struct Itinerary {
    pub schema: &'static str,
    pub pack: String,
    pub request: Request,
    pub days: Vec<Day>,
    pub omitted: Vec<Omitted>,
    pub warnings: Vec<String>,
    pub totals: Totals,
}

#[derive(Clone, Debug, Serialize)]
pub struct Day {
    /// 1-based.
    pub index: u8,
    pub date: NaiveDate,
    pub season: String,
    /// Where the night is spent; `None` on the last day.
    pub lodging: Option<String>,
    pub events: Vec<Event>,
    /// Bookings to make and cautions for this day's places.
    pub notes: Vec<String>,
}

/// A moment of a day: minutes since that day's midnight, local time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Clock {
    pub date: NaiveDate,
    pub minutes: u32,
}

impl Clock {
    pub fn hhmm(self) -> String {
        format!("{:02}:{:02}", self.minutes / 60, self.minutes % 60)
    }

    /// `HH:MM–HH:MM`, from this moment to `end`, as the event tables show it.
    pub fn span(self, end: Clock) -> String {
        format!("{}–{}", self.hhmm(), end.hhmm())
    }
}

impl Serialize for Clock {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Asia/Shanghai has been UTC+8 without daylight saving since 1991.
        let text = format!("{}T{}:00+08:00", self.date.format("%Y-%m-%d"), self.hhmm());
        serializer.serialize_str(&text)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TransferMode {
    Rail,
    Coach,
    Car,
    Walk,
}

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Event {
    Transfer {
        from: String,
        to: String,
        start: Clock,
        end: Clock,
        mode: TransferMode,
        service: Option<String>,
        #[serde(serialize_with = "one_decimal")]
        distance_km: f64,
        minutes: u32,
        /// For the whole party.
        cost_cny: f64,
    },
    Visit {
        site: String,
        start: Clock,
        end: Clock,
        /// For the whole party.
        cost_cny: f64,
        /// Timed for the sunrise.
        sunrise: bool,
    },
    Meal {
        meal: MealKind,
        start: Clock,
        end: Clock,
        /// The place the party is at.
        near: String,
    },
    Lodging {
        lodging: String,
        start: Clock,
    },
}

impl Event {
    pub fn start(&self) -> Clock {
        match self {
            Event::Transfer { start, .. }
            | Event::Visit { start, .. }
            | Event::Meal { start, .. }
            | Event::Lodging { start, .. } => *start,
        }
    }
}

fn one_decimal<S: Serializer>(km: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64((km * 10.0).round() / 10.0)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OmitReason {
    Closed,
    Avoided,
    NoTime,
    Outscored,
}

#[derive(Clone, Debug, Serialize)]
pub struct Omitted {
    pub site: String,
    pub reason: OmitReason,
    pub detail: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Totals {
    pub score: f64,
    pub visits: usize,
    pub travel_minutes: u32,
    pub cost_cny: Cost,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct Cost {
    pub per_person: f64,
    pub party: f64,
}
