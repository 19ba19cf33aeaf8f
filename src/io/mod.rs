//! Blocking work off the caller's proc (ioprocs), thread-aware waiting on fds and
//! time (wait, iopause, the thread-blocking fd calls, sleeps and alt deadlines,
//! fdchan/timerchan sources) and the network calls.

pub mod fd;
pub mod iopause;
pub mod ioproc;
pub mod net;
pub mod source;
pub mod threadio;
pub mod timeout;
pub mod wait;

/// Registers the io layer's upcalls (interrupting a thread parked in an iocall) and
/// its channel kind (fdchan/timerchan sources).
pub fn install() {
    crate::runtime::upcall::set_io_interrupt(ioproc::interrupt_caller_raw);
    crate::chan::kinds::register(crate::chan::kinds::SOURCE, &source::SOURCE_KIND);
}
