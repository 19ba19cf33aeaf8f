/*
 * thread9 libc.h: the lib9 subset a plan9port program expects.
 * Symbol names follow plan9port's renaming exactly, so an object compiled against
 * plan9port's headers links against thread9 and vice versa.
 */
#ifndef _LIB9_H_
#define _LIB9_H_ 1
#if defined(__cplusplus)
extern "C" {
#endif

#include <utf.h>
#include <fmt.h>
#include <pthread.h>

AUTOLIB(9)

/*
 * The lib9 functions and plan9port's renames come first, as in
 * plan9port's libc.h, so struct members below (Waitmsg.time) are renamed the same way.
 */
typedef struct Waitmsg Waitmsg;
#include <lib9.h>

/*
 * Locks. Sizes and "all-zero = unlocked" are ABI: programs embed these.
 */
typedef struct _Thread _Thread;
typedef struct _Threadlist _Threadlist;
struct _Threadlist
{
	_Thread	*head;
	_Thread	*tail;
};

extern _Thread *(*threadnow)(void);

typedef struct Lock Lock;
struct Lock
{
	int init;
	pthread_mutex_t mutex;
	int held;
};

extern void lock(Lock*);
extern void unlock(Lock*);
extern int canlock(Lock*);
extern int (*_lock)(Lock*, int, ulong);
extern void (*_unlock)(Lock*, ulong);

typedef struct QLock QLock;
struct QLock
{
	Lock l;
	_Thread *owner;
	_Threadlist waiting;
};

extern void qlock(QLock*);
extern void qunlock(QLock*);
extern int canqlock(QLock*);
extern int (*_qlock)(QLock*, int, ulong);
extern void (*_qunlock)(QLock*, ulong);

typedef struct Rendez Rendez;
struct Rendez
{
	QLock *l;
	_Threadlist waiting;
};

extern void rsleep(Rendez*);	/* unlocks r->l, sleeps, locks r->l again */
extern int rwakeup(Rendez*);
extern int rwakeupall(Rendez*);
extern void (*_rsleep)(Rendez*, ulong);
extern int (*_rwakeup)(Rendez*, int, ulong);

typedef struct RWLock RWLock;
struct RWLock
{
	Lock l;
	int readers;
	_Thread *writer;
	_Threadlist rwaiting;
	_Threadlist wwaiting;
};

extern void rlock(RWLock*);
extern void runlock(RWLock*);
extern int canrlock(RWLock*);
extern void wlock(RWLock*);
extern void wunlock(RWLock*);
extern int canwlock(RWLock*);
extern int (*_rlock)(RWLock*, int, ulong);
extern int (*_wlock)(RWLock*, int, ulong);
extern void (*_runlock)(RWLock*, ulong);
extern void (*_wunlock)(RWLock*, ulong);

extern void (*_pin)(void);
extern void (*_unpin)(void);

/*
 * Processes and their exit messages.
 */
struct Waitmsg
{
	int pid;	/* of the child */
	ulong time[3];	/* user, system, user+system ms */
	char *msg;	/* "" on success */
};

#define	ERRMAX	128	/* max length of error string */
#define	KNAMELEN	28

extern char *argv0;
extern void __fixargv0(void);


#define	USED(x)	((void)(x))
#define	SET(x)	((x)=0)

/*
 * Command-line flags, decoded one rune at a time (UTF-8 flags work).
 */
#define	ARGBEGIN	for((argv0?0:(argv0=(__fixargv0(),*argv))),argv++,argc--;\
			    argv[0] && argv[0][0]=='-' && argv[0][1];\
			    argc--, argv++) {\
				char *_args, *_argt;\
				Rune _argc;\
				_args = &argv[0][1];\
				if(_args[0]=='-' && _args[1]==0){\
					argc--; argv++; break;\
				}\
				_argc = 0;\
				while(*_args && (_args += chartorune(&_argc, _args)))\
				switch(_argc)
#define	ARGEND		SET(_argt);USED(_argt);USED(_argc);USED(_args);}USED(argv);USED(argc);
#define	ARGF()		(_argt=_args, _args="",\
				(*_argt? _argt: argv[1]? (argc--, *++argv): 0))
#define	EARGF(x)	(_argt=_args, _args="",\
				(*_argt? _argt: argv[1]? (argc--, *++argv): ((x), abort(), (char*)0)))
#define	ARGC()		_argc

#if defined(__cplusplus)
}
#endif
#endif
