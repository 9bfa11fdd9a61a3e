//! Route maps: an inline SVG per day, drawn from the coordinates.
//!
//! This module only computes geometry (projection, fit, label placement,
//! scale bar); it hands `templates/map.html` a view of ready-formatted
//! numbers and names, so the SVG markup lives in the template and every
//! name from the pack goes through askama's HTML escaping.

use super::catalog::{Language, Msg};
use super::view::{Bi, DayView, Lang, Part, Place, View};
use crate::model::Coord;

/// The SVG's user units: wide and low, as the coast runs east–west.
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 290.0;
/// Room left around the route for labels (sides) and the scale bar (bottom).
const PAD_X: f64 = 110.0;
const PAD_Y: f64 = 42.0;
/// A day whose places all lie close together still gets a map this wide.
const MIN_SPAN_KM: f64 = 2.0;
const KM_PER_DEGREE_LAT: f64 = 110.574;
const KM_PER_DEGREE_LON_AT_EQUATOR: f64 = 111.320;
const MARKER_RADIUS: f64 = 10.0;
/// The type of the map's words, in SVG units, as the stylesheets set it.
/// A phone draws the map at about half size, so its stylesheet doubles
/// them, and the labels are placed a second time for that size.
const WIDE: Type = Type {
    class: "wide",
    font: 11.0,
    line: 13.0,
    north: 12.0,
    brief: false,
};
const NARROW: Type = Type {
    class: "narrow",
    font: 23.0,
    line: 27.0,
    north: 22.0,
    brief: true,
};
/// Scale-bar lengths worth drawing, shortest first.
const ROUND_KM: [f64; 12] = [
    0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0,
];

/// The map of one day, every number already formatted for the SVG.
pub struct Map {
    /// Unique within a page, for the arrowhead `<marker>` ids.
    pub id: String,
    pub width: String,
    pub height: String,
    pub title: Bi,
    pub legs: Vec<Leg>,
    pub exits: Vec<Exit>,
    pub markers: Vec<Marker>,
    /// The names beside the markers and exits, placed once for each size
    /// of type; the stylesheet shows the set that suits the width.
    pub labels: [Labels; 2],
    pub scale: ScaleBar,
    pub north: Point,
    pub north_label: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub x: String,
    pub y: String,
}

/// A move between two consecutive places, drawn as an arrow.
pub struct Leg {
    pub from: Point,
    pub to: Point,
}

/// The line off the map towards a place left out of it (Beijing).
pub struct Exit {
    pub from: Point,
    pub to: Point,
    /// The day both arrives from and leaves for that place by the same stop.
    pub both_ways: bool,
}

pub struct Marker {
    pub kind: &'static str,
    pub at: Point,
    /// Visiting order, 1-based.
    pub number: String,
}

/// The labels of a map for one size of type.
pub struct Labels {
    /// `wide` or `narrow`, the class the stylesheets show or hide.
    pub class: &'static str,
    pub markers: Vec<Label>,
    pub exits: Vec<Label>,
}

/// The size of the map's type, in SVG units.
#[derive(Clone, Copy)]
struct Type {
    class: &'static str,
    /// Chinese glyphs are this wide and high; Latin ones about half as wide.
    font: f64,
    /// From one line of a label to the next.
    line: f64,
    /// The north arrow's letter.
    north: f64,
    /// Names in one language without their bracketed part, as there is
    /// no room for more; the schedule beside the map gives them whole.
    brief: bool,
}

/// A label of one or two lines (Chinese over English when both are asked for).
pub struct Label {
    pub anchor: &'static str,
    pub lines: Vec<LabelLine>,
}

pub struct LabelLine {
    pub at: Point,
    pub lang: Language,
    pub text: String,
}

pub struct ScaleBar {
    pub at: Point,
    pub length: String,
    pub label: String,
}

/// The scale bar before formatting: its left end, length and words.
struct Scale {
    at: (f64, f64),
    length: f64,
    label: String,
}

