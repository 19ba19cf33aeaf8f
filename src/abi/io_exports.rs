//! The C entry points whose code is in the io layer: each is one call into it.

#![allow(clippy::missing_safety_doc)]

#[allow(unused_imports)]
use crate::io::fd::*;
#[allow(unused_imports)]
use crate::io::net::*;
use core::ffi::*;

// crate::io::fd

#[no_mangle]
pub unsafe extern "C" fn p9open(name: *const c_char, mode: c_int) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::io::fd::p9open(name, mode) }
}

#[no_mangle]
pub unsafe extern "C" fn p9create(name: *const c_char, mode: c_int, perm: c_ulong) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::io::fd::p9create(name, mode, perm) }
}

#[no_mangle]
pub extern "C" fn p9close(fd: c_int) -> c_int {
    crate::io::fd::p9close(fd)
}

#[no_mangle]
pub unsafe extern "C" fn p9write(fd: c_int, buf: *const c_void, n: c_long) -> c_long {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::io::fd::p9write(fd, buf, n) }
}

#[no_mangle]
pub unsafe extern "C" fn readn(fd: c_int, buf: *mut c_void, n: c_long) -> c_long {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::io::fd::readn(fd, buf, n) }
}

#[no_mangle]
pub unsafe extern "C" fn p9pipe(fd: *mut c_int) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::io::fd::p9pipe(fd) }
}

#[no_mangle]
pub extern "C" fn p9seek(fd: c_int, off: c_longlong, whence: c_int) -> c_longlong {
    crate::io::fd::p9seek(fd, off, whence)
}

#[no_mangle]
pub extern "C" fn p9dup(old: c_int, new: c_int) -> c_int {
    crate::io::fd::p9dup(old, new)
}

// crate::io::net

#[no_mangle]
pub unsafe extern "C" fn p9dial(
    addr: *const c_char,
    local: *const c_char,
    _dir: *const c_char,
    _cdfp: *mut c_int,
) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::io::net::p9dial(addr, local, _dir, _cdfp) }
}

#[no_mangle]
pub unsafe extern "C" fn p9dialparse(
    addr: *mut c_char,
    pnet: *mut *mut c_char,
    punix: *mut *mut c_char,
    phost: *mut c_void,
    pport: *mut c_int,
) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::io::net::p9dialparse(addr, pnet, punix, phost, pport) }
}

#[no_mangle]
pub unsafe extern "C" fn sendfd(s: c_int, fd: c_int) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::io::net::sendfd(s, fd) }
}

#[no_mangle]
pub unsafe extern "C" fn recvfd(s: c_int) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::io::net::recvfd(s) }
}

#[no_mangle]
pub unsafe extern "C" fn read9pmsg(fd: c_int, buf: *mut c_void, n: c_uint) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::io::net::read9pmsg(fd, buf, n) }
}

#[no_mangle]
pub unsafe extern "C" fn p9announce(addr: *const c_char, dir: *mut c_char) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::io::net::p9announce(addr, dir) }
}

#[no_mangle]
pub unsafe extern "C" fn p9listen(dir: *const c_char, newdir: *mut c_char) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::io::net::p9listen(dir, newdir) }
}

#[no_mangle]
pub unsafe extern "C" fn p9accept(_ctl: c_int, dir: *const c_char) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::io::net::p9accept(_ctl, dir) }
}

#[no_mangle]
pub unsafe extern "C" fn p9reject(_ctl: c_int, dir: *const c_char, _cause: *const c_char) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::io::net::p9reject(_ctl, dir, _cause) }
}
