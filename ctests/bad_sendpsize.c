/* sendp/recvp/sendul on a channel whose elements are wider than a word: plan9port
 * would read or write past the word, so thread9 refuses with a message, -1 / nil. */
#include <u.h>
#include <libc.h>
#include <thread.h>

typedef struct Wide Wide;
struct Wide
{
	uvlong a;
	uvlong b;
};

void
threadmain(int argc, char *argv[])
{
	Channel *c;
	Wide w;

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(Wide), 4);
	chansetname(c, "wide");
	print("sendp %d\n", sendp(c, c));
	print("nbsendul %d\n", nbsendul(c, 1));
	print("recvp %d\n", recvp(c) == nil);
	print("nbrecvul %d\n", (int)nbrecvul(c));
	print("nbrecv %d\n", nbrecv(c, &w));	/* nothing was sent */
}
