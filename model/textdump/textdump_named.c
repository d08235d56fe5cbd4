/* Two coded sides read by their names. Some dumps of a 基本支出 table
 * (人员经费 left, 公用经费 right, each side economic code | name |
 * amount) keep no order at all: codes, names and amounts of both sides
 * come out interleaved, so no run of codes can be matched with a run of
 * names. The names still say everything but the amounts:
 *   - each name is looked up in the economic classification (econ_codes.c),
 *     which gives its class and 款, and the class gives its side;
 *   - a totals label is followed by its side's total (the label names the
 *     side, else the first is the left one's);
 *   - the other amounts are placed by the hierarchy: a side's classes add
 *     up to its total, a class's 款 to the class, and every amount printed
 *     is used once; the first placement found that keeps all of them wins;
 *   - within a class the amounts go to its 款 in reading order, each as
 *     close as it can be to its name (the only trace of the rows left).
 * Every choice the identities leave open is noted as an ambiguity. */
#include "bx_normalize.h"
#include "textdump.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char code[6];
    char *name;
    size_t pos; /* where the name is read */
    int amount; /* index into the amounts, -1 for none */
} named;

typedef struct {
    char *text;
    int64_t fen;
    size_t pos;
    int used;
} amount;

typedef struct {
    GArray *rows;    /* named */
    GArray *amounts; /* amount */
    char *total[2];
    int total_amount[2];
    int levels;  /* 类 and 款 printed as columns of their own */
    long budget; /* search steps left */
} reading;

static int is_level_word(const char *s)
{
    for (size_t i = 0; i < td_n_level_words; i++)
        if (strcmp(s, td_level_words[i]) == 0)
            return 1;
    return 0;
}

/* Not a name, an amount nor a totals label: codes, the column names, notes.
 * (Other header words may be names: 工资福利支出 heads columns elsewhere.) */
static int is_other(const td_doc *d, const char *s, const char *const names[3])
{
    if (bx_text_is_digits(s, 1, 0) || is_level_word(s) || bx_is_note(d->pat, s))
        return 1;
    /* the code group wraps (经济分类 / 科目编码); other column words are
     * kept: a name may begin like one (因公出国（境）费 of 因公出国（境）费用),
     * and read alone they name no row anyway */
    return *s && strstr(names[0], s);
}

static int is_amount(const char *s) { return strchr(s, '.') && td_is_amount(s); }

static int has_code(const reading *r, const char *code)
{
    for (guint i = 0; i < r->rows->len; i++)
        if (strcmp(g_array_index(r->rows, named, i).code, code) == 0)
            return 1;
    return 0;
}

/* A name, perhaps wrapped over up to three lines of text; returns the
 * number of lines it takes, 0 when no classification name starts at i. */
static size_t read_name(reading *r, char **text, size_t i, size_t n, size_t pos)
{
    char *joined = bx_xstrdup("");
    size_t took = 0;
    for (size_t k = i; k < n && k < i + 3 && *text[k]; k++) {
        char *both = g_strconcat(joined, text[k], NULL);
        free(joined);
        joined = bx_xstrdup(both);
        g_free(both);
        const char *code = bx_econ_code(joined);
        if (code && !has_code(r, code)) {
            named row = {.name = bx_xstrdup(joined), .pos = pos, .amount = -1};
            snprintf(row.code, sizeof row.code, "%s", code);
            g_array_append_val(r->rows, row);
            took = k - i + 1;
            break;
        }
    }
    free(joined);
    return took;
}

static void read_lines(const td_doc *d, const size_t *lines, size_t n, const char *const names[3],
                       reading *r)
{
    char **text = bx_xcalloc(n + 1, sizeof *text);
    size_t *pos = bx_xcalloc(n + 1, sizeof *pos), m = 0;
    int totals = 0, want_total = -1;
    for (size_t i = 0; i < n; i++) {
        char *s = bx_text_squeeze(d->lines[lines[i]].text);
        if (is_amount(s)) {
            amount a = {.text = s, .fen = td_fen(s), .pos = i};
            g_array_append_val(r->amounts, a);
            if (want_total >= 0)
                r->total_amount[want_total] = (int)r->amounts->len - 1;
            want_total = -1;
            continue;
        }
        want_total = -1;
        int side = bx_econ_total_side(s) >= 0 ? bx_econ_total_side(s) : totals;
        if (bx_is_total_label(d->pat, s) && totals < 2 && !r->total[side]) {
            r->total[side] = s;
            want_total = side;
            totals++;
        } else if (!is_other(d, s, names)) {
            pos[m] = i;
            text[m++] = s;
            continue;
        } else {
            free(s);
        }
        /* a break between the lines of text: no name runs across it */
        pos[m] = i;
        text[m++] = bx_xstrdup("");
    }
    for (size_t i = 0; i < m;) {
        size_t took = *text[i] ? read_name(r, text, i, m, pos[i]) : 0;
        i += took ? took : 1;
    }
    for (size_t i = 0; i < m; i++)
        free(text[i]);
    free(text);
    free(pos);
    for (int s = 0; s < 2; s++)
        if (r->total_amount[s] >= 0)
            g_array_index(r->amounts, amount, r->total_amount[s]).used = 1;
}

