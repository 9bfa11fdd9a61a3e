//! The itinerary as an RFC 5545 calendar: one VEVENT per transfer, visit and
//! meal, timed in Asia/Shanghai, written by hand because the format is small
//! and its two traps (TEXT escaping, 75-octet folding) are easier to prove
//! here than to trust to a dependency.
//!
//! The output is byte-identical for the same plan: UIDs come from the plan's
//! ids and positions, and DTSTAMP from the trip's first day, never the clock.

use chrono::{NaiveDate, NaiveDateTime};

use super::Lang;
use super::names::{name_of, place};
use crate::model::{Pack, Text};
use crate::plan::{Clock, Event, Itinerary, TransferMode};

/// The zone of every time in a pack (the loader accepts no other).
const TZID: &str = "Asia/Shanghai";

/// The longest physical line, in octets, without its CRLF (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

pub fn render(pack: &Pack, itinerary: &Itinerary, lang: Lang) -> String {
    let mut cal = Calendar::default();
    cal.line("BEGIN:VCALENDAR");
    cal.line("VERSION:2.0");
    cal.line("PRODID:-//jingqin//itinerary//EN");
    cal.line("CALSCALE:GREGORIAN");
    cal.line("METHOD:PUBLISH");
    let title = lang.pick(&super::names::trip_title(pack, itinerary));
    // NAME is RFC 7986; X-WR-CALNAME is what most clients still read.
    cal.text("NAME", &title);
    cal.text("X-WR-CALNAME", &title);
    cal.line(&format!("X-WR-TIMEZONE:{TZID}"));
    if !itinerary.warnings.is_empty() {
        cal.text("DESCRIPTION", &itinerary.warnings.join("\n"));
    }
    // China has kept UTC+8 without daylight saving since 1991, so one
    // STANDARD rule from the epoch describes every date a plan can have.
    cal.line("BEGIN:VTIMEZONE");
    cal.line(&format!("TZID:{TZID}"));
    cal.line(&format!("X-LIC-LOCATION:{TZID}"));
    cal.line("BEGIN:STANDARD");
    cal.line("DTSTART:19700101T000000");
    cal.line("TZOFFSETFROM:+0800");
    cal.line("TZOFFSETTO:+0800");
    cal.line("TZNAME:CST");
    cal.line("END:STANDARD");
    cal.line("END:VTIMEZONE");

    // A fixed stamp, derived from the plan, keeps the bytes reproducible.
    // Clients that compare DTSTAMPs see a re-plan of the same trip as the
    // same revision; the UIDs of changed events differ, so they still update.
    let stamp = format!("{}T000000Z", compact(itinerary.request.date));
    let trip = compact(itinerary.request.date);
    for day in &itinerary.days {
        for (index, event) in day.events.iter().enumerate() {
            let Some(entry) = entry(pack, event, lang) else {
                continue;
            };
            cal.line("BEGIN:VEVENT");
            cal.text(
                "UID",
                &format!(
                    "{}-{trip}-d{}-e{}-{}-{}@jingqin",
                    itinerary.pack,
                    day.index,
                    index + 1,
                    entry.kind,
                    entry.subject
                ),
            );
            cal.line(&format!("DTSTAMP:{stamp}"));
            cal.line(&format!("DTSTART;TZID={TZID}:{}", local(entry.start)));
            cal.line(&format!("DTEND;TZID={TZID}:{}", local(entry.end)));
            cal.text("SUMMARY", &entry.summary);
            if let Some(location) = &entry.location {
                cal.text("LOCATION", location);
            }
            if let Some((lat, lon)) = entry.geo {
                cal.line(&format!("GEO:{lat:.6};{lon:.6}"));
            }
            if !entry.description.is_empty() {
                cal.text("DESCRIPTION", &entry.description.join("\n"));
            }
            // Categories are a list: each item is escaped, the commas between them are not.
            let categories: Vec<String> = entry.categories.iter().map(|c| escape_text(c)).collect();
            cal.line(&format!("CATEGORIES:{}", categories.join(",")));
            cal.line("TRANSP:OPAQUE");
            cal.line("END:VEVENT");
        }
    }
    cal.line("END:VCALENDAR");
    cal.0
}

/// The calendar text: CRLF lines, each folded.
#[derive(Default)]
struct Calendar(String);

