//! The serving engine: mounts, the name tree, the request queue, the dispatcher
//! thread and one handler thread per request.

use super::iofunc;
use super::types::*;
use super::{answer, with_pending, Answer, FReply, Pend, Slot};
use crate::base::report;
use crate::runtime::proc::Proc;
use crate::runtime::sched;
use crate::runtime::thread::{Thread, Wait, SEL_INTR};
use core::ffi::{c_int, c_void};
use core::ptr::null_mut;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicPtr, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

pub const ROOT: u64 = 1;
const DEF_STACK: usize = 32 * 1024;
const DEF_NPARTS: usize = 8;

pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

pub struct Attach {
    pub id: i32,
    pub ino: u64,
    pub path: CString,
    pub connect: *const ConnectFuncs,
    pub io: *const IoFuncs,
    pub handle: *mut Attr,
    pub nparts: usize,
    pub stacksize: usize,
    pub ttl: Duration,
    pub ocb_size: usize,
    /// reply_timeout_ms (0: none); file2chantimeout changes it later.
    pub timeout_ms: core::sync::atomic::AtomicU32,
    /// `_RESMGR_DETACH_ALL` done: later I/O fails EBADF.
    pub dead: AtomicBool,
}

// SAFETY: the tables and the handle are the program's, which keeps them alive
// while attached (resmgr(3)); handlers touching them run in the serving proc.
unsafe impl Send for Attach {}
// SAFETY: as for Send: the tables and handle stay alive and unchanged while attached, and
// the only field written after construction (`dead`) is atomic.
unsafe impl Sync for Attach {}

pub struct Node {
    pub parent: u64,
    pub name: Vec<u8>,
    pub children: BTreeMap<Vec<u8>, u64>,
    /// The attach's handle, or a library-owned directory attr.
    pub attr: *mut Attr,
    pub attach: Option<Arc<Attach>>,
}

pub struct Tree {
    pub nodes: HashMap<u64, Node>,
    pub next: u64,
}

pub struct OcbRec {
    pub ocb: *mut Ocb,
    pub attach: Arc<Attach>,
    pub ino: u64,
    /// Handler threads using the OCB (close_ocb waits for the others to finish).
    pub busy: u32,
}

pub struct Mount {
    pub dir: CString,
    pub created: bool,
    pub flags: u32,
    pub dirmode: u32,
    pub queue: Mutex<VecDeque<Box<Job>>>,
    pub dispatcher: AtomicPtr<Thread>,
    pub proc_: AtomicPtr<Proc>,
    pub tid: AtomicI32,
    pub tree: Mutex<Tree>,
    pub ocbs: Mutex<HashMap<u64, OcbRec>>,
    pub attaches: Mutex<HashMap<i32, Arc<Attach>>>,
    /// The session loop has ended: no more requests; the dispatcher leaves.
    pub closing: AtomicBool,
    pub unmounted: AtomicBool,
    /// Kernel cache invalidation (names cached with attr_ttl_ms > 0).
    pub notifier: Mutex<Option<fuser::Notifier>>,
}

// SAFETY: shared state is behind mutexes/atomics; raw attr pointers are the
// program's (see Attach) or library-owned and never freed while mounted.
unsafe impl Send for Mount {}
// SAFETY: as for Send: every field written after Mount::new is a Mutex or an atomic, and the
// raw attrs are the program's or library-owned ones that live while mounted.
unsafe impl Sync for Mount {}

static NEXT_ID: AtomicI32 = AtomicI32::new(1);
static NEXT_FID: AtomicU64 = AtomicU64::new(1);

pub fn now() -> libc::timespec {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: plain clock_gettime into a local.
    unsafe { libc::clock_gettime(libc::CLOCK_REALTIME, &mut ts) };
    ts
}

/// A library-owned attr (directories the library makes).
pub fn dir_attr(mode: u32) -> *mut Attr {
    // SAFETY: zeroed Attr is valid (integers, null pointers).
    let a: *mut Attr = Box::into_raw(Box::new(unsafe { core::mem::zeroed() }));
    // SAFETY: a is fresh.
    unsafe { iofunc::attr_init(a, libc::S_IFDIR | (mode & 0o7777), null_mut(), null_mut()) };
    a
}

