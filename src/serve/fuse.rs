//! The FUSE transport (fuser): mounting, and the session loop's side of every
//! operation. The loop thread runs no program code: requests that need a handler
//! become jobs for the serving proc; directory requests are answered here.

use super::engine::{lock, Job, Mount, Op};
use super::types::*;
use super::FReply;
use crate::base::report;
use fuser::{Errno, FileHandle, FopenFlags, Generation, INodeNo, KernelConfig, OpenFlags, Request};
use fuser::{
    ReplyAttr, ReplyData, ReplyDirectory, ReplyEmpty, ReplyEntry, ReplyIoctl, ReplyLseek, ReplyOpen, ReplyWrite,
};
use std::ffi::{CString, OsStr};
use std::os::unix::ffi::OsStrExt;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

pub struct Fs {
    pub m: Arc<Mount>,
}

fn info(req: &Request) -> ClientInfo {
    ClientInfo { tid: req.pid() as i32, uid: req.uid(), gid: req.gid() }
}

fn ts(t: fuser::TimeOrNow) -> libc::timespec {
    match t {
        fuser::TimeOrNow::Now => libc::timespec { tv_sec: 0, tv_nsec: libc::UTIME_NOW },
        fuser::TimeOrNow::SpecificTime(s) => match s.duration_since(SystemTime::UNIX_EPOCH) {
            Ok(d) => libc::timespec { tv_sec: d.as_secs() as i64, tv_nsec: d.subsec_nanos() as i64 },
            Err(_) => libc::timespec { tv_sec: 0, tv_nsec: 0 },
        },
    }
}

/// Attributes of a node answered by the loop itself (library directories).
fn node_attr(a: *mut Attr, ino: u64) -> Option<fuser::FileAttr> {
    // SAFETY: library-owned or program-owned attr, live while the node is.
    let mut st: libc::stat = unsafe { core::mem::zeroed() };
    // SAFETY: valid pointers.
    unsafe { super::iofunc::stat(core::ptr::null_mut(), a, &mut st) };
    super::stat_to_attr(&super::engine::stat_bytes(&st), ino)
}

impl Fs {
    /// Hands a request to the serving proc, unless its client is the serving proc
    /// itself (it could never be answered).
    fn go(&self, req: &Request, a: Arc<super::engine::Attach>, ino: u64, fh: Option<u64>, buf: Vec<u8>, op: Op) {
        let tid = self.m.tid.load(Ordering::Acquire);
        if tid != 0 && req.pid() as i32 == tid {
            report::complain(
                "resmgr",
                &format!("the serving proc itself did I/O on {}: use an ioproc (EDEADLK)", a.path.to_string_lossy()),
            );
            super::send_reply(op.into_reply(), Err(libc::EDEADLK));
            return;
        }
        let mut j = Job::new(&self.m, a, ino, fh, info(req), op);
        j.unique = u64::from(req.unique());
        j.buf = buf;
        self.m.submit(j);
    }

    /// The attach of an open file (by handle) or of a node.
    fn attach_of(&self, ino: u64, fh: Option<u64>) -> Option<Arc<super::engine::Attach>> {
        if let Some(fh) = fh {
            if let Some(r) = lock(&self.m.ocbs).get(&fh) {
                return Some(r.attach.clone());
            }
        }
        lock(&self.m.tree).nodes.get(&ino).and_then(|n| n.attach.clone())
    }
}

impl fuser::Filesystem for Fs {
    fn init(&mut self, _req: &Request, cfg: &mut KernelConfig) -> std::io::Result<()> {
        let _ = cfg.add_capabilities(fuser::InitFlags::FUSE_ATOMIC_O_TRUNC);
        let _ = cfg.set_max_write(1 << 20);
        Ok(())
    }

    fn lookup(&self, req: &Request, parent: INodeNo, name: &OsStr, reply: ReplyEntry) {
        let t = lock(&self.m.tree);
        let Some(c) = t.nodes.get(&parent.0).and_then(|p| p.children.get(name.as_bytes()).copied()) else {
            drop(t);
            return reply.error(Errno::ENOENT);
        };
        let n = &t.nodes[&c];
        match n.attach.clone() {
            None => {
                let at = node_attr(n.attr, c);
                drop(t);
                match at {
                    Some(at) => reply.entry(&Duration::ZERO, &at, Generation(0)),
                    None => reply.error(Errno::EIO),
                }
            }
            Some(a) => {
                drop(t);
                let ttl = a.ttl;
                self.go(req, a, c, None, Vec::new(), Op::Stat(FReply::Entry(reply, ttl, c)));
            }
        }
    }

