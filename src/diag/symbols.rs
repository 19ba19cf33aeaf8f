//! Backtraces for the dump and crash reports: the loaded modules (dl_iterate_phdr),
//! unwinding with their .eh_frame CFI (framehop) and symbolization with their DWARF
//! (addr2line) or symbol tables (object). Nothing here runs before a dump or crash:
//! the first one maps each module's file (read-only, shared with the page cache) and
//! indexes it; later ones reuse that while the set of loaded modules is unchanged.

use addr2line::gimli;
use core::ffi::{c_int, c_void, CStr};
use object::{Object, ObjectSection, ObjectSymbol, SymbolKind};
use std::sync::Mutex;

type Slice = gimli::EndianSlice<'static, gimli::RunTimeEndian>;

/// One loaded ELF object: the program, the library, libc…
pub struct Module {
    /// The file's path as the dynamic loader names it (the program: /proc/self/exe's target).
    pub path: String,
    /// Load bias: run-time address = file (link-time) address + bias.
    bias: u64,
    /// Run-time address ranges of its PT_LOAD segments.
    ranges: Vec<(u64, u64)>,
    /// Function (and data) symbols by link-time address: (address, size, name).
    syms: Vec<(u64, u64, String)>,
    dwarf: Option<addr2line::Context<Slice>>,
}

/// One frame of a backtrace, symbolized.
pub struct Frame {
    /// The function, demangled; None when nothing names it.
    pub func: Option<String>,
    /// Offset of the address in that function (symbol-table names only).
    pub off: u64,
    /// Source file and line (DWARF).
    pub file: Option<(String, u32)>,
    /// The module's path, for frames without a source position.
    pub module: Option<String>,
    /// The function's symbol is Rust-mangled: a frame of thread9 itself (or Rust std),
    /// hidden from thread backtraces unless nothing else is left (LIBTHREAD=dumpall
    /// shows them).
    pub internal: bool,
}

pub struct Symbolizer {
    key: Vec<(u64, String)>,
    pub mods: Vec<Module>,
    #[cfg(target_arch = "x86_64")]
    unwinder: framehop::x86_64::UnwinderX86_64<&'static [u8]>,
}

struct Loaded {
    path: String,
    bias: u64,
    ranges: Vec<(u64, u64)>,
}

extern "C" fn phdr_cb(info: *mut libc::dl_phdr_info, _size: usize, data: *mut c_void) -> c_int {
    // SAFETY: the loader passes a valid dl_phdr_info; data is our Vec.
    unsafe {
        let out = &mut *(data as *mut Vec<Loaded>);
        let name =
            if (*info).dlpi_name.is_null() { "" } else { CStr::from_ptr((*info).dlpi_name).to_str().unwrap_or("") };
        let path = if name.is_empty() {
            if !out.is_empty() {
                return 0; // the vDSO or a nameless object: no file to read
            }
            std::fs::read_link("/proc/self/exe").map(|p| p.to_string_lossy().into_owned()).unwrap_or_default()
        } else {
            name.to_string()
        };
        let mut ranges = Vec::new();
        for i in 0..(*info).dlpi_phnum as usize {
            let ph = &*(*info).dlpi_phdr.add(i);
            if ph.p_type == libc::PT_LOAD {
                let lo = (*info).dlpi_addr.wrapping_add(ph.p_vaddr);
                ranges.push((lo, lo + ph.p_memsz));
            }
        }
        out.push(Loaded { path, bias: (*info).dlpi_addr, ranges });
    }
    0
}

/// Maps `path` read-only for good (the symbolizer's sections borrow from it).
fn map_file(path: &str) -> Option<&'static [u8]> {
    let f = std::fs::File::open(path).ok()?;
    let len = f.metadata().ok()?.len() as usize;
    if len == 0 {
        return None;
    }
    use std::os::fd::AsRawFd;
    // SAFETY: a fresh read-only private mapping of an open file; never unmapped, so the
    // 'static slice stays valid (the file may change under it: then we read garbage,
    // not out of bounds).
    unsafe {
        let p = libc::mmap(core::ptr::null_mut(), len, libc::PROT_READ, libc::MAP_PRIVATE, f.as_raw_fd(), 0);
        if p == libc::MAP_FAILED {
            return None;
        }
        Some(core::slice::from_raw_parts(p as *const u8, len))
    }
}

fn loaded() -> Vec<Loaded> {
    let mut v: Vec<Loaded> = Vec::new();
    // SAFETY: the callback only appends to v.
    unsafe { libc::dl_iterate_phdr(Some(phdr_cb), &mut v as *mut Vec<Loaded> as *mut c_void) };
    v
}

