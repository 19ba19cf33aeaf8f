//! Diagnostics: misuse reports, the thread dump, deadlock reports, $LIBTHREAD flags.

use crate::proc::{self, Proc};
use crate::thread::{Thread, Wait};
use core::sync::atomic::{AtomicU32, Ordering};

/// $LIBTHREAD flags.
pub const F_NODEADLOCK: u32 = 1;
pub const F_TRACE: u32 = 2;
pub const F_NODAEMON: u32 = 4;
pub static FLAGS: AtomicU32 = AtomicU32::new(0);

pub fn parse_flags() {
    let s = std::env::var("LIBTHREAD").unwrap_or_default();
    let mut f = 0;
    for w in s.split(|c: char| c == ',' || c.is_whitespace()) {
        match w {
            "nodeadlock" => f |= F_NODEADLOCK,
            "trace" => f |= F_TRACE,
            "nodaemon" => f |= F_NODAEMON,
            _ => {}
        }
    }
    FLAGS.store(f, Ordering::Relaxed);
    if f & F_TRACE != 0 {
        // SAFETY: start-up, before any other thread of ours reads it.
        unsafe { thread9_hooks |= HOOK_TRACE };
    }
}

extern "C" {
    /// Bits of what the fast paths must step aside for (src/c/sanitizer.c).
    static mut thread9_hooks: i32;
}
pub const HOOK_ASAN: i32 = 1;
pub const HOOK_TSAN: i32 = 2;
pub const HOOK_TRACE: i32 = 4;

/// The hook bits: zero when no sanitizer runs and tracing is off. Read PC-relative
/// (the variable is hidden in this library), not through the GOT as an extern static
/// would be: this load is on every channel operation and switch.
#[inline(always)]
pub fn hooks() -> i32 {
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

pub fn flag(f: u32) -> bool {
    FLAGS.load(Ordering::Relaxed) & f != 0
}

/// Whether $LIBTHREAD has "trace": one relaxed load, so call sites stay cheap.
#[inline]
pub fn tracing() -> bool {
    hooks() & HOOK_TRACE != 0
}

/// One trace line on fd 2: `thread9[proc P]: what`.
#[cold]
pub fn trace(what: &str) {
    let p = crate::sched::myproc();
    // SAFETY: p is this OS thread's proc, if any.
    let pid = if p.is_null() { -1 } else { unsafe { (*p).id as i64 } };
    ewrite(format!("thread9 trace: proc {pid}: {what}\n").as_bytes());
}

pub fn deadlock_check_enabled() -> bool {
    !flag(F_NODEADLOCK)
}

/// Writes to fd 2 without allocating much and without stdio (usable anywhere).
pub fn ewrite(b: &[u8]) {
    let mut off = 0;
    while off < b.len() {
        // SAFETY: writing our own bytes to fd 2.
        let n = unsafe { libc::write(2, b[off..].as_ptr() as *const _, b.len() - off) };
        if n <= 0 {
            break;
        }
        off += n as usize;
    }
}

/// A misuse of the API that leaves no sane way on: `thread9: CALL: WHAT`, then abort.
#[cold]
pub fn misuse(call: &str, what: &str) -> ! {
    // Piece by piece, without allocating: misuse may be found inside a signal handler.
    ewrite(b"thread9: ");
    ewrite(call.as_bytes());
    ewrite(b": ");
    ewrite(what.as_bytes());
    ewrite(b"\n");
    // SAFETY: abort has no preconditions.
    unsafe { libc::abort() }
}

/// A recoverable misuse: report it and let the call return its error value.
#[cold]
pub fn complain(call: &str, what: &str) {
    // On the stack: the complaint may be that memory ran out.
    let mut m = crate::mem::Msg::<512>::new();
    let _ = core::fmt::Write::write_fmt(&mut m, format_args!("thread9: {call}: {what}"));
    let mut b = [0u8; 513];
    let n = m.as_bytes().len();
    b[..n].copy_from_slice(m.as_bytes());
    b[n] = b'\n';
    ewrite(&b[..n + 1]);
}

fn cstr(p: *const u8) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: p is a NUL-terminated string owned by a live object.
    unsafe { std::ffi::CStr::from_ptr(p as *const _).to_string_lossy().into_owned() }
}

/// Names a channel for messages: its chansetname name, else its address.
pub fn channame(c: *mut crate::chan::Channel) -> String {
    if c.is_null() {
        return "nil".into();
    }
    // SAFETY: c is a live channel (the caller holds a reference to it).
    let n = unsafe { (*c).name };
    if n.is_null() {
        format!("{:p}", c)
    } else {
        format!("\"{}\"", cstr(n as *const u8))
    }
}

