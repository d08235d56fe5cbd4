/* Glyphs -> lines of text, inside cells and around grids. */
#include "grid.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A gap wider than this many font sizes splits a printed line into two
 * items (the department on the left and the unit on the right). Titles
 * printed with letter-spacing stay whole. */
#define ITEM_GAP_EMS 3.0

static double cy_of(const bx_glyph *g) { return (g->box.y0 + g->box.y1) / 2; }
static double h_of(const bx_glyph *g) { return fmax(g->box.y1 - g->box.y0, 1.0); }

typedef struct {
    const bx_glyph *glyphs;
    size_t index;
} keyed;

static int by_cy(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    double p = cy_of(&x->glyphs[x->index]), q = cy_of(&y->glyphs[y->index]);
    return (p > q) - (p < q);
}

static int by_x(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    double p = x->glyphs[x->index].box.x0, q = y->glyphs[y->index].box.x0;
    return (p > q) - (p < q);
}

/* Sorts k[0..n) into lines; stores the start of each line in starts (the
 * caller provides n + 1 slots) and returns the number of lines. Each line is
 * sorted left to right. */
static size_t split_lines(keyed *k, size_t n, size_t *starts)
{
    qsort(k, n, sizeof *k, by_cy);
    size_t lines = 0;
    double ref = 0, h = 0;
    for (size_t i = 0; i < n; i++) {
        const bx_glyph *g = &k[i].glyphs[k[i].index];
        /* a glyph starts a new line when its centre is below the middle
         * band of the line's first glyph */
        if (i == 0 || cy_of(g) - ref > 0.5 * fmin(h, h_of(g))) {
            starts[lines++] = i;
            ref = cy_of(g);
            h = h_of(g);
        }
    }
    starts[lines] = n;
    for (size_t l = 0; l < lines; l++)
        qsort(k + starts[l], starts[l + 1] - starts[l], sizeof *k, by_x);
    return lines;
}

size_t bx_glyph_lines(const bx_glyph *glyphs, size_t *idx, size_t n, size_t *starts)
{
    keyed *k = bx_xmalloc((n + 1) * sizeof *k);
    for (size_t i = 0; i < n; i++)
        k[i] = (keyed){glyphs, idx[i]};
    size_t lines = split_lines(k, n, starts);
    for (size_t i = 0; i < n; i++)
        idx[i] = k[i].index;
    free(k);
    return lines;
}

char *bx_glyphs_text(const bx_glyph *glyphs, size_t *idx, size_t n)
{
    size_t *starts = bx_xmalloc((n + 1) * sizeof *starts);
    bx_glyph_lines(glyphs, idx, n, starts);
    bx_buf b;
    bx_buf_init(&b);
    for (size_t i = 0; i < n; i++)
        bx_buf_puts(&b, glyphs[idx[i]].text);
    free(starts);
    return bx_buf_take(&b);
}

static void push_line(bx_line **out, size_t *n, size_t *cap, keyed *k, size_t from, size_t to)
{
    bx_buf b;
    bx_buf_init(&b);
    bx_line line = {NULL, {INFINITY, INFINITY, -INFINITY, -INFINITY}, 0};
    for (size_t i = from; i < to; i++) {
        const bx_glyph *g = &k[i].glyphs[k[i].index];
        bx_buf_puts(&b, g->text);
        line.box.x0 = fmin(line.box.x0, g->box.x0);
        line.box.y0 = fmin(line.box.y0, g->box.y0);
        line.box.x1 = fmax(line.box.x1, g->box.x1);
        line.box.y1 = fmax(line.box.y1, g->box.y1);
        line.size = fmaxf(line.size, g->size);
    }
    line.text = bx_buf_take(&b);
    *out = bx_grow(*out, cap, *n + 1, sizeof **out);
    (*out)[(*n)++] = line;
}

size_t bx_lines_build(const bx_glyph *glyphs, size_t n, const unsigned char *skip, bx_line **out)
{
    keyed *k = bx_xmalloc((n + 1) * sizeof *k);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!skip || !skip[i])
            k[m++] = (keyed){glyphs, i};
    size_t *starts = bx_xmalloc((m + 1) * sizeof *starts);
    size_t lines = split_lines(k, m, starts);
    size_t count = 0, cap = 0;
    *out = NULL;
    for (size_t l = 0; l < lines; l++) {
        size_t from = starts[l];
        for (size_t i = starts[l] + 1; i <= starts[l + 1]; i++) {
            int split = i == starts[l + 1];
            if (!split) {
                const bx_glyph *a = &glyphs[k[i - 1].index], *b = &glyphs[k[i].index];
                double em = a->size > 0 ? a->size : h_of(a);
                split = b->box.x0 - a->box.x1 > ITEM_GAP_EMS * em;
            }
            if (split) {
                push_line(out, &count, &cap, k, from, i);
                from = i;
            }
        }
    }
    free(starts);
    free(k);
    return count;
}

void bx_lines_free(bx_line *lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i].text);
    free(lines);
}
