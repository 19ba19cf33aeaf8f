//! The thread: a coroutine plus the per-thread state plan9port programs expect
//! (errno, errstr, name, state, data slot, group). It lives in the top bytes of its
//! own stack (stack::META), and the name, state and errstr buffers are allocated on
//! first use, so an idle thread costs its one touched stack page and no heap.

use crate::runtime::proc::Proc;
use crate::runtime::stack::Stack;
use crate::runtime::timer::Timer;
use core::ffi::c_void;
use core::sync::atomic::{AtomicBool, AtomicI32, AtomicPtr, AtomicU32, AtomicU8, Ordering};
use corosensei::{Coroutine, Yielder};

/// What a thread tells its scheduler when it switches out.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Verdict {
    Yield,
    Block,
    Exit,
}

pub type Co = Coroutine<(), Verdict, (), Stack>;
pub type Yld = Yielder<(), Verdict>;

/// `sel` values: how a park ended. A waker claims a parked thread with one CAS from
/// WAITING, so exactly one completion wins (docs/ARCHITECTURE.md, parking).
pub const SEL_IDLE: u32 = 0;
pub const SEL_WAITING: u32 = 1;
pub const SEL_INTR: u32 = 2;
pub const SEL_TIMEOUT: u32 = 3;
pub const SEL_WOKEN: u32 = 4;
pub const SEL_DONE: u32 = 1 << 30; // | case index
pub const SEL_CLOSED: u32 = 1 << 29; // with SEL_DONE: the case failed (channel closed)

/// What a blocked thread waits for, for the thread dump.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Wait {
    None,
    Send,
    Recv,
    Alt,
    Sleep,
    Lock,
    Io,
    Idle,
    Fd,
    /// Waiting (in a system call) for a child process: spawn helpers, procexec.
    Exec,
}

pub struct Thread {
    pub id: i32,
    pub grp: AtomicI32,
    pub proc: *mut Proc,
    pub co: Option<Co>,
    pub yielder: *const Yld,
    pub sel: AtomicU32,
    pub killed: AtomicBool,
    pub errno: i32,
    pub data: *mut c_void,
    pub name: Option<Box<[u8; 256]>>,
    pub state: Option<Box<[u8; 256]>>,
    pub errstr: Option<Box<[u8; 128]>>,
    /// What the thread waits for (a `Wait`), and on what (a channel, an ioproc…):
    /// written by the thread itself, read by interrupts and dumps on other OS
    /// threads, hence atomics (relaxed: plain moves).
    pub(in crate::runtime) wait: AtomicU8,
    pub(in crate::runtime) waitchan: AtomicPtr<c_void>,
    /// When the current wait began: base::futex::coarse_secs() (monotonic seconds,
    /// ticked once a second off the hot path), for the dump's "[recv, 3 minutes]".
    pub(in crate::runtime) since: AtomicU32,
    /// The return address in the code that called threadcreate/proccreate (0 when
    /// the library created the thread): the dump's "created by FUNCTION at FILE:LINE".
    pub creator: usize,
    pub func: usize,
    pub stack_lo: usize,
    pub stack_size: usize,
    /// The stack has a canary to check at each switch (no guard page below it).
    pub canary: bool,
    pub timer: Timer,
    /// Run-queue link (owned by the proc's OS thread).
    pub next: *mut Thread,
    /// Inbox link (cross-proc wake-ups).
    pub inext: *mut Thread,
    /// Registry links (under the proc's registry lock).
    pub rprev: *mut Thread,
    pub rnext: *mut Thread,
}

impl Wait {
    fn from_u8(v: u8) -> Wait {
        const ALL: [Wait; 10] = [
            Wait::None,
            Wait::Send,
            Wait::Recv,
            Wait::Alt,
            Wait::Sleep,
            Wait::Lock,
            Wait::Io,
            Wait::Idle,
            Wait::Fd,
            Wait::Exec,
        ];
        ALL.get(v as usize).copied().unwrap_or(Wait::None)
    }
}

impl Thread {
    /// What the thread waits for.
    #[inline(always)]
    pub fn wait(&self) -> Wait {
        Wait::from_u8(self.wait.load(Ordering::Relaxed))
    }

    /// The object of the wait (a channel, an ioproc; null for none).
    #[inline(always)]
    pub fn waitchan(&self) -> *mut c_void {
        self.waitchan.load(Ordering::Relaxed)
    }

    /// Where its coroutine's stack begins: the Thread itself fills the top
    /// `stack::META` bytes of its stack, and the coroutine runs below them.
    pub fn stack_top(&self) -> usize {
        self.stack_lo + self.stack_size - crate::runtime::stack::META
    }

    /// The coarse monotonic second its current wait began (meaningful while waiting).
    #[inline(always)]
    pub fn since(&self) -> u32 {
        self.since.load(Ordering::Relaxed)
    }

    /// Sets what the running thread waits for (by the thread itself only). A wait
    /// records its start second (one load and one store; `w` is a constant at every
    /// call site, so clearing the wait costs nothing more).
    #[inline(always)]
    pub fn set_wait(&self, w: Wait, on: *mut c_void) {
        if w != Wait::None {
            self.since.store(crate::base::futex::coarse_secs(), Ordering::Relaxed);
        }
        self.wait.store(w as u8, Ordering::Relaxed);
        self.waitchan.store(on, Ordering::Relaxed);
    }

    pub fn name_str(&self) -> &[u8] {
        match &self.name {
            Some(b) => {
                let n = b.iter().position(|&c| c == 0).unwrap_or(b.len());
                &b[..n]
            }
            None => b"",
        }
    }
}

/// Copies a C string into a lazily allocated 256-byte buffer, truncating at a UTF-8
/// boundary and always NUL-terminating.
pub fn set_buf(slot: &mut Option<Box<[u8; 256]>>, s: &[u8]) {
    let b = slot.get_or_insert_with(|| Box::new([0u8; 256]));
    let n = crate::base::utf::trunc(s, 255);
    b[..n].copy_from_slice(&s[..n]);
    b[n] = 0;
}