/* --- Placing the amounts by the hierarchy -------------------------------- */

typedef struct {
    reading *r;
    guint *classes; /* the class rows, side 0 first */
    size_t n_classes;
    int *order;        /* per class: the amounts, nearest one of its 款 names first */
    int *owner;        /* per amount: the class whose 款 it is, or -1 */
    int *class_amount; /* per class: its amount, or -1 */
    int *best_owner, *best_class;
    int found;
} search;

static named *row_at(const reading *r, size_t i) { return &g_array_index(r->rows, named, i); }
static amount *amt(const reading *r, int i) { return &g_array_index(r->amounts, amount, i); }
static named *class_row(const search *s, size_t c) { return row_at(s->r, s->classes[c]); }
static int side_of(const named *row) { return bx_econ_personnel(row->code) ? 0 : 1; }

static size_t n_kuan(const reading *r, const named *cls)
{
    size_t k = 0;
    for (guint i = 0; i < r->rows->len; i++)
        k += strlen(row_at(r, i)->code) == 5 && strncmp(row_at(r, i)->code, cls->code, 3) == 0;
    return k;
}

/* A sum of n printed amounts and the printed total differ by at most the
 * rounding of each (half a fen): 2 |a - b| <= n + 1. */
static int near(int64_t a, int64_t b, size_t n) { return 2 * llabs(a - b) <= (int64_t)n + 1; }

static void phase2(search *s, size_t c);

/* Chooses the amounts of class c's 款: a subset of the unused ones adding
 * up to the class, those printed nearest its 款 names tried first, equal
 * values once. */
static void subset(search *s, size_t c, size_t from, int64_t rest, size_t count, size_t max)
{
    if (s->found > 1 || --s->r->budget < 0)
        return;
    if (near(rest, 0, count))
        phase2(s, c + 1);
    size_t n = s->r->amounts->len, n_tried = 0;
    const int *order = s->order + c * n;
    int64_t *tried = bx_xcalloc(n + 1, sizeof *tried);
    for (size_t k = from; k < n && count < max && s->found <= 1; k++) {
        amount *a = amt(s->r, order[k]);
        int seen = 0;
        for (size_t j = 0; j < n_tried; j++)
            seen |= tried[j] == a->fen;
        if (a->used || 2 * (a->fen - rest) > (int64_t)max + 1 || seen)
            continue;
        a->used = 1;
        s->owner[order[k]] = (int)c;
        subset(s, c, k + 1, rest - a->fen, count + 1, max);
        s->owner[order[k]] = -1;
        a->used = 0;
        tried[n_tried++] = a->fen;
    }
    free(tried);
}

static void phase2(search *s, size_t c)
{
    if (c == s->n_classes) {
        for (guint i = 0; i < s->r->amounts->len; i++)
            if (!amt(s->r, (int)i)->used)
                return;
        if (!s->found++) {
            memcpy(s->best_owner, s->owner, s->r->amounts->len * sizeof *s->owner);
            memcpy(s->best_class, s->class_amount, s->n_classes * sizeof *s->class_amount);
        }
        return;
    }
    int a = s->class_amount[c];
    if (a < 0)
        phase2(s, c + 1);
    else
        subset(s, c, 0, amt(s->r, a)->fen, 0, n_kuan(s->r, class_row(s, c)));
}

static int64_t side_sum(const search *s, int side, size_t *n)
{
    int64_t sum = 0;
    for (size_t c = 0; c < s->n_classes; c++)
        if (side_of(class_row(s, c)) == side && s->class_amount[c] >= 0) {
            sum += amt(s->r, s->class_amount[c])->fen;
            ++*n;
        }
    return sum;
}

