//! The iofunc default handlers (docs/SERVE-AND-POLL.md, defaults), used for NULL table
//! entries and exported for chaining.

use super::types::*;
use core::ffi::{c_int, c_void};

/// # Safety
/// `a` is null or points to a writable attr; `info` is null or a readable client info
/// (`dattr` is not read).
pub unsafe extern "C" fn attr_init(a: *mut Attr, mode: u32, _dattr: *mut Attr, info: *mut ClientInfo) {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        if a.is_null() {
            return;
        }
        let t = super::engine::now();
        (*a).flags = 0;
        (*a).count = 0;
        (*a).rcount = 0;
        (*a).wcount = 0;
        (*a).mode = mode;
        if info.is_null() {
            (*a).uid = libc::geteuid();
            (*a).gid = libc::getegid();
        } else {
            (*a).uid = (*info).uid;
            (*a).gid = (*info).gid;
        }
        (*a).nlink = 1;
        (*a).inode = 0;
        (*a).nbytes = 0;
        (*a).atime = t;
        (*a).mtime = t;
        (*a).ctime = t;
    }
}

/// # Safety
/// `c` and `io` are each null or point to a writable table.
pub unsafe extern "C" fn func_init(nc: u32, c: *mut ConnectFuncs, nio: u32, io: *mut IoFuncs) {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        if !c.is_null() {
            let n = (nc as usize).min(NCONNECT);
            (*c).nfuncs = n as u32;
            for i in 0..n {
                (*c).f[i] = connect_default(i) as usize;
            }
        }
        if !io.is_null() {
            let n = (nio as usize).min(NIO);
            (*io).nfuncs = n as u32;
            for i in 0..n {
                (*io).f[i] = io_default(i) as usize;
            }
        }
    }
}

/// Fills a struct stat from an attr (S_IFCHR shows as S_IFREG: the kernel would
/// route a device node to a driver).
///
/// # Safety
/// `a` is null or a readable attr; `st` is null or a writable struct stat (`ctp` is not
/// read).
pub unsafe extern "C" fn stat(_ctp: *mut Ctx, a: *mut Attr, st: *mut libc::stat) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        if a.is_null() || st.is_null() {
            return libc::EINVAL;
        }
        core::ptr::write_bytes(st, 0, 1);
        let mut mode = (*a).mode;
        if mode & libc::S_IFMT == libc::S_IFCHR || mode & libc::S_IFMT == 0 {
            mode = (mode & !libc::S_IFMT) | libc::S_IFREG;
        }
        (*st).st_ino = (*a).inode;
        (*st).st_mode = mode;
        (*st).st_nlink = (*a).nlink.max(1) as _;
        (*st).st_uid = (*a).uid;
        (*st).st_gid = (*a).gid;
        (*st).st_size = (*a).nbytes;
        (*st).st_blksize = 4096;
        (*st).st_blocks = ((*a).nbytes.max(0) + 511) / 512;
        (*st).st_atime = (*a).atime.tv_sec;
        (*st).st_atime_nsec = (*a).atime.tv_nsec;
        (*st).st_mtime = (*a).mtime.tv_sec;
        (*st).st_mtime_nsec = (*a).mtime.tv_nsec;
        (*st).st_ctime = (*a).ctime.tv_sec;
        (*st).st_ctime_nsec = (*a).ctime.tv_nsec;
        0
    }
}

/// # Safety
/// None: it does nothing.
pub unsafe extern "C" fn time_update(_a: *mut Attr) -> c_int {
    0
}

/// # Safety
/// `a` is null or a live attr, updated only from its mount's serving proc.
pub unsafe fn count_open(a: *mut Attr, ioflag: i32, d: i32) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if a.is_null() {
            return;
        }
        (*a).count += d;
        if ioflag & IO_FLAG_RD != 0 {
            (*a).rcount += d;
        }
        if ioflag & IO_FLAG_WR != 0 {
            (*a).wcount += d;
        }
    }
}

