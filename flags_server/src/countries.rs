//! The 194 countries of the book's `country_codes.txt`: code, name, and a simplified flag.
//!
//! The book's test server served real flag images for these codes. Ours draws each flag from the
//! design below (see [`flag_image`](crate::flag_image)): stripes, a field, and a mark or two
//! where that is the flag's defining shape — recognisable, not exact. Names are the common
//! English short names, as in the book's `metadata.json` files.

use Colour::{Black as K, Blue as B, Green as G, LightBlue as LB, Maroon as M, Orange as O};
use Colour::{Red as R, White as W, Yellow as Y};

/// The few colours every flag here is drawn with (the GIF palette).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// White.
    White,
    /// Black.
    Black,
    /// Red.
    Red,
    /// Green.
    Green,
    /// Dark blue.
    Blue,
    /// Yellow or gold.
    Yellow,
    /// Orange or saffron.
    Orange,
    /// Light (sky) blue.
    LightBlue,
    /// Maroon or crimson.
    Maroon,
}

impl Colour {
    /// Every colour, in palette order.
    pub const ALL: [Colour; 9] = [W, K, R, G, B, Y, O, LB, M];

    /// The colour as red, green, blue.
    pub fn rgb(self) -> [u8; 3] {
        match self {
            W => [255, 255, 255],
            K => [0, 0, 0],
            R => [206, 17, 38],
            G => [0, 122, 61],
            B => [0, 56, 147],
            Y => [252, 209, 22],
            O => [255, 130, 0],
            LB => [92, 178, 232],
            M => [128, 0, 32],
        }
    }
}

/// How a flag's field is divided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Equal horizontal stripes, top to bottom.
    Horizontal(&'static [Colour]),
    /// Equal vertical stripes, hoist to fly.
    Vertical(&'static [Colour]),
    /// Four quarters: top-hoist, top-fly, bottom-hoist, bottom-fly.
    Quartered([Colour; 4]),
}

/// A shape drawn over the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A disc in the centre.
    Disc(Colour),
    /// A disc towards the hoist.
    HoistDisc(Colour),
    /// A Nordic cross, its upright towards the hoist.
    NordicCross(Colour),
    /// A cross spanning the flag through its centre.
    CentreCross(Colour),
    /// A small plus in the centre.
    Plus(Colour),
    /// A diagonal cross.
    Saltire(Colour),
    /// A band from the lower hoist to the upper fly.
    Diagonal(Colour),
    /// A triangle at the hoist.
    Triangle(Colour),
    /// A vertical band at the hoist.
    HoistBar(Colour),
    /// A rectangle in the upper hoist.
    Canton(Colour),
    /// A small disc in the upper hoist (a star or emblem).
    CantonDisc(Colour),
    /// A lozenge in the centre.
    Diamond(Colour),
}

/// A flag: a divided field with marks drawn over it in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag {
    /// The field.
    pub layout: Layout,
    /// What is drawn over it, first to last.
    pub marks: &'static [Mark],
}

/// One row of `country_codes.txt`, with its name and flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    /// The ISO 3166 two-letter code, upper case: `BR`.
    pub cc: &'static str,
    /// The country's common English name: `Brazil`.
    pub name: &'static str,
    /// Its simplified flag.
    pub flag: Flag,
}

const fn c(
    cc: &'static str,
    name: &'static str,
    layout: Layout,
    marks: &'static [Mark],
) -> Country {
    Country {
        cc,
        name,
        flag: Flag { layout, marks },
    }
}

const fn h(colours: &'static [Colour]) -> Layout {
    Layout::Horizontal(colours)
}

const fn v(colours: &'static [Colour]) -> Layout {
    Layout::Vertical(colours)
}

const fn field(colour: &'static [Colour]) -> Layout {
    Layout::Horizontal(colour)
}

use Mark::{Canton, CantonDisc, CentreCross, Diagonal, Diamond, Disc, HoistBar, HoistDisc};
use Mark::{NordicCross, Plus, Saltire, Triangle};

