/*
 * The C side of thread9's lib9 subset: what Rust cannot express.
 *
 * 1. plan9port lib9's hook variables (docs/API.md, lib9 hooks). plan9port's lib9.a defines
 *    them; when a program links that archive, its definitions interpose on ours
 *    (ELF: the executable's copy wins and every GOT reference binds to it), so
 *    hooks_install() below, called at start-up, fills in whichever copy is live and
 *    lib9's lock()/qlock()/sysfatal() then run thread9's implementations. Build recipe
 *    for such a program (objects compiled against plan9port's headers):
 *	cc -o prog prog.o $PLAN9/lib/lib9.a -L$BUILD -lthread -Wl,-rpath,$BUILD -lpthread
 *    i.e. lib9.a BEFORE -lthread, and no plan9port libthread.a. ctests/p9_interop.sh
 *    checks this with a stand-in archive.
 * 2. sysfatal (variadic).
 * 3. Notes: the signal handler needs sigsetjmp so noted() can return into it.
 *    The jump buffer is per OS thread (= per proc), as plan9port's libthread has it.
 */
#include <u.h>
#include <signal.h>
#define NOPLAN9DEFINES
#include <libc.h>
#include "shim.h"

typedef struct Jmp Jmp;
struct Jmp
{
	p9jmp_buf b;
};

/* Hook variables: default visibility, exported through libthread.map. */
int (*_lock)(Lock*, int, ulong);
void (*_unlock)(Lock*, ulong);
int (*_qlock)(QLock*, int, ulong);
void (*_qunlock)(QLock*, ulong);
int (*_rlock)(RWLock*, int, ulong);
int (*_wlock)(RWLock*, int, ulong);
void (*_runlock)(RWLock*, ulong);
void (*_wunlock)(RWLock*, ulong);
void (*_rsleep)(Rendez*, ulong);
int (*_rwakeup)(Rendez*, int, ulong);
Jmp *(*_notejmpbuf)(void);
void (*_pin)(void);
void (*_unpin)(void);
void (*_sysfatal)(char*, ...);
int _p9usepwlibrary = 1;

/* Rust implementations (hidden). */
int thread9_rt_lock(Lock*, int, ulong);
void thread9_rt_unlock(Lock*, ulong);
int thread9_rt_qlock(QLock*, int, ulong);
void thread9_rt_qunlock(QLock*, ulong);
int thread9_rt_rlock(RWLock*, int, ulong);
int thread9_rt_wlock(RWLock*, int, ulong);
void thread9_rt_runlock(RWLock*, ulong);
void thread9_rt_wunlock(RWLock*, ulong);
void thread9_rt_rsleep(Rendez*, ulong);
int thread9_rt_rwakeup(Rendez*, int, ulong);
void thread9_rt_pin(void);
void thread9_rt_unpin(void);
void thread9_rt_fatal(char *msg);
char *thread9_rt_sigstr(int sig);
int thread9_rt_strsig(char *name);
int thread9_rt_atnotify_run(void *v, char *msg);

static void threadsysfatal(char*, va_list);
static Jmp *threadnotejmp(void);

/*
 * Called once from start-up (src/process/p9hooks.rs), before any thread runs. The stores go
 * through the GOT, so they reach plan9port lib9's copies when those interpose.
 */
HIDDEN void
thread9_c_hooks_install(void)
{
	_lock = thread9_rt_lock;
	_unlock = thread9_rt_unlock;
	_qlock = thread9_rt_qlock;
	_qunlock = thread9_rt_qunlock;
	_rlock = thread9_rt_rlock;
	_wlock = thread9_rt_wlock;
	_runlock = thread9_rt_runlock;
	_wunlock = thread9_rt_wunlock;
	_rsleep = thread9_rt_rsleep;
	_rwakeup = thread9_rt_rwakeup;
	_notejmpbuf = threadnotejmp;
	_pin = thread9_rt_pin;
	_unpin = thread9_rt_unpin;
	_sysfatal = (void(*)(char*, ...))threadsysfatal;
	_p9usepwlibrary = 0;
}

/*
 * sysfatal: `argv0: msg` on fd 2, then threadexitsall(msg) (status 1).
 */
