/* Tables printed without rules. Some producers draw no borders at all, or
 * only a three-line table's horizontal rules, so no grid is found; yet the
 * table still aligns: every column's glyph runs leave white space on both
 * sides, the same for every row (names flush left, amounts flush right),
 * and rows are separated by more leading than the wrapped lines of a cell.
 * We read columns from the white space shared by the body's rows and rows
 * from the white space between bands of text, and build the same bx_grid a
 * ruled table gives, so that header split, stitching and checks apply. */
#include "bx_normalize.h"
#include "grid.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* White space between rows is at least this share of a glyph's height
 * (wrapped lines of one cell touch or nearly so). */
#define ROW_GAP 0.3
/* White space between columns is at least this share of a glyph's height,
 * and this many points (cell padding on both sides). */
#define COL_GAP 0.3
#define MIN_COL_GAP 2.0
/* A column holds amounts when at least this share of the body rows that
 * print in it print a number; a table needs this many such columns (one,
 * for the last rows of a table broken by the page: a side-by-side table's
 * income half may have ended). */
#define AMOUNT_SHARE 0.5
#define MIN_AMOUNT_COLS 2

typedef struct {
    double lo, hi;
} interval;

typedef struct {
    const bx_glyph *gl;
    size_t *idx; /* glyphs of the region */
    size_t n;
    double height; /* median glyph height */
} region;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int cmp_interval(const void *a, const void *b)
{
    const interval *x = a, *y = b;
    return (x->lo > y->lo) - (x->lo < y->lo);
}

/* Merges intervals closer than gap into runs; sorts iv. Returns the count. */
static int merge_intervals(interval *iv, int n, double gap)
{
    qsort(iv, (size_t)n, sizeof *iv, cmp_interval);
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (m > 0 && iv[i].lo < iv[m - 1].hi + gap)
            iv[m - 1].hi = fmax(iv[m - 1].hi, iv[i].hi);
        else
            iv[m++] = iv[i];
    }
    return m;
}

static double median_height(const bx_glyph *gl, const size_t *idx, size_t n)
{
    double *h = bx_xmalloc((n + 1) * sizeof *h);
    for (size_t i = 0; i < n; i++)
        h[i] = gl[idx[i]].box.y1 - gl[idx[i]].box.y0;
    qsort(h, n, sizeof *h, cmp_double);
    double m = n ? h[n / 2] : 0;
    free(h);
    return m;
}

/* The glyph runs of one band (glyphs whose vertical centre lies in it),
 * split where white space as wide as a column gap shows. texts[k] gets
 * each run's text (malloc'd) when texts is not NULL. */
static int band_runs(const region *rg, interval band, double gap, interval *runs, char **texts)
{
    int n = 0;
    for (size_t i = 0; i < rg->n; i++) {
        const bx_box *b = &rg->gl[rg->idx[i]].box;
        double cy = (b->y0 + b->y1) / 2;
        if (cy >= band.lo && cy < band.hi)
            runs[n++] = (interval){b->x0, b->x1};
    }
    n = merge_intervals(runs, n, gap);
    if (!texts)
        return n;
    size_t *pick = bx_xmalloc((rg->n + 1) * sizeof *pick);
    for (int k = 0; k < n; k++) {
        size_t m = 0;
        for (size_t i = 0; i < rg->n; i++) {
            const bx_box *b = &rg->gl[rg->idx[i]].box;
            double cy = (b->y0 + b->y1) / 2, cx = (b->x0 + b->x1) / 2;
            if (cy >= band.lo && cy < band.hi && cx >= runs[k].lo && cx <= runs[k].hi)
                pick[m++] = rg->idx[i];
        }
        texts[k] = bx_glyphs_text(rg->gl, pick, m);
    }
    free(pick);
    return n;
}

/* Bands of text separated by row gaps, top to bottom. */
static int find_bands(const region *rg, interval *bands)
{
    for (size_t i = 0; i < rg->n; i++)
        bands[i] = (interval){rg->gl[rg->idx[i]].box.y0, rg->gl[rg->idx[i]].box.y1};
    return merge_intervals(bands, (int)rg->n, ROW_GAP * rg->height);
}

/* Whether band b is a body row (a number among its runs) and whether it is
 * a totals row (its first run a totals label, which spans the code
 * columns and so says nothing about them). */
