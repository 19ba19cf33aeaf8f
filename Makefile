# thread9 — build, test and install libthread.so / libthread.a.
# GNU conventions: prefix, exec_prefix, libdir, includedir, mandir, pkgconfigdir, DESTDIR.

prefix ?= /usr/local
exec_prefix ?= $(prefix)
libdir ?= $(exec_prefix)/lib
includedir ?= $(prefix)/include
mandir ?= $(prefix)/share/man
pkgconfigdir ?= $(libdir)/pkgconfig
CC ?= cc
CFLAGS ?= -O2 -g
CARGO ?= cargo
PROFILE ?= release
VERSION = 0.1.0

T = target/$(PROFILE)
OUT = build
CARGOFLAGS = $(if $(filter release,$(PROFILE)),--release,)

.PHONY: all lib setup test ctest cargotest abitest clean install uninstall example

all: lib

lib: $(OUT)/libthread.so $(OUT)/libthread.a

# cargo decides what to rebuild; the copies below are cheap.
$(OUT)/libthread.so $(OUT)/libthread.a: FORCE
	$(CARGO) build $(CARGOFLAGS) --lib
	@mkdir -p $(OUT)
	cp -f $(T)/libthread.so $(OUT)/libthread.so.$(VERSION)
	ln -sf libthread.so.$(VERSION) $(OUT)/libthread.so.0
	ln -sf libthread.so.0 $(OUT)/libthread.so
	cp -f $(T)/libthread.a $(OUT)/libthread.a
	ar rcs $(OUT)/libthread.a $$(ls -t $(T)/build/thread9-*/out/main.o | head -1)

FORCE:

# Install what a fresh machine lacks (Debian). Rust itself comes with the machine.
setup:
	@sh tools/setup.sh

example: lib
	$(CC) -Iinclude/thread9 -o $(OUT)/hello examples/hello.c -L$(OUT) -lthread -Wl,-rpath,$(CURDIR)/$(OUT)
	$(OUT)/hello

test: lib cargotest ctest benchcheck

cargotest:
	$(CARGO) test $(CARGOFLAGS) -q

.PHONY: bench benchcheck
benchcheck: lib
	sh benches/check.sh $(OUT)

bench: lib
	sh benches/run.sh

ctest: lib
	sh ctests/run.sh $(OUT)

clean:
	$(CARGO) clean
	rm -rf $(OUT)
