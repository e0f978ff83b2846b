# mk/valgrind.mk: the plain binary under valgrind memcheck: a short headless
# run (50 steps, samples, --csv), a --trace run, and three early exits on bad
# input, each with no memcheck error and no leak of any kind.
.PHONY: check-valgrind
check-valgrind: $(BIN) data/names.txt
	@sh tests/checks/valgrind.sh ./$(BIN)

CHECKS += check-valgrind
