# mk/speed.mk: check-speed (in make test): verify mode of the exact fast
# powers over whole runs (tests/powcheck.c), the golden tests again with the
# portable kernels and with plain pow, and the core built as for a CPU
# without AVX2 (-DMICROGPT_NO_SIMD: no AVX2 code at all) with its training
# tests (tests/checks/speed.sh).
$(BUILD)/powcheck: tests/powcheck.c $(LIB) | $(BUILD)
	$(CC) $(XCFLAGS) $(CFLAGS) -o $@ $< $(LIB) $(LDLIBS)

NOSIMD_DIR  := $(BUILD)/nosimd
CORE_SRC    := $(wildcard src/core/*.c)
$(NOSIMD_DIR)/test_train: tests/test_train.c $(CORE_SRC) $(wildcard src/core/*.h) $(wildcard tests/*.h)
	@mkdir -p $(@D)
	$(CC) $(XCFLAGS) $(CMOCKA_CFLAGS) $(CFLAGS) -DMICROGPT_NO_SIMD -Itests -o $@ $< $(CORE_SRC) $(CMOCKA_LIBS) $(LDLIBS)
$(NOSIMD_DIR)/powcheck: tests/powcheck.c $(CORE_SRC) $(wildcard src/core/*.h)
	@mkdir -p $(@D)
	$(CC) $(XCFLAGS) $(CFLAGS) -DMICROGPT_NO_SIMD -o $@ $< $(CORE_SRC) $(LDLIBS)

.PHONY: check-speed
check-speed: $(BIN) $(BUILD)/powcheck $(BUILD)/test_cli $(BUILD)/test_train $(BUILD)/test_timeline \
             $(BUILD)/test_sample $(NOSIMD_DIR)/test_train $(NOSIMD_DIR)/powcheck data/names.txt
	@sh tests/checks/speed.sh $(BUILD)

CHECKS += check-speed
