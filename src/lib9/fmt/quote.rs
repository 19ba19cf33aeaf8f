//! %q and %Q (after quotefmtinstall): rc-style quoting. A string is quoted when it is
//! empty, when `#` is given, or when it holds a space, a control character, a `'` or a
//! rune `fmtdoquote` says needs quoting; inside quotes a `'` is doubled. With a bounded
//! output (snprint) the quoted form is cut so its closing quote always fits.

use super::*;
use crate::base::utf;
use core::ffi::c_void;

/// What quoting will produce.
#[derive(Default)]
struct Plan {
    quoted: bool,
    nbytes_in: usize,
    nrunes_in: usize,
    nrunes_out: usize,
}

/// Input: a UTF-8 string or a Rune string.
#[derive(Clone, Copy)]
enum Src {
    Utf(*const u8),
    Runes(*const u32),
}

impl Src {
    /// The rune at byte/rune offset `i` and its input size; None at the terminator.
    ///
    /// # Safety
    /// The string is terminated (a NUL, or a 0 Rune) and `i` is at or before its terminator,
    /// reached from 0 by the sizes at() returned.
    unsafe fn at(self, i: usize) -> Option<(u32, usize)> {
        // SAFETY: the caller upholds this function's contract (its # Safety section).
        unsafe {
            match self {
                Src::Utf(p) => {
                    let (r, n) = super::rune_at(p.add(i));
                    if r == 0 {
                        None
                    } else {
                        Some((r, n))
                    }
                }
                Src::Runes(p) => {
                    let r = *p.add(i);
                    if r == 0 {
                        None
                    } else {
                        Some((r, 1))
                    }
                }
            }
        }
    }
}

/// # Safety
/// `src` is a terminated string of its kind (see Src::at).
unsafe fn plan(src: Src, mut nin: i64, nout: usize, sharp: bool, runes_out: bool) -> Plan {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let dq = doquote();
        let mut q = Plan::default();
        let mut out = 0usize;
        if sharp || nin == 0 || src.at(0).is_none() {
            if nout < 2 {
                return q;
            }
            q.quoted = true;
            out = 2;
            q.nrunes_out = 2;
        }
        let mut i = 0;
        while nin != 0 {
            let Some((c, w)) = src.at(i) else { break };
            let unit = if runes_out { 1 } else { utf::runelen(c as i64) };
            let special = c <= ' ' as u32 || c == '\'' as u32 || dq.is_some_and(|d| d(c as c_int) != 0);
            let mut need = unit;
            if special && !q.quoted {
                need += 2;
            }
            if c == '\'' as u32 {
                need += unit;
            }
            if out + need > nout {
                break;
            }
            if special && !q.quoted {
                q.quoted = true;
                q.nrunes_out += 2;
            }
            out += need;
            q.nrunes_out += 1 + (c == '\'' as u32) as usize;
            i += w;
            q.nbytes_in += w;
            q.nrunes_in += 1;
            nin -= 1;
        }
        q
    }
}

/// The shared body of quotestrfmt and quoterunestrfmt.
///
/// # Safety
/// `f` is a valid Fmt with its args set up.
pub unsafe fn quotefmt(f: *mut Fmt, runes_in: bool) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let p = arg_ptr(f);
        if p.is_null() {
            return if out::utf_field(f, b"<nil>", 5) { 0 } else { -1 };
        }
        let src = if runes_in { Src::Runes(p as *const u32) } else { Src::Utf(p as *const u8) };
        quote_into(f, src)
    }
}

