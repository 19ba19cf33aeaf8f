//! File serving (docs/SERVE-AND-POLL.md): a QNX-style resource manager whose
//! files are reached through FUSE, and Inferno's file2chan on the same engine.
//!
//! Shape: the FUSE session loop runs in its own OS thread (`fuse.rs`) and runs no
//! program code; each request becomes a `Job` queued to the mount's serving proc,
//! where a dispatcher thread starts one handler thread per job (`engine.rs`). A job
//! is answered exactly once, by its handler's return value or later by
//! `resmgr_reply` from any thread, through the pending table below.

pub mod engine;
pub mod file2chan;
pub mod fuse;
pub mod iofunc;
pub mod resmgr;
pub mod types;
pub mod unmount;

use crate::runtime::thread::Thread;
use crate::runtime::thread::SEL_WOKEN;
use fuser::{Errno, FileHandle, FopenFlags, Generation, ReplyAttr, ReplyData, ReplyEmpty, ReplyEntry};
use fuser::{ReplyIoctl, ReplyLseek, ReplyOpen, ReplyWrite};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// How a job's answer reaches the kernel.
pub enum FReply {
    /// read: data cut to the asked size.
    Data(ReplyData, usize),
    /// write: count clamped to the written size.
    Write(ReplyWrite, usize),
    /// getattr/setattr: the payload is a `struct stat`.
    Attr(ReplyAttr, Duration),
    /// lookup: the payload is a `struct stat`; the node id.
    Entry(ReplyEntry, Duration, u64),
    /// ioctl: status = the ioctl result, payload = output (cut to size).
    Ioctl(ReplyIoctl, usize),
    Lseek(ReplyLseek),
    Empty(ReplyEmpty),
    /// open: the file handle (fid) to give the kernel on success.
    Open(ReplyOpen, u64),
    /// An internal step (setattr's chmod…): the waiting handler takes the answer.
    None,
}

/// What the waiting handler thread learns about its job's answer.
pub struct Slot {
    pub done: bool,
    pub err: i32,
    pub status: i64,
    pub data: Vec<u8>,
    /// The handler thread parked waiting for the answer (null while it runs).
    pub waiter: *mut Thread,
}

impl Slot {
    pub fn new() -> Self {
        Slot { done: false, err: 0, status: 0, data: Vec::new(), waiter: core::ptr::null_mut() }
    }
}

impl Default for Slot {
    fn default() -> Self {
        Self::new()
    }
}

pub struct Pend {
    pub mount: usize,
    pub attach: i32,
    pub reply: FReply,
    pub slot: *mut Slot,
}

// SAFETY: the raw pointers are only used under PENDING's lock or by their owner.
unsafe impl Send for Pend {}

pub static PENDING: Mutex<Option<HashMap<i64, Pend>>> = Mutex::new(None);
static NEXT_RCVID: AtomicI64 = AtomicI64::new(1);

pub fn with_pending<R>(f: impl FnOnce(&mut HashMap<i64, Pend>) -> R) -> R {
    let mut g = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    f(g.get_or_insert_with(HashMap::new))
}

/// FUSE requests being answered (FUSE id → rcvid and the job's `intr` flag), and
/// interrupts that came before their request got here.
struct Intr {
    live: HashMap<u64, (i64, usize)>,
    early: std::collections::HashSet<u64>,
}
static INTR: Mutex<Option<Intr>> = Mutex::new(None);
/// How many interrupts wait in `early` (replied skips the lock while none do).
static EARLY: AtomicUsize = AtomicUsize::new(0);

fn with_intr<R>(f: impl FnOnce(&mut Intr) -> R) -> R {
    let mut g = INTR.lock().unwrap_or_else(|e| e.into_inner());
    f(g.get_or_insert_with(|| Intr { live: HashMap::new(), early: Default::default() }))
}

/// Registers a request's exchange for FUSE_INTERRUPT while it lives.
pub struct IntrGuard {
    unique: u64,
    /// An interrupt for the request came first.
    pub early: bool,
}

