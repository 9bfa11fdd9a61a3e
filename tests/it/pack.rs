//! The pack loader seen from outside: every kind of problem in a route pack
//! is reported at the right file, line and column, and no input makes it
//! panic.
//!
//! Each broken case is `tests/fixtures/broken/<case>/`: the files that differ
//! from `tests/fixtures/valid/`, optionally `remove.txt` (pack files to
//! delete, one per line), and `expected.txt`, the diagnostics the loader must
//! report, in order, one per line:
//!
//! ```text
//! sites.toml:5:7: site "geziwo": lat = 139.9 is outside -90..90
//! lodging.toml: cannot read the file: …
//! ```
//!
//! A line without `:LINE:COL` is a problem with the file as a whole (no
//! position). A message ending in `…` is matched as a prefix (the rest is
//! the operating system's wording). `<pack>/` in a message stands for the
//! pack's folder (a temp dir), for messages that point into another file.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use jingqin::load::{self, Diagnostics, FILES};

const VALID: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid");
const BROKEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/broken");
const DEFAULT_PACK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/routes/beijing-qinhuangdao");

/// A fresh, empty directory for one test, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let unique = format!(
            "jingqin-pack-{name}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(unique);
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).expect("create the temp dir");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// The valid pack with `case`'s files laid over it, in a temp dir.
fn overlay(case: &str) -> TempDir {
    let dir = TempDir::new(case);
    for name in FILES {
        fs::copy(Path::new(VALID).join(name), dir.0.join(name)).expect("copy the valid pack");
    }
    let case_dir = Path::new(BROKEN).join(case);
    assert!(
        case_dir.is_dir(),
        "no fixture folder {}",
        case_dir.display()
    );
    for entry in fs::read_dir(&case_dir).expect("read the case folder") {
        let path = entry.expect("read the case folder").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".toml") {
            assert!(FILES.contains(&name), "{case}: {name} is not a pack file");
            fs::copy(&path, dir.0.join(name)).expect("copy a case file");
        }
    }
    if let Ok(remove) = fs::read_to_string(case_dir.join("remove.txt")) {
        for name in remove.lines().map(str::trim).filter(|l| !l.is_empty()) {
            fs::remove_file(dir.0.join(name)).expect("remove a pack file");
        }
    }
    dir
}

/// `file.toml:LINE:COL: message`, or `file.toml: message` without a position.
fn lines(diagnostics: &Diagnostics) -> Vec<String> {
    diagnostics
        .0
        .iter()
        .map(|d| {
            let file = d.file.file_name().map(|f| f.to_string_lossy().into_owned());
            let file = file.unwrap_or_default();
            match d.position {
                Some(p) => format!("{file}:{}:{}: {}", p.line, p.column, d.message),
                None => format!("{file}: {}", d.message),
            }
        })
        .collect()
}

fn check_case(case: &str) {
    let expected_path = Path::new(BROKEN).join(case).join("expected.txt");
    let expected = fs::read_to_string(&expected_path)
        .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
    let expected: Vec<&str> = expected.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(
        !expected.is_empty(),
        "{case}: expected.txt lists no problem"
    );

    let dir = overlay(case);
    let diagnostics = match load::load_dir(&dir.0) {
        Ok(_) => panic!("{case}: the broken pack loaded without a problem"),
        Err(diagnostics) => diagnostics,
    };
    // Messages that name another file of the pack name it by its path.
    let pack_dir = format!("{}{}", dir.0.display(), std::path::MAIN_SEPARATOR);
    let mut actual: Vec<String> = lines(&diagnostics)
        .into_iter()
        .map(|line| line.replace(&pack_dir, "<pack>/"))
        .collect();
    // A trailing `…` matches any rest of the line.
    for (actual, expected) in actual.iter_mut().zip(&expected) {
        if let Some(prefix) = expected.strip_suffix('…')
            && actual.starts_with(prefix)
        {
            *actual = expected.to_string();
        }
    }
    assert_eq!(
        actual, expected,
        "{case}: diagnostics differ from expected.txt; the loader said:\n{diagnostics}"
    );
    // Every diagnostic also renders, with its excerpt, without panicking.
    assert!(!diagnostics.to_string().is_empty());
}

