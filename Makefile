# crm - composable CRM utilities.  See README.md.
#
#   make              library and programs (bin/)
#   make check        the whole test suite
#   make asan         the suite under AddressSanitizer + UBSan (build-asan/)
#   make fuzz-smoke   a short run of every fuzz target (clang, libFuzzer)
#   make demo         a pipeline over the bundled sample data
#   make bench        benchmarks against jq, mlr, sqlite3 (not tests)
#   make install PREFIX=/usr/local DESTDIR=    /    make uninstall

VERSION   = 0.1.0
SOVERSION = 0

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
LIBDIR   = $(PREFIX)/lib
INCDIR   = $(PREFIX)/include
MANDIR   = $(PREFIX)/share/man
DATADIR  = $(PREFIX)/share/crm
PCDIR    = $(LIBDIR)/pkgconfig

CC      ?= cc
PKG_CONFIG ?= pkg-config
PKGS     = sqlite3 jansson zlib
CFLAGS  ?= -O2 -g
WARNINGS = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wpointer-arith -Wformat=2 -Wvla
# Recursively expanded: asked when a recipe runs, after install-deps.
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -DCRM_VERSION='"$(VERSION)"' \
             -DCRM_SHARE_DIR='"$(DATADIR)"' \
             -Iinclude -Ilib $(PKG_CFLAGS) $(WARNINGS) -fPIC \
             -fvisibility=hidden $(CFLAGS)
LIBS       = $(PKG_LIBS) -lm

BUILD ?= build
BIN   ?= bin

