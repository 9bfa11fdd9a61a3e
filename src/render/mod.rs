//! Rendering: turns an itinerary (or the site list) into one output format.
//!
//! An itinerary is first built into one [`view`] in the language asked for,
//! its words from the [`catalog`]; the writers only lay that view out. HTML
//! goes through the askama templates in `templates/`; text, Markdown and
//! ICS are written in Rust, each escaping pack text for its own syntax.
//! JSON is the plan's facts, with their texts added from the same view.

pub mod catalog;
mod css;
pub(crate) mod html;
mod ics;
mod json;
mod lang;
pub mod lists;
mod map;
mod markdown;
mod notices;
pub mod report;
mod sheet;
pub mod sites;
mod table;
mod text;
pub mod view;

use std::path::Path;

use crate::model::Pack;
use crate::plan::{Itinerary, Refusal};

pub use lang::Lang;
pub use sheet::{Audience, Options};

/// An output format of `jingqin plan`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text for a terminal.
    Text,
    /// The versioned output contract, `schema/itinerary.v1.json`.
    Json,
    /// A full, printable A4 page.
    Html,
    /// An HTML fragment to embed in another page.
    Fragment,
    /// Markdown.
    Md,
    /// An RFC 5545 calendar.
    Ics,
}

impl Format {
    /// The format a file name asks for by its extension.
    pub fn from_path(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "txt" => Some(Format::Text),
            "json" => Some(Format::Json),
            "html" | "htm" => Some(Format::Html),
            "md" | "markdown" => Some(Format::Md),
            "ics" => Some(Format::Ics),
            _ => None,
        }
    }
}

/// `itinerary` in `format`, names and labels in `lang`: the customer's
/// handout, without an agency's name.
pub fn itinerary(pack: &Pack, itinerary: &Itinerary, format: Format, lang: Lang) -> String {
    let options = Options {
        lang,
        ..Options::default()
    };
    itinerary_for(pack, itinerary, format, &options)
}

/// A request with no plan, in `format`, for a promoter's page: a page or
/// a fragment that says why in the reader's language; `None` for the other
/// formats, which are for programs and answer with the detail.
pub fn refusal_for(refusal: &Refusal, format: Format, lang: Lang) -> Option<String> {
    match format {
        Format::Html => Some(html::refusal(refusal, lang, true)),
        Format::Fragment => Some(html::refusal(refusal, lang, false)),
        Format::Text | Format::Md | Format::Ics | Format::Json => None,
    }
}

/// `itinerary` in `format` for the reader `options` describe. JSON holds
/// every fact whoever reads it.
pub fn itinerary_for(
    pack: &Pack,
    itinerary: &Itinerary,
    format: Format,
    options: &Options,
) -> String {
    if format == Format::Json {
        return json::render(pack, itinerary, options.lang);
    }
    let view = view::build(pack, itinerary, options);
    match format {
        Format::Text => text::render(&view),
        Format::Html => html::page(&view, itinerary),
        Format::Fragment => html::fragment(&view),
        Format::Md => markdown::render(&view),
        Format::Ics => ics::render(&view, itinerary),
        Format::Json => unreachable!("handled above"),
    }
}
