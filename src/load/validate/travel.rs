//! pack.toml's ways of getting about: the `[travel.*]` modes and the
//! `[[time]]` entries, sourced times between two places.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;

use crate::load::diagnostic::{Diagnostic, SourceFile};
use crate::load::document::Entry;
use crate::load::raw::{TomlTime, TomlTravel};
use crate::load::scope::Scope;
use crate::model::{KnownTime, LocalMode, Minutes, SpeedBand, TravelMode};

/// The local travel modes every pack must define.
const REQUIRED_MODES: [&str; 2] = ["car", "walk"];

/// The `[travel.<mode>]` tables, of which [`REQUIRED_MODES`] must be there.
pub fn modes(
    file: &SourceFile,
    travel: Vec<(Spanned<String>, Entry<TomlTravel>)>,
    out: &mut Vec<Diagnostic>,
) -> BTreeMap<String, TravelMode> {
    let mut modes = BTreeMap::new();
    for (name, Entry { value: raw, .. }) in travel {
        let mut s = Scope::new(file, format!("[travel.{}]", name.get_ref()), out);
        let speed = s.number("speed_kmh", &raw.speed_kmh, 1.0..=300.0);
        let mut bands = Vec::new();
        for band in raw.bands.iter().flat_map(|b| b.get_ref()) {
            let from_km = s.number("bands.from_km", &band.from_km, 0.0..=1000.0);
            let speed_kmh = s.number("bands.speed_kmh", &band.speed_kmh, 1.0..=300.0);
            let (Some(from_km), Some(speed_kmh)) = (from_km, speed_kmh) else {
                continue;
            };
            if bands
                .last()
                .is_some_and(|b: &SpeedBand| b.from_km >= from_km)
            {
                s.error(
                    band.from_km.span(),
                    format!("bands.from_km = {from_km} is not above the band before it"),
                );
            }
            bands.push(SpeedBand { from_km, speed_kmh });
        }
        let detour = s.number("detour", &raw.detour, 1.0..=5.0);
        let overhead = s.duration_or_zero("overhead", &raw.overhead);
        let mut distance = |field: &str, km: &Option<toml::Spanned<f64>>| match km {
            Some(km) => s.number(field, km, 0.0..=1000.0).map(Some),
            None => Some(None),
        };
        let (min_km, max_km) = (
            distance("min_km", &raw.min_km),
            distance("max_km", &raw.max_km),
        );
        let provenance = s.provenance(
            &raw.source,
            &raw.estimated,
            &["speed_kmh", "detour", "overhead", "min_km", "max_km"],
        );
        if let (Some(speed_kmh), Some(detour), Some(overhead), Some(min_km), Some(max_km)) =
            (speed, detour, overhead, min_km, max_km)
        {
            let mode = TravelMode {
                speed_kmh,
                bands,
                detour,
                overhead,
                min_km,
                max_km,
                provenance,
            };
            modes.insert(name.into_inner(), mode);
        }
    }
    for mode in REQUIRED_MODES {
        if !modes.contains_key(mode) && !out.iter().any(|d| d.file == file.path) {
            out.push(Diagnostic::at(
                file,
                0..0,
                format!("missing table [travel.{mode}]"),
            ));
        }
    }
    modes
}

/// Sourced times, with the spans of their two places.
pub fn times(
    file: &SourceFile,
    times: Vec<Entry<TomlTime>>,
    out: &mut Vec<Diagnostic>,
) -> Vec<(KnownTime, [Range<usize>; 2])> {
    let mut checked_times = Vec::new();
    for Entry { value: raw, .. } in times {
        let label = format!("time {} → {}", raw.from.get_ref(), raw.to.get_ref());
        let mut s = Scope::new(file, label, out);
        let mode = s.choice(
            "mode",
            &raw.mode,
            &[("car", LocalMode::Car), ("walk", LocalMode::Walk)],
        );
        let minutes = match u32::try_from(*raw.minutes.get_ref()) {
            Ok(m) if (1..=600).contains(&m) => Some(Minutes(m)),
            _ => {
                let message = format!("minutes = {} is outside 1..600", raw.minutes.get_ref());
                s.error(raw.minutes.span(), message);
                None
            }
        };
        let km = raw.km.as_ref().map(|km| s.number("km", km, 0.0..=1000.0));
        let source = s.non_empty("source", &raw.source);
        if let (Some(mode), Some(minutes), Some(km), Some(source)) = (
            mode,
            minutes,
            km.map_or(Some(None), |k| k.map(Some)),
            source,
        ) {
            let spans = [raw.from.span(), raw.to.span()];
            let time = KnownTime {
                from: raw.from.into_inner(),
                to: raw.to.into_inner(),
                mode,
                minutes,
                km,
                source,
            };
            checked_times.push((time, spans));
        }
    }
    checked_times
}
