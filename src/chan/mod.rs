//! Channels: plan9port's 64-byte `Channel` with the buffer inline after it, plus a
//! private header in front (magic, lock, close/free state). One lock per channel.
//!
//! Blocked senders and receivers are `Waiter` nodes on their own stacks, linked into
//! the channel's send or receive queue (FIFO, O(1) removal). A completer claims a
//! waiter's thread with one CAS on its `sel` word, copies the element directly
//! between the two threads' buffers and makes the thread runnable.

pub mod alt;
pub mod kinds;

use crate::base::report;
use crate::base::spin::SpinLock;
use crate::runtime::sched;
use crate::runtime::thread::*;
use core::ffi::{c_char, c_void};
use core::ptr::null_mut;
use core::sync::atomic::{AtomicBool, AtomicPtr, AtomicU32, AtomicU64, AtomicUsize, Ordering};

/// The C layout of include/thread9/thread.h (ctests/abi_layout checks it). The fields
/// read without the lock (alt's fast path, the spin before a park) are atomics, of the
/// same size and alignment as the C integers and pointers: relaxed loads outside the
/// lock, relaxed stores under it (the lock orders everything else).
#[repr(C)]
pub struct Channel {
    pub bufsize: u32,
    pub elemsize: u32,
    pub buf: *mut u8,
    pub nbuf: AtomicU32,
    pub off: u32,
    pub sendq: Queue, // plan9port's asend (_Altarray, 16 bytes)
    pub recvq: Queue, // plan9port's arecv
    pub name: *mut c_char,
}

#[repr(C)]
pub struct Queue {
    /// Read without the lock as a hint (peek_ready); written under it.
    pub head: AtomicPtr<Waiter>,
    pub tail: *mut Waiter,
}

#[repr(C)]
pub struct Ext {
    /// The magic (low half: LIVE while the channel exists) and the state word (high
    /// half: closed (ST_CLOSED), freed (ST_FREED) and the channel's kind (kinds.rs,
    /// `<< ST_KIND`)), so that a fast path checks "a live, open, plain channel" with
    /// one load and one compare against LIVE. Changed under the lock, read without it
    /// (a stale pointer reads DEAD or garbage, never writes).
    word: AtomicU64,
    pub lock: SpinLock,
    pad: u32,
}

const ST_CLOSED: u32 = 1;
pub const ST_FREED: u32 = 1 << 8;
const ST_KIND: u32 = 16;

impl Ext {
    #[inline(always)]
    fn magic(&self) -> u32 {
        self.word.load(Ordering::Relaxed) as u32
    }
    #[inline(always)]
    pub fn state(&self) -> u32 {
        (self.word.load(Ordering::Relaxed) >> 32) as u32
    }
    /// Sets state bits (under the lock, or before the channel is shared).
    #[inline(always)]
    fn set_state(&self, bits: u32) {
        self.word.fetch_or((bits as u64) << 32, Ordering::Relaxed);
    }
    #[inline(always)]
    pub fn closed(&self) -> bool {
        self.state() & ST_CLOSED != 0
    }
    #[inline(always)]
    pub fn freed(&self) -> bool {
        self.state() & ST_FREED != 0
    }
    /// The channel's kind (kinds.rs): PLAIN (0) for every channel the program makes.
    #[inline(always)]
    pub fn kind(&self) -> u8 {
        (self.state() >> ST_KIND) as u8
    }
    /// The state word read by a holder of the lock: a plain load, which the compiler
    /// may fold into a test (every store to it happens under the lock).
    ///
    /// # Safety
    /// The channel's lock is held.
    #[inline(always)]
    pub unsafe fn locked_state(&self) -> u32 {
        // SAFETY: the lock is held, so no store to the word can race with this read
        // (concurrent lock-free loads are reads too).
        unsafe { (*self.word.as_ptr() >> 32) as u32 }
    }
    /// closed, read under the lock.
    ///
    /// # Safety
    /// The channel's lock is held.
    #[inline(always)]
    pub unsafe fn locked_closed(&self) -> bool {
        // SAFETY: the caller's contract.
        unsafe { self.locked_state() & ST_CLOSED != 0 }
    }
}

impl Channel {
    /// nbuf read by a holder of the lock (see Ext::locked_state).
    ///
    /// # Safety
    /// The channel's lock is held.
    #[inline(always)]
    unsafe fn locked_nbuf(&self) -> u32 {
        // SAFETY: the lock is held: every store to nbuf happens under it.
        unsafe { *self.nbuf.as_ptr() }
    }
}

const LIVE: u32 = 0x6863_3964; // "d9ch"
const DEAD: u32 = 0xdead_c4a7;
const EXT: usize = core::mem::size_of::<Ext>();
const _: () = assert!(core::mem::size_of::<Channel>() == 64 && EXT == 16);

pub struct Waiter {
    pub next: *mut Waiter,
    pub prev: *mut Waiter,
    pub t: *mut Thread,
    pub idx: u32,
    pub v: *mut u8,
    /// In its queue. Cleared (release) by whoever unlinks it as the last access to
    /// it, so that its owner, seeing it clear (acquire), may leave without taking the
    /// channel's lock and reuse the memory at once (see `leave`).
    pub linked: AtomicBool,
}

