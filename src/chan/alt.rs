//! alt: wait for the first of several channel operations.
//!
//! A fast path first completes a case that looks ready under that one channel's
//! lock. Otherwise the channels of all cases are locked together to decide readiness
//! atomically: with try_lock in entry order, or, when one is busy, waiting for each in
//! address order (two alts over overlapping channels cannot deadlock: both lock in
//! the same order). A ready case is picked uniformly at random. Otherwise a waiter is
//! queued on every open case and the thread parks; the first completer to claim the
//! thread (CAS on `sel`) wins, the other waiters are removed on wake-up.
//!
//! Both paths keep their bookkeeping in fixed arrays on the stack for the usual
//! small alts (the heap only past `INLINE` cases): this is the inner loop of every
//! CSP server.

use crate::base::report;
use crate::chan::{self, Channel, Waiter, CLOSED_STR};
use crate::runtime::sched;
use crate::runtime::thread::*;
use core::ffi::{c_char, c_void};
use core::mem::MaybeUninit;
use core::ptr::null_mut;

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

/// How the entries end: the terminator's index and whether it is CHANNOBLK. Reads
/// only the ops (never a channel), so a bad array is reported before anything else.
///
/// # Safety
/// `a` points to readable Alt entries up to their CHANEND/CHANNOBLK terminator (or the
/// first MAXALT of them; reading stops at the terminator or aborts).
unsafe fn count(a: *mut Alt, call: &str) -> (usize, bool) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let mut n = 0;
        loop {
            match (*a.add(n)).op {
                CHANEND => return (n, false),
                CHANNOBLK => return (n, true),
                CHANSND | CHANRCV | CHANNOP => {}
                op => {
                    report::misuse(call, &format!("entry {n} has invalid op {op} (is the array missing its CHANEND?)"))
                }
            }
            n += 1;
            if n >= MAXALT {
                report::misuse(call, "no CHANEND in the first 1048576 entries");
            }
        }
    }
}

/// # Safety
/// As for `count`: `a` is readable up to its terminator.
#[cold]
#[inline(never)]
unsafe fn trace_call(a: *mut Alt, call: &str) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let (n, noblock) = count(a, call);
        let t = sched::current();
        let id = if t.is_null() { -1 } else { (*t).id };
        crate::runtime::sched::trace(&format!(
            "thread {id} {call} with {n} entries{}",
            if noblock { " (no block)" } else { "" }
        ));
    }
}

/// What the fast path found.
enum Fast {
    /// This case completed.
    Done(i32),
    /// Nothing looked ready; the entries are valid (n of them before the terminator,
    /// which is CHANNOBLK if `noblock`) and every channel named is live.
    NotReady { n: usize, noblock: bool },
    /// An invalid entry or a bad channel (the general path reports it), or too many
    /// entries.
    Unknown,
}

/// Completes one of the cases that look ready without taking any lock but the chosen
/// channel's: one pass over the entries, no allocation. `HOOKED`: whether a
/// sanitizer or trace hook is loaded (the channel lock then tells them).
///
/// # Safety
/// `a` is the program's Alt array.
#[inline(always)]
unsafe fn fast_path<const HOOKED: bool>(a: *mut Alt) -> Fast {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let mut cand = MaybeUninit::<[u8; FAST_MAX]>::uninit();
        let cand = cand.as_mut_ptr() as *mut u8;
        let mut nc = 0;
        // Every op first, up to the terminator: an array missing its CHANEND is reported
        // (by `count`, on the general path) before any channel it seems to name is
        // touched; a wild pointer in an entry past the real ones was a silent SIGSEGV.
        let mut i = 0;
        loop {
            let op = (*a.add(i)).op;
            if op & !CHANNOBLK == 0 {
                break; // CHANEND or CHANNOBLK
            }
            if op > CHANNOP || i == FAST_MAX {
                return Fast::Unknown;
            }
            i += 1;
        }
        for k in 0..i {
            let e = &*a.add(k);
            // The ops before the terminator are CHANSND, CHANRCV or CHANNOP.
            if e.op != CHANNOP && !e.c.is_null() {
                // A closed or freed channel, or one of a special kind (chan/kinds.rs):
                // the locked path decides.
                if !chan::is_plain_open(e.c) {
                    return Fast::Unknown;
                }
                if chan::peek_ready(e.c, e.op == CHANSND) {
                    *cand.add(nc) = k as u8;
                    nc += 1;
                }
            }
        }
        while nc > 0 {
            // Uniform among the candidates left; a lone one needs no random number.
            let k = if nc == 1 { 0 } else { chan::rand_below(nc) };
            let j = *cand.add(k) as usize;
            nc -= 1;
            *cand.add(k) = *cand.add(nc);
            let e = &mut *a.add(j);
            if chan::try_one::<HOOKED>(e.c, e.op == CHANSND, e.v as *mut u8) {
                e.err = core::ptr::null();
                return Fast::Done(j as i32);
            }
        }
        Fast::NotReady { n: i, noblock: (*a.add(i)).op == CHANNOBLK }
    }
}

