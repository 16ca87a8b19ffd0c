//! The files the server has: for each country, `{cc}.gif` and `metadata.json`, built in or read
//! from a real flags tree (`--directory`).
//!
//! The built-in flags are drawn by [`flag_image`](crate::flag_image) from the designs in
//! [`countries`](crate::countries), once per process: the GIF encoder is the costly part of an
//! answer, and the same code asked for twice gets the same bytes. A server starts drawing all
//! of them on a thread of its own ([`warm_up`]) so the first clients do not wait for it.

use crate::config::ServerConfig;
use crate::countries::{COUNTRIES, country};
use crate::flag_image;
use std::borrow::Cow;
use std::sync::OnceLock;
use std::thread;

/// A file a request may ask for, once its path is understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlagFile {
    /// `/flags/{cc}/{cc}.gif`, with `cc` in lower case.
    Flag(String),
    /// `/flags/{cc}/metadata.json`.
    Metadata(String),
}

impl FlagFile {
    /// `/flags/{cc}/{cc}.gif` or `/flags/{cc}/metadata.json`, with the same lower-case
    /// two-letter code twice; anything else is `None`.
    pub fn parse(path: &str) -> Option<FlagFile> {
        let rest = path.strip_prefix("/flags/")?;
        let (cc, file) = rest.split_once('/')?;
        if cc.len() != 2 || !cc.bytes().all(|b| b.is_ascii_lowercase()) {
            return None;
        }
        if file == "metadata.json" {
            return Some(FlagFile::Metadata(cc.to_owned()));
        }
        let stem = file.strip_suffix(".gif")?;
        (stem == cc).then(|| FlagFile::Flag(cc.to_owned()))
    }

    /// The country code, lower case.
    pub fn cc(&self) -> &str {
        match self {
            FlagFile::Flag(cc) | FlagFile::Metadata(cc) => cc,
        }
    }

    /// Its `Content-Type`.
    pub fn content_type(&self) -> &'static str {
        match self {
            FlagFile::Flag(_) => "image/gif",
            FlagFile::Metadata(_) => "application/json",
        }
    }

    /// Its bytes, built in or from `config.directory`; `None` if the server has no such file.
    /// (The path is made from a checked code only, so it cannot leave the directory.)
    pub fn read(&self, config: &ServerConfig) -> Option<Cow<'static, [u8]>> {
        let cc = self.cc();
        match (self, &config.directory) {
            (FlagFile::Flag(_), Some(directory)) => {
                std::fs::read(directory.join(cc).join(format!("{cc}.gif")))
                    .ok()
                    .map(Cow::Owned)
            }
            (FlagFile::Metadata(_), Some(directory)) => {
                std::fs::read(directory.join(cc).join("metadata.json"))
                    .ok()
                    .map(Cow::Owned)
            }
            (FlagFile::Flag(_), None) => built_in_flag(cc).map(Cow::Borrowed),
            (FlagFile::Metadata(_), None) => built_in_metadata(cc).map(Cow::Owned),
        }
    }
}

/// The built-in flag for `cc`, drawn once per process and kept.
fn built_in_flag(cc: &str) -> Option<&'static [u8]> {
    static DRAWN: [OnceLock<Vec<u8>>; COUNTRIES.len()] =
        [const { OnceLock::new() }; COUNTRIES.len()];
    let index = COUNTRIES
        .iter()
        .position(|country| country.cc.eq_ignore_ascii_case(cc))?;
    Some(DRAWN[index].get_or_init(|| flag_image::render(&COUNTRIES[index].flag)))
}

/// `{"country": "Brazil", "cc": "BR"}`, as the book's `metadata.json` files have it.
fn built_in_metadata(cc: &str) -> Option<Vec<u8>> {
    #[derive(serde::Serialize)]
    struct Metadata {
        country: &'static str,
        cc: &'static str,
    }
    let country = country(cc)?;
    let metadata = Metadata {
        country: country.name,
        cc: country.cc,
    };
    Some(crate::json::to_line(&metadata).into_bytes())
}

/// Draws every built-in flag ahead of the first requests, on a thread of its own.
pub fn warm_up() {
    let _ = thread::Builder::new()
        .name("flags_warm_up".into())
        .spawn(|| {
            for country in &COUNTRIES {
                built_in_flag(country.cc);
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_well_formed_flag_paths_parse() {
        assert_eq!(
            FlagFile::parse("/flags/br/br.gif"),
            Some(FlagFile::Flag("br".into()))
        );
        assert!(
            FlagFile::parse("/moved/flags/br/br.gif").is_none(),
            "the route strips /moved first"
        );
        assert_eq!(
            FlagFile::parse("/flags/br/metadata.json"),
            Some(FlagFile::Metadata("br".into()))
        );
        assert!(FlagFile::parse("/flags/br/cn.gif").is_none());
        assert!(FlagFile::parse("/flags/BR/BR.gif").is_none());
        assert!(FlagFile::parse("/flags/bra/bra.gif").is_none());
        assert!(FlagFile::parse("/etc/passwd").is_none());
    }

    #[test]
    fn the_built_in_files_are_a_gif_and_a_line_of_json() {
        let config = ServerConfig::local();
        let gif = FlagFile::Flag("br".into()).read(&config).unwrap();
        assert!(gif.starts_with(b"GIF89a"));
        let metadata = FlagFile::Metadata("ci".into()).read(&config).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&metadata),
            "{\"country\": \"Côte d'Ivoire\", \"cc\": \"CI\"}\n"
        );
        assert!(FlagFile::Flag("xx".into()).read(&config).is_none());
    }
}
