//! The bottom layer: what every other layer uses and that knows nothing of threads.
//! Spin locks, futexes, time labels, UTF-8, errno text, misuse reports and flags.

pub mod errno;
pub mod fault;
pub mod flags;
pub mod futex;
pub mod mem;
pub mod nss;
pub mod report;
pub mod spin;
pub mod taia;
pub mod utf;
