//! thread.h: threads and procs.

use crate::process::start;
use crate::runtime::exit;
use crate::runtime::sched;
use core::ffi::{c_char, c_int, c_long, c_uint, c_void};
use core::sync::atomic::Ordering;

/// thread.h's `_Thread` (a thread, for _threadready) and `Ref`, opaque here: named as
/// in the header so that the prototypes match it (tests/abi_signatures.rs).
#[repr(C)]
pub struct _Thread {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct Ref {
    _opaque: [u8; 0],
}

use crate::base::report::cbytes as bytes;

/// The C shim's `main`: starts the library and the program's threadmain.
///
/// # Safety
/// Called once, from the C shim's main, with the process's `argc`/`argv` (nil or
/// `argc` valid strings) and `tm` the address of the program's threadmain, 0 if none
/// (reported, exit 1).
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_main(argc: c_int, argv: *mut *mut c_char, tm: usize) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which is start::main's.
    unsafe {
        // The layers above process register what the lower ones call up into.
        crate::diag::dump::install();
        crate::serve::install();
        start::main(argc, argv, tm)
    }
}

type ThreadFnC = Option<unsafe extern "C" fn(*mut c_void)>;
// threadcreate, proccreate and procrfork pass on their return address (a place in
// the code that asked for the thread) for the thread dump's "created by": a
// two-instruction entry loads it into the next argument register and jumps to the
// one-call wrapper below each (x86-64 and aarch64, the targets thread9 builds for).
macro_rules! ra_jump {
    ($x86:literal, $arm:literal, $target:ident) => {{
        #[cfg(target_arch = "x86_64")]
        core::arch::naked_asm!(concat!("mov ", $x86, ", [rsp]"), "jmp {f}", f = sym $target);
        #[cfg(target_arch = "aarch64")]
        core::arch::naked_asm!(concat!("mov ", $arm, ", x30"), "b {f}", f = sym $target);
    }};
}

#[unsafe(naked)]
#[no_mangle]
pub extern "C" fn threadcreate(
    f: Option<unsafe extern "C" fn(*mut c_void)>,
    arg: *mut c_void,
    stacksize: c_uint,
) -> c_int {
    ra_jump!("rcx", "x3", threadcreate_ra)
}

extern "C" fn threadcreate_ra(f: ThreadFnC, arg: *mut c_void, stacksize: c_uint, ra: usize) -> c_int {
    crate::runtime::spawn::threadcreate_by(f, arg, stacksize, ra)
}

#[unsafe(naked)]
#[no_mangle]
pub extern "C" fn proccreate(
    f: Option<unsafe extern "C" fn(*mut c_void)>,
    arg: *mut c_void,
    stacksize: c_uint,
) -> c_int {
    ra_jump!("rcx", "x3", proccreate_ra)
}

extern "C" fn proccreate_ra(f: ThreadFnC, arg: *mut c_void, stacksize: c_uint, ra: usize) -> c_int {
    crate::runtime::spawn::proccreate_by(f, arg, stacksize, "proccreate", ra)
}

#[unsafe(naked)]
#[no_mangle]
pub extern "C" fn procrfork(
    f: Option<unsafe extern "C" fn(*mut c_void)>,
    arg: *mut c_void,
    stacksize: c_uint,
    flags: c_int,
) -> c_int {
    ra_jump!("r8", "x4", procrfork_ra)
}

extern "C" fn procrfork_ra(f: ThreadFnC, arg: *mut c_void, stacksize: c_uint, flags: c_int, ra: usize) -> c_int {
    crate::runtime::spawn::procrfork(f, arg, stacksize, flags, ra)
}

#[no_mangle]
pub extern "C" fn threadexits(msg: *const c_char) -> ! {
    sched::exit_thread(bytes(msg))
}

#[no_mangle]
pub extern "C" fn threadexitsall(msg: *const c_char) -> ! {
    exit::exit_all(bytes(msg))
}

#[no_mangle]
pub extern "C" fn threadyield() -> c_int {
    sched::yield_now()
}

#[no_mangle]
pub extern "C" fn threadidle() -> c_int {
    sched::idle_until_empty()
}

#[no_mangle]
pub extern "C" fn threadid() -> c_int {
    let t = sched::need("threadid");
    // SAFETY: the running thread.
    unsafe { (*t).id }
}

#[no_mangle]
pub extern "C" fn threadpid(id: c_int) -> c_int {
    sched::threadpid(id)
}

#[no_mangle]
pub extern "C" fn threadgetgrp() -> c_int {
    let t = sched::need("threadgetgrp");
    // SAFETY: the running thread.
    unsafe { (*t).grp.load(Ordering::Relaxed) }
}

#[no_mangle]
pub extern "C" fn threadsetgrp(g: c_int) -> c_int {
    let t = sched::need("threadsetgrp");
    // SAFETY: the running thread.
    unsafe { (*t).grp.swap(g, Ordering::Relaxed) }
}

#[no_mangle]
pub extern "C" fn threadgetname() -> *mut c_char {
    sched::getname()
}

