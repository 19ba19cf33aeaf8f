//! file2chan (docs/SERVE-AND-POLL.md, file2chan): an Inferno-style file on the resmgr engine.
//! Reads and writes become Fileread/Filewrite messages on the FileIO's channels;
//! the reply channel in each is *bound*: a send on it answers the request in the
//! sender's context (data copied before send returns).
//!
//! Not by a dedicated proc, as first planned: requests are served by the
//! proc that calls file2chan, as resmgr_mount does: the usual server thread lives
//! there, and the cross-proc hop a dedicated proc adds made a 4 KiB read ~5x
//! slower than a resmgr handler (benches/serve_bench.c); in the same proc the
//! overhead is a few percent.

use super::engine::{self, lock, Mount};
use super::iofunc;
use super::types::*;
use crate::base::report;
use crate::chan::{self, Channel};
use core::ffi::{c_char, c_int, c_void};
use core::ptr::null_mut;
use std::collections::{HashMap, VecDeque};
use std::ffi::CStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

pub struct F2c {
    pub fio: *mut FileIO,
    pub mount: Arc<Mount>,
    pub id: i32,
    pub attr: *mut Attr,
    pub closed: AtomicBool,
    /// Answered reply channels, kept a while so a late second send is caught.
    pub old: Mutex<VecDeque<usize>>,
}

// SAFETY: F2c is shared by handler threads of the serving proc and the program's
// threads; mutable state is atomic or behind mutexes, channels are thread-safe.
unsafe impl Send for F2c {}
// SAFETY: as for Send: the mutable state is atomic or behind mutexes, and the FileIO and attr
// it points to are never freed.
unsafe impl Sync for F2c {}

/// Bound reply channel → (rcvid, is-read, its F2c).
type BoundMap = HashMap<usize, (i64, bool, usize)>;
static BOUND: Mutex<Option<BoundMap>> = Mutex::new(None);
const KEEP_OLD: usize = 1024;
static DEFAULT: Mutex<Option<Arc<Mount>>> = Mutex::new(None);

struct Tables {
    io: IoFuncs,
    cf: ConnectFuncs,
}
// SAFETY: immutable after construction (function addresses).
unsafe impl Sync for Tables {}
// SAFETY: as for Sync: the tables are immutable function addresses once built.
unsafe impl Send for Tables {}
static TABLES: OnceLock<Box<Tables>> = OnceLock::new();

fn tables() -> &'static Tables {
    TABLES.get_or_init(|| {
        let mut t = Box::new(Tables {
            io: IoFuncs { nfuncs: 0, f: [0; NIO], reserved: [0; 8] },
            cf: ConnectFuncs { nfuncs: 0, f: [0; NCONNECT] },
        });
        t.io.nfuncs = NIO as u32;
        t.io.f[F_READ] = f2c_read as *const () as usize;
        t.io.f[F_WRITE] = f2c_write as *const () as usize;
        t.io.f[F_CLOSE_OCB] = f2c_close as *const () as usize;
        t.io.f[F_SPACE] = f2c_length as *const () as usize;
        t.cf.nfuncs = NCONNECT as u32;
        t.cf.f[C_UNLINK] = f2c_rm as *const () as usize;
        t
    })
}

fn bound() -> std::sync::MutexGuard<'static, Option<BoundMap>> {
    lock(&BOUND)
}

/// # Safety
/// `ocb` is a live OCB of a file2chan file: its `attr` is live and its `aux` points to
/// the file's F2c.
unsafe fn f2c_of(ocb: *mut Ocb) -> *const F2c {
    // SAFETY: the caller guarantees `ocb` and its `attr` are live (this function's contract).
    unsafe { (*(*ocb).attr).aux as *const F2c }
}

/// # Safety
/// `f` stays alive while the channel is bound (F2c structs are never freed).
unsafe fn new_reply_chan(f: &F2c, rcvid: i64, read: bool) -> *mut Channel {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let c = chan::create(
            if read { core::mem::size_of::<Readreply>() } else { core::mem::size_of::<Writereply>() } as i32,
            0,
        );
        if c.is_null() {
            return c;
        }
        chan::set_kind(c, chan::kinds::REPLY);
        bound().get_or_insert_with(HashMap::new).insert(c as usize, (rcvid, read, f as *const F2c as usize));
        c
    }
}

/// A reply channel the server never saw.
///
/// # Safety
/// `c` is a reply channel from new_reply_chan that nobody else has seen (its request
/// failed before it was sent).
unsafe fn drop_reply_chan(c: *mut Channel) {
    bound().get_or_insert_with(HashMap::new).remove(&(c as usize));
    chan::free(c);
}

