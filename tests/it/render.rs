//! Every output format of `jingqin plan` against a route pack whose names,
//! summaries and notes are hostile (`tests/fixtures/hostile/`): markup,
//! quotes, entities, newlines, ICS separators, backslashes, template
//! delimiters and 2000-character strings. Each format must escape them for
//! its own syntax, and the calendar, JSON and Markdown must still read back
//! through standard parsers to exactly the pack's text. Also: `-o` replaces
//! a file only when the run succeeds.

use std::fs;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jingqin::model::{Pack, Text};

const HOSTILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");

/// A two-day trip on a Friday in the peak season: every site of the hostile
/// pack is open and visited, and the product's name is hostile too.
const REQUEST: [&str; 6] = [
    "--routes",
    HOSTILE,
    "--product",
    "two-day",
    "--date",
    "2027-07-16",
];

fn jingqin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jingqin"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run jingqin")
}

/// `jingqin plan` of [`REQUEST`] in `format`, with `extra` arguments; must succeed.
fn plan(format: &str, extra: &[&str]) -> String {
    let mut args = vec!["plan", "--format", format];
    args.extend(REQUEST);
    args.extend(extra);
    let output = jingqin(&args);
    assert!(
        output.status.success(),
        "jingqin {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("output is UTF-8")
}

fn pack() -> Pack {
    jingqin::load::load_dir(Path::new(HOSTILE)).unwrap_or_else(|d| panic!("{d}"))
}

/// The name of a site, hub or lodging.
fn name<'p>(pack: &'p Pack, id: &str) -> &'p Text {
    (pack.site(id).map(|s| &s.name))
        .or_else(|| pack.hub(id).map(|h| &h.name))
        .or_else(|| pack.lodging(id).map(|l| &l.name))
        .unwrap_or_else(|| panic!("no place {id}"))
}

fn both(text: &Text) -> String {
    format!("{} {}", text.zh, text.en)
}

/// The plan as JSON: the oracle of which events the other formats show.
fn plan_json() -> serde_json::Value {
    serde_json::from_str(&plan("json", &[])).expect("the JSON output parses")
}

fn events(json: &serde_json::Value) -> Vec<&serde_json::Value> {
    json["days"]
        .as_array()
        .expect("days")
        .iter()
        .flat_map(|day| day["events"].as_array().expect("events"))
        .collect()
}

fn visited(json: &serde_json::Value) -> Vec<String> {
    events(json)
        .into_iter()
        .filter(|e| e["kind"] == "visit")
        .map(|e| e["site"].as_str().expect("site id").to_owned())
        .collect()
}

#[test]
fn the_request_visits_every_hostile_site() {
    let mut sites = visited(&plan_json());
    sites.sort();
    assert_eq!(sites, ["geziwo", "laolongtou", "museum"]);
}

#[test]
fn json_carries_hostile_text_exactly() {
    let pack = pack();
    let json = plan_json();
    let geziwo = pack.site("geziwo").expect("geziwo");
    let notices: Vec<&serde_json::Value> = json["days"]
        .as_array()
        .expect("days")
        .iter()
        .flat_map(|day| day["notices"].as_array().expect("notices"))
        .collect();
    let about = |code: &str| {
        notices
            .iter()
            .find(|n| n["code"] == code && n["site"] == "geziwo")
            .and_then(|n| n["text"].as_str())
            .unwrap_or_else(|| panic!("no {code} notice for geziwo in {notices:?}"))
    };
    let note = geziwo.notes.as_ref().expect("notes");
    let text = about("site_note");
    for part in [&geziwo.name.zh, &geziwo.name.en, &note.zh, &note.en] {
        assert!(text.contains(part.as_str()), "{text:?} lacks {part:?}");
    }
    assert!(about("booking").contains(&geziwo.name.en));
    assert!(
        json["warnings"]
            .as_array()
            .expect("warnings")
            .iter()
            .any(|w| w
                .as_str()
                .is_some_and(|w| w.contains(&pack.timetable.note.en)))
    );
}

/// RFC 5545 §3.3.11, read back.
fn unescape_ics(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("a TEXT value ends in a lone backslash: {text:?}"),
            },
            (c, false) => out.push(c),
        }
    }
    out
}

/// `text` with each line break as one `\n`, as a TEXT value carries it.
fn breaks(text: &str) -> String {
    text.replace("\r\n", "\n")
}

