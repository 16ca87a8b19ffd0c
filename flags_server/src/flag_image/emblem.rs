//! The shapes a flag is drawn with, as pure geometry: one small function per kind of shape.
//!
//! Every function answers one question about a point `(x, y)` in the flag's own units (the
//! grid its design is given in, `y` growing downwards): does it lie inside the shape? Discs,
//! rings, crescents, bands and the chakra are distance tests; stars, the maple leaf and the
//! other figures are polygons, tested by counting how many edges a ray from the point crosses
//! (even-odd). Nothing here knows about pixels, palettes or GIFs, so each shape can be read,
//! and tested, on its own; [`flag_image`](super) asks these questions of each pixel's centre.
//!
//! Angles are in degrees, clockwise from straight up, as a compass reads: a star "at 0°" has
//! a point straight up, one "at 90°" points towards the fly.

use crate::countries::{Colour, Figure, Point};
use std::f32::consts::PI;

/// The unit vector at `degrees` clockwise from straight up.
fn heading(degrees: f32) -> Point {
    let radians = degrees * PI / 180.0;
    (radians.sin(), -radians.cos())
}

/// The compass angle, in degrees, of the direction `(dx, dy)`.
pub fn bearing((dx, dy): Point) -> f32 {
    dx.atan2(-dy) * 180.0 / PI
}

/// The direction of `(x, y)`, one unit long.
fn unit((x, y): Point) -> Point {
    let length = x.hypot(y);
    (x / length, y / length)
}

fn dot(a: Point, b: Point) -> f32 {
    a.0 * b.0 + a.1 * b.1
}

fn minus(a: Point, b: Point) -> Point {
    (a.0 - b.0, a.1 - b.1)
}

fn distance(a: Point, b: Point) -> f32 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

/// Inside the rectangle from `top_left` to `bottom_right`.
pub fn in_rect(p: Point, top_left: Point, bottom_right: Point) -> bool {
    (top_left.0..bottom_right.0).contains(&p.0) && (top_left.1..bottom_right.1).contains(&p.1)
}

/// Inside the disc of `radius` around `centre`.
pub fn in_disc(p: Point, centre: Point, radius: f32) -> bool {
    distance(p, centre) <= radius
}

/// Inside the axis-aligned ellipse with these half-axes.
pub fn in_ellipse(p: Point, centre: Point, (rx, ry): Point) -> bool {
    let (dx, dy) = ((p.0 - centre.0) / rx, (p.1 - centre.1) / ry);
    dx * dx + dy * dy <= 1.0
}

/// Inside the ring between the two radii, on the arc from `from` clockwise to `to` degrees
/// (`0.0` to `360.0` is the whole ring).
pub fn in_ring(p: Point, centre: Point, (outer, inner): Point, (from, to): Point) -> bool {
    let d = distance(p, centre);
    if d > outer || d < inner {
        return false;
    }
    let angle = bearing(minus(p, centre));
    (angle - from).rem_euclid(360.0) <= to - from
}

/// Inside the crescent that is left of a disc when a second disc, its `bite`, is taken out.
pub fn in_crescent(p: Point, centre: Point, radius: f32, bite: Point, bite_radius: f32) -> bool {
    in_disc(p, centre, radius) && !in_disc(p, bite, bite_radius)
}

/// Inside the lozenge with these half-diagonals.
pub fn in_diamond(p: Point, centre: Point, (half_width, half_height): Point) -> bool {
    (p.0 - centre.0).abs() / half_width + (p.1 - centre.1).abs() / half_height <= 1.0
}

/// Within `half_width` of the segment from `from` to `to`: a stroke with round ends, so
/// bands that meet at a point join without a notch.
pub fn in_band(p: Point, from: Point, to: Point, half_width: f32) -> bool {
    let along = minus(to, from);
    let t = (dot(minus(p, from), along) / dot(along, along)).clamp(0.0, 1.0);
    let nearest = (from.0 + t * along.0, from.1 + t * along.1);
    distance(p, nearest) <= half_width
}

/// A cross spanning the whole flag: within `half_width` of the vertical line through
/// `centre.0` or of the horizontal line through `centre.1` (the Nordic crosses, Georgia's).
pub fn in_cross(p: Point, centre: Point, half_width: f32) -> bool {
    (p.0 - centre.0).abs() < half_width || (p.1 - centre.1).abs() < half_width
}

/// A cross standing free, like Switzerland's: arms reaching `arm` from the centre.
pub fn in_plus(p: Point, centre: Point, arm: f32, half_width: f32) -> bool {
    let (dx, dy) = ((p.0 - centre.0).abs(), (p.1 - centre.1).abs());
    (dx < half_width && dy < arm) || (dy < half_width && dx < arm)
}

