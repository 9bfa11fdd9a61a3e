//! Names of places in the language asked for.

use crate::model::{Pack, Text};
use crate::plan::Itinerary;

/// The language of names and labels: Chinese, English, or both side by side.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
    #[default]
    Both,
}

impl Lang {
    /// `text` in this language; both as "中文 English".
    pub fn pick(self, text: &Text) -> String {
        match self {
            Lang::Zh => text.zh.clone(),
            Lang::En => text.en.clone(),
            Lang::Both => format!("{} {}", text.zh, text.en),
        }
    }

    /// A label given in both languages.
    pub fn label(self, zh: &str, en: &str) -> String {
        match self {
            Lang::Zh => zh.to_owned(),
            Lang::En => en.to_owned(),
            Lang::Both => format!("{zh} {en}"),
        }
    }
}

/// The name of a site, hub or lodging by id.
pub fn name_of<'p>(pack: &'p Pack, id: &str) -> Option<&'p Text> {
    (pack.site(id).map(|s| &s.name))
        .or_else(|| pack.hub(id).map(|h| &h.name))
        .or_else(|| pack.lodging(id).map(|l| &l.name))
}

/// The name of a place in `lang`, or its id when the pack has no such place.
pub fn place(pack: &Pack, id: &str, lang: Lang) -> String {
    name_of(pack, id).map_or_else(|| id.to_owned(), |n| lang.pick(n))
}

/// A place's name in one language, to keep a "from → to" line short:
/// Chinese unless only English was asked for.
pub fn short(pack: &Pack, id: &str, lang: Lang) -> String {
    name_of(pack, id).map_or_else(
        || id.to_owned(),
        |n| match lang {
            Lang::En => n.en.clone(),
            Lang::Zh | Lang::Both => n.zh.clone(),
        },
    )
}

/// The product's name, or "N-day trip" with the pack's name.
pub fn trip_title(pack: &Pack, itinerary: &Itinerary) -> Text {
    let request = &itinerary.request;
    match request.product.as_deref().and_then(|id| pack.product(id)) {
        Some(product) => product.name.clone(),
        None => Text {
            zh: format!("{}日游 · {}", request.days, pack.info.name.zh),
            en: format!("{}-day trip · {}", request.days, pack.info.name.en),
        },
    }
}
