//! The library's interrupt signal: sent to an OS thread (a proc's, or an ioproc's)
//! so that the system call it is blocked in fails with EINTR (threadint,
//! iointerrupt).

use core::ffi::c_int;
use core::ptr::null_mut;
use std::sync::Once;

static SIG_ONCE: Once = Once::new();
static mut INTR_SIG: c_int = 0;

extern "C" fn intr_handler(_: c_int) {
    // Empty: its only job is to make a blocked system call return EINTR.
}

/// The library's interrupt signal (SIGRTMIN+3, or $THREAD9_INTRSIG), its handler
/// installed (without SA_RESTART) on first use.
pub fn intr_signal() -> c_int {
    SIG_ONCE.call_once(|| {
        // SAFETY: sigaction with an initialised structure; INTR_SIG is written once here.
        unsafe {
            let mut sig = libc::SIGRTMIN() + 3;
            if let Some(n) = std::env::var("THREAD9_INTRSIG").ok().and_then(|s| s.parse::<c_int>().ok()) {
                if n >= libc::SIGRTMIN() && n <= libc::SIGRTMAX() {
                    sig = n;
                }
            }
            let mut sa: libc::sigaction = core::mem::zeroed();
            sa.sa_sigaction = intr_handler as *const () as usize;
            sa.sa_flags = 0; // no SA_RESTART: the interrupted call must fail
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(sig, &sa, null_mut());
            INTR_SIG = sig;
        }
    });
    // SAFETY: written once before call_once returned.
    unsafe { INTR_SIG }
}

/// Sends the interrupt signal to an OS thread (a proc's or an ioproc's).
pub fn kill_os_thread(th: libc::pthread_t) {
    let sig = intr_signal();
    // SAFETY: th is a live proc OS thread (procs unregister before their thread ends).
    unsafe { libc::pthread_kill(th, sig) };
}

