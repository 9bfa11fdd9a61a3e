//! The plan as delivered: days of timed events, the sites left out and why,
//! what the reader should know, and the totals. Everything here is a fact
//! with a stable code; the words belong to the renderers and their message
//! catalog. Serializes to the versioned JSON output contract
//! (`schema/itinerary.v1.json`), to which `render` adds the texts.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;
use serde::{Serialize, Serializer};

use super::request::Request;
use crate::model::{ClosedReason, MealKind, Span, Text, TimeOfDay};

/// The JSON output contract's version.
pub const SCHEMA: &str = "jingqin/itinerary/v1";

#[derive(Clone, Debug, Serialize)]
pub struct Itinerary {
    pub schema: &'static str,
    pub pack: String,
    /// The IANA zone of every time in the plan.
    #[serde(serialize_with = "zone_name")]
    pub timezone: Tz,
    pub request: Request,
    pub days: Vec<Day>,
    pub omitted: Vec<Omitted>,
    /// What holds for the whole trip.
    pub notices: Vec<Notice>,
    pub totals: Totals,
}

#[derive(Clone, Debug, Serialize)]
pub struct Day {
    /// 1-based.
    pub index: u8,
    pub date: NaiveDate,
    pub season: String,
    /// The area the day is spent in, when the plan keeps it to one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Where the night is spent; `None` on the last day.
    pub lodging: Option<String>,
    pub events: Vec<Event>,
    /// Bookings to make, cautions and estimates for this day's places, meals left out.
    pub notices: Vec<Notice>,
}

/// A moment of a day: minutes since that day's midnight, local time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Clock {
    pub date: NaiveDate,
    pub minutes: u32,
    /// Seconds the local time is ahead of UTC at this moment.
    utc_offset: i32,
}

impl Clock {
    /// `minutes` after midnight of `date` in `zone`. A time the clocks skip
    /// when they go forward takes the offset from before the change.
    pub fn new(date: NaiveDate, minutes: u32, zone: Tz) -> Clock {
        let local = Clock {
            date,
            minutes,
            utc_offset: 0,
        }
        .local();
        let offset = match zone.offset_from_local_datetime(&local).earliest() {
            Some(offset) => offset.fix(),
            None => zone.offset_from_utc_datetime(&local).fix(),
        };
        Clock {
            date,
            minutes,
            utc_offset: offset.local_minus_utc(),
        }
    }

    /// The local date and time; minutes past midnight may run into the next day.
    pub fn local(self) -> NaiveDateTime {
        NaiveDateTime::from(self.date) + chrono::Duration::minutes(i64::from(self.minutes))
    }

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
        let offset = chrono::FixedOffset::east_opt(self.utc_offset).ok_or_else(|| {
            serde::ser::Error::custom(format!("UTC offset {} s", self.utc_offset))
        })?;
        let text = (self.local().and_local_timezone(offset).single())
            .map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
            .ok_or_else(|| serde::ser::Error::custom("a time beyond the calendar"))?;
        serializer.serialize_str(&text)
    }
}

fn zone_name<S: Serializer>(zone: &Tz, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(zone.name())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TransferMode {
    Rail,
    Coach,
    Car,
    Walk,
    /// The group's chartered coach.
    Charter,
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
        /// On a chartered coach: minutes at the wheel, which the law limits.
        #[serde(skip_serializing_if = "Option::is_none")]
        driving_minutes: Option<u32>,
        /// On a chartered coach: the driver's rest stops within the ride.
        #[serde(skip_serializing_if = "is_zero")]
        rest_minutes: u32,
    },
    Visit {
        site: String,
        start: Clock,
        end: Clock,
        /// For the whole party.
        cost_cny: f64,
        /// Timed for the sunrise.
        sunrise: bool,
        /// When the sun rises there that morning, for a sunrise visit.
        #[serde(skip_serializing_if = "Option::is_none")]
        sun_up: Option<Clock>,
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

    pub fn end(&self) -> Clock {
        match self {
            Event::Transfer { end, .. } | Event::Visit { end, .. } | Event::Meal { end, .. } => {
                *end
            }
            Event::Lodging { start, .. } => *start,
        }
    }
}

fn is_zero(minutes: &u32) -> bool {
    *minutes == 0
}

fn one_decimal<S: Serializer>(km: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64((km * 10.0).round() / 10.0)
}

/// Something the reader should know about a day or the whole trip.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Notice {
    /// The site must be booked in advance.
    Booking { site: String },
    /// The pack's own note on the site.
    SiteNote { site: String },
    /// Who goes free or pays less at these sites of the day, by a pack
    /// concession (the cost already counts its shares).
    Concession {
        concession: String,
        sites: Vec<String>,
    },
    /// The site's opening hours are an estimate, to confirm before travel.
    HoursEstimated { site: String },
    /// The party waits for the site to open: the reason for a long wait.
    WaitToOpen { site: String, opens: TimeOfDay },
    /// No time for this meal within its window; bring a packed meal.
    MealSkipped { meal: MealKind, window: Span },
    /// The trains and coaches come from a sample timetable.
    SampleTimetable,
    /// The pack's calendar has no public holidays for these years of the trip.
    HolidaysUnknown { years: Vec<i32> },
    /// The cost covers tickets, fares and these rooms a night; not meals or local taxis.
    CostBasis { rooms: Vec<RoomCount> },
    /// The chartered coaches, for the trip's days, shared by the party.
    Coach {
        coaches: u32,
        days: u8,
        km: f64,
        cost_cny: f64,
        per_person_cny: f64,
    },
    /// Group tickets at these sites of the day; elsewhere the guide's tickets are counted.
    GroupRate { sites: Vec<String> },
    /// Tables to book for the group, meal by meal.
    GroupMeals {
        people: u32,
        meals: Vec<MealBooking>,
    },
    /// A product's promised site is not in the plan.
    PromiseMissed { site: String, why: Omission },
    /// A promised sunrise cannot be seen; the site is visited by day if at all.
    SunriseMissed { site: String, why: SunriseMiss },
    /// Sites that draw crowds or need booking, on a holiday or in the peak season.
    BookEarly {
        date: NaiveDate,
        occasion: Occasion,
        sites: Vec<String>,
    },
}

