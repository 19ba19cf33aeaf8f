//! Fault injection for tests (documented in thread(3), ENVIRONMENT):
//! THREAD9_FAIL_PROC=N makes the N-th proccreate fail as if the OS refused a thread.
//! (THREAD9_FAIL_STACK=N, in stack.rs, fails the N-th stack allocation.)

use core::sync::atomic::{AtomicUsize, Ordering};

static PROCS: AtomicUsize = AtomicUsize::new(0);
static FAIL_AT: AtomicUsize = AtomicUsize::new(usize::MAX);

pub fn fail_proc() -> bool {
    let mut at = FAIL_AT.load(Ordering::Relaxed);
    if at == usize::MAX {
        at = std::env::var("THREAD9_FAIL_PROC").ok().and_then(|s| s.parse().ok()).unwrap_or(0);
        FAIL_AT.store(at, Ordering::Relaxed);
    }
    at != 0 && PROCS.fetch_add(1, Ordering::Relaxed) + 1 == at
}
