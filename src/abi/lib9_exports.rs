//! The C entry points whose code is in the lib9 layer: each is one call into it.

#![allow(clippy::missing_safety_doc)]

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

#[no_mangle]
pub unsafe extern "C" fn dirstat(file: *const c_char) -> *mut Dir {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::dir::dirstat(file) }
}

#[no_mangle]
pub unsafe extern "C" fn dirfstat(fd: c_int) -> *mut Dir {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::dir::dirfstat(fd) }
}

#[no_mangle]
pub unsafe extern "C" fn nulldir(d: *mut Dir) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::dir::nulldir(d) }
}

#[no_mangle]
pub unsafe extern "C" fn dirwstat(file: *const c_char, dir: *const Dir) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::dir::dirwstat(file, dir) }
}

#[no_mangle]
pub unsafe extern "C" fn dirfwstat(fd: c_int, dir: *const Dir) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::dir::dirfwstat(fd, dir) }
}

#[no_mangle]
pub unsafe extern "C" fn fd2path(fd: c_int, buf: *mut c_char, nbuf: c_int) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::dir::fd2path(fd, buf, nbuf) }
}

#[no_mangle]
pub unsafe extern "C" fn dirread(fd: c_int, dp: *mut *mut Dir) -> c_long {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::dir::dirread(fd, dp) }
}

#[no_mangle]
pub unsafe extern "C" fn dirreadall(fd: c_int, dp: *mut *mut Dir) -> c_long {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::dir::dirreadall(fd, dp) }
}

// crate::lib9::encode

#[no_mangle]
pub unsafe extern "C" fn enc64(out: *mut c_char, lim: c_int, inp: *const u8, n: c_int) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::encode::enc64(out, lim, inp, n) }
}

#[no_mangle]
pub unsafe extern "C" fn dec64(out: *mut u8, lim: c_int, inp: *const c_char, n: c_int) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::encode::dec64(out, lim, inp, n) }
}

#[no_mangle]
pub unsafe extern "C" fn enc16(out: *mut c_char, lim: c_int, inp: *const u8, n: c_int) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::encode::enc16(out, lim, inp, n) }
}

#[no_mangle]
pub unsafe extern "C" fn dec16(out: *mut u8, lim: c_int, inp: *const c_char, n: c_int) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::encode::dec16(out, lim, inp, n) }
}

#[no_mangle]
pub unsafe extern "C" fn enc32(out: *mut c_char, lim: c_int, inp: *const u8, n: c_int) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::encode::enc32(out, lim, inp, n) }
}

#[no_mangle]
pub unsafe extern "C" fn dec32(out: *mut u8, lim: c_int, inp: *const c_char, n: c_int) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::encode::dec32(out, lim, inp, n) }
}

// crate::lib9::env

#[no_mangle]
pub unsafe extern "C" fn p9getenv(name: *const c_char) -> *mut c_char {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::env::p9getenv(name) }
}

#[no_mangle]
pub unsafe extern "C" fn p9putenv(name: *const c_char, val: *const c_char) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::env::p9putenv(name, val) }
}

#[no_mangle]
pub extern "C" fn p9nsec() -> c_longlong {
    crate::lib9::env::p9nsec()
}

#[no_mangle]
pub unsafe extern "C" fn p9time(tp: *mut c_long) -> c_long {
    // SAFETY: the C caller's arguments, as the function's man page requires.
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

#[no_mangle]
pub unsafe extern "C" fn thread9_rt_fdprint(f: *mut Fmt, fd: c_int, fmt: *const c_char, call: *const c_char) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::thread9_rt_fdprint(f, fd, fmt, call) }
}

#[no_mangle]
pub unsafe extern "C" fn thread9_rt_snprint(
    f: *mut Fmt,
    buf: *mut c_void,
    len: c_int,
    runes: c_int,
    fmt: *const c_char,
    call: *const c_char,
) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::thread9_rt_snprint(f, buf, len, runes, fmt, call) }
}

#[no_mangle]
pub unsafe extern "C" fn thread9_rt_seprint(
    f: *mut Fmt,
    buf: *mut c_void,
    e: *mut c_void,
    runes: c_int,
    fmt: *const c_char,
    call: *const c_char,
) -> *mut c_void {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::thread9_rt_seprint(f, buf, e, runes, fmt, call) }
}

#[no_mangle]
pub unsafe extern "C" fn thread9_rt_smprint(
    f: *mut Fmt,
    runes: c_int,
    fmt: *const c_char,
    call: *const c_char,
) -> *mut c_void {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::thread9_rt_smprint(f, runes, fmt, call) }
}

