//! The longer phrases the catalog's table builds its messages from, each a
//! Chinese and English pair: the plan's and the pack's own values in words
//! (a party, a pace, a mode, a category, a refusal, why a site is left
//! out, why a sunrise is missed, a closure, what the cost covers, the
//! charter) and the numbers, durations, dates and money inside them.
//! Returning both languages as one pair is what keeps a phrase from
//! existing in one language only.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::model::{Category, ClosedReason, Pace, Text};
use crate::plan::{Closure, Omission, Party, Refusal, RideCost, SunriseMiss, TransferMode};

/// Fixed words in Chinese and English.
pub(super) fn w(zh: &str, en: &str) -> (String, String) {
    (zh.to_owned(), en.to_owned())
}

/// "2027年7月16日 周五" and "Fri 16 Jul 2027".
pub(super) fn date(date: NaiveDate) -> (String, String) {
    (
        format!(
            "{}年{}月{}日 {}",
            date.year(),
            date.month(),
            date.day(),
            weekday(date.weekday()).0
        ),
        date.format("%a %-d %b %Y").to_string(),
    )
}

/// "7月16日" and "16 Jul".
pub(super) fn short_date(date: NaiveDate) -> (String, String) {
    (
        format!("{}月{}日", date.month(), date.day()),
        date.format("%-d %b").to_string(),
    )
}

/// Who travels: "成人2人、儿童1人" and "2 adults, 1 child".
pub(super) fn party(party: &Party) -> (String, String) {
    let count = |n: u32, zh: &str, one: &str, many: &str| {
        (n > 0).then(|| {
            (
                format!("{zh}{n}人"),
                format!("{n} {}", if n == 1 { one } else { many }),
            )
        })
    };
    let (zh, en): (Vec<String>, Vec<String>) = [
        count(party.adults, "成人", "adult", "adults"),
        count(party.children, "儿童", "child", "children"),
        count(party.seniors, "长者", "senior", "seniors"),
    ]
    .into_iter()
    .flatten()
    .unzip();
    (zh.join("、"), en.join(", "))
}

pub(super) fn pace(pace: &Pace) -> (String, String) {
    match pace {
        Pace::Relaxed => w("轻松", "relaxed"),
        Pace::Standard => w("标准", "standard"),
        Pace::Packed => w("紧凑", "packed"),
    }
}

pub(super) fn mode(mode: &TransferMode) -> (String, String) {
    match mode {
        TransferMode::Rail => w("火车", "Train"),
        TransferMode::Coach => w("大巴", "Coach"),
        TransferMode::Charter => w("旅游大巴", "Tour coach"),
        TransferMode::Car => w("乘车", "Car"),
        TransferMode::Walk => w("步行", "Walk"),
    }
}

pub(super) fn category(category: &Category) -> (String, String) {
    match category {
        Category::Nature => w("自然风光", "Nature"),
        Category::Culture => w("历史文化", "Culture"),
        Category::Art => w("艺术", "Art"),
        Category::Wellness => w("康养", "Wellness"),
        Category::Museum => w("博物馆", "Museum"),
        Category::Food => w("美食", "Food"),
        Category::Shopping => w("购物", "Shopping"),
    }
}

