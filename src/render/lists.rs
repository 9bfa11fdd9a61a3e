//! The `jingqin products` and `jingqin hubs` listings: the ids `--product`
//! and `--from` take, one a line or as JSON.

use serde::Serialize;

use crate::model::{HubKind, Pace, Pack, Text};

#[derive(Serialize)]
struct ProductEntry<'a> {
    id: &'a str,
    days: u8,
    pace: Pace,
    from: Option<&'a str>,
    name: &'a Text,
    summary: &'a Text,
}

#[derive(Serialize)]
struct HubEntry<'a> {
    id: &'a str,
    city: &'a str,
    kind: HubKind,
    name: &'a Text,
    lat: f64,
    lon: f64,
}

/// The pack's products as text lines.
pub fn products_text(pack: &Pack) -> String {
    (pack.products.iter())
        .map(|p| {
            let plural = if p.days == 1 { "" } else { "s" };
            let pace = p.pace.as_str();
            let (zh, en) = (&p.name.zh, &p.name.en);
            format!("{}  {} day{plural}  {pace}  {zh} / {en}\n", p.id, p.days)
        })
        .collect()
}

/// The pack's products as a JSON array.
pub fn products_json(pack: &Pack) -> String {
    let entries: Vec<ProductEntry> = (pack.products.iter())
        .map(|p| ProductEntry {
            id: &p.id,
            days: p.days,
            pace: p.pace,
            from: p.from.as_deref(),
            name: &p.name,
            summary: &p.summary,
        })
        .collect();
    json(&entries)
}

/// The pack's hubs as text lines.
pub fn hubs_text(pack: &Pack) -> String {
    (pack.hubs.iter())
        .map(|h| format!("{}  {}  {} / {}\n", h.id, h.city, h.name.zh, h.name.en))
        .collect()
}

/// The pack's hubs as a JSON array.
pub fn hubs_json(pack: &Pack) -> String {
    let entries: Vec<HubEntry> = (pack.hubs.iter())
        .map(|h| HubEntry {
            id: &h.id,
            city: &h.city,
            kind: h.kind,
            name: &h.name,
            lat: h.coord.lat,
            lon: h.coord.lon,
        })
        .collect();
    json(&entries)
}

/// A pretty JSON listing, ending in a newline.
pub(super) fn json(entries: &impl Serialize) -> String {
    let mut out = serde_json::to_string_pretty(entries).unwrap_or_else(|_| "[]".to_owned());
    out.push('\n');
    out
}