    fn getattr(&self, req: &Request, ino: INodeNo, fh: Option<FileHandle>, reply: ReplyAttr) {
        let fh = fh.map(|f| f.0).filter(|&f| f != 0);
        match self.attach_of(ino.0, fh) {
            Some(a) => {
                let ttl = a.ttl;
                self.go(req, a, ino.0, fh, Vec::new(), Op::Stat(FReply::Attr(reply, ttl)))
            }
            None => {
                let at = lock(&self.m.tree).nodes.get(&ino.0).and_then(|n| node_attr(n.attr, ino.0));
                match at {
                    Some(at) => reply.attr(&Duration::ZERO, &at),
                    None => reply.error(Errno::ENOENT),
                }
            }
        }
    }

    fn setattr(
        &self,
        req: &Request,
        ino: INodeNo,
        mode: Option<u32>,
        uid: Option<u32>,
        gid: Option<u32>,
        size: Option<u64>,
        atime: Option<fuser::TimeOrNow>,
        mtime: Option<fuser::TimeOrNow>,
        _ctime: Option<SystemTime>,
        fh: Option<FileHandle>,
        _crtime: Option<SystemTime>,
        _chgtime: Option<SystemTime>,
        _bkuptime: Option<SystemTime>,
        _flags: Option<fuser::BsdFileFlags>,
        reply: ReplyAttr,
    ) {
        let fh = fh.map(|f| f.0).filter(|&f| f != 0);
        let Some(a) = self.attach_of(ino.0, fh) else {
            return reply.error(Errno::EPERM);
        };
        let omit = libc::timespec { tv_sec: 0, tv_nsec: libc::UTIME_OMIT };
        let times = if atime.is_some() || mtime.is_some() {
            Some([atime.map(ts).unwrap_or(omit), mtime.map(ts).unwrap_or(omit)])
        } else {
            None
        };
        let ttl = a.ttl;
        let op = Op::Setattr { mode, uid, gid, size, times, reply: FReply::Attr(reply, ttl) };
        self.go(req, a, ino.0, fh, Vec::new(), op);
    }

    fn open(&self, req: &Request, ino: INodeNo, flags: OpenFlags, reply: ReplyOpen) {
        match self.attach_of(ino.0, None) {
            // SAFETY: the attach's handle is live while attached.
            Some(a) if unsafe { (*a.handle).mode } & libc::S_IFMT != libc::S_IFDIR => {
                self.go(req, a, ino.0, None, Vec::new(), Op::Open { flags: flags.0, reply: FReply::Open(reply, 0) })
            }
            Some(_) => reply.error(Errno::EISDIR),
            None => {
                reply.error(if lock(&self.m.tree).nodes.contains_key(&ino.0) { Errno::EISDIR } else { Errno::ENOENT })
            }
        }
    }

    fn read(
        &self,
        req: &Request,
        ino: INodeNo,
        fh: FileHandle,
        offset: u64,
        size: u32,
        _f: OpenFlags,
        _l: Option<fuser::LockOwner>,
        reply: ReplyData,
    ) {
        match self.attach_of(ino.0, Some(fh.0)) {
            Some(a) => self.go(
                req,
                a,
                ino.0,
                Some(fh.0),
                Vec::new(),
                Op::Read { off: offset, size, reply: FReply::Data(reply, size as usize) },
            ),
            None => reply.error(Errno::EBADF),
        }
    }

    fn write(
        &self,
        req: &Request,
        ino: INodeNo,
        fh: FileHandle,
        offset: u64,
        data: &[u8],
        _wf: fuser::WriteFlags,
        _f: OpenFlags,
        _l: Option<fuser::LockOwner>,
        reply: ReplyWrite,
    ) {
        match self.attach_of(ino.0, Some(fh.0)) {
            Some(a) => {
                let n = data.len();
                self.go(
                    req,
                    a,
                    ino.0,
                    Some(fh.0),
                    data.to_vec(),
                    Op::Write { off: offset, reply: FReply::Write(reply, n) },
                )
            }
            None => reply.error(Errno::EBADF),
        }
    }

