//! Sunrise at a place on a date, local time (UTC+8).

use chrono::NaiveDate;
use sunrise::{Coordinates, SolarDay, SolarEvent};

use crate::model::Coord;

/// Minutes after local midnight at which the sun rises, if it does.
pub fn sunrise_minutes(at: Coord, date: NaiveDate) -> Option<u32> {
    let coordinates = Coordinates::new(at.lat, at.lon)?;
    let utc = SolarDay::new(coordinates, date).event_time(SolarEvent::Sunrise)?;
    let local = utc + chrono::TimeDelta::hours(8);
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
            let minutes = sunrise_minutes(geziwo, date).unwrap_or(0);
            assert!(minutes.abs_diff(expected) <= 2, "{month}-{day}: {minutes}");
        }
    }
}
