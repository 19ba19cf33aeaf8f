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
int runenlen(Rune *r, int nrune);
char *utfutf(char *s1, char *s2);
long runestrlen(Rune *s);
Rune *runestrcat(Rune *s1, Rune *s2);
Rune *runestrchr(Rune *s, Rune c);
int runestrcmp(Rune *s1, Rune *s2);
Rune *runestrcpy(Rune *s1, Rune *s2);
Rune *runestrdup(Rune *s);
Rune *runestrecpy(Rune *s1, Rune *es1, Rune *s2);	/* returns the pointer to the 0 */
Rune *runestrncat(Rune *s1, Rune *s2, long n);
int runestrncmp(Rune *s1, Rune *s2, long n);
Rune *runestrncpy(Rune *s1, Rune *s2, long n);
Rune *runestrrchr(Rune *s, Rune c);
Rune *runestrstr(Rune *s1, Rune *s2);
int isalpharune(Rune c);
int islowerrune(Rune c);
int isupperrune(Rune c);
int isspacerune(Rune c);
Rune tolowerrune(Rune c);
Rune toupperrune(Rune c);

#if defined(__cplusplus)
}
#endif
#endif
