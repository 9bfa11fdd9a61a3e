//! The itinerary view as an RFC 5545 calendar: one VEVENT per transfer,
//! visit and meal, timed in the pack's zone, written by hand because the format is small
//! and its two traps (TEXT escaping, 75-octet folding) are easier to prove
//! here than to trust to a dependency.
//!
//! The output is byte-identical for the same plan: UIDs come from the plan's
//! ids and positions, and DTSTAMP from the trip's first day, never the clock.

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::view::{Bi, MarkKind, RowKind, View};
use crate::plan::{Clock, Itinerary};

/// The longest physical line, in octets, without its CRLF (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// The calendar of `view`; `itinerary` gives the ids its UIDs are made of.
pub fn render(view: &View, itinerary: &Itinerary) -> String {
    let mut cal = Calendar::default();
    cal.line("BEGIN:VCALENDAR");
    cal.line("VERSION:2.0");
    cal.line("PRODID:-//jingqin//itinerary//EN");
    cal.line("CALSCALE:GREGORIAN");
    cal.line("METHOD:PUBLISH");
    let title = view.title.plain();
    // NAME is RFC 7986; X-WR-CALNAME is what most clients still read.
    cal.text("NAME", &title);
    cal.text("X-WR-CALNAME", &title);
    let zone = itinerary.timezone;
    let tzid = zone.name();
    cal.line(&format!("X-WR-TIMEZONE:{tzid}"));
    // Promises not kept come first.
    let notes: Vec<String> = (view.warnings.iter().chain(&view.notes))
        .map(|n| n.join(" / "))
        .collect();
    if !notes.is_empty() {
        cal.text("DESCRIPTION", &notes.join("\n"));
    }
    let first = itinerary.request.date;
    let last = itinerary.days.last().map_or(first, |d| d.date);
    vtimezone(&mut cal, zone, first, last);

    // A fixed stamp, derived from the plan, keeps the bytes reproducible.
    // Clients that compare DTSTAMPs see a re-plan of the same trip as the
    // same revision; the UIDs of changed events differ, so they still update.
    let stamp = format!("{}T000000Z", compact(itinerary.request.date));
    let trip = compact(itinerary.request.date);
    let organizer = view.brand.as_ref().map(organizer);
    for day in &view.days {
        for (index, row) in day.rows.iter().enumerate() {
            // The night is not an appointment: the transfer to the lodging
            // already carries its place and time.
            let Some(end) = row.end.filter(|_| row.kind != RowKind::Lodging) else {
                continue;
            };
            let place = row.at.map(|i| &view.places[i]);
            cal.line("BEGIN:VEVENT");
            cal.text(
                "UID",
                &format!(
                    "{}-{trip}-d{}-e{}-{}-{}@jingqin",
                    itinerary.pack,
                    day.index,
                    index + 1,
                    row.kind.class(),
                    row.subject
                ),
            );
            cal.line(&format!("DTSTAMP:{stamp}"));
            cal.line(&format!("DTSTART;TZID={tzid}:{}", local(row.start)));
            cal.line(&format!("DTEND;TZID={tzid}:{}", local(end)));
            cal.text("SUMMARY", &summary(row));
            if let Some(organizer) = &organizer {
                cal.line(organizer);
            }
            if let Some(place) = place {
                let mut address = vec![place.name_zh.as_str(), place.district_zh.as_str()];
                address.extend(place.address.as_deref());
                cal.text("LOCATION", &address.join(", "));
                cal.line(&format!(
                    "GEO:{:.6};{:.6}",
                    place.coord.lat, place.coord.lon
                ));
            }
            if !row.details.is_empty() {
                let details: Vec<String> = row.details.iter().map(|d| d.join(" / ")).collect();
                cal.text("DESCRIPTION", &details.join("\n"));
            }
            // Categories are a list: each item is escaped, the commas between them are not.
            let categories: Vec<String> = (row.categories.iter())
                .map(|c| escape_text(&c.plain()))
                .collect();
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

/// The agency as the events' ORGANIZER: its name, and its email, else its
/// phone, as the address (RFC 5545 §3.8.4.3).
fn organizer(brand: &super::sheet::Brand) -> String {
    // A quoted parameter value holds no DQUOTE and no control character.
    let name: String = (brand.name.plain().chars())
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    let address = match &brand.email {
        Some(email) => format!("mailto:{email}"),
        None => {
            let phone: String = (brand.phone.chars())
                .filter(|c| c.is_ascii_digit() || *c == '+' || *c == '-')
                .collect();
            format!("tel:{phone}")
        }
    };
    format!("ORGANIZER;CN=\"{name}\":{address}")
}

/// An event's title: the place of a visit (and the sunrise, when it is
/// timed for it), a meal and where, the service or mode of a transfer and
/// its two ends.
fn summary(row: &super::view::Row) -> String {
    let plain = Bi::plain;
    match (&row.to, row.kind) {
        (Some(to), _) => {
            let mut what = row.service.clone().unwrap_or_else(|| plain(&row.what));
            // A sample train says so in the title, where a reader looks.
            if let Some(sample) = row.marks.iter().find(|m| m.kind == MarkKind::Sample) {
                let label = plain(&sample.label);
                what = match label.is_ascii() {
                    true => format!("{what} ({label})"),
                    false => format!("{what}（{label}）"),
                };
            }
            format!("{what} {} → {}", plain(&row.place), plain(to))
        }
        (None, RowKind::Meal | RowKind::Sunrise) => {
            format!("{} · {}", plain(&row.what), plain(&row.place))
        }
        (None, _) => plain(&row.place),
    }
}

fn compact(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// A local DATE-TIME; minutes past midnight may run into the next day.
fn local(clock: Clock) -> String {
    clock.local().format("%Y%m%dT%H%M%S").to_string()
}

/// The VTIMEZONE of `zone` over the trip from `first` to `last`: the offset
/// in force the day before, then each change of the clocks up to the day
/// after, as found in the tz database. A calendar needs no rule beyond the
/// dates its events have, and this way every zone, however irregular its
/// history, is described exactly.
fn vtimezone(cal: &mut Calendar, zone: Tz, first: NaiveDate, last: NaiveDate) {
    let offset = |at: DateTime<Utc>| zone.offset_from_utc_datetime(&at.naive_utc());
    // From midnight, local time, of the day before.
    let midnight = |date: NaiveDate| {
        let local = NaiveDateTime::from(date);
        let guess = local.and_utc();
        (local - utc_offset(&offset(guess))).and_utc()
    };
    let (Some(before), Some(after)) = (first.pred_opt(), last.checked_add_days(Days::new(2)))
    else {
        return;
    };
    let (from, to) = (midnight(before), midnight(after));
    cal.line("BEGIN:VTIMEZONE");
    cal.line(&format!("TZID:{}", zone.name()));
    cal.line(&format!("X-LIC-LOCATION:{}", zone.name()));
    let start = offset(from);
    observance(cal, from.naive_utc() + utc_offset(&start), &start, &start);
    // Offsets change at most a few times a year, never twice within an hour.
    let mut at = from;
    while at < to {
        let next = at + TimeDelta::hours(1);
        let (before, after) = (offset(at), offset(next));
        if utc_offset(&before) != utc_offset(&after) {
            // The first minute of the new offset.
            let (mut low, mut high) = (at, next);
            while high - low > TimeDelta::minutes(1) {
                let middle = low + (high - low) / 2;
                if utc_offset(&offset(middle)) == utc_offset(&before) {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            // DTSTART is the wall time under the offset being left.
            observance(cal, high.naive_utc() + utc_offset(&before), &before, &after);
        }
        at = next;
    }
    cal.line("END:VTIMEZONE");
}

fn utc_offset(offset: &<Tz as TimeZone>::Offset) -> TimeDelta {
    TimeDelta::seconds(i64::from(offset.fix().local_minus_utc()))
}

/// One STANDARD or DAYLIGHT observance starting at the local time `start`.
fn observance(
    cal: &mut Calendar,
    start: NaiveDateTime,
    before: &<Tz as TimeZone>::Offset,
    after: &<Tz as TimeZone>::Offset,
) {
    let kind = if after.dst_offset().is_zero() {
        "STANDARD"
    } else {
        "DAYLIGHT"
    };
    cal.line(&format!("BEGIN:{kind}"));
    cal.line(&format!("DTSTART:{}", start.format("%Y%m%dT%H%M%S")));
    cal.line(&format!("TZOFFSETFROM:{}", ics_offset(before)));
    cal.line(&format!("TZOFFSETTO:{}", ics_offset(after)));
    // Abbreviations the tz database lacks appear as "+08" or are absent.
    if let Some(name) = after.abbreviation().filter(|n| !n.is_empty()) {
        cal.text("TZNAME", name);
    }
    cal.line(&format!("END:{kind}"));
}

/// `+0800`, `-0330`, or with seconds for the rare zone that needs them.
fn ics_offset(offset: &<Tz as TimeZone>::Offset) -> String {
    let seconds = offset.fix().local_minus_utc();
    let sign = if seconds < 0 { '-' } else { '+' };
    let seconds = seconds.unsigned_abs();
    let (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if rest == 0 {
        format!("{sign}{hours:02}{minutes:02}")
    } else {
        format!("{sign}{hours:02}{minutes:02}{rest:02}")
    }
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
