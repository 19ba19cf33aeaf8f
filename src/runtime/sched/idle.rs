//! A proc with nothing to run: adaptive spinning, sleeping on its futex or its
//! poller, the process-wide census that proves a deadlock, and a proc's end.

use super::*;
use core::sync::atomic::{AtomicBool, AtomicUsize};

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
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let s = (*p).spin;
        if s != u64::MAX {
            return s;
        }
        let s = spin_ns();
        (*p).spin = s;
        s
    }
}

/// Records whether a spin of proc `p` was answered (see spin_budget).
///
/// # Safety
/// `p` is the caller's proc.
#[inline]
pub unsafe fn spin_answered(p: *mut Proc, yes: bool) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let max = spin_ns();
        let s = spin_budget(p);
        (*p).spin = if yes { (s * 2).min(max) } else { (s / 2).max(max / 32) };
    }
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

pub(crate) fn spin_ns() -> u64 {
    let v = SPIN_NS.load(Ordering::Relaxed);
    if v != u64::MAX {
        return v;
    }
    // SAFETY: sysconf has no preconditions.
    let ncpu = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    let v =
        std::env::var("THREAD9_SPIN").ok().and_then(|s| s.parse().ok()).unwrap_or(if ncpu > 1 { 20_000 } else { 0 });
    SPIN_NS.store(v, Ordering::Relaxed);
    v
}

/// Nothing to run: spin briefly for a cross-proc wake-up, then sleep until one
/// arrives or the earliest timer is due.
///
/// # Safety
/// On `p`'s own OS thread, from its scheduler, with nothing runnable.
pub(crate) unsafe fn idle(p: *mut Proc) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
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
}

/// Sleeps with nothing but other threads able to wake us. If every proc is in this
/// state and stays so (no wake-up anywhere for a grace period), nothing can ever run
/// again: report the deadlock.
///
/// # Safety
/// On `p`'s own OS thread, with `p.sleeping` just set to SLEEP_FUTEX and nothing runnable.
pub(crate) unsafe fn sleep_indefinitely(p: *mut Proc) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let v = CENSUS.fetch_add(1, Ordering::SeqCst) + 1;
        if (v & 0xffff_ffff) == (v >> 32) && crate::base::flags::deadlock_check_enabled() {
            let gen = WAKEGEN.load(Ordering::SeqCst);
            let grace = GRACE_NS.load(Ordering::Relaxed);
            futex::wait(&(*p).sleeping, SLEEP_FUTEX, futex::now_ns() + grace);
            let v2 = CENSUS.load(Ordering::SeqCst);
            if (*p).sleeping.load(Ordering::SeqCst) == SLEEP_FUTEX
                && (*p).inbox.load(Ordering::SeqCst).is_null()
                && (v2 & 0xffff_ffff) == (v2 >> 32)
                && WAKEGEN.load(Ordering::SeqCst) == gen
                && all_procs_asleep()
            {
                match outside_wakers() {
                    Outside::None if !note_handler_installed() => {
                        let lost = FORK_LOST.load(Ordering::Relaxed);
                        if lost > 0 {
                            crate::base::report::ewrite(
                                format!(
                                    "thread9: this process is a fork() child: {lost} proc(s) of the parent do not \
                                     exist here, so their threads never run\n"
                                )
                                .as_bytes(),
                            );
                        }
                        crate::runtime::upcall::deadlock()
                    }
                    Outside::None => {
                        // A note handler may still interrupt a thread (threadint) or end
                        // the program: say what is seen, and wait on.
                        if !HANDLER_WARNED.swap(true, Ordering::Relaxed) {
                            crate::base::report::ewrite(
                                b"thread9: deadlock? all threads are asleep; a note handler is installed, so \
                                  the program waits on\n",
                            );
                            crate::runtime::upcall::dump();
                        }
                        GRACE_NS.store(GRACE_MAX_NS, Ordering::Relaxed);
                    }
                    // Not provable: look again later, less often (a program waiting
                    // for a C library's callback thread may wait for hours).
                    Outside::Some => GRACE_NS.store((grace * 2).min(GRACE_MAX_NS), Ordering::Relaxed),
                    Outside::Unknown => {
                        if !UNKNOWN_WARNED.swap(true, Ordering::Relaxed) {
                            crate::base::report::ewrite(
                                b"thread9: every thread is blocked, but /proc/self/task is unreadable: other OS \
                                  threads may still wake one, so this is not reported as a deadlock\n",
                            );
                        }
                        GRACE_NS.store(GRACE_MAX_NS, Ordering::Relaxed);
                    }
                }
            }
        } else {
            futex::wait(&(*p).sleeping, SLEEP_FUTEX, 0);
        }
        CENSUS.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The census's grace period: how long every proc must sleep un-woken before the