fn property<'e>(event: &'e ical::parser::ical::component::IcalEvent, name: &str) -> Vec<&'e str> {
    event
        .properties
        .iter()
        .filter(|p| p.name == name)
        .filter_map(|p| p.value.as_deref())
        .collect()
}

/// The one value of `name` in `event`, unescaped.
fn text_of(event: &ical::parser::ical::component::IcalEvent, name: &str) -> String {
    match property(event, name).as_slice() {
        [value] => unescape_ics(value),
        values => panic!("{name}: expected one value, found {values:?}"),
    }
}

#[test]
fn ics_lines_are_crlf_and_at_most_75_octets() {
    let ics = plan("ics", &[]);
    assert!(ics.ends_with("\r\n"));
    for line in ics.strip_suffix("\r\n").unwrap_or(&ics).split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.contains(['\r', '\n']), "a bare line break: {line:?}");
    }
    // The long strings of the pack did get folded.
    assert!(ics.contains("\r\n "));
}

#[test]
fn ics_parses_and_carries_hostile_text_exactly() {
    let pack = pack();
    let json = plan_json();
    let ics = plan("ics", &[]);
    let mut calendars = ical::IcalParser::new(BufReader::new(ics.as_bytes()));
    let calendar = calendars
        .next()
        .expect("one calendar")
        .expect("the calendar parses");
    assert!(calendars.next().is_none(), "more than one calendar");
    assert_eq!(calendar.timezones.len(), 1);

    let timed: Vec<_> = events(&json)
        .into_iter()
        .filter(|e| e["kind"] != "lodging")
        .collect();
    assert_eq!(calendar.events.len(), timed.len());

    let mut uids = Vec::new();
    for (event, planned) in calendar.events.iter().zip(&timed) {
        uids.push(text_of(event, "UID"));
        let start = planned["start"].as_str().expect("start");
        // "2027-07-16T07:46:00+08:00" → "20270716T074600"
        let local: String = start[..19]
            .chars()
            .filter(|c| *c != '-' && *c != ':')
            .collect();
        let dtstart = event
            .properties
            .iter()
            .find(|p| p.name == "DTSTART")
            .expect("DTSTART");
        assert_eq!(dtstart.value.as_deref(), Some(local.as_str()));
        let tzid = dtstart.params.as_ref().expect("DTSTART has TZID");
        assert_eq!(
            tzid,
            &[("TZID".to_owned(), vec!["Asia/Shanghai".to_owned()])]
        );

        let summary = text_of(event, "SUMMARY");
        let location = text_of(event, "LOCATION");
        assert_eq!(property(event, "GEO").len(), 1);
        if planned["kind"] == "visit" {
            let site = pack
                .site(planned["site"].as_str().expect("site"))
                .expect("a site of the pack");
            // A sunrise visit says so before the name.
            assert!(summary.ends_with(&both(&site.name)), "{summary:?}");
            let mut place = format!("{}, {}", site.name.zh, site.district.zh);
            if let Some(address) = &site.address {
                place = format!("{place}, {address}");
            }
            assert_eq!(location, place);
            let description = text_of(event, "DESCRIPTION");
            let mut expected = vec![&site.summary.zh, &site.summary.en];
            if let Some(notes) = &site.notes {
                expected.extend([&notes.zh, &notes.en]);
            }
            for text in expected {
                assert!(description.contains(&breaks(text)), "{description:?}");
            }
        }
        if planned["kind"] == "transfer" {
            let to = name(&pack, planned["to"].as_str().expect("to"));
            assert!(location.starts_with(&to.zh), "{location:?}");
            assert!(summary.ends_with(&format!(" → {}", to.zh)), "{summary:?}");
        }
    }
    let count = uids.len();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), count, "UIDs are unique");
}

#[test]
fn ics_in_one_language_names_places_in_it() {
    let pack = pack();
    let ics = plan("ics", &["--lang", "en"]);
    let calendar = ical::IcalParser::new(BufReader::new(ics.as_bytes()))
        .next()
        .expect("one calendar")
        .expect("the calendar parses");
    let summaries: Vec<String> = calendar
        .events
        .iter()
        .map(|e| text_of(e, "SUMMARY"))
        .collect();
    for site in &pack.sites {
        assert!(summaries.contains(&site.name.en), "{summaries:?}");
    }
}

