# mk/docs.mk: the options documented alike (tests/checks/docs.sh): README.md's
# Options block is --help exactly; --help names every option of
# src/app/cli.c's table and no other; the man page's OPTIONS name the same,
# with the same values.  Run by `make test` (CHECKS) and by `make check`.
CHECKS += check-docs
.PHONY: check-docs
check-docs: $(BIN)
	@sh tests/checks/docs.sh $(BIN)
