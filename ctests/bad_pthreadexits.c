/* threadexits from a raw pthread (no proc): abort with a message naming the call. */
#include <u.h>
#include <libc.h>
#include <thread.h>

void*
raw(void *arg)
{
	USED(arg);
	threadexits("from a pthread");
	return nil;
}

void
threadmain(int argc, char *argv[])
{
	pthread_t t;

	USED(argc);
	USED(argv);
	pthread_create(&t, nil, raw, nil);
	pthread_join(t, nil);
	print("not reached\n");
}