/// Quotes `src` (as needed) into `f`, honouring its width, precision and `#`.
///
/// # Safety
/// `f` is a valid Fmt (its args are not read); `src` is a terminated string of its kind.
unsafe fn quote_into(f: *mut Fmt, src: Src) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let fl = (*f).flags;
        let nin = if fl & FMT_PREC != 0 { (*f).prec.max(0) as i64 } else { -1 };
        let nout = if (*f).flush.is_some() {
            usize::MAX / 2
        } else {
            let room = ((*f).stop as usize).saturating_sub((*f).to as usize);
            if (*f).runes != 0 {
                room / 4
            } else {
                room
            }
        };
        let q = plan(src, nin, nout, fl & FMT_SHARP != 0, (*f).runes != 0);
        let ok = if !q.quoted {
            match src {
                Src::Utf(s) => out::utf_field(f, core::slice::from_raw_parts(s, q.nbytes_in), q.nrunes_in),
                Src::Runes(s) => out::rune_field(f, core::slice::from_raw_parts(s, q.nrunes_in)),
            }
        } else {
            let w = if fl & FMT_WIDTH != 0 { (*f).width as i64 } else { 0 };
            let padn = w - q.nrunes_out as i64;
            let left = fl & FMT_LEFT != 0;
            let mut ok = (left || out::pad(f, padn)) && out::rune(f, '\'' as u32);
            let mut i = 0;
            for _ in 0..q.nrunes_in {
                if !ok {
                    break;
                }
                let Some((c, w)) = src.at(i) else { break };
                i += w;
                ok = out::rune(f, c) && (c != '\'' as u32 || out::rune(f, c));
            }
            ok && out::rune(f, '\'' as u32) && (!left || out::pad(f, padn))
        };
        if ok {
            0
        } else {
            -1
        }
    }
}

/// quotestrdup / quoterunestrdup: a malloc'd copy, quoted if it needs to be.
///
/// # Safety
/// `p` is nil or a terminated string of the kind `runes` says.
pub unsafe fn quotedup(p: *const c_void, runes: bool) -> *mut c_void {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if p.is_null() {
            return core::ptr::null_mut();
        }
        let mut f = core::mem::MaybeUninit::<Fmt>::zeroed();
        let f = f.as_mut_ptr();
        if sinks::strinit(f, runes) < 0 {
            return core::ptr::null_mut();
        }
        let src = if runes { Src::Runes(p as *const u32) } else { Src::Utf(p as *const u8) };
        if quote_into(f, src) < 0 {
            libc::free((*f).start);
            return core::ptr::null_mut();
        }
        sinks::strflush(f)
    }
}

/// unquotestrdup / unquoterunestrdup on a copy: quotes removed, doubled quotes inside
/// quotes made single (rc's rules).
///
/// # Safety
/// `p` is nil or a terminated string of the kind `runes` says.
pub unsafe fn unquotedup(p: *const c_void, runes: bool) -> *mut c_void {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if p.is_null() {
            return core::ptr::null_mut();
        }
        let unit = if runes { 4 } else { 1 };
        let get = |i: usize| -> u32 {
            if runes {
                *(p as *const u32).add(i)
            } else {
                *(p as *const u8).add(i) as u32
            }
        };
        let mut n = 0;
        while get(n) != 0 {
            n += 1;
        }
        let d = libc::malloc((n + 1) * unit);
        if d.is_null() {
            return d;
        }
        let put = |i: usize, c: u32| {
            if runes {
                *(d as *mut u32).add(i) = c;
            } else {
                *(d as *mut u8).add(i) = c as u8;
            }
        };
        let q = '\'' as u32;
        let (mut i, mut o, mut quoting) = (0, 0, false);
        while i < n {
            let c = get(i);
            if c != q {
                put(o, c);
                o += 1;
                i += 1;
            } else if !quoting {
                quoting = true;
                i += 1;
            } else if i + 1 < n && get(i + 1) == q {
                put(o, q);
                o += 1;
                i += 2;
            } else {
                quoting = false;
                i += 1;
            }
        }
        put(o, 0);
        d
    }
}

/// rc's own doquote: the characters rc treats specially.
pub fn needsrcquote(c: u32) -> bool {
    c <= ' ' as u32 || (c < 0x80 && b"`^#*[]=|\\?${}()'<>&;".contains(&(c as u8)))
}
