/*
 * thread9 lib9.h: included by libc.h. plan9port's renaming and the lib9 function
 * subset. The renames are textual, as in plan9port's libc.h, so an
 * object compiled against either header links against either library; define
 * NOPLAN9DEFINES before including libc.h to get the p9 names only.
 *
 * Renamed here: every name whose p9 version thread9 provides. plan9port also renames
 * encrypt decrypt frexp pow10 syslog strtod charstod doquote setnetmtpt;
 * those stay plain libc names until their p9 versions exist here, so a program using
 * the libc meaning still links.
 */
#ifndef _THREAD9_LIB9_H_
#define _THREAD9_LIB9_H_ 1

/* Open modes (p9open, p9create). */
#define	OREAD	0	/* open for read */
#define	OWRITE	1	/* write */
#define	ORDWR	2	/* read and write */
#define	OEXEC	3	/* execute, == read but check execute permission */
#define	OTRUNC	16	/* or'ed in (except for exec), truncate file first */
#define	OCEXEC	32	/* or'ed in, close on exec */
#define	ORCLOSE	64	/* or'ed in, remove on close */
#define	ODIRECT	128	/* or'ed in, direct access */
#define	ONONBLOCK 256	/* or'ed in, non-blocking call */
#define	OEXCL	0x1000	/* or'ed in, exclusive use (create only) */
#define	OLOCK	0x2000	/* or'ed in, lock after opening */
#define	OAPPEND	0x4000	/* or'ed in, append only */

/* access(2) modes. */
#define	AEXIST	0
#define	AEXEC	1
#define	AWRITE	2
#define	AREAD	4

/* noted(2) verdicts. */
#define	NCONT	0	/* continue after note */
#define	NDFLT	1	/* terminate after note */
#define	NSAVE	2	/* clear note but hold state */
#define	NRSTR	3	/* restore saved state */

/* postnote(2) targets. */
#define	PNPROC	1
#define	PNGROUP	2

/* rfork(2) flags. */
enum
{
	RFNAMEG = (1<<0),
	RFENVG = (1<<1),
	RFFDG = (1<<2),
	RFNOTEG = (1<<3),
	RFPROC = (1<<4),
	RFMEM = (1<<5),
	RFNOWAIT = (1<<6),
	RFCNAMEG = (1<<10),
	RFCENVG = (1<<11),
	RFCFDG = (1<<12),
	RFREND = (1<<13),
	RFNOMNT = (1<<14)
};

/* Qid types and Dir modes. */
#define	QTDIR	0x80
#define	QTAPPEND	0x40
#define	QTEXCL	0x20
#define	QTMOUNT	0x10
#define	QTAUTH	0x08
#define	QTTMP	0x04
#define	QTSYMLINK	0x02
#define	QTFILE	0x00
#define	DMDIR	0x80000000
#define	DMAPPEND	0x40000000
#define	DMEXCL	0x20000000
#define	DMMOUNT	0x10000000
#define	DMAUTH	0x08000000
#define	DMTMP	0x04000000
#define	DMSYMLINK	0x02000000
#define	DMDEVICE	0x00800000
#define	DMNAMEDPIPE	0x00200000
#define	DMSOCKET	0x00100000
#define	DMSETUID	0x00080000
#define	DMSETGID	0x00040000
#define	DMREAD	0x4
#define	DMWRITE	0x2
#define	DMEXEC	0x1

#define	NETPATHLEN	40
#define	STATMAX	65535U

/* Jump buffers: a sigjmp_buf, saved with the signal mask. */
typedef long p9jmp_buf[sizeof(sigjmp_buf)/(sizeof(long))];
#define	p9setjmp(b)	sigsetjmp((void*)(b), 1)
extern void p9longjmp(p9jmp_buf, int);
extern void p9notejmp(void*, p9jmp_buf, int);

/* Start-up and exit. */
extern int p9main(int, char**);
extern void sysfatal(char*, ...);
extern void exits(char*);
extern void _exits(char*);
extern int p9atexit(void(*)(void));
extern void p9atexitdont(void(*)(void));
extern void __fixargv0(void);
extern void needstack(int);
#define	getcallerpc(x)	((ulong)__builtin_return_address(0))

