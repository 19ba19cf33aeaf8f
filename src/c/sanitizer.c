/*
 * corosensei's `sanitizer` feature calls these around every stack switch. Defining
 * hidden forwarders here keeps libthread.so loadable by programs built without ASan;
 * under ASan the real runtime functions are found once with dlsym
 * (research/FEASIBILITY.md §6).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include "shim.h"

static void (*start_fn)(void**, const void*, size_t);
static void (*finish_fn)(void*, const void**, size_t*);
static void (*unpoison_fn)(const volatile void*, size_t);

__attribute__((constructor)) static void
sanprobe(void)
{
	start_fn = (void (*)(void**, const void*, size_t))dlsym(RTLD_DEFAULT, "__sanitizer_start_switch_fiber");
	finish_fn = (void (*)(void*, const void**, size_t*))dlsym(RTLD_DEFAULT, "__sanitizer_finish_switch_fiber");
	unpoison_fn = (void (*)(const volatile void*, size_t))dlsym(RTLD_DEFAULT, "__asan_unpoison_memory_region");
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

/* Whether an ASan runtime is present (the stack pool then skips its guard tricks). */
HIDDEN int thread9_c_asan(void) { return start_fn != NULL; }