/// The map of `day`, or `None` when it has no place in the destination area.
pub fn day_map(view: &View, day: &DayView) -> Option<Map> {
    let stops = stops(view, day);
    let local: Vec<&Place> = stops.iter().copied().filter(|s| s.local).collect();
    if local.is_empty() {
        return None;
    }
    let projection = Projection::fit(local.iter().map(|s| s.coord));
    let scale = projection.scale_bar(view.lang);
    let north = (WIDTH - 24.0, 14.0);
    let mut markers: Vec<(&Place, f64, f64)> = Vec::new();
    for stop in &local {
        if markers.iter().any(|(placed, ..)| placed.id == stop.id) {
            continue;
        }
        let (x, y) = projection.point(stop.coord);
        markers.push((stop, x, y));
    }
    let mut legs = Vec::new();
    let mut exits: Vec<Exit> = Vec::new();
    // Per exit: the place it points to, the stop it leaves from, and the
    // point on the frame where its label goes.
    let mut exit_ends: Vec<(&Place, &str, (f64, f64))> = Vec::new();
    for pair in stops.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        match (a.local, b.local) {
            (true, true) => {
                let (ax, ay) = projection.point(a.coord);
                let (bx, by) = projection.point(b.coord);
                if let Some((from, to)) = shorten((ax, ay), (bx, by), MARKER_RADIUS + 2.0) {
                    legs.push(Leg { from, to });
                }
            }
            (true, false) | (false, true) => {
                let (inside, outside, leaving) = if a.local { (a, b, true) } else { (b, a, false) };
                let known = exit_ends
                    .iter()
                    .position(|(far, near, _)| far.id == outside.id && *near == inside.id);
                if let Some(i) = known {
                    // Out and back along one line: one line, arrows at both ends.
                    exits[i].both_ways = true;
                    continue;
                }
                let start = projection.point(inside.coord);
                let edge = projection.towards_edge(start, projection.point(outside.coord));
                let (from, to) = if leaving {
                    (start, edge)
                } else {
                    (edge, start)
                };
                if let Some((from, to)) = shorten(from, to, MARKER_RADIUS + 2.0) {
                    exit_ends.push((outside, &inside.id, edge));
                    exits.push(Exit {
                        from,
                        to,
                        both_ways: false,
                    });
                }
            }
            (false, false) => {}
        }
    }
    let labels = [WIDE, NARROW].map(|size| {
        let mut placer = Placer::new(size);
        for &(_, x, y) in &markers {
            placer.occupy_marker(x, y);
        }
        placer.occupy_north(north);
        placer.occupy_scale(&scale);
        let name = |place: &Place| match size.brief {
            true => brief(&place.short),
            false => place.name.clone(),
        };
        Labels {
            class: size.class,
            exits: (exit_ends.iter())
                .map(|(far, _, edge)| placer.place(*edge, &name(far), true))
                .collect(),
            markers: (markers.iter())
                .map(|&(place, x, y)| placer.place((x, y), &name(place), false))
                .collect(),
        }
    });
    Some(Map {
        id: format!("jq-map-{}", day.index),
        width: fixed(WIDTH),
        height: fixed(HEIGHT),
        title: day.map_title.clone(),
        legs,
        exits,
        markers: (markers.iter().enumerate())
            .map(|(i, &(place, x, y))| Marker {
                kind: place.kind.class(),
                at: point(x, y),
                number: (i + 1).to_string(),
            })
            .collect(),
        labels,
        scale: ScaleBar {
            at: point(scale.at.0, scale.at.1),
            length: fixed(scale.length),
            label: scale.label,
        },
        north: point(north.0, north.1),
        north_label: view.labels.north.plain(),
    })
}

