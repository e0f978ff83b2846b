# mk/order.mk: no unit test depends on the order of the tests
# (tests/checks/order.sh): every test binary runs its tests reversed, then
# each test alone (about a minute).  Run by `make test` (CHECKS).
CHECKS += check-order
.PHONY: check-order
check-order: $(TEST_BIN) data/names.txt
	@sh tests/checks/order.sh $(TEST_BIN)
