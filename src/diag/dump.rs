//! The thread dump (SIGQUIT, threadprintall) and the deadlock report.
//!
//! For every proc, its threads: id, name, group, what each waits for and on what
//! (every channel of an alt, the fds, the lock, the iocall, the sleep's end), for
//! how long (coarse seconds), a symbolized backtrace unwound from the thread's saved
//! registers (symbols.rs) and where it was created. Threads with the same wait, stack
//! and creator are printed once with a count (LIBTHREAD=dumpall prints all of them,
//! and the library's own frames too).

use super::symbols::{self, Frame, Symbolizer};
use crate::base::report::{cstr, ewrite};
use crate::chan::alt::{Alt, CHANEND, CHANNOBLK, CHANNOP, CHANRCV, CHANSND};
use crate::chan::name_of as channame;
use crate::runtime::poll::FdWaiter;
use crate::runtime::proc::{self, Proc};
use crate::runtime::thread::{Co, Thread, Wait};
use core::ffi::c_void;
use core::fmt::Write;
use core::sync::atomic::Ordering;
use std::collections::HashMap;

/// Registers the dump and the deadlock report with the lower layers.
pub fn install() {
    crate::runtime::upcall::set_dump(printall);
    crate::runtime::upcall::set_deadlock(deadlock);
    super::crash::install();
}

/// Frames shown per thread at most.
const MAXFRAMES: usize = 64;

fn dumpall() -> bool {
    crate::base::flags::flag(crate::base::flags::F_DUMPALL)
}

/// How long a wait has lasted, as "[12 s]" or "[3 minutes]" (Go's dump says minutes).
fn waited(t: *mut Thread) -> String {
    // SAFETY: t is registered (the caller holds its proc's registry lock).
    let since = unsafe { (*t).since() };
    if since == 0 {
        return String::new();
    }
    let d = crate::base::futex::now_secs().saturating_sub(since);
    match d {
        0 => String::new(),
        1..=119 => format!(" [{d} s]"),
        _ => format!(" [{} minutes]", d / 60),
    }
}

/// The state of a thread: what it waits for and on what.
///
/// # Safety
/// `t` is registered (its proc's registry lock held) and, when `running` is false,
/// parked: the objects of its wait live until it is woken (read as a snapshot).
unsafe fn state(t: *mut Thread, running: bool, sym: &Symbolizer) -> String {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let on = (*t).waitchan();
        if running && (*t).wait() == Wait::Exec {
            return "running: waiting for a child process (exec)".to_string();
        } else if running && (*t).wait() == Wait::Io {
            return "running an iocall op".to_string();
        } else if running {
            return "running".to_string();
        }
        let mut s = match (*t).wait() {
            Wait::None => "ready".into(),
            Wait::Send => format!("blocked in send on channel {}", channame(on as _)),
            Wait::Recv => format!("blocked in recv on channel {}", channame(on as _)),
            Wait::Alt => format!("blocked in alt on {}", alt_cases(on as *mut Alt)),
            Wait::Sleep => "sleeping".into(),
            Wait::Lock => {
                if on.is_null() {
                    "blocked on a lock".into()
                } else {
                    format!("blocked on a lock at {}", data_name(sym, on as usize))
                }
            }
            Wait::Io => {
                if on.is_null() {
                    "in iocall".into()
                } else {
                    match crate::io::ioproc::wait_info(on, t) {
                        Some((name, 0)) => format!("in iocall: {name} on ioproc {on:p}"),
                        Some((name, op)) => format!("in iocall: {name} of {} on ioproc {on:p}", func_name(sym, op)),
                        None => format!("in iocall: waiting for ioproc {on:p} to finish another call"),
                    }
                }
            }
            Wait::Idle => "idle".into(),
            Wait::Fd => format!("waiting for {}", fds(on)),
            Wait::Exec => "waiting for a child process (exec)".into(),
        };
        if (*t).timer.armed() {
            let left = (*t).timer.deadline as i64 - crate::base::futex::now_ns() as i64;
            let _ = write!(s, " until {:+.3} s", left as f64 / 1e9);
        }
        s
    }
}

/// The cases of an alt: "recv \"a\", send 0x… (channel names or addresses)".
///
/// # Safety
/// `a` is the Alt array of a parked alt (or null).
unsafe fn alt_cases(a: *mut Alt) -> String {
    if a.is_null() {
        return "channels".into();
    }
    let mut s = String::new();
    // SAFETY: the caller upholds this function's contract: the array is terminated by
    // CHANEND/CHANNOBLK and stays put while its thread is parked.
    unsafe {
        for i in 0..64 {
            let e = &*a.add(i);
            let what = match e.op {
                CHANEND | CHANNOBLK => break,
                CHANSND => "send",
                CHANRCV => "recv",
                CHANNOP => continue,
                _ => "?",
            };
            if !s.is_empty() {
                s += ", ";
            }
            let _ = write!(s, "{what} {}", channame(e.c));
        }
    }
    s
}

/// The fds of an fd wait: "fd 3 (read), fd 4 (write)".
///
/// # Safety
/// `on` is the object of a parked Fd wait: a `&mut [FdWaiter]` on the waiter's stack.
unsafe fn fds(on: *mut c_void) -> String {
    if on.is_null() {
        return "an fd".into();
    }
    let mut s = String::new();
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let ws: &[FdWaiter] = &**(on as *const &mut [FdWaiter]);
        for w in ws.iter().take(16) {
            let dir = match (w.events & libc::POLLIN as u32 != 0, w.events & libc::POLLOUT as u32 != 0) {
                (true, true) => "read/write",
                (false, true) => "write",
                _ => "read",
            };
            if !s.is_empty() {
                s += ", ";
            }
            let _ = write!(s, "fd {} ({dir})", w.fd);
        }
    }
    if s.is_empty() {
        "an fd".into()
    } else {
        s
    }
}

fn data_name(sym: &Symbolizer, a: usize) -> String {
    match sym.symbol(a as u64) {
        Some((n, 0)) => format!("{a:#x} ({})", addr2line::demangle_auto(n.as_str().into(), None)),
        Some((n, o)) => format!("{a:#x} ({}+{o:#x})", addr2line::demangle_auto(n.as_str().into(), None)),
        None => format!("{a:#x}"),
    }
}

fn func_name(sym: &Symbolizer, a: usize) -> String {
    match sym.frames(a as u64, false).last() {
        Some(Frame { func: Some(f), .. }) => f.clone(),
        _ => format!("{a:#x}"),
    }
}

/// One frame line (without indentation).
pub fn frame_line(f: &Frame, addr: u64) -> String {
    let name = f.func.clone().unwrap_or_else(|| format!("{addr:#x}"));
    match (&f.file, &f.module) {
        (Some((file, line)), _) => format!("{name} at {file}:{line}"),
        (None, Some(m)) if f.func.is_some() => format!("{name}+{:#x} in {m}", f.off),
        (None, Some(m)) => format!("{addr:#x} in {m}+{:#x}", f.off),
        (None, None) => name,
    }
}

/// The symbolized lines of a stack of return addresses (the first one the pc). The
/// library's own frames are left out unless `all` (or nothing else is left).
pub fn stack_lines(
    sym: &Symbolizer,
    pcs: &[u64],
    all: bool,
    memo: &mut HashMap<(u64, bool), Vec<Frame>>,
) -> Vec<String> {
    let mut rows: Vec<(bool, String)> = Vec::new();
    for (i, &pc) in pcs.iter().enumerate() {
        let ret = i != 0;
        // Past a coroutine's root, or outside every module, is not the thread's.
        if ret && (!sym.known(pc) || sym.is_root(pc)) {
            break;
        }
        let fr = memo.entry((pc, ret)).or_insert_with(|| sym.frames(pc, ret));
        for f in fr.iter() {
            rows.push((f.internal, frame_line(f, pc)));
        }
    }
    let keep = all || rows.iter().all(|r| r.0);
    rows.into_iter().filter(|r| keep || !r.0).map(|r| r.1).collect()
}

/// Reads stack words in [lo, hi) only.
fn reader(lo: u64, hi: u64) -> impl FnMut(u64) -> Option<u64> {
    move |a: u64| {
        if a >= lo && a.checked_add(8).is_some_and(|e| e <= hi) && a.is_multiple_of(8) {
            // SAFETY: within a mapped stack region (a thread's, or this OS thread's).
            Some(unsafe { core::ptr::read_volatile(a as *const u64) })
        } else {
            None
        }
    }
}