/// An answered reply channel: kept a while, so that a second send on it is
/// reported rather than landing in freed memory; the oldest are freed.
fn retire_reply_chan(f: *const F2c, c: *mut Channel) {
    // SAFETY: F2c structs are never freed.
    let mut old = lock(unsafe { &(*f).old });
    old.push_back(c as usize);
    if old.len() > KEEP_OLD {
        let o = old.pop_front().unwrap();
        chan::free(o as *mut Channel);
    }
}

/// # Safety
/// Called by the engine (call_io) on the request's handler thread: `ctp` is the job's
/// context, `msg` its IoRead and `ocb` a live OCB of a file2chan file.
unsafe extern "C" fn f2c_read(ctp: *mut Ctx, msg: *mut c_void, ocb: *mut Ocb) -> c_int {
    // SAFETY: the engine passes this request's live context, message and OCB (this
    // function's contract).
    unsafe {
        let r = iofunc::read_verify(ctp, msg, ocb, null_mut());
        if r != 0 {
            return r;
        }
        let f = &*f2c_of(ocb);
        let m = &*(msg as *const IoRead);
        let rc = new_reply_chan(f, (*ctp).rcvid, true);
        if rc.is_null() {
            return libc::ENOMEM;
        }
        let mut fr = Fileread { offset: m.offset, count: m.nbytes as _, fid: (*ocb).fid, rc };
        if f.closed.load(Ordering::Acquire)
            || chan::op1((*f.fio).read, true, &mut fr as *mut Fileread as *mut u8, true, "file2chan") < 0
        {
            drop_reply_chan(rc);
            return libc::ENXIO;
        }
        R_NOREPLY
    }
}

/// # Safety
/// Called by the engine (call_io) on the request's handler thread: `ctp` is the job's
/// context, `msg` its IoWrite and `ocb` a live OCB of a file2chan file.
unsafe extern "C" fn f2c_write(ctp: *mut Ctx, msg: *mut c_void, ocb: *mut Ocb) -> c_int {
    // SAFETY: the engine passes this request's live context, message and OCB (this
    // function's contract).
    unsafe {
        let r = iofunc::write_verify(ctp, msg, ocb, null_mut());
        if r != 0 {
            return r;
        }
        let f = &*f2c_of(ocb);
        let m = &*(msg as *const IoWrite);
        let wc = new_reply_chan(f, (*ctp).rcvid, false);
        if wc.is_null() {
            return libc::ENOMEM;
        }
        let mut fw =
            Filewrite { offset: m.i.offset, data: m.data as *mut u8, count: m.i.nbytes as _, fid: (*ocb).fid, wc };
        if f.closed.load(Ordering::Acquire)
            || chan::op1((*f.fio).write, true, &mut fw as *mut Filewrite as *mut u8, true, "file2chan") < 0
        {
            drop_reply_chan(wc);
            return libc::ENXIO;
        }
        R_NOREPLY
    }
}

/// The open's last close: nil-reply-channel notices per access mode, then the default.
///
/// # Safety
/// Called by the engine (call_io) on the request's handler thread: `ocb` is a live OCB of
/// a file2chan file (`ctp` and `msg` as for close_ocb_default).
unsafe extern "C" fn f2c_close(ctp: *mut Ctx, msg: *mut c_void, ocb: *mut Ocb) -> c_int {
    // SAFETY: the engine passes this request's live context, message and OCB (this
    // function's contract).
    unsafe {
        let f = &*f2c_of(ocb);
        if !f.closed.load(Ordering::Acquire) {
            if (*ocb).ioflag & IO_FLAG_RD != 0 {
                let mut fr = Fileread { offset: 0, count: 0, fid: (*ocb).fid, rc: null_mut() };
                chan::op1((*f.fio).read, true, &mut fr as *mut Fileread as *mut u8, true, "file2chan");
            }
            if (*ocb).ioflag & IO_FLAG_WR != 0 {
                let mut fw = Filewrite { offset: 0, data: null_mut(), count: 0, fid: (*ocb).fid, wc: null_mut() };
                chan::op1((*f.fio).write, true, &mut fw as *mut Filewrite as *mut u8, true, "file2chan");
            }
        }
        iofunc::close_ocb_default(ctp, msg, ocb)
    }
}

/// truncate: the length is only what stat reports (Inferno's wstat length).
///
/// # Safety
/// Called by the engine (call_io): `msg` is the request's IoSpace and `ocb` a live OCB
/// whose attr is live.
unsafe extern "C" fn f2c_length(_ctp: *mut Ctx, msg: *mut c_void, ocb: *mut Ocb) -> c_int {
    // SAFETY: the engine passes this request's live context, message and OCB (this
    // function's contract).
    unsafe {
        let m = &*(msg as *const IoSpace);
        if m.subtype != IO_SPACE_TRUNC {
            return libc::ENOSYS;
        }
        (*(*ocb).attr).nbytes = m.start.max(0);
        0
    }
}

