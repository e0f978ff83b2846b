# mk/fuzz.mk: libFuzzer targets (tests/fuzz/) built with clang, ASan and UBSan.
#   make fuzz                  runs each target for FUZZ_SECONDS (default 60)
#   make fuzz FUZZ_SECONDS=600 FUZZ_TARGETS=fuzz_cli
#   make check-fuzz            (in `make test`) each target for 60 s
# New inputs go to build/fuzz/corpus/<target>; tests/corpus/<target> (seeds and
# every input that once failed) is read, never written; the unit tests replay
# it too (tests/test_corpus.c).  A failing input is left in build/fuzz/.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_ALL     := fuzz_dataset fuzz_cli
FUZZ_TARGETS ?= $(FUZZ_ALL)
FUZZ_DIR     := $(BUILD)/fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS  := $(XCFLAGS) -O1 -g $(FUZZ_SAN)
# The core, the session (the lesson --trace prints, the speeds --speed
# takes) and the front ends' options and headless output: the fuzzers need
# no curses.
FUZZ_LIB_SRC := $(wildcard src/core/*.c) $(wildcard src/session/*.c) src/app/cli.c src/app/settings.c \
                src/app/headless.c
FUZZ_LIB_OBJ := $(FUZZ_LIB_SRC:src/%.c=$(FUZZ_DIR)/obj/%.o)

.PHONY: fuzz fuzz-build check-fuzz
fuzz-build: $(FUZZ_TARGETS:%=$(FUZZ_DIR)/%)

$(FUZZ_LIB_OBJ): $(FUZZ_DIR)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FUZZ_ALL:%=$(FUZZ_DIR)/%): $(FUZZ_DIR)/%: tests/fuzz/%.c $(FUZZ_LIB_OBJ)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB_OBJ) $(LDLIBS)

fuzz: fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# CI: every target for 60 s (about 2 minutes in all).
check-fuzz: $(FUZZ_ALL:%=$(FUZZ_DIR)/%)
	@sh tests/fuzz/run.sh $(FUZZ_DIR) 60 $(FUZZ_ALL)

# The unit test that replays tests/corpus/ includes the fuzz targets' sources.
$(BUILD)/test_corpus: tests/fuzz/fuzz_dataset.c tests/fuzz/fuzz_cli.c

CHECKS += check-fuzz
-include $(wildcard $(FUZZ_DIR)/obj/*/*.d)