    fn flush(&self, req: &Request, ino: INodeNo, fh: FileHandle, _l: fuser::LockOwner, reply: ReplyEmpty) {
        match self.attach_of(ino.0, Some(fh.0)) {
            Some(a) => self.go(req, a, ino.0, Some(fh.0), Vec::new(), Op::Flush(FReply::Empty(reply))),
            None => reply.ok(),
        }
    }

    fn release(
        &self,
        req: &Request,
        ino: INodeNo,
        fh: FileHandle,
        _f: OpenFlags,
        _l: Option<fuser::LockOwner>,
        _fl: bool,
        reply: ReplyEmpty,
    ) {
        let a = lock(&self.m.ocbs).get(&fh.0).map(|r| r.attach.clone());
        match a {
            // Never refused as self-access: the kernel sends RELEASE asynchronously.
            Some(a) => {
                let mut j = Job::new(&self.m, a, ino.0, Some(fh.0), info(req), Op::Release(FReply::Empty(reply)));
                j.buf = Vec::new();
                self.m.submit(j);
            }
            None => reply.ok(),
        }
    }

    fn fsync(&self, req: &Request, ino: INodeNo, fh: FileHandle, _d: bool, reply: ReplyEmpty) {
        match self.attach_of(ino.0, Some(fh.0)) {
            Some(a) => self.go(req, a, ino.0, Some(fh.0), Vec::new(), Op::Fsync(FReply::Empty(reply))),
            None => reply.ok(),
        }
    }

    fn opendir(&self, _req: &Request, ino: INodeNo, _flags: OpenFlags, reply: ReplyOpen) {
        let t = lock(&self.m.tree);
        match t.nodes.get(&ino.0) {
            // SAFETY: live attr.
            Some(n) if unsafe { (*n.attr).mode } & libc::S_IFMT == libc::S_IFDIR => {
                drop(t);
                reply.opened(FileHandle(0), FopenFlags::empty())
            }
            Some(_) => reply.error(Errno::ENOTDIR),
            None => reply.error(Errno::ENOENT),
        }
    }

    fn readdir(&self, _req: &Request, ino: INodeNo, _fh: FileHandle, offset: u64, mut reply: ReplyDirectory) {
        let t = lock(&self.m.tree);
        let Some(n) = t.nodes.get(&ino.0) else {
            drop(t);
            return reply.error(Errno::ENOENT);
        };
        let mut ents: Vec<(u64, fuser::FileType, Vec<u8>)> = vec![
            (ino.0, fuser::FileType::Directory, b".".to_vec()),
            (n.parent, fuser::FileType::Directory, b"..".to_vec()),
        ];
        for (name, &c) in &n.children {
            // SAFETY: live attr.
            let dir = t.nodes.get(&c).is_some_and(|cn| unsafe { (*cn.attr).mode } & libc::S_IFMT == libc::S_IFDIR);
            ents.push((c, if dir { fuser::FileType::Directory } else { fuser::FileType::RegularFile }, name.clone()));
        }
        drop(t);
        for (i, (c, k, name)) in ents.into_iter().enumerate().skip(offset as usize) {
            if reply.add(INodeNo(c), i as u64 + 1, k, OsStr::from_bytes(&name)) {
                break;
            }
        }
        reply.ok();
    }

    fn releasedir(&self, _req: &Request, _ino: INodeNo, _fh: FileHandle, _f: OpenFlags, reply: ReplyEmpty) {
        reply.ok();
    }

    fn ioctl(
        &self,
        req: &Request,
        ino: INodeNo,
        fh: FileHandle,
        _flags: fuser::IoctlFlags,
        cmd: u32,
        in_data: &[u8],
        out_size: u32,
        reply: ReplyIoctl,
    ) {
        if in_data.len() > 16384 || out_size > 16384 {
            return reply.error(Errno::EINVAL);
        }
        match self.attach_of(ino.0, Some(fh.0)) {
            Some(a) => self.go(
                req,
                a,
                ino.0,
                Some(fh.0),
                in_data.to_vec(),
                Op::Ioctl { cmd, out: out_size, reply: FReply::Ioctl(reply, out_size as usize) },
            ),
            None => reply.error(Errno::ENOTTY),
        }
    }

    fn lseek(&self, req: &Request, ino: INodeNo, fh: FileHandle, offset: i64, whence: i32, reply: ReplyLseek) {
        match self.attach_of(ino.0, Some(fh.0)) {
            Some(a) => self.go(
                req,
                a,
                ino.0,
                Some(fh.0),
                Vec::new(),
                Op::Lseek { off: offset, whence, reply: FReply::Lseek(reply) },
            ),
            None => reply.error(Errno::EBADF),
        }
    }

