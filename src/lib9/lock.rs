//! Lock, QLock, RWLock and Rendez with plan9port's layouts (docs/API.md, binary layouts; all-zero
//! bytes = unlocked/empty, since programs embed them).
//!
//! - Lock is a spin-then-futex lock on its `held` word: it blocks the whole proc
//!   (OS thread), as Plan 9's spin locks and plan9port's pthread mutexes do. Hold it
//!   only for short sections, never across a channel operation.
//! - QLock, RWLock and Rendez block only the calling thread: it parks (sched::park)
//!   and its proc runs other threads. Waiters queue in FIFO order on nodes that live
//!   on their own stacks; an unlock hands the lock straight to the first waiter
//!   (`granted`), so nobody can barge in and starve it. They work across procs, and
//!   also from OS threads that are not thread9 threads (those sleep on a futex).
//! - A thread that would wait forever on itself (the program's only thread asking
//!   for a lock it holds, or rsleeping with nobody to wake it) gets a clear message
//!   and an abort, like plan9port's "qlock deadlock". Other deadlocks are reported by
//!   the scheduler's deadlock detector (every thread asleep).
//! - threadint does not break a lock wait (Plan 9 qlock cannot fail); threadkill does:
//!   the waiter leaves the queue and dies.

use crate::base::futex;
use crate::base::report;
use crate::runtime::sched;
use crate::runtime::thread::{Thread, Wait, SEL_WOKEN};
use core::ffi::{c_int, c_ulong, c_void};
use core::ptr::null_mut;
use core::sync::atomic::{AtomicU32, Ordering};

#[repr(C)]
pub struct Lock {
    init: c_int,
    _pad: c_int,
    mutex: [u64; 5],
    held: AtomicU32,
    _pad2: u32,
}

const SPINS: u32 = 100;

impl Lock {
    fn acquire(&self) {
        if self.held.compare_exchange(0, 1, Ordering::Acquire, Ordering::Relaxed).is_err() {
            self.acquire_slow();
        }
        // ThreadSanitizer cannot see these atomics: tell it (src/san/tsan.rs).
        crate::san::tsan::acquire(self);
    }

    #[cold]
    fn acquire_slow(&self) {
        for _ in 0..SPINS {
            core::hint::spin_loop();
            if self.held.load(Ordering::Relaxed) == 0
                && self.held.compare_exchange(0, 1, Ordering::Acquire, Ordering::Relaxed).is_ok()
            {
                return;
            }
        }
        // 2 = held with sleepers: the unlocker must wake one.
        while self.held.swap(2, Ordering::Acquire) != 0 {
            futex::wait(&self.held, 2, 0);
        }
    }

    fn try_acquire(&self) -> bool {
        let got = self.held.compare_exchange(0, 1, Ordering::Acquire, Ordering::Relaxed).is_ok();
        if got {
            crate::san::tsan::acquire(self);
        }
        got
    }

    fn release(&self) {
        crate::san::tsan::release(self);
        if self.held.swap(0, Ordering::Release) == 2 {
            futex::wake(&self.held, 1);
        }
    }
}

/// A waiter, on the waiting thread's stack.
struct Node {
    t: *mut Thread,
    next: *mut Node,
    granted: AtomicU32,
}

impl Node {
    fn new() -> Node {
        Node { t: sched::current(), next: null_mut(), granted: AtomicU32::new(0) }
    }
}

/// plan9port's _Threadlist slot, reused as a FIFO of Nodes.
#[repr(C)]
struct List {
    head: *mut Node,
    tail: *mut Node,
}

impl List {
    /// # Safety
    /// `n` points to a live Node on no list, and the list is well formed (head and tail nil
    /// or live Nodes); the caller holds the Lock that guards this list.
    unsafe fn push(&mut self, n: *mut Node) {
        // SAFETY: the caller upholds this function's contract (its # Safety section).
        unsafe {
            (*n).next = null_mut();
            if self.head.is_null() {
                self.head = n;
            } else {
                (*self.tail).next = n;
            }
            self.tail = n;
        }
    }

