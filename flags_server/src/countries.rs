//! The 194 countries of the book's `country_codes.txt`: code, name, and the design of a flag.
//!
//! The book's test server served real flag images for these codes. Ours draws each flag from
//! the design below (see [`flag_image`](crate::flag_image)), so the designs are data a reader
//! can check against the real flag: a size in the flag's own units (its proportions, and the
//! grid its marks are placed on), a field of equal stripes, and the marks painted over it in
//! order — stars, discs, crescents, crosses, bands, triangles, figures. Each flag has its
//! real colours and layout and every simple emblem; coats of arms are simplified to a shape
//! or two in the right colours and place. Where a flag has changed lately, the one flown at
//! the United Nations is drawn. Names are the common English short names, as in the book's
//! `metadata.json` files.
//!
//! In the table a colour is a letter or two: `W` white, `K` black, `R` red, `G` green, `DG`
//! dark green, `B` blue, `N` navy, `LB` light blue, `T` teal, `Y` yellow, `O` orange, `M`
//! maroon, `Bn` brown, `Gy` grey.

use Colour::{Black as K, Blue as B, Brown as Bn, DarkGreen as DG, Green as G, Grey as Gy};
use Colour::{LightBlue as LB, Maroon as M, Navy as N, Orange as O, Red as R, Teal as T};
use Colour::{White as W, Yellow as Y};

/// A point in a flag's own units: `(x, y)`, `x` from the hoist, `y` from the top.
pub type Point = (f32, f32);

/// The colours every flag here is drawn with, in palette order (a GIF's palette is indexed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// White.
    White,
    /// Black.
    Black,
    /// Red, or crimson.
    Red,
    /// Green.
    Green,
    /// Dark green (Pakistan's).
    DarkGreen,
    /// Blue.
    Blue,
    /// Navy, or dark blue (the Union Jack's, the US canton's, India's chakra).
    Navy,
    /// Light (sky) blue.
    LightBlue,
    /// Teal, or aquamarine (the Bahamas', Kazakhstan's).
    Teal,
    /// Yellow, or gold.
    Yellow,
    /// Orange, saffron or copper.
    Orange,
    /// Maroon.
    Maroon,
    /// Brown (eagles, men, trunks).
    Brown,
    /// Grey, for silver.
    Grey,
}

impl Colour {
    /// Every colour, in palette order.
    pub const ALL: [Colour; 14] = [W, K, R, G, DG, B, N, LB, T, Y, O, M, Bn, Gy];

    /// The colour's place in the palette.
    pub fn index(self) -> u8 {
        self as u8
    }

    /// The colour as red, green, blue.
    pub fn rgb(self) -> [u8; 3] {
        match self {
            W => [255, 255, 255],
            K => [0, 0, 0],
            R => [206, 17, 38],
            G => [0, 122, 61],
            DG => [1, 72, 33],
            B => [0, 56, 147],
            N => [1, 33, 105],
            LB => [92, 178, 232],
            T => [0, 158, 184],
            Y => [252, 209, 22],
            O => [255, 130, 0],
            M => [138, 21, 56],
            Bn => [140, 86, 40],
            Gy => [150, 150, 150],
        }
    }
}

/// How a flag's field is divided before any mark is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Equal horizontal stripes, top to bottom (a colour given twice is a stripe twice as
    /// wide; one colour is a plain field).
    Horizontal(&'static [Colour]),
    /// Equal vertical stripes, hoist to fly.
    Vertical(&'static [Colour]),
}

/// Which way a star's first point looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Aim {
    /// Straight up.
    Up,
    /// This many degrees clockwise from straight up.
    Degrees(f32),
    /// At this point of the flag (China's small stars look at the big one).
    Towards(Point),
}

/// A shape drawn from an outline: a figure standing for an emblem or a coat of arms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// Canada's eleven-point maple leaf.
    MapleLeaf,
    /// A heater shield, for a coat of arms.
    Shield,
    /// An eagle, wings raised.
    Eagle,
    /// A double-headed eagle.
    DoubleEagle,
    /// A closed crown.
    Crown,
    /// Lebanon's cedar.
    Cedar,
    /// Barbados's trident head.
    Trident,
    /// Lesotho's mokorotlo hat.
    Hat,
    /// A temple with five towers (Angkor Wat; Afghanistan's mosque).
    Temple,
}

impl Figure {
    /// Every figure.
    pub const ALL: [Figure; 9] = [
        Figure::MapleLeaf,
        Figure::Shield,
        Figure::Eagle,
        Figure::DoubleEagle,
        Figure::Crown,
        Figure::Cedar,
        Figure::Trident,
        Figure::Hat,
        Figure::Temple,
    ];
}

/// A shape painted over the field, in the flag's own units. Angles are in degrees
/// clockwise from straight up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    /// A rectangle.
    Rect {
        /// Its colour.
        colour: Colour,
        /// Its top-left corner.
        top_left: Point,
        /// Its bottom-right corner.
        bottom_right: Point,
    },
    /// A polygon: triangles, diagonal halves, outlines of islands and birds.
    Polygon {
        /// Its colour.
        colour: Colour,
        /// Its corners, in order round it.
        corners: &'static [Point],
    },
    /// A straight band with round ends, as wide either side of its middle line.
    Band {
        /// Its colour.
        colour: Colour,
        /// One end of its middle line.
        from: Point,
        /// The other end.
        to: Point,
        /// Half its width.
        half_width: f32,
    },
    /// A disc.
    Disc {
        /// Its colour.
        colour: Colour,
        /// Its centre.
        centre: Point,
        /// Its radius.
        radius: f32,
    },
    /// An upright ellipse.
    Ellipse {
        /// Its colour.
        colour: Colour,
        /// Its centre.
        centre: Point,
        /// Its half-width and half-height.
        radii: Point,
    },
    /// A ring, or an arc of one (a wreath, a cogwheel, a tusk).
    Ring {
        /// Its colour.
        colour: Colour,
        /// Its centre.
        centre: Point,
        /// Its outer and inner radii.
        radii: Point,
        /// The angles it runs between, clockwise: `(0.0, 360.0)` is the whole ring.
        arc: Point,
    },
    /// A crescent: a disc with a smaller disc, its bite, taken out of it.
    Crescent {
        /// Its colour.
        colour: Colour,
        /// The centre of the disc.
        centre: Point,
        /// The disc's radius.
        radius: f32,
        /// The centre of the bite.
        bite: Point,
        /// The bite's radius.
        bite_radius: f32,
    },
    /// A lozenge.
    Diamond {
        /// Its colour.
        colour: Colour,
        /// Its centre.
        centre: Point,
        /// Its half-width and half-height.
        half: Point,
    },
    /// A cross spanning the whole flag, its arms crossing at `centre` (a Nordic cross when
    /// the centre lies towards the hoist).
    Cross {
        /// Its colour.
        colour: Colour,
        /// Where the arms cross.
        centre: Point,
        /// Half the width of an arm.
        half_width: f32,
    },
    /// A cross standing free, like Switzerland's.
    Plus {
        /// Its colour.
        colour: Colour,
        /// Its centre.
        centre: Point,
        /// How far each arm reaches from the centre.
        arm: f32,
        /// Half the width of an arm.
        half_width: f32,
    },
    /// A star, or a sun when it has many points.
    Star {
        /// Its colour.
        colour: Colour,
        /// Its centre.
        centre: Point,
        /// How far its points reach.
        radius: f32,
        /// How many points it has.
        points: u8,
        /// How far in its notches lie, as a share of the radius (0.382 for a regular
        /// five-pointed star).
        inner: f32,
        /// Which way its first point looks.
        aim: Aim,
    },
    /// Upright five-pointed stars of one size at these centres (the US canton's fifty).
    Stars {
        /// Their colour.
        colour: Colour,
        /// Their centres.
        centres: &'static [Point],
        /// How far their points reach.
        radius: f32,
    },
    /// Upright five-pointed stars spaced round a circle (Cape Verde's ten, Venezuela's arc).
    StarArc {
        /// Their colour.
        colour: Colour,
        /// The circle's centre.
        centre: Point,
        /// The circle's radius.
        radius: f32,
        /// How many stars.
        count: u8,
        /// The angle of the first star, and the angle from one star to the next.
        angles: Point,
        /// How far each star's points reach.
        star_radius: f32,
    },
    /// The outline of a pentagram, its first point up (Morocco's).
    Pentagram {
        /// Its colour.
        colour: Colour,
        /// Its centre.
        centre: Point,
        /// How far its points reach.
        radius: f32,
        /// Half the width of its lines.
        half_width: f32,
    },
    /// The outline of a Star of David: two interlaced triangles (Israel's).
    Hexagram {
        /// Its colour.
        colour: Colour,
        /// Its centre.
        centre: Point,
        /// How far its points reach.
        radius: f32,
        /// The width of its lines.
        width: f32,
    },
    /// A wheel with spokes: India's Ashoka Chakra.
    Wheel {
        /// Its colour.
        colour: Colour,
        /// Its centre.
        centre: Point,
        /// Its radius.
        radius: f32,
        /// How many spokes.
        spokes: u8,
    },
    /// A yin-yang: Korea's taegeuk.
    Taegeuk {
        /// The colour whose round head lies towards `head`.
        upper: Colour,
        /// The other colour.
        lower: Colour,
        /// Its centre.
        centre: Point,
        /// Its radius.
        radius: f32,
        /// The direction from the centre to the upper colour's head; the lower colour
        /// holds the side of `(head.1, -head.0)`.
        head: Point,
    },
    /// One of Korea's trigrams, beyond a taegeuk on the line towards a corner.
    Trigram {
        /// Its colour.
        colour: Colour,
        /// The taegeuk's centre.
        centre: Point,
        /// The taegeuk's radius.
        radius: f32,
        /// The direction from the centre towards the trigram.
        towards: Point,
        /// Its three bars, innermost first: `true` for whole, `false` for broken.
        whole: [bool; 3],
    },
    /// The Union Jack, filling a rectangle (the whole flag, or a canton).
    UnionJack {
        /// The rectangle's top-left corner.
        top_left: Point,
        /// Its bottom-right corner.
        bottom_right: Point,
    },
    /// A figure from an outline, standing for an emblem.
    Figure {
        /// Its colour.
        colour: Colour,
        /// Which figure.
        figure: Figure,
        /// The middle of its bounding box.
        centre: Point,
        /// Its height; its width follows from its outline.
        height: f32,
    },
    /// A band at the hoist with a serrated edge (Bahrain's, Qatar's), down the whole height.
    Serration {
        /// Its colour.
        colour: Colour,
        /// How far from the hoist its notches lie.
        base: f32,
        /// How far from the hoist its points reach.
        tip: f32,
        /// How many points.
        teeth: u8,
    },
    /// A stripe across the flag with wavy edges (Kiribati's sea).
    Wave {
        /// Its colour.
        colour: Colour,
        /// Where its top and bottom edges lie, at rest.
        edges: Point,
        /// How far the edges swing up and down.
        amplitude: f32,
        /// The length of one wave.
        wavelength: f32,
    },
    /// Every other square of a chequerboard, starting with the top-left one (Croatia's
    /// arms; a row of them makes dashes).
    Chequer {
        /// Its colour.
        colour: Colour,
        /// The board's top-left corner.
        top_left: Point,
        /// Its bottom-right corner.
        bottom_right: Point,
        /// How many columns and rows of squares.
        squares: (u8, u8),
    },
    /// An arc of a ring seen only inside a disc (Brazil's band across its globe).
    Sash {
        /// Its colour.
        colour: Colour,
        /// The ring's centre.
        centre: Point,
        /// The ring's outer and inner radii.
        radii: Point,
        /// The disc it is seen in: centre and radius.
        within: (Point, f32),
    },
}

