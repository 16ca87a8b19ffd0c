//! The files the server has: for each country, `{cc}.gif` and `metadata.json`, built in or read
//! from a real flags tree (`--directory`).
//!
//! The built-in flags are drawn by [`flag_image`](crate::flag_image) from the designs in
//! [`countries`](crate::countries), once per process: the GIF encoder is the costly part of an
//! answer, and the same code asked for twice gets the same bytes. A server starts drawing all
//! of them on a thread of its own ([`warm_up`]) so the first clients do not wait for it.
//!
//! A `--directory` tree is served and nothing else: a file is served only if it is a regular
//! file whose real location, every symbolic link followed, is inside the tree. A link leading
//! out of it, a FIFO, a device or a folder is a file the server does not have (`404`); nothing
//! is opened before it passes, so nothing can make a request wait on a FIFO. A file that passes
//! is sent from disk as it is read ([`FileBody`]), not read whole into memory.

use crate::config::ServerConfig;
use crate::countries::{COUNTRIES, country};
use crate::flag_image;
use crate::http::FileBody;
use std::borrow::Cow;
use std::path::Path;
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

    /// What the server has for it: built-in bytes, or a file of `config.directory`; `None` if
    /// it has no such file.
    pub fn find(&self, config: &ServerConfig) -> Option<Found> {
        let cc = self.cc();
        match (self, &config.directory) {
            (FlagFile::Flag(_), Some(tree)) => in_tree(tree, &format!("{cc}/{cc}.gif")),
            (FlagFile::Metadata(_), Some(tree)) => in_tree(tree, &format!("{cc}/metadata.json")),
            (FlagFile::Flag(_), None) => built_in_flag(cc).map(|b| Found::Bytes(b.into())),
            (FlagFile::Metadata(_), None) => built_in_metadata(cc).map(|b| Found::Bytes(b.into())),
        }
    }
}

/// A file the server has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Built in: its bytes.
    Bytes(Cow<'static, [u8]>),
    /// In the served tree: where it really is, to be streamed.
    File(FileBody),
}

/// `relative` under `tree`, if it is a regular file whose real path lies inside the tree.
fn in_tree(tree: &Path, relative: &str) -> Option<Found> {
    let root = tree.canonicalize().ok()?;
    let real = root.join(relative).canonicalize().ok()?;
    if !real.starts_with(&root) {
        return None;
    }
    let metadata = std::fs::metadata(&real).ok()?;
    metadata.is_file().then_some(Found::File(FileBody {
        path: real,
        len: metadata.len(),
    }))
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

    fn bytes(found: Option<Found>) -> Cow<'static, [u8]> {
        match found {
            Some(Found::Bytes(bytes)) => bytes,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_built_in_files_are_a_gif_and_a_line_of_json() {
        let config = ServerConfig::local();
        let gif = bytes(FlagFile::Flag("br".into()).find(&config));
        assert!(gif.starts_with(b"GIF89a"));
        let metadata = bytes(FlagFile::Metadata("ci".into()).find(&config));
        assert_eq!(
            String::from_utf8_lossy(&metadata),
            "{\"country\": \"Côte d'Ivoire\", \"cc\": \"CI\"}\n"
        );
        assert!(FlagFile::Flag("xx".into()).find(&config).is_none());
    }

    /// A tree with a real flag, links out of it and back into it, a FIFO and a folder.
    #[cfg(unix)]
    #[test]
    fn a_tree_serves_its_own_regular_files_and_nothing_else() {
        use std::os::unix::fs::symlink;
        let scratch = std::env::temp_dir().join(format!("flags-tree-{}", std::process::id()));
        let tree = scratch.join("tree");
        let outside = scratch.join("outside");
        for folder in ["br", "cn", "in", "jp", "us", "fr"] {
            std::fs::create_dir_all(tree.join(folder)).unwrap();
        }
        std::fs::create_dir_all(outside.join("de")).unwrap();
        std::fs::write(tree.join("br/br.gif"), b"GIF89a brazil").unwrap();
        std::fs::write(outside.join("secret.gif"), b"GIF89a secret").unwrap();
        std::fs::write(outside.join("de/de.gif"), b"GIF89a outside").unwrap();
        symlink(outside.join("secret.gif"), tree.join("cn/cn.gif")).unwrap();
        symlink(tree.join("br/br.gif"), tree.join("in/in.gif")).unwrap();
        symlink(outside.join("de"), tree.join("de")).unwrap();
        std::fs::create_dir(tree.join("fr/fr.gif")).unwrap();
        nix::unistd::mkfifo(&tree.join("jp/jp.gif"), nix::sys::stat::Mode::S_IRWXU).unwrap();
        let config = ServerConfig {
            directory: Some(tree.clone()),
            ..ServerConfig::local()
        };
        let find = |cc: &str| FlagFile::Flag(cc.into()).find(&config);
        let real = tree.join("br/br.gif").canonicalize().unwrap();
        let served = Some(Found::File(FileBody {
            path: real,
            len: 13,
        }));
        assert_eq!(find("br"), served);
        assert_eq!(
            find("in"),
            served,
            "a link that stays inside the tree is followed"
        );
        assert_eq!(find("cn"), None, "a file link leading out of the tree");
        assert_eq!(find("de"), None, "a folder link leading out of the tree");
        assert_eq!(find("jp"), None, "a FIFO");
        assert_eq!(find("fr"), None, "a folder");
        assert_eq!(find("us"), None, "nothing there");
        std::fs::remove_dir_all(&scratch).unwrap();
    }
}
