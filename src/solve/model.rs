//! The solver's compiled view of a [`Problem`] and its route state: flat
//! node-indexed tables for speed, and tours that keep, per position, the
//! earliest service start and the latest feasible service start so that an
//! insertion is checked in O(windows) time, with one or many windows.

use std::cell::Cell;

use super::{Problem, Window};

/// Slack of the solver's own comparisons; tighter than the checker's
/// [`super::TIME_TOLERANCE`] so that anything the solver accepts the checker
/// accepts too.
pub(crate) const EPS: f64 = 1e-9;

/// Nodes `0..n` are the stops; node `n + 2r` is the start of route `r` and
/// `n + 2r + 1` its end.
pub(crate) struct Model {
    pub stops: usize,
    pub routes: usize,
    nodes: usize,
    dist: Vec<f64>,
    /// `dist` transposed, so that the times from all nodes to one stop
    /// are contiguous.
    dist_to: Vec<f64>,
    pub score: Vec<f64>,
    service: Vec<f64>,
    pub mandatory: Vec<bool>,
    /// `(route * stops + stop)` -> range into `windows`, sorted and merged.
    window_range: Vec<(u32, u32)>,
    windows: Vec<Window>,
    pub earliest: Vec<f64>,
    pub latest: Vec<f64>,
    /// Source of [`Tour::stamp`]s.
    stamps: Cell<u64>,
}

impl Model {
    /// Compiles a validated problem.
    pub fn new(problem: &Problem) -> Model {
        let n = problem.stops.len();
        let m = problem.routes.len();
        let nodes = n + 2 * m;
        let location = |node: usize| {
            if node < n {
                problem.stops[node].location
            } else {
                let route = &problem.routes[(node - n) / 2];
                if (node - n).is_multiple_of(2) {
                    route.start
                } else {
                    route.end
                }
            }
        };
        let mut dist = Vec::with_capacity(nodes * nodes);
        for a in 0..nodes {
            for b in 0..nodes {
                dist.push(problem.travel.time(location(a), location(b)).unwrap_or(0.0));
            }
        }
        let mut window_range = Vec::with_capacity(n * m);
        let mut windows: Vec<Window> = Vec::new();
        for route in 0..m {
            for stop in &problem.stops {
                let mut list = stop.windows[route].clone();
                list.sort_by(|a, b| a.open.total_cmp(&b.open));
                let first = windows.len();
                for w in list {
                    // Overlapping windows merge, so a search can stop at the
                    // first window that still admits a time.
                    let merged = windows.len() > first;
                    match windows.last_mut() {
                        Some(last) if merged && w.open <= last.close => {
                            last.close = last.close.max(w.close);
                        }
                        _ => windows.push(w),
                    }
                }
                window_range.push((first as u32, windows.len() as u32));
            }
        }
        let mut service: Vec<f64> = problem.stops.iter().map(|s| s.service).collect();
        service.resize(nodes, 0.0);
        Model {
            stops: n,
            routes: m,
            nodes,
            dist_to: (0..nodes * nodes)
                .map(|at| dist[(at % nodes) * nodes + at / nodes])
                .collect(),
            dist,
            score: problem.stops.iter().map(|s| s.score).collect(),
            service,
            mandatory: problem.stops.iter().map(|s| s.mandatory).collect(),
            window_range,
            windows,
            earliest: problem.routes.iter().map(|r| r.earliest).collect(),
            latest: problem.routes.iter().map(|r| r.latest).collect(),
            stamps: Cell::new(0),
        }
    }

    /// A number never handed out before (never 0).
    pub fn fresh_stamp(&self) -> u64 {
        self.stamps.set(self.stamps.get() + 1);
        self.stamps.get()
    }

    #[inline]
    pub fn dist(&self, a: usize, b: usize) -> f64 {
        self.dist[a * self.nodes + b]
    }

    /// Travel times from every node to `node`.
    #[inline]
    fn times_to(&self, node: usize) -> &[f64] {
        &self.dist_to[node * self.nodes..(node + 1) * self.nodes]
    }

    /// Travel times from `node` to every node.
    #[inline]
    fn times_from(&self, node: usize) -> &[f64] {
        &self.dist[node * self.nodes..(node + 1) * self.nodes]
    }

    #[inline]
    pub fn service(&self, node: usize) -> f64 {
        self.service[node]
    }

    pub fn start_node(&self, route: usize) -> usize {
        self.stops + 2 * route
    }

    pub fn end_node(&self, route: usize) -> usize {
        self.stops + 2 * route + 1
    }

    #[inline]
    fn windows(&self, route: usize, stop: usize) -> &[Window] {
        let (a, b) = self.window_range[route * self.stops + stop];
        &self.windows[a as usize..b as usize]
    }

