//! The lib9 calls behind ioproc's iodial/iosendfd/iorecvfd/ioread9pmsg, for programs
//! that call them directly: p9dial, sendfd, recvfd, read9pmsg.

use crate::base::report::cbytes;
use crate::runtime::errstr::set_from_errno as syserr;
use core::ffi::{c_char, c_int, c_uint, c_void};

/// p9dial: connects to `tcp!host!port`, `udp!host!port`, `net!host!port` or
/// `unix!path`; `local`, `dir` and `cdfp` are ignored, as plan9port's dial does.
/// Returns the fd, or -1 with errstr set.
#[no_mangle]
pub unsafe extern "C" fn p9dial(addr: *const c_char, _local: *const c_char, _dir: *const c_char, _cdfp: *mut c_int) -> c_int {
    if addr.is_null() {
        crate::runtime::errstr::set(b"dial: nil address");
        return -1;
    }
    crate::io::ioproc::dial(cbytes(addr)) as c_int
}

/// A msghdr carrying one data byte and room for one SCM_RIGHTS fd: the message of
/// sendfd/recvfd, shared with iopause's thread-blocking forms.
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
            if n == 0 || c.is_null() || (*c).cmsg_level != libc::SOL_SOCKET || (*c).cmsg_type != libc::SCM_RIGHTS {
                crate::runtime::errstr::set(b"recvfd: no file descriptor received");
                return -1;
            }
            let fd = core::ptr::read_unaligned(libc::CMSG_DATA(c) as *const c_int);
            libc::fcntl(fd, libc::F_SETFD, 0);
            fd
        }
    }
}

/// sendfd: passes `fd` over the Unix-domain socket `s` (SCM_RIGHTS).
#[no_mangle]
pub unsafe extern "C" fn sendfd(s: c_int, fd: c_int) -> c_int {
    let m = FdMsg::carrying(fd);
    let n = loop {
        let n = libc::sendmsg(s, &m.msg, libc::MSG_NOSIGNAL);
        if n >= 0 || *libc::__errno_location() != libc::EINTR {
            break n;
        }
    };
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

/// recvfd: receives an fd passed over the Unix-domain socket `s`.
#[no_mangle]
pub unsafe extern "C" fn recvfd(s: c_int) -> c_int {
    let mut m = FdMsg::receiving();
    let n = loop {
        let n = libc::recvmsg(s, &mut m.msg, libc::MSG_CMSG_CLOEXEC);
        if n >= 0 || *libc::__errno_location() != libc::EINTR {
            break n;
        }
    };
    if n < 0 {
        syserr();
        return -1;
    }
    m.received(n)
}

/// read9pmsg: reads one 9P message (size[4] little-endian, then the rest) into buf
/// (n bytes). Returns its length, 0 at end of file, -1 on error or a bad size.
#[no_mangle]
pub unsafe extern "C" fn read9pmsg(fd: c_int, buf: *mut c_void, n: c_uint) -> c_int {
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

/// plan9port names a connection by a "directory" string holding its fd.
const NETPATHLEN: usize = 40;

/// Writes a connection's "directory" (NETPATHLEN bytes) for `fd`; nil `dir` is fine.
pub(crate) unsafe fn putfd(dir: *mut c_char, fd: c_int) {
    if dir.is_null() {
        return;
    }
    let s = format!("/dev/fd/{fd}");
    let n = s.len().min(NETPATHLEN - 1);
    core::ptr::copy_nonoverlapping(s.as_ptr(), dir as *mut u8, n);
    *dir.add(n) = 0;
}

/// The fd a "directory" from announce/listen names, or -1 with errstr set.
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
            crate::runtime::errstr::set(format!("{call}: bad directory {:?}", String::from_utf8_lossy(d)).as_bytes());
            -1
        }
    }
}