macro_rules! broken {
    ($($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                check_case(stringify!($case));
            }
        )*

        /// Every folder under tests/fixtures/broken has a test above.
        #[test]
        fn every_broken_fixture_is_tested() {
            let tested = [$(stringify!($case)),*];
            let mut untested = Vec::new();
            for entry in fs::read_dir(BROKEN).expect("read tests/fixtures/broken") {
                let name = entry.expect("read tests/fixtures/broken").file_name();
                let name = name.to_string_lossy().into_owned();
                if !tested.contains(&name.as_str()) {
                    untested.push(name);
                }
            }
            assert!(untested.is_empty(), "fixtures without a test: {untested:?}");
            assert!(tested.len() >= 14, "only {} broken cases", tested.len());
        }
    };
}

broken! {
    unknown_field,
    missing_field,
    wrong_type,
    lat_out_of_range,
    rating_out_of_range,
    negative_price,
    bad_duration,
    bad_clock_time,
    bad_opening_hours,
    meal_window_reversed,
    pace_ends_before_start,
    min_visit_longer_than_visit,
    duplicate_id_across_files,
    unknown_must_site,
    unknown_service_hub,
    unknown_price_season,
    overlapping_seasons,
    arrives_before_departs,
    toml_syntax_error,
    missing_file,
    estimated_unknown_field,
    unknown_top_level_key,
    many_problems,
    calendar_problem_keeps_site_checks,
    malformed_holiday_date,
    product_from_not_beijing,
    unknown_timezone,
    sample_service_with_a_real_number,
    service_valid_to_before_valid_from,
    concession_unknown_site,
}

#[test]
fn valid_fixture_loads() {
    let pack = match load::load_dir(Path::new(VALID)) {
        Ok(pack) => pack,
        Err(diagnostics) => panic!("the valid fixture has problems:\n{diagnostics}"),
    };
    let ids: Vec<&str> = pack.sites.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["geziwo", "museum", "laolongtou"]);
    assert_eq!(pack.hubs.len(), 2);
    assert_eq!(pack.services.len(), 2);
    assert_eq!(pack.lodging.len(), 1);
    assert_eq!(pack.products.len(), 1);
}

#[test]
fn default_pack_loads() {
    let pack = match load::load_default() {
        Ok(pack) => pack,
        Err(diagnostics) => panic!("the embedded default pack has problems:\n{diagnostics}"),
    };
    assert!(
        pack.sites.len() >= 30,
        "the default pack has only {} sites; the Beijing–Qinhuangdao pack should have at least 30",
        pack.sites.len()
    );
}

// ---------------------------------------------------------------------------
// No panics on any input.

/// xorshift64*: a tiny deterministic PRNG.
struct Rng(u64);

impl Rng {
    /// A generator of its own for each round (splitmix64 of the round), so
    /// that a failing round can be replayed alone.
    fn seeded(round: u64) -> Rng {
        let mut z = round.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform-enough in `0..n`; `n` must be > 0.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The largest char boundary at or before `i`.
fn boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A random char boundary of `text`, `text.len()` included.
fn position(rng: &mut Rng, text: &str) -> usize {
    boundary(text, rng.below(text.len() + 1))
}

fn mutate(rng: &mut Rng, text: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    match rng.below(8) {
        // Delete a line.
        0 if !lines.is_empty() => {
            let i = rng.below(lines.len());
            lines
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, l)| *l)
                .collect()
        }
        // Duplicate a line.
        1 if !lines.is_empty() => {
            let i = rng.below(lines.len());
            let mut out: Vec<&str> = lines.clone();
            out.insert(i, lines[i]);
            out.concat()
        }
        // Swap two lines.
        2 if !lines.is_empty() => {
            let mut out = lines.clone();
            let (i, j) = (rng.below(lines.len()), rng.below(lines.len()));
            out.swap(i, j);
            out.concat()
        }
        // Replace one character.
        3 if !text.is_empty() => {
            let at = boundary(text, rng.below(text.len()));
            let len = text[at..].chars().next().map_or(0, char::len_utf8);
            let with = rng.pick(&[
                "\"", "=", "[", "]", "{", "}", "\n", "#", "9", "-", ".", "x", "é", "中",
            ]);
            format!("{}{with}{}", &text[..at], &text[at + len..])
        }
        // Truncate.
        4 => text[..position(rng, text)].to_owned(),
        // Insert a troublesome token.
        5 | 6 => {
            let at = position(rng, text);
            let token = rng.pick(&[
                "0", "-1", "1e400", "\"", "24:00", "\"\"", "-0", "nan", "inf",
            ]);
            format!("{}{token}{}", &text[..at], &text[at..])
        }
        // Replace a number with a huge or negative one.
        _ => {
            let starts: Vec<usize> = text
                .char_indices()
                .filter(|(i, c)| {
                    c.is_ascii_digit() && !text[..*i].ends_with(|p: char| p.is_ascii_digit())
                })
                .map(|(i, _)| i)
                .collect();
            if starts.is_empty() {
                return text.to_owned();
            }
            let start = *rng.pick(&starts);
            let end = text[start..]
                .find(|c: char| !c.is_ascii_digit() && c != '.')
                .map_or(text.len(), |n| start + n);
            let with = rng.pick(&[
                "99999999999999999999",
                "-1",
                "-99999",
                "1e308",
                "9223372036854775807",
                "-9223372036854775808",
                "4294967296",
                "0",
            ]);
            format!("{}{with}{}", &text[..start], &text[end..])
        }
    }
}