/// A flag's design: its size, its field, and the marks painted over the field, in order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flag {
    /// Width and height in the flag's own units: they give its proportions, and every mark
    /// is placed in them (China's flag is 30 × 20, as in its construction sheet).
    pub size: Point,
    /// The field.
    pub layout: Layout,
    /// What is drawn over it, first to last.
    pub marks: &'static [Mark],
}

/// One row of `country_codes.txt`, with its name and flag.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Country {
    /// The ISO 3166 two-letter code, upper case: `BR`.
    pub cc: &'static str,
    /// The country's common English name: `Brazil`.
    pub name: &'static str,
    /// Its flag.
    pub flag: Flag,
}

// The constructors below keep the table to one line of marks per flag.

const fn c(
    cc: &'static str,
    name: &'static str,
    size: Point,
    layout: Layout,
    marks: &'static [Mark],
) -> Country {
    Country {
        cc,
        name,
        flag: Flag {
            size,
            layout,
            marks,
        },
    }
}

const fn h(colours: &'static [Colour]) -> Layout {
    Layout::Horizontal(colours)
}

const fn v(colours: &'static [Colour]) -> Layout {
    Layout::Vertical(colours)
}

const fn rect(colour: Colour, x0: f32, y0: f32, x1: f32, y1: f32) -> Mark {
    Mark::Rect {
        colour,
        top_left: (x0, y0),
        bottom_right: (x1, y1),
    }
}

const fn poly(colour: Colour, corners: &'static [Point]) -> Mark {
    Mark::Polygon { colour, corners }
}

const fn band(colour: Colour, from: Point, to: Point, half_width: f32) -> Mark {
    Mark::Band {
        colour,
        from,
        to,
        half_width,
    }
}

const fn disc(colour: Colour, x: f32, y: f32, radius: f32) -> Mark {
    Mark::Disc {
        colour,
        centre: (x, y),
        radius,
    }
}

const fn ellipse(colour: Colour, x: f32, y: f32, rx: f32, ry: f32) -> Mark {
    Mark::Ellipse {
        colour,
        centre: (x, y),
        radii: (rx, ry),
    }
}

const fn ring(colour: Colour, x: f32, y: f32, outer: f32, inner: f32) -> Mark {
    arc(colour, (x, y), (outer, inner), 0.0, 360.0)
}

const fn arc(colour: Colour, centre: Point, radii: Point, from: f32, to: f32) -> Mark {
    Mark::Ring {
        colour,
        centre,
        radii,
        arc: (from, to),
    }
}

const fn crescent(
    colour: Colour,
    centre: Point,
    radius: f32,
    bite: Point,
    bite_radius: f32,
) -> Mark {
    Mark::Crescent {
        colour,
        centre,
        radius,
        bite,
        bite_radius,
    }
}

const fn diamond(colour: Colour, x: f32, y: f32, half_width: f32, half_height: f32) -> Mark {
    Mark::Diamond {
        colour,
        centre: (x, y),
        half: (half_width, half_height),
    }
}

const fn cross(colour: Colour, x: f32, y: f32, half_width: f32) -> Mark {
    Mark::Cross {
        colour,
        centre: (x, y),
        half_width,
    }
}

const fn plus(colour: Colour, x: f32, y: f32, arm: f32, half_width: f32) -> Mark {
    Mark::Plus {
        colour,
        centre: (x, y),
        arm,
        half_width,
    }
}

/// A regular five-pointed star, a point up.
const fn star(colour: Colour, x: f32, y: f32, radius: f32) -> Mark {
    aimed(colour, x, y, radius, Aim::Up)
}

/// A regular five-pointed star, its first point looking as `aim` says.
const fn aimed(colour: Colour, x: f32, y: f32, radius: f32, aim: Aim) -> Mark {
    Mark::Star {
        colour,
        centre: (x, y),
        radius,
        points: 5,
        inner: 0.382,
        aim,
    }
}

/// A star of `points` points, a point up: a sun when the points are many and short.
const fn sun(colour: Colour, x: f32, y: f32, radius: f32, points: u8, inner: f32) -> Mark {
    Mark::Star {
        colour,
        centre: (x, y),
        radius,
        points,
        inner,
        aim: Aim::Up,
    }
}

const fn stars(colour: Colour, centres: &'static [Point], radius: f32) -> Mark {
    Mark::Stars {
        colour,
        centres,
        radius,
    }
}

const fn star_arc(
    colour: Colour,
    centre: Point,
    radius: f32,
    count: u8,
    angles: Point,
    star_radius: f32,
) -> Mark {
    Mark::StarArc {
        colour,
        centre,
        radius,
        count,
        angles,
        star_radius,
    }
}

const fn figure(colour: Colour, figure: Figure, x: f32, y: f32, height: f32) -> Mark {
    Mark::Figure {
        colour,
        figure,
        centre: (x, y),
        height,
    }
}

/// A Korean trigram beyond the taegeuk at (36, 24) of radius 12, towards `towards`.
const fn trigram(towards: Point, whole: [bool; 3]) -> Mark {
    Mark::Trigram {
        colour: K,
        centre: (36.0, 24.0),
        radius: 12.0,
        towards,
        whole,
    }
}

const fn union_jack(x0: f32, y0: f32, x1: f32, y1: f32) -> Mark {
    Mark::UnionJack {
        top_left: (x0, y0),
        bottom_right: (x1, y1),
    }
}

const fn chequer(colour: Colour, top_left: Point, bottom_right: Point, squares: (u8, u8)) -> Mark {
    Mark::Chequer {
        colour,
        top_left,
        bottom_right,
        squares,
    }
}

const fn wave(colour: Colour, top: f32, bottom: f32, amplitude: f32, wavelength: f32) -> Mark {
    Mark::Wave {
        colour,
        edges: (top, bottom),
        amplitude,
        wavelength,
    }
}

use Figure::{Cedar, Crown, DoubleEagle, Eagle, Hat, MapleLeaf, Shield, Temple, Trident};

/// The fifty stars of the US canton, in nine rows of six and five, as Executive Order 10834
/// places them (in units of the flag's height).
const US_STARS: [Point; 50] = {
    let mut centres = [(0.0, 0.0); 50];
    let (mut row, mut i) = (0, 0);
    while row < 9 {
        let (count, first) = if row % 2 == 0 { (6, 0.063) } else { (5, 0.126) };
        let mut column = 0;
        while column < count {
            centres[i] = (first + 0.126 * column as f32, 0.054 + 0.054 * row as f32);
            i += 1;
            column += 1;
        }
        row += 1;
    }
    centres
};

