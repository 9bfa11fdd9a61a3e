//! A guide's rules for a group on a chartered coach, applied to every plan
//! of the year's sweep (`quality.rs`): coach legs within the pack's caps,
//! the coach leaving the origin in the group's start window, breakfast
//! every day after a night before the first departure (a sunrise outing
//! aside), and the guide's room and meals counted and shared.

use jingqin::model::{LegCap, MealKind, Pack};
use jingqin::plan::{Event, Itinerary, Mode, Notice, TransferMode};

/// The longest the pack lets a coach leg of `km` between `a` and `b` take.
fn cap(caps: &[LegCap], km: f64, (a, b): (&str, &str)) -> Option<u32> {
    let joins = |p: &[String; 2]| (p[0] == a && p[1] == b) || (p[0] == b && p[1] == a);
    (caps.iter())
        .filter(|c| c.under_km.is_some_and(|u| km < u) || c.between.as_ref().is_some_and(joins))
        .map(|c| c.max.0)
        .min()
}

/// The problems of `it`, a group's plan, by the rules above.
pub fn problems(pack: &Pack, label: &str, it: &Itinerary) -> Vec<String> {
    let (Some(group), Mode::Charter) = (&pack.group, it.request.mode) else {
        return Vec::new();
    };
    let in_origin = |id: &str| pack.hub(id).is_some_and(|h| h.city == pack.info.origin);
    let mut found = Vec::new();
    for day in &it.days {
        let at = format!("{label}: day {}", day.index);
        let sunrise_site = |id: &str| {
            (day.events.iter())
                .any(|e| matches!(e, Event::Visit { site, sunrise: true, .. } if site == id))
        };
        let mut breakfast = false;
        for (e, event) in day.events.iter().enumerate() {
            match event {
                Event::Meal {
                    meal: MealKind::Breakfast,
                    ..
                } => breakfast = true,
                Event::Transfer {
                    from,
                    to,
                    start,
                    minutes,
                    distance_km,
                    mode: TransferMode::Charter,
                    ..
                } => {
                    // Coach legs within the caps.
                    let local = !in_origin(from) && !in_origin(to);
                    let most = cap(&group.leg_caps, *distance_km, (from, to));
                    if let Some(most) = most.filter(|m| local && minutes > m) {
                        found.push(format!(
                            "{at}: the coach leg {from} → {to} ({distance_km:.1} km) takes {minutes} min, over {most}"
                        ));
                    }
                    // The coach leaves the origin in the group's start window.
                    if let (1, 0, Some(window)) = (day.index, e, group.start) {
                        let (open, close) = (window.start.minutes(), window.end.minutes());
                        if in_origin(from) && !(open..=close).contains(&start.minutes) {
                            found.push(format!(
                                "{at}: the coach leaves {from} at {}:{:02}, outside the group's start window",
                                start.minutes / 60,
                                start.minutes % 60
                            ));
                        }
                    }
                    // Breakfast before the first departure after a night (a sunrise outing aside).
                    let outing = sunrise_site(to) || sunrise_site(from);
                    if day.index > 1 && !breakfast && !outing {
                        found.push(format!(
                            "{at}: the group leaves {from} for {to} before breakfast"
                        ));
                    }
                }
                _ => {}
            }
        }
        if day.index > 1 && !breakfast {
            found.push(format!("{at}: no breakfast after the night"));
        }
    }
    // The guide's room of their own and meals, counted and shared.
    let nights = it.days.iter().filter(|d| d.lodging.is_some()).count() as u32;
    let staff = it.notices.iter().find_map(|n| match n {
        Notice::Staff {
            rooms,
            nights,
            meals_cny,
            ..
        } => Some((*rooms, *nights, *meals_cny)),
        _ => None,
    });
    let meals = group.staff_meals * f64::from(group.staff) * it.days.len() as f64;
    match staff {
        None if group.staff > 0 => found.push(format!("{label}: the guide's board is not counted")),
        Some((rooms, counted, _)) if nights > 0 && (rooms < group.staff || counted != nights) => {
            found.push(format!(
                "{label}: the guide has {rooms} room(s) for {counted} of {nights} night(s)"
            ))
        }
        Some((_, _, cny)) if (cny - meals).abs() > 0.01 => found.push(format!(
            "{label}: the guide's meals cost {cny}, not {meals}"
        )),
        _ => {}
    }
    found
}
