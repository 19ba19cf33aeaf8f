//! Running other programs (docs/API.md, running programs): threadspawn and friends,
//! procexec, threadwaitchan, procwait.
//!
//! The child is started with clone(CLONE_VM|CLONE_VFORK) on a private stack, as
//! posix_spawn does: no page tables are copied, and the parent's OS thread is
//! suspended until the child has exec'd or died, so the child can report an exec
//! failure by writing errno into the shared context (no pipe needed). Between clone
//! and exec the child makes only async-signal-safe calls on data prepared by the
//! parent (paths, argv, envp): it resets signal handlers (they would run in the
//! parent's memory), unblocks signals, moves fd[0..2] to 0..2 (any permutation works; a negative
//! fd[i] leaves descriptor i inherited),
//! closes every other fd, optionally chdirs and setpgids, and tries execve on each
//! PATH candidate as execvp does.
//!
//! threadspawn runs this in a helper system proc (so the caller's proc keeps
//! scheduling), which then waits for the child and queues its Waitmsg for
//! threadwaitchan, whether that exists yet or not (see `post_wait`).

// The entry points take the C caller's pointers (Ioproc*, buffers, strings) as the
// C ABI hands them over; they are validated (magic, nil checks) before use.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

use crate::base::report;
use crate::base::spin::SpinLock;
use crate::chan::{self, Channel};
use crate::runtime::errstr;
use crate::runtime::sched;
use crate::runtime::thread::*;
use core::ffi::{c_char, c_int, c_ulong, c_void, CStr};
use core::ptr::null_mut;
use core::sync::atomic::{AtomicPtr, Ordering};
use std::collections::VecDeque;
use std::ffi::CString;

extern "C" {
    static environ: *const *const c_char;
    fn thread9_c_childnotes_off();
}

const CHILD_STACK: usize = 64 * 1024;
const HELPER_STACK: u32 = 64 * 1024;

/// Everything the child needs, prepared by the parent.
struct Child {
    paths: Vec<CString>,
    argv: Vec<*const c_char>,
    sh_argv: Vec<*const c_char>,
    envp: *const *const c_char,
    fds: Option<[c_int; 3]>,
    setpgid: bool,
    /// The job's directory (a pointer into the Job, which outlives the child), or nil.
    dir: *const c_char,
    maxfd: c_int,
    err: c_int,
}

/// What to run (owned copies: the caller's strings may live on its stack).
pub struct Job {
    cmd: CString,
    args: Vec<CString>,
    fds: Option<[c_int; 3]>,
    dir: Option<CString>,
}

/// A copy of `b` (no NUL inside) as a CString, or None without memory.
fn try_cstring(b: &[u8]) -> Option<CString> {
    let mut v = Vec::new();
    v.try_reserve_exact(b.len() + 1).ok()?;
    v.extend_from_slice(b);
    // SAFETY: the caller's bytes hold no NUL; the capacity takes the one appended.
    Some(unsafe { CString::from_vec_unchecked(v) })
}

impl Job {
    /// None when there is no memory for the copies.
    ///
    /// # Safety
    /// `cmd` is a C string; `argv` a nil-terminated array of C strings (or nil).
    pub unsafe fn new(
        cmd: *const c_char,
        argv: *const *const c_char,
        fds: Option<[c_int; 3]>,
        dir: *const c_char,
    ) -> Option<Job> {
        // SAFETY: the caller upholds this function's contract (its # Safety section).
        unsafe {
            let mut args = Vec::new();
            if !argv.is_null() {
                let mut n = 0;
                while !(*argv.add(n)).is_null() {
                    n += 1;
                }
                args.try_reserve_exact(n).ok()?;
                for i in 0..n {
                    args.push(try_cstring(CStr::from_ptr(*argv.add(i)).to_bytes())?);
                }
            }
            Some(Job {
                cmd: try_cstring(CStr::from_ptr(cmd).to_bytes())?,
                args,
                fds,
                dir: if dir.is_null() { None } else { Some(try_cstring(CStr::from_ptr(dir).to_bytes())?) },
            })
        }
    }
}

fn errno() -> c_int {
    // SAFETY: this OS thread's errno.
    unsafe { *libc::__errno_location() }
}