    /// # Safety
    /// The list is well formed (every queued Node still live) and the caller holds the Lock
    /// that guards it.
    unsafe fn pop(&mut self) -> *mut Node {
        // SAFETY: the caller upholds this function's contract (its # Safety section).
        unsafe {
            let n = self.head;
            if !n.is_null() {
                self.head = (*n).next;
                if self.head.is_null() {
                    self.tail = null_mut();
                }
            }
            n
        }
    }

    /// # Safety
    /// As `pop`; `n` need not be on the list (then nothing changes).
    unsafe fn remove(&mut self, n: *mut Node) {
        // SAFETY: the caller upholds this function's contract (its # Safety section).
        unsafe {
            let mut prev: *mut Node = null_mut();
            let mut x = self.head;
            while !x.is_null() {
                if x == n {
                    if prev.is_null() {
                        self.head = (*x).next;
                    } else {
                        (*prev).next = (*x).next;
                    }
                    if self.tail == x {
                        self.tail = prev;
                    }
                    return;
                }
                prev = x;
                x = (*x).next;
            }
        }
    }
}

#[repr(C)]
pub struct QLock {
    l: Lock,
    owner: *mut c_void,
    waiting: List,
}

#[repr(C)]
pub struct RWLock {
    l: Lock,
    readers: c_int,
    _pad: c_int,
    writer: *mut c_void,
    rwaiting: List,
    wwaiting: List,
}

#[repr(C)]
pub struct Rendez {
    l: *mut QLock,
    waiting: List,
}

const _: () = assert!(core::mem::size_of::<Lock>() == 56);
const _: () = assert!(core::mem::size_of::<QLock>() == 80);
const _: () = assert!(core::mem::size_of::<RWLock>() == 104);
const _: () = assert!(core::mem::size_of::<Rendez>() == 24);
const _: () = assert!(core::mem::offset_of!(Lock, held) == 48);
const _: () = assert!(core::mem::offset_of!(RWLock, writer) == 64);

/// Owner value for holders that are not thread9 threads (any non-nil value works:
/// owner is only compared with the caller and with nil).
const FOREIGN: *mut c_void = core::ptr::dangling_mut::<c_void>();

fn me() -> *mut c_void {
    let t = sched::current();
    if t.is_null() {
        FOREIGN
    } else {
        t as *mut c_void
    }
}

/// The caller is the program's only thread: nobody else could ever release anything.
fn lonely() -> bool {
    let p = sched::myproc();
    // SAFETY: p is this OS thread's proc; nthreads is touched only by it.
    !p.is_null() && (crate::runtime::proc::CENSUS.load(Ordering::SeqCst) >> 32) == 1 && unsafe { (*p).nthreads } == 1
}

/// Hands a lock to (or wakes) the waiter `n`, which the caller has unqueued.
/// Called with the guarding Lock held: a waiter cannot leave before we are done.
///
/// # Safety
/// `n` is a waiter's Node that the caller has just taken off its queue while holding the
/// queue's guarding Lock (so the waiter, whose stack holds `n`, cannot leave yet), and
/// `(*n).t` is nil or that waiter's live Thread.
unsafe fn grant(n: *mut Node) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let t = (*n).t;
        (*n).granted.store(1, Ordering::Release);
        if t.is_null() {
            futex::wake(&(*n).granted, 1);
        } else {
            // Fails only if a threadint claimed the park first; the waiter then comes
            // back, takes `lk` and finds `granted` set.
            sched::wake(t, SEL_WOKEN);
        }
    }
}

/// Waits until `n` (queued on `list`, guarded by `lk`, which the caller holds) is
/// granted. Returns with `lk` released.
///
/// # Safety
/// `n` is the calling thread's own Node (made by Node::new here), queued on `list`, which
/// `lk` guards and which stays valid until this returns; the caller holds `lk`.
unsafe fn wait_granted(lk: &Lock, n: *mut Node, list: *mut List, what: *mut c_void) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let t = (*n).t;
        if t.is_null() {
            lk.release();
            // A foreign OS thread blocked here wakes nobody: the deadlock census may
            // still prove a deadlock (sched::outside_wakers).
            sched::foreign_blocked(1);
            while (*n).granted.load(Ordering::Acquire) == 0 {
                futex::wait(&(*n).granted, 0, 0);
            }
            sched::foreign_blocked(-1);
            // The granter may still be inside grant(): wait for it to drop lk before
            // `n` (on this stack) goes away.
            lk.acquire();
            lk.release();
            return;
        }
        crate::runtime::sched::arm(t);
        lk.release();
        loop {
            sched::park(Wait::Lock, what, 0);
            lk.acquire();
            if (*n).granted.load(Ordering::Acquire) != 0 {
                lk.release();
                return;
            }
            if (*t).killed.load(Ordering::Relaxed) {
                (*list).remove(n);
                lk.release();
                sched::check_killed();
            }
            // Interrupted (threadint): lock waits cannot fail; wait on.
            crate::runtime::sched::arm(t);
            lk.release();
        }
    }
}

