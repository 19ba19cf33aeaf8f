//! Sanitizer annotations (ASan fiber switches, TSan fibers and happens-before edges).
//! Each call costs one predictable branch unless the tool's runtime is loaded.

pub mod asan;
pub mod tsan;
