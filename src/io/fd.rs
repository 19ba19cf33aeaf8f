//! Plan 9 file calls on Unix fds: p9open, p9create, p9close, p9write, readn,
//! p9pipe, p9seek, p9dup (Plan 9 open modes translated). Failures return -1 with the
//! caller's errstr set from errno.

use crate::runtime::errstr::set_from_errno as syserr;
use core::ffi::{c_char, c_int, c_long, c_longlong, c_ulong, c_void};

const OREAD: c_int = 0;
const OWRITE: c_int = 1;
const ORDWR: c_int = 2;
const OEXEC: c_int = 3;
const OTRUNC: c_int = 16;
const OCEXEC: c_int = 32;
const ORCLOSE: c_int = 64;
const ODIRECT: c_int = 128;
const ONONBLOCK: c_int = 256;
const OEXCL: c_int = 0x1000;
const OLOCK: c_int = 0x2000;
const OAPPEND: c_int = 0x4000;
const DMDIR: c_ulong = 0x8000_0000;

/// Plan 9 open mode → Unix flags; None for bits we do not know.
fn unix_mode(mode: c_int) -> Option<c_int> {
    let known = 3 | OTRUNC | OCEXEC | ORCLOSE | ODIRECT | ONONBLOCK | OEXCL | OLOCK | OAPPEND;
    if mode & !known != 0 {
        return None;
    }
    let mut f = match mode & 3 {
        OREAD | OEXEC => libc::O_RDONLY,
        OWRITE => libc::O_WRONLY,
        ORDWR => libc::O_RDWR,
        _ => unreachable!(),
    };
    for (p9, ux) in [
        (OTRUNC, libc::O_TRUNC),
        (OCEXEC, libc::O_CLOEXEC),
        (ONONBLOCK, libc::O_NONBLOCK),
        (OAPPEND, libc::O_APPEND),
        (OEXCL, libc::O_EXCL),
        (ODIRECT, libc::O_DIRECT),
    ] {
        if mode & p9 != 0 {
            f |= ux;
        }
    }
    Some(f)
}

/// What a freshly opened fd still needs: ORCLOSE (the name is removed at once, so the
/// file goes away with its last fd — Unix has no remove-on-close) and OLOCK: as in
/// plan9port, a POSIX record lock on the whole file (a read lock for OREAD, else a
/// write lock) taken without waiting — a file another process holds locked fails
/// with "lock: ..." — and shared with every other fcntl(2) locker.
///
/// # Safety
/// `name` is the NUL-terminated path `fd` was opened from; `fd` (if not negative) is
/// the caller's fresh descriptor, closed here when the lock cannot be taken.
unsafe fn after_open(fd: c_int, name: *const c_char, mode: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if fd < 0 {
            syserr();
            return -1;
        }
        if mode & OLOCK != 0 {
            let mut fl: libc::flock = core::mem::zeroed();
            fl.l_type = if mode & 3 == OREAD { libc::F_RDLCK } else { libc::F_WRLCK } as libc::c_short;
            fl.l_whence = libc::SEEK_SET as libc::c_short;
            if libc::fcntl(fd, libc::F_SETLK, &fl) < 0 {
                crate::runtime::errstr::set_from_errno_as(b"lock");
                libc::close(fd);
                return -1;
            }
        }
        if mode & ORCLOSE != 0 {
            libc::remove(name);
        }
        fd
    }
}

/// # Safety
/// `name` is null or a NUL-terminated string readable for the call.
pub unsafe extern "C" fn p9open(name: *const c_char, mode: c_int) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        if name.is_null() {
            crate::runtime::errstr::set(b"open: nil file name");
            return -1;
        }
        let Some(f) = unix_mode(mode) else {
            let known = 3 | OTRUNC | OCEXEC | ORCLOSE | ODIRECT | ONONBLOCK | OEXCL | OLOCK | OAPPEND;
            crate::runtime::errstr::set(format!("mode {:#x} not supported", mode & !known).as_bytes());
            return -1;
        };
        after_open(libc::open(name, f), name, mode)
    }
}

