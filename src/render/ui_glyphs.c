/* ui_glyphs.c: the two glyph sets. */
#include "render/ui_glyphs.h"

#include "session/markup.h"

static const char *const eighths[8] = {
    "", "\u258f", "\u258e", "\u258d", "\u258c", "\u258b", "\u258a", "\u2589",
};

static const char *const shades_utf8[5] = { "\u00b7", "\u2591", "\u2592", "\u2593", "\u2588" };
static const char *const shades_ascii[5] = { ".", ":", "=", "%", "#" };

static const Glyphs utf8_set = {
    .h = "\u2500", .v = "\u2502", .tl = "\u256d", .tr = "\u256e", .bl = "\u2570", .br = "\u256f",
    .arrow = " " GL_TO_UTF8 " ", .sel = "\u25b6", .target = "\u25b6", .top = "\u2605",
    .dot = "\u25cf", .run = "\u25b6", .pause = "\u2016",
    .ell = GL_ELL_UTF8,
    .axis_tick = "\u2524", .axis_v = "\u2502",
    .bar_full = "\u2588", .bar_part = eighths,
    .legend_raw = "\u2824\u2812", .legend_avg = "\u2501\u2501", .legend_ghost = "\u2812\u2812",
    .ascii_raw = ".", .ascii_avg = "*", .ascii_chance = "-", .ascii_lr = "*", .ascii_ghost = "o",
    .ascii_ahead = "'",
    .nonfinite = "\u00d7", .avg_h = "\u2501", .avg_v = "\u2503", .avg_dl = "\u2513", .avg_ur = "\u2517",
    .avg_ul = "\u251b", .avg_dr = "\u250f",
    .field_sep = " \u2502 ", .item_sep = " \u00b7", .chance_tick = "\u2506",
    .cut = GL_CUT_UTF8, .next = "\u203a", .pending = "\u00b7",
    .fh = "\u2501", .fv = "\u2503", .ftl = "\u250f", .ftr = "\u2513", .fbl = "\u2517", .fbr = "\u251b",
    .shade = shades_utf8,
};

static const Glyphs ascii_set = {
    .h = "-", .v = "|", .tl = "+", .tr = "+", .bl = "+", .br = "+",
    .arrow = " " GL_TO_ASCII " ", .sel = ">", .target = ">", .top = "*",
    .dot = "@", .run = ">", .pause = "||",
    .ell = GL_ELL_ASCII,
    .axis_tick = "+", .axis_v = "|",
    .bar_full = "#", .bar_part = 0,
    .legend_raw = "..", .legend_avg = "**", .legend_ghost = "oo",
    .ascii_raw = ".", .ascii_avg = "*", .ascii_chance = "-", .ascii_lr = "*", .ascii_ghost = "o",
    .ascii_ahead = "'",
    .nonfinite = "!", .avg_h = "*", .avg_v = "*", .avg_dl = "*", .avg_ur = "*", .avg_ul = "*",
    .avg_dr = "*",
    .field_sep = " | ", .item_sep = ",", .chance_tick = ":",
    .cut = GL_CUT_ASCII, .next = ">", .pending = ".",
    .fh = "=", .fv = "#", .ftl = "#", .ftr = "#", .fbl = "#", .fbr = "#",
    .shade = shades_ascii,
};

const Glyphs *glyphs_get(int ascii) { return ascii ? &ascii_set : &utf8_set; }

void glyph_braille(unsigned bits, char out[4])
{
    unsigned cp = 0x2800 + (bits & 0xff);
    out[0] = (char)(0xe0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
    out[2] = (char)(0x80 | (cp & 0x3f));
    out[3] = '\0';
}
