//! Every exported Rust function has the C signature its header declares.
//!
//! cbindgen turns the crate's `#[no_mangle] extern "C"` functions into C prototypes;
//! a C file includes thread9's headers and then those prototypes, and the C
//! compiler must accept it: a function whose argument or return types differ from
//! its header's declaration is a "conflicting types" error naming both. `const` is
//! ignored on both sides (it is no part of the ABI, and plan9port's prototypes omit
//! it where Rust says `*const`). Rust type names that differ from the C ones are
//! mapped in RENAME.

use std::path::PathBuf;
use std::process::Command;

/// Rust type name -> the C type the headers use for it.
const RENAME: &[(&str, &str)] = &[
    ("Tai", "struct tai"),
    ("Taia", "struct taia"),
    ("Ctx", "resmgr_context_t"),
    ("Attr", "iofunc_attr_t"),
    ("Ocb", "iofunc_ocb_t"),
    ("RAttr", "resmgr_attr_t"),
    ("ConnectFuncs", "resmgr_connect_funcs_t"),
    ("IoFuncs", "resmgr_io_funcs_t"),
    ("ClientInfo", "struct _client_info"),
    ("pollfd", "struct pollfd"),
    ("sockaddr", "struct sockaddr"),
    ("iovec", "struct iovec"),
    ("stat", "struct stat"),
    ("timespec", "struct timespec"),
];

#[test]
fn exported_functions_match_the_headers() {
    let top = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let mut cfg = cbindgen::Config {
        language: cbindgen::Language::C,
        no_includes: true,
        style: cbindgen::Style::Type,
        ..Default::default()
    };
    cfg.export.item_types =
        vec![cbindgen::ItemType::Functions, cbindgen::ItemType::Typedefs, cbindgen::ItemType::OpaqueItems];
    for (r, c) in RENAME {
        cfg.export.rename.insert(r.to_string(), c.to_string());
    }
    let gen = cbindgen::Builder::new().with_crate(&top).with_config(cfg).generate().expect("cbindgen failed");
    let raw = out.join("thread9_rust_abi_raw.h");
    gen.write_to_file(&raw);
    // Keep the definitions: drop the `extern` declarations of C functions the Rust
    // code calls (they are checked by the C shim's own compilation) and the
    // typedefs of Rust-only names; opaque structs stay as forward declarations.
    let text = std::fs::read_to_string(&raw).unwrap();
    let mut defs = String::new();
    let mut n = 0;
    for d in text.split("\n\n").map(str::trim).filter(|d| !d.is_empty()) {
        if d.starts_with("extern ") || d.starts_with('#') {
            continue;
        }
        if d.contains('(') && !d.starts_with("typedef") {
            n += 1;
        }
        // Option<F> of a function-pointer type F is F, nullable (the same ABI); cbindgen
        // spells it Option_F when F is an alias.
        defs.push_str(&d.replace("Option_", ""));
        defs.push('\n');
    }
    assert!(n > 300, "cbindgen found only {n} exported functions: the generator or its parse failed");
    let h = out.join("thread9_rust_abi.h");
    std::fs::write(&h, defs).unwrap();
    let c = out.join("thread9_abi_check.c");
    std::fs::write(
        &c,
        format!(
            "#define const\n#include <stdint.h>\n#include <stdbool.h>\n#include <poll.h>\n#include <sys/socket.h>\n\
             #include <sys/uio.h>\n#include <sys/stat.h>\n#include <u.h>\n#include <libc.h>\n#include <thread.h>\n\
             #include <fmt.h>\n#include <utf.h>\n#include <iopause.h>\n#include <file2chan.h>\n#include <resmgr.h>\n\
             #include \"{}\"\n",
            h.display()
        ),
    )
    .unwrap();
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let r = Command::new(&cc)
        .arg("-fsyntax-only")
        .arg("-I")
        .arg(top.join("include/thread9"))
        .arg("-I")
        .arg(top.join("src/c"))
        .arg(&c)
        .output()
        .expect("running the C compiler");
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        r.status.success(),
        "exported Rust functions whose C signature differs from include/thread9 ({} checked; prototypes in {}):\n{}",
        n,
        h.display(),
        err.lines().filter(|l| l.contains("error")).collect::<Vec<_>>().join("\n")
    );
}
