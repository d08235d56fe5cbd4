/* A page's grids: the ruled boxes of its rules (grid.c), those that cannot
 * be tables dropped, unruled item rows cut (rows.c), glyphs put in. */
#include "grid.h"

#include <stdlib.h>

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

/* A page drawn over with stray rules (issue 13: 200,000 of them on a real
 * report) must neither keep the grid search busy for tens of seconds nor
 * hide its tables in a mesh of noise. No table we know needs more than
 * about 1,000 rules on a page; past NOISY_RULES the rules shorter than
 * any cell's border (noise of that size merges with the real borders
 * into lines through the text) are dropped, and when that still leaves
 * too many, the rules are noise through and through: the page is read
 * as unruled (its tables from text alignment, bx_borderless_grid). */
#define NOISY_RULES 5000
#define NOISE_LENGTH 8.0

/* The rules worth a grid search: page->rules itself, or a filtered copy
 * in *copy (freed by the caller), or none. */
static size_t table_rules(const bx_page *page, bx_rule **copy, const bx_rule **rules)
{
    *copy = NULL;
    *rules = page->rules;
    if (page->n_rules <= NOISY_RULES)
        return page->n_rules;
    bx_rule *kept = bx_xmalloc(NOISY_RULES * sizeof *kept);
    size_t n = 0;
    for (size_t i = 0; i < page->n_rules; i++) {
        const bx_rule *r = &page->rules[i];
        if (r->to - r->from < NOISE_LENGTH)
            continue;
        if (n == NOISY_RULES) { /* still noise: no rule is a border */
            free(kept);
            return 0;
        }
        kept[n++] = *r;
    }
    *copy = kept;
    *rules = kept;
    return n;
}

int bx_page_grids(const bx_page *page, unsigned char *used, bx_grid ***out)
{
    bx_grid **grids;
    bx_rule *copy;
    const bx_rule *rules;
    size_t n_rules = table_rules(page, &copy, &rules);
    int n = bx_grids_find(rules, n_rules, &grids), kept = 0;
    free(copy);
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