/// chanalt with an optional absolute deadline (nsecmono; 0 = none). On timeout the
/// index of the terminating entry is returned.
pub fn alt(a: *mut Alt, deadline: u64, call: &str) -> i32 {
    if a.is_null() {
        report::misuse(call, "nil Alt array");
    }
    if sched::in_note() {
        report::misuse(call, "called from a note (signal) handler (notifychan delivers notes on a channel)");
    }
    if crate::arch::hooks() != 0 {
        return alt_hooked(a, deadline, call);
    }
    // SAFETY: the program passes an Alt array terminated by CHANEND/CHANNOBLK.
    unsafe {
        match fast_path::<false>(a) {
            Fast::Done(i) => i,
            Fast::NotReady { n, noblock } => slow(a, n, noblock, true, deadline, call),
            Fast::Unknown => unknown(a, deadline, call),
        }
    }
}

/// alt with a sanitizer or trace hook loaded.
#[cold]
#[inline(never)]
fn alt_hooked(a: *mut Alt, deadline: u64, call: &str) -> i32 {
    // SAFETY: as in alt.
    unsafe {
        if crate::base::flags::tracing() {
            trace_call(a, call);
        }
        match fast_path::<true>(a) {
            Fast::Done(i) => i,
            Fast::NotReady { n, noblock } => slow(a, n, noblock, true, deadline, call),
            Fast::Unknown => unknown(a, deadline, call),
        }
    }
}

/// The fast path could not decide: validate the whole array, then the locked path.
///
/// # Safety
/// As for `slow`.
#[inline(never)]
unsafe fn unknown(a: *mut Alt, deadline: u64, call: &str) -> i32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let (n, noblock) = count(a, call);
        slow(a, n, noblock, false, deadline, call)
    }
}

/// Sets up `general`'s scratch arrays: on the stack for up to INLINE entries.
///
/// # Safety
/// `a` is the program's Alt array with `n` entries before its terminator; `live`
/// says every channel it names was just seen live.
#[inline(never)]
unsafe fn slow(a: *mut Alt, n: usize, noblock: bool, live: bool, deadline: u64, call: &str) -> i32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let al = core::slice::from_raw_parts_mut(a, n);
        let o = Opts { noblock, live, deadline, call };
        if n <= INLINE {
            let mut chans = MaybeUninit::<[*mut Channel; INLINE]>::uninit();
            let mut cases = MaybeUninit::<[u32; INLINE]>::uninit();
            let mut ready = MaybeUninit::<[u32; INLINE]>::uninit();
            let mut ws = MaybeUninit::<[Waiter; INLINE]>::uninit();
            general(
                al,
                &o,
                chans.as_mut_ptr() as _,
                cases.as_mut_ptr() as _,
                ready.as_mut_ptr() as _,
                ws.as_mut_ptr() as _,
            )
        } else {
            // Written through raw pointers only (no element has drop glue).
            let mut chans: Vec<*mut Channel> = Vec::with_capacity(n);
            let mut cases: Vec<u32> = Vec::with_capacity(n);
            let mut ready: Vec<u32> = Vec::with_capacity(n);
            let mut ws: Vec<Waiter> = Vec::with_capacity(n);
            general(al, &o, chans.as_mut_ptr(), cases.as_mut_ptr(), ready.as_mut_ptr(), ws.as_mut_ptr())
        }
    }
}

/// Fills `chans` with the distinct channels of `cases`, sorted by address (insertion:
/// the arrays are short); returns how many.
///
/// # Safety
/// `chans` has room for `cases.len()` elements; the cases index `al`.
unsafe fn sorted_channels(al: &[Alt], cases: &[u32], chans: *mut *mut Channel) -> usize {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let mut nch = 0;
        for &i in cases {
            let c = al[i as usize].c;
            let mut j = nch;
            while j > 0 && *chans.add(j - 1) > c {
                j -= 1;
            }
            if j > 0 && *chans.add(j - 1) == c {
                continue;
            }
            let mut k = nch;
            while k > j {
                *chans.add(k) = *chans.add(k - 1);
                k -= 1;
            }
            *chans.add(j) = c;
            nch += 1;
        }
        nch
    }
}

struct Opts<'a> {
    noblock: bool,
    /// Every channel named was seen live by the fast path: no need to check again.
    live: bool,
    deadline: u64,
    call: &'a str,
}