impl Mount {
    pub fn new(dir: CString, created: bool, flags: u32, dirmode: u32) -> Arc<Mount> {
        let mut nodes = HashMap::new();
        let a = dir_attr(dirmode);
        // SAFETY: fresh attr.
        unsafe {
            (*a).inode = ROOT;
            (*a).nlink = 2;
        }
        nodes.insert(ROOT, Node { parent: ROOT, name: Vec::new(), children: BTreeMap::new(), attr: a, attach: None });
        Arc::new(Mount {
            dir,
            created,
            flags,
            dirmode,
            queue: Mutex::new(VecDeque::new()),
            dispatcher: AtomicPtr::new(null_mut()),
            proc_: AtomicPtr::new(null_mut()),
            tid: AtomicI32::new(0),
            tree: Mutex::new(Tree { nodes, next: ROOT + 1 }),
            ocbs: Mutex::new(HashMap::new()),
            attaches: Mutex::new(HashMap::new()),
            closing: AtomicBool::new(false),
            unmounted: AtomicBool::new(false),
            notifier: Mutex::new(None),
        })
    }

    /// Queues a job for the serving proc and wakes its dispatcher.
    pub fn submit(&self, j: Box<Job>) {
        lock(&self.queue).push_back(j);
        let t = self.dispatcher.load(Ordering::Acquire);
        if !t.is_null() {
            // SAFETY: the dispatcher lives until `closing`, which only the session
            // loop (the only submitter) sets, after its last submit.
            unsafe { sched::wake(t, crate::runtime::thread::SEL_WOKEN) };
        }
    }

    /// Adds `path` (parents made) with an attach; returns its id.
    pub fn attach(&self, path: &[u8], mk: impl FnOnce(i32, u64) -> Attach) -> Result<i32, (i32, String)> {
        let comps: Vec<&[u8]> = path.split(|&c| c == b'/').filter(|c| !c.is_empty()).collect();
        if comps.is_empty() {
            return Err((libc::EINVAL, "empty path".into()));
        }
        for c in &comps {
            if *c == b"." || *c == b".." || c.len() > 255 {
                return Err((libc::EINVAL, format!("bad path component \"{}\"", String::from_utf8_lossy(c))));
            }
        }
        let mut t = lock(&self.tree);
        let mut cur = ROOT;
        for (i, c) in comps.iter().enumerate() {
            let last = i + 1 == comps.len();
            let existing = t.nodes[&cur].children.get(*c).copied();
            match existing {
                Some(n) if last => {
                    let _ = n;
                    return Err((libc::EEXIST, "path already attached".into()));
                }
                Some(n) => {
                    // SAFETY: node attrs are live while the node is.
                    if unsafe { (*t.nodes[&n].attr).mode } & libc::S_IFMT != libc::S_IFDIR {
                        return Err((libc::ENOTDIR, format!("\"{}\" is not a directory", String::from_utf8_lossy(c))));
                    }
                    cur = n;
                }
                None => {
                    let ino = t.next;
                    t.next += 1;
                    if last {
                        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
                        let a = Arc::new(mk(id, ino));
                        // SAFETY: the program's handle, checked non-null by the caller.
                        unsafe {
                            if (*a.handle).inode == 0 {
                                (*a.handle).inode = ino;
                            }
                            if (*a.handle).nlink == 0 {
                                (*a.handle).nlink = 1;
                            }
                        }
                        let node = Node {
                            parent: cur,
                            name: c.to_vec(),
                            children: BTreeMap::new(),
                            attr: a.handle,
                            attach: Some(a.clone()),
                        };
                        t.nodes.insert(ino, node);
                        t.nodes.get_mut(&cur).unwrap().children.insert(c.to_vec(), ino);
                        lock(&self.attaches).insert(id, a);
                        return Ok(id);
                    }
                    let da = dir_attr(self.dirmode);
                    // SAFETY: fresh attr.
                    unsafe {
                        (*da).inode = ino;
                        (*da).nlink = 2;
                    }
                    t.nodes.insert(
                        ino,
                        Node { parent: cur, name: c.to_vec(), children: BTreeMap::new(), attr: da, attach: None },
                    );
                    t.nodes.get_mut(&cur).unwrap().children.insert(c.to_vec(), ino);
                    cur = ino;
                }
            }
        }
        unreachable!()
    }

    /// Removes an attach's name (new opens ENOENT); open files are served on.
    pub fn unlink_name(&self, ino: u64) {
        let mut t = lock(&self.tree);
        if let Some(n) = t.nodes.get(&ino) {
            let (p, name) = (n.parent, n.name.clone());
            if let Some(pn) = t.nodes.get_mut(&p) {
                if pn.children.get(&name) == Some(&ino) {
                    pn.children.remove(&name);
                }
            }
        }
    }

