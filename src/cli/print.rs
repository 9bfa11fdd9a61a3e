//! How an itinerary is printed, as `plan`, `render` and `catalog` ask: its
//! format, its reader (language, audience, agency profile) and where it goes.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use jingqin::load;
use jingqin::model::Pack;
use jingqin::plan;
use jingqin::render;

use super::failure::Failure;
use super::file::write_output;

/// How an itinerary is written: its format, its reader and where.
#[derive(Args)]
pub(super) struct WriteArgs {
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
    /// The itinerary `make` gives from the pack, written as asked; the
    /// format and the agency profile are checked first, lest a bad one
    /// waste a plan. The agency's contracts replace the pack's placeholders
    /// for planning and printing alike, so a saved plan prints as planned.
    pub(super) fn write(
        &self,
        pack: &Pack,
        make: impl FnOnce(&Pack) -> Result<plan::Itinerary, Failure>,
    ) -> Result<(), Failure> {
        let format = output_format(self.format, self.output.as_deref())?;
        let agency = load_agency(&self.reader, pack)?;
        let contracted = agency.as_ref().map(|a| a.contracted(pack));
        let pack = contracted.as_ref().unwrap_or(pack);
        let options = self.reader.options(agency.as_ref());
        let out = render::itinerary_for(pack, &make(pack)?, format, &options);
        write_output(self.output.as_deref(), out.as_bytes())
    }
}

/// Whom a plan is printed for, in which language, under whose name.
#[derive(Args)]
pub(super) struct ReaderArgs {
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

/// The agency profile `--agency` names, checked as strictly as a pack
/// (its contracts against `pack`).
pub(super) fn load_agency(
    reader: &ReaderArgs,
    pack: &Pack,
) -> Result<Option<jingqin::model::Agency>, Failure> {
    let Some(path) = &reader.agency else {
        return Ok(None);
    };
    if !path.is_file() {
        return Err(Failure::NoInput(format!(
            "no agency profile at {}",
            path.display()
        )));
    }
    load::load_agency_for(path, pack)
        .map(Some)
        .map_err(Failure::Profile)
}

impl ReaderArgs {
    pub(super) fn options<'a>(
        &self,
        agency: Option<&'a jingqin::model::Agency>,
    ) -> render::Options<'a> {
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
