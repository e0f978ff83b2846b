# mk/deps.mk: check-deps (in `make test`): the package choice of
# scripts/deps.sh on machines made of stub commands (tests/checks/deps.sh).
CHECKS += check-deps
.PHONY: check-deps
check-deps:
	@sh tests/checks/deps.sh