impl Waiter {
    pub fn new(t: *mut Thread, idx: u32, v: *mut u8) -> Self {
        Waiter { next: null_mut(), prev: null_mut(), t, idx, v, linked: AtomicBool::new(false) }
    }
}

/// Names a channel for messages and dumps: its chansetname name, else its address.
/// The name is copied under the channel's lock (chansetname frees the old one); when
/// the lock stays busy (a dump may interrupt its holder) the address is used.
pub fn name_of(c: *mut Channel) -> String {
    if c.is_null() {
        return "nil".into();
    }
    // SAFETY: c is (or was, for a misuse message) a channel: its header is readable
    // (destroyed channels stay readable for a while: see bury); the name is read and
    // copied only under the lock, which chansetname and destroy take to change it.
    unsafe {
        let e = ext(c);
        for _ in 0..1000 {
            if (*e).magic() != LIVE {
                break;
            }
            if (*e).lock.try_lock() {
                let n = (*c).name;
                let s = if n.is_null() { None } else { Some(crate::base::report::cstr(n as *const u8)) };
                (*e).lock.unlock();
                return match s {
                    Some(s) => format!("\"{s}\""),
                    None => format!("{:p}", c),
                };
            }
            core::hint::spin_loop();
        }
        format!("{:p}", c)
    }
}

/// 9front's Alt.err value for an entry whose channel was closed.
pub static CLOSED_STR: &[u8] = b"channel was closed\0";

#[inline]
pub fn ext(c: *mut Channel) -> *mut Ext {
    (c as *mut u8).wrapping_sub(EXT) as *mut Ext
}

impl Queue {
    /// # Safety
    /// The channel lock is held; `w` is not linked.
    #[inline]
    pub unsafe fn push(&mut self, w: *mut Waiter) {
        // SAFETY: the caller upholds this function's contract (its # Safety section).
        unsafe {
            (*w).next = null_mut();
            (*w).prev = self.tail;
            if self.tail.is_null() {
                self.head.store(w, Ordering::Relaxed);
            } else {
                (*self.tail).next = w;
            }
            self.tail = w;
            (*w).linked.store(true, Ordering::Relaxed);
        }
    }

    /// # Safety
    /// The channel lock is held; `w` is linked in this queue.
    #[inline]
    pub unsafe fn unlink(&mut self, w: *mut Waiter) {
        // SAFETY: the caller upholds this function's contract (its # Safety section).
        unsafe {
            if (*w).prev.is_null() {
                self.head.store((*w).next, Ordering::Relaxed);
            } else {
                (*(*w).prev).next = (*w).next;
            }
            if (*w).next.is_null() {
                self.tail = (*w).prev;
            } else {
                (*(*w).next).prev = (*w).prev;
            }
            (*w).linked.store(false, Ordering::Release);
        }
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.head.load(Ordering::Relaxed).is_null()
    }

    /// Claims the first waiter whose thread is still waiting, with `code | idx`;
    /// stale waiters (their thread was claimed through another channel) are dropped.
    /// The claimed waiter is unlinked and returned; the caller copies, then readies.
    ///
    /// # Safety
    /// The channel lock is held.
    #[inline]
    pub unsafe fn claim(&mut self, code: u32) -> *mut Waiter {
        // SAFETY: the caller upholds this function's contract (its # Safety section).
        unsafe {
            loop {
                // A plain load: the lock is held (stores happen only under it).
                let w = *self.head.as_ptr();
                if w.is_null() {
                    return w;
                }
                // Unlink the head. Everything needed from it is read first: once `linked`
                // is clear, a stale waiter's owner may already have reused its memory.
                let (next, t, idx) = ((*w).next, (*w).t, (*w).idx);
                self.head.store(next, Ordering::Relaxed);
                if next.is_null() {
                    self.tail = null_mut();
                } else {
                    (*next).prev = null_mut();
                }
                // A waiter whose thread was claimed elsewhere (an alt's other cases) is
                // seen stale by a plain load: no locked instruction for it.
                let won = sched::claim(t, code | idx);
                // A claimed waiter's owner stays parked until readied (after the copy);
                // a stale one's may be leaving right now.
                (*w).linked.store(false, Ordering::Release);
                if won {
                    return w;
                }
            }
        }
    }

    /// Whether some waiter's thread is still waiting (a hint: it may be claimed
    /// elsewhere before we get to it).
    ///
    /// # Safety
    /// The channel lock is held.
    #[inline]
    pub unsafe fn has_live(&self) -> bool {
        // SAFETY: the caller upholds this function's contract (its # Safety section).
        unsafe {
            let mut w = *self.head.as_ptr();
            while !w.is_null() {
                if sched::is_armed((*w).t) {
                    return true;
                }
                w = (*w).next;
            }
            false
        }
    }
}

/// Copies one element; a nil destination discards, a nil source sends zeros.
///
/// # Safety
/// `dst` is null or writable for `n` bytes, `src` null or readable for `n` bytes, and
/// the two do not overlap.
#[inline]
unsafe fn copy(dst: *mut u8, src: *const u8, n: usize) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if dst.is_null() || n == 0 {
            return;
        }
        if n == 8 && !src.is_null() {
            // The common case (pointers, ulongs): no memcpy call.
            core::ptr::write_unaligned(dst as *mut u64, core::ptr::read_unaligned(src as *const u64));
            return;
        }
        if src.is_null() {
            core::ptr::write_bytes(dst, 0, n);
        } else {
            core::ptr::copy_nonoverlapping(src, dst, n);
        }
    }
}

