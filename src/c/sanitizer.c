/*
 * src/san/asan.rs calls these around every stack switch when thread9_hooks has the ASan bit.
 * Defining hidden forwarders here keeps libthread.so loadable by programs built
 * without ASan; under ASan the real runtime functions are found once with dlsym
 * (docs/ARCHITECTURE.md, the C shim).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include "shim.h"

static void (*start_fn)(void**, const void*, size_t);
static void (*finish_fn)(void*, const void**, size_t*);
static void (*unpoison_fn)(const volatile void*, size_t);
/*
 * What makes the library's fast paths step aside, one bit each: 1 ASan and 2 TSan
 * (set by the constructors here), 4 tracing (set by the library at start-up from
 * $LIBTHREAD). A single load tells a channel operation or a switch that nothing
 * needs to hear about it.
 */
HIDDEN int thread9_hooks;

__attribute__((constructor)) static void
sanprobe(void)
{
	start_fn = (void (*)(void**, const void*, size_t))dlsym(RTLD_DEFAULT, "__sanitizer_start_switch_fiber");
	finish_fn = (void (*)(void*, const void**, size_t*))dlsym(RTLD_DEFAULT, "__sanitizer_finish_switch_fiber");
	unpoison_fn = (void (*)(const volatile void*, size_t))dlsym(RTLD_DEFAULT, "__asan_unpoison_memory_region");
	if(start_fn != NULL && finish_fn != NULL && unpoison_fn != NULL)
		thread9_hooks |= 1;
}

HIDDEN void
__sanitizer_start_switch_fiber(void **fake, const void *bottom, size_t size)
{
	if(start_fn)
		start_fn(fake, bottom, size);
}

HIDDEN void
__sanitizer_finish_switch_fiber(void *fake, const void **bottom, size_t *size)
{
	if(finish_fn)
		finish_fn(fake, bottom, size);
}

HIDDEN void
__asan_unpoison_memory_region(const volatile void *p, size_t n)
{
	if(unpoison_fn)
		unpoison_fn(p, n);
}


/*
 * ThreadSanitizer. Its fibers make each coroutine a TSan "thread" with its own
 * shadow call stack; __tsan_acquire/__tsan_release tell it about the library's own
 * synchronisation (spin locks, cross-proc wake-ups), which it cannot see because
 * the Rust code is not instrumented. Found with dlsym, so nothing changes without TSan.
 */
static void *(*tsan_cur)(void);
static void *(*tsan_create)(unsigned);
static void (*tsan_destroy)(void*);
static void (*tsan_switch)(void*, unsigned);
static void (*tsan_name)(void*, const char*);
static void (*tsan_acq)(void*);
static void (*tsan_rel)(void*);

__attribute__((constructor)) static void
tsanprobe(void)
{
	tsan_cur = (void *(*)(void))dlsym(RTLD_DEFAULT, "__tsan_get_current_fiber");
	tsan_create = (void *(*)(unsigned))dlsym(RTLD_DEFAULT, "__tsan_create_fiber");
	tsan_destroy = (void (*)(void*))dlsym(RTLD_DEFAULT, "__tsan_destroy_fiber");
	tsan_switch = (void (*)(void*, unsigned))dlsym(RTLD_DEFAULT, "__tsan_switch_to_fiber");
	tsan_name = (void (*)(void*, const char*))dlsym(RTLD_DEFAULT, "__tsan_set_fiber_name");
	tsan_acq = (void (*)(void*))dlsym(RTLD_DEFAULT, "__tsan_acquire");
	tsan_rel = (void (*)(void*))dlsym(RTLD_DEFAULT, "__tsan_release");
	if(!tsan_cur || !tsan_create || !tsan_destroy || !tsan_switch || !tsan_acq || !tsan_rel)
		tsan_switch = NULL;
	if(tsan_switch != NULL)
		thread9_hooks |= 2;
}

HIDDEN void *thread9_c_tsan_current(void) { return tsan_cur(); }
HIDDEN void *thread9_c_tsan_create(void) { return tsan_create(0); }
HIDDEN void thread9_c_tsan_destroy(void *f) { tsan_destroy(f); }
/* flags 0: the switch synchronises the two fibers (threads of one proc are ordered). */
HIDDEN void thread9_c_tsan_switch(void *f) { tsan_switch(f, 0); }
HIDDEN void thread9_c_tsan_name(void *f, const char *s) { if(tsan_name) tsan_name(f, s); }
HIDDEN void thread9_c_tsan_acquire(void *a) { tsan_acq(a); }
HIDDEN void thread9_c_tsan_release(void *a) { tsan_rel(a); }
