//! The HTML formats in a real browser, headless Chromium: the printable page
//! prints to one A4 page a day (plus a cover, if the page has one) with each
//! day's places in that page's text, and the fragment keeps its look inside a
//! hostile host page without changing the host's own elements, judged by the
//! computed styles Chromium reports. Screenshots and page images are kept in
//! `target/browser-artifacts/`.
//!
//! Needs `chromium`, poppler-utils (`pdfinfo`, `pdftotext`, `pdftoppm`) and a
//! CJK font, so the tests are a suite of their own: `cargo test` leaves them
//! out, `cargo test -- --include-ignored` runs them (as `.ci/run` does after
//! installing the tools); there, a missing tool fails them, never skips them.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

const HOST_PAGE: &str = include_str!("browser/host.html");
const HOSTILE_RULES: &str = include_str!("browser/hostile.css");
const PROBE: &str = include_str!("browser/probe.js");
const EMBED_PROBE: &str = include_str!("browser/embed.js");
const MAPS_PROBE: &str = include_str!("browser/maps.js");

/// A summer Friday and a winter Friday: every product plans on both, and the
/// seasons plan different days (opening hours, sunrise, peak prices).
const DATES: [&str; 2] = ["2027-07-16", "2027-01-15"];

/// Chromium sometimes hangs on a bad page or a wedged profile; a test must
/// fail rather than wait forever.
const CHROMIUM_DEADLINE: Duration = Duration::from_secs(60);

const RED: &str = "rgb(255, 0, 0)";

#[test]
#[ignore = "needs chromium, poppler-utils and a CJK font: cargo test -- --include-ignored"]
fn qhd_1day_prints_one_a4_page_a_day_with_its_places() {
    for date in DATES {
        check_print("qhd-1day", date);
    }
}

#[test]
#[ignore = "needs chromium, poppler-utils and a CJK font: cargo test -- --include-ignored"]
fn qhd_2day_prints_one_a4_page_a_day_with_its_places() {
    for date in DATES {
        check_print("qhd-2day", date);
    }
}

#[test]
#[ignore = "needs chromium, poppler-utils and a CJK font: cargo test -- --include-ignored"]
fn qhd_3day_prints_one_a4_page_a_day_with_its_places() {
    for date in DATES {
        check_print("qhd-3day", date);
    }
}

#[test]
#[ignore = "needs chromium, poppler-utils and a CJK font: cargo test -- --include-ignored"]
fn fragment_is_one_self_contained_element() {
    let fragment = jingqin(&plan_args("qhd-3day", DATES[0], "fragment"));
    let lower = fragment.to_ascii_lowercase();
    for banned in [
        "src=\"http",
        "src='http",
        "@import",
        "url(http",
        "url(\"http",
        "url('http",
    ] {
        assert!(!lower.contains(banned), "the fragment contains {banned:?}");
    }
    for tag in [
        "script", "link", "html", "head", "body", "iframe", "object", "embed",
    ] {
        assert!(
            !has_tag(&lower, tag),
            "the fragment contains a <{tag}> element"
        );
    }
    let roots = top_level_elements(&fragment).unwrap_or_else(|e| panic!("fragment: {e}"));
    assert_eq!(
        roots.len(),
        1,
        "the fragment's top-level elements: {roots:?}"
    );
}

