//! How planning grows with the pack: the default pack with generated sites
//! added (copies of its own sites, moved a few km and given new ids) to 30,
//! 300, 1000 and 3000 sites, a three-day trip planned on each. Each size
//! runs in its own process, so that its peak memory (VmHWM) is its own.
//!
//! `cargo bench --bench scale` prints a table: sites, the median seconds
//! of five plans, peak MiB.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use chrono::NaiveDate;
use jingqin::load::{DEFAULT_PACK_DIR, FILES, load_dir};
use jingqin::plan::{RequestSpec, plan};

const SIZES: [usize; 4] = [30, 300, 1000, 3000];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--sites") {
        let sites: usize = args[at + 1].parse().expect("a number of sites");
        one(sites);
        return;
    }
    println!("| sites | three-day plan | peak memory |");
    println!("| ---: | ---: | ---: |");
    let exe = std::env::current_exe().expect("this benchmark");
    for sites in SIZES {
        let output = Command::new(&exe)
            .args(["--sites", &sites.to_string()])
            .output()
            .expect("run one size");
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{sites} sites: {text}");
        println!("{}", text.trim());
    }
}

/// Plans on a pack of `sites` sites and prints a table row.
fn one(sites: usize) {
    let dir = std::env::temp_dir().join(format!("jingqin-scale-{sites}-{}", std::process::id()));
    write_pack(&dir, sites);
    let pack = load_dir(&dir).expect("the generated pack loads");
    let _ = std::fs::remove_dir_all(&dir);
    let spec = RequestSpec {
        days: Some(3),
        date: NaiveDate::from_ymd_opt(2027, 7, 16),
        ..RequestSpec::default()
    };
    let today = NaiveDate::from_ymd_opt(2027, 7, 1).expect("a date");
    let request = spec.resolve(&pack, today).expect("the request resolves");
    // The median of five plans: one run on a shared machine is noisy.
    let mut seconds: Vec<f64> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let itinerary = plan(&pack, &request).expect("the trip plans");
            assert_eq!(itinerary.days.len(), 3);
            start.elapsed().as_secs_f64()
        })
        .collect();
    seconds.sort_by(f64::total_cmp);
    let seconds = seconds[seconds.len() / 2];
    println!(
        "| {} | {:.0} ms | {} MiB |",
        pack.sites.len(),
        seconds * 1000.0,
        peak_mib()
    );
}

/// The default pack, its sites.toml grown to `sites` entries.
fn write_pack(dir: &Path, sites: usize) {
    std::fs::create_dir_all(dir).expect("a temp dir");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_PACK_DIR);
    for name in FILES {
        std::fs::copy(source.join(name), dir.join(name)).expect("copy a pack file");
    }
    let text = std::fs::read_to_string(source.join("sites.toml")).expect("sites.toml");
    let entries: Vec<&str> = text.split("\n[[site]]\n").skip(1).collect();
    let mut out = text.clone();
    for n in 0..sites.saturating_sub(entries.len()) {
        let entry = entries[n % entries.len()];
        // A few km away, in a ring around the original.
        let shift = |line: &str, key: &str, by: f64| -> Option<String> {
            let value: f64 = line.strip_prefix(key)?.parse().ok()?;
            Some(format!("{key}{:.5}", value + by))
        };
        let angle = n as f64 * 2.399;
        let (dlat, dlon) = (0.02 * angle.sin(), 0.025 * angle.cos());
        let copy: Vec<String> = entry
            .lines()
            .map(|line| {
                if let Some(rest) = line.strip_prefix("id = \"") {
                    format!("id = \"gen{n}_{}", rest)
                } else {
                    shift(line, "lat = ", dlat)
                        .or_else(|| shift(line, "lon = ", dlon))
                        .unwrap_or_else(|| line.to_owned())
                }
            })
            .collect();
        out.push_str("\n[[site]]\n");
        out.push_str(&copy.join("\n"));
        out.push('\n');
    }
    std::fs::write(dir.join("sites.toml"), out).expect("write sites.toml");
}

/// The process's peak resident memory, in MiB, from /proc (0 elsewhere).
fn peak_mib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}