/// Inside the polygon with these corners, by the even-odd rule: a ray from the point
/// towards the fly crosses its edges an odd number of times.
pub fn in_polygon(p: Point, corners: &[Point]) -> bool {
    let mut inside = false;
    let mut previous = corners[corners.len() - 1];
    for &corner in corners {
        let ((x0, y0), (x1, y1)) = (previous, corner);
        if (y0 > p.1) != (y1 > p.1) && p.0 < x0 + (p.1 - y0) / (y1 - y0) * (x1 - x0) {
            inside = !inside;
        }
        previous = corner;
    }
    inside
}

/// The corners of a star with `points` points of `radius`, its notches at `inner` times
/// the radius, its first point at `angle` degrees. A regular five-pointed star has
/// `inner` 0.382.
pub fn star(centre: Point, radius: f32, points: u8, inner: f32, angle: f32) -> Vec<Point> {
    let corners = 2 * u16::from(points);
    (0..corners)
        .map(|i| {
            let r = if i.is_multiple_of(2) {
                radius
            } else {
                radius * inner
            };
            let (ux, uy) = heading(angle + f32::from(i) * 360.0 / f32::from(corners));
            (centre.0 + r * ux, centre.1 + r * uy)
        })
        .collect()
}

/// On the outline of a pentagram (Morocco's, Ethiopia's): within `half_width` of one of the
/// five lines joining every second point of a star of `radius`, its first point up.
pub fn in_pentagram(p: Point, centre: Point, radius: f32, half_width: f32) -> bool {
    let tip = |i: u8| {
        let (ux, uy) = heading(f32::from(i) * 72.0);
        (centre.0 + radius * ux, centre.1 + radius * uy)
    };
    (0..5).any(|i| in_band(p, tip(i), tip((i + 2) % 5), half_width))
}

/// On the outline of a Star of David: two triangles of circumradius `radius`, one pointing
/// up and one down, each drawn as a line `width` wide inside its edge.
pub fn in_hexagram(p: Point, centre: Point, radius: f32, width: f32) -> bool {
    let d = minus(p, centre);
    // For a triangle centred on the origin, the farthest its point reaches past the centre
    // along any of the three edge normals; its edges lie at half the circumradius.
    let reach = |first_normal: f32| {
        (0..3u8)
            .map(|k| dot(d, heading(first_normal + 120.0 * f32::from(k))))
            .fold(f32::MIN, f32::max)
    };
    let edge = radius / 2.0;
    [180.0, 0.0].iter().any(|&normal| {
        let r = reach(normal);
        r <= edge && r > edge - width
    })
}

/// The Ashoka Chakra: a wheel with a rim, a hub, `spokes` spokes that are thickest half-way
/// out, and a small knob on the rim between each pair of spokes.
pub fn in_wheel(p: Point, centre: Point, radius: f32, spokes: u8) -> bool {
    let d = distance(p, centre) / radius; // 0 at the centre, 1 at the rim's edge
    if d > 1.0 {
        return false;
    }
    if d >= 0.87 || d <= 0.2 {
        return true;
    }
    let spacing = 360.0 / f32::from(spokes);
    let turns = bearing(minus(p, centre)) / spacing;
    // How far round from the nearest spoke, and from the nearest knob between two spokes.
    let from_spoke = (turns - turns.round()).abs() * spacing * PI / 180.0;
    let from_knob = ((turns - 0.5) - (turns - 0.5).round()).abs() * spacing * PI / 180.0;
    let half_width = 0.015 + 0.03 * (1.0 - ((d - 0.55) / 0.35).abs()).max(0.0);
    let knob = (d - 0.85).hypot(from_knob * 0.85) < 0.045;
    d * from_spoke.sin() < half_width || knob
}

/// Korea's taegeuk, a yin-yang of `radius`: `Some(true)` for the upper colour, `Some(false)`
/// for the lower, `None` outside. `head` points from the centre to the upper colour's round
/// head; the lower colour holds the half of the disc on the side of `(head.1, -head.0)`,
/// and its own head lies opposite the upper one's.
pub fn taegeuk(p: Point, centre: Point, radius: f32, head: Point) -> Option<bool> {
    let d = minus(p, centre);
    if dot(d, d) > radius * radius {
        return None;
    }
    let axis = unit(head);
    let half = radius / 2.0;
    let upper_head = (centre.0 + half * axis.0, centre.1 + half * axis.1);
    let lower_head = (centre.0 - half * axis.0, centre.1 - half * axis.1);
    Some(if in_disc(p, upper_head, half) {
        true
    } else if in_disc(p, lower_head, half) {
        false
    } else {
        dot(d, (axis.1, -axis.0)) <= 0.0
    })
}

