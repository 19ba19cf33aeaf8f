//! The debugger's map of the runtime: `thread9_debug_info` (exported by src/abi/debug.rs)
//! tells tools/libthread-gdb.py where the proc list is and where each field it shows
//! lives in a Proc, a Thread and a Channel, so that the gdb extension needs no DWARF
//! type information for Rust types (the release build carries line tables only) and
//! keeps working when fields move. Nothing here runs: the table is built at compile
//! time and read by the debugger from memory (a live process or a core file).
//!
//! Layout (version 1; every integer is native-endian, pointers are the target's):
//! ```text
//! struct thread9_debug_info {
//!     char magic[8];                 /* "thread9" */
//!     uint32_t version, size;        /* 1, sizeof(struct thread9_debug_info) */
//!     void **procs;                  /* the head of the proc list (Proc.pnext links) */
//!     uint32_t proc_size, thread_size;
//!     const struct thread9_field *proc_fields, *thread_fields, *chan_fields;
//!     uint32_t nproc_fields, nthread_fields, nchan_fields, nwait;
//!     const char *const *wait_names; /* Thread.wait values, by number */
//! };
//! struct thread9_field { const char *name; uint32_t offset; uint16_t kind, size; };
//! ```
//! A reader looks fields up by name and omits what it does not find; fields may be
//! appended to the tables without a version change.

use crate::runtime::proc::Proc;
use crate::runtime::thread::{Co, Thread};
use core::ffi::{c_char, CStr};
use core::mem::{offset_of, size_of};

/// A signed 32-bit integer.
pub const K_I32: u16 = 1;
/// An unsigned integer of `size` bytes (1, 4 or 8).
pub const K_UINT: u16 = 2;
/// A byte that is 0 or 1.
pub const K_BOOL: u16 = 3;
/// A pointer or address.
pub const K_PTR: u16 = 4;
/// A pointer to a NUL-terminated byte buffer, null for none (names, states).
pub const K_STRPTR: u16 = 5;
/// A NUL-terminated byte array of `size` bytes held in place.
pub const K_STRBUF: u16 = 6;
/// A `Thread.wait` byte: an index into `wait_names`.
pub const K_WAIT: u16 = 7;
/// The coroutine (`size` bytes): holds the saved stack pointer of a suspended thread,
/// the one word of it strictly inside the thread's stack and below the initial one.
pub const K_CORO: u16 = 8;

#[repr(C)]
pub struct Field {
    pub name: *const c_char,
    pub offset: u32,
    pub kind: u16,
    pub size: u16,
}

#[repr(C)]
pub struct DebugInfo {
    pub magic: [u8; 8],
    pub version: u32,
    pub size: u32,
    pub procs: *const *mut Proc,
    pub proc_size: u32,
    pub thread_size: u32,
    pub proc_fields: *const Field,
    pub thread_fields: *const Field,
    pub chan_fields: *const Field,
    pub nproc_fields: u32,
    pub nthread_fields: u32,
    pub nchan_fields: u32,
    pub nwait: u32,
    pub wait_names: *const *const c_char,
}

// SAFETY: the table is immutable and points only at immutable data and at the proc
// list head, which the program never reads through it.
unsafe impl Sync for DebugInfo {}
// SAFETY: as for DebugInfo.
unsafe impl Sync for Field {}

const fn f(name: &'static CStr, offset: usize, kind: u16, size: usize) -> Field {
    Field { name: name.as_ptr(), offset: offset as u32, kind, size: size as u16 }
}

// Options of boxes are one pointer (null for None): read as K_STRPTR.
const _: () = assert!(size_of::<Option<Box<[u8; 256]>>>() == size_of::<usize>());
const P: usize = size_of::<usize>();

