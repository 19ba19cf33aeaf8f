//! The per-proc scheduler: run queue, park/ready, cross-proc wake-ups, idling.
//!
//! A thread switches only to its proc's scheduler loop (a corosensei suspend) and the
//! loop resumes the next ready thread: two ~2 ns switches, no syscalls. Waking a thread
//! of another proc pushes it on that proc's lock-free inbox and futex-wakes the proc
//! only if it sleeps (Dekker ordering on `Proc::sleeping`, FEASIBILITY.md §5).

use crate::base::futex;
use crate::runtime::proc::{self, Proc, CENSUS, RUNNING, SLEEP_FUTEX, SLEEP_POLL, WAKEGEN};
use crate::runtime::stack;
use crate::runtime::thread::*;
use core::ffi::c_void;
use core::ptr::null_mut;
use core::sync::atomic::{AtomicI32, AtomicU32, AtomicU64, Ordering};
use corosensei::CoroutineResult;


static NEXT_TID: AtomicI32 = AtomicI32::new(1);
/// Idle spin before sleeping, in ns (THREAD9_SPIN; 0 on one CPU).
static SPIN_NS: AtomicU64 = AtomicU64::new(u64::MAX);

pub type ThreadFn = unsafe extern "C" fn(*mut c_void);

/// Dead threads' allocations kept per proc for reuse.
const TCACHE: usize = 256;

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

/// One trace line on fd 2: `thread9[proc P]: what`.
#[cold]
pub fn trace(what: &str) {
    let p = myproc();
    // SAFETY: p is this OS thread's proc, if any.
    let pid = if p.is_null() { -1 } else { unsafe { (*p).id as i64 } };
    crate::base::report::ewrite(format!("thread9 trace: proc {pid}: {what}\n").as_bytes());
}


