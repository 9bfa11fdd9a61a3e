//! The printable page and the embeddable fragment (askama templates).
//!
//! Rust builds small view models here — names already in the chosen
//! language, times, durations and money already formatted — and the
//! templates in `templates/` only loop, branch and escape. The one string
//! inserted unescaped is the JSON-LD, escaped here for a `<script>` element.

use askama::Template;
use chrono::{Datelike, NaiveDate};
use serde_json::{Value, json};

use super::Lang;
use super::map::{self, Map};
use super::names::{name_of, trip_title};
use crate::model::{Pack, Text};
use crate::plan::{Day, Event, Itinerary, OmitReason, TransferMode};

/// A piece of text in one language, for a `lang` attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub lang: &'static str,
    pub text: String,
}

/// Text in the languages asked for: one part, or Chinese then English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bi(pub Vec<Part>);

impl Bi {
    pub fn of(lang: Lang, text: &Text) -> Bi {
        Bi::label(lang, &text.zh, &text.en)
    }

    pub fn label(lang: Lang, zh: &str, en: &str) -> Bi {
        let zh = Part {
            lang: "zh",
            text: zh.to_owned(),
        };
        let en = Part {
            lang: "en",
            text: en.to_owned(),
        };
        Bi(match lang {
            Lang::Zh => vec![zh],
            Lang::En => vec![en],
            Lang::Both => vec![zh, en],
        })
    }

    /// The short form for tight spots: Chinese unless only English is asked for.
    fn short(lang: Lang, text: &Text) -> Bi {
        Bi::of(if lang == Lang::En { Lang::En } else { Lang::Zh }, text)
    }
}

#[derive(Template)]
#[template(path = "page.html")]
struct Page {
    doc: Document,
    /// Plain text for `<title>`.
    title_text: String,
    /// Already escaped for a script element by [`json_ld`].
    json_ld: String,
    /// Many places: the cover uses smaller type to stay on one sheet.
    dense: bool,
    addresses: Vec<Address>,
    omitted: Vec<OmittedGroup>,
    sources: Vec<Source>,
    pack_source: String,
}

#[derive(Template)]
#[template(path = "fragment.html")]
struct Fragment {
    doc: Document,
}

/// What the page and the fragment share: the header, the days, the caveats.
struct Document {
    lang: &'static str,
    labels: Labels,
    title: Bi,
    summary: Option<Bi>,
    facts: Vec<Fact>,
    days: Vec<DayView>,
    warnings: Vec<String>,
    caveat: Option<Bi>,
}

/// Fixed words of the layout, in the chosen language.
struct Labels {
    time: Bi,
    what: Bi,
    place: Bi,
    duration: Bi,
    cost: Bi,
    notes: Bi,
    addresses: Bi,
    omitted: Bi,
    sources: Bi,
    timetable: Bi,
}

struct Fact {
    label: Bi,
    value: Bi,
}

struct DayView {
    heading: Bi,
    date: Bi,
    season: Bi,
    rows: Vec<Row>,
    notes: Vec<String>,
    map: Option<Map>,
    /// Trains or coaches from the sample timetable run this day.
    sample_services: bool,
}

/// One line of a day's timeline.
struct Row {
    /// CSS class and a text symbol: the kind reads without colour.
    kind: &'static str,
    symbol: &'static str,
    time: String,
    what: Bi,
    service: Option<String>,
    place: Bi,
    to: Option<Bi>,
    duration: String,
    cost: String,
}

/// A place of the trip as a taxi driver needs it.
struct Address {
    number: String,
    name: String,
    district: String,
    address: String,
    english: Option<String>,
}

struct OmittedGroup {
    reason: Bi,
    sites: Vec<Bi>,
}

/// How much of each source the cover shows; the route pack holds the rest.
const SOURCE_CHARS: usize = 90;
const PACK_SOURCE_CHARS: usize = 240;
/// More places than this make a dense cover.
const DENSE_PLACES: usize = 12;

