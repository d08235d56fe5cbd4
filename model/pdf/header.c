/* Where a grid's header ends and its body begins. */
#include "bx_normalize.h"
#include "grid.h"

#include <stdlib.h>

/* Final accounts often number their columns under the header ("栏次 | 1 |
 * 2 | 3 ..."): small integers counting up by one are labels, not amounts. */
static int is_column_number_row(const bx_grid *g, int r)
{
    long expect = -1;
    int count = 0;
    for (int c = 0; c < bx_grid_cols(g); c++) {
        const bx_cell *cell = bx_grid_at(g, r, c);
        if (!bx_cell_starts_at(cell, r, c) || !bx_number_is(cell->text))
            continue;
        char *end;
        long v = strtol(cell->text, &end, 10);
        if (*end != '\0' || (expect >= 0 && v != expect) || v > 99)
            return 0;
        expect = v + 1;
        count++;
    }
    return count >= 3;
}

/* A header is never blank, never holds amounts and never starts with a
 * one-row totals label; the first row that does is the body's first. */
static int is_body_row(const bx_grid *g, int r, const bx_patterns *pat)
{
    if (is_column_number_row(g, r))
        return 0;
    int any_text = 0, spanned = 0;
    for (int c = 0; c < bx_grid_cols(g); c++) {
        const bx_cell *cell = bx_grid_at(g, r, c);
        if (cell->r0 < r)
            spanned = 1;
        if (!bx_cell_starts_at(cell, r, c) || !*cell->text)
            continue;
        any_text = 1;
        if (bx_number_is(cell->text))
            return 1;
    }
    const bx_cell *first = bx_grid_at(g, r, 0);
    if (first->r0 == r && first->r1 == r + 1 && bx_is_total_label(pat, first->text))
        return 1;
    return !any_text && !spanned;
}

int bx_header_rows(const bx_grid *g, int first_row, const bx_patterns *pat)
{
    for (int r = first_row; r < bx_grid_rows(g); r++)
        if (is_body_row(g, r, pat))
            return r - first_row;
    return bx_grid_rows(g) > first_row ? 1 : 0;
}