/// The locked path: decide under all the channels' locks, complete a ready case or
/// queue a waiter per open case and park.
///
/// # Safety
/// `al` is the program's Alt array without its terminator; `chans`, `cases`, `ready`
/// and `ws` are (uninitialized) room for `al.len()` elements each; the waiters stay
/// in place until this returns.
unsafe fn general(
    al: &mut [Alt],
    o: &Opts,
    chans: *mut *mut Channel,
    cases: *mut u32,
    ready: *mut u32,
    ws: *mut Waiter,
) -> i32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        // The usable cases (send/receive on a live channel; nil channels are skipped,
        // bad ones reported), their channels locked on the way with try_lock: never
        // waiting while holding a lock, any order is deadlock-free. A lock held elsewhere
        // (or a channel named twice) falls back to releasing them and locking the
        // distinct channels in address order, waiting as needed: two alts over
        // overlapping channels then lock in the same order.
        let (mut ncase, mut nch) = (0, 0);
        let mut all = true;
        for (i, e) in al.iter().enumerate() {
            if (e.op != CHANSND && e.op != CHANRCV) || e.c.is_null() || !(o.live || chan::check(e.c, o.call)) {
                continue;
            }
            if e.op == CHANRCV && !chan::kinds::is_plain(e.c) && chan::kinds::refuses_recv(e.c) {
                // Never ready, and nothing would ever complete a queued waiter.
                report::complain(o.call, &format!("entry {i} receives on a channel that cannot be received from"));
                continue;
            }
            *cases.add(ncase) = i as u32;
            ncase += 1;
            if all {
                if (*chan::ext(e.c)).lock.try_lock() {
                    *chans.add(nch) = e.c;
                    nch += 1;
                } else {
                    all = false;
                }
            }
        }
        let keep = cases;
        let cases = core::slice::from_raw_parts(cases, ncase);
        if !all {
            for k in (0..nch).rev() {
                (*chan::ext(*chans.add(k))).lock.unlock();
            }
            nch = sorted_channels(al, cases, chans);
            for k in 0..nch {
                (*chan::ext(*chans.add(k))).lock.lock();
            }
        }
        let chans = core::slice::from_raw_parts(chans, nch);
        let unlock = || {
            for &c in chans.iter().rev() {
                (*chan::ext(c)).lock.unlock();
            }
        };
        // One pass: the ready cases, and a waiter (not yet queued) for each open one.
        // Our own waiters are not queued yet, so a send and a receive on the same
        // channel in one alt never look ready for each other.
        // A case whose channel is found freed now, under its lock, was freed by another
        // proc since it was checked (a misuse race): it is reported and dropped.
        let t = sched::current();
        let (mut nr, mut nw) = (0, 0);
        let mut nkeep = 0;
        for k in 0..cases.len() {
            // Filtered in place: read through the same raw pointer as written.
            let i = *keep.add(k);
            let e = &al[i as usize];
            if (*chan::ext(e.c)).locked_state() & chan::ST_FREED != 0 {
                chan::freed_race(e.c, o.call);
                continue;
            }
            *keep.add(nkeep) = i;
            nkeep += 1;
            if chan::maybe_ready(e.c, e.op == CHANSND) {
                *ready.add(nr) = i;
                nr += 1;
            }
            if !(*chan::ext(e.c)).locked_closed() {
                ws.add(nw).write(Waiter::new(t, i, e.v as *mut u8));
                nw += 1;
            }
        }
        let cases = core::slice::from_raw_parts(keep, nkeep);
        // Ready cases, tried in random order until one completes (a waiter seen live may
        // be claimed through another channel meanwhile).
        while nr > 0 {
            let k = if nr == 1 { 0 } else { chan::rand_below(nr) };
            let i = *ready.add(k) as usize;
            nr -= 1;
            *ready.add(k) = *ready.add(nr);
            let e = &mut al[i];
            if e.op == CHANSND && !chan::kinds::is_plain(e.c) && chan::kinds::sends_now(e.c) {
                // Completes in our context, with no channel lock held.
                unlock();
                chan::complete_now(e.c, e.v as *mut u8);
                e.err = core::ptr::null();
                return i as i32;
            }
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
        if o.noblock {
            unlock();
            return -1;
        }
        if nw == 0 {
            // Report closed entries one by one, the last first (9front), then -1.
            let mut closed_any = false;
            for &i in cases.iter().rev() {
                let e = &mut al[i as usize];
                if (*chan::ext(e.c)).locked_closed() {
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
            report::misuse(o.call, "would block outside a thread9 thread");
        }
        sched::arm_locked(t);
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
            // The program's Alt array (its terminator ends it), for the thread dump.
            (Wait::Alt, al.as_mut_ptr() as *mut Channel)
        };
        let code = sched::park(kind, wc as *mut c_void, o.deadline);
        // The claimed waiter was unlinked by its completer, which is done with it once we
        // run. Each other one is left through chan::leave, which takes its channel's
        // lock only while the waiter is still queued (a completer dropping it as stale
        // clears `linked` as its last access to it).
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
                crate::runtime::errstr::set(b"interrupted");
                -1
            }
        }
    }
}
