//! The thread-blocking fd calls (threadread, threadwrite, threadreadn,
//! threadread9pmsg, threadsendfd/threadrecvfd, threadlisten, threadsockaccept,
//! threadconnect, threadfdnoblock): each parks only the caller while its fd is not
//! ready.

use super::wait::{errno, fail_errno, interrupted, set_errno, wait_one, wait_ready};
use crate::base::report;
use crate::io::net::FdMsg;
use crate::runtime::errstr;
use crate::runtime::poll;
use core::ffi::{c_char, c_void};

fn getfl(fd: i32) -> i32 {
    // SAFETY: F_GETFL has no memory arguments.
    unsafe { libc::fcntl(fd, libc::F_GETFL) }
}

/// threadread: one read that parks only the caller. Sockets: recv(MSG_DONTWAIT);
/// other fds: wait until readable, then one read (EAGAIN on a non-blocking fd just
/// waits again). A reader racing on a shared blocking fd could make that read block
/// the proc: threadfdnoblock prevents it. Never changes the fd's flags.
pub fn read(fd: i32, buf: *mut c_void, n: i64) -> i64 {
    if n < 0 {
        report::complain("threadread", &format!("negative count {n}"));
        fail_errno(libc::EINVAL);
        return -1;
    }
    let n = n as usize;
    // SAFETY: the caller passes a buffer of n bytes; the syscalls check the rest.
    unsafe {
        if poll::kind(fd) != poll::KIND_OTHER {
            loop {
                let r = libc::recv(fd, buf, n, libc::MSG_DONTWAIT);
                if r >= 0 {
                    return r as i64;
                }
                match errno() {
                    libc::EAGAIN => {
                        poll::set_kind(fd, poll::KIND_SOCKET);
                        if wait_ready(fd, libc::POLLIN) < 0 {
                            return -1;
                        }
                    }
                    libc::EINTR => {}
                    libc::ENOTSOCK => {
                        poll::set_kind(fd, poll::KIND_OTHER);
                        break;
                    }
                    e => {
                        fail_errno(e);
                        return -1;
                    }
                }
            }
        }
        loop {
            if wait_one(fd, libc::POLLIN) < 0 {
                return -1;
            }
            let r = libc::read(fd, buf, n);
            if r >= 0 {
                return r as i64;
            }
            match errno() {
                libc::EAGAIN => {}
                // A signal, e.g. threadint's to a thread stuck in this read (the
                // shared-fd race): report it as read(2) would.
                libc::EINTR => return interrupted() as i64,
                e => {
                    fail_errno(e);
                    return -1;
                }
            }
        }
    }
}

/// threadreadn: reads until n bytes, EOF or an error; a partial count if any was read.
pub fn readn(fd: i32, buf: *mut c_void, n: i64) -> i64 {
    if n < 0 {
        report::complain("threadreadn", &format!("negative count {n}"));
        fail_errno(libc::EINVAL);
        return -1;
    }
    let mut got = 0i64;
    while got < n {
        // SAFETY: within the caller's n-byte buffer.
        let r = read(fd, unsafe { (buf as *mut u8).add(got as usize) } as *mut c_void, n - got);
        if r < 0 {
            return if got > 0 { got } else { -1 };
        }
        if r == 0 {
            break;
        }
        got += r;
    }
    got
}

