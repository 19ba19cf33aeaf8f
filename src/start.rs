//! Start-up (spec/API.md §D): main → p9main → here; creating threads and procs.

use crate::debug;
use crate::proc::{self, Proc};
use crate::sched::{self, ThreadFn};
use crate::signals;
use core::ffi::{c_char, c_int, c_void};
use core::sync::atomic::Ordering;

extern "C" {
    fn thread9_c_mainstacksize() -> c_int;
    fn thread9_c_setargv0(a: *mut c_char);
}

const MAIN_STACK_FLOOR: usize = 8 << 20;
const PROC_OS_STACK: usize = 256 * 1024;

static mut MAIN_ARGS: (c_int, *mut *mut c_char, usize) = (0, core::ptr::null_mut(), 0);

unsafe extern "C" fn main_tramp(_: *mut c_void) {
    let (argc, argv, tm) = *core::ptr::addr_of!(MAIN_ARGS);
    // SAFETY: tm is the program's threadmain (checked non-null).
    let tm: unsafe extern "C" fn(c_int, *mut *mut c_char) = core::mem::transmute(tm);
    tm(argc, argv);
}

fn panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        debug::ewrite(format!("thread9: internal error: {info}\n").as_bytes());
    }));
}

/// The library's entry: sets argv0, reads $LIBTHREAD, starts threadmain as thread 1
/// of the main proc on this OS thread. Returns only by exiting the process.
///
/// # Safety
/// Called once, from C main with the process's argc/argv.
pub unsafe fn main(argc: c_int, argv: *mut *mut c_char, tm: usize) -> c_int {
    panic_hook();
    if argc > 0 && !argv.is_null() {
        thread9_c_setargv0(*argv);
    }
    debug::parse_flags();
    if tm == 0 {
        debug::ewrite(b"thread9: the program defines no threadmain\n");
        libc::exit(1);
    }
    crate::daemon::maybe_daemonize();
    signals::install();
    crate::hooks::install();
    MAIN_ARGS = (argc, argv, tm);
    let p = proc::new_proc(true);
    if p.is_null() {
        debug::misuse("threadmain", "out of memory");
    }
    start_os_thread(p);
    let ss = (thread9_c_mainstacksize().max(0) as usize).max(MAIN_STACK_FLOOR);
    if let Err(e) = sched::spawn(p, main_tramp, core::ptr::null_mut(), ss) {
        debug::misuse("threadmain", crate::msg!("cannot allocate stack: {}", errno_str(e)).as_str());
    }
    sched::schedule(p);
    sched::proc_done(p);
    // The main proc is over but other procs run on (spec/API.md §G); the last one
    // to end exits the process.
    loop {
        libc::pause();
    }
}

/// Per-OS-thread set-up of a proc.
unsafe fn start_os_thread(p: *mut Proc) {
    sched::set_myproc(p);
    (*p).tid.store(libc::gettid() as u32, Ordering::Relaxed);
    (*p).pthread = libc::pthread_self();
    signals::setup_thread(p);
}

/// strerror's text ("Cannot allocate memory"), built without allocating: it reports
/// the failures of memory exhaustion too.
pub fn errno_str(e: i32) -> crate::mem::Msg<96> {
    let mut b = [0 as c_char; 96];
    // SAFETY: strerror_r (XSI) writes a NUL-terminated text into our buffer.
    let r = unsafe { libc::strerror_r(e, b.as_mut_ptr(), b.len()) };
    let mut m = crate::mem::Msg::new();
    // SAFETY: NUL-terminated on success (and b is zeroed otherwise).
    let t = unsafe { core::ffi::CStr::from_ptr(b.as_ptr()) }.to_bytes();
    let _ = match core::str::from_utf8(t) {
        Ok(t) if r == 0 && !t.is_empty() => core::fmt::Write::write_str(&mut m, t),
        _ => core::fmt::Write::write_fmt(&mut m, format_args!("error {e}")),
    };
    m
}

pub fn threadcreate(f: Option<ThreadFn>, arg: *mut c_void, stacksize: u32) -> i32 {
    let t = sched::need("threadcreate");
    let Some(f) = f else {
        debug::misuse("threadcreate", "nil function");
    };
    // SAFETY: t is the running thread; spawn into its own proc.
    match unsafe { sched::spawn((*t).proc, f, arg, stacksize as usize) } {
        Ok(id) => id,
        Err(e) => {
            let what = crate::msg!("cannot allocate stack: {}", errno_str(e));
            debug::complain("threadcreate", what.as_str());
            crate::errstr::set(crate::msg!("threadcreate: {what}").as_bytes());
            -1
        }
    }
}

extern "C" fn proc_main(arg: *mut c_void) -> *mut c_void {
    let p = arg as *mut Proc;
    // SAFETY: p was prepared by proccreate for this OS thread.
    unsafe {
        start_os_thread(p);
        debug::name_os_thread(p);
        let fl = (*p).rfork;
        if fl & (RFFDG | RFCFDG) != 0 {
            // A private fd table for this proc (Plan 9's RFFDG: a copy; RFCFDG: empty).
            libc::unshare(libc::CLONE_FILES);
            if fl & RFCFDG != 0 {
                libc::syscall(libc::SYS_close_range, 0u32, u32::MAX, 0u32);
            }
        }
        sched::schedule(p);
        signals::teardown_thread();
        sched::proc_done(p);
    }
    core::ptr::null_mut()
}