#[no_mangle]
pub unsafe extern "C" fn thread9_rt_fmtvprint(f: *mut Fmt, fmt: *const c_char) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::thread9_rt_fmtvprint(f, fmt) }
}

#[no_mangle]
pub unsafe extern "C" fn thread9_rt_werrstr(f: *mut Fmt, fmt: *const c_char) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::thread9_rt_werrstr(f, fmt) }
}

#[no_mangle]
pub unsafe extern "C" fn thread9_rt_nilfmt(call: *const c_char) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::thread9_rt_nilfmt(call) }
}

#[no_mangle]
pub unsafe extern "C" fn dofmt(f: *mut Fmt, fmt: *const c_char) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::dofmt(f, fmt) }
}

#[no_mangle]
pub extern "C" fn fmtinstall(c: c_int, f: Option<unsafe extern "C" fn(*mut Fmt) -> c_int>) -> c_int {
    crate::lib9::fmt::capi::fmtinstall(c, f)
}

#[no_mangle]
pub unsafe extern "C" fn fmtstrcpy(f: *mut Fmt, s: *const c_char) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::fmtstrcpy(f, s) }
}

#[no_mangle]
pub unsafe extern "C" fn fmtrunestrcpy(f: *mut Fmt, s: *const u32) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::fmtrunestrcpy(f, s) }
}

#[no_mangle]
pub unsafe extern "C" fn fmtrune(f: *mut Fmt, r: c_int) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::fmtrune(f, r) }
}

#[no_mangle]
pub unsafe extern "C" fn fmtfdinit(f: *mut Fmt, fd: c_int, buf: *mut c_char, size: c_int) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::fmtfdinit(f, fd, buf, size) }
}

#[no_mangle]
pub unsafe extern "C" fn fmtfdflush(f: *mut Fmt) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::fmtfdflush(f) }
}

#[no_mangle]
pub unsafe extern "C" fn fmtstrinit(f: *mut Fmt) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::fmtstrinit(f) }
}

#[no_mangle]
pub unsafe extern "C" fn fmtstrflush(f: *mut Fmt) -> *mut c_char {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::fmtstrflush(f) }
}

#[no_mangle]
pub unsafe extern "C" fn runefmtstrinit(f: *mut Fmt) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::runefmtstrinit(f) }
}

#[no_mangle]
pub unsafe extern "C" fn runefmtstrflush(f: *mut Fmt) -> *mut u32 {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::runefmtstrflush(f) }
}

#[no_mangle]
pub unsafe extern "C" fn fmtlocaleinit(
    f: *mut Fmt,
    decimal: *mut c_char,
    thousands: *mut c_char,
    grouping: *mut c_char,
) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::fmtlocaleinit(f, decimal, thousands, grouping) }
}

#[no_mangle]
pub unsafe extern "C" fn quotestrfmt(f: *mut Fmt) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::quotestrfmt(f) }
}

#[no_mangle]
pub unsafe extern "C" fn quoterunestrfmt(f: *mut Fmt) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::quoterunestrfmt(f) }
}

#[no_mangle]
pub unsafe extern "C" fn quotestrdup(s: *const c_char) -> *mut c_char {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::quotestrdup(s) }
}

#[no_mangle]
pub unsafe extern "C" fn quoterunestrdup(s: *const u32) -> *mut u32 {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::quoterunestrdup(s) }
}

#[no_mangle]
pub unsafe extern "C" fn unquotestrdup(s: *const c_char) -> *mut c_char {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::unquotestrdup(s) }
}

#[no_mangle]
pub unsafe extern "C" fn unquoterunestrdup(s: *const u32) -> *mut u32 {
    // SAFETY: the C caller's arguments, as the function's man page requires.
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

#[no_mangle]
pub unsafe extern "C" fn errstr(buf: *mut c_char, n: c_uint) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::errstr(buf, n) }
}

#[no_mangle]
pub unsafe extern "C" fn rerrstr(buf: *mut c_char, n: c_uint) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::fmt::capi::rerrstr(buf, n) }
}

// crate::lib9::lock

#[no_mangle]
pub unsafe extern "C" fn lock(l: *mut Lock) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::lock(l) }
}

#[no_mangle]
pub unsafe extern "C" fn canlock(l: *mut Lock) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::canlock(l) }
}

#[no_mangle]
pub unsafe extern "C" fn unlock(l: *mut Lock) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::unlock(l) }
}

#[no_mangle]
pub unsafe extern "C" fn qlock(q: *mut QLock) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::qlock(q) }
}

