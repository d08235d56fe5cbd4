/* Ruling lines from vector paths.
 *
 * Poppler GLib has no API for a page's paths, so we watch cairo instead:
 * the page is rendered into a 1x1 surface, and this file defines
 * cairo_stroke, cairo_fill (and their _preserve forms) and cairo_show_glyphs.
 * Because executables and the libraries linked before libcairo come first in
 * the dynamic linker's search order, Poppler's calls land here; we copy the
 * current path of contexts tagged with our user-data key and pass everything
 * on to libcairo's own functions (found with dlsym(RTLD_NEXT)). Measured on
 * the corpus this costs about as much as the text pass itself, against 2-4x
 * for rendering a bitmap and searching it for dark runs, and it yields exact
 * coordinates instead of pixels. Contexts without our tag (anything else in
 * the process using cairo) are untouched.
 *
 * The same holds inside the shared libbudgetx, provided the program's link
 * line names libbudgetx before libcairo (pkg-config's order does): the
 * dynamic linker then meets our definitions first. When it does not,
 * Poppler's calls would bypass us and every page would look unruled, so
 * bx_paths_active tells, and bx_doc_open refuses rather than read tables
 * badly.
 */
#define _GNU_SOURCE
#include "paths_private.h"

#include <dlfcn.h>
#include <poppler.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rules are thin: a filled rectangle thicker than this is an area, not a line. */
#define RULE_MAX_WIDTH 3.0
/* Shorter marks are glyph parts, bullets or dashes rather than borders. */
#define RULE_MIN_LENGTH 2.0

static const cairo_user_data_key_t sink_key;

typedef void (*draw_fn)(cairo_t *);
typedef void (*glyphs_fn)(cairo_t *, const cairo_glyph_t *, int);
/* GfxFont::locateFont(XRef *, PSOutputDev *), as libpoppler exports it */
#define LOCATE_FONT "_ZN7GfxFont10locateFontEP4XRefP11PSOutputDev"
/* the Poppler whose result layout of it was read (see locate_font) */
#define KNOWN_POPPLER "22.12."
typedef void *(*locate_font_fn)(void *result, void *font, void *xref, void *ps);

/* How many rule passes this thread is inside (bx_paths_begin/end). Scoped to
 * the thread and to the call, so renders anywhere else still find fonts. */
static _Thread_local int rule_passes;
/* Inside bx_paths_quiet_begin/end on this thread: how deep, and how many
 * font failures were counted there instead of printed. */
static _Thread_local int quiet_depth;
static _Thread_local unsigned quiet_dropped;
/* Inside bx_stderr_hold_begin/end on this thread: every print to stderr is
 * held (counted), whatever it says. */
static _Thread_local int hold_depth;
static _Thread_local unsigned hold_count;

/* Resolved once; read-only afterwards. */
static struct {
    draw_fn stroke, stroke_preserve, fill, fill_preserve;
    glyphs_fn show_glyphs;
    locate_font_fn locate_font;
    int locate_font_known; /* the Poppler whose result layout was read */
} real;
static pthread_once_t real_once = PTHREAD_ONCE_INIT;

static void resolve_real(void)
{
    real.stroke = (draw_fn)dlsym(RTLD_NEXT, "cairo_stroke");
    real.stroke_preserve = (draw_fn)dlsym(RTLD_NEXT, "cairo_stroke_preserve");
    real.fill = (draw_fn)dlsym(RTLD_NEXT, "cairo_fill");
    real.fill_preserve = (draw_fn)dlsym(RTLD_NEXT, "cairo_fill_preserve");
    real.show_glyphs = (glyphs_fn)dlsym(RTLD_NEXT, "cairo_show_glyphs");
    real.locate_font = (locate_font_fn)dlsym(RTLD_NEXT, LOCATE_FONT);
    real.locate_font_known = strncmp(poppler_get_version(), KNOWN_POPPLER,
                                     sizeof KNOWN_POPPLER - 1) == 0;
}

int bx_paths_active(void)
{
    static const char *const names[] = {"cairo_stroke", "cairo_stroke_preserve", "cairo_fill",
                                        "cairo_fill_preserve", "cairo_show_glyphs"};
    Dl_info mine;
    if (!dladdr((void *)resolve_real, &mine))
        return 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        Dl_info first;
        void *found = dlsym(RTLD_DEFAULT, names[i]);
        if (!found || !dladdr(found, &first) || first.dli_fbase != mine.dli_fbase)
            return 0;
    }
    return 1;
}