/// A group meal to book: when, and near which place.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MealBooking {
    pub day: u8,
    pub meal: MealKind,
    pub start: Clock,
    pub near: String,
}

/// Rooms of one kind taken each night.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoomCount {
    pub room: String,
    pub name: Text,
    pub count: u32,
}

/// Why a promised sunrise cannot be seen.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum SunriseMiss {
    /// No night at the destination before the morning.
    NoNight,
    /// Closed that morning.
    Closed { closure: Closure },
    /// It opens after the sun is up.
    OpensLate { opens: TimeOfDay, sun_up: TimeOfDay },
    /// The lodging is too far away for a dawn drive.
    TooFar { minutes: u32 },
    /// Seeing it would make the last day longer than the pace allows.
    DayTooLong,
}

/// When a site is busiest.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Occasion {
    Holiday { name: Text },
    Peak { season: Text },
}

impl Notice {
    /// The site the notice is about, if any.
    pub fn site(&self) -> Option<&str> {
        match self {
            Notice::Booking { site }
            | Notice::SiteNote { site }
            | Notice::HoursEstimated { site }
            | Notice::WaitToOpen { site, .. }
            | Notice::PromiseMissed { site, .. }
            | Notice::SunriseMissed { site, .. } => Some(site),
            _ => None,
        }
    }

    /// A warning that belongs at the top of the plan: a promise not kept.
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            Notice::PromiseMissed { .. }
                | Notice::SunriseMissed { .. }
                | Notice::HolidaysUnknown { .. }
        )
    }
}

/// The broad reason a site is left out: the v1 `reason` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OmitReason {
    Closed,
    Avoided,
    NoTime,
    Outscored,
}

/// Why a site is left out, precisely: the `code` field, with its facts.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Omission {
    /// Closed on every day it could be visited.
    Closed { closures: Vec<Closure> },
    /// Named in `request.avoid`.
    Avoided,
    /// Its visit fits none of the hours it is open within the trip's days.
    NoTime { visit_minutes: u32 },
    /// It would fit the hours, but lies in an area no day is spent in.
    OffTheWay,
    /// Out of the season it is worth a visit in (a bathing beach in winter).
    OutOfSeason,
    /// The pack rates it 0: not recommended (a pitfall by its own notes).
    NotRecommended,
    /// It could fit, but sites that score higher took the time.
    Outscored,
}

impl Omission {
    pub fn reason(&self) -> OmitReason {
        match self {
            Omission::Closed { .. } => OmitReason::Closed,
            Omission::Avoided => OmitReason::Avoided,
            Omission::NoTime { .. } | Omission::OffTheWay | Omission::OutOfSeason => {
                OmitReason::NoTime
            }
            Omission::Outscored | Omission::NotRecommended => OmitReason::Outscored,
        }
    }
}

/// A date a site is closed, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Closure {
    pub date: NaiveDate,
    #[serde(flatten)]
    pub why: ClosedReason,
}

impl fmt::Display for Closure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "on {} ({})", self.date, self.why)
    }
}

#[derive(Clone, Debug)]
pub struct Omitted {
    pub site: String,
    pub why: Omission,
}

impl Serialize for Omitted {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Wire<'a> {
            site: &'a str,
            reason: OmitReason,
            #[serde(flatten)]
            why: &'a Omission,
        }
        Wire {
            site: &self.site,
            reason: self.why.reason(),
            why: &self.why,
        }
        .serialize(serializer)
    }
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
