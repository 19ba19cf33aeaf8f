//! Waiting for child processes: p9wait, p9waitfor, waitnohang, await, awaitnohang,
//! awaitfor, p9waitpid. As in plan9port, a note interrupts them (-1 or nil,
//! "interrupted"). A Waitmsg is ONE malloc block holding its text (msg points
//! just past the struct), so the caller frees it with one free.
//!
//! msg is "" for exit status 0, the decimal status otherwise ("3"), and
//! "signal: <note>" for a child killed by a signal, with " (core dumped)" when it
//! dumped core — the note names of notes.rs ("signal: interrupt", "signal: kill").

use crate::process::signals::sig_name;
use core::ffi::{c_char, c_int, c_ulong};
use core::ptr::null_mut;

/// plan9port's Waitmsg (docs/API.md, binary layouts): 40 bytes.
#[repr(C)]
pub struct Waitmsg {
    pub pid: c_int,
    pub time: [c_ulong; 3],
    pub msg: *mut c_char,
}

/// One reaped child.
pub struct Status {
    pub pid: i32,
    pub user_ms: u64,
    pub sys_ms: u64,
    pub msg: String,
}

fn ms(tv: libc::timeval) -> u64 {
    tv.tv_sec as u64 * 1000 + (tv.tv_usec as u64 + 500) / 1000
}

/// The Plan 9 exit message for a wait(2) status.
pub fn status_msg(status: c_int) -> String {
    if libc::WIFEXITED(status) {
        let c = libc::WEXITSTATUS(status);
        if c == 0 {
            String::new()
        } else {
            c.to_string()
        }
    } else if libc::WIFSIGNALED(status) {
        let s = libc::WTERMSIG(status);
        let core = if libc::WCOREDUMP(status) { " (core dumped)" } else { "" };
        format!("signal: {}{}", sig_name(s), core)
    } else {
        format!("status {status:#x}")
    }
}

/// Waits for `pid` (-1: any child). None when there is nothing to wait for (errstr
/// set) or, with `nohang`, nothing has exited yet.
pub fn reap(pid: i32, nohang: bool) -> Option<Status> {
    reap_as(pid, nohang, false)
}

/// reap; with `interruptible`, a note ends the wait (None, "interrupted"), as in
/// plan9port's await: the Plan 9 way to give up on a wait is an alarm.
fn reap_as(pid: i32, nohang: bool, interruptible: bool) -> Option<Status> {
    loop {
        let mut st: c_int = 0;
        // SAFETY: all-zero rusage is valid; wait4 fills it.
        let mut ru: libc::rusage = unsafe { core::mem::zeroed() };
        let opt = if nohang { libc::WNOHANG } else { 0 };
        // SAFETY: out-pointers are valid.
        let r = unsafe { libc::wait4(pid, &mut st, opt, &mut ru) };
        if r < 0 {
            // SAFETY: errno location.
            if !interruptible && unsafe { *libc::__errno_location() } == libc::EINTR {
                continue;
            }
            crate::runtime::errstr::set_from_errno();
            return None;
        }
        if r == 0 {
            crate::runtime::errstr::set(b"no exited child");
            return None;
        }
        if !libc::WIFEXITED(st) && !libc::WIFSIGNALED(st) {
            continue;
        }
        return Some(Status { pid: r, user_ms: ms(ru.ru_utime), sys_ms: ms(ru.ru_stime), msg: status_msg(st) });
    }
}

/// Builds a Waitmsg in one malloc block (text included). Other modules (threadwaitchan,
/// procwait) can use this too so every Waitmsg looks the same.
pub fn waitmsg(s: &Status) -> *mut Waitmsg {
    let sz = core::mem::size_of::<Waitmsg>();
    // SAFETY: malloc of struct + text + NUL; every byte written below.
    unsafe {
        let w = libc::malloc(sz + s.msg.len() + 1) as *mut Waitmsg;
        if w.is_null() {
            crate::runtime::errstr::set(b"out of memory");
            return null_mut();
        }
        let text = (w as *mut u8).add(sz);
        core::ptr::copy_nonoverlapping(s.msg.as_ptr(), text, s.msg.len());
        *text.add(s.msg.len()) = 0;
        (*w).pid = s.pid;
        (*w).time = [s.user_ms as c_ulong, s.sys_ms as c_ulong, (s.user_ms + s.sys_ms) as c_ulong];
        (*w).msg = text as *mut c_char;
        w
    }
}

fn waitmsg_for(pid: i32, nohang: bool) -> *mut Waitmsg {
    match reap_as(pid, nohang, true) {
        Some(s) => waitmsg(&s),
        None => null_mut(),
    }
}

pub extern "C" fn p9wait() -> *mut Waitmsg {
    waitmsg_for(-1, false)
}

/// p9waitfor: waits for that child; pid -1 is any child, 0 or -pgid one of a process
/// group (wait4's meanings, which plan9port passes on).
pub extern "C" fn p9waitfor(pid: c_int) -> *mut Waitmsg {
    waitmsg_for(pid, false)
}

pub extern "C" fn waitnohang() -> *mut Waitmsg {
    waitmsg_for(-1, true)
}

/// p9waitpid: waits for any child, returns its pid (-1 if there is none).
pub extern "C" fn p9waitpid() -> c_int {
    match reap_as(-1, false, true) {
        Some(s) => s.pid,
        None => -1,
    }
}

/// Plan 9's quoting for await's text: '' for an empty word, quotes around words with
/// blanks or quotes (quotes doubled).
fn quote(s: &str) -> String {
    if !s.is_empty() && !s.bytes().any(|c| c == b' ' || c == b'\t' || c == b'\'' || c == b'\n') {
        return s.to_string();
    }
    format!("'{}'", s.replace('\'', "''"))
}

fn await_into(pid: i32, nohang: bool, buf: *mut c_char, n: c_int) -> c_int {
    if buf.is_null() || n <= 0 {
        crate::runtime::errstr::set(b"await: bad buffer");
        return -1;
    }
    let Some(s) = reap_as(pid, nohang, true) else { return -1 };
    let text = format!("{} {} {} {} {}", s.pid, s.user_ms, s.sys_ms, s.user_ms + s.sys_ms, quote(&s.msg));
    let k = text.len().min(n as usize - 1);
    // SAFETY: buf has n bytes.
    unsafe {
        core::ptr::copy_nonoverlapping(text.as_ptr(), buf as *mut u8, k);
        *buf.add(k) = 0;
    }
    k as c_int
}

/// await: "pid user sys real 'msg'" for the next child to exit, in buf (n bytes).
#[export_name = "await"]
pub extern "C" fn await_(buf: *mut c_char, n: c_int) -> c_int {
    await_into(-1, false, buf, n)
}

pub extern "C" fn awaitnohang(buf: *mut c_char, n: c_int) -> c_int {
    await_into(-1, true, buf, n)
}

pub extern "C" fn awaitfor(pid: c_int, buf: *mut c_char, n: c_int) -> c_int {
    await_into(pid, false, buf, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages() {
        assert_eq!(status_msg(0), "");
        assert_eq!(status_msg(3 << 8), "3");
        assert_eq!(status_msg(libc::SIGINT), "signal: interrupt");
        assert_eq!(status_msg(libc::SIGTERM), "signal: kill");
        assert_eq!(status_msg(libc::SIGSEGV | 0x80), "signal: sys: segmentation violation (core dumped)");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("signal: kill"), "'signal: kill'");
        assert_eq!(quote("3"), "3");
        assert_eq!(core::mem::size_of::<Waitmsg>(), 40);
    }
}
