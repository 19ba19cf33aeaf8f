//! The exported C ABI: every `#[no_mangle]` function of the library is here (the C
//! shim in src/c adds the variadic entry points and `main`), each one call into the
//! layer that implements it. tests/abi_signatures.rs checks each prototype against
//! include/thread9. Bridges called only by the C shim carry the `thread9_rt_` prefix
//! and are hidden from the dynamic symbol table (STV_HIDDEN beats rustc's export
//! list). `*_exports.rs` are the entry points of the io, lib9 and process layers.

pub mod chan;
pub mod debug;
pub mod io;
pub mod io_exports;
pub mod lib9_exports;
pub mod poll;
pub mod process_exports;
pub mod serve;
pub mod thread;

core::arch::global_asm!(
    ".hidden thread9_rt_main",
    ".hidden thread9_rt_setname",
    ".hidden thread9_rt_nomem",
    ".hidden thread9_rt_setstate",
    ".hidden thread9_rt_chansetname",
    ".hidden thread9_rt_iocall",
    // lib9 (src/lib9, src/c/lib9.c)
    ".hidden thread9_rt_lock",
    ".hidden thread9_rt_unlock",
    ".hidden thread9_rt_qlock",
    ".hidden thread9_rt_qunlock",
    ".hidden thread9_rt_rlock",
    ".hidden thread9_rt_wlock",
    ".hidden thread9_rt_runlock",
    ".hidden thread9_rt_wunlock",
    ".hidden thread9_rt_rsleep",
    ".hidden thread9_rt_rwakeup",
    ".hidden thread9_rt_pin",
    ".hidden thread9_rt_unpin",
    ".hidden thread9_rt_fatal",
    ".hidden thread9_rt_sigstr",
    ".hidden thread9_rt_strsig",
    ".hidden thread9_rt_atnotify_run",
    ".hidden thread9_rt_fdprint",
    ".hidden thread9_rt_snprint",
    ".hidden thread9_rt_seprint",
    ".hidden thread9_rt_smprint",
    ".hidden thread9_rt_fmtvprint",
    ".hidden thread9_rt_werrstr",
    ".hidden thread9_rt_nilfmt",
    ".hidden thread9_rt_errbuf",
    ".hidden thread9_rt_threadexec",
    ".hidden thread9_rt_nss_users",
    ".hidden thread9_rt_nss_net",
    ".hidden thread9_rt_dirstat",
    ".hidden thread9_rt_dirfstat",
    ".hidden thread9_rt_dirread",
    ".hidden thread9_rt_dirreadall",
    ".hidden thread9_rt_getuser",
    ".hidden thread9_rt_p9dial",
    ".hidden thread9_rt_p9announce",
    ".hidden thread9_rt_p9dialparse",
    ".hidden thread9_rt_iodial",
    ".hidden thread9_rt_threadannounce",
);
