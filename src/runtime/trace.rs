//! `LIBTHREAD=trace=FILE.json`: a Chrome trace-event / Perfetto timeline of the run
//! (docs/DEBUGGING.md). One track per proc; on it a slice per run of a thread (from the
//! switch into it to its switch out or its park), an instant event per traced event
//! (blocks with their channel names, creates, exits, iocalls…), and a flow arrow from
//! the thread that woke a thread of another proc to that thread's next run.
//!
//! Each proc's OS thread appends to its own buffer (uncontended lock; the last
//! `CAP` events are kept); nothing is written until the program ends: exit(3) (an
//! atexit handler), the deadlock report and a misuse abort write the file for good,
//! pairing the events of every proc, and SIGQUIT (with its thread dump) writes the
//! timeline so far. Only called when `flags::tracing()`: the
//! untraced program pays the one hook-word test it already paid.

use crate::base::flags::{self, F_TRACEJSON};
use crate::runtime::thread::Thread;
use std::collections::{HashMap, VecDeque};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Once};

/// Events kept per proc (the most recent ones).
pub const CAP: usize = 1 << 18;

#[derive(Clone)]
enum Kind {
    Begin(Arc<str>),
    End,
    /// The running thread woke thread `tid` of proc `to`.
    Wake {
        to: u32,
    },
    Instant(Box<str>),
}

#[derive(Clone)]
struct Ev {
    ts: u64,
    proc: u32,
    tid: i32,
    kind: Kind,
}

#[derive(Default)]
struct Buf {
    ev: VecDeque<Ev>,
    /// Each thread's name as last seen (shared by its Begin events).
    names: HashMap<i32, Arc<str>>,
    /// The thread whose slice is open on this proc, 0 for none.
    open: i32,
    dropped: u64,
}

type Shared = Arc<Mutex<Buf>>;
static BUFS: Mutex<Vec<Shared>> = Mutex::new(Vec::new());
static WRITTEN: AtomicBool = AtomicBool::new(false);
/// Held while the file is being written (a SIGQUIT snapshot, the final write).
static WRITING: Mutex<()> = Mutex::new(());
static SETUP: Once = Once::new();
static mut PID: i32 = 0;

thread_local! {
    static MINE: std::cell::RefCell<Option<Shared>> = const { std::cell::RefCell::new(None) };
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// `m`, unless it stays locked for about `ms` milliseconds (its holder may have stopped
/// inside: a crash or a misuse while tracing).
fn lock_for<T>(m: &Mutex<T>, ms: u32) -> Option<std::sync::MutexGuard<'_, T>> {
    for _ in 0..ms * 10 {
        match m.try_lock() {
            Ok(g) => return Some(g),
            Err(std::sync::TryLockError::Poisoned(e)) => return Some(e.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) => std::thread::sleep(std::time::Duration::from_micros(100)),
        }
    }
    None
}

/// Whether events go to a trace file.
#[inline]
pub fn on() -> bool {
    flags::flag(F_TRACEJSON)
}

extern "C" fn at_exit() {
    write_file();
}

/// SIGQUIT: writes the timeline so far (the file is rewritten in full at the end).
pub fn snapshot() {
    write(false);
}

/// Runs `f` on this OS thread's buffer with its proc's id (nothing outside procs).
fn with_buf(f: impl FnOnce(&mut Buf, u32, u64)) {
    let p = crate::runtime::sched::myproc();
    if p.is_null() || WRITTEN.load(Ordering::Relaxed) {
        return;
    }
    SETUP.call_once(|| {
        // SAFETY: getpid has no preconditions; atexit takes a plain C function.
        unsafe {
            PID = libc::getpid();
            libc::atexit(at_exit);
        }
        flags::set_on_fatal(write_file);
    });
    // SAFETY: p is this OS thread's proc.
    let id = unsafe { (*p).id };
    let ts = crate::base::futex::now_ns();
    let _ = MINE.try_with(|m| {
        let mut m = m.borrow_mut();
        let b = m.get_or_insert_with(|| {
            let b: Shared = Default::default();
            lock(&BUFS).push(b.clone());
            b
        });
        let mut g = lock(b);
        f(&mut g, id, ts);
        while g.ev.len() > CAP {
            g.ev.pop_front();
            g.dropped += 1;
        }
    });
}

fn push(b: &mut Buf, proc: u32, ts: u64, tid: i32, kind: Kind) {
    b.ev.push_back(Ev { ts, proc, tid, kind });
}

