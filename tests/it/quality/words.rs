//! What the customer reads (issue 24, items 6 and 9): the handout in
//! Chinese holds no operator's words, says "全团" only to a tour group,
//! marks stand-ins 示意 (and the JSON `placeholder`), prints a season's note
//! only in its season, and charges children nothing for adult programmes.

use jingqin::model::Pack;
use jingqin::plan::{Event, Itinerary, Notice};
use jingqin::render::{self, Audience, Format, Lang, Options};

/// Words for those who run the trip, never for the customer: research
/// shorthand, doubts about the data, the pack's sources.
const OPERATOR_PHRASES: [&str; 8] = [
    "此点",
    "性价比",
    "评价不一",
    "褒贬不一",
    "坐标",
    "audit-2026-12",
    "(S7",
    "资料来源",
];

/// The customer's handout of `it`, in Chinese.
pub(super) fn customer_sheet(pack: &Pack, it: &Itinerary, format: Format) -> String {
    let options = Options {
        lang: Lang::Zh,
        audience: Audience::Customer,
        agency: None,
    };
    render::itinerary_for(pack, it, format, &options)
}

/// A tour group by the pack's `[group] min_size`.
fn is_group(pack: &Pack, it: &Itinerary) -> bool {
    let people = it.request.party.people();
    pack.group.as_ref().is_some_and(|g| people >= g.min_size)
}

/// The problems of `it` with the rules of this module.
pub(super) fn problems(pack: &Pack, label: &str, it: &Itinerary) -> Vec<String> {
    let mut problems = Vec::new();
    let sheet = customer_sheet(pack, it, Format::Text);
    for phrase in OPERATOR_PHRASES {
        if sheet.contains(phrase) {
            problems.push(format!("{label}: the customer's sheet says \"{phrase}\""));
        }
    }
    if !is_group(pack, it) && sheet.contains("全团") {
        problems.push(format!(
            "{label}: \"全团\" for a party that is no tour group"
        ));
    }
    let mut stand_ins = false;
    for day in &it.days {
        let at = format!("{label}: day {}", day.index);
        for event in &day.events {
            let (id, marked) = match event {
                Event::Visit {
                    site, placeholder, ..
                } => (site, *placeholder),
                Event::Lodging {
                    lodging,
                    placeholder,
                    ..
                } => (lodging, *placeholder),
                _ => continue,
            };
            let stand_in = (pack.site(id).map(|s| s.placeholder))
                .or_else(|| pack.lodging(id).map(|l| l.placeholder))
                .unwrap_or(false);
            if stand_in != marked {
                problems.push(format!(
                    "{at}: {id} placeholder {marked}, the pack {stand_in}"
                ));
            }
            stand_ins |= stand_in;
        }
        for event in &day.events {
            let Event::Visit { site, cost_cny, .. } = event else {
                continue;
            };
            let Some(found) = pack.site(site).filter(|s| s.adult_only) else {
                continue;
            };
            let party = it.request.party;
            if party.children == 0 || is_group(pack, it) {
                continue;
            }
            let fare = pack.site_fare(found, &day.season);
            let grown_ups =
                fare.adult * f64::from(party.adults) + fare.senior * f64::from(party.seniors);
            if (cost_cny - grown_ups).abs() > 0.01 {
                problems.push(format!(
                    "{at}: {site} is for adults, yet costs {cost_cny} for the party, not {grown_ups}"
                ));
            }
        }
        for notice in &day.notices {
            let Notice::SeasonNote { site, from, to } = notice else {
                continue;
            };
            let holds = (pack.site(site))
                .and_then(|s| s.season_note_on(day.date))
                .is_some_and(|n| n.days.from == *from && n.days.to == *to);
            if !holds {
                problems.push(format!(
                    "{at}: {site}'s note for {from}–{to} given on {}",
                    day.date
                ));
            }
        }
    }
    if stand_ins && !sheet.contains("示意：") {
        problems.push(format!("{label}: stand-ins without the 示意 legend"));
    }
    // A season's note is printed only on a day inside its season.
    for site in &pack.sites {
        for note in &site.season_notes {
            let in_season =
                (it.days.iter()).any(|d| note.days.contains(jingqin::model::MonthDay::of(d.date)));
            if !in_season && sheet.contains(&note.text.zh) {
                problems.push(format!(
                    "{label}: {}'s note for {}–{} printed out of its season",
                    site.id, note.days.from, note.days.to
                ));
            }
        }
    }
    // The summer's dawn start, whether a season note or not, only in summer.
    let summer = |d: &jingqin::plan::Day| (6..=8).contains(&chrono::Datelike::month(&d.date));
    if !it.days.iter().any(summer) && sheet.contains("04:00从北戴河") {
        problems.push(format!(
            "{label}: the summer's 04:00 start printed out of summer"
        ));
    }
    problems
}

