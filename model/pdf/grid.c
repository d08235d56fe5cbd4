/* Rules -> grids -> cells with spans. */
#include "grid.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Two rules this close across their length are the same line (double
 * strokes, a filled bar and a stroke on top of it). */
#define SAME_LINE 2.0
/* Collinear pieces separated by less than this are one rule: producers draw
 * every cell edge separately and leave hairline gaps. */
#define JOIN_GAP 3.0
/* How far a rule may fall short of another and still be taken as meeting it. */
#define TOUCH 3.0
/* Rules overshooting the outermost perpendicular rule by more than this
 * mark an open side of the table rather than a drawing slip. */
#define OPEN_EDGE 4.0
/* Share of a cell edge that a rule must cover to count as a border. */
#define COVER 0.5
/* More lines than this one way is a mesh of stray rules, not a table: a
 * page holds no table of rows or columns under 3 points (the work of
 * filling a grid also grows with its lines squared). */
#define MAX_LINES 200

typedef struct {
    double pos, from, to;
} seg;

static int seg_cmp(const void *a, const void *b)
{
    const seg *x = a, *y = b;
    if (fabs(x->pos - y->pos) > 1e-9)
        return x->pos < y->pos ? -1 : 1;
    return (x->from > y->from) - (x->from < y->from);
}

/* Sorts and merges the rules of one direction into maximal segments. */
static int merge_segments(const bx_rule *rules, size_t n, bx_rule_dir dir, seg **out)
{
    seg *s = bx_xmalloc((n + 1) * sizeof *s);
    int k = 0;
    for (size_t i = 0; i < n; i++)
        if (rules[i].dir == dir)
            s[k++] = (seg){rules[i].pos, rules[i].from, rules[i].to};
    qsort(s, (size_t)k, sizeof *s, seg_cmp);
    /* group by position, then merge overlapping intervals inside a group */
    int m = 0;
    for (int i = 0; i < k;) {
        int j = i;
        while (j + 1 < k && s[j + 1].pos - s[i].pos <= SAME_LINE)
            j++;
        /* sort the group by start; positions are averaged over the group */
        double pos = 0;
        for (int t = i; t <= j; t++)
            pos += s[t].pos;
        pos /= (j - i + 1);
        seg *grp = s + i;
        int gn = j - i + 1;
        for (int a = 1; a < gn; a++) {
            seg v = grp[a];
            int b = a - 1;
            while (b >= 0 && grp[b].from > v.from) {
                grp[b + 1] = grp[b];
                b--;
            }
            grp[b + 1] = v;
        }
        seg cur = {pos, grp[0].from, grp[0].to};
        for (int a = 1; a < gn; a++) {
            if (grp[a].from <= cur.to + JOIN_GAP) {
                cur.to = fmax(cur.to, grp[a].to);
            } else {
                s[m++] = cur;
                cur = (seg){pos, grp[a].from, grp[a].to};
            }
        }
        s[m++] = cur;
        i = j + 1;
    }
    *out = s;
    return m;
}

static int find_root(int *parent, int i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

static int meets(const seg *h, const seg *v)
{
    return v->pos >= h->from - TOUCH && v->pos <= h->to + TOUCH && h->pos >= v->from - TOUCH &&
           h->pos <= v->to + TOUCH;
}

static int dbl_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Distinct positions (clustered within SAME_LINE) of the given segments. */
static int line_positions(const seg *s, const int *pick, int n, double **out)
{
    double *p = bx_xmalloc((size_t)(n + 1) * sizeof *p);
    for (int i = 0; i < n; i++)
        p[i] = s[pick[i]].pos;
    qsort(p, (size_t)n, sizeof *p, dbl_cmp);
    int m = 0;
    for (int i = 0; i < n; i++)
        if (m == 0 || p[i] - p[m - 1] > SAME_LINE)
            p[m++] = p[i];
    *out = p;
    return m;
}

/* Length of [a, b] covered by segments lying along `pos`. */
static double covered(const seg *s, const int *pick, int n, double pos, double a, double b)
{
    double total = 0;
    for (int i = 0; i < n; i++) {
        const seg *x = &s[pick[i]];
        if (fabs(x->pos - pos) > SAME_LINE)
            continue;
        double lo = fmax(a, x->from), hi = fmin(b, x->to);
        if (hi > lo)
            total += hi - lo;
    }
    return total;
}

/* Tables drawn with open sides (no outer vertical rules, or no rule under
 * the last row) still end where their perpendicular rules end: add that
 * edge as a line of the grid. */
static int add_open_edges(double **lines, int n, const seg *s, const int *pick, int n_pick)
{
    double lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < n_pick; i++) {
        lo = fmin(lo, s[pick[i]].from);
        hi = fmax(hi, s[pick[i]].to);
    }
    double *p = bx_xrealloc(*lines, (size_t)(n + 2) * sizeof *p);
    if (lo < p[0] - OPEN_EDGE) {
        memmove(p + 1, p, (size_t)n * sizeof *p);
        p[0] = lo;
        n++;
    }
    if (hi > p[n - 1] + OPEN_EDGE)
        p[n++] = hi;
    *lines = p;
    return n;
}

