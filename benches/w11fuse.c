/*
 * W11's peer: the same file (w11.h) served by a hello-style libfuse3 server (the
 * high-level API, a read handler that copies from memory, files opened direct_io
 * as thread9's are, the single-threaded loop as thread9's server is one thread).
 * -DSEQ: 1 MiB reads. Needs libfuse3 (libfuse3-dev), /dev/fuse and root (exit 77
 * otherwise). Not linked with thread9.
 */
#define FUSE_USE_VERSION 31
#include <fuse.h>
#include <pthread.h>
#include "w11.h"

static const char *name = "/f";

static int
lgetattr(const char *path, struct stat *st, struct fuse_file_info *fi)
{
	(void)fi;
	memset(st, 0, sizeof *st);
	if(strcmp(path, "/") == 0){
		st->st_mode = S_IFDIR | 0755;
		st->st_nlink = 2;
	}else if(strcmp(path, name) == 0){
		st->st_mode = S_IFREG | 0444;
		st->st_nlink = 1;
		st->st_size = FSIZE;
	}else
		return -ENOENT;
	return 0;
}

static int
lreaddir(const char *path, void *buf, fuse_fill_dir_t fill, off_t off, struct fuse_file_info *fi,
	enum fuse_readdir_flags fl)
{
	(void)off; (void)fi; (void)fl;
	if(strcmp(path, "/") != 0)
		return -ENOENT;
	fill(buf, ".", NULL, 0, 0);
	fill(buf, "..", NULL, 0, 0);
	fill(buf, name + 1, NULL, 0, 0);
	return 0;
}

static int
lopen(const char *path, struct fuse_file_info *fi)
{
	if(strcmp(path, name) != 0)
		return -ENOENT;
	if((fi->flags & O_ACCMODE) != O_RDONLY)
		return -EACCES;
	fi->direct_io = 1;
	return 0;
}

static int
lread(const char *path, char *buf, size_t size, off_t off, struct fuse_file_info *fi)
{
	(void)path; (void)fi;
	return w11serve(buf, off, size);
}

static const struct fuse_operations ops = {
	.getattr = lgetattr,
	.readdir = lreaddir,
	.open = lopen,
	.read = lread,
};

static struct fuse *fs;

static void*
loop(void *arg)
{
	(void)arg;
	fuse_loop(fs);
	return NULL;
}

int
main(int argc, char **argv)
{
	char tmpl[] = "/tmp/t9w11f.XXXXXX", *dir, file[64];
	char *fargv[] = {argv[0], NULL};
	struct fuse_args args = FUSE_ARGS_INIT(1, fargv);
	pthread_t th;
	int n, rc;

	n = argc > 1 ? atoi(argv[1]) : 20000;
	if(n <= 0){
		fprintf(stderr, "usage: %s [N>0]\n", argv[0]);
		return 2;
	}
	w11needfuse();
	w11fill();
	dir = mkdtemp(tmpl);
	fs = fuse_new(&args, &ops, sizeof ops, NULL);
	if(dir == NULL || fs == NULL || fuse_mount(fs, dir) != 0){
		fprintf(stderr, "w11fuse: cannot mount on %s\n", dir ? dir : "(none)");
		return 1;
	}
	pthread_create(&th, NULL, loop, NULL);
	snprintf(file, sizeof file, "%s%s", dir, name);
	rc = w11child(file, n);
	fuse_exit(fs);
	fuse_unmount(fs);
	pthread_join(th, NULL);
	fuse_destroy(fs);
	rmdir(dir);
	return rc;
}
