//! The exact solver for tiny instances, used to test the heuristic: per
//! route, a dynamic programme over (visited set, last stop) with Pareto
//! labels (finish time, travel) finds the shortest feasible route for every
//! set of stops; a second programme over routes then picks disjoint sets that
//! maximise the score, then minimise travel. It computes its own schedules
//! and shares no code with the heuristic.

use super::{MAX_EXACT_STOPS, Problem, Solution, SolveError, check};

/// Ties in time or travel closer than this are treated as equal.
const EPS: f64 = 1e-9;
const NONE: usize = usize::MAX;

struct Label {
    last: usize,
    /// End of service at `last`.
    finish: f64,
    travel: f64,
    parent: usize,
}

/// Finds an optimal solution of a problem with at most [`MAX_EXACT_STOPS`]
/// stops.
pub fn solve_exact(problem: &Problem) -> Result<Solution, SolveError> {
    problem.validate()?;
    let n = problem.stops.len();
    if n > MAX_EXACT_STOPS {
        return Err(SolveError::TooLarge { stops: n });
    }
    let full = 1usize << n;
    let score: Vec<f64> = (0..full)
        .map(|mask| {
            (0..n)
                .filter(|&s| mask >> s & 1 == 1)
                .map(|s| problem.stops[s].score)
                .sum()
        })
        .collect();
    let mandatory = (0..n)
        .filter(|&s| problem.stops[s].mandatory)
        .fold(0usize, |m, s| m | 1 << s);

    // value[mask] after the routes processed so far, and the chosen subset
    // of each route for reconstruction.
    let mut value: Vec<Option<(f64, f64)>> = vec![None; full];
    value[0] = Some((0.0, 0.0));
    let mut choices = Vec::with_capacity(problem.routes.len());
    let mut sequences = Vec::with_capacity(problem.routes.len());
    for r in 0..problem.routes.len() {
        let (best, arena) = shortest_routes(problem, r);
        let mut next: Vec<Option<(f64, f64)>> = vec![None; full];
        let mut choice = vec![0usize; full];
        for (mask, v) in value.iter().enumerate() {
            let Some((_, travel)) = *v else {
                continue;
            };
            let free = (full - 1) & !mask;
            let mut sub = free;
            loop {
                if let Some((route_travel, _)) = best[sub] {
                    let union = mask | sub;
                    let candidate = (score[union], travel + route_travel);
                    if next[union].is_none_or(|v| better(candidate, v)) {
                        next[union] = Some(candidate);
                        choice[union] = sub;
                    }
                }
                if sub == 0 {
                    break;
                }
                sub = (sub - 1) & free;
            }
        }
        value = next;
        choices.push(choice);
        sequences.push((best, arena));
    }
    let mut chosen: Option<(usize, (f64, f64))> = None;
    for (mask, v) in value.iter().enumerate() {
        let Some(v) = *v else {
            continue;
        };
        if mask & mandatory == mandatory && chosen.is_none_or(|(_, c)| better(v, c)) {
            chosen = Some((mask, v));
        }
    }
    let Some((mut mask, _)) = chosen else {
        let missing = (0..n).filter(|&s| mandatory >> s & 1 == 1).collect();
        return Err(SolveError::MandatoryUnplaced(missing));
    };
    let mut routes = vec![Vec::new(); problem.routes.len()];
    for r in (0..problem.routes.len()).rev() {
        let sub = choices[r][mask];
        let (best, arena) = &sequences[r];
        let mut label = best[sub].map_or(NONE, |(_, l)| l);
        while label != NONE {
            routes[r].push(arena[label].last);
            label = arena[label].parent;
        }
        routes[r].reverse();
        mask &= !sub;
    }
    check(problem, &routes).map_err(SolveError::Internal)
}

/// Higher score first, then lower travel.
fn better(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 > b.0 + EPS || (a.0 > b.0 - EPS && a.1 < b.1 - EPS)
}

/// Per stop set: the least travel of a feasible route visiting exactly that
/// set, with the label of its last stop.
type Shortest = Vec<Option<(f64, usize)>>;

/// For route `r`: the shortest route per stop set, and the label arena.
fn shortest_routes(problem: &Problem, r: usize) -> (Shortest, Vec<Label>) {
    let n = problem.stops.len();
    let full = 1usize << n;
    let route = &problem.routes[r];
    let time = |a: usize, b: usize| problem.travel.time(a, b).unwrap_or(f64::INFINITY);
    let start_at = |s: usize, arrival: f64| {
        problem.stops[s].windows[r]
            .iter()
            .filter(|w| arrival <= w.close + EPS)
            .map(|w| arrival.max(w.open))
            .min_by(f64::total_cmp)
    };
    let mut arena: Vec<Label> = Vec::new();
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); full * n.max(1)];
    let mut best: Shortest = vec![None; full];
    best[0] = Some((time(route.start, route.end), NONE));

    let push = |arena: &mut Vec<Label>, bucket: &mut Vec<usize>, label: Label| {
        if bucket.iter().any(|&l| {
            arena[l].finish <= label.finish + EPS && arena[l].travel <= label.travel + EPS
        }) {
            return;
        }
        bucket.retain(|&l| {
            !(label.finish <= arena[l].finish + EPS && label.travel <= arena[l].travel + EPS)
        });
        bucket.push(arena.len());
        arena.push(label);
    };
    for s in 0..n {
        let leg = time(route.start, problem.stops[s].location);
        if let Some(start) = start_at(s, route.earliest + leg) {
            let label = Label {
                last: s,
                finish: start + problem.stops[s].service,
                travel: leg,
                parent: NONE,
            };
            push(&mut arena, &mut buckets[(1 << s) * n + s], label);
        }
    }
    for mask in 1..full {
        for last in (0..n).filter(|&s| mask >> s & 1 == 1) {
            let bucket = std::mem::take(&mut buckets[mask * n + last]);
            let here = problem.stops[last].location;
            for &l in &bucket {
                let (finish, travel) = (arena[l].finish, arena[l].travel);
                let home = time(here, route.end);
                if finish + home <= route.latest + EPS
                    && best[mask].is_none_or(|(t, _)| travel + home < t - EPS)
                {
                    best[mask] = Some((travel + home, l));
                }
                for s in (0..n).filter(|&s| mask >> s & 1 == 0) {
                    let leg = time(here, problem.stops[s].location);
                    if let Some(start) = start_at(s, finish + leg) {
                        let label = Label {
                            last: s,
                            finish: start + problem.stops[s].service,
                            travel: travel + leg,
                            parent: l,
                        };
                        push(&mut arena, &mut buckets[(mask | 1 << s) * n + s], label);
                    }
                }
            }
        }
    }
    (best, arena)
}
