/* thread9 fmt.h: Plan 9 formatted printing (plan9port's Fmt layout, spec/API.md §B). */
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

#if defined(__cplusplus)
}
#endif
#endif
