//! lib9's network calls: p9dial (iodial's too), p9dialparse, p9announce, p9listen,
//! p9accept, p9reject, sendfd, recvfd and read9pmsg, with plan9port's socket options,
//! fd flags and error strings (docs/lib9-parity.md).

use crate::base::report::cbytes;
use crate::runtime::errstr::{set_from_errno as syserr, set_from_errno_as as syserr_as};
use core::ffi::{c_char, c_int, c_uint, c_void};
use core::ptr::null_mut;

/// p9dial: connects to `net!host!port` (tcp, udp, or net: the network the service
/// names) or `unix!path`, as plan9port's dial: the address is what p9dialparse makes of
/// it (IPv4 first, plan9port's service table), `*` is refused, a `local` address is
/// bound first, every socket gets SO_BROADCAST, and a unix! path that open(2) accepts
/// (a plain file, a FIFO) is opened instead of connected to; a tcp connection is
/// TCP_NODELAY. The fd is blocking and inheritable. `dir` and `cdfp` are ignored (plan9port refuses them). Returns the fd,
/// or -1 with errstr set.
///
/// # Safety
/// `addr` and `local` are each null or a NUL-terminated string readable for the call
/// (`dir` and `cdfp` are not read).
pub unsafe extern "C" fn p9dial(
    addr: *const c_char,
    local: *const c_char,
    _dir: *const c_char,
    _cdfp: *mut c_int,
) -> c_int {
    if addr.is_null() {
        crate::runtime::errstr::set(b"dial: nil address");
        return -1;
    }
    dial(cbytes(addr), (!local.is_null()).then(|| cbytes(local)))
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
        if crate::base::nss::getaddrinfo(null_mut(), s.as_ptr() as *const c_char, &hints, &mut res) != 0
            || res.is_null()
        {
            return None;
        }
        let sin = (*res).ai_addr as *const libc::sockaddr_in;
        let p = u16::from_be((*sin).sin_port) as c_int;
        crate::base::nss::freeaddrinfo(res);
        Some(p)
    }
}

/// Resolves `host` into `ss` (IPv4 first, as gethostbyname did for plan9port).
///
/// # Safety
/// `ss` points to a writable sockaddr_storage.
unsafe fn sethost(ss: *mut libc::sockaddr_storage, host: &[u8]) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
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
            if crate::base::nss::getaddrinfo(h.as_ptr() as *const c_char, null_mut(), &hints, &mut res) != 0
                || res.is_null()
            {
                continue;
            }
            let fam = (*(*res).ai_addr).sa_family as c_int;
            let ok = fam == libc::AF_INET || fam == libc::AF_INET6;
            if ok {
                let n = ((*res).ai_addrlen as usize).min(core::mem::size_of::<libc::sockaddr_storage>());
                core::ptr::copy_nonoverlapping((*res).ai_addr as *const u8, ss as *mut u8, n);
            }
            crate::base::nss::freeaddrinfo(res);
            if ok {
                return true;
            }
        }
        false
    }
}

/// # Safety
/// `ss` points to a writable sockaddr_storage whose family `sethost` set (AF_INET or
/// AF_INET6).
unsafe fn setport(ss: *mut libc::sockaddr_storage, port: c_int) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        match (*ss).ss_family as c_int {
            libc::AF_INET => (*(ss as *mut libc::sockaddr_in)).sin_port = (port as u16).to_be(),
            _ => (*(ss as *mut libc::sockaddr_in6)).sin6_port = (port as u16).to_be(),
        }
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
///
/// # Safety
/// `addr` is null or a writable NUL-terminated string (split in place: `*punix` may point
/// into it afterwards); `pnet`, `punix`, `pport` are null or writable; `phost` is null
/// or a writable struct sockaddr_storage.
pub unsafe extern "C" fn p9dialparse(
    addr: *mut c_char,
    pnet: *mut *mut c_char,
    punix: *mut *mut c_char,
    phost: *mut c_void,
    pport: *mut c_int,
) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
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
}

/// A dial string as p9dialparse splits it.
struct Parsed {
    net: &'static str,
    ss: libc::sockaddr_storage,
    port: c_int,
}