impl IntrGuard {
    /// `flag` outlives the guard (both live in the job).
    pub fn new(unique: u64, rcvid: i64, flag: &AtomicBool) -> Self {
        if unique == 0 {
            return IntrGuard { unique, early: false };
        }
        let early = with_intr(|m| {
            m.live.insert(unique, (rcvid, flag as *const AtomicBool as usize));
            let e = m.early.remove(&unique);
            EARLY.store(m.early.len(), Ordering::Relaxed);
            e
        });
        IntrGuard { unique, early }
    }
}

impl Drop for IntrGuard {
    fn drop(&mut self) {
        if self.unique != 0 {
            with_intr(|m| m.live.remove(&self.unique));
        }
    }
}

/// FUSE_INTERRUPT for request `unique` (its client got a signal): the request is
/// answered EINTR now, so the client's system call ends (the kernel waits for the
/// answer uninterruptibly, even on SIGKILL) and the handler's unblock runs; a late
/// reply fails. An interrupt for a request not here yet is remembered for it.
pub fn interrupt(unique: u64) {
    let rcvid = with_intr(|m| match m.live.get(&unique) {
        Some(&(rcvid, flag)) => {
            // SAFETY: the flag lives in the job, which removes its entry (under this
            // lock) before it goes.
            unsafe { (*(flag as *const AtomicBool)).store(true, Ordering::Release) };
            Some(rcvid)
        }
        None => {
            if m.early.len() > 4096 {
                m.early.clear();
            }
            m.early.insert(unique);
            EARLY.store(m.early.len(), Ordering::Relaxed);
            None
        }
    });
    if let Some(r) = rcvid {
        answer(r, Err(libc::EINTR));
    }
}

/// Request `unique` was answered (its reply went to the kernel): an interrupt
/// remembered for it is moot.
pub fn replied(unique: u64) {
    if EARLY.load(Ordering::Relaxed) == 0 {
        return;
    }
    with_intr(|m| {
        m.early.remove(&unique);
        EARLY.store(m.early.len(), Ordering::Relaxed);
    });
}

pub fn new_rcvid() -> i64 {
    NEXT_RCVID.fetch_add(1, Ordering::Relaxed)
}

/// An answer: Ok(status, payload) or Err(errno).
pub type Answer = Result<(i64, Vec<u8>), i32>;

/// Answers job `rcvid` once: sends the FUSE reply (or hands the answer to the
/// waiting handler) and wakes the handler. -1 (ESRCH) if unknown or answered.
pub fn answer(rcvid: i64, a: Answer) -> i32 {
    let Some(p) = with_pending(|m| m.remove(&rcvid)) else {
        return -1;
    };
    // SAFETY: the slot lives in the job, which stays alive until its handler has
    // seen `done` (the handler waits for it before freeing the job).
    unsafe {
        let s = &mut *p.slot;
        match &a {
            Ok((st, d)) => {
                s.status = *st;
                if matches!(p.reply, FReply::None) {
                    s.data = d.clone();
                }
            }
            Err(e) => s.err = *e,
        }
    }
    send_reply(p.reply, a);
    with_pending(|_| {
        // SAFETY: as above; `done` and `waiter` are read under the same lock.
        unsafe {
            (*p.slot).done = true;
            let w = (*p.slot).waiter;
            if !w.is_null() {
                crate::runtime::sched::wake(w, SEL_WOKEN);
            }
        }
    });
    0
}

fn errno(e: i32) -> Errno {
    Errno::from_i32(if e > 0 { e } else { libc::EIO })
}

