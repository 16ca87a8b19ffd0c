//! A task's panic is its exception.
//!
//! Python mirrored: in `concurrent.futures.thread._WorkItem.run`, any `BaseException` raised by the
//! callable is caught and stored with `future.set_exception(exc)`; nothing is printed, and the
//! exception comes back when someone calls `future.result()`.
//!
//! Rust's nearest thing to "raising" is panicking, so a worker runs each task inside
//! [`std::panic::catch_unwind`]. Two details make that behave like Python:
//!
//! * **The message is taken out at catch time.** A panic's payload is a `Box<dyn Any + Send>`,
//!   which a debugger shows as two pointers and which cannot be cloned. We turn it into a
//!   [`Panic`] holding plain `String`s (message, source location, thread name) while we still
//!   have it, so the future can hand the same error back on every `result()` call.
//! * **Nothing is printed when the task panics.** `catch_unwind` does not stop Rust's default panic
//!   hook from printing `thread '...' panicked at ...` on stderr. Python prints nothing until
//!   `result()` is called, and the demos' output must stay clean, so the first time a panic is
//!   caught here we install a process-wide hook that stays silent for panics inside
//!   [`catch_panic`] (recording their location instead) and hands every other panic to the hook
//!   that was installed before. If a program later replaces the hook with its own
//!   (`std::panic::set_hook`), task panics are printed again by that hook; they are still caught
//!   and stored. A task that catches its own panics with `catch_unwind` is silenced too, since it
//!   runs inside ours. With `panic = "abort"` nothing can be caught and a panicking task ends the
//!   process, as it would anywhere else in Rust.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

/// A caught panic, kept as plain text: the Rust form of the exception a Python task raised.
///
/// It is what [`Error::Panic`](crate::Error::Panic) carries, so `future.result()` on a task that
/// panicked gives `Err(Error::Panic(panic))`. `Display` shows the message alone, like `str(exc)`
/// in Python; `Debug` shows where the panic happened and in which thread.
///
/// ```
/// use executor::{Error, ThreadPoolExecutor};
///
/// let pool = ThreadPoolExecutor::builder().max_workers(1).thread_name_prefix("worker").build().unwrap();
/// let future = pool.submit(|| -> u32 { panic!("division by zero") }).unwrap();
/// match future.result() {
///     Err(Error::Panic(panic)) => {
///         assert_eq!(panic.message(), "division by zero");
///         assert_eq!(panic.thread(), Some("worker_0"));
///         assert!(panic.location().unwrap().contains(".rs:"));
///     }
///     other => panic!("expected a panic, got {other:?}"),
/// }
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Panic(Box<PanicText>);

/// What a [`Panic`] keeps, boxed so that every future's outcome slot stays small: a future
/// reserves room for an error whether or not its task fails.
#[derive(Clone, PartialEq, Eq)]
struct PanicText {
    message: String,
    location: Option<String>,
    thread: Option<String>,
}

impl Panic {
    /// Builds a panic record by hand, e.g. to hand to [`Future::set_exception`](crate::Future::set_exception)
    /// in a test.
    ///
    /// ```
    /// let panic = executor::Panic::new("boom");
    /// assert_eq!(panic.to_string(), "boom");
    /// assert_eq!(panic.location(), None);
    /// ```
    pub fn new(message: impl Into<String>) -> Self {
        Panic(Box::new(PanicText {
            message: message.into(),
            location: None,
            thread: None,
        }))
    }

    /// The panic's message: the text given to `panic!`, or, for a payload that is not a string
    /// (`std::panic::panic_any`), `Box<dyn Any> holding ...` with what can be said of it.
    ///
    /// ```
    /// assert_eq!(executor::Panic::new("boom").message(), "boom");
    /// ```
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// Where the panic happened, as `file:line:column`, when it was caught by the executor.
    ///
    /// ```
    /// assert_eq!(executor::Panic::new("boom").location(), None);
    /// ```
    pub fn location(&self) -> Option<&str> {
        self.0.location.as_deref()
    }

    /// The name of the thread that panicked (a worker's name, such as `ThreadPoolExecutor-0_1`).
    ///
    /// ```
    /// assert_eq!(executor::Panic::new("boom").thread(), None);
    /// ```
    pub fn thread(&self) -> Option<&str> {
        self.0.thread.as_deref()
    }
}

impl fmt::Display for Panic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl fmt::Debug for Panic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "panic")?;
        if let Some(thread) = &self.0.thread {
            write!(f, " in thread '{thread}'")?;
        }
        if let Some(location) = &self.0.location {
            write!(f, " at {location}")?;
        }
        write!(f, ": {:?}", self.0.message)
    }
}

impl std::error::Error for Panic {}