#[test]
#[ignore = "needs chromium, poppler-utils and a CJK font: cargo test -- --include-ignored"]
fn fragment_survives_a_hostile_host_and_leaves_it_alone() {
    let scratch = scratch_dir("hostile");
    let fragment = jingqin(&plan_args("qhd-3day", DATES[0], "fragment"));

    let hostile = host_page(&scratch, "hostile.html", HOSTILE_RULES, &fragment);
    let host_alone = host_page(&scratch, "host-alone.html", HOSTILE_RULES, "");
    let neutral = host_page(&scratch, "neutral.html", "", &fragment);

    // The screenshot first, so that a failing check still leaves the picture.
    let screenshot = artifacts_dir().join("hostile-host.png");
    chromium(&[
        &format!("--screenshot={}", screenshot.display()),
        "--window-size=1200,2400",
        &file_url(&hostile),
    ]);
    let neutral_shot = artifacts_dir().join("neutral-host.png");
    chromium(&[
        &format!("--screenshot={}", neutral_shot.display()),
        "--window-size=1200,2400",
        &file_url(&neutral),
    ]);

    let in_hostile = probe(&hostile);
    let alone = probe(&host_alone);
    let in_neutral = probe(&neutral);

    let frag = &in_hostile["fragment"];
    assert_eq!(frag["root_elements"], 1, "the fragment is one element");
    assert_eq!(
        frag["stray_text"], false,
        "text outside the fragment's root"
    );
    assert_eq!(
        frag["closed_cleanly"], true,
        "the fragment closes an element it did not open"
    );

    // The fragment looks the same in the hostile host as in a plain one.
    let hostile_elements = elements(&in_hostile);
    let neutral_elements = elements(&in_neutral);
    assert_eq!(hostile_elements.len(), neutral_elements.len());
    let mut differences = Vec::new();
    for (h, n) in hostile_elements.iter().zip(neutral_elements) {
        // Unrendered elements (the fragment's <style>, SVG <title>s) have no
        // look to keep.
        if n["styles"]["display"] == "none" {
            continue;
        }
        for (prop, value) in h["styles"].as_object().expect("styles") {
            let plain = &n["styles"][prop];
            if value != plain {
                differences.push(format!(
                    "<{} class={:?}> {prop}: {value} in the hostile host, {plain} in a plain one",
                    h["tag"].as_str().unwrap_or(""),
                    h["class"].as_str().unwrap_or(""),
                ));
            }
        }
    }
    assert!(
        differences.is_empty(),
        "the host's rules reach into the fragment ({} differences), e.g.:\n{}",
        differences.len(),
        differences[..differences.len().min(15)].join("\n")
    );

    // And it is legible there, not merely equal: the samples the hostile
    // rules aim at keep their own colour, size, font and display.
    let heading = first(hostile_elements, &["h1", "h2", "h3"]).expect("the fragment has a heading");
    let map = first(hostile_elements, &["svg"]).expect("the fragment has a route map (svg)");
    let mut samples = vec![("heading", heading), ("map", map)];
    samples.extend(first(hostile_elements, &["td", "th", "li"]).map(|e| ("timeline entry", e)));
    samples.extend(first(hostile_elements, &["table"]).map(|e| ("table", e)));
    for (what, element) in samples {
        let style = |prop: &str| element["styles"][prop].as_str().unwrap_or("").to_owned();
        assert_ne!(
            style("color"),
            RED,
            "the fragment's {what} is the host's red"
        );
        assert_ne!(
            style("font-size"),
            "40px",
            "the fragment's {what} has the host's 40px"
        );
        assert_ne!(
            style("font-family"),
            "serif",
            "the fragment's {what} is the host's serif"
        );
        assert_ne!(
            style("display"),
            "none",
            "the host hides the fragment's {what}"
        );
        assert!(
            element["width"].as_f64() > Some(0.0) && element["height"].as_f64() > Some(0.0),
            "the fragment's {what} takes no space: {element}"
        );
    }

    // The hostile rules still rule the host's own elements, and embedding the
    // fragment changed none of them.
    assert_eq!(in_hostile["host"]["#host-p"]["color"], RED);
    assert_eq!(in_hostile["host"]["#host-p"]["font-size"], "40px");
    assert_eq!(in_hostile["host"]["#host-table"]["display"], "none");
    let with = in_hostile["host"].as_object().expect("host styles");
    let without = alone["host"].as_object().expect("host styles");
    assert_eq!(with.len(), without.len());
    for (selector, styles) in with {
        assert_eq!(
            styles, &without[selector],
            "embedding the fragment changed the host's {selector}"
        );
    }
}

