//! `jingqin render` and `jingqin verify`: a saved itinerary (`plan --format
//! json`), edited or not, printed again or checked against the pack.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;

use jingqin::load;
use jingqin::plan;

use super::failure::Failure;
use super::pack::{PackArgs, load};
use super::print::WriteArgs;

#[derive(Args)]
pub(super) struct RenderArgs {
    /// The itinerary JSON that plan --format json wrote
    file: PathBuf,
    #[command(flatten)]
    pack: PackArgs,
    #[command(flatten)]
    out: WriteArgs,
}

#[derive(Args)]
pub(super) struct VerifyArgs {
    /// The itinerary JSON to check
    file: PathBuf,
    #[command(flatten)]
    pack: PackArgs,
}

/// The itinerary in `path`, written by `plan --format json`.
fn read_itinerary(path: &std::path::Path) -> Result<plan::Itinerary, Failure> {
    if !path.is_file() {
        return Err(Failure::NoInput(format!(
            "no itinerary at {}",
            path.display()
        )));
    }
    let text =
        load::read_file(path).map_err(|e| Failure::NoInput(format!("{}: {e}", path.display())))?;
    plan::from_json(&text).map_err(|e| Failure::NotItinerary(format!("{}: {e}", path.display())))
}

pub(super) fn render(args: &RenderArgs) -> Result<(), Failure> {
    let pack = load(&args.pack)?;
    args.out.write(&pack, |_| read_itinerary(&args.file))
}

pub(super) fn verify(args: &VerifyArgs) -> Result<(), Failure> {
    let pack = load(&args.pack)?;
    let itinerary = read_itinerary(&args.file)?;
    if itinerary.pack != pack.info.id {
        return Err(Failure::Usage(format!(
            "{} was planned on the pack \"{}\"; give its folder with --routes (this is \"{}\")",
            args.file.display(),
            itinerary.pack,
            pack.info.id
        )));
    }
    let problems = plan::verify(&pack, &itinerary);
    let mut out = String::new();
    for problem in &problems {
        let at = match (problem.day, problem.event) {
            (Some(day), Some(event)) => format!("day {day}, event {event}"),
            (Some(day), None) => format!("day {day}"),
            _ => "the trip".to_owned(),
        };
        out.push_str(&format!(
            "{}: {at}: {}: {}\n",
            args.file.display(),
            problem.check,
            problem.message
        ));
    }
    let events: usize = itinerary.days.iter().map(|d| d.events.len()).sum();
    let days = itinerary.days.len();
    match problems.len() {
        0 => {
            out.push_str(&format!(
                "{}: ok — {days} days, {events} events checked against {}\n",
                args.file.display(),
                pack.info.id
            ));
            io::stdout().write_all(out.as_bytes())?;
            Ok(())
        }
        count => {
            io::stdout().write_all(out.as_bytes())?;
            Err(Failure::Problems(format!(
                "{count} problem{} in {}",
                if count == 1 { "" } else { "s" },
                args.file.display()
            )))
        }
    }
}
