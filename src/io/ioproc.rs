//! ioproc(3): procs whose single thread runs blocking calls for other threads, and
//! iointerrupt that really interrupts them.
//!
//! An `Ioproc` is a system proc (it never keeps a finished program alive) whose one
//! thread waits for a request, runs it and hands the result back. The caller parks
//! (its proc runs its other threads) until the request is done; the request lives in
//! the caller's frame, which never returns before the op has ended (the C shim's
//! `va_list` is in that frame too).
//!
//! Interrupting a system call (docs/API.md, ioprocs): a library-owned
//! realtime signal with an empty handler installed without SA_RESTART makes the
//! blocked call fail with EINTR. The signal is only ever sent under the Ioproc lock
//! while `incall` names the interrupted request, so it cannot reach a later call; a
//! signal that lands just before the op enters its system call is lost, so a helper
//! OS thread resends it while the ioproc is still in that same call.
//!
//! Lifetime: the ioproc's thread, each caller inside `iocall` and each pending resend
//! hold a reference; the struct is freed (magic poisoned first) when the last one
//! goes. closeioproc only marks the ioproc closing (interrupting a call in progress).

// The entry points take the C caller's pointers (Ioproc*, buffers, strings) as the
// C ABI hands them over; they are validated (magic, nil checks) before use.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

use crate::base::report;
use crate::base::spin::SpinLock;
use crate::runtime::errstr;
use crate::runtime::sched;
use crate::runtime::thread::*;
use core::ffi::{c_char, c_int, c_long, c_void, CStr};
use core::ptr::null_mut;
use core::sync::atomic::{AtomicU64, Ordering};
use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, Once};

const LIVE: u64 = 0x636f_7270_6f69_3974; // "t9ioproc"
const DEAD: u64 = 0xdead_10c0_dead_10c0;
/// Stack of an ioproc's thread: user ops may print, resolve names, etc.
const IOSTACK: u32 = 256 * 1024;

/// A C op as iocall receives it: `long op(va_list*)`.
pub type COp = unsafe extern "C" fn(*mut c_void) -> c_long;

enum Work {
    C(COp, *mut c_void),
    Rust(*mut dyn FnMut() -> i64),
}

/// One request, in the caller's frame until it is done.
struct Req {
    seq: u64,
    work: Work,
    /// The call's name ("ioread", "iocall"), for the thread dump.
    name: *const str,
    caller: *mut Thread,
    started: bool,
    /// Interrupted before the ioproc started it: the op is skipped.
    intr: bool,
    done: bool,
    ret: i64,
    err: [u8; errstr::ERRMAX],
}

#[repr(C)]
pub struct Ioproc {
    /// malloc keeps its free-list links in a freed block's first 16 bytes: the magic
    /// sits after them so use after closeioproc is still recognised (best effort).
    _pad: [u64; 2],
    magic: AtomicU64,
    lock: SpinLock,
    // --- under lock ---
    refs: u32,
    closing: bool,
    thread: *mut Thread,
    pthread: libc::pthread_t,
    seq: u64,
    req: *mut Req,
    /// Seq of the request whose op is running now (0: none).
    incall: u64,
    /// An interrupt signal was sent during the current call.
    intr_sent: bool,
    /// Callers waiting for the ioproc to finish someone else's call.
    queue: VecDeque<*mut Thread>,
}

// ---------------------------------------------------------------------------
// The resender: repeats the signal while the ioproc stays in the interrupted call.

struct Resend {
    list: Mutex<Vec<(usize, u64)>>,
    cv: Condvar,
}

static RESEND: Resend = Resend { list: Mutex::new(Vec::new()), cv: Condvar::new() };
static RESEND_ONCE: Once = Once::new();

/// Registers `io` (lock held; a reference is taken) for resends while call `seq` runs.
///
/// # Safety
/// `io` is live and the caller holds its lock; the reference taken here is dropped by
/// the resender (unref_unlock) once the call has ended.
unsafe fn resend_register(io: *mut Ioproc, seq: u64) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        RESEND_ONCE.call_once(|| {
            let r = std::thread::Builder::new().name("thread9 intr".into()).stack_size(64 * 1024).spawn(resend_loop);
            if r.is_err() {
                report::complain("iointerrupt", "cannot start the interrupt helper thread");
            }
        });
        (*io).refs += 1;
        let mut l = RESEND.list.lock().unwrap_or_else(|e| e.into_inner());
        l.push((io as usize, seq));
        RESEND.cv.notify_one();
    }
}

