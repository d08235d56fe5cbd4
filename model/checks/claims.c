/* The narrative's claims: amounts it states matched by their labels to the
 * table rows they describe, comparisons (决算数大于/小于/等于预算数), changes
 * (比上年增加 X 万元, 增长 Y%) and shares (占 Z%) recomputed from the stated
 * numbers. The phrases are in phrases.c.
 *
 * A stated amount is compared with the cell at the narrative's precision
 * (2106.66 万元 against a cell in 元 rounded to 100 元); one step off is
 * "rounding". A stated percentage is compared with the exact ratio of the
 * stated amounts: off by less than half its last digit passes, off by no
 * more than the stated amounts' own rounding can explain is "rounding". */
#include "consistency.h"
#include "bx_normalize.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How far back (bytes) an item label may stand from its figures. */
enum { LABEL_REACH = 600, DIRECTION_REACH = 240, SHARE_REACH = 1500, QUOTE_REACH = 60 };

typedef struct {
    const bx_corpus *c;
    bx_findings *f;
    size_t len;
} ctx;

/* --- Tables ------------------------------------------------------------------ */

static const bx_value *value_of(const bx_record *rec, const char *key)
{
    const bx_value *v = bx_record_value(rec, key);
    return v ? v : bx_record_main_value(rec);
}

static int same_name(const char *printed, const char *label)
{
    char *a = bx_text_key(printed ? printed : ""), *b = bx_text_key(label ? label : "");
    int eq = a && b && *a && strcmp(a, b) == 0;
    free(a);
    free(b);
    return eq;
}

/* The row of table t a phrase names: by '*'-fragments of its name, or the
 * first totals row of the side. */
static const bx_record *row_named(const bx_table *t, const char *row, int side)
{
    for (size_t i = 0; i < t->n_records; i++) {
        const bx_record *rec = &t->records[i];
        if (rec->side != side)
            continue;
        if (!row && rec->is_total && !rec->code)
            return rec;
        if (row) {
            char *k = bx_text_key(rec->name);
            int hit = k && bx_phrase_match(k, row);
            free(k);
            if (hit)
                return rec;
        }
    }
    return NULL;
}

/* The class row whose name ends the label (a label may carry words before it). */
static const bx_record *class_named(const bx_table *t, const char *label)
{
    const bx_record *best = NULL;
    char *lk = bx_text_key(label);
    size_t best_len = 0, ll = strlen(lk);
    for (size_t i = 0; i < t->n_records; i++) {
        const bx_record *rec = &t->records[i];
        if (rec->level != BX_LEVEL_CLASS)
            continue;
        char *k = bx_text_key(rec->name);
        size_t kl = strlen(k);
        if (kl && kl <= ll && strcmp(lk + ll - kl, k) == 0 && kl > best_len) {
            best = rec;
            best_len = kl;
        }
        free(k);
    }
    free(lk);
    return best;
}

static const bx_record *by_code(const bx_table *t, const char *code, size_t n)
{
    for (size_t i = 0; i < t->n_records; i++)
        if (t->records[i].code && strlen(t->records[i].code) == n &&
            strncmp(t->records[i].code, code, n) == 0)
            return &t->records[i];
    return NULL;
}

/* The item row named 类/款/项: its name and its parents' names agree. */
static const bx_record *item_named(const bx_table *t, const char *l1, const char *l2, const char *l3)
{
    for (size_t i = 0; i < t->n_records; i++) {
        const bx_record *rec = &t->records[i];
        if (rec->level != BX_LEVEL_ITEM || !rec->code || strlen(rec->code) < 5 ||
            !same_name(rec->name, l3))
            continue;
        const bx_record *sec = by_code(t, rec->code, strlen(rec->code) - 2);
        const bx_record *cls = by_code(t, rec->code, 3);
        if ((!sec || same_name(sec->name, l2)) && (!cls || same_name(cls->name, l1)))
            return rec;
    }
    return NULL;
}

/* --- Findings ------------------------------------------------------------------ */

/* The matched words, from the start of their clause so that a share or a
 * change quotes what it is about ("一般公共服务支出(类)2106.66万元,占71.73%"). */
