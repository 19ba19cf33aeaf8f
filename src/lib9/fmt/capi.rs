//! fmt.h and the errstr calls of libc.h: thin wrappers over crate::lib9::fmt and crate::runtime::errstr.
//! The variadic and va_list entry points are C (src/c/fmt.c) and call the
//! `thread9_rt_` bridges here.

use crate::base::report;
use crate::lib9::fmt::sinks::{self, Call};
use crate::lib9::fmt::{self, table, Fmt, Fmts};
use core::ffi::{c_char, c_int, c_uint, c_void};

/// # Safety
/// For src/c/fmt.c: `f` points to a Fmt whose `args` C set up with va_start/va_copy (the
/// rest is overwritten); `fmt` is nil (reported) or NUL-terminated, its directives matching
/// those arguments as printf's must; `call` is nil or a static C string.
pub unsafe extern "C" fn thread9_rt_fdprint(f: *mut Fmt, fd: c_int, fmt: *const c_char, call: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { sinks::fdprint(f, fd, fmt, Call(call)) }
}

/// # Safety
/// As thread9_rt_fdprint; `buf` is nil (reported) or has `len` writable units (bytes,
/// or Runes with `runes`).
pub unsafe extern "C" fn thread9_rt_snprint(
    f: *mut Fmt,
    buf: *mut c_void,
    len: c_int,
    runes: c_int,
    fmt: *const c_char,
    call: *const c_char,
) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { sinks::snprint(f, buf, len, runes != 0, fmt, Call(call)) }
}

/// # Safety
/// As thread9_rt_fdprint; `buf` is nil or [buf, e) is writable, with e-buf a whole number
/// of units (bytes, or Runes with `runes`).
pub unsafe extern "C" fn thread9_rt_seprint(
    f: *mut Fmt,
    buf: *mut c_void,
    e: *mut c_void,
    runes: c_int,
    fmt: *const c_char,
    call: *const c_char,
) -> *mut c_void {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { sinks::seprint(f, buf, e, runes != 0, fmt, Call(call)) }
}

/// # Safety
/// As thread9_rt_fdprint (the result is malloc'd for the caller).
pub unsafe extern "C" fn thread9_rt_smprint(
    f: *mut Fmt,
    runes: c_int,
    fmt: *const c_char,
    call: *const c_char,
) -> *mut c_void {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { sinks::smprint(f, runes != 0, fmt, Call(call)) }
}

/// # Safety
/// For fmtvprint in src/c/fmt.c: `f` is a live Fmt set up by a sink (fmtfdinit, fmtstrinit, a
/// print call) whose `args` C has just set to the new list; `fmt` as for dofmt.
pub unsafe extern "C" fn thread9_rt_fmtvprint(f: *mut Fmt, fmt: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { sinks::vprint(f, fmt) }
}

/// # Safety
/// As thread9_rt_fdprint: `f.args` set up by C, `fmt` nil or matching its arguments.
pub unsafe extern "C" fn thread9_rt_werrstr(f: *mut Fmt, fmt: *const c_char) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { sinks::werrstr(f, fmt) }
}

/// # Safety
/// `call` is nil or a NUL-terminated string that is never freed (it is read as 'static).
pub unsafe extern "C" fn thread9_rt_nilfmt(call: *const c_char) {
    report::complain(Call(call).name(), "nil Fmt");
}

/// Reports a nil Fmt for `call`; true when `f` is usable.
fn have(f: *mut Fmt, call: &str) -> bool {
    if f.is_null() {
        report::complain(call, "nil Fmt");
        return false;
    }
    true
}

/// # Safety
/// `f` is nil (reported, -1) or a live Fmt set up by a sink (its buffer, flush and farg
/// consistent, `args` holding the arguments); `fmt` is nil (reported) or NUL-terminated,
/// its directives matching those arguments.
pub unsafe extern "C" fn dofmt(f: *mut Fmt, fmt: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if !have(f, "dofmt") {
            return -1;
        }
        if fmt.is_null() {
            report::complain("dofmt", "nil format");
            return -1;
        }
        fmt::dofmt(f, fmt as *const u8)
    }
}