struct Source {
    name: Bi,
    text: String,
}

/// The full printable A4 page.
pub fn page(pack: &Pack, itinerary: &Itinerary, lang: Lang) -> String {
    let doc = document(pack, itinerary, lang);
    let places = places_of(pack, itinerary);
    let page = Page {
        title_text: lang.pick(&trip_title(pack, itinerary)),
        json_ld: json_ld(pack, itinerary, lang),
        dense: places.len() > DENSE_PLACES,
        addresses: addresses(pack, &places, lang),
        omitted: omitted(pack, itinerary, lang),
        sources: sources(pack, &places, lang),
        pack_source: brief(&pack.info.source, PACK_SOURCE_CHARS),
        doc,
    };
    page.render()
        .expect("the page template renders from plain strings")
}

/// One element to embed in another page, its styles sealed in a shadow root.
pub fn fragment(pack: &Pack, itinerary: &Itinerary, lang: Lang) -> String {
    let fragment = Fragment {
        doc: document(pack, itinerary, lang),
    };
    fragment
        .render()
        .expect("the fragment template renders from plain strings")
}

fn document(pack: &Pack, itinerary: &Itinerary, lang: Lang) -> Document {
    let caveat = pack
        .timetable
        .sample
        .then(|| Bi::of(lang, &pack.timetable.note));
    Document {
        lang: match lang {
            Lang::En => "en",
            Lang::Zh | Lang::Both => "zh",
        },
        labels: labels(lang),
        title: Bi::of(lang, &trip_title(pack, itinerary)),
        summary: (itinerary.request.product.as_deref())
            .and_then(|id| pack.product(id))
            .map(|p| Bi::of(lang, &p.summary)),
        facts: facts(pack, itinerary, lang),
        days: (itinerary.days.iter())
            .map(|d| day_view(pack, d, lang))
            .collect(),
        // The timetable's caveat is shown as `caveat`, in the chosen language.
        warnings: (itinerary.warnings.iter())
            .filter(|w| caveat.is_none() || **w != pack.timetable.note.en)
            .cloned()
            .collect(),
        caveat,
    }
}

fn labels(lang: Lang) -> Labels {
    let l = |zh: &str, en: &str| Bi::label(lang, zh, en);
    Labels {
        time: l("时间", "Time"),
        what: l("安排", "What"),
        place: l("地点", "Place"),
        duration: l("时长", "Time taken"),
        cost: l("费用", "Cost"),
        notes: l("提示", "Notes"),
        addresses: l("地址卡（给司机看）", "Address card (show the driver)"),
        omitted: l("未安排的景点", "Not in this plan"),
        sources: l("资料来源", "Sources"),
        timetable: l("时刻表", "Timetable"),
    }
}

fn facts(pack: &Pack, itinerary: &Itinerary, lang: Lang) -> Vec<Fact> {
    let request = &itinerary.request;
    let l = |zh: &str, en: &str| Bi::label(lang, zh, en);
    let first = request.date;
    let last = itinerary.days.last().map_or(first, |d| d.date);
    let dates = if first == last {
        date(lang, first)
    } else {
        let (a, b) = (date(lang, first), date(lang, last));
        Bi(a.0
            .into_iter()
            .zip(b.0)
            .map(|(a, b)| Part {
                lang: a.lang,
                text: format!("{} – {}", a.text, b.text),
            })
            .collect())
    };
    let party = request.party;
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
    let cost = itinerary.totals.cost_cny;
    vec![
        Fact {
            label: l("日期", "Dates"),
            value: dates,
        },
        Fact {
            label: l("出发", "From"),
            value: name_or_id(pack, &request.from, lang),
        },
        Fact {
            label: l("人数", "Party"),
            value: l(&zh.join("、"), &en.join(", ")),
        },
        Fact {
            label: l("总费用", "Total cost"),
            value: l(
                &format!(
                    "全团 {}（每人 {}）",
                    money(cost.party),
                    money(cost.per_person)
                ),
                &format!(
                    "{} for the party ({} a person)",
                    money(cost.party),
                    money(cost.per_person)
                ),
            ),
        },
    ]
}

