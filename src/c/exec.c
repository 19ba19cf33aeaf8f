/*
 * Variadic forms of the exec calls: collect the nil-terminated argument list
 * into an array and hand it to the array form.
 */
#include <stdlib.h>
#include "shim.h"

typedef struct Channel Channel;

int threadspawn(int fd[3], char *cmd, char *argv[]);
void procexec(Channel *cpid, char *cmd, char *argv[]);
int chansendul(Channel *c, unsigned long v);

static char**
collect(char *first, va_list arg)
{
	va_list a;
	char **argv;
	int n, i;

	va_copy(a, arg);
	n = first != NULL;
	if(first != NULL)
		while(va_arg(a, char*) != NULL)
			n++;
	va_end(a);
	argv = malloc((n+1)*sizeof argv[0]);
	if(argv == NULL)
		return NULL;
	i = 0;
	if(first != NULL){
		argv[i++] = first;
		while(i < n)
			argv[i++] = va_arg(arg, char*);
	}
	argv[i] = NULL;
	return argv;
}

int
threadspawnl(int fd[3], char *cmd, ...)
{
	va_list arg;
	char **argv, *first;
	int pid;

	va_start(arg, cmd);
	first = va_arg(arg, char*);
	argv = collect(first, arg);
	va_end(arg);
	if(argv == NULL)
		return -1;
	pid = threadspawn(fd, cmd, argv);
	free(argv);
	return pid;
}

void
threadexecl(Channel *cpid, int fd[3], char *cmd, ...)
{
	va_list arg;
	char **argv, *first;

	va_start(arg, cmd);
	first = va_arg(arg, char*);
	argv = collect(first, arg);
	va_end(arg);
	if(argv == NULL){
		if(cpid != NULL)
			chansendul(cpid, ~0UL);
		return;
	}
	/* returns only on failure; on success the thread ends (argv is then leaked, a few words) */
	thread9_rt_threadexec(cpid, fd, cmd, argv, "threadexecl");
	free(argv);
}

void
procexecl(Channel *cpid, char *cmd, ...)
{
	va_list arg;
	char **argv, *first;

	va_start(arg, cmd);
	first = va_arg(arg, char*);
	argv = collect(first, arg);
	va_end(arg);
	if(argv == NULL){
		if(cpid != NULL)
			chansendul(cpid, ~0UL);
		return;
	}
	procexec(cpid, cmd, argv);
	free(argv);
}
