//! Names of files, users and the machine: cleanname, p9getwd, getuser, sysname,
//! get9root, unsharp, searchpath, opentemp.

use super::{cbytes, syserr};
use core::cell::UnsafeCell;
use core::ffi::{c_char, c_int};
use core::ptr::null_mut;
use std::sync::OnceLock;

/// plan9port's default $PLAN9 when the environment has none.
const PLAN9_TARGET: &[u8] = b"/usr/local/plan9\0";

/// The cleaned form of `name` by Plan 9's rules: runs of / become one, "." elements
/// go, ".." removes the element before it (at the root it is dropped; a relative name
/// keeps leading ".."s); the empty result is ".".
fn clean(name: &[u8]) -> Vec<u8> {
    let rooted = name.first() == Some(&b'/');
    let mut out: Vec<u8> = Vec::with_capacity(name.len() + 1);
    if rooted {
        out.push(b'/');
    }
    let base = out.len();
    // out[..dotdot] cannot be backtracked over (the root or leading "..").
    let mut dotdot = base;
    for elem in name.split(|&c| c == b'/') {
        match elem {
            b"" | b"." => {}
            b".." => {
                if out.len() > dotdot {
                    let cut = out[dotdot..].iter().rposition(|&c| c == b'/').map_or(dotdot, |i| dotdot + i);
                    out.truncate(cut);
                } else if !rooted {
                    if out.len() != base {
                        out.push(b'/');
                    }
                    out.extend_from_slice(b"..");
                    dotdot = out.len();
                }
            }
            _ => {
                if out.len() != base {
                    out.push(b'/');
                }
                out.extend_from_slice(elem);
            }
        }
    }
    if out.is_empty() {
        out.push(b'.');
    }
    out
}

/// cleanname: rewrites `name` in place in its cleaned form (never longer, except that
/// "" becomes ".", as in Plan 9) and returns it.
///
/// # Safety
/// `name` is nil (errstr set, nil returned) or a writable NUL-terminated string with room
/// for 2 bytes ("" becomes "."; any other result is no longer than the name).
pub unsafe extern "C" fn cleanname(name: *mut c_char) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if name.is_null() {
            crate::runtime::errstr::set(b"cleanname: nil name");
            return name;
        }
        let c = clean(cbytes(name));
        core::ptr::copy_nonoverlapping(c.as_ptr(), name as *mut u8, c.len());
        *name.add(c.len()) = 0;
        name
    }
}

/// p9getwd: the current directory into s (ns bytes); s, or nil with errstr set.
///
/// # Safety
/// `s` is nil or has `ns` writable bytes (nil or `ns` <= 0 gives nil with errstr set).
pub unsafe extern "C" fn p9getwd(s: *mut c_char, ns: c_int) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s.is_null() || ns <= 0 {
            crate::runtime::errstr::set(b"getwd: bad buffer");
            return null_mut();
        }
        if libc::getcwd(s, ns as usize).is_null() {
            syserr();
            return null_mut();
        }
        s
    }
}

/// A per-OS-thread result buffer, as plan9port's static ones but without races
/// between procs.
struct TBuf<const N: usize>(UnsafeCell<[u8; N]>);

impl<const N: usize> TBuf<N> {
    const fn new() -> Self {
        TBuf(UnsafeCell::new([0; N]))
    }

    /// Copies `s` (truncated at a rune boundary) and a NUL into the buffer.
    fn set(&self, s: &[u8]) -> *mut c_char {
        let p = self.0.get() as *mut u8;
        let n = crate::base::utf::trunc(s, N - 1);
        // SAFETY: the buffer is this OS thread's and has N bytes; n < N.
        unsafe {
            core::ptr::copy_nonoverlapping(s.as_ptr(), p, n);
            *p.add(n) = 0;
        }
        p as *mut c_char
    }
}

thread_local! {
    static USER: TBuf<64> = const { TBuf::new() };
    pub(super) static ADDR: TBuf<256> = const { TBuf::new() };
}

/// Sets the per-OS-thread netmkaddr buffer.
pub(super) fn addrbuf(s: &[u8]) -> *mut c_char {
    ADDR.with(|b| b.set(s))
}

/// getuser: the name of the user running the program ("none" if unknown).
pub extern "C" fn getuser() -> *mut c_char {
    // SAFETY: getuid has no preconditions.
    let uid = unsafe { libc::getuid() };
    let mut buf = vec![0 as c_char; 16384];
    let mut pw = core::mem::MaybeUninit::<libc::passwd>::uninit();
    let mut res: *mut libc::passwd = null_mut();
    // SAFETY: pw, buf and res are ours, sized as passed.
    let r = unsafe { crate::base::nss::getpwuid_r(uid, pw.as_mut_ptr(), buf.as_mut_ptr(), buf.len(), &mut res) };
    let name = if r == 0 && !res.is_null() {
        // SAFETY: res points at pw, filled by getpwuid_r; its strings live in buf.
        cbytes(unsafe { (*res).pw_name })
    } else {
        b"none"
    };
    USER.with(|b| b.set(name))
}