/// The valid fixture, and the default pack's files (over the fixture's where
/// the default pack does not have them yet).
fn base_packs() -> Vec<Vec<String>> {
    let read = |dir: &str, name: &str| fs::read_to_string(Path::new(dir).join(name)).ok();
    let valid: Vec<String> = FILES
        .iter()
        .map(|name| read(VALID, name).expect("read the valid fixture"))
        .collect();
    let mut packs = vec![valid.clone()];
    if Path::new(DEFAULT_PACK).is_dir() {
        let default = FILES
            .iter()
            .zip(&valid)
            .map(|(name, fallback)| read(DEFAULT_PACK, name).unwrap_or_else(|| fallback.clone()))
            .collect();
        packs.push(default);
    }
    packs
}

/// One mutated pack: builds it from `round`'s own seed, loads it from
/// `dir`, checks the diagnostics. Returns whether the pack was rejected.
fn mutated_round(round: usize, bases: &[Vec<String>], dir: &Path) -> bool {
    // The default pack is about ten times slower to load (30 sites' opening hours
    // parsed in a debug build): one round in twenty uses it.
    let base = &bases[if round % 20 == 19 { bases.len() - 1 } else { 0 }];
    let mut rng = Rng::seeded(round as u64);
    let mut texts = base.clone();
    // One to three mutations, mostly in one file, sometimes in several.
    for _ in 0..=rng.below(3) {
        let file = rng.below(FILES.len());
        texts[file] = mutate(&mut rng, &texts[file]);
    }
    for (name, text) in FILES.iter().zip(&texts) {
        fs::write(dir.join(name), text).expect("write a mutated file");
    }
    let Ok(result) = std::panic::catch_unwind(|| load::load_dir(dir)) else {
        let kept = std::env::temp_dir().join(format!("jingqin-panic-{round}"));
        let _ = fs::create_dir_all(&kept);
        for (name, text) in FILES.iter().zip(&texts) {
            let _ = fs::write(kept.join(name), text);
        }
        panic!(
            "round {round}: the loader panicked; pack kept in {}",
            kept.display()
        );
    };
    let Err(diagnostics) = result else {
        return false;
    };
    assert!(
        !diagnostics.0.is_empty(),
        "round {round}: Err without diagnostics"
    );
    for d in &diagnostics.0 {
        let name = d.file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let index = FILES.iter().position(|f| *f == name);
        let index = index.unwrap_or_else(|| panic!("round {round}: unknown file {name}"));
        assert!(
            !d.message.trim().is_empty(),
            "round {round}: empty message in {name}"
        );
        if let Some(p) = d.position {
            let line_count = texts[index].lines().count();
            assert!(
                p.line >= 1 && p.line <= line_count + 1 && p.column >= 1,
                "round {round}: {name}:{}:{} is outside the file ({line_count} lines): {}",
                p.line,
                p.column,
                d.message
            );
            let line = texts[index].lines().nth(p.line - 1).unwrap_or("");
            assert!(
                p.column <= line.chars().count() + 1,
                "round {round}: {name}:{}:{} is past the end of its line: {}",
                p.line,
                p.column,
                d.message
            );
        }
    }
    // Rendering, with the excerpts, must not panic either.
    assert!(!diagnostics.to_string().is_empty());
    true
}