/// One of the Korean flag's trigrams, on the line from the taegeuk's `centre` (of `radius`)
/// towards `towards`: three bars, innermost first, `true` for a whole bar and `false` for a
/// broken one. Sizes follow the Korean flag law: each bar is as long as the radius and a
/// sixth of it thick, the bars a twelfth of the radius apart, the nearest half a radius
/// beyond the circle, a broken bar's gap a twelfth of the radius wide.
pub fn in_trigram(p: Point, centre: Point, radius: f32, towards: Point, whole: [bool; 3]) -> bool {
    let along = unit(towards);
    let across = (-along.1, along.0);
    let d = minus(p, centre);
    let (s, t) = (dot(d, along) / radius, dot(d, across).abs() / radius);
    if t > 0.5 {
        return false;
    }
    whole.iter().enumerate().any(|(i, &solid)| {
        let middle = (19.0 + 3.0 * i as f32) / 12.0;
        (s - middle).abs() < 1.0 / 12.0 && (solid || t > 1.0 / 24.0)
    })
}

/// The Union Jack filling the rectangle from `top_left` to `bottom_right`: the colour at `p`,
/// drawn on the 60 × 30 grid of its standard construction, the red saltire counterchanged
/// (in the upper hoist the broad white lies above the red).
pub fn union_jack(p: Point, top_left: Point, bottom_right: Point) -> Option<Colour> {
    if !in_rect(p, top_left, bottom_right) {
        return None;
    }
    let u = (p.0 - top_left.0) / (bottom_right.0 - top_left.0) * 60.0;
    let v = (p.1 - top_left.1) / (bottom_right.1 - top_left.1) * 30.0;
    let (across, down) = ((u - 30.0).abs(), (v - 15.0).abs());
    if across < 3.0 || down < 3.0 {
        return Some(Colour::Red);
    }
    if across < 5.0 || down < 5.0 {
        return Some(Colour::White);
    }
    // Signed distance below each diagonal: the one from the top-left corner, and the one
    // from the bottom-left corner.
    let hypotenuse = 60.0_f32.hypot(30.0);
    let below_falling = (60.0 * v - 30.0 * u) / hypotenuse;
    let below_rising = (60.0 * v + 30.0 * u - 1800.0) / hypotenuse;
    let below = if (u < 30.0) == (v < 15.0) {
        below_falling
    } else {
        below_rising
    };
    // Hoist side: the red lies below its diagonal; fly side: above.
    let red_side = if u < 30.0 { below } else { -below };
    if (0.0..2.0).contains(&red_side) {
        Some(Colour::Red)
    } else if below.abs() < 3.0 {
        Some(Colour::White)
    } else {
        Some(Colour::Navy)
    }
}

/// A band at the hoist with a serrated edge (Bahrain, Qatar): `teeth` points between
/// `base` and `tip` from the hoist, down the flag's whole `height`.
pub fn in_serration(p: Point, base: f32, tip: f32, teeth: u8, height: f32) -> bool {
    let phase = (p.1 / height * f32::from(teeth)).fract();
    let profile = 1.0 - (2.0 * phase - 1.0).abs(); // 0 at a notch, 1 at a point
    p.0 < base + (tip - base) * profile
}

/// A stripe from `top` to `bottom` whose edges wave with this `amplitude` and `wavelength`.
pub fn in_wave(p: Point, (top, bottom): Point, amplitude: f32, wavelength: f32) -> bool {
    let shift = amplitude * (2.0 * PI * p.0 / wavelength).sin();
    (top + shift..bottom + shift).contains(&p.1)
}

/// The squares of a chequerboard, `columns` × `rows` over the rectangle, that share the
/// colour of its top-left square.
pub fn in_chequer(
    p: Point,
    top_left: Point,
    bottom_right: Point,
    (columns, rows): (u8, u8),
) -> bool {
    if !in_rect(p, top_left, bottom_right) {
        return false;
    }
    let column = ((p.0 - top_left.0) / (bottom_right.0 - top_left.0) * f32::from(columns)) as u32;
    let row = ((p.1 - top_left.1) / (bottom_right.1 - top_left.1) * f32::from(rows)) as u32;
    (column + row).is_multiple_of(2)
}

