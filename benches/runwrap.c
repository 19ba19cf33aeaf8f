/*
 * runwrap: run a command and record its peak RSS, so run.sh needs no
 * /usr/bin/time.  Plain POSIX C, not linked with thread9.
 *	runwrap OUTFILE cmd [arg...]
 * Writes "maxrss=KiB" to OUTFILE; exits with the command's status
 * (128+signal if it was killed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/resource.h>
#include <sys/wait.h>

int
main(int argc, char *argv[])
{
	pid_t pid;
	int status;
	struct rusage ru;
	FILE *f;

	if(argc < 3){
		fprintf(stderr, "usage: runwrap OUTFILE cmd [arg...]\n");
		return 2;
	}
	pid = fork();
	if(pid < 0){
		fprintf(stderr, "runwrap: fork: %s\n", strerror(errno));
		return 2;
	}
	if(pid == 0){
		execvp(argv[2], argv+2);
		fprintf(stderr, "runwrap: exec %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	while(wait4(pid, &status, 0, &ru) < 0)
		if(errno != EINTR){
			fprintf(stderr, "runwrap: wait4: %s\n", strerror(errno));
			return 2;
		}
	f = fopen(argv[1], "w");
	if(f == NULL){
		fprintf(stderr, "runwrap: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	fprintf(f, "maxrss=%ld\n", ru.ru_maxrss);
	fclose(f);
	if(WIFSIGNALED(status))
		return 128+WTERMSIG(status);
	return WEXITSTATUS(status);
}
