//! p9srand/p9rand/p9nrand/p9lrand/p9lnrand/p9frand: one process-wide generator, the
//! one Plan 9 and plan9port use (an additive lagged-Fibonacci generator, lags 607 and
//! 273, seeded through the multiplicative "minimal standard" generator 48271 mod
//! 2^31-1), so a program sees the same numbers here as there: the same sequence on
//! every run until it calls srand, and the same sequence for the same seed.

use crate::base::spin::SpinLock;
use core::ffi::{c_double, c_int, c_long};

const LEN: usize = 607;
const TAP: usize = 273;
const MASK: u64 = 0x7fff_ffff;
const A: i64 = 48271;
const M: i64 = 2_147_483_647;
const Q: i64 = 44488;
const R: i64 = 3399;
const NORM: f64 = 1.0 / (1.0 + MASK as f64);

struct Gen {
    vec: [u64; LEN],
    /// Indices into vec; both step down, wrapping at 0. `seeded` false until the
    /// first srand (or first number, which seeds with 1).
    tap: usize,
    feed: usize,
    seeded: bool,
}

static LOCK: SpinLock = SpinLock::new();
static mut GEN: Gen = Gen { vec: [0; LEN], tap: 0, feed: 0, seeded: false };

fn seed(g: &mut Gen, seed: c_long) {
    g.tap = 0;
    g.feed = LEN - TAP;
    g.seeded = true;
    let mut s = seed % M;
    if s < 0 {
        s += M;
    }
    if s == 0 {
        s = 89_482_311;
    }
    let mut x = s;
    // x[n+1] = 48271 x[n] mod (2^31 - 1) (Schrage's method), after 20 warm-up steps.
    for i in -20..LEN as i64 {
        let (hi, lo) = (x / Q, x % Q);
        x = A * lo - R * hi;
        if x < 0 {
            x += M;
        }
        if i >= 0 {
            g.vec[i as usize] = x as u64;
        }
    }
}

/// The next 31-bit number.
fn next() -> u64 {
    LOCK.lock();
    // SAFETY: GEN is only touched under LOCK.
    let g = unsafe { &mut *core::ptr::addr_of_mut!(GEN) };
    if g.tap == 0 {
        if !g.seeded {
            seed(g, 1);
        }
        g.tap = LEN;
    }
    g.tap -= 1;
    if g.feed == 0 {
        g.feed = LEN;
    }
    g.feed -= 1;
    let x = (g.vec[g.feed] + g.vec[g.tap]) & MASK;
    g.vec[g.feed] = x;
    LOCK.unlock();
    x
}

pub extern "C" fn p9srand(s: c_long) {
    LOCK.lock();
    // SAFETY: under LOCK.
    seed(unsafe { &mut *core::ptr::addr_of_mut!(GEN) }, s);
    LOCK.unlock();
}

/// 0 ≤ p9lrand() < 2^31.
pub extern "C" fn p9lrand() -> c_long {
    next() as c_long
}

/// 0 ≤ p9rand() < 2^15: lrand's low 15 bits.
pub extern "C" fn p9rand() -> c_int {
    (next() & 0x7fff) as c_int
}

/// 0 ≤ p9lnrand(n) < n, without modulo bias; a negative n is returned as it is and 0
/// gives 0 (plan9port divides by it). Above 2^31-1, where plan9port's loop never
/// ends, two numbers make 62 bits.
pub extern "C" fn p9lnrand(n: c_long) -> c_long {
    if n <= 0 {
        return n;
    }
    let n = n as u64;
    if n <= MASK {
        let slop = MASK % n;
        loop {
            let v = next();
            if v > slop {
                return (v % n) as c_long;
            }
        }
    }
    let top = (1u64 << 62) - 1;
    let slop = top % n;
    loop {
        let v = (next() << 31 | next()) & top;
        if v > slop {
            return (v % n) as c_long;
        }
    }
}

/// p9nrand: p9lnrand for an int.
pub extern "C" fn p9nrand(n: c_int) -> c_int {
    p9lnrand(n as c_long) as c_int
}

/// 0 ≤ p9frand() < 1, from two numbers.
pub extern "C" fn p9frand() -> c_double {
    loop {
        let mut x = next() as f64 * NORM;
        x = (x + next() as f64) * NORM;
        if x < 1.0 {
            return x;
        }
    }
}
