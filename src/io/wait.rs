//! Parking a thread on fds and time, the base of every wait in this layer
//! (docs/SERVE-AND-POLL.md): readiness always comes from `poll(…, 0)` (D3); the
//! proc's epoll (runtime/poll.rs) only says when to look again. A waiting thread
//! parks with its deadline on the proc's timer heap, so only the thread waits: the
//! proc runs its other threads meanwhile. Also the errno/errstr helpers and the
//! monotonic clock the io calls share.

use crate::base::futex;
use crate::base::report;
use crate::runtime::errstr;
use crate::runtime::poll::{self, FdWaiter};
use crate::runtime::proc::Proc;
use crate::runtime::sched;
use crate::runtime::thread::*;
use core::ffi::c_void;
use core::ptr::null_mut;
use libc::pollfd;

pub(super) const POLL_BAD: i16 = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;
pub(super) const RW: i16 = libc::POLLIN | libc::POLLOUT;
pub(super) const MS: u64 = 1_000_000;

pub(super) fn errno() -> i32 {
    // SAFETY: glibc's per-OS-thread errno location.
    unsafe { *libc::__errno_location() }
}

pub(super) fn set_errno(e: i32) {
    // SAFETY: as above.
    unsafe { *libc::__errno_location() = e };
}

/// Sets errno and the errstr to its text (plan9port code reports with %r).
pub(super) fn fail_errno(e: i32) {
    errstr::set(crate::base::errno::string(e).as_bytes());
    set_errno(e);
}

pub(super) fn interrupted() -> i32 {
    errstr::set(b"interrupted");
    set_errno(libc::EINTR);
    -1
}

/// nsecmono(): CLOCK_MONOTONIC in ns, the clock of every native deadline.
pub fn nsecmono() -> u64 {
    futex::now_ns()
}

/// An absolute deadline `ns` from now; 0 (none) when it cannot be represented.
pub(super) fn after(ns: u64) -> u64 {
    futex::now_ns().checked_add(ns).unwrap_or(0)
}

/// iopause readiness: the requested READ/WRITE bits are added on hang-up, error or a
/// closed fd; negative fds report nothing. Returns the count of non-zero revents.
///
/// # Safety
/// `x` holds `n` pollfds.
pub(super) unsafe fn fixup(x: *mut pollfd, n: usize) -> i32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let mut k = 0;
        for i in 0..n {
            let e = &mut *x.add(i);
            if e.fd < 0 {
                e.revents = 0;
                continue;
            }
            if e.revents & POLL_BAD != 0 {
                e.revents |= e.events & RW;
            }
            if e.revents != 0 {
                k += 1;
            }
        }
        k
    }
}

/// One `poll(x, n, ms)` with revents zeroed first and fixed up after; -1 with errno.
///
/// # Safety
/// `x` holds `n` pollfds (or is anything when `n` is 0).
pub(super) unsafe fn poll_once(x: *mut pollfd, n: usize, ms: i32) -> i32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        for i in 0..n {
            (*x.add(i)).revents = 0;
        }
        let r = libc::poll(if n == 0 { null_mut() } else { x }, n as libc::nfds_t, ms);
        if r < 0 {
            return -1;
        }
        fixup(x, n)
    }
}

/// Milliseconds to `deadline` (0 = none → -1), rounded up so poll never returns early.
fn ms_until(deadline: u64) -> i32 {
    if deadline == 0 {
        return -1;
    }
    let rel = deadline.saturating_sub(futex::now_ns());
    rel.div_ceil(MS).min(i32::MAX as u64) as i32
}

/// Waiting outside any thread9 thread: plain poll until ready or the deadline
/// (signals restart the wait when `restart`).
///
/// # Safety
/// `x` holds `n` pollfds (anything when `n` is 0) that stay valid for the call.
pub(super) unsafe fn wait_plain(x: *mut pollfd, n: usize, deadline: u64, restart: bool) -> i32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        loop {
            let r = poll_once(x, n, ms_until(deadline));
            if r != 0 && !(r < 0 && restart && errno() == libc::EINTR) {
                return r;
            }
            if r == 0 && (deadline == 0 || futex::now_ns() >= deadline) {
                return 0;
            }
        }
    }
}