/// threadwrite: writes all n bytes (plan9port), parking only the caller while the fd
/// is full. Sockets: send(MSG_DONTWAIT). Other fds: wait until writable, then write;
/// pipes, ttys and the like take PIPE_BUF pieces, which a writable pipe accepts
/// without blocking; regular files are written directly.
pub fn write(fd: i32, buf: *const c_void, n: i64) -> i64 {
    if n < 0 {
        report::complain("threadwrite", &format!("negative count {n}"));
        fail_errno(libc::EINVAL);
        return -1;
    }
    let n = n as usize;
    let mut off = 0usize;
    let partial = |off: usize| if off > 0 { off as i64 } else { -1 };
    // SAFETY: the caller's buffer holds n bytes; the syscalls check the rest.
    unsafe {
        let p = |off: usize| (buf as *const u8).add(off) as *const c_void;
        if poll::kind(fd) != poll::KIND_OTHER {
            loop {
                let r = libc::send(fd, p(off), n - off, libc::MSG_DONTWAIT);
                if r >= 0 {
                    off += r as usize;
                    if off >= n {
                        return n as i64;
                    }
                    continue;
                }
                match errno() {
                    libc::EAGAIN => {
                        poll::set_kind(fd, poll::KIND_SOCKET);
                        if wait_ready(fd, libc::POLLOUT) < 0 {
                            return partial(off);
                        }
                    }
                    libc::EINTR => {}
                    libc::ENOTSOCK => {
                        poll::set_kind(fd, poll::KIND_OTHER);
                        break;
                    }
                    e => {
                        fail_errno(e);
                        return partial(off);
                    }
                }
            }
        }
        let mut piece = n;
        if n > libc::PIPE_BUF {
            let mut st: libc::stat = core::mem::zeroed();
            let f = if libc::fstat(fd, &mut st) == 0 { st.st_mode & libc::S_IFMT } else { 0 };
            if f != libc::S_IFREG && f != libc::S_IFBLK {
                piece = libc::PIPE_BUF;
            }
        }
        loop {
            if wait_one(fd, libc::POLLOUT) < 0 {
                return partial(off);
            }
            let r = libc::write(fd, p(off), (n - off).min(piece));
            if r >= 0 {
                off += r as usize;
                if off >= n {
                    return n as i64;
                }
                continue;
            }
            match errno() {
                libc::EAGAIN => {}
                libc::EINTR => {
                    interrupted();
                    return partial(off);
                }
                e => {
                    fail_errno(e);
                    return partial(off);
                }
            }
        }
    }
}

/// threadread9pmsg: one 9P message (size[4] little-endian, then the rest) into
/// `buf`; its length, 0 at EOF, -1 on an error or a bad length (as lib9's read9pmsg).
pub fn read9pmsg(fd: i32, buf: *mut c_void, n: u32) -> i32 {
    let b = buf as *mut u8;
    if n < 4 {
        errstr::set(b"read9pmsg: buffer too small");
        set_errno(libc::EINVAL);
        return -1;
    }
    let m = readn(fd, buf, 4);
    if m != 4 {
        return if m < 0 { -1 } else { 0 };
    }
    // SAFETY: the first 4 bytes of the caller's n-byte buffer were just read.
    let len = u32::from_le_bytes(unsafe { [*b, *b.add(1), *b.add(2), *b.add(3)] });
    if len <= 4 || len > n {
        errstr::set(b"bad length in 9P2000 message header");
        set_errno(libc::EINVAL);
        return -1;
    }
    // SAFETY: len <= n: the rest fits the caller's buffer.
    let m = readn(fd, unsafe { b.add(4) } as *mut c_void, (len - 4) as i64);
    if m < 0 {
        return -1;
    }
    if m < (len - 4) as i64 {
        return 0;
    }
    len as i32
}

/// threadsendfd: passes `fd` over the Unix socket `s` (SCM_RIGHTS), parking only the
/// caller while the socket is full. 0 or -1.
pub fn sendfd(s: i32, fd: i32) -> i32 {
    let m = FdMsg::carrying(fd);
    // SAFETY: sendmsg of our own message.
    match dontwait(s, libc::POLLOUT, || unsafe { libc::sendmsg(s, &m.msg, libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL) }) {
        Some(1) => 0,
        Some(_) => {
            errstr::set(b"sendfd: short write");
            -1
        }
        None => -1,
    }
}

/// threadrecvfd: receives an fd passed over the Unix socket `s`, parking only the
/// caller until one arrives. The new fd is inheritable, as plan9port's recvfd leaves it.
pub fn recvfd(s: i32) -> i32 {
    let mut m = FdMsg::receiving();
    // SAFETY: recvmsg into our own message.
    match dontwait(s, libc::POLLIN, || unsafe {
        libc::recvmsg(s, &mut m.msg, libc::MSG_DONTWAIT | libc::MSG_CMSG_CLOEXEC)
    }) {
        Some(n) => m.received(n),
        None => -1,
    }
}