const RFNAMEG: i32 = 1;
const RFENVG: i32 = 2;
const RFFDG: i32 = 4;
const RFNOTEG: i32 = 8;
const RFPROC: i32 = 16;
const RFMEM: i32 = 32;
const RFNOWAIT: i32 = 64;
const RFCNAMEG: i32 = 1024;
const RFCENVG: i32 = 2048;
const RFCFDG: i32 = 4096;

/// procrfork: proccreate with Plan 9 rfork flags. On Linux only the fd-table flags
/// can be per proc (unshare(CLONE_FILES) in the new OS thread); name spaces,
/// environments and note groups are process-wide, so asking for them is an error.
pub fn procrfork(f: Option<ThreadFn>, arg: *mut c_void, stacksize: u32, flags: i32) -> i32 {
    let unsupported = flags & (RFNAMEG | RFENVG | RFNOTEG | RFCNAMEG | RFCENVG);
    let unknown = flags & !(RFNAMEG | RFENVG | RFFDG | RFNOTEG | RFPROC | RFMEM | RFNOWAIT | RFCNAMEG | RFCENVG | RFCFDG);
    if unsupported != 0 || unknown != 0 {
        let m = format!("procrfork: flags {:#x} cannot be per proc on Linux", unsupported | unknown);
        debug::complain("procrfork", &m["procrfork: ".len()..]);
        crate::errstr::set(m.as_bytes());
        return -1;
    }
    spawn_proc(f, arg, stacksize, flags & (RFFDG | RFCFDG), "procrfork", false)
}

/// proccreate: a new proc (OS thread) whose first thread runs f(arg).
pub fn proccreate(f: Option<ThreadFn>, arg: *mut c_void, stacksize: u32, call: &str) -> i32 {
    spawn_proc(f, arg, stacksize, 0, call, false)
}

/// A system proc (ioprocs, exec helpers): it never keeps the program alive. Marked
/// before its OS thread starts, so the program cannot end early or late because of it.
pub fn proccreate_sys(f: Option<ThreadFn>, arg: *mut c_void, stacksize: u32, call: &str) -> i32 {
    spawn_proc(f, arg, stacksize, 0, call, true)
}

fn spawn_proc(f: Option<ThreadFn>, arg: *mut c_void, stacksize: u32, rfork: i32, call: &str, sys: bool) -> i32 {
    let Some(f) = f else {
        debug::misuse(call, "nil function");
    };
    // Reported without allocating: memory may be what ran out.
    let fail = |what: &str| {
        debug::complain(call, what);
        crate::errstr::set(crate::msg!("{call}: {what}").as_bytes());
        -1
    };
    let cur = sched::current();
    let p = proc::new_proc(false);
    if p.is_null() {
        return fail("out of memory");
    }
    if sys {
        // SAFETY: p is not started yet; we own it.
        unsafe { (*p).sys.store(true, Ordering::SeqCst) };
        proc::NONSYS.fetch_sub(1, Ordering::SeqCst);
    }
    // SAFETY: p has not started; we own it until pthread_create succeeds.
    unsafe {
        (*p).rfork = rfork;
        let id = match sched::spawn(p, f, arg, stacksize as usize) {
            Ok(id) => id,
            Err(e) => {
                abandon(p);
                return fail(crate::msg!("cannot allocate stack: {}", errno_str(e)).as_str());
            }
        };
        if !cur.is_null() {
            let t = (*p).runq_head;
            (*t).grp.store((*cur).grp.load(Ordering::Relaxed), Ordering::Relaxed);
        }
        let mut attr: libc::pthread_attr_t = core::mem::zeroed();
        libc::pthread_attr_init(&mut attr);
        libc::pthread_attr_setstacksize(&mut attr, PROC_OS_STACK);
        libc::pthread_attr_setdetachstate(&mut attr, libc::PTHREAD_CREATE_DETACHED);
        let mut th: libc::pthread_t = 0;
        let r = if crate::fault::fail_proc() {
            libc::EAGAIN
        } else {
            libc::pthread_create(&mut th, &attr, proc_main, p as *mut c_void)
        };
        libc::pthread_attr_destroy(&mut attr);
        if r != 0 {
            // Undo: drop the never-run thread and the proc.
            sched::discard_unstarted(p);
            abandon(p);
            return fail(crate::msg!("cannot create OS thread: {}", errno_str(r)).as_str());
        }
        id
    }
}

unsafe fn abandon(p: *mut Proc) {
    let sys = (*p).sys.load(Ordering::SeqCst);
    proc::retire(p);
    if !sys {
        proc::NONSYS.fetch_sub(1, Ordering::SeqCst);
    }
}
