//! Signal plumbing: stack-overflow reports (SIGSEGV on a per-OS-thread sigaltstack),
//! the SIGQUIT thread dump (served by a sigwait thread started lazily, so the dump may allocate),
//! and the dispositions every threaded program gets (SIGPIPE, SIGTSTP discarded).

use crate::runtime::sched;
use crate::runtime::stack::PAGE;
use core::ffi::c_void;
use core::mem::zeroed;

use core::ffi::{c_int, CStr};
use core::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

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
    /// src/c/lib9.c: `_exit(1)`, what a note nobody handles does in plan9port.
    pub fn thread9_c_sigexit(sig: core::ffi::c_int);
}

/// The signals that end a program with exit status 1 (not by the signal) when it has no
/// note handler, as in plan9port, whose libthread start-up installs lib9's note
/// handlers. The faults (ILL, TRAP, FPE, BUS, SYS) keep their default action, so a
/// crash still dumps core; QUIT is the thread dump's.
pub const EXIT_SIGS: [c_int; 9] = [
    libc::SIGHUP,
    libc::SIGINT,
    libc::SIGALRM,
    libc::SIGTERM,
    libc::SIGXCPU,
    libc::SIGXFSZ,
    libc::SIGVTALRM,
    libc::SIGUSR1,
    libc::SIGUSR2,
];

/// Process-wide set-up, once, on the main OS thread before any proc starts.
pub fn install() {
    // SAFETY: plain sigaction/pthread calls with initialised structures.
    unsafe {
        let mut sa: libc::sigaction = zeroed();
        sa.sa_sigaction = segv as *const () as usize;
        sa.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK | libc::SA_NODEFER;
        libc::sigemptyset(&mut sa.sa_mask);
        // SIGSEGV and SIGBUS always (stack overflows), chaining to a handler the program
        // had installed before; the other crash signals only where the program left the
        // default. Under a sanitizer, whose runtime has its own handlers, only the
        // overflow check is added (it chains to them).
        let san = crate::san::asan::on() || crate::san::tsan::on();
        for (i, &sig) in CRASH_SIGS.iter().enumerate() {
            let mut old: libc::sigaction = zeroed();
            libc::sigaction(sig, core::ptr::null(), &mut old);
            let dfl = old.sa_sigaction == libc::SIG_DFL;
            if sig == libc::SIGSEGV || sig == libc::SIGBUS {
                if !dfl && old.sa_sigaction != libc::SIG_IGN {
                    OLD.0.get().cast::<libc::sigaction>().add(i).write(old);
                    OLD_SET.fetch_or(1 << i, core::sync::atomic::Ordering::Relaxed);
                }
                libc::sigaction(sig, &sa, core::ptr::null_mut());
            } else if dfl && !san {
                libc::sigaction(sig, &sa, core::ptr::null_mut());
            }
        }
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
        crate::base::futex::tick_coarse();
        // A note no handler takes: _exit(1), as plan9port (EXIT_SIGS); an inherited
        // SIG_IGN (nohup) or a handler set before start-up stays.
        sd.sa_sigaction = thread9_c_sigexit as *const () as usize;
        sd.sa_flags = 0;
        for sig in EXIT_SIGS {
            let mut old: libc::sigaction = zeroed();
            if libc::sigaction(sig, core::ptr::null(), &mut old) == 0 && old.sa_sigaction == libc::SIG_DFL {
                libc::sigaction(sig, &sd, core::ptr::null_mut());
            }
        }
        // SIGQUIT goes to the dump thread: block it here (inherited by every proc). The
        // thread starts lazily (start_quit_thread: at the first proccreate, or once the
        // program has run for QUIT_DELAY_NS), so a short-lived program does not pay for
        // it; a SIGQUIT stays pending until then.
        let mut set: libc::sigset_t = zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGQUIT);
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, core::ptr::null_mut());
        crate::runtime::upcall::set_quit_start(start_quit_thread);
    }
}

static QUIT_ONCE: Once = Once::new();
static QUIT_UP: AtomicBool = AtomicBool::new(false);

