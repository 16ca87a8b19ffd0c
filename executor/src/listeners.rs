//! `Listeners`: who is told when a future is done.
//!
//! Python mirrored: a `Future`'s `_waiters` (the `wait`/`as_completed` calls watching it), its
//! `_done_callbacks`, and the threads asleep on its `_condition` in `result()`.
//!
//! Python gives every future these lists and a condition variable. Here a future keeps one
//! pointer, `None` until someone listens, because every byte of a future is paid by every
//! task and most tasks are never listened to (`docs/benchmarks.md`): a `result()` that finds the
//! future done needs nothing. The first listener makes the box. Inside it, the first waiter and
//! the first sleeper are kept inline, since a future is most often watched by one call, or
//! slept on by one thread, at a time; anyone else, and the done-callbacks, go in a second box.
//! So the box is 48 bytes, which the allocator serves from its 64-byte size class, and
//! `as_completed` over many futures pays one small allocation per future not yet done, not
//! three.
//!
//! A sleeper is a thread parked in `result()`: it lists itself before it lets go of the
//! future's lock, so whoever makes the state final, under that lock, unparks it (`future.rs`).
//! This file knows nothing of futures: the callbacks are of any type `C`.

use crate::sync::channel::Sender;
use crate::sync::thread::{Thread, ThreadId};
use crate::waiter::{Completion, Notice, Waiter};

/// Who listens to one future.
pub(crate) struct Listeners<C> {
    /// The first `wait`/`as_completed` call watching the future.
    waiter: Option<Waiter>,
    /// The first thread asleep in `result()` (or `exception()`).
    sleeper: Option<Thread>,
    /// Everyone else, and the done-callbacks; `None` while there are none.
    more: Option<Box<More<C>>>,
    /// Set once someone may have seen an exception the future holds (`result()`, `exception()`,
    /// or a done-callback, which is handed the future), for the "never retrieved" report;
    /// noted only for pools that make that report (`future.rs`).
    pub(crate) retrieved: bool,
}

/// The listeners beyond the first of each kind.
struct More<C> {
    /// More waiters (in no particular order: the first's place is refilled from the end).
    waiters: Vec<Waiter>,
    /// More sleepers.
    sleepers: Vec<Thread>,
    /// Done-callbacks, in the order they were added; run once, on completion or cancellation.
    callbacks: Vec<C>,
}

impl<C> Listeners<C> {
    /// Lists `waiter`.
    pub(crate) fn add_waiter(&mut self, waiter: Waiter) {
        if let Some(waiter) = fill(&mut self.waiter, waiter) {
            self.more().waiters.push(waiter);
        }
    }

    /// Takes off the waiter sending on `sender`'s channel, if listed.
    pub(crate) fn remove_waiter(&mut self, sender: &Sender<Notice>) {
        let more = self.more.as_deref_mut().map(|more| &mut more.waiters);
        remove(&mut self.waiter, more, |waiter| waiter.sends_to(sender));
        self.drop_empty_more();
    }

    /// Tells every listed waiter how the future ended, and takes it off: a future completes
    /// once, so no waiter has anything more to hear.
    pub(crate) fn notify_waiters(&mut self, completion: Completion) {
        let more = self.more.as_deref_mut().map(|more| more.waiters.drain(..));
        for waiter in self
            .waiter
            .take()
            .into_iter()
            .chain(more.into_iter().flatten())
        {
            waiter.notify(completion);
        }
        self.drop_empty_more();
    }

    /// Lists a thread about to park until the future is done.
    pub(crate) fn add_sleeper(&mut self, thread: Thread) {
        if let Some(thread) = fill(&mut self.sleeper, thread) {
            self.more().sleepers.push(thread);
        }
    }

    /// Takes off the sleeper `id`, which is awake and done waiting.
    pub(crate) fn remove_sleeper(&mut self, id: ThreadId) {
        let more = self.more.as_deref_mut().map(|more| &mut more.sleepers);
        remove(&mut self.sleeper, more, |thread| thread.id() == id);
        self.drop_empty_more();
    }

    /// Every listed sleeper.
    pub(crate) fn sleepers(&self) -> impl Iterator<Item = &Thread> {
        let more = self.more.iter().flat_map(|more| more.sleepers.iter());
        self.sleeper.iter().chain(more)
    }

    /// Adds a done-callback, after those already added.
    pub(crate) fn add_callback(&mut self, callback: C) {
        self.more().callbacks.push(callback);
    }

    /// The done-callbacks, in the order added, to be run once the future's lock is let go.
    pub(crate) fn take_callbacks(&mut self) -> Vec<C> {
        let callbacks = (self.more.as_mut()).map(|more| std::mem::take(&mut more.callbacks));
        self.drop_empty_more();
        callbacks.unwrap_or_default()
    }

