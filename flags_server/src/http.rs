//! Just enough HTTP/1.1 for the flags server: read a request's head, deliver a reply, and end
//! the connection gently or abruptly.
//!
//! The server is built on `std::net` rather than an HTTP library because some of its faults
//! need the socket itself. A *reset* must close the connection with a TCP RST, as a crashed
//! server or a middlebox does; a library that owns the socket can only close it politely (FIN),
//! which the client cannot tell from a body cut short. A *stall* must wait until the client
//! gives up, which means reading from the socket after the response has started. Both are a few
//! lines with the `TcpStream` in hand ([`Ending`]).
//!
//! The head is parsed by `httparse`, once, when its blank line has arrived: [`parse_head`] is a
//! pure function of the bytes, and [`read_head`] looks for the blank line only in the bytes
//! each read adds, so reading a head takes time linear in its size. What the server needs is
//! small: one request per connection (every response says `Connection: close`, as HTTP/1.1
//! allows), no request bodies, no chunked encoding; the headers are checked and ignored.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The longest request head read; anything longer is answered `431` and closed.
pub const MAX_HEAD: usize = 16 * 1024;

/// The most header lines a head may have; more are answered `431` too.
pub const MAX_HEADERS: usize = 64;

/// How long a client has to send its whole request head, however it trickles it: a deadline
/// from the connection's start, not renewed by each byte, so a client sending a byte now and
/// then cannot hold a connection (and its thread and descriptor) for ever.
pub const HEAD_DEADLINE: Duration = Duration::from_secs(10);

/// How long a stalled response waits for its client to give up before closing.
pub const STALL_LIMIT: Duration = Duration::from_secs(60);

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
    /// The head is longer than [`MAX_HEAD`], or has more than [`MAX_HEADERS`] lines: answer
    /// `431`.
    TooLarge,
    /// The head is not `METHOD /PATH HTTP/1.x` and well-formed headers: answer `400`.
    Malformed,
    /// The client closed, reset, or had not sent its head by [`HEAD_DEADLINE`]: there is no one
    /// to answer.
    Io(io::Error),
}

/// Reads one request from `stream`, giving up [`HEAD_DEADLINE`] after the call.
pub fn read_request(stream: &mut TcpStream) -> Result<Request, HeadError> {
    read_request_within(stream, HEAD_DEADLINE)
}

/// [`read_request`] with a deadline of `limit` from now.
pub fn read_request_within(stream: &mut TcpStream, limit: Duration) -> Result<Request, HeadError> {
    let mut reader = Deadline {
        stream,
        deadline: Instant::now() + limit,
    };
    parse_head(&read_head(&mut reader)?)
}

/// A stream whose reads all end by one deadline: each read waits only for the time left.
struct Deadline<'a> {
    stream: &'a mut TcpStream,
    deadline: Instant,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        // A socket read that times out says `WouldBlock` on Unix: it is the deadline passing.
        self.stream
            .read(buffer)
            .map_err(|error| match error.kind() {
                io::ErrorKind::WouldBlock => io::ErrorKind::TimedOut.into(),
                _ => error,
            })
    }
}

/// Reads a request head, up to and including the blank line that ends it. Bytes after the blank
/// line (a body, a second request) are not part of it: those that came in the same read are
/// dropped, and [`deliver`] drains the rest when it closes the connection.
pub fn read_head(reader: &mut impl Read) -> Result<Vec<u8>, HeadError> {
    const END: &[u8] = b"\r\n\r\n";
    let mut head = Vec::with_capacity(512);
    let mut chunk = [0u8; 1024];
    loop {
        let n = reader.read(&mut chunk).map_err(HeadError::Io)?;
        if n == 0 {
            return Err(HeadError::Io(io::ErrorKind::UnexpectedEof.into()));
        }
        // The blank line may straddle two reads: look from three bytes before the new ones.
        let from = head.len().saturating_sub(END.len() - 1);
        head.extend_from_slice(&chunk[..n]);
        if let Some(at) = head[from..].windows(END.len()).position(|w| w == END) {
            head.truncate(from + at + END.len());
            return Ok(head);
        }
        if head.len() > MAX_HEAD {
            return Err(HeadError::TooLarge);
        }
    }
}

/// Parses a whole request head: `METHOD /PATH HTTP/1.x`, then headers, then a blank line.
pub fn parse_head(head: &[u8]) -> Result<Request, HeadError> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    match request.parse(head) {
        Ok(httparse::Status::Complete(_)) => {}
        Err(httparse::Error::TooManyHeaders) => return Err(HeadError::TooLarge),
        Ok(httparse::Status::Partial) | Err(_) => return Err(HeadError::Malformed),
    }
    match (request.method, request.path) {
        (Some(method), Some(path)) if path.starts_with('/') => Ok(Request {
            method: method.to_owned(),
            path: path.to_owned(),
        }),
        _ => Err(HeadError::Malformed),
    }
}

