/*
 * The print family's C half: the variadic and va_list entry points, and the va_arg
 * accessors the Rust engine (src/lib9/fmt/) uses to walk Fmt.args.
 *
 * Every entry point puts its arguments into the args field of a Fmt in its own frame
 * and hands that Fmt to one Rust function, so built-in verbs (through the accessors
 * below) and fmtinstall'd C formatters (va_arg(f->args, T) themselves) consume one
 * and the same list. The Fmt stays alive in this frame until the Rust side returns.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <link.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <fmt.h>
#include "shim.h"

/* Rust side (hidden in the .so). */
int thread9_rt_fdprint(Fmt*, int, char*, const char*);
int thread9_rt_snprint(Fmt*, void*, int, int, char*, const char*);
void *thread9_rt_seprint(Fmt*, void*, void*, int, char*, const char*);
void *thread9_rt_smprint(Fmt*, int, char*, const char*);
int thread9_rt_fmtvprint(Fmt*, char*);
void thread9_rt_werrstr(Fmt*, char*);
void thread9_rt_nilfmt(const char*);

/* plan9port's libc.h renames doquote to this; %q consults it. */
__attribute__((weak)) int (*fmtdoquote)(int);

/*
 * plan9port lib9's hook for the error buffer (docs/API.md, lib9 hooks; plan9port's libthread
 * leaves it nil, so lib9 has one buffer for the whole process). When the program
 * links plan9port's lib9.a, lib9's definition interposes and this constructor fills
 * it through the GOT, so lib9's werrstr/errstr/rerrstr/%r use each thread's own
 * buffer, the one thread9 itself uses. Without lib9 it is our own, unused copy.
 * Weak, so a program's (or lib9.a's) definition also wins in a static link.
 */
__attribute__((weak)) char *(*_syserrstr)(void);
char *thread9_rt_errbuf(void);

__attribute__((constructor)) static void
errhook(void)
{
	_syserrstr = thread9_rt_errbuf;
}

#if defined(__x86_64__)
/* docs/API.md, binary layouts: plan9port's layout, which compiled objects rely on. */
_Static_assert(sizeof(Fmt) == 128, "Fmt size");
_Static_assert(offsetof(Fmt, args) == 56, "Fmt.args");
_Static_assert(offsetof(Fmt, r) == 80, "Fmt.r");
_Static_assert(offsetof(Fmt, flags) == 96, "Fmt.flags");
_Static_assert(offsetof(Fmt, grouping) == 120, "Fmt.grouping");
#endif

/* va_arg accessors: the only way Rust reads the list. */
HIDDEN int thread9_c_va_int(Fmt *f) { return va_arg(f->args, int); }
HIDDEN unsigned int thread9_c_va_uint(Fmt *f) { return va_arg(f->args, unsigned int); }
HIDDEN long thread9_c_va_long(Fmt *f) { return va_arg(f->args, long); }
HIDDEN unsigned long thread9_c_va_ulong(Fmt *f) { return va_arg(f->args, unsigned long); }
HIDDEN long long thread9_c_va_vlong(Fmt *f) { return va_arg(f->args, long long); }
HIDDEN unsigned long long thread9_c_va_uvlong(Fmt *f) { return va_arg(f->args, unsigned long long); }
HIDDEN double thread9_c_va_double(Fmt *f) { return va_arg(f->args, double); }
HIDDEN void *thread9_c_va_ptr(Fmt *f) { return va_arg(f->args, void*); }
HIDDEN void *thread9_c_fmtdoquote(void) { return (void*)fmtdoquote; }

/*
 * The dofmt and fmtinstall the program binds, when they are not thread9's: these
 * loads go through the GOT, so when the executable links plan9port's lib9 fmt objects
 * they see lib9's definitions (which interpose on ours). dladdr1 tells what the
 * address is: a definition of that very name in another object counts; thread9's own
 * does not, nor the PLT stub a non-PIE executable makes the canonical address of our
 * function (an undefined symbol with a value: calling it would come back to us).
 * 0 when thread9's are in effect (always in a static link). Rust cannot make this
 * comparison itself: its references to its own exported names go through the GOT too.
 * See src/lib9/fmt/interpose.rs.
 */
static uintptr_t
foreign(void *p, const char *name)
{
	Dl_info me, it;
	const ElfW(Sym) *sym;

	sym = NULL;
	if(dladdr((void*)foreign, &me) == 0 || dladdr1(p, &it, (void**)&sym, RTLD_DL_SYMENT) == 0)
		return 0;
	if(it.dli_fbase == me.dli_fbase || sym == NULL || sym->st_shndx == SHN_UNDEF)
		return 0;
	if(it.dli_saddr != p || it.dli_sname == NULL || strcmp(it.dli_sname, name) != 0)
		return 0;
	return (uintptr_t)p;
}

HIDDEN uintptr_t thread9_c_program_dofmt(void) { return foreign((void*)dofmt, "dofmt"); }
HIDDEN uintptr_t thread9_c_program_fmtinstall(void) { return foreign((void*)fmtinstall, "fmtinstall"); }

/* For the Rust layout test: sizeof and offsets as this compiler sees them. */
HIDDEN long
thread9_c_fmt_layout(int i)
{
	switch(i){
	case 0: return sizeof(Fmt);
	case 1: return offsetof(Fmt, args);
	case 2: return offsetof(Fmt, r);
	case 3: return offsetof(Fmt, flags);
	case 4: return offsetof(Fmt, grouping);
	case 5: return offsetof(Fmt, nfmt);
	}
	return -1;
}

int
print(char *fmt, ...)
{
	Fmt f;
	int n;

	va_start(f.args, fmt);
	n = thread9_rt_fdprint(&f, 1, fmt, "print");
	va_end(f.args);
	return n;
}

