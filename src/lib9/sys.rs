//! Files and processes: p9open, p9create, p9close, p9write, readn, p9pipe, p9seek,
//! p9dup, p9rfork. Failures return -1 with the caller's errstr set from errno.

use super::syserr;
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
/// file goes away with its last fd — Unix has no remove-on-close) and OLOCK (an
/// exclusive flock held while the fd is open).
unsafe fn after_open(fd: c_int, name: *const c_char, mode: c_int) -> c_int {
    if fd < 0 {
        syserr();
        return -1;
    }
    if mode & OLOCK != 0 && libc::flock(fd, libc::LOCK_EX) < 0 {
        syserr();
        libc::close(fd);
        return -1;
    }
    if mode & ORCLOSE != 0 {
        libc::unlink(name);
    }
    fd
}

#[no_mangle]
pub unsafe extern "C" fn p9open(name: *const c_char, mode: c_int) -> c_int {
    if name.is_null() {
        crate::errstr::set(b"open: nil file name");
        return -1;
    }
    let Some(f) = unix_mode(mode) else {
        crate::errstr::set(format!("open: unsupported mode {mode:#x}").as_bytes());
        return -1;
    };
    after_open(libc::open(name, f), name, mode)
}

/// p9create: creates (or truncates) a file with permissions `perm`; DMDIR in perm
/// makes a directory, opened for reading.
#[no_mangle]
pub unsafe extern "C" fn p9create(name: *const c_char, mode: c_int, perm: c_ulong) -> c_int {
    if name.is_null() {
        crate::errstr::set(b"create: nil file name");
        return -1;
    }
    let Some(f) = unix_mode(mode) else {
        crate::errstr::set(format!("create: unsupported mode {mode:#x}").as_bytes());
        return -1;
    };
    if perm & DMDIR != 0 {
        if mode & 3 != OREAD {
            crate::errstr::set(b"create: a directory can only be opened for reading");
            return -1;
        }
        if libc::mkdir(name, (perm & 0o777) as libc::mode_t) < 0 {
            syserr();
            return -1;
        }
        return after_open(libc::open(name, libc::O_RDONLY | libc::O_DIRECTORY | (f & libc::O_CLOEXEC)), name, mode);
    }
    let fd = libc::open(name, f | libc::O_CREAT | libc::O_TRUNC, (perm & 0o777) as libc::c_uint);
    after_open(fd, name, mode)
}

#[no_mangle]
pub extern "C" fn p9close(fd: c_int) -> c_int {
    // SAFETY: close on any int is safe; a bad fd is an error return.
    if unsafe { libc::close(fd) } < 0 {
        syserr();
        return -1;
    }
    0
}

