//! `jingqin plan` seen from outside: every plan the binary prints for the
//! default pack is checked by an independent feasibility checker
//! (`plan_check`) against the pack's facts and the JSON output contract,
//! over a spread of dates across a whole year.

mod plan_check;

use std::path::PathBuf;
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{Datelike, NaiveDate};
use serde_json::{Value, json};

use plan_check::{Checker, infeasible_is_explained, refusal_is_explained};

const PRODUCTS: [&str; 3] = ["qhd-1day", "qhd-2day", "qhd-3day"];

/// Start dates over a year: every season (peak Jul–Aug, shoulder May–Jun and
/// Sep–Oct, off Nov–Apr), every weekday, public holidays, and trips that
/// cross a season, a month or the year's end.
const DATES: [&str; 26] = [
    "2026-02-16", // Mon, Spring Festival 2026 (off)
    "2026-06-19", // Fri, Dragon Boat Festival 2026 (shoulder)
    "2026-10-01", // Thu, National Day 2026 (shoulder)
    "2026-11-16", // Mon, off
    "2026-12-08", // Tue, off
    "2027-01-13", // Wed, off
    "2027-02-06", // Sat, Spring Festival 2027 (off)
    "2027-03-05", // Fri, off
    "2027-04-05", // Mon, Qingming 2027 (off)
    "2027-04-30", // Fri, off → shoulder, into Labour Day
    "2027-05-01", // Sat, Labour Day (shoulder)
    "2027-05-19", // Wed, shoulder
    "2027-06-27", // Sun, shoulder
    "2027-06-30", // Wed, shoulder → peak
    "2027-07-01", // Thu, peak
    "2027-07-16", // Fri, peak
    "2027-08-10", // Tue, peak
    "2027-08-29", // Sun, peak → shoulder
    "2027-09-08", // Wed, shoulder
    "2027-09-15", // Wed, Mid-Autumn 2027 (shoulder)
    "2027-09-25", // Sat, shoulder
    "2027-10-01", // Fri, National Day 2027 (shoulder)
    "2027-10-30", // Sat, shoulder → off
    "2027-11-11", // Thu, off
    "2027-12-20", // Mon, off
    "2027-12-31", // Fri, off, into 2028
];

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_jingqin"))
}

/// What one run of the binary gave.
struct Outcome {
    args: Vec<String>,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Outcome {
    fn command(&self) -> String {
        format!("jingqin {}", self.args.join(" "))
    }
}

fn run(args: &[&str]) -> Outcome {
    let output = bin().args(args).output().expect("the binary runs");
    Outcome {
        args: args.iter().map(|a| (*a).to_owned()).collect(),
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs every command line, a few at a time; outcomes in the same order.
fn run_all(requests: &[Vec<String>]) -> Vec<Outcome> {
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(2, 4);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> =
        Mutex::new((0..requests.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(args) = requests.get(i) else { break };
                    let args: Vec<&str> = args.iter().map(String::as_str).collect();
                    let outcome = run(&args);
                    results.lock().expect("no worker panicked")[i] = Some(outcome);
                }
            });
        }
    });
    results
        .into_inner()
        .expect("no worker panicked")
        .into_iter()
        .map(|o| o.expect("every request ran"))
        .collect()
}

fn args(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| (*w).to_owned()).collect()
}

/// Checks the plan an outcome printed; the problems, each with the command.
fn check_plan(checker: &Checker, outcome: &Outcome, echo: &[(&str, Value)]) -> Vec<String> {
    let command = outcome.command();
    if outcome.code != Some(0) {
        return vec![format!(
            "{command}: exit {:?}: {}",
            outcome.code,
            outcome.stderr.trim()
        )];
    }
    let json: Value = match serde_json::from_str(&outcome.stdout) {
        Ok(json) => json,
        Err(e) => return vec![format!("{command}: stdout is not JSON ({e})")],
    };
    let mut problems = checker.check(&json);
    for (key, expected) in echo {
        if &json["request"][key] != expected {
            problems.push(format!(
                "request.{key} is {}, expected {expected}",
                json["request"][key]
            ));
        }
    }
    problems
        .into_iter()
        .map(|p| format!("{command}: {p}"))
        .collect()
}

