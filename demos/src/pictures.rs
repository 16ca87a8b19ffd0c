//! `--trace FILE` and `--svg FILE`, for every program: the run as a trace a viewer opens
//! ([`crate::trace`]) and as a picture ([`crate::timeline_svg`]).
//!
//! What goes in: the events of the program's pool (its tasks, and the waits the executor
//! reports), recorded by [`crate::interrupt::executor()`]; for a program with no pool (`flags`,
//! `flags2_sequential`), each download as a call on the main thread, timed by the downloader
//! itself; and what each download ended with, which the downloader notes too, so the programs'
//! loops stay the book's. Each call is named as the book would print it, `download_one('BR')`.
//!
//! The files are written after the run, before a Ctrl-C report exits, and each whole or not at
//! all ([`crate::whole_file`]): a trace that exists is valid JSON, even after an interrupt.

use crate::timeline::{self, Recorded};
use crate::timeline_svg;
use crate::trace::{Call, MAIN_THREAD, Trace};
use executor::EventKind;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::Instant;

/// The two options, for a program's command line (`#[command(flatten)]`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct PictureArgs {
    /// Write a trace of the run that ui.perfetto.dev or chrome://tracing opens.
    #[arg(long, value_name = "FILE", value_parser = picture_path)]
    pub trace: Option<PathBuf>,
    /// Write the run's timeline as an SVG picture.
    #[arg(long, value_name = "FILE", value_parser = picture_path)]
    pub svg: Option<PathBuf>,
}

/// Refuses, before the run, a path that cannot be written: empty, a folder, one in a folder
/// that does not exist, or something that is there and is not a regular file (`/dev/null`, a
/// pipe): the file is written beside it and renamed over it, which would replace it.
pub fn picture_path(text: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(text);
    if text.is_empty() {
        return Err("an empty path names no file".to_owned());
    }
    match std::fs::metadata(&path) {
        Ok(found) if found.is_dir() => return Err(format!("{text:?} is a folder, not a file")),
        Ok(found) if !found.is_file() => {
            return Err(format!(
                "{text:?} is not a regular file (a device or a pipe?), and writing the picture \
                 would replace it"
            ));
        }
        _ => {}
    }
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(format!("folder {} does not exist", folder.display()));
    }
    Ok(path)
}

/// What the pictures are made of, gathered during the run.
#[derive(Default)]
struct Gathered {
    /// Where to write them, and for which program.
    asked: Option<(String, PictureArgs)>,
    /// Downloads run on the main thread (no pool): code, start, end, in order.
    main_calls: Vec<(String, Instant, Instant)>,
    /// How each download ended, by code: `saved br.gif (1,234 bytes)` or the error.
    results: HashMap<String, Result<String, String>>,
}

fn gathered() -> MutexGuard<'static, Gathered> {
    static GATHERED: OnceLock<Mutex<Gathered>> = OnceLock::new();
    (GATHERED.get_or_init(Mutex::default).lock()).unwrap_or_else(PoisonError::into_inner)
}

/// The program's start, the pictures' time zero: the first call of [`start`] or [`ask`].
fn origin() -> Instant {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    *ORIGIN.get_or_init(Instant::now)
}

/// Notes the program's start: the pictures' time zero. Every program calls it first.
pub fn start() {
    let _ = origin();
}

/// Remembers what `process` was asked for.
pub fn ask(process: &str, args: &PictureArgs) {
    let _ = origin();
    gathered().asked = Some((process.to_owned(), args.clone()));
}

/// Whether nothing is asked, so a downloader need note nothing.
fn nothing_asked(gathered: &Gathered) -> bool {
    gathered
        .asked
        .as_ref()
        .is_none_or(|(_, args)| args.trace.is_none() && args.svg.is_none())
}

thread_local! {
    /// The download this thread is doing: its code and when it began.
    static DOWNLOADING: std::cell::RefCell<Option<(String, Instant)>> = const {
        std::cell::RefCell::new(None)
    };
}

