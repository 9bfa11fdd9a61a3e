//! An independent feasibility checker for `jingqin plan --format json`.
//!
//! It reads the route pack with the loader (not the planner) and judges a
//! plan only by the output contract (`schema/itinerary.v1.json`,
//! PRODUCT.md) and the pack's facts: timetables, opening hours, meal
//! windows, travel speeds and prices. It never reuses planner code, so a
//! planner bug cannot hide itself here.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde_json::Value;

use jingqin::model::{DayHours, Fare, MealKind, Pack, Service, ServiceMode, Site};

pub const SCHEMA_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/itinerary.v1.json");

/// The pack, and the output schema compiled.
pub struct Checker {
    pub pack: Pack,
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

impl Checker {
    pub fn new() -> Checker {
        let pack = jingqin::load::load_default().expect("the default pack loads");
        let text = std::fs::read_to_string(SCHEMA_PATH).expect("schema/itinerary.v1.json exists");
        let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        compiler.set_default_draft(boon::Draft::V2020_12);
        compiler.enable_format_assertions();
        let url = "file:///jingqin/schema/itinerary.v1.json";
        compiler
            .add_resource(url, schema)
            .expect("the schema is a resource");
        let index = compiler
            .compile(url, &mut schemas)
            .unwrap_or_else(|e| panic!("the schema compiles: {e:#}"));
        Checker {
            pack,
            schemas,
            index,
        }
    }

    /// The schema's complaints about `json`, one line each.
    pub fn schema_problems(&self, json: &Value) -> Vec<String> {
        match self.schemas.validate(json, self.index) {
            Ok(()) => Vec::new(),
            Err(error) => {
                // One line per failure, with its place in the plan.
                let mut lines: Vec<String> = error
                    .to_string()
                    .lines()
                    .map(|line| format!("schema: {}", line.trim()))
                    .collect();
                lines.truncate(30);
                lines
            }
        }
    }

    /// Every problem found with the plan `json`; empty when it is feasible
    /// and keeps the contract.
    pub fn check(&self, json: &Value) -> Vec<String> {
        let schema = self.schema_problems(json);
        if !schema.is_empty() {
            return schema;
        }
        let mut run = Run {
            pack: &self.pack,
            problems: Vec::new(),
        };
        run.plan(json);
        run.problems
    }
}

/// If a plan for `product` on `date` was refused, whether that is right:
/// `Ok` when a must-see site of the product is closed on every day of the
/// trip and stderr names it and says it is closed.
pub fn infeasible_is_explained(
    pack: &Pack,
    product: &str,
    date: NaiveDate,
    stderr: &str,
) -> Result<(), String> {
    let Some(product) = pack.product(product) else {
        return Err(format!("no product {product} in the pack"));
    };
    let must: Vec<(&str, Option<u8>)> = product.must.iter().map(|s| (s.as_str(), None)).collect();
    refusal_is_explained(pack, &must, date, product.days, stderr)
}

/// If a trip of `days` days from `date` with the must-sees `must` (site,
/// pinned day) was refused, whether that is right: `Ok` when no service is
/// valid on its first or last day and stderr says so, or when a must-see is
/// closed on every day it may be visited, and stderr names it and says it is
/// closed.
pub fn refusal_is_explained(
    pack: &Pack,
    must: &[(&str, Option<u8>)],
    date: NaiveDate,
    days: u8,
    stderr: &str,
) -> Result<(), String> {
    // No service runs outside its timetable's period.
    let last = date + Days::new(u64::from(days.max(1)) - 1);
    for day in [date, last] {
        if !(pack.services.iter()).any(|s| (s.valid_from..=s.valid_to).contains(&day)) {
            let said = format!("valid on {day}");
            return match stderr.contains(&said) {
                true => Ok(()),
                false => Err(format!(
                    "refused rightly (no service is valid on {day}), but stderr does not say so: {}",
                    stderr.trim()
                )),
            };
        }
    }
    let closed: Vec<&Site> = must
        .iter()
        .filter_map(|(id, day)| pack.site(id).map(|site| (site, day)))
        .filter(|(site, day)| {
            (1..=days)
                .filter(|d| day.is_none_or(|pinned| pinned == *d))
                .map(|d| date + Days::new(u64::from(d) - 1))
                .all(|d| matches!(site.hours.on(d, &pack.calendar), DayHours::Closed(_)))
        })
        .map(|(site, _)| site)
        .collect();
    if closed.is_empty() {
        return Err("refused, but every must-see is open on a day it may be visited".to_owned());
    }
    let lower = stderr.to_lowercase();
    let named = closed.iter().any(|site| {
        lower.contains(&site.id)
            || stderr.contains(&site.name.zh)
            || lower.contains(&site.name.en.to_lowercase())
    });
    if named && lower.contains("closed") {
        Ok(())
    } else {
        Err(format!(
            "refused rightly ({} closed on every day it may be visited), but stderr does not say it is closed: {}",
            closed
                .iter()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            stderr.trim()
        ))
    }
}

struct Run<'p> {
    pack: &'p Pack,
    problems: Vec<String>,
}