    /// Nobody listens and nothing is recorded: the box can go.
    pub(crate) fn is_idle(&self) -> bool {
        self.waiter.is_none() && self.sleeper.is_none() && self.more.is_none() && !self.retrieved
    }

    /// The second box, made on first need.
    fn more(&mut self) -> &mut More<C> {
        self.more.get_or_insert_with(|| {
            Box::new(More {
                waiters: Vec::new(),
                sleepers: Vec::new(),
                callbacks: Vec::new(),
            })
        })
    }

    /// Frees the second box once it holds nobody.
    fn drop_empty_more(&mut self) {
        if let Some(more) = &self.more
            && more.waiters.is_empty()
            && more.sleepers.is_empty()
            && more.callbacks.is_empty()
        {
            self.more = None;
        }
    }
}

/// Puts `listener` in the inline slot if it is free; hands it back if not, for the overflow.
fn fill<L>(first: &mut Option<L>, listener: L) -> Option<L> {
    match first {
        None => {
            *first = Some(listener);
            None
        }
        Some(_) => Some(listener),
    }
}

/// Takes the listener that `is_it` picks out of the inline slot or the overflow; the inline
/// slot is refilled from the end of the overflow.
fn remove<L>(first: &mut Option<L>, more: Option<&mut Vec<L>>, is_it: impl Fn(&L) -> bool) {
    if first.as_ref().is_some_and(&is_it) {
        *first = more.and_then(Vec::pop);
    } else if let Some(more) = more {
        more.retain(|listener| !is_it(listener));
    }
}

impl<C> Default for Listeners<C> {
    fn default() -> Self {
        Listeners {
            waiter: None,
            sleeper: None,
            more: None,
            retrieved: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Listeners;
    use crate::sync::channel::{self, Receiver, Sender};
    use crate::sync::thread;
    use crate::waiter::{Completion, Notice, Waiter};

    fn channel() -> (Sender<Notice>, Receiver<Notice>) {
        channel::unbounded()
    }

    /// Tokens of the notices `listeners` sends when the future completes.
    fn told(listeners: &mut Listeners<u8>, receivers: &[&Receiver<Notice>]) -> Vec<usize> {
        listeners.notify_waiters(Completion::Returned);
        let notices = receivers.iter().flat_map(|receiver| receiver.try_iter());
        notices.map(|notice| notice.token).collect()
    }

    #[test]
    fn waiters_beyond_the_first_are_kept_and_promoted_when_the_first_goes() {
        let mut listeners: Listeners<u8> = Listeners::default();
        let ((a, ra), (b, rb), (c, rc)) = (channel(), channel(), channel());
        listeners.add_waiter(Waiter::new(1, a.clone()));
        listeners.add_waiter(Waiter::new(2, b.clone()));
        listeners.add_waiter(Waiter::new(3, c.clone()));
        listeners.remove_waiter(&a);
        let mut heard = told(&mut listeners, &[&ra, &rb, &rc]);
        heard.sort();
        assert_eq!(heard, [2, 3]);
        // Told once, and taken off: a later completion would tell nobody.
        assert!(listeners.is_idle());
        assert!(told(&mut listeners, &[&ra, &rb, &rc]).is_empty());
    }

    #[test]
    fn a_waiter_removed_before_the_completion_is_not_told() {
        let mut listeners: Listeners<u8> = Listeners::default();
        let ((a, ra), (b, rb)) = (channel(), channel());
        listeners.add_waiter(Waiter::new(1, a.clone()));
        listeners.add_waiter(Waiter::new(2, b.clone()));
        listeners.remove_waiter(&b);
        listeners.remove_waiter(&a);
        assert!(listeners.is_idle());
        assert!(told(&mut listeners, &[&ra, &rb]).is_empty());
    }

    #[test]
    fn sleepers_and_callbacks_leave_the_box_idle_once_gone() {
        let mut listeners: Listeners<u8> = Listeners::default();
        let me = thread::current();
        let other = thread::spawn(thread::current).join().unwrap();
        listeners.add_sleeper(me.clone());
        listeners.add_sleeper(other.clone());
        assert_eq!(listeners.sleepers().count(), 2);
        listeners.remove_sleeper(me.id());
        assert_eq!(
            listeners.sleepers().map(|t| t.id()).collect::<Vec<_>>(),
            [other.id()]
        );
        listeners.add_callback(7);
        listeners.add_callback(8);
        listeners.remove_sleeper(other.id());
        assert!(!listeners.is_idle());
        assert_eq!(listeners.take_callbacks(), [7, 8]);
        assert!(listeners.take_callbacks().is_empty());
        assert!(listeners.is_idle());
        listeners.retrieved = true;
        assert!(!listeners.is_idle());
    }
}
