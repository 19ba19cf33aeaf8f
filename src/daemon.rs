//! Daemonizing for programs whose threadmaybackground() returns non-zero
//! (spec/API.md §D.4): the parent returns success to the shell once threadmain's
//! thread has exited while the rest of the program runs on.

use core::ffi::c_int;

extern "C" {
    fn thread9_c_maybackground() -> c_int;
}

pub fn maybe_daemonize() {
    // SAFETY: calls the program's (or our default) threadmaybackground through the PLT.
    if unsafe { thread9_c_maybackground() } == 0 {
        return;
    }
    if crate::debug::flag(crate::debug::F_NODAEMON) || std::env::var_os("NOLIBTHREADDAEMONIZE").is_some() {
        return;
    }
    // Daemonizing proper is not implemented yet: the program simply runs in the
    // foreground, which is what plan9port does with $LIBTHREAD=nodaemon.
}
