//! The itinerary as Markdown (CommonMark with GFM tables): a heading with the
//! trip, a table a day, the day's notes, the sites left out and the caveats.
//!
//! Pack text is escaped so that it reads as the same characters and can never
//! become markup: every Markdown-special ASCII character gets a backslash,
//! and `&`, `<`, `>` become entities so that a renderer that passes HTML
//! through (most do) never sees a tag from the pack.

use super::Lang;
use super::names::trip_title;
use crate::model::Pack;
use crate::plan::{Event, Itinerary, TransferMode};

pub fn render(pack: &Pack, itinerary: &Itinerary, lang: Lang) -> String {
    let request = &itinerary.request;
    let label = |zh: &str, en: &str| lang.label(zh, en);
    let place = |id: &str| escape(&super::names::place(pack, id, lang));
    let mut out = format!("# {}\n\n", escape(&lang.pick(&trip_title(pack, itinerary))));

    let last = itinerary.days.last().map_or(request.date, |d| d.date);
    let party = request.party;
    out.push_str(&format!(
        "- **{}:** {} – {}\n- **{}:** {}\n- **{}:** {} {}, {} {}, {} {}\n- **{}:** ¥{:.0} ({} ¥{:.0})\n",
        label("日期", "Dates"),
        request.date,
        last,
        label("出发", "From"),
        place(&request.from),
        label("人数", "Party"),
        party.adults,
        label("成人", "adults"),
        party.children,
        label("儿童", "children"),
        party.seniors,
        label("老人", "seniors"),
        label("总费用", "Total cost"),
        itinerary.totals.cost_cny.party,
        label("每人", "a person"),
        itinerary.totals.cost_cny.per_person,
    ));

    for day in &itinerary.days {
        out.push_str(&format!(
            "\n## {} · {} ({})\n\n",
            label(&format!("第{}天", day.index), &format!("Day {}", day.index)),
            day.date,
            day.date.format("%A"),
        ));
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n| --- | --- | --- | ---: | ---: |\n",
            label("时间", "Time"),
            label("内容", "What"),
            label("地点", "Place"),
            label("时长", "Duration"),
            label("费用", "Cost"),
        ));
        for event in &day.events {
            out.push_str(&format!("| {} |\n", row(pack, event, lang).join(" | ")));
        }
        if !day.notes.is_empty() {
            out.push('\n');
            for note in &day.notes {
                out.push_str(&format!("- {}\n", escape(note)));
            }
        }
    }

    let totals = &itinerary.totals;
    out.push_str(&format!(
        "\n## {}\n\n{} · {} · ¥{:.0} ({} ¥{:.0})\n",
        label("合计", "Totals"),
        label(
            &format!("{} 处景点", totals.visits),
            &format!("{} visits", totals.visits)
        ),
        label(
            &format!("交通 {} 分钟", totals.travel_minutes),
            &format!("{} min of travel", totals.travel_minutes)
        ),
        totals.cost_cny.party,
        label("每人", "a person"),
        totals.cost_cny.per_person,
    ));
    if !itinerary.omitted.is_empty() {
        out.push_str(&format!("\n## {}\n\n", label("未安排", "Not in this plan")));
        for omitted in &itinerary.omitted {
            out.push_str(&format!(
                "- {}: {}\n",
                place(&omitted.site),
                escape(&omitted.detail)
            ));
        }
    }
    if !itinerary.warnings.is_empty() {
        out.push_str(&format!("\n## {}\n\n", label("注意", "Notes")));
        for warning in &itinerary.warnings {
            out.push_str(&format!("- {}\n", escape(warning)));
        }
    }
    out
}

/// The table cells of one event, escaped.
fn row(pack: &Pack, event: &Event, lang: Lang) -> Vec<String> {
    let place = |id: &str| escape(&super::names::place(pack, id, lang));
    // Transfers name both ends, so one language keeps the cell short.
    let short = |id: &str| escape(&super::names::short(pack, id, lang));
    match event {
        Event::Transfer {
            from,
            to,
            start,
            end,
            mode,
            service,
            minutes,
            cost_cny,
            ..
        } => {
            let how = mode_label(*mode, lang);
            vec![
                start.span(*end),
                match service {
                    Some(service) => format!("{} {how}", escape(service)),
                    None => how,
                },
                format!("{} → {}", short(from), short(to)),
                format!("{minutes} min"),
                money(*cost_cny),
            ]
        }
        Event::Visit {
            site,
            start,
            end,
            cost_cny,
            sunrise,
        } => vec![
            start.span(*end),
            if *sunrise {
                lang.label("观日出", "Sunrise visit")
            } else {
                lang.label("游览", "Visit")
            },
            place(site),
            format!("{} min", end.minutes - start.minutes),
            money(*cost_cny),
        ],
        Event::Meal {
            meal,
            start,
            end,
            near,
        } => vec![
            start.span(*end),
            pack.meals
                .iter()
                .find(|m| m.kind == *meal)
                .map_or_else(|| format!("{meal:?}"), |m| escape(&lang.pick(&m.name))),
            format!("{} {}", lang.label("附近", "near"), short(near)),
            format!("{} min", end.minutes - start.minutes),
            String::new(),
        ],
        Event::Lodging { lodging, start } => vec![
            start.hhmm(),
            lang.label("住宿", "Night"),
            place(lodging),
            String::new(),
            String::new(),
        ],
    }
}

fn mode_label(mode: TransferMode, lang: Lang) -> String {
    match mode {
        TransferMode::Rail => lang.label("火车", "train"),
        TransferMode::Coach => lang.label("大巴", "coach"),
        TransferMode::Car => lang.label("驾车", "car"),
        TransferMode::Walk => lang.label("步行", "walk"),
    }
}

fn money(cny: f64) -> String {
    if cny > 0.0 {
        format!("¥{cny:.0}")
    } else {
        String::new()
    }
}

/// `text` as inline Markdown that renders as exactly these characters (line
/// breaks become spaces, since every place it goes is one line: a heading, a
/// table cell, a list item).
///
/// Every ASCII punctuation character that CommonMark or GFM gives a meaning
/// gets a backslash, wherever it stands; `&`, `<` and `>` become entities
/// instead, because a backslash does not stop a renderer's HTML pass-through
/// from seeing a tag. Other control characters are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.'
            | '!' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_from_the_pack_is_inert() {
        assert_eq!(
            escape("<script>alert(1)</script> & *b* [x](y)|#"),
            "&lt;script&gt;alert\\(1\\)&lt;/script&gt; &amp; \\*b\\* \\[x\\]\\(y\\)\\|\\#"
        );
    }

    #[test]
    fn entities_and_backslashes_stay_literal() {
        assert_eq!(escape("&amp; a\\b"), "&amp;amp; a\\\\b");
    }

    #[test]
    fn line_breaks_become_spaces() {
        assert_eq!(escape("a\nb\r\nc"), "a b  c");
    }
}
