//! The command line: clap types, and the glue from them to the library.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use jingqin::load::{self, Diagnostics};
use jingqin::model::{Pace, Pack};
use jingqin::plan::{self, Mode, RequestSpec};
use jingqin::render;

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
    Plan(Box<PlanArgs>),
    /// Print a saved itinerary (plan --format json), edited or not, without planning again
    #[command(
        after_help = "Examples:\n  jingqin render trip.json -o trip.html\n  jingqin render trip.json --for guide --agency agency.toml --format text\n\nExit status: 0 written, 2 bad usage, 65 not an itinerary or a bad profile,\n66 file missing, 74 cannot write."
    )]
    Render(Box<RenderArgs>),
    /// Check a saved itinerary, edited or not, against the route pack
    #[command(
        after_help = "Checks opening hours, the timetable, travel times (a transfer may be up to 5 minutes\nshorter than the pack's), meals, overlaps and the chain of places, and the request's\nmust-see and avoided sites; each problem is named by day and event.\n\nExamples:\n  jingqin verify trip.json\n  jingqin verify trip.json --routes routes/beijing-qinhuangdao\n\nExit status: 0 no problem, 1 problems found, 65 not an itinerary or a bad route pack,\n66 file missing."
    )]
    Verify(VerifyArgs),
    /// Publish a static site: the products, a calendar of their dates, a folder a date
    #[command(
        after_help = "Writes DIR/index.html (the products), DIR/PRODUCT/index.html (a month calendar of its\ndates: plannable or not and why, sunrise, public holidays, seasons) and, for each date\nthat plans, DIR/PRODUCT/DATE/ with index.html (the printable page), fragment.html,\ntrip.ics, trip.json and embed.html (a snippet to paste); and DIR/sitemap.xml. Links\nare relative; files whose bytes are unchanged are left alone, and a date that no longer\nplans loses the files an earlier run wrote.\n\nExamples:\n  jingqin catalog --from 2027-05-01 --to 2027-10-31 -o site\n  jingqin catalog --from 2027-07-01 --to 2027-07-31 --product qhd-2day --lang zh \\\n      --base-url https://example.com/trips -o site\n\nExit status: 0 published, 2 bad usage, 65 bad route pack or agency profile,\n66 route pack missing, 74 cannot write."
    )]
    Catalog(Box<CatalogArgs>),
    /// Check a route pack and print a summary, or every problem in it
    #[command(
        after_help = "Examples:\n  jingqin check\n  jingqin check --routes routes/beijing-qinhuangdao\n  jingqin check --report\n\nExit status: 0 when the pack is valid, 65 when it has problems, 66 when it is missing."
    )]
    Check(CheckArgs),
    /// List the sites of a pack, with their hours on a date
    #[command(
        after_help = "Examples:\n  jingqin sites\n  jingqin sites --date 2027-07-12\n  jingqin sites --date 2027-10-01 --format json"
    )]
    Sites(SitesArgs),
    /// List the curated products of a pack, the ids --product takes
    #[command(after_help = "Examples:\n  jingqin products\n  jingqin products --format json")]
    Products(ListArgs),
    /// List the stations of a pack, the ids --from takes
    #[command(after_help = "Examples:\n  jingqin hubs\n  jingqin hubs --format json")]
    Hubs(ListArgs),
    /// Serve plans over HTTP for embedding: /plan, /oembed, /products, /health
    #[command(
        after_help = "GET /plan takes plan's options as parameters (product, days, date, from, mode, party,\ninterests, must, avoid, pace, lodging, seed, lang, for, format; default format html)\nand answers with the plan; an HTML page carries its oEmbed link. Errors are RFC 9457\nproblem details. The first line out is the address listened on; SIGTERM or Ctrl-C\nstops after the requests in flight. The access log goes to standard error. Builds with\nthe serve feature.\n\nExamples:\n  jingqin serve\n  jingqin serve --addr 0.0.0.0:8080 --routes my-pack/\n  jingqin serve --addr 127.0.0.1:8080 --base-url https://plans.example.com  (behind a TLS proxy)\n  curl 'http://127.0.0.1:8080/plan?product=qhd-2day&date=2027-07-16&format=fragment'\n\nExit status: 0 stopped, 2 bad usage (or built without the serve feature),\n65 bad route pack, 66 route pack missing, 74 cannot listen."
    )]
    Serve(ServeArgs),
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