fn resend_loop() {
    let mut tries = 0u32;
    loop {
        let mut l = RESEND.list.lock().unwrap_or_else(|e| e.into_inner());
        while l.is_empty() {
            tries = 0;
            l = RESEND.cv.wait(l).unwrap_or_else(|e| e.into_inner());
        }
        let pending: Vec<(usize, u64)> = std::mem::take(&mut *l);
        drop(l);
        // Wait a little first: the first signal was sent by iointerrupt itself.
        let pause = if tries < 20 { 200_000 } else { 2_000_000 };
        tries += 1;
        std::thread::sleep(std::time::Duration::from_nanos(pause));
        let mut keep = Vec::new();
        for (iop, seq) in pending {
            let io = iop as *mut Ioproc;
            // SAFETY: our reference keeps io alive; its fields are under its lock.
            unsafe {
                (*io).lock.lock();
                if (*io).incall == seq {
                    crate::runtime::interrupt::kill_os_thread((*io).pthread);
                    (*io).lock.unlock();
                    keep.push((iop, seq));
                } else {
                    unref_unlock(io);
                }
            }
        }
        let mut l = RESEND.list.lock().unwrap_or_else(|e| e.into_inner());
        l.extend(keep);
    }
}

// ---------------------------------------------------------------------------

/// Drops a reference (lock held) and unlocks; frees the ioproc with the last one.
///
/// # Safety
/// `io` is live, the caller holds its lock and owns one of its references, given up
/// here: `io` may be freed on return.
unsafe fn unref_unlock(io: *mut Ioproc) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        (*io).refs -= 1;
        let last = (*io).refs == 0;
        (*io).lock.unlock();
        if last {
            (*io).magic.store(DEAD, Ordering::SeqCst);
            drop(Box::from_raw(io));
        }
    }
}

/// Validates an Ioproc pointer (best effort after closeioproc).
fn check(io: *mut Ioproc, call: &str) -> bool {
    if io.is_null() {
        report::complain(call, "nil Ioproc");
        errstr::set(b"nil Ioproc");
        return false;
    }
    // SAFETY: best effort: a pointer from ioproc() has its magic first.
    let m = unsafe { (*io).magic.load(Ordering::SeqCst) };
    if m == LIVE {
        return true;
    }
    if m == DEAD {
        report::complain(call, &format!("Ioproc {:p} used after closeioproc", io));
    } else {
        report::complain(call, &format!("{:p} is not an Ioproc made by ioproc()", io));
    }
    errstr::set(b"bad Ioproc");
    false
}

/// Sets the errstr from errno and returns -1.
fn fail_errno() -> i64 {
    // SAFETY: errno location of this OS thread.
    let e = unsafe { *libc::__errno_location() };
    errstr::set(&crate::base::errno::text(e));
    -1
}

// ---------------------------------------------------------------------------
// The ioproc's own thread.

/// # Safety
/// Runs as the only thread of the ioproc's system proc (proccreate_sys in `create`);
/// `arg` is that Ioproc, kept alive by the reference this thread holds until it leaves.
unsafe extern "C" fn ioproc_main(arg: *mut c_void) {
    // SAFETY: `arg` is our Ioproc, alive while this thread holds its reference (this
    // function's contract); its shared fields are touched under its lock.
    unsafe {
        let io = arg as *mut Ioproc;
        let me = sched::current();
        sched::setname(b"ioproc");
        // Whatever mask this OS thread inherited, the interrupt signal must get through.
        let mut set: libc::sigset_t = core::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, crate::runtime::interrupt::intr_signal());
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, null_mut());
        (*io).lock.lock();
        (*io).thread = me;
        (*io).pthread = libc::pthread_self();
        loop {
            // ioprocs are immune to threadkill/threadkillgrp: callers depend on them.
            (*me).killed.store(false, Ordering::SeqCst);
            let r = (*io).req;
            if !r.is_null() && !(*r).started {
                (*r).started = true;
                if (*r).intr {
                    finish(io, r, -1, b"interrupted", false);
                    (*io).lock.lock();
                    continue;
                }
                (*io).incall = (*r).seq;
                (*io).lock.unlock();
                errstr::set(b"");
                *libc::__errno_location() = 0;
                (*me).set_wait(Wait::Io, core::ptr::null_mut());
                let ret = match (*r).work {
                    Work::C(op, args) => op(args),
                    Work::Rust(f) => (*f)(),
                };
                (*me).set_wait(Wait::None, core::ptr::null_mut());
                let mut err = Vec::new();
                if ret < 0 {
                    err = errstr::get();
                    if err.is_empty() {
                        err = crate::base::errno::text(*libc::__errno_location());
                    }
                }
                (*io).lock.lock();
                (*io).incall = 0;
                let flush = core::mem::replace(&mut (*io).intr_sent, false);
                finish(io, r, ret, &err, flush);
                (*io).lock.lock();
                continue;
            }
            if (*io).closing && r.is_null() {
                // Callers still queued learn that the ioproc is gone.
                let mut woken = Vec::new();
                while let Some(t) = (*io).queue.pop_front() {
                    if crate::runtime::sched::claim(t, SEL_WOKEN) {
                        woken.push(t);
                    }
                }
                (*io).thread = null_mut();
                unref_unlock(io);
                for t in woken {
                    sched::ready(t);
                }
                return;
            }
            crate::runtime::sched::arm(me);
            (*io).lock.unlock();
            sched::park(Wait::Idle, null_mut(), 0);
            (*io).lock.lock();
        }
    }
}