/// Renders `product` on `date` as the printable page, prints it with
/// Chromium and checks the PDF: A4 pages, one per day plus the cover, each
/// day's visited places (Chinese names) on that day's page.
#[test]
#[ignore = "needs chromium, poppler-utils and a CJK font: cargo test -- --include-ignored"]
fn an_agencys_handout_carries_its_name_on_every_printed_page() {
    let scratch = scratch_dir("agency-handout");
    let html_path = scratch.join("trip.html");
    let mut args = plan_args("qhd-3day", DATES[0], "html");
    args.extend(
        [
            "--party",
            "adults=30,seniors=8",
            "--agency",
            "examples/agency/agency.toml",
            "-o",
            &html_path.display().to_string(),
        ]
        .map(String::from),
    );
    jingqin(&args);
    let pdf = scratch.join("trip.pdf");
    chromium(&[
        "--no-pdf-header-footer",
        &format!("--print-to-pdf={}", pdf.display()),
        &file_url(&html_path),
    ]);
    let prefix = artifacts_dir().join("agency-handout-page");
    let pdf = pdf.display().to_string();
    tool(
        "pdftoppm",
        &["-png", "-r", "50", &pdf, &prefix.display().to_string()],
    );
    let info = tool("pdfinfo", &[&pdf]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in pdfinfo's output:\n{info}"));
    assert!(pages >= 4, "a cover and three days: {pages} pages");
    for page in 1..=pages {
        let page = page.to_string();
        let text = tool(
            "pdftotext",
            &["-f", &page, "-l", &page, "-enc", "UTF-8", &pdf, "-"],
        );
        // The footer: name, licence and phone.
        for wanted in ["SAMPLE-L-BJ-0001", "010-0000 0000"] {
            assert!(text.contains(wanted), "page {page} lacks {wanted}:\n{text}");
        }
    }
}

/// How a promoter's page takes the fragment.
#[derive(Clone, Copy, Debug)]
enum Embedding {
    /// Pasted into the page's HTML.
    Pasted,
    /// Set with `innerHTML` by a script (a CMS widget, a tag manager).
    InnerHtml,
    /// The page's HTML, inside an iframe.
    Iframe,
}

#[test]
#[ignore = "needs chromium, poppler-utils and a CJK font: cargo test -- --include-ignored"]
fn fragment_shows_styled_in_every_embedding_on_a_phone_and_a_desktop() {
    let scratch = scratch_dir("embeddings");
    let fragment = jingqin(&plan_args("qhd-3day", DATES[0], "fragment"));
    let mut failures = Vec::new();
    for embedding in [Embedding::Pasted, Embedding::InnerHtml, Embedding::Iframe] {
        for width in [375, 1200] {
            let name = format!("embed-{embedding:?}-{width}").to_lowercase();
            let page = embed_page(&scratch, &name, embedding, width, &fragment);
            let shot = artifacts_dir().join(format!("{name}.png"));
            chromium(&[
                &format!("--screenshot={}", shot.display()),
                &format!("--window-size={},2400", width.max(500) + 40),
                &file_url(&page),
            ]);
            let report = probe(&page);
            let mut check = |ok: bool, what: &str| {
                if !ok {
                    failures.push(format!("{name}: {what}: {report}"));
                }
            };
            check(report["found"] == true, "the fragment is in the page");
            // A shadow root where the HTML parser reads the fragment; the
            // fallback copy where a script inserts it.
            let shadow = !matches!(embedding, Embedding::InnerHtml);
            check(report["shadow"] == shadow, "shadow root as expected");
            check(
                report["article"]["height"].as_f64() > Some(1000.0),
                "the itinerary shows",
            );
            let h1 = &report["h1"];
            check(h1["weight"] == "700", "its own heading weight");
            check(
                h1["color"] == "rgb(17, 17, 17)",
                "its own colour, not the host's red",
            );
            check(h1["transform"] == "none", "not the host's upper case");
            check(
                !h1["family"]
                    .as_str()
                    .unwrap_or("serif")
                    .starts_with("serif"),
                "its own fonts, not the host's",
            );
            check(
                report["host_p"]["color"] == RED,
                "the host keeps its own style",
            );
            check(
                report["overflow"].as_f64() <= Some(0.5),
                "no sideways scrolling",
            );
            let stacked = if width < 500 { "grid" } else { "table-row" };
            check(
                report["row_display"] == stacked,
                "rows laid out for the width",
            );
            check(
                report["map_label_px"].as_f64() >= Some(9.0),
                "map labels readable (9 px or more)",
            );
            check(
                report["map_label_overlap"].as_f64() <= Some(0.1),
                "no map label drawn over another or over the north arrow",
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The route maps' labels stand clear of each other and of the north arrow
/// on a phone and on a desktop, for every product through the year and in
/// each language: a phone draws the map at half size in type twice as large.
#[test]
#[ignore = "needs chromium, poppler-utils and a CJK font: cargo test -- --include-ignored"]
fn map_labels_stand_clear_on_a_phone_and_a_desktop() {
    let cases = [
        ("qhd-1day", "2027-03-06", "zh"),
        ("qhd-1day", "2027-08-14", "both"),
        ("qhd-1day", "2027-12-30", "en"),
        ("qhd-2day", "2027-05-01", "zh"),
        ("qhd-2day", "2027-10-02", "en"),
        ("qhd-2day", "2027-12-18", "both"),
        ("qhd-3day", "2027-02-13", "both"),
        ("qhd-3day", "2027-06-05", "zh"),
        ("qhd-3day", "2027-09-18", "en"),
    ];
    let mut frames = String::new();
    for (product, date, lang) in cases {
        let mut args = plan_args(product, date, "fragment");
        args.extend(["--lang".into(), lang.into()]);
        let fragment = jingqin(&args);
        // Parsed as HTML (a shadow root), or set by a script (the copy
        // styled by scoped rules).
        let script = format!("<div id=\"slot\"></div>{}", slot_script(&fragment));
        for (how, body) in [("parsed", &fragment), ("scripted", &script)] {
            let srcdoc = format!("<!DOCTYPE html><meta charset=utf-8><body style=margin:0>{body}")
                .replace('&', "&amp;")
                .replace('"', "&quot;");
            for width in [375, 1200] {
                frames.push_str(&format!(
                    "<iframe class=\"case\" data-name=\"{product} {date} {lang} {how} {width}px\" \
                     srcdoc=\"{srcdoc}\" style=\"width:{width}px;height:6000px;border:0\"></iframe>"
                ));
            }
        }
    }
    let page = scratch_dir("maps").join("maps.html");
    fs::write(
        &page,
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"margin:0\">{frames}\
             <pre id=\"result\"></pre><script>window.addEventListener('load', function () {{ {MAPS_PROBE} }});</script></body></html>"
        ),
    )
    .expect("write the maps page");
    let report = probe(&page);
    let cases = report.as_array().expect("one report per case");
    assert_eq!(cases.len(), 36, "{report}");
    for case in cases {
        assert!(case["maps"].as_u64() >= Some(1), "a map a day: {case}");
        assert!(case["labels"].as_u64() >= Some(2), "labels drawn: {case}");
        assert!(
            case["overlap"].as_f64() <= Some(0.1),
            "no map label drawn over another or over the north arrow: {case}"
        );
    }
}

/// A script that sets `html` as the content of the element `slot`.
fn slot_script(html: &str) -> String {
    format!(
        "<script>document.getElementById('slot').innerHTML = {};</script>",
        // A JSON string is a JS string; no `</script>` may end it early.
        serde_json::to_string(html)
            .expect("a string serializes")
            .replace("</", "<\\/")
    )
}

/// A page holding a frame `width` px wide, in which a hostile host page has
/// the fragment as `embedding` says, and the probe that reads it.
fn embed_page(dir: &Path, name: &str, embedding: Embedding, width: u32, fragment: &str) -> PathBuf {
    let attribute = |html: &str| html.replace('&', "&amp;").replace('"', "&quot;");
    // What the slot holds as parsed, and a script after it.
    let (inside, script) = match embedding {
        Embedding::Pasted => (fragment.to_owned(), String::new()),
        Embedding::InnerHtml => (String::new(), slot_script(fragment)),
        Embedding::Iframe => (
            format!(
                "<iframe srcdoc=\"{}\" style=\"width:100%;height:4000px;border:0\"></iframe>",
                attribute(&format!(
                    "<!DOCTYPE html><meta charset=utf-8><body style=margin:0>{fragment}"
                ))
            ),
            String::new(),
        ),
    };
    let host = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>{HOSTILE_RULES}</style></head>\
         <body><p id=\"host-p\">The host's own paragraph.</p><div id=\"slot\">{inside}</div>{script}</body></html>"
    );
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"margin:0\">\
         <iframe id=\"frame\" srcdoc=\"{}\" style=\"width:{width}px;height:2400px;border:0\"></iframe>\
         <pre id=\"result\"></pre><script>window.addEventListener('load', function () {{ {EMBED_PROBE} }});</script></body></html>",
        attribute(&host)
    );
    let path = dir.join(format!("{name}.html"));
    fs::write(&path, page).expect("write the embedding page");
    path
}

fn check_print(product: &str, date: &str) {
    let scratch = scratch_dir(&format!("print-{product}-{date}"));
    let html_path = scratch.join("trip.html");
    let mut args = plan_args(product, date, "html");
    args.extend(["-o".to_owned(), html_path.display().to_string()]);
    jingqin(&args);
    let html = fs::read_to_string(&html_path).expect("read the page");

    let plan: Value = serde_json::from_str(&jingqin(&plan_args(product, date, "json")))
        .expect("the plan's JSON parses");
    let names = site_names();
    let days: Vec<Vec<&str>> = plan["days"]
        .as_array()
        .expect("days")
        .iter()
        .map(|day| {
            day["events"]
                .as_array()
                .expect("events")
                .iter()
                .filter(|e| e["kind"] == "visit")
                .map(|e| names[e["site"].as_str().expect("a visit's site")].as_str())
                .collect()
        })
        .collect();

    let pdf = scratch.join("trip.pdf");
    chromium(&[
        "--no-pdf-header-footer",
        &format!("--print-to-pdf={}", pdf.display()),
        &file_url(&html_path),
    ]);
    // Page images for a person to look at, kept even if a check below fails;
    // an earlier run's images go first, lest a stale extra page linger.
    let stem = format!("{product}-{date}-page");
    for entry in fs::read_dir(artifacts_dir()).expect("list the artefacts") {
        let path = entry.expect("an artefact").path();
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(&stem))
        {
            fs::remove_file(&path).expect("remove an old page image");
        }
    }
    let prefix = artifacts_dir().join(stem);
    tool(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "50",
            &pdf.display().to_string(),
            &prefix.display().to_string(),
        ],
    );

    let info = tool(
        "pdfinfo",
        &["-f", "1", "-l", "9999", &pdf.display().to_string()],
    );
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in pdfinfo's output:\n{info}"));
    let covers = class_count(&html, "cover");
    assert!(covers <= 1, "{product} {date}: {covers} cover pages");
    assert_eq!(
        pages,
        days.len() + covers,
        "{product} {date}: {} days and {covers} cover page(s) print on {pages} pages",
        days.len()
    );
    for line in info
        .lines()
        .filter(|l| l.starts_with("Page ") && l.contains(" size:"))
    {
        assert!(is_a4(line), "{product} {date}: not A4: {line}");
    }

    for (i, places) in days.iter().enumerate() {
        let page = i + 1 + covers;
        let text = squeeze(&tool(
            "pdftotext",
            &[
                "-f",
                &page.to_string(),
                "-l",
                &page.to_string(),
                "-enc",
                "UTF-8",
                &pdf.display().to_string(),
                "-",
            ],
        ));
        for place in places {
            assert!(
                text.contains(&squeeze(place)),
                "{product} {date}: day {} visits {place}, not on page {page} (a CJK font, e.g. \
                 fonts-wqy-microhei, must be installed for Chinese to print), whose text is:\n{text}",
                i + 1
            );
        }
    }
}