/// p9dialparse of a copy of `addr`; None with errstr set.
fn parse(addr: &[u8]) -> Option<Parsed> {
    let mut buf = addr.to_vec();
    buf.push(0);
    let mut net: *mut c_char = core::ptr::null_mut();
    let mut unix: *mut c_char = core::ptr::null_mut();
    // SAFETY: all-zero is a valid sockaddr_storage; p9dialparse gets valid out-pointers
    // and a NUL-terminated buffer it may write into.
    unsafe {
        let mut ss: libc::sockaddr_storage = core::mem::zeroed();
        let mut port: c_int = 0;
        if p9dialparse(
            buf.as_mut_ptr() as *mut c_char,
            &mut net,
            &mut unix,
            &mut ss as *mut _ as *mut c_void,
            &mut port,
        ) < 0
        {
            return None;
        }
        let net = match cbytes(net) {
            b"tcp" => "tcp",
            b"udp" => "udp",
            _ => "unix",
        };
        Some(Parsed { net, ss, port })
    }
}

/// The length bind/connect take for `ss`, as plan9port passes it.
fn addrlen(ss: &libc::sockaddr_storage) -> libc::socklen_t {
    (match ss.ss_family as c_int {
        libc::AF_INET => core::mem::size_of::<libc::sockaddr_in>(),
        libc::AF_INET6 => core::mem::size_of::<libc::sockaddr_in6>(),
        libc::AF_UNIX => core::mem::size_of::<libc::sockaddr_un>(),
        _ => 0,
    }) as libc::socklen_t
}

/// Whether `ss` is the wildcard address (what `*` parses to).
fn isany(ss: &libc::sockaddr_storage) -> bool {
    let p = ss as *const libc::sockaddr_storage;
    // SAFETY: the family says which layout the storage holds.
    unsafe {
        match ss.ss_family as c_int {
            libc::AF_INET => (*(p as *const libc::sockaddr_in)).sin_addr.s_addr == 0,
            libc::AF_INET6 => (*(p as *const libc::sockaddr_in6)).sin6_addr.s6_addr == [0; 16],
            _ => false,
        }
    }
}

/// # Safety
/// None: setsockopt gets a pointer to a local int; a bad `s` or option just fails.
unsafe fn setopt(s: c_int, level: c_int, name: c_int) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let one: c_int = 1;
        libc::setsockopt(
            s,
            level,
            name,
            &one as *const c_int as *const c_void,
            core::mem::size_of::<c_int>() as libc::socklen_t,
        );
    }
}

/// SOCK_STREAM for tcp, SOCK_DGRAM for udp.
fn socktype(net: &str) -> c_int {
    if net == "udp" {
        libc::SOCK_DGRAM
    } else {
        libc::SOCK_STREAM
    }
}

/// p9dial's work (iodial's too): the fd, or -1 with errstr set.
pub(crate) fn dial(addr: &[u8], local: Option<&[u8]>) -> c_int {
    let Some(p) = parse(addr) else { return -1 };
    if p.net == "unix" {
        return dial_unix(&p, local.is_some());
    }
    if isany(&p.ss) {
        crate::runtime::errstr::set(b"invalid dial address 0.0.0.0 (aka *)");
        return -1;
    }
    // SAFETY: socket calls on our own fd with initialised addresses.
    unsafe {
        let s = libc::socket(p.ss.ss_family as c_int, socktype(p.net), 0);
        if s < 0 {
            syserr();
            return -1;
        }
        if let Some(l) = local {
            let Some(lp) = parse(l) else {
                libc::close(s);
                return -1;
            };
            if lp.net == "unix" {
                let m = format!(
                    "bad local address {} for dial {}",
                    String::from_utf8_lossy(l),
                    String::from_utf8_lossy(addr)
                );
                crate::runtime::errstr::set(m.as_bytes());
                libc::close(s);
                return -1;
            }
            if lp.port != 0 && p.net == "tcp" {
                setopt(s, libc::SOL_SOCKET, libc::SO_REUSEADDR);
            }
            if libc::bind(s, &lp.ss as *const _ as *const libc::sockaddr, addrlen(&lp.ss)) < 0 {
                syserr();
                libc::close(s);
                return -1;
            }
        }
        setopt(s, libc::SOL_SOCKET, libc::SO_BROADCAST);
        if libc::connect(s, &p.ss as *const _ as *const libc::sockaddr, addrlen(&p.ss)) < 0 {
            syserr();
            libc::close(s);
            return -1;
        }
        if p.net == "tcp" {
            // As plan9port's dial: protocols such as venti's write a message in
            // pieces and would otherwise wait for the peer's delayed ACK on every
            // request (~40 ms).
            setopt(s, libc::IPPROTO_TCP, libc::TCP_NODELAY);
        }
        s
    }
}