/// The child, between clone and exec. Only async-signal-safe calls; no allocation.
extern "C" fn child_main(arg: *mut c_void) -> c_int {
    // SAFETY: arg is the parent's Child, which stays put while the parent is
    // suspended (CLONE_VFORK); every call below is a plain system call wrapper.
    unsafe {
        let c = &mut *(arg as *mut Child);
        // Handlers would run in the parent's memory: back to defaults, as exec does
        // (SIGPIPE and SIGTSTP have thread9's do-nothing handler: default too). An
        // ignored signal stays ignored, as exec leaves it.
        for sig in 1..65 {
            if sig == libc::SIGKILL || sig == libc::SIGSTOP {
                continue;
            }
            let mut old: libc::sigaction = core::mem::zeroed();
            if libc::sigaction(sig, core::ptr::null(), &mut old) != 0 {
                continue;
            }
            let ign = old.sa_sigaction == libc::SIG_IGN;
            if old.sa_sigaction != libc::SIG_DFL && !ign {
                let mut sa: libc::sigaction = core::mem::zeroed();
                sa.sa_sigaction = libc::SIG_DFL;
                libc::sigaction(sig, &sa, core::ptr::null_mut());
            }
        }
        let mut set: libc::sigset_t = core::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::pthread_sigmask(libc::SIG_SETMASK, &set, core::ptr::null_mut());
        if !c.dir.is_null() {
            libc::chdir(c.dir); // best effort, as plan9port
        }
        if let Some(fd) = c.fds {
            // Move the sources out of 0..2 first, so any permutation comes out right.
            // A negative fd[i] leaves descriptor i as inherited (plan9port's child
            // ignores the failed dup2; vbackup passes fd[0] = fd[2] = -1).
            let mut tmp = [-1; 3];
            for i in 0..3 {
                if fd[i] < 0 {
                    continue;
                }
                tmp[i] = libc::fcntl(fd[i], libc::F_DUPFD_CLOEXEC, 3);
                if tmp[i] < 0 {
                    c.err = errno();
                    libc::_exit(127);
                }
            }
            for (i, &t) in tmp.iter().enumerate() {
                if t >= 0 && libc::dup2(t, i as c_int) < 0 {
                    c.err = errno();
                    libc::_exit(127);
                }
            }
            if libc::close_range(3, !0u32, 0) != 0 {
                for f in 3..c.maxfd {
                    libc::close(f);
                }
            }
        }
        if c.setpgid {
            libc::setpgid(0, 0);
        }
        let mut eacces = false;
        let mut e = libc::ENOENT;
        for p in &c.paths {
            libc::execve(p.as_ptr(), c.argv.as_ptr(), c.envp);
            e = errno();
            match e {
                libc::ENOEXEC => {
                    // Not a binary: a script without #!, as execvp runs it.
                    c.sh_argv[1] = p.as_ptr();
                    libc::execve(c"/bin/sh".as_ptr(), c.sh_argv.as_ptr(), c.envp);
                    e = errno();
                    break;
                }
                libc::EACCES => eacces = true,
                libc::ENOENT | libc::ENOTDIR | libc::ESTALE | libc::ENODEV | libc::ETIMEDOUT => {}
                _ => break,
            }
        }
        c.err = if eacces && e == libc::ENOENT { libc::EACCES } else { e };
        if c.err == 0 {
            c.err = libc::ENOENT;
        }
        libc::_exit(127)
    }
}