static void classify_band(const region *rg, interval band, double gap, const bx_patterns *pat,
                          int *body, int *total)
{
    interval *runs = bx_xmalloc((rg->n + 1) * sizeof *runs);
    char **texts = bx_xcalloc(rg->n + 1, sizeof *texts);
    int n = band_runs(rg, band, gap, runs, texts);
    *body = 0;
    *total = n > 0 && bx_is_total_label(pat, texts[0]);
    for (int k = 0; k < n; k++) {
        *body |= bx_number_is(texts[k]);
        free(texts[k]);
    }
    free(texts);
    free(runs);
}

/* The glyph runs of the header (the region above y = bottom), line by
 * line (line_y: the bottom of each run's line): a header's cells are
 * stacked lines of text, and a column's label stands apart only on its
 * own line. */
static int header_runs(const region *rg, double bottom, double gap, interval *runs, double *line_y)
{
    size_t *idx = bx_xmalloc((rg->n + 1) * sizeof *idx), *starts, m = 0;
    for (size_t i = 0; i < rg->n; i++)
        if ((rg->gl[rg->idx[i]].box.y0 + rg->gl[rg->idx[i]].box.y1) / 2 < bottom)
            idx[m++] = rg->idx[i];
    starts = bx_xmalloc((m + 1) * sizeof *starts);
    size_t lines = bx_glyph_lines(rg->gl, idx, m, starts);
    int n = 0;
    for (size_t l = 0; l < lines; l++) {
        int first = n;
        for (size_t a = starts[l]; a < starts[l + 1]; a++)
            runs[n++] = (interval){rg->gl[idx[a]].box.x0, rg->gl[idx[a]].box.x1};
        n = first + merge_intervals(runs + first, n - first, gap);
        for (int k = first; k < n; k++)
            line_y[k] = rg->gl[idx[starts[l]]].box.y1;
    }
    free(starts);
    free(idx);
    return n;
}

static double distance(interval a, interval b)
{
    return fmax(0, fmax(a.lo, b.lo) - fmin(a.hi, b.hi));
}

/* True when body column col has a header label nearer to it than run i:
 * label runs are those in the header's lower half (keep[j]). */
static int has_own_label(const interval *runs, const unsigned char *keep, int k, int i,
                         interval col)
{
    for (int j = 0; j < k; j++)
        if (j != i && keep[j] && distance(runs[j], col) < distance(runs[i], col))
            return 1;
    return 0;
}

/* Columns: the x-extents shared by the body rows' runs (a totals row's
 * label aside: it spans the code columns), plus the columns empty in
 * every row: a header label standing where no body text does, whose
 * neighbouring columns have labels of their own (a label centred over a
 * column of short codes stands beside them, and is theirs). Only labels in
 * the header's lower half count: a column's own label reaches it (on the
 * bottom line, or centred over all header rows), while labels in the upper
 * half alone span columns named below them. */
static int find_columns(const region *rg, const interval *bands, const int *kind, int n_bands,
                        int first_body, double gap, interval *cols, int *from_header)
{
    interval *runs = bx_xmalloc((rg->n + 1) * sizeof *runs);
    int n = 0;
    *from_header = 0;
    for (int b = first_body; b < n_bands; b++) {
        if (kind[b] == 0)
            continue;
        int k = band_runs(rg, bands[b], gap, cols + n, NULL);
        if (kind[b] == 2 && k > 0) { /* its amounts count, its label does not */
            memmove(cols + n, cols + n + 1, (size_t)(k - 1) * sizeof *cols);
            k--;
        }
        n += k;
    }
    n = merge_intervals(cols, n, gap);
    if (first_body > 0) {
        double *line_y = bx_xmalloc((rg->n + 1) * sizeof *line_y);
        int k = header_runs(rg, bands[first_body - 1].hi, gap, runs, line_y), added = 0;
        unsigned char *keep = bx_xcalloc((size_t)k + 1, 1);
        double mid = (bands[0].lo + bands[first_body - 1].hi) / 2;
        for (int i = 0; i < k; i++)
            keep[i] = line_y[i] >= mid;
        for (int i = 0; i < k; i++) {
            int free_space = keep[i];
            for (int c = 0; c < n && free_space; c++) {
                free_space = runs[i].hi + gap <= cols[c].lo || runs[i].lo >= cols[c].hi + gap;
                int left = cols[c].hi <= runs[i].lo && (c + 1 == n || cols[c + 1].lo >= runs[i].hi);
                int right = cols[c].lo >= runs[i].hi && (c == 0 || cols[c - 1].hi <= runs[i].lo);
                int neighbour = left || right;
                if (free_space && neighbour)
                    free_space = has_own_label(runs, keep, k, i, cols[c]);
            }
            if (free_space)
                cols[n + added++] = runs[i];
        }
        *from_header = added;
        n = merge_intervals(cols, n + added, gap);
        free(keep);
        free(line_y);
    }
    free(runs);
    return n;
}