#[no_mangle]
pub unsafe extern "C" fn canqlock(q: *mut QLock) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::canqlock(q) }
}

#[no_mangle]
pub unsafe extern "C" fn qunlock(q: *mut QLock) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::qunlock(q) }
}

#[no_mangle]
pub unsafe extern "C" fn rlock(l: *mut RWLock) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::rlock(l) }
}

#[no_mangle]
pub unsafe extern "C" fn canrlock(l: *mut RWLock) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::canrlock(l) }
}

#[no_mangle]
pub unsafe extern "C" fn runlock(l: *mut RWLock) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::runlock(l) }
}

#[no_mangle]
pub unsafe extern "C" fn wlock(l: *mut RWLock) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::wlock(l) }
}

#[no_mangle]
pub unsafe extern "C" fn canwlock(l: *mut RWLock) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::canwlock(l) }
}

#[no_mangle]
pub unsafe extern "C" fn wunlock(l: *mut RWLock) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::wunlock(l) }
}

#[no_mangle]
pub unsafe extern "C" fn rsleep(r: *mut Rendez) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::rsleep(r) }
}

#[no_mangle]
pub unsafe extern "C" fn rwakeup(r: *mut Rendez) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::rwakeup(r) }
}

#[no_mangle]
pub unsafe extern "C" fn rwakeupall(r: *mut Rendez) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::rwakeupall(r) }
}

#[no_mangle]
pub unsafe extern "C" fn thread9_rt_lock(l: *mut Lock, block: c_int, _pc: c_ulong) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::thread9_rt_lock(l, block, _pc) }
}

#[no_mangle]
pub unsafe extern "C" fn thread9_rt_unlock(l: *mut Lock, _pc: c_ulong) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::thread9_rt_unlock(l, _pc) }
}

#[no_mangle]
pub unsafe extern "C" fn thread9_rt_qlock(q: *mut QLock, block: c_int, _pc: c_ulong) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::thread9_rt_qlock(q, block, _pc) }
}

#[no_mangle]
pub unsafe extern "C" fn thread9_rt_qunlock(q: *mut QLock, _pc: c_ulong) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::thread9_rt_qunlock(q, _pc) }
}

#[no_mangle]
pub unsafe extern "C" fn thread9_rt_rlock(l: *mut RWLock, block: c_int, _pc: c_ulong) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::thread9_rt_rlock(l, block, _pc) }
}

#[no_mangle]
pub unsafe extern "C" fn thread9_rt_wlock(l: *mut RWLock, block: c_int, _pc: c_ulong) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::thread9_rt_wlock(l, block, _pc) }
}

#[no_mangle]
pub unsafe extern "C" fn thread9_rt_runlock(l: *mut RWLock, _pc: c_ulong) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::thread9_rt_runlock(l, _pc) }
}

#[no_mangle]
pub unsafe extern "C" fn thread9_rt_wunlock(l: *mut RWLock, _pc: c_ulong) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::thread9_rt_wunlock(l, _pc) }
}

#[no_mangle]
pub unsafe extern "C" fn thread9_rt_rsleep(r: *mut Rendez, _pc: c_ulong) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::lock::thread9_rt_rsleep(r, _pc) }
}

#[no_mangle]
pub unsafe extern "C" fn thread9_rt_rwakeup(r: *mut Rendez, all: c_int, _pc: c_ulong) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
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

#[no_mangle]
pub unsafe extern "C" fn p9netmkaddr(linear: *mut c_char, defnet: *const c_char, defsrv: *const c_char) -> *mut c_char {
    // SAFETY: the C caller's arguments, as the function's man page requires.
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

#[no_mangle]
pub unsafe extern "C" fn p9exec(prog: *const c_char, argv: *const *const c_char) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::misc::p9exec(prog, argv) }
}

// crate::lib9

#[no_mangle]
pub unsafe extern "C" fn thread9_rt_fatal(msg: *const c_char) -> ! {
    // SAFETY: the C caller's arguments, as the function's man page requires.
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

#[no_mangle]
pub unsafe extern "C" fn thread9_rt_strsig(name: *const c_char) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::notes::thread9_rt_strsig(name) }
}

#[no_mangle]
pub extern "C" fn atnotify(f: Option<unsafe extern "C" fn(*mut c_void, *mut c_char) -> c_int>, on: c_int) -> c_int {
    crate::lib9::notes::atnotify(f, on)
}

#[no_mangle]
pub extern "C" fn threadnotify(f: Option<unsafe extern "C" fn(*mut c_void, *mut c_char) -> c_int>, on: c_int) -> c_int {
    crate::lib9::notes::threadnotify(f, on)
}

