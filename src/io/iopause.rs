//! iopause (docs/SERVE-AND-POLL.md): djb's interface with thread9's rules, on top of
//! `wait::wait_fds`.

use super::wait::{after, errno, fail_errno, poll_once, set_errno, wait_fds, wait_plain};
use crate::base::report;
use crate::runtime::errstr;
use crate::runtime::sched;
use libc::pollfd;

/// Wait `deadline − stamp` (ns); None = none at all (unrepresentable). Some(0) = poll once.
fn taia_wait(deadline: &crate::base::taia::Taia, stamp: &crate::base::taia::Taia) -> Option<u64> {
    if !crate::base::taia::less(stamp, deadline) {
        return Some(0);
    }
    let mut d = crate::base::taia::Taia::default();
    crate::base::taia::sub(&mut d, deadline, stamp);
    let ns = d.sec.x.checked_mul(1_000_000_000)?.checked_add(d.nano)?;
    // Attoseconds round up: never early.
    Some(ns + (d.atto != 0) as u64)
}

fn fd_limit() -> u64 {
    let mut r = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: r is a valid out-pointer.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut r) } < 0 {
        return 1 << 20;
    }
    r.rlim_max
}

/// iopause (docs/SERVE-AND-POLL.md, iopause).
///
/// # Safety
/// `x` holds `len` pollfds; `deadline` and `stamp` are taias (checked for nil).
pub unsafe fn iopause(
    x: *mut pollfd,
    len: u32,
    deadline: *const crate::base::taia::Taia,
    stamp: *const crate::base::taia::Taia,
) -> i32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if x.is_null() && len > 0 {
            report::misuse("iopause", &format!("nil iopause_fd array with len {len}"));
        }
        if deadline.is_null() || stamp.is_null() {
            report::misuse("iopause", if deadline.is_null() { "nil deadline" } else { "nil stamp" });
        }
        if len > 1024 {
            let lim = fd_limit();
            if len as u64 > lim {
                errstr::set(format!("iopause: len {len} exceeds the fd limit {lim}").as_bytes());
                set_errno(libc::EINVAL);
                return -1;
            }
        }
        let n = len as usize;
        let wait = taia_wait(&*deadline, &*stamp);
        if wait == Some(0) {
            let r = poll_once(x, n, 0);
            if r < 0 {
                fail_errno(errno());
            }
            return r;
        }
        let abs = wait.map_or(0, after);
        if sched::current().is_null() {
            // Outside thread9: plain poll, returning early on a signal like djb's.
            let r = wait_plain(x, n, abs, false);
            if r < 0 {
                fail_errno(errno());
            }
            return r;
        }
        wait_fds(x, n, abs)
    }
}