    /// Detach: the name goes; with `all`, pending requests get `err` and later
    /// I/O on open files fails EBADF.
    pub fn detach(&self, id: i32, all: bool, err: i32) -> bool {
        let Some(a) = lock(&self.attaches).get(&id).cloned() else {
            return false;
        };
        let where_ = lock(&self.tree).nodes.get(&a.ino).map(|n| (n.parent, n.name.clone()));
        self.unlink_name(a.ino);
        if let (false, Some((parent, name)), Some(n)) = (a.ttl.is_zero(), where_, lock(&self.notifier).clone()) {
            // The kernel may cache the name for the TTL: tell it. From a helper
            // thread: the call can wait on a lookup that the serving proc must answer.
            let _ = std::thread::Builder::new().stack_size(64 * 1024).spawn(move || {
                let _ = n.inval_entry(fuser::INodeNo(parent), std::ffi::OsStr::from_bytes(&name));
            });
        }
        if all {
            a.dead.store(true, Ordering::SeqCst);
            lock(&self.attaches).remove(&id);
            self.fail_pending(Some(id), err);
        }
        true
    }

    /// Answers every pending request of this mount (of one attach if `id`).
    pub fn fail_pending(&self, id: Option<i32>, err: i32) {
        let me = self as *const Mount as usize;
        let ids: Vec<i64> = with_pending(|m| {
            m.iter().filter(|(_, p)| p.mount == me && id.is_none_or(|i| p.attach == i)).map(|(k, _)| *k).collect()
        });
        for r in ids {
            answer(r, Err(err));
        }
    }
}

/// The work a request asks for (the FUSE reply travels inside).
pub enum Op {
    Stat(FReply),
    Setattr {
        mode: Option<u32>,
        uid: Option<u32>,
        gid: Option<u32>,
        size: Option<u64>,
        times: Option<[libc::timespec; 2]>,
        reply: FReply,
    },
    Open {
        flags: i32,
        reply: FReply,
    },
    Read {
        off: u64,
        size: u32,
        reply: FReply,
    },
    Write {
        off: u64,
        reply: FReply,
    },
    Flush(FReply),
    Release(FReply),
    Ioctl {
        cmd: u32,
        out: u32,
        reply: FReply,
    },
    Lseek {
        off: i64,
        whence: i32,
        reply: FReply,
    },
    Fsync(FReply),
    Unlink(FReply),
}

impl Op {
    pub fn into_reply(self) -> FReply {
        match self {
            Op::Stat(r) | Op::Flush(r) | Op::Release(r) | Op::Fsync(r) | Op::Unlink(r) => r,
            Op::Setattr { reply, .. }
            | Op::Open { reply, .. }
            | Op::Read { reply, .. }
            | Op::Write { reply, .. }
            | Op::Ioctl { reply, .. }
            | Op::Lseek { reply, .. } => reply,
        }
    }
}

/// One request, owned by its handler thread. `ctx` comes first so a
/// `resmgr_context_t*` is a `Job*` (resmgr_msgread).
#[repr(C)]
pub struct Job {
    pub ctx: Ctx,
    pub msg: Msg,
    pub slot: Slot,
    pub iov: Vec<libc::iovec>,
    pub mount: Arc<Mount>,
    pub ino: u64,
    pub fh: Option<u64>,
    pub op: Option<Op>,
    /// write payload / devctl buffer
    pub buf: Vec<u8>,
    pub path: CString,
    pub attach: Arc<Attach>,
    pub ocb: *mut Ocb,
    pub transient: Option<Box<Ocb>>,
    /// reply_timeout_ms: fires in the serving proc and answers ETIMEDOUT.
    pub timer: crate::runtime::timer::Timer,
    pub timed_out: bool,
    /// The FUSE request's id (0: none), for FUSE_INTERRUPT (super::interrupt).
    pub unique: u64,
    /// Answered EINTR because the client was interrupted: the unblock handler runs.
    pub intr: AtomicBool,
}

impl Job {
    pub fn new(m: &Arc<Mount>, a: Arc<Attach>, ino: u64, fh: Option<u64>, info: ClientInfo, op: Op) -> Box<Job> {
        Box::new(Job {
            ctx: Ctx { rcvid: 0, id: a.id, info, status: 0, niov: 0, iov: null_mut(), reserved: [null_mut(); 4] },
            // SAFETY: all-zero is a valid message of every kind.
            msg: unsafe { core::mem::zeroed() },
            slot: Slot::new(),
            iov: Vec::new(),
            mount: m.clone(),
            ino,
            fh,
            op: Some(op),
            buf: Vec::new(),
            path: a.path.clone(),
            attach: a,
            ocb: null_mut(),
            transient: None,
            timer: crate::runtime::timer::Timer::new(job_timeout),
            timed_out: false,
            unique: 0,
            intr: AtomicBool::new(false),
        })
    }
}

