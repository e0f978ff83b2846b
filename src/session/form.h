/* form.h: the what-if form's state: the values a branch from the step
 * shown takes, one field per name of --change (lr, beta1, beta2,
 * temperature).  The session owns and edits it (session/whatif.c); the
 * renderers draw it. */
#ifndef MICROGPT_FORM_H
#define MICROGPT_FORM_H

#include "core/change.h"
#include "session/field.h"

typedef struct {
    int open;
    int at;                 /* the field being edited */
    Field f[CHANGE_FIELDS];
    char error[80];         /* why the last Enter was refused, or "" */
} WhatIfForm;

#endif
