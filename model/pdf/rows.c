/* Body rows that the producer did not rule. Some templates (Taiwan's
 * budgets, many Word tables) draw only the column rules below the header,
 * so a whole page of items lands in one ruled row. Each item still prints
 * its amounts on one line, and items are separated by white space: we cut
 * such a row into one row per amount line. A number wrapped inside a
 * narrow ruled cell ("9509.1" / "2") is told apart by its tight leading. */
#include "bx_normalize.h"
#include "grid.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Amount lines closer than this many line heights are one wrapped value. */
#define ITEM_GAP 0.8
/* White space narrower than this (points) is leading, not a gap between items. */
#define MIN_GAP 1.0

typedef struct {
    double y0, y1;
    int col;
} span;

static int span_cmp(const void *a, const void *b)
{
    const span *x = a, *y = b;
    return (x->y0 > y->y0) - (x->y0 < y->y0);
}

/* The text lines of the glyphs of one cell slot (row r, column c): their
 * vertical extents in out, their texts (malloc'd) in texts. */
static int slot_lines(const bx_grid *g, int r, int c, const bx_glyph *gl, size_t n, span *out,
                      char **texts, int max)
{
    size_t *idx = bx_xmalloc((n + 1) * sizeof *idx);
    size_t *starts = bx_xmalloc((n + 1) * sizeof *starts);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        double cx = (gl[i].box.x0 + gl[i].box.x1) / 2, cy = (gl[i].box.y0 + gl[i].box.y1) / 2;
        if (cx >= g->xs[c] && cx < g->xs[c + 1] && cy >= g->ys[r] && cy < g->ys[r + 1])
            idx[m++] = i;
    }
    size_t lines = bx_glyph_lines(gl, idx, m, starts);
    int k = 0;
    for (size_t l = 0; l < lines && k < max; l++, k++) {
        bx_buf b;
        bx_buf_init(&b);
        out[k] = (span){INFINITY, -INFINITY, c};
        for (size_t a = starts[l]; a < starts[l + 1]; a++) {
            out[k].y0 = fmin(out[k].y0, gl[idx[a]].box.y0);
            out[k].y1 = fmax(out[k].y1, gl[idx[a]].box.y1);
            bx_buf_puts(&b, gl[idx[a]].text);
        }
        texts[k] = bx_buf_take(&b);
    }
    free(starts);
    free(idx);
    return k;
}

static int overlaps(const span *a, const span *b) { return a->y0 < b->y1 && b->y0 < a->y1; }

/* Keeps the number lines that line up with a number line in another column:
 * an item's amounts. A code printed on its own line above the item's name
 * is a number too, but stands alone. With a single numeric column every
 * line is kept. Returns the new count. */
static int keep_aligned(span *a, int n)
{
    int columns = 0;
    for (int i = 0; i < n && !columns; i++)
        for (int j = 0; j < n; j++)
            if (a[j].col != a[i].col)
                columns = 1;
    if (!columns)
        return n;
    unsigned char *keep = bx_xcalloc((size_t)n + 1, 1);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n && !keep[i]; j++)
            keep[i] = a[j].col != a[i].col && overlaps(&a[i], &a[j]);
    int m = 0;
    for (int i = 0; i < n; i++)
        if (keep[i])
            a[m++] = a[i];
    free(keep);
    return m;
}

/* True when the text of column col runs from y0 to y1 without a gap of
 * `gap` or more: one value wrapped over lines ("4053" / "3375." / "37"),
 * whichever of its fragments read as numbers. Lines sorted by y0. */
static int runs_unbroken(const span *lines, int n, int col, double y0, double y1, double gap)
{
    double reach = y0;
    for (int i = 0; i < n; i++) {
        if (lines[i].col != col || lines[i].y1 <= y0 || lines[i].y0 >= y1)
            continue;
        if (lines[i].y0 >= reach + gap)
            return 0;
        reach = fmax(reach, lines[i].y1);
    }
    return y1 < reach + gap;
}

/* True when some column holds two amount lines with white space between
 * them: several items in one ruled row. A column whose amount lines are
 * joined by tight leading holds one wrapped value: a ruled row. Anchors
 * and lines are sorted by y0. */
static int has_stacked_column(const span *anchors, int n, const span *lines, int n_lines,
                              double gap)
{
    int stacked = 0;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            if (anchors[j].col != anchors[i].col || overlaps(&anchors[i], &anchors[j]))
                continue;
            if (runs_unbroken(lines, n_lines, anchors[i].col, anchors[i].y0, anchors[j].y0, gap))
                return 0;
            stacked = 1;
        }
    return stacked;
}

/* The widest white space between lo and hi among the text lines of
 * columns up to max_col (lines sorted by y0); its middle goes to *at. */
static double widest_gap(const span *lines, int n, double lo, double hi, int max_col, double *at)
{
    double best = -1, reach = lo;
    *at = (lo + hi) / 2;
    for (int i = 0; i < n; i++) {
        if (lines[i].col > max_col || lines[i].y1 <= lo || lines[i].y0 >= hi)
            continue;
        if (lines[i].y0 - reach > best) {
            best = lines[i].y0 - reach;
            *at = (reach + lines[i].y0) / 2;
        }
        reach = fmax(reach, lines[i].y1);
    }
    if (hi - reach > best) {
        best = hi - reach;
        *at = (reach + hi) / 2;
    }
    return best;
}

