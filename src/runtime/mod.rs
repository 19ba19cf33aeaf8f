//! Threads, procs, stacks, the per-proc scheduler and idle driver, timers, the
//! per-thread error string and program exit.

pub mod debuginfo;
pub mod errstr;
pub mod exit;
pub mod interrupt;
pub mod poll;
pub mod proc;
pub mod sched;
pub mod spawn;
pub mod stack;
pub mod thread;
pub mod timer;
pub mod trace;
pub mod upcall;
