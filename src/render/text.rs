//! The itinerary as plain text for a terminal: the trip's facts, one block
//! a day with its rows aligned, the notes wrapped with a hanging indent,
//! all within [`WIDTH`] columns (Chinese counted double).

use unicode_width::UnicodeWidthStr;

use super::table::{Table, hanging};
use super::view::{Bi, Row, View};

/// The widest line, in terminal columns.
const WIDTH: usize = 100;

pub fn render(view: &View) -> String {
    let mut out = String::new();
    if let Some(brand) = &view.brand {
        out.push_str(&hanging("", &brand.name.plain(), WIDTH));
        for line in &brand.lines {
            out.push_str(&hanging("", &line.plain(), WIDTH));
        }
        out.push('\n');
    }
    out.push_str(&hanging("", &view.title.plain(), WIDTH));
    if let Some(summary) = &view.summary {
        paragraph(&mut out, "", summary);
    }
    let mut facts = Table::wrapping(&[1]);
    for fact in &view.facts {
        facts.row(vec![fact.label.plain(), fact.value.plain()]);
    }
    out.push_str(&facts.render("", WIDTH));
    if !view.warnings.is_empty() {
        out.push('\n');
        out.push_str(&hanging(
            "",
            &format!("! {}", view.labels.warnings.plain()),
            WIDTH,
        ));
        for warning in &view.warnings {
            paragraph(&mut out, "  ! ", warning);
        }
    }

    for day in &view.days {
        out.push('\n');
        out.push_str(&hanging(
            "",
            &format!(
                "{} · {} · {}{}",
                day.heading.plain(),
                day.date.plain(),
                day.season.plain(),
                day.theme
                    .as_ref()
                    .map_or(String::new(), |t| format!(" · {}", t.plain()))
            ),
            WIDTH,
        ));
        let mut table = Table::wrapping(&[2, 1]);
        for row in &day.rows {
            table.row(cells(row));
        }
        out.push_str(&table.render("  ", WIDTH));
        for note in day.notes.iter().chain(&day.legend) {
            paragraph(&mut out, "  · ", note);
        }
    }

    out.push('\n');
    out.push_str(&hanging(
        &format!("{}  ", view.labels.totals.plain()),
        &view.totals.plain(),
        WIDTH,
    ));
    if !view.omitted.is_empty() {
        out.push('\n');
        out.push_str(&hanging("", &view.labels.omitted.plain(), WIDTH));
        for group in &view.omitted {
            paragraph(&mut out, "  - ", &group.line);
        }
    }
    if !view.notes.is_empty() {
        out.push('\n');
        out.push_str(&hanging("", &view.labels.trip_notes.plain(), WIDTH));
        for note in &view.notes {
            paragraph(&mut out, "  - ", note);
        }
    }
    if view.audience.shows_addresses_in_text() {
        out.push('\n');
        out.push_str(&hanging("", &view.labels.addresses.plain(), WIDTH));
        for line in view.address_lines() {
            out.push_str(&hanging("  ", &line, WIDTH));
        }
    }
    for section in &view.sections {
        out.push('\n');
        out.push_str(&hanging("", &section.title.plain(), WIDTH));
        for item in &section.items {
            paragraph(&mut out, "  - ", item);
        }
    }
    out
}

/// A note: each language its own paragraph under one bullet.
fn paragraph(out: &mut String, bullet: &str, text: &Bi) {
    for (i, part) in text.0.iter().enumerate() {
        let lead = if i == 0 {
            bullet.to_owned()
        } else {
            " ".repeat(bullet.width())
        };
        out.push_str(&hanging(&lead, &part.text, WIDTH));
    }
}

fn cells(row: &Row) -> Vec<String> {
    let what = match &row.service {
        Some(service) => format!("{service} {}", row.what.plain()),
        None => row.what.plain(),
    };
    let place = match &row.to {
        Some(to) => format!("{} → {}", row.place.plain(), to.plain()),
        None => row.place.plain(),
    };
    let marks: Vec<String> = row.marks.iter().map(|m| m.label.plain()).collect();
    vec![
        row.time.clone(),
        what,
        place,
        row.duration.plain(),
        row.cost.plain(),
        marks.join(" "),
    ]
}
