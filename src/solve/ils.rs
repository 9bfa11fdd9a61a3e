//! The heuristic: iterated local search in the line of Vansteenwegen et al.
//! (2009, "Iterated local search for the team orienteering problem with time
//! windows") with simulated-annealing acceptance as in Gunawan, Lau & Lu
//! (2017, SAILS). Each iteration
//! - destroys part of the current solution (Vansteenwegen's consecutive
//!   segments, random stops, stops near a random one, or a whole route),
//! - repairs it by ratio insertion (score² / added time, with per-stop noise,
//!   sometimes least-added-travel positions or a random pick from a
//!   shortlist),
//! - improves it with exchanges (an unvisited stop of higher score replaces
//!   a visited one, or one of equal score that shortens the route) and
//!   travel-time local search (2-opt, or-opt, relocate, swap; see `local`),
//!   re-inserting after every gain,
//! - and accepts the result with the annealing rule on the score, returning
//!   to the best solution after a while without progress.
//!
//! Insertions are checked in O(windows) time from per-position earliest and
//! latest service starts (`model`), which also handles several windows.

use std::time::Instant;

use super::model::{EPS, Model, Tour};
use super::pool::Pool;
use super::{Config, Problem, Solution, SolveError, check, local};

const UNVISITED: usize = usize::MAX;
/// How many orders are tried to fit all mandatory stops.
const MANDATORY_ATTEMPTS: usize = 50;
/// Insertion ratios are multiplied by a factor in `1 ± NOISE`.
const NOISE: f64 = 0.2;
/// Share of iterations that place stops by least added travel.
const BY_TRAVEL: f64 = 0.25;
/// Share of iterations that pick insertions at random from a shortlist.
const RANDOMISED: f64 = 0.3;
/// Part of `RANDOMISED` whose shortlist holds every feasible insertion:
/// random insertion orders reach sets of stops that ratios never favour.
const ANY_ORDER: f64 = 0.1;
/// Random and related removal take out 1 to 1/`REMOVE_SHARE` of the
/// removable visited stops.
const REMOVE_SHARE: usize = 3;
/// Initial annealing temperature, in units of the mean stop score.
const TEMPERATURE: f64 = 1.0;
/// Iterations without a new best (plus one per stop) before the search
/// returns to the best solution.
const RESTART_AFTER: usize = 100;
/// How many times in a run the pool's best packing is tried, the last at
/// the end of a run budgeted by iterations.
const PACKINGS: u32 = 8;

