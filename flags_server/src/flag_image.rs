//! Draws a [`Flag`] as a real GIF89a file with the `gif` crate.
//!
//! The book's server sent real GIF files of about 400 × 300 pixels. Ours fit the same box at
//! each flag's own proportions: 300 pixels high, or 400 wide when the flag is longer than 4:3
//! (Switzerland is 300 × 300, Japan 400 × 267, the United Kingdom 400 × 200). A user who opens
//! `downloads/br.gif` sees Brazil, and each file weighs a few KB at most, within the book's
//! 1–36 KB or, for the plainest stripes, a little under.
//!
//! Why it is built this way: the flags are drawn, not stored, so the 194 designs in
//! [`countries`](crate::countries) are data a reader can check against the real flags, where
//! 194 image files would be bytes nobody can review. A flag is painted as a sign-writer would
//! paint it: the field of stripes first, then each mark over what is there, in the order its
//! design lists them. Each mark is plain geometry, in the `emblem` submodule: for every pixel
//! in the mark's bounding box, is the pixel's centre inside the shape? There is no
//! antialiasing: a GIF's palette is indexed, and [`Colour::ALL`] is a small fixed palette, so
//! a pixel is one colour or another.
//!
//! Nothing depends on a clock, a random number or the order of a hash map, so a design gives
//! the same bytes on every run. Drawing all 194 takes well under a second even in a debug
//! build, and the server draws each flag once per process and keeps it (`files.rs`).

mod emblem;

use crate::countries::{Aim, Colour, Flag, Layout, Mark, Point};

/// The box every flag is drawn to fit, as the book's were: width and height in pixels.
pub const BOX: (u16, u16) = (400, 300);

/// The size in pixels that `flag` is drawn at: 300 high, or 400 wide when it is longer than
/// 4:3, its width and height in its own proportions.
///
/// ```
/// use flags_server::countries::country;
/// use flags_server::flag_image::size;
/// assert_eq!(size(&country("JP").unwrap().flag), (400, 267));
/// assert_eq!(size(&country("GB").unwrap().flag), (400, 200));
/// assert_eq!(size(&country("CH").unwrap().flag), (300, 300));
/// ```
pub fn size(flag: &Flag) -> (u16, u16) {
    let (width, height) = flag.size;
    let (box_width, box_height) = (f32::from(BOX.0), f32::from(BOX.1));
    if width / height > box_width / box_height {
        (BOX.0, (box_width * height / width).round() as u16)
    } else {
        ((box_height * width / height).round() as u16, BOX.1)
    }
}

/// Encodes `flag` as a GIF image.
///
/// ```
/// let brazil = flags_server::countries::country("BR").unwrap();
/// let gif = flags_server::flag_image::render(&brazil.flag);
/// assert!(gif.starts_with(b"GIF89a"));
/// ```
pub fn render(flag: &Flag) -> Vec<u8> {
    let canvas = paint(flag);
    let mut palette: Vec<u8> = Colour::ALL.iter().flat_map(|colour| colour.rgb()).collect();
    palette.resize(16 * 3, 0);
    let mut bytes = Vec::new();
    {
        // Writing to a Vec cannot fail, and the sizes are fixed and valid.
        let mut encoder = gif::Encoder::new(&mut bytes, canvas.width, canvas.height, &palette)
            .expect("a GIF header fits in memory");
        let frame =
            gif::Frame::from_indexed_pixels(canvas.width, canvas.height, canvas.pixels, None);
        encoder
            .write_frame(&frame)
            .expect("a GIF frame fits in memory");
    }
    bytes
}

/// The pixels of a flag being painted: palette indices, row by row.
struct Canvas {
    /// Width in pixels.
    width: u16,
    /// Height in pixels.
    height: u16,
    /// Pixels per unit of the flag's own size, across and down.
    scale: Point,
    /// One palette index per pixel, top row first.
    pixels: Vec<u8>,
}

