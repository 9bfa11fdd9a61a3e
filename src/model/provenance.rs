//! Where an entry's facts come from, and which of its values are estimates.

use serde::Serialize;

/// Where the facts of an entry come from, and which of its values are estimates.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Provenance {
    pub source: String,
    /// Field names whose values are estimates or cautious defaults.
    pub estimated: Vec<String>,
}

impl Provenance {
    pub fn is_estimated(&self, field: &str) -> bool {
        self.estimated.iter().any(|f| f == field)
    }
}
