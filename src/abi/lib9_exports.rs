//! The C entry points whose code is in the lib9 layer: each is one call into it.

use crate::base::utf::Rune;
#[allow(unused_imports)]
use crate::lib9::dir::*;
#[allow(unused_imports)]
use crate::lib9::encode::*;
#[allow(unused_imports)]
use crate::lib9::env::*;
#[allow(unused_imports)]
use crate::lib9::fmt::capi::*;
use crate::lib9::fmt::Fmt;
#[allow(unused_imports)]
use crate::lib9::lock::*;
#[allow(unused_imports)]
use crate::lib9::misc::*;
#[allow(unused_imports)]
use crate::lib9::notes::*;
#[allow(unused_imports)]
use crate::lib9::paths::*;
#[allow(unused_imports)]
use crate::lib9::rand::*;
#[allow(unused_imports)]
use crate::lib9::strings::*;
#[allow(unused_imports)]
use crate::lib9::sys::*;
#[allow(unused_imports)]
use crate::lib9::time::*;
#[allow(unused_imports)]
use crate::lib9::utf::*;
#[allow(unused_imports)]
use crate::lib9::*;
use core::ffi::*;

// crate::lib9::dir

/// # Safety
/// `file` is nil (errstr set, nil) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_dirstat(file: *const c_char) -> *mut Dir {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::dir::dirstat(file) }
}

/// # Safety
/// None beyond the C ABI: it takes no pointer.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_dirfstat(fd: c_int) -> *mut Dir {
    // SAFETY: lib9::dir::dirfstat takes no pointer; it stats into its own buffers.
    unsafe { crate::lib9::dir::dirfstat(fd) }
}

/// # Safety
/// `d` is nil (ignored) or a writable Dir.
#[no_mangle]
pub unsafe extern "C" fn nulldir(d: *mut Dir) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::dir::nulldir(d) }
}

/// # Safety
/// `file` is nil (errstr set, -1) or a NUL-terminated string; `dir` is nil (the same)
/// or a Dir whose `name` is nil or NUL-terminated (as from dirstat or nulldir).
#[no_mangle]
pub unsafe extern "C" fn dirwstat(file: *const c_char, dir: *const Dir) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::dir::dirwstat(file, dir) }
}

/// # Safety
/// `dir` is nil (errstr set, -1) or a Dir (as from dirfstat or nulldir).
#[no_mangle]
pub unsafe extern "C" fn dirfwstat(fd: c_int, dir: *const Dir) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::dir::dirfwstat(fd, dir) }
}

/// # Safety
/// `buf` is nil or `nbuf` ≤ 0 (errstr set, -1), or has `nbuf` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn fd2path(fd: c_int, buf: *mut c_char, nbuf: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::dir::fd2path(fd, buf, nbuf) }
}

/// # Safety
/// `dp` is nil (errstr set, -1) or a writable `Dir*`; it receives a malloc'd array.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_dirread(fd: c_int, dp: *mut *mut Dir) -> c_long {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::dir::dirread(fd, dp) }
}

/// # Safety
/// `dp` is nil (errstr set, -1) or a writable `Dir*`; it receives a malloc'd array.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_dirreadall(fd: c_int, dp: *mut *mut Dir) -> c_long {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::dir::dirreadall(fd, dp) }
}

// crate::lib9::encode

/// # Safety
/// `out` has `lim` writable bytes and `inp` `n` readable bytes, not overlapping (a nil
/// one with a positive count, or a bad count, sets errstr: -1).
#[no_mangle]
pub unsafe extern "C" fn enc64(out: *mut c_char, lim: c_int, inp: *const u8, n: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::encode::enc64(out, lim, inp, n) }
}

/// # Safety
/// As for enc64.
#[no_mangle]
pub unsafe extern "C" fn dec64(out: *mut u8, lim: c_int, inp: *const c_char, n: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::encode::dec64(out, lim, inp, n) }
}

/// # Safety
/// As for enc64.
#[no_mangle]
pub unsafe extern "C" fn enc16(out: *mut c_char, lim: c_int, inp: *const u8, n: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::encode::enc16(out, lim, inp, n) }
}

/// # Safety
/// As for enc64.
#[no_mangle]
pub unsafe extern "C" fn dec16(out: *mut u8, lim: c_int, inp: *const c_char, n: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::encode::dec16(out, lim, inp, n) }
}

/// # Safety
/// As for enc64.
#[no_mangle]
pub unsafe extern "C" fn enc32(out: *mut c_char, lim: c_int, inp: *const u8, n: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::encode::enc32(out, lim, inp, n) }
}

/// # Safety
/// As for enc64.
#[no_mangle]
pub unsafe extern "C" fn dec32(out: *mut u8, lim: c_int, inp: *const c_char, n: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::encode::dec32(out, lim, inp, n) }
}

// crate::lib9::env

