//! Coroutine stacks, carved from large MAP_NORESERVE slabs.
//!
//! One mmap per stack would cost a VMA each and Linux stops at vm.max_map_count (65530):
//! ~32,750 stacks. Slabs keep the mapping count flat. Each slot is [guard page][stack];
//! the guard is installed with MADV_GUARD_INSTALL (no VMA, Linux >= 6.13), else with
//! mprotect while a budget of VMAs lasts, else not at all; an unguarded stack carries
//! a canary at its lowest word instead, checked whenever its thread switches out.
//! (A guarded stack does not: writing the canary would touch the stack's lowest page
//! and double every idle thread's RSS, 4 KiB -> 8 KiB. Whether a slot is guarded is
//! recorded per slot, since the mode can fall back while guarded slots live on.)
//! Freed stacks are cached per proc (warm, lock-free) and then pooled globally, where
//! their memory is returned with MADV_DONTNEED.

use crate::base::spin::SpinLock;
use core::sync::atomic::{AtomicUsize, Ordering};
use std::cell::UnsafeCell;

pub const PAGE: usize = 4096;
/// Smallest usable stack we hand out, whatever was asked (documented in thread(3)).
pub const MIN_STACK: usize = 64 * 1024;
const NCLASS: usize = 9; // 64 KiB .. 16 MiB
const SLAB: usize = 64 << 20;
const MADV_GUARD_INSTALL: libc::c_int = 102;
pub const CANARY: u64 = 0x2174_6872_6561_6439; // "9daerht!"
const CACHE_PER_CLASS: usize = 256;
/// Bytes at the top of every stack that hold its thread's `Thread` (sched::spawn):
/// the page an idle thread touches anyway, instead of a heap block of its own.
pub const META: usize = (core::mem::size_of::<crate::runtime::thread::Thread>() + 63) & !63;
const _: () = assert!(META <= 512 && core::mem::align_of::<crate::runtime::thread::Thread>() <= 64);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GuardMode {
    Madvise,
    Mprotect,
    Canary,
}

/// A stack region [lo, lo+size); the guard (or canary) page sits just below lo. The
/// coroutine runs on [lo, lo+size-META); the top META bytes are its Thread's.
pub struct Stack {
    pub lo: usize,
    pub size: usize,
    class: u8,
    /// A guard page below `lo` catches overflows (no canary page).
    pub guarded: bool,
}

// SAFETY: base/limit describe a mapped, writable region owned by this Stack.
unsafe impl corosensei::stack::Stack for Stack {
    #[inline]
    fn base(&self) -> corosensei::stack::StackPointer {
        corosensei::stack::StackPointer::new(self.lo + self.size - META).unwrap()
    }
    #[inline]
    fn limit(&self) -> corosensei::stack::StackPointer {
        corosensei::stack::StackPointer::new(self.lo).unwrap()
    }
}

impl Stack {
    /// Whether the canary page is intact (a guarded stack has none to check).
    #[inline]
    pub fn canary_ok(&self) -> bool {
        self.guarded || canary_ok(self.lo)
    }

    /// Where the stack's Thread lives (the top META bytes).
    #[inline]
    pub fn meta(&self) -> usize {
        self.lo + self.size - META
    }
}

/// Whether the canary page below the unguarded stack at `lo` is intact: every one of
/// its 512 words, so any write into the 4 KiB below the stack is seen. One pass of
/// OR-ed XORs over a page, which the compiler vectorises (~700 instructions: the
/// check at thread exit).
#[inline]
pub fn canary_ok(lo: usize) -> bool {
    canary_words_ok(lo - PAGE, PAGE / 8)
}

/// The check at every switch: the canary page's top line (the 64 bytes next to the
/// stack, which every overflow that starts at the stack's bottom writes first) and its
/// bottom line (the 64 bytes a page below the stack): 16 words, ~25 instructions. The
/// whole page costs ~40 times as much, which at every switch would make canary mode
/// several times slower than the other modes.
#[inline]
pub fn canary_edges_ok(lo: usize) -> bool {
    canary_words_ok(lo - 64, 8) && canary_words_ok(lo - PAGE, 8)
}

#[inline(always)]
fn canary_words_ok(from: usize, n: usize) -> bool {
    let w = from as *const u64;
    let mut acc = 0u64;
    for i in 0..n {
        // SAFETY: the words lie in [lo-PAGE, lo), the canary page of an unguarded
        // slot: mapped, readable, owned by the stack's thread.
        acc |= unsafe { w.add(i).read() } ^ CANARY;
    }
    acc == 0
}