/// May the client have `want` (4 read, 2 write) access by the attr's mode?
///
/// # Safety
/// `ctp` is null or a live request context; `a` is a readable attr.
unsafe fn permitted(ctp: *mut Ctx, a: *mut Attr, want: u32) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let (uid, gid) =
            if ctp.is_null() { (libc::geteuid(), libc::getegid()) } else { ((*ctp).info.uid, (*ctp).info.gid) };
        if uid == 0 {
            return true;
        }
        let m = (*a).mode;
        let bits = if uid == (*a).uid {
            (m >> 6) & 7
        } else if gid == (*a).gid {
            (m >> 3) & 7
        } else {
            m & 7
        };
        bits & want == want
    }
}

/// # Safety
/// `ctp` is null or a live request context.
unsafe fn client_uid(ctp: *mut Ctx) -> u32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if ctp.is_null() {
            libc::geteuid()
        } else {
            (*ctp).info.uid
        }
    }
}

/// # Safety
/// `ocb` is null or a live OCB; `nonblock` is null or writable (`ctp` and `msg` are not
/// read).
pub unsafe extern "C" fn read_verify(_ctp: *mut Ctx, _msg: *mut c_void, ocb: *mut Ocb, nonblock: *mut c_int) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        if ocb.is_null() || (*ocb).ioflag & IO_FLAG_RD == 0 {
            return libc::EBADF;
        }
        if !nonblock.is_null() {
            *nonblock = ((*ocb).ioflag & libc::O_NONBLOCK != 0) as c_int;
        }
        0
    }
}

/// # Safety
/// `ocb` is null or a live OCB; `nonblock` is null or writable (`ctp` and `msg` are not
/// read).
pub unsafe extern "C" fn write_verify(_ctp: *mut Ctx, _msg: *mut c_void, ocb: *mut Ocb, nonblock: *mut c_int) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        if ocb.is_null() || (*ocb).ioflag & IO_FLAG_WR == 0 {
            return libc::EBADF;
        }
        if !nonblock.is_null() {
            *nonblock = ((*ocb).ioflag & libc::O_NONBLOCK != 0) as c_int;
        }
        0
    }
}

/// # Safety
/// `ctp` is null or the request's context; `msg` is null or a Connect message; `a` is
/// null or a live attr.
pub unsafe extern "C" fn open_default(ctp: *mut Ctx, msg: *mut c_void, a: *mut Attr, _x: *mut c_void) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        if a.is_null() || msg.is_null() {
            return libc::EINVAL;
        }
        let m = &*(msg as *const Connect);
        let mut want = 0;
        if m.ioflag & IO_FLAG_RD != 0 {
            want |= 4;
        }
        if m.ioflag & IO_FLAG_WR != 0 {
            want |= 2;
        }
        if !permitted(ctp, a, want) {
            return libc::EACCES;
        }
        if m.ioflag & libc::O_TRUNC != 0 && m.ioflag & IO_FLAG_WR != 0 && (*a).mode & libc::S_IFMT != libc::S_IFDIR {
            (*a).nbytes = 0;
            let t = super::engine::now();
            (*a).mtime = t;
            (*a).ctime = t;
        }
        0
    }
}

/// # Safety
/// None: it reads none of its arguments (it only has the ConnectFn type).
pub unsafe extern "C" fn unlink_default(_c: *mut Ctx, _m: *mut c_void, _a: *mut Attr, _x: *mut c_void) -> c_int {
    libc::EACCES
}

/// # Safety
/// None: it reads none of its arguments (it only has the ConnectFn type).
pub unsafe extern "C" fn enosys_connect(_c: *mut Ctx, _m: *mut c_void, _a: *mut Attr, _x: *mut c_void) -> c_int {
    libc::ENOSYS
}

