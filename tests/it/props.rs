//! Property tests: the pack loader, opening hours on edge dates and the
//! request parser take whatever proptest makes up and never panic; what is
//! valid loads, parses or plans, and what is not is reported where it is.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

use jingqin::load::{self, FILES};
use jingqin::model::{Category, ClosedReason, DayHours, Hours, Pace, Pack};
use jingqin::plan::{self, Mode, Party, RequestSpec, parse_interests, parse_party};

const VALID: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid");

static PACK: LazyLock<Pack> = LazyLock::new(|| load::load_default().expect("the default pack"));

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Failures are reported with their input; nothing is written to the tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------- loader

/// A site's fields, each either a valid value or anything of its type.
fn site(valid: bool) -> impl Strategy<Value = toml::Table> {
    fn pick<T: std::fmt::Debug + Clone + 'static>(
        valid: bool,
        good: impl Strategy<Value = T> + 'static,
        any: impl Strategy<Value = T> + 'static,
    ) -> BoxedStrategy<T> {
        if valid {
            good.boxed()
        } else {
            // One field in eight or so is wrong, so both outcomes happen.
            prop_oneof![7 => good, 1 => any].boxed()
        }
    }
    let text = || "\\PC{0,12}";
    (
        pick(valid, "prop_[a-z0-9_]{1,12}", text()),
        pick(valid, -90.0..90.0, any::<f64>()),
        pick(valid, -180.0..180.0, any::<f64>()),
        pick(
            valid,
            prop::sample::select(vec!["nature", "culture", "museum", "food"])
                .prop_map(String::from),
            text(),
        ),
        pick(valid, 0.0..=10.0, any::<f64>()),
        pick(
            valid,
            (0u32..4, 1u32..60).prop_map(|(h, m)| format!("{h}h{m}m")),
            text(),
        ),
        pick(valid, valid_hours(), text()),
        pick(valid, 0.0..500.0, any::<f64>()),
    )
        .prop_map(|(id, lat, lon, category, rating, visit, hours, price)| {
            let name = |s: &str| {
                let mut t = toml::Table::new();
                t.insert("zh".into(), s.into());
                t.insert("en".into(), s.into());
                toml::Value::Table(t)
            };
            let mut site = toml::Table::new();
            site.insert("id".into(), id.into());
            site.insert("name".into(), name("测试 test"));
            site.insert("district".into(), name("北戴河区 Beidaihe"));
            site.insert("lat".into(), lat.into());
            site.insert("lon".into(), lon.into());
            site.insert("category".into(), category.into());
            site.insert("tags".into(), toml::Value::Array(Vec::new()));
            site.insert("rating".into(), rating.into());
            site.insert("visit".into(), visit.clone().into());
            site.insert("min_visit".into(), visit.into());
            site.insert("hours".into(), hours.into());
            site.insert("summary".into(), name("摘要 summary"));
            site.insert("source".into(), "property test".into());
            let mut fare = toml::Table::new();
            for who in ["adult", "child", "senior"] {
                fare.insert(who.into(), price.into());
            }
            site.insert("price".into(), fare.into());
            site
        })
}

/// The valid fixture pack with `site` appended to its sites.toml, loaded;
/// also the line the new site starts at and the file's line count.
fn load_with(site: &toml::Table) -> (Result<Pack, load::Diagnostics>, usize, usize) {
    let dir = tempfile::tempdir().expect("a temp dir");
    for name in FILES {
        fs::copy(Path::new(VALID).join(name), dir.path().join(name)).expect("copy the fixture");
    }
    let mut sites = fs::read_to_string(dir.path().join("sites.toml")).expect("sites.toml");
    let mut wrapper = toml::Table::new();
    wrapper.insert("site".into(), toml::Value::Array(vec![site.clone().into()]));
    sites.push('\n');
    let first = sites.lines().count() + 1;
    sites.push_str(&toml::to_string(&wrapper).expect("TOML"));
    let lines = sites.lines().count();
    fs::write(dir.path().join("sites.toml"), sites).expect("write sites.toml");
    (load::load_dir(dir.path()), first, lines)
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn a_valid_site_loads(site in site(true)) {
        let (loaded, ..) = load_with(&site);
        let pack = loaded.map_err(|d| TestCaseError::fail(d.to_string()))?;
        let id = site["id"].as_str().unwrap_or_default();
        prop_assert!(pack.site(id).is_some(), "{id} not in the pack");
    }

    #[test]
    fn any_site_loads_or_is_reported_where_it_is(site in site(false)) {
        let (loaded, first, lines) = load_with(&site);
        if let Err(diagnostics) = loaded {
            prop_assert!(!diagnostics.0.is_empty());
            for d in &diagnostics.0 {
                prop_assert_eq!(d.file.file_name().and_then(|f| f.to_str()), Some("sites.toml"));
                let line = d.position.map(|p| p.line).unwrap_or(0);
                prop_assert!(
                    (first..=lines).contains(&line),
                    "line {} outside the new site ({}..={}): {}", line, first, lines, d.message
                );
                prop_assert!(d.message.chars().count() <= 400, "{}", d.message);
            }
        }
    }
}

