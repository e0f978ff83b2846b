# mk/asan.mk: the unit tests and the binary built with AddressSanitizer and
# UndefinedBehaviorSanitizer (any report is fatal, leaks included), in
# build/asan/ with the same XCFLAGS (-ffp-contract=off -fno-builtin-pow ...),
# then run: the unit tests (which run the sanitized binary), a headless
# 300-step run with --csv, compared with the plain build's output.
ASAN_DIR     := $(BUILD)/asan
ASAN_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
ASAN_LIB_OBJ := $(LIB_SRC:src/%.c=$(ASAN_DIR)/%.o)
ASAN_LIB     := $(ASAN_DIR)/libmicrogpt.a
ASAN_TESTS   := $(TEST_SRC:tests/%.c=$(ASAN_DIR)/%)

.PHONY: asan check-asan
asan: $(ASAN_DIR)/$(BIN) $(ASAN_TESTS)

$(ASAN_LIB_OBJ) $(ASAN_DIR)/app/main.o: $(ASAN_DIR)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(XCFLAGS) $(NCURSES_CFLAGS) $(CFLAGS) $(ASAN_SAN) -MMD -MP -c $< -o $@

$(ASAN_LIB): $(ASAN_LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(ASAN_DIR)/$(BIN): $(ASAN_DIR)/app/main.o $(ASAN_LIB)
	$(CC) $(CFLAGS) $(ASAN_SAN) -o $@ $^ $(NCURSES_LIBS) $(LDLIBS)

$(ASAN_TESTS): $(ASAN_DIR)/test_%: tests/test_%.c $(wildcard tests/*.h) $(ASAN_LIB)
	$(CC) $(XCFLAGS) $(CMOCKA_CFLAGS) $(NCURSES_CFLAGS) $(CFLAGS) $(ASAN_SAN) -Itests -o $@ $< $(ASAN_LIB) $(CMOCKA_LIBS) $(NCURSES_LIBS) $(LDLIBS)
$(ASAN_DIR)/test_corpus: tests/fuzz/fuzz_dataset.c tests/fuzz/fuzz_cli.c

check-asan: asan $(BIN) data/names.txt
	@sh tests/checks/asan.sh $(ASAN_DIR) $(BIN) $(ASAN_TESTS:$(ASAN_DIR)/%=%)

CHECKS += check-asan
-include $(wildcard $(ASAN_DIR)/*/*.d)
