/*
 * thread9 resource manager: serve files through FUSE with QNX-style I/O
 * message handlers (resmgr(3)). Handlers run in thread9 threads of the
 * serving proc, one per request: they may recv, send, alt and sleep.
 * Needs no other thread9 header; link with -lthread.
 */
#ifndef _THREAD9_RESMGR_H_
#define _THREAD9_RESMGR_H_ 1

#include <stdint.h>
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/ioctl.h>
#include <fcntl.h>
#include <errno.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef EOK
#define EOK 0
#endif

/* handler return values (resmgr(3)) */
#define _RESMGR_ERRNO(e)	(e)
#define _RESMGR_NPARTS(n)	(-(n))
#define _RESMGR_NPARTS_MAX	4096
#define _RESMGR_DEFAULT		(-_RESMGR_NPARTS_MAX-1)
#define _RESMGR_NOREPLY		(-_RESMGR_NPARTS_MAX-2)
#define SETIOV(iov, a, n)	((void)((iov)->iov_base = (void*)(a), (iov)->iov_len = (n)))
#define _RESMGR_PTR(ctp, a, n)	(SETIOV((ctp)->iov, (a), (n)), _RESMGR_NPARTS(1))
#define _IO_SET_READ_NBYTES(ctp, n)	((ctp)->status = (n))
#define _IO_SET_WRITE_NBYTES(ctp, n)	((ctp)->status = (n))

/* resmgr_mount flags */
#define RESMGR_MOUNT_NEWPROC		0x1	/* serve from a new system proc */
#define RESMGR_MOUNT_ALLOW_OTHER	0x2	/* allow_other (always on as root) */

/* resmgr_detach flags */
#define _RESMGR_DETACH_ALL		0x0
#define _RESMGR_DETACH_PATHNAME		0x1

enum _file_type { _FTYPE_ANY = 0 };

/* ocb->ioflag: O_ACCMODE+1 | other open flags */
#define _IO_FLAG_RD	0x1
#define _IO_FLAG_WR	0x2

/* message types (msg->i.type) */
enum {
	_IO_CONNECT = 0x100, _IO_READ, _IO_WRITE, _IO_CLOSE, _IO_STAT, _IO_NOTIFY,
	_IO_DEVCTL, _IO_LSEEK, _IO_CHMOD, _IO_CHOWN, _IO_UTIME, _IO_SPACE, _IO_SYNC
};
#define _IO_CONNECT_OPEN	1
#define _IO_CONNECT_UNLINK	2
#define _IO_XTYPE_NONE		0
#define _IO_XTYPE_READDIR	1	/* a read on a directory OCB */
#define IO_SPACE_TRUNC		1	/* truncate/extend to start */
#define IO_SPACE_ALLOC		2	/* allocate [start, start+len) */

struct _client_info {
	pid_t	tid;			/* client thread, as the kernel reports it */
	uid_t	uid;
	gid_t	gid;
};

typedef struct _resmgr_context {
	int64_t	rcvid;			/* request id, valid until answered */
	int	id;			/* attach id */
	struct _client_info info;
	long	status;			/* _IO_SET_READ_NBYTES/_IO_SET_WRITE_NBYTES */
	int	niov;			/* parts available in iov */
	struct iovec *iov;		/* parts for _RESMGR_NPARTS(n) */
	void	*reserved[4];
} resmgr_context_t;

typedef struct _iofunc_attr {		/* one per resource */
	uint32_t flags;
	int32_t	count, rcount, wcount;	/* opens; for reading; for writing */
	mode_t	mode;
	uid_t	uid;
	gid_t	gid;
	uint32_t nlink;
	uint64_t inode;
	int64_t	nbytes;
	struct timespec atime, mtime, ctime;
	void	*aux;			/* the program's */
	void	*reserved[4];
} iofunc_attr_t;

typedef struct _iofunc_ocb {		/* one per open */
	iofunc_attr_t *attr;
	int32_t	ioflag;
	int64_t	offset;
	uint32_t flags;
	int32_t	fid;			/* unique, never reused */
	void	*aux;			/* the program's per-open pointer */
	void	*reserved[4];
} iofunc_ocb_t;

#ifndef RESMGR_HANDLE_T
#define RESMGR_HANDLE_T iofunc_attr_t
#endif
#ifndef RESMGR_OCB_T
#define RESMGR_OCB_T iofunc_ocb_t
#endif

typedef struct _resmgr_attr {
	unsigned flags;
	unsigned nparts_max;		/* 0: 8 */
	unsigned stacksize;		/* handler threads; 0: 32 KiB */
	unsigned attr_ttl_ms;		/* kernel attribute cache; 0: none */
	unsigned ocb_size;		/* >= sizeof(iofunc_ocb_t) to extend the OCB */
	unsigned reply_timeout_ms;	/* 0: none */
	unsigned reserved[4];
} resmgr_attr_t;

