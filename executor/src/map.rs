//! `Executor.map`: call a function on every item, get the results back in input order.
//!
//! Python mirrored: `Executor.map(fn, *iterables, timeout=None, chunksize=1, buffersize=None)`
//! (`_base.py`, 3.14), the call the loiter demo makes:
//!
//! ```python
//! results = executor.map(loiter, range(8))   # returns at once
//! for i, result in enumerate(results):       # blocks on each result, in order
//!     display(f'result {i}: {result}')
//! ```
//!
//! How it works: `map` submits one task per item (all of them at once, unless `buffersize` is
//! set). Each `next()` waits for the oldest item not yet yielded, so results come back in the
//! order the items went in, however the tasks were interleaved: the loop blocks on a slow early
//! item even when later ones are done. That is the lesson of the loiter demo.
//!
//! * **timeout**: the deadline is counted from the `map` call. A `next()` that cannot get its
//!   result by then yields `Err(Error::Timeout { .. })`; a result already finished is returned
//!   even after the deadline.
//! * **buffersize** (3.14): only that many items are pulled from the input and submitted at the
//!   call; each `next()` then submits one more before waiting. Memory stays bounded, so the input
//!   may be endless.
//! * **The first failure ends the map** (3.13/3.14): the failing item's error is yielded, every
//!   item not yet yielded is cancelled (running ones finish), and the iterator ends. CPython's
//!   main branch keeps going after a failure instead; [`MapOptions::keep_going`] selects that.
//! * **Dropping the iterator** cancels the items it has not yielded yet, whether or not it was
//!   ever advanced. (CPython cancels them only if the generator was started; an unstarted one's
//!   tasks all run.)
//!
//! # No future per item
//!
//! Python's `map` is a list of `submit`s and a generator over their futures. Here the items
//! skip the future: a future is built to be shared, waited on by anyone, cancelled one by one
//! and called back, and `map` needs none of that. Each item's task sends `(index, outcome)` down
//! one channel, the iterator parks early arrivals in a queue in input order (a reorder buffer)
//! and yields from its front; one flag, set when the iteration ends, tells the tasks still
//! queued not to run, which is what cancelling their futures did. The function is shared by
//! all the tasks through one `Arc`. That halves what an item costs (`docs/benchmarks.md`) and
//! changes nothing a caller can see: each item is still a task of the pool, with its number,
//! its events, and the same errors at the same places. The value is moved out to the caller,
//! so `T` need not be `Clone` or `Sync`, and the iterator keeps no reference to a value it has
//! handed out (Python's `test_free_reference`).

use crate::blocking::{Awaited, Blocking, Needs, Origin, Wake};
use crate::errors::{Error, Outcome};
use crate::exception::catch_panic;
use crate::future::deadline_after;
use crate::sync::channel::{self, Receiver, RecvTimeoutError, Sender};
use crate::sync::{Arc, FutureArc, Ordering};
use crate::thread_pool_executor::ThreadPoolExecutor;
use crate::work_item::{Arrival, ItemTask, MapProgress, MapShared, WAKE_ONLY};
use std::collections::VecDeque;
use std::fmt;
use std::time::{Duration, Instant};

/// The optional arguments of [`ThreadPoolExecutor::map_with`].
///
/// ```
/// use executor::{MapOptions, ThreadPoolExecutor};
/// use std::time::Duration;
///
/// let executor = ThreadPoolExecutor::new(2).unwrap();
/// let options = MapOptions::new().timeout(Duration::from_secs(5)).buffersize(8);
/// let results = executor.map_with(|n: i32| n * 2, 1..=3, options).unwrap();
/// assert_eq!(results.collect::<Result<Vec<_>, _>>().unwrap(), [2, 4, 6]);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[must_use]
pub struct MapOptions {
    timeout: Option<Duration>,
    buffersize: Option<usize>,
    keep_going: bool,
}

