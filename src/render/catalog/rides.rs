//! The phrases of getting about: the local rides and what they cost, a
//! self-drive's fuel, tolls and parking, and the driver's hours it keeps.

use super::phrases::money;
use crate::plan::Vehicle;

/// The local rides: taxis ride by ride, or cars with drivers by the day.
pub(super) fn rides(
    vehicle: Vehicle,
    vehicles: u32,
    days: u8,
    rides: u32,
    km: f64,
    (cost, each): (f64, f64),
) -> (String, String) {
    let (cost, each) = (money(cost), money(each));
    match vehicle {
        Vehicle::Taxi if vehicles == 1 => (
            format!("当地打车：共{rides}程，约{km:.0}公里，按出租车计价约{cost}（每人{each}）。"),
            format!(
                "Local taxis: {rides} ride{}, about {km:.0} km, about {cost} on the meter ({each} a person).",
                plural(rides)
            ),
        ),
        Vehicle::Taxi => (
            format!(
                "当地打车：每程分乘{vehicles}辆出租车，共{rides}程，约{km:.0}公里，按出租车计价约{cost}（每人{each}）。"
            ),
            format!(
                "Local taxis: {vehicles} taxis for each of {rides} ride{}, about {km:.0} km, about {cost} on the meter ({each} a person).",
                plural(rides)
            ),
        ),
        Vehicle::Van => (
            format!(
                "当地用车：一辆出租车坐不下，按七座商务车（含司机）{vehicles}辆 × {days}天计，约{cost}（每人{each}，含超时费），日租价和超时费为估计值；请提前预订。"
            ),
            format!(
                "Local rides: too many for one taxi, so {vehicles} seven-seat car{} with driver × {days} day{}, about {cost} ({each} a person, overtime included); the day rate and overtime are estimates; book ahead.",
                plural(vehicles),
                plural(u32::from(days))
            ),
        ),
    }
}

/// A self-drive's costs: `[fuel, tolls, parking]`.
pub(super) fn drive(
    km: f64,
    [fuel, tolls, parking]: [f64; 3],
    (cost, each): (f64, f64),
) -> (String, String) {
    let (fuel, tolls, parking) = (money(fuel), money(tolls), money(parking));
    let (cost, each) = (money(cost), money(each));
    (
        format!(
            "自驾费用：全程约{km:.0}公里，油费约{fuel}，过路费约{tolls}，停车费约{parking}，共约{cost}（每人{each}）；过路费和多数停车费为估计值。"
        ),
        format!(
            "Driving costs: about {km:.0} km, fuel about {fuel}, tolls about {tolls}, parking about {parking}, about {cost} in all ({each} a person); tolls and most parking fees are estimates."
        ),
    )
}

/// A self-drive kept within the driver's daily hours.
pub(super) fn driving_hours(minutes: u32) -> (String, String) {
    let hours = f64::from(minutes) / 60.0;
    (
        format!(
            "驾车时间每天不超过{hours}小时（按营运客车驾驶员的规定从严掌握），因此少排了景点；想多看几处，可改乘火车，或在当地住一晚。"
        ),
        format!(
            "At most {hours} h at the wheel a day (the rule for coach drivers, kept as a cautious choice), so fewer sites are planned; take the train or stay a night to see more."
        ),
    )
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}