fn nil_check(p: *const c_void, call: &str, what: &str) {
    if p.is_null() {
        report::misuse(call, &format!("nil {what}"));
    }
}

// ---- Lock ----

/// # Safety
/// `l` is nil (reported, then abort) or points to a Lock that is all zeros or was only
/// used through these functions, as C programs embed it, and stays valid for the call.
pub unsafe fn lock_impl(l: *mut Lock, block: bool, call: &str) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        nil_check(l as _, call, "Lock");
        if block {
            (*l).acquire();
            1
        } else {
            (*l).try_acquire() as c_int
        }
    }
}

/// # Safety
/// As `lock_impl`: `l` is nil (reported, abort) or a valid, zero-initialised Lock.
pub unsafe extern "C" fn lock(l: *mut Lock) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        lock_impl(l, true, "lock");
    }
}

/// # Safety
/// As `lock_impl`: `l` is nil (reported, abort) or a valid, zero-initialised Lock.
pub unsafe extern "C" fn canlock(l: *mut Lock) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { lock_impl(l, false, "canlock") }
}

/// # Safety
/// `l` is nil (reported, abort) or a valid Lock; unlocking one that is not locked is
/// reported and ignored.
pub unsafe extern "C" fn unlock(l: *mut Lock) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { unlock_impl(l) }
}

/// # Safety
/// As `unlock`: `l` is nil (reported, abort) or a valid Lock.
unsafe fn unlock_impl(l: *mut Lock) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        nil_check(l as _, "unlock", "Lock");
        if (*l).held.load(Ordering::Relaxed) == 0 {
            report::complain("unlock", "Lock is not locked");
            return;
        }
        (*l).release();
    }
}

// ---- QLock ----

/// # Safety
/// `q` is nil (reported, abort) or points to a QLock that is all zeros or was only used
/// through these functions, and that is neither freed nor moved while it is held or
/// waited for (waiters' Nodes stay linked from it).
unsafe fn qlock_impl(q: *mut QLock, block: bool, call: &str) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        nil_check(q as _, call, "QLock");
        let me = me();
        let lk = &(*q).l;
        lk.acquire();
        if (*q).owner.is_null() {
            (*q).owner = me;
            lk.release();
            return 1;
        }
        if !block {
            lk.release();
            return 0;
        }
        if (*q).owner == me && lonely() {
            lk.release();
            report::misuse(call, "deadlock: the only thread asks for a QLock it already holds");
        }
        let mut n = Node::new();
        (*q).waiting.push(&mut n);
        wait_granted(lk, &mut n, &mut (*q).waiting, q as _);
        1
    }
}

/// Releases `q` (its Lock held by the caller): hands it to the first waiter.
///
/// # Safety
/// `q` is a valid QLock (as for `qlock_impl`) and the caller holds its inner Lock `q.l`.
unsafe fn qunlock_locked(q: *mut QLock, call: &str) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if (*q).owner.is_null() {
            report::complain(call, "QLock is not locked");
            return false;
        }
        let n = (*q).waiting.pop();
        if n.is_null() {
            (*q).owner = null_mut();
        } else {
            (*q).owner = if (*n).t.is_null() { FOREIGN } else { (*n).t as *mut c_void };
            grant(n);
        }
        true
    }
}

/// # Safety
/// As `qlock_impl`: `q` is nil (reported, abort) or a valid QLock; one that is not locked
/// is reported and left alone.
unsafe fn qunlock_impl(q: *mut QLock, call: &str) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        nil_check(q as _, call, "QLock");
        (*q).l.acquire();
        qunlock_locked(q, call);
        (*q).l.release();
    }
}