/// check looks. 0.2 s; doubled (up to GRACE_MAX_NS) each time OS threads outside the
/// library made a report unprovable, back to 0.2 s once a check finds none.
static GRACE_NS: AtomicU64 = AtomicU64::new(GRACE_MIN_NS);
const GRACE_MIN_NS: u64 = 200_000_000;
const GRACE_MAX_NS: u64 = 6_400_000_000;
static UNKNOWN_WARNED: AtomicBool = AtomicBool::new(false);
static HANDLER_WARNED: AtomicBool = AtomicBool::new(false);

extern "C" {
    /// src/c/lib9.c: whether notify (or atnotify) has installed a note handler.
    fn thread9_c_notify_installed() -> i32;
}

fn note_handler_installed() -> bool {
    // SAFETY: reads one C variable.
    unsafe { thread9_c_notify_installed() != 0 }
}

/// Library OS threads that are no procs (the SIGQUIT dump thread, the main OS thread
/// once its proc has ended): their Linux thread ids, 0 = free slot.
static HELPERS: [AtomicU32; 8] = [const { AtomicU32::new(0) }; 8];
/// OS threads outside the library blocked, untimed, inside a library wait (a QLock,
/// RWLock or Rendez taken from a foreign pthread): they cannot wake anyone.
static FOREIGN_BLOCKED: AtomicUsize = AtomicUsize::new(0);

/// Registers (or, `add` false, unregisters) the calling OS thread as one of the
/// library's own that is no proc and never wakes a thread on its own.
pub fn helper_thread(add: bool) {
    // SAFETY: gettid has no preconditions.
    let tid = unsafe { libc::gettid() } as u32;
    let (from, to) = if add { (0, tid) } else { (tid, 0) };
    for h in HELPERS.iter() {
        if h.compare_exchange(from, to, Ordering::SeqCst, Ordering::Relaxed).is_ok() {
            return;
        }
    }
    // No free slot: the thread looks foreign, which only silences the census (safe).
}

/// Procs lost by fork() in this process (a fork child's parent procs).
static FORK_LOST: AtomicUsize = AtomicUsize::new(0);

extern "C" fn fork_prepare() {
    proc::fork_prepare();
}

extern "C" fn fork_parent() {
    proc::fork_parent();
}

extern "C" fn fork_child() {
    // SAFETY: pthread_atfork runs this in the child, on the forking OS thread, after
    // fork_prepare ran there.
    let lost = unsafe { proc::fork_child(myproc()) };
    FORK_LOST.fetch_add(lost, Ordering::Relaxed);
    for h in HELPERS.iter() {
        h.store(0, Ordering::Relaxed);
    }
    FOREIGN_BLOCKED.store(0, Ordering::SeqCst);
}

/// Registers the fork handlers, once at start-up: after fork() in a threaded program
/// the child's own proc goes on working (its census counts it alone), and a wake-up
/// for a thread of a proc left in the parent is reported instead of hanging silently.
pub fn install_fork_handlers() {
    // SAFETY: the handlers are plain functions of this library, valid for ever.
    unsafe { libc::pthread_atfork(Some(fork_prepare), Some(fork_parent), Some(fork_child)) };
}

/// Sources of wake-ups outside every OS thread (notes delivered on channels by
/// notifychan): while there is one, no deadlock can be proved.
static OUTSIDE_WAKERS: AtomicUsize = AtomicUsize::new(0);

