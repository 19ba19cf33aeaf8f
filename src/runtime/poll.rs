//! The per-proc poller (docs/SERVE-AND-POLL.md, D1): one lazily made epoll + eventfd per
//! proc that multiplexes every fd wait of the proc's threads, and the proc's idle
//! path when any such wait is pending.
//!
//! Only the owning proc's OS thread touches a poller (waits are armed by its threads,
//! events are dispatched by its scheduler), so nothing here is locked. Other procs
//! reach a sleeping proc only through `sched::kick`, which writes the eventfd
//! (`Proc::wake_fd`) when the proc sleeps in SLEEP_POLL.
//!
//! Registrations are EPOLLONESHOT: an fd nobody waits for any more fires at most once
//! more (a harmless spurious wake-up, since waiters always re-poll: D3) instead of
//! firing on every idle pass, and arming costs one epoll_ctl(MOD) per wait.
//!
//! A closed fd leaves the epoll set without an event (the kernel drops the
//! registration when the file goes, or it stays with a file the number no longer
//! names), and a number reused meanwhile names a file that was never registered: a
//! thread parked on it would wait forever. So while waits are pending the proc
//! revalidates them (`revalidate`), every CHECK_NS or CHECK_PER_FD_NS per parked fd if
//! that is longer: an epoll_ctl(MOD) per parked fd fails (EBADF, ENOENT) exactly
//! when the number no longer names the registered file, and then its waiters are
//! woken; their re-poll sees the closed fd (POLLNVAL: ready, the read fails with
//! EBADF) or waits on the new file.

use crate::base::futex;
use crate::runtime::proc::{Proc, RUNNING, SLEEP_POLL};
use crate::runtime::sched;
use crate::runtime::thread::{Thread, SEL_WOKEN};
use core::ffi::c_void;
use core::ptr::null_mut;
use core::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// epoll `data` tag of the proc's wake-up eventfd.
const WAKE_TAG: u64 = u64::MAX;
/// A busy proc looks at its fds at most this often (every 64 switches).
const BUSY_NS: u64 = 1_000_000;
const NEVENTS: usize = 64;
/// Revalidation period with few parked fds...
const CHECK_NS: u64 = 100_000_000;
/// ...and per parked fd with many (one epoll_ctl each, under a microsecond: well
/// under 1% of the proc's time).
const CHECK_PER_FD_NS: u64 = 100_000;

/// One fd interest of a parked thread (or of an fd source such as fdchan), living in
/// its owner's memory until it is unlinked.
pub struct FdWaiter {
    pub fd: i32,
    /// EPOLLIN/EPOLLOUT/EPOLLPRI wanted (errors and hang-ups always count).
    pub events: u32,
    /// Thread to wake, or null: then `on_ready` runs instead.
    pub t: *mut Thread,
    pub on_ready: Option<unsafe fn(*mut FdWaiter)>,
    linked: bool,
}

impl FdWaiter {
    pub const fn new(fd: i32, events: u32, t: *mut Thread) -> Self {
        FdWaiter { fd, events, t, on_ready: None, linked: false }
    }
    pub fn linked(&self) -> bool {
        self.linked
    }
}

pub struct Poller {
    epfd: i32,
    /// Waiters per fd number.
    slots: Vec<Vec<*mut FdWaiter>>,
    /// What the helpers learnt about each fd number (KIND_*): saves a failed recv and
    /// an F_GETFL per threadread/threadwrite. See `kind`.
    kinds: Vec<u8>,
    /// Linked waiters: while non-zero the proc idles in epoll.
    nwait: usize,
    last_busy: u64,
    /// When the parked fds were last revalidated.
    last_check: u64,
    evbuf: Vec<libc::epoll_event>,
    /// Work queued by other procs for this one (`post`), run by the owner on its next
    /// idle or busy pass; `pending` says the queue may be non-empty.
    pending: AtomicBool,
    work: Mutex<Vec<Work>>,
}

/// A function and its argument, to run on the owning proc.
type Work = (unsafe fn(usize), usize);