/// The dispatcher: the serving proc's thread that turns queued jobs into
/// handler threads. It holds the proc's `external` count while the mount lives,
/// so an idle server is not a deadlock.
///
/// # Safety
/// Runs as the dispatcher thread of a serving proc (spawned by resmgr's mount); `arg`
/// is an `Arc<Mount>` from Arc::into_raw whose reference passes to this thread.
pub unsafe extern "C" fn dispatcher_main(arg: *mut c_void) {
    // SAFETY: `arg` carries our reference to the Mount (this function's contract); we
    // run in the serving proc, so `p` and `t` are our own proc and thread.
    unsafe {
        let m = Arc::from_raw(arg as *const Mount);
        if m.flags & MOUNT_NEWPROC != 0 {
            sched::setsysproc();
        }
        let t = sched::current();
        let p = sched::myproc();
        m.proc_.store(p, Ordering::Release);
        m.tid.store((*p).tid.load(Ordering::Relaxed) as i32, Ordering::Release);
        m.dispatcher.store(t, Ordering::Release);
        sched::external_add(1);
        let mut batch: Vec<Box<Job>> = Vec::new();
        loop {
            let mut q = lock(&m.queue);
            batch.extend(q.drain(..));
            if batch.is_empty() {
                if m.closing.load(Ordering::Acquire) {
                    m.dispatcher.store(null_mut(), Ordering::Release);
                    drop(q);
                    break;
                }
                crate::runtime::sched::arm(t);
                drop(q);
                sched::park(Wait::Io, null_mut(), 0);
                continue;
            }
            drop(q);
            for j in batch.drain(..) {
                let ss = j.attach.stacksize;
                let jp = Box::into_raw(j);
                if let Err(e) = sched::spawn(p, job_main, jp as *mut c_void, ss) {
                    let j = Box::from_raw(jp);
                    if let Some(op) = j.op {
                        super::send_reply(op.into_reply(), Err(e));
                    }
                }
            }
        }
        sched::external_add(-1);
    }
}

/// # Safety
/// Runs as a request's handler thread in the serving proc; `arg` is the Box<Job> the
/// dispatcher leaked for it (its ownership passes here).
unsafe extern "C" fn job_main(arg: *mut c_void) {
    // SAFETY: `arg` is our Job (this function's contract); its timer is armed only in
    // our own proc's heap and removed before the Job is dropped.
    unsafe {
        let mut j = Box::from_raw(arg as *mut Job);
        let p = sched::myproc();
        let to = j.attach.timeout_ms.load(Ordering::Relaxed);
        if to > 0 {
            // The handler may block in recv/alt itself: a proc timer, not the park
            // deadline, bounds how long the client waits.
            j.timer.deadline = crate::base::futex::now_ns() + to as u64 * 1_000_000;
            (*p).timers.insert(&mut j.timer);
        }
        serve(&mut j);
        if j.timer.armed() {
            (*p).timers.remove(&mut j.timer);
        }
    }
}

/// reply_timeout_ms passed: answer the request in progress with ETIMEDOUT.
///
/// # Safety
/// `tm` is the `timer` field of a live Job (job_main removes it before the Job goes),
/// fired by the serving proc's timer heap on that proc's OS thread.
unsafe fn job_timeout(tm: *mut crate::runtime::timer::Timer) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let j = (tm as *mut u8).sub(core::mem::offset_of!(Job, timer)) as *mut Job;
        if super::answer((*j).ctx.rcvid, Err(libc::ETIMEDOUT)) == 0 {
            (*j).timed_out = true;
        }
    }
}

fn errno_of(r: c_int) -> i32 {
    if r > 0 {
        r
    } else {
        libc::EIO
    }
}

