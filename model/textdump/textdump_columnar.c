/* Text dumps written column by column. Some reports' dumps print a coded
 * table's page as blocks: the class codes of all its rows, the 款 and 项
 * codes in runs, the names, then the amounts, each block one column's run
 * of cells with the empty cells simply absent. The rows are rebuilt by
 * counting and by the identities:
 *   - every row prints its class code, so the class codes count the rows,
 *     and the names (wrapped cells joined) are as many;
 *   - an amount block that opens a band of rows is their total column, and
 *     the blocks after it fill the band's rows, left to right, until each
 *     row's total equals the sum of its parts;
 *   - the 款 and 项 code runs go to the rows whose levels (from the totals:
 *     a class is the sum of its 款, a 款 of its 项) need them, in the order
 *     pdftotext reads runs: by their top row, 款 before 项.
 * Which amount column each value of a row belongs to is then settled by
 * td_assign, as for any row. */
#include "textdump.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>


typedef struct {
    char *text;
    int block;
} item;

typedef struct {
    item *v;
    size_t n, cap;
} items;

static void push_item(items *l, const char *text, int block)
{
    l->v = bx_grow(l->v, &l->cap, l->n + 1, sizeof *l->v);
    l->v[l->n++] = (item){bx_xstrdup(text), block};
}

static void free_items(items *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].text);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* One page of the table, as read. */
typedef struct {
    int page;
    items classes, subs, names, amounts;
    size_t run, longest_run; /* names read one after another, no amount between */
    char *total; /* a totals row's label, and whether it stands above the rows */
    int total_on_top;
} part;

static void free_part(part *p)
{
    free_items(&p->classes);
    free_items(&p->subs);
    free_items(&p->names);
    free_items(&p->amounts);
    free(p->total);
}

/* A totals word among other header words is the header's (合计 before
 * 基本支出 …); alone, a totals row's label. */
static int noisy_run(const td_token *t, size_t n, size_t i, int (*is_noise)(const td_token *, size_t, size_t))
{
    int before = i > 0 && t[i - 1].line_start && is_noise(t, n, i - 1);
    int after = i + 1 < n && t[i + 1].line_start && is_noise(t, n, i + 1);
    return before || after;
}

/* A line of several words, all of the header (基本支出 项目支出). */
static int all_noise(const td_token *t, size_t n, size_t from, size_t end,
                     int (*is_noise)(const td_token *, size_t, size_t))
{
    for (size_t k = from; k < end; k++)
        if (is_noise(t, n, k) != 1 || td_is_num_piece(t[k].text))
            return 0;
    return 1;
}

/* The amounts of tokens [i, end), one line: the first may end a number
 * wrapped from the line before. */
static void take_amounts(part *p, const td_token *t, size_t i, size_t end, int block)
{
    p->run = 0;
    for (size_t k = i; k < end; k++) {
        items *a = &p->amounts;
        int joins = k == i && a->n && td_num_continues(a->v[a->n - 1].text, t[k].text);
        if (joins) { /* a number wrapped onto this line */
            char *both = g_strconcat(a->v[a->n - 1].text, t[k].text, NULL);
            free(a->v[a->n - 1].text);
            a->v[a->n - 1].text = bx_xstrdup(both);
            g_free(both);
        } else {
            push_item(a, t[k].text, block);
        }
    }
}

/* Tokens [i, end), one line, as a name; counts the run of names. */
static void take_name(part *p, const td_token *t, size_t i, size_t end, int block)
{
    bx_buf line;
    bx_buf_init(&line);
    for (size_t k = i; k < end; k++)
        bx_buf_puts(&line, t[k].text);
    push_item(&p->names, line.data, block);
    bx_buf_free(&line);
    if (++p->run > p->longest_run)
        p->longest_run = p->run;
}