// ---------------------------------------------------------------- opening hours

/// Rules in the opening_hours grammar the pack uses, mostly valid: months,
/// weekdays, holidays, times past midnight, closing comments.
fn hours_rule() -> impl Strategy<Value = String> {
    let months = prop::sample::select(vec![
        "",
        "",
        "Apr-Oct ",
        "Nov-Mar ",
        "Dec ",
        "Jan 01-Feb 28 ",
    ]);
    let days = prop::sample::select(vec!["", "", "Mo ", "Tu-Su ", "Sa,Su ", "PH "]);
    let minutes = prop::sample::select(vec![0u32, 15, 30, 59]);
    // Mostly daytime hours, now and then past midnight (up to 26:00).
    let span = (0u32..=23, minutes.clone(), 1u32..=8, minutes)
        .prop_map(|(h, m, long, m2)| format!("{h:02}:{m:02}-{:02}:{m2:02}", (h + long).min(26)));
    let state = prop_oneof![
        6 => span,
        1 => Just("off".to_string()),
        1 => Just("off \"维修 closed\"".to_string()),
    ];
    let rule = (months, days, state).prop_map(|(m, d, s)| format!("{m}{d}{s}"));
    let rules = prop::collection::vec(rule, 1..4).prop_map(|rules| rules.join("; "));
    prop_oneof![9 => rules, 1 => Just("24/7".to_string())]
}

fn valid_hours() -> impl Strategy<Value = String> {
    hours_rule().prop_filter("a rule that parses", |rule| {
        Hours::parse(rule, &PACK.calendar.opening_hours_holidays()).is_ok()
    })
}

/// Any date of the years a plan may have, with the edges made likely.
fn date() -> impl Strategy<Value = NaiveDate> {
    let edges = prop::sample::select(vec![
        (1900, 1, 1),
        (1900, 12, 31),
        (2000, 2, 29),
        (2024, 2, 29),
        (2026, 12, 31),
        (2027, 1, 1),
        (9999, 12, 27),
        (9999, 12, 31),
    ])
    .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default());
    let any = (1900i32..=9999, 1u32..=366).prop_map(|(year, day)| {
        NaiveDate::from_yo_opt(year, day)
            .or_else(|| NaiveDate::from_yo_opt(year, 365))
            .unwrap_or_default()
    });
    prop_oneof![edges, any]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn opening_hours_on_any_date_are_whole_intervals_of_that_day(
        rule in hours_rule(), date in date()
    ) {
        let calendar = &PACK.calendar;
        let Ok(hours) = Hours::parse(&rule, &calendar.opening_hours_holidays()) else {
            return Ok(());
        };
        match hours.on(date, calendar) {
            DayHours::Open(intervals) => {
                prop_assert!(!intervals.is_empty());
                for pair in intervals.windows(2) {
                    prop_assert!(pair[0].close <= pair[1].open, "{rule} on {date}: {intervals:?}");
                }
                for i in &intervals {
                    prop_assert!(i.open < i.close, "{rule} on {date}: {intervals:?}");
                }
            }
            DayHours::Closed(ClosedReason::WeeklyClosingDay(day)) => {
                prop_assert_eq!(day, date.weekday());
            }
            DayHours::Closed(_) => {}
        }
    }

    #[test]
    fn any_opening_hours_text_parses_or_is_refused(text in "\\PC{0,40}") {
        let _ = Hours::parse(&text, &PACK.calendar.opening_hours_holidays());
    }
}

// ---------------------------------------------------------------- request

fn party_text() -> impl Strategy<Value = (String, Party)> {
    (0u32..=60, 0u32..=60, 0u32..=60, any::<bool>()).prop_map(|(a, c, s, spaced)| {
        let sep = if spaced { " , " } else { "," };
        let text = format!("seniors={s}{sep}adults={a}{sep}children={c}");
        let party = Party {
            adults: a,
            children: c,
            seniors: s,
        };
        (text, party)
    })
}

