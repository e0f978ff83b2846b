# mk/speed.mk: check-speed (in make test): verify mode of the exact fast
# powers over whole runs (tests/powcheck.c), and the golden tests again with
# the portable kernels and with plain pow (tests/checks/speed.sh).
$(BUILD)/powcheck: tests/powcheck.c $(LIB) | $(BUILD)
	$(CC) $(XCFLAGS) $(CFLAGS) -o $@ $< $(LIB) $(LDLIBS)

.PHONY: check-speed
check-speed: $(BIN) $(BUILD)/powcheck $(BUILD)/test_cli $(BUILD)/test_train $(BUILD)/test_timeline $(BUILD)/test_sample data/names.txt
	@sh tests/checks/speed.sh $(BUILD)

CHECKS += check-speed