#[test]
fn no_panic_on_mutated_packs() {
    const PACKS: usize = 2000;
    let started = std::time::Instant::now();
    let bases = base_packs();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let rejected: usize = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|worker| {
                let bases = &bases;
                scope.spawn(move || {
                    let dir = TempDir::new(&format!("mutations{worker}"));
                    (worker..PACKS)
                        .step_by(threads)
                        .filter(|round| mutated_round(*round, bases, &dir.0))
                        .count()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .sum()
    });
    // The mutations are not all harmless: most packs must be rejected.
    assert!(
        rejected > PACKS / 2,
        "only {rejected} of {PACKS} mutated packs were rejected"
    );
    eprintln!(
        "{PACKS} mutated packs, {rejected} rejected, in {:?} on {threads} threads",
        started.elapsed()
    );
}

// ---------------------------------------------------------------------------
// Agency profiles (`--agency agency.toml`), checked as strictly as a pack.

const AGENCY_EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/agency/agency.toml");
const AGENCY_FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/agency");

/// The problems found in `path`, as `file:LINE:COL: message` lines.
fn agency_problems(path: &Path) -> Vec<String> {
    match load::load_agency(path) {
        Ok(_) => panic!("{} loaded without a problem", path.display()),
        Err(diagnostics) => {
            // Every diagnostic also renders, with its excerpt, without panicking.
            assert!(!diagnostics.to_string().is_empty());
            lines(&diagnostics)
        }
    }
}

fn agency_fixture(name: &str) -> Vec<String> {
    agency_problems(&Path::new(AGENCY_FIXTURES).join(name))
}

#[test]
fn agency_example_loads() {
    let agency = load::load_agency(Path::new(AGENCY_EXAMPLE))
        .unwrap_or_else(|diagnostics| panic!("the example agency has problems:\n{diagnostics}"));
    assert!(agency.sample);
    assert_eq!(agency.licence, "SAMPLE-L-BJ-0001");
    assert_eq!(agency.name.zh, "京秦示例国际旅行社");
    assert_eq!(
        (
            agency.inclusions.len(),
            agency.exclusions.len(),
            agency.terms.len()
        ),
        (5, 3, 2)
    );
    let meeting = agency.meeting.expect("the example has a meeting point");
    assert_eq!(meeting.place.zh, "北京站东口");
    assert_eq!(meeting.time.to_string(), "06:40");
    assert!(meeting.note.is_some());

    let logo = agency.logo.expect("the example has a logo");
    assert_eq!(logo.media_type, "image/svg+xml");
    let data = (logo.data_uri)
        .strip_prefix("data:image/svg+xml;base64,")
        .expect("an SVG data URI");
    use base64::Engine;
    let svg =
        fs::read(Path::new(AGENCY_EXAMPLE).with_file_name("logo.svg")).expect("read the logo");
    assert_eq!(
        base64::engine::general_purpose::STANDARD.decode(data),
        Ok(svg)
    );
}

#[test]
fn agency_unknown_keys() {
    assert_eq!(
        agency_fixture("unknown_key.toml"),
        [
            "unknown_key.toml:7:1: [agency]: unknown field `fax`, expected one of `name`, `licence`, `sample`, `phone`, `emergency_phone`, `address`, `website`, `email`, `logo`",
            "unknown_key.toml:10:2: unknown key `meetings` at the top level of this file",
        ]
    );
}

#[test]
fn agency_bad_phone() {
    assert_eq!(
        agency_fixture("bad_phone.toml"),
        [
            r#"bad_phone.toml:5:9: [agency]: phone = "010-CALL-NOW" is not a phone number: it may hold only digits, spaces and + - ( )"#
        ]
    );
}

#[test]
fn agency_sample_never_borrows_a_real_licence() {
    assert_eq!(
        agency_fixture("sample_real_licence.toml"),
        [
            r#"sample_real_licence.toml:3:11: [agency]: licence = "L-BJ-CJ00001": a sample profile's licence starts with "SAMPLE-" (e.g. "SAMPLE-L-BJ-0001"), so that it never borrows a real licence number"#
        ]
    );
    assert_eq!(
        agency_fixture("real_sample_licence.toml"),
        [
            r#"real_sample_licence.toml:3:11: [agency]: licence = "SAMPLE-L-BJ-0002": "SAMPLE-" marks a sample licence; this profile is not one (add sample = true)"#
        ]
    );
}

#[test]
fn agency_logo_that_would_run_code() {
    let dir = Path::new(AGENCY_FIXTURES);
    let script = agency_fixture("script_logo.toml");
    let event = agency_fixture("event_logo.toml");
    for (problems, file, what) in [
        (script, "script", "contains a <script>"),
        (event, "event", "has an event attribute `onload=`"),
    ] {
        let svg = dir.join(format!("{file}.svg"));
        assert_eq!(
            problems,
            [format!(
                r#"{file}_logo.toml:8:8: [agency]: logo = "{file}.svg": {} {what}; logos are embedded in pages, where nothing may run"#,
                svg.display()
            )]
        );
    }
}

#[test]
fn agency_many_problems_at_once() {
    let missing = Path::new(AGENCY_FIXTURES).join("missing.svg");
    let problems = agency_fixture("many_problems.toml");
    let expected = [
        "many_problems.toml:2:8: [agency]: name.en is empty; expected text in both Chinese (zh) and English (en)".to_owned(),
        r#"many_problems.toml:6:19: [agency]: emergency_phone = "110" is not a phone number: it has fewer than 7 digits"#.to_owned(),
        r#"many_problems.toml:8:11: [agency]: website = "www.example.com" is not a web address; expected one starting with https:// or http://"#.to_owned(),
        r#"many_problems.toml:9:9: [agency]: email = "service.example.com" is not an email address; expected one @ with text either side"#.to_owned(),
        format!(r#"many_problems.toml:10:8: [agency]: logo = "missing.svg": {} cannot be read: …"#, missing.display()),
        r#"many_problems.toml:14:8: [meeting]: time = "6:40 am" is not a clock time; expected "HH:MM" between 00:00 and 24:00"#.to_owned(),
        "many_problems.toml:17:15: [terms]: inclusions[0].en is empty; expected text in both Chinese (zh) and English (en)".to_owned(),
    ];
    assert_eq!(problems.len(), expected.len(), "{problems:#?}");
    for (actual, expected) in problems.iter().zip(&expected) {
        match expected.strip_suffix('…') {
            Some(prefix) => assert!(actual.starts_with(prefix), "{actual}\nis not\n{expected}"),
            None => assert_eq!(actual, expected),
        }
    }
}

#[test]
fn agency_missing_field_and_invalid_toml() {
    assert_eq!(
        agency_fixture("missing_field.toml"),
        ["missing_field.toml:1:1: [agency]: missing field `emergency_phone`"]
    );
    let invalid = agency_fixture("invalid_toml.toml");
    assert_eq!(invalid.len(), 1, "{invalid:?}");
    assert!(
        invalid[0].starts_with("invalid_toml.toml:5:23: invalid TOML: "),
        "{invalid:?}"
    );
}

#[test]
fn agency_file_missing() {
    let path = Path::new(AGENCY_FIXTURES).join("no_such_agency.toml");
    let problems = agency_problems(&path);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].starts_with("no_such_agency.toml: cannot read the file: "),
        "{problems:?}"
    );
    let shown = load::load_agency(&path)
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(shown.contains(&path.display().to_string()), "{shown}");
}

