//! AddressSanitizer support for stack switches (the forwarders are in src/c/sanitizer.c).
//!
//! ASan must be told about every switch between the scheduler's stack and a
//! coroutine's, or it reports false stack-buffer errors and leaves stale poison on
//! reused stacks. corosensei can do this itself, but unconditionally (four calls per
//! round trip, ~9% of a same-proc hand-off); here each hook is one predictable branch
//! on a flag the shim's constructor sets when an ASan runtime is loaded (arch::hooks).

use core::ffi::c_void;
use core::ptr::null_mut;

extern "C" {
    fn __sanitizer_start_switch_fiber(fake: *mut *mut c_void, bottom: *const c_void, size: usize);
    fn __sanitizer_finish_switch_fiber(fake: *mut c_void, bottom_old: *mut *const c_void, size_old: *mut usize);
    fn __asan_unpoison_memory_region(p: *const c_void, n: usize);
}

#[inline(always)]
pub fn on() -> bool {
    crate::arch::hooks() & crate::arch::HOOK_ASAN != 0
}

/// The scheduler is about to resume a coroutine on `[lo, lo+size)`; returns what
/// `resumed_back` needs.
#[inline(always)]
pub fn to_thread(lo: usize, size: usize) -> *mut c_void {
    let mut fake = null_mut();
    if on() {
        // SAFETY: ASan's fiber API; the bounds are the coroutine's whole stack.
        unsafe { __sanitizer_start_switch_fiber(&mut fake, lo as *const c_void, size) };
    }
    fake
}

/// Back on the scheduler's stack after a resume returned.
#[inline(always)]
pub fn back_in_scheduler(fake: *mut c_void) {
    if on() {
        // SAFETY: completes the switch begun by to_thread on this stack.
        unsafe { __sanitizer_finish_switch_fiber(fake, core::ptr::null_mut(), core::ptr::null_mut()) };
    }
}

/// A coroutine is about to switch to its proc's scheduler, whose stack is
/// `[bottom, bottom+size)` (recorded by in_thread); `dying` when it will never be
/// resumed (its fake stack can go).
///
/// # Safety
/// `bottom`/`size` are what in_thread recorded for this proc's scheduler stack.
#[inline(always)]
pub unsafe fn to_scheduler(bottom: *const c_void, size: usize, dying: bool) -> *mut c_void {
    let mut fake = null_mut();
    if on() {
        let save = if dying { null_mut() } else { &mut fake as *mut *mut c_void };
        // SAFETY: ASan's fiber API with the scheduler stack's bounds.
        unsafe { __sanitizer_start_switch_fiber(save, bottom, size) };
    }
    fake
}

/// Running on a coroutine's stack again (after its first entry, `fake` is null):
/// records the scheduler's stack bounds for the way back in `*bottom`/`*size`.
///
/// # Safety
/// `bottom` and `size` are valid for writes (the proc's fields for them).
#[inline(always)]
pub unsafe fn in_thread(bottom: *mut *const c_void, size: *mut usize, fake: *mut c_void) {
    if on() {
        // SAFETY: completes the switch begun on the other stack; the out-pointers
        // are valid (the caller's contract).
        unsafe { __sanitizer_finish_switch_fiber(fake, bottom, size) };
    }
}

/// A stack is handed back: clear whatever poison its frames left.
#[inline]
pub fn unpoison(lo: usize, size: usize) {
    if on() {
        // SAFETY: the range is a whole stack we own and nobody runs on.
        unsafe { __asan_unpoison_memory_region(lo as *const c_void, size) };
    }
}