static NO_PWAIT2: AtomicBool = AtomicBool::new(false);

/// The proc's poller, made on first use (no epoll yet: see `ensure_epoll`).
///
/// # Safety
/// `p` is the caller's own proc.
pub unsafe fn get(p: *mut Proc) -> *mut Poller {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if (*p).poller.is_null() {
            let pl = Box::new(Poller {
                epfd: -1,
                slots: Vec::new(),
                kinds: Vec::new(),
                nwait: 0,
                last_busy: 0,
                last_check: 0,
                evbuf: Vec::with_capacity(NEVENTS),
                pending: AtomicBool::new(false),
                work: Mutex::new(Vec::new()),
            });
            (*p).poller = Box::into_raw(pl) as *mut c_void;
        }
        (*p).poller as *mut Poller
    }
}

/// Makes the proc's epoll and wake eventfd. False (errno set) if the kernel refuses.
///
/// # Safety
/// Runs on `p`'s own OS thread; `pl` is `p`'s poller (from `get`).
unsafe fn ensure_epoll(p: *mut Proc, pl: *mut Poller) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if (*pl).epfd >= 0 {
            return true;
        }
        let ep = libc::epoll_create1(libc::EPOLL_CLOEXEC);
        if ep < 0 {
            return false;
        }
        let ev = libc::eventfd(0, libc::EFD_CLOEXEC | libc::EFD_NONBLOCK);
        if ev < 0 {
            libc::close(ep);
            return false;
        }
        let mut e = libc::epoll_event { events: libc::EPOLLIN as u32, u64: WAKE_TAG };
        if libc::epoll_ctl(ep, libc::EPOLL_CTL_ADD, ev, &mut e) < 0 {
            libc::close(ep);
            libc::close(ev);
            return false;
        }
        // kick() writes wake_fd only once it sees SLEEP_POLL, which we publish (SeqCst)
        // after this store.
        (*p).wake_fd = ev;
        (*pl).epfd = ep;
        true
    }
}

pub const KIND_UNKNOWN: u8 = 0;
pub const KIND_SOCKET: u8 = 1;
pub const KIND_OTHER: u8 = 2;

/// What the calling proc last learnt about fd number `fd`. The fd may have been
/// closed and reused since, so callers use this only where a wrong guess stays correct:
/// "socket" is re-checked by recv's ENOTSOCK; "other" just means wait-then-read.
pub fn kind(fd: i32) -> u8 {
    let p = sched::myproc();
    if p.is_null() || fd < 0 {
        return KIND_UNKNOWN;
    }
    // SAFETY: our own proc and its poller, touched only by this OS thread.
    unsafe {
        let pl = (*p).poller as *mut Poller;
        if pl.is_null() {
            return KIND_UNKNOWN;
        }
        let k = &(*pl).kinds;
        k.get(fd as usize).copied().unwrap_or(KIND_UNKNOWN)
    }
}

pub fn set_kind(fd: i32, k: u8) {
    let p = sched::myproc();
    if p.is_null() || !(0..=1 << 24).contains(&fd) {
        return;
    }
    // SAFETY: as in `kind`; the poller is made if needed.
    unsafe {
        let pl = get(p);
        let v = &mut (*pl).kinds;
        if v.len() <= fd as usize {
            v.resize(fd as usize + 1, KIND_UNKNOWN);
        }
        v[fd as usize] = k;
    }
}

/// # Safety
/// `pl` is the calling proc's own poller and `fd` is not negative. The reference is
/// valid only until the next call that may grow `slots` (any `slot` call).
unsafe fn slot(pl: *mut Poller, fd: i32) -> &'static mut Vec<*mut FdWaiter> {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let i = fd as usize;
        let s = &mut (*pl).slots;
        if s.len() <= i {
            s.resize_with(i + 1, Vec::new);
        }
        &mut *(&mut s[i] as *mut Vec<*mut FdWaiter>)
    }
}

