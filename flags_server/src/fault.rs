//! The faults a real network or a sick server shows, in one table: each fault's name (for
//! `--fault` and `/stats`), what it does in words (for `--help`), and what it sends instead of
//! the file.
//!
//! The book's ERROR server only ever fails politely, with a status code. Clients meet worse: a
//! connection reset halfway through a body, a body shorter than its `Content-Length`, a server
//! that stops sending, an HTML error page from a crashed application, a redirect. Each of those
//! is a row of [`FAULTS`]; the parser, the draw, the counters and the route read the table, so
//! a new fault is a new variant and a new row, and nothing else.

use crate::http::Ending;

/// A fault injected into the delivery of a file. The variants are in the order of [`FAULTS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    /// The headers and half the body, then the connection is reset (a TCP RST, not a FIN).
    Reset,
    /// The headers with the full `Content-Length`, half the body, then a normal close.
    Short,
    /// The headers and half the body, then nothing until the client gives up and closes
    /// (or [`STALL_LIMIT`](crate::http::STALL_LIMIT) passes).
    Stall,
    /// `500 Internal Server Error` with an HTML page, as a crashed application behind a web
    /// server answers.
    Html500,
    /// `302 Found` to `/moved{path}`, which serves the real file with no delay and no fault: a
    /// client that follows redirects succeeds.
    Redirect,
}

/// One row of the table.
#[derive(Debug)]
pub struct FaultRow {
    /// The fault the row is about.
    pub fault: Fault,
    /// The name `--fault` and `/stats` know it by.
    pub name: &'static str,
    /// What it does, for `flags_server --help`.
    pub help: &'static str,
    /// What the server sends instead of the whole file.
    pub sends: Sends,
    /// Whether a client is left without the file: every fault but a redirect, which a client
    /// follows to the real file.
    pub spoils: bool,
}

/// What a fault sends in place of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sends {
    /// The file's `200` head, promising all of it, then the first half of its body, then the
    /// connection ends this way.
    HalfThen(Ending),
    /// Another response altogether.
    Instead(Canned),
}

/// A fixed response a fault sends instead of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Canned {
    /// Its status.
    pub status: u16,
    /// Its `Content-Type`.
    pub content_type: &'static str,
    /// Its body.
    pub body: &'static str,
    /// If set, a `Location` header: this prefix, then the path asked for.
    pub location_prefix: Option<&'static str>,
}

/// Where a redirected file is served: `/moved/flags/br/br.gif`, with no delay and no fault.
pub const MOVED: &str = "/moved";

/// The page a crashed application's web server sends.
const HTML_500: &str = "<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n\
    <body><h1>Internal Server Error</h1><p>The server encountered an internal error and was \
    unable to complete your request.</p></body></html>\n";

/// Every fault, in the order of [`Fault`]'s variants (checked when the crate compiles).
pub const FAULTS: &[FaultRow] = &[
    FaultRow {
        fault: Fault::Reset,
        name: "reset",
        help: "connection reset mid-body",
        sends: Sends::HalfThen(Ending::Reset),
        spoils: true,
    },
    FaultRow {
        fault: Fault::Short,
        name: "short",
        help: "body shorter than its Content-Length",
        sends: Sends::HalfThen(Ending::Close),
        spoils: true,
    },
    FaultRow {
        fault: Fault::Stall,
        name: "stall",
        help: "half the body, then silence until the client gives up",
        sends: Sends::HalfThen(Ending::Stall),
        spoils: true,
    },
    FaultRow {
        fault: Fault::Html500,
        name: "html500",
        help: "500 with an HTML page",
        sends: Sends::Instead(Canned {
            status: 500,
            content_type: "text/html",
            body: HTML_500,
            location_prefix: None,
        }),
        spoils: true,
    },
    FaultRow {
        fault: Fault::Redirect,
        name: "redirect",
        help: "302 to /moved/flags/..., which serves the real file",
        sends: Sends::Instead(Canned {
            status: 302,
            content_type: "text/plain",
            body: "302 Found\n",
            location_prefix: Some(MOVED),
        }),
        spoils: false,
    },
];

/// How many faults there are.
pub const COUNT: usize = FAULTS.len();

// Each row sits at its variant's index, so `row()` is an index, not a search.
const _: () = {
    let mut index = 0;
    while index < COUNT {
        assert!(FAULTS[index].fault as usize == index);
        index += 1;
    }
};

