//! What a reader sees, in their language: snapshots of every format in
//! every language for two plans (reviewed by eye when they change), Chinese
//! output without English words, one label for each kind of event across
//! all formats, and plain text that fits a terminal.

use std::collections::BTreeSet;
use std::process::Command;

use jingqin::render::catalog::{Language, Msg};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

/// The two plans: the README's two-day product in the summer peak, and a
/// custom three-day trip for a family over the National Day holiday.
const PLANS: [(&str, &[&str]); 2] = [
    (
        "qhd2day",
        &["--product", "qhd-2day", "--date", "2027-07-17"],
    ),
    (
        "family3day",
        &[
            "--days",
            "3",
            "--date",
            "2027-10-01",
            "--party",
            "adults=2,children=1,seniors=1",
            "--must",
            "geziwo@2",
        ],
    ),
];

const FORMATS: [&str; 6] = ["text", "md", "html", "fragment", "ics", "json"];
const LANGS: [&str; 3] = ["zh", "en", "both"];

fn plan(args: &[&str], format: &str, lang: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_jingqin"))
        .arg("plan")
        .args(args)
        .args(["--format", format, "--lang", lang])
        .output()
        .expect("run jingqin");
    assert!(
        output.status.success(),
        "plan {args:?} --format {format} --lang {lang}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn every_format_in_every_language_matches_its_snapshot() {
    for (name, args) in PLANS {
        for format in FORMATS {
            for lang in LANGS {
                let out = plan(args, format, lang);
                insta::assert_snapshot!(format!("{name}-{format}-{lang}"), out);
            }
        }
    }
}

/// The words a reader sees in `html`: no markup, attributes, styles or
/// scripts (the JSON-LD is for machines).
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        out.push(' ');
        rest = &rest[lt..];
        let element_end = |tag: &str| rest.find(tag).map(|i| i + tag.len());
        let skip = if rest.starts_with("<style") {
            element_end("</style>")
        } else if rest.starts_with("<script") {
            element_end("</script>")
        } else {
            rest.find('>').map(|i| i + 1)
        };
        rest = &rest[skip.unwrap_or(rest.len())..];
    }
    out.push_str(rest);
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
}

