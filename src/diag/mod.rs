//! Diagnostics that read every layer: the thread dump and the deadlock report.
//! Nothing but `abi` imports this layer; the lower layers reach it through the
//! upcalls it registers at start-up (runtime/upcall.rs).

pub mod dump;