/// Starts the job's child. Returns its pid, or the errno of the failure (fork or exec;
/// ENOMEM when there is no memory for the preparations: nothing here aborts).
pub fn spawn(job: &Job) -> Result<i32, c_int> {
    const NOMEM: c_int = libc::ENOMEM;
    // SAFETY: one sigaction (src/c/lib9.c): children's exits are no notes, as in plan9port.
    unsafe { thread9_c_childnotes_off() };
    let cmd = job.cmd.as_bytes();
    let mut paths = Vec::new();
    if cmd.contains(&b'/') {
        paths.try_reserve_exact(1).map_err(|_| NOMEM)?;
        paths.push(try_cstring(cmd).ok_or(NOMEM)?);
    } else if !cmd.is_empty() {
        // SAFETY: getenv's string is read at once, before anything can change it
        // (std::env::var_os would copy it onto the heap).
        let path = unsafe {
            let p = libc::getenv(c"PATH".as_ptr());
            if p.is_null() {
                &b"/bin:/usr/bin"[..]
            } else {
                CStr::from_ptr(p).to_bytes()
            }
        };
        paths.try_reserve_exact(path.split(|&c| c == b':').count()).map_err(|_| NOMEM)?;
        for d in path.split(|&c| c == b':') {
            let d: &[u8] = if d.is_empty() { b"." } else { d };
            let mut full = Vec::new();
            full.try_reserve_exact(d.len() + 1 + cmd.len() + 1).map_err(|_| NOMEM)?;
            full.extend_from_slice(d);
            full.push(b'/');
            full.extend_from_slice(cmd);
            if let Ok(c) = CString::new(full) {
                paths.push(c);
            }
        }
    }
    let mut argv: Vec<*const c_char> = Vec::new();
    argv.try_reserve_exact(job.args.len() + 2).map_err(|_| NOMEM)?;
    argv.extend(job.args.iter().map(|a| a.as_ptr()));
    if argv.is_empty() {
        argv.push(job.cmd.as_ptr());
    }
    let mut sh_argv: Vec<*const c_char> = Vec::new();
    sh_argv.try_reserve_exact(argv.len() + 2).map_err(|_| NOMEM)?;
    sh_argv.extend([c"sh".as_ptr(), null_mut()]);
    sh_argv.extend(argv.iter().skip(1));
    sh_argv.push(core::ptr::null());
    argv.push(core::ptr::null());
    let setpgid = match job.fds {
        // SAFETY: isatty only inspects the fd.
        // (A negative fd[i] leaves the child our descriptor i.)
        Some(f) => (0..3).all(|i| unsafe { libc::isatty(if f[i] < 0 { i as c_int } else { f[i] }) } == 0),
        None => false,
    };
    let mut rl = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: valid out-pointer.
    unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut rl) };
    let maxfd = rl.rlim_cur.clamp(256, 65536) as c_int;
    let mut c = crate::base::mem::try_box(Child {
        paths,
        argv,
        sh_argv,
        // SAFETY: the process environment, read in the parent.
        envp: unsafe { environ },
        fds: job.fds,
        setpgid,
        dir: job.dir.as_ref().map_or(core::ptr::null(), |d| d.as_ptr()),
        maxfd,
        err: 0,
    })
    .ok_or(NOMEM)?;
    let mut stack: Vec<u64> = Vec::new();
    stack.try_reserve_exact(CHILD_STACK / 8).map_err(|_| NOMEM)?;
    stack.resize(CHILD_STACK / 8, 0);
    // SAFETY: clone with a private stack; the parent is suspended until the child
    // execs or exits (CLONE_VFORK), so `c` and `stack` outlive the child's use.
    // All signals are blocked around it so no handler runs in the child.
    unsafe {
        let top = stack.as_mut_ptr().add(stack.len()) as *mut c_void;
        let mut all: libc::sigset_t = core::mem::zeroed();
        let mut old: libc::sigset_t = core::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::pthread_sigmask(libc::SIG_SETMASK, &all, &mut old);
        let saved = errno();
        let pid = libc::clone(
            child_main,
            top,
            libc::CLONE_VM | libc::CLONE_VFORK | libc::SIGCHLD,
            &mut *c as *mut Child as *mut c_void,
        );
        let e = errno();
        *libc::__errno_location() = saved;
        libc::pthread_sigmask(libc::SIG_SETMASK, &old, core::ptr::null_mut());
        if pid < 0 {
            return Err(e);
        }
        let err = core::ptr::read_volatile(&c.err);
        if err != 0 {
            // The child died without exec: reap it.
            let mut st = 0;
            while libc::waitpid(pid, &mut st, 0) < 0 && errno() == libc::EINTR {}
            return Err(err);
        }
        Ok(pid)
    }
}

/// Closes the parent's copies of fd[0..2] after a successful spawn, each distinct fd once.
fn close_fds(fd: [c_int; 3]) {
    // SAFETY: the caller's fds, handed over to the child.
    unsafe {
        let close = |f: c_int| {
            if f >= 0 {
                libc::close(f);
            }
        };
        close(fd[0]);
        if fd[1] != fd[0] {
            close(fd[1]);
        }
        if fd[2] != fd[1] && fd[2] != fd[0] {
            close(fd[2]);
        }
    }
}

// ---------------------------------------------------------------------------
// Wait messages.

