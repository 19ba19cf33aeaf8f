/* thread9 utf.h: Runes and UTF-8 (plan9port's utf.h names). */
#ifndef _UTF_H_
#define _UTF_H_ 1
#if defined(__cplusplus)
extern "C" {
#endif

typedef unsigned int Rune;	/* 32 bits */

enum
{
	UTFmax = 4,		/* maximum bytes per rune */
	Runesync = 0x80,	/* cannot represent part of a UTF sequence (<) */
	Runeself = 0x80,	/* rune and UTF sequences are the same (<) */
	Runeerror = 0xFFFD,	/* decoding error in UTF */
	Runemax = 0x10FFFF	/* maximum rune value */
};

int chartorune(Rune *rune, char *str);
int runetochar(char *str, Rune *rune);
int runelen(long c);
int fullrune(char *str, int n);
int utflen(char *s);
int utfnlen(char *s, long m);
char *utfrune(char *s, long c);
char *utfrrune(char *s, long c);
char *utfecpy(char *to, char *e, char *from);
long runestrlen(Rune *s);

#if defined(__cplusplus)
}
#endif
#endif