static char *quote_at(const ctx *x, size_t s, size_t e)
{
    const char *const *stops = bx_words.clause_stops;
    const char *t = x->c->text;
    size_t b = s, floor = s > QUOTE_REACH ? s - QUOTE_REACH : 0;
    for (int stop = 0; b > floor && !stop;) {
        for (size_t k = 0; stops[k] && !stop; k++) {
            size_t n = strlen(stops[k]);
            stop = b >= n && strncmp(t + b - n, stops[k], n) == 0;
        }
        if (!stop)
            b--;
    }
    while (((unsigned char)t[b] & 0xC0) == 0x80)
        b++;
    return bx_xstrndup(t + b, e > b ? e - b : 0);
}

/* The stated amount against the cell, at the statement's precision. */
static void amount_finding(ctx *x, const char *rule, int ti, const bx_record *rec, const char *key,
                           int64_t fen, int64_t step, size_t s, size_t e)
{
    const bx_table *t = x->c->r->tables[ti];
    const bx_value *v = rec ? value_of(rec, key) : NULL;
    if (!v || !v->has_amount || !*v->text)
        return;
    bx_check *k = bx_finding_add(x->f, rule, ti, bx_corpus_page(x->c, s));
    k->row = (int)rec->row;
    bx_buf w;
    bx_buf_init(&w);
    bx_buf_printf(&w, "the stated amount is the table's %s %s", rec->code ? rec->code : rec->name,
                  v->key ? v->key : "");
    k->what = bx_buf_take(&w);
    k->quote = quote_at(x, s, e);
    k->expected = bx_fen_round(v->fen, step);
    k->actual = fen;
    k->tolerance = step > 1 ? step : 0;
    k->status = bx_status_of(k->expected, k->actual, k->tolerance);
    (void)t;
}

/* A stated percentage (text) against an exact one; `slack` is how far the
 * rounding of the stated inputs can move the exact value. */
static void percent_finding(ctx *x, const char *rule, const char *what, const char *pct,
                            double exact, double slack, size_t s, size_t e)
{
    int64_t stated, step;
    if (!bx_claim_amount(pct, "%", &stated, &step))
        return;
    bx_check *k = bx_finding_add(x->f, rule, -1, bx_corpus_page(x->c, s));
    k->percent = 1;
    k->what = bx_xstrdup(what);
    k->quote = quote_at(x, s, e);
    k->expected = llround(exact * 10000.0);
    k->actual = stated;
    int64_t half = step / 2, d = llabs(bx_fen_difference(k->actual, k->expected));
    k->tolerance = half + llround(slack * 10000.0) + half;
    k->status = d <= half ? BX_CHECK_PASS : d <= k->tolerance ? BX_CHECK_ROUNDING : BX_CHECK_FAIL;
}

static void word_finding(ctx *x, const char *rule, const char *what, const char *expected,
                         const char *actual, size_t s, size_t e)
{
    bx_check *k = bx_finding_add(x->f, rule, -1, bx_corpus_page(x->c, s));
    k->what = bx_xstrdup(what);
    k->quote = quote_at(x, s, e);
    k->expected_text = bx_xstrdup(expected);
    k->actual_text = bx_xstrdup(actual);
    k->status = strcmp(expected, actual) == 0 ? BX_CHECK_PASS : BX_CHECK_FAIL;
}

/* --- Reading a match ----------------------------------------------------------- */

typedef struct {
    int64_t fen, step;
    int ok;
} stated;

static stated group_amount(const bx_matcher *m, const char *text, const char *g)
{
    stated v = {0, 1, 0};
    char un[8];
    snprintf(un, sizeof un, "%su", g);
    char *num = bx_matcher_group(m, text, g), *unit = bx_matcher_group(m, text, un);
    v.ok = bx_claim_amount(num, unit, &v.fen, &v.step);
    free(num);
    free(unit);
    return v;
}

/* The relative half-step of a stated amount: how much its rounding may
 * move a ratio it is part of. */
static double rel(stated v)
{
    return v.fen ? (double)v.step / 2.0 / fabs((double)v.fen) : 0.0;
}

/* --- The rules ----------------------------------------------------------------- */

