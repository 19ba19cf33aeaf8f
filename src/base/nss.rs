//! The name-service calls (passwd and group lookups, getaddrinfo), reached through
//! pointers that the C objects src/c/nss_user.c and src/c/nss_net.c register when they
//! are linked. Those objects also define the exports that need the calls (getuser and
//! the dir* calls; dial, announce and the like), so in a static link only a program
//! that calls one of those pulls glibc's NSS code, whose use in a static program glibc
//! warns about at link time. The shared library links every object, so it always has
//! them. Without a registered pointer a lookup finds nothing: ids print as numbers,
//! the user is "none", host and service names do not resolve.

use core::ffi::{c_char, c_int, c_void};
use core::sync::atomic::{AtomicUsize, Ordering};

type GetPwUid =
    unsafe extern "C" fn(libc::uid_t, *mut libc::passwd, *mut c_char, libc::size_t, *mut *mut libc::passwd) -> c_int;
type GetGrGid =
    unsafe extern "C" fn(libc::gid_t, *mut libc::group, *mut c_char, libc::size_t, *mut *mut libc::group) -> c_int;
type GetAddrInfo =
    unsafe extern "C" fn(*const c_char, *const c_char, *const libc::addrinfo, *mut *mut libc::addrinfo) -> c_int;
type FreeAddrInfo = unsafe extern "C" fn(*mut libc::addrinfo);

static PWUID: AtomicUsize = AtomicUsize::new(0);
static GRGID: AtomicUsize = AtomicUsize::new(0);
static GAI: AtomicUsize = AtomicUsize::new(0);
static FAI: AtomicUsize = AtomicUsize::new(0);

/// Registers getpwuid_r and getgrgid_r (src/c/nss_user.c).
///
/// # Safety
/// `pw` and `gr` are glibc's getpwuid_r and getgrgid_r (or functions of their types).
pub unsafe fn set_users(pw: *const c_void, gr: *const c_void) {
    PWUID.store(pw as usize, Ordering::Release);
    GRGID.store(gr as usize, Ordering::Release);
}

/// Registers getaddrinfo and freeaddrinfo (src/c/nss_net.c).
///
/// # Safety
/// `gai` and `fai` are glibc's getaddrinfo and freeaddrinfo (or functions of their types).
pub unsafe fn set_net(gai: *const c_void, fai: *const c_void) {
    GAI.store(gai as usize, Ordering::Release);
    FAI.store(fai as usize, Ordering::Release);
}

/// getpwuid_r, or ENOENT when it is not linked.
///
/// # Safety
/// As for getpwuid_r: `pw`, `buf` (`n` bytes) and `res` are writable.
pub unsafe fn getpwuid_r(
    uid: libc::uid_t,
    pw: *mut libc::passwd,
    buf: *mut c_char,
    n: usize,
    res: *mut *mut libc::passwd,
) -> c_int {
    match PWUID.load(Ordering::Acquire) {
        0 => libc::ENOENT,
        f => {
            // SAFETY: only set_users stores here, getpwuid_r by its contract; the caller upholds
            // getpwuid_r's contract.
            unsafe { core::mem::transmute::<usize, GetPwUid>(f)(uid, pw, buf, n, res) }
        }
    }
}

/// getgrgid_r, or ENOENT when it is not linked.
///
/// # Safety
/// As for getgrgid_r: `gr`, `buf` (`n` bytes) and `res` are writable.
pub unsafe fn getgrgid_r(
    gid: libc::gid_t,
    gr: *mut libc::group,
    buf: *mut c_char,
    n: usize,
    res: *mut *mut libc::group,
) -> c_int {
    match GRGID.load(Ordering::Acquire) {
        0 => libc::ENOENT,
        f => {
            // SAFETY: only set_users stores here, getgrgid_r by its contract; the caller upholds
            // getgrgid_r's contract.
            unsafe { core::mem::transmute::<usize, GetGrGid>(f)(gid, gr, buf, n, res) }
        }
    }
}

/// getaddrinfo, or EAI_FAIL when it is not linked.
///
/// # Safety
/// As for getaddrinfo.
pub unsafe fn getaddrinfo(
    node: *const c_char,
    service: *const c_char,
    hints: *const libc::addrinfo,
    res: *mut *mut libc::addrinfo,
) -> c_int {
    match GAI.load(Ordering::Acquire) {
        0 => libc::EAI_FAIL,
        f => {
            // SAFETY: only set_net stores here, getaddrinfo by its contract; the caller upholds
            // getaddrinfo's contract.
            unsafe { core::mem::transmute::<usize, GetAddrInfo>(f)(node, service, hints, res) }
        }
    }
}

/// freeaddrinfo of a list getaddrinfo (above) returned.
///
/// # Safety
/// `res` came from `getaddrinfo` and is freed once.
pub unsafe fn freeaddrinfo(res: *mut libc::addrinfo) {
    let f = FAI.load(Ordering::Acquire);
    if f != 0 {
        // SAFETY: only set_net stores here, freeaddrinfo by its contract; the caller upholds its contract.
        unsafe { core::mem::transmute::<usize, FreeAddrInfo>(f)(res) }
    }
}
