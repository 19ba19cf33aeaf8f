//! A per-proc min-heap of timers with O(log n) removal. Timer nodes are embedded in
//! their owners (a thread parked with a deadline, a timerchan…); each node remembers
//! its heap index so an early wake-up can cancel it. Touched only by the owning
//! proc's OS thread, so no locking.

pub struct Timer {
    pub deadline: u64,
    idx: usize, // position in the heap + 1; 0 = not armed
    /// Called by the proc when the deadline has passed (the node is already disarmed).
    pub fire: unsafe fn(*mut Timer),
}

impl Timer {
    pub const fn new(fire: unsafe fn(*mut Timer)) -> Self {
        Timer { deadline: 0, idx: 0, fire }
    }
    pub fn armed(&self) -> bool {
        self.idx != 0
    }
}

#[derive(Default)]
pub struct Heap {
    h: Vec<*mut Timer>,
}

impl Heap {
    pub fn len(&self) -> usize {
        self.h.len()
    }
    pub fn is_empty(&self) -> bool {
        self.h.is_empty()
    }

    /// Earliest deadline, if any.
    pub fn next(&self) -> Option<u64> {
        // SAFETY: heap entries are armed, live timers (owners disarm before dying).
        self.h.first().map(|&t| unsafe { (*t).deadline })
    }

    /// # Safety
    /// `t` must stay valid until it fires or is removed.
    pub unsafe fn insert(&mut self, t: *mut Timer) {
        // SAFETY: the caller upholds this function's contract (its # Safety section).
        unsafe {
            if (*t).idx != 0 {
                self.remove(t);
            }
            self.h.push(t);
            let i = self.h.len() - 1;
            (*t).idx = i + 1;
            self.up(i);
        }
    }

    /// # Safety
    /// `t` must be a valid timer (armed in this heap or not armed at all).
    pub unsafe fn remove(&mut self, t: *mut Timer) {
        // SAFETY: the caller upholds this function's contract (its # Safety section).
        unsafe {
            let i = (*t).idx;
            if i == 0 {
                return;
            }
            let i = i - 1;
            (*t).idx = 0;
            let last = self.h.pop().unwrap();
            if i < self.h.len() {
                self.h[i] = last;
                (*last).idx = i + 1;
                self.down(i);
                self.up(i);
            }
        }
    }

    /// Removes and returns the earliest timer if its deadline is <= now.
    pub fn pop_due(&mut self, now: u64) -> Option<*mut Timer> {
        let &t = self.h.first()?;
        // SAFETY: entries are live timers.
        unsafe {
            if (*t).deadline > now {
                return None;
            }
            self.remove(t);
        }
        Some(t)
    }

    /// # Safety
    /// Every entry of the heap is a live timer (the heap's invariant: owners remove their
    /// timers before they die); `i` is bounds-checked.
    unsafe fn key(&self, i: usize) -> u64 {
        // SAFETY: the heap's entries are live timers (this function's contract), and indexing
        // `self.h[i]` is bounds-checked.
        unsafe { (*self.h[i]).deadline }
    }

    fn swap(&mut self, a: usize, b: usize) {
        self.h.swap(a, b);
        // SAFETY: both entries are live timers.
        unsafe {
            (*self.h[a]).idx = a + 1;
            (*self.h[b]).idx = b + 1;
        }
    }

    fn up(&mut self, mut i: usize) {
        while i > 0 {
            let p = (i - 1) / 2;
            // SAFETY: indices are in range.
            if unsafe { self.key(p) <= self.key(i) } {
                break;
            }
            self.swap(p, i);
            i = p;
        }
    }

    fn down(&mut self, mut i: usize) {
        let n = self.h.len();
        loop {
            let l = 2 * i + 1;
            if l >= n {
                break;
            }
            let r = l + 1;
            // SAFETY: indices are in range.
            let m = if r < n && unsafe { self.key(r) < self.key(l) } { r } else { l };
            // SAFETY: `i` and `m` are below `n`, the heap's length, and its entries are live timers.
            if unsafe { self.key(i) <= self.key(m) } {
                break;
            }
            self.swap(i, m);
            i = m;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    /// # Safety
    /// None: it ignores its argument (it only has the `Timer::fire` signature).
    unsafe fn nop(_: *mut Timer) {}

    #[test]
    fn orders_and_removes() {
        let mut ts: Vec<Box<Timer>> = (0..100).map(|_| Box::new(Timer::new(nop))).collect();
        let mut h = Heap::default();
        for (i, t) in ts.iter_mut().enumerate() {
            t.deadline = ((i * 7919) % 100) as u64;
            // SAFETY: `h` is declared after `ts`, so it is dropped first: each boxed timer
            // outlives its time in the heap, and a box does not move.
            unsafe { h.insert(&mut **t) };
        }
        for t in ts.iter_mut().step_by(3) {
            // SAFETY: the timer is a live box in `ts`, armed in `h` or not at all.
            unsafe { h.remove(&mut **t) };
            assert!(!t.armed());
        }
        let mut last = 0;
        let mut n = 0;
        while let Some(t) = h.pop_due(u64::MAX) {
            // SAFETY: `t` was just popped from `h`, so it is one of the live boxed timers in `ts`.
            let d = unsafe { (*t).deadline };
            assert!(d >= last);
            last = d;
            n += 1;
        }
        assert_eq!(n, 100 - 34);
    }
}
