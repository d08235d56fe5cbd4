/* Text carried over a page break: a long 說明 that does not fit on its
 * page goes on at the top of the next page, above the first row of that
 * page's own. Its lines sit above the row's first amount line and leave
 * the row's code, name and amount columns empty; they end the previous page's
 * last row. */
#include "bx_normalize.h"
#include "pagebreak.h"

#include <math.h>
#include <stdlib.h>

static int column_of(const double *xs, int nx, double x)
{
    for (int j = 0; j + 1 < nx; j++)
        if (x >= xs[j] && x < xs[j + 1])
            return j;
    return -1;
}

char **bx_columns_text(const bx_glyph *glyphs, size_t n, const double *xs, int nx, double y0,
                       double y1)
{
    int cols = nx - 1;
    size_t *idx = bx_xmalloc((n + 1) * sizeof *idx);
    char **cells = bx_xmalloc((size_t)cols * sizeof *cells);
    for (int j = 0; j < cols; j++) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            double cx = (glyphs[i].box.x0 + glyphs[i].box.x1) / 2;
            double cy = (glyphs[i].box.y0 + glyphs[i].box.y1) / 2;
            if (cy >= y0 && cy < y1 && column_of(xs, nx, cx) == j)
                idx[m++] = i;
        }
        char *text = bx_glyphs_text(glyphs, idx, m);
        cells[j] = bx_number_clean(text);
        free(text);
    }
    free(idx);
    return cells;
}

/* True when s holds digits and nothing but what amounts are printed with:
 * a piece of a number wrapped in a narrow cell ("47,0"), which no run-on
 * remark is. */
static int number_piece(const char *s)
{
    int digit = 0;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9')
            digit = 1;
        else if (*s != ',' && *s != '.' && *s != '-')
            return 0;
    }
    return digit;
}

/* The last table column in which line [a, b) of glyph indices idx holds
 * an amount or a piece of one, or -1; *leftmost gets the first column it
 * has text in. */
static int amount_column(const bx_glyph *glyphs, const size_t *idx, size_t a, size_t b,
                         const double *xs, int nx, int *leftmost)
{
    *leftmost = nx;
    int found = -1;
    for (int j = 0; j + 1 < nx; j++) {
        bx_buf text;
        bx_buf_init(&text);
        for (size_t k = a; k < b; k++) {
            const bx_glyph *g = &glyphs[idx[k]];
            if (column_of(xs, nx, (g->box.x0 + g->box.x1) / 2) == j)
                bx_buf_puts(&text, g->text);
        }
        char *t = bx_buf_take(&text);
        if (*t && j < *leftmost)
            *leftmost = j;
        if (bx_number_is(t) || number_piece(t))
            found = j;
        free(t);
    }
    return found;
}

double bx_carried_cut(const bx_glyph *glyphs, size_t n, const double *xs, int nx, double y0,
                      double y1)
{
    size_t *idx = bx_xmalloc((n + 1) * sizeof *idx), *starts = bx_xmalloc((n + 2) * sizeof *starts);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        double cx = (glyphs[i].box.x0 + glyphs[i].box.x1) / 2;
        double cy = (glyphs[i].box.y0 + glyphs[i].box.y1) / 2;
        if (cy >= y0 && cy < y1 && column_of(xs, nx, cx) >= 0)
            idx[m++] = i;
    }
    size_t lines = bx_glyph_lines(glyphs, idx, m, starts);
    double cut = NAN, carried_bottom = -INFINITY;
    int carried_left = nx;
    for (size_t l = 0; l < lines; l++) {
        int leftmost, amount = amount_column(glyphs, idx, starts[l], starts[l + 1], xs, nx, &leftmost);
        double top = INFINITY, bottom = -INFINITY;
        for (size_t k = starts[l]; k < starts[l + 1]; k++) {
            top = fmin(top, glyphs[idx[k]].box.y0);
            bottom = fmax(bottom, glyphs[idx[k]].box.y1);
        }
        if (amount < 0) {
            carried_left = leftmost < carried_left ? leftmost : carried_left;
            carried_bottom = fmax(carried_bottom, bottom);
            continue;
        }
        /* the row's own line: what stood above it is carried when it kept
         * to the columns right of the row's amounts (a remark), not to
         * its code or name, which may be centred on the amount line */
        if (l > 0 && carried_left > amount && top > carried_bottom)
            cut = (carried_bottom + top) / 2;
        break;
    }
    free(starts);
    free(idx);
    return cut;
}