/// Runs handler `idx` of the I/O table (or its default) on the job's OCB.
///
/// # Safety
/// On the job's handler thread: `j.ocb` is null or a live OCB, and the attach's I/O table
/// is null or the program's live table of IoFn addresses (0 for none).
unsafe fn call_io(j: &mut Job, idx: usize) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let io = j.attach.io;
        let f = if !io.is_null() && (idx as u32) < (*io).nfuncs { (*io).f[idx] } else { 0 };
        let msg = &mut j.msg as *mut Msg as *mut c_void;
        let ctp = &mut j.ctx as *mut Ctx;
        let lockf = if !io.is_null() && (F_LOCK_OCB as u32) < (*io).nfuncs { (*io).f[F_LOCK_OCB] } else { 0 };
        if lockf != 0 {
            let g: IoFn = core::mem::transmute(lockf);
            g(ctp, null_mut(), j.ocb);
        }
        let mut r = R_DEFAULT;
        if f != 0 {
            let g: IoFn = core::mem::transmute(f);
            r = g(ctp, msg, j.ocb);
        }
        if r == R_DEFAULT {
            r = iofunc::io_default(idx)(ctp, msg, j.ocb);
        }
        let unl = if !io.is_null() && (F_UNLOCK_OCB as u32) < (*io).nfuncs { (*io).f[F_UNLOCK_OCB] } else { 0 };
        if unl != 0 {
            let g: IoFn = core::mem::transmute(unl);
            g(ctp, null_mut(), j.ocb);
        }
        r
    }
}

/// # Safety
/// On the job's handler thread: the attach's connect table is null or the program's live
/// table of ConnectFn addresses (0 for none), and its handle is a live attr.
unsafe fn call_connect(j: &mut Job, idx: usize) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let cf = j.attach.connect;
        let f = if !cf.is_null() && (idx as u32) < (*cf).nfuncs { (*cf).f[idx] } else { 0 };
        let msg = &mut j.msg as *mut Msg as *mut c_void;
        let ctp = &mut j.ctx as *mut Ctx;
        let mut r = R_DEFAULT;
        if f != 0 {
            let g: ConnectFn = core::mem::transmute(f);
            r = g(ctp, msg, j.attach.handle, null_mut());
        }
        if r == R_DEFAULT {
            r = iofunc::connect_default(idx)(ctp, msg, j.attach.handle, null_mut());
        }
        r
    }
}

/// Registers the job as pending with `reply`, runs `h`, and turns its result into
/// the answer (now, or waits for a late one). Afterwards `j.slot` holds the outcome.
///
/// # Safety
/// On the job's handler thread, `j` staying alive until its answer has been seen (its
/// slot is registered as pending); `h` calls handlers under call_io/call_connect's
/// contract.
unsafe fn exchange(
    j: &mut Job,
    reply: FReply,
    name: &str,
    h: impl FnOnce(&mut Job) -> c_int,
    implicit: impl FnOnce(&Job) -> (i64, Vec<u8>),
) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let rcvid = super::new_rcvid();
        j.ctx.rcvid = rcvid;
        j.ctx.status = 0;
        j.slot = Slot::new();
        j.iov.clear();
        j.iov.resize(j.attach.nparts, libc::iovec { iov_base: null_mut(), iov_len: 0 });
        j.ctx.iov = j.iov.as_mut_ptr();
        j.ctx.niov = j.attach.nparts as c_int;
        let me = &*j.mount as *const Mount as usize;
        let slot = &mut j.slot as *mut Slot;
        with_pending(|m| m.insert(rcvid, Pend { mount: me, attach: j.attach.id, reply, slot }));
        // Until this returns, a FUSE_INTERRUPT for the request answers it EINTR.
        let _intr = super::IntrGuard::new(j.unique, rcvid, &j.intr);
        if _intr.early {
            // Interrupted before it got here: the client is gone already.
            answer(rcvid, Err(libc::EINTR));
            return;
        }
        let r = h(j);
        if r == R_NOREPLY {
            wait_answer(j, rcvid);
            return;
        }
        let a: Answer = if r == 0 {
            Ok(implicit(j))
        } else if r > 0 {
            Err(r)
        } else if (-NPARTS_MAX..0).contains(&r) {
            let n = (-r) as usize;
            if n > j.iov.len() {
                bad_return(j, name, &format!("returned _RESMGR_NPARTS({n}) with only {} parts", j.iov.len()));
                Err(libc::EIO)
            } else {
                let (st, _) = implicit(j);
                let mut d = Vec::new();
                for v in &j.iov[..n] {
                    if v.iov_len > 0 && !v.iov_base.is_null() {
                        d.extend_from_slice(core::slice::from_raw_parts(v.iov_base as *const u8, v.iov_len));
                    }
                }
                Ok((st, d))
            }
        } else {
            bad_return(j, name, &format!("returned {r}, which is no errno, part count or _RESMGR_ value"));
            Err(libc::EIO)
        };
        // If the handler also had the request answered elsewhere, the first answer won;
        // wait until that answerer is done with the slot before the job can go.
        if answer(rcvid, a) < 0 {
            wait_answer(j, rcvid);
        }
    }
}

