//! The run queue of a proc and making threads runnable: ready (same proc or
//! another proc's inbox), pinned threads, kicking a sleeping proc.

use super::*;

/// # Safety
/// On `p`'s own OS thread: `t` is a live thread of `p` that is in no queue (it was
/// claimed, or is new, or just yielded).
#[inline]
pub(crate) unsafe fn push_runq(p: *mut Proc, t: *mut Thread) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        (*t).next = null_mut();
        if (*p).runq_tail.is_null() {
            (*p).runq_head = t;
        } else {
            (*(*p).runq_tail).next = t;
        }
        (*p).runq_tail = t;
    }
}

/// # Safety
/// On `p`'s own OS thread (the run queue is not locked).
#[inline]
pub(crate) unsafe fn pop_runq(p: *mut Proc) -> *mut Thread {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let t = (*p).runq_head;
        if !t.is_null() {
            (*p).runq_head = (*t).next;
            if (*p).runq_head.is_null() {
                (*p).runq_tail = null_mut();
            }
        }
        t
    }
}

/// Takes the pinned thread out of the run queue, if it is there.
///
/// # Safety
/// On `p`'s own OS thread (the run queue is not locked).
pub(crate) unsafe fn take_pinned(p: *mut Proc) -> *mut Thread {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
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
}

/// Makes a parked thread runnable, from any proc.
///
/// # Safety
/// `t` is a live thread that the caller has just claimed (its `sel` CAS succeeded).
#[inline(always)]
pub unsafe fn ready(t: *mut Thread) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if crate::base::flags::tracing() {
            ready_slow(t);
        } else {
            ready_nohooks(t);
        }
    }
}

/// ready() for callers that know arch::hooks() is zero.
///
/// # Safety
/// As for ready.
#[inline(always)]
pub unsafe fn ready_nohooks(t: *mut Thread) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let p = (*t).proc;
        if p == myproc() {
            push_runq(p, t);
        } else {
            ready_slow(t);
        }
    }
}

/// # Safety
/// As for ready: `t` is a live thread that the caller has just claimed.
#[inline(never)]
pub(crate) unsafe fn ready_slow(t: *mut Thread) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let p = (*t).proc;
        if crate::base::flags::tracing() {
            trace_line(&format!("thread {} ready (sel {:#x})", (*t).id, (*t).sel.load(Ordering::Relaxed)));
            if p != myproc() {
                // A flow arrow to its next run on its proc's track.
                crate::runtime::trace::wake(t, (*p).id);
            }
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
            proc::LOST => lost_proc_woken(p),
            _ => {}
        }
    }
}

/// A wake-up for a thread of a proc that did not survive fork(): it can never run.
#[cold]
fn lost_proc_woken(p: *mut Proc) -> ! {
    // SAFETY: procs are never freed; the id is plain data.
    let id = unsafe { (*p).id };
    crate::base::report::misuse(
        "fork",
        &format!(
            "a channel or lock operation in this fork() child woke a thread of proc {id}, which exists only in \
             the parent (only the proc that called fork lives on in the child; exec, or use threadspawn/procexec)"
        ),
    );
}