fn day_view(pack: &Pack, day: &Day, lang: Lang) -> DayView {
    let season = match pack.seasons.iter().find(|s| s.id == day.season) {
        Some(season) => Bi::of(lang, &season.name),
        None => Bi::label(lang, "淡季", "Off season"),
    };
    DayView {
        heading: day_heading(lang, day.index),
        date: date(lang, day.date),
        season,
        rows: day.events.iter().map(|e| row(pack, e, lang)).collect(),
        notes: day.notes.clone(),
        map: map::day_map(pack, day, lang),
        sample_services: pack.timetable.sample
            && (day.events.iter()).any(|e| {
                matches!(
                    e,
                    Event::Transfer {
                        service: Some(_),
                        ..
                    }
                )
            }),
    }
}

fn day_heading(lang: Lang, index: u8) -> Bi {
    Bi::label(lang, &format!("第{index}天"), &format!("Day {index}"))
}

fn row(pack: &Pack, event: &Event, lang: Lang) -> Row {
    let l = |zh: &str, en: &str| Bi::label(lang, zh, en);
    match event {
        Event::Transfer {
            from,
            to,
            start,
            end,
            mode,
            service,
            minutes,
            cost_cny,
            ..
        } => {
            let (zh, en, symbol) = match mode {
                TransferMode::Rail => ("火车", "Train", "═"),
                TransferMode::Coach => ("大巴", "Coach", "▭"),
                TransferMode::Car => ("乘车", "Car", "→"),
                TransferMode::Walk => ("步行", "Walk", "⋯"),
            };
            Row {
                kind: "transfer",
                symbol,
                time: start.span(*end),
                what: l(zh, en),
                service: service.clone(),
                place: short_name(pack, from, lang),
                to: Some(short_name(pack, to, lang)),
                duration: duration(lang, *minutes),
                cost: money_or_blank(*cost_cny),
            }
        }
        Event::Visit {
            site,
            start,
            end,
            cost_cny,
            sunrise,
        } => Row {
            kind: "visit",
            symbol: if *sunrise { "☀" } else { "●" },
            time: start.span(*end),
            what: if *sunrise {
                l("看日出", "Sunrise")
            } else {
                l("游览", "Visit")
            },
            service: None,
            place: name_or_id(pack, site, lang),
            to: None,
            duration: duration(lang, end.minutes.saturating_sub(start.minutes)),
            cost: money_or_blank(*cost_cny),
        },
        Event::Meal {
            meal,
            start,
            end,
            near,
        } => Row {
            kind: "meal",
            symbol: "◆",
            time: start.span(*end),
            what: match pack.meals.iter().find(|m| m.kind == *meal) {
                Some(m) => Bi::of(lang, &m.name),
                None => l("用餐", "Meal"),
            },
            service: None,
            place: near_name(pack, near, lang),
            to: None,
            duration: duration(lang, end.minutes.saturating_sub(start.minutes)),
            cost: String::new(),
        },
        Event::Lodging { lodging, start } => Row {
            kind: "lodging",
            symbol: "▲",
            time: start.hhmm(),
            what: l("住宿", "Night"),
            service: None,
            place: name_or_id(pack, lodging, lang),
            to: None,
            duration: String::new(),
            cost: String::new(),
        },
    }
}

fn name_or_id(pack: &Pack, id: &str, lang: Lang) -> Bi {
    match name_of(pack, id) {
        Some(name) => Bi::of(lang, name),
        None => Bi(vec![Part {
            lang: "en",
            text: id.to_owned(),
        }]),
    }
}

fn short_name(pack: &Pack, id: &str, lang: Lang) -> Bi {
    match name_of(pack, id) {
        Some(name) => Bi::short(lang, name),
        None => Bi(vec![Part {
            lang: "en",
            text: id.to_owned(),
        }]),
    }
}