#[derive(Subcommand)]
enum TimetableCommand {
    /// Write services.toml from a 12306 query copied to CSV, or from a GTFS feed
    #[command(
        after_help = "A CSV has the columns 车次, 出发站, 到达站, 出发时间, 到达时间, 历时 (optional) and\n二等座 (or train, from, to, depart, arrive, duration, fare), comma- or tab-separated;\nits period is required. A GTFS feed (a .zip or a folder; builds with the gtfs\nfeature) gives its trips between the pack's cities, with calendar.txt's weekdays and\nperiod (cut to --valid-from/--valid-to when given) and the --fare given. Stations\nare matched to the pack's rail hubs by name (or, in GTFS, within 500 m).\n\nExamples:\n  jingqin timetable import 12306.csv --valid-from 2027-01-05 --valid-to 2027-04-04 -o services.toml\n  jingqin timetable import feed.zip --fare 120 -o services.toml\n\nExit status: 0 written, 2 bad usage, 65 a problem in the file (each at its line),\n66 file or route pack missing, 74 cannot write."
    )]
    Import(ImportArgs),
}

#[derive(Args)]
struct ImportArgs {
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

#[derive(Args)]
struct RenderArgs {
    /// The itinerary JSON that plan --format json wrote
    file: PathBuf,
    #[command(flatten)]
    pack: PackArgs,
    #[command(flatten)]
    out: WriteArgs,
}

#[derive(Args)]
struct CatalogArgs {
    #[command(flatten)]
    pack: PackArgs,
    /// The first start date
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = plan::parse_date)]
    from: NaiveDate,
    /// The last start date
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = plan::parse_date)]
    to: NaiveDate,
    /// The products to publish (default: all of the pack's)
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    product: Vec<String>,
    #[command(flatten)]
    reader: ReaderArgs,
    /// The address the site will be served from, for the sitemap and the embed snippets
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// The folder to write the site into (made if missing)
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
}

#[derive(Args)]
struct VerifyArgs {
    /// The itinerary JSON to check
    file: PathBuf,
    #[command(flatten)]
    pack: PackArgs,
}

#[derive(Args)]
struct ListArgs {
    #[command(flatten)]
    pack: PackArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    pack: PackArgs,
    /// Also report, site by site, which facts are sourced and which are
    /// estimates, and the newest source's date
    #[arg(long)]
    report: bool,
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
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = plan::parse_date)]
    date: Option<NaiveDate>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
}

#[derive(Args)]
struct PlanArgs {
    #[command(flatten)]
    pack: PackArgs,
    /// Trip length in days (1–3 are the standard trips; up to 7)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=7))]
    days: Option<u8>,
    /// A curated product of the pack (see products.toml), e.g. qhd-3day
    #[arg(long, value_name = "ID")]
    product: Option<String>,
    /// First day of the trip (default: the next Saturday)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = plan::parse_date)]
    date: Option<NaiveDate>,
    /// Departure hub in the pack's origin city: id or name (default: a group's
    /// meeting point, else the product's, else the first station)
    #[arg(long, visible_alias = "meet", value_name = "HUB")]
    from: Option<String>,
    /// How to get there and back (default: charter for a party of the pack's
    /// group size, else rail)
    #[arg(long, value_enum)]
    mode: Option<ModeArg>,
    /// Who travels, e.g. adults=2,children=1,seniors=1 (default: adults=2)
    #[arg(long, value_name = "LIST", value_parser = plan::parse_party)]
    party: Option<plan::Party>,
    /// Category weights, e.g. culture=2,wellness=1 (unnamed categories weigh 1)
    #[arg(long, value_name = "LIST", value_parser = plan::parse_interests)]
    interests: Option<std::collections::BTreeMap<jingqin::model::Category, f64>>,
    /// Sites that must be in the plan (id or name), site@DAY pins one to a day
    #[arg(long, value_name = "SITES", value_delimiter = ',')]
    must: Vec<String>,
    /// Sites to leave out (id or name)
    #[arg(long, value_name = "SITES", value_delimiter = ',')]
    avoid: Vec<String>,
    /// How full the days are
    #[arg(long, value_enum)]
    pace: Option<PaceArg>,
    /// Lodging for the nights (id or name; default: chosen for the plan)
    #[arg(long, value_name = "ID")]
    lodging: Option<String>,
    /// Seed of the planner's search; the same seed gives the same plan
    #[arg(long, default_value_t = 0)]
    seed: u64,
    #[command(flatten)]
    out: WriteArgs,
}

