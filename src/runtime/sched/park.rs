//! The park/claim/wake protocol, the one way a thread waits for anything:
//!
//! 1. the waiter *arms* itself (`arm`: `sel` = SEL_WAITING) under whatever lock makes
//!    it findable (a channel's, a lock's, an ioproc's), and publishes itself there;
//! 2. it *parks* (`park`, `park_nodeadline`) with what it waits for (a `Wait` and
//!    its object, for dumps and interrupts) and an optional deadline;
//! 3. exactly one *claimer* wins the thread with a CAS from SEL_WAITING (`claim`), to
//!    a code saying how the wait ended (a channel case, WOKEN, INTR, TIMEOUT), and
//!    makes it runnable (`wake` = claim + ready).
//!
//! A claimer that loses the CAS leaves the thread alone. Interrupts (threadint,
//! threadkill, deadlines) are claimers too; a thread parked in an iocall has its
//! call interrupted through the io layer's callback (runtime/upcall.rs).

use super::*;

/// Arms the running thread `t` for a park: from now on one claimer may win it.
/// Call it before publishing the thread where claimers find it (the store is
/// sequentially consistent, so it is ordered before that publication even when
/// the claimer finds the thread without taking a lock we hold).
///
/// # Safety
/// `t` is the running thread.
#[inline]
pub unsafe fn arm(t: *mut Thread) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        (*t).sel.store(SEL_WAITING, Ordering::SeqCst);
    }
}

/// `arm` for a thread published only under locks that every claimer takes (a
/// channel's): the locks order the store, so it can be a plain one.
///
/// # Safety
/// `t` is the running thread; the caller holds the locks that publish it.
#[inline(always)]
pub unsafe fn arm_locked(t: *mut Thread) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        (*t).sel.store(SEL_WAITING, Ordering::Relaxed);
    }
}

/// Claims the armed thread `t` with `code` (how its wait ended): true for exactly
/// one claimer. A thread claimed elsewhere is recognised by a plain load before any
/// locked instruction. The winner makes it runnable (`ready`) when done with it.
///
/// # Safety
/// `t` is a live thread.
#[inline(always)]
pub unsafe fn claim(t: *mut Thread, code: u32) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        (*t).sel.load(Ordering::Relaxed) == SEL_WAITING
            && (*t).sel.compare_exchange(SEL_WAITING, code, Ordering::AcqRel, Ordering::Relaxed).is_ok()
    }
}

/// Whether `t` is armed and not yet claimed (a hint: a claimer may win it next).
///
/// # Safety
/// `t` is a live thread.
#[inline(always)]
pub unsafe fn is_armed(t: *mut Thread) -> bool {
    // SAFETY: the caller guarantees `t` is a live thread; this is a plain atomic load.
    unsafe { (*t).sel.load(Ordering::Relaxed) == SEL_WAITING }
}

/// Claims a parked thread with `code` and makes it runnable. False if it was not
/// waiting (already claimed, or running).
///
/// # Safety
/// `t` is a live thread.
#[inline]
pub unsafe fn wake(t: *mut Thread, code: u32) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if claim(t, code) {
            ready(t);
            true
        } else {
            false
        }
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
pub(crate) unsafe fn suspend(p: *mut Proc, t: *mut Thread, v: Verdict) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        // A thread switching out with its stack pointer below its stack is in the
        // middle of an overflow that jumped past the guard or canary page (a big
        // frame, no -fstack-clash-protection or only its non-writing probes): report
        // it now, before anything else runs over the memory it has been using.
        let sp = &v as *const Verdict as usize;
        if sp < (*t).stack_lo {
            crate::runtime::stack::overflow_report(t);
        }
        let fake = crate::san::asan::to_scheduler((*p).san_bottom, (*p).san_size, v == Verdict::Exit);
        (*(*t).yielder).suspend(v);
        crate::san::asan::in_thread(&mut (*p).san_bottom, &mut (*p).san_size, fake);
    }
}

/// Parks the running thread, whose `sel` the caller has set to SEL_WAITING (under
/// the locks that make it findable). Returns how the park ended. `deadline` is an
/// absolute nsecmono() value, 0 for none. A killed thread never returns from here.
pub fn park(wait: Wait, chan: *mut c_void, deadline: u64) -> u32 {
    let t = current();
    // SAFETY: t is the running thread of this OS thread's proc.
    unsafe {
        let p = (*t).proc;
        (*t).set_wait(wait, chan);
        if deadline != 0 {
            (*t).timer.deadline = deadline;
            (*p).timers.insert(&mut (*t).timer);
        }
        // Whoever claims us (CAS from SEL_WAITING) also makes us runnable, so we must
        // suspend exactly once even if the claim already happened (a waker on another
        // proc): its ready() only reaches our run queue after we switch out. The one
        // exception: a killed thread claims itself and is readied by nobody.
        let selfclaim = (*t).killed.load(Ordering::Relaxed) && claim(t, SEL_INTR);
        let tracing = crate::base::flags::tracing();
        if tracing {
            let on = match wait {
                Wait::Send | Wait::Recv => format!(" on channel {}", crate::runtime::upcall::chan_name(chan)),
                Wait::Io => format!(" on ioproc {:p}", chan),
                _ => String::new(),
            };
            trace(&format!("thread {} blocks: {:?}{on}", (*t).id, wait));
            crate::runtime::trace::end(t);
        }
        if !selfclaim {
            block(t);
        }
        if tracing {
            crate::runtime::trace::begin(t);
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
pub(crate) unsafe fn unparked(t: *mut Thread) -> u32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        (*t).set_wait(Wait::None, null_mut());
        // Nobody touches sel once we have been claimed: no atomic RMW needed.
        let code = (*t).sel.load(Ordering::Acquire);
        (*t).sel.store(SEL_IDLE, Ordering::Relaxed);
        code
    }
}

/// park() without a deadline for the running thread `t`, inlined into channel
/// operations: the common case skips the timer and the kill and trace checks.
///
/// # Safety
/// `t` is the running thread; its `sel` is SEL_WAITING as for park.
#[inline(always)]
pub unsafe fn park_nodeadline(t: *mut Thread, wait: Wait, chan: *mut c_void) -> u32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if (*t).killed.load(Ordering::Relaxed) || crate::arch::hooks() != 0 {
            return park(wait, chan, 0);
        }
        (*t).set_wait(wait, chan);
        block(t);
        unparked(t)
    }
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
pub(crate) unsafe fn block(t: *mut Thread) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let p = (*t).proc;
        let sp = &t as *const *mut Thread as usize;
        // (A stack pointer below the stack, an overflow in progress, does not host:
        // suspend reports it.)
        if (*p).host.is_null() && (*p).pinned.is_null() && sp > (*t).stack_lo + HOST_STACK_MIN {
            host(p, t);
        } else {
            suspend(p, t, Verdict::Block);
        }
    }
}