/// A name without the part in brackets that explains it: "鸽子窝公园" for
/// "鸽子窝公园（鹰角公园）". A name that is all brackets stays whole.
fn brief(name: &Bi) -> Bi {
    Bi(name
        .0
        .iter()
        .map(|part| {
            let cut = part.text.find(['（', '(']).filter(|&at| at > 0);
            let text = cut.map_or(part.text.as_str(), |at| part.text[..at].trim_end());
            Part {
                lang: part.lang,
                text: text.to_owned(),
            }
        })
        .collect())
}

/// The places of a day in visiting order, consecutive repeats merged.
fn stops<'v>(view: &'v View, day: &DayView) -> Vec<&'v Place> {
    let mut at: Vec<usize> = Vec::new();
    for row in &day.rows {
        for place in [row.from, row.at].into_iter().flatten() {
            if at.last() != Some(&place) {
                at.push(place);
            }
        }
    }
    at.into_iter().map(|i| &view.places[i]).collect()
}

/// An equirectangular projection, its x stretched by cos(latitude) of the
/// centre so that a kilometre is as long east–west as north–south (good to
/// well under 1% across a region of tens of kilometres), fitted to the frame.
#[derive(Clone, Copy, Debug)]
struct Projection {
    lat0: f64,
    lon0: f64,
    km_per_lon: f64,
    /// SVG units per kilometre.
    scale: f64,
}

impl Projection {
    fn fit(coords: impl Iterator<Item = Coord> + Clone) -> Projection {
        let (mut south, mut north) = (f64::INFINITY, f64::NEG_INFINITY);
        let (mut west, mut east) = (f64::INFINITY, f64::NEG_INFINITY);
        for c in coords {
            south = south.min(c.lat);
            north = north.max(c.lat);
            west = west.min(c.lon);
            east = east.max(c.lon);
        }
        let lat0 = (south + north) / 2.0;
        let lon0 = (west + east) / 2.0;
        let km_per_lon = KM_PER_DEGREE_LON_AT_EQUATOR * lat0.to_radians().cos();
        let span_x = ((east - west) * km_per_lon).max(MIN_SPAN_KM);
        let span_y = ((north - south) * KM_PER_DEGREE_LAT).max(MIN_SPAN_KM);
        let scale = ((WIDTH - 2.0 * PAD_X) / span_x).min((HEIGHT - 2.0 * PAD_Y) / span_y);
        Projection {
            lat0,
            lon0,
            km_per_lon,
            scale,
        }
    }

    /// SVG coordinates of `c`, the fitted box centred in the frame.
    fn point(&self, c: Coord) -> (f64, f64) {
        let x = (c.lon - self.lon0) * self.km_per_lon * self.scale;
        let y = (self.lat0 - c.lat) * KM_PER_DEGREE_LAT * self.scale;
        (WIDTH / 2.0 + x, HEIGHT / 2.0 + y)
    }

    /// Where the ray from `from` towards the far-away `target` leaves the
    /// padded frame (so its label still has room beyond it).
    fn towards_edge(&self, from: (f64, f64), target: (f64, f64)) -> (f64, f64) {
        let (dx, dy) = (target.0 - from.0, target.1 - from.1);
        let (left, right) = (PAD_X / 2.0, WIDTH - PAD_X / 2.0);
        let (top, bottom) = (PAD_Y / 2.0, HEIGHT - PAD_Y);
        let mut t = f64::INFINITY;
        if dx < 0.0 {
            t = t.min((left - from.0) / dx);
        }
        if dx > 0.0 {
            t = t.min((right - from.0) / dx);
        }
        if dy < 0.0 {
            t = t.min((top - from.1) / dy);
        }
        if dy > 0.0 {
            t = t.min((bottom - from.1) / dy);
        }
        if !t.is_finite() {
            return from;
        }
        (from.0 + t * dx, from.1 + t * dy)
    }