/// How an itinerary is written: its format, its reader and where.
#[derive(Args)]
struct WriteArgs {
    /// Output format (default: from the -o extension, else text)
    #[arg(long, value_enum)]
    format: Option<PlanFormat>,
    #[command(flatten)]
    reader: ReaderArgs,
    /// Write to FILE instead of standard output (replaced only when the run succeeds)
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

impl WriteArgs {
    /// The itinerary `make` gives, written as asked; the format and the
    /// agency profile are checked first, lest a bad one waste a plan.
    fn write(
        &self,
        pack: &Pack,
        make: impl FnOnce() -> Result<plan::Itinerary, Failure>,
    ) -> Result<(), Failure> {
        let format = output_format(self.format, self.output.as_deref())?;
        let agency = load_agency(&self.reader)?;
        let options = self.reader.options(agency.as_ref());
        let out = render::itinerary_for(pack, &make()?, format, &options);
        write_output(self.output.as_deref(), out.as_bytes())
    }
}

/// Whom a plan is printed for, in which language, under whose name.
#[derive(Args)]
struct ReaderArgs {
    /// Language of names and labels
    #[arg(long, value_enum, default_value_t = LangArg::Both)]
    lang: LangArg,
    /// Who reads it: the customer's handout, the guide's sheet (bookings,
    /// hand-overs, rooming, emergency numbers) or the operator's (sources,
    /// sites left out, cost breakdown)
    #[arg(long = "for", value_enum, default_value_t = AudienceArg::Customer)]
    audience: AudienceArg,
    /// Print under the agency of this profile (see examples/agency/agency.toml)
    #[arg(long, value_name = "FILE")]
    agency: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum AudienceArg {
    Customer,
    Guide,
    Operator,
}

#[derive(Clone, Copy, ValueEnum)]
enum ModeArg {
    Rail,
    /// A scheduled coach line
    Coach,
    Car,
    /// A chartered coach with its driver, for a group
    Charter,
}

#[derive(Clone, Copy, ValueEnum)]
enum PaceArg {
    Relaxed,
    Standard,
    Packed,
}

#[derive(Clone, Copy, ValueEnum)]
enum PlanFormat {
    /// Plain text for a terminal
    Text,
    /// The versioned JSON output contract
    Json,
    /// A printable A4 page, one day a page, with route maps
    Html,
    /// An HTML fragment to embed in another page
    Fragment,
    /// Markdown
    Md,
    /// An iCalendar file (RFC 5545)
    Ics,
}

impl From<PlanFormat> for render::Format {
    fn from(format: PlanFormat) -> Self {
        match format {
            PlanFormat::Text => render::Format::Text,
            PlanFormat::Json => render::Format::Json,
            PlanFormat::Html => render::Format::Html,
            PlanFormat::Fragment => render::Format::Fragment,
            PlanFormat::Md => render::Format::Md,
            PlanFormat::Ics => render::Format::Ics,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    /// Chinese
    Zh,
    /// English
    En,
    /// Chinese and English side by side
    Both,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

/// Exit statuses after sysexits.h: a request that cannot be understood (as
/// clap's own), a pack with problems, a pack missing, a file not written.
const EXIT_USAGE: u8 = 2;
const EXIT_DATA: u8 = 65;
const EXIT_NO_INPUT: u8 = 66;
const EXIT_IO: u8 = 74;

pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Plan(args) => plan(&args),
        Command::Render(args) => render_saved(&args),
        Command::Verify(args) => verify(&args),
        Command::Catalog(args) => catalog(&args),
        Command::Check(args) => check(&args),
        Command::Sites(args) => sites(&args),
        Command::Products(args) => products(&args),
        Command::Hubs(args) => hubs(&args),
        Command::Serve(args) => serve(&args),
        Command::Timetable(TimetableCommand::Import(args)) => import(&args),
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
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Data(diagnostics)) => problems(&diagnostics, "the route pack"),
        Err(Failure::Profile(diagnostics)) => problems(&diagnostics, "the agency profile"),
        Err(Failure::Import(problems)) => {
            eprintln!("{problems}");
            eprintln!("\nerror: nothing written; fix the rows above and import again");
            ExitCode::from(EXIT_DATA)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_USAGE)
        }
        Err(Failure::NoInput(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_NO_INPUT)
        }
        Err(Failure::NotItinerary(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_DATA)
        }
        Err(Failure::Problems(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
        Err(Failure::Infeasible(message)) => {
            eprintln!("error: no feasible plan: {message}");
            ExitCode::FAILURE
        }
        // A closed pipe (`jingqin sites | head`) is not a failure.
        Err(Failure::Io(error)) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(error)) => {
            eprintln!("error: {error}");
            ExitCode::from(EXIT_IO)
        }
    }
}

/// Every problem of a file, then how many; the exit status of bad data.
fn problems(diagnostics: &Diagnostics, what: &str) -> ExitCode {
    eprintln!("{diagnostics}");
    let count = diagnostics.0.len();
    let plural = if count == 1 { "" } else { "s" };
    eprintln!("\nerror: {count} problem{plural} in {what}");
    ExitCode::from(EXIT_DATA)
}

enum Failure {
    Data(Diagnostics),
    /// Problems in the agency profile.
    Profile(Diagnostics),
    /// Problems in a file being imported, each at its line.
    Import(String),
    Usage(String),
    NoInput(String),
    Infeasible(String),
    /// A file that is not an itinerary JSON.
    NotItinerary(String),
    /// An itinerary that does not hold against the pack.
    Problems(String),
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::Io(error)
    }
}

fn load(args: &PackArgs) -> Result<Pack, Failure> {
    match &args.routes {
        Some(dir) => {
            let missing = load::missing(dir);
            if missing.as_slice() == [dir.clone()] {
                return Err(Failure::NoInput(format!(
                    "no route pack folder at {}",
                    dir.display()
                )));
            }
            if !missing.is_empty() {
                let names: Vec<String> = missing.iter().map(|p| p.display().to_string()).collect();
                return Err(Failure::NoInput(format!(
                    "the route pack lacks {}",
                    names.join(", ")
                )));
            }
            load::load_dir(dir)
        }
        None => load::load_default(),
    }
    .map_err(Failure::Data)
}

fn plan(args: &PlanArgs) -> Result<(), Failure> {
    let pack = load(&args.pack)?;
    let spec = RequestSpec {
        days: args.days,
        product: args.product.clone(),
        date: args.date,
        from: args.from.clone(),
        mode: args.mode.map(|m| match m {
            ModeArg::Rail => Mode::Rail,
            ModeArg::Coach => Mode::Coach,
            ModeArg::Car => Mode::Car,
            ModeArg::Charter => Mode::Charter,
        }),
        party: args.party,
        interests: args.interests.clone(),
        must: args.must.clone(),
        avoid: args.avoid.clone(),
        pace: args.pace.map(|p| match p {
            PaceArg::Relaxed => Pace::Relaxed,
            PaceArg::Standard => Pace::Standard,
            PaceArg::Packed => Pace::Packed,
        }),
        lodging: args.lodging.clone(),
        seed: args.seed,
    };
    // Today where the trip goes, whatever the machine's zone.
    let today = (chrono::Utc::now().with_timezone(&pack.info.timezone)).date_naive();
    let request = spec
        .resolve(&pack, today)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    args.out.write(&pack, || {
        plan::plan(&pack, &request).map_err(|e| Failure::Infeasible(e.to_string()))
    })
}

/// The format `--format` gives, else the one the output file's name asks for, else text.
fn output_format(
    format: Option<PlanFormat>,
    output: Option<&std::path::Path>,
) -> Result<render::Format, Failure> {
    match (format, output) {
        (Some(format), _) => Ok(format.into()),
        (None, Some(path)) => render::Format::from_path(path).ok_or_else(|| {
            Failure::Usage(format!(
                "cannot tell the format of {} from its name; give --format (text, json, html, fragment, md, ics)",
                path.display()
            ))
        }),
        (None, None) => Ok(render::Format::Text),
    }
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

fn render_saved(args: &RenderArgs) -> Result<(), Failure> {
    let pack = load(&args.pack)?;
    args.out.write(&pack, || read_itinerary(&args.file))
}

fn catalog(args: &CatalogArgs) -> Result<(), Failure> {
    use jingqin::publish::{self, Catalog};
    let pack = load(&args.pack)?;
    let days = (args.to - args.from).num_days() + 1;
    if days < 1 {
        return Err(Failure::Usage(format!(
            "--to {} is before --from {}",
            args.to, args.from
        )));
    }
    if days > publish::MAX_DATES {
        return Err(Failure::Usage(format!(
            "{days} dates; a catalog publishes at most {}",
            publish::MAX_DATES
        )));
    }
    let products = match args.product.is_empty() {
        true => pack.products.iter().collect(),
        false => (args.product.iter())
            .map(|id| {
                pack.product(id).ok_or_else(|| {
                    let ids: Vec<&str> = pack.products.iter().map(|p| p.id.as_str()).collect();
                    Failure::Usage(format!(
                        "unknown product \"{id}\"; the pack has {}",
                        ids.join(", ")
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()?,
    };
    if let Some(url) = &args.base_url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        return Err(Failure::Usage(format!(
            "--base-url {url} is not an http(s) address"
        )));
    }
    if args.output.exists() && !args.output.is_dir() {
        return Err(Failure::Usage(format!(
            "{} is not a folder",
            args.output.display()
        )));
    }
    let agency = load_agency(&args.reader)?;
    let catalog = Catalog {
        from: args.from,
        to: args.to,
        products,
        options: args.reader.options(agency.as_ref()),
        base_url: args.base_url.clone(),
    };
    let report = publish::publish(&pack, &catalog, &args.output).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("cannot write into {}: {e}", args.output.display()),
        )
    })?;
    let mut summary = format!(
        "{}: {} start dates of {} products, {} not plannable; {} files written, {} unchanged",
        args.output.display(),
        report.plans,
        catalog.products.len(),
        report.refused.len(),
        report.written,
        report.unchanged
    );
    if report.removed > 0 {
        summary.push_str(&format!(
            ", {} removed from dates that no longer plan",
            report.removed
        ));
    }
    summary.push('\n');
    io::stdout().write_all(summary.as_bytes())?;
    // The calendar tells visitors the kind of reason; the operator gets
    // what to fix.
    for refused in &report.refused {
        eprintln!(
            "note: {} {} not plannable: {}",
            refused.product, refused.date, refused.detail
        );
    }
    Ok(())
}

fn verify(args: &VerifyArgs) -> Result<(), Failure> {
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

/// The agency profile `--agency` names, checked as strictly as a pack.
fn load_agency(reader: &ReaderArgs) -> Result<Option<jingqin::model::Agency>, Failure> {
    let Some(path) = &reader.agency else {
        return Ok(None);
    };
    if !path.is_file() {
        return Err(Failure::NoInput(format!(
            "no agency profile at {}",
            path.display()
        )));
    }
    load::load_agency(path).map(Some).map_err(Failure::Profile)
}

impl ReaderArgs {
    fn options<'a>(&self, agency: Option<&'a jingqin::model::Agency>) -> render::Options<'a> {
        render::Options {
            lang: match self.lang {
                LangArg::Zh => render::Lang::Zh,
                LangArg::En => render::Lang::En,
                LangArg::Both => render::Lang::Both,
            },
            audience: match self.audience {
                AudienceArg::Customer => render::Audience::Customer,
                AudienceArg::Guide => render::Audience::Guide,
                AudienceArg::Operator => render::Audience::Operator,
            },
            agency,
        }
    }
}

/// Writes `bytes` to `path` so that a failed run never leaves a partial or
/// clobbered file: a new path or a regular file is replaced atomically by a
/// temporary file made beside it (created exclusively, with a random name,
/// given the old file's permissions); through a symlink the link's target
/// is replaced, never the link; a FIFO or a device is written directly; a
/// folder is refused.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> io::Result<()> {
    // The file a symlink (or a chain of them) points at.
    let target = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(path).or_else(|_| {
            // A dangling link: create its target.
            let link = std::fs::read_link(path)?;
            Ok::<_, io::Error>(
                path.parent()
                    .unwrap_or(std::path::Path::new("."))
                    .join(link),
            )
        })?,
        _ => path.to_owned(),
    };
    let existing = std::fs::metadata(&target).ok();
    if let Some(meta) = &existing {
        if meta.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "it is a folder",
            ));
        }
        if !meta.is_file() {
            // A FIFO or a device: written as it is, never replaced.
            let mut file = std::fs::OpenOptions::new().write(true).open(&target)?;
            return file.write_all(bytes);
        }
    }
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => std::path::Path::new("."),
    };
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("output");
    let mut temporary = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(folder)?;
    temporary.write_all(bytes)?;
    temporary.as_file().sync_all()?;
    if let Some(meta) = existing {
        temporary.as_file().set_permissions(meta.permissions())?;
    }
    temporary.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

