/* The sums a check compares (terms, with the cells they read) and the one
 * recorder of arithmetic checks over bx_report_add_check: a leaf of
 * model/checks/ that checks.c (the template rules) and arith.c (the
 * template-independent arithmetic) both build on, so neither calls back
 * into the other. */
#include "bx_normalize.h"
#include "checks_private.h"

#include <stdlib.h>
#include <string.h>

typedef bx_checker checker;
typedef bx_terms terms;

/* --- Terms: the amounts a check adds up ---------------------------------- */

int64_t bx_step_of(const char *text, int64_t unit_fen)
{
    const char *dot = strchr(text, '.');
    size_t decimals = 0;
    if (dot)
        while (dot[1 + decimals] >= '0' && dot[1 + decimals] <= '9')
            decimals++;
    int64_t step = unit_fen;
    for (size_t i = 0; i < decimals && step > 1; i++)
        step /= 10;
    return step < 1 ? 1 : step;
}

static void keep_cell(terms *t, int table, size_t row, size_t col)
{
    t->cells = bx_grow(t->cells, &t->cap, t->n_cells + 1, sizeof *t->cells);
    t->cells[t->n_cells++] = (bx_cell_ref){table, (int)row, (int)col};
}

void bx_terms_add(terms *t, const bx_value *v, int64_t unit_fen, int table, size_t row)
{
    t->n++;
    if (!v || !*v->text)
        return;
    t->printed++;
    keep_cell(t, table, row, v->col);
    if (!v->has_amount) {
        t->unreadable++;
        return;
    }
    /* a sum past int64 fen cannot be checked: wrapped, it could equal the total */
    if (__builtin_add_overflow(t->sum, v->fen, &t->sum)) {
        t->unreadable++;
        return;
    }
    t->nonzero += v->fen != 0;
    int64_t step = bx_step_of(v->text, unit_fen);
    if (step > t->step)
        t->step = step;
}

void bx_terms_free(terms *t)
{
    free(t->cells);
    t->cells = NULL;
    t->n_cells = t->cap = 0;
}

/* --- Recording ---------------------------------------------------------- */

static void take_cells(bx_check *c, const terms *a, const terms *b)
{
    c->n_cells = a->n_cells + b->n_cells;
    c->cells = bx_xcalloc(c->n_cells ? c->n_cells : 1, sizeof *c->cells);
    if (a->n_cells) /* memcpy from NULL is undefined even for 0 bytes */
        memcpy(c->cells, a->cells, a->n_cells * sizeof *c->cells);
    if (b->n_cells)
        memcpy(c->cells + a->n_cells, b->cells, b->n_cells * sizeof *c->cells);
}

bx_check *bx_check_add(checker *ck, const char *rule, int table, int row, int page, int other,
                       char *what, terms *expected, terms *actual)
{
    if (expected->unreadable || actual->unreadable || expected->printed + actual->printed == 0) {
        free(what);
        bx_terms_free(expected);
        bx_terms_free(actual);
        return NULL;
    }
    bx_check *c = bx_report_add_check(ck->r, rule, table, page);
    int64_t step = expected->step > actual->step ? expected->step : actual->step;
    c->row = row;
    c->other_table = other;
    c->what = what;
    c->expected = expected->sum;
    c->actual = actual->sum;
    c->tolerance = step > 1 ? (int64_t)(expected->nonzero + actual->nonzero) * step / 2 : 0;
    c->status = bx_status_of(c->expected, c->actual, c->tolerance);
    take_cells(c, expected, actual);
    bx_terms_free(expected);
    bx_terms_free(actual);
    return c;
}

/* --- Pages ------------------------------------------------------------- */

int bx_row_page(const bx_table *t, size_t row)
{
    return t->row_pages && row < t->n_rows ? t->row_pages[row] : (t->n_pages ? t->pages[0] : 0);
}
