//! `jingqin timetable import`: a pack's services.toml from a 12306 copy
//! (CSV) or a GTFS feed.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use jingqin::model::Pack;
use jingqin::plan;

use super::failure::Failure;
use super::file::write_output;
use super::pack::{PackArgs, load};

#[derive(Subcommand)]
pub(super) enum TimetableCommand {
    /// Write services.toml from a 12306 query copied to CSV, or from a GTFS feed
    #[command(
        after_help = "A CSV has the columns 车次, 出发站, 到达站, 出发时间, 到达时间, 历时 (optional) and\n二等座 (or train, from, to, depart, arrive, duration, fare), comma- or tab-separated;\nits period is required. A GTFS feed (a .zip or a folder; builds with the gtfs\nfeature) gives its trips between the pack's cities, with calendar.txt's weekdays and\nperiod (cut to --valid-from/--valid-to when given) and the --fare given. Stations\nare matched to the pack's rail hubs by name (or, in GTFS, within 500 m).\n\nExamples:\n  jingqin timetable import 12306.csv --valid-from 2027-01-05 --valid-to 2027-04-04 -o services.toml\n  jingqin timetable import feed.zip --fare 120 -o services.toml\n\nExit status: 0 written, 2 bad usage, 65 a problem in the file (each at its line),\n66 file or route pack missing, 74 cannot write."
    )]
    Import(ImportArgs),
}

#[derive(Args)]
pub(super) struct ImportArgs {
    /// The CSV file, or the GTFS feed (.zip or folder)
    file: PathBuf,
    #[command(flatten)]
    pack: PackArgs,
    /// First day of the timetable period (required for a CSV)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = plan::parse_date)]
    valid_from: Option<NaiveDate>,
    /// Last day of the timetable period (required for a CSV)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = plan::parse_date)]
    valid_to: Option<NaiveDate>,
    /// The adult second-class fare in CNY of every GTFS trip
    #[arg(long, value_name = "CNY", value_parser = parse_fare)]
    fare: Option<f64>,
    /// Write to FILE (replaced only when the import succeeds) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

fn parse_fare(text: &str) -> Result<f64, String> {
    (text.parse::<f64>().ok())
        .filter(|f| f.is_finite() && *f > 0.0 && *f < 100_000.0)
        .ok_or_else(|| format!("\"{text}\" is not a fare in CNY"))
}

pub(super) fn import(args: &ImportArgs) -> Result<(), Failure> {
    use jingqin::import::Period;
    let period = match (args.valid_from, args.valid_to) {
        (Some(from), Some(to)) if to < from => {
            return Err(Failure::Usage(format!(
                "--valid-to {to} is before --valid-from {from}"
            )));
        }
        (Some(from), Some(to)) => Some(Period { from, to }),
        (None, None) => None,
        _ => {
            return Err(Failure::Usage(
                "give both --valid-from and --valid-to, or neither".into(),
            ));
        }
    };
    if !args.file.exists() {
        return Err(Failure::NoInput(format!("no file {}", args.file.display())));
    }
    let gtfs = args.file.is_dir()
        || (args.file.extension()).is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    let pack = load(&args.pack)?;
    let imported = if gtfs {
        gtfs_import(args, &pack, period)?
    } else {
        let period = period.ok_or_else(|| {
            Failure::Usage("a 12306 copy holds no period: give --valid-from and --valid-to".into())
        })?;
        jingqin::import::from_12306_csv(&args.file, &pack, period)
    };
    let toml = imported.map_err(|errors| Failure::Import(errors.to_string()))?;
    write_output(args.output.as_deref(), toml.as_bytes())
}

#[cfg(feature = "gtfs")]
fn gtfs_import(
    args: &ImportArgs,
    pack: &Pack,
    period: Option<jingqin::import::Period>,
) -> Result<Result<String, jingqin::import::ImportErrors>, Failure> {
    Ok(jingqin::import::from_gtfs(
        &args.file, pack, period, args.fare,
    ))
}

#[cfg(not(feature = "gtfs"))]
fn gtfs_import(
    args: &ImportArgs,
    _: &Pack,
    _: Option<jingqin::import::Period>,
) -> Result<Result<String, jingqin::import::ImportErrors>, Failure> {
    Err(Failure::Usage(format!(
        "{} is a GTFS feed, which this build does not read; build with the gtfs feature (cargo install --path . --features gtfs)",
        args.file.display()
    )))
}
