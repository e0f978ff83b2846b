# mk/bench.mk: what `make bench` builds besides build/bench (tests/bench.c):
# build/bench-train (tests/bench_train.c, one training benchmark) against the
# current core, and the same driver against the baseline core: src/core/ as of
# BENCH_BASE (the last commit before the speed work of issue 11), taken from
# git and compiled with the same flags into build/bench-base/.  tests/bench.c
# runs the two alternately and prints their ratio.  Without git (or without
# that commit, as in a shallow clone) the baseline is skipped with a note.
# Then build/bench-cost (tests/bench_cost.c): the program's costs beside the
# goals of its issues (two runs against one; a gist step against a course step
# of the same size; 2,000,000 names), side by side.
BENCH_BASE     ?= 7405b8ece863dd2977d7295d494201dea52e5d29
BENCH_BASE_DIR := $(BUILD)/bench-base
BENCH_BASE_BIN := $(BENCH_BASE_DIR)/bench-train

$(BUILD)/bench-train: tests/bench_train.c $(LIB) | $(BUILD)
	$(CC) $(XCFLAGS) $(CFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/bench-cost: tests/bench_cost.c tests/namegen.h $(LIB) | $(BUILD)
	$(CC) $(XCFLAGS) $(CFLAGS) -Itests -o $@ $< $(LIB) $(NCURSES_LIBS) $(LDLIBS)

# The baseline's own headers come first on the include path.
$(BENCH_BASE_BIN): tests/bench_train.c | $(BUILD)
	@rm -rf $(BENCH_BASE_DIR) && mkdir -p $(BENCH_BASE_DIR)
	@if git archive --format=tar $(BENCH_BASE) src/core 2>/dev/null | tar -x -C $(BENCH_BASE_DIR) 2>/dev/null; then \
	    echo "bench: baseline core $(BENCH_BASE) in $(BENCH_BASE_DIR)"; \
	    $(CC) -I$(BENCH_BASE_DIR)/src $(filter-out -Isrc,$(XCFLAGS)) $(CFLAGS) -o $@ $< \
	        $(BENCH_BASE_DIR)/src/core/*.c $(LDLIBS); \
	else echo "bench: no baseline (git archive $(BENCH_BASE) failed); current core only"; fi

bench: deps data
	@$(MAKE) --no-print-directory $(BUILD)/bench $(BUILD)/bench-train $(BENCH_BASE_BIN) $(BIN) $(BUILD)/bench-cost
	@base=$(BENCH_BASE_BIN); [ -x $$base ] || base=-; echo "$(BUILD)/bench $(BUILD)/bench-train $$base"; \
	    $(BUILD)/bench $(BUILD)/bench-train $$base
	@echo "$(BUILD)/bench-cost ./$(BIN)"; $(BUILD)/bench-cost ./$(BIN)
