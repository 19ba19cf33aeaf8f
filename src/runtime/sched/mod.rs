//! The per-proc scheduler: run queue, park/ready, cross-proc wake-ups, idling.
//!
//! A thread switches only to its proc's scheduler loop (a corosensei suspend) and the
//! loop resumes the next ready thread: two ~2 ns switches, no syscalls. Waking a thread
//! of another proc pushes it on that proc's lock-free inbox and futex-wakes the proc
//! only if it sleeps (Dekker ordering on `Proc::sleeping`; docs/ARCHITECTURE.md).

use crate::base::futex;
use crate::base::mem::CachePadded;
use crate::runtime::proc::{self, Proc, CENSUS, RUNNING, SLEEP_FUTEX, SLEEP_POLL, WAKEGEN};
use crate::runtime::stack;
use crate::runtime::thread::*;
use core::ffi::c_void;
use core::ptr::null_mut;
use core::sync::atomic::{AtomicI32, AtomicU32, AtomicU64, Ordering};
use corosensei::CoroutineResult;

mod api;
mod host;
mod idle;
mod park;
mod runq;
pub use api::*;
use host::*;
pub use idle::*;
pub use park::*;
pub use runq::*;

static NEXT_TID: CachePadded<AtomicI32> = CachePadded(AtomicI32::new(1));
/// Idle spin before sleeping, in ns (THREAD9_SPIN; 0 on one CPU).
static SPIN_NS: AtomicU64 = AtomicU64::new(u64::MAX);

pub type ThreadFn = unsafe extern "C" fn(*mut c_void);

/// This OS thread's proc (null outside procs): arch's TLS slot, typed.
#[inline(always)]
pub fn myproc() -> *mut Proc {
    crate::arch::proc_slot() as *mut Proc
}

/// Whether this OS thread is inside a note (signal) handler (see arch::in_note).
#[inline(always)]
pub fn in_note() -> bool {
    crate::arch::in_note()
}

pub fn set_myproc(p: *mut Proc) {
    crate::arch::set_proc_slot(p as *mut c_void);
    if !p.is_null() {
        // SAFETY: p is this OS thread's proc; errno's location is fixed per OS thread.
        unsafe { (*p).errno = errno_loc() };
    }
}

/// One traced event: with `LIBTHREAD=trace` a line on fd 2,
/// `thread9 trace: SECONDS proc P thread T "NAME": what` (seconds on the monotonic
/// clock since start-up; the thread is the one running, if any), and with
/// `trace=FILE.json` an instant event in the timeline (runtime::trace).
#[cold]
pub fn trace(what: &str) {
    trace_line(what);
    crate::runtime::trace::instant(what);
}

/// trace() for events the timeline shows otherwise (runs, wake-ups): the line only.
#[cold]
pub fn trace_line(what: &str) {
    use crate::base::flags::{flag, F_TRACE, TRACE_START};
    if !flag(F_TRACE) {
        return;
    }
    let d = crate::base::futex::now_ns().saturating_sub(TRACE_START.load(Ordering::Relaxed));
    let p = myproc();
    let t = current();
    // SAFETY: p is this OS thread's proc, if any, and t its running thread.
    let who = unsafe {
        match (p.is_null(), t.is_null()) {
            (true, _) => "(no proc)".to_string(),
            (false, true) => format!("proc {}", (*p).id),
            (false, false) => {
                format!("proc {} thread {} \"{}\"", (*p).id, (*t).id, String::from_utf8_lossy((*t).name_str()))
            }
        }
    };
    let line = format!("thread9 trace: {}.{:09} {who}: {what}\n", d / 1_000_000_000, d % 1_000_000_000);
    crate::base::report::ewrite(line.as_bytes());
}

/// The running thread, or null outside thread9 threads.
#[inline]
pub fn current() -> *mut Thread {
    let p = myproc();
    if p.is_null() {
        null_mut()
    } else {
        // SAFETY: p is this OS thread's live proc.
        unsafe { (*p).cur.load(Ordering::Relaxed) }
    }
}

/// The running thread; a call from outside any thread9 thread is a misuse: report it
/// naming `call`, and abort.
#[inline]
pub fn need(call: &str) -> *mut Thread {
    let t = current();
    if t.is_null() {
        crate::base::report::misuse(call, "not called from a thread9 thread");
    }
    t
}

fn errno_loc() -> *mut i32 {
    // SAFETY: glibc's per-OS-thread errno location.
    unsafe { libc::__errno_location() }
}

/// Thread ids each proc takes from the global counter at a time: one atomic
/// add per TID_BATCH threads instead of per thread (its drain of the store buffer
/// was a quarter of threadcreate). Threads created by one proc still get
/// consecutive ids; only procs creating threads concurrently see the blocks.
const TID_BATCH: i32 = 32;

