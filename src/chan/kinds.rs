//! Channel kinds. Most channels are plain; a few are made by higher layers with
//! behaviour of their own, described by an ops table that every channel operation
//! (send, recv, alt: fast path, readiness, completion) and chanfree consult:
//!
//! - `REPLY`: a file2chan reply channel (serve). A send completes at once in the
//!   sender's context (the answer goes to the FUSE request); receiving is misuse.
//! - `SOURCE`: a one-shot fdchan/timerchan/deadlinechan (io). It is plain for
//!   send and receive; chanfree cancels its pending source first.
//!
//! The layer that makes channels of a kind registers the kind's ops at start-up
//! (`register`), so the channel core never names those layers. A channel's kind is
//! a byte in its private header: zero (plain) keeps every fast path as it is.

use super::Channel;
use core::sync::atomic::{AtomicPtr, Ordering};

pub const PLAIN: u8 = 0;
pub const REPLY: u8 = 1;
pub const SOURCE: u8 = 2;
const NKINDS: usize = 3;

/// What a channel kind does differently from a plain channel.
pub struct KindOps {
    /// For messages: "file2chan reply", "fdchan/timerchan".
    pub name: &'static str,
    /// Completes a send at once, in the sender's context, instead of queueing: the
    /// channel is always ready for a send. Returns 1, or -1 with errstr set. It is
    /// called with no channel lock held (it may free the channel).
    pub send_now: Option<fn(*mut Channel, *mut u8) -> i32>,
    /// Whether the channel may be received from (false: a receive is misuse, and an
    /// alt receive case is never ready).
    pub recv: bool,
    /// Called by chanfree before anything else (cancels what would send on it).
    pub free: Option<fn(*mut Channel)>,
}

static KINDS: [AtomicPtr<KindOps>; NKINDS] = [const { AtomicPtr::new(core::ptr::null_mut()) }; NKINDS];

/// Registers the ops of `kind` (once, at start-up, by the layer that owns it).
pub fn register(kind: u8, ops: &'static KindOps) {
    assert!(kind != PLAIN && (kind as usize) < NKINDS, "thread9: bad channel kind {kind}");
    KINDS[kind as usize].store(ops as *const KindOps as *mut KindOps, Ordering::Release);
}

/// The ops of channel `c`'s kind; None for a plain channel (or an unregistered kind,
/// which then behaves as plain).
///
/// # Safety
/// `c` is a live channel.
#[inline]
pub unsafe fn of(c: *mut Channel) -> Option<&'static KindOps> {
    // SAFETY: the caller vouches for the channel's header.
    let k = unsafe { (*super::ext(c)).kind() };
    if k == PLAIN {
        return None;
    }
    let p = KINDS[k as usize].load(Ordering::Acquire);
    // SAFETY: only `register` stores here, from a &'static KindOps.
    unsafe { p.as_ref() }
}

/// Whether `c` is a plain channel: one byte load, for hot paths to skip the table.
///
/// # Safety
/// `c` is a live channel.
#[inline(always)]
pub unsafe fn is_plain(c: *mut Channel) -> bool {
    // SAFETY: the caller vouches for the channel's header.
    unsafe { (*super::ext(c)).kind() == PLAIN }
}

/// Whether `c` completes sends at once (a REPLY channel).
///
/// # Safety
/// `c` is a live channel.
#[inline]
pub unsafe fn sends_now(c: *mut Channel) -> bool {
    // SAFETY: the caller's contract.
    unsafe { of(c).is_some_and(|k| k.send_now.is_some()) }
}

/// Whether receiving from `c` is refused.
///
/// # Safety
/// `c` is a live channel.
#[inline]
pub unsafe fn refuses_recv(c: *mut Channel) -> bool {
    // SAFETY: the caller's contract.
    unsafe { of(c).is_some_and(|k| !k.recv) }
}