/// # Safety
/// Called by the engine (call_connect): `ctp` is the request's context and `a` the
/// file's live attr.
unsafe extern "C" fn f2c_rm(ctp: *mut Ctx, _msg: *mut c_void, a: *mut Attr, _x: *mut c_void) -> c_int {
    // SAFETY: the engine passes this request's live context and the file's attr (this
    // function's contract).
    unsafe {
        let u = (*ctp).info.uid;
        if u != 0 && u != (*a).uid {
            return libc::EPERM;
        }
        0
    }
}

/// Inferno error strings → errno (case-insensitive).
pub fn errno_of(s: &[u8]) -> i32 {
    let l = String::from_utf8_lossy(s).to_lowercase();
    let l = l.trim();
    let table: [(&str, i32); 17] = [
        ("permission denied", libc::EACCES),
        ("file does not exist", libc::ENOENT),
        ("not found", libc::ENOENT),
        ("file already exists", libc::EEXIST),
        ("is a directory", libc::EISDIR),
        ("not a directory", libc::ENOTDIR),
        ("interrupted", libc::EINTR),
        ("i/o error", libc::EIO),
        ("no space", libc::ENOSPC),
        ("file system full", libc::ENOSPC),
        ("bad arg", libc::EINVAL),
        ("invalid argument", libc::EINVAL),
        ("device shut down", libc::ENXIO),
        ("file in use", libc::EBUSY),
        ("device busy", libc::EBUSY),
        ("not implemented", libc::ENOTSUP),
        ("operation not supported", libc::ENOTSUP),
    ];
    for (k, e) in table {
        if l.contains(k) {
            return e;
        }
    }
    if l.contains("timed out") {
        return libc::ETIMEDOUT;
    }
    for e in 1..134 {
        // SAFETY: strerror returns a static string for any value.
        let m = unsafe { CStr::from_ptr(libc::strerror(e)) }.to_string_lossy().to_lowercase();
        if m == l {
            return e;
        }
    }
    libc::EIO
}

/// A send on a bound reply channel: answers the request now, in the sender's
/// context, copying the data first.
pub fn bound_send(c: *mut Channel, v: *mut u8) -> i32 {
    if v.is_null() {
        report::complain("send", "nil reply");
        return -1;
    }
    let e = bound().get_or_insert_with(HashMap::new).remove(&(c as usize));
    let Some((rcvid, read, f)) = e else {
        report::complain("send", "file2chan reply channel used twice (each request is answered once)");
        crate::runtime::errstr::set(b"reply channel already used");
        return -1;
    };
    // SAFETY: v points to the element the sender passes (Readreply/Writereply).
    let a: super::Answer = unsafe {
        let err: *mut c_char = if read { (*(v as *const Readreply)).err } else { (*(v as *const Writereply)).err };
        if !err.is_null() && *err != 0 {
            Err(errno_of(CStr::from_ptr(err).to_bytes()))
        } else if read {
            let r = &*(v as *const Readreply);
            let n = r.count.max(0) as usize;
            if n > 0 && r.data.is_null() {
                Err(libc::EIO)
            } else {
                let d = if n > 0 { core::slice::from_raw_parts(r.data as *const u8, n).to_vec() } else { Vec::new() };
                Ok((n as i64, d))
            }
        } else {
            Ok(((*(v as *const Writereply)).count.max(0), Vec::new()))
        }
    };
    let r = super::answer(rcvid, a);
    retire_reply_chan(f as *const F2c, c);
    if r < 0 {
        crate::runtime::errstr::set(b"request already answered or cancelled");
        return -1;
    }
    1
}

fn bad_name(f: &[u8]) -> bool {
    f.is_empty() || f == b"." || f == b".." || f.contains(&b'/') || f.len() >= 64
}

