//! Notes: Unix signals under their Plan 9 names, the atnotify handler table,
//! threadnotify and postnote. The signal handler itself, notify and noted are in
//! src/c/lib9.c (noted must jump back into the handler: sigsetjmp).
//!
//! threadnotify: thread9 follows plan9port, not 9front — it is atnotify, one table
//! for the whole program. Unix delivers a process-directed signal to whichever OS
//! thread (proc) does not block it, so a per-proc table would run handlers
//! depending on chance. Returns 1 when `f` was registered/removed, 0 otherwise
//! (9front's int result; callers declared void just ignore it).

use super::cbytes;
use core::ffi::{c_char, c_int, c_void};
use core::sync::atomic::{AtomicUsize, Ordering};

use crate::process::signals::{note_sig, NAMES};

/// For the signal handler: a static name (async-signal-safe: no allocation). Only
/// signals of the table are ever handled; others read "sys: signal".
pub extern "C" fn thread9_rt_sigstr(sig: c_int) -> *const c_char {
    match NAMES.iter().find(|(s, _)| *s == sig) {
        Some((_, n)) => n.as_ptr(),
        None => c"sys: signal".as_ptr(),
    }
}

/// # Safety
/// `name` is nil (read as "", which names no signal) or NUL-terminated.
pub unsafe extern "C" fn thread9_rt_strsig(name: *const c_char) -> c_int {
    note_sig(cbytes(name))
}

type NoteFn = unsafe extern "C" fn(*mut c_void, *mut c_char) -> c_int;
const NFN: usize = 33;
static HANDLERS: [AtomicUsize; NFN] = [const { AtomicUsize::new(0) }; NFN];
static TABLE_LOCK: crate::base::spin::SpinLock = crate::base::spin::SpinLock::new();

extern "C" {
    fn thread9_c_notify_dispatch(on: c_int);
}

/// atnotify: adds (in ≠ 0) or removes `f` from the handlers every note is offered to;
/// the first handler returning non-zero has handled the note (the program goes on),
/// otherwise the note takes its default action. 1 on success, 0 when the table is
/// full (33 handlers) or `f` was not registered.
pub extern "C" fn atnotify(f: Option<unsafe extern "C" fn(*mut c_void, *mut c_char) -> c_int>, on: c_int) -> c_int {
    let Some(f) = f else {
        crate::base::report::complain("atnotify", "nil handler");
        return 0;
    };
    let fv = f as usize;
    TABLE_LOCK.lock();
    let mut r = 0;
    if on != 0 {
        let was_empty = HANDLERS.iter().all(|h| h.load(Ordering::Relaxed) == 0);
        if let Some(h) = HANDLERS.iter().find(|h| h.load(Ordering::Relaxed) == 0) {
            h.store(fv, Ordering::Release);
            r = 1;
        }
        if r == 1 && was_empty {
            // SAFETY: C side of notify; installs the dispatcher below.
            unsafe { thread9_c_notify_dispatch(1) };
        }
    } else {
        if let Some(h) = HANDLERS.iter().find(|h| h.load(Ordering::Relaxed) == fv) {
            h.store(0, Ordering::Release);
            r = 1;
        }
        if r == 1 && HANDLERS.iter().all(|h| h.load(Ordering::Relaxed) == 0) {
            // SAFETY: as above; no handlers left: notes take their default action.
            unsafe { thread9_c_notify_dispatch(0) };
        }
    }
    TABLE_LOCK.unlock();
    r
}

pub extern "C" fn threadnotify(f: Option<unsafe extern "C" fn(*mut c_void, *mut c_char) -> c_int>, on: c_int) -> c_int {
    atnotify(f, on)
}

/// Runs the handlers for one note (in signal context: reads atomics only).
/// 1 if one of them handled it.
///
/// # Safety
/// `v` and `msg` are what the registered handlers expect: the handler's context pointer
/// and the NUL-terminated note (src/c/lib9.c's notifier passes them on unchanged).
pub unsafe extern "C" fn thread9_rt_atnotify_run(v: *mut c_void, msg: *mut c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        for h in HANDLERS.iter() {
            let f = h.load(Ordering::Acquire);
            if f != 0 {
                // SAFETY: only NoteFn values are stored in the table.
                let f: NoteFn = core::mem::transmute(f);
                if f(v, msg) != 0 {
                    return 1;
                }
            }
        }
        0
    }
}

const PNPROC: c_int = 1;
const PNGROUP: c_int = 2;

