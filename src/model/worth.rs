//! What a site is worth to whom and when: more to a family at the beach in
//! the swimming season, less to children in a museum. The pack states it per
//! site; the planner weighs the site's rating by it.

use super::provenance::Provenance;
use super::time::{DayRange, Minutes, MonthDay};

/// Who in a party a site's worth changes for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Travellers {
    /// A party with at least one child.
    Children,
    /// A party with at least one senior.
    Seniors,
    /// A group on a chartered coach.
    Group,
}

/// A site's worth to a party at a time of year: its rating times `weight`,
/// and, where given, its visit's length for them.
#[derive(Clone, Debug)]
pub struct PartyWorth {
    pub who: Travellers,
    pub when: DayRange,
    pub weight: f64,
    pub visit: Option<Minutes>,
    pub provenance: Provenance,
}

impl PartyWorth {
    /// Whether it holds on `day` for a party that has `who` among it.
    pub fn holds(&self, day: MonthDay, has: impl Fn(Travellers) -> bool) -> bool {
        self.when.contains(day) && has(self.who)
    }
}