/// Completes request `r` (lock held; released here) and wakes its caller and the
/// next queued caller.
///
/// # Safety
/// `io` is live and the caller holds its lock (released here); `r` is its current
/// request (`io.req`), alive in its caller's frame until the caller sees `done`.
unsafe fn finish(io: *mut Ioproc, r: *mut Req, ret: i64, err: &[u8], flush: bool) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        (*r).ret = ret;
        let n = crate::base::utf::trunc(err, errstr::ERRMAX - 1);
        let e = &mut (*r).err;
        e[..n].copy_from_slice(&err[..n]);
        e[n] = 0;
        (*r).done = true;
        let caller = (*r).caller;
        (*io).req = null_mut();
        let woke = crate::runtime::sched::claim(caller, SEL_WOKEN);
        let mut next = null_mut();
        while let Some(t) = (*io).queue.pop_front() {
            if crate::runtime::sched::claim(t, SEL_WOKEN) {
                next = t;
                break;
            }
        }
        (*io).lock.unlock();
        if flush {
            // Any signal sent during the call is pending now (all were sent under the
            // lock before incall was cleared): a system call's return delivers it here,
            // never into the next call.
            libc::syscall(libc::SYS_getppid);
        }
        if woke {
            sched::ready(caller);
        }
        if !next.is_null() {
            sched::ready(next);
        }
    }
}

// ---------------------------------------------------------------------------
// The caller's side.

/// Interrupts `io`'s current request (lock held): signal a running op, or mark a
/// posted one so it is skipped. Idle: nothing.
///
/// # Safety
/// `io` is live and the caller holds its lock; `io.req`, if set, is a live request.
unsafe fn interrupt_locked(io: *mut Ioproc) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let r = (*io).req;
        if r.is_null() {
            return;
        }
        if !(*r).started {
            (*r).intr = true;
        } else if (*io).incall == (*r).seq {
            crate::runtime::interrupt::kill_os_thread((*io).pthread);
            (*io).intr_sent = true;
            resend_register(io, (*r).seq);
        }
    }
}

pub fn create() -> *mut Ioproc {
    let io = Box::into_raw(Box::new(Ioproc {
        _pad: [0; 2],
        magic: AtomicU64::new(LIVE),
        lock: SpinLock::new(),
        refs: 1,
        closing: false,
        thread: null_mut(),
        pthread: 0,
        seq: 0,
        req: null_mut(),
        incall: 0,
        intr_sent: false,
        queue: VecDeque::new(),
    }));
    crate::runtime::interrupt::intr_signal();
    if crate::runtime::spawn::proccreate_sys(Some(ioproc_main), io as *mut c_void, IOSTACK, "ioproc") < 0 {
        // SAFETY: never shared.
        unsafe { drop(Box::from_raw(io)) };
        report::misuse("ioproc", &format!("cannot create the ioproc: {}", String::from_utf8_lossy(&errstr::get())));
    }
    io
}