fn bad_return(j: &Job, name: &str, what: &str) {
    report::complain("resmgr", &format!("{name} handler for {} {what}", j.path.to_string_lossy()));
}

/// Parks until the job is answered (by resmgr_reply from any thread), or its
/// reply timeout passes (ETIMEDOUT + unblock), or the thread is interrupted.
///
/// # Safety
/// On the job's handler thread (the running thread): `rcvid` is the job's request, whose
/// pending entry points at `j.slot`.
unsafe fn wait_answer(j: &mut Job, rcvid: i64) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let t = sched::current();
        loop {
            let slot = &mut j.slot as *mut Slot;
            let done = with_pending(|_| {
                if (*slot).done {
                    true
                } else {
                    (*slot).waiter = t;
                    crate::runtime::sched::arm(t);
                    false
                }
            });
            if done {
                if j.timed_out || j.intr.swap(false, Ordering::AcqRel) {
                    // Tell the program the request is gone (its late reply gets ESRCH).
                    j.timed_out = false;
                    let _ = call_io(j, F_UNBLOCK);
                }
                return;
            }
            let code = sched::park(Wait::Io, null_mut(), 0);
            with_pending(|_| (*slot).waiter = null_mut());
            if code == SEL_INTR {
                if answer(rcvid, Err(libc::EINTR)) == 0 {
                    let _ = call_io(j, F_UNBLOCK);
                }
                sched::check_killed();
            }
        }
    }
}

fn ioflag_of(flags: i32) -> i32 {
    ((flags & libc::O_ACCMODE) + 1) | (flags & !libc::O_ACCMODE)
}

/// Serves one request in its handler thread.
///
/// # Safety
/// On the job's handler thread in the serving proc, with `j.op` set; the attach's tables
/// and handle are the program's live ones.
unsafe fn serve(j: &mut Job) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let m = j.mount.clone();
        let op = j.op.take().unwrap();
        if j.attach.dead.load(Ordering::Acquire) {
            super::send_reply(op.into_reply(), Err(libc::EBADF));
            return;
        }
        // The OCB: the open's, or a transient one for path-based requests.
        if let Some(fh) = j.fh {
            match lock(&m.ocbs).get_mut(&fh) {
                Some(r) => {
                    j.ocb = r.ocb;
                    r.busy += 1;
                }
                None => {
                    super::send_reply(op.into_reply(), Err(libc::EBADF));
                    return;
                }
            }
            serve_op(j, op);
            if let Some(r) = lock(&m.ocbs).get_mut(&fh) {
                r.busy -= 1;
            }
            return;
        } else if !matches!(op, Op::Open { .. }) {
            let mut o: Box<Ocb> = Box::new(core::mem::zeroed());
            o.attr = j.attach.handle;
            j.ocb = &mut *o;
            j.transient = Some(o);
        }
        serve_op(j, op);
    }
}

/// Sleeps the running thread for about `ms` milliseconds (a parked wait).
fn nap(ms: u64) {
    let t = sched::current();
    // SAFETY: the running thread parks itself; only its timer (or threadint) wakes it.
    unsafe { crate::runtime::sched::arm(t) };
    sched::park(Wait::Sleep, null_mut(), crate::base::futex::now_ns() + ms * 1_000_000);
    sched::check_killed();
}

