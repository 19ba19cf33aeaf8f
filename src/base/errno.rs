//! errno values as error strings, one rule for the whole library: EINTR reads
//! "interrupted" (Plan 9's word, which thread(3) and ioproc(3) name for interrupted
//! calls), anything else strerror's text.

use core::ffi::{c_char, CStr};

/// The error string for errno `e`.
pub fn text(e: i32) -> Vec<u8> {
    text_msg(e).as_bytes().to_vec()
}

/// `text` without allocating (for paths that report running out of memory).
pub fn text_msg(e: i32) -> crate::base::mem::Msg<96> {
    let mut m = crate::base::mem::Msg::new();
    let _ = match e {
        libc::EINTR => core::fmt::Write::write_str(&mut m, "interrupted"),
        0 => core::fmt::Write::write_str(&mut m, "unknown error"),
        _ => return msg(e),
    };
    m
}

/// `text` as a String, for messages.
pub fn string(e: i32) -> String {
    String::from_utf8_lossy(&text(e)).into_owned()
}

/// strerror's text ("Cannot allocate memory"), built without allocating: it reports
/// the failures of memory exhaustion too. (EINTR reads as strerror has it here: this
/// is for messages about resources, not errstr.)
pub fn msg(e: i32) -> crate::base::mem::Msg<96> {
    let mut b = [0 as c_char; 96];
    // SAFETY: strerror_r (XSI) writes a NUL-terminated text into our buffer.
    let r = unsafe { libc::strerror_r(e, b.as_mut_ptr(), b.len()) };
    let mut m = crate::base::mem::Msg::new();
    // SAFETY: NUL-terminated on success (and b is zeroed otherwise).
    let t = unsafe { CStr::from_ptr(b.as_ptr()) }.to_bytes();
    let _ = match core::str::from_utf8(t) {
        Ok(t) if r == 0 && !t.is_empty() => core::fmt::Write::write_str(&mut m, t),
        _ => core::fmt::Write::write_fmt(&mut m, format_args!("error {e}")),
    };
    m
}

/// This OS thread's errno.
pub fn get() -> i32 {
    // SAFETY: glibc's per-OS-thread errno location.
    unsafe { *libc::__errno_location() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts() {
        assert_eq!(text(libc::EINTR), b"interrupted");
        assert_eq!(text(libc::ENOENT), b"No such file or directory");
        assert_eq!(string(libc::EBADF), "Bad file descriptor");
    }
}
