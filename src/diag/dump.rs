//! The thread dump (SIGQUIT, threadprintall) and the deadlock report.

use crate::base::report::{cstr, ewrite, exact_symbol};
use crate::chan::name_of as channame;
use crate::runtime::proc::{self, Proc};
use crate::runtime::thread::{Thread, Wait};
use core::sync::atomic::Ordering;

/// Registers the dump and the deadlock report with the lower layers.
pub fn install() {
    crate::runtime::upcall::set_dump(printall);
    crate::runtime::upcall::set_deadlock(deadlock);
}

fn describe(t: *mut Thread, running: bool) -> String {
    // SAFETY: t is registered (we hold its proc's registry lock).
    unsafe {
        let st = if running && (*t).wait() == Wait::Exec {
            "running: waiting for a child process (exec)".to_string()
        } else if running && (*t).wait() == Wait::Io {
            "running an iocall op".to_string()
        } else if running {
            "running".to_string()
        } else {
            match (*t).wait() {
                Wait::None => "ready".into(),
                Wait::Send => format!("blocked in send on channel {}", channame((*t).waitchan() as _)),
                Wait::Recv => format!("blocked in recv on channel {}", channame((*t).waitchan() as _)),
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

fn symbol(addr: usize) -> String {
    exact_symbol(addr).unwrap_or_else(|| format!("{:#x}", addr))
}

/// The thread dump: every proc and thread with id, name, group, state, creator.
pub fn dump() -> String {
    let mut out = String::new();
    let me = crate::runtime::sched::current();
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
            let cur = (*p).cur.load(Ordering::Relaxed);
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