/* Row cut positions for row r (returns how many, stored in cuts). */
static int row_cuts(const bx_grid *g, int r, const bx_glyph *gl, size_t n, double *cuts, int max)
{
    enum { MAX_LINES = 256 };
    span anchors[MAX_LINES], lines[MAX_LINES];
    int n_anchor = 0, n_line = 0, last_numeric_col = -1;
    double height = 0;
    for (int c = 0; c < bx_grid_cols(g); c++) {
        span s[MAX_LINES];
        char *texts[MAX_LINES] = {0};
        int k = slot_lines(g, r, c, gl, n, s, texts, MAX_LINES);
        for (int i = 0; i < k; i++) {
            if (bx_number_is(texts[i]) && n_anchor < MAX_LINES) {
                anchors[n_anchor++] = s[i];
                last_numeric_col = c;
                height = fmax(height, s[i].y1 - s[i].y0);
            }
            if (n_line < MAX_LINES)
                lines[n_line++] = s[i];
            free(texts[i]);
        }
    }
    n_anchor = keep_aligned(anchors, n_anchor);
    if (n_anchor < 2)
        return 0;
    qsort(anchors, (size_t)n_anchor, sizeof *anchors, span_cmp);
    qsort(lines, (size_t)n_line, sizeof *lines, span_cmp);
    if (!has_stacked_column(anchors, n_anchor, lines, n_line, ITEM_GAP * height))
        return 0; /* one value per column, whatever their vertical alignment */
    /* the amount lines of one item overlap across columns: one band each */
    int bands = 0;
    for (int i = 0; i < n_anchor; i++) {
        if (bands > 0 && anchors[i].y0 < anchors[bands - 1].y1)
            anchors[bands - 1].y1 = fmax(anchors[bands - 1].y1, anchors[i].y1);
        else
            anchors[bands++] = anchors[i];
    }
    int n_cuts = 0;
    for (int b = 0; b + 1 < bands && n_cuts < max; b++) {
        /* cut where no text runs, if there is such a place; else among the
         * label and amount columns only, and let a long remark be cut */
        double lo = anchors[b].y1, hi = anchors[b + 1].y0, at;
        if (widest_gap(lines, n_line, lo, hi, INT_MAX, &at) < MIN_GAP)
            widest_gap(lines, n_line, lo, hi, last_numeric_col, &at);
        cuts[n_cuts++] = at;
    }
    return n_cuts;
}

static int owner_at(const bx_grid *g, int r, int c) { return g->owner[r * bx_grid_cols(g) + c]; }

bx_grid *bx_grid_split_rows(bx_grid *g, const bx_glyph *glyphs, size_t n)
{
    int rows = bx_grid_rows(g), cols = bx_grid_cols(g);
    double *ys = bx_xmalloc((size_t)g->ny * sizeof *ys);
    int *from_row = bx_xmalloc((size_t)g->ny * sizeof *from_row); /* original row of each new row */
    int ny = 0;
    size_t cap = (size_t)g->ny;
    for (int r = 0; r < rows; r++) {
        ys = bx_grow(ys, &cap, (size_t)ny + 2, sizeof *ys);
        from_row = bx_xrealloc(from_row, cap * sizeof *from_row);
        ys[ny] = g->ys[r];
        from_row[ny++] = r;
        double cuts[512];
        int k = row_cuts(g, r, glyphs, n, cuts, 512);
        for (int i = 0; i < k; i++) {
            ys = bx_grow(ys, &cap, (size_t)ny + 2, sizeof *ys);
            from_row = bx_xrealloc(from_row, cap * sizeof *from_row);
            ys[ny] = cuts[i];
            from_row[ny++] = -1 - r; /* a cut inside row r */
        }
    }
    if (ny == g->ny - 1) {
        free(ys);
        free(from_row);
        return g;
    }
    ys[ny++] = g->ys[rows];
    int nrows = ny - 1, nx = g->nx;
    unsigned char *v = bx_xcalloc((size_t)nrows * (size_t)nx, 1);
    unsigned char *h = bx_xcalloc((size_t)ny * (size_t)cols, 1);
    for (int i = 0; i < nrows; i++) {
        int r = 0;
        for (int j = i; j >= 0; j--)
            if (from_row[j] >= 0) {
                r = from_row[j];
                break;
            }
        for (int x = 0; x < nx; x++)
            v[i * nx + x] = x == 0 || x == nx - 1 || owner_at(g, r, x - 1) != owner_at(g, r, x);
    }
    for (int i = 0; i < ny; i++)
        for (int c = 0; c < cols; c++) {
            if (i == 0 || i == ny - 1 || from_row[i] < 0)
                h[i * cols + c] = 1;
            else
                h[i * cols + c] = owner_at(g, from_row[i] - 1, c) != owner_at(g, from_row[i], c);
        }
    double *xs = bx_xmalloc((size_t)nx * sizeof *xs);
    memcpy(xs, g->xs, (size_t)nx * sizeof *xs);
    bx_grid *out = bx_grid_from_borders(xs, nx, ys, ny, v, h);
    free(v);
    free(h);
    free(from_row);
    bx_grid_free(g);
    return out;
}