#[test]
fn agency_logo_kinds() {
    let dir = TempDir::new("agency-logos");
    let agency = |logo: &str| {
        let text = format!(
            "[agency]\n\
             name = {{ zh = \"示例旅行社\", en = \"Sample Travel\" }}\n\
             licence = \"SAMPLE-L-BJ-0003\"\n\
             sample = true\n\
             phone = \"010-0000 0000\"\n\
             emergency_phone = \"(010) 0000-0001\"\n\
             address = {{ zh = \"北京市西城区\", en = \"Xicheng District, Beijing\" }}\n\
             logo = \"{logo}\"\n"
        );
        let path = dir.0.join("agency.toml");
        fs::write(&path, text).expect("write the agency file");
        load::load_agency(&path)
    };
    let write =
        |name: &str, bytes: &[u8]| fs::write(dir.0.join(name), bytes).expect("write a logo");

    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&[0; 24]);
    write("logo.png", &png);
    let logo = agency("logo.png").map(|a| a.logo);
    let logo = logo.unwrap_or_else(|d| panic!("a PNG logo is refused:\n{d}"));
    let logo = logo.expect("the logo is read");
    assert_eq!(logo.media_type, "image/png");
    assert!(
        logo.data_uri
            .starts_with("data:image/png;base64,iVBORw0KGgo")
    );

    // An SVG with a BOM, a declaration and comments before its root.
    write(
        "prolog.svg",
        "\u{feff}<?xml version=\"1.0\"?>\n<!-- a -->\n<!-- b -->\n<svg viewBox=\"0 0 1 1\" font-family=\"Noto\" version=\"1.1\"/>".as_bytes(),
    );
    assert!(agency("prolog.svg").is_ok_and(|a| a.logo.is_some()));

    let refused = [
        (
            "big.svg",
            [b"<svg>".as_slice(), &[b' '; 256 * 1024]].concat(),
            "is larger than the 256 KiB a logo may have",
        ),
        (
            "logo.txt",
            b"Jingqin Sample Travel".to_vec(),
            "is neither a PNG nor an SVG (an SVG's root element is <svg>)",
        ),
        (
            "html.svg",
            b"<html><svg/></html>".to_vec(),
            "is neither a PNG nor an SVG (an SVG's root element is <svg>)",
        ),
        (
            "open.svg",
            b"<!-- never closed <svg/>".to_vec(),
            "is neither a PNG nor an SVG (its prolog never ends)",
        ),
        (
            "link.svg",
            b"<svg><a href=\"JavaScript:alert(1)\"/></svg>".to_vec(),
            "contains a javascript: link",
        ),
    ];
    for (name, bytes, problem) in refused {
        write(name, &bytes);
        let Err(diagnostics) = agency(name) else {
            panic!("{name} is accepted as a logo");
        };
        let expected = format!(
            r#"agency.toml:8:8: [agency]: logo = "{name}": {} {problem}"#,
            dir.0.join(name).display()
        );
        let problems = lines(&diagnostics);
        assert!(
            problems.len() == 1 && problems[0].starts_with(&expected),
            "{problems:?}"
        );
    }
}

