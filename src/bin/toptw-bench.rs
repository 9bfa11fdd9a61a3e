//! `toptw-bench`: runs the TOPTW solver on the public benchmark instances
//! (KU Leuven format), re-checks every solution with the independent
//! checker, and reports the gap to the best-known scores as a table, a CSV
//! and per-set summaries.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use jingqin::solve::{Config, check, oplib, solve};

/// The folders of the standard 76-file TOPTW benchmark, in report order.
const FOLDERS: [&str; 4] = ["c_r_rc_100_100", "c_r_rc_200_100", "pr01_10", "pr11_20"];

#[derive(Parser)]
#[command(about = "Benchmark the TOPTW solver against best-known scores")]
struct Args {
    /// Benchmark folder holding instances/ and bks.csv
    dir: PathBuf,
    /// Wall-clock budget per run, in seconds
    #[arg(long, default_value_t = 1.0)]
    budget: f64,
    /// Iteration budget per run (default: unlimited, the time budget rules)
    #[arg(long)]
    iterations: Option<u64>,
    /// The first seed
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Runs each row with this many seeds (seed, seed + 1, …); the summary
    /// takes the mean and the worst over all runs
    #[arg(long, default_value_t = 1)]
    seeds: u64,
    /// Runs only the rows with at most this many routes
    #[arg(long)]
    max_m: Option<usize>,
    /// Runs only the rows with a best-known score in bks.csv
    #[arg(long)]
    known_only: bool,
    /// Comma-separated instance names to run, e.g. c101,pr05
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// Write each run's routes to DIR/<instance>_m<m>.txt
    #[arg(long)]
    solutions: Option<PathBuf>,
    /// Where to write the results CSV
    #[arg(long, default_value = "toptw-results.csv")]
    csv: PathBuf,
}

struct Run {
    instance: String,
    seed: u64,
    set: &'static str,
    m: usize,
    score: f64,
    bks: Option<f64>,
    seconds: f64,
    feasible: bool,
}

impl Run {
    fn gap(&self) -> Option<f64> {
        self.bks.map(|b| 100.0 * (b - self.score) / b)
    }
}

fn set_of(name: &str) -> &'static str {
    let digits = name.trim_start_matches(char::is_alphabetic);
    let series = digits.starts_with('1');
    match name.trim_end_matches(char::is_numeric) {
        "c" if series => "c1",
        "r" if series => "r1",
        "rc" if series => "rc1",
        "c" => "c2",
        "r" => "r2",
        "rc" => "rc2",
        "pr" if digits.parse::<u32>().is_ok_and(|d| d <= 10) => "pr01-10",
        "pr" => "pr11-20",
        _ => "other",
    }
}

/// `instance -> [(m, bks)]` from bks.csv (`instance,m,bks,source`).
fn read_bks(path: &Path) -> Result<BTreeMap<String, Vec<(usize, f64)>>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut bks: BTreeMap<String, Vec<(usize, f64)>> = BTreeMap::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let mut fields = line.splitn(4, ',');
        let (Some(name), Some(m), Some(value)) = (fields.next(), fields.next(), fields.next())
        else {
            return Err(format!("bad bks.csv line: {line}"));
        };
        let m = m.parse().map_err(|_| format!("bad m in bks.csv: {line}"))?;
        let value = value
            .parse()
            .map_err(|_| format!("bad bks in bks.csv: {line}"))?;
        bks.entry(name.to_string()).or_default().push((m, value));
    }
    Ok(bks)
}

fn run_one(
    args: &Args,
    name: &str,
    instance: &oplib::Instance,
    m: usize,
    bks: Option<f64>,
    seed: u64,
) -> Result<Run, String> {
    let problem = instance
        .problem(m, oplib::decimals_for(name))
        .map_err(|e| format!("{name}: {e}"))?;
    let config = Config {
        seed,
        iterations: args.iterations.unwrap_or(u64::MAX),
        time_limit: Some(Duration::from_secs_f64(args.budget)),
    };
    let started = Instant::now();
    let result = solve(&problem, &config);
    let seconds = started.elapsed().as_secs_f64();
    let (score, feasible) = match &result {
        Ok(solution) => {
            let rechecked = check(&problem, &solution.sequences());
            let feasible = rechecked.is_ok_and(|s| (s.score - solution.score).abs() < 1e-6);
            if let Some(dir) = &args.solutions {
                let mut text = String::new();
                for route in solution.sequences() {
                    let ids: Vec<String> = route.iter().map(|s| (s + 1).to_string()).collect();
                    let _ = writeln!(text, "{}", ids.join(" "));
                }
                let path = dir.join(format!("{name}_m{m}_s{seed}.txt"));
                std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            }
            (solution.score, feasible)
        }
        Err(e) => {
            eprintln!("{name} m={m}: {e}");
            (0.0, false)
        }
    };
    Ok(Run {
        instance: name.to_string(),
        seed,
        set: set_of(name),
        m,
        score,
        bks,
        seconds,
        feasible,
    })
}

