//! The notices the planner adds to what `explain` says: on a day, the
//! sites at a group rate, the waits for a site to open and the meals left
//! out; on a group's trip, its coaches, the guide's board and the meals
//! to book ahead.

use super::super::itinerary::{Day, Event, MealBooking, Notice};
use super::context::Trip;
use super::meals;
use super::price::{CoachBill, cents};
use super::stops::StopKind;
use super::timeline::MAX_IDLE_MINUTES;
use crate::model::{MealKind, TimeOfDay};
use crate::solve::{Route, Visit};

/// The day's sites whose group rate the party pays, if any.
pub(super) fn group_rate(sites: Vec<String>) -> Option<Notice> {
    (!sites.is_empty()).then_some(Notice::GroupRate { sites })
}

/// The reason for each long wait outside the lodging: the next site
/// opens only then.
pub(super) fn waits(trip: &Trip, events: &[Event]) -> Vec<Notice> {
    let lodging = |id: &str| trip.pack.lodging(id).is_some();
    let mut notices = Vec::new();
    for (i, pair) in events.windows(2).enumerate() {
        let (end, next) = (pair[0].end().minutes, pair[1].start().minutes);
        let at_lodging = match &pair[0] {
            Event::Lodging { .. } => true,
            Event::Transfer { to, .. } => lodging(to),
            Event::Meal { near, .. } => lodging(near),
            Event::Visit { .. } => false,
        };
        if next <= end + MAX_IDLE_MINUTES || at_lodging {
            continue;
        }
        let mut after = events[i + 1..].iter();
        let next_stop = after.find(|e| !matches!(e, Event::Transfer { .. }));
        if let Some(Event::Visit { site, start, .. }) = next_stop {
            notices.push(Notice::WaitToOpen {
                site: site.clone(),
                opens: TimeOfDay::from_minutes(start.minutes).unwrap_or(TimeOfDay::MIDNIGHT),
            });
        }
    }
    notices
}

/// The meals of day `d` that its route spans but its visits leave out
/// (breakfast on the first day is had at home).
pub(super) fn meals_skipped(
    trip: &Trip,
    d: usize,
    route: &Route,
    visits: &[Visit],
    kinds: &[StopKind],
) -> Vec<Notice> {
    let mut notices = Vec::new();
    for meal in &trip.pack.meals {
        let eaten = visits
            .iter()
            .any(|v| kinds[v.stop] == StopKind::Meal(meal.kind));
        let breakfast_at_home = meal.kind == MealKind::Breakfast && d == 0;
        if !eaten && !breakfast_at_home && meals::window(meal, route).is_some() {
            notices.push(Notice::MealSkipped {
                meal: meal.kind,
                window: meal.window,
            });
        }
    }
    notices
}

/// The chartered coaches of a group's trip and what each person pays for them.
pub(super) fn coach(trip: &Trip, coach: &CoachBill) -> Notice {
    let people = f64::from(trip.request.party.people());
    Notice::Coach {
        coaches: coach.coaches,
        days: trip.request.days,
        km: (coach.km * 10.0).round() / 10.0,
        cost_cny: cents(coach.cost),
        per_person_cny: cents(coach.cost / people),
        second_driver_days: coach.second_driver_days.clone(),
    }
}

/// The guide's room of their own and meals, shared by the group.
pub(super) fn staff(
    trip: &Trip,
    staff: u32,
    (rooms, nights): (u32, u32),
    costs: (f64, f64),
) -> Notice {
    let people = f64::from(trip.request.party.people());
    Notice::Staff {
        staff,
        rooms,
        nights,
        rooms_cny: cents(costs.0),
        meals_cny: cents(costs.1),
        per_person_cny: cents((costs.0 + costs.1) / people),
    }
}

/// The group's lunches and dinners, in order, to book ahead, if any.
pub(super) fn group_meals(days: &[Day], people: u32) -> Option<Notice> {
    let meals = (days.iter())
        .flat_map(|day| day.events.iter().map(move |e| (day.index, e)))
        .filter_map(|(day, event)| match event {
            // Breakfast is the hotel's.
            Event::Meal {
                meal, start, near, ..
            } if *meal != MealKind::Breakfast => Some(MealBooking {
                day,
                meal: *meal,
                start: *start,
                near: near.clone(),
            }),
            _ => None,
        })
        .collect::<Vec<_>>();
    (!meals.is_empty()).then_some(Notice::GroupMeals { people, meals })
}