/// Whether `c` is a live channel (best effort: a pointer from chancreate has its
/// header right before it), without reporting anything.
#[inline(always)]
pub fn is_live(c: *mut Channel) -> bool {
    !c.is_null() && {
        // SAFETY: reads the header chancreate put before the channel (a stale pointer
        // reads a DEAD or foreign magic, never writes).
        let w = unsafe { (*ext(c)).word.load(Ordering::Relaxed) };
        w as u32 == LIVE && (w >> 32) as u32 & ST_FREED == 0
    }
}

/// Checks that `c` is a live channel; reports misuse naming `call` otherwise.
#[inline(always)]
pub fn check(c: *mut Channel, call: &str) -> bool {
    is_live(c) || bad_channel(c, call)
}

#[cold]
#[inline(never)]
fn bad_channel(c: *mut Channel, call: &str) -> bool {
    if c.is_null() {
        report::complain(call, "nil channel");
        crate::runtime::errstr::set(b"nil channel");
        return false;
    }
    // SAFETY: as in check.
    let m = unsafe { (*ext(c)).magic() };
    // SAFETY: best effort on memory that may have been freed.
    let dead = m == DEAD || unsafe { looks_freed(ext(c)) };
    if m == LIVE {
        report::complain(call, &format!("channel {} used after chanfree", crate::chan::name_of(c)));
        crate::runtime::errstr::set(b"channel was freed");
    } else if dead {
        report::complain(call, &format!("channel {:p} used after chanfree", c));
        crate::runtime::errstr::set(b"channel was freed");
    } else {
        report::complain(call, &format!("{:p} is not a channel made by chancreate", c));
        crate::runtime::errstr::set(b"bad channel");
    }
    false
}

pub fn create(elemsize: i32, elemcnt: i32) -> *mut Channel {
    if elemsize < 0 || elemcnt < 0 {
        let what = if elemsize < 0 { "negative element size" } else { "negative buffer size" };
        report::complain("chancreate", &format!("{what} ({elemsize}, {elemcnt})"));
        crate::runtime::errstr::set(format!("chancreate: {what}").as_bytes());
        return null_mut();
    }
    let Some(bytes) = (elemsize as usize).checked_mul(elemcnt as usize).filter(|&b| b < (1 << 40)) else {
        report::complain("chancreate", "buffer too large");
        crate::runtime::errstr::set(b"chancreate: buffer too large");
        return null_mut();
    };
    // A large buffer is a block of its own, given back at chanfree: the header block
    // (quarantined, see bury) then stays small, and never one malloc maps and unmaps.
    let inline = bytes <= INLINE_BUF;
    // SAFETY: fresh allocations, large enough for header, channel and buffer.
    unsafe {
        let m = libc::malloc(EXT + 64 + if inline { bytes } else { 0 }) as *mut u8;
        let buf = if inline || m.is_null() { null_mut() } else { libc::malloc(bytes) as *mut u8 };
        if m.is_null() || (!inline && buf.is_null()) {
            libc::free(m as *mut c_void);
            report::complain("chancreate", "out of memory");
            crate::runtime::errstr::set(b"chancreate: out of memory");
            return null_mut();
        }
        core::ptr::write_bytes(m, 0, EXT + 64);
        let e = m as *mut Ext;
        (*e).word.store(LIVE as u64, Ordering::Relaxed);
        let c = m.add(EXT) as *mut Channel;
        (*c).bufsize = elemcnt as u32;
        (*c).elemsize = elemsize as u32;
        (*c).buf = if inline { c.add(1) as *mut u8 } else { buf };
        c
    }
}

/// Left in `sendq.head` of a channel block given back to malloc (when it leaves the
/// quarantine). malloc reuses the first 16 bytes of a freed block (glibc's tcache/bin
/// links, 32 for large chunks) — exactly where `magic` lives — so DEAD alone is gone
/// by the time a late use-after-free reads it; block offset 40 survives until the
/// memory is handed out again.
const DEAD_Q: usize = 0xdead_c4a7_dead_0001;

/// Whether the channel whose header is `e` looks destroyed by chanfree (best effort).
///
/// # Safety
/// `e` points into memory that was (or is) a channel block.
unsafe fn looks_freed(e: *mut Ext) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let c = (e as *mut u8).add(EXT) as *mut Channel;
        (*c).sendq.head.load(Ordering::Relaxed) as usize == DEAD_Q
    }
}

/// Buffers up to this size live in the channel's block; larger ones apart.
const INLINE_BUF: usize = 4096;

/// Destroyed channels whose blocks are not yet given back to malloc: a proc that
/// read a channel's header just before chanfree (a misuse race) then still finds a
/// dead channel there, closed, empty and unlocked, and reports it, instead of taking
/// a lock in reused memory (spinning on malloc's bookkeeping) or faulting. Best
/// effort: a block is freed once QUARANTINE later channels have been destroyed.
const QUARANTINE: usize = 256;
static QRING: [AtomicPtr<Ext>; QUARANTINE] = [const { AtomicPtr::new(null_mut()) }; QUARANTINE];
static QNEXT: AtomicUsize = AtomicUsize::new(0);

