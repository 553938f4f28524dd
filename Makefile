# lis - build, run and test. The README's two commands: `make run` and `make check`.
# Both install the Debian packages they need (when run as root and a package is missing).

CC      ?= cc
PKGS    := libmicrohttpd sqlite3 libpq jansson libsodium xlsxwriter pangocairo fontconfig liboath libqrencode libxml-2.0 libzip libcurl cjose openssl
CFLAGS  := -std=c17 -Wall -Wextra -Werror -Wno-missing-field-initializers -D_GNU_SOURCE -g
LIBS     = $(shell pkg-config --libs $(PKGS)) -lpthread
INCS     = $(shell pkg-config --cflags $(PKGS))

SRC     := $(shell find src -name '*.c' | sort)
VIEWS   := $(sort $(wildcard views/*.html))
MIGRATIONS := $(sort $(wildcard src/db/migrations/*.sql))
STATIC  := $(sort $(wildcard static/*))
DATA    := $(sort $(wildcard data/*.csv))
GEN_C   := build/i18n_gen.c build/views_gen.c build/migrations_gen.c build/static_gen.c build/data_gen.c
VIEW_H  := $(VIEWS:views/%.html=build/views/%.h)
GEN_H   := build/i18n_gen.h $(VIEW_H)

REL_OBJ := $(SRC:%.c=build/rel/%.o) $(GEN_C:build/%.c=build/rel/gen/%.o)
DBG_OBJ := $(SRC:%.c=build/dbg/%.o) $(GEN_C:build/%.c=build/dbg/gen/%.o)
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

DB_DEMO ?= lis-demo.sqlite

.DELETE_ON_ERROR:
.PHONY: all deps run check test bench bench-scan fuzz soak clean format unit-tests deb package-check
all: lis

deps:
	@scripts/deps.sh build

build/tmplc: tools/tmplc.c
	@mkdir -p build
	$(CC) -std=c17 -Wall -Wextra -Werror -D_GNU_SOURCE -O1 -o $@ $<
build/embed: tools/embed.c
	@mkdir -p build
	$(CC) -std=c17 -Wall -Wextra -Werror -O1 -o $@ $<

# one catalogue per language: the core file plus one file per area (i18n/AREA.sv.txt)
I18N_SV := i18n/sv.txt $(sort $(wildcard i18n/*.sv.txt))
I18N_EN := i18n/en.txt $(sort $(wildcard i18n/*.en.txt))
# grouped targets (&:): one run of tmplc writes both files, so make -j never starts two
# runs that write the same files at once
build/i18n_gen.c build/i18n_gen.h &: build/tmplc $(I18N_SV) $(I18N_EN) i18n/glossary.txt
	cat $(I18N_SV) > build/sv.txt
	cat $(I18N_EN) > build/en.txt
	build/tmplc i18n build/i18n_gen.c build/i18n_gen.h build/sv.txt build/en.txt i18n/glossary.txt
# one header per view (build/views/NAME.h): a C file includes the views it calls
build/views_gen.c $(VIEW_H) &: build/tmplc $(VIEWS)
	@rm -rf build/views && mkdir -p build/views
	build/tmplc views build/views_gen.c build/views $(VIEWS)
# the folder too: a migration removed or renamed changes it, not any listed file
build/migrations_gen.c: build/embed $(MIGRATIONS) src/db/migrations
	build/embed embedded_migrations $@ $(MIGRATIONS)
build/static_gen.c: build/embed $(STATIC)
	build/embed embedded_static $@ $(STATIC)
build/data_gen.c: build/embed $(DATA)
	build/embed embedded_data $@ $(DATA)

build/rel/%.o: %.c $(GEN_H) $(shell find src -name '*.h')
	@mkdir -p $(dir $@)
	@$(CC) $(CFLAGS) -O2 $(INCS) -c -o $@ $<
# the views use src's structs (assessment.h …): a changed header rebuilds them too
build/rel/gen/%.o: build/%.c $(GEN_H) $(shell find src -name '*.h')
	@mkdir -p $(dir $@)
	@$(CC) $(CFLAGS) -O2 $(INCS) -c -o $@ $<
build/dbg/%.o: %.c $(GEN_H) $(shell find src -name '*.h')
	@mkdir -p $(dir $@)
	@$(CC) $(CFLAGS) -O1 $(SAN) $(INCS) -c -o $@ $<
build/dbg/gen/%.o: build/%.c $(GEN_H) $(shell find src -name '*.h')
	@mkdir -p $(dir $@)
	@$(CC) $(CFLAGS) -O1 $(SAN) $(INCS) -c -o $@ $<

lis: deps $(REL_OBJ)
	@echo "  LINK  lis"
	@$(CC) -o $@ $(REL_OBJ) $(LIBS)

# The same program with AddressSanitizer and UndefinedBehaviorSanitizer, for tests.
build/lis-debug: $(DBG_OBJ)
	$(CC) $(SAN) -o $@ $(DBG_OBJ) $(LIBS)

run: lis
	./lis demo --db $(DB_DEMO)
	./lis serve --db $(DB_DEMO)

check:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory lis build/lis-debug unit-tests
	@scripts/check.sh

# The Debian package (README "Installing as a package"): build/deb/lis_VERSION_ARCH.deb
DEB_VERSION ?= $(shell git rev-list --count HEAD 2>/dev/null | sed 's/^/0./' || echo 0.0)
deb: lis
	@packaging/build-deb.sh $(DEB_VERSION) build/deb

# Installs the package in a fresh Debian 12 booted in a container (systemd-nspawn, as root):
# the service started and stopped, an upgrade, a purge; this machine is left as it was
package-check: lis
	@scripts/package-check.sh

clean:
	rm -rf build lis

format:
	clang-format -i $(SRC) $(shell find src -name '*.h') tools/*.c tests/unit/*.c

# Unit tests: each tests/unit/test_*.c linked with the sanitized objects (without main).
UNIT_TESTS  := $(patsubst tests/unit/%.c,build/tests/%,$(sort $(wildcard tests/unit/test_*.c)))
LIB_DBG_OBJ := $(filter-out build/dbg/src/main.o,$(DBG_OBJ))
build/tests/%: tests/unit/%.c $(LIB_DBG_OBJ)
	@mkdir -p build/tests
	@$(CC) $(CFLAGS) -Wno-unused-parameter -O1 $(SAN) $(INCS) -o $@ $< $(LIB_DBG_OBJ) $(LIBS) -lcmocka
unit-tests: $(UNIT_TESTS)

# Fuzzers (libFuzzer, clang, ASan+UBSan): targets fuzz and fuzz-build live in their folder.
-include tests/fuzz/fuzz.mk
-include bench/bench.mk