/// Latin words that are not a train number (G8801, D6616), a unit or a
/// Markdown table rule.
fn latin_words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| word.chars().any(|c| c.is_ascii_alphabetic()))
        .filter(|word| {
            let train = word.len() > 1
                && word.starts_with(|c: char| "GDCKTZ".contains(c))
                && word[1..].chars().all(|c| c.is_ascii_digit());
            !train && !["km", "h", "min"].contains(word)
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn chinese_output_has_no_english_words() {
    for (name, args) in PLANS {
        for format in ["text", "md", "html", "fragment"] {
            let out = plan(args, format, "zh");
            let shown = match format {
                "html" | "fragment" => visible_text(&out),
                _ => out,
            };
            let words = latin_words(&shown);
            assert!(
                words.is_empty(),
                "{name} {format} --lang zh shows {words:?}"
            );
        }
        let ics = plan(args, "ics", "zh");
        for line in ics.replace("\r\n ", "").lines() {
            let Some((property, value)) = line.split_once(':') else {
                continue;
            };
            let property = property.split(';').next().unwrap_or(property);
            if [
                "SUMMARY",
                "DESCRIPTION",
                "CATEGORIES",
                "NAME",
                "X-WR-CALNAME",
            ]
            .contains(&property)
            {
                let value = value.replace("\\n", " ");
                let words = latin_words(&value);
                assert!(words.is_empty(), "{name} ics {property} shows {words:?}");
            }
        }
    }
}

#[test]
fn every_format_names_each_kind_of_event_alike() {
    let (_, args) = PLANS[1];
    let json: Value = serde_json::from_str(&plan(args, "json", "zh")).expect("JSON");
    let events: Vec<&Value> = json["days"]
        .as_array()
        .expect("days")
        .iter()
        .flat_map(|d| d["events"].as_array().expect("events"))
        .collect();
    let has = |kind: &str, field: &str, value: &str| {
        events
            .iter()
            .any(|e| e["kind"] == kind && e[field].as_str() == Some(value))
    };
    for language in [Language::Zh, Language::En] {
        let lang = language.tag();
        let mut labels = vec![Msg::Visit.text(language)];
        for (mode, msg) in [
            ("rail", Msg::Mode(jingqin::plan::TransferMode::Rail)),
            ("car", Msg::Mode(jingqin::plan::TransferMode::Car)),
            ("walk", Msg::Mode(jingqin::plan::TransferMode::Walk)),
        ] {
            if has("transfer", "mode", mode) {
                labels.push(msg.text(language));
            }
        }
        if events.iter().any(|e| e["sunrise"] == true) {
            labels.push(Msg::SunriseVisit { sun_up: None }.text(language));
        }
        let outputs: Vec<(&str, String)> = ["text", "md", "html", "ics"]
            .into_iter()
            .map(|format| (format, plan(args, format, lang)))
            .collect();
        for label in &labels {
            for (format, out) in &outputs {
                assert!(
                    out.contains(label.as_str()),
                    "{format} --lang {lang} lacks {label:?}"
                );
            }
        }
    }
}

#[test]
fn text_fits_a_terminal_and_shows_no_debug_output() {
    for (name, args) in PLANS {
        for lang in LANGS {
            let out = plan(args, "text", lang);
            for line in out.lines() {
                assert!(
                    line.width() <= 100,
                    "{name} --lang {lang}: {} columns: {line}",
                    line.width()
                );
            }
            assert!(
                !out.contains("Some(") && !out.contains("None"),
                "{name} {lang}"
            );
        }
    }
}

#[test]
fn the_sunrise_visit_shows_when_the_sun_rises() {
    let (_, args) = PLANS[0];
    let json: Value = serde_json::from_str(&plan(args, "json", "zh")).expect("JSON");
    let sunrise = json["days"]
        .as_array()
        .expect("days")
        .iter()
        .flat_map(|d| d["events"].as_array().expect("events"))
        .find(|e| e["sunrise"] == true)
        .expect("the two-day product sees the sunrise");
    let sun_up = &sunrise["sun_up"].as_str().expect("sun_up")[11..16];
    assert!(sunrise["start"].as_str().unwrap()[11..16] < *sun_up);
    for (format, lang, said) in [
        ("text", "zh", format!("日出{sun_up}")),
        ("md", "en", format!("sun up {sun_up}")),
        ("html", "zh", format!("日出{sun_up}")),
    ] {
        assert!(plan(args, format, lang).contains(&said), "{format} {lang}");
    }
}

#[test]
fn json_notices_carry_a_code_and_the_text_in_the_language_asked_for() {
    let (_, args) = PLANS[0];
    let zh: Value = serde_json::from_str(&plan(args, "json", "zh")).expect("JSON");
    let en: Value = serde_json::from_str(&plan(args, "json", "en")).expect("JSON");
    let notices = |json: &Value| -> Vec<(String, String)> {
        json["notices"]
            .as_array()
            .expect("notices")
            .iter()
            .map(|n| {
                (
                    n["code"].as_str().expect("code").to_owned(),
                    n["text"].as_str().expect("text").to_owned(),
                )
            })
            .collect()
    };
    let (zh_notices, en_notices) = (notices(&zh), notices(&en));
    let codes = |n: &[(String, String)]| n.iter().map(|(c, _)| c.clone()).collect::<Vec<_>>();
    assert_eq!(codes(&zh_notices), codes(&en_notices));
    assert!(codes(&zh_notices).contains(&"cost_basis".to_owned()));
    for ((_, zh), (_, en)) in zh_notices.iter().zip(&en_notices) {
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
        assert!(
            !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{en}"
        );
    }
    let texts: Vec<&str> = zh_notices.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(zh["warnings"], serde_json::json!(texts));
    for omitted in zh["omitted"].as_array().expect("omitted") {
        assert!(omitted["code"].is_string() && omitted["detail"].is_string());
    }
}
