//! Rooming: the party in a lodging's rooms as a hotel would put it, with a
//! grown-up in every room and children with them (one child a room may
//! share the grown-ups' beds), at the lowest price.

use super::itinerary::RoomCount;
use super::request::Party;
use crate::model::Room;

/// Beyond this many people the rooms are filled greedily: an exact
/// search grows with the square of the party.
const EXACT_UP_TO: usize = 120;

/// The cheapest set of `rooms` that sleeps `party`, each room holding at
/// least one adult or senior and up to its `sleeps` people and one child
/// more (a party of children alone share as few rooms as they can).
pub fn rooming(party: Party, rooms: &[Room]) -> Vec<RoomCount> {
    let people = party.people() as usize;
    let grown = (party.adults + party.seniors) as usize;
    if people == 0 || rooms.is_empty() {
        return Vec::new();
    }
    let children = party.children as usize;
    let counts = if people <= EXACT_UP_TO {
        let most_rooms = if grown == 0 { people } else { grown };
        exact(people, children, most_rooms, rooms)
    } else {
        None
    }
    .unwrap_or_else(|| greedy(people, rooms));
    rooms
        .iter()
        .zip(counts)
        .filter(|(_, count)| *count > 0)
        .map(|(room, count)| RoomCount {
            room: room.id.clone(),
            name: room.name.clone(),
            count,
        })
        .collect()
}

/// The price a night of `counts` of `rooms`.
pub fn nightly(counts: &[RoomCount], rooms: &[Room]) -> f64 {
    counts
        .iter()
        .filter_map(|c| {
            let room = rooms.iter().find(|r| r.id == c.room)?;
            Some(room.price * f64::from(c.count))
        })
        .sum()
}

/// Fewest-cost counts by dynamic programming over (rooms taken, beds): at
/// most `most_rooms` rooms, so every room has a grown-up; `k` rooms sleep
/// their beds and up to `k` children more.
fn exact(people: usize, children: usize, most_rooms: usize, rooms: &[Room]) -> Option<Vec<u32>> {
    // cost[k][p]: the cheapest k rooms that sleep p people (p capped at
    // `people`), and the room type added last.
    let mut cost = vec![vec![None::<(f64, usize)>; people + 1]; most_rooms + 1];
    cost[0][0] = Some((0.0, usize::MAX));
    for k in 0..most_rooms {
        for p in 0..=people {
            let Some((base, _)) = cost[k][p] else {
                continue;
            };
            for (r, room) in rooms.iter().enumerate() {
                let to = (p + room.sleeps as usize).min(people);
                let price = base + room.price;
                if cost[k + 1][to].is_none_or(|(best, _)| price < best) {
                    cost[k + 1][to] = Some((price, r));
                }
            }
        }
    }
    let price = |k: usize, p: usize| cost[k][p].map_or(f64::INFINITY, |(c, _)| c);
    let (k, p) = (1..=most_rooms)
        .flat_map(|k| (people.saturating_sub(children.min(k))..=people).map(move |p| (k, p)))
        .filter(|&(k, p)| cost[k][p].is_some())
        .min_by(|&a, &b| price(a.0, a.1).total_cmp(&price(b.0, b.1)).then(a.cmp(&b)))?;
    // Walk back: find for each step a predecessor that explains the cost.
    let mut counts = vec![0u32; rooms.len()];
    let (mut k, mut p) = (k, p);
    while k > 0 {
        let (price, r) = cost[k][p]?;
        let room = &rooms[r];
        let from = (0..=p).rev().find(|&q| {
            (q + room.sleeps as usize).min(people) == p
                && cost[k - 1][q].is_some_and(|(c, _)| (c + room.price - price).abs() < 1e-6)
        })?;
        counts[r] += 1;
        (k, p) = (k - 1, from);
    }
    Some(counts)
}

/// For very large parties: the room with the lowest price a bed, as many as
/// needed.
fn greedy(people: usize, rooms: &[Room]) -> Vec<u32> {
    let per_bed = |r: &Room| r.price / f64::from(r.sleeps);
    let best = (0..rooms.len())
        .min_by(|&a, &b| per_bed(&rooms[a]).total_cmp(&per_bed(&rooms[b])))
        .unwrap_or(0);
    let mut counts = vec![0u32; rooms.len()];
    counts[best] = u32::try_from(people.div_ceil(rooms[best].sleeps as usize)).unwrap_or(u32::MAX);
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Text;

    fn room(id: &str, sleeps: u32, price: f64) -> Room {
        Room {
            id: id.into(),
            name: Text {
                zh: id.into(),
                en: id.into(),
            },
            sleeps,
            price,
        }
    }

    fn party(adults: u32, children: u32, seniors: u32) -> Party {
        Party {
            adults,
            children,
            seniors,
        }
    }

    fn plan(p: Party, rooms: &[Room]) -> Vec<(String, u32)> {
        rooming(p, rooms)
            .into_iter()
            .map(|c| (c.room, c.count))
            .collect()
    }

    #[test]
    fn a_family_takes_one_room() {
        let rooms = [room("double", 2, 700.0), room("family", 3, 900.0)];
        // The child shares the parents' double.
        assert_eq!(plan(party(2, 1, 0), &rooms), [("double".into(), 1)]);
        // Two children: a family room rather than two doubles.
        assert_eq!(plan(party(2, 2, 0), &rooms), [("family".into(), 1)]);
        // Three adults need two rooms: no adult shares as a child does.
        assert_eq!(plan(party(3, 0, 0), &rooms[..1]), [("double".into(), 2)]);
    }

    #[test]
    fn every_room_has_a_grown_up() {
        let rooms = [room("double", 2, 500.0), room("family", 4, 600.0)];
        // Three adults and a child fit one family room.
        assert_eq!(plan(party(3, 1, 0), &rooms), [("family".into(), 1)]);
        // One adult and five children fit no room with a grown-up each: the
        // rooms still sleep everyone.
        let counts = rooming(party(1, 5, 0), &rooms);
        let beds: u32 = counts.iter().map(|c| c.count * 4).sum();
        assert!(beds >= 6, "{counts:?}");
        // Two adults and four children: two doubles, a child more in each.
        assert_eq!(plan(party(2, 4, 0), &rooms), [("double".into(), 2)]);
    }

    #[test]
    fn groups_fill_doubles_and_pay_per_night() {
        let rooms = [room("double", 2, 400.0)];
        let counts = rooming(party(30, 0, 8), &rooms);
        assert_eq!(counts[0].count, 19);
        assert_eq!(nightly(&counts, &rooms), 7600.0);
        let big = rooming(party(500, 0, 0), &rooms);
        assert_eq!(big[0].count, 250);
    }
}