typedef struct _dispatch dispatch_t;

/* messages: i = what the client sent, o = the reply part */
struct _io_connect {
	uint16_t type;			/* _IO_CONNECT */
	uint16_t subtype;		/* _IO_CONNECT_OPEN, _IO_CONNECT_UNLINK */
	int32_t	ioflag;			/* open: O_ACCMODE+1 | flags (O_TRUNC ...) */
	mode_t	mode;
	const char *path;		/* the file's full path */
};
typedef struct { struct _io_connect connect; } io_open_t;
typedef struct { struct _io_connect connect; } io_unlink_t;

struct _io_read {
	uint16_t type;
	uint16_t combine_len;
	uint32_t xtype;
	int64_t	nbytes;
	int64_t	offset;			/* file position of this read */
};
typedef struct { struct _io_read i; } io_read_t;

struct _io_write {
	uint16_t type;
	uint16_t combine_len;
	uint32_t xtype;
	int64_t	nbytes;
	int64_t	offset;
};
typedef struct { struct _io_write i; void *data; } io_write_t;	/* data: the bytes */

typedef struct { struct { uint16_t type, combine_len; uint32_t zero; } i; struct stat o; } io_stat_t;
typedef struct { struct { uint16_t type, combine_len; uint32_t zero; } i; } io_close_t;

struct _io_devctl {
	uint16_t type;
	uint16_t combine_len;
	uint32_t dcmd;			/* the ioctl request */
	int32_t	nbytes;			/* bytes in data (input and output size) */
	int32_t	zero;
};
struct _io_devctl_reply {
	int32_t	ret_val;		/* the client's ioctl(2) result */
	int32_t	nbytes;
	int32_t	zero[2];
};
typedef struct { struct _io_devctl i; struct _io_devctl_reply o; void *data; } io_devctl_t;

typedef struct {
	struct { uint16_t type, combine_len; int16_t whence; int16_t zero; int64_t offset; } i;
	int64_t	o;
} io_lseek_t;				/* only SEEK_DATA and SEEK_HOLE reach a server */
typedef struct { struct { uint16_t type, combine_len; mode_t mode; } i; } io_chmod_t;
typedef struct { struct { uint16_t type, combine_len; int32_t uid, gid; } i; } io_chown_t;	/* -1 keeps */
typedef struct { struct { uint16_t type, combine_len; int32_t zero; struct timespec times[2]; } i; } io_utime_t;	/* atime, mtime; UTIME_NOW/UTIME_OMIT */
typedef struct { struct { uint16_t type, combine_len; uint16_t subtype; uint16_t zero; int64_t start, len; } i; int64_t o; } io_space_t;
typedef struct { struct { uint16_t type, combine_len; uint32_t flag; } i; } io_sync_t;

typedef struct _resmgr_connect_funcs {
	unsigned nfuncs;
	int	(*open)(resmgr_context_t*, io_open_t*, RESMGR_HANDLE_T*, void*);
	int	(*unlink)(resmgr_context_t*, io_unlink_t*, RESMGR_HANDLE_T*, void*);
	int	(*rename)(resmgr_context_t*, void*, RESMGR_HANDLE_T*, void*);
	int	(*mknod)(resmgr_context_t*, void*, RESMGR_HANDLE_T*, void*);
	int	(*readlink)(resmgr_context_t*, void*, RESMGR_HANDLE_T*, void*);
	int	(*link)(resmgr_context_t*, void*, RESMGR_HANDLE_T*, void*);
	int	(*unblock)(resmgr_context_t*, void*, RESMGR_HANDLE_T*, void*);
	int	(*mount)(resmgr_context_t*, void*, RESMGR_HANDLE_T*, void*);
} resmgr_connect_funcs_t;
#define _RESMGR_CONNECT_NFUNCS 8

