//! The fmtinstall table. Lookups happen on every directive from any proc (OS thread)
//! and must not take a lock (print may run in a signal handler), so entries are atomics:
//! installers serialise on a mutex, readers only load. ASCII verbs have a direct slot;
//! other runes go in a short list. Re-installing a verb replaces its function in place,
//! so the latest fmtinstall wins and repeated installs (common in init code) never fill
//! the table.

use super::Fmts;
use core::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::Mutex;

/// Non-ASCII verbs that can be installed (spec: -1 once the table is full).
pub const MAXWIDE: usize = 128;

static ASCII: [AtomicUsize; 128] = [const { AtomicUsize::new(0) }; 128];
static WIDE_C: [AtomicU32; MAXWIDE] = [const { AtomicU32::new(0) }; MAXWIDE];
static WIDE_F: [AtomicUsize; MAXWIDE] = [const { AtomicUsize::new(0) }; MAXWIDE];
static NWIDE: AtomicUsize = AtomicUsize::new(0);
static LOCK: Mutex<()> = Mutex::new(());

/// Characters the parser itself owns, so a formatter installed for them could never run
/// or would silently change the meaning of every format: digits, `.`, `*` (width and
/// precision), the flags ` # + - , ' h l u`, and `%`.
pub fn reserved(c: u32) -> bool {
    c < 0x80 && b"0123456789.* #+-,'hlu%".contains(&(c as u8))
}

/// Why fmtinstall refuses `c`, if it does.
pub fn refuse(c: i32) -> Option<&'static str> {
    if !(1..=65535).contains(&c) {
        Some("verb out of range 1..65535")
    } else if reserved(c as u32) {
        Some("verb is reserved (digit, flag, '.', '*' or '%')")
    } else {
        None
    }
}

/// Installs `f` for verb `c`; 0, or -1 when refused or the table is full.
pub fn install(c: i32, f: Fmts) -> i32 {
    if refuse(c).is_some() {
        return -1;
    }
    let c = c as u32;
    let fp = f as usize;
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    if c < 128 {
        ASCII[c as usize].store(fp, Ordering::Release);
        return 0;
    }
    let n = NWIDE.load(Ordering::Relaxed);
    for i in 0..n {
        if WIDE_C[i].load(Ordering::Relaxed) == c {
            WIDE_F[i].store(fp, Ordering::Release);
            return 0;
        }
    }
    if n == MAXWIDE {
        return -1;
    }
    WIDE_F[n].store(fp, Ordering::Relaxed);
    WIDE_C[n].store(c, Ordering::Relaxed);
    // Publishes the entry: a reader that sees the new count sees its fields.
    NWIDE.store(n + 1, Ordering::Release);
    0
}

/// The installed formatter for `c`, if any.
pub fn lookup(c: u32) -> Option<Fmts> {
    let fp = if c < 128 {
        ASCII[c as usize].load(Ordering::Acquire)
    } else {
        let n = NWIDE.load(Ordering::Acquire);
        (0..n).find(|&i| WIDE_C[i].load(Ordering::Relaxed) == c).map_or(0, |i| WIDE_F[i].load(Ordering::Acquire))
    };
    if fp == 0 {
        None
    } else {
        // SAFETY: only install() stores here, always a valid Fmts pointer.
        Some(unsafe { core::mem::transmute::<usize, Fmts>(fp) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals() {
        assert!(refuse(0).is_some());
        assert!(refuse(-5).is_some());
        assert!(refuse(65536).is_some());
        assert!(refuse('d' as i32).is_none());
        assert!(refuse('L' as i32).is_none());
        assert!(refuse(0x263A).is_none());
        for c in "0123456789.* #+-,'hlu%".chars() {
            assert!(refuse(c as i32).is_some(), "{c}");
        }
    }
}
