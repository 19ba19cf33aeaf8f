//! The proc: one OS thread running a cooperative scheduler over its threads.
//! Proc structs are never freed, only recycled, so a waker in another proc may
//! still touch a proc's wake word after the proc has ended (a spurious futex wake).

use crate::base::mem::CachePadded;
use crate::base::spin::SpinLock;
use crate::runtime::stack;
use crate::runtime::thread::Thread;
use crate::runtime::timer;
use core::ffi::c_void;
use core::ptr::null_mut;
use core::sync::atomic::{AtomicBool, AtomicPtr, AtomicU32, AtomicU64, Ordering};
use std::cell::UnsafeCell;

/// Sleep states of a proc (`Proc::sleeping`).
pub const RUNNING: u32 = 0;
pub const SLEEP_FUTEX: u32 = 1;
pub const SLEEP_POLL: u32 = 2;
/// A proc of the parent process, in a fork() child: its OS thread does not exist here.
pub const LOST: u32 = 3;

/// Aligned to 128 bytes (a cache line and its prefetch pair): procs are allocated one
/// after another by whichever OS thread creates them, and two procs' own hot fields
/// (run queue, switch count, running thread) must never share a line (W12).
#[repr(align(128))]
pub struct Proc {
    pub id: u32,
    pub tid: AtomicU32,
    pub pthread: libc::pthread_t,
    pub sys: AtomicBool,
    pub is_main: bool,
    /// The running thread: written by the proc's own OS thread, read by interrupts
    /// and dumps on others (relaxed atomics: plain moves). Use `cur()`/`set_cur()`.
    pub cur: AtomicPtr<Thread>,
    // --- touched only by the proc's own OS thread ---
    pub runq_head: *mut Thread,
    pub runq_tail: *mut Thread,
    pub nthreads: usize,
    pub nswitch: u64,
    pub rng: u64,
    pub cache: stack::Cache,
    pub timers: timer::Heap,
    pub pinned: *mut Thread,
    /// The thread running the proc's ready threads from its own park (sched::host).
    pub host: *mut Thread,
    /// How long this proc spins before sleeping, in ns (sched::spin_budget): halved
    /// when a spin waits in vain, doubled when one is answered.
    pub spin: u64,
    pub data: *mut c_void,
    pub exitmsg: [u8; 128],
    pub altstack: usize,
    /// procrfork fd-table flags for the new OS thread.
    pub rfork: i32,
    /// This OS thread's errno location (saved/restored around every switch).
    pub errno: *mut i32,
    /// Threads parked on something outside thread9 (fd waits, FUSE…): not a deadlock.
    pub external: usize,
    /// Optional fd poller (iopause); woken through `wake_fd` when SLEEP_POLL.
    pub poller: *mut c_void,
    pub wake_fd: i32,
    /// The block of thread ids this proc hands out next (sched::next_tid).
    pub tid_next: i32,
    pub tid_end: i32,
    /// The scheduler's stack bounds as ASan knows them (asan.rs; unused without ASan).
    pub san_bottom: *const c_void,
    pub san_size: usize,
    // --- shared ---
    pub inbox: AtomicPtr<Thread>,
    pub sleeping: AtomicU32,
    /// Registry of this proc's threads (dump, threadkill, threadpid).
    pub reg_lock: SpinLock,
    pub reg_head: UnsafeCell<*mut Thread>,
    pub pnext: *mut Proc, // global proc list, under PROCS lock
    pub pprev: *mut Proc,
}

// SAFETY: shared fields are atomics or lock-protected; the rest is touched only by
// the proc's own OS thread (documented per field).
unsafe impl Sync for Proc {}
// SAFETY: as for Sync: the proc-local fields are touched only by the one OS thread that
// runs the proc (handed over once, before it starts), the shared ones are atomics
// or under locks.
unsafe impl Send for Proc {}

static PROCS_LOCK: SpinLock = SpinLock::new();
static mut PROCS_HEAD: *mut Proc = null_mut();
static mut FREE_PROCS: Vec<*mut Proc> = Vec::new();
/// The address of the proc list's head, for the debugger (runtime::debuginfo).
pub const fn procs_head() -> *const *mut Proc {
    core::ptr::addr_of!(PROCS_HEAD)
}
static NEXT_PROC_ID: AtomicU32 = AtomicU32::new(0);

