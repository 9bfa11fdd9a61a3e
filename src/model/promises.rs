//! What a product's summary promises: the sites it names. A site named
//! there and not among the product's must-sees is a promise the planner
//! does not know of; `jingqin check` warns of it.

use super::{Product, Site};

/// Words that end many site names but are left out when a summary names
/// the site ("鸽子窝" for "鸽子窝公园").
const GENERIC_ENDINGS: [&str; 2] = ["公园", "景区"];

impl Product {
    /// Every site the product promises: its must-sees and its days'.
    pub fn promised(&self) -> impl Iterator<Item = &str> {
        (self.must.iter())
            .chain(self.plan.iter().flat_map(|day| &day.must))
            .map(String::as_str)
    }

    /// The sites of `sites` that the summary names (by their Chinese name,
    /// without its bracketed part or a generic ending) but the product does
    /// not promise.
    pub fn named_not_promised<'s>(&self, sites: &'s [Site]) -> Vec<&'s Site> {
        (sites.iter())
            .filter(|site| !self.promised().any(|id| id == site.id))
            .filter(|site| {
                let name = site.name.zh.split('（').next().unwrap_or_default();
                let short = (GENERIC_ENDINGS.iter())
                    .find_map(|ending| name.strip_suffix(ending))
                    .unwrap_or(name);
                short.chars().count() >= 2 && self.summary.zh.contains(short)
            })
            .collect()
    }
}