/// The running thread, or null outside thread9 threads.
#[inline]
pub fn current() -> *mut Thread {
    let p = myproc();
    if p.is_null() {
        null_mut()
    } else {
        // SAFETY: p is this OS thread's live proc.
        unsafe { (*p).cur }
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
    // Recycle a dead thread's allocation when the proc has one (malloc+free would
    // be a third of a thread's whole life cost).
    let t: *mut Thread = match (*p).tcache.pop() {
        Some(t) => t,
        None => Box::into_raw(Box::<core::mem::MaybeUninit<Thread>>::new(core::mem::MaybeUninit::uninit())) as *mut Thread,
    };
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
        wait: Wait::None,
        waitchan: null_mut(),
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
        // SAFETY: t is this coroutine's own Thread, alive while it runs.
        unsafe {
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

#[inline]
unsafe fn push_runq(p: *mut Proc, t: *mut Thread) {
    (*t).next = null_mut();
    if (*p).runq_tail.is_null() {
        (*p).runq_head = t;
    } else {
        (*(*p).runq_tail).next = t;
    }
    (*p).runq_tail = t;
}

#[inline]
unsafe fn pop_runq(p: *mut Proc) -> *mut Thread {
    let t = (*p).runq_head;
    if !t.is_null() {
        (*p).runq_head = (*t).next;
        if (*p).runq_head.is_null() {
            (*p).runq_tail = null_mut();
        }
    }
    t
}

/// Takes the pinned thread out of the run queue, if it is there.
unsafe fn take_pinned(p: *mut Proc) -> *mut Thread {
    let want = (*p).pinned;
    let mut prev: *mut Thread = null_mut();
    let mut t = (*p).runq_head;
    while !t.is_null() {
        if t == want {
            if prev.is_null() {
                (*p).runq_head = (*t).next;
            } else {
                (*prev).next = (*t).next;
            }
            if (*p).runq_tail == t {
                (*p).runq_tail = prev;
            }
            return t;
        }
        prev = t;
        t = (*t).next;
    }
    null_mut()
}

/// Makes a parked thread runnable, from any proc.
///
/// # Safety
/// `t` is a live thread that the caller has just claimed (its `sel` CAS succeeded).
#[inline(always)]
pub unsafe fn ready(t: *mut Thread) {
    if crate::base::flags::tracing() {
        ready_slow(t);
    } else {
        ready_nohooks(t);
    }
}

/// ready() for callers that know debug::hooks() is zero.
///
/// # Safety
/// As for ready.
#[inline(always)]
pub unsafe fn ready_nohooks(t: *mut Thread) {
    let p = (*t).proc;
    if p == myproc() {
        push_runq(p, t);
    } else {
        ready_slow(t);
    }
}

#[inline(never)]
unsafe fn ready_slow(t: *mut Thread) {
    let p = (*t).proc;
    if crate::base::flags::tracing() {
        trace(&format!("thread {} ready (sel {:#x})", (*t).id, (*t).sel.load(Ordering::Relaxed)));
    }
    if p == myproc() {
        push_runq(p, t);
    } else {
        crate::san::tsan::release(&(*p).inbox);
        let mut h = (*p).inbox.load(Ordering::Relaxed);
        loop {
            (*t).inext = h;
            match (*p).inbox.compare_exchange_weak(h, t, Ordering::SeqCst, Ordering::Relaxed) {
                Ok(_) => break,
                Err(x) => h = x,
            }
        }
        kick(p);
    }
}

/// Wakes proc `p` if it sleeps. Called after publishing work for it.
pub fn kick(p: *mut Proc) {
    // SAFETY: procs are never freed; a stale kick is a harmless spurious wake.
    unsafe {
        if (*p).sleeping.load(Ordering::SeqCst) == RUNNING {
            return;
        }
        match (*p).sleeping.swap(RUNNING, Ordering::SeqCst) {
            SLEEP_FUTEX => {
                WAKEGEN.fetch_add(1, Ordering::Relaxed);
                futex::wake(&(*p).sleeping, 1);
            }
            SLEEP_POLL => {
                WAKEGEN.fetch_add(1, Ordering::Relaxed);
                let one: u64 = 1;
                libc::write((*p).wake_fd, &one as *const u64 as *const c_void, 8);
            }
            _ => {}
        }
    }
}

/// Claims a parked thread with `code` and makes it runnable. False if it was not
/// waiting (already claimed, or running).
///
/// # Safety
/// `t` is a live thread.
#[inline]
pub unsafe fn wake(t: *mut Thread, code: u32) -> bool {
    if (*t).sel.compare_exchange(SEL_WAITING, code, Ordering::AcqRel, Ordering::Relaxed).is_ok() {
        ready(t);
        true
    } else {
        false
    }
}

/// Switches from the running thread to its scheduler (or host).
#[inline]
pub fn switch(v: Verdict) {
    let t = current();
    // SAFETY: t is the running thread; its yielder lives on its own stack.
    unsafe { suspend((*t).proc, t, v) }
}

/// Switches the running thread `t` of proc `p` to whoever resumed it (its proc's
/// scheduler or host), telling ASan.
///
/// # Safety
/// `t` is the running thread of `p`.
#[inline(always)]
unsafe fn suspend(p: *mut Proc, t: *mut Thread, v: Verdict) {
    let fake = crate::san::asan::to_scheduler((*p).san_bottom, (*p).san_size, v == Verdict::Exit);
    (*(*t).yielder).suspend(v);
    crate::san::asan::in_thread(&mut (*p).san_bottom, &mut (*p).san_size, fake);
}

/// Parks the running thread, whose `sel` the caller has set to SEL_WAITING (under
/// the locks that make it findable). Returns how the park ended. `deadline` is an
/// absolute nsecmono() value, 0 for none. A killed thread never returns from here.
pub fn park(wait: Wait, chan: *mut c_void, deadline: u64) -> u32 {
    let t = current();
    // SAFETY: t is the running thread of this OS thread's proc.
    unsafe {
        let p = (*t).proc;
        (*t).wait = wait;
        (*t).waitchan = chan;
        if deadline != 0 {
            (*t).timer.deadline = deadline;
            (*p).timers.insert(&mut (*t).timer);
        }
        // Whoever claims us (CAS from SEL_WAITING) also makes us runnable, so we must
        // suspend exactly once even if the claim already happened (a waker on another
        // proc): its ready() only reaches our run queue after we switch out. The one
        // exception: a killed thread claims itself and is readied by nobody.
        let selfclaim = (*t).killed.load(Ordering::Relaxed)
            && (*t).sel.compare_exchange(SEL_WAITING, SEL_INTR, Ordering::AcqRel, Ordering::Relaxed).is_ok();
        if crate::base::flags::tracing() {
            let on = match wait {
                Wait::Send | Wait::Recv => format!(" on channel {}", crate::runtime::upcall::chan_name(chan)),
                Wait::Io => format!(" on ioproc {:p}", chan),
                _ => String::new(),
            };
            trace(&format!("thread {} blocks: {:?}{on}", (*t).id, wait));
        }
        if !selfclaim {
            block(t);
        }
        if (*t).timer.armed() {
            (*p).timers.remove(&mut (*t).timer);
        }
        unparked(t)
    }
}

/// After a park: clears the wait and returns how it ended.
///
/// # Safety
/// `t` is the running thread, back from its park.
#[inline(always)]
unsafe fn unparked(t: *mut Thread) -> u32 {
    (*t).wait = Wait::None;
    (*t).waitchan = null_mut();
    // Nobody touches sel once we have been claimed: no atomic RMW needed.
    let code = (*t).sel.load(Ordering::Acquire);
    (*t).sel.store(SEL_IDLE, Ordering::Relaxed);
    code
}

/// park() without a deadline for the running thread `t`, inlined into channel
/// operations: the common case skips the timer and the kill and trace checks.
///
/// # Safety
/// `t` is the running thread; its `sel` is SEL_WAITING as for park.
#[inline(always)]
pub unsafe fn park_nodeadline(t: *mut Thread, wait: Wait, chan: *mut c_void) -> u32 {
    if (*t).killed.load(Ordering::Relaxed) || crate::arch::hooks() != 0 {
        return park(wait, chan, 0);
    }
    (*t).wait = wait;
    (*t).waitchan = chan;
    block(t);
    unparked(t)
}

/// Switches the parked running thread `t` out until its wake-up is consumed.
///
/// A thread the scheduler resumed hosts the proc's ready threads instead of
/// switching back to the scheduler first (host, below). A thread running hosted,
/// a proc with a pinned thread, and a thread short of stack switch to their parent
/// as usual.
///
/// # Safety
/// `t` is the running thread, parked (its `sel` SEL_WAITING or already claimed).
#[inline(always)]
unsafe fn block(t: *mut Thread) {
    let p = (*t).proc;
    let sp = &t as *const *mut Thread as usize;
    if (*p).host.is_null() && (*p).pinned.is_null() && sp.wrapping_sub((*t).stack_lo) > HOST_STACK_MIN {
        host(p, t);
    } else {
        suspend(p, t, Verdict::Block);
    }
}

/// Stack a parked thread must have left to host others (host's frame and the
/// switch's saved registers take a few hundred bytes).
const HOST_STACK_MIN: usize = 8192;

/// Runs the proc's ready threads from the parked thread `t`'s own stack, in run-queue
/// order, until `t` itself comes up (its wake-up, consumed here as the scheduler
/// would), or until nothing is ready (then `t` switches to the scheduler and sleeps
/// there like any parked thread).
///
/// Why: a hand-off between two threads of a proc otherwise costs two switch pairs
/// (thread → scheduler → thread), and every switch into a thread blocked inside a
/// library call ends in a mispredicted return (the return stack buffer holds the
/// other context's addresses). Resuming the next thread directly from the parked
/// one halves both. The order threads run in is the scheduler's exactly; only
/// threads resumed by the scheduler host (one level), so a hosted thread that
/// parks returns here.
///
/// # Safety
/// As for block; `p` is `t`'s proc and has no host.
#[inline(never)]
unsafe fn host(p: *mut Proc, t: *mut Thread) {
    (*p).host = t;
    let errno = (*p).errno;
    let mine = *errno;
    // Whether to go on sleeping in the scheduler: nothing else is ready (it resumes
    // us once our wake-up arrives), or a hosted thread pinned itself (only the
    // scheduler honours that).
    let sleep = loop {
        drain_inbox(p);
        fire_timers(p);
        let n = pop_runq(p);
        if n == t {
            break false;
        }
        if n.is_null() {
            break true;
        }
        (*p).cur = n;
        *errno = (*n).errno;
        let r = if crate::arch::hooks() == 0 {
            (*n).co.as_mut().unwrap_unchecked().resume(())
        } else {
            resume_hosted_hooked(p, t, n)
        };
        (*n).errno = *errno;
        (*p).cur = t;
        after_run(p, n, r);
        if !(*p).pinned.is_null() {
            break true;
        }
    };
    (*p).host = null_mut();
    *errno = mine;
    if sleep {
        suspend(p, t, Verdict::Block);
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

unsafe fn timer_fire(tm: *mut crate::runtime::timer::Timer) {
    let off = core::mem::offset_of!(Thread, timer);
    let t = (tm as *mut u8).sub(off) as *mut Thread;
    wake(t, SEL_TIMEOUT);
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
    let n = utf8_trunc(msg, 127);
    let m = &mut (*p).exitmsg;
    m[..n].copy_from_slice(&msg[..n]);
    m[n] = 0;
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

unsafe fn finish(p: *mut Proc, t: *mut Thread, reset: bool) {
    if crate::base::flags::tracing() {
        trace(&format!("thread {} exits{}", (*t).id, if (*t).killed.load(Ordering::Relaxed) { " (killed)" } else { "" }));
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
    stack::free(Some(&mut (*p).cache), co.into_stack());
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
    // Before the Thread can be reused (tcache): its TSan fiber is keyed by address.
    crate::san::tsan::gone(t as usize);
    if (*p).tcache.len() < TCACHE {
        // Drop what the thread owns; the allocation itself is reused by spawn.
        core::ptr::drop_in_place(t);
        (*p).tcache.push(t);
    } else {
        drop(Box::from_raw(t));
    }
}

#[inline]
unsafe fn run(p: *mut Proc, t: *mut Thread) {
    (*p).cur = t;
    let errno = (*p).errno;
    *errno = (*t).errno;
    let r = if crate::arch::hooks() == 0 {
        (*t).co.as_mut().unwrap_unchecked().resume(())
    } else {
        resume_hooked(t)
    };
    (*t).errno = *errno;
    (*p).cur = null_mut();
    after_run(p, t, r);
}

/// Bookkeeping after thread `t` of proc `p` switched out with `r`.
#[inline(always)]
unsafe fn after_run(p: *mut Proc, t: *mut Thread, r: CoroutineResult<Verdict, ()>) {
    (*p).nswitch += 1;
    if (*t).canary && core::ptr::read_volatile((*t).stack_lo as *const u64) != stack::CANARY {
        crate::runtime::stack::overflow_report(t);
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

/// A resume announced to the sanitizers and tracing.
#[inline(never)]
unsafe fn resume_hooked(t: *mut Thread) -> CoroutineResult<Verdict, ()> {
    if crate::base::flags::tracing() {
        trace(&format!("thread {} runs", (*t).id));
    }
    crate::san::tsan::enter(t as usize, (*t).id);
    let fake = crate::san::asan::to_thread((*t).stack_lo, (*t).stack_size);
    let r = (*t).co.as_mut().unwrap_unchecked().resume(());
    crate::san::asan::back_in_scheduler(fake);
    crate::san::tsan::leave();
    r
}

/// A hosted resume of `n` by `host` announced to the sanitizers and tracing: as
/// resume_hooked, then back on the host's TSan fiber, and the scheduler's stack
/// bounds (which `n` overwrote with the host's) restored for ASan.
#[inline(never)]
unsafe fn resume_hosted_hooked(p: *mut Proc, host: *mut Thread, n: *mut Thread) -> CoroutineResult<Verdict, ()> {
    let (bottom, size) = ((*p).san_bottom, (*p).san_size);
    let r = resume_hooked(n);
    crate::san::tsan::enter(host as usize, (*host).id);
    (*p).san_bottom = bottom;
    (*p).san_size = size;
    r
}

/// Moves cross-proc wake-ups to the run queue (in the order they were made).
#[inline]
unsafe fn drain_inbox(p: *mut Proc) {
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

unsafe fn fire_timers(p: *mut Proc) {
    if (*p).timers.is_empty() {
        return;
    }
    let now = futex::now_ns();
    while let Some(tm) = (*p).timers.pop_due(now) {
        ((*tm).fire)(tm);
    }
}

/// Runs proc `p` until it has no threads left.
///
/// # Safety
/// Called once, on `p`'s own OS thread.
pub unsafe fn schedule(p: *mut Proc) {
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

/// How long a thread about to park on a channel may poll it first: only when its
/// proc has nothing else to run, and never on one CPU.
#[inline]
pub fn chan_spin_budget() -> u64 {
    let p = myproc();
    // SAFETY: p is this OS thread's proc (checked non-null).
    unsafe {
        if p.is_null() || !(*p).runq_head.is_null() || !(*p).inbox.load(Ordering::Relaxed).is_null() {
            return 0;
        }
        spin_budget(p) / 8
    }
}

/// The proc's current spin budget (ns).
///
/// Spinning pays only while the partner runs on another CPU. When it does not (a
/// loaded machine, or a partner waiting for I/O), every spin burns the time the
/// partner may need on this very CPU: a buffered stream across two procs sharing
/// a CPU slowed from ~70 to ~400 ns per item. So the budget adapts per proc:
/// halved by a spin that waited in vain, doubled by one that was answered, within
/// [max/32, max] (THREAD9_SPIN sets max; 0 never spins).
///
/// # Safety
/// `p` is the caller's proc.
#[inline]
pub unsafe fn spin_budget(p: *mut Proc) -> u64 {
    let s = (*p).spin;
    if s != u64::MAX {
        return s;
    }
    let s = spin_ns();
    (*p).spin = s;
    s
}

/// Records whether a spin of proc `p` was answered (see spin_budget).
///
/// # Safety
/// `p` is the caller's proc.
#[inline]
pub unsafe fn spin_answered(p: *mut Proc, yes: bool) {
    let max = spin_ns();
    let s = spin_budget(p);
    (*p).spin = if yes { (s * 2).min(max) } else { (s / 2).max(max / 32) };
}

/// Spins up to `ns` nanoseconds until `done()` holds; whether it did.
pub fn spin_until(ns: u64, mut done: impl FnMut() -> bool) -> bool {
    let start = futex::now_ns();
    let mut i = 0u32;
    while !done() {
        core::hint::spin_loop();
        i += 1;
        if i & 63 == 0 && futex::now_ns() - start >= ns {
            return false;
        }
    }
    true
}

fn spin_ns() -> u64 {
    let v = SPIN_NS.load(Ordering::Relaxed);
    if v != u64::MAX {
        return v;
    }
    // SAFETY: sysconf has no preconditions.
    let ncpu = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    let v = std::env::var("THREAD9_SPIN")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if ncpu > 1 { 20_000 } else { 0 });
    SPIN_NS.store(v, Ordering::Relaxed);
    v
}

/// Nothing to run: spin briefly for a cross-proc wake-up, then sleep until one
/// arrives or the earliest timer is due.
unsafe fn idle(p: *mut Proc) {
    // A proc with fd waits pending idles in its epoll instead (poll.rs); it returns
    // false when it has none, and the plain path below (with deadlock detection) runs.
    if !(*p).poller.is_null() && crate::runtime::poll::idle(p) {
        return;
    }
    let spin = spin_budget(p);
    if spin > 0 {
        let start = futex::now_ns();
        let (limit, timer) = match (*p).timers.next() {
            Some(d) if d < start + spin => (d, true),
            _ => (start + spin, false),
        };
        let mut i = 0u32;
        while (*p).inbox.load(Ordering::Relaxed).is_null() {
            core::hint::spin_loop();
            i += 1;
            // No sched_yield here: on a loaded machine it hands the core to another
            // task for a whole time slice, and the wake-up we spin for waits behind it.
            if i & 127 == 0 && futex::now_ns() >= limit {
                break;
            }
        }
        let answered = !(*p).inbox.load(Ordering::Relaxed).is_null();
        if answered || !timer {
            spin_answered(p, answered);
        }
        if answered {
            return;
        }
    }
    let deadline = (*p).timers.next().unwrap_or(0);
    (*p).sleeping.store(SLEEP_FUTEX, Ordering::SeqCst);
    if !(*p).inbox.load(Ordering::SeqCst).is_null() {
        (*p).sleeping.store(RUNNING, Ordering::Relaxed);
        return;
    }
    if deadline == 0 && (*p).external == 0 {
        sleep_indefinitely(p);
    } else {
        futex::wait(&(*p).sleeping, SLEEP_FUTEX, deadline);
    }
    (*p).sleeping.store(RUNNING, Ordering::Relaxed);
}

/// Sleeps with nothing but other threads able to wake us. If every proc is in this
/// state and stays so (no wake-up anywhere for a grace period), nothing can ever run
/// again: report the deadlock.
unsafe fn sleep_indefinitely(p: *mut Proc) {
    let v = CENSUS.fetch_add(1, Ordering::SeqCst) + 1;
    if (v & 0xffff_ffff) == (v >> 32) && crate::base::flags::deadlock_check_enabled() {
        let gen = WAKEGEN.load(Ordering::SeqCst);
        futex::wait(&(*p).sleeping, SLEEP_FUTEX, futex::now_ns() + 200_000_000);
        let v2 = CENSUS.load(Ordering::SeqCst);
        if (*p).sleeping.load(Ordering::SeqCst) == SLEEP_FUTEX
            && (*p).inbox.load(Ordering::SeqCst).is_null()
            && (v2 & 0xffff_ffff) == (v2 >> 32)
            && WAKEGEN.load(Ordering::SeqCst) == gen
            && all_procs_asleep()
        {
            crate::runtime::upcall::deadlock();
        }
    } else {
        futex::wait(&(*p).sleeping, SLEEP_FUTEX, 0);
    }
    CENSUS.fetch_sub(1, Ordering::SeqCst);
}

/// Whether every proc still sleeps un-kicked with an empty inbox. CENSUS alone is not
/// enough: a proc kicked before the checker read WAKEGEN stays counted until its OS
/// thread gets a CPU again, which on a loaded machine can take longer than the grace
/// period (seen with a caller and its ioproc: a false deadlock report).
fn all_procs_asleep() -> bool {
    let mut all = true;
    proc::for_each(|q| {
        // SAFETY: registered procs; only atomics are read.
        unsafe {
            if (*q).sleeping.load(Ordering::SeqCst) != SLEEP_FUTEX || !(*q).inbox.load(Ordering::SeqCst).is_null() {
                all = false;
            }
        }
    });
    all
}

/// Registers a thread/task outside the channel world that may wake this proc's
/// threads (an fd wait, a pending FUSE request…), so idling is not a deadlock.
pub fn external_add(delta: isize) {
    let p = myproc();
    if !p.is_null() {
        // SAFETY: p is this OS thread's proc.
        unsafe { (*p).external = ((*p).external as isize + delta) as usize };
    }
}

/// Called on a proc's OS thread once its scheduler has returned.
///
/// # Safety
/// `p` has no threads left.
pub unsafe fn proc_done(p: *mut Proc) {
    let sys = (*p).sys.load(Ordering::SeqCst);
    let msg = (*p).exitmsg;
    proc::retire(p);
    set_myproc(null_mut());
    if !sys && proc::NONSYS.fetch_sub(1, Ordering::SeqCst) == 1 {
        let n = msg.iter().position(|&c| c == 0).unwrap_or(msg.len());
        crate::runtime::exit::exit_all(&msg[..n]);
    }
    recheck_deadlock();
}

/// The deadlock check runs when a proc falls asleep. If the last proc that was
/// still awake ends instead, every remaining proc sleeps forever and nobody checks
/// (found by stress_chan -d: two procs blocked, no report, a hang): wake one
/// sleeper so that it goes back to sleep and runs the check itself.
fn recheck_deadlock() {
    let v = CENSUS.load(Ordering::SeqCst);
    if v >> 32 == 0 || (v & 0xffff_ffff) != (v >> 32) || !crate::base::flags::deadlock_check_enabled() {
        return;
    }
    let mut done = false;
    proc::for_each(|q| {
        // SAFETY: registered procs; kick only touches the wake word.
        if !done && unsafe { (*q).sleeping.load(Ordering::SeqCst) } == SLEEP_FUTEX {
            kick(q);
            done = true;
        }
    });
}

/// Drops the threads of a proc whose OS thread could not be started.
///
/// # Safety
/// `p`'s OS thread never ran; its threads never started.
pub unsafe fn discard_unstarted(p: *mut Proc) {
    loop {
        let t = pop_runq(p);
        if t.is_null() {
            break;
        }
        finish(p, t, true);
    }
}

/// threadidle: yields until no other thread of the proc is ready; returns switches made.
pub fn idle_until_empty() -> i32 {
    let t = need("threadidle");
    // SAFETY: t is the running thread of this proc.
    unsafe {
        let p = (*t).proc;
        let before = (*p).nswitch;
        while !(*p).runq_head.is_null() || !(*p).inbox.load(Ordering::Relaxed).is_null() {
            switch(Verdict::Yield);
            check_killed();
        }
        ((*p).nswitch - before) as i32
    }
}

/// threadpid: the OS thread id of the proc holding thread `id` (0: the caller's).
pub fn threadpid(id: i32) -> i32 {
    if id < 0 {
        return -1;
    }
    if id == 0 {
        let t = need("threadpid");
        // SAFETY: running thread.
        return unsafe { (*(*t).proc).tid.load(Ordering::Relaxed) as i32 };
    }
    let mut r = -1;
    proc::for_each(|p| {
        // SAFETY: registered procs and threads, under their locks.
        unsafe {
            proc::for_each_thread(p, |t| {
                if (*t).id == id {
                    r = (*p).tid.load(Ordering::Relaxed) as i32;
                }
            })
        }
    });
    r
}

pub fn getname() -> *mut libc::c_char {
    let t = need("threadgetname");
    // SAFETY: the running thread's own buffer, valid for its life.
    unsafe { (*t).name.get_or_insert_with(|| Box::new([0; 256])).as_mut_ptr() as *mut libc::c_char }
}

pub fn setname(s: &[u8]) {
    let t = need("threadsetname");
    // SAFETY: the running thread.
    unsafe {
        let p = (*t).proc;
        // Under the registry lock: the thread dump (SIGQUIT, threadprintall, deadlock
        // report) reads names from other OS threads while holding it (TSan saw the race).
        (*p).reg_lock.lock();
        set_buf(&mut (*t).name, s);
        (*p).reg_lock.unlock();
        if (*p).nthreads == 1 {
            // Name the OS thread too (top -H, gdb); the kernel keeps 15 bytes.
            let mut b = [0u8; 16];
            let n = utf8_trunc(s, 15);
            b[..n].copy_from_slice(&s[..n]);
            libc::pthread_setname_np(libc::pthread_self(), b.as_ptr() as *const libc::c_char);
        }
    }
}

pub fn setstate(s: &[u8]) {
    let t = need("threadsetstate");
    // SAFETY: the running thread; the registry lock as in setname.
    unsafe {
        (*(*t).proc).reg_lock.lock();
        set_buf(&mut (*t).state, s);
        (*(*t).proc).reg_lock.unlock();
    }
}

/// _threadsetsysproc: the caller's proc no longer keeps the program alive.
pub fn setsysproc() {
    let t = need("_threadsetsysproc");
    // SAFETY: the running thread's proc.
    unsafe {
        let p = (*t).proc;
        if !(*p).sys.swap(true, Ordering::SeqCst) && proc::NONSYS.fetch_sub(1, Ordering::SeqCst) == 1 {
            crate::runtime::exit::exit_all(b"");
        }
    }
}

pub fn pin(on: bool, call: &str) {
    let t = need(call);
    // SAFETY: the running thread's proc.
    unsafe {
        let p = (*t).proc;
        if on {
            if (*p).pinned == t {
                crate::base::report::misuse(call, "thread already pinned");
            }
            if !(*p).pinned.is_null() {
                crate::base::report::misuse(call, &format!("proc already pinned by thread {}", (*(*p).pinned).id));
            }
            (*p).pinned = t;
        } else {
            if (*p).pinned != t {
                crate::base::report::misuse(call, "thread is not pinned");
            }
            (*p).pinned = null_mut();
        }
    }
}

/// _threadready: makes a thread parked by _threadswitch runnable.
///
/// # Safety
/// `t` is a live thread.
pub unsafe fn make_ready(t: *mut Thread) {
    if !t.is_null() {
        wake(t, SEL_WOKEN);
    }
}

/// _threadswitch: parks the running thread until _threadready.
pub fn switch_blocked() {
    let t = need("_threadswitch");
    // SAFETY: the running thread.
    unsafe { (*t).sel.store(SEL_WAITING, Ordering::SeqCst) };
    park(Wait::Lock, null_mut(), 0);
    check_killed();
}

/// threadint/threadkill (and the group forms): interrupts threads blocked in a
/// channel operation, alt or sleep; a kill also makes them die at their next switch.
///
/// A target that is *running* (its proc's current thread, e.g. blocked in a system
/// call) gets the library's interrupt signal on its proc's OS thread, so the call
/// fails with EINTR (9front semantics); for a thread parked in iocall the ioproc's
/// call is interrupted at once (the thread also does it when it wakes: ioproc.rs).
pub fn interrupt(which: i32, grp: bool, kill: bool) {
    let mut hits: Vec<*mut Thread> = Vec::new();
    let mut running = 0;
    proc::for_each(|p| {
        // SAFETY: registered procs/threads under their locks.
        unsafe {
            proc::for_each_thread(p, |t| {
                let m = if grp { (*t).grp.load(Ordering::Relaxed) == which } else { (*t).id == which };
                if m {
                    if kill {
                        (*t).killed.store(true, Ordering::SeqCst);
                    }
                    // Claim under the registry lock: a claimed thread cannot exit
                    // before we have queued it.
                    if (*t)
                        .sel
                        .compare_exchange(SEL_WAITING, SEL_INTR, Ordering::AcqRel, Ordering::Relaxed)
                        .is_ok()
                    {
                        hits.push(t);
                    } else if core::ptr::read_volatile(&(*p).cur) == t && p != myproc() {
                        // Signal it now, under the proc list lock: a registered proc's
                        // OS thread has not ended yet, so its pthread_t is valid.
                        crate::runtime::interrupt::kill_os_thread((*p).pthread);
                        running += 1;
                    }
                }
            })
        }
    });
    if crate::base::flags::tracing() {
        trace(&format!(
            "thread{} {} {}: {} parked, {} running",
            if kill { "kill" } else { "int" },
            if grp { "grp" } else { "id" },
            which,
            hits.len(),
            running
        ));
    }
    for t in hits {
        // SAFETY: claimed above; it stays parked until readied. A thread parked in
        // iocall holds a reference on its Ioproc (`waitchan`) while parked.
        unsafe {
            if core::ptr::read_volatile(&(*t).wait) == Wait::Io {
                crate::runtime::upcall::io_interrupt(core::ptr::read_volatile(&(*t).waitchan), t);
            }
            ready(t)
        };
    }
}

/// incref/decref on plan9port's `Ref` (Lock at 0, long at 56): atomics, same layout.
///
/// # Safety
/// `r` points to a Ref.
pub unsafe fn refadd(r: *mut c_void, d: i64) -> i64 {
    if r.is_null() {
        crate::base::report::misuse(if d > 0 { "incref" } else { "decref" }, "nil Ref");
    }
    let a = &*((r as *mut u8).add(56) as *const core::sync::atomic::AtomicI64);
    a.fetch_add(d, Ordering::SeqCst) + d
}
