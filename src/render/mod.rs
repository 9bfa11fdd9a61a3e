//! Rendering: turns what the library computed into one output format.

pub mod sites;
mod table;
