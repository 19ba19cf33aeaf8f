//! alt: wait for the first of several channel operations.
//!
//! A fast path first completes a case that looks ready under that one channel's
//! lock. Otherwise the channels of all cases are locked together, in address order,
//! to decide readiness atomically (two alts over overlapping channels cannot
//! deadlock: both lock in the same order). A ready case is picked uniformly at
//! random. Otherwise a waiter is queued on every open case and the thread parks; the
//! first completer to claim the thread (CAS on `sel`) wins, the other waiters are
//! removed on wake-up.
//!
//! Both paths keep their bookkeeping in fixed arrays on the stack for the usual
//! small alts (the heap only past `INLINE` cases): this is the inner loop of every
//! CSP server.

use crate::chan::{self, Channel, Waiter, CLOSED_STR};
use crate::debug;
use crate::sched;
use crate::thread::*;
use core::ffi::{c_char, c_void};
use core::mem::MaybeUninit;
use core::ptr::null_mut;
use core::sync::atomic::Ordering;

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
/// Entries the fast path looks at (its candidate indices are bytes).
const FAST_MAX: usize = 32;
/// Cases whose blocking-path bookkeeping lives on the stack (~0.5 KiB: threads may
/// have small stacks); longer alts allocate.
const INLINE: usize = 8;

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

#[cold]
#[inline(never)]
unsafe fn trace_call(a: *mut Alt, call: &str) {
    let (n, noblock) = count(a, call);
    let t = sched::current();
    let id = if t.is_null() { -1 } else { (*t).id };
    debug::trace(&format!("thread {id} {call} with {n} entries{}", if noblock { " (no block)" } else { "" }));
}

