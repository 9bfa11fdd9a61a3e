//! The plan as delivered: days of timed events, the sites left out and why,
//! what the reader should know, and the totals. Everything here is a fact
//! with a stable code; the words belong to the renderers and their message
//! catalog. Serializes to the versioned JSON output contract
//! (`schema/itinerary.v1.json`), to which `render` adds the texts, and is
//! read back from it by [`from_json`], the texts ignored.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::request::Request;
use crate::model::{ClosedReason, MealKind, MonthDay, Presale, Span, Text, TimeOfDay};

/// The JSON output contract's version.
pub const SCHEMA: &str = "jingqin/itinerary/v1";

/// Reads back an itinerary as `render` writes it in JSON, perhaps edited by
/// hand. The error says where (line and column) and what is wrong.
pub fn from_json(text: &str) -> Result<Itinerary, String> {
    serde_json::from_str(text).map_err(|e| {
        // serde_json ends its message with the position; ours leads with it.
        let message = e.to_string();
        let at = format!(" at line {} column {}", e.line(), e.column());
        let what = message.strip_suffix(&at).unwrap_or(&message);
        format!("line {}, column {}: {what}", e.line(), e.column())
    })
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Itinerary {
    #[serde(deserialize_with = "schema_v1")]
    pub schema: Version,
    pub pack: String,
    /// The IANA zone of every time in the plan.
    #[serde(serialize_with = "zone_name", deserialize_with = "zone_by_name")]
    pub timezone: Tz,
    pub request: Request,
    pub days: Vec<Day>,
    pub omitted: Vec<Omitted>,
    /// What holds for the whole trip.
    pub notices: Vec<Notice>,
    pub totals: Totals,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
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
/// Read back, a time past midnight falls on the next date.
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

/// Reads what `serialize` writes: the local date and time, with its offset.
impl<'de> Deserialize<'de> for Clock {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use chrono::Timelike;
        let text = String::deserialize(deserializer)?;
        let at = chrono::DateTime::parse_from_rfc3339(&text).map_err(|e| {
            D::Error::custom(format!("\"{text}\" is not an RFC 3339 date-time: {e}"))
        })?;
        // Plans are to the minute: seconds would be lost on writing it again.
        if at.second() != 0 || at.nanosecond() != 0 {
            return Err(D::Error::custom(format!(
                "\"{text}\" has seconds; plan times are to the minute"
            )));
        }
        Ok(Clock {
            date: at.date_naive(),
            minutes: at.hour() * 60 + at.minute(),
            utc_offset: at.offset().local_minus_utc(),
        })
    }
}

fn zone_name<S: Serializer>(zone: &Tz, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(zone.name())
}

fn zone_by_name<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Tz, D::Error> {
    let name = String::deserialize(deserializer)?;
    (name.parse()).map_err(|_| D::Error::custom(format!("\"{name}\" is not an IANA time zone")))
}

/// Always [`SCHEMA`]. Named, because serde borrows a field spelt `&'static str`
/// from the input, and an itinerary could then only be read from a `'static` text.
type Version = &'static str;

/// Only this version of the contract is read: another may mean other things by the same fields.
fn schema_v1<'de, D: Deserializer<'de>>(deserializer: D) -> Result<&'static str, D::Error> {
    let schema = String::deserialize(deserializer)?;
    if schema != SCHEMA {
        return Err(D::Error::custom(format!(
            "this is a \"{schema}\" document, not a {SCHEMA} itinerary"
        )));
    }
    Ok(SCHEMA)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TransferMode {
    Rail,
    Coach,
    Car,
    Walk,
    /// The group's chartered coach.
    Charter,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
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
        #[serde(default, skip_serializing_if = "is_zero")]
        rest_minutes: u32,
        /// The way to or from an optional outing.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        optional: bool,
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
        /// The site stands in for one not yet chosen (the pack's `placeholder`).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        placeholder: bool,
        /// The cost is an estimate: the pack marks the site's price estimated.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        cost_estimated: bool,
        /// An optional outing (a sunrise, 自愿参加): the day stands without
        /// it, and those who skip it stay at the lodging.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        optional: bool,
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
        /// The lodging stands in for one not yet chosen (the pack's `placeholder`).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        placeholder: bool,
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Notice {
    /// The site must be booked in advance.
    Booking { site: String },
    /// The pack's own note on the site.
    SiteNote { site: String },
    /// The pack's note on the site for part of the year (`season_notes`),
    /// which holds on this day.
    SeasonNote {
        site: String,
        from: MonthDay,
        to: MonthDay,
    },
    /// What is uncertain about the site's facts (the pack's caveat).
    SiteCaveat { site: String },
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
    /// The cost covers tickets, fares (or the chartered coach) and these
    /// rooms a night, and the local rides as `rides` says; not meals.
    CostBasis {
        rooms: Vec<RoomCount>,
        /// The party rides a chartered coach throughout.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        coach: bool,
        /// How the rides at the destination (or the drive) are costed.
        #[serde(default)]
        rides: RideCost,
    },
    /// The local rides, in the cost: taxis ride by ride (`rides` of them,
    /// `km` in all), or cars with drivers hired on `days` days.
    Rides {
        vehicle: Vehicle,
        vehicles: u32,
        days: u8,
        rides: u32,
        km: f64,
        cost_cny: f64,
        per_person_cny: f64,
    },
    /// A self-drive's fuel for `km` road km, expressway tolls and parking, in the cost.
    Drive {
        km: f64,
        fuel_cny: f64,
        tolls_cny: f64,
        parking_cny: f64,
        cost_cny: f64,
        per_person_cny: f64,
    },
    /// A self-drive kept within `daily_minutes` at the wheel a day: some
    /// visits were let go; the train or a night would keep them.
    DrivingHours { daily_minutes: u32 },
    /// The chartered coaches, for the trip's days, shared by the party;
    /// the cost includes a second driver on the days past one driver's hours.
    Coach {
        coaches: u32,
        days: u8,
        km: f64,
        cost_cny: f64,
        per_person_cny: f64,
        /// The days with a second driver at the wheel.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        second_driver_days: Vec<u8>,
    },
    /// The guide's room of their own and meals, shared by the party.
    Staff {
        staff: u32,
        /// Rooms a night, one for each of the staff.
        rooms: u32,
        nights: u32,
        rooms_cny: f64,
        meals_cny: f64,
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
    /// The day is a public holiday: crowds, and what the plan does for them.
    Holiday {
        name: Text,
        /// The day's own name within the holiday (除夕), and what it means.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        day: Option<Text>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        notes: Option<Text>,
        /// Crowded sites of the day, each visit given this much more time.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        extra: Vec<ExtraTime>,
        /// Sites of the day whose tickets are booked ahead by real name on holidays.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        booking: Vec<String>,
        /// The day has a train, whose tickets sell out on holidays.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        train: bool,
        /// How far ahead the railway sells them, when the pack knows it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        presale: Option<Presale>,
    },
    /// Sites that draw crowds or need booking, on a holiday or in the peak season.
    BookEarly {
        date: NaiveDate,
        occasion: Occasion,
        sites: Vec<String>,
    },
}

/// More time planned at a crowded site on a holiday.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExtraTime {
    pub site: String,
    pub minutes: u32,
}

/// How a plan's rides at the destination are costed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RideCost {
    /// Not in the cost: the pack has no tariff for them.
    #[default]
    Uncosted,
    /// Taxis or cars with drivers, in the cost.
    Hired,
    /// The chartered coach, costed as such.
    Coach,
    /// The self-drive's fuel, tolls and parking, in the cost.
    Drive,
    /// A self-drive whose fuel, tolls and parking the pack does not cost.
    DriveUncosted,
}

/// A vehicle hired for local rides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Vehicle {
    /// A metered taxi, paid ride by ride.
    Taxi,
    /// A 7-seat car with its driver, by the day.
    Van,
}

