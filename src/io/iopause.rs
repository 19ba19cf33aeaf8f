//! Thread-aware waiting on fds and time (docs/SERVE-AND-POLL.md): djb's iopause with
//! thread9's rules, the thread-blocking I/O helpers, threadsleep, alt with deadlines,
//! and the one-shot fdchan/timerchan/deadlinechan channels.
//!
//! Readiness always comes from `poll(…, 0)` (D3); the proc's epoll (poll.rs) only says
//! when to look again. A waiting thread parks with its deadline on the proc's timer
//! heap, so only the thread waits: the proc runs its other threads meanwhile.

use crate::base::futex;
use crate::base::report;
use crate::chan::alt::{self, Alt};
use crate::chan::{self, Channel};
use crate::io::net::FdMsg;
use crate::runtime::errstr;
use crate::runtime::poll::{self, FdWaiter};
use crate::runtime::proc::Proc;
use crate::runtime::sched;
use crate::runtime::thread::*;
use crate::runtime::timer::Timer;
use core::ffi::{c_char, c_void};
use core::ptr::null_mut;
use core::sync::atomic::{AtomicUsize, Ordering};
use libc::pollfd;
use std::collections::HashMap;
use std::sync::Mutex;

const POLL_BAD: i16 = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;
const RW: i16 = libc::POLLIN | libc::POLLOUT;
const MS: u64 = 1_000_000;

fn errno() -> i32 {
    // SAFETY: glibc's per-OS-thread errno location.
    unsafe { *libc::__errno_location() }
}

fn set_errno(e: i32) {
    // SAFETY: as above.
    unsafe { *libc::__errno_location() = e };
}

/// Sets errno and the errstr to its text (plan9port code reports with %r).
fn fail_errno(e: i32) {
    errstr::set(crate::base::errno::string(e).as_bytes());
    set_errno(e);
}

fn interrupted() -> i32 {
    errstr::set(b"interrupted");
    set_errno(libc::EINTR);
    -1
}

/// nsecmono(): CLOCK_MONOTONIC in ns, the clock of every native deadline.
pub fn nsecmono() -> u64 {
    futex::now_ns()
}

/// An absolute deadline `ns` from now; 0 (none) when it cannot be represented.
fn after(ns: u64) -> u64 {
    futex::now_ns().checked_add(ns).unwrap_or(0)
}

/// iopause readiness: the requested READ/WRITE bits are added on hang-up, error or a
/// closed fd; negative fds report nothing. Returns the count of non-zero revents.
///
/// # Safety
/// `x` holds `n` pollfds.
unsafe fn fixup(x: *mut pollfd, n: usize) -> i32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let mut k = 0;
        for i in 0..n {
            let e = &mut *x.add(i);
            if e.fd < 0 {
                e.revents = 0;
                continue;
            }
            if e.revents & POLL_BAD != 0 {
                e.revents |= e.events & RW;
            }
            if e.revents != 0 {
                k += 1;
            }
        }
        k
    }
}

/// One `poll(x, n, ms)` with revents zeroed first and fixed up after; -1 with errno.
///
/// # Safety
/// `x` holds `n` pollfds (or is anything when `n` is 0).
unsafe fn poll_once(x: *mut pollfd, n: usize, ms: i32) -> i32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        for i in 0..n {
            (*x.add(i)).revents = 0;
        }
        let r = libc::poll(if n == 0 { null_mut() } else { x }, n as libc::nfds_t, ms);
        if r < 0 {
            return -1;
        }
        fixup(x, n)
    }
}

/// Milliseconds to `deadline` (0 = none → -1), rounded up so poll never returns early.
fn ms_until(deadline: u64) -> i32 {
    if deadline == 0 {
        return -1;
    }
    let rel = deadline.saturating_sub(futex::now_ns());
    rel.div_ceil(MS).min(i32::MAX as u64) as i32
}

/// Waiting outside any thread9 thread: plain poll until ready or the deadline
/// (signals restart the wait when `restart`).
///
/// # Safety
/// `x` holds `n` pollfds (anything when `n` is 0) that stay valid for the call.
unsafe fn wait_plain(x: *mut pollfd, n: usize, deadline: u64, restart: bool) -> i32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        loop {
            let r = poll_once(x, n, ms_until(deadline));
            if r != 0 && !(r < 0 && restart && errno() == libc::EINTR) {
                return r;
            }
            if r == 0 && (deadline == 0 || futex::now_ns() >= deadline) {
                return 0;
            }
        }
    }
}

