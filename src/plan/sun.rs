//! Sunrise and sunset at a place on a date, in the pack's local time.

use chrono::NaiveDate;
use chrono_tz::Tz;
use sunrise::{Coordinates, SolarDay, SolarEvent};

use crate::model::Coord;

/// Minutes after local midnight in `zone` at which the sun rises, if it does.
pub fn sunrise_minutes(at: Coord, date: NaiveDate, zone: Tz) -> Option<u32> {
    solar_minutes(at, date, zone, SolarEvent::Sunrise)
}

/// Minutes after local midnight in `zone` at which the sun sets, if it does.
pub fn sunset_minutes(at: Coord, date: NaiveDate, zone: Tz) -> Option<u32> {
    solar_minutes(at, date, zone, SolarEvent::Sunset)
}

fn solar_minutes(at: Coord, date: NaiveDate, zone: Tz, event: SolarEvent) -> Option<u32> {
    let coordinates = Coordinates::new(at.lat, at.lon)?;
    let utc = SolarDay::new(coordinates, date).event_time(event)?;
    let local = utc.with_timezone(&zone);
    (local.date_naive() == date).then(|| {
        use chrono::Timelike;
        local.hour() * 60 + local.minute()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_research_table_for_geziwo() {
        // qinhuangdao-facts.md §5: 15 Jul 04:45, 15 Dec 07:16 (NOAA, ±1–2 min).
        let geziwo = Coord {
            lat: 39.835,
            lon: 119.525,
        };
        for (month, day, expected) in [(7, 15, 4 * 60 + 45), (12, 15, 7 * 60 + 16)] {
            let date = NaiveDate::from_ymd_opt(2027, month, day).unwrap_or_default();
            let minutes = sunrise_minutes(geziwo, date, Tz::Asia__Shanghai).unwrap_or(0);
            assert!(minutes.abs_diff(expected) <= 2, "{month}-{day}: {minutes}");
        }
    }

    #[test]
    fn follows_daylight_saving_time() {
        // Greenwich: about 07:05 GMT the day before Europe's clocks go
        // forward on 28 Mar 2027, about 06:03 BST (05:03 GMT) the day after.
        let greenwich = Coord {
            lat: 51.4769,
            lon: 0.0,
        };
        let zone = Tz::Europe__London;
        let before = NaiveDate::from_ymd_opt(2027, 3, 27).unwrap_or_default();
        let after = NaiveDate::from_ymd_opt(2027, 3, 29).unwrap_or_default();
        let (before, after) = (
            sunrise_minutes(greenwich, before, zone).unwrap_or(0),
            sunrise_minutes(greenwich, after, zone).unwrap_or(0),
        );
        // Two mornings bring the sunrise about 4 min earlier; the clock adds an hour.
        assert!((before + 60).abs_diff(after + 4) <= 3, "{before} {after}");
    }
}
