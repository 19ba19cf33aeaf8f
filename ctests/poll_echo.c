/*
 * P10: a TCP echo server on 127.0.0.1 in one proc (a thread per connection, using
 * threadsockaccept/threadread/threadwrite) serves 200 client threads of another proc
 * (threadconnect/threadwrite/threadreadn). Every byte must come back, and no fd's
 * flags may change (the helpers never set O_NONBLOCK behind the caller's back).
 */
#include <u.h>
#include <sys/socket.h>	/* before thread.h, which defines send and recv */
#include <netinet/in.h>
#include <arpa/inet.h>
#include <libc.h>
#include <thread.h>
#undef listen	/* this test uses the Unix socket calls, not lib9's */
#undef accept

enum { NCLIENT = 200, LEN = 20000 };

static struct sockaddr_in addr;
static Channel *done;
static int bad;

static void
conn(void *v)
{
	int fd, fl, n;
	char buf[4096];

	fd = (int)(uintptr)v;
	fl = fcntl(fd, F_GETFL);
	while((n = threadread(fd, buf, sizeof buf)) > 0)
		if(threadwrite(fd, buf, n) != n){
			fprint(2, "server write failed\n");
			bad++;
			break;
		}
	if(n < 0){
		fprint(2, "server read failed\n");
		bad++;
	}
	if(fcntl(fd, F_GETFL) != fl){
		fprint(2, "server: fd flags changed\n");
		bad++;
	}
	close(fd);
}

static void
server(void *v)
{
	int lfd, fd, i, fl;

	lfd = (int)(uintptr)v;
	fl = fcntl(lfd, F_GETFL);
	for(i = 0; i < NCLIENT; i++){
		fd = threadsockaccept(lfd, nil, nil);
		if(fd < 0)
			sysfatal("threadsockaccept failed");
		if(!(fcntl(fd, F_GETFD) & FD_CLOEXEC)){
			fprint(2, "accepted fd not close-on-exec\n");
			bad++;
		}
		threadcreate(conn, (void*)(uintptr)fd, 65536);
	}
	if(fcntl(lfd, F_GETFL) != fl){
		fprint(2, "listener flags changed\n");
		bad++;
	}
}

static void
client(void *v)
{
	int i, fd, fl, k;
	char *out, *in;

	i = (int)(uintptr)v;
	out = malloc(LEN);
	in = malloc(LEN);
	for(k = 0; k < LEN; k++)
		out[k] = i*7 + k*13;
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if(fd < 0)
		sysfatal("socket");
	fl = fcntl(fd, F_GETFL);
	if(threadconnect(fd, (struct sockaddr*)&addr, sizeof addr) < 0){
		fprint(2, "client %d: connect failed\n", i);
		bad++;
	}else if(threadwrite(fd, out, LEN) != LEN){
		fprint(2, "client %d: write failed\n", i);
		bad++;
	}else if(threadreadn(fd, in, LEN) != LEN || memcmp(in, out, LEN) != 0){
		fprint(2, "client %d: echo differs\n", i);
		bad++;
	}
	if(fcntl(fd, F_GETFL) != fl){
		fprint(2, "client %d: flags changed\n", i);
		bad++;
	}
	close(fd);
	free(out);
	free(in);
	sendul(done, 1);
}

static void
clients(void *v)
{
	int i;

	USED(v);
	for(i = 0; i < NCLIENT; i++)
		threadcreate(client, (void*)(uintptr)i, 65536);
}

void
threadmain(int argc, char *argv[])
{
	int lfd, i, one;
	socklen_t len;

	USED(argc);
	USED(argv);
	done = chancreate(sizeof(ulong), 0);
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	one = 1;
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if(bind(lfd, (struct sockaddr*)&addr, sizeof addr) < 0 || listen(lfd, 256) < 0)
		sysfatal("bind/listen");
	len = sizeof addr;
	getsockname(lfd, (struct sockaddr*)&addr, &len);
	threadcreate(server, (void*)(uintptr)lfd, 65536);
	proccreate(clients, nil, 65536);
	for(i = 0; i < NCLIENT; i++)
		recvul(done);
	if(bad)
		threadexitsall("failed");
	print("200 clients echoed\n");
	threadexitsall(nil);
}