/// # Safety
/// `dir` and `file` are each null or a NUL-terminated string readable for the call.
pub unsafe fn file2chan(dir: *const c_char, file: *const c_char) -> *mut FileIO {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let call = "file2chan";
        crate::runtime::sched::need(call);
        let fname = if file.is_null() { &b""[..] } else { CStr::from_ptr(file).to_bytes() };
        if bad_name(fname) {
            super::resmgr::fail(call, libc::EINVAL, &format!("bad file name \"{}\"", String::from_utf8_lossy(fname)));
            return null_mut();
        }
        let d = if dir.is_null() { None } else { Some(CStr::from_ptr(dir).to_bytes()) };
        // All nil-dir files share one default directory.
        let mut dg = lock(&DEFAULT);
        let got = match (d, dg.as_ref()) {
            (None, Some(m)) if !m.unmounted.load(Ordering::Acquire) => Ok(m.clone()),
            _ => super::resmgr::mount(call, d, 0, 0o770),
        };
        if d.is_none() {
            if let Ok(m) = &got {
                *dg = Some(m.clone());
            }
        }
        drop(dg);
        let m = match got {
            Ok(m) => m,
            Err((e, w)) => {
                super::resmgr::fail(call, e, &w);
                return null_mut();
            }
        };
        let attr: *mut Attr = Box::into_raw(Box::new(core::mem::zeroed()));
        iofunc::attr_init(attr, libc::S_IFREG | 0o660, null_mut(), null_mut());
        let fio = Box::into_raw(Box::new(FileIO {
            read: null_mut(),
            write: null_mut(),
            path: null_mut(),
            priv_: null_mut(),
        }));
        let t = tables();
        let full = [m.dir.as_bytes(), b"/", fname].concat();
        let id = match m.attach(fname, |id, ino| engine::make_attach(id, ino, &full, null_mut(), &t.cf, &t.io, attr)) {
            Ok(id) => id,
            Err((e, w)) => {
                super::resmgr::fail(call, e, &format!("{}: {w}", String::from_utf8_lossy(&full)));
                drop(Box::from_raw(fio));
                drop(Box::from_raw(attr));
                return null_mut();
            }
        };
        (*fio).read = chan::create(core::mem::size_of::<Fileread>() as i32, 0);
        (*fio).write = chan::create(core::mem::size_of::<Filewrite>() as i32, 0);
        let cpath = std::ffi::CString::new(full).unwrap_or_default();
        (*fio).path = libc::strdup(cpath.as_ptr());
        let f = Box::into_raw(Box::new(F2c {
            fio,
            mount: m,
            id,
            attr,
            closed: AtomicBool::new(false),
            old: Mutex::new(VecDeque::new()),
        }));
        (*fio).priv_ = f as *mut c_void;
        (*attr).aux = f as *mut c_void;
        fio
    }
}

/// # Safety
/// `fio` is null or a FileIO returned by file2chan (never freed, so a second close is
/// caught).
pub unsafe fn file2chanclose(fio: *mut FileIO) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if fio.is_null() || (*fio).priv_.is_null() {
            report::complain("file2chanclose", "nil or closed FileIO");
            return -1;
        }
        let f = &*((*fio).priv_ as *const F2c);
        if f.closed.swap(true, Ordering::SeqCst) {
            report::complain("file2chanclose", "FileIO already closed");
            return -1;
        }
        f.mount.detach(f.id, false, libc::ENXIO);
        lock(&f.mount.attaches).remove(&f.id);
        f.mount.fail_pending(Some(f.id), libc::ENXIO);
        chan::close((*fio).read);
        chan::close((*fio).write);
        // The mount's dispatcher keeps the serving proc alive: the last file's close
        // unmounts, so a program that closes its files can end by threadexits.
        if lock(&f.mount.attaches).is_empty() {
            super::unmount::unmount(&f.mount);
        }
        0
    }
}

/// file2chantimeout: requests on `fio`'s file that the server has not answered
/// within `ms` milliseconds fail with ETIMEDOUT from then on (0: wait for ever, the
/// default), as resmgr's reply_timeout_ms: a server that never replies then cannot
/// leave its clients waiting in the kernel, where not even SIGKILL ends them. A late
/// reply's send returns -1. Returns 0, or -1 (message, errstr) for a nil, closed or
/// negative argument.
///
/// # Safety
/// `fio` is null or a FileIO returned by file2chan.
pub unsafe fn file2chantimeout(fio: *mut FileIO, ms: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if fio.is_null() || (*fio).priv_.is_null() || ms < 0 {
            let what = if ms < 0 { "negative timeout" } else { "nil FileIO" };
            report::complain("file2chantimeout", what);
            crate::runtime::errstr::set(format!("file2chantimeout: {what}").as_bytes());
            return -1;
        }
        let f = &*((*fio).priv_ as *const F2c);
        let a = lock(&f.mount.attaches).get(&f.id).cloned();
        match a {
            Some(a) if !f.closed.load(Ordering::Acquire) => {
                a.timeout_ms.store(ms as u32, Ordering::Relaxed);
                0
            }
            _ => {
                report::complain("file2chantimeout", "FileIO closed");
                crate::runtime::errstr::set(b"file2chantimeout: FileIO closed");
                -1
            }
        }
    }
}