/// # Safety
/// `name` is nil (nil returned) or a NUL-terminated string; as for getenv(3), no
/// other OS thread may change the environment meanwhile.
#[no_mangle]
pub unsafe extern "C" fn p9getenv(name: *const c_char) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::env::p9getenv(name) }
}

/// # Safety
/// `name` and `val` are nil (a bad name, errstr set, -1; an empty value) or
/// NUL-terminated strings; as for setenv(3), no other OS thread may use the environment
/// meanwhile.
#[no_mangle]
pub unsafe extern "C" fn p9putenv(name: *const c_char, val: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::env::p9putenv(name, val) }
}

#[no_mangle]
pub extern "C" fn p9nsec() -> c_longlong {
    crate::lib9::env::p9nsec()
}

/// # Safety
/// `tp` is nil or a writable `long`.
#[no_mangle]
pub unsafe extern "C" fn p9time(tp: *mut c_long) -> c_long {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::env::p9time(tp) }
}

#[no_mangle]
pub extern "C" fn p9sleep(ms: c_long) -> c_int {
    crate::lib9::env::p9sleep(ms)
}

#[no_mangle]
pub extern "C" fn needstack(n: c_int) {
    crate::lib9::env::needstack(n)
}

// crate::lib9::fmt::capi

/// # Safety
/// The print family's bridge: `f` is Fmt storage whose `args` is a started va_list
/// matching `fmt`'s verbs; `fmt` is nil (reported) or a NUL-terminated string; `call` is
/// nil or a NUL-terminated string that is never freed (a literal).
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_fdprint(f: *mut Fmt, fd: c_int, fmt: *const c_char, call: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::thread9_rt_fdprint(f, fd, fmt, call) }
}

/// # Safety
/// The snprint family's bridge: as for thread9_rt_fdprint, and `buf` is nil (reported,
/// -1) or has `len` writable units (bytes, or Runes with `runes`).
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_snprint(
    f: *mut Fmt,
    buf: *mut c_void,
    len: c_int,
    runes: c_int,
    fmt: *const c_char,
    call: *const c_char,
) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::thread9_rt_snprint(f, buf, len, runes, fmt, call) }
}

/// # Safety
/// The seprint family's bridge: as for thread9_rt_fdprint, and [`buf`, `e`) is
/// writable (a nil `buf` or `e` ≤ `buf` returns nil).
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_seprint(
    f: *mut Fmt,
    buf: *mut c_void,
    e: *mut c_void,
    runes: c_int,
    fmt: *const c_char,
    call: *const c_char,
) -> *mut c_void {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::thread9_rt_seprint(f, buf, e, runes, fmt, call) }
}

/// # Safety
/// The smprint family's bridge: `f` is Fmt storage whose `args` is a started va_list
/// matching `fmt`'s verbs; `fmt` is nil (reported) or a NUL-terminated string; `call` is
/// nil or a NUL-terminated string that is never freed (a literal).
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_smprint(
    f: *mut Fmt,
    runes: c_int,
    fmt: *const c_char,
    call: *const c_char,
) -> *mut c_void {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::thread9_rt_smprint(f, runes, fmt, call) }
}

/// # Safety
/// fmtvprint's bridge: `f` is a live Fmt (from fmtstrinit, fmtfdinit or handed to a
/// formatter; the shim reports nil) whose `args` now matches `fmt`'s verbs; `fmt` is nil
/// (reported, -1) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_fmtvprint(f: *mut Fmt, fmt: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::thread9_rt_fmtvprint(f, fmt) }
}

/// # Safety
/// werrstr's bridge: `f` is Fmt storage whose `args` is a started va_list matching
/// `fmt`'s verbs; `fmt` is nil (reported, an empty error) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_werrstr(f: *mut Fmt, fmt: *const c_char) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::thread9_rt_werrstr(f, fmt) }
}

/// # Safety
/// `call` is nil or a NUL-terminated string that is never freed (a literal).
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_nilfmt(call: *const c_char) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::thread9_rt_nilfmt(call) }
}

/// # Safety
/// `f` is nil (reported, -1) or a live Fmt whose `args` matches `fmt`'s verbs; `fmt` is
/// nil (reported, -1) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn dofmt(f: *mut Fmt, fmt: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::dofmt(f, fmt) }
}

#[no_mangle]
pub extern "C" fn fmtinstall(c: c_int, f: Option<unsafe extern "C" fn(*mut Fmt) -> c_int>) -> c_int {
    crate::lib9::fmt::capi::fmtinstall(c, f)
}

/// # Safety
/// `f` is nil (reported, -1) or a live Fmt; `s` is nil (`<nil>`) or readable up to its
/// NUL or, with a precision, that many runes.
#[no_mangle]
pub unsafe extern "C" fn fmtstrcpy(f: *mut Fmt, s: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::fmtstrcpy(f, s) }
}

