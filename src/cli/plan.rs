//! `jingqin plan`: a request from the command line, planned and printed.

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use jingqin::model::Pace;
use jingqin::plan::{self, Mode, RequestSpec};

use super::failure::Failure;
use super::pack::{PackArgs, load};
use super::print::WriteArgs;

#[derive(Args)]
pub(super) struct PlanArgs {
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

pub(super) fn run(args: &PlanArgs) -> Result<(), Failure> {
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
    args.out.write(&pack, |pack| {
        plan::plan(pack, &request).map_err(|e| Failure::Infeasible(e.to_string()))
    })
}