static void amounts(ctx *x, const bx_phrase *p, bx_matcher *m)
{
    const bx_report *r = x->c->r;
    int ti = bx_table_of_kind(r, p->kind);
    size_t from = 0;
    while (ti >= 0 && bx_matcher_next(m, x->c->text, x->len, &from)) {
        const bx_table *t = r->tables[ti];
        stated a = group_amount(m, x->c->text, "a");
        const bx_record *rec = NULL;
        if (p->type == BX_PHRASE_AMOUNT) {
            rec = row_named(t, p->row, p->side);
        } else if (p->type == BX_PHRASE_CLASS) {
            char *label = bx_matcher_group(m, x->c->text, "label");
            rec = label ? class_named(t, label) : NULL;
            free(label);
        } else {
            char *l1 = bx_matcher_group(m, x->c->text, "l1"), *l2 = bx_matcher_group(m, x->c->text, "l2"),
                 *l3 = bx_matcher_group(m, x->c->text, "l3");
            rec = item_named(t, l1, l2, l3);
            free(l1);
            free(l2);
            free(l3);
        }
        if (a.ok && rec)
            amount_finding(x, p->rule, ti, rec, p->key, a.fen, a.step, bx_matcher_start(m),
                           bx_matcher_end(m));
    }
}

/* The comparison word after a budget/final pair, before the next pair. */
static void compare_direction(ctx *x, stated ref, stated a, size_t s, size_t end, size_t limit)
{
    bx_matcher *m = bx_corpus_matcher(x->c, BX_PHRASE_DIRECTION);
    size_t from = end;
    if (limit > end + DIRECTION_REACH)
        limit = end + DIRECTION_REACH;
    if (m && bx_matcher_next(m, x->c->text, limit < x->len ? limit : x->len, &from)) {
        const char *t = x->c->text;
        char *more = bx_matcher_group(m, t, "more"), *less = bx_matcher_group(m, t, "less"),
             *flat = bx_matcher_group(m, t, "flat"), *nearly = bx_matcher_group(m, t, "nearly");
        const char *said = flat ? "equal" : more ? "more" : less ? "less" : "equal";
        /* "基本持平" allows what rounds away at a percent of the budget */
        int64_t d = a.fen - ref.fen, near = nearly ? llabs(ref.fen) / 100 : 0;
        const char *is = llabs(d) <= near ? "equal" : d > 0 ? "more" : "less";
        word_finding(x, "claim_compare", "the comparison word fits final against budget", is, said, s,
                     bx_matcher_end(m));
        free(more);
        free(less);
        free(flat);
        free(nearly);
    }
}

/* The item a budget/final pair is about: the nearest label before it. */
static void compare_item(ctx *x, size_t s, size_t floor, stated a, size_t e)
{
    int ti = bx_table_of_kind(x->c->r, "general_budget_expenditure");
    bx_matcher *m = bx_corpus_matcher(x->c, BX_PHRASE_ITEM_LABEL);
    if (ti < 0 || !m)
        return;
    size_t from = s > LABEL_REACH ? s - LABEL_REACH : 0, ls = 0;
    if (from < floor)
        from = floor;
    char *l1 = NULL, *l2 = NULL, *l3 = NULL;
    while (bx_matcher_next(m, x->c->text, s, &from)) {
        free(l1), free(l2), free(l3);
        l1 = bx_matcher_group(m, x->c->text, "l1");
        l2 = bx_matcher_group(m, x->c->text, "l2");
        l3 = bx_matcher_group(m, x->c->text, "l3");
        ls = bx_matcher_start(m);
    }
    const bx_record *rec = l1 ? item_named(x->c->r->tables[ti], l1, l2, l3) : NULL;
    if (rec)
        amount_finding(x, "claim_amount", ti, rec, "total", a.fen, a.step, ls, e);
    free(l1), free(l2), free(l3);
}

