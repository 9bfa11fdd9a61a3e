//! Recombination: the distinct routes the search has met, kept in a pool,
//! and now and then the best set of them that fits together — one route
//! per vehicle, no stop twice, every mandatory stop in. This set-packing
//! step (after the route-pool methods of the TOPTW literature, e.g. Hu &
//! Lim 2014) is solved exactly by depth-first search with a score bound,
//! up to a node budget.

use std::collections::HashMap;
use std::time::Instant;

use super::model::{EPS, Model, Tour};

/// The most routes the pool holds; past it, a route enters only in place
/// of the pool's worst.
const CAPACITY: usize = 4000;
/// The most search nodes one packing may visit.
const NODE_BUDGET: usize = 400_000;

/// A route as met: the vehicle class it suits, its stops in order, and the
/// set of them as bits.
struct Pooled {
    class: usize,
    stops: Vec<usize>,
    score: f64,
    travel: f64,
    bits: Vec<u64>,
}

pub(crate) struct Pool {
    routes: Vec<Pooled>,
    /// By class and sorted stops: where a route is in `routes`.
    index: HashMap<(usize, Vec<usize>), usize>,
    /// Per vehicle, the first vehicle with the same start, end, times and
    /// windows: a route for one is a route for the other.
    class: Vec<usize>,
    words: usize,
}

impl Pool {
    pub fn new(model: &Model) -> Pool {
        let class = (0..model.routes)
            .map(|r| (0..r).find(|&q| model.same_vehicle(q, r)).unwrap_or(r))
            .collect();
        Pool {
            routes: Vec::new(),
            index: HashMap::new(),
            class,
            words: model.stops.div_ceil(64),
        }
    }

    /// Keeps `tour` if its set of stops is new for its class, or if it
    /// visits a known set in less time.
    pub fn add(&mut self, tour: &Tour) {
        if tour.len() == 0 || tour.score <= EPS {
            return;
        }
        let class = self.class[tour.route];
        let mut key = tour.stops().to_vec();
        key.sort_unstable();
        if let Some(&at) = self.index.get(&(class, key.clone())) {
            let known = &mut self.routes[at];
            if tour.travel < known.travel - EPS {
                known.stops = tour.stops().to_vec();
                known.travel = tour.travel;
            }
            return;
        }
        let mut bits = vec![0u64; self.words];
        for &s in &key {
            bits[s / 64] |= 1 << (s % 64);
        }
        let pooled = Pooled {
            class,
            stops: tour.stops().to_vec(),
            score: tour.score,
            travel: tour.travel,
            bits,
        };
        if self.routes.len() < CAPACITY {
            self.index.insert((class, key), self.routes.len());
            self.routes.push(pooled);
            return;
        }
        let worst = (0..self.routes.len())
            .min_by(|&a, &b| self.routes[a].score.total_cmp(&self.routes[b].score))
            .unwrap_or(0);
        if self.routes[worst].score < pooled.score {
            let old = &self.routes[worst];
            let mut old_key = old.stops.clone();
            old_key.sort_unstable();
            self.index.remove(&(old.class, old_key));
            self.index.insert((class, key), worst);
            self.routes[worst] = pooled;
        }
    }

