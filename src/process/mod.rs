//! The process as a whole: start-up, signals, daemonizing, running other programs
//! and their wait statuses, and lib9's hook variables.

pub mod capi;
pub mod daemon;
pub mod exec;
pub mod p9hooks;
pub mod signals;
pub mod start;
pub mod wait;