/// Parks the calling thread until one of `x[0..n)` is ready (count > 0), the absolute
/// `deadline` passes (0; never before it), or threadint (-1, EINTR, "interrupted").
/// Outside a thread9 thread it is a plain poll.
///
/// # Safety
/// `x` holds `n` pollfds that stay valid for the call.
pub unsafe fn wait_fds(x: *mut pollfd, n: usize, deadline: u64) -> i32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let t = sched::current();
        if t.is_null() {
            return wait_plain(x, n, deadline, true);
        }
        let p: *mut Proc = (*t).proc;
        let nfd = (0..n).filter(|&i| (*x.add(i)).fd >= 0).count();
        // The waiter nodes stay put while linked: a single one lives on this stack.
        let mut one = [FdWaiter::new(-1, 0, t)];
        let mut many: Vec<FdWaiter>;
        let ws: &mut [FdWaiter] = if nfd <= 1 {
            &mut one[..nfd]
        } else {
            many = (0..n).filter(|&i| (*x.add(i)).fd >= 0).map(|_| FdWaiter::new(-1, 0, t)).collect();
            &mut many
        };
        loop {
            let r = poll_once(x, n, 0);
            if r > 0 {
                return r;
            }
            let mut recheck = false;
            if r < 0 {
                // Memory pressure (ENOMEM/EAGAIN): retry after 1 ms, never report false
                // readiness. Anything else is the caller's error.
                let e = errno();
                if e != libc::ENOMEM && e != libc::EAGAIN {
                    fail_errno(e);
                    return -1;
                }
                recheck = true;
            }
            let now = futex::now_ns();
            if deadline != 0 && now >= deadline {
                return 0;
            }
            crate::runtime::sched::arm(t);
            let mut k = 0;
            for i in 0..n {
                let e = &*x.add(i);
                if e.fd < 0 || recheck {
                    continue;
                }
                let w = &mut ws[k];
                k += 1;
                *w = FdWaiter::new(e.fd, (e.events & (RW | libc::POLLPRI | libc::POLLRDHUP)) as u16 as u32, t);
                if !poll::arm(p, w) {
                    // epoll refuses this fd: look again in a millisecond.
                    recheck = true;
                }
            }
            let mut d = deadline;
            if recheck {
                let r = now + MS;
                d = if d == 0 { r } else { d.min(r) };
            }
            // For the thread dump: the object is this `&mut [FdWaiter]` (address, length).
            let code = sched::park(Wait::Fd, core::ptr::addr_of!(ws) as *mut c_void, d);
            for w in ws.iter_mut() {
                poll::unlink(p, w);
            }
            sched::check_killed();
            if code == SEL_INTR {
                return interrupted();
            }
        }
    }
}

/// Wait `deadline − stamp` (ns); None = none at all (unrepresentable). Some(0) = poll once.
fn taia_wait(deadline: &crate::base::taia::Taia, stamp: &crate::base::taia::Taia) -> Option<u64> {
    if !crate::base::taia::less(stamp, deadline) {
        return Some(0);
    }
    let mut d = crate::base::taia::Taia::default();
    crate::base::taia::sub(&mut d, deadline, stamp);
    let ns = d.sec.x.checked_mul(1_000_000_000)?.checked_add(d.nano)?;
    // Attoseconds round up: never early.
    Some(ns + (d.atto != 0) as u64)
}

fn fd_limit() -> u64 {
    let mut r = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: r is a valid out-pointer.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut r) } < 0 {
        return 1 << 20;
    }
    r.rlim_max
}