LIB_SRC  = $(sort $(wildcard lib/*.c))
LIB_OBJ  = $(LIB_SRC:lib/%.c=$(BUILD)/obj/%.o)
LIB_HDR  = $(wildcard include/crm/*.h lib/*.h)
PROGS    = $(patsubst cmd/%.c,$(BIN)/%,$(sort $(wildcard cmd/*.c)))
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
UNITS    = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC = $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_RUN = $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%-run)
STATIC   = $(BUILD)/libcrm.a
SHARED   = $(BUILD)/libcrm.so.$(SOVERSION)
SHARED_REAL = $(SHARED).1.0

all: $(PROGS) $(STATIC) $(SHARED)

# A fresh machine gets its packages before the first compile: everything
# that compiles depends on this stamp, order-only, and it is remade when
# install-deps changes.  The fuzzing packages come after the others, so
# that two apt-get runs never race for the lock under make -j.
DEPS_STAMP = $(BUILD)/.deps
$(DEPS_STAMP): scripts/install-deps
	@mkdir -p $(@D)
	scripts/install-deps
	@touch $@
$(BUILD)/.deps-fuzz: scripts/install-deps | $(DEPS_STAMP)
	@mkdir -p $(@D)
	scripts/install-deps --fuzz
	@touch $@

$(BUILD)/obj/%.o: lib/%.c $(LIB_HDR) | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(STATIC): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(SHARED_REAL): $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) -shared -Wl,-soname,libcrm.so.$(SOVERSION) \
	    -o $@ $(LIB_OBJ) $(LDFLAGS) $(LIBS)

$(SHARED): $(SHARED_REAL)
	ln -sf $(notdir $(SHARED_REAL)) $@
	ln -sf $(notdir $(SHARED_REAL)) $(BUILD)/libcrm.so

# Programs link libcrm statically: one file to copy, nothing to resolve
# at start-up in a cron job.  The shared library is for other programs.
# A program with many verbs keeps some of them in cmd/<program>/*.c.
.SECONDEXPANSION:
$(BIN)/%: cmd/%.c $$(wildcard cmd/$$*/*.c cmd/$$*/*.h) $(STATIC) $(LIB_HDR) \
    | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $(filter %.c,$^) $(STATIC) $(LDFLAGS) $(LIBS)

# Unit tests link the shared library, so that the exported API is what
# they exercise.
$(BUILD)/tests/%: tests/unit/%.c tests/unit/t.h $(SHARED) $(LIB_HDR) \
    | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< -L$(BUILD) -lcrm \
	    -Wl,-rpath,$(abspath $(BUILD)) $(LDFLAGS) $(LIBS)

# Tools of the CLI tests: pngmarks counts the marks of a chart in a
# browser's screenshot (tests/cli/report-html.t).
TEST_TOOLS = $(BUILD)/tests/pngmarks
$(BUILD)/tests/pngmarks: tests/cli/pngmarks.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LDFLAGS) $(LIBS)

# Fuzz targets, built with a plain driver that replays the seed corpus
# (runs under any compiler, in make check) ...
$(BUILD)/fuzz/%-run: tests/fuzz/%.c tests/fuzz/replay.c $(STATIC) \
    $(wildcard tests/fuzz/*.h) | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< tests/fuzz/replay.c $(STATIC) \
	    $(LDFLAGS) $(LIBS)

units: $(UNITS) $(TEST_TOOLS)
fuzz-replay: $(FUZZ_RUN)

# The suite ends with a short libFuzzer run of every target.
CHECK_FUZZ_SECONDS ?= 5
check: all units fuzz-replay $(BUILD)/.deps-fuzz
	BIN=$(abspath $(BIN)) BUILD=$(abspath $(BUILD)) \
	FUZZ_SECONDS=$(CHECK_FUZZ_SECONDS) tests/run.sh

# ... and with libFuzzer for real fuzzing.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 10
fuzz-smoke: $(BUILD)/.deps-fuzz
	BUILD=$(abspath $(BUILD)) FUZZ_CC="$(FUZZ_CC)" \
	FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/smoke.sh

SAN = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
      -fno-sanitize-recover=all
asan:
	$(MAKE) BUILD=build-asan BIN=build-asan/bin CFLAGS="$(SAN)" \
	    LDFLAGS="-fsanitize=address,undefined" CHECK_FUZZ_SECONDS=0 check

demo: all
	BIN=$(abspath $(BIN)) scripts/demo.sh

bench: all
	$(MAKE) -C bench

libcrm.pc: libcrm.pc.in Makefile
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCDIR@|$(INCDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    libcrm.pc.in > $@

install: all libcrm.pc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) \
	    $(DESTDIR)$(INCDIR)/crm $(DESTDIR)$(PCDIR) $(DESTDIR)$(DATADIR) \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)
	install -m 644 $(STATIC) $(DESTDIR)$(LIBDIR)
	install -m 755 $(SHARED_REAL) $(DESTDIR)$(LIBDIR)
	ln -sf $(notdir $(SHARED_REAL)) $(DESTDIR)$(LIBDIR)/libcrm.so.$(SOVERSION)
	ln -sf libcrm.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libcrm.so
	install -m 644 include/crm/*.h $(DESTDIR)$(INCDIR)/crm
	install -m 644 libcrm.pc $(DESTDIR)$(PCDIR)
	cp -R share/crm/. $(DESTDIR)$(DATADIR)
	for s in 1 3 5 7; do \
	    for f in man/man$$s/*.$$s; do [ -e "$$f" ] || continue; \
	        install -m 644 "$$f" $(DESTDIR)$(MANDIR)/man$$s; done; done
	-[ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && ldconfig

uninstall:
	for p in $(notdir $(PROGS)); do rm -f $(DESTDIR)$(BINDIR)/$$p; done
	rm -f $(DESTDIR)$(LIBDIR)/libcrm.a $(DESTDIR)$(LIBDIR)/libcrm.so* \
	    $(DESTDIR)$(PCDIR)/libcrm.pc
	rm -rf $(DESTDIR)$(INCDIR)/crm $(DESTDIR)$(DATADIR)
	for s in 1 3 5 7; do \
	    for f in man/man$$s/*.$$s; do [ -e "$$f" ] || continue; \
	        rm -f $(DESTDIR)$(MANDIR)/man$$s/$$(basename $$f); done; done

clean:
	rm -rf build build-asan bin libcrm.pc
	[ ! -f bench/Makefile ] || $(MAKE) -C bench clean

.PHONY: all units fuzz-replay check fuzz-smoke asan demo bench install \
        uninstall clean
.SECONDARY:
