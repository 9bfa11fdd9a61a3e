//! Tests of the TOPTW core: the heuristic against the exact solver on random
//! small instances, feasibility of every returned solution through the
//! independent checker, determinism, mandatory stops, multiple windows,
//! per-route availability, validation, and the benchmark-format reader.

use std::path::PathBuf;

use jingqin::solve::{
    Config, Matrix, Problem, ProblemError, Route, Solution, SolveError, Stop, Violation, Window,
    check, oplib, solve, solve_exact,
};

/// SplitMix64, for reproducible random instances.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }
}

/// A random instance with `n` stops and `m` routes: distinct route start
/// and end points, an asymmetric matrix truncated to one decimal, one or
/// two windows per stop, some stops restricted to some routes.
fn random_problem(rng: &mut Rng, n: usize, m: usize) -> Problem {
    let locations = n + 2 * m;
    let points: Vec<(f64, f64)> = (0..locations)
        .map(|_| (rng.unit() * 100.0, rng.unit() * 100.0))
        .collect();
    let skew: Vec<f64> = (0..locations * locations)
        .map(|_| rng.unit() * 8.0)
        .collect();
    let travel = Matrix::from_fn(locations, |a, b| {
        let (p, q) = (points[a], points[b]);
        let d = ((p.0 - q.0).powi(2) + (p.1 - q.1).powi(2)).sqrt();
        if a == b {
            0.0
        } else {
            ((d + skew[a * locations + b]) * 10.0).floor() / 10.0
        }
    })
    .expect("valid matrix");
    let horizon = 150.0 + rng.unit() * 250.0;
    let stops = (0..n)
        .map(|i| {
            let score = if rng.range(0, 3) == 0 {
                rng.range(1, 20) as f64 * 0.5
            } else {
                rng.range(1, 10) as f64
            };
            let service = rng.range(0, 30) as f64;
            let mut windows = Vec::new();
            let open = rng.unit() * horizon * 0.7;
            let width = 10.0 + rng.unit() * horizon * 0.6;
            windows.push(Window::new(open, open + width));
            if rng.range(0, 3) == 0 {
                let open2 = open + width + 20.0 + rng.unit() * 60.0;
                windows.push(Window::new(open2, open2 + 10.0 + rng.unit() * 60.0));
            }
            let mut stop = Stop::new(i, score, service, windows, m);
            for r in 0..m {
                if rng.range(0, 5) == 0 {
                    stop.windows[r].clear();
                }
            }
            stop
        })
        .collect();
    let routes = (0..m)
        .map(|r| Route {
            start: n + 2 * r,
            end: n + 2 * r + 1,
            earliest: 0.0,
            latest: horizon + 150.0,
        })
        .collect();
    Problem {
        travel,
        stops,
        routes,
    }
}

fn assert_feasible(problem: &Problem, solution: &Solution) {
    let rechecked = check(problem, &solution.sequences()).expect("checker accepts the solution");
    assert!((rechecked.score - solution.score).abs() < 1e-9);
    assert_eq!(&rechecked, solution);
}

fn config(iterations: u64, seed: u64) -> Config {
    Config {
        seed,
        iterations,
        time_limit: None,
    }
}

#[test]
fn heuristic_matches_exact_optimum_on_random_small_instances() {
    let mut rng = Rng(2024);
    let (mut total, mut optimal, mut same_travel) = (0, 0, 0);
    for _ in 0..320 {
        let n = rng.range(3, 9);
        let m = rng.range(1, 3);
        let problem = random_problem(&mut rng, n, m);
        let exact = solve_exact(&problem).expect("exact solution");
        assert_feasible(&problem, &exact);
        let heuristic = solve(&problem, &config(300, 7)).expect("heuristic solution");
        assert_feasible(&problem, &heuristic);
        assert!(
            heuristic.score <= exact.score + 1e-9,
            "heuristic beats the optimum"
        );
        total += 1;
        if (heuristic.score - exact.score).abs() < 1e-9 {
            optimal += 1;
            if heuristic.travel <= exact.travel + 1e-6 {
                same_travel += 1;
            }
        }
    }
    println!("optimal score {optimal}/{total}, also optimal travel {same_travel}/{total}");
    assert!(
        optimal * 100 >= total * 98,
        "only {optimal}/{total} optimal"
    );
}

#[test]
fn same_seed_same_result() {
    let mut rng = Rng(5);
    let problem = random_problem(&mut rng, 40, 3);
    let a = solve(&problem, &config(300, 11)).unwrap();
    let b = solve(&problem, &config(300, 11)).unwrap();
    assert_eq!(a, b);
    assert_feasible(&problem, &a);
}