/// Runs `work` in the ioproc, blocking only the calling thread. Returns the op's
/// value; on a negative one the ioproc's errstr becomes the caller's. An interrupted
/// call (threadint/threadkill of the caller) still waits for the op, then returns -1.
/// For the thread dump: what thread `t`, parked on ioproc `io` (Wait::Io), waits
/// for: the call's name and, for iocall, the C op's address (else 0); None when it
/// waits for the ioproc to finish another caller's call. Read without the ioproc's
/// lock (a dump must not wait): a snapshot, as the rest of the dump.
///
/// # Safety
/// `io` is the object of `t`'s Io wait, and `t` is still parked.
pub unsafe fn wait_info(io: *mut c_void, t: *mut Thread) -> Option<(String, usize)> {
    // SAFETY: the caller upholds this function's contract (its # Safety section):
    // the request lives in `t`'s frame while it is parked on it.
    unsafe {
        let io = io as *mut Ioproc;
        let r = core::ptr::read_volatile(core::ptr::addr_of!((*io).req));
        if r.is_null() || (*r).caller != t {
            return None;
        }
        let op = match (*r).work {
            Work::C(op, _) => op as usize,
            Work::Rust(_) => 0,
        };
        Some(((*(*r).name).to_string(), op))
    }
}

fn call(io: *mut Ioproc, work: Work, name: &str) -> i64 {
    let t = sched::need(name);
    if !check(io, name) {
        return -1;
    }
    // SAFETY: io is live (checked) and we take a reference under its lock before
    // using it further; the request stays in this frame until it is done.
    unsafe {
        (*io).lock.lock();
        if (*io).thread == t {
            (*io).lock.unlock();
            report::complain(name, "called from an op running in the same ioproc (it would wait for itself)");
            errstr::set(b"iocall: recursive call");
            return -1;
        }
        if (*io).closing {
            (*io).lock.unlock();
            report::complain(name, &format!("Ioproc {:p} used after closeioproc", io));
            errstr::set(b"ioproc closed");
            return -1;
        }
        (*io).refs += 1;
        // Serialise concurrent callers.
        while !(*io).req.is_null() || (*io).closing {
            if (*io).closing {
                errstr::set(b"ioproc closed");
                unref_unlock(io);
                return -1;
            }
            (*io).queue.push_back(t);
            crate::runtime::sched::arm(t);
            (*io).lock.unlock();
            let code = sched::park(Wait::Io, io as *mut c_void, 0);
            (*io).lock.lock();
            if let Some(i) = (*io).queue.iter().position(|&x| x == t) {
                (*io).queue.remove(i);
            }
            if code == SEL_INTR {
                unref_unlock(io);
                sched::check_killed();
                errstr::set(b"interrupted");
                return -1;
            }
        }
        (*io).seq += 1;
        let mut req = Req {
            seq: (*io).seq,
            work,
            name: name as *const str,
            caller: t,
            started: false,
            intr: false,
            done: false,
            ret: 0,
            err: [0; errstr::ERRMAX],
        };
        let r: *mut Req = &mut req;
        (*io).req = r;
        crate::runtime::sched::arm(t);
        let w = (*io).thread;
        let wake_io = !w.is_null() && crate::runtime::sched::claim(w, SEL_WOKEN);
        (*io).lock.unlock();
        if wake_io {
            sched::ready(w);
        }
        trace_io(t, "iocall", io);
        let mut interrupted = false;
        let mut killed = false;
        loop {
            // park() does not block a killed thread; the op must end first.
            killed |= (*t).killed.swap(false, Ordering::SeqCst);
            let code = sched::park(Wait::Io, io as *mut c_void, 0);
            (*io).lock.lock();
            if (*r).done {
                break;
            }
            if code == SEL_INTR {
                interrupted = true;
                interrupt_locked(io);
            }
            crate::runtime::sched::arm(t);
            (*io).lock.unlock();
        }
        killed |= (*t).killed.swap(false, Ordering::SeqCst);
        unref_unlock(io);
        if killed {
            (*t).killed.store(true, Ordering::SeqCst);
            sched::check_killed();
        }
        if interrupted {
            errstr::set(b"interrupted");
            return -1;
        }
        if (*r).ret < 0 {
            errstr::set(&(*r).err);
        }
        (*r).ret
    }
}

fn trace_io(t: *mut Thread, what: &str, io: *mut Ioproc) {
    if crate::base::flags::tracing() {
        // SAFETY: t is the running thread.
        let id = unsafe { (*t).id };
        crate::runtime::sched::trace(&format!("thread {id} {what} ioproc {io:p}"));
    }
}

