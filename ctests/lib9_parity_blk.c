/*
 * dirstat, dirfstat and dirread give a block device's size as its length, as
 * plan9port's do (stat(2) says 0). Exit status 3: no readable block device with a
 * size here (lib9_parity_blk.sh reports a skip).
 */
#include <u.h>
#include <sys/ioctl.h>
#include <linux/fs.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char **argv)
{
	Dir *d, *dd;
	long i, n;
	int fd, dfd;
	uvlong size;
	char path[300];
	struct stat st;

	USED(argc);
	USED(argv);
	if((dfd = open("/dev", OREAD)) < 0)
		sysfatal("open /dev: %r");
	n = dirreadall(dfd, &dd);
	close(dfd);
	for(i=0; i<n; i++){
		snprint(path, sizeof path, "/dev/%s", dd[i].name);
		if(lstat(path, &st) < 0 || (st.st_mode & S_IFMT) != S_IFBLK)
			continue;
		if((fd = open(path, OREAD)) < 0)
			continue;
		size = 0;
		if(ioctl(fd, BLKGETSIZE64, &size) < 0 || size == 0){
			close(fd);
			continue;
		}
		print("block device with a size: found\n");
		print("dirread length is its size: %d\n", dd[i].length == size);
		d = dirstat(path);
		print("dirstat length is its size: %d\n", d != nil && d->length == size);
		free(d);
		d = dirfstat(fd);
		print("dirfstat length is its size: %d\n", d != nil && d->length == size);
		free(d);
		close(fd);
		threadexitsall(nil);
	}
	threadexitsall("none");
}
