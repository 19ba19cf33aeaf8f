//! Misuse reports: one line on fd 2 naming the call, then return the error value
//! (`complain`) or abort (`misuse`).

/// Writes to fd 2 without allocating much and without stdio (usable anywhere).
pub fn ewrite(b: &[u8]) {
    let mut off = 0;
    while off < b.len() {
        // SAFETY: writing our own bytes to fd 2.
        let n = unsafe { libc::write(2, b[off..].as_ptr() as *const _, b.len() - off) };
        if n <= 0 {
            break;
        }
        off += n as usize;
    }
}

/// A misuse of the API that leaves no sane way on: `thread9: CALL: WHAT`, then abort.
#[cold]
pub fn misuse(call: &str, what: &str) -> ! {
    // Piece by piece, without allocating: misuse may be found inside a signal handler.
    ewrite(b"thread9: ");
    ewrite(call.as_bytes());
    ewrite(b": ");
    ewrite(what.as_bytes());
    ewrite(b"\n");
    // A LIBTHREAD=trace=FILE timeline is written first (a no-op otherwise).
    crate::base::flags::on_fatal();
    // SAFETY: abort has no preconditions.
    unsafe { libc::abort() }
}

/// A recoverable misuse: report it and let the call return its error value.
#[cold]
pub fn complain(call: &str, what: &str) {
    // On the stack: the complaint may be that memory ran out.
    let mut m = crate::base::mem::Msg::<512>::new();
    let _ = core::fmt::Write::write_fmt(&mut m, format_args!("thread9: {call}: {what}"));
    let mut b = [0u8; 513];
    let n = m.as_bytes().len();
    b[..n].copy_from_slice(m.as_bytes());
    b[n] = b'\n';
    ewrite(&b[..n + 1]);
}

/// A C string's bytes; nil reads as "".
pub fn cbytes<'a>(s: *const core::ffi::c_char) -> &'a [u8] {
    if s.is_null() {
        b""
    } else {
        // SAFETY: the caller passes a NUL-terminated string that outlives the borrow.
        unsafe { core::ffi::CStr::from_ptr(s).to_bytes() }
    }
}

/// A NUL-terminated C string as text (lossy), "" for null.
pub fn cstr(p: *const u8) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: p is a NUL-terminated string owned by a live object.
    unsafe { std::ffi::CStr::from_ptr(p as *const _).to_string_lossy().into_owned() }
}

/// The exported symbol starting exactly at `addr`. dladdr returns the nearest
/// preceding dynamic symbol, which for a static function is some other function:
/// only an exact match names it.
pub fn exact_symbol(addr: usize) -> Option<String> {
    // SAFETY: a plain-data out structure.
    let mut info: libc::Dl_info = unsafe { core::mem::zeroed() };
    // SAFETY: dladdr only reads the loader's tables.
    if unsafe { libc::dladdr(addr as *const _, &mut info) } != 0
        && !info.dli_sname.is_null()
        && info.dli_saddr as usize == addr
    {
        Some(cstr(info.dli_sname as *const u8))
    } else {
        None
    }
}