/// iopause (docs/SERVE-AND-POLL.md, iopause).
///
/// # Safety
/// `x` holds `len` pollfds; `deadline` and `stamp` are taias (checked for nil).
pub unsafe fn iopause(
    x: *mut pollfd,
    len: u32,
    deadline: *const crate::base::taia::Taia,
    stamp: *const crate::base::taia::Taia,
) -> i32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if x.is_null() && len > 0 {
            report::misuse("iopause", &format!("nil iopause_fd array with len {len}"));
        }
        if deadline.is_null() || stamp.is_null() {
            report::misuse("iopause", if deadline.is_null() { "nil deadline" } else { "nil stamp" });
        }
        if len > 1024 {
            let lim = fd_limit();
            if len as u64 > lim {
                errstr::set(format!("iopause: len {len} exceeds the fd limit {lim}").as_bytes());
                set_errno(libc::EINVAL);
                return -1;
            }
        }
        let n = len as usize;
        let wait = taia_wait(&*deadline, &*stamp);
        if wait == Some(0) {
            let r = poll_once(x, n, 0);
            if r < 0 {
                fail_errno(errno());
            }
            return r;
        }
        let abs = wait.map_or(0, after);
        if sched::current().is_null() {
            // Outside thread9: plain poll, returning early on a signal like djb's.
            let r = wait_plain(x, n, abs, false);
            if r < 0 {
                fail_errno(errno());
            }
            return r;
        }
        wait_fds(x, n, abs)
    }
}

fn rw_events(rw: i32, call: &str) -> Option<i16> {
    match rw as u8 {
        b'r' | b'R' => Some(libc::POLLIN),
        b'w' | b'W' => Some(libc::POLLOUT),
        _ => {
            report::complain(call, &format!("bad direction {rw} (want 'r' or 'w')"));
            errstr::set(b"bad direction");
            set_errno(libc::EINVAL);
            None
        }
    }
}

/// threadfdwaituntil: 1 ready (readable/writable/hung up/closed), 0 deadline, -1 interrupted.
pub fn fdwaituntil(fd: i32, rw: i32, deadline: u64, call: &str) -> i32 {
    let Some(ev) = rw_events(rw, call) else { return -1 };
    if fd < 0 {
        report::complain(call, &format!("negative fd {fd}"));
        fail_errno(libc::EBADF);
        return -1;
    }
    let mut x = pollfd { fd, events: ev, revents: 0 };
    // SAFETY: one pollfd on our stack.
    let r = unsafe { wait_fds(&mut x, 1, deadline) };
    r.min(1)
}

fn wait_one(fd: i32, ev: i16) -> i32 {
    let mut x = pollfd { fd, events: ev, revents: 0 };
    // SAFETY: one pollfd on our stack.
    unsafe { wait_fds(&mut x, 1, 0) }
}

fn getfl(fd: i32) -> i32 {
    // SAFETY: F_GETFL has no memory arguments.
    unsafe { libc::fcntl(fd, libc::F_GETFL) }
}

/// threadread: one read that parks only the caller. Sockets: recv(MSG_DONTWAIT);
/// other fds: wait until readable, then one read (EAGAIN on a non-blocking fd just
/// waits again). A reader racing on a shared blocking fd could make that read block
/// the proc: threadfdnoblock prevents it. Never changes the fd's flags.
pub fn read(fd: i32, buf: *mut c_void, n: i64) -> i64 {
    if n < 0 {
        report::complain("threadread", &format!("negative count {n}"));
        fail_errno(libc::EINVAL);
        return -1;
    }
    let n = n as usize;
    // SAFETY: the caller passes a buffer of n bytes; the syscalls check the rest.
    unsafe {
        if poll::kind(fd) != poll::KIND_OTHER {
            loop {
                let r = libc::recv(fd, buf, n, libc::MSG_DONTWAIT);
                if r >= 0 {
                    return r as i64;
                }
                match errno() {
                    libc::EAGAIN => {
                        poll::set_kind(fd, poll::KIND_SOCKET);
                        if wait_one(fd, libc::POLLIN) < 0 {
                            return -1;
                        }
                    }
                    libc::EINTR => {}
                    libc::ENOTSOCK => {
                        poll::set_kind(fd, poll::KIND_OTHER);
                        break;
                    }
                    e => {
                        fail_errno(e);
                        return -1;
                    }
                }
            }
        }
        loop {
            if wait_one(fd, libc::POLLIN) < 0 {
                return -1;
            }
            let r = libc::read(fd, buf, n);
            if r >= 0 {
                return r as i64;
            }
            match errno() {
                libc::EAGAIN => {}
                // A signal, e.g. threadint's to a thread stuck in this read (the
                // shared-fd race): report it as read(2) would.
                libc::EINTR => return interrupted() as i64,
                e => {
                    fail_errno(e);
                    return -1;
                }
            }
        }
    }
}