/// threadsetname's bridge (the C shim formats the name into a buffer).
///
/// # Safety
/// `s` is nil (an empty name) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_setname(s: *const c_char) {
    sched::setname(bytes(s));
}

/// threadsetstate's bridge (the C shim formats the state into a buffer).
///
/// # Safety
/// `s` is nil (an empty state) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_setstate(s: *const c_char) {
    sched::setstate(bytes(s));
}

#[no_mangle]
pub extern "C" fn threaddata() -> *mut *mut c_void {
    let t = sched::need("threaddata");
    // SAFETY: the running thread's own slot.
    unsafe { &mut (*t).data }
}

#[no_mangle]
pub extern "C" fn procdata() -> *mut *mut c_void {
    let t = sched::need("procdata");
    // SAFETY: the running thread's proc's slot.
    unsafe { &mut (*(*t).proc).data }
}

#[no_mangle]
pub extern "C" fn _threadsetsysproc() {
    sched::setsysproc();
}

#[no_mangle]
pub extern "C" fn threadpin() {
    sched::pin(true, "threadpin");
}

#[no_mangle]
pub extern "C" fn threadunpin() {
    sched::pin(false, "threadunpin");
}

#[no_mangle]
pub extern "C" fn _threadpin() {
    sched::pin(true, "threadpin");
}

#[no_mangle]
pub extern "C" fn _threadunpin() {
    sched::pin(false, "threadunpin");
}

#[no_mangle]
pub extern "C" fn threadneedbackground() {}

/// plan9port's libthread calls this when threadmain's thread ends in a program that
/// backgrounds itself, and a program may call it earlier (9term declares it): the
/// parent that has waited since start-up exits 0, and the program goes on alone.
#[no_mangle]
pub extern "C" fn _threaddaemonize() {
    if !crate::process::daemon::detach() {
        crate::base::report::complain(
            "_threaddaemonize",
            "no parent is waiting (threadmaybackground() returned 0, LIBTHREAD=nodaemon, or done already)",
        );
    }
}

#[no_mangle]
pub extern "C" fn threadprintall() {
    crate::diag::dump::printall();
}

/// The running thread as plan9port's opaque `_Thread*` (nil outside threads).
#[no_mangle]
pub extern "C" fn _threadnow() -> *mut c_void {
    sched::current() as *mut c_void
}

#[no_mangle]
pub static mut threadnow: unsafe extern "C" fn() -> *mut c_void = now_hook;

unsafe extern "C" fn now_hook() -> *mut c_void {
    sched::current() as *mut c_void
}

/// plan9port's internal `_threadready`: makes a thread parked by _threadswitch runnable.
///
/// # Safety
/// `t` is nil (ignored) or a live thread of this program (a `_Thread*` from
/// _threadnow or threadnow); it is not validated.
#[no_mangle]
pub unsafe extern "C" fn _threadready(t: *mut _Thread) {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which is make_ready's.
    unsafe {
        sched::make_ready(t as *mut crate::runtime::thread::Thread);
    }
}

#[no_mangle]
pub extern "C" fn _threadswitch() {
    sched::switch_blocked();
}

#[no_mangle]
pub extern "C" fn threadint(id: c_int) {
    crate::runtime::interrupt::interrupt(id, false, false);
}

#[no_mangle]
pub extern "C" fn threadintgrp(g: c_int) {
    crate::runtime::interrupt::interrupt(g, true, false);
}

#[no_mangle]
pub extern "C" fn threadkill(id: c_int) {
    crate::runtime::interrupt::interrupt(id, false, true);
}

#[no_mangle]
pub extern "C" fn threadkillgrp(g: c_int) {
    crate::runtime::interrupt::interrupt(g, true, true);
}

/// # Safety
/// `r` is nil (reported, abort) or points to a live, aligned `Ref` (64 bytes, the
/// count a `long` at offset 56) whose count is changed only atomically.
#[no_mangle]
pub unsafe extern "C" fn incref(r: *mut Ref) -> c_long {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which is refadd's: a nil `r` is refadd's to report.
    unsafe { sched::refadd(r as *mut c_void, 1) }
}

/// # Safety
/// As for incref.
#[no_mangle]
pub unsafe extern "C" fn decref(r: *mut Ref) -> c_long {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which is refadd's: a nil `r` is refadd's to report.
    unsafe { sched::refadd(r as *mut c_void, -1) }
}

#[no_mangle]
pub extern "C" fn p9atexit(f: Option<unsafe extern "C" fn()>) -> c_int {
    match f {
        Some(f) => exit::atexit(f),
        None => 0,
    }
}

#[no_mangle]
pub extern "C" fn p9atexitdont(f: Option<unsafe extern "C" fn()>) {
    if let Some(f) = f {
        exit::atexitdont(f)
    }
}

#[no_mangle]
pub extern "C" fn exits(msg: *const c_char) -> ! {
    exit::exit_all(bytes(msg))
}

#[no_mangle]
pub extern "C" fn _exits(msg: *const c_char) -> ! {
    // SAFETY: _exit skips atexit handlers and stdio, as Plan 9's _exits.
    unsafe { libc::_exit(if bytes(msg).is_empty() { 0 } else { 1 }) }
}
