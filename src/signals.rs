//! Signal plumbing: stack-overflow reports (SIGSEGV on a per-OS-thread sigaltstack),
//! the SIGQUIT thread dump (served by a sigwait thread, so the dump may allocate),
//! and the dispositions every threaded program gets (SIGPIPE, SIGTSTP ignored).

use crate::proc::Proc;
use crate::sched;
use crate::stack::PAGE;
use crate::thread::Thread;
use core::ffi::c_void;
use core::mem::zeroed;

const ALTSTACK: usize = 64 * 1024;

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
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
        libc::signal(libc::SIGTSTP, libc::SIG_IGN);
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
    // SAFETY: sigwait on a set we built.
    unsafe {
        let mut set: libc::sigset_t = zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGQUIT);
        loop {
            let mut sig = 0;
            if libc::sigwait(&set, &mut sig) == 0 && sig == libc::SIGQUIT {
                crate::debug::printall();
            }
        }
    }
}

/// Per-OS-thread set-up for a proc: an alternate signal stack for overflow reports.
///
/// # Safety
/// Called on `p`'s own OS thread.
pub unsafe fn setup_thread(p: *mut Proc) {
    if (*p).altstack == 0 {
        let a = libc::mmap(
            core::ptr::null_mut(),
            ALTSTACK,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        if a == libc::MAP_FAILED {
            return;
        }
        (*p).altstack = a as usize;
    }
    let ss = libc::stack_t { ss_sp: (*p).altstack as *mut c_void, ss_flags: 0, ss_size: ALTSTACK };
    let mut old: libc::stack_t = zeroed();
    if libc::sigaltstack(&ss, &mut old) == 0 {
        OLD_ALTSTACK.with(|o| o.set(Some(old)));
    }
}

thread_local! {
    /// The alternate signal stack this OS thread had before its proc installed ours.
    static OLD_ALTSTACK: core::cell::Cell<Option<libc::stack_t>> = const { core::cell::Cell::new(None) };
}

/// Before a proc's OS thread ends (and before its Proc, altstack included, can be
/// recycled): puts back the thread's previous alternate signal stack. ASan gives
/// every thread its own altstack and, when the thread exits, unmaps whatever
/// altstack is installed, assuming it is its own: it unmapped the proc's, which the
/// next proc recycling that Proc then used, and signals landed in whatever memory
/// took its place (crashes in glibc's thread-stack list under check-asan).
pub fn teardown_thread() {
    if let Some(old) = OLD_ALTSTACK.with(|o| o.take()) {
        // SAFETY: restoring a stack_t that sigaltstack itself returned.
        unsafe { libc::sigaltstack(&old, core::ptr::null_mut()) };
    }
}

/// Formats into a fixed buffer: no allocation (signal handlers).
struct Buf {
    b: [u8; 512],
    n: usize,
}
impl Buf {
    fn s(&mut self, s: &[u8]) -> &mut Self {
        for &c in s {
            if self.n < self.b.len() {
                self.b[self.n] = c;
                self.n += 1;
            }
        }
        self
    }
    fn u(&mut self, mut v: u64) -> &mut Self {
        let mut d = [0u8; 20];
        let mut i = d.len();
        loop {
            i -= 1;
            d[i] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        self.s(&d[i..])
    }
}

/// `thread9: stack overflow in thread N "name" (stack S bytes)`, then abort.
pub fn overflow_report(t: *mut Thread) -> ! {
    let mut b = Buf { b: [0; 512], n: 0 };
    // SAFETY: t is the thread that overflowed; its struct lives on the heap, not its stack.
    unsafe {
        b.s(b"thread9: stack overflow in thread ").u((*t).id as u64).s(b" \"");
        let name = (*t).name_str();
        b.s(name).s(b"\" (stack ").u((*t).stack_size as u64).s(b" bytes)\n");
        crate::debug::ewrite(&b.b[..b.n]);
        libc::signal(libc::SIGABRT, libc::SIG_DFL);
        libc::abort();
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
                overflow_report(t);
            }
        }
        // Not ours: default action on return (the fault repeats and dumps core).
        libc::signal(sig, libc::SIG_DFL);
    }
}