impl Calendar {
    fn line(&mut self, line: &str) {
        self.0.push_str(&fold_line(line));
        self.0.push_str("\r\n");
    }

    /// A property whose value is TEXT.
    fn text(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{}", escape_text(value)));
    }
}

/// What one event of the plan becomes.
struct Entry {
    kind: &'static str,
    /// The id the UID is told apart by: the site, the destination or the meal.
    subject: String,
    start: Clock,
    end: Clock,
    summary: String,
    location: Option<String>,
    geo: Option<(f64, f64)>,
    description: Vec<String>,
    categories: Vec<String>,
}

/// The entry of `event`; `None` for the night's lodging, which is not an
/// appointment: the transfer to it already carries its place and time.
fn entry(pack: &Pack, event: &Event, lang: Lang) -> Option<Entry> {
    let place_name = |id: &str| place(pack, id, lang);
    Some(match event {
        Event::Transfer {
            from,
            to,
            start,
            end,
            mode,
            service,
            distance_km,
            minutes,
            cost_cny,
        } => {
            let how = mode_label(*mode, lang);
            let what = match service {
                Some(service) => service.clone(),
                None => how.clone(),
            };
            let mut description = vec![
                format!("{how}: {} → {}", place_name(from), place_name(to)),
                format!("{distance_km:.1} km · {minutes} min"),
            ];
            if *cost_cny > 0.0 {
                description.push(cost(*cost_cny, lang));
            }
            if service.is_some() && pack.timetable.sample {
                description.push(lang.pick(&pack.timetable.note));
            }
            Entry {
                kind: "transfer",
                subject: to.clone(),
                start: *start,
                end: *end,
                summary: format!(
                    "{what} {} → {}",
                    short(pack, from, lang),
                    short(pack, to, lang)
                ),
                location: address(pack, to),
                geo: geo(pack, to),
                description,
                categories: vec![lang.label("交通", "Transfer"), how],
            }
        }
        Event::Visit {
            site,
            start,
            end,
            cost_cny,
            sunrise,
        } => {
            let mut description = Vec::new();
            let mut categories = vec![lang.label("游览", "Visit")];
            if *sunrise {
                description.push(lang.label("观日出", "Timed for the sunrise"));
                categories.push(lang.label("日出", "Sunrise"));
            }
            if let Some(site) = pack.site(site) {
                description.push(lang.pick(&site.summary));
                if site.booking {
                    description.push(lang.label("需提前预约", "Book in advance"));
                }
                if let Some(notes) = &site.notes {
                    description.push(lang.pick(notes));
                }
                categories.push(site.category.as_str().to_owned());
            }
            if *cost_cny > 0.0 {
                description.push(cost(*cost_cny, lang));
            }
            Entry {
                kind: "visit",
                subject: site.clone(),
                start: *start,
                end: *end,
                summary: place_name(site),
                location: address(pack, site),
                geo: geo(pack, site),
                description,
                categories,
            }
        }
        Event::Meal {
            meal,
            start,
            end,
            near,
        } => {
            let name = pack
                .meals
                .iter()
                .find(|m| m.kind == *meal)
                .map_or_else(|| format!("{meal:?}"), |m| lang.pick(&m.name));
            Entry {
                kind: "meal",
                subject: format!("{meal:?}").to_lowercase(),
                start: *start,
                end: *end,
                summary: format!("{name} · {}", short(pack, near, lang)),
                location: address(pack, near),
                geo: geo(pack, near),
                description: vec![format!(
                    "{}: {}",
                    lang.label("附近", "Near"),
                    place_name(near)
                )],
                categories: vec![lang.label("用餐", "Meal")],
            }
        }
        Event::Lodging { .. } => return None,
    })
}

/// The place's name in one language: Chinese unless English is asked for.
fn short(pack: &Pack, id: &str, lang: Lang) -> String {
    name_of(pack, id).map_or_else(
        || id.to_owned(),
        |n| match lang {
            Lang::En => n.en.clone(),
            Lang::Zh | Lang::Both => n.zh.clone(),
        },
    )
}

