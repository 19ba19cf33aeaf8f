//! resmgr(3) and file2chan(3): thin C entry points over `crate::serve`.

use crate::serve::types::*;
use crate::serve::{file2chan as f2c, iofunc, resmgr};
use core::ffi::{c_char, c_int, c_long, c_void};

#[no_mangle]
pub unsafe extern "C" fn resmgr_mount(dir: *const c_char, flags: u32) -> *mut c_void {
    resmgr::resmgr_mount(dir, flags)
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn resmgr_attach(
    dpp: *mut c_void,
    attr: *const RAttr,
    path: *const c_char,
    ftype: c_int,
    flags: u32,
    cf: *const ConnectFuncs,
    io: *const IoFuncs,
    handle: *mut Attr,
) -> c_int {
    resmgr::resmgr_attach(dpp, attr, path, ftype, flags, cf, io, handle)
}

#[no_mangle]
pub unsafe extern "C" fn resmgr_detach(dpp: *mut c_void, id: c_int, flags: u32) -> c_int {
    resmgr::resmgr_detach(dpp, id, flags)
}

#[no_mangle]
pub unsafe extern "C" fn resmgr_unmount(dpp: *mut c_void) -> c_int {
    resmgr::resmgr_unmount(dpp)
}

#[no_mangle]
pub unsafe extern "C" fn resmgr_path(dpp: *mut c_void, id: c_int) -> *const c_char {
    resmgr::resmgr_path(dpp, id)
}

#[no_mangle]
pub unsafe extern "C" fn resmgr_reply(rcvid: i64, status: c_long, buf: *const c_void, n: usize) -> c_int {
    let d = if buf.is_null() || n == 0 { Vec::new() } else { core::slice::from_raw_parts(buf as *const u8, n).to_vec() };
    resmgr::reply(rcvid, status, d)
}

#[no_mangle]
pub unsafe extern "C" fn resmgr_replyv(rcvid: i64, status: c_long, iov: *const libc::iovec, niov: c_int) -> c_int {
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

#[no_mangle]
pub extern "C" fn resmgr_error(rcvid: i64, err: c_int) -> c_int {
    resmgr::error(rcvid, err)
}

#[no_mangle]
pub unsafe extern "C" fn resmgr_msgread(ctp: *mut Ctx, buf: *mut c_void, n: usize, off: usize) -> c_long {
    resmgr::msgread(ctp, buf, n, off)
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_func_init(nc: u32, c: *mut ConnectFuncs, nio: u32, io: *mut IoFuncs) {
    iofunc::func_init(nc, c, nio, io)
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_attr_init(a: *mut Attr, mode: u32, d: *mut Attr, info: *mut ClientInfo) {
    iofunc::attr_init(a, mode, d, info)
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_read_verify(c: *mut Ctx, m: *mut c_void, o: *mut Ocb, nb: *mut c_int) -> c_int {
    iofunc::read_verify(c, m, o, nb)
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_write_verify(c: *mut Ctx, m: *mut c_void, o: *mut Ocb, nb: *mut c_int) -> c_int {
    iofunc::write_verify(c, m, o, nb)
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_stat(c: *mut Ctx, a: *mut Attr, st: *mut libc::stat) -> c_int {
    iofunc::stat(c, a, st)
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_time_update(a: *mut Attr) -> c_int {
    iofunc::time_update(a)
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_open_default(c: *mut Ctx, m: *mut c_void, a: *mut Attr, x: *mut c_void) -> c_int {
    iofunc::open_default(c, m, a, x)
}

#[no_mangle]
pub unsafe extern "C" fn iofunc_unlink_default(c: *mut Ctx, m: *mut c_void, a: *mut Attr, x: *mut c_void) -> c_int {
    iofunc::unlink_default(c, m, a, x)
}

macro_rules! io_default {
    ($($name:ident => $f:ident),* $(,)?) => {$(
        #[no_mangle]
        pub unsafe extern "C" fn $name(c: *mut Ctx, m: *mut c_void, o: *mut Ocb) -> c_int {
            iofunc::$f(c, m, o)
        }
    )*};
}

io_default! {
    iofunc_read_default => read_default,
    iofunc_write_default => write_default,
    iofunc_close_ocb_default => close_ocb_default,
    iofunc_close_dup_default => ok_default,
    iofunc_stat_default => stat_default,
    iofunc_devctl_default => devctl_default,
    iofunc_lseek_default => lseek_default,
    iofunc_chmod_default => chmod_default,
    iofunc_chown_default => chown_default,
    iofunc_utime_default => utime_default,
    iofunc_space_default => space_default,
    iofunc_sync_default => ok_default,
    iofunc_unblock_default => unblock_default,
    iofunc_enosys_default => enosys_default,
}

#[no_mangle]
pub unsafe extern "C" fn file2chan(dir: *mut c_char, file: *mut c_char) -> *mut FileIO {
    f2c::file2chan(dir, file)
}

#[no_mangle]
pub unsafe extern "C" fn file2chanclose(f: *mut FileIO) -> c_int {
    f2c::file2chanclose(f)
}