/// threadreadn: reads until n bytes, EOF or an error; a partial count if any was read.
pub fn readn(fd: i32, buf: *mut c_void, n: i64) -> i64 {
    if n < 0 {
        report::complain("threadreadn", &format!("negative count {n}"));
        fail_errno(libc::EINVAL);
        return -1;
    }
    let mut got = 0i64;
    while got < n {
        // SAFETY: within the caller's n-byte buffer.
        let r = read(fd, unsafe { (buf as *mut u8).add(got as usize) } as *mut c_void, n - got);
        if r < 0 {
            return if got > 0 { got } else { -1 };
        }
        if r == 0 {
            break;
        }
        got += r;
    }
    got
}

/// threadwrite: writes all n bytes (plan9port), parking only the caller while the fd
/// is full. Sockets: send(MSG_DONTWAIT). Other fds: wait until writable, then write;
/// pipes, ttys and the like take PIPE_BUF pieces, which a writable pipe accepts
/// without blocking; regular files are written directly.
pub fn write(fd: i32, buf: *const c_void, n: i64) -> i64 {
    if n < 0 {
        report::complain("threadwrite", &format!("negative count {n}"));
        fail_errno(libc::EINVAL);
        return -1;
    }
    let n = n as usize;
    let mut off = 0usize;
    let partial = |off: usize| if off > 0 { off as i64 } else { -1 };
    // SAFETY: the caller's buffer holds n bytes; the syscalls check the rest.
    unsafe {
        let p = |off: usize| (buf as *const u8).add(off) as *const c_void;
        if poll::kind(fd) != poll::KIND_OTHER {
            loop {
                let r = libc::send(fd, p(off), n - off, libc::MSG_DONTWAIT);
                if r >= 0 {
                    off += r as usize;
                    if off >= n {
                        return n as i64;
                    }
                    continue;
                }
                match errno() {
                    libc::EAGAIN => {
                        poll::set_kind(fd, poll::KIND_SOCKET);
                        if wait_one(fd, libc::POLLOUT) < 0 {
                            return partial(off);
                        }
                    }
                    libc::EINTR => {}
                    libc::ENOTSOCK => {
                        poll::set_kind(fd, poll::KIND_OTHER);
                        break;
                    }
                    e => {
                        fail_errno(e);
                        return partial(off);
                    }
                }
            }
        }
        let mut piece = n;
        if n > libc::PIPE_BUF {
            let mut st: libc::stat = core::mem::zeroed();
            let f = if libc::fstat(fd, &mut st) == 0 { st.st_mode & libc::S_IFMT } else { 0 };
            if f != libc::S_IFREG && f != libc::S_IFBLK {
                piece = libc::PIPE_BUF;
            }
        }
        loop {
            if wait_one(fd, libc::POLLOUT) < 0 {
                return partial(off);
            }
            let r = libc::write(fd, p(off), (n - off).min(piece));
            if r >= 0 {
                off += r as usize;
                if off >= n {
                    return n as i64;
                }
                continue;
            }
            match errno() {
                libc::EAGAIN => {}
                libc::EINTR => {
                    interrupted();
                    return partial(off);
                }
                e => {
                    fail_errno(e);
                    return partial(off);
                }
            }
        }
    }
}

/// threadread9pmsg: one 9P message (size[4] little-endian, then the rest) into
/// `buf`; its length, 0 at EOF, -1 on an error or a bad length (as lib9's read9pmsg).
pub fn read9pmsg(fd: i32, buf: *mut c_void, n: u32) -> i32 {
    let b = buf as *mut u8;
    if n < 4 {
        errstr::set(b"read9pmsg: buffer too small");
        set_errno(libc::EINVAL);
        return -1;
    }
    let m = readn(fd, buf, 4);
    if m != 4 {
        return if m < 0 { -1 } else { 0 };
    }
    // SAFETY: the first 4 bytes of the caller's n-byte buffer were just read.
    let len = u32::from_le_bytes(unsafe { [*b, *b.add(1), *b.add(2), *b.add(3)] });
    if len <= 4 || len > n {
        errstr::set(b"bad length in 9P2000 message header");
        set_errno(libc::EINVAL);
        return -1;
    }
    // SAFETY: len <= n: the rest fits the caller's buffer.
    let m = readn(fd, unsafe { b.add(4) } as *mut c_void, (len - 4) as i64);
    if m < 0 {
        return -1;
    }
    if m < (len - 4) as i64 {
        return 0;
    }
    len as i32
}

