//! resmgr(3) and file2chan(3): thin C entry points over `crate::serve`.

use crate::serve::types::*;
use crate::serve::{file2chan as f2c, iofunc, resmgr};
use core::ffi::{c_char, c_int, c_long, c_uint, c_void};

/// The C types of resmgr.h that the library only passes through: opaque here, named
/// as in the header so that the prototypes match it (tests/abi_signatures.rs).
macro_rules! opaque {
    ($($t:ident),* $(,)?) => {$(
        #[allow(non_camel_case_types)]
        #[repr(C)]
        pub struct $t {
            _opaque: [u8; 0],
        }
    )*};
}
opaque!(
    dispatch_t,
    io_open_t,
    io_unlink_t,
    io_read_t,
    io_write_t,
    io_close_t,
    io_stat_t,
    io_devctl_t,
    io_lseek_t,
    io_chmod_t,
    io_chown_t,
    io_utime_t,
    io_space_t,
    io_sync_t,
);

/// # Safety
/// `dir` is nil (the default directory) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn resmgr_mount(dir: *const c_char, flags: c_uint) -> *mut dispatch_t {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which covers every pointer resmgr::resmgr_mount dereferences.
    unsafe { resmgr::resmgr_mount(dir, flags) as *mut dispatch_t }
}

/// # Safety
/// `dpp` is nil (the default mount, made on first use) or a dispatch_t from
/// resmgr_mount (never freed, so still valid after resmgr_unmount); `path` is nil
/// (EINVAL) or a NUL-terminated string; `attr`, `cf` and `io` are nil or valid tables,
/// `handle` nil (EINVAL) or an iofunc_attr_t; the last three are kept by pointer and
/// must stay alive until the attach is detached.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn resmgr_attach(
    dpp: *mut dispatch_t,
    attr: *const RAttr,
    path: *const c_char,
    ftype: c_uint,
    flags: c_uint,
    cf: *const ConnectFuncs,
    io: *const IoFuncs,
    handle: *mut Attr,
) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which covers every pointer resmgr::resmgr_attach dereferences.
    unsafe { resmgr::resmgr_attach(dpp as *mut c_void, attr, path, ftype as c_int, flags, cf, io, handle) }
}

/// # Safety
/// `dpp` is nil (the default mount, made on first use) or a dispatch_t from
/// resmgr_mount (never freed, so still valid after resmgr_unmount).
#[no_mangle]
pub unsafe extern "C" fn resmgr_detach(dpp: *mut dispatch_t, id: c_int, flags: c_uint) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which covers every pointer resmgr::resmgr_detach dereferences.
    unsafe { resmgr::resmgr_detach(dpp as *mut c_void, id, flags) }
}

/// # Safety
/// `dpp` is nil (the default mount, made on first use) or a dispatch_t from
/// resmgr_mount (never freed, so still valid after resmgr_unmount).
#[no_mangle]
pub unsafe extern "C" fn resmgr_unmount(dpp: *mut dispatch_t) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which covers every pointer resmgr::resmgr_unmount dereferences.
    unsafe { resmgr::resmgr_unmount(dpp as *mut c_void) }
}

/// # Safety
/// `dpp` is nil (the default mount, made on first use) or a dispatch_t from
/// resmgr_mount (never freed, so still valid after resmgr_unmount).
#[no_mangle]
pub unsafe extern "C" fn resmgr_path(dpp: *mut dispatch_t, id: c_int) -> *const c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which covers every pointer resmgr::resmgr_path dereferences.
    unsafe { resmgr::resmgr_path(dpp as *mut c_void, id) }
}

/// # Safety
/// `buf` is nil, or `n` is 0, or it has `n` readable bytes (copied before this returns).
#[no_mangle]
pub unsafe extern "C" fn resmgr_reply(rcvid: i64, status: c_long, buf: *const c_void, n: usize) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section): buf
    // is read only when non-nil with n > 0, and then has n bytes.
    unsafe {
        let d = if buf.is_null() || n == 0 {
            Vec::new()
        } else {
            core::slice::from_raw_parts(buf as *const u8, n).to_vec()
        };
        resmgr::reply(rcvid, status, d)
    }
}

