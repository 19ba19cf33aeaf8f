//! The thread calls that only read or set per-thread state: threadpid, names and
//! states, system procs, pinning, _threadready/_threadswitch, Ref counts.

use super::*;

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
            let n = crate::base::utf::trunc(s, 15);
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
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if !t.is_null() {
            wake(t, SEL_WOKEN);
        }
    }
}

/// _threadswitch: parks the running thread until _threadready.
pub fn switch_blocked() {
    let t = need("_threadswitch");
    // SAFETY: the running thread.
    unsafe { arm(t) };
    park(Wait::Lock, null_mut(), 0);
    check_killed();
}

/// incref/decref on plan9port's `Ref` (Lock at 0, long at 56): atomics, same layout.
///
/// # Safety
/// `r` points to a Ref.
pub unsafe fn refadd(r: *mut c_void, d: i64) -> i64 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if r.is_null() {
            crate::base::report::misuse(if d > 0 { "incref" } else { "decref" }, "nil Ref");
        }
        let a = &*((r as *mut u8).add(56) as *const core::sync::atomic::AtomicI64);
        a.fetch_add(d, Ordering::SeqCst) + d
    }
}
