//! iopause.h and the thread-blocking helpers of thread.h (docs/SERVE-AND-POLL.md).

use crate::base::report;
use crate::base::taia::{self, Tai, Taia};
use crate::chan::alt::Alt;
use crate::chan::Channel;
use crate::io::{iopause, source, threadio, timeout, wait};
use core::ffi::{c_char, c_double, c_int, c_long, c_uint, c_ulonglong, c_void};
use libc::{pollfd, sockaddr, socklen_t};

/// A nil taia/tai argument is a misuse: name the call instead of crashing.
fn nn<T>(p: *const T, call: &str) -> *const T {
    if p.is_null() {
        report::misuse(call, "nil pointer argument");
    }
    p
}

/// # Safety
/// `x` is nil with `len` 0 or holds `len` pollfds; `deadline` and `stamp` point to
/// taias (a nil one is reported and aborts).
#[no_mangle]
pub unsafe extern "C" fn iopause(x: *mut pollfd, len: c_uint, deadline: *mut Taia, stamp: *mut Taia) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which is iopause::iopause's.
    unsafe { iopause::iopause(x, len, deadline, stamp) }
}

#[no_mangle]
pub extern "C" fn nsecmono() -> c_ulonglong {
    wait::nsecmono()
}

/// # Safety
/// `t` points to a writable `struct tai` (nil is reported and aborts).
#[no_mangle]
pub unsafe extern "C" fn tai_now(t: *mut Tai) {
    // SAFETY: the caller upholds this function's contract (its # Safety section); nn
    // aborts on a nil pointer before any dereference.
    unsafe {
        *(nn(t, "tai_now") as *mut Tai) = taia::tai_now();
    }
}

/// # Safety
/// `t`, `u` and `v` point to `struct tai`s, `t` writable (nil is reported and aborts);
/// they may be the same.
#[no_mangle]
pub unsafe extern "C" fn tai_add(t: *mut Tai, u: *const Tai, v: *const Tai) {
    // SAFETY: the caller upholds this function's contract (its # Safety section); nn
    // aborts on a nil pointer before any dereference.
    unsafe {
        let x = (*nn(u, "tai_add")).x.wrapping_add((*nn(v, "tai_add")).x);
        (*(nn(t, "tai_add") as *mut Tai)).x = x;
    }
}

/// # Safety
/// As for tai_add.
#[no_mangle]
pub unsafe extern "C" fn tai_sub(t: *mut Tai, u: *const Tai, v: *const Tai) {
    // SAFETY: the caller upholds this function's contract (its # Safety section); nn
    // aborts on a nil pointer before any dereference.
    unsafe {
        let x = (*nn(u, "tai_sub")).x.wrapping_sub((*nn(v, "tai_sub")).x);
        (*(nn(t, "tai_sub") as *mut Tai)).x = x;
    }
}

/// # Safety
/// `s` has TAI_PACK (8) writable bytes and `t` points to a `struct tai`, neither
/// overlapping the other (nil is reported and aborts).
#[no_mangle]
pub unsafe extern "C" fn tai_pack(s: *mut c_char, t: *const Tai) {
    // SAFETY: the caller upholds this function's contract (its # Safety section); nn
    // aborts on a nil pointer before any dereference.
    unsafe {
        taia::tai_pack(&mut *(nn(s, "tai_pack") as *mut [u8; 8]), &*nn(t, "tai_pack"));
    }
}

/// # Safety
/// `s` has TAI_PACK (8) readable bytes and `t` points to a writable `struct tai`
/// (nil is reported and aborts).
#[no_mangle]
pub unsafe extern "C" fn tai_unpack(s: *const c_char, t: *mut Tai) {
    // SAFETY: the caller upholds this function's contract (its # Safety section); nn
    // aborts on a nil pointer before any dereference.
    unsafe {
        *(nn(t, "tai_unpack") as *mut Tai) = taia::tai_unpack(&*(nn(s, "tai_unpack") as *const [u8; 8]));
    }
}

/// # Safety
/// `t` points to a writable `struct taia` (nil is reported and aborts).
#[no_mangle]
pub unsafe extern "C" fn taia_now(t: *mut Taia) {
    // SAFETY: the caller upholds this function's contract (its # Safety section); nn
    // aborts on a nil pointer before any dereference.
    unsafe {
        *(nn(t, "taia_now") as *mut Taia) = taia::now();
    }
}

/// # Safety
/// `ta` points to a `struct taia` and `t` to a writable `struct tai` (nil is reported
/// and aborts).
#[no_mangle]
pub unsafe extern "C" fn taia_tai(ta: *const Taia, t: *mut Tai) {
    // SAFETY: the caller upholds this function's contract (its # Safety section); nn
    // aborts on a nil pointer before any dereference.
    unsafe {
        *(nn(t, "taia_tai") as *mut Tai) = (*nn(ta, "taia_tai")).sec;
    }
}