/// What the cost covers; `rooms` the night's rooms in words, if any, and
/// how the rides at the destination (or the drive) are costed.
pub(super) fn cost_basis(rooms: Option<&str>, rides: RideCost) -> (String, String) {
    let (zh_rooms, en_rooms) = match rooms {
        Some(rooms) => (
            format!("住宿（每晚{rooms}）"),
            format!("rooms ({rooms} a night)"),
        ),
        None => (String::new(), String::new()),
    };
    // What is in, and what is not, each a list in both languages.
    let (mut zh_in, mut en_in) = (vec!["门票".to_owned()], vec!["tickets".to_owned()]);
    let (mut zh_out, mut en_out) = (vec!["餐费".to_owned()], vec!["meals".to_owned()]);
    match rides {
        RideCost::Uncosted | RideCost::Hired => {
            zh_in.push("车票".into());
            en_in.push("fares".into());
        }
        RideCost::Coach => {
            zh_in.push("包车".into());
            en_in.push("the chartered coach".into());
        }
        RideCost::Drive | RideCost::DriveUncosted => {}
    }
    if rides == RideCost::Hired {
        zh_in.push("当地用车".into());
        en_in.push("local rides".into());
    }
    if rooms.is_some() {
        zh_in.push(zh_rooms);
        en_in.push(en_rooms);
    }
    let drive = (
        "自驾的油费、过路费、停车费",
        "fuel, tolls and parking for the drive",
    );
    match rides {
        RideCost::Uncosted => {
            zh_out.push("当地打车费".into());
            en_out.push("local taxis".into());
        }
        RideCost::Drive => {
            zh_in.push(drive.0.into());
            en_in.push(drive.1.into());
        }
        RideCost::DriveUncosted => {
            zh_out.push(drive.0.into());
            en_out.push(drive.1.into());
        }
        RideCost::Hired | RideCost::Coach => {}
    }
    let zh = |items: &[String]| match items {
        [one] => one.clone(),
        [init @ .., last] => format!("{}和{last}", init.join("、")),
        [] => String::new(),
    };
    let en = |items: &[String]| match items {
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => String::new(),
    };
    let en_in = en(&en_in);
    (
        format!("费用含{}，不含{}。", zh(&zh_in), zh(&zh_out)),
        format!("Costs include {en_in}; {} are not included.", en(&en_out)),
    )
}

/// The chartered coaches and what they cost.
pub(super) fn charter(coaches: u32, days: u8, km: f64, cost: f64, each: f64) -> (String, String) {
    (
        format!(
            "包车：旅游大巴{coaches}辆 × {days}天（含司机，约行驶{km:.0}公里），共{}，每人{}；过路费、停车费和司机食宿另计。",
            money(cost),
            money(each)
        ),
        format!(
            "Charter: {coaches} tour coach{} × {days} day{} with driver (about {km:.0} km), {} in all, {} a person; tolls, parking and the driver's meals and room are extra.",
            if coaches == 1 { "" } else { "es" },
            if days == 1 { "" } else { "s" },
            money(cost),
            money(each)
        ),
    )
}