/// sysname: $sysname, else the host name up to its first dot, else "gnot"; computed once.
pub extern "C" fn sysname() -> *mut c_char {
    static NAME: OnceLock<Vec<u8>> = OnceLock::new();
    let n = NAME.get_or_init(|| {
        // SAFETY: the name is NUL-terminated.
        let e = unsafe { libc::getenv(c"sysname".as_ptr()) };
        let mut v = cbytes(e).to_vec();
        if v.is_empty() {
            let mut h = [0u8; 512];
            // SAFETY: h has h.len() bytes.
            if unsafe { libc::gethostname(h.as_mut_ptr() as *mut c_char, h.len() - 1) } == 0 {
                let h = &h[..h.iter().position(|&c| c == 0).unwrap_or(0)];
                v = h.split(|&c| c == b'.').next().unwrap_or(b"").to_vec();
            }
        }
        if v.is_empty() {
            v = b"gnot".to_vec();
        }
        v.push(0);
        v
    });
    n.as_ptr() as *mut c_char
}

/// get9root: $PLAN9, else plan9port's default /usr/local/plan9; computed once.
pub extern "C" fn get9root() -> *mut c_char {
    static ROOT: OnceLock<Vec<u8>> = OnceLock::new();
    let r = ROOT.get_or_init(|| {
        // SAFETY: the name is NUL-terminated.
        let e = cbytes(unsafe { libc::getenv(c"PLAN9".as_ptr()) });
        if e.is_empty() {
            PLAN9_TARGET.to_vec()
        } else {
            let mut v = e.to_vec();
            v.push(0);
            v
        }
    });
    r.as_ptr() as *mut c_char
}

/// unsharp: "#9…" → $PLAN9…, "#d…" → /dev/fd… (a malloc'd string); any other name is
/// returned as it is.
///
/// # Safety
/// `old` is nil (returned as it is) or NUL-terminated.
pub unsafe extern "C" fn unsharp(old: *mut c_char) -> *mut c_char {
    let o = cbytes(old);
    for (pre, new) in [(&b"#9"[..], cbytes(get9root())), (&b"#d"[..], &b"/dev/fd"[..])] {
        if !o.starts_with(pre) || !matches!(o.get(pre.len()), None | Some(b'/')) {
            continue;
        }
        let mut v = new.to_vec();
        v.extend_from_slice(&o[pre.len()..]);
        return cdup(&v);
    }
    old
}

/// A malloc'd NUL-terminated copy of `s` (nil, errstr set, when out of memory).
pub(crate) fn cdup(s: &[u8]) -> *mut c_char {
    // SAFETY: plain malloc of s.len()+1 bytes, all written below.
    unsafe {
        let p = libc::malloc(s.len() + 1) as *mut u8;
        if p.is_null() {
            crate::runtime::errstr::set(b"out of memory");
            return null_mut();
        }
        core::ptr::copy_nonoverlapping(s.as_ptr(), p, s.len());
        *p.add(s.len()) = 0;
        p as *mut c_char
    }
}

fn executable(p: &[u8]) -> bool {
    let mut v = p.to_vec();
    v.push(0);
    // SAFETY: v is NUL-terminated.
    unsafe { libc::access(v.as_ptr() as *const c_char, libc::X_OK) == 0 }
}

/// searchpath: the executable `name` found along $PATH (a malloc'd path), or nil.
/// Names starting "/", "./" or "../" are not searched for; other names with slashes
/// are, as in rc.
///
/// # Safety
/// `name` is nil (read as "": nil, errstr set) or NUL-terminated, and no other OS thread
/// changes the environment meanwhile ($PATH is read with getenv).
pub unsafe extern "C" fn searchpath(name: *const c_char) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let n = cbytes(name);
        if n.is_empty() {
            crate::runtime::errstr::set(b"searchpath: empty name");
            return null_mut();
        }
        if n.starts_with(b"/") || n.starts_with(b"./") || n.starts_with(b"../") {
            return if executable(n) { cdup(n) } else { null_mut() };
        }
        let path = cbytes(libc::getenv(c"PATH".as_ptr())).to_vec();
        if path.is_empty() {
            return null_mut();
        }
        for dir in path.split(|&c| c == b':') {
            let full = if dir.is_empty() { n.to_vec() } else { [dir, b"/", n].concat() };
            if executable(&full) {
                return cdup(&full);
            }
        }
        crate::runtime::errstr::set(b"file does not exist");
        null_mut()
    }
}

/// opentemp: creates a file from `template` (ending in XXXXXX, replaced in place, as
/// mkstemp does) and opens it with the Plan 9 open mode `mode`; the fd, or -1.
///
/// # Safety
/// `template` is nil (-1, errstr set) or a writable NUL-terminated string (mkstemp checks
/// the XXXXXX ending itself).
pub unsafe extern "C" fn opentemp(template: *mut c_char, mode: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if template.is_null() {
            crate::runtime::errstr::set(b"opentemp: nil template");
            return -1;
        }
        let fd = libc::mkstemp(template);
        if fd < 0 {
            syserr();
            return -1;
        }
        let fd1 = crate::io::fd::p9open(template, mode);
        if fd1 < 0 {
            libc::unlink(template);
        }
        libc::close(fd);
        fd1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_names() {
        for (a, b) in [
            ("", "."),
            ("/", "/"),
            ("//a//b/", "/a/b"),
            ("a/./b/../c", "a/c"),
            ("/..", "/"),
            ("/../a", "/a"),
            ("../a/..", ".."),
            ("a/../..", ".."),
            ("a/../../b", "../b"),
            ("../../x", "../../x"),
            ("./", "."),
            ("a/b/c/../../d", "a/d"),
            ("/a/b/../../..", "/"),
        ] {
            assert_eq!(String::from_utf8(clean(a.as_bytes())).unwrap(), b, "{a}");
        }
    }
}