/// The 194 countries, in the order of the book's `country_codes.txt` (alphabetical by code).
#[rustfmt::skip] // a table laid out by hand: one flag to an entry, its marks one to a line
pub const COUNTRIES: [Country; 194] = [
    c("AD", "Andorra", (10.0, 7.0), v(&[B, Y, R]), &[
        figure(R, Shield, 5.0, 3.5, 2.6),
        figure(Y, Shield, 5.0, 3.45, 2.1),
        rect(R, 5.0, 2.45, 5.15, 3.5),
        rect(R, 5.35, 2.45, 5.5, 3.5),
        rect(R, 5.7, 2.45, 5.85, 3.5),
    ]),
    c("AE", "United Arab Emirates", (12.0, 6.0), h(&[G, W, K]), &[rect(R, 0.0, 0.0, 3.0, 6.0)]),
    c("AF", "Afghanistan", (3.0, 2.0), v(&[K, R, G]), &[
        arc(W, (1.5, 1.0), (0.5, 0.43), 35.0, 325.0),
        figure(W, Temple, 1.5, 1.0, 0.42),
    ]),
    c("AG", "Antigua and Barbuda", (3.0, 2.0), h(&[R]), &[
        poly(K, &[(0.0, 0.0), (3.0, 0.0), (1.5, 2.0)]),
        sun(Y, 1.5, 0.84, 0.55, 16, 0.55),
        poly(B, &[(0.63, 0.84), (2.37, 0.84), (2.1, 1.2), (0.9, 1.2)]),
        poly(W, &[(0.9, 1.2), (2.1, 1.2), (1.5, 2.0)]),
    ]),
    c("AL", "Albania", (7.0, 5.0), h(&[R]), &[figure(K, DoubleEagle, 3.5, 2.5, 3.6)]),
    c("AM", "Armenia", (2.0, 1.0), h(&[R, B, O]), &[]),
    c("AO", "Angola", (3.0, 2.0), h(&[R, K]), &[
        arc(Y, (1.5, 1.0), (0.52, 0.4), 160.0, 380.0),
        band(Y, (1.2, 1.45), (1.85, 0.6), 0.06),
        star(Y, 1.45, 0.95, 0.18),
    ]),
    c("AR", "Argentina", (14.0, 9.0), h(&[LB, W, LB]), &[
        sun(Y, 7.0, 4.5, 1.25, 32, 0.62),
        ring(Bn, 7.0, 4.5, 0.72, 0.66),
    ]),
    c("AT", "Austria", (3.0, 2.0), h(&[R, W, R]), &[]),
    c("AU", "Australia", (2.0, 1.0), h(&[N]), &[
        union_jack(0.0, 0.0, 1.0, 0.5),
        sun(W, 0.5, 0.75, 0.15, 7, 0.444),
        sun(W, 1.5, 0.8333, 0.0714, 7, 0.444),
        sun(W, 1.25, 0.4375, 0.0714, 7, 0.444),
        sun(W, 1.5, 0.1667, 0.0714, 7, 0.444),
        sun(W, 1.7222, 0.3708, 0.0714, 7, 0.444),
        sun(W, 1.6, 0.5417, 0.0417, 5, 0.444),
    ]),
    c("AZ", "Azerbaijan", (2.0, 1.0), h(&[LB, R, G]), &[
        crescent(W, (0.95, 0.5), 0.15, (0.99, 0.5), 0.125),
        sun(W, 1.1, 0.5, 0.075, 8, 0.55),
    ]),
    c("BA", "Bosnia and Herzegovina", (2.0, 1.0), h(&[B]), &[
        poly(Y, &[(0.54, 0.0), (1.54, 0.0), (1.54, 1.0)]),
        stars(W, &[
            (0.33, 0.0), (0.455, 0.125), (0.58, 0.25), (0.705, 0.375), (0.83, 0.5),
            (0.955, 0.625), (1.08, 0.75), (1.205, 0.875), (1.33, 1.0),
        ], 0.075),
    ]),
    c("BB", "Barbados", (3.0, 2.0), v(&[B, Y, B]), &[figure(K, Trident, 1.5, 1.0, 1.0)]),
    c("BD", "Bangladesh", (10.0, 6.0), h(&[G]), &[disc(R, 4.5, 3.0, 2.0)]),
    c("BE", "Belgium", (15.0, 13.0), v(&[K, Y, R]), &[]),
    c("BF", "Burkina Faso", (3.0, 2.0), h(&[R, G]), &[star(Y, 1.5, 1.0, 0.33)]),
    c("BG", "Bulgaria", (5.0, 3.0), h(&[W, G, R]), &[]),
    c("BH", "Bahrain", (5.0, 3.0), h(&[R]), &[
        Mark::Serration { colour: W, base: 0.9, tip: 1.5, teeth: 5 },
    ]),
    c("BI", "Burundi", (5.0, 3.0), h(&[R]), &[
        poly(G, &[(0.0, 0.0), (2.5, 1.5), (0.0, 3.0)]),
        poly(G, &[(5.0, 0.0), (2.5, 1.5), (5.0, 3.0)]),
        band(W, (0.0, 0.0), (5.0, 3.0), 0.22),
        band(W, (0.0, 3.0), (5.0, 0.0), 0.22),
        disc(W, 2.5, 1.5, 0.85),
        sun(G, 2.5, 1.12, 0.24, 6, 0.577),
        sun(G, 2.17, 1.7, 0.24, 6, 0.577),
        sun(G, 2.83, 1.7, 0.24, 6, 0.577),
        sun(R, 2.5, 1.12, 0.19, 6, 0.577),
        sun(R, 2.17, 1.7, 0.19, 6, 0.577),
        sun(R, 2.83, 1.7, 0.19, 6, 0.577),
    ]),
    c("BJ", "Benin", (3.0, 2.0), h(&[Y, R]), &[rect(G, 0.0, 0.0, 1.2, 2.0)]),
    c("BN", "Brunei", (2.0, 1.0), h(&[Y]), &[
        poly(W, &[(0.0, 0.0), (2.0, 0.64), (2.0, 0.82), (0.0, 0.18)]),
        poly(K, &[(0.0, 0.18), (2.0, 0.82), (2.0, 1.0), (0.0, 0.36)]),
        crescent(R, (1.0, 0.56), 0.22, (1.0, 0.47), 0.2),
        rect(R, 0.975, 0.24, 1.025, 0.62),
        poly(R, &[(0.9, 0.28), (1.0, 0.2), (1.1, 0.28)]),
        poly(R, &[(0.72, 0.36), (0.8, 0.52), (0.76, 0.55), (0.68, 0.4)]),
        poly(R, &[(1.28, 0.36), (1.2, 0.52), (1.24, 0.55), (1.32, 0.4)]),
        rect(R, 0.85, 0.76, 1.15, 0.8),
    ]),
    c("BO", "Bolivia", (22.0, 15.0), h(&[R, Y, G]), &[]),
    c("BR", "Brazil", (20.0, 14.0), h(&[G]), &[
        diamond(Y, 10.0, 7.0, 8.3, 5.3),
        disc(N, 10.0, 7.0, 3.5),
        Mark::Sash {
            colour: W, centre: (8.0, 14.0), radii: (8.5, 8.0), within: ((10.0, 7.0), 3.5),
        },
        stars(W, &[
            (10.0, 7.9), (10.0, 9.6), (9.3, 8.8), (10.8, 8.6), (8.2, 5.1), (7.6, 8.3),
            (12.2, 8.9), (11.8, 7.6), (8.7, 10.0), (11.1, 10.2),
        ], 0.17),
    ]),
    c("BS", "Bahamas", (2.0, 1.0), h(&[T, Y, T]), &[
        poly(K, &[(0.0, 0.0), (0.866, 0.5), (0.0, 1.0)]),
    ]),
    c("BT", "Bhutan", (3.0, 2.0), h(&[Y]), &[
        poly(O, &[(3.0, 0.0), (3.0, 2.0), (0.0, 2.0)]),
        poly(W, &[
            (0.48, 1.55), (0.62, 1.49), (0.75, 1.42), (0.87, 1.32), (0.98, 1.21), (1.08, 1.09),
            (1.19, 0.98), (1.3, 0.88), (1.44, 0.81), (1.58, 0.76), (1.73, 0.72), (1.88, 0.67),
            (2.01, 0.6), (2.13, 0.52), (2.25, 0.41), (2.35, 0.59), (2.25, 0.7), (2.13, 0.8),
            (2.01, 0.88), (1.86, 0.94), (1.72, 0.98), (1.57, 1.03), (1.43, 1.1), (1.31, 1.18),
            (1.19, 1.28), (1.08, 1.38), (0.96, 1.47), (0.82, 1.53), (0.67, 1.58), (0.52, 1.61),
        ]),
        disc(W, 2.3, 0.5, 0.13),
        band(W, (0.97, 1.35), (1.07, 1.52), 0.025),
        band(W, (1.13, 1.19), (1.23, 1.37), 0.025),
        band(W, (1.6, 0.89), (1.71, 1.06), 0.025),
        band(W, (1.81, 0.83), (1.91, 1.0), 0.025),
        band(W, (1.13, 1.19), (1.02, 1.02), 0.025),
        band(W, (1.6, 0.89), (1.5, 0.72), 0.025),
        disc(W, 1.07, 1.52, 0.05),
        disc(W, 1.23, 1.37, 0.05),
        disc(W, 1.71, 1.06, 0.05),
        disc(W, 1.91, 1.0, 0.05),
    ]),
    c("BW", "Botswana", (36.0, 24.0), h(&[LB]), &[
        rect(W, 0.0, 9.0, 36.0, 15.0),
        rect(K, 0.0, 10.0, 36.0, 14.0),
    ]),
    c("BY", "Belarus", (2.0, 1.0), h(&[R, R, G]), &[
        rect(W, 0.0, 0.0, 0.222, 1.0),
        diamond(R, 0.111, 0.083, 0.08, 0.075),
        diamond(R, 0.111, 0.25, 0.08, 0.075),
        diamond(R, 0.111, 0.417, 0.08, 0.075),
        diamond(R, 0.111, 0.583, 0.08, 0.075),
        diamond(R, 0.111, 0.75, 0.08, 0.075),
        diamond(R, 0.111, 0.917, 0.08, 0.075),
    ]),
    c("BZ", "Belize", (5.0, 3.0), h(&[B]), &[
        rect(R, 0.0, 0.0, 5.0, 0.3),
        rect(R, 0.0, 2.7, 5.0, 3.0),
        disc(W, 2.5, 1.5, 1.0),
        ring(G, 2.5, 1.5, 0.95, 0.8),
        disc(G, 2.5, 1.05, 0.22),
        ellipse(Bn, 2.15, 1.55, 0.1, 0.32),
        ellipse(Bn, 2.85, 1.55, 0.1, 0.32),
        figure(Y, Shield, 2.5, 1.6, 0.55),
    ]),
    c("CA", "Canada", (2.0, 1.0), v(&[R, W, W, R]), &[figure(R, MapleLeaf, 1.0, 0.5, 0.84)]),
    c("CD", "Congo, Democratic Republic of the", (4.0, 3.0), h(&[LB]), &[
        band(Y, (0.0, 3.0), (4.0, 0.0), 0.36),
        band(R, (0.0, 3.0), (4.0, 0.0), 0.27),
        star(Y, 0.75, 0.72, 0.55),
    ]),
    c("CF", "Central African Republic", (5.0, 3.0), h(&[B, W, G, Y]), &[
        rect(R, 2.125, 0.0, 2.875, 3.0),
        star(Y, 0.75, 0.39, 0.3),
    ]),
    c("CG", "Congo", (3.0, 2.0), h(&[G]), &[
        poly(Y, &[(0.0, 2.0), (2.0, 0.0), (3.0, 0.0), (1.0, 2.0)]),
        poly(R, &[(1.0, 2.0), (3.0, 0.0), (3.0, 2.0)]),
    ]),
    c("CH", "Switzerland", (32.0, 32.0), h(&[R]), &[plus(W, 16.0, 16.0, 10.0, 3.0)]),
    c("CI", "Côte d'Ivoire", (3.0, 2.0), v(&[O, W, G]), &[]),
    c("CL", "Chile", (3.0, 2.0), h(&[W, R]), &[
        rect(B, 0.0, 0.0, 1.0, 1.0),
        star(W, 0.5, 0.5, 0.25),
    ]),
    c("CM", "Cameroon", (3.0, 2.0), v(&[G, R, Y]), &[star(Y, 1.5, 1.0, 0.32)]),
    c("CN", "China", (30.0, 20.0), h(&[R]), &[
        star(Y, 5.0, 5.0, 3.0),
        aimed(Y, 10.0, 2.0, 1.0, Aim::Towards((5.0, 5.0))),
        aimed(Y, 12.0, 4.0, 1.0, Aim::Towards((5.0, 5.0))),
        aimed(Y, 12.0, 7.0, 1.0, Aim::Towards((5.0, 5.0))),
        aimed(Y, 10.0, 9.0, 1.0, Aim::Towards((5.0, 5.0))),
    ]),
    c("CO", "Colombia", (3.0, 2.0), h(&[Y, Y, B, R]), &[]),
    c("CR", "Costa Rica", (5.0, 3.0), h(&[B, W, R, R, W, B]), &[]),
    c("CU", "Cuba", (2.0, 1.0), h(&[B, W, B, W, B]), &[
        poly(R, &[(0.0, 0.0), (0.866, 0.5), (0.0, 1.0)]),
        star(W, 0.289, 0.5, 0.13),
    ]),
    c("CV", "Cape Verde", (17.0, 10.0), h(&[B]), &[
        rect(W, 0.0, 5.0, 17.0, 7.5),
        rect(R, 0.0, 5.833, 17.0, 6.667),
        star_arc(Y, (6.375, 6.25), 3.0, 10, (0.0, 36.0), 0.5),
    ]),
    c("CY", "Cyprus", (3.0, 2.0), h(&[W]), &[
        poly(O, &[
            (0.72, 0.95), (0.8, 0.78), (0.95, 0.7), (1.2, 0.66), (1.5, 0.62), (1.75, 0.55),
            (2.0, 0.4), (2.3, 0.3), (2.1, 0.5), (1.95, 0.65), (1.95, 0.8), (2.05, 0.95),
            (1.75, 1.0), (1.55, 1.15), (1.3, 1.2), (1.1, 1.15), (0.92, 1.08),
        ]),
        band(G, (1.0, 1.38), (1.45, 1.52), 0.04),
        band(G, (2.0, 1.38), (1.55, 1.52), 0.04),
        ellipse(G, 1.15, 1.36, 0.06, 0.035),
        ellipse(G, 1.3, 1.41, 0.06, 0.035),
        ellipse(G, 1.85, 1.36, 0.06, 0.035),
        ellipse(G, 1.7, 1.41, 0.06, 0.035),
    ]),
    c("CZ", "Czechia", (3.0, 2.0), h(&[W, R]), &[poly(B, &[(0.0, 0.0), (1.5, 1.0), (0.0, 2.0)])]),
    c("DE", "Germany", (5.0, 3.0), h(&[K, R, Y]), &[]),
    c("DJ", "Djibouti", (3.0, 2.0), h(&[LB, G]), &[
        poly(W, &[(0.0, 0.0), (1.732, 1.0), (0.0, 2.0)]),
        star(R, 0.58, 1.0, 0.22),
    ]),
    c("DK", "Denmark", (37.0, 28.0), h(&[R]), &[cross(W, 14.0, 14.0, 2.0)]),
    c("DM", "Dominica", (24.0, 12.0), h(&[G]), &[
        rect(Y, 10.875, 0.0, 11.625, 12.0),
        rect(K, 11.625, 0.0, 12.375, 12.0),
        rect(W, 12.375, 0.0, 13.125, 12.0),
        rect(Y, 0.0, 4.875, 24.0, 5.625),
        rect(K, 0.0, 5.625, 24.0, 6.375),
        rect(W, 0.0, 6.375, 24.0, 7.125),
        disc(R, 12.0, 6.0, 3.0),
        star_arc(Y, (12.0, 6.0), 2.45, 10, (0.0, 36.0), 0.42),
        star_arc(G, (12.0, 6.0), 2.45, 10, (0.0, 36.0), 0.32),
        ellipse(G, 12.0, 6.3, 0.45, 1.0),
        disc(M, 12.0, 5.2, 0.35),
    ]),
    c("DZ", "Algeria", (3.0, 2.0), v(&[G, W]), &[
        crescent(R, (1.5, 1.0), 0.5, (1.621, 1.0), 0.4),
        aimed(R, 1.702, 1.0, 0.25, Aim::Degrees(90.0)),
    ]),
    c("EC", "Ecuador", (3.0, 2.0), h(&[Y, Y, B, R]), &[
        figure(Bn, Eagle, 1.5, 0.62, 0.36),
        ellipse(Y, 1.5, 1.05, 0.24, 0.3),
        ellipse(LB, 1.5, 1.05, 0.2, 0.26),
        poly(G, &[(1.32, 1.25), (1.5, 0.92), (1.68, 1.25)]),
    ]),
    c("EE", "Estonia", (11.0, 7.0), h(&[B, K, W]), &[]),
    c("EG", "Egypt", (3.0, 2.0), h(&[R, W, K]), &[figure(Y, Eagle, 1.5, 1.0, 0.6)]),
    c("ER", "Eritrea", (2.0, 1.0), h(&[G, B]), &[
        poly(R, &[(0.0, 0.0), (2.0, 0.5), (0.0, 1.0)]),
        ring(Y, 0.45, 0.5, 0.23, 0.19),
        band(Y, (0.45, 0.33), (0.45, 0.67), 0.02),
    ]),
    c("ES", "Spain", (3.0, 2.0), h(&[R, Y, Y, R]), &[
        rect(Gy, 0.6, 0.72, 0.68, 1.32),
        rect(Gy, 1.32, 0.72, 1.4, 1.32),
        figure(R, Shield, 1.0, 1.04, 0.6),
        rect(W, 1.0, 0.74, 1.24, 1.04),
        ellipse(B, 1.0, 1.04, 0.05, 0.065),
        figure(R, Crown, 1.0, 0.6, 0.2),
    ]),
    c("ET", "Ethiopia", (2.0, 1.0), h(&[G, Y, R]), &[
        disc(B, 1.0, 0.5, 0.28),
        Mark::Pentagram { colour: Y, centre: (1.0, 0.52), radius: 0.2, half_width: 0.018 },
    ]),
    c("FI", "Finland", (18.0, 11.0), h(&[W]), &[cross(B, 6.5, 5.5, 1.5)]),
    c("FJ", "Fiji", (2.0, 1.0), h(&[LB]), &[
        union_jack(0.0, 0.0, 1.0, 0.5),
        figure(W, Shield, 1.5, 0.52, 0.52),
        rect(R, 1.292, 0.26, 1.708, 0.37),
        ellipse(Y, 1.5, 0.315, 0.07, 0.03),
        rect(R, 1.48, 0.37, 1.52, 0.7),
        rect(R, 1.292, 0.51, 1.708, 0.55),
    ]),
    c("FM", "Micronesia", (19.0, 10.0), h(&[LB]), &[
        stars(W, &[(9.5, 2.3), (6.6, 5.0), (12.4, 5.0), (9.5, 7.7)], 1.0),
    ]),
    c("FR", "France", (3.0, 2.0), v(&[B, W, R]), &[]),
    c("GA", "Gabon", (4.0, 3.0), h(&[G, Y, B]), &[]),
    c("GB", "United Kingdom", (2.0, 1.0), h(&[N]), &[union_jack(0.0, 0.0, 2.0, 1.0)]),
    c("GD", "Grenada", (50.0, 30.0), h(&[R]), &[
        rect(Y, 4.0, 4.0, 46.0, 26.0),
        poly(G, &[(4.0, 4.0), (25.0, 15.0), (4.0, 26.0)]),
        poly(G, &[(46.0, 4.0), (25.0, 15.0), (46.0, 26.0)]),
        disc(R, 25.0, 15.0, 5.0),
        star(Y, 25.0, 15.4, 3.6),
        stars(Y, &[(13.0, 2.0), (25.0, 2.0), (37.0, 2.0)], 1.6),
        stars(Y, &[(13.0, 28.0), (25.0, 28.0), (37.0, 28.0)], 1.6),
        ellipse(Y, 10.5, 15.0, 1.4, 2.0),
        ellipse(R, 10.8, 15.0, 0.7, 1.3),
    ]),
    c("GE", "Georgia", (30.0, 20.0), h(&[W]), &[
        cross(R, 15.0, 10.0, 2.0),
        plus(R, 6.5, 4.0, 2.2, 0.6),
        plus(R, 23.5, 4.0, 2.2, 0.6),
        plus(R, 6.5, 16.0, 2.2, 0.6),
        plus(R, 23.5, 16.0, 2.2, 0.6),
    ]),
    c("GH", "Ghana", (3.0, 2.0), h(&[R, Y, G]), &[star(K, 1.5, 1.03, 0.35)]),
    c("GM", "Gambia", (27.0, 18.0), h(&[R, G]), &[
        rect(W, 0.0, 6.0, 27.0, 12.0),
        rect(B, 0.0, 7.0, 27.0, 11.0),
    ]),
    c("GN", "Guinea", (3.0, 2.0), v(&[R, Y, G]), &[]),
    c("GQ", "Equatorial Guinea", (3.0, 2.0), h(&[G, W, R]), &[
        poly(B, &[(0.0, 0.0), (0.7, 1.0), (0.0, 2.0)]),
        figure(Gy, Shield, 1.5, 1.08, 0.4),
        disc(G, 1.5, 1.02, 0.1),
        rect(Bn, 1.485, 1.05, 1.515, 1.2),
        star_arc(Y, (1.5, 1.08), 0.3, 6, (-50.0, 20.0), 0.035),
    ]),
    c("GR", "Greece", (27.0, 18.0), h(&[B, W, B, W, B, W, B, W, B]), &[
        rect(B, 0.0, 0.0, 10.0, 10.0),
        rect(W, 4.0, 0.0, 6.0, 10.0),
        rect(W, 0.0, 4.0, 10.0, 6.0),
    ]),
    c("GT", "Guatemala", (8.0, 5.0), v(&[LB, W, LB]), &[
        arc(G, (4.0, 2.5), (0.9, 0.78), 35.0, 325.0),
        band(Gy, (3.45, 3.0), (4.55, 2.0), 0.035),
        band(Gy, (4.55, 3.0), (3.45, 2.0), 0.035),
        rect(Y, 3.72, 2.35, 4.28, 2.8),
        ellipse(G, 4.0, 2.3, 0.15, 0.3),
    ]),
    c("GW", "Guinea-Bissau", (2.0, 1.0), h(&[Y, G]), &[
        rect(R, 0.0, 0.0, 0.667, 1.0),
        star(K, 0.333, 0.52, 0.17),
    ]),
    c("GY", "Guyana", (5.0, 3.0), h(&[G]), &[
        poly(W, &[(0.0, 0.0), (5.0, 1.5), (0.0, 3.0)]),
        poly(Y, &[(0.0, 0.15), (4.7, 1.5), (0.0, 2.85)]),
        poly(K, &[(0.0, 0.0), (2.5, 1.5), (0.0, 3.0)]),
        poly(R, &[(0.0, 0.2), (2.2, 1.5), (0.0, 2.8)]),
    ]),
    c("HN", "Honduras", (2.0, 1.0), h(&[LB, W, LB]), &[
        stars(LB, &[(1.0, 0.5), (0.78, 0.42), (0.78, 0.58), (1.22, 0.42), (1.22, 0.58)], 0.045),
    ]),
    c("HR", "Croatia", (2.0, 1.0), h(&[R, W, B]), &[
        rect(R, 0.845, 0.345, 1.155, 0.735),
        rect(W, 0.86, 0.36, 1.14, 0.72),
        chequer(R, (0.86, 0.36), (1.14, 0.72), (5, 6)),
        rect(LB, 0.86, 0.25, 1.14, 0.34),
        chequer(B, (0.86, 0.25), (1.14, 0.34), (5, 1)),
    ]),
    c("HT", "Haiti", (5.0, 3.0), h(&[B, R]), &[
        rect(W, 1.9, 1.0, 3.1, 2.0),
        rect(G, 1.95, 1.78, 3.05, 1.95),
        rect(Bn, 2.47, 1.22, 2.53, 1.8),
        disc(G, 2.5, 1.22, 0.18),
        poly(B, &[(2.1, 1.78), (2.3, 1.45), (2.4, 1.78)]),
        poly(R, &[(2.9, 1.78), (2.7, 1.45), (2.6, 1.78)]),
    ]),
    c("HU", "Hungary", (2.0, 1.0), h(&[R, W, G]), &[]),
    c("ID", "Indonesia", (3.0, 2.0), h(&[R, W]), &[]),
    c("IE", "Ireland", (2.0, 1.0), v(&[G, W, O]), &[]),
    c("IL", "Israel", (220.0, 160.0), h(&[W]), &[
        rect(B, 0.0, 15.0, 220.0, 40.0),
        rect(B, 0.0, 120.0, 220.0, 145.0),
        Mark::Hexagram { colour: B, centre: (110.0, 80.0), radius: 33.0, width: 5.5 },
    ]),
    c("IN", "India", (3.0, 2.0), h(&[O, W, G]), &[
        Mark::Wheel { colour: N, centre: (1.5, 1.0), radius: 0.27, spokes: 24 },
    ]),
    c("IQ", "Iraq", (3.0, 2.0), h(&[R, W, K]), &[
        rect(G, 1.0, 1.14, 2.0, 1.19),
        rect(G, 1.08, 0.8, 1.13, 1.19),
        rect(G, 1.2, 0.8, 1.25, 1.19),
        rect(G, 1.32, 0.8, 1.37, 1.19),
        ellipse(G, 1.52, 1.0, 0.08, 0.06),
        rect(G, 1.68, 0.85, 1.73, 1.19),
        rect(G, 1.87, 0.8, 1.92, 1.19),
    ]),
    c("IR", "Iran", (7.0, 4.0), h(&[G, W, R]), &[
        chequer(W, (0.0, 1.24), (7.0, 1.333), (22, 1)),
        chequer(W, (0.0, 2.667), (7.0, 2.76), (22, 1)),
        crescent(R, (3.36, 2.0), 0.42, (3.52, 2.0), 0.36),
        crescent(R, (3.64, 2.0), 0.42, (3.48, 2.0), 0.36),
        band(R, (3.5, 1.55), (3.5, 2.45), 0.05),
    ]),
    c("IS", "Iceland", (25.0, 18.0), h(&[B]), &[cross(W, 9.0, 9.0, 2.0), cross(R, 9.0, 9.0, 1.0)]),
    c("IT", "Italy", (3.0, 2.0), v(&[G, W, R]), &[]),
    c("JM", "Jamaica", (2.0, 1.0), h(&[G]), &[
        poly(K, &[(0.0, 0.0), (1.0, 0.5), (0.0, 1.0)]),
        poly(K, &[(2.0, 0.0), (1.0, 0.5), (2.0, 1.0)]),
        band(Y, (0.0, 0.0), (2.0, 1.0), 0.07),
        band(Y, (0.0, 1.0), (2.0, 0.0), 0.07),
    ]),
    c("JO", "Jordan", (2.0, 1.0), h(&[K, W, G]), &[
        poly(R, &[(0.0, 0.0), (1.0, 0.5), (0.0, 1.0)]),
        sun(W, 0.33, 0.5, 0.085, 7, 0.45),
    ]),
    c("JP", "Japan", (3.0, 2.0), h(&[W]), &[disc(R, 1.5, 1.0, 0.6)]),
    c("KE", "Kenya", (30.0, 20.0), h(&[K]), &[
        rect(W, 0.0, 6.0, 30.0, 14.0),
        rect(R, 0.0, 7.0, 30.0, 13.0),
        rect(G, 0.0, 14.0, 30.0, 20.0),
        band(W, (11.0, 17.5), (19.0, 2.5), 0.22),
        band(W, (19.0, 17.5), (11.0, 2.5), 0.22),
        ellipse(K, 15.0, 10.0, 3.0, 6.4),
        ellipse(R, 15.0, 10.0, 1.9, 6.3),
        ellipse(W, 15.0, 10.0, 0.35, 0.9),
        band(W, (15.0, 4.8), (15.0, 6.8), 0.15),
        band(W, (15.0, 13.2), (15.0, 15.2), 0.15),
    ]),
    c("KG", "Kyrgyzstan", (5.0, 3.0), h(&[R]), &[
        sun(Y, 2.5, 1.5, 0.9, 40, 0.72),
        disc(Y, 2.5, 1.5, 0.55),
        ring(R, 2.5, 1.5, 0.46, 0.4),
        band(R, (2.33, 1.12), (2.33, 1.88), 0.035),
        band(R, (2.5, 1.1), (2.5, 1.9), 0.035),
        band(R, (2.67, 1.12), (2.67, 1.88), 0.035),
        band(R, (2.12, 1.33), (2.88, 1.33), 0.035),
        band(R, (2.1, 1.5), (2.9, 1.5), 0.035),
        band(R, (2.12, 1.67), (2.88, 1.67), 0.035),
    ]),
    c("KH", "Cambodia", (25.0, 16.0), h(&[B, R, R, B]), &[figure(W, Temple, 12.5, 8.0, 5.0)]),
    c("KI", "Kiribati", (2.0, 1.0), h(&[R]), &[
        sun(Y, 1.0, 0.6, 0.28, 32, 0.65),
        disc(Y, 1.0, 0.6, 0.15),
        poly(Y, &[
            (0.62, 0.22), (0.8, 0.18), (0.95, 0.27), (1.0, 0.24), (1.06, 0.27), (1.2, 0.15),
            (1.4, 0.12), (1.25, 0.22), (1.1, 0.33), (0.98, 0.33), (0.88, 0.29), (0.75, 0.3),
        ]),
        wave(B, 0.6, 1.1, 0.02, 0.33),
        wave(W, 0.67, 0.73, 0.02, 0.33),
        wave(W, 0.8, 0.86, 0.02, 0.33),
        wave(W, 0.93, 0.99, 0.02, 0.33),
    ]),
    c("KM", "Comoros", (5.0, 3.0), h(&[Y, W, R, B]), &[
        poly(G, &[(0.0, 0.0), (2.0, 1.5), (0.0, 3.0)]),
        crescent(W, (0.7, 1.5), 0.6, (0.95, 1.5), 0.55),
        stars(W, &[(1.0, 1.05), (1.0, 1.35), (1.0, 1.65), (1.0, 1.95)], 0.1),
    ]),
    c("KN", "Saint Kitts and Nevis", (3.0, 2.0), h(&[G]), &[
        poly(R, &[(3.0, 0.0), (3.0, 2.0), (0.0, 2.0)]),
        band(Y, (0.0, 2.0), (3.0, 0.0), 0.3),
        band(K, (0.0, 2.0), (3.0, 0.0), 0.21),
        stars(W, &[(1.05, 1.3), (1.95, 0.7)], 0.16),
    ]),
    c("KP", "North Korea", (60.0, 30.0), h(&[B]), &[
        rect(W, 0.0, 6.0, 60.0, 24.0),
        rect(R, 0.0, 7.0, 60.0, 23.0),
        disc(W, 20.0, 15.0, 6.5),
        star(R, 20.0, 15.5, 6.2),
    ]),
    c("KR", "South Korea", (72.0, 48.0), h(&[W]), &[
        Mark::Taegeuk {
            upper: R, lower: B, centre: (36.0, 24.0), radius: 12.0, head: (-3.0, -2.0),
        },
        trigram((-3.0, -2.0), [true, true, true]),
        trigram((3.0, 2.0), [false, false, false]),
        trigram((3.0, -2.0), [false, true, false]),
        trigram((-3.0, 2.0), [true, false, true]),
    ]),
    c("KW", "Kuwait", (2.0, 1.0), h(&[G, W, R]), &[
        poly(K, &[(0.0, 0.0), (0.5, 0.333), (0.5, 0.667), (0.0, 1.0)]),
    ]),
    c("KZ", "Kazakhstan", (2.0, 1.0), h(&[T]), &[
        sun(Y, 1.0, 0.4, 0.2, 32, 0.7),
        disc(Y, 1.0, 0.4, 0.12),
        poly(Y, &[
            (1.0, 0.59), (0.9, 0.6), (0.8, 0.575), (0.67, 0.54), (0.74, 0.61), (0.85, 0.655),
            (0.95, 0.67), (0.97, 0.74), (1.0, 0.77), (1.03, 0.74), (1.05, 0.67), (1.15, 0.655),
            (1.26, 0.61), (1.33, 0.54), (1.2, 0.575), (1.1, 0.6),
        ]),
        diamond(Y, 0.1, 0.1, 0.045, 0.07),
        diamond(Y, 0.1, 0.3, 0.045, 0.07),
        diamond(Y, 0.1, 0.5, 0.045, 0.07),
        diamond(Y, 0.1, 0.7, 0.045, 0.07),
        diamond(Y, 0.1, 0.9, 0.045, 0.07),
    ]),
    c("LA", "Laos", (3.0, 2.0), h(&[R, B, B, R]), &[disc(W, 1.5, 1.0, 0.4)]),
    c("LB", "Lebanon", (3.0, 2.0), h(&[R, W, W, R]), &[figure(G, Cedar, 1.5, 1.0, 0.9)]),
    c("LC", "Saint Lucia", (2.0, 1.0), h(&[LB]), &[
        poly(W, &[(1.0, 0.12), (1.34, 0.88), (0.66, 0.88)]),
        poly(K, &[(1.0, 0.2), (1.29, 0.88), (0.71, 0.88)]),
        poly(Y, &[(1.0, 0.5), (1.34, 0.88), (0.66, 0.88)]),
    ]),
    c("LI", "Liechtenstein", (5.0, 3.0), h(&[B, R]), &[figure(Y, Crown, 1.25, 0.75, 0.85)]),
    c("LK", "Sri Lanka", (100.0, 50.0), h(&[Y]), &[
        rect(G, 3.0, 3.0, 15.5, 47.0),
        rect(O, 15.5, 3.0, 28.0, 47.0),
        rect(M, 31.0, 3.0, 97.0, 47.0),
        ellipse(Y, 64.0, 28.0, 15.0, 9.0),
        disc(Y, 53.0, 18.0, 5.5),
        band(Y, (72.0, 16.0), (78.0, 6.0), 1.2),
        band(Y, (54.0, 35.0), (54.0, 42.0), 2.0),
        band(Y, (74.0, 35.0), (74.0, 42.0), 2.0),
        disc(Y, 36.0, 8.0, 2.5),
        disc(Y, 92.0, 8.0, 2.5),
        disc(Y, 36.0, 42.0, 2.5),
        disc(Y, 92.0, 42.0, 2.5),
    ]),
    c("LR", "Liberia", (19.0, 10.0), h(&[R, W, R, W, R, W, R, W, R, W, R]), &[
        rect(B, 0.0, 0.0, 4.545, 4.545),
        star(W, 2.273, 2.35, 1.45),
    ]),
    c("LS", "Lesotho", (30.0, 20.0), h(&[W]), &[
        rect(B, 0.0, 0.0, 30.0, 6.0),
        rect(G, 0.0, 14.0, 30.0, 20.0),
        figure(K, Hat, 15.0, 10.0, 6.5),
    ]),
    c("LT", "Lithuania", (5.0, 3.0), h(&[Y, G, R]), &[]),
    c("LU", "Luxembourg", (5.0, 3.0), h(&[R, W, LB]), &[]),
    c("LV", "Latvia", (2.0, 1.0), h(&[M, M, W, M, M]), &[]),
    c("LY", "Libya", (2.0, 1.0), h(&[R, K, K, G]), &[
        crescent(W, (0.96, 0.5), 0.15, (1.0, 0.5), 0.12),
        star(W, 1.08, 0.5, 0.07),
    ]),
    c("MA", "Morocco", (3.0, 2.0), h(&[R]), &[
        Mark::Pentagram { colour: DG, centre: (1.5, 1.05), radius: 0.5, half_width: 0.035 },
    ]),
    c("MC", "Monaco", (5.0, 4.0), h(&[R, W]), &[]),
    c("MD", "Moldova", (2.0, 1.0), v(&[B, Y, R]), &[
        figure(Bn, Eagle, 1.0, 0.5, 0.55),
        figure(R, Shield, 1.0, 0.55, 0.2),
        rect(B, 0.92, 0.55, 1.08, 0.6),
    ]),
    c("ME", "Montenegro", (2.0, 1.0), h(&[Y]), &[
        rect(R, 0.05, 0.05, 1.95, 0.95),
        figure(Y, DoubleEagle, 1.0, 0.5, 0.65),
    ]),
    c("MG", "Madagascar", (3.0, 2.0), h(&[R, G]), &[rect(W, 0.0, 0.0, 1.0, 2.0)]),
    c("MH", "Marshall Islands", (19.0, 10.0), h(&[B]), &[
        poly(O, &[(0.0, 10.0), (19.0, 0.0), (19.0, 1.8)]),
        poly(W, &[(0.0, 10.0), (19.0, 1.8), (19.0, 3.6)]),
        sun(W, 4.6, 3.3, 2.6, 4, 0.2),
        sun(W, 4.6, 3.3, 1.6, 24, 0.55),
    ]),
    c("MK", "North Macedonia", (2.0, 1.0), h(&[R]), &[
        poly(Y, &[(1.0, 0.5), (0.9, 0.0), (1.1, 0.0)]),
        poly(Y, &[(1.0, 0.5), (0.9, 1.0), (1.1, 1.0)]),
        poly(Y, &[(1.0, 0.5), (0.0, 0.4), (0.0, 0.6)]),
        poly(Y, &[(1.0, 0.5), (2.0, 0.4), (2.0, 0.6)]),
        poly(Y, &[(1.0, 0.5), (0.0, 0.12), (0.0, 0.0), (0.22, 0.0)]),
        poly(Y, &[(1.0, 0.5), (2.0, 0.12), (2.0, 0.0), (1.78, 0.0)]),
        poly(Y, &[(1.0, 0.5), (0.0, 0.88), (0.0, 1.0), (0.22, 1.0)]),
        poly(Y, &[(1.0, 0.5), (2.0, 0.88), (2.0, 1.0), (1.78, 1.0)]),
        disc(R, 1.0, 0.5, 0.165),
        disc(Y, 1.0, 0.5, 0.14),
    ]),
    c("ML", "Mali", (3.0, 2.0), v(&[G, Y, R]), &[]),
    c("MM", "Myanmar", (3.0, 2.0), h(&[Y, G, R]), &[star(W, 1.5, 1.08, 0.8)]),
    c("MN", "Mongolia", (60.0, 30.0), v(&[R, B, R]), &[
        poly(Y, &[(10.0, 2.6), (11.4, 5.6), (8.6, 5.6)]),
        disc(Y, 10.0, 7.6, 1.6),
        crescent(Y, (10.0, 10.0), 2.2, (10.0, 9.2), 2.0),
        poly(Y, &[(8.0, 12.4), (12.0, 12.4), (10.0, 14.4)]),
        rect(Y, 8.0, 14.9, 12.0, 15.7),
        ring(Y, 10.0, 18.3, 2.2, 1.9),
        Mark::Taegeuk { upper: Y, lower: R, centre: (10.0, 18.3), radius: 1.9, head: (0.0, -1.0) },
        rect(Y, 8.0, 20.9, 12.0, 21.7),
        poly(Y, &[(8.0, 22.2), (12.0, 22.2), (10.0, 24.2)]),
        rect(Y, 6.2, 12.4, 7.4, 24.2),
        rect(Y, 12.6, 12.4, 13.8, 24.2),
    ]),
    c("MR", "Mauritania", (3.0, 2.0), h(&[G]), &[
        rect(R, 0.0, 0.0, 3.0, 0.3),
        rect(R, 0.0, 1.7, 3.0, 2.0),
        crescent(Y, (1.5, 1.0), 0.55, (1.5, 0.8), 0.5),
        star(Y, 1.5, 0.75, 0.2),
    ]),
    c("MT", "Malta", (3.0, 2.0), v(&[W, R]), &[
        plus(R, 0.42, 0.42, 0.27, 0.09),
        plus(Gy, 0.42, 0.42, 0.25, 0.07),
    ]),
    c("MU", "Mauritius", (3.0, 2.0), h(&[R, B, Y, G]), &[]),
    c("MV", "Maldives", (3.0, 2.0), h(&[R]), &[
        rect(G, 0.5, 0.5, 2.5, 1.5),
        crescent(W, (1.6, 1.0), 0.38, (1.72, 1.0), 0.33),
    ]),
    c("MW", "Malawi", (3.0, 2.0), h(&[K, R, G]), &[
        sun(R, 1.5, 0.667, 0.5, 31, 0.6),
        disc(R, 1.5, 0.667, 0.3),
    ]),
    c("MX", "Mexico", (7.0, 4.0), v(&[G, W, R]), &[
        arc(G, (3.5, 2.0), (0.95, 0.83), 100.0, 260.0),
        rect(G, 3.4, 2.3, 3.6, 2.75),
        ellipse(G, 3.3, 2.45, 0.12, 0.18),
        ellipse(G, 3.7, 2.45, 0.12, 0.18),
        figure(Bn, Eagle, 3.5, 1.8, 1.2),
    ]),
    c("MY", "Malaysia", (28.0, 14.0), h(&[R, W, R, W, R, W, R, W, R, W, R, W, R, W]), &[
        rect(N, 0.0, 0.0, 14.0, 8.0),
        crescent(Y, (5.0, 4.0), 3.0, (5.9, 4.0), 2.6),
        sun(Y, 9.8, 4.0, 2.2, 14, 0.45),
    ]),
    c("MZ", "Mozambique", (30.0, 20.0), h(&[G]), &[
        rect(W, 0.0, 6.0, 30.0, 14.0),
        rect(K, 0.0, 7.0, 30.0, 13.0),
        rect(Y, 0.0, 14.0, 30.0, 20.0),
        poly(R, &[(0.0, 0.0), (13.0, 10.0), (0.0, 20.0)]),
        star(Y, 4.6, 10.4, 3.6),
        rect(W, 3.4, 10.4, 5.8, 11.8),
        band(K, (2.9, 12.6), (6.4, 8.8), 0.2),
        band(K, (6.3, 12.6), (3.0, 8.8), 0.2),
    ]),
    c("NA", "Namibia", (3.0, 2.0), h(&[B]), &[
        poly(G, &[(3.0, 0.0), (3.0, 2.0), (0.0, 2.0)]),
        band(W, (0.0, 2.0), (3.0, 0.0), 0.36),
        band(R, (0.0, 2.0), (3.0, 0.0), 0.26),
        sun(Y, 0.65, 0.6, 0.38, 12, 0.55),
        disc(B, 0.65, 0.6, 0.22),
        disc(Y, 0.65, 0.6, 0.18),
    ]),
    c("NE", "Niger", (7.0, 6.0), h(&[O, W, G]), &[disc(O, 3.5, 3.0, 0.85)]),
    c("NG", "Nigeria", (2.0, 1.0), v(&[G, W, G]), &[]),
    c("NI", "Nicaragua", (5.0, 3.0), h(&[B, W, B]), &[
        ring(Y, 2.5, 1.5, 0.4, 0.33),
        poly(G, &[(2.5, 1.22), (2.78, 1.7), (2.22, 1.7)]),
    ]),
    c("NL", "Netherlands", (3.0, 2.0), h(&[R, W, B]), &[]),
    c("NO", "Norway", (22.0, 16.0), h(&[R]), &[cross(W, 8.0, 8.0, 2.0), cross(B, 8.0, 8.0, 1.0)]),
    c("NP", "Nepal", (1.0, 1.219), h(&[W]), &[
        poly(B, &[(0.0, 0.0), (0.94, 0.56), (0.33, 0.56), (1.0, 1.219), (0.0, 1.219)]),
        poly(R, &[(0.035, 0.062), (0.82, 0.53), (0.255, 0.53), (0.92, 1.184), (0.035, 1.184)]),
        crescent(W, (0.25, 0.34), 0.12, (0.25, 0.3), 0.11),
        sun(W, 0.25, 0.41, 0.075, 16, 0.55),
        sun(W, 0.25, 0.9, 0.15, 12, 0.6),
    ]),
    c("NR", "Nauru", (2.0, 1.0), h(&[N]), &[
        rect(Y, 0.0, 0.4583, 2.0, 0.5417),
        sun(W, 0.5, 0.75, 0.15, 12, 0.6),
    ]),
    c("NZ", "New Zealand", (2.0, 1.0), h(&[N]), &[
        union_jack(0.0, 0.0, 1.0, 0.5),
        star(W, 1.5, 0.18, 0.062),
        star(W, 1.72, 0.38, 0.057),
        star(W, 1.3, 0.45, 0.062),
        star(W, 1.5, 0.83, 0.067),
        star(R, 1.5, 0.18, 0.05),
        star(R, 1.72, 0.38, 0.045),
        star(R, 1.3, 0.45, 0.05),
        star(R, 1.5, 0.83, 0.055),
    ]),
    c("OM", "Oman", (2.0, 1.0), h(&[W, R, G]), &[
        rect(R, 0.0, 0.0, 0.5, 1.0),
        band(W, (0.12, 0.32), (0.38, 0.08), 0.018),
        band(W, (0.38, 0.32), (0.12, 0.08), 0.018),
        ellipse(W, 0.25, 0.22, 0.03, 0.09),
        rect(W, 0.19, 0.12, 0.31, 0.14),
    ]),
    c("PA", "Panama", (3.0, 2.0), h(&[W]), &[
        rect(R, 1.5, 0.0, 3.0, 1.0),
        rect(B, 0.0, 1.0, 1.5, 2.0),
        star(B, 0.75, 0.52, 0.25),
        star(R, 2.25, 1.52, 0.25),
    ]),
    c("PE", "Peru", (3.0, 2.0), v(&[R, W, R]), &[]),
    c("PG", "Papua New Guinea", (4.0, 3.0), h(&[K]), &[
        poly(R, &[(0.0, 0.0), (4.0, 0.0), (4.0, 3.0)]),
        poly(Y, &[
            (2.3, 0.95), (2.6, 0.7), (2.95, 0.55), (3.25, 0.4), (3.45, 0.42), (3.35, 0.55),
            (3.1, 0.7), (3.2, 0.85), (2.9, 0.85), (2.7, 1.05), (2.9, 1.3), (2.55, 1.15),
            (2.4, 1.3), (2.35, 1.1),
        ]),
        stars(W, &[(1.0, 1.45), (0.55, 2.05), (1.45, 1.95), (1.0, 2.6)], 0.15),
        star(W, 1.2, 2.17, 0.09),
    ]),
    c("PH", "Philippines", (2.0, 1.0), h(&[B, R]), &[
        poly(W, &[(0.0, 0.0), (0.866, 0.5), (0.0, 1.0)]),
        sun(Y, 0.289, 0.5, 0.16, 8, 0.42),
        disc(Y, 0.289, 0.5, 0.075),
        stars(Y, &[(0.075, 0.1), (0.075, 0.9), (0.75, 0.5)], 0.045),
    ]),
    c("PK", "Pakistan", (120.0, 80.0), h(&[DG]), &[
        rect(W, 0.0, 0.0, 30.0, 80.0),
        crescent(W, (75.0, 40.0), 24.0, (81.13, 34.55), 22.0),
        aimed(W, 92.94, 24.05, 8.0, Aim::Towards((120.0, 0.0))),
    ]),
    c("PL", "Poland", (8.0, 5.0), h(&[W, R]), &[]),
    c("PT", "Portugal", (3.0, 2.0), v(&[G, G, R, R, R]), &[
        ring(Y, 1.2, 1.0, 0.42, 0.36),
        band(Y, (0.8, 0.9), (1.6, 1.1), 0.03),
        figure(R, Shield, 1.2, 1.0, 0.5),
        figure(W, Shield, 1.2, 0.98, 0.34),
        rect(B, 1.175, 0.83, 1.225, 0.9),
        rect(B, 1.095, 0.93, 1.145, 1.0),
        rect(B, 1.175, 0.93, 1.225, 1.0),
        rect(B, 1.255, 0.93, 1.305, 1.0),
        rect(B, 1.175, 1.03, 1.225, 1.1),
    ]),
    c("PW", "Palau", (8.0, 5.0), h(&[LB]), &[disc(Y, 3.5, 2.5, 1.5)]),
    c("PY", "Paraguay", (20.0, 11.0), h(&[R, W, B]), &[
        ring(K, 10.0, 5.5, 1.55, 1.48),
        arc(G, (10.0, 5.5), (1.1, 0.9), 30.0, 330.0),
        star(Y, 10.0, 5.55, 0.5),
    ]),
    c("QA", "Qatar", (28.0, 11.0), h(&[M]), &[
        Mark::Serration { colour: W, base: 7.5, tip: 10.0, teeth: 9 },
    ]),
    c("RO", "Romania", (3.0, 2.0), v(&[B, Y, R]), &[]),
    c("RS", "Serbia", (3.0, 2.0), h(&[R, B, W]), &[
        figure(Y, Crown, 1.07, 0.5, 0.24),
        figure(R, Shield, 1.07, 1.02, 0.8),
        figure(W, DoubleEagle, 1.07, 1.0, 0.6),
    ]),
    c("RU", "Russia", (3.0, 2.0), h(&[W, B, R]), &[]),
    c("RW", "Rwanda", (3.0, 2.0), h(&[LB, LB, Y, G]), &[
        sun(Y, 2.5, 0.5, 0.3, 24, 0.62),
        disc(LB, 2.5, 0.5, 0.15),
        disc(Y, 2.5, 0.5, 0.125),
    ]),
    c("SA", "Saudi Arabia", (3.0, 2.0), h(&[G]), &[
        band(W, (0.75, 0.85), (2.25, 0.85), 0.03),
        band(W, (0.85, 0.5), (0.85, 0.85), 0.025),
        band(W, (1.05, 0.55), (1.05, 0.85), 0.025),
        band(W, (1.2, 0.5), (1.2, 0.85), 0.025),
        ellipse(W, 1.38, 0.72, 0.08, 0.05),
        band(W, (1.58, 0.5), (1.58, 0.85), 0.025),
        band(W, (1.8, 0.58), (1.8, 0.85), 0.025),
        ellipse(W, 1.97, 0.72, 0.07, 0.05),
        band(W, (2.15, 0.5), (2.15, 0.85), 0.025),
        band(W, (0.8, 1.3), (2.05, 1.3), 0.035),
        rect(W, 2.04, 1.2, 2.08, 1.4),
        band(W, (2.08, 1.3), (2.25, 1.3), 0.03),
    ]),
    c("SB", "Solomon Islands", (2.0, 1.0), h(&[B]), &[
        poly(G, &[(2.0, 0.0), (2.0, 1.0), (0.0, 1.0)]),
        band(Y, (0.0, 1.0), (2.0, 0.0), 0.05),
        stars(W, &[(0.18, 0.14), (0.62, 0.14), (0.4, 0.28), (0.18, 0.42), (0.62, 0.42)], 0.07),
    ]),
    c("SC", "Seychelles", (2.0, 1.0), h(&[B]), &[
        poly(Y, &[(0.0, 1.0), (0.667, 0.0), (1.333, 0.0)]),
        poly(R, &[(0.0, 1.0), (1.333, 0.0), (2.0, 0.0), (2.0, 0.333)]),
        poly(W, &[(0.0, 1.0), (2.0, 0.333), (2.0, 0.667)]),
        poly(G, &[(0.0, 1.0), (2.0, 0.667), (2.0, 1.0)]),
    ]),
    c("SD", "Sudan", (2.0, 1.0), h(&[R, W, K]), &[poly(G, &[(0.0, 0.0), (0.66, 0.5), (0.0, 1.0)])]),
    c("SE", "Sweden", (16.0, 10.0), h(&[B]), &[cross(Y, 6.0, 5.0, 1.0)]),
    c("SG", "Singapore", (3.0, 2.0), h(&[R, W]), &[
        crescent(W, (0.55, 0.5), 0.32, (0.66, 0.5), 0.3),
        star_arc(W, (0.82, 0.5), 0.14, 5, (0.0, 72.0), 0.06),
    ]),
    c("SI", "Slovenia", (2.0, 1.0), h(&[W, B, R]), &[
        figure(R, Shield, 0.55, 0.33, 0.3),
        figure(B, Shield, 0.55, 0.327, 0.26),
        poly(W, &[
            (0.47, 0.41), (0.51, 0.35), (0.53, 0.37), (0.55, 0.29), (0.57, 0.37), (0.59, 0.35),
            (0.63, 0.41),
        ]),
        stars(Y, &[(0.51, 0.245), (0.59, 0.245), (0.55, 0.22)], 0.016),
    ]),
    c("SK", "Slovakia", (3.0, 2.0), h(&[W, B, R]), &[
        figure(W, Shield, 1.0, 1.0, 1.0),
        figure(R, Shield, 1.0, 0.99, 0.9),
        poly(B, &[
            (0.74, 1.26), (0.8, 1.2), (0.88, 1.2), (0.93, 1.15), (1.0, 1.12), (1.07, 1.15),
            (1.12, 1.2), (1.2, 1.2), (1.26, 1.26), (1.16, 1.36), (1.0, 1.43), (0.84, 1.36),
        ]),
        rect(W, 0.97, 0.62, 1.03, 1.13),
        rect(W, 0.86, 0.72, 1.14, 0.78),
        rect(W, 0.82, 0.88, 1.18, 0.95),
    ]),
    c("SL", "Sierra Leone", (3.0, 2.0), h(&[G, W, B]), &[]),
    c("SM", "San Marino", (4.0, 3.0), h(&[W, LB]), &[
        arc(G, (2.0, 1.55), (0.62, 0.55), 100.0, 260.0),
        figure(Y, Shield, 2.0, 1.5, 1.0),
        figure(LB, Shield, 2.0, 1.49, 0.86),
        poly(G, &[(1.76, 1.72), (1.82, 1.5), (2.0, 1.4), (2.18, 1.5), (2.24, 1.72)]),
        rect(W, 1.78, 1.2, 1.86, 1.5),
        rect(W, 1.96, 1.1, 2.04, 1.4),
        rect(W, 2.14, 1.2, 2.22, 1.5),
        figure(Y, Crown, 2.0, 0.85, 0.3),
    ]),
    c("SN", "Senegal", (3.0, 2.0), v(&[G, Y, R]), &[star(G, 1.5, 1.03, 0.3)]),
    c("SO", "Somalia", (3.0, 2.0), h(&[LB]), &[star(W, 1.5, 1.05, 0.5)]),
    c("SR", "Suriname", (3.0, 2.0), h(&[G, G, W, R, R, R, R, W, G, G]), &[star(Y, 1.5, 1.04, 0.4)]),
    c("SS", "South Sudan", (40.0, 20.0), h(&[K]), &[
        rect(W, 0.0, 6.0, 40.0, 14.0),
        rect(R, 0.0, 7.0, 40.0, 13.0),
        rect(G, 0.0, 14.0, 40.0, 20.0),
        poly(B, &[(0.0, 0.0), (17.3, 10.0), (0.0, 20.0)]),
        star(Y, 5.8, 10.3, 2.8),
    ]),
    c("ST", "São Tomé and Príncipe", (2.0, 1.0), h(&[G, G, Y, Y, Y, G, G]), &[
        poly(R, &[(0.0, 0.0), (0.55, 0.5), (0.0, 1.0)]),
        stars(K, &[(1.0, 0.51), (1.5, 0.51)], 0.13),
    ]),
    c("SV", "El Salvador", (5.0, 3.0), h(&[B, W, B]), &[
        ring(Y, 2.5, 1.5, 0.4, 0.34),
        arc(G, (2.5, 1.5), (0.33, 0.29), 100.0, 260.0),
        poly(G, &[(2.5, 1.25), (2.72, 1.63), (2.28, 1.63)]),
    ]),
    c("SY", "Syria", (3.0, 2.0), h(&[G, W, K]), &[
        stars(R, &[(0.9, 1.02), (1.5, 1.02), (2.1, 1.02)], 0.22),
    ]),
    c("SZ", "Eswatini", (24.0, 16.0), h(&[B]), &[
        rect(Y, 0.0, 3.0, 24.0, 13.0),
        rect(R, 0.0, 4.0, 24.0, 12.0),
        band(Y, (4.5, 5.2), (19.5, 5.2), 0.2),
        band(Y, (5.0, 7.2), (19.0, 7.2), 0.15),
        band(Y, (5.0, 8.8), (19.0, 8.8), 0.15),
        ellipse(K, 12.0, 8.0, 5.0, 2.4),
        poly(W, &[
            (12.0, 5.6), (9.5, 5.92), (7.67, 6.8), (7.0, 8.0), (7.67, 9.2), (9.5, 10.08),
            (12.0, 10.4),
        ]),
        disc(K, 9.5, 7.3, 0.3),
        disc(K, 10.5, 8.7, 0.3),
        disc(W, 14.5, 7.3, 0.3),
        disc(W, 13.5, 8.7, 0.3),
    ]),
    c("TD", "Chad", (3.0, 2.0), v(&[B, Y, R]), &[]),
    c("TG", "Togo", (8.09, 5.0), h(&[G, Y, G, Y, G]), &[
        rect(R, 0.0, 0.0, 3.0, 3.0),
        star(W, 1.5, 1.55, 1.0),
    ]),
    c("TH", "Thailand", (3.0, 2.0), h(&[R, W, B, B, W, R]), &[]),
    c("TJ", "Tajikistan", (2.0, 1.0), h(&[R, R, W, W, W, G, G]), &[
        figure(Y, Crown, 1.0, 0.53, 0.16),
        star_arc(Y, (1.0, 0.57), 0.21, 7, (-60.0, 20.0), 0.028),
    ]),
    c("TL", "Timor-Leste", (2.0, 1.0), h(&[R]), &[
        poly(Y, &[(0.0, 0.0), (1.0, 0.5), (0.0, 1.0)]),
        poly(K, &[(0.0, 0.0), (0.667, 0.5), (0.0, 1.0)]),
        aimed(W, 0.22, 0.5, 0.12, Aim::Degrees(-30.0)),
    ]),
    c("TM", "Turkmenistan", (3.0, 2.0), h(&[G]), &[
        rect(M, 0.3, 0.0, 0.75, 2.0),
        diamond(O, 0.525, 0.3, 0.17, 0.13),
        diamond(O, 0.525, 0.65, 0.17, 0.13),
        diamond(O, 0.525, 1.0, 0.17, 0.13),
        diamond(O, 0.525, 1.35, 0.17, 0.13),
        diamond(O, 0.525, 1.7, 0.17, 0.13),
        diamond(W, 0.525, 0.3, 0.08, 0.06),
        diamond(W, 0.525, 0.65, 0.08, 0.06),
        diamond(W, 0.525, 1.0, 0.08, 0.06),
        diamond(W, 0.525, 1.35, 0.08, 0.06),
        diamond(W, 0.525, 1.7, 0.08, 0.06),
        crescent(W, (1.05, 0.42), 0.26, (1.14, 0.38), 0.23),
        stars(W, &[(1.3, 0.2), (1.44, 0.22), (1.34, 0.34), (1.48, 0.36), (1.38, 0.48)], 0.045),
    ]),
    c("TN", "Tunisia", (3.0, 2.0), h(&[R]), &[
        disc(W, 1.5, 1.0, 0.5),
        crescent(R, (1.5, 1.0), 0.375, (1.6, 1.0), 0.3),
        aimed(R, 1.6, 1.0, 0.225, Aim::Degrees(-90.0)),
    ]),
    c("TO", "Tonga", (2.0, 1.0), h(&[R]), &[
        rect(W, 0.0, 0.0, 0.8, 0.5),
        plus(R, 0.4, 0.25, 0.16, 0.05),
    ]),
    c("TR", "Turkey", (1.5, 1.0), h(&[R]), &[
        crescent(W, (0.5, 0.5), 0.25, (0.5625, 0.5), 0.2),
        aimed(W, 0.8208, 0.5, 0.125, Aim::Degrees(-90.0)),
    ]),
    c("TT", "Trinidad and Tobago", (5.0, 3.0), h(&[R]), &[
        band(W, (0.0, 0.0), (5.0, 3.0), 0.45),
        band(K, (0.0, 0.0), (5.0, 3.0), 0.33),
    ]),
    c("TV", "Tuvalu", (2.0, 1.0), h(&[LB]), &[
        union_jack(0.0, 0.0, 1.0, 0.5),
        stars(Y, &[
            (1.12, 0.82), (1.28, 0.9), (1.3, 0.66), (1.46, 0.74), (1.5, 0.5), (1.64, 0.58),
            (1.72, 0.32), (1.84, 0.18), (1.9, 0.42),
        ], 0.045),
    ]),
    c("TW", "Taiwan", (3.0, 2.0), h(&[R]), &[
        rect(B, 0.0, 0.0, 1.5, 1.0),
        sun(W, 0.75, 0.5, 0.375, 12, 0.53),
        disc(B, 0.75, 0.5, 0.2),
        disc(W, 0.75, 0.5, 0.175),
    ]),
    c("TZ", "Tanzania", (3.0, 2.0), h(&[G]), &[
        poly(LB, &[(3.0, 0.0), (3.0, 2.0), (0.0, 2.0)]),
        band(Y, (0.0, 2.0), (3.0, 0.0), 0.3),
        band(K, (0.0, 2.0), (3.0, 0.0), 0.21),
    ]),
    c("UA", "Ukraine", (3.0, 2.0), h(&[B, Y]), &[]),
    c("UG", "Uganda", (3.0, 2.0), h(&[K, Y, R, K, Y, R]), &[
        disc(W, 1.5, 1.0, 0.42),
        ellipse(Gy, 1.52, 1.02, 0.12, 0.18),
        band(K, (1.5, 1.18), (1.5, 1.34), 0.015),
        band(Gy, (1.45, 0.8), (1.47, 0.95), 0.025),
        disc(K, 1.44, 0.77, 0.05),
        disc(Y, 1.42, 0.7, 0.045),
        disc(R, 1.46, 0.82, 0.02),
    ]),
    c("US", "United States", (1.9, 1.0), h(&[R, W, R, W, R, W, R, W, R, W, R, W, R]), &[
        rect(N, 0.0, 0.0, 0.76, 7.0 / 13.0),
        stars(W, &US_STARS, 0.0308),
    ]),
    c("UY", "Uruguay", (27.0, 18.0), h(&[W, B, W, B, W, B, W, B, W]), &[
        rect(W, 0.0, 0.0, 10.0, 10.0),
        sun(Y, 5.0, 5.0, 3.9, 16, 0.55),
        ring(Bn, 5.0, 5.0, 2.05, 1.85),
    ]),
    c("UZ", "Uzbekistan", (24.0, 12.0), h(&[LB, W, G]), &[
        rect(R, 0.0, 3.85, 24.0, 4.15),
        rect(R, 0.0, 7.85, 24.0, 8.15),
        crescent(W, (2.4, 2.0), 1.2, (2.85, 2.0), 1.05),
        stars(W, &[
            (6.6, 0.9), (7.7, 0.9), (8.8, 0.9),
            (5.5, 2.0), (6.6, 2.0), (7.7, 2.0), (8.8, 2.0),
            (4.4, 3.1), (5.5, 3.1), (6.6, 3.1), (7.7, 3.1), (8.8, 3.1),
        ], 0.3),
    ]),
    c("VA", "Vatican City", (2.0, 2.0), v(&[Y, W]), &[
        band(Y, (1.25, 1.5), (1.75, 0.85), 0.035),
        band(Gy, (1.75, 1.5), (1.25, 0.85), 0.035),
        ring(Y, 1.22, 1.54, 0.07, 0.035),
        ring(Gy, 1.78, 1.54, 0.07, 0.035),
        rect(Y, 1.68, 0.8, 1.78, 0.88),
        rect(Gy, 1.22, 0.8, 1.32, 0.88),
        ellipse(Y, 1.5, 0.62, 0.11, 0.15),
        rect(W, 1.39, 0.57, 1.61, 0.59),
        rect(W, 1.39, 0.67, 1.61, 0.69),
        rect(Y, 1.49, 0.4, 1.51, 0.48),
    ]),
    c("VC", "Saint Vincent and the Grenadines", (3.0, 2.0), v(&[B, Y, Y, G]), &[
        diamond(G, 1.22, 0.8, 0.17, 0.3),
        diamond(G, 1.78, 0.8, 0.17, 0.3),
        diamond(G, 1.5, 1.25, 0.17, 0.3),
    ]),
    c("VE", "Venezuela", (3.0, 2.0), h(&[Y, B, R]), &[
        star_arc(W, (1.5, 1.25), 0.5, 8, (-63.0, 18.0), 0.06),
    ]),
    c("VN", "Vietnam", (3.0, 2.0), h(&[R]), &[star(Y, 1.5, 1.05, 0.6)]),
    c("VU", "Vanuatu", (5.0, 3.0), h(&[R, G]), &[
        band(K, (0.0, 0.0), (2.1, 1.5), 0.27),
        band(K, (0.0, 3.0), (2.1, 1.5), 0.27),
        rect(K, 2.0, 1.23, 5.0, 1.77),
        band(Y, (0.0, 0.0), (2.1, 1.5), 0.17),
        band(Y, (0.0, 3.0), (2.1, 1.5), 0.17),
        rect(Y, 2.0, 1.33, 5.0, 1.67),
        poly(K, &[(0.0, 0.209), (1.809, 1.5), (0.0, 2.791)]),
        arc(Y, (0.62, 1.5), (0.4, 0.3), 40.0, 340.0),
        band(Y, (0.45, 1.75), (0.8, 1.25), 0.04),
        band(Y, (0.8, 1.75), (0.45, 1.25), 0.04),
    ]),
    c("WS", "Samoa", (2.0, 1.0), h(&[R]), &[
        rect(B, 0.0, 0.0, 1.0, 0.5),
        stars(W, &[(0.5, 0.09), (0.3, 0.21), (0.68, 0.18), (0.5, 0.41)], 0.05),
        star(W, 0.58, 0.28, 0.028),
    ]),
    c("YE", "Yemen", (3.0, 2.0), h(&[R, W, K]), &[]),
    c("ZA", "South Africa", (9.0, 6.0), h(&[R, B]), &[
        band(W, (0.0, 0.0), (4.5, 3.0), 1.0),
        band(W, (0.0, 6.0), (4.5, 3.0), 1.0),
        band(W, (4.5, 3.0), (9.0, 3.0), 1.0),
        poly(Y, &[(0.0, 0.0), (4.5, 3.0), (0.0, 6.0)]),
        poly(K, &[(0.0, 1.202), (2.695, 3.0), (0.0, 4.798)]),
        band(G, (0.0, 0.0), (4.5, 3.0), 0.6),
        band(G, (0.0, 6.0), (4.5, 3.0), 0.6),
        band(G, (4.5, 3.0), (9.0, 3.0), 0.6),
    ]),
    c("ZM", "Zambia", (3.0, 2.0), h(&[G]), &[
        rect(R, 2.1, 0.75, 2.4, 2.0),
        rect(K, 2.4, 0.75, 2.7, 2.0),
        rect(O, 2.7, 0.75, 3.0, 2.0),
        figure(O, Eagle, 2.55, 0.42, 0.45),
    ]),
    c("ZW", "Zimbabwe", (2.0, 1.0), h(&[G, Y, R, K, R, Y, G]), &[
        poly(K, &[(0.0, 0.0), (0.88, 0.5), (0.0, 1.0)]),
        poly(W, &[(0.0, 0.06), (0.78, 0.5), (0.0, 0.94)]),
        star(R, 0.29, 0.52, 0.15),
        figure(Y, Eagle, 0.29, 0.5, 0.17),
    ]),
];

