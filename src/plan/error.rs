//! Why a request has no plan: the refusal a customer is told, and the
//! detail an operator needs. Every stage of the planner and the legs
//! between places return these.

/// A request that has no feasible plan: why, as a customer is told, and
/// the detail an operator needs to act on it (its `Display`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Infeasible {
    pub refusal: Refusal,
    detail: String,
}

/// Why no trip can be planned, in the terms a customer is told it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The pack's timetable does not reach the trip's dates yet.
    NoTimetable,
    /// No train or coach there and back at hours the trip can use.
    NoService,
    /// No lodging open on the trip's nights.
    NoLodging,
    /// Sites the trip promises are closed on its dates, or open too briefly.
    MustSeeClosed(Vec<crate::model::Text>),
    /// Sites the trip promises do not fit into its days together.
    MustSeeUnfit(Vec<crate::model::Text>),
    /// The days are too short for the travel and the visits.
    NoTime,
    /// The route pack cannot plan this trip at all.
    Unsupported,
}

impl Infeasible {
    pub fn new(refusal: Refusal, detail: impl Into<String>) -> Infeasible {
        Infeasible {
            refusal,
            detail: detail.into(),
        }
    }

    /// A failure of the planner itself, not of the request.
    pub(super) fn internal(error: impl std::fmt::Display) -> Infeasible {
        Infeasible::new(Refusal::Unsupported, format!("internal error: {error}"))
    }
}

impl std::fmt::Display for Infeasible {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.detail)
    }
}

impl std::error::Error for Infeasible {}
