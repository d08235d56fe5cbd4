/* Text dumps: which column each amount of a row belongs to. Empty cells
 * leave no trace in a dump, so a row of k amounts under m amount columns
 * has up to C(m, k) readings. The accounting identities narrow them:
 *   - a row's total equals the sum of its parts (合计 = 基本 + 项目, and a
 *     group's 小计 = the sum of its members);
 *   - a class equals the sum of its 款, a 款 the sum of its 项, the 合计 row
 *     the sum of the classes, column by column.
 * What is still open is settled by what other tables print (a label next
 * to the same amount), then by the leftmost reading, and noted in the
 * table's ambiguities (the JSON's per-table "ambiguities"). */
#include "textdump.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEARCH_LIMIT 400000 /* family search steps before giving up pruning */

/* --- Evidence ------------------------------------------------------------- */

void td_evidence_add(td_evidence *e, const char *label, const char *amount)
{
    int64_t fen;
    if (!label || !*label || !bx_amount_parse(amount, 100, &fen))
        return;
    if (!e->by_fen)
        e->by_fen = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    char *key = bx_text_key(label);
    gint64 at = fen;
    size_t last = GPOINTER_TO_SIZE(g_hash_table_lookup(e->by_fen, &at));
    for (size_t i = last; i > 0; i = e->same_fen[i - 1])
        if (strcmp(e->labels[i - 1], key) == 0) { /* printed again: counted again */
            e->count[i - 1]++;
            free(key);
            return;
        }
    size_t cap = e->cap; /* three arrays of one capacity */
    e->labels = bx_grow(e->labels, &cap, e->n + 1, sizeof *e->labels);
    cap = e->cap;
    e->count = bx_grow(e->count, &cap, e->n + 1, sizeof *e->count);
    e->same_fen = bx_grow(e->same_fen, &e->cap, e->n + 1, sizeof *e->same_fen);
    e->same_fen[e->n] = last;
    gint64 *k = g_new(gint64, 1);
    *k = fen;
    g_hash_table_replace(e->by_fen, k, GSIZE_TO_POINTER(e->n + 1));
    e->labels[e->n] = key;
    e->count[e->n++] = 1;
}

static void add_name(td_evidence *e, const char *code, const char *name)
{
    if (!e->names)
        e->names = g_hash_table_new_full(g_str_hash, g_str_equal, free, free);
    if (!g_hash_table_contains(e->names, code)) /* the first name given a code stands */
        g_hash_table_insert(e->names, bx_xstrdup(code), bx_xstrdup(name));
}

static const char *find_name(const td_evidence *e, const char *code)
{
    return e->names ? g_hash_table_lookup(e->names, code) : NULL;
}

void td_evidence_free(td_evidence *e)
{
    for (size_t i = 0; i < e->n; i++)
        free(e->labels[i]);
    for (size_t i = 0; i < e->n_items; i++)
        free(e->items[i]);
    free(e->items);
    free(e->labels);
    free(e->count);
    free(e->same_fen);
    if (e->by_fen)
        g_hash_table_destroy(e->by_fen);
    if (e->names)
        g_hash_table_destroy(e->names);
    memset(e, 0, sizeof *e);
}

static void add_item(td_evidence *e, const char *label)
{
    if (!label || !*label)
        return;
    e->items = bx_grow(e->items, &e->cap_items, e->n_items + 1, sizeof *e->items);
    e->items[e->n_items++] = bx_text_key(label);
}

/* The first listed item that the column's name is part of, or -1. */
static long item_index(const td_evidence *e, const char *name)
{
    char *key = bx_text_key(name);
    long at = -1;
    for (size_t i = 0; i < e->n_items && at < 0 && *key; i++)
        if (strstr(e->items[i], key))
            at = (long)i;
    free(key);
    return at;
}