/* Error strings (the print engine's side of lib9). */
extern void werrstr(char*, ...);
extern int errstr(char*, unsigned int);
extern void rerrstr(char*, unsigned int);

/* Memory and strings. */
extern void *p9malloc(ulong);
extern void *mallocz(ulong, int);
extern void p9free(void*);
extern void *p9realloc(void*, ulong);
extern void *p9calloc(ulong, ulong);
extern char *p9strdup(char*);
extern char *strecpy(char*, char*, char*);
extern int tokenize(char*, char**, int);
extern int getfields(char*, char**, int, int, char*);
extern int gettokens(char*, char**, int, char*);
extern int cistrcmp(char*, char*);
extern int cistrncmp(char*, char*, int);
extern char *cistrstr(char*, char*);
extern int p9atoi(char*);
extern long p9atol(char*);
extern vlong p9atoll(char*);

/* Random numbers: a fixed-seed generator, the same sequence each run. */
extern void p9srand(long);
extern int p9rand(void);
extern int p9nrand(int);
extern long p9lrand(void);
extern long p9lnrand(long);
extern double p9frand(void);

/* Environment and time. */
extern char *p9getenv(char*);
extern int p9putenv(char*, char*);
extern vlong p9nsec(void);
extern long p9time(long*);
extern int p9sleep(long);	/* ms; blocks the whole proc, as in Plan 9 */

/* Files as Plan 9 describes them (dirstat(3)). Free a Dir or Dir array with free. */
typedef struct Qid Qid;
struct Qid
{
	uvlong	path;
	ulong	vers;
	uchar	type;
};

typedef struct Dir Dir;
struct Dir
{
	/* system-modified data */
	ushort	type;	/* server type */
	uint	dev;	/* server subtype */
	/* file data */
	Qid	qid;	/* unique id from server */
	ulong	mode;	/* permissions */
	ulong	atime;	/* last read time */
	ulong	mtime;	/* last write time */
	vlong	length;	/* file length */
	char	*name;	/* last element of path */
	char	*uid;	/* owner name */
	char	*gid;	/* group name */
	char	*muid;	/* last modifier name */
	/* 9P2000.u extensions */
	uint	uidnum;	/* numeric uid */
	uint	gidnum;	/* numeric gid */
	uint	muidnum;	/* numeric muid */
	char	*ext;	/* extended info */
};

#define	DIRMAX	(sizeof(Dir)+STATMAX)	/* max length of Dir structure */

extern Dir *dirstat(char*);
extern Dir *dirfstat(int);
extern int dirwstat(char*, Dir*);
extern int dirfwstat(int, Dir*);
extern long dirread(int, Dir**);
extern long dirreadall(int, Dir**);
extern void nulldir(Dir*);
extern int fd2path(int, char*, int);
extern int dirmodefmt(Fmt*);	/* fmtinstall('M', dirmodefmt) */

/* Calendar and CPU time (p9ctime(3)); results are overwritten by the next call in the proc. */
typedef struct Tm Tm;
struct Tm
{
	int	sec;
	int	min;
	int	hour;
	int	mday;
	int	mon;
	int	year;
	int	wday;
	int	yday;
	char	zone[4];
	int	tzoff;
};

extern Tm *p9gmtime(long);
extern Tm *p9localtime(long);
extern char *p9asctime(Tm*);
extern char *p9ctime(long);
extern long p9tm2sec(Tm*);
extern long p9times(long*);	/* CPU ms: user, sys, children's user, sys */
extern double p9cputime(void);

/* Names of files, users, the machine. */
extern char *cleanname(char*);
extern char *p9getwd(char*, int);
extern char *getuser(void);
extern char *sysname(void);
extern char *get9root(void);
extern char *unsharp(char*);
extern char *searchpath(char*);
extern int opentemp(char*, int);

/* Encodings (encode(3)); fmtinstall('H', encodefmt) and fmtinstall('[', encodefmt). */
extern int dec64(uchar*, int, char*, int);
extern int enc64(char*, int, uchar*, int);
extern int dec32(uchar*, int, char*, int);
extern int enc32(char*, int, uchar*, int);
extern int dec16(uchar*, int, char*, int);
extern int enc16(char*, int, uchar*, int);
extern int encodefmt(Fmt*);