pub use crate::process::wait::Waitmsg;
use crate::process::wait::{self, Status};

/// Waits for child `pid` and describes how it ended, in lib9's Waitmsg format (one
/// malloc block with its text).
pub fn wait_child(pid: c_int) -> *mut Waitmsg {
    let s = wait::reap(pid, false).unwrap_or_else(|| Status {
        // e.g. SIGCHLD set to SIG_IGN: the kernel reaped it, the status is gone.
        pid,
        user_ms: 0,
        sys_ms: 0,
        msg: format!("wait: {}", String::from_utf8_lossy(&crate::runtime::errstr::get())),
    });
    // No memory for the Waitmsg: wait for some rather than lose the status (this
    // runs in the child's helper proc, or in procexec's proc as its last act).
    loop {
        let w = wait::waitmsg(&s);
        if !w.is_null() {
            return w;
        }
        // SAFETY: plain sleep of this OS thread.
        unsafe { libc::usleep(10_000) };
    }
}

static WAITCHAN: AtomicPtr<Channel> = AtomicPtr::new(null_mut());
/// Guards WAITCHAN's creation and QUEUE.
static WAITCHAN_LOCK: SpinLock = SpinLock::new();

/// The statuses not yet sent on threadwaitchan, oldest first: those of children that
/// ended before the channel existed (plan9port queues every child's status whenever
/// it exits; issue 16: they used to be freed) and those waiting for room in its
/// buffer. `draining` marks the one sender that moves them into the channel, so they
/// arrive in order and at most one proc is ever blocked on a full threadwaitchan.
struct Queue {
    q: VecDeque<*mut Waitmsg>,
    draining: bool,
}

static mut QUEUE: Queue = Queue { q: VecDeque::new(), draining: false };

/// # Safety
/// The caller holds WAITCHAN_LOCK.
unsafe fn queue() -> &'static mut Queue {
    // SAFETY: the caller holds WAITCHAN_LOCK (this function's contract), so no other reference
    // to QUEUE is in use while the returned one is.
    unsafe { &mut *core::ptr::addr_of_mut!(QUEUE) }
}

/// threadwaitchan: a `Waitmsg*` channel, buffer 4, created on first call (nil with
/// the errstr set if there is no memory for it). Statuses queued before it existed
/// go into it at once (up to its buffer, the rest from a helper proc).
pub fn waitchan() -> *mut Channel {
    let c = WAITCHAN.load(Ordering::Acquire);
    if !c.is_null() {
        return c;
    }
    WAITCHAN_LOCK.lock();
    let mut c = WAITCHAN.load(Ordering::Acquire);
    let mut start = false;
    if c.is_null() {
        c = chan::create(core::mem::size_of::<*mut Waitmsg>() as i32, 4);
        if c.is_null() {
            WAITCHAN_LOCK.unlock();
            return c;
        }
        // SAFETY: a malloc'd copy of a constant string, owned by the channel (nil
        // without memory: the channel is then unnamed).
        chan::setname(c, unsafe { libc::strdup(c"threadwaitchan".as_ptr()) });
        WAITCHAN.store(c, Ordering::Release);
        // SAFETY: WAITCHAN_LOCK is held.
        let q = unsafe { queue() };
        start = !q.q.is_empty() && !q.draining;
        q.draining |= start;
    }
    WAITCHAN_LOCK.unlock();
    if start
        && !drain(c, false)
        && crate::runtime::spawn::proccreate_sys(Some(drainer_main), null_mut(), HELPER_STACK, "threadwaitchan") < 0
    {
        // No proc for the rest: the next child's status (post_wait) drains them.
        WAITCHAN_LOCK.lock();
        // SAFETY: WAITCHAN_LOCK is held.
        unsafe { queue().draining = false };
        WAITCHAN_LOCK.unlock();
    }
    c
}

/// Sends one status on threadwaitchan, riding out interrupts: a status is never
/// lost while the channel lives (a freed channel gets nothing: the status is freed).
fn send_sure(c: *mut Channel, w: *mut Waitmsg) {
    let mut p = w;
    loop {
        if chan::op1(c, true, &mut p as *mut *mut Waitmsg as *mut u8, true, "threadwaitchan") == 1 {
            return;
        }
        // Interrupted (threadintgrp on the sender's group).
        if !chan::check(c, "threadwaitchan") {
            // SAFETY: our own malloc block, unpublished.
            unsafe { libc::free(w as *mut c_void) };
            return;
        }
    }
}