static void compares(ctx *x, const bx_phrase *p, bx_matcher *m)
{
    size_t from = 0, floor = 0;
    size_t *starts = NULL, n = 0, cap = 0;
    while (bx_matcher_next(m, x->c->text, x->len, &from)) {
        starts = bx_grow(starts, &cap, n + 1, sizeof *starts);
        starts[n++] = bx_matcher_start(m);
    }
    for (size_t i = 0; i < n; i++) {
        from = starts[i];
        if (!bx_matcher_next(m, x->c->text, x->len, &from))
            break;
        size_t s = bx_matcher_start(m), e = bx_matcher_end(m);
        stated b = group_amount(m, x->c->text, "b"), c = group_amount(m, x->c->text, "c"),
               a = group_amount(m, x->c->text, "a");
        stated ref = c.ok ? c : b;
        char *pct = bx_matcher_group(m, x->c->text, "pct");
        if (a.ok && ref.ok && pct && ref.fen > 0)
            percent_finding(x, p->rule, "the stated share of the budget spent", pct,
                            100.0 * (double)a.fen / (double)ref.fen,
                            100.0 * (double)a.fen / (double)ref.fen * (rel(a) + rel(ref)), s, e);
        free(pct);
        if (a.ok && ref.ok)
            compare_direction(x, ref, a, s, e, i + 1 < n ? starts[i + 1] : x->len);
        if (a.ok)
            compare_item(x, s, floor, a, e);
        floor = e;
    }
    free(starts);
}

static void change_rate(ctx *x, const char *rule, int up, stated a, stated prior, stated delta,
                        const char *pct, size_t s, size_t e)
{
    if (prior.fen <= 0)
        return; /* growth from nothing has no rate */
    double exact = 100.0 * (double)llabs(delta.fen) / (double)prior.fen;
    double slack = exact * (rel(delta) + rel(prior) + rel(a));
    if ((delta.fen > 0) != up && delta.fen != 0) {
        word_finding(x, rule, "the direction of the change fits the amounts",
                     delta.fen > 0 ? "up" : "down", up ? "up" : "down", s, e);
        return;
    }
    percent_finding(x, rule, "the stated rate of change", pct, exact, slack, s, e);
}

static void changes(ctx *x, const bx_phrase *p, bx_matcher *m)
{
    size_t from = 0;
    while (bx_matcher_next(m, x->c->text, x->len, &from)) {
        size_t s = bx_matcher_start(m), e = bx_matcher_end(m);
        const char *t = x->c->text;
        stated a = group_amount(m, t, "a");
        char *upw = bx_matcher_group(m, t, "up"), *upr = bx_matcher_group(m, t, "uprate"),
             *dir2 = bx_matcher_group(m, t, "dir2"), *pct = bx_matcher_group(m, t, "pct");
        int up = upw != NULL;
        if (p->type == BX_PHRASE_CHANGE) {
            stated dx = group_amount(m, t, "x");
            if (dir2 && up != (upr != NULL))
                word_finding(x, p->rule, "the change and its rate go the same way", up ? "up" : "down",
                             upr ? "up" : "down", s, e);
            else if (a.ok && dx.ok) {
                stated prior = {up ? a.fen - dx.fen : a.fen + dx.fen, a.step, 1};
                stated delta = {up ? dx.fen : -dx.fen, dx.step, 1};
                change_rate(x, p->rule, up, a, prior, delta, pct, s, e);
            }
        } else {
            stated prior = group_amount(m, t, "p");
            if (a.ok && prior.ok) {
                stated delta = {a.fen - prior.fen, a.step, 1};
                change_rate(x, p->rule, up, a, prior, delta, pct, s, e);
            }
        }
        free(upw);
        free(upr);
        free(dir2);
        free(pct);
    }
}

/* --- Shares -------------------------------------------------------------------- */

typedef struct {
    size_t end;
    stated a;
} head;

static void share_against(ctx *x, const bx_phrase *p, bx_matcher *m, stated base)
{
    const char *t = x->c->text;
    stated b = group_amount(m, t, "b");
    char *pct = bx_matcher_group(m, t, "pct");
    if (b.ok && base.ok && base.fen > 0 && pct) {
        double exact = 100.0 * (double)b.fen / (double)base.fen;
        percent_finding(x, p->rule, "the stated share of the whole", pct, exact,
                        exact * (rel(b) + rel(base)), bx_matcher_start(m), bx_matcher_end(m));
    }
    free(pct);
}

