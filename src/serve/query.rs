//! The query of `/plan`: the command line's plan parameters, each parsed
//! and checked on its own so that a bad one is named; the request resolved
//! against the pack; the normalized key a rendered plan is kept under.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::load::MAX_DAYS;
use crate::model::{Category, Pace, Pack};
use crate::plan::{self, Mode, Party, Request, RequestSpec};
use crate::render::{Audience, Format, Lang};

use super::problem::Problem;

/// The parameters `/plan` takes, in the order of its canonical query.
const PARAMETERS: [&str; 15] = [
    "product",
    "days",
    "date",
    "from",
    "mode",
    "party",
    "interests",
    "must",
    "avoid",
    "pace",
    "lodging",
    "seed",
    "lang",
    "for",
    "format",
];

/// The most sites `must` or `avoid` may name: more than any pack holds.
const MAX_SITES: usize = 64;

/// A `/plan` query, understood.
#[derive(Clone, Debug)]
pub struct PlanQuery {
    pub spec: RequestSpec,
    pub format: Format,
    pub lang: Lang,
    pub audience: Audience,
    /// The parameters given, values normalized, in the order of `PARAMETERS`.
    given: BTreeMap<usize, String>,
}

impl PlanQuery {
    /// Parses the raw query string (percent-encoded) of `/plan`.
    pub fn parse(raw: &str) -> Result<PlanQuery, Problem> {
        let mut query = PlanQuery {
            spec: RequestSpec::default(),
            format: Format::Html,
            lang: Lang::Both,
            audience: Audience::Customer,
            given: BTreeMap::new(),
        };
        for (name, value) in form_urlencoded::parse(raw.as_bytes()) {
            query.set(&name, value.trim())?;
        }
        Ok(query)
    }

    fn set(&mut self, name: &str, value: &str) -> Result<(), Problem> {
        // `meet` is `from` by its other name, as on the command line.
        let canonical = if name == "meet" { "from" } else { name };
        let Some(index) = PARAMETERS.iter().position(|p| *p == canonical) else {
            return Err(Problem::bad_parameter(
                name,
                format!(
                    "\"{name}\" is not a parameter of /plan; it takes {}",
                    PARAMETERS.join(", ")
                ),
            ));
        };
        let name = PARAMETERS[index];
        let bad = |detail: String| Problem::bad_parameter(name, detail);
        let list = name == "must" || name == "avoid";
        if self.given.contains_key(&index) && !list {
            return Err(bad(format!("\"{name}\" is given more than once")));
        }
        if value.is_empty() && !list {
            return Err(bad(format!("\"{name}\" is empty")));
        }
        let mut normalized = value.to_owned();
        match name {
            "product" => self.spec.product = Some(value.to_owned()),
            "days" => {
                let days = (value.parse::<u8>().ok())
                    .filter(|d| (1..=MAX_DAYS).contains(d))
                    .ok_or_else(|| {
                        bad(format!("\"{value}\" is not a trip length 1..{MAX_DAYS}"))
                    })?;
                self.spec.days = Some(days);
                normalized = days.to_string();
            }
            "date" => self.spec.date = Some(plan::parse_date(value).map_err(bad)?),
            "from" => self.spec.from = Some(value.to_owned()),
            "mode" => {
                self.spec.mode = Some(
                    one_of(
                        value,
                        &[
                            ("rail", Mode::Rail),
                            ("coach", Mode::Coach),
                            ("car", Mode::Car),
                            ("charter", Mode::Charter),
                        ],
                    )
                    .map_err(bad)?,
                );
            }
            "party" => {
                let party = plan::parse_party(value).map_err(bad)?;
                normalized = party_text(party);
                self.spec.party = Some(party);
            }
            "interests" => {
                let interests = plan::parse_interests(value).map_err(bad)?;
                normalized = interests_text(&interests);
                self.spec.interests = Some(interests);
            }
            "must" | "avoid" => {
                let target = if name == "must" {
                    &mut self.spec.must
                } else {
                    &mut self.spec.avoid
                };
                let items = value.split(',').map(str::trim).filter(|s| !s.is_empty());
                target.extend(items.map(str::to_owned));
                if target.len() > MAX_SITES {
                    return Err(bad(format!("more than {MAX_SITES} sites")));
                }
                normalized = target.join(",");
            }
            "pace" => {
                self.spec.pace = Some(
                    one_of(
                        value,
                        &[
                            ("relaxed", Pace::Relaxed),
                            ("standard", Pace::Standard),
                            ("packed", Pace::Packed),
                        ],
                    )
                    .map_err(bad)?,
                );
            }
            "lodging" => self.spec.lodging = Some(value.to_owned()),
            "seed" => {
                self.spec.seed = (value.parse::<u64>())
                    .map_err(|_| bad(format!("\"{value}\" is not a seed (0..2^64)")))?;
                normalized = self.spec.seed.to_string();
            }
            "lang" => {
                let langs = [("zh", Lang::Zh), ("en", Lang::En), ("both", Lang::Both)];
                self.lang = one_of(value, &langs).map_err(bad)?;
            }
            "for" => {
                self.audience = one_of(
                    value,
                    &[
                        ("customer", Audience::Customer),
                        ("guide", Audience::Guide),
                        ("operator", Audience::Operator),
                    ],
                )
                .map_err(bad)?;
            }
            "format" => self.format = parse_format(value).map_err(bad)?,
            _ => unreachable!("every parameter is matched"),
        }
        self.given.insert(index, normalized);
        Ok(())
    }