/// iocall from C: `op(args)` in the ioproc.
pub fn iocall(io: *mut Ioproc, op: Option<COp>, args: *mut c_void) -> i64 {
    let Some(op) = op else {
        report::complain("iocall", "nil op");
        errstr::set(b"iocall: nil op");
        return -1;
    };
    call(io, Work::C(op, args), "iocall")
}

/// Runs a Rust closure in the ioproc (the built-in io* calls).
fn rcall(io: *mut Ioproc, name: &str, mut f: impl FnMut() -> i64) -> i64 {
    let fp: &mut dyn FnMut() -> i64 = &mut f;
    // SAFETY: erase the lifetime: `call` does not return before the ioproc has
    // finished running the closure, which lives in this frame.
    let fp: *mut (dyn FnMut() -> i64 + 'static) = unsafe { core::mem::transmute(fp as *mut (dyn FnMut() -> i64 + '_)) };
    call(io, Work::Rust(fp), name)
}

/// interrupt_caller for runtime::upcall (the ioproc as the untyped `waitchan`).
///
/// # Safety
/// As for interrupt_caller.
pub unsafe fn interrupt_caller_raw(io: *mut c_void, t: *mut Thread) {
    // SAFETY: the caller's contract.
    unsafe { interrupt_caller(io as *mut Ioproc, t) }
}

/// threadint/threadkill of a thread parked in iocall (just claimed, so it holds its
/// reference on `io`): interrupt the ioproc's call at once if it is that thread's.
/// The thread also does so itself when it wakes; a second signal is harmless.
///
/// # Safety
/// `t` is claimed and parked; `io` is null or the Ioproc it waits on.
pub unsafe fn interrupt_caller(io: *mut Ioproc, t: *mut Thread) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if io.is_null() || (*io).magic.load(Ordering::SeqCst) != LIVE {
            return;
        }
        (*io).lock.lock();
        let r = (*io).req;
        if !r.is_null() && (*r).caller == t {
            interrupt_locked(io);
        }
        (*io).lock.unlock();
    }
}

pub fn interrupt(io: *mut Ioproc) {
    if !check(io, "iointerrupt") {
        return;
    }
    // SAFETY: live ioproc, under its lock.
    unsafe {
        (*io).lock.lock();
        interrupt_locked(io);
        (*io).lock.unlock();
    }
}

pub fn close(io: *mut Ioproc) {
    if io.is_null() {
        return;
    }
    if !check(io, "closeioproc") {
        return;
    }
    // SAFETY: live ioproc, under its lock.
    unsafe {
        (*io).lock.lock();
        if (*io).closing {
            (*io).lock.unlock();
            report::complain("closeioproc", &format!("Ioproc {:p} closed twice", io));
            return;
        }
        (*io).closing = true;
        interrupt_locked(io);
        let w = (*io).thread;
        let wake_io = !w.is_null() && crate::runtime::sched::claim(w, SEL_WOKEN);
        (*io).lock.unlock();
        if wake_io {
            sched::ready(w);
        }
    }
}

// ---------------------------------------------------------------------------
// Built-in operations.

fn sys(r: isize) -> i64 {
    if r < 0 {
        fail_errno()
    } else {
        r as i64
    }
}

pub fn ioclose(io: *mut Ioproc, fd: c_int) -> i64 {
    // SAFETY: close has no memory preconditions.
    rcall(io, "ioclose", || sys(unsafe { libc::close(fd) } as isize))
}

pub fn ioopen(io: *mut Ioproc, path: *const c_char, mode: c_int) -> i64 {
    if path.is_null() {
        report::complain("ioopen", "nil path");
        errstr::set(b"ioopen: nil path");
        return -1;
    }
    // SAFETY: path is the caller's NUL-terminated string, alive during the call (iocall
    // waits for the op); lib9's p9open maps the Plan 9 mode and sets errstr on failure.
    rcall(io, "ioopen", || unsafe { crate::io::fd::p9open(path, mode) } as i64)
}

pub fn ioread(io: *mut Ioproc, fd: c_int, a: *mut c_void, n: c_long) -> i64 {
    if n < 0 {
        errstr::set(b"ioread: negative count");
        return -1;
    }
    // SAFETY: the caller's buffer of n bytes, alive during the call.
    rcall(io, "ioread", || sys(unsafe { libc::read(fd, a, n as usize) }))
}

