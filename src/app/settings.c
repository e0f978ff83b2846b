/* settings.c: the settings' names and values. */
#include "app/settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/variant.h"
#include "session/session.h"

static const char *const key_names[SET_COUNT] = {
    [SET_THEME] = "theme", [SET_MOUSE] = "mouse", [SET_SPEED] = "speed",
    [SET_VARIANT] = "variant", [SET_ASCII] = "ascii", [SET_EXPLAIN] = "explanations",
};

static const char *const theme_names[] = {
    [THEME_DEFAULT] = "default", [THEME_HIGH_CONTRAST] = "high-contrast", [THEME_MONO] = "mono",
};

void settings_clear(Settings *s)
{
    for (int k = 0; k < SET_COUNT; k++)
        s->value[k] = -1;
}

const char *settings_name(SettingKey k)
{
    return k >= 0 && k < SET_COUNT ? key_names[k] : "?";
}

int settings_key(const char *name)
{
    for (int k = 0; k < SET_COUNT; k++)
        if (strcmp(name, key_names[k]) == 0)
            return k;
    return -1;
}

int settings_boolean(const char *t)
{
    static const char *const yes[] = { "on", "yes", "true", "1" }, *const no[] = { "off", "no", "false", "0" };
    for (int i = 0; i < 4; i++) {
        if (strcasecmp(t, yes[i]) == 0)
            return 1;
        if (strcasecmp(t, no[i]) == 0)
            return 0;
    }
    return -1;
}

/* A speed of the table (steps per second), or "max": its value, or -1. */
static int speed(const char *t)
{
    int n;
    const int *sp = session_speeds(&n);
    if (strcmp(t, "max") == 0)
        return 0;
    for (int i = 0; i < n; i++) {
        char buf[16];
        snprintf(buf, sizeof buf, "%d", sp[i]);
        if (sp[i] > 0 && strcmp(t, buf) == 0)
            return sp[i];
    }
    return -1;
}

/* "is not one of 1, 2, 5, ..., 1000 or max", from the table. */
static const char *speed_error(void)
{
    static char msg[160];
    int n;
    const int *sp = session_speeds(&n);
    size_t o = (size_t)snprintf(msg, sizeof msg, "is not one of");
    for (int i = 0; i < n && o < sizeof msg; i++)
        if (sp[i] > 0)
            o += (size_t)snprintf(msg + o, sizeof msg - o, "%s %d", i ? "," : "", sp[i]);
    if (o < sizeof msg)
        snprintf(msg + o, sizeof msg - o, " or max (steps per second)");
    return msg;
}

const char *settings_set(Settings *s, SettingKey k, const char *t)
{
    int v = -1;
    switch (k) {
    case SET_THEME:
        for (int i = 0; i < (int)(sizeof theme_names / sizeof theme_names[0]); i++)
            if (strcmp(t, theme_names[i]) == 0)
                v = i;
        if (v < 0)
            return "is not default, high-contrast or mono";
        break;
    case SET_MOUSE: case SET_ASCII: case SET_EXPLAIN:
        if ((v = settings_boolean(t)) < 0)
            return "is not on or off (yes or no, true or false, 1 or 0)";
        break;
    case SET_SPEED:
        if ((v = speed(t)) < 0)
            return speed_error();
        break;
    case SET_VARIANT: {
        Variant var;
        if (variant_parse(t, &var) != 0)
            return "is not course or gist";
        v = (int)var;
        break;
    }
    default:
        return "is not a setting";
    }
    s->value[k] = v;
    return NULL;
}

void settings_merge(Settings *over, const Settings *under)
{
    for (int k = 0; k < SET_COUNT; k++)
        if (over->value[k] < 0)
            over->value[k] = under->value[k];
}

int settings_get(const Settings *s, SettingKey k, int dflt)
{
    return s->value[k] < 0 ? dflt : s->value[k];
}