/// # Safety
/// `iov` is nil or holds `niov` iovecs, each with a nil `iov_base`, a 0 `iov_len` or
/// `iov_len` readable bytes (copied before this returns).
#[no_mangle]
pub unsafe extern "C" fn resmgr_replyv(rcvid: i64, status: c_long, iov: *const libc::iovec, niov: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section): iov
    // has niov entries (a negative niov reads none), each part read only when non-nil
    // and non-empty.
    unsafe {
        let mut d = Vec::new();
        if !iov.is_null() {
            for v in core::slice::from_raw_parts(iov, niov.max(0) as usize) {
                if !v.iov_base.is_null() && v.iov_len > 0 {
                    d.extend_from_slice(core::slice::from_raw_parts(v.iov_base as *const u8, v.iov_len));
                }
            }
        }
        resmgr::reply(rcvid, status, d)
    }
}

#[no_mangle]
pub extern "C" fn resmgr_error(rcvid: i64, err: c_int) -> c_int {
    resmgr::error(rcvid, err)
}

/// # Safety
/// `ctp` is nil (reported, -1) or the context the library passed a handler, while it
/// runs or until its request is answered; `buf` is nil with `n` 0 or has `n` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn resmgr_msgread(ctp: *mut Ctx, buf: *mut c_void, n: usize, off: usize) -> c_long {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which covers every pointer resmgr::msgread dereferences.
    unsafe { resmgr::msgread(ctp, buf, n, off) }
}

/// # Safety
/// `c` and `io` are nil (skipped) or writable tables of the header's size (`nc` and
/// `nio` are capped at them).
#[no_mangle]
pub unsafe extern "C" fn iofunc_func_init(nc: u32, c: *mut ConnectFuncs, nio: u32, io: *mut IoFuncs) {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which covers every pointer iofunc::func_init dereferences.
    unsafe { iofunc::func_init(nc, c, nio, io) }
}

/// # Safety
/// `a` is nil (ignored) or a writable iofunc_attr_t; `info` is nil (the effective ids)
/// or a struct _client_info; `d` is not used.
#[no_mangle]
pub unsafe extern "C" fn iofunc_attr_init(a: *mut Attr, mode: u32, d: *mut Attr, info: *mut ClientInfo) {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which covers every pointer iofunc::attr_init dereferences.
    unsafe { iofunc::attr_init(a, mode, d, info) }
}

/// # Safety
/// `o` is nil (EBADF) or an OCB and `nb` nil or a writable int; `c` and `m` are not used.
#[no_mangle]
pub unsafe extern "C" fn iofunc_read_verify(c: *mut Ctx, m: *mut io_read_t, o: *mut Ocb, nb: *mut c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which covers every pointer iofunc::read_verify dereferences.
    unsafe { iofunc::read_verify(c, m as *mut c_void, o, nb) }
}

/// # Safety
/// As for iofunc_read_verify.
#[no_mangle]
pub unsafe extern "C" fn iofunc_write_verify(c: *mut Ctx, m: *mut io_write_t, o: *mut Ocb, nb: *mut c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which covers every pointer iofunc::write_verify dereferences.
    unsafe { iofunc::write_verify(c, m as *mut c_void, o, nb) }
}

/// # Safety
/// `a` and `st` are nil (EINVAL) or an iofunc_attr_t and a writable struct stat; `c` is
/// not used.
#[no_mangle]
pub unsafe extern "C" fn iofunc_stat(c: *mut Ctx, a: *mut Attr, st: *mut libc::stat) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which covers every pointer iofunc::stat dereferences.
    unsafe { iofunc::stat(c, a, st) }
}

/// # Safety
/// None beyond the C ABI: no argument is dereferenced.
#[no_mangle]
pub unsafe extern "C" fn iofunc_time_update(a: *mut Attr) -> c_int {
    // SAFETY: iofunc::time_update dereferences none of its arguments.
    unsafe { iofunc::time_update(a) }
}