/* How many columns hold amounts: numbers in at least AMOUNT_SHARE of the
 * body rows that print anything in them (a side-by-side table's income
 * half ends before its expenditure half), at least min_rows of them. */
static int amount_columns(const region *rg, const interval *bands, const int *kind, int n_bands,
                          int first_body, double gap, const interval *cols, int n_cols,
                          int min_rows)
{
    int *hits = bx_xcalloc((size_t)n_cols + 1, sizeof *hits);
    int *filled = bx_xcalloc((size_t)n_cols + 1, sizeof *filled);
    interval *runs = bx_xmalloc((rg->n + 1) * sizeof *runs);
    char **texts = bx_xcalloc(rg->n + 1, sizeof *texts);
    for (int b = first_body; b < n_bands; b++) {
        if (kind[b] == 0)
            continue;
        int k = band_runs(rg, bands[b], gap, runs, texts);
        for (int c = 0; c < n_cols; c++) {
            int number = 0, any = 0;
            for (int i = 0; i < k; i++)
                if (runs[i].lo < cols[c].hi && runs[i].hi > cols[c].lo) {
                    any = 1;
                    number |= bx_number_is(texts[i]) && runs[i].lo >= cols[c].lo - 0.5 &&
                              runs[i].hi <= cols[c].hi + 0.5;
                }
            hits[c] += number;
            filled[c] += any;
        }
        for (int i = 0; i < k; i++)
            free(texts[i]);
    }
    int count = 0;
    for (int c = 0; c < n_cols; c++)
        count += hits[c] >= min_rows && hits[c] >= AMOUNT_SHARE * filled[c];
    free(texts);
    free(runs);
    free(filled);
    free(hits);
    return count;
}

/* Where the line between two columns goes, in the white space [lo, hi]
 * between their body runs: in the widest part of it that no run covers (a
 * header centred over right-aligned amounts reaches into the white space
 * on their left, a totals label past the codes), else in its middle. */
static double column_line(const region *rg, const interval *bands, int n_bands, double gap,
                          double lo, double hi)
{
    interval *runs = bx_xmalloc((rg->n + 1) * sizeof *runs), *cover = NULL;
    int n = 0;
    cover = bx_xmalloc((rg->n + 1) * sizeof *cover);
    for (int b = 0; b < n_bands; b++) {
        int k = band_runs(rg, bands[b], gap, runs, NULL);
        for (int i = 0; i < k; i++)
            if (runs[i].hi > lo && runs[i].lo < hi)
                cover[n++] = runs[i];
    }
    n = merge_intervals(cover, n, 0);
    double best = -1, at = (lo + hi) / 2, reach = lo;
    for (int i = 0; i <= n; i++) {
        double next = i < n ? fmin(cover[i].lo, hi) : hi;
        if (next - reach > best && next > reach) {
            best = next - reach;
            at = (reach + next) / 2;
        }
        if (i < n)
            reach = fmax(reach, cover[i].hi);
    }
    free(cover);
    free(runs);
    return at;
}

/* The grid: column lines in the gaps between columns (or the lines given
 * in fixed), row lines in the gaps between bands; a run crossing a column
 * line merges those cells. */