/// Repeats a MSG_DONTWAIT socket call on `s` until it gets past EAGAIN, parking only
/// the caller on `ev` in between (EINTR retries). None on failure, errstr set.
fn dontwait(s: i32, ev: i16, mut op: impl FnMut() -> isize) -> Option<isize> {
    loop {
        let n = op();
        if n >= 0 {
            return Some(n);
        }
        match errno() {
            libc::EAGAIN => {
                if wait_ready(s, ev) < 0 {
                    return None;
                }
            }
            libc::EINTR => {}
            e => {
                fail_errno(e);
                return None;
            }
        }
    }
}

/// threadlisten: plan9port's listen on an announce "directory", parking only the caller
/// (threadsockaccept underneath); `newdir` names the new connection.
///
/// # Safety
/// `dir` is a NUL-terminated string; `newdir` is nil or has NETPATHLEN (40) bytes.
pub unsafe fn listen(dir: *const c_char, newdir: *mut c_char) -> i32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let s = crate::io::net::dirfd(dir, "threadlisten");
        if s < 0 {
            return -1;
        }
        let fd = sockaccept(s, core::ptr::null_mut(), core::ptr::null_mut());
        if fd < 0 {
            return -1;
        }
        // plan9port leaves the connection inheritable (and TCP_NODELAY, as listen does).
        libc::fcntl(fd, libc::F_SETFD, 0);
        crate::io::net::listened(fd);
        crate::io::net::putfd(newdir, fd);
        fd
    }
}

/// threadsockaccept: accept4(SOCK_CLOEXEC), parking only the caller until a
/// connection is pending.
pub fn sockaccept(fd: i32, sa: *mut libc::sockaddr, len: *mut libc::socklen_t) -> i32 {
    let fl = getfl(fd);
    if fl < 0 {
        fail_errno(errno());
        return -1;
    }
    let nonblock = fl & libc::O_NONBLOCK != 0;
    loop {
        if !nonblock && wait_one(fd, libc::POLLIN) < 0 {
            return -1;
        }
        // SAFETY: sa/len are the caller's (nil allowed, as for accept).
        let r = unsafe { libc::accept4(fd, sa, len, libc::SOCK_CLOEXEC) };
        if r >= 0 {
            return r;
        }
        match errno() {
            libc::EAGAIN if nonblock => {
                if wait_one(fd, libc::POLLIN) < 0 {
                    return -1;
                }
            }
            libc::EAGAIN | libc::EINTR | libc::ECONNABORTED => {}
            e => {
                fail_errno(e);
                return -1;
            }
        }
    }
}

/// threadconnect: a non-blocking connect (the fd's flags restored at once), then a
/// park until it completes and SO_ERROR for the outcome.
pub fn connect(fd: i32, sa: *const libc::sockaddr, len: libc::socklen_t) -> i32 {
    let fl = getfl(fd);
    if fl < 0 {
        fail_errno(errno());
        return -1;
    }
    // SAFETY: plain fcntl/connect/getsockopt calls on the caller's fd and address.
    unsafe {
        if fl & libc::O_NONBLOCK == 0 {
            libc::fcntl(fd, libc::F_SETFL, fl | libc::O_NONBLOCK);
        }
        let r = libc::connect(fd, sa, len);
        let e = errno();
        if fl & libc::O_NONBLOCK == 0 {
            libc::fcntl(fd, libc::F_SETFL, fl);
        }
        if r == 0 {
            return 0;
        }
        if e != libc::EINPROGRESS && e != libc::EAGAIN && e != libc::EALREADY {
            fail_errno(e);
            return -1;
        }
        if wait_one(fd, libc::POLLOUT) < 0 {
            return -1;
        }
        let mut err: i32 = 0;
        let mut l = core::mem::size_of::<i32>() as libc::socklen_t;
        if libc::getsockopt(fd, libc::SOL_SOCKET, libc::SO_ERROR, &mut err as *mut i32 as *mut c_void, &mut l) < 0 {
            fail_errno(errno());
            return -1;
        }
        if err != 0 {
            fail_errno(err);
            return -1;
        }
        0
    }
}

/// threadfdnoblock: the explicit opt-in to O_NONBLOCK (then no read can block the proc).
pub fn fdnoblock(fd: i32) -> i32 {
    let fl = getfl(fd);
    // SAFETY: fcntl with an int argument.
    if fl < 0 || unsafe { libc::fcntl(fd, libc::F_SETFL, fl | libc::O_NONBLOCK) } < 0 {
        fail_errno(errno());
        return -1;
    }
    0
}