    fn scale_bar(&self, lang: Lang) -> Scale {
        let km = scale_km(WIDTH / 4.0 / self.scale);
        // "0.5", not "500 m": one unit for every scale, named in the reader's language.
        let figure = format!("{km}");
        Scale {
            at: (14.0, HEIGHT - 14.0),
            length: km * self.scale,
            label: Bi::say(lang.compact(), &Msg::Kilometres(&figure)).plain(),
        }
    }
}

/// The longest round length (1, 2 or 5 × 10ⁿ km) not longer than `max_km`.
fn scale_km(max_km: f64) -> f64 {
    ROUND_KM
        .iter()
        .copied()
        .take_while(|&km| km <= max_km)
        .last()
        .unwrap_or(ROUND_KM[0])
}

/// The segment `a`–`b` with `by` cut off both ends, so arrows stop at the
/// markers' edges; `None` when the two are too close to draw a line.
fn shorten(a: (f64, f64), b: (f64, f64), by: f64) -> Option<(Point, Point)> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = dx.hypot(dy);
    if length <= 2.0 * by + 4.0 {
        return None;
    }
    let (ux, uy) = (dx / length, dy / length);
    Some((
        point(a.0 + ux * by, a.1 + uy * by),
        point(b.0 - ux * by, b.1 - uy * by),
    ))
}

/// One decimal place: enough for the map, and the same bytes on every run.
fn fixed(v: f64) -> String {
    format!("{v:.1}")
}

fn point(x: f64, y: f64) -> Point {
    Point {
        x: fixed(x),
        y: fixed(y),
    }
}

/// A rough rendered width at `font`: CJK glyphs are a full em, others
/// about half.
fn text_width(text: &str, font: f64) -> f64 {
    text.chars()
        .map(|c| {
            if (c as u32) >= 0x2E80 {
                font
            } else {
                font * 0.56
            }
        })
        .sum()
}

/// An axis-aligned box in SVG units.
#[derive(Clone, Copy, Debug)]
struct Rect {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

impl Rect {
    /// The area this box shares with `other`.
    fn overlap(&self, other: &Rect) -> f64 {
        let w = self.right.min(other.right) - self.left.max(other.left);
        let h = self.bottom.min(other.bottom) - self.top.max(other.top);
        w.max(0.0) * h.max(0.0)
    }

    fn inside_frame(&self) -> bool {
        self.left >= 2.0
            && self.right <= WIDTH - 2.0
            && self.top >= 2.0
            && self.bottom <= HEIGHT - 2.0
    }
}

/// Greedy label placement: each label takes the first place beside its
/// point (right, left, below, above, then right or left shifted up or down,
/// then further below or above) that stays inside the frame and clear of markers, the north arrow, the
/// scale bar and earlier labels, or failing that the one least covered.
/// Cheap, deterministic, and enough for the dozen places of a day.
struct Placer {
    size: Type,
    taken: Vec<Rect>,
}

impl Placer {
    fn new(size: Type) -> Placer {
        Placer {
            size,
            taken: Vec::new(),
        }
    }

    /// The marker's room: the number may be wider than the marker in large
    /// type.
    fn marker_radius(&self) -> f64 {
        MARKER_RADIUS.max(self.size.font * 0.6)
    }

    fn occupy_marker(&mut self, x: f64, y: f64) {
        let r = self.marker_radius();
        self.taken.push(Rect {
            left: x - r,
            top: y - r,
            right: x + r,
            bottom: y + r,
        });
    }

    /// The arrow (22 units high) and its letter below it, as the template
    /// draws them from `at`.
    fn occupy_north(&mut self, at: (f64, f64)) {
        let half = 8.0_f64.max(self.size.north * 0.6);
        self.taken.push(Rect {
            left: at.0 - half,
            top: at.1,
            right: at.0 + half,
            bottom: at.1 + 34.0 + self.size.north * 0.3,
        });
    }