/* Sorts the body's lines into the page parts. Returns the number of parts. */
static size_t sort_lines(const td_doc *d, const td_token *t, size_t n,
                         int (*is_noise)(const td_token *, size_t, size_t), bx_buf *noise, part **out)
{
    part *parts = NULL;
    size_t n_parts = 0, cap = 0;
    int block = 0, last_name = -2;
    for (size_t i = 0; i < n;) {
        size_t end = i + 1;
        while (end < n && !t[end].line_start)
            end++;
        block += t[i].block_start;
        if (!n_parts || parts[n_parts - 1].page != t[i].page) {
            parts = bx_grow(parts, &cap, n_parts + 1, sizeof *parts);
            memset(&parts[n_parts], 0, sizeof *parts);
            parts[n_parts++].page = t[i].page;
        }
        part *p = &parts[n_parts - 1];
        const char *s = t[i].text;
        /* a line in the same block as a name is a name, or goes on with one
         * (… 缴费 / 支出), whatever header word it reads like */
        int name_goes_on = !t[i].block_start && last_name == (int)i - 1;
        int noisy = end == i + 1 ? is_noise(t, n, i) : all_noise(t, n, i, end, is_noise);
        if (bx_is_total_label(d->pat, s) && !p->total && !noisy_run(t, n, i, is_noise)) {
            p->total = bx_xstrdup(s);
            p->total_on_top = p->classes.n == 0;
        } else if (noisy == 2 || (noisy == 1 && !name_goes_on)) {
            for (size_t k = i; k < end; k++) {
                bx_buf_puts(noise, t[k].text);
                bx_buf_puts(noise, "\n");
            }
        } else if (end == i + 1 && bx_text_is_digits(s, 3, 3)) {
            push_item(&p->classes, s, block);
        } else if (end == i + 1 && bx_text_is_digits(s, 2, 2)) {
            push_item(&p->subs, s, block);
        } else if (td_is_num_piece(s)) {
            take_amounts(p, t, i, end, block);
        } else {
            take_name(p, t, i, end, block);
            last_name = (int)end - 1;
        }
        i = end;
    }
    *out = parts;
    return n_parts;
}

/* Joins wrapped name lines until there are `want` names: a line as wide as
 * the widest of the page's names was cut there, and the next line goes on
 * with it. False when the lines cannot make that many names. */
static int join_names(items *names, size_t want)
{
    if (names->n < want)
        return 0;
    long width = 0; /* the column's width: its widest printed line */
    for (size_t i = 0; i + 1 < names->n; i++) {
        long w = g_utf8_strlen(names->v[i].text, -1);
        width = w > width ? w : width;
    }
    while (names->n > want) {
        size_t cut = names->n;
        long shortest = 0;
        for (size_t i = 0; i + 1 < names->n; i++) { /* the full line with the shortest follower */
            long next = g_utf8_strlen(names->v[i + 1].text, -1);
            if (g_utf8_strlen(names->v[i].text, -1) == width && (cut == names->n || next < shortest)) {
                cut = i;
                shortest = next;
            }
        }
        if (cut == names->n)
            return 0;
        char *both = g_strconcat(names->v[cut].text, names->v[cut + 1].text, NULL);
        free(names->v[cut].text);
        free(names->v[cut + 1].text);
        names->v[cut].text = bx_xstrdup(both);
        g_free(both);
        memmove(&names->v[cut + 1], &names->v[cut + 2], (names->n - cut - 2) * sizeof *names->v);
        names->n--;
    }
    return 1;
}

/* --- Amount bands ---------------------------------------------------------- */

/* What a row's parts still lack to make its total. */
static int64_t lacking(const td_row *r)
{
    int64_t rest = td_fen(r->nums[0]);
    for (size_t k = 1; k < r->n_nums; k++)
        rest -= td_fen(r->nums[k]);
    return rest;
}

/* A row whose parts make its total exactly: a part of 0.01 is as real as
 * any (rounding shows in column sums, not within a row). */
static int complete(const td_row *r)
{
    if (!r->n_nums)
        return 0;
    return (r->n_nums > 1 || td_fen(r->nums[0]) == 0) && lacking(r) == 0;
}

/* The first row of the band [from, to) where a block of len values fits
 * as parts: rows still short of their totals, by at least each value
 * (preferring a start where the values complete the rows exactly). */
