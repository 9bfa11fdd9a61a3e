//! Benchmark of one heuristic solve: c101 with two routes and a fixed
//! iteration budget (falls back to a generated instance when the public
//! benchmark data is not beside the repository).

mod common;

use std::hint::black_box;
use std::path::PathBuf;

use jingqin::solve::{Config, Matrix, Problem, Route, Stop, Window, oplib, solve};

fn main() {
    let problem = problem(2);
    let config = Config {
        seed: 1,
        iterations: 500,
        time_limit: None,
    };
    common::run("c101, two routes, 500 iterations", 10, || {
        solve(black_box(&problem), &config)
    });
}

/// c101 with `routes` routes, or a generated 100-stop grid instance.
fn problem(routes: usize) -> Problem {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/bench/toptw/instances/c_r_rc_100_100/c101.txt");
    if let Some(problem) = std::fs::read_to_string(path)
        .ok()
        .and_then(|text| oplib::Instance::parse(&text).ok())
        .and_then(|instance| instance.problem(routes, 1).ok())
    {
        return problem;
    }
    let points: Vec<(f64, f64)> = (0..101)
        .map(|i| (f64::from(i % 10) * 7.0, f64::from(i / 10) * 7.0))
        .collect();
    let travel = Matrix::from_fn(points.len(), |a, b| {
        let (p, q) = (points[a], points[b]);
        (p.0 - q.0).hypot(p.1 - q.1)
    })
    .expect("finite matrix");
    let stops = (1..points.len())
        .map(|i| {
            let open = (i * 37 % 500) as f64;
            Stop::new(
                i,
                (i % 9 + 1) as f64,
                10.0,
                vec![Window::new(open, open + 120.0)],
                routes,
            )
        })
        .collect();
    let route = Route {
        start: 0,
        end: 0,
        earliest: 0.0,
        latest: 800.0,
    };
    Problem {
        travel,
        stops,
        routes: vec![route; routes],
    }
}
