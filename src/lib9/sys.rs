//! Processes: p9rfork. Failures return -1 with the caller's errstr set from errno.

use super::syserr;
use core::ffi::{c_char, c_int, c_void};

const RFNAMEG: c_int = 1;
const RFENVG: c_int = 2;
const RFFDG: c_int = 4;
const RFNOTEG: c_int = 8;
const RFPROC: c_int = 16;
const RFMEM: c_int = 32;
const RFNOWAIT: c_int = 64;
const RFCNAMEG: c_int = 1024;
const RFCENVG: c_int = 2048;
const RFREND: c_int = 8192;
const RFNOMNT: c_int = 16384;

/// p9rfork, as far as Unix allows:
/// - RFPROC forks a process (never shares memory: RFMEM is refused — use proccreate);
///   with RFNOWAIT the child is reparented to init by a double fork, so it is never
///   waited for. In a threaded program the child has only the calling OS thread:
///   it should exec or _exit soon.
/// - RFNOTEG puts the process (the child with RFPROC) in a new process group
///   (setpgid), so notes sent to the old group do not reach it.
/// - RFCENVG empties the environment (the child's with RFPROC), as plan9port's.
/// - RFNAMEG, RFENVG, RFFDG, RFCNAMEG, RFREND, RFNOMNT are accepted and ignored:
///   Unix processes already have their own environment and fd table after fork, and
///   there are no name spaces. RFCFDG (an empty fd table) is refused, as plan9port
///   refuses it, rather than ignored.
///
/// Returns the child's pid in the parent, 0 in the child (or without RFPROC), -1 on
/// error with errstr set (plan9port's words).
///
/// # Safety
/// fork(2)'s rules for a threaded program: with RFPROC the child has only the calling OS
/// thread, so it should do little more than exec or _exit; RFCENVG without RFPROC empties
/// the environment in place, so no other OS thread may be using it meanwhile.
pub unsafe extern "C" fn p9rfork(flags: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let known =
            RFNAMEG | RFENVG | RFFDG | RFNOTEG | RFPROC | RFMEM | RFNOWAIT | RFCNAMEG | RFCENVG | RFREND | RFNOMNT;
        if flags & !known != 0 {
            crate::runtime::errstr::set(format!("unknown flags {:08x} in rfork", flags & !known).as_bytes());
            return -1;
        }
        if flags & RFPROC == 0 {
            if flags & RFNOWAIT != 0 {
                crate::runtime::errstr::set(b"cannot use RFNOWAIT without RFPROC");
                return -1;
            }
            if flags & RFNOTEG != 0 && libc::setpgid(0, 0) < 0 {
                syserr();
                return -1;
            }
            if flags & RFCENVG != 0 {
                clearenv();
            }
            return 0;
        }
        if flags & RFMEM != 0 {
            crate::runtime::errstr::set(b"cannot use rfork for shared memory -- use libthread");
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
            if pid == 0 && flags & RFCENVG != 0 {
                clearenv();
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
                if flags & RFCENVG != 0 {
                    clearenv();
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
        let n = loop {
            // Retried: a note must not lose the child's pid.
            let n = libc::read(p[0], &mut v as *mut c_int as *mut c_void, 4);
            if n >= 0 || *libc::__errno_location() != libc::EINTR {
                break n;
            }
        };
        libc::close(p[0]);
        let mut st = 0;
        while libc::waitpid(mid, &mut st, 0) < 0 && *libc::__errno_location() == libc::EINTR {}
        if n != 4 || v < 0 {
            crate::runtime::errstr::set(b"rfork: fork failed");
            return -1;
        }
        v
    }
}

extern "C" {
    static mut environ: *mut *mut c_char;
}

/// Empties the environment the way plan9port's rfork does (the first entry becomes
/// the end): no lock is taken, so it is safe in a child forked from a threaded program.
///
/// # Safety
/// No other thread reads or changes the environment meanwhile (so: a freshly forked child,
/// or a caller that knows it is alone).
unsafe fn clearenv() {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let e = *core::ptr::addr_of!(environ);
        if !e.is_null() {
            *e = core::ptr::null_mut();
        }
    }
}
