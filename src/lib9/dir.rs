//! Directory entries as Plan 9 sees them: Dir, dirstat, dirfstat, dirwstat, dirfwstat,
//! dirread, dirreadall, nulldir, fd2path.
//!
//! A Dir comes from stat(2) the way plan9port's `_p9dir` builds it: qid.path is the
//! inode (device number for devices), qid.vers mtime+ctime, mode the permission bits
//! plus DMDIR, DMSYMLINK, DMDEVICE, DMNAMEDPIPE or DMSOCKET, length a block device's
//! size as the device reports it. Every returned Dir (or
//! array of Dirs) is one malloc'd block holding its strings too, so the caller frees
//! it with a single free().

use super::{cbytes, syserr};
use core::ffi::{c_char, c_int, c_long, c_uint, c_ulong, c_ushort};
use core::mem::{size_of, MaybeUninit};
use core::ptr::{null_mut, write_bytes};

/// plan9port's Qid (24 bytes).
#[repr(C)]
pub struct Qid {
    pub path: u64,
    pub vers: c_ulong,
    pub typ: u8,
}

/// plan9port's Dir (120 bytes; docs/API.md, binary layouts).
#[repr(C)]
pub struct Dir {
    pub typ: c_ushort,
    pub dev: c_uint,
    pub qid: Qid,
    pub mode: c_ulong,
    pub atime: c_ulong,
    pub mtime: c_ulong,
    pub length: i64,
    pub name: *mut c_char,
    pub uid: *mut c_char,
    pub gid: *mut c_char,
    pub muid: *mut c_char,
    pub uidnum: c_uint,
    pub gidnum: c_uint,
    pub muidnum: c_uint,
    pub ext: *mut c_char,
}

const _: () = assert!(size_of::<Dir>() == 120 && size_of::<Qid>() == 24);

const QTDIR: u8 = 0x80;
const DMDIR: c_ulong = 0x8000_0000;
const DMSYMLINK: c_ulong = 0x0200_0000;
const DMDEVICE: c_ulong = 0x0080_0000;
const DMNAMEDPIPE: c_ulong = 0x0020_0000;
const DMSOCKET: c_ulong = 0x0010_0000;

/// The empty string nulldir and muid point at (never freed, never written).
static EMPTY: [u8; 1] = [0];

fn empty() -> *mut c_char {
    EMPTY.as_ptr() as *mut c_char
}

/// One file: lstat and stat (they differ for a symbolic link), its name, and for a
/// block device (not a link to one) its size from the device itself.
struct Entry {
    lst: libc::stat,
    st: libc::stat,
    name: Vec<u8>,
    disk: Option<i64>,
}

/// BLKGETSIZE64, _IOR(0x12, 114, u64): a block device's size in bytes.
const BLKGETSIZE64: libc::c_ulong = 0x8008_1272;
/// BLKGETSIZE, _IO(0x12, 96): its size in 512-byte sectors.
const BLKGETSIZE: libc::c_ulong = 0x1260;

/// The size of the block device open on `fd` (0 if it will not say), as plan9port's
/// disksize.
fn disksize(fd: c_int) -> i64 {
    let mut n: u64 = 0;
    // SAFETY: both ioctls write one integer of the size passed.
    unsafe {
        if libc::ioctl(fd, BLKGETSIZE64, &mut n as *mut u64) >= 0 {
            return n as i64;
        }
        let mut s: c_ulong = 0;
        if libc::ioctl(fd, BLKGETSIZE, &mut s as *mut c_ulong) >= 0 {
            return s as i64 * 512;
        }
    }
    0
}

/// For a block device `e` (named `name` relative to `dirfd`), its size: Dir.length
/// is the disk's size (plan9port's; stat says 0), or stat's when it cannot be opened.
fn blockdev(e: &mut Entry, dirfd: c_int, name: *const c_char) {
    if !fmt(e.lst.st_mode, libc::S_IFBLK) {
        return;
    }
    // SAFETY: name is NUL-terminated; the fd is ours and closed below.
    unsafe {
        let fd = libc::openat(dirfd, name, libc::O_RDONLY | libc::O_CLOEXEC | libc::O_NONBLOCK);
        if fd >= 0 {
            e.disk = Some(disksize(fd));
            libc::close(fd);
        }
    }
}