/// # Safety
/// `f` is nil (reported, -1) or a live Fmt; `s` is nil (`<nil>`) or Runes readable up
/// to a 0 or, with a precision, that many.
#[no_mangle]
pub unsafe extern "C" fn fmtrunestrcpy(f: *mut Fmt, s: *const u32) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::fmtrunestrcpy(f, s) }
}

/// # Safety
/// `f` is nil (reported, -1) or a live Fmt.
#[no_mangle]
pub unsafe extern "C" fn fmtrune(f: *mut Fmt, r: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::fmtrune(f, r) }
}

/// # Safety
/// `f` is nil (reported, -1) or writable Fmt storage; `buf` has `size` writable bytes
/// (nil with `size` > 0, or `size` < 0, is reported) and outlives the Fmt's use.
#[no_mangle]
pub unsafe extern "C" fn fmtfdinit(f: *mut Fmt, fd: c_int, buf: *mut c_char, size: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::fmtfdinit(f, fd, buf, size) }
}

/// # Safety
/// `f` is nil (reported, -1) or a Fmt set up by fmtfdinit.
#[no_mangle]
pub unsafe extern "C" fn fmtfdflush(f: *mut Fmt) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::fmtfdflush(f) }
}

/// # Safety
/// `f` is nil (reported, -1) or writable Fmt storage: all of it but `args` is set.
#[no_mangle]
pub unsafe extern "C" fn fmtstrinit(f: *mut Fmt) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::fmtstrinit(f) }
}

/// # Safety
/// `f` is nil (reported, nil) or a Fmt set up by fmtstrinit and not flushed yet (the
/// string returned is the caller's to free).
#[no_mangle]
pub unsafe extern "C" fn fmtstrflush(f: *mut Fmt) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::fmtstrflush(f) }
}

/// # Safety
/// `f` is nil (reported, -1) or writable Fmt storage: all of it but `args` is set.
#[no_mangle]
pub unsafe extern "C" fn runefmtstrinit(f: *mut Fmt) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::runefmtstrinit(f) }
}

/// # Safety
/// `f` is nil (reported, nil) or a Fmt set up by runefmtstrinit and not flushed yet
/// (the string returned is the caller's to free).
#[no_mangle]
pub unsafe extern "C" fn runefmtstrflush(f: *mut Fmt) -> *mut u32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::runefmtstrflush(f) }
}

/// # Safety
/// `f` is nil (reported) or a live Fmt; `decimal`, `thousands` and `grouping` are each
/// nil (Plan 9's default) or a NUL-terminated string that outlives the Fmt's use.
#[no_mangle]
pub unsafe extern "C" fn fmtlocaleinit(
    f: *mut Fmt,
    decimal: *mut c_char,
    thousands: *mut c_char,
    grouping: *mut c_char,
) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::fmtlocaleinit(f, decimal, thousands, grouping) }
}

/// # Safety
/// A %q formatter: `f` is nil (reported, -1) or the Fmt handed to a formatter, whose
/// next argument is a `char*`, nil (`<nil>`) or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn quotestrfmt(f: *mut Fmt) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::quotestrfmt(f) }
}

/// # Safety
/// A %Q formatter: `f` is nil (reported, -1) or the Fmt handed to a formatter, whose
/// next argument is a `Rune*`, nil (`<nil>`) or 0-terminated.
#[no_mangle]
pub unsafe extern "C" fn quoterunestrfmt(f: *mut Fmt) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::quoterunestrfmt(f) }
}

/// # Safety
/// `s` is nil (nil returned) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn quotestrdup(s: *const c_char) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::quotestrdup(s) }
}

/// # Safety
/// `s` is nil (nil returned) or a 0-terminated Rune string.
#[no_mangle]
pub unsafe extern "C" fn quoterunestrdup(s: *const u32) -> *mut u32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::quoterunestrdup(s) }
}

/// # Safety
/// `s` is nil (nil returned) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn unquotestrdup(s: *const c_char) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::unquotestrdup(s) }
}

/// # Safety
/// `s` is nil (nil returned) or a 0-terminated Rune string.
#[no_mangle]
pub unsafe extern "C" fn unquoterunestrdup(s: *const u32) -> *mut u32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::unquoterunestrdup(s) }
}

#[no_mangle]
pub extern "C" fn needsrcquote(c: c_int) -> c_int {
    crate::lib9::fmt::capi::needsrcquote(c)
}

#[no_mangle]
pub extern "C" fn quotefmtinstall() {
    crate::lib9::fmt::capi::quotefmtinstall()
}

#[no_mangle]
pub extern "C" fn thread9_rt_errbuf() -> *mut c_char {
    crate::lib9::fmt::capi::thread9_rt_errbuf()
}

/// # Safety
/// `buf` is nil (reported, -1) or has `n` readable and writable bytes.
#[no_mangle]
pub unsafe extern "C" fn errstr(buf: *mut c_char, n: c_uint) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::errstr(buf, n) }
}

/// # Safety
/// `buf` is nil (reported) or has `n` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn rerrstr(buf: *mut c_char, n: c_uint) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::fmt::capi::rerrstr(buf, n) }
}