impl MapOptions {
    /// No timeout, every item submitted at once, stop at the first failure: Python's defaults.
    ///
    /// ```
    /// assert_eq!(executor::MapOptions::new(), executor::MapOptions::default());
    /// ```
    pub fn new() -> Self {
        MapOptions::default()
    }

    /// Python's `timeout=`: a deadline for the whole iteration, counted from the `map` call.
    ///
    /// ```
    /// use executor::{MapOptions, ThreadPoolExecutor};
    /// use std::sync::{mpsc, Mutex};
    /// use std::time::Duration;
    ///
    /// let executor = ThreadPoolExecutor::new(1).unwrap();
    /// let (release, gate) = mpsc::channel::<()>();
    /// let gate = Mutex::new(gate);
    /// let options = MapOptions::new().timeout(Duration::ZERO);
    /// let mut results = executor
    ///     .map_with(move |n: i32| { let _ = gate.lock().unwrap().recv(); n }, [1], options)
    ///     .unwrap();
    /// assert!(results.next().unwrap().unwrap_err().is_timeout()); // the call is still waiting
    /// assert!(results.next().is_none()); // a timeout ends the iteration
    /// drop(release); // lets the call return, so the executor can shut down
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Python 3.14's `buffersize=`: at most this many items submitted ahead of the consumer.
    /// Zero is an error at the `map_with` call.
    ///
    /// ```
    /// use executor::{MapOptions, ThreadPoolExecutor};
    ///
    /// let executor = ThreadPoolExecutor::new(2).unwrap();
    /// let endless = executor.map_with(|n: u64| n + 1, 0.., MapOptions::new().buffersize(4)).unwrap();
    /// let first: Vec<u64> = endless.take(3).map(Result::unwrap).collect();
    /// assert_eq!(first, [1, 2, 3]);
    /// ```
    pub fn buffersize(mut self, buffersize: usize) -> Self {
        self.buffersize = Some(buffersize);
        self
    }

    /// CPython's newer behaviour (after 3.14): a failing item yields its error and the iteration
    /// goes on with the next items. A timeout still ends it.
    ///
    /// ```
    /// use executor::{MapOptions, ThreadPoolExecutor};
    ///
    /// let executor = ThreadPoolExecutor::new(2).unwrap();
    /// let options = MapOptions::new().keep_going(true);
    /// let call = |n: i32| if n == 1 { panic!("no ones") } else { n };
    /// let mut results = executor.map_with(call, 0..3, options).unwrap();
    /// assert_eq!(results.next().unwrap().unwrap(), 0);
    /// assert!(results.next().unwrap().is_err()); // item 1 panicked...
    /// assert_eq!(results.next().unwrap().unwrap(), 2); // ...and the map went on
    /// ```
    pub fn keep_going(mut self, keep_going: bool) -> Self {
        self.keep_going = keep_going;
        self
    }
}

/// Asyncio's "Future exception was never retrieved" for an item of a map, when the pool asked
/// for it ([`Builder::report_never_retrieved`](crate::Builder::report_never_retrieved)): the
/// item's call panicked and the iterator will never yield it (it stopped, or was dropped). The
/// item has no future to report; its place in the input says which it was.
pub(crate) fn report_unseen<T>(pool: &Blocking, index: usize, outcome: &Outcome<T>) {
    if let (true, Err(error)) = (pool.report_never_retrieved, outcome)
        && let Error::Panic(_) = **error
    {
        let text = format!(
            "Future exception was never retrieved\nfuture: item {index} of a map ({})\n\
             panic: {error}\n",
            pool.name()
        );
        // Never panic here: this runs as outcomes are dropped, even with stderr closed.
        let _ = std::io::Write::write_all(&mut std::io::stderr(), text.as_bytes());
    }
}

/// The most bytes `map` reserves for its buffer at the call, whatever the input's size hint.
const MAX_RESERVED_BYTES: usize = 4 << 20;

