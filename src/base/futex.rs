//! futex(2) wait/wake on a 32-bit word, the primitive under proc sleeping.

use core::sync::atomic::AtomicU32;

/// Sleeps while `*word == val`, at most until the absolute CLOCK_MONOTONIC `deadline_ns`
/// (0 = no deadline). Spurious returns are allowed; callers re-check.
pub fn wait(word: &AtomicU32, val: u32, deadline_ns: u64) {
    let ts;
    let tsp = if deadline_ns == 0 {
        core::ptr::null()
    } else {
        ts = libc::timespec {
            tv_sec: (deadline_ns / 1_000_000_000) as libc::time_t,
            tv_nsec: (deadline_ns % 1_000_000_000) as libc::c_long,
        };
        &ts as *const libc::timespec
    };
    // SAFETY: `word` is a live AtomicU32; FUTEX_WAIT_BITSET with an absolute monotonic
    // timeout reads only the word and the timespec.
    unsafe {
        libc::syscall(
            libc::SYS_futex,
            word.as_ptr(),
            libc::FUTEX_WAIT_BITSET | libc::FUTEX_PRIVATE_FLAG,
            val,
            tsp,
            core::ptr::null::<u32>(),
            libc::FUTEX_BITSET_MATCH_ANY,
        );
    }
}

/// Wakes up to `n` sleepers on `word`.
pub fn wake(word: &AtomicU32, n: i32) {
    // SAFETY: FUTEX_WAKE only uses the address as a key.
    unsafe {
        libc::syscall(libc::SYS_futex, word.as_ptr(), libc::FUTEX_WAKE | libc::FUTEX_PRIVATE_FLAG, n);
    }
}

/// CLOCK_MONOTONIC in nanoseconds.
pub fn now_ns() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: ts is a valid out-pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

/// Monotonic seconds, ticked about once a second by the SIGQUIT thread
/// (process/signals.rs): a clock that costs a park one load, for the dump's
/// "how long has it waited" (resolution one second).
static COARSE_SECS: core::sync::atomic::AtomicU32 = core::sync::atomic::AtomicU32::new(0);

/// The coarse clock (see COARSE_SECS).
#[inline(always)]
pub fn coarse_secs() -> u32 {
    COARSE_SECS.load(core::sync::atomic::Ordering::Relaxed)
}

/// Monotonic seconds now (exact; for the dump, which compares it with coarse_secs()
/// values).
pub fn now_secs() -> u32 {
    (now_ns() / 1_000_000_000) as u32
}

/// Advances the coarse clock to now.
pub fn tick_coarse() {
    COARSE_SECS.store(now_secs(), core::sync::atomic::Ordering::Relaxed);
}

/// Blocks the calling OS thread for `ms` milliseconds (≤ 0: yields the CPU). One
/// nanosleep: a signal ends it early with -1 and errno EINTR. The one implementation
/// behind lib9's sleep (the whole proc waits, as in Plan 9) and ioproc's iosleep.
pub fn sleep_ms(ms: libc::c_long) -> i32 {
    if ms <= 0 {
        // SAFETY: no preconditions.
        unsafe { libc::sched_yield() };
        return 0;
    }
    let ts = libc::timespec { tv_sec: (ms / 1000) as libc::time_t, tv_nsec: (ms % 1000) * 1_000_000 };
    // SAFETY: ts is valid; the remainder is not wanted.
    unsafe { libc::nanosleep(&ts, core::ptr::null_mut()) }
}
