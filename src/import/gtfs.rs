//! A GTFS feed, zip or folder (read by `gtfs-structures`): the trips that
//! stop at a hub of the origin city and then at one of the destination,
//! or the other way, become services, with their weekdays and period from
//! calendar.txt.

use std::path::Path;

use chrono::NaiveDate;
use gtfs_structures::{Gtfs, Stop};

use super::{Days, ImportError, ImportErrors, Period, Row, Train, real_id, services_toml};
use crate::model::{Hub, HubKind, Pack, TimeOfDay};
use crate::travel::straight_km;

/// A stop this close to a hub is that hub, whatever its name.
const SAME_PLACE_KM: f64 = 0.5;

/// The services.toml of the feed at `path`. Its period is the feed's own,
/// cut to `period` when one is given; `fare` is the adult fare for every
/// trip, since few feeds carry fares.
pub fn from_gtfs(
    path: &Path,
    pack: &Pack,
    period: Option<Period>,
    fare: Option<f64>,
) -> Result<String, ImportErrors> {
    let whole = |message: String| {
        ImportErrors(vec![ImportError {
            file: path.to_owned(),
            line: 0,
            message,
        }])
    };
    let feed = Gtfs::from_path(path).map_err(|e| whole(format!("not a GTFS feed: {e}")))?;
    let Some(adult) = fare else {
        return Err(whole(
            "GTFS fares are rarely given per pair of stations; give the adult fare with --fare CNY"
                .into(),
        ));
    };
    let hub_of = |stop: &Stop| rail_hub_at(pack, stop);
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut trips: Vec<_> = feed.trips.values().collect();
    trips.sort_by(|a, b| a.id.cmp(&b.id));
    let mut rows: Vec<Row> = Vec::new();
    let mut problems = Vec::new();
    for trip in trips {
        let hubs: Vec<(&Hub, &gtfs_structures::StopTime)> = (trip.stop_times.iter())
            .filter_map(|st| Some((hub_of(&st.stop)?, st)))
            .collect();
        for (i, (from, leave)) in hubs.iter().enumerate() {
            for (to, reach) in &hubs[i + 1..] {
                let between_cities = from.city != to.city
                    && [&from.city, &to.city].contains(&&pack.info.origin)
                    && [&from.city, &to.city].contains(&&pack.info.destination);
                if !between_cities {
                    continue;
                }
                let route = feed.routes.get(&trip.route_id);
                let id = (trip.trip_short_name.clone())
                    .or_else(|| route.and_then(|r| r.short_name.clone()))
                    .unwrap_or_else(|| trip.id.clone());
                let (Some(depart), Some(arrive)) = (
                    leave.departure_time.and_then(clock),
                    reach.arrival_time.and_then(clock),
                ) else {
                    problems.push(format!(
                        "trip {}: {id} runs past midnight between {} and {}; the pack's services arrive on the day they leave",
                        trip.id, from.name.zh, to.name.zh
                    ));
                    continue;
                };
                if let Err(message) = real_id(&id) {
                    problems.push(format!("trip {}: {message}", trip.id));
                    continue;
                }
                let Some(calendar) = feed.calendar.get(&trip.service_id) else {
                    problems.push(format!(
                        "trip {}: service {} has no row in calendar.txt (dates only in calendar_dates.txt are not read)",
                        trip.id, trip.service_id
                    ));
                    continue;
                };
                let civil = |date: &gtfs_structures::Calendar, end: bool| {
                    let date = if end {
                        &date.end_date
                    } else {
                        &date.start_date
                    };
                    NaiveDate::from_ymd_opt(
                        i32::from(date.year()),
                        u32::try_from(date.month()).ok()?,
                        u32::try_from(date.day()).ok()?,
                    )
                };
                let (Some(start), Some(end)) = (civil(calendar, false), civil(calendar, true))
                else {
                    continue;
                };
                let (valid_from, valid_to) = match period {
                    Some(p) => (start.max(p.from), end.min(p.to)),
                    None => (start, end),
                };
                if valid_to < valid_from {
                    continue;
                }
                let week = [
                    (calendar.monday, "Mo"),
                    (calendar.tuesday, "Tu"),
                    (calendar.wednesday, "We"),
                    (calendar.thursday, "Th"),
                    (calendar.friday, "Fr"),
                    (calendar.saturday, "Sa"),
                    (calendar.sunday, "Su"),
                ];
                let days: Vec<&'static str> = week
                    .iter()
                    .filter(|(runs, _)| *runs)
                    .map(|(_, d)| *d)
                    .collect();
                if days.is_empty() {
                    continue;
                }
                let train = Train {
                    id,
                    from,
                    to,
                    depart,
                    arrive,
                    days: Days::of(&days),
                    period: Period {
                        from: valid_from,
                        to: valid_to,
                    },
                    adult,
                };
                if train.listed(&rows) {
                    continue;
                }
                rows.push(train.row(
                    format!(
                        "GTFS feed {name}, trip {}; exceptions in calendar_dates.txt not applied; adult fare given on import (--fare), child half, senior the adult fare",
                        trip.id
                    ),
                    vec!["fare"],
                ));
            }
        }
    }
    if rows.is_empty() {
        problems.push(format!(
            "no trip stops at a rail hub of {} and then at one of {} (stops are matched by name or within {SAME_PLACE_KM} km)",
            pack.info.origin, pack.info.destination
        ));
    }
    if !problems.is_empty() {
        return Err(ImportErrors(
            (problems.into_iter())
                .map(|message| ImportError {
                    file: path.join("trips.txt"),
                    line: 0,
                    message,
                })
                .collect(),
        ));
    }
    Ok(services_toml(
        &format!("GTFS ({name})"),
        period.unwrap_or(Period {
            from: rows.iter().map(|r| r.valid_from).min().unwrap_or_default(),
            to: rows.iter().map(|r| r.valid_to).max().unwrap_or_default(),
        }),
        rows,
    ))
}

/// The rail hub a stop is: by name (as 12306 writes it, with or without
/// 站), or by position within [`SAME_PLACE_KM`].
fn rail_hub_at<'p>(pack: &'p Pack, stop: &Stop) -> Option<&'p Hub> {
    let rail = || pack.hubs.iter().filter(|h| h.kind == HubKind::Rail);
    let by_name = stop.name.as_deref().and_then(|name| {
        let name = name.trim();
        rail().find(|h| {
            h.name.zh == name
                || h.name.zh.strip_suffix('站') == Some(name)
                || h.name.en.eq_ignore_ascii_case(name)
        })
    });
    by_name.or_else(|| {
        let (lat, lon) = (stop.latitude?, stop.longitude?);
        let here = crate::model::Coord { lat, lon };
        rail().find(|h| straight_km(h.coord, here) <= SAME_PLACE_KM)
    })
}

/// Seconds after midnight as a clock time of the same day.
fn clock(seconds: u32) -> Option<TimeOfDay> {
    TimeOfDay::from_minutes(seconds / 60).filter(|t| t.minutes() < 24 * 60)
}
