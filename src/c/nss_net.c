/*
 * The exports that resolve host and service names (dial, announce, p9dialparse,
 * iodial, threadannounce), and the registration of getaddrinfo and freeaddrinfo for
 * the Rust code behind them (src/base/nss.rs). An object of its own so that a
 * static program that calls none of these does not link glibc's NSS code, which
 * glibc warns about in static links.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <netdb.h>
#include "shim.h"

void thread9_rt_nss_net(const void*, const void*);
int thread9_rt_p9dial(char*, char*, char*, int*);
int thread9_rt_p9announce(char*, char*);
int thread9_rt_p9dialparse(char*, char**, char**, void*, int*);
int thread9_rt_iodial(Ioproc*, char*, char*, char*, int*);
int thread9_rt_threadannounce(char*, char*);

__attribute__((constructor)) static void
nssnet(void)
{
	thread9_rt_nss_net((void*)getaddrinfo, (void*)freeaddrinfo);
}

int
p9dial(char *addr, char *local, char *dir, int *cdfp)
{
	return thread9_rt_p9dial(addr, local, dir, cdfp);
}

int
p9announce(char *addr, char *dir)
{
	return thread9_rt_p9announce(addr, dir);
}

int
p9dialparse(char *ds, char **net, char **unixa, void *ip, int *port)
{
	return thread9_rt_p9dialparse(ds, net, unixa, ip, port);
}

int
iodial(Ioproc *io, char *addr, char *local, char *dir, int *cdfp)
{
	return thread9_rt_iodial(io, addr, local, dir, cdfp);
}

int
threadannounce(char *addr, char *dir)
{
	return thread9_rt_threadannounce(addr, dir);
}