fn describe(t: *mut Thread, running: bool) -> String {
    // SAFETY: t is registered (we hold its proc's registry lock).
    unsafe {
        let st = if running && (*t).wait == Wait::Exec {
            "running: waiting for a child process (exec)".to_string()
        } else if running && (*t).wait == Wait::Io {
            "running an iocall op".to_string()
        } else if running {
            "running".to_string()
        } else {
            match (*t).wait {
                Wait::None => "ready".into(),
                Wait::Send => format!("blocked in send on channel {}", channame((*t).waitchan as _)),
                Wait::Recv => format!("blocked in recv on channel {}", channame((*t).waitchan as _)),
                Wait::Alt => "blocked in alt".into(),
                Wait::Sleep => "sleeping".into(),
                Wait::Lock => "blocked on a lock".into(),
                Wait::Io => "in iocall".into(),
                Wait::Idle => "idle".into(),
                Wait::Fd => "waiting for an fd".into(),
                Wait::Exec => "waiting for a child process (exec)".into(),
            }
        };
        let mut s = format!(
            "\tthread {} \"{}\" grp {} {}",
            (*t).id,
            String::from_utf8_lossy((*t).name_str()),
            (*t).grp.load(Ordering::Relaxed),
            st
        );
        if let Some(b) = &(*t).state {
            s += &format!(" [{}]", cstr(b.as_ptr()));
        }
        s += &format!(" (created at {})\n", symbol((*t).func));
        s
    }
}

/// The exported symbol starting exactly at `addr`. dladdr returns the nearest
/// preceding dynamic symbol, which for a static function is some other function:
/// only an exact match names it.
pub fn exact_symbol(addr: usize) -> Option<String> {
    // SAFETY: a plain-data out structure.
    let mut info: libc::Dl_info = unsafe { core::mem::zeroed() };
    // SAFETY: dladdr only reads the loader's tables.
    if unsafe { libc::dladdr(addr as *const _, &mut info) } != 0
        && !info.dli_sname.is_null()
        && info.dli_saddr as usize == addr
    {
        Some(cstr(info.dli_sname as *const u8))
    } else {
        None
    }
}

fn symbol(addr: usize) -> String {
    exact_symbol(addr).unwrap_or_else(|| format!("{:#x}", addr))
}

/// Names a proc's OS thread after its first thread's function (top -H, gdb), or
/// "proc N" when the function has no exported name.
///
/// # Safety
/// Called on `p`'s own OS thread before its first thread runs.
pub unsafe fn name_os_thread(p: *mut Proc) {
    // Without allocating: this runs after proccreate has returned, where running out
    // of memory could only abort.
    let t = (*p).runq_head;
    let mut info: libc::Dl_info = core::mem::zeroed();
    let f = if t.is_null() { 0 } else { (*t).func };
    let sym = if f != 0
        && libc::dladdr(f as *const libc::c_void, &mut info) != 0
        && !info.dli_sname.is_null()
        && info.dli_saddr as usize == f
    {
        Some(std::ffi::CStr::from_ptr(info.dli_sname).to_bytes())
    } else {
        None
    };
    let m = crate::msg!("proc {}", (*p).id);
    let s = sym.unwrap_or(m.as_bytes());
    let mut b = [0u8; 16];
    let n = crate::thread::utf8_trunc(s, 15);
    b[..n].copy_from_slice(&s[..n]);
    libc::pthread_setname_np(libc::pthread_self(), b.as_ptr() as *const libc::c_char);
}

/// The thread dump: every proc and thread with id, name, group, state, creator.
pub fn dump() -> String {
    let mut out = String::new();
    let me = crate::sched::current();
    proc::for_each(|p: *mut Proc| {
        // SAFETY: p is registered (we hold the proc list lock).
        unsafe {
            let sys = if (*p).sys.load(Ordering::Relaxed) { " (sysproc)" } else { "" };
            out += &format!(
                "proc {} tid {}{}{}\n",
                (*p).id,
                (*p).tid.load(Ordering::Relaxed),
                if (*p).is_main { " main" } else { "" },
                sys
            );
            let cur = (*p).cur;
            proc::for_each_thread(p, |t| out += &describe(t, t == cur || t == me));
        }
    });
    out
}

pub fn printall() {
    ewrite(dump().as_bytes());
}

/// Every thread of every proc is blocked and nothing outside can wake one.
#[cold]
pub fn deadlock() -> ! {
    ewrite(b"thread9: deadlock: all threads are asleep\n");
    printall();
    // SAFETY: _exit: the program cannot make progress; atexit handlers could block too.
    unsafe {
        libc::fflush(core::ptr::null_mut());
        libc::_exit(1)
    }
}
