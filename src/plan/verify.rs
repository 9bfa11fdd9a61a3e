//! Re-checks an itinerary, edited by hand or not, against the route pack:
//! visits in their sites' hours, trains and coaches as timetabled,
//! transfers no shorter than the pack's travel times, meals in their
//! windows, each day one chained timeline, and the request's must-sees and
//! avoided sites. Each problem names its day and event. The plan is judged
//! by what it says, against the pack and the planner's own travel times.

use std::fmt;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::itinerary::{Clock, Day, Event, Itinerary, Notice, TransferMode};
use super::legs::Legs;
use super::rules::{self, STATION_MINUTES};
use crate::model::{DayHours, Interval, MealKind, Pack, Service, ServiceMode};

/// Something wrong with an itinerary, and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// 1-based position of the day in the itinerary; `None` for the whole trip.
    pub day: Option<u8>,
    /// 1-based position of the event in that day; `None` for the whole day.
    pub event: Option<usize>,
    pub check: Check,
    /// One line of English naming the place or service and the times.
    pub message: String,
}

/// The rule a problem breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// A visit outside its site's opening hours.
    Hours,
    /// A train or coach that does not run as the transfer says.
    Timetable,
    /// A transfer quicker than the pack's travel time.
    Travel,
    /// A meal outside its window or shorter than the pack's duration.
    Meal,
    /// Events out of time order or overlapping.
    Overlap,
    /// A move with no transfer, a day not where the previous one ended,
    /// or days not on consecutive dates.
    Chain,
    /// A must-see not visited, or not on its day.
    Must,
    /// A visit to an avoided site.
    Avoid,
    /// A day that keeps a coach driver at the wheel longer than the law allows.
    Driving,
    /// An id the pack does not have.
    Unknown,
}