fn assert_no_failures(failures: &[String], checked: usize) {
    assert!(
        failures.is_empty(),
        "{} problem(s) in {checked} plan request(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_schema_is_a_documented_draft_2020_12_schema() {
    // Compiling validates the schema against the 2020-12 meta-schema.
    let _ = Checker::new();
    let text = std::fs::read_to_string(plan_check::SCHEMA_PATH).expect("schema exists");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let mut undocumented = Vec::new();
    fn walk(v: &Value, path: &str, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    for (name, prop) in props {
                        if name != "kind" && prop.get("description").is_none() {
                            out.push(format!("{path}/properties/{name}"));
                        }
                    }
                }
                for (k, child) in map {
                    walk(child, &format!("{path}/{k}"), out);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, &format!("{path}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    walk(&schema, "#", &mut undocumented);
    assert!(
        undocumented.is_empty(),
        "properties without a description: {undocumented:?}"
    );
}

#[test]
fn the_dates_cover_every_season_and_weekday() {
    let checker = Checker::new();
    let dates: Vec<NaiveDate> = DATES
        .iter()
        .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("a date"))
        .collect();
    let weekdays: std::collections::BTreeSet<u32> = dates
        .iter()
        .map(|d| d.weekday().num_days_from_monday())
        .collect();
    assert_eq!(weekdays.len(), 7, "every weekday is a start date");
    for season in ["peak", "shoulder_spring", "shoulder_autumn", "off"] {
        assert!(
            dates.iter().any(|d| checker.pack.season_on(*d) == season),
            "no date in season {season}"
        );
    }
    let holidays = dates
        .iter()
        .filter(|d| checker.pack.calendar.holiday_on(**d).is_some())
        .count();
    assert!(holidays >= 5, "only {holidays} public holidays");
}

/// Every product on every date: a feasible plan that keeps the contract, or
/// a refusal that names the must-see closed on every day of the trip.
#[test]
fn every_product_over_a_year_is_feasible() {
    let checker = Checker::new();
    let mut requests = Vec::new();
    for product in PRODUCTS {
        for date in DATES {
            requests.push(args(&[
                "plan",
                "--product",
                product,
                "--date",
                date,
                "--format",
                "json",
            ]));
        }
    }
    let outcomes = run_all(&requests);
    let mut failures = Vec::new();
    let mut refused = Vec::new();
    for outcome in &outcomes {
        let (product, date) = (outcome.args[2].as_str(), outcome.args[4].as_str());
        if outcome.code == Some(1) {
            let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("a date");
            match infeasible_is_explained(&checker.pack, product, day, &outcome.stderr) {
                Ok(()) => refused.push(format!("{product} {date}")),
                Err(why) => failures.push(format!("{}: exit 1: {why}", outcome.command())),
            }
            continue;
        }
        failures.extend(check_plan(
            &checker,
            outcome,
            &[("product", json!(product)), ("date", json!(date))],
        ));
    }
    eprintln!(
        "{} plans checked; refused with reason: {refused:?}",
        outcomes.len()
    );
    assert_no_failures(&failures, outcomes.len());
}

/// Trips by length alone, and by coach and by car.
#[test]
fn trips_by_length_and_mode_are_feasible() {
    let checker = Checker::new();
    let mut requests = Vec::new();
    for date in ["2027-07-16", "2027-11-11", "2027-05-19", "2027-10-01"] {
        for days in ["1", "2", "3"] {
            requests.push(args(&[
                "plan", "--days", days, "--date", date, "--format", "json",
            ]));
        }
    }
    requests.push(args(&[
        "plan",
        "--days",
        "2",
        "--date",
        "2027-08-10",
        "--mode",
        "coach",
        "--from",
        "bj_bawangfen",
        "--format",
        "json",
    ]));
    requests.push(args(&[
        "plan",
        "--days",
        "2",
        "--date",
        "2027-09-25",
        "--mode",
        "car",
        "--format",
        "json",
    ]));
    let outcomes = run_all(&requests);
    let mut failures = Vec::new();
    for outcome in &outcomes {
        let mut echo = vec![
            ("product", Value::Null),
            ("date", json!(outcome.args[4])),
            ("days", json!(outcome.args[2].parse::<u64>().expect("days"))),
        ];
        if let Some(i) = outcome.args.iter().position(|a| a == "--mode") {
            echo.push(("mode", json!(outcome.args[i + 1])));
        }
        failures.extend(check_plan(&checker, outcome, &echo));
    }
    assert_no_failures(&failures, outcomes.len());
}

/// Paces, interests, a chosen lodging, coach trips, parties and pinned
/// must-sees.
#[test]
fn varied_requests_are_feasible() {
    let checker = Checker::new();
    let requests: [(&str, &[(&str, Value)]); 7] = [
        (
            "--days 3 --date 2027-08-10 --pace packed --interests food=3,shopping=2",
            &[("pace", json!("packed"))],
        ),
        (
            "--days 2 --date 2027-11-11 --pace relaxed --lodging shg_oldtown_hotel",
            &[
                ("pace", json!("relaxed")),
                ("lodging", json!("shg_oldtown_hotel")),
            ],
        ),
        (
            "--days 3 --date 2027-05-19 --mode coach --from bj_bawangfen --party adults=1,children=2",
            &[
                ("mode", json!("coach")),
                ("from", json!("bj_bawangfen")),
                ("party", json!({"adults": 1, "children": 2, "seniors": 0})),
            ],
        ),
        (
            "--days 1 --date 2027-09-15 --mode coach --from bj_bawangfen",
            &[("mode", json!("coach"))],
        ),
        (
            "--product qhd-2day --date 2027-07-16 --must aranya@1",
            &[("product", json!("qhd-2day"))],
        ),
        (
            "--days 2 --date 2027-03-05 --must geziwo@1",
            &[("must", json!([{"site": "geziwo", "day": 1}]))],
        ),
        (
            // By car: the sample timetable ends with 2027.
            "--days 3 --date 2027-12-31 --mode car --pace packed --party adults=0,children=0,seniors=3",
            &[("party", json!({"adults": 0, "children": 0, "seniors": 3}))],
        ),
    ];
    let lines: Vec<Vec<String>> = requests
        .iter()
        .map(|(words, _)| {
            let mut line = args(&["plan", "--format", "json"]);
            line.extend(words.split_whitespace().map(str::to_owned));
            line
        })
        .collect();
    let outcomes = run_all(&lines);
    let mut failures = Vec::new();
    for (outcome, (_, echo)) in outcomes.iter().zip(requests) {
        failures.extend(check_plan(&checker, outcome, echo));
    }
    assert_no_failures(&failures, outcomes.len());
}

/// A must-see closed on every day it may be visited: exit 1, and stderr
/// says which site is closed.
#[test]
fn refusals_name_the_closed_must_see() {
    let checker = Checker::new();
    // qigong_hospital: "Mo-Fr 08:30-11:30,14:00-17:00; PH off".
    /// Words of the request, its must-sees, its date and days.
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, Option<u8>)], &'a str, u8);
    let cases: [Case; 3] = [
        (
            &[
                "--days",
                "1",
                "--date",
                "2027-10-01",
                "--must",
                "qigong_hospital",
            ],
            &[("qigong_hospital", None)],
            "2027-10-01",
            1,
        ),
        (
            &[
                "--days",
                "2",
                "--date",
                "2027-09-24",
                "--must",
                "qigong_hospital@2",
            ],
            &[("qigong_hospital", Some(2))],
            "2027-09-24",
            2,
        ),
        (
            &[
                "--days",
                "3",
                "--date",
                "2027-02-06",
                "--must",
                "qigong_hospital",
            ],
            &[("qigong_hospital", None)],
            "2027-02-06",
            3,
        ),
    ];
    let mut failures = Vec::new();
    for (words, must, date, days) in cases {
        let mut request = vec!["plan", "--format", "json"];
        request.extend_from_slice(words);
        let outcome = run(&request);
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("a date");
        if outcome.code != Some(1) {
            failures.push(format!(
                "{}: exit {:?}, expected 1 (infeasible)",
                outcome.command(),
                outcome.code
            ));
        } else if let Err(why) =
            refusal_is_explained(&checker.pack, must, date, days, &outcome.stderr)
        {
            failures.push(format!("{}: {why}", outcome.command()));
        }
        if !outcome.stdout.trim().is_empty() {
            failures.push(format!(
                "{}: a refused request printed on stdout",
                outcome.command()
            ));
        }
    }
    assert_no_failures(&failures, 3);
}

