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

#[no_mangle]
pub unsafe extern "C" fn resmgr_mount(dir: *const c_char, flags: c_uint) -> *mut dispatch_t {
    unsafe { resmgr::resmgr_mount(dir, flags) as *mut dispatch_t }
}

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
    unsafe { resmgr::resmgr_attach(dpp as *mut c_void, attr, path, ftype as c_int, flags, cf, io, handle) }
}

#[no_mangle]
pub unsafe extern "C" fn resmgr_detach(dpp: *mut dispatch_t, id: c_int, flags: c_uint) -> c_int {
    unsafe { resmgr::resmgr_detach(dpp as *mut c_void, id, flags) }
}

#[no_mangle]
pub unsafe extern "C" fn resmgr_unmount(dpp: *mut dispatch_t) -> c_int {
    unsafe { resmgr::resmgr_unmount(dpp as *mut c_void) }
}

#[no_mangle]
pub unsafe extern "C" fn resmgr_path(dpp: *mut dispatch_t, id: c_int) -> *const c_char {
    unsafe { resmgr::resmgr_path(dpp as *mut c_void, id) }
}

#[no_mangle]
pub unsafe extern "C" fn resmgr_reply(rcvid: i64, status: c_long, buf: *const c_void, n: usize) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
    unsafe {
        let d = if buf.is_null() || n == 0 {
            Vec::new()
        } else {
            core::slice::from_raw_parts(buf as *const u8, n).to_vec()
        };
        resmgr::reply(rcvid, status, d)
    }
}

#[no_mangle]
pub unsafe extern "C" fn resmgr_replyv(rcvid: i64, status: c_long, iov: *const libc::iovec, niov: c_int) -> c_int {
    // SAFETY: the C caller passes what this function's man page requires
    // (valid pointers and NUL-terminated strings where it takes them).
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

#[no_mangle]
pub unsafe extern "C" fn resmgr_msgread(ctp: *mut Ctx, buf: *mut c_void, n: usize, off: usize) -> c_long {
    unsafe { resmgr::msgread(ctp, buf, n, off) }
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_func_init(nc: u32, c: *mut ConnectFuncs, nio: u32, io: *mut IoFuncs) {
    unsafe { iofunc::func_init(nc, c, nio, io) }
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_attr_init(a: *mut Attr, mode: u32, d: *mut Attr, info: *mut ClientInfo) {
    unsafe { iofunc::attr_init(a, mode, d, info) }
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_read_verify(c: *mut Ctx, m: *mut io_read_t, o: *mut Ocb, nb: *mut c_int) -> c_int {
    unsafe { iofunc::read_verify(c, m as *mut c_void, o, nb) }
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_write_verify(c: *mut Ctx, m: *mut io_write_t, o: *mut Ocb, nb: *mut c_int) -> c_int {
    unsafe { iofunc::write_verify(c, m as *mut c_void, o, nb) }
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_stat(c: *mut Ctx, a: *mut Attr, st: *mut libc::stat) -> c_int {
    unsafe { iofunc::stat(c, a, st) }
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_time_update(a: *mut Attr) -> c_int {
    unsafe { iofunc::time_update(a) }
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_open_default(c: *mut Ctx, m: *mut io_open_t, a: *mut Attr, x: *mut c_void) -> c_int {
    unsafe { iofunc::open_default(c, m as *mut c_void, a, x) }
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_unlink_default(
    c: *mut Ctx,
    m: *mut io_unlink_t,
    a: *mut Attr,
    x: *mut c_void,
) -> c_int {
    unsafe { iofunc::unlink_default(c, m as *mut c_void, a, x) }
}

// Written out (no macro) so that tests/abi_signatures.rs sees every prototype.
#[no_mangle]
pub unsafe extern "C" fn iofunc_read_default(c: *mut Ctx, m: *mut io_read_t, o: *mut Ocb) -> c_int {
    unsafe { iofunc::read_default(c, m as *mut c_void, o) }
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_write_default(c: *mut Ctx, m: *mut io_write_t, o: *mut Ocb) -> c_int {
    unsafe { iofunc::write_default(c, m as *mut c_void, o) }
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_close_ocb_default(c: *mut Ctx, m: *mut c_void, o: *mut Ocb) -> c_int {
    unsafe { iofunc::close_ocb_default(c, m, o) }
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_close_dup_default(c: *mut Ctx, m: *mut io_close_t, o: *mut Ocb) -> c_int {
    unsafe { iofunc::ok_default(c, m as *mut c_void, o) }
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_stat_default(c: *mut Ctx, m: *mut io_stat_t, o: *mut Ocb) -> c_int {
    unsafe { iofunc::stat_default(c, m as *mut c_void, o) }
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_devctl_default(c: *mut Ctx, m: *mut io_devctl_t, o: *mut Ocb) -> c_int {
    unsafe { iofunc::devctl_default(c, m as *mut c_void, o) }
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_lseek_default(c: *mut Ctx, m: *mut io_lseek_t, o: *mut Ocb) -> c_int {
    unsafe { iofunc::lseek_default(c, m as *mut c_void, o) }
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_chmod_default(c: *mut Ctx, m: *mut io_chmod_t, o: *mut Ocb) -> c_int {
    unsafe { iofunc::chmod_default(c, m as *mut c_void, o) }
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_chown_default(c: *mut Ctx, m: *mut io_chown_t, o: *mut Ocb) -> c_int {
    unsafe { iofunc::chown_default(c, m as *mut c_void, o) }
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_utime_default(c: *mut Ctx, m: *mut io_utime_t, o: *mut Ocb) -> c_int {
    unsafe { iofunc::utime_default(c, m as *mut c_void, o) }
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_space_default(c: *mut Ctx, m: *mut io_space_t, o: *mut Ocb) -> c_int {
    unsafe { iofunc::space_default(c, m as *mut c_void, o) }
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_sync_default(c: *mut Ctx, m: *mut io_sync_t, o: *mut Ocb) -> c_int {
    unsafe { iofunc::ok_default(c, m as *mut c_void, o) }
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_unblock_default(c: *mut Ctx, m: *mut c_void, o: *mut Ocb) -> c_int {
    unsafe { iofunc::unblock_default(c, m, o) }
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_enosys_default(c: *mut Ctx, m: *mut c_void, o: *mut Ocb) -> c_int {
    unsafe { iofunc::enosys_default(c, m, o) }
}

#[no_mangle]
pub unsafe extern "C" fn file2chan(dir: *mut c_char, file: *mut c_char) -> *mut FileIO {
    unsafe { f2c::file2chan(dir, file) }
}

#[no_mangle]
pub unsafe extern "C" fn file2chanclose(f: *mut FileIO) -> c_int {
    unsafe { f2c::file2chanclose(f) }
}
