/* change.c: the change list of a run: values assigned at the top of a step. */
#include "core/change.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const field_names[CHANGE_FIELDS] = { "lr", "beta1", "beta2", "temperature" };

const char *change_field_name(int field)
{
    return field >= 0 && field < CHANGE_FIELDS ? field_names[field] : NULL;
}

int change_field(const char *name)
{
    for (int i = 0; i < CHANGE_FIELDS; i++)
        if (strcmp(name, field_names[i]) == 0)
            return i;
    return -1;
}

const char *change_check(int field, double v)
{
    static const char *const want[CHANGE_FIELDS] = {
        "not a number >= 0", "not a number in [0, 1)", "not a number in [0, 1)", "not a number > 0",
    };
    int ok = field == 0 ? v >= 0.0 : field == 3 ? v > 0.0 : v >= 0.0 && v < 1.0;
    if (!isfinite(v) || !ok)
        return want[field];
    /* The reference samples with logit * temperature ** -1, and Python
     * raises OverflowError when that power overflows (t < ~5.6e-309). */
    if (field == 3 && isinf(pow(v, -1.0)))
        return "too small (1 / temperature overflows)";
    return NULL;
}

int changes_set(Changes *c, int step, int field, double v, int replace, char *err, size_t errlen)
{
    int i = 0;
    while (i < c->count && c->at[i].step < step)
        i++;
    if (i == c->count || c->at[i].step != step) {
        if (c->count == CHANGES_MAX) {
            snprintf(err, errlen, "at most %d steps with changes", CHANGES_MAX);
            return -1;
        }
        memmove(&c->at[i + 1], &c->at[i], (size_t)(c->count - i) * sizeof c->at[0]);
        memset(&c->at[i], 0, sizeof c->at[i]);
        c->at[i].step = step;
        c->count++;
    }
    Change *ch = &c->at[i];
    if ((ch->set & (1u << field)) && !replace) {
        snprintf(err, errlen, "%s is changed twice at step %d", field_names[field], step + 1);
        return -1;
    }
    ch->set |= 1u << field;
    ch->value[field] = v;
    return 0;
}

AdamConfig changes_adam(const Changes *c, const AdamConfig *base, int step)
{
    AdamConfig a = *base;
    for (int i = 0; i < c->count && c->at[i].step <= step; i++) {
        const Change *ch = &c->at[i];
        if (ch->set & CHANGE_LR)
            a.lr = ch->value[0];
        if (ch->set & CHANGE_BETA1)
            a.beta1 = ch->value[1];
        if (ch->set & CHANGE_BETA2)
            a.beta2 = ch->value[2];
    }
    return a;
}

double changes_temperature(const Changes *c, double base, int step)
{
    for (int i = 0; i < c->count && c->at[i].step <= step; i++)
        if (c->at[i].set & CHANGE_TEMPERATURE)
            base = c->at[i].value[3];
    return base;
}

void change_format(const Change *ch, char *buf, size_t len)
{
    if (len == 0)
        return;
    int n = snprintf(buf, len, "%d:", ch->step + 1);
    for (int f = 0; f < CHANGE_FIELDS; f++)
        if (ch->set & (1u << f) && n >= 0 && (size_t)n < len)
            n += snprintf(buf + n, len - (size_t)n, "%s%s=%g", buf[n - 1] == ':' ? "" : ",",
                          field_names[f], ch->value[f]);
}