const CUSTOM: [&str; 14] = [
    "plan",
    "--days",
    "2",
    "--date",
    "2027-09-08",
    "--must",
    "geziwo@2,laolongtou",
    "--avoid",
    "jiaoshan,aranya",
    "--party",
    "adults=2,children=1,seniors=1",
    "--format",
    "json",
    "--seed=7",
];

#[test]
fn must_avoid_and_party_are_kept() {
    let checker = Checker::new();
    let outcome = run(&CUSTOM);
    let mut failures = check_plan(
        &checker,
        &outcome,
        &[
            (
                "must",
                json!([{"site": "geziwo", "day": 2}, {"site": "laolongtou", "day": null}]),
            ),
            ("avoid", json!(["jiaoshan", "aranya"])),
            ("party", json!({"adults": 2, "children": 1, "seniors": 1})),
            ("seed", json!(7)),
        ],
    );
    if let Ok(json) = serde_json::from_str::<Value>(&outcome.stdout) {
        for site in ["jiaoshan", "aranya"] {
            let reason = json["omitted"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|o| o["site"] == site)
                .map(|o| o["reason"].clone());
            if reason != Some(json!("avoided")) {
                failures.push(format!(
                    "{}: omitted reason of {site} is {reason:?}, expected \"avoided\"",
                    outcome.command()
                ));
            }
        }
    }
    assert_no_failures(&failures, 1);
}

