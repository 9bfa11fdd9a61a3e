//! services.toml: the `[timetable]` and its `[[service]]` trains and
//! coaches between hubs, real or marked as samples.

use super::fields::{count, hub_ref};
use crate::load::diagnostic::Diagnostic;
use crate::load::document::{Document, Entry};
use crate::load::raw::{TomlDays, TomlService, TomlTimetable};
use crate::load::scope::Scope;
use crate::model::{Presale, Service, ServiceMode, Timetable, Weekdays};

const WEEKDAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

pub fn services_file(
    doc: &mut Document,
    hubs: Option<&[String]>,
    out: &mut Vec<Diagnostic>,
) -> Option<(Timetable, Vec<Service>)> {
    let timetable = doc.table::<TomlTimetable>("timetable", out);
    let (services, _) = doc.array::<TomlService>("service", out);
    let file = doc.file;
    // A service is a sample unless it says otherwise when the timetable is one.
    let all_samples = timetable.as_ref().is_some_and(|t| t.value.sample);
    let mut checked: Vec<Service> = Vec::new();
    for Entry { value: raw, .. } in services {
        let mut s = Scope::new(file, format!("service \"{}\"", raw.id.get_ref()), out);
        let id = s.non_empty("id", &raw.id);
        let sample = raw.sample.as_ref().map_or(all_samples, |s| *s.get_ref());
        let prefix = Service::SAMPLE_PREFIX;
        match (sample, raw.id.get_ref().starts_with(prefix)) {
            (true, false) => s.error(
                raw.id.span(),
                format!(
                    "a sample service's id starts with \"{prefix}\" (e.g. \"{prefix}D001\"), so that it cannot pass for a real train number"
                ),
            ),
            (true, true) if looks_like_a_train_number(&raw.id.get_ref()[prefix.len()..]) => s.error(
                raw.id.span(),
                "a sample's number is shown without its prefix, so it must not look like a real train number: start the digits with 0 (e.g. \"SAMPLE-G001\")",
            ),
            (false, true) => s.error(
                raw.id.span(),
                format!("\"{prefix}\" marks a sample; this service is not one (sample = false)"),
            ),
            _ => {}
        }
        let valid_from = s.date("valid_from", &raw.valid_from);
        let valid_to = s.date("valid_to", &raw.valid_to);
        if let (Some(from), Some(to)) = (valid_from, valid_to)
            && to < from
        {
            s.error(
                raw.valid_to.span(),
                format!("valid_to {to} is before valid_from {from}"),
            );
        }
        // A train stopping at two hubs is one service for each pair of them.
        let same = |x: &Service| {
            &x.id == raw.id.get_ref() && &x.from == raw.from.get_ref() && &x.to == raw.to.get_ref()
        };
        if checked.iter().any(same) {
            s.error(
                raw.id.span(),
                format!(
                    "service \"{}\" from {} to {} is listed twice",
                    raw.id.get_ref(),
                    raw.from.get_ref(),
                    raw.to.get_ref()
                ),
            );
        }
        let mode = s.choice(
            "mode",
            &raw.mode,
            &[("rail", ServiceMode::Rail), ("coach", ServiceMode::Coach)],
        );
        let from = hub_ref(&mut s, "from", &raw.from, hubs);
        let to = hub_ref(&mut s, "to", &raw.to, hubs);
        if raw.from.get_ref() == raw.to.get_ref() {
            s.error(
                raw.to.span(),
                format!("to = \"{}\" is where the service starts", raw.to.get_ref()),
            );
        }
        let depart = s.clock("depart", &raw.depart);
        let arrive = s.clock("arrive", &raw.arrive);
        if let (Some(d), Some(a)) = (depart, arrive)
            && a <= d
        {
            s.error(
                raw.arrive.span(),
                format!(
                    "arrives at {a}, not after it departs at {d}; services must arrive the same day"
                ),
            );
        }
        let days = match raw.days.get_ref() {
            TomlDays::Keyword(word) if word == "daily" => Some(Weekdays::DAILY),
            TomlDays::List(list) if !list.is_empty() => {
                let mut days = [false; 7];
                let mut ok = true;
                for day in list {
                    match WEEKDAYS.iter().position(|w| w == day) {
                        Some(i) => days[i] = true,
                        None => ok = false,
                    }
                }
                if !ok {
                    s.error(
                        raw.days.span(),
                        format!(
                            "days lists an unknown weekday; expected some of: {}",
                            WEEKDAYS.join(", ")
                        ),
                    );
                }
                ok.then_some(Weekdays(days))
            }
            _ => {
                s.error(
                    raw.days.span(),
                    "days must be \"daily\" or a list of weekdays such as [\"Sa\", \"Su\"]",
                );
                None
            }
        };
        let fare = s.fare("fare", &raw.fare);
        let provenance = s.provenance(
            &raw.source,
            &raw.estimated,
            &[
                "depart",
                "arrive",
                "days",
                "fare",
                "id",
                "valid_from",
                "valid_to",
            ],
        );
        let service = (|| {
            let (depart, arrive) = (depart?, arrive?);
            (arrive > depart && raw.from.get_ref() != raw.to.get_ref()).then_some(())?;
            Some(Service {
                id: id?,
                mode: mode?,
                from: from?,
                to: to?,
                depart,
                arrive,
                days: days?,
                valid_from: valid_from?,
                valid_to: valid_to?,
                sample,
                fare: fare?,
                provenance,
            })
        })();
        if let Some(service) = service.filter(|x| {
            !checked
                .iter()
                .any(|c| c.id == x.id && c.from == x.from && c.to == x.to)
        }) {
            checked.push(service);
        }
    }
    let raw = timetable?.value;
    let mut s = Scope::new(file, "[timetable]".into(), out);
    let note = s.text("note", &raw.note);
    let presale = raw
        .presale_days
        .as_ref()
        .map(|days| count(&mut s, "presale_days", days, 1..=90));
    let provenance = s.provenance(&raw.source, &raw.estimated, &["presale_days"]);
    let presale = match presale {
        Some(days) => Some(Presale {
            days: days?,
            estimated: provenance.is_estimated("presale_days"),
        }),
        None => None,
    };
    Some((
        Timetable {
            sample: raw.sample,
            note: note?,
            presale,
            source: provenance.source,
        },
        checked,
    ))
}

/// Whether `number` could be a real Chinese train number: an optional
/// letter, then up to five digits with no leading zero (G8801, K7, 1461).
fn looks_like_a_train_number(number: &str) -> bool {
    let digits = number
        .strip_prefix(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(number);
    (1..=5).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}