/// The corners of `figure`, placed with its middle at `centre` and scaled to `height`.
pub fn figure(figure: Figure, centre: Point, height: f32) -> Vec<Point> {
    let half = outline(figure);
    // The outline is the right half, from the top of its axis down to the bottom; the left
    // half is its mirror image, walked back up.
    let corners: Vec<Point> = half
        .iter()
        .copied()
        .chain(half.iter().rev().map(|&(x, y)| (-x, y)))
        .collect();
    let top = corners.iter().map(|c| c.1).fold(f32::MAX, f32::min);
    let bottom = corners.iter().map(|c| c.1).fold(f32::MIN, f32::max);
    let scale = height / (bottom - top);
    let middle = (top + bottom) / 2.0;
    corners
        .iter()
        .map(|&(x, y)| (centre.0 + x * scale, centre.1 + (y - middle) * scale))
        .collect()
}

/// The right half of each figure's outline, from the top of its axis of symmetry round to
/// the bottom, in any units (it is scaled to fit).
fn outline(figure: Figure) -> &'static [Point] {
    match figure {
        Figure::MapleLeaf => MAPLE_LEAF,
        Figure::Shield => SHIELD,
        Figure::Eagle => EAGLE,
        Figure::DoubleEagle => DOUBLE_EAGLE,
        Figure::Crown => CROWN,
        Figure::Cedar => CEDAR,
        Figure::Trident => TRIDENT,
        Figure::Hat => HAT,
        Figure::Temple => TEMPLE,
    }
}

/// Canada's eleven-point maple leaf, its stem at the bottom (the arcs of the official
/// drawing's notches become corners).
const MAPLE_LEAF: &[Point] = &[
    (0.0, -2000.0),
    (332.0, -1348.0),
    (423.0, -1321.0),
    (750.0, -1510.0),
    (546.0, -458.0),
    (657.0, -401.0),
    (1080.0, -855.0),
    (1185.0, -608.0),
    (1258.0, -570.0),
    (1800.0, -685.0),
    (1614.0, -113.0),
    (1648.0, -34.0),
    (1860.0, 65.0),
    (919.0, 827.0),
    (899.0, 900.0),
    (1015.0, 1220.0),
    (156.0, 1069.0),
    (45.0, 1167.0),
    (90.0, 2030.0),
];

/// A heater shield: flat top, straight sides curving in to a point.
const SHIELD: &[Point] = &[
    (0.0, -1.0),
    (0.8, -1.0),
    (0.8, 0.1),
    (0.72, 0.45),
    (0.5, 0.75),
    (0.25, 0.92),
    (0.0, 1.0),
];

/// An eagle facing the viewer, wings raised (Egypt's, Mexico's, Zambia's, simplified).
const EAGLE: &[Point] = &[
    (0.0, -1.0),
    (0.1, -0.97),
    (0.13, -0.85),
    (0.08, -0.72),
    (0.22, -0.62),
    (0.5, -0.88),
    (0.8, -0.95),
    (1.0, -0.85),
    (0.9, -0.62),
    (0.96, -0.5),
    (0.8, -0.36),
    (0.86, -0.24),
    (0.62, -0.1),
    (0.4, -0.08),
    (0.3, 0.3),
    (0.42, 0.55),
    (0.3, 0.62),
    (0.32, 0.95),
    (0.14, 0.86),
    (0.0, 1.0),
];

/// A double-headed eagle, the heads turned outwards (Albania's, Serbia's, Montenegro's).
const DOUBLE_EAGLE: &[Point] = &[
    (0.0, -0.68),
    (0.08, -0.8),
    (0.16, -0.95),
    (0.27, -0.98),
    (0.4, -0.9),
    (0.27, -0.84),
    (0.19, -0.72),
    (0.26, -0.6),
    (0.5, -0.84),
    (0.76, -0.95),
    (1.0, -0.9),
    (0.9, -0.72),
    (0.98, -0.6),
    (0.85, -0.46),
    (0.92, -0.35),
    (0.76, -0.2),
    (0.8, -0.1),
    (0.56, 0.0),
    (0.38, 0.05),
    (0.3, 0.32),
    (0.46, 0.55),
    (0.34, 0.62),
    (0.3, 0.95),
    (0.14, 0.85),
    (0.0, 1.0),
];

/// A closed crown: cross and orb on top, arches, a band below.
const CROWN: &[Point] = &[
    (0.0, -1.0),
    (0.07, -0.92),
    (0.05, -0.8),
    (0.35, -0.66),
    (0.75, -0.45),
    (0.92, -0.1),
    (0.85, 0.45),
    (0.95, 0.55),
    (0.95, 1.0),
    (0.0, 1.0),
];

