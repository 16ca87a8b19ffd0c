//! Files written whole or not at all: a temporary file beside the destination, then a rename.
//!
//! A reader must never find half a flag or half a trace, whatever stops the program. The
//! temporary file is created exclusively under a short random name (`tempfile`), so it never
//! writes through a link someone planted at a name they could guess, and its name is legal
//! however long the final one is; it is removed if dropped before the rename.

use std::io::Write;
use std::path::Path;

/// A new temporary file in `folder`, to be renamed over a file of the program's: created
/// exclusively (never through a link someone planted) under a short random name (legal
/// however long the final name is), readable by all, as a plain `File::create` would make
/// it; removed if dropped before it is renamed.
pub fn temporary_file_in(folder: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".part-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    builder.tempfile_in(folder)
}

/// Writes `bytes` to `path` whole or not at all: a temporary file beside it, then a rename.
pub fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file = temporary_file_in(folder)?;
    file.write_all(bytes)?;
    file.persist(path).map(drop).map_err(|error| error.error)
}
