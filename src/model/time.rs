//! Durations, clock times and days of the year as the pack writes them:
//! `"1h30m"`, `"07:45"`, `"07-01"`.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

/// A duration in whole minutes, written `"45m"`, `"2h"` or `"1h30m"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Minutes(pub u32);

impl FromStr for Minutes {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        let (hours, rest) = match s.split_once('h') {
            Some((h, rest)) => (Some(digits(h)?), rest),
            None => (None, s),
        };
        let minutes = match rest {
            "" => None,
            _ => Some(digits(rest.strip_suffix('m').ok_or(())?)?),
        };
        let total = match (hours, minutes) {
            (None, None) => return Err(()),
            (Some(_), Some(m)) if m >= 60 => return Err(()),
            (h, m) => h
                .unwrap_or(0)
                .checked_mul(60)
                .and_then(|h| h.checked_add(m.unwrap_or(0))),
        };
        total.map(Minutes).ok_or(())
    }
}

impl fmt::Display for Minutes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.0 / 60, self.0 % 60) {
            (0, m) => write!(f, "{m}m"),
            (h, 0) => write!(f, "{h}h"),
            (h, m) => write!(f, "{h}h{m:02}m"),
        }
    }
}

fn digits(s: &str) -> Result<u32, ()> {
    if s.is_empty() || s.len() > 5 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(());
    }
    s.parse().map_err(|_| ())
}

/// A local clock time, `"HH:MM"`, kept as minutes since midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    pub const MIDNIGHT: TimeOfDay = TimeOfDay(0);

    /// `None` past the end of the day (24:00 is allowed, as a closing time).
    pub fn from_minutes(minutes: u32) -> Option<TimeOfDay> {
        (minutes <= 24 * 60).then_some(TimeOfDay(minutes as u16))
    }

    pub fn minutes(self) -> u32 {
        u32::from(self.0)
    }
}

impl FromStr for TimeOfDay {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        let (h, m) = s.split_once(':').ok_or(())?;
        if h.len() != 2 || m.len() != 2 {
            return Err(());
        }
        let (h, m) = (digits(h)?, digits(m)?);
        if m >= 60 || h > 24 || (h == 24 && m > 0) {
            return Err(());
        }
        TimeOfDay::from_minutes(h * 60 + m).ok_or(())
    }
}

impl serde::Serialize for TimeOfDay {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for TimeOfDay {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        text.parse()
            .map_err(|()| serde::de::Error::custom(format!("\"{text}\" is not a clock time HH:MM")))
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// A day of the year, `"MM-DD"`, the bound of a season.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    pub fn of(date: NaiveDate) -> MonthDay {
        MonthDay {
            month: date.month(),
            day: date.day(),
        }
    }
}

impl FromStr for MonthDay {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        let (m, d) = s.split_once('-').ok_or(())?;
        if m.len() != 2 || d.len() != 2 {
            return Err(());
        }
        let (month, day) = (digits(m)?, digits(d)?);
        // 2024 is a leap year, so 02-29 is a valid bound.
        NaiveDate::from_ymd_opt(2024, month, day).ok_or(())?;
        Ok(MonthDay { month, day })
    }
}

impl serde::Serialize for MonthDay {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for MonthDay {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        text.parse()
            .map_err(|()| serde::de::Error::custom(format!("\"{text}\" is not a day MM-DD")))
    }
}

impl fmt::Display for MonthDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        for (text, minutes) in [
            ("45m", 45),
            ("2h", 120),
            ("1h30m", 90),
            ("0h05m", 5),
            ("90m", 90),
        ] {
            assert_eq!(text.parse(), Ok(Minutes(minutes)), "{text}");
        }
        for bad in [
            "", "h", "m", "1h60m", "1.5h", "30", "1h 30m", "-5m", "1m30h", "2hm",
        ] {
            assert_eq!(bad.parse::<Minutes>(), Err(()), "{bad}");
        }
        assert_eq!(Minutes(90).to_string(), "1h30m");
    }

    #[test]
    fn clock_times() {
        assert_eq!(
            "07:05".parse::<TimeOfDay>().map(TimeOfDay::minutes),
            Ok(425)
        );
        assert_eq!(
            "24:00".parse::<TimeOfDay>().map(TimeOfDay::minutes),
            Ok(1440)
        );
        for bad in ["7:05", "24:01", "12:60", "12-30", "ab:cd", ""] {
            assert_eq!(bad.parse::<TimeOfDay>(), Err(()), "{bad}");
        }
    }

    #[test]
    fn days_of_year() {
        assert!("02-29".parse::<MonthDay>().is_ok());
        for bad in ["02-30", "13-01", "7-01", "07/01"] {
            assert_eq!(bad.parse::<MonthDay>(), Err(()), "{bad}");
        }
    }
}

/// Days of the year, `from` to `to` inclusive; it may wrap the new year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayRange {
    pub from: MonthDay,
    pub to: MonthDay,
}

impl DayRange {
    pub fn contains(self, day: MonthDay) -> bool {
        if self.from <= self.to {
            self.from <= day && day <= self.to
        } else {
            day >= self.from || day <= self.to
        }
    }
}