    /// The same query as another format.
    pub fn with_format(&self, format: Format) -> PlanQuery {
        let mut query = self.clone();
        query.format = format;
        query.given.insert(
            PARAMETERS
                .iter()
                .position(|p| *p == "format")
                .unwrap_or_default(),
            format_name(format).to_owned(),
        );
        query
    }

    /// The parameters given, normalized and in a fixed order, percent-encoded.
    pub fn canonical(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (index, value) in &self.given {
            out.append_pair(PARAMETERS[*index], value);
        }
        out.finish()
    }

    /// The request against `pack`, `today` deciding the default date; a
    /// request the pack cannot meet names the parameter at fault.
    pub fn resolve(&self, pack: &Pack, today: NaiveDate) -> Result<Request, Problem> {
        self.spec
            .resolve(pack, today)
            .map_err(|error| Problem::bad_parameter(self.blame(pack, today), error.0))
    }

    /// The parameter to blame for a request that does not resolve: the
    /// parameters are added one at a time, and the first whose addition
    /// makes it fail is the one.
    fn blame(&self, pack: &Pack, today: NaiveDate) -> &'static str {
        let full = &self.spec;
        let mut spec = RequestSpec {
            days: full.days,
            product: full.product.clone(),
            seed: full.seed,
            ..RequestSpec::default()
        };
        if spec.resolve(pack, today).is_err() {
            let unknown = (full.product.as_deref()).is_some_and(|id| pack.product(id).is_none());
            return if unknown { "product" } else { "days" };
        }
        type Step = (&'static str, fn(&mut RequestSpec, &RequestSpec));
        let steps: [Step; 9] = [
            ("party", |s, f| s.party = f.party),
            ("mode", |s, f| s.mode = f.mode),
            ("from", |s, f| s.from = f.from.clone()),
            ("date", |s, f| s.date = f.date),
            ("pace", |s, f| s.pace = f.pace),
            ("interests", |s, f| s.interests = f.interests.clone()),
            ("lodging", |s, f| s.lodging = f.lodging.clone()),
            ("must", |s, f| s.must = f.must.clone()),
            ("avoid", |s, f| s.avoid = f.avoid.clone()),
        ];
        for (name, add) in steps {
            add(&mut spec, full);
            if spec.resolve(pack, today).is_err() {
                return name;
            }
        }
        "query"
    }

    /// The key of the rendered plan: the resolved request (names become
    /// ids, the default date a date) with how it is written.
    pub fn key(&self, request: &Request) -> String {
        let request = serde_json::to_string(request).unwrap_or_default();
        let (format, lang, audience) = (self.format, self.lang, self.audience);
        format!("{format:?} {lang:?} {audience:?} {request}")
    }
}

fn one_of<T: Copy>(value: &str, choices: &[(&str, T)]) -> Result<T, String> {
    (choices.iter().find(|(name, _)| *name == value))
        .map(|(_, choice)| *choice)
        .ok_or_else(|| {
            let names: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
            format!("\"{value}\" is not one of {}", names.join(", "))
        })
}

/// The formats by the names `--format` gives them.
const FORMATS: [(&str, Format); 6] = [
    ("html", Format::Html),
    ("fragment", Format::Fragment),
    ("json", Format::Json),
    ("ics", Format::Ics),
    ("md", Format::Md),
    ("text", Format::Text),
];

fn parse_format(value: &str) -> Result<Format, String> {
    one_of(value, &FORMATS)
}

fn format_name(format: Format) -> &'static str {
    (FORMATS.iter().find(|(_, f)| *f == format)).map_or("html", |(name, _)| name)
}

fn party_text(party: Party) -> String {
    let Party {
        adults,
        children,
        seniors,
    } = party;
    format!("adults={adults},children={children},seniors={seniors}")
}

fn interests_text(interests: &BTreeMap<Category, f64>) -> String {
    let pairs: Vec<String> = (interests.iter())
        .map(|(category, weight)| format!("{}={weight}", category.as_str()))
        .collect();
    pairs.join(",")
}

/// The media type of a format.
pub fn content_type(format: Format) -> &'static str {
    match format {
        Format::Html | Format::Fragment => "text/html; charset=utf-8",
        Format::Json => "application/json",
        Format::Ics => "text/calendar; charset=utf-8",
        Format::Md => "text/markdown; charset=utf-8",
        Format::Text => "text/plain; charset=utf-8",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_query_is_ordered_and_normalized() {
        let query =
            PlanQuery::parse("format=json&date=2027-07-16&product=qhd-2day&party=adults%3D2")
                .map_err(|p| p.detail);
        let canonical = query.map(|q| q.canonical());
        assert_eq!(
            canonical.as_deref(),
            Ok(
                "product=qhd-2day&date=2027-07-16&party=adults%3D2%2Cchildren%3D0%2Cseniors%3D0&format=json"
            )
        );
    }

    #[test]
    fn bad_parameters_are_named() {
        let named = |raw: &str| PlanQuery::parse(raw).err().and_then(|p| p.parameter);
        assert_eq!(named("date=2027-02-30").as_deref(), Some("date"));
        assert_eq!(named("days=0").as_deref(), Some("days"));
        assert_eq!(named("days=1&days=2").as_deref(), Some("days"));
        assert_eq!(named("party=kids%3D2").as_deref(), Some("party"));
        assert_eq!(named("format=pdf").as_deref(), Some("format"));
        assert_eq!(named("colour=red").as_deref(), Some("colour"));
        assert_eq!(named("must=a&must=b"), None);
    }
}