fn near_name(pack: &Pack, id: &str, lang: Lang) -> Bi {
    let Some(name) = name_of(pack, id) else {
        return Bi(vec![Part {
            lang: "en",
            text: id.to_owned(),
        }]);
    };
    let near = Text {
        zh: format!("{}附近", name.zh),
        en: format!("near {}", name.en),
    };
    Bi::short(lang, &near)
}

/// "1 h 30 min" (English and both) or "1小时30分" (Chinese).
fn duration(lang: Lang, minutes: u32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (lang, h, m) {
        (Lang::Zh, 0, m) => format!("{m}分钟"),
        (Lang::Zh, h, 0) => format!("{h}小时"),
        (Lang::Zh, h, m) => format!("{h}小时{m}分"),
        (_, 0, m) => format!("{m} min"),
        (_, h, 0) => format!("{h} h"),
        (_, h, m) => format!("{h} h {m} min"),
    }
}

fn money(cny: f64) -> String {
    format!("¥{cny:.0}")
}

fn money_or_blank(cny: f64) -> String {
    if cny > 0.0 { money(cny) } else { String::new() }
}

fn date(lang: Lang, date: NaiveDate) -> Bi {
    const WEEKDAYS: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    let weekday = WEEKDAYS[date.weekday().num_days_from_monday() as usize];
    Bi::label(
        lang,
        &format!(
            "{}年{}月{}日 {weekday}",
            date.year(),
            date.month(),
            date.day()
        ),
        &date.format("%a %-d %b %Y").to_string(),
    )
}

/// The distinct places of the trip in first-visit order: sites, lodging, and
/// hubs in the destination area (a Beijing driver is not the reader).
fn places_of<'i>(pack: &Pack, itinerary: &'i Itinerary) -> Vec<&'i str> {
    let mut places: Vec<&str> = Vec::new();
    for event in itinerary.days.iter().flat_map(|d| &d.events) {
        let ids: Vec<&str> = match event {
            Event::Transfer { from, to, .. } => vec![from, to],
            Event::Visit { site, .. } => vec![site],
            Event::Lodging { lodging, .. } => vec![lodging],
            Event::Meal { .. } => vec![],
        };
        for id in ids {
            let far_hub = pack
                .hub(id)
                .is_some_and(|h| h.city != pack.info.destination);
            if !far_hub && !places.contains(&id) && name_of(pack, id).is_some() {
                places.push(id);
            }
        }
    }
    places
}

fn addresses(pack: &Pack, places: &[&str], lang: Lang) -> Vec<Address> {
    (places.iter().enumerate())
        .filter_map(|(i, id)| {
            let (name, district, address) = if let Some(site) = pack.site(id) {
                (&site.name, &site.district, site.address.clone())
            } else if let Some(lodging) = pack.lodging(id) {
                (&lodging.name, &lodging.district, None)
            } else {
                let hub = pack.hub(id)?;
                (&hub.name, &hub.district, None)
            };
            Some(Address {
                number: (i + 1).to_string(),
                name: name.zh.clone(),
                district: district.zh.clone(),
                address: address.unwrap_or_default(),
                english: (lang != Lang::Zh).then(|| name.en.clone()),
            })
        })
        .collect()
}

/// Left-out sites grouped by reason, so twenty "outscored" sites take one line.
fn omitted(pack: &Pack, itinerary: &Itinerary, lang: Lang) -> Vec<OmittedGroup> {
    let mut groups: Vec<(OmitReason, OmittedGroup)> = Vec::new();
    for o in &itinerary.omitted {
        let site = short_name(pack, &o.site, lang);
        match groups.iter_mut().find(|(r, _)| *r == o.reason) {
            Some((_, group)) => group.sites.push(site),
            None => {
                let reason = match o.reason {
                    OmitReason::Closed => Bi::label(lang, "当天闭馆或不开放", "Closed on the day"),
                    OmitReason::Avoided => Bi::label(lang, "按要求避开", "Avoided as asked"),
                    OmitReason::NoTime => Bi::label(lang, "时间不够", "No time left"),
                    OmitReason::Outscored => Bi::label(
                        lang,
                        "时间留给了更符合兴趣的景点",
                        "Time went to sites that suit these interests better",
                    ),
                };
                groups.push((
                    o.reason,
                    OmittedGroup {
                        reason,
                        sites: vec![site],
                    },
                ));
            }
        }
    }
    groups.into_iter().map(|(_, g)| g).collect()
}

