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

/* Lines closer than this many line heights are one item's (tight leading):
 * a wrapped value, a wrapped name; wider white space parts items. */
#define ITEM_GAP 0.8
/* A line that a wrapped value continues after is full: two more of its
 * characters would pass this share of its cell's width (the rest is the
 * cell's padding). */
#define WRAP_FILL 0.8

typedef struct {
    double y0, y1;
    double width, room; /* the line's width, and its cell slot's */
    int col;
    int amount; /* an amount or a code: a number, or a dash for zero */
    int fragment; /* digits and number marks only: maybe part of a wrapped number */
    char digits[40]; /* the text of a fragment */
    int coded; /* starts with a classification code before its name ("219城乡社区支出") */
    int dash;  /* a dash printed for zero: a value of its own, never part of one */
} span;

static int span_cmp(const void *a, const void *b)
{
    const span *x = a, *y = b;
    return (x->y0 > y->y0) - (x->y0 < y->y0);
}

/* Three digits or more, then a letter of the name: a wrapped name never
 * starts so, an item printed without amounts does. */
static int is_coded(const char *s)
{
    size_t d = strspn(s, "0123456789");
    return d >= 3 && (unsigned char)s[d] >= 0x80;
}

static int is_fragment(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!strchr("0123456789.,-%()", *s))
            return 0;
    return 1;
}

/* The text lines of the glyphs of one cell slot (row r, column c), with
 * their vertical extents and what they read as. */
static int slot_lines(const bx_grid *g, int r, int c, const bx_glyph *gl, size_t n, span *out,
                      int max)
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
        out[k] = (span){INFINITY, -INFINITY, 0, g->xs[c + 1] - g->xs[c], c, 0, 0, "", 0, 0};
        double x0 = INFINITY, x1 = -INFINITY;
        for (size_t a = starts[l]; a < starts[l + 1]; a++) {
            out[k].y0 = fmin(out[k].y0, gl[idx[a]].box.y0);
            out[k].y1 = fmax(out[k].y1, gl[idx[a]].box.y1);
            x0 = fmin(x0, gl[idx[a]].box.x0);
            x1 = fmax(x1, gl[idx[a]].box.x1);
            bx_buf_puts(&b, gl[idx[a]].text);
        }
        out[k].width = x1 > x0 ? x1 - x0 : 0;
        char *text = bx_buf_take(&b);
        out[k].amount = bx_amount_is(text);
        out[k].coded = is_coded(text);
        out[k].dash = out[k].amount && !bx_number_is(text);
        out[k].fragment = is_fragment(text) && strlen(text) < sizeof out[k].digits;
        if (out[k].fragment)
            strcpy(out[k].digits, text);
        free(text);
    }
    free(starts);
    free(idx);
    return k;
}

static int overlaps(const span *a, const span *b) { return a->y0 < b->y1 && b->y0 < a->y1; }

/* Keeps the number lines that line up with a number line in another
 * column, or with text: a label to their left, or a remark (right of
 * every number) that an item without label starts with (Taipei's plan
 * tables); not the wrapped text of an amount column to their right. A
 * code printed on its own line above the item's name is a number too, but
 * stands alone. With a single numeric column every line is kept. Returns
 * the new count. */
static int keep_aligned(span *a, int n, const span *lines, int n_lines)
{
    int columns = 0;
    for (int i = 0; i < n && !columns; i++)
        for (int j = 0; j < n; j++)
            if (a[j].col != a[i].col)
                columns = 1;
    if (!columns)
        return n;
    int last = 0; /* columns right of the last with numbers hold remarks */
    for (int i = 0; i < n; i++)
        last = a[i].col > last ? a[i].col : last;
    unsigned char *keep = bx_xcalloc((size_t)n + 1, 1);
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n && !keep[i]; j++)
            keep[i] = a[j].col != a[i].col && overlaps(&a[i], &a[j]);
        for (int j = 0; j < n_lines && !keep[i]; j++)
            keep[i] = !lines[j].amount && (lines[j].col < a[i].col || lines[j].col > last) &&
                      overlaps(&a[i], &lines[j]);
    }
    int m = 0;
    for (int i = 0; i < n; i++)
        if (keep[i])
            a[m++] = a[i];
    free(keep);
    return m;
}

/* Whether a fragment line is full (WRAP_FILL): a narrow code column wraps
 * one digit per line, a wide amount column holds "15" with room to spare. */
static int is_full(const span *line)
{
    size_t chars = strlen(line->digits);
    double char_width = chars ? line->width / (double)chars : 0;
    return line->width + 2 * char_width >= WRAP_FILL * line->room;
}

/* True when the number fragments of column col run from y0 to y1 without a
 * gap of `gap` or more and read as one number when joined: one value
 * wrapped over lines ("4053" / "3375." / "37"). Amounts of items set close
 * ("2,270,883" / "2,270,883") and a name wrapped between two codes do not
 * join, nor does a dash for zero above an amount ("-" / "1,200" is two
 * items, not "-1,200"), nor a short line above another ("15" / "1,721" in
 * a wide column is two items, not "151,721": a value wraps only when its
 * line is full). Lines sorted by y0. */
