//! The per-thread error string (Plan 9's errstr). Threads keep theirs in their Thread;
//! code outside any thread9 thread (before start-up, foreign pthreads) uses a
//! per-OS-thread buffer.
//!
//! Validity follows plan9port's lib9 (docs/API.md, errstr validity), so objects built against
//! either library agree: the buffer is the current error only while errno holds the
//! marker EPLAN9 (set by every errstr write); once a system call sets errno, the error
//! is `strerror(errno)` ("interrupted" for EINTR). errno is per thread (the scheduler
//! saves it on every switch), so this is per thread too. errno 0 also shows the buffer
//! (empty for a fresh thread), where plan9port would say "Success".

use crate::runtime::sched;
use core::cell::UnsafeCell;

pub const ERRMAX: usize = 128;

thread_local! {
    static OS_ERR: UnsafeCell<[u8; ERRMAX]> = const { UnsafeCell::new([0; ERRMAX]) };
}

/// The calling thread's errstr buffer (ERRMAX bytes, NUL-terminated).
pub fn buf() -> *mut u8 {
    let t = sched::current();
    if t.is_null() {
        OS_ERR.with(|b| b.get() as *mut u8)
    } else {
        // SAFETY: t is the running thread; only it touches its errstr.
        unsafe {
            if (*t).errstr.is_none() {
                (*t).errstr = crate::base::mem::try_box([0; ERRMAX]);
            }
            match &mut (*t).errstr {
                Some(b) => b.as_mut_ptr(),
                // No memory for the thread's own buffer: its OS thread's (shared
                // with the proc's other threads until one can be had).
                None => OS_ERR.with(|b| b.get() as *mut u8),
            }
        }
    }
}

/// errno value meaning "the errstr buffer is the current error" (plan9port's EPLAN9).
pub const EPLAN9: i32 = 0x19283745;

fn errno_loc() -> *mut i32 {
    // SAFETY: glibc's per-OS-thread errno location; the scheduler swaps its value per thread.
    unsafe { libc::__errno_location() }
}

/// Sets the errstr (truncated at a UTF-8 boundary to ERRMAX-1 bytes) and marks it
/// current (errno = EPLAN9).
pub fn set(msg: &[u8]) {
    set_buf(msg);
    // SAFETY: errno_loc is valid for this OS thread.
    unsafe { *errno_loc() = EPLAN9 };
}

fn set_buf(msg: &[u8]) {
    let b = buf();
    let msg = match msg.iter().position(|&c| c == 0) {
        Some(n) => &msg[..n],
        None => msg,
    };
    let n = crate::base::utf::trunc(msg, ERRMAX - 1);
    // SAFETY: b has ERRMAX bytes.
    unsafe {
        core::ptr::copy_nonoverlapping(msg.as_ptr(), b, n);
        *b.add(n) = 0;
    }
}

/// The errstr as bytes (without the NUL).
pub fn get() -> Vec<u8> {
    let b = buf();
    // SAFETY: b holds a NUL-terminated string of at most ERRMAX bytes.
    unsafe {
        let s = core::slice::from_raw_parts(b, ERRMAX);
        let n = s.iter().position(|&c| c == 0).unwrap_or(ERRMAX);
        s[..n].to_vec()
    }
}

/// The current error as errstr/rerrstr/%r see it, copied into `out` (NUL-terminated,
/// cut at a rune boundary); returns its length.
pub fn text(out: &mut [u8; ERRMAX]) -> usize {
    // SAFETY: errno_loc is valid for this OS thread.
    let e = unsafe { *errno_loc() };
    let n = if e == EPLAN9 || e == 0 {
        let b = buf();
        // SAFETY: b holds ERRMAX bytes, NUL-terminated by set().
        let s = unsafe { core::slice::from_raw_parts(b, ERRMAX) };
        let n = s.iter().position(|&c| c == 0).unwrap_or(ERRMAX - 1);
        out[..n].copy_from_slice(&s[..n]);
        n
    } else if e == libc::EINTR {
        out[..11].copy_from_slice(b"interrupted");
        11
    } else {
        let mut tmp = [0 as libc::c_char; ERRMAX];
        // SAFETY: the XSI strerror_r writes at most ERRMAX bytes, NUL-terminated.
        let r = unsafe { libc::strerror_r(e, tmp.as_mut_ptr(), ERRMAX) };
        // SAFETY: on success tmp is NUL-terminated within ERRMAX bytes.
        let s = unsafe { core::ffi::CStr::from_ptr(tmp.as_ptr()) }.to_bytes();
        if r != 0 || s.is_empty() {
            let m = format!("error {e}");
            let n = m.len().min(ERRMAX - 1);
            out[..n].copy_from_slice(&m.as_bytes()[..n]);
            n
        } else {
            let n = crate::base::utf::trunc(s, ERRMAX - 1);
            out[..n].copy_from_slice(&s[..n]);
            n
        }
    };
    out[n] = 0;
    n
}

