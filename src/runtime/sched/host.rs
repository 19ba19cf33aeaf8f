//! Hosting: a parked thread runs its proc's ready threads itself, from its own
//! stack, until its own wake-up comes up (one switch per hand-off instead of two).

use super::*;

/// Stack a parked thread must have left to host others (host's frame and the
/// switch's saved registers take a few hundred bytes).
pub(crate) const HOST_STACK_MIN: usize = 8192;

/// Runs the proc's ready threads from the parked thread `t`'s own stack, in run-queue
/// order, until `t` itself comes up (its wake-up, consumed here as the scheduler
/// would), or until nothing is ready (then `t` switches to the scheduler and sleeps
/// there like any parked thread).
///
/// Why: a hand-off between two threads of a proc otherwise costs two switch pairs
/// (thread → scheduler → thread), and every switch into a thread blocked inside a
/// library call ends in a mispredicted return (the return stack buffer holds the
/// other context's addresses). Resuming the next thread directly from the parked
/// one halves both. The order threads run in is the scheduler's exactly; only
/// threads resumed by the scheduler host (one level), so a hosted thread that
/// parks returns here.
///
/// # Safety
/// As for block; `p` is `t`'s proc and has no host.
#[inline(never)]
pub(crate) unsafe fn host(p: *mut Proc, t: *mut Thread) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        (*p).host = t;
        let errno = (*p).errno;
        let mine = *errno;
        // Whether to go on sleeping in the scheduler: nothing else is ready (it resumes
        // us once our wake-up arrives), or a hosted thread pinned itself (only the
        // scheduler honours that).
        let sleep = loop {
            drain_inbox(p);
            fire_timers(p);
            let n = pop_runq(p);
            if n == t {
                break false;
            }
            if n.is_null() {
                break true;
            }
            (*p).cur.store(n, Ordering::Relaxed);
            *errno = (*n).errno;
            let r = if crate::arch::hooks() == 0 {
                (*n).co.as_mut().unwrap_unchecked().resume(())
            } else {
                resume_hosted_hooked(p, t, n)
            };
            (*n).errno = *errno;
            (*p).cur.store(t, Ordering::Relaxed);
            after_run(p, n, r);
            if !(*p).pinned.is_null() {
                break true;
            }
        };
        (*p).host = null_mut();
        *errno = mine;
        if sleep {
            suspend(p, t, Verdict::Block);
        }
    }
}