/// (Re)arms `fd` for the union of its waiters' interests.
///
/// # Safety
/// `pl` is the calling proc's own poller, with its epoll made, and `fd` is not negative;
/// every waiter linked on `fd` is live.
unsafe fn rearm(pl: *mut Poller, fd: i32) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let mut want = 0u32;
        for &w in slot(pl, fd).iter() {
            want |= (*w).events;
        }
        let mut e = libc::epoll_event { events: want | libc::EPOLLONESHOT as u32, u64: fd as u64 };
        if libc::epoll_ctl((*pl).epfd, libc::EPOLL_CTL_MOD, fd, &mut e) == 0 {
            return true;
        }
        if *libc::__errno_location() != libc::ENOENT {
            return false;
        }
        // Never registered, or the kernel dropped it when the file was closed.
        libc::epoll_ctl((*pl).epfd, libc::EPOLL_CTL_ADD, fd, &mut e) == 0
    }
}

/// Links `w` (fd ≥ 0) into the proc's poller and arms its fd. False if epoll refuses
/// the fd (the caller falls back to a short recheck timer); `w` is then not linked.
///
/// # Safety
/// `p` is the caller's proc; `w` stays valid and in place until `unlink`.
pub unsafe fn arm(p: *mut Proc, w: *mut FdWaiter) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let pl = get(p);
        if !ensure_epoll(p, pl) {
            return false;
        }
        let fd = (*w).fd;
        slot(pl, fd).push(w);
        if !rearm(pl, fd) {
            slot(pl, fd).pop();
            return false;
        }
        (*w).linked = true;
        if (*pl).nwait == 0 {
            (*pl).last_check = futex::now_ns();
        }
        (*pl).nwait += 1;
        true
    }
}

/// Unlinks `w` if it is still linked (its fd stays armed: one spurious event at most).
///
/// # Safety
/// `p` is the caller's proc; `w` was armed in it.
pub unsafe fn unlink(p: *mut Proc, w: *mut FdWaiter) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if !(*w).linked {
            return;
        }
        let pl = (*p).poller as *mut Poller;
        let s = slot(pl, (*w).fd);
        if let Some(i) = s.iter().position(|&x| x == w) {
            s.swap_remove(i);
        }
        (*w).linked = false;
        (*pl).nwait -= 1;
    }
}

/// Wakes the waiters an epoll event concerns; re-arms the fd for those left.
///
/// # Safety
/// `p` is the caller's proc and `pl` its poller; the first `n` entries of `evbuf` were
/// just filled by epoll_wait.
unsafe fn dispatch(p: *mut Proc, pl: *mut Poller, n: usize) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        for k in 0..n {
            let e = *(*pl).evbuf.as_ptr().add(k);
            let tag = e.u64;
            if tag == WAKE_TAG {
                let mut v = 0u64;
                libc::read((*p).wake_fd, &mut v as *mut u64 as *mut c_void, 8);
                continue;
            }
            fire(pl, tag as i32, e.events);
        }
    }
}

/// Wakes the waiters on `fd` whose interests `events` meets (errors and hang-ups meet
/// all); re-arms the fd for those left.
///
/// # Safety
/// `pl` is the calling proc's own poller and `fd` is not negative; every waiter linked
/// on `fd` is live (the waiters it wakes are unlinked before they are woken).
unsafe fn fire(pl: *mut Poller, fd: i32, events: u32) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let bad = (libc::EPOLLERR | libc::EPOLLHUP) as u32;
        let s = slot(pl, fd);
        let mut i = 0;
        let mut fired: Vec<*mut FdWaiter> = Vec::new();
        while i < s.len() {
            let w = s[i];
            if events & ((*w).events | bad) != 0 {
                s.swap_remove(i);
                (*w).linked = false;
                (*pl).nwait -= 1;
                fired.push(w);
            } else {
                i += 1;
            }
        }
        if !s.is_empty() {
            rearm(pl, fd);
        }
        for w in fired {
            if !(*w).t.is_null() {
                // Fails harmlessly when another fd of the same wait already woke it.
                sched::wake((*w).t, SEL_WOKEN);
            } else if let Some(f) = (*w).on_ready {
                f(w);
            }
        }
    }
}

