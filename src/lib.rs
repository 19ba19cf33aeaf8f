//! thread9: Plan 9's thread library (plan9port's libthread ABI) on stackful coroutines.
//!
//! Procs are OS threads, each running a cooperative scheduler (`sched`); threads are
//! corosensei coroutines on pooled stacks (`stack`) that never migrate; channels
//! (`chan`) and `alt` move fixed-size elements between threads of any proc.
//! `abi` is the thin `extern "C"` layer; everything else is ordinary Rust.
#![allow(clippy::missing_safety_doc)]
// The API takes raw pointers from C (channels, Alt arrays, Refs) and validates them
// itself (channel headers carry a magic number); marking every such function
// `unsafe` would only move the same checks around.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

pub mod abi;
pub mod alt;
pub mod asan;
pub mod chan;
pub mod daemon;
pub mod debug;
pub mod errstr;
pub mod exec;
pub mod exit;
pub mod fault;
pub mod fmt;
pub mod futex;
pub mod hooks;
pub mod iopause;
pub mod lib9;
pub mod ioproc;
pub mod mem;
pub mod poll;
pub mod proc;
pub mod sched;
pub mod serve;
pub mod signals;
pub mod spin;
pub mod stack;
pub mod taia;
pub mod start;
pub mod thread;
pub mod timer;
pub mod tsan;
pub mod utf;
