/* thread9 fmt.h: Plan 9 formatted printing (plan9port's Fmt layout). */
#ifndef _FMT_H_
#define _FMT_H_ 1
#if defined(__cplusplus)
extern "C" {
#endif

#include <stdarg.h>
#include <utf.h>

typedef struct Fmt Fmt;
struct Fmt
{
	unsigned char runes;	/* output buffer is runes or chars? */
	void *start;		/* of buffer */
	void *to;		/* current place in the buffer */
	void *stop;		/* end of the buffer; overwritten if flush fails */
	int (*flush)(Fmt*);	/* called when to == stop */
	void *farg;		/* to make flush a closure */
	int nfmt;		/* num chars formatted so far */
	va_list args;		/* args passed to dofmt */
	Rune r;			/* % format Rune */
	int width;
	int prec;
	unsigned long flags;
	char *decimal;		/* decimal point; cannot be "" */
	char *thousands;	/* separator for thousands */
	char *grouping;		/* thousands grouping */
};

enum
{
	FmtWidth = 1,
	FmtLeft = FmtWidth << 1,
	FmtPrec = FmtLeft << 1,
	FmtSharp = FmtPrec << 1,
	FmtSpace = FmtSharp << 1,
	FmtSign = FmtSpace << 1,
	FmtApost = FmtSign << 1,
	FmtZero = FmtApost << 1,
	FmtUnsigned = FmtZero << 1,
	FmtShort = FmtUnsigned << 1,
	FmtLong = FmtShort << 1,
	FmtVLong = FmtLong << 1,
	FmtComma = FmtVLong << 1,
	FmtByte = FmtComma << 1,
	FmtLDouble = FmtByte << 1,
	FmtFlag = FmtLDouble << 1
};

/*
 * Verbs (Plan 9 semantics): d i o x X b(binary) p(hex, no 0x)
 * c(byte) C(Rune) s S(Rune*) e f g E G r(errstr, no argument) n %%; after
 * quotefmtinstall, q Q. Flags: - + # 0 space , ' and h hh l ll; u is the "unsigned"
 * flag (%ud %lux) and, when nothing that could use it follows, C's %u.
 * Unknown verbs print as %verb% and take no argument; a lone % at the end of the
 * format prints nothing. %s and %S widths and precisions count runes; in %s a
 * malformed UTF-8 byte prints as U+FFFD; %c prints its byte unchanged.
 * Floats print from the shortest digits that read back as the same double, rounded
 * half up (Plan 9: %.2f of 2.675 is 2.68, %.0f of 2.5 is 3; digits beyond the
 * shortest form print as 0); infinities and NaN print as +Inf -Inf NaN; %lf is %f.
 * print, fprint and vfprint are unbuffered: each call's output goes out in one
 * write(2) (in 64 KiB pieces beyond that), so lines from many threads never mix.
 * fmtinstall refuses (returns -1, with a message) c outside 1..65535 and the
 * characters the parser owns: digits . * % and the flags space # + - , ' h l u.
 * Any other verb, built-in ones included, may be replaced; the latest install wins.
 * A nil format prints nothing: print/fprint/snprint… return -1 (snprint and seprint
 * leave an empty string, smprint returns nil), with a message on fd 2.
 */
extern int (*fmtdoquote)(int);

int dofmt(Fmt *f, char *fmt);
void fmtlocaleinit(Fmt *f, char *decimal, char *thousands, char *grouping);
int fmtrunestrcpy(Fmt *f, Rune *s);
int runefmtstrinit(Fmt *f);
Rune *runefmtstrflush(Fmt *f);
int quoterunestrfmt(Fmt *f);
int runesprint(Rune *buf, char *fmt, ...);
int runesnprint(Rune *buf, int len, char *fmt, ...);
Rune *runeseprint(Rune *buf, Rune *e, char *fmt, ...);
Rune *runesmprint(char *fmt, ...);
int runevsnprint(Rune *buf, int len, char *fmt, va_list args);
Rune *runevseprint(Rune *buf, Rune *e, char *fmt, va_list args);
Rune *runevsmprint(char *fmt, va_list args);

int print(char *fmt, ...);
int fprint(int fd, char *fmt, ...);
int sprint(char *buf, char *fmt, ...);
int snprint(char *buf, int len, char *fmt, ...);
char *seprint(char *buf, char *e, char *fmt, ...);
char *smprint(char *fmt, ...);
int vfprint(int fd, char *fmt, va_list args);
int vsnprint(char *buf, int len, char *fmt, va_list args);
char *vseprint(char *buf, char *e, char *fmt, va_list args);
char *vsmprint(char *fmt, va_list args);

int fmtinstall(int c, int (*f)(Fmt*));
int fmtprint(Fmt *f, char *fmt, ...);
int fmtvprint(Fmt *f, char *fmt, va_list args);
int fmtstrcpy(Fmt *f, char *s);
int fmtrune(Fmt *f, int r);
int fmtfdinit(Fmt *f, int fd, char *buf, int size);
int fmtfdflush(Fmt *f);
int fmtstrinit(Fmt *f);
char *fmtstrflush(Fmt *f);
void quotefmtinstall(void);
int quotestrfmt(Fmt *f);
/* As plan9port's libc.h declares them: quoting to and from malloc'd copies. */
char *quotestrdup(char *s);
Rune *quoterunestrdup(Rune *s);
char *unquotestrdup(char *s);
Rune *unquoterunestrdup(Rune *s);
int needsrcquote(int c);

#if defined(__cplusplus)
}
#endif
#endif