/// Chinese name, district and street address: what a driver or a map app needs,
/// whatever the language of the rest.
fn address(pack: &Pack, id: &str) -> Option<String> {
    let (name, district, street): (&Text, &Text, Option<&String>) = if let Some(s) = pack.site(id) {
        (&s.name, &s.district, s.address.as_ref())
    } else if let Some(h) = pack.hub(id) {
        (&h.name, &h.district, None)
    } else {
        let l = pack.lodging(id)?;
        (&l.name, &l.district, None)
    };
    let mut parts = vec![name.zh.as_str(), district.zh.as_str()];
    parts.extend(street.map(String::as_str));
    Some(parts.join(", "))
}

fn geo(pack: &Pack, id: &str) -> Option<(f64, f64)> {
    let coord = (pack.site(id).map(|s| s.coord))
        .or_else(|| pack.hub(id).map(|h| h.coord))
        .or_else(|| pack.lodging(id).map(|l| l.coord))?;
    Some((coord.lat, coord.lon))
}

fn mode_label(mode: TransferMode, lang: Lang) -> String {
    match mode {
        TransferMode::Rail => lang.label("火车", "Train"),
        TransferMode::Coach => lang.label("大巴", "Coach"),
        TransferMode::Car => lang.label("驾车", "Car"),
        TransferMode::Walk => lang.label("步行", "Walk"),
    }
}

fn cost(cny: f64, lang: Lang) -> String {
    format!("{} ¥{cny:.0}", lang.label("全团费用", "Cost for the party"))
}

fn compact(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// A local DATE-TIME; minutes past midnight may run into the next day.
fn local(clock: Clock) -> String {
    let midnight = NaiveDateTime::from(clock.date);
    let at = midnight + chrono::Duration::minutes(i64::from(clock.minutes));
    at.format("%Y%m%dT%H%M%S").to_string()
}

/// `text` as an RFC 5545 TEXT value (§3.3.11): backslash, semicolon and
/// comma escaped, line breaks as `\n`. Other control characters are not
/// allowed in TEXT at all, so they are dropped.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                // CRLF and a lone CR are both one line break.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `line` folded into physical lines of at most 75 octets joined by CRLF and
/// a space (§3.1), never splitting a UTF-8 character. A physical line never
/// ends in whitespace either: some parsers trim it before unfolding, which
/// would eat a space of the value.
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 36);
    let mut rest = line;
    // The first line holds 75 octets; each continuation has a space first.
    let mut room = LINE_OCTETS;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let trimmed = rest[..cut].trim_end_matches([' ', '\t']).len();
        if trimmed > 0 {
            cut = trimmed;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::{escape_text, fold_line};

    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    fn unescape(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n' | 'N') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn escaping_round_trips_separators_backslashes_and_newlines() {
        let text = "a;b,c\\d\ne \\n ;; ,, \\\\ 鸽子窝:\"x\"";
        let escaped = escape_text(text);
        assert_eq!(
            escaped,
            "a\\;b\\,c\\\\d\\ne \\\\n \\;\\; \\,\\, \\\\\\\\ 鸽子窝:\"x\""
        );
        assert_eq!(unescape(&escaped), text);
    }

    #[test]
    fn escaping_turns_crlf_into_one_break_and_drops_controls() {
        assert_eq!(escape_text("a\r\nb\rc\u{7}d"), "a\\nb\\ncd");
    }

    #[test]
    fn a_long_chinese_line_folds_within_75_octets_and_unfolds_intact() {
        let line = format!("SUMMARY:{}", "鸽子窝公园观海上日出，".repeat(40));
        let folded = fold_line(&line);
        assert!(folded.contains("\r\n "));
        for physical in folded.split("\r\n") {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        assert_eq!(unfold(&folded), line);
    }

    #[test]
    fn folding_keeps_spaces_off_the_ends_of_lines() {
        let line = format!("DESCRIPTION:{}end", "ab cd  ".repeat(40));
        let folded = fold_line(&line);
        for physical in folded.split("\r\n") {
            assert!(physical.len() <= 75);
            assert!(!physical.ends_with(' '), "{physical:?}");
        }
        assert_eq!(unfold(&folded), line);
    }

    #[test]
    fn short_lines_are_left_alone() {
        let line = "X".repeat(75);
        assert_eq!(fold_line(&line), line);
        assert_eq!(fold_line(&format!("{line}Y")), format!("{line}\r\n Y"));
    }
}
