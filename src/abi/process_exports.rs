//! The C entry points whose code is in the process layer: each is one call into it.

#![allow(clippy::missing_safety_doc)]

use crate::chan::Channel;
#[allow(unused_imports)]
use crate::process::capi::*;
#[allow(unused_imports)]
use crate::process::wait::*;
use core::ffi::*;

// crate::process::capi

#[no_mangle]
pub unsafe extern "C" fn threadspawn(fd: *const c_int, cmd: *const c_char, argv: *const *const c_char) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::process::capi::threadspawn(fd, cmd, argv) }
}

#[no_mangle]
pub unsafe extern "C" fn threadspawnd(
    fd: *const c_int,
    cmd: *const c_char,
    argv: *const *const c_char,
    dir: *const c_char,
) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::process::capi::threadspawnd(fd, cmd, argv, dir) }
}

#[no_mangle]
pub unsafe extern "C" fn thread9_rt_threadexec(
    cpid: *mut Channel,
    fd: *const c_int,
    cmd: *const c_char,
    argv: *const *const c_char,
    call: *const c_char,
) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::process::capi::thread9_rt_threadexec(cpid, fd, cmd, argv, call) }
}

#[no_mangle]
pub unsafe extern "C" fn threadexec(
    cpid: *mut Channel,
    fd: *const c_int,
    cmd: *const c_char,
    argv: *const *const c_char,
) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::process::capi::threadexec(cpid, fd, cmd, argv) }
}

#[no_mangle]
pub unsafe extern "C" fn procexec(cpid: *mut Channel, cmd: *const c_char, argv: *const *const c_char) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
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
