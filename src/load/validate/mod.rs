//! Raw TOML entries → model types, file by file. Every check runs and every
//! problem is recorded; an entry with a problem is left out of the result.
//!
//! One module per pack file, pack.toml's in four (`pack`, `travel`,
//! `parties`, `rides`); the field checks they share are in `fields`, and the checks
//! that join pack.toml to the other files, once all are read, in `links`.

mod calendar;
mod fields;
mod hubs;
mod links;
mod lodging;
mod pack;
mod parties;
mod products;
mod rides;
mod services;
mod sites;
mod travel;

pub use calendar::calendar_file;
pub use hubs::hubs_file;
pub use links::pack_links;
pub use lodging::lodging_file;
pub use pack::pack_file;
pub use products::{MAX_DAYS, products_file};
pub use services::services_file;
pub use sites::sites_file;