/// The strings one Dir needs: name, uid and gid (without NULs).
struct Names {
    name: Vec<u8>,
    uid: Vec<u8>,
    gid: Vec<u8>,
}

impl Names {
    fn size(&self) -> usize {
        self.name.len() + self.uid.len() + self.gid.len() + 3
    }
}

/// Looks `id` up with the reentrant getpwuid_r/getgrgid_r; the number when unknown.
fn idname(id: u32, user: bool) -> Vec<u8> {
    let mut buf = vec![0 as c_char; 4096];
    loop {
        let mut found: *mut c_char = null_mut();
        let r = if user {
            let mut pw = MaybeUninit::<libc::passwd>::uninit();
            let mut res: *mut libc::passwd = null_mut();
            // SAFETY: pw, buf and res are ours and sized as passed.
            let r = unsafe { crate::base::nss::getpwuid_r(id, pw.as_mut_ptr(), buf.as_mut_ptr(), buf.len(), &mut res) };
            if r == 0 && !res.is_null() {
                // SAFETY: res == pw, filled by getpwuid_r.
                found = unsafe { (*res).pw_name };
            }
            r
        } else {
            let mut gr = MaybeUninit::<libc::group>::uninit();
            let mut res: *mut libc::group = null_mut();
            // SAFETY: as above.
            let r = unsafe { crate::base::nss::getgrgid_r(id, gr.as_mut_ptr(), buf.as_mut_ptr(), buf.len(), &mut res) };
            if r == 0 && !res.is_null() {
                // SAFETY: res == gr, filled by getgrgid_r.
                found = unsafe { (*res).gr_name };
            }
            r
        };
        if r == libc::ERANGE && buf.len() < 1 << 20 {
            buf.resize(buf.len() * 2, 0);
            continue;
        }
        if found.is_null() {
            return id.to_string().into_bytes();
        }
        return cbytes(found).to_vec();
    }
}

/// The last element of `path`, as plan9port's _p9dir picks it ("/" for the root).
fn lastelem(path: &[u8]) -> Vec<u8> {
    let mut s = match path.iter().rposition(|&c| c == b'/') {
        Some(i) if i + 1 < path.len() => &path[i + 1..],
        _ => path,
    };
    if s.first() == Some(&b'/') {
        s = &s[1..];
    }
    if s.is_empty() {
        s = b"/";
    }
    s.to_vec()
}

fn names(e: &Entry) -> Names {
    Names { name: lastelem(&e.name), uid: idname(e.st.st_uid, true), gid: idname(e.st.st_gid, false) }
}

fn fmt(mode: u32, t: u32) -> bool {
    mode & libc::S_IFMT == t
}

/// Fills `d` from `e` (strings are set by the caller).
fn fill(d: &mut Dir, e: &Entry) {
    let (lst, st) = (&e.lst, &e.st);
    d.typ = b'M' as c_ushort;
    d.qid.path = st.st_ino;
    d.qid.vers = (st.st_mtime + st.st_ctime) as c_ulong;
    d.mode = (st.st_mode & 0o777) as c_ulong;
    d.atime = st.st_atime as c_ulong;
    d.mtime = st.st_mtime as c_ulong;
    d.length = st.st_size;
    d.uidnum = st.st_uid;
    d.gidnum = st.st_gid;
    if fmt(lst.st_mode, libc::S_IFLNK) {
        d.mode |= DMSYMLINK;
        d.length = lst.st_size;
    } else if fmt(st.st_mode, libc::S_IFDIR) {
        d.length = 0;
        d.mode |= DMDIR;
        d.qid.typ = QTDIR;
    } else if fmt(st.st_mode, libc::S_IFIFO) {
        d.mode |= DMNAMEDPIPE;
    } else if fmt(st.st_mode, libc::S_IFSOCK) {
        d.mode |= DMSOCKET;
    } else if fmt(st.st_mode, libc::S_IFBLK) {
        d.mode |= DMDEVICE;
        d.qid.path = (u64::from(b'b') << 16) | st.st_rdev;
    } else if fmt(st.st_mode, libc::S_IFCHR) {
        d.mode |= DMDEVICE;
        d.qid.path = (u64::from(b'c') << 16) | st.st_rdev;
    }
    if let Some(n) = e.disk {
        d.length = n;
    }
}

