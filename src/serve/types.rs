//! The C layouts of include/thread9/resmgr.h and file2chan.h (ABI-checked by
//! ctests/resmgr_abi.c).

use core::ffi::{c_char, c_int, c_long, c_void};

pub const NPARTS_MAX: c_int = 4096;
pub const R_DEFAULT: c_int = -NPARTS_MAX - 1;
pub const R_NOREPLY: c_int = -NPARTS_MAX - 2;

pub const MOUNT_NEWPROC: u32 = 1;
pub const MOUNT_ALLOW_OTHER: u32 = 2;
pub const DETACH_PATHNAME: u32 = 1;

pub const IO_FLAG_RD: i32 = 1;
pub const IO_FLAG_WR: i32 = 2;

pub const IO_CONNECT: u16 = 0x100;
pub const IO_READ: u16 = 0x101;
pub const IO_WRITE: u16 = 0x102;
pub const IO_CLOSE: u16 = 0x103;
pub const IO_STAT: u16 = 0x104;
pub const IO_DEVCTL: u16 = 0x106;
pub const IO_LSEEK: u16 = 0x107;
pub const IO_CHMOD: u16 = 0x108;
pub const IO_CHOWN: u16 = 0x109;
pub const IO_UTIME: u16 = 0x10a;
pub const IO_SPACE: u16 = 0x10b;
pub const IO_SYNC: u16 = 0x10c;
pub const CONNECT_OPEN: u16 = 1;
pub const CONNECT_UNLINK: u16 = 2;
pub const XTYPE_READDIR: u32 = 1;
pub const IO_SPACE_TRUNC: u16 = 1;
pub const IO_SPACE_ALLOC: u16 = 2;

#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct ClientInfo {
    pub tid: i32,
    pub uid: u32,
    pub gid: u32,
}

#[repr(C)]
pub struct Ctx {
    pub rcvid: i64,
    pub id: c_int,
    pub info: ClientInfo,
    pub status: c_long,
    pub niov: c_int,
    pub iov: *mut libc::iovec,
    pub reserved: [*mut c_void; 4],
}

#[repr(C)]
pub struct Attr {
    pub flags: u32,
    pub count: i32,
    pub rcount: i32,
    pub wcount: i32,
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub nlink: u32,
    pub inode: u64,
    pub nbytes: i64,
    pub atime: libc::timespec,
    pub mtime: libc::timespec,
    pub ctime: libc::timespec,
    pub aux: *mut c_void,
    pub reserved: [*mut c_void; 4],
}

#[repr(C)]
pub struct Ocb {
    pub attr: *mut Attr,
    pub ioflag: i32,
    pub offset: i64,
    pub flags: u32,
    pub fid: i32,
    pub aux: *mut c_void,
    pub reserved: [*mut c_void; 4],
}