/// Procs alive (high 32 bits) and procs asleep with nothing but threads to wake them
/// (low 32 bits), in one word so the deadlock check reads a consistent pair.
pub static CENSUS: CachePadded<AtomicU64> = CachePadded(AtomicU64::new(0));
/// Bumped whenever a sleeping proc is woken: the deadlock check's proof of no progress.
pub static WAKEGEN: CachePadded<AtomicU64> = CachePadded(AtomicU64::new(0));
/// Non-system procs alive: the program ends when this drops to zero.
pub static NONSYS: AtomicU32 = AtomicU32::new(0);

/// Gets a fresh or recycled proc, registered and counted; null when there is no
/// memory for one.
pub fn new_proc(is_main: bool) -> *mut Proc {
    PROCS_LOCK.lock();
    // SAFETY: FREE_PROCS and PROCS_HEAD are only touched under PROCS_LOCK.
    let p = unsafe {
        let free = &mut *core::ptr::addr_of_mut!(FREE_PROCS);
        free.pop()
    };
    PROCS_LOCK.unlock();
    let p = match p {
        Some(p) => p,
        None => match crate::base::mem::try_box(Proc {
            id: 0,
            tid: AtomicU32::new(0),
            pthread: 0,
            sys: AtomicBool::new(false),
            is_main: false,
            cur: AtomicPtr::new(null_mut()),
            runq_head: null_mut(),
            runq_tail: null_mut(),
            nthreads: 0,
            nswitch: 0,
            rng: 0,
            cache: stack::Cache::default(),
            timers: timer::Heap::default(),
            pinned: null_mut(),
            data: null_mut(),
            exitmsg: [0; 128],
            altstack: 0,
            rfork: 0,
            errno: null_mut(),
            external: 0,
            poller: null_mut(),
            wake_fd: -1,
            tid_next: 0,
            host: null_mut(),
            spin: u64::MAX,
            tid_end: 0,
            san_bottom: core::ptr::null(),
            san_size: 0,
            inbox: AtomicPtr::new(null_mut()),
            sleeping: AtomicU32::new(RUNNING),
            reg_lock: SpinLock::new(),
            reg_head: UnsafeCell::new(null_mut()),
            pnext: null_mut(),
            pprev: null_mut(),
        }) {
            Some(b) => Box::into_raw(b),
            None => return null_mut(),
        },
    };
    // SAFETY: p is ours until registered below.
    unsafe {
        let id = NEXT_PROC_ID.fetch_add(1, Ordering::Relaxed);
        (*p).id = id;
        (*p).is_main = is_main;
        (*p).sys.store(false, Ordering::Relaxed);
        (*p).rng = 0x9E37_79B9_7F4A_7C15 ^ (id as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D);
        (*p).exitmsg = [0; 128];
        (*p).data = null_mut();
        (*p).pinned = null_mut();
        (*p).nswitch = 0;
        (*p).external = 0;
        PROCS_LOCK.lock();
        (*p).pprev = null_mut();
        (*p).pnext = PROCS_HEAD;
        if !PROCS_HEAD.is_null() {
            (*PROCS_HEAD).pprev = p;
        }
        PROCS_HEAD = p;
        PROCS_LOCK.unlock();
    }
    CENSUS.fetch_add(1 << 32, Ordering::SeqCst);
    NONSYS.fetch_add(1, Ordering::SeqCst);
    p
}

/// Unregisters a finished proc and puts it up for reuse.
///
/// # Safety
/// `p` has no threads left and its OS thread is leaving the scheduler.
pub unsafe fn retire(p: *mut Proc) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        stack::drain(&mut (*p).cache);
        PROCS_LOCK.lock();
        if (*p).pprev.is_null() {
            PROCS_HEAD = (*p).pnext;
        } else {
            (*(*p).pprev).pnext = (*p).pnext;
        }
        if !(*p).pnext.is_null() {
            (*(*p).pnext).pprev = (*p).pprev;
        }
        // Without memory to list it for reuse the Proc is left allocated (not freed:
        // diagnostics may still hold a pointer to a retired proc).
        if !(*p).is_main {
            crate::base::mem::try_push(&mut *core::ptr::addr_of_mut!(FREE_PROCS), p);
        }
        PROCS_LOCK.unlock();
        CENSUS.fetch_sub(1 << 32, Ordering::SeqCst);
    }
}