/// Copies `s` and a NUL to `*p`, advancing it; returns where it went.
///
/// # Safety
/// `*p` has room for s.len()+1 bytes.
unsafe fn put(p: &mut *mut u8, s: &[u8]) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let at = *p;
        core::ptr::copy_nonoverlapping(s.as_ptr(), at, s.len());
        *at.add(s.len()) = 0;
        *p = at.add(s.len() + 1);
        at as *mut c_char
    }
}

/// One malloc'd block: the Dirs for `es`, then their strings. Nil (errstr set) when
/// out of memory.
fn pack(es: &[Entry]) -> *mut Dir {
    let ns: Vec<Names> = es.iter().map(names).collect();
    let nstr: usize = ns.iter().map(Names::size).sum();
    let total = es.len() * size_of::<Dir>() + nstr;
    // SAFETY: plain malloc; everything below stays inside `total` bytes.
    unsafe {
        let d = libc::malloc(total.max(1)) as *mut Dir;
        if d.is_null() {
            crate::runtime::errstr::set(b"out of memory");
            return null_mut();
        }
        write_bytes(d as *mut u8, 0, es.len() * size_of::<Dir>());
        let mut s = d.add(es.len()) as *mut u8;
        for (i, (e, n)) in es.iter().zip(&ns).enumerate() {
            let di = &mut *d.add(i);
            fill(di, e);
            di.name = put(&mut s, &n.name);
            di.uid = put(&mut s, &n.uid);
            di.gid = put(&mut s, &n.gid);
            di.muid = empty();
        }
        d
    }
}

fn zstat() -> libc::stat {
    // SAFETY: struct stat is plain data; all-zero is valid.
    unsafe { core::mem::zeroed() }
}

/// dirstat: the Dir of `file` (following a final symbolic link for everything but
/// DMSYMLINK and the length), or nil with errstr set.
///
/// # Safety
/// `file` is nil (errstr set, nil returned) or a NUL-terminated path.
pub unsafe extern "C" fn dirstat(file: *const c_char) -> *mut Dir {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if file.is_null() {
            crate::runtime::errstr::set(b"dirstat: nil file name");
            return null_mut();
        }
        let mut e = Entry { lst: zstat(), st: zstat(), name: cbytes(file).to_vec(), disk: None };
        if libc::lstat(file, &mut e.lst) < 0 {
            syserr();
            return null_mut();
        }
        e.st = e.lst;
        if fmt(e.lst.st_mode, libc::S_IFLNK) && libc::stat(file, &mut e.st) < 0 {
            // A dangling link: describe the link itself.
            e.st = e.lst;
        }
        blockdev(&mut e, libc::AT_FDCWD, file);
        pack(core::slice::from_ref(&e))
    }
}

/// dirfstat: the Dir of an open fd. Its name is the fd number, as plan9port's is
/// (it stats "/dev/fd/N").
///
/// # Safety
/// None beyond the C prototype: no pointer is taken, and a bad `fd` gives nil with errstr set.
pub unsafe extern "C" fn dirfstat(fd: c_int) -> *mut Dir {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let mut e = Entry { lst: zstat(), st: zstat(), name: format!("/dev/fd/{fd}").into_bytes(), disk: None };
        if libc::fstat(fd, &mut e.st) < 0 {
            syserr();
            return null_mut();
        }
        e.lst = e.st;
        if fmt(e.st.st_mode, libc::S_IFBLK) {
            e.disk = Some(disksize(fd));
        }
        pack(core::slice::from_ref(&e))
    }
}