fn sources(pack: &Pack, places: &[&str], lang: Lang) -> Vec<Source> {
    (places.iter())
        .filter_map(|id| {
            let (name, source) = if let Some(site) = pack.site(id) {
                (&site.name, &site.provenance.source)
            } else if let Some(lodging) = pack.lodging(id) {
                (&lodging.name, &lodging.provenance.source)
            } else {
                let hub = pack.hub(id)?;
                (&hub.name, &hub.provenance.source)
            };
            (!source.is_empty()).then(|| Source {
                name: Bi::short(lang, name),
                text: brief(source, SOURCE_CHARS),
            })
        })
        .collect()
}

/// The start of `text`, cut after a word and marked with "…" when longer
/// than `max` characters: the cover has room for a reference, not the
/// full provenance, which stays in the route pack.
fn brief(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let word_end = cut
        .rfind([' ', ',', ';', '，', '；'])
        .filter(|&i| i > cut.len() / 2);
    format!("{}…", cut[..word_end.unwrap_or(cut.len())].trim_end())
}

/// schema.org `TouristTrip` JSON-LD, escaped for a `<script>` element.
fn json_ld(pack: &Pack, itinerary: &Itinerary, lang: Lang) -> String {
    let mut items = Vec::new();
    for event in itinerary.days.iter().flat_map(|d| &d.events) {
        let item = match event {
            Event::Visit { site, .. } => pack.site(site).map(|s| {
                json!({
                    "@type": "TouristAttraction",
                    "name": lang.pick(&s.name),
                    "description": lang.pick(&s.summary),
                    "address": s.address,
                    "geo": geo(s.coord),
                })
            }),
            Event::Lodging { lodging, .. } => pack.lodging(lodging).map(|l| {
                json!({
                    "@type": "LodgingBusiness",
                    "name": lang.pick(&l.name),
                    "description": lang.pick(&l.summary),
                    "geo": geo(l.coord),
                })
            }),
            _ => None,
        };
        if let Some(item) = item {
            items.push(json!({ "@type": "ListItem", "position": items.len() + 1, "item": item }));
        }
    }
    let request = &itinerary.request;
    let end = itinerary.days.last().map_or(request.date, |d| d.date);
    let description = (request.product.as_deref())
        .and_then(|id| pack.product(id))
        .map_or_else(|| lang.pick(&pack.info.name), |p| lang.pick(&p.summary));
    let trip = json!({
        "@context": "https://schema.org",
        "@type": "TouristTrip",
        "name": lang.pick(&trip_title(pack, itinerary)),
        "description": description,
        "startDate": request.date.to_string(),
        "endDate": end.to_string(),
        "itinerary": {
            "@type": "ItemList",
            "numberOfItems": items.len(),
            "itemListElement": items,
        },
        "offers": {
            "@type": "Offer",
            "price": format!("{:.0}", itinerary.totals.cost_cny.party),
            "priceCurrency": "CNY",
            "description": "Tickets, fares and rooms for the whole party",
        },
    });
    script_safe(&trip)
}

fn geo(c: crate::model::Coord) -> Value {
    json!({ "@type": "GeoCoordinates", "latitude": c.lat, "longitude": c.lon })
}