/// Looks a code up, in either case: `country("br")` is Brazil.
pub fn country(cc: &str) -> Option<&'static Country> {
    let cc = cc.to_ascii_uppercase();
    COUNTRIES
        .binary_search_by(|country| country.cc.cmp(cc.as_str()))
        .ok()
        .map(|index| &COUNTRIES[index])
}

/// Every code the built-in server knows, lower case, for building URLs.
pub fn known_codes() -> impl Iterator<Item = String> {
    COUNTRIES
        .iter()
        .map(|country| country.cc.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_codes_are_the_books_194_in_order() {
        assert!(COUNTRIES.windows(2).all(|pair| pair[0].cc < pair[1].cc));
        assert!(
            COUNTRIES
                .iter()
                .all(|c| c.cc.len() == 2 && c.cc.bytes().all(|b| b.is_ascii_uppercase()))
        );
    }

    #[test]
    fn codes_are_found_in_either_case() {
        assert_eq!(country("br").unwrap().name, "Brazil");
        assert_eq!(country("US").unwrap().name, "United States");
        assert!(country("XX").is_none());
    }

    #[test]
    fn each_colour_knows_its_place_in_the_palette() {
        for (place, colour) in Colour::ALL.iter().enumerate() {
            assert_eq!(usize::from(colour.index()), place, "{colour:?}");
        }
    }

    #[test]
    fn the_us_canton_has_fifty_stars_in_nine_rows() {
        let mut rows: Vec<f32> = US_STARS.iter().map(|star| star.1).collect();
        rows.dedup();
        assert_eq!(rows.len(), 9);
        assert_eq!(US_STARS.iter().filter(|star| star.1 == rows[0]).count(), 6);
        assert_eq!(US_STARS.iter().filter(|star| star.1 == rows[1]).count(), 5);
        assert!(US_STARS.iter().all(|&(x, y)| x < 0.76 && y < 7.0 / 13.0));
    }
}
