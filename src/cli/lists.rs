//! `jingqin sites`, `products` and `hubs`: a pack's lists, as text or JSON.

use std::io::{self, Write};

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use jingqin::plan;
use jingqin::render;

use super::failure::Failure;
use super::pack::{PackArgs, load};

#[derive(Args)]
pub(super) struct SitesArgs {
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
pub(super) struct ListArgs {
    #[command(flatten)]
    pack: PackArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

pub(super) fn sites(args: &SitesArgs) -> Result<(), Failure> {
    let pack = load(&args.pack)?;
    let entries = render::sites::entries(&pack, args.date);
    let out = match args.format {
        ListFormat::Text => render::sites::text(&pack, &entries, args.date),
        ListFormat::Json => render::sites::json(&entries),
    };
    io::stdout().write_all(out.as_bytes())?;
    Ok(())
}

pub(super) fn products(args: &ListArgs) -> Result<(), Failure> {
    let pack = load(&args.pack)?;
    let out = match args.format {
        ListFormat::Text => render::lists::products_text(&pack),
        ListFormat::Json => render::lists::products_json(&pack),
    };
    io::stdout().write_all(out.as_bytes())?;
    Ok(())
}

pub(super) fn hubs(args: &ListArgs) -> Result<(), Failure> {
    let pack = load(&args.pack)?;
    let out = match args.format {
        ListFormat::Text => render::lists::hubs_text(&pack),
        ListFormat::Json => render::lists::hubs_json(&pack),
    };
    io::stdout().write_all(out.as_bytes())?;
    Ok(())
}
