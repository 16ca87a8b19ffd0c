//! What the server can be told: the book's labels, a delay, an error rate, the faults, a seed;
//! and the seeded draw that decides, per path, what each request gets.
//!
//! **Why a draw per path.** Whether a request fails, how, and how long it waits is decided by
//! hashing `(seed, path)`, not by drawing from one random stream: concurrent requests arrive in
//! any order, and the same seed must fail the same codes on every run, so that a test (or a
//! teacher) can say beforehand which flags fail ([`ServerConfig::injects_error`],
//! [`ServerConfig::fault_for`]) and check the client's report against it.

use crate::fault::{Fault, FaultRates};
use clap::ValueEnum;
use clap::builder::PossibleValue;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::time::Duration;

/// The book's server labels (first edition), each with its port and behaviour: the one list
/// the server's `--label` and the flags2 clients' `-s` both parse (as a [`ValueEnum`]: `local`,
/// `delay`, `error`, in any case).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// No delay, no errors: `http://localhost:8001/flags`.
    Local,
    /// Every response delayed 0.5 s: port 8002.
    Delay,
    /// 25% of responses fail with 418, half of them delayed 0.5 s: port 8003.
    Error,
}

impl Label {
    /// The port the book's setup used for this label.
    pub fn port(self) -> u16 {
        match self {
            Label::Local => 8001,
            Label::Delay => 8002,
            Label::Error => 8003,
        }
    }

    /// What this label's server does, for the clients' first line.
    pub fn behaviour(self) -> &'static str {
        match self {
            Label::Local => "no delay",
            Label::Delay => "0.5 s delay",
            Label::Error => "25% errors, half the responses delayed 0.5 s",
        }
    }
}

/// Written out rather than derived: a derived `ValueEnum` would show each variant's doc comment
/// in `--help`, where the option's own help already says what the labels do.
impl ValueEnum for Label {
    fn value_variants<'a>() -> &'a [Self] {
        &[Label::Local, Label::Delay, Label::Error]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(match self {
            Label::Local => "local",
            Label::Delay => "delay",
            Label::Error => "error",
        }))
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Label::Local => "LOCAL",
            Label::Delay => "DELAY",
            Label::Error => "ERROR",
        })
    }
}

/// How long to wait before answering.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Delay {
    /// Answer at once.
    None,
    /// Always this long.
    Fixed(Duration),
    /// Uniformly between the two, decided per path.
    Range(Duration, Duration),
    /// Like a round trip to a web site across the internet, as the book's programs made to
    /// `fluentpython.com`: drawn per path, 100 ms at the median, nine in ten between 61 and
    /// 163 ms, a few slower still (see [`internet_latency`]).
    Internet,
}

/// The longest delay the server accepts: an hour. A connection waits out its delay on a thread
/// of its own, and a delay past any client's patience would only hold that thread.
pub const MAX_DELAY: Duration = Duration::from_secs(3600);

/// The median of [`Delay::Internet`].
pub const INTERNET_MEDIAN: Duration = Duration::from_millis(100);

/// How much [`Delay::Internet`] spreads: the shape of its log-logistic distribution.
const INTERNET_SHAPE: f64 = 6.0;

/// A latency for [`Delay::Internet`] from a draw `u` in [0, 1): the log-logistic distribution,
/// `median * (u / (1 - u))^(1 / shape)`, a common model of network round trips (most near the
/// median, a long tail of slow ones) that needs no table to invert. With shape 6 the mean is
/// about 105 ms, so 20 flags one after another take about 2.1 s, and 20 at once about the
/// slowest of them, some 200 ms.
pub fn internet_latency(u: f64) -> Duration {
    let u = u.clamp(0.001, 0.999);
    INTERNET_MEDIAN.mul_f64((u / (1.0 - u)).powf(1.0 / INTERNET_SHAPE))
}