#[repr(C)]
pub struct RAttr {
    pub flags: u32,
    pub nparts_max: u32,
    pub stacksize: u32,
    pub attr_ttl_ms: u32,
    pub ocb_size: u32,
    pub reply_timeout_ms: u32,
    pub reserved: [u32; 4],
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct Connect {
    pub type_: u16,
    pub subtype: u16,
    pub ioflag: i32,
    pub mode: u32,
    pub path: *const c_char,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct IoRead {
    pub type_: u16,
    pub combine_len: u16,
    pub xtype: u32,
    pub nbytes: i64,
    pub offset: i64,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct IoWrite {
    pub i: IoRead,
    pub data: *mut c_void,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct IoStat {
    pub type_: u16,
    pub combine_len: u16,
    pub zero: u32,
    pub o: libc::stat,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct IoHdr {
    pub type_: u16,
    pub combine_len: u16,
    pub zero: u32,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct IoDevctl {
    pub type_: u16,
    pub combine_len: u16,
    pub dcmd: u32,
    pub nbytes: i32,
    pub zero: i32,
    pub ret_val: i32,
    pub o_nbytes: i32,
    pub o_zero: [i32; 2],
    pub data: *mut c_void,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct IoLseek {
    pub type_: u16,
    pub combine_len: u16,
    pub whence: i16,
    pub zero: i16,
    pub offset: i64,
    pub o: i64,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct IoChmod {
    pub type_: u16,
    pub combine_len: u16,
    pub mode: u32,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct IoChown {
    pub type_: u16,
    pub combine_len: u16,
    pub uid: i32,
    pub gid: i32,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct IoUtime {
    pub type_: u16,
    pub combine_len: u16,
    pub zero: i32,
    pub times: [libc::timespec; 2],
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct IoSpace {
    pub type_: u16,
    pub combine_len: u16,
    pub subtype: u16,
    pub zero: u16,
    pub start: i64,
    pub len: i64,
    pub o: i64,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct IoSync {
    pub type_: u16,
    pub combine_len: u16,
    pub flag: u32,
}

/// Every message a handler can be given; one per job.
#[repr(C)]
#[derive(Clone, Copy)]
pub union Msg {
    pub connect: Connect,
    pub read: IoRead,
    pub write: IoWrite,
    pub stat: IoStat,
    pub hdr: IoHdr,
    pub devctl: IoDevctl,
    pub lseek: IoLseek,
    pub chmod: IoChmod,
    pub chown: IoChown,
    pub utime: IoUtime,
    pub space: IoSpace,
    pub sync: IoSync,
}

/// Handler tables: `nfuncs` then function pointers, read by index (a short
/// `nfuncs` means a NULL tail, as in QNX).
#[repr(C)]
pub struct ConnectFuncs {
    pub nfuncs: u32,
    pub f: [usize; 8],
}

#[repr(C)]
pub struct IoFuncs {
    pub nfuncs: u32,
    pub f: [usize; 18],
    pub reserved: [usize; 8],
}

pub const C_OPEN: usize = 0;
pub const C_UNLINK: usize = 1;
pub const NCONNECT: usize = 8;

pub const F_READ: usize = 0;
pub const F_WRITE: usize = 1;
pub const F_CLOSE_OCB: usize = 2;
pub const F_STAT: usize = 3;
pub const F_NOTIFY: usize = 4;
pub const F_DEVCTL: usize = 5;
pub const F_UNBLOCK: usize = 6;
pub const F_PATHCONF: usize = 7;
pub const F_LSEEK: usize = 8;
pub const F_CHMOD: usize = 9;
pub const F_CHOWN: usize = 10;
pub const F_UTIME: usize = 11;
pub const F_LOCK: usize = 12;
pub const F_SPACE: usize = 13;
pub const F_SYNC: usize = 14;
pub const F_CLOSE_DUP: usize = 15;
pub const F_LOCK_OCB: usize = 16;
pub const F_UNLOCK_OCB: usize = 17;
pub const NIO: usize = 18;

pub const IO_NAMES: [&str; NIO] = [
    "read",
    "write",
    "close_ocb",
    "stat",
    "notify",
    "devctl",
    "unblock",
    "pathconf",
    "lseek",
    "chmod",
    "chown",
    "utime",
    "lock",
    "space",
    "sync",
    "close_dup",
    "lock_ocb",
    "unlock_ocb",
];

/// A connect handler: (ctp, msg, handle, extra).
pub type ConnectFn = unsafe extern "C" fn(*mut Ctx, *mut c_void, *mut Attr, *mut c_void) -> c_int;
/// An I/O handler: (ctp, msg, ocb).
pub type IoFn = unsafe extern "C" fn(*mut Ctx, *mut c_void, *mut Ocb) -> c_int;

// file2chan.h
#[repr(C)]
pub struct FileIO {
    pub read: *mut crate::chan::Channel,
    pub write: *mut crate::chan::Channel,
    pub path: *mut c_char,
    pub priv_: *mut c_void,
}

#[repr(C)]
pub struct Fileread {
    pub offset: i64,
    pub count: c_long,
    pub fid: c_int,
    pub rc: *mut crate::chan::Channel,
}

#[repr(C)]
pub struct Filewrite {
    pub offset: i64,
    pub data: *mut u8,
    pub count: c_long,
    pub fid: c_int,
    pub wc: *mut crate::chan::Channel,
}

#[repr(C)]
pub struct Readreply {
    pub data: *mut c_void,
    pub count: c_long,
    pub err: *mut c_char,
}

#[repr(C)]
pub struct Writereply {
    pub count: c_long,
    pub err: *mut c_char,
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::mem::{offset_of, size_of};

    // The same numbers as ctests/resmgr_abi.c checks on the C side.
    #[test]
    fn layouts() {
        assert_eq!(size_of::<Ctx>(), 80);
        assert_eq!(offset_of!(Ctx, iov), 40);
        assert_eq!(size_of::<Attr>(), 136);
        assert_eq!(offset_of!(Attr, aux), 96);
        assert_eq!(size_of::<Ocb>(), 72);
        assert_eq!(offset_of!(Ocb, fid), 28);
        assert_eq!(size_of::<RAttr>(), 40);
        assert_eq!(size_of::<IoRead>(), 24);
        assert_eq!(size_of::<IoWrite>(), 32);
        assert_eq!(offset_of!(IoDevctl, data), 32);
        assert_eq!(size_of::<IoLseek>(), 24);
        assert_eq!(size_of::<IoSpace>(), 32);
        assert_eq!(size_of::<IoUtime>(), 40);
        assert_eq!(size_of::<Connect>(), 24);
        assert_eq!(size_of::<ConnectFuncs>(), 8 + 8 * NCONNECT);
        assert_eq!(size_of::<IoFuncs>(), 8 + 8 * NIO + 64);
        assert_eq!(size_of::<FileIO>(), 32);
        assert_eq!(size_of::<Fileread>(), 32);
        assert_eq!(size_of::<Filewrite>(), 40);
        assert_eq!(size_of::<Readreply>(), 24);
        assert_eq!(size_of::<Writereply>(), 16);
    }
}
