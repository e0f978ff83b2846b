# mk/install.mk: install like a Unix tool.
#   make install [PREFIX=/usr/local] [DESTDIR=]   the binary to $(DESTDIR)$(BINDIR),
#   make uninstall (the same variables)           the man page to $(DESTDIR)$(MAN1DIR),
#                                                 data/names.txt (when present) to
#                                                 $(DESTDIR)$(PREFIX)/share/microgpt-tui/
# The program finds that dataset from where it runs: PREFIX/bin/microgpt-tui
# looks in PREFIX/share/microgpt-tui/ (src/app/datafile.c), so keep BINDIR in
# PREFIX/bin when there is a dataset to install.
# The installed man page carries MICROGPT_VERSION from src/app/cli.h (the one
# place the version is written); check-install also wants docs/microgpt-tui.1
# to agree, so `man -l docs/microgpt-tui.1` shows it too.
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
MAN1DIR  ?= $(MANDIR)/man1
DATADIR  := $(PREFIX)/share/microgpt-tui
DATA     := data/names.txt
INSTALL  ?= install
MAN_SRC  := docs/microgpt-tui.1
MAN_OUT  := $(BUILD)/microgpt-tui.1
MICROGPT_VERSION := $(shell sed -n 's/^\#define MICROGPT_VERSION "\(.*\)"/\1/p' src/app/cli.h)

.PHONY: install uninstall check-install man
man: $(MAN_OUT)

$(MAN_OUT): $(MAN_SRC) src/app/cli.h | $(BUILD)
	sed '/^\.TH /s/"microgpt\\-tui [^"]*"/"microgpt\\-tui $(MICROGPT_VERSION)"/' $(MAN_SRC) >$@

install: $(BIN) $(MAN_OUT)
	$(INSTALL) -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(MAN1DIR)'
	$(INSTALL) -m 755 $(BIN) '$(DESTDIR)$(BINDIR)/$(BIN)'
	$(INSTALL) -m 644 $(MAN_OUT) '$(DESTDIR)$(MAN1DIR)/microgpt-tui.1'
	@if [ -f $(DATA) ]; then \
	    echo "$(INSTALL) -m 644 $(DATA) '$(DESTDIR)$(DATADIR)/names.txt'"; \
	    $(INSTALL) -d '$(DESTDIR)$(DATADIR)' && \
	    $(INSTALL) -m 644 $(DATA) '$(DESTDIR)$(DATADIR)/names.txt'; \
	else echo "install: no $(DATA) (make data fetches it): the dataset is not installed"; fi

uninstall:
	rm -f '$(DESTDIR)$(BINDIR)/$(BIN)' '$(DESTDIR)$(MAN1DIR)/microgpt-tui.1' '$(DESTDIR)$(DATADIR)/names.txt'
	@rmdir '$(DESTDIR)$(DATADIR)' 2>/dev/null || true

# install and uninstall into a temporary DESTDIR; the man page: no groff
# warnings, every option of --help, the version of --version.
check-install: $(BIN) $(MAN_OUT)
	@MAKE='$(MAKE)' sh tests/checks/install.sh $(BIN) $(MAN_SRC) '$(MICROGPT_VERSION)'

CHECKS += check-install
