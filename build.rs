// Builds the C shim. main.c (main, p9main) goes into the cdylib only, so `cargo test`'s
// own main is untouched; the rest is a whole-archive static library both the cdylib and
// the test binaries link (Rust calls its hidden accessors). See docs/ARCHITECTURE.md, the C shim.
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = std::env::var("OUT_DIR").unwrap();
    let c = dir.join("src/c");
    let mut shim: Vec<PathBuf> = std::fs::read_dir(&c)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "c") && !p.ends_with("main.c") && !p.ends_with("alloc.c"))
        .collect();
    shim.sort();
    let mut b = cc::Build::new();
    b.files(&shim)
        .include(dir.join("include/thread9"))
        .include(&c)
        .flag("-fno-strict-aliasing")
        .flag_if_supported("-Wno-unused-parameter")
        .cargo_metadata(false);
    b.compile("thread9shim");
    // alloc.c keeps frame pointers: ASan's allocation stacks walk through it (its comment).
    cc::Build::new()
        .file(c.join("alloc.c"))
        .include(&c)
        .flag("-fno-omit-frame-pointer")
        .cargo_metadata(false)
        .compile("thread9alloc");
    println!("cargo:rustc-link-search=native={out}");
    println!("cargo:rustc-link-lib=static:+whole-archive=thread9shim");
    println!("cargo:rustc-link-lib=static:+whole-archive=thread9alloc");
    for o in cc::Build::new().file(c.join("main.c")).include(dir.join("include/thread9")).compile_intermediates() {
        println!("cargo:rustc-cdylib-link-arg={}", o.display());
        // The Makefile appends main.o to libthread.a.
        std::fs::copy(&o, PathBuf::from(&out).join("main.o")).unwrap();
    }
    println!("cargo:rustc-link-lib=dylib=dl");
    println!("cargo:rustc-link-lib=dylib=pthread");
    println!("cargo:rustc-cdylib-link-arg=-Wl,--version-script={}", dir.join("libthread.map").display());
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libthread.so.0");
    println!("cargo:rerun-if-changed=src/c");
    println!("cargo:rerun-if-changed=include/thread9");
    println!("cargo:rerun-if-changed=libthread.map");
}
