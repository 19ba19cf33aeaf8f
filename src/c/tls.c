/*
 * The current proc, in initial-exec TLS: on x86-64 Rust reads it with two
 * instructions (src/arch/mod.rs), where a Rust thread_local in a shared library
 * costs a __tls_get_addr call on every channel operation. Other targets call the
 * accessors below.
 */
#include "shim.h"

__attribute__((tls_model("initial-exec"), visibility("hidden")))
__thread void *thread9_tls_proc;

extern __attribute__((tls_model("initial-exec"), visibility("hidden"))) __thread int thread9_tls_innote;

HIDDEN void *thread9_c_tls_proc(void) { return thread9_tls_proc; }
HIDDEN void thread9_c_tls_setproc(void *p) { thread9_tls_proc = p; }
HIDDEN int thread9_c_tls_innote(void) { return thread9_tls_innote; }