void td_order_by_items(td_columns *c, const td_evidence *e)
{
    size_t pos[64], n = 0;
    long at[64];
    for (size_t j = 0; j < c->n && n < 64; j++) {
        const td_col *col = &c->cols[j];
        if (col->kind != TD_COL_AMOUNT || col->is_total || col->group >= 0)
            continue;
        at[n] = item_index(e, col->name);
        if (at[n] < 0)
            return; /* an item no table lists: no order to go by */
        for (size_t k = 0; k < n; k++)
            if (at[k] == at[n])
                return;
        pos[n++] = j;
    }
    for (size_t a = 1; a < n; a++) /* insertion sort of the names by item */
        for (size_t b = a; b > 0 && at[b - 1] > at[b]; b--) {
            long tv = at[b];
            at[b] = at[b - 1];
            at[b - 1] = tv;
            char *tn = c->cols[pos[b]].name;
            c->cols[pos[b]].name = c->cols[pos[b - 1]].name;
            c->cols[pos[b - 1]].name = tn;
        }
}

/* How many other-table labels name this column and print this amount. */
static int evidence_for(const td_evidence *e, const char *col_key, int64_t fen)
{
    int n = 0;
    gint64 key = fen;
    size_t i = e->by_fen ? GPOINTER_TO_SIZE(g_hash_table_lookup(e->by_fen, &key)) : 0;
    for (; i > 0; i = e->same_fen[i - 1])
        if (strstr(e->labels[i - 1], col_key))
            n += e->count[i - 1];
    return n;
}

/* --- Candidates ----------------------------------------------------------- */

typedef struct {
    size_t k;       /* amounts in the row (at most m) */
    int64_t *val;   /* their values in fen */
    int parsed;     /* all parse */
    size_t n_cand;
    int *pos;       /* n_cand * k column indices (among the amount columns) */
    char *alive;
    int parent;     /* row index of its parent, or -1 */
} row_cands;

typedef struct {
    const td_columns *c;
    size_t *amount_col; /* amount index -> table column */
    size_t m;
    row_cands *rc;
    size_t n_rows;
    long steps;
} solver;

/* All order-preserving placements of k amounts into m columns, leftmost
 * first. */
static void enumerate(row_cands *r, size_t m)
{
    size_t k = r->k, cap = 0;
    int idx[64];
    for (size_t i = 0; i < k; i++)
        idx[i] = (int)i;
    r->n_cand = 0;
    if (k > m)
        return;
    for (;;) {
        r->pos = bx_grow(r->pos, &cap, (r->n_cand + 1) * (k ? k : 1), sizeof *r->pos);
        memcpy(r->pos + r->n_cand * k, idx, k * sizeof *idx);
        r->n_cand++;
        if (k == 0)
            break;
        size_t i = k;
        while (i > 0 && idx[i - 1] == (int)(m - k + i - 1))
            i--;
        if (i == 0)
            break;
        idx[i - 1]++;
        for (size_t j = i; j < k; j++)
            idx[j] = idx[j - 1] + 1;
    }
    r->alive = bx_xmalloc(r->n_cand);
    memset(r->alive, 1, r->n_cand);
}

/* The row's value in every amount column under candidate `cand`. */
static void vector(const row_cands *r, size_t cand, size_t m, int64_t *out)
{
    memset(out, 0, m * sizeof *out);
    for (size_t i = 0; i < r->k; i++)
        out[r->pos[cand * r->k + i]] = r->val[i];
}

static int64_t absdiff(int64_t a, int64_t b) { return a > b ? a - b : b - a; }