/// A group meal to book: when, and near which place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MealBooking {
    pub day: u8,
    pub meal: MealKind,
    pub start: Clock,
    pub near: String,
}

/// Rooms of one kind taken each night.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoomCount {
    pub room: String,
    pub name: Text,
    pub count: u32,
}

/// Why a promised sunrise cannot be seen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
            | Notice::SeasonNote { site, .. }
            | Notice::SiteCaveat { site }
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

/// Serialized by hand, below; read back, the `reason` written beside `code`
/// follows from it and is ignored.
#[derive(Clone, Debug, Deserialize)]
pub struct Omitted {
    pub site: String,
    #[serde(flatten)]
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

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Totals {
    pub score: f64,
    pub visits: usize,
    pub travel_minutes: u32,
    pub cost_cny: Cost,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct Cost {
    pub per_person: f64,
    pub party: f64,
}

#[cfg(test)]
mod tests {
    use chrono::Weekday;

    use super::*;
    use crate::model::Pack;
    use crate::plan::{Mode, Party, RequestSpec, plan};
    use crate::render::{self, Format, Lang};

    const FORMATS: [Format; 6] = [
        Format::Json,
        Format::Text,
        Format::Html,
        Format::Fragment,
        Format::Md,
        Format::Ics,
    ];

    fn date(month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, month, day).expect("a date of 2027")
    }

    fn trip(
        pack: &Pack,
        product: &str,
        on: NaiveDate,
        mode: Mode,
        party: Party,
    ) -> Result<Itinerary, String> {
        let spec = RequestSpec {
            product: Some(product.to_owned()),
            date: Some(on),
            mode: Some(mode),
            party: Some(party),
            ..Default::default()
        };
        let request = spec.resolve(pack, on).map_err(|e| e.to_string())?;
        plan(pack, &request).map_err(|e| e.to_string())
    }

    fn json(pack: &Pack, itinerary: &Itinerary) -> String {
        render::itinerary(pack, itinerary, Format::Json, Lang::Both)
    }

    #[test]
    fn read_back_renders_the_same_in_every_format() {
        let pack = crate::load::load_default().expect("the embedded pack loads");
        let group = Party {
            adults: 38,
            children: 0,
            seniors: 0,
        };
        let ways = [
            (Mode::Rail, Party::default()),
            (Mode::Car, Party::default()),
            (Mode::Charter, group),
        ];
        // Winter, the peak and a holiday (tests/it/cli.rs reads a plan back in
        // every format for every audience too).
        let dates = [date(1, 9), date(7, 16), date(10, 2)];
        for product in ["qhd-1day", "qhd-2day", "qhd-3day"] {
            for (mode, party) in ways {
                // There and back in a day is more driving than a coach driver may do.
                if product == "qhd-1day" && mode == Mode::Charter {
                    continue;
                }
                for on in dates {
                    let what = format!("{product} on {on} by {mode:?}");
                    let original = trip(&pack, product, on, mode, party)
                        .unwrap_or_else(|e| panic!("{what}: {e}"));
                    let read = from_json(&json(&pack, &original))
                        .unwrap_or_else(|e| panic!("{what}: {e}"));
                    for format in FORMATS {
                        for lang in [Lang::Zh, Lang::En, Lang::Both] {
                            assert_eq!(
                                render::itinerary(&pack, &read, format, lang),
                                render::itinerary(&pack, &original, format, lang),
                                "{what}, {format:?} in {lang:?}"
                            );
                        }
                    }
                    // The texts are for people: a plan without them reads the same.
                    let bare = serde_json::to_string(&original).expect("serializes");
                    let read = from_json(&bare).unwrap_or_else(|e| panic!("{what}: {e}"));
                    assert_eq!(json(&pack, &read), json(&pack, &original), "{what}");
                }
            }
        }
    }

    #[test]
    fn every_closed_reason_reads_back() {
        let closed = Omission::Closed {
            closures: [
                ClosedReason::PublicHoliday(Text {
                    zh: "国庆节".into(),
                    en: "National Day".into(),
                }),
                ClosedReason::WeeklyClosingDay(Weekday::Mon),
                ClosedReason::Comment("fire season".into()),
                ClosedReason::OutOfSeason,
            ]
            .into_iter()
            .map(|why| Closure {
                date: date(10, 4),
                why,
            })
            .collect(),
        };
        let text = serde_json::to_string(&closed).expect("serializes");
        assert_eq!(serde_json::from_str::<Omission>(&text).ok(), Some(closed));
    }

    /// The July three-day trip by rail, as JSON.
    fn july_json() -> String {
        let pack = crate::load::load_default().expect("the embedded pack loads");
        let july = trip(&pack, "qhd-3day", date(7, 16), Mode::Rail, Party::default());
        json(&pack, &july.expect("the July trip plans"))
    }

    /// `text` with the first `from` replaced by `to`, and the line and
    /// column of the replacement's last character.
    fn edit(text: &str, from: &str, to: &str) -> (String, usize, usize) {
        let at = text.find(from).expect("the text to edit is there");
        let edited = text.replacen(from, to, 1);
        let before = &edited[..at + to.len()];
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |n| n + 1);
        (edited, line, column)
    }

