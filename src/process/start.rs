//! Start-up: C main → p9main → here (docs/API.md, start-up and exit).

use crate::base::report;
use crate::process::signals;
use crate::runtime::proc::{self};
use crate::runtime::sched::{self};
use core::ffi::{c_char, c_int, c_void};

extern "C" {
    fn thread9_c_mainstacksize() -> c_int;
    fn thread9_c_setargv0(a: *mut c_char);
}

const MAIN_STACK_FLOOR: usize = 8 << 20;

static mut MAIN_ARGS: (c_int, *mut *mut c_char, usize) = (0, core::ptr::null_mut(), 0);

/// # Safety
/// Runs as thread 1 of the main proc, spawned by `main` after it stored MAIN_ARGS (with
/// a non-zero `tm`: the program's threadmain).
unsafe extern "C" fn main_tramp(_: *mut c_void) {
    // SAFETY: MAIN_ARGS was written by `main` before this thread was spawned and is
    // never written again (this function's contract).
    unsafe {
        let (argc, argv, tm) = *core::ptr::addr_of!(MAIN_ARGS);
        // SAFETY: tm is the program's threadmain (checked non-null).
        let tm: unsafe extern "C" fn(c_int, *mut *mut c_char) = core::mem::transmute(tm);
        tm(argc, argv);
    }
}

fn panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        report::ewrite(format!("thread9: internal error: {info}\n").as_bytes());
    }));
}

/// The library's entry: sets argv0, reads $LIBTHREAD, starts threadmain as thread 1
/// of the main proc on this OS thread. Returns only by exiting the process.
///
/// # Safety
/// Called once, from C main with the process's argc/argv.
pub unsafe fn main(argc: c_int, argv: *mut *mut c_char, tm: usize) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        panic_hook();
        if argc > 0 && !argv.is_null() {
            thread9_c_setargv0(*argv);
        }
        crate::base::flags::parse_flags();
        if tm == 0 {
            report::ewrite(b"thread9: the program defines no threadmain\n");
            libc::exit(1);
        }
        crate::process::daemon::maybe_daemonize();
        crate::runtime::upcall::set_main_exited(crate::process::daemon::main_exited);
        crate::chan::install();
        crate::io::install();
        signals::install();
        sched::install_fork_handlers();
        if crate::san::tsan::on() {
            // TSan starts its background thread with the first pthread_create: make
            // that happen now (the dump thread, otherwise started lazily), then count
            // it as the library's own, no waker, or the deadlock census would never
            // report.
            crate::runtime::upcall::quit_start();
            sched::adopt_existing_threads();
        }
        crate::process::p9hooks::install();
        MAIN_ARGS = (argc, argv, tm);
        let p = proc::new_proc(true);
        if p.is_null() {
            report::misuse("threadmain", "out of memory");
        }
        crate::runtime::spawn::start_os_thread(p);
        crate::runtime::upcall::arm_quit_timer(p);
        let ss = (thread9_c_mainstacksize().max(0) as usize).max(MAIN_STACK_FLOOR);
        if let Err(e) = sched::spawn(p, main_tramp, core::ptr::null_mut(), ss) {
            report::misuse("threadmain", crate::msg!("cannot allocate stack: {}", crate::base::errno::msg(e)).as_str());
        }
        sched::schedule(p);
        // The main OS thread only waits from now on: not a waker to the deadlock census.
        sched::helper_thread(true);
        sched::proc_done(p);
        // The main proc is over but other procs run on (docs/API.md, exit); the last one
        // to end exits the process.
        loop {
            libc::pause();
        }
    }
}
