//! Environment and time: p9getenv, p9putenv, p9nsec, p9time, p9sleep, needstack.

use super::cbytes;
use core::ffi::{c_char, c_int, c_long, c_longlong};
use core::ptr::null_mut;

/// p9getenv: a malloc'd copy of the value (the caller frees it), or nil.
///
/// # Safety
/// `name` is nil (nil returned) or NUL-terminated, and no other OS thread changes the
/// environment meanwhile (the C library's getenv and setenv are not thread-safe).
pub unsafe extern "C" fn p9getenv(name: *const c_char) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if name.is_null() {
            return null_mut();
        }
        let v = libc::getenv(name);
        if v.is_null() {
            return null_mut();
        }
        libc::strdup(v)
    }
}

/// p9putenv: sets `name` to `val` for this process and its children; 0 or -1.
///
/// # Safety
/// `name` is nil (-1, errstr set) or NUL-terminated, `val` nil ("") or NUL-terminated, and
/// no other OS thread reads or changes the environment meanwhile (setenv is not thread-safe).
pub unsafe extern "C" fn p9putenv(name: *const c_char, val: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let n = cbytes(name);
        if n.is_empty() || n.contains(&b'=') {
            crate::runtime::errstr::set(b"putenv: bad variable name");
            return -1;
        }
        let v = if val.is_null() { c"".as_ptr() } else { val };
        if libc::setenv(name, v, 1) < 0 {
            super::syserr();
            return -1;
        }
        0
    }
}

/// p9nsec: wall-clock time in nanoseconds since the epoch.
pub extern "C" fn p9nsec() -> c_longlong {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: ts is a valid out-pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_REALTIME, &mut ts) };
    ts.tv_sec as c_longlong * 1_000_000_000 + ts.tv_nsec as c_longlong
}

/// p9time: seconds since the epoch, also stored through `tp` when it is not nil.
///
/// # Safety
/// `tp` is nil or points to a writable `long`.
pub unsafe extern "C" fn p9time(tp: *mut c_long) -> c_long {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let t = (p9nsec() / 1_000_000_000) as c_long;
        if !tp.is_null() {
            *tp = t;
        }
        t
    }
}

/// p9sleep: sleeps `ms` milliseconds, blocking the whole proc as in Plan 9 and
/// plan9port (no thread switch happens inside; iosleep/threadsleep are the
/// thread-only waits). 0 or less just yields the CPU. -1 if a note interrupted it.
pub extern "C" fn p9sleep(ms: c_long) -> c_int {
    if ms as u64 >= crate::runtime::upcall::QUIT_DELAY_NS / 1_000_000 {
        // The whole proc stops: a SIGQUIT meanwhile must still find the dump thread.
        crate::runtime::upcall::quit_start();
    }
    if crate::base::futex::sleep_ms(ms) < 0 {
        super::syserr();
        return -1;
    }
    0
}

/// needstack: reports (and aborts) when the calling thread has fewer than `n` bytes of
/// stack left, rather than letting it overflow later somewhere less obvious.
pub extern "C" fn needstack(n: c_int) {
    let t = crate::runtime::sched::current();
    if t.is_null() || n <= 0 {
        return;
    }
    let here = 0u8;
    let sp = &here as *const u8 as usize;
    // SAFETY: t is the running thread.
    let lo = unsafe { (*t).stack_lo };
    // Keep a page for the guard/canary and the report itself.
    if sp < lo || sp - lo < n as usize + crate::runtime::stack::PAGE {
        crate::runtime::stack::overflow_report(t);
    }
}