    #[test]
    fn errors_say_where_and_what() {
        let text = july_json();
        let cases = [
            (
                r#""schema": "jingqin/itinerary/v1""#,
                r#""schema": "jingqin/itinerary/v2""#,
                r#"this is a "jingqin/itinerary/v2" document, not a jingqin/itinerary/v1 itinerary"#,
            ),
            (
                r#""timezone": "Asia/Shanghai""#,
                r#""timezone": "Asia/Shanghia""#,
                r#""Asia/Shanghia" is not an IANA time zone"#,
            ),
            (
                r#""mode": "rail""#,
                r#""mode": "bus""#,
                "unknown variant `bus`, expected one of `rail`, `coach`, `car`, `charter`",
            ),
            (
                r#""date": "2027-07-16""#,
                r#""date": "2027-07-36""#,
                "input is out of range",
            ),
        ];
        for (from, to, what) in cases {
            let (edited, line, column) = edit(&text, from, to);
            let expected = format!("line {line}, column {column}: {what}");
            assert_eq!(from_json(&edited).err(), Some(expected), "{to}");
        }

        // serde reads an event, tagged by `kind`, whole before its fields:
        // their errors point where the reading stopped, at the next event.
        let end = (text.split(r#""end": ""#).nth(1))
            .and_then(|rest| rest.split('"').next())
            .expect("an event ends");
        let bad = end.replacen('T', "x", 1);
        let (edited, line, _) = edit(&text, end, &bad);
        let lines: Vec<&str> = edited.lines().collect();
        let close = (line..lines.len())
            .find(|&n| lines[n].trim_start().starts_with('}'))
            .expect("the event closes");
        let next = lines[close + 1];
        let column = next.len() - next.trim_start().len();
        let what =
            format!(r#""{bad}" is not an RFC 3339 date-time: input contains invalid characters"#);
        let expected = format!("line {}, column {column}: {what}", close + 2);
        assert_eq!(from_json(&edited).err(), Some(expected));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for junk in ["", "null", "[]", "{}", "{\"schema\": 1}", "\u{feff}{}"] {
            assert!(from_json(junk).is_err(), "{junk:?}");
        }
        let text = july_json();
        let chars: Vec<char> = text.chars().collect();
        // Cut short, or with a character swapped for one that means something to JSON.
        for n in (0..chars.len()).step_by(211) {
            let cut: String = chars[..n].iter().collect();
            assert!(from_json(&cut).is_err(), "cut after {n} characters");
            for swap in ['"', '0', '-', '{', ']', 'x', '9'] {
                let mut swapped = chars.clone();
                swapped[n] = swap;
                if let Err(error) = from_json(&swapped.iter().collect::<String>()) {
                    assert!(error.starts_with("line "), "{error}");
                }
            }
        }
    }
}
