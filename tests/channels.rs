//! Runtime-level tests through the crate's Rust API: procs on OS threads exchange
//! values over channels and alt; every value must arrive exactly once, in order per
//! sender. The test's own thread is not a proc: it only polls with non-blocking ops.

use std::ffi::c_void;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use thread::base::flags;
use thread::chan::alt::{self, Alt, CHANEND, CHANRCV};
use thread::chan::{self, Channel};
use thread::runtime::spawn;

const SENDERS: usize = 4;
const PER: usize = 20_000;

struct Shared {
    data: [*mut Channel; 2],
    result: *mut Channel,
}

/// # Safety
/// Runs as a proc's first thread, after the test set SHARED (never null then).
unsafe extern "C" fn sender(arg: *mut c_void) {
    let id = arg as usize;
    let sh = &*SHARED;
    for i in 0..PER {
        let mut v: u64 = ((id as u64) << 32) | i as u64;
        let c = sh.data[i % 2];
        assert_eq!(chan::op1(c, true, &mut v as *mut u64 as *mut u8, true, "send"), 1);
    }
}

/// # Safety
/// Runs as a proc's first thread, after the test set SHARED (never null then).
unsafe extern "C" fn receiver(_: *mut c_void) {
    let sh = &*SHARED;
    let mut last = [[u64::MAX; 2]; SENDERS];
    let mut v: u64 = 0;
    let mut a = [
        Alt { c: sh.data[0], v: &mut v as *mut u64 as *mut c_void, op: CHANRCV, err: std::ptr::null() },
        Alt { c: sh.data[1], v: &mut v as *mut u64 as *mut c_void, op: CHANRCV, err: std::ptr::null() },
        Alt { c: std::ptr::null_mut(), v: std::ptr::null_mut(), op: CHANEND, err: std::ptr::null() },
    ];
    for _ in 0..SENDERS * PER {
        let i = alt::alt(a.as_mut_ptr(), 0, "alt") as usize;
        let (s, n) = ((v >> 32) as usize, v & 0xffff_ffff);
        // Per sender, each channel carries every other value, in order.
        assert!(last[s][i] == u64::MAX || n == last[s][i] + 2, "sender {s} chan {i}: {n} after {}", last[s][i]);
        last[s][i] = n;
    }
    let mut done: u64 = 1;
    chan::op1(sh.result, true, &mut done as *mut u64 as *mut u8, true, "send");
}

/// # Safety
/// None: it only makes and waits on its own channel (a proc's first thread).
unsafe extern "C" fn keeper(_: *mut c_void) {
    // Keeps one non-system proc alive so the test process is not exited under us.
    let c = chan::create(8, 0);
    let mut v = 0u64;
    chan::op1(c, false, &mut v as *mut u64 as *mut u8, true, "recv");
}

static mut SHARED: *const Shared = std::ptr::null();

#[test]
fn senders_over_procs_alt_receiver() {
    flags::FLAGS.fetch_or(flags::F_NODEADLOCK, Ordering::Relaxed);
    let sh =
        Box::leak(Box::new(Shared { data: [chan::create(8, 0), chan::create(8, 16)], result: chan::create(8, 1) }));
    // SAFETY: written once before any proc starts.
    unsafe { SHARED = sh };
    assert!(spawn::proccreate(Some(keeper), std::ptr::null_mut(), 0, "proccreate") > 0);
    assert!(spawn::proccreate(Some(receiver), std::ptr::null_mut(), 0, "proccreate") > 0);
    for s in 0..SENDERS {
        assert!(spawn::proccreate(Some(sender), s as *mut c_void, 0, "proccreate") > 0);
    }
    let t0 = Instant::now();
    let mut v = 0u64;
    while chan::op1(sh.result, false, &mut v as *mut u64 as *mut u8, false, "nbrecv") != 1 {
        assert!(t0.elapsed() < Duration::from_secs(60), "receiver did not finish");
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(v, 1);
}

#[test]
fn bad_sizes_give_nil() {
    assert!(chan::create(-1, 0).is_null());
    assert!(chan::create(8, -1).is_null());
    let c = chan::create(0, 0);
    assert!(!c.is_null());
    assert_eq!(chan::closing(c), -1);
    assert_eq!(chan::close(c), 0);
    assert_eq!(chan::close(c), -1);
    chan::free(c);
}
