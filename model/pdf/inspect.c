/* The grids of one page as boxes, for drawing what the model saw. */
#include "bx_pdf.h"
#include "bx_normalize.h"
#include "grid.h"

#include <stdlib.h>

static void add_grid_cells(const bx_grid *g, int gi, int header_rows, bx_cell_box **out,
                           size_t *n, size_t *cap)
{
    for (int k = 0; k < g->n_cells; k++) {
        const bx_cell *c = &g->cells[k];
        *out = bx_grow(*out, cap, *n + 1, sizeof **out);
        (*out)[(*n)++] = (bx_cell_box){
            {g->xs[c->c0], g->ys[c->r0], g->xs[c->c1], g->ys[c->r1]},
            gi, c->r0, c->c0, c->r1 - c->r0, c->c1 - c->c0, c->r0 < header_rows,
        };
    }
}

bx_status bx_page_cells(bx_doc *doc, int index, bx_cell_box **out, size_t *n, bx_error *err)
{
    *out = NULL;
    *n = 0;
    bx_page *page;
    bx_status s = bx_doc_load_page(doc, index, BX_LOAD_RULES_ALWAYS, &page, err);
    if (s != BX_OK)
        return s;
    bx_patterns *pat;
    s = bx_patterns_new(&pat, err);
    if (s != BX_OK) {
        bx_page_free(page);
        return s;
    }
    bx_grid **grids;
    unsigned char *used = bx_xcalloc(page->n_glyphs + 1, 1);
    int count = bx_page_grids(page, used, &grids);
    size_t cap = 0;
    for (int i = 0; i < count; i++)
        add_grid_cells(grids[i], i, bx_header_rows(grids[i], 0, pat), out, n, &cap);
    free(used);
    bx_grids_free(grids, count);
    bx_patterns_free(pat);
    bx_page_free(page);
    return BX_OK;
}
