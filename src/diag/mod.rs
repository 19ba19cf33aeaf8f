//! Diagnostics that read every layer: the thread dump, the deadlock report and the
//! crash report, with symbolized backtraces (symbols.rs).
//! Nothing but `abi` imports this layer; the lower layers reach it through the
//! upcalls it registers at start-up (runtime/upcall.rs).

pub mod crash;
pub mod dump;
pub mod symbols;