/// When the parked fds are due for revalidation (0: nothing parked).
///
/// # Safety
/// `pl` is the calling proc's own poller.
unsafe fn check_due(pl: *mut Poller) -> u64 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if (*pl).nwait == 0 {
            return 0;
        }
        (*pl).last_check.saturating_add(CHECK_NS.max((*pl).nwait as u64 * CHECK_PER_FD_NS))
    }
}

/// Wakes the waiters of every parked fd whose number no longer names the file
/// registered for it (closed, or closed and reused): re-arming it with
/// epoll_ctl(MOD) then fails with EBADF (no such fd) or ENOENT (another file).
/// Re-arming a still-valid one with the same interests changes nothing.
///
/// # Safety
/// `pl` is the calling proc's own poller, with its epoll made; every linked waiter is
/// live.
unsafe fn revalidate(pl: *mut Poller, now: u64) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        (*pl).last_check = now;
        // By index: a woken fdchan source may re-arm another fd (and grow `slots`).
        for fd in 0.. {
            let slots: &Vec<_> = &(*pl).slots;
            if fd as usize >= slots.len() {
                break;
            }
            if slot(pl, fd).is_empty() {
                continue;
            }
            let mut want = 0u32;
            for &w in slot(pl, fd).iter() {
                want |= (*w).events;
            }
            let mut e = libc::epoll_event { events: want | libc::EPOLLONESHOT as u32, u64: fd as u64 };
            if libc::epoll_ctl((*pl).epfd, libc::EPOLL_CTL_MOD, fd, &mut e) != 0 {
                let err = *libc::__errno_location();
                if err == libc::EBADF || err == libc::ENOENT {
                    fire(pl, fd, libc::EPOLLERR as u32);
                }
            }
        }
    }
}

/// Queues `f(arg)` to run on proc `p`'s own OS thread (which alone may touch its
/// timers and poller) and wakes `p`. `p` must already have a poller (`get`).
///
/// # Safety
/// `p` is a live proc with a poller; `f(arg)` is safe to run there later.
pub unsafe fn post(p: *mut Proc, f: unsafe fn(usize), arg: usize) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let pl = (*p).poller as *mut Poller;
        (*pl).work.lock().unwrap_or_else(|e| e.into_inner()).push((f, arg));
        (*pl).pending.store(true, Ordering::SeqCst);
        sched::kick(p);
    }
}

/// # Safety
/// `pl` is the calling proc's own poller; each queued `f(arg)` was posted under `post`'s
/// contract (safe to run on this proc now).
unsafe fn service(_p: *mut Proc, pl: *mut Poller) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if (*pl).pending.load(Ordering::Acquire) {
            (*pl).pending.store(false, Ordering::SeqCst);
            let work = core::mem::take(&mut *(*pl).work.lock().unwrap_or_else(|e| e.into_inner()));
            for (f, arg) in work {
                f(arg);
            }
        }
    }
}

/// Collects ready events without sleeping.
///
/// # Safety
/// `p` is the caller's proc and `pl` its poller, with its epoll made.
unsafe fn poll_nowait(p: *mut Proc, pl: *mut Poller) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let n = libc::epoll_wait((*pl).epfd, (*pl).evbuf.as_mut_ptr(), NEVENTS as i32, 0);
        if n > 0 {
            dispatch(p, pl, n as usize);
        }
    }
}

/// Called by the scheduler every 64 switches: a proc that never idles still sees
/// its fds (and queued cancellations) once a millisecond has passed.
///
/// # Safety
/// `p` is the caller's proc, with a poller.
pub unsafe fn busy(p: *mut Proc) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let pl = (*p).poller as *mut Poller;
        service(p, pl);
        if (*pl).nwait == 0 {
            return;
        }
        let now = futex::now_ns();
        if now.wrapping_sub((*pl).last_busy) >= BUSY_NS {
            (*pl).last_busy = now;
            poll_nowait(p, pl);
            if (*pl).nwait != 0 && now >= check_due(pl) {
                revalidate(pl, now);
            }
        }
    }
}