/// An item submitted and not yet yielded: a place in the reorder buffer.
enum Item<T> {
    /// Its outcome has not arrived: the item's task number, for the waits reported.
    Awaited { task: u64 },
    /// Its outcome, received, waiting for its turn.
    Arrived(Outcome<T>),
}

/// Submits the next input item, for buffered maps: its task number, or `None` once the input
/// is exhausted.
type Refill<'a> = Box<dyn FnMut() -> Option<Result<u64, Error>> + 'a>;

/// The iterator `map` returns: `Ok(value)` per item in input order, or the error that ended it.
///
/// ```
/// use executor::{Error, ThreadPoolExecutor};
///
/// let executor = ThreadPoolExecutor::new(2).unwrap();
/// let mut results = executor
///     .map(|n: i32| if n == 2 { panic!("no twos") } else { n * 10 }, 1..=4)
///     .unwrap();
/// assert_eq!(results.next().unwrap().unwrap(), 10);
/// assert!(matches!(results.next().unwrap(), Err(Error::Panic(_)))); // the first failure...
/// assert!(results.next().is_none()); // ...ends the iteration; 3 and 4 were cancelled or discarded
/// ```
pub struct Map<'a, T> {
    /// The items submitted and not yet yielded, in input order: the reorder buffer.
    pending: VecDeque<Item<T>>,
    /// The input index of `pending`'s front.
    next_index: usize,
    /// Where the items' outcomes arrive, in the order their calls end; `None` once the
    /// iteration has ended, so that calls still running drop their values where they ran.
    results: Option<Receiver<Arrival<T>>>,
    /// The sending end, kept for the starvation check to wake `next()` with (it also keeps the
    /// channel open, so a receive waits rather than failing).
    sender: Sender<Arrival<T>>,
    /// How many outcomes `results` has handed over (arrivals to wake `next()` not counted).
    received: usize,
    /// Shared with the items' tasks: which are still wanted, how many outcomes were sent.
    progress: Arc<MapProgress>,
    /// Buffered mode: submits one more item.
    refill: Option<Refill<'a>>,
    /// From `timeout`, counted from the `map` call.
    deadline: Option<Instant>,
    /// Go on after a failing item.
    keep_going: bool,
    /// The pool, told when `next()` sleeps.
    executor: &'a ThreadPoolExecutor,
    /// Makes the starvation check's handle on the item `next()` waits for. Built in
    /// [`map_with`](ThreadPoolExecutor::map_with), where `T: Send + 'static` is known, so that
    /// iterating needs no bounds on `T`.
    erase: fn(AwaitedItem<T>) -> Box<dyn Awaited>,
}