/// # Safety
/// `q` is nil (reported, abort) or a valid QLock (zero-initialised as in C) that is not
/// freed or moved while held or waited for.
pub unsafe extern "C" fn qlock(q: *mut QLock) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        qlock_impl(q, true, "qlock");
    }
}

/// # Safety
/// As `qlock`: `q` is nil (reported, abort) or a valid, zero-initialised QLock.
pub unsafe extern "C" fn canqlock(q: *mut QLock) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { qlock_impl(q, false, "canqlock") }
}

/// # Safety
/// As `qlock`: `q` is nil (reported, abort) or a valid QLock; not being locked is reported.
pub unsafe extern "C" fn qunlock(q: *mut QLock) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        qunlock_impl(q, "qunlock");
    }
}

// ---- RWLock: waiting writers hold off new readers; wunlock admits all waiting
// readers, else one writer ----

/// # Safety
/// `l` is nil (reported, abort) or points to an RWLock that is all zeros or was only used
/// through these functions, and that is neither freed nor moved while held or waited for.
unsafe fn rlock_impl(l: *mut RWLock, block: bool, call: &str) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        nil_check(l as _, call, "RWLock");
        let lk = &(*l).l;
        lk.acquire();
        if (*l).writer.is_null() && (*l).wwaiting.head.is_null() {
            (*l).readers += 1;
            lk.release();
            return 1;
        }
        if !block {
            lk.release();
            return 0;
        }
        if (*l).writer == me() && lonely() {
            lk.release();
            report::misuse(call, "deadlock: the only thread waits for a write lock it holds");
        }
        let mut n = Node::new();
        (*l).rwaiting.push(&mut n);
        wait_granted(lk, &mut n, &mut (*l).rwaiting, l as _);
        1
    }
}

/// # Safety
/// `l` is nil (reported, abort) or points to an RWLock that is all zeros or was only used
/// through these functions, and that is neither freed nor moved while held or waited for.
unsafe fn wlock_impl(l: *mut RWLock, block: bool, call: &str) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        nil_check(l as _, call, "RWLock");
        let lk = &(*l).l;
        lk.acquire();
        if (*l).writer.is_null() && (*l).readers == 0 {
            (*l).writer = me();
            lk.release();
            return 1;
        }
        if !block {
            lk.release();
            return 0;
        }
        if (*l).writer == me() && lonely() {
            lk.release();
            report::misuse(call, "deadlock: the only thread waits for an RWLock it holds");
        }
        let mut n = Node::new();
        (*l).wwaiting.push(&mut n);
        wait_granted(lk, &mut n, &mut (*l).wwaiting, l as _);
        1
    }
}

/// # Safety
/// `l` is nil (reported, abort) or points to an RWLock that is all zeros or was only used
/// through these functions, and that is neither freed nor moved while held or waited for.
unsafe fn runlock_impl(l: *mut RWLock, call: &str) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        nil_check(l as _, call, "RWLock");
        let lk = &(*l).l;
        lk.acquire();
        if (*l).readers <= 0 {
            lk.release();
            report::complain(call, "RWLock is not read-locked");
            return;
        }
        (*l).readers -= 1;
        if (*l).readers == 0 {
            let n = (*l).wwaiting.pop();
            if !n.is_null() {
                (*l).writer = if (*n).t.is_null() { FOREIGN } else { (*n).t as *mut c_void };
                grant(n);
            }
        }
        lk.release();
    }
}

/// # Safety
/// `l` is nil (reported, abort) or points to an RWLock that is all zeros or was only used
/// through these functions, and that is neither freed nor moved while held or waited for.
unsafe fn wunlock_impl(l: *mut RWLock, call: &str) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        nil_check(l as _, call, "RWLock");
        let lk = &(*l).l;
        lk.acquire();
        if (*l).writer.is_null() {
            lk.release();
            report::complain(call, "RWLock is not write-locked");
            return;
        }
        (*l).writer = null_mut();
        loop {
            let n = (*l).rwaiting.pop();
            if n.is_null() {
                break;
            }
            (*l).readers += 1;
            grant(n);
        }
        if (*l).readers == 0 {
            let n = (*l).wwaiting.pop();
            if !n.is_null() {
                (*l).writer = if (*n).t.is_null() { FOREIGN } else { (*n).t as *mut c_void };
                grant(n);
            }
        }
        lk.release();
    }
}

