//! The static catalog of a season: every product of the default pack on
//! every start date of 2027 (365 × 3 plans, each in four formats and a
//! snippet), published into a fresh folder, then again into the same folder
//! (every file unchanged, none rewritten).
//!
//! `cargo bench --bench catalog` prints both times and what was written.

use std::time::Instant;

use chrono::NaiveDate;
use jingqin::load::load_default;
use jingqin::publish::{Catalog, publish};
use jingqin::render::Options;

fn main() {
    let pack = load_default().expect("the embedded pack loads");
    let day = |m, d| NaiveDate::from_ymd_opt(2027, m, d).expect("a date");
    let catalog = Catalog {
        from: day(1, 1),
        to: day(12, 31),
        products: pack.products.iter().collect(),
        options: Options::default(),
        base_url: None,
    };
    let dir = tempfile::tempdir().expect("a temp dir");
    for run in ["fresh folder", "unchanged"] {
        let start = Instant::now();
        let report = publish(&pack, &catalog, dir.path()).expect("the catalog publishes");
        println!(
            "catalog, {run}: {:.2} s for {} start dates ({} not plannable), {} files written, {} unchanged",
            start.elapsed().as_secs_f64(),
            report.plans,
            report.refused.len(),
            report.written,
            report.unchanged
        );
    }
}
