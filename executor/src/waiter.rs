//! How `wait` and `as_completed` hear that a future is done: a channel each.
//!
//! Python mirrored: the `_Waiter` classes of `_base.py` (`_AsCompletedWaiter`,
//! `_FirstCompletedWaiter`, `_AllCompletedWaiter`). In Python each waiting call makes a waiter
//! object with an `Event`, appends it to every future it watches, and each future calls
//! `waiter.add_result(self)` when it completes.
//!
//! Here a waiting call makes one channel. It registers a [`Waiter`] (a clone of the channel's
//! `Sender` plus a token, the future's position in the caller's list) on every future it watches
//! that is not done yet; a future that completes sends a [`Notice`] to each of its waiters and
//! takes them off, since it has nothing more to tell. The
//! waiting call just receives, with or without a deadline: "block until something finishes"
//! is what a channel already does, so there is no event, counter or lock of its own to get
//! right. The three Python waiter classes become three ways of reading the same channel, in
//! `wait.rs` and `as_completed.rs`; `watch.rs` registers the waiters and takes them back.
//!
//! This file knows nothing of futures: a future holds a list of [`Waiter`]s and calls
//! [`Waiter::notify`] when it completes, and that is all the two share.

use crate::sync::channel::Sender;

/// How a future ended, as a waiter is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Completion {
    /// `set_result`: Python's `add_result`.
    Returned,
    /// `set_exception`: Python's `add_exception`.
    Raised,
    /// Cancelled and now notified: Python's `add_cancelled`.
    Cancelled,
}

impl Completion {
    /// How a finished future ended, from its outcome.
    pub(crate) fn of<T, E>(outcome: &Result<T, E>) -> Self {
        match outcome {
            Ok(_) => Completion::Returned,
            Err(_) => Completion::Raised,
        }
    }
}

/// The message a future sends when it completes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Notice {
    /// Which future: its index in the waiting call's list.
    pub(crate) token: usize,
    /// How it ended.
    pub(crate) completion: Completion,
}

/// One waiting call's registration on one future.
#[derive(Debug)]
pub(crate) struct Waiter {
    token: usize,
    sender: Sender<Notice>,
}

impl Waiter {
    pub(crate) fn new(token: usize, sender: Sender<Notice>) -> Self {
        Waiter { token, sender }
    }

    /// Tells the waiting call. If it has already given up (its receiver is gone), there is
    /// nobody to tell, and that is fine.
    pub(crate) fn notify(&self, completion: Completion) {
        let _ = self.sender.send(Notice {
            token: self.token,
            completion,
        });
    }

    /// Whether this waiter belongs to the call that owns `sender`'s channel.
    pub(crate) fn sends_to(&self, sender: &Sender<Notice>) -> bool {
        self.sender.same_channel(sender)
    }
}
