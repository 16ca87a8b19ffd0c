//! What the end-to-end test files share: a temporary folder, running a demo binary, and reading
//! its output and its final report.

#![allow(dead_code)] // each test file uses its own share of these

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A folder under the system's temporary directory, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    /// A new, empty folder, unique to this process and call.
    pub fn new(tag: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "flags-{tag}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Where it is, as text for a command line.
    pub fn arg(&self) -> &str {
        self.0.to_str().unwrap()
    }

    /// The names of the files in it, sorted (hidden temporary files included).
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0)
            .map(|entries| {
                entries
                    .map(|entry| entry.unwrap().file_name().into_string().unwrap())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `binary` with `args` and waits for it.
pub fn run(binary: &str, args: &[&str]) -> Output {
    Command::new(binary).args(args).output().unwrap()
}

/// Its standard output, as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Its standard error, as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `N flags downloaded.`, `N not found.`, `N errors.` from a flags2 final report (0 when
/// absent), as (ok, not found, errors).
pub fn report_counts(text: &str) -> (usize, usize, usize) {
    let count = |suffixes: &[&str]| {
        text.lines()
            .find_map(|line| {
                suffixes
                    .iter()
                    .find_map(|suffix| line.strip_suffix(suffix))
                    .and_then(|n| n.parse().ok())
            })
            .unwrap_or(0)
    };
    (
        count(&[" flags downloaded.", " flag downloaded."]),
        count(&[" not found."]),
        count(&[" errors.", " error."]),
    )
}

/// The body `server` sends for `path`, fetched afresh.
pub fn fetch(server: &flags_server::RunningServer, path: &str) -> Vec<u8> {
    let url = format!("http://{}{path}", server.addr());
    let mut response = ureq::get(&url).call().expect("the server answers");
    response.body_mut().read_to_vec().expect("a whole body")
}
