/*
 * A program without a note handler ends with exit status 1 on HUP, INT, TERM, ALRM,
 * USR1 (not by the signal), without running its atexit handlers, as plan9port's
 * threaded programs do (their libthread installs lib9's note handlers at start-up,
 * and a note nobody takes is _exit(1)). A signal ignored when the program starts
 * (nohup) stays ignored. Each case runs in a fresh copy of this program, started with
 * the signal's default (or ignored) disposition, so the test does not depend on what
 * the test harness inherited.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <sys/wait.h>
#undef waitpid	/* the system call, not lib9's p9waitpid */

static void
bye(void)
{
	print("atexit handler ran\n");
}

static void
run(char *argv0, char *name, int sig, int ign)
{
	int pid, st;
	char num[16];

	snprint(num, sizeof num, "%d", sig);
	pid = fork();
	if(pid < 0)
		sysfatal("fork: %r");
	if(pid == 0){
		signal(sig, ign ? SIG_IGN : SIG_DFL);
		execl(argv0, argv0, "-k", num, nil);
		_exit(127);
	}
	while(waitpid(pid, &st, 0) < 0)
		;
	if(WIFEXITED(st))
		print("%s%s: exit status %d\n", name, ign ? " (ignored at start)" : "", WEXITSTATUS(st));
	else if(WIFSIGNALED(st))
		print("%s%s: killed by signal %d\n", name, ign ? " (ignored at start)" : "", WTERMSIG(st));
}

void
threadmain(int argc, char **argv)
{
	if(argc == 3 && strcmp(argv[1], "-k") == 0){
		atexit(bye);
		kill(getpid(), atoi(argv[2]));
		sleep(100);
		threadexitsall(nil);
	}
	run(argv[0], "hangup", SIGHUP, 0);
	run(argv[0], "interrupt", SIGINT, 0);
	run(argv[0], "kill", SIGTERM, 0);
	run(argv[0], "alarm", SIGALRM, 0);
	run(argv[0], "usr1", SIGUSR1, 0);
	run(argv[0], "hangup", SIGHUP, 1);
	threadexitsall(nil);
}
