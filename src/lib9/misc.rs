//! Network addresses (p9netmkaddr; p9dialparse is with dial in src/io/net.rs), true
//! random numbers (truerand, ntruerand), p9alarm and p9exec.

use super::{cbytes, syserr};
use core::ffi::{c_char, c_int, c_long, c_ulong, c_void};
use core::ptr::null_mut;

fn exists(p: &[u8]) -> bool {
    let mut v = p.to_vec();
    v.push(0);
    // SAFETY: v is NUL-terminated.
    unsafe { libc::access(v.as_ptr() as *const c_char, libc::F_OK) == 0 }
}

/// What netmkaddr makes of `linear`: None = `linear` itself.
fn mkaddr(linear: &[u8], defnet: Option<&[u8]>, defsrv: Option<&[u8]>) -> Option<Vec<u8>> {
    let Some(bang) = linear.iter().position(|&c| c == b'!') else {
        let net = defnet.unwrap_or(b"net");
        // An existing file is a Unix-domain socket named without "unix!".
        if exists(linear) {
            return Some([b"unix!", linear].concat());
        }
        // host:service, the Unix way.
        if let Some(colon) = linear.iter().position(|&c| c == b':') {
            return Some([net, b"!", &linear[..colon], b"!", &linear[colon + 1..]].concat());
        }
        return Some(match defsrv {
            Some(s) => [net, b"!", linear, b"!", s].concat(),
            None => [net, b"!", linear].concat(),
        });
    };
    // A service is there already, or a Unix socket needs none.
    if linear[bang + 1..].contains(&b'!') || linear.starts_with(b"unix!") {
        return None;
    }
    defsrv.map(|s| [linear, b"!", s].concat())
}

/// p9netmkaddr: completes `linear` to net!host!service with the defaults `defnet`
/// ("net" if nil) and `defsrv` (none if nil). The result is `linear` itself or a
/// per-OS-thread buffer of 256 bytes overwritten by the next call.
///
/// # Safety
/// `linear` is nil (nil returned, errstr set) or NUL-terminated; `defnet` and `defsrv` are
/// nil or NUL-terminated.
pub unsafe extern "C" fn p9netmkaddr(linear: *mut c_char, defnet: *const c_char, defsrv: *const c_char) -> *mut c_char {
    if linear.is_null() {
        crate::runtime::errstr::set(b"netmkaddr: nil address");
        return null_mut();
    }
    let opt = |p: *const c_char| (!p.is_null()).then(|| cbytes(p));
    match mkaddr(cbytes(linear), opt(defnet), opt(defsrv)) {
        None => linear,
        Some(a) => super::paths::addrbuf(&a),
    }
}

/// Random bytes from the kernel (getrandom, the pool /dev/random reads).
fn random_bytes(buf: &mut [u8]) -> bool {
    let mut got = 0;
    while got < buf.len() {
        // SAFETY: the range is inside buf.
        let n = unsafe { libc::getrandom(buf[got..].as_mut_ptr() as *mut c_void, buf.len() - got, 0) };
        if n < 0 {
            // SAFETY: reading errno.
            if unsafe { *libc::__errno_location() } == libc::EINTR {
                continue;
            }
            return false;
        }
        got += n as usize;
    }
    true
}

/// truerand: a truly random ulong. Like plan9port, fatal if the kernel has none.
pub extern "C" fn truerand() -> c_ulong {
    let mut b = [0u8; core::mem::size_of::<c_ulong>()];
    if !random_bytes(&mut b) {
        // SAFETY: a NUL-terminated message; thread9_rt_fatal does not return.
        unsafe { super::thread9_rt_fatal(c"truerand: can't read random numbers".as_ptr()) };
    }
    c_ulong::from_ne_bytes(b)
}

/// ntruerand: a truly random number in [0, n) (0 for n = 0), without modulo bias.
pub extern "C" fn ntruerand(n: c_ulong) -> c_ulong {
    if n == 0 {
        return 0;
    }
    let lim = c_ulong::MAX - c_ulong::MAX % n;
    loop {
        let x = truerand();
        if x < lim {
            return x % n;
        }
    }
}

/// p9alarm: SIGALRM (the note "alarm") after `ms` milliseconds, 0 cancels; returns
/// the milliseconds the previous alarm had left, or -1.
pub extern "C" fn p9alarm(ms: c_ulong) -> c_long {
    let tv = |s: i64, us: i64| libc::timeval { tv_sec: s as libc::time_t, tv_usec: us as libc::suseconds_t };
    let it = libc::itimerval { it_interval: tv(0, 0), it_value: tv((ms / 1000) as i64, ((ms % 1000) * 1000) as i64) };
    let mut old = libc::itimerval { it_interval: tv(0, 0), it_value: tv(0, 0) };
    // SAFETY: both structs are ours.
    if unsafe { libc::setitimer(libc::ITIMER_REAL, &it, &mut old) } < 0 {
        syserr();
        return -1;
    }
    old.it_value.tv_sec as c_long * 1000 + old.it_value.tv_usec as c_long / 1000
}

/// p9exec: replaces the program with `prog` (looked up along $PATH, as plan9port's
/// execvp does) run with `argv`; returns -1 with errstr set only if that fails.
/// The new program starts with the signal state a plan9port program's would have:
/// SIGQUIT, which thread9 keeps blocked for its thread dump, is unblocked for it
/// (SIGPIPE and SIGTSTP have handlers, so exec resets them to the default itself).
///
/// # Safety
/// `prog` is a NUL-terminated name and `argv` a nil-terminated array of NUL-terminated
/// strings (a nil `prog` or `argv` gives -1 with errstr set).
pub unsafe extern "C" fn p9exec(prog: *const c_char, argv: *const *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if prog.is_null() || argv.is_null() {
            crate::runtime::errstr::set(b"exec: nil argument");
            return -1;
        }
        let mut set: libc::sigset_t = core::mem::zeroed();
        let mut old: libc::sigset_t = core::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGQUIT);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, &mut old);
        libc::execvp(prog, argv);
        let e = *libc::__errno_location();
        libc::pthread_sigmask(libc::SIG_SETMASK, &old, null_mut());
        *libc::__errno_location() = e;
        syserr();
        -1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mk(a: &str, n: Option<&str>, s: Option<&str>) -> String {
        let r = mkaddr(a.as_bytes(), n.map(str::as_bytes), s.map(str::as_bytes));
        String::from_utf8(r.unwrap_or_else(|| a.as_bytes().to_vec())).unwrap()
    }

    #[test]
    fn mkaddrs() {
        assert_eq!(mk("host", Some("tcp"), Some("564")), "tcp!host!564");
        assert_eq!(mk("host", None, None), "net!host");
        assert_eq!(mk("host:80", Some("tcp"), Some("564")), "tcp!host!80");
        assert_eq!(mk("tcp!host", None, Some("9fs")), "tcp!host!9fs");
        assert_eq!(mk("tcp!host!1", None, Some("9fs")), "tcp!host!1");
        assert_eq!(mk("unix!/x", None, Some("9fs")), "unix!/x");
        assert_eq!(mk("/", Some("tcp"), None), "unix!/");
    }
}