    fn unlink(&self, req: &Request, parent: INodeNo, name: &OsStr, reply: ReplyEmpty) {
        let t = lock(&self.m.tree);
        let c = t.nodes.get(&parent.0).and_then(|p| p.children.get(name.as_bytes()).copied());
        let a = c.and_then(|c| t.nodes.get(&c)).and_then(|n| n.attach.clone());
        drop(t);
        match (c, a) {
            (Some(c), Some(a)) => self.go(req, a, c, None, Vec::new(), Op::Unlink(FReply::Empty(reply))),
            (Some(_), None) => reply.error(Errno::EACCES),
            _ => reply.error(Errno::ENOENT),
        }
    }

    fn rmdir(&self, _req: &Request, _p: INodeNo, _n: &OsStr, reply: ReplyEmpty) {
        reply.error(Errno::EACCES);
    }

    fn mknod(&self, _req: &Request, _p: INodeNo, _n: &OsStr, _m: u32, _u: u32, _r: u32, reply: ReplyEntry) {
        reply.error(Errno::EACCES);
    }

    fn mkdir(&self, _req: &Request, _p: INodeNo, _n: &OsStr, _m: u32, _u: u32, reply: ReplyEntry) {
        reply.error(Errno::EACCES);
    }

    fn create(&self, _req: &Request, _p: INodeNo, _n: &OsStr, _m: u32, _u: u32, _f: i32, reply: fuser::ReplyCreate) {
        reply.error(Errno::EACCES);
    }

    fn rename(
        &self,
        _req: &Request,
        _p: INodeNo,
        _n: &OsStr,
        _np: INodeNo,
        _nn: &OsStr,
        _f: fuser::RenameFlags,
        reply: ReplyEmpty,
    ) {
        reply.error(Errno::EXDEV);
    }

    fn link(&self, _req: &Request, _i: INodeNo, _np: INodeNo, _nn: &OsStr, reply: ReplyEntry) {
        reply.error(Errno::EXDEV);
    }
}

fn subtype() -> String {
    let a = std::env::args().next().unwrap_or_default();
    let b = a.rsplit('/').next().unwrap_or("").to_string();
    let s: String = b.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-').take(32).collect();
    if s.is_empty() {
        "thread9".into()
    } else {
        s
    }
}