/// # Safety
/// `ctp` is null or the request's context; `ocb` is null or a live OCB (`msg` is not
/// read).
pub unsafe extern "C" fn read_default(ctp: *mut Ctx, msg: *mut c_void, ocb: *mut Ocb) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        let r = read_verify(ctp, msg, ocb, core::ptr::null_mut());
        if r != 0 {
            return r;
        }
        if !ctp.is_null() {
            (*ctp).status = 0;
        }
        0
    }
}

/// # Safety
/// `ctp` is null or the request's context; `msg` is null or an IoWrite message; `ocb` is
/// null or a live OCB.
pub unsafe extern "C" fn write_default(ctp: *mut Ctx, msg: *mut c_void, ocb: *mut Ocb) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        let r = write_verify(ctp, msg, ocb, core::ptr::null_mut());
        if r != 0 {
            return r;
        }
        if !ctp.is_null() && !msg.is_null() {
            (*ctp).status = (*(msg as *const IoWrite)).i.nbytes as _;
        }
        0
    }
}

/// # Safety
/// `ocb` is null or a live OCB whose `attr` is null or live.
pub unsafe extern "C" fn close_ocb_default(_c: *mut Ctx, _m: *mut c_void, ocb: *mut Ocb) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        if !ocb.is_null() {
            count_open((*ocb).attr, (*ocb).ioflag, -1);
        }
        0
    }
}

/// # Safety
/// None: it reads none of its arguments (it only has the IoFn type).
pub unsafe extern "C" fn ok_default(_c: *mut Ctx, _m: *mut c_void, _o: *mut Ocb) -> c_int {
    0
}

/// # Safety
/// `msg` is null or a writable IoStat message; `ocb` is null or a live OCB whose `attr`
/// is null or live.
pub unsafe extern "C" fn stat_default(ctp: *mut Ctx, msg: *mut c_void, ocb: *mut Ocb) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        if msg.is_null() || ocb.is_null() {
            return libc::EINVAL;
        }
        stat(ctp, (*ocb).attr, &mut (*(msg as *mut IoStat)).o)
    }
}

/// # Safety
/// None: it reads none of its arguments (it only has the IoFn type).
pub unsafe extern "C" fn devctl_default(_c: *mut Ctx, _m: *mut c_void, _o: *mut Ocb) -> c_int {
    libc::ENOTTY
}

/// # Safety
/// `msg` is null or a writable IoLseek message; `ocb` is null or a live OCB whose `attr`
/// is null or live.
pub unsafe extern "C" fn lseek_default(_c: *mut Ctx, msg: *mut c_void, ocb: *mut Ocb) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        if msg.is_null() || ocb.is_null() || (*ocb).attr.is_null() {
            return libc::EINVAL;
        }
        let m = &mut *(msg as *mut IoLseek);
        let n = (*(*ocb).attr).nbytes;
        if m.offset < 0 || m.offset >= n {
            return libc::ENXIO;
        }
        match m.whence as i32 {
            libc::SEEK_DATA => m.o = m.offset,
            libc::SEEK_HOLE => m.o = n,
            _ => return libc::EINVAL,
        }
        0
    }
}

/// # Safety
/// `ctp` is null or the request's context; `msg` is null or an IoChmod message; `ocb` is
/// null or a live OCB whose `attr` is null or live.
pub unsafe extern "C" fn chmod_default(ctp: *mut Ctx, msg: *mut c_void, ocb: *mut Ocb) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        if msg.is_null() || ocb.is_null() || (*ocb).attr.is_null() {
            return libc::EINVAL;
        }
        let a = (*ocb).attr;
        let u = client_uid(ctp);
        if u != 0 && u != (*a).uid {
            return libc::EPERM;
        }
        let m = (*(msg as *const IoChmod)).mode;
        (*a).mode = ((*a).mode & libc::S_IFMT) | (m & 0o7777);
        (*a).ctime = super::engine::now();
        0
    }
}