/// Words a user might give for a site, hub, product or lodging: pack ids,
/// parts of Chinese names, and, now and then, anything at all.
fn word(ids: Vec<String>) -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(ids),
        1 => "\\PC{0,10}",
    ]
}

fn site_word() -> impl Strategy<Value = String> {
    let mut ids: Vec<String> = PACK.sites.iter().map(|s| s.id.clone()).collect();
    ids.extend(
        PACK.sites
            .iter()
            .map(|s| s.name.zh.chars().take(3).collect()),
    );
    word(ids)
}

fn must_word() -> impl Strategy<Value = String> {
    (site_word(), prop::option::weighted(0.3, 0u8..5)).prop_map(|(site, day)| match day {
        Some(day) => format!("{site}@{day}"),
        None => site,
    })
}

/// Now and then a value, mostly none: the planner's defaults are the common case.
fn some<S: Strategy>(strategy: S) -> impl Strategy<Value = Option<S::Value>> {
    prop::option::weighted(0.2, strategy)
}

fn spec() -> impl Strategy<Value = RequestSpec> {
    let mode = some(prop::sample::select(vec![
        Mode::Rail,
        Mode::Coach,
        Mode::Car,
    ]));
    let pace = some(prop::sample::select(vec![
        Pace::Relaxed,
        Pace::Standard,
        Pace::Packed,
    ]));
    let interests = some(prop::collection::btree_map(
        prop::sample::select(Category::ALL.to_vec()),
        0.0..3.0,
        0..4,
    ));
    let products = word(PACK.products.iter().map(|p| p.id.clone()).collect());
    let hubs = word(PACK.hubs.iter().map(|h| h.id.clone()).collect());
    let lodgings = word(PACK.lodging.iter().map(|l| l.id.clone()).collect());
    let days = prop_oneof![4 => (1u8..=3).prop_map(Some), 1 => prop::option::of(0u8..=8)];
    (
        (days, some(products), prop::option::weighted(0.9, date())),
        (some(hubs), mode, some(party_text())),
        (
            interests,
            prop::collection::vec(must_word(), 0..3),
            prop::collection::vec(site_word(), 0..3),
        ),
        (pace, some(lodgings), any::<u64>()),
    )
        .prop_map(
            |(
                (days, product, date),
                (from, mode, party),
                (interests, must, avoid),
                (pace, lodging, seed),
            )| {
                RequestSpec {
                    days,
                    product,
                    date,
                    from,
                    mode,
                    party: party.map(|(_, p)| p),
                    interests,
                    must,
                    avoid,
                    pace,
                    lodging,
                    seed,
                }
            },
        )
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn any_request_plans_within_its_dates_or_is_refused(spec in spec()) {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        let request = match spec.resolve(&PACK, today) {
            Ok(request) => request,
            Err(refused) => {
                prop_assert!(!refused.to_string().is_empty());
                return Ok(());
            }
        };
        let itinerary = match plan::plan(&PACK, &request) {
            Ok(itinerary) => itinerary,
            Err(infeasible) => {
                prop_assert!(!infeasible.to_string().is_empty());
                return Ok(());
            }
        };
        let first = request.date;
        prop_assert_eq!(itinerary.days.len(), usize::from(request.days));
        for (i, day) in itinerary.days.iter().enumerate() {
            prop_assert_eq!(day.date, first + chrono::Days::new(i as u64));
            for event in &day.events {
                prop_assert!(event.start() <= event.end());
                prop_assert_eq!(event.start().date, day.date);
            }
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn a_party_reads_back((text, party) in party_text()) {
        prop_assert_eq!(parse_party(&text), Ok(party));
    }

    #[test]
    fn interests_read_back(weights in prop::collection::btree_map(
        prop::sample::select(Category::ALL.to_vec()), 0u32..=9, 1..7
    )) {
        let text: Vec<String> = weights.iter().map(|(c, w)| format!("{}={w}", c.as_str())).collect();
        let parsed = parse_interests(&text.join(","));
        let expected: BTreeMap<Category, f64> =
            weights.iter().map(|(c, w)| (*c, f64::from(*w))).collect();
        prop_assert_eq!(parsed, Ok(expected));
    }

    #[test]
    fn any_party_or_interests_text_parses_or_is_refused(text in "\\PC{0,30}") {
        let _ = parse_party(&text);
        let _ = parse_interests(&text);
    }
}
