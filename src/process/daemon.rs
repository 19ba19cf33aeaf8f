//! Daemonizing for programs whose threadmaybackground() returns non-zero
//! (docs/API.md, exit: daemonizing). The process forks at start-up: the child runs the program;
//! the parent forwards signals to it and waits. When threadmain's thread exits while
//! other threads or procs run on, the child tells the parent, which exits 0 so the
//! shell goes on; if the child ends first, the parent exits with its status.

use core::ffi::c_int;
use core::sync::atomic::{AtomicI32, Ordering};

extern "C" {
    fn thread9_c_maybackground() -> c_int;
}

/// The child's end of the pipe to the waiting parent (-1: not daemonized / told).
static NOTIFY_FD: AtomicI32 = AtomicI32::new(-1);
static CHILD: AtomicI32 = AtomicI32::new(0);

const FORWARD: [c_int; 21] = [
    libc::SIGHUP,
    libc::SIGINT,
    libc::SIGQUIT,
    libc::SIGILL,
    libc::SIGTRAP,
    libc::SIGABRT,
    libc::SIGBUS,
    libc::SIGFPE,
    libc::SIGUSR1,
    libc::SIGSEGV,
    libc::SIGUSR2,
    libc::SIGPIPE,
    libc::SIGALRM,
    libc::SIGTERM,
    libc::SIGURG,
    libc::SIGXCPU,
    libc::SIGXFSZ,
    libc::SIGVTALRM,
    libc::SIGPROF,
    libc::SIGWINCH,
    libc::SIGIO,
];

extern "C" fn forward(sig: c_int) {
    // SAFETY: kill is async-signal-safe; errno is this OS thread's, put back as it was
    // (a handler must not change what the interrupted code reads).
    unsafe {
        let e = *libc::__errno_location();
        libc::kill(CHILD.load(Ordering::Relaxed), sig);
        *libc::__errno_location() = e;
    }
}

pub fn maybe_daemonize() {
    // SAFETY: calls the program's (or our default) threadmaybackground through the PLT.
    if unsafe { thread9_c_maybackground() } == 0 {
        return;
    }
    if crate::base::flags::flag(crate::base::flags::F_NODAEMON) || std::env::var_os("NOLIBTHREADDAEMONIZE").is_some() {
        return;
    }
    // SAFETY: plain process calls; before any other OS thread exists, so fork is safe.
    unsafe {
        libc::setpgid(0, 0);
        let mut fd = [0; 2];
        if libc::pipe2(fd.as_mut_ptr(), libc::O_CLOEXEC) < 0 {
            return;
        }
        let pid = libc::fork();
        if pid < 0 {
            libc::close(fd[0]);
            libc::close(fd[1]);
            return;
        }
        if pid == 0 {
            libc::close(fd[0]);
            NOTIFY_FD.store(fd[1], Ordering::Relaxed);
            return;
        }
        libc::close(fd[1]);
        CHILD.store(pid, Ordering::Relaxed);
        for &s in FORWARD.iter() {
            libc::signal(s, forward as *const () as libc::sighandler_t);
        }
        let mut b = [0u8; 1];
        loop {
            let n = libc::read(fd[0], b.as_mut_ptr() as *mut _, 1);
            if n == 1 {
                // threadmain is done and the rest runs on in the background.
                libc::_exit(0);
            }
            if n == 0 || *libc::__errno_location() != libc::EINTR {
                break;
            }
        }
        let mut st = 0;
        while libc::waitpid(pid, &mut st, 0) < 0 && *libc::__errno_location() == libc::EINTR {}
        if libc::WIFSIGNALED(st) {
            let sig = libc::WTERMSIG(st);
            let lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
            libc::setrlimit(libc::RLIMIT_CORE, &lim);
            libc::signal(sig, libc::SIG_DFL);
            libc::raise(sig);
        }
        libc::_exit(if libc::WIFEXITED(st) { libc::WEXITSTATUS(st) } else { 1 });
    }
}

/// `_threaddaemonize`: tell the parent waiting since start-up to exit 0 now, as when
/// threadmain's thread ends with others running on. False if there is no such parent
/// (threadmaybackground() said 0, LIBTHREAD=nodaemon, or it was told already).
pub fn detach() -> bool {
    let fd = NOTIFY_FD.swap(-1, Ordering::Relaxed);
    if fd < 0 {
        return false;
    }
    // SAFETY: our own pipe end.
    unsafe {
        libc::write(fd, b"0".as_ptr() as *const _, 1);
        libc::close(fd);
    }
    true
}

/// Called when threadmain's thread ends; `others` says whether anything runs on.
pub fn main_exited(others: bool) {
    let fd = NOTIFY_FD.swap(-1, Ordering::Relaxed);
    if fd >= 0 && others {
        // SAFETY: our own pipe end.
        unsafe {
            libc::write(fd, b"0".as_ptr() as *const _, 1);
            libc::close(fd);
        }
    } else if fd >= 0 {
        NOTIFY_FD.store(fd, Ordering::Relaxed);
    }
}
