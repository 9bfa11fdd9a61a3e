//! The rules a plan keeps, each stated once: the planner builds its days by
//! them and `verify` checks a saved plan against them, so that the two
//! cannot drift apart. Times are minutes from midnight; the checker's are
//! signed, as an edited plan may put an event on any day.

use crate::model::{DrivingRules, Interval, LegCap, Meal, PaceRule, Site, TimeOfDay};

/// Minutes between a train's arrival and the street, or the street and its departure.
pub const STATION_MINUTES: u32 = 20;

/// How much shorter than the pack's travel time a transfer may be. The
/// pack's times are estimates (straight line × detour ÷ speed, rounded up,
/// plus overhead), and people who edit a plan round times to five minutes;
/// a transfer shorter by more than that is one the party cannot make. The
/// pace's slack, which the planner adds, is not required.
pub const TRAVEL_TOLERANCE_MINUTES: u32 = 5;

// Opening hours.

/// The latest start of a visit of `visit` minutes in an open interval: the
/// visit ends by the close.
pub fn latest_start(interval: &Interval, visit: u32) -> Option<u32> {
    interval.close.minutes().checked_sub(visit)
}

/// Whether a visit from `start` to `end` lies within the open interval.
pub fn within(interval: &Interval, start: i64, end: i64) -> bool {
    i64::from(interval.open.minutes()) <= start && end <= i64::from(interval.close.minutes())
}

/// Dawn access: a sunrise at a viewpoint reached before dawn (`dawn = true`)
/// may begin before the site's daytime hours.
pub fn dawn_access(site: &Site, sunrise: bool) -> bool {
    sunrise && site.dawn
}

/// Whether a visit from `start` to `end` keeps the site's hours that day:
/// within one open interval, or, with dawn access, ending by the last close.
pub fn keeps_hours(
    site: &Site,
    intervals: &[Interval],
    sunrise: bool,
    (start, end): (i64, i64),
) -> bool {
    if intervals.iter().any(|i| within(i, start, end)) {
        return true;
    }
    let closes = intervals.iter().map(|i| i64::from(i.close.minutes())).max();
    dawn_access(site, sunrise) && closes.is_some_and(|close| end <= close)
}

/// The open intervals of a site seen from outside (`daylight`), cut at
/// sunset: villa exteriors are not shown after dark.
pub fn by_daylight(site: &Site, intervals: Vec<Interval>, sunset: Option<u32>) -> Vec<Interval> {
    let Some(dusk) = sunset
        .filter(|_| site.daylight)
        .and_then(TimeOfDay::from_minutes)
    else {
        return intervals;
    };
    (intervals.into_iter())
        .filter(|i| i.open < dusk)
        .map(|i| Interval {
            close: i.close.min(dusk),
            ..i
        })
        .collect()
}

// Early starts.

/// A sunrise visit that starts before this (05:30) is an optional outing
/// (自愿参加): the day stands without it. The planner makes every sunrise
/// optional, as agencies sell it (视天气).
pub const OPTIONAL_DAWN_BEFORE: u32 = 5 * 60 + 30;

/// Groups, children and seniors are never given a compulsory start before
/// this (06:00): an earlier outing is optional.
pub const EARLIEST_START_WITH_CARE: u32 = 6 * 60;

/// Whether an event from `start` (minutes) must be optional: a sunrise
/// visit before 05:30, or any start before 06:00 for a party that travels
/// with care (children, seniors, a group).
pub fn must_be_optional(start: u32, sunrise: bool, with_care: bool) -> bool {
    (sunrise && start < OPTIONAL_DAWN_BEFORE) || (with_care && start < EARLIEST_START_WITH_CARE)
}

// Meals.

/// The latest start of a meal that ends within its window.
pub fn meal_latest_start(meal: &Meal) -> u32 {
    meal.window.end.minutes() - meal.duration.0
}

/// Whether a meal from `start` to `end` lies within its window.
pub fn meal_in_window(meal: &Meal, start: i64, end: i64) -> bool {
    let (open, close) = (meal.window.start.minutes(), meal.window.end.minutes());
    i64::from(open) <= start && end <= i64::from(close)
}

/// Whether a meal that lasts `lasts` minutes is cut shorter than its
/// duration (one that ends before it starts is out of order instead).
pub fn meal_cut_short(meal: &Meal, lasts: i64) -> bool {
    (0..i64::from(meal.duration.0)).contains(&lasts)
}

// The pace.