void bx_paths_observe(cairo_t *cr, bx_rule_sink *sink)
{
    pthread_once(&real_once, resolve_real);
    cairo_set_user_data(cr, &sink_key, sink, NULL);
}

void bx_paths_begin(void)
{
    rule_passes++;
}

void bx_paths_end(void)
{
    rule_passes--;
}

void bx_paths_quiet_begin(void)
{
    if (quiet_depth++ == 0)
        quiet_dropped = 0;
}

unsigned bx_paths_quiet_end(void)
{
    quiet_depth--;
    return quiet_dropped;
}

void bx_stderr_hold_begin(void)
{
    if (hold_depth++ == 0)
        hold_count = 0;
}

unsigned bx_stderr_hold_end(void)
{
    hold_depth--;
    return hold_count;
}

static void add_rule(bx_rule_sink *sink, bx_rule_dir dir, double pos, double a, double b,
                     double width)
{
    if (fabs(b - a) < RULE_MIN_LENGTH)
        return;
    sink->rules = bx_grow(sink->rules, &sink->cap, sink->n + 1, sizeof *sink->rules);
    sink->rules[sink->n++] = (bx_rule){dir, pos, fmin(a, b), fmax(a, b), width};
}

/* A filled sub-path becomes a rule when its bounding box is a thin bar. */
static void add_filled(bx_rule_sink *sink, double x0, double y0, double x1, double y1)
{
    double w = x1 - x0, h = y1 - y0;
    if (h <= RULE_MAX_WIDTH && w > h)
        add_rule(sink, BX_RULE_H, (y0 + y1) / 2, x0, x1, h);
    else if (w <= RULE_MAX_WIDTH && h > w)
        add_rule(sink, BX_RULE_V, (x0 + x1) / 2, y0, y1, w);
}

/* A stroked straight segment becomes a rule when it is axis-aligned. */
static void add_stroked(bx_rule_sink *sink, double ax, double ay, double bx, double by,
                        double width)
{
    if (fabs(ay - by) < 0.5)
        add_rule(sink, BX_RULE_H, (ay + by) / 2, ax, bx, width);
    else if (fabs(ax - bx) < 0.5)
        add_rule(sink, BX_RULE_V, (ax + bx) / 2, ay, by, width);
}

typedef struct {
    double x0, y0, x1, y1; /* bounding box of the sub-path so far */
    double sx, sy;         /* start point */
    double cx, cy;         /* current point */
    int open;
} subpath;

static void box_add(subpath *s, double x, double y)
{
    s->x0 = fmin(s->x0, x);
    s->y0 = fmin(s->y0, y);
    s->x1 = fmax(s->x1, x);
    s->y1 = fmax(s->y1, y);
}

static void collect(cairo_t *cr, int filled)
{
    bx_rule_sink *sink = cairo_get_user_data(cr, &sink_key);
    if (!sink)
        return;
    double width = cairo_get_line_width(cr), wy = 0;
    cairo_user_to_device_distance(cr, &width, &wy);
    width = hypot(width, wy);
    cairo_path_t *path = cairo_copy_path(cr);
    subpath s = {0};
    for (int i = 0; i < path->num_data; i += path->data[i].header.length) {
        cairo_path_data_t *d = &path->data[i];
        double x = 0, y = 0;
        if (d->header.type != CAIRO_PATH_CLOSE_PATH) {
            int last = d->header.type == CAIRO_PATH_CURVE_TO ? 3 : 1;
            x = d[last].point.x;
            y = d[last].point.y;
            cairo_user_to_device(cr, &x, &y);
        }
        switch (d->header.type) {
        case CAIRO_PATH_MOVE_TO:
            if (filled && s.open)
                add_filled(sink, s.x0, s.y0, s.x1, s.y1);
            s = (subpath){x, y, x, y, x, y, x, y, 1};
            break;
        case CAIRO_PATH_LINE_TO:
        case CAIRO_PATH_CURVE_TO:
            if (!filled && d->header.type == CAIRO_PATH_LINE_TO)
                add_stroked(sink, s.cx, s.cy, x, y, width);
            box_add(&s, x, y);
            s.cx = x;
            s.cy = y;
            break;
        case CAIRO_PATH_CLOSE_PATH:
            if (!filled)
                add_stroked(sink, s.cx, s.cy, s.sx, s.sy, width);
            s.cx = s.sx;
            s.cy = s.sy;
            break;
        }
    }
    if (filled && s.open)
        add_filled(sink, s.x0, s.y0, s.x1, s.y1);
    cairo_path_destroy(path);
}