/// Solves `problem` heuristically within the budgets of `config`.
///
/// With only an iteration budget the result depends on nothing but the
/// problem and the seed.
pub fn solve(problem: &Problem, config: &Config) -> Result<Solution, SolveError> {
    let started = Instant::now();
    problem.validate()?;
    let model = Model::new(problem);
    let mut rng = SplitMix64(config.seed);
    let mut search = Search::new(&model);
    let mut current = search.place_mandatory(&mut rng)?;
    let plain = vec![1.0; model.stops];
    search.optimise(&mut current, &plain, Style::GREEDY, &mut rng);
    let mut best = current.clone();

    let positive: Vec<f64> = model.score.iter().copied().filter(|&s| s > 0.0).collect();
    let mean_score = positive.iter().sum::<f64>() / positive.len().max(1) as f64;
    let initial_temperature = TEMPERATURE * mean_score;
    let restart_after = (RESTART_AFTER + model.stops) as u64;
    let mut segment = Segment::new(&model);
    let mut since_best = 0u64;
    let mut noise = vec![1.0; model.stops];
    let mut pool = Pool::new(&model);
    let deadline = config.time_limit.map(|limit| started + limit);
    let mut packed = 0;
    for iteration in 0..config.iterations {
        let mut progress = iteration as f64 / config.iterations as f64;
        if let Some(limit) = config.time_limit {
            let used = started.elapsed().as_secs_f64() / limit.as_secs_f64().max(1e-9);
            if used >= 1.0 {
                break;
            }
            progress = progress.max(used);
        }
        let temperature = initial_temperature * (1.0 - progress);
        let mut candidate = current.clone();
        search.destroy(&mut candidate, &mut rng, &mut segment);
        for f in noise.iter_mut() {
            *f = 1.0 + NOISE * (2.0 * rng.unit() - 1.0);
        }
        let style = Style::random(&mut rng);
        search.optimise(&mut candidate, &noise, style, &mut rng);
        for tour in &candidate.tours {
            pool.add(tour);
        }
        // Now and then, the best routes met that fit together.
        if progress * f64::from(PACKINGS) >= f64::from(packed + 1) {
            packed += 1;
            if let Some(packing) = search.packing(&pool, &best, deadline, &mut rng) {
                best = packing.clone();
                current = packing;
                since_best = 0;
                continue;
            }
        }
        if candidate.better_than(&best) {
            best = candidate.clone();
            segment.size = 1;
            since_best = 0;
        } else {
            since_best += 1;
        }
        // Simulated-annealing acceptance on the score; equal scores pass.
        let loss = current.score() - candidate.score();
        if candidate.better_than(&current)
            || loss <= EPS
            || (temperature > 0.0 && rng.unit() < (-loss / temperature).exp())
        {
            current = candidate;
        }
        if since_best > 0 && since_best.is_multiple_of(restart_after) {
            current = best.clone();
        }
    }
    // The last packing, with every route the run has met, unless the
    // clock has already run out.
    if config.time_limit.is_none()
        && let Some(packing) = search.packing(&pool, &best, None, &mut rng)
    {
        best = packing;
    }
    let routes: Vec<Vec<usize>> = best.tours.iter().map(|t| t.stops().to_vec()).collect();
    check(problem, &routes).map_err(SolveError::Internal)
}

/// How one iteration inserts: position by least shift or least added
/// travel, and pure greedy (`greed` 1) or a random pick among candidates
/// whose ratio is at least `greed` times the best.
#[derive(Clone, Copy)]
struct Style {
    by_travel: bool,
    greed: f64,
}

impl Style {
    const GREEDY: Style = Style {
        by_travel: false,
        greed: 1.0,
    };

    fn random(rng: &mut SplitMix64) -> Style {
        Style {
            by_travel: rng.unit() < BY_TRAVEL,
            greed: match rng.unit() {
                x if x < ANY_ORDER => 0.0,
                x if x < RANDOMISED => 0.5 + 0.5 * rng.unit(),
                _ => 1.0,
            },
        }
    }

    /// Cache key of an insertion computed for a tour stamp in this style.
    fn key(self, stamp: u64) -> u64 {
        stamp << 1 | u64::from(self.by_travel)
    }
}

/// Vansteenwegen's shaking schedule: remove `size` consecutive stops from
/// each tour starting at `offset`, then move on and grow.
struct Segment {
    offset: usize,
    size: usize,
    max_size: usize,
}

impl Segment {
    fn new(model: &Model) -> Self {
        Segment {
            offset: 0,
            size: 1,
            max_size: (model.stops / (3 * model.routes.max(1))).max(1),
        }
    }

    fn advance(&mut self, smallest_tour: usize) {
        self.offset += self.size;
        self.size += 1;
        if self.offset >= smallest_tour {
            self.offset = self.offset.saturating_sub(smallest_tour) % smallest_tour.max(1);
        }
        if self.size > self.max_size {
            self.size = 1;
        }
    }
}

/// A set of tours, one per route.
#[derive(Clone)]
pub(crate) struct State {
    tours: Vec<Tour>,
    route_of: Vec<usize>,
}

impl State {
    fn score(&self) -> f64 {
        self.tours.iter().map(|t| t.score).sum()
    }

    fn travel(&self) -> f64 {
        self.tours.iter().map(|t| t.travel).sum()
    }

    fn better_than(&self, other: &State) -> bool {
        let (a, b) = (self.score(), other.score());
        a > b + EPS || (a > b - EPS && self.travel() < other.travel() - EPS)
    }

    fn sync(&mut self) {
        self.route_of.fill(UNVISITED);
        for (r, tour) in self.tours.iter().enumerate() {
            for &s in tour.stops() {
                self.route_of[s] = r;
            }
        }
    }
}

