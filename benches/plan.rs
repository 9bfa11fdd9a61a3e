//! Benchmark of the main job: load the embedded pack, plan the three-day
//! product on a summer Friday and render it as JSON — what `jingqin plan`
//! does, minus process start-up.

mod common;

use std::hint::black_box;

use chrono::NaiveDate;
use jingqin::load::load_default;
use jingqin::plan::{RequestSpec, plan};
use jingqin::render::{self, Format, Lang};

fn main() {
    common::run("three-day plan", 20, three_day_plan);
}

fn three_day_plan() -> usize {
    let pack = load_default().expect("the default pack loads");
    let spec = RequestSpec {
        days: Some(3),
        date: NaiveDate::from_ymd_opt(2027, 7, 16),
        ..RequestSpec::default()
    };
    let today = NaiveDate::from_ymd_opt(2027, 7, 1).unwrap_or_default();
    let request = spec.resolve(&pack, today).expect("the request resolves");
    let itinerary = plan(&pack, &request).expect("the trip plans");
    render::itinerary(&pack, black_box(&itinerary), Format::Json, Lang::Both).len()
}