/// Marks `c` destroyed: dead magic, closed and freed, nothing buffered. Whoever
/// takes the lock after this sees a closed channel (every operation fails and goes
/// the checked way, which reports the misuse); its name goes at once.
///
/// # Safety
/// `c`'s lock is held and its queues are empty; chanfree (or the last waiter
/// leaving after it) calls this exactly once, then `destroy` after unlocking.
unsafe fn bury(c: *mut Channel) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let e = ext(c);
        let st = (*e).locked_state() | ST_CLOSED | ST_FREED;
        (*e).word.store(DEAD as u64 | (st as u64) << 32, Ordering::Relaxed);
        (*c).nbuf.store(0, Ordering::Relaxed);
        core::mem::replace(&mut (*c).name, null_mut())
    }
}

/// Frees what a buried channel owned and quarantines its block.
///
/// # Safety
/// `c` was buried (`name` is what bury returned) and its lock released since.
unsafe fn destroy(c: *mut Channel, name: *mut c_char) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        libc::free(name as *mut c_void);
        let buf = (*c).buf;
        if buf != c.add(1) as *mut u8 {
            (*c).buf = null_mut();
            libc::free(buf as *mut c_void);
        }
        let i = QNEXT.fetch_add(1, Ordering::Relaxed) % QUARANTINE;
        let old = QRING[i].swap(ext(c), Ordering::AcqRel);
        if !old.is_null() {
            let oc = (old as *mut u8).add(EXT) as *mut Channel;
            (*oc).sendq.head.store(DEAD_Q as *mut Waiter, Ordering::Relaxed);
            libc::free(old as *mut c_void);
        }
    }
}

/// Gives a fresh channel its kind (kinds.rs).
///
/// # Safety
/// `c` is a live channel nobody else uses yet.
pub unsafe fn set_kind(c: *mut Channel, kind: u8) {
    // SAFETY: the caller's contract.
    unsafe { (*ext(c)).set_state((kind as u32) << ST_KIND) };
}

pub fn free(c: *mut Channel) {
    if c.is_null() {
        return;
    }
    // SAFETY: validated below before use.
    unsafe {
        let m = (*ext(c)).magic();
        if m != LIVE || (*ext(c)).freed() {
            report::complain("chanfree", &format!("channel {:p} freed twice (or not a channel)", c));
            return;
        }
        // Whatever would still send on a channel of a special kind is cancelled
        // first (an unfired fdchan/timerchan source).
        if let Some(f) = kinds::of(c).and_then(|k| k.free) {
            f(c);
        }
        let e = ext(c);
        (*e).lock.lock();
        if (*e).magic() != LIVE || (*e).freed() {
            // Freed meanwhile by another proc.
            (*e).lock.unlock();
            report::complain("chanfree", &format!("channel {:p} freed twice", c));
            return;
        }
        if (*c).sendq.is_empty() && (*c).recvq.is_empty() {
            let name = bury(c);
            (*e).lock.unlock();
            destroy(c, name);
        } else {
            // Threads are blocked on it: free when the last one leaves (9front).
            (*e).set_state(ST_FREED);
            (*e).lock.unlock();
        }
    }
}

pub fn setname(c: *mut Channel, name: *mut c_char) {
    if !check(c, "chansetname") {
        // SAFETY: name came from vsmprint (malloc).
        unsafe { libc::free(name as *mut c_void) };
        return;
    }
    // SAFETY: live channel; the old name was malloc'd by us.
    unsafe {
        let e = ext(c);
        (*e).lock.lock();
        if (*e).magic() != LIVE {
            (*e).lock.unlock();
            libc::free(name as *mut c_void);
            freed_race(c, "chansetname");
            return;
        }
        let old = (*c).name;
        (*c).name = name;
        (*e).lock.unlock();
        libc::free(old as *mut c_void);
    }
}

pub fn close(c: *mut Channel) -> i32 {
    if !check(c, "chanclose") {
        return -1;
    }
    // SAFETY: live channel, under its lock.
    unsafe {
        let e = ext(c);
        (*e).lock.lock();
        if (*e).closed() {
            (*e).lock.unlock();
            return -1;
        }
        (*e).set_state(ST_CLOSED);
        let mut woken: Vec<*mut Thread> = Vec::new();
        loop {
            let w = (*c).sendq.claim(SEL_DONE | SEL_CLOSED);
            if w.is_null() {
                break;
            }
            woken.push((*w).t);
        }
        if (*c).locked_nbuf() == 0 {
            loop {
                let w = (*c).recvq.claim(SEL_DONE | SEL_CLOSED);
                if w.is_null() {
                    break;
                }
                woken.push((*w).t);
            }
        }
        (*e).lock.unlock();
        for t in woken {
            sched::ready(t);
        }
    }
    0
}

pub fn closing(c: *mut Channel) -> i32 {
    if !check(c, "chanclosing") {
        return -1;
    }
    // SAFETY: live channel.
    unsafe {
        if (*ext(c)).closed() {
            (*c).nbuf.load(Ordering::Relaxed) as i32
        } else {
            -1
        }
    }
}

pub enum Try {
    Done,
    Block,
    Closed,
}

/// One send attempt with the lock held. On success a claimed receiver is returned
/// through `wake` for the caller to ready after unlocking.
///
/// # Safety
/// The channel's lock is held; `v` is null (send zeros) or readable for one element.
#[inline]
pub unsafe fn try_send(c: *mut Channel, v: *const u8, wake: &mut *mut Thread) -> Try {
    // SAFETY: the caller holds `c`'s lock (this function's contract), so its header is
    // stable, and the size passed is the channel's own element size, as try_send_n needs.
    unsafe { try_send_n(c, v, wake, (*c).elemsize as usize) }
}

