/*
 * thread9 lib9.h: included by libc.h. plan9port's renaming and the lib9 function
 * subset (spec/API.md §E). The renames are textual, as in plan9port's libc.h.
 */
#ifndef _THREAD9_LIB9_H_
#define _THREAD9_LIB9_H_ 1

#ifndef NOPLAN9DEFINES
#define main p9main
#define atoi p9atoi
#define sleep p9sleep
#define dup p9dup
#endif

extern int p9main(int, char**);
extern int p9atoi(char*);
extern int p9sleep(long);
extern int p9dup(int, int);
extern void sysfatal(char*, ...);
extern void werrstr(char*, ...);
extern int errstr(char*, unsigned int);
extern void rerrstr(char*, unsigned int);
extern void exits(char*);
extern void _exits(char*);
extern int p9atexit(void(*)(void));
extern void p9atexitdont(void(*)(void));
#ifndef NOPLAN9DEFINES
#define atexit p9atexit
#define atexitdont p9atexitdont
#endif

#endif
