//! $LIBTHREAD flags, read once at start-up.

use crate::arch;
use core::sync::atomic::{AtomicI32, AtomicU32, AtomicU64, AtomicUsize, Ordering};

/// $LIBTHREAD flags.
pub const F_NODEADLOCK: u32 = 1;
/// `trace`: a line on fd 2 per event.
pub const F_TRACE: u32 = 2;
pub const F_NODAEMON: u32 = 4;
/// The thread dump lists every thread and frame (no grouping of identical stacks).
pub const F_DUMPALL: u32 = 1 << 8;
/// `trace=FILE.json`: a Chrome trace-event / Perfetto timeline (runtime::trace).
pub const F_TRACEJSON: u32 = 8;
pub static FLAGS: AtomicU32 = AtomicU32::new(0);
/// The trace file's fd (`trace=FILE`), -1 for none.
pub static TRACE_FD: AtomicI32 = AtomicI32::new(-1);
/// When tracing started (CLOCK_MONOTONIC ns): trace timestamps count from here.
pub static TRACE_START: AtomicU64 = AtomicU64::new(0);
/// Called before the library aborts the program (misuse): writes the trace file.
static ON_FATAL: AtomicUsize = AtomicUsize::new(0);

/// The words $LIBTHREAD knows.
const WORDS: &str = "nodeadlock, trace, trace=FILE.json, nodaemon, dumpall";

/// The THREAD9_* variables the library reads, each with a check of its value: None
/// when good, else what a good value is.
type Check = fn(&str) -> Option<&'static str>;
const VARS: &[(&str, Check)] = &[
    ("THREAD9_SPIN", |v| v.parse::<u64>().err().map(|_| "a number of nanoseconds")),
    ("THREAD9_STACKGUARD", |v| (!matches!(v, "mprotect" | "canary")).then_some("mprotect or canary")),
    ("THREAD9_INTRSIG", |v| match v.parse::<i32>() {
        Ok(n) if (libc::SIGRTMIN()..=libc::SIGRTMAX()).contains(&n) => None,
        _ => Some("a signal number within SIGRTMIN..SIGRTMAX"),
    }),
    ("THREAD9_FAIL_STACK", |v| v.parse::<usize>().err().map(|_| "a count")),
    ("THREAD9_FAIL_PROC", |v| v.parse::<usize>().err().map(|_| "a count")),
    ("THREAD9_FUSEDEV", |v| v.is_empty().then_some("a device path")),
    ("THREAD9_NOWATCHDOG", |_| None),
];

/// Reads $LIBTHREAD and checks the THREAD9_* variables. Called once, at start-up: a
/// misspelled word or a bad value is reported then, once each, and ignored.
pub fn parse_flags() {
    let s = std::env::var("LIBTHREAD").unwrap_or_default();
    let mut f = 0;
    for w in s.split(|c: char| c == ',' || c.is_whitespace()) {
        match w {
            "nodeadlock" => f |= F_NODEADLOCK,
            "trace" => f |= F_TRACE,
            "nodaemon" => f |= F_NODAEMON,
            "dumpall" => f |= F_DUMPALL,
            "" => {}
            _ => {
                if let Some(path) = w.strip_prefix("trace=") {
                    if open_trace(path) {
                        f |= F_TRACEJSON;
                    }
                } else {
                    crate::base::report::ewrite(
                        format!("thread9: $LIBTHREAD: unknown word \"{w}\" ignored (known: {WORDS})\n").as_bytes(),
                    );
                }
            }
        }
    }
    for (k, v) in std::env::vars_os() {
        if let Some(msg) = check_var(&k.to_string_lossy(), &v.to_string_lossy()) {
            crate::base::report::ewrite(msg.as_bytes());
        }
    }
    FLAGS.store(f, Ordering::Relaxed);
    if f & (F_TRACE | F_TRACEJSON) != 0 {
        TRACE_START.store(crate::base::futex::now_ns(), Ordering::Relaxed);
        arch::set_hooks(arch::HOOK_TRACE);
    }
}

/// Creates the trace file now (so that a later chdir does not move it and a bad path
/// is reported at once); it is written when the program ends.
fn open_trace(path: &str) -> bool {
    let Ok(c) = std::ffi::CString::new(path) else {
        return false;
    };
    // SAFETY: c is a NUL-terminated path.
    let fd = unsafe {
        libc::open(c.as_ptr(), libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC | libc::O_CLOEXEC, 0o644 as libc::c_uint)
    };
    if fd < 0 {
        let e = std::io::Error::last_os_error();
        crate::base::report::ewrite(format!("thread9: LIBTHREAD=trace={path}: {e}: no trace is written\n").as_bytes());
        return false;
    }
    TRACE_FD.store(fd, Ordering::Relaxed);
    true
}

/// The warning for environment variable `k` = `v`, if it is a THREAD9_ one the
/// library does not know or has a value it cannot use.
fn check_var(k: &str, v: &str) -> Option<String> {
    if !k.starts_with("THREAD9_") {
        return None;
    }
    match VARS.iter().find(|(n, _)| *n == k) {
        Some((_, check)) => check(v).map(|want| format!("thread9: ${k}: \"{v}\" ignored (want {want})\n")),
        None => {
            let known: Vec<&str> = VARS.iter().map(|(n, _)| *n).collect();
            Some(format!("thread9: ${k} is not a thread9 variable, ignored (known: {})\n", known.join(", ")))
        }
    }
}

pub fn flag(f: u32) -> bool {
    FLAGS.load(Ordering::Relaxed) & f != 0
}

/// Whether $LIBTHREAD has "trace" or "trace=FILE": one load of the hook word, so call
/// sites stay cheap.
#[inline]
pub fn tracing() -> bool {
    arch::hooks() & arch::HOOK_TRACE != 0
}

pub fn deadlock_check_enabled() -> bool {
    !flag(F_NODEADLOCK)
}

/// Registers what to do before the library aborts the program (runtime::trace).
pub fn set_on_fatal(f: fn()) {
    ON_FATAL.store(f as usize, Ordering::Release);
}

/// Runs the hook set by set_on_fatal, once.
pub fn on_fatal() {
    let f = ON_FATAL.swap(0, Ordering::AcqRel);
    if f != 0 {
        // SAFETY: only set_on_fatal stores here, from a `fn()`.
        let f: fn() = unsafe { core::mem::transmute(f) };
        f();
    }
}

#[cfg(test)]
mod tests {
    use super::check_var;

    #[test]
    fn variables_checked() {
        assert_eq!(check_var("PATH", "x"), None);
        assert_eq!(check_var("THREAD9_SPIN", "1000"), None);
        assert!(check_var("THREAD9_SPIN", "fast").unwrap().contains("$THREAD9_SPIN: \"fast\" ignored"));
        assert_eq!(check_var("THREAD9_STACKGUARD", "canary"), None);
        assert!(check_var("THREAD9_STACKGUARD", "pages").is_some());
        assert!(check_var("THREAD9_INTRSIG", "5").is_some());
        assert_eq!(check_var("THREAD9_INTRSIG", &(libc::SIGRTMIN() + 2).to_string()), None);
        assert!(check_var("THREAD9_STACKGARD", "canary").unwrap().contains("THREAD9_STACKGUARD"));
    }
}
