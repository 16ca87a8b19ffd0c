//! The server's JSON (`/stats`, `metadata.json`) on one line, spaced as people write it:
//! `{"country": "Brazil", "cc": "BR"}`.
//!
//! `serde_json` writes the values and escapes the strings; this module only chooses the
//! layout. Its compact form (`{"cc":"BR"}`) is hard to read in a terminal after `curl`, and its
//! pretty form spreads a ten-field `/stats` over twelve lines.

use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};
use std::io::{self, Write};

/// `value` as one line of JSON, `", "` between fields and `": "` after keys, then a newline.
pub(crate) fn to_line(value: &impl Serialize) -> String {
    let mut bytes = Vec::new();
    let mut serializer = Serializer::with_formatter(&mut bytes, Spaced);
    // Our values are maps of strings and numbers, which always serialise.
    value
        .serialize(&mut serializer)
        .expect("a map of strings and numbers serialises");
    bytes.push(b'\n');
    String::from_utf8(bytes).expect("serde_json writes UTF-8")
}

/// serde_json's compact layout, with a space after each comma and colon.
struct Spaced;

impl Formatter for Spaced {
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_spaced_and_strings_escaped() {
        let value = serde_json::json!({"a": 1, "b": "say \"hi\""});
        assert_eq!(to_line(&value), "{\"a\": 1, \"b\": \"say \\\"hi\\\"\"}\n");
    }
}