/// One event, read from the JSON.
#[derive(Debug)]
enum Event<'a> {
    Transfer {
        from: &'a str,
        to: &'a str,
        start: NaiveDateTime,
        end: NaiveDateTime,
        mode: &'a str,
        service: Option<&'a str>,
        km: f64,
        minutes: i64,
        cost: f64,
    },
    Visit {
        site: &'a str,
        start: NaiveDateTime,
        end: NaiveDateTime,
        cost: f64,
        sunrise: bool,
    },
    Meal {
        meal: &'a str,
        start: NaiveDateTime,
        end: NaiveDateTime,
        near: &'a str,
    },
    Lodging {
        lodging: &'a str,
        start: NaiveDateTime,
    },
}

impl Event<'_> {
    fn start(&self) -> NaiveDateTime {
        match self {
            Event::Transfer { start, .. }
            | Event::Visit { start, .. }
            | Event::Meal { start, .. }
            | Event::Lodging { start, .. } => *start,
        }
    }

    fn end(&self) -> NaiveDateTime {
        match self {
            Event::Transfer { end, .. } | Event::Visit { end, .. } | Event::Meal { end, .. } => {
                *end
            }
            Event::Lodging { start, .. } => *start,
        }
    }

    fn label(&self) -> String {
        let span = |s: &NaiveDateTime, e: &NaiveDateTime| {
            format!("{}-{}", s.format("%H:%M"), e.format("%H:%M"))
        };
        match self {
            Event::Transfer {
                from,
                to,
                start,
                end,
                mode,
                service,
                ..
            } => format!(
                "transfer {from}→{to} {mode}{} {}",
                service.map(|s| format!(" {s}")).unwrap_or_default(),
                span(start, end)
            ),
            Event::Visit {
                site, start, end, ..
            } => format!("visit {site} {}", span(start, end)),
            Event::Meal {
                meal,
                start,
                end,
                near,
            } => format!("{meal} near {near} {}", span(start, end)),
            Event::Lodging { lodging, start } => {
                format!("lodging {lodging} {}", start.format("%H:%M"))
            }
        }
    }

    fn is_intercity(&self) -> bool {
        matches!(self, Event::Transfer { mode, .. } if *mode == "rail" || *mode == "coach")
    }
}

fn time(v: &Value) -> NaiveDateTime {
    let text = v.as_str().unwrap_or_default();
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.naive_local())
        .unwrap_or_default()
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_default()
}

fn number(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or(f64::NAN)
}

fn clock(t: NaiveDateTime) -> u32 {
    t.hour() * 60 + t.minute()
}

fn minutes(a: NaiveDateTime, b: NaiveDateTime) -> i64 {
    (b - a).num_minutes()
}

fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Great-circle distance in km (haversine, mean Earth radius): independent
/// of the planner's geodesic; within 0.5 % of it.
fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().asin()
}

struct Party {
    adults: f64,
    children: f64,
    seniors: f64,
}

impl Party {
    fn pay(&self, fare: Fare) -> f64 {
        self.adults * fare.adult + self.children * fare.child + self.seniors * fare.senior
    }

    fn people(&self) -> f64 {
        self.adults + self.children + self.seniors
    }
}

fn close_money(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.011 + 1e-6 * b.abs()
}

