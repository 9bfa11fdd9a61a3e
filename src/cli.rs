//! The command line: clap types, and the glue from them to the library.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use jingqin::load::{self, Diagnostics};
use jingqin::model::Pack;
use jingqin::render;

#[derive(Parser)]
#[command(
    name = "jingqin",
    version,
    about = "Compose Beijing→Qinhuangdao tour itineraries from a TOML route pack",
    after_help = "Examples:\n  jingqin check\n  jingqin sites --date 2027-07-12\n  jingqin check --routes my-pack/"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a route pack and print a summary, or every problem in it
    #[command(
        after_help = "Examples:\n  jingqin check\n  jingqin check --routes routes/beijing-qinhuangdao\n\nExit status: 0 when the pack is valid, 65 when it has problems."
    )]
    Check(PackArgs),
    /// List the sites of a pack, with their hours on a date
    #[command(
        after_help = "Examples:\n  jingqin sites\n  jingqin sites --date 2027-07-12\n  jingqin sites --date 2027-10-01 --format json"
    )]
    Sites(SitesArgs),
}

#[derive(Args)]
struct PackArgs {
    /// Read the route pack in DIR instead of the embedded default pack
    #[arg(long, value_name = "DIR")]
    routes: Option<PathBuf>,
}

#[derive(Args)]
struct SitesArgs {
    #[command(flatten)]
    pack: PackArgs,
    /// Show each site's opening hours on this date (YYYY-MM-DD), or why it is closed
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("\"{text}\" is not a date; expected YYYY-MM-DD, e.g. 2027-07-16"))
}

/// Exit status for a pack with problems (EX_DATAERR).
const EXIT_DATA: u8 = 65;

pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Check(args) => check(&args),
        Command::Sites(args) => sites(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Data(diagnostics)) => {
            eprintln!("{diagnostics}");
            let count = diagnostics.0.len();
            eprintln!(
                "\nerror: {count} problem{} in the route pack",
                if count == 1 { "" } else { "s" }
            );
            ExitCode::from(EXIT_DATA)
        }
        // A closed pipe (`jingqin sites | head`) is not a failure.
        Err(Failure::Io(error)) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(error)) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

enum Failure {
    Data(Diagnostics),
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::Io(error)
    }
}

fn load(args: &PackArgs) -> Result<Pack, Failure> {
    match &args.routes {
        Some(dir) => load::load_dir(dir),
        None => load::load_default(),
    }
    .map_err(Failure::Data)
}

fn check(args: &PackArgs) -> Result<(), Failure> {
    let pack = load(args)?;
    let holidays: usize = pack.calendar.holidays.len();
    let summary = format!(
        "{}: ok — {} sites, {} hubs, {} services, {} lodgings, {} products, {} seasons, {} holidays{}\n",
        pack.info.id,
        pack.sites.len(),
        pack.hubs.len(),
        pack.services.len(),
        pack.lodging.len(),
        pack.products.len(),
        pack.seasons.len(),
        holidays,
        if pack.timetable.sample {
            " (sample timetable)"
        } else {
            ""
        },
    );
    io::stdout().write_all(summary.as_bytes())?;
    Ok(())
}

fn sites(args: &SitesArgs) -> Result<(), Failure> {
    let pack = load(&args.pack)?;
    let entries = render::sites::entries(&pack, args.date);
    let out = match args.format {
        ListFormat::Text => render::sites::text(&pack, &entries, args.date),
        ListFormat::Json => render::sites::json(&entries),
    };
    io::stdout().write_all(out.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
