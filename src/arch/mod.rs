//! What depends on the instruction set: this OS thread's TLS slots (its proc, the
//! note-handler depth) and the hook word that the fast paths test. On x86-64 they are
//! read with two instructions from initial-exec TLS and PC-relative data defined in
//! src/c/tls.c and src/c/sanitizer.c; other targets call the C accessors instead.

use core::ffi::c_void;

extern "C" {
    /// Bits of what the fast paths must step aside for (src/c/sanitizer.c).
    static mut thread9_hooks: i32;
}
#[cfg(not(target_arch = "x86_64"))]
extern "C" {
    fn thread9_c_tls_proc() -> *mut c_void;
    fn thread9_c_tls_setproc(p: *mut c_void);
    fn thread9_c_tls_innote() -> i32;
}

pub const HOOK_ASAN: i32 = 1;
pub const HOOK_TSAN: i32 = 2;
pub const HOOK_TRACE: i32 = 4;

/// The hook bits: zero when no sanitizer runs and tracing is off. Read PC-relative
/// (the variable is hidden in this library), not through the GOT as an extern static
/// would be: this load is on every channel operation and switch.
#[inline(always)]
pub fn hooks() -> i32 {
    #[cfg(target_arch = "x86_64")]
    {
        let h: i32;
        // SAFETY: reads a hidden int of this library, written only before the program's
        // threads exist.
        unsafe {
            core::arch::asm!(
                "mov {0:e}, dword ptr [rip + thread9_hooks]",
                out(reg) h,
                options(nostack, readonly, preserves_flags, pure)
            );
        }
        h
    }
    #[cfg(not(target_arch = "x86_64"))]
    // SAFETY: as above, through the symbol.
    unsafe {
        core::ptr::read_volatile(core::ptr::addr_of!(thread9_hooks))
    }
}

/// Sets hook bits. Only at start-up, before any other thread of ours reads them.
pub fn set_hooks(bits: i32) {
    // SAFETY: start-up only (see above); a plain store to our own variable.
    unsafe { thread9_hooks |= bits };
}

/// This OS thread's proc (null outside procs), as an untyped pointer: the runtime
/// layer gives it its type. The variable lives in initial-exec TLS defined by
/// src/c/tls.c: two instructions, no __tls_get_addr call.
#[inline(always)]
pub fn proc_slot() -> *mut c_void {
    #[cfg(target_arch = "x86_64")]
    {
        let p: *mut c_void;
        // SAFETY: reads this OS thread's slot of a hidden initial-exec TLS variable.
        unsafe {
            core::arch::asm!(
                "mov {0}, qword ptr [rip + thread9_tls_proc@GOTTPOFF]",
                "mov {0}, qword ptr fs:[{0}]",
                out(reg) p,
                options(nostack, readonly, preserves_flags, pure)
            );
        }
        p
    }
    #[cfg(not(target_arch = "x86_64"))]
    // SAFETY: the C accessor reads the same TLS variable.
    unsafe {
        thread9_c_tls_proc()
    }
}

/// Sets this OS thread's proc slot.
#[inline]
pub fn set_proc_slot(p: *mut c_void) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: writes this OS thread's slot of the same TLS variable.
    unsafe {
        core::arch::asm!(
            "mov {t}, qword ptr [rip + thread9_tls_proc@GOTTPOFF]",
            "mov qword ptr fs:[{t}], {p}",
            t = out(reg) _,
            p = in(reg) p,
            options(nostack, preserves_flags)
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    // SAFETY: the C accessor writes the same TLS variable.
    unsafe {
        thread9_c_tls_setproc(p)
    }
}

/// Whether this OS thread is inside a note (signal) handler run by lib9's notify
/// machinery (src/c/lib9.c): channel operations there would deadlock or corrupt the
/// interrupted thread's state.
#[inline(always)]
pub fn in_note() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        let n: i32;
        // SAFETY: reads this OS thread's slot of a hidden initial-exec TLS int.
        unsafe {
            core::arch::asm!(
                "mov {t}, qword ptr [rip + thread9_tls_innote@GOTTPOFF]",
                "mov {n:e}, dword ptr fs:[{t}]",
                t = out(reg) _,
                n = out(reg) n,
                options(nostack, readonly, preserves_flags)
            );
        }
        n > 0
    }
    #[cfg(not(target_arch = "x86_64"))]
    // SAFETY: the C accessor reads the same TLS variable.
    unsafe {
        thread9_c_tls_innote() > 0
    }
}
