//! Creating threads and procs: threadcreate, proccreate (and the system procs of
//! ioprocs and exec helpers), procrfork, and each proc's OS-thread set-up (TLS, the
//! signal stack on which stack overflows are reported).

use crate::base::report;
use crate::runtime::proc::{self, Proc};
use crate::runtime::sched::{self, ThreadFn};
use core::ffi::c_void;
use core::mem::zeroed;
use core::sync::atomic::Ordering;

const PROC_OS_STACK: usize = 256 * 1024;
const ALTSTACK: usize = 64 * 1024;

/// Per-OS-thread set-up of a proc.
///
/// # Safety
/// Called once, on the new OS thread of `p` before its scheduler runs; no other OS
/// thread runs `p`.
pub unsafe fn start_os_thread(p: *mut Proc) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        sched::set_myproc(p);
        (*p).tid.store(libc::gettid() as u32, Ordering::Relaxed);
        (*p).pthread = libc::pthread_self();
        setup_thread(p);
    }
}

pub fn threadcreate(f: Option<ThreadFn>, arg: *mut c_void, stacksize: u32) -> i32 {
    threadcreate_by(f, arg, stacksize, 0)
}

/// threadcreate; `creator` is the return address in the caller's code (0: unknown),
/// kept for the thread dump's "created by".
#[inline]
pub fn threadcreate_by(f: Option<ThreadFn>, arg: *mut c_void, stacksize: u32, creator: usize) -> i32 {
    let t = sched::need("threadcreate");
    let Some(f) = f else {
        report::misuse("threadcreate", "nil function");
    };
    // SAFETY: t is the running thread; spawn into its own proc.
    match unsafe { sched::spawn_by((*t).proc, f, arg, stacksize as usize, creator) } {
        Ok(id) => id,
        Err(e) => {
            let what = crate::msg!("cannot allocate stack: {}", crate::base::errno::msg(e));
            report::complain("threadcreate", what.as_str());
            crate::runtime::errstr::set(crate::msg!("threadcreate: {what}").as_bytes());
            -1
        }
    }
}