#[test]
fn the_same_request_and_seed_give_the_same_bytes() {
    let mut failures = Vec::new();
    for format in ["json", "text"] {
        let mut request: Vec<&str> = CUSTOM.to_vec();
        let at = request.iter().position(|a| *a == "json").expect("format");
        request[at] = format;
        let product = [
            "plan",
            "--product",
            "qhd-3day",
            "--date",
            "2027-07-16",
            "--seed",
            "3",
            "--format",
            format,
        ];
        for words in [request.as_slice(), product.as_slice()] {
            let requests = vec![args(words), args(words), args(words)];
            let outcomes = run_all(&requests);
            let first = &outcomes[0];
            if first.code != Some(0) || first.stdout.is_empty() {
                failures.push(format!(
                    "{}: exit {:?}, {} bytes: {}",
                    first.command(),
                    first.code,
                    first.stdout.len(),
                    first.stderr.trim()
                ));
                continue;
            }
            for other in &outcomes[1..] {
                if other.stdout != first.stdout || other.code != first.code {
                    failures.push(format!("{}: output differs between runs", first.command()));
                }
            }
        }
    }
    assert_no_failures(&failures, 4);
}

/// A fresh, empty directory for one test, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!("jingqin-plan-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("temp dir");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn output_file_gets_the_plan() {
    let checker = Checker::new();
    let dir = TempDir::new("out");
    let file = dir.0.join("plan.json");
    let file_arg = file.to_str().expect("utf-8 path");
    let request = [
        "plan",
        "--product",
        "qhd-2day",
        "--date",
        "2027-07-16",
        "--format",
        "json",
    ];
    let to_stdout = run(&request);
    let mut with_file = request.to_vec();
    with_file.extend(["-o", file_arg]);
    let to_file = run(&with_file);
    assert_eq!(
        to_file.code,
        Some(0),
        "{}: {}",
        to_file.command(),
        to_file.stderr
    );
    let written = std::fs::read_to_string(&file).expect("-o wrote the file");
    assert_eq!(
        written, to_stdout.stdout,
        "the file holds what stdout would have"
    );
    assert!(
        to_file.stdout.trim().is_empty(),
        "nothing else on stdout: {:?}",
        to_file.stdout
    );
    let json: Value = serde_json::from_str(&written).expect("the file is JSON");
    let problems = checker.check(&json);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn bad_requests_are_refused_with_help() {
    let mut failures = Vec::new();
    let unknown = run(&[
        "plan",
        "--days",
        "2",
        "--date",
        "2027-07-16",
        "--must",
        "gezewo",
    ]);
    if !matches!(unknown.code, Some(1 | 2)) {
        failures.push(format!(
            "{}: exit {:?}, expected 2 (or 1)",
            unknown.command(),
            unknown.code
        ));
    }
    if !unknown.stderr.to_lowercase().contains("did you mean") || !unknown.stderr.contains("geziwo")
    {
        failures.push(format!(
            "{}: stderr has no \"did you mean … geziwo\": {}",
            unknown.command(),
            unknown.stderr.trim()
        ));
    }
    for request in [
        ["plan", "--days", "9", "--date", "2027-07-16"],
        ["plan", "--days", "2", "--date", "2027-02-30"],
        ["plan", "--days", "0", "--date", "2027-07-16"],
        ["plan", "--product", "qhd-9day", "--date", "2027-07-16"],
    ] {
        let outcome = run(&request);
        if outcome.code != Some(2) {
            failures.push(format!(
                "{}: exit {:?}, expected 2",
                outcome.command(),
                outcome.code
            ));
        }
        if outcome.stderr.trim().is_empty() {
            failures.push(format!("{}: nothing on stderr", outcome.command()));
        }
        if !outcome.stdout.trim().is_empty() {
            failures.push(format!(
                "{}: a refused request printed on stdout",
                outcome.command()
            ));
        }
    }
    assert_no_failures(&failures, 5);
}

