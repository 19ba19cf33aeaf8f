//! One verb table per process, even when the program links plan9port's lib9 fmt
//! objects. A library calling lib9's fmtinstall (libmemdraw does) can pull lib9's
//! fmt.o and dofmt.o out of lib9.a: the executable then defines fmtinstall (with lib9's
//! own verb table) and dofmt, while print, snprint, smprint, fmtprint… stay thread9's.
//! Because libthread.so defines those two names as well, the linker exports the
//! executable's definitions and they interpose on ours for every caller, even for calls
//! by name from inside thread9 (only its internal functions stay its own). The C shim
//! reads the addresses the program binds (through the GOT, src/c/fmt.c); when both are
//! definitions in another object, lib9's engine owns the
//! process's formatting: thread9's engine hands every format to lib9's dofmt (so
//! thread9's print family sees every verb lib9's table holds, lib9's flags and its %r,
//! which reads thread9's per-thread error buffer through the _syserrstr hook), and
//! thread9's fmtinstall and quotefmtinstall install into lib9's table (with lib9's
//! rules: any verb 1..65535, flags included). Nothing ever goes into thread9's table in
//! that case, so no verb installed earlier is lost.
//!
//! The addresses are fixed once the dynamic linker has relocated the library, before
//! any code runs, so working them out lazily (two racing threads store the same value)
//! is the same as doing it at load time. The normal path pays one relaxed load and a
//! branch per format. A static link never interposes: each name has one definition
//! (and a static libthread.a with lib9's fmt objects does not link: both define them).

use super::{Fmt, Fmts};
use core::ffi::{c_char, c_int};
use core::sync::atomic::{AtomicUsize, Ordering};

extern "C" {
    fn thread9_c_program_dofmt() -> usize;
    fn thread9_c_program_fmtinstall() -> usize;
}

type Dofmt = unsafe extern "C" fn(*mut Fmt, *mut c_char) -> c_int;
type Install = unsafe extern "C" fn(c_int, Option<Fmts>) -> c_int;

/// 0: not yet worked out; OURS: thread9's engine; else the program's function.
static DOFMT: AtomicUsize = AtomicUsize::new(0);
static INSTALL: AtomicUsize = AtomicUsize::new(0);
const OURS: usize = 1;

#[cold]
fn detect() {
    // SAFETY: the accessors only look up two function addresses (0: thread9's own).
    let (d, i) = unsafe { (thread9_c_program_dofmt(), thread9_c_program_fmtinstall()) };
    let theirs = d > OURS && i > OURS;
    INSTALL.store(if theirs { i } else { OURS }, Ordering::Relaxed);
    DOFMT.store(if theirs { d } else { OURS }, Ordering::Relaxed);
}

fn get(slot: &AtomicUsize) -> usize {
    let v = slot.load(Ordering::Relaxed);
    if v != 0 {
        return v;
    }
    detect();
    slot.load(Ordering::Relaxed)
}

/// The program's own dofmt (lib9's), when it owns the formatting.
#[inline]
pub fn dofmt() -> Option<Dofmt> {
    match get(&DOFMT) {
        OURS => None,
        // SAFETY: detect() stored the address of the program's dofmt, whose C
        // prototype (fmt.h) is this type.
        v => Some(unsafe { core::mem::transmute::<usize, Dofmt>(v) }),
    }
}

/// The program's own fmtinstall (lib9's), when it owns the formatting.
#[inline]
pub fn fmtinstall() -> Option<Install> {
    match get(&INSTALL) {
        OURS => None,
        // SAFETY: as in dofmt(): the program's fmtinstall, of this C prototype.
        v => Some(unsafe { core::mem::transmute::<usize, Install>(v) }),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ours_without_lib9() {
        // The test binary links no other fmt: thread9's own engine and table.
        assert!(super::dofmt().is_none());
        assert!(super::fmtinstall().is_none());
    }
}
