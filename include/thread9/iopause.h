/*
 * thread9 iopause.h: djb's iopause(3) and TAI64NA time labels, with djb's names and
 * layouts. Needs no <u.h>. Called from a thread9 thread, iopause parks only that
 * thread; its proc runs its other threads meanwhile.
 *
 * Rules (iopause(3)): deadline and stamp are absolute taias; the wait
 * is deadline-stamp on the monotonic clock from the call, never ending early. revents
 * is written for every entry on every return; on hang-up, error or a closed fd the
 * requested READ/WRITE bits are set too. Negative fds are ignored; an empty set just
 * waits. deadline <= stamp polls once. Returns the number of entries with non-zero
 * revents, 0 at the deadline, -1 (EINTR, errstr "interrupted") after threadint.
 * Outside a thread9 thread it is a plain poll.
 */
#ifndef IOPAUSE_H
#define IOPAUSE_H
#if defined(__cplusplus)
extern "C" {
#endif

#include <poll.h>
#include <stdint.h>

#define IOPAUSE_POLL

typedef struct pollfd iopause_fd;	/* int fd; short events; short revents */
#define IOPAUSE_READ	POLLIN
#define IOPAUSE_WRITE	POLLOUT

#ifndef TAI_H
#define TAI_H
struct tai {
	uint64_t x;	/* 2^62 + 10 + Unix seconds */
};
#define tai_unix(t, u)	((void)((t)->x = 4611686018427387914ULL + (uint64_t)(u)))
#define tai_approx(t)	((double)((t)->x))
#define tai_less(t, u)	((t)->x < (u)->x)
#define TAI_PACK	8
void	tai_now(struct tai *t);
void	tai_add(struct tai *t, struct tai *u, struct tai *v);
void	tai_sub(struct tai *t, struct tai *u, struct tai *v);
void	tai_pack(char *s, struct tai *t);
void	tai_unpack(char *s, struct tai *t);
#endif

#ifndef TAIA_H
#define TAIA_H
struct taia {
	struct tai sec;
	unsigned long nano;	/* 0...999999999 */
	unsigned long atto;	/* 0...999999999 */
};
void	taia_tai(struct taia *ta, struct tai *t);
void	taia_now(struct taia *t);	/* wall-clock TAI */
double	taia_approx(struct taia *t);
double	taia_frac(struct taia *t);
void	taia_add(struct taia *t, struct taia *u, struct taia *v);
void	taia_addsec(struct taia *t, struct taia *u, int secs);
void	taia_sub(struct taia *t, struct taia *u, struct taia *v);
void	taia_half(struct taia *t, struct taia *u);
int	taia_less(struct taia *t, struct taia *u);
void	taia_uint(struct taia *t, unsigned int secs);
#define TAIA_PACK	16
void	taia_pack(char *s, struct taia *t);
void	taia_unpack(char *s, struct taia *t);
#define TAIA_FMTFRAC	19
unsigned int	taia_fmtfrac(char *s, struct taia *t);
#endif

int	iopause(iopause_fd *x, unsigned int len, struct taia *deadline, struct taia *stamp);

/* CLOCK_MONOTONIC in ns: the clock of thread9's native deadlines. */
unsigned long long	nsecmono(void);

#if defined(__cplusplus)
}
#endif
#endif