int
fprint(int fd, char *fmt, ...)
{
	Fmt f;
	int n;

	va_start(f.args, fmt);
	n = thread9_rt_fdprint(&f, fd, fmt, "fprint");
	va_end(f.args);
	return n;
}

int
vfprint(int fd, char *fmt, va_list args)
{
	Fmt f;
	int n;

	va_copy(f.args, args);
	n = thread9_rt_fdprint(&f, fd, fmt, "vfprint");
	va_end(f.args);
	return n;
}

/* sprint has no bound; like plan9port, pretend the buffer is huge. */
int
sprint(char *buf, char *fmt, ...)
{
	Fmt f;
	int n;

	va_start(f.args, fmt);
	n = thread9_rt_snprint(&f, buf, INT_MAX, 0, fmt, "sprint");
	va_end(f.args);
	return n;
}

int
snprint(char *buf, int len, char *fmt, ...)
{
	Fmt f;
	int n;

	va_start(f.args, fmt);
	n = thread9_rt_snprint(&f, buf, len, 0, fmt, "snprint");
	va_end(f.args);
	return n;
}

int
vsnprint(char *buf, int len, char *fmt, va_list args)
{
	Fmt f;
	int n;

	va_copy(f.args, args);
	n = thread9_rt_snprint(&f, buf, len, 0, fmt, "vsnprint");
	va_end(f.args);
	return n;
}

char*
seprint(char *buf, char *e, char *fmt, ...)
{
	Fmt f;
	char *p;

	va_start(f.args, fmt);
	p = thread9_rt_seprint(&f, buf, e, 0, fmt, "seprint");
	va_end(f.args);
	return p;
}

char*
vseprint(char *buf, char *e, char *fmt, va_list args)
{
	Fmt f;
	char *p;

	va_copy(f.args, args);
	p = thread9_rt_seprint(&f, buf, e, 0, fmt, "vseprint");
	va_end(f.args);
	return p;
}

char*
smprint(char *fmt, ...)
{
	Fmt f;
	char *p;

	va_start(f.args, fmt);
	p = thread9_rt_smprint(&f, 0, fmt, "smprint");
	va_end(f.args);
	return p;
}

char*
vsmprint(char *fmt, va_list args)
{
	Fmt f;
	char *p;

	va_copy(f.args, args);
	p = thread9_rt_smprint(&f, 0, fmt, "vsmprint");
	va_end(f.args);
	return p;
}

int
runesprint(Rune *buf, char *fmt, ...)
{
	Fmt f;
	int n;

	va_start(f.args, fmt);
	n = thread9_rt_snprint(&f, buf, INT_MAX/sizeof(Rune), 1, fmt, "runesprint");
	va_end(f.args);
	return n;
}

int
runesnprint(Rune *buf, int len, char *fmt, ...)
{
	Fmt f;
	int n;

	va_start(f.args, fmt);
	n = thread9_rt_snprint(&f, buf, len, 1, fmt, "runesnprint");
	va_end(f.args);
	return n;
}

int
runevsnprint(Rune *buf, int len, char *fmt, va_list args)
{
	Fmt f;
	int n;

	va_copy(f.args, args);
	n = thread9_rt_snprint(&f, buf, len, 1, fmt, "runevsnprint");
	va_end(f.args);
	return n;
}

Rune*
runeseprint(Rune *buf, Rune *e, char *fmt, ...)
{
	Fmt f;
	Rune *p;

	va_start(f.args, fmt);
	p = thread9_rt_seprint(&f, buf, e, 1, fmt, "runeseprint");
	va_end(f.args);
	return p;
}

Rune*
runevseprint(Rune *buf, Rune *e, char *fmt, va_list args)
{
	Fmt f;
	Rune *p;

	va_copy(f.args, args);
	p = thread9_rt_seprint(&f, buf, e, 1, fmt, "runevseprint");
	va_end(f.args);
	return p;
}

Rune*
runesmprint(char *fmt, ...)
{
	Fmt f;
	Rune *p;

	va_start(f.args, fmt);
	p = thread9_rt_smprint(&f, 1, fmt, "runesmprint");
	va_end(f.args);
	return p;
}

Rune*
runevsmprint(char *fmt, va_list args)
{
	Fmt f;
	Rune *p;

	va_copy(f.args, args);
	p = thread9_rt_smprint(&f, 1, fmt, "runevsmprint");
	va_end(f.args);
	return p;
}

/*
 * Formats into an Fmt a formatter was handed (or the program set up itself).
 * The caller's own list is saved and put back, so a formatter can call fmtprint
 * and then go on taking its arguments from f->args.
 */
int
fmtvprint(Fmt *f, char *fmt, va_list args)
{
	va_list save;
	int n;

	if(f == NULL){
		thread9_rt_nilfmt("fmtvprint");
		return -1;
	}
	va_copy(save, f->args);
	va_end(f->args);
	va_copy(f->args, args);
	n = thread9_rt_fmtvprint(f, fmt);
	va_end(f->args);
	va_copy(f->args, save);
	va_end(save);
	return n;
}

int
fmtprint(Fmt *f, char *fmt, ...)
{
	va_list args;
	int n;

	if(f == NULL){
		thread9_rt_nilfmt("fmtprint");
		return -1;
	}
	va_start(args, fmt);
	n = fmtvprint(f, fmt, args);
	va_end(args);
	return n;
}

void
werrstr(char *fmt, ...)
{
	Fmt f;

	va_start(f.args, fmt);
	thread9_rt_werrstr(&f, fmt);
	va_end(f.args);
}
