//! The command line: the clap types of the subcommands, and `run`, which
//! hands each subcommand to its module and turns the outcome into an exit
//! status. Each subcommand (or family of them) keeps its arguments and its
//! glue to the library in a module of its own, as cargo keeps
//! `src/bin/cargo/commands/`; the arguments and helpers they share are in
//! `pack`, `print`, `file` and `failure`.

mod catalog;
mod check;
mod failure;
mod file;
mod lists;
mod pack;
mod plan;
mod print;
mod saved;
mod serve;
mod timetable;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use failure::Failure;
use timetable::TimetableCommand;

#[derive(Parser)]
#[command(
    name = "jingqin",
    version,
    about = "Compose tour itineraries from a TOML route pack (the embedded default: Beijing→Qinhuangdao)",
    after_help = "Examples:\n  jingqin plan --days 3 --date 2027-07-16\n  jingqin plan --product qhd-2day --format json -o trip.json\n  jingqin check\n  jingqin sites --date 2027-07-12"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Plan a trip: a timed, day-by-day itinerary
    #[command(
        after_help = "Examples:\n  jingqin plan --days 3 --date 2027-07-16\n  jingqin plan --product qhd-1day --date 2027-05-08 --party adults=2,children=1\n  jingqin plan --days 2 --must geziwo@2,laolongtou --avoid xinao --pace relaxed\n  jingqin plan --product qhd-3day --format json -o trip.json\n  jingqin plan --product qhd-2day --party adults=30,seniors=8 --agency agency.toml --for guide\n\nExit status: 0 planned, 1 no feasible plan, 2 bad usage, 65 bad route pack or agency\nprofile, 66 route pack or profile missing, 74 cannot write."
    )]
    Plan(Box<plan::PlanArgs>),
    /// Print a saved itinerary (plan --format json), edited or not, without planning again
    #[command(
        after_help = "Examples:\n  jingqin render trip.json -o trip.html\n  jingqin render trip.json --for guide --agency agency.toml --format text\n\nExit status: 0 written, 2 bad usage, 65 not an itinerary or a bad profile,\n66 file missing, 74 cannot write."
    )]
    Render(Box<saved::RenderArgs>),
    /// Check a saved itinerary, edited or not, against the route pack
    #[command(
        after_help = "Checks opening hours, the timetable, travel times (a transfer may be up to 5 minutes\nshorter than the pack's), meals, overlaps and the chain of places, and the request's\nmust-see and avoided sites; each problem is named by day and event.\n\nExamples:\n  jingqin verify trip.json\n  jingqin verify trip.json --routes routes/beijing-qinhuangdao\n\nExit status: 0 no problem, 1 problems found, 65 not an itinerary or a bad route pack,\n66 file missing."
    )]
    Verify(saved::VerifyArgs),
    /// Publish a static site: the products, a calendar of their dates, a folder a date
    #[command(
        after_help = "Writes DIR/index.html (the products), DIR/PRODUCT/index.html (a month calendar of its\ndates: plannable or not and why, sunrise, public holidays, seasons) and, for each date\nthat plans, DIR/PRODUCT/DATE/ with index.html (the printable page), fragment.html,\ntrip.ics, trip.json and embed.html (a snippet to paste); and DIR/sitemap.xml. Links\nare relative; files whose bytes are unchanged are left alone, and a date that no longer\nplans loses the files an earlier run wrote.\n\nExamples:\n  jingqin catalog --from 2027-05-01 --to 2027-10-31 -o site\n  jingqin catalog --from 2027-07-01 --to 2027-07-31 --product qhd-2day --lang zh \\\n      --base-url https://example.com/trips -o site\n\nExit status: 0 published, 2 bad usage, 65 bad route pack or agency profile,\n66 route pack missing, 74 cannot write."
    )]
    Catalog(Box<catalog::CatalogArgs>),
    /// Check a route pack and print a summary, or every problem in it
    #[command(
        after_help = "Examples:\n  jingqin check\n  jingqin check --routes routes/beijing-qinhuangdao\n  jingqin check --report\n\nExit status: 0 when the pack is valid, 65 when it has problems, 66 when it is missing."
    )]
    Check(check::CheckArgs),
    /// List the sites of a pack, with their hours on a date
    #[command(
        after_help = "Examples:\n  jingqin sites\n  jingqin sites --date 2027-07-12\n  jingqin sites --date 2027-10-01 --format json"
    )]
    Sites(lists::SitesArgs),
    /// List the curated products of a pack, the ids --product takes
    #[command(after_help = "Examples:\n  jingqin products\n  jingqin products --format json")]
    Products(lists::ListArgs),
    /// List the stations of a pack, the ids --from takes
    #[command(after_help = "Examples:\n  jingqin hubs\n  jingqin hubs --format json")]
    Hubs(lists::ListArgs),
    /// Serve plans over HTTP for embedding: /plan, /oembed, /products, /health
    #[command(
        after_help = "GET /plan takes plan's options as parameters (product, days, date, from, mode, party,\ninterests, must, avoid, pace, lodging, seed, lang, for, format; default format html)\nand answers with the plan; an HTML page carries its oEmbed link. Errors are RFC 9457\nproblem details. The first line out is the address listened on; SIGTERM or Ctrl-C\nstops after the requests in flight. The access log goes to standard error. Builds with\nthe serve feature.\n\nExamples:\n  jingqin serve\n  jingqin serve --addr 0.0.0.0:8080 --routes my-pack/\n  jingqin serve --addr 127.0.0.1:8080 --base-url https://plans.example.com  (behind a TLS proxy)\n  curl 'http://127.0.0.1:8080/plan?product=qhd-2day&date=2027-07-16&format=fragment'\n\nExit status: 0 stopped, 2 bad usage (or built without the serve feature),\n65 bad route pack, 66 route pack missing, 74 cannot listen."
    )]
    Serve(serve::ServeArgs),
    /// Work on a pack's timetable
    #[command(subcommand)]
    Timetable(TimetableCommand),
    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  jingqin completions bash > ~/.local/share/bash-completion/completions/jingqin\n  jingqin completions zsh > ~/.zfunc/_jingqin"
    )]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff)
    #[command(after_help = "Examples:\n  jingqin man > jingqin.1 && man ./jingqin.1")]
    Man,
}

pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Plan(args) => plan::run(&args),
        Command::Render(args) => saved::render(&args),
        Command::Verify(args) => saved::verify(&args),
        Command::Catalog(args) => catalog::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Sites(args) => lists::sites(&args),
        Command::Products(args) => lists::products(&args),
        Command::Hubs(args) => lists::hubs(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Timetable(TimetableCommand::Import(args)) => timetable::import(&args),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut command, "jingqin", &mut out);
            io::stdout().write_all(&out).map_err(Failure::Io)
        }
        Command::Man => {
            let mut out = Vec::new();
            let page = clap_mangen::Man::new(<Cli as clap::CommandFactory>::command());
            page.render(&mut out)
                .and_then(|()| io::stdout().write_all(&out))
                .map_err(Failure::Io)
        }
    };
    failure::exit_status(result)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