impl Check {
    pub fn as_str(self) -> &'static str {
        match self {
            Check::Hours => "hours",
            Check::Timetable => "timetable",
            Check::Travel => "travel",
            Check::Meal => "meal",
            Check::Overlap => "overlap",
            Check::Chain => "chain",
            Check::Must => "must",
            Check::Avoid => "avoid",
            Check::Driving => "driving",
            Check::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A problem found within one day: its event (1-based), if any.
type Finding = (Option<usize>, Check, String);

/// Every problem of `itinerary` against `pack`, in the order of the days
/// and their events; empty when the plan holds.
pub fn verify(pack: &Pack, itinerary: &Itinerary) -> Vec<Problem> {
    let request = &itinerary.request;
    let mut problems = Vec::new();
    let legs = match Legs::new(pack, request.mode) {
        Ok(legs) => Some(legs),
        Err(why) => {
            let message = format!("travel times cannot be checked: {why}");
            problems.push(Problem {
                day: None,
                event: None,
                check: Check::Travel,
                message,
            });
            None
        }
    };
    if itinerary.days.len() != usize::from(request.days) {
        problems.push(Problem {
            day: None,
            event: None,
            check: Check::Chain,
            message: format!(
                "the itinerary has {} days; the request asks for {}",
                itinerary.days.len(),
                request.days
            ),
        });
    }
    // Where the party is: the first day starts at the request's station,
    // and each next day where the previous one ended.
    let mut here = request.from.clone();
    for (d, day) in itinerary.days.iter().enumerate() {
        let last = d + 1 == itinerary.days.len();
        let mut found = day_findings(request.date, d, day);
        for (e, event) in day.events.iter().enumerate() {
            let at = Some(e + 1);
            found.extend(
                event_findings(pack, legs.as_ref(), day.date, event)
                    .into_iter()
                    .map(|(c, m)| (at, c, m)),
            );
        }
        found.extend(legs.as_ref().and_then(|legs| driving(pack, legs, day)));
        found.extend(timeline(pack, day, &mut here));
        if !last && !matches!(day.events.last(), Some(Event::Lodging { .. })) {
            let message = format!(
                "the day ends at {} without a night's lodging",
                name(pack, &here)
            );
            found.push((None, Check::Chain, message));
        }
        let home = pack.hub(&here).is_some_and(|h| h.city == pack.info.origin);
        if last && !home {
            let message = format!(
                "the trip ends at {}, not back in {}",
                name(pack, &here),
                pack.info.origin
            );
            found.push((None, Check::Chain, message));
        }
        let index = u8::try_from(d + 1).ok();
        problems.extend(found.into_iter().map(|(event, check, message)| Problem {
            day: index,
            event,
            check,
            message,
        }));
    }
    problems.extend(must_and_avoid(pack, itinerary));
    problems
}

/// The day's number and date: day `d + 1` is `d` days after the request's date.
fn day_findings(first: NaiveDate, d: usize, day: &Day) -> Vec<Finding> {
    let mut found = Vec::new();
    if usize::from(day.index) != d + 1 {
        let message = format!("day {} is numbered {}", d + 1, day.index);
        found.push((None, Check::Chain, message));
    }
    let expected = u64::try_from(d)
        .ok()
        .and_then(|d| first.checked_add_days(Days::new(d)));
    if expected != Some(day.date) {
        let should = expected.map_or_else(|| "beyond the calendar".to_owned(), |e| e.to_string());
        let message = format!(
            "day {} is dated {}; {d} days after the request's {first} it is {should}",
            d + 1,
            day.date
        );
        found.push((None, Check::Chain, message));
    }
    found
}

/// What is wrong with one event on its own.
fn event_findings(
    pack: &Pack,
    legs: Option<&Legs>,
    date: NaiveDate,
    event: &Event,
) -> Vec<(Check, String)> {
    let span = (minute(date, event.start()), minute(date, event.end()));
    let unknown = |id: &str| {
        let message = format!(
            "{} names \"{id}\", no site, lodging or hub of the pack",
            describe(pack, event)
        );
        (Check::Unknown, message)
    };
    match event {
        Event::Visit { site, sunrise, .. } => hours(pack, date, site, span, *sunrise)
            .into_iter()
            .collect(),
        Event::Transfer {
            from,
            to,
            mode,
            service,
            ..
        } => {
            let mut found: Vec<_> = [from, to]
                .into_iter()
                .filter(|id| place(pack, id).is_none())
                .map(|id| unknown(id))
                .collect();
            found.extend(match service {
                Some(id) => timetable(pack, date, (from, to), id, *mode, span),
                None => drive(pack, legs, (from, to), *mode, span),
            });
            found
        }
        Event::Meal { meal, near, .. } => {
            let mut found: Vec<_> = place(pack, near)
                .is_none()
                .then(|| unknown(near))
                .into_iter()
                .collect();
            found.extend(meal_time(pack, *meal, span));
            found
        }
        Event::Lodging { lodging, .. } => (pack.lodging(lodging).is_none())
            .then(|| unknown(lodging))
            .into_iter()
            .collect(),
    }
}

/// A visit lies within one open interval of its site that day; a sunrise
/// at a viewpoint reached before dawn may start before the site opens.
fn hours(
    pack: &Pack,
    date: NaiveDate,
    id: &str,
    (start, end): (i64, i64),
    sunrise: bool,
) -> Option<(Check, String)> {
    let Some(site) = pack.site(id) else {
        let message = format!("visit to \"{id}\", a site the pack does not have");
        return Some((Check::Unknown, message));
    };
    let what = format!("visit to {}", name(pack, id));
    // `Hours::on` looks back to the Monday of the date's week.
    if date.checked_sub_days(Days::new(6)).is_none() {
        let message = format!("{what} on {date}, too early for the calendar");
        return Some((Check::Hours, message));
    }
    let intervals = match site.hours.on(date, &pack.calendar) {
        DayHours::Open(intervals) => intervals,
        DayHours::Closed(why) => {
            let message = format!("{what} on {date}, when it is closed: {why}");
            return Some((Check::Hours, message));
        }
    };
    if rules::keeps_hours(site, &intervals, sunrise, (start, end)) {
        return None;
    }
    let bounds = |i: &Interval| (i64::from(i.open.minutes()), i64::from(i.close.minutes()));
    let message = if let Some((_, close)) =
        (intervals.iter().map(bounds)).find(|(open, close)| *open <= start && start < *close)
    {
        format!(
            "{what} ends {}, after it closes at {} on {date}",
            hhmm(end),
            hhmm(close)
        )
    } else if let Some((open, _)) =
        (intervals.iter().map(bounds)).find(|(open, close)| *open < end && end <= *close)
    {
        format!(
            "{what} starts {}, before it opens at {} on {date}",
            hhmm(start),
            hhmm(open)
        )
    } else {
        let open: Vec<String> = (intervals.iter().map(bounds))
            .map(|(open, close)| format!("{}–{}", hhmm(open), hhmm(close)))
            .collect();
        format!(
            "{what} at {}–{} is outside its hours on {date} ({})",
            hhmm(start),
            hhmm(end),
            open.join(", ")
        )
    };
    Some((Check::Hours, message))
}

/// A train or coach that runs that day, between the transfer's hubs, at
/// the transfer's times: the planner times the event exactly at the
/// service's departure and arrival, and leaves the station minutes as
/// gaps (see [`timeline`]).
fn timetable(
    pack: &Pack,
    date: NaiveDate,
    (from, to): (&str, &str),
    id: &str,
    mode: TransferMode,
    (start, end): (i64, i64),
) -> Vec<(Check, String)> {
    let named: Vec<&Service> = pack.services.iter().filter(|s| s.id == id).collect();
    if named.is_empty() {
        let message = format!("transfer names service \"{id}\", which the pack does not have");
        return vec![(Check::Unknown, message)];
    }
    // A train has a service for each pair of its stops.
    let Some(service) = named.iter().find(|s| s.from == from && s.to == to) else {
        let runs: Vec<String> = (named.iter())
            .map(|s| format!("{} to {}", name(pack, &s.from), name(pack, &s.to)))
            .collect();
        let message = format!(
            "{id} does not run from {} to {}; it runs from {}",
            name(pack, from),
            name(pack, to),
            runs.join(", from ")
        );
        return vec![(Check::Timetable, message)];
    };
    let mut found = Vec::new();
    let kind = match service.mode {
        ServiceMode::Rail => TransferMode::Rail,
        ServiceMode::Coach => TransferMode::Coach,
    };
    if mode != kind {
        let message = format!(
            "{id} is a {} service, not a {} transfer",
            mode_name(kind),
            mode_name(mode)
        );
        found.push((Check::Timetable, message));
    }
    if !service.runs_on(date) {
        let why = if (service.valid_from..=service.valid_to).contains(&date) {
            format!("it does not run on {}s", date.format("%A"))
        } else {
            format!(
                "its timetable is valid from {} to {}",
                service.valid_from, service.valid_to
            )
        };
        found.push((
            Check::Timetable,
            format!("{id} does not run on {date}: {why}"),
        ));
    }
    let depart = i64::from(service.depart.minutes());
    let arrive = i64::from(service.arrive.minutes());
    if (start, end) != (depart, arrive) {
        let message = format!(
            "{id} departs {} and arrives {}, not {}–{}",
            hhmm(depart),
            hhmm(arrive),
            hhmm(start),
            hhmm(end)
        );
        found.push((Check::Timetable, message));
    }
    found
}

/// A transfer without a service takes at least the pack's time for the
/// leg, less [`TRAVEL_TOLERANCE_MINUTES`](rules::TRAVEL_TOLERANCE_MINUTES); a train or coach needs its service.
fn drive(
    pack: &Pack,
    legs: Option<&Legs>,
    (from, to): (&str, &str),
    mode: TransferMode,
    (start, end): (i64, i64),
) -> Vec<(Check, String)> {
    let what = format!("transfer from {} to {}", name(pack, from), name(pack, to));
    let mut found = Vec::new();
    if matches!(mode, TransferMode::Rail | TransferMode::Coach) {
        let message = format!("{what} goes by {} but names no service", mode_name(mode));
        found.push((Check::Timetable, message));
    }
    let (Some(legs), Some(a), Some(b)) = (legs, place(pack, from), place(pack, to)) else {
        return found;
    };
    let least = match a == b {
        true => 0,
        false => i64::from(legs.leg(a, b).minutes),
    };
    let takes = end - start;
    // A transfer that ends before it starts is an overlap, said once.
    if rules::too_quick(takes, least) {
        let message = format!(
            "{what} takes {takes} minutes ({}–{}); the pack's travel time is {least} minutes",
            hhmm(start),
            hhmm(end)
        );
        found.push((Check::Travel, message));
    }
    found
}

/// A meal lies within its window and lasts at least the pack's duration:
/// the planner gives each meal exactly its duration, inside its window.
fn meal_time(pack: &Pack, kind: MealKind, (start, end): (i64, i64)) -> Vec<(Check, String)> {
    let meal = kind.as_str();
    let Some(rule) = pack.meals.iter().find(|m| m.kind == kind) else {
        let message = format!("a {meal}, which is not one of the pack's meals");
        return vec![(Check::Unknown, message)];
    };
    let (open, close) = (rule.window.start.minutes(), rule.window.end.minutes());
    let (open, close) = (i64::from(open), i64::from(close));
    let at = format!("{meal} at {}–{}", hhmm(start), hhmm(end));
    let mut found = Vec::new();
    if !rules::meal_in_window(rule, start, end) {
        let message = format!("{at} is outside its window {}–{}", hhmm(open), hhmm(close));
        found.push((Check::Meal, message));
    }
    let lasts = end - start;
    if rules::meal_cut_short(rule, lasts) {
        let message = format!(
            "{at} lasts {lasts} minutes, less than the pack's {}",
            rule.duration
        );
        found.push((Check::Meal, message));
    }
    found
}

/// A day on a chartered coach within its drivers' daily hours, counted from
/// the pack's legs rather than from what the plan says of them. (The rest
/// within a long ride is in the leg's minutes, which the travel check holds
/// each transfer to.)
fn driving(pack: &Pack, legs: &Legs, day: &Day) -> Option<Finding> {
    let driving_rules = legs.charter?.driving;
    let wheel: u32 = (day.events.iter())
        .filter_map(|e| match e {
            Event::Transfer {
                from,
                to,
                mode: TransferMode::Charter,
                ..
            } => Some(legs.driving(place(pack, from)?, place(pack, to)?)),
            _ => None,
        })
        .sum();
    let limit = rules::driving_limit(&driving_rules);
    (wheel > limit).then(|| {
        let message = format!(
            "the coach is driven {} this day, beyond the {} its {} driver(s) may drive",
            rules::wheel_time(wheel),
            rules::wheel_time(limit),
            driving_rules.drivers
        );
        (None, Check::Driving, message)
    })
}

/// The day's events in time order without overlap, their places chained
/// (each transfer starts where the party is; every other event happens
/// there), and the station minutes before a train or coach.
/// `here` is where the party is when the day starts, and then when it ends.
fn timeline(pack: &Pack, day: &Day, here: &mut String) -> Vec<Finding> {
    let at = |event: &Event| minute(day.date, event.start());
    let until = |event: &Event| minute(day.date, event.end());
    let mut found = Vec::new();
    for (e, event) in day.events.iter().enumerate() {
        let number = Some(e + 1);
        let what = describe(pack, event);
        let (start, end) = (at(event), until(event));
        if end < start {
            let message = format!(
                "{what} ends {}, before it starts at {}",
                hhmm(end),
                hhmm(start)
            );
            found.push((number, Check::Overlap, message));
        }
        let previous = e.checked_sub(1).and_then(|p| day.events.get(p));
        if let Some(previous) = previous
            && start < until(previous)
        {
            let message = format!(
                "{what} starts {}, before the {} ends at {}",
                hhmm(start),
                describe(pack, previous),
                hhmm(until(previous))
            );
            found.push((number, Check::Overlap, message));
        }
        // The planner has the party at the station this long before a
        // departure. (It means to give as long after an arrival too, but a
        // first-day rest at the lodging may leave the station at once.)
        if let (
            Event::Transfer {
                service: Some(id), ..
            },
            Some(previous),
        ) = (event, previous)
        {
            let gap = start - until(previous);
            if rules::short_of_station(gap) {
                let message = format!(
                    "only {gap} minutes between the {} and {id}'s departure at {}; the station needs {STATION_MINUTES}",
                    describe(pack, previous),
                    hhmm(start)
                );
                found.push((number, Check::Timetable, message));
            }
        }
        let (from, to) = match event {
            Event::Transfer { from, to, .. } => (from, to),
            Event::Visit { site: at, .. }
            | Event::Meal { near: at, .. }
            | Event::Lodging { lodging: at, .. } => (at, at),
        };
        if from != here {
            let message = match event {
                Event::Transfer { .. } => format!(
                    "{what} starts at {}, but the party is at {}",
                    name(pack, from),
                    name(pack, here)
                ),
                _ => format!("{what}, but the party is at {}", name(pack, here)),
            };
            found.push((number, Check::Chain, message));
        }
        here.clone_from(to);
    }
    found
}

/// Every must-see visited, on its day when pinned; no avoided site visited.
/// A product's promise may be let go when the plan says so in a
/// `PromiseMissed` notice, and a promised sunrise that cannot be seen
/// (`SunriseMissed`) frees the site from its morning.
fn must_and_avoid(pack: &Pack, itinerary: &Itinerary) -> Vec<Problem> {
    let request = &itinerary.request;
    // (day, event, site), both 1-based.
    let visits: Vec<(usize, usize, &str)> = (itinerary.days.iter().enumerate())
        .flat_map(|(d, day)| {
            day.events
                .iter()
                .enumerate()
                .filter_map(move |(e, event)| match event {
                    Event::Visit { site, .. } => Some((d + 1, e + 1, site.as_str())),
                    _ => None,
                })
        })
        .collect();
    let mut problems = Vec::new();
    for must in &request.must {
        let on: Vec<usize> = (visits.iter())
            .filter(|(.., site)| *site == must.site)
            .map(|(d, ..)| *d)
            .collect();
        let kept = match must.day {
            Some(day) => on.contains(&usize::from(day)),
            None => !on.is_empty(),
        };
        let excused = must.promise
            && itinerary.notices.iter().any(|notice| match notice {
                Notice::PromiseMissed { site, .. } => *site == must.site,
                Notice::SunriseMissed { site, .. } => *site == must.site && !on.is_empty(),
                _ => false,
            });
        if kept || excused {
            continue;
        }
        let site = name(pack, &must.site);
        let message = match (must.day, on.as_slice()) {
            (Some(day), []) => format!("must-see {site} is not visited (pinned to day {day})"),
            (Some(day), on) => {
                let on: Vec<String> = on.iter().map(usize::to_string).collect();
                format!(
                    "must-see {site} is pinned to day {day} but visited on day {}",
                    on.join(", ")
                )
            }
            (None, _) => format!("must-see {site} is not visited"),
        };
        problems.push(Problem {
            day: must.day,
            event: None,
            check: Check::Must,
            message,
        });
    }
    for (d, e, site) in visits {
        if request.avoid.iter().any(|a| a == site) {
            problems.push(Problem {
                day: u8::try_from(d).ok(),
                event: Some(e),
                check: Check::Avoid,
                message: format!("visit to {}, which the request avoids", name(pack, site)),
            });
        }
    }
    problems
}

/// The number of a place of the pack as the planner numbers its
/// locations (sites, then lodging, then hubs).
fn place(pack: &Pack, id: &str) -> Option<usize> {
    let sites = pack.sites.iter().map(|s| &s.id);
    let lodging = pack.lodging.iter().map(|l| &l.id);
    let hubs = pack.hubs.iter().map(|h| &h.id);
    sites
        .chain(lodging)
        .chain(hubs)
        .position(|place| place == id)
}

/// An event as messages name it.
fn describe(pack: &Pack, event: &Event) -> String {
    match event {
        Event::Transfer {
            from,
            to,
            service: Some(id),
            ..
        } => format!("{id} from {} to {}", name(pack, from), name(pack, to)),
        Event::Transfer { from, to, .. } => {
            format!("transfer from {} to {}", name(pack, from), name(pack, to))
        }
        Event::Visit { site, .. } => format!("visit to {}", name(pack, site)),
        Event::Meal { meal, near, .. } => format!("{} near {}", meal.as_str(), name(pack, near)),
        Event::Lodging { lodging, .. } => format!("night at {}", name(pack, lodging)),
    }
}

/// `老龙头 (laolongtou)`; the id alone, quoted, when the pack does not have it.
fn name(pack: &Pack, id: &str) -> String {
    let zh = (pack.site(id).map(|s| &s.name.zh))
        .or_else(|| pack.lodging(id).map(|l| &l.name.zh))
        .or_else(|| pack.hub(id).map(|h| &h.name.zh));
    zh.map_or_else(|| format!("\"{id}\""), |zh| format!("{zh} ({id})"))
}

fn mode_name(mode: TransferMode) -> &'static str {
    match mode {
        TransferMode::Rail => "rail",
        TransferMode::Coach => "coach",
        TransferMode::Car => "car",
        TransferMode::Walk => "walk",
        TransferMode::Charter => "charter",
    }
}

/// Minutes from the midnight that starts `date` to `clock`: negative
/// before it, past 24 hours on a later day. An edited plan may put an
/// event on any date or at any minute.
fn minute(date: NaiveDate, clock: Clock) -> i64 {
    let days = clock.date.signed_duration_since(date).num_days();
    days * 24 * 60 + i64::from(clock.minutes)
}

/// `HH:MM`, with the day it falls on when that is not the plan's day.
fn hhmm(minutes: i64) -> String {
    let (days, rest) = (minutes.div_euclid(24 * 60), minutes.rem_euclid(24 * 60));
    let time = format!("{:02}:{:02}", rest / 60, rest % 60);
    match days {
        0 => time,
        1 => format!("{time} the next day"),
        -1 => format!("{time} the day before"),
        days => format!("{time} {days:+} days"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Mode, Omission, RequestSpec, TRAVEL_TOLERANCE_MINUTES, plan};

    fn date(month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, month, day).expect("a date of 2027")
    }

    fn default_pack() -> Pack {
        crate::load::load_default().expect("the embedded pack loads")
    }

    fn trip(pack: &Pack, product: &str, on: NaiveDate, mode: Mode) -> Result<Itinerary, String> {
        let spec = RequestSpec {
            product: Some(product.to_owned()),
            date: Some(on),
            mode: Some(mode),
            ..Default::default()
        };
        let request = spec.resolve(pack, on).map_err(|e| e.to_string())?;
        plan(pack, &request).map_err(|e| e.to_string())
    }

    /// The three-day product in July, which holds before a test edits it.
    fn july(pack: &Pack, mode: Mode) -> Itinerary {
        let itinerary = trip(pack, "qhd-3day", date(7, 16), mode).expect("the July trip plans");
        assert_eq!(verify(pack, &itinerary), [], "the plan as made holds");
        itinerary
    }

    /// The day and event (0-based) of the first event `pick` takes.
    fn find(itinerary: &Itinerary, pick: impl Fn(&Event) -> bool) -> (usize, usize) {
        (itinerary.days.iter().enumerate())
            .find_map(|(d, day)| day.events.iter().position(&pick).map(|e| (d, e)))
            .expect("the plan has such an event")
    }

    /// Whether `problems` has one of `check` at day `d` and event `e` (0-based).
    fn has(problems: &[Problem], check: Check, d: usize, e: Option<usize>) -> bool {
        problems.iter().any(|p| {
            p.check == check && p.day == u8::try_from(d + 1).ok() && p.event == e.map(|e| e + 1)
        })
    }

    fn clock(itinerary: &Itinerary, d: usize, minutes: u32) -> Clock {
        Clock::new(itinerary.days[d].date, minutes, itinerary.timezone)
    }

    /// The pack's minutes for a transfer, as `verify` works them out.
    fn least(pack: &Pack, mode: Mode, from: &str, to: &str) -> u32 {
        let (a, b) = place(pack, from)
            .zip(place(pack, to))
            .expect("places of the pack");
        Legs::new(pack, mode).map_or(0, |legs| legs.leg(a, b).minutes)
    }

    #[test]
    fn plans_as_made_hold() {
        let pack = default_pack();
        let (mut planned, mut refused) = (0, Vec::new());
        for product in ["qhd-1day", "qhd-2day", "qhd-3day"] {
            // Every other month, on a different weekday each: the seasons,
            // the closing days and the holidays (tests/plan.rs sweeps a year).
            for month in (1..=12).step_by(2) {
                let on = date(month, 1 + (month * 5) % 28);
                // A group's chartered coach is too slow for a day trip.
                let charter = (product != "qhd-1day").then_some(Mode::Charter);
                for mode in [Mode::Rail, Mode::Car].into_iter().chain(charter) {
                    let itinerary = match trip(&pack, product, on, mode) {
                        Ok(itinerary) => itinerary,
                        Err(why) => {
                            refused.push(format!("{product} {on} {mode:?}: {why}"));
                            continue;
                        }
                    };
                    planned += 1;
                    let problems = verify(&pack, &itinerary);
                    assert_eq!(problems, [], "{product} {on} {mode:?}");
                    // The legs are the planner's: each drive, walk or coach
                    // ride takes exactly the pack's minutes and the pace's slack.
                    let slack = pack.paces.get(itinerary.request.pace).slack;
                    for event in itinerary.days.iter().flat_map(|d| &d.events) {
                        if let Event::Transfer {
                            from,
                            to,
                            service: None,
                            minutes,
                            ..
                        } = event
                        {
                            let least = least(&pack, mode, from, to);
                            let planned = least + slack.on(least);
                            assert_eq!(*minutes, planned, "{product} {on} {from} → {to}");
                        }
                    }
                }
            }
        }
        assert_eq!(refused, Vec::<String>::new());
        assert_eq!(planned, 48);
    }

    /// The open interval of the site of the visit (day `d`, event `e`) that holds its start.
    fn interval(pack: &Pack, itinerary: &Itinerary, d: usize, e: usize) -> Interval {
        let day = &itinerary.days[d];
        let Event::Visit { site, start, .. } = &day.events[e] else {
            unreachable!("a visit")
        };
        let hours = pack
            .site(site)
            .expect("a site of the pack")
            .hours
            .open_on(day.date);
        (hours.into_iter())
            .find(|i| i.open.minutes() <= start.minutes && start.minutes < i.close.minutes())
            .expect("the visit starts while the site is open")
    }

    #[test]
    fn a_visit_outside_the_hours_breaks_them() {
        let pack = default_pack();
        let planned = july(&pack, Mode::Rail);
        let (d, e) = find(&planned, |e| {
            matches!(e, Event::Visit { sunrise: false, .. })
        });
        let open = interval(&pack, &planned, d, e);
        let mut late = planned.clone();
        if let Event::Visit { end, .. } = &mut late.days[d].events[e] {
            *end = clock(&planned, d, open.close.minutes() + 40);
        }
        let problems = verify(&pack, &late);
        assert!(has(&problems, Check::Hours, d, Some(e)), "{problems:#?}");
        let mut early = planned.clone();
        if let Event::Visit { start, .. } = &mut early.days[d].events[e] {
            *start = clock(&planned, d, open.open.minutes() - 30);
        }
        let problems = verify(&pack, &early);
        assert!(has(&problems, Check::Hours, d, Some(e)), "{problems:#?}");
    }

    #[test]
    fn only_a_sunrise_comes_before_a_dawn_viewpoint_opens() {
        let pack = default_pack();
        let mut itinerary = july(&pack, Mode::Rail);
        let (d, e) = find(&itinerary, |e| {
            matches!(e, Event::Visit { sunrise: true, .. })
        });
        let Event::Visit { site, start, .. } = &itinerary.days[d].events[e] else {
            unreachable!("a visit")
        };
        let hours = pack
            .site(site)
            .expect("a site")
            .hours
            .open_on(itinerary.days[d].date);
        let opens = hours.first().expect("open that day").open.minutes();
        assert!(start.minutes < opens, "the sunrise is before {site} opens");
        if let Event::Visit { sunrise, .. } = &mut itinerary.days[d].events[e] {
            *sunrise = false;
        }
        let problems = verify(&pack, &itinerary);
        assert!(has(&problems, Check::Hours, d, Some(e)), "{problems:#?}");
    }

    #[test]
    fn a_train_needs_its_station_minutes() {
        let pack = default_pack();
        let mut itinerary = july(&pack, Mode::Rail);
        let d = itinerary.days.len() - 1;
        let e = (itinerary.days[d].events.iter())
            .position(|e| {
                matches!(
                    e,
                    Event::Transfer {
                        service: Some(_),
                        ..
                    }
                )
            })
            .expect("the train home");
        let events = &mut itinerary.days[d].events;
        let depart = events[e].start().minutes;
        // The ride to the station, ending 10 minutes before the train leaves.
        let Event::Transfer { start, end, .. } = &mut events[e - 1] else {
            unreachable!("a transfer to the station")
        };
        let later = depart - 10 - end.minutes;
        (*start, *end) = (
            Clock::new(start.date, start.minutes + later, itinerary.timezone),
            Clock::new(end.date, end.minutes + later, itinerary.timezone),
        );
        let problems = verify(&pack, &itinerary);
        assert!(
            has(&problems, Check::Timetable, d, Some(e)),
            "{problems:#?}"
        );
    }

    #[test]
    fn a_train_moved_breaks_the_timetable() {
        let pack = default_pack();
        let mut itinerary = july(&pack, Mode::Rail);
        let (d, e) = find(&itinerary, |e| {
            matches!(
                e,
                Event::Transfer {
                    service: Some(_),
                    ..
                }
            )
        });
        let earlier = clock(
            &itinerary,
            d,
            itinerary.days[d].events[e].start().minutes - 15,
        );
        if let Event::Transfer { start, .. } = &mut itinerary.days[d].events[e] {
            *start = earlier;
        }
        let problems = verify(&pack, &itinerary);
        assert!(
            has(&problems, Check::Timetable, d, Some(e)),
            "{problems:#?}"
        );
    }

    #[test]
    fn a_drive_shorter_than_the_tolerance_allows_breaks_the_travel_time() {
        let pack = default_pack();
        let mut itinerary = july(&pack, Mode::Car);
        // The longest drive: the road from Beijing.
        let (d, e) = (itinerary.days.iter().enumerate())
            .flat_map(|(d, day)| day.events.iter().enumerate().map(move |(e, ev)| (d, e, ev)))
            .filter(|(.., ev)| matches!(ev, Event::Transfer { service: None, .. }))
            .max_by_key(|(.., ev)| ev.end().minutes - ev.start().minutes)
            .map(|(d, e, _)| (d, e))
            .expect("a drive");
        let Event::Transfer { from, to, end, .. } = &itinerary.days[d].events[e] else {
            unreachable!("found a transfer")
        };
        let least = least(&pack, Mode::Car, from, to);
        assert!(least > 60, "the road from Beijing takes {least} minutes");
        let arrive = end.minutes;
        // Leaving later keeps the arrival, so nothing overlaps.
        for (takes, broken) in [
            (least - TRAVEL_TOLERANCE_MINUTES, false),
            (least - TRAVEL_TOLERANCE_MINUTES - 1, true),
        ] {
            let leave = clock(&itinerary, d, arrive - takes);
            if let Event::Transfer { start, .. } = &mut itinerary.days[d].events[e] {
                *start = leave;
            }
            let problems = verify(&pack, &itinerary);
            let travel = has(&problems, Check::Travel, d, Some(e));
            assert_eq!(travel, broken, "{takes} of {least} minutes: {problems:#?}");
        }
    }

    #[test]
    fn a_meal_outside_its_window_or_cut_short_breaks_the_meal() {
        let pack = default_pack();
        let planned = july(&pack, Mode::Rail);
        let (d, e) = find(&planned, |e| matches!(e, Event::Meal { .. }));
        let Event::Meal { meal, start, .. } = &planned.days[d].events[e] else {
            unreachable!("a meal")
        };
        let rule = (pack.meals.iter())
            .find(|m| m.kind == *meal)
            .expect("a meal of the pack");
        let (window, duration) = (rule.window.start.minutes(), rule.duration.0);
        let mut early = planned.clone();
        if let Event::Meal { start, end, .. } = &mut early.days[d].events[e] {
            (*start, *end) = (
                clock(&planned, d, window - 30),
                clock(&planned, d, window - 30 + duration),
            );
        }
        let problems = verify(&pack, &early);
        assert!(has(&problems, Check::Meal, d, Some(e)), "{problems:#?}");
        let mut short = planned.clone();
        if let Event::Meal { end, .. } = &mut short.days[d].events[e] {
            *end = clock(&planned, d, start.minutes + duration - 10);
        }
        let problems = verify(&pack, &short);
        assert!(has(&problems, Check::Meal, d, Some(e)), "{problems:#?}");
    }

    #[test]
    fn swapped_events_break_the_order_and_the_chain() {
        let pack = default_pack();
        let mut itinerary = july(&pack, Mode::Rail);
        let (d, e) = find(&itinerary, |e| matches!(e, Event::Visit { .. }));
        assert!(matches!(
            itinerary.days[d].events[e - 1],
            Event::Transfer { .. }
        ));
        // The visit now comes before the transfer that takes the party there.
        itinerary.days[d].events.swap(e - 1, e);
        let problems = verify(&pack, &itinerary);
        assert!(
            has(&problems, Check::Chain, d, Some(e - 1)),
            "{problems:#?}"
        );
        assert!(has(&problems, Check::Overlap, d, Some(e)), "{problems:#?}");
    }

    #[test]
    fn a_promise_left_out_is_a_must_problem_unless_the_plan_says_so() {
        let pack = default_pack();
        let mut itinerary = july(&pack, Mode::Rail);
        let pinned = (itinerary.request.must.iter())
            .find(|m| m.promise && m.day.is_some())
            .cloned()
            .expect("the product pins a site to a day");
        let (d, e) = find(
            &itinerary,
            |e| matches!(e, Event::Visit { site, .. } if *site == pinned.site),
        );
        // Pinned to another day, the visit is on the wrong one.
        let mut moved = itinerary.clone();
        let other = if pinned.day == Some(1) { 2 } else { 1 };
        for must in moved
            .request
            .must
            .iter_mut()
            .filter(|m| m.site == pinned.site)
        {
            must.day = Some(other);
        }
        let problems = verify(&pack, &moved);
        assert!(
            has(&problems, Check::Must, usize::from(other) - 1, None),
            "{problems:#?}"
        );
        itinerary.days[d].events.remove(e);
        let problems = verify(&pack, &itinerary);
        let must = |problems: &[Problem]| problems.iter().any(|p| p.check == Check::Must);
        let day = pinned
            .day
            .map(|day| usize::from(day) - 1)
            .unwrap_or_default();
        assert!(has(&problems, Check::Must, day, None), "{problems:#?}");
        itinerary.notices.push(Notice::PromiseMissed {
            site: pinned.site.clone(),
            why: Omission::Outscored,
        });
        assert!(!must(&verify(&pack, &itinerary)));
    }

    #[test]
    fn an_avoided_site_visited_is_named() {
        let pack = default_pack();
        let mut itinerary = july(&pack, Mode::Rail);
        let (d, e) = find(&itinerary, |e| matches!(e, Event::Visit { .. }));
        if let Event::Visit { site, .. } = &itinerary.days[d].events[e] {
            itinerary.request.avoid.push(site.clone());
        }
        let problems = verify(&pack, &itinerary);
        assert!(has(&problems, Check::Avoid, d, Some(e)), "{problems:#?}");
    }

    #[test]
    fn a_coach_day_beyond_the_drivers_hours_is_named() {
        let mut pack = default_pack();
        let itinerary = july(&pack, Mode::Charter);
        assert!(verify(&pack, &itinerary).is_empty());
        // The same plan checked against a law of ten minutes a day.
        if let Some(group) = pack.group.as_mut() {
            group.driving.daily = crate::model::Minutes(10);
        }
        let problems = verify(&pack, &itinerary);
        for d in 0..itinerary.days.len() {
            assert!(has(&problems, Check::Driving, d, None), "{problems:#?}");
        }
    }

    #[test]
    fn any_edit_is_reported_without_a_panic() {
        let pack = default_pack();
        let mut itinerary = july(&pack, Mode::Rail);
        let (d, e) = find(&itinerary, |e| matches!(e, Event::Visit { .. }));
        let (t, s) = find(&itinerary, |e| {
            matches!(
                e,
                Event::Transfer {
                    service: Some(_),
                    ..
                }
            )
        });
        let (m, n) = find(&itinerary, |e| matches!(e, Event::Meal { .. }));
        let past_midnight = clock(&itinerary, m, 30 * 60);
        let never = clock(&itinerary, m, u32::MAX);
        if let Event::Visit { site, .. } = &mut itinerary.days[d].events[e] {
            *site = "nowhere".to_owned();
        }
        if let Event::Transfer { service, .. } = &mut itinerary.days[t].events[s] {
            *service = Some("X999".to_owned());
        }
        if let Event::Meal { start, end, .. } = &mut itinerary.days[m].events[n] {
            (*start, *end) = (never, past_midnight);
        }
        itinerary.days[2].date = NaiveDate::MIN;
        itinerary.request.date = NaiveDate::MAX;
        let problems = verify(&pack, &itinerary);
        assert!(has(&problems, Check::Unknown, d, Some(e)), "{problems:#?}");
        assert!(has(&problems, Check::Unknown, t, Some(s)), "{problems:#?}");
        assert!(has(&problems, Check::Overlap, m, Some(n)), "{problems:#?}");
        assert!(has(&problems, Check::Chain, 2, None), "{problems:#?}");
    }

    #[test]
    fn checks_read_as_snake_case() {
        let problem = Problem {
            day: Some(1),
            event: Some(2),
            check: Check::Timetable,
            message: String::new(),
        };
        assert_eq!(Check::Timetable.to_string(), "timetable");
        let json = serde_json::to_value(&problem).expect("serializes");
        assert_eq!(json["check"], "timetable");
    }
}