/// try_send with the element size `n` given (a constant for the word-sized calls).
///
/// # Safety
/// As for try_send; `n` is the channel's element size.
#[inline(always)]
unsafe fn try_send_n(c: *mut Channel, v: *const u8, wake: &mut *mut Thread, n: usize) -> Try {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if (*ext(c)).locked_closed() {
            return Try::Closed;
        }
        let nbuf = (*c).locked_nbuf();
        if nbuf == 0 {
            let w = (*c).recvq.claim(SEL_DONE);
            if !w.is_null() {
                copy((*w).v, v, n);
                *wake = (*w).t;
                return Try::Done;
            }
        }
        if nbuf < (*c).bufsize {
            let i = wrap((*c).off + nbuf, (*c).bufsize);
            copy((*c).buf.add(i as usize * n), v, n);
            (*c).nbuf.store(nbuf + 1, Ordering::Relaxed);
            return Try::Done;
        }
        Try::Block
    }
}

/// `i mod size` for `i < 2 * size`: a compare instead of a division (~20 cycles).
#[inline(always)]
fn wrap(i: u32, size: u32) -> u32 {
    if i >= size {
        i - size
    } else {
        i
    }
}

/// One receive attempt with the lock held (see try_send).
///
/// # Safety
/// The channel's lock is held; `v` is null (discard) or writable for one element.
#[inline]
pub unsafe fn try_recv(c: *mut Channel, v: *mut u8, wake: &mut *mut Thread) -> Try {
    // SAFETY: the caller holds `c`'s lock (this function's contract), so its header is
    // stable, and the size passed is the channel's own element size, as try_recv_n needs.
    unsafe { try_recv_n(c, v, wake, (*c).elemsize as usize) }
}

/// try_recv with the element size `n` given (see try_send_n).
///
/// # Safety
/// As for try_recv; `n` is the channel's element size.
#[inline(always)]
unsafe fn try_recv_n(c: *mut Channel, v: *mut u8, wake: &mut *mut Thread, n: usize) -> Try {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let nbuf = (*c).locked_nbuf();
        if nbuf > 0 {
            let i = (*c).off;
            copy(v, (*c).buf.add(i as usize * n), n);
            (*c).off = wrap(i + 1, (*c).bufsize);
            (*c).nbuf.store(nbuf - 1, Ordering::Relaxed);
            // A sender blocked on the full buffer moves its value in.
            if !(*ext(c)).locked_closed() {
                let w = (*c).sendq.claim(SEL_DONE);
                if !w.is_null() {
                    let j = wrap((*c).off + nbuf - 1, (*c).bufsize);
                    copy((*c).buf.add(j as usize * n), (*w).v, n);
                    (*c).nbuf.store(nbuf, Ordering::Relaxed);
                    *wake = (*w).t;
                }
            }
            return Try::Done;
        }
        let w = (*c).sendq.claim(SEL_DONE);
        if !w.is_null() {
            copy(v, (*w).v, n);
            *wake = (*w).t;
            return Try::Done;
        }
        if (*ext(c)).locked_closed() {
            return Try::Closed;
        }
        Try::Block
    }
}

/// Whether a case might be ready now (closed channels never are, except a receive
/// with data left).
///
/// # Safety
/// The channel's lock is held.
#[inline]
pub unsafe fn maybe_ready(c: *mut Channel, send: bool) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let st = (*ext(c)).locked_state();
        if st >> ST_KIND != kinds::PLAIN as u32 {
            return kind_ready(c, send);
        }
        let nbuf = (*c).locked_nbuf();
        if send {
            st & ST_CLOSED == 0 && (nbuf < (*c).bufsize || (nbuf == 0 && (*c).recvq.has_live()))
        } else {
            nbuf > 0 || (*c).sendq.has_live()
        }
    }
}

/// Readiness of a case on a channel of a special kind: a send-now channel is always
/// ready for a send; one that refuses receives is never ready for one; otherwise as
/// a plain channel.
///
/// # Safety
/// `c` is a live channel.
#[cold]
unsafe fn kind_ready(c: *mut Channel, send: bool) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if send && kinds::sends_now(c) {
            return !(*ext(c)).closed();
        }
        if !send && kinds::refuses_recv(c) {
            return false;
        }
        // Otherwise (a SOURCE) the plain rule.
        peek_ready(c, send)
    }
}

/// Completes a send on a send-now channel (no lock held: it may free the channel).
/// A failure has been reported by the kind (and errstr set): the case is consumed
/// all the same, as plan9port's send on a channel nobody will read.
///
/// # Safety
/// `c` is a live send-now channel; `v` points at an element.
pub unsafe fn complete_now(c: *mut Channel, v: *mut u8) -> i32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        match kinds::of(c).and_then(|k| k.send_now) {
            Some(f) => f(c, v),
            None => -1,
        }
    }
}