impl Canvas {
    /// Paints `inside`'s colour on every pixel of the box from `top_left` to `bottom_right`
    /// (in the flag's units) whose centre it says is inside.
    fn paint(
        &mut self,
        (top_left, bottom_right): (Point, Point),
        inside: impl Fn(Point) -> Option<Colour>,
    ) {
        let columns = pixel_range(top_left.0, bottom_right.0, self.scale.0, self.width);
        let rows = pixel_range(top_left.1, bottom_right.1, self.scale.1, self.height);
        for y in rows {
            let v = (f32::from(y) + 0.5) / self.scale.1;
            for x in columns.clone() {
                let u = (f32::from(x) + 0.5) / self.scale.0;
                if let Some(colour) = inside((u, v)) {
                    self.pixels[usize::from(y) * usize::from(self.width) + usize::from(x)] =
                        colour.index();
                }
            }
        }
    }
}

/// The pixels, along one axis, whose centres may lie between `from` and `to` (in the flag's
/// units, at `scale` pixels to the unit), clipped to the `limit` the canvas has.
fn pixel_range(from: f32, to: f32, scale: f32, limit: u16) -> std::ops::Range<u16> {
    let first = (from * scale).floor().max(0.0) as u16;
    let last = ((to * scale).ceil().max(0.0) as u16).min(limit);
    first.min(last)..last
}

/// Paints `flag`: its field, then each mark in order.
fn paint(flag: &Flag) -> Canvas {
    let (width, height) = size(flag);
    let mut canvas = Canvas {
        width,
        height,
        scale: (
            f32::from(width) / flag.size.0,
            f32::from(height) / flag.size.1,
        ),
        pixels: vec![0; usize::from(width) * usize::from(height)],
    };
    paint_field(&mut canvas, flag.layout);
    for mark in flag.marks {
        paint_mark(&mut canvas, flag, mark);
    }
    canvas
}

/// Paints the field's stripes, a row (or a column) at a time: every flag starts this way,
/// so it is worth doing without asking about each pixel.
fn paint_field(canvas: &mut Canvas, layout: Layout) {
    let (stripes, across) = match layout {
        Layout::Horizontal(stripes) => (stripes, false),
        Layout::Vertical(stripes) => (stripes, true),
    };
    // The stripe whose share of the flag holds the pixel `i` of `count`.
    let stripe = |i: u16, count: u16| {
        let share = (f32::from(i) + 0.5) / f32::from(count);
        let index = (share * stripes.len() as f32) as usize;
        stripes[index.min(stripes.len() - 1)].index()
    };
    let width = usize::from(canvas.width);
    let across_row: Vec<u8> = (0..canvas.width).map(|x| stripe(x, canvas.width)).collect();
    for (y, row) in (0..canvas.height).zip(canvas.pixels.chunks_mut(width)) {
        if across {
            row.copy_from_slice(&across_row);
        } else {
            row.fill(stripe(y, canvas.height));
        }
    }
}

/// The box from `centre - reach` to `centre + reach`.
fn around(centre: Point, reach: f32) -> (Point, Point) {
    (
        (centre.0 - reach, centre.1 - reach),
        (centre.0 + reach, centre.1 + reach),
    )
}

/// The box that holds every corner.
fn bounding(corners: &[Point]) -> (Point, Point) {
    corners.iter().fold(
        ((f32::MAX, f32::MAX), (f32::MIN, f32::MIN)),
        |((x0, y0), (x1, y1)), &(x, y)| ((x0.min(x), y0.min(y)), (x1.max(x), y1.max(y))),
    )
}

