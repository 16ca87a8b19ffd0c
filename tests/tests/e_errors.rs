//! Section E of the reference: every exception's message, word for word where Python has one,
//! and the Python class name a future's repr shows after `raised`.

use executor::{Error, Panic};

#[test]
fn pythons_messages_are_kept_word_for_word() {
    let cases = [
        (
            Error::Shutdown,
            "cannot schedule new futures after shutdown",
        ),
        (
            Error::BrokenThreadPool,
            "A thread initializer failed, the thread pool is not usable anymore",
        ),
        (
            Error::InvalidMaxWorkers,
            "max_workers must be greater than 0",
        ),
        (Error::InvalidBuffersize, "buffersize must be None or > 0"),
        (
            Error::InvalidThreadNamePrefix,
            "thread_name_prefix must not contain a NUL byte",
        ),
        (
            Error::UnexpectedState { state: "RUNNING" },
            "Future in unexpected state",
        ),
        (
            Error::Timeout {
                unfinished: Some((2, 4)),
            },
            "2 (of 4) futures unfinished",
        ),
    ];
    for (error, message) in cases {
        assert_eq!(error.to_string(), message);
    }
}

#[test]
fn invalid_state_reads_state_colon_repr() {
    let error = Error::InvalidState {
        state: "CANCELLED",
        repr: "<Future at 0x1 state=cancelled>".into(),
    };
    assert_eq!(
        error.to_string(),
        "CANCELLED: <Future at 0x1 state=cancelled>"
    );
}

#[test]
fn cancelled_and_timeout_say_what_happened_where_python_says_nothing() {
    assert_eq!(Error::Cancelled.to_string(), "the future was cancelled");
    assert_eq!(Error::Timeout { unfinished: None }.to_string(), "timed out");
}

#[test]
fn a_panic_displays_its_message_alone() {
    assert_eq!(
        Error::Panic(Panic::new("HTTP 404 - Not Found")).to_string(),
        "HTTP 404 - Not Found"
    );
}

#[test]
fn a_custom_error_keeps_its_source_text_and_type_name() {
    let error = Error::custom(std::io::Error::other("disk full"));
    assert_eq!(error.to_string(), "disk full");
    assert_eq!(error.python_name(), "Error");
}

#[test]
fn each_error_names_its_python_class() {
    let names = [
        (Error::Cancelled, "CancelledError"),
        (Error::Timeout { unfinished: None }, "TimeoutError"),
        (Error::Panic(Panic::new("x")), "panic"),
        (Error::BrokenThreadPool, "BrokenThreadPool"),
        (Error::Shutdown, "RuntimeError"),
        (Error::ThreadStart("no".into()), "RuntimeError"),
        (Error::UnexpectedState { state: "RUNNING" }, "RuntimeError"),
        (
            Error::InvalidState {
                state: "FINISHED",
                repr: String::new(),
            },
            "InvalidStateError",
        ),
        (Error::InvalidMaxWorkers, "ValueError"),
        (Error::InvalidBuffersize, "ValueError"),
        (Error::InvalidThreadNamePrefix, "ValueError"),
    ];
    for (error, name) in names {
        assert_eq!(error.python_name(), name, "{error:?}");
    }
}

#[test]
fn errors_are_cloneable_send_and_sync() {
    fn assert_traits<T: Clone + Send + Sync + std::error::Error + 'static>() {}
    assert_traits::<Error>();
    assert_traits::<Panic>();
}
