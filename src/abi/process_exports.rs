//! The C entry points whose code is in the process layer: each is one call into it.

use crate::chan::Channel;
#[allow(unused_imports)]
use crate::process::capi::*;
#[allow(unused_imports)]
use crate::process::wait::*;
use core::ffi::*;

// crate::process::capi

/// # Safety
/// `fd` is nil (reported, -1) or has 3 readable ints; `cmd` is nil (reported, -1) or a
/// NUL-terminated string; `argv` is nil or a nil-terminated array of NUL-terminated
/// strings (all copied before the child starts).
#[no_mangle]
pub unsafe extern "C" fn threadspawn(fd: *const c_int, cmd: *const c_char, argv: *const *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::process::capi::threadspawn(fd, cmd, argv) }
}

/// # Safety
/// `fd` is nil (reported, -1) or has 3 readable ints; `cmd` is nil (reported, -1) or a
/// NUL-terminated string; `argv` is nil or a nil-terminated array of NUL-terminated
/// strings (all copied before the child starts); `dir` is nil (the current directory) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn threadspawnd(
    fd: *const c_int,
    cmd: *const c_char,
    argv: *const *const c_char,
    dir: *const c_char,
) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::process::capi::threadspawnd(fd, cmd, argv, dir) }
}

/// # Safety
/// threadexec's body (threadexecl builds `argv`): `call` is a NUL-terminated string
/// (not checked); `cpid` is nil or a channel (checked); the rest as for threadspawn.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_threadexec(
    cpid: *mut Channel,
    fd: *const c_int,
    cmd: *const c_char,
    argv: *const *const c_char,
    call: *const c_char,
) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::process::capi::thread9_rt_threadexec(cpid, fd, cmd, argv, call) }
}

/// # Safety
/// `cpid` is nil or a channel (checked); `fd`, `cmd` and `argv` as for threadspawn.
#[no_mangle]
pub unsafe extern "C" fn threadexec(
    cpid: *mut Channel,
    fd: *const c_int,
    cmd: *const c_char,
    argv: *const *const c_char,
) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::process::capi::threadexec(cpid, fd, cmd, argv) }
}

/// # Safety
/// `cpid` is nil or a channel (checked); `cmd` and `argv` as for threadspawn.
#[no_mangle]
pub unsafe extern "C" fn procexec(cpid: *mut Channel, cmd: *const c_char, argv: *const *const c_char) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::process::capi::procexec(cpid, cmd, argv) }
}

#[no_mangle]
pub extern "C" fn threadwaitchan() -> *mut Channel {
    crate::process::capi::threadwaitchan()
}

#[no_mangle]
pub extern "C" fn procwait(pid: c_int) -> *mut Waitmsg {
    crate::process::capi::procwait(pid)
}

// crate::process::wait

#[no_mangle]
pub extern "C" fn p9wait() -> *mut Waitmsg {
    crate::process::wait::p9wait()
}

#[no_mangle]
pub extern "C" fn p9waitfor(pid: c_int) -> *mut Waitmsg {
    crate::process::wait::p9waitfor(pid)
}

#[no_mangle]
pub extern "C" fn waitnohang() -> *mut Waitmsg {
    crate::process::wait::waitnohang()
}

#[no_mangle]
pub extern "C" fn p9waitpid() -> c_int {
    crate::process::wait::p9waitpid()
}

#[no_mangle]
pub extern "C" fn awaitnohang(buf: *mut c_char, n: c_int) -> c_int {
    crate::process::wait::awaitnohang(buf, n)
}

#[no_mangle]
pub extern "C" fn awaitfor(pid: c_int, buf: *mut c_char, n: c_int) -> c_int {
    crate::process::wait::awaitfor(pid, buf, n)
}