/// The 194 countries, in the order of the book's `country_codes.txt` (alphabetical by code).
pub const COUNTRIES: [Country; 194] = [
    c("AD", "Andorra", v(&[B, Y, R]), &[]),
    c("AE", "United Arab Emirates", h(&[G, W, K]), &[HoistBar(R)]),
    c("AF", "Afghanistan", v(&[K, R, G]), &[]),
    c("AG", "Antigua and Barbuda", h(&[K, B, W]), &[Triangle(R)]),
    c("AL", "Albania", field(&[R]), &[Disc(K)]),
    c("AM", "Armenia", h(&[R, B, O]), &[]),
    c("AO", "Angola", h(&[R, K]), &[Disc(Y)]),
    c("AR", "Argentina", h(&[LB, W, LB]), &[Disc(Y)]),
    c("AT", "Austria", h(&[R, W, R]), &[]),
    c("AU", "Australia", field(&[B]), &[Canton(R), Disc(W)]),
    c("AZ", "Azerbaijan", h(&[LB, R, G]), &[]),
    c("BA", "Bosnia and Herzegovina", field(&[B]), &[Triangle(Y)]),
    c("BB", "Barbados", v(&[B, Y, B]), &[]),
    c("BD", "Bangladesh", field(&[G]), &[Disc(R)]),
    c("BE", "Belgium", v(&[K, Y, R]), &[]),
    c("BF", "Burkina Faso", h(&[R, G]), &[Disc(Y)]),
    c("BG", "Bulgaria", h(&[W, G, R]), &[]),
    c("BH", "Bahrain", field(&[R]), &[HoistBar(W)]),
    c("BI", "Burundi", field(&[R]), &[Saltire(W), Disc(W)]),
    c("BJ", "Benin", h(&[Y, R]), &[HoistBar(G)]),
    c("BN", "Brunei", field(&[Y]), &[Diagonal(K)]),
    c("BO", "Bolivia", h(&[R, Y, G]), &[]),
    c("BR", "Brazil", field(&[G]), &[Diamond(Y), Disc(B)]),
    c("BS", "Bahamas", h(&[LB, Y, LB]), &[Triangle(K)]),
    c("BT", "Bhutan", field(&[Y]), &[Diagonal(O)]),
    c("BW", "Botswana", h(&[LB, W, K, W, LB]), &[]),
    c("BY", "Belarus", h(&[R, R, G]), &[HoistBar(W)]),
    c("BZ", "Belize", h(&[R, B, B, B, R]), &[Disc(W)]),
    c("CA", "Canada", v(&[R, W, W, R]), &[Disc(R)]),
    c(
        "CD",
        "Congo, Democratic Republic of the",
        field(&[LB]),
        &[Diagonal(R), CantonDisc(Y)],
    ),
    c(
        "CF",
        "Central African Republic",
        h(&[B, W, G, Y]),
        &[Plus(R)],
    ),
    c("CG", "Congo", field(&[G]), &[Diagonal(Y)]),
    c("CH", "Switzerland", field(&[R]), &[Plus(W)]),
    c("CI", "Côte d'Ivoire", v(&[O, W, G]), &[]),
    c("CL", "Chile", h(&[W, R]), &[Canton(B), CantonDisc(W)]),
    c("CM", "Cameroon", v(&[G, R, Y]), &[]),
    c("CN", "China", field(&[R]), &[CantonDisc(Y)]),
    c("CO", "Colombia", h(&[Y, Y, B, R]), &[]),
    c("CR", "Costa Rica", h(&[B, W, R, R, W, B]), &[]),
    c("CU", "Cuba", h(&[B, W, B, W, B]), &[Triangle(R)]),
    c("CV", "Cape Verde", h(&[B, B, W, R, W, B, B]), &[]),
    c("CY", "Cyprus", field(&[W]), &[Disc(O)]),
    c("CZ", "Czechia", h(&[W, R]), &[Triangle(B)]),
    c("DE", "Germany", h(&[K, R, Y]), &[]),
    c("DJ", "Djibouti", h(&[LB, G]), &[Triangle(W)]),
    c("DK", "Denmark", field(&[R]), &[NordicCross(W)]),
    c("DM", "Dominica", field(&[G]), &[CentreCross(Y), Disc(R)]),
    c("DZ", "Algeria", v(&[G, W]), &[Disc(R)]),
    c("EC", "Ecuador", h(&[Y, Y, B, R]), &[Disc(B)]),
    c("EE", "Estonia", h(&[B, K, W]), &[]),
    c("EG", "Egypt", h(&[R, W, K]), &[Disc(Y)]),
    c("ER", "Eritrea", h(&[G, B]), &[Triangle(R)]),
    c("ES", "Spain", h(&[R, Y, Y, R]), &[]),
    c("ET", "Ethiopia", h(&[G, Y, R]), &[Disc(B)]),
    c("FI", "Finland", field(&[W]), &[NordicCross(B)]),
    c("FJ", "Fiji", field(&[LB]), &[Canton(B), Disc(W)]),
    c("FM", "Micronesia", field(&[LB]), &[Disc(W)]),
    c("FR", "France", v(&[B, W, R]), &[]),
    c("GA", "Gabon", h(&[G, Y, B]), &[]),
    c(
        "GB",
        "United Kingdom",
        field(&[B]),
        &[Saltire(W), CentreCross(R)],
    ),
    c("GD", "Grenada", field(&[G]), &[Saltire(Y), Disc(R)]),
    c("GE", "Georgia", field(&[W]), &[CentreCross(R)]),
    c("GH", "Ghana", h(&[R, Y, G]), &[Disc(K)]),
    c("GM", "Gambia", h(&[R, B, G]), &[]),
    c("GN", "Guinea", v(&[R, Y, G]), &[]),
    c("GQ", "Equatorial Guinea", h(&[G, W, R]), &[Triangle(B)]),
    c(
        "GR",
        "Greece",
        h(&[B, W, B, W, B, W, B, W, B]),
        &[Canton(B)],
    ),
    c("GT", "Guatemala", v(&[LB, W, LB]), &[Disc(G)]),
    c("GW", "Guinea-Bissau", h(&[Y, G]), &[HoistBar(R)]),
    c("GY", "Guyana", field(&[G]), &[Triangle(Y)]),
    c("HN", "Honduras", h(&[B, W, B]), &[]),
    c("HR", "Croatia", h(&[R, W, B]), &[Disc(R)]),
    c("HT", "Haiti", h(&[B, R]), &[Disc(W)]),
    c("HU", "Hungary", h(&[R, W, G]), &[]),
    c("ID", "Indonesia", h(&[R, W]), &[]),
    c("IE", "Ireland", v(&[G, W, O]), &[]),
    c("IL", "Israel", h(&[W, B, W, W, W, B, W]), &[]),
    c("IN", "India", h(&[O, W, G]), &[Disc(B)]),
    c("IQ", "Iraq", h(&[R, W, K]), &[Disc(G)]),
    c("IR", "Iran", h(&[G, W, R]), &[Disc(R)]),
    c("IS", "Iceland", field(&[B]), &[NordicCross(R)]),
    c("IT", "Italy", v(&[G, W, R]), &[]),
    c("JM", "Jamaica", field(&[G]), &[Saltire(Y)]),
    c("JO", "Jordan", h(&[K, W, G]), &[Triangle(R)]),
    c("JP", "Japan", field(&[W]), &[Disc(R)]),
    c("KE", "Kenya", h(&[K, W, R, W, G]), &[Disc(R)]),
    c("KG", "Kyrgyzstan", field(&[R]), &[Disc(Y)]),
    c("KH", "Cambodia", h(&[B, R, R, B]), &[Disc(W)]),
    c("KI", "Kiribati", h(&[R, R, B]), &[Disc(Y)]),
    c("KM", "Comoros", h(&[Y, W, R, B]), &[Triangle(G)]),
    c("KN", "Saint Kitts and Nevis", field(&[G]), &[Diagonal(K)]),
    c("KP", "North Korea", h(&[B, R, R, R, B]), &[HoistDisc(W)]),
    c("KR", "South Korea", field(&[W]), &[Disc(B)]),
    c("KW", "Kuwait", h(&[G, W, R]), &[Triangle(K)]),
    c("KZ", "Kazakhstan", field(&[LB]), &[Disc(Y)]),
    c("LA", "Laos", h(&[R, B, B, R]), &[Disc(W)]),
    c("LB", "Lebanon", h(&[R, W, W, R]), &[Disc(G)]),
    c("LC", "Saint Lucia", field(&[LB]), &[Diamond(Y)]),
    c("LI", "Liechtenstein", h(&[B, R]), &[CantonDisc(Y)]),
    c("LK", "Sri Lanka", v(&[G, O, M, M]), &[]),
    c(
        "LR",
        "Liberia",
        h(&[R, W, R, W, R, W, R, W, R, W, R]),
        &[Canton(B)],
    ),
    c("LS", "Lesotho", h(&[B, W, G]), &[Disc(K)]),
    c("LT", "Lithuania", h(&[Y, G, R]), &[]),
    c("LU", "Luxembourg", h(&[R, W, LB]), &[]),
    c("LV", "Latvia", h(&[M, M, W, M, M]), &[]),
    c("LY", "Libya", h(&[R, K, K, G]), &[Disc(W)]),
    c("MA", "Morocco", field(&[R]), &[Disc(G)]),
    c("MC", "Monaco", h(&[R, W]), &[]),
    c("MD", "Moldova", v(&[B, Y, R]), &[Disc(O)]),
    c("ME", "Montenegro", field(&[R]), &[Disc(Y)]),
    c("MG", "Madagascar", h(&[R, G]), &[HoistBar(W)]),
    c("MH", "Marshall Islands", field(&[B]), &[Diagonal(O)]),
    c("MK", "North Macedonia", field(&[R]), &[Saltire(Y), Disc(Y)]),
    c("ML", "Mali", v(&[G, Y, R]), &[]),
    c("MM", "Myanmar", h(&[Y, G, R]), &[Disc(W)]),
    c("MN", "Mongolia", v(&[R, B, R]), &[CantonDisc(Y)]),
    c("MR", "Mauritania", h(&[R, G, G, G, R]), &[Disc(Y)]),
    c("MT", "Malta", v(&[W, R]), &[]),
    c("MU", "Mauritius", h(&[R, B, Y, G]), &[]),
    c("MV", "Maldives", v(&[R, G, G, R]), &[Disc(W)]),
    c("MW", "Malawi", h(&[K, R, G]), &[Disc(R)]),
    c("MX", "Mexico", v(&[G, W, R]), &[Disc(O)]),
    c(
        "MY",
        "Malaysia",
        h(&[R, W, R, W, R, W, R]),
        &[Canton(B), CantonDisc(Y)],
    ),
    c("MZ", "Mozambique", h(&[G, K, Y]), &[Triangle(R)]),
    c("NA", "Namibia", field(&[B]), &[Diagonal(R)]),
    c("NE", "Niger", h(&[O, W, G]), &[Disc(O)]),
    c("NG", "Nigeria", v(&[G, W, G]), &[]),
    c("NI", "Nicaragua", h(&[B, W, B]), &[Disc(Y)]),
    c("NL", "Netherlands", h(&[R, W, B]), &[]),
    c("NO", "Norway", field(&[R]), &[NordicCross(B)]),
    c("NP", "Nepal", field(&[W]), &[Triangle(M)]),
    c("NR", "Nauru", h(&[B, B, Y, B, B]), &[CantonDisc(W)]),
    c("NZ", "New Zealand", field(&[B]), &[Canton(R), Disc(R)]),
    c("OM", "Oman", h(&[W, R, G]), &[HoistBar(R)]),
    c("PA", "Panama", Layout::Quartered([W, R, B, W]), &[]),
    c("PE", "Peru", v(&[R, W, R]), &[]),
    c("PG", "Papua New Guinea", field(&[R]), &[Diagonal(K)]),
    c("PH", "Philippines", h(&[B, R]), &[Triangle(W)]),
    c("PK", "Pakistan", field(&[G]), &[HoistBar(W), Disc(W)]),
    c("PL", "Poland", h(&[W, R]), &[]),
    c("PT", "Portugal", v(&[G, R, R]), &[HoistDisc(Y)]),
    c("PW", "Palau", field(&[LB]), &[HoistDisc(Y)]),
    c("PY", "Paraguay", h(&[R, W, B]), &[Disc(Y)]),
    c("QA", "Qatar", field(&[M]), &[HoistBar(W)]),
    c("RO", "Romania", v(&[B, Y, R]), &[]),
    c("RS", "Serbia", h(&[R, B, W]), &[HoistDisc(R)]),
    c("RU", "Russia", h(&[W, B, R]), &[]),
    c("RW", "Rwanda", h(&[LB, LB, Y, G]), &[CantonDisc(Y)]),
    c("SA", "Saudi Arabia", field(&[G]), &[Disc(W)]),
    c("SB", "Solomon Islands", field(&[B]), &[Diagonal(Y)]),
    c("SC", "Seychelles", v(&[B, Y, R, W, G]), &[]),
    c("SD", "Sudan", h(&[R, W, K]), &[Triangle(G)]),
    c("SE", "Sweden", field(&[B]), &[NordicCross(Y)]),
    c("SG", "Singapore", h(&[R, W]), &[CantonDisc(W)]),
    c("SI", "Slovenia", h(&[W, B, R]), &[CantonDisc(B)]),
    c("SK", "Slovakia", h(&[W, B, R]), &[HoistDisc(R)]),
    c("SL", "Sierra Leone", h(&[G, W, B]), &[]),
    c("SM", "San Marino", h(&[W, LB]), &[Disc(Y)]),
    c("SN", "Senegal", v(&[G, Y, R]), &[Disc(G)]),
    c("SO", "Somalia", field(&[LB]), &[Disc(W)]),
    c("SR", "Suriname", h(&[G, W, R, R, W, G]), &[Disc(Y)]),
    c("SS", "South Sudan", h(&[K, W, R, W, G]), &[Triangle(B)]),
    c(
        "ST",
        "São Tomé and Príncipe",
        h(&[G, Y, Y, G]),
        &[Triangle(R)],
    ),
    c("SV", "El Salvador", h(&[B, W, B]), &[Disc(G)]),
    c("SY", "Syria", h(&[R, W, K]), &[HoistDisc(G)]),
    c("SZ", "Eswatini", h(&[B, Y, R, R, Y, B]), &[Disc(W)]),
    c("TD", "Chad", v(&[B, Y, R]), &[]),
    c(
        "TG",
        "Togo",
        h(&[G, Y, G, Y, G]),
        &[Canton(R), CantonDisc(W)],
    ),
    c("TH", "Thailand", h(&[R, W, B, B, W, R]), &[]),
    c("TJ", "Tajikistan", h(&[R, W, W, G]), &[Disc(Y)]),
    c("TL", "Timor-Leste", field(&[R]), &[Triangle(K)]),
    c("TM", "Turkmenistan", field(&[G]), &[HoistBar(M)]),
    c("TN", "Tunisia", field(&[R]), &[Disc(W)]),
    c("TO", "Tonga", field(&[R]), &[Canton(W)]),
    c("TR", "Turkey", field(&[R]), &[HoistDisc(W)]),
    c("TT", "Trinidad and Tobago", field(&[R]), &[Diagonal(K)]),
    c("TV", "Tuvalu", field(&[LB]), &[Canton(R)]),
    c("TW", "Taiwan", field(&[R]), &[Canton(B), CantonDisc(W)]),
    c("TZ", "Tanzania", field(&[G]), &[Diagonal(K)]),
    c("UA", "Ukraine", h(&[B, Y]), &[]),
    c("UG", "Uganda", h(&[K, Y, R, K, Y, R]), &[Disc(W)]),
    c(
        "US",
        "United States",
        h(&[R, W, R, W, R, W, R, W, R, W, R, W, R]),
        &[Canton(B)],
    ),
    c(
        "UY",
        "Uruguay",
        h(&[W, B, W, B, W, B, W, B, W]),
        &[Canton(W), CantonDisc(Y)],
    ),
    c("UZ", "Uzbekistan", h(&[LB, W, G]), &[]),
    c("VA", "Vatican City", v(&[Y, W]), &[]),
    c(
        "VC",
        "Saint Vincent and the Grenadines",
        v(&[B, Y, Y, G]),
        &[Diamond(G)],
    ),
    c("VE", "Venezuela", h(&[Y, B, R]), &[Disc(W)]),
    c("VN", "Vietnam", field(&[R]), &[Disc(Y)]),
    c("VU", "Vanuatu", h(&[R, G]), &[Triangle(K)]),
    c("WS", "Samoa", field(&[R]), &[Canton(B)]),
    c("YE", "Yemen", h(&[R, W, K]), &[]),
    c("ZA", "South Africa", h(&[R, W, G, W, B]), &[Triangle(K)]),
    c("ZM", "Zambia", v(&[G, G, G, R, K, O]), &[]),
    c("ZW", "Zimbabwe", h(&[G, Y, R, K, R, Y, G]), &[Triangle(W)]),
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
}