/// The guide's room of their own and meals, shared by the group.
pub(super) fn staff(
    staff: u32,
    (rooms, nights, room_cost): (u32, u32, f64),
    meals: f64,
    each: f64,
) -> (String, String) {
    let room_zh = match nights {
        0 => String::new(),
        _ => format!("单住{rooms}间×{nights}晚{}，", money(room_cost)),
    };
    let room_en = match nights {
        0 => String::new(),
        _ => format!(
            "{rooms} room{} of their own × {nights} night{}, {}; ",
            plural(rooms),
            plural(nights),
            money(room_cost)
        ),
    };
    (
        format!(
            "导游{staff}人的食宿由全团分摊：{room_zh}餐费{}（估算），每人{}。",
            money(meals),
            money(each)
        ),
        format!(
            "The guide's board ({staff}), shared by the group: {room_en}meals {} (estimated); {} a person.",
            money(meals),
            money(each)
        ),
    )
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Why no trip starts on a date.
pub(super) fn refusal(refusal: &Refusal) -> (String, String) {
    match refusal {
        Refusal::NoTimetable => w(
            "该日期的班次时刻尚未公布",
            "The timetable for these dates is not out yet",
        ),
        Refusal::NoService => w(
            "当天没有时间合适的往返班次",
            "No train or coach there and back at workable times",
        ),
        Refusal::NoLodging => w(
            "行程的夜晚没有开放的住宿",
            "No lodging is open on the trip's nights",
        ),
        Refusal::MustSeeClosed(sites) => {
            let (zh, en) = names(sites);
            (
                format!("{zh}在行程日期不开放或开放时间不够游览"),
                format!("{en}: closed on the trip's dates, or open too briefly"),
            )
        }
        Refusal::MustSeeUnfit(sites) => {
            let (zh, en) = names(sites);
            (
                format!("行程天数内排不下{zh}"),
                format!("{en}: not all fit into the trip's days"),
            )
        }
        Refusal::NoTime => w(
            "行程时间不够安排路程和游览",
            "The days are too short for the travel and the visits",
        ),
        Refusal::Unsupported => w(
            "这一天无法安排本线路",
            "This trip cannot be planned for this date",
        ),
    }
}

/// Why a sunrise is not in the plan.
pub(super) fn sunrise_miss(why: &SunriseMiss) -> (String, String) {
    match why {
        SunriseMiss::NoNight => w(
            "行程在那天早晨之前没有在当地过夜",
            "the trip has no night there before that morning",
        ),
        SunriseMiss::Closed { closure } => closures(std::slice::from_ref(closure)),
        SunriseMiss::OpensLate { opens, sun_up } => (
            format!("当天{opens}才开放，而日出在{sun_up}"),
            format!("it opens at {opens}, after the {sun_up} sunrise"),
        ),
        SunriseMiss::TooFar { minutes } => {
            let d = duration(*minutes);
            (
                format!("住处到观景点需{}，黎明前赶去太远", d.0),
                format!("the lodging is {} away, too far for a dawn drive", d.1),
            )
        }
        SunriseMiss::DayTooLong => w(
            "看日出会让最后一天超出该节奏允许的时长",
            "it would make the last day longer than the pace allows",
        ),
    }
}

/// Why a site is left out.
pub(super) fn omission(omission: &Omission) -> (String, String) {
    match omission {
        Omission::Closed { closures: list } => closures(list),
        Omission::Avoided => w("按要求避开", "avoided on request"),
        Omission::NoTime { visit_minutes } => {
            let visit = duration(*visit_minutes);
            (
                format!("游览需{}，行程各天的开放时间内都排不下", visit.0),
                format!(
                    "its {} visit does not fit the hours it is open within the trip's days",
                    visit.1
                ),
            )
        }
        Omission::OffTheWay => w(
            "不在行程各天所在的区域",
            "it lies in an area none of the days is spent in",
        ),
        Omission::OutOfSeason => w(
            "不在值得游览的季节（如海水浴场只在夏季）",
            "it is out of the season it is worth a visit in (a bathing beach in summer)",
        ),
        Omission::NotRecommended => w(
            "资料评价不佳，不推荐（指定必游时才安排）",
            "reviews call it a letdown, so it is planned only when asked for",
        ),
        Omission::Outscored => w(
            "时间留给了更符合兴趣的景点",
            "the days' time went to sites that suit these interests better",
        ),
    }
}

/// The heading of a group of sites left out for one reason.
pub(super) fn omit_group(omission: &Omission) -> (String, String) {
    match omission {
        Omission::Closed { .. } => w("行程日期内不开放", "Closed on the trip's dates"),
        Omission::Avoided => w("按要求避开", "Avoided as asked"),
        Omission::NoTime { .. } => w("开放时间内排不下", "No time in their open hours"),
        Omission::OffTheWay => w("不在行程所到的区域", "In an area the days do not visit"),
        Omission::OutOfSeason => w("不在当季", "Out of season"),
        Omission::NotRecommended => w("不推荐", "Not recommended"),
        Omission::Outscored => w(
            "时间留给了更符合兴趣的景点",
            "Time went to sites that suit these interests better",
        ),
    }
}

/// Why a site is closed on a date.
pub(super) fn closed(reason: &ClosedReason) -> (String, String) {
    match reason {
        ClosedReason::PublicHoliday(name) => (
            format!("{}不开放", name.zh),
            format!("closed for {}", name.en),
        ),
        ClosedReason::WeeklyClosingDay(day) => {
            let (zh, en) = weekday(*day);
            (format!("每{zh}闭馆"), format!("closed on {en}s"))
        }
        ClosedReason::Comment(comment) => (comment.clone(), comment.clone()),
        ClosedReason::OutOfSeason => w("季节性关闭", "closed for the season"),
    }
}

/// Names from the pack as a list: "老龙头、祖山" and "Laolongtou, Zushan".
fn names(texts: &[Text]) -> (String, String) {
    let zh: Vec<&str> = texts.iter().map(|t| t.zh.as_str()).collect();
    let en: Vec<&str> = texts.iter().map(|t| t.en.as_str()).collect();
    (zh.join("、"), en.join(", "))
}

/// "1小时30分" and "1 h 30 min".
pub(super) fn duration(minutes: u32) -> (String, String) {
    match (minutes / 60, minutes % 60) {
        (0, m) => (format!("{m}分钟"), format!("{m} min")),
        (h, 0) => (format!("{h}小时"), format!("{h} h")),
        (h, m) => (format!("{h}小时{m}分"), format!("{h} h {m} min")),
    }
}

/// Yuan, rounded, with thousands separated: "¥1,280".
pub(super) fn money(cny: f64) -> String {
    let yuan = format!("{:.0}", cny.max(0.0));
    let mut out = String::from("¥");
    for (i, digit) in yuan.chars().enumerate() {
        if i > 0 && (yuan.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

pub(super) fn weekday(day: Weekday) -> (&'static str, &'static str) {
    match day {
        Weekday::Mon => ("周一", "Monday"),
        Weekday::Tue => ("周二", "Tuesday"),
        Weekday::Wed => ("周三", "Wednesday"),
        Weekday::Thu => ("周四", "Thursday"),
        Weekday::Fri => ("周五", "Friday"),
        Weekday::Sat => ("周六", "Saturday"),
        Weekday::Sun => ("周日", "Sunday"),
    }
}

/// The closures of a site: one reason when every date shares it, else the
/// dates that share one, each group with it; a Saturday and a Sunday
/// closing day read as the weekend.
pub(super) fn closures(closures: &[Closure]) -> (String, String) {
    let Some(first) = closures.first() else {
        return closed(&ClosedReason::OutOfSeason);
    };
    let reason = |c: &Closure| match c.why {
        ClosedReason::WeeklyClosingDay(Weekday::Sat | Weekday::Sun) => {
            w("周末闭馆", "closed at weekends")
        }
        _ => closed(&c.why),
    };
    if closures.iter().all(|c| reason(c) == reason(first)) {
        return reason(first);
    }
    let mut groups: Vec<(Vec<NaiveDate>, (String, String))> = Vec::new();
    for c in closures {
        match groups.last_mut() {
            Some((dates, why)) if *why == reason(c) => dates.push(c.date),
            _ => groups.push((vec![c.date], reason(c))),
        }
    }
    let (zh, en): (Vec<String>, Vec<String>) = (groups.iter())
        .map(|(dates, why)| {
            let (zh, en): (Vec<String>, Vec<String>) = dates.iter().map(|d| short_date(*d)).unzip();
            (
                format!("{}{}", zh.join("、"), why.0),
                format!("{}: {}", en.join(", "), why.1),
            )
        })
        .unzip();
    (zh.join("；"), en.join("; "))
}

/// What a party pays in all and each, as the totals say it.
#[derive(Clone, Copy, Debug)]
pub struct Bill {
    pub party: f64,
    pub each: f64,
    /// A tour group: its cost is "全团".
    pub group: bool,
    /// Some of it is an estimate: "约".
    pub about: bool,
}

/// What the party pays, in all and each: "全团" only for a tour group, and
/// "约" when part of it is an estimate.
pub(super) fn bill(bill: &Bill) -> (String, String) {
    let (party, each) = (money(bill.party), money(bill.each));
    let (about_zh, about_en) = if bill.about {
        ("约", "about ")
    } else {
        ("", "")
    };
    let (whole_zh, whole_en) = if bill.group {
        ("全团 ", "the group")
    } else {
        ("", "the party")
    };
    (
        format!("{whole_zh}{about_zh}{party}（每人 {about_zh}{each}）"),
        format!("{about_en}{party} for {whole_en} ({about_en}{each} a person)"),
    )
}

/// What a day inside a public holiday means, in one language's names.
#[derive(Clone, Debug)]
pub struct HolidayWords<'a> {
    pub name: &'a str,
    /// The day's own name within the holiday (除夕).
    pub day: Option<&'a str>,
    pub notes: Option<&'a str>,
    /// Crowded sites of the day, with the minutes planned for their crowds.
    pub extra: &'a [(String, u32)],
    /// Sites booked ahead by real name on holidays, listed.
    pub booking: Option<&'a str>,
    /// The day has a train.
    pub train: bool,
    /// The presale period's days, and whether it is an estimate.
    pub presale: Option<(u32, bool)>,
}

/// The holiday's name with the day's own: "春节·初一", "Spring Festival (New Year's Day)".
pub(super) fn holiday_label(name: &str, day: Option<&str>) -> (String, String) {
    match day {
        Some(day) => (format!("{name}·{day}"), format!("{name} ({day})")),
        None => w(name, name),
    }
}

/// The holiday notice: the crowds, the time planned for them, real-name
/// booking, train tickets at the presale, and the day's own note.
pub(super) fn holiday(words: &HolidayWords) -> (String, String) {
    let (label_zh, label_en) = holiday_label(words.name, words.day);
    let mut zh = format!("{label_zh}：节日游客多，景区排队、路上堵车都比平日久。");
    let mut en = format!(
        "{label_en}: holiday crowds; queues at the sites and traffic take longer than usual."
    );
    // Sites given the same extra time are named together.
    let mut minutes: Vec<u32> = words.extra.iter().map(|(_, m)| *m).collect();
    minutes.sort_unstable();
    minutes.dedup();
    for m in minutes {
        let sites: Vec<&str> = (words.extra.iter())
            .filter(|(_, x)| *x == m)
            .map(|(site, _)| site.as_str())
            .collect();
        let (dz, de) = duration(m);
        let each = if sites.len() > 1 { "各" } else { "" };
        zh.push_str(&format!(
            "行程已在{}{each}多留{dz}排队时间。",
            sites.join("、")
        ));
        en.push_str(&format!(
            " The plan allows {de} more at {} for the queues.",
            sites.join(", ")
        ));
    }
    if let Some(sites) = words.booking {
        zh.push_str(&format!("{sites}节日须提前实名预约。"));
        en.push_str(&format!(
            " {sites}: book ahead in your own name for the holiday."
        ));
    }
    if words.train {
        zh.push_str("节日火车票紧张，请在开售时立即购票");
        en.push_str(" Holiday train tickets sell out: buy them as soon as sales open");
        match words.presale {
            Some((days, estimated)) => {
                let (hedge_zh, hedge_en) = if estimated {
                    ("一般", "usually ")
                } else {
                    ("", "")
                };
                zh.push_str(&format!("（{hedge_zh}提前{days}天开售，以12306为准）。"));
                en.push_str(&format!(" ({hedge_en}{days} days ahead; check 12306)."));
            }
            None => {
                zh.push_str("（开售时间以12306为准）。");
                en.push_str(" (see 12306 for when).");
            }
        }
    }
    if let Some(notes) = words.notes {
        let day = words.day.unwrap_or(words.name);
        zh.push_str(&format!("{day}：{notes}"));
        en.push_str(&format!(" {day}: {notes}"));
    }
    (zh, en)
}