/// Copies `s` into the C buffer `p` of `n` bytes, NUL-terminated, cut at a rune boundary.
///
/// # Safety
/// `p` has `n` writable bytes.
unsafe fn put(p: *mut u8, n: usize, s: &[u8]) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if n == 0 {
            return;
        }
        let k = crate::base::utf::trunc(s, n - 1);
        core::ptr::copy_nonoverlapping(s.as_ptr(), p, k);
        *p.add(k) = 0;
    }
}

/// rerrstr: the current error into the caller's buffer; nothing changes.
///
/// # Safety
/// `p` is nil or has `n` writable bytes.
pub unsafe fn rerrstr(p: *mut u8, n: usize) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if p.is_null() {
            crate::base::report::complain("rerrstr", "nil buffer");
            return;
        }
        let mut cur = [0u8; ERRMAX];
        let k = text(&mut cur);
        put(p, n, &cur[..k]);
    }
}

/// errstr: swaps the caller's buffer (at most `n` bytes, NUL-terminated) with the
/// current error; the caller's string becomes the errstr. 0, or -1 for a nil buffer.
///
/// # Safety
/// `p` is nil or has `n` readable and writable bytes.
pub unsafe fn swap(p: *mut u8, n: usize) -> i32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if p.is_null() {
            crate::base::report::complain("errstr", "nil buffer");
            return -1;
        }
        let lim = n.min(ERRMAX);
        let mut mine = [0u8; ERRMAX];
        let mut k = 0;
        while k < lim && *p.add(k) != 0 {
            mine[k] = *p.add(k);
            k += 1;
        }
        let mut cur = [0u8; ERRMAX];
        let c = text(&mut cur);
        put(p, n, &cur[..c]);
        set(&mine[..k]);
        0
    }
}

/// Sets the caller's errstr from errno (base::errno's text: EINTR reads
/// "interrupted"), leaving errno as it was.
pub fn set_from_errno() {
    let code = crate::base::errno::get();
    set(&crate::base::errno::text(code));
    // SAFETY: restoring this OS thread's errno, which set() may have changed.
    unsafe { *libc::__errno_location() = code };
}

/// Sets the caller's errstr to `what`, ": " and errno's text, as plan9port's
/// werrstr("what: %r") does (errno then says the errstr is current).
pub fn set_from_errno_as(what: &[u8]) {
    let e = crate::base::errno::text(crate::base::errno::get());
    set(&[what, b": ", &e].concat());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> String {
        let mut b = [0u8; ERRMAX];
        let n = text(&mut b);
        String::from_utf8_lossy(&b[..n]).into_owned()
    }

    #[test]
    fn errno_decides_what_is_current() {
        set(b"mine");
        assert_eq!(now(), "mine");
        // SAFETY: this OS thread's errno.
        unsafe { *errno_loc() = libc::ENOENT };
        assert_eq!(now(), "No such file or directory");
        // SAFETY: as above.
        unsafe { *errno_loc() = libc::EINTR };
        assert_eq!(now(), "interrupted");
        set("é".repeat(100).as_bytes());
        assert_eq!(now().len(), 126);
    }

    #[test]
    fn swap_and_truncate() {
        set(b"old");
        let mut b = *b"new\0....";
        // SAFETY: b has 8 bytes.
        assert_eq!(unsafe { swap(b.as_mut_ptr(), 8) }, 0);
        assert_eq!(&b[..4], b"old\0");
        assert_eq!(now(), "new");
        let mut s = [b'Z'; 4];
        set("éé".as_bytes());
        // SAFETY: s has 4 bytes; only 3 are offered.
        unsafe { rerrstr(s.as_mut_ptr(), 3) };
        assert_eq!(&s, b"\xc3\xa9\0Z");
    }
}