/// Reusable buffers of the search.
struct Search<'a> {
    model: &'a Model,
    /// Best insertion `(position, shift)` per `stop * routes + route`,
    /// with the stamp of the tour it was computed for.
    cache: Vec<(u64, Option<(usize, f64)>)>,
    /// The insertion ratio of each cached insertion in the current fill.
    ratio: Vec<f64>,
    memo: local::Memo,
    /// Per `stop * routes + route`: stamp of a tour known to offer the
    /// stop no exchange.
    no_exchange: Vec<u64>,
    candidates: Vec<usize>,
}

impl<'a> Search<'a> {
    fn new(model: &'a Model) -> Self {
        Search {
            model,
            cache: vec![(0, None); model.stops * model.routes],
            ratio: vec![f64::NEG_INFINITY; model.stops * model.routes],
            memo: local::Memo::new(model.routes),
            no_exchange: vec![0; model.stops * model.routes],
            candidates: Vec::new(),
        }
    }

    /// The pool's best packing, filled and improved, if it beats `best`.
    fn packing(
        &mut self,
        pool: &Pool,
        best: &State,
        deadline: Option<Instant>,
        rng: &mut SplitMix64,
    ) -> Option<State> {
        let routes = pool.pack(self.model, best.score(), deadline)?;
        let plain = vec![1.0; self.model.stops];
        let mut packing = self.state_of(&routes);
        self.optimise(&mut packing, &plain, Style::GREEDY, rng);
        packing.better_than(best).then_some(packing)
    }

    /// The state whose tours visit `routes`, one stop sequence per route.
    fn state_of(&self, routes: &[Vec<usize>]) -> State {
        let mut state = self.empty();
        for (tour, stops) in state.tours.iter_mut().zip(routes) {
            tour.nodes.splice(1..1, stops.iter().copied());
            tour.update(self.model);
        }
        state.sync();
        state
    }

    fn empty(&self) -> State {
        State {
            tours: (0..self.model.routes)
                .map(|r| Tour::new(self.model, r))
                .collect(),
            route_of: vec![UNVISITED; self.model.stops],
        }
    }

    /// Builds tours holding every mandatory stop, most constrained first,
    /// each at its least-shift position; retries in shuffled orders.
    fn place_mandatory(&mut self, rng: &mut SplitMix64) -> Result<State, SolveError> {
        let model = self.model;
        let mut order: Vec<usize> = (0..model.stops).filter(|&s| model.mandatory[s]).collect();
        let allowed = |s: usize| (0..model.routes).filter(|&r| model.allowed(r, s)).count();
        order.sort_by_key(|&s| allowed(s));
        let mut fewest_missing: Option<Vec<usize>> = None;
        for attempt in 0..MANDATORY_ATTEMPTS {
            if attempt > 0 {
                rng.shuffle(&mut order);
            }
            let mut state = self.empty();
            let mut missing = Vec::new();
            for &s in &order {
                let best = state
                    .tours
                    .iter()
                    .enumerate()
                    .filter_map(|(r, t)| {
                        t.best_insertion(model, s, false)
                            .map(|(p, shift)| (r, p, shift))
                    })
                    .min_by(|a, b| a.2.total_cmp(&b.2));
                match best {
                    Some((r, p, _)) => {
                        state.tours[r].insert(model, s, p);
                        state.route_of[s] = r;
                    }
                    None => missing.push(s),
                }
            }
            if missing.is_empty() {
                return Ok(state);
            }
            if fewest_missing
                .as_ref()
                .is_none_or(|m| missing.len() < m.len())
            {
                fewest_missing = Some(missing);
            }
            if order.len() < 2 {
                break;
            }
        }
        let mut missing = fewest_missing.unwrap_or_default();
        missing.sort_unstable();
        Err(SolveError::MandatoryUnplaced(missing))
    }

