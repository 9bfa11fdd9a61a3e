//! The languages a reader asks for, and text in them: [`Lang`] is the
//! choice (Chinese, English or both), [`Bi`] a text in every language
//! chosen, each [`Part`] tagged with its [`Language`] so a writer can mark
//! it up. The view, the sheets and the writers all speak in these.

use super::catalog::{Language, Msg};
use crate::model::Text;

/// The language of names and labels: Chinese, English, or both side by side.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
    #[default]
    Both,
}

impl Lang {
    /// The languages shown, Chinese first.
    pub fn languages(self) -> &'static [Language] {
        match self {
            Lang::Zh => &[Language::Zh],
            Lang::En => &[Language::En],
            Lang::Both => &[Language::Zh, Language::En],
        }
    }

    /// For tight spots (a transfer's two ends, a duration, a mark): one
    /// language, Chinese unless only English is asked for.
    pub fn compact(self) -> Lang {
        match self {
            Lang::En => Lang::En,
            Lang::Zh | Lang::Both => Lang::Zh,
        }
    }

    /// The language of the document as a whole.
    pub fn primary(self) -> Language {
        self.languages()[0]
    }
}

/// A piece of text in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub lang: Language,
    pub text: String,
}

/// Text in the languages asked for: one part, or Chinese then English.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bi(pub Vec<Part>);

impl Bi {
    /// A catalog message.
    pub fn say(lang: Lang, msg: &Msg) -> Bi {
        Bi::map(lang, |l| msg.text(l))
    }

    /// Text from the pack.
    pub fn of(lang: Lang, text: &Text) -> Bi {
        Bi::map(lang, |l| l.of(text).to_owned())
    }

    /// A part in each language asked for, made by `f`.
    pub fn map(lang: Lang, f: impl Fn(Language) -> String) -> Bi {
        Bi(lang
            .languages()
            .iter()
            .map(|&l| Part {
                lang: l,
                text: f(l),
            })
            .collect())
    }

    /// The text of `lang`'s part (the first part when there is none).
    pub fn get(&self, lang: Language) -> &str {
        let part = self.0.iter().find(|p| p.lang == lang).or(self.0.first());
        part.map_or("", |p| p.text.as_str())
    }

    /// The parts side by side, separated by `between`.
    pub fn join(&self, between: &str) -> String {
        let texts: Vec<&str> = self.0.iter().map(|p| p.text.as_str()).collect();
        texts.join(between)
    }

    /// The parts side by side, separated by a space.
    pub fn plain(&self) -> String {
        self.join(" ")
    }
}

/// An id shown as it is, for a place the pack does not name.
pub(super) fn verbatim(id: &str) -> Bi {
    Bi(vec![Part {
        lang: Language::En,
        text: id.to_owned(),
    }])
}