/// The visible text of a Markdown document, and whether it has raw HTML.
fn markdown_text(md: &str) -> (String, usize) {
    use pulldown_cmark::{Event, Options, Parser};
    let mut text = String::new();
    let mut html = 0;
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::Html(_) | Event::InlineHtml(_) => html += 1,
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            _ => {}
        }
    }
    (text, html)
}

#[test]
fn markdown_shows_hostile_text_as_text_and_never_as_markup() {
    let pack = pack();
    // The operator's sheet names the avoided museum among the sites left out.
    let md = plan("md", &["--avoid", "museum", "--for", "operator"]);
    assert!(!md.contains('<'), "a raw '<' in the Markdown");
    let (text, html) = markdown_text(&md);
    assert_eq!(html, 0, "the Markdown has raw HTML");
    let flat = |s: &str| s.replace("\r\n", "  ").replace('\n', " ");
    let product = pack.product("two-day").expect("product");
    assert!(text.contains(&flat(&both(&product.name))));
    for id in ["geziwo", "laolongtou", "museum"] {
        let name = &pack.site(id).expect("site").name;
        for name in [flat(&name.zh), flat(&name.en)] {
            assert!(text.contains(&name), "{name:?} not in {text:?}");
        }
    }
    assert!(text.contains(&flat(&pack.timetable.note.en)));
    // The escaped form is there in the source, the raw one is not.
    assert!(md.contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt;"));
    assert!(!md.contains("</style"));
}

#[test]
fn markdown_tables_keep_six_columns_whatever_the_names() {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let md = plan("md", &[]);
    let (mut rows, mut cells) = (0, 0);
    for event in Parser::new_ext(&md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => {
                assert_eq!(cells, 6, "a row of {cells} cells");
                rows += 1;
                cells = 0;
            }
            _ => {}
        }
    }
    let json = plan_json();
    // A header row a day, and a row an event.
    assert_eq!(rows, events(&json).len() + 2);
}

const JSON_LD: &str = "<script type=\"application/ld+json\">";

/// The JSON-LD blocks of a page, and the page without them.
fn split_json_ld(html: &str) -> (Vec<&str>, String) {
    let (mut blocks, mut rest, mut markup) = (Vec::new(), html, String::new());
    while let Some(open) = rest.find(JSON_LD) {
        markup.push_str(&rest[..open]);
        let body = &rest[open + JSON_LD.len()..];
        let end = body.find("</script").expect("the JSON-LD block ends");
        blocks.push(&body[..end]);
        rest = body[end..]
            .strip_prefix("</script>")
            .expect("the block ends with </script>");
    }
    markup.push_str(rest);
    (blocks, markup)
}

