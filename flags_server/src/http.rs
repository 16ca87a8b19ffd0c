//! Just enough HTTP/1.1 for the flags server: read a request's head, write a response, close
//! the connection gently or abruptly.
//!
//! The flags server used to sit on a small HTTP library; it is built on `std::net` instead
//! because some of its faults need the socket itself. A *reset* must close the connection with
//! a TCP RST, as a crashed server or a middlebox does; a library that owns the socket can only
//! close it politely (FIN), which the client cannot tell from a body cut short. A *stall* must
//! wait until the client gives up, which means reading from the socket after the response has
//! started. Both are one line each with the `TcpStream` in hand.
//!
//! What the server needs is small: one request per connection (every response says
//! `Connection: close`, as HTTP/1.1 allows), no request bodies, no chunked encoding. The
//! request line is `METHOD PATH HTTP/1.x`; the headers are read and ignored.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::Duration;

/// The longest request head read; anything longer is answered `431` and closed.
pub const MAX_HEAD: usize = 16 * 1024;

/// How long a connection may stay silent before its thread gives up on it.
pub const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// A request line, once read: the method and the path (with any query) as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `HEAD`, `POST`, ...
    pub method: String,
    /// `/flags/br/br.gif`
    pub path: String,
}

/// Why a request could not be read.
#[derive(Debug)]
pub enum HeadError {
    /// The head is longer than [`MAX_HEAD`]: answer `431`.
    TooLarge,
    /// The request line is not `METHOD PATH HTTP/1.x`, or the head is not text: answer `400`.
    Malformed,
    /// The client closed, went silent past [`READ_TIMEOUT`], or reset: there is no one to answer.
    Io(io::Error),
}

/// Reads one request head (up to the blank line) from `stream` and parses its request line.
pub fn read_request(stream: &mut TcpStream) -> Result<Request, HeadError> {
    stream
        .set_read_timeout(Some(READ_TIMEOUT))
        .map_err(HeadError::Io)?;
    let mut head = Vec::with_capacity(512);
    let mut chunk = [0u8; 1024];
    // Anything after the blank line (a body, a second request) is left unread; `close` drains it.
    let end = loop {
        if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        if head.len() > MAX_HEAD {
            return Err(HeadError::TooLarge);
        }
        let n = stream.read(&mut chunk).map_err(HeadError::Io)?;
        if n == 0 {
            return Err(HeadError::Io(io::ErrorKind::UnexpectedEof.into()));
        }
        head.extend_from_slice(&chunk[..n]);
    };
    head.truncate(end);
    let head = std::str::from_utf8(&head).map_err(|_| HeadError::Malformed)?;
    let line = head.lines().next().unwrap_or_default();
    let mut parts = line.split(' ');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(method), Some(path), Some(version), None)
            if !method.is_empty() && path.starts_with('/') && version.starts_with("HTTP/1.") =>
        {
            Ok(Request {
                method: method.to_owned(),
                path: path.to_owned(),
            })
        }
        _ => Err(HeadError::Malformed),
    }
}

/// The status line and headers of a response whose body is `content_length` bytes long.
pub fn head(
    status: u16,
    content_type: &str,
    content_length: usize,
    extra: &[(&str, &str)],
) -> String {
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {content_length}\r\nConnection: close\r\n",
        reason(status)
    );
    for (name, value) in extra {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    head
}

/// Writes a whole response (no body for `HEAD`) and closes the connection gently.
pub fn respond(
    mut stream: TcpStream,
    head_only: bool,
    status: u16,
    content_type: &str,
    body: &[u8],
    extra: &[(&str, &str)],
) {
    let head = head(status, content_type, body.len(), extra);
    let written = stream.write_all(head.as_bytes()).and_then(|()| {
        if head_only {
            Ok(())
        } else {
            stream.write_all(body)
        }
    });
    // A client that went away is no concern of the other clients.
    if written.is_ok() {
        close(stream);
    }
}

/// Closes the connection the polite way: FIN, then read what the client still sends until it
/// closes too. Closing a socket that has unread bytes makes the kernel send a RST, which can
/// destroy a response the client has not read yet (a request body we ignored would do it).
pub fn close(stream: TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
    let mut sink = [0u8; 1024];
    let mut drained = 0;
    while let Ok(n @ 1..) = (&stream).read(&mut sink) {
        drained += n;
        if drained > 64 * 1024 {
            break;
        }
    }
}

/// Closes the connection abruptly: the kernel sends a TCP RST instead of a FIN, and the
/// client's next read fails with "connection reset by peer". `SO_LINGER` with a zero timeout
/// is the standard way to ask for it; without it (off Unix) the close is a plain one.
pub fn reset(stream: TcpStream) {
    #[cfg(unix)]
    {
        use nix::sys::socket::{setsockopt, sockopt::Linger};
        let abort = nix::libc::linger {
            l_onoff: 1,
            l_linger: 0,
        };
        let _ = setsockopt(&stream, Linger, &abort);
    }
    drop(stream);
}

/// Waits until the client closes the connection (or resets it), at most `limit`: a server that
/// has stopped sending, from the client's side.
pub fn wait_for_client_to_leave(stream: &TcpStream, limit: Duration) {
    let _ = stream.set_read_timeout(Some(limit));
    let mut sink = [0u8; 1024];
    while let Ok(1..) = (&*stream).read(&mut sink) {}
}

/// The reason phrase for a status.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        418 => "I'm a teapot",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    /// Sends `raw` to a fresh connection and returns what `read_request` made of it.
    fn parse(raw: &[u8]) -> Result<Request, HeadError> {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        client.write_all(raw).unwrap();
        client.shutdown(Shutdown::Write).unwrap();
        let (mut server, _) = listener.accept().unwrap();
        read_request(&mut server)
    }

    #[test]
    fn a_request_line_gives_the_method_and_the_path() {
        let request = parse(b"GET /flags/br/br.gif HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        assert_eq!(request.method, "GET");
        assert_eq!(request.path, "/flags/br/br.gif");
    }

    #[test]
    fn a_malformed_or_cut_head_is_an_error() {
        assert!(matches!(parse(b"hello\r\n\r\n"), Err(HeadError::Malformed)));
        assert!(matches!(
            parse(b"GET /x HTTP/2.0\r\n\r\n"),
            Err(HeadError::Malformed)
        ));
        assert!(matches!(parse(b"GET /x HT"), Err(HeadError::Io(_))));
    }

    #[test]
    fn a_huge_head_is_too_large() {
        let mut raw = b"GET /".to_vec();
        raw.extend(std::iter::repeat_n(b'a', MAX_HEAD + 10));
        assert!(matches!(parse(&raw), Err(HeadError::TooLarge)));
    }
}
