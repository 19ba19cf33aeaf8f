//! ThreadSanitizer support (the forwarders are in src/c/sanitizer.c).
//!
//! Each thread9 thread runs as a TSan fiber, created the first time its proc runs it
//! and switched to around every resume, so instrumented C code in different
//! coroutines gets separate shadow stacks and threads of one proc are ordered by
//! the switches. The library's synchronisation is invisible to TSan (uninstrumented
//! Rust atomics), so spin locks and cross-proc wake-ups announce themselves with
//! __tsan_acquire/__tsan_release. Without TSan every hook is one predictable branch.

use core::ffi::c_void;
use std::cell::RefCell;
use std::collections::HashMap;

extern "C" {
    fn thread9_c_tsan_current() -> *mut c_void;
    fn thread9_c_tsan_create() -> *mut c_void;
    fn thread9_c_tsan_destroy(f: *mut c_void);
    fn thread9_c_tsan_switch(f: *mut c_void);
    fn thread9_c_tsan_name(f: *mut c_void, s: *const u8);
    fn thread9_c_tsan_acquire(a: *const c_void);
    fn thread9_c_tsan_release(a: *const c_void);
}

/// One load and a predictable branch per hook when TSan is absent.
#[inline(always)]
pub fn on() -> bool {
    crate::arch::hooks() & crate::arch::HOOK_TSAN != 0
}

thread_local! {
    /// This OS thread's own fiber (its scheduler) and its threads' fibers: threads
    /// never migrate, so a per-OS-thread table needs no lock.
    static FIBERS: RefCell<(usize, HashMap<usize, usize>)> = RefCell::new((0, HashMap::new()));
}

/// Before resuming `t` on this proc.
#[inline]
pub fn enter(key: usize, id: i32) {
    if on() {
        enter_slow(key, id);
    }
}

#[cold]
fn enter_slow(key: usize, id: i32) {
    FIBERS.with(|f| {
        let mut f = f.borrow_mut();
        // SAFETY: TSan is loaded (on() checked); plain fiber API calls.
        unsafe {
            if f.0 == 0 {
                f.0 = thread9_c_tsan_current() as usize;
            }
            let fib = *f.1.entry(key).or_insert_with(|| {
                let fib = thread9_c_tsan_create();
                let name = format!("thread9 thread {}\0", id);
                thread9_c_tsan_name(fib, name.as_ptr());
                fib as usize
            });
            thread9_c_tsan_switch(fib as *mut c_void);
        }
    });
}

/// Back in the scheduler after a resume returned.
#[inline]
pub fn leave() {
    if on() {
        FIBERS.with(|f| {
            // SAFETY: f.0 is this OS thread's fiber, recorded by enter.
            unsafe { thread9_c_tsan_switch(f.borrow().0 as *mut c_void) }
        });
    }
}

/// `t` has ended (called from its proc's scheduler, after leave).
#[inline]
pub fn gone(key: usize) {
    if on() {
        FIBERS.with(|f| {
            if let Some(fib) = f.borrow_mut().1.remove(&key) {
                // SAFETY: a fiber we created and are not running on.
                unsafe { thread9_c_tsan_destroy(fib as *mut c_void) }
            }
        });
    }
}

/// Synchronisation the library does with atomics: everything before `release(a)`
/// happens before everything after a later `acquire(a)`.
#[inline]
pub fn acquire<T>(a: *const T) {
    if on() {
        // SAFETY: TSan is loaded; the address is only a key.
        unsafe { thread9_c_tsan_acquire(a as *const c_void) }
    }
}

#[inline]
pub fn release<T>(a: *const T) {
    if on() {
        // SAFETY: as above.
        unsafe { thread9_c_tsan_release(a as *const c_void) }
    }
}