static int runs_unbroken(const span *lines, int n, int col, double y0, double y1, double gap)
{
    double reach = y0;
    bx_buf joined;
    bx_buf_init(&joined);
    int unbroken = 1;
    const span *prev = NULL;
    for (int i = 0; i < n && unbroken; i++) {
        if (lines[i].col != col || !lines[i].fragment || lines[i].y1 <= y0 || lines[i].y0 > y1)
            continue;
        unbroken = lines[i].y0 < reach + gap && !lines[i].dash && (!prev || is_full(prev));
        prev = &lines[i];
        reach = fmax(reach, lines[i].y1);
        bx_buf_puts(&joined, lines[i].digits);
    }
    char *text = bx_buf_take(&joined);
    unbroken = unbroken && y1 < reach + gap && bx_number_is(text);
    free(text);
    return unbroken;
}

/* True when anchors i and j (one column) each line up with an amount line
 * of their own in another column, and those two are not one wrapped value
 * either: two items, however close. The parts of one wrapped value share
 * their neighbour ("9509.1" / "2" beside "100.00"), or sit beside the
 * parts of other wrapped values. */
static int aligned_apart(const span *anchors, int n, const span *lines, int n_lines, int i, int j,
                         double gap)
{
    for (int a = 0; a < n; a++) {
        if (anchors[a].col == anchors[i].col || !overlaps(&anchors[a], &anchors[i]))
            continue;
        for (int b = 0; b < n; b++)
            if (anchors[b].col == anchors[a].col && overlaps(&anchors[b], &anchors[j]) &&
                !overlaps(&anchors[a], &anchors[b]) &&
                !runs_unbroken(lines, n_lines, anchors[a].col, anchors[a].y0, anchors[b].y0, gap))
                return 1;
    }
    return 0;
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
            /* a dash for zero is a value of its own, never a wrapped part */
            if (anchors[j].fragment && !aligned_apart(anchors, n, lines, n_lines, i, j, gap) &&
                runs_unbroken(lines, n_lines, anchors[i].col, anchors[i].y0, anchors[j].y0, gap))
                return 0;
            stacked = 1;
        }
    return stacked;
}

/* The rows of one ruled row, read from its text lines: each band of amount
 * lines starts a row. Every other line is given a row in group[]: -1 - b
 * for band b, or g >= 0 for a row of its own (a section label). */
typedef struct {
    span *lines;
    int n;
    const span *bands; /* y extents of the amount bands, top to bottom */
    int n_bands;
    int last_amount_col; /* columns right of it hold remarks (說明, 備註) */
    double tight;
    int *group;
    int n_labels;
} row_plan;

/* True when a line of band `band` stands in a column of lines a..b-1:
 * that cell of the item is taken, so they are not its opening lines. */
static int shares_column(const row_plan *p, const int *order, int a, int b, int band)
{
    for (int i = 0; i < p->n; i++)
        if (p->group[i] == -1 - band)
            for (int k = a; k < b; k++)
                if (p->lines[order[k]].col == p->lines[i].col)
                    return 1;
    return 0;
}

/* Gives the lines lo..hi-1 (unassigned, sorted, all between band `above`
 * and band `above` + 1; either may be missing at the ends) to rows: split
 * into blocks at white space wider than tight leading, a block tight
 * under the band above continues its row; one tight over the band below,
 * in the label columns, opens it (a code printed above its amount line;
 * a name, where that item prints nothing on its amount line); a block of labels on its own is
 * a row (a section label), and so is one opened by a coded name (an item
 * with no amounts), however close; remarks continue the row above. */
static void plan_gap(row_plan *p, const int *order, int lo, int hi, int above)
{
    int below = above + 1 < p->n_bands ? above + 1 : -1;
    double reach = above >= 0 ? p->bands[above].y1 : -INFINITY;
    for (int i = 0; i < p->n; i++)
        if (p->group[i] == -1 - above && above >= 0)
            reach = fmax(reach, p->lines[i].y1);
    int first = 1;
    for (int a = lo; a < hi;) {
        double top = p->lines[order[a]].y0, bottom = p->lines[order[a]].y1;
        int labels = p->lines[order[a]].col <= p->last_amount_col, b = a + 1;
        int coded = p->lines[order[a]].coded && labels, codes = 1;
        for (; b < hi && p->lines[order[b]].y0 < bottom + p->tight &&
               !(p->lines[order[b]].coded && p->lines[order[b]].col <= p->last_amount_col);
             b++) {
            bottom = fmax(bottom, p->lines[order[b]].y1);
            codes &= p->lines[order[b]].fragment;
            labels &= p->lines[order[b]].col <= p->last_amount_col;
        }
        codes &= p->lines[order[a]].fragment;
        int g;
        if (first && above >= 0 && top < reach + p->tight && !coded)
            g = -1 - above;
        else if (b == hi && below >= 0 && labels && !coded &&
                 bottom + p->tight > p->bands[below].y0 &&
                 (codes || !shares_column(p, order, a, b, below)))
            g = -1 - below;
        else if (labels)
            g = p->n_labels++;
        else
            g = -1 - (above >= 0 ? above : below);
        for (int k = a; k < b; k++)
            p->group[order[k]] = g;
        first = 0;
        a = b;
    }
}

