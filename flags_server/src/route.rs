//! What the server answers: a pure function from a parsed request to the reply, fault included.
//!
//! [`route`] decides everything about an answer — its status and body, how long to wait
//! first, which fault spoils it, what it counts as, what line it logs — and does none of it: it
//! touches no socket, sleeps no delay and counts nothing. The server's connection thread then
//! waits, counts, logs and hands the reply to [`http::deliver`](crate::http::deliver). So every
//! decision can be tested by calling a function, and the order of the checks below is the
//! whole of the server's policy:
//!
//! 1. hostile requests are refused: a method other than `GET` or `HEAD` (`405`), a long path
//!    (`414`), a path with `..`, `%` or `\` (`400`);
//! 2. `/stats` is answered at once;
//! 3. a path that is not a flag or a metadata file is a `404`;
//! 4. the rest are delayed as the configuration draws, then get an injected error status, a
//!    `404` if the server has no such file, a fault, or the file.
//!
//! `/moved/flags/...`, where a redirect points, skips the delay, the error and the fault.

use crate::config::ServerConfig;
use crate::fault::{Fault, MOVED, Sends};
use crate::files::{FlagFile, Found};
use crate::http::{Delivery, HeadError, Reply, Request, reason};
use crate::stats::{Outcome, Stats};
use std::time::Duration;

/// The longest path served; anything longer is refused.
pub const MAX_PATH: usize = 256;

/// Everything the server does with one request, in order: wait, count, log, send.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// How long to wait before sending (counted as [`Outcome::Delayed`] when not zero).
    pub delay: Duration,
    /// What the answer counts as in [`Stats`]; `None` for `/stats` itself.
    pub outcome: Option<Outcome>,
    /// The line printed when the server logs requests.
    pub log: Option<String>,
    /// What is sent.
    pub reply: Reply,
}

impl Answer {
    /// Send `reply` at once, counted as `outcome`, logged as `log`.
    fn new(outcome: Outcome, log: String, reply: Reply) -> Answer {
        Answer {
            delay: Duration::ZERO,
            outcome: Some(outcome),
            log: Some(log),
            reply,
        }
    }

    /// `{status} {reason}` as a `text/plain` reply.
    fn status(outcome: Outcome, status: u16, log: String) -> Answer {
        let page = format!("{status} {}\n", reason(status));
        Answer::new(outcome, log, Reply::text(status, page))
    }
}

/// The answer to `request`, under `config`; `stats` is read for `/stats` only.
pub fn route(request: &Request, config: &ServerConfig, stats: &Stats) -> Answer {
    let (method, path) = (request.method.as_str(), request.path.as_str());
    let mut answer = decide(method, path, config, stats);
    answer.reply.head_only = method == "HEAD";
    answer
}

/// The answer to a request whose head could not be read, or `None` when no one is left to
/// answer (the client closed, reset or went silent).
pub fn reject(error: &HeadError) -> Option<Answer> {
    let status = match error {
        HeadError::TooLarge => 431,
        HeadError::Malformed => 400,
        HeadError::Io(_) => return None,
    };
    let log = format!("{status} unreadable request");
    Some(Answer::status(Outcome::Rejected, status, log))
}

fn decide(method: &str, path: &str, config: &ServerConfig, stats: &Stats) -> Answer {
    let rejected = |status, log| Answer::status(Outcome::Rejected, status, log);
    if !matches!(method, "GET" | "HEAD") {
        let log = format!("{} {} 405 method not allowed", short(method), short(path));
        return rejected(405, log);
    }
    if path.len() > MAX_PATH {
        return rejected(414, format!("{} 414 path too long", short(path)));
    }
    if path.contains("..") || path.contains('%') || path.contains('\\') {
        return rejected(400, format!("{} 400 bad path", short(path)));
    }
    if path == "/stats" {
        let json = stats.to_json().into_bytes();
        let reply = Reply::new(200, "application/json", json.into());
        return Answer {
            delay: Duration::ZERO,
            outcome: None,
            log: None,
            reply,
        };
    }
    let (moved, flags_path) = match path.strip_prefix(MOVED) {
        Some(rest) => (true, rest),
        None => (false, path),
    };
    let Some(file) = FlagFile::parse(flags_path) else {
        let log = format!("{} 404 not found", short(path));
        return Answer::status(Outcome::NotFound, 404, log);
    };
    let cc = file.cc().to_ascii_uppercase();
    let delay = if moved {
        Duration::ZERO
    } else {
        config.delay_for(path)
    };
    let answer = if !moved && config.injects_error(path) {
        let status = config.error_status;
        Answer::status(Outcome::Error, status, format!("{cc} error: {status}"))
    } else if let Some(found) = file.find(config) {
        let whole = match found {
            Found::Bytes(body) => Reply::new(200, file.content_type(), body),
            Found::File(body) => Reply::file(200, file.content_type(), body),
        };
        let fault = if moved { None } else { config.fault_for(path) };
        match fault {
            None => {
                let log = format!("{cc} delay: {:.2}s", delay.as_secs_f64());
                Answer::new(Outcome::Ok, log, whole)
            }
            Some(fault) => {
                let log = format!("{cc} fault: {fault}");
                Answer::new(Outcome::Injected(fault), log, spoil(whole, fault, path))
            }
        }
    } else {
        Answer::status(Outcome::NotFound, 404, format!("{cc} 404 not found"))
    };
    Answer { delay, ..answer }
}

