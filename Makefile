# microgpt-tui: build, run, test.  See README.md.
# parity: -ffp-contract=off and no -ffast-math keep every float op exactly as CPython does it;
# -fno-builtin-pow stops the compiler from turning pow(x, 2.0) into x * x and pow(x, -1.0)
# into 1 / x, which glibc's pow (what Python calls) does not always equal.
CC       ?= cc
CFLAGS   ?= -O2 -g
XCFLAGS  := -std=c11 -Wall -Wextra -Werror -ffp-contract=off -fno-fast-math -fno-builtin-pow \
            -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc
NCURSES_CFLAGS := $(shell pkg-config --cflags ncursesw 2>/dev/null)
NCURSES_LIBS   := $(or $(shell pkg-config --libs ncursesw 2>/dev/null),-lncursesw)
CMOCKA_CFLAGS  := $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS    := $(or $(shell pkg-config --libs cmocka 2>/dev/null),-lcmocka)
# inih reads the settings file and the lesson scripts (src/app/inifile.c)
INIH_CFLAGS    := $(shell pkg-config --cflags inih 2>/dev/null)
INIH_LIBS      := $(or $(shell pkg-config --libs inih 2>/dev/null),-linih)
XCFLAGS  += $(INIH_CFLAGS)
LDLIBS   := $(INIH_LIBS) -lm

BUILD    := build
BIN      := microgpt-tui
# src/ has a folder per layer (docs/architecture.md): core, session, render,
# tui, app.  Every src/*/*.c except app/main.c goes into one static library
# that the binary, the tests and the benchmark link against.
SRC_DIRS := core session render tui app
ALL_SRC  := $(foreach d,$(SRC_DIRS),$(wildcard src/$(d)/*.c))
ALL_HDR  := $(foreach d,$(SRC_DIRS),$(wildcard src/$(d)/*.h))
LIB_SRC  := $(filter-out src/app/main.c,$(ALL_SRC))
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/%.o)
LIB      := $(BUILD)/libmicrogpt.a
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/%)

.PHONY: all run test check unit e2e bench data deps deps-run clean
all: $(BIN)

$(BUILD):
	@mkdir -p $(BUILD)

$(BUILD)/%.o: src/%.c | $(BUILD)
	@mkdir -p $(@D)
	$(CC) $(XCFLAGS) $(NCURSES_CFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(BUILD)/app/main.o $(LIB)
	$(CC) $(CFLAGS) -o $@ $^ $(NCURSES_LIBS) $(LDLIBS)

$(BUILD)/test_%: tests/test_%.c $(wildcard tests/*.h) $(LIB) | $(BUILD)
	$(CC) $(XCFLAGS) $(CMOCKA_CFLAGS) $(NCURSES_CFLAGS) $(CFLAGS) -Itests -o $@ $< $(LIB) $(CMOCKA_LIBS) $(NCURSES_LIBS) $(LDLIBS)

$(BUILD)/bench: tests/bench.c $(LIB) | $(BUILD)
	$(CC) $(XCFLAGS) $(CFLAGS) -o $@ $< $(LIB) $(NCURSES_LIBS) $(LDLIBS)

# deps: check for the Debian packages we need; install with apt-get when we can.
deps:
	@sh scripts/deps.sh test
deps-run:
	@sh scripts/deps.sh run

data: data/names.txt
data/names.txt:
	@sh scripts/fetch-data.sh $@

# run, test and bench build in a sub-make, so that the flags are read again
# after deps has installed what was missing.
run: deps-run data
	@$(MAKE) --no-print-directory $(BIN)
	./$(BIN)

unit: $(TEST_BIN)
	@sh scripts/run-unit.sh $(TEST_BIN)

# A debug build whose key X crashes for real (a NULL write), for the
# end-to-end test that a crash gives the terminal back before the core dump.
DEBUG_BIN := $(BUILD)/microgpt-tui-debug
$(DEBUG_BIN): $(ALL_SRC) $(ALL_HDR) | $(BUILD)
	$(CC) $(XCFLAGS) $(NCURSES_CFLAGS) -O0 -g -DMICROGPT_DEBUG_CRASH -o $@ $(ALL_SRC) $(NCURSES_LIBS) $(LDLIBS)

e2e: $(BIN) $(DEBUG_BIN)
	@if [ -f tests/e2e/run.sh ]; then sh tests/e2e/run.sh; else echo "e2e: no tests yet"; fi

# mk/*.mk add their own checks to CHECKS (run by `make test` after the unit
# and end-to-end tests) and their own targets.
CHECKS :=
-include $(sort $(wildcard mk/*.mk))

test: deps data
	@$(MAKE) --no-print-directory $(BIN) $(TEST_BIN)
	@rm -f $(BUILD)/unit.result $(BUILD)/e2e.result
	@RESULT_FILE=$(BUILD)/unit.result $(MAKE) --no-print-directory unit
	@RESULT_FILE=$(BUILD)/e2e.result $(MAKE) --no-print-directory e2e
	@for c in $(CHECKS); do $(MAKE) --no-print-directory $$c || exit 1; done
	@cat $(BUILD)/unit.result $(BUILD)/e2e.result | awk '{ p += $$1; f += $$2 } \
	    END { printf "test: %d passed, %d failed (unit and end-to-end; checks %s: ok)\n", p, f, "$(strip $(CHECKS:check-%=%))" }'

# check: the fast loop while editing: the include check, docs/classroom.md's
# screens (check-captures), the options in the docs (check-docs), the unit
# and end-to-end tests only (no sanitizers, fuzzing, valgrind or install
# checks; `make test` runs those too).
check: data
	@$(MAKE) --no-print-directory check-layers
	@$(MAKE) --no-print-directory $(BIN) $(TEST_BIN)
	@$(MAKE) --no-print-directory check-captures
	@$(MAKE) --no-print-directory check-docs
	@rm -f $(BUILD)/unit.result $(BUILD)/e2e.result
	@RESULT_FILE=$(BUILD)/unit.result $(MAKE) --no-print-directory unit
	@RESULT_FILE=$(BUILD)/e2e.result $(MAKE) --no-print-directory e2e
	@cat $(BUILD)/unit.result $(BUILD)/e2e.result | awk '{ p += $$1; f += $$2 } \
	    END { printf "check: %d passed, %d failed (unit and end-to-end)\n", p, f; exit f > 0 }'

clean:
	rm -rf $(BUILD) $(BIN)

-include $(wildcard $(BUILD)/*/*.d)