/// threadsendfd: passes `fd` over the Unix socket `s` (SCM_RIGHTS), parking only the
/// caller while the socket is full. 0 or -1.
pub fn sendfd(s: i32, fd: i32) -> i32 {
    let m = FdMsg::carrying(fd);
    // SAFETY: sendmsg of our own message.
    match dontwait(s, libc::POLLOUT, || unsafe { libc::sendmsg(s, &m.msg, libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL) }) {
        Some(1) => 0,
        Some(_) => {
            errstr::set(b"sendfd: short write");
            -1
        }
        None => -1,
    }
}

/// threadrecvfd: receives an fd passed over the Unix socket `s`, parking only the
/// caller until one arrives. The new fd is inheritable, as plan9port's recvfd leaves it.
pub fn recvfd(s: i32) -> i32 {
    let mut m = FdMsg::receiving();
    // SAFETY: recvmsg into our own message.
    match dontwait(s, libc::POLLIN, || unsafe {
        libc::recvmsg(s, &mut m.msg, libc::MSG_DONTWAIT | libc::MSG_CMSG_CLOEXEC)
    }) {
        Some(n) => m.received(n),
        None => -1,
    }
}

/// Repeats a MSG_DONTWAIT socket call on `s` until it gets past EAGAIN, parking only
/// the caller on `ev` in between (EINTR retries). None on failure, errstr set.
fn dontwait(s: i32, ev: i16, mut op: impl FnMut() -> isize) -> Option<isize> {
    loop {
        let n = op();
        if n >= 0 {
            return Some(n);
        }
        match errno() {
            libc::EAGAIN => {
                if wait_one(s, ev) < 0 {
                    return None;
                }
            }
            libc::EINTR => {}
            e => {
                fail_errno(e);
                return None;
            }
        }
    }
}

/// threadlisten: plan9port's listen on an announce "directory", parking only the caller
/// (threadsockaccept underneath); `newdir` names the new connection.
///
/// # Safety
/// `dir` is a NUL-terminated string; `newdir` is nil or has NETPATHLEN (40) bytes.
pub unsafe fn listen(dir: *const c_char, newdir: *mut c_char) -> i32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let s = crate::io::net::dirfd(dir, "threadlisten");
        if s < 0 {
            return -1;
        }
        let fd = sockaccept(s, core::ptr::null_mut(), core::ptr::null_mut());
        if fd < 0 {
            return -1;
        }
        // plan9port leaves the connection inheritable (and TCP_NODELAY, as listen does).
        libc::fcntl(fd, libc::F_SETFD, 0);
        crate::io::net::listened(fd);
        crate::io::net::putfd(newdir, fd);
        fd
    }
}

/// threadsockaccept: accept4(SOCK_CLOEXEC), parking only the caller until a
/// connection is pending.
pub fn sockaccept(fd: i32, sa: *mut libc::sockaddr, len: *mut libc::socklen_t) -> i32 {
    let fl = getfl(fd);
    if fl < 0 {
        fail_errno(errno());
        return -1;
    }
    let nonblock = fl & libc::O_NONBLOCK != 0;
    loop {
        if !nonblock && wait_one(fd, libc::POLLIN) < 0 {
            return -1;
        }
        // SAFETY: sa/len are the caller's (nil allowed, as for accept).
        let r = unsafe { libc::accept4(fd, sa, len, libc::SOCK_CLOEXEC) };
        if r >= 0 {
            return r;
        }
        match errno() {
            libc::EAGAIN if nonblock => {
                if wait_one(fd, libc::POLLIN) < 0 {
                    return -1;
                }
            }
            libc::EAGAIN | libc::EINTR | libc::ECONNABORTED => {}
            e => {
                fail_errno(e);
                return -1;
            }
        }
    }
}

