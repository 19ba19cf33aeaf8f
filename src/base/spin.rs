//! A tiny test-and-test-and-set lock for channel and registry critical sections.
//! Sections are a few dozen instructions, so acquiring is one `xchg` and releasing
//! a plain store; a holder preempted by the OS makes waiters yield, not burn a slice.

use core::sync::atomic::{AtomicU32, Ordering};

#[repr(transparent)]
pub struct SpinLock(AtomicU32);

impl SpinLock {
    pub const fn new() -> Self {
        SpinLock(AtomicU32::new(0))
    }

    #[inline]
    pub fn lock(&self) {
        if self.0.swap(1, Ordering::Acquire) != 0 {
            self.lock_slow();
        }
        crate::san::tsan::acquire(self);
    }

    #[cold]
    fn lock_slow(&self) {
        let mut spins = 0u32;
        loop {
            while self.0.load(Ordering::Relaxed) != 0 {
                if spins < 64 {
                    core::hint::spin_loop();
                    spins += 1;
                } else {
                    // SAFETY: sched_yield has no preconditions.
                    unsafe { libc::sched_yield() };
                }
            }
            if self.0.swap(1, Ordering::Acquire) == 0 {
                return;
            }
        }
    }

    #[inline]
    pub fn try_lock(&self) -> bool {
        let got = self.0.load(Ordering::Relaxed) == 0 && self.0.swap(1, Ordering::Acquire) == 0;
        if got {
            crate::san::tsan::acquire(self);
        }
        got
    }

    /// lock() for callers that know no TSan runs (arch::hooks() is zero).
    #[inline(always)]
    pub fn lock_nohooks(&self) {
        if self.0.swap(1, Ordering::Acquire) != 0 {
            self.lock_slow();
        }
    }

    /// unlock() for callers that know no TSan runs.
    #[inline(always)]
    pub fn unlock_nohooks(&self) {
        self.0.store(0, Ordering::Release);
    }

    #[inline]
    pub fn unlock(&self) {
        crate::san::tsan::release(self);
        self.0.store(0, Ordering::Release);
    }
}

impl Default for SpinLock {
    fn default() -> Self {
        Self::new()
    }
}