/// `pdfinfo`'s "Page N size: W x H pts" line is A4 (595.3 × 841.9 pt; Chromium
/// rounds to 594.96 × 841.92).
fn is_a4(line: &str) -> bool {
    let numbers: Vec<f64> = line
        .split(':')
        .nth(1)
        .unwrap_or("")
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    matches!(numbers[..], [w, h] if (w - 595.3).abs() < 1.5 && (h - 841.9).abs() < 1.5)
}

/// How many elements carry `class` among their classes.
fn class_count(html: &str, class: &str) -> usize {
    html.split("class=")
        .skip(1)
        .filter(|rest| {
            let quote = rest.chars().next().unwrap_or(' ');
            let value = rest[1..].split(quote).next().unwrap_or("");
            matches!(quote, '"' | '\'') && value.split_whitespace().any(|c| c == class)
        })
        .count()
}

/// `text` without whitespace: the PDF's text breaks lines wherever the page
/// wrapped, even inside a Chinese name.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Site id → Chinese name, from `jingqin sites --format json`.
fn site_names() -> HashMap<String, String> {
    let sites: Value = serde_json::from_str(&jingqin(&[
        "sites".into(),
        "--format".into(),
        "json".into(),
    ]))
    .expect("the sites' JSON parses");
    sites
        .as_array()
        .expect("a list of sites")
        .iter()
        .map(|s| {
            let id = s["id"].as_str().expect("id").to_owned();
            (id, s["name"]["zh"].as_str().expect("name.zh").to_owned())
        })
        .collect()
}

