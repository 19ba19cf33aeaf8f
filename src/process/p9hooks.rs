//! Installs the hook pointers plan9port's lib9 expects libthread to fill (docs/API.md,
//! lib9 hooks): _lock/_unlock, _qlock/_qunlock, _rlock/_runlock/_wlock/_wunlock,
//! _rsleep/_rwakeup, _notejmpbuf, _pin/_unpin, _sysfatal, and _p9usepwlibrary = 0.
//!
//! The variables are defined in src/c/lib9.c with default visibility. When the
//! program links plan9port's lib9.a, lib9's definitions interpose (the executable's
//! copy wins) and the C stores, which go through the GOT, fill lib9's copies: lib9's
//! lock()/qlock()/rsleep()/sysfatal() then run thread9's implementations
//! (src/lib9/lock.rs). Without plan9port they are our own, unused copies.
//! The assignment is done in C because rustc binds a cdylib's own statics locally.

extern "C" {
    fn thread9_c_hooks_install();
}

pub fn install() {
    // SAFETY: plain stores to the hook variables, once, before any thread runs.
    unsafe { thread9_c_hooks_install() }
}
