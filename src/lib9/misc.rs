//! Network addresses (p9netmkaddr, p9dialparse), true random numbers (truerand,
//! ntruerand), p9alarm and p9exec.

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
#[no_mangle]
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

/// Services plan9port's dialparse knows without /etc/services.
const PORTS: [(&[u8], &[u8], c_int); 13] = [
    (b"tcp", b"9fs", 564),
    (b"tcp", b"whoami", 565),
    (b"tcp", b"guard", 566),
    (b"tcp", b"ticket", 567),
    (b"tcp", b"exportfs", 17007),
    (b"tcp", b"rexexec", 17009),
    (b"tcp", b"ncpu", 17010),
    (b"tcp", b"cpu", 17013),
    (b"tcp", b"venti", 17034),
    (b"tcp", b"wiki", 17035),
    (b"tcp", b"secstore", 5356),
    (b"udp", b"dns", 53),
    (b"tcp", b"dns", 53),
];

const TCP: &[u8] = b"tcp\0";
const UDP: &[u8] = b"udp\0";
const UNIX: &[u8] = b"unix\0";

fn cnet(n: &[u8]) -> *mut c_char {
    let s = match n {
        b"tcp" => TCP,
        b"udp" => UDP,
        _ => UNIX,
    };
    s.as_ptr() as *mut c_char
}

/// The port of service `srv` on `net` ("tcp" or "udp") from /etc/services.
fn servport(srv: &[u8], net: &[u8]) -> Option<c_int> {
    let mut s = srv.to_vec();
    s.push(0);
    // SAFETY: all-zero addrinfo is a valid hints value.
    let mut hints: libc::addrinfo = unsafe { core::mem::zeroed() };
    hints.ai_family = libc::AF_INET;
    hints.ai_socktype = if net == b"udp" { libc::SOCK_DGRAM } else { libc::SOCK_STREAM };
    let mut res: *mut libc::addrinfo = null_mut();
    // SAFETY: s is NUL-terminated; res is freed below.
    unsafe {
        if libc::getaddrinfo(null_mut(), s.as_ptr() as *const c_char, &hints, &mut res) != 0 || res.is_null() {
            return None;
        }
        let sin = (*res).ai_addr as *const libc::sockaddr_in;
        let p = u16::from_be((*sin).sin_port) as c_int;
        libc::freeaddrinfo(res);
        Some(p)
    }
}

/// Resolves `host` into `ss` (IPv4 first, as gethostbyname did for plan9port).
unsafe fn sethost(ss: *mut libc::sockaddr_storage, host: &[u8]) -> bool {
    if host == b"*" {
        (*ss).ss_family = libc::AF_INET6 as libc::sa_family_t;
        return true;
    }
    let mut h = host.to_vec();
    h.push(0);
    for fam in [libc::AF_INET, libc::AF_UNSPEC] {
        let mut hints: libc::addrinfo = core::mem::zeroed();
        hints.ai_family = fam;
        let mut res: *mut libc::addrinfo = null_mut();
        if libc::getaddrinfo(h.as_ptr() as *const c_char, null_mut(), &hints, &mut res) != 0 || res.is_null() {
            continue;
        }
        let fam = (*(*res).ai_addr).sa_family as c_int;
        let ok = fam == libc::AF_INET || fam == libc::AF_INET6;
        if ok {
            let n = ((*res).ai_addrlen as usize).min(core::mem::size_of::<libc::sockaddr_storage>());
            core::ptr::copy_nonoverlapping((*res).ai_addr as *const u8, ss as *mut u8, n);
        }
        libc::freeaddrinfo(res);
        if ok {
            return true;
        }
    }
    false
}

unsafe fn setport(ss: *mut libc::sockaddr_storage, port: c_int) {
    match (*ss).ss_family as c_int {
        libc::AF_INET => (*(ss as *mut libc::sockaddr_in)).sin_port = (port as u16).to_be(),
        _ => (*(ss as *mut libc::sockaddr_in6)).sin6_port = (port as u16).to_be(),
    }
}

/// strtol(s, &e, 0) with *e == 0: decimal, 0x hex or 0 octal, all of `s`.
fn number(s: &[u8]) -> Option<c_int> {
    let t = std::str::from_utf8(s).ok()?;
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let v = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        i64::from_str_radix(h, 16).ok()?
    } else if t.len() > 1 && t.starts_with('0') {
        i64::from_str_radix(&t[1..], 8).ok()?
    } else {
        t.parse::<i64>().ok()?
    };
    Some((if neg { -v } else { v }) as c_int)
}