/// # Safety
/// `t`, `u` and `v` point to `struct taia`s, `t` writable (nil is reported and aborts);
/// they may be the same.
#[no_mangle]
pub unsafe extern "C" fn taia_add(t: *mut Taia, u: *const Taia, v: *const Taia) {
    // SAFETY: the caller upholds this function's contract (its # Safety section); nn
    // aborts on a nil pointer before any dereference.
    unsafe {
        let mut r = Taia::default();
        taia::add(&mut r, &*nn(u, "taia_add"), &*nn(v, "taia_add"));
        *(nn(t, "taia_add") as *mut Taia) = r;
    }
}

/// # Safety
/// As for taia_add.
#[no_mangle]
pub unsafe extern "C" fn taia_sub(t: *mut Taia, u: *const Taia, v: *const Taia) {
    // SAFETY: the caller upholds this function's contract (its # Safety section); nn
    // aborts on a nil pointer before any dereference.
    unsafe {
        let mut r = Taia::default();
        taia::sub(&mut r, &*nn(u, "taia_sub"), &*nn(v, "taia_sub"));
        *(nn(t, "taia_sub") as *mut Taia) = r;
    }
}

/// # Safety
/// `t` and `u` point to `struct taia`s, `t` writable (nil is reported and aborts); they
/// may be the same.
#[no_mangle]
pub unsafe extern "C" fn taia_half(t: *mut Taia, u: *const Taia) {
    // SAFETY: the caller upholds this function's contract (its # Safety section); nn
    // aborts on a nil pointer before any dereference.
    unsafe {
        let mut r = Taia::default();
        taia::half(&mut r, &*nn(u, "taia_half"));
        *(nn(t, "taia_half") as *mut Taia) = r;
    }
}

/// # Safety
/// `t` and `u` point to `struct taia`s (nil is reported and aborts).
#[no_mangle]
pub unsafe extern "C" fn taia_less(t: *const Taia, u: *const Taia) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section): both
    // point to taias, read only; nn aborts on nil before the dereference.
    unsafe { taia::less(&*nn(t, "taia_less"), &*nn(u, "taia_less")) as c_int }
}

/// # Safety
/// `t` points to a `struct taia` (nil is reported and aborts).
#[no_mangle]
pub unsafe extern "C" fn taia_approx(t: *const Taia) -> c_double {
    // SAFETY: the caller upholds this function's contract (its # Safety section): `t`
    // points to a taia, read only; nn aborts on nil before the dereference.
    unsafe { taia::approx(&*nn(t, "taia_approx")) }
}

/// # Safety
/// `t` points to a `struct taia` (nil is reported and aborts).
#[no_mangle]
pub unsafe extern "C" fn taia_frac(t: *const Taia) -> c_double {
    // SAFETY: the caller upholds this function's contract (its # Safety section): `t`
    // points to a taia, read only; nn aborts on nil before the dereference.
    unsafe { taia::frac(&*nn(t, "taia_frac")) }
}

/// # Safety
/// `t` and `u` point to `struct taia`s, `t` writable (nil is reported and aborts); they
/// may be the same.
#[no_mangle]
pub unsafe extern "C" fn taia_addsec(t: *mut Taia, u: *const Taia, secs: c_int) {
    // SAFETY: the caller upholds this function's contract (its # Safety section); nn
    // aborts on a nil pointer before any dereference.
    unsafe {
        let mut r = Taia::default();
        taia::addsec(&mut r, &*nn(u, "taia_addsec"), secs);
        *(nn(t, "taia_addsec") as *mut Taia) = r;
    }
}

/// # Safety
/// `t` points to a writable `struct taia` (nil is reported and aborts).
#[no_mangle]
pub unsafe extern "C" fn taia_uint(t: *mut Taia, s: c_uint) {
    // SAFETY: the caller upholds this function's contract (its # Safety section); nn
    // aborts on a nil pointer before any dereference.
    unsafe {
        *(nn(t, "taia_uint") as *mut Taia) = taia::from_uint(s);
    }
}

/// # Safety
/// `s` has TAIA_PACK (16) writable bytes and `t` points to a `struct taia`, neither
/// overlapping the other (nil is reported and aborts).
#[no_mangle]
pub unsafe extern "C" fn taia_pack(s: *mut c_char, t: *const Taia) {
    // SAFETY: the caller upholds this function's contract (its # Safety section); nn
    // aborts on a nil pointer before any dereference.
    unsafe {
        taia::pack(&mut *(nn(s, "taia_pack") as *mut [u8; 16]), &*nn(t, "taia_pack"));
    }
}

/// # Safety
/// `s` has TAIA_PACK (16) readable bytes and `t` points to a writable `struct taia`
/// (nil is reported and aborts).
#[no_mangle]
pub unsafe extern "C" fn taia_unpack(s: *const c_char, t: *mut Taia) {
    // SAFETY: the caller upholds this function's contract (its # Safety section); nn
    // aborts on a nil pointer before any dereference.
    unsafe {
        *(nn(t, "taia_unpack") as *mut Taia) = taia::unpack(&*(nn(s, "taia_unpack") as *const [u8; 16]));
    }
}

