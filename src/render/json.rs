//! The itinerary as JSON per the output contract, `schema/itinerary.v1.json`:
//! the plan's facts with their stable codes, and beside each the text a
//! person reads, in the language asked for (both: Chinese / English).

use serde_json::{Value, json};

use super::lang::{Bi, Lang};
use super::notices;
use crate::model::Pack;
use crate::plan::{Itinerary, Notice};

pub fn render(pack: &Pack, itinerary: &Itinerary, lang: Lang) -> String {
    let mut value = serde_json::to_value(itinerary).unwrap_or(Value::Null);
    let text = |bi: Bi| Value::String(bi.join(" / "));
    let with_texts = |notices: &[Notice], at: &mut Value| {
        let texts: Vec<Value> = (notices.iter())
            .map(|n| text(notices::notice(pack, n, lang)))
            .collect();
        if let Some(entries) = at.as_array_mut() {
            for (entry, text) in entries.iter_mut().zip(&texts) {
                entry["text"] = text.clone();
            }
        }
        json!(texts)
    };
    value["warnings"] = with_texts(&itinerary.notices, &mut value["notices"]);
    for (d, day) in itinerary.days.iter().enumerate() {
        let at = &mut value["days"][d];
        at["notes"] = with_texts(&day.notices, &mut at["notices"]);
    }
    for (o, omitted) in itinerary.omitted.iter().enumerate() {
        value["omitted"][o]["detail"] = text(notices::omission(&omitted.why, lang));
    }
    let mut out = serde_json::to_string_pretty(&value).unwrap_or_default();
    out.push('\n');
    out
}