static bx_grid *grid_from_component(const seg *hs, const int *hp, int nh, const seg *vs,
                                    const int *vp, int nv)
{
    double *xs, *ys;
    int nx = line_positions(vs, vp, nv, &xs);
    int ny = line_positions(hs, hp, nh, &ys);
    if (nx < 1 || ny < 1 || nx > MAX_LINES || ny > MAX_LINES) {
        free(xs);
        free(ys);
        return NULL;
    }
    nx = add_open_edges(&xs, nx, hs, hp, nh);
    ny = add_open_edges(&ys, ny, vs, vp, nv);
    if (nx < 2 || ny < 2) {
        free(xs);
        free(ys);
        return NULL;
    }
    unsigned char *vline = bx_xcalloc((size_t)(ny - 1) * (size_t)nx, 1);
    unsigned char *hline = bx_xcalloc((size_t)ny * (size_t)(nx - 1), 1);
    for (int r = 0; r + 1 < ny; r++)
        for (int i = 0; i < nx; i++) {
            double len = ys[r + 1] - ys[r];
            vline[r * nx + i] = covered(vs, vp, nv, xs[i], ys[r], ys[r + 1]) >= COVER * len;
        }
    for (int i = 0; i < ny; i++)
        for (int c = 0; c + 1 < nx; c++) {
            double len = xs[c + 1] - xs[c];
            hline[i * (nx - 1) + c] = covered(hs, hp, nh, ys[i], xs[c], xs[c + 1]) >= COVER * len;
        }
    bx_grid *g = bx_grid_from_borders(xs, nx, ys, ny, vline, hline);
    free(vline);
    free(hline);
    return g;
}

bx_grid *bx_grid_from_borders(double *xs, int nx, double *ys, int ny, const unsigned char *vline,
                              const unsigned char *hline)
{
    bx_grid *g = bx_xcalloc(1, sizeof *g);
    g->xs = xs;
    g->ys = ys;
    g->nx = nx;
    g->ny = ny;
    g->items_row = -1;
    int rows = ny - 1, cols = nx - 1;
    g->owner = bx_xmalloc((size_t)rows * (size_t)cols * sizeof *g->owner);
    for (int i = 0; i < rows * cols; i++)
        g->owner[i] = -1;
    g->cells = bx_xcalloc((size_t)rows * (size_t)cols, sizeof *g->cells);
    /* A cell grows right while no rule separates it from its neighbour in
     * its first row, then down while no rule separates the whole span from
     * the row below: merged cells are rectangles in every table we know. */
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) {
            if (g->owner[r * cols + c] >= 0)
                continue;
            int c1 = c + 1;
            while (c1 < cols && !vline[r * nx + c1] && g->owner[r * cols + c1] < 0)
                c1++;
            int r1 = r + 1;
            for (; r1 < rows; r1++) {
                int open = 1;
                for (int k = c; k < c1 && open; k++)
                    open = !hline[r1 * cols + k] && g->owner[r1 * cols + k] < 0;
                if (!open)
                    break;
            }
            int id = g->n_cells++;
            g->cells[id] = (bx_cell){r, c, r1, c1, NULL};
            for (int rr = r; rr < r1; rr++)
                for (int cc = c; cc < c1; cc++)
                    g->owner[rr * cols + cc] = id;
        }
    for (int i = 0; i < g->n_cells; i++)
        g->cells[i].text = bx_xstrdup("");
    return g;
}

static int grid_top_cmp(const void *a, const void *b)
{
    const bx_grid *x = *(bx_grid *const *)a, *y = *(bx_grid *const *)b;
    return (x->ys[0] > y->ys[0]) - (x->ys[0] < y->ys[0]);
}