/// The host page with `rules` and `fragment` filled in, written to `dir`.
fn host_page(dir: &Path, name: &str, rules: &str, fragment: &str) -> PathBuf {
    let page = HOST_PAGE
        .replace("{{HOST_RULES}}", rules)
        .replace("{{PROBE}}", PROBE)
        // Last, so that nothing in the fragment is taken for a placeholder.
        .replace("{{FRAGMENT}}", fragment);
    let path = dir.join(name);
    fs::write(&path, page).expect("write the host page");
    path
}

/// What probe.js reported for the page at `path`: it loads the page, lets
/// its script run, and reads `<pre id="result">` from the dumped DOM.
fn probe(path: &Path) -> Value {
    let dom = chromium(&["--dump-dom", "--virtual-time-budget=3000", &file_url(path)]);
    let start = dom
        .find("<pre id=\"result\">")
        .unwrap_or_else(|| panic!("no result element in the DOM of {}", path.display()))
        + "<pre id=\"result\">".len();
    let end = start
        + dom[start..]
            .find("</pre>")
            .expect("the result element ends");
    // The serialized DOM escapes text; JSON.stringify output needs only these.
    let json = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    serde_json::from_str(&json).unwrap_or_else(|e| {
        panic!(
            "probe.js reported no JSON for {} ({e}): {json}",
            path.display()
        )
    })
}

