//! jingqin composes one-, two- and three-day Beijing→Qinhuangdao tour
//! itineraries from a TOML route pack.
//!
//! Data flows one way: [`load`] reads and validates a pack into the
//! [`model`]; [`solve`] is the domain-free TOPTW planning core; [`import`]
//! writes a pack's timetable from a 12306 copy.

pub mod import;
pub mod load;
pub mod model;
pub mod plan;
pub mod render;
pub mod solve;
mod suggest;
pub mod travel;