impl Run<'_> {
    fn fail(&mut self, message: String) {
        self.problems.push(message);
    }

    fn coord(&self, id: &str) -> Option<(f64, f64)> {
        let p = self.pack;
        p.site(id)
            .map(|s| s.coord)
            .or_else(|| p.hub(id).map(|h| h.coord))
            .or_else(|| p.lodging(id).map(|l| l.coord))
            .map(|c| (c.lat, c.lon))
    }

    fn is_beijing_hub(&self, id: &str) -> bool {
        self.pack
            .hub(id)
            .is_some_and(|h| h.city == self.pack.info.origin)
    }

    fn is_destination_hub(&self, id: &str) -> bool {
        self.pack
            .hub(id)
            .is_some_and(|h| h.city == self.pack.info.destination)
    }

    fn plan(&mut self, json: &Value) {
        let pack = self.pack;
        let request = &json["request"];
        if text(json, "pack") != pack.info.id {
            self.fail(format!(
                "pack is {:?}, the pack's id is {:?}",
                text(json, "pack"),
                pack.info.id
            ));
        }
        let Ok(first_date) = NaiveDate::parse_from_str(text(request, "date"), "%Y-%m-%d") else {
            self.fail(format!("request.date {:?} is not a date", request["date"]));
            return;
        };
        let trip_days = request["days"].as_u64().unwrap_or(0);
        let party = Party {
            adults: request["party"]["adults"].as_f64().unwrap_or(0.0),
            children: request["party"]["children"].as_f64().unwrap_or(0.0),
            seniors: request["party"]["seniors"].as_f64().unwrap_or(0.0),
        };
        let mode = text(request, "mode");
        let from = text(request, "from");
        let pace = text(request, "pace");
        let must: Vec<(&str, Option<u64>, bool)> = request["must"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|m| {
                let promise = m["promise"].as_bool().unwrap_or(false);
                (text(m, "site"), m["day"].as_u64(), promise)
            })
            .collect();
        let avoid: BTreeSet<&str> = request["avoid"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();

        // The request against the pack.
        if !self.is_beijing_hub(from) {
            self.fail(format!(
                "request.from {from:?} is not a Beijing hub of the pack"
            ));
        }
        if let Some(id) = request["product"].as_str() {
            match pack.product(id) {
                None => self.fail(format!(
                    "request.product {id:?} is not a product of the pack"
                )),
                Some(product) => {
                    if u64::from(product.days) != trip_days {
                        self.fail(format!(
                            "request.days {trip_days} but product {id} has {} days",
                            product.days
                        ));
                    }
                    let promised = product.plan.iter().flat_map(|day| &day.must);
                    for site in product.must.iter().chain(promised) {
                        if !must.iter().any(|(s, ..)| s == site) {
                            self.fail(format!(
                                "product {id} must-see {site} is missing from request.must"
                            ));
                        }
                    }
                }
            }
        }
        for (site, day, _) in &must {
            if pack.site(site).is_none() {
                self.fail(format!(
                    "request.must names {site:?}, not a site of the pack"
                ));
            }
            if day.is_some_and(|d| d == 0 || d > trip_days) {
                self.fail(format!(
                    "request.must pins {site} to day {day:?} of {trip_days}"
                ));
            }
        }
        for site in &avoid {
            if pack.site(site).is_none() {
                self.fail(format!(
                    "request.avoid names {site:?}, not a site of the pack"
                ));
            }
        }
        if let Some(lodging) = request["lodging"].as_str()
            && pack.lodging(lodging).is_none()
        {
            self.fail(format!(
                "request.lodging {lodging:?} is not a lodging of the pack"
            ));
        }

        let days = json["days"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        if days.len() as u64 != trip_days {
            self.fail(format!(
                "{} days planned, request.days is {trip_days}",
                days.len()
            ));
        }

        // site → the days it is visited on
        let mut visited: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
        let mut visit_count = 0usize;
        let mut travel_minutes = 0i64;
        let mut event_cost = 0.0;
        let mut previous_lodging: Option<&str> = None;
        for (i, day) in days.iter().enumerate() {
            let number = i as u64 + 1;
            let date = first_date + Days::new(i as u64);
            let is_first = i == 0;
            let is_last = i + 1 == days.len();
            let at = format!("day {number} ({date})");
            if day["index"].as_u64() != Some(number) {
                self.fail(format!("{at}: index is {}", day["index"]));
            }
            if text(day, "date") != date.format("%Y-%m-%d").to_string() {
                self.fail(format!(
                    "{at}: date is {}, expected consecutive dates from request.date",
                    day["date"]
                ));
            }
            let season = pack.season_on(date);
            if text(day, "season") != season {
                self.fail(format!(
                    "{at}: season is {}, the pack says {season:?}",
                    day["season"]
                ));
            }
            let night = day["lodging"].as_str();
            match (is_last, night) {
                (true, Some(l)) => self.fail(format!("{at}: last day has lodging {l:?}")),
                (false, None) => self.fail(format!("{at}: no lodging for the night")),
                (false, Some(l)) => {
                    if pack.lodging(l).is_none() {
                        self.fail(format!("{at}: lodging {l:?} is not a lodging of the pack"));
                    }
                    if let Some(asked) = request["lodging"].as_str()
                        && asked != l
                    {
                        self.fail(format!(
                            "{at}: lodging {l:?}, but request.lodging is {asked:?}"
                        ));
                    }
                }
                (true, None) => {}
            }

            let events: Vec<Event> = day["events"]
                .as_array()
                .into_iter()
                .flatten()
                .map(read_event)
                .collect();
            if events.is_empty() {
                self.fail(format!("{at}: no events"));
                continue;
            }
            let start_place = if is_first {
                Some(from)
            } else {
                previous_lodging
            };
            self.day_shape(&at, &events, is_first, is_last, start_place, night, mode);
            self.day_chain(&at, &events, start_place, date);
            // A day with time for one visit only may skip a meal, and says so.
            let skipped: Vec<&str> = (day["notices"].as_array().into_iter().flatten())
                .filter(|n| n["code"] == "meal_skipped")
                .filter_map(|n| n["meal"].as_str())
                .collect();
            let visits = events
                .iter()
                .filter(|e| matches!(e, Event::Visit { .. }))
                .count();
            let excused = if visits <= 1 { skipped } else { Vec::new() };
            self.day_meals(&at, &events, is_first, is_last, &excused);
            for event in &events {
                let at = format!("{at}, {}", event.label());
                match *event {
                    Event::Transfer {
                        minutes: m, cost, ..
                    } => {
                        travel_minutes += m;
                        event_cost += cost;
                        self.transfer(&at, event, date, mode, &party);
                    }
                    Event::Visit {
                        site,
                        start,
                        end,
                        cost,
                        sunrise,
                    } => {
                        visit_count += 1;
                        event_cost += cost;
                        visited.entry(site).or_default().push(number);
                        self.visit(&at, site, start, end, cost, sunrise, date, &party);
                        if avoid.contains(site) {
                            self.fail(format!("{at}: {site} is in request.avoid"));
                        }
                        if !sunrise {
                            self.in_pace(&at, pace, start, end);
                        }
                    }
                    Event::Meal { start, end, .. } => self.in_pace(&at, pace, start, end),
                    Event::Lodging { .. } => {}
                }
            }
            previous_lodging = night;
        }

        // Trip-wide rules.
        for (site, on) in &visited {
            if on.len() > 1 {
                self.fail(format!(
                    "{site} is visited {} times (days {on:?})",
                    on.len()
                ));
            }
        }
        // A product's promise not kept is said in a trip notice.
        let warned = |code: &str, site: &str| {
            (json["notices"].as_array().into_iter().flatten())
                .any(|n| n["code"] == code && n["site"] == site)
        };
        for (site, day, promise) in &must {
            match (visited.get(site), day) {
                (None, _) if *promise && warned("promise_missed", site) => {}
                (None, _) => self.fail(format!("must-see {site} is not visited")),
                (Some(on), Some(d))
                    if !(on.contains(d) || *promise && warned("sunrise_missed", site)) =>
                {
                    self.fail(format!(
                        "must-see {site} is pinned to day {d} but visited on day(s) {on:?}"
                    ))
                }
                _ => {}
            }
        }
        let mut omitted_seen = BTreeSet::new();
        for entry in json["omitted"].as_array().into_iter().flatten() {
            let site = text(entry, "site");
            let reason = text(entry, "reason");
            if !omitted_seen.insert(site) {
                self.fail(format!("omitted lists {site} twice"));
            }
            match pack.site(site) {
                None => self.fail(format!("omitted {site:?} is not a site of the pack")),
                Some(s) => {
                    if reason == "closed" {
                        let open_every_day = (0..trip_days).all(|d| {
                            matches!(
                                s.hours.on(first_date + Days::new(d), &pack.calendar),
                                DayHours::Open(_)
                            )
                        });
                        if open_every_day {
                            self.fail(format!(
                                "omitted {site} as closed, but it is open on every day of the trip"
                            ));
                        }
                    }
                }
            }
            if visited.contains_key(site) {
                self.fail(format!("omitted {site} ({reason}) is visited"));
            }
            if reason == "avoided" && !avoid.contains(site) {
                self.fail(format!(
                    "omitted {site} as avoided, but it is not in request.avoid"
                ));
            }
        }
        for site in &pack.sites {
            let id = site.id.as_str();
            if !visited.contains_key(id) && !omitted_seen.contains(id) {
                self.fail(format!("{id} is neither visited nor in omitted"));
            }
        }

        let totals = &json["totals"];
        if totals["visits"].as_u64() != Some(visit_count as u64) {
            self.fail(format!(
                "totals.visits is {}, the plan has {visit_count} visits",
                totals["visits"]
            ));
        }
        if totals["travel_minutes"].as_i64() != Some(travel_minutes) {
            self.fail(format!(
                "totals.travel_minutes is {}, the transfers' minutes add up to {travel_minutes}",
                totals["travel_minutes"]
            ));
        }
        let party_cost = number(&totals["cost_cny"], "party");
        let per_person = number(&totals["cost_cny"], "per_person");
        if party_cost + 0.011 < event_cost {
            self.fail(format!(
                "totals.cost_cny.party {party_cost} is less than the events' costs, {event_cost:.2}"
            ));
        }
        if party.people() > 0.0
            && (per_person * party.people() - party_cost).abs() > 0.01 * party.people() + 0.011
        {
            self.fail(format!(
                "totals.cost_cny.per_person {per_person} × {} people ≠ party {party_cost}",
                party.people()
            ));
        }
    }

    /// How a day begins and ends.
    #[allow(clippy::too_many_arguments)]
    fn day_shape(
        &mut self,
        at: &str,
        events: &[Event],
        is_first: bool,
        is_last: bool,
        start_place: Option<&str>,
        night: Option<&str>,
        mode: &str,
    ) {
        let first = &events[0];
        match first {
            Event::Transfer {
                from, to, mode: m, ..
            } => {
                if is_first {
                    if *m != mode {
                        self.fail(format!(
                            "{at}: the trip out is by {m}, request.mode is {mode}"
                        ));
                    }
                    if mode != "car" && !self.is_destination_hub(to) {
                        self.fail(format!(
                            "{at}: the trip out ends at {to}, not a hub of the destination"
                        ));
                    }
                } else if Some(*from) != start_place {
                    self.fail(format!(
                        "{at}: the day starts from {from}, the night was spent at {start_place:?}"
                    ));
                }
            }
            // Breakfast at the lodging the night was spent at.
            Event::Meal { near, .. } if !is_first && Some(*near) == start_place => {}
            other => self.fail(format!(
                "{at}: the day starts with {}, not a transfer from {}",
                other.label(),
                start_place.unwrap_or("?")
            )),
        }
        let last = events.last().expect("non-empty");
        if is_last {
            match last {
                Event::Transfer {
                    from, to, mode: m, ..
                } => {
                    if *m != mode {
                        self.fail(format!(
                            "{at}: the trip back is by {m}, request.mode is {mode}"
                        ));
                    }
                    if !self.is_beijing_hub(to) {
                        self.fail(format!(
                            "{at}: the last day ends at {to}, not the trip back to a Beijing hub"
                        ));
                    }
                    if mode != "car" && !self.is_destination_hub(from) {
                        self.fail(format!(
                            "{at}: the trip back leaves from {from}, not a hub of the destination"
                        ));
                    }
                }
                other => self.fail(format!(
                    "{at}: the last day ends with {}, not the trip back to Beijing",
                    other.label()
                )),
            }
        } else {
            match last {
                Event::Lodging { lodging, .. } if Some(*lodging) == night => {}
                other => self.fail(format!(
                    "{at}: the day ends with {}, not the lodging event of the night ({night:?})",
                    other.label()
                )),
            }
        }
        for (k, event) in events.iter().enumerate() {
            if matches!(event, Event::Lodging { .. }) && k + 1 != events.len() {
                self.fail(format!(
                    "{at}: {} is not the day's last event",
                    event.label()
                ));
            }
            let touches_beijing = matches!(event, Event::Transfer { from, to, .. }
                if self.is_beijing_hub(from) || self.is_beijing_hub(to));
            let allowed = (is_first && k == 0) || (is_last && k + 1 == events.len());
            if (event.is_intercity() || touches_beijing) && !allowed {
                self.fail(format!(
                    "{at}: {} is not the trip out (day 1, first) or back (last day, last)",
                    event.label()
                ));
            }
        }
    }

    /// Time order, no overlap, every event on the day's date, and places
    /// chained.
    fn day_chain(
        &mut self,
        at: &str,
        events: &[Event],
        start_place: Option<&str>,
        date: NaiveDate,
    ) {
        let mut place = start_place.map(str::to_owned);
        let mut previous: Option<&Event> = None;
        for event in events {
            let label = event.label();
            if event.start().date() != date || event.end().date() != date {
                self.fail(format!("{at}: {label} is not on {date}"));
            }
            let length = minutes(event.start(), event.end());
            let strictly = matches!(event, Event::Visit { .. } | Event::Meal { .. });
            if length < 0 || (strictly && length == 0) {
                self.fail(format!(
                    "{at}: {label} ends before it starts or lasts no time"
                ));
            }
            if let Some(prev) = previous
                && event.start() < prev.end()
            {
                self.fail(format!(
                    "{at}: {label} starts before the previous event ({}) ends",
                    prev.label()
                ));
            }
            let here = place.as_deref();
            match event {
                Event::Transfer { from, to, .. } => {
                    if here.is_some_and(|p| p != *from) {
                        self.fail(format!(
                            "{at}: {label} starts at {from}, but the party is at {}",
                            here.unwrap_or("?")
                        ));
                    }
                    if from == to {
                        self.fail(format!("{at}: {label} goes nowhere"));
                    }
                    for end in [from, to] {
                        if self.coord(end).is_none() {
                            self.fail(format!(
                                "{at}: {label}: {end:?} is no site, hub or lodging of the pack"
                            ));
                        }
                    }
                    place = Some((*to).to_owned());
                }
                Event::Visit { site, .. } if here != Some(*site) => self.fail(format!(
                    "{at}: {label}, but the party is at {} (no transfer to it)",
                    here.unwrap_or("?")
                )),
                Event::Meal { near, .. } if here != Some(*near) => self.fail(format!(
                    "{at}: {label}, but the party is at {}",
                    here.unwrap_or("?")
                )),
                Event::Lodging { lodging, .. } if here != Some(*lodging) => self.fail(format!(
                    "{at}: {label}, but the party is at {} (no transfer to it)",
                    here.unwrap_or("?")
                )),
                _ => {}
            }
            previous = Some(event);
        }
    }

    /// Meals in their windows, as long as the pack says, and not skipped.
    fn day_meals(
        &mut self,
        at: &str,
        events: &[Event],
        is_first: bool,
        is_last: bool,
        excused: &[&str],
    ) {
        let span_start = clock(events[0].start());
        let span_end = clock(events.last().expect("non-empty").end());
        let intercity: Vec<(u32, u32)> = events
            .iter()
            .filter(|e| e.is_intercity())
            .map(|e| (clock(e.start()), clock(e.end())))
            .collect();
        for meal in &self.pack.meals {
            let kind = match meal.kind {
                MealKind::Breakfast => "breakfast",
                MealKind::Lunch => "lunch",
                MealKind::Dinner => "dinner",
            };
            let (window_start, window_end) =
                (meal.window.start.minutes(), meal.window.end.minutes());
            let duration = i64::from(meal.duration.0);
            let placed: Vec<&Event> = events
                .iter()
                .filter(|e| matches!(e, Event::Meal { meal, .. } if *meal == kind))
                .collect();
            if placed.len() > 1 {
                self.fail(format!("{at}: {} {kind}s", placed.len()));
            }
            for event in &placed {
                let (start, end) = (clock(event.start()), clock(event.end()));
                if start < window_start || end > window_end {
                    self.fail(format!(
                        "{at}: {} is outside the {kind} window {}-{}",
                        event.label(),
                        hhmm(window_start),
                        hhmm(window_end)
                    ));
                }
                let length = minutes(event.start(), event.end());
                if length != duration {
                    self.fail(format!(
                        "{at}: {} lasts {length} min, the pack's {kind} lasts {duration} min",
                        event.label()
                    ));
                }
            }
            if !placed.is_empty() {
                continue;
            }
            let required = match meal.kind {
                // Every day that starts at the lodging and is still under
                // way when the window closes.
                MealKind::Breakfast => !is_first && span_end > window_end,
                // The day spans the whole window, and the trains or coaches
                // leave a stretch of it long enough for the meal.
                MealKind::Lunch => {
                    span_start <= window_start
                        && span_end >= window_end
                        && longest_gap(window_start, window_end, &intercity) >= duration
                }
                // The day goes on past the window; the return train home
                // excuses it.
                MealKind::Dinner => !is_last && span_end > window_end,
            };
            if required && !excused.contains(&kind) {
                self.fail(format!(
                    "{at}: no {kind}, though the day spans {}-{} (window {}-{})",
                    hhmm(span_start),
                    hhmm(span_end),
                    hhmm(window_start),
                    hhmm(window_end)
                ));
            }
        }
    }

    fn in_pace(&mut self, at: &str, pace: &str, start: NaiveDateTime, end: NaiveDateTime) {
        let rule = match pace {
            "relaxed" => self.pack.paces.relaxed,
            "standard" => self.pack.paces.standard,
            "packed" => self.pack.paces.packed,
            _ => return,
        };
        let (from, to) = (rule.hours.start.minutes(), rule.hours.end.minutes());
        if clock(start) < from || clock(end) > to {
            self.fail(format!(
                "{at}: outside the {pace} pace's hours {}-{}",
                hhmm(from),
                hhmm(to)
            ));
        }
    }

    fn transfer(&mut self, at: &str, event: &Event, date: NaiveDate, mode: &str, party: &Party) {
        let Event::Transfer {
            from,
            to,
            start,
            end,
            mode: m,
            service,
            km,
            minutes: travel,
            cost,
        } = *event
        else {
            return;
        };
        let span = minutes(start, end);
        if travel > span {
            self.fail(format!(
                "{at}: minutes = {travel}, more than the {span} min from start to end"
            ));
        }
        match m {
            "rail" | "coach" => {
                if m != mode {
                    self.fail(format!("{at}: a {m} service, but request.mode is {mode}"));
                }
                let Some(id) = service else {
                    self.fail(format!("{at}: {m} transfer without a service"));
                    return;
                };
                // One train may have a service for each pair of its stops.
                let same = |s: &&Service| s.id == id && s.from == from && s.to == to;
                let Some(s) = self.pack.services.iter().find(same) else {
                    self.fail(format!("{at}: service {id} is not in the pack's timetable"));
                    return;
                };
                let s_mode = match s.mode {
                    ServiceMode::Rail => "rail",
                    ServiceMode::Coach => "coach",
                };
                let depart =
                    NaiveTime::from_num_seconds_from_midnight_opt(s.depart.minutes() * 60, 0);
                let arrive =
                    NaiveTime::from_num_seconds_from_midnight_opt(s.arrive.minutes() * 60, 0);
                if s_mode != m
                    || s.from != from
                    || s.to != to
                    || depart != Some(start.time())
                    || arrive != Some(end.time())
                {
                    self.fail(format!(
                        "{at}: does not match the pack's {id}: {s_mode} {}→{} {}-{}",
                        s.from, s.to, s.depart, s.arrive
                    ));
                }
                if !s.runs_on(date) {
                    self.fail(format!(
                        "{at}: {id} does not run on {date} ({})",
                        date.format("%A")
                    ));
                }
                let fare = party.pay(s.fare);
                if !close_money(cost, fare) {
                    self.fail(format!(
                        "{at}: cost_cny {cost}, the party's fares for {id} come to {fare:.2}"
                    ));
                }
            }
            "car" | "walk" => {
                if let Some(id) = service {
                    self.fail(format!("{at}: a {m} transfer with service {id:?}"));
                }
                let (Some(a), Some(b)) = (self.coord(from), self.coord(to)) else {
                    return;
                };
                let straight = haversine_km(a, b);
                // A drive to or from Beijing uses the pack's road mode if it has one.
                let long_road = self.is_beijing_hub(from) || self.is_beijing_hub(to);
                let rule_name = if m == "car" && long_road && self.pack.travel.contains_key("road")
                {
                    "road"
                } else {
                    m
                };
                let Some(rule) = self.pack.travel.get(rule_name) else {
                    self.fail(format!("{at}: the pack has no [travel.{rule_name}]"));
                    return;
                };
                // A long hop may go faster on its speed bands, or on the
                // expressway mode where it applies.
                let banded = rule
                    .bands
                    .iter()
                    .map(|b| b.speed_kmh)
                    .fold(rule.speed_kmh, f64::max);
                let speed_kmh = match self.pack.travel.get("expressway") {
                    Some(fast)
                        if rule_name == "car"
                            && fast.min_km.is_none_or(|min| straight * 1.005 + 0.01 >= min) =>
                    {
                        banded.max(fast.speed_kmh)
                    }
                    _ => banded,
                };
                // Haversine is within 0.5 % of the geodesic; distance_km has one decimal.
                let floor = straight * 0.995 - 0.05;
                if km < floor {
                    self.fail(format!(
                        "{at}: distance_km {km} is shorter than the straight line, {straight:.2} km"
                    ));
                }
                for (what, distance) in [("straight-line", floor), ("distance_km", km)] {
                    let least = distance / speed_kmh * 60.0 - 1.0;
                    if (travel as f64) < least {
                        self.fail(format!(
                            "{at}: {travel} min for {distance:.2} km ({what}) is faster than {speed_kmh} km/h"
                        ));
                    }
                }
                if m == "walk"
                    && let Some(max) = rule.max_km
                    && straight * 0.995 > max + 0.005
                {
                    self.fail(format!(
                                "{at}: a walk of {straight:.2} km straight line, the pack walks at most {max} km"
                            ));
                }
                if cost < 0.0 {
                    self.fail(format!("{at}: negative cost"));
                }
            }
            other => self.fail(format!("{at}: unknown mode {other}")),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn visit(
        &mut self,
        at: &str,
        id: &str,
        start: NaiveDateTime,
        end: NaiveDateTime,
        cost: f64,
        sunrise: bool,
        date: NaiveDate,
        party: &Party,
    ) {
        let Some(site) = self.pack.site(id) else {
            self.fail(format!("{at}: {id:?} is not a site of the pack"));
            return;
        };
        match site.hours.on(date, &self.pack.calendar) {
            DayHours::Closed(reason) => {
                self.fail(format!(
                    "{at}: {id} is closed on {date} ({reason}; hours \"{}\")",
                    site.hours.as_str()
                ));
            }
            DayHours::Open(intervals) => {
                let (s, e) = (clock(start), clock(end));
                // A viewpoint reached before dawn may be entered before it opens.
                let dawn = sunrise && site.dawn;
                let inside = intervals
                    .iter()
                    .any(|iv| (dawn || iv.open.minutes() <= s) && e <= iv.close.minutes());
                if !inside {
                    let mut open = String::new();
                    for iv in &intervals {
                        let _ = write!(open, " {}-{}", iv.open, iv.close);
                    }
                    self.fail(format!(
                        "{at}: not inside one open interval of {id} on {date}:{open}"
                    ));
                }
            }
        }
        let length = minutes(start, end);
        if length < i64::from(site.min_visit.0) {
            self.fail(format!(
                "{at}: lasts {length} min, {id}'s min_visit is {}",
                site.min_visit
            ));
        }
        if sunrise && !site.sunrise {
            self.fail(format!("{at}: marked sunrise, but {id} is no sunrise site"));
        }
        if sunrise {
            // The party is there when the sun rises (±5 min for the formula).
            let rise = sunrise_minutes(site.coord.lat, site.coord.lon, date);
            if i64::from(clock(start)) > rise + 5 || i64::from(clock(end)) < rise - 5 {
                self.fail(format!(
                    "{at}: a sunrise visit, but the sun rises at {} there",
                    hhmm(rise as u32)
                ));
            }
        }
        let season = self.pack.season_on(date);
        let price = party.pay(self.pack.site_fare(site, season));
        if !close_money(cost, price) {
            self.fail(format!(
                "{at}: cost_cny {cost}, the party's {season} entry price is {price:.2}"
            ));
        }
    }
}

/// Sunrise at `lat`, `lon` on `date`, in minutes after local (UTC+8)
/// midnight, by the sunrise equation (NOAA's simplified form, within ~2 min).
fn sunrise_minutes(lat: f64, lon: f64, date: NaiveDate) -> i64 {
    let noon_utc = date
        .and_hms_opt(12, 0, 0)
        .expect("noon exists")
        .and_utc()
        .timestamp() as f64;
    let julian_day = noon_utc / 86_400.0 + 2_440_587.5;
    let n = (julian_day - 2_451_545.0 + 0.0008).round();
    let mean_noon = n - lon / 360.0;
    let anomaly = (357.5291 + 0.985_600_28 * mean_noon).rem_euclid(360.0);
    let m = anomaly.to_radians();
    let center = 1.9148 * m.sin() + 0.02 * (2.0 * m).sin() + 0.0003 * (3.0 * m).sin();
    let ecliptic = (anomaly + center + 180.0 + 102.9372)
        .rem_euclid(360.0)
        .to_radians();
    let transit = 2_451_545.0 + mean_noon + 0.0053 * m.sin() - 0.0069 * (2.0 * ecliptic).sin();
    let declination = (ecliptic.sin() * 23.4397_f64.to_radians().sin()).asin();
    let phi = lat.to_radians();
    let hour_angle = (((-0.833_f64).to_radians().sin() - phi.sin() * declination.sin())
        / (phi.cos() * declination.cos()))
    .acos()
    .to_degrees();
    let rise = transit - hour_angle / 360.0;
    let unix = (rise - 2_440_587.5) * 86_400.0;
    let local = unix + 8.0 * 3600.0;
    (local.rem_euclid(86_400.0) / 60.0).round() as i64
}

/// The longest stretch of `[from, to]` not covered by `busy`.
fn longest_gap(from: u32, to: u32, busy: &[(u32, u32)]) -> i64 {
    let mut busy: Vec<(u32, u32)> = busy
        .iter()
        .map(|&(s, e)| (s.max(from), e.min(to)))
        .filter(|(s, e)| s < e)
        .collect();
    busy.sort_unstable();
    let mut best = 0i64;
    let mut cursor = from;
    for (s, e) in busy {
        if s > cursor {
            best = best.max(i64::from(s - cursor));
        }
        cursor = cursor.max(e);
    }
    best.max(i64::from(to.saturating_sub(cursor)))
}

fn read_event(v: &Value) -> Event<'_> {
    match text(v, "kind") {
        "transfer" => Event::Transfer {
            from: text(v, "from"),
            to: text(v, "to"),
            start: time(&v["start"]),
            end: time(&v["end"]),
            mode: text(v, "mode"),
            service: v["service"].as_str(),
            km: number(v, "distance_km"),
            minutes: v["minutes"].as_i64().unwrap_or(0),
            cost: number(v, "cost_cny"),
        },
        "visit" => Event::Visit {
            site: text(v, "site"),
            start: time(&v["start"]),
            end: time(&v["end"]),
            cost: number(v, "cost_cny"),
            sunrise: v["sunrise"].as_bool().unwrap_or(false),
        },
        "meal" => Event::Meal {
            meal: text(v, "meal"),
            start: time(&v["start"]),
            end: time(&v["end"]),
            near: text(v, "near"),
        },
        _ => Event::Lodging {
            lodging: text(v, "lodging"),
            start: time(&v["start"]),
        },
    }
}

#[test]
fn sunrise_over_the_sea_at_geziwo() {
    // Qinhuangdao (39.93 N, 119.6 E), UTC+8: Beijing's sunrise (04:46,
    // 07:33, 06:16) about 13 minutes earlier for 3.2° further east.
    for (date, expected) in [
        ("2027-06-21", 4 * 60 + 33),
        ("2027-12-21", 7 * 60 + 20),
        ("2027-03-20", 6 * 60 + 3),
    ] {
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date");
        let got = sunrise_minutes(39.93, 119.6, date);
        assert!(
            (got - expected).abs() <= 6,
            "{date}: {} vs {}",
            hhmm(got as u32),
            hhmm(expected as u32)
        );
    }
}
