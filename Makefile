# thread9 — build, test and install libthread.so / libthread.a.
#
#   make                 build build/libthread.so{,.0,.0.1.0}, build/libthread.a and
#                        build/plan9port/libthread.a (the drop-in for plan9port, README)
#   make setup example   install missing build tools (Debian), build, run examples/hello.c
#   make test            cargo test, the C tests, ABI/export/man/install/standalone checks
#   make install         (honours prefix, exec_prefix, libdir, includedir, mandir,
#                         pkgconfigdir, datadir and DESTDIR); make uninstall undoes it
#   make deb             Debian packages in build/deb/ (debian/; lintian-checked)
#   make bench           the benchmark table (benches/README.md)
#   make check-asan check-tsan check-valgrind stress   run tests/check-tool.sh, tests/stress.sh

prefix ?= /usr/local
exec_prefix ?= $(prefix)
libdir ?= $(exec_prefix)/lib
includedir ?= $(prefix)/include
datarootdir ?= $(prefix)/share
datadir ?= $(datarootdir)
mandir ?= $(datarootdir)/man
pkgconfigdir ?= $(libdir)/pkgconfig
cmakedir ?= $(libdir)/cmake/thread9
DESTDIR ?=
CC ?= cc
CFLAGS ?= -O2 -g
CARGO ?= cargo
PROFILE ?= release
VERSION = 0.1.0
SOMAJOR = 0

# cargo's output; CARGO_TARGET_DIR moves it (make deb shares this tree's).
T = $(or $(CARGO_TARGET_DIR),target)/$(PROFILE)
OUT = build
CARGOFLAGS = $(if $(filter release,$(PROFILE)),--release,)
# rustc's LTO objects carry LLVM bitcode that binutils' LTO plugin cannot read (it
# belongs to a different LLVM); the plugin only adds noise, so keep it out of ar.
ARPLUGIN = $(shell ar --help 2>/dev/null | grep -q -- --plugin && echo "--plugin /dev/null")

export CC CFLAGS CARGO

.PHONY: all lib setup example examples test cargotest ctest ctest-static abitest exporttest headertest mantest \
	installtest dropintest standalonetest layerstest versiontest lint deb clean install uninstall check-asan check-tsan check-valgrind \
	stress FORCE

all: lib

lib: $(OUT)/libthread.so $(OUT)/libthread.a $(OUT)/plan9port/libthread.a $(OUT)/thread9.pc $(OUT)/cmake/thread9Config.cmake

# One rustc run builds both libraries (cargo decides what to rebuild; the copies below
# are cheap). The crate types are named here, without the rlib of Cargo.toml: with an
# rlib among them, rustc leaves the staticlib without the fat-LTO code (its Rust member
# needs std objects the archive does not hold, so nothing links against it), and the
# cdylib it makes is no faster. main.o (main, p9main) is appended to the archive: it is
# not part of the Rust archive, and cargo's test binaries must not see it.
$(OUT)/libthread.so: FORCE
	$(CARGO) rustc $(CARGOFLAGS) --lib --crate-type cdylib --crate-type staticlib
	@mkdir -p $(OUT)
	@# Replace, never overwrite in place: a running program maps the old file.
	@cmp -s $(T)/libthread.so $(OUT)/libthread.so.$(VERSION) || \
		{ cp -f $(T)/libthread.so $(OUT)/libthread.so.tmp && \
		mv -f $(OUT)/libthread.so.tmp $(OUT)/libthread.so.$(VERSION) && \
		echo "updated $(OUT)/libthread.so.$(VERSION)"; }
	ln -sf libthread.so.$(VERSION) $(OUT)/libthread.so.$(SOMAJOR)
	ln -sf libthread.so.$(SOMAJOR) $(OUT)/libthread.so
	@# gdb auto-loads OBJFILE-gdb.py beside the library (docs/DEBUGGING.md).
	@cmp -s tools/libthread-gdb.py $(OUT)/libthread.so.$(VERSION)-gdb.py || \
		cp -f tools/libthread-gdb.py $(OUT)/libthread.so.$(VERSION)-gdb.py

$(OUT)/libthread.a: $(OUT)/libthread.so FORCE
	@mkdir -p $(OUT)
	cp -f $(T)/libthread.a $(OUT)/libthread.a.tmp
	ar rcs $(ARPLUGIN) $(OUT)/libthread.a.tmp $$(ls -t $(T)/build/thread9-*/out/main.o | head -1)
	mv -f $(OUT)/libthread.a.tmp $(OUT)/libthread.a
	@mkdir -p $(OUT)/static
	@ln -sf ../libthread.a $(OUT)/static/libthread.a

# The drop-in for $PLAN9/lib/libthread.a: a copy without lib9's names, to be linked with
# plan9port's lib9.a (tools/p9dropin.sh says how; README, "Replacing plan9port's
# libthread"). Remade with libthread.a; it takes a fraction of a second.
$(OUT)/plan9port/libthread.a: $(OUT)/libthread.a FORCE
	@sh tools/p9dropin.sh $(OUT)/libthread.a $(OUT)/libthread.so $@

# Regenerated every time: the prefix variables may differ from the last run.
$(OUT)/thread9.pc: thread9.pc.in FORCE
	@mkdir -p $(OUT)
	@sh tools/mkpc.sh thread9.pc.in '$(prefix)' '$(exec_prefix)' '$(libdir)' '$(includedir)' '$(VERSION)' >$@.tmp
	@mv -f $@.tmp $@