/// Thread `t` (of this proc) starts or resumes running.
///
/// # Safety
/// `t` is a live thread of the calling proc.
pub unsafe fn begin(t: *mut Thread) {
    if !on() {
        return;
    }
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    let (id, name) = unsafe { ((*t).id, (*t).name_str()) };
    with_buf(|b, p, ts| {
        if b.open == id {
            return;
        }
        if b.open != 0 {
            let o = b.open;
            push(b, p, ts, o, Kind::End);
        }
        let n = match b.names.get(&id) {
            Some(n) if n.as_bytes() == name => n.clone(),
            _ => {
                let n: Arc<str> =
                    if name.is_empty() { format!("thread {id}").into() } else { String::from_utf8_lossy(name).into() };
                b.names.insert(id, n.clone());
                n
            }
        };
        push(b, p, ts, id, Kind::Begin(n));
        b.open = id;
    });
}

/// Thread `t` (of this proc) stops running: it parked, yielded or exited.
///
/// # Safety
/// `t` is a live thread of the calling proc.
pub unsafe fn end(t: *mut Thread) {
    if !on() {
        return;
    }
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    let id = unsafe { (*t).id };
    with_buf(|b, p, ts| {
        if b.open == id {
            push(b, p, ts, id, Kind::End);
            b.open = 0;
        }
    });
}

/// The running thread wakes `t`, a thread of proc `to`: a flow arrow to `t`'s next run.
///
/// # Safety
/// `t` is a live thread (just claimed by the caller).
pub unsafe fn wake(t: *mut Thread, to: u32) {
    if !on() {
        return;
    }
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    let id = unsafe { (*t).id };
    with_buf(|b, p, ts| push(b, p, ts, id, Kind::Wake { to }));
}

/// An instant event on the calling proc's track (a trace line's text).
pub fn instant(what: &str) {
    if !on() {
        return;
    }
    let t = crate::runtime::sched::current();
    // SAFETY: t is the running thread, if any.
    let id = if t.is_null() { 0 } else { unsafe { (*t).id } };
    with_buf(|b, p, ts| push(b, p, ts, id, Kind::Instant(what.into())));
}

fn esc(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
}

fn us(ns: u64) -> String {
    let start = flags::TRACE_START.load(Ordering::Relaxed);
    let d = ns.saturating_sub(start);
    format!("{}.{:03}", d / 1000, d % 1000)
}

/// Writes the trace file for the last time (later calls and events do nothing).
pub fn write_file() {
    write(true);
}

/// Writes the whole file: every proc's events so far. A buffer its proc holds locked
/// for long (it stopped inside an event: a crash, a misuse) is skipped.
fn write(last: bool) {
    let fd = flags::TRACE_FD.load(Ordering::Relaxed);
    // SAFETY: getpid has no preconditions; PID is written once, before any event.
    if fd < 0 || unsafe { PID != libc::getpid() } || WRITTEN.load(Ordering::SeqCst) {
        return;
    }
    let w = lock_for(&WRITING, 2000);
    if w.is_none() || (last && WRITTEN.swap(true, Ordering::SeqCst)) || (!last && WRITTEN.load(Ordering::SeqCst)) {
        return;
    }
    let bufs: Vec<Shared> = match lock_for(&BUFS, 1000) {
        Some(g) => g.clone(),
        None => return,
    };
    let mut ev: Vec<Ev> = Vec::new();
    let mut dropped = 0;
    for b in &bufs {
        // A proc stopped inside its own lock would never release it: skip that one.
        if let Some(g) = lock_for(b, 200) {
            dropped += g.dropped;
            ev.extend(g.ev.iter().cloned());
        }
    }
    ev.sort_by_key(|e| e.ts);
    let out = render(&ev, dropped);
    let mut b = out.as_bytes();
    let mut off = 0;
    // SAFETY: our fd: the file is rewritten from the start.
    unsafe { libc::ftruncate(fd, 0) };
    while !b.is_empty() {
        // SAFETY: b is a valid buffer; fd is the trace file.
        let n = unsafe { libc::pwrite(fd, b.as_ptr() as *const libc::c_void, b.len(), off) };
        if n <= 0 {
            if n < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            crate::base::report::ewrite(b"thread9: LIBTHREAD=trace=: writing the trace file failed\n");
            break;
        }
        b = &b[n as usize..];
        off += n as libc::off_t;
    }
    if last {
        // SAFETY: our fd, not used after (WRITTEN is set).
        unsafe { libc::close(fd) };
    }
}

