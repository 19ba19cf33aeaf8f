//! Where formatted output goes: a file descriptor (print: one write(2) per call), a
//! caller's buffer (snprint, seprint), a growing malloc'd string (smprint, fmtstrinit),
//! each in bytes or Runes. The C entry points (src/c/fmt.c) own the Fmt and its
//! va_list; these fill in the rest and run the engine.

use super::*;
use crate::base::report;
use core::ptr::null_mut;

/// Resets every field but `args` for a fresh run.
///
/// # Safety
/// Nothing is dereferenced here: the pointers are only stored. Formatting into `f` later
/// needs [start, stop) writable and `flush` (if any) fit for `farg`: the caller's to ensure.
unsafe fn init(
    f: &mut Fmt,
    runes: bool,
    start: *mut c_void,
    stop: *mut c_void,
    flush: Option<Fmts>,
    farg: *mut c_void,
) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        f.runes = runes as u8;
        f.start = start;
        f.to = start;
        f.stop = stop;
        f.flush = flush;
        f.farg = farg;
        f.nfmt = 0;
        f.r = 0;
        f.width = 0;
        f.prec = 0;
        f.flags = 0;
        // SAFETY: nil strings: the built-in defaults.
        localeinit(f, null_mut(), null_mut(), null_mut());
    }
}

fn unit(runes: bool) -> usize {
    if runes {
        4
    } else {
        1
    }
}

/// Writes all of `b` to `fd`, retrying short writes and EINTR.
///
/// # Safety
/// `p` has `n` readable bytes.
unsafe fn write_all(fd: c_int, mut p: *const u8, mut n: usize) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        while n > 0 {
            let w = libc::write(fd, p as *const c_void, n);
            if w < 0 {
                if *libc::__errno_location() == libc::EINTR {
                    continue;
                }
                return false;
            }
            if w == 0 {
                return false;
            }
            p = p.add(w as usize);
            n -= w as usize;
        }
        true
    }
}

/// print's buffer: starts on the stack, grows on the heap so that a call normally ends
/// in a single write(2) (lines from different threads and procs do not interleave);
/// past `MAXBUF` it is written out in chunks.
struct FdSink {
    fd: c_int,
    heap: *mut u8,
    cap: usize,
    failed: bool,
}

const MAXBUF: usize = 64 * 1024;

/// # Safety
/// Only as `f.flush` of the Fmt fdprint set up: `farg` is that call's live FdSink and
/// [start, to) lies in its current buffer.
unsafe extern "C" fn fdsink_flush(f: *mut Fmt) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let s = &mut *((*f).farg as *mut FdSink);
        let used = ((*f).to as usize) - ((*f).start as usize);
        if s.cap < MAXBUF {
            let ncap = (s.cap * 2).clamp(1024, MAXBUF);
            let nb = libc::realloc(s.heap as *mut c_void, ncap) as *mut u8;
            if !nb.is_null() {
                if s.heap.is_null() {
                    // First growth: move what the stack buffer holds.
                    core::ptr::copy_nonoverlapping((*f).start as *const u8, nb, used);
                }
                s.heap = nb;
                s.cap = ncap;
                (*f).start = nb as *mut c_void;
                (*f).to = nb.add(used) as *mut c_void;
                (*f).stop = nb.add(ncap) as *mut c_void;
                return 1;
            }
        }
        // Full (or out of memory): write what we have and reuse the buffer.
        if !write_all(s.fd, (*f).start as *const u8, used) {
            s.failed = true;
            return 0;
        }
        (*f).to = (*f).start;
        1
    }
}

/// The name of the C entry point, for messages; turned into a &str only when needed.
#[derive(Clone, Copy)]
pub struct Call(pub *const c_char);

impl Call {
    pub fn name(self) -> &'static str {
        if self.0.is_null() {
            return "print";
        }
        // SAFETY: the C shim passes string literals.
        unsafe { core::ffi::CStr::from_ptr(self.0) }.to_str().unwrap_or("print")
    }
}

fn nilfmt(call: Call) {
    report::complain(call.name(), "nil format");
}

/// print, fprint, vfprint: bytes written, or -1 (nil format, write error, or a
/// formatter that failed; what was formatted before the failure is still written).
///
/// # Safety
/// `f` holds an initialised va_list; `fmt` is nil or a C string.
pub unsafe fn fdprint(f: *mut Fmt, fd: c_int, fmt: *const c_char, call: Call) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if fmt.is_null() {
            nilfmt(call);
            return -1;
        }
        // A successful print leaves errno alone (programs print and then use %r or errno).
        let saved = *libc::__errno_location();
        let mut stack = [0u8; 256];
        let mut sink = FdSink { fd, heap: null_mut(), cap: 0, failed: false };
        let start = stack.as_mut_ptr();
        init(
            &mut *f,
            false,
            start as *mut c_void,
            start.add(stack.len()) as *mut c_void,
            Some(fdsink_flush),
            &mut sink as *mut FdSink as *mut c_void,
        );
        let n = dofmt(f, fmt as *const u8);
        let used = ((*f).to as usize) - ((*f).start as usize);
        let ok = !sink.failed && write_all(fd, (*f).start as *const u8, used);
        libc::free(sink.heap as *mut c_void);
        if n < 0 || !ok {
            -1
        } else {
            *libc::__errno_location() = saved;
            (*f).nfmt
        }
    }
}

/// snprint and friends (`len` in bytes, or Runes with `runes`): the output is always
/// NUL-terminated and truncated to fit; returns the units written, -1 if len ≤ 0, and
/// -1 with an empty result for a nil format.
///
/// # Safety
/// `buf` has room for `len` units; `f` holds an initialised va_list.
pub unsafe fn snprint(f: *mut Fmt, buf: *mut c_void, len: c_int, runes: bool, fmt: *const c_char, call: Call) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if len <= 0 {
            return -1;
        }
        if buf.is_null() {
            report::complain(call.name(), "nil buffer");
            return -1;
        }
        let u = unit(runes);
        let e = (buf as *mut u8).wrapping_add(len as usize * u);
        // A huge sprint "length" must not wrap around the address space.
        let e = if (e as usize) < (buf as usize) { usize::MAX as *mut u8 } else { e };
        match bufprint(f, buf, e as *mut c_void, runes, fmt, call) {
            Some(end) => ((end as usize - buf as usize) / u) as c_int,
            None => -1,
        }
    }
}

/// seprint and friends: formats into [buf, e), NUL-terminated; returns the pointer to
/// the terminating NUL, or nil when e ≤ buf. A nil format gives an empty string.
///
/// # Safety
/// [buf, e) is writable; `f` holds an initialised va_list.
pub unsafe fn seprint(
    f: *mut Fmt,
    buf: *mut c_void,
    e: *mut c_void,
    runes: bool,
    fmt: *const c_char,
    call: Call,
) -> *mut c_void {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if (e as usize) <= (buf as usize) || buf.is_null() {
            return null_mut();
        }
        match bufprint(f, buf, e, runes, fmt, call) {
            Some(end) => end,
            None => buf,
        }
    }
}

/// Formats into [buf, e) leaving room for the terminator; the end pointer, or None
/// (with an empty string written) for a nil format.
///
/// # Safety
/// `f.args` is set up; [buf, e) is writable with e-buf at least one unit (bytes, or Runes
/// with `runes`); `fmt` is nil or a NUL-terminated format matching the arguments.
unsafe fn bufprint(
    f: *mut Fmt,
    buf: *mut c_void,
    e: *mut c_void,
    runes: bool,
    fmt: *const c_char,
    call: Call,
) -> Option<*mut c_void> {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let u = unit(runes);
        let stop = (e as usize - u) as *mut c_void;
        init(&mut *f, runes, buf, stop, None, null_mut());
        if !fmt.is_null() {
            dofmt(f, fmt as *const u8);
        }
        let to = (*f).to;
        if runes {
            (to as *mut u32).write_unaligned(0);
        } else {
            *(to as *mut u8) = 0;
        }
        if fmt.is_null() {
            nilfmt(call);
            return None;
        }
        Some(to)
    }
}

/// The growing string buffer of fmtstrinit/smprint: `farg` holds its size in bytes;
/// one unit is always kept free for the terminator.
///
/// # Safety
/// Only as `f.flush` of a Fmt strinit set up: `start` is nil or the malloc'd block of
/// `farg` bytes that [start, to) lies in.
unsafe extern "C" fn str_flush(f: *mut Fmt) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if (*f).start.is_null() {
            return 0;
        }
        let u = unit((*f).runes != 0);
        let size = (*f).farg as usize;
        let nsize = size.saturating_mul(2);
        let used = (*f).to as usize - (*f).start as usize;
        let old = (*f).start;
        let nb = libc::realloc(old, nsize);
        if nb.is_null() {
            libc::free(old);
            (*f).start = null_mut();
            (*f).to = null_mut();
            (*f).stop = null_mut();
            (*f).farg = null_mut();
            return 0;
        }
        (*f).start = nb;
        (*f).to = (nb as *mut u8).add(used) as *mut c_void;
        (*f).stop = (nb as *mut u8).add(nsize - u) as *mut c_void;
        (*f).farg = nsize as *mut c_void;
        1
    }
}

/// fmtstrinit / runefmtstrinit: 0, or -1 when out of memory. Overwrites all of `f`
/// except `args` (which the caller sets up with va_copy, or not at all when only
/// fmtprint is used).
///
/// # Safety
/// `f` points to writable Fmt storage.
pub unsafe fn strinit(f: *mut Fmt, runes: bool) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let u = unit(runes);
        let n = 32 * u;
        let b = libc::malloc(n);
        if b.is_null() {
            init(&mut *f, runes, null_mut(), null_mut(), None, null_mut());
            return -1;
        }
        init(&mut *f, runes, b, (b as *mut u8).add(n - u) as *mut c_void, Some(str_flush), n as *mut c_void);
        0
    }
}

/// fmtstrflush / runefmtstrflush: terminates and hands over the malloc'd string (nil if
/// allocation failed on the way).
///
/// # Safety
/// `f` was set up by strinit.
pub unsafe fn strflush(f: *mut Fmt) -> *mut c_void {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let s = (*f).start;
        if s.is_null() {
            return null_mut();
        }
        if (*f).runes != 0 {
            ((*f).to as *mut u32).write_unaligned(0);
        } else {
            *((*f).to as *mut u8) = 0;
        }
        // As in Plan 9 the Fmt still points at the string, which now belongs to the caller.
        (*f).to = s;
        s
    }
}

/// smprint and friends: a malloc'd result, nil on a nil format, a failed formatter or
/// no memory.
///
/// # Safety
/// `f` holds an initialised va_list.
pub unsafe fn smprint(f: *mut Fmt, runes: bool, fmt: *const c_char, call: Call) -> *mut c_void {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if fmt.is_null() {
            nilfmt(call);
            return null_mut();
        }
        // strinit must not touch args: set the other fields by hand around it.
        if strinit(f, runes) < 0 {
            return null_mut();
        }
        let n = dofmt(f, fmt as *const u8);
        if n < 0 {
            libc::free((*f).start);
            return null_mut();
        }
        strflush(f)
    }
}

/// fmtfdinit: `buf` of `size` bytes, flushed to `fd` when full and by fmtfdflush.
///
/// # Safety
/// `f` points to writable Fmt storage; `buf` has `size` bytes.
pub unsafe fn fdinit(f: *mut Fmt, fd: c_int, buf: *mut c_char, size: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if f.is_null() || (buf.is_null() && size > 0) || size < 0 {
            report::complain("fmtfdinit", "nil Fmt or bad buffer");
            return -1;
        }
        init(
            &mut *f,
            false,
            buf as *mut c_void,
            (buf as *mut u8).add(size as usize) as *mut c_void,
            Some(fd_flush),
            fd as isize as *mut c_void,
        );
        0
    }
}

/// The flush function fmtfdinit installs: writes the buffer to the fd in `farg`.
///
/// # Safety
/// `f` was set up by fdinit.
pub unsafe extern "C" fn fd_flush(f: *mut Fmt) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let n = (*f).to as usize - (*f).start as usize;
        if n > 0 && !write_all((*f).farg as isize as c_int, (*f).start as *const u8, n) {
            return 0;
        }
        (*f).to = (*f).start;
        1
    }
}

/// fmtvprint (called by C with `f.args` already swapped to the new list): formats into
/// the caller's Fmt, ignoring and then clearing width and flags as Plan 9 does.
///
/// # Safety
/// `f` is a valid Fmt with its args set up.
pub unsafe fn vprint(f: *mut Fmt, fmt: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        (*f).flags = 0;
        (*f).width = 0;
        (*f).prec = 0;
        if fmt.is_null() {
            nilfmt(Call(c"fmtprint".as_ptr()));
            return -1;
        }
        let r = (*f).r;
        let n = dofmt(f, fmt as *const u8);
        (*f).flags = 0;
        (*f).width = 0;
        (*f).prec = 0;
        (*f).r = r;
        if n >= 0 {
            0
        } else {
            n
        }
    }
}

/// werrstr: formats into an ERRMAX buffer (cut at a rune boundary) and makes it the
/// calling thread's error string.
///
/// # Safety
/// `f` holds an initialised va_list.
pub unsafe fn werrstr(f: *mut Fmt, fmt: *const c_char) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let mut buf = [0u8; crate::runtime::errstr::ERRMAX];
        let p = buf.as_mut_ptr() as *mut c_void;
        let e = buf.as_mut_ptr().add(buf.len()) as *mut c_void;
        seprint(f, p, e, false, fmt, Call(c"werrstr".as_ptr()));
        let n = buf.iter().position(|&c| c == 0).unwrap_or(0);
        crate::runtime::errstr::set(&buf[..n]);
    }
}