/// The idle path of a proc with a poller. Returns false when no fd wait is pending:
/// the core's own idle (spin, futex, deadlock detection) then applies. Otherwise
/// waits in epoll until an fd event (at once for those already pending), a cross-proc
/// wake-up (eventfd) or the earliest timer, and wakes the waiters of what came.
///
/// # Safety
/// `p` is the caller's proc, with a poller, and has nothing runnable.
pub unsafe fn idle(p: *mut Proc) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let pl = (*p).poller as *mut Poller;
        service(p, pl);
        if (*pl).nwait == 0 {
            return !(*p).runq_head.is_null();
        }
        // No epoll_wait(…, 0) first: the sleeping wait below returns at once with the
        // events already pending (one syscall per idle pass instead of two; W10).
        let due = check_due(pl);
        if due != 0 && futex::now_ns() >= due {
            revalidate(pl, futex::now_ns());
        }
        if !(*p).runq_head.is_null() || !(*p).inbox.load(Ordering::Relaxed).is_null() {
            return true;
        }
        // Wake up for the next revalidation too.
        let due = check_due(pl);
        let deadline = match (*p).timers.next().unwrap_or(0) {
            0 => due,
            d if due == 0 => d,
            d => d.min(due),
        };
        // Publish that we sleep in epoll, then re-check the inbox: a waker pushes to the
        // inbox before reading `sleeping` (both SeqCst), so either we see its thread or
        // it sees SLEEP_POLL and writes the eventfd.
        (*p).sleeping.store(SLEEP_POLL, Ordering::SeqCst);
        if (*pl).pending.load(Ordering::SeqCst) || !(*p).inbox.load(Ordering::SeqCst).is_null() {
            (*p).sleeping.store(RUNNING, Ordering::Relaxed);
            return true;
        }
        let n = wait(pl, deadline);
        (*p).sleeping.store(RUNNING, Ordering::SeqCst);
        (*pl).last_busy = futex::now_ns();
        if n > 0 {
            dispatch(p, pl, n as usize);
        }
        true
    }
}

/// epoll_pwait2 to the absolute monotonic `deadline` (0 = none); epoll_wait with the
/// timeout rounded up to whole ms on kernels before 5.11. Never returns early for a
/// deadline (the caller's timers re-check anyway).
///
/// # Safety
/// `pl` is the calling proc's own poller, with its epoll made (`evbuf` has room for
/// NEVENTS events).
unsafe fn wait(pl: *mut Poller, deadline: u64) -> i32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let ev = (*pl).evbuf.as_mut_ptr();
        let rel = if deadline == 0 { None } else { Some(deadline.saturating_sub(futex::now_ns())) };
        if !NO_PWAIT2.load(Ordering::Relaxed) {
            let ts;
            let tsp = match rel {
                None => null_mut(),
                Some(ns) => {
                    ts = libc::timespec {
                        tv_sec: (ns / 1_000_000_000) as libc::time_t,
                        tv_nsec: (ns % 1_000_000_000) as libc::c_long,
                    };
                    &ts as *const libc::timespec as *mut libc::timespec
                }
            };
            let r = libc::syscall(
                libc::SYS_epoll_pwait2,
                (*pl).epfd,
                ev,
                NEVENTS as i32,
                tsp,
                null_mut::<c_void>(),
                0usize,
            ) as i32;
            if r >= 0 || *libc::__errno_location() != libc::ENOSYS {
                return r;
            }
            NO_PWAIT2.store(true, Ordering::Relaxed);
        }
        let ms = match rel {
            None => -1,
            Some(ns) => ns.div_ceil(1_000_000).min(i32::MAX as u64) as i32,
        };
        libc::epoll_wait((*pl).epfd, ev, NEVENTS as i32, ms)
    }
}