/// A download of `cc` begins on this thread (the downloader calls it).
pub fn download_began(cc: &str) {
    DOWNLOADING.with(|open| *open.borrow_mut() = Some((cc.to_owned(), Instant::now())));
}

/// This thread's download ended with `result` (the downloader calls it).
pub fn download_ended(result: Result<String, String>) {
    let Some((cc, start)) = DOWNLOADING.with(|open| open.borrow_mut().take()) else {
        return;
    };
    let mut gathered = gathered();
    if nothing_asked(&gathered) {
        return;
    }
    if std::thread::current().name() == Some("main") {
        gathered
            .main_calls
            .push((cc.clone(), start, Instant::now()));
    }
    gathered.results.insert(cc, result);
}

/// Writes what was asked for, naming task `i` `download_one('{names[i]}')`: the pool's tasks
/// with their codes in submission order, or the main thread's downloads.
pub fn write_downloads() -> std::io::Result<()> {
    let names = crate::interrupt::task_names();
    let (events, names) = {
        let gathered = gathered();
        if nothing_asked(&gathered) {
            return Ok(());
        }
        let pool_events = crate::interrupt::recorder().events();
        if pool_events.is_empty() && !gathered.main_calls.is_empty() {
            main_thread_events(&gathered.main_calls)
        } else {
            (pool_events, names)
        }
    };
    let results = gathered().results.clone();
    let describe = |task: u64| {
        let cc = names.get(task as usize).cloned().unwrap_or_default();
        let mut args = serde_json::Map::new();
        args.insert("cc".into(), cc.clone().into());
        match results.get(&cc) {
            Some(Ok(result)) => args.insert("result".into(), result.clone().into()),
            Some(Err(error)) => args.insert("exception".into(), error.clone().into()),
            None => None,
        };
        Call {
            name: format!("download_one('{cc}')"),
            args,
        }
    };
    write(&events, &describe)
}

/// The main thread's downloads as the events a pool would report, one task each.
fn main_thread_events(calls: &[(String, Instant, Instant)]) -> (Vec<Recorded>, Vec<String>) {
    let event = |task, kind, at| Recorded {
        task,
        kind,
        worker: Some(MAIN_THREAD.to_owned()),
        at,
    };
    let mut events = Vec::new();
    for (task, (_, start, end)) in (0..).zip(calls) {
        events.push(event(task, EventKind::Started, *start));
        events.push(event(task, EventKind::Finished { raised: false }, *end));
    }
    (events, calls.iter().map(|(cc, ..)| cc.clone()).collect())
}

/// Writes the trace and the picture asked for, from `events`, with `describe` naming each task.
pub fn write(events: &[Recorded], describe: &dyn Fn(u64) -> Call) -> std::io::Result<()> {
    let Some((process, args)) = gathered().asked.clone() else {
        return Ok(());
    };
    let with_path = |path: &Path, error: std::io::Error| {
        std::io::Error::new(
            error.kind(),
            format!("cannot write {}: {error}", path.display()),
        )
    };
    if let Some(path) = &args.trace {
        let trace = Trace::from_run(&process, origin(), events, describe);
        trace.write(path).map_err(|e| with_path(path, e))?;
    }
    if let Some(path) = &args.svg {
        let bars = timeline::spans(events);
        let waits = crate::trace::waits(events);
        let svg = timeline_svg::render(origin(), &bars, &waits, describe);
        crate::whole_file::write_whole(path, svg.as_bytes()).map_err(|e| with_path(path, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_in_a_missing_folder_or_a_folder_is_refused_before_the_run() {
        assert!(picture_path("t.json").is_ok());
        assert!(picture_path("/").unwrap_err().contains("is a folder"));
        let missing = picture_path("no/such/folder/t.json").unwrap_err();
        assert_eq!(missing, "folder no/such/folder does not exist");
        assert!(picture_path("").is_err());
        #[cfg(unix)]
        assert!(
            picture_path("/dev/null")
                .unwrap_err()
                .contains("not a regular file")
        );
    }
}
