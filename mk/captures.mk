# mk/captures.mk: the screens of docs/classroom.md, made from the lesson
# script docs/lessons/training-loop.lesson (--export-screens: one per stop)
# and put in place of the code block after each "<!-- capture: NAME -->".
#   make captures         after a change of the screen: rewrites them
#   make check-captures   (in make test and make check) fails, with the
#                         difference, when they are not what make captures makes
CAPTURES_LESSON := docs/lessons/training-loop.lesson
CAPTURES_DOC    := docs/classroom.md

.PHONY: captures check-captures
captures: $(BIN) data/names.txt
	@sh tests/checks/captures.sh $(BIN) $(CAPTURES_LESSON) $(CAPTURES_DOC) --write

check-captures: $(BIN) data/names.txt
	@sh tests/checks/captures.sh $(BIN) $(CAPTURES_LESSON) $(CAPTURES_DOC)

CHECKS += check-captures
