/*
 * TEMPORARY weak stand-in for rerrstr until the lib9/fmt errstr functions land
 * (their strong definition replaces this one); the ioproc/exec tests read errstr with it.
 */
#include "shim.h"

void thread9_rt_rerrstr(char *buf, unsigned int n);

__attribute__((weak)) void
rerrstr(char *buf, unsigned int n)
{
	thread9_rt_rerrstr(buf, n);
}
