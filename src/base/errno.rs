//! errno values as error strings, one rule for the whole library: EINTR reads
//! "interrupted" (Plan 9's word, which thread(3) and ioproc(3) name for interrupted
//! calls), anything else strerror's text.

use core::ffi::{c_char, CStr};

/// The error string for errno `e`.
pub fn text(e: i32) -> Vec<u8> {
    if e == libc::EINTR {
        return b"interrupted".to_vec();
    }
    if e == 0 {
        return b"unknown error".to_vec();
    }
    let mut b = [0u8; 128];
    // SAFETY: the XSI strerror_r fills b with a NUL-terminated string.
    unsafe {
        if libc::strerror_r(e, b.as_mut_ptr() as *mut c_char, b.len() - 1) != 0 {
            return format!("error {e}").into_bytes();
        }
        CStr::from_ptr(b.as_ptr() as *const c_char).to_bytes().to_vec()
    }
}

/// `text` as a String, for messages.
pub fn string(e: i32) -> String {
    String::from_utf8_lossy(&text(e)).into_owned()
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