/* The whole of a share with no stated head: the table's total row. */
static stated table_total(ctx *x, const char *kind, const char *key)
{
    stated v = {0, 1, 0};
    int ti = bx_table_of_kind(x->c->r, kind);
    if (ti < 0)
        return v;
    const bx_table *tb = x->c->r->tables[ti];
    const bx_record *rec = row_named(tb, NULL, 0);
    const bx_value *val = rec ? value_of(rec, key) : NULL;
    if (val && val->has_amount && *val->text)
        v.ok = bx_claim_amount(val->text, tb->unit ? tb->unit : bx_words.default_unit, &v.fen, &v.step);
    return v;
}

/* Whether the share at s is of a class ("一般公共服务支出(类)...占"): its
 * whole is then the classified table's total. */
static int names_class(const ctx *x, size_t s)
{
    size_t from = s > 60 ? s - 60 : 0;
    char *before = bx_xstrndup(x->c->text + from, s - from);
    int yes = strstr(before, bx_words.class_mark) != NULL;
    free(before);
    return yes;
}

/* Whether no section heading starts between offsets a and b: a list of
 * parts with their shares runs over sentences, not over headings. */
static int same_section(const ctx *x, size_t a, size_t b)
{
    bx_matcher *m = bx_corpus_matcher(x->c, BX_PHRASE_HEADING);
    int same = b - a <= SHARE_REACH;
    /* from the first line starting after a (the starts rise) */
    size_t lo = 0, hi = x->c->n;
    while (same && lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->c->starts[mid] <= a)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; same && m && i < x->c->n && x->c->starts[i] < b; i++) {
        size_t from = 0;
        if (x->c->starts[i] > a && x->c->starts[i] < b &&
            bx_matcher_next(m, x->c->lines[i], strlen(x->c->lines[i]), &from))
            same = 0;
    }
    return same;
}

static void shares(ctx *x)
{
    head *heads = NULL;
    size_t n = 0, cap = 0;
    for (size_t k = 0; k < bx_n_phrases; k++) {
        if (bx_phrases[k].type != BX_PHRASE_SHARE_HEAD)
            continue;
        bx_matcher *m = bx_matcher_new(bx_phrases[k].pattern);
        size_t from = 0;
        while (bx_matcher_next(m, x->c->text, x->len, &from)) {
            heads = bx_grow(heads, &cap, n + 1, sizeof *heads);
            heads[n++] = (head){bx_matcher_end(m), group_amount(m, x->c->text, "a")};
        }
        bx_matcher_free(m);
    }
    int first = 1;
    for (size_t k = 0; k < bx_n_phrases; k++) {
        const bx_phrase *p = &bx_phrases[k];
        if (p->type != BX_PHRASE_SHARE)
            continue;
        bx_matcher *m = bx_matcher_new(p->pattern);
        size_t from = 0;
        while (bx_matcher_next(m, x->c->text, x->len, &from)) {
            size_t s = bx_matcher_start(m);
            stated base = {0, 1, 0};
            /* the first share rule reads a list's head (the last one listed
             * before s); the others name their whole */
            for (size_t i = n; first && i-- > 0;)
                if (heads[i].end <= s) {
                    base = same_section(x, heads[i].end, s) ? heads[i].a : (stated){0, 1, 0};
                    break;
                }
            if (!base.ok && (!first || names_class(x, s)))
                base = table_total(x, p->kind, p->key);
            share_against(x, p, m, base);
        }
        bx_matcher_free(m);
        first = 0;
    }
    free(heads);
}

void bx_claims_check(bx_findings *f, const bx_corpus *c)
{
    ctx x = {c, f, strlen(c->text)};
    for (size_t k = 0; k < bx_n_phrases; k++) {
        const bx_phrase *p = &bx_phrases[k];
        if (p->type != BX_PHRASE_AMOUNT && p->type != BX_PHRASE_CLASS && p->type != BX_PHRASE_ITEM &&
            p->type != BX_PHRASE_COMPARE && p->type != BX_PHRASE_CHANGE && p->type != BX_PHRASE_GROWTH)
            continue;
        bx_matcher *m = bx_matcher_new(p->pattern);
        if (p->type == BX_PHRASE_COMPARE)
            compares(&x, p, m);
        else if (p->type == BX_PHRASE_CHANGE || p->type == BX_PHRASE_GROWTH)
            changes(&x, p, m);
        else
            amounts(&x, p, m);
        bx_matcher_free(m);
    }
    shares(&x);
}