typedef struct {
    double top, bottom;
} extent;

static int extent_cmp(const void *a, const void *b)
{
    const extent *x = a, *y = b;
    return (x->top > y->top) - (x->top < y->top);
}

/* The cuts between the rows that plan_gap gives the lines (sorted by y0)
 * around the amount bands: halfway between one row's last line and the
 * next row's first. Returns how many were stored in cuts. */
static int plan_cuts(span *lines, int n, const span *bands, int n_bands, int last_amount_col,
                     double tight, double *cuts, int max)
{
    row_plan p = {lines, n, bands, n_bands, last_amount_col, tight,
                  bx_xmalloc((size_t)n * sizeof(int) + 1), 0};
    int *order = bx_xmalloc((size_t)n * sizeof(int) + 1), *gap = bx_xmalloc((size_t)n * sizeof(int) + 1);
    int m = 0;
    for (int i = 0; i < n; i++) {
        p.group[i] = INT_MIN;
        int above = -1;
        for (int b = 0; b < n_bands && p.group[i] == INT_MIN; b++) {
            if (overlaps(&lines[i], &bands[b]))
                p.group[i] = -1 - b;
            else if (bands[b].y1 <= lines[i].y0)
                above = b;
        }
        if (p.group[i] == INT_MIN) {
            gap[m] = above;
            order[m++] = i;
        }
    }
    for (int a = 0; a < m;) {
        int b = a + 1;
        while (b < m && gap[b] == gap[a])
            b++;
        plan_gap(&p, order, a, b, gap[a]);
        a = b;
    }
    int n_rows = n_bands + p.n_labels;
    extent *rows = bx_xmalloc((size_t)n_rows * sizeof *rows);
    for (int k = 0; k < n_rows; k++)
        rows[k] = k < n_bands ? (extent){bands[k].y0, bands[k].y1} : (extent){INFINITY, -INFINITY};
    for (int i = 0; i < n; i++) {
        int k = p.group[i] < 0 ? -1 - p.group[i] : n_bands + p.group[i];
        rows[k].top = fmin(rows[k].top, lines[i].y0);
        rows[k].bottom = fmax(rows[k].bottom, lines[i].y1);
    }
    qsort(rows, (size_t)n_rows, sizeof *rows, extent_cmp);
    int n_cuts = 0;
    for (int k = 0; k + 1 < n_rows && n_cuts < max; k++)
        cuts[n_cuts++] = rows[k].bottom <= rows[k + 1].top ? (rows[k].bottom + rows[k + 1].top) / 2
                                                           : rows[k + 1].top;
    free(rows);
    free(gap);
    free(order);
    free(p.group);
    return n_cuts;
}

/* Row cut positions for row r (returns how many, stored in cuts). */
static int row_cuts(const bx_grid *g, int r, const bx_glyph *gl, size_t n, double *cuts, int max)
{
    enum { MAX_LINES = 256 };
    span anchors[MAX_LINES], lines[MAX_LINES];
    int n_anchor = 0, n_line = 0;
    double height = 0;
    for (int c = 0; c < bx_grid_cols(g); c++) {
        span s[MAX_LINES];
        int k = slot_lines(g, r, c, gl, n, s, MAX_LINES);
        for (int i = 0; i < k; i++) {
            if (s[i].amount && n_anchor < MAX_LINES) {
                anchors[n_anchor++] = s[i];
                height = fmax(height, s[i].y1 - s[i].y0);
            }
            if (n_line < MAX_LINES)
                lines[n_line++] = s[i];
        }
    }
    n_anchor = keep_aligned(anchors, n_anchor, lines, n_line);
    if (n_anchor < 2)
        return 0;
    qsort(anchors, (size_t)n_anchor, sizeof *anchors, span_cmp);
    qsort(lines, (size_t)n_line, sizeof *lines, span_cmp);
    if (!has_stacked_column(anchors, n_anchor, lines, n_line, ITEM_GAP * height))
        return 0; /* one value per column, whatever their vertical alignment */
    int last_amount_col = 0;
    for (int i = 0; i < n_anchor; i++)
        last_amount_col = anchors[i].col > last_amount_col ? anchors[i].col : last_amount_col;
    /* the amount lines of one item overlap across columns: one band each */
    int bands = 0;
    for (int i = 0; i < n_anchor; i++) {
        if (bands > 0 && anchors[i].y0 < anchors[bands - 1].y1)
            anchors[bands - 1].y1 = fmax(anchors[bands - 1].y1, anchors[i].y1);
        else
            anchors[bands++] = anchors[i];
    }
    return plan_cuts(lines, n_line, anchors, bands, last_amount_col, ITEM_GAP * height, cuts, max);
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
    for (int i = 1; i < nrows && out->items_row < 0; i++)
        if (from_row[i] < 0)
            out->items_row = i - 1; /* the first piece of the first row cut */
    free(v);
    free(h);
    free(from_row);
    bx_grid_free(g);
    return out;
}
