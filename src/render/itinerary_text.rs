//! The itinerary as plain text for a terminal: one block a day, times
//! aligned, Chinese and English names side by side.

use super::table::Table;
use crate::model::Pack;
use crate::plan::{Event, Itinerary, TransferMode};

pub fn render(pack: &Pack, itinerary: &Itinerary) -> String {
    let request = &itinerary.request;
    let title = match request.product.as_ref().and_then(|id| pack.product(id)) {
        Some(product) => format!("{} {}", product.name.zh, product.name.en),
        None => format!("{}-day trip 北京 → 秦皇岛", request.days),
    };
    let party = request.party;
    let mut out = format!(
        "{title}\n{} · {} day{} from {} · party: {} adult{}, {} child{}, {} senior{} · pace {:?}\n",
        request.date,
        request.days,
        if request.days == 1 { "" } else { "s" },
        place(pack, &request.from),
        party.adults,
        plural(party.adults),
        party.children,
        if party.children == 1 { "" } else { "ren" },
        party.seniors,
        plural(party.seniors),
        request.pace,
    );
    for day in &itinerary.days {
        out.push_str(&format!(
            "\nDay {} · {} ({}) · season {}\n",
            day.index,
            day.date,
            day.date.format("%A"),
            day.season
        ));
        let mut table = Table::default();
        for event in &day.events {
            table.row(row(pack, event));
        }
        for line in table.render().lines() {
            out.push_str("  ");
            out.push_str(line);
            out.push('\n');
        }
        for note in &day.notes {
            out.push_str(&format!("  ! {note}\n"));
        }
    }
    let totals = &itinerary.totals;
    out.push_str(&format!(
        "\nTotals: {} visits · {} min of travel · ¥{:.0} for the party (¥{:.0} a person)\n",
        totals.visits, totals.travel_minutes, totals.cost_cny.party, totals.cost_cny.per_person
    ));
    if !itinerary.omitted.is_empty() {
        out.push_str("\nNot in this plan:\n");
        for omitted in &itinerary.omitted {
            out.push_str(&format!(
                "  - {}: {}\n",
                place(pack, &omitted.site),
                omitted.detail
            ));
        }
    }
    for warning in &itinerary.warnings {
        out.push_str(&format!("\nNote: {warning}"));
    }
    out.push('\n');
    out
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Chinese and English name of a site, hub or lodging.
fn place(pack: &Pack, id: &str) -> String {
    let name = (pack.site(id).map(|s| &s.name))
        .or_else(|| pack.hub(id).map(|h| &h.name))
        .or_else(|| pack.lodging(id).map(|l| &l.name));
    name.map_or_else(|| id.to_owned(), |n| format!("{} {}", n.zh, n.en))
}

fn row(pack: &Pack, event: &Event) -> Vec<String> {
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
            let how = match (mode, service) {
                (_, Some(service)) => format!("{service} {}", mode_name(*mode)),
                _ => mode_name(*mode).to_owned(),
            };
            vec![
                format!("{}–{}", start.hhmm(), end.hhmm()),
                how,
                format!("{} → {}", short(pack, from), short(pack, to)),
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
            format!("{}–{}", start.hhmm(), end.hhmm()),
            if *sunrise {
                "sunrise".into()
            } else {
                "visit".into()
            },
            place(pack, site),
            format!("{} min", end.minutes - start.minutes),
            money(*cost_cny),
        ],
        Event::Meal {
            meal,
            start,
            end,
            near,
        } => vec![
            format!("{}–{}", start.hhmm(), end.hhmm()),
            format!("{meal:?}").to_lowercase(),
            format!("near {}", short(pack, near)),
            format!("{} min", end.minutes - start.minutes),
            String::new(),
        ],
        Event::Lodging { lodging, start } => vec![
            start.hhmm(),
            "night".into(),
            place(pack, lodging),
            String::new(),
            String::new(),
        ],
    }
}

fn short(pack: &Pack, id: &str) -> String {
    let name = (pack.site(id).map(|s| &s.name))
        .or_else(|| pack.hub(id).map(|h| &h.name))
        .or_else(|| pack.lodging(id).map(|l| &l.name));
    name.map_or_else(|| id.to_owned(), |n| n.zh.clone())
}

fn mode_name(mode: TransferMode) -> &'static str {
    match mode {
        TransferMode::Rail => "train",
        TransferMode::Coach => "coach",
        TransferMode::Car => "car",
        TransferMode::Walk => "walk",
    }
}

fn money(cny: f64) -> String {
    if cny > 0.0 {
        format!("¥{cny:.0}")
    } else {
        String::new()
    }
}