thread_local! {
    /// True while this thread runs code inside [`catch_panic`]: our hook then stays silent.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    /// Where the last silenced panic on this thread happened, for [`catch_panic`] to pick up.
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

static INSTALL_HOOK: Once = Once::new();

/// Installs, once per process, the hook that keeps caught task panics quiet.
fn install_quiet_hook() {
    INSTALL_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let catching = CATCHING.try_with(Cell::get).unwrap_or(false);
            if catching {
                let location = info.location().map(|l| l.to_string());
                let _ = LOCATION.try_with(|slot| *slot.borrow_mut() = location);
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `f`, turning a panic into a [`Panic`] value instead of unwinding further.
///
/// This is the `try: ... except BaseException as exc:` around a task's call.
///
/// Under loom nothing is caught: a panic is how loom reports a failed assertion, a deadlock or
/// a model too big to explore, and catching one here would hide it. (loom's threads also share
/// one OS thread, and so the thread-locals the quiet hook relies on.) Models use tasks that
/// return.
pub(crate) fn catch_panic<R>(f: impl FnOnce() -> R) -> Result<R, Panic> {
    if cfg!(loom) {
        return Ok(f());
    }
    install_quiet_hook();
    let was_catching = CATCHING.replace(true);
    let outcome = panic::catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let panic = Panic(Box::new(PanicText {
            message: payload_message(payload.as_ref()),
            location: LOCATION.take(),
            thread: std::thread::current().name().map(str::to_owned),
        }));
        drop_payload(payload);
        LOCATION.take(); // where a payload's `Drop` panicked, if it did: not this panic's
        panic
    });
    CATCHING.set(was_catching);
    outcome
}

/// Drops a caught panic's payload without letting a panic in its `Drop` escape: that second
/// panic is caught too, and its payload dropped the same way. Python completes the future
/// whatever the exception object does; so must we, or the worker would die with the future
/// left pending. A payload that keeps panicking as it drops is leaked after a few tries.
fn drop_payload(mut payload: Box<dyn Any + Send>) {
    for _ in 0..8 {
        match panic::catch_unwind(AssertUnwindSafe(move || drop(payload))) {
            Ok(()) => return,
            Err(next) => payload = next,
        }
    }
    std::mem::forget(payload);
}

/// The text of a panic payload: `panic!("literal")` gives a `&str`, `panic!("{x}")` a `String`.
/// `std::panic::panic_any` may throw anything: a number or a `bool` is shown with its type
/// (`Box<dyn Any> holding u8: 3`); of any other type the payload can only say that it is none
/// of these, since a `dyn Any` does not know its type's name.
fn payload_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        return (*text).to_owned();
    }
    if let Some(text) = payload.downcast_ref::<String>() {
        return text.clone();
    }
    macro_rules! shown_with_type {
        ($($type:ty),*) => {$(
            if let Some(value) = payload.downcast_ref::<$type>() {
                return format!("Box<dyn Any> holding {}: {value:?}", stringify!($type));
            }
        )*};
    }
    shown_with_type!(
        i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize
    );
    shown_with_type!(f32, f64, bool, char, Box<str>, std::io::Error);
    "Box<dyn Any> holding a value that is not a string or a number".to_owned()
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    #[test]
    fn a_caught_panic_keeps_its_message_and_location() {
        let caught = catch_panic(|| panic!("boom {}", 42)).unwrap_err();
        assert_eq!(caught.message(), "boom 42");
        assert!(caught.location().unwrap().contains("exception.rs"));
    }

    #[test]
    fn a_value_passes_through() {
        assert_eq!(catch_panic(|| 7).unwrap(), 7);
    }

    #[test]
    fn a_non_string_payload_says_what_it_holds() {
        let caught = catch_panic(|| std::panic::panic_any(3_u8)).unwrap_err();
        assert_eq!(caught.message(), "Box<dyn Any> holding u8: 3");
        let caught = catch_panic(|| std::panic::panic_any(vec![1])).unwrap_err();
        assert_eq!(
            caught.message(),
            "Box<dyn Any> holding a value that is not a string or a number"
        );
    }

    /// A payload whose `Drop` panics, and whose second payload does too.
    struct PanicsWhenDropped(u32);

    impl Drop for PanicsWhenDropped {
        fn drop(&mut self) {
            if self.0 > 0 {
                std::panic::panic_any(PanicsWhenDropped(self.0 - 1));
            }
        }
    }

    #[test]
    fn a_payload_that_panics_as_it_drops_is_still_caught() {
        let caught = catch_panic(|| std::panic::panic_any(PanicsWhenDropped(2))).unwrap_err();
        assert!(caught.message().starts_with("Box<dyn Any> holding"));
        let endless = catch_panic(|| std::panic::panic_any(PanicsWhenDropped(u32::MAX)));
        assert!(endless.is_err());
    }
}