    /// The best set of pooled routes, one per vehicle, as stop sequences,
    /// if it scores more than `floor` and holds every mandatory stop; the
    /// search ends at its node budget or at `deadline`.
    pub fn pack(
        &self,
        model: &Model,
        floor: f64,
        deadline: Option<Instant>,
    ) -> Option<Vec<Vec<usize>>> {
        let m = model.routes;
        // Per vehicle, the routes of its class, best first.
        let mut by_class: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, route) in self.routes.iter().enumerate() {
            by_class.entry(route.class).or_default().push(i);
        }
        for list in by_class.values_mut() {
            list.sort_by(|&a, &b| {
                (self.routes[b].score.total_cmp(&self.routes[a].score))
                    .then(self.routes[a].travel.total_cmp(&self.routes[b].travel))
            });
        }
        let empty = Vec::new();
        let lists: Vec<&Vec<usize>> = (0..m)
            .map(|r| by_class.get(&self.class[r]).unwrap_or(&empty))
            .collect();
        // The most the vehicles from r on can add.
        let mut bound = vec![0.0; m + 1];
        for r in (0..m).rev() {
            let top = lists[r].first().map_or(0.0, |&i| self.routes[i].score);
            bound[r] = bound[r + 1] + top;
        }
        let mut mandatory = vec![0u64; self.words];
        for s in (0..model.stops).filter(|&s| model.mandatory[s]) {
            mandatory[s / 64] |= 1 << (s % 64);
        }
        let mut search = Packing {
            pool: self,
            lists: &lists,
            bound: &bound,
            mandatory: &mandatory,
            best: floor + EPS,
            best_travel: f64::INFINITY,
            chosen: vec![None; m],
            found: None,
            nodes: 0,
            deadline,
        };
        let mut used = vec![0u64; self.words];
        search.dfs(0, &mut used, 0.0, 0.0, 0);
        let found = search.found?;
        Some(
            found
                .iter()
                .map(|c| c.map_or_else(Vec::new, |i| self.routes[i].stops.clone()))
                .collect(),
        )
    }
}

struct Packing<'p> {
    pool: &'p Pool,
    lists: &'p [&'p Vec<usize>],
    bound: &'p [f64],
    mandatory: &'p [u64],
    best: f64,
    best_travel: f64,
    chosen: Vec<Option<usize>>,
    found: Option<Vec<Option<usize>>>,
    nodes: usize,
    deadline: Option<Instant>,
}

impl Packing<'_> {
    /// Chooses a route for vehicle `r` and on; `from` is where vehicle `r`
    /// may start in its list, so that interchangeable vehicles take their
    /// routes in one order only.
    fn dfs(&mut self, r: usize, used: &mut [u64], score: f64, travel: f64, from: usize) {
        self.nodes += 1;
        let late =
            self.nodes.is_multiple_of(1024) && self.deadline.is_some_and(|d| Instant::now() >= d);
        if late {
            self.nodes = NODE_BUDGET + 1;
        }
        if self.nodes > NODE_BUDGET {
            return;
        }
        let m = self.chosen.len();
        if r == m {
            let complete = (used.iter().zip(self.mandatory)).all(|(u, need)| u & need == *need);
            let better = score > self.best + EPS
                || (score > self.best - EPS && travel < self.best_travel - EPS);
            if complete && better {
                self.best = score;
                self.best_travel = travel;
                self.found = Some(self.chosen.clone());
            }
            return;
        }
        let same_as_next = |r: usize| r + 1 < m && self.pool.class[r + 1] == self.pool.class[r];
        let list = self.lists[r];
        for (k, &i) in list.iter().enumerate().skip(from) {
            let route = &self.pool.routes[i];
            if score + route.score + self.bound[r + 1] < self.best - EPS {
                break;
            }
            if (route.bits.iter().zip(used.iter())).any(|(a, b)| a & b != 0) {
                continue;
            }
            for (u, b) in used.iter_mut().zip(&route.bits) {
                *u |= b;
            }
            self.chosen[r] = Some(i);
            let next_from = if same_as_next(r) { k + 1 } else { 0 };
            self.dfs(
                r + 1,
                used,
                score + route.score,
                travel + route.travel,
                next_from,
            );
            for (u, b) in used.iter_mut().zip(&route.bits) {
                *u &= !b;
            }
            if self.nodes > NODE_BUDGET {
                return;
            }
        }
        // Or this vehicle stays empty.
        self.chosen[r] = None;
        let next_from = if same_as_next(r) { list.len() } else { 0 };
        self.dfs(r + 1, used, score, travel, next_from);
    }
}