    /// Inserts stops, swaps in better ones and shortens tours until none
    /// of these helps.
    fn optimise(&mut self, state: &mut State, noise: &[f64], style: Style, rng: &mut SplitMix64) {
        loop {
            self.fill(state, noise, style, rng);
            let shorter = local::improve(self.model, &mut state.tours, &mut self.memo);
            if shorter {
                state.sync();
            }
            if !self.exchange(state) && !shorter {
                return;
            }
        }
    }

    /// Replaces visited stops by unvisited ones of higher score, or of equal
    /// score over a shorter way, where the route stays feasible, best gain
    /// first; true if any was replaced.
    fn exchange(&mut self, state: &mut State) -> bool {
        let model = self.model;
        self.candidates.clear();
        self.candidates.extend(
            (0..model.stops).filter(|&s| state.route_of[s] == UNVISITED && model.score[s] > 0.0),
        );
        self.candidates
            .sort_by(|&a, &b| model.score[b].total_cmp(&model.score[a]));
        let mut replaced = false;
        for &u in &self.candidates {
            let mut best: Option<(f64, f64, usize, usize)> = None;
            for (r, tour) in state.tours.iter().enumerate() {
                let known = &mut self.no_exchange[u * model.routes + r];
                if *known == tour.stamp || !model.allowed(r, u) {
                    continue;
                }
                let mut offered = false;
                for (i, &v) in tour
                    .nodes
                    .iter()
                    .enumerate()
                    .take(tour.nodes.len() - 1)
                    .skip(1)
                {
                    let gain = model.score[u] - model.score[v];
                    // Never a lower score, not even by rounding: with every
                    // move raising the score or keeping it and shortening
                    // the travel, the search cannot cycle.
                    if model.mandatory[v] || gain < 0.0 {
                        continue;
                    }
                    // An equal score is worth taking for a shorter route.
                    if gain <= EPS {
                        let (a, b) = (tour.nodes[i - 1], tour.nodes[i + 1]);
                        let delta = model.dist(a, u) + model.dist(u, b)
                            - model.dist(a, v)
                            - model.dist(v, b);
                        if delta >= -EPS {
                            continue;
                        }
                    }
                    let Some(shift) = tour.replacement_shift(model, u, i) else {
                        continue;
                    };
                    offered = true;
                    if best.is_none_or(|(g, s, ..)| gain > g + EPS || (gain > g - EPS && shift < s))
                    {
                        best = Some((gain, shift, r, i));
                    }
                }
                if !offered {
                    *known = tour.stamp;
                }
            }
            if let Some((_, _, r, i)) = best {
                let tour = &mut state.tours[r];
                let v = std::mem::replace(&mut tour.nodes[i], u);
                tour.update(model);
                state.route_of[v] = UNVISITED;
                state.route_of[u] = r;
                replaced = true;
            }
        }
        replaced
    }