/// postnote: sends note `msg` to process `pid` (PNPROC) or to the process group `pid`
/// belongs to (PNGROUP: any member names it, as in plan9port) as the matching Unix
/// signal. -1 with plan9port's errstr for an unknown note, pid or `group`.
///
/// # Safety
/// `msg` is nil (unknown note: -1, errstr set) or NUL-terminated.
pub unsafe extern "C" fn postnote(group: c_int, pid: c_int, msg: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let sig = note_sig(cbytes(msg));
        if sig == 0 {
            crate::runtime::errstr::set(b"unknown note");
            return -1;
        }
        if pid <= 0 {
            crate::runtime::errstr::set(b"bad pid in postnote");
            return -1;
        }
        let r = match group {
            PNPROC => libc::kill(pid, sig),
            PNGROUP => {
                let g = libc::getpgid(pid);
                if g < 0 {
                    super::syserr();
                    return -1;
                }
                libc::killpg(g, sig)
            }
            _ => {
                crate::runtime::errstr::set(b"bad who in postnote");
                return -1;
            }
        };
        if r < 0 {
            super::syserr();
            return -1;
        }
        0
    }
}

/// The notes notifychan can deliver: asynchronous ones only. A fault (illegal
/// instruction, segmentation violation…) must be handled where it happens, "quit" is
/// the thread dump's, "sys: kill" and "sys: stop" cannot be caught, and "sys: child"
/// is threadwaitchan's (every threadspawn resets its handling).
const CHAN_NOTES: &[c_int] = &[
    libc::SIGHUP,
    libc::SIGINT,
    libc::SIGALRM,
    libc::SIGTERM,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGPIPE,
    libc::SIGWINCH,
    libc::SIGTSTP,
    libc::SIGCONT,
    libc::SIGTTIN,
    libc::SIGTTOU,
    libc::SIGURG,
    libc::SIGIO,
    libc::SIGXCPU,
    libc::SIGXFSZ,
    libc::SIGVTALRM,
    libc::SIGPROF,
];

/// notifychan's registrations: (signal, channel), and each caught signal's previous
/// disposition (restored when its last registration goes).
struct NoteChans {
    regs: Vec<(c_int, usize)>,
    old: Vec<(c_int, libc::sigaction)>,
}

// SAFETY: sigaction is plain data; the channels are only named by address here.
unsafe impl Send for NoteChans {}

static NOTECHANS: std::sync::Mutex<NoteChans> = std::sync::Mutex::new(NoteChans { regs: Vec::new(), old: Vec::new() });
/// The self-pipe's write end (the handler's), -1 before the first notifychan.
static NOTE_WFD: core::sync::atomic::AtomicI32 = core::sync::atomic::AtomicI32::new(-1);
static NOTE_ONCE: std::sync::Once = std::sync::Once::new();

/// The handler of a signal routed to channels: async-signal-safe, it only writes the
/// signal's number into the self-pipe (dropped if the pipe is full) for the notes
/// thread to deliver.
extern "C" fn note_to_pipe(sig: c_int) {
    // SAFETY: errno's location and write(2) are async-signal-safe; the byte is ours.
    unsafe {
        let e = *libc::__errno_location();
        let b = sig as u8;
        let _ = libc::write(NOTE_WFD.load(Ordering::Relaxed), &b as *const u8 as *const c_void, 1);
        *libc::__errno_location() = e;
    }
}

/// The notes thread: reads signal numbers from the self-pipe and sends each note's
/// name on the channels registered for it, without blocking (as Go's signal.Notify:
/// a channel without room, or without a receiver waiting, misses that note).
fn note_thread(rfd: c_int) {
    crate::runtime::sched::helper_thread(true);
    let mut buf = [0u8; 64];
    loop {
        // SAFETY: reading into our buffer.
        let n = unsafe { libc::read(rfd, buf.as_mut_ptr() as *mut c_void, buf.len()) };
        if n <= 0 {
            if n < 0 && std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                continue;
            }
            return;
        }
        // Held while sending, so that once notifychan(c, …, 0) returns no send to c is
        // under way (the program may free c then). A non-blocking send never waits.
        let g = NOTECHANS.lock().unwrap_or_else(|e| e.into_inner());
        for &s in &buf[..n as usize] {
            let name = thread9_rt_sigstr(s as c_int) as usize;
            for &(sig, c) in g.regs.iter() {
                if sig == s as c_int {
                    crate::chan::send_word(c as *mut crate::chan::Channel, name, false, "notifychan");
                }
            }
        }
        drop(g);
    }
}