/// Whether `c` is a live, open channel of no special kind: what alt's fast path
/// handles itself (anything else goes the locked path, which knows closed channels
/// and channel kinds). One load of the header's word: magic and state.
///
/// # Safety
/// `c` is non-null and points at memory that is (or was) a channel.
#[inline(always)]
pub unsafe fn is_plain_open(c: *mut Channel) -> bool {
    // SAFETY: reads the header chancreate put before the channel (a stale pointer
    // reads a wrong magic, never writes); LIVE with a zero state is an open plain channel.
    unsafe {
        let e = ext(c);
        (*e).word.load(Ordering::Relaxed) == LIVE as u64
    }
}

/// A lock-free hint that a case is ready, for alt's fast path and the spin before a
/// park. It may be wrong either way (the answer is re-checked under the lock); it
/// never dereferences anything but the channel itself.
///
/// # Safety
/// `c` is a live channel whose kind has no send-now or receive rule of its own
/// (plain, or a SOURCE: the callers handle the others before).
#[inline]
pub unsafe fn peek_ready(c: *mut Channel, send: bool) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let nbuf = (*c).nbuf.load(Ordering::Relaxed);
        if send {
            !(*ext(c)).closed() && (nbuf < (*c).bufsize || (nbuf == 0 && !(*c).recvq.is_empty()))
        } else {
            nbuf > 0 || !(*c).sendq.is_empty()
        }
    }
}

/// Tries one case under that channel's lock only. True when it completed.
///
/// # Safety
/// `c` is a live channel that passed is_plain_open; `v` as for try_send/try_recv;
/// `HOOKED` unless arch::hooks() is zero.
#[inline(always)]
pub unsafe fn try_one<const HOOKED: bool>(c: *mut Channel, send: bool, v: *mut u8) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { matches!(attempt::<HOOKED>(c, send, v, (*c).elemsize as usize, false), Attempt::Done) }
}

/// Unlinks a woken thread's leftover waiter; frees a deferred-free channel once empty.
///
/// # Safety
/// `w` was linked into `c`'s queue for direction `send` by the calling thread.
pub unsafe fn leave(c: *mut Channel, w: *mut Waiter, send: bool) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        // Already dropped by a completer (as stale): it is done with the waiter and the
        // channel owes us nothing. A channel freed meanwhile was destroyed by chanfree
        // itself (its queues were empty) or is left to a waiter still queued.
        if !(*w).linked.load(Ordering::Acquire) {
            return;
        }
        let e = ext(c);
        (*e).lock.lock();
        if (*w).linked.load(Ordering::Relaxed) {
            if send {
                (*c).sendq.unlink(w);
            } else {
                (*c).recvq.unlink(w);
            }
        }
        let gone = (*e).freed() && (*c).sendq.is_empty() && (*c).recvq.is_empty();
        let name = if gone { bury(c) } else { null_mut() };
        (*e).lock.unlock();
        if gone {
            destroy(c, name);
        }
    }
}

static NB_RNG: AtomicU64 = AtomicU64::new(0x853c_49e6_748f_ea9b);

/// A uniform random number in [0, n) from the proc's generator (deterministic per run).
pub fn rand_below(n: usize) -> usize {
    let p = sched::myproc();
    let x = if p.is_null() {
        let mut x = NB_RNG.load(Ordering::Relaxed);
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        NB_RNG.store(x, Ordering::Relaxed);
        x
    } else {
        // SAFETY: our own proc's generator.
        unsafe {
            let mut x = (*p).rng;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (*p).rng = x;
            x
        }
    };
    (((x >> 32) * n as u64) >> 32) as usize
}

/// A single blocking or non-blocking send/receive. Returns 1 done, -1 closed /
/// interrupted / would block (non-blocking).
#[inline(always)]
pub fn op1(c: *mut Channel, send: bool, v: *mut u8, block: bool, call: &str) -> i32 {
    op1_fast(c, send, v, block, call)
}

/// Whether `c` may take the fast paths: a live channel that is open and not bound
/// (one word: closed, freed, bound), with word-sized elements when `word`, a caller
/// that is no note handler, no sanitizer or tracing hooks. A stale pointer reads a
/// wrong magic (never writes) and goes the general way, which reports it.
///
/// # Safety
/// `c` is null or points at memory that is (or was) a channel.
#[inline(always)]
unsafe fn fast_ok(c: *mut Channel, word: bool) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let e = ext(c);
        !(c.is_null()
            || (*e).word.load(Ordering::Relaxed) != LIVE as u64
            || (word && (*c).elemsize as usize != core::mem::size_of::<usize>())
            || (crate::arch::hooks() | sched::in_note() as i32) != 0)
    }
}

/// sendp/sendul (and the nb forms): 1 sent, -1 not. Each blocking or unusual case
/// continues in a separate function called in tail position, so that the return to
/// the program after a switch is a single (mispredicted) return, not one per frame.
#[inline(always)]
pub fn send_word(c: *mut Channel, v: usize, block: bool, call: &str) -> i32 {
    // SAFETY: fast_ok vouches for the channel; the lock guards its state.
    unsafe {
        if !fast_ok(c, true) {
            return send_word_general(c, v, block, call);
        }
        match attempt::<false>(c, true, &v as *const usize as *mut u8, core::mem::size_of::<usize>(), block) {
            Attempt::Done => 1,
            Attempt::Park => send_word_park(c, v, call),
            Attempt::Other => send_word_general(c, v, block, call),
        }
    }
}