/// Where to unwind a thread that is not running from: its saved pc, sp and fp.
///
/// A thread suspended by corosensei (switch_yield) left [resume pc][rbx][rbp] at its
/// saved stack pointer, which its Coroutine holds; a thread hosting another (sched/
/// host.rs) is inside that one's resume, whose switch left [rbp][return pc][rbx] at
/// the parent link 16 bytes below the hosted stack's base.
///
/// # Safety
/// `t` is registered and not running on its proc (or its proc is `p` hosting).
#[cfg(target_arch = "x86_64")]
unsafe fn saved_regs(p: *mut Proc, t: *mut Thread) -> Option<(u64, u64, u64)> {
    // SAFETY: the caller upholds this function's contract (its # Safety section); all
    // stack reads are bounded to the thread's own stack.
    unsafe {
        let co = (*t).co.as_ref()?;
        let lo = (*t).stack_lo as u64;
        let hi = (*t).stack_top() as u64;
        let mut rd = reader(lo, hi);
        // A host's own Coroutine holds a stale stack pointer: look at the hosted one.
        let n = (*p).cur.load(Ordering::Relaxed);
        if (*p).host == t {
            if n.is_null() || n == t {
                return None;
            }
            let link = rd_other(n, (*n).stack_top() as u64 - 16)?;
            return Some((rd(link + 8)?, link + 24, rd(link)?));
        }
        // The Coroutine's saved stack pointer (its `stack_ptr`; its field order is
        // corosensei's): of the words of the Coroutine inside its stack, the initial
        // stack pointer sits near the top and the saved one below it.
        let words = core::slice::from_raw_parts(co as *const Co as *const u64, core::mem::size_of::<Co>() / 8);
        let mut ins: Vec<u64> = words.iter().copied().filter(|&w| w > lo && w < hi).collect();
        ins.sort_unstable();
        ins.dedup();
        if ins.len() < 2 {
            return None; // not started yet
        }
        let sp = ins[0];
        Some((rd(sp)?, sp + 24, rd(sp + 16)?))
    }
}

#[cfg(not(target_arch = "x86_64"))]
unsafe fn saved_regs(_p: *mut Proc, _t: *mut Thread) -> Option<(u64, u64, u64)> {
    None
}

/// Reads a word of thread `n`'s stack.
///
/// # Safety
/// `n` is registered.
unsafe fn rd_other(n: *mut Thread, a: u64) -> Option<u64> {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let lo = (*n).stack_lo as u64;
        reader(lo, lo + (*n).stack_size as u64)(a)
    }
}

/// This OS thread's registers here (its caller's frame is unwound from them).
#[cfg(target_arch = "x86_64")]
#[inline(never)]
fn here() -> (u64, u64, u64) {
    let (pc, sp, bp): (u64, u64, u64);
    // SAFETY: reads registers only.
    unsafe {
        core::arch::asm!("lea {0}, [rip]", "mov {1}, rsp", "mov {2}, rbp", out(reg) pc, out(reg) sp, out(reg) bp,
            options(nomem, nostack, preserves_flags));
    }
    (pc, sp, bp)
}

/// The backtrace of thread `t` (return addresses, the pc first): empty when it runs
/// on another OS thread (its registers are not saved anywhere).
///
/// # Safety
/// `t` is registered; `me` is the calling thread (or null).
unsafe fn backtrace(sym: &Symbolizer, p: *mut Proc, t: *mut Thread, me: *mut Thread, running: bool) -> Vec<u64> {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let lo = (*t).stack_lo as u64;
        let hi = (*t).stack_top() as u64;
        #[cfg(target_arch = "x86_64")]
        if t == me {
            let (pc, sp, bp) = here();
            return sym.unwind(pc, sp, bp, &mut reader(lo, hi), MAXFRAMES + 8);
        }
        if running {
            return Vec::new();
        }
        match saved_regs(p, t) {
            Some((pc, sp, bp)) => sym.unwind(pc, sp, bp, &mut reader(lo, hi), MAXFRAMES + 8),
            None => Vec::new(),
        }
    }
}

