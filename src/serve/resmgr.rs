//! The resource-manager calls (resmgr(3)): mount, attach, detach, unmount,
//! late replies.

use super::engine::{self, lock, Job, Mount};
use super::types::*;
use super::unmount::{self, MOUNTS};
use crate::base::report;
use core::ffi::{c_char, c_int, c_long, c_void};
use core::ptr::null_mut;
use std::ffi::{CStr, CString};
use std::os::unix::ffi::OsStrExt;
use std::sync::{Arc, Mutex};

static DEFAULT: Mutex<Option<Arc<Mount>>> = Mutex::new(None);

/// Sets errstr and errno to report a failure of `call`.
pub fn fail(call: &str, e: i32, what: &str) {
    crate::runtime::errstr::set(format!("{call}: {what}").as_bytes());
    // SAFETY: the calling OS thread's errno.
    unsafe { *libc::__errno_location() = e };
}

/// Mounts a directory (nil: the default one) served by the caller's proc, or by
/// a new system proc with MOUNT_NEWPROC.
pub fn mount(call: &str, dir: Option<&[u8]>, flags: u32, dirmode: u32) -> Result<Arc<Mount>, (i32, String)> {
    let (path, created) = match dir {
        None => {
            let p = unmount::default_dir();
            let c = unmount::cstr(&p).ok_or((libc::EINVAL, "bad default directory".to_string()))?;
            // SAFETY: valid path.
            if unsafe { libc::mkdir(c.as_ptr(), 0o700) } < 0 {
                let e = std::io::Error::last_os_error();
                return Err((
                    e.raw_os_error().unwrap_or(libc::EIO),
                    format!("mkdir {}: {e}", String::from_utf8_lossy(&p)),
                ));
            }
            (p, true)
        }
        Some(d) => {
            if d.is_empty() {
                return Err((libc::EINVAL, "empty directory name".into()));
            }
            let os = std::ffi::OsStr::from_bytes(d);
            match std::fs::metadata(os) {
                Err(e) if e.raw_os_error() == Some(libc::ENOTCONN) => {
                    // A stale mount left by a crash.
                    // SAFETY: no preconditions.
                    if unsafe { libc::geteuid() } == 0 {
                        report::complain(call, &format!("unmounting stale mount {}", String::from_utf8_lossy(d)));
                        unmount::lazy_unmount(&CString::new(d).unwrap_or_default());
                    } else {
                        return Err((
                            libc::ENOTCONN,
                            format!(
                                "{} is a stale mount: run fusermount3 -u -z {}",
                                String::from_utf8_lossy(d),
                                String::from_utf8_lossy(d)
                            ),
                        ));
                    }
                }
                Err(e) => {
                    return Err((e.raw_os_error().unwrap_or(libc::EIO), format!("{}: {e}", String::from_utf8_lossy(d))))
                }
                Ok(md) if !md.is_dir() => {
                    return Err((libc::ENOTDIR, format!("{}: not a directory", String::from_utf8_lossy(d))))
                }
                Ok(_) => {}
            }
            let real = std::fs::canonicalize(os)
                .map_err(|e| (e.raw_os_error().unwrap_or(libc::EIO), format!("{}: {e}", String::from_utf8_lossy(d))))?;
            let rb = real.as_os_str().as_bytes().to_vec();
            if let Some(m) = lock(&MOUNTS).iter().find(|m| m.dir.as_bytes() == rb.as_slice()) {
                return Ok(m.clone());
            }
            match std::fs::read_dir(&real) {
                Ok(mut it) => {
                    if it.next().is_some() {
                        return Err((libc::ENOTEMPTY, format!("{}: directory not empty", String::from_utf8_lossy(d))));
                    }
                }
                Err(e) => {
                    return Err((e.raw_os_error().unwrap_or(libc::EIO), format!("{}: {e}", String::from_utf8_lossy(d))))
                }
            }
            (rb, false)
        }
    };
    let cdir = CString::new(path.clone()).map_err(|_| (libc::EINVAL, "bad directory name".to_string()))?;
    let m = Mount::new(cdir, created, flags, dirmode);
    let undo = |m: &Arc<Mount>| {
        if created {
            // SAFETY: the directory we just made.
            unsafe { libc::rmdir(m.dir.as_ptr()) };
        }
    };
    // The dispatcher first: requests may arrive as soon as the mount exists.
    let arg = Arc::into_raw(m.clone()) as *mut c_void;
    if flags & MOUNT_NEWPROC != 0 {
        if crate::runtime::spawn::proccreate(Some(engine::dispatcher_main), arg, 64 * 1024, call) < 0 {
            // SAFETY: the reference we leaked for the dispatcher, never started.
            unsafe { drop(Arc::from_raw(arg as *const Mount)) };
            undo(&m);
            return Err((libc::EAGAIN, "cannot create the serving proc".into()));
        }
    } else {
        let t = sched_need(call);
        // Known now, before the dispatcher first runs: the self-access guard needs it.
        // SAFETY: the running thread's proc.
        unsafe {
            let p = (*t).proc;
            m.proc_.store(p, core::sync::atomic::Ordering::Release);
            m.tid.store(
                (*p).tid.load(core::sync::atomic::Ordering::Relaxed) as i32,
                core::sync::atomic::Ordering::Release,
            );
        }
        // SAFETY: spawning into the caller's own proc.
        if let Err(e) = unsafe { crate::runtime::sched::spawn((*t).proc, engine::dispatcher_main, arg, 64 * 1024) } {
            // SAFETY: as above.
            unsafe { drop(Arc::from_raw(arg as *const Mount)) };
            undo(&m);
            return Err((e, "cannot create the dispatcher thread".into()));
        }
    }
    let allow = flags & MOUNT_ALLOW_OTHER != 0;
    if let Err(e) = super::fuse::mount(&m, allow) {
        super::unmount::loop_ended(&m);
        return Err(e);
    }
    unmount::register(&m);
    Ok(m)
}