/// The fragment's elements in a probe report.
fn elements(report: &Value) -> &Vec<Value> {
    report["fragment"]["elements"]
        .as_array()
        .expect("probe.js found the fragment in the host page")
}

/// The first element whose tag is one of `tags`.
fn first<'a>(elements: &'a [Value], tags: &[&str]) -> Option<&'a Value> {
    elements
        .iter()
        .find(|e| tags.contains(&e["tag"].as_str().unwrap_or("")))
}

/// Whether `html` opens a `tag` element (`<head` does not count `<header>`).
fn has_tag(html: &str, tag: &str) -> bool {
    html.match_indices(&format!("<{tag}")).any(|(i, m)| {
        html[i + m.len()..]
            .chars()
            .next()
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '-'))
    })
}

/// The names of `html`'s top-level elements, or what is wrong with it: stray
/// text, unbalanced tags. Knows comments, void elements, self-closing (SVG)
/// tags and raw-text elements, which is all the fragment may contain.
fn top_level_elements(html: &str) -> Result<Vec<String>, String> {
    const VOID: [&str; 13] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    let mut open: Vec<String> = Vec::new();
    let mut roots = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        if open.is_empty() && !rest[..lt].trim().is_empty() {
            return Err(format!("text outside the root: {:?}", &rest[..lt]));
        }
        rest = &rest[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            let end = comment.find("-->").ok_or("an unclosed comment")?;
            rest = &comment[end + 3..];
            continue;
        }
        // The tag runs to the first '>' outside a quoted attribute value.
        let mut quote = None;
        let end = rest
            .char_indices()
            .find(|&(_, c)| match quote {
                Some(q) if c == q => {
                    quote = None;
                    false
                }
                Some(_) => false,
                None if c == '"' || c == '\'' => {
                    quote = Some(c);
                    false
                }
                None => c == '>',
            })
            .map(|(i, _)| i)
            .ok_or("an unclosed tag")?;
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        if tag.starts_with('/') {
            match open.pop() {
                Some(top) if top == name => continue,
                top => return Err(format!("</{name}> closes {top:?}")),
            }
        }
        if open.is_empty() {
            roots.push(name.clone());
        }
        if tag.ends_with('/') || VOID.contains(&name.as_str()) {
            continue;
        }
        if name == "style" || name == "script" {
            let close = format!("</{name}");
            let end = rest.find(&close).ok_or(format!("an unclosed <{name}>"))?;
            rest = &rest[end..];
        }
        open.push(name);
    }
    if !open.is_empty() {
        return Err(format!("unclosed elements: {open:?}"));
    }
    if !rest.trim().is_empty() {
        return Err(format!("text after the root: {rest:?}"));
    }
    Ok(roots)
}

