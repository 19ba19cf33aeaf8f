//! The lib9 calls behind ioproc's iodial/iosendfd/iorecvfd/ioread9pmsg, for programs
//! that call them directly: p9dial, sendfd, recvfd, read9pmsg.

use super::{cbytes, syserr};
use core::ffi::{c_char, c_int, c_uint, c_void};

/// p9dial: connects to `tcp!host!port`, `udp!host!port`, `net!host!port` or
/// `unix!path`; `local`, `dir` and `cdfp` are ignored, as plan9port's dial does.
/// Returns the fd, or -1 with errstr set.
#[no_mangle]
pub unsafe extern "C" fn p9dial(addr: *const c_char, _local: *const c_char, _dir: *const c_char, _cdfp: *mut c_int) -> c_int {
    if addr.is_null() {
        crate::errstr::set(b"dial: nil address");
        return -1;
    }
    crate::ioproc::dial(cbytes(addr)) as c_int
}

/// sendfd: passes `fd` over the Unix-domain socket `s` (SCM_RIGHTS).
#[no_mangle]
pub unsafe extern "C" fn sendfd(s: c_int, fd: c_int) -> c_int {
    let mut byte = 0u8;
    let mut iov = libc::iovec { iov_base: &mut byte as *mut u8 as *mut c_void, iov_len: 1 };
    let mut cbuf = [0u64; 4];
    let mut msg: libc::msghdr = core::mem::zeroed();
    msg.msg_iov = &mut iov;
    msg.msg_iovlen = 1;
    msg.msg_control = cbuf.as_mut_ptr() as *mut c_void;
    msg.msg_controllen = libc::CMSG_SPACE(4) as usize;
    let c = libc::CMSG_FIRSTHDR(&msg);
    (*c).cmsg_level = libc::SOL_SOCKET;
    (*c).cmsg_type = libc::SCM_RIGHTS;
    (*c).cmsg_len = libc::CMSG_LEN(4) as usize;
    core::ptr::write_unaligned(libc::CMSG_DATA(c) as *mut c_int, fd);
    let n = libc::sendmsg(s, &msg, libc::MSG_NOSIGNAL);
    if n < 0 {
        syserr();
        return -1;
    }
    if n != 1 {
        crate::errstr::set(b"sendfd: short write");
        return -1;
    }
    0
}

/// recvfd: receives an fd sent with sendfd on `s`; -1 with errstr if none came.
#[no_mangle]
pub unsafe extern "C" fn recvfd(s: c_int) -> c_int {
    let mut byte = 0u8;
    let mut iov = libc::iovec { iov_base: &mut byte as *mut u8 as *mut c_void, iov_len: 1 };
    let mut cbuf = [0u64; 8];
    let mut msg: libc::msghdr = core::mem::zeroed();
    msg.msg_iov = &mut iov;
    msg.msg_iovlen = 1;
    msg.msg_control = cbuf.as_mut_ptr() as *mut c_void;
    msg.msg_controllen = core::mem::size_of_val(&cbuf);
    let n = libc::recvmsg(s, &mut msg, libc::MSG_CMSG_CLOEXEC);
    if n < 0 {
        syserr();
        return -1;
    }
    let c = libc::CMSG_FIRSTHDR(&msg);
    if n == 0 || c.is_null() || (*c).cmsg_level != libc::SOL_SOCKET || (*c).cmsg_type != libc::SCM_RIGHTS {
        crate::errstr::set(b"recvfd: no file descriptor received");
        return -1;
    }
    let fd = core::ptr::read_unaligned(libc::CMSG_DATA(c) as *const c_int);
    // Received close-on-exec (no window for a concurrent exec to leak it), then made
    // inheritable as plan9port's recvfd leaves it.
    libc::fcntl(fd, libc::F_SETFD, 0);
    fd
}

/// read9pmsg: reads one 9P message (size[4] little-endian, then the rest) into buf
/// (n bytes). Returns its length, 0 at end of file, -1 on error or a bad size.
#[no_mangle]
pub unsafe extern "C" fn read9pmsg(fd: c_int, buf: *mut c_void, n: c_uint) -> c_int {
    if buf.is_null() || n < 4 {
        crate::errstr::set(b"read9pmsg: bad buffer");
        return -1;
    }
    let b = buf as *mut u8;
    let m = super::sys::readn(fd, buf, 4);
    if m != 4 {
        return if m < 0 { -1 } else { 0 };
    }
    let len = u32::from_le_bytes([*b, *b.add(1), *b.add(2), *b.add(3)]);
    if len <= 4 || len > n {
        crate::errstr::set(b"bad length in 9P2000 message header");
        return -1;
    }
    let rest = (len - 4) as libc::c_long;
    let m = super::sys::readn(fd, b.add(4) as *mut c_void, rest);
    if m < 0 {
        return -1;
    }
    if m < rest {
        return 0;
    }
    len as c_int
}
