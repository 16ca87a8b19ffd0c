//! Prepares the companion chapters (`docs/*.md`) for the API documentation.
//!
//! The chapters are written for the repository host, which draws a ```` ```mermaid ```` block and
//! follows a link to `02-web-downloads.md`. rustdoc does neither, so before `companion.rs`
//! includes a chapter this script writes a copy of it into `OUT_DIR` in which:
//!
//! * each Mermaid block is the picture drawn from it (`docs/diagrams/NAME-k.svg`, made by
//!   `scripts/render_diagrams.py`), embedded as a `data:` URL so that the page needs no file
//!   beside it;
//! * a link to another included document is an intra-doc link to its module
//!   (`crate::companion::web_downloads`), anchor kept;
//! * a link to any other file of the repository, which the API documentation does not have,
//!   becomes its text alone.
//!
//! Everything else, the Rust snippets above all (which `cargo test` runs), is left as it is.

use std::fs;
use std::path::{Path, PathBuf};

/// The documents `companion.rs` includes, and the module each becomes.
const DOCUMENTS: &[(&str, &str)] = &[
    ("README.md", ""),
    ("01-reading-guide.md", "reading_guide"),
    ("02-web-downloads.md", "web_downloads"),
    ("03-where-are-the-futures.md", "where_are_the_futures"),
    ("04-executor-map.md", "executor_map"),
    ("05-error-handling.md", "error_handling"),
    ("06-inside-the-executor.md", "inside_the_executor"),
    ("differences-from-python.md", "differences_from_python"),
    ("08-where-next.md", "where_next"),
    ("debugging.md", "debugging"),
    ("performance.md", "performance"),
    ("benchmarks.md", "benchmarks"),
    ("reliability.md", "reliability"),
];

fn main() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed={}", docs.display());
    println!("cargo:rerun-if-changed={}", docs.join("diagrams").display());
    for (file, _) in DOCUMENTS {
        let path = docs.join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
        let stem = file.trim_end_matches(".md");
        let text = draw_diagrams(&text, stem, &docs.join("diagrams"));
        let text = rewrite_links(&text, &docs);
        fs::write(out.join(file), text).expect("cannot write to OUT_DIR");
    }
}

/// Replaces the k-th ```` ```mermaid ```` block with `docs/diagrams/{stem}-k.svg`. A block whose
/// picture is missing stays as its source text (`executor/tests/diagrams.rs` fails on it).
fn draw_diagrams(text: &str, stem: &str, diagrams: &Path) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.split_inclusive('\n');
    let mut k = 0;
    while let Some(line) = lines.next() {
        if line.trim_end() != "```mermaid" {
            out.push_str(line);
            continue;
        }
        k += 1;
        let mut source = String::new();
        for line in lines.by_ref() {
            if line.trim_end() == "```" {
                break;
            }
            source.push_str(line);
        }
        let svg = diagrams.join(format!("{stem}-{k}.svg"));
        println!("cargo:rerun-if-changed={}", svg.display());
        match fs::read(&svg) {
            Ok(bytes) => out.push_str(&format!(
                "<img alt=\"diagram\" src=\"data:image/svg+xml;base64,{}\">\n",
                base64(&bytes)
            )),
            Err(_) => out.push_str(&format!("```text\n{source}```\n")),
        }
    }
    out
}

/// Rewrites `[text](target)` links outside code blocks, as the module documentation says.
fn rewrite_links(text: &str, docs: &Path) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        if in_code {
            out.push_str(line);
        } else {
            out.push_str(&rewrite_line(line, docs));
        }
    }
    out
}

/// One line of [`rewrite_links`]: each `](target)` is looked at once, left to right. An image
/// (`![alt](pictures/x.svg)`) of a file under `docs/` is embedded as a `data:` URL.
fn rewrite_line(line: &str, docs: &Path) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("](") {
        let Some(close) = rest[at + 2..].find(')') else {
            break;
        };
        let target = &rest[at + 2..at + 2 + close];
        out.push_str(&rest[..at]);
        let image = out
            .rfind("![")
            .is_some_and(|open| !out[open..].contains(']'));
        let picture = docs.join(target);
        if image && target.ends_with(".svg") && picture.is_file() {
            println!("cargo:rerun-if-changed={}", picture.display());
            let bytes = fs::read(&picture).unwrap_or_default();
            out.push_str(&format!("](data:image/svg+xml;base64,{})", base64(&bytes)));
            rest = &rest[at + 2 + close + 1..];
            continue;
        }
        match new_target(target) {
            Some(target) => out.push_str(&format!("]({target})")),
            None => {
                // Drop the link, keep its text: remove the `[` that opened it.
                if let Some(open) = out.rfind('[') {
                    out.remove(open);
                }
            }
        }
        rest = &rest[at + 2 + close + 1..];
    }
    out.push_str(rest);
    out
}

/// Where a link should point in the API documentation; `None` for nowhere.
fn new_target(target: &str) -> Option<String> {
    let kept = ["http://", "https://", "#", "crate::"];
    if kept.iter().any(|prefix| target.starts_with(prefix)) {
        return Some(target.to_owned());
    }
    let (file, anchor) = match target.split_once('#') {
        Some((file, anchor)) => (file, format!("#{anchor}")),
        None => (target, String::new()),
    };
    let (_, module) = DOCUMENTS.iter().find(|(name, _)| *name == file)?;
    Some(if module.is_empty() {
        format!("crate::companion{anchor}")
    } else {
        format!("crate::companion::{module}{anchor}")
    })
}

/// Standard base64, for the `data:` URLs.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &byte)| n | u32::from(byte) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}