/// A leg's minutes as planned: the ride and the pace's slack on it.
pub fn planned_minutes(pace: &PaceRule, ride: u32) -> u32 {
    match ride {
        0 => 0,
        m => m + pace.slack.on(m),
    }
}

/// Whether a service home suits the pace: it leaves within the pace's
/// hours and arrives by its home-by.
pub fn suits_pace_home(pace: &PaceRule, depart: TimeOfDay, arrive: TimeOfDay) -> bool {
    depart <= pace.hours.end && pace.home_by.is_none_or(|by| arrive <= by)
}

/// The latest arrival home on the last day: the pace's home-by, within the
/// pack's day that ends at `day_end`.
pub fn home_by(pace: &PaceRule, day_end: TimeOfDay) -> TimeOfDay {
    pace.home_by.map_or(day_end, |by| by.min(day_end))
}

/// When a day whose first departure is at `first_departure` must be over:
/// the pace's span later, if the pace limits it.
pub fn day_over_by(pace: &PaceRule, first_departure: f64) -> Option<f64> {
    pace.span.map(|span| first_departure + f64::from(span.0))
}

// Trains and coaches.

/// Whether `gap` minutes between the street and a departure are too few for the station.
pub fn short_of_station(gap: i64) -> bool {
    (0..i64::from(STATION_MINUTES)).contains(&gap)
}

// Travel legs.

/// Whether a transfer of `takes` minutes is quicker than a leg of `least`
/// minutes allows, beyond the tolerance. (One that ends before it starts is
/// out of order instead.)
pub fn too_quick(takes: i64, least: i64) -> bool {
    takes >= 0 && takes + i64::from(TRAVEL_TOLERANCE_MINUTES) < least
}

// A group's coach legs.

/// A group's minutes at a stop of its coach, to leave or board it and to
/// walk between the coach park and the gate: counted once a stop, half on
/// the leg there and half on the leg away, so that a day's stops are not
/// stacked on each leg.
pub fn coach_stop_share(stop_a: u32, stop_b: u32) -> u32 {
    (stop_a + stop_b).div_ceil(2)
}

/// The longest a group's coach leg of `km` road km between `places` may
/// take, slack and stops included, where the pack caps it: the least of
/// the caps that apply.
pub fn coach_leg_cap(caps: &[LegCap], km: f64, places: (&str, &str)) -> Option<u32> {
    let joins =
        |[a, b]: &[String; 2]| (a == places.0 && b == places.1) || (a == places.1 && b == places.0);
    (caps.iter())
        .filter(|cap| {
            cap.under_km.is_some_and(|under| km < under) || cap.between.as_ref().is_some_and(joins)
        })
        .map(|cap| cap.max.0)
        .min()
}

/// Whether a coach leg of `takes` minutes is longer than its cap allows,
/// beyond the tolerance.
pub fn over_cap(takes: i64, cap: Option<u32>) -> bool {
    cap.is_some_and(|cap| takes > i64::from(cap + TRAVEL_TOLERANCE_MINUTES))
}

// The drivers' hours (a chartered coach's or a self-drive's).

/// The most minutes a day's coach may be driven by `drivers` drivers: each driver's daily hours.
pub fn driving_limit(rules: &DrivingRules, drivers: u32) -> u32 {
    rules.daily.0 * drivers
}

/// The drivers a day of `driving` minutes at the wheel needs: the pack's
/// crew, and a second driver when the first's hours are past and the pack
/// prices one; `None` when even that is not enough.
pub fn drivers_needed(
    rules: &DrivingRules,
    second_driver: Option<f64>,
    driving: u32,
) -> Option<u32> {
    let most = rules.drivers + u32::from(second_driver.is_some());
    (rules.drivers..=most).find(|&n| driving <= driving_limit(rules, n))
}

/// Minutes at the wheel of a ride of `ride` minutes: a coach driver's are
/// the ride as the pack's legs give it; a self-driver's count the pace's
/// slack too (traffic, parking), as nobody else takes the wheel.
pub fn wheel_minutes(pace: &PaceRule, ride: u32, self_drive: bool) -> u32 {
    if self_drive {
        planned_minutes(pace, ride)
    } else {
        ride
    }
}

/// The rest stops a coach driver must make within a drive of `driving` minutes.
pub fn rests(rules: &DrivingRules, driving: u32) -> u32 {
    driving.saturating_sub(1) / rules.continuous.0.max(1) * rules.rest.0
}

/// Time at the wheel as messages give it: `9 h 05 min`.
pub fn wheel_time(minutes: u32) -> String {
    format!("{} h {:02} min", minutes / 60, minutes % 60)
}
