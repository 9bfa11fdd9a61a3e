//! Re-checks an itinerary, edited by hand or not, against the route pack:
//! visits in their sites' hours, trains and coaches as timetabled,
//! transfers no shorter than the pack's travel times, meals in their
//! windows, each day one chained timeline, and the request's must-sees and
//! avoided sites. Each problem names its day and event. The plan is judged
//! by what it says, against the pack and the planner's own travel times.
//!
//! [`verify`] walks the saved plan, day by day and event by event, and asks
//! the plan's rules (`plan/rules.rs`, which the planner keeps too) of each.

mod day;
mod event;
mod must;
mod names;
mod problem;

use super::itinerary::{Event, Itinerary};
use super::legs::Legs;
use crate::model::Pack;
use names::name;
pub use problem::{Check, Problem};

/// Every problem of `itinerary` against `pack`, in the order of the days
/// and their events; empty when the plan holds.
pub fn verify(pack: &Pack, itinerary: &Itinerary) -> Vec<Problem> {
    let request = &itinerary.request;
    let mut problems = Vec::new();
    let legs = match Legs::new(pack, request.mode) {
        Ok(legs) => Some(legs),
        Err(why) => {
            let message = format!("travel times cannot be checked: {why}");
            problems.push(Problem {
                day: None,
                event: None,
                check: Check::Travel,
                message,
            });
            None
        }
    };
    if itinerary.days.len() != usize::from(request.days) {
        problems.push(Problem {
            day: None,
            event: None,
            check: Check::Chain,
            message: format!(
                "the itinerary has {} days; the request asks for {}",
                itinerary.days.len(),
                request.days
            ),
        });
    }
    // Where the party is: the first day starts at the request's station,
    // and each next day where the previous one ended.
    let mut here = request.from.clone();
    for (d, day) in itinerary.days.iter().enumerate() {
        let last = d + 1 == itinerary.days.len();
        let mut found = day::numbering(request.date, d, day);
        for (e, event) in day.events.iter().enumerate() {
            let at = Some(e + 1);
            found.extend(
                event::findings(pack, legs.as_ref(), day.date, event)
                    .into_iter()
                    .map(|(c, m)| (at, c, m)),
            );
        }
        let pace = pack.paces.get(request.pace);
        found.extend((legs.as_ref()).and_then(|legs| day::driving(pack, legs, &pace, day)));
        found.extend(day::timeline(pack, day, &mut here));
        found.extend(day::early_starts(pack, request, day));
        if !last && !matches!(day.events.last(), Some(Event::Lodging { .. })) {
            let message = format!(
                "the day ends at {} without a night's lodging",
                name(pack, &here)
            );
            found.push((None, Check::Chain, message));
        }
        let home = pack.hub(&here).is_some_and(|h| h.city == pack.info.origin);
        if last && !home {
            let message = format!(
                "the trip ends at {}, not back in {}",
                name(pack, &here),
                pack.info.origin
            );
            found.push((None, Check::Chain, message));
        }
        let index = u8::try_from(d + 1).ok();
        problems.extend(found.into_iter().map(|(event, check, message)| Problem {
            day: index,
            event,
            check,
            message,
        }));
    }
    problems.extend(must::must_and_avoid(pack, itinerary));
    problems
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::names::place;
    use super::*;
    use crate::model::Interval;
    use crate::plan::itinerary::{Clock, Notice};
    use crate::plan::{Mode, Omission, RequestSpec, TRAVEL_TOLERANCE_MINUTES, plan};

    fn date(month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, month, day).expect("a date of 2027")
    }

    fn default_pack() -> Pack {
        crate::load::load_default().expect("the embedded pack loads")
    }

    fn trip(pack: &Pack, product: &str, on: NaiveDate, mode: Mode) -> Result<Itinerary, String> {
        let spec = RequestSpec {
            product: Some(product.to_owned()),
            date: Some(on),
            mode: Some(mode),
            ..Default::default()
        };
        let request = spec.resolve(pack, on).map_err(|e| e.to_string())?;
        plan(pack, &request).map_err(|e| e.to_string())
    }

    /// The three-day product in July, which holds before a test edits it.
    fn july(pack: &Pack, mode: Mode) -> Itinerary {
        let itinerary = trip(pack, "qhd-3day", date(7, 16), mode).expect("the July trip plans");
        assert_eq!(verify(pack, &itinerary), [], "the plan as made holds");
        itinerary
    }

    /// The day and event (0-based) of the first event `pick` takes.
    fn find(itinerary: &Itinerary, pick: impl Fn(&Event) -> bool) -> (usize, usize) {
        (itinerary.days.iter().enumerate())
            .find_map(|(d, day)| day.events.iter().position(&pick).map(|e| (d, e)))
            .expect("the plan has such an event")
    }

    /// Whether `problems` has one of `check` at day `d` and event `e` (0-based).
    fn has(problems: &[Problem], check: Check, d: usize, e: Option<usize>) -> bool {
        problems.iter().any(|p| {
            p.check == check && p.day == u8::try_from(d + 1).ok() && p.event == e.map(|e| e + 1)
        })
    }

    fn clock(itinerary: &Itinerary, d: usize, minutes: u32) -> Clock {
        Clock::new(itinerary.days[d].date, minutes, itinerary.timezone)
    }

    /// The pack's minutes for a transfer, as `verify` works them out, and
    /// the cap on a group's coach leg there.
    fn least(pack: &Pack, mode: Mode, from: &str, to: &str) -> (u32, Option<u32>) {
        let (a, b) = place(pack, from)
            .zip(place(pack, to))
            .expect("places of the pack");
        Legs::new(pack, mode).map_or((0, None), |legs| (legs.leg(a, b).minutes, legs.cap(a, b)))
    }

    #[test]
    fn plans_as_made_hold() {
        let pack = default_pack();
        let (mut planned, mut refused) = (0, Vec::new());
        for product in ["qhd-1day", "qhd-2day", "qhd-3day"] {
            // Every other month, on a different weekday each: the seasons,
            // the closing days and the holidays (tests/it/plan.rs sweeps a year).
            for month in (1..=12).step_by(2) {
                let on = date(month, 1 + (month * 5) % 28);
                for mode in [Mode::Rail, Mode::Car, Mode::Charter] {
                    let itinerary = match trip(&pack, product, on, mode) {
                        Ok(itinerary) => itinerary,
                        Err(why) => {
                            refused.push(format!("{product} {on} {mode:?}: {why}"));
                            continue;
                        }
                    };
                    planned += 1;
                    let problems = verify(&pack, &itinerary);
                    assert_eq!(problems, [], "{product} {on} {mode:?}");
                    // The legs are the planner's: each drive, walk or coach
                    // ride takes exactly the pack's minutes and the pace's
                    // slack, within a coach leg's cap.
                    let slack = pack.paces.get(itinerary.request.pace).slack;
                    for event in itinerary.days.iter().flat_map(|d| &d.events) {
                        if let Event::Transfer {
                            from,
                            to,
                            service: None,
                            minutes,
                            ..
                        } = event
                        {
                            let (least, cap) = least(&pack, mode, from, to);
                            let planned = (least + slack.on(least)).min(cap.unwrap_or(u32::MAX));
                            assert_eq!(*minutes, planned, "{product} {on} {from} → {to}");
                        }
                    }
                }
            }
        }
        assert_eq!(refused, Vec::<String>::new());
        assert_eq!(planned, 54);
    }

    /// The open interval of the site of the visit (day `d`, event `e`) that holds its start.
    fn interval(pack: &Pack, itinerary: &Itinerary, d: usize, e: usize) -> Interval {
        let day = &itinerary.days[d];
        let Event::Visit { site, start, .. } = &day.events[e] else {
            unreachable!("a visit")
        };
        let hours = pack
            .site(site)
            .expect("a site of the pack")
            .hours
            .open_on(day.date);
        (hours.into_iter())
            .find(|i| i.open.minutes() <= start.minutes && start.minutes < i.close.minutes())
            .expect("the visit starts while the site is open")
    }

    #[test]
    fn a_visit_outside_the_hours_breaks_them() {
        let pack = default_pack();
        let planned = july(&pack, Mode::Rail);
        let (d, e) = find(&planned, |e| {
            matches!(e, Event::Visit { sunrise: false, .. })
        });
        let open = interval(&pack, &planned, d, e);
        let mut late = planned.clone();
        if let Event::Visit { end, .. } = &mut late.days[d].events[e] {
            *end = clock(&planned, d, open.close.minutes() + 40);
        }
        let problems = verify(&pack, &late);
        assert!(has(&problems, Check::Hours, d, Some(e)), "{problems:#?}");
        let mut early = planned.clone();
        if let Event::Visit { start, .. } = &mut early.days[d].events[e] {
            *start = clock(&planned, d, open.open.minutes() - 30);
        }
        let problems = verify(&pack, &early);
        assert!(has(&problems, Check::Hours, d, Some(e)), "{problems:#?}");
    }

    #[test]
    fn only_a_sunrise_comes_before_a_dawn_viewpoint_opens() {
        let pack = default_pack();
        let mut itinerary = july(&pack, Mode::Rail);
        let (d, e) = find(&itinerary, |e| {
            matches!(e, Event::Visit { sunrise: true, .. })
        });
        let Event::Visit { site, start, .. } = &itinerary.days[d].events[e] else {
            unreachable!("a visit")
        };
        let hours = pack
            .site(site)
            .expect("a site")
            .hours
            .open_on(itinerary.days[d].date);
        let opens = hours.first().expect("open that day").open.minutes();
        assert!(start.minutes < opens, "the sunrise is before {site} opens");
        if let Event::Visit { sunrise, .. } = &mut itinerary.days[d].events[e] {
            *sunrise = false;
        }
        let problems = verify(&pack, &itinerary);
        assert!(has(&problems, Check::Hours, d, Some(e)), "{problems:#?}");
    }

    #[test]
    fn a_train_needs_its_station_minutes() {
        let pack = default_pack();
        let mut itinerary = july(&pack, Mode::Rail);
        let d = itinerary.days.len() - 1;
        let e = (itinerary.days[d].events.iter())
            .position(|e| {
                matches!(
                    e,
                    Event::Transfer {
                        service: Some(_),
                        ..
                    }
                )
            })
            .expect("the train home");
        let events = &mut itinerary.days[d].events;
        let depart = events[e].start().minutes;
        // The ride to the station, ending 10 minutes before the train leaves.
        let Event::Transfer { start, end, .. } = &mut events[e - 1] else {
            unreachable!("a transfer to the station")
        };
        let later = depart - 10 - end.minutes;
        (*start, *end) = (
            Clock::new(start.date, start.minutes + later, itinerary.timezone),
            Clock::new(end.date, end.minutes + later, itinerary.timezone),
        );
        let problems = verify(&pack, &itinerary);
        assert!(
            has(&problems, Check::Timetable, d, Some(e)),
            "{problems:#?}"
        );
    }

    #[test]
    fn a_train_moved_breaks_the_timetable() {
        let pack = default_pack();
        let mut itinerary = july(&pack, Mode::Rail);
        let (d, e) = find(&itinerary, |e| {
            matches!(
                e,
                Event::Transfer {
                    service: Some(_),
                    ..
                }
            )
        });
        let earlier = clock(
            &itinerary,
            d,
            itinerary.days[d].events[e].start().minutes - 15,
        );
        if let Event::Transfer { start, .. } = &mut itinerary.days[d].events[e] {
            *start = earlier;
        }
        let problems = verify(&pack, &itinerary);
        assert!(
            has(&problems, Check::Timetable, d, Some(e)),
            "{problems:#?}"
        );
    }

    #[test]
    fn a_drive_shorter_than_the_tolerance_allows_breaks_the_travel_time() {
        let pack = default_pack();
        let mut itinerary = july(&pack, Mode::Car);
        // The longest drive: the road from Beijing.
        let (d, e) = (itinerary.days.iter().enumerate())
            .flat_map(|(d, day)| day.events.iter().enumerate().map(move |(e, ev)| (d, e, ev)))
            .filter(|(.., ev)| matches!(ev, Event::Transfer { service: None, .. }))
            .max_by_key(|(.., ev)| ev.end().minutes - ev.start().minutes)
            .map(|(d, e, _)| (d, e))
            .expect("a drive");
        let Event::Transfer { from, to, end, .. } = &itinerary.days[d].events[e] else {
            unreachable!("found a transfer")
        };
        let (least, _) = least(&pack, Mode::Car, from, to);
        assert!(least > 60, "the road from Beijing takes {least} minutes");
        let arrive = end.minutes;
        // Leaving later keeps the arrival, so nothing overlaps.
        for (takes, broken) in [
            (least - TRAVEL_TOLERANCE_MINUTES, false),
            (least - TRAVEL_TOLERANCE_MINUTES - 1, true),
        ] {
            let leave = clock(&itinerary, d, arrive - takes);
            if let Event::Transfer { start, .. } = &mut itinerary.days[d].events[e] {
                *start = leave;
            }
            let problems = verify(&pack, &itinerary);
            let travel = has(&problems, Check::Travel, d, Some(e));
            assert_eq!(travel, broken, "{takes} of {least} minutes: {problems:#?}");
        }
    }

    #[test]
    fn a_meal_outside_its_window_or_cut_short_breaks_the_meal() {
        let pack = default_pack();
        let planned = july(&pack, Mode::Rail);
        let (d, e) = find(&planned, |e| matches!(e, Event::Meal { .. }));
        let Event::Meal { meal, start, .. } = &planned.days[d].events[e] else {
            unreachable!("a meal")
        };
        let rule = (pack.meals.iter())
            .find(|m| m.kind == *meal)
            .expect("a meal of the pack");
        let (window, duration) = (rule.window.start.minutes(), rule.duration.0);
        let mut early = planned.clone();
        if let Event::Meal { start, end, .. } = &mut early.days[d].events[e] {
            (*start, *end) = (
                clock(&planned, d, window - 30),
                clock(&planned, d, window - 30 + duration),
            );
        }
        let problems = verify(&pack, &early);
        assert!(has(&problems, Check::Meal, d, Some(e)), "{problems:#?}");
        let mut short = planned.clone();
        if let Event::Meal { end, .. } = &mut short.days[d].events[e] {
            *end = clock(&planned, d, start.minutes + duration - 10);
        }
        let problems = verify(&pack, &short);
        assert!(has(&problems, Check::Meal, d, Some(e)), "{problems:#?}");
    }

    #[test]
    fn swapped_events_break_the_order_and_the_chain() {
        let pack = default_pack();
        let mut itinerary = july(&pack, Mode::Rail);
        let (d, e) = find(&itinerary, |e| matches!(e, Event::Visit { .. }));
        assert!(matches!(
            itinerary.days[d].events[e - 1],
            Event::Transfer { .. }
        ));
        // The visit now comes before the transfer that takes the party there.
        itinerary.days[d].events.swap(e - 1, e);
        let problems = verify(&pack, &itinerary);
        assert!(
            has(&problems, Check::Chain, d, Some(e - 1)),
            "{problems:#?}"
        );
        assert!(has(&problems, Check::Overlap, d, Some(e)), "{problems:#?}");
    }

    #[test]
    fn a_promise_left_out_is_a_must_problem_unless_the_plan_says_so() {
        let pack = default_pack();
        let mut itinerary = july(&pack, Mode::Rail);
        let pinned = (itinerary.request.must.iter())
            .find(|m| m.promise && m.day.is_some())
            .cloned()
            .expect("the product pins a site to a day");
        let (d, e) = find(
            &itinerary,
            |e| matches!(e, Event::Visit { site, .. } if *site == pinned.site),
        );
        // Pinned to another day, the visit is on the wrong one.
        let mut moved = itinerary.clone();
        let other = if pinned.day == Some(1) { 2 } else { 1 };
        for must in moved
            .request
            .must
            .iter_mut()
            .filter(|m| m.site == pinned.site)
        {
            must.day = Some(other);
        }
        let problems = verify(&pack, &moved);
        assert!(
            has(&problems, Check::Must, usize::from(other) - 1, None),
            "{problems:#?}"
        );
        itinerary.days[d].events.remove(e);
        let problems = verify(&pack, &itinerary);
        let must = |problems: &[Problem]| problems.iter().any(|p| p.check == Check::Must);
        let day = pinned
            .day
            .map(|day| usize::from(day) - 1)
            .unwrap_or_default();
        assert!(has(&problems, Check::Must, day, None), "{problems:#?}");
        itinerary.notices.push(Notice::PromiseMissed {
            site: pinned.site.clone(),
            why: Omission::Outscored,
        });
        assert!(!must(&verify(&pack, &itinerary)));
    }

    #[test]
    fn an_avoided_site_visited_is_named() {
        let pack = default_pack();
        let mut itinerary = july(&pack, Mode::Rail);
        let (d, e) = find(&itinerary, |e| matches!(e, Event::Visit { .. }));
        if let Event::Visit { site, .. } = &itinerary.days[d].events[e] {
            itinerary.request.avoid.push(site.clone());
        }
        let problems = verify(&pack, &itinerary);
        assert!(has(&problems, Check::Avoid, d, Some(e)), "{problems:#?}");
    }

    #[test]
    fn a_coach_day_beyond_the_drivers_hours_is_named() {
        let mut pack = default_pack();
        let itinerary = july(&pack, Mode::Charter);
        assert!(verify(&pack, &itinerary).is_empty());
        // The same plan checked against a law of ten minutes a day.
        if let Some(group) = pack.group.as_mut() {
            group.driving.daily = crate::model::Minutes(10);
        }
        let problems = verify(&pack, &itinerary);
        for d in 0..itinerary.days.len() {
            assert!(has(&problems, Check::Driving, d, None), "{problems:#?}");
        }
    }

    #[test]
    fn any_edit_is_reported_without_a_panic() {
        let pack = default_pack();
        let mut itinerary = july(&pack, Mode::Rail);
        let (d, e) = find(&itinerary, |e| matches!(e, Event::Visit { .. }));
        let (t, s) = find(&itinerary, |e| {
            matches!(
                e,
                Event::Transfer {
                    service: Some(_),
                    ..
                }
            )
        });
        let (m, n) = find(&itinerary, |e| matches!(e, Event::Meal { .. }));
        let past_midnight = clock(&itinerary, m, 30 * 60);
        let never = clock(&itinerary, m, u32::MAX);
        if let Event::Visit { site, .. } = &mut itinerary.days[d].events[e] {
            *site = "nowhere".to_owned();
        }
        if let Event::Transfer { service, .. } = &mut itinerary.days[t].events[s] {
            *service = Some("X999".to_owned());
        }
        if let Event::Meal { start, end, .. } = &mut itinerary.days[m].events[n] {
            (*start, *end) = (never, past_midnight);
        }
        itinerary.days[2].date = NaiveDate::MIN;
        itinerary.request.date = NaiveDate::MAX;
        let problems = verify(&pack, &itinerary);
        assert!(has(&problems, Check::Unknown, d, Some(e)), "{problems:#?}");
        assert!(has(&problems, Check::Unknown, t, Some(s)), "{problems:#?}");
        assert!(has(&problems, Check::Overlap, m, Some(n)), "{problems:#?}");
        assert!(has(&problems, Check::Chain, 2, None), "{problems:#?}");
    }

    #[test]
    fn checks_read_as_snake_case() {
        let problem = Problem {
            day: Some(1),
            event: Some(2),
            check: Check::Timetable,
            message: String::new(),
        };
        assert_eq!(Check::Timetable.to_string(), "timetable");
        let json = serde_json::to_value(&problem).expect("serializes");
        assert_eq!(json["check"], "timetable");
    }
}
