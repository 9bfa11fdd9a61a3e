//! The integration tests: one binary with a module per area, so the crate is
//! linked once (the browser suite and the server's, behind their needs, are
//! the other two).

mod cli;
mod house;
mod language;
mod pack;
mod plan;
mod props;
mod quality;
mod quality_group;
mod render;
mod solve;