pub extern "C" fn fmtinstall(c: c_int, f: Option<unsafe extern "C" fn(*mut Fmt) -> c_int>) -> c_int {
    install(c, f)
}

/// fmtinstall, called by name from Rust too (a call to the exported name would go
/// through the PLT, to whatever definition interposes).
fn install(c: c_int, f: Option<Fmts>) -> c_int {
    if let Some(theirs) = fmt::interpose::fmtinstall() {
        // SAFETY: lib9's fmtinstall (the program's), called as its C prototype says.
        return unsafe { theirs(c, f) };
    }
    if let Some(why) = table::refuse(c) {
        let shown = match u8::try_from(c) {
            Ok(b) if b.is_ascii_graphic() || b == b' ' => format!("'{}'", b as char),
            _ => c.to_string(),
        };
        report::complain("fmtinstall", &format!("{why}: {shown}"));
        return -1;
    }
    let Some(f) = f else {
        report::complain("fmtinstall", "nil function");
        return -1;
    };
    if table::install(c, f) < 0 {
        report::complain("fmtinstall", "too many verbs installed");
        return -1;
    }
    0
}

/// # Safety
/// `f` is nil (reported, -1) or a live Fmt set up by a sink; `s` is nil ("<nil>") or
/// NUL-terminated, or readable to the precision when `f` has FmtPrec set.
pub unsafe extern "C" fn fmtstrcpy(f: *mut Fmt, s: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if !have(f, "fmtstrcpy") {
            return -1;
        }
        if fmt::verbs::strcpy(f, s) {
            0
        } else {
            -1
        }
    }
}

/// # Safety
/// As fmtstrcpy, `s` being a 0-terminated Rune string.
pub unsafe extern "C" fn fmtrunestrcpy(f: *mut Fmt, s: *const u32) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if !have(f, "fmtrunestrcpy") {
            return -1;
        }
        if fmt::verbs::runestrcpy(f, s) {
            0
        } else {
            -1
        }
    }
}

/// # Safety
/// `f` is nil (reported, -1) or a live Fmt set up by a sink.
pub unsafe extern "C" fn fmtrune(f: *mut Fmt, r: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if !have(f, "fmtrune") {
            return -1;
        }
        if fmt::out::rune(f, r as u32) {
            0
        } else {
            -1
        }
    }
}

/// # Safety
/// `f` is nil (reported, -1) or writable Fmt storage (all but `args` is set); `buf` has
/// `size` writable bytes (nil only with size 0) and outlives the Fmt's use.
pub unsafe extern "C" fn fmtfdinit(f: *mut Fmt, fd: c_int, buf: *mut c_char, size: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { sinks::fdinit(f, fd, buf, size) }
}

/// # Safety
/// `f` is nil (reported, -1) or a Fmt set up by fmtfdinit (`farg` is taken as the fd).
pub unsafe extern "C" fn fmtfdflush(f: *mut Fmt) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if !have(f, "fmtfdflush") {
            return -1;
        }
        if sinks::fd_flush(f) == 0 {
            return -1;
        }
        (*f).nfmt
    }
}

/// # Safety
/// `f` is nil (reported, -1) or writable Fmt storage; `args` is left alone (va_copy into
/// it if formatters will read arguments).
pub unsafe extern "C" fn fmtstrinit(f: *mut Fmt) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if !have(f, "fmtstrinit") {
            return -1;
        }
        sinks::strinit(f, false)
    }
}

/// # Safety
/// `f` is nil (reported, nil) or a Fmt set up by fmtstrinit; the string passes to the
/// caller, who frees it.
pub unsafe extern "C" fn fmtstrflush(f: *mut Fmt) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if !have(f, "fmtstrflush") {
            return core::ptr::null_mut();
        }
        sinks::strflush(f) as *mut c_char
    }
}

