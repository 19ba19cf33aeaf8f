//! Mount lifecycle: the registry of live mounts, lazy unmount on every exit path
//! (resmgr_unmount, exit/threadexitsall via atexit, SIGINT/SIGTERM/SIGHUP) and a
//! watchdog process that unmounts after a crash or SIGKILL (docs/SERVE-AND-POLL.md, unmounting).

use super::engine::{lock, Mount};
use core::sync::atomic::{AtomicBool, AtomicI32, AtomicU32, AtomicUsize, Ordering};
use std::ffi::{CStr, CString};
use std::sync::{Arc, Mutex, Once};

pub static MOUNTS: Mutex<Vec<Arc<Mount>>> = Mutex::new(Vec::new());

/// Mount points for the signal handler: fixed buffers, no allocation there.
const NSIG_PATHS: usize = 64;
const PATHMAX: usize = 512;
static mut SIG_PATHS: [[u8; PATHMAX]; NSIG_PATHS] = [[0; PATHMAX]; NSIG_PATHS];
static SIG_USED: [AtomicBool; NSIG_PATHS] = [const { AtomicBool::new(false) }; NSIG_PATHS];
static SIG_LEN: AtomicUsize = AtomicUsize::new(0);
static WATCH_FD: AtomicI32 = AtomicI32::new(-1);
static SETUP: Once = Once::new();

fn is_root() -> bool {
    // SAFETY: no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Lazily unmounts `dir`: umount2(MNT_DETACH) as root, else `fusermount3 -u -z`.
pub fn lazy_unmount(dir: &CStr) {
    // SAFETY: a valid path.
    if unsafe { libc::umount2(dir.as_ptr(), libc::MNT_DETACH) } == 0 {
        return;
    }
    if !is_root() {
        let p = std::ffi::OsStr::from_bytes_compat(dir.to_bytes());
        let _ = std::process::Command::new("fusermount3")
            .arg("-u")
            .arg("-z")
            .arg(p)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
    }
}

trait FromBytesCompat {
    fn from_bytes_compat(b: &[u8]) -> &std::ffi::OsStr;
}
impl FromBytesCompat for std::ffi::OsStr {
    fn from_bytes_compat(b: &[u8]) -> &std::ffi::OsStr {
        std::os::unix::ffi::OsStrExt::from_bytes(b)
    }
}

/// Registers a new mount for the exit paths (first time: installs them).
pub fn register(m: &Arc<Mount>) {
    SETUP.call_once(|| {
        start_watchdog();
        // SAFETY: registering a plain extern "C" fn with atexit.
        unsafe { libc::atexit(at_exit) };
        for s in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            // SAFETY: querying and, if default, replacing a disposition.
            unsafe {
                let mut old: libc::sigaction = core::mem::zeroed();
                libc::sigaction(s, core::ptr::null(), &mut old);
                let exit1 = old.sa_sigaction == crate::process::signals::thread9_c_sigexit as *const () as usize;
                if exit1 {
                    EXIT1.fetch_or(1 << s, Ordering::SeqCst);
                }
                if old.sa_sigaction == libc::SIG_DFL || exit1 {
                    let mut sa: libc::sigaction = core::mem::zeroed();
                    sa.sa_sigaction = on_signal as *const () as usize;
                    libc::sigemptyset(&mut sa.sa_mask);
                    libc::sigaction(s, &sa, core::ptr::null_mut());
                }
            }
        }
    });
    lock(&MOUNTS).push(m.clone());
    let b = m.dir.as_bytes();
    if b.len() < PATHMAX {
        for (i, u) in SIG_USED.iter().enumerate() {
            if !u.load(Ordering::SeqCst) {
                // SAFETY: slot i is free (only this registering thread, under MOUNTS'
                // order, claims slots); the handler reads it only once marked used.
                unsafe {
                    let s = &mut (*core::ptr::addr_of_mut!(SIG_PATHS))[i];
                    s[..b.len()].copy_from_slice(b);
                    s[b.len()] = 0;
                }
                u.store(true, Ordering::SeqCst);
                SIG_LEN.fetch_max(i + 1, Ordering::SeqCst);
                break;
            }
        }
    }
    watch(b'+', b);
}

