//! Draws a [`Flag`] as a real GIF89a file with the `gif` crate.
//!
//! The book's server sent real GIF files of 1–36 KB. Ours are 120 × 80 pixels in a 16-colour
//! palette, a few hundred bytes each, and the same bytes on every run, so tests can compare
//! them and a user can open `downloads/br.gif` and see a green field with a yellow lozenge and
//! a blue disc.

use crate::countries::{Colour, Flag, Layout, Mark};

/// Width of every generated flag, in pixels.
pub const WIDTH: u16 = 120;
/// Height of every generated flag, in pixels.
pub const HEIGHT: u16 = 80;

/// Encodes `flag` as a GIF image.
///
/// ```
/// let brazil = flags_server::countries::country("BR").unwrap();
/// let gif = flags_server::flag_image::render(&brazil.flag);
/// assert!(gif.starts_with(b"GIF89a"));
/// ```
pub fn render(flag: &Flag) -> Vec<u8> {
    let pixels: Vec<u8> = (0..HEIGHT)
        .flat_map(|y| (0..WIDTH).map(move |x| (x, y)))
        .map(|(x, y)| palette_index(colour_at(flag, f32::from(x) + 0.5, f32::from(y) + 0.5)))
        .collect();
    let mut palette: Vec<u8> = Colour::ALL.iter().flat_map(|colour| colour.rgb()).collect();
    palette.resize(16 * 3, 0);
    let mut bytes = Vec::new();
    {
        // Writing to a Vec cannot fail, and the sizes are fixed and valid.
        let mut encoder = gif::Encoder::new(&mut bytes, WIDTH, HEIGHT, &palette)
            .expect("a GIF header fits in memory");
        let frame = gif::Frame::from_indexed_pixels(WIDTH, HEIGHT, pixels, None);
        encoder
            .write_frame(&frame)
            .expect("a GIF frame fits in memory");
    }
    bytes
}

fn palette_index(colour: Colour) -> u8 {
    Colour::ALL
        .iter()
        .position(|&c| c == colour)
        .map_or(0, |i| i as u8)
}

/// The colour of the flag at pixel centre (x, y).
fn colour_at(flag: &Flag, x: f32, y: f32) -> Colour {
    let (w, h) = (f32::from(WIDTH), f32::from(HEIGHT));
    let (u, v) = (x / w, y / h); // 0..1 across and down
    let mut colour = match flag.layout {
        Layout::Horizontal(stripes) => stripe(stripes, v),
        Layout::Vertical(stripes) => stripe(stripes, u),
        Layout::Quartered(quarters) => quarters[usize::from(v >= 0.5) * 2 + usize::from(u >= 0.5)],
    };
    for mark in flag.marks {
        if let Some(mark_colour) = mark_at(*mark, u, v, w / h) {
            colour = mark_colour;
        }
    }
    colour
}

fn stripe(stripes: &[Colour], position: f32) -> Colour {
    let index = (position * stripes.len() as f32) as usize;
    stripes[index.min(stripes.len() - 1)]
}

/// The mark's colour if (u, v) falls inside it; `aspect` is width over height.
fn mark_at(mark: Mark, u: f32, v: f32, aspect: f32) -> Option<Colour> {
    let in_disc = |cu: f32, cv: f32, radius: f32| {
        let (du, dv) = ((u - cu) * aspect, v - cv);
        du * du + dv * dv <= radius * radius
    };
    let (colour, inside) = match mark {
        Mark::Disc(c) => (c, in_disc(0.5, 0.5, 0.25)),
        Mark::HoistDisc(c) => (c, in_disc(0.35, 0.5, 0.25)),
        Mark::NordicCross(c) => (c, (0.3..0.42).contains(&u) || (0.4..0.6).contains(&v)),
        Mark::CentreCross(c) => (c, (0.45..0.55).contains(&u) || (0.42..0.58).contains(&v)),
        Mark::Plus(c) => {
            let near = |a: f32, half: f32| (a - 0.5).abs() < half;
            let horizontal = near(u, 0.25 / aspect) && near(v, 0.08);
            let vertical = near(u, 0.08 / aspect) && near(v, 0.25);
            (c, horizontal || vertical)
        }
        Mark::Saltire(c) => (c, (u - v).abs() < 0.08 || (u + v - 1.0).abs() < 0.08),
        Mark::Diagonal(c) => (c, (u + v - 1.0).abs() < 0.12),
        Mark::Triangle(c) => (c, u < 0.4 * (1.0 - (2.0 * v - 1.0).abs())),
        Mark::HoistBar(c) => (c, u < 0.25),
        Mark::Canton(c) => (c, u < 0.4 && v < 0.5),
        Mark::CantonDisc(c) => (c, in_disc(0.2, 0.25, 0.12)),
        Mark::Diamond(c) => (c, (u - 0.5).abs() / 0.45 + (v - 0.5).abs() / 0.42 < 1.0),
    };
    inside.then_some(colour)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::countries::COUNTRIES;

    #[test]
    fn every_flag_renders_to_a_decodable_gif() {
        for country in &COUNTRIES {
            let bytes = render(&country.flag);
            let decoder = gif::DecodeOptions::new();
            let mut reader = decoder.read_info(bytes.as_slice()).unwrap();
            let frame = reader.read_next_frame().unwrap().unwrap();
            assert_eq!(
                (frame.width, frame.height),
                (WIDTH, HEIGHT),
                "{}",
                country.cc
            );
        }
    }

    #[test]
    fn rendering_is_deterministic() {
        let flag = &COUNTRIES[22].flag;
        assert_eq!(render(flag), render(flag));
    }

    #[test]
    fn japan_is_white_with_a_red_disc() {
        let japan = crate::countries::country("JP").unwrap();
        assert_eq!(colour_at(&japan.flag, 60.0, 40.0), Colour::Red);
        assert_eq!(colour_at(&japan.flag, 2.0, 2.0), Colour::White);
    }
}
