//! The flags clients against servers that are not what they seem: not a flags server at all,
//! a server that answers but is paused, a body without end, a server that drips.

mod common;

use common::{TempDir, run, stderr, stdout};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

/// A server on a free port that answers every request with `answer`, written by `send`.
fn foreign_server(send: fn(&mut TcpStream)) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            thread::spawn(move || {
                let mut head = [0u8; 4096];
                let _ = stream.read(&mut head);
                send(&mut stream);
            });
        }
    });
    format!("http://{address}/flags")
}

fn flags2(url: &str, dest: &TempDir, extra: &[&str]) -> (String, String, Option<i32>) {
    let mut args = vec!["-v", "--url", url, "--dest", dest.arg()];
    args.extend_from_slice(extra);
    args.push("BR");
    let output = run(env!("CARGO_BIN_EXE_flags2_threadpool"), &args);
    (stdout(&output), stderr(&output), output.status.code())
}

fn html(stream: &mut TcpStream) {
    let page = "<html><body>Welcome to nginx!</body></html>";
    let _ = write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{page}",
        page.len()
    );
}

fn no_content(stream: &mut TcpStream) {
    let _ = stream.write_all(b"HTTP/1.1 204 No Content\r\n\r\n");
}

fn gzipped(stream: &mut TcpStream) {
    let _ = stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\n\x1f\x8b\x08\x00",
    );
}

fn endless(stream: &mut TcpStream) {
    let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: image/gif\r\n\r\nGIF89a");
    let zeros = [0u8; 64 * 1024];
    while stream.write_all(&zeros).is_ok() {}
}

fn dripping(stream: &mut TcpStream) {
    let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\nGIF89a");
    for _ in 0..600 {
        if stream.write_all(b"x").is_err() {
            return;
        }
        thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn what_is_not_a_whole_gif_in_a_200_is_an_error_that_asks_about_the_server() {
    for (send, what) in [
        (html as fn(&mut TcpStream), "not a GIF"),
        (no_content, "HTTP 204 - No Content"),
        (gzipped, "Content-Encoding: gzip"),
        (endless, "a body of more than 1048576 bytes"),
    ] {
        let dest = TempDir::new("foreign");
        let (out, err, code) = flags2(&foreign_server(send), &dest, &[]);
        assert_eq!(code, Some(0), "{out}{err}");
        assert!(out.contains("*** Error for BR: not a flag: "), "{out}");
        assert!(out.contains(what), "{what}: {out}");
        assert!(out.contains("is --url, or -s, a flags server?"), "{out}");
        assert!(out.contains("1 error."), "{out}");
        assert_eq!(
            dest.names(),
            Vec::<String>::new(),
            "{what}: nothing is saved"
        );
    }
}

#[test]
fn a_server_that_answers_404_for_every_flag_is_named_as_maybe_not_a_flags_server() {
    fn not_found(stream: &mut TcpStream) {
        let _ = stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    }
    let dest = TempDir::new("foreign-404");
    let url = foreign_server(not_found);
    let (out, err, _) = flags2(&url, &dest, &[]);
    assert!(out.contains("1 not found."), "{out}");
    assert!(
        err.contains(&format!(
            "note: {url} answers 404 for flags that every flags server has"
        )),
        "{err}"
    );
}

#[test]
fn the_timeout_bounds_the_whole_download_even_from_a_dripping_server() {
    let dest = TempDir::new("drip");
    let started = Instant::now();
    let (out, err, _) = flags2(&foreign_server(dripping), &dest, &["--timeout", "1"]);
    assert!(
        out.contains("*** Error for BR: Connection error: "),
        "{out}{err}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(dest.names(), Vec::<String>::new());
}

#[test]
fn a_paused_server_on_the_labels_port_is_used_not_replaced() {
    // Bound and listening, never accepting: connections complete in the kernel's queue, as
    // with a server stopped by SIGSTOP or too busy to accept. (Skipped if the port is taken.)
    let Ok(_paused) = TcpListener::bind("127.0.0.1:8003") else {
        eprintln!("skipped: port 8003 is in use");
        return;
    };
    let dest = TempDir::new("paused");
    let output = run(
        env!("CARGO_BIN_EXE_flags2_threadpool"),
        &["-s", "ERROR", "--timeout", "1", "--dest", dest.arg(), "BR"],
    );
    let text = stdout(&output);
    assert!(!text.contains("Nothing answered"), "{text}");
    assert!(
        text.contains("ERROR site: http://127.0.0.1:8003/flags"),
        "{text}"
    );
    assert!(text.contains("1 error."), "{text}");
}