/* 合计 = the other top-level columns; a group's first total = its members. */
static int row_identity_holds(const solver *s, const int64_t *v)
{
    const td_columns *c = s->c;
    int64_t top_total = 0, top_sum = 0;
    int have_top = 0;
    for (size_t a = 0; a < s->m; a++) {
        const td_col *col = &c->cols[s->amount_col[a]];
        if (col->group >= 0) {
            size_t first = (size_t)col->group;
            if (s->amount_col[a] == first && col->is_total) {
                int64_t members = 0;
                size_t b = a + 1;
                for (; b < s->m && c->cols[s->amount_col[b]].group == (int)first; b++)
                    members += v[b];
                if (b > a + 1 && absdiff(members, v[a]) > TD_SUM_TOL)
                    return 0;
            }
            if (s->amount_col[a] != first && c->cols[first].is_total)
                continue; /* counted through the group's total */
        }
        if (a == 0 && col->is_total && col->group < 0) {
            top_total = v[a];
            have_top = 1;
        } else if (have_top) {
            top_sum += v[a];
        }
    }
    return !have_top || s->m < 2 || absdiff(top_total, top_sum) <= TD_SUM_TOL;
}

static void filter_by_row(solver *s, row_cands *r)
{
    int64_t v[64];
    size_t kept = 0;
    for (size_t c = 0; c < r->n_cand; c++) {
        vector(r, c, s->m, v);
        r->alive[c] = r->parsed ? (char)row_identity_holds(s, v) : 1;
        kept += r->alive[c] != 0;
    }
    if (!kept) /* the identity fails however it is read: a printing error */
        memset(r->alive, 1, r->n_cand);
}

/* Whether some placement of the row's amounts satisfies its identity. */
static int row_fits(solver *s, const td_row *row)
{
    row_cands rc = {.k = row->n_nums};
    if (rc.k > s->m || rc.k > 60)
        return 0;
    int64_t val[64], v[64];
    for (size_t i = 0; i < rc.k; i++)
        if (!bx_amount_parse(row->nums[i], 100, &val[i]))
            return 1; /* not arithmetic: nothing to test */
    rc.val = val;
    enumerate(&rc, s->m);
    int fits = 0;
    for (size_t c = 0; c < rc.n_cand && !fits; c++) {
        vector(&rc, c, s->m, v);
        fits = row_identity_holds(s, v);
    }
    free(rc.pos);
    free(rc.alive);
    return fits;
}

static void move_num(td_row *from, size_t i, td_row *to)
{
    to->nums = bx_xrealloc(to->nums, (to->n_nums + 1) * sizeof *to->nums);
    to->nums[to->n_nums++] = from->nums[i];
    memmove(&from->nums[i], &from->nums[i + 1], (from->n_nums - i - 1) * sizeof *from->nums);
    from->n_nums--;
}

/* pdftotext may read a taller row's last cell late, after the rows below
 * it: a row whose amounts fit no reading takes its extra amount back from
 * a later row that fits no reading either, when both then fit. */
static void relocate_displaced(solver *s, bx_table *t, td_row *rows, size_t n_rows)
{
    char *fits = bx_xmalloc(n_rows + 1);
    for (size_t r = 0; r < n_rows; r++)
        fits[r] = (char)row_fits(s, &rows[r]);
    for (size_t r = 0; r < n_rows; r++) {
        for (size_t i = rows[r].n_nums; !fits[r] && i-- > 1;) {
            for (size_t q = 0; q < r && !fits[r]; q++) {
                if (fits[q] || rows[q].page != rows[r].page)
                    continue;
                move_num(&rows[r], i, &rows[q]);
                if (row_fits(s, &rows[q]) && row_fits(s, &rows[r])) {
                    fits[q] = fits[r] = 1;
                    char note[300];
                    snprintf(note, sizeof note, "row %zu: amount %s printed after row %zu; moved back to it",
                             q + 1, rows[q].nums[rows[q].n_nums - 1], r + 1);
                    bx_table_add_ambiguity(t, note);
                } else { /* undo */
                    char *back = rows[q].nums[--rows[q].n_nums];
                    rows[r].nums = bx_xrealloc(rows[r].nums, (rows[r].n_nums + 1) * sizeof *rows[r].nums);
                    memmove(&rows[r].nums[i + 1], &rows[r].nums[i], (rows[r].n_nums - i) * sizeof *rows[r].nums);
                    rows[r].nums[i] = back;
                    rows[r].n_nums++;
                }
            }
        }
    }
    free(fits);
}