/// Adds (or removes, `delta` < 0) sources of wake-ups that no OS thread stands for.
pub fn outside_waker(delta: isize) {
    if delta >= 0 {
        OUTSIDE_WAKERS.fetch_add(delta as usize, Ordering::SeqCst);
    } else {
        OUTSIDE_WAKERS.fetch_sub(delta.unsigned_abs(), Ordering::SeqCst);
    }
}

/// Counts every OS thread that exists now, other than the caller, as the library's
/// own (never a waker). For a sanitizer's runtime threads (ThreadSanitizer starts its
/// background thread with the first pthread_create): called once at start-up, right
/// after the library's first thread, and only under a sanitizer.
pub fn adopt_existing_threads() {
    let Ok(dir) = std::fs::read_dir("/proc/self/task") else {
        return;
    };
    // SAFETY: gettid has no preconditions.
    let me = unsafe { libc::gettid() } as u32;
    for e in dir.flatten() {
        if let Some(tid) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) {
            if tid != me && !HELPERS.iter().any(|h| h.load(Ordering::SeqCst) == tid) {
                for h in HELPERS.iter() {
                    if h.compare_exchange(0, tid, Ordering::SeqCst, Ordering::Relaxed).is_ok() {
                        break;
                    }
                }
            }
        }
    }
}

/// A foreign OS thread starts (+1) or ends (-1) an untimed wait inside the library.
pub fn foreign_blocked(delta: isize) {
    if delta > 0 {
        FOREIGN_BLOCKED.fetch_add(1, Ordering::SeqCst);
    } else {
        FOREIGN_BLOCKED.fetch_sub(1, Ordering::SeqCst);
    }
}

pub(crate) enum Outside {
    /// Every OS thread of the process is a proc, a helper or blocked in the library.
    None,
    /// Some other OS thread runs (a C library's callback thread may send on a channel
    /// or release a lock later): a deadlock cannot be proved.
    Some,
    /// /proc/self/task could not be read.
    Unknown,
}

/// The census's last step, once every proc sleeps: whether an OS thread the library
/// did not create (and that is not itself blocked inside the library) exists. Like Go's
/// checkdead counting Ms, but a foreign pthread is only seen by the kernel, so the
/// census counts /proc/self/task against the procs and the library's helpers.
pub(crate) fn outside_wakers() -> Outside {
    if OUTSIDE_WAKERS.load(Ordering::SeqCst) > 0 {
        return Outside::Some;
    }
    let Ok(dir) = std::fs::read_dir("/proc/self/task") else {
        return Outside::Unknown;
    };
    let mut ours: Vec<u32> = HELPERS.iter().map(|h| h.load(Ordering::SeqCst)).filter(|&t| t != 0).collect();
    proc::for_each(|q| {
        // SAFETY: registered procs; only an atomic is read.
        ours.push(unsafe { (*q).tid.load(Ordering::Relaxed) });
    });
    let mut foreign = 0usize;
    for e in dir.flatten() {
        let tid: u32 = match e.file_name().to_str().and_then(|s| s.parse().ok()) {
            Some(t) => t,
            None => continue,
        };
        if !ours.contains(&tid) {
            foreign += 1;
        }
    }
    if foreign > FOREIGN_BLOCKED.load(Ordering::SeqCst) {
        Outside::Some
    } else {
        GRACE_NS.store(GRACE_MIN_NS, Ordering::Relaxed);
        Outside::None
    }
}

/// Whether every proc still sleeps un-kicked with an empty inbox. CENSUS alone is not
/// enough: a proc kicked before the checker read WAKEGEN stays counted until its OS
/// thread gets a CPU again, which on a loaded machine can take longer than the grace
/// period (seen with a caller and its ioproc: a false deadlock report).
pub(crate) fn all_procs_asleep() -> bool {
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
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
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
}

/// The deadlock check runs when a proc falls asleep. If the last proc that was
/// still awake ends instead, every remaining proc sleeps forever and nobody checks
/// (found by stress_chan -d: two procs blocked, no report, a hang): wake one
/// sleeper so that it goes back to sleep and runs the check itself.
pub(crate) fn recheck_deadlock() {
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
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        loop {
            let t = pop_runq(p);
            if t.is_null() {
                break;
            }
            finish(p, t, true);
        }
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
