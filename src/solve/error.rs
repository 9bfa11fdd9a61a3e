//! Why the solver returned no solution, apart from the problem's own
//! types so that the checker's violations and the problem's errors meet
//! here rather than in each other's files.

use std::fmt;

use super::{MAX_EXACT_STOPS, ProblemError, Violation};

/// Why [`solve`] or [`solve_exact`] returned no solution.
#[derive(Clone, Debug, PartialEq)]
pub enum SolveError {
    Invalid(ProblemError),
    /// These mandatory stops could not all be placed in feasible routes.
    MandatoryUnplaced(Vec<usize>),
    /// The exact solver only handles up to [`MAX_EXACT_STOPS`] stops.
    TooLarge {
        stops: usize,
    },
    /// The solver produced routes the checker rejected (a bug).
    Internal(Violation),
}

impl fmt::Display for SolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SolveError::Invalid(e) => write!(f, "invalid problem: {e}"),
            SolveError::MandatoryUnplaced(stops) => {
                write!(f, "mandatory stops {stops:?} cannot all be scheduled")
            }
            SolveError::TooLarge { stops } => write!(
                f,
                "{stops} stops is too many for the exact solver (max {MAX_EXACT_STOPS})"
            ),
            SolveError::Internal(v) => write!(f, "internal error, solver produced: {v}"),
        }
    }
}

impl std::error::Error for SolveError {}

impl From<ProblemError> for SolveError {
    fn from(e: ProblemError) -> Self {
        SolveError::Invalid(e)
    }
}