/// Completes one of the cases that look ready without taking any lock but the chosen
/// channel's: one pass over the entries, no allocation. None when nothing looks
/// ready, when an entry is invalid or names a bad channel (the general path reports
/// it) or for arrays longer than FAST_MAX.
///
/// # Safety
/// `a` is the program's Alt array.
#[inline]
unsafe fn fast_path(a: *mut Alt) -> Option<i32> {
    let mut cand = MaybeUninit::<[u8; FAST_MAX]>::uninit();
    let cand = cand.as_mut_ptr() as *mut u8;
    let mut nc = 0;
    let mut i = 0;
    loop {
        let e = &*a.add(i);
        match e.op {
            CHANEND | CHANNOBLK => break,
            _ if i == FAST_MAX => return None,
            CHANSND | CHANRCV => {
                if !e.c.is_null() {
                    if !chan::is_live(e.c) {
                        return None;
                    }
                    if chan::peek_ready(e.c, e.op == CHANSND) {
                        *cand.add(nc) = i as u8;
                        nc += 1;
                    }
                }
            }
            CHANNOP => {}
            _ => return None,
        }
        i += 1;
    }
    while nc > 0 {
        // Uniform among the candidates left; a lone one needs no random number.
        let k = if nc == 1 { 0 } else { chan::rand_below(nc) };
        let i = *cand.add(k) as usize;
        nc -= 1;
        *cand.add(k) = *cand.add(nc);
        let e = &mut *a.add(i);
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
    // SAFETY: the program passes an Alt array terminated by CHANEND/CHANNOBLK; the
    // scratch arrays hold n elements each (`general`'s contract).
    unsafe {
        if debug::tracing() {
            trace_call(a, call);
        }
        if let Some(i) = fast_path(a) {
            return i;
        }
        let (n, noblock) = count(a, call);
        let al = core::slice::from_raw_parts_mut(a, n);
        if n <= INLINE {
            let mut chans = [null_mut(); INLINE];
            let mut cases = [0u32; INLINE];
            let mut ready = [0u32; INLINE];
            let mut ws = MaybeUninit::<[Waiter; INLINE]>::uninit();
            general(al, noblock, deadline, call, &mut chans, &mut cases, &mut ready, ws.as_mut_ptr() as *mut Waiter)
        } else {
            let mut chans = vec![null_mut(); n];
            let mut cases = vec![0u32; n];
            let mut ready = vec![0u32; n];
            // Written through the raw pointer only (Waiter has no drop glue).
            let mut ws: Vec<Waiter> = Vec::with_capacity(n);
            general(al, noblock, deadline, call, &mut chans, &mut cases, &mut ready, ws.as_mut_ptr())
        }
    }
}

/// The locked path: decide under all the channels' locks, complete a ready case or
/// queue a waiter per open case and park.
///
/// # Safety
/// `al` is the program's Alt array without its terminator; `chans`, `cases` and
/// `ready` have at least `al.len()` elements and `ws` room for as many waiters,
/// which stay in place until this returns.
#[allow(clippy::too_many_arguments)]
unsafe fn general(
    al: &mut [Alt],
    noblock: bool,
    deadline: u64,
    call: &str,
    chans: &mut [*mut Channel],
    cases: &mut [u32],
    ready: &mut [u32],
    ws: *mut Waiter,
) -> i32 {
    // The usable cases (send/receive on a live channel; nil channels are skipped,
    // bad ones reported) and their distinct channels, kept sorted by insertion:
    // the lock order.
    let (mut ncase, mut nch) = (0, 0);
    for (i, e) in al.iter().enumerate() {
        if (e.op != CHANSND && e.op != CHANRCV) || e.c.is_null() || !chan::check(e.c, call) {
            continue;
        }
        cases[ncase] = i as u32;
        ncase += 1;
        let mut j = nch;
        while j > 0 && chans[j - 1] > e.c {
            j -= 1;
        }
        if j > 0 && chans[j - 1] == e.c {
            continue;
        }
        let mut k = nch;
        while k > j {
            chans[k] = chans[k - 1];
            k -= 1;
        }
        chans[j] = e.c;
        nch += 1;
    }
    let chans = &chans[..nch];
    let cases = &cases[..ncase];
    for &c in chans {
        (*chan::ext(c)).lock.lock();
    }
    let unlock = || {
        for &c in chans.iter().rev() {
            (*chan::ext(c)).lock.unlock();
        }
    };
    // One pass: the ready cases, and a waiter (not yet queued) for each open one.
    // Our own waiters are not queued yet, so a send and a receive on the same
    // channel in one alt never look ready for each other.
    let t = sched::current();
    let (mut nr, mut nw) = (0, 0);
    for &i in cases {
        let e = &al[i as usize];
        if chan::maybe_ready(e.c, e.op == CHANSND) {
            ready[nr] = i;
            nr += 1;
        }
        if !(*chan::ext(e.c)).closed {
            ws.add(nw).write(Waiter::new(t, i, e.v as *mut u8));
            nw += 1;
        }
    }
    // Ready cases, tried in random order until one completes (a waiter seen live may
    // be claimed through another channel meanwhile).
    while nr > 0 {
        let k = if nr == 1 { 0 } else { chan::rand_below(nr) };
        let i = ready[k] as usize;
        nr -= 1;
        ready[k] = ready[nr];
        let e = &mut al[i];
        let mut wake: *mut Thread = null_mut();
        let r = if e.op == CHANSND {
            chan::try_send(e.c, e.v as *const u8, &mut wake)
        } else {
            chan::try_recv(e.c, e.v as *mut u8, &mut wake)
        };
        if let chan::Try::Done = r {
            unlock();
            if !wake.is_null() {
                sched::ready(wake);
            }
            e.err = core::ptr::null();
            return i as i32;
        }
    }
    if noblock {
        unlock();
        return -1;
    }
    if nw == 0 {
        // Report closed entries one by one, the last first (9front), then -1.
        let mut closed_any = false;
        for &i in cases.iter().rev() {
            let e = &mut al[i as usize];
            if (*chan::ext(e.c)).closed {
                closed_any = true;
                if e.err != CLOSED_STR.as_ptr() as *const c_char {
                    unlock();
                    e.err = CLOSED_STR.as_ptr() as *const c_char;
                    return i as i32;
                }
            }
        }
        if closed_any {
            unlock();
            return -1;
        }
    }
    if t.is_null() {
        unlock();
        debug::misuse(call, "would block outside a thread9 thread");
    }
    (*t).sel.store(SEL_WAITING, Ordering::Relaxed);
    for k in 0..nw {
        let w = ws.add(k);
        let e = &al[(*w).idx as usize];
        if e.op == CHANSND {
            (*e.c).sendq.push(w);
        } else {
            (*e.c).recvq.push(w);
        }
    }
    unlock();
    let (kind, wc) = if nw == 1 {
        let e = &al[(*ws).idx as usize];
        (if e.op == CHANSND { Wait::Send } else { Wait::Recv }, e.c)
    } else {
        (Wait::Alt, null_mut())
    };
    let code = sched::park(kind, wc as *mut c_void, deadline);
    // The claimed waiter was unlinked by its completer, which is done with it once we
    // run. The others may be unlinked concurrently (a completer on another proc drops
    // stale waiters, reading them after the unlink), so each is left under its
    // channel's lock.
    let won = if code & SEL_DONE != 0 { code & (SEL_CLOSED - 1) } else { u32::MAX };
    for k in 0..nw {
        let w = ws.add(k);
        if (*w).idx != won {
            let e = &al[(*w).idx as usize];
            chan::leave(e.c, w, e.op == CHANSND);
        }
    }
    sched::check_killed();
    match code {
        SEL_TIMEOUT => al.len() as i32,
        c if c & SEL_DONE != 0 => {
            al[won as usize].err =
                if c & SEL_CLOSED != 0 { CLOSED_STR.as_ptr() as *const c_char } else { core::ptr::null() };
            won as i32
        }
        _ => {
            crate::errstr::set(b"interrupted");
            -1
        }
    }
}