impl ThreadPoolExecutor {
    /// `executor.map(f, items)`: runs `f` on every item on the pool and returns an iterator of
    /// the results in input order. Every item is submitted before this returns.
    ///
    /// Python's `map` takes several iterables and zips them; zip them yourself here
    /// (`a.into_iter().zip(b)`). Fails with [`Error::Shutdown`] after shutdown (if there is at
    /// least one item).
    ///
    /// ```
    /// let executor = executor::ThreadPoolExecutor::new(4).unwrap();
    /// let results: Vec<i32> = executor
    ///     .map(|n: i32| n.abs(), -5..5)
    ///     .unwrap()
    ///     .collect::<Result<_, _>>()
    ///     .unwrap();
    /// assert_eq!(results, [5, 4, 3, 2, 1, 0, 1, 2, 3, 4]);
    /// ```
    pub fn map<'a, I, F, T>(&'a self, f: F, items: I) -> Result<Map<'a, T>, Error>
    where
        I: IntoIterator,
        I::IntoIter: 'a,
        I::Item: Send + 'static,
        F: Fn(I::Item) -> T + Send + Sync + 'static,
        T: Send + 'static,
    {
        self.map_with(f, items, MapOptions::default())
    }

    /// `map` with Python's keyword arguments: `timeout`, `buffersize`, and the newer
    /// keep-going behaviour. See [`MapOptions`].
    ///
    /// ```
    /// use executor::{MapOptions, ThreadPoolExecutor};
    ///
    /// let executor = ThreadPoolExecutor::new(2).unwrap();
    /// // An endless input is fine with a buffer: only 4 items are ever submitted ahead.
    /// let squares = executor.map_with(|n: u64| n * n, 0.., MapOptions::new().buffersize(4)).unwrap();
    /// let first: Vec<u64> = squares.take(5).map(Result::unwrap).collect();
    /// assert_eq!(first, [0, 1, 4, 9, 16]);
    /// ```
    pub fn map_with<'a, I, F, T>(
        &'a self,
        f: F,
        items: I,
        options: MapOptions,
    ) -> Result<Map<'a, T>, Error>
    where
        I: IntoIterator,
        I::IntoIter: 'a,
        I::Item: Send + 'static,
        F: Fn(I::Item) -> T + Send + Sync + 'static,
        T: Send + 'static,
    {
        if options.buffersize == Some(0) {
            return Err(Error::InvalidBuffersize);
        }
        let deadline = options.timeout.and_then(deadline_after);
        let (sender, results) = channel::unbounded();
        let progress = Arc::new(MapProgress::new());
        let pool = Arc::clone(self.blocking());
        let shared = Arc::new(MapShared::new(
            f,
            sender.clone(),
            Arc::clone(&progress),
            pool,
        ));
        let mut items = items.into_iter().enumerate();
        let size_hint = items.size_hint().0;
        let mut submit_next =
            move || {
                let (index, item) = items.next()?;
                let shared = Arc::clone(&shared);
                Some(self.submit_job(move |task| {
                    FutureArc::new(ItemTask::new(task, index, item, shared))
                }))
            };
        let initial = options.buffersize.unwrap_or(usize::MAX);
        // Room for what the input says it holds, so the buffer does not grow by doubling (up to
        // a few megabytes: beyond that, doubling costs little next to the items themselves).
        let at_most = MAX_RESERVED_BYTES / std::mem::size_of::<Item<T>>().max(1);
        let mut pending = VecDeque::with_capacity(initial.min(size_hint).min(at_most));
        let mut refill: Option<Refill<'a>> = None;
        while pending.len() < initial {
            match submit_next() {
                Some(Ok(task)) => pending.push_back(Item::Awaited { task }),
                // As when Python's list of submits raises: the calls already submitted still
                // run, with nobody to hear of them (no `Map`, so nothing cancels them).
                Some(Err(error)) => return Err(error),
                None => break,
            }
        }
        if pending.len() == initial {
            refill = Some(Box::new(submit_next));
        }
        Ok(Map {
            pending,
            next_index: 0,
            results: Some(results),
            sender,
            received: 0,
            progress,
            refill,
            deadline,
            keep_going: options.keep_going,
            executor: self,
            erase: |item| Box::new(item),
        })
    }
}