/// The characters HTML markup stands for: the entities askama and browsers use.
fn unescape_html(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let entity = rest.find(';').map(|semi| &rest[1..semi]);
        let decoded = match entity {
            Some("lt") => Some('<'),
            Some("gt") => Some('>'),
            Some("amp") => Some('&'),
            Some("quot") => Some('"'),
            Some("apos") => Some('\''),
            Some(e) if e.starts_with("#x") || e.starts_with("#X") => {
                u32::from_str_radix(&e[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            Some(e) if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match (decoded, entity) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e.len() + 2..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// What must hold of both HTML formats: pack text shows, escaped, as text,
/// and none of it becomes a tag, a comment, an attribute or a style.
fn assert_html_is_safe(html: &str) -> Vec<&str> {
    let (json_ld, markup) = split_json_ld(html);
    for raw in [
        "<script",
        "</script",
        "<img",
        "<!--",
        "<![CDATA[",
        "<style>*{display",
        "\"dq\"",
        "'sq'",
    ] {
        assert!(!markup.contains(raw), "raw {raw:?} in the HTML");
    }
    let opened = markup.matches("<style").count();
    assert_eq!(
        markup.matches("</style>").count(),
        opened,
        "a </style> of the pack's"
    );
    let pack = pack();
    let geziwo = &pack.site("geziwo").expect("geziwo").name.zh;
    assert!(unescape_html(&markup).contains(geziwo.as_str()));
    for block in &json_ld {
        // In a script, "<!--" and "</script" change how HTML reads the rest.
        assert!(!block.contains('<'), "a raw '<' in the JSON-LD");
    }
    json_ld
}

#[test]
fn the_page_escapes_hostile_text_and_its_json_ld_parses() {
    let html = plan("html", &[]);
    let json_ld = assert_html_is_safe(&html);
    assert_eq!(json_ld.len(), 1, "one JSON-LD block");
    let ld: serde_json::Value = serde_json::from_str(json_ld[0]).expect("JSON-LD parses");
    assert_eq!(ld["@type"], "TouristTrip");
    let pack = pack();
    let geziwo = &pack.site("geziwo").expect("geziwo").name.zh;
    assert!(
        ld.to_string().contains(geziwo.as_str()),
        "the JSON-LD names the sites"
    );
}

#[test]
fn the_fragment_escapes_hostile_text_and_has_no_scripts() {
    let html = plan("fragment", &[]);
    assert!(
        assert_html_is_safe(&html).is_empty(),
        "a script in the fragment"
    );
}

#[test]
fn text_shows_the_names_as_they_are() {
    let pack = pack();
    // Long names wrap to the terminal's width: compare without the whitespace.
    let bare = |s: &str| s.split_whitespace().collect::<String>();
    let text = bare(&plan("text", &[]));
    for site in &pack.sites {
        assert!(text.contains(&bare(&site.name.zh)), "{:?}", site.name.zh);
    }
}

#[test]
fn calendar_and_markdown_are_byte_identical_run_to_run() {
    for format in ["ics", "md"] {
        assert_eq!(plan(format, &[]), plan(format, &[]), "{format}");
    }
}

/// A fresh directory under the system's temp dir, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("jingqin-render-{test}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create the scratch dir");
        Scratch(dir)
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }

    /// The names in the directory, sorted.
    fn listing(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(&self.0)
            .expect("read the scratch dir")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// `jingqin plan -o out` with `request`.
fn plan_to(out: &str, request: &[&str]) -> Output {
    let mut args = vec!["plan", "-o", out];
    args.extend(request);
    jingqin(&args)
}

#[test]
fn output_file_is_written_whole_with_no_temporary_left() {
    let scratch = Scratch::new("ok");
    let out = scratch.path("trip.ics");
    let output = plan_to(&out, &REQUEST);
    assert!(output.status.success());
    assert!(output.stdout.is_empty(), "-o writes nothing to stdout");
    assert_eq!(scratch.listing(), ["trip.ics"]);
    // The extension chose the format, and the file is the whole calendar.
    assert_eq!(fs::read_to_string(&out).expect("read"), plan("ics", &[]));
}

#[test]
fn output_file_is_replaced_when_the_run_succeeds() {
    let scratch = Scratch::new("replace");
    let out = scratch.path("trip.md");
    fs::write(&out, "old plan").expect("write");
    assert!(plan_to(&out, &REQUEST).status.success());
    assert_eq!(fs::read_to_string(&out).expect("read"), plan("md", &[]));
    assert_eq!(scratch.listing(), ["trip.md"]);
}

/// Requests that fail: infeasible (a must-see on a public holiday, when the
/// museum is closed), unknown (no such site), and a pack that is not there.
const FAILING: [&[&str]; 3] = [
    &[
        "--routes",
        HOSTILE,
        "--days",
        "2",
        "--date",
        "2027-10-01",
        "--must",
        "museum@1",
    ],
    &[
        "--routes",
        HOSTILE,
        "--days",
        "2",
        "--date",
        "2027-07-16",
        "--must",
        "nowhere",
    ],
    &[
        "--routes",
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/missing"),
        "--days",
        "2",
    ],
];

#[test]
fn a_failed_run_leaves_an_existing_file_untouched() {
    let scratch = Scratch::new("untouched");
    let out = scratch.path("trip.md");
    let before = "# yesterday's plan\r\n\u{feff}bytes \u{0}that must survive\n";
    fs::write(&out, before).expect("write");
    for request in FAILING {
        let output = plan_to(&out, request);
        assert!(!output.status.success(), "{request:?} succeeded");
        assert_eq!(
            fs::read_to_string(&out).expect("read"),
            before,
            "{request:?}"
        );
        assert_eq!(scratch.listing(), ["trip.md"], "{request:?}");
    }
}

#[test]
fn a_failed_run_creates_no_file() {
    let scratch = Scratch::new("nofile");
    let out = scratch.path("trip.ics");
    for request in FAILING {
        let output = plan_to(&out, request);
        assert!(!output.status.success(), "{request:?} succeeded");
        assert!(
            scratch.listing().is_empty(),
            "{request:?}: {:?}",
            scratch.listing()
        );
    }
}

#[cfg(unix)]
#[test]
fn output_through_a_symlink_replaces_its_target_and_keeps_the_link_and_mode() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let scratch = Scratch::new("symlink");
    let target = scratch.path("real.md");
    fs::write(&target, "old").expect("write");
    fs::set_permissions(&target, fs::Permissions::from_mode(0o600)).expect("chmod");
    let link = scratch.path("link.md");
    symlink("real.md", &link).expect("symlink");
    let output = plan_to(&link, &REQUEST);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let meta = fs::symlink_metadata(&link).expect("the link");
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    assert_eq!(fs::read_to_string(&target).expect("read"), plan("md", &[]));
    let mode = fs::metadata(&target).expect("target").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the file's mode changed");
    assert_eq!(scratch.listing(), ["link.md", "real.md"]);
}

#[cfg(unix)]
#[test]
fn output_to_a_fifo_is_written_into_it_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let scratch = Scratch::new("fifo");
    let fifo = scratch.path("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).expect("read the fifo"))
    };
    let output = plan_to(
        &fifo,
        &["--format", "md", "--days", "1", "--date", "2027-05-08"],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = reader.join().expect("the reader");
    assert!(text.starts_with("# "), "{text}");
    let kind = fs::symlink_metadata(&fifo).expect("fifo").file_type();
    assert!(kind.is_fifo(), "the FIFO was replaced");
}

#[test]
fn output_to_a_folder_or_an_unknown_extension_is_refused() {
    let scratch = Scratch::new("refuse");
    let folder = scratch.path("trip.md");
    fs::create_dir(&folder).expect("mkdir");
    let output = plan_to(&folder, &REQUEST);
    assert_eq!(output.status.code(), Some(74));
    assert!(fs::metadata(&folder).expect("folder").is_dir());
    let pdf = scratch.path("trip.pdf");
    let output = plan_to(&pdf, &REQUEST);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--format"));
    assert_eq!(scratch.listing(), ["trip.md"]);
}

#[test]
fn writing_into_a_missing_directory_fails_clearly_and_leaves_nothing() {
    let scratch = Scratch::new("nodir");
    let out = scratch.path("missing/trip.ics");
    let output = plan_to(&out, &REQUEST);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains(&out), "the error names the file: {stderr}");
    assert!(scratch.listing().is_empty());
}

/// The invented region of `tests/fixtures/elsewhere` keeps Europe/Berlin
/// time, whose clocks go forward on Sunday 28 March 2027 at 02:00.
#[test]
fn times_follow_the_packs_zone_across_a_change_of_the_clocks() {
    let request = [
        "plan",
        "--routes",
        "tests/fixtures/elsewhere",
        "--days",
        "2",
        "--date",
        "2027-03-27",
        "--format",
    ];
    let run = |format: &str| {
        let output = jingqin(&[&request[..], &[format]].concat());
        assert_eq!(output.status.code(), Some(0), "{format}");
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    let json: serde_json::Value = serde_json::from_str(&run("json")).expect("JSON");
    assert_eq!(json["timezone"], "Europe/Berlin");
    for (day, offset) in [(0, "+01:00"), (1, "+02:00")] {
        let events = json["days"][day]["events"].as_array().expect("events");
        assert!(!events.is_empty());
        for event in events {
            let start = event["start"].as_str().expect("start");
            assert!(start.ends_with(offset), "day {}: {start}", day + 1);
        }
    }

    let ics = run("ics");
    let calendar = ical::IcalParser::new(BufReader::new(ics.as_bytes()))
        .next()
        .expect("one calendar")
        .expect("the calendar parses");
    let [zone] = &calendar.timezones[..] else {
        panic!("one VTIMEZONE: {ics}");
    };
    let value = |properties: &[ical::property::Property], name: &str| {
        (properties.iter())
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    assert_eq!(value(&zone.properties, "TZID"), "Europe/Berlin");
    let changes: Vec<(String, String, String)> = (zone.transitions.iter())
        .map(|t| {
            (
                value(&t.properties, "DTSTART"),
                value(&t.properties, "TZOFFSETFROM"),
                value(&t.properties, "TZOFFSETTO"),
            )
        })
        .collect();
    let daylight = ("20270328T020000".into(), "+0100".into(), "+0200".into());
    assert_eq!(changes.last(), Some(&daylight), "{changes:?}");
    assert!(ics.contains("DTSTART;TZID=Europe/Berlin:20270328T"));
}