/// # Safety
/// `ctp` is null or the request's context; `msg` is null or an IoChown message; `ocb` is
/// null or a live OCB whose `attr` is null or live.
pub unsafe extern "C" fn chown_default(ctp: *mut Ctx, msg: *mut c_void, ocb: *mut Ocb) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        if msg.is_null() || ocb.is_null() || (*ocb).attr.is_null() {
            return libc::EINVAL;
        }
        let a = (*ocb).attr;
        let m = &*(msg as *const IoChown);
        let u = client_uid(ctp);
        let g = if ctp.is_null() { libc::getegid() } else { (*ctp).info.gid };
        if u != 0 {
            if m.uid != -1 && m.uid as u32 != (*a).uid {
                return libc::EPERM;
            }
            if m.gid != -1 && m.gid as u32 != (*a).gid && (u != (*a).uid || m.gid as u32 != g) {
                return libc::EPERM;
            }
        }
        if m.uid != -1 {
            (*a).uid = m.uid as u32;
        }
        if m.gid != -1 {
            (*a).gid = m.gid as u32;
        }
        (*a).ctime = super::engine::now();
        0
    }
}

/// # Safety
/// `ctp` is null or the request's context; `msg` is null or an IoUtime message; `ocb` is
/// null or a live OCB whose `attr` is null or live.
pub unsafe extern "C" fn utime_default(ctp: *mut Ctx, msg: *mut c_void, ocb: *mut Ocb) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        if msg.is_null() || ocb.is_null() || (*ocb).attr.is_null() {
            return libc::EINVAL;
        }
        let a = (*ocb).attr;
        let m = &*(msg as *const IoUtime);
        let u = client_uid(ctp);
        let both_now = m.times.iter().all(|t| t.tv_nsec == libc::UTIME_NOW);
        if u != 0 && u != (*a).uid && !(both_now && permitted(ctp, a, 2)) {
            return libc::EPERM;
        }
        let now = super::engine::now();
        let pick = |t: &libc::timespec, old: libc::timespec| match t.tv_nsec {
            libc::UTIME_NOW => now,
            libc::UTIME_OMIT => old,
            _ => *t,
        };
        (*a).atime = pick(&m.times[0], (*a).atime);
        (*a).mtime = pick(&m.times[1], (*a).mtime);
        (*a).ctime = now;
        0
    }
}

/// # Safety
/// None: it reads none of its arguments (it only has the IoFn type).
pub unsafe extern "C" fn space_default(_c: *mut Ctx, _m: *mut c_void, _o: *mut Ocb) -> c_int {
    libc::ENOSYS
}

/// # Safety
/// None: it reads none of its arguments (it only has the IoFn type).
pub unsafe extern "C" fn unblock_default(_c: *mut Ctx, _m: *mut c_void, _o: *mut Ocb) -> c_int {
    libc::EINTR
}

/// # Safety
/// None: it reads none of its arguments (it only has the IoFn type).
pub unsafe extern "C" fn enosys_default(_c: *mut Ctx, _m: *mut c_void, _o: *mut Ocb) -> c_int {
    libc::ENOSYS
}

pub fn io_default(idx: usize) -> IoFn {
    match idx {
        F_READ => read_default,
        F_WRITE => write_default,
        F_CLOSE_OCB => close_ocb_default,
        F_STAT => stat_default,
        F_DEVCTL => devctl_default,
        F_UNBLOCK => unblock_default,
        F_LSEEK => lseek_default,
        F_CHMOD => chmod_default,
        F_CHOWN => chown_default,
        F_UTIME => utime_default,
        F_SPACE => space_default,
        F_SYNC | F_CLOSE_DUP | F_LOCK_OCB | F_UNLOCK_OCB => ok_default,
        _ => enosys_default,
    }
}

pub fn connect_default(idx: usize) -> ConnectFn {
    match idx {
        C_OPEN => open_default,
        C_UNLINK => unlink_default,
        _ => enosys_connect,
    }
}
