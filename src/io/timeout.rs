//! Waits bounded by time alone: threadsleep, altdeadline and alttimeout.

use super::wait::{after, interrupted, set_errno, MS};
use crate::base::futex;
use crate::chan::alt::{self, Alt};
use crate::runtime::errstr;
use crate::runtime::sched;
use crate::runtime::thread::*;
use core::ptr::null_mut;

/// threadsleep: parks only the caller for `ms` (≤ 0: yield). threadint ends it early.
pub fn sleep(ms: i64) {
    let t = sched::current();
    if t.is_null() {
        // Outside thread9 there is nothing else to run: sleep the OS thread.
        if ms > 0 {
            std::thread::sleep(std::time::Duration::from_millis(ms as u64));
        }
        return;
    }
    if ms <= 0 {
        sched::yield_now();
        return;
    }
    let deadline = after(ms as u64 * MS);
    loop {
        // SAFETY: the running thread parks itself.
        unsafe { crate::runtime::sched::arm(t) };
        let code = sched::park(Wait::Sleep, null_mut(), deadline);
        sched::check_killed();
        if code == SEL_INTR || code == SEL_TIMEOUT || (deadline != 0 && futex::now_ns() >= deadline) {
            if code == SEL_INTR {
                interrupted();
            }
            return;
        }
    }
}

/// altdeadline: alt, or the CHANEND entry's index once `deadline` (nsecmono) passes.
pub fn altdeadline(a: *mut Alt, deadline: u64) -> i32 {
    alt_errno(alt::alt(a, deadline, "altdeadline"))
}

/// alt reports an interrupt only in the errstr; these calls also set errno EINTR, like
/// every other thread9 wait that threadint ends.
fn alt_errno(r: i32) -> i32 {
    if r == -1 && errstr::get() == b"interrupted" {
        set_errno(libc::EINTR);
    }
    r
}

/// alttimeout: ms < 0 plain alt; 0 polls once; else alt with a deadline ms from now.
pub fn alttimeout(a: *mut Alt, ms: i64) -> i32 {
    if ms < 0 {
        return alt_errno(alt::alt(a, 0, "alttimeout"));
    }
    let d = match (ms as u64).checked_mul(MS) {
        Some(ns) => after(ns),
        None => 0,
    };
    alt_errno(alt::alt(a, d, "alttimeout"))
}
