//! thread.h: ioproc(3).

use crate::io::ioproc::{self, COp, Ioproc};
use core::ffi::{c_char, c_int, c_long, c_void};

#[no_mangle]
pub extern "C" fn ioproc() -> *mut Ioproc {
    ioproc::create()
}

#[no_mangle]
pub extern "C" fn closeioproc(io: *mut Ioproc) {
    ioproc::close(io)
}

#[no_mangle]
pub extern "C" fn iointerrupt(io: *mut Ioproc) {
    ioproc::interrupt(io)
}

/// iocall's bridge: the C shim passes its own `va_list` as `args`.
///
/// # Safety
/// `op` is nil (reported, -1) or a function that may run in the ioproc's OS thread
/// with `args`, which stays valid until this returns; `io` is checked (nil, closed or
/// not from ioproc() is reported).
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_iocall(io: *mut Ioproc, op: Option<COp>, args: *mut c_void) -> c_long {
    ioproc::iocall(io, op, args) as c_long
}

#[no_mangle]
pub extern "C" fn ioclose(io: *mut Ioproc, fd: c_int) -> c_int {
    ioproc::ioclose(io, fd) as c_int
}

#[no_mangle]
pub extern "C" fn thread9_rt_iodial(
    io: *mut Ioproc,
    addr: *const c_char,
    local: *const c_char,
    _dir: *mut c_char,
    _cdfp: *mut c_int,
) -> c_int {
    ioproc::iodial(io, addr, local) as c_int
}

#[no_mangle]
pub extern "C" fn ioopen(io: *mut Ioproc, path: *const c_char, mode: c_int) -> c_int {
    ioproc::ioopen(io, path, mode) as c_int
}

#[no_mangle]
pub extern "C" fn ioread(io: *mut Ioproc, fd: c_int, a: *mut c_void, n: c_long) -> c_long {
    ioproc::ioread(io, fd, a, n) as c_long
}

#[no_mangle]
pub extern "C" fn ioreadn(io: *mut Ioproc, fd: c_int, a: *mut c_void, n: c_long) -> c_long {
    ioproc::ioreadn(io, fd, a, n) as c_long
}

#[no_mangle]
pub extern "C" fn iowrite(io: *mut Ioproc, fd: c_int, a: *mut c_void, n: c_long) -> c_long {
    ioproc::iowrite(io, fd, a, n) as c_long
}

#[no_mangle]
pub extern "C" fn iosleep(io: *mut Ioproc, ms: c_long) -> c_int {
    ioproc::iosleep(io, ms) as c_int
}

#[no_mangle]
pub extern "C" fn ioread9pmsg(io: *mut Ioproc, fd: c_int, a: *mut c_void, n: c_int) -> c_int {
    ioproc::ioread9pmsg(io, fd, a, n) as c_int
}

#[no_mangle]
pub extern "C" fn iosendfd(io: *mut Ioproc, s: c_int, fd: c_int) -> c_int {
    ioproc::iosendfd(io, s, fd) as c_int
}

#[no_mangle]
pub extern "C" fn iorecvfd(io: *mut Ioproc, s: c_int) -> c_int {
    ioproc::iorecvfd(io, s) as c_int
}

#[no_mangle]
pub extern "C" fn ioflush(io: *mut Ioproc) -> c_int {
    ioproc::ioflush(io) as c_int
}
