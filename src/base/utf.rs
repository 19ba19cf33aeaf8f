//! Runes and UTF-8, with Plan 9's rules: a bad byte decodes as Runeerror and consumes
//! exactly one byte; overlong forms and values above Runemax are bad; surrogate code
//! points are not special (plan9port's libutf accepts them, and so do we).
//! The exported C functions live in abi/utf.rs.

pub type Rune = u32;

pub const UTFMAX: usize = 4;
pub const RUNESELF: u32 = 0x80;
pub const RUNEERROR: u32 = 0xFFFD;
pub const RUNEMAX: u32 = 0x10FFFF;

/// Decodes the rune at the start of `s`; returns (rune, bytes used). A NUL or a short
/// slice ends a sequence like any other non-continuation byte, so this never reads past
/// the first byte that cannot continue the sequence. Empty input gives (0, 0).
pub fn decode(s: &[u8]) -> (Rune, usize) {
    let Some(&c) = s.first() else { return (0, 0) };
    let c = c as u32;
    if c < 0x80 {
        return (c, 1);
    }
    // (number of bytes, payload bits of the lead byte, smallest rune that needs this many)
    let (n, lead, min) = match c {
        0xC0..=0xDF => (2, c & 0x1F, 0x80),
        0xE0..=0xEF => (3, c & 0x0F, 0x800),
        0xF0..=0xF7 => (4, c & 0x07, 0x10000),
        _ => return (RUNEERROR, 1),
    };
    let mut r = lead;
    for i in 1..n {
        match s.get(i) {
            Some(&b) if b & 0xC0 == 0x80 => r = (r << 6) | (b as u32 & 0x3F),
            _ => return (RUNEERROR, 1),
        }
    }
    if r < min || r > RUNEMAX {
        return (RUNEERROR, 1);
    }
    (r, n)
}

/// Encodes `r` into `out` (values above Runemax become Runeerror); returns the length.
pub fn encode(r: Rune, out: &mut [u8; UTFMAX]) -> usize {
    let r = if r > RUNEMAX { RUNEERROR } else { r };
    if r < 0x80 {
        out[0] = r as u8;
        1
    } else if r < 0x800 {
        out[0] = 0xC0 | (r >> 6) as u8;
        out[1] = 0x80 | (r & 0x3F) as u8;
        2
    } else if r < 0x10000 {
        out[0] = 0xE0 | (r >> 12) as u8;
        out[1] = 0x80 | ((r >> 6) & 0x3F) as u8;
        out[2] = 0x80 | (r & 0x3F) as u8;
        3
    } else {
        out[0] = 0xF0 | (r >> 18) as u8;
        out[1] = 0x80 | ((r >> 12) & 0x3F) as u8;
        out[2] = 0x80 | ((r >> 6) & 0x3F) as u8;
        out[3] = 0x80 | (r & 0x3F) as u8;
        4
    }
}

/// Bytes `encode` would produce for `r` (a negative or too-large value counts as Runeerror).
pub fn runelen(r: i64) -> usize {
    match r {
        0..=0x7F => 1,
        0x80..=0x7FF => 2,
        0x10000..=0x10FFFF => 4,
        _ => 3,
    }
}

/// Whether the `n` bytes at `s` hold at least one complete (possibly bad) rune, judged by
/// the lead byte as Plan 9's fullrune does.
pub fn fullrune(s: &[u8]) -> bool {
    let Some(&c) = s.first() else { return false };
    let need = match c {
        0..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    // A lead byte that is itself bad decodes as one byte but Plan 9 still asks for more;
    // keeping that rule keeps stream readers byte-compatible with plan9port.
    s.len() >= need
}

/// Number of runes in `s` (no NUL inside).
pub fn count(s: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < s.len() {
        if s[i] < 0x80 {
            i += 1;
        } else {
            i += decode(&s[i..]).1;
        }
        n += 1;
    }
    n
}

/// Runes in the first `m` bytes of `s`, stopping at a NUL; a trailing incomplete rune is
/// not counted (utfnlen).
pub fn count_n(s: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if c == 0 {
            break;
        }
        if c < 0x80 {
            i += 1;
        } else {
            if !fullrune(&s[i..]) {
                break;
            }
            i += decode(&s[i..]).1;
        }
        n += 1;
    }
    n
}

