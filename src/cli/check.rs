//! `jingqin check`: a pack's summary, and with `--report` where its facts
//! come from.

use std::io::{self, Write};

use clap::Args;

use jingqin::render;

use super::failure::Failure;
use super::pack::{PackArgs, load};

#[derive(Args)]
pub(super) struct CheckArgs {
    #[command(flatten)]
    pack: PackArgs,
    /// Also report, site by site, which facts are sourced and which are
    /// estimates, and the newest source's date
    #[arg(long)]
    report: bool,
}

pub(super) fn run(args: &CheckArgs) -> Result<(), Failure> {
    let pack = load(&args.pack)?;
    let holidays: usize = pack.calendar.holidays.len();
    let years = match pack.calendar.years() {
        Some((first, last)) if first == last => format!(" for {first}"),
        Some((first, last)) => format!(" for {first}–{last}"),
        None => String::new(),
    };
    let summary = format!(
        "{}: ok — {} sites, {} hubs, {} services, {} lodgings, {} products, {} seasons, {} holidays{years}{}\n",
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
    // A summary's promise the planner does not know of is kept by chance only.
    for product in &pack.products {
        for site in product.named_not_promised(&pack.sites) {
            let warning = format!(
                "warning: product \"{}\": its summary names {} ({}), which is not among its must-sees (must or [[product.day]] must)\n",
                product.id, site.name.zh, site.id
            );
            io::stderr().write_all(warning.as_bytes())?;
        }
    }
    // Optional tables a plan's cost does without: said, not refused.
    let mut lacks = Vec::new();
    if pack.rides.is_none() {
        lacks.push("note: pack.toml has no [rides] tariff: local rides are not in the cost\n");
    }
    if pack.drive.is_none() {
        lacks.push("note: pack.toml has no [drive] costs: a self-drive's fuel, tolls and parking are not in the cost\n");
    }
    io::stdout().write_all(lacks.concat().as_bytes())?;
    if args.report {
        let report = render::report::data_report(&pack);
        io::stdout().write_all(format!("\n{report}").as_bytes())?;
    }
    Ok(())
}