// crate::lib9::lock

/// # Safety
/// `l` is nil (reported, abort) or a live Lock (all zero bytes: unlocked) that is
/// neither moved nor freed while held.
#[no_mangle]
pub unsafe extern "C" fn lock(l: *mut Lock) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::lock(l) }
}

/// # Safety
/// `l` is nil (reported, abort) or a live Lock (all zero bytes: unlocked) that is
/// neither moved nor freed while held.
#[no_mangle]
pub unsafe extern "C" fn canlock(l: *mut Lock) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::canlock(l) }
}

/// # Safety
/// `l` is nil (reported, abort) or a live Lock (all zero bytes: unlocked) that is
/// neither moved nor freed while held.
#[no_mangle]
pub unsafe extern "C" fn unlock(l: *mut Lock) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::unlock(l) }
}

/// # Safety
/// `q` is nil (reported, abort) or a live QLock (all zero bytes: unlocked) that is
/// neither moved nor freed while held or waited for (waiters are linked into it).
#[no_mangle]
pub unsafe extern "C" fn qlock(q: *mut QLock) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::qlock(q) }
}

/// # Safety
/// `q` is nil (reported, abort) or a live QLock (all zero bytes: unlocked) that is
/// neither moved nor freed while held or waited for (waiters are linked into it).
#[no_mangle]
pub unsafe extern "C" fn canqlock(q: *mut QLock) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::canqlock(q) }
}

/// # Safety
/// `q` is nil (reported, abort) or a live QLock (all zero bytes: unlocked) that is
/// neither moved nor freed while held or waited for (waiters are linked into it).
#[no_mangle]
pub unsafe extern "C" fn qunlock(q: *mut QLock) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::qunlock(q) }
}

/// # Safety
/// `l` is nil (reported, abort) or a live RWLock (all zero bytes: unlocked) that is
/// neither moved nor freed while held or waited for (waiters are linked into it).
#[no_mangle]
pub unsafe extern "C" fn rlock(l: *mut RWLock) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::rlock(l) }
}

/// # Safety
/// `l` is nil (reported, abort) or a live RWLock (all zero bytes: unlocked) that is
/// neither moved nor freed while held or waited for (waiters are linked into it).
#[no_mangle]
pub unsafe extern "C" fn canrlock(l: *mut RWLock) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::canrlock(l) }
}

/// # Safety
/// `l` is nil (reported, abort) or a live RWLock (all zero bytes: unlocked) that is
/// neither moved nor freed while held or waited for (waiters are linked into it).
#[no_mangle]
pub unsafe extern "C" fn runlock(l: *mut RWLock) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::runlock(l) }
}

/// # Safety
/// `l` is nil (reported, abort) or a live RWLock (all zero bytes: unlocked) that is
/// neither moved nor freed while held or waited for (waiters are linked into it).
#[no_mangle]
pub unsafe extern "C" fn wlock(l: *mut RWLock) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::wlock(l) }
}

/// # Safety
/// `l` is nil (reported, abort) or a live RWLock (all zero bytes: unlocked) that is
/// neither moved nor freed while held or waited for (waiters are linked into it).
#[no_mangle]
pub unsafe extern "C" fn canwlock(l: *mut RWLock) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::canwlock(l) }
}

/// # Safety
/// `l` is nil (reported, abort) or a live RWLock (all zero bytes: unlocked) that is
/// neither moved nor freed while held or waited for (waiters are linked into it).
#[no_mangle]
pub unsafe extern "C" fn wunlock(l: *mut RWLock) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::wunlock(l) }
}

/// # Safety
/// `r` is nil (reported, abort) or a live Rendez whose `l` is a QLock the caller holds
/// (nil or not held is reported, abort); neither moves nor is freed while threads sleep.
#[no_mangle]
pub unsafe extern "C" fn rsleep(r: *mut Rendez) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::rsleep(r) }
}

/// # Safety
/// `r` is nil (reported, abort) or a live Rendez whose `l` is nil (reported, abort)
/// or a live QLock.
#[no_mangle]
pub unsafe extern "C" fn rwakeup(r: *mut Rendez) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::rwakeup(r) }
}

/// # Safety
/// `r` is nil (reported, abort) or a live Rendez whose `l` is nil (reported, abort)
/// or a live QLock.
#[no_mangle]
pub unsafe extern "C" fn rwakeupall(r: *mut Rendez) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::rwakeupall(r) }
}

/// # Safety
/// plan9port lib9's hook (src/c/lib9.c installs it): as for lock; `pc` is not used.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_lock(l: *mut Lock, block: c_int, _pc: c_ulong) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::thread9_rt_lock(l, block, _pc) }
}

/// # Safety
/// plan9port lib9's hook (src/c/lib9.c installs it): as for unlock; `pc` is not used.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_unlock(l: *mut Lock, _pc: c_ulong) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::thread9_rt_unlock(l, _pc) }
}