/// nulldir: every field "don't change" for dirwstat: all bits set, strings "".
///
/// # Safety
/// `d` is nil (nothing done) or points to writable storage for one Dir; the strings it
/// gets point at a static "" that must be neither written nor freed.
pub unsafe extern "C" fn nulldir(d: *mut Dir) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if d.is_null() {
            return;
        }
        write_bytes(d as *mut u8, 0xFF, size_of::<Dir>());
        let d = &mut *d;
        d.name = empty();
        d.uid = empty();
        d.gid = empty();
        d.muid = empty();
        d.ext = empty();
    }
}

/// The file operations dirwstat and dirfwstat share.
///
/// # Safety
/// (Every method.) A `Path` holds a NUL-terminated path that stays valid for the call;
/// an `Fd` may hold any number (a bad one fails with EBADF).
trait Target {
    unsafe fn chmod(&self, mode: libc::mode_t) -> c_int;
    unsafe fn times(&self, ts: &[libc::timespec; 2]) -> c_int;
    unsafe fn truncate(&self, n: i64) -> c_int;
}

struct Path(*const c_char);
struct Fd(c_int);

impl Target for Path {
    unsafe fn chmod(&self, mode: libc::mode_t) -> c_int {
        // SAFETY: self.0 is a NUL-terminated path (Target's contract); chmod only reads it.
        unsafe { libc::chmod(self.0, mode) }
    }
    unsafe fn times(&self, ts: &[libc::timespec; 2]) -> c_int {
        // SAFETY: self.0 is a NUL-terminated path (Target's contract); ts is the two
        // timespecs utimensat reads.
        unsafe { libc::utimensat(libc::AT_FDCWD, self.0, ts.as_ptr(), 0) }
    }
    unsafe fn truncate(&self, n: i64) -> c_int {
        // SAFETY: self.0 is a NUL-terminated path (Target's contract); truncate only reads it.
        unsafe { libc::truncate(self.0, n) }
    }
}

impl Target for Fd {
    unsafe fn chmod(&self, mode: libc::mode_t) -> c_int {
        // SAFETY: fchmod takes no pointer; a bad fd only fails.
        unsafe { libc::fchmod(self.0, mode) }
    }
    unsafe fn times(&self, ts: &[libc::timespec; 2]) -> c_int {
        // SAFETY: ts is the two timespecs futimens reads; a bad fd only fails.
        unsafe { libc::futimens(self.0, ts.as_ptr()) }
    }
    unsafe fn truncate(&self, n: i64) -> c_int {
        // SAFETY: ftruncate takes no pointer; a bad fd only fails.
        unsafe { libc::ftruncate(self.0, n) }
    }
}

/// Applies mode, atime/mtime and length unless they hold nulldir's ~0; 0, or -1 with
/// errstr set by the last failure (the later changes are still tried, as plan9port does).
///
/// # Safety
/// `t` meets Target's contract (a `Path` holds a NUL-terminated path valid for the call).
unsafe fn wstat(t: &dyn Target, d: &Dir) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let mut ret = 0;
        if d.mode != !0 && t.chmod((d.mode & 0o7777) as libc::mode_t) < 0 {
            syserr();
            ret = -1;
        }
        if d.mtime != !0 || d.atime != !0 {
            let ts = |v: c_ulong| libc::timespec {
                tv_sec: if v == !0 { 0 } else { v as libc::time_t },
                tv_nsec: if v == !0 { libc::UTIME_OMIT } else { 0 },
            };
            // plan9port sets both times from mtime; a given atime is honoured too.
            let a = if d.atime == !0 { d.mtime } else { d.atime };
            if t.times(&[ts(a), ts(d.mtime)]) < 0 {
                syserr();
                ret = -1;
            }
        }
        if d.length != -1 && t.truncate(d.length) < 0 {
            syserr();
            ret = -1;
        }
        ret
    }
}