/// threadconnect: a non-blocking connect (the fd's flags restored at once), then a
/// park until it completes and SO_ERROR for the outcome.
pub fn connect(fd: i32, sa: *const libc::sockaddr, len: libc::socklen_t) -> i32 {
    let fl = getfl(fd);
    if fl < 0 {
        fail_errno(errno());
        return -1;
    }
    // SAFETY: plain fcntl/connect/getsockopt calls on the caller's fd and address.
    unsafe {
        if fl & libc::O_NONBLOCK == 0 {
            libc::fcntl(fd, libc::F_SETFL, fl | libc::O_NONBLOCK);
        }
        let r = libc::connect(fd, sa, len);
        let e = errno();
        if fl & libc::O_NONBLOCK == 0 {
            libc::fcntl(fd, libc::F_SETFL, fl);
        }
        if r == 0 {
            return 0;
        }
        if e != libc::EINPROGRESS && e != libc::EAGAIN && e != libc::EALREADY {
            fail_errno(e);
            return -1;
        }
        if wait_one(fd, libc::POLLOUT) < 0 {
            return -1;
        }
        let mut err: i32 = 0;
        let mut l = core::mem::size_of::<i32>() as libc::socklen_t;
        if libc::getsockopt(fd, libc::SOL_SOCKET, libc::SO_ERROR, &mut err as *mut i32 as *mut c_void, &mut l) < 0 {
            fail_errno(errno());
            return -1;
        }
        if err != 0 {
            fail_errno(err);
            return -1;
        }
        0
    }
}

/// threadfdnoblock: the explicit opt-in to O_NONBLOCK (then no read can block the proc).
pub fn fdnoblock(fd: i32) -> i32 {
    let fl = getfl(fd);
    // SAFETY: fcntl with an int argument.
    if fl < 0 || unsafe { libc::fcntl(fd, libc::F_SETFL, fl | libc::O_NONBLOCK) } < 0 {
        fail_errno(errno());
        return -1;
    }
    0
}

/// threadsleep: parks only the caller for `ms` (≤ 0: yield). threadint ends it early.
pub fn sleep(ms: i64) {
    let t = sched::current();
    if t.is_null() {
        // Outside thread9 there is nothing else to run: sleep the OS thread.
        if ms > 0 {
            std::thread::sleep(std::time::Duration::from_millis(ms as u64));
        }
        return;
    }
    if ms <= 0 {
        sched::yield_now();
        return;
    }
    let deadline = after(ms as u64 * MS);
    loop {
        // SAFETY: the running thread parks itself.
        unsafe { crate::runtime::sched::arm(t) };
        let code = sched::park(Wait::Sleep, null_mut(), deadline);
        sched::check_killed();
        if code == SEL_INTR || code == SEL_TIMEOUT || (deadline != 0 && futex::now_ns() >= deadline) {
            if code == SEL_INTR {
                interrupted();
            }
            return;
        }
    }
}

/// altdeadline: alt, or the CHANEND entry's index once `deadline` (nsecmono) passes.
pub fn altdeadline(a: *mut Alt, deadline: u64) -> i32 {
    alt_errno(alt::alt(a, deadline, "altdeadline"))
}

/// alt reports an interrupt only in the errstr; these calls also set errno EINTR, like
/// every other thread9 wait that threadint ends.
fn alt_errno(r: i32) -> i32 {
    if r == -1 && errstr::get() == b"interrupted" {
        set_errno(libc::EINTR);
    }
    r
}

/// alttimeout: ms < 0 plain alt; 0 polls once; else alt with a deadline ms from now.
pub fn alttimeout(a: *mut Alt, ms: i64) -> i32 {
    if ms < 0 {
        return alt_errno(alt::alt(a, 0, "alttimeout"));
    }
    let d = match (ms as u64).checked_mul(MS) {
        Some(ns) => after(ns),
        None => 0,
    };
    alt_errno(alt::alt(a, d, "alttimeout"))
}

// ---------------------------------------------------------------------------------
// One-shot channels fired by the creating proc (fdchan, timerchan, deadlinechan).
//
// A Source is registered by channel address in SOURCES. Firing (on the owner's OS
// thread) removes it from the map and sends, both under the SOURCES lock; chanfree
// (a SOURCE channel's kind calls `chanfree_hook` before chanfree destroys it) removes it under the
// same lock, so a send can never touch a freed channel. Whoever removes a source
// from the map owns it: a firing owner frees it after the send; chanfree disarms and
// frees it on the owner proc, at once when it runs there, otherwise via poll::post on
// the owner's next idle or busy pass (a firing that finds its source gone leaves it
// to that). If the post's wake-up races with the owner falling asleep, the disarm
// waits for the owner's next wake-up (at the latest the source's own deadline or fd
// event). The creating proc must outlive its sources for them to fire.