/* --- Families: a parent row and its children ------------------------------ */

typedef struct {
    solver *s;
    int parent;
    int *kids;
    size_t n_kids;
    int64_t target[64], sum[64];
    int *choice;
    char **supported; /* per member (0 = parent) */
    int gave_up;
} family;

static void search(family *f, size_t depth)
{
    solver *s = f->s;
    if (++s->steps > SEARCH_LIMIT) {
        f->gave_up = 1;
        return;
    }
    if (depth == f->n_kids) {
        for (size_t j = 0; j < s->m; j++)
            if (absdiff(f->sum[j], f->target[j]) > TD_SUM_TOL)
                return;
        for (size_t i = 0; i < f->n_kids; i++)
            f->supported[i + 1][f->choice[i]] = 1;
        f->supported[0][f->choice[f->n_kids]] = 1;
        return;
    }
    row_cands *r = &s->rc[f->kids[depth]];
    int64_t v[64];
    for (size_t c = 0; c < r->n_cand && !f->gave_up; c++) {
        if (!r->alive[c])
            continue;
        vector(r, c, s->m, v);
        int ok = 1;
        for (size_t j = 0; j < s->m && ok; j++)
            ok = f->sum[j] + v[j] <= f->target[j] + TD_SUM_TOL || v[j] < 0;
        if (!ok)
            continue;
        for (size_t j = 0; j < s->m; j++)
            f->sum[j] += v[j];
        f->choice[depth] = (int)c;
        search(f, depth + 1);
        for (size_t j = 0; j < s->m; j++)
            f->sum[j] -= v[j];
    }
}

/* Kills the candidates of a family's members that no consistent reading of
 * the whole family uses. Returns 1 when something changed. */
static int prune_family(solver *s, int parent, int *kids, size_t n_kids)
{
    family f = {.s = s, .parent = parent, .kids = kids, .n_kids = n_kids};
    f.choice = bx_xcalloc(n_kids + 1, sizeof *f.choice);
    f.supported = bx_xcalloc(n_kids + 1, sizeof *f.supported);
    f.supported[0] = bx_xcalloc(s->rc[parent].n_cand, 1);
    for (size_t i = 0; i < n_kids; i++)
        f.supported[i + 1] = bx_xcalloc(s->rc[kids[i]].n_cand, 1);
    row_cands *p = &s->rc[parent];
    s->steps = 0;
    for (size_t c = 0; c < p->n_cand && !f.gave_up; c++) {
        if (!p->alive[c])
            continue;
        vector(p, c, s->m, f.target);
        memset(f.sum, 0, sizeof f.sum);
        f.choice[n_kids] = (int)c;
        search(&f, 0);
    }
    int changed = 0, any_solution = 0;
    for (size_t c = 0; c < p->n_cand; c++)
        any_solution |= f.supported[0][c];
    if (!f.gave_up && any_solution) {
        for (size_t i = 0; i <= n_kids; i++) {
            row_cands *r = &s->rc[i == 0 ? parent : kids[i - 1]];
            for (size_t c = 0; c < r->n_cand; c++)
                if (r->alive[c] && !f.supported[i][c]) {
                    r->alive[c] = 0;
                    changed = 1;
                }
        }
    }
    for (size_t i = 0; i <= n_kids; i++)
        free(f.supported[i]);
    free(f.supported);
    free(f.choice);
    return changed;
}

static void propagate(solver *s)
{
    int *kids = bx_xmalloc((s->n_rows + 1) * sizeof *kids);
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t p = 0; p < s->n_rows; p++) {
            size_t n = 0;
            for (size_t r = 0; r < s->n_rows; r++)
                if (s->rc[r].parent == (int)p && s->rc[r].parsed)
                    kids[n++] = (int)r;
            if (n && s->rc[p].parsed)
                changed |= prune_family(s, (int)p, kids, n);
        }
    }
    free(kids);
}

/* --- Rows to cells -------------------------------------------------------- */

static int same_codes(const td_row *a, const td_row *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(a->codes[i], b->codes[i]) != 0)
            return 0;
    return 1;
}

/* The parent of a coded row: the nearest row above with one level fewer
 * and the same leading codes; the 合计 row is the classes' parent. */
static int find_parent(const td_row *rows, size_t n_rows, size_t r)
{
    const td_row *row = &rows[r];
    if (row->is_total || row->n_codes == 0)
        return -1;
    size_t len = row->n_codes == 1 ? strlen(row->codes[0]) : 0;
    if (len > 3) /* a whole code (2013901): its parent prints the code less its last level */
        for (size_t i = r; i-- > 0;)
            if (rows[i].n_codes == 1 && strlen(rows[i].codes[0]) == len - 2 &&
                strncmp(rows[i].codes[0], row->codes[0], len - 2) == 0)
                return (int)i;
    if (len > 3)
        return -1;
    if (row->n_codes == 1) {
        for (size_t i = 0; i < n_rows; i++)
            if (rows[i].is_total)
                return (int)i;
        return -1;
    }
    for (size_t i = r; i-- > 0;)
        if (rows[i].n_codes == row->n_codes - 1 && same_codes(&rows[i], row, row->n_codes - 1))
            return (int)i;
    return -1;
}

static char *code_key(const td_row *r)
{
    bx_buf b;
    bx_buf_init(&b);
    for (size_t i = 0; i < r->n_codes; i++)
        bx_buf_puts(&b, r->codes[i]);
    return bx_buf_take(&b);
}

static int score_candidate(const solver *s, const row_cands *r, size_t cand,
                           const td_evidence *ev)
{
    int score = 0;
    for (size_t i = 0; i < r->k; i++) {
        const td_col *col = &s->c->cols[s->amount_col[r->pos[cand * r->k + i]]];
        if (col->is_total)
            continue;
        char *key = bx_text_key(col->name);
        score += evidence_for(ev, key, r->val[i]);
        free(key);
    }
    return score;
}

/* Settles a row that still has several readings: the one other tables
 * support best, else the leftmost. Notes the choice. */
static void decide(solver *s, bx_table *t, size_t r, const td_row *row, const td_evidence *ev)
{
    row_cands *rc = &s->rc[r];
    size_t alive = 0, best = (size_t)-1;
    int best_score = -1;
    for (size_t c = 0; c < rc->n_cand; c++) {
        if (!rc->alive[c])
            continue;
        alive++;
        int sc = score_candidate(s, rc, c, ev);
        if (sc > best_score) {
            best_score = sc;
            best = c;
        }
    }
    if (alive <= 1)
        return;
    char *key = code_key(row);
    char note[400];
    snprintf(note, sizeof note, "row %zu (%s): %zu column placements fit the identities; chose %s",
             r + 1, row->is_total ? row->text : key, alive,
             best_score > 0 ? "the one other tables support" : "the leftmost");
    bx_table_add_ambiguity(t, note);
    free(key);
    memset(rc->alive, 0, rc->n_cand);
    rc->alive[best] = 1;
    propagate(s);
}

/* A name and a project name wrapped side by side and cut by a page break
 * interleave ("…保险基" "2023年度…基" | "金的补助" "本养老…项目"). Takes the
 * known name out of text in order; NULL unless all of it is found. */
static char *take_out(const char *text, const char *name, char **rest)
{
    bx_buf other;
    bx_buf_init(&other);
    const char *p = text, *q = name;
    while (*p) {
        size_t len = 1;
        while (p[len] && ((unsigned char)p[len] & 0xC0) == 0x80)
            len++;
        if (*q && strncmp(p, q, len) == 0)
            q += len;
        else
            bx_buf_append(&other, p, len);
        p += len;
    }
    if (*q) {
        bx_buf_free(&other);
        return NULL;
    }
    *rest = bx_buf_take(&other);
    return bx_xstrdup(name);
}

