//! products.toml: the `[[product]]` tours, their interests and day plans.

use std::collections::BTreeMap;

use super::fields::{CATEGORIES, hub_ref, reference};
use crate::load::diagnostic::Diagnostic;
use crate::load::document::{Document, Entry};
use crate::load::raw::TomlProduct;
use crate::load::scope::Scope;
use crate::model::{Pace, Product, ProductDay};

/// The longest trip a product or request may ask for.
pub const MAX_DAYS: u8 = 7;

pub fn products_file(
    doc: &mut Document,
    sites: Option<&[String]>,
    areas: Option<&[String]>,
    hubs: Option<&[String]>,
    beijing_hubs: Option<&[&str]>,
    out: &mut Vec<Diagnostic>,
) -> Vec<Product> {
    let (products, _) = doc.array::<TomlProduct>("product", out);
    let file = doc.file;
    let mut checked: Vec<Product> = Vec::new();
    for Entry { value: raw, .. } in products {
        let mut s = Scope::new(file, format!("product \"{}\"", raw.id.get_ref()), out);
        let id = s.id(&raw.id);
        if checked.iter().any(|p| &p.id == raw.id.get_ref()) {
            s.error(
                raw.id.span(),
                format!("id \"{}\" is used by another product", raw.id.get_ref()),
            );
        }
        let name = s.text("name", &raw.name);
        let days = match u8::try_from(*raw.days.get_ref()) {
            Ok(days) if (1..=MAX_DAYS).contains(&days) => Some(days),
            _ => {
                s.error(
                    raw.days.span(),
                    format!("days = {} is outside 1..{MAX_DAYS}", raw.days.get_ref()),
                );
                None
            }
        };
        let from = raw.from.as_ref().map(|from| {
            let id = hub_ref(&mut s, "from", from, hubs)?;
            if beijing_hubs.is_some_and(|ids| !ids.contains(&id.as_str())) {
                s.error(
                    from.span(),
                    format!("from = \"{id}\" is not in the pack's origin city; a product departs from a hub whose city is [pack] origin"),
                );
                return None;
            }
            Some(id)
        });
        let must: Vec<Option<String>> = raw
            .must
            .iter()
            .map(|site| reference(&mut s, "must", site, sites, "a site in sites.toml"))
            .collect();
        let mut interests = BTreeMap::new();
        for (category, weight) in &raw.interests {
            let field = format!("interests.{}", category.get_ref());
            let weight_span = weight.span();
            let category = s.choice("interests", category, &CATEGORIES);
            let weight = s.number(&field, weight, 0.0..=10.0);
            if weight == Some(0.0) {
                s.error(
                    weight_span.clone(),
                    format!(
                        "{field} = 0; a weight must be above 0 (leave a category out to weigh it 1)"
                    ),
                );
            }
            if let (Some(category), Some(weight)) = (category, weight.filter(|w| *w > 0.0)) {
                interests.insert(category, weight);
            }
        }
        let pace = s.choice(
            "pace",
            &raw.pace,
            &[
                ("relaxed", Pace::Relaxed),
                ("standard", Pace::Standard),
                ("packed", Pace::Packed),
            ],
        );
        if let Some(days) = days
            && !raw.day.is_empty()
            && raw.day.len() != usize::from(days)
        {
            s.error(
                raw.days.span(),
                format!(
                    "days = {days} but {} [[product.day]] entries; give one for each day or none",
                    raw.day.len()
                ),
            );
        }
        let mut plan = Vec::new();
        for day in &raw.day {
            let areas: Vec<Option<String>> = (day.areas.iter())
                .map(|a| reference(&mut s, "day.areas", a, areas, "an area of the pack"))
                .collect();
            let must: Vec<Option<String>> = (day.must.iter())
                .map(|m| reference(&mut s, "day.must", m, sites, "a site in sites.toml"))
                .collect();
            let theme = day.theme.as_ref().map(|t| s.text("day.theme", t));
            plan.push((|| {
                Some(ProductDay {
                    areas: areas.into_iter().collect::<Option<_>>()?,
                    must: must.into_iter().collect::<Option<_>>()?,
                    theme: theme.map_or(Some(None), |t| t.map(Some))?,
                })
            })());
        }
        let summary = s.text("summary", &raw.summary);
        let source = s.non_empty("source", &raw.source);
        let product = (|| {
            Some(Product {
                id: id?,
                name: name?,
                days: days?,
                from: from.map_or(Some(None), |f| f.map(Some))?,
                must: must.into_iter().collect::<Option<_>>()?,
                interests,
                pace: pace?,
                plan: plan.into_iter().collect::<Option<_>>()?,
                summary: summary?,
                source: source?,
            })
        })();
        let product = product.filter(|p| p.plan.is_empty() || p.plan.len() == usize::from(p.days));
        if let Some(product) = product.filter(|p| !checked.iter().any(|c| c.id == p.id)) {
            checked.push(product);
        }
    }
    checked
}
