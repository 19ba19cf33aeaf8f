//! Ending the program: exits/threadexitsall, p9atexit handlers, exit status.

use crate::base::spin::SpinLock;
use core::sync::atomic::{AtomicBool, Ordering};

type AtexitFn = unsafe extern "C" fn();
const NEXIT: usize = 33;
static ATEXIT_LOCK: SpinLock = SpinLock::new();
/// The handlers, each with the pid that registered it: as in plan9port, a child
/// forked after p9atexit does not run its parent's handlers when it exits.
static mut ATEXITS: [(Option<AtexitFn>, i32); NEXIT] = [(None, 0); NEXIT];
static EXITING: AtomicBool = AtomicBool::new(false);

pub fn atexit(f: AtexitFn) -> i32 {
    ATEXIT_LOCK.lock();
    // SAFETY: ATEXITS only touched under ATEXIT_LOCK.
    let r = unsafe {
        let a = &mut *core::ptr::addr_of_mut!(ATEXITS);
        match a.iter_mut().find(|s| s.0.is_none()) {
            Some(s) => {
                *s = (Some(f), libc::getpid());
                1
            }
            None => 0,
        }
    };
    ATEXIT_LOCK.unlock();
    r
}

/// Removes `f` registered by this process.
pub fn atexitdont(f: AtexitFn) {
    ATEXIT_LOCK.lock();
    // SAFETY: as above; getpid has no preconditions.
    unsafe {
        let pid = libc::getpid();
        let a = &mut *core::ptr::addr_of_mut!(ATEXITS);
        for s in a.iter_mut() {
            if s.1 == pid && s.0.is_some_and(|g| g as usize == f as usize) {
                s.0 = None;
            }
        }
    }
    ATEXIT_LOCK.unlock();
}

pub fn exiting() -> bool {
    EXITING.load(Ordering::Relaxed)
}

/// plan9port's exits: run this process's p9atexit handlers (last registered first), then exit
/// with 0 for an empty message and 1 otherwise; stdio is flushed by exit(3).
pub fn exit_all(msg: &[u8]) -> ! {
    if EXITING.swap(true, Ordering::SeqCst) {
        // Someone else is already ending the program: wait for it.
        loop {
            // SAFETY: pause has no preconditions.
            unsafe { libc::pause() };
        }
    }
    // SAFETY: getpid has no preconditions.
    let pid = unsafe { libc::getpid() };
    for i in (0..NEXIT).rev() {
        // SAFETY: handlers are only added before exit starts; read once each.
        let (f, owner) = unsafe { (*core::ptr::addr_of!(ATEXITS))[i] };
        if let (Some(f), true) = (f, owner == pid) {
            // SAFETY: a handler the program registered.
            unsafe { f() };
        }
    }
    // SAFETY: exit(3) runs C atexit handlers and flushes stdio.
    unsafe { libc::exit(if msg.is_empty() { 0 } else { 1 }) }
}
