/* arc.c: the arc of training. */
#include "session/arc.h"

void arc_bookmarks(int num_steps, int out[ARC_STAGES])
{
    /* the lesson's milestones as fractions of its 500 steps */
    static const int per500[ARC_STAGES] = { 0, 50, 100, 200, 300, 500 };
    if (num_steps < 1)
        num_steps = 1;
    for (int i = 0; i < ARC_STAGES; i++) {
        long s = i == 0 ? 1 : (long)(((long long)num_steps * per500[i] + 250) / 500);
        if (s < 1)
            s = 1;
        if (s > num_steps)
            s = num_steps;
        if (i > 0 && s < out[i - 1])
            s = out[i - 1];
        out[i] = (int)s;
    }
}

int arc_stage(int step1, int num_steps)
{
    int b[ARC_STAGES];
    arc_bookmarks(num_steps, b);
    int stage = 0;
    for (int i = 0; i < ARC_STAGES; i++)
        if (step1 >= b[i])
            stage = i;
    return stage;
}

const char *arc_text(int stage)
{
    static const char *const text[ARC_STAGES] = {
        "Nothing. Random predictions.",
        "Common characters are predicted more often.",
        "Frequent letter pairs (th, er, an) are learned.",
        "Name-like structures emerge (consonant-vowel patterns).",
        "The model knows when names should end (predicts BOS).",
        "Reasonable name generation capability.",
    };
    return stage >= 0 && stage < ARC_STAGES ? text[stage] : "";
}

const char *arc_short(int stage)
{
    static const char *const text[ARC_STAGES] = {
        "random predictions", "common characters", "frequent letter pairs",
        "name-like structures", "knows when names end", "reasonable names",
    };
    return stage >= 0 && stage < ARC_STAGES ? text[stage] : "";
}
