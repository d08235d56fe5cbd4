/* Facing-page spreads: a table too wide for one page printed over a left
 * and a right page, its title and merged header cells cut at the gutter.
 * Both halves share their top and bottom edges; the left half's title line
 * runs to its grid's right edge and the right half's goes on from its
 * grid's left edge at the same height. Joined side by side (the right page
 * moved so that its grid's left edge lies on the left grid's right edge),
 * the two halves are one page: one grid, one title, rows across both. */
#include "bx_normalize.h"
#include "spread.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The outer edges of the two halves agree to within this many points. */
#define SPREAD_EDGE 6.0
/* A line cut at the gutter ends (or starts) within this many of its font
 * sizes of the grid's edge. */
#define FLUSH_EMS 1.5

static double line_size(const bx_line *l) { return l->size > 0 ? l->size : 10.0; }

/* A line above the grid that may carry a cut title: not a unit, page
 * number, 续表 mark or department. */
static int may_be_cut(const bx_line *l, const bx_grid *g, const bx_patterns *pat)
{
    if (l->box.y1 > g->ys[0] + 1)
        return 0;
    char *unit = bx_match_unit(pat, l->text), *dept = bx_match_department(pat, l->text);
    int cut = !unit && !dept && !bx_is_page_number(pat, l->text) &&
              !bx_is_continuation(pat, l->text);
    free(unit);
    free(dept);
    return cut;
}

static int titled(const bx_grid *g, const bx_line *lines, size_t n, const bx_patterns *pat)
{
    for (size_t i = 0; i < n; i++)
        if (lines[i].box.y1 <= g->ys[0] + 1 && bx_is_table_title(pat, lines[i].text) &&
            !bx_is_note(pat, lines[i].text))
            return 1;
    return 0;
}

int bx_spread_left_half(const bx_grid *g, const bx_line *lines, size_t n, const bx_patterns *pat)
{
    if (!g || titled(g, lines, n, pat))
        return 0;
    double edge = g->xs[g->nx - 1];
    for (size_t i = 0; i < n; i++)
        if (may_be_cut(&lines[i], g, pat) &&
            fabs(lines[i].box.x1 - edge) <= FLUSH_EMS * line_size(&lines[i]))
            return 1;
    return 0;
}

/* True when left line a and right line b are the two pieces of one title:
 * at one height in one size, a flush with the gutter edge of the left
 * grid and b with that of the right, and together a table title. */
static int title_pieces(const bx_line *a, const bx_grid *lg, const bx_line *b, const bx_grid *rg,
                        const bx_patterns *pat)
{
    double size = line_size(a);
    if (fabs((a->box.y0 + a->box.y1) / 2 - (b->box.y0 + b->box.y1) / 2) > size / 2 ||
        fabs(line_size(b) - size) > 1 || fabs(a->box.x1 - lg->xs[lg->nx - 1]) > FLUSH_EMS * size ||
        fabs(b->box.x0 - rg->xs[0]) > FLUSH_EMS * size)
        return 0;
    char *both = bx_xmalloc(strlen(a->text) + strlen(b->text) + 1);
    strcpy(both, a->text);
    strcat(both, b->text);
    int title = bx_is_table_title(pat, both) && !bx_is_table_title(pat, a->text);
    free(both);
    return title;
}

double bx_spread_offset(const bx_grid *lg, const bx_line *ll, size_t nl, const bx_grid *rg,
                        const bx_line *rl, size_t nr, const bx_patterns *pat)
{
    if (!lg || !rg || fabs(lg->ys[0] - rg->ys[0]) > SPREAD_EDGE ||
        fabs(lg->ys[lg->ny - 1] - rg->ys[rg->ny - 1]) > SPREAD_EDGE)
        return NAN;
    for (size_t i = 0; i < nl; i++) {
        if (!may_be_cut(&ll[i], lg, pat))
            continue;
        for (size_t j = 0; j < nr; j++)
            if (may_be_cut(&rl[j], rg, pat) && title_pieces(&ll[i], lg, &rl[j], rg, pat))
                return lg->xs[lg->nx - 1] - rg->xs[0];
    }
    return NAN;
}

bx_page *bx_pages_join(const bx_page *left, const bx_page *right, double offset)
{
    bx_page *p = bx_xcalloc(1, sizeof *p);
    p->number = left->number;
    p->width = offset + right->width;
    p->height = fmax(left->height, right->height);
    p->n_glyphs = left->n_glyphs + right->n_glyphs;
    p->glyphs = bx_xmalloc((p->n_glyphs + 1) * sizeof *p->glyphs);
    memcpy(p->glyphs, left->glyphs, left->n_glyphs * sizeof *p->glyphs);
    for (size_t i = 0; i < right->n_glyphs; i++) {
        bx_glyph g = right->glyphs[i];
        g.box.x0 += offset;
        g.box.x1 += offset;
        g.font += (unsigned)left->n_fonts; /* the right page's fonts follow the left's */
        p->glyphs[left->n_glyphs + i] = g;
    }
    p->n_rules = left->n_rules + right->n_rules;
    p->rules = bx_xmalloc((p->n_rules + 1) * sizeof *p->rules);
    memcpy(p->rules, left->rules, left->n_rules * sizeof *p->rules);
    for (size_t i = 0; i < right->n_rules; i++) {
        bx_rule r = right->rules[i];
        if (r.dir == BX_RULE_V) {
            r.pos += offset;
        } else {
            r.from += offset;
            r.to += offset;
        }
        p->rules[left->n_rules + i] = r;
    }
    p->n_fonts = left->n_fonts + right->n_fonts;
    p->fonts = bx_xmalloc((p->n_fonts + 1) * sizeof *p->fonts);
    for (size_t i = 0; i < left->n_fonts; i++)
        p->fonts[i] = bx_xstrdup(left->fonts[i]);
    for (size_t i = 0; i < right->n_fonts; i++)
        p->fonts[left->n_fonts + i] = bx_xstrdup(right->fonts[i]);
    return p;
}