static size_t fit_in_band(const td_row *rows, size_t from, size_t to, const item *v, size_t len)
{
    size_t first = (size_t)-1;
    for (size_t r = from; r + len <= to; r++) {
        int fits = 1, exact = 1;
        for (size_t k = 0; k < len && fits; k++) {
            const td_row *row = &rows[r + k];
            int64_t need = row->n_nums ? lacking(row) : -1, val = td_fen(v[k].text);
            fits = row->n_nums && !complete(row) && val <= need + TD_SUM_TOL;
            exact &= val >= need - TD_SUM_TOL;
        }
        if (fits && exact)
            return r;
        if (fits && first == (size_t)-1)
            first = r;
    }
    return first;
}

/* Deals a page's amount blocks to its rows [r0, r1). False when a block
 * finds no rows. */
static int deal_amounts(td_row *rows, size_t r0, size_t r1, const items *a)
{
    size_t band = r0, band_end = r0;
    for (size_t i = 0; i < a->n;) {
        size_t len = 1;
        while (i + len < a->n && a->v[i + len].block == a->v[i].block)
            len++;
        int open = 0;
        for (size_t r = band; r < band_end && !open; r++)
            open = !complete(&rows[r]);
        size_t at = open ? fit_in_band(rows, band, band_end, &a->v[i], len) : (size_t)-1;
        if (at == (size_t)-1) { /* a new band: its rows' totals */
            if (band_end + len > r1)
                return 0;
            band = at = band_end;
            band_end = band + len;
        }
        for (size_t k = 0; k < len; k++)
            td_row_add_num(&rows[at + k], a->v[i + k].text);
        i += len;
    }
    return 1;
}

/* --- Codes ------------------------------------------------------------------ */

/* The rows of [r0, r1) at level lv or deeper, in order. */
static size_t needing(const int *level, size_t r0, size_t r1, int lv, size_t *out)
{
    size_t n = 0;
    for (size_t r = r0; r < r1; r++)
        if (level[r] >= lv)
            out[n++] = r;
    return n;
}

/* Whether the len rows from list[at] are consecutive table rows. */
static int run_fits(const size_t *list, size_t n, size_t at, size_t len)
{
    if (at + len > n)
        return 0;
    for (size_t k = 1; k < len; k++)
        if (list[at + k] != list[at + k - 1] + 1)
            return 0;
    return 1;
}

static void give(td_row *r, size_t slot, const char *code)
{
    while (r->n_codes < slot)
        r->codes[r->n_codes++] = bx_xstrdup("");
    if (r->n_codes == slot)
        r->codes[r->n_codes++] = bx_xstrdup(code);
}

/* Deals a page's 款/项 code runs to its rows [r0, r1): each run goes to the
 * column (款 or 项) whose next needing rows it can fill, the one higher up
 * first. False when a run fits neither. */
static int deal_codes(td_row *rows, const int *level, size_t r0, size_t r1, const items *subs)
{
    size_t *kuan = bx_xcalloc(r1 - r0 + 1, sizeof *kuan), *xiang = bx_xcalloc(r1 - r0 + 1, sizeof *xiang);
    size_t nk = needing(level, r0, r1, 2, kuan), nx = needing(level, r0, r1, 3, xiang), ik = 0, ix = 0;
    int ok = 1;
    for (size_t i = 0; i < subs->n && ok;) {
        size_t len = 1;
        while (i + len < subs->n && subs->v[i + len].block == subs->v[i].block)
            len++;
        int k_fits = run_fits(kuan, nk, ik, len), x_fits = run_fits(xiang, nx, ix, len);
        int to_kuan = k_fits && (!x_fits || kuan[ik] <= xiang[ix]);
        ok = k_fits || x_fits;
        for (size_t k = 0; ok && k < len; k++) {
            if (to_kuan)
                give(&rows[kuan[ik + k]], 1, subs->v[i + k].text);
            else
                give(&rows[xiang[ix + k]], 2, subs->v[i + k].text);
        }
        if (to_kuan)
            ik += len;
        else
            ix += len;
        i += len;
    }
    ok &= ik == nk && ix == nx;
    free(kuan);
    free(xiang);
    return ok;
}

/* --- Rows ------------------------------------------------------------------- */

/* The rows of each page: its totals row (where it stands) and one row per
 * class code, named in order. Fills first[p] with each page's first row. */
