/*
 * thread9 u.h: the basic Plan 9 types, as plan9port's u.h defines them (LP64 Linux).
 * Programs include <u.h> then <libc.h> then <thread.h>.
 */
#ifndef _U_H_
#define _U_H_ 1
#if defined(__cplusplus)
extern "C" {
#endif

#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
#include <errno.h>
#include <signal.h>
#include <setjmp.h>
#include <ctype.h>
#include <time.h>
#include <sys/types.h>
#include <sys/stat.h>
/* Before libc.h's renames (wait, time, …), so including these later is harmless. */
#include <sys/wait.h>
#include <sys/time.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <inttypes.h>
#include <assert.h>

typedef signed char schar;
typedef unsigned char uchar;
typedef unsigned short ushort;
typedef unsigned int uint;
typedef unsigned long ulong;
typedef long long vlong;
typedef unsigned long long uvlong;
typedef uintptr_t uintptr;
typedef intptr_t intptr;
typedef uint8_t u8int;
typedef uint16_t u16int;
typedef uint32_t u32int;
typedef uint64_t u64int;
typedef int8_t s8int;
typedef int16_t s16int;
typedef int32_t s32int;
typedef int64_t s64int;

#undef nil
#define nil ((void*)0)
#define nelem(x) (sizeof(x)/sizeof((x)[0]))
#ifndef offsetof
#define offsetof(s, m) (ulong)(&(((s*)0)->m))
#endif

/* plan9port marks the libraries a program needs; 9l reads these from nm. */
#define AUTOLIB(x) int __p9l_autolib_ ## x __attribute__ ((weak));
#define AUTOFRAMEWORK(x)

#if defined(__cplusplus)
}
#endif
#endif