static void
threadsysfatal(char *fmt, va_list arg)
{
	char buf[256];

	if(fmt == nil)
		fmt = "sysfatal: nil format";
	vsnprint(buf, sizeof buf, fmt, arg);
	thread9_rt_fatal(buf);
}

void
sysfatal(char *fmt, ...)
{
	va_list arg;

	va_start(arg, fmt);
	threadsysfatal(fmt, arg);
	va_end(arg);
}

void
p9longjmp(p9jmp_buf b, int v)
{
	siglongjmp((void*)b, v);
}

void
p9notejmp(void *x, p9jmp_buf b, int v)
{
	USED(x);
	siglongjmp((void*)b, v);
}

/*
 * Notes.
 */
enum
{
	Restart = 1<<0,	/* SA_RESTART */
	Ignore = 1<<1,	/* default action: ignore */
	NoNotify = 1<<2	/* install a do-nothing handler */
};

typedef struct Sig Sig;
struct Sig
{
	int sig;
	int flags;
};

/*
 * The signals that become notes once a program calls notify or atnotify.
 * Not SIGSEGV, SIGABRT (core dumps must show the faulting state; SIGSEGV reports
 * stack overflows) nor SIGQUIT (blocked everywhere: the thread dump's).
 */
static Sig sigs[] = {
	{ SIGHUP, 0 },
	{ SIGINT, 0 },
	{ SIGILL, 0 },
	{ SIGTRAP, 0 },
	{ SIGFPE, 0 },
	{ SIGBUS, 0 },
	{ SIGCHLD, Restart|Ignore },
	{ SIGSYS, 0 },
	{ SIGPIPE, Ignore },
	{ SIGALRM, 0 },
	{ SIGTERM, 0 },
	{ SIGTSTP, Restart|Ignore|NoNotify },
	{ SIGXCPU, 0 },
	{ SIGXFSZ, 0 },
	{ SIGVTALRM, 0 },
	{ SIGUSR1, 0 },
	{ SIGUSR2, 0 },
	{ SIGWINCH, Restart|Ignore|NoNotify },
};

static void (*volatile notifyf)(void*, char*);

/* Per OS thread: the handler's jump buffer and whether a handler is active. */
static __thread Jmp notejmp __attribute__((tls_model("initial-exec")));
/* Read by the channel code (src/arch/mod.rs) to refuse channel operations in a handler. */
__attribute__((tls_model("initial-exec"), visibility("hidden"))) __thread int thread9_tls_innote;
#define innote thread9_tls_innote

static Jmp*
threadnotejmp(void)
{
	return &notejmp;
}

static Sig*
findsig(int s)
{
	int i;

	for(i=0; i<(int)nelem(sigs); i++)
		if(sigs[i].sig == s)
			return &sigs[i];
	return nil;
}

static void
notedefault(int sig)
{
	Sig *s;
	sigset_t m;

	s = findsig(sig);
	if(s && (s->flags&Ignore))
		return;
	/* Die of the signal itself, so the parent sees what killed us. */
	signal(sig, SIG_DFL);
	sigemptyset(&m);
	sigaddset(&m, sig);
	pthread_sigmask(SIG_UNBLOCK, &m, nil);
	raise(sig);
	_exit(1);
}

static void
signotify(int sig)
{
	char *s;
	int e, r;
	void (*f)(void*, char*);
	Jmp *j;

	e = errno;
	j = (*_notejmpbuf)();
	innote++;
	r = p9setjmp(j->b);
	if(r == 0){
		f = notifyf;
		s = thread9_rt_sigstr(sig);
		if(f)
			(*f)(nil, s);
		r = 1;	/* returned without noted: default action */
	}
	innote--;
	if(r != 2)
		notedefault(sig);
	errno = e;
}

static void
signonotify(int sig)
{
	USED(sig);
}

/*
 * What SIGPIPE and SIGTSTP get at start-up (src/signals.rs): a handler that does
 * nothing, not SIG_IGN, so that exec gives the next program the default action, as
 * plan9port's start-up handlers do. noteinit counts it as the default, so once the
 * program calls notify, SIGPIPE is a note ("sys: write on closed pipe").
 */