static PROC_FIELDS: [Field; 11] = [
    f(c"id", offset_of!(Proc, id), K_UINT, 4),
    f(c"tid", offset_of!(Proc, tid), K_UINT, 4),
    f(c"sys", offset_of!(Proc, sys), K_BOOL, 1),
    f(c"is_main", offset_of!(Proc, is_main), K_BOOL, 1),
    f(c"cur", offset_of!(Proc, cur), K_PTR, P),
    f(c"host", offset_of!(Proc, host), K_PTR, P),
    f(c"nthreads", offset_of!(Proc, nthreads), K_UINT, P),
    f(c"sleeping", offset_of!(Proc, sleeping), K_UINT, 4),
    f(c"reg_head", offset_of!(Proc, reg_head), K_PTR, P),
    f(c"pnext", offset_of!(Proc, pnext), K_PTR, P),
    f(c"exitmsg", offset_of!(Proc, exitmsg), K_STRBUF, 128),
];

static THREAD_FIELDS: [Field; 16] = [
    f(c"id", offset_of!(Thread, id), K_I32, 4),
    f(c"grp", offset_of!(Thread, grp), K_I32, 4),
    f(c"proc", offset_of!(Thread, proc), K_PTR, P),
    f(c"co", offset_of!(Thread, co), K_CORO, size_of::<Option<Co>>()),
    f(c"sel", offset_of!(Thread, sel), K_UINT, 4),
    f(c"killed", offset_of!(Thread, killed), K_BOOL, 1),
    f(c"name", offset_of!(Thread, name), K_STRPTR, 256),
    f(c"state", offset_of!(Thread, state), K_STRPTR, 256),
    f(c"wait", offset_of!(Thread, wait), K_WAIT, 1),
    f(c"waitchan", offset_of!(Thread, waitchan), K_PTR, P),
    f(c"func", offset_of!(Thread, func), K_PTR, P),
    f(c"stack_lo", offset_of!(Thread, stack_lo), K_UINT, P),
    f(c"stack_size", offset_of!(Thread, stack_size), K_UINT, P),
    f(c"rnext", offset_of!(Thread, rnext), K_PTR, P),
    f(c"creator", offset_of!(Thread, creator), K_PTR, P),
    f(c"since", offset_of!(Thread, since), K_UINT, 4),
];

/// The Channel fields (its layout is plan9port's, fixed by the ABI), from the chan
/// layer's offsets given by the caller (src/abi/debug.rs).
pub const fn chan_fields(name: usize) -> [Field; 1] {
    [f(c"name", name, K_STRPTR, 0)]
}

/// Thread.wait names by value (runtime::thread::Wait, in order).
static WAIT_NAMES: [WaitName; 10] = [
    WaitName(c"ready".as_ptr()),
    WaitName(c"send".as_ptr()),
    WaitName(c"recv".as_ptr()),
    WaitName(c"alt".as_ptr()),
    WaitName(c"sleep".as_ptr()),
    WaitName(c"lock".as_ptr()),
    WaitName(c"iocall".as_ptr()),
    WaitName(c"idle".as_ptr()),
    WaitName(c"fd".as_ptr()),
    WaitName(c"exec".as_ptr()),
];
#[repr(transparent)]
struct WaitName(*const c_char);
// SAFETY: points at a string literal.
unsafe impl Sync for WaitName {}
const _: () = assert!(crate::runtime::thread::Wait::Exec as usize + 1 == WAIT_NAMES.len());

/// The table, given the chan layer's fields.
pub const fn info(chan: &'static [Field]) -> DebugInfo {
    DebugInfo {
        magic: *b"thread9\0",
        version: 1,
        size: size_of::<DebugInfo>() as u32,
        procs: crate::runtime::proc::procs_head(),
        proc_size: size_of::<Proc>() as u32,
        thread_size: size_of::<Thread>() as u32,
        proc_fields: PROC_FIELDS.as_ptr(),
        thread_fields: THREAD_FIELDS.as_ptr(),
        chan_fields: chan.as_ptr(),
        nproc_fields: PROC_FIELDS.len() as u32,
        nthread_fields: THREAD_FIELDS.len() as u32,
        nchan_fields: chan.len() as u32,
        nwait: WAIT_NAMES.len() as u32,
        wait_names: WAIT_NAMES.as_ptr() as *const *const c_char,
    }
}
