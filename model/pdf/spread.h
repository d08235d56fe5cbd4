/* Private to model/: tables printed over facing pages (model/spread.c). */
#ifndef BX_SPREAD_H
#define BX_SPREAD_H

#include "grid.h"

typedef struct bx_patterns bx_patterns;

/* True when the page whose first grid is g and whose lines outside the
 * grids are lines[0..n) may be the left half of a spread: no table title
 * above g, and a line above it that runs to g's right edge (a title cut at
 * the gutter). */
int bx_spread_left_half(const bx_grid *g, const bx_line *lines, size_t n, const bx_patterns *pat);

/* When grid lg (lines ll) and grid rg on the next page (lines rl) are the
 * two halves of one table: their top and bottom edges agree, and a line
 * flush with lg's right edge and one at the same height flush with rg's
 * left edge make a table title together. Returns how far to move the right
 * page to the right so that rg's left edge lies on lg's right edge; NAN
 * when they are no spread. */
double bx_spread_offset(const bx_grid *lg, const bx_line *ll, size_t nl, const bx_grid *rg,
                        const bx_line *rl, size_t nr, const bx_patterns *pat);

/* The two pages as one: right's glyphs and rules moved by offset. Free with
 * bx_page_free. */
bx_page *bx_pages_join(const bx_page *left, const bx_page *right, double offset);

#endif