/// Moves the queued statuses into threadwaitchan `c`, oldest first. The caller has
/// set `draining`; this clears it once the queue is empty and returns true. Without
/// `block` it stops when the buffer is full and returns false, the rest still queued
/// and `draining` still set (the caller hands the role on).
fn drain(c: *mut Channel, block: bool) -> bool {
    loop {
        WAITCHAN_LOCK.lock();
        // SAFETY: WAITCHAN_LOCK is held.
        let q = unsafe { queue() };
        let Some(mut m) = q.q.pop_front() else {
            q.draining = false;
            WAITCHAN_LOCK.unlock();
            return true;
        };
        WAITCHAN_LOCK.unlock();
        if block {
            send_sure(c, m);
        } else if chan::op1(c, true, &mut m as *mut *mut Waitmsg as *mut u8, false, "threadwaitchan") != 1 {
            WAITCHAN_LOCK.lock();
            // SAFETY: WAITCHAN_LOCK is held. The slot just freed by pop_front is
            // still allocated: push_front does not allocate.
            unsafe { queue().q.push_front(m) };
            WAITCHAN_LOCK.unlock();
            return false;
        }
    }
}

/// A system proc that sends the statuses queued before threadwaitchan existed,
/// beyond what its buffer took at once.
///
/// # Safety
/// Runs as the first thread of the drainer system proc (its argument is not read).
unsafe extern "C" fn drainer_main(_: *mut c_void) {
    sched::setname(b"threadwaitchan");
    drain(WAITCHAN.load(Ordering::Acquire), true);
}

/// Queues a child's Waitmsg for threadwaitchan; if the channel exists and nobody is
/// sending, sends the queue (blocking while the buffer is full).
fn post_wait(w: *mut Waitmsg) {
    WAITCHAN_LOCK.lock();
    // SAFETY: WAITCHAN_LOCK is held.
    let q = unsafe { queue() };
    if q.q.try_reserve(1).is_err() {
        WAITCHAN_LOCK.unlock();
        // No memory to queue it: hand it over directly (making the channel).
        let c = waitchan();
        if c.is_null() {
            // SAFETY: our own malloc block, unpublished.
            unsafe { libc::free(w as *mut c_void) };
        } else {
            send_sure(c, w);
        }
        return;
    }
    q.q.push_back(w);
    let c = WAITCHAN.load(Ordering::Acquire);
    let start = !c.is_null() && !q.draining;
    q.draining |= start;
    WAITCHAN_LOCK.unlock();
    if start {
        drain(c, true);
    }
}

// ---------------------------------------------------------------------------
// The helper proc and the thread-level calls.

struct Helper {
    job: Job,
    reply: *mut Channel,
}

/// # Safety
/// Runs as the first thread of a spawn helper proc; `arg` is the Box<Helper> that
/// threadspawn leaked for it (its ownership passes here).
unsafe extern "C" fn helper_main(arg: *mut c_void) {
    // SAFETY: `arg` is the Helper box threadspawn leaked for us (this function's
    // contract); `me` is this proc's running thread.
    unsafe {
        let h = Box::from_raw(arg as *mut Helper);
        sched::setname(b"spawn helper");
        let me = sched::current();
        let r: i64 = match spawn(&h.job) {
            Ok(pid) => pid as i64,
            Err(e) => -(e as i64),
        };
        let mut v = r;
        let reply = h.reply;
        drop(h);
        // 1-slot buffer: never blocks; the caller frees the channel after receiving.
        chan::op1(reply, true, &mut v as *mut i64 as *mut u8, true, "threadspawn");
        if r > 0 {
            (*me).set_wait(Wait::Exec, core::ptr::null_mut());
            let w = wait_child(r as c_int);
            (*me).set_wait(Wait::None, core::ptr::null_mut());
            (*me).killed.store(false, Ordering::SeqCst);
            post_wait(w);
        }
    }
}