fn next_tid() -> i32 {
    let me = myproc();
    if me.is_null() {
        return NEXT_TID.fetch_add(1, Ordering::Relaxed);
    }
    // SAFETY: the caller's own proc; the fields are touched only by its OS thread.
    unsafe {
        if (*me).tid_next == (*me).tid_end {
            let b = NEXT_TID.fetch_add(TID_BATCH, Ordering::Relaxed);
            (*me).tid_next = b;
            (*me).tid_end = b + TID_BATCH;
        }
        let id = (*me).tid_next;
        (*me).tid_next += 1;
        id
    }
}

/// Creates a thread in proc `p` (the caller's, or a proc not yet started) and queues it.
/// Returns its id, or an errno when no stack can be had.
///
/// # Safety
/// `p` is the caller's proc or one whose OS thread has not started.
pub unsafe fn spawn(p: *mut Proc, f: ThreadFn, arg: *mut c_void, stacksize: usize) -> Result<i32, i32> {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { spawn_by(p, f, arg, stacksize, 0) }
}

/// spawn, recording `creator` (a return address in the program's code that asked for
/// the thread; 0 for none) for the thread dump.
///
/// # Safety
/// As for spawn.
pub unsafe fn spawn_by(
    p: *mut Proc,
    f: ThreadFn,
    arg: *mut c_void,
    stacksize: usize,
    creator: usize,
) -> Result<i32, i32> {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let st = stack::alloc(Some(&mut (*p).cache), stacksize)?;
        // Per stack, not per mode: a slot guarded before the mode fell back to canaries
        // has no canary written.
        let (lo, size, canary) = (st.lo, st.size, !st.guarded);
        let cur = current();
        let grp = if cur.is_null() { 0 } else { (*cur).grp.load(Ordering::Relaxed) };
        let id = next_tid();
        // The registry lock is taken before the Thread is written, not after: its atomic
        // exchange waits for every earlier store to drain, and ~30 of them would.
        (*p).reg_lock.lock();
        // The Thread lives in the top META bytes of its stack (stack.rs): the page an
        // idle thread touches anyway, and no allocation of its own.
        let t = st.meta() as *mut Thread;
        t.write(Thread {
            id,
            grp: AtomicI32::new(grp),
            proc: p,
            co: None,
            yielder: core::ptr::null(),
            sel: AtomicU32::new(SEL_IDLE),
            killed: Default::default(),
            errno: 0,
            data: null_mut(),
            name: None,
            state: None,
            errstr: None,
            wait: core::sync::atomic::AtomicU8::new(Wait::None as u8),
            waitchan: core::sync::atomic::AtomicPtr::new(null_mut()),
            since: AtomicU32::new(0),
            creator,
            func: f as usize,
            stack_lo: lo,
            stack_size: size,
            canary,
            timer: crate::runtime::timer::Timer::new(timer_fire),
            next: null_mut(),
            inext: null_mut(),
            rprev: null_mut(),
            rnext: null_mut(),
        });
        let tp = t as usize;
        let argp = arg as usize;
        (*t).co = Some(Co::with_stack(st, move |y: &Yld, ()| {
            let t = tp as *mut Thread;
            // (Inside spawn's unsafe block.) t is this coroutine's own Thread, alive while it runs.
            {
                crate::san::asan::in_thread(&mut (*(*t).proc).san_bottom, &mut (*(*t).proc).san_size, null_mut());
                (*t).yielder = y;
                f(argp as *mut c_void);
                set_exitmsg((*t).proc, b"");
                crate::san::asan::to_scheduler((*(*t).proc).san_bottom, (*(*t).proc).san_size, true);
            }
        }));
        // Register.
        let h = *(*p).reg_head.get();
        (*t).rnext = h;
        if !h.is_null() {
            (*h).rprev = t;
        }
        *(*p).reg_head.get() = t;
        (*p).reg_lock.unlock();
        (*p).nthreads += 1;
        push_runq(p, t);
        if crate::base::flags::tracing() {
            trace(&format!("thread {id} created in proc {} ({:#x})", (*p).id, f as usize));
        }
        Ok(id)
    }
}

/// After a park ended (and the caller cleaned up its wait queues): a killed thread dies here.
pub fn check_killed() {
    let t = current();
    // SAFETY: t is the running thread.
    unsafe {
        if !t.is_null() && (*t).killed.load(Ordering::Relaxed) {
            die();
        }
    }
}