/// Mounts `m` and starts its session loop thread.
pub fn mount(m: &Arc<Mount>, allow_other: bool) -> Result<(), (i32, String)> {
    let dev = std::env::var("THREAD9_FUSEDEV").unwrap_or_else(|_| "/dev/fuse".into());
    let cdev = CString::new(dev.clone()).map_err(|_| (libc::EINVAL, "bad THREAD9_FUSEDEV".to_string()))?;
    // SAFETY: plain open of a path.
    let fd = unsafe { libc::open(cdev.as_ptr(), libc::O_RDWR | libc::O_CLOEXEC) };
    if fd < 0 {
        let e = std::io::Error::last_os_error();
        return Err((e.raw_os_error().unwrap_or(libc::EIO), format!("cannot open {dev}: {e}")));
    }
    let fs = Fs { m: m.clone() };
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let session = if root {
        let opts = format!(
            "fd={fd},rootmode={:o},user_id={},group_id={},default_permissions,allow_other",
            libc::S_IFDIR | (m.dirmode & 0o7777),
            // SAFETY: no preconditions.
            unsafe { libc::getuid() },
            // SAFETY: no preconditions.
            unsafe { libc::getgid() },
        );
        let ty = CString::new(format!("fuse.{}", subtype())).unwrap();
        let o = CString::new(opts).unwrap();
        // SAFETY: valid C strings; fd is our /dev/fuse.
        let r = unsafe {
            libc::mount(
                c"thread9".as_ptr(),
                m.dir.as_ptr(),
                ty.as_ptr(),
                libc::MS_NOSUID | libc::MS_NODEV,
                o.as_ptr() as *const _,
            )
        };
        if r < 0 {
            let e = std::io::Error::last_os_error();
            // SAFETY: our fd.
            unsafe { libc::close(fd) };
            return Err((e.raw_os_error().unwrap_or(libc::EIO), format!("mount {}: {e}", m.dir.to_string_lossy())));
        }
        // fuser answers FUSE_INTERRUPT ENOSYS itself (turning interrupts off): a relay
        // between the device and fuser takes them (super::interrupt). Without one
        // (no socket buffers that large) requests are not interruptible.
        let fd = relay::start(fd).unwrap_or(fd);
        // SAFETY: fd is ours and open; the session owns it from here.
        let ofd = unsafe { <std::os::fd::OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd) };
        match fuser::Session::from_fd(fs, ofd, fuser::SessionACL::All, fuser::Config::default()) {
            Ok(s) => s,
            Err(e) => {
                super::unmount::lazy_unmount(&m.dir);
                return Err((e.raw_os_error().unwrap_or(libc::EIO), format!("FUSE handshake: {e}")));
            }
        }
    } else {
        // SAFETY: our fd (only opened to give a clear error for a missing device).
        unsafe { libc::close(fd) };
        let mut cfg = fuser::Config::default();
        cfg.mount_options = vec![
            fuser::MountOption::FSName("thread9".into()),
            fuser::MountOption::Subtype(subtype()),
            fuser::MountOption::DefaultPermissions,
            fuser::MountOption::NoSuid,
            fuser::MountOption::NoDev,
        ];
        cfg.acl = if allow_other { fuser::SessionACL::All } else { fuser::SessionACL::Owner };
        let dir = std::path::PathBuf::from(OsStr::from_bytes(m.dir.as_bytes()));
        match fuser::Session::new(fs, &dir, &cfg) {
            Ok(s) => s,
            Err(e) => {
                let hint = if allow_other { " (allow_other needs user_allow_other in /etc/fuse.conf)" } else { "" };
                return Err((
                    e.raw_os_error().unwrap_or(libc::EIO),
                    format!("mount {}: {e}{hint}", m.dir.to_string_lossy()),
                ));
            }
        }
    };
    *lock(&m.notifier) = Some(session.notifier());
    let m2 = m.clone();
    let name = format!("fuse:{}", m.dir.to_string_lossy().rsplit('/').next().unwrap_or(""));
    let name: String = name.chars().take(15).collect();
    let r = std::thread::Builder::new().name(name).stack_size(256 * 1024).spawn(move || {
        // SAFETY: blocking every signal in this OS thread only: signals belong to the program's procs.
        unsafe {
            let mut set: libc::sigset_t = core::mem::zeroed();
            libc::sigfillset(&mut set);
            libc::pthread_sigmask(libc::SIG_BLOCK, &set, core::ptr::null_mut());
        }
        let _ = session.run();
        super::unmount::loop_ended(&m2);
    });
    if let Err(e) = r {
        super::unmount::lazy_unmount(&m.dir);
        return Err((libc::EAGAIN, format!("cannot start the FUSE loop thread: {e}")));
    }
    Ok(())
}

/// The relay between /dev/fuse and fuser: FUSE_INTERRUPT requests are taken out and
/// served here (fuser would answer them ENOSYS, which turns interrupts off for the
/// connection, and a client whose request is with the server then waits in the kernel
/// uninterruptibly, even on SIGKILL); every other message passes unchanged, one
/// SOCK_SEQPACKET record per FUSE message.
mod relay {
    use core::ffi::c_void;
    use core::sync::atomic::{AtomicI32, Ordering};

    const FUSE_INTERRUPT: u32 = 36;
    /// fuse_in_header: len u32, opcode u32, unique u64, then 24 more bytes.
    const IN_HEADER: usize = 40;
    /// Larger than any message: a request carries at most max_write (1 MiB, Fs::init)
    /// plus headers; a reply at most a read's 1 MiB plus its header.
    const BUF: usize = (1 << 20) + (64 << 10);
    const SOCKBUF: libc::c_int = 4 << 20;

    /// The relay's descriptors, closed when both of its threads are done.
    struct Fds {
        /// The device (-1 if the relay did not start: the caller keeps it).
        dev: AtomicI32,
        ours: i32,
    }

    impl Drop for Fds {
        fn drop(&mut self) {
            // SAFETY: ours; no relay thread uses them any more.
            unsafe {
                libc::close(self.ours);
                let d = self.dev.load(Ordering::Relaxed);
                if d >= 0 {
                    libc::close(d);
                }
            }
        }
    }

    fn block_signals() {
        // SAFETY: blocking every signal in this OS thread only.
        unsafe {
            let mut set: libc::sigset_t = core::mem::zeroed();
            libc::sigfillset(&mut set);
            libc::pthread_sigmask(libc::SIG_BLOCK, &set, core::ptr::null_mut());
        }
    }