/// recvp/recvul (and the nb forms): the word received, 0 when none was.
#[inline(always)]
pub fn recv_word(c: *mut Channel, block: bool, call: &str) -> usize {
    // SAFETY: as in send_word.
    unsafe {
        if !fast_ok(c, true) {
            return recv_word_general(c, block, call);
        }
        let mut x = 0usize;
        match attempt::<false>(c, false, &mut x as *mut usize as *mut u8, core::mem::size_of::<usize>(), block) {
            Attempt::Done => x,
            Attempt::Park => recv_word_park(c, call),
            Attempt::Other => recv_word_general(c, block, call),
        }
    }
}

/// How a fast-path attempt ended.
enum Attempt {
    /// Completed; the lock is released and the partner readied.
    Done,
    /// An unbuffered channel with no partner and a blocking call: the lock is still
    /// held, for the caller to queue on (park_on).
    Park,
    /// Anything else (would block without blocking, buffered and full or empty,
    /// closed): the lock is released and the general path starts over.
    Other,
}

/// The one lock/try/unlock/ready attempt, shared by the fast paths (op1_fast,
/// send_word, recv_word, with `HOOKED` false: they run only when no sanitizer or
/// trace hook is loaded) and alt's single-channel tries (`HOOKED` when a hook is).
/// `n` is the channel's element size.
///
/// # Safety
/// `c` is a live channel (and passed fast_ok, or alt's is_plain_open with no hook
/// loaded, unless `HOOKED`); `v` holds (or
/// receives) `n` bytes.
#[inline(always)]
unsafe fn attempt<const HOOKED: bool>(c: *mut Channel, send: bool, v: *mut u8, n: usize, block: bool) -> Attempt {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let e = ext(c);
        let mut wake: *mut Thread = null_mut();
        if HOOKED {
            (*e).lock.lock();
        } else {
            (*e).lock.lock_nohooks();
        }
        let r = if send { try_send_n(c, v, &mut wake, n) } else { try_recv_n(c, v, &mut wake, n) };
        let unlock = || {
            if HOOKED {
                (*e).lock.unlock();
            } else {
                (*e).lock.unlock_nohooks();
            }
        };
        match r {
            Try::Done => {
                unlock();
                if !wake.is_null() {
                    if HOOKED {
                        sched::ready(wake);
                    } else {
                        sched::ready_nohooks(wake);
                    }
                }
                Attempt::Done
            }
            Try::Block if block && (*c).bufsize == 0 => Attempt::Park,
            _ => {
                unlock();
                Attempt::Other
            }
        }
    }
}

/// # Safety
/// As for park_on.
#[inline(never)]
unsafe fn send_word_park(c: *mut Channel, v: usize, call: &str) -> i32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let mut x = v;
        park_on(c, true, &mut x as *mut usize as *mut u8, call)
    }
}

/// # Safety
/// As for park_on.
#[inline(never)]
unsafe fn recv_word_park(c: *mut Channel, call: &str) -> usize {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let mut x = 0usize;
        if park_on(c, false, &mut x as *mut usize as *mut u8, call) == 1 {
            x
        } else {
            0
        }
    }
}

#[cold]
#[inline(never)]
fn send_word_general(c: *mut Channel, v: usize, block: bool, call: &str) -> i32 {
    let mut x = v;
    op1_word_checked(c, true, &mut x as *mut usize as *mut u8, block, call)
}

#[cold]
#[inline(never)]
fn recv_word_general(c: *mut Channel, block: bool, call: &str) -> usize {
    let mut x = 0usize;
    if op1_word_checked(c, false, &mut x as *mut usize as *mut u8, block, call) == 1 {
        x
    } else {
        0
    }
}

/// The common case, inlined into each entry point: a live channel that is open and
/// not bound, a caller that is no note handler, tracing off. It completes at once or
/// queues on an unbuffered channel; everything else (errors, closed channels,
/// buffered channels that would block and may spin first) takes the general path,
/// which starts over.
#[inline(always)]
fn op1_fast(c: *mut Channel, send: bool, v: *mut u8, block: bool, call: &str) -> i32 {
    // SAFETY: fast_ok vouches for the channel; the lock guards its state.
    unsafe {
        if !fast_ok(c, false) {
            return op1_any(c, send, v, block, call);
        }
        match attempt::<false>(c, send, v, (*c).elemsize as usize, block) {
            Attempt::Done => 1,
            Attempt::Park => park_on(c, send, v, call),
            Attempt::Other => op1_checked(c, send, v, block, call),
        }
    }
}

/// Queues the running thread on `c` (whose lock is held) and parks it until a
/// partner completes the operation, the channel closes, or the thread is interrupted.
///
/// # Safety
/// `c`'s lock is held; it is released here.
#[inline(always)]
unsafe fn park_on(c: *mut Channel, send: bool, v: *mut u8, call: &str) -> i32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let e = ext(c);
        let t = sched::current();
        if t.is_null() {
            (*e).lock.unlock();
            report::misuse(call, "would block outside a thread9 thread");
        }
        let mut w = Waiter::new(t, 0, v);
        sched::arm_locked(t);
        if send {
            (*c).sendq.push(&mut w);
        } else {
            (*c).recvq.push(&mut w);
        }
        (*e).lock.unlock();
        let code = sched::park_nodeadline(t, if send { Wait::Send } else { Wait::Recv }, c as *mut c_void);
        if code & SEL_DONE == 0 {
            // Interrupted or killed: we are still queued (the completer unlinks the
            // waiter it claims).
            leave(c, &mut w, send);
        }
        if (*t).killed.load(Ordering::Relaxed) {
            sched::check_killed();
        }
        if code & SEL_DONE != 0 {
            if code & SEL_CLOSED != 0 {
                crate::runtime::errstr::set(b"channel was closed");
                return -1;
            }
            return 1;
        }
        crate::runtime::errstr::set(b"interrupted");
        -1
    }
}

