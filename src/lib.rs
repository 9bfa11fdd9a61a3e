//! jingqin composes one-, two- and three-day Beijing→Qinhuangdao tour
//! itineraries from a TOML route pack.
//!
//! Data flows one way: [`load`] reads and validates a pack into the
//! [`model`]; [`solve`] is the domain-free TOPTW planning core; [`plan`]
//! composes itineraries on it; [`render`] writes them in every format;
//! [`publish`] writes a static catalog of products and dates; [`import`]
//! writes a pack's timetable from a 12306 copy; `serve` (a feature) answers
//! plans over HTTP for embedding.

pub mod import;
pub mod load;
pub mod model;
pub mod plan;
pub mod publish;
pub mod render;
#[cfg(feature = "serve")]
pub mod serve;
pub mod solve;
mod suggest;
pub mod travel;