/// Byte length of the longest prefix of `s` with at most `max` bytes that does not end
/// inside a well-formed multi-byte sequence.
pub fn trunc(s: &[u8], max: usize) -> usize {
    if s.len() <= max {
        return s.len();
    }
    let mut i = 0;
    while i < s.len() {
        let n = decode(&s[i..]).1.max(1);
        if i + n > max {
            break;
        }
        i += n;
    }
    i
}

/// Byte offset of the first rune `c` in `s`; `c == 0` finds the end (as strchr does).
pub fn find(s: &[u8], c: Rune) -> Option<usize> {
    if c == 0 {
        return Some(s.len());
    }
    if c < RUNESELF {
        return s.iter().position(|&b| b as u32 == c);
    }
    let mut i = 0;
    while i < s.len() {
        let (r, n) = decode(&s[i..]);
        if r == c {
            return Some(i);
        }
        i += n;
    }
    None
}

/// Byte offset of the last rune `c` in `s`; `c == 0` finds the end.
pub fn rfind(s: &[u8], c: Rune) -> Option<usize> {
    if c == 0 {
        return Some(s.len());
    }
    if c < RUNESELF {
        return s.iter().rposition(|&b| b as u32 == c);
    }
    let mut last = None;
    let mut i = 0;
    while i < s.len() {
        let (r, n) = decode(&s[i..]);
        if r == c {
            last = Some(i);
        }
        i += n;
    }
    last
}

/// Byte offset of the first occurrence of `pat` in `s`, stepping rune by rune so a match
/// never starts inside a multi-byte sequence; an empty `pat` matches at 0.
pub fn find_str(s: &[u8], pat: &[u8]) -> Option<usize> {
    if pat.is_empty() {
        return Some(0);
    }
    let mut i = 0;
    while i + pat.len() <= s.len() {
        if s[i..].starts_with(pat) {
            return Some(i);
        }
        i += decode(&s[i..]).1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        let mut b = [0u8; 4];
        for r in [0u32, 0x41, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF, 0xD800] {
            let n = encode(r, &mut b);
            assert_eq!(n, runelen(r as i64));
            assert_eq!(decode(&b[..n]), (r, n));
        }
        assert_eq!(encode(0x110000, &mut b), 3);
        assert_eq!(&b[..3], "\u{FFFD}".as_bytes());
    }

    #[test]
    fn bad() {
        assert_eq!(decode(b"\x80"), (RUNEERROR, 1));
        assert_eq!(decode(b"\xC0\x80"), (RUNEERROR, 1)); // overlong NUL
        assert_eq!(decode(b"\xE0\x80\x80"), (RUNEERROR, 1));
        assert_eq!(decode(b"\xF4\x90\x80\x80"), (RUNEERROR, 1)); // > Runemax
        assert_eq!(decode(b"\xF8\x88\x80\x80\x80"), (RUNEERROR, 1));
        assert_eq!(decode(b"\xE2\x82"), (RUNEERROR, 1)); // short
        assert_eq!(decode(b"\xE2\x82\0"), (RUNEERROR, 1));
        assert_eq!(decode("€".as_bytes()), (0x20AC, 3));
    }

    #[test]
    fn counts() {
        assert_eq!(count("héllo".as_bytes()), 5);
        assert_eq!(count(b"a\xffb"), 3);
        assert_eq!(count_n("héllo".as_bytes()), 5);
        assert_eq!(count_n(&"héllo".as_bytes()[..2]), 1);
        assert_eq!(count_n(b"ab\0cd"), 2);
        assert!(fullrune(b"a"));
        assert!(!fullrune(b""));
        assert!(!fullrune(b"\xE2\x82"));
        assert!(fullrune(b"\xE2\x82\xAC"));
    }

    #[test]
    fn truncation() {
        let s = "aé€".as_bytes(); // 1 + 2 + 3
        assert_eq!(trunc(s, 6), 6);
        assert_eq!(trunc(s, 5), 3);
        assert_eq!(trunc(s, 2), 1);
        assert_eq!(trunc(s, 0), 0);
    }

    #[test]
    fn search() {
        let s = "a€b€".as_bytes();
        assert_eq!(find(s, 0x20AC), Some(1));
        assert_eq!(rfind(s, 0x20AC), Some(5));
        assert_eq!(find(s, 'b' as u32), Some(4));
        assert_eq!(find(s, 0), Some(s.len()));
        assert_eq!(find(s, 'z' as u32), None);
        assert_eq!(find_str(s, "b€".as_bytes()), Some(4));
        assert_eq!(find_str(s, b""), Some(0));
        assert_eq!(find_str(s, b"x"), None);
    }
}