    /// Open of the first and close of the last window of `stop` on
    /// `route`; `None` if the stop is not allowed there.
    pub fn window_span(&self, route: usize, stop: usize) -> Option<(f64, f64)> {
        let windows = self.windows(route, stop);
        Some((windows.first()?.open, windows.last()?.close))
    }

    /// Whether routes `a` and `b` are interchangeable: the same start,
    /// end, times and windows, so that a tour for one is a tour for the other.
    pub fn same_vehicle(&self, a: usize, b: usize) -> bool {
        let (start, end) = (
            (self.start_node(a), self.start_node(b)),
            (self.end_node(a), self.end_node(b)),
        );
        self.earliest[a] == self.earliest[b]
            && self.latest[a] == self.latest[b]
            && self.times_from(start.0) == self.times_from(start.1)
            && self.times_to(end.0) == self.times_to(end.1)
            && (0..self.stops).all(|s| self.windows(a, s) == self.windows(b, s))
    }

    pub fn allowed(&self, route: usize, stop: usize) -> bool {
        let (a, b) = self.window_range[route * self.stops + stop];
        a < b
    }

    /// Earliest service start at or after `arrival` at `node` on `route`.
    #[inline]
    pub fn earliest_start(&self, route: usize, node: usize, arrival: f64) -> Option<f64> {
        if node >= self.stops {
            return (arrival <= self.latest[route] + EPS).then_some(arrival);
        }
        self.windows(route, node)
            .iter()
            .find(|w| arrival <= w.close + EPS)
            .map(|w| arrival.max(w.open))
    }

    /// Latest service start at or before `bound` at `node` on `route`.
    #[inline]
    fn latest_start(&self, route: usize, node: usize, bound: f64) -> f64 {
        if node >= self.stops {
            return bound.min(self.latest[route]);
        }
        self.windows(route, node)
            .iter()
            .rev()
            .find(|w| w.open <= bound + EPS)
            .map_or(f64::NEG_INFINITY, |w| bound.min(w.close))
    }
}

/// One route under construction: `nodes` begins with the route's start node
/// and ends with its end node.
#[derive(Clone, Debug)]
pub(crate) struct Tour {
    pub route: usize,
    pub nodes: Vec<usize>,
    /// Earliest service start per position (arrival, for the end node).
    pub begin: Vec<f64>,
    /// Latest service start per position that keeps the rest feasible.
    pub latest: Vec<f64>,
    /// Departure per position (service start plus service time).
    depart: Vec<f64>,
    /// Arrival at the next position per position.
    direct: Vec<f64>,
    pub travel: f64,
    pub score: f64,
    /// Changes whenever the node list does; equal stamps mean equal tours,
    /// clones included, so results computed for a stamp can be cached.
    pub stamp: u64,
}

impl Tour {
    pub fn new(model: &Model, route: usize) -> Tour {
        let mut tour = Tour {
            route,
            nodes: vec![model.start_node(route), model.end_node(route)],
            begin: Vec::new(),
            latest: Vec::new(),
            depart: Vec::new(),
            direct: Vec::new(),
            travel: 0.0,
            score: 0.0,
            stamp: 0,
        };
        tour.update(model);
        tour
    }

    /// Number of stops (depots excluded).
    pub fn len(&self) -> usize {
        self.nodes.len() - 2
    }

    pub fn stops(&self) -> &[usize] {
        &self.nodes[1..self.nodes.len() - 1]
    }

    /// Recomputes times, travel and score after the node list changed.
    pub fn update(&mut self, model: &Model) {
        let len = self.nodes.len();
        self.stamp = model.fresh_stamp();
        self.begin.resize(len, 0.0);
        self.latest.resize(len, 0.0);
        self.begin[0] = model.earliest[self.route];
        self.travel = 0.0;
        self.score = 0.0;
        for i in 1..len {
            let (a, b) = (self.nodes[i - 1], self.nodes[i]);
            let leg = model.dist(a, b);
            self.travel += leg;
            let arrival = self.begin[i - 1] + model.service(a) + leg;
            // A tour is only ever changed into a feasible one, so a window
            // always exists; the fallback keeps the arithmetic total.
            self.begin[i] = model
                .earliest_start(self.route, b, arrival)
                .unwrap_or(arrival);
            if b < model.stops {
                self.score += model.score[b];
            }
        }
        self.depart.clear();
        self.direct.clear();
        for i in 0..len - 1 {
            let (a, b) = (self.nodes[i], self.nodes[i + 1]);
            let depart = self.begin[i] + model.service(a);
            self.depart.push(depart);
            self.direct.push(depart + model.dist(a, b));
        }
        self.latest[len - 1] = model.latest[self.route];
        for i in (0..len - 1).rev() {
            let (a, b) = (self.nodes[i], self.nodes[i + 1]);
            let bound = self.latest[i + 1] - model.dist(a, b) - model.service(a);
            self.latest[i] = if i == 0 {
                bound
            } else {
                model.latest_start(self.route, a, bound)
            };
        }
    }

