//! alt: wait for the first of several channel operations.
//!
//! The channels of all cases are locked together, in address order, to decide
//! readiness atomically (two alts over overlapping channels cannot deadlock: both
//! lock in the same order). A ready case is picked uniformly at random. Otherwise a
//! waiter is queued on every open case and the thread parks; the first completer to
//! claim the thread (CAS on `sel`) wins, the other waiters are removed on wake-up.

use crate::chan::{self, Channel, Try, Waiter, CLOSED_STR};
use crate::debug;
use crate::sched;
use crate::thread::*;
use core::ffi::{c_char, c_void};
use core::ptr::null_mut;
use core::sync::atomic::Ordering;
use smallvec::SmallVec;

type Small<T> = SmallVec<[T; 8]>;

pub const CHANEND: u32 = 0;
pub const CHANSND: u32 = 1;
pub const CHANRCV: u32 = 2;
pub const CHANNOP: u32 = 3;
pub const CHANNOBLK: u32 = 4;

#[repr(C)]
pub struct Alt {
    pub c: *mut Channel,
    pub v: *mut c_void,
    pub op: u32,
    pub err: *const c_char, // union with plan9port's `_Thread *thread`
}

const MAXALT: usize = 1 << 20;

/// How the entries end: the terminator's index and whether it is CHANNOBLK.
unsafe fn count(a: *mut Alt, call: &str) -> (usize, bool) {
    let mut n = 0;
    loop {
        match (*a.add(n)).op {
            CHANEND => return (n, false),
            CHANNOBLK => return (n, true),
            CHANSND | CHANRCV | CHANNOP => {}
            op => debug::misuse(
                call,
                &format!("entry {n} has invalid op {op} (is the array missing its CHANEND?)"),
            ),
        }
        n += 1;
        if n >= MAXALT {
            debug::misuse(call, "no CHANEND in the first 1048576 entries");
        }
    }
}

/// Completes one of the cases that look ready without taking any lock but the chosen
/// channel's: one pass, no allocation. None when nothing looks ready, when a case
/// names a bad channel (the general path reports it) or for very long arrays.
///
/// # Safety
/// `al` is the program's Alt array (entries up to the terminator).
#[inline]
unsafe fn fast_path(al: &mut [Alt]) -> Option<i32> {
    const MAX: usize = 32;
    if al.len() > MAX {
        return None;
    }
    let mut cand = [0u8; MAX];
    let mut nc = 0;
    for (i, e) in al.iter().enumerate() {
        if (e.op == CHANSND || e.op == CHANRCV) && !e.c.is_null() {
            if !chan::is_live(e.c) {
                return None;
            }
            if chan::peek_ready(e.c, e.op == CHANSND) {
                cand[nc] = i as u8;
                nc += 1;
            }
        }
    }
    while nc > 0 {
        let k = chan::rand_below(nc);
        let i = cand[k] as usize;
        nc -= 1;
        cand[k] = cand[nc];
        let e = &mut al[i];
        if chan::try_one(e.c, e.op == CHANSND, e.v as *mut u8) {
            e.err = core::ptr::null();
            return Some(i as i32);
        }
    }
    None
}