/// # Safety
/// `l` is nil (reported, abort) or a valid RWLock (zero-initialised as in C) that is not
/// freed or moved while held or waited for.
pub unsafe extern "C" fn rlock(l: *mut RWLock) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        rlock_impl(l, true, "rlock");
    }
}

/// # Safety
/// `l` is nil (reported, abort) or a valid RWLock (zero-initialised as in C) that is not
/// freed or moved while held or waited for.
pub unsafe extern "C" fn canrlock(l: *mut RWLock) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { rlock_impl(l, false, "canrlock") }
}

/// # Safety
/// `l` is nil (reported, abort) or a valid RWLock (zero-initialised as in C) that is not
/// freed or moved while held or waited for.
pub unsafe extern "C" fn runlock(l: *mut RWLock) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        runlock_impl(l, "runlock");
    }
}

/// # Safety
/// `l` is nil (reported, abort) or a valid RWLock (zero-initialised as in C) that is not
/// freed or moved while held or waited for.
pub unsafe extern "C" fn wlock(l: *mut RWLock) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        wlock_impl(l, true, "wlock");
    }
}

/// # Safety
/// `l` is nil (reported, abort) or a valid RWLock (zero-initialised as in C) that is not
/// freed or moved while held or waited for.
pub unsafe extern "C" fn canwlock(l: *mut RWLock) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { wlock_impl(l, false, "canwlock") }
}

/// # Safety
/// `l` is nil (reported, abort) or a valid RWLock (zero-initialised as in C) that is not
/// freed or moved while held or waited for.
pub unsafe extern "C" fn wunlock(l: *mut RWLock) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        wunlock_impl(l, "wunlock");
    }
}

// ---- Rendez: the waiting list is guarded by r->l's inner Lock ----

/// # Safety
/// `r` is nil (reported, abort) or a valid Rendez whose `l` is nil (reported, abort) or a
/// valid QLock that the caller holds (an unlocked one is reported, abort); neither is
/// freed or moved while the caller sleeps.
unsafe fn rsleep_impl(r: *mut Rendez, call: &str) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        nil_check(r as _, call, "Rendez");
        let q = (*r).l;
        nil_check(q as _, call, "Rendez.l (set it to the QLock guarding the condition)");
        if lonely() {
            report::misuse(call, "deadlock: the only thread would sleep with nobody to wake it");
        }
        let lk = &(*q).l;
        lk.acquire();
        if (*q).owner.is_null() {
            lk.release();
            report::misuse(call, "Rendez.l is not locked (qlock it before rsleep)");
        }
        let mut n = Node::new();
        (*r).waiting.push(&mut n);
        qunlock_locked(q, call);
        wait_granted(lk, &mut n, &mut (*r).waiting, r as _);
        qlock_impl(q, true, call);
    }
}

/// # Safety
/// `r` is nil (reported, abort) or a valid Rendez whose `l` is nil (reported, abort) or
/// the valid QLock its sleepers used; the caller should hold it, as Plan 9 says.
unsafe fn rwakeup_impl(r: *mut Rendez, all: bool, call: &str) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        nil_check(r as _, call, "Rendez");
        let q = (*r).l;
        nil_check(q as _, call, "Rendez.l");
        let lk = &(*q).l;
        lk.acquire();
        let mut k = 0;
        loop {
            let n = (*r).waiting.pop();
            if n.is_null() {
                break;
            }
            grant(n);
            k += 1;
            if !all {
                break;
            }
        }
        lk.release();
        k
    }
}

/// # Safety
/// As `rsleep_impl`: `r` is a valid Rendez and the caller holds the QLock `r->l`.
pub unsafe extern "C" fn rsleep(r: *mut Rendez) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        rsleep_impl(r, "rsleep");
    }
}

/// # Safety
/// As `rwakeup_impl`: `r` is a valid Rendez with `r->l` set (nils are reported, abort).
pub unsafe extern "C" fn rwakeup(r: *mut Rendez) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { rwakeup_impl(r, false, "rwakeup") }
}