/// p9announce: a listening socket for `tcp!*!port`, `tcp!host!port`, `udp!…` (`net` means
/// tcp; `*` or an empty host means every address) or `unix!path`. `dir` (NETPATHLEN bytes)
/// receives the connection's name for listen. Returns the socket, or -1 with errstr set.
#[no_mangle]
pub unsafe extern "C" fn p9announce(addr: *const c_char, dir: *mut c_char) -> c_int {
    if addr.is_null() {
        crate::runtime::errstr::set(b"announce: nil address");
        return -1;
    }
    let a = String::from_utf8_lossy(cbytes(addr)).into_owned();
    let parts: Vec<&str> = a.split('!').collect();
    if let ["unix", path] = parts.as_slice() {
        let mut sa: libc::sockaddr_un = core::mem::zeroed();
        if path.len() >= sa.sun_path.len() {
            crate::runtime::errstr::set(b"announce: unix path too long");
            return -1;
        }
        sa.sun_family = libc::AF_UNIX as libc::sa_family_t;
        for (i, &c) in path.as_bytes().iter().enumerate() {
            sa.sun_path[i] = c as c_char;
        }
        let s = libc::socket(libc::AF_UNIX, libc::SOCK_STREAM, 0);
        if s < 0 {
            syserr();
            return -1;
        }
        let len = (core::mem::size_of::<libc::sa_family_t>() + path.len() + 1) as libc::socklen_t;
        if libc::bind(s, &sa as *const _ as *const libc::sockaddr, len) < 0 || libc::listen(s, 128) < 0 {
            syserr();
            libc::close(s);
            return -1;
        }
        putfd(dir, s);
        return s;
    }
    let (net, host, port) = match parts.as_slice() {
        [n, h, p] => (*n, *h, *p),
        [h, p] => ("net", *h, *p),
        _ => {
            crate::runtime::errstr::set(b"announce: bad address (want net!host!port)");
            return -1;
        }
    };
    let socktype = match net {
        "tcp" | "net" => libc::SOCK_STREAM,
        "udp" => libc::SOCK_DGRAM,
        _ => {
            crate::runtime::errstr::set(format!("announce: unsupported network {net}").as_bytes());
            return -1;
        }
    };
    let any = host.is_empty() || host == "*";
    let (Ok(h), Ok(p)) = (std::ffi::CString::new(host), std::ffi::CString::new(port)) else {
        crate::runtime::errstr::set(b"announce: bad address");
        return -1;
    };
    let mut hints: libc::addrinfo = core::mem::zeroed();
    hints.ai_family = if any { libc::AF_INET } else { libc::AF_UNSPEC };
    hints.ai_socktype = socktype;
    hints.ai_flags = libc::AI_PASSIVE;
    let mut res: *mut libc::addrinfo = core::ptr::null_mut();
    let g = libc::getaddrinfo(if any { core::ptr::null() } else { h.as_ptr() }, p.as_ptr(), &hints, &mut res);
    if g != 0 {
        let m = std::ffi::CStr::from_ptr(libc::gai_strerror(g)).to_string_lossy().into_owned();
        crate::runtime::errstr::set(format!("announce: {m}").as_bytes());
        return -1;
    }
    let mut r = -1;
    let mut ai = res;
    while !ai.is_null() {
        let s = libc::socket((*ai).ai_family, (*ai).ai_socktype, (*ai).ai_protocol);
        if s >= 0 {
            let one: c_int = 1;
            libc::setsockopt(s, libc::SOL_SOCKET, libc::SO_REUSEADDR, &one as *const c_int as *const c_void, 4);
            if libc::bind(s, (*ai).ai_addr, (*ai).ai_addrlen) == 0
                && (socktype != libc::SOCK_STREAM || libc::listen(s, 128) == 0)
            {
                r = s;
                break;
            }
            syserr();
            libc::close(s);
        } else {
            syserr();
        }
        ai = (*ai).ai_next;
    }
    libc::freeaddrinfo(res);
    if r >= 0 {
        putfd(dir, r);
    }
    r
}

/// p9listen: waits for a call on an announced address (blocking the proc, as
/// plan9port's does; threadlisten parks only the thread). `newdir` names the new
/// connection. Returns its fd, or -1 with errstr set.
#[no_mangle]
pub unsafe extern "C" fn p9listen(dir: *const c_char, newdir: *mut c_char) -> c_int {
    let s = dirfd(dir, "listen");
    if s < 0 {
        return -1;
    }
    let fd = loop {
        let fd = libc::accept4(s, core::ptr::null_mut(), core::ptr::null_mut(), 0);
        if fd >= 0 || *libc::__errno_location() != libc::EINTR {
            break fd;
        }
    };
    if fd < 0 {
        syserr();
        return -1;
    }
    putfd(newdir, fd);
    fd
}

/// p9accept: the data fd of a connection from listen (a dup of it, as plan9port).
#[no_mangle]
pub unsafe extern "C" fn p9accept(_ctl: c_int, dir: *const c_char) -> c_int {
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

/// p9reject: refuses a call from listen by closing it.
#[no_mangle]
pub unsafe extern "C" fn p9reject(_ctl: c_int, dir: *const c_char, _cause: *const c_char) -> c_int {
    let fd = dirfd(dir, "reject");
    if fd < 0 {
        return -1;
    }
    libc::close(fd);
    0
}