#[no_mangle]
pub unsafe extern "C" fn thread9_rt_atnotify_run(v: *mut c_void, msg: *mut c_char) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::notes::thread9_rt_atnotify_run(v, msg) }
}

#[no_mangle]
pub unsafe extern "C" fn postnote(group: c_int, pid: c_int, msg: *const c_char) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::notes::postnote(group, pid, msg) }
}

// crate::lib9::paths

#[no_mangle]
pub unsafe extern "C" fn cleanname(name: *mut c_char) -> *mut c_char {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::paths::cleanname(name) }
}

#[no_mangle]
pub unsafe extern "C" fn p9getwd(s: *mut c_char, ns: c_int) -> *mut c_char {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::paths::p9getwd(s, ns) }
}

#[no_mangle]
pub extern "C" fn getuser() -> *mut c_char {
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

#[no_mangle]
pub unsafe extern "C" fn unsharp(old: *mut c_char) -> *mut c_char {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::paths::unsharp(old) }
}

#[no_mangle]
pub unsafe extern "C" fn searchpath(name: *const c_char) -> *mut c_char {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::paths::searchpath(name) }
}

#[no_mangle]
pub unsafe extern "C" fn opentemp(template: *mut c_char, mode: c_int) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
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

#[no_mangle]
pub extern "C" fn p9malloc(n: c_ulong) -> *mut c_void {
    crate::lib9::strings::p9malloc(n)
}

#[no_mangle]
pub extern "C" fn mallocz(n: c_ulong, clr: c_int) -> *mut c_void {
    crate::lib9::strings::mallocz(n, clr)
}

#[no_mangle]
pub unsafe extern "C" fn p9free(p: *mut c_void) {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::strings::p9free(p) }
}

#[no_mangle]
pub unsafe extern "C" fn p9realloc(p: *mut c_void, n: c_ulong) -> *mut c_void {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::strings::p9realloc(p, n) }
}

#[no_mangle]
pub extern "C" fn p9calloc(a: c_ulong, b: c_ulong) -> *mut c_void {
    crate::lib9::strings::p9calloc(a, b)
}

#[no_mangle]
pub unsafe extern "C" fn p9strdup(s: *const c_char) -> *mut c_char {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::strings::p9strdup(s) }
}

#[no_mangle]
pub unsafe extern "C" fn strecpy(to: *mut c_char, e: *mut c_char, from: *const c_char) -> *mut c_char {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::strings::strecpy(to, e, from) }
}

#[no_mangle]
pub unsafe extern "C" fn tokenize(s: *mut c_char, args: *mut *mut c_char, max: c_int) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::strings::tokenize(s, args, max) }
}

#[no_mangle]
pub unsafe extern "C" fn gettokens(s: *mut c_char, args: *mut *mut c_char, max: c_int, sep: *const c_char) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::strings::gettokens(s, args, max, sep) }
}

#[no_mangle]
pub unsafe extern "C" fn getfields(
    s: *mut c_char,
    args: *mut *mut c_char,
    max: c_int,
    mflag: c_int,
    set: *const c_char,
) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::strings::getfields(s, args, max, mflag, set) }
}

#[no_mangle]
pub unsafe extern "C" fn cistrncmp(a: *const c_char, b: *const c_char, n: c_int) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::strings::cistrncmp(a, b, n) }
}

#[no_mangle]
pub unsafe extern "C" fn cistrcmp(a: *const c_char, b: *const c_char) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::strings::cistrcmp(a, b) }
}

#[no_mangle]
pub unsafe extern "C" fn cistrstr(a: *const c_char, b: *const c_char) -> *mut c_char {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::strings::cistrstr(a, b) }
}

#[no_mangle]
pub unsafe extern "C" fn p9atoll(s: *const c_char) -> c_longlong {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::strings::p9atoll(s) }
}

#[no_mangle]
pub unsafe extern "C" fn p9atol(s: *const c_char) -> c_long {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::strings::p9atol(s) }
}

#[no_mangle]
pub unsafe extern "C" fn p9atoi(s: *const c_char) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::strings::p9atoi(s) }
}

// crate::lib9::sys

#[no_mangle]
pub unsafe extern "C" fn p9rfork(flags: c_int) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
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

#[no_mangle]
pub unsafe extern "C" fn p9asctime(t: *const Tm) -> *mut c_char {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::time::p9asctime(t) }
}

#[no_mangle]
pub extern "C" fn p9ctime(t: c_long) -> *mut c_char {
    crate::lib9::time::p9ctime(t)
}

