//! The itinerary as plain text for a terminal: one block a day, times
//! aligned, names in the language asked for (Chinese and English side by
//! side unless `--lang` says otherwise).

use super::names::Lang;
use super::table::Table;
use crate::model::Pack;
use crate::plan::{Event, Itinerary, TransferMode};

pub fn render(pack: &Pack, itinerary: &Itinerary, lang: Lang) -> String {
    let request = &itinerary.request;
    let title = lang.pick(&super::names::trip_title(pack, itinerary));
    let place = |id: &str| super::names::place(pack, id, lang);
    let short = |id: &str| super::names::short(pack, id, lang);
    let party = request.party;
    let mut out = format!(
        "{title}\n{} · {} day{} from {} · party: {} adult{}, {} child{}, {} senior{} · pace {:?}\n",
        request.date,
        request.days,
        if request.days == 1 { "" } else { "s" },
        place(&request.from),
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
            table.row(row(event, &place, &short));
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
                place(&omitted.site),
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

fn row(
    event: &Event,
    place: &dyn Fn(&str) -> String,
    short: &dyn Fn(&str) -> String,
) -> Vec<String> {
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
                start.span(*end),
                how,
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
                "sunrise".into()
            } else {
                "visit".into()
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
            format!("{meal:?}").to_lowercase(),
            format!("near {}", short(near)),
            format!("{} min", end.minutes - start.minutes),
            String::new(),
        ],
        Event::Lodging { lodging, start } => vec![
            start.hhmm(),
            "night".into(),
            place(lodging),
            String::new(),
            String::new(),
        ],
    }
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