fn summary_line(label: &str, runs: &[&Run]) -> String {
    let gaps: Vec<f64> = runs.iter().filter_map(|r| r.gap()).collect();
    let mean = if gaps.is_empty() {
        "-".to_string()
    } else {
        format!("{:.2}", gaps.iter().sum::<f64>() / gaps.len() as f64)
    };
    let max = gaps
        .iter()
        .copied()
        .reduce(f64::max)
        .map_or("-".to_string(), |g| format!("{g:.2}"));
    let hits = gaps.iter().filter(|g| **g <= 1e-9).count();
    let infeasible = runs.iter().filter(|r| !r.feasible).count();
    format!(
        "| {label:<12} | {:>4} | {:>4} | {mean:>8} | {max:>7} | {hits:>4} | {infeasible:>10} |",
        runs.len(),
        gaps.len()
    )
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("toptw-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    if !(args.budget.is_finite() && args.budget > 0.0) {
        return Err("--budget must be a positive number of seconds".into());
    }
    let bks = read_bks(&args.dir.join("bks.csv"))?;
    if let Some(dir) = &args.solutions {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let mut runs = Vec::new();
    println!("instance   m seed  score    bks    gap%  seconds feasible");
    for folder in FOLDERS {
        let path = args.dir.join("instances").join(folder);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for file in files {
            let name = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !args.only.is_empty() && !args.only.contains(&name) {
                continue;
            }
            let text =
                std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let instance = oplib::Instance::parse(&text).map_err(|e| format!("{name}: {e}"))?;
            let known = bks.get(&name).cloned().unwrap_or_default();
            let mut ms: Vec<usize> = (1..=4).chain(known.iter().map(|&(m, _)| m)).collect();
            ms.sort_unstable();
            ms.dedup();
            ms.retain(|&m| args.max_m.is_none_or(|max| m <= max));
            ms.retain(|&m| !args.known_only || known.iter().any(|&(k, _)| k == m));
            for m in ms {
                let best = known.iter().find(|&&(k, _)| k == m).map(|&(_, b)| b);
                for seed in args.seed..args.seed + args.seeds.max(1) {
                    let run = run_one(args, &name, &instance, m, best, seed)?;
                    println!(
                        "{:<9} {:>2} {:>4} {:>6} {:>6} {:>7} {:>8.3} {}",
                        run.instance,
                        run.m,
                        run.seed,
                        run.score,
                        run.bks.map_or("-".into(), |b| b.to_string()),
                        run.gap().map_or("-".into(), |g| format!("{g:.2}")),
                        run.seconds,
                        run.feasible
                    );
                    runs.push(run);
                }
            }
        }
    }
    let mut csv = String::from("instance,m,seed,score,bks,gap_pct,seconds,feasible\n");
    for r in &runs {
        let _ = writeln!(
            csv,
            "{},{},{},{},{},{},{:.3},{}",
            r.instance,
            r.m,
            r.seed,
            r.score,
            r.bks.map_or(String::new(), |b| b.to_string()),
            r.gap().map_or(String::new(), |g| format!("{g:.4}")),
            r.seconds,
            r.feasible
        );
    }
    std::fs::write(&args.csv, csv).map_err(|e| format!("{}: {e}", args.csv.display()))?;

    println!();
    println!("Rows with m <= 4 (the standard benchmark):");
    println!("| set          | runs | bks  | mean gap% | max gap% | =bks | infeasible |");
    println!("|--------------|------|------|----------|---------|------|------------|");
    let sets = ["c1", "r1", "rc1", "c2", "r2", "rc2", "pr01-10", "pr11-20"];
    for set in sets {
        let chosen: Vec<&Run> = runs.iter().filter(|r| r.set == set && r.m <= 4).collect();
        if !chosen.is_empty() {
            println!("{}", summary_line(set, &chosen));
        }
    }
    let standard: Vec<&Run> = runs.iter().filter(|r| r.m <= 4).collect();
    println!("{}", summary_line("all m<=4", &standard));
    let wide: Vec<&Run> = runs.iter().filter(|r| r.m > 4).collect();
    if !wide.is_empty() {
        println!("{}", summary_line("m = v (>4)", &wide));
    }
    let all: Vec<&Run> = runs.iter().collect();
    println!("{}", summary_line("all rows", &all));
    println!("results written to {}", args.csv.display());
    Ok(())
}