/// Two routes (days) with their own start and end, one mandatory zero-score
/// "lunch" per day allowed only on that day, and a site open in two blocks.
fn day_trip() -> Problem {
    // Locations: 0 station, 1 hotel, 2..=6 sites, 7 and 8 restaurants.
    let coords: [(f64, f64); 9] = [
        (0.0, 0.0),
        (50.0, 0.0),
        (10.0, 10.0),
        (20.0, 5.0),
        (30.0, 10.0),
        (40.0, 5.0),
        (45.0, 10.0),
        (15.0, 0.0),
        (35.0, 0.0),
    ];
    let travel = Matrix::from_fn(coords.len(), |a, b| {
        let (p, q) = (coords[a], coords[b]);
        (p.0 - q.0).hypot(p.1 - q.1).round()
    })
    .unwrap();
    let day = |w: Window| vec![w];
    let all_day = Window::new(480.0, 1020.0);
    let mut stops = vec![
        Stop::new(2, 7.5, 90.0, vec![all_day], 2),
        // Open 08:00-12:00 and 14:00-17:00 with a 60-minute visit.
        Stop::new(
            3,
            9.0,
            60.0,
            vec![Window::new(480.0, 660.0), Window::new(840.0, 960.0)],
            2,
        ),
        Stop::new(4, 6.0, 120.0, vec![all_day], 2),
        Stop::new(5, 8.0, 90.0, vec![all_day], 2),
        Stop::new(6, 5.0, 60.0, vec![all_day], 2),
    ];
    // Site 4 (stop 2) is closed on day 2.
    stops[2].windows[1].clear();
    for day_index in 0..2 {
        let mut lunch = Stop::new(7 + day_index, 0.0, 60.0, vec![], 2).mandatory();
        lunch.windows[day_index] = day(Window::new(690.0, 780.0));
        stops.push(lunch);
    }
    Problem {
        travel,
        stops,
        routes: vec![
            Route {
                start: 0,
                end: 1,
                earliest: 480.0,
                latest: 1080.0,
            },
            Route {
                start: 1,
                end: 0,
                earliest: 480.0,
                latest: 1080.0,
            },
        ],
    }
}

#[test]
fn tourism_shape_with_lunch_multiple_windows_and_availability() {
    let problem = day_trip();
    let solution = solve(&problem, &config(300, 1)).unwrap();
    assert_feasible(&problem, &solution);
    let exact = solve_exact(&problem).unwrap();
    assert!((solution.score - exact.score).abs() < 1e-9);
    let sequences = solution.sequences();
    assert!(sequences[0].contains(&5), "lunch on day 1");
    assert!(sequences[1].contains(&6), "lunch on day 2");
    assert!(!sequences[1].contains(&2), "stop 2 is closed on day 2");
    for (route, plan) in problem.routes.iter().zip(&solution.routes) {
        assert!(plan.arrival <= route.latest);
        for visit in &plan.visits {
            assert!(visit.start >= visit.arrival && visit.end >= visit.start);
        }
    }
    // Stop 1 must start within one of its two windows.
    if let Some(v) = solution
        .routes
        .iter()
        .flat_map(|r| &r.visits)
        .find(|v| v.stop == 1)
    {
        assert!((480.0..=660.0).contains(&v.start) || (840.0..=960.0).contains(&v.start));
    }
}

#[test]
fn second_window_is_used_when_the_first_is_missed() {
    // One stop, reachable only after its first window closed.
    let travel = Matrix::new(2, vec![0.0, 50.0, 50.0, 0.0]).unwrap();
    let stop = Stop::new(
        1,
        1.0,
        10.0,
        vec![Window::new(0.0, 20.0), Window::new(100.0, 120.0)],
        1,
    );
    let problem = Problem {
        travel,
        stops: vec![stop],
        routes: vec![Route {
            start: 0,
            end: 0,
            earliest: 0.0,
            latest: 200.0,
        }],
    };
    let solution = solve(&problem, &Config::default()).unwrap();
    assert_feasible(&problem, &solution);
    let visit = solution.routes[0].visits[0];
    assert_eq!(
        (visit.arrival, visit.start, visit.end),
        (50.0, 100.0, 110.0)
    );
}

#[test]
fn impossible_mandatory_stop_is_reported() {
    let mut problem = day_trip();
    // Lunch of day 1 now has a window no route can reach.
    problem.stops[5].windows[0] = vec![Window::new(2000.0, 2100.0)];
    assert_eq!(
        solve(&problem, &Config::default()),
        Err(SolveError::MandatoryUnplaced(vec![5]))
    );
    assert!(matches!(
        solve_exact(&problem),
        Err(SolveError::MandatoryUnplaced(_))
    ));
}

