/*
 * thread9 thread.h: plan9port's libthread interface (same prototypes and layouts),
 * plus 9front's additions. Include <u.h> and <libc.h> first.
 * Behaviour and error handling: thread(3). Differences from plan9port: thread(3) DIFFERENCES.
 */
#ifndef _THREAD_H_
#define _THREAD_H_ 1
#if defined(__cplusplus)
extern "C" {
#endif

AUTOLIB(thread)

/*
 * thread9's version at compile time; thread9_version() returns the library's at run
 * time ("0.1.0"). Exports carry the symbol version THREAD9_0.1 (libthread.map).
 */
#define	THREAD9_VERSION_MAJOR	0
#define	THREAD9_VERSION_MINOR	1
#define	THREAD9_VERSION_PATCH	0
char*		thread9_version(void);

/*
 * Procs and threads.
 * A stacksize is honoured, rounded up to pages, with a floor of 64 KiB (virtual memory
 * only: a thread's RSS is what it touches). threadcreate/proccreate return -1 with the
 * errstr set when no stack or OS thread can be had; proccreate aborts with a message
 * naming the call when a nil function is passed.
 */
int		proccreate(void (*f)(void *arg), void *arg, unsigned int stacksize);
int		procrfork(void (*f)(void *arg), void *arg, unsigned int stacksize, int rforkflag);
int		threadcreate(void (*f)(void *arg), void *arg, unsigned int stacksize);
void		threadexits(char *msg) __attribute__((noreturn));
void		threadexitsall(char *msg) __attribute__((noreturn));
void		threadsetname(char *fmt, ...);
void		threadsetstate(char *fmt, ...);
void		threadneedbackground(void);
char		*threadgetname(void);
int		threadyield(void);
int		threadidle(void);
void		_threadready(_Thread*);
void		_threadswitch(void);
void		_threadsetsysproc(void);
void		_threadsleep(Rendez*);
_Thread		*_threadwakeup(Rendez*);
#define	yield		threadyield
int		threadid(void);
int		threadpid(int id);
int		threadgetgrp(void);
int		threadsetgrp(int grp);
#define	threadgrp	threadgetgrp
void		threadpin(void);
void		threadunpin(void);
void		_threadpin(void);
void		_threadunpin(void);
void		threadprintall(void);

/* Threaded programs end with threadexits or threadexitsall, never exits. */
#define	exits	do_not_call_exits_in_threaded_programs
#define	_exits	do_not_call__exits_in_threaded_programs

/*
 * Notes and interrupts (9front).
 */
int		threadnotify(int (*f)(void*, char*), int in);
void		threadint(int id);
void		threadintgrp(int grp);
void		threadkill(int id);
void		threadkillgrp(int grp);

/*
 * Per-proc and per-thread data.
 */
void		**procdata(void);
void		**threaddata(void);

/*
 * Supplied by the program instead of main. mainstacksize, if the program defines
 * it, sizes threadmain's stack (floor 8 MiB, as threadmain ran on the process stack).
 */
void		threadmain(int argc, char *argv[]);
extern	int	mainstacksize;

int		threadmaybackground(void);

/*
 * Channels.
 */
typedef struct Alt Alt;
typedef struct _Altarray _Altarray;
typedef struct Channel Channel;

enum
{
	CHANEND,
	CHANSND,
	CHANRCV,
	CHANNOP,
	CHANNOBLK
};

struct Alt
{
	Channel		*c;
	void		*v;
	uint		op;
	union {
		_Thread	*thread;	/* library-owned */
		char	*err;		/* 9front: non-nil after alt = the entry failed */
	};
};

struct _Altarray
{
	Alt		**a;
	uint		n;
	uint		m;
};

struct Channel
{
	uint		bufsize;
	uint		elemsize;
	uchar		*buf;
	uint		nbuf;
	uint		off;
	_Altarray	asend;	/* library-owned */
	_Altarray	arecv;	/* library-owned */
	char		*name;
};

int		chanalt(Alt *alts);
int		notifychan(Channel *c, char *note, int on);	/* thread9: notes as messages */
Channel*	chancreate(int elemsize, int elemcnt);
void		chanfree(Channel *c);
int		chanclose(Channel *c);
int		chanclosing(Channel *c);
int		chanprint(Channel *c, char *fmt, ...);
int		channbrecv(Channel *c, void *v);
void*		channbrecvp(Channel *c);
ulong		channbrecvul(Channel *c);
int		channbsend(Channel *c, void *v);
int		channbsendp(Channel *c, void *v);
int		channbsendul(Channel *c, ulong v);
int		chanrecv(Channel *c, void *v);
void*		chanrecvp(Channel *c);
ulong		chanrecvul(Channel *c);
int		chansend(Channel *c, void *v);
int		chansendp(Channel *c, void *v);
int		chansendul(Channel *c, ulong v);
void		chansetname(Channel *c, char *fmt, ...);

#define	alt		chanalt
#define	nbrecv		channbrecv
#define	nbrecvp		channbrecvp
#define	nbrecvul	channbrecvul
#define	nbsend		channbsend
#define	nbsendp		channbsendp
#define	nbsendul	channbsendul
#define	recv		chanrecv
#define	recvp		chanrecvp
#define	recvul		chanrecvul
#define	send		chansend
#define	sendp		chansendp
#define	sendul		chansendul

/*
 * Reference counts.
 */
typedef struct Ref Ref;
struct Ref
{
	Lock lock;
	long ref;
};

long		decref(Ref *r);
long		incref(Ref *r);

/*
 * I/O procs: blocking calls run in a proc of their own.
 */
typedef struct Ioproc Ioproc;

void		closeioproc(Ioproc *io);
long		iocall(Ioproc *io, long (*op)(va_list*), ...);
int		ioclose(Ioproc *io, int fd);
int		iodial(Ioproc *io, char *addr, char *local, char *dir, int *cdfp);
void		iointerrupt(Ioproc *io);
int		ioopen(Ioproc *io, char *path, int mode);
Ioproc*		ioproc(void);
long		ioread(Ioproc *io, int fd, void *a, long n);
int		ioread9pmsg(Ioproc *io, int fd, void *a, int n);
long		ioreadn(Ioproc *io, int fd, void *a, long n);
int		iorecvfd(Ioproc *io, int s);
int		iosendfd(Ioproc *io, int s, int fd);
int		iosleep(Ioproc *io, long ms);
long		iowrite(Ioproc *io, int fd, void *a, long n);
int		ioflush(Ioproc *io);

/*
 * Running other programs.
 */
void		threadexec(Channel *cpid, int fd[3], char *cmd, char *argv[]);
void		threadexecl(Channel *cpid, int fd[3], char *cmd, ...);
int		threadspawn(int fd[3], char *cmd, char *argv[]);
int		threadspawnd(int fd[3], char *cmd, char *argv[], char *dir);
int		threadspawnl(int fd[3], char *cmd, ...);
void		procexec(Channel *cpid, char *file, char *args[]);
void		procexecl(Channel *cpid, char *file, ...);
Channel*	threadwaitchan(void);
Waitmsg*	procwait(int pid);	/* don't mix with threadwaitchan receives */

/*
 * Network connections in plan9port's announce/listen style; threadlisten parks only
 * the calling thread.
 */
int		threadannounce(char *addr, char *dir);
int		threadlisten(char *dir, char *newdir);
int		threadaccept(int ctl, char *dir);

/* ---- thread9: thread-blocking I/O, sleep and alt with deadlines (iopause) ----
 * These park only the calling thread; the proc runs its other threads meanwhile.
 * Deadlines are absolute nsecmono() values (CLOCK_MONOTONIC ns), 0 = none.
 * They never set O_NONBLOCK behind the caller's back: sockets use MSG_DONTWAIT,
 * non-blocking fds loop on EAGAIN, other fds are waited on, then read once (a reader
 * racing on a shared blocking fd could then block the proc: threadfdnoblock avoids
 * it). Regular files always poll ready: use an ioproc for slow files.
 * After threadint they return -1 (void ones just return) with errno EINTR and
 * errstr "interrupted". See iopause(3).
 */
struct sockaddr;
uvlong		nsecmono(void);
void		threadfdwait(int fd, int rw);	/* rw 'r' or 'w' */
int		threadfdwaituntil(int fd, int rw, uvlong deadline);	/* 1 ready, 0 deadline, -1 */
long		threadread(int fd, void *buf, long n);
long		threadreadn(int fd, void *buf, long n);
long		threadwrite(int fd, const void *buf, long n);	/* all n bytes */
int		threadread9pmsg(int fd, void *buf, uint n);
int		threadsendfd(int s, int fd);
int		threadrecvfd(int s);
int		threadsockaccept(int fd, struct sockaddr *sa, unsigned int *len);
int		threadconnect(int fd, const struct sockaddr *sa, unsigned int len);
void		threadsleep(int ms);	/* lib9 sleep blocks the whole proc */
int		threadfdnoblock(int fd);
void		threadfdwaitsetup(void);
int		altdeadline(Alt *alts, uvlong deadline);	/* index of CHANEND at the deadline */
int		alttimeout(Alt *alts, long ms);	/* ms 0: poll once; < 0: plain alt */
Channel*	fdchan(int fd, int events);	/* one-shot, int: the revents */
Channel*	timerchan(long ms);	/* one-shot, uvlong: nsecmono() at firing */
Channel*	deadlinechan(uvlong deadline);
/* ---- end of the iopause section ---- */

#if defined(__cplusplus)
}
#endif
#endif
