/* Text dumps: the classification levels of coded rows, from their sums (a
 * class's total is the sum of its 款, a 款's of its 项). */
#include "textdump.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>


/* The row's total (its first amount) in fen, or -1. */
static int64_t row_total(const td_row *r)
{
    int64_t v;
    return r->n_nums && bx_amount_parse(r->nums[0], 100, &v) ? v : -1;
}

/* Reads the subtree of the row at pos (a class at depth 1, a 款 at 2, a
 * 项 at 3): the rows after it whose totals add up to its own are its
 * children. Returns the row after the subtree. */
static size_t parse_level(const td_row *rows, size_t n, size_t pos, int depth, int *level)
{
    level[pos] = depth;
    int64_t total = row_total(&rows[pos]), sum = 0;
    size_t p = pos + 1;
    if (depth >= 3 || total <= 0)
        return p;
    while (p < n && !rows[p].is_total && sum < total - TD_SUM_TOL) {
        int64_t v = row_total(&rows[p]);
        if (v < 0 || sum + v > total + TD_SUM_TOL)
            break;
        sum += v;
        p = parse_level(rows, n, p, depth + 1, level);
    }
    if (p > pos + 1 && sum >= total - TD_SUM_TOL && sum <= total + TD_SUM_TOL)
        return p;
    for (size_t k = pos + 1; k < p; k++) /* no children add up: a leaf */
        level[k] = 0;
    return pos + 1;
}

int *td_infer_levels_cut(const td_row *rows, size_t n, size_t lead, int depth)
{
    int *level = bx_xcalloc(n + 1, sizeof *level);
    size_t pos = 0;
    while (pos < lead && pos < n)
        pos = rows[pos].is_total ? pos + 1 : parse_level(rows, n, pos, depth, level);
    while (pos < n)
        pos = rows[pos].is_total ? pos + 1 : parse_level(rows, n, pos, 1, level);
    return level;
}

/* Each row's code level from the amounts: a class equals the sum of its
 * 款, a 款 the sum of its 项. 0 for totals rows. */
int *td_infer_levels(const td_row *rows, size_t n)
{
    int *level = bx_xcalloc(n + 1, sizeof *level);
    for (size_t pos = 0; pos < n;)
        pos = rows[pos].is_total ? pos + 1 : parse_level(rows, n, pos, 1, level);
    return level;
}
