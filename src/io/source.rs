//! The one-shot fdchan/timerchan/deadlinechan channels (the SOURCE channel kind).

use super::wait::{after, poll_once, MS, RW};
use crate::base::futex;
use crate::base::mem::CachePadded;
use crate::base::report;
use crate::chan::{self, Channel};
use crate::runtime::errstr;
use crate::runtime::poll::{self, FdWaiter};
use crate::runtime::proc::Proc;
use crate::runtime::sched;
use crate::runtime::timer::Timer;
use core::ptr::null_mut;
use core::sync::atomic::{AtomicUsize, Ordering};
use libc::pollfd;
use std::collections::HashMap;
use std::sync::Mutex;

// ---------------------------------------------------------------------------------
// One-shot channels fired by the creating proc (fdchan, timerchan, deadlinechan).
//
// A Source is registered by channel address in SOURCES. Firing (on the owner's OS
// thread) removes it from the map and sends, both under the SOURCES lock; chanfree
// (a SOURCE channel's kind calls `chanfree_hook` before chanfree destroys it) removes it under the
// same lock, so a send can never touch a freed channel. Whoever removes a source
// from the map owns it: a firing owner frees it after the send; chanfree disarms and
// frees it on the owner proc, at once when it runs there, otherwise via poll::post on
// the owner's next idle or busy pass (a firing that finds its source gone leaves it
// to that). If the post's wake-up races with the owner falling asleep, the disarm
// waits for the owner's next wake-up (at the latest the source's own deadline or fd
// event). The creating proc must outlive its sources for them to fire.

struct Source {
    chan: *mut Channel,
    owner: *mut Proc,
    timer: Timer,
    fdw: FdWaiter,
    pfd: pollfd,
}

struct Reg(HashMap<usize, usize>);
// SAFETY: the map holds addresses only; Sources are touched under the lock or by
// their owner proc.
unsafe impl Send for Reg {}

static SOURCES: Mutex<Option<Reg>> = Mutex::new(None);
static NSOURCES: CachePadded<AtomicUsize> = CachePadded(AtomicUsize::new(0));

fn reg<R>(f: impl FnOnce(&mut HashMap<usize, usize>) -> R) -> R {
    let mut g = SOURCES.lock().unwrap_or_else(|e| e.into_inner());
    f(&mut g.get_or_insert_with(|| Reg(HashMap::new())).0)
}

/// # Safety
/// `s` is a live Source (not yet freed by its owner or by disarm).
unsafe fn registered(m: &HashMap<usize, usize>, s: *mut Source) -> bool {
    // SAFETY: reading `(*s).chan` is sound because the caller guarantees `s` is a live Source.
    unsafe { m.get(&((*s).chan as usize)) == Some(&(s as usize)) }
}

/// Sends `v` on the source's channel and frees the source, if it is still registered.
/// Otherwise chanfree has taken it over (and disarms and frees it on this proc).
///
/// # Safety
/// `s` is a live, disarmed Source of the calling proc.
unsafe fn fire(s: *mut Source, v: *mut u8) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let mine = reg(|m| {
            // The channel may have been freed and its address reused by a newer source:
            // only our own entry counts.
            let mine = registered(m, s);
            if mine {
                m.remove(&((*s).chan as usize));
                NSOURCES.fetch_sub(1, Ordering::Relaxed);
                chan::op1((*s).chan, true, v, false, "timerchan");
            }
            mine
        });
        if mine {
            drop(Box::from_raw(s));
        }
    }
}

/// # Safety
/// `tm` is the `timer` field of a live Source of the calling proc, fired by that proc's
/// timer heap (so it is no longer armed).
unsafe fn timer_fired(tm: *mut Timer) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let s = (tm as *mut u8).sub(core::mem::offset_of!(Source, timer)) as *mut Source;
        let mut now: u64 = futex::now_ns();
        fire(s, &mut now as *mut u64 as *mut u8);
    }
}

/// # Safety
/// `w` is the `fdw` field of a live Source of the calling proc, fired by that proc's
/// poller (so it is no longer armed).
unsafe fn fd_fired(w: *mut FdWaiter) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let s = (w as *mut u8).sub(core::mem::offset_of!(Source, fdw)) as *mut Source;
        let r = poll_once(&mut (*s).pfd, 1, 0);
        if r == 0 {
            // A stale event: wait on, unless cancelled (then the canceller frees it).
            if !reg(|m| registered(m, s)) || poll::arm((*s).owner, &mut (*s).fdw) {
                return;
            }
        }
        let mut v: i32 = (*s).pfd.revents as u16 as i32;
        fire(s, &mut v as *mut i32 as *mut u8);
    }
}