/// # Safety
/// plan9port lib9's hook (src/c/lib9.c installs it): as for qlock; `pc` is not used.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_qlock(q: *mut QLock, block: c_int, _pc: c_ulong) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::thread9_rt_qlock(q, block, _pc) }
}

/// # Safety
/// plan9port lib9's hook (src/c/lib9.c installs it): as for qunlock; `pc` is not used.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_qunlock(q: *mut QLock, _pc: c_ulong) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::thread9_rt_qunlock(q, _pc) }
}

/// # Safety
/// plan9port lib9's hook (src/c/lib9.c installs it): as for rlock; `pc` is not used.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_rlock(l: *mut RWLock, block: c_int, _pc: c_ulong) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::thread9_rt_rlock(l, block, _pc) }
}

/// # Safety
/// plan9port lib9's hook (src/c/lib9.c installs it): as for wlock; `pc` is not used.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_wlock(l: *mut RWLock, block: c_int, _pc: c_ulong) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::thread9_rt_wlock(l, block, _pc) }
}

/// # Safety
/// plan9port lib9's hook (src/c/lib9.c installs it): as for runlock; `pc` is not used.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_runlock(l: *mut RWLock, _pc: c_ulong) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::thread9_rt_runlock(l, _pc) }
}

/// # Safety
/// plan9port lib9's hook (src/c/lib9.c installs it): as for wunlock; `pc` is not used.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_wunlock(l: *mut RWLock, _pc: c_ulong) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::thread9_rt_wunlock(l, _pc) }
}

/// # Safety
/// plan9port lib9's hook (src/c/lib9.c installs it): as for rsleep; `pc` is not used.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_rsleep(r: *mut Rendez, _pc: c_ulong) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::thread9_rt_rsleep(r, _pc) }
}

/// # Safety
/// plan9port lib9's hook (src/c/lib9.c installs it): as for rwakeup; `pc` is not used.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_rwakeup(r: *mut Rendez, all: c_int, _pc: c_ulong) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::lock::thread9_rt_rwakeup(r, all, _pc) }
}

#[no_mangle]
pub extern "C" fn thread9_rt_pin() {
    crate::lib9::lock::thread9_rt_pin()
}

#[no_mangle]
pub extern "C" fn thread9_rt_unpin() {
    crate::lib9::lock::thread9_rt_unpin()
}

// crate::lib9::misc

/// # Safety
/// `linear` is nil (errstr set, nil) or a NUL-terminated string; `defnet` and
/// `defsrv` are nil or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn p9netmkaddr(linear: *mut c_char, defnet: *const c_char, defsrv: *const c_char) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::misc::p9netmkaddr(linear, defnet, defsrv) }
}

#[no_mangle]
pub extern "C" fn truerand() -> c_ulong {
    crate::lib9::misc::truerand()
}

#[no_mangle]
pub extern "C" fn ntruerand(n: c_ulong) -> c_ulong {
    crate::lib9::misc::ntruerand(n)
}

#[no_mangle]
pub extern "C" fn p9alarm(ms: c_ulong) -> c_long {
    crate::lib9::misc::p9alarm(ms)
}

/// # Safety
/// `prog` is nil (errstr set, -1) or a NUL-terminated string, `argv` nil (the same) or
/// a nil-terminated array of NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn p9exec(prog: *const c_char, argv: *const *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::misc::p9exec(prog, argv) }
}

// crate::lib9

/// # Safety
/// sysfatal's end: `msg` is nil or a NUL-terminated string (the shim's buffer).
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_fatal(msg: *const c_char) -> ! {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::thread9_rt_fatal(msg) }
}

#[no_mangle]
pub extern "C" fn __fixargv0() {
    crate::lib9::__fixargv0()
}

// crate::lib9::notes

#[no_mangle]
pub extern "C" fn thread9_rt_sigstr(sig: c_int) -> *const c_char {
    crate::lib9::notes::thread9_rt_sigstr(sig)
}

/// # Safety
/// `name` is nil or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_strsig(name: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::notes::thread9_rt_strsig(name) }
}

#[no_mangle]
pub extern "C" fn atnotify(f: Option<unsafe extern "C" fn(*mut c_void, *mut c_char) -> c_int>, on: c_int) -> c_int {
    crate::lib9::notes::atnotify(f, on)
}

/// # Safety
/// `note` is nil or NUL-terminated; `c` is nil or a channel.
#[no_mangle]
pub unsafe extern "C" fn notifychan(c: *mut crate::chan::Channel, note: *const c_char, on: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::notes::notifychan(c, note, on) }
}

#[no_mangle]
pub extern "C" fn threadnotify(f: Option<unsafe extern "C" fn(*mut c_void, *mut c_char) -> c_int>, on: c_int) -> c_int {
    crate::lib9::notes::threadnotify(f, on)
}