    /// The bar and the words above its right end.
    fn occupy_scale(&mut self, scale: &Scale) {
        let words = text_width(&scale.label, self.size.font);
        let right = scale.at.0 + scale.length;
        self.taken.push(Rect {
            left: scale.at.0.min(right - words),
            top: scale.at.1 - 8.0 - self.size.font,
            right,
            bottom: scale.at.1 + 1.0,
        });
    }

    /// Places `name` beside `at`; `edge` labels (off-map exits) sit right on the point.
    fn place(&mut self, at: (f64, f64), name: &Bi, edge: bool) -> Label {
        let width = name
            .0
            .iter()
            .map(|p| text_width(&p.text, self.size.font))
            .fold(0.0, f64::max);
        let line = self.size.line;
        let height = line * name.0.len() as f64;
        let gap = if edge {
            4.0
        } else {
            self.marker_radius() + 3.0
        };
        let middle = at.1 - height / 2.0;
        let mut candidates = vec![
            ("start", at.0 + gap, middle),
            ("end", at.0 - gap, middle),
            ("middle", at.0, at.1 + gap),
            ("middle", at.0, at.1 - gap - height),
        ];
        // Then beside the point again, moved up or down by one to three
        // label heights, and below or above it one more height away.
        for shift in [1.0, -1.0, 2.0, -2.0, 3.0, -3.0] {
            let top = middle + shift * height;
            candidates.extend([("start", at.0 + gap, top), ("end", at.0 - gap, top)]);
        }
        candidates.extend([
            ("middle", at.0, at.1 + gap + height),
            ("middle", at.0, at.1 - gap - 2.0 * height),
        ]);
        let boxes: Vec<_> = candidates
            .into_iter()
            .map(|(anchor, x, top)| {
                let left = match anchor {
                    "start" => x,
                    "end" => x - width,
                    _ => x - width / 2.0,
                };
                let rect = Rect {
                    left,
                    top,
                    right: left + width,
                    bottom: top + height,
                };
                (anchor, x, top, rect)
            })
            .collect();
        // The least-covered side that fits the frame; the first wins ties.
        let covered = |r: &Rect| self.taken.iter().map(|t| t.overlap(r)).sum::<f64>();
        let chosen = boxes
            .iter()
            .filter(|(_, _, _, r)| r.inside_frame())
            .min_by(|a, b| covered(&a.3).total_cmp(&covered(&b.3)))
            .copied()
            .unwrap_or_else(|| clamp(boxes[0]));
        let (anchor, x, top, rect) = chosen;
        self.taken.push(rect);
        Label {
            anchor,
            lines: (name.0.iter().enumerate())
                .map(|(i, part)| LabelLine {
                    // The baseline sits about 0.8 em below the line's top.
                    at: point(x, top + line * i as f64 + self.size.font * 0.85),
                    lang: part.lang,
                    text: part.text.clone(),
                })
                .collect(),
        }
    }
}

/// Moves a label box that fits nowhere back inside the frame.
fn clamp((anchor, x, top, rect): (&'static str, f64, f64, Rect)) -> (&'static str, f64, f64, Rect) {
    let dx = if rect.left < 2.0 {
        2.0 - rect.left
    } else if rect.right > WIDTH - 2.0 {
        (WIDTH - 2.0 - rect.right).max(2.0 - rect.left)
    } else {
        0.0
    };
    let dy = if rect.top < 2.0 {
        2.0 - rect.top
    } else if rect.bottom > HEIGHT - 2.0 {
        HEIGHT - 2.0 - rect.bottom
    } else {
        0.0
    };
    let moved = Rect {
        left: rect.left + dx,
        top: rect.top + dy,
        right: rect.right + dx,
        bottom: rect.bottom + dy,
    };
    (anchor, x + dx, top + dy, moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(lat: f64, lon: f64) -> Coord {
        Coord { lat, lon }
    }

    #[test]
    fn scale_bar_takes_the_longest_round_length_that_fits() {
        assert_eq!(scale_km(7.3), 5.0);
        assert_eq!(scale_km(10.0), 10.0);
        assert_eq!(scale_km(0.3), 0.2);
        assert_eq!(scale_km(0.01), 0.1);
        assert_eq!(scale_km(1e6), 500.0);
    }

    #[test]
    fn projection_keeps_kilometres_equal_both_ways() {
        // Beidaihe and Shanhaiguan, ~34 km apart, mostly east–west.
        let coords = [at(39.83, 119.48), at(40.01, 119.75)];
        let p = Projection::fit(coords.iter().copied());
        let (x0, y0) = p.point(at(39.9, 119.6));
        let (x1, _) = p.point(at(39.9, 119.6 + 0.01));
        let (_, y1) = p.point(at(39.9 + 0.01, 119.6));
        let km_east = 0.01 * KM_PER_DEGREE_LON_AT_EQUATOR * 39.92_f64.to_radians().cos();
        let km_north = 0.01 * KM_PER_DEGREE_LAT;
        assert!(((x1 - x0) / km_east - (y0 - y1) / km_north).abs() < 1e-6);
        assert!(y1 < y0, "north is up");
    }

    #[test]
    fn projection_fits_every_place_inside_the_padded_frame() {
        let coords = [at(39.83, 119.48), at(40.01, 119.75), at(39.95, 119.60)];
        let p = Projection::fit(coords.iter().copied());
        for c in coords {
            let (x, y) = p.point(c);
            assert!((PAD_X - 1e-6..=WIDTH - PAD_X + 1e-6).contains(&x), "x {x}");
            assert!((PAD_Y - 1e-6..=HEIGHT - PAD_Y + 1e-6).contains(&y), "y {y}");
        }
    }

    #[test]
    fn a_single_place_is_centred() {
        let p = Projection::fit([at(39.9, 119.5)].into_iter());
        assert_eq!(p.point(at(39.9, 119.5)), (WIDTH / 2.0, HEIGHT / 2.0));
    }

    #[test]
    fn exits_end_inside_the_frame() {
        let p = Projection::fit([at(39.83, 119.48), at(40.01, 119.75)].into_iter());
        let start = p.point(at(39.93, 119.60));
        let beijing = p.point(at(39.90, 116.43));
        let (x, y) = p.towards_edge(start, beijing);
        assert!(
            (x - PAD_X / 2.0).abs() < 1e-6,
            "leaves by the west edge: {x}"
        );
        assert!((0.0..HEIGHT).contains(&y));
    }

    #[test]
    fn brief_names_drop_their_bracketed_part() {
        let name = |text: &str| {
            Bi(vec![Part {
                lang: Language::Zh,
                text: text.into(),
            }])
        };
        let brief_text = |text: &str| brief(&name(text)).0[0].text.clone();
        assert_eq!(brief_text("鸽子窝公园（鹰角公园）"), "鸽子窝公园");
        assert_eq!(
            brief_text("Old Dragon's Head (Laolongtou)"),
            "Old Dragon's Head"
        );
        assert_eq!(brief_text("老龙头"), "老龙头");
        assert_eq!(brief_text("（示例）"), "（示例）");
    }

    #[test]
    fn labels_avoid_each_other_and_stay_in_the_frame() {
        let mut placer = Placer::new(WIDE);
        let name = Bi(vec![Part {
            lang: Language::Zh,
            text: "北戴河医疗气功医院".into(),
        }]);
        let first = placer.place((WIDTH - 20.0, 100.0), &name, false);
        let second = placer.place((WIDTH - 20.0, 100.0), &name, false);
        assert_eq!(first.anchor, "end", "no room on the right at the edge");
        assert_ne!(first.lines[0].at, second.lines[0].at);
        assert!(placer.taken.iter().all(Rect::inside_frame));
        let [a, b] = [&placer.taken[0], &placer.taken[1]];
        assert_eq!(a.overlap(b), 0.0);
    }
}