/// # Safety
/// `m` and `a` are nil (EINVAL) or the open message and the file's attributes (written
/// on O_TRUNC), `c` nil (the effective ids) or the handler's context; `x` is not used.
#[no_mangle]
pub unsafe extern "C" fn iofunc_open_default(c: *mut Ctx, m: *mut io_open_t, a: *mut Attr, x: *mut c_void) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which covers every pointer iofunc::open_default dereferences.
    unsafe { iofunc::open_default(c, m as *mut c_void, a, x) }
}

/// # Safety
/// None beyond the C ABI: no argument is dereferenced.
#[no_mangle]
pub unsafe extern "C" fn iofunc_unlink_default(
    c: *mut Ctx,
    m: *mut io_unlink_t,
    a: *mut Attr,
    x: *mut c_void,
) -> c_int {
    // SAFETY: iofunc::unlink_default dereferences none of its arguments.
    unsafe { iofunc::unlink_default(c, m as *mut c_void, a, x) }
}

// Written out (no macro) so that tests/abi_signatures.rs sees every prototype.
/// # Safety
/// `c`, `m` and `o` are nil or what the library passed the handler that
/// calls this: `o` an OCB (nil is EBADF), `c` a writable context; `m` is not used.
#[no_mangle]
pub unsafe extern "C" fn iofunc_read_default(c: *mut Ctx, m: *mut io_read_t, o: *mut Ocb) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which covers every pointer iofunc::read_default dereferences.
    unsafe { iofunc::read_default(c, m as *mut c_void, o) }
}

/// # Safety
/// `c`, `m` and `o` are nil or what the library passed the handler that
/// calls this: `o` an OCB (nil is EBADF), `c` a writable context, `m` a write message.
#[no_mangle]
pub unsafe extern "C" fn iofunc_write_default(c: *mut Ctx, m: *mut io_write_t, o: *mut Ocb) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which covers every pointer iofunc::write_default dereferences.
    unsafe { iofunc::write_default(c, m as *mut c_void, o) }
}

/// # Safety
/// `o` is nil or an OCB whose `attr` is nil or a writable iofunc_attr_t (its open counts
/// drop); `c` and `m` are not used.
#[no_mangle]
pub unsafe extern "C" fn iofunc_close_ocb_default(c: *mut Ctx, m: *mut c_void, o: *mut Ocb) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which covers every pointer iofunc::close_ocb_default dereferences.
    unsafe { iofunc::close_ocb_default(c, m, o) }
}

/// # Safety
/// None beyond the C ABI: no argument is dereferenced.
#[no_mangle]
pub unsafe extern "C" fn iofunc_close_dup_default(c: *mut Ctx, m: *mut io_close_t, o: *mut Ocb) -> c_int {
    // SAFETY: iofunc::ok_default dereferences none of its arguments.
    unsafe { iofunc::ok_default(c, m as *mut c_void, o) }
}

/// # Safety
/// `c`, `m` and `o` are nil or what the library passed the handler that
/// calls this: `m` a stat message (its reply is written), `o` an OCB whose `attr` is
/// nil or an iofunc_attr_t (any nil is EINVAL); `c` is not used.
#[no_mangle]
pub unsafe extern "C" fn iofunc_stat_default(c: *mut Ctx, m: *mut io_stat_t, o: *mut Ocb) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which covers every pointer iofunc::stat_default dereferences.
    unsafe { iofunc::stat_default(c, m as *mut c_void, o) }
}

/// # Safety
/// None beyond the C ABI: no argument is dereferenced.
#[no_mangle]
pub unsafe extern "C" fn iofunc_devctl_default(c: *mut Ctx, m: *mut io_devctl_t, o: *mut Ocb) -> c_int {
    // SAFETY: iofunc::devctl_default dereferences none of its arguments.
    unsafe { iofunc::devctl_default(c, m as *mut c_void, o) }
}

/// # Safety
/// `c`, `m` and `o` are nil or what the library passed the handler that
/// calls this: `m` an lseek message (its reply is written), `o` an OCB whose `attr`
/// is nil or an iofunc_attr_t (any nil is EINVAL); `c` is not used.
#[no_mangle]
pub unsafe extern "C" fn iofunc_lseek_default(c: *mut Ctx, m: *mut io_lseek_t, o: *mut Ocb) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which covers every pointer iofunc::lseek_default dereferences.
    unsafe { iofunc::lseek_default(c, m as *mut c_void, o) }
}