impl Fault {
    /// Every fault, in table order.
    pub const ALL: [Fault; COUNT] = {
        let mut all = [Fault::Reset; COUNT];
        let mut index = 0;
        while index < COUNT {
            all[index] = FAULTS[index].fault;
            index += 1;
        }
        all
    };

    /// Its row of [`FAULTS`].
    pub fn row(self) -> &'static FaultRow {
        &FAULTS[self as usize]
    }

    /// The name `--fault` knows it by: `reset`, `short`, `stall`, `html500`, `redirect`.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// Its place in the table, for arrays with one slot per fault.
    pub fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// `flags_server --help`'s text for `--fault`, from the table: every fault and what it does.
pub fn help() -> String {
    let faults: Vec<String> = FAULTS
        .iter()
        .map(|row| format!("{} ({})", row.name, row.help))
        .collect();
    format!(
        "Network faults, each with the share of requests it hits: {}. E.g. reset=0.1,stall=0.05",
        faults.join(", ")
    )
}

/// The share of requests each [`Fault`] hits: each from 0 to 1, together at most 1.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FaultRates {
    rates: [f64; COUNT],
}

impl FaultRates {
    /// No faults.
    pub const NONE: FaultRates = FaultRates {
        rates: [0.0; COUNT],
    };

    /// Parses `reset=0.1,short=0.05,stall=0.1,html500=0.1,redirect=0.1` (any subset, any
    /// order; a fault not named gets 0). Unknown names, rates outside 0..=1 and rates adding up
    /// to more than 1 are an error with a message for the user.
    pub fn parse(text: &str) -> Result<FaultRates, String> {
        let names = Fault::ALL.map(Fault::name).join(", ");
        let mut rates = FaultRates::NONE;
        for item in text.split(',') {
            let (name, rate) = item.split_once('=').ok_or_else(|| {
                format!("invalid fault {item:?}: expected NAME=RATE, like reset=0.1")
            })?;
            let fault = Fault::ALL
                .into_iter()
                .find(|fault| fault.name() == name.trim())
                .ok_or_else(|| format!("unknown fault {name:?}: expected one of {names}"))?;
            let rate: f64 = match rate.trim().parse() {
                Ok(rate) if (0.0..=1.0).contains(&rate) => rate,
                _ => return Err(format!("invalid rate {rate:?} for {name}: expected 0 to 1")),
            };
            rates.rates[fault.index()] = rate;
        }
        let total: f64 = rates.rates.iter().sum();
        if total > 1.0 + 1e-9 {
            return Err(format!("the fault rates add up to {total}, more than 1"));
        }
        Ok(rates)
    }

    /// Each fault with its rate, in table order.
    pub fn by_fault(&self) -> [(Fault, f64); COUNT] {
        Fault::ALL.map(|fault| (fault, self.rate(fault)))
    }

    /// The rate of one fault.
    pub fn rate(&self, fault: Fault) -> f64 {
        self.rates[fault.index()]
    }

    /// Whether any fault has a rate above 0.
    pub fn any(&self) -> bool {
        self.rates.iter().any(|rate| *rate > 0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_rates_parse_as_named_shares() {
        let rates = FaultRates::parse("reset=0.1, stall=0.25,redirect=0").unwrap();
        assert_eq!(
            (
                rates.rate(Fault::Reset),
                rates.rate(Fault::Stall),
                rates.rate(Fault::Short)
            ),
            (0.1, 0.25, 0.0)
        );
        assert!(rates.any());
        assert!(!FaultRates::NONE.any());
        assert!(FaultRates::parse("reset").is_err());
        assert!(FaultRates::parse("crash=0.1").is_err());
        assert!(FaultRates::parse("reset=2").is_err());
        assert!(FaultRates::parse("reset=-0.1").is_err());
        assert!(FaultRates::parse("reset=0.6,short=0.6").is_err());
    }

    #[test]
    fn every_fault_has_its_own_name_and_row() {
        let names = Fault::ALL.map(Fault::name);
        assert_eq!(names, ["reset", "short", "stall", "html500", "redirect"]);
        for fault in Fault::ALL {
            assert_eq!(fault.row().fault, fault);
        }
    }

    #[test]
    fn the_help_names_every_fault_with_what_it_does() {
        let help = help();
        for row in FAULTS {
            assert!(
                help.contains(&format!("{} ({})", row.name, row.help)),
                "{help}"
            );
        }
    }
}