/// # Safety
/// As for serve; `j.ocb` is a live OCB for every op but Open (which makes it).
unsafe fn serve_op(j: &mut Job, op: Op) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let m = j.mount.clone();
        let attr = j.attach.handle;
        match op {
            Op::Stat(reply) => {
                j.msg.stat.type_ = IO_STAT;
                exchange(j, reply, "stat", |j| call_io(j, F_STAT), |j| (0, stat_bytes(&j.msg.stat.o)));
            }
            Op::Read { off, size, reply } => {
                j.msg.read =
                    IoRead { type_: IO_READ, combine_len: 0, xtype: 0, nbytes: size as i64, offset: off as i64 };
                (*j.ocb).offset = off as i64;
                exchange(j, reply, "read", |j| call_io(j, F_READ), |j| (j.ctx.status, Vec::new()));
                if j.slot.err == 0 {
                    (*attr).atime = now();
                }
            }
            Op::Write { off, reply } => {
                let n = j.buf.len();
                j.msg.write = IoWrite {
                    i: IoRead { type_: IO_WRITE, combine_len: 0, xtype: 0, nbytes: n as i64, offset: off as i64 },
                    data: j.buf.as_mut_ptr() as *mut c_void,
                };
                (*j.ocb).offset = off as i64;
                exchange(j, reply, "write", |j| call_io(j, F_WRITE), |j| (j.ctx.status, Vec::new()));
                if j.slot.err == 0 && j.slot.status > 0 {
                    (*j.ocb).offset = off as i64 + j.slot.status.min(n as i64);
                    let t = now();
                    (*attr).mtime = t;
                    (*attr).ctime = t;
                }
            }
            Op::Ioctl { cmd, out, reply } => {
                let n = j.buf.len().max(out as usize);
                j.buf.resize(n, 0);
                j.msg.devctl = IoDevctl {
                    type_: IO_DEVCTL,
                    combine_len: 0,
                    dcmd: cmd,
                    nbytes: n as i32,
                    zero: 0,
                    ret_val: 0,
                    o_nbytes: 0,
                    o_zero: [0; 2],
                    data: j.buf.as_mut_ptr() as *mut c_void,
                };
                exchange(
                    j,
                    reply,
                    "devctl",
                    |j| call_io(j, F_DEVCTL),
                    |j| (j.msg.devctl.ret_val as i64, j.buf[..out as usize].to_vec()),
                );
            }
            Op::Lseek { off, whence, reply } => {
                j.msg.lseek =
                    IoLseek { type_: IO_LSEEK, combine_len: 0, whence: whence as i16, zero: 0, offset: off, o: 0 };
                exchange(j, reply, "lseek", |j| call_io(j, F_LSEEK), |j| (j.msg.lseek.o, Vec::new()));
            }
            Op::Fsync(reply) => {
                j.msg.sync = IoSync { type_: IO_SYNC, combine_len: 0, flag: 0 };
                exchange(j, reply, "sync", |j| call_io(j, F_SYNC), |j| (j.ctx.status, Vec::new()));
            }
            Op::Flush(reply) => {
                j.msg.hdr = IoHdr { type_: IO_CLOSE, combine_len: 0, zero: 0 };
                exchange(j, reply, "close_dup", |j| call_io(j, F_CLOSE_DUP), |_| (0, Vec::new()));
            }
            Op::Release(reply) => {
                j.msg.hdr = IoHdr { type_: IO_CLOSE, combine_len: 0, zero: 0 };
                // The kernel does not wait for RELEASE's answer: tell it first.
                super::send_reply(reply, Ok((0, Vec::new())));
                // close_ocb never runs while another handler still uses the OCB (one
                // answered a moment ago may not have finished yet).
                while j.fh.and_then(|fh| lock(&m.ocbs).get(&fh).map(|r| r.busy)).unwrap_or(0) > 1 {
                    nap(1);
                }
                exchange(j, FReply::None, "close_ocb", |j| call_io(j, F_CLOSE_OCB), |_| (0, Vec::new()));
                if let Some(fh) = j.fh {
                    if let Some(r) = lock(&m.ocbs).remove(&fh) {
                        libc::free(r.ocb as *mut c_void);
                    }
                }
                j.ocb = null_mut();
            }
            Op::Unlink(reply) => {
                j.msg.connect =
                    Connect { type_: IO_CONNECT, subtype: CONNECT_UNLINK, ioflag: 0, mode: 0, path: j.path.as_ptr() };
                // The name must be gone before the client hears of success.
                exchange(j, FReply::None, "unlink", |j| call_connect(j, C_UNLINK), |_| (0, Vec::new()));
                if j.slot.err == 0 {
                    m.unlink_name(j.ino);
                    super::send_reply(reply, Ok((0, Vec::new())));
                } else {
                    super::send_reply(reply, Err(j.slot.err));
                }
            }
            Op::Open { flags, reply } => {
                let size = j.attach.ocb_size.max(core::mem::size_of::<Ocb>());
                let o = libc::calloc(1, size) as *mut Ocb;
                if o.is_null() {
                    super::send_reply(reply, Err(libc::ENOMEM));
                    return;
                }
                let fid = NEXT_FID.fetch_add(1, Ordering::Relaxed);
                (*o).attr = attr;
                (*o).ioflag = ioflag_of(flags);
                (*o).fid = fid as i32;
                j.ocb = o;
                // The handler may answer late: the OCB must be findable before then.
                lock(&m.ocbs).insert(fid, OcbRec { ocb: o, attach: j.attach.clone(), ino: j.ino, busy: 0 });
                let fh = fid;
                j.msg.connect = Connect {
                    type_: IO_CONNECT,
                    subtype: CONNECT_OPEN,
                    ioflag: ioflag_of(flags),
                    mode: (*attr).mode,
                    path: j.path.as_ptr(),
                };
                let reply = match reply {
                    FReply::Open(r, _) => FReply::Open(r, fh),
                    r => r,
                };
                exchange(j, reply, "open", |j| call_connect(j, C_OPEN), |_| (0, Vec::new()));
                if j.slot.err != 0 {
                    lock(&m.ocbs).remove(&fh);
                    libc::free(o as *mut c_void);
                } else {
                    iofunc::count_open(attr, (*o).ioflag, 1);
                }
            }
            Op::Setattr { mode, uid, gid, size, times, reply } => {
                let mut err = 0;
                if err == 0 && (uid.is_some() || gid.is_some()) {
                    j.msg.chown = IoChown {
                        type_: IO_CHOWN,
                        combine_len: 0,
                        uid: uid.map(|v| v as i32).unwrap_or(-1),
                        gid: gid.map(|v| v as i32).unwrap_or(-1),
                    };
                    exchange(j, FReply::None, "chown", |j| call_io(j, F_CHOWN), |_| (0, Vec::new()));
                    err = j.slot.err;
                }
                if err == 0 {
                    if let Some(md) = mode {
                        j.msg.chmod = IoChmod { type_: IO_CHMOD, combine_len: 0, mode: md };
                        exchange(j, FReply::None, "chmod", |j| call_io(j, F_CHMOD), |_| (0, Vec::new()));
                        err = j.slot.err;
                    }
                }
                if err == 0 {
                    if let Some(sz) = size {
                        j.msg.space = IoSpace {
                            type_: IO_SPACE,
                            combine_len: 0,
                            subtype: IO_SPACE_TRUNC,
                            zero: 0,
                            start: sz as i64,
                            len: 0,
                            o: 0,
                        };
                        exchange(j, FReply::None, "space", |j| call_io(j, F_SPACE), |_| (0, Vec::new()));
                        err = j.slot.err;
                    }
                }
                if err == 0 {
                    if let Some(ts) = times {
                        j.msg.utime = IoUtime { type_: IO_UTIME, combine_len: 0, zero: 0, times: ts };
                        exchange(j, FReply::None, "utime", |j| call_io(j, F_UTIME), |_| (0, Vec::new()));
                        err = j.slot.err;
                    }
                }
                if err != 0 {
                    super::send_reply(reply, Err(err));
                } else {
                    j.msg.stat = core::mem::zeroed();
                    j.msg.stat.type_ = IO_STAT;
                    exchange(j, reply, "stat", |j| call_io(j, F_STAT), |j| (0, stat_bytes(&j.msg.stat.o)));
                }
            }
        }
        let _ = errno_of;
    }
}