/// Lebanon's cedar: tiers of branches on a short trunk.
const CEDAR: &[Point] = &[
    (0.0, -1.0),
    (0.3, -0.6),
    (0.14, -0.6),
    (0.6, -0.2),
    (0.34, -0.2),
    (0.9, 0.2),
    (0.5, 0.2),
    (1.2, 0.62),
    (0.12, 0.62),
    (0.12, 1.0),
    (0.0, 1.0),
];

/// Barbados's broken trident: three prongs on a shaft cut short.
const TRIDENT: &[Point] = &[
    (0.0, -1.0),
    (0.14, -0.7),
    (0.06, -0.68),
    (0.06, 0.05),
    (0.3, 0.05),
    (0.36, -0.45),
    (0.3, -0.5),
    (0.5, -0.85),
    (0.56, -0.35),
    (0.5, 0.15),
    (0.35, 0.32),
    (0.08, 0.36),
    (0.08, 0.62),
    (0.14, 0.62),
    (0.14, 0.7),
    (0.08, 0.7),
    (0.08, 1.0),
    (0.0, 1.0),
];

/// Lesotho's mokorotlo: a conical hat with a knob on top and a wide brim.
const HAT: &[Point] = &[
    (0.0, -1.0),
    (0.09, -0.92),
    (0.07, -0.8),
    (0.5, 0.35),
    (1.0, 0.62),
    (0.92, 0.78),
    (0.5, 0.68),
    (0.0, 0.75),
];

/// A temple front with five towers, the middle one tallest (Angkor Wat, Afghanistan's mosque).
const TEMPLE: &[Point] = &[
    (0.0, -1.0),
    (0.05, -0.9),
    (0.1, -0.55),
    (0.2, -0.4),
    (0.27, -0.68),
    (0.31, -0.74),
    (0.35, -0.68),
    (0.42, -0.3),
    (0.52, -0.5),
    (0.56, -0.55),
    (0.6, -0.5),
    (0.68, -0.12),
    (0.8, -0.1),
    (0.8, 0.3),
    (1.0, 0.3),
    (1.0, 1.0),
    (0.0, 1.0),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_polygon_holds_its_middle_and_not_its_outside() {
        let square = [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0)];
        assert!(in_polygon((1.0, 1.0), &square));
        assert!(!in_polygon((3.0, 1.0), &square));
        assert!(!in_polygon((1.0, -0.5), &square));
    }

    #[test]
    fn a_star_has_its_points_out_and_its_notches_in() {
        let corners = star((0.0, 0.0), 1.0, 5, 0.382, 0.0);
        assert_eq!(corners.len(), 10);
        assert!(in_polygon((0.0, -0.9), &corners), "the top point");
        assert!(!in_polygon((0.3, -0.6), &corners), "beside the top point");
        assert!(in_polygon((0.0, 0.0), &corners), "the middle");
    }

    #[test]
    fn a_bearing_reads_like_a_compass() {
        assert!(bearing((0.0, -1.0)).abs() < 1e-4);
        assert!((bearing((1.0, 0.0)) - 90.0).abs() < 1e-4);
        assert!((bearing((-1.0, 0.0)).abs() - 90.0).abs() < 1e-4);
    }

    #[test]
    fn a_crescent_is_the_disc_less_its_bite() {
        let (centre, bite) = ((0.0, 0.0), (0.3, 0.0));
        assert!(in_crescent((-0.9, 0.0), centre, 1.0, bite, 0.8));
        assert!(!in_crescent((0.5, 0.0), centre, 1.0, bite, 0.8));
    }

    #[test]
    fn a_ring_arc_covers_only_its_angles() {
        let (centre, radii) = ((0.0, 0.0), (1.0, 0.8));
        assert!(in_ring((0.0, 0.9), centre, radii, (90.0, 270.0)), "bottom");
        assert!(!in_ring((0.0, -0.9), centre, radii, (90.0, 270.0)), "top");
        assert!(in_ring((0.0, -0.9), centre, radii, (0.0, 360.0)));
        assert!(
            !in_ring((0.0, 0.0), centre, radii, (0.0, 360.0)),
            "the hole"
        );
    }

    #[test]
    fn every_figure_is_a_closed_outline_of_the_asked_height() {
        for figure_kind in Figure::ALL {
            let corners = figure(figure_kind, (5.0, 5.0), 2.0);
            let top = corners.iter().map(|c| c.1).fold(f32::MAX, f32::min);
            let bottom = corners.iter().map(|c| c.1).fold(f32::MIN, f32::max);
            assert!((bottom - top - 2.0).abs() < 1e-4, "{figure_kind:?}");
            assert!(in_polygon((5.0, 5.3), &corners), "{figure_kind:?}");
        }
    }
}
