# fuzz.mk - libFuzzer harnesses (clang, ASan + UBSan), included by the top Makefile.
#
#   make fuzz-build            builds build/fuzz/fuzz_* (one per parser lis owns)
#   make fuzz [FUZZ_SECONDS=N] runs each for N seconds (default 120) on a copy of its
#                              corpus: tests/fuzz/run.sh long build/fuzz/work
#
# The library is compiled a third time (besides build/rel and build/dbg) with the fuzzer's
# coverage instrumentation; src/main.c is left out, each harness brings its own entry.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 120
FUZZ_OUT     := build/fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS   = $(CFLAGS) -O1 $(FUZZ_SAN) -fsanitize=fuzzer-no-link
FUZZ_LDFLAGS := -fsanitize=fuzzer,address,undefined

FUZZ_NAMES   := $(patsubst tests/fuzz/%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_BINS    := $(FUZZ_NAMES:%=$(FUZZ_OUT)/%)
FUZZ_LIB_OBJ := $(patsubst %.c,$(FUZZ_OUT)/obj/%.o,$(filter-out src/main.c,$(SRC))) \
                $(GEN_C:build/%.c=$(FUZZ_OUT)/obj/gen/%.o)
FUZZ_HDRS    := $(shell find src -name '*.h')
FUZZ_MAIN_OBJ := $(FUZZ_NAMES:%=$(FUZZ_OUT)/obj/tests/fuzz/%.o)
# made by pattern rules only: keep them between builds
.SECONDARY: $(FUZZ_LIB_OBJ) $(FUZZ_MAIN_OBJ)

# fuzz_request replaces argon2id's cost by the minimum (password_hash) and refuses the
# expensive hashes it never made (password_verify): see fuzz_request.c.
# fuzz_import, fuzz_multipart and fuzz_scim share that set-up (fuzz_app.h).
FUZZ_WRAP_fuzz_request := -Wl,--wrap=password_hash -Wl,--wrap=password_verify
FUZZ_WRAP_fuzz_import := $(FUZZ_WRAP_fuzz_request)
FUZZ_WRAP_fuzz_multipart := $(FUZZ_WRAP_fuzz_request)
FUZZ_WRAP_fuzz_scim := $(FUZZ_WRAP_fuzz_request)

.PHONY: fuzz-build fuzz
fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh long $(FUZZ_OUT)/work

$(FUZZ_OUT)/obj/gen/%.o: build/%.c $(GEN_H)
	@mkdir -p $(dir $@)
	@echo "  FUZZCC $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) $(INCS) -c -o $@ $<
$(FUZZ_OUT)/obj/tests/fuzz/%.o: tests/fuzz/%.c tests/fuzz/fuzz_common.h tests/fuzz/fuzz_app.h $(GEN_H) $(FUZZ_HDRS)
	@mkdir -p $(dir $@)
	@echo "  FUZZCC $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) $(INCS) -c -o $@ $<
$(FUZZ_OUT)/obj/%.o: %.c $(GEN_H) $(FUZZ_HDRS)
	@mkdir -p $(dir $@)
	@echo "  FUZZCC $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) $(INCS) -c -o $@ $<

# The template compiler is a build tool, not part of the library: its harness includes
# tools/tmplc.c (with main renamed and exit turned into a longjmp).
$(FUZZ_OUT)/fuzz_tmplc: tests/fuzz/fuzz_tmplc.c tests/fuzz/fuzz_common.h tools/tmplc.c
	@mkdir -p $(FUZZ_OUT)
	@echo "  FUZZLD $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_LDFLAGS)

$(FUZZ_OUT)/fuzz_%: $(FUZZ_OUT)/obj/tests/fuzz/fuzz_%.o $(FUZZ_LIB_OBJ)
	@echo "  FUZZLD $@"
	@$(FUZZ_CC) -o $@ $< $(FUZZ_LIB_OBJ) $(FUZZ_LDFLAGS) $(FUZZ_WRAP_fuzz_$*) $(LIBS)
