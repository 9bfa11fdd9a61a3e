//! The `jingqin` binary as a user runs it: exit statuses, the summary, the
//! problems on stderr, the sites listing in text and JSON, and `--help`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const VALID: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid");
const BROKEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/broken");

const PACK_FILES: [&str; 7] = [
    "pack.toml",
    "calendar.toml",
    "sites.toml",
    "hubs.toml",
    "services.toml",
    "lodging.toml",
    "products.toml",
];

fn jingqin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jingqin"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run jingqin")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// The valid fixture with a broken case's files laid over it, in a temp dir
/// removed when dropped.
struct Overlay(PathBuf);

impl Overlay {
    fn new(case: &str) -> Overlay {
        let dir = std::env::temp_dir().join(format!("jingqin-cli-{case}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create the temp dir");
        for name in PACK_FILES {
            let from = Path::new(BROKEN).join(case).join(name);
            let from = if from.exists() {
                from
            } else {
                Path::new(VALID).join(name)
            };
            fs::copy(from, dir.join(name)).expect("copy a pack file");
        }
        Overlay(dir)
    }
}

impl Drop for Overlay {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[test]
fn check_valid_pack_prints_a_one_line_summary() {
    let output = jingqin(&["check", "--routes", "tests/fixtures/valid"]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "fixture: ok — 3 sites, 2 hubs, 2 services, 1 lodgings, 1 products, 1 seasons, 1 holidays for 2027 (sample timetable)\n\
         note: pack.toml has no [rides] tariff: local rides are not in the cost\n\
         note: pack.toml has no [drive] costs: a self-drive's fuel, tolls and parking are not in the cost\n"
    );
    assert_eq!(stderr(&output), "");
}

#[test]
fn check_broken_pack_exits_65_with_every_problem() {
    let pack = Overlay::new("many_problems");
    let dir = pack.0.to_str().expect("temp dir is UTF-8");
    let output = jingqin(&["check", "--routes", dir]);
    assert_eq!(
        output.status.code(),
        Some(65),
        "stdout: {}",
        stdout(&output)
    );
    assert_eq!(
        stdout(&output),
        "",
        "nothing on stdout when the pack is broken"
    );
    let err = stderr(&output);
    let at = |file: &str| pack.0.join(file).display().to_string();
    for line in [
        format!(
            "{}:17:7: [day]: end = \"25:00\" is not a clock time; expected \"HH:MM\" between 00:00 and 24:00",
            at("pack.toml")
        ),
        format!(
            "{}:5:7: site \"geziwo\": lat = 139.9 is outside -90..90",
            at("sites.toml")
        ),
        format!(
            "{}:18:8: hub \"qhd_station\": kind = \"ferry\" is not one of: rail, coach, airport",
            at("hubs.toml")
        ),
        format!(
            "{}:4:8: product \"two-day\": days = 9 is outside 1..7",
            at("products.toml")
        ),
    ] {
        assert!(
            err.lines().any(|l| l == line),
            "stderr lacks the line\n{line}\nstderr:\n{err}"
        );
    }
    // Each problem shows its line of the file, underlined.
    assert!(
        err.contains("5 | lat = 139.9\n  |       ^^^^^"),
        "stderr:\n{err}"
    );
    assert!(
        err.trim_end()
            .ends_with("error: 9 problems in the route pack"),
        "stderr:\n{err}"
    );
}

#[test]
fn check_missing_folder_exits_66_in_one_line() {
    let output = jingqin(&["check", "--routes", "tests/fixtures/no-such-pack"]);
    assert_eq!(output.status.code(), Some(66));
    let err = stderr(&output);
    assert_eq!(
        err.trim(),
        "error: no route pack folder at tests/fixtures/no-such-pack"
    );
}

#[test]
fn check_pack_missing_a_file_exits_66_naming_it() {
    let overlay = Overlay::new("missing_file");
    let dir = overlay.0.display().to_string();
    fs::remove_file(overlay.0.join("lodging.toml")).expect("remove");
    let output = jingqin(&["check", "--routes", &dir]);
    assert_eq!(output.status.code(), Some(66));
    assert!(
        stderr(&output).contains("lodging.toml"),
        "{}",
        stderr(&output)
    );
}

#[cfg(unix)]
#[test]
fn a_pack_file_that_is_not_a_regular_file_is_refused_not_read() {
    let overlay = Overlay::new("fifo_file");
    let sites = overlay.0.join("sites.toml");
    fs::remove_file(&sites).expect("remove");
    let made = std::process::Command::new("mkfifo")
        .arg(&sites)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let hubs = overlay.0.join("hubs.toml");
    fs::remove_file(&hubs).expect("remove");
    std::os::unix::fs::symlink("/dev/zero", &hubs).expect("symlink");
    let output = jingqin(&["check", "--routes", &overlay.0.display().to_string()]);
    assert_eq!(output.status.code(), Some(65));
    let err = stderr(&output);
    assert!(
        err.contains("sites.toml: cannot read the file: it is not a regular file"),
        "{err}"
    );
    assert!(
        err.contains("hubs.toml: cannot read the file: it is not a regular file"),
        "{err}"
    );
}

#[test]
fn a_huge_bad_value_is_reported_in_a_few_lines() {
    let overlay = Overlay::new("huge_value");
    let sites = overlay.0.join("sites.toml");
    let text = fs::read_to_string(&sites).expect("read");
    let (start, rest) = text.split_once("hours = \"").expect("a site with hours");
    let end = rest.find('"').expect("its end");
    let huge = format!("{start}hours = \"{}{}", "x".repeat(2_000_000), &rest[end..]);
    fs::write(&sites, huge).expect("write");
    let output = jingqin(&["check", "--routes", &overlay.0.display().to_string()]);
    assert_eq!(output.status.code(), Some(65));
    assert!(
        output.stderr.len() < 2_000,
        "{} bytes of diagnostics",
        output.stderr.len()
    );
}

#[test]
fn dates_outside_1900_to_9999_are_usage_errors() {
    for date in ["-262143-01-01", "+262142-12-31", "1899-07-14", "0001-01-01"] {
        let output = jingqin(&["plan", "--days", "1", &format!("--date={date}")]);
        assert_eq!(output.status.code(), Some(2), "{date}: {}", stderr(&output));
        assert!(stderr(&output).contains("1900–9999"), "{date}");
    }
}

#[test]
fn a_year_the_calendar_does_not_cover_is_planned_with_a_warning() {
    // By car: the sample timetable, like the calendar, covers 2026–2027 only.
    let output = jingqin(&[
        "plan",
        "--days",
        "1",
        "--date",
        "2031-10-01",
        "--lang",
        "en",
        "--mode",
        "car",
        "--for",
        "operator",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("no public holidays for 2031"));
    // A matter for the operator, not the customer's handout.
    let handout = jingqin(&[
        "plan",
        "--days",
        "1",
        "--date",
        "2031-10-01",
        "--mode",
        "car",
    ]);
    assert!(
        !stdout(&handout).contains("holidays for 2031"),
        "{}",
        stdout(&handout)
    );
    let by_train = jingqin(&["plan", "--days", "1", "--date", "2031-10-01"]);
    assert_eq!(by_train.status.code(), Some(1));
    assert!(
        stderr(&by_train).contains("no train valid on 2031-10-01")
            && stderr(&by_train).contains("2026-01-01 to 2027-12-31"),
        "{}",
        stderr(&by_train)
    );
    let check = jingqin(&["check"]);
    assert!(
        stdout(&check).contains("holidays for 2026–2027"),
        "{}",
        stdout(&check)
    );
}

#[test]
fn all_interests_zero_is_a_usage_error() {
    let weights = "nature=0,culture=0,art=0,wellness=0,museum=0,food=0,shopping=0";
    let output = jingqin(&["plan", "--days", "1", "--interests", weights]);
    assert_eq!(output.status.code(), Some(2));
}

/// The line of `site` in `jingqin sites` text output.
fn site_line<'a>(out: &'a str, site: &str) -> &'a str {
    out.lines()
        .find(|l| l.split_whitespace().next() == Some(site))
        .unwrap_or_else(|| panic!("no line for {site} in:\n{out}"))
}

#[test]
fn sites_on_a_monday_shows_the_museum_closed_for_its_weekly_closing_day() {
    let output = jingqin(&[
        "sites",
        "--routes",
        "tests/fixtures/valid",
        "--date",
        "2027-07-12",
    ]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.starts_with("3 sites on 2027-07-12 (Monday, season: peak)\n"),
        "{out}"
    );
    assert!(
        site_line(&out, "museum").ends_with("closed: weekly closing day (Monday)"),
        "{out}"
    );
    // The others are open, with their hours of that day.
    assert!(site_line(&out, "geziwo").ends_with("05:00-18:00"), "{out}");
    assert!(
        site_line(&out, "laolongtou").ends_with("07:30-17:30"),
        "{out}"
    );
    // Peak season price of laolongtou (60), not its base price (50).
    assert!(site_line(&out, "laolongtou").contains(" 60 "), "{out}");
}

#[test]
fn sites_on_national_day_shows_the_museum_closed_for_the_holiday() {
    let output = jingqin(&[
        "sites",
        "--routes",
        "tests/fixtures/valid",
        "--date",
        "2027-10-01",
    ]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    let out = stdout(&output);
    // 2027-10-01 is a Friday: the museum is closed only for the holiday.
    assert!(
        out.starts_with("3 sites on 2027-10-01 (Friday, season: off, 国庆节 National Day)\n"),
        "{out}"
    );
    assert!(
        site_line(&out, "museum").ends_with("closed: public holiday (National Day)"),
        "{out}"
    );
    assert!(!site_line(&out, "laolongtou").contains("closed"), "{out}");
}

#[test]
fn sites_json_has_one_entry_per_site_with_its_fields() {
    let output = jingqin(&[
        "sites",
        "--routes",
        "tests/fixtures/valid",
        "--date",
        "2027-07-12",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let sites = json.as_array().expect("a JSON array");
    let ids: Vec<&str> = sites.iter().filter_map(|s| s["id"].as_str()).collect();
    assert_eq!(ids, ["geziwo", "museum", "laolongtou"]);
    for site in sites {
        for field in [
            "id", "name", "district", "category", "rating", "hours", "price", "on_date",
        ] {
            assert!(site.get(field).is_some(), "no {field} in {site}");
        }
        assert!(site["name"]["zh"].is_string() && site["name"]["en"].is_string());
        for age in ["adult", "child", "senior"] {
            assert!(site["price"][age].is_number(), "no price.{age} in {site}");
        }
    }
    let museum = &sites[1];
    assert_eq!(museum["name"]["en"], "Museum");
    assert_eq!(museum["category"], "museum");
    assert_eq!(museum["rating"], 7.0);
    assert_eq!(museum["hours"], "Tu-Su 09:00-17:00; PH off");
    assert_eq!(museum["on_date"]["status"], "closed");
    assert_eq!(museum["on_date"]["reason"], "weekly closing day (Monday)");
    let laolongtou = &sites[2];
    assert_eq!(laolongtou["on_date"]["status"], "open");
    assert_eq!(laolongtou["on_date"]["intervals"][0], "07:30-17:30");
    assert_eq!(laolongtou["price"]["adult"], 60.0, "peak season price");
}

#[test]
fn sites_json_without_a_date_has_no_day_status() {
    let output = jingqin(&[
        "sites",
        "--routes",
        "tests/fixtures/valid",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let sites = json.as_array().expect("a JSON array");
    assert_eq!(sites.len(), 3);
    assert!(sites.iter().all(|s| s.get("on_date").is_none()));
    assert_eq!(
        sites[2]["price"]["adult"], 50.0,
        "base price without a date"
    );
}

#[test]
fn an_impossible_date_exits_2_and_says_what_is_expected() {
    let output = jingqin(&[
        "sites",
        "--routes",
        "tests/fixtures/valid",
        "--date",
        "2027-13-01",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    let err = stderr(&output);
    assert!(err.contains("2027-13-01"), "{err}");
    assert!(err.contains("expected YYYY-MM-DD"), "{err}");
}

#[test]
fn help_of_every_subcommand_shows_examples() {
    for args in [
        &["--help"][..],
        &["help"][..],
        &["check", "--help"][..],
        &["sites", "--help"][..],
        &["help", "check"][..],
        &["help", "sites"][..],
    ] {
        let output = jingqin(args);
        assert_eq!(output.status.code(), Some(0), "jingqin {args:?}");
        let out = stdout(&output);
        assert!(out.contains("Examples:"), "jingqin {args:?}:\n{out}");
        assert!(out.contains("Usage: jingqin"), "jingqin {args:?}:\n{out}");
    }
}

#[test]
fn products_and_hubs_list_the_ids_the_plan_takes() {
    let products = jingqin(&["products"]);
    assert_eq!(products.status.code(), Some(0));
    for id in ["qhd-1day", "qhd-2day", "qhd-3day"] {
        assert!(stdout(&products).lines().any(|l| l.starts_with(id)), "{id}");
    }
    let hubs = jingqin(&["hubs", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&stdout(&hubs)).expect("JSON");
    let ids: Vec<&str> = (list.as_array().into_iter().flatten())
        .filter_map(|h| h["id"].as_str())
        .collect();
    assert!(
        ids.contains(&"bj_station") && ids.contains(&"shg_station"),
        "{ids:?}"
    );
}

#[test]
fn completions_and_man_page_are_printed() {
    for shell in ["bash", "zsh", "fish"] {
        let output = jingqin(&["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        assert!(stdout(&output).contains("plan"), "{shell}");
    }
    let man = jingqin(&["man"]);
    assert_eq!(man.status.code(), Some(0));
    assert!(stdout(&man).contains(".TH jingqin 1"), "{}", stdout(&man));
}

#[test]
fn a_unique_part_of_a_name_finds_the_site_and_an_ambiguous_one_lists_them() {
    let args = [
        "plan",
        "--days",
        "2",
        "--date",
        "2027-07-16",
        "--format",
        "json",
    ];
    let found = jingqin(&[&args[..], &["--must", "鸽子窝"]].concat());
    assert_eq!(found.status.code(), Some(0), "{}", stderr(&found));
    let plan: serde_json::Value = serde_json::from_str(&stdout(&found)).expect("JSON");
    assert!(
        plan["request"]["must"]
            .as_array()
            .expect("must")
            .iter()
            .any(|m| m["site"] == "geziwo")
    );
    let ambiguous = jingqin(&[&args[..], &["--must", "北戴河"]].concat());
    assert_eq!(ambiguous.status.code(), Some(2));
    assert!(
        stderr(&ambiguous).contains("beidaihe_village"),
        "{}",
        stderr(&ambiguous)
    );
}

#[test]
fn a_pack_elsewhere_with_its_own_origin_plans_in_every_format() {
    let pack = "tests/fixtures/elsewhere";
    for format in ["text", "json", "html", "fragment", "md", "ics"] {
        let args = [
            "plan",
            "--routes",
            pack,
            "--days",
            "2",
            "--date",
            "2027-07-16",
            "--format",
            format,
        ];
        let output = jingqin(&args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{format}: {}",
            stderr(&output)
        );
        assert!(
            stdout(&output).to_lowercase().contains("harbour"),
            "{format}"
        );
    }
    let json = jingqin(&[
        "plan",
        "--routes",
        pack,
        "--days",
        "2",
        "--date",
        "2027-07-16",
        "--format",
        "json",
    ]);
    let plan: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    assert_eq!(plan["request"]["from"], "gate_north");
    let last = plan["days"][1]["events"]
        .as_array()
        .and_then(|e| e.last())
        .expect("an event");
    assert_eq!(last["to"], "gate_north", "the trip ends back at its origin");
    let wrong = jingqin(&[
        "plan",
        "--routes",
        pack,
        "--days",
        "1",
        "--from",
        "harbour_station",
    ]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("northgate"), "{}", stderr(&wrong));
}

/// `jingqin timetable import` with `args`, written to services.toml in a
/// fresh temp folder: the run, the folder, and the file's path.
fn import_to(args: &[&str]) -> (Output, tempfile::TempDir, std::path::PathBuf) {
    let out = tempfile::tempdir().expect("a temp dir");
    let services = out.path().join("services.toml");
    let path = services.to_str().expect("a UTF-8 path");
    let run = jingqin(&[&["timetable", "import"], args, &["-o", path]].concat());
    (run, out, services)
}

/// The default pack copied to a temp folder, with `services` as its timetable.
fn pack_with_services(services: &std::path::Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    for name in jingqin::load::FILES {
        let from = std::path::Path::new("routes/beijing-qinhuangdao").join(name);
        std::fs::copy(from, dir.path().join(name)).expect("copy the pack");
    }
    std::fs::copy(services, dir.path().join("services.toml")).expect("copy services.toml");
    dir
}

#[test]
fn a_12306_copy_imports_into_a_pack_that_plans() {
    let (import, _out, services) = import_to(&[
        "tests/fixtures/12306/trains.csv",
        "--valid-from",
        "2027-06-01",
        "--valid-to",
        "2027-08-31",
    ]);
    assert_eq!(import.status.code(), Some(0), "{}", stderr(&import));
    let pack = pack_with_services(&services);
    let routes = pack.path().to_str().expect("a UTF-8 path");
    let check = jingqin(&["check", "--routes", routes]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    assert!(stdout(&check).contains("4 services"), "{}", stdout(&check));
    assert!(!stdout(&check).contains("sample"), "{}", stdout(&check));

    let plan = |date: &str, format: &str| {
        jingqin(&[
            "plan", "--routes", routes, "--days", "2", "--date", date, "--format", format,
        ])
    };
    let json = plan("2027-07-16", "json");
    assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
    let itinerary: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    let trains: Vec<&str> = (itinerary["days"].as_array().expect("days").iter())
        .flat_map(|d| d["events"].as_array().expect("events"))
        .filter_map(|e| e["service"].as_str())
        .collect();
    assert_eq!(trains.len(), 2, "{trains:?}");
    assert!(
        trains
            .iter()
            .all(|t| ["G001", "D003", "G002", "D004"].contains(t)),
        "{trains:?}"
    );
    // A real timetable: no sample mark on any row.
    let text = plan("2027-07-16", "text");
    assert!(!stdout(&text).contains("示例"), "{}", stdout(&text));
    // Outside the period the trains do not run, and the plan says why.
    let late = plan("2027-09-10", "text");
    assert_eq!(late.status.code(), Some(1));
    assert!(
        stderr(&late).contains("no train valid on 2027-09-10")
            && stderr(&late).contains("2027-06-01 to 2027-08-31"),
        "{}",
        stderr(&late)
    );
}

#[test]
fn a_12306_copy_with_english_headers_and_tabs_imports_alike() {
    let import = jingqin(&[
        "timetable",
        "import",
        "tests/fixtures/12306/trains-en.tsv",
        "--valid-from",
        "2027-06-01",
        "--valid-to",
        "2027-08-31",
    ]);
    assert_eq!(import.status.code(), Some(0), "{}", stderr(&import));
    let services: toml::Table = toml::from_str(&stdout(&import)).expect("TOML");
    let rows = services["service"].as_array().expect("services");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"].as_str(), Some("G001"));
    assert_eq!(rows[0]["from"].as_str(), Some("bj_station"));
    assert_eq!(rows[0]["to"].as_str(), Some("qhd_station"));
    assert_eq!(rows[0]["valid_to"].as_str(), Some("2027-08-31"));
}

#[test]
fn a_bad_12306_copy_names_each_row_and_writes_nothing() {
    let (import, _out, services) = import_to(&[
        "tests/fixtures/12306/broken.csv",
        "--valid-from",
        "2027-06-01",
        "--valid-to",
        "2027-08-31",
    ]);
    assert_eq!(import.status.code(), Some(65));
    let said = stderr(&import);
    for (line, words) in [
        (3, "\"北京朝阳\" is not a rail hub"),
        (4, "next day"),
        (5, "\"候补\" is not a fare"),
        (6, "历时 \"01:45\" does not match"),
    ] {
        let at = format!("broken.csv:{line}: ");
        assert!(
            said.lines().any(|l| l.contains(&at) && l.contains(words)),
            "line {line}: {said}"
        );
    }
    assert!(!said.contains("broken.csv:2:"), "{said}");
    assert!(!services.exists(), "a failed import wrote its file");
    let backwards = jingqin(&[
        "timetable",
        "import",
        "tests/fixtures/12306/trains.csv",
        "--valid-from",
        "2027-08-31",
        "--valid-to",
        "2027-06-01",
    ]);
    assert_eq!(backwards.status.code(), Some(2));
}

#[test]
fn concessions_lower_what_children_and_seniors_pay() {
    let pack = jingqin::load::load_default().expect("the default pack");
    let rule = (pack.concessions.iter())
        .find(|c| c.sites.iter().any(|s| s == "laolongtou"))
        .expect("a concession at 老龙头");
    let plan = |party: &str| {
        let output = jingqin(&[
            "plan",
            "--days",
            "1",
            "--date",
            "2027-07-16",
            "--must",
            "laolongtou",
            "--party",
            party,
            "--format",
            "json",
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        serde_json::from_str::<serde_json::Value>(&stdout(&output)).expect("JSON")
    };
    let visit_cost = |plan: &serde_json::Value| {
        (plan["days"][0]["events"].as_array().expect("events").iter())
            .find(|e| e["site"] == "laolongtou")
            .and_then(|e| e["cost_cny"].as_f64())
            .expect("a visit to 老龙头")
    };
    let adult = visit_cost(&plan("adults=1"));
    assert!(adult > 0.0);
    let family = plan("adults=1,children=1,seniors=1");
    let share = rule.child.unwrap_or(1.0) + rule.senior.unwrap_or(1.0);
    assert_eq!(visit_cost(&family), adult * (1.0 + share));
    let notices = family["days"][0]["notices"].as_array().expect("notices");
    let concession = (notices.iter())
        .find(|n| n["code"] == "concession")
        .expect("a concession notice");
    assert!(
        concession["sites"]
            .as_array()
            .expect("sites")
            .contains(&"laolongtou".into())
    );
    // Grown-ups only: no concession to tell of.
    let adults = plan("adults=2");
    let notices = adults["days"][0]["notices"].as_array().expect("notices");
    assert!(!notices.iter().any(|n| n["code"] == "concession"));
}

#[test]
fn the_data_report_tells_an_editor_what_to_verify() {
    let pack = jingqin::load::load_default().expect("the default pack");
    let output = jingqin(&["check", "--report"]);
    assert_eq!(output.status.code(), Some(0));
    let out = stdout(&output);
    for site in &pack.sites {
        let line = site_line(&out, &site.id);
        let estimated = site.provenance.is_estimated("hours");
        let hours = line.split_whitespace().nth(2).expect("an hours column");
        assert_eq!(hours == "estimated", estimated, "{line}");
    }
    let hours = pack
        .sites
        .iter()
        .filter(|s| s.provenance.is_estimated("hours"))
        .count();
    let total = format!("{:3} estimated", hours);
    assert!(
        out.lines()
            .any(|l| l.starts_with("hours") && l.ends_with(&total)),
        "{out}"
    );
    // The sites with the most estimates come first.
    let first = out.lines().nth(5).and_then(|l| l.split_whitespace().next());
    let count = |id: &str| {
        let site = pack.site(id).expect("a site");
        ["lat", "hours", "price", "visit"]
            .iter()
            .filter(|f| site.provenance.is_estimated(f))
            .count()
    };
    let most = pack.sites.iter().map(|s| count(&s.id)).max();
    assert_eq!(first.map(count), most, "{out}");
    assert!(out.contains("25 of them samples"), "{out}");
}

#[cfg(feature = "gtfs")]
#[test]
fn a_gtfs_feed_imports_into_a_pack_that_plans_on_the_days_its_trips_run() {
    let (import, _out, services) = import_to(&["tests/fixtures/gtfs", "--fare", "120"]);
    assert_eq!(import.status.code(), Some(0), "{}", stderr(&import));
    let pack = pack_with_services(&services);
    let routes = pack.path().to_str().expect("a UTF-8 path");
    let outbound = |date: &str| {
        let output = jingqin(&[
            "plan", "--routes", routes, "--days", "1", "--date", date, "--format", "json",
        ]);
        assert_eq!(output.status.code(), Some(0), "{date}: {}", stderr(&output));
        let plan: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
        plan["days"][0]["events"][0]["service"]
            .as_str()
            .map(str::to_owned)
    };
    // G001 runs Monday to Friday only; D003, to 北戴河 (matched by its position), daily.
    assert_eq!(outbound("2027-07-16").as_deref(), Some("G001"));
    assert_eq!(outbound("2027-07-17").as_deref(), Some("D003"));
    let without_fare = jingqin(&["timetable", "import", "tests/fixtures/gtfs"]);
    assert_eq!(without_fare.status.code(), Some(65));
    assert!(stderr(&without_fare).contains("--fare"));
}

#[cfg(not(feature = "gtfs"))]
#[test]
fn a_gtfs_feed_needs_the_gtfs_feature() {
    let import = jingqin(&[
        "timetable",
        "import",
        "tests/fixtures/gtfs",
        "--fare",
        "120",
    ]);
    assert_eq!(import.status.code(), Some(2));
    assert!(
        stderr(&import).contains("gtfs feature"),
        "{}",
        stderr(&import)
    );
}

/// The default pack copied to a temp folder, `edit` applied to its sites.toml.
fn pack_with_sites(edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    for name in jingqin::load::FILES {
        let from = std::path::Path::new("routes/beijing-qinhuangdao").join(name);
        std::fs::copy(from, dir.path().join(name)).expect("copy the pack");
    }
    let sites = dir.path().join("sites.toml");
    let text = std::fs::read_to_string(&sites).expect("read sites.toml");
    std::fs::write(&sites, edit(&text)).expect("write sites.toml");
    dir
}

fn json(output: &Output) -> serde_json::Value {
    assert_eq!(output.status.code(), Some(0), "{}", stderr(output));
    serde_json::from_str(&stdout(output)).expect("the plan is JSON")
}

const GROUP: [&str; 7] = [
    "plan",
    "--product",
    "qhd-2day",
    "--date",
    "2027-07-16",
    "--party",
    "adults=30,seniors=8",
];

#[test]
fn a_group_of_38_rides_a_chartered_coach_within_the_drivers_hours_and_pays_group_prices() {
    // The 天下第一关 group ticket: 30 for a group of 10 or more, the guide free.
    let pack = pack_with_sites(|text| {
        let at = text.find("id = \"tianxia_diyiguan\"").expect("the site");
        let price = at + text[at..].find("[site.price]\n").expect("its price") + 13;
        format!(
            "{}group = {{ adult = 30.0, min_size = 10, free = 1 }}\n{}",
            &text[..price],
            &text[price..]
        )
    });
    let routes = pack.path().to_str().expect("a UTF-8 path");
    let plan = json(&jingqin(
        &[&GROUP[..], &["--routes", routes, "--format", "json"]].concat(),
    ));
    assert_eq!(
        plan["request"]["mode"], "charter",
        "a group of 38 takes the coach"
    );
    assert_eq!(
        plan["request"]["from"], "bj_station",
        "the pack's meeting point"
    );
    let mut rests = 0;
    for day in plan["days"].as_array().expect("days") {
        let mut driving = 0;
        for event in day["events"].as_array().expect("events") {
            if event["kind"] != "transfer" {
                continue;
            }
            assert!(
                ["charter", "walk"].contains(&event["mode"].as_str().unwrap_or_default()),
                "no taxi or train for the group: {event}"
            );
            let Some(wheel) = event["driving_minutes"].as_u64() else {
                continue;
            };
            driving += wheel;
            // A rest within every 4 h at the wheel (道路交通安全法实施条例 第六十二条).
            let rest = event["rest_minutes"].as_u64().unwrap_or(0);
            assert!(rest >= (wheel.saturating_sub(1) / 240) * 20, "{event}");
            assert!(
                event["minutes"].as_u64().unwrap_or(0) >= wheel + rest,
                "{event}"
            );
            rests += rest;
        }
        assert!(
            driving <= 8 * 60,
            "day {}: {driving} min at the wheel",
            day["index"]
        );
    }
    assert!(rests >= 20, "the long drive home has its rest stop");
    let visit = |site: &str| {
        (plan["days"].as_array().into_iter().flatten())
            .flat_map(|d| d["events"].as_array().into_iter().flatten())
            .find(|e| e["site"] == site)
            .cloned()
    };
    // 30 adults at the group price, 8 seniors at their lower concession, the guide free.
    let gate = visit("tianxia_diyiguan").expect("the First Pass is visited");
    assert_eq!(gate["cost_cny"], 30.0 * 30.0 + 8.0 * 25.0);
    let notices: Vec<&serde_json::Value> = (plan["days"].as_array().into_iter().flatten())
        .flat_map(|d| d["notices"].as_array().into_iter().flatten())
        .chain(plan["notices"].as_array().into_iter().flatten())
        .collect();
    let code = |c: &str| notices.iter().find(|n| n["code"] == c).copied();
    let rate = code("group_rate").expect("the group rate is said");
    assert_eq!(rate["sites"], serde_json::json!(["tianxia_diyiguan"]));
    // Elsewhere the guide's ticket is counted: 老龙头 at 50, 8 seniors at half.
    if let Some(head) = visit("laolongtou") {
        assert_eq!(head["cost_cny"], 30.0 * 50.0 + 8.0 * 25.0 + 50.0);
    }
    let coach = code("coach").expect("the coach hire");
    assert_eq!(coach["coaches"], 1);
    assert_eq!(coach["cost_cny"], 2.0 * 2500.0);
    // The guide eats with the group and sleeps in a room of their own, shared by all.
    assert!(code("group_meals").is_some_and(|n| n["people"] == 39));
    let staff = code("staff").expect("the guide's board");
    assert_eq!(
        (staff["rooms"].as_u64(), staff["nights"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(staff["meals_cny"], 2.0 * 150.0);
    // Two to a room, as tour groups sleep.
    let basis = code("cost_basis").expect("the cost basis");
    assert_eq!(basis["coach"], true);
    assert_eq!(basis["rooms"][0]["count"], 19, "{basis}");
}

#[test]
fn a_day_trip_by_coach_past_one_drivers_hours_takes_a_second_driver_or_is_refused() {
    let args = [
        "plan",
        "--product",
        "qhd-1day",
        "--date",
        "2027-07-16",
        "--party",
        "adults=30",
        "--format",
        "json",
    ];
    // The pack prices a second driver: the day plans, leaving in the group's window.
    let output = jingqin(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let plan: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("json");
    let first = &plan["days"][0]["events"][0];
    assert_eq!(first["start"], "2027-07-16T06:30:00+08:00", "{first}");
    let coach = (plan["notices"].as_array().into_iter().flatten())
        .find(|n| n["code"] == "coach")
        .expect("the coach hire");
    assert_eq!(coach["second_driver_days"], serde_json::json!([1]));
    assert_eq!(coach["cost_cny"], 2500.0 + 600.0);
    // A pack without one refuses it, with the reason.
    let overlay = Overlay::new("one_driver");
    for name in PACK_FILES {
        let from = Path::new("routes/beijing-qinhuangdao").join(name);
        let text = fs::read_to_string(from).expect("read the default pack");
        let text = text.replace(", second_driver = 600.0", "");
        fs::write(overlay.0.join(name), text).expect("write");
    }
    let routes = overlay.0.display().to_string();
    let output = jingqin(&[&args[..], &["--routes", &routes]].concat());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("beyond the 8 h 00 min a day"),
        "{}",
        stderr(&output)
    );
    // The same group by train plans.
    let by_train = jingqin(&[&args[..], &["--mode", "rail"]].concat());
    assert_eq!(by_train.status.code(), Some(0), "{}", stderr(&by_train));
}

const AGENCY: &str = "examples/agency/agency.toml";

fn group_sheet(audience: &str, format: &str) -> String {
    let output = jingqin(
        &[
            &GROUP[..],
            &["--agency", AGENCY, "--for", audience, "--format", format],
        ]
        .concat(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    stdout(&output)
}

#[test]
fn the_customer_handout_is_branded_and_holds_nothing_internal() {
    let pack = jingqin::load::load_default().expect("the default pack");
    for format in ["html", "text", "md", "fragment"] {
        // Markdown escapes its punctuation.
        let handout = group_sheet("customer", format).replace('\\', "");
        for wanted in [
            "京秦示例国际旅行社",
            "SAMPLE-L-BJ-0001",
            "北京站东口",
            "06:40",
            "往返旅游大巴",
            "单房差",
        ] {
            assert!(handout.contains(wanted), "{format}: {wanted} missing");
        }
        for internal in [
            "资料来源",
            "未安排的景点",
            "Not in this plan",
            "费用明细",
            "分房",
            "audit-2026-12",
        ] {
            assert!(
                !handout.contains(internal),
                "{format}: {internal} in the handout"
            );
        }
        // No research text: no site's source, and no caveat on the data.
        for site in &pack.sites {
            let source: String = site.provenance.source.chars().take(40).collect();
            assert!(
                !handout.contains(&source),
                "{format}: the source of {}",
                site.id
            );
            if let Some(caveat) = &site.caveat {
                assert!(
                    !handout.contains(&caveat.zh),
                    "{format}: the caveat of {}",
                    site.id
                );
            }
        }
    }
    let html = group_sheet("customer", "html");
    assert!(
        html.contains(r#""@type":"TravelAgency""#),
        "JSON-LD names the provider"
    );
    assert!(
        html.contains("data:image/svg+xml;base64,"),
        "the logo is embedded"
    );
    let ics = group_sheet("customer", "ics");
    assert!(
        ics.contains("ORGANIZER;CN="),
        "the calendar names the agency"
    );
    // Without --agency, no branding.
    let plain = jingqin(&[&GROUP[..], &["--format", "html"]].concat());
    assert!(!stdout(&plain).contains("SAMPLE-L-BJ"));
}

#[test]
fn the_guide_and_the_operator_sheets_carry_what_they_need() {
    let guide = group_sheet("guide", "text");
    for wanted in [
        "交接时间",
        "预订事项",
        "团餐请提前预订（39人）",
        "分房",
        "双人间19间",
        "紧急电话",
        "报警110",
        "+86 000 0000 0000",
        "地址卡",
    ] {
        assert!(guide.contains(wanted), "guide: {wanted} missing\n{guide}");
    }
    assert!(
        !guide.contains("费用明细"),
        "the cost breakdown is the operator's"
    );
    let operator = group_sheet("operator", "text");
    for wanted in ["费用明细", "包车", "未安排的景点", "待核实"] {
        assert!(operator.contains(wanted), "operator: {wanted} missing");
    }
    let html = group_sheet("operator", "html");
    assert!(
        html.contains("class=\"sources\""),
        "the operator's page lists sources"
    );
}

#[test]
fn a_broken_agency_profile_is_located_and_nothing_is_written() {
    let out = tempfile::tempdir().expect("a temp dir");
    let path = out.path().join("trip.html");
    let output = jingqin(&[
        "plan",
        "--days",
        "2",
        "--agency",
        "tests/fixtures/agency/bad_phone.toml",
        "-o",
        path.to_str().expect("a UTF-8 path"),
    ]);
    assert_eq!(output.status.code(), Some(65));
    let err = stderr(&output);
    assert!(
        err.contains("bad_phone.toml:5:") && err.contains("phone"),
        "{err}"
    );
    assert!(err.contains("in the agency profile"), "{err}");
    assert!(!path.exists());
}

#[test]
fn a_saved_plan_renders_exactly_as_planned_in_every_format() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let saved = dir.path().join("trip.json");
    let saved = saved.to_str().expect("a UTF-8 path");
    let plan = jingqin(&[&GROUP[..], &["-o", saved]].concat());
    assert_eq!(plan.status.code(), Some(0), "{}", stderr(&plan));
    for format in ["json", "html", "fragment", "text", "md", "ics"] {
        for (audience, lang) in [("customer", "zh"), ("guide", "both"), ("operator", "en")] {
            let reader = [
                "--format", format, "--for", audience, "--lang", lang, "--agency", AGENCY,
            ];
            let planned = jingqin(&[&GROUP[..], &reader[..]].concat());
            let rendered = jingqin(&[&["render", saved][..], &reader[..]].concat());
            assert_eq!(rendered.status.code(), Some(0), "{}", stderr(&rendered));
            assert!(
                planned.stdout == rendered.stdout,
                "{format} for the {audience} differs after the round trip"
            );
        }
    }
}

#[test]
fn verify_flags_a_coach_leg_over_its_cap() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let saved = dir.path().join("trip.json");
    let path = saved.to_str().expect("a UTF-8 path");
    let plan = jingqin(&[&GROUP[..], &["-o", path]].concat());
    assert_eq!(plan.status.code(), Some(0), "{}", stderr(&plan));
    let mut trip: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&saved).expect("read")).expect("JSON");
    // The pack caps 天下第一关 ↔ 老龙头 at 30 min: the leg listed at 60.
    let pair = ["tianxia_diyiguan", "laolongtou"];
    let leg = (trip["days"].as_array_mut().expect("days").iter_mut())
        .flat_map(|d| d["events"].as_array_mut().expect("events").iter_mut())
        .find(|e| {
            e["mode"] == "charter"
                && pair.contains(&e["from"].as_str().unwrap_or(""))
                && pair.contains(&e["to"].as_str().unwrap_or(""))
        })
        .expect("the coach between the First Pass and Old Dragon Head");
    let end = leg["end"].as_str().expect("end").to_owned();
    let (date, time) = end.split_at(11);
    let minutes: u32 =
        time[..2].parse::<u32>().expect("hour") * 60 + time[3..5].parse::<u32>().expect("minute");
    let start = minutes - 60;
    leg["start"] = format!("{date}{:02}:{:02}:00+08:00", start / 60, start % 60).into();
    fs::write(&saved, trip.to_string()).expect("write");
    let bad = jingqin(&["verify", path]);
    assert_eq!(bad.status.code(), Some(1));
    let report = stdout(&bad);
    assert!(
        report.contains("a group's coach leg there takes at most 30 minutes"),
        "{report}"
    );
}

#[test]
fn verify_passes_an_untouched_plan_and_flags_a_visit_moved_past_closing() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let saved = dir.path().join("trip.json");
    let path = saved.to_str().expect("a UTF-8 path");
    let plan = jingqin(&[&GROUP[..], &["-o", path]].concat());
    assert_eq!(plan.status.code(), Some(0), "{}", stderr(&plan));
    let ok = jingqin(&["verify", path]);
    assert_eq!(ok.status.code(), Some(0), "{}{}", stdout(&ok), stderr(&ok));
    assert!(stdout(&ok).contains(": ok — 2 days"));

    // 天下第一关 closes at 16:00 in the pack: the visit moved to 15:30–17:00.
    let mut trip: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&saved).expect("read")).expect("JSON");
    let mut moved = None;
    for day in trip["days"].as_array_mut().expect("days") {
        let index = day["index"].clone();
        for (e, event) in day["events"]
            .as_array_mut()
            .expect("events")
            .iter_mut()
            .enumerate()
        {
            if event["site"] == "tianxia_diyiguan" {
                let date = event["start"].as_str().expect("start")[..10].to_owned();
                event["start"] = format!("{date}T15:30:00+08:00").into();
                event["end"] = format!("{date}T17:00:00+08:00").into();
                moved = Some((index.clone(), e + 1));
            }
        }
    }
    let (day, event) = moved.expect("the plan visits the First Pass");
    fs::write(&saved, trip.to_string()).expect("write");
    let bad = jingqin(&["verify", path]);
    assert_eq!(bad.status.code(), Some(1));
    let report = stdout(&bad);
    let at = format!("day {day}, event {event}: hours: ");
    assert!(
        report.contains(&at) && report.contains("after it closes at 16:00"),
        "{report}"
    );
    // The edited plan still prints.
    let printed = jingqin(&["render", path, "--format", "text"]);
    assert_eq!(printed.status.code(), Some(0), "{}", stderr(&printed));
    assert!(stdout(&printed).contains("15:30–17:00"));
    // Not an itinerary: located.
    fs::write(&saved, "{\"schema\": 1}").expect("write");
    let garbage = jingqin(&["verify", path]);
    assert_eq!(garbage.status.code(), Some(65));
    assert!(
        stderr(&garbage).contains("line 1, column"),
        "{}",
        stderr(&garbage)
    );
}

/// Every file under `dir`, by its path relative to `dir`, with its bytes.
fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).expect("list a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(dir).expect("under dir");
                let bytes = fs::read(&path).expect("read a file");
                files.insert(name.to_string_lossy().into_owned(), bytes);
            }
        }
    }
    files
}

/// The `href` values of a page.
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_catalog_publishes_each_product_and_date_with_relative_links() {
    let out = tempfile::tempdir().expect("a temp dir");
    let dir = out.path().to_str().expect("a UTF-8 path");
    // The year's last days: a two-day trip from 31 December returns on a
    // day the sample timetable does not cover.
    let args = [
        "catalog",
        "--from",
        "2027-12-27",
        "--to",
        "2027-12-31",
        "--product",
        "qhd-1day,qhd-2day",
        "-o",
        dir,
    ];
    let run = jingqin(&args);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        stdout(&run).contains("10 start dates of 2 products, 1 not plannable"),
        "{}",
        stdout(&run)
    );
    let files = tree(out.path());
    let text = |name: &str| {
        String::from_utf8(
            files
                .get(name)
                .unwrap_or_else(|| panic!("{name} missing"))
                .clone(),
        )
        .expect("UTF-8")
    };
    // Every link is relative and leads to a file of the catalog.
    for page in ["index.html", "qhd-1day/index.html", "qhd-2day/index.html"] {
        let html = text(page);
        let folder = Path::new(page).parent().expect("a folder");
        for href in hrefs(&html) {
            assert!(
                !href.starts_with('/') && !href.contains("://"),
                "{page}: {href}"
            );
            // The link's target as a path from the catalog's folder.
            let mut parts: Vec<String> = Vec::new();
            for part in folder.join(&href).iter() {
                match part.to_string_lossy().as_ref() {
                    ".." => {
                        parts.pop();
                    }
                    part => parts.push(part.to_owned()),
                }
            }
            let target = parts.join("/");
            assert!(
                files.contains_key(&target),
                "{page} links to {href}, which is missing"
            );
        }
        // JSON-LD that parses.
        let ld = html
            .split("application/ld+json\">")
            .nth(1)
            .expect("JSON-LD");
        let ld = ld.split("</script>").next().expect("closed");
        let value: serde_json::Value = serde_json::from_str(ld).expect("JSON-LD parses");
        assert_eq!(value["@context"], "https://schema.org");
    }
    for date in ["2027-12-27", "2027-12-30"] {
        for name in [
            "index.html",
            "fragment.html",
            "trip.ics",
            "trip.json",
            "embed.html",
        ] {
            assert!(
                files.contains_key(&format!("qhd-2day/{date}/{name}")),
                "{date}/{name}"
            );
        }
    }
    // The page of a date is the plan's own printable page.
    let planned = jingqin(&[
        "plan",
        "--product",
        "qhd-2day",
        "--date",
        "2027-12-27",
        "--format",
        "html",
    ]);
    assert_eq!(text("qhd-2day/2027-12-27/index.html"), stdout(&planned));
    // 31 December is not plannable. The calendar tells visitors why in
    // their words; the operator learns what to fix.
    assert!(!files.contains_key("qhd-2day/2027-12-31/index.html"));
    let calendar = text("qhd-2day/index.html");
    assert!(calendar.contains("2027年12月"), "the month's calendar");
    assert!(
        calendar.contains(
            "title=\"该日期的班次时刻尚未公布 The timetable for these dates is not out yet\""
        ),
        "the reason"
    );
    assert!(
        !calendar.contains("timetable import"),
        "an operator's instruction on a visitor's page"
    );
    assert!(
        stderr(&run).contains(
            "note: qhd-2day 2027-12-31 not plannable: the pack's timetable has no train valid on 2028-01-01"
        ),
        "{}",
        stderr(&run)
    );
    let sitemap = text("sitemap.xml");
    assert!(sitemap.contains("<loc>qhd-2day/2027-12-27/index.html</loc>"));

    // Again: the same bytes, and nothing rewritten.
    let again = jingqin(&args);
    assert!(
        stdout(&again).contains("0 files written"),
        "{}",
        stdout(&again)
    );
    assert!(
        tree(out.path()) == files,
        "a second run changes the catalog"
    );
}

#[test]
fn a_catalog_takes_down_the_pages_of_a_date_that_no_longer_plans() {
    let out = tempfile::tempdir().expect("a temp dir");
    let dir = out.path().to_str().expect("a UTF-8 path");
    // 31 December plans no two-day trip on the sample timetable; pages
    // left there by an older pack would show visitors a trip that is gone.
    let stale = out.path().join("qhd-2day/2027-12-31");
    let kept = out.path().join("qhd-2day/2027-12-30");
    std::fs::create_dir_all(&stale).expect("a folder");
    for name in ["index.html", "trip.ics"] {
        std::fs::write(stale.join(name), "an old plan").expect("written");
    }
    std::fs::write(stale.join("notes.txt"), "the user's").expect("written");
    let args = [
        "catalog",
        "--from",
        "2027-12-30",
        "--to",
        "2027-12-31",
        "--product",
        "qhd-2day",
        "-o",
        dir,
    ];
    let run = jingqin(&args);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        stdout(&run).contains("1 not plannable")
            && stdout(&run).contains("2 removed from dates that no longer plan"),
        "{}",
        stdout(&run)
    );
    assert!(!stale.join("index.html").exists() && !stale.join("trip.ics").exists());
    assert_eq!(
        std::fs::read_to_string(stale.join("notes.txt")).expect("the user's file stays"),
        "the user's"
    );
    assert!(
        kept.join("index.html").exists(),
        "the plannable date's page"
    );
}

#[cfg(not(feature = "serve"))]
#[test]
fn serve_without_its_feature_says_how_to_build_it() {
    let out = jingqin(&["serve", "--addr", "127.0.0.1:0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--features serve"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_meeting_after_the_plans_departure_is_pointed_out() {
    let dir = tempfile::tempdir().expect("a temp dir");
    for name in ["agency.toml", "logo.svg"] {
        fs::copy(
            Path::new("examples/agency").join(name),
            dir.path().join(name),
        )
        .expect("copy");
    }
    let profile = dir.path().join("agency.toml");
    let text = fs::read_to_string(&profile).expect("read the profile");
    fs::write(
        &profile,
        text.replace("time = \"06:40\"", "time = \"08:00\""),
    )
    .expect("write");
    // The sample timetable's first train leaves 北京站 at 07:46.
    let output = jingqin(&[
        "plan",
        "--product",
        "qhd-2day",
        "--date",
        "2027-07-16",
        "--lang",
        "zh",
        "--agency",
        profile.to_str().expect("a UTF-8 path"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("集合时间08:00晚于本行程的出发时间07:46"),
        "{}",
        stdout(&output)
    );
}

/// The default pack without its optional `[rides]` and `[drive]` tables.
fn pack_without_ride_costs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    for name in jingqin::load::FILES {
        let from = std::path::Path::new("routes/beijing-qinhuangdao").join(name);
        std::fs::copy(from, dir.path().join(name)).expect("copy the pack");
    }
    let path = dir.path().join("pack.toml");
    let text = std::fs::read_to_string(&path).expect("read pack.toml");
    let mut kept = String::new();
    let mut skipping = false;
    for line in text.lines() {
        if line.starts_with('[') {
            skipping = line == "[rides]" || line == "[drive]";
        }
        if !skipping {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    std::fs::write(&path, kept).expect("write pack.toml");
    dir
}

#[test]
fn a_pack_without_ride_costs_checks_and_says_rides_are_not_included() {
    let dir = pack_without_ride_costs();
    let routes = dir.path().to_str().expect("a UTF-8 path");
    let check = jingqin(&["check", "--routes", routes]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(
        stdout(&check).contains("no [rides] tariff"),
        "{}",
        stdout(&check)
    );
    let by_rail = [
        "plan",
        "--routes",
        routes,
        "--product",
        "qhd-2day",
        "--date",
        "2027-07-17",
    ];
    let out = stdout(&jingqin(&[&by_rail[..], &["--lang", "zh"]].concat()));
    assert!(out.contains("不含餐费和当地打车费"), "{out}");
    let by_car = [
        "plan",
        "--routes",
        routes,
        "--days",
        "2",
        "--date",
        "2027-07-17",
        "--mode",
        "car",
    ];
    let out = stdout(&jingqin(&[&by_car[..], &["--lang", "zh"]].concat()));
    assert!(
        out.contains("不含餐费和自驾的油费、过路费、停车费"),
        "{out}"
    );
    assert!(!out.contains("车票"), "a self-drive has no fares: {out}");
    // With the tables, the same trips cost their rides and drive.
    let out = stdout(&jingqin(&[
        "plan",
        "--product",
        "qhd-2day",
        "--date",
        "2027-07-17",
        "--lang",
        "zh",
    ]));
    assert!(
        out.contains("当地打车：共") && !out.contains("当地打车费"),
        "{out}"
    );
}