/// # Safety
/// `c`, `m` and `o` are nil or what the library passed the handler that
/// calls this: `m` a chmod message, `o` an OCB whose `attr` is nil or a writable
/// iofunc_attr_t (a nil `m`, `o` or `attr` is EINVAL), `c` nil (the effective ids) or a context.
#[no_mangle]
pub unsafe extern "C" fn iofunc_chmod_default(c: *mut Ctx, m: *mut io_chmod_t, o: *mut Ocb) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which covers every pointer iofunc::chmod_default dereferences.
    unsafe { iofunc::chmod_default(c, m as *mut c_void, o) }
}

/// # Safety
/// As for iofunc_chmod_default, with a chown message.
#[no_mangle]
pub unsafe extern "C" fn iofunc_chown_default(c: *mut Ctx, m: *mut io_chown_t, o: *mut Ocb) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which covers every pointer iofunc::chown_default dereferences.
    unsafe { iofunc::chown_default(c, m as *mut c_void, o) }
}

/// # Safety
/// As for iofunc_chmod_default, with a utime message.
#[no_mangle]
pub unsafe extern "C" fn iofunc_utime_default(c: *mut Ctx, m: *mut io_utime_t, o: *mut Ocb) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which covers every pointer iofunc::utime_default dereferences.
    unsafe { iofunc::utime_default(c, m as *mut c_void, o) }
}

/// # Safety
/// None beyond the C ABI: no argument is dereferenced.
#[no_mangle]
pub unsafe extern "C" fn iofunc_space_default(c: *mut Ctx, m: *mut io_space_t, o: *mut Ocb) -> c_int {
    // SAFETY: iofunc::space_default dereferences none of its arguments.
    unsafe { iofunc::space_default(c, m as *mut c_void, o) }
}

/// # Safety
/// None beyond the C ABI: no argument is dereferenced.
#[no_mangle]
pub unsafe extern "C" fn iofunc_sync_default(c: *mut Ctx, m: *mut io_sync_t, o: *mut Ocb) -> c_int {
    // SAFETY: iofunc::ok_default dereferences none of its arguments.
    unsafe { iofunc::ok_default(c, m as *mut c_void, o) }
}

/// # Safety
/// None beyond the C ABI: no argument is dereferenced.
#[no_mangle]
pub unsafe extern "C" fn iofunc_unblock_default(c: *mut Ctx, m: *mut c_void, o: *mut Ocb) -> c_int {
    // SAFETY: iofunc::unblock_default dereferences none of its arguments.
    unsafe { iofunc::unblock_default(c, m, o) }
}

/// # Safety
/// None beyond the C ABI: no argument is dereferenced.
#[no_mangle]
pub unsafe extern "C" fn iofunc_enosys_default(c: *mut Ctx, m: *mut c_void, o: *mut Ocb) -> c_int {
    // SAFETY: iofunc::enosys_default dereferences none of its arguments.
    unsafe { iofunc::enosys_default(c, m, o) }
}

/// # Safety
/// `dir` is nil (the default directory) or a NUL-terminated string; `file` is nil (a
/// bad name, EINVAL) or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn file2chan(dir: *mut c_char, file: *mut c_char) -> *mut FileIO {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which covers every pointer f2c::file2chan dereferences.
    unsafe { f2c::file2chan(dir, file) }
}

/// # Safety
/// `f` is nil (reported, -1) or a FileIO from file2chan whose `priv` is untouched (it is
/// never freed, so a second close is reported).
#[no_mangle]
pub unsafe extern "C" fn file2chanclose(f: *mut FileIO) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section),
    // which covers every pointer f2c::file2chanclose dereferences.
    unsafe { f2c::file2chanclose(f) }
}

/// # Safety
/// `f` is nil (reported, -1) or a FileIO from file2chan whose `priv` is untouched.
#[no_mangle]
pub unsafe extern "C" fn file2chantimeout(f: *mut FileIO, ms: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { f2c::file2chantimeout(f, ms) }
}
