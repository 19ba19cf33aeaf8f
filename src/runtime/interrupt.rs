//! The library's interrupt signal: sent to an OS thread (a proc's, or an ioproc's)
//! so that the system call it is blocked in fails with EINTR (threadint,
//! iointerrupt).

use crate::runtime::proc;
use crate::runtime::sched::{myproc, ready, trace};
use crate::runtime::thread::*;
use core::ffi::c_int;
use core::ptr::null_mut;
use core::sync::atomic::Ordering;
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

/// threadint/threadkill (and the group forms): interrupts threads blocked in a
/// channel operation, alt or sleep; a kill also makes them die at their next switch.
///
/// A target that is *running* (its proc's current thread, e.g. blocked in a system
/// call) gets the library's interrupt signal on its proc's OS thread, so the call
/// fails with EINTR (9front semantics); for a thread parked in iocall the ioproc's
/// call is interrupted at once (the thread also does it when it wakes: ioproc.rs).
pub fn interrupt(which: i32, grp: bool, kill: bool) {
    let mut hits: Vec<*mut Thread> = Vec::new();
    let mut running = 0;
    proc::for_each(|p| {
        // SAFETY: registered procs/threads under their locks.
        unsafe {
            proc::for_each_thread(p, |t| {
                let m = if grp { (*t).grp.load(Ordering::Relaxed) == which } else { (*t).id == which };
                if m {
                    if kill {
                        (*t).killed.store(true, Ordering::SeqCst);
                    }
                    // Claim under the registry lock: a claimed thread cannot exit
                    // before we have queued it.
                    if crate::runtime::sched::claim(t, SEL_INTR) {
                        hits.push(t);
                    } else if (*p).cur.load(Ordering::Relaxed) == t && p != myproc() {
                        // Signal it now, under the proc list lock: a registered proc's
                        // OS thread has not ended yet, so its pthread_t is valid.
                        crate::runtime::interrupt::kill_os_thread((*p).pthread);
                        running += 1;
                    }
                }
            })
        }
    });
    if crate::base::flags::tracing() {
        trace(&format!(
            "thread{} {} {}: {} parked, {} running",
            if kill { "kill" } else { "int" },
            if grp { "grp" } else { "id" },
            which,
            hits.len(),
            running
        ));
    }
    for t in hits {
        // SAFETY: claimed above; it stays parked until readied. A thread parked in
        // iocall holds a reference on its Ioproc (`waitchan`) while parked.
        unsafe {
            if (*t).wait() == Wait::Io {
                crate::runtime::upcall::io_interrupt((*t).waitchan(), t);
            }
            ready(t)
        };
    }
}
