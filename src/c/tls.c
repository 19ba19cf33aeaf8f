/*
 * The current proc, in initial-exec TLS: Rust reads it with two instructions
 * (src/sched.rs), where a Rust thread_local in a shared library costs a
 * __tls_get_addr call on every channel operation.
 */
#include "shim.h"

__attribute__((tls_model("initial-exec"), visibility("hidden")))
__thread void *thread9_tls_proc;