#[no_mangle]
pub unsafe extern "C" fn p9tm2sec(tm: *const Tm) -> c_long {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::time::p9tm2sec(tm) }
}

#[no_mangle]
pub unsafe extern "C" fn p9times(t: *mut c_long) -> c_long {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::time::p9times(t) }
}

#[no_mangle]
pub extern "C" fn p9cputime() -> f64 {
    crate::lib9::time::p9cputime()
}

// crate::lib9::utf

#[no_mangle]
pub unsafe extern "C" fn chartorune(r: *mut Rune, s: *const c_char) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::utf::chartorune(r, s) }
}

#[no_mangle]
pub unsafe extern "C" fn runetochar(s: *mut c_char, r: *const Rune) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::utf::runetochar(s, r) }
}

#[no_mangle]
pub extern "C" fn runelen(c: c_long) -> c_int {
    crate::lib9::utf::runelen(c)
}

#[no_mangle]
pub unsafe extern "C" fn runenlen(r: *const Rune, n: c_int) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::utf::runenlen(r, n) }
}

#[no_mangle]
pub unsafe extern "C" fn fullrune(s: *const c_char, n: c_int) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::utf::fullrune(s, n) }
}

#[no_mangle]
pub unsafe extern "C" fn utflen(s: *const c_char) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::utf::utflen(s) }
}

#[no_mangle]
pub unsafe extern "C" fn utfnlen(s: *const c_char, m: c_long) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::utf::utfnlen(s, m) }
}

#[no_mangle]
pub unsafe extern "C" fn utfrune(s: *const c_char, c: c_long) -> *mut c_char {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::utf::utfrune(s, c) }
}

#[no_mangle]
pub unsafe extern "C" fn utfrrune(s: *const c_char, c: c_long) -> *mut c_char {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::utf::utfrrune(s, c) }
}

#[no_mangle]
pub unsafe extern "C" fn utfutf(s1: *const c_char, s2: *const c_char) -> *mut c_char {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::utf::utfutf(s1, s2) }
}

#[no_mangle]
pub unsafe extern "C" fn utfecpy(to: *mut c_char, e: *mut c_char, from: *const c_char) -> *mut c_char {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::utf::utfecpy(to, e, from) }
}

#[no_mangle]
pub unsafe extern "C" fn runestrlen(s: *const Rune) -> c_long {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::utf::runestrlen(s) }
}

#[no_mangle]
pub unsafe extern "C" fn runestrcpy(s1: *mut Rune, s2: *const Rune) -> *mut Rune {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::utf::runestrcpy(s1, s2) }
}

#[no_mangle]
pub unsafe extern "C" fn runestrncpy(s1: *mut Rune, s2: *const Rune, n: c_long) -> *mut Rune {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::utf::runestrncpy(s1, s2, n) }
}

#[no_mangle]
pub unsafe extern "C" fn runestrecpy(s1: *mut Rune, es1: *mut Rune, s2: *const Rune) -> *mut Rune {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::utf::runestrecpy(s1, es1, s2) }
}

#[no_mangle]
pub unsafe extern "C" fn runestrcat(s1: *mut Rune, s2: *const Rune) -> *mut Rune {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::utf::runestrcat(s1, s2) }
}

#[no_mangle]
pub unsafe extern "C" fn runestrncat(s1: *mut Rune, s2: *const Rune, n: c_long) -> *mut Rune {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::utf::runestrncat(s1, s2, n) }
}

#[no_mangle]
pub unsafe extern "C" fn runestrcmp(s1: *const Rune, s2: *const Rune) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::utf::runestrcmp(s1, s2) }
}

#[no_mangle]
pub unsafe extern "C" fn runestrncmp(s1: *const Rune, s2: *const Rune, n: c_long) -> c_int {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::utf::runestrncmp(s1, s2, n) }
}

#[no_mangle]
pub unsafe extern "C" fn runestrchr(s: *const Rune, c: Rune) -> *mut Rune {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::utf::runestrchr(s, c) }
}

#[no_mangle]
pub unsafe extern "C" fn runestrrchr(s: *const Rune, c: Rune) -> *mut Rune {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::utf::runestrrchr(s, c) }
}

#[no_mangle]
pub unsafe extern "C" fn runestrstr(s1: *const Rune, s2: *const Rune) -> *mut Rune {
    // SAFETY: the C caller's arguments, as the function's man page requires.
    unsafe { crate::lib9::utf::runestrstr(s1, s2) }
}

#[no_mangle]
pub unsafe extern "C" fn runestrdup(s: *const Rune) -> *mut Rune {
    // SAFETY: the C caller's arguments, as the function's man page requires.
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
