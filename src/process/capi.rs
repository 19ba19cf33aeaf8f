//! thread.h: running programs (threadspawn, threadexec, procexec, threadwaitchan, procwait).

use crate::base::report;
use crate::chan::Channel;
use crate::process::exec::{self, Job, Waitmsg};
use crate::runtime::errstr;
use core::ffi::{c_char, c_int};

/// Validates the common arguments; complains naming `call` when they are unusable.
///
/// # Safety
/// `fd` is null or points to 3 readable ints; `cmd` and `dir` are each null or a
/// NUL-terminated string; `argv` is null or a nil-terminated array of such strings.
unsafe fn job(
    fd: *const c_int,
    cmd: *const c_char,
    argv: *const *const c_char,
    dir: *const c_char,
    call: &str,
) -> Option<Job> {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if cmd.is_null() {
            report::complain(call, "nil command");
            errstr::set(format!("{call}: nil command").as_bytes());
            return None;
        }
        let fds = if fd.is_null() { None } else { Some([*fd, *fd.add(1), *fd.add(2)]) };
        let j = Job::new(cmd, argv, fds, dir);
        if j.is_none() {
            crate::base::report::complain(call, "out of memory");
            errstr::set(crate::msg!("{call}: out of memory").as_bytes());
        }
        j
    }
}

/// # Safety
/// As for `job`.
unsafe fn spawn(
    fd: *const c_int,
    cmd: *const c_char,
    argv: *const *const c_char,
    dir: *const c_char,
    call: &str,
) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if fd.is_null() {
            report::complain(call, "nil fd array");
            errstr::set(format!("{call}: nil fd array").as_bytes());
            return -1;
        }
        match job(fd, cmd, argv, dir, call) {
            Some(j) => exec::threadspawn(j, call),
            None => -1,
        }
    }
}

/// # Safety
/// `fd` is null or points to 3 readable ints; `cmd` is null or a NUL-terminated string;
/// `argv` is null or a nil-terminated array of NUL-terminated strings.
pub unsafe extern "C" fn threadspawn(fd: *const c_int, cmd: *const c_char, argv: *const *const c_char) -> c_int {
    // SAFETY: the arguments go on unchanged (with a nil `dir`), and `spawn`'s contract is this
    // function's.
    unsafe { spawn(fd, cmd, argv, core::ptr::null(), "threadspawn") }
}

/// # Safety
/// As for threadspawn; `dir` is null or a NUL-terminated string.
pub unsafe extern "C" fn threadspawnd(
    fd: *const c_int,
    cmd: *const c_char,
    argv: *const *const c_char,
    dir: *const c_char,
) -> c_int {
    // SAFETY: the arguments go on unchanged, and `spawn`'s contract is this function's.
    unsafe { spawn(fd, cmd, argv, dir, "threadspawnd") }
}

/// threadexec and threadexecl (from the C shim, which passes its own exit message).
///
/// # Safety
/// `call` is a NUL-terminated string (never null); `fd`, `cmd` and `argv` as for
/// threadspawn; `cpid` is null or a channel (the send validates it).
pub unsafe extern "C" fn thread9_rt_threadexec(
    cpid: *mut Channel,
    fd: *const c_int,
    cmd: *const c_char,
    argv: *const *const c_char,
    call: *const c_char,
) {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        let call = core::ffi::CStr::from_ptr(call).to_str().unwrap_or("threadexec");
        if fd.is_null() {
            report::complain(call, "nil fd array");
            errstr::set(format!("{call}: nil fd array").as_bytes());
        } else if let Some(j) = job(fd, cmd, argv, core::ptr::null(), call) {
            exec::threadexec(cpid, j, call, call.as_bytes());
            return;
        }
        if !cpid.is_null() {
            crate::chan::send_word(cpid, !0, true, call);
        }
    }
}

/// # Safety
/// As for thread9_rt_threadexec (which gets a literal `call`).
pub unsafe extern "C" fn threadexec(
    cpid: *mut Channel,
    fd: *const c_int,
    cmd: *const c_char,
    argv: *const *const c_char,
) {
    // SAFETY: the arguments go on unchanged and `call` is a NUL-terminated literal, so
    // thread9_rt_threadexec's contract is this function's.
    unsafe { thread9_rt_threadexec(cpid, fd, cmd, argv, c"threadexec".as_ptr()) }
}

/// # Safety
/// `cmd` is null or a NUL-terminated string; `argv` is null or a nil-terminated array of
/// NUL-terminated strings; `cpid` is null or a channel (the send validates it).
pub unsafe extern "C" fn procexec(cpid: *mut Channel, cmd: *const c_char, argv: *const *const c_char) {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        match job(core::ptr::null(), cmd, argv, core::ptr::null(), "procexec") {
            Some(j) => exec::procexec(cpid, j, "procexec"),
            None => {
                if !cpid.is_null() {
                    crate::chan::send_word(cpid, !0, true, "procexec");
                }
            }
        }
    }
}

pub extern "C" fn threadwaitchan() -> *mut Channel {
    exec::waitchan()
}

pub extern "C" fn procwait(pid: c_int) -> *mut Waitmsg {
    exec::procwait(pid)
}
