/* A page's grids: the ruled boxes of its rules (grid.c), those that cannot
 * be tables dropped, unruled item rows cut (rows.c), glyphs put in. */
#include "grid.h"

/* An empty grid narrower or lower than these (points) is a box, not a
 * table (or the empty rows of one, run on to the next page). */
#define MIN_EMPTY_TABLE 72.0
#define MIN_EMPTY_ROW 8.0

/* Text drawn as outlines (a cover's title in a display font) leaves little
 * ruled boxes inside its glyphs. A table's cells hold whole glyphs; those
 * boxes only cut through them. A grid with no text at all may be a table
 * printed empty, if it is big enough to be one. */
static int is_table_like(const bx_grid *g, const bx_glyph *glyphs, size_t n)
{
    int inside = 0, cols = g->nx - 1;
    for (size_t i = 0; i < n; i++) {
        const bx_box *b = &glyphs[i].box;
        double cx = (b->x0 + b->x1) / 2, cy = (b->y0 + b->y1) / 2;
        int c = bx_grid_interval(g->xs, g->nx, cx), r = bx_grid_interval(g->ys, g->ny, cy);
        if (c < 0 || r < 0)
            continue;
        inside = 1;
        const bx_cell *cell = &g->cells[g->owner[r * cols + c]];
        double slack = 0.25 * (b->y1 - b->y0);
        if (b->x0 >= g->xs[cell->c0] - slack && b->x1 <= g->xs[cell->c1] + slack &&
            b->y0 >= g->ys[cell->r0] - slack && b->y1 <= g->ys[cell->r1] + slack)
            return 1;
    }
    return !inside && g->xs[g->nx - 1] - g->xs[0] >= MIN_EMPTY_TABLE &&
           g->ys[g->ny - 1] - g->ys[0] >= MIN_EMPTY_ROW;
}

int bx_page_grids(const bx_page *page, unsigned char *used, bx_grid ***out)
{
    bx_grid **grids;
    int n = bx_grids_find(page->rules, page->n_rules, &grids), kept = 0;
    for (int i = 0; i < n; i++) {
        if (!is_table_like(grids[i], page->glyphs, page->n_glyphs)) {
            bx_grid_free(grids[i]);
            continue;
        }
        grids[kept] = bx_grid_split_rows(grids[i], page->glyphs, page->n_glyphs);
        bx_grid_fill(grids[kept], page->glyphs, page->n_glyphs, used);
        kept++;
    }
    *out = grids;
    return kept;
}