/// # Safety
/// The shim's note handler: `v` and `msg` (a NUL-terminated note) are what it was
/// given, passed on as they are to the program's atnotify handlers.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_atnotify_run(v: *mut c_void, msg: *mut c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::notes::thread9_rt_atnotify_run(v, msg) }
}

/// # Safety
/// `msg` is nil (an unknown note: errstr set, -1) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn postnote(group: c_int, pid: c_int, msg: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::notes::postnote(group, pid, msg) }
}

// crate::lib9::paths

/// # Safety
/// `name` is nil (errstr set) or a writable NUL-terminated string, of at least 2 bytes
/// when empty ("" becomes ".").
#[no_mangle]
pub unsafe extern "C" fn cleanname(name: *mut c_char) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::paths::cleanname(name) }
}

/// # Safety
/// `s` is nil or `ns` ≤ 0 (errstr set, nil), or has `ns` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn p9getwd(s: *mut c_char, ns: c_int) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::paths::p9getwd(s, ns) }
}

/// Registers getpwuid_r and getgrgid_r (src/c/nss_user.c, base::nss).
///
/// # Safety
/// `pw` and `gr` are glibc's getpwuid_r and getgrgid_r.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_nss_users(pw: *const c_void, gr: *const c_void) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::base::nss::set_users(pw, gr) }
}

/// Registers getaddrinfo and freeaddrinfo (src/c/nss_net.c, base::nss).
///
/// # Safety
/// `gai` and `fai` are glibc's getaddrinfo and freeaddrinfo.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_nss_net(gai: *const c_void, fai: *const c_void) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::base::nss::set_net(gai, fai) }
}

#[no_mangle]
pub extern "C" fn thread9_rt_getuser() -> *mut c_char {
    crate::lib9::paths::getuser()
}

#[no_mangle]
pub extern "C" fn sysname() -> *mut c_char {
    crate::lib9::paths::sysname()
}

#[no_mangle]
pub extern "C" fn get9root() -> *mut c_char {
    crate::lib9::paths::get9root()
}

/// # Safety
/// `old` is nil (returned as it is) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn unsharp(old: *mut c_char) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::paths::unsharp(old) }
}

/// # Safety
/// `name` is nil (errstr set, nil) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn searchpath(name: *const c_char) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::paths::searchpath(name) }
}

/// # Safety
/// `template` is nil (errstr set, -1) or a writable NUL-terminated string (its XXXXXX is replaced).
#[no_mangle]
pub unsafe extern "C" fn opentemp(template: *mut c_char, mode: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::paths::opentemp(template, mode) }
}

// crate::lib9::rand

#[no_mangle]
pub extern "C" fn p9srand(s: c_long) {
    crate::lib9::rand::p9srand(s)
}

#[no_mangle]
pub extern "C" fn p9lrand() -> c_long {
    crate::lib9::rand::p9lrand()
}

#[no_mangle]
pub extern "C" fn p9rand() -> c_int {
    crate::lib9::rand::p9rand()
}

#[no_mangle]
pub extern "C" fn p9lnrand(n: c_long) -> c_long {
    crate::lib9::rand::p9lnrand(n)
}

#[no_mangle]
pub extern "C" fn p9nrand(n: c_int) -> c_int {
    crate::lib9::rand::p9nrand(n)
}

#[no_mangle]
pub extern "C" fn p9frand() -> c_double {
    crate::lib9::rand::p9frand()
}

// crate::lib9::strings

// p9malloc, mallocz, p9free, p9realloc and p9calloc are defined in src/c/alloc.c
// (frame pointers for ASan's allocation stacks); they report a failure here.

/// src/c/alloc.c: an allocation failed; sets errstr "out of memory".
#[no_mangle]
pub extern "C" fn thread9_rt_nomem() {
    crate::runtime::errstr::set(b"out of memory")
}

/// # Safety
/// `s` is nil (errstr set, nil) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn p9strdup(s: *const c_char) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::strings::p9strdup(s) }
}

/// # Safety
/// `to` is nil or `e` ≤ `to` (nothing written), or [`to`, `e`) is writable, in one
/// object; `from` is nil (empty) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn strecpy(to: *mut c_char, e: *mut c_char, from: *const c_char) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::strings::strecpy(to, e, from) }
}

/// # Safety
/// `s` is nil (0) or a writable NUL-terminated string, cut in place; `args` is nil (0)
/// or has `max` writable slots.
#[no_mangle]
pub unsafe extern "C" fn tokenize(s: *mut c_char, args: *mut *mut c_char, max: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::strings::tokenize(s, args, max) }
}

/// # Safety
/// As for tokenize; `sep` is nil (no separator) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn gettokens(s: *mut c_char, args: *mut *mut c_char, max: c_int, sep: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::strings::gettokens(s, args, max, sep) }
}

/// # Safety
/// As for tokenize; `set` is nil (no separator) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn getfields(
    s: *mut c_char,
    args: *mut *mut c_char,
    max: c_int,
    mflag: c_int,
    set: *const c_char,
) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::strings::getfields(s, args, max, mflag, set) }
}