/// p9dialparse: splits the dial string `addr` (modified in place) into network,
/// Unix-socket path, address (`phost` is a struct sockaddr_storage) and port, as
/// plan9port's dial does. 0, or -1 with errstr set.
#[no_mangle]
pub unsafe extern "C" fn p9dialparse(
    addr: *mut c_char,
    pnet: *mut *mut c_char,
    punix: *mut *mut c_char,
    phost: *mut c_void,
    pport: *mut c_int,
) -> c_int {
    if addr.is_null() || pnet.is_null() || punix.is_null() || phost.is_null() || pport.is_null() {
        crate::runtime::errstr::set(b"dialparse: nil argument");
        return -1;
    }
    let ss = phost as *mut libc::sockaddr_storage;
    core::ptr::write_bytes(ss, 0, 1);
    *punix = null_mut();
    let a = cbytes(addr);
    let bad = |m: &[u8]| {
        crate::runtime::errstr::set(m);
        -1
    };
    let Some(b1) = a.iter().position(|&c| c == b'!') else { return bad(b"malformed address") };
    *addr.add(b1) = 0;
    let net = &a[..b1];
    let rest = &a[b1 + 1..];
    let unix = |host: &[u8], hp: *mut c_char| -> c_int {
        let un = ss as *mut libc::sockaddr_un;
        if host.len() + 1 > (*un).sun_path.len() {
            crate::runtime::errstr::set(b"unix socket name too long");
            return -1;
        }
        *punix = hp;
        *pnet = cnet(b"unix");
        (*un).sun_family = libc::AF_UNIX as libc::sa_family_t;
        core::ptr::copy_nonoverlapping(host.as_ptr(), (*un).sun_path.as_mut_ptr() as *mut u8, host.len());
        *pport = 0;
        0
    };
    let hostp = addr.add(b1 + 1);
    let Some(b2) = rest.iter().position(|&c| c == b'!') else {
        if net == b"unix" || net == b"net" {
            return unix(rest, hostp);
        }
        return bad(b"malformed address");
    };
    *hostp.add(b2) = 0;
    let host = &rest[..b2];
    let port = &rest[b2 + 1..];
    if host.is_empty() {
        return bad(b"malformed address (empty host)");
    }
    if port.is_empty() {
        return bad(b"malformed address (empty port)");
    }
    if net == b"unix" {
        return unix(host, hostp);
    }
    let text = |v: &[&[u8]]| v.concat();
    if net != b"tcp" && net != b"udp" && net != b"net" {
        return bad(&text(&[b"bad network ", net, b"!", host, b"!", port]));
    }
    if !sethost(ss, host) {
        return bad(&text(&[b"unknown host ", host]));
    }
    let done = |n: &[u8], p: c_int| {
        *pnet = cnet(n);
        *pport = p;
        setport(ss, p);
        0
    };
    if net == b"net" {
        for n in [&b"tcp"[..], b"udp"] {
            if let Some(p) = servport(port, n) {
                return done(n, p);
            }
        }
    }
    for (n, s, p) in PORTS {
        if (net == b"net" || net == n) && s == port {
            return done(n, p);
        }
    }
    if net == b"net" {
        return bad(&text(&[b"unknown service net!*!", port]));
    }
    if let Some(p) = number(port).or_else(|| servport(port, net)) {
        return done(net, p);
    }
    bad(&text(&[b"unknown service ", net, b"!*!", port]))
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
#[no_mangle]
pub extern "C" fn truerand() -> c_ulong {
    let mut b = [0u8; core::mem::size_of::<c_ulong>()];
    if !random_bytes(&mut b) {
        // SAFETY: a NUL-terminated message; thread9_rt_fatal does not return.
        unsafe { super::thread9_rt_fatal(c"truerand: can't read random numbers".as_ptr()) };
    }
    c_ulong::from_ne_bytes(b)
}

/// ntruerand: a truly random number in [0, n) (0 for n = 0), without modulo bias.
#[no_mangle]
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
#[no_mangle]
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
#[no_mangle]
pub unsafe extern "C" fn p9exec(prog: *const c_char, argv: *const *const c_char) -> c_int {
    if prog.is_null() || argv.is_null() {
        crate::runtime::errstr::set(b"exec: nil argument");
        return -1;
    }
    libc::execvp(prog, argv);
    syserr();
    -1
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
        assert_eq!(number(b"0x10"), Some(16));
        assert_eq!(number(b"010"), Some(8));
        assert_eq!(number(b"80"), Some(80));
        assert_eq!(number(b"http"), None);
    }
}