/// Fills the canary page below the unguarded stack at `lo`.
fn write_canaries(lo: usize) {
    let w = (lo - PAGE) as *mut u64;
    for i in 0..PAGE / 8 {
        // SAFETY: as in canary_ok; the page is ours and writable (no guard).
        unsafe { w.add(i).write(CANARY) };
    }
}

struct Class {
    lock: SpinLock,
    free: UnsafeCell<Vec<usize>>,
    next: UnsafeCell<usize>,
    end: UnsafeCell<usize>,
}
// SAFETY: every field behind `lock`.
unsafe impl Sync for Class {}

#[allow(clippy::declare_interior_mutable_const)]
const CLASS_INIT: Class = Class {
    lock: SpinLock::new(),
    free: UnsafeCell::new(Vec::new()),
    next: UnsafeCell::new(0),
    end: UnsafeCell::new(0),
};
static CLASSES: [Class; NCLASS] = [CLASS_INIT; NCLASS];
static MODE: AtomicUsize = AtomicUsize::new(usize::MAX);
static MPROTECT_BUDGET: AtomicUsize = AtomicUsize::new(0);
static MAX_MAP: AtomicUsize = AtomicUsize::new(0);
/// Slots made so far (each holds at most one thread at a time): the N of the warning.
static SLOTS: AtomicUsize = AtomicUsize::new(0);
static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static FAIL_AT: AtomicUsize = AtomicUsize::new(0);

/// Per-proc cache of warm stacks, touched only by its proc's OS thread.
#[derive(Default)]
pub struct Cache {
    free: [Vec<usize>; NCLASS],
}

pub fn guard_mode() -> GuardMode {
    match MODE.load(Ordering::Relaxed) {
        0 => GuardMode::Madvise,
        1 => GuardMode::Mprotect,
        2 => GuardMode::Canary,
        _ => {
            init_mode();
            guard_mode()
        }
    }
}

fn init_mode() {
    let forced = std::env::var("THREAD9_STACKGUARD").ok();
    let m = match forced.as_deref() {
        Some("canary") => 2,
        Some("mprotect") => 1,
        _ => {
            // Probe MADV_GUARD_INSTALL on a scratch mapping.
            // SAFETY: a fresh private anonymous mapping, unmapped right after.
            unsafe {
                let p = libc::mmap(
                    core::ptr::null_mut(),
                    2 * PAGE,
                    libc::PROT_READ | libc::PROT_WRITE,
                    libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                    -1,
                    0,
                );
                let ok = p != libc::MAP_FAILED && libc::madvise(p, PAGE, MADV_GUARD_INSTALL) == 0;
                if p != libc::MAP_FAILED {
                    libc::munmap(p, 2 * PAGE);
                }
                if ok {
                    0
                } else {
                    1
                }
            }
        }
    };
    let maxmap = std::fs::read_to_string("/proc/sys/vm/max_map_count")
        .ok()
        .and_then(|s| s.trim().parse::<usize>().ok())
        .unwrap_or(65530);
    MAX_MAP.store(maxmap, Ordering::Relaxed);
    // Each guard splits a mapping in three (two map entries more): a quarter of the
    // map count leaves the program half of it. No cap: raising vm.max_map_count is
    // what the fall-back warning tells users to do.
    MPROTECT_BUDGET.store(maxmap / 4, Ordering::Relaxed);
    if let Some(n) = std::env::var("THREAD9_FAIL_STACK").ok().and_then(|s| s.parse().ok()) {
        FAIL_AT.store(n, Ordering::Relaxed);
    }
    MODE.store(m, Ordering::Relaxed);
}

fn class_of(size: usize) -> Option<usize> {
    (0..NCLASS).find(|&k| size <= MIN_STACK << k)
}

/// The usable size a request for `req` bytes gets.
pub fn rounded(req: usize) -> usize {
    let r = req.max(MIN_STACK);
    match class_of(r) {
        Some(k) => MIN_STACK << k,
        None => (r + PAGE - 1) & !(PAGE - 1),
    }
}

/// Installs the guard page at guard_lo; false if the stack must rely on its canary.
fn install_guard(guard_lo: usize) -> bool {
    match guard_mode() {
        GuardMode::Madvise => {
            // SAFETY: guard_lo is a page inside our slab.
            if unsafe { libc::madvise(guard_lo as *mut _, PAGE, MADV_GUARD_INSTALL) } != 0 {
                MODE.store(1, Ordering::Relaxed);
                return install_guard(guard_lo);
            }
            true
        }
        GuardMode::Mprotect => {
            let took = MPROTECT_BUDGET.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1)).is_ok();
            if !took {
                if MODE.swap(2, Ordering::Relaxed) == 1 {
                    exhausted();
                }
                return false;
            }
            // SAFETY: as above.
            unsafe { libc::mprotect(guard_lo as *mut _, PAGE, libc::PROT_NONE) == 0 }
        }
        GuardMode::Canary => false,
    }
}