impl Delay {
    /// Parses `0.5` (seconds), `0.5..5` (a range) or `internet` (a simulated round trip
    /// across the internet). Negative, reversed or unreadable values are an error with a
    /// message for the user.
    pub fn parse(text: &str) -> Result<Delay, String> {
        if text.trim().eq_ignore_ascii_case("internet") {
            return Ok(Delay::Internet);
        }
        let seconds = |part: &str| -> Result<Duration, String> {
            let value: f64 = part.trim().parse().map_err(|_| {
                format!("invalid delay {text:?}: expected seconds like 0.5 or 0.5..5, or internet")
            })?;
            if value < 0.0 || value.is_nan() {
                return Err(format!("invalid delay {text:?}: seconds must be 0 or more"));
            }
            if value > MAX_DELAY.as_secs_f64() {
                return Err(format!(
                    "invalid delay {text:?}: too many seconds (at most {})",
                    MAX_DELAY.as_secs()
                ));
            }
            Ok(Duration::from_secs_f64(value))
        };
        match text.split_once("..") {
            None => Ok(Delay::Fixed(seconds(text)?)),
            Some((low, high)) => {
                let (low, high) = (seconds(low)?, seconds(high)?);
                if low > high {
                    return Err(format!("invalid delay {text:?}: the range is reversed"));
                }
                Ok(Delay::Range(low, high))
            }
        }
    }
}

/// `no delay`, `0.5 s delay`, `0.5..5 s delay`, `simulated internet latency (about 100 ms a
/// response)`.
impl fmt::Display for Delay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Delay::None => f.write_str("no delay"),
            Delay::Fixed(delay) if delay.is_zero() => f.write_str("no delay"),
            Delay::Fixed(delay) => write!(f, "{} s delay", delay.as_secs_f64()),
            Delay::Range(low, high) => {
                write!(f, "{}..{} s delay", low.as_secs_f64(), high.as_secs_f64())
            }
            Delay::Internet => write!(
                f,
                "simulated internet latency (about {} ms a response)",
                INTERNET_MEDIAN.as_millis()
            ),
        }
    }
}

/// Everything the server can be told.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerConfig {
    /// The address to listen on; 127.0.0.1 by default.
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// The delay before each response.
    pub delay: Delay,
    /// The share of responses that are delayed (1.0: all; ERROR: 0.5).
    pub delay_share: f64,
    /// The share of flag requests answered with `error_status` instead.
    pub error_rate: f64,
    /// The status of injected errors; 418 by default.
    pub error_status: u16,
    /// The share of requests hit by each network fault (none by default).
    pub faults: FaultRates,
    /// Seeds the per-path decisions.
    pub seed: u64,
    /// Serve `DIR/{cc}/{cc}.gif` and `DIR/{cc}/metadata.json` instead of the built-in flags.
    pub directory: Option<PathBuf>,
    /// Print one line per request.
    pub log: bool,
    /// The most connections held at once, more being refused with `503`; `None` for as many
    /// as the descriptor limit allows ([`connection_cap`](crate::connection_cap)).
    pub max_connections: Option<usize>,
}

impl ServerConfig {
    /// The LOCAL server on port 0: no delay, no errors.
    pub fn local() -> Self {
        ServerConfig {
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            delay: Delay::None,
            delay_share: 1.0,
            error_rate: 0.0,
            error_status: 418,
            faults: FaultRates::NONE,
            seed: 0,
            directory: None,
            log: false,
            max_connections: None,
        }
    }

    /// A stand-in for the book's remote site, on port 0: every response waits about as long as
    /// a round trip across the internet ([`Delay::Internet`]), no errors.
    pub fn internet() -> Self {
        ServerConfig {
            delay: Delay::Internet,
            ..ServerConfig::local()
        }
    }

