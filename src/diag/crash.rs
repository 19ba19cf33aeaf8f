//! The crash report: a SIGSEGV, SIGBUS, SIGILL, SIGFPE or SIGABRT prints
//! `thread9: SIGSEGV in thread 5 "name" at ADDR` and the faulting thread's backtrace;
//! then the program dies of the same signal (process/signals.rs resets the default
//! action and lets the fault repeat, or raises the signal again), so its exit status
//! and core dump are what they would be without thread9.
//!
//! Symbolizing in a signal handler is not async-signal-safe (it maps files and
//! allocates). What keeps it working in practice:
//! - the header line is written first, with no allocation;
//! - the report runs on a stack of its own (mmap), not the small alternate one;
//! - the symbolizer cache is only try-locked (a dump in progress keeps it);
//! - every stack word is read with process_vm_readv: a bad frame pointer ends the
//!   backtrace instead of faulting again;
//! - a second fault while reporting, or a report still unfinished after 3 seconds
//!   (a crash inside malloc or the dynamic loader, whose locks the report needs),
//!   ends the report and the program dies of the original signal as before.

use super::symbols;
use crate::base::report::ewrite;
use core::ffi::{c_int, c_void};
use core::sync::atomic::{AtomicI32, Ordering};
use std::collections::HashMap;

/// The signal being reported (0: none): a second fault, or the watchdog, dies of it.
static REPORTING: AtomicI32 = AtomicI32::new(0);

pub fn install() {
    crate::process::signals::set_crash_report(report);
}

/// A fixed buffer for the lines written before anything may allocate.
struct Buf {
    b: [u8; 512],
    n: usize,
}

impl core::fmt::Write for Buf {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let k = s.len().min(self.b.len() - self.n);
        self.b[self.n..self.n + k].copy_from_slice(&s.as_bytes()[..k]);
        self.n += k;
        Ok(())
    }
}

fn signame(sig: c_int) -> &'static str {
    match sig {
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGBUS => "SIGBUS",
        libc::SIGILL => "SIGILL",
        libc::SIGFPE => "SIGFPE",
        libc::SIGABRT => "SIGABRT",
        _ => "signal",
    }
}

/// Reads a word of this process's memory without faulting (None if unmapped).
fn safe_read(a: u64) -> Option<u64> {
    let mut v: u64 = 0;
    let local = libc::iovec { iov_base: &mut v as *mut u64 as *mut c_void, iov_len: 8 };
    let remote = libc::iovec { iov_base: a as *mut c_void, iov_len: 8 };
    // SAFETY: process_vm_readv on ourselves writes only into `v`; an unreadable remote
    // address is an EFAULT, not a fault.
    let n = unsafe { libc::process_vm_readv(libc::getpid(), &local, 1, &remote, 1, 0) };
    (n == 8).then_some(v)
}

extern "C" fn watchdog(_: c_int) {
    let sig = REPORTING.load(Ordering::Relaxed);
    ewrite(b"thread9: (the crash report did not finish: it needs a lock the crashed code holds)\n");
    die(sig);
}

/// Ends the program with signal `sig` (its default action), as without thread9.
fn die(sig: c_int) {
    // SAFETY: plain signal calls.
    unsafe {
        libc::signal(sig, libc::SIG_DFL);
        let mut set: libc::sigset_t = core::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, sig);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, core::ptr::null_mut());
        libc::raise(sig);
        libc::_exit(128 + sig);
    }
}

/// A stack for the report (the alternate signal stack is 64 KiB).
struct ReportStack {
    lo: usize,
    size: usize,
}

// SAFETY: [lo, lo+size) is a mapped, writable region owned by this value.
unsafe impl corosensei::stack::Stack for ReportStack {
    fn base(&self) -> corosensei::stack::StackPointer {
        corosensei::stack::StackPointer::new(self.lo + self.size).unwrap()
    }
    fn limit(&self) -> corosensei::stack::StackPointer {
        corosensei::stack::StackPointer::new(self.lo + 4096).unwrap()
    }
}

/// The crash report (process/signals.rs calls it from the fault handler).
///
/// # Safety
/// `si` and `uc` are the handler's siginfo and ucontext for signal `sig`.
unsafe fn report(sig: c_int, si: *mut libc::siginfo_t, uc: *mut c_void) {
    if REPORTING.swap(sig, Ordering::SeqCst) != 0 {
        ewrite(b"thread9: a second fault while reporting a crash\n");
        die(REPORTING.load(Ordering::Relaxed));
    }
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let t = crate::runtime::sched::current();
        let (pc, sp, bp) = regs(uc);
        let mut b = Buf { b: [0; 512], n: 0 };
        use core::fmt::Write;
        let _ = write!(b, "thread9: {} in ", signame(sig));
        if t.is_null() {
            let p = crate::runtime::sched::myproc();
            if p.is_null() {
                let _ = write!(b, "an OS thread outside thread9");
            } else {
                let _ = write!(b, "proc {}'s scheduler", (*p).id);
            }
        } else {
            let _ = write!(b, "thread {} \"{}\"", (*t).id, String::from_utf8_lossy((*t).name_str()));
        }
        let addr = match sig {
            libc::SIGSEGV | libc::SIGBUS => (*si).si_addr() as u64,
            _ => pc,
        };
        let _ = writeln!(b, " at {addr:#x} (pc {pc:#x})");
        ewrite(&b.b[..b.n]);
        // The watchdog and the report's own stack.
        let mut sa: libc::sigaction = core::mem::zeroed();
        sa.sa_sigaction = watchdog as *const () as usize;
        sa.sa_flags = libc::SA_ONSTACK | libc::SA_NODEFER;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(libc::SIGALRM, &sa, core::ptr::null_mut());
        libc::alarm(3);
        const SIZE: usize = 4 << 20;
        let m = libc::mmap(
            core::ptr::null_mut(),
            SIZE,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE | libc::MAP_STACK,
            -1,
            0,
        );
        let work = move || {
            let text = symbols::with(false, |sym| {
                let pcs = sym.unwind(pc, sp, bp, &mut safe_read, 80);
                let all = crate::base::flags::flag(crate::base::flags::F_DUMPALL);
                let lines = super::dump::stack_lines(sym, &pcs, all, &mut HashMap::new());
                let mut s = String::new();
                for l in lines.iter().take(64) {
                    s += "\t";
                    s += l;
                    s.push('\n');
                }
                s
            });
            ewrite(text.as_bytes());
        };
        if m == libc::MAP_FAILED {
            work();
        } else {
            corosensei::on_stack(ReportStack { lo: m as usize, size: SIZE }, work);
        }
        libc::alarm(0);
        REPORTING.store(0, Ordering::SeqCst);
    }
}

/// The faulting pc, sp and fp.
///
/// # Safety
/// `uc` is a signal handler's ucontext.
#[cfg(target_arch = "x86_64")]
unsafe fn regs(uc: *mut c_void) -> (u64, u64, u64) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let g = &(*(uc as *mut libc::ucontext_t)).uc_mcontext.gregs;
        (g[libc::REG_RIP as usize] as u64, g[libc::REG_RSP as usize] as u64, g[libc::REG_RBP as usize] as u64)
    }
}

#[cfg(target_arch = "aarch64")]
unsafe fn regs(uc: *mut c_void) -> (u64, u64, u64) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let m = &(*(uc as *mut libc::ucontext_t)).uc_mcontext;
        (m.pc, m.sp, m.regs[29])
    }
}
