//! Which area each day is spent in, chosen before routing: a day keeps to
//! one part of the destination, and an area other than the lodging's is
//! not split over days.

use std::collections::HashMap;

/// Beyond this many days, each day weighs only its best few areas.
const FULL_SEARCH_DAYS: usize = 3;
const AREAS_PER_DAY: usize = 4;

/// The area of each day (`None` where a day has no candidate), maximising
/// the sum of `value(area, days)` over the areas used, where `days` are the
/// days given to the area. `candidates[d]` are the areas day `d` may take,
/// in order of preference for ties; `lodging` is the area that may return;
/// `occupied[d]` says day `d` already has a visit of its own (a sunrise).
pub fn assign(
    candidates: &[Vec<usize>],
    lodging: Option<usize>,
    occupied: &[bool],
    value: impl Fn(usize, &[usize]) -> f64,
) -> Vec<Option<usize>> {
    let days = candidates.len();
    let mut memo: HashMap<(usize, u32), f64> = HashMap::new();
    let mut worth = |area: usize, mask: u32| -> f64 {
        *memo.entry((area, mask)).or_insert_with(|| {
            let list: Vec<usize> = (0..days).filter(|d| mask & (1 << d) != 0).collect();
            value(area, &list)
        })
    };
    let pruned: Vec<Vec<usize>> = if days > FULL_SEARCH_DAYS {
        (0..days)
            .map(|d| {
                let mut areas = candidates[d].clone();
                areas.sort_by(|a, b| worth(*b, 1 << d).total_cmp(&worth(*a, 1 << d)));
                areas.truncate(AREAS_PER_DAY);
                areas
            })
            .collect()
    } else {
        candidates.to_vec()
    };
    let mut best: (f64, Vec<Option<usize>>) = (f64::NEG_INFINITY, vec![None; days]);
    let mut current = Vec::with_capacity(days);
    search(
        &pruned,
        lodging,
        occupied,
        &mut current,
        &mut worth,
        &mut best,
    );
    // A day its area gives nothing, and that has no visit of its own, is
    // left free.
    let mut chosen = best.1;
    for (d, area) in chosen.iter_mut().enumerate() {
        let idle = occupied.get(d) != Some(&true);
        if idle && area.is_some_and(|a| worth(a, 1 << d) <= 0.0) {
            *area = None;
        }
    }
    chosen
}

fn search(
    candidates: &[Vec<usize>],
    lodging: Option<usize>,
    occupied: &[bool],
    current: &mut Vec<Option<usize>>,
    worth: &mut impl FnMut(usize, u32) -> f64,
    best: &mut (f64, Vec<Option<usize>>),
) {
    let d = current.len();
    if d == candidates.len() {
        let mut masks: Vec<(usize, u32)> = Vec::new();
        for (day, area) in current.iter().enumerate() {
            let Some(area) = *area else { continue };
            match masks.iter_mut().find(|(a, _)| *a == area) {
                Some((_, mask)) => *mask |= 1 << day,
                None => masks.push((area, 1 << day)),
            }
        }
        // Of equal plans, the one where more days have something to see.
        let busy = (current.iter().enumerate())
            .filter(|(day, area)| {
                occupied.get(*day) == Some(&true) || area.is_some_and(|a| worth(a, 1 << day) > 0.0)
            })
            .count();
        let total: f64 = masks
            .iter()
            .map(|&(area, mask)| worth(area, mask))
            .sum::<f64>()
            + busy as f64 * 1e-6;
        if total > best.0 {
            *best = (total, current.clone());
        }
        return;
    }
    if candidates[d].is_empty() {
        current.push(None);
        search(candidates, lodging, occupied, current, worth, best);
        current.pop();
        return;
    }
    // An area before none: of equal plans, the one that keeps days to areas.
    let free = std::iter::once(None);
    for area in candidates[d].iter().map(|&a| Some(a)).chain(free) {
        if area.is_some() && area != lodging && current.contains(&area) {
            continue;
        }
        current.push(area);
        search(candidates, lodging, occupied, current, worth, best);
        current.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_lodgings_area_returns() {
        // Area 0 is worth most on any day, but it is not the lodging's.
        let value = |area: usize, days: &[usize]| match area {
            0 => 10.0,
            1 => 6.0 * days.len() as f64,
            _ => 1.0,
        };
        let all = vec![vec![0, 1, 2]; 3];
        let got = assign(&all, Some(1), &[false; 3], value);
        assert_eq!(got.iter().filter(|a| **a == Some(0)).count(), 1);
        assert_eq!(got.iter().filter(|a| **a == Some(1)).count(), 2);
        // Without a lodging in area 1, each area takes one day.
        let got = assign(&all, None, &[false; 3], value);
        let mut sorted: Vec<_> = got.into_iter().flatten().collect();
        sorted.sort();
        assert_eq!(sorted, [0, 1, 2]);
    }

    #[test]
    fn a_day_with_fixed_areas_keeps_them() {
        let value = |area: usize, _: &[usize]| area as f64 + 1.0;
        let got = assign(&[vec![0], vec![], vec![2, 1]], None, &[false; 3], value);
        assert_eq!(got, [Some(0), None, Some(2)]);
    }

    #[test]
    fn a_day_no_area_is_worth_is_left_free() {
        let value = |area: usize, days: &[usize]| {
            if days.contains(&1) {
                0.0
            } else {
                area as f64 + 1.0
            }
        };
        assert_eq!(
            assign(&[vec![0, 1], vec![0, 1]], None, &[false; 2], value),
            [Some(1), None]
        );
    }
}