/// chanalt with an optional absolute deadline (nsecmono; 0 = none). On timeout the
/// index of the terminating entry is returned.
pub fn alt(a: *mut Alt, deadline: u64, call: &str) -> i32 {
    if a.is_null() {
        debug::misuse(call, "nil Alt array");
    }
    if sched::in_note() {
        debug::misuse(call, "called from a note (signal) handler");
    }
    // SAFETY: the program passes an Alt array terminated by CHANEND/CHANNOBLK.
    unsafe {
        let (n, noblock) = count(a, call);
        if debug::tracing() {
            let t = sched::current();
            let id = if t.is_null() { -1 } else { (*t).id };
            debug::trace(&format!("thread {id} {call} with {n} entries{}", if noblock { " (no block)" } else { "" }));
        }
        let al = core::slice::from_raw_parts_mut(a, n);
        if let Some(i) = fast_path(al) {
            return i;
        }
        // Distinct live channels, sorted: the lock order.
        let mut chans: Small<*mut Channel> = SmallVec::new();
        let mut closed_any = false;
        for e in al.iter() {
            if (e.op == CHANSND || e.op == CHANRCV) && !e.c.is_null() {
                if !chan::check(e.c, call) {
                    continue;
                }
                chans.push(e.c);
            }
        }
        chans.sort_unstable();
        chans.dedup();
        let usable = |e: &Alt| (e.op == CHANSND || e.op == CHANRCV) && !e.c.is_null() && chans.binary_search(&e.c).is_ok();
        for &c in &chans {
            (*chan::ext(c)).lock.lock();
        }
        let unlock = |chans: &[*mut Channel]| {
            for &c in chans.iter().rev() {
                (*chan::ext(c)).lock.unlock();
            }
        };
        // Ready cases, tried in random order until one completes.
        let mut ready: Small<usize> = (0..n)
            .filter(|&i| usable(&al[i]) && chan::maybe_ready(al[i].c, al[i].op == CHANSND))
            .collect();
        while !ready.is_empty() {
            let k = chan::rand_below(ready.len());
            let i = ready.swap_remove(k);
            let e = &mut al[i];
            let mut wake: *mut Thread = null_mut();
            let r = if e.op == CHANSND {
                chan::try_send(e.c, e.v as *const u8, &mut wake)
            } else {
                chan::try_recv(e.c, e.v as *mut u8, &mut wake)
            };
            if let Try::Done = r {
                unlock(&chans);
                if !wake.is_null() {
                    sched::ready(wake);
                }
                e.err = core::ptr::null();
                return i as i32;
            }
        }
        if noblock {
            unlock(&chans);
            return -1;
        }
        let open: Small<usize> = (0..n).filter(|&i| usable(&al[i]) && !(*chan::ext(al[i].c)).closed).collect();
        if open.is_empty() {
            // Report closed entries one by one, the last first (9front), then -1.
            for i in (0..n).rev() {
                if usable(&al[i]) && (*chan::ext(al[i].c)).closed {
                    closed_any = true;
                    if al[i].err != CLOSED_STR.as_ptr() as *const c_char {
                        unlock(&chans);
                        al[i].err = CLOSED_STR.as_ptr() as *const c_char;
                        return i as i32;
                    }
                }
            }
            if closed_any {
                unlock(&chans);
                return -1;
            }
        }
        let t = sched::current();
        if t.is_null() {
            unlock(&chans);
            debug::misuse(call, "would block outside a thread9 thread");
        }
        let mut ws: Small<Waiter> = open.iter().map(|&i| Waiter::new(t, i as u32, al[i].v as *mut u8)).collect();
        (*t).sel.store(SEL_WAITING, Ordering::Relaxed);
        for w in ws.iter_mut() {
            let e = &al[w.idx as usize];
            if e.op == CHANSND {
                (*e.c).sendq.push(w);
            } else {
                (*e.c).recvq.push(w);
            }
        }
        unlock(&chans);
        let (kind, wc) = match open.len() {
            1 if al[open[0]].op == CHANSND => (Wait::Send, al[open[0]].c),
            1 => (Wait::Recv, al[open[0]].c),
            _ => (Wait::Alt, null_mut()),
        };
        let code = sched::park(kind, wc as *mut c_void, deadline);
        let won = if code & SEL_DONE != 0 { (code & (SEL_CLOSED - 1)) as usize } else { usize::MAX };
        for w in ws.iter_mut() {
            if w.idx as usize != won {
                let e = &al[w.idx as usize];
                chan::leave(e.c, w, e.op == CHANSND);
            }
        }
        sched::check_killed();
        match code {
            SEL_TIMEOUT => n as i32,
            c if c & SEL_DONE != 0 => {
                al[won].err = if c & SEL_CLOSED != 0 { CLOSED_STR.as_ptr() as *const c_char } else { core::ptr::null() };
                won as i32
            }
            _ => {
                crate::errstr::set(b"interrupted");
                -1
            }
        }
    }
}
