/* arc.h: the lesson's arc of training: six milestones (steps 1, 50, 100,
 * 200, 300, 500, scaled to other run lengths) and its wording for each. */
#ifndef MICROGPT_ARC_H
#define MICROGPT_ARC_H

enum { ARC_STAGES = 6 };

/* The milestones (1-based steps) for a run of num_steps: the lesson's 1, 50,
 * 100, 200, 300, 500 for 500 steps; 1 and num_steps/10, /5, 2/5, 3/5, 1 of
 * the run otherwise (rounded, at least 1, never decreasing). */
void arc_bookmarks(int num_steps, int out[ARC_STAGES]);
/* The stage of 1-based step `step1`: the last milestone at or before it. */
int arc_stage(int step1, int num_steps);
/* The lesson's sentence for a stage ("Common characters are predicted more
 * often."; not drawn yet: issue 9, item 19 shows it when jumping along the
 * arc) and a short form for the lesson line ("common characters"). */
const char *arc_text(int stage);
const char *arc_short(int stage);

#endif
