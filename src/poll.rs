//! Fd-aware idling for procs that wait on file descriptors (iopause, SERVE-AND-POLL.md §1).
//! The core only calls `idle_wait` when a proc has a poller installed.

use crate::futex;
use crate::proc::{Proc, RUNNING, SLEEP_FUTEX};
use core::sync::atomic::Ordering;

/// Sleeps until a wake-up, an fd event or `deadline` (0 = none).
///
/// # Safety
/// `p` is the caller's proc.
pub unsafe fn idle_wait(p: *mut Proc, deadline: u64) {
    (*p).sleeping.store(SLEEP_FUTEX, Ordering::SeqCst);
    if (*p).inbox.load(Ordering::SeqCst).is_null() {
        futex::wait(&(*p).sleeping, SLEEP_FUTEX, deadline);
    }
    (*p).sleeping.store(RUNNING, Ordering::Relaxed);
}