/* Random numbers from the kernel. */
extern ulong truerand(void);
extern ulong ntruerand(ulong);

/* Alarms and exec. */
extern long p9alarm(ulong);
extern int p9exec(char*, char*[]);
extern int p9execl(char*, ...);

/* Files and processes. */
extern int p9open(char*, int);
extern int p9create(char*, int, ulong);
extern int p9close(int);
extern long p9write(int, void*, long);
extern long readn(int, void*, long);
extern int p9pipe(int*);
extern vlong p9seek(int, vlong, int);
extern int p9dup(int, int);
extern int p9rfork(int);
extern Waitmsg *p9wait(void);
extern Waitmsg *p9waitfor(int);
extern Waitmsg *waitnohang(void);
extern int await(char*, int);
extern int awaitnohang(char*, int);
extern int awaitfor(int, char*, int);
extern int p9waitpid(void);
extern int postnote(int, int, char*);

/* Network and fd passing (the lib9 side of iodial, iosendfd, iorecvfd, ioread9pmsg). */
extern int p9dial(char*, char*, char*, int*);
/* announce/listen/accept/reject: a connection's "directory" is "/dev/fd/N" (NETPATHLEN bytes). */
#define	NETPATHLEN	40
extern int p9announce(char*, char*);
extern int p9listen(char*, char*);
extern int p9accept(int, char*);
extern int p9reject(int, char*, char*);
extern int p9dialparse(char *ds, char **net, char **unixa, void *ip, int *port);
extern char *p9netmkaddr(char*, char*, char*);
extern int sendfd(int, int);
extern int recvfd(int);
extern int read9pmsg(int, void*, uint);

/* Notes: Unix signals as Plan 9 note strings ("interrupt", "hangup", "sys: …"). */
extern int notify(void(*)(void*, char*));
extern int noted(int);
extern int atnotify(int(*)(void*, char*), int);
extern int notifyon(char*);
extern int notifyoff(char*);
extern int noteenable(char*);
extern int notedisable(char*);

/* Hooks plan9port's lib9 defines and libthread fills in (thread9's docs/API.md, lib9 hooks). */
extern void (*_sysfatal)(char*, ...);
extern int _p9usepwlibrary;

#ifndef NOPLAN9DEFINES
#define	main	p9main
#define	malloc	p9malloc
#define	realloc	p9realloc
#define	calloc	p9calloc
#define	free	p9free
#undef strdup
#define	strdup	p9strdup
#define	atexit	p9atexit
#define	atexitdont	p9atexitdont
#define	atoi	p9atoi
#define	atol	p9atol
#define	atoll	p9atoll
#define	getenv	p9getenv
#define	putenv	p9putenv
#define	longjmp	p9longjmp
#undef setjmp
#define	setjmp	p9setjmp
#define	notejmp	p9notejmp
#define	jmp_buf	p9jmp_buf
#define	time	p9time
#define	nsec	p9nsec
#define	srand	p9srand
#define	rand	p9rand
#define	nrand	p9nrand
#define	lrand	p9lrand
#define	lnrand	p9lnrand
#define	frand	p9frand
#define	dup	p9dup
#define	seek	p9seek
#define	sleep	p9sleep
#define	wait	p9wait
#define	waitpid	p9waitpid
#define	rfork	p9rfork
#define	create	p9create
#undef open
#define	open	p9open
#undef close
#define	close	p9close
#define	pipe	p9pipe
#define	waitfor	p9waitfor
#define	write	p9write
#define	dial	p9dial
#define	announce	p9announce
#define	listen	p9listen
#define	accept	p9accept
#define	reject	p9reject
#define	netmkaddr	p9netmkaddr
#define	gmtime	p9gmtime
#define	localtime	p9localtime
#define	asctime	p9asctime
#define	ctime	p9ctime
#define	tm2sec	p9tm2sec
#define	times	p9times
#define	cputime	p9cputime
#define	getwd	p9getwd
#define	alarm	p9alarm
#define	exec	p9exec
#define	execl	p9execl
#endif

#endif