struct Source {
    chan: *mut Channel,
    owner: *mut Proc,
    timer: Timer,
    fdw: FdWaiter,
    pfd: pollfd,
}

struct Reg(HashMap<usize, usize>);
// SAFETY: the map holds addresses only; Sources are touched under the lock or by
// their owner proc.
unsafe impl Send for Reg {}

static SOURCES: Mutex<Option<Reg>> = Mutex::new(None);
static NSOURCES: AtomicUsize = AtomicUsize::new(0);

fn reg<R>(f: impl FnOnce(&mut HashMap<usize, usize>) -> R) -> R {
    let mut g = SOURCES.lock().unwrap_or_else(|e| e.into_inner());
    f(&mut g.get_or_insert_with(|| Reg(HashMap::new())).0)
}

/// # Safety
/// `s` is a live Source (not yet freed by its owner or by disarm).
unsafe fn registered(m: &HashMap<usize, usize>, s: *mut Source) -> bool {
    // SAFETY: reading `(*s).chan` is sound because the caller guarantees `s` is a live Source.
    unsafe { m.get(&((*s).chan as usize)) == Some(&(s as usize)) }
}

/// Sends `v` on the source's channel and frees the source, if it is still registered.
/// Otherwise chanfree has taken it over (and disarms and frees it on this proc).
///
/// # Safety
/// `s` is a live, disarmed Source of the calling proc.
unsafe fn fire(s: *mut Source, v: *mut u8) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let mine = reg(|m| {
            // The channel may have been freed and its address reused by a newer source:
            // only our own entry counts.
            let mine = registered(m, s);
            if mine {
                m.remove(&((*s).chan as usize));
                NSOURCES.fetch_sub(1, Ordering::Relaxed);
                chan::op1((*s).chan, true, v, false, "timerchan");
            }
            mine
        });
        if mine {
            drop(Box::from_raw(s));
        }
    }
}

/// # Safety
/// `tm` is the `timer` field of a live Source of the calling proc, fired by that proc's
/// timer heap (so it is no longer armed).
unsafe fn timer_fired(tm: *mut Timer) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let s = (tm as *mut u8).sub(core::mem::offset_of!(Source, timer)) as *mut Source;
        let mut now: u64 = futex::now_ns();
        fire(s, &mut now as *mut u64 as *mut u8);
    }
}

/// # Safety
/// `w` is the `fdw` field of a live Source of the calling proc, fired by that proc's
/// poller (so it is no longer armed).
unsafe fn fd_fired(w: *mut FdWaiter) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let s = (w as *mut u8).sub(core::mem::offset_of!(Source, fdw)) as *mut Source;
        let r = poll_once(&mut (*s).pfd, 1, 0);
        if r == 0 {
            // A stale event: wait on, unless cancelled (then the canceller frees it).
            if !reg(|m| registered(m, s)) || poll::arm((*s).owner, &mut (*s).fdw) {
                return;
            }
        }
        let mut v: i32 = (*s).pfd.revents as u16 as i32;
        fire(s, &mut v as *mut i32 as *mut u8);
    }
}

/// Runs on the owner proc: disarm and free a cancelled source.
///
/// # Safety
/// `addr` is a Source the caller removed from SOURCES (so it owns it), and the calling
/// proc is that source's owner, the only one that touches its timer and poller links.
unsafe fn disarm(addr: usize) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let s = addr as *mut Source;
        let p = (*s).owner;
        if (*s).timer.armed() {
            (*p).timers.remove(&mut (*s).timer);
        }
        poll::unlink(p, &mut (*s).fdw);
        drop(Box::from_raw(s));
    }
}

/// fdchan/timerchan/deadlinechan channels: plain, except that chanfree cancels an
/// unfired source first.
pub static SOURCE_KIND: chan::kinds::KindOps =
    chan::kinds::KindOps { name: "fdchan/timerchan", send_now: None, recv: true, free: Some(chanfree_hook) };