int bx_grids_find(const bx_rule *rules, size_t n_rules, bx_grid ***out)
{
    seg *hs, *vs;
    int nh = merge_segments(rules, n_rules, BX_RULE_H, &hs);
    int nv = merge_segments(rules, n_rules, BX_RULE_V, &vs);
    int n = nh + nv;
    int *parent = bx_xmalloc((size_t)(n + 1) * sizeof *parent);
    for (int i = 0; i < n; i++)
        parent[i] = i;
    for (int i = 0; i < nh; i++)
        for (int j = 0; j < nv; j++)
            if (meets(&hs[i], &vs[j]))
                parent[find_root(parent, i)] = find_root(parent, nh + j);
    int *hp = bx_xmalloc((size_t)(nh + 1) * sizeof *hp);
    int *vp = bx_xmalloc((size_t)(nv + 1) * sizeof *vp);
    unsigned char *done = bx_xcalloc((size_t)n + 1, 1);
    bx_grid **grids = NULL;
    size_t cap = 0;
    int count = 0;
    for (int i = 0; i < n; i++) {
        int root = find_root(parent, i);
        if (done[root])
            continue;
        done[root] = 1;
        int kh = 0, kv = 0;
        for (int j = 0; j < nh; j++)
            if (find_root(parent, j) == root)
                hp[kh++] = j;
        for (int j = 0; j < nv; j++)
            if (find_root(parent, nh + j) == root)
                vp[kv++] = j;
        if (kh < 2 || kv < 2)
            continue;
        bx_grid *g = grid_from_component(hs, hp, kh, vs, vp, kv);
        if (!g)
            continue;
        grids = bx_grow(grids, &cap, (size_t)count + 1, sizeof *grids);
        grids[count++] = g;
    }
    if (count > 1)
        qsort(grids, (size_t)count, sizeof *grids, grid_top_cmp);
    free(done);
    free(hp);
    free(vp);
    free(parent);
    free(hs);
    free(vs);
    *out = grids;
    return count;
}

int bx_grid_interval(const double *lines, int n, double v)
{
    if (v < lines[0] || v > lines[n - 1])
        return -1;
    int lo = 0, hi = n - 1;
    while (hi - lo > 1) {
        int mid = (lo + hi) / 2;
        if (lines[mid] <= v)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

void bx_grid_fill(bx_grid *g, const bx_glyph *glyphs, size_t n, unsigned char *used)
{
    int cols = g->nx - 1;
    size_t *count = bx_xcalloc((size_t)g->n_cells + 1, sizeof *count);
    int *cell_of = bx_xmalloc((n + 1) * sizeof *cell_of);
    for (size_t i = 0; i < n; i++) {
        double cx = (glyphs[i].box.x0 + glyphs[i].box.x1) / 2;
        double cy = (glyphs[i].box.y0 + glyphs[i].box.y1) / 2;
        int c = bx_grid_interval(g->xs, g->nx, cx), r = bx_grid_interval(g->ys, g->ny, cy);
        cell_of[i] = (c < 0 || r < 0) ? -1 : g->owner[r * cols + c];
        if (cell_of[i] >= 0) {
            count[cell_of[i]]++;
            used[i] = 1;
        }
    }
    /* bucket the glyph indices by cell */
    size_t *start = bx_xcalloc((size_t)g->n_cells + 1, sizeof *start);
    for (int k = 0; k < g->n_cells; k++)
        start[k + 1] = start[k] + count[k];
    size_t *idx = bx_xmalloc((start[g->n_cells] + 1) * sizeof *idx);
    size_t *fill = bx_xcalloc((size_t)g->n_cells + 1, sizeof *fill);
    for (size_t i = 0; i < n; i++)
        if (cell_of[i] >= 0)
            idx[start[cell_of[i]] + fill[cell_of[i]]++] = i;
    /* where a cell beside it (sharing a grid row) holds a vertical label set
     * one character per line, a cell stacked two per line is a vertical
     * label too, in two columns; elsewhere it is text wrapped two a line
     * (a narrow body cell under a header set upright) */
    unsigned char *stack = bx_xcalloc((size_t)g->n_cells + 1, 1);
    for (int k = 0; k < g->n_cells; k++)
        stack[k] = count[k] ? (unsigned char)bx_glyphs_stack(glyphs, idx + start[k], count[k])
                            : BX_STACK_NONE;
    for (int k = 0; k < g->n_cells; k++) {
        if (!count[k])
            continue;
        int columns = 0;
        for (int j = 0; j < g->n_cells && stack[k] == BX_STACK_TWO && !columns; j++)
            columns = stack[j] == BX_STACK_ONE && g->cells[j].r0 < g->cells[k].r1 &&
                      g->cells[k].r0 < g->cells[j].r1;
        free(g->cells[k].text);
        g->cells[k].text = columns ? bx_glyphs_text_columns(glyphs, idx + start[k], count[k])
                                   : bx_glyphs_text(glyphs, idx + start[k], count[k]);
    }
    free(stack);
    free(fill);
    free(idx);
    free(start);
    free(cell_of);
    free(count);
}

void bx_grid_free(bx_grid *g)
{
    if (!g)
        return;
    for (int i = 0; i < g->n_cells; i++)
        free(g->cells[i].text);
    free(g->cells);
    free(g->owner);
    free(g->xs);
    free(g->ys);
    free(g);
}

void bx_grids_free(bx_grid **grids, int n)
{
    for (int i = 0; i < n; i++)
        bx_grid_free(grids[i]);
    free(grids);
}
