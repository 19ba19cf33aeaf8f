//! thread9: Plan 9's thread library (plan9port's libthread ABI) on stackful coroutines.
//!
//! Procs are OS threads, each running a cooperative scheduler; threads are corosensei
//! coroutines on pooled stacks that never migrate; channels and `alt` move fixed-size
//! elements between threads of any proc. docs/ARCHITECTURE.md describes the layers.
//!
//! Each top-level module is one layer and imports only from the layers listed above
//! it here (tools/layers.py checks it): `arch` (TLS and the hook word), `san`
//! (sanitizer annotations), `base` (locks, futex, time, UTF-8, errno text, misuse
//! reports, flags), `runtime` (threads, procs, stacks, the scheduler, timers, errstr,
//! exit), `chan` (channels, alt, channel kinds), `io` (ioprocs, iopause, fd I/O,
//! sources), `process` (start-up, signals, daemon, exec), `lib9` (the lib9 subset,
//! fmt), `serve` (file serving), `diag` (dumps, deadlock reports) and `abi` (the
//! exported C ABI; the C shim is in src/c).
#![deny(unsafe_op_in_unsafe_fn)]
#![warn(clippy::undocumented_unsafe_blocks)]
#![warn(clippy::missing_safety_doc)]
// The API takes raw pointers from C (channels, Alt arrays, Refs) and validates them
// itself (channel headers carry a magic number); marking every such function
// `unsafe` would only move the same checks around.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

pub mod abi;
pub mod arch;
pub mod base;
pub mod chan;
pub mod diag;
pub mod io;
pub mod lib9;
pub mod process;
pub mod runtime;
pub mod san;
pub mod serve;