    /// The behaviour of one of the book's labels, on that label's port.
    pub fn for_label(label: Label) -> Self {
        let half_second = Delay::Fixed(Duration::from_millis(500));
        let base = ServerConfig {
            port: label.port(),
            ..ServerConfig::local()
        };
        match label {
            Label::Local => base,
            Label::Delay => ServerConfig {
                delay: half_second,
                ..base
            },
            Label::Error => ServerConfig {
                delay: half_second,
                delay_share: 0.5,
                error_rate: 0.25,
                ..base
            },
        }
    }

    /// Whether a request for `path` gets an injected error under this configuration.
    pub fn injects_error(&self, path: &str) -> bool {
        unit(self.seed, path, Draw::Error) < self.error_rate
    }

    /// Which network fault, if any, a request for `path` gets under this configuration.
    ///
    /// The error knob comes first: a path that [`injects_error`](Self::injects_error) gets no
    /// other fault. A fault spoils the delivery of a file the server has; a file it does not
    /// have is a `404` whatever the draw.
    pub fn fault_for(&self, path: &str) -> Option<Fault> {
        if self.injects_error(path) {
            return None;
        }
        // One draw for all the faults: each owns a slice of [0, 1) as wide as its rate.
        let draw = unit(self.seed, path, Draw::Fault);
        let mut bound = 0.0;
        for (fault, rate) in self.faults.by_fault() {
            bound += rate;
            if draw < bound {
                return Some(fault);
            }
        }
        None
    }

    /// How long a request for `path` is delayed under this configuration.
    pub fn delay_for(&self, path: &str) -> Duration {
        if unit(self.seed, path, Draw::Delayed) >= self.delay_share {
            return Duration::ZERO;
        }
        match self.delay {
            Delay::None => Duration::ZERO,
            Delay::Fixed(delay) => delay,
            Delay::Range(low, high) => {
                low + (high - low).mul_f64(unit(self.seed, path, Draw::DelayLength))
            }
            Delay::Internet => internet_latency(unit(self.seed, path, Draw::DelayLength)),
        }
    }
}

/// The questions asked of one path, each with a draw of its own, so that (say) whether a
/// request is delayed says nothing about whether it fails. The numbers salt the hash: changing
/// one changes which paths a seed picks.
#[derive(Clone, Copy)]
enum Draw {
    Error = 1,
    Delayed = 2,
    DelayLength = 3,
    Fault = 4,
}