static void fill_labels(bx_table *t, const td_columns *c, const td_row *row, char **cells,
                        td_evidence *ev)
{
    size_t labels[8], n_labels = 0;
    for (size_t j = 0; j < c->n && n_labels < 8; j++)
        if (c->cols[j].kind == TD_COL_LABEL)
            labels[n_labels++] = j;
    if (row->is_total) {
        free(cells[0]);
        cells[0] = bx_xstrdup(row->text);
        return;
    }
    if (!n_labels)
        return;
    char *key = code_key(row);
    const char *known = find_name(ev, key);
    size_t kl = known ? strlen(known) : 0;
    char *rest = NULL, *name = NULL;
    if (n_labels >= 2 && known && strncmp(row->text, known, kl) == 0) {
        cells[labels[0]] = bx_xstrdup(known);
        cells[labels[1]] = bx_xstrdup(row->text + kl);
    } else if (n_labels >= 2 && known && (name = take_out(row->text, known, &rest))) {
        cells[labels[0]] = name;
        cells[labels[1]] = rest;
    } else {
        cells[labels[0]] = bx_xstrdup(row->text);
        if (n_labels >= 2 && row->n_codes == c->n_code && c->n_code > 0) {
            char note[300];
            snprintf(note, sizeof note, "row %s: cannot split its text between %s and %s", key,
                     c->cols[labels[0]].name, c->cols[labels[1]].name);
            bx_table_add_ambiguity(t, note);
        }
    }
    if (n_labels == 1 && row->n_codes && !known)
        add_name(ev, key, row->text);
    free(key);
}

static void fill_codes(const td_columns *c, const td_row *row, char **cells)
{
    if (c->n_code == 1 && row->n_codes > 1) {
        cells[0] = code_key(row);
        return;
    }
    for (size_t i = 0; i < row->n_codes && i < c->n_code; i++)
        cells[i] = bx_xstrdup(row->codes[i]);
}

static void emit(bx_table *t, char **cells)
{
    bx_table_add_row(t, (const char *const *)cells);
    for (size_t j = 0; j < t->n_cols; j++)
        free(cells[j]);
    free(cells);
}

/* Side by side (收支总表): the left amounts fill the columns after the
 * first label, the right ones those after the second, leftmost first (a
 * row with fewer amounts than columns is noted). */
static void assign_side_by_side(bx_table *t, const td_columns *c, td_row *rows, size_t n_rows,
                                td_evidence *ev)
{
    size_t second = c->n;
    for (size_t j = 1; j < c->n; j++)
        if (c->cols[j].kind == TD_COL_LABEL) {
            second = j;
            break;
        }
    for (size_t r = 0; r < n_rows; r++) {
        td_row *row = &rows[r];
        char **cells = bx_xcalloc(c->n, sizeof *cells);
        cells[0] = bx_xstrdup(row->text);
        if (second < c->n)
            cells[second] = bx_xstrdup(row->right_text);
        for (size_t i = 0; i < row->n_left && 1 + i < second; i++)
            cells[1 + i] = bx_xstrdup(row->nums[i]);
        size_t k = row->n_nums - row->n_left, m = c->n > second ? c->n - second - 1 : 0;
        /* right: leftmost, the total (printed first) in its column */
        if (k && m) {
            size_t start = second + 1;
            for (size_t i = 0; i < k && start + i < c->n; i++)
                cells[start + i] = bx_xstrdup(row->nums[row->n_left + i]);
            if (k > 1 && k < m) {
                char note[200];
                snprintf(note, sizeof note, "row %zu: %zu amounts under %zu columns; placed leftmost",
                         r + 1, k, m);
                bx_table_add_ambiguity(t, note);
            }
        }
        add_item(ev, row->text);
        for (size_t i = 0; i < row->n_left; i++)
            td_evidence_add(ev, row->text, row->nums[i]);
        for (size_t i = row->n_left; i < row->n_nums; i++)
            td_evidence_add(ev, row->right_text, row->nums[i]);
        emit(t, cells);
    }
}

