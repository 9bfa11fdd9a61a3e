//! pack.toml's references into the other files, checked once every file is
//! read: a concession's sites, the group's meeting hub and the places of
//! its leg caps, the places of a sourced time, the sites of the
//! self-drive's car parks.

use super::pack::PackFile;
use crate::load::diagnostic::{Diagnostic, SourceFile};

/// Checks the references of `pack`, read from `file`, against the ids of the
/// sites, hubs and lodging, and the hubs of the origin city.
pub fn pack_links(
    pack: &PackFile,
    file: &SourceFile,
    sites: &[String],
    hubs: &[String],
    lodging: &[String],
    origin_hubs: Option<&[&str]>,
    out: &mut Vec<Diagnostic>,
) {
    for (concession, spans) in &pack.concessions {
        for (id, span) in concession.sites.iter().zip(spans) {
            if !sites.contains(id) {
                let hint = crate::suggest::closest(id, sites.iter().map(String::as_str))
                    .map(|s| format!("; did you mean \"{s}\"?"))
                    .unwrap_or_default();
                let message = format!(
                    "concession \"{}\": \"{id}\" is not a site of the pack{hint}",
                    concession.id
                );
                out.push(Diagnostic::at(file, span.clone(), message));
            }
        }
    }
    if let Some((_, _, places)) = &pack.group {
        for (id, span) in places {
            if ![sites, hubs, lodging].iter().any(|ids| ids.contains(id)) {
                let message =
                    format!("[group] leg_caps: \"{id}\" is not a site, hub or lodging of the pack");
                out.push(Diagnostic::at(file, span.clone(), message));
            }
        }
    }
    if let Some((group, Some(span), _)) = &pack.group {
        let meet = group.meet.as_deref().unwrap_or_default();
        let origin = origin_hubs.unwrap_or_default();
        if !origin.contains(&meet) {
            let message = format!(
                "[group] meet = \"{meet}\" is not a hub of the origin city ({})",
                origin.join(", ")
            );
            out.push(Diagnostic::at(file, span.clone(), message));
        }
    }
    // A car park belongs to a site.
    for (parking, span) in
        (pack.drive.iter()).flat_map(|(d, spans)| d.site_parking.iter().zip(spans))
    {
        if !sites.contains(&parking.site) {
            let message = format!(
                "[drive] site_parking: \"{}\" is not a site of the pack",
                parking.site
            );
            out.push(Diagnostic::at(file, span.clone(), message));
        }
    }
    // A sourced time joins two places of the pack.
    for (time, spans) in &pack.times {
        for (id, span) in [&time.from, &time.to].into_iter().zip(spans) {
            let known = [sites, hubs, lodging];
            if !known.iter().any(|ids| ids.contains(id)) {
                let message = format!(
                    "time {} → {}: \"{id}\" is not a site, hub or lodging of the pack",
                    time.from, time.to
                );
                out.push(Diagnostic::at(file, span.clone(), message));
            }
        }
    }
}