static bx_grid *make_grid(const region *rg, const interval *bands, int n_bands,
                          const interval *cols, int n_cols, double gap, const double *fixed)
{
    int nx = n_cols + 1, ny = n_bands + 1;
    double *xs = bx_xmalloc((size_t)nx * sizeof *xs), *ys = bx_xmalloc((size_t)ny * sizeof *ys);
    double left = cols[0].lo, right = cols[n_cols - 1].hi;
    for (size_t i = 0; i < rg->n; i++) {
        left = fmin(left, rg->gl[rg->idx[i]].box.x0);
        right = fmax(right, rg->gl[rg->idx[i]].box.x1);
    }
    xs[0] = fixed ? fmin(fixed[0], left - 1) : left - 1;
    xs[n_cols] = fixed ? fmax(fixed[n_cols], right + 1) : right + 1;
    for (int c = 1; c < n_cols; c++)
        xs[c] = fixed ? fixed[c] : column_line(rg, bands, n_bands, gap, cols[c - 1].hi, cols[c].lo);
    ys[0] = bands[0].lo - 1;
    ys[n_bands] = bands[n_bands - 1].hi + 1;
    for (int b = 1; b < n_bands; b++)
        ys[b] = (bands[b - 1].hi + bands[b].lo) / 2;
    unsigned char *v = bx_xmalloc((size_t)n_bands * (size_t)nx);
    unsigned char *h = bx_xmalloc((size_t)ny * (size_t)n_cols);
    memset(v, 1, (size_t)n_bands * (size_t)nx);
    memset(h, 1, (size_t)ny * (size_t)n_cols);
    interval *runs = bx_xmalloc((rg->n + 1) * sizeof *runs);
    for (int b = 0; b < n_bands; b++) {
        int k = band_runs(rg, bands[b], gap, runs, NULL);
        for (int i = 0; i < k; i++)
            for (int c = 1; c < n_cols; c++)
                if (runs[i].lo < xs[c] && runs[i].hi > xs[c])
                    v[b * nx + c] = 0;
    }
    free(runs);
    bx_grid *g = bx_grid_from_borders(xs, nx, ys, ny, v, h);
    g->unruled = 1;
    free(v);
    free(h);
    return g;
}

bx_grid *bx_borderless_grid(const bx_glyph *glyphs, size_t n, const unsigned char *skip,
                            double top, double bottom, int min_rows, const double *columns,
                            int nx, const bx_patterns *pat)
{
    region rg = {glyphs, bx_xmalloc((n + 1) * sizeof(size_t)), 0, 0};
    for (size_t i = 0; i < n; i++) {
        double cy = (glyphs[i].box.y0 + glyphs[i].box.y1) / 2;
        if (!(skip && skip[i]) && cy >= top && cy < bottom && glyphs[i].text[0] != ' ')
            rg.idx[rg.n++] = i;
    }
    bx_grid *g = NULL;
    interval *bands = bx_xmalloc((rg.n + 1) * sizeof *bands);
    interval *cols = bx_xmalloc((rg.n + (size_t)nx + 1) * sizeof *cols);
    int *kind = bx_xmalloc((rg.n + 1) * sizeof *kind); /* 0 header, 1 body, 2 totals */
    rg.height = median_height(glyphs, rg.idx, rg.n);
    double gap = fmax(MIN_COL_GAP, COL_GAP * rg.height);
    int n_bands = rg.n ? find_bands(&rg, bands) : 0, first_body = -1;
    for (int b = 0; b < n_bands; b++) {
        int body, total;
        classify_band(&rg, bands[b], gap, pat, &body, &total);
        kind[b] = total ? 2 : body ? 1 : 0;
        if (kind[b] && first_body < 0)
            first_body = b;
    }
    if (first_body >= 0) {
        int from_header;
        int n_cols = find_columns(&rg, bands, kind, n_bands, first_body, gap, cols, &from_header);
        if (columns && n_cols == nx - 1 && !from_header)
            columns = NULL; /* its own rows show all its columns: read them there */
        for (int c = 0; columns && c + 1 < nx; c++)
            cols[c] = (interval){columns[c], columns[c + 1]};
        n_cols = columns ? nx - 1 : n_cols;
        if (n_cols >= 3 && amount_columns(&rg, bands, kind, n_bands, first_body, gap, cols,
                                          n_cols, min_rows) >= (min_rows > 1 ? MIN_AMOUNT_COLS : 1))
            g = make_grid(&rg, bands, n_bands, cols, n_cols, gap, columns);
    }
    free(kind);
    free(cols);
    free(bands);
    free(rg.idx);
    return g;
}
