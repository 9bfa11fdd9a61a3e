//! `jingqin check --report`: for a data editor, which facts of each site are
//! sourced and which are estimates, how recent its newest source is, and
//! the state of the timetable and the concessions. The sites with the most
//! to verify come first.

use std::fmt::Write;

use crate::model::{Pack, Provenance, Site};

/// The facts of a site the report follows, each by the `estimated` names
/// that stand for it.
const FACTS: [(&str, &[&str]); 4] = [
    ("position", &["lat", "lon"]),
    ("hours", &["hours"]),
    ("price", &["price"]),
    ("visit", &["visit", "min_visit"]),
];

/// The report as text.
pub fn data_report(pack: &Pack) -> String {
    let mut rows: Vec<(&Site, Vec<bool>, Option<String>)> = (pack.sites.iter())
        .map(|site| {
            let estimated = FACTS
                .iter()
                .map(|(_, names)| names.iter().any(|n| site.provenance.is_estimated(n)))
                .collect();
            (site, estimated, newest_date(&site.provenance))
        })
        .collect();
    // Most estimates first; of equals, the oldest newest source.
    rows.sort_by(|a, b| {
        let count = |row: &(&Site, Vec<bool>, Option<String>)| row.1.iter().filter(|e| **e).count();
        (count(b).cmp(&count(a)))
            .then_with(|| a.2.cmp(&b.2))
            .then_with(|| a.0.id.cmp(&b.0.id))
    });

    let mut out = String::new();
    let _ = writeln!(
        out,
        "Data report: {} ({} sites), most to verify first\n",
        pack.info.id,
        pack.sites.len()
    );
    let id_width = (pack.sites.iter().map(|s| s.id.len()).max())
        .unwrap_or(4)
        .max(4);
    let _ = write!(out, "{:id_width$}", "site");
    for (fact, _) in FACTS {
        let _ = write!(out, "  {fact:9}");
    }
    let _ = writeln!(out, "  {:10}  name", "newest");
    for (site, estimated, newest) in &rows {
        let _ = write!(out, "{:id_width$}", site.id);
        for estimate in estimated {
            let _ = write!(
                out,
                "  {:9}",
                if *estimate { "estimated" } else { "sourced" }
            );
        }
        let newest = newest.as_deref().unwrap_or("undated");
        let _ = writeln!(out, "  {newest:10}  {}", site.name.zh);
    }

    let _ = writeln!(out);
    for (i, (fact, _)) in FACTS.iter().enumerate() {
        let estimated = rows.iter().filter(|row| row.1[i]).count();
        let _ = writeln!(
            out,
            "{fact:9} {:3} sourced, {estimated:3} estimated",
            rows.len() - estimated
        );
    }
    let undated = rows.iter().filter(|row| row.2.is_none()).count();
    let old = (rows.iter())
        .filter(|row| row.2.as_deref().is_some_and(|d| d < "2020"))
        .count();
    let _ = writeln!(
        out,
        "sources  {old:3} sites with nothing newer than 2019, {undated} with no date"
    );

    let services = &pack.services;
    let samples = services.iter().filter(|s| s.sample).count();
    let period = (services.iter().map(|s| s.valid_from).min())
        .zip(services.iter().map(|s| s.valid_to).max());
    let _ = write!(
        out,
        "\ntimetable {} services, {samples} of them samples",
        services.len()
    );
    if let Some((from, to)) = period {
        let _ = write!(out, ", valid {from} to {to}");
    }
    let _ = writeln!(out);
    if samples > 0 {
        let _ = writeln!(
            out,
            "          replace the samples with the real timetable: jingqin timetable import (see the README)"
        );
    }
    for rule in &pack.concessions {
        let estimated = &rule.provenance.estimated;
        let what = if estimated.is_empty() {
            "sourced".to_owned()
        } else {
            format!("estimated: {}", estimated.join(", "))
        };
        let _ = writeln!(
            out,
            "concession {} ({} sites), {what}",
            rule.id,
            rule.sites.len()
        );
    }
    out
}

/// The latest date a source's text names: `2025-06-15`, `2023-07` or
/// `2023`, as written; years from 1900 to 2099 only, and not inside a
/// name such as `audit-2026-12`.
fn newest_date(provenance: &Provenance) -> Option<String> {
    let text = provenance.source.as_bytes();
    let digit = |i: usize| text.get(i).is_some_and(u8::is_ascii_digit);
    let mut newest: Option<String> = None;
    for start in 0..text.len() {
        let whole_year = (start..start + 4).all(digit) && !digit(start + 4);
        // Part of a longer number or of a name (audit-2026-12, S2023) is no date.
        let joined = start > 0
            && (digit(start - 1)
                || text[start - 1].is_ascii_alphabetic()
                || text[start - 1] == b'-');
        if !whole_year || joined {
            continue;
        }
        let year = &provenance.source[start..start + 4];
        if !("1900".."2100").contains(&year) {
            continue;
        }
        // A month and a day may follow, each as -NN.
        let mut end = start + 4;
        for _ in 0..2 {
            let part = text.get(end) == Some(&b'-') && digit(end + 1) && digit(end + 2);
            if !part || digit(end + 3) {
                break;
            }
            end += 3;
        }
        let date = &provenance.source[start..end];
        if newest.as_deref().is_none_or(|n| date > n) {
            newest = Some(date.to_owned());
        }
    }
    newest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn newest(source: &str) -> Option<String> {
        newest_date(&Provenance {
            source: source.to_owned(),
            estimated: Vec::new(),
        })
    }

    #[test]
    fn the_newest_date_a_source_names() {
        assert_eq!(
            newest("2008 hours (S28); price 2023 (S29)").as_deref(),
            Some("2023")
        );
        assert_eq!(
            newest("S45 (2025-06-15), 2025").as_deref(),
            Some("2025-06-15")
        );
        assert_eq!(
            newest("repo @a39cde2 (2026-07)").as_deref(),
            Some("2026-07")
        );
        // Not years: prices, ids, longer numbers.
        assert_eq!(newest("price 3000 CNY, S84, 19999, audit-2026-12"), None);
        assert_eq!(newest("no date"), None);
    }
}
