/*
 * thread9_version: the library's version, "MAJOR.MINOR.PATCH", from thread.h's
 * THREAD9_VERSION_* (tests/version.sh checks they agree with Cargo.toml, the
 * Makefile's VERSION and CHANGELOG.md).
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

#define T9STR_(x)	#x
#define T9STR(x)	T9STR_(x)

char*
thread9_version(void)
{
	return T9STR(THREAD9_VERSION_MAJOR) "." T9STR(THREAD9_VERSION_MINOR) "." T9STR(THREAD9_VERSION_PATCH);
}