/// # Safety
/// As fmtstrinit, for a Rune string.
pub unsafe extern "C" fn runefmtstrinit(f: *mut Fmt) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if !have(f, "runefmtstrinit") {
            return -1;
        }
        sinks::strinit(f, true)
    }
}

/// # Safety
/// As fmtstrflush: `f` is nil or a Fmt set up by runefmtstrinit.
pub unsafe extern "C" fn runefmtstrflush(f: *mut Fmt) -> *mut u32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if !have(f, "runefmtstrflush") {
            return core::ptr::null_mut();
        }
        sinks::strflush(f) as *mut u32
    }
}

/// # Safety
/// `f` is nil (reported) or a live Fmt; each string is nil (the default) or
/// NUL-terminated and outlives the Fmt's use.
pub unsafe extern "C" fn fmtlocaleinit(
    f: *mut Fmt,
    decimal: *mut c_char,
    thousands: *mut c_char,
    grouping: *mut c_char,
) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if have(f, "fmtlocaleinit") {
            fmt::localeinit(&mut *f, decimal, thousands, grouping);
        }
    }
}

/// # Safety
/// A formatter: `f` is nil (reported, -1) or a live Fmt whose next argument is a `char*`
/// (nil or NUL-terminated).
pub unsafe extern "C" fn quotestrfmt(f: *mut Fmt) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if !have(f, "quotestrfmt") {
            return -1;
        }
        fmt::quote::quotefmt(f, false)
    }
}

/// # Safety
/// A formatter: `f` is nil (reported, -1) or a live Fmt whose next argument is a `Rune*`
/// (nil or 0-terminated).
pub unsafe extern "C" fn quoterunestrfmt(f: *mut Fmt) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if !have(f, "quoterunestrfmt") {
            return -1;
        }
        fmt::quote::quotefmt(f, true)
    }
}

/// # Safety
/// `s` is nil (nil returned) or NUL-terminated.
pub unsafe extern "C" fn quotestrdup(s: *const c_char) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { fmt::quote::quotedup(s as *const c_void, false) as *mut c_char }
}

/// # Safety
/// `s` is nil (nil returned) or a 0-terminated Rune string.
pub unsafe extern "C" fn quoterunestrdup(s: *const u32) -> *mut u32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { fmt::quote::quotedup(s as *const c_void, true) as *mut u32 }
}

/// # Safety
/// `s` is nil (nil returned) or NUL-terminated.
pub unsafe extern "C" fn unquotestrdup(s: *const c_char) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { fmt::quote::unquotedup(s as *const c_void, false) as *mut c_char }
}

/// # Safety
/// `s` is nil (nil returned) or a 0-terminated Rune string.
pub unsafe extern "C" fn unquoterunestrdup(s: *const u32) -> *mut u32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { fmt::quote::unquotedup(s as *const c_void, true) as *mut u32 }
}

pub extern "C" fn needsrcquote(c: c_int) -> c_int {
    fmt::quote::needsrcquote(c as u32) as c_int
}

pub extern "C" fn quotefmtinstall() {
    // Through fmtinstall: into lib9's table when the program links lib9's fmt.
    install('q' as c_int, Some(quotestrfmt));
    install('Q' as c_int, Some(quoterunestrfmt));
}

/// The `_syserrstr` hook: the calling thread's ERRMAX-byte error buffer.
pub extern "C" fn thread9_rt_errbuf() -> *mut c_char {
    crate::runtime::errstr::buf() as *mut c_char
}

/// # Safety
/// `buf` is nil (reported, -1) or has `n` readable and writable bytes.
pub unsafe extern "C" fn errstr(buf: *mut c_char, n: c_uint) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::runtime::errstr::swap(buf as *mut u8, n as usize) }
}

/// # Safety
/// `buf` is nil (reported) or has `n` writable bytes.
pub unsafe extern "C" fn rerrstr(buf: *mut c_char, n: c_uint) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { crate::runtime::errstr::rerrstr(buf as *mut u8, n as usize) }
}