typedef struct _resmgr_io_funcs {
	unsigned nfuncs;
	int	(*read)(resmgr_context_t*, io_read_t*, RESMGR_OCB_T*);
	int	(*write)(resmgr_context_t*, io_write_t*, RESMGR_OCB_T*);
	int	(*close_ocb)(resmgr_context_t*, void*, RESMGR_OCB_T*);
	int	(*stat)(resmgr_context_t*, io_stat_t*, RESMGR_OCB_T*);
	int	(*notify)(resmgr_context_t*, void*, RESMGR_OCB_T*);
	int	(*devctl)(resmgr_context_t*, io_devctl_t*, RESMGR_OCB_T*);
	int	(*unblock)(resmgr_context_t*, void*, RESMGR_OCB_T*);
	int	(*pathconf)(resmgr_context_t*, void*, RESMGR_OCB_T*);
	int	(*lseek)(resmgr_context_t*, io_lseek_t*, RESMGR_OCB_T*);
	int	(*chmod)(resmgr_context_t*, io_chmod_t*, RESMGR_OCB_T*);
	int	(*chown)(resmgr_context_t*, io_chown_t*, RESMGR_OCB_T*);
	int	(*utime)(resmgr_context_t*, io_utime_t*, RESMGR_OCB_T*);
	int	(*lock)(resmgr_context_t*, void*, RESMGR_OCB_T*);
	int	(*space)(resmgr_context_t*, io_space_t*, RESMGR_OCB_T*);
	int	(*sync)(resmgr_context_t*, io_sync_t*, RESMGR_OCB_T*);
	int	(*close_dup)(resmgr_context_t*, io_close_t*, RESMGR_OCB_T*);
	int	(*lock_ocb)(resmgr_context_t*, void*, RESMGR_OCB_T*);
	int	(*unlock_ocb)(resmgr_context_t*, void*, RESMGR_OCB_T*);
	void	*reserved[8];
} resmgr_io_funcs_t;
#define _RESMGR_IO_NFUNCS 18

dispatch_t *resmgr_mount(const char *dir, unsigned flags);
int	resmgr_attach(dispatch_t*, resmgr_attr_t*, const char *path, enum _file_type, unsigned flags,
		const resmgr_connect_funcs_t*, const resmgr_io_funcs_t*, RESMGR_HANDLE_T*);
int	resmgr_detach(dispatch_t*, int id, unsigned flags);
int	resmgr_unmount(dispatch_t*);
const char *resmgr_path(dispatch_t*, int id);
int	resmgr_reply(int64_t rcvid, long status, const void *buf, size_t n);
int	resmgr_replyv(int64_t rcvid, long status, const struct iovec *iov, int niov);
int	resmgr_error(int64_t rcvid, int err);
long	resmgr_msgread(resmgr_context_t*, void *buf, size_t n, size_t offset);

void	iofunc_func_init(unsigned nconnect, resmgr_connect_funcs_t*, unsigned nio, resmgr_io_funcs_t*);
void	iofunc_attr_init(iofunc_attr_t*, mode_t, iofunc_attr_t *dattr, struct _client_info*);
int	iofunc_read_verify(resmgr_context_t*, io_read_t*, iofunc_ocb_t*, int *nonblock);
int	iofunc_write_verify(resmgr_context_t*, io_write_t*, iofunc_ocb_t*, int *nonblock);
int	iofunc_stat(resmgr_context_t*, iofunc_attr_t*, struct stat*);
int	iofunc_time_update(iofunc_attr_t*);

int	iofunc_open_default(resmgr_context_t*, io_open_t*, iofunc_attr_t*, void*);
int	iofunc_unlink_default(resmgr_context_t*, io_unlink_t*, iofunc_attr_t*, void*);
int	iofunc_read_default(resmgr_context_t*, io_read_t*, iofunc_ocb_t*);
int	iofunc_write_default(resmgr_context_t*, io_write_t*, iofunc_ocb_t*);
int	iofunc_close_ocb_default(resmgr_context_t*, void*, iofunc_ocb_t*);
int	iofunc_close_dup_default(resmgr_context_t*, io_close_t*, iofunc_ocb_t*);
int	iofunc_stat_default(resmgr_context_t*, io_stat_t*, iofunc_ocb_t*);
int	iofunc_devctl_default(resmgr_context_t*, io_devctl_t*, iofunc_ocb_t*);
int	iofunc_lseek_default(resmgr_context_t*, io_lseek_t*, iofunc_ocb_t*);
int	iofunc_chmod_default(resmgr_context_t*, io_chmod_t*, iofunc_ocb_t*);
int	iofunc_chown_default(resmgr_context_t*, io_chown_t*, iofunc_ocb_t*);
int	iofunc_utime_default(resmgr_context_t*, io_utime_t*, iofunc_ocb_t*);
int	iofunc_space_default(resmgr_context_t*, io_space_t*, iofunc_ocb_t*);
int	iofunc_sync_default(resmgr_context_t*, io_sync_t*, iofunc_ocb_t*);
int	iofunc_unblock_default(resmgr_context_t*, void*, iofunc_ocb_t*);
int	iofunc_enosys_default(resmgr_context_t*, void*, iofunc_ocb_t*);

#ifdef __cplusplus
}
#endif
#endif
