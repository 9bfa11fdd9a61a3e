//! The validated route pack: plain domain types that the planner and the
//! renderers read. Built only by [`crate::load`], so every value here has
//! passed its checks (ranges, references, ordering).

mod agency;
mod calendar;
mod hours;
mod promises;
mod provenance;
mod rides;
mod text;
mod time;
mod worth;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use agency::{Agency, Contract, Logo, Meeting, Rates};
pub use calendar::{Calendar, Holiday, HolidayDay, HolidayStatus};
pub use hours::{ClosedReason, DayHours, Hours, HoursError, Interval};
pub use provenance::Provenance;
pub use rides::{Drive, Parking, Rides, SiteParking, Taxi, Van};
pub use text::Text;
pub use time::{DayRange, Minutes, MonthDay, TimeOfDay};
pub use worth::{PartyWorth, Travellers};

/// A WGS-84 position in decimal degrees.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Coord {
    pub lat: f64,
    pub lon: f64,
}

/// A whole route pack.
#[derive(Clone, Debug)]
pub struct Pack {
    pub info: PackInfo,
    pub areas: Vec<Area>,
    pub seasons: Vec<Season>,
    pub day: Span,
    pub paces: Paces,
    pub meals: Vec<Meal>,
    pub travel: BTreeMap<String, TravelMode>,
    /// Sourced door-to-door times that override the travel model.
    pub times: Vec<KnownTime>,
    pub concessions: Vec<Concession>,
    /// How groups travel, on a chartered coach; `None` when the pack plans none.
    pub group: Option<Group>,
    /// What local rides cost; `None` leaves them out of the cost.
    pub rides: Option<Rides>,
    /// What a self-drive costs; `None` leaves it out of the cost.
    pub drive: Option<Drive>,
    pub calendar: Calendar,
    pub sites: Vec<Site>,
    pub hubs: Vec<Hub>,
    pub timetable: Timetable,
    pub services: Vec<Service>,
    pub lodging: Vec<Lodging>,
    pub products: Vec<Product>,
}

impl Pack {
    /// What each traveller pays at `site` in `season`: its prices, lowered
    /// by the concessions that cover it.
    pub fn site_fare(&self, site: &Site, season: &str) -> Fare {
        let mut fare = site.price.in_season(season);
        if site.adult_only {
            fare.child = 0.0;
        }
        for rule in self.concessions_at(&site.id) {
            if let Some(share) = rule.child {
                fare.child = fare.child.min(fare.adult * share);
            }
            if let Some(share) = rule.senior {
                fare.senior = fare.senior.min(fare.adult * share);
            }
        }
        fare
    }

    /// The concessions that cover the site `id`.
    pub fn concessions_at<'p>(&'p self, id: &'p str) -> impl Iterator<Item = &'p Concession> {
        (self.concessions.iter()).filter(move |c| c.sites.iter().any(|s| s == id))
    }

    pub fn site(&self, id: &str) -> Option<&Site> {
        self.sites.iter().find(|s| s.id == id)
    }

    pub fn hub(&self, id: &str) -> Option<&Hub> {
        self.hubs.iter().find(|h| h.id == id)
    }

    pub fn lodging(&self, id: &str) -> Option<&Lodging> {
        self.lodging.iter().find(|l| l.id == id)
    }

    pub fn product(&self, id: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.id == id)
    }

    pub fn area(&self, id: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.id == id)
    }

    /// The id of the season `date` falls in, `"off"` when it is in none.
    pub fn season_on(&self, date: NaiveDate) -> &str {
        let day = MonthDay::of(date);
        self.seasons
            .iter()
            .find(|s| s.contains(day))
            .map_or(Season::OFF, |s| s.id.as_str())
    }
}

#[derive(Clone, Debug)]
pub struct PackInfo {
    pub id: String,
    pub name: Text,
    /// The IANA zone the pack's clock times are in.
    pub timezone: chrono_tz::Tz,
    /// The `city` of the hubs trips start from and return to.
    pub origin: String,
    /// The `city` of the hubs at the far end of the trip.
    pub destination: String,
    pub source: String,
}

/// A part of the destination a day is spent in, such as 山海关.
#[derive(Clone, Debug)]
pub struct Area {
    pub id: String,
    pub name: Text,
}

/// A named range of days of the year, such as the summer peak.
#[derive(Clone, Debug)]
pub struct Season {
    pub id: String,
    pub name: Text,
    pub from: MonthDay,
    pub to: MonthDay,
    pub source: String,
}

impl Season {
    /// The season of dates that are in no named season.
    pub const OFF: &'static str = "off";

