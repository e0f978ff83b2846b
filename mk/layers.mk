# mk/layers.mk: the include check (tests/checks/layers.sh): only the terminal
# layer includes curses; core < session < render < tui, app beside; the
# check's own self-test first (it must catch each kind of violation).  Run
# by `make test` (CHECKS) and by `make check`.
CHECKS += check-layers
.PHONY: check-layers
check-layers:
	@sh tests/checks/layers.sh --self-test
	@sh tests/checks/layers.sh src
