//! Rendering: turns an itinerary (or the site list) into one output format.
//! HTML goes through the askama templates in `templates/`; JSON, text,
//! Markdown and ICS are written in Rust, each escaping pack text for its
//! own syntax.

mod html;
mod ics;
mod json;
mod map;
mod markdown;
mod names;
pub mod sites;
mod table;
mod text;

use std::path::Path;

use crate::model::Pack;
use crate::plan::Itinerary;

pub use names::Lang;

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

/// `itinerary` in `format`, names and labels in `lang`.
pub fn itinerary(pack: &Pack, itinerary: &Itinerary, format: Format, lang: Lang) -> String {
    match format {
        Format::Text => text::render(pack, itinerary, lang),
        Format::Json => json::render(itinerary),
        Format::Html => html::page(pack, itinerary, lang),
        Format::Fragment => html::fragment(pack, itinerary, lang),
        Format::Md => markdown::render(pack, itinerary, lang),
        Format::Ics => ics::render(pack, itinerary, lang),
    }
}
