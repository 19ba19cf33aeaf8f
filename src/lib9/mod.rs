//! The lib9 subset (docs/API.md, the lib9 subset): the print engine (fmt), strings
//! and memory, UTF-8 on C strings, environment and time, files, notes, and the
//! thread-aware locks.
//!
//! The functions keep the C calling convention and plan9port's renamed names
//! (`p9malloc`, `p9sleep`, …) but are not exported from here: src/abi/lib9_exports.rs
//! holds the `#[no_mangle]` entry points, one call each. Bridges called only by the
//! C side (src/c/lib9.c) carry the `thread9_rt_` prefix and are hidden in
//! src/abi/mod.rs.

pub mod dir;
pub mod encode;
pub mod env;
pub mod fmt;
pub mod lock;
pub mod misc;
pub mod notes;
pub mod paths;
pub mod rand;
pub mod strings;
pub mod sys;
pub mod time;
pub mod utf;

use core::ffi::c_char;

pub(crate) use crate::base::report::cbytes;
pub(crate) use crate::runtime::errstr::set_from_errno as syserr;

/// Decodes one UTF-8 rune at the start of `s`: the library's one decoder
/// (base/utf.rs), so getfields, tokenize and chartorune split the same bytes alike.
pub(crate) use crate::base::utf::decode as rune;

/// Whether rune `r` occurs in the UTF-8 string `set`.
pub(crate) fn in_set(set: &[u8], r: u32) -> bool {
    let mut i = 0;
    while i < set.len() {
        let (x, n) = rune(&set[i..]);
        if x == r {
            return true;
        }
        i += n;
    }
    false
}

extern "C" {
    fn thread9_c_argv0() -> *mut c_char;
}

/// sysfatal's end (the C side formatted `msg`): `argv0: msg` on fd 2, then
/// threadexitsall(msg), which exits with status 1.
///
/// # Safety
/// `msg` is nil (read as "") or NUL-terminated, and argv0, which thread9_c_argv0 returns,
/// is nil or NUL-terminated (ARGBEGIN sets it from argv[0]). Never returns.
pub unsafe extern "C" fn thread9_rt_fatal(msg: *const c_char) -> ! {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let a = thread9_c_argv0();
        let name = if a.is_null() { &b"<prog>"[..] } else { cbytes(a) };
        let m = cbytes(msg);
        let mut line = Vec::with_capacity(name.len() + m.len() + 3);
        line.extend_from_slice(name);
        line.extend_from_slice(b": ");
        line.extend_from_slice(m);
        line.push(b'\n');
        crate::base::report::ewrite(&line);
        crate::runtime::exit::exit_all(if m.is_empty() { b"fatal" } else { m })
    }
}

/// __fixargv0: ARGBEGIN calls it before setting argv0; plan9port's is a no-op on
/// Unix too (argv0 needs no fixing here).
pub extern "C" fn __fixargv0() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runes_decode() {
        assert_eq!(rune(b"a"), ('a' as u32, 1));
        assert_eq!(rune("é".as_bytes()), (0xE9, 2));
        assert_eq!(rune("☺x".as_bytes()), (0x263A, 3));
        assert_eq!(rune(b"\xff"), (0xFFFD, 1));
        assert!(in_set(" \t☺".as_bytes(), 0x263A));
        assert!(!in_set(b" \t", 'x' as u32));
    }
}
