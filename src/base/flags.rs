//! $LIBTHREAD flags, read once at start-up.

use crate::arch;
use core::sync::atomic::{AtomicU32, Ordering};

/// $LIBTHREAD flags.
pub const F_NODEADLOCK: u32 = 1;
pub const F_TRACE: u32 = 2;
pub const F_NODAEMON: u32 = 4;
pub static FLAGS: AtomicU32 = AtomicU32::new(0);

/// The words $LIBTHREAD knows.
const WORDS: &str = "nodeadlock, trace, nodaemon";

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
            "" => {}
            _ => crate::base::report::ewrite(
                format!("thread9: $LIBTHREAD: unknown word \"{w}\" ignored (known: {WORDS})\n").as_bytes(),
            ),
        }
    }
    for (k, v) in std::env::vars_os() {
        if let Some(msg) = check_var(&k.to_string_lossy(), &v.to_string_lossy()) {
            crate::base::report::ewrite(msg.as_bytes());
        }
    }
    FLAGS.store(f, Ordering::Relaxed);
    if f & F_TRACE != 0 {
        arch::set_hooks(arch::HOOK_TRACE);
    }
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

/// Whether $LIBTHREAD has "trace": one relaxed load, so call sites stay cheap.
#[inline]
pub fn tracing() -> bool {
    arch::hooks() & arch::HOOK_TRACE != 0
}

pub fn deadlock_check_enabled() -> bool {
    !flag(F_NODEADLOCK)
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