    /// Added time ("shift") of inserting `stop` between positions `p` and
    /// `p + 1`, if feasible.
    #[inline]
    pub fn insertion_shift(&self, model: &Model, stop: usize, p: usize) -> Option<f64> {
        let (a, b) = (self.nodes[p], self.nodes[p + 1]);
        let depart = self.begin[p] + model.service(a);
        let start = model.earliest_start(self.route, stop, depart + model.dist(a, stop))?;
        let arrival = start + model.service(stop) + model.dist(stop, b);
        (arrival <= self.latest[p + 1] + EPS).then(|| arrival - (depart + model.dist(a, b)))
    }

    /// Cheapest feasible position for `stop`, `(p, cost)`: the cost is the
    /// shift (added time), or the added travel when `by_travel`.
    pub fn best_insertion(
        &self,
        model: &Model,
        stop: usize,
        by_travel: bool,
    ) -> Option<(usize, f64)> {
        let (open, close) = model.window_span(self.route, stop)?;
        // Service starts and latest starts never decrease along a tour, so
        // the positions worth trying form one range: the next node must
        // still be reachable after service at the earliest open, and the
        // previous node must not start after the last close.
        let ready = open + model.service(stop);
        let first = self.latest[1..].partition_point(|&l| l + EPS < ready);
        let end = self.depart.partition_point(|&d| d <= close + EPS);
        let (to_stop, from_stop) = (model.times_to(stop), model.times_from(stop));
        let windows = model.windows(self.route, stop);
        let service = model.service(stop);
        let mut best: Option<(usize, f64)> = None;
        for p in first..end {
            let (a, b) = (self.nodes[p], self.nodes[p + 1]);
            let arrival = self.depart[p] + to_stop[a];
            let Some(window) = windows.iter().find(|w| arrival <= w.close + EPS) else {
                continue;
            };
            let next = arrival.max(window.open) + service + from_stop[b];
            if next > self.latest[p + 1] + EPS {
                continue;
            }
            let cost = if by_travel {
                to_stop[a] + from_stop[b] - model.dist(a, b)
            } else {
                next - self.direct[p]
            };
            if best.is_none_or(|(_, c)| cost < c - EPS) {
                best = Some((p, cost));
            }
        }
        best
    }

    pub fn insert(&mut self, model: &Model, stop: usize, p: usize) {
        self.nodes.insert(p + 1, stop);
        self.update(model);
    }

    /// Whether removing the stop at position `i` (1-based among nodes)
    /// keeps the tour feasible; without the triangle inequality it may not.
    pub fn can_remove(&self, model: &Model, i: usize) -> bool {
        let (a, b) = (self.nodes[i - 1], self.nodes[i + 1]);
        let arrival = self.begin[i - 1] + model.service(a) + model.dist(a, b);
        arrival <= self.latest[i + 1] + EPS
    }

    /// Whether the tour stays feasible when `nodes[keep..resume]` is
    /// replaced by `middle`: only the changed part is simulated, then the
    /// unchanged rest is checked against its latest start.
    pub fn splice_feasible(
        &self,
        model: &Model,
        keep: usize,
        middle: impl IntoIterator<Item = usize>,
        resume: usize,
    ) -> bool {
        let mut here = self.nodes[keep - 1];
        let mut depart = self.depart[keep - 1];
        for node in middle {
            let arrival = depart + model.dist(here, node);
            let Some(start) = model.earliest_start(self.route, node, arrival) else {
                return false;
            };
            depart = start + model.service(node);
            here = node;
        }
        depart + model.dist(here, self.nodes[resume]) <= self.latest[resume] + EPS
    }

    /// Added time of replacing the stop at position `i` by `stop`, if
    /// feasible.
    pub fn replacement_shift(&self, model: &Model, stop: usize, i: usize) -> Option<f64> {
        let (a, b) = (self.nodes[i - 1], self.nodes[i + 1]);
        let arrival = self.depart[i - 1] + model.dist(a, stop);
        let start = model.earliest_start(self.route, stop, arrival)?;
        let next = start + model.service(stop) + model.dist(stop, b);
        (next <= self.latest[i + 1] + EPS).then(|| next - self.direct[i])
    }

    pub fn remove(&mut self, model: &Model, i: usize) -> usize {
        let stop = self.nodes.remove(i);
        self.update(model);
        stop
    }
}
