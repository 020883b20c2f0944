# fokus — plain Makefile, out-of-tree build in build/.
#   make            build build/fokus
#   make check      install what is missing, build, run every test
#   make web-tsan   the server and threaded unit tests under ThreadSanitizer
#   make demo       install what is missing, build, run the demo on the sample company
#   make fuzz       run the fuzz targets (clang libFuzzer) for FUZZ_SECONDS each (60)
#   make fuzz-quick the same for 10 s each (part of make check)
#   make bench      the side-by-side benchmarks (see bench/run; BENCH_ARGS=1000000 for a quick one)
#   make format     clang-format every source file
#   make install    the binary, the man page fokus(1), bash completion and the
#                   systemd units under $(DESTDIR)$(PREFIX) (default /usr/local);
#                   make uninstall removes them
#   make deb        the Debian package (dpkg-buildpackage -b -us -uc) and lintian

VERSION   := 0.1.0
CC        ?= cc
B         := build
PKGS      := sqlite3 libmicrohttpd jansson xlsxwriter libzip expat libsodium libcrypto libcurl libcmark
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
WARN      := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
             -Wwrite-strings -Wpointer-arith -Wformat=2 -Wno-format-nonliteral
OPT       ?= -O2 -g
# make V=1 shows the whole compiler lines.
ifeq ($(V),1)
Q :=
SAY := @true
else
Q := @
SAY := @echo
endif
CFLAGS_ALL = -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) -Isrc -I$(B)/gen $(PKG_CFLAGS) \
             -DFOKUS_VERSION='"$(VERSION)"' $(EXTRA_CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lm -lpthread $(EXTRA_LDFLAGS)

SRC_ALL   := $(sort $(wildcard src/*.c src/*/*.c))
SRC_LIB   := $(filter-out src/main.c,$(SRC_ALL))
CMD_SRC   := $(sort $(wildcard src/cmd-*.c))
WEB_FILES := $(sort $(shell find web -type f ! -name '*.md' 2>/dev/null))
GEN_SRC   := $(B)/gen/schema.c $(B)/gen/commands.c $(B)/gen/assets.c $(B)/gen/postcodes.c

OBJ_LIB   := $(patsubst src/%.c,$(B)/obj/%.o,$(SRC_LIB)) $(patsubst $(B)/gen/%.c,$(B)/obj/gen/%.o,$(GEN_SRC))
UNIT_SRC  := $(sort $(wildcard tests/unit/test-*.c))
UNIT_BIN  := $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRC))

# The same library and unit tests, built a second time with sanitizers.
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
OBJ_SAN   := $(patsubst $(B)/obj/%,$(B)/san/%,$(OBJ_LIB))
UNIT_SAN  := $(patsubst tests/unit/%.c,$(B)/san-tests/%,$(UNIT_SRC))

# A third build with ThreadSanitizer: the server (build/fokus-tsan) for the
# concurrency test of tests/web, and the unit tests that run threads.
TSAN_FLAGS := -fsanitize=thread -fno-omit-frame-pointer
OBJ_TSAN   := $(patsubst $(B)/obj/%,$(B)/tsan/%,$(OBJ_LIB))
UNIT_TSAN  := $(B)/tsan-tests/test-vrp $(B)/tsan-tests/test-auth $(B)/tsan-tests/test-xlsxw