/// fork's prepare handler: the registry stays consistent across fork.
pub fn fork_prepare() {
    PROCS_LOCK.lock();
}

/// fork's handler in the parent.
pub fn fork_parent() {
    PROCS_LOCK.unlock();
}

/// fork's handler in the child, where only the forking OS thread lives on: every
/// other proc is dropped from the registry and the census and marked LOST (a wake-up
/// for one of its threads is reported: sched::kick). `me` is the forking OS thread's
/// proc (null if it has none). Returns how many procs were lost.
///
/// # Safety
/// In a fork() child, on the forking OS thread, after fork_prepare ran in the parent.
pub unsafe fn fork_child(me: *mut Proc) -> usize {
    // SAFETY: the caller upholds this function's contract (its # Safety section); the
    // registry lock is ours (taken by fork_prepare on this very thread).
    unsafe {
        let mut lost = 0;
        let mut q = PROCS_HEAD;
        PROCS_HEAD = null_mut();
        while !q.is_null() {
            let n = (*q).pnext;
            if q == me {
                (*q).pnext = null_mut();
                (*q).pprev = null_mut();
                PROCS_HEAD = q;
            } else {
                (*q).sleeping.store(LOST, Ordering::SeqCst);
                lost += 1;
            }
            q = n;
        }
        if me.is_null() {
            CENSUS.store(0, Ordering::SeqCst);
            NONSYS.store(0, Ordering::SeqCst);
        } else {
            // The forking proc runs: alive and not asleep. Its OS thread has a new id.
            CENSUS.store(1 << 32, Ordering::SeqCst);
            NONSYS.store(if (*me).sys.load(Ordering::SeqCst) { 0 } else { 1 }, Ordering::SeqCst);
            (*me).tid.store(libc::gettid() as u32, Ordering::Relaxed);
        }
        PROCS_LOCK.unlock();
        lost
    }
}

/// Calls `f` on every live proc, under the registry lock (diagnostics, kill by id).
pub fn for_each(mut f: impl FnMut(*mut Proc)) {
    PROCS_LOCK.lock();
    // SAFETY: the list is only changed under PROCS_LOCK.
    unsafe {
        let mut p = PROCS_HEAD;
        while !p.is_null() {
            f(p);
            p = (*p).pnext;
        }
    }
    PROCS_LOCK.unlock();
}

/// Calls `f` on every thread of `p`, under its registry lock.
///
/// # Safety
/// `p` is a registered proc.
pub unsafe fn for_each_thread(p: *mut Proc, mut f: impl FnMut(*mut Thread)) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        (*p).reg_lock.lock();
        let mut t = *(*p).reg_head.get();
        while !t.is_null() {
            f(t);
            t = (*t).rnext;
        }
        (*p).reg_lock.unlock();
    }
}

/// Names a proc's OS thread after its first thread's function (top -H, gdb), or
/// "proc N" when the function has no exported name.
///
/// # Safety
/// Called on `p`'s own OS thread before its first thread runs.
pub unsafe fn name_os_thread(p: *mut Proc) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        // Without allocating: this runs after proccreate has returned, where running out
        // of memory could only abort.
        let t = (*p).runq_head;
        let mut info: libc::Dl_info = core::mem::zeroed();
        let f = if t.is_null() { 0 } else { (*t).func };
        let sym = if f != 0
            && libc::dladdr(f as *const libc::c_void, &mut info) != 0
            && !info.dli_sname.is_null()
            && info.dli_saddr as usize == f
        {
            Some(std::ffi::CStr::from_ptr(info.dli_sname).to_bytes())
        } else {
            None
        };
        let m = crate::msg!("proc {}", (*p).id);
        let s = sym.unwrap_or(m.as_bytes());
        let mut b = [0u8; 16];
        let n = crate::base::utf::trunc(s, 15);
        b[..n].copy_from_slice(&s[..n]);
        libc::pthread_setname_np(libc::pthread_self(), b.as_ptr() as *const libc::c_char);
    }
}