static int side_ends(const search *s, size_t c)
{
    return c + 1 == s->n_classes || side_of(class_row(s, c)) != side_of(class_row(s, c + 1));
}

static int side_ok(const search *s, int side)
{
    int t = s->r->total_amount[side];
    size_t n = 0;
    int64_t sum = side_sum(s, side, &n);
    return t < 0 || near(sum, amt(s->r, t)->fen, n);
}

static size_t distance(size_t a, size_t b) { return a > b ? a - b : b - a; }

/* Chooses class c's amount (or none), nearest its name first. */
static void phase1(search *s, size_t c)
{
    if (s->found > 1 || --s->r->budget < 0)
        return;
    if (c == s->n_classes) {
        phase2(s, 0);
        return;
    }
    named *cls = class_row(s, c);
    size_t n = s->r->amounts->len;
    int *cand = bx_xcalloc(n + 1, sizeof *cand);
    size_t m = 0;
    for (size_t k = 0; k < n; k++)
        if (!amt(s->r, (int)k)->used)
            cand[m++] = (int)k;
    for (size_t i = 1; i < m; i++) /* by distance from the name */
        for (size_t j = i; j > 0 && distance(amt(s->r, cand[j])->pos, cls->pos) <
                                        distance(amt(s->r, cand[j - 1])->pos, cls->pos); j--) {
            int t = cand[j];
            cand[j] = cand[j - 1];
            cand[j - 1] = t;
        }
    cand[m++] = -1; /* no amount */
    for (size_t i = 0; i < m && s->found <= 1; i++) {
        int k = cand[i], seen = 0;
        for (size_t j = 0; k >= 0 && j < i; j++)
            seen |= amt(s->r, cand[j])->fen == amt(s->r, k)->fen;
        if (seen)
            continue;
        if (k >= 0)
            amt(s->r, k)->used = 1;
        s->class_amount[c] = k;
        if (!side_ends(s, c) || side_ok(s, side_of(cls)))
            phase1(s, c + 1);
        if (k >= 0)
            amt(s->r, k)->used = 0;
        s->class_amount[c] = -1;
    }
    free(cand);
}

/* How far amount a is printed from a row's name; at equal distance the
 * name printed before its amount wins, the order of a row read whole. */
static size_t cost(reading *r, int a, const named *row)
{
    size_t at = amt(r, a)->pos;
    return 2 * distance(at, row->pos) + (at < row->pos);
}

/* Gives class c's amounts to its 款 rows: both in reading order, each
 * amount to a later row than the one before, the total distance between
 * amounts and names least (dynamic programming). */
static void give_kuan(reading *r, const named *cls, const int *owner, int c)
{
    size_t n = r->amounts->len, na = 0, nr = 0;
    int *as = bx_xcalloc(n + 1, sizeof *as), *rs = bx_xcalloc(r->rows->len + 1, sizeof *rs);
    for (size_t k = 0; k < n; k++)
        if (owner[k] == c)
            as[na++] = (int)k;
    for (guint i = 0; i < r->rows->len; i++)
        if (strlen(row_at(r, i)->code) == 5 && strncmp(row_at(r, i)->code, cls->code, 3) == 0)
            rs[nr++] = (int)i;
    for (size_t i = 1; i < nr; i++) /* the rows in reading order */
        for (size_t j = i; j > 0 && row_at(r, rs[j])->pos < row_at(r, rs[j - 1])->pos; j--) {
            int t = rs[j];
            rs[j] = rs[j - 1];
            rs[j - 1] = t;
        }
    /* f[i][j]: the least cost of the first i amounts on the first j rows */
    size_t w = nr + 1, big = (size_t)-1 / 4;
    size_t *f = bx_xcalloc((na + 1) * w, sizeof *f);
    for (size_t i = 1; i <= na; i++)
        for (size_t j = 0; j <= nr; j++) {
            size_t best = big;
            if (j >= 1) {
                size_t skip = f[i * w + j - 1];
                size_t take = f[(i - 1) * w + j - 1] + cost(r, as[i - 1], row_at(r, rs[j - 1]));
                best = skip < take ? skip : take;
            }
            f[i * w + j] = best;
        }
    for (size_t i = na, j = nr; i > 0 && j > 0; j--) {
        size_t take = f[(i - 1) * w + j - 1] + cost(r, as[i - 1], row_at(r, rs[j - 1]));
        if (take == f[i * w + j]) {
            row_at(r, rs[j - 1])->amount = as[i - 1];
            i--;
        }
    }
    free(f);
    free(as);
    free(rs);
}

