//! `jingqin catalog`: a static site of the products and their dates.

use std::io::{self, Write};
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;

use jingqin::plan;

use super::failure::Failure;
use super::pack::{PackArgs, load};
use super::print::{ReaderArgs, load_agency};

#[derive(Args)]
pub(super) struct CatalogArgs {
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

pub(super) fn run(args: &CatalogArgs) -> Result<(), Failure> {
    use jingqin::publish::{self, Catalog};
    let pack = load(&args.pack)?;
    let agency = load_agency(&args.reader, &pack)?;
    // The agency's contracts in place of the pack's placeholders, as `plan` does.
    let pack = match &agency {
        Some(agency) => agency.contracted(&pack),
        None => pack,
    };
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
