//! $LIBTHREAD flags, read once at start-up.

use crate::arch;
use core::sync::atomic::{AtomicU32, Ordering};

/// $LIBTHREAD flags.
pub const F_NODEADLOCK: u32 = 1;
pub const F_TRACE: u32 = 2;
pub const F_NODAEMON: u32 = 4;
/// The thread dump lists every thread and frame (no grouping of identical stacks).
pub const F_DUMPALL: u32 = 1 << 8;
pub static FLAGS: AtomicU32 = AtomicU32::new(0);

pub fn parse_flags() {
    let s = std::env::var("LIBTHREAD").unwrap_or_default();
    let mut f = 0;
    for w in s.split(|c: char| c == ',' || c.is_whitespace()) {
        match w {
            "nodeadlock" => f |= F_NODEADLOCK,
            "trace" => f |= F_TRACE,
            "nodaemon" => f |= F_NODAEMON,
            "dumpall" => f |= F_DUMPALL,
            _ => {}
        }
    }
    FLAGS.store(f, Ordering::Relaxed);
    if f & F_TRACE != 0 {
        arch::set_hooks(arch::HOOK_TRACE);
    }
}

pub fn flag(f: u32) -> bool {
    FLAGS.load(Ordering::Relaxed) & f != 0
}

/// Whether $LIBTHREAD has "trace": one relaxed load, so call sites stay cheap.
#[inline]
pub fn tracing() -> bool {
    arch::hooks() & arch::HOOK_TRACE != 0
}

pub fn deadlock_check_enabled() -> bool {
    !flag(F_NODEADLOCK)
}
