//! The model-checked build's stand-in for crossbeam-channel: an unbounded channel loom can see
//! into, a `VecDeque` under a [`Mutex`] and a [`Condvar`] to sleep on while it is empty.
//! Compiled only under `cfg(loom)`; the normal build's queues are crossbeam's (see `sync.rs`).
//!
//! Why it exists: the pool's work queue and each `wait`/`as_completed` call's notices travel
//! through crossbeam channels, whose lock-free insides loom cannot see. A model built on them
//! would miss every interleaving inside a send or a receive, and a thread blocked in
//! crossbeam's `recv` would stop the whole model (loom runs all its threads on one OS thread).
//! So under loom this channel stands in, with the same names and the same behaviour as the
//! parts of crossbeam-channel the executor uses, and even its error types:
//!
//! * `recv` waits for a message, and fails once every `Sender` is gone and the queue is empty;
//! * `send` fails once every `Receiver` is gone (the queued messages are dropped then);
//! * `recv_deadline` never times out, since under loom no deadline passes (see `sync.rs`).

use super::{Arc, Condvar, Mutex};
pub(crate) use crossbeam_channel::{RecvError, RecvTimeoutError, SendError, TryRecvError};
use std::collections::VecDeque;
use std::fmt;
use std::time::Instant;

/// What both ends share.
struct Channel<T> {
    /// The messages, and who is still connected.
    queue: Mutex<Queue<T>>,
    /// Notified on every send, and when the last sender goes.
    changed: Condvar,
}

/// The part of a channel under its lock.
struct Queue<T> {
    /// Messages sent and not yet received, oldest first.
    messages: VecDeque<T>,
    /// How many `Sender`s are alive.
    senders: usize,
    /// How many `Receiver`s are alive.
    receivers: usize,
}

/// The sending end; clone it to send from several places.
pub(crate) struct Sender<T>(Arc<Channel<T>>);

/// The receiving end; clone it to receive from several places.
pub(crate) struct Receiver<T>(Arc<Channel<T>>);

/// A new channel with no limit on how many messages it holds.
pub(crate) fn unbounded<T>() -> (Sender<T>, Receiver<T>) {
    let channel = Arc::new(Channel {
        queue: Mutex::new(Queue {
            messages: VecDeque::new(),
            senders: 1,
            receivers: 1,
        }),
        changed: Condvar::new(),
    });
    (Sender(Arc::clone(&channel)), Receiver(channel))
}

impl<T> Sender<T> {
    /// Queues `message`, or hands it back if every receiver is gone.
    #[track_caller]
    pub(crate) fn send(&self, message: T) -> Result<(), SendError<T>> {
        let mut queue = self.0.queue.lock();
        if queue.receivers == 0 {
            return Err(SendError(message));
        }
        queue.messages.push_back(message);
        self.0.changed.notify_all();
        Ok(())
    }

    /// Whether both senders feed the same channel.
    pub(crate) fn same_channel(&self, other: &Sender<T>) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Clone for Sender<T> {
    fn clone(&self) -> Self {
        self.0.queue.lock().senders += 1;
        Sender(Arc::clone(&self.0))
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        let mut queue = self.0.queue.lock();
        queue.senders -= 1;
        if queue.senders == 0 {
            // Receivers blocked on an empty queue must wake up to see it is closed.
            self.0.changed.notify_all();
        }
    }
}

impl<T> Receiver<T> {
    /// Takes the oldest message without waiting.
    #[track_caller]
    pub(crate) fn try_recv(&self) -> Result<T, TryRecvError> {
        let mut queue = self.0.queue.lock();
        match queue.messages.pop_front() {
            Some(message) => Ok(message),
            None if queue.senders == 0 => Err(TryRecvError::Disconnected),
            None => Err(TryRecvError::Empty),
        }
    }

    /// Waits for the oldest message; fails once the queue is empty and every sender is gone.
    #[track_caller]
    pub(crate) fn recv(&self) -> Result<T, RecvError> {
        let mut queue = self.0.queue.lock();
        loop {
            if let Some(message) = queue.messages.pop_front() {
                return Ok(message);
            }
            if queue.senders == 0 {
                return Err(RecvError);
            }
            self.0.changed.wait(&mut queue);
        }
    }

    /// [`recv`](Self::recv): under loom no deadline ever passes.
    #[track_caller]
    pub(crate) fn recv_deadline(&self, _deadline: Instant) -> Result<T, RecvTimeoutError> {
        self.recv()
            .map_err(|RecvError| RecvTimeoutError::Disconnected)
    }

    /// Takes every message already queued, without waiting.
    pub(crate) fn try_iter(&self) -> impl Iterator<Item = T> + '_ {
        std::iter::from_fn(|| self.try_recv().ok())
    }

    /// How many messages are queued.
    pub(crate) fn len(&self) -> usize {
        self.0.queue.lock().messages.len()
    }

    /// Whether nothing is queued.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.queue.lock().messages.is_empty()
    }
}

impl<T> Clone for Receiver<T> {
    fn clone(&self) -> Self {
        self.0.queue.lock().receivers += 1;
        Receiver(Arc::clone(&self.0))
    }
}

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        let mut queue = self.0.queue.lock();
        queue.receivers -= 1;
        if queue.receivers > 0 {
            return;
        }
        let unread = std::mem::take(&mut queue.messages);
        drop(queue);
        drop(unread); // outside the lock: a message's drop may take other locks
    }
}

impl<T> fmt::Debug for Sender<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Sender { .. }")
    }
}

impl<T> fmt::Debug for Receiver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Receiver { .. }")
    }
}
