/*
 * The exports that look users and groups up (getuser; the dir* calls fill in the
 * uid and gid names), and the registration of getpwuid_r and getgrgid_r for the
 * Rust code behind them (src/base/nss.rs). An object of its own so that a static
 * program that calls none of these does not link glibc's NSS code, which glibc
 * warns about in static links.
 */
#include <u.h>
#include <libc.h>
#include <pwd.h>
#include <grp.h>
#include "shim.h"

void thread9_rt_nss_users(const void*, const void*);
Dir *thread9_rt_dirstat(char*);
Dir *thread9_rt_dirfstat(int);
long thread9_rt_dirread(int, Dir**);
long thread9_rt_dirreadall(int, Dir**);
char *thread9_rt_getuser(void);

__attribute__((constructor)) static void
nssusers(void)
{
	thread9_rt_nss_users((void*)getpwuid_r, (void*)getgrgid_r);
}

Dir*
dirstat(char *file)
{
	return thread9_rt_dirstat(file);
}

Dir*
dirfstat(int fd)
{
	return thread9_rt_dirfstat(fd);
}

long
dirread(int fd, Dir **dp)
{
	return thread9_rt_dirread(fd, dp);
}

long
dirreadall(int fd, Dir **dp)
{
	return thread9_rt_dirreadall(fd, dp);
}

char*
getuser(void)
{
	return thread9_rt_getuser();
}