#[cold]
#[inline(never)]
fn op1_any(c: *mut Channel, send: bool, v: *mut u8, block: bool, call: &str) -> i32 {
    if !check(c, call) {
        return -1;
    }
    // SAFETY: live channel (checked above).
    if let Some(k) = unsafe { kinds::of(c) } {
        if !send && !k.recv {
            report::complain(call, &format!("receive on a {} channel", k.name));
            crate::runtime::errstr::set(format!("receive on a {} channel", k.name).as_bytes());
            return -1;
        }
        if let (true, Some(f)) = (send, k.send_now) {
            return f(c, v);
        }
    }
    op1_checked(c, send, v, block, call)
}

fn op1_word_checked(c: *mut Channel, send: bool, v: *mut u8, block: bool, call: &str) -> i32 {
    if !check(c, call) {
        return -1;
    }
    // SAFETY: live channel.
    let n = unsafe { (*c).elemsize } as usize;
    // As plan9port: the word calls move `elemsize` bytes of the word, so any element
    // of at most a word works (the low bytes are sent, a narrower element is
    // zero-extended on receive: the caller's word starts out 0). A wider one would
    // read or write past the word.
    if n > core::mem::size_of::<usize>() {
        return bad_size(c, n as u32, call);
    }
    // On a big-endian machine the low bytes are the last ones.
    #[cfg(target_endian = "big")]
    // SAFETY: n <= the word's size, so v + (word - n) is inside the word.
    let v = unsafe { v.add(core::mem::size_of::<usize>() - n) };
    op1_any(c, send, v, block, call)
}

#[cold]
#[inline(never)]
fn bad_size(c: *mut Channel, n: u32, call: &str) -> i32 {
    report::complain(
        call,
        &format!(
            "channel {} has {n}-byte elements, wider than a {}-byte word",
            crate::chan::name_of(c),
            core::mem::size_of::<usize>()
        ),
    );
    crate::runtime::errstr::set(b"element wider than a word");
    -1
}

#[inline(never)]
fn op1_checked(c: *mut Channel, send: bool, v: *mut u8, block: bool, call: &str) -> i32 {
    if sched::in_note() {
        report::misuse(call, "called from a note (signal) handler (notifychan delivers notes on a channel)");
    }
    if crate::base::flags::tracing() {
        let t = sched::current();
        // SAFETY: t is the running thread, if any.
        let id = if t.is_null() { -1 } else { unsafe { (*t).id } };
        crate::runtime::sched::trace(&format!("thread {id} {call} on channel {}", crate::chan::name_of(c)));
    }
    // SAFETY: live channel; the waiter lives on this stack until we leave the queue.
    unsafe {
        let e = ext(c);
        let mut wake: *mut Thread = null_mut();
        let mut spun = false;
        let r = loop {
            (*e).lock.lock();
            let r = if send { try_send(c, v, &mut wake) } else { try_recv(c, v, &mut wake) };
            if !matches!(r, Try::Block) || !block || spun {
                break r;
            }
            // About to park with nothing else to run here: the partner is in another
            // proc. Poll briefly first (buffered channels only, below); a park plus a cross-proc wake costs far more
            // than the few hundred ns the partner usually needs (buffered streams
            // across procs otherwise park on every item).
            // Only on buffered channels: on an unbuffered one the partner completes
            // only against a queued waiter, so two spinning partners would just wait
            // each other out.
            spun = true;
            let budget = if (*c).bufsize > 0 { sched::chan_spin_budget() } else { 0 };
            if budget == 0 {
                break r;
            }
            (*e).lock.unlock();
            let answered = sched::spin_until(budget, || peek_ready(c, send));
            sched::spin_answered(sched::myproc(), answered);
        };
        match r {
            Try::Done => {
                (*e).lock.unlock();
                if !wake.is_null() {
                    sched::ready(wake);
                }
                return 1;
            }
            Try::Closed => {
                (*e).lock.unlock();
                if (*e).freed() {
                    // Freed (by another proc) since the check above.
                    return freed_race(c, call);
                }
                crate::runtime::errstr::set(b"channel was closed");
                return -1;
            }
            Try::Block if !block => {
                (*e).lock.unlock();
                return -1;
            }
            Try::Block => {}
        }
        park_on(c, send, v, call)
    }
}

/// A channel found freed under its lock, after it was checked live: a chanfree in
/// another proc raced with this call. Reports it as check would.
#[cold]
#[inline(never)]
pub fn freed_race(c: *mut Channel, call: &str) -> i32 {
    report::complain(call, &format!("channel {:p} used after chanfree", c));
    crate::runtime::errstr::set(b"channel was freed");
    -1
}

/// Registers the channel layer's upcalls (its channel names for trace lines).
pub fn install() {
    crate::runtime::upcall::set_chan_name(|c| name_of(c as *mut Channel));
}