/// The one warning of the fall-back from guard pages to canary pages.
#[cold]
fn exhausted() {
    let mut b = Buf { b: [0; 512], n: 0 };
    b.s(b"thread9: guard pages exhausted at ")
        .u(SLOTS.load(Ordering::Relaxed) as u64)
        .s(b" threads (vm.max_map_count=")
        .u(MAX_MAP.load(Ordering::Relaxed) as u64)
        .s(b"); later threads get canary checks: raise vm.max_map_count for full protection\n");
    crate::base::report::ewrite(&b.b[..b.n]);
}

/// Makes the first page of a new mapping inaccessible when slots will not get
/// guards of their own (canary mode, or the mprotect budget spent). In canary mode an
/// overflow of the mapping's lowest stack otherwise runs into whatever the kernel
/// put below it — typically a proc's OS-thread stack, whose scheduler frames it then
/// destroys, so the program died with a bare SIGSEGV in the scheduler before the
/// canary check could report it. One VMA per 64 MiB slab is affordable in any mode.
/// Returns whether it did (the mapping's first slot is then guarded).
fn protect_base(base: usize) -> bool {
    // SAFETY: base is the first page of a mapping we just made; the slot there
    // is a guard page, never handed out as stack.
    guard_mode() != GuardMode::Madvise && unsafe { libc::mprotect(base as *mut _, PAGE, libc::PROT_NONE) } == 0
}

fn map(len: usize) -> Result<usize, i32> {
    // SAFETY: anonymous private mapping; MAP_NORESERVE: RSS is only what threads touch.
    let p = unsafe {
        libc::mmap(
            core::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        Err(std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::ENOMEM))
    } else {
        Ok(p as usize)
    }
}

/// Readies a fresh slot whose guard page is already protected (`based`: the first
/// slot of a mapping, protect_base) or not. Returns whether the slot is guarded; if
/// not, its guard page becomes its canary page. A slot used before needs nothing:
/// guards outlive MADV_DONTNEED (which never covers the canary page), and the canary
/// page was checked intact when its last thread exited.
fn prepare_fresh(lo: usize, size: usize, based: bool) -> bool {
    SLOTS.fetch_add(1, Ordering::Relaxed);
    // Tell valgrind this is a stack; slots live forever, so never deregistered.
    core::mem::forget(corosensei::stack::valgrind::ValgrindStackRegistration::new(lo as *mut u8, size));
    let guarded = based || install_guard(lo - PAGE);
    if !guarded {
        write_canaries(lo);
    }
    guarded
}

/// Free lists hold `lo | GUARDED` (lo is page aligned).
const GUARDED: usize = 1;

/// Allocates a stack of at least `req` bytes. Errors are errno values.
pub fn alloc(cache: Option<&mut Cache>, req: usize) -> Result<Stack, i32> {
    // Reads the environment on the first call, so THREAD9_FAIL_STACK counts from the
    // very first allocation (threadmain's) as documented, not from the second.
    guard_mode();
    let fail_at = FAIL_AT.load(Ordering::Relaxed);
    if fail_at != 0 && ALLOCS.fetch_add(1, Ordering::Relaxed) + 1 == fail_at {
        return Err(libc::ENOMEM);
    }
    let size = rounded(req);
    let Some(k) = class_of(size) else {
        let base = map(size + PAGE)?;
        let based = protect_base(base);
        let guarded = prepare_fresh(base + PAGE, size, based);
        return Ok(Stack { lo: base + PAGE, size, class: u8::MAX, guarded });
    };
    if let Some(c) = cache {
        if let Some(v) = c.free[k].pop() {
            return Ok(Stack { lo: v & !GUARDED, size, class: k as u8, guarded: v & GUARDED != 0 });
        }
    }
    let cl = &CLASSES[k];
    cl.lock.lock();
    // SAFETY: fields of `cl` are only touched under cl.lock.
    // The slot's value, whether it is fresh, and whether its guard page is the
    // mapping's protected first page.
    let r: Result<(usize, bool, bool), i32> = unsafe {
        if let Some(v) = (*cl.free.get()).pop() {
            Ok((v, false, false))
        } else {
            let slot = size + PAGE;
            let mut based = false;
            if *cl.next.get() + slot > *cl.end.get() {
                match map(SLAB.max(slot)) {
                    Ok(b) => {
                        based = protect_base(b);
                        *cl.next.get() = b;
                        *cl.end.get() = b + SLAB.max(slot);
                    }
                    Err(e) => {
                        cl.lock.unlock();
                        return Err(e);
                    }
                }
            }
            let g = *cl.next.get();
            *cl.next.get() = g + slot;
            Ok((g + PAGE, true, based))
        }
    };
    cl.lock.unlock();
    let (v, fresh, based) = r?;
    let lo = v & !GUARDED;
    let guarded = if fresh { prepare_fresh(lo, size, based) } else { v & GUARDED != 0 };
    Ok(Stack { lo, size, class: k as u8, guarded })
}

