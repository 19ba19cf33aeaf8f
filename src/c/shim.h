/* Private declarations shared by the C shim and the Rust bridges (prefix thread9_rt_/thread9_c_). */
#ifndef THREAD9_SHIM_H
#define THREAD9_SHIM_H
#include <stdarg.h>
#include <stddef.h>

#define HIDDEN __attribute__((visibility("hidden")))

/* Rust side (hidden in the .so). */
int thread9_rt_main(int argc, char **argv, void (*tm)(int, char**));
void thread9_rt_setname(const char *s);
void thread9_rt_nomem(void);
void thread9_rt_setstate(const char *s);
void thread9_rt_chansetname(void *c, char *s);
long thread9_rt_iocall(void *io, long (*op)(va_list*), va_list *args);
void thread9_rt_threadexec(void *cpid, int *fd, char *cmd, char **argv, const char *call);

/* lib9 formatting used by the shims. */
int vsnprint(char *buf, int len, char *fmt, va_list args);
char *vsmprint(char *fmt, va_list args);
#endif