/* How far amount a is printed from the nearest 款 name of class cls. */
static size_t kuan_distance(const reading *r, const named *cls, int a)
{
    size_t best = (size_t)-1;
    for (guint i = 0; i < r->rows->len; i++) {
        const named *row = row_at(r, i);
        if (strlen(row->code) == 5 && strncmp(row->code, cls->code, 3) == 0 &&
            distance(row->pos, amt((reading *)r, a)->pos) < best)
            best = distance(row->pos, amt((reading *)r, a)->pos);
    }
    return best;
}

static void order_for(const search *s, size_t c, int *order)
{
    size_t n = s->r->amounts->len;
    size_t *dist = bx_xcalloc(n + 1, sizeof *dist);
    for (size_t k = 0; k < n; k++) {
        order[k] = (int)k;
        dist[k] = kuan_distance(s->r, class_row(s, c), (int)k);
    }
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && dist[order[j]] < dist[order[j - 1]]; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    free(dist);
}

static int by_side_code(const void *a, const void *b)
{
    const named *x = a, *y = b;
    int sx = side_of(x), sy = side_of(y);
    return sx != sy ? sx - sy : strcmp(x->code, y->code);
}

/* Which item of a class holds which of its amounts is a guess from the
 * dump's order as soon as it has an amount and two items to choose from. */
static void note_guess(const reading *r, bx_table *notes, const named *cls, const int *owner, int c)
{
    size_t k = 0;
    for (size_t a = 0; a < r->amounts->len; a++)
        k += owner[a] == c;
    if (k == 0 || n_kuan(r, cls) < 2)
        return;
    char note[160];
    snprintf(note, sizeof note, "class %s: which item holds which of its %zu amounts is read from "
             "the order of the dump, not printed", cls->code, k);
    bx_table_add_ambiguity(notes, note);
}

/* Places every amount; 0 when the identities admit no placement. */
static int place(reading *r, bx_table *notes)
{
    g_array_sort(r->rows, by_side_code);
    search s = {.r = r};
    size_t n = r->amounts->len;
    s.classes = bx_xcalloc(r->rows->len + 1, sizeof *s.classes);
    for (guint i = 0; i < r->rows->len; i++)
        if (strlen(row_at(r, i)->code) == 3)
            s.classes[s.n_classes++] = i;
    s.order = bx_xcalloc(n * s.n_classes + 1, sizeof *s.order);
    s.owner = bx_xcalloc(n + 1, sizeof *s.owner);
    s.best_owner = bx_xcalloc(n + 1, sizeof *s.best_owner);
    s.class_amount = bx_xcalloc(s.n_classes + 1, sizeof *s.class_amount);
    s.best_class = bx_xcalloc(s.n_classes + 1, sizeof *s.best_class);
    for (size_t k = 0; k < n; k++)
        s.owner[k] = -1;
    for (size_t c = 0; c < s.n_classes; c++)
        order_for(&s, c, s.order + c * n);
    for (size_t c = 0; c < s.n_classes; c++)
        s.class_amount[c] = -1;
    r->budget = 2000000;
    phase1(&s, 0);
    int ok = s.found > 0;
    if (s.found > 1 || r->budget < 0)
        bx_table_add_ambiguity(notes, "the identities (class = sum of its items, side total = sum "
                                      "of its classes) admit more than one placement of the "
                                      "amounts; the first found is kept");
    for (size_t c = 0; ok && c < s.n_classes; c++) {
        named *cls = class_row(&s, c);
        cls->amount = s.best_class[c];
        give_kuan(r, cls, s.best_owner, (int)c);
        note_guess(r, notes, cls, s.best_owner, (int)c);
    }
    free(s.classes);
    free(s.order);
    free(s.owner);
    free(s.best_owner);
    free(s.class_amount);
    free(s.best_class);
    return ok;
}

static const char *text_of(const reading *r, int a) { return a < 0 ? "" : amt((reading *)r, a)->text; }

/* One side's cells of a row: 类 | 款 | name | amount, or code | name | amount. */
static void side_cells(const reading *r, const named *row, int levels, const char **cells, char kuan[3])
{
    size_t k = 0;
    if (levels) {
        cells[k++] = row->code; /* cut to the class by the caller */
        snprintf(kuan, 3, "%s", strlen(row->code) == 5 ? row->code + 3 : "");
        cells[k++] = kuan;
    } else {
        cells[k++] = row->code;
    }
    cells[k++] = row->name;
    cells[k] = text_of(r, row->amount);
}

