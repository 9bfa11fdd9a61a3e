//! Every word the itinerary writers show, in Chinese and English, in one
//! place. A message is a value of [`Msg`] with its parameters; each arm of
//! [`Msg::both`] gives its Chinese and its English side by side, or hands
//! the message to the function of [`phrases`] that builds the pair (the
//! plan's values in words, the longer sentences), so a message cannot
//! exist in one language only (the compiler checks that the match is
//! complete and that every phrase returns both, the tests that no text is
//! empty).
//!
//! Names, notes and season names come from the route pack in both
//! languages; they are parameters here, never translated.

mod phrases;
mod rides;

use std::fmt;

use chrono::{NaiveDate, Weekday};

use crate::model::{Category, ClosedReason, Pace, Text};
use crate::plan::{
    Closure, Omission, Party, Refusal, RideCost, SunriseMiss, TransferMode, Vehicle,
};
pub use phrases::{Bill, HolidayWords};
use phrases::{duration, money, w, weekday};

/// One language of the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    Zh,
    En,
}

impl Language {
    /// The BCP 47 tag, for `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Language::Zh => "zh",
            Language::En => "en",
        }
    }

    /// `text` in this language.
    pub fn of(self, text: &Text) -> &str {
        match self {
            Language::Zh => &text.zh,
            Language::En => &text.en,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A message of the catalog.
#[derive(Clone, Debug)]
pub enum Msg<'a> {
    // Headings and column labels.
    Time,
    What,
    Place,
    TimeTaken,
    Cost,
    Marks,
    Notes,
    TripNotes,
    AddressCard,
    NotInPlan,
    Sources,
    /// Where the sources are when the cover does not list them.
    SourcesInPack {
        pack: &'a str,
    },
    Totals,
    Dates,
    From,
    PartyLabel,
    PaceLabel,
    TotalCost,
    Day(u8),
    RouteMap(u8),
    North,
    // Values.
    Date(NaiveDate),
    ShortDate(NaiveDate),
    DateRange(NaiveDate, NaiveDate),
    Duration(u32),
    Kilometres(&'a str),
    Money(f64),
    /// A price the pack marks as an estimate: "约¥200".
    AboutMoney(f64),
    PartyCost(Bill),
    Party(Party),
    Pace(Pace),
    OffSeason,
    TotalsLine {
        visits: usize,
        travel_minutes: u32,
        bill: Bill,
    },
    DistanceAndTime {
        km: f64,
        minutes: u32,
    },
    // Events.
    Mode(TransferMode),
    Transfer,
    Visit,
    SunriseVisit {
        sun_up: Option<&'a str>,
    },
    Sunrise,
    Meal,
    Night,
    Near(&'a str),
    Category(Category),
    CostForParty {
        cny: f64,
        group: bool,
    },
    /// A note on a subject, a mark's meaning, a group of sites: "label：text".
    Labelled {
        label: &'a str,
        text: &'a str,
    },
    /// Items of a list, in one line.
    List(&'a [String]),
    /// A name with what tells more about it in brackets.
    WithDetail {
        name: &'a str,
        detail: &'a str,
    },
    BookAhead,
    HoursEstimated,
    HolidaysUnknown {
        years: &'a [String],
    },
    /// The reason for a wait: the site opens only then.
    WaitToOpen {
        opens: &'a str,
    },
    MealSkipped {
        meal: &'a str,
        from: &'a str,
        to: &'a str,
    },
    /// What the cost covers; `rooms` the night's rooms in words, if any.
    CostBasis {
        rooms: Option<&'a str>,
        rides: RideCost,
    },
    /// The local rides and what they cost.
    Rides {
        vehicle: Vehicle,
        vehicles: u32,
        days: u8,
        rides: u32,
        km: f64,
        cost: f64,
        each: f64,
    },
    /// A self-drive's fuel, tolls and parking.
    Drive {
        km: f64,
        fuel: f64,
        tolls: f64,
        parking: f64,
        cost: f64,
        each: f64,
    },
    /// A self-drive kept to the driver's hours a day.
    DrivingHours {
        minutes: u32,
    },
    /// Rooms of one kind: "双人间2间", "2 × double room".
    Rooms {
        name: &'a str,
        count: u32,
    },
    PromiseMissed {
        site: &'a str,
        why: &'a str,
    },
    SunriseMissed {
        site: &'a str,
        why: &'a SunriseMiss,
    },
    /// The chartered coaches and what they cost.
    Coach {
        coaches: u32,
        days: u8,
        km: f64,
        cost: f64,
        each: f64,
    },
    /// A second driver on these days ("第1天").
    SecondDriver {
        days: &'a str,
    },
    /// The guide's room and meals, shared by the party.
    Staff {
        staff: u32,
        rooms: u32,
        nights: u32,
        room_cost: f64,
        meals: f64,
        each: f64,
    },
    /// The guide's rooms in the rooming: "导游单住1间".
    StaffRooms(u32),
    /// The guide's meals as a cost line.
    StaffMeals,
    /// A group rate applies at these sites.
    GroupRate {
        sites: &'a str,
    },
    /// Group meals to book: the count and the list.
    GroupMeals {
        people: u32,
        meals: &'a str,
    },
    /// One group meal: "第1天 12:00 午餐 · 老龙头附近".
    MealAt {
        day: u8,
        time: &'a str,
        meal: &'a str,
        near: &'a str,
    },
    /// The driver's rest stops within a coach ride.
    DriverRest(u32),
    // The agency's header, and the sheets' sections.
    Licence(&'a str),
    Phones {
        phone: &'a str,
        emergency: &'a str,
    },
    Meeting,
    MeetAt {
        date: NaiveDate,
        time: &'a str,
        place: &'a str,
    },
    /// The agency's meeting time comes after the plan's departure.
    MeetAfterDeparture {
        meet: &'a str,
        depart: &'a str,
    },
    Included,
    NotIncluded,
    Terms,
    HandOvers,
    /// "第1天 07:30 ……".
    HandOver {
        day: u8,
        time: &'a str,
        what: &'a str,
    },
    Leave {
        place: &'a str,
        how: &'a str,
    },
    CheckIn(&'a str),
    Arrive(&'a str),
    Bookings,
    BookVisit {
        day: u8,
        time: &'a str,
        site: &'a str,
    },
    NothingToBook,
    ContactsNotInPack,
    Rooming,
    RoomingLine {
        party: &'a str,
        lodging: &'a str,
        nights: usize,
        rooms: &'a str,
    },
    Emergency,
    PublicEmergency,
    CostBreakdown,
    CostLine {
        what: Box<Msg<'a>>,
        party: f64,
        each: f64,
    },
    Tickets,
    Fares,
    CoachHire,
    LocalRides,
    DriveCosts,
    RoomsCost,
    // The published catalog of products and their dates.
    TripCalendar,
    AllProducts,
    TripDays(u8),
    Month {
        year: i32,
        month: u32,
    },
    /// A weekday's short name, Monday first.
    WeekdayShort(Weekday),
    Plannable,
    NotPlannable,
    /// Why no trip starts on a date.
    Refused(&'a Refusal),
    /// The heading of a page for a date with no trip.
    NoTrip,
    SunriseSeen,
    PrintablePage,
    EmbedSnippet,
    CalendarFile,
    PlanJson,
    CatalogLegend,
    /// A day inside a public holiday: what it means.
    Holiday(&'a HolidayWords<'a>),
    /// A holiday's name with its day's own, where the season is named.
    HolidayLabel {
        name: &'a str,
        day: Option<&'a str>,
    },
    /// A busy site on a holiday or in the peak season.
    BookEarly {
        sites: &'a str,
        date: NaiveDate,
        occasion: &'a str,
    },
    Warnings,
    // Marks on a row, and the legend line that explains one.
    MarkToConfirm,
    MarkBooking,
    MarkSample,
    MarkPlaceholder,
    SampleLegend,
    PlaceholderLegend,
    /// The address card's line for a stand-in: the agency names the place.
    PlaceholderCard,
    MarkOptional,
    /// What an optional outing means for those who join it and those who do not.
    OptionalLegend,
    // Why a site is left out.
    Omission(&'a Omission),
    OmitGroup(&'a Omission),
    Closures(&'a [Closure]),
    Closed(&'a ClosedReason),
}

impl Msg<'_> {
    /// The message in `lang`.
    pub fn text(&self, lang: Language) -> String {
        let (zh, en) = self.both();
        match lang {
            Language::Zh => zh,
            Language::En => en,
        }
    }

    /// The message in Chinese and in English.
    fn both(&self) -> (String, String) {
        let say = |msg: Msg| msg.both();
        match self {
            Msg::Time => w("时间", "Time"),
            Msg::What => w("安排", "What"),
            Msg::Place => w("地点", "Place"),
            Msg::TimeTaken => w("时长", "Duration"),
            Msg::Cost => w("费用", "Cost"),
            Msg::Marks => w("标记", "Marks"),
            Msg::Notes => w("提示", "Notes"),
            Msg::TripNotes => w("注意事项", "Good to know"),
            Msg::AddressCard => w("地址卡（给司机看）", "Address card (show the driver)"),
            Msg::NotInPlan => w("未安排的景点", "Not in this plan"),
            Msg::Sources => w("资料来源", "Sources"),
            Msg::SourcesInPack { pack } => (
                format!("每项资料的出处均记录在「{pack}」路线数据包中。"),
                format!("The source of every fact is recorded in the route pack “{pack}”."),
            ),
            Msg::Totals => w("合计", "Totals"),
            Msg::Dates => w("日期", "Dates"),
            Msg::From => w("出发地", "From"),
            Msg::PartyLabel => w("人数", "Party"),
            Msg::PaceLabel => w("节奏", "Pace"),
            Msg::TotalCost => w("总费用", "Total cost"),
            Msg::Day(n) => (format!("第{n}天"), format!("Day {n}")),
            Msg::RouteMap(n) => (format!("第{n}天路线图"), format!("Route map, day {n}")),
            Msg::North => w("北", "N"),
            Msg::Date(date) => phrases::date(*date),
            Msg::ShortDate(date) => phrases::short_date(*date),
            Msg::DateRange(first, last) => {
                let (a, b) = (say(Msg::Date(*first)), say(Msg::Date(*last)));
                (format!("{} 至 {}", a.0, b.0), format!("{} – {}", a.1, b.1))
            }
            Msg::Duration(minutes) => duration(*minutes),
            Msg::Kilometres(km) => (format!("{km}公里"), format!("{km} km")),
            Msg::Money(cny) => {
                let money = money(*cny);
                (money.clone(), money)
            }
            Msg::AboutMoney(cny) => (
                format!("约{}", money(*cny)),
                format!("about {}", money(*cny)),
            ),
            Msg::PartyCost(bill) => phrases::bill(bill),
            Msg::Party(party) => phrases::party(party),
            Msg::Pace(pace) => phrases::pace(pace),
            Msg::OffSeason => w("淡季", "Off season"),
            Msg::TotalsLine {
                visits,
                travel_minutes,
                bill,
            } => {
                let travel = duration(*travel_minutes);
                let cost = say(Msg::PartyCost(*bill));
                (
                    format!("游览{visits}处 · 路上共{} · {}", travel.0, cost.0),
                    format!(
                        "{visits} {} · {} of travel · {}",
                        if *visits == 1 { "visit" } else { "visits" },
                        travel.1,
                        cost.1
                    ),
                )
            }
            Msg::DistanceAndTime { km, minutes } => {
                let time = duration(*minutes);
                (
                    format!("{km:.1}公里 · {}", time.0),
                    format!("{km:.1} km · {}", time.1),
                )
            }
            Msg::Mode(mode) => phrases::mode(mode),
            Msg::Transfer => w("交通", "Transfer"),
            Msg::Visit => w("游览", "Visit"),
            Msg::SunriseVisit { sun_up: None } => w("观日出", "Sunrise visit"),
            Msg::SunriseVisit { sun_up: Some(at) } => (
                format!("观日出（日出{at}）"),
                format!("Sunrise visit (sun up {at})"),
            ),
            Msg::Sunrise => w("日出", "Sunrise"),
            Msg::Meal => w("用餐", "Meal"),
            Msg::Night => w("住宿", "Night"),
            Msg::Near(place) => (format!("{place}附近"), format!("near {place}")),
            Msg::Category(category) => phrases::category(category),
            // "全团" is a tour group's word: a family's cost is its total.
            Msg::CostForParty { cny, group: true } => (
                format!("全团费用 {}", money(*cny)),
                format!("Cost for the group {}", money(*cny)),
            ),
            Msg::CostForParty { cny, group: false } => (
                format!("费用合计 {}", money(*cny)),
                format!("Cost for the party {}", money(*cny)),
            ),
            Msg::Labelled { label, text } => {
                (format!("{label}：{text}"), format!("{label}: {text}"))
            }
            Msg::List(items) => (items.join("、"), items.join(", ")),
            Msg::WithDetail { name, detail } => {
                (format!("{name}（{detail}）"), format!("{name} ({detail})"))
            }
            Msg::SampleLegend => w(
                "车次、时刻和票价取自示例时刻表，并非真实列车；出行前请以12306为准。",
                "train numbers, times and fares come from a sample timetable, not real trains; check 12306 before travel.",
            ),
            Msg::BookAhead => w("需提前预约。", "Book in advance."),
            Msg::OptionalLegend => w(
                "视天气自愿参加；不参加的客人在住处休息、用早餐，再与大家一同出发。",
                "join if you wish, weather permitting; those who skip it rest at the lodging, have breakfast and set off with the others.",
            ),
            Msg::HolidaysUnknown { years } => (
                format!(
                    "线路数据的日历没有{}年的法定节假日：节假日的闭馆和人流未计入，请核实。",
                    years.join("、")
                ),
                format!(
                    "The pack's calendar has no public holidays for {}: holiday closures and crowds are not planned for; check them.",
                    years.join(", ")
                ),
            ),
            Msg::WaitToOpen { opens } => (
                format!("{opens}才开放，到达后在附近稍候。"),
                format!("opens only at {opens}: a short wait nearby."),
            ),
            Msg::HoursEstimated => w(
                "开放时间为估计值，出行前请核实。",
                "Opening hours are an estimate; confirm before travel.",
            ),
            Msg::MealSkipped { meal, from, to } => (
                format!("{from}–{to}之间排不下{meal}，请自备简餐。"),
                format!(
                    "No time for {} between {from} and {to}; bring a packed meal.",
                    meal.to_lowercase()
                ),
            ),
            Msg::CostBasis { rooms, rides } => phrases::cost_basis(*rooms, *rides),
            Msg::Rides {
                vehicle,
                vehicles,
                days,
                rides,
                km,
                cost,
                each,
            } => rides::rides(*vehicle, *vehicles, *days, *rides, *km, (*cost, *each)),
            Msg::Drive {
                km,
                fuel,
                tolls,
                parking,
                cost,
                each,
            } => rides::drive(*km, [*fuel, *tolls, *parking], (*cost, *each)),
            Msg::DrivingHours { minutes } => rides::driving_hours(*minutes),
            Msg::Coach {
                coaches,
                days,
                km,
                cost,
                each,
            } => phrases::charter(*coaches, *days, *km, *cost, *each),
            Msg::SecondDriver { days } => (
                format!("{days}行驶时间超过一名司机的每日上限，配第二名司机，费用已计入包车。"),
                format!(
                    "A second driver on {days}, past one driver's daily hours at the wheel; included in the charter."
                ),
            ),
            Msg::Staff {
                staff,
                rooms,
                nights,
                room_cost,
                meals,
                each,
            } => phrases::staff(*staff, (*rooms, *nights, *room_cost), *meals, *each),
            Msg::StaffRooms(count) => (
                format!("导游单住{count}间"),
                format!("{count} for the guide"),
            ),
            Msg::StaffMeals => w("导游餐费", "Guide's meals"),
            Msg::GroupRate { sites } => (
                format!("{sites}按团体票计价。"),
                format!("Group tickets at {sites}."),
            ),
            Msg::GroupMeals { people, meals } => (
                format!("团餐请提前预订（{people}人）：{meals}。"),
                format!("Book group meals ahead for {people}: {meals}."),
            ),
            Msg::MealAt {
                day,
                time,
                meal,
                near,
            } => (
                format!("第{day}天 {time} {meal}（{near}附近）"),
                format!("day {day} {time} {meal} near {near}"),
            ),
            Msg::DriverRest(minutes) => {
                let time = duration(*minutes);
                (
                    format!("含司机法定休息{}（服务区停车）", time.0),
                    format!(
                        "includes the driver's {} rest stop the law requires",
                        time.1
                    ),
                )
            }
            Msg::Licence(number) => (
                format!("旅行社业务经营许可证编号：{number}"),
                format!("Travel agency licence No. {number}"),
            ),
            Msg::Phones { phone, emergency } => (
                format!("电话 {phone} · 紧急联系 {emergency}"),
                format!("Phone {phone} · emergency {emergency}"),
            ),
            Msg::Meeting => w("集合", "Meeting point"),
            Msg::MeetAt { date, time, place } => {
                let day = say(Msg::Date(*date));
                (
                    format!("{} {time}，{place}", day.0),
                    format!("{} at {time}, {place}", day.1),
                )
            }
            Msg::MeetAfterDeparture { meet, depart } => (
                format!("注意：集合时间{meet}晚于本行程的出发时间{depart}，请提前集合。"),
                format!(
                    "Note: the meeting time {meet} is after this plan's departure at {depart}; meet earlier."
                ),
            ),
            Msg::Included => w("费用包含", "Included"),
            Msg::NotIncluded => w("费用不含", "Not included"),
            Msg::Terms => w("须知", "Terms"),
            Msg::HandOvers => w("交接时间", "Hand-over times"),
            Msg::HandOver { day, time, what } => (
                format!("第{day}天 {time} {what}"),
                format!("Day {day} {time}: {what}"),
            ),
            Msg::Leave { place, how } => (
                format!("{place}出发（{how}）"),
                format!("leave {place} ({how})"),
            ),
            Msg::CheckIn(place) => (format!("入住{place}"), format!("check in at {place}")),
            Msg::Arrive(place) => (format!("抵达{place}"), format!("arrive at {place}")),
            Msg::Bookings => w("预订事项", "Bookings to make"),
            Msg::BookVisit { day, time, site } => (
                format!("第{day}天 {time} {site}：须提前预约"),
                format!("Day {day} {time} {site}: book ahead"),
            ),
            Msg::NothingToBook => w("无须预订。", "Nothing to book."),
            Msg::ContactsNotInPack => w(
                "各处联系电话未收录于路线数据包，请向景点和餐厅查询。",
                "The route pack holds no contact numbers: look them up with each site and restaurant.",
            ),
            Msg::Rooming => w("分房", "Rooming"),
            Msg::RoomingLine {
                party,
                lodging,
                nights,
                rooms,
            } => (
                format!("{party}，{lodging}{nights}晚，每晚{rooms}。"),
                format!(
                    "{party}: {nights} night{} at {lodging}, each night {rooms}.",
                    if *nights == 1 { "" } else { "s" }
                ),
            ),
            Msg::Emergency => w("紧急电话", "Emergency numbers"),
            Msg::PublicEmergency => w(
                "报警110 · 急救120 · 火警119 · 旅游服务热线12301",
                "Police 110 · ambulance 120 · fire 119 · tourism service hotline 12301",
            ),
            Msg::CostBreakdown => w("费用明细", "Cost breakdown"),
            Msg::CostLine { what, party, each } => {
                let what = say((**what).clone());
                (
                    format!("{}：{}（每人{}）", what.0, money(*party), money(*each)),
                    format!("{}: {} ({} a person)", what.1, money(*party), money(*each)),
                )
            }
            Msg::Tickets => w("门票", "Tickets"),
            Msg::Fares => w("车票", "Fares"),
            Msg::CoachHire => w("包车", "Coach hire"),
            Msg::LocalRides => w("当地用车", "Local rides"),
            Msg::DriveCosts => w(
                "自驾（油费、过路费、停车费）",
                "Driving (fuel, tolls, parking)",
            ),
            Msg::RoomsCost => w("住宿", "Rooms"),
            Msg::TripCalendar => w("出行日历", "Trip calendar"),
            Msg::AllProducts => w("全部线路", "All trips"),
            Msg::TripDays(days) => (format!("{days}日游"), format!("{days}-day trip")),
            Msg::Month { year, month } => {
                let name = NaiveDate::from_ymd_opt(*year, *month, 1)
                    .map_or_else(String::new, |d| d.format("%B").to_string());
                (format!("{year}年{month}月"), format!("{name} {year}"))
            }
            Msg::WeekdayShort(day) => {
                let (zh, en) = weekday(*day);
                (zh.trim_start_matches('周').to_owned(), en[..3].to_owned())
            }
            Msg::Plannable => w("可出行", "Plannable"),
            Msg::NotPlannable => w("不可安排", "Not plannable"),
            Msg::NoTrip => w("该日期暂无行程", "No trip on this date"),
            Msg::Refused(refusal) => phrases::refusal(refusal),
            Msg::SunriseSeen => w("可看日出", "Sunrise"),
            Msg::PrintablePage => w("打印版行程", "Printable itinerary"),
            Msg::EmbedSnippet => w("嵌入代码", "Embed code"),
            Msg::CalendarFile => w("日历文件", "Calendar file"),
            Msg::PlanJson => w("结构化数据", "Data (JSON)"),
            Msg::CatalogLegend => w(
                "点击日期查看当天出发的行程。☀ 可看日出；节假日和季节见各日期下方。",
                "Pick a date for the trip starting that day. ☀ sunrise; holidays and seasons under each date.",
            ),
            Msg::Rooms { name, count } => (format!("{name}{count}间"), format!("{count} × {name}")),
            Msg::PromiseMissed { site, why } => (
                format!("本产品承诺的{site}未能安排：{why}。"),
                format!("{site}, promised by this product, is not in the plan: {why}."),
            ),
            Msg::SunriseMissed { site, why } => {
                let (zh, en) = phrases::sunrise_miss(why);
                (
                    format!("{site}看不到日出：{zh}。"),
                    format!("No sunrise at {site} in this plan: {en}."),
                )
            }
            Msg::BookEarly {
                sites,
                date,
                occasion,
            } => {
                let (day_zh, day_en) = Msg::ShortDate(*date).both();
                (
                    format!("{day_zh}正值{occasion}，{sites}游客多：请提前预约或尽早到达。"),
                    format!(
                        "{day_en} falls in {occasion}: {sites} will be busy; book ahead or arrive early."
                    ),
                )
            }
            Msg::Holiday(words) => phrases::holiday(words),
            Msg::HolidayLabel { name, day } => phrases::holiday_label(name, *day),
            Msg::Warnings => w("请注意", "Please note"),
            Msg::MarkToConfirm => w("待核实", "confirm"),
            Msg::MarkBooking => w("需预约", "book"),
            Msg::MarkSample => w("示例", "sample"),
            Msg::MarkPlaceholder => w("示意", "stand-in"),
            Msg::PlaceholderLegend => w(
                "代表同类地点中的一处（如某家疗养院、某家酒店），具体名称和地址由旅行社确定后告知。",
                "stands for one place of its kind (a sanatorium, a hotel); the agency names the actual one before travel.",
            ),
            Msg::PlaceholderCard => w(
                "（示意）具体地点和地址以旅行社通知为准",
                "(stand-in) the agency gives the actual place and address",
            ),
            Msg::MarkOptional => w("自愿参加", "optional"),
            Msg::Omission(omission) => phrases::omission(omission),
            Msg::OmitGroup(omission) => phrases::omit_group(omission),
            Msg::Closures(closures) => phrases::closures(closures),
            Msg::Closed(reason) => phrases::closed(reason),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One message of every kind, with parameters a plan can give.
    fn every_message() -> Vec<Msg<'static>> {
        let date = NaiveDate::from_ymd_opt(2027, 7, 16).unwrap();
        let closed: &'static [Closure] = Box::leak(Box::new([
            Closure {
                date,
                why: ClosedReason::WeeklyClosingDay(Weekday::Fri),
            },
            Closure {
                date: date.succ_opt().unwrap(),
                why: ClosedReason::PublicHoliday(Text {
                    zh: "国庆节".into(),
                    en: "National Day".into(),
                }),
            },
        ]));
        let omissions: &'static [Omission] = Box::leak(Box::new([
            Omission::Closed {
                closures: closed.to_vec(),
            },
            Omission::Avoided,
            Omission::NoTime { visit_minutes: 150 },
            Omission::OffTheWay,
            Omission::OutOfSeason,
            Omission::NotRecommended,
            Omission::Outscored,
        ]));
        let reasons: &'static [ClosedReason] = Box::leak(Box::new([
            ClosedReason::OutOfSeason,
            ClosedReason::WeeklyClosingDay(Weekday::Mon),
        ]));
        let party = Party {
            adults: 2,
            children: 1,
            seniors: 1,
        };
        let bill = Bill {
            party: 1280.0,
            each: 640.0,
            group: false,
            about: false,
        };
        let mut all = vec![
            Msg::Time,
            Msg::What,
            Msg::Place,
            Msg::TimeTaken,
            Msg::Duration(95),
            Msg::Cost,
            Msg::Marks,
            Msg::Notes,
            Msg::TripNotes,
            Msg::AddressCard,
            Msg::NotInPlan,
            Msg::Sources,
            Msg::SourcesInPack {
                pack: "京秦旅游线路",
            },
            Msg::Totals,
            Msg::Dates,
            Msg::From,
            Msg::PartyLabel,
            Msg::PaceLabel,
            Msg::TotalCost,
            Msg::Day(2),
            Msg::RouteMap(2),
            Msg::North,
            Msg::Date(date),
            Msg::ShortDate(date),
            Msg::DateRange(date, date.succ_opt().unwrap()),
            Msg::Kilometres("5"),
            Msg::Money(1280.0),
            Msg::AboutMoney(200.0),
            Msg::PartyCost(bill),
            Msg::PartyCost(Bill {
                group: true,
                about: true,
                ..bill
            }),
            Msg::Party(party),
            Msg::OffSeason,
            Msg::TotalsLine {
                visits: 5,
                travel_minutes: 300,
                bill,
            },
            Msg::DistanceAndTime {
                km: 12.34,
                minutes: 25,
            },
            Msg::Transfer,
            Msg::Visit,
            Msg::SunriseVisit { sun_up: None },
            Msg::SunriseVisit {
                sun_up: Some("04:52"),
            },
            Msg::Sunrise,
            Msg::Meal,
            Msg::Night,
            Msg::Near("鸽子窝"),
            Msg::CostForParty {
                cny: 300.0,
                group: false,
            },
            Msg::CostForParty {
                cny: 300.0,
                group: true,
            },
            Msg::Labelled {
                label: "鸽子窝",
                text: "需提前预约。",
            },
            Msg::List(Box::leak(Box::new([
                "鸽子窝".to_owned(),
                "老龙头".to_owned(),
            ]))),
            Msg::WithDetail {
                name: "鸽子窝",
                detail: "每周一闭馆",
            },
            Msg::SampleLegend,
            Msg::BookAhead,
            Msg::MarkOptional,
            Msg::OptionalLegend,
            Msg::HoursEstimated,
            Msg::HolidaysUnknown {
                years: Box::leak(Box::new(["2031".to_owned()])),
            },
            Msg::WaitToOpen { opens: "14:00" },
            Msg::MealSkipped {
                meal: "午餐",
                from: "11:30",
                to: "13:30",
            },
            Msg::CostBasis {
                rooms: Some("双人间2间"),
                rides: RideCost::Hired,
            },
            Msg::CostBasis {
                rooms: None,
                rides: RideCost::Coach,
            },
            Msg::CostBasis {
                rooms: None,
                rides: RideCost::Drive,
            },
            Msg::Rides {
                vehicle: Vehicle::Van,
                vehicles: 1,
                days: 2,
                rides: 9,
                km: 80.0,
                cost: 1200.0,
                each: 240.0,
            },
            Msg::Drive {
                km: 560.0,
                fuel: 337.5,
                tolls: 297.0,
                parking: 60.0,
                cost: 694.5,
                each: 347.25,
            },
            Msg::DrivingHours { minutes: 480 },
            Msg::Rooms {
                name: "双人间",
                count: 2,
            },
            Msg::Coach {
                coaches: 1,
                days: 2,
                km: 640.0,
                cost: 5000.0,
                each: 131.58,
            },
            Msg::SecondDriver { days: "第1天" },
            Msg::Staff {
                staff: 1,
                rooms: 1,
                nights: 1,
                room_cost: 380.0,
                meals: 300.0,
                each: 17.89,
            },
            Msg::StaffRooms(1),
            Msg::StaffMeals,
            Msg::GroupRate { sites: "老龙头" },
            Msg::GroupMeals {
                people: 38,
                meals: "第1天 12:00 午餐（老龙头附近）",
            },
            Msg::MealAt {
                day: 1,
                time: "12:00",
                meal: "午餐",
                near: "老龙头",
            },
            Msg::DriverRest(20),
            Msg::Licence("0001"),
            Msg::Phones {
                phone: "010-0000 0000",
                emergency: "010-0000 0001",
            },
            Msg::Meeting,
            Msg::MeetAt {
                date,
                time: "06:40",
                place: "北京站东口",
            },
            Msg::MeetAfterDeparture {
                meet: "07:50",
                depart: "07:46",
            },
            Msg::Included,
            Msg::NotIncluded,
            Msg::Terms,
            Msg::HandOvers,
            Msg::HandOver {
                day: 1,
                time: "07:30",
                what: "北京站出发",
            },
            Msg::Leave {
                place: "北京站",
                how: "旅游大巴",
            },
            Msg::CheckIn("北戴河友谊宾馆"),
            Msg::Arrive("北京站"),
            Msg::Bookings,
            Msg::BookVisit {
                day: 1,
                time: "09:00",
                site: "鸽子窝",
            },
            Msg::NothingToBook,
            Msg::ContactsNotInPack,
            Msg::Rooming,
            Msg::RoomingLine {
                party: "成人30人",
                lodging: "北戴河友谊宾馆",
                nights: 2,
                rooms: "双人间15间",
            },
            Msg::Emergency,
            Msg::PublicEmergency,
            Msg::CostBreakdown,
            Msg::CostLine {
                what: Box::new(Msg::Tickets),
                party: 1000.0,
                each: 100.0,
            },
            Msg::Tickets,
            Msg::Fares,
            Msg::CoachHire,
            Msg::LocalRides,
            Msg::DriveCosts,
            Msg::RoomsCost,
            Msg::TripCalendar,
            Msg::AllProducts,
            Msg::TripDays(2),
            Msg::Month {
                year: 2027,
                month: 7,
            },
            Msg::WeekdayShort(Weekday::Mon),
            Msg::Plannable,
            Msg::NotPlannable,
            Msg::NoTrip,
            Msg::SunriseSeen,
            Msg::PrintablePage,
            Msg::EmbedSnippet,
            Msg::CalendarFile,
            Msg::PlanJson,
            Msg::CatalogLegend,
            Msg::PromiseMissed {
                site: "鸽子窝",
                why: "行程日期内不开放",
            },
            Msg::BookEarly {
                sites: "老龙头",
                date: NaiveDate::from_ymd_opt(2027, 10, 1).unwrap_or_default(),
                occasion: "国庆节",
            },
            Msg::Holiday(Box::leak(Box::new(HolidayWords {
                name: "春节",
                day: Some("初一"),
                notes: Some("小餐馆多歇业。"),
                extra: Box::leak(Box::new([("老龙头".to_owned(), 30)])),
                booking: Some("老龙头"),
                train: true,
                presale: Some((15, true)),
            }))),
            Msg::HolidayLabel {
                name: "国庆节",
                day: None,
            },
            Msg::Warnings,
            Msg::MarkToConfirm,
            Msg::MarkBooking,
            Msg::MarkSample,
            Msg::MarkPlaceholder,
            Msg::PlaceholderLegend,
            Msg::PlaceholderCard,
            Msg::Closures(closed),
        ];
        all.extend([Pace::Relaxed, Pace::Standard, Pace::Packed].map(Msg::Pace));
        all.extend(
            [
                TransferMode::Rail,
                TransferMode::Coach,
                TransferMode::Car,
                TransferMode::Walk,
                TransferMode::Charter,
            ]
            .map(Msg::Mode),
        );
        all.extend(Category::ALL.map(Msg::Category));
        let misses: &'static [SunriseMiss] = Box::leak(Box::new([
            SunriseMiss::NoNight,
            SunriseMiss::Closed {
                closure: closed[0].clone(),
            },
            SunriseMiss::OpensLate {
                opens: "05:00".parse().unwrap_or(crate::model::TimeOfDay::MIDNIGHT),
                sun_up: "04:40".parse().unwrap_or(crate::model::TimeOfDay::MIDNIGHT),
            },
            SunriseMiss::TooFar { minutes: 70 },
            SunriseMiss::DayTooLong,
        ]));
        all.extend(misses.iter().map(|why| Msg::SunriseMissed {
            site: "鸽子窝",
            why,
        }));
        all.extend(omissions.iter().map(Msg::Omission));
        all.extend(omissions.iter().map(Msg::OmitGroup));
        all.extend(reasons.iter().map(Msg::Closed));
        let refusals: &'static [Refusal] = Box::leak(Box::new([
            Refusal::NoTimetable,
            Refusal::NoService,
            Refusal::NoLodging,
            Refusal::MustSeeClosed(vec![Text {
                zh: "鸽子窝".into(),
                en: "Pigeon's Nest".into(),
            }]),
            Refusal::MustSeeUnfit(vec![
                Text {
                    zh: "老龙头".into(),
                    en: "Old Dragon Head".into(),
                },
                Text {
                    zh: "祖山".into(),
                    en: "Zushan".into(),
                },
            ]),
            Refusal::NoTime,
            Refusal::Unsupported,
        ]));
        all.extend(refusals.iter().map(Msg::Refused));
        all
    }

    /// Latin words other than units and the ones the pack itself supplies.
    fn latin_words(text: &str) -> Vec<&str> {
        text.split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty() && !["km", "h", "min"].contains(w))
            .collect()
    }

    #[test]
    fn every_message_has_both_languages() {
        for msg in every_message() {
            let (zh, en) = msg.both();
            assert!(!zh.trim().is_empty() && !en.trim().is_empty(), "{msg:?}");
            assert!(latin_words(&zh).is_empty(), "{msg:?}: {zh}");
            // Money, and a holiday's name from the pack without a day of its
            // own, read the same in both: the caller passes each language's name.
            let same = matches!(msg, Msg::Money(_) | Msg::HolidayLabel { day: None, .. });
            assert!(zh != en || same, "{msg:?}");
        }
    }

    #[test]
    fn durations_dates_money_and_the_party_read_naturally() {
        let t = |msg: Msg| (msg.text(Language::Zh), msg.text(Language::En));
        assert_eq!(
            t(Msg::Duration(90)),
            ("1小时30分".into(), "1 h 30 min".into())
        );
        assert_eq!(t(Msg::Duration(45)), ("45分钟".into(), "45 min".into()));
        assert_eq!(t(Msg::Duration(120)), ("2小时".into(), "2 h".into()));
        let date = NaiveDate::from_ymd_opt(2027, 7, 16).unwrap();
        assert_eq!(
            t(Msg::Date(date)),
            ("2027年7月16日 周五".into(), "Fri 16 Jul 2027".into())
        );
        assert_eq!(money(1234567.4), "¥1,234,567");
        assert_eq!(money(980.0), "¥980");
        let party = Party {
            adults: 2,
            children: 1,
            seniors: 0,
        };
        assert_eq!(
            t(Msg::Party(party)),
            ("成人2人、儿童1人".into(), "2 adults, 1 child".into())
        );
    }

    #[test]
    fn closures_with_one_reason_say_it_once() {
        let date = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
        let closures: Vec<Closure> = (0..3)
            .map(|d| Closure {
                date: date + chrono::Days::new(d),
                why: ClosedReason::OutOfSeason,
            })
            .collect();
        assert_eq!(Msg::Closures(&closures).text(Language::Zh), "季节性关闭");
    }
}