impl Symbolizer {
    fn new(ld: Vec<Loaded>) -> Symbolizer {
        let key = ld.iter().map(|l| (l.bias, l.path.clone())).collect();
        let mut mods = Vec::new();
        #[cfg(target_arch = "x86_64")]
        let mut unwinder = framehop::x86_64::UnwinderX86_64::new();
        for l in ld {
            let data = map_file(&l.path);
            let file = data.and_then(|d| object::File::parse(d).ok());
            let mut syms = Vec::new();
            let mut dwarf = None;
            if let Some(file) = &file {
                for s in file.symbols().chain(file.dynamic_symbols()) {
                    if s.address() == 0 || !matches!(s.kind(), SymbolKind::Text | SymbolKind::Data) {
                        continue;
                    }
                    if let Ok(n) = s.name() {
                        if !n.is_empty() {
                            syms.push((s.address(), s.size(), n.to_string()));
                        }
                    }
                }
                syms.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
                syms.dedup_by(|a, b| a.0 == b.0);
                let endian =
                    if file.is_little_endian() { gimli::RunTimeEndian::Little } else { gimli::RunTimeEndian::Big };
                if file.section_by_name(".debug_info").is_some() || file.section_by_name(".debug_line").is_some() {
                    let load = |id: gimli::SectionId| -> Result<Slice, gimli::Error> {
                        let d = file.section_by_name(id.name()).and_then(|s| s.data().ok()).unwrap_or(&[]);
                        Ok(gimli::EndianSlice::new(d, endian))
                    };
                    if let Ok(dw) = gimli::Dwarf::load(load) {
                        dwarf = addr2line::Context::from_dwarf(dw).ok();
                    }
                }
                #[cfg(target_arch = "x86_64")]
                {
                    let sec = |n: &str| file.section_by_name(n).and_then(|s| Some((s.address(), s.data().ok()?)));
                    let text = sec(".text");
                    let eh = sec(".eh_frame");
                    let hdr = sec(".eh_frame_hdr");
                    let got = sec(".got");
                    let info = framehop::ExplicitModuleSectionInfo {
                        base_svma: 0,
                        text_svma: text.map(|(a, d)| a..a + d.len() as u64),
                        text: text.map(|(_, d)| d),
                        got_svma: got.map(|(a, d)| a..a + d.len() as u64),
                        eh_frame_svma: eh.map(|(a, d)| a..a + d.len() as u64),
                        eh_frame: eh.map(|(_, d)| d),
                        eh_frame_hdr_svma: hdr.map(|(a, d)| a..a + d.len() as u64),
                        eh_frame_hdr: hdr.map(|(_, d)| d),
                        ..Default::default()
                    };
                    let lo = l.ranges.iter().map(|r| r.0).min().unwrap_or(0);
                    let hi = l.ranges.iter().map(|r| r.1).max().unwrap_or(0);
                    use framehop::Unwinder;
                    unwinder.add_module(framehop::Module::new(l.path.clone(), lo..hi, l.bias, info));
                }
            }
            mods.push(Module { path: l.path, bias: l.bias, ranges: l.ranges, syms, dwarf });
        }
        Symbolizer {
            key,
            mods,
            #[cfg(target_arch = "x86_64")]
            unwinder,
        }
    }

    fn module(&self, addr: u64) -> Option<&Module> {
        self.mods.iter().find(|m| m.ranges.iter().any(|&(lo, hi)| addr >= lo && addr < hi))
    }

    /// The symbol-table name of `addr` (code or data) and the offset in it.
    pub fn symbol(&self, addr: u64) -> Option<(String, u64)> {
        let m = self.module(addr)?;
        let a = addr.wrapping_sub(m.bias);
        let i = m.syms.partition_point(|s| s.0 <= a);
        let s = m.syms.get(i.checked_sub(1)?)?;
        if s.1 != 0 && a >= s.0 + s.1 {
            return None;
        }
        Some((s.2.clone(), a - s.0))
    }

    /// Whether `addr` is in a loaded module.
    pub fn known(&self, addr: u64) -> bool {
        self.module(addr).is_some()
    }

    /// Whether return address `addr` is a coroutine's root (corosensei's start
    /// trampoline): nothing above it belongs to the thread.
    pub fn is_root(&self, addr: u64) -> bool {
        self.symbol(addr.wrapping_sub(1)).is_some_and(|(n, _)| n.starts_with("stack_init_trampoline"))
    }

