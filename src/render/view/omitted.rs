//! The sites left out of a plan, grouped by reason, for the operator.

use crate::model::Pack;
use crate::plan::{Itinerary, Omission, Omitted};
use crate::render::catalog::Msg;
use crate::render::lang::{Bi, Lang};

/// Sites left out for one reason.
pub struct OmittedGroup {
    /// The reason and the sites, with dates and reasons of closures.
    pub line: Bi,
}

/// The sites left out, grouped by reason, in the order of the pack.
pub(super) fn by_reason(pack: &Pack, itinerary: &Itinerary, lang: Lang) -> Vec<OmittedGroup> {
    let mut groups: Vec<(std::mem::Discriminant<Omission>, &Omission, Vec<&Omitted>)> = Vec::new();
    for o in &itinerary.omitted {
        let key = std::mem::discriminant(&o.why);
        match groups.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, sites)) => sites.push(o),
            None => groups.push((key, &o.why, vec![o])),
        }
    }
    (groups.into_iter())
        .map(|(_, why, sites)| {
            let reason = Bi::say(lang, &Msg::OmitGroup(why));
            let line = Bi::map(lang, |l| {
                let names: Vec<String> = (sites.iter())
                    .map(|o| {
                        let name = pack
                            .site(&o.site)
                            .map_or(o.site.as_str(), |s| l.of(&s.name));
                        match &o.why {
                            Omission::Closed { closures } => Msg::WithDetail {
                                name,
                                detail: &Msg::Closures(closures).text(l),
                            }
                            .text(l),
                            _ => name.to_owned(),
                        }
                    })
                    .collect();
                Msg::Labelled {
                    label: reason.get(l),
                    text: &Msg::List(&names).text(l),
                }
                .text(l)
            });
            OmittedGroup { line }
        })
        .collect()
}
