/*
 * Layouts of resmgr.h and file2chan.h: must match src/serve/types.rs
 * (whose unit tests check the same numbers on the Rust side).
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <resmgr.h>
#include <file2chan.h>

static int bad;

#define CHECK(x, v) do { if((long)(x) != (v)) { print("%s = %ld, want %ld\n", #x, (long)(x), (long)(v)); bad++; } } while(0)

void
threadmain(int argc, char **argv)
{
	USED(argc); USED(argv);
	CHECK(sizeof(resmgr_context_t), 80);
	CHECK(offsetof(resmgr_context_t, info), 12);
	CHECK(offsetof(resmgr_context_t, status), 24);
	CHECK(offsetof(resmgr_context_t, iov), 40);
	CHECK(sizeof(iofunc_attr_t), 136);
	CHECK(offsetof(iofunc_attr_t, mode), 16);
	CHECK(offsetof(iofunc_attr_t, inode), 32);
	CHECK(offsetof(iofunc_attr_t, nbytes), 40);
	CHECK(offsetof(iofunc_attr_t, atime), 48);
	CHECK(offsetof(iofunc_attr_t, aux), 96);
	CHECK(sizeof(iofunc_ocb_t), 72);
	CHECK(offsetof(iofunc_ocb_t, offset), 16);
	CHECK(offsetof(iofunc_ocb_t, fid), 28);
	CHECK(offsetof(iofunc_ocb_t, aux), 32);
	CHECK(sizeof(resmgr_attr_t), 40);
	CHECK(sizeof(io_read_t), 24);
	CHECK(sizeof(io_write_t), 32);
	CHECK(offsetof(io_write_t, data), 24);
	CHECK(sizeof(io_stat_t), 8 + sizeof(struct stat));
	CHECK(offsetof(io_devctl_t, o), 16);
	CHECK(offsetof(io_devctl_t, data), 32);
	CHECK(sizeof(io_lseek_t), 24);
	CHECK(sizeof(io_space_t), 32);
	CHECK(sizeof(io_utime_t), 40);
	CHECK(sizeof(io_open_t), 24);
	CHECK(sizeof(resmgr_connect_funcs_t), 8 + 8*_RESMGR_CONNECT_NFUNCS);
	CHECK(sizeof(resmgr_io_funcs_t), 8 + 8*_RESMGR_IO_NFUNCS + 64);
	CHECK(offsetof(resmgr_io_funcs_t, unlock_ocb), 8 + 8*17);
	CHECK(sizeof(FileIO), 32);
	CHECK(sizeof(Fileread), 32);
	CHECK(offsetof(Fileread, rc), 24);
	CHECK(sizeof(Filewrite), 40);
	CHECK(offsetof(Filewrite, wc), 32);
	CHECK(sizeof(Readreply), 24);
	CHECK(sizeof(Writereply), 16);
	print(bad ? "FAIL\n" : "ok\n");
	threadexitsall(bad ? "bad layout" : nil);
}