extern "C" fn proc_main(arg: *mut c_void) -> *mut c_void {
    let p = arg as *mut Proc;
    // SAFETY: p was prepared by proccreate for this OS thread.
    unsafe {
        start_os_thread(p);
        crate::runtime::proc::name_os_thread(p);
        let fl = (*p).rfork;
        if fl & (RFFDG | RFCFDG) != 0 {
            // A private fd table for this proc (Plan 9's RFFDG: a copy; RFCFDG: empty).
            libc::unshare(libc::CLONE_FILES);
            if fl & RFCFDG != 0 {
                libc::syscall(libc::SYS_close_range, 0u32, u32::MAX, 0u32);
            }
        }
        sched::schedule(p);
        teardown_thread();
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
pub fn procrfork(f: Option<ThreadFn>, arg: *mut c_void, stacksize: u32, flags: i32, creator: usize) -> i32 {
    let unsupported = flags & (RFNAMEG | RFENVG | RFNOTEG | RFCNAMEG | RFCENVG);
    let unknown =
        flags & !(RFNAMEG | RFENVG | RFFDG | RFNOTEG | RFPROC | RFMEM | RFNOWAIT | RFCNAMEG | RFCENVG | RFCFDG);
    if unsupported != 0 || unknown != 0 {
        let m = format!("procrfork: flags {:#x} cannot be per proc on Linux", unsupported | unknown);
        report::complain("procrfork", &m["procrfork: ".len()..]);
        crate::runtime::errstr::set(m.as_bytes());
        return -1;
    }
    spawn_proc(f, arg, stacksize, flags & (RFFDG | RFCFDG), "procrfork", false, creator)
}

/// proccreate: a new proc (OS thread) whose first thread runs f(arg); `creator` as
/// for threadcreate.
pub fn proccreate(f: Option<ThreadFn>, arg: *mut c_void, stacksize: u32, call: &str) -> i32 {
    spawn_proc(f, arg, stacksize, 0, call, false, 0)
}

/// proccreate recording the creator's return address (as threadcreate_by).
pub fn proccreate_by(f: Option<ThreadFn>, arg: *mut c_void, stacksize: u32, call: &str, creator: usize) -> i32 {
    spawn_proc(f, arg, stacksize, 0, call, false, creator)
}

/// A system proc (ioprocs, exec helpers): it never keeps the program alive. Marked
/// before its OS thread starts, so the program cannot end early or late because of it.
pub fn proccreate_sys(f: Option<ThreadFn>, arg: *mut c_void, stacksize: u32, call: &str) -> i32 {
    spawn_proc(f, arg, stacksize, 0, call, true, 0)
}

fn spawn_proc(
    f: Option<ThreadFn>,
    arg: *mut c_void,
    stacksize: u32,
    rfork: i32,
    call: &str,
    sys: bool,
    creator: usize,
) -> i32 {
    let Some(f) = f else {
        report::misuse(call, "nil function");
    };
    // Reported without allocating: memory may be what ran out.
    let fail = |what: &str| {
        report::complain(call, what);
        crate::runtime::errstr::set(crate::msg!("{call}: {what}").as_bytes());
        -1
    };
    // A program with several procs gets the thread dump's OS thread now: a SIGQUIT then
    // reaches it even while every proc is busy or blocked (process/signals.rs).
    crate::runtime::upcall::quit_start();
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
        let id = match sched::spawn_by(p, f, arg, stacksize as usize, creator) {
            Ok(id) => id,
            Err(e) => {
                abandon(p);
                return fail(crate::msg!("cannot allocate stack: {}", crate::base::errno::msg(e)).as_str());
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
        let r = if crate::base::fault::fail_proc() {
            libc::EAGAIN
        } else {
            libc::pthread_create(&mut th, &attr, proc_main, p as *mut c_void)
        };
        libc::pthread_attr_destroy(&mut attr);
        if r != 0 {
            // Undo: drop the never-run thread and the proc.
            sched::discard_unstarted(p);
            abandon(p);
            return fail(crate::msg!("cannot create OS thread: {}", crate::base::errno::msg(r)).as_str());
        }
        id
    }
}

/// # Safety
/// `p` came from new_proc, its OS thread never started and it has no threads left;
/// the caller does not use it afterwards.
unsafe fn abandon(p: *mut Proc) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let sys = (*p).sys.load(Ordering::SeqCst);
        proc::retire(p);
        if !sys {
            proc::NONSYS.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Per-OS-thread set-up for a proc: an alternate signal stack for overflow reports.
///
/// # Safety
/// Called on `p`'s own OS thread.
pub unsafe fn setup_thread(p: *mut Proc) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if (*p).altstack == 0 {
            let a = libc::mmap(
                core::ptr::null_mut(),
                ALTSTACK,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            );
            if a == libc::MAP_FAILED {
                return;
            }
            (*p).altstack = a as usize;
        }
        let ss = libc::stack_t { ss_sp: (*p).altstack as *mut c_void, ss_flags: 0, ss_size: ALTSTACK };
        let mut old: libc::stack_t = zeroed();
        if libc::sigaltstack(&ss, &mut old) == 0 {
            OLD_ALTSTACK.with(|o| o.set(Some(old)));
        }
    }
}

thread_local! {
    /// The alternate signal stack this OS thread had before its proc installed ours.
    static OLD_ALTSTACK: core::cell::Cell<Option<libc::stack_t>> = const { core::cell::Cell::new(None) };
}

/// Before a proc's OS thread ends (and before its Proc, altstack included, can be
/// recycled): puts back the thread's previous alternate signal stack. ASan gives
/// every thread its own altstack and, when the thread exits, unmaps whatever
/// altstack is installed, assuming it is its own: it unmapped the proc's, which the
/// next proc recycling that Proc then used, and signals landed in whatever memory
/// took its place (crashes in glibc's thread-stack list under check-asan).
pub fn teardown_thread() {
    if let Some(old) = OLD_ALTSTACK.with(|o| o.take()) {
        // SAFETY: restoring a stack_t that sigaltstack itself returned.
        unsafe { libc::sigaltstack(&old, core::ptr::null_mut()) };
    }
}