    pub fn contains(&self, day: MonthDay) -> bool {
        let range = DayRange {
            from: self.from,
            to: self.to,
        };
        range.contains(day)
    }
}

/// A stretch of a day, from `start` to `end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: TimeOfDay,
    pub end: TimeOfDay,
}

/// How full a day is: its hours, how long it may last, when the party is
/// home, and the buffer added to every transfer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaceRule {
    pub hours: Span,
    pub slack: Slack,
    /// The longest day, from the first departure to the last arrival.
    pub span: Option<Minutes>,
    /// The latest arrival back at the origin on the last day.
    pub home_by: Option<TimeOfDay>,
    /// The most visits a day holds.
    pub visits: Option<u32>,
}

/// The buffer added to a transfer: fixed, or in proportion to the ride.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slack {
    Fixed(Minutes),
    Percent(u32),
}

impl Slack {
    /// The buffer for a ride of `minutes`.
    pub fn on(self, minutes: u32) -> u32 {
        match self {
            Slack::Fixed(Minutes(m)) => m,
            Slack::Percent(p) => (minutes * p).div_ceil(100),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paces {
    pub relaxed: PaceRule,
    pub standard: PaceRule,
    pub packed: PaceRule,
}

impl Paces {
    pub fn get(&self, pace: Pace) -> PaceRule {
        match pace {
            Pace::Relaxed => self.relaxed,
            Pace::Standard => self.standard,
            Pace::Packed => self.packed,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pace {
    Relaxed,
    Standard,
    Packed,
}

impl Pace {
    pub fn as_str(self) -> &'static str {
        match self {
            Pace::Relaxed => "relaxed",
            Pace::Standard => "standard",
            Pace::Packed => "packed",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MealKind {
    /// Taken at the lodging.
    Breakfast,
    Lunch,
    Dinner,
}

impl MealKind {
    /// The pack's id of the meal.
    pub fn as_str(self) -> &'static str {
        match self {
            MealKind::Breakfast => "breakfast",
            MealKind::Lunch => "lunch",
            MealKind::Dinner => "dinner",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Meal {
    pub kind: MealKind,
    pub name: Text,
    /// The meal starts and ends inside this window.
    pub window: Span,
    pub duration: Minutes,
}

/// A local way of moving between places: geodesic distance × detour ÷ speed + overhead.
#[derive(Clone, Debug)]
pub struct TravelMode {
    pub speed_kmh: f64,
    /// Faster stretches of a longer ride: the road km beyond each band's
    /// `from_km` go at its speed (town streets, then arterials, then expressway).
    pub bands: Vec<SpeedBand>,
    pub detour: f64,
    pub overhead: Minutes,
    /// The mode is only used from this straight-line distance on.
    pub min_km: Option<f64>,
    /// The mode is only used up to this straight-line distance.
    pub max_km: Option<f64>,
    pub provenance: Provenance,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpeedBand {
    pub from_km: f64,
    pub speed_kmh: f64,
}

/// How a party moves between two places of the destination.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LocalMode {
    Walk,
    Car,
}

/// A published door-to-door time between two places, in both directions.
#[derive(Clone, Debug)]
pub struct KnownTime {
    pub from: String,
    pub to: String,
    pub mode: LocalMode,
    pub minutes: Minutes,
    pub km: Option<f64>,
    pub source: String,
}

/// A rule that lowers what children or seniors pay at some sites, such as
/// a scenic area's policy by age or height.
#[derive(Clone, Debug)]
pub struct Concession {
    pub id: String,
    pub sites: Vec<String>,
    /// The share of the adult price a child or a senior pays at most.
    pub child: Option<f64>,
    pub senior: Option<f64>,
    /// Who goes free or pays less, as the reader is told it.
    pub note: Text,
    pub provenance: Provenance,
}

/// How the pack plans for a group on a chartered coach.
#[derive(Clone, Debug)]
pub struct Group {
    /// A party this large travels by chartered coach unless asked otherwise.
    pub min_size: u32,
    /// Where the coach meets the group in the origin city (a hub id).
    pub meet: Option<String>,
    /// For a group to leave or board the coach, at each stop.
    pub boarding: Minutes,
    /// From the coach park to a site's gate, where the site does not say.
    pub coach_walk: Minutes,
    /// People who lead the group into the sites (a guide); the driver stays with the coach.
    pub staff: u32,
    pub coach: CoachHire,
    pub driving: DrivingRules,
    /// When a group leaves the origin city, if the pack says.
    pub start: Option<Span>,
    /// The longest a coach leg between two stops may take.
    pub leg_caps: Vec<LegCap>,
    /// CNY a day for each staff member's meals, shared by the group.
    pub staff_meals: f64,
    pub provenance: Provenance,
}

/// The longest a group's coach leg takes: under a road distance, or between two places.
#[derive(Clone, Debug, PartialEq)]
pub struct LegCap {
    pub under_km: Option<f64>,
    pub between: Option<[String; 2]>,
    pub max: Minutes,
}

/// What a chartered coach costs and holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CoachHire {
    /// CNY a day of the trip, with its driver.
    pub per_day: f64,
    /// CNY a km driven, beyond the day rate.
    pub per_km: f64,
    /// Passenger seats, the guide's included.
    pub seats: u32,
    /// CNY a day for a second driver; without it a coach has one driver.
    pub second_driver: Option<f64>,
}

/// The law on a coach driver's hours.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DrivingRules {
    /// The longest drive without a rest.
    pub continuous: Minutes,
    /// The shortest rest that ends a drive.
    pub rest: Minutes,
    /// The most a driver may drive in a day.
    pub daily: Minutes,
    pub drivers: u32,
}

/// A site's group ticket: the adult price for a group of at least
/// `min_size`, with `free` places for those who lead it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GroupFare {
    pub adult: f64,
    pub min_size: u32,
    pub free: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Nature,
    Culture,
    Art,
    Wellness,
    Museum,
    Food,
    Shopping,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Nature,
        Category::Culture,
        Category::Art,
        Category::Wellness,
        Category::Museum,
        Category::Food,
        Category::Shopping,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Nature => "nature",
            Category::Culture => "culture",
            Category::Art => "art",
            Category::Wellness => "wellness",
            Category::Museum => "museum",
            Category::Food => "food",
            Category::Shopping => "shopping",
        }
    }
}

/// Per-person prices in CNY.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Fare {
    pub adult: f64,
    pub child: f64,
    pub senior: f64,
}

/// A site's prices: the base fare and the seasons where it differs.
#[derive(Clone, Debug, PartialEq)]
pub struct Prices {
    pub base: Fare,
    pub by_season: BTreeMap<String, Fare>,
    pub group: Option<GroupFare>,
}

impl Prices {
    pub fn in_season(&self, season: &str) -> Fare {
        self.by_season.get(season).copied().unwrap_or(self.base)
    }
}

#[derive(Clone, Debug)]
pub struct Site {
    pub id: String,
    pub name: Text,
    pub district: Text,
    /// The id of the site's area.
    pub area: String,
    pub address: Option<String>,
    /// An agency's contracted programme has one, for the guide.
    pub phone: Option<String>,
    pub coord: Coord,
    pub category: Category,
    pub tags: Vec<String>,
    pub rating: f64,
    pub visit: Minutes,
    pub min_visit: Minutes,
    pub price: Prices,
    /// From the coach park to the gate, for a group on a coach.
    pub coach_walk: Option<Minutes>,
    pub hours: Hours,
    pub sunrise: bool,
    /// When its sunrise is most often clear: a trip that does not ask for
    /// the sunrise gets it only then; always when empty.
    pub sunrise_best: Vec<DayRange>,
    /// The viewpoint can be reached before dawn, whatever its daytime hours.
    pub dawn: bool,
    /// Seen from outside (villa exteriors): a visit ends by sunset.
    pub daylight: bool,
    pub booking: bool,
    /// Draws crowds on public holidays and in the peak season.
    pub crowds: bool,
    /// When the site is worth a visit (bathing beaches in summer); always when empty.
    pub worth: Vec<DayRange>,
    /// More time a visit takes on a public holiday (queues at the gate).
    pub holiday_extra: Option<Minutes>,
    /// Tickets are booked ahead by real name on public holidays.
    pub holiday_booking: bool,
    /// Its worth to some parties at some times of year.
    pub worth_for: Vec<PartyWorth>,
    /// What a visitor should know.
    pub notes: Option<Text>,
    /// What a visitor should know in part of the year only (the summer's
    /// early start for the sunrise), said only on the days it holds.
    pub season_notes: Vec<SeasonNote>,
    /// What is uncertain about the site's facts: for the guide and the
    /// operator, not the customer's handout.
    pub caveat: Option<Text>,
    /// A stand-in for a place not yet chosen (one of many sanatoria).
    pub placeholder: bool,
    /// A programme for adults only: children neither take part nor pay.
    pub adult_only: bool,
    pub summary: Text,
    pub provenance: Provenance,
}

/// A site's note for the days of the year it holds on.
#[derive(Clone, Debug)]
pub struct SeasonNote {
    pub days: DayRange,
    pub text: Text,
}

impl Site {
    /// The season note that holds on `date`, if any.
    pub fn season_note_on(&self, date: NaiveDate) -> Option<&SeasonNote> {
        let day = MonthDay::of(date);
        self.season_notes.iter().find(|n| n.days.contains(day))
    }

    /// Rated 0 by the pack (a pitfall by its own notes): planned only when asked for.
    pub fn not_recommended(&self) -> bool {
        self.rating == 0.0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HubKind {
    Rail,
    Coach,
    Airport,
}

#[derive(Clone, Debug)]
pub struct Hub {
    pub id: String,
    pub name: Text,
    pub district: Text,
    pub area: String,
    pub coord: Coord,
    pub city: String,
    pub kind: HubKind,
    pub provenance: Provenance,
}

/// What is known of the timetable as a whole.
#[derive(Clone, Debug)]
pub struct Timetable {
    /// An illustrative timetable rather than the current one.
    pub sample: bool,
    pub note: Text,
    /// How far ahead the railway sells tickets, when the pack knows it.
    pub presale: Option<Presale>,
    pub source: String,
}

/// The railway's presale period: tickets go on sale this many days ahead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presale {
    pub days: u32,
    /// Not from the railway's own word: to confirm with it.
    pub estimated: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ServiceMode {
    Rail,
    Coach,
}

/// The weekdays a service runs, Monday first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Weekdays(pub [bool; 7]);

impl Weekdays {
    pub const DAILY: Weekdays = Weekdays([true; 7]);

    pub fn runs_on(self, date: NaiveDate) -> bool {
        use chrono::Datelike;
        self.0[date.weekday().num_days_from_monday() as usize]
    }
}

#[derive(Clone, Debug)]
pub struct Service {
    pub id: String,
    pub mode: ServiceMode,
    pub from: String,
    pub to: String,
    pub depart: TimeOfDay,
    pub arrive: TimeOfDay,
    pub days: Weekdays,
    /// The first and last day of the timetable period it belongs to.
    pub valid_from: NaiveDate,
    pub valid_to: NaiveDate,
    /// An illustrative service, not a real one; its id starts with
    /// [`Service::SAMPLE_PREFIX`].
    pub sample: bool,
    pub fare: Fare,
    pub provenance: Provenance,
}

impl Service {
    /// What a sample service's id starts with, so that no sample can pass
    /// for a real train number.
    pub const SAMPLE_PREFIX: &str = "SAMPLE-";

    /// Whether it runs on `date`: within its period, on one of its weekdays.
    pub fn runs_on(&self, date: NaiveDate) -> bool {
        (self.valid_from..=self.valid_to).contains(&date) && self.days.runs_on(date)
    }

    /// The number shown beside the row, which marks a sample as such:
    /// the id, less the sample prefix.
    pub fn number(&self) -> &str {
        self.id
            .strip_prefix(Self::SAMPLE_PREFIX)
            .unwrap_or(&self.id)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LodgingKind {
    Hotel,
    Sanatorium,
}

#[derive(Clone, Debug)]
pub struct Lodging {
    pub id: String,
    pub name: Text,
    pub district: Text,
    pub area: String,
    pub coord: Coord,
    pub kind: LodgingKind,
    pub price_per_night: f64,
    /// When it takes guests; all year when `None`.
    pub open: Option<DayRange>,
    /// Its rooms, cheapest way first; never empty.
    pub rooms: Vec<Room>,
    /// A stand-in for a hotel not yet chosen ("a hotel near the station").
    pub placeholder: bool,
    /// The street address and phone, for the driver and the guide: an
    /// agency's contracted hotel has them (the pack's lodging has none).
    pub address: Option<String>,
    pub phone: Option<String>,
    pub summary: Text,
    pub provenance: Provenance,
}

/// A kind of room and its price a night.
#[derive(Clone, Debug)]
pub struct Room {
    pub id: String,
    pub name: Text,
    /// People it sleeps; at least one of them a grown-up.
    pub sleeps: u32,
    pub price: f64,
}

/// What a product promises for one of its days.
#[derive(Clone, Debug, Default)]
pub struct ProductDay {
    /// The areas the day may be spent in; any when empty.
    pub areas: Vec<String>,
    pub must: Vec<String>,
    pub theme: Option<Text>,
}

/// A curated trip: its length, must-see sites, interests and pace.
#[derive(Clone, Debug)]
pub struct Product {
    pub id: String,
    pub name: Text,
    pub days: u8,
    pub from: Option<String>,
    pub must: Vec<String>,
    pub interests: BTreeMap<Category, f64>,
    pub pace: Pace,
    /// Its days in order; empty when the product leaves them to the planner.
    pub plan: Vec<ProductDay>,
    pub summary: Text,
    pub source: String,
}
