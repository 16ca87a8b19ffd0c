//! What the server has answered and injected, counted as it goes and shown at `GET /stats`.
//!
//! A client's final report (`150 flags downloaded. 361 not found. 165 errors.`) is only worth
//! something if it can be checked. The server counts every answer here, one counter per kind of
//! [`Outcome`], under names that match the report's: `served` is what a client can count as
//! downloaded, `not_found` its "not found", and its "errors" are the server's
//! `failed_on_purpose` (the error status of `--error-rate`) plus its `faulted` (the `--fault`s
//! that leave a client without the file; each fault is counted by name too). The tests compare
//! the counts with the client's report and with the seeded prediction of
//! [`ServerConfig`](crate::ServerConfig).

use crate::fault::{COUNT, FAULTS, Fault};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What one answer counts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A flag or metadata file served whole (a redirect's target included).
    Ok,
    /// A `404`.
    NotFound,
    /// An injected error status (`--error-rate`).
    Error,
    /// A hostile or malformed request refused (4xx other than 404).
    Rejected,
    /// A fault injected into the delivery of a file.
    Injected(Fault),
    /// A response sent after a delay (counted as well as its other outcome).
    Delayed,
}

/// Counts of what the server answered and injected.
#[derive(Debug, Default)]
pub struct Stats {
    ok: AtomicUsize,
    not_found: AtomicUsize,
    errors: AtomicUsize,
    delayed: AtomicUsize,
    rejected: AtomicUsize,
    injected: [AtomicUsize; COUNT],
}

impl Stats {
    /// Counts one `outcome`.
    pub fn record(&self, outcome: Outcome) {
        self.counter(outcome).fetch_add(1, Ordering::SeqCst);
    }

    fn counter(&self, outcome: Outcome) -> &AtomicUsize {
        match outcome {
            Outcome::Ok => &self.ok,
            Outcome::NotFound => &self.not_found,
            Outcome::Error => &self.errors,
            Outcome::Rejected => &self.rejected,
            Outcome::Injected(fault) => &self.injected[fault.index()],
            Outcome::Delayed => &self.delayed,
        }
    }

    fn count(&self, outcome: Outcome) -> usize {
        self.counter(outcome).load(Ordering::SeqCst)
    }

    /// Flags and metadata served whole (a redirect's target included).
    pub fn served(&self) -> usize {
        self.count(Outcome::Ok)
    }
    /// 404 answers.
    pub fn not_found(&self) -> usize {
        self.count(Outcome::NotFound)
    }
    /// Error statuses sent on purpose (`--error-rate`).
    pub fn failed_on_purpose(&self) -> usize {
        self.count(Outcome::Error)
    }
    /// Responses sent after a delay.
    pub fn delayed(&self) -> usize {
        self.count(Outcome::Delayed)
    }
    /// Hostile or malformed requests refused (4xx other than 404).
    pub fn rejected(&self) -> usize {
        self.count(Outcome::Rejected)
    }
    /// How many times `fault` was injected.
    pub fn injected(&self, fault: Fault) -> usize {
        self.count(Outcome::Injected(fault))
    }

    /// Faults injected that left a client without the file (all but redirects).
    pub fn faulted(&self) -> usize {
        let spoiling = FAULTS.iter().filter(|row| row.spoils);
        spoiling.map(|row| self.injected(row.fault)).sum()
    }

    /// The counts as one JSON object, for `GET /stats`:
    /// `{"served": 150, "not_found": 361, "failed_on_purpose": 160, "faulted": 5, "reset": 3, ...}`.
    pub fn to_json(&self) -> String {
        crate::json::to_line(self)
    }
}

/// The counts in the order `/stats` shows them: what a client's report counts (served,
/// not found, and its errors: failed on purpose, faulted), each fault by name, then the rest.
impl Serialize for Stats {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(6 + COUNT))?;
        map.serialize_entry("served", &self.served())?;
        map.serialize_entry("not_found", &self.not_found())?;
        map.serialize_entry("failed_on_purpose", &self.failed_on_purpose())?;
        map.serialize_entry("faulted", &self.faulted())?;
        for row in FAULTS {
            map.serialize_entry(row.name, &self.injected(row.fault))?;
        }
        map.serialize_entry("delayed", &self.delayed())?;
        map.serialize_entry("rejected", &self.rejected())?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_outcome_has_its_own_counter() {
        let stats = Stats::default();
        stats.record(Outcome::Ok);
        stats.record(Outcome::Ok);
        stats.record(Outcome::Injected(Fault::Stall));
        stats.record(Outcome::Delayed);
        assert_eq!((stats.served(), stats.delayed()), (2, 1));
        assert_eq!(stats.injected(Fault::Stall), 1);
        assert_eq!(stats.injected(Fault::Reset), 0);
        assert_eq!(
            (
                stats.not_found(),
                stats.failed_on_purpose(),
                stats.rejected()
            ),
            (0, 0, 0)
        );
    }

    #[test]
    fn the_json_lists_the_answers_then_each_fault() {
        let stats = Stats::default();
        stats.record(Outcome::NotFound);
        stats.record(Outcome::Injected(Fault::Redirect));
        stats.record(Outcome::Injected(Fault::Reset));
        assert_eq!(
            stats.to_json(),
            "{\"served\": 0, \"not_found\": 1, \"failed_on_purpose\": 0, \"faulted\": 1, \
             \"reset\": 1, \"short\": 0, \"stall\": 0, \"html500\": 0, \"redirect\": 1, \
             \"delayed\": 0, \"rejected\": 0}\n"
        );
    }
}