/// # Safety
/// `tm` is the `timer` field of a live Thread, fired by its proc's timer heap on that
/// proc's OS thread (the thread's park deadline).
unsafe fn timer_fire(tm: *mut crate::runtime::timer::Timer) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let off = core::mem::offset_of!(Thread, timer);
        let t = (tm as *mut u8).sub(off) as *mut Thread;
        wake(t, SEL_TIMEOUT);
    }
}

/// threadyield: returns how many other switches the proc made meanwhile.
pub fn yield_now() -> i32 {
    let t = need("threadyield");
    // SAFETY: t is the running thread.
    unsafe {
        let p = (*t).proc;
        let before = (*p).nswitch;
        switch(Verdict::Yield);
        check_killed();
        ((*p).nswitch - before - 1) as i32
    }
}

/// Records the proc's exit message (the last exiting thread's stands), UTF-8 safe.
///
/// # Safety
/// `p` is the caller's proc.
pub unsafe fn set_exitmsg(p: *mut Proc, msg: &[u8]) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let n = crate::base::utf::trunc(msg, 127);
        let m = &mut (*p).exitmsg;
        m[..n].copy_from_slice(&msg[..n]);
        m[n] = 0;
    }
}

/// Ends the running thread (threadexits), from any depth: never unwinds.
pub fn exit_thread(msg: &[u8]) -> ! {
    let t = need("threadexits");
    // SAFETY: t is the running thread.
    unsafe { set_exitmsg((*t).proc, msg) };
    die()
}

fn die() -> ! {
    switch(Verdict::Exit);
    unreachable!("thread9: a dead thread was resumed");
}

/// # Safety
/// On `p`'s OS thread: `t` is a thread of `p` that will never run again: its coroutine
/// returned (`reset` false), or is suspended for good or never started (`reset` true).
/// `t` is freed or recycled here and must not be used after.
unsafe fn finish(p: *mut Proc, t: *mut Thread, reset: bool) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if crate::base::flags::tracing() {
            trace(&format!(
                "thread {} exits{}",
                (*t).id,
                if (*t).killed.load(Ordering::Relaxed) { " (killed)" } else { "" }
            ));
        }
        if (*t).id == 1 {
            crate::runtime::upcall::main_exited((*p).nthreads > 1 || proc::NONSYS.load(Ordering::SeqCst) > 1);
        }
        let mut co = (*t).co.take().unwrap();
        if reset {
            // The coroutine is suspended mid-stack: abandon it without unwinding.
            co.force_reset();
        }
        crate::san::asan::unpoison((*t).stack_lo, (*t).stack_size);
        (*p).reg_lock.lock();
        if (*t).rprev.is_null() {
            *(*p).reg_head.get() = (*t).rnext;
        } else {
            (*(*t).rprev).rnext = (*t).rnext;
        }
        if !(*t).rnext.is_null() {
            (*(*t).rnext).rprev = (*t).rprev;
        }
        (*p).reg_lock.unlock();
        if (*p).pinned == t {
            (*p).pinned = null_mut();
        }
        (*p).nthreads -= 1;
        // Before the Thread's place can be reused: its TSan fiber is keyed by address.
        crate::san::tsan::gone(t as usize);
        // Drop what the thread owns, then its stack, where the Thread itself lives:
        // nothing may touch `t` after this.
        core::ptr::drop_in_place(t);
        stack::free(Some(&mut (*p).cache), co.into_stack());
    }
}

/// # Safety
/// On `p`'s OS thread, from its scheduler: `t` is a not-running thread of `p` just taken
/// off the run queue, whose coroutine has not finished (`co` is Some).
#[inline]
unsafe fn run(p: *mut Proc, t: *mut Thread) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        (*p).cur.store(t, Ordering::Relaxed);
        let errno = (*p).errno;
        *errno = (*t).errno;
        let r =
            if crate::arch::hooks() == 0 { (*t).co.as_mut().unwrap_unchecked().resume(()) } else { resume_hooked(t) };
        (*t).errno = *errno;
        (*p).cur.store(null_mut(), Ordering::Relaxed);
        after_run(p, t, r);
    }
}

/// Bookkeeping after thread `t` of proc `p` switched out with `r`.
///
/// # Safety
/// On `p`'s OS thread: `t` is the thread of `p` that just switched out with `r` (the
/// scheduler's or a host's resume of it), and is not used by the caller afterwards.
#[inline(always)]
unsafe fn after_run(p: *mut Proc, t: *mut Thread, r: CoroutineResult<Verdict, ()>) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        (*p).nswitch += 1;
        // Every switch out of a thread with an unguarded stack checks the edges of
        // its canary page, and its exit (every thread ends by switching out here,
        // killed ones too) the whole page (out of line: guarded stacks, the rule,
        // pay one test).
        if (*t).canary {
            check_canary(t, !matches!(r, CoroutineResult::Yield(Verdict::Block | Verdict::Yield)));
        }
        // Tested in order of frequency: a jump table here would be an indirect branch.
        if let CoroutineResult::Yield(Verdict::Block) = r {
        } else if let CoroutineResult::Yield(Verdict::Yield) = r {
            push_runq(p, t);
        } else {
            finish(p, t, matches!(r, CoroutineResult::Yield(Verdict::Exit)));
        }
        if (*p).nswitch & 63 == 0 {
            fire_timers(p);
            // A proc that never idles still sees its ready fds (poll.rs).
            if !(*p).poller.is_null() {
                crate::runtime::poll::busy(p);
            }
        }
    }
}