/// # Safety
/// `a` and `b` are nil (empty) or NUL-terminated strings, even past `n` (each is read to its NUL).
#[no_mangle]
pub unsafe extern "C" fn cistrncmp(a: *const c_char, b: *const c_char, n: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::strings::cistrncmp(a, b, n) }
}

/// # Safety
/// `a` and `b` are nil (empty) or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn cistrcmp(a: *const c_char, b: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::strings::cistrcmp(a, b) }
}

/// # Safety
/// `a` and `b` are nil (nil returned) or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn cistrstr(a: *const c_char, b: *const c_char) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::strings::cistrstr(a, b) }
}

/// # Safety
/// `s` is nil (0) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn p9atoll(s: *const c_char) -> c_longlong {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::strings::p9atoll(s) }
}

/// # Safety
/// `s` is nil (0) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn p9atol(s: *const c_char) -> c_long {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::strings::p9atol(s) }
}

/// # Safety
/// `s` is nil (0) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn p9atoi(s: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::strings::p9atoi(s) }
}

// crate::lib9::sys

/// # Safety
/// No pointer is taken. As for fork(2): with RFPROC the child has only the calling OS
/// thread, and in a program with several procs it should only exec or _exit.
#[no_mangle]
pub unsafe extern "C" fn p9rfork(flags: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::sys::p9rfork(flags) }
}

// crate::lib9::time

#[no_mangle]
pub extern "C" fn p9gmtime(t: c_long) -> *mut Tm {
    crate::lib9::time::p9gmtime(t)
}

#[no_mangle]
pub extern "C" fn p9localtime(t: c_long) -> *mut Tm {
    crate::lib9::time::p9localtime(t)
}

/// # Safety
/// `t` is nil (errstr set, nil) or a Tm; the result is a per-OS-thread buffer that the
/// next call overwrites.
#[no_mangle]
pub unsafe extern "C" fn p9asctime(t: *const Tm) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::time::p9asctime(t) }
}

#[no_mangle]
pub extern "C" fn p9ctime(t: c_long) -> *mut c_char {
    crate::lib9::time::p9ctime(t)
}

/// # Safety
/// `tm` is nil (errstr set, 0) or a Tm.
#[no_mangle]
pub unsafe extern "C" fn p9tm2sec(tm: *const Tm) -> c_long {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::time::p9tm2sec(tm) }
}

/// # Safety
/// `t` is nil or has room for 4 `long`s.
#[no_mangle]
pub unsafe extern "C" fn p9times(t: *mut c_long) -> c_long {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::time::p9times(t) }
}

#[no_mangle]
pub extern "C" fn p9cputime() -> f64 {
    crate::lib9::time::p9cputime()
}

// crate::lib9::utf

/// # Safety
/// `r` is a writable Rune and `s` is readable up to one rune's bytes or a NUL (a nil
/// one is reported: 0).
#[no_mangle]
pub unsafe extern "C" fn chartorune(r: *mut Rune, s: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::utf::chartorune(r, s) }
}

/// # Safety
/// `s` has UTFMAX (4) writable bytes and `r` points to a Rune (a nil one is reported: 0).
#[no_mangle]
pub unsafe extern "C" fn runetochar(s: *mut c_char, r: *const Rune) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::utf::runetochar(s, r) }
}

#[no_mangle]
pub extern "C" fn runelen(c: c_long) -> c_int {
    crate::lib9::utf::runelen(c)
}

/// # Safety
/// `r` is nil (0) or has `n` readable Runes.
#[no_mangle]
pub unsafe extern "C" fn runenlen(r: *const Rune, n: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::utf::runenlen(r, n) }
}

/// # Safety
/// `s` is nil or `n` ≤ 0 (0), or has at least one readable byte.
#[no_mangle]
pub unsafe extern "C" fn fullrune(s: *const c_char, n: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::utf::fullrune(s, n) }
}

/// # Safety
/// `s` is nil (reported, 0) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn utflen(s: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::utf::utflen(s) }
}

/// # Safety
/// `s` is nil (0) or readable up to `m` bytes or its NUL.
#[no_mangle]
pub unsafe extern "C" fn utfnlen(s: *const c_char, m: c_long) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::utf::utfnlen(s, m) }
}

/// # Safety
/// `s` is nil (reported, nil) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn utfrune(s: *const c_char, c: c_long) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::utf::utfrune(s, c) }
}

/// # Safety
/// `s` is nil (reported, nil) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn utfrrune(s: *const c_char, c: c_long) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::utf::utfrrune(s, c) }
}

/// # Safety
/// `s1` and `s2` are nil (reported, nil) or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn utfutf(s1: *const c_char, s2: *const c_char) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::utf::utfutf(s1, s2) }
}