/// The events (sorted by time) as a JSON array: B/E slices balanced per track, and
/// each wake-up paired with the woken thread's next run on the other proc.
fn render(ev: &[Ev], dropped: u64) -> String {
    // SAFETY: PID is written once, before any event.
    let pid = unsafe { PID };
    let mut o = String::with_capacity(ev.len() * 96 + 256);
    o.push_str("[\n");
    let mut procs: Vec<u32> = ev.iter().map(|e| e.proc).collect();
    procs.sort_unstable();
    procs.dedup();
    let _ = write!(
        o,
        "{{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":{pid},\"tid\":0,\"args\":{{\"name\":\"thread9 (pid {pid})\",\"dropped_events\":{dropped}}}}}"
    );
    for p in &procs {
        let _ = write!(
            o,
            ",\n{{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":{pid},\"tid\":{p},\"args\":{{\"name\":\"proc {p}\"}}}}"
        );
        let _ = write!(
            o,
            ",\n{{\"ph\":\"M\",\"name\":\"thread_sort_index\",\"pid\":{pid},\"tid\":{p},\"args\":{{\"sort_index\":{p}}}}}"
        );
    }
    // Per track: the open slice's thread. Per woken thread: the wake-up waiting for
    // its next run (time, waker's proc, target proc).
    let mut open: HashMap<u32, i32> = HashMap::new();
    let mut pending: HashMap<i32, (u64, u32, u32)> = HashMap::new();
    let mut flow = 0u64;
    let mut last = 0;
    for e in ev {
        last = e.ts;
        let ts = us(e.ts);
        let p = e.proc;
        match &e.kind {
            Kind::Begin(name) => {
                if let Some(t) = open.insert(p, e.tid) {
                    let _ = write!(
                        o,
                        ",\n{{\"ph\":\"E\",\"pid\":{pid},\"tid\":{p},\"ts\":{ts},\"args\":{{\"thread\":{t}}}}}"
                    );
                }
                o.push_str(",\n{\"ph\":\"B\",\"cat\":\"run\",\"name\":\"");
                esc(&mut o, name);
                let _ = write!(o, "\",\"pid\":{pid},\"tid\":{p},\"ts\":{ts},\"args\":{{\"thread\":{}}}}}", e.tid);
                if let Some((wts, from, to)) = pending.remove(&e.tid) {
                    if to == p && from != p {
                        flow += 1;
                        let _ = write!(
                            o,
                            ",\n{{\"ph\":\"s\",\"cat\":\"wake\",\"name\":\"wake\",\"id\":{flow},\"pid\":{pid},\"tid\":{from},\"ts\":{}}}",
                            us(wts)
                        );
                        let _ = write!(
                            o,
                            ",\n{{\"ph\":\"f\",\"bp\":\"e\",\"cat\":\"wake\",\"name\":\"wake\",\"id\":{flow},\"pid\":{pid},\"tid\":{p},\"ts\":{ts}}}"
                        );
                    }
                }
            }
            Kind::End => {
                if open.get(&p) == Some(&e.tid) {
                    open.remove(&p);
                    let _ = write!(
                        o,
                        ",\n{{\"ph\":\"E\",\"pid\":{pid},\"tid\":{p},\"ts\":{ts},\"args\":{{\"thread\":{}}}}}",
                        e.tid
                    );
                }
            }
            Kind::Wake { to } => {
                pending.insert(e.tid, (e.ts, p, *to));
            }
            Kind::Instant(what) => {
                o.push_str(",\n{\"ph\":\"i\",\"s\":\"t\",\"cat\":\"event\",\"name\":\"");
                esc(&mut o, what);
                let _ = write!(o, "\",\"pid\":{pid},\"tid\":{p},\"ts\":{ts},\"args\":{{\"thread\":{}}}}}", e.tid);
            }
        }
    }
    // Slices still open (the program ended inside them) end with the last event.
    let mut left: Vec<(u32, i32)> = open.into_iter().collect();
    left.sort_unstable();
    for (p, t) in left {
        let _ =
            write!(o, ",\n{{\"ph\":\"E\",\"pid\":{pid},\"tid\":{p},\"ts\":{},\"args\":{{\"thread\":{t}}}}}", us(last));
    }
    o.push_str("\n]\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(ts: u64, proc: u32, tid: i32, kind: Kind) -> Ev {
        Ev { ts, proc, tid, kind }
    }

    #[test]
    fn render_pairs_slices_and_flows() {
        let n: Arc<str> = "a\"b".into();
        let evs = vec![
            ev(1000, 0, 5, Kind::End), // its Begin fell out of the ring: dropped
            ev(2000, 0, 1, Kind::Begin(n.clone())),
            ev(3000, 0, 2, Kind::Wake { to: 1 }),
            ev(3500, 0, 1, Kind::Instant("blocks: Recv on channel \"c\"".into())),
            ev(4000, 0, 1, Kind::End),
            ev(5000, 1, 2, Kind::Begin(n.clone())),
            ev(6000, 1, 3, Kind::Wake { to: 0 }), // never runs again: no flow
        ];
        let s = render(&evs, 0);
        assert_eq!(s.matches("\"ph\":\"B\"").count(), 2);
        // The second slice is still open at the end: closed at the last event.
        assert_eq!(s.matches("\"ph\":\"E\"").count(), 2);
        assert_eq!(s.matches("\"ph\":\"s\"").count(), 1);
        assert_eq!(s.matches("\"ph\":\"f\"").count(), 1);
        assert!(s.contains("\"name\":\"a\\\"b\""));
        assert!(s.contains("\"name\":\"blocks: Recv on channel \\\"c\\\"\""));
        assert!(s.trim_end().ends_with(']'));
    }
}