/// Receives one i64 from `c`, riding out interrupts and kills (the helper will
/// answer; the caller must learn the pid). A kill takes effect afterwards.
fn recv_sure(c: *mut Channel, t: *mut Thread) -> i64 {
    let mut killed = false;
    let mut v = 0i64;
    loop {
        // SAFETY: t is the running thread.
        killed |= unsafe { (*t).killed.swap(false, Ordering::SeqCst) };
        if chan::op1(c, false, &mut v as *mut i64 as *mut u8, true, "threadspawn") == 1 {
            break;
        }
    }
    if killed {
        // SAFETY: as above.
        unsafe { (*t).killed.store(true, Ordering::SeqCst) };
    }
    v
}

/// threadspawn/threadspawnd: returns the pid, or -1 with errstr set.
pub fn threadspawn(job: Job, call: &str) -> i32 {
    let t = sched::need(call);
    let fds = job.fds;
    // Reported without allocating (memory may be what ran out).
    // (from_utf8_lossy borrows valid UTF-8, allocating only to repair it).
    let name = crate::msg!("{}", String::from_utf8_lossy(job.cmd.as_bytes()));
    let reply = chan::create(8, 1);
    if reply.is_null() {
        return -1;
    }
    let Some(h) = crate::base::mem::try_box(Helper { job, reply }) else {
        chan::free(reply);
        report::complain(call, "out of memory");
        errstr::set(crate::msg!("{call}: out of memory").as_bytes());
        return -1;
    };
    let h = Box::into_raw(h);
    if crate::runtime::spawn::proccreate_sys(Some(helper_main), h as *mut c_void, HELPER_STACK, call) < 0 {
        // SAFETY: the helper never started; h is still ours.
        unsafe { drop(Box::from_raw(h)) };
        chan::free(reply);
        return -1;
    }
    if crate::base::flags::tracing() {
        crate::runtime::sched::trace(&format!("{call} {name}"));
    }
    let r = recv_sure(reply, t);
    chan::free(reply);
    sched::check_killed();
    if r < 0 {
        errstr::set(crate::msg!("exec {name}: {}", crate::base::errno::text_msg(-r as c_int)).as_bytes());
        return -1;
    }
    if let Some(f) = fds {
        close_fds(f);
    }
    r as i32
}

fn send_cpid(cpid: *mut Channel, v: c_ulong, call: &str) {
    if !cpid.is_null() {
        let mut x = v;
        chan::op1(cpid, true, &mut x as *mut c_ulong as *mut u8, true, call);
    }
}

/// threadexec/threadexecl: spawn, report the pid on cpid, and end the calling thread.
pub fn threadexec(cpid: *mut Channel, job: Job, call: &str, exitmsg: &[u8]) {
    let pid = threadspawn(job, call);
    if pid < 0 {
        send_cpid(cpid, !0, call);
        return;
    }
    send_cpid(cpid, pid as c_ulong, call);
    sched::exit_thread(exitmsg);
}

/// procexec: the caller must be alone in its proc; the child inherits the fds as
/// they are; on success the proc waits for the child and ends.
pub fn procexec(cpid: *mut Channel, job: Job, call: &str) {
    let t = sched::need(call);
    // SAFETY: t is the running thread.
    let alone = unsafe { (*(*t).proc).nthreads == 1 };
    if !alone {
        errstr::set(b"not only thread in proc");
        send_cpid(cpid, !0, call);
        return;
    }
    match spawn(&job) {
        Err(e) => {
            let name = String::from_utf8_lossy(job.cmd.as_bytes());
            errstr::set(crate::msg!("exec {name}: {}", crate::base::errno::text_msg(e)).as_bytes());
            send_cpid(cpid, !0, call);
        }
        Ok(pid) => {
            send_cpid(cpid, pid as c_ulong, call);
            // SAFETY: t is the running thread.
            unsafe { (*t).set_wait(Wait::Exec, core::ptr::null_mut()) };
            let w = wait_child(pid);
            // SAFETY: as above.
            unsafe { (*t).set_wait(Wait::None, core::ptr::null_mut()) };
            post_wait(w);
            sched::exit_thread(b"procexec");
        }
    }
}

// ---------------------------------------------------------------------------
// procwait: one muxer receives from threadwaitchan for everyone.

struct PwWaiter {
    pid: c_int,
    t: *mut Thread,
    msg: *mut Waitmsg,
}

struct Pw {
    msgs: Vec<*mut Waitmsg>,
    waiters: Vec<*mut PwWaiter>,
    muxer: bool,
}