/// Turns a `struct stat` payload into FUSE attributes.
pub fn stat_to_attr(d: &[u8], ino: u64) -> Option<fuser::FileAttr> {
    if d.len() < core::mem::size_of::<libc::stat>() {
        return None;
    }
    // SAFETY: the payload holds a whole struct stat (checked); read unaligned.
    let st: libc::stat = unsafe { core::ptr::read_unaligned(d.as_ptr() as *const libc::stat) };
    let t = |s: i64, n: i64| {
        if s >= 0 {
            std::time::UNIX_EPOCH + Duration::new(s as u64, n as u32)
        } else {
            std::time::UNIX_EPOCH
        }
    };
    let kind = if st.st_mode & libc::S_IFMT == libc::S_IFDIR {
        fuser::FileType::Directory
    } else {
        fuser::FileType::RegularFile
    };
    Some(fuser::FileAttr {
        ino: fuser::INodeNo(ino),
        size: st.st_size.max(0) as u64,
        blocks: st.st_blocks.max(0) as u64,
        atime: t(st.st_atime, st.st_atime_nsec),
        mtime: t(st.st_mtime, st.st_mtime_nsec),
        ctime: t(st.st_ctime, st.st_ctime_nsec),
        crtime: std::time::UNIX_EPOCH,
        kind,
        perm: (st.st_mode & 0o7777) as u16,
        nlink: st.st_nlink as u32,
        uid: st.st_uid,
        gid: st.st_gid,
        rdev: 0,
        blksize: 4096,
        flags: 0,
    })
}

/// Sends one FUSE reply for an answer.
pub fn send_reply(r: FReply, a: Answer) {
    match (r, a) {
        (FReply::None, _) => {}
        (FReply::Data(r, _), Err(e)) => r.error(errno(e)),
        (FReply::Data(r, max), Ok((_, d))) => r.data(&d[..d.len().min(max)]),
        (FReply::Write(r, _), Err(e)) => r.error(errno(e)),
        (FReply::Write(r, max), Ok((st, _))) => r.written(st.clamp(0, max as i64) as u32),
        (FReply::Attr(r, _), Err(e)) => r.error(errno(e)),
        (FReply::Attr(r, ttl), Ok((_, d))) => match stat_to_attr(&d, 0) {
            Some(mut at) => {
                at.ino = fuser::INodeNo(ino_of_stat(&d));
                r.attr(&ttl, &at)
            }
            None => r.error(Errno::EIO),
        },
        (FReply::Entry(r, _, _), Err(e)) => r.error(errno(e)),
        (FReply::Entry(r, ttl, ino), Ok((_, d))) => match stat_to_attr(&d, ino) {
            Some(at) => r.entry(&ttl, &at, Generation(0)),
            None => r.error(Errno::EIO),
        },
        (FReply::Ioctl(r, _), Err(e)) => r.error(errno(e)),
        (FReply::Ioctl(r, max), Ok((st, d))) => r.ioctl(st as i32, &d[..d.len().min(max)]),
        (FReply::Lseek(r), Err(e)) => r.error(errno(e)),
        (FReply::Lseek(r), Ok((st, _))) => r.offset(st),
        (FReply::Empty(r), Err(e)) => r.error(errno(e)),
        (FReply::Empty(r), Ok(_)) => r.ok(),
        (FReply::Open(r, _), Err(e)) => r.error(errno(e)),
        (FReply::Open(r, fh), Ok(_)) => {
            r.opened(FileHandle(fh), FopenFlags::FOPEN_DIRECT_IO | FopenFlags::FOPEN_PARALLEL_DIRECT_WRITES)
        }
    }
}

fn ino_of_stat(d: &[u8]) -> u64 {
    // SAFETY: callers checked the payload holds a struct stat.
    let st: libc::stat = unsafe { core::ptr::read_unaligned(d.as_ptr() as *const libc::stat) };
    st.st_ino
}

/// A send on a bound reply channel (the REPLY kind, chan/kinds.rs): file2chan's replies.
/// file2chan reply channels: a send answers the request at once.
static REPLY_KIND: crate::chan::kinds::KindOps = crate::chan::kinds::KindOps {
    name: "file2chan reply",
    send_now: Some(file2chan::bound_send),
    recv: false,
    free: None,
};

/// Registers the serve layer's channel kind (before any reply channel exists).
pub fn install() {
    crate::chan::kinds::register(crate::chan::kinds::REPLY, &REPLY_KIND);
}