    fn u32_at(b: &[u8], o: usize) -> u32 {
        u32::from_ne_bytes(b[o..o + 4].try_into().unwrap())
    }

    fn u64_at(b: &[u8], o: usize) -> u64 {
        u64::from_ne_bytes(b[o..o + 8].try_into().unwrap())
    }

    /// Starts the relay for device descriptor `dev`; the descriptor fuser is to use
    /// instead, or None (nothing started, `dev` untouched) when the relay cannot be made.
    pub fn start(dev: i32) -> Option<i32> {
        let mut sv = [0i32; 2];
        // SAFETY: plain socket calls on descriptors we create.
        unsafe {
            if libc::socketpair(libc::AF_UNIX, libc::SOCK_SEQPACKET | libc::SOCK_CLOEXEC, 0, sv.as_mut_ptr()) < 0 {
                return None;
            }
            for &s in &sv {
                for opt in [libc::SO_SNDBUFFORCE, libc::SO_RCVBUFFORCE] {
                    let v = SOCKBUF;
                    let r = libc::setsockopt(
                        s,
                        libc::SOL_SOCKET,
                        opt,
                        &v as *const libc::c_int as *const c_void,
                        core::mem::size_of::<libc::c_int>() as libc::socklen_t,
                    );
                    if r < 0 {
                        libc::close(sv[0]);
                        libc::close(sv[1]);
                        return None;
                    }
                }
            }
        }
        let fds = std::sync::Arc::new(Fds { dev: AtomicI32::new(dev), ours: sv[0] });
        let f = fds.clone();
        let out = std::thread::Builder::new().name("fuse relay out".into()).stack_size(64 * 1024).spawn(move || {
            block_signals();
            let mut buf = vec![0u8; BUF];
            loop {
                // SAFETY: receiving into our buffer.
                let n = unsafe { libc::recv(f.ours, buf.as_mut_ptr() as *mut c_void, BUF, 0) };
                if n <= 0 {
                    if n < 0 && std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                        continue;
                    }
                    break;
                }
                let n = n as usize;
                if n >= 16 {
                    super::super::replied(u64_at(&buf, 8));
                }
                // Errors are the kernel's to report: ENOENT for a request that is gone.
                // SAFETY: writing what we received.
                let _ = unsafe { libc::write(f.dev.load(Ordering::Relaxed), buf.as_ptr() as *const c_void, n) };
            }
        });
        let unstarted = |fds: std::sync::Arc<Fds>| {
            // `dev` stays the caller's; closing fuser's end ends the out-thread, if any.
            fds.dev.store(-1, Ordering::Relaxed);
            // SAFETY: fuser's end, never handed out.
            unsafe { libc::close(sv[1]) };
            None
        };
        if out.is_err() {
            return unstarted(fds);
        }
        let f = fds.clone();
        let inbound = std::thread::Builder::new().name("fuse relay in".into()).stack_size(64 * 1024).spawn(move || {
            block_signals();
            let mut buf = vec![0u8; BUF];
            loop {
                // SAFETY: reading into our buffer.
                let n = unsafe { libc::read(f.dev.load(Ordering::Relaxed), buf.as_mut_ptr() as *mut c_void, BUF) };
                if n < 0 {
                    match std::io::Error::last_os_error().raw_os_error() {
                        Some(libc::EINTR | libc::EAGAIN | libc::ENOENT) => continue,
                        _ => break,
                    }
                }
                let n = n as usize;
                if n == 0 {
                    break;
                }
                if n >= IN_HEADER + 8 && u32_at(&buf, 4) == FUSE_INTERRUPT {
                    // No reply: the interrupted request's EINTR answer is the reply.
                    super::super::interrupt(u64_at(&buf, IN_HEADER));
                    continue;
                }
                // SAFETY: sending what we read.
                if unsafe { libc::send(f.ours, buf.as_ptr() as *const c_void, n, libc::MSG_NOSIGNAL) } < 0 {
                    break;
                }
            }
            // fuser reads end of file and ends its loop.
            // SAFETY: our socket (closed only when both threads are done).
            unsafe { libc::shutdown(f.ours, libc::SHUT_WR) };
        });
        if inbound.is_err() {
            return unstarted(fds);
        }
        Some(sv[1])
    }
}