/// JSON whose `<`, `>` and `&` are `\u` escapes: the same JSON value, but no
/// `</script>` or `<!--` can end or confuse the script element it sits in.
fn script_safe(value: &Value) -> String {
    let json = serde_json::to_string(value).expect("a JSON value serializes");
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::RequestSpec;

    fn three_days() -> (Pack, Itinerary) {
        let pack = crate::load::load_default().expect("the embedded pack loads");
        let spec = RequestSpec {
            product: Some("qhd-3day".into()),
            date: NaiveDate::from_ymd_opt(2027, 7, 16),
            ..RequestSpec::default()
        };
        let today = NaiveDate::from_ymd_opt(2027, 7, 1).unwrap();
        let request = spec.resolve(&pack, today).expect("the product resolves");
        let itinerary = crate::plan::plan(&pack, &request).expect("the product plans");
        (pack, itinerary)
    }

    #[test]
    fn page_carries_json_ld_that_parses_as_a_tourist_trip() {
        let (pack, itinerary) = three_days();
        let html = page(&pack, &itinerary, Lang::Both);
        let open = r#"<script type="application/ld+json">"#;
        let start = html.find(open).expect("JSON-LD is present") + open.len();
        let end = start + html[start..].find("</script>").unwrap();
        let value: Value = serde_json::from_str(&html[start..end]).unwrap();
        assert_eq!(value["@type"], "TouristTrip");
        assert_eq!(value["startDate"], "2027-07-16");
        assert!(value["itinerary"]["numberOfItems"].as_u64().unwrap() > 0);
        assert_eq!(
            html.matches("<section class=\"day\">").count(),
            itinerary.days.len()
        );
        assert_eq!(html.matches("<svg").count(), itinerary.days.len());
    }

    #[test]
    fn fragment_is_one_element_without_scripts() {
        let (pack, itinerary) = three_days();
        let html = fragment(&pack, &itinerary, Lang::Zh);
        let html = html.trim();
        assert!(html.starts_with("<div class=\"jingqin-itinerary\""));
        assert!(html.ends_with("</template></div>"));
        assert_eq!(html.matches("<div class=\"jingqin-itinerary\"").count(), 1);
        for banned in [
            "<script", "<html", "<head>", "<body", "<link", "src=", "@import", "url(http",
        ] {
            assert!(!html.contains(banned), "{banned}");
        }
    }

    #[test]
    fn output_is_deterministic() {
        let (pack, itinerary) = three_days();
        assert_eq!(
            page(&pack, &itinerary, Lang::En),
            page(&pack, &itinerary, Lang::En)
        );
    }

    #[test]
    fn durations_read_naturally_in_each_language() {
        assert_eq!(duration(Lang::En, 90), "1 h 30 min");
        assert_eq!(duration(Lang::Both, 45), "45 min");
        assert_eq!(duration(Lang::En, 120), "2 h");
        assert_eq!(duration(Lang::Zh, 99), "1小时39分");
        assert_eq!(duration(Lang::Zh, 30), "30分钟");
    }

    #[test]
    fn script_safe_json_cannot_close_its_script_element() {
        let value = json!({ "name": "</script><!-- & \"quoted\"" });
        let text = script_safe(&value);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn brief_cuts_long_sources_after_a_word() {
        assert_eq!(brief("short", 10), "short");
        assert_eq!(brief("one two three four", 12), "one two…");
        assert_eq!(brief("北戴河区鸽赤路北戴河区鸽赤路", 4), "北戴河区…");
    }

    #[test]
    fn bilingual_text_is_tagged_by_language() {
        let text = Text {
            zh: "鸽子窝".into(),
            en: "Geziwo".into(),
        };
        let langs = |b: Bi| b.0.iter().map(|p| p.lang).collect::<Vec<_>>();
        assert_eq!(langs(Bi::of(Lang::Both, &text)), ["zh", "en"]);
        assert_eq!(langs(Bi::of(Lang::Zh, &text)), ["zh"]);
        assert_eq!(langs(Bi::of(Lang::En, &text)), ["en"]);
        assert_eq!(langs(Bi::short(Lang::Both, &text)), ["zh"]);
    }
}