/* The interposed cairo entry points. */

void cairo_stroke(cairo_t *cr)
{
    pthread_once(&real_once, resolve_real);
    collect(cr, 0);
    real.stroke(cr);
}

void cairo_stroke_preserve(cairo_t *cr)
{
    pthread_once(&real_once, resolve_real);
    collect(cr, 0);
    real.stroke_preserve(cr);
}

void cairo_fill(cairo_t *cr)
{
    pthread_once(&real_once, resolve_real);
    collect(cr, 1);
    real.fill(cr);
}

void cairo_fill_preserve(cairo_t *cr)
{
    pthread_once(&real_once, resolve_real);
    collect(cr, 1);
    real.fill_preserve(cr);
}

void cairo_show_glyphs(cairo_t *cr, const cairo_glyph_t *glyphs, int num_glyphs)
{
    pthread_once(&real_once, resolve_real);
    if (cairo_get_user_data(cr, &sink_key))
        return; /* text comes from the text layer; drawing it is wasted time */
    real.show_glyphs(cr, glyphs, num_glyphs);
}

/* Poppler's cairo font engine loads a font for every font object it meets
 * (per page, in reports whose pages each carry their own font dictionary):
 * an embedded CJK font file of megabytes inflated again, or a system font
 * found through fontconfig to stand in for one not embedded, then a map
 * from each CID to a glyph. A rule pass draws no glyph, so inside one the
 * engine's first question, GfxFont::locateFont of libpoppler, is answered
 * "nowhere": the engine takes it as a font it cannot load and does not
 * remember it, so a later render of the same document still finds it. On
 * the corpus that took 40-55% of the instructions of a whole extract.
 *
 * locateFont returns a std::optional<GfxFontLoc>: by the Itanium C++ ABI
 * through a hidden result pointer passed first, then `this`, then the
 * arguments, the result pointer returned. In libstdc++ the optional is the
 * 56-byte GfxFontLoc followed by its "engaged" flag; Poppler 22.12's caller
 * reserves 64 bytes and tests the byte at 56. All zero is an empty optional.
 * The mangled name encodes the arguments, not the result: so only the
 * Poppler whose layout was read is answered so; any other gets the real
 * function (correct, without the speed). */
#define EMPTY_FONT_LOCATION_SIZE 64

void *locate_font(void *result, void *font, void *xref, void *ps) __asm__(LOCATE_FONT);
void *locate_font(void *result, void *font, void *xref, void *ps)
{
    pthread_once(&real_once, resolve_real);
    if ((rule_passes > 0 && real.locate_font_known) || !real.locate_font) {
        memset(result, 0, EMPTY_FONT_LOCATION_SIZE);
        return result;
    }
    return real.locate_font(result, font, xref, ps);
}

/* The font Poppler could not load (above) makes its cairo font engine print
 * this line to stderr, once per font object: on a report of non-embedded
 * fonts, once per page. In a rule pass it is our own doing and dropped; in
 * a picture of a page (bx_paths_quiet_begin) it means a damaged font whose
 * text is missing from the picture, counted for one summary line instead.
 * Inside bx_stderr_hold_begin/end every print to stderr is held. Every
 * other print passes through. Debian builds
 * Poppler with _FORTIFY_SOURCE, so its fprintf calls arrive as glibc's
 * __fprintf_chk. */
static const char font_failed_line[] = "some font thing failed\n";

/* glibc's own declarations exist only under _FORTIFY_SOURCE. */
int __fprintf_chk(FILE *stream, int flag, const char *format, ...);
int __vfprintf_chk(FILE *stream, int flag, const char *format, va_list ap);

int __fprintf_chk(FILE *stream, int flag, const char *format, ...)
{
    if (hold_depth > 0 && stream == stderr) {
        hold_count++;
        return 0;
    }
    if ((rule_passes > 0 || quiet_depth > 0) && stream == stderr &&
        strcmp(format, font_failed_line) == 0) {
        quiet_dropped += rule_passes == 0; /* in a pass it is our own doing */
        return (int)sizeof font_failed_line - 1;
    }
    va_list ap;
    va_start(ap, format);
    int n = __vfprintf_chk(stream, flag, format, ap);
    va_end(ap);
    return n;
}