pub fn stat_bytes(st: &libc::stat) -> Vec<u8> {
    // SAFETY: struct stat is plain data.
    unsafe {
        core::slice::from_raw_parts(st as *const libc::stat as *const u8, core::mem::size_of::<libc::stat>()).to_vec()
    }
}

/// Builds an Attach from resmgr_attach's arguments.
///
/// # Safety
/// `ra` is null or points to a readable resmgr_attr_t; `cf`, `io` and `h` are stored, not
/// read: the program keeps them alive and valid while attached.
pub unsafe fn make_attach(
    id: i32,
    ino: u64,
    path: &[u8],
    ra: *const RAttr,
    cf: *const ConnectFuncs,
    io: *const IoFuncs,
    h: *mut Attr,
) -> Attach {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let (mut np, mut ss, mut ttl, mut osz, mut to) = (0usize, 0usize, 0u32, 0usize, 0u32);
        if !ra.is_null() {
            np = (*ra).nparts_max as usize;
            ss = (*ra).stacksize as usize;
            ttl = (*ra).attr_ttl_ms;
            osz = (*ra).ocb_size as usize;
            to = (*ra).reply_timeout_ms;
        }
        Attach {
            id,
            ino,
            path: CString::new(path.to_vec()).unwrap_or_default(),
            connect: cf,
            io,
            handle: h,
            nparts: if np == 0 { DEF_NPARTS } else { np.min(NPARTS_MAX as usize) },
            stacksize: if ss == 0 { DEF_STACK } else { ss },
            ttl: Duration::from_millis(ttl as u64),
            ocb_size: osz,
            timeout_ms: core::sync::atomic::AtomicU32::new(to),
            dead: AtomicBool::new(false),
        }
    }
}