/// Parks the calling thread until one of `x[0..n)` is ready (count > 0), the absolute
/// `deadline` passes (0; never before it), or threadint (-1, EINTR, "interrupted").
/// Outside a thread9 thread it is a plain poll.
///
/// # Safety
/// `x` holds `n` pollfds that stay valid for the call.
pub unsafe fn wait_fds(x: *mut pollfd, n: usize, deadline: u64) -> i32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let t = sched::current();
        if t.is_null() {
            return wait_plain(x, n, deadline, true);
        }
        let p: *mut Proc = (*t).proc;
        let nfd = (0..n).filter(|&i| (*x.add(i)).fd >= 0).count();
        // The waiter nodes stay put while linked: a single one lives on this stack.
        let mut one = [FdWaiter::new(-1, 0, t)];
        let mut many: Vec<FdWaiter>;
        let ws: &mut [FdWaiter] = if nfd <= 1 {
            &mut one[..nfd]
        } else {
            many = (0..n).filter(|&i| (*x.add(i)).fd >= 0).map(|_| FdWaiter::new(-1, 0, t)).collect();
            &mut many
        };
        loop {
            let r = poll_once(x, n, 0);
            if r > 0 {
                return r;
            }
            let mut recheck = false;
            if r < 0 {
                // Memory pressure (ENOMEM/EAGAIN): retry after 1 ms, never report false
                // readiness. Anything else is the caller's error.
                let e = errno();
                if e != libc::ENOMEM && e != libc::EAGAIN {
                    fail_errno(e);
                    return -1;
                }
                recheck = true;
            }
            let now = futex::now_ns();
            if deadline != 0 && now >= deadline {
                return 0;
            }
            crate::runtime::sched::arm(t);
            let mut k = 0;
            for i in 0..n {
                let e = &*x.add(i);
                if e.fd < 0 || recheck {
                    continue;
                }
                let w = &mut ws[k];
                k += 1;
                *w = FdWaiter::new(e.fd, (e.events & (RW | libc::POLLPRI | libc::POLLRDHUP)) as u16 as u32, t);
                if !poll::arm(p, w) {
                    // epoll refuses this fd: look again in a millisecond.
                    recheck = true;
                }
            }
            let mut d = deadline;
            if recheck {
                let r = now + MS;
                d = if d == 0 { r } else { d.min(r) };
            }
            // For the thread dump: the object is this `&mut [FdWaiter]` (address, length).
            let code = sched::park(Wait::Fd, core::ptr::addr_of!(ws) as *mut c_void, d);
            for w in ws.iter_mut() {
                poll::unlink(p, w);
            }
            sched::check_killed();
            if code == SEL_INTR {
                return interrupted();
            }
        }
    }
}

fn rw_events(rw: i32, call: &str) -> Option<i16> {
    match rw as u8 {
        b'r' | b'R' => Some(libc::POLLIN),
        b'w' | b'W' => Some(libc::POLLOUT),
        _ => {
            report::complain(call, &format!("bad direction {rw} (want 'r' or 'w')"));
            errstr::set(b"bad direction");
            set_errno(libc::EINVAL);
            None
        }
    }
}

/// threadfdwaituntil: 1 ready (readable/writable/hung up/closed), 0 deadline, -1 interrupted.
pub fn fdwaituntil(fd: i32, rw: i32, deadline: u64, call: &str) -> i32 {
    let Some(ev) = rw_events(rw, call) else { return -1 };
    if fd < 0 {
        report::complain(call, &format!("negative fd {fd}"));
        fail_errno(libc::EBADF);
        return -1;
    }
    let mut x = pollfd { fd, events: ev, revents: 0 };
    // SAFETY: one pollfd on our stack.
    let r = unsafe { wait_fds(&mut x, 1, deadline) };
    r.min(1)
}

pub(super) fn wait_one(fd: i32, ev: i16) -> i32 {
    let mut x = pollfd { fd, events: ev, revents: 0 };
    // SAFETY: one pollfd on our stack.
    unsafe { wait_fds(&mut x, 1, 0) }
}

/// Parks the calling thread until the proc's poller reports `fd` as possibly ready for
/// `ev`, for a caller whose own non-blocking call just failed with EAGAIN and that
/// retries it at once: that retry is the readiness check, so no poll(2) runs before
/// or after the park (two syscalls per wait saved on a socket round trip). Arming
/// (epoll_ctl) evaluates the fd's state itself, so readiness that came after the
/// EAGAIN is never missed; a spurious wake-up only costs the caller another EAGAIN.
/// A plain `wait_one` outside a thread9 thread; a 1 ms nap where epoll refuses the fd.
/// -1 (EINTR, "interrupted") after threadint, else 1.
pub(super) fn wait_ready(fd: i32, ev: i16) -> i32 {
    let t = sched::current();
    if t.is_null() {
        return wait_one(fd, ev);
    }
    // SAFETY: t is the running thread; the waiter lives on this stack until unlinked.
    unsafe {
        let p: *mut Proc = (*t).proc;
        crate::runtime::sched::arm(t);
        let mut w = FdWaiter::new(fd, (ev & (RW | libc::POLLPRI | libc::POLLRDHUP)) as u16 as u32, t);
        // epoll refuses this fd: the caller's retry comes in a millisecond.
        let d = if poll::arm(p, &mut w) { 0 } else { futex::now_ns() + MS };
        // For the thread dump: the object is a `&mut [FdWaiter]` (address, length) of one.
        let one: &mut [FdWaiter] = core::slice::from_raw_parts_mut(&mut w, 1);
        let code = sched::park(Wait::Fd, core::ptr::addr_of!(one) as *mut c_void, d);
        poll::unlink(p, &mut w);
        sched::check_killed();
        if code == SEL_INTR {
            return interrupted();
        }
        1
    }
}