HIDDEN void
thread9_c_sigdiscard(int sig)
{
	USED(sig);
}

/*
 * What HUP, INT, ALRM, TERM, XCPU, XFSZ, VTALRM, USR1 and USR2 get at start-up
 * (src/process/signals.rs) when their disposition is the default: plan9port's libthread
 * installs lib9's note handlers at start-up (atnotify), and a note no handler takes
 * ends the program there with _exit(1): exit status 1, no atexit handlers, stdio not
 * flushed. Like thread9_c_sigdiscard, noteinit counts it as the default.
 */
HIDDEN void
thread9_c_sigexit(int sig)
{
	USED(sig);
	_exit(1);
}

int
noted(int v)
{
	static char msg[] = "thread9: noted: not called from a note handler\n";

	if(innote <= 0){
		if(write(2, msg, sizeof msg - 1) < 0){
			/* nothing more to say */
		}
		return -1;
	}
	p9longjmp((*_notejmpbuf)()->b, v == NCONT ? 2 : 1);
	return 0;
}

static int
notifyseton(int s, int on)
{
	Sig *sig;
	struct sigaction sa, osa;

	sig = findsig(s);
	if(sig == nil)
		return -1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on ? signotify : signonotify;
	if(sig->flags&Restart)
		sa.sa_flags |= SA_RESTART;
	/* One jump buffer per OS thread: no notes within notes. */
	sigfillset(&sa.sa_mask);
	sigaction(sig->sig, &sa, &osa);
	return osa.sa_handler == signotify;
}

static void
noteinit(void)
{
	int i;
	struct sigaction sa;

	for(i=0; i<(int)nelem(sigs); i++){
		/*
		 * Leave signals someone already handles or ignores (a profiler, thread9's
		 * own SIGBUS overflow report, an inherited SIG_IGN) alone.
		 */
		sigaction(sigs[i].sig, nil, &sa);
		if((sa.sa_flags&SA_SIGINFO) || (sa.sa_handler != SIG_DFL && sa.sa_handler != thread9_c_sigdiscard
		&& sa.sa_handler != thread9_c_sigexit))
			continue;
		notifyseton(sigs[i].sig, !(sigs[i].flags&NoNotify));
	}
}

int
notify(void (*f)(void*, char*))
{
	static int init;

	notifyf = f;
	if(!__atomic_exchange_n(&init, 1, __ATOMIC_SEQ_CST))
		noteinit();
	return 0;
}

/* For the deadlock census (src/runtime/sched/idle.rs): a note handler may still act. */
HIDDEN int
thread9_c_notify_installed(void)
{
	return notifyf != nil;
}

static void
notifier(void *v, char *s)
{
	if(thread9_rt_atnotify_run(v, s))
		noted(NCONT);
	noted(NDFLT);
}

HIDDEN void
thread9_c_notify_dispatch(int on)
{
	notify(on ? notifier : nil);
}

int
notifyon(char *msg)
{
	return notifyseton(thread9_rt_strsig(msg), 1);
}

int
notifyoff(char *msg)
{
	return notifyseton(thread9_rt_strsig(msg), 0);
}

/*
 * Called before every child is started (src/process/exec.rs), as plan9port's
 * threadspawn does: a child's exit must not become a "sys: child" note (acme's note
 * handler prints each note it does not know; plan9port programs never see this one).
 * SIGCHLD gets a do-nothing handler with SA_RESTART, and a later notify leaves it so.
 * Through the PLT: with libthread.so and lib9's notes, lib9's notifyoff.
 */
HIDDEN void
thread9_c_childnotes_off(void)
{
	notifyoff("sys: child");
}

static int
notesetenable(int sig, int enabled)
{
	sigset_t mask, omask;

	if(sig == 0 || sig == SIGQUIT)
		return -1;
	sigemptyset(&mask);
	sigaddset(&mask, sig);
	pthread_sigmask(enabled ? SIG_UNBLOCK : SIG_BLOCK, &mask, &omask);
	return !sigismember(&omask, sig);
}

int
noteenable(char *msg)
{
	return notesetenable(thread9_rt_strsig(msg), 1);
}

