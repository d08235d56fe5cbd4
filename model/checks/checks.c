/* Arithmetic identities of a report, inside tables and across them.
 *
 * Amounts are exact integers in fen. A printed amount rounded to a coarse
 * step (0.01 万元 is 100 元) may make a sum differ from its parts by a few
 * steps: such a difference within (terms + 1) * step / 2 has status
 * "rounding", anything larger "fail" (terms counts the non-zero printed amounts on
 * both sides; two printed figures of one amount may thus differ by a step,
 * as when a summary line is itself a sum of rounded parts). Amounts printed to the fen are exact,
 * so their tolerance is 0. Checks whose cells are all empty (0 = 0 by
 * omission) or hold text that is not an amount are not listed. */
#include "bx_checks.h"
#include "bx_normalize.h"
#include "consistency.h"
#include "checks_private.h"

#include <stdlib.h>
#include <string.h>

/* Marks that end the number of a summary line ("八、社会保障和就业支出",
 * "1.一般公共预算资金"): the name starts after them. */
static const char *const item_number_marks[] = {"、", "．", "."};

/* A summary's top-level lines are numbered with a Chinese numeral and this
 * mark ("一、财政拨款收入"); their sub-lines ("1.一般公共预算资金", "其中：") are not. */
static const char top_mark[] = "、";

typedef bx_checker checker;
typedef bx_terms terms;

static void add_check(checker *ck, const char *rule, int table, int row, int page, int other,
                      char *what, terms *expected, terms *actual)
{
    (void)bx_check_add(ck, rule, table, row, page, other, what, expected, actual);
}

static const bx_value *value_at(const bx_record *rec, size_t col)
{
    for (size_t i = 0; i < rec->n_values; i++)
        if (rec->values[i].col == col)
            return &rec->values[i];
    return NULL;
}

static const char *label_of(const bx_record *rec)
{
    return rec->code ? rec->code : rec->name;
}

/* --- Row totals: an aggregate column against the columns it groups -------- */

static int has_prefix_dir(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return n == 0 || (strncmp(path, dir, n) == 0 && path[n] == '/');
}

/* The columns an aggregate column `a` adds up: those under its parent header
 * on its side and measure, except those a deeper aggregate already adds up. */
static size_t members_of(const bx_table *t, char **paths, char **parents, size_t a, size_t *out)
{
    const bx_column *ca = &t->columns[a];
    size_t n = 0;
    for (size_t c = 0; c < t->n_cols; c++) {
        const bx_column *cc = &t->columns[c];
        if (c == a || cc->role != BX_COL_VALUE || cc->side != ca->side ||
            (cc->measure != ca->measure && (!cc->measure || !ca->measure ||
                                            strcmp(cc->measure, ca->measure) != 0)))
            continue;
        if (!has_prefix_dir(paths[c], parents[a]))
            continue;
        int covered = 0;
        for (size_t b = 0; b < t->n_cols && !covered; b++)
            covered = b != a && b != c && t->columns[b].aggregate &&
                      t->columns[b].side == ca->side && strlen(parents[b]) > strlen(parents[a]) &&
                      has_prefix_dir(parents[b], parents[a]) && has_prefix_dir(paths[c], parents[b]);
        if (!covered)
            out[n++] = c;
    }
    return n;
}

/* Two totals side by side under one heading (总计 | 财政拨款小计 | ...), as a
 * header flattened to one row by a text dump prints them: which columns the
 * inner one covers is not printed, so neither sum can be checked. */
static int has_sibling_aggregate(const bx_table *t, char **parents, size_t a)
{
    const bx_column *ca = &t->columns[a];
    for (size_t b = 0; b < t->n_cols; b++) {
        const bx_column *cb = &t->columns[b];
        if (b != a && cb->aggregate && cb->side == ca->side && cb->role == BX_COL_VALUE &&
            strcmp(parents[a], parents[b]) == 0 &&
            (cb->measure == ca->measure || (cb->measure && ca->measure && !strcmp(cb->measure, ca->measure))))
            return 1;
    }
    return 0;
}

