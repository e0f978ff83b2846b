# check-data: the dataset download script's offline behaviour (no network needed).
CHECKS += check-data
.PHONY: check-data
check-data:
	@sh tests/checks/data.sh
