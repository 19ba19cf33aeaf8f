//! thread.h: channels and alt.

use crate::chan::alt::{self, Alt};
use crate::chan::{self, Channel};
use core::ffi::{c_char, c_int, c_ulong, c_void};

#[no_mangle]
pub extern "C" fn chancreate(elemsize: c_int, elemcnt: c_int) -> *mut Channel {
    chan::create(elemsize, elemcnt)
}

#[no_mangle]
pub extern "C" fn chanfree(c: *mut Channel) {
    chan::free(c)
}

#[no_mangle]
pub extern "C" fn chanclose(c: *mut Channel) -> c_int {
    chan::close(c)
}

#[no_mangle]
pub extern "C" fn chanclosing(c: *mut Channel) -> c_int {
    chan::closing(c)
}

/// chansetname's bridge (the C shim formats the name with vsmprint).
///
/// # Safety
/// `name` is nil or a NUL-terminated string from malloc, which the channel takes over
/// (it is freed, also when `c` is nil, freed or not a channel: that is reported).
#[no_mangle]
pub unsafe extern "C" fn thread9_rt_chansetname(c: *mut Channel, name: *mut c_char) {
    chan::setname(c, name)
}

#[no_mangle]
pub extern "C" fn chanalt(a: *mut Alt) -> c_int {
    alt::alt(a, 0, "alt")
}

#[no_mangle]
pub extern "C" fn chansend(c: *mut Channel, v: *mut c_void) -> c_int {
    chan::op1(c, true, v as *mut u8, true, "send")
}

#[no_mangle]
pub extern "C" fn chanrecv(c: *mut Channel, v: *mut c_void) -> c_int {
    chan::op1(c, false, v as *mut u8, true, "recv")
}

#[no_mangle]
pub extern "C" fn channbsend(c: *mut Channel, v: *mut c_void) -> c_int {
    chan::op1(c, true, v as *mut u8, false, "nbsend")
}

#[no_mangle]
pub extern "C" fn channbrecv(c: *mut Channel, v: *mut c_void) -> c_int {
    chan::op1(c, false, v as *mut u8, false, "nbrecv")
}

#[no_mangle]
pub extern "C" fn chansendp(c: *mut Channel, v: *mut c_void) -> c_int {
    chan::send_word(c, v as usize, true, "sendp")
}

#[no_mangle]
pub extern "C" fn chansendul(c: *mut Channel, v: c_ulong) -> c_int {
    chan::send_word(c, v as usize, true, "sendul")
}

#[no_mangle]
pub extern "C" fn channbsendp(c: *mut Channel, v: *mut c_void) -> c_int {
    chan::send_word(c, v as usize, false, "nbsendp")
}

#[no_mangle]
pub extern "C" fn channbsendul(c: *mut Channel, v: c_ulong) -> c_int {
    chan::send_word(c, v as usize, false, "nbsendul")
}

#[no_mangle]
pub extern "C" fn chanrecvp(c: *mut Channel) -> *mut c_void {
    chan::recv_word(c, true, "recvp") as *mut c_void
}

#[no_mangle]
pub extern "C" fn chanrecvul(c: *mut Channel) -> c_ulong {
    chan::recv_word(c, true, "recvul") as c_ulong
}

#[no_mangle]
pub extern "C" fn channbrecvp(c: *mut Channel) -> *mut c_void {
    chan::recv_word(c, false, "nbrecvp") as *mut c_void
}

#[no_mangle]
pub extern "C" fn channbrecvul(c: *mut Channel) -> c_ulong {
    chan::recv_word(c, false, "nbrecvul") as c_ulong
}
