//! Travel-time local search on tours: 2-opt and or-opt within a route,
//! relocate and swap between routes. Every move keeps the score and all
//! stops; it only shortens routes, which frees time for further insertions.

use super::model::{EPS, Model, Tour};

/// Stamps of tours (and pairs of tours) already known to admit no move,
/// so that unchanged tours are not searched again.
pub(crate) struct Memo {
    single: Vec<u64>,
    pairs: Vec<(u64, u64)>,
}

impl Memo {
    pub fn new(routes: usize) -> Self {
        Memo {
            single: vec![0; routes],
            pairs: vec![(0, 0); routes * routes],
        }
    }
}

/// Improves the tours until no move shortens them; true if anything changed.
pub(crate) fn improve(model: &Model, tours: &mut [Tour], memo: &mut Memo) -> bool {
    let m = tours.len();
    let mut changed = false;
    loop {
        let mut moved = false;
        for (r, tour) in tours.iter_mut().enumerate() {
            if memo.single[r] != tour.stamp {
                let improved = or_opt(model, tour) | two_opt(model, tour);
                moved |= improved;
                memo.single[r] = tour.stamp;
            }
        }
        for a in 0..m {
            for b in a + 1..m {
                let stamps = (tours[a].stamp, tours[b].stamp);
                if memo.pairs[a * m + b] != stamps {
                    moved |= relocate(model, tours, a, b) | relocate(model, tours, b, a);
                    moved |= swap(model, tours, a, b);
                    memo.pairs[a * m + b] = (tours[a].stamp, tours[b].stamp);
                }
            }
        }
        if !moved {
            return changed;
        }
        changed = true;
    }
}

/// Reverses a segment when that shortens the tour (asymmetric costs are
/// summed over the reversed edges).
fn two_opt(model: &Model, tour: &mut Tour) -> bool {
    let mut changed = false;
    'restart: loop {
        let nodes = &tour.nodes;
        let last = nodes.len() - 1;
        for i in 1..last {
            // Reverse nodes[i..=j]; `inner` is the change of the inner edges.
            let mut inner = 0.0;
            for j in i + 1..last {
                inner += model.dist(nodes[j], nodes[j - 1]) - model.dist(nodes[j - 1], nodes[j]);
                let delta =
                    inner + model.dist(nodes[i - 1], nodes[j]) + model.dist(nodes[i], nodes[j + 1])
                        - model.dist(nodes[i - 1], nodes[i])
                        - model.dist(nodes[j], nodes[j + 1]);
                if delta < -EPS
                    && tour.splice_feasible(model, i, nodes[i..=j].iter().rev().copied(), j + 1)
                {
                    tour.nodes[i..=j].reverse();
                    tour.update(model);
                    changed = true;
                    continue 'restart;
                }
            }
        }
        return changed;
    }
}

/// Moves a segment of one to three stops elsewhere in the same tour.
fn or_opt(model: &Model, tour: &mut Tour) -> bool {
    let mut changed = false;
    'restart: loop {
        let nodes = &tour.nodes;
        let last = nodes.len() - 1;
        for len in 1..=3usize {
            for i in 1..last {
                let j = i + len - 1; // segment nodes[i..=j]
                if j >= last {
                    break;
                }
                let removed = model.dist(nodes[i - 1], nodes[i])
                    + model.dist(nodes[j], nodes[j + 1])
                    - model.dist(nodes[i - 1], nodes[j + 1]);
                let segment = &nodes[i..=j];
                // Insert between nodes[p] and nodes[p + 1], outside the segment.
                for p in 0..last {
                    if p + 1 >= i && p <= j {
                        continue;
                    }
                    let added = model.dist(nodes[p], nodes[i]) + model.dist(nodes[j], nodes[p + 1])
                        - model.dist(nodes[p], nodes[p + 1]);
                    if added - removed >= -EPS {
                        continue;
                    }
                    let feasible = if p < i {
                        let middle = segment.iter().chain(&nodes[p + 1..i]).copied();
                        tour.splice_feasible(model, p + 1, middle, j + 1)
                    } else {
                        let middle = nodes[j + 1..=p].iter().chain(segment).copied();
                        tour.splice_feasible(model, i, middle, p + 1)
                    };
                    if feasible {
                        let moved: Vec<usize> = tour.nodes.drain(i..=j).collect();
                        let at = if p < i { p + 1 } else { p + 1 - len };
                        tour.nodes.splice(at..at, moved);
                        tour.update(model);
                        changed = true;
                        continue 'restart;
                    }
                }
            }
        }
        return changed;
    }
}

/// Moves stops from tour `a` to tour `b` where that shortens the total
/// travel.
fn relocate(model: &Model, tours: &mut [Tour], a: usize, b: usize) -> bool {
    let mut changed = false;
    let mut i = 1;
    while i + 1 < tours[a].nodes.len() {
        let (src, dst) = (&tours[a], &tours[b]);
        let (prev, stop, next) = (src.nodes[i - 1], src.nodes[i], src.nodes[i + 1]);
        let saved = model.dist(prev, stop) + model.dist(stop, next) - model.dist(prev, next);
        let mut best: Option<(usize, f64)> = None;
        if saved > EPS && model.allowed(dst.route, stop) && src.can_remove(model, i) {
            for p in 0..dst.nodes.len() - 1 {
                let (x, y) = (dst.nodes[p], dst.nodes[p + 1]);
                let gain = saved - (model.dist(x, stop) + model.dist(stop, y) - model.dist(x, y));
                if gain > EPS
                    && best.is_none_or(|(_, g)| gain > g)
                    && dst.insertion_shift(model, stop, p).is_some()
                {
                    best = Some((p, gain));
                }
            }
        }
        if let Some((p, _)) = best {
            tours[a].remove(model, i);
            tours[b].insert(model, stop, p);
            changed = true;
        } else {
            i += 1;
        }
    }
    changed
}

/// Exchanges two stops of different tours (each takes the other's place)
/// where that shortens the total travel.
fn swap(model: &Model, tours: &mut [Tour], a: usize, b: usize) -> bool {
    let mut changed = false;
    'pairs: loop {
        let (ta, tb) = (&tours[a], &tours[b]);
        for i in 1..ta.nodes.len() - 1 {
            let u = ta.nodes[i];
            if !model.allowed(tb.route, u) {
                continue;
            }
            let (pu, nu) = (ta.nodes[i - 1], ta.nodes[i + 1]);
            for j in 1..tb.nodes.len() - 1 {
                let v = tb.nodes[j];
                if !model.allowed(ta.route, v) {
                    continue;
                }
                let (pv, nv) = (tb.nodes[j - 1], tb.nodes[j + 1]);
                let delta =
                    model.dist(pu, v) + model.dist(v, nu) + model.dist(pv, u) + model.dist(u, nv)
                        - model.dist(pu, u)
                        - model.dist(u, nu)
                        - model.dist(pv, v)
                        - model.dist(v, nv);
                if delta >= -EPS {
                    continue;
                }
                if ta.replacement_shift(model, v, i).is_none()
                    || tb.replacement_shift(model, u, j).is_none()
                {
                    continue;
                }
                tours[a].nodes[i] = v;
                tours[b].nodes[j] = u;
                tours[a].update(model);
                tours[b].update(model);
                changed = true;
                continue 'pairs;
            }
        }
        break;
    }
    changed
}