/// A response to send: a status, a body, and how much of the body goes out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The status code; its reason phrase is [`reason`]'s.
    pub status: u16,
    /// The `Content-Type`.
    pub content_type: &'static str,
    /// The body; its length is the `Content-Length`, whatever [`delivery`](Self::delivery) says.
    /// Empty when the body is [`file`](Self::file).
    pub body: Cow<'static, [u8]>,
    /// A file sent from disk as it is read, instead of `body`: a flags tree's file, which may be
    /// large, is never read whole into memory.
    pub file: Option<FileBody>,
    /// A `Location` header, for a redirect.
    pub location: Option<String>,
    /// The head alone, for a `HEAD` request.
    pub head_only: bool,
    /// Whether the body goes out whole.
    pub delivery: Delivery,
}

impl Reply {
    /// A whole reply, for `GET`.
    pub fn new(status: u16, content_type: &'static str, body: Cow<'static, [u8]>) -> Reply {
        Reply {
            status,
            content_type,
            body,
            file: None,
            location: None,
            head_only: false,
            delivery: Delivery::Whole,
        }
    }

    /// A whole reply whose body is the regular file `file`, streamed as it is sent.
    pub fn file(status: u16, content_type: &'static str, file: FileBody) -> Reply {
        Reply {
            file: Some(file),
            ..Reply::new(status, content_type, Cow::Borrowed(&[]))
        }
    }

    /// A whole `text/plain` reply.
    pub fn text(status: u16, text: String) -> Reply {
        Reply::new(status, "text/plain", text.into_bytes().into())
    }

    /// The `Content-Length`: the whole body's, whatever is sent of it.
    pub fn content_length(&self) -> u64 {
        self.file
            .as_ref()
            .map_or(self.body.len() as u64, |file| file.len)
    }
}

/// A regular file to send, found inside the served tree (`files.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileBody {
    /// Its real path, every link resolved.
    pub path: PathBuf,
    /// Its length when it was found: what the head promises.
    pub len: u64,
}

impl FileBody {
    /// Opens it for sending, refusing what is no longer a regular file of that length. The open
    /// does not wait: a FIFO put in its place since it was found is refused, not waited on.
    fn open(&self) -> io::Result<File> {
        let mut options = File::options();
        options.read(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(nix::fcntl::OFlag::O_NONBLOCK.bits());
        }
        let file = options.open(&self.path)?;
        let metadata = file.metadata()?;
        if !metadata.is_file() || metadata.len() != self.len {
            return Err(io::Error::other("the file changed since it was found"));
        }
        Ok(file)
    }
}

/// How much of a body is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// All of it, then a polite close.
    Whole,
    /// The first half, then the connection ends this way (a fault).
    HalfThen(Ending),
}

/// How a connection ends after a cut-short body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// A normal close: the client sees the body end early.
    Close,
    /// A TCP reset: the client's next read fails with "connection reset by peer".
    Reset,
    /// Silence until the client gives up (at most [`STALL_LIMIT`]), then a close.
    Stall,
}

/// Sends `reply` on `stream`, then ends the connection as its delivery says. A client that
/// went away meanwhile is no concern of the other clients: the error is dropped.
pub fn deliver(mut stream: TcpStream, reply: &Reply) {
    let length = match (reply.head_only, reply.delivery) {
        (true, _) => 0,
        (false, Delivery::Whole) => reply.content_length(),
        (false, Delivery::HalfThen(_)) => reply.content_length() / 2,
    };
    let file = match &reply.file {
        Some(file) => match file.open() {
            Ok(opened) => Some(opened),
            // Found a moment ago, gone or changed now: end the connection, sending nothing.
            Err(_) => return,
        },
        None => None,
    };
    let sent = stream.write_all(head(reply).as_bytes()).and_then(|()| {
        match file {
            Some(file) => io::copy(&mut file.take(length), &mut stream).map(drop),
            None => stream.write_all(&reply.body[..length as usize]),
        }
        .and_then(|()| stream.flush())
    });
    if sent.is_err() {
        return;
    }
    match reply.delivery {
        Delivery::Whole | Delivery::HalfThen(Ending::Close) => close(stream),
        Delivery::HalfThen(Ending::Reset) => reset(stream),
        Delivery::HalfThen(Ending::Stall) => {
            wait_for_client_to_leave(&stream, STALL_LIMIT);
            close(stream);
        }
    }
}

/// The status line and headers of `reply`, its `Content-Length` the whole body's.
pub fn head(reply: &Reply) -> String {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reason(reply.status),
        reply.content_type,
        reply.content_length()
    );
    if let Some(location) = &reply.location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    head.push_str("\r\n");
    head
}