fn newname(d: &Dir) -> Option<&[u8]> {
    let n = cbytes(d.name);
    (!n.is_empty()).then_some(n)
}

/// rename(2) `from` to `name` in the same directory.
///
/// # Safety
/// No requirement: both names are copied here into NUL-terminated buffers for rename(2).
unsafe fn rename_in_dir(from: &[u8], name: &[u8]) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let mut to = match from.iter().rposition(|&c| c == b'/') {
            Some(i) => from[..=i].to_vec(),
            None => Vec::new(),
        };
        to.extend_from_slice(name);
        to.push(0);
        let mut f = from.to_vec();
        f.push(0);
        if libc::rename(f.as_ptr() as *const c_char, to.as_ptr() as *const c_char) < 0 {
            syserr();
            return -1;
        }
        0
    }
}

/// dirwstat: changes the fields of `dir` that are not "don't change" (nulldir):
/// mode → chmod, mtime (and atime) → utimensat, length → truncate, name → rename
/// within the same directory, done last. uid, gid and muid are ignored, as in plan9port.
///
/// # Safety
/// `file` is nil or a NUL-terminated path, `dir` nil or a readable Dir whose `name` is nil
/// or NUL-terminated (no other string is read); a nil argument gives -1 with errstr set.
pub unsafe extern "C" fn dirwstat(file: *const c_char, dir: *const Dir) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if file.is_null() || dir.is_null() {
            crate::runtime::errstr::set(b"dirwstat: nil argument");
            return -1;
        }
        let d = &*dir;
        let mut ret = wstat(&Path(file), d);
        if let Some(n) = newname(d) {
            if rename_in_dir(cbytes(file), n) < 0 {
                ret = -1;
            }
        }
        ret
    }
}

/// dirfwstat: dirwstat on an open fd, except that the name is ignored, as plan9port
/// ignores it: a Dir from dirfstat names the fd ("3"), and passing it back with a new
/// length or mode must not rename the file.
///
/// # Safety
/// `dir` is nil (-1, errstr set) or a readable Dir; none of its strings is read.
pub unsafe extern "C" fn dirfwstat(fd: c_int, dir: *const Dir) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if dir.is_null() {
            crate::runtime::errstr::set(b"dirfwstat: nil argument");
            return -1;
        }
        wstat(&Fd(fd), &*dir)
    }
}

/// The path of an open fd (readlink of /proc/self/fd/N), or None with errstr set.
fn fdpath(fd: c_int) -> Option<Vec<u8>> {
    // SAFETY: F_GETFD only inspects the fd table.
    if unsafe { libc::fcntl(fd, libc::F_GETFD) } < 0 {
        syserr();
        return None;
    }
    let link = format!("/proc/self/fd/{fd}\0");
    let mut buf = vec![0u8; 4096];
    // SAFETY: link is NUL-terminated; buf has buf.len() bytes.
    let n = unsafe { libc::readlink(link.as_ptr() as *const c_char, buf.as_mut_ptr() as *mut c_char, buf.len()) };
    if n < 0 {
        syserr();
        return None;
    }
    buf.truncate(n as usize);
    Some(buf)
}

/// fd2path: the name of the file open on `fd`, NUL-terminated and truncated to fit
/// `nbuf` bytes; 0, or -1 with errstr set.
///
/// # Safety
/// `buf` is nil or has `nbuf` writable bytes (nil or `nbuf` <= 0 gives -1 with errstr set).
pub unsafe extern "C" fn fd2path(fd: c_int, buf: *mut c_char, nbuf: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if buf.is_null() || nbuf <= 0 {
            crate::runtime::errstr::set(b"fd2path: bad buffer");
            return -1;
        }
        let Some(p) = fdpath(fd) else { return -1 };
        let n = crate::base::utf::trunc(&p, nbuf as usize - 1);
        core::ptr::copy_nonoverlapping(p.as_ptr(), buf as *mut u8, n);
        *buf.add(n) = 0;
        0
    }
}

