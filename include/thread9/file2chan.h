/*
 * file2chan(3): an Inferno-style file whose reads and writes arrive on
 * channels. Include after <thread.h>; link with -lthread.
 */
#ifndef _THREAD9_FILE2CHAN_H_
#define _THREAD9_FILE2CHAN_H_ 1

#ifdef __cplusplus
extern "C" {
#endif

typedef struct Channel Channel;

typedef struct FileIO {
	Channel	*read;		/* of Fileread: one per client read */
	Channel	*write;		/* of Filewrite: one per client write */
	char	*path;		/* the file's full path */
	void	*priv;		/* the library's */
} FileIO;

typedef struct Fileread {
	long long offset;
	long	count;		/* at most this many bytes */
	int	fid;		/* which open; unique, never reused */
	Channel	*rc;		/* of Readreply; nil: the client closed (no reply) */
} Fileread;

typedef struct Filewrite {
	long long offset;
	unsigned char *data;	/* valid until the reply */
	long	count;
	int	fid;
	Channel	*wc;		/* of Writereply; nil: the client closed (no reply) */
} Filewrite;

typedef struct Readreply {
	void	*data;		/* copied before send returns */
	long	count;
	char	*err;		/* nil or "": success; else the read fails */
} Readreply;

typedef struct Writereply {
	long	count;		/* bytes taken */
	char	*err;
} Writereply;

FileIO	*file2chan(char *dir, char *file);
int	file2chanclose(FileIO*);
int	file2chantimeout(FileIO*, int ms);	/* thread9: unanswered requests fail ETIMEDOUT */

#ifdef __cplusplus
}
#endif
#endif
