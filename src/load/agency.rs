//! An agency profile, `agency.toml`: the operator a plan is printed under.
//! Read and reported like a pack file: unknown keys, wrong types and bad
//! values each at their line and column, all at once.

use std::io::Read;
use std::path::Path;

use base64::Engine;
use serde::Deserialize;
use toml::Spanned;

use super::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use super::document::{Document, Entry};
use super::raw::TomlText;
use super::scope::Scope;
use crate::model::{Agency, Logo, Meeting, Pack, Text};

type S<T> = Spanned<T>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlAgency {
    name: S<TomlText>,
    licence: S<String>,
    #[serde(default)]
    sample: bool,
    phone: S<String>,
    emergency_phone: S<String>,
    address: S<TomlText>,
    website: Option<S<String>>,
    email: Option<S<String>>,
    logo: Option<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlMeeting {
    place: S<TomlText>,
    time: S<String>,
    note: Option<S<TomlText>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlTerms {
    #[serde(default)]
    inclusions: Vec<S<TomlText>>,
    #[serde(default)]
    exclusions: Vec<S<TomlText>>,
    #[serde(default)]
    terms: Vec<S<TomlText>>,
}

/// What marks a sample licence, so that a sample never shows a real one.
const SAMPLE_PREFIX: &str = "SAMPLE-";

/// The largest logo read: it is embedded, in base64, in every page printed.
const MAX_LOGO_BYTES: u64 = 256 * 1024;

const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The agency profile at `path`; its logo is read relative to its folder.
/// Its contracts are not checked against a pack (see [`load_agency_for`]).
pub fn load_agency(path: &Path) -> Result<Agency, Diagnostics> {
    load(path, None)
}

/// The agency profile at `path`, its contracts checked against `pack`:
/// each replaces a placeholder of it.
pub fn load_agency_for(path: &Path, pack: &Pack) -> Result<Agency, Diagnostics> {
    load(path, Some(pack))
}

fn load(path: &Path, pack: Option<&Pack>) -> Result<Agency, Diagnostics> {
    let text = super::read_file(path)
        .map_err(|message| Diagnostics(vec![Diagnostic::whole_file(path, message)]))?;
    let file = SourceFile {
        path: path.to_owned(),
        text,
    };
    let mut out = Vec::new();
    let agency = Document::parse(&file, &mut out).and_then(|mut doc| {
        let dir = path.parent().unwrap_or(Path::new(""));
        let agency = check(&mut doc, dir, pack, &mut out);
        doc.finish(&mut out);
        agency
    });
    match agency {
        Some(agency) if out.is_empty() => Ok(agency),
        _ => {
            // The tables are checked in a fixed order; show them as the file has them.
            out.sort_by_key(|d| d.position.map(|p| (p.line, p.column)));
            Err(Diagnostics(out))
        }
    }
}

/// The whole profile; `None` when a required value is missing or wrong.
/// Optional values that are wrong are reported and left out, so the caller
/// must also check that nothing was reported.
fn check(
    doc: &mut Document,
    dir: &Path,
    pack: Option<&Pack>,
    out: &mut Vec<Diagnostic>,
) -> Option<Agency> {
    let agency = doc.table::<TomlAgency>("agency", out);
    let meeting = doc.optional_table::<TomlMeeting>("meeting", out);
    let terms = doc.optional_table::<TomlTerms>("terms", out);
    let contracts = super::contracts::contracts(doc, pack, phone_number, out);
    let file = doc.file;

    let meeting = meeting.and_then(|Entry { value: raw, .. }| {
        let mut s = Scope::new(file, "[meeting]".into(), out);
        let place = s.text("place", &raw.place);
        let time = s.clock("time", &raw.time);
        let note = raw.note.as_ref().and_then(|note| s.text("note", note));
        Some(Meeting {
            place: place?,
            time: time?,
            note,
        })
    });
    let [inclusions, exclusions, terms] = match terms {
        Some(Entry { value: raw, .. }) => {
            let mut s = Scope::new(file, "[terms]".into(), out);
            [
                ("inclusions", &raw.inclusions),
                ("exclusions", &raw.exclusions),
                ("terms", &raw.terms),
            ]
            .map(|(field, list)| texts(&mut s, field, list))
        }
        None => Default::default(),
    };

    let raw = agency?.value;
    let mut s = Scope::new(file, "[agency]".into(), out);
    let name = s.text("name", &raw.name);
    let licence = licence(&mut s, raw.sample, &raw.licence);
    let phone = phone_number(&mut s, "phone", &raw.phone);
    let emergency_phone = phone_number(&mut s, "emergency_phone", &raw.emergency_phone);
    let address = s.text("address", &raw.address);
    let website = raw.website.as_ref().and_then(|w| website(&mut s, w));
    let email = raw.email.as_ref().and_then(|e| email(&mut s, e));
    let logo = raw.logo.as_ref().and_then(|l| logo(&mut s, dir, l));
    Some(Agency {
        name: name?,
        licence: licence?,
        sample: raw.sample,
        phone: phone?,
        emergency_phone: emergency_phone?,
        address: address?,
        website,
        email,
        logo,
        meeting,
        inclusions,
        exclusions,
        terms,
        contracts,
    })
}

fn texts(s: &mut Scope, field: &str, list: &[S<TomlText>]) -> Vec<Text> {
    (list.iter().enumerate())
        .filter_map(|(i, text)| s.text(&format!("{field}[{i}]"), text))
        .collect()
}

/// A sample's licence is marked as one; a real profile's is not.
fn licence(s: &mut Scope, sample: bool, value: &S<String>) -> Option<String> {
    let licence = s.non_empty("licence", value)?;
    match (sample, licence.starts_with(SAMPLE_PREFIX)) {
        (true, false) => s.error(
            value.span(),
            format!(
                "licence = \"{licence}\": a sample profile's licence starts with \"{SAMPLE_PREFIX}\" (e.g. \"{SAMPLE_PREFIX}L-BJ-0001\"), so that it never borrows a real licence number"
            ),
        ),
        (false, true) => s.error(
            value.span(),
            format!(
                "licence = \"{licence}\": \"{SAMPLE_PREFIX}\" marks a sample licence; this profile is not one (add sample = true)"
            ),
        ),
        _ => return Some(licence),
    }
    None
}

fn phone_number(s: &mut Scope, field: &str, value: &S<String>) -> Option<String> {
    let phone = s.non_empty(field, value)?;
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let problem = if !(phone.chars()).all(|c| c.is_ascii_digit() || " +-()".contains(c)) {
        "may hold only digits, spaces and + - ( )"
    } else if digits < 7 {
        "has fewer than 7 digits"
    } else {
        return Some(phone);
    };
    s.error(
        value.span(),
        format!("{field} = \"{phone}\" is not a phone number: it {problem}"),
    );
    None
}

fn website(s: &mut Scope, value: &S<String>) -> Option<String> {
    let url = value.get_ref();
    let rest = (url.strip_prefix("https://")).or_else(|| url.strip_prefix("http://"));
    if rest.is_some_and(|rest| !rest.is_empty()) && !url.contains(char::is_whitespace) {
        return Some(url.clone());
    }
    s.error(
        value.span(),
        format!("website = \"{url}\" is not a web address; expected one starting with https:// or http://"),
    );
    None
}

fn email(s: &mut Scope, value: &S<String>) -> Option<String> {
    let email = value.get_ref();
    let well_formed = email.split_once('@').is_some_and(|(user, domain)| {
        !user.is_empty() && !domain.is_empty() && !domain.contains('@')
    });
    if well_formed && !email.contains(char::is_whitespace) {
        return Some(email.clone());
    }
    s.error(
        value.span(),
        format!(
            "email = \"{email}\" is not an email address; expected one @ with text either side"
        ),
    );
    None
}

fn logo(s: &mut Scope, dir: &Path, value: &S<String>) -> Option<Logo> {
    let name = s.non_empty("logo", value)?;
    let path = dir.join(&name);
    match read_logo(&path) {
        Ok(logo) => Some(logo),
        Err(problem) => {
            s.error(
                value.span(),
                format!("logo = \"{name}\": {} {problem}", path.display()),
            );
            None
        }
    }
}

/// The file at `path` as a data URI, if it is a PNG or a safe SVG.
fn read_logo(path: &Path) -> Result<Logo, String> {
    let metadata = std::fs::metadata(path).map_err(|e| format!("cannot be read: {e}"))?;
    // A FIFO would block, a device never end.
    if !metadata.is_file() {
        return Err("is not a regular file".into());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_LOGO_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot be read: {e}"))?;
    if bytes.len() as u64 > MAX_LOGO_BYTES {
        return Err(format!(
            "is larger than the {} KiB a logo may have",
            MAX_LOGO_BYTES / 1024
        ));
    }
    let media_type = if bytes.starts_with(PNG_MAGIC) {
        "image/png"
    } else {
        check_svg(&bytes)?;
        "image/svg+xml"
    };
    let data = base64::engine::general_purpose::STANDARD.encode(&bytes);
    Ok(Logo {
        media_type,
        data_uri: format!("data:{media_type};base64,{data}"),
    })
}

/// An SVG document that is safe to embed in a page: nothing that runs.
fn check_svg(bytes: &[u8]) -> Result<(), String> {
    const NEITHER: &str = "is neither a PNG nor an SVG";
    let text = std::str::from_utf8(bytes).map_err(|_| format!("{NEITHER} (not UTF-8 text)"))?;
    // The prolog: a byte-order mark, whitespace, XML declarations, comments.
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    loop {
        rest = rest.trim_start();
        let skipped = if let Some(after) = rest.strip_prefix("<?xml") {
            after.split_once("?>")
        } else if let Some(after) = rest.strip_prefix("<!--") {
            after.split_once("-->")
        } else {
            break;
        };
        let Some((_, after)) = skipped else {
            return Err(format!("{NEITHER} (its prolog never ends)"));
        };
        rest = after;
    }
    let root_is_svg = rest.strip_prefix("<svg").is_some_and(|after| {
        after.starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
    });
    if !root_is_svg {
        return Err(format!("{NEITHER} (an SVG's root element is <svg>)"));
    }
    let lower = text.to_ascii_lowercase();
    let embedded = "logos are embedded in pages, where nothing may run";
    if lower.contains("<script") {
        return Err(format!("contains a <script>; {embedded}"));
    }
    if lower.contains("javascript:") {
        return Err(format!("contains a javascript: link; {embedded}"));
    }
    if let Some(attribute) = event_attribute(&lower) {
        return Err(format!("has an event attribute `{attribute}=`; {embedded}"));
    }
    Ok(())
}

/// The first `on…=` attribute (`onload=`, `onclick =`) of a lowercased
/// text: `on`, letters and `=`, after a character no name has inside it.
fn event_attribute(lower: &str) -> Option<&str> {
    let bytes = lower.as_bytes();
    lower.match_indices("on").find_map(|(i, _)| {
        let starts_name = i
            .checked_sub(1)
            .and_then(|before| bytes.get(before))
            .is_none_or(|b| !(b.is_ascii_alphanumeric() || b"-_.".contains(b)));
        let name_end = i
            + 2
            + lower[i + 2..]
                .bytes()
                .take_while(u8::is_ascii_lowercase)
                .count();
        let assigned = lower[name_end..].trim_start().starts_with('=');
        (starts_name && name_end > i + 2 && assigned).then(|| &lower[i..name_end])
    })
}