/// djb: with s nil only the length is returned.
///
/// # Safety
/// `t` points to a `struct taia` (nil is reported and aborts); `s` is nil or has 18
/// writable bytes (TAIA_FMTFRAC is enough; no NUL is written).
#[no_mangle]
pub unsafe extern "C" fn taia_fmtfrac(s: *mut c_char, t: *const Taia) -> c_uint {
    // SAFETY: the caller upholds this function's contract (its # Safety section); nn
    // aborts on a nil pointer before any dereference.
    unsafe {
        let d = taia::fmtfrac(&*nn(t, "taia_fmtfrac"));
        if !s.is_null() {
            core::ptr::copy_nonoverlapping(d.as_ptr(), s as *mut u8, d.len());
        }
        d.len() as c_uint
    }
}

#[no_mangle]
pub extern "C" fn threadfdwait(fd: c_int, rw: c_int) {
    wait::fdwaituntil(fd, rw, 0, "threadfdwait");
}

#[no_mangle]
pub extern "C" fn threadfdwaituntil(fd: c_int, rw: c_int, deadline: c_ulonglong) -> c_int {
    wait::fdwaituntil(fd, rw, deadline, "threadfdwaituntil")
}

#[no_mangle]
pub extern "C" fn threadread(fd: c_int, buf: *mut c_void, n: c_long) -> c_long {
    threadio::read(fd, buf, n)
}

#[no_mangle]
pub extern "C" fn threadreadn(fd: c_int, buf: *mut c_void, n: c_long) -> c_long {
    threadio::readn(fd, buf, n)
}

#[no_mangle]
pub extern "C" fn threadwrite(fd: c_int, buf: *const c_void, n: c_long) -> c_long {
    threadio::write(fd, buf, n)
}

#[no_mangle]
pub extern "C" fn threadread9pmsg(fd: c_int, buf: *mut c_void, n: c_uint) -> c_int {
    threadio::read9pmsg(fd, buf, n)
}

#[no_mangle]
pub extern "C" fn threadsendfd(s: c_int, fd: c_int) -> c_int {
    threadio::sendfd(s, fd)
}

#[no_mangle]
pub extern "C" fn threadrecvfd(s: c_int) -> c_int {
    threadio::recvfd(s)
}

#[no_mangle]
pub extern "C" fn threadsockaccept(fd: c_int, sa: *mut sockaddr, len: *mut socklen_t) -> c_int {
    threadio::sockaccept(fd, sa, len)
}

#[no_mangle]
pub extern "C" fn threadconnect(fd: c_int, sa: *const sockaddr, len: socklen_t) -> c_int {
    threadio::connect(fd, sa, len)
}

#[no_mangle]
pub extern "C" fn threadsleep(ms: c_int) {
    timeout::sleep(ms as i64)
}

#[no_mangle]
pub extern "C" fn threadfdnoblock(fd: c_int) -> c_int {
    threadio::fdnoblock(fd)
}

/// plan9port's historical set-up call; nothing to set up here.
#[no_mangle]
pub extern "C" fn threadfdwaitsetup() {}

#[no_mangle]
pub extern "C" fn altdeadline(a: *mut Alt, deadline: c_ulonglong) -> c_int {
    timeout::altdeadline(a, deadline)
}

#[no_mangle]
pub extern "C" fn alttimeout(a: *mut Alt, ms: c_long) -> c_int {
    timeout::alttimeout(a, ms)
}

#[no_mangle]
pub extern "C" fn fdchan(fd: c_int, events: c_int) -> *mut Channel {
    source::fdchan(fd, events)
}

#[no_mangle]
pub extern "C" fn timerchan(ms: c_long) -> *mut Channel {
    source::timerchan(ms)
}

#[no_mangle]
pub extern "C" fn deadlinechan(deadline: c_ulonglong) -> *mut Channel {
    source::deadlinechan(deadline, "deadlinechan")
}

/// threadannounce: announce (it does not block).
///
/// # Safety
/// `addr` is nil (errstr set, -1) or a NUL-terminated string; `dir` is nil or has
/// NETPATHLEN (40) writable bytes.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_threadannounce(addr: *const c_char, dir: *mut c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which is p9announce's.
    unsafe { crate::io::net::p9announce(addr, dir) }
}

/// threadlisten: listen, parking only the calling thread until a call arrives.
///
/// # Safety
/// `dir` is nil (errstr set, -1) or a NUL-terminated string; `newdir` is nil or has
/// NETPATHLEN (40) writable bytes.
#[no_mangle]
pub unsafe extern "C" fn threadlisten(dir: *const c_char, newdir: *mut c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which is iopause::listen's.
    unsafe { threadio::listen(dir, newdir) }
}

/// threadaccept: accept (it does not block).
///
/// # Safety
/// `dir` is nil (errstr set, -1) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn threadaccept(ctl: c_int, dir: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which is p9accept's.
    unsafe { crate::io::net::p9accept(ctl, dir) }
}
