//! Notes: Unix signals under their Plan 9 names, the atnotify handler table,
//! threadnotify and postnote. The signal handler itself, notify and noted are in
//! src/c/lib9.c (noted must jump back into the handler: sigsetjmp).
//!
//! threadnotify: thread9 follows plan9port, not 9front — it is atnotify, one table
//! for the whole program. Unix delivers a process-directed signal to whichever OS
//! thread (proc) does not block it, so a per-proc table would run handlers
//! depending on chance. Returns 1 when `f` was registered/removed, 0 otherwise
//! (9front's int result; callers declared void just ignore it).

use super::cbytes;
use core::ffi::{c_char, c_int, c_void};
use core::sync::atomic::{AtomicUsize, Ordering};

use crate::process::signals::{note_sig, NAMES};

/// For the signal handler: a static name (async-signal-safe: no allocation). Only
/// signals of the table are ever handled; others read "sys: signal".
pub extern "C" fn thread9_rt_sigstr(sig: c_int) -> *const c_char {
    match NAMES.iter().find(|(s, _)| *s == sig) {
        Some((_, n)) => n.as_ptr(),
        None => c"sys: signal".as_ptr(),
    }
}

/// # Safety
/// `name` is nil (read as "", which names no signal) or NUL-terminated.
pub unsafe extern "C" fn thread9_rt_strsig(name: *const c_char) -> c_int {
    note_sig(cbytes(name))
}

type NoteFn = unsafe extern "C" fn(*mut c_void, *mut c_char) -> c_int;
const NFN: usize = 33;
static HANDLERS: [AtomicUsize; NFN] = [const { AtomicUsize::new(0) }; NFN];
static TABLE_LOCK: crate::base::spin::SpinLock = crate::base::spin::SpinLock::new();

extern "C" {
    fn thread9_c_notify_dispatch(on: c_int);
}

/// atnotify: adds (in ≠ 0) or removes `f` from the handlers every note is offered to;
/// the first handler returning non-zero has handled the note (the program goes on),
/// otherwise the note takes its default action. 1 on success, 0 when the table is
/// full (33 handlers) or `f` was not registered.
pub extern "C" fn atnotify(f: Option<unsafe extern "C" fn(*mut c_void, *mut c_char) -> c_int>, on: c_int) -> c_int {
    let Some(f) = f else {
        crate::base::report::complain("atnotify", "nil handler");
        return 0;
    };
    let fv = f as usize;
    TABLE_LOCK.lock();
    let mut r = 0;
    if on != 0 {
        let was_empty = HANDLERS.iter().all(|h| h.load(Ordering::Relaxed) == 0);
        if let Some(h) = HANDLERS.iter().find(|h| h.load(Ordering::Relaxed) == 0) {
            h.store(fv, Ordering::Release);
            r = 1;
        }
        if r == 1 && was_empty {
            // SAFETY: C side of notify; installs the dispatcher below.
            unsafe { thread9_c_notify_dispatch(1) };
        }
    } else {
        if let Some(h) = HANDLERS.iter().find(|h| h.load(Ordering::Relaxed) == fv) {
            h.store(0, Ordering::Release);
            r = 1;
        }
        if r == 1 && HANDLERS.iter().all(|h| h.load(Ordering::Relaxed) == 0) {
            // SAFETY: as above; no handlers left: notes take their default action.
            unsafe { thread9_c_notify_dispatch(0) };
        }
    }
    TABLE_LOCK.unlock();
    r
}

pub extern "C" fn threadnotify(f: Option<unsafe extern "C" fn(*mut c_void, *mut c_char) -> c_int>, on: c_int) -> c_int {
    atnotify(f, on)
}

/// Runs the handlers for one note (in signal context: reads atomics only).
/// 1 if one of them handled it.
///
/// # Safety
/// `v` and `msg` are what the registered handlers expect: the handler's context pointer
/// and the NUL-terminated note (src/c/lib9.c's notifier passes them on unchanged).
pub unsafe extern "C" fn thread9_rt_atnotify_run(v: *mut c_void, msg: *mut c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        for h in HANDLERS.iter() {
            let f = h.load(Ordering::Acquire);
            if f != 0 {
                // SAFETY: only NoteFn values are stored in the table.
                let f: NoteFn = core::mem::transmute(f);
                if f(v, msg) != 0 {
                    return 1;
                }
            }
        }
        0
    }
}

const PNPROC: c_int = 1;
const PNGROUP: c_int = 2;

/// postnote: sends note `msg` to process `pid` (PNPROC) or to the process group `pid`
/// belongs to (PNGROUP: any member names it, as in plan9port) as the matching Unix
/// signal. -1 with plan9port's errstr for an unknown note, pid or `group`.
///
/// # Safety
/// `msg` is nil (unknown note: -1, errstr set) or NUL-terminated.
pub unsafe extern "C" fn postnote(group: c_int, pid: c_int, msg: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let sig = note_sig(cbytes(msg));
        if sig == 0 {
            crate::runtime::errstr::set(b"unknown note");
            return -1;
        }
        if pid <= 0 {
            crate::runtime::errstr::set(b"bad pid in postnote");
            return -1;
        }
        let r = match group {
            PNPROC => libc::kill(pid, sig),
            PNGROUP => {
                let g = libc::getpgid(pid);
                if g < 0 {
                    super::syserr();
                    return -1;
                }
                libc::killpg(g, sig)
            }
            _ => {
                crate::runtime::errstr::set(b"bad who in postnote");
                return -1;
            }
        };
        if r < 0 {
            super::syserr();
            return -1;
        }
        0
    }
}