/// # Safety
/// `to` is nil or `e` ≤ `to` (nothing written), or [`to`, `e`) is writable, in one
/// object; `from` is nil (reported, empty) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn utfecpy(to: *mut c_char, e: *mut c_char, from: *const c_char) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::utf::utfecpy(to, e, from) }
}

/// # Safety
/// `s` is nil (reported, 0) or a 0-terminated Rune string.
#[no_mangle]
pub unsafe extern "C" fn runestrlen(s: *const Rune) -> c_long {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::utf::runestrlen(s) }
}

/// # Safety
/// `s2` is a 0-terminated Rune string and `s1` has room for it and its 0 (a nil one is
/// reported).
#[no_mangle]
pub unsafe extern "C" fn runestrcpy(s1: *mut Rune, s2: *const Rune) -> *mut Rune {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::utf::runestrcpy(s1, s2) }
}

/// # Safety
/// `s1` has `n` writable Runes and `s2` is readable up to `n` or its 0 (a nil one is reported).
#[no_mangle]
pub unsafe extern "C" fn runestrncpy(s1: *mut Rune, s2: *const Rune, n: c_long) -> *mut Rune {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::utf::runestrncpy(s1, s2, n) }
}

/// # Safety
/// `s1` is nil or `es1` ≤ `s1` (nothing written), or [`s1`, `es1`) is writable, in one
/// object; `s2` is nil (reported, empty) or readable up to its 0 or the room.
#[no_mangle]
pub unsafe extern "C" fn runestrecpy(s1: *mut Rune, es1: *mut Rune, s2: *const Rune) -> *mut Rune {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::utf::runestrecpy(s1, es1, s2) }
}

/// # Safety
/// `s1` and `s2` are 0-terminated Rune strings, `s1` with room for `s2`'s Runes and a
/// 0 after its own (a nil one is reported).
#[no_mangle]
pub unsafe extern "C" fn runestrcat(s1: *mut Rune, s2: *const Rune) -> *mut Rune {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::utf::runestrcat(s1, s2) }
}

/// # Safety
/// `s1` is a 0-terminated Rune string with room for `n` more Runes and a 0, `s2`
/// readable up to `n` or its 0 (a nil one is reported).
#[no_mangle]
pub unsafe extern "C" fn runestrncat(s1: *mut Rune, s2: *const Rune, n: c_long) -> *mut Rune {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::utf::runestrncat(s1, s2, n) }
}

/// # Safety
/// `s1` and `s2` are nil (reported) or 0-terminated Rune strings.
#[no_mangle]
pub unsafe extern "C" fn runestrcmp(s1: *const Rune, s2: *const Rune) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::utf::runestrcmp(s1, s2) }
}

/// # Safety
/// `s1` and `s2` are nil (reported, 0) or readable up to `n` Runes or their 0.
#[no_mangle]
pub unsafe extern "C" fn runestrncmp(s1: *const Rune, s2: *const Rune, n: c_long) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::utf::runestrncmp(s1, s2, n) }
}

/// # Safety
/// `s` is nil (reported, nil) or a 0-terminated Rune string.
#[no_mangle]
pub unsafe extern "C" fn runestrchr(s: *const Rune, c: Rune) -> *mut Rune {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::utf::runestrchr(s, c) }
}

/// # Safety
/// `s` is nil (reported, nil) or a 0-terminated Rune string.
#[no_mangle]
pub unsafe extern "C" fn runestrrchr(s: *const Rune, c: Rune) -> *mut Rune {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::utf::runestrrchr(s, c) }
}

/// # Safety
/// `s1` and `s2` are nil (reported) or 0-terminated Rune strings.
#[no_mangle]
pub unsafe extern "C" fn runestrstr(s1: *const Rune, s2: *const Rune) -> *mut Rune {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::utf::runestrstr(s1, s2) }
}

/// # Safety
/// `s` is nil (reported, nil) or a 0-terminated Rune string.
#[no_mangle]
pub unsafe extern "C" fn runestrdup(s: *const Rune) -> *mut Rune {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::lib9::utf::runestrdup(s) }
}

#[no_mangle]
pub extern "C" fn isalpharune(c: Rune) -> c_int {
    crate::lib9::utf::isalpharune(c)
}

#[no_mangle]
pub extern "C" fn islowerrune(c: Rune) -> c_int {
    crate::lib9::utf::islowerrune(c)
}

#[no_mangle]
pub extern "C" fn isupperrune(c: Rune) -> c_int {
    crate::lib9::utf::isupperrune(c)
}

#[no_mangle]
pub extern "C" fn isspacerune(c: Rune) -> c_int {
    crate::lib9::utf::isspacerune(c)
}

#[no_mangle]
pub extern "C" fn tolowerrune(c: Rune) -> Rune {
    crate::lib9::utf::tolowerrune(c)
}

#[no_mangle]
pub extern "C" fn toupperrune(c: Rune) -> Rune {
    crate::lib9::utf::toupperrune(c)
}