fn sched_need(call: &str) -> *mut crate::runtime::thread::Thread {
    crate::runtime::sched::need(call)
}

/// # Safety
/// `dir` is null or a NUL-terminated string readable for the call.
pub unsafe fn resmgr_mount(dir: *const c_char, flags: u32) -> *mut c_void {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let d = if dir.is_null() { None } else { Some(CStr::from_ptr(dir).to_bytes()) };
        if flags & MOUNT_NEWPROC == 0 {
            crate::runtime::sched::need("resmgr_mount");
        }
        match mount("resmgr_mount", d, flags, 0o755) {
            Ok(m) => Arc::into_raw(m) as *mut c_void,
            Err((e, w)) => {
                fail("resmgr_mount", e, &w);
                null_mut()
            }
        }
    }
}

/// The mount behind a dispatch_t (nil: the default mount, made on first use).
///
/// # Safety
/// `dpp` is null or a dispatch_t from resmgr_mount (an `Arc<Mount>` from Arc::into_raw
/// whose reference is still held).
unsafe fn mount_of(call: &str, dpp: *mut c_void) -> Result<Arc<Mount>, (i32, String)> {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if !dpp.is_null() {
            let p = dpp as *const Mount;
            Arc::increment_strong_count(p);
            return Ok(Arc::from_raw(p));
        }
        let mut g = lock(&DEFAULT);
        if let Some(m) = g.as_ref() {
            return Ok(m.clone());
        }
        let m = mount(call, None, 0, 0o755)?;
        *g = Some(m.clone());
        Ok(m)
    }
}

/// # Safety
/// `dpp` as for mount_of; `path` is null or a NUL-terminated string; `ra` is null or a
/// readable resmgr_attr_t; `cf`, `io` and `h` are null or the program's tables and attr,
/// kept alive and valid while attached.
#[allow(clippy::too_many_arguments)]
pub unsafe fn resmgr_attach(
    dpp: *mut c_void,
    ra: *const RAttr,
    path: *const c_char,
    ftype: c_int,
    _flags: u32,
    cf: *const ConnectFuncs,
    io: *const IoFuncs,
    h: *mut Attr,
) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let call = "resmgr_attach";
        if path.is_null() || h.is_null() || (cf.is_null() && io.is_null()) || ftype != 0 {
            let what = if path.is_null() {
                "nil path"
            } else if h.is_null() {
                "nil handle"
            } else if ftype != 0 {
                "file type must be _FTYPE_ANY"
            } else {
                "nil handler tables"
            };
            report::complain(call, what);
            fail(call, libc::EINVAL, what);
            return -1;
        }
        let m = match mount_of(call, dpp) {
            Ok(m) => m,
            Err((e, w)) => {
                fail(call, e, &w);
                return -1;
            }
        };
        let p = CStr::from_ptr(path).to_bytes().to_vec();
        let full = [m.dir.as_bytes(), b"/", p.as_slice()].concat();
        match m.attach(&p, |id, ino| engine::make_attach(id, ino, &full, ra, cf, io, h)) {
            Ok(id) => id,
            Err((e, w)) => {
                fail(call, e, &format!("{}: {w}", String::from_utf8_lossy(&p)));
                -1
            }
        }
    }
}

