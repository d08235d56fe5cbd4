/* Private to extract/: collecting ruling lines while Poppler renders. */
#ifndef BX_PATHS_PRIVATE_H
#define BX_PATHS_PRIVATE_H

#include "bx_extract.h"

#include <cairo.h>

typedef struct {
    bx_rule *rules;
    size_t n, cap;
} bx_rule_sink;

/* Whether Poppler's cairo calls reach this file's definitions: the first
 * cairo_stroke (and the others) in the process's global symbol search order
 * must be ours. */
int bx_paths_active(void);

/* Marks cr so that its strokes and fills are copied into sink and its glyph
 * drawing is skipped. */
void bx_paths_observe(cairo_t *cr, bx_rule_sink *sink);

/* Brackets a rule pass on this thread: inside it, Poppler loads no font
 * (see locate_font in paths.c). */
void bx_paths_begin(void);
void bx_paths_end(void);

/* Brackets a picture of a page on this thread: Poppler's line for a font it
 * cannot load is counted, not printed; end returns the count. */
void bx_paths_quiet_begin(void);
unsigned bx_paths_quiet_end(void);

#endif