/// Runs on the owner proc: disarm and free a cancelled source.
///
/// # Safety
/// `addr` is a Source the caller removed from SOURCES (so it owns it), and the calling
/// proc is that source's owner, the only one that touches its timer and poller links.
unsafe fn disarm(addr: usize) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let s = addr as *mut Source;
        let p = (*s).owner;
        if (*s).timer.armed() {
            (*p).timers.remove(&mut (*s).timer);
        }
        poll::unlink(p, &mut (*s).fdw);
        drop(Box::from_raw(s));
    }
}

/// fdchan/timerchan/deadlinechan channels: plain, except that chanfree cancels an
/// unfired source first.
pub static SOURCE_KIND: chan::kinds::KindOps =
    chan::kinds::KindOps { name: "fdchan/timerchan", send_now: None, recv: true, free: Some(chanfree_hook) };

/// Called by chan::free before it frees `c`: cancels an unfired source on it.
pub fn chanfree_hook(c: *mut Channel) {
    if NSOURCES.load(Ordering::SeqCst) == 0 {
        return;
    }
    let Some(s) = reg(|m| m.remove(&(c as usize))) else { return };
    NSOURCES.fetch_sub(1, Ordering::Relaxed);
    let s = s as *mut Source;
    // SAFETY: removed from the map, the source is ours to cancel; only its owner
    // touches its timer/poller links.
    unsafe {
        if (*s).owner == sched::myproc() {
            disarm(s as usize);
        } else {
            poll::post((*s).owner, disarm, s as usize);
        }
    }
}

fn new_source(call: &str, elemsize: i32) -> Option<(*mut Source, *mut Proc)> {
    let t = sched::need(call);
    // SAFETY: t is the running thread.
    let p = unsafe { (*t).proc };
    let c = chan::create(elemsize, 1);
    if c.is_null() {
        return None;
    }
    // SAFETY: a fresh channel nobody else has yet.
    unsafe { chan::set_kind(c, chan::kinds::SOURCE) };
    let s = Box::into_raw(Box::new(Source {
        chan: c,
        owner: p,
        timer: Timer::new(timer_fired),
        fdw: FdWaiter::new(-1, 0, null_mut()),
        pfd: pollfd { fd: -1, events: 0, revents: 0 },
    }));
    // SAFETY: our own proc; the poller must exist before anyone may post to it.
    unsafe { poll::get(p) };
    reg(|m| m.insert(c as usize, s as usize));
    NSOURCES.fetch_add(1, Ordering::SeqCst);
    Some((s, p))
}

/// deadlinechan: fires (once, value = nsecmono at firing) when `deadline` passes;
/// deadline 0 = never.
pub fn deadlinechan(deadline: u64, call: &str) -> *mut Channel {
    let Some((s, p)) = new_source(call, 8) else { return null_mut() };
    // SAFETY: s is ours and unfired; p is our proc.
    unsafe {
        let c = (*s).chan;
        if deadline == 0 {
            reg(|m| m.remove(&(c as usize)));
            NSOURCES.fetch_sub(1, Ordering::Relaxed);
            drop(Box::from_raw(s));
            return c;
        }
        (*s).timer.deadline = deadline;
        (*p).timers.insert(&mut (*s).timer);
        c
    }
}

/// timerchan: deadlinechan `ms` from now (ms < 0: nil + errstr).
pub fn timerchan(ms: i64) -> *mut Channel {
    if ms < 0 {
        report::complain("timerchan", &format!("negative time {ms}"));
        errstr::set(b"timerchan: negative time");
        return null_mut();
    }
    let ns = (ms as u64).saturating_mul(MS);
    let d = after(ns.max(1));
    deadlinechan(if d == 0 { u64::MAX } else { d }, "timerchan")
}

/// fdchan: fires (once, value = iopause's revents) when `fd` is ready for `events`.
pub fn fdchan(fd: i32, events: i32) -> *mut Channel {
    if fd < 0 || events & RW as i32 == 0 {
        let what =
            if fd < 0 { format!("negative fd {fd}") } else { format!("no READ/WRITE bits in events {events:#x}") };
        report::complain("fdchan", &what);
        errstr::set(format!("fdchan: {what}").as_bytes());
        return null_mut();
    }
    let Some((s, p)) = new_source("fdchan", 4) else { return null_mut() };
    // SAFETY: s is ours and unfired; p is our proc.
    unsafe {
        let c = (*s).chan;
        (*s).pfd = pollfd { fd, events: (events as i16) & (RW | libc::POLLPRI), revents: 0 };
        (*s).fdw = FdWaiter::new(fd, ((*s).pfd.events as u16) as u32, null_mut());
        (*s).fdw.on_ready = Some(fd_fired);
        if poll_once(&mut (*s).pfd, 1, 0) != 0 || !poll::arm(p, &mut (*s).fdw) {
            // Ready now (or epoll refuses a file that always polls ready).
            poll_once(&mut (*s).pfd, 1, 0);
            let mut v: i32 = (*s).pfd.revents as u16 as i32;
            fire(s, &mut v as *mut i32 as *mut u8);
        }
        c
    }
}