/// p9create: creates (or truncates) a file with permissions `perm` (the low 12 bits:
/// setuid, setgid and sticky too, as plan9port passes them); DMDIR in perm makes a
/// directory (rwx bits only), opened for reading.
///
/// # Safety
/// `name` is null or a NUL-terminated string readable for the call.
pub unsafe extern "C" fn p9create(name: *const c_char, mode: c_int, perm: c_ulong) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        if name.is_null() {
            crate::runtime::errstr::set(b"create: nil file name");
            return -1;
        }
        let Some(f) = unix_mode(mode) else {
            crate::runtime::errstr::set(b"unsupported mode in create");
            return -1;
        };
        if perm & DMDIR != 0 {
            if mode & 3 != OREAD {
                crate::runtime::errstr::set(b"bad mode in directory create");
                return -1;
            }
            if libc::mkdir(name, (perm & 0o777) as libc::mode_t) < 0 {
                syserr();
                return -1;
            }
            return after_open(
                libc::open(name, libc::O_RDONLY | libc::O_DIRECTORY | (f & libc::O_CLOEXEC)),
                name,
                mode,
            );
        }
        let fd = libc::open(name, f | libc::O_CREAT | libc::O_TRUNC, (perm & 0o7777) as libc::c_uint);
        after_open(fd, name, mode)
    }
}

pub extern "C" fn p9close(fd: c_int) -> c_int {
    // SAFETY: close on any int is safe; a bad fd is an error return.
    if unsafe { libc::close(fd) } < 0 {
        syserr();
        return -1;
    }
    0
}

/// p9write: writes all `n` bytes, looping over short writes. Returns n, or (as
/// plan9port) the count written before an error or a note's interruption, or what the
/// first write returned (0 or -1) when nothing was written.
///
/// # Safety
/// `buf` is readable for `n` bytes (it may be null only when `n` is 0).
pub unsafe extern "C" fn p9write(fd: c_int, buf: *const c_void, n: c_long) -> c_long {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        if n < 0 || (buf.is_null() && n > 0) {
            crate::runtime::errstr::set(b"write: bad buffer");
            return -1;
        }
        let mut tot: c_long = 0;
        while tot < n {
            let m = libc::write(fd, (buf as *const u8).add(tot as usize) as *const c_void, (n - tot) as usize);
            if m <= 0 {
                if m < 0 {
                    syserr();
                }
                return if tot > 0 { tot } else { m as c_long };
            }
            tot += m as c_long;
        }
        tot
    }
}

/// readn: reads until `n` bytes, end of file, an error or a note's interruption;
/// returns the count read (short at end of file or when interrupted), or what the
/// first read returned (0 or -1) when nothing was read, as plan9port's.
///
/// # Safety
/// `buf` is writable for `n` bytes (it may be null only when `n` is 0).
pub unsafe extern "C" fn readn(fd: c_int, buf: *mut c_void, n: c_long) -> c_long {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        if n < 0 || (buf.is_null() && n > 0) {
            crate::runtime::errstr::set(b"readn: bad buffer");
            return -1;
        }
        let mut tot: c_long = 0;
        while tot < n {
            let m = libc::read(fd, (buf as *mut u8).add(tot as usize) as *mut c_void, (n - tot) as usize);
            if m < 0 {
                syserr();
                return if tot > 0 { tot } else { -1 };
            }
            if m == 0 {
                break;
            }
            tot += m as c_long;
        }
        tot
    }
}

/// p9pipe: a two-way pipe (a Unix-domain stream socket pair), as plan9port's.
///
/// # Safety
/// `fd` is null or points to two writable `int`s.
pub unsafe extern "C" fn p9pipe(fd: *mut c_int) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        if fd.is_null() {
            crate::runtime::errstr::set(b"pipe: nil array");
            return -1;
        }
        if libc::socketpair(libc::AF_UNIX, libc::SOCK_STREAM, 0, fd) < 0 {
            syserr();
            return -1;
        }
        0
    }
}

pub extern "C" fn p9seek(fd: c_int, off: c_longlong, whence: c_int) -> c_longlong {
    // SAFETY: lseek on any fd is safe.
    let r = unsafe { libc::lseek(fd, off as libc::off_t, whence) };
    if r < 0 {
        syserr();
        return -1;
    }
    r as c_longlong
}

/// p9dup: `new` = -1 → the lowest free fd (dup), else exactly `new` (dup2).
pub extern "C" fn p9dup(old: c_int, new: c_int) -> c_int {
    // SAFETY: dup/dup2 on any ints are safe.
    let r = unsafe {
        if new == -1 {
            libc::dup(old)
        } else {
            libc::dup2(old, new)
        }
    };
    if r < 0 {
        syserr();
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan9_open_modes() {
        assert_eq!(unix_mode(0), Some(libc::O_RDONLY));
        assert_eq!(unix_mode(OWRITE | OTRUNC), Some(libc::O_WRONLY | libc::O_TRUNC));
        assert_eq!(unix_mode(ORDWR | OCEXEC | OAPPEND), Some(libc::O_RDWR | libc::O_CLOEXEC | libc::O_APPEND));
        assert_eq!(unix_mode(0x10_0000), None);
    }
}