static void row_totals(checker *ck, int ti)
{
    const bx_table *t = ck->r->tables[ti];
    char **paths = bx_xcalloc(t->n_cols + 1, sizeof *paths);
    char **parents = bx_xcalloc(t->n_cols + 1, sizeof *parents);
    for (size_t c = 0; c < t->n_cols; c++) {
        paths[c] = bx_column_path(t, c);
        char *slash = strrchr(paths[c], '/');
        parents[c] = slash ? bx_xstrndup(paths[c], (size_t)(slash - paths[c])) : bx_xstrdup("");
    }
    size_t *members = bx_xcalloc(t->n_cols + 1, sizeof *members);
    int64_t unit = bx_table_unit_fen(t);
    for (size_t a = 0; a < t->n_cols; a++) {
        if (!t->columns[a].aggregate || has_sibling_aggregate(t, parents, a))
            continue;
        size_t n = members_of(t, paths, parents, a, members);
        if (n == 0)
            continue;
        for (size_t i = 0; i < t->n_records; i++) {
            const bx_record *rec = &t->records[i];
            if (rec->side != t->columns[a].side)
                continue;
            terms whole = {0}, parts = {0};
            bx_terms_add(&whole, value_at(rec, a), unit, ti, rec->row);
            bx_buf what;
            bx_buf_init(&what);
            bx_buf_printf(&what, "%s: %s =", label_of(rec), t->columns[a].key);
            for (size_t m = 0; m < n; m++) {
                bx_terms_add(&parts, value_at(rec, members[m]), unit, ti, rec->row);
                bx_buf_printf(&what, "%s %s", m ? " +" : "", t->columns[members[m]].key);
            }
            add_check(ck, "row_total", ti, (int)rec->row, bx_row_page(t, rec->row), -1,
                      bx_buf_take(&what), &whole, &parts);
        }
    }
    for (size_t c = 0; c < t->n_cols; c++) {
        free(paths[c]);
        free(parents[c]);
    }
    free(paths);
    free(parents);
    free(members);
}

/* --- Hierarchy: class = sum of its 款, 款 = sum of its 项, 合计 = sum of classes */

/* The coded records of a table sorted by side, level and code: a parent's
 * children (one level down, codes it prefixes) are one run of it, found by
 * binary search, so a table of n rows costs n log n, not n per parent. */
typedef struct {
    const bx_record **coded;
    size_t n_coded;
    const bx_record **classes; /* the non-total classes, in row order */
    size_t n_classes;
} family;

static int by_place(const bx_record *a, const bx_record *b)
{
    if (a->side != b->side)
        return a->side < b->side ? -1 : 1;
    if (a->level != b->level)
        return a->level < b->level ? -1 : 1;
    int c = strcmp(a->code, b->code);
    return c ? c : (a < b ? -1 : a > b);
}

static int cmp_place(const void *a, const void *b)
{
    return by_place(*(const bx_record *const *)a, *(const bx_record *const *)b);
}

static int cmp_row_order(const void *a, const void *b)
{
    const bx_record *x = *(const bx_record *const *)a, *y = *(const bx_record *const *)b;
    return x < y ? -1 : x > y;
}

static family family_of(const bx_table *t)
{
    family f = {bx_xcalloc(t->n_records + 1, sizeof *f.coded), 0,
                bx_xcalloc(t->n_records + 1, sizeof *f.classes), 0};
    for (size_t i = 0; i < t->n_records; i++) {
        const bx_record *rec = &t->records[i];
        if (rec->code)
            f.coded[f.n_coded++] = rec;
        if (rec->level == BX_LEVEL_CLASS && !rec->is_total)
            f.classes[f.n_classes++] = rec;
    }
    qsort(f.coded, f.n_coded, sizeof *f.coded, cmp_place);
    return f;
}

static void family_free(family *f)
{
    free(f->coded);
    free(f->classes);
}

/* The parent's children in row order (malloc'd, *n of them): a coded
 * parent's are the codes it prefixes one level down on its side; a total
 * without a code has the side's classes. */
