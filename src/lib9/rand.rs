//! p9srand/p9rand/p9nrand/p9lrand/p9lnrand/p9frand: one process-wide generator with a
//! fixed seed, so a program sees the same sequence on every run until it calls srand
//! (Plan 9's behaviour). xorshift64*: small, fast, good enough for these calls.

use crate::base::spin::SpinLock;
use core::ffi::{c_double, c_int, c_long};

static LOCK: SpinLock = SpinLock::new();
static mut STATE: u64 = 0x853c_49e6_748f_ea9b;

fn next() -> u64 {
    LOCK.lock();
    // SAFETY: STATE is only touched under LOCK.
    let v = unsafe {
        let s = &mut *core::ptr::addr_of_mut!(STATE);
        *s ^= *s >> 12;
        *s ^= *s << 25;
        *s ^= *s >> 27;
        s.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    LOCK.unlock();
    v
}

#[no_mangle]
pub extern "C" fn p9srand(seed: c_long) {
    LOCK.lock();
    // SAFETY: under LOCK. A zero state would stick at zero: mix the seed first.
    unsafe { STATE = (seed as u64 ^ 0x9E37_79B9_7F4A_7C15).max(1) };
    LOCK.unlock();
}

/// 0 ≤ p9lrand() < 2^31.
#[no_mangle]
pub extern "C" fn p9lrand() -> c_long {
    (next() >> 33) as c_long
}

/// 0 ≤ p9rand() < 2^15, as Plan 9's rand.
#[no_mangle]
pub extern "C" fn p9rand() -> c_int {
    (next() >> 49) as c_int
}

/// 0 ≤ p9lnrand(n) < n, without modulo bias; n ≤ 0 gives 0.
#[no_mangle]
pub extern "C" fn p9lnrand(n: c_long) -> c_long {
    if n <= 0 {
        return 0;
    }
    let n = n as u64;
    let lim = u64::MAX - u64::MAX % n;
    loop {
        let v = next();
        if v < lim {
            return (v % n) as c_long;
        }
    }
}

#[no_mangle]
pub extern "C" fn p9nrand(n: c_int) -> c_int {
    p9lnrand(n as c_long) as c_int
}

/// 0 ≤ p9frand() < 1.
#[no_mangle]
pub extern "C" fn p9frand() -> c_double {
    (next() >> 11) as c_double / (1u64 << 53) as c_double
}