/// Paints one mark: works out the box it lies in and asks its shape about each pixel there.
fn paint_mark(canvas: &mut Canvas, flag: &Flag, mark: &Mark) {
    let whole = ((0.0, 0.0), flag.size);
    match *mark {
        Mark::Rect {
            colour,
            top_left,
            bottom_right,
        } => {
            canvas.paint((top_left, bottom_right), |p| {
                emblem::in_rect(p, top_left, bottom_right).then_some(colour)
            });
        }
        Mark::Polygon { colour, corners } => {
            canvas.paint(bounding(corners), |p| {
                emblem::in_polygon(p, corners).then_some(colour)
            });
        }
        Mark::Band {
            colour,
            from,
            to,
            half_width,
        } => {
            let (low, high) = bounding(&[from, to]);
            let reach = (
                (low.0 - half_width, low.1 - half_width),
                (high.0 + half_width, high.1 + half_width),
            );
            canvas.paint(reach, |p| {
                emblem::in_band(p, from, to, half_width).then_some(colour)
            });
        }
        Mark::Disc {
            colour,
            centre,
            radius,
        } => {
            canvas.paint(around(centre, radius), |p| {
                emblem::in_disc(p, centre, radius).then_some(colour)
            });
        }
        Mark::Ellipse {
            colour,
            centre,
            radii,
        } => {
            let reach = (
                (centre.0 - radii.0, centre.1 - radii.1),
                (centre.0 + radii.0, centre.1 + radii.1),
            );
            canvas.paint(reach, |p| {
                emblem::in_ellipse(p, centre, radii).then_some(colour)
            });
        }
        Mark::Ring {
            colour,
            centre,
            radii,
            arc,
        } => {
            canvas.paint(around(centre, radii.0), |p| {
                emblem::in_ring(p, centre, radii, arc).then_some(colour)
            });
        }
        Mark::Crescent {
            colour,
            centre,
            radius,
            bite,
            bite_radius,
        } => {
            canvas.paint(around(centre, radius), |p| {
                emblem::in_crescent(p, centre, radius, bite, bite_radius).then_some(colour)
            });
        }
        Mark::Diamond {
            colour,
            centre,
            half,
        } => {
            let reach = (
                (centre.0 - half.0, centre.1 - half.1),
                (centre.0 + half.0, centre.1 + half.1),
            );
            canvas.paint(reach, |p| {
                emblem::in_diamond(p, centre, half).then_some(colour)
            });
        }
        Mark::Cross {
            colour,
            centre,
            half_width,
        } => {
            canvas.paint(whole, |p| {
                emblem::in_cross(p, centre, half_width).then_some(colour)
            });
        }
        Mark::Plus {
            colour,
            centre,
            arm,
            half_width,
        } => {
            canvas.paint(around(centre, arm), |p| {
                emblem::in_plus(p, centre, arm, half_width).then_some(colour)
            });
        }
        Mark::Star {
            colour,
            centre,
            radius,
            points,
            inner,
            aim,
        } => {
            let angle = match aim {
                Aim::Up => 0.0,
                Aim::Degrees(degrees) => degrees,
                Aim::Towards(target) => emblem::bearing((target.0 - centre.0, target.1 - centre.1)),
            };
            paint_star(
                canvas,
                colour,
                &emblem::star(centre, radius, points, inner, angle),
            );
        }
        Mark::Stars {
            colour,
            centres,
            radius,
        } => {
            for &centre in centres {
                paint_star(canvas, colour, &emblem::star(centre, radius, 5, 0.382, 0.0));
            }
        }
        Mark::StarArc {
            colour,
            centre,
            radius,
            count,
            angles,
            star_radius,
        } => {
            for i in 0..count {
                let angle = (angles.0 + angles.1 * f32::from(i)).to_radians();
                let at = (
                    centre.0 + radius * angle.sin(),
                    centre.1 - radius * angle.cos(),
                );
                paint_star(
                    canvas,
                    colour,
                    &emblem::star(at, star_radius, 5, 0.382, 0.0),
                );
            }
        }
        Mark::Pentagram {
            colour,
            centre,
            radius,
            half_width,
        } => {
            canvas.paint(around(centre, radius + half_width), |p| {
                emblem::in_pentagram(p, centre, radius, half_width).then_some(colour)
            });
        }
        Mark::Hexagram {
            colour,
            centre,
            radius,
            width,
        } => {
            canvas.paint(around(centre, radius), |p| {
                emblem::in_hexagram(p, centre, radius, width).then_some(colour)
            });
        }
        Mark::Wheel {
            colour,
            centre,
            radius,
            spokes,
        } => {
            canvas.paint(around(centre, radius), |p| {
                emblem::in_wheel(p, centre, radius, spokes).then_some(colour)
            });
        }
        Mark::Taegeuk {
            upper,
            lower,
            centre,
            radius,
            head,
        } => {
            canvas.paint(around(centre, radius), |p| {
                emblem::taegeuk(p, centre, radius, head)
                    .map(|is_upper| if is_upper { upper } else { lower })
            });
        }
        Mark::Trigram {
            colour,
            centre,
            radius,
            towards,
            whole,
        } => {
            // The bars lie from 18/12 to 26/12 of the radius out, reaching half a radius
            // either side of the line: all within 0.6 of the radius of their middle.
            let (dx, dy) = towards;
            let out = radius * 22.0 / 12.0 / dx.hypot(dy);
            let middle = (centre.0 + dx * out, centre.1 + dy * out);
            canvas.paint(around(middle, radius * 0.6), |p| {
                emblem::in_trigram(p, centre, radius, towards, whole).then_some(colour)
            });
        }
        Mark::UnionJack {
            top_left,
            bottom_right,
        } => {
            canvas.paint((top_left, bottom_right), |p| {
                emblem::union_jack(p, top_left, bottom_right)
            });
        }
        Mark::Figure {
            colour,
            figure,
            centre,
            height,
        } => {
            let corners = emblem::figure(figure, centre, height);
            canvas.paint(bounding(&corners), |p| {
                emblem::in_polygon(p, &corners).then_some(colour)
            });
        }
        Mark::Serration {
            colour,
            base,
            tip,
            teeth,
        } => {
            canvas.paint(((0.0, 0.0), (tip, flag.size.1)), |p| {
                emblem::in_serration(p, base, tip, teeth, flag.size.1).then_some(colour)
            });
        }
        Mark::Wave {
            colour,
            edges,
            amplitude,
            wavelength,
        } => {
            let reach = (
                (0.0, edges.0 - amplitude),
                (flag.size.0, edges.1 + amplitude),
            );
            canvas.paint(reach, |p| {
                emblem::in_wave(p, edges, amplitude, wavelength).then_some(colour)
            });
        }
        Mark::Chequer {
            colour,
            top_left,
            bottom_right,
            squares,
        } => {
            canvas.paint((top_left, bottom_right), |p| {
                emblem::in_chequer(p, top_left, bottom_right, squares).then_some(colour)
            });
        }
        Mark::Sash {
            colour,
            centre,
            radii,
            within,
        } => {
            canvas.paint(around(within.0, within.1), |p| {
                let on_ring = emblem::in_ring(p, centre, radii, (0.0, 360.0));
                (on_ring && emblem::in_disc(p, within.0, within.1)).then_some(colour)
            });
        }
    }
}

