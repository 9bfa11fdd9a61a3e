//! What every stage of the planner reads: the trip (the request on the
//! pack, its dates, pace, places and travel times) and the frame of one
//! candidate plan. Read-only and shared; the stages own the rest.

use chrono::NaiveDate;

use super::super::error::{Infeasible, Refusal};
use super::super::legs::Legs;
use super::super::request::Request;
use super::super::rules;
use super::super::sun::sunset_minutes;
use crate::model::{Interval, MonthDay, PaceRule, Pack, PartyWorth, Site, Travellers};
use crate::solve::Matrix;
use crate::travel::Leg;

/// The fixed parts of one candidate plan: how the party comes and goes, and where it sleeps.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    /// Index into `pack.services`; `None` when driving.
    pub outbound: Option<usize>,
    pub back: Option<usize>,
    /// Index into `pack.lodging`; `None` on one-day trips.
    pub lodging: Option<usize>,
}

/// Everything about the request that does not depend on the frame.
pub struct Trip<'a> {
    pub pack: &'a Pack,
    pub request: &'a Request,
    pub dates: Vec<NaiveDate>,
    pub pace: PaceRule,
    /// Locations: sites, then lodging, then hubs.
    pub legs: Legs<'a>,
    /// The area of each location, as an index into `area_ids`.
    pub areas: Vec<Option<usize>>,
    /// Each site's open intervals on each day, asked of its rule once.
    pub open: Vec<Vec<Vec<Interval>>>,
    /// The location of the hub the trip starts and ends at, `request.from`.
    pub home: usize,
    /// The areas that hold sites, in pack order.
    pub area_ids: Vec<&'a str>,
    /// The planned minutes between locations, shared by every candidate frame.
    pub matrix: Matrix,
}

impl<'a> Trip<'a> {
    pub fn new(pack: &'a Pack, request: &'a Request) -> Result<Trip<'a>, Infeasible> {
        let dates: Vec<NaiveDate> = (0..request.days)
            .map(|d| request.date + chrono::Days::new(u64::from(d)))
            .collect();
        let Some(home) = pack.hubs.iter().position(|h| h.id == request.from) else {
            return Err(Infeasible::new(
                Refusal::Unsupported,
                format!("the pack has no hub \"{}\" to start from", request.from),
            ));
        };
        // The loader checks these; a pack built some other way fails here
        // rather than sending the party from the wrong station.
        let unknown_hub = (pack.services.iter())
            .flat_map(|s| [&s.from, &s.to].map(|hub| (s, hub)))
            .find(|(_, hub)| pack.hub(hub).is_none());
        if let Some((service, hub)) = unknown_hub {
            return Err(Infeasible::new(
                Refusal::Unsupported,
                format!(
                    "service {} runs to or from hub \"{hub}\", which the pack does not have",
                    service.id
                ),
            ));
        }
        let legs = Legs::new(pack, request.mode)?;
        let mut area_ids: Vec<&str> = Vec::new();
        for site in &pack.sites {
            if !area_ids.contains(&site.area.as_str()) {
                area_ids.push(&site.area);
            }
        }
        let pace = pack.paces.get(request.pace);
        let planned = |leg: Leg| rules::planned_minutes(&pace, leg.minutes);
        let size = legs.coords.len();
        let matrix =
            Matrix::new(size, legs.planned_minutes(planned)).map_err(Infeasible::internal)?;
        let open = (pack.sites.iter())
            .map(|site| {
                let open = |date| {
                    let sunset = sunset_minutes(site.coord, date, pack.info.timezone);
                    rules::by_daylight(site, site.hours.open_on(date), sunset)
                };
                dates.iter().map(|&date| open(date)).collect()
            })
            .collect();
        let areas = (0..size)
            .map(|location| {
                let area = legs.area(location);
                area_ids.iter().position(|a| *a == area)
            })
            .collect();
        Ok(Trip {
            pack,
            request,
            dates,
            pace,
            legs,
            areas,
            open,
            home: pack.sites.len() + pack.lodging.len() + home,
            area_ids,
            matrix,
        })
    }

    pub fn is_lodging(&self, location: usize) -> bool {
        (self.pack.sites.len()..self.pack.sites.len() + self.pack.lodging.len()).contains(&location)
    }

    /// The area of a location, as an index into `area_ids`.
    pub fn area_of(&self, location: usize) -> Option<usize> {
        self.areas[location]
    }

    /// Whether the site is worth a visit on day `d` (a beach in summer).
    pub fn in_season(&self, site: &Site, d: usize) -> bool {
        let day = MonthDay::of(self.dates[d]);
        site.worth.is_empty() || site.worth.iter().any(|range| range.contains(day))
    }

    pub fn site_location(&self, site: usize) -> usize {
        site
    }

    pub fn lodging_location(&self, lodging: usize) -> usize {
        self.pack.sites.len() + lodging
    }

    /// The location of a service's hub; `Trip::new` has checked that every
    /// service's hubs are in the pack, so the fallback is never taken.
    pub fn hub_location(&self, hub_id: &str) -> usize {
        let index = self
            .pack
            .hubs
            .iter()
            .position(|h| h.id == hub_id)
            .unwrap_or(0);
        self.pack.sites.len() + self.pack.lodging.len() + index
    }

    pub fn location_id(&self, location: usize) -> &str {
        self.legs.ids[location]
    }

    pub fn leg(&self, from: usize, to: usize) -> Leg {
        self.legs.leg(from, to)
    }

    /// Travel minutes as planned: the leg plus the pace's slack.
    pub fn minutes(&self, from: usize, to: usize) -> u32 {
        self.matrix.time(from, to).map_or(0, |m| m as u32)
    }

    /// A site's worth to this party: its rating weighted by their
    /// interests, and by the pack's worth of it to such a party then.
    pub fn score(&self, site: &Site) -> f64 {
        let weight = self
            .request
            .interests
            .get(&site.category)
            .copied()
            .unwrap_or(1.0);
        let party = self.party_worth(site).map_or(1.0, |w| w.weight);
        site.rating * weight * party * 10.0
    }

    /// The minutes of a visit to the site for this party: the pack's
    /// visit for such a party then (a longer swim, a shorter studio), else
    /// the site's; and on a trip with a public holiday the extra time its
    /// crowds take then. One stop has one service time, so the extra holds
    /// on each day of such a trip.
    pub fn visit_minutes(&self, site: &Site) -> u32 {
        let visit = self.party_worth(site).and_then(|w| w.visit);
        let holiday = (self.dates.iter()).any(|d| self.pack.calendar.holiday_on(*d).is_some());
        let extra = site.holiday_extra.filter(|_| holiday).map_or(0, |m| m.0);
        visit.unwrap_or(site.visit).0 + extra
    }

    /// The pack's worth of the site to a party like this one, in the
    /// season of the trip's first day (trips are a few days long).
    fn party_worth<'s>(&self, site: &'s Site) -> Option<&'s PartyWorth> {
        let day = MonthDay::of(*self.dates.first()?);
        (site.worth_for.iter()).find(|w| w.holds(day, |who| self.has(who)))
    }

    /// Whether the party has these travellers among it.
    pub fn has(&self, who: Travellers) -> bool {
        let party = self.request.party;
        match who {
            Travellers::Children => party.children > 0,
            Travellers::Seniors => party.seniors > 0,
            Travellers::Group => self.legs.charter.is_some(),
        }
    }
}