/// Reads directory entries from `fd` with getdents64 (the fd's own offset is the
/// position, so p9seek(fd, 0, 0) rewinds), skipping "." and "..". `all`: to the end;
/// otherwise one batch. Returns the count (0 at the end), or -1 with errstr set.
///
/// # Safety
/// `dp` is nil (-1, errstr set) or points to a writable `*mut Dir`.
unsafe fn readdir(fd: c_int, dp: *mut *mut Dir, all: bool) -> c_long {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if dp.is_null() {
            crate::runtime::errstr::set(b"dirread: nil argument");
            return -1;
        }
        *dp = null_mut();
        let mut st = zstat();
        if libc::fstat(fd, &mut st) < 0 {
            syserr();
            return -1;
        }
        if !fmt(st.st_mode, libc::S_IFDIR) {
            crate::runtime::errstr::set(b"not a directory");
            return -1;
        }
        let mut es: Vec<Entry> = Vec::new();
        let mut buf = vec![0u64; 1024];
        loop {
            let n = libc::syscall(libc::SYS_getdents64, fd, buf.as_mut_ptr(), buf.len() * 8);
            if n < 0 {
                if *libc::__errno_location() == libc::EINTR {
                    continue;
                }
                if es.is_empty() {
                    syserr();
                    return -1;
                }
                break;
            }
            if n == 0 {
                break;
            }
            let base = buf.as_ptr() as *const u8;
            let mut off = 0usize;
            while off < n as usize {
                // linux_dirent64: d_ino u64, d_off i64, d_reclen u16, d_type u8, d_name.
                let reclen = core::ptr::read_unaligned(base.add(off + 16) as *const u16) as usize;
                let name = base.add(off + 19) as *const c_char;
                off += reclen.max(1);
                let nb = cbytes(name);
                if nb == b"." || nb == b".." {
                    continue;
                }
                let mut e = Entry { lst: zstat(), st: zstat(), name: nb.to_vec(), disk: None };
                // A file removed since getdents is skipped, as plan9port does.
                if libc::fstatat(fd, name, &mut e.lst, libc::AT_SYMLINK_NOFOLLOW) < 0 {
                    continue;
                }
                e.st = e.lst;
                if fmt(e.lst.st_mode, libc::S_IFLNK) && libc::fstatat(fd, name, &mut e.st, 0) < 0 {
                    e.st = e.lst;
                }
                blockdev(&mut e, fd, name);
                es.push(e);
            }
            if !all && !es.is_empty() {
                break;
            }
        }
        if es.is_empty() {
            return 0;
        }
        let d = pack(&es);
        if d.is_null() {
            return -1;
        }
        *dp = d;
        es.len() as c_long
    }
}

/// dirread: the next entries of the open directory `fd` in one malloc'd array
/// (*dp; free it); the count, 0 at the end, -1 on error.
///
/// # Safety
/// `dp` is nil (-1, errstr set) or points to a writable `Dir*`, which receives a malloc'd
/// array (or nil) the caller frees.
pub unsafe extern "C" fn dirread(fd: c_int, dp: *mut *mut Dir) -> c_long {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { readdir(fd, dp, false) }
}

/// dirreadall: like dirread, but every remaining entry.
///
/// # Safety
/// As dirread: `dp` is nil (-1, errstr set) or points to a writable `Dir*`.
pub unsafe extern "C" fn dirreadall(fd: c_int, dp: *mut *mut Dir) -> c_long {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { readdir(fd, dp, true) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_elements() {
        assert_eq!(lastelem(b"/a/b/c"), b"c");
        assert_eq!(lastelem(b"c"), b"c");
        assert_eq!(lastelem(b"/"), b"/");
        assert_eq!(lastelem(b"/tmp/"), b"tmp/");
        assert_eq!(lastelem(b"/dev/fd/3"), b"3");
    }
}
