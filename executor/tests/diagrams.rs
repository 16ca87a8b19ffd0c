//! The companion chapters' diagrams, as the API documentation shows them, are up to date.
//!
//! `executor/build.rs` puts `docs/diagrams/NAME-k.svg` where the k-th ```` ```mermaid ```` block
//! of `docs/NAME.md` stands; `scripts/render_diagrams.py` draws those pictures and keeps each
//! one's source beside it as `NAME-k.mmd`. A diagram edited without being drawn again shows up
//! here as a source that no longer matches.

use std::fs;
use std::path::Path;

#[test]
fn every_mermaid_block_has_a_picture_drawn_from_its_current_source() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
    let mut checked = 0;
    for entry in fs::read_dir(&docs).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "md") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let text = fs::read_to_string(&path).unwrap();
        for (k, source) in mermaid_blocks(&text).into_iter().enumerate() {
            let name = format!("{stem}-{}", k + 1);
            let drawn_from = docs.join("diagrams").join(format!("{name}.mmd"));
            let drawn_from = fs::read_to_string(&drawn_from).unwrap_or_default();
            assert_eq!(
                drawn_from, source,
                "docs/diagrams/{name}.svg is not drawn from the diagram in docs/{stem}.md: \
                 run python3 scripts/render_diagrams.py"
            );
            let svg = fs::read_to_string(docs.join("diagrams").join(format!("{name}.svg")))
                .unwrap_or_default();
            assert!(svg.contains("<svg"), "docs/diagrams/{name}.svg is missing");
            checked += 1;
        }
    }
    assert!(checked >= 3, "only {checked} diagrams found");
}

/// The text inside each ```` ```mermaid ```` block, in order.
fn mermaid_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.split_inclusive('\n') {
        match &mut current {
            None if line.trim_end() == "```mermaid" => current = Some(String::new()),
            None => {}
            Some(_) if line.trim_end() == "```" => blocks.extend(current.take()),
            Some(block) => block.push_str(line),
        }
    }
    blocks
}