#[test]
fn invalid_problems_are_rejected() {
    assert!(matches!(
        Matrix::new(2, vec![0.0, f64::NAN, 1.0, 0.0]),
        Err(ProblemError::BadTravelTime { from: 0, to: 1 })
    ));
    assert!(matches!(
        Matrix::new(3, vec![0.0; 4]),
        Err(ProblemError::MatrixSize { .. })
    ));
    let mut problem = day_trip();
    problem.stops[0].windows[0] = vec![Window::new(10.0, 5.0)];
    assert_eq!(
        solve(&problem, &Config::default()),
        Err(SolveError::Invalid(ProblemError::BadWindow { stop: 0 }))
    );
    let mut problem = day_trip();
    problem.stops[1].windows.pop();
    assert!(matches!(
        solve(&problem, &Config::default()),
        Err(SolveError::Invalid(ProblemError::WindowRoutes { .. }))
    ));
    let mut problem = day_trip();
    problem.stops[0].location = 99;
    assert!(matches!(
        problem.validate(),
        Err(ProblemError::StopLocation { stop: 0 })
    ));
    let mut problem = day_trip();
    problem.routes[0].latest = 480.5;
    assert!(matches!(
        problem.validate(),
        Err(ProblemError::RouteTooShort { route: 0 })
    ));
}

#[test]
fn checker_rejects_infeasible_routes() {
    let problem = day_trip();
    assert!(matches!(
        check(&problem, &[vec![5], vec![]]),
        Err(Violation::MandatoryMissing { stop: 6 })
    ));
    assert!(matches!(
        check(&problem, &[vec![5, 2], vec![6, 2]]),
        Err(Violation::Repeated { stop: 2 })
    ));
    assert!(matches!(
        check(&problem, &[vec![5], vec![6, 2]]),
        Err(Violation::NotAllowed { route: 1, stop: 2 })
    ));
    assert!(matches!(
        check(&problem, &[vec![6], vec![5]]),
        Err(Violation::NotAllowed { .. })
    ));
    assert!(matches!(
        check(&problem, &[vec![0, 2, 3, 4, 5], vec![6]]),
        Err(Violation::TooLate { .. } | Violation::LateReturn { .. })
    ));
}

#[test]
fn exact_solver_refuses_large_instances() {
    let mut rng = Rng(1);
    let problem = random_problem(&mut rng, 20, 1);
    assert_eq!(
        solve_exact(&problem),
        Err(SolveError::TooLarge { stops: 20 })
    );
}

#[test]
fn oplib_reader_handles_split_headers_and_crlf() {
    let text = "2 \r\n4 3 1 0 700\r\n  0 0.00 0.00 0.00 0.00 0 0 0 100\r\n \
                1 3.00 4.00 5.00 10.00 1 2 7 8 10 50\r\n\
                2 1.000 1.000 2 7 4 1 15 0 30\n\
                3 -29.730 64.136 2 12 1 4 1 2 4 8 20 90\n\n";
    let instance = oplib::Instance::parse(text).unwrap();
    let v = instance.vertices();
    assert_eq!(v.len(), 4);
    assert_eq!(
        (v[1].service, v[1].score, v[1].open, v[1].close),
        (5.0, 10.0, 10.0, 50.0)
    );
    assert_eq!((v[3].x_milli, v[3].open, v[3].close), (-29730, 20.0, 90.0));
    let problem = instance.problem(2, 1).unwrap();
    assert_eq!(problem.travel.time(0, 1), Some(5.0));
    // sqrt(2) = 1.414.. truncates to 1.4 (one decimal) and 1.41 (two).
    assert_eq!(problem.travel.time(0, 2), Some(1.4));
    assert_eq!(
        instance.problem(1, 2).unwrap().travel.time(2, 0),
        Some(1.41)
    );
    assert_eq!(oplib::decimals_for("pr05"), 2);
    assert_eq!(oplib::decimals_for("rc101"), 1);
    assert!(oplib::Instance::parse("4 10 5 1 0 200\n 0 1 2 0 0 0 0 0 10\n").is_err());
}

fn bench_file(path: &str) -> Option<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/toptw/instances");
    std::fs::read_to_string(dir.join(path)).ok()
}

#[test]
fn c101_reaches_a_good_score_and_passes_the_checker() {
    let Some(text) = bench_file("c_r_rc_100_100/c101.txt") else {
        eprintln!("benchmark data not found, skipping");
        return;
    };
    let instance = oplib::Instance::parse(&text).unwrap();
    // The published optimal m = 1 route (FORMAT.md) is feasible here.
    let problem = instance.problem(1, 1).unwrap();
    let optimum = [57, 63, 62, 74, 93, 97, 12, 2, 21, 75]
        .map(|v| v - 1)
        .to_vec();
    let known = check(&problem, &[optimum]).unwrap();
    assert_eq!(known.score, 320.0);
    assert!((known.routes[0].arrival - 1164.4).abs() < 1e-6);
    for m in [1, 2] {
        let problem = instance.problem(m, 1).unwrap();
        let solution = solve(&problem, &config(150, 1)).unwrap();
        assert_feasible(&problem, &solution);
        assert!(
            solution.score >= 290.0 * m as f64,
            "m={m}: {}",
            solution.score
        );
    }
}
