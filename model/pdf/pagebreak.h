/* Private to model/: text carried over a page break (model/pagebreak.c). */
#ifndef BX_PAGEBREAK_H
#define BX_PAGEBREAK_H

#include "grid.h"

/* Where the band y0..y1 of a table with column lines xs[0..nx) (the first
 * body row on a page that continues the table) divides into text carried
 * from the previous page and the row's own lines: the lines above the
 * row's first amount line, all of them in columns right of that line's
 * amounts. NAN when nothing is carried. */
double bx_carried_cut(const bx_glyph *glyphs, size_t n, const double *xs, int nx, double y0,
                      double y1);

/* The text of each column of xs between y0 and y1 (amounts cleaned as a
 * body cell's are); nx - 1 malloc'd strings in a malloc'd array. */
char **bx_columns_text(const bx_glyph *glyphs, size_t n, const double *xs, int nx, double y0,
                       double y1);

#endif
