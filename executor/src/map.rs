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
//! set) and keeps their futures in a queue in input order. Each `next()` takes the oldest future
//! and waits for it, so results come back in the order the items went in, however the tasks
//! were interleaved: the loop blocks on a slow early item even when later ones are done. That
//! is the lesson of the loiter demo.
//!
//! * **timeout**: the deadline is counted from the `map` call. A `next()` that cannot get its
//!   result by then yields `Err(Error::Timeout { .. })`; a result already finished is returned
//!   even after the deadline.
//! * **buffersize** (3.14): only that many items are pulled from the input and submitted at the
//!   call; each `next()` then submits one more before waiting. Memory stays bounded, so the input
//!   may be endless.
//! * **The first failure ends the map** (3.13/3.14): the failing item's error is yielded, every
//!   future not yet yielded is cancelled (running ones finish), and the iterator ends. CPython's
//!   main branch keeps going after a failure instead; [`MapOptions::keep_going`] selects that.
//! * **Dropping the iterator** cancels the futures it has not yielded yet, whether or not it was
//!   ever advanced. (CPython cancels them only if the generator was started; an unstarted one's
//!   tasks all run.)
//!
//! The results are moved out to the caller, not borrowed: each item's future holds its value
//! in a [`Slot`] that `next()` empties, so `T` need not be `Clone` or `Sync`, and the iterator
//! keeps no reference to a value it has handed out (Python's `test_free_reference`).

use crate::errors::Error;
use crate::future::{Future, deadline_after};
use crate::sync::{Arc, Mutex};
use crate::thread_pool_executor::ThreadPoolExecutor;
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

/// Where a map task leaves its value for `next()` to move out.
pub(crate) struct Slot<T>(Mutex<Option<T>>);

impl<T> Slot<T> {
    fn take(&self) -> Option<T> {
        self.0.lock().take()
    }
}

impl<T> fmt::Debug for Slot<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let filled = self.0.try_lock().map(|slot| slot.is_some());
        f.debug_tuple("Slot").field(&filled).finish()
    }
}

/// Submits the next input item, for buffered maps; `None` once the input is exhausted.
type Refill<'a, T> = Box<dyn FnMut() -> Option<Result<Future<Slot<T>>, Error>> + 'a>;

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
    /// Futures submitted and not yet yielded, oldest first.
    pending: VecDeque<Future<Slot<T>>>,
    /// Buffered mode: submits one more item.
    refill: Option<Refill<'a, T>>,
    /// From `timeout`, counted from the `map` call.
    deadline: Option<Instant>,
    /// Go on after a failing item.
    keep_going: bool,
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
        let f = Arc::new(f);
        let mut items = items.into_iter();
        let mut submit_next = move || {
            let item = items.next()?;
            let f = Arc::clone(&f);
            Some(self.submit(move || Slot(Mutex::new(Some(f(item))))))
        };
        let mut map = Map {
            pending: VecDeque::new(),
            refill: None,
            deadline,
            keep_going: options.keep_going,
        };
        let initial = options.buffersize.unwrap_or(usize::MAX);
        while map.pending.len() < initial {
            match submit_next() {
                Some(Ok(future)) => map.pending.push_back(future),
                Some(Err(error)) => {
                    // As when Python's list of submits raises: the calls already submitted
                    // still run, with nobody holding their futures.
                    map.pending.clear();
                    return Err(error);
                }
                None => return Ok(map),
            }
        }
        map.refill = Some(Box::new(submit_next));
        Ok(map)
    }
}

impl<T> Map<'_, T> {
    /// Cancels everything not yet yielded and ends the iteration.
    fn stop(&mut self) {
        self.refill = None;
        for future in self.pending.drain(..) {
            future.cancel();
        }
    }
}

impl<T> Iterator for Map<'_, T> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        // Buffered mode: keep the buffer full, then wait for the oldest.
        if let Some(refill) = &mut self.refill {
            match refill() {
                Some(Ok(future)) => self.pending.push_back(future),
                Some(Err(error)) => {
                    self.stop();
                    return Some(Err(error));
                }
                None => self.refill = None,
            }
        }
        let future = self.pending.pop_front()?;
        let outcome = future.result_until(self.deadline, "next(map)");
        // Python's `_result_or_cancel`: if the wait failed, don't leave the call queued. (Python
        // cancels in a `finally`; on a finished future that does nothing, so we skip it.)
        if outcome.is_err() {
            future.cancel();
        }
        match outcome {
            Ok(slot) => match slot.take() {
                Some(value) => Some(Ok(value)),
                None => {
                    // Only this iterator can empty a slot, once per future; this cannot happen.
                    self.stop();
                    None
                }
            },
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
        self.stop();
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