    /// The frames at code address `addr` (innermost inlined frame first). `ret`: it is
    /// a return address (looked up one byte earlier, in the call instruction).
    pub fn frames(&self, addr: u64, ret: bool) -> Vec<Frame> {
        let look = if ret { addr.wrapping_sub(1) } else { addr };
        let Some(m) = self.module(look) else {
            return vec![Frame { func: None, off: addr, file: None, module: None, internal: false }];
        };
        let sym = self.symbol(look);
        let internal = sym.as_ref().is_some_and(|(n, _)| is_rust(n) || n.starts_with("stack_init_trampoline"));
        let mut out = Vec::new();
        if let Some(ctx) = &m.dwarf {
            if let Ok(mut it) = ctx.find_frames(look.wrapping_sub(m.bias)).skip_all_loads() {
                while let Ok(Some(f)) = it.next() {
                    let func = f.function.as_ref().and_then(|n| n.demangle().ok()).map(|s| s.into_owned());
                    let file = f.location.as_ref().and_then(|l| Some((l.file?.to_string(), l.line?)));
                    // Rust code inlined into an exported entry point is the library's too.
                    let internal = internal || func.as_deref().is_some_and(is_rust_path);
                    out.push(Frame { func, off: 0, file, module: None, internal });
                }
            }
        }
        if out.iter().all(|f| f.func.is_none() && f.file.is_none()) {
            out.clear();
            let (func, off) = match sym {
                Some((n, off)) => (Some(addr2line::demangle_auto(n.as_str().into(), None).into_owned()), off),
                None => (None, look.wrapping_sub(m.bias)),
            };
            out.push(Frame { func, off, file: None, module: Some(m.path.clone()), internal });
        } else if let Some(f) = out.last_mut() {
            if f.func.is_none() {
                f.func = sym.map(|(n, _)| addr2line::demangle_auto(n.as_str().into(), None).into_owned());
            }
        }
        out
    }

    /// Return addresses from a pc/sp/fp triple (the pc first), reading stack words
    /// with `read` (None: unreadable). At most `max` frames.
    pub fn unwind(&self, pc: u64, sp: u64, bp: u64, read: &mut dyn FnMut(u64) -> Option<u64>, max: usize) -> Vec<u64> {
        let mut out = Vec::new();
        #[cfg(target_arch = "x86_64")]
        {
            use framehop::Unwinder;
            let mut cache = framehop::x86_64::CacheX86_64::new();
            let regs = framehop::x86_64::UnwindRegsX86_64::new(pc, sp, bp);
            let mut rd = |a: u64| read(a).ok_or(());
            let mut it = self.unwinder.iter_frames(pc, regs, &mut cache, &mut rd);
            while out.len() < max {
                match it.next() {
                    Ok(Some(f)) => out.push(f.address()),
                    _ => break,
                }
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let _ = (sp, bp, read, max);
            out.push(pc);
        }
        out
    }
}

/// Whether a symbol is Rust-mangled (legacy `_ZN…17h<hash>E` or v0 `_R`): thread9's
/// own code (C++ names lack the hash).
fn is_rust(n: &str) -> bool {
    if n.starts_with("_R") {
        return true;
    }
    n.starts_with("_ZN") && n.len() > 20 && n.ends_with('E') && n[n.len() - 20..].starts_with("17h")
}

/// A demangled Rust path of thread9 or the Rust libraries it uses.
fn is_rust_path(n: &str) -> bool {
    ["thread::", "corosensei::", "core::", "alloc::", "std::", "<"].iter().any(|p| n.starts_with(p))
}

static CACHE: Mutex<Option<Symbolizer>> = Mutex::new(None);

/// Runs `f` with a symbolizer for the modules loaded now (built on first use and
/// again when the set of modules changed). `wait`: false in a crash, where a dump
/// in progress (or the crashed code itself) may hold the cache: a fresh one is built.
pub fn with<R>(wait: bool, f: impl FnOnce(&Symbolizer) -> R) -> R {
    let ld = loaded();
    let guard = if wait { Some(CACHE.lock().unwrap_or_else(|e| e.into_inner())) } else { CACHE.try_lock().ok() };
    match guard {
        Some(mut g) => {
            let same = g.as_ref().is_some_and(|s| {
                s.key.len() == ld.len() && s.key.iter().zip(&ld).all(|(k, l)| k.0 == l.bias && k.1 == l.path)
            });
            if !same {
                *g = Some(Symbolizer::new(ld));
            }
            f(g.as_ref().unwrap())
        }
        None => f(&Symbolizer::new(ld)),
    }
}