fn forget(m: &Mount) {
    let b = m.dir.as_bytes();
    for (i, u) in SIG_USED.iter().enumerate() {
        // SAFETY: reading a slot we may have written; compared by content.
        let same = unsafe {
            let s = &(*core::ptr::addr_of!(SIG_PATHS))[i];
            u.load(Ordering::SeqCst) && &s[..b.len()] == b && s[b.len()] == 0
        };
        if same {
            u.store(false, Ordering::SeqCst);
            break;
        }
    }
    watch(b'-', b);
}

/// Unmounts (lazily) and forgets a mount; files still open are served on until closed.
pub fn unmount(m: &Arc<Mount>) {
    if m.unmounted.swap(true, Ordering::SeqCst) {
        return;
    }
    forget(m);
    lazy_unmount(&m.dir);
}

/// The session loop has ended (the kernel let go of the mount).
pub fn loop_ended(m: &Arc<Mount>) {
    m.closing.store(true, Ordering::SeqCst);
    m.fail_pending(None, libc::EIO);
    let t = m.dispatcher.load(Ordering::Acquire);
    if !t.is_null() {
        // SAFETY: the dispatcher leaves only after seeing `closing` with the queue lock.
        unsafe { crate::runtime::sched::wake(t, crate::runtime::thread::SEL_WOKEN) };
    }
    if !m.unmounted.swap(true, Ordering::SeqCst) {
        forget(m);
    }
    if m.created {
        // SAFETY: a path we created.
        unsafe { libc::rmdir(m.dir.as_ptr()) };
    }
    lock(&MOUNTS).retain(|x| !Arc::ptr_eq(x, m));
}

extern "C" fn at_exit() {
    // exit may come from any thread, even one inside register(): never wait for
    // the registry lock here; the lock-free list serves when it is busy.
    let ms: Vec<Arc<Mount>> = match MOUNTS.try_lock() {
        Ok(g) => g.clone(),
        Err(std::sync::TryLockError::Poisoned(g)) => g.into_inner().clone(),
        Err(std::sync::TryLockError::WouldBlock) => {
            detach_all_raw();
            return;
        }
    };
    for m in ms {
        unmount(&m);
        if m.created {
            // SAFETY: a path we created (fails harmlessly while still busy).
            unsafe { libc::rmdir(m.dir.as_ptr()) };
        }
    }
}

/// The signals whose handler before ours was start-up's exit(1) one (a bit per signal).
static EXIT1: AtomicU32 = AtomicU32::new(0);

extern "C" fn on_signal(sig: i32) {
    detach_all_raw();
    if EXIT1.load(Ordering::SeqCst) & (1 << sig) != 0 {
        // SAFETY: _exit is async-signal-safe; the program ends as it would have.
        unsafe { crate::process::signals::thread9_c_sigexit(sig) };
    }
    // SAFETY: back to the default action, then die of the signal as we would have.
    unsafe {
        libc::signal(sig, libc::SIG_DFL);
        let mut set: libc::sigset_t = core::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, sig);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, core::ptr::null_mut());
        libc::raise(sig);
    }
}

/// Async-signal-safe: umount2(MNT_DETACH) of every registered mount point.
fn detach_all_raw() {
    let n = SIG_LEN.load(Ordering::SeqCst);
    for (i, u) in SIG_USED.iter().enumerate().take(n) {
        if u.load(Ordering::SeqCst) {
            // SAFETY: a NUL-terminated path in a static buffer.
            unsafe { libc::umount2((*core::ptr::addr_of!(SIG_PATHS))[i].as_ptr() as *const _, libc::MNT_DETACH) };
        }
    }
}

/// Tells the watchdog about a mount point (`+dir`) or its removal (`-dir`).
fn watch(op: u8, dir: &[u8]) {
    let fd = WATCH_FD.load(Ordering::SeqCst);
    if fd < 0 || dir.len() >= PATHMAX {
        return;
    }
    let mut b = Vec::with_capacity(dir.len() + 2);
    b.push(op);
    b.extend_from_slice(dir);
    b.push(b'\n');
    // SAFETY: writing our buffer to our pipe (a line < PIPE_BUF is atomic).
    unsafe { libc::write(fd, b.as_ptr() as *const _, b.len()) };
}