/// Reports the overflow of the unguarded thread `t` if its canary page was written:
/// its edges (every switch), or all of it (`exiting`).
///
/// # Safety
/// `t` is a live thread of the calling proc with an unguarded stack.
#[cold]
#[inline(never)]
unsafe fn check_canary(t: *mut Thread, exiting: bool) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    let lo = unsafe { (*t).stack_lo };
    if !stack::canary_edges_ok(lo) || (exiting && !stack::canary_ok(lo)) {
        stack::overflow_report(t);
    }
}

/// A resume announced to the sanitizers and tracing.
///
/// # Safety
/// As for `run`: `t` is a thread of the calling proc, not running, whose coroutine has
/// not finished (`co` is Some).
#[inline(never)]
unsafe fn resume_hooked(t: *mut Thread) -> CoroutineResult<Verdict, ()> {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let tracing = crate::base::flags::tracing();
        if tracing {
            trace_line(&format!("thread {} runs", (*t).id));
            crate::runtime::trace::begin(t);
        }
        crate::san::tsan::enter(t as usize, (*t).id);
        let fake = crate::san::asan::to_thread((*t).stack_lo, (*t).stack_size);
        let r = (*t).co.as_mut().unwrap_unchecked().resume(());
        crate::san::asan::back_in_scheduler(fake);
        crate::san::tsan::leave();
        if tracing {
            crate::runtime::trace::end(t);
        }
        r
    }
}

/// A hosted resume of `n` by `host` announced to the sanitizers and tracing: as
/// resume_hooked, then back on the host's TSan fiber, and the scheduler's stack
/// bounds (which `n` overwrote with the host's) restored for ASan.
///
/// # Safety
/// As for resume_hooked on `n`; `host` is the thread of `p` hosting it (sched::host)
/// on `p`'s OS thread.
#[inline(never)]
unsafe fn resume_hosted_hooked(p: *mut Proc, host: *mut Thread, n: *mut Thread) -> CoroutineResult<Verdict, ()> {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let (bottom, size) = ((*p).san_bottom, (*p).san_size);
        let r = resume_hooked(n);
        crate::san::tsan::enter(host as usize, (*host).id);
        (*p).san_bottom = bottom;
        (*p).san_size = size;
        r
    }
}

/// Moves cross-proc wake-ups to the run queue (in the order they were made).
///
/// # Safety
/// On `p`'s own OS thread: the inbox's threads were pushed by `ready_slow` (claimed,
/// live, not queued anywhere else).
#[inline]
unsafe fn drain_inbox(p: *mut Proc) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if (*p).inbox.load(Ordering::Relaxed).is_null() {
            return;
        }
        let mut t = (*p).inbox.swap(null_mut(), Ordering::Acquire);
        crate::san::tsan::acquire(&(*p).inbox);
        let mut rev: *mut Thread = null_mut();
        while !t.is_null() {
            let n = (*t).inext;
            (*t).inext = rev;
            rev = t;
            t = n;
        }
        while !rev.is_null() {
            let n = (*rev).inext;
            push_runq(p, rev);
            rev = n;
        }
    }
}

/// # Safety
/// On `p`'s own OS thread: every timer armed in `p`'s heap is live and its `fire` may run
/// here.
unsafe fn fire_timers(p: *mut Proc) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if (*p).timers.is_empty() {
            return;
        }
        let now = futex::now_ns();
        while let Some(tm) = (*p).timers.pop_due(now) {
            ((*tm).fire)(tm);
        }
    }
}

/// Runs proc `p` until it has no threads left.
///
/// # Safety
/// Called once, on `p`'s own OS thread.
pub unsafe fn schedule(p: *mut Proc) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        loop {
            drain_inbox(p);
            fire_timers(p);
            let t = if (*p).pinned.is_null() { pop_runq(p) } else { take_pinned(p) };
            if !t.is_null() {
                run(p, t);
                continue;
            }
            if (*p).nthreads == 0 {
                return;
            }
            idle(p);
        }
    }
}