#[test]
fn agency_no_panic_on_mutations() {
    const ROUNDS: u64 = 500;
    let dir = TempDir::new("agency-mutations");
    let example = Path::new(AGENCY_EXAMPLE);
    let agency = fs::read_to_string(example).expect("read the example agency");
    let logo = fs::read_to_string(example.with_file_name("logo.svg")).expect("read the logo");
    let mut rejected = 0;
    for round in 0..ROUNDS {
        let mut rng = Rng::seeded(round);
        let mut text = agency.clone();
        for _ in 0..=rng.below(3) {
            text = mutate(&mut rng, &text);
        }
        let svg = match rng.below(2) {
            0 => mutate(&mut rng, &logo),
            _ => logo.clone(),
        };
        fs::write(dir.0.join("agency.toml"), &text).expect("write the agency file");
        fs::write(dir.0.join("logo.svg"), &svg).expect("write the logo");
        let result = std::panic::catch_unwind(|| load::load_agency(&dir.0.join("agency.toml")));
        match result {
            Ok(Ok(_)) => {}
            Ok(Err(diagnostics)) => {
                assert!(!diagnostics.to_string().is_empty());
                rejected += 1;
            }
            Err(_) => panic!("round {round} panicked on:\n{text}\n---\n{svg}"),
        }
    }
    // Comment lines make some mutations harmless, but not most.
    assert!(
        rejected > ROUNDS / 2,
        "only {rejected} of {ROUNDS} mutated agency files were rejected"
    );
}