    /// Ratio insertion until no unvisited stop fits; true if any stop was
    /// inserted.
    fn fill(
        &mut self,
        state: &mut State,
        noise: &[f64],
        style: Style,
        rng: &mut SplitMix64,
    ) -> bool {
        let model = self.model;
        let m = model.routes;
        self.candidates.clear();
        self.candidates.extend(
            (0..model.stops).filter(|&s| state.route_of[s] == UNVISITED && model.score[s] > 0.0),
        );
        let ratio = |s: usize, insertion: Option<(usize, f64)>| {
            insertion.map_or(f64::NEG_INFINITY, |(_, cost)| {
                model.score[s] * model.score[s] * noise[s] / cost.max(1e-6)
            })
        };
        for &s in &self.candidates {
            for (r, tour) in state.tours.iter().enumerate() {
                let key = style.key(tour.stamp);
                let entry = &mut self.cache[s * m + r];
                if entry.0 != key {
                    *entry = (key, tour.best_insertion(model, s, style.by_travel));
                }
                self.ratio[s * m + r] = ratio(s, entry.1);
            }
        }
        let mut inserted = false;
        let mut shortlist = Vec::new();
        loop {
            // The best ratio, and where it is first met.
            let mut top = f64::NEG_INFINITY;
            let mut first = None;
            for (c, &s) in self.candidates.iter().enumerate() {
                for (r, &value) in self.ratio[s * m..(s + 1) * m].iter().enumerate() {
                    if value > top {
                        top = value;
                        first = Some((c, s, r));
                    }
                }
            }
            // In greedy mode the best; otherwise a random pick among the
            // candidates within the greed threshold of it.
            let pick = if style.greed < 1.0 && first.is_some() {
                shortlist.clear();
                for (c, &s) in self.candidates.iter().enumerate() {
                    for (r, &value) in self.ratio[s * m..(s + 1) * m].iter().enumerate() {
                        if value > f64::NEG_INFINITY && value >= top * style.greed {
                            shortlist.push((c, s, r));
                        }
                    }
                }
                shortlist.get(rng.below(shortlist.len())).copied()
            } else {
                first
            };
            let Some((c, s, r)) = pick else {
                return inserted;
            };
            let (_, Some((p, _))) = self.cache[s * m + r] else {
                return inserted;
            };
            state.tours[r].insert(model, s, p);
            state.route_of[s] = r;
            self.candidates.swap_remove(c);
            inserted = true;
            // With the triangle inequality an insertion never makes room
            // for a stop that did not fit before, so only stops that fitted
            // are re-evaluated; the others keep their stale stamp and are
            // re-evaluated by the next fill.
            let tour = &state.tours[r];
            let key = style.key(tour.stamp);
            for &s in &self.candidates {
                if self.cache[s * m + r].1.is_some() {
                    let insertion = tour.best_insertion(model, s, style.by_travel);
                    self.cache[s * m + r] = (key, insertion);
                    self.ratio[s * m + r] = ratio(s, insertion);
                }
            }
        }
    }

    /// Removes some stops by one of four operators chosen at random:
    /// Vansteenwegen's consecutive segments, random stops, stops close to
    /// a random one, or a whole route. Mandatory stops stay.
    fn destroy(&mut self, state: &mut State, rng: &mut SplitMix64, segment: &mut Segment) {
        let model = self.model;
        let visited: Vec<usize> = (0..model.stops)
            .filter(|&s| state.route_of[s] != UNVISITED && !model.mandatory[s])
            .collect();
        if visited.is_empty() {
            return;
        }
        let count = 1 + rng.below((visited.len() / REMOVE_SHARE).max(2));
        let mut doomed = Vec::new();
        match rng.below(4) {
            0 => {
                for tour in &state.tours {
                    let len = tour.len();
                    if len > 0 {
                        doomed.extend(
                            (0..segment.size.min(len))
                                .map(|k| tour.stops()[(segment.offset + k) % len]),
                        );
                    }
                }
                let smallest = state.tours.iter().map(Tour::len).min().unwrap_or(0);
                segment.advance(smallest);
            }
            1 => {
                let mut pool = visited;
                rng.shuffle(&mut pool);
                doomed.extend(pool.into_iter().take(count));
            }
            2 => {
                let seed = visited[rng.below(visited.len())];
                let mut pool = visited;
                let gap = |s: usize| model.dist(seed, s) + model.dist(s, seed);
                pool.sort_by(|&a, &b| gap(a).total_cmp(&gap(b)));
                doomed.extend(pool.into_iter().take(count));
            }
            _ => {
                let route = rng.below(model.routes);
                doomed.extend_from_slice(state.tours[route].stops());
                if model.routes == 1 {
                    doomed.truncate(count.max(doomed.len() / 2));
                }
            }
        }
        for s in doomed {
            if model.mandatory[s] {
                continue;
            }
            let r = state.route_of[s];
            if r == UNVISITED {
                continue;
            }
            let tour = &mut state.tours[r];
            let Some(i) = tour.nodes.iter().position(|&n| n == s) else {
                continue;
            };
            if tour.can_remove(model, i) {
                tour.remove(model, i);
                state.route_of[s] = UNVISITED;
            }
        }
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, well-mixed, seedable
/// generator, so results are reproducible on every platform.
pub(crate) struct SplitMix64(pub u64);

impl SplitMix64 {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n` (0 when `n` is 0), by Lemire's multiply-shift.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}