/// # Safety
/// As `rwakeup_impl`: `r` is a valid Rendez with `r->l` set (nils are reported, abort).
pub unsafe extern "C" fn rwakeupall(r: *mut Rendez) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { rwakeup_impl(r, true, "rwakeupall") }
}

// ---- plan9port lib9 hooks (installed by src/c/lib9.c; `pc` is the caller's pc,
// unused) ----

/// # Safety
/// As `lock_impl` (`_pc` is unused): `l` is nil (abort) or a valid Lock.
pub unsafe extern "C" fn thread9_rt_lock(l: *mut Lock, block: c_int, _pc: c_ulong) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { lock_impl(l, block != 0, if block != 0 { "lock" } else { "canlock" }) }
}

/// # Safety
/// As `unlock` (`_pc` is unused): `l` is nil (abort) or a valid Lock.
pub unsafe extern "C" fn thread9_rt_unlock(l: *mut Lock, _pc: c_ulong) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        // Not the exported `unlock`: a program linking plan9port's lib9 defines its own
        // unlock, which calls this hook, and a call to the exported name may bind to it
        // through the PLT (endless recursion once LLVM stopped inlining unlock here).
        unlock_impl(l)
    }
}

/// # Safety
/// As `qlock` (`_pc` is unused): `q` is nil (abort) or a valid QLock.
pub unsafe extern "C" fn thread9_rt_qlock(q: *mut QLock, block: c_int, _pc: c_ulong) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { qlock_impl(q, block != 0, if block != 0 { "qlock" } else { "canqlock" }) }
}

/// # Safety
/// As `qunlock` (`_pc` is unused): `q` is nil (abort) or a valid QLock.
pub unsafe extern "C" fn thread9_rt_qunlock(q: *mut QLock, _pc: c_ulong) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { qunlock_impl(q, "qunlock") }
}

/// # Safety
/// As `rlock` (`_pc` is unused): `l` is nil (abort) or a valid RWLock.
pub unsafe extern "C" fn thread9_rt_rlock(l: *mut RWLock, block: c_int, _pc: c_ulong) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { rlock_impl(l, block != 0, if block != 0 { "rlock" } else { "canrlock" }) }
}

/// # Safety
/// As `wlock` (`_pc` is unused): `l` is nil (abort) or a valid RWLock.
pub unsafe extern "C" fn thread9_rt_wlock(l: *mut RWLock, block: c_int, _pc: c_ulong) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { wlock_impl(l, block != 0, if block != 0 { "wlock" } else { "canwlock" }) }
}

/// # Safety
/// As `runlock` (`_pc` is unused): `l` is nil (abort) or a valid RWLock.
pub unsafe extern "C" fn thread9_rt_runlock(l: *mut RWLock, _pc: c_ulong) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { runlock_impl(l, "runlock") }
}

/// # Safety
/// As `wunlock` (`_pc` is unused): `l` is nil (abort) or a valid RWLock.
pub unsafe extern "C" fn thread9_rt_wunlock(l: *mut RWLock, _pc: c_ulong) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { wunlock_impl(l, "wunlock") }
}

/// # Safety
/// As `rsleep` (`_pc` is unused): a valid Rendez whose QLock `r->l` the caller holds.
pub unsafe extern "C" fn thread9_rt_rsleep(r: *mut Rendez, _pc: c_ulong) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { rsleep_impl(r, "rsleep") }
}

/// # Safety
/// As `rwakeup` (`_pc` is unused): a valid Rendez with `r->l` set.
pub unsafe extern "C" fn thread9_rt_rwakeup(r: *mut Rendez, all: c_int, _pc: c_ulong) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { rwakeup_impl(r, all != 0, if all != 0 { "rwakeupall" } else { "rwakeup" }) }
}

/// _pin/_unpin (libdraw): threadpin/threadunpin, no-ops outside thread9 threads.
pub extern "C" fn thread9_rt_pin() {
    if !sched::current().is_null() {
        sched::pin(true, "threadpin");
    }
}

pub extern "C" fn thread9_rt_unpin() {
    if !sched::current().is_null() {
        sched::pin(false, "threadunpin");
    }
}
