/* settings.h: what a user can keep in the settings file (app/config.h) and
 * give as options too: the theme, the mouse, the speed, the variant, ASCII
 * drawing, the explanations.  One reader per value, for both, so that the
 * file and the command line take the same words.  Pure: no I/O. */
#ifndef MICROGPT_SETTINGS_H
#define MICROGPT_SETTINGS_H

typedef enum { THEME_DEFAULT, THEME_HIGH_CONTRAST, THEME_MONO } ThemeName;

/* The settings, by key (the file's names: settings_name). */
typedef enum { SET_THEME, SET_MOUSE, SET_SPEED, SET_VARIANT, SET_ASCII, SET_EXPLAIN, SET_COUNT } SettingKey;

/* Each value, or -1 when not set. */
typedef struct {
    int value[SET_COUNT];   /* SET_THEME: a ThemeName; SET_MOUSE, SET_ASCII, SET_EXPLAIN: 0 or 1;
                             * SET_SPEED: steps per second, 0 as fast as the core goes;
                             * SET_VARIANT: a Variant (core/variant.h) */
} Settings;

/* Every value not set. */
void settings_clear(Settings *s);
/* The key's name in the file ("theme", "explanations"), and back (-1: no such key). */
const char *settings_name(SettingKey k);
int settings_key(const char *name);
/* Sets key k from its text ("high-contrast", "off", "max", "gist").  Returns
 * NULL, or what the value is not ("is not default, high-contrast or mono"). */
const char *settings_set(Settings *s, SettingKey k, const char *text);
/* Every value of `over` not set taken from `under`. */
void settings_merge(Settings *over, const Settings *under);
/* on / off, yes / no, true / false, 1 / 0, in any case: 1, 0, or -1 for
 * another word (the settings file's and the lesson scripts' yes and no). */
int settings_boolean(const char *text);
/* The value of k, or dflt when not set. */
int settings_get(const Settings *s, SettingKey k, int dflt);

#endif
