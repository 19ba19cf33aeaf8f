//! Calls from the runtime up into layers above it, registered at start-up by those
//! layers: the thread dump and deadlock report (diag), the end of threadmain (the
//! daemon logic of process), and the interrupt of a thread parked in an iocall (io).
//! A lower layer never names a higher one; it calls through these slots.

use crate::runtime::thread::Thread;
use core::ffi::c_void;
use core::sync::atomic::{AtomicUsize, Ordering};

static DUMP: AtomicUsize = AtomicUsize::new(0);
static DEADLOCK: AtomicUsize = AtomicUsize::new(0);
static MAIN_EXITED: AtomicUsize = AtomicUsize::new(0);
static IO_INTERRUPT: AtomicUsize = AtomicUsize::new(0);
static CHAN_NAME: AtomicUsize = AtomicUsize::new(0);
static QUIT_START: AtomicUsize = AtomicUsize::new(0);

/// `f()` starts the thread dump's OS thread (once) and serves a pending SIGQUIT.
pub fn set_quit_start(f: fn()) {
    QUIT_START.store(f as usize, Ordering::Release);
}

/// Starts the dump thread now (first proccreate, or a SIGQUIT came): outside any signal
/// handler. Cheap once it exists.
pub fn quit_start() {
    let f = QUIT_START.load(Ordering::Acquire);
    if f != 0 {
        // SAFETY: only set_quit_start stores here, from a `fn()`.
        let f: fn() = unsafe { core::mem::transmute(f) };
        f();
    }
}

/// How long a program runs before its thread dump's OS thread is started (unless a
/// second proc starts it earlier): short-lived programs never pay for it.
pub const QUIT_DELAY_NS: u64 = 20_000_000;

static mut QUIT_TIMER: crate::runtime::timer::Timer = crate::runtime::timer::Timer::new(quit_timer_fired);

unsafe fn quit_timer_fired(_: *mut crate::runtime::timer::Timer) {
    quit_start();
}

/// Arms the main proc's timer that starts the dump thread after QUIT_DELAY_NS.
///
/// # Safety
/// Once, on the main proc `p`'s own OS thread, before its scheduler runs.
pub unsafe fn arm_quit_timer(p: *mut crate::runtime::proc::Proc) {
    // SAFETY: the caller upholds this function's contract; QUIT_TIMER is only touched
    // by the main proc's OS thread (its timer heap).
    unsafe {
        let t = &raw mut QUIT_TIMER;
        (*t).deadline = crate::base::futex::now_ns() + QUIT_DELAY_NS;
        (*p).timers.insert(t);
    }
}

pub fn set_dump(f: fn()) {
    DUMP.store(f as usize, Ordering::Release);
}

pub fn set_deadlock(f: fn() -> !) {
    DEADLOCK.store(f as usize, Ordering::Release);
}

pub fn set_main_exited(f: fn(bool)) {
    MAIN_EXITED.store(f as usize, Ordering::Release);
}

/// `f(ioproc, thread)`: interrupt the call that `thread`, parked in iocall on `ioproc`
/// (its `waitchan`), waits for.
pub fn set_io_interrupt(f: unsafe fn(*mut c_void, *mut Thread)) {
    IO_INTERRUPT.store(f as usize, Ordering::Release);
}

/// Prints the thread dump (nothing when no dump is registered).
pub fn dump() {
    let f = DUMP.load(Ordering::Acquire);
    if f != 0 {
        // SAFETY: only set_dump stores here, from a `fn()`.
        let f: fn() = unsafe { core::mem::transmute(f) };
        f();
    }
}

/// Reports a deadlock and ends the program with status 1.
pub fn deadlock() -> ! {
    // A LIBTHREAD=trace=FILE timeline ends here too.
    crate::runtime::trace::write_file();
    let f = DEADLOCK.load(Ordering::Acquire);
    if f != 0 {
        // SAFETY: only set_deadlock stores here, from a `fn() -> !`.
        let f: fn() -> ! = unsafe { core::mem::transmute(f) };
        f();
    }
    crate::base::report::ewrite(b"thread9: deadlock: all threads are asleep\n");
    // SAFETY: _exit: the program cannot make progress.
    unsafe {
        libc::fflush(core::ptr::null_mut());
        libc::_exit(1)
    }
}

/// threadmain's thread has exited; `others` when other threads or procs remain.
pub fn main_exited(others: bool) {
    let f = MAIN_EXITED.load(Ordering::Acquire);
    if f != 0 {
        // SAFETY: only set_main_exited stores here, from a `fn(bool)`.
        let f: fn(bool) = unsafe { core::mem::transmute(f) };
        f(others);
    }
}

/// Interrupts the iocall `t` is parked in.
///
/// # Safety
/// `t` is claimed and parked in iocall on `io` (it holds a reference on it).
pub unsafe fn io_interrupt(io: *mut c_void, t: *mut Thread) {
    let f = IO_INTERRUPT.load(Ordering::Acquire);
    if f != 0 {
        // SAFETY: only set_io_interrupt stores here, from such a function.
        let f: unsafe fn(*mut c_void, *mut Thread) = unsafe { core::mem::transmute(f) };
        // SAFETY: the caller's contract (t parked in iocall on io) is f's.
        unsafe { f(io, t) };
    }
}

/// How the channel layer names channel `c` in messages (set by chan).
pub fn set_chan_name(f: fn(*mut c_void) -> String) {
    CHAN_NAME.store(f as usize, Ordering::Release);
}

/// Channel `c`'s name for a trace line: its chansetname name, else its address.
pub fn chan_name(c: *mut c_void) -> String {
    let f = CHAN_NAME.load(Ordering::Acquire);
    if f == 0 {
        return format!("{c:p}");
    }
    // SAFETY: only set_chan_name stores here, from such a function.
    let f: fn(*mut c_void) -> String = unsafe { core::mem::transmute(f) };
    f(c)
}