/// Returns a stack to the proc's cache, or to the global pool (memory released).
/// Inlined into thread exit: the cache push is the common case.
#[inline]
pub fn free(cache: Option<&mut Cache>, s: Stack) {
    if s.class == u8::MAX {
        // SAFETY: a dedicated mapping of size+PAGE made by alloc.
        unsafe { libc::munmap((s.lo - PAGE) as *mut _, s.size + PAGE) };
        return;
    }
    let k = s.class as usize;
    let v = s.lo | if s.guarded { GUARDED } else { 0 };
    if let Some(c) = cache {
        if c.free[k].len() < CACHE_PER_CLASS && crate::base::mem::try_push(&mut c.free[k], v) {
            return;
        }
    }
    release(k, v, s.size);
}

/// `v` is a free-list value (lo | GUARDED).
#[cold]
#[inline(never)]
fn release(k: usize, v: usize, size: usize) {
    let lo = v & !GUARDED;
    // Keep the top page (always touched again at once); give back the rest.
    // SAFETY: [lo, lo+size-PAGE) lies inside our stack; the guard below is untouched.
    unsafe { libc::madvise(lo as *mut _, size - PAGE, libc::MADV_DONTNEED) };
    let cl = &CLASSES[k];
    cl.lock.lock();
    // SAFETY: under cl.lock. Without memory to list the slot it stays unused (its
    // pages were given back above).
    unsafe { crate::base::mem::try_push(&mut *cl.free.get(), v) };
    cl.lock.unlock();
}

/// Hands a dying proc's cached stacks to the global pool.
pub fn drain(cache: &mut Cache) {
    for (k, v) in cache.free.iter_mut().enumerate() {
        for lo in v.drain(..) {
            release(k, lo, MIN_STACK << k);
        }
    }
}

/// Formats into a fixed buffer: no allocation (signal handlers).
struct Buf {
    b: [u8; 512],
    n: usize,
}
impl Buf {
    fn s(&mut self, s: &[u8]) -> &mut Self {
        for &c in s {
            if self.n < self.b.len() {
                self.b[self.n] = c;
                self.n += 1;
            }
        }
        self
    }
    fn u(&mut self, mut v: u64) -> &mut Self {
        let mut d = [0u8; 20];
        let mut i = d.len();
        loop {
            i -= 1;
            d[i] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        self.s(&d[i..])
    }
}

/// `thread9: stack overflow in thread N "name" (stack S bytes)`, then abort.
#[cold]
#[inline(never)]
pub fn overflow_report(t: *mut crate::runtime::thread::Thread) -> ! {
    let mut b = Buf { b: [0; 512], n: 0 };
    // SAFETY: t is the thread that overflowed; its struct lives at the top of its own
    // stack, which an overflow (running downwards, off the bottom) does not reach.
    unsafe {
        b.s(b"thread9: stack overflow in thread ").u((*t).id as u64).s(b" \"");
        let name = (*t).name_str();
        b.s(name).s(b"\" (stack ").u((*t).stack_size as u64).s(b" bytes)\n");
        crate::base::report::ewrite(&b.b[..b.n]);
        libc::signal(libc::SIGABRT, libc::SIG_DFL);
        libc::abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_has_a_floor_and_classes() {
        assert_eq!(rounded(0), MIN_STACK);
        assert_eq!(rounded(8192), MIN_STACK);
        assert_eq!(rounded(MIN_STACK + 1), 2 * MIN_STACK);
        assert_eq!(rounded(100 << 20), 100 << 20);
    }

    #[test]
    fn stacks_are_distinct_writable_and_recycled() {
        let mut c = Cache::default();
        let a = alloc(Some(&mut c), 8192).unwrap();
        let b = alloc(Some(&mut c), 8192).unwrap();
        assert_ne!(a.lo, b.lo);
        assert!(a.canary_ok() && b.canary_ok());
        // SAFETY: writing the top byte of our own stack.
        unsafe { *((a.lo + a.size - 1) as *mut u8) = 1 };
        let lo = a.lo;
        free(Some(&mut c), a);
        let a2 = alloc(Some(&mut c), 8192).unwrap();
        assert_eq!(a2.lo, lo);
        free(Some(&mut c), a2);
        free(Some(&mut c), b);
        drain(&mut c);
    }
}