impl<T> Map<'_, T> {
    /// Cancels everything not yet yielded and ends the iteration. The items' tasks still in the
    /// queue see the flag when a worker takes them, and are not run: what cancelling their
    /// futures did in Python. Those running finish, and drop their outcomes where they ran:
    /// the channel's receiving end goes too.
    fn stop(&mut self) {
        self.refill = None;
        self.progress
            .cancelled_below
            .store(usize::MAX, Ordering::Release);
        self.give_up_outcomes();
    }

    /// Drops the outcomes that arrived and will never be yielded, and the channel, saying so
    /// for a panic if the pool asked for it ([`report_unseen`]).
    fn give_up_outcomes(&mut self) {
        let blocking = self.executor.blocking();
        let first = self.next_index;
        for (at, item) in self.pending.drain(..).enumerate() {
            if let Item::Arrived(outcome) = &item {
                report_unseen(blocking, first + at, outcome);
            }
        }
        if let Some(results) = self.results.take() {
            for arrival in results.try_iter() {
                report_unseen(blocking, arrival.index, &arrival.outcome);
            }
        }
    }

    /// Puts an arrived outcome in its place. One whose item was already given up is dropped
    /// (a panic in its `Drop` caught and reported, as a worker would).
    fn place(&mut self, arrival: Arrival<T>) {
        if arrival.index == WAKE_ONLY {
            return;
        }
        self.received += 1;
        let at = arrival.index.checked_sub(self.next_index);
        match at.and_then(|at| self.pending.get_mut(at)) {
            Some(item) => *item = Item::Arrived(arrival.outcome),
            None => {
                let index = arrival.index;
                report_unseen(self.executor.blocking(), index, &arrival.outcome);
                if let Err(panic) = catch_panic(move || drop(arrival)) {
                    eprintln!("exception dropping the outcome of item {index} of a map: {panic}");
                }
            }
        }
    }

    /// What the starvation check looks at while `next()` waits for the front item, task
    /// number `task`.
    fn awaited(&self, task: u64) -> Option<Vec<Box<dyn Awaited>>> {
        let item = AwaitedItem {
            origin: Origin {
                task,
                pool: Arc::clone(self.executor.blocking()),
            },
            index: self.next_index,
            progress: Arc::clone(&self.progress),
            received: self.received,
            wake: self.sender.clone(),
        };
        Some(vec![(self.erase)(item)])
    }

    /// Whether the front item's outcome is here.
    fn front_arrived(&self) -> bool {
        matches!(self.pending.front(), Some(Item::Arrived(_)))
    }

    /// Waits for the front item's outcome and takes it out of the buffer.
    fn take_front(&mut self) -> Result<T, Error> {
        // First what has already arrived, without sleeping: a result that is in is returned
        // even after the deadline.
        while !self.front_arrived() {
            let Some(Ok(arrival)) = self.results.as_ref().map(Receiver::try_recv) else {
                break;
            };
            self.place(arrival);
        }
        if !self.front_arrived() {
            self.sleep_for_front()?;
        }
        self.next_index += 1;
        match self.pending.pop_front() {
            Some(Item::Arrived(outcome)) => outcome.map_err(|error| *error),
            // `sleep_for_front` returns `Ok` only once the front has arrived.
            Some(Item::Awaited { .. }) | None => Err(Error::Cancelled),
        }
    }

    /// Sleeps until the front item's outcome arrives, the deadline passes, or the pool's
    /// starvation check ends the wait, telling the pool first (`blocking.rs`). A wait that
    /// fails gives up the front item: its call is not run if it has not started (Python's
    /// `_result_or_cancel`).
    #[inline(never)]
    fn sleep_for_front(&mut self) -> Result<(), Error> {
        let task = match self.pending.front() {
            Some(Item::Awaited { task }) => *task,
            _ => return Ok(()),
        };
        let Some(results) = self.results.clone() else {
            return Err(Error::Cancelled);
        };
        let blocking = self.executor.blocking();
        let call = ("next(map)", Needs::Any);
        let untimed = self.deadline.is_none();
        let blocked = Blocking::begin_wait(
            blocking,
            call,
            untimed,
            || self.awaited(task),
            Wake::Awaited,
        );
        let slept = loop {
            // First, as in `result()`: a wait the check ended gets its error.
            if let Some(deadlock) = blocked.as_ref().and_then(|blocked| blocked.deadlock()) {
                break Err(deadlock);
            }
            let arrival = match self.deadline {
                None => results.recv().map_err(|_| Error::Cancelled),
                Some(deadline) => (results.recv_deadline(deadline)).map_err(|e| match e {
                    RecvTimeoutError::Timeout => Error::Timeout { unfinished: None },
                    RecvTimeoutError::Disconnected => Error::Cancelled,
                }),
            };
            match arrival {
                Ok(arrival) => self.place(arrival),
                Err(error) => break Err(error),
            }
            if self.front_arrived() {
                break Ok(());
            }
            // Another item's outcome: the check may have counted this wait as about to end,
            // so it looks again, at what this wait still needs.
            if let Some(blocked) = &blocked {
                blocked.watch_again(|| self.awaited(task));
            }
        };
        if let Some(blocked) = blocked {
            blocked.end(task, slept.is_ok());
        }
        if slept.is_err() {
            (self.progress.cancelled_below).fetch_max(self.next_index + 1, Ordering::AcqRel);
            self.next_index += 1;
            self.pending.pop_front();
        }
        slept
    }
}

