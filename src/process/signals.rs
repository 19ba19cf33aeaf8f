//! Signal plumbing: stack-overflow reports (SIGSEGV on a per-OS-thread sigaltstack),
//! the SIGQUIT thread dump (served by a sigwait thread, so the dump may allocate),
//! and the dispositions every threaded program gets (SIGPIPE, SIGTSTP discarded).

use crate::runtime::sched;
use crate::runtime::stack::PAGE;
use core::ffi::c_void;
use core::mem::zeroed;

use core::ffi::{c_int, CStr};

/// Plan 9 note names of Unix signals (plan9port's table).
pub static NAMES: &[(c_int, &CStr)] = &[
    (libc::SIGHUP, c"hangup"),
    (libc::SIGINT, c"interrupt"),
    (libc::SIGQUIT, c"quit"),
    (libc::SIGILL, c"sys: illegal instruction"),
    (libc::SIGTRAP, c"sys: breakpoint"),
    (libc::SIGABRT, c"sys: abort"),
    (libc::SIGFPE, c"sys: fp: trap"),
    (libc::SIGKILL, c"sys: kill"),
    (libc::SIGBUS, c"sys: bus error"),
    (libc::SIGSEGV, c"sys: segmentation violation"),
    (libc::SIGALRM, c"alarm"),
    (libc::SIGTERM, c"kill"),
    (libc::SIGURG, c"sys: urgent condition on socket"),
    (libc::SIGSTOP, c"sys: stop"),
    (libc::SIGTSTP, c"sys: tstp"),
    (libc::SIGCONT, c"sys: cont"),
    (libc::SIGCHLD, c"sys: child"),
    (libc::SIGTTIN, c"sys: ttin"),
    (libc::SIGTTOU, c"sys: ttou"),
    (libc::SIGIO, c"sys: i/o possible on fd"),
    (libc::SIGXCPU, c"sys: cpu time limit exceeded"),
    (libc::SIGXFSZ, c"sys: file size limit exceeded"),
    (libc::SIGVTALRM, c"sys: virtual time alarm"),
    (libc::SIGPROF, c"sys: profiling timer alarm"),
    (libc::SIGWINCH, c"sys: window size change"),
    (libc::SIGUSR1, c"sys: usr1"),
    (libc::SIGUSR2, c"sys: usr2"),
    (libc::SIGPIPE, c"sys: write on closed pipe"),
];

/// The note name of `sig` ("sys: signal N" for signals without one).
pub fn sig_name(sig: c_int) -> String {
    match NAMES.iter().find(|(s, _)| *s == sig) {
        Some((_, n)) => n.to_string_lossy().into_owned(),
        None => format!("sys: signal {sig}"),
    }
}

/// The signal whose note name is `name`; 0 if none.
pub fn note_sig(name: &[u8]) -> c_int {
    NAMES.iter().find(|(_, n)| n.to_bytes() == name).map(|(s, _)| *s).unwrap_or(0)
}

extern "C" {
    /// src/c/lib9.c: the do-nothing handler of SIGPIPE and SIGTSTP.
    fn thread9_c_sigdiscard(sig: core::ffi::c_int);
}

/// Process-wide set-up, once, on the main OS thread before any proc starts.
pub fn install() {
    // SAFETY: plain sigaction/pthread calls with initialised structures.
    unsafe {
        let mut sa: libc::sigaction = zeroed();
        sa.sa_sigaction = segv as *const () as usize;
        sa.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK | libc::SA_NODEFER;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(libc::SIGSEGV, &sa, core::ptr::null_mut());
        libc::sigaction(libc::SIGBUS, &sa, core::ptr::null_mut());
        // SIGPIPE and SIGTSTP do nothing, as in plan9port, where libthread's start-up
        // notify gives them handlers: a handler (not SIG_IGN), so exec restores the
        // default for the next program; a disposition inherited as SIG_IGN stays.
        let mut sd: libc::sigaction = zeroed();
        sd.sa_sigaction = thread9_c_sigdiscard as *const () as usize;
        sd.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut sd.sa_mask);
        for sig in [libc::SIGPIPE, libc::SIGTSTP] {
            let mut old: libc::sigaction = zeroed();
            if libc::sigaction(sig, core::ptr::null(), &mut old) == 0 && old.sa_sigaction == libc::SIG_DFL {
                libc::sigaction(sig, &sd, core::ptr::null_mut());
            }
        }
        // SIGQUIT goes to the dump thread: block it here (inherited by every proc).
        let mut set: libc::sigset_t = zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGQUIT);
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, core::ptr::null_mut());
        let mut th: libc::pthread_t = 0;
        let mut attr: libc::pthread_attr_t = zeroed();
        libc::pthread_attr_init(&mut attr);
        libc::pthread_attr_setstacksize(&mut attr, 256 * 1024);
        libc::pthread_attr_setdetachstate(&mut attr, libc::PTHREAD_CREATE_DETACHED);
        if libc::pthread_create(&mut th, &attr, quit_thread, core::ptr::null_mut()) == 0 {
            libc::pthread_setname_np(th, c"thread9 sigquit".as_ptr());
        }
        libc::pthread_attr_destroy(&mut attr);
    }
}

extern "C" fn quit_thread(_: *mut c_void) -> *mut c_void {
    // The library's own: the deadlock census does not count it as a possible waker.
    sched::helper_thread(true);
    // SAFETY: sigwait on a set we built.
    unsafe {
        let mut set: libc::sigset_t = zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGQUIT);
        loop {
            let mut sig = 0;
            if libc::sigwait(&set, &mut sig) == 0 && sig == libc::SIGQUIT {
                crate::runtime::upcall::dump();
            }
        }
    }
}

extern "C" fn segv(sig: i32, si: *mut libc::siginfo_t, uc: *mut c_void) {
    // SAFETY: kernel-provided siginfo/ucontext; we only read them.
    unsafe {
        let t = sched::current();
        if !t.is_null() {
            let addr = (*si).si_addr() as usize;
            let lo = (*t).stack_lo;
            let uc = uc as *mut libc::ucontext_t;
            let sp = (*uc).uc_mcontext.gregs[libc::REG_RSP as usize] as usize;
            let in_guard = addr + PAGE >= lo && addr < lo + 64;
            let sp_below = sp < lo + 256 && sp + (64 << 20) > lo;
            if in_guard || (sp_below && addr < lo + 4 * PAGE) {
                crate::runtime::stack::overflow_report(t);
            }
        }
        // Not ours: default action on return (the fault repeats and dumps core).
        libc::signal(sig, libc::SIG_DFL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        assert_eq!(sig_name(libc::SIGTERM), "kill");
        assert_eq!(sig_name(libc::SIGPIPE), "sys: write on closed pipe");
        assert_eq!(note_sig(b"interrupt"), libc::SIGINT);
        assert_eq!(note_sig(b"sys: child"), libc::SIGCHLD);
        assert_eq!(note_sig(b"nonsense"), 0);
        assert_eq!(sig_name(libc::SIGRTMIN() + 1), format!("sys: signal {}", libc::SIGRTMIN() + 1));
    }
}
