//! Allocation that fails instead of aborting (issue 16). Box::new, Vec::push and
//! format! abort the whole program when malloc fails ("memory allocation of N bytes
//! failed"), which is wrong on a path that has an error return (proccreate,
//! threadcreate, chancreate…): those use `try_box` and `try_push`, and build their
//! error texts with `msg!` in a `Msg` on the stack.

use core::fmt;

/// `Box::new(v)`, or None when there is no memory.
pub fn try_box<T>(v: T) -> Option<Box<T>> {
    let layout = core::alloc::Layout::new::<T>();
    if layout.size() == 0 {
        return Some(Box::new(v));
    }
    // SAFETY: a non-zero-size layout; the block is initialised before it becomes a
    // Box, which frees it with the same layout through the same (global) allocator.
    unsafe {
        let p = std::alloc::alloc(layout) as *mut T;
        if p.is_null() {
            return None;
        }
        p.write(v);
        Some(Box::from_raw(p))
    }
}

/// `v.push(x)`, or false (`v` unchanged) when there is no memory to grow it.
#[inline(always)]
pub fn try_push<T>(v: &mut Vec<T>, x: T) -> bool {
    if !room_for_one(v) {
        return false;
    }
    v.push(x);
    true
}

/// Whether `v` can take one more element without allocating, growing it (fallibly)
/// when it is full. The common case, spare capacity, is one compare: these vectors
/// are on the paths of every thread's creation and exit.
#[inline(always)]
pub fn room_for_one<T>(v: &mut Vec<T>) -> bool {
    v.len() < v.capacity() || grow_one(v)
}

#[cold]
#[inline(never)]
fn grow_one<T>(v: &mut Vec<T>) -> bool {
    v.try_reserve(1).is_ok()
}

/// A short text built on the stack: what does not fit in N bytes is cut (at a UTF-8
/// character boundary).
pub struct Msg<const N: usize = 192> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> Msg<N> {
    pub const fn new() -> Self {
        Msg { buf: [0; N], len: 0 }
    }
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
    pub fn as_str(&self) -> &str {
        // Only whole characters are ever copied in (write_str).
        core::str::from_utf8(self.as_bytes()).unwrap_or("")
    }
}

impl<const N: usize> Default for Msg<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> fmt::Write for Msg<N> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let n = crate::base::utf::trunc(s.as_bytes(), N - self.len);
        self.buf[self.len..self.len + n].copy_from_slice(&s.as_bytes()[..n]);
        self.len += n;
        Ok(())
    }
}

impl<const N: usize> fmt::Display for Msg<N> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `format!` into a `Msg` (192 bytes) instead of a String: no allocation.
#[macro_export]
macro_rules! msg {
    ($($a:tt)*) => {{
        let mut m = $crate::base::mem::Msg::<192>::new();
        let _ = core::fmt::Write::write_fmt(&mut m, format_args!($($a)*));
        m
    }};
}

/// A value alone in its 128-byte block (a cache line and the neighbour the prefetcher
/// pairs with it): for a global written now and then by any proc, so that the writes
/// do not also evict whatever read-mostly globals the linker put beside it (W12).
#[repr(align(128))]
pub struct CachePadded<T>(pub T);

impl<T> core::ops::Deref for CachePadded<T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn msg_formats_and_cuts_at_characters() {
        let m = msg!("a {} b {:#x}", 12, 255);
        assert_eq!(m.as_str(), "a 12 b 0xff");
        let mut s = Msg::<3>::new();
        let _ = fmt::Write::write_str(&mut s, "abé!");
        assert_eq!(s.as_str(), "ab");
        assert_eq!(*try_box(7u32).unwrap(), 7);
        assert_eq!(core::mem::align_of::<CachePadded<u8>>(), 128);
        assert_eq!(*CachePadded(5u8), 5);
        let mut v = Vec::new();
        assert!(try_push(&mut v, 1));
        assert_eq!(v, [1]);
    }
}