/// Called by chan::free before it frees `c`: cancels an unfired source on it.
pub fn chanfree_hook(c: *mut Channel) {
    if NSOURCES.load(Ordering::SeqCst) == 0 {
        return;
    }
    let Some(s) = reg(|m| m.remove(&(c as usize))) else { return };
    NSOURCES.fetch_sub(1, Ordering::Relaxed);
    let s = s as *mut Source;
    // SAFETY: removed from the map, the source is ours to cancel; only its owner
    // touches its timer/poller links.
    unsafe {
        if (*s).owner == sched::myproc() {
            disarm(s as usize);
        } else {
            poll::post((*s).owner, disarm, s as usize);
        }
    }
}

fn new_source(call: &str, elemsize: i32) -> Option<(*mut Source, *mut Proc)> {
    let t = sched::need(call);
    // SAFETY: t is the running thread.
    let p = unsafe { (*t).proc };
    let c = chan::create(elemsize, 1);
    if c.is_null() {
        return None;
    }
    // SAFETY: a fresh channel nobody else has yet.
    unsafe { chan::set_kind(c, chan::kinds::SOURCE) };
    let s = Box::into_raw(Box::new(Source {
        chan: c,
        owner: p,
        timer: Timer::new(timer_fired),
        fdw: FdWaiter::new(-1, 0, null_mut()),
        pfd: pollfd { fd: -1, events: 0, revents: 0 },
    }));
    // SAFETY: our own proc; the poller must exist before anyone may post to it.
    unsafe { poll::get(p) };
    reg(|m| m.insert(c as usize, s as usize));
    NSOURCES.fetch_add(1, Ordering::SeqCst);
    Some((s, p))
}

/// deadlinechan: fires (once, value = nsecmono at firing) when `deadline` passes;
/// deadline 0 = never.
pub fn deadlinechan(deadline: u64, call: &str) -> *mut Channel {
    let Some((s, p)) = new_source(call, 8) else { return null_mut() };
    // SAFETY: s is ours and unfired; p is our proc.
    unsafe {
        let c = (*s).chan;
        if deadline == 0 {
            reg(|m| m.remove(&(c as usize)));
            NSOURCES.fetch_sub(1, Ordering::Relaxed);
            drop(Box::from_raw(s));
            return c;
        }
        (*s).timer.deadline = deadline;
        (*p).timers.insert(&mut (*s).timer);
        c
    }
}

/// timerchan: deadlinechan `ms` from now (ms < 0: nil + errstr).
pub fn timerchan(ms: i64) -> *mut Channel {
    if ms < 0 {
        report::complain("timerchan", &format!("negative time {ms}"));
        errstr::set(b"timerchan: negative time");
        return null_mut();
    }
    let ns = (ms as u64).saturating_mul(MS);
    let d = after(ns.max(1));
    deadlinechan(if d == 0 { u64::MAX } else { d }, "timerchan")
}

/// fdchan: fires (once, value = iopause's revents) when `fd` is ready for `events`.
pub fn fdchan(fd: i32, events: i32) -> *mut Channel {
    if fd < 0 || events & RW as i32 == 0 {
        let what =
            if fd < 0 { format!("negative fd {fd}") } else { format!("no READ/WRITE bits in events {events:#x}") };
        report::complain("fdchan", &what);
        errstr::set(format!("fdchan: {what}").as_bytes());
        return null_mut();
    }
    let Some((s, p)) = new_source("fdchan", 4) else { return null_mut() };
    // SAFETY: s is ours and unfired; p is our proc.
    unsafe {
        let c = (*s).chan;
        (*s).pfd = pollfd { fd, events: (events as i16) & (RW | libc::POLLPRI), revents: 0 };
        (*s).fdw = FdWaiter::new(fd, ((*s).pfd.events as u16) as u32, null_mut());
        (*s).fdw.on_ready = Some(fd_fired);
        if poll_once(&mut (*s).pfd, 1, 0) != 0 || !poll::arm(p, &mut (*s).fdw) {
            // Ready now (or epoll refuses a file that always polls ready).
            poll_once(&mut (*s).pfd, 1, 0);
            let mut v: i32 = (*s).pfd.revents as u16 as i32;
            fire(s, &mut v as *mut i32 as *mut u8);
        }
        c
    }
}