/// What `fault` sends in place of `whole`, the file asked for at `path`.
fn spoil(whole: Reply, fault: Fault, path: &str) -> Reply {
    match fault.row().sends {
        Sends::HalfThen(ending) => Reply {
            delivery: Delivery::HalfThen(ending),
            ..whole
        },
        Sends::Instead(canned) => Reply {
            location: canned
                .location_prefix
                .map(|prefix| format!("{prefix}{path}")),
            ..Reply::new(
                canned.status,
                canned.content_type,
                canned.body.as_bytes().into(),
            )
        },
    }
}

/// A path (or method) cut short for a log line, its control characters escaped (`\n`,
/// `\u{1b}`): a request cannot write lines of its own into the log, or colour the terminal.
fn short(path: &str) -> String {
    path.chars()
        .take(60)
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Delay;
    use crate::countries::known_codes;
    use crate::fault::{FAULTS, FaultRates};
    use crate::http::Ending;

    fn request(method: &str, path: &str) -> Request {
        Request {
            method: method.into(),
            path: path.into(),
        }
    }

    fn get(path: &str, config: &ServerConfig) -> Answer {
        route(&request("GET", path), config, &Stats::default())
    }

    /// The LOCAL server with every request hit by `fault`.
    fn always(fault: Fault) -> ServerConfig {
        ServerConfig {
            faults: FaultRates::parse(&format!("{}=1", fault.name())).unwrap(),
            ..ServerConfig::local()
        }
    }

    #[test]
    fn a_path_cannot_write_control_characters_into_the_log() {
        let answer = route(
            &request("GET", "/fl\u{1b}[31mags\u{85}x"),
            &ServerConfig::local(),
            &Stats::default(),
        );
        let log = answer.log.unwrap();
        assert!(!log.chars().any(char::is_control), "{log:?}");
        assert_eq!(log, "/fl\\u{1b}[31mags\\u{85}x 404 not found");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_served_tree_is_not_found_by_get_head_or_moved() {
        let scratch = std::env::temp_dir().join(format!("flags-route-{}", std::process::id()));
        let tree = scratch.join("tree");
        std::fs::create_dir_all(tree.join("cn")).unwrap();
        std::fs::write(scratch.join("secret"), b"not a flag").unwrap();
        std::os::unix::fs::symlink(scratch.join("secret"), tree.join("cn/cn.gif")).unwrap();
        let config = ServerConfig {
            directory: Some(tree),
            ..ServerConfig::local()
        };
        for (method, path) in [
            ("GET", "/flags/cn/cn.gif"),
            ("HEAD", "/flags/cn/cn.gif"),
            ("GET", "/moved/flags/cn/cn.gif"),
        ] {
            let answer = route(&request(method, path), &config, &Stats::default());
            assert_eq!(answer.reply.status, 404, "{method} {path}");
            assert_eq!(answer.reply.file, None, "{method} {path}");
            assert!(
                !answer.reply.body.windows(3).any(|w| w == b"not"),
                "{method} {path}"
            );
        }
        std::fs::remove_dir_all(&scratch).unwrap();
    }

    #[test]
    fn a_good_get_is_the_whole_flag_at_once() {
        let answer = get("/flags/br/br.gif", &ServerConfig::local());
        assert_eq!(answer.reply.status, 200);
        assert_eq!(answer.reply.content_type, "image/gif");
        assert!(answer.reply.body.starts_with(b"GIF89a"));
        assert_eq!(answer.reply.delivery, Delivery::Whole);
        assert!(!answer.reply.head_only);
        assert_eq!(answer.outcome, Some(Outcome::Ok));
        assert_eq!(answer.log.as_deref(), Some("BR delay: 0.00s"));
        assert_eq!(answer.delay, Duration::ZERO);
    }

    #[test]
    fn a_head_request_gets_the_same_head_and_no_body() {
        let config = ServerConfig::local();
        let get = get("/flags/br/br.gif", &config);
        let head = route(
            &request("HEAD", "/flags/br/br.gif"),
            &config,
            &Stats::default(),
        );
        assert!(head.reply.head_only);
        assert_eq!(
            crate::http::head(&head.reply),
            crate::http::head(&get.reply),
            "the same Content-Length"
        );
    }

    #[test]
    fn metadata_is_the_countrys_name_as_json() {
        let answer = get("/flags/jp/metadata.json", &ServerConfig::local());
        assert_eq!(answer.reply.content_type, "application/json");
        let metadata: serde_json::Value = serde_json::from_slice(&answer.reply.body).unwrap();
        assert_eq!(metadata["country"], "Japan");
        assert_eq!(answer.log.as_deref(), Some("JP delay: 0.00s"));
    }

    #[test]
    fn unknown_paths_and_codes_are_404s() {
        let config = ServerConfig::local();
        for (path, log) in [
            ("/etc/passwd", "/etc/passwd 404 not found"),
            ("/flags/br/cn.gif", "/flags/br/cn.gif 404 not found"),
            ("/flags/BR/BR.gif", "/flags/BR/BR.gif 404 not found"),
            ("/flags/xx/xx.gif", "XX 404 not found"),
        ] {
            let answer = get(path, &config);
            assert_eq!(answer.reply.status, 404, "{path}");
            assert_eq!(answer.reply.body.as_ref(), b"404 Not Found\n");
            assert_eq!(answer.outcome, Some(Outcome::NotFound));
            assert_eq!(answer.log.as_deref(), Some(log));
        }
    }

    #[test]
    fn traversal_forms_are_refused_before_any_lookup() {
        let config = ServerConfig::local();
        for path in [
            "/flags/../../etc/passwd",
            "/flags/%2e%2e/%2e%2e/etc/passwd",
            "/flags/br/..%2f..%2fbr.gif",
            "/flags\\br\\br.gif",
        ] {
            let answer = get(path, &config);
            assert_eq!(answer.reply.status, 400, "{path}");
            assert_eq!(answer.outcome, Some(Outcome::Rejected));
            assert_eq!(answer.log, Some(format!("{path} 400 bad path")));
        }
    }

    #[test]
    fn a_long_path_is_414_and_its_log_line_is_cut() {
        let path = format!("/flags/{}", "a".repeat(5000));
        let answer = get(&path, &ServerConfig::local());
        assert_eq!(answer.reply.status, 414);
        assert_eq!(answer.outcome, Some(Outcome::Rejected));
        assert_eq!(
            answer.log,
            Some(format!("{} 414 path too long", &path[..60]))
        );
    }

    #[test]
    fn a_method_other_than_get_or_head_is_405() {
        let answer = route(
            &request("POST", "/flags/br/br.gif"),
            &ServerConfig::local(),
            &Stats::default(),
        );
        assert_eq!(answer.reply.status, 405);
        assert_eq!(answer.reply.body.as_ref(), b"405 Method Not Allowed\n");
        assert_eq!(
            answer.log.as_deref(),
            Some("POST /flags/br/br.gif 405 method not allowed")
        );
    }

    #[test]
    fn an_unreadable_head_is_431_or_400_and_a_gone_client_gets_nothing() {
        let too_large = reject(&HeadError::TooLarge).unwrap();
        assert_eq!(too_large.reply.status, 431);
        assert_eq!(
            too_large.reply.body.as_ref(),
            b"431 Request Header Fields Too Large\n"
        );
        assert_eq!(too_large.log.as_deref(), Some("431 unreadable request"));
        let malformed = reject(&HeadError::Malformed).unwrap();
        assert_eq!(
            (malformed.reply.status, malformed.outcome),
            (400, Some(Outcome::Rejected))
        );
        let gone = HeadError::Io(std::io::ErrorKind::UnexpectedEof.into());
        assert!(reject(&gone).is_none());
    }

    #[test]
    fn slash_stats_shows_the_counts_and_counts_nothing() {
        let stats = Stats::default();
        stats.record(Outcome::Injected(Fault::Html500));
        let answer = route(&request("GET", "/stats"), &ServerConfig::local(), &stats);
        assert_eq!(answer.reply.content_type, "application/json");
        assert_eq!(answer.reply.body.as_ref(), stats.to_json().as_bytes());
        assert_eq!((answer.outcome, answer.log), (None, None));
    }

    #[test]
    fn an_injected_error_comes_first_even_for_a_code_with_no_flag() {
        let config = ServerConfig {
            error_rate: 1.0,
            faults: FaultRates::parse("reset=1").unwrap(),
            ..ServerConfig::local()
        };
        for (path, log) in [
            ("/flags/br/br.gif", "BR error: 418"),
            ("/flags/xx/xx.gif", "XX error: 418"),
        ] {
            let answer = get(path, &config);
            assert_eq!(answer.reply.status, 418);
            assert_eq!(answer.reply.body.as_ref(), b"418 I'm a teapot\n");
            assert_eq!(answer.outcome, Some(Outcome::Error));
            assert_eq!(answer.log.as_deref(), Some(log));
        }
    }

    #[test]
    fn the_delay_is_in_the_answer_for_the_caller_to_wait() {
        let config = ServerConfig {
            delay: Delay::Fixed(Duration::from_millis(30)),
            ..ServerConfig::local()
        };
        let answer = get("/flags/br/br.gif", &config);
        assert_eq!(answer.delay, Duration::from_millis(30));
        assert_eq!(answer.log.as_deref(), Some("BR delay: 0.03s"));
        let not_found = get("/flags/xx/xx.gif", &config);
        assert_eq!(
            not_found.delay,
            Duration::from_millis(30),
            "a 404 waits too"
        );
        assert_eq!(get("/etc/passwd", &config).delay, Duration::ZERO);
    }

    #[test]
    fn each_fault_sends_what_its_row_says() {
        for row in FAULTS {
            let config = always(row.fault);
            let whole = get("/flags/br/br.gif", &ServerConfig::local()).reply;
            let answer = get("/flags/br/br.gif", &config);
            assert_eq!(answer.outcome, Some(Outcome::Injected(row.fault)));
            assert_eq!(answer.log, Some(format!("BR fault: {}", row.name)));
            match row.sends {
                Sends::HalfThen(ending) => {
                    assert_eq!(answer.reply.delivery, Delivery::HalfThen(ending));
                    assert_eq!(answer.reply.body, whole.body, "the head promises it all");
                    assert_eq!(answer.reply.status, 200);
                }
                Sends::Instead(canned) => {
                    assert_eq!(answer.reply.status, canned.status);
                    assert_eq!(answer.reply.body.as_ref(), canned.body.as_bytes());
                    assert_eq!(answer.reply.delivery, Delivery::Whole);
                }
            }
        }
    }

    #[test]
    fn the_wire_level_faults_cut_the_body_in_their_own_way() {
        let ending = |fault| get("/flags/cn/cn.gif", &always(fault)).reply.delivery;
        assert_eq!(ending(Fault::Reset), Delivery::HalfThen(Ending::Reset));
        assert_eq!(ending(Fault::Short), Delivery::HalfThen(Ending::Close));
        assert_eq!(ending(Fault::Stall), Delivery::HalfThen(Ending::Stall));
    }

    #[test]
    fn an_html500_is_a_page_and_a_redirect_points_under_moved() {
        let page = get("/flags/br/br.gif", &always(Fault::Html500)).reply;
        assert_eq!((page.status, page.content_type), (500, "text/html"));
        assert!(page.body.starts_with(b"<!DOCTYPE html>"));
        let redirect = get("/flags/br/br.gif", &always(Fault::Redirect)).reply;
        assert_eq!(redirect.status, 302);
        assert_eq!(redirect.location.as_deref(), Some("/moved/flags/br/br.gif"));
    }

    #[test]
    fn a_moved_file_has_no_delay_no_error_and_no_fault() {
        let config = ServerConfig {
            delay: Delay::Fixed(Duration::from_secs(5)),
            error_rate: 0.5,
            faults: FaultRates::parse("redirect=0.5").unwrap(),
            ..ServerConfig::local()
        };
        for cc in known_codes() {
            let answer = get(&format!("/moved/flags/{cc}/{cc}.gif"), &config);
            assert_eq!(answer.reply.status, 200, "{cc}");
            assert_eq!(answer.reply.delivery, Delivery::Whole);
            assert_eq!(answer.delay, Duration::ZERO);
        }
    }

    #[test]
    fn the_seeded_draw_decides_each_answer() {
        let config = ServerConfig {
            error_rate: 0.1,
            faults: FaultRates::parse("reset=0.1,short=0.1,stall=0.1,html500=0.1,redirect=0.1")
                .unwrap(),
            seed: 11,
            ..ServerConfig::local()
        };
        let mut seen = std::collections::HashSet::new();
        for cc in known_codes() {
            let path = format!("/flags/{cc}/{cc}.gif");
            let expected = if config.injects_error(&path) {
                Outcome::Error
            } else {
                config
                    .fault_for(&path)
                    .map_or(Outcome::Ok, Outcome::Injected)
            };
            assert_eq!(get(&path, &config).outcome, Some(expected), "{path}");
            seen.insert(format!("{expected:?}"));
        }
        assert_eq!(seen.len(), 2 + FAULTS.len(), "{seen:?}");
    }
}