/// Starts the dump thread, once; it then serves every SIGQUIT (one that came earlier
/// is pending and served at once).
fn start_quit_thread() {
    if QUIT_UP.load(Ordering::Relaxed) {
        return;
    }
    QUIT_ONCE.call_once(|| {
        // SAFETY: plain pthread calls with initialised structures.
        unsafe {
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
        QUIT_UP.store(true, Ordering::Relaxed);
    });
}

extern "C" fn quit_thread(_: *mut c_void) -> *mut c_void {
    // The library's own: the deadlock census does not count it as a possible waker.
    sched::helper_thread(true);
    // SAFETY: sigwait on a set we built.
    unsafe {
        let mut set: libc::sigset_t = zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGQUIT);
        // Between signals it ticks the coarse clock once a second (a park reads it
        // to time its wait: base::futex::coarse_secs).
        let tick = libc::timespec { tv_sec: 1, tv_nsec: 0 };
        loop {
            crate::base::futex::tick_coarse();
            if libc::sigtimedwait(&set, core::ptr::null_mut(), &tick) == libc::SIGQUIT {
                crate::runtime::upcall::dump();
                // And the LIBTHREAD=trace=FILE timeline so far (a no-op without it).
                crate::runtime::trace::snapshot();
            }
        }
    }
}

/// The signals of a crash report (diag/crash.rs).
const CRASH_SIGS: [c_int; 5] = [libc::SIGSEGV, libc::SIGBUS, libc::SIGILL, libc::SIGFPE, libc::SIGABRT];

/// Handlers of CRASH_SIGS the program had installed before thread9 started (bit i
/// of OLD_SET says OLD[i] is one): a fault that is not a stack overflow goes to them.
struct OldActions(core::cell::UnsafeCell<[libc::sigaction; 5]>);
// SAFETY: written once in install, before any proc starts; read-only afterwards.
unsafe impl Sync for OldActions {}
// SAFETY: an all-zero sigaction is a valid (unused) value.
static OLD: OldActions = OldActions(core::cell::UnsafeCell::new(unsafe { zeroed() }));
static OLD_SET: core::sync::atomic::AtomicU32 = core::sync::atomic::AtomicU32::new(0);

/// The crash report (diag's), called from the fault handler; 0: none.
static CRASH: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(0);

/// Registers the crash report: `f(sig, siginfo, ucontext)` runs in the handler of a
/// crash signal (on the OS thread's alternate stack) before the program dies of it.
pub fn set_crash_report(f: unsafe fn(c_int, *mut libc::siginfo_t, *mut c_void)) {
    CRASH.store(f as usize, core::sync::atomic::Ordering::Release);
}

extern "C" fn segv(sig: i32, si: *mut libc::siginfo_t, uc: *mut c_void) {
    // SAFETY: kernel-provided siginfo/ucontext; we only read them.
    unsafe {
        let t = sched::current();
        if !t.is_null() && (sig == libc::SIGSEGV || sig == libc::SIGBUS) {
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
        // The program's own handler, installed before thread9 started, decides.
        let i = CRASH_SIGS.iter().position(|&s| s == sig).unwrap_or(0);
        if OLD_SET.load(core::sync::atomic::Ordering::Relaxed) & (1 << i) != 0 {
            let old = &*OLD.0.get().cast::<libc::sigaction>().add(i);
            if old.sa_flags & libc::SA_SIGINFO != 0 {
                let h: extern "C" fn(c_int, *mut libc::siginfo_t, *mut c_void) = core::mem::transmute(old.sa_sigaction);
                h(sig, si, uc);
            } else {
                let h: extern "C" fn(c_int) = core::mem::transmute(old.sa_sigaction);
                h(sig);
            }
            return;
        }
        let f = CRASH.load(core::sync::atomic::Ordering::Acquire);
        if f != 0 && !crate::san::asan::on() && !crate::san::tsan::on() {
            let f: unsafe fn(c_int, *mut libc::siginfo_t, *mut c_void) = core::mem::transmute(f);
            f(sig, si, uc);
        }
        // Die of the same signal: the default action on return (a fault repeats and
        // dumps core); a signal sent by kill/raise/abort (si_code <= 0) is raised again
        // (SA_NODEFER: delivered at once).
        libc::signal(sig, libc::SIG_DFL);
        if (*si).si_code <= 0 {
            libc::raise(sig);
        }
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