/// p9write: writes all `n` bytes, looping over short writes. Returns n, or the count
/// written before an error (-1 if none).
#[no_mangle]
pub unsafe extern "C" fn p9write(fd: c_int, buf: *const c_void, n: c_long) -> c_long {
    if n < 0 || (buf.is_null() && n > 0) {
        crate::errstr::set(b"write: bad buffer");
        return -1;
    }
    let mut tot: c_long = 0;
    while tot < n {
        let m = libc::write(fd, (buf as *const u8).add(tot as usize) as *const c_void, (n - tot) as usize);
        if m < 0 && *libc::__errno_location() == libc::EINTR && tot > 0 {
            continue;
        }
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

/// readn: reads until `n` bytes, end of file or an error; returns the count read
/// (a short count at end of file), or -1 if an error came before any byte.
#[no_mangle]
pub unsafe extern "C" fn readn(fd: c_int, buf: *mut c_void, n: c_long) -> c_long {
    if n < 0 || (buf.is_null() && n > 0) {
        crate::errstr::set(b"readn: bad buffer");
        return -1;
    }
    let mut tot: c_long = 0;
    while tot < n {
        let m = libc::read(fd, (buf as *mut u8).add(tot as usize) as *mut c_void, (n - tot) as usize);
        if m < 0 && *libc::__errno_location() == libc::EINTR && tot > 0 {
            continue;
        }
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

/// p9pipe: a two-way pipe (a Unix-domain stream socket pair), as plan9port's.
#[no_mangle]
pub unsafe extern "C" fn p9pipe(fd: *mut c_int) -> c_int {
    if fd.is_null() {
        crate::errstr::set(b"pipe: nil array");
        return -1;
    }
    if libc::socketpair(libc::AF_UNIX, libc::SOCK_STREAM, 0, fd) < 0 {
        syserr();
        return -1;
    }
    0
}

#[no_mangle]
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
#[no_mangle]
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

const RFNAMEG: c_int = 1;
const RFENVG: c_int = 2;
const RFFDG: c_int = 4;
const RFNOTEG: c_int = 8;
const RFPROC: c_int = 16;
const RFMEM: c_int = 32;
const RFNOWAIT: c_int = 64;
const RFCNAMEG: c_int = 1024;
const RFCENVG: c_int = 2048;
const RFCFDG: c_int = 4096;
const RFREND: c_int = 8192;
const RFNOMNT: c_int = 16384;

/// p9rfork, as far as Unix allows:
/// - RFPROC forks a process (never shares memory: RFMEM is refused — use proccreate);
///   with RFNOWAIT the child is reparented to init by a double fork, so it is never
///   waited for. In a threaded program the child has only the calling OS thread:
///   it should exec or _exit soon.
/// - RFNOTEG puts the process (the child with RFPROC) in a new process group
///   (setpgid), so notes sent to the old group do not reach it.
/// - RFNAMEG, RFENVG, RFFDG, RFCNAMEG, RFCENVG, RFCFDG, RFREND, RFNOMNT are
///   accepted and ignored: Unix processes already have their own environment and
///   fd table after fork, and there are no name spaces.
///
/// Returns the child's pid in the parent, 0 in the child (or without RFPROC), -1 on
/// error with errstr set.
#[no_mangle]
pub unsafe extern "C" fn p9rfork(flags: c_int) -> c_int {
    let known = RFNAMEG | RFENVG | RFFDG | RFNOTEG | RFPROC | RFMEM | RFNOWAIT | RFCNAMEG | RFCENVG | RFCFDG | RFREND | RFNOMNT;
    if flags & !known != 0 {
        crate::errstr::set(format!("rfork: unknown flags {:#x}", flags & !known).as_bytes());
        return -1;
    }
    if flags & RFPROC == 0 {
        if flags & RFNOTEG != 0 && libc::setpgid(0, 0) < 0 {
            syserr();
            return -1;
        }
        return 0;
    }
    if flags & RFMEM != 0 {
        crate::errstr::set(b"rfork: RFMEM is not supported (use proccreate)");
        return -1;
    }
    if flags & RFNOWAIT == 0 {
        let pid = libc::fork();
        if pid < 0 {
            syserr();
            return -1;
        }
        if flags & RFNOTEG != 0 {
            // Both sides, so the group exists whichever runs first (postnote right
            // after rfork must find it).
            if pid == 0 {
                libc::setpgid(0, 0);
            } else {
                libc::setpgid(pid, pid);
            }
        }
        return pid;
    }
    // Double fork: the middle process reports the grandchild's pid and exits.
    let mut p = [0 as c_int; 2];
    if libc::pipe2(p.as_mut_ptr(), libc::O_CLOEXEC) < 0 {
        syserr();
        return -1;
    }
    let mid = libc::fork();
    if mid < 0 {
        syserr();
        libc::close(p[0]);
        libc::close(p[1]);
        return -1;
    }
    if mid == 0 {
        libc::close(p[0]);
        let pid = libc::fork();
        if pid == 0 {
            libc::close(p[1]);
            if flags & RFNOTEG != 0 {
                libc::setpgid(0, 0);
            }
            return 0;
        }
        if pid > 0 && flags & RFNOTEG != 0 {
            libc::setpgid(pid, pid);
        }
        let v: c_int = pid;
        libc::write(p[1], &v as *const c_int as *const c_void, 4);
        libc::_exit(0);
    }
    libc::close(p[1]);
    let mut v: c_int = -1;
    let n = readn(p[0], &mut v as *mut c_int as *mut c_void, 4);
    libc::close(p[0]);
    let mut st = 0;
    while libc::waitpid(mid, &mut st, 0) < 0 && *libc::__errno_location() == libc::EINTR {}
    if n != 4 || v < 0 {
        crate::errstr::set(b"rfork: fork failed");
        return -1;
    }
    v
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