int
notedisable(char *msg)
{
	return notesetenable(thread9_rt_strsig(msg), 0);
}

/*
 * Formatters and exec with a variable argument list.
 */
extern int enc64(char*, int, uchar*, int);
extern int enc32(char*, int, uchar*, int);
extern int enc16(char*, int, uchar*, int);

/*
 * encodefmt: %[ (base64), %< (base32) and %H (hex, upper case; %lH lower case)
 * of the byte array argument, whose length is the precision: %.*H.
 * A missing precision or another verb prints <encodefmt>; a nil array <nil>.
 */
int
encodefmt(Fmt *f)
{
	char obuf[64], *buf, *p;
	uchar *b;
	int ilen, len, rv;

	b = va_arg(f->args, uchar*);
	/* The precision is the length, not a limit on what is printed. */
	ilen = (f->flags&FmtPrec) ? f->prec : -1;
	f->prec = 0;
	f->flags &= ~FmtPrec;
	if(b == nil)
		return fmtstrcpy(f, "<nil>");
	if(ilen < 0)
		return fmtstrcpy(f, "<encodefmt>");
	switch(f->r){
	case '<':
		len = (8*ilen+4)/5 + 3;
		break;
	case '[':
		len = (8*ilen+5)/6 + 4;
		break;
	case 'H':
		len = 2*ilen + 1;
		break;
	default:
		return fmtstrcpy(f, "<encodefmt>");
	}
	buf = obuf;
	if(len > (int)sizeof obuf && (buf = malloc(len)) == nil)
		return fmtstrcpy(f, "<encodefmt>");
	switch(f->r){
	case '<':
		rv = enc32(buf, len, b, ilen);
		break;
	case '[':
		rv = enc64(buf, len, b, ilen);
		break;
	default:
		rv = enc16(buf, len, b, ilen);
		if(rv >= 0 && (f->flags&FmtLong))
			for(p = buf; *p; p++)
				*p = tolower((uchar)*p);
		break;
	}
	if(rv < 0)
		rv = fmtstrcpy(f, "<encodefmt>");
	else
		rv = fmtstrcpy(f, buf);
	if(buf != obuf)
		free(buf);
	return rv;
}

/*
 * dirmodefmt: %M of a Dir mode (ulong), as ls -l shows it: the type letter
 * (d a A D S P or -), l for DMEXCL or L for DMSYMLINK, then rwx three times.
 */
int
dirmodefmt(Fmt *f)
{
	static char *rwx[] = { "---", "--x", "-w-", "-wx", "r--", "r-x", "rw-", "rwx" };
	char buf[16];
	ulong m;

	m = va_arg(f->args, ulong);
	if(m & DMDIR)
		buf[0] = 'd';
	else if(m & DMAPPEND)
		buf[0] = 'a';
	else if(m & DMAUTH)
		buf[0] = 'A';
	else if(m & DMDEVICE)
		buf[0] = 'D';
	else if(m & DMSOCKET)
		buf[0] = 'S';
	else if(m & DMNAMEDPIPE)
		buf[0] = 'P';
	else
		buf[0] = '-';
	if(m & DMEXCL)
		buf[1] = 'l';
	else if(m & DMSYMLINK)
		buf[1] = 'L';
	else
		buf[1] = '-';
	memmove(buf+2, rwx[(m>>6)&7], 3);
	memmove(buf+5, rwx[(m>>3)&7], 3);
	memmove(buf+8, rwx[m&7], 3);
	buf[11] = 0;
	return fmtstrcpy(f, buf);
}

/*
 * p9execl: p9exec with the arguments listed, ending in nil.
 */
int
p9execl(char *prog, ...)
{
	va_list arg;
	char **argv;
	int i, n;

	va_start(arg, prog);
	for(n=0; va_arg(arg, char*) != nil; n++)
		;
	va_end(arg);
	argv = malloc((n+1)*sizeof argv[0]);
	if(argv == nil){
		werrstr("out of memory");
		return -1;
	}
	va_start(arg, prog);
	for(i=0; i<=n; i++)
		argv[i] = va_arg(arg, char*);
	va_end(arg);
	p9exec(prog, argv);
	free(argv);
	return -1;
}