/// Double-forks a helper that holds the read end of a pipe; when the program
/// dies in any way the pipe reaches EOF and the helper unmounts what is left.
fn start_watchdog() {
    if std::env::var_os("THREAD9_NOWATCHDOG").is_some() {
        return;
    }
    let mut p = [0i32; 2];
    // SAFETY: pipe2 into a local array.
    if unsafe { libc::pipe2(p.as_mut_ptr(), libc::O_CLOEXEC) } < 0 {
        return;
    }
    // SAFETY: fork; the child only makes raw syscalls (the parent is multi-threaded).
    unsafe {
        let pid = libc::fork();
        if pid < 0 {
            libc::close(p[0]);
            libc::close(p[1]);
            return;
        }
        if pid == 0 {
            if libc::fork() != 0 {
                libc::_exit(0);
            }
            watchdog(p[0], p[1]);
        }
        libc::close(p[0]);
        let mut st = 0;
        libc::waitpid(pid, &mut st, 0);
        WATCH_FD.store(p[1], Ordering::SeqCst);
    }
}

/// The helper process: no allocation, no locks (forked from a threaded program).
///
/// # Safety
/// Only in the double-forked child of start_watchdog: `rfd` and `wfd` are the pipe's
/// ends; being forked from a threaded program it makes raw system calls only.
unsafe fn watchdog(rfd: i32, wfd: i32) -> ! {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        libc::close(wfd);
        // Keep nothing else open: a /dev/fuse descriptor here would keep mounts alive.
        for fd in 0..1024 {
            if fd != rfd {
                libc::close(fd);
            }
        }
        libc::setsid();
        let mut sigs: libc::sigset_t = core::mem::zeroed();
        libc::sigfillset(&mut sigs);
        libc::pthread_sigmask(libc::SIG_BLOCK, &sigs, core::ptr::null_mut());
        // The child runs on a copy of the caller's (possibly small) thread stack:
        // the path table lives in (the child's copy of) a static instead.
        let paths = &mut *core::ptr::addr_of_mut!(SIG_PATHS);
        const N: usize = NSIG_PATHS;
        let mut used = [false; N];
        let mut line = [0u8; PATHMAX + 2];
        let mut ll = 0usize;
        let mut buf = [0u8; 1024];
        loop {
            let n = libc::read(rfd, buf.as_mut_ptr() as *mut _, buf.len());
            if n <= 0 {
                if n < 0 && *libc::__errno_location() == libc::EINTR {
                    continue;
                }
                break;
            }
            for &c in &buf[..n as usize] {
                if c != b'\n' {
                    if ll < line.len() - 1 {
                        line[ll] = c;
                        ll += 1;
                    }
                    continue;
                }
                if ll >= 2 && ll - 1 < PATHMAX {
                    let p = &line[1..ll];
                    if line[0] == b'+' {
                        if let Some(i) = used.iter().position(|u| !u) {
                            paths[i][..p.len()].copy_from_slice(p);
                            paths[i][p.len()] = 0;
                            used[i] = true;
                        }
                    } else {
                        for i in 0..N {
                            if used[i] && &paths[i][..p.len()] == p && paths[i][p.len()] == 0 {
                                used[i] = false;
                                break;
                            }
                        }
                    }
                }
                ll = 0;
            }
        }
        // The program is gone: its connections are aborted; detach what is left.
        for i in 0..N {
            if used[i] {
                libc::umount2(paths[i].as_ptr() as *const _, libc::MNT_DETACH);
            }
        }
        libc::_exit(0);
    }
}

/// The default mount directory: $THREAD9MNT, $XDG_RUNTIME_DIR/thread9 or
/// /tmp/thread9.$USER, then /<argv0>.<pid>.
pub fn default_dir() -> Vec<u8> {
    let base = if let Some(v) = std::env::var_os("THREAD9MNT").filter(|v| !v.is_empty()) {
        std::path::PathBuf::from(v)
    } else if let Some(v) = std::env::var_os("XDG_RUNTIME_DIR").filter(|v| !v.is_empty()) {
        std::path::Path::new(&v).join("thread9")
    } else {
        let u = std::env::var("USER").unwrap_or_else(|_| {
            // SAFETY: no preconditions.
            format!("{}", unsafe { libc::geteuid() })
        });
        std::path::PathBuf::from(format!("/tmp/thread9.{u}"))
    };
    let _ = std::fs::create_dir_all(&base);
    let a = std::env::args().next().unwrap_or_default();
    let b = a.rsplit('/').next().unwrap_or("prog").to_string();
    let p = base.join(format!("{}.{}", if b.is_empty() { "prog" } else { &b }, std::process::id()));
    std::os::unix::ffi::OsStrExt::as_bytes(p.as_os_str()).to_vec()
}

pub fn cstr(b: &[u8]) -> Option<CString> {
    CString::new(b.to_vec()).ok()
}