/* Each row's candidate placements of its amounts, filtered by the row
 * alone (amounts beyond the columns are dropped, and noted). */
static void find_candidates(solver *s, bx_table *t, td_row *rows, size_t n_rows)
{
    for (size_t r = 0; r < n_rows; r++) {
        row_cands *rc = &s->rc[r];
        rc->k = rows[r].n_nums < s->m ? rows[r].n_nums : s->m;
        rc->val = bx_xcalloc(rc->k + 1, sizeof *rc->val);
        rc->parsed = 1;
        for (size_t i = 0; i < rc->k; i++)
            rc->parsed &= bx_amount_parse(rows[r].nums[i], 100, &rc->val[i]);
        rc->parent = find_parent(rows, n_rows, r);
        enumerate(rc, s->m);
        filter_by_row(s, rc);
        if (rows[r].n_nums > s->m) {
            char note[200];
            snprintf(note, sizeof note, "row %zu: %zu amounts for %zu columns; the last dropped", r + 1,
                     rows[r].n_nums, s->m);
            bx_table_add_ambiguity(t, note);
        }
    }
}

/* Adds row to t: codes, labels, and its amounts where the first live
 * candidate places them. */
static void emit_placed(const solver *s, bx_table *t, const td_row *row, const row_cands *rc,
                        td_evidence *ev)
{
    const td_columns *c = s->c;
    char **cells = bx_xcalloc(c->n, sizeof *cells);
    if (!row->is_total)
        fill_codes(c, row, cells);
    fill_labels(t, c, row, cells, ev);
    size_t cand = 0;
    while (cand < rc->n_cand && !rc->alive[cand])
        cand++;
    for (size_t i = 0; cand < rc->n_cand && i < rc->k; i++) {
        size_t col = s->amount_col[rc->pos[cand * rc->k + i]];
        free(cells[col]);
        cells[col] = bx_xstrdup(row->nums[i]);
    }
    for (size_t i = 0; i < row->n_nums; i++)
        td_evidence_add(ev, row->text, row->nums[i]);
    for (size_t j = 0; j < c->n; j++)
        if (!cells[j])
            cells[j] = bx_xstrdup("");
    emit(t, cells);
}

void td_assign(bx_table *t, const td_columns *c, td_row *rows, size_t n_rows, td_evidence *ev)
{
    if (c->side_by_side) {
        assign_side_by_side(t, c, rows, n_rows, ev);
        return;
    }
    solver s = {.c = c, .n_rows = n_rows};
    s.amount_col = bx_xmalloc((c->n + 1) * sizeof *s.amount_col);
    for (size_t j = 0; j < c->n; j++)
        if (c->cols[j].kind == TD_COL_AMOUNT)
            s.amount_col[s.m++] = j;
    if (s.m > 60)
        s.m = 60;
    s.rc = bx_xcalloc(n_rows, sizeof *s.rc);
    relocate_displaced(&s, t, rows, n_rows);
    find_candidates(&s, t, rows, n_rows);
    propagate(&s);
    for (size_t r = 0; r < n_rows; r++) /* totals first: they bind the most */
        if (rows[r].is_total)
            decide(&s, t, r, &rows[r], ev);
    for (size_t r = 0; r < n_rows; r++)
        decide(&s, t, r, &rows[r], ev);
    for (size_t r = 0; r < n_rows; r++) {
        emit_placed(&s, t, &rows[r], &s.rc[r], ev);
        free(s.rc[r].val);
        free(s.rc[r].pos);
        free(s.rc[r].alive);
    }
    free(s.rc);
    free(s.amount_col);
}
