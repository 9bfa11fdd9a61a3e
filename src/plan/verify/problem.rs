//! What `verify` reports: a problem, the rule it breaks, and where.

use std::fmt;

use serde::Serialize;

/// Something wrong with an itinerary, and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// 1-based position of the day in the itinerary; `None` for the whole trip.
    pub day: Option<u8>,
    /// 1-based position of the event in that day; `None` for the whole day.
    pub event: Option<usize>,
    pub check: Check,
    /// One line of English naming the place or service and the times.
    pub message: String,
}

/// The rule a problem breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// A visit outside its site's opening hours.
    Hours,
    /// A train or coach that does not run as the transfer says.
    Timetable,
    /// A transfer quicker than the pack's travel time.
    Travel,
    /// A meal outside its window or shorter than the pack's duration.
    Meal,
    /// Events out of time order or overlapping.
    Overlap,
    /// A move with no transfer, a day not where the previous one ended,
    /// or days not on consecutive dates.
    Chain,
    /// A must-see not visited, or not on its day.
    Must,
    /// A visit to an avoided site.
    Avoid,
    /// A day that keeps a coach driver at the wheel longer than the law allows.
    Driving,
    /// A compulsory start before dawn: a sunrise before 05:30, or any
    /// start before 06:00 for children, seniors or a group, not optional.
    EarlyStart,
    /// An id the pack does not have.
    Unknown,
}

impl Check {
    pub fn as_str(self) -> &'static str {
        match self {
            Check::Hours => "hours",
            Check::Timetable => "timetable",
            Check::Travel => "travel",
            Check::Meal => "meal",
            Check::Overlap => "overlap",
            Check::Chain => "chain",
            Check::Must => "must",
            Check::Avoid => "avoid",
            Check::Driving => "driving",
            Check::EarlyStart => "early_start",
            Check::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A problem found within one day: its event (1-based), if any.
pub(super) type Finding = (Option<usize>, Check, String);