# Where `make install` puts things (GNU conventions; DESTDIR for staging).
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
SYSTEMDDIR ?= $(PREFIX)/lib/systemd/system
DOCDIR     ?= $(PREFIX)/share/doc/fokus
INSTALL    ?= install
UNITS      := $(sort $(wildcard contrib/systemd/*.service contrib/systemd/*.timer))

.PHONY: all check unit unit-san cli cli-san web-test web-tsan demo deps fuzz fuzz-quick fuzz-build bench format format-check design long-functions clean \
	install uninstall deb
all: $(B)/fokus $(B)/fokus.1 $(B)/fokus.bash

deps:
	@scripts/install-deps

$(B)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -o $@ $<

$(B)/gen/schema.c: src/store/schema.sql $(B)/tools/embed
	@mkdir -p $(dir $@)
	$(B)/tools/embed string store_schema_sql $< > $@.tmp && mv $@.tmp $@

$(B)/gen/postcodes.c: $(wildcard data/postcodes-se.tsv) $(B)/tools/embed
	@mkdir -p $(dir $@)
	@if [ -f data/postcodes-se.tsv ]; then \
		$(B)/tools/embed string geo_postcodes_tsv data/postcodes-se.tsv > $@.tmp; \
	else printf 'extern const char geo_postcodes_tsv[];\nconst char geo_postcodes_tsv[] = "";\n' > $@.tmp; fi
	@mv $@.tmp $@

$(B)/gen/assets.c: $(WEB_FILES) $(B)/tools/embed Makefile
	@mkdir -p $(dir $@)
	$(B)/tools/embed assets web_assets $(WEB_FILES) > $@.tmp && mv $@.tmp $@

# Every `const struct command cmd_NAME` in src/*.c becomes a row of the table.
$(B)/gen/commands.c: $(CMD_SRC) src/main.c Makefile
	@mkdir -p $(dir $@)
	@names=$$(grep -ho '^const struct command cmd_[a-z0-9_]*' $(CMD_SRC) src/main.c | sed 's/.* //' | sort -u); \
	{ echo '#include "cmd.h"'; \
	  for n in $$names; do echo "extern const struct command $$n;"; done; \
	  echo 'const struct command *const cmd_table[] = {'; \
	  for n in $$names; do echo "	&$$n,"; done; \
	  echo '};'; \
	  echo 'const unsigned cmd_count = sizeof(cmd_table) / sizeof(cmd_table[0]);'; } > $@.tmp && mv $@.tmp $@

$(B)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(SAY) "  CC      $<"
	$(Q)$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

$(B)/obj/gen/%.o: $(B)/gen/%.c
	@mkdir -p $(dir $@)
	$(SAY) "  CC      $<"
	$(Q)$(CC) $(CFLAGS_ALL) -Wno-missing-prototypes -Wno-overflow -c -o $@ $<

$(B)/obj/main.o: src/main.c
	@mkdir -p $(dir $@)
	$(SAY) "  CC      $<"
	$(Q)$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

$(B)/libfokus.a: $(OBJ_LIB)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(B)/fokus: $(B)/obj/main.o $(B)/libfokus.a
	$(SAY) "  LINK    $@"
	$(Q)$(CC) $(OPT) -o $@ $^ $(LDLIBS_ALL)

# The man page and the bash completion come from the program's own help
# text (src/helpgen.c), so they always say what `fokus help` says.
$(B)/fokus.1: $(B)/fokus
	$(SAY) "  MAN     $@"
	$(Q)$(B)/fokus help --man > $@.tmp && mv $@.tmp $@

$(B)/fokus.bash: $(B)/fokus
	$(SAY) "  BASHCMP $@"
	$(Q)$(B)/fokus help --bash-completion > $@.tmp && mv $@.tmp $@

install: $(B)/fokus $(B)/fokus.1 $(B)/fokus.bash
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR) \
		$(DESTDIR)$(SYSTEMDDIR) $(DESTDIR)$(DOCDIR)
	$(INSTALL) -m 755 $(B)/fokus $(DESTDIR)$(BINDIR)/fokus
	$(INSTALL) -m 644 $(B)/fokus.1 $(DESTDIR)$(MANDIR)/man1/fokus.1
	$(INSTALL) -m 644 $(B)/fokus.bash $(DESTDIR)$(BASHCOMPDIR)/fokus
	$(INSTALL) -m 644 $(UNITS) $(DESTDIR)$(SYSTEMDDIR)/
	$(INSTALL) -m 644 contrib/systemd/fokus.default $(DESTDIR)$(DOCDIR)/fokus.default
	$(INSTALL) -m 644 docs/*.md $(DESTDIR)$(DOCDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/fokus $(DESTDIR)$(MANDIR)/man1/fokus.1 \
		$(DESTDIR)$(BASHCOMPDIR)/fokus $(DESTDIR)$(DOCDIR)/fokus.default \
		$(addprefix $(DESTDIR)$(SYSTEMDDIR)/,$(notdir $(UNITS))) \
		$(addprefix $(DESTDIR)$(DOCDIR)/,$(notdir $(wildcard docs/*.md)))
	-rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null

# The Debian package, built from a clean copy of the committed tree in a
# temporary folder (dpkg-buildpackage writes next to the source), then
# checked with lintian. The .deb and the lintian report land in build/deb/.
deb:
	@scripts/install-deps --test
	@scripts/build-deb $(B)/deb

# --- unit tests -------------------------------------------------------------
$(B)/tests/%: tests/unit/%.c $(B)/libfokus.a tests/unit/testutil.h
	@mkdir -p $(dir $@)
	$(SAY) "  TEST    $@"
	$(Q)$(CC) $(CFLAGS_ALL) -Wno-missing-prototypes -Itests/unit $$(pkg-config --cflags cmocka) -o $@ $< $(B)/libfokus.a $(LDLIBS_ALL) $$(pkg-config --libs cmocka)

$(B)/san/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(SAY) "  CC      $<"
	$(Q)$(CC) $(CFLAGS_ALL) $(SAN_FLAGS) -O1 -MMD -MP -c -o $@ $<

$(B)/san/gen/%.o: $(B)/gen/%.c
	@mkdir -p $(dir $@)
	$(SAY) "  CC      $<"
	$(Q)$(CC) $(CFLAGS_ALL) $(SAN_FLAGS) -O1 -Wno-missing-prototypes -Wno-overflow -c -o $@ $<

$(B)/libfokus-san.a: $(OBJ_SAN)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(B)/san-tests/%: tests/unit/%.c $(B)/libfokus-san.a tests/unit/testutil.h
	@mkdir -p $(dir $@)
	$(SAY) "  TEST    $@"
	$(Q)$(CC) $(CFLAGS_ALL) $(SAN_FLAGS) -O1 -Wno-missing-prototypes -Itests/unit $$(pkg-config --cflags cmocka) -o $@ $< $(B)/libfokus-san.a $(LDLIBS_ALL) $$(pkg-config --libs cmocka)

unit: $(UNIT_BIN)
	@tests/run-unit $(UNIT_BIN)

unit-san: $(UNIT_SAN)
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 tests/run-unit $(UNIT_SAN)

$(B)/tsan/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(SAY) "  CC      $<"
	$(Q)$(CC) $(CFLAGS_ALL) $(TSAN_FLAGS) -O1 -MMD -MP -c -o $@ $<

$(B)/tsan/gen/%.o: $(B)/gen/%.c
	@mkdir -p $(dir $@)
	$(SAY) "  CC      $<"
	$(Q)$(CC) $(CFLAGS_ALL) $(TSAN_FLAGS) -O1 -Wno-missing-prototypes -Wno-overflow -c -o $@ $<

$(B)/libfokus-tsan.a: $(OBJ_TSAN)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(B)/fokus-tsan: $(B)/tsan/main.o $(B)/libfokus-tsan.a
	$(SAY) "  LINK    $@"
	$(Q)$(CC) $(TSAN_FLAGS) -o $@ $^ $(LDLIBS_ALL)

$(B)/tsan-tests/%: tests/unit/%.c $(B)/libfokus-tsan.a tests/unit/testutil.h
	@mkdir -p $(dir $@)
	$(SAY) "  TEST    $@"
	$(Q)$(CC) $(CFLAGS_ALL) $(TSAN_FLAGS) -O1 -Wno-missing-prototypes -Itests/unit $$(pkg-config --cflags cmocka) -o $@ $< $(B)/libfokus-tsan.a $(LDLIBS_ALL) $$(pkg-config --libs cmocka)

# The threaded unit tests and the server's concurrency test
# (tests/web/concurrency.tsan.mjs) under ThreadSanitizer: any report fails.
web-tsan: $(B)/fokus $(B)/fokus-tsan $(UNIT_TSAN)
	@TSAN_OPTIONS="halt_on_error=1 exitcode=66 suppressions=$(CURDIR)/tests/tsan.supp" tests/run-unit $(UNIT_TSAN)
	@FOKUS_WEB_TESTS=concurrency.tsan.mjs tests/web/run

cli: $(B)/fokus
	@tests/cli/run

# The CLI tests once more with fokus built with AddressSanitizer (with
# LeakSanitizer) and UBSan: any leak or undefined behaviour fails the test.
$(B)/fokus-san: $(B)/san/main.o $(B)/libfokus-san.a
	$(SAY) "  LINK    $@"
	$(Q)$(CC) $(SAN_FLAGS) -o $@ $^ $(LDLIBS_ALL)

cli-san: $(B)/fokus-san
	@FOKUS_BIN=$(B)/fokus-san ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 tests/cli/run

web-test: $(B)/fokus
	@if [ -x tests/web/run ]; then tests/web/run; fi

check:
	@scripts/install-deps --npm --fuzz --test
	@$(MAKE) --no-print-directory design
	@$(MAKE) --no-print-directory format-check
	@$(MAKE) --no-print-directory long-functions
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory unit-san
	@$(MAKE) --no-print-directory cli
	@$(MAKE) --no-print-directory cli-san
	@$(MAKE) --no-print-directory web-test
	@$(MAKE) --no-print-directory web-tsan
	@$(MAKE) --no-print-directory fuzz-quick

demo:
	@scripts/install-deps
	@$(MAKE) --no-print-directory all
	$(B)/fokus demo

# --- fuzzing (clang libFuzzer; see docs/robustness.md) -------------------
# The library is compiled a third time with clang, coverage instrumentation
# and ASan+UBSan; each tests/fuzz/fuzz-NAME.c becomes build/fuzz/fuzz-NAME.
FUZZ_CC      ?= $(shell command -v clang-14 2>/dev/null || command -v clang 2>/dev/null || echo clang)
FUZZ_SECONDS ?= 60
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS   = -std=c11 -D_GNU_SOURCE -g -O1 $(WARN) -Wno-error -Isrc -I$(B)/gen $(PKG_CFLAGS) \
                -DFOKUS_VERSION='"$(VERSION)"' $(FUZZ_SAN)
OBJ_FUZZ     := $(patsubst $(B)/obj/%,$(B)/fuzz/obj/%,$(OBJ_LIB))
FUZZ_SRC     := $(sort $(wildcard tests/fuzz/fuzz-*.c))
FUZZ_BIN     := $(patsubst tests/fuzz/%.c,$(B)/fuzz/%,$(FUZZ_SRC))

$(B)/fuzz/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(SAY) "  FUZZCC  $<"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(B)/fuzz/obj/gen/%.o: $(B)/gen/%.c
	@mkdir -p $(dir $@)
	$(SAY) "  FUZZCC  $<"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -Wno-missing-prototypes -Wno-overflow -c -o $@ $<

$(B)/libfokus-fuzz.a: $(OBJ_FUZZ)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(B)/fuzz/fuzz-%: tests/fuzz/fuzz-%.c $(B)/libfokus-fuzz.a $(wildcard tests/fuzz/*.h)
	@mkdir -p $(dir $@)
	$(SAY) "  FUZZ    $@"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Itests/fuzz -o $@ $< $(B)/libfokus-fuzz.a $(LDLIBS_ALL)

fuzz-build: $(FUZZ_BIN)

fuzz:
	@scripts/install-deps --fuzz
	@$(MAKE) --no-print-directory all fuzz-build
	@tests/fuzz/run $(FUZZ_SECONDS) $(FUZZ_BIN)

fuzz-quick:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=10

bench: $(B)/fokus
	@scripts/install-deps --bench
	@bench/run $(BENCH_ARGS)

format:
	clang-format -i $(SRC_ALL) $(wildcard src/*.h src/*/*.h) $(UNIT_SRC)

# The layout of .clang-format, checked without changing a file (fails on the
# first file that `make format` would change).
format-check:
	@clang-format --dry-run -Werror $(SRC_ALL) $(wildcard src/*.h src/*/*.h) $(UNIT_SRC) && \
		echo "format: every source file is laid out as .clang-format says (make format)"

# The layer rule of docs/design.md: fails when core/ includes from io/,
# store/, web/, render/ or app/, when render/ includes from store/, ...
# (scripts/design-check says which; `scripts/design-check --table` prints the
# include arrows).
design:
	@scripts/design-check

# A report, never a failure: the functions of src/ over 120 lines.
long-functions:
	@echo "functions over 120 lines (scripts/long-functions; a report, not a failure):"
	@scripts/long-functions 120 | sed 's/^/  /'

clean:
	rm -rf $(B)

-include $(wildcard $(B)/obj/*.d $(B)/obj/*/*.d $(B)/san/*.d $(B)/san/*/*.d $(B)/tsan/*.d $(B)/tsan/*/*.d $(B)/fuzz/obj/*.d $(B)/fuzz/obj/*/*.d)