/// dial of a unix! address: open(2) first (plain files and FIFOs), else connect.
fn dial_unix(p: &Parsed, local: bool) -> c_int {
    if local {
        crate::runtime::errstr::set(b"local address not supported on unix network");
        return -1;
    }
    let un = &p.ss as *const libc::sockaddr_storage as *const libc::sockaddr_un;
    // SAFETY: p9dialparse stored a NUL-terminated sun_path; the socket is ours.
    unsafe {
        let path = (*un).sun_path.as_ptr();
        let fd = libc::open(path, libc::O_RDWR);
        if fd >= 0 {
            return fd;
        }
        let s = libc::socket(libc::AF_UNIX, libc::SOCK_STREAM, 0);
        if s < 0 {
            syserr_as(b"socket");
            return -1;
        }
        if libc::connect(s, un as *const libc::sockaddr, addrlen(&p.ss)) < 0 {
            syserr_as(&[&b"connect "[..], cbytes(path)].concat());
            libc::close(s);
            return -1;
        }
        s
    }
}

/// A msghdr carrying one data byte and room for one SCM_RIGHTS fd: the message of
/// sendfd/recvfd, shared with the thread-blocking forms in threadio.rs.
pub(crate) struct FdMsg {
    byte: u8,
    iov: libc::iovec,
    cbuf: [u64; 8],
    pub msg: libc::msghdr,
}

impl FdMsg {
    fn new() -> Box<FdMsg> {
        // SAFETY: all-zero is a valid msghdr/iovec; the pointers are set below into
        // the box, whose address does not change.
        let mut m: Box<FdMsg> = Box::new(unsafe { core::mem::zeroed() });
        m.iov = libc::iovec { iov_base: &mut m.byte as *mut u8 as *mut c_void, iov_len: 1 };
        m.msg.msg_iov = &mut m.iov;
        m.msg.msg_iovlen = 1;
        m.msg.msg_control = m.cbuf.as_mut_ptr() as *mut c_void;
        m.msg.msg_controllen = core::mem::size_of::<[u64; 8]>();
        m
    }

    /// A message passing `fd`.
    pub fn carrying(fd: c_int) -> Box<FdMsg> {
        let mut m = Self::new();
        // SAFETY: the control buffer has room for one cmsg with one int.
        unsafe {
            m.msg.msg_controllen = libc::CMSG_SPACE(4) as usize;
            let c = libc::CMSG_FIRSTHDR(&m.msg);
            (*c).cmsg_level = libc::SOL_SOCKET;
            (*c).cmsg_type = libc::SCM_RIGHTS;
            (*c).cmsg_len = libc::CMSG_LEN(4) as usize;
            core::ptr::write_unaligned(libc::CMSG_DATA(c) as *mut c_int, fd);
        }
        m
    }

    /// An empty message for recvmsg.
    pub fn receiving() -> Box<FdMsg> {
        Self::new()
    }

    /// The fd recvmsg (which returned `n`) brought, made inheritable as plan9port's
    /// recvfd leaves it (MSG_CMSG_CLOEXEC only closes the window for a concurrent exec);
    /// -1 with errstr set if the message carried none.
    pub fn received(&self, n: isize) -> c_int {
        // SAFETY: the header and control buffer are ours, filled by recvmsg.
        unsafe {
            let c = libc::CMSG_FIRSTHDR(&self.msg);
            if n == 0 {
                crate::runtime::errstr::set(b"unexpected EOF");
                return -1;
            }
            if c.is_null() || (*c).cmsg_level != libc::SOL_SOCKET || (*c).cmsg_type != libc::SCM_RIGHTS {
                crate::runtime::errstr::set(b"recvfd: no file descriptor received");
                return -1;
            }
            let fd = core::ptr::read_unaligned(libc::CMSG_DATA(c) as *const c_int);
            libc::fcntl(fd, libc::F_SETFD, 0);
            fd
        }
    }
}

/// sendfd: passes `fd` over the Unix-domain socket `s` (SCM_RIGHTS). Like plan9port's,
/// a note interrupts it (-1) and a dead peer raises SIGPIPE (a note, or nothing:
/// threaded programs never die of it).
///
/// # Safety
/// None: `s` and `fd` are plain descriptors (bad ones make sendmsg fail); the message
/// buffers are our own.
pub unsafe extern "C" fn sendfd(s: c_int, fd: c_int) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        let m = FdMsg::carrying(fd);
        let n = libc::sendmsg(s, &m.msg, 0);
        if n < 0 {
            syserr();
            return -1;
        }
        if n != 1 {
            crate::runtime::errstr::set(b"sendfd: short write");
            return -1;
        }
        0
    }
}

/// recvfd: receives an fd passed over the Unix-domain socket `s`; -1 with
/// "unexpected EOF" when the peer has gone, -1 when a note interrupts it.
///
/// # Safety
/// None: `s` is a plain descriptor (a bad one makes recvmsg fail); the message buffers
/// are our own.
pub unsafe extern "C" fn recvfd(s: c_int) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        let mut m = FdMsg::receiving();
        let n = libc::recvmsg(s, &mut m.msg, libc::MSG_CMSG_CLOEXEC);
        if n < 0 {
            syserr();
            return -1;
        }
        m.received(n)
    }
}

/// read9pmsg: reads one 9P message (size[4] little-endian, then the rest) into buf
/// (n bytes). Returns its length, 0 at end of file, -1 on error or a bad size.
///
/// # Safety
/// `buf` is null or writable for `n` bytes.
pub unsafe extern "C" fn read9pmsg(fd: c_int, buf: *mut c_void, n: c_uint) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        if buf.is_null() || n < 4 {
            crate::runtime::errstr::set(b"read9pmsg: bad buffer");
            return -1;
        }
        let b = buf as *mut u8;
        let m = super::fd::readn(fd, buf, 4);
        if m != 4 {
            return if m < 0 { -1 } else { 0 };
        }
        let len = u32::from_le_bytes([*b, *b.add(1), *b.add(2), *b.add(3)]);
        if len <= 4 || len > n {
            crate::runtime::errstr::set(b"bad length in 9P2000 message header");
            return -1;
        }
        let rest = (len - 4) as libc::c_long;
        let m = super::fd::readn(fd, b.add(4) as *mut c_void, rest);
        if m < 0 {
            return -1;
        }
        if m < rest {
            return 0;
        }
        len as c_int
    }
}

/// plan9port names a connection by a "directory" string holding its fd.
const NETPATHLEN: usize = 40;

/// Writes a connection's "directory" (NETPATHLEN bytes) for `fd`; nil `dir` is fine.
///
/// # Safety
/// `dir` is null or writable for NETPATHLEN (40) bytes.
pub(crate) unsafe fn putfd(dir: *mut c_char, fd: c_int) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if dir.is_null() {
            return;
        }
        let s = format!("/dev/fd/{fd}");
        let n = s.len().min(NETPATHLEN - 1);
        core::ptr::copy_nonoverlapping(s.as_ptr(), dir as *mut u8, n);
        *dir.add(n) = 0;
    }
}

/// The fd a "directory" from announce/listen names, or -1 with errstr set as
/// plan9port words it ("bad 'directory' in listen: DIR").
pub(crate) fn dirfd(dir: *const c_char, call: &str) -> c_int {
    let d = cbytes(dir);
    let fd = d
        .strip_prefix(b"/dev/fd/")
        .and_then(|n| std::str::from_utf8(n).ok())
        .and_then(|n| n.parse::<c_int>().ok())
        .filter(|&fd| fd >= 0);
    match fd {
        Some(fd) => fd,
        None => {
            let m = if call == "accept" {
                "bad 'directory' in accept".to_string()
            } else {
                format!("bad 'directory' in {call}: {}", String::from_utf8_lossy(d))
            };
            crate::runtime::errstr::set(m.as_bytes());
            -1
        }
    }
}

/// p9announce: a socket bound to `addr` as p9dialparse reads it (`tcp!*!port` is the
/// IPv6 wildcard, so IPv4 callers get in too; service names as for dial) or
/// `unix!path` (a stale socket file nobody answers on is replaced), as plan9port's:
/// SO_REUSEADDR for a stream socket on a given port, listening for tcp and unix; not
/// close-on-exec. `dir` (NETPATHLEN bytes) receives the name for listen. Returns the
/// socket, or -1 with errstr set.
///
/// # Safety
/// `addr` is null or a NUL-terminated string; `dir` is null or writable for NETPATHLEN
/// (40) bytes.
pub unsafe extern "C" fn p9announce(addr: *const c_char, dir: *mut c_char) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        if addr.is_null() {
            crate::runtime::errstr::set(b"announce: nil address");
            return -1;
        }
        let Some(p) = parse(cbytes(addr)) else { return -1 };
        if p.net == "unix" {
            return announce_unix(&p, dir);
        }
        let mut p = p;
        let ty = socktype(p.net);
        let mut s = libc::socket(p.ss.ss_family as c_int, ty, 0);
        if s < 0
            && *libc::__errno_location() == libc::EAFNOSUPPORT
            && p.ss.ss_family as c_int == libc::AF_INET6
            && isany(&p.ss)
        {
            // A kernel without IPv6: the IPv4 wildcard (plan9port would fail).
            let port = (*(&p.ss as *const _ as *const libc::sockaddr_in6)).sin6_port;
            p.ss = core::mem::zeroed();
            let sin = &mut p.ss as *mut _ as *mut libc::sockaddr_in;
            (*sin).sin_family = libc::AF_INET as libc::sa_family_t;
            (*sin).sin_port = port;
            s = libc::socket(libc::AF_INET, ty, 0);
        }
        if s < 0 {
            syserr();
            return -1;
        }
        if p.port != 0 && ty == libc::SOCK_STREAM {
            setopt(s, libc::SOL_SOCKET, libc::SO_REUSEADDR);
        }
        if libc::bind(s, &p.ss as *const _ as *const libc::sockaddr, addrlen(&p.ss)) < 0
            || (ty == libc::SOCK_STREAM && libc::listen(s, BACKLOG) < 0)
        {
            syserr();
            libc::close(s);
            return -1;
        }
        putfd(dir, s);
        s
    }
}

/// listen(2)'s backlog (plan9port asks for 8; more only helps a busy server).
const BACKLOG: c_int = 128;

/// # Safety
/// `p` is a unix! address from p9dialparse (its sun_path NUL-terminated); `dir` is null
/// or writable for NETPATHLEN (40) bytes.
unsafe fn announce_unix(p: &Parsed, dir: *mut c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let sa = &p.ss as *const _ as *const libc::sockaddr;
        let len = addrlen(&p.ss);
        let mut s = libc::socket(libc::AF_UNIX, libc::SOCK_STREAM, 0);
        if s < 0 {
            syserr();
            return -1;
        }
        if libc::bind(s, sa, len) < 0 {
            let stale = *libc::__errno_location() == libc::EADDRINUSE
                && libc::connect(s, sa, len) < 0
                && *libc::__errno_location() == libc::ECONNREFUSED;
            let mut ok = false;
            if stale {
                // Nobody answers: a dead server's socket file. Replace it.
                let path = (*(sa as *const libc::sockaddr_un)).sun_path.as_ptr();
                libc::unlink(path);
                libc::close(s);
                s = libc::socket(libc::AF_UNIX, libc::SOCK_STREAM, 0);
                if s < 0 {
                    syserr();
                    return -1;
                }
                ok = libc::bind(s, sa, len) == 0;
            }
            if !ok {
                syserr();
                libc::close(s);
                return -1;
            }
        }
        if libc::listen(s, BACKLOG) < 0 {
            syserr();
            libc::close(s);
            return -1;
        }
        putfd(dir, s);
        s
    }
}

/// What plan9port's listen does to a new connection: TCP_NODELAY (a no-op failure on
/// other sockets).
///
/// # Safety
/// None: `fd` is a plain descriptor (the option just fails on a socket that is not TCP).
pub(crate) unsafe fn listened(fd: c_int) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        setopt(fd, libc::IPPROTO_TCP, libc::TCP_NODELAY);
    }
}

/// p9listen: waits for a call on an announced address (blocking the proc, as
/// plan9port's does; threadlisten parks only the thread). `newdir` names the new
/// connection, which is blocking, inheritable and TCP_NODELAY. A note interrupts the
/// wait (-1, "interrupted"). Returns its fd, or -1 with errstr set.
///
/// # Safety
/// `dir` is null or a NUL-terminated string; `newdir` is null or writable for NETPATHLEN
/// (40) bytes.
pub unsafe extern "C" fn p9listen(dir: *const c_char, newdir: *mut c_char) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        let s = dirfd(dir, "listen");
        if s < 0 {
            return -1;
        }
        let fd = libc::accept(s, core::ptr::null_mut(), core::ptr::null_mut());
        if fd < 0 {
            syserr();
            return -1;
        }
        listened(fd);
        putfd(newdir, fd);
        fd
    }
}

/// p9accept: the data fd of a connection from listen (a dup of it, as plan9port).
///
/// # Safety
/// `dir` is null or a NUL-terminated string.
pub unsafe extern "C" fn p9accept(_ctl: c_int, dir: *const c_char) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        let fd = dirfd(dir, "accept");
        if fd < 0 {
            return -1;
        }
        let r = libc::dup(fd);
        if r < 0 {
            syserr();
        }
        r
    }
}

/// p9reject: refuses a call from listen by closing it.
///
/// # Safety
/// `dir` is null or a NUL-terminated string (`cause` is not read).
pub unsafe extern "C" fn p9reject(_ctl: c_int, dir: *const c_char, _cause: *const c_char) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        let fd = dirfd(dir, "reject");
        if fd < 0 {
            return -1;
        }
        libc::close(fd);
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_numbers() {
        assert_eq!(number(b"0x10"), Some(16));
        assert_eq!(number(b"010"), Some(8));
        assert_eq!(number(b"80"), Some(80));
        assert_eq!(number(b"http"), None);
    }
}