# The CMake package (thread9::thread9), found relative to its own place.
$(OUT)/cmake/thread9Config.cmake: cmake/thread9Config.cmake.in cmake/thread9ConfigVersion.cmake.in FORCE
	@sh tools/mkcmake.sh $(OUT)/cmake '$(prefix)' '$(libdir)' '$(includedir)' '$(cmakedir)' '$(VERSION)' '$(SOMAJOR)'

FORCE:

# Install what a fresh machine lacks (Debian). Rust itself comes with the machine.
setup:
	@sh tools/setup.sh

# Builds every example against the freshly built library and runs hello.
example examples: lib
	@mkdir -p $(OUT)/examples
	@for f in examples/*.c; do \
		n=$$(basename $$f .c); \
		if sh tools/skipped.sh $$n $(OUT)/libthread.so; then continue; fi; \
		echo "$(CC) -o $(OUT)/examples/$$n $$f"; \
		$(CC) $(CFLAGS) -Iinclude/thread9 -o $(OUT)/examples/$$n $$f \
			-L$(OUT) -lthread -Wl,-rpath,$(CURDIR)/$(OUT) || exit 1; \
	done
	$(OUT)/examples/hello

# ctest runs abi_layout (the struct layout check) with the other C tests.
test: lib cargotest ctest ctest-static exporttest dropintest headertest mantest installtest standalonetest layerstest \
	versiontest lint benchcheck

cargotest:
	$(CARGO) test $(CARGOFLAGS) -q

.PHONY: bench benchcheck
benchcheck: lib
	sh benches/check.sh $(OUT)

bench: lib
	sh benches/run.sh

ctest: lib
	sh ctests/run.sh $(OUT)

# The same C tests linked with libthread.a: $(OUT)/static holds only the archive, so
# -lthread finds no .so there (issue 4: the static library must work too).
# Left out: p9_interop links a stand-in for plan9port's lib9.a, which defines lock,
# qlock, ... and the hook variables itself; libthread.a's Rust code is one archive
# member defining them too, so that combination cannot link statically (use the .so,
# or build/plan9port/libthread.a: dropintest links it with that stand-in).
STATIC_SKIP = p9_interop
ctest-static: lib
	CTEST_SKIP="$(STATIC_SKIP)" CTEST_SKIP_WHY="cannot link statically (Makefile: STATIC_SKIP)" sh ctests/run.sh $(OUT)/static

# Struct layouts against plan9port's (docs/API.md, binary layouts).
abitest: lib
	sh ctests/run.sh $(OUT) abi_layout

exporttest: lib
	sh tests/exports.sh $(OUT)/libthread.so

# The drop-in archive: its symbols, and C tests linked with it and a stand-in lib9.a.
dropintest: lib
	sh tests/dropin.sh $(OUT)

headertest:
	sh tests/headers.sh

mantest: lib
	sh tests/man.sh $(OUT)/libthread.so

installtest: lib
	sh tests/install.sh

# Debian packages libthread0 and libthread9-dev in build/deb/, checked by lintian
# (tools/mkdeb.sh). Minutes: .ci/run calls it after make test.
deb:
	sh tools/mkdeb.sh

# Cargo.toml, VERSION, thread.h, thread9_version() and the changelogs agree.
versiontest: lib
	sh tests/version.sh $(OUT)

# No file cites a document outside the repository (docs/ holds the repository's own).
standalonetest:
	sh tests/standalone.sh

# Each folder of src/ imports only from the layers below it (docs/ARCHITECTURE.md).
layerstest:
	python3 tools/layers.py src

# Formatting (rustfmt.toml) and clippy, warnings as errors (the crate's lint levels are
# in src/lib.rs: unsafe_op_in_unsafe_fn, undocumented_unsafe_blocks, missing_safety_doc).
lint:
	$(CARGO) fmt --check
	$(CARGO) clippy $(CARGOFLAGS) --all-targets -q -- -D warnings

install: lib
	@sh tools/install.sh install \
		DESTDIR='$(DESTDIR)' prefix='$(prefix)' libdir='$(libdir)' includedir='$(includedir)' \
		mandir='$(mandir)' pkgconfigdir='$(pkgconfigdir)' cmakedir='$(cmakedir)' datadir='$(datadir)' \
		VERSION='$(VERSION)' SOMAJOR='$(SOMAJOR)' OUT='$(OUT)'

uninstall:
	@sh tools/install.sh uninstall \
		DESTDIR='$(DESTDIR)' prefix='$(prefix)' libdir='$(libdir)' includedir='$(includedir)' \
		mandir='$(mandir)' pkgconfigdir='$(pkgconfigdir)' cmakedir='$(cmakedir)' datadir='$(datadir)' \
		VERSION='$(VERSION)' SOMAJOR='$(SOMAJOR)' OUT='$(OUT)'

# Hooks for the reliability scripts (bench and benchcheck, above, run benches/).
# A missing script is an error, never a silent pass.
hook = @if [ -f $(1) ]; then sh $(1) $(2); else \
	echo "make $@: $(1) does not exist yet (it comes with the $(3) work); nothing was checked" >&2; exit 2; fi

check-asan: lib
	$(call hook,tests/check-tool.sh,asan,reliability)

check-tsan: lib
	$(call hook,tests/check-tool.sh,tsan,reliability)

check-valgrind: lib
	$(call hook,tests/check-tool.sh,valgrind,reliability)

stress: lib
	$(call hook,tests/stress.sh,,reliability)

clean:
	$(CARGO) clean
	rm -rf $(OUT)