/// The three-day product in July: it sleeps at the sanatorium (a stand-in)
/// and takes its wellness programme (another).
fn july_family(pack: &Pack) -> Itinerary {
    let spec = jingqin::plan::RequestSpec {
        product: Some("qhd-3day".into()),
        date: chrono::NaiveDate::from_ymd_opt(2027, 7, 16),
        party: Some(jingqin::plan::Party {
            adults: 2,
            children: 1,
            seniors: 0,
        }),
        ..Default::default()
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
    let request = spec.resolve(pack, today).expect("resolves");
    jingqin::plan::plan(pack, &request).expect("plans")
}

#[test]
fn stand_ins_are_marked_in_json_and_on_the_sheet() {
    let pack = super::pack();
    let it = july_family(&pack);
    let json: serde_json::Value =
        serde_json::from_str(&customer_sheet(&pack, &it, Format::Json)).expect("JSON");
    let events = (json["days"].as_array().expect("days").iter())
        .flat_map(|d| d["events"].as_array().expect("events").iter());
    let marked: Vec<&str> = events
        .filter(|e| e["placeholder"] == true)
        .map(|e| {
            e["site"]
                .as_str()
                .or(e["lodging"].as_str())
                .unwrap_or_default()
        })
        .collect();
    assert!(marked.contains(&"bdh_sanatorium"), "{marked:?}");
    assert!(marked.contains(&"bdh_sanatoria"), "{marked:?}");
    for format in [Format::Text, Format::Html] {
        let sheet = customer_sheet(&pack, &it, format);
        assert!(sheet.contains("示意："), "{format:?}: no legend");
        // The qigong session and the sanatorium programme for two adults, not three.
        assert!(sheet.contains("约¥400"), "{format:?}: no estimated ¥400");
        assert!(!sheet.contains("¥600"), "{format:?}: the child charged");
    }
    assert!(super::words::problems(&pack, "july", &it).is_empty());
}

#[test]
fn an_agency_contract_replaces_a_stand_in() {
    let pack = super::pack();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/agency/agency.toml");
    let agency = jingqin::load::load_agency_for(&path, &pack).expect("the sample agency");
    let contracted = agency.contracted(&pack);
    let it = july_family(&contracted);
    let stand_ins = (it.days.iter().flat_map(|d| &d.events)).filter(|e| {
        matches!(
            e,
            Event::Visit {
                placeholder: true,
                ..
            } | Event::Lodging {
                placeholder: true,
                ..
            }
        )
    });
    assert_eq!(stand_ins.count(), 0, "contracted places are no stand-ins");
    let sheet = customer_sheet(&contracted, &it, Format::Text);
    assert!(sheet.contains("示例海滨疗养院（示例）"), "{sheet}");
    assert!(!sheet.contains("示意："), "{sheet}");
    // The contract's rate, ¥180 for each adult and nothing for the child, not an estimate.
    assert!(
        sheet.contains("¥360") && !sheet.contains("约¥360"),
        "{sheet}"
    );
}

#[test]
fn a_contract_must_replace_a_stand_in() {
    let pack = super::pack();
    let dir = std::env::temp_dir().join(format!("jingqin-contract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/agency");
    let text = std::fs::read_to_string(example.join("agency.toml")).expect("the sample");
    std::fs::copy(example.join("logo.svg"), dir.join("logo.svg")).expect("the logo");
    let path = dir.join("agency.toml");
    std::fs::write(
        &path,
        text.replace(
            "replaces = \"bdh_sanatorium\"",
            "replaces = \"friendship_hotel\"",
        ),
    )
    .expect("write");
    let error = jingqin::load::load_agency_for(&path, &pack)
        .expect_err("a real hotel")
        .to_string();
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        error.contains("hotel \"friendship_hotel\": replaces = \"friendship_hotel\" is not a placeholder lodging of the pack; its placeholders: bdh_sanatorium, bdh_station_hotel"),
        "{error}"
    );
    assert!(error.contains("agency.toml:"), "{error}");
}