static PW_LOCK: SpinLock = SpinLock::new();
static mut PW: Pw = Pw { msgs: Vec::new(), waiters: Vec::new(), muxer: false };

pub fn procwait(pid: c_int) -> *mut Waitmsg {
    let t = sched::need("procwait");
    let c = waitchan();
    if c.is_null() {
        return null_mut();
    }
    // SAFETY: PW is only touched under PW_LOCK; waiter records live in this frame
    // and are unlinked before it returns.
    unsafe {
        let pw = &mut *core::ptr::addr_of_mut!(PW);
        PW_LOCK.lock();
        if let Some(i) = pw.msgs.iter().position(|&m| (*m).pid == pid) {
            let m = pw.msgs.swap_remove(i);
            PW_LOCK.unlock();
            return m;
        }
        let mut me = PwWaiter { pid, t, msg: null_mut() };
        let mep: *mut PwWaiter = &mut me;
        while pw.muxer && me.msg.is_null() {
            pw.waiters.push(mep);
            crate::runtime::sched::arm(t);
            PW_LOCK.unlock();
            let code = sched::park(Wait::Recv, c as *mut c_void, 0);
            PW_LOCK.lock();
            pw.waiters.retain(|&w| w != mep);
            if code == SEL_INTR && me.msg.is_null() {
                PW_LOCK.unlock();
                sched::check_killed();
                errstr::set(b"interrupted");
                return null_mut();
            }
        }
        if me.msg.is_null() {
            pw.muxer = true;
            while me.msg.is_null() {
                PW_LOCK.unlock();
                let mut m: *mut Waitmsg = null_mut();
                let ok = chan::op1(c, false, &mut m as *mut *mut Waitmsg as *mut u8, true, "procwait") == 1;
                PW_LOCK.lock();
                if !ok || m.is_null() {
                    break;
                }
                if (*m).pid == pid {
                    me.msg = m;
                } else if let Some(i) = pw.waiters.iter().position(|&w| (*w).pid == (*m).pid) {
                    let w = pw.waiters.swap_remove(i);
                    (*w).msg = m;
                    sched::wake((*w).t, SEL_WOKEN);
                } else {
                    pw.msgs.push(m);
                }
            }
            pw.muxer = false;
            // Hand the muxer role on.
            if let Some(&w) = pw.waiters.first() {
                sched::wake((*w).t, SEL_WOKEN);
            }
        }
        PW_LOCK.unlock();
        sched::check_killed();
        let m = me.msg;
        if !m.is_null() && (*m).pid < 0 {
            libc::free(m as *mut c_void);
            return null_mut();
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waitmsg_is_one_block_with_plan9port_layout() {
        assert_eq!(core::mem::size_of::<Waitmsg>(), 40);
        assert_eq!(core::mem::offset_of!(Waitmsg, time), 8);
        assert_eq!(core::mem::offset_of!(Waitmsg, msg), 32);
        let w = wait::waitmsg(&Status { pid: 42, user_ms: 1, sys_ms: 2, msg: "signal: kill".into() });
        // SAFETY: a block from waitmsg, freed once.
        unsafe {
            assert_eq!((*w).pid, 42);
            assert_eq!((*w).time, [1, 2, 3]);
            assert_eq!((*w).msg as usize, w as usize + 40);
            assert_eq!(CStr::from_ptr((*w).msg).to_bytes(), b"signal: kill");
            libc::free(w as *mut c_void);
        }
    }

    #[test]
    fn spawn_reports_exec_errors_and_statuses() {
        // SAFETY: test-local C strings.
        let job =
            unsafe { Job::new(c"/nonexistent/prog".as_ptr(), core::ptr::null(), None, core::ptr::null()) }.unwrap();
        assert_eq!(spawn(&job), Err(libc::ENOENT));
        let args = [c"sh".as_ptr(), c"-c".as_ptr(), c"exit 7".as_ptr(), core::ptr::null()];
        // SAFETY: as above.
        let job = unsafe { Job::new(c"sh".as_ptr(), args.as_ptr(), None, core::ptr::null()) }.unwrap();
        let pid = spawn(&job).expect("spawn sh");
        let w = wait_child(pid);
        // SAFETY: as above.
        unsafe {
            assert_eq!(CStr::from_ptr((*w).msg).to_bytes(), b"7");
            libc::free(w as *mut c_void);
        }
    }
}
