//! How a subcommand fails, and the exit status and message of each failure.

use std::io;
use std::process::ExitCode;

use jingqin::load::Diagnostics;

/// Why a subcommand failed; [`exit_status`] says so and gives the status.
pub(super) enum Failure {
    Data(Diagnostics),
    /// Problems in the agency profile.
    Profile(Diagnostics),
    /// Problems in a file being imported, each at its line.
    Import(String),
    Usage(String),
    NoInput(String),
    Infeasible(String),
    /// A file that is not an itinerary JSON.
    NotItinerary(String),
    /// An itinerary that does not hold against the pack.
    Problems(String),
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::Io(error)
    }
}

/// Exit statuses after sysexits.h: a request that cannot be understood (as
/// clap's own), a pack with problems, a pack missing, a file not written.
const EXIT_USAGE: u8 = 2;
const EXIT_DATA: u8 = 65;
const EXIT_NO_INPUT: u8 = 66;
const EXIT_IO: u8 = 74;

/// The exit status of a subcommand's outcome, its failure told on standard error.
pub(super) fn exit_status(result: Result<(), Failure>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Data(diagnostics)) => problems(&diagnostics, "the route pack"),
        Err(Failure::Profile(diagnostics)) => problems(&diagnostics, "the agency profile"),
        Err(Failure::Import(problems)) => {
            eprintln!("{problems}");
            eprintln!("\nerror: nothing written; fix the rows above and import again");
            ExitCode::from(EXIT_DATA)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_USAGE)
        }
        Err(Failure::NoInput(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_NO_INPUT)
        }
        Err(Failure::NotItinerary(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_DATA)
        }
        Err(Failure::Problems(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
        Err(Failure::Infeasible(message)) => {
            eprintln!("error: no feasible plan: {message}");
            ExitCode::FAILURE
        }
        // A closed pipe (`jingqin sites | head`) is not a failure.
        Err(Failure::Io(error)) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(error)) => {
            eprintln!("error: {error}");
            ExitCode::from(EXIT_IO)
        }
    }
}

/// Every problem of a file, then how many; the exit status of bad data.
fn problems(diagnostics: &Diagnostics, what: &str) -> ExitCode {
    eprintln!("{diagnostics}");
    let count = diagnostics.0.len();
    let plural = if count == 1 { "" } else { "s" };
    eprintln!("\nerror: {count} problem{plural} in {what}");
    ExitCode::from(EXIT_DATA)
}