fn import(args: &ImportArgs) -> Result<(), Failure> {
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

/// `bytes` to `path` (atomically) or to standard output.
fn write_output(path: Option<&std::path::Path>, bytes: &[u8]) -> Result<(), Failure> {
    match path {
        Some(path) => write_atomically(path, bytes).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()))
        })?,
        None => io::stdout().write_all(bytes)?,
    }
    Ok(())
}

fn check(args: &CheckArgs) -> Result<(), Failure> {
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
    if args.report {
        let report = render::report::data_report(&pack);
        io::stdout().write_all(format!("\n{report}").as_bytes())?;
    }
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

fn products(args: &ListArgs) -> Result<(), Failure> {
    let pack = load(&args.pack)?;
    let out = match args.format {
        ListFormat::Text => render::lists::products_text(&pack),
        ListFormat::Json => render::lists::products_json(&pack),
    };
    io::stdout().write_all(out.as_bytes())?;
    Ok(())
}

fn hubs(args: &ListArgs) -> Result<(), Failure> {
    let pack = load(&args.pack)?;
    let out = match args.format {
        ListFormat::Text => render::lists::hubs_text(&pack),
        ListFormat::Json => render::lists::hubs_json(&pack),
    };
    io::stdout().write_all(out.as_bytes())?;
    Ok(())
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    pack: PackArgs,
    /// The address to listen on (port 0: any free port)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    addr: std::net::SocketAddr,
    /// Where visitors reach the server, e.g. https://plans.example.com behind
    /// a TLS proxy: the origin of the links it gives out (default: http://
    /// and the request's Host)
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

#[cfg(feature = "serve")]
fn serve(args: &ServeArgs) -> Result<(), Failure> {
    use jingqin::serve;
    let base_url = (args.base_url.as_deref())
        .map(serve::base_url)
        .transpose()
        .map_err(|e| Failure::Usage(format!("--base-url: {e}")))?;
    let pack = load(&args.pack)?;
    serve::log_to_stderr();
    let config = serve::Config {
        base_url,
        ..serve::Config::default()
    };
    serve::run_until_signal(args.addr, pack, config, |addr| {
        // The first line out, for the scripts and tests that ask for port 0.
        println!("listening on http://{addr}");
    })
    .map_err(|e| {
        Failure::Io(io::Error::new(
            e.kind(),
            format!("cannot serve on {}: {e}", args.addr),
        ))
    })
}

#[cfg(not(feature = "serve"))]
fn serve(_: &ServeArgs) -> Result<(), Failure> {
    Err(Failure::Usage(
        "this build has no server; build with the serve feature (cargo install --path . --features serve)".into(),
    ))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