/// Starts the self-pipe and the notes thread, once. False if either cannot be made.
fn note_service() -> bool {
    NOTE_ONCE.call_once(|| {
        let mut p = [0 as c_int; 2];
        // SAFETY: plain pipe/fcntl calls on our own descriptors.
        unsafe {
            if libc::pipe2(p.as_mut_ptr(), libc::O_CLOEXEC) < 0 {
                return;
            }
            libc::fcntl(p[1], libc::F_SETFL, libc::O_NONBLOCK);
        }
        let rfd = p[0];
        let ok = std::thread::Builder::new()
            .name("thread9 notes".into())
            .stack_size(64 * 1024)
            .spawn(move || note_thread(rfd))
            .is_ok();
        if ok {
            NOTE_WFD.store(p[1], Ordering::Release);
        } else {
            // SAFETY: our descriptors, never handed out.
            unsafe {
                libc::close(p[0]);
                libc::close(p[1]);
            }
        }
    });
    NOTE_WFD.load(Ordering::Acquire) >= 0
}

/// notifychan: with `on` ≠ 0, note `note` (a name such as "interrupt", "hangup" or
/// "sys: usr1") is from now on delivered as a message on `c` instead of going to
/// note handlers: the library's notes thread sends the note's name (a static string:
/// `char *note = recvp(c)`) without blocking, so `c` should be buffered. With `on`
/// = 0 the registration of `c` for `note` (every one of `c`'s, for a nil `note`) is
/// removed; the note's previous handling comes back with its last registration.
/// While any registration exists, blocking on channels is no deadlock (a note may
/// come). 0 on success; -1 (errstr set, a message on fd 2) for a nil or bad channel,
/// elements that are not pointer-sized, or a note notifychan cannot deliver.
///
/// # Safety
/// `note` is nil or NUL-terminated; `c` is nil or a channel.
pub unsafe extern "C" fn notifychan(c: *mut crate::chan::Channel, note: *const c_char, on: c_int) -> c_int {
    let fail = |what: &str| {
        crate::base::report::complain("notifychan", what);
        crate::runtime::errstr::set(format!("notifychan: {what}").as_bytes());
        -1
    };
    if !crate::chan::check(c, "notifychan") {
        crate::runtime::errstr::set(b"notifychan: bad channel");
        return -1;
    }
    let mut g = NOTECHANS.lock().unwrap_or_else(|e| e.into_inner());
    if on == 0 {
        let sig = if note.is_null() { 0 } else { note_sig(cbytes(note)) };
        let before = g.regs.len();
        g.regs.retain(|&(s, ch)| !(ch == c as usize && (sig == 0 || s == sig)));
        let removed = before - g.regs.len();
        crate::runtime::sched::outside_waker(-(removed as isize));
        restore_unused(&mut g);
        return 0;
    }
    if note.is_null() {
        return fail("nil note");
    }
    // SAFETY: checked live above.
    if unsafe { (*c).elemsize } as usize != core::mem::size_of::<*const c_char>() {
        return fail("the channel's elements must be pointers (the note's name is sent)");
    }
    let name = cbytes(note);
    let sig = note_sig(name);
    if sig == 0 || !CHAN_NOTES.contains(&sig) {
        return fail(&format!("cannot deliver note \"{}\" on a channel", String::from_utf8_lossy(name)));
    }
    if g.regs.iter().any(|&(s, ch)| s == sig && ch == c as usize) {
        return 0;
    }
    if !note_service() {
        return fail("cannot start the notes thread");
    }
    if !g.old.iter().any(|&(s, _)| s == sig) {
        // SAFETY: plain sigaction calls with initialised structures.
        unsafe {
            let mut sa: libc::sigaction = core::mem::zeroed();
            sa.sa_sigaction = note_to_pipe as *const () as usize;
            sa.sa_flags = libc::SA_RESTART;
            libc::sigfillset(&mut sa.sa_mask);
            let mut old: libc::sigaction = core::mem::zeroed();
            if libc::sigaction(sig, &sa, &mut old) < 0 {
                return fail("sigaction failed");
            }
            g.old.push((sig, old));
        }
    }
    g.regs.push((sig, c as usize));
    crate::runtime::sched::outside_waker(1);
    0
}

/// Gives signals without registrations left their previous disposition back.
fn restore_unused(g: &mut NoteChans) {
    let regs = &g.regs;
    g.old.retain(|(s, old)| {
        if regs.iter().any(|&(r, _)| r == *s) {
            return true;
        }
        // SAFETY: restoring the disposition sigaction gave us.
        unsafe { libc::sigaction(*s, old, core::ptr::null_mut()) };
        false
    });
}