static td_row *build_rows(part *parts, size_t n_parts, size_t *n_rows, size_t *first)
{
    td_row *rows = NULL;
    size_t n = 0, cap = 0;
    for (size_t p = 0; p < n_parts; p++) {
        part *pt = &parts[p];
        first[p] = n;
        size_t count = pt->classes.n + (pt->total != NULL);
        rows = bx_grow(rows, &cap, n + count + 1, sizeof *rows);
        memset(&rows[n], 0, count * sizeof *rows);
        size_t top = pt->total && pt->total_on_top, r = n + top;
        if (pt->total) {
            td_row *tr = &rows[top ? n : n + count - 1];
            tr->is_total = 1;
            tr->text = bx_xstrdup(pt->total);
            tr->right_text = bx_xstrdup("");
            tr->page = pt->page;
        }
        for (size_t i = 0; i < pt->classes.n; i++, r++) {
            rows[r].codes[rows[r].n_codes++] = bx_xstrdup(pt->classes.v[i].text);
            rows[r].text = bx_xstrdup(pt->names.v[i].text);
            rows[r].right_text = bx_xstrdup("");
            rows[r].page = pt->page;
        }
        n += count;
    }
    first[n_parts] = n;
    *n_rows = n;
    return rows;
}

/* A page read column by column has a run of names with no amount among
 * them, and every class code has its name. */
static int looks_columnar(const part *parts, size_t n_parts)
{
    int any = 0;
    for (size_t p = 0; p < n_parts; p++) {
        if (!parts[p].classes.n || !parts[p].amounts.n)
            return 0;
        any |= parts[p].longest_run >= 3 && parts[p].classes.n >= 3;
    }
    return any;
}

/* The 款 and 项 codes given to rows, taken back. */
static void clear_subs(td_row *rows, size_t n)
{
    for (size_t r = 0; r < n; r++)
        while (rows[r].n_codes > 1)
            free(rows[r].codes[--rows[r].n_codes]);
}

/* A page that goes on with a subtree cut by the page break: its first
 * rows are 项 or 款 whose class is on the page before. The shallowest
 * reading of the fewest such rows that places every code wins. */
static int deal_codes_cut(td_row *rows, size_t n_rows, const items *subs)
{
    for (int depth = 3; depth >= 2; depth--)
        for (size_t lead = 1; lead <= 3 && lead <= n_rows; lead++) {
            clear_subs(rows, n_rows);
            int *level = td_infer_levels_cut(rows, n_rows, lead, depth);
            int ok = deal_codes(rows, level, 0, n_rows, subs);
            free(level);
            if (ok)
                return 1;
        }
    return 0;
}

size_t td_read_columnar(const td_doc *d, const td_token *t, size_t n, td_row **out,
                        int (*is_noise)(const td_token *t, size_t n, size_t i), bx_buf *noise,
                        int continues)
{
    bx_buf found;
    bx_buf_init(&found);
    part *parts = NULL;
    size_t n_parts = sort_lines(d, t, n, is_noise, &found, &parts), n_rows = 0;
    int ok = looks_columnar(parts, n_parts);
    for (size_t p = 0; ok && p < n_parts; p++)
        ok = join_names(&parts[p].names, parts[p].classes.n);
    size_t *first = bx_xcalloc(n_parts + 1, sizeof *first);
    td_row *rows = ok ? build_rows(parts, n_parts, &n_rows, first) : NULL;
    for (size_t p = 0; ok && p < n_parts; p++)
        ok = deal_amounts(rows, first[p], first[p + 1], &parts[p].amounts);
    int *level = ok ? td_infer_levels(rows, n_rows) : NULL;
    for (size_t p = 0; ok && p < n_parts; p++)
        ok = deal_codes(rows, level, first[p], first[p + 1], &parts[p].subs);
    if (level && !ok && continues && n_parts == 1)
        ok = deal_codes_cut(rows, n_rows, &parts[0].subs);
    free(level);
    free(first);
    for (size_t p = 0; p < n_parts; p++)
        free_part(&parts[p]);
    free(parts);
    if (!ok) {
        td_rows_free(rows, n_rows);
        bx_buf_free(&found);
        return 0;
    }
    if (found.len)
        bx_buf_puts(noise, found.data);
    bx_buf_free(&found);
    *out = rows;
    return n_rows;
}