/// Paints a star from its corners.
fn paint_star(canvas: &mut Canvas, colour: Colour, corners: &[Point]) {
    canvas.paint(bounding(corners), |p| {
        emblem::in_polygon(p, corners).then_some(colour)
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::countries::{COUNTRIES, country};
    use std::sync::OnceLock;

    /// The decoded pixels of a rendered GIF, with its size.
    fn decode(bytes: &[u8]) -> (u16, u16, Vec<Colour>) {
        let mut options = gif::DecodeOptions::new();
        options.set_color_output(gif::ColorOutput::Indexed);
        let mut reader = options.read_info(bytes).unwrap();
        let frame = reader.read_next_frame().unwrap().unwrap();
        let pixels = frame
            .buffer
            .iter()
            .map(|&i| Colour::ALL[usize::from(i)])
            .collect();
        (frame.width, frame.height, pixels)
    }

    /// A decoded flag, read at fractions of its width and height.
    struct Picture {
        width: u16,
        height: u16,
        pixels: Vec<Colour>,
    }

    impl Picture {
        fn of(cc: &str) -> Picture {
            let (width, height, pixels) = decode(&render(&country(cc).unwrap().flag));
            Picture {
                width,
                height,
                pixels,
            }
        }

        fn pixel(&self, x: u16, y: u16) -> Colour {
            self.pixels[usize::from(y) * usize::from(self.width) + usize::from(x)]
        }

        /// The part `width` × `height` pixels from (`left`, `top`).
        fn crop(&self, (left, top): (u16, u16), (width, height): (u16, u16)) -> Picture {
            let pixels = (top..top + height)
                .flat_map(|y| (left..left + width).map(move |x| (x, y)))
                .map(|(x, y)| self.pixel(x, y))
                .collect();
            Picture {
                width,
                height,
                pixels,
            }
        }

        /// The colour at (u, v), fractions of the width and height.
        fn at(&self, u: f32, v: f32) -> Colour {
            let x = (u * f32::from(self.width)) as u16;
            let y = (v * f32::from(self.height)) as u16;
            self.pixel(x.min(self.width - 1), y.min(self.height - 1))
        }

        /// How many separate regions of `colour` there are, pixels that touch at a corner
        /// counting as joined. Specks of fewer than four pixels are not counted: without
        /// antialiasing, the very tip of a thin point can land a pixel apart from its star.
        fn regions(&self, colour: Colour) -> usize {
            let (w, h) = (i32::from(self.width), i32::from(self.height));
            let index = |x: i32, y: i32| (y * w + x) as usize;
            let mut seen = vec![false; self.pixels.len()];
            let mut count = 0;
            for (y, x) in (0..h).flat_map(|y| (0..w).map(move |x| (y, x))) {
                if seen[index(x, y)] || self.pixels[index(x, y)] != colour {
                    continue;
                }
                seen[index(x, y)] = true;
                let (mut stack, mut size) = (vec![(x, y)], 0);
                while let Some((x, y)) = stack.pop() {
                    size += 1;
                    for (nx, ny) in (-1..=1).flat_map(|dy| (-1..=1).map(move |dx| (x + dx, y + dy)))
                    {
                        let inside = (0..w).contains(&nx) && (0..h).contains(&ny);
                        if inside && !seen[index(nx, ny)] && self.pixels[index(nx, ny)] == colour {
                            seen[index(nx, ny)] = true;
                            stack.push((nx, ny));
                        }
                    }
                }
                count += usize::from(size >= 4);
            }
            count
        }
    }

    /// Every flag's GIF, in the order of [`COUNTRIES`], drawn once for all the tests.
    fn every_gif() -> &'static [Vec<u8>] {
        static GIFS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
        GIFS.get_or_init(|| {
            COUNTRIES
                .iter()
                .map(|country| render(&country.flag))
                .collect()
        })
    }

    #[test]
    fn every_flag_renders_to_a_decodable_gif_of_its_size() {
        for (country, gif) in COUNTRIES.iter().zip(every_gif()) {
            let (width, height, _) = decode(gif);
            assert_eq!((width, height), size(&country.flag), "{}", country.cc);
        }
    }

    #[test]
    fn rendering_twice_gives_the_same_bytes() {
        for cc in ["CN", "US", "IN", "KR", "CA", "BR"] {
            let flag = &country(cc).unwrap().flag;
            assert_eq!(render(flag), render(flag), "{cc}");
        }
    }

    #[test]
    fn every_flag_fits_the_books_box_and_keeps_its_proportions() {
        for country in &COUNTRIES {
            let (width, height) = size(&country.flag);
            assert!(width <= BOX.0 && height <= BOX.1, "{}", country.cc);
            assert!(width == BOX.0 || height == BOX.1, "{}", country.cc);
            let drawn = f32::from(width) / f32::from(height);
            let real = country.flag.size.0 / country.flag.size.1;
            assert!(
                (drawn / real - 1.0).abs() < 0.01,
                "{}: {drawn} vs {real}",
                country.cc
            );
        }
    }

    #[test]
    fn every_flag_weighs_no_more_than_the_books_largest() {
        // The book's weighed 1–36 KB. Flat colours compress well: a plain tricolour comes
        // out under 1 KB, the busiest flags at a few KB.
        for (country, gif) in COUNTRIES.iter().zip(every_gif()) {
            let bytes = gif.len();
            assert!(
                (500..=36_000).contains(&bytes),
                "{}: {bytes} bytes",
                country.cc
            );
        }
    }

    #[test]
    fn japan_is_white_with_a_red_disc_in_the_middle() {
        let japan = Picture::of("JP");
        assert_eq!(japan.at(0.5, 0.5), Colour::Red);
        assert_eq!(japan.at(0.5, 0.1), Colour::White);
        assert_eq!(japan.at(0.05, 0.05), Colour::White);
        assert_eq!(japan.regions(Colour::Red), 1);
    }

    #[test]
    fn bangladesh_has_its_disc_towards_the_hoist() {
        let bangladesh = Picture::of("BD");
        assert_eq!(bangladesh.at(0.45, 0.5), Colour::Red);
        assert_eq!(bangladesh.at(0.26, 0.5), Colour::Red);
        assert_eq!(bangladesh.at(0.66, 0.5), Colour::Green);
    }

    #[test]
    fn china_has_five_yellow_stars() {
        let china = Picture::of("CN");
        assert_eq!(china.regions(Colour::Yellow), 5);
        assert_eq!(
            china.at(5.0 / 30.0, 5.0 / 20.0),
            Colour::Yellow,
            "the big star's centre"
        );
        assert_eq!(china.at(0.75, 0.75), Colour::Red);
    }

    #[test]
    fn chinas_small_stars_point_at_the_big_one() {
        // One point of the star at (10, 2) reaches 0.9 of its radius towards (5, 5); the
        // opposite direction, 0.9 out, falls between two points.
        let china = Picture::of("CN");
        let (dx, dy) = (-5.0 / 34.0_f32.sqrt(), 3.0 / 34.0_f32.sqrt());
        let at = |reach: f32| china.at((10.0 + reach * dx) / 30.0, (2.0 + reach * dy) / 20.0);
        assert_eq!(at(0.85), Colour::Yellow);
        assert_eq!(at(-0.85), Colour::Red);
    }

    #[test]
    fn vietnam_has_one_yellow_star_in_the_middle() {
        let vietnam = Picture::of("VN");
        assert_eq!(vietnam.regions(Colour::Yellow), 1);
        assert_eq!(vietnam.at(0.5, 0.5), Colour::Yellow);
        assert_eq!(vietnam.at(0.5, 0.15), Colour::Red);
    }

    #[test]
    fn the_us_canton_is_blue_with_fifty_white_stars() {
        let us = Picture::of("US");
        assert_eq!(us.at(0.2, 0.27), Colour::Navy);
        // The canton is 0.76 of the height wide and seven stripes deep.
        let width = (0.76 / 1.9 * f32::from(us.width)) as u16 - 1;
        let height = (7.0 / 13.0 * f32::from(us.height)) as u16 - 1;
        let canton = us.crop((0, 0), (width, height));
        assert_eq!(canton.regions(Colour::White), 50);
        assert_eq!(canton.regions(Colour::Navy), 1);
        assert_eq!(us.at(0.7, 0.03), Colour::Red, "the top stripe");
        assert_eq!(us.at(0.7, 0.97), Colour::Red, "the bottom stripe");
    }

    #[test]
    fn indias_chakra_is_a_navy_wheel_with_white_between_its_spokes() {
        let india = Picture::of("IN");
        assert_eq!(india.at(0.5, 0.5), Colour::Navy, "the hub");
        // The chakra's radius is 0.27 of the 3 × 2 flag: 0.26 out is the rim; 0.18 out,
        // half-way between two spokes, is white.
        let point = |reach: f32, degrees: f32| {
            let (sin, cos) = degrees.to_radians().sin_cos();
            india.at((1.5 + reach * sin) / 3.0, (1.0 - reach * cos) / 2.0)
        };
        assert_eq!(point(0.26, 40.0), Colour::Navy, "the rim");
        assert_eq!(point(0.18, 7.5), Colour::White, "between two spokes");
        assert_eq!(point(0.15, 0.0), Colour::Navy, "on a spoke");
        assert_eq!(india.at(0.5, 0.1), Colour::Orange);
        assert_eq!(india.at(0.5, 0.9), Colour::Green);
    }

    #[test]
    fn canadas_leaf_is_red_with_white_between_its_points() {
        let canada = Picture::of("CA");
        assert_eq!(canada.at(0.5, 0.5), Colour::Red);
        assert_eq!(canada.at(0.5, 0.12), Colour::Red, "the top point");
        assert_eq!(canada.at(0.46, 0.14), Colour::White, "beside the top point");
        assert_eq!(canada.at(0.5, 0.88), Colour::Red, "the stem");
        assert_eq!(canada.at(0.47, 0.88), Colour::White, "beside the stem");
        assert_eq!(canada.at(0.42, 0.5), Colour::Red, "the lower left lobe");
        assert_eq!(canada.at(0.36, 0.68), Colour::White, "the notch below it");
        assert_eq!(canada.at(0.1, 0.5), Colour::Red, "the hoist band");
        assert_eq!(
            canada.regions(Colour::White),
            1,
            "the white square is one region"
        );
    }

    #[test]
    fn koreas_taegeuk_is_red_above_and_blue_below_with_four_trigrams() {
        let korea = Picture::of("KR");
        assert_eq!(korea.at(0.5, 0.5 - 0.15), Colour::Red);
        assert_eq!(korea.at(0.5, 0.5 + 0.15), Colour::Blue);
        assert_eq!(korea.regions(Colour::Red), 1);
        assert_eq!(korea.regions(Colour::Blue), 1);
        // Geon (☰, three whole bars) upper left; gon (☷, six half bars) lower right; gam
        // (☵) upper right and ri (☲) lower left, four and five pieces.
        let (w, h) = (korea.width / 2, korea.height / 2);
        let corner = |left: bool, top: bool| {
            let at = (if left { 0 } else { w }, if top { 0 } else { h });
            korea.crop(at, (w, h)).regions(Colour::Black)
        };
        assert_eq!(corner(true, true), 3, "geon");
        assert_eq!(corner(false, false), 6, "gon");
        assert_eq!(corner(false, true), 5, "gam");
        assert_eq!(corner(true, false), 4, "ri");
    }

    #[test]
    fn turkeys_crescent_is_white_with_red_in_its_hollow_and_a_star_beyond() {
        let turkey = Picture::of("TR");
        // In units of the height: the crescent's outer circle at 0.5 from the hoist, radius
        // 0.25; its hollow centred 0.0625 further; the star at 0.82.
        let at = |x: f32, y: f32| turkey.at(x / 1.5, y);
        assert_eq!(at(0.29, 0.5), Colour::White, "the crescent's back");
        assert_eq!(at(0.6, 0.5), Colour::Red, "the hollow");
        assert_eq!(at(0.82, 0.5), Colour::White, "the star");
        assert_eq!(turkey.regions(Colour::White), 2);
    }

    #[test]
    fn the_nordic_crosses_sit_towards_the_hoist() {
        let denmark = Picture::of("DK");
        assert_eq!(denmark.at(14.0 / 37.0, 0.1), Colour::White);
        assert_eq!(denmark.at(0.5, 0.1), Colour::Red);
        assert_eq!(denmark.at(0.8, 0.5), Colour::White);
        let norway = Picture::of("NO");
        assert_eq!(norway.at(8.0 / 22.0, 0.1), Colour::Blue);
        assert_eq!(norway.at(6.5 / 22.0, 0.1), Colour::White);
    }

    #[test]
    fn switzerland_is_a_white_cross_on_red() {
        let swiss = Picture::of("CH");
        assert_eq!(swiss.at(0.5, 0.5), Colour::White);
        assert_eq!(swiss.at(0.5, 0.25), Colour::White);
        assert_eq!(swiss.at(0.3, 0.3), Colour::Red);
        assert_eq!(swiss.at(0.5, 0.1), Colour::Red);
    }

    #[test]
    fn the_union_jack_has_its_crosses_and_counterchanged_saltire() {
        let uk = Picture::of("GB");
        assert_eq!(uk.at(0.5, 0.5), Colour::Red, "St George");
        assert_eq!(uk.at(0.5, 0.1), Colour::Red);
        assert_eq!(uk.at(0.1, 0.07), Colour::White, "St Andrew, upper hoist");
        assert_eq!(uk.at(0.3, 0.1), Colour::Navy);
        // In the upper hoist, the red lies just below the diagonal and the broad white above.
        let on_diagonal = |u: f32, below: f32| uk.at(u, u + below);
        assert_eq!(on_diagonal(0.2, 0.02), Colour::Red);
        assert_eq!(on_diagonal(0.2, -0.04), Colour::White);
    }

    #[test]
    fn czechia_and_the_philippines_have_their_triangles() {
        let czechia = Picture::of("CZ");
        assert_eq!(czechia.at(0.1, 0.5), Colour::Blue);
        assert_eq!(czechia.at(0.45, 0.5), Colour::Blue, "reaching half-way");
        assert_eq!(czechia.at(0.6, 0.45), Colour::White);
        let philippines = Picture::of("PH");
        assert_eq!(philippines.at(0.144, 0.5), Colour::Yellow, "the sun");
        assert_eq!(
            philippines.regions(Colour::Yellow),
            4,
            "a sun and three stars"
        );
    }

    #[test]
    fn the_crescent_flags_show_crescent_and_star_apart() {
        // Regions of the emblem's colour: the crescent and the star, plus Pakistan's white
        // hoist band and Tunisia's red field.
        for (cc, colour, regions) in [
            ("PK", Colour::White, 3),
            ("DZ", Colour::Red, 2),
            ("MY", Colour::Yellow, 2),
            ("TN", Colour::Red, 3),
            ("AZ", Colour::White, 2),
            ("SG", Colour::White, 7),
        ] {
            assert_eq!(Picture::of(cc).regions(colour), regions, "{cc}");
        }
    }

    #[test]
    fn the_five_pointed_stars_show() {
        // Regions of the star's colour: the stars, and any stripe or quarter of that colour
        // (Senegal's green hoist, Panama's blue quarter, Cuba's two white stripes).
        for (cc, colour, count) in [
            ("GH", Colour::Black, 1),
            ("SN", Colour::Green, 2),
            ("SO", Colour::White, 1),
            ("CM", Colour::Yellow, 2),
            ("PA", Colour::Blue, 2),
            ("CL", Colour::White, 2),
            ("CU", Colour::White, 3),
            ("MM", Colour::White, 1),
        ] {
            assert_eq!(Picture::of(cc).regions(colour), count, "{cc}");
        }
        assert_eq!(Picture::of("GH").at(0.5, 0.5), Colour::Black);
    }

    #[test]
    fn mexicos_eagle_is_brown_on_the_white_stripe() {
        let mexico = Picture::of("MX");
        assert_eq!(mexico.at(0.5, 0.45), Colour::Brown);
        assert_eq!(mexico.at(0.5, 0.05), Colour::White);
        assert_eq!(mexico.at(0.1, 0.5), Colour::Green);
        assert!(!mexico.pixels.contains(&Colour::Orange));
    }
}