/// A number in [0, 1) decided by `(seed, path, draw)` alone: FNV-1a, then a splitmix64 finish.
fn unit(seed: u64, path: &str, draw: Draw) -> f64 {
    let salt = draw as u64;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt;
    for byte in path.bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash = (hash ^ (hash >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    hash = (hash ^ (hash >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    hash ^= hash >> 31;
    (hash >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::countries::known_codes;

    #[test]
    fn delays_parse_as_seconds_or_ranges() {
        assert_eq!(
            Delay::parse("0.5").unwrap(),
            Delay::Fixed(Duration::from_millis(500))
        );
        assert_eq!(
            Delay::parse("0.5..5").unwrap(),
            Delay::Range(Duration::from_millis(500), Duration::from_secs(5))
        );
        assert!(Delay::parse("-1").is_err());
        assert!(Delay::parse("5..1").is_err());
        assert!(Delay::parse("soon").is_err());
        assert_eq!(
            Delay::parse("3600").unwrap(),
            Delay::Fixed(Duration::from_secs(3600))
        );
        let too_long = Delay::parse("3600.5").unwrap_err();
        assert!(too_long.contains("at most 3600"), "{too_long}");
        assert!(Delay::parse("1e19").is_err());
        assert!(Delay::parse("0..1e30").is_err());
    }

    #[test]
    fn internet_latency_is_about_a_tenth_of_a_second_with_jitter() {
        assert_eq!(Delay::parse("Internet").unwrap(), Delay::Internet);
        assert_eq!(internet_latency(0.5), INTERNET_MEDIAN);
        let config = ServerConfig::internet();
        let mut delays: Vec<Duration> = known_codes()
            .map(|cc| config.delay_for(&format!("/flags/{cc}/{cc}.gif")))
            .collect();
        delays.sort();
        let median = delays[delays.len() / 2];
        assert!(
            (Duration::from_millis(85)..Duration::from_millis(115)).contains(&median),
            "{median:?}"
        );
        assert!(delays[0] >= Duration::from_millis(30), "{:?}", delays[0]);
        assert!(delays[delays.len() - 1] <= Duration::from_millis(400));
        assert!(delays[0] < delays[delays.len() - 1], "the delays vary");
        // The seed makes a run repeatable, and another seed another run.
        let again = ServerConfig::internet().delay_for("/flags/br/br.gif");
        assert_eq!(again, config.delay_for("/flags/br/br.gif"));
        let other = ServerConfig {
            seed: 1,
            ..ServerConfig::internet()
        };
        assert!(known_codes().any(|cc| {
            let path = format!("/flags/{cc}/{cc}.gif");
            other.delay_for(&path) != config.delay_for(&path)
        }));
    }

    #[test]
    fn fault_decisions_depend_on_seed_and_path_only() {
        let config = ServerConfig {
            error_rate: 0.25,
            seed: 7,
            ..ServerConfig::local()
        };
        let failing = known_codes()
            .filter(|cc| config.injects_error(&format!("/flags/{cc}/{cc}.gif")))
            .count();
        assert!((20..80).contains(&failing), "{failing} of 194 at 25%");
        let again = known_codes()
            .filter(|cc| config.injects_error(&format!("/flags/{cc}/{cc}.gif")))
            .count();
        assert_eq!(failing, again);
    }

    #[test]
    fn faults_share_the_draw_and_never_meet_an_injected_error() {
        let config = ServerConfig {
            error_rate: 0.2,
            faults: FaultRates::parse("reset=0.2,short=0.2,stall=0.2,html500=0.2,redirect=0.2")
                .unwrap(),
            seed: 9,
            ..ServerConfig::local()
        };
        let mut seen = std::collections::HashSet::new();
        for cc in known_codes() {
            let path = format!("/flags/{cc}/{cc}.gif");
            match config.fault_for(&path) {
                Some(fault) => {
                    assert!(!config.injects_error(&path));
                    seen.insert(fault);
                }
                // All five rates add up to 1: only an injected error leaves no fault.
                None => assert!(config.injects_error(&path), "{path}"),
            }
            assert_eq!(config.fault_for(&path), config.fault_for(&path));
        }
        assert_eq!(seen.len(), 5);
    }

    #[test]
    fn the_labels_are_the_books_first_edition_servers() {
        let local = ServerConfig::for_label(Label::Local);
        assert_eq!(
            (local.port, local.delay, local.error_rate),
            (8001, Delay::None, 0.0)
        );
        let delay = ServerConfig::for_label(Label::Delay);
        assert_eq!(delay.port, 8002);
        assert_eq!(
            delay.delay_for("/flags/br/br.gif"),
            Duration::from_millis(500)
        );
        let error = ServerConfig::for_label(Label::Error);
        assert_eq!(
            (error.port, error.error_rate, error.error_status),
            (8003, 0.25, 418)
        );
        let delayed = known_codes()
            .filter(|cc| !error.delay_for(&format!("/flags/{cc}/{cc}.gif")).is_zero())
            .count();
        assert!((60..135).contains(&delayed), "about half of 194: {delayed}");
    }

    #[test]
    fn labels_parse_in_either_case_and_print_in_upper_case() {
        assert_eq!(Label::from_str("delay", true), Ok(Label::Delay));
        assert_eq!(Label::from_str("ERROR", true), Ok(Label::Error));
        assert!(Label::from_str("remote", true).is_err());
        assert_eq!(Label::Local.to_string(), "LOCAL");
    }
}