/// The "created by" line of `t`.
///
/// # Safety
/// `t` is registered.
unsafe fn created_by(sym: &Symbolizer, t: *mut Thread, memo: &mut HashMap<(u64, bool), Vec<Frame>>) -> String {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    let (creator, func) = unsafe { ((*t).creator as u64, (*t).func as u64) };
    if creator == 0 {
        let f = memo.entry((func, false)).or_insert_with(|| sym.frames(func, false));
        return match f.last() {
            Some(fr) => format!("started by thread9: {}", frame_line(fr, func)),
            None => format!("started by thread9: {func:#x}"),
        };
    }
    let f = memo.entry((creator, true)).or_insert_with(|| sym.frames(creator, true));
    // The innermost frame at the call site is the creating function (inlined or not).
    match f.first() {
        Some(fr) => format!("created by {}", frame_line(fr, creator)),
        None => format!("created by {creator:#x}"),
    }
}

struct Entry {
    id: i32,
    head: String,
    lines: Vec<String>,
    creator: String,
    key: (u8, Vec<u64>, usize, usize),
}

/// The thread dump: every proc and thread with id, name, group, state, backtrace,
/// creator.
pub fn dump() -> String {
    symbols::with(true, dump_with)
}

fn dump_with(sym: &Symbolizer) -> String {
    let mut out = String::new();
    let me = crate::runtime::sched::current();
    let all = dumpall();
    let mut memo = HashMap::new();
    proc::for_each(|p: *mut Proc| {
        // SAFETY: p is registered (we hold the proc list lock).
        unsafe {
            let sys = if (*p).sys.load(Ordering::Relaxed) { " (sysproc)" } else { "" };
            let _ = writeln!(
                out,
                "proc {} tid {}{}{}",
                (*p).id,
                (*p).tid.load(Ordering::Relaxed),
                if (*p).is_main { " main" } else { "" },
                sys
            );
            let cur = (*p).cur.load(Ordering::Relaxed);
            let mut ents: Vec<Entry> = Vec::new();
            proc::for_each_thread(p, |t| {
                let running = t == cur || t == me;
                let mut head = format!(
                    "\tthread {} \"{}\" grp {} {}",
                    (*t).id,
                    String::from_utf8_lossy((*t).name_str()),
                    (*t).grp.load(Ordering::Relaxed),
                    state(t, running, sym)
                );
                if !running {
                    head += &waited(t);
                }
                if let Some(b) = &(*t).state {
                    head += &format!(" [{}]", cstr(b.as_ptr()));
                }
                let pcs = backtrace(sym, p, t, me, running);
                let mut lines = stack_lines(sym, &pcs, all, &mut memo);
                lines.truncate(MAXFRAMES);
                if pcs.is_empty() && running && t != me {
                    lines.push("(running on its proc's OS thread: no saved stack)".into());
                } else if pcs.is_empty() {
                    lines.push("(no stack: not started yet)".into());
                }
                let creator = created_by(sym, t, &mut memo);
                let key = ((*t).wait() as u8, pcs, (*t).creator, (*t).func);
                ents.push(Entry { id: (*t).id, head, lines, creator, key });
            });
            // Group threads with the same wait, stack and creator (in first-seen order).
            let mut order: Vec<usize> = Vec::new();
            let mut groups: HashMap<&(u8, Vec<u64>, usize, usize), Vec<usize>> = HashMap::new();
            for (i, e) in ents.iter().enumerate() {
                let g = groups.entry(&e.key).or_default();
                if g.is_empty() {
                    order.push(i);
                }
                g.push(i);
            }
            for &i in &order {
                let e = &ents[i];
                let g = &groups[&e.key];
                let solo = all || g.len() == 1 || e.key.1.is_empty();
                let members: &[usize] = if solo { g } else { &g[..1] };
                for &j in members {
                    let m = &ents[j];
                    out += &m.head;
                    out.push('\n');
                    for l in &m.lines {
                        let _ = writeln!(out, "\t\t{l}");
                    }
                    let _ = writeln!(out, "\t\t{}", m.creator);
                }
                if !solo {
                    let ids: Vec<String> = g[1..].iter().take(20).map(|&j| ents[j].id.to_string()).collect();
                    let more = if g.len() > 21 { ", …" } else { "" };
                    let _ = writeln!(
                        out,
                        "\t+ {} more threads with this wait, stack and creator: {}{more} (LIBTHREAD=dumpall lists them)",
                        g.len() - 1,
                        ids.join(", ")
                    );
                }
            }
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
