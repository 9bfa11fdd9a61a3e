//! pack.toml's rules for who travels: `[[concession]]` shares of the adult
//! price for children and seniors, and the `[group]` rules for parties on a
//! chartered coach.

use std::collections::BTreeMap;
use std::ops::Range;

use super::fields::count;
use crate::load::diagnostic::{Diagnostic, SourceFile};
use crate::load::document::Entry;
use crate::load::raw::{TomlConcession, TomlGroup, TomlLegCap};
use crate::load::scope::Scope;
use crate::model::{CoachHire, Concession, DrivingRules, Group, LegCap, TravelMode};

/// The group rules, the span of the meeting hub, and the places its leg
/// caps name with their spans: the references checked once every file is read.
pub type CheckedGroup = (Group, Option<Range<usize>>, Vec<(String, Range<usize>)>);

/// Concessions, with the spans of their site ids.
pub fn concessions(
    file: &SourceFile,
    concessions: Vec<Entry<TomlConcession>>,
    out: &mut Vec<Diagnostic>,
) -> Vec<(Concession, Vec<Range<usize>>)> {
    let mut checked_concessions: Vec<(Concession, Vec<Range<usize>>)> = Vec::new();
    for Entry { value: raw, .. } in concessions {
        let mut s = Scope::new(file, format!("concession \"{}\"", raw.id.get_ref()), out);
        let id = s.id(&raw.id);
        if checked_concessions
            .iter()
            .any(|(c, _)| &c.id == raw.id.get_ref())
        {
            s.error(raw.id.span(), "this concession is defined twice");
        }
        let mut share = |field: &str, value: &Option<toml::Spanned<f64>>| match value {
            Some(value) => s.number(field, value, 0.0..=1.0).map(Some),
            None => Some(None),
        };
        let (child, senior) = (share("child", &raw.child), share("senior", &raw.senior));
        if raw.child.is_none() && raw.senior.is_none() {
            s.error(
                raw.id.span(),
                "a concession gives child or senior (the share of the adult price they pay)",
            );
        }
        if raw.sites.get_ref().is_empty() {
            s.error(raw.sites.span(), "sites lists no site");
        }
        let note = s.text("note", &raw.note);
        let provenance = s.provenance(&raw.source, &raw.estimated, &["child", "senior", "sites"]);
        if let (Some(id), Some(child), Some(senior), Some(note)) = (id, child, senior, note) {
            let spans = raw.sites.get_ref().iter().map(|s| s.span()).collect();
            let concession = Concession {
                id,
                sites: raw
                    .sites
                    .into_inner()
                    .into_iter()
                    .map(|s| s.into_inner())
                    .collect(),
                child,
                senior,
                note,
                provenance,
            };
            checked_concessions.push((concession, spans));
        }
    }
    checked_concessions
}

/// The `[group]` table at `span`, with the span of its meeting hub and the
/// places its leg caps name; the
/// coach's speeds come from `modes`.
pub fn group(
    file: &SourceFile,
    raw: TomlGroup,
    span: Range<usize>,
    modes: &BTreeMap<String, TravelMode>,
    out: &mut Vec<Diagnostic>,
) -> Option<CheckedGroup> {
    let mut s = Scope::new(file, "[group]".into(), out);
    let min_size = count(&mut s, "min_size", &raw.min_size, 2..=1000);
    let boarding = s.duration_or_zero("boarding", &raw.boarding);
    let coach_walk = s.duration_or_zero("coach_walk", &raw.coach_walk);
    let staff = count(&mut s, "staff", &raw.staff, 0..=10);
    let per_day = s.money("coach.per_day", &raw.coach.per_day);
    let per_km = (raw.coach.per_km.as_ref()).map_or(Some(0.0), |k| s.money("coach.per_km", k));
    let seats = count(&mut s, "coach.seats", &raw.coach.seats, 1..=100);
    let continuous = s.duration("driving.continuous", &raw.driving.continuous);
    let rest = s.duration("driving.rest", &raw.driving.rest);
    let daily = s.duration("driving.daily", &raw.driving.daily);
    let drivers = count(&mut s, "driving.drivers", &raw.driving.drivers, 1..=4);
    let second_driver = (raw.coach.second_driver.as_ref())
        .map_or(Some(None), |m| s.money("coach.second_driver", m).map(Some));
    let staff_meals = (raw.staff_meals.as_ref()).map_or(Some(0.0), |m| s.money("staff_meals", m));
    let start = match raw.start.as_ref().map(|w| (w, w.get_ref().as_slice())) {
        None => Some(None),
        Some((_, [open, close])) => super::fields::span(&mut s, open, close).map(Some),
        Some((w, _)) => {
            s.error(
                w.span(),
                "start must be two clock times, e.g. [\"06:30\", \"07:00\"]",
            );
            None
        }
    };
    let leg_caps: Option<Vec<LegCap>> = raw.leg_caps.iter().map(|c| leg_cap(&mut s, c)).collect();
    for mode in ["coach", "coach_road"] {
        if !modes.contains_key(mode) {
            s.error(
                span.clone(),
                format!("[group] needs a [travel.{mode}] table for the coach's speeds"),
            );
        }
    }
    let provenance = s.provenance(
        &raw.source,
        &raw.estimated,
        &[
            "min_size",
            "boarding",
            "coach_walk",
            "staff",
            "coach",
            "driving",
            "start",
            "leg_caps",
            "staff_meals",
        ],
    );
    let group = Group {
        min_size: min_size?,
        meet: raw.meet.as_ref().map(|m| m.get_ref().clone()),
        boarding: boarding?,
        coach_walk: coach_walk?,
        staff: staff?,
        coach: CoachHire {
            per_day: per_day?,
            per_km: per_km?,
            seats: seats?,
            second_driver: second_driver?,
        },
        driving: DrivingRules {
            continuous: continuous?,
            rest: rest?,
            daily: daily?,
            drivers: drivers?,
        },
        start: start?,
        leg_caps: leg_caps?,
        staff_meals: staff_meals?,
        provenance,
    };
    let places = (raw.leg_caps.iter().filter_map(|c| c.between.as_ref()))
        .flat_map(|b| {
            b.get_ref()
                .iter()
                .map(|id| (id.get_ref().clone(), id.span()))
        })
        .collect();
    Some((group, raw.meet.as_ref().map(|m| m.span()), places))
}

/// One of `leg_caps`: a longest time under a road distance, or between two places.
fn leg_cap(s: &mut Scope, raw: &TomlLegCap) -> Option<LegCap> {
    let max = s.duration("leg_caps.max", &raw.max);
    let under_km = match &raw.under_km {
        Some(km) => Some(s.number("leg_caps.under_km", km, 0.0..=1000.0)?),
        None => None,
    };
    let between = match raw.between.as_ref().map(|b| (b, b.get_ref().as_slice())) {
        None => None,
        Some((_, [a, b])) => Some([a.get_ref().clone(), b.get_ref().clone()]),
        Some((b, _)) => {
            s.error(
                b.span(),
                "between must be two place ids, e.g. [\"laolongtou\", \"tianxia_diyiguan\"]",
            );
            return None;
        }
    };
    if under_km.is_none() == between.is_none() {
        s.error(
            raw.max.span(),
            "a leg cap names either under_km or between, not both or neither",
        );
        return None;
    }
    Some(LegCap {
        under_km,
        between,
        max: max?,
    })
}
