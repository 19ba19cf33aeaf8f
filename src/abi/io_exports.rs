//! The C entry points whose code is in the io layer: each is one call into it.

#[allow(unused_imports)]
use crate::io::fd::*;
#[allow(unused_imports)]
use crate::io::net::*;
use core::ffi::*;

// crate::io::fd

/// # Safety
/// `name` is nil (errstr set, -1) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn p9open(name: *const c_char, mode: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::io::fd::p9open(name, mode) }
}

/// # Safety
/// `name` is nil (errstr set, -1) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn p9create(name: *const c_char, mode: c_int, perm: c_ulong) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::io::fd::p9create(name, mode, perm) }
}

#[no_mangle]
pub extern "C" fn p9close(fd: c_int) -> c_int {
    crate::io::fd::p9close(fd)
}

/// # Safety
/// `buf` has `n` readable bytes (a nil `buf` with `n` > 0, or `n` < 0, sets errstr: -1).
#[no_mangle]
pub unsafe extern "C" fn p9write(fd: c_int, buf: *const c_void, n: c_long) -> c_long {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::io::fd::p9write(fd, buf, n) }
}

/// # Safety
/// `buf` has `n` writable bytes (a nil `buf` with `n` > 0, or `n` < 0, sets errstr: -1).
#[no_mangle]
pub unsafe extern "C" fn readn(fd: c_int, buf: *mut c_void, n: c_long) -> c_long {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::io::fd::readn(fd, buf, n) }
}

/// # Safety
/// `fd` is nil (errstr set, -1) or has room for 2 ints.
#[no_mangle]
pub unsafe extern "C" fn p9pipe(fd: *mut c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
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

/// # Safety
/// `addr` is nil (errstr set, -1) or a NUL-terminated string, `local` nil or one;
/// `dir` and `cdfp` are not used.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_p9dial(
    addr: *const c_char,
    local: *const c_char,
    _dir: *const c_char,
    _cdfp: *mut c_int,
) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::io::net::p9dial(addr, local, _dir, _cdfp) }
}

/// # Safety
/// `addr` is a writable NUL-terminated string (cut in place; `*punix` may point into
/// it), `pnet`, `punix`, `pport` writable and `phost` a writable sockaddr_storage; any
/// nil sets errstr, -1.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_p9dialparse(
    addr: *mut c_char,
    pnet: *mut *mut c_char,
    punix: *mut *mut c_char,
    phost: *mut c_void,
    pport: *mut c_int,
) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::io::net::p9dialparse(addr, pnet, punix, phost, pport) }
}

/// # Safety
/// None beyond the C ABI: it takes no pointer.
#[no_mangle]
pub unsafe extern "C" fn sendfd(s: c_int, fd: c_int) -> c_int {
    // SAFETY: io::net::sendfd takes no pointer; the msghdr it sends is its own.
    unsafe { crate::io::net::sendfd(s, fd) }
}

/// # Safety
/// None beyond the C ABI: it takes no pointer.
#[no_mangle]
pub unsafe extern "C" fn recvfd(s: c_int) -> c_int {
    // SAFETY: io::net::recvfd takes no pointer; it receives into its own msghdr.
    unsafe { crate::io::net::recvfd(s) }
}

/// # Safety
/// `buf` is nil (errstr set, -1) or has `n` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn read9pmsg(fd: c_int, buf: *mut c_void, n: c_uint) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::io::net::read9pmsg(fd, buf, n) }
}

/// # Safety
/// `addr` is nil (errstr set, -1) or a NUL-terminated string; `dir` is nil or has
/// NETPATHLEN (40) writable bytes.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_p9announce(addr: *const c_char, dir: *mut c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::io::net::p9announce(addr, dir) }
}

/// # Safety
/// `dir` is nil or a NUL-terminated string (a bad one sets errstr: -1); `newdir` is
/// nil or has NETPATHLEN (40) writable bytes.
#[no_mangle]
pub unsafe extern "C" fn p9listen(dir: *const c_char, newdir: *mut c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::io::net::p9listen(dir, newdir) }
}

/// # Safety
/// `dir` is nil or a NUL-terminated string (a bad one sets errstr: -1).
#[no_mangle]
pub unsafe extern "C" fn p9accept(_ctl: c_int, dir: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::io::net::p9accept(_ctl, dir) }
}

/// # Safety
/// `dir` is nil or a NUL-terminated string (a bad one sets errstr: -1); `cause` is not used.
#[no_mangle]
pub unsafe extern "C" fn p9reject(_ctl: c_int, dir: *const c_char, _cause: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::io::net::p9reject(_ctl, dir, _cause) }
}