fn plan_args(product: &str, date: &str, format: &str) -> Vec<String> {
    [
        "plan",
        "--product",
        product,
        "--date",
        date,
        "--format",
        format,
    ]
    .map(String::from)
    .to_vec()
}

/// Runs the `jingqin` binary and returns its stdout; panics if it fails.
fn jingqin(args: &[String]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_jingqin"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run jingqin");
    assert!(
        output.status.success(),
        "jingqin {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("jingqin's output is UTF-8")
}

/// Runs a poppler tool and returns its stdout; panics if it is missing or fails.
fn tool(name: &str, args: &[&str]) -> String {
    let output = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{}", missing(name, &e)));
    assert!(
        output.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap_or_else(|_| panic!("{name}'s output is not UTF-8"))
}

/// Runs headless Chromium with `args` after the flags every run needs, in a
/// fresh profile, and returns its stdout; panics if it is missing, fails or
/// outlives `CHROMIUM_DEADLINE`.
fn chromium(args: &[&str]) -> String {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, Ordering::Relaxed);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("chromium-{}-{run}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create Chromium's run directory");
    let (out, err) = (dir.join("stdout"), dir.join("stderr"));
    let mut child: Child = Command::new("chromium")
        .args([
            "--headless",
            // CI runs as root, where Chromium's sandbox cannot start.
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            // Without these Chromium reaches for the network (updates, sync)
            // and logs every refused connection.
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            &format!("--user-data-dir={}", dir.join("profile").display()),
        ])
        .args(args)
        .stdin(Stdio::null())
        .stdout(File::create(&out).expect("create Chromium's stdout"))
        .stderr(File::create(&err).expect("create Chromium's stderr"))
        .spawn()
        .unwrap_or_else(|e| panic!("{}", missing("chromium", &e)));
    let deadline = Instant::now() + CHROMIUM_DEADLINE;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for Chromium") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("Chromium {args:?} hung for {CHROMIUM_DEADLINE:?}; killed");
        }
        thread::sleep(Duration::from_millis(50));
    };
    let stdout = fs::read_to_string(&out).expect("read Chromium's stdout");
    assert!(
        status.success(),
        "Chromium {args:?} failed ({status}): {}",
        fs::read_to_string(&err).unwrap_or_default()
    );
    // Only a successful run's directory goes; a failed one stays to look at.
    let _ = fs::remove_dir_all(&dir);
    stdout
}

/// The message for a tool that could not be started: in CI a missing
/// browser is a failure, and says how to get it.
fn missing(name: &str, error: &std::io::Error) -> String {
    if error.kind() == ErrorKind::NotFound {
        format!(
            "`{name}` is not installed: the browser tests need Chromium and poppler-utils \
             (apt-get install chromium poppler-utils fonts-wqy-microhei; .ci/run does this)"
        )
    } else {
        format!("cannot run `{name}`: {error}")
    }
}

/// A fresh directory for one test's files, under Cargo's temp dir; left in
/// place afterwards so a failure can be inspected.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("browser-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create the scratch directory");
    dir
}

/// `target/browser-artifacts/`: screenshots and page images kept for people.
fn artifacts_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR is inside the target directory")
        .join("browser-artifacts");
    fs::create_dir_all(&dir).expect("create target/browser-artifacts");
    dir
}

fn file_url(path: &Path) -> String {
    let absolute = path.canonicalize().expect("the page exists");
    format!("file://{}", absolute.display())
}
