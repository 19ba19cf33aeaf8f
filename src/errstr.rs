//! The per-thread error string (Plan 9's errstr). Threads keep theirs in their Thread;
//! code outside any thread9 thread (before start-up, foreign pthreads) uses a
//! per-OS-thread buffer.

use crate::sched;
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
        unsafe { (*t).errstr.get_or_insert_with(|| Box::new([0; ERRMAX])).as_mut_ptr() }
    }
}

/// Sets the errstr (truncated at a UTF-8 boundary to ERRMAX-1 bytes).
pub fn set(msg: &[u8]) {
    let b = buf();
    let msg = match msg.iter().position(|&c| c == 0) {
        Some(n) => &msg[..n],
        None => msg,
    };
    let n = crate::thread::utf8_trunc(msg, ERRMAX - 1);
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

/// Copies the errstr into a C buffer (the temporary weak rerrstr in src/c/errstr_fallback.c).
///
/// # Safety
/// `b` has room for `n` bytes.
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_rerrstr(b: *mut u8, n: u32) {
    if b.is_null() || n == 0 {
        return;
    }
    let e = get();
    let k = crate::thread::utf8_trunc(&e, n as usize - 1);
    core::ptr::copy_nonoverlapping(e.as_ptr(), b, k);
    *b.add(k) = 0;
}
