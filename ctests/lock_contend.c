/*
 * Locks under contention from several procs and several threads per proc:
 * QLock and Lock counters, RWLock exclusion, a Rendez-based bounded buffer,
 * FIFO hand-off, can*lock results, threadint/threadkill of a qlock waiter.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

enum
{
	NPROC = 4,
	NTHR = 4,
	NITER = 2000,
	NITEM = 5000
};

QLock q;
Lock l;
RWLock rw;
long qcount, lcount;
int writing, violations;
Channel *done;

void
worker(void *v)
{
	int i;
	long x;

	USED(v);
	for(i = 0; i < NITER; i++){
		qlock(&q);
		x = qcount;
		if(i%7 == 0)
			yield();	/* others of this proc now queue on q */
		qcount = x+1;
		qunlock(&q);
		lock(&l);
		lcount++;
		unlock(&l);
		if(i%3 == 0){
			wlock(&rw);
			writing = 1;
			yield();
			writing = 0;
			wunlock(&rw);
		}else{
			rlock(&rw);
			if(writing)
				violations++;
			yield();
			if(writing)
				violations++;
			runlock(&rw);
		}
	}
	sendul(done, 1);
}

void
procmain(void *v)
{
	int i;

	USED(v);
	for(i = 1; i < NTHR; i++)
		threadcreate(worker, nil, 65536);
	worker(nil);
}

/* Bounded buffer: producers and consumers in different procs. */
QLock bl;
Rendez full, empty;
int buf[8], nbuf, rd, wr;
long consumed;

void
producer(void *v)
{
	int i;

	USED(v);
	for(i = 1; i <= NITEM; i++){
		qlock(&bl);
		while(nbuf == nelem(buf))
			rsleep(&full);
		buf[wr] = i;
		wr = (wr+1)%nelem(buf);
		nbuf++;
		rwakeup(&empty);
		qunlock(&bl);
	}
	sendul(done, 1);
}

void
consumer(void *v)
{
	int i;

	USED(v);
	for(i = 0; i < NITEM; i++){
		qlock(&bl);
		while(nbuf == 0)
			rsleep(&empty);
		consumed += buf[rd];
		rd = (rd+1)%nelem(buf);
		nbuf--;
		rwakeupall(&full);
		qunlock(&bl);
	}
	sendul(done, 1);
}

/* FIFO hand-off within one proc. */
QLock fq;
char order[8];
int norder;

void
queuer(void *v)
{
	qlock(&fq);
	order[norder++] = (char)(uintptr)v;
	qunlock(&fq);
	sendul(done, 1);
}

QLock kq;
int victimgot;

void
victim(void *v)
{
	USED(v);
	qlock(&kq);
	victimgot = 1;
	qunlock(&kq);
	sendul(done, 1);
}

void
threadmain(int argc, char **argv)
{
	int i, id;

	USED(argc);
	USED(argv);
	done = chancreate(sizeof(ulong), NPROC*NTHR);
	for(i = 0; i < NPROC; i++)
		proccreate(procmain, nil, 65536);
	for(i = 0; i < NPROC*NTHR; i++)
		recvul(done);
	print("qlock count %ld want %d\n", qcount, NPROC*NTHR*NITER);
	print("lock count %ld want %d\n", lcount, NPROC*NTHR*NITER);
	print("rwlock violations %d\n", violations);

	full.l = &bl;
	empty.l = &bl;
	proccreate(producer, nil, 65536);
	proccreate(consumer, nil, 65536);
	proccreate(producer, nil, 65536);
	threadcreate(consumer, nil, 65536);
	for(i = 0; i < 4; i++)
		recvul(done);
	print("consumed %ld want %ld\n", consumed, 2L*NITEM*(NITEM+1)/2);

	qlock(&fq);
	threadcreate(queuer, (void*)'a', 65536);
	threadcreate(queuer, (void*)'b', 65536);
	threadcreate(queuer, (void*)'c', 65536);
	yield();
	yield();
	qunlock(&fq);
	for(i = 0; i < 3; i++)
		recvul(done);
	print("fifo order %s\n", order);

	qlock(&q);
	print("canqlock held %d\n", canqlock(&q));
	qunlock(&q);
	print("canqlock free %d\n", canqlock(&q));
	qunlock(&q);
	lock(&l);
	print("canlock held %d\n", canlock(&l));
	unlock(&l);
	rlock(&rw);
	print("canrlock with reader %d canwlock with reader %d\n", canrlock(&rw), canwlock(&rw));
	runlock(&rw);
	runlock(&rw);
	wlock(&rw);
	print("canrlock with writer %d\n", canrlock(&rw));
	wunlock(&rw);

	/* threadint does not break a qlock wait; threadkill ends the waiter. */
	qlock(&kq);
	id = threadcreate(victim, nil, 65536);
	yield();
	threadint(id);
	yield();
	print("interrupted waiter got lock early %d\n", victimgot);
	qunlock(&kq);
	recvul(done);
	print("interrupted waiter got lock %d\n", victimgot);
	victimgot = 0;
	qlock(&kq);
	id = threadcreate(victim, nil, 65536);
	yield();
	threadkill(id);
	yield();
	qunlock(&kq);
	yield();
	print("killed waiter got lock %d\n", victimgot);
	print("lock free after kill %d\n", canqlock(&kq));
	threadexitsall(nil);
}