/// Closes the connection the polite way: FIN, then read what the client still sends until it
/// closes too. Closing a socket that has unread bytes makes the kernel send a RST, which can
/// destroy a response the client has not read yet (a request body we ignored would do it).
fn close(stream: TcpStream) {
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

/// Closes the connection abruptly: the kernel sends a TCP RST instead of a FIN. `SO_LINGER`
/// with a zero timeout is the standard way to ask for it; without it (off Unix) the close is a
/// plain one.
fn reset(stream: TcpStream) {
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
fn wait_for_client_to_leave(stream: &TcpStream, limit: Duration) {
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

    #[test]
    fn a_trickling_head_is_cut_off_at_its_deadline_however_often_bytes_come() {
        use std::net::TcpListener;
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, Ordering};
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let done = Arc::new(AtomicBool::new(false));
        let trickling = {
            let done = Arc::clone(&done);
            std::thread::spawn(move || {
                let mut client = TcpStream::connect(address).unwrap();
                // A byte every 20 ms, never the blank line: each read gets something in time.
                while !done.load(Ordering::SeqCst) && client.write_all(b"G").is_ok() {
                    std::thread::sleep(Duration::from_millis(20));
                }
            })
        };
        let (mut stream, _) = listener.accept().unwrap();
        let started = Instant::now();
        let outcome = read_request_within(&mut stream, Duration::from_millis(300));
        done.store(true, Ordering::SeqCst);
        drop(stream);
        trickling.join().unwrap();
        match outcome {
            Err(HeadError::Io(error)) => assert_eq!(error.kind(), io::ErrorKind::TimedOut),
            other => panic!("{other:?}"),
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    }

    /// What `read_head` and `parse_head` make of `raw`, arriving `chunk` bytes per read.
    fn parse(raw: &[u8], chunk: usize) -> Result<Request, HeadError> {
        /// A reader that hands out at most `chunk` bytes per read, as a socket may.
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(self.1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        parse_head(&read_head(&mut Trickle(raw, chunk))?)
    }

    #[test]
    fn a_request_line_gives_the_method_and_the_path() {
        let request = parse(b"GET /flags/br/br.gif HTTP/1.1\r\nHost: x\r\n\r\n", 1024).unwrap();
        assert_eq!(request.method, "GET");
        assert_eq!(request.path, "/flags/br/br.gif");
        let head = parse(b"HEAD /stats?x=1 HTTP/1.0\r\n\r\n", 1024).unwrap();
        assert_eq!(
            (head.method.as_str(), head.path.as_str()),
            ("HEAD", "/stats?x=1")
        );
    }

    #[test]
    fn a_blank_line_split_between_reads_still_ends_the_head() {
        for chunk in 1..8 {
            let request = parse(b"GET /flags/cn/cn.gif HTTP/1.1\r\nHost: x\r\n\r\n", chunk);
            assert_eq!(
                request.unwrap().path,
                "/flags/cn/cn.gif",
                "{chunk} bytes a read"
            );
        }
    }

    #[test]
    fn the_head_ends_at_its_blank_line() {
        let raw = b"POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello";
        let head = read_head(&mut &raw[..]).unwrap();
        assert_eq!(head, b"POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\n");
    }

    #[test]
    fn a_malformed_or_cut_head_is_an_error() {
        assert!(matches!(
            parse(b"hello\r\n\r\n", 1024),
            Err(HeadError::Malformed)
        ));
        assert!(matches!(
            parse(b"GET /x HTTP/2.0\r\n\r\n", 1024),
            Err(HeadError::Malformed)
        ));
        assert!(matches!(
            parse(b"GET x HTTP/1.1\r\n\r\n", 1024),
            Err(HeadError::Malformed)
        ));
        assert!(matches!(
            parse(b"GET /x HTTP/1.1\r\nno colon here\r\n\r\n", 1024),
            Err(HeadError::Malformed)
        ));
        assert!(matches!(parse(b"GET /x HT", 1024), Err(HeadError::Io(_))));
    }

    #[test]
    fn a_huge_head_is_too_large() {
        let mut raw = b"GET /".to_vec();
        raw.extend(std::iter::repeat_n(b'a', MAX_HEAD + 10));
        assert!(matches!(parse(&raw, 1024), Err(HeadError::TooLarge)));
    }

    #[test]
    fn too_many_headers_are_too_large() {
        let mut raw = b"GET / HTTP/1.1\r\n".to_vec();
        for n in 0..=MAX_HEADERS {
            raw.extend(format!("X-{n}: y\r\n").bytes());
        }
        raw.extend(b"\r\n");
        assert!(matches!(parse(&raw, 1024), Err(HeadError::TooLarge)));
    }

    #[test]
    fn a_head_promises_the_whole_body_and_names_a_redirect() {
        let reply = Reply {
            location: Some("/moved/flags/br/br.gif".into()),
            delivery: Delivery::HalfThen(Ending::Close),
            ..Reply::text(302, "302 Found\n".into())
        };
        assert_eq!(
            head(&reply),
            "HTTP/1.1 302 Found\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\
             Connection: close\r\nLocation: /moved/flags/br/br.gif\r\n\r\n"
        );
    }
}