static bx_table *build(reading *r, const char *const names[3], bx_table *notes)
{
    size_t w = r->levels ? 4 : 3;
    bx_table *t = bx_table_new(2 * w);
    const char *head[8], *levels[8];
    for (int s = 0; s < 2; s++) {
        size_t k = s * w;
        head[k] = levels[k] = names[0];
        if (r->levels) {
            head[k + 1] = names[0];
            levels[k] = td_level_words[0];
            levels[k + 1] = td_level_words[1];
        }
        head[k + w - 2] = levels[k + w - 2] = names[1];
        head[k + w - 1] = levels[k + w - 1] = names[2];
    }
    bx_table_add_header_row(t, head);
    if (r->levels)
        bx_table_add_header_row(t, levels);
    GPtrArray *side[2] = {g_ptr_array_new(), g_ptr_array_new()};
    for (guint i = 0; i < r->rows->len; i++)
        g_ptr_array_add(side[side_of(row_at(r, i))], row_at(r, i));
    guint n = side[0]->len > side[1]->len ? side[0]->len : side[1]->len;
    for (guint i = 0; i < n; i++) {
        const char *cells[8] = {"", "", "", "", "", "", "", ""};
        char kuan[2][3], cls[2][4];
        for (int s = 0; s < 2; s++)
            if (i < side[s]->len) {
                side_cells(r, g_ptr_array_index(side[s], i), r->levels, cells + s * w, kuan[s]);
                if (r->levels) {
                    snprintf(cls[s], sizeof cls[s], "%.3s", cells[s * w]);
                    cells[s * w] = cls[s];
                }
            }
        bx_table_add_row(t, cells);
    }
    if (r->total[0] || r->total[1]) {
        const char *cells[8] = {"", "", "", "", "", "", "", ""};
        for (int s = 0; s < 2; s++) {
            cells[s * w] = r->total[s] ? r->total[s] : "";
            cells[s * w + w - 1] = text_of(r, r->total_amount[s]);
        }
        bx_table_add_row(t, cells);
    }
    for (size_t i = 0; i < notes->n_ambiguities; i++)
        bx_table_add_ambiguity(t, notes->ambiguities[i]);
    g_ptr_array_free(side[0], TRUE);
    g_ptr_array_free(side[1], TRUE);
    return t;
}

static void free_reading(reading *r)
{
    for (guint i = 0; i < r->rows->len; i++)
        free(row_at(r, i)->name);
    for (guint i = 0; i < r->amounts->len; i++)
        free(amt(r, (int)i)->text);
    g_array_free(r->rows, TRUE);
    g_array_free(r->amounts, TRUE);
    free(r->total[0]);
    free(r->total[1]);
}

/* Needs a class on each side and every 款 under a class read too. */
static int shaped(const reading *r)
{
    int sides[2] = {0, 0};
    for (guint i = 0; i < r->rows->len; i++) {
        const named *row = row_at(r, i);
        if (strlen(row->code) == 3) {
            sides[side_of(row)] = 1;
            continue;
        }
        char cls[4];
        snprintf(cls, sizeof cls, "%.3s", row->code);
        if (!has_code(r, cls))
            return 0;
    }
    return sides[0] && sides[1];
}

bx_table *td_read_paired_named(const td_doc *d, const size_t *lines, size_t n, const char *names[3],
                               int levels)
{
    reading r = {.rows = g_array_new(FALSE, TRUE, sizeof(named)),
                 .amounts = g_array_new(FALSE, TRUE, sizeof(amount)),
                 .total_amount = {-1, -1},
                 .levels = levels};
    read_lines(d, lines, n, names, &r);
    bx_table *t = NULL, *notes = bx_table_new(1);
    if (shaped(&r) && place(&r, notes))
        t = build(&r, names, notes);
    bx_table_free(notes);
    free_reading(&r);
    return t;
}

const char *td_code_group_within(const char *text)
{
    char *key = bx_text_key(text);
    const char *best = NULL;
    for (size_t w = 0, n = bx_header_words_count(); w < n; w++) {
        bx_header_word hw;
        if (!td_header_word(w, &hw) || hw.shape != BX_HEADER_CODE_GROUP)
            continue;
        if (strstr(key, hw.key) && (!best || strlen(hw.text) > strlen(best)))
            best = hw.text;
    }
    free(key);
    return best;
}