/// readn: loop until n bytes, EOF or error; a partial count wins over an error.
///
/// # Safety
/// `a` is writable for `n` bytes.
unsafe fn readn(fd: c_int, a: *mut u8, n: usize) -> i64 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let mut tot = 0usize;
        while tot < n {
            let m = libc::read(fd, a.add(tot) as *mut c_void, n - tot);
            if m <= 0 {
                if tot == 0 {
                    return sys(m);
                }
                break;
            }
            tot += m as usize;
        }
        tot as i64
    }
}

pub fn ioreadn(io: *mut Ioproc, fd: c_int, a: *mut c_void, n: c_long) -> i64 {
    if n < 0 {
        errstr::set(b"ioreadn: negative count");
        return -1;
    }
    // SAFETY: the caller's buffer of n bytes, alive during the call.
    rcall(io, "ioreadn", || unsafe { readn(fd, a as *mut u8, n as usize) })
}

pub fn iowrite(io: *mut Ioproc, fd: c_int, a: *mut c_void, n: c_long) -> i64 {
    if n < 0 {
        errstr::set(b"iowrite: negative count");
        return -1;
    }
    rcall(io, "iowrite", || {
        let mut tot = 0usize;
        while tot < n as usize {
            // SAFETY: the caller's buffer of n bytes, alive during the call.
            let m = unsafe { libc::write(fd, (a as *const u8).add(tot) as *const c_void, n as usize - tot) };
            if m <= 0 {
                if tot > 0 {
                    return tot as i64;
                }
                return if m < 0 { fail_errno() } else { 0 };
            }
            tot += m as usize;
        }
        tot as i64
    })
}

pub fn iosleep(io: *mut Ioproc, ms: c_long) -> i64 {
    rcall(io, "iosleep", || sys(crate::base::futex::sleep_ms(ms) as isize))
}

/// read9pmsg: one 9P message (size[4] then the rest); 0 at EOF, -1 on error.
pub fn ioread9pmsg(io: *mut Ioproc, fd: c_int, a: *mut c_void, n: c_int) -> i64 {
    if a.is_null() || n < 0 {
        errstr::set(b"ioread9pmsg: bad buffer");
        return -1;
    }
    rcall(io, "ioread9pmsg", || {
        let b = a as *mut u8;
        if n < 4 {
            errstr::set(b"bad length in 9P2000 message header");
            return -1;
        }
        // SAFETY: the caller's buffer of n bytes.
        unsafe {
            let m = readn(fd, b, 4);
            if m != 4 {
                return if m < 0 { -1 } else { 0 };
            }
            let len = u32::from_le_bytes([*b, *b.add(1), *b.add(2), *b.add(3)]) as i64;
            if len <= 4 || len > n as i64 {
                errstr::set(b"bad length in 9P2000 message header");
                return -1;
            }
            let rest = (len - 4) as usize;
            let m = readn(fd, b.add(4), rest);
            if m < 0 {
                return -1;
            }
            if (m as usize) < rest {
                return 0;
            }
            len
        }
    })
}

pub fn iosendfd(io: *mut Ioproc, s: c_int, fd: c_int) -> i64 {
    // SAFETY: lib9's sendfd builds its own message; it sets errstr on failure.
    rcall(io, "iosendfd", || unsafe { crate::io::net::sendfd(s, fd) } as i64)
}

pub fn iorecvfd(io: *mut Ioproc, s: c_int) -> i64 {
    // SAFETY: as iosendfd.
    rcall(io, "iorecvfd", || unsafe { crate::io::net::recvfd(s) } as i64)
}

/// iodial: lib9's dial (src/io/net.rs) in the ioproc, `local` included.
pub fn iodial(io: *mut Ioproc, addr: *const c_char, local: *const c_char) -> i64 {
    if addr.is_null() {
        report::complain("iodial", "nil address");
        errstr::set(b"iodial: nil address");
        return -1;
    }
    // SAFETY: the caller's NUL-terminated strings.
    let (a, l) = unsafe {
        let l = (!local.is_null()).then(|| CStr::from_ptr(local).to_bytes().to_vec());
        (CStr::from_ptr(addr).to_bytes().to_vec(), l)
    };
    rcall(io, "iodial", || crate::io::net::dial(&a, l.as_deref()) as i64)
}

pub fn ioflush(io: *mut Ioproc) -> i64 {
    rcall(io, "ioflush", || 0)
}
