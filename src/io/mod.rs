//! Blocking work off the caller's proc (ioprocs), thread-aware waiting on fds and
//! time (iopause, fd I/O, fdchan/timerchan sources) and the network calls.

pub mod fd;
pub mod iopause;
pub mod ioproc;
pub mod net;

/// Registers the io layer's upcalls (interrupting a thread parked in an iocall) and
/// its channel kind (fdchan/timerchan sources).
pub fn install() {
    crate::runtime::upcall::set_io_interrupt(ioproc::interrupt_caller_raw);
    crate::chan::kinds::register(crate::chan::kinds::SOURCE, &iopause::SOURCE_KIND);
}