/// # Safety
/// `dpp` is null or a dispatch_t from resmgr_mount whose reference is still held.
pub unsafe fn resmgr_detach(dpp: *mut c_void, id: c_int, flags: u32) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let m = match mount_of("resmgr_detach", dpp) {
            Ok(m) => m,
            Err((e, w)) => {
                fail("resmgr_detach", e, &w);
                return -1;
            }
        };
        if m.detach(id, flags & DETACH_PATHNAME == 0, libc::EIO) {
            0
        } else {
            fail("resmgr_detach", libc::EINVAL, &format!("no attach {id}"));
            -1
        }
    }
}

/// # Safety
/// `dpp` is null or a dispatch_t from resmgr_mount whose reference is still held.
pub unsafe fn resmgr_unmount(dpp: *mut c_void) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let m = match mount_of("resmgr_unmount", dpp) {
            Ok(m) => m,
            Err((e, w)) => {
                fail("resmgr_unmount", e, &w);
                return -1;
            }
        };
        let ids: Vec<i32> = lock(&m.attaches).keys().copied().collect();
        for id in ids {
            m.detach(id, true, libc::EIO);
        }
        unmount::unmount(&m);
        let mut g = lock(&DEFAULT);
        if g.as_ref().is_some_and(|d| Arc::ptr_eq(d, &m)) {
            *g = None;
        }
        0
    }
}

/// # Safety
/// `dpp` is null or a dispatch_t from resmgr_mount whose reference is still held. The
/// path returned lives only as long as the attach.
pub unsafe fn resmgr_path(dpp: *mut c_void, id: c_int) -> *const c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let Ok(m) = mount_of("resmgr_path", dpp) else {
            return core::ptr::null();
        };
        let a = lock(&m.attaches).get(&id).cloned();
        match a {
            // The Attach lives as long as the mount holds it (or an open file does).
            Some(a) => a.path.as_ptr(),
            None => core::ptr::null(),
        }
    }
}

pub fn reply(rcvid: i64, status: c_long, data: Vec<u8>) -> c_int {
    if super::answer(rcvid, Ok((status, data))) < 0 {
        fail("resmgr_reply", libc::ESRCH, "no such request (unknown, answered or cancelled)");
        return -1;
    }
    0
}

pub fn error(rcvid: i64, e: c_int) -> c_int {
    if super::answer(rcvid, Err(if e > 0 { e } else { libc::EIO })) < 0 {
        fail("resmgr_error", libc::ESRCH, "no such request (unknown, answered or cancelled)");
        return -1;
    }
    0
}

/// Reads write payload as QNX does: `offset` counts from the message start
/// (the payload follows the 24-byte `struct _io_write`).
///
/// # Safety
/// `ctp` is null or the context of a live request (the `Ctx` heading its engine Job, as
/// handlers receive it); `buf` is writable for `n` bytes (null only when `n` is 0).
pub unsafe fn msgread(ctp: *mut Ctx, buf: *mut c_void, n: usize, off: usize) -> c_long {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if ctp.is_null() || (buf.is_null() && n > 0) {
            report::complain("resmgr_msgread", "nil context or buffer");
            return -1;
        }
        let j = ctp as *mut Job;
        let hdr = core::mem::size_of::<IoRead>();
        if (*j).msg.hdr.type_ != IO_WRITE || off < hdr {
            return -1;
        }
        let d = &(*j).buf;
        let s = (off - hdr).min(d.len());
        let k = n.min(d.len() - s);
        core::ptr::copy_nonoverlapping(d.as_ptr().add(s), buf as *mut u8, k);
        k as c_long
    }
}
