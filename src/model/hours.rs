//! Opening hours: OpenStreetMap `opening_hours` rules evaluated by the
//! `opening-hours` crate with the pack's public holidays as `PH`.

use std::fmt;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate, Weekday};
use compact_calendar::CompactCalendar;
use opening_hours::{Context, ContextHolidays, OpeningHours, RuleKind};
use serde::{Deserialize, Serialize, Serializer};

use super::{Calendar, Text, TimeOfDay};

/// A site's opening hours, as written and as parsed.
#[derive(Clone, Debug)]
pub struct Hours {
    text: String,
    rule: OpeningHours,
    /// Named holiday days the site closes on (`closed_on` in the pack), with their names.
    closures: Vec<(NaiveDate, Text)>,
}

/// An open stretch of one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval {
    pub open: TimeOfDay,
    pub close: TimeOfDay,
}

/// What a site's hours say about one date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DayHours {
    Open(Vec<Interval>),
    Closed(ClosedReason),
}

/// Why a site is closed all day; serialized with a stable `reason` code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", content = "detail", rename_all = "snake_case")]
pub enum ClosedReason {
    /// Closed on this public holiday, open on other days of the week.
    PublicHoliday(Text),
    /// Closed on this weekday, open on others of the same week; chrono
    /// reads the code back (and "Monday" or "mon" too).
    WeeklyClosingDay(#[serde(serialize_with = "weekday_code")] Weekday),
    /// The rule's own comment, e.g. `off "fire season"`.
    Comment(String),
    /// Closed the whole week: the season is over.
    OutOfSeason,
}

impl fmt::Display for ClosedReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClosedReason::PublicHoliday(name) => write!(f, "public holiday ({})", name.en),
            ClosedReason::WeeklyClosingDay(day) => {
                write!(f, "weekly closing day ({})", weekday_name(*day))
            }
            ClosedReason::Comment(comment) => f.write_str(comment),
            ClosedReason::OutOfSeason => f.write_str("closed all week (out of season)"),
        }
    }
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// `"monday"`, …: the weekday as a stable code.
fn weekday_code<S: Serializer>(day: &Weekday, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&weekday_name(*day).to_lowercase())
}

impl Hours {
    /// Parses `text`; `PH` means a day of `holidays`
    /// ([`Calendar::opening_hours_holidays`]).
    pub fn parse(text: &str, holidays: &ContextHolidays) -> Result<Hours, HoursError> {
        let rule = text
            .parse::<OpeningHours>()
            .map_err(|e| HoursError::from_message(&e.to_string()))?;
        let rule = rule.with_context(Context::default().with_holidays(holidays.clone()));
        Ok(Hours {
            text: text.to_owned(),
            rule,
            closures: Vec::new(),
        })
    }

    /// The same hours, closed all day on these named holiday days.
    pub fn closed_on(self, closures: Vec<(NaiveDate, Text)>) -> Hours {
        Hours { closures, ..self }
    }

    /// The named holiday day of `date` the site closes on.
    fn closure(&self, date: NaiveDate) -> Option<&Text> {
        (self.closures.iter())
            .find(|(day, _)| *day == date)
            .map(|(_, name)| name)
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The open intervals of `date`, without asking why there are none.
    pub fn open_on(&self, date: NaiveDate) -> Vec<Interval> {
        if self.closure(date).is_some() {
            return Vec::new();
        }
        open_intervals(&self.rule, date)
    }

    /// The open intervals of `date`, or why there are none.
    pub fn on(&self, date: NaiveDate, calendar: &Calendar) -> DayHours {
        if let Some(name) = self.closure(date) {
            return DayHours::Closed(ClosedReason::PublicHoliday(name.clone()));
        }
        let open = open_intervals(&self.rule, date);
        if !open.is_empty() {
            return DayHours::Open(open);
        }
        if let Some(comment) = self.closing_comment(date) {
            return DayHours::Closed(ClosedReason::Comment(comment));
        }
        if let Some(holiday) = calendar.holiday_on(date) {
            let without_holidays = self.rule.clone().with_context(Context::default());
            if !open_intervals(&without_holidays, date).is_empty() {
                return DayHours::Closed(ClosedReason::PublicHoliday(holiday.name.clone()));
            }
        }
        let monday = date - chrono::Days::new(u64::from(date.weekday().num_days_from_monday()));
        let open_that_week = monday
            .iter_days()
            .take(7)
            .any(|d| d != date && !open_intervals(&self.rule, d).is_empty());
        DayHours::Closed(if open_that_week {
            ClosedReason::WeeklyClosingDay(date.weekday())
        } else {
            ClosedReason::OutOfSeason
        })
    }

    fn closing_comment(&self, date: NaiveDate) -> Option<String> {
        self.rule
            .schedule_at(date)
            .into_iter()
            .find(|range| range.kind == RuleKind::Closed && !range.comment.is_empty())
            .map(|range| range.comment.to_string())
    }
}

/// Open ranges only: `unknown` counts as closed, the cautious reading.
fn open_intervals(rule: &OpeningHours, date: NaiveDate) -> Vec<Interval> {
    // Ranges past midnight belong to the next day; this day ends at 24:00.
    let clamp = |minutes: u16| {
        TimeOfDay::from_minutes(u32::from(minutes).min(24 * 60)).unwrap_or(TimeOfDay::MIDNIGHT)
    };
    rule.schedule_at(date)
        .into_iter()
        .filter(|range| range.kind == RuleKind::Open)
        .filter_map(|range| {
            let interval = Interval {
                open: clamp(range.range.start.mins_from_midnight()),
                close: clamp(range.range.end.mins_from_midnight()),
            };
            (interval.open < interval.close).then_some(interval)
        })
        .collect()
}

/// Why an opening_hours rule does not parse, and where in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoursError {
    /// Byte offset into the rule.
    pub offset: usize,
    pub message: String,
}

impl HoursError {
    /// The parser reports ` --> 1:23 … = expected …`; keep the column and what it expected.
    fn from_message(message: &str) -> HoursError {
        let column = message
            .split_once("--> ")
            .and_then(|(_, rest)| rest.split_once(':'))
            .and_then(|(_, rest)| {
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                digits.parse::<usize>().ok()
            });
        let expected = message.rsplit_once("= ").map_or(message, |(_, tail)| tail);
        HoursError {
            offset: column.map_or(0, |c| c.saturating_sub(1)),
            message: expected.split_whitespace().collect::<Vec<_>>().join(" "),
        }
    }
}

impl Calendar {
    /// The public holidays as the `opening-hours` crate takes them, for `PH`.
    pub fn opening_hours_holidays(&self) -> ContextHolidays {
        let mut public = CompactCalendar::default();
        for holiday in &self.holidays {
            for date in holiday.from.iter_days().take_while(|d| *d <= holiday.to) {
                public.insert(date);
            }
        }
        ContextHolidays::new(Arc::new(public), Arc::default())
    }
}