impl<T> Iterator for Map<'_, T> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        // Buffered mode: keep the buffer full, then wait for the oldest.
        if let Some(refill) = &mut self.refill {
            match refill() {
                Some(Ok(task)) => self.pending.push_back(Item::Awaited { task }),
                Some(Err(error)) => {
                    self.stop();
                    return Some(Err(error));
                }
                None => self.refill = None,
            }
        }
        if self.pending.is_empty() {
            return None;
        }
        match self.take_front() {
            Ok(value) => Some(Ok(value)),
            Err(error) => {
                if error.is_timeout() || !self.keep_going {
                    self.stop();
                }
                Some(Err(error))
            }
        }
    }
}

impl<T> Drop for Map<'_, T> {
    fn drop(&mut self) {
        self.refill = None;
        self.progress
            .cancelled_below
            .store(usize::MAX, Ordering::Release);
        self.give_up_outcomes();
    }
}

/// A step of `map` waiting for one item, as the starvation check sees it.
struct AwaitedItem<T> {
    /// The item's task and its pool.
    origin: Origin,
    /// Its place in the input.
    index: usize,
    /// How many outcomes the map's items have sent, and how many of them the waiting `next()`
    /// had received when it began this wait.
    progress: Arc<MapProgress>,
    received: usize,
    /// The same channel's sending end, to wake the `next()` the check ends.
    wake: Sender<Arrival<T>>,
}

impl<T: Send + 'static> Awaited for AwaitedItem<T> {
    /// Whether an item has sent its outcome since the waiting `next()` began this wait. It may
    /// be another item's; then the wait is about to wake and look (and, if it must sleep again,
    /// to be looked at again), so it is not stuck: the check errs on the side of silence. The
    /// count only grows, so once done a wait stays done, as a future does. If no outcome was
    /// sent since, the item's call has not ended.
    fn is_done(&self) -> bool {
        self.progress.outcomes_sent.0.load(Ordering::Acquire) > self.received
    }

    fn origin(&self) -> Option<&Origin> {
        Some(&self.origin)
    }

    fn describe(&self) -> String {
        format!("task {} (item {} of the map)", self.origin.task, self.index)
    }

    fn wake(&self) {
        let outcome = Err(Box::new(Error::Cancelled));
        let _ = self.wake.send(Arrival {
            index: WAKE_ONLY,
            outcome,
        });
    }
}

/// What the loiter demo prints for `results`: Python shows
/// `<generator object Executor.map.<locals>.result_iterator at 0x...>`, we show how many results
/// the iterator has still to yield, e.g. `<executor::Map: 8 results not yet yielded>`, whether
/// their calls are queued, running or done (`loiter(0)` may be done by the time it prints).
impl<T> fmt::Display for Map<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let buffered = if self.refill.is_some() {
            ", more to submit"
        } else {
            ""
        };
        write!(
            f,
            "<executor::Map: {} results not yet yielded{buffered}>",
            self.pending.len()
        )
    }
}

impl<T> fmt::Debug for Map<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Map")
            .field("pending", &self.pending.len())
            .field("buffered", &self.refill.is_some())
            .field("deadline", &self.deadline)
            .field("keep_going", &self.keep_going)
            .finish()
    }
}