static const bx_record **children_of(const family *f, const bx_record *parent, size_t *n)
{
    *n = 0;
    if (!parent->code) {
        const bx_record **out = bx_xcalloc(f->n_classes + 1, sizeof *out);
        for (size_t i = 0; i < f->n_classes; i++)
            if (f->classes[i]->side == parent->side && f->classes[i] != parent)
                out[(*n)++] = f->classes[i];
        return out;
    }
    bx_record key = {.side = parent->side, .level = parent->level + 1, .code = parent->code};
    size_t lo = 0, hi = f->n_coded, len = strlen(parent->code);
    while (lo < hi) { /* the first record at or after (side, level + 1, code) */
        size_t mid = lo + (hi - lo) / 2;
        if (by_place(f->coded[mid], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo; /* the run of codes the parent's prefixes */
    while (end < f->n_coded && f->coded[end]->side == key.side &&
           f->coded[end]->level == key.level && strncmp(f->coded[end]->code, parent->code, len) == 0)
        end++;
    const bx_record **out = bx_xcalloc(end - lo + 1, sizeof *out);
    for (size_t i = lo; i < end; i++)
        if (f->coded[i] != parent)
            out[(*n)++] = f->coded[i];
    qsort(out, *n, sizeof *out, cmp_row_order);
    return out;
}

static void sum_children(checker *ck, int ti, const family *f, const bx_record *parent,
                         const char *rule)
{
    const bx_table *t = ck->r->tables[ti];
    int64_t unit = bx_table_unit_fen(t);
    size_t n_kids;
    const bx_record **kids = children_of(f, parent, &n_kids);
    for (size_t v = 0; v < parent->n_values; v++) {
        terms whole = {0}, parts = {0};
        bx_terms_add(&whole, &parent->values[v], unit, ti, parent->row);
        for (size_t i = 0; i < n_kids; i++)
            bx_terms_add(&parts, value_at(kids[i], parent->values[v].col), unit, ti, kids[i]->row);
        if (parts.n == 0) {
            bx_terms_free(&whole);
            break;
        }
        bx_buf what;
        bx_buf_init(&what);
        bx_buf_printf(&what, "%s: %s = sum of %d %s", label_of(parent), parent->values[v].key,
                      parts.printed, parent->code ? "children" : "classes");
        add_check(ck, rule, ti, (int)parent->row, bx_row_page(t, parent->row), -1, bx_buf_take(&what),
                  &whole, &parts);
    }
    free(kids);
}

static void hierarchy(checker *ck, int ti)
{
    const bx_table *t = ck->r->tables[ti];
    family f = family_of(t);
    for (size_t i = 0; i < t->n_records; i++) {
        const bx_record *rec = &t->records[i];
        if (rec->level == BX_LEVEL_CLASS)
            sum_children(ck, ti, &f, rec, "class_sum");
        else if (rec->level == BX_LEVEL_SECTION)
            sum_children(ck, ti, &f, rec, "item_sum");
        else if (rec->is_total && !rec->code)
            sum_children(ck, ti, &f, rec, "grand_total");
    }
    family_free(&f);
}

/* --- Across tables ----------------------------------------------------------- */

/* The first (first = 0) or last totals record of a side. */
static const bx_record *side_total(const bx_table *t, int side, int first)
{
    const bx_record *found = NULL;
    for (size_t i = 0; i < t->n_records; i++)
        if (t->records[i].side == side && t->records[i].is_total && !t->records[i].code) {
            found = &t->records[i];
            if (first)
                break;
        }
    return found;
}

static void compare(checker *ck, const char *rule, int ta, const bx_record *ra, const bx_value *va,
                    int tb, const bx_record *rb, const bx_value *vb, const char *what)
{
    if (!ra || !va || !rb || !vb)
        return;
    const bx_table *a = ck->r->tables[ta];
    terms e = {0}, x = {0};
    bx_terms_add(&e, va, bx_table_unit_fen(a), ta, ra->row);
    bx_terms_add(&x, vb, bx_table_unit_fen(ck->r->tables[tb]), tb, rb->row);
    add_check(ck, rule, ta, (int)ra->row, bx_row_page(a, ra->row), tb, bx_xstrdup(what), &e, &x);
}

static int is_top_line(const char *name)
{
    size_t numeral = 0;
    bx_cjk_numeral(name, &numeral);
    return numeral > 0 && strncmp(name + numeral, top_mark, sizeof top_mark - 1) == 0;
}

/* In a summary, each side's first total (本年收入合计, 收入总计 ...) = the sum
 * of the side's numbered top-level lines above it. */
static void summary_lines(checker *ck, const char *kind)
{
    int ti = bx_table_of_kind(ck->r, kind);
    if (ti < 0)
        return;
    const bx_table *t = ck->r->tables[ti];
    int64_t unit = bx_table_unit_fen(t);
    for (int side = 0; side <= t->columns[t->n_cols ? t->n_cols - 1 : 0].side; side++) {
        const bx_record *tot = side_total(t, side, 1);
        if (!tot)
            continue;
        for (size_t v = 0; v < tot->n_values; v++) {
            terms whole = {0}, parts = {0};
            bx_terms_add(&whole, &tot->values[v], unit, ti, tot->row);
            for (size_t i = 0; i < t->n_records && &t->records[i] != tot; i++)
                if (t->records[i].side == side && is_top_line(t->records[i].name))
                    bx_terms_add(&parts, value_at(&t->records[i], tot->values[v].col), unit, ti,
                                 t->records[i].row);
            if (parts.n == 0) {
                bx_terms_free(&whole);
                break;
            }
            bx_buf what;
            bx_buf_init(&what);
            bx_buf_printf(&what, "%s: %s = sum of %d numbered lines", tot->name, tot->values[v].key,
                          parts.n);
            add_check(ck, "summary_lines", ti, (int)tot->row, bx_row_page(t, tot->row), -1,
                      bx_buf_take(&what), &whole, &parts);
        }
    }
}

static void summary_balance(checker *ck, const char *kind)
{
    int ti = bx_table_of_kind(ck->r, kind);
    if (ti < 0)
        return;
    const bx_table *t = ck->r->tables[ti];
    const bx_record *in = side_total(t, 0, 0), *out = side_total(t, 1, 0);
    if (in && out)
        compare(ck, "summary_balance", ti, in, bx_record_main_value(in), ti, out, bx_record_main_value(out),
                "income total = expenditure total");
}

/* The name of a summary line without its number. */
static const char *bare_name(const char *name)
{
    const char *best = name;
    for (size_t i = 0; i < sizeof item_number_marks / sizeof item_number_marks[0]; i++) {
        const char *m = strstr(name, item_number_marks[i]);
        if (m && m - name <= 12) {
            best = m + strlen(item_number_marks[i]);
            break;
        }
    }
    return best;
}

/* Each amount of a summary's expenditure lines against the class row of the
 * same code (when the line prints one, "208社会保障和就业支出") or else the
 * same name in a classified table. */
static void items_against_classes(checker *ck, int ts, int side, const char *skey, int tc,
                                  const char *ckey)
{
    const bx_table *s = ck->r->tables[ts], *c = ck->r->tables[tc];
    for (size_t i = 0; i < s->n_records; i++) {
        const bx_record *rec = &s->records[i];
        const bx_value *v = skey ? bx_record_value(rec, skey) : bx_record_main_value(rec);
        if (rec->side != side || rec->is_total || !v || !*v->text)
            continue;
        const char *name = bare_name(rec->name);
        for (size_t j = 0; j < c->n_records; j++) {
            const bx_record *cls = &c->records[j];
            int same = rec->code ? cls->code && strcmp(cls->code, rec->code) == 0
                                 : strcmp(cls->name, name) == 0;
            if (cls->level != BX_LEVEL_CLASS || !same)
                continue;
            bx_buf what;
            bx_buf_init(&what);
            bx_buf_printf(&what, "%s = %s %s", rec->name, cls->code, ckey);
            compare(ck, "cross_item", ts, rec, v, tc, cls, bx_record_value(cls, ckey), what.data);
            bx_buf_free(&what);
            break;
        }
    }
}

static void total_against(checker *ck, int ta, const bx_record *ra, const char *akey, int tb,
                          const char *bkey, const char *what)
{
    if (ta < 0 || tb < 0 || !ra)
        return;
    const bx_record *rb = side_total(ck->r->tables[tb], 0, 1);
    if (!rb)
        return;
    const bx_value *va = akey ? bx_record_value(ra, akey) : bx_record_main_value(ra);
    compare(ck, "cross_total", ta, ra, va, tb, rb, bx_record_value(rb, bkey), what);
}

/* The basic-expenditure table's totals (one per side in two-sided ones)
 * against the general-budget table's 基本支出. */
static void basic_against_general(checker *ck, int tb, int tg)
{
    if (tb < 0 || tg < 0)
        return;
    const bx_table *b = ck->r->tables[tb];
    const bx_record *g = side_total(ck->r->tables[tg], 0, 1);
    const bx_value *gv = g ? bx_record_value(g, "basic") : NULL;
    if (!gv)
        return;
    terms parts = {0}, whole = {0};
    const bx_record *first = NULL;
    for (int side = 0; side <= b->columns[b->n_cols ? b->n_cols - 1 : 0].side; side++) {
        const bx_record *rec = side_total(b, side, 1);
        if (!rec) {
            bx_terms_free(&parts);
            return;
        }
        first = first ? first : rec;
        bx_terms_add(&parts, bx_record_main_value(rec), bx_table_unit_fen(b), tb, rec->row);
    }
    bx_terms_add(&whole, gv, bx_table_unit_fen(ck->r->tables[tg]), tg, g->row);
    add_check(ck, "cross_total", tb, (int)first->row, bx_row_page(b, first->row), tg,
              bx_xstrdup("basic-expenditure total(s) = general budget basic"), &whole, &parts);
}

static void across_tables(checker *ck)
{
    bx_report *r = ck->r;
    int sum = bx_table_of_kind(r, "summary"), inc = bx_table_of_kind(r, "income"),
        exp = bx_table_of_kind(r, "expenditure"), fis = bx_table_of_kind(r, "fiscal_summary"),
        gen = bx_table_of_kind(r, "general_budget_expenditure"), bas = bx_table_of_kind(r, "basic_expenditure");
    summary_balance(ck, "summary");
    summary_balance(ck, "fiscal_summary");
    summary_lines(ck, "summary");
    summary_lines(ck, "fiscal_summary");
    if (sum >= 0) {
        const bx_table *s = r->tables[sum];
        total_against(ck, sum, side_total(s, 0, 1), NULL, inc, "total",
                      "summary income total = income table total");
        total_against(ck, sum, side_total(s, 1, 1), NULL, exp, "total",
                      "summary expenditure total = expenditure table total");
        if (exp >= 0)
            items_against_classes(ck, sum, 1, NULL, exp, "total");
    }
    if (fis >= 0) {
        const bx_table *f = r->tables[fis];
        total_against(ck, fis, side_total(f, 1, 1), "general_budget", gen, "total",
                      "fiscal summary general budget = general budget table total");
        total_against(ck, fis, side_total(f, 0, 1), NULL, inc, "fiscal",
                      "fiscal summary income = income table fiscal");
        if (gen >= 0)
            items_against_classes(ck, fis, 1, "general_budget", gen, "total");
    }
    basic_against_general(ck, bas, gen);
}

/* --- The narrative's figures against the tables --------------------------- */

/* Where each narrative figure is printed in the tables: the kind, the side,
 * the value key (NULL: the headline amount), and whether the row is the
 * side's first totals row or the table's first row. */
static const struct {
    const char *fact, *kind;
    int side;
    const char *key;
    int first_row;
} fact_sources[] = {
    {"income_budget", "summary", 0, NULL, 0},
    {"expenditure_budget", "summary", 1, NULL, 0},
    {"income_total", "summary", 0, NULL, 0},
    {"expenditure_total", "summary", 1, NULL, 0},
    {"fiscal_income", "income", 0, "fiscal", 0},
    {"basic_expenditure", "expenditure", 0, "basic", 0},
    {"project_expenditure", "expenditure", 0, "project", 0},
    {"three_public", "three_public", 0, "total", 1},
    {"operation_cost", "three_public", 0, "operation_cost", 1},
};

/* The value of key in rec, preferring the budget measure where the header
 * splits it (the narrative quotes the budget, 年初预算, of a 三公 table). */
static const bx_value *fact_value(const bx_record *rec, const char *key)
{
    if (!key)
        return bx_record_main_value(rec);
    const bx_value *any = NULL;
    for (size_t i = 0; i < rec->n_values; i++) {
        const bx_value *v = &rec->values[i];
        if (!v->key || strcmp(v->key, key) != 0)
            continue;
        if (!v->measure || strcmp(v->measure, "budget") == 0)
            return v;
        any = any ? any : v;
    }
    return any;
}

static void narrative_check(checker *ck, const bx_fact *f, size_t k)
{
    int ti = bx_table_of_kind(ck->r, fact_sources[k].kind);
    if (ti < 0)
        return;
    const bx_table *t = ck->r->tables[ti];
    const bx_record *rec = NULL;
    if (fact_sources[k].first_row)
        rec = t->n_records ? &t->records[0] : NULL;
    else
        rec = side_total(t, fact_sources[k].side, 1);
    const bx_value *v = rec ? fact_value(rec, fact_sources[k].key) : NULL;
    if (!v || !*v->text || !v->has_amount)
        return;
    /* the narrative may print the amount in a coarser unit: compare at its precision */
    int64_t step = bx_step_of(f->text, f->unit_fen);
    bx_check *c = bx_report_add_check(ck->r, "narrative", ti, f->page);
    bx_buf what;
    bx_buf_init(&what);
    bx_buf_printf(&what, "narrative %s \"%s\" (page %d) = %s %s", f->key, f->label, f->page,
                  label_of(rec), v->key);
    c->row = (int)rec->row;
    c->what = bx_buf_take(&what);
    c->expected = bx_fen_round(v->fen, step);
    c->actual = f->fen;
    c->tolerance = step > 1 ? step : 0;
    c->status = bx_status_of(c->expected, c->actual, c->tolerance);
    c->cells = bx_xmalloc(sizeof *c->cells);
    c->cells[0] = (bx_cell_ref){ti, (int)rec->row, (int)v->col};
    c->n_cells = 1;
}

static void narrative(checker *ck)
{
    for (size_t i = 0; i < ck->r->n_facts; i++)
        for (size_t k = 0; k < sizeof fact_sources / sizeof fact_sources[0]; k++)
            if (strcmp(ck->r->facts[i].key, fact_sources[k].fact) == 0)
                narrative_check(ck, &ck->r->facts[i], k);
}

/* --- Notes that call a table empty ------------------------------------------ */

/* A note "本表为空表" on the page of exactly one table: that table must hold
 * no non-zero amount. */
static void empty_notes(checker *ck, const bx_patterns *pat)
{
    bx_report *r = ck->r;
    for (size_t i = 0; i < r->n_text; i++) {
        if (!bx_is_empty_note(pat, r->text[i].text))
            continue;
        int page = r->text[i].page, ti = -1, n = 0;
        for (size_t k = 0; k < r->n_tables; k++)
            for (size_t p = 0; p < r->tables[k]->n_pages; p++)
                if (r->tables[k]->pages[p] == page) {
                    ti = (int)k;
                    n++;
                }
        if (n != 1)
            continue;
        const bx_table *t = r->tables[ti];
        terms none = {0}, printed = {0};
        none.printed = 1; /* the note itself states the expected 0 */
        int row = -1;
        for (size_t k = 0; k < t->n_records; k++)
            for (size_t v = 0; v < t->records[k].n_values; v++) {
                const bx_value *val = &t->records[k].values[v];
                if (val->has_amount && val->fen != 0) {
                    int64_t a = val->fen < 0 ? -val->fen : val->fen;
                    /* saturates: any amount at all is what the check reports */
                    printed.sum = printed.sum > INT64_MAX - a ? INT64_MAX : printed.sum + a;
                    printed.printed++;
                    row = row < 0 ? (int)t->records[k].row : row;
                }
            }
        bx_buf what;
        bx_buf_init(&what);
        bx_buf_printf(&what, "note \"%s\" says empty: sum of printed amounts = 0", r->text[i].text);
        add_check(ck, "empty_note", ti, row, page, -1, bx_buf_take(&what), &none, &printed);
    }
}

/* The template rules that sum a cell down its column (1) or across its row
 * (2): the cell is a check's first. */
static const struct {
    const char *rule;
    unsigned char way;
} summed[] = {{"class_sum", 1}, {"item_sum", 1}, {"grand_total", 1}, {"summary_lines", 1},
              {"row_total", 2}};

/* The template-independent arithmetic on every table, on the cells the
 * template rules left. */
static void arithmetic(checker *ck, const bx_patterns *pat, size_t first_check)
{
    bx_report *r = ck->r;
    for (size_t i = 0; i < r->n_tables; i++) {
        const bx_table *t = r->tables[i];
        unsigned char *wholes = bx_xcalloc(t->n_rows * t->n_cols + 1, 1);
        for (size_t k = first_check; k < r->n_checks; k++) {
            const bx_check *c = &r->checks[k];
            if (c->table != (int)i || !c->n_cells || c->cells[0].table != (int)i)
                continue;
            for (size_t w = 0; w < sizeof summed / sizeof summed[0]; w++)
                if (strcmp(c->rule, summed[w].rule) == 0)
                    wholes[(size_t)c->cells[0].row * t->n_cols + (size_t)c->cells[0].col] |= summed[w].way;
        }
        bx_arith_run(ck, (int)i, wholes, pat);
        free(wholes);
    }
}

void bx_checks_run(bx_report *r, const bx_patterns *pat)
{
    checker ck = {r};
    size_t first = r->n_checks;
    for (size_t i = 0; i < r->n_tables; i++) {
        row_totals(&ck, (int)i);
        hierarchy(&ck, (int)i);
    }
    arithmetic(&ck, pat, first);
    bx_arith_across(&ck, pat);
    across_tables(&ck);
    narrative(&ck);
    empty_notes(&ck, pat);
}