/// The checker itself: each way of breaking a plan is caught.
#[test]
fn the_checker_catches_broken_plans() {
    let checker = Checker::new();
    let outcome = run(&[
        "plan",
        "--product",
        "qhd-2day",
        "--date",
        "2027-07-16",
        "--format",
        "json",
    ]);
    assert_eq!(outcome.code, Some(0), "{}", outcome.stderr);
    let plan: Value = serde_json::from_str(&outcome.stdout).expect("JSON");
    let baseline = checker.check(&plan);
    let mut missed_setup = Vec::new();

    let events = |plan: &Value, day: usize| -> Vec<Value> {
        plan["days"][day]["events"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    let find = |plan: &Value, kind: &str| -> Option<(usize, usize)> {
        (0..plan["days"].as_array().map_or(0, Vec::len)).find_map(|d| {
            events(plan, d)
                .iter()
                .position(|e| e["kind"] == kind)
                .map(|i| (d, i))
        })
    };
    type Mutation = Box<dyn Fn(&mut Value)>;
    let mut mutations: Vec<(&str, Mutation)> = vec![
        (
            "unknown top-level field",
            Box::new(|p: &mut Value| p["extra"] = json!(1)),
        ),
        (
            "time without offset",
            Box::new(|p: &mut Value| {
                let t = p["days"][0]["events"][0]["start"]
                    .as_str()
                    .unwrap()
                    .replace("+08:00", "");
                p["days"][0]["events"][0]["start"] = json!(t);
            }),
        ),
        (
            "wrong visit count",
            Box::new(|p: &mut Value| {
                let n = p["totals"]["visits"].as_u64().unwrap();
                p["totals"]["visits"] = json!(n + 1);
            }),
        ),
        (
            "dates not consecutive",
            Box::new(|p: &mut Value| p["days"][1]["date"] = json!("2027-07-18")),
        ),
        (
            "train leaves a minute late",
            Box::new(|p: &mut Value| {
                let t = p["days"][0]["events"][0]["start"].as_str().unwrap();
                let later = match &t[14..16] {
                    "59" => t.replace(":59:00", ":58:00"),
                    m => {
                        let next = format!("{:02}", m.parse::<u32>().unwrap() + 1);
                        format!("{}{}{}", &t[..14], next, &t[16..])
                    }
                };
                p["days"][0]["events"][0]["start"] = json!(later);
            }),
        ),
        (
            "unknown service",
            Box::new(|p: &mut Value| p["days"][0]["events"][0]["service"] = json!("G9999")),
        ),
        (
            "last day lost its train home",
            Box::new(|p: &mut Value| {
                p["days"][1]["events"].as_array_mut().unwrap().pop();
            }),
        ),
        (
            "events out of order",
            Box::new(|p: &mut Value| {
                p["days"][0]["events"].as_array_mut().unwrap().swap(0, 1);
            }),
        ),
    ];
    if let Some((d, i)) = find(&plan, "visit") {
        mutations.push((
            "visit moved to 03:00",
            Box::new(move |p: &mut Value| {
                let e = &mut p["days"][d]["events"][i];
                let s = e["start"].as_str().unwrap().to_owned();
                e["start"] = json!(format!("{}03:00{}", &s[..11], &s[16..]));
            }),
        ));
        mutations.push((
            "visit shorter than min_visit",
            Box::new(move |p: &mut Value| {
                let e = &mut p["days"][d]["events"][i];
                e["end"] = e["start"].clone();
            }),
        ));
        mutations.push((
            "visited site also omitted",
            Box::new(move |p: &mut Value| {
                let site = p["days"][d]["events"][i]["site"].clone();
                p["omitted"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"site": site, "reason": "outscored", "code": "outscored", "detail": "x"}));
            }),
        ));
        mutations.push((
            "avoided site visited",
            Box::new(move |p: &mut Value| {
                let site = p["days"][d]["events"][i]["site"].clone();
                p["request"]["avoid"].as_array_mut().unwrap().push(site);
            }),
        ));
        mutations.push((
            "visit without a transfer to it",
            Box::new(move |p: &mut Value| {
                p["days"][d]["events"][i]["site"] = json!("zushan");
            }),
        ));
    }
    if let Some((d, i)) = find(&plan, "meal") {
        mutations.push((
            "meal removed",
            Box::new(move |p: &mut Value| {
                p["days"][d]["events"].as_array_mut().unwrap().remove(i);
            }),
        ));
        mutations.push((
            "meal near elsewhere",
            Box::new(move |p: &mut Value| {
                p["days"][d]["events"][i]["near"] = json!("zushan");
            }),
        ));
    }
    if let Some((d, i)) = find(&plan, "lodging") {
        mutations.push((
            "lodging event elsewhere",
            Box::new(move |p: &mut Value| {
                p["days"][d]["events"][i]["lodging"] = json!("aranya_hotel");
            }),
        ));
    }
    let sunrise_visit = (0..plan["days"].as_array().map_or(0, Vec::len)).find_map(|d| {
        events(&plan, d)
            .iter()
            .position(|e| e["sunrise"] == true)
            .map(|i| (d, i))
    });
    if let Some((d, i)) = sunrise_visit {
        mutations.push((
            "sunrise visit at noon",
            Box::new(move |p: &mut Value| {
                let e = &mut p["days"][d]["events"][i];
                let s = e["start"].as_str().unwrap().to_owned();
                e["start"] = json!(format!("{}11:00{}", &s[..11], &s[16..]));
                e["end"] = json!(format!("{}12:00{}", &s[..11], &s[16..]));
            }),
        ));
    } else {
        missed_setup.push("no sunrise visit in the qhd-2day plan to break");
    }
    mutations.push((
        "must-see missing",
        Box::new(|p: &mut Value| {
            p["request"]["must"]
                .as_array_mut()
                .unwrap()
                .push(json!({"site": "zushan", "day": null}));
        }),
    ));
    // What the checker must say about each.
    let expected = |name: &str| match name {
        "unknown top-level field" | "time without offset" => "schema",
        "wrong visit count" => "totals.visits",
        "dates not consecutive" => "consecutive",
        "train leaves a minute late" => "does not match the pack's",
        "unknown service" => "not in the pack's timetable",
        "last day lost its train home" => "not the trip back",
        "events out of order" => "starts before the previous event",
        "visit moved to 03:00" => "not inside one open interval",
        "visit shorter than min_visit" => "min_visit",
        "visited site also omitted" => "is visited",
        "avoided site visited" => "request.avoid",
        "visit without a transfer to it" | "meal near elsewhere" | "lodging event elsewhere" => {
            "the party is at"
        }
        "meal removed" => "no ",
        "sunrise visit at noon" => "sun rises",
        "must-see missing" => "is not visited",
        _ => "?",
    };
    let mut missed = missed_setup;
    for (name, mutate) in &mutations {
        let mut broken = plan.clone();
        mutate(&mut broken);
        let problems = checker.check(&broken);
        let needle = expected(name);
        if !problems
            .iter()
            .any(|p| !baseline.contains(p) && p.contains(needle))
        {
            missed.push(*name);
            eprintln!("{name}: expected a problem with {needle:?}, got {problems:#?}");
        }
    }
    assert!(missed.is_empty(), "the checker missed: {missed:?}");
}
