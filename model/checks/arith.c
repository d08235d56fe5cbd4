/* Template-independent arithmetic: the identities any budget table prints,
 * whatever its kind or template.
 *
 * - `subtotal`: a row labelled 合计/總計/小計 … = the sum of the rows it covers;
 * - `level_sum`: a parent row = the sum of its children, the hierarchy read
 *   from printed level columns (款|項|目|節), from classification codes, or
 *   from the numbering of the names (一、 / (一) / 1. / (1) / <1>);
 * - `total_column`: a column headed 合計/總計/小計 = the other amount columns
 *   under the same header;
 * - `difference`: a column headed 比較/增減/差額 = the first compared column
 *   minus the second;
 * - `quantity_price`: 數量 × 單價 = the amount beside them.
 *
 * Where the structure is read from the page (levels, codes, numbering) a sum
 * that does not hold fails. Where it is a guess (which rows a total covers,
 * which columns a difference compares) the guess must explain at least one
 * row or column of the table before anything is reported, so a misread
 * layout stays silent instead of crying wolf. Cells the template's own rules
 * (class_sum, row_total …) already summed are left to them. */
#include "bx_checks.h"
#include "bx_normalize.h"
#include "checks_private.h"
#include "consistency.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Header words of the difference columns, and the words that join the two
 * compared columns' names inside such a header (本年度與上年度比較). */
static const char *const difference_words[] = {"比較", "比较", "增減", "增减", "差額", "差额"};
static const char *const compare_joins[] = {"與", "与", "和", "較", "较", "比"};
/* Header words of a quantity and of a unit price. */
static const char *const quantity_words[] = {"數量", "数量"};
static const char *const price_words[] = {"單價", "单价", "單位成本", "单位成本"};
/* The signs that join the factors of a quantity printed as a product
 * (人、月 81×12: 81 people for 12 months). */
static const char *const times_signs[] = {"×", "x", "X", "*"};
/* Header words of a total column, and of a subtotal (a total of a part). */
static const char *const total_words[] = {"合計", "合计", "總計", "总计", "小計", "小计"};
static const char *const subtotal_words[] = {"小計", "小计"};

#define N_OF(a) (sizeof a / sizeof a[0])

static int has_any(const char *s, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(s, words[i]))
            return 1;
    return 0;
}

static int starts_with_any(const char *s, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strncmp(s, words[i], strlen(words[i])) == 0)
            return 1;
    return 0;
}

/* --- The table as the arithmetic reads it ---------------------------------- */

typedef struct {
    bx_checker *ck;
    const bx_table *t;
    int ti;
    int64_t unit;
    const unsigned char *wholes; /* cells the template rules summed: 1 down, 2 across */
    bx_value *cells;             /* every body cell parsed (text borrowed) */
    char **paths;                /* per column its header path */
    int *amount;                 /* per column: holds amounts */
    int *level;                  /* per row: 0 unknown, 1 top ... */
    int *total;                  /* per row: 0, 1 subtotal, 2 total */
    int *blank;                  /* per row: no amount printed */
    int *glued;                  /* per row: two codes in one label, rows run together */
    int *not_parent;             /* per row: its code looked like a parent's, the sums said no */
    int levels_certain;          /* levels printed as such, not inferred from trailing zeros */
} sheet;

static bx_value *cell(const sheet *s, size_t row, size_t col)
{
    return &s->cells[row * s->t->n_cols + col];
}

static int is_label_col(const sheet *s, size_t c)
{
    return !s->amount[c];
}

/* Header endings of a column of years or dates (辦理年度 113, 購置年月
 * 103.03): numbers that are no amounts; but 本年度 / 上年度 / 前年度 head
 * the amounts of a year. */
static const char *const date_endings[] = {"年度", "年月", "日期", "年份"};
static const char *const year_of_amounts[] = {"本", "上", "前", "下"};

static int is_date_col(const sheet *s, size_t c)
{
    const char *path = s->paths[c];
    size_t n = strlen(path);
    for (size_t i = 0; i < N_OF(date_endings); i++) {
        size_t k = strlen(date_endings[i]);
        if (n < k || strcmp(path + n - k, date_endings[i]) != 0)
            continue;
        int amounts = 0;
        for (size_t j = 0; j < N_OF(year_of_amounts); j++) {
            size_t w = strlen(year_of_amounts[j]);
            amounts = amounts || (n >= k + w && strncmp(path + n - k - w, year_of_amounts[j], w) == 0);
        }
        return !amounts;
    }
    return 0;
}

/* Whether column c holds amounts: a value column, or an unnamed column most
 * of whose printed cells read as amounts without a leading zero (codes). */
static int holds_amounts(const sheet *s, size_t c)
{
    const bx_column *col = &s->t->columns[c];
    if (col->role == BX_COL_VALUE)
        return 1;
    if (col->role != BX_COL_OTHER || col->key || is_date_col(s, c))
        return 0;
    size_t printed = 0, amounts = 0, digits = 0;
    for (size_t r = 0; r < s->t->n_rows; r++) {
        const bx_value *v = cell(s, r, c);
        if (!*v->text)
            continue;
        printed++;
        int code_like = v->text[0] == '0' && v->text[1] && v->text[1] != '.';
        if (v->has_amount && !code_like) {
            amounts++;
            digits += strcspn(v->text, "0123456789") < strlen(v->text);
        }
    }
    return digits > 0 && 2 * amounts >= printed + 1;
}

static void sheet_free(sheet *s)
{
    for (size_t c = 0; s->paths && c < s->t->n_cols; c++)
        free(s->paths[c]);
    free(s->paths);
    free(s->cells);
    free(s->amount);
    free(s->level);
    free(s->total);
    free(s->blank);
    free(s->glued);
    free(s->not_parent);
}

static void read_cells(sheet *s)
{
    const bx_table *t = s->t;
    s->cells = bx_xcalloc(t->n_rows * t->n_cols + 1, sizeof *s->cells);
    for (size_t r = 0; r < t->n_rows; r++)
        for (size_t c = 0; c < t->n_cols; c++) {
            bx_value *v = cell(s, r, c);
            v->col = c;
            v->key = t->columns[c].key;
            v->text = (char *)bx_table_cell(t, r, c); /* borrowed, never freed */
            v->has_amount = *v->text && bx_amount_parse(v->text, s->unit, &v->fen);
        }
}

/* The text of a row's label cells on one side (-1: all), joined, as NFKC:
 * those before the side's first amount column (the remarks after the
 * amounts, 說明, are not a label). */
static char *row_label(const sheet *s, size_t r, int side)
{
    bx_buf b;
    bx_buf_init(&b);
    /* the name columns when they hold the label; the level numbers of
     * Taiwan's 款 | 項 | 目 columns are no part of it */
    for (int names_only = 1; names_only >= 0 && !b.len; names_only--) {
        int seen = -1; /* the side whose amounts have begun */
        for (size_t c = 0; c < s->t->n_cols; c++) {
            int cs = s->t->columns[c].side;
            if (s->amount[c])
                seen = cs;
            if ((side < 0 || cs == side) && is_label_col(s, c) && seen != cs &&
                (!names_only || s->t->columns[c].role == BX_COL_NAME))
                bx_buf_puts(&b, bx_table_cell(s->t, r, c));
        }
    }
    char *joined = bx_buf_take(&b), *nf = bx_text_nfkc(joined);
    free(joined);
    return nf;
}

/* 0, 1 for a subtotal, 2 for a total: the label without the digits of a
 * code glued to it (合計0400000000) reads as a total. */
static int total_rank(const bx_patterns *pat, const char *label)
{
    char *bare = bx_xstrdup(label);
    size_t n = 0;
    for (const char *p = label; *p; p++)
        if (!isdigit((unsigned char)*p))
            bare[n++] = *p;
    bare[n] = 0;
    int rank = *bare && bx_is_total_label(pat, bare) ? has_any(bare, subtotal_words, N_OF(subtotal_words)) ? 1 : 2 : 0;
    free(bare);
    return rank;
}

/* Two runs of three or more digits in one label: two coded rows printed
 * into one (a layout the reader could not cut), whose amounts cannot be
 * told apart. */
static int two_codes(const char *label)
{
    int runs = 0;
    for (const char *p = label; *p;) {
        size_t n = 0;
        while (isdigit((unsigned char)p[n]))
            n++;
        runs += n >= 3;
        p += n ? n : 1;
    }
    return runs >= 2;
}

/* --- Levels ----------------------------------------------------------------- */

/* Printed level columns (款 | 項 | 目 | 節 or 类 | 款 | 项): the last one
 * holding digits gives the level. */
static int level_from_columns(const sheet *s, size_t r, int side)
{
    int level = 0, k = 0;
    for (size_t c = 0; c < s->t->n_cols; c++) {
        if (s->t->columns[c].side != side || s->t->columns[c].role != BX_COL_CODE)
            continue;
        k++;
        char *nf = bx_text_nfkc(bx_table_cell(s->t, r, c));
        if (bx_text_is_digits(nf, 1, 0))
            level = k;
        free(nf);
    }
    return k >= 2 ? level : 0;
}

/* The digits a label starts with, when they look like a code (3 or more). */
static size_t code_length(const char *label)
{
    size_t n = 0;
    while (isdigit((unsigned char)label[n]))
        n++;
    return n >= 3 ? n : 0;
}

/* Whether code a (length na) is an ancestor of code b: a prefix of it
 * (201 over 20101), or, where all the codes of a table have one length
 * (`fixed`), b filling a's trailing zeros (1000 over 1015). */
static int code_above(const char *a, size_t na, const char *b, size_t nb, int fixed)
{
    if (na < nb)
        return strncmp(a, b, na) == 0;
    if (!fixed || na != nb || strncmp(a, b, na) == 0)
        return 0;
    size_t z = 0;
    while (z < na && a[na - 1 - z] == '0')
        z++;
    return z > 0 && strncmp(a, b, na - z) == 0;
}

/* The numbering style a label starts with: 1 一、 2 (一) 3 1. or 1、 4 (1) 5 <1>. */
static int numbering_style(const char *label)
{
    const char *p = label;
    int open = *p == '(' || *p == '<';
    char close = *p == '<' ? '>' : ')';
    p += open;
    const char *start = p;
    size_t numeral = 0;
    bx_cjk_numeral(p, &numeral);
    int chinese = numeral > 0;
    p += numeral;
    if (!chinese)
        while (isdigit((unsigned char)*p) && p - start < 2)
            p++;
    if (p == start)
        return 0;
    if (open)
        return *p == close ? (close == '>' ? 5 : chinese ? 2 : 4) : 0;
    if (chinese)
        return strncmp(p, "、", strlen("、")) == 0 ? 1 : 0;
    return (*p == '.' && !isdigit((unsigned char)p[1])) || strncmp(p, "、", strlen("、")) == 0 ? 3 : 0;
}

/* Whether the levels read from codes nest as printed: each row below the
 * top has, as the nearest row above it one level up, a row whose code is
 * above its own. Amounts printed before the names (444推展費 in a column the
 * header did not name) take a depth from any shorter number they start
 * with, and fail this. */
static int codes_nest(const sheet *s, char **labels, int fixed)
{
    for (size_t r = 0; r < s->t->n_rows; r++) {
        if (s->level[r] < 2)
            continue;
        size_t q = r;
        while (q-- > 0 && s->level[q] != s->level[r] - 1)
            ;
        if (q >= r || !code_above(labels[q], code_length(labels[q]), labels[r], code_length(labels[r]), fixed))
            return 0;
    }
    return 1;
}

/* Levels of one side's rows by one source; returns how many rows got one. */
static size_t levels_by(sheet *s, int side, char **labels, int source)
{
    size_t n = s->t->n_rows, got = 0;
    int order[6] = {0}, next = 1; /* numbering styles ranked by first appearance */
    size_t len = 0;
    int fixed = 1;
    for (size_t r = 0; r < n && source == 1; r++)
        if (!s->total[r] && labels[r] && code_length(labels[r])) {
            fixed = fixed && (!len || len == code_length(labels[r]));
            len = code_length(labels[r]);
        }
    for (size_t r = 0; r < n; r++) {
        s->level[r] = 0;
        if (s->total[r] || !labels[r] || s->glued[r])
            continue;
        if (source == 0)
            s->level[r] = level_from_columns(s, r, side);
        else if (source == 1 && code_length(labels[r])) {
            size_t nr = code_length(labels[r]);
            int depth = 1;
            for (size_t q = 0; q < n; q++)
                if (q != r && labels[q] && !s->not_parent[q] && code_length(labels[q]) &&
                    code_above(labels[q], code_length(labels[q]), labels[r], nr, fixed))
                    depth++;
            s->level[r] = depth;
        } else if (source == 2) {
            int st = numbering_style(labels[r]);
            if (st && !order[st])
                order[st] = next++;
            s->level[r] = st ? order[st] : 0;
        }
        got += s->level[r] > 0;
    }
    /* codes of one length nest by trailing zeros, which a code of its own may
     * end in (102000 beside 102500): a guess the sums must confirm; codes
     * that do not nest in print order are no codes read from the page */
    s->levels_certain = source != 1 || (!fixed && codes_nest(s, labels, fixed));
    return got;
}

/* Picks the first source that gives levels to most of the rows with amounts. */
static int read_levels(sheet *s, int side, char **labels)
{
    size_t rows = 0;
    for (size_t r = 0; r < s->t->n_rows; r++)
        rows += labels[r] && !s->total[r] && !s->blank[r];
    for (int source = 0; source < 3; source++) {
        size_t got = levels_by(s, side, labels, source);
        if (got >= 2 && 2 * got >= rows)
            return source;
    }
    memset(s->level, 0, s->t->n_rows * sizeof *s->level);
    s->levels_certain = 1;
    return -1;
}

/* --- Sums down a column ---------------------------------------------------- */

typedef struct {
    size_t *rows;
    size_t n;
    size_t *open; /* rows in the scope whose place is unknown (no level, run together) */
    size_t n_open;
    int certain; /* read from the page, not guessed */
} member_set;

static void members_init(member_set *m, size_t n_rows, int certain)
{
    m->rows = bx_xcalloc(n_rows + 1, sizeof *m->rows);
    m->open = bx_xcalloc(n_rows + 1, sizeof *m->open);
    m->n = m->n_open = 0;
    m->certain = certain;
}

static void members_free(member_set *m)
{
    free(m->rows);
    free(m->open);
}

/* Column c can be summed: no row of unknown place prints an amount in it. */
static int column_closed(const sheet *s, const member_set *m, size_t c)
{
    for (size_t i = 0; i < m->n_open; i++)
        if (*cell(s, m->open[i], c)->text)
            return 0;
    return 1;
}

/* Whether a check of e against a would pass or round (as bx_check_add judges). */
static int terms_fit(const bx_terms *e, const bx_terms *a)
{
    int64_t step = e->step > a->step ? e->step : a->step;
    int64_t tol = step > 1 ? (int64_t)(e->nonzero + a->nonzero) * step / 2 : 0;
    return !e->unreadable && !a->unreadable && e->printed && a->printed &&
           bx_status_of(e->sum, a->sum, tol) != BX_CHECK_FAIL;
}

static int add_sum(sheet *s, const char *rule, size_t whole, const member_set *m, size_t c,
                   const char *label, int report)
{
    bx_terms e = {0}, a = {0};
    bx_terms_add(&e, cell(s, whole, c), s->unit, s->ti, whole);
    for (size_t i = 0; i < m->n; i++)
        bx_terms_add(&a, cell(s, m->rows[i], c), s->unit, s->ti, m->rows[i]);
    if (!report) {
        /* 2: fits with two non-zero parts, 1: fits, 0: fails, -1: nothing to compare */
        int fits = e.unreadable || a.unreadable || !e.printed || !a.printed ? -1
                   : !terms_fit(&e, &a)                                   ? 0
                   : a.nonzero >= 2                                       ? 2
                                                                          : 1;
        bx_terms_free(&e);
        bx_terms_free(&a);
        return fits;
    }
    bx_buf what;
    bx_buf_init(&what);
    bx_buf_printf(&what, "%s: column %zu = sum of %zu rows", label, c + 1, m->n);
    bx_check_add(s->ck, rule, s->ti, (int)whole, bx_row_page(s->t, whole), -1, bx_buf_take(&what),
                 &e, &a);
    return 1;
}

static int summable(const sheet *s, size_t whole, const member_set *m, int side, size_t c)
{
    size_t nc = s->t->n_cols;
    return s->amount[c] && s->t->columns[c].side == side && !(s->wholes[whole * nc + c] & 1) &&
           column_closed(s, m, c);
}

/* Whether the members explain row `whole`: as many of its columns fit as
 * fail, one of them with two non-zero parts (a lone part fits by itself)
 * unless `weak` (a lone part will do). */
static int explains(sheet *s, size_t whole, const member_set *m, int side, int weak)
{
    int fit = 0, fail = 0, strong = 0;
    for (size_t c = 0; c < s->t->n_cols; c++)
        if (summable(s, whole, m, side, c)) {
            int f = add_sum(s, NULL, whole, m, c, NULL, 0);
            fit += f > 0;
            fail += f == 0;
            strong += f == 2;
        }
    return (weak ? fit : strong) && fit >= fail;
}

/* Checks row `whole` against its members in every amount column of the side
 * not summed already; a guessed set must explain the row first. Returns
 * whether anything was checked. */
static int sum_columns(sheet *s, const char *rule, size_t whole, const member_set *m, int side,
                       const char *label)
{
    if (m->n == 0 || (!m->certain && !explains(s, whole, m, side, 0)))
        return 0;
    for (size_t c = 0; c < s->t->n_cols; c++)
        if (summable(s, whole, m, side, c))
            add_sum(s, rule, whole, m, c, label, 1);
    return 1;
}

/* Whether the next table of the report has this one's title: a table
 * continued over a page that was not joined to it. */
static int continued(const sheet *s)
{
    const bx_report *r = s->ck->r;
    return (size_t)s->ti + 1 < r->n_tables && s->t->title && r->tables[s->ti + 1]->title &&
           strcmp(s->t->title, r->tables[s->ti + 1]->title) == 0;
}

/* Whether a row from..to lost its place as a parent in confirm_parents. */
static int demoted_in(const sheet *s, size_t from, size_t to)
{
    for (size_t r = from; r < to; r++)
        if (s->not_parent[r])
            return 1;
    return 0;
}

/* Whether every summable column of row `whole` fits its members. */
static int all_fit(sheet *s, size_t whole, const member_set *m, int side)
{
    for (size_t c = 0; c < s->t->n_cols; c++)
        if (summable(s, whole, m, side, c) && add_sum(s, NULL, whole, m, c, NULL, 0) == 0)
            return 0;
    return 1;
}

/* The rows a total covers, from `from` to `to` (exclusive): those of the
 * least level there (all when there are no levels), totals left out. */
static void top_rows(const sheet *s, size_t from, size_t to, member_set *m)
{
    int least = 0;
    for (size_t r = from; r < to; r++)
        if (!s->total[r] && !s->blank[r] && s->level[r] && (!least || s->level[r] < least))
            least = s->level[r];
    m->n = m->n_open = 0;
    for (size_t r = from; r < to; r++) {
        if (s->total[r] || s->blank[r])
            continue;
        if (s->glued[r] || (least && !s->level[r]))
            m->open[m->n_open++] = r;
        else if (s->level[r] == least)
            m->rows[m->n++] = r;
    }
}

/* A total above its rows covers those down to the next total of its rank or
 * higher; one below them those up from the previous one. */
static void total_scope(const sheet *s, size_t r, size_t *from, size_t *to)
{
    size_t n = s->t->n_rows, prev = 0;
    int above = 0;
    for (size_t q = r; q-- > 0;) {
        if (s->total[q] >= s->total[r] || (s->total[r] == 1 && s->total[q])) {
            prev = q + 1;
            break;
        }
        if (!s->blank[q] && !s->total[q])
            above = 1;
    }
    if (above) {
        *from = prev;
        *to = r;
        return;
    }
    *from = r + 1;
    for (*to = r + 1; *to < n && !(s->total[*to] >= s->total[r] ||
                                   (s->total[r] == 1 && s->total[*to]));)
        (*to)++;
}

static void totals(sheet *s, int side, char **labels)
{
    size_t n = s->t->n_rows;
    member_set m;
    members_init(&m, n, 0);
    for (size_t r = 0; r < n; r++) {
        if (!s->total[r])
            continue;
        size_t from, to;
        total_scope(s, r, &from, &to);
        if (to == n && from > r && continued(s))
            continue; /* its rows go on in the next table */
        top_rows(s, from, to, &m);
        if (!s->levels_certain && demoted_in(s, from, to) && !all_fit(s, r, &m, side))
            continue; /* levels the sums had to correct: only a clean fit counts */
        /* the rows of the top printed level, when levels are printed */
        m.certain = s->levels_certain && m.n && s->level[m.rows[0]];
        /* or the subtotals it covers (合计 = each 小计) */
        if (!sum_columns(s, "subtotal", r, &m, side, labels[r]) && s->total[r] == 2) {
            m.n = m.n_open = 0;
            m.certain = 0;
            for (size_t q = from; q < to; q++)
                if (s->total[q] == 1)
                    m.rows[m.n++] = q;
            sum_columns(s, "subtotal", r, &m, side, labels[r]);
        }
    }
    members_free(&m);
}

/* A parent row = its children: the rows after it down to the next row of its
 * level or higher, at the level just below. A row of unknown level among
 * them leaves the sum of each column it prints an amount in open. */
/* The children of row r (see parents); false when it has none. */
static int children_of(const sheet *s, size_t r, member_set *m)
{
    size_t n = s->t->n_rows, end = r + 1;
    int lv = s->level[r], least = 0;
    m->n = m->n_open = 0;
    if (!lv || s->total[r])
        return 0;
    for (; end < n && !s->total[end] && (!s->level[end] || s->level[end] > lv); end++)
        ;
    /* the children may go on in the next table: one of the same title the
     * reader did not join to this one */
    if (end == n && continued(s))
        return 0;
    end = r + 1;
    for (; end < n && !s->total[end] && (!s->level[end] || s->level[end] > lv); end++) {
        if (!s->level[end] && !s->blank[end])
            m->open[m->n_open++] = end;
        if (s->level[end] && (!least || s->level[end] < least))
            least = s->level[end];
    }
    for (size_t q = r + 1; q < end; q++)
        if (least && s->level[q] == least)
            m->rows[m->n++] = q;
    return m->n > 0;
}

/* The deepest rows whose children the sums do not explain; 0 when none. */
static int deepest_unexplained(sheet *s, int side, member_set *m, unsigned char *bad)
{
    int deepest = 0;
    for (size_t r = 0; r < s->t->n_rows; r++) {
        /* a parent by trailing zeros must fit in every column (a lone child too) */
        bad[r] = !s->not_parent[r] && children_of(s, r, m) && !(explains(s, r, m, side, 1) &&
                                                               all_fit(s, r, m, side));
        if (bad[r] && s->level[r] > deepest)
            deepest = s->level[r];
    }
    return deepest;
}

/* Levels guessed from trailing zeros: the innermost row whose children the
 * sums do not explain is no parent (1020 beside 1025 is a sibling); read
 * the levels again without it, until the sums agree. */
static void confirm_parents(sheet *s, int side, char **labels)
{
    size_t n = s->t->n_rows;
    member_set m;
    members_init(&m, n, 0);
    unsigned char *bad = bx_xcalloc(n + 1, 1);
    for (size_t round = 0; round < n && !s->levels_certain; round++) {
        int deepest = deepest_unexplained(s, side, &m, bad);
        if (!deepest)
            break;
        for (size_t r = 0; r < n; r++)
            if (bad[r] && s->level[r] == deepest)
                s->not_parent[r] = 1;
        levels_by(s, side, labels, 1);
    }
    free(bad);
    members_free(&m);
}

static void parents(sheet *s, int side, char **labels)
{
    size_t n = s->t->n_rows;
    member_set m;
    members_init(&m, n, s->levels_certain);
    for (size_t r = 0; r < n; r++)
        if (children_of(s, r, &m))
            sum_columns(s, "level_sum", r, &m, side, labels[r]);
    members_free(&m);
}

/* The longest run of items a parent without printed levels is tried with. */
#define MAX_RUN 40

/* Whether row `whole` or a member prints anything in column c. */
static int printed_in(const sheet *s, size_t whole, const member_set *m, size_t c)
{
    int any = *cell(s, whole, c)->text != 0;
    for (size_t i = 0; i < m->n && !any; i++)
        any = *cell(s, m->rows[i], c)->text != 0;
    return any;
}

/* Whether every summable column of row `whole` fits the members, with two
 * columns each adding two non-zero parts: the evidence a run must give. */
static int run_fits(sheet *s, size_t whole, const member_set *m, int side)
{
    int columns = 0, strong = 0;
    for (size_t c = 0; c < s->t->n_cols; c++)
        if (summable(s, whole, m, side, c)) {
            int f = add_sum(s, NULL, whole, m, c, NULL, 0);
            if (f == 0 || (f < 0 && printed_in(s, whole, m, c)))
                return 0; /* a fail, or one side printed alone */
            columns += f > 0;
            strong += f == 2;
        }
    return columns >= 2 && strong >= 2;
}

/* Rows without printed levels (a fund's 服務費用 over 水電費 … 專業服務費,
 * names only): a row that equals the run of rows right after it, in every
 * amount column and with two columns of two non-zero parts each, is taken
 * as their parent; the shortest such run. The structure is a guess the
 * sums make, so only a clean fit is reported (it cannot fail). */
static void runs(sheet *s, int side, char **labels)
{
    size_t n = s->t->n_rows;
    member_set m;
    members_init(&m, n, 1);
    for (size_t r = 0; r + 2 < n; r++) {
        if (s->total[r] || s->blank[r] || s->glued[r])
            continue;
        m.n = m.n_open = 0;
        for (size_t q = r + 1; q < n && q <= r + MAX_RUN && !s->total[q] && !s->glued[q]; q++) {
            if (s->blank[q])
                continue;
            m.rows[m.n++] = q;
            if (m.n >= 2 && run_fits(s, r, &m, side)) {
                sum_columns(s, "level_sum", r, &m, side, labels[r]);
                break;
            }
        }
    }
    members_free(&m);
}

static void sums_down(sheet *s, const bx_patterns *pat)
{
    size_t n = s->t->n_rows;
    int sides = s->t->n_cols ? s->t->columns[s->t->n_cols - 1].side + 1 : 0;
    char **labels = bx_xcalloc(n + 1, sizeof *labels);
    for (int side = 0; side < sides; side++) {
        for (size_t r = 0; r < n; r++) {
            labels[r] = row_label(s, r, side);
            s->total[r] = total_rank(pat, labels[r]);
            s->blank[r] = 1;
            for (size_t c = 0; c < s->t->n_cols; c++)
                if (s->amount[c] && s->t->columns[c].side == side && *cell(s, r, c)->text)
                    s->blank[r] = 0;
        }
        memset(s->not_parent, 0, n * sizeof *s->not_parent);
        int source = read_levels(s, side, labels);
        if (source == 1)
            confirm_parents(s, side, labels);
        totals(s, side, labels);
        parents(s, side, labels);
        if (source < 0)
            runs(s, side, labels);
        for (size_t r = 0; r < n; r++) {
            free(labels[r]);
            labels[r] = NULL;
        }
    }
    free(labels);
}

/* --- Across a row ------------------------------------------------------------ */

static int is_total_col(const sheet *s, size_t c)
{
    char *last = strrchr(s->paths[c], '/');
    const char *leaf = last ? last + 1 : s->paths[c];
    return s->amount[c] && has_any(leaf, total_words, N_OF(total_words));
}

static int is_difference_col(const sheet *s, size_t c)
{
    return s->amount[c] && has_any(s->paths[c], difference_words, N_OF(difference_words));
}

/* Checks one row's cell `whole` against cols (signs: +1 or -1 per column). */
static int row_check(sheet *s, const char *rule, size_t r, size_t whole, const size_t *cols,
                     const int *signs, size_t n, int report)
{
    bx_terms e = {0}, a = {0};
    bx_terms_add(&e, cell(s, r, whole), s->unit, s->ti, r);
    for (size_t i = 0; i < n; i++) {
        bx_value v = *cell(s, r, cols[i]);
        v.fen = signs[i] < 0 ? -v.fen : v.fen;
        bx_terms_add(&a, &v, s->unit, s->ti, r);
    }
    /* 2: fits with two non-zero terms, 1: fits, 0: fails, -1: nothing to compare */
    int ok = e.unreadable || a.unreadable || !e.printed || !a.printed ? -1
             : !terms_fit(&e, &a)                                   ? 0
             : e.nonzero + a.nonzero >= 2                           ? 2
                                                                    : 1;
    if (!report) {
        bx_terms_free(&e);
        bx_terms_free(&a);
        return ok;
    }
    bx_buf what;
    bx_buf_init(&what);
    bx_buf_printf(&what, "column %zu =", whole + 1);
    for (size_t i = 0; i < n; i++)
        bx_buf_printf(&what, " %s column %zu", signs[i] < 0 ? "-" : i ? "+" : "", cols[i] + 1);
    bx_check_add(s->ck, rule, s->ti, (int)r, bx_row_page(s->t, r), -1, bx_buf_take(&what), &e, &a);
    return ok;
}

/* Checks column `whole` = the signed cols on every row, when they explain
 * as many rows as they do not, one with amounts; returns whether they did. */
static int column_rule(sheet *s, const char *rule, size_t whole, const size_t *cols,
                       const int *signs, size_t n)
{
    size_t nc = s->t->n_cols;
    int fit = 0, fail = 0, strong = 0;
    for (size_t r = 0; r < s->t->n_rows; r++)
        if (!(s->wholes[r * nc + whole] & 2) && !s->glued[r]) {
            int f = row_check(s, rule, r, whole, cols, signs, n, 0);
            fit += f > 0;
            fail += f == 0;
            strong += f == 2;
        }
    /* which columns are meant is a guess: it must explain the table */
    int fits = strong && fit >= fail;
    for (size_t r = 0; r < s->t->n_rows && fits; r++)
        if (!(s->wholes[r * nc + whole] & 2) && !s->glued[r])
            row_check(s, rule, r, whole, cols, signs, n, 1);
    return fits;
}

/* The parent folder of a header path ("" for a top-level column). */
static size_t parent_len(const char *path)
{
    const char *last = strrchr(path, '/');
    return last ? (size_t)(last - path) : 0;
}

/* The amount columns a total column adds up, walking from it one way (+1
 * right, -1 left) to the first label column: to the right a total it meets
 * ends the group, to the left it is the last member (總計 = 合計 + 兼任). */
static size_t column_group(const sheet *s, size_t a, int way, size_t *cols)
{
    size_t n = 0;
    int side = s->t->columns[a].side;
    for (size_t c = a + (size_t)way; c < s->t->n_cols; c += (size_t)way) {
        if (!s->amount[c] || s->t->columns[c].side != side || is_difference_col(s, c))
            break;
        if (is_total_col(s, c) && way > 0)
            break;
        cols[n++] = c;
        if (is_total_col(s, c))
            break;
    }
    for (size_t i = 0; way < 0 && i < n / 2; i++) { /* left to right */
        size_t x = cols[i];
        cols[i] = cols[n - 1 - i];
        cols[n - 1 - i] = x;
    }
    return n;
}

/* Tries the columns under the total's own header first, then the run after
 * it (合计 | 基本支出 | 项目支出), then the run before it. */
static void total_columns(sheet *s)
{
    size_t nc = s->t->n_cols, *cols = bx_xcalloc(nc + 1, sizeof *cols);
    int *signs = bx_xcalloc(nc + 1, sizeof *signs);
    for (size_t i = 0; i <= nc; i++)
        signs[i] = 1;
    for (size_t a = 0; a < nc; a++) {
        if (!is_total_col(s, a))
            continue;
        size_t pl = parent_len(s->paths[a]), n = 0;
        for (size_t c = 0; c < nc && pl; c++)
            if (c != a && s->amount[c] && !is_total_col(s, c) && !is_difference_col(s, c) &&
                s->t->columns[c].side == s->t->columns[a].side &&
                strncmp(s->paths[c], s->paths[a], pl) == 0 && s->paths[c][pl] == '/')
                cols[n++] = c;
        if (n >= 2 && column_rule(s, "total_column", a, cols, signs, n))
            continue;
        n = column_group(s, a, 1, cols);
        if (n >= 2 && column_rule(s, "total_column", a, cols, signs, n))
            continue;
        n = a > 0 ? column_group(s, a, -1, cols) : 0;
        if (n >= 2)
            column_rule(s, "total_column", a, cols, signs, n);
    }
    free(cols);
    free(signs);
}

/* The two columns a difference column compares when its header names them
 * (本年度與上年度比較): the first column naming each. */
static int named_pair(const sheet *s, size_t d, size_t out[2])
{
    const char *path = s->paths[d];
    for (size_t j = 0; j < N_OF(compare_joins); j++) {
        const char *at = strstr(path, compare_joins[j]);
        if (!at || at == path)
            continue;
        const char *from = path;
        for (const char *p = path; p < at; p++)
            if (*p == '/')
                from = p + 1;
        char *first = bx_xstrndup(from, (size_t)(at - from));
        const char *rest = at + strlen(compare_joins[j]);
        size_t k = 0;
        while (rest[k] && rest[k] != '/' && !starts_with_any(rest + k, difference_words, N_OF(difference_words)))
            k++;
        char *second = bx_xstrndup(rest, k);
        size_t n = 0;
        for (size_t c = 0; c < s->t->n_cols && n < 2; c++)
            if (c != d && s->amount[c] && !is_difference_col(s, c) &&
                strstr(s->paths[c], n ? second : first) && *(n ? second : first))
                out[n++] = c;
        free(first);
        free(second);
        if (n == 2)
            return 1;
    }
    return 0;
}

/* The amount columns of d's side before d, nearest first. */
static size_t columns_before(const sheet *s, size_t d, size_t *out)
{
    size_t n = 0;
    for (size_t c = d; c-- > 0;)
        if (s->amount[c] && !is_difference_col(s, c) && s->t->columns[c].side == s->t->columns[d].side)
            out[n++] = c;
    return n;
}

/* A difference column = first − second of the columns it compares: those its
 * header names, else the two just before it, else the side's first two. */
static void differences(sheet *s)
{
    static const int signs[2] = {1, -1};
    size_t *before = bx_xcalloc(s->t->n_cols + 1, sizeof *before);
    for (size_t d = 0; d < s->t->n_cols; d++) {
        if (!is_difference_col(s, d))
            continue;
        size_t pair[2], n = columns_before(s, d, before);
        if (named_pair(s, d, pair) && column_rule(s, "difference", d, pair, signs, 2))
            continue;
        if (n < 2)
            continue;
        pair[0] = before[1];
        pair[1] = before[0];
        if (column_rule(s, "difference", d, pair, signs, 2) || n < 3)
            continue;
        pair[0] = before[n - 1];
        pair[1] = before[n - 2];
        column_rule(s, "difference", d, pair, signs, 2);
    }
    free(before);
}

/* --- Quantity × price ------------------------------------------------------ */

static int header_has(const sheet *s, size_t c, const char *const *words, size_t n)
{
    for (size_t r = 0; r < s->t->n_header; r++)
        if (has_any(bx_table_header_cell(s->t, r, c), words, n))
            return 1;
    return 0;
}

/* The price column's own unit when its header prints one ("單價(元)"). */
static int64_t price_unit(const sheet *s, size_t c)
{
    for (size_t r = 0; r < s->t->n_header; r++) {
        char *nf = bx_text_nfkc(bx_table_header_cell(s->t, r, c));
        char *open = strchr(nf, '(');
        int64_t u = 0;
        if (open) {
            char *close = strchr(open, ')');
            if (close) {
                *close = 0;
                u = bx_model_unit_fen(open + 1);
            }
        }
        free(nf);
        if (u > 0)
            return u;
    }
    return s->unit;
}

/* A quantity in hundredths: a number, or a product of numbers (81×12). */
static int quantity_parse(const char *text, int64_t *qty)
{
    char *nf = bx_text_nfkc(text);
    int64_t product = 100;
    int ok = 1, factors = 0;
    for (char *p = nf; ok && *p;) {
        size_t n = strlen(p), sign = 0;
        for (size_t i = 0; i < n && !sign; i++)
            for (size_t k = 0; k < N_OF(times_signs) && !sign; k++)
                if (strncmp(p + i, times_signs[k], strlen(times_signs[k])) == 0) {
                    n = i;
                    sign = strlen(times_signs[k]);
                }
        char *factor = bx_xstrndup(p, n);
        int64_t f;
        ok = *factor && bx_amount_parse(factor, 100, &f) && f >= 0 &&
             !__builtin_mul_overflow(product, f, &product);
        product /= 100;
        free(factor);
        factors++;
        p += n + sign;
        ok = ok && (!sign || *p); /* a trailing sign: no product */
    }
    free(nf);
    if (ok && factors)
        *qty = product;
    return ok && factors;
}

/* qty × price = amount on row r; report 0 only tells whether it fits. A
 * price printed as a rate (3.57%) is an average, no exact product. */
static int product_check(sheet *s, size_t r, size_t q, size_t p, size_t a, int64_t punit, int report)
{
    const bx_value *vq = cell(s, r, q), *va = cell(s, r, a);
    bx_value vp = *cell(s, r, p);
    int64_t qty; /* in hundredths */
    if (!*vq->text || !*vp.text || !*va->text || !va->has_amount || strchr(vp.text, '%') ||
        !quantity_parse(vq->text, &qty) || !bx_amount_parse(vp.text, punit, &vp.fen) || !strpbrk(vq->text, "0123456789") ||
        !strpbrk(vp.text, "0123456789"))
        return 0; /* a dash for the quantity or the price: none given */
    int64_t product;
    if (__builtin_mul_overflow(qty, vp.fen, &product))
        return 0;
    product /= 100;
    /* the amount rounded to its step, and the price to its own: a unit cost
     * (單位成本) is the amount over the quantity, printed rounded */
    int64_t step = bx_step_of(va->text, s->unit), pstep = bx_step_of(vp.text, punit);
    int64_t tol = (step > 1 ? step / 2 : 0) + qty * pstep / 200;
    if (!report)
        return bx_status_of(product, va->fen, tol) != BX_CHECK_FAIL;
    bx_terms e = {0}, x = {0};
    bx_value vprod = vp;
    vprod.fen = product;
    vprod.col = q;
    bx_terms_add(&e, &vprod, s->unit, s->ti, r);
    e.cells[0].col = (int)q;
    e.cells = bx_grow(e.cells, &e.cap, 2, sizeof *e.cells);
    e.cells[e.n_cells++] = (bx_cell_ref){s->ti, (int)r, (int)p};
    bx_terms_add(&x, va, s->unit, s->ti, r);
    bx_buf what;
    bx_buf_init(&what);
    bx_buf_printf(&what, "column %zu = column %zu × column %zu", a + 1, q + 1, p + 1);
    bx_check *c = bx_check_add(s->ck, "quantity_price", s->ti, (int)r, bx_row_page(s->t, r), -1,
                               bx_buf_take(&what), &e, &x);
    if (c) { /* one rounded amount: half its step */
        c->tolerance = tol;
        c->status = bx_status_of(c->expected, c->actual, tol);
    }
    return 1;
}

/* The amount column of a quantity q and a price p, in either order: the
 * first amount column after both that is no part of the price (單價 may
 * span two columns). */
static size_t product_amount_col(const sheet *s, size_t q, size_t p)
{
    size_t a = (q > p ? q : p) + 1;
    while (a < s->t->n_cols && (!s->amount[a] || header_has(s, a, price_words, N_OF(price_words)) ||
                                header_has(s, a, quantity_words, N_OF(quantity_words))))
        a++;
    return a;
}

static void products(sheet *s)
{
    size_t nc = s->t->n_cols;
    for (size_t q = 0; q < nc; q++) {
        if (!header_has(s, q, quantity_words, N_OF(quantity_words)))
            continue;
        /* the price after the quantity, else the one before it */
        size_t p = q + 1;
        while (p < nc && !header_has(s, p, price_words, N_OF(price_words)))
            p++;
        for (size_t b = q; p >= nc && b-- > 0;)
            if (header_has(s, b, price_words, N_OF(price_words)))
                p = b;
        if (p >= nc)
            continue;
        size_t a = product_amount_col(s, q, p);
        if (a >= nc)
            continue;
        int64_t punit = price_unit(s, p);
        int fits = 0;
        for (size_t r = 0; r < s->t->n_rows && !fits; r++)
            fits = product_check(s, r, q, p, a, punit, 0);
        for (size_t r = 0; r < s->t->n_rows && fits; r++)
            product_check(s, r, q, p, a, punit, 1);
    }
}

/* --- Entry points ------------------------------------------------------------ */

static void sheet_init(sheet *s, bx_checker *ck, int ti, const unsigned char *wholes)
{
    memset(s, 0, sizeof *s);
    s->ck = ck;
    s->ti = ti;
    s->t = ck->r->tables[ti];
    s->unit = bx_table_unit_fen(s->t);
    s->wholes = wholes;
    size_t nc = s->t->n_cols, n = s->t->n_rows;
    read_cells(s);
    s->amount = bx_xcalloc(nc + 1, sizeof *s->amount);
    s->paths = bx_xcalloc(nc + 1, sizeof *s->paths);
    for (size_t c = 0; c < nc; c++)
        s->paths[c] = bx_column_path(s->t, c);
    for (size_t c = 0; c < nc; c++)
        s->amount[c] = holds_amounts(s, c);
    s->level = bx_xcalloc(n + 1, sizeof *s->level);
    s->total = bx_xcalloc(n + 1, sizeof *s->total);
    s->blank = bx_xcalloc(n + 1, sizeof *s->blank);
    s->glued = bx_xcalloc(n + 1, sizeof *s->glued);
    s->not_parent = bx_xcalloc(n + 1, sizeof *s->not_parent);
    for (size_t r = 0; r < n; r++) {
        char *label = row_label(s, r, -1);
        s->glued[r] = two_codes(label);
        free(label);
    }
}

void bx_arith_run(bx_checker *ck, int ti, const unsigned char *wholes, const bx_patterns *pat)
{
    const bx_table *t = ck->r->tables[ti];
    if (!t->n_rows || !t->n_cols || !t->columns || bx_model_unit_fen(t->unit) <= 0)
        return;
    sheet s;
    sheet_init(&s, ck, ti, wholes);
    sums_down(&s, pat);
    total_columns(&s);
    differences(&s);
    products(&s);
    sheet_free(&s);
}

/* --- Verified share ---------------------------------------------------------- */

void bx_verified_count(bx_report *r)
{
    unsigned char **covered = bx_xcalloc(r->n_tables + 1, sizeof *covered);
    for (size_t i = 0; i < r->n_tables; i++)
        covered[i] = bx_xcalloc(r->tables[i]->n_rows * r->tables[i]->n_cols + 1, 1);
    for (size_t k = 0; k < r->n_checks; k++) {
        const bx_check *c = &r->checks[k];
        if (c->status == BX_CHECK_FAIL)
            continue;
        for (size_t j = 0; j < c->n_cells; j++) {
            const bx_cell_ref *x = &c->cells[j];
            if (x->table >= 0 && (size_t)x->table < r->n_tables && x->row >= 0 && x->col >= 0 &&
                (size_t)x->row < r->tables[x->table]->n_rows &&
                (size_t)x->col < r->tables[x->table]->n_cols)
                covered[x->table][(size_t)x->row * r->tables[x->table]->n_cols + (size_t)x->col] = 1;
        }
    }
    for (size_t i = 0; i < r->n_tables; i++) {
        bx_table *t = r->tables[i];
        t->n_amounts = t->n_verified = 0;
        if (t->n_rows && t->n_cols && t->columns && bx_model_unit_fen(t->unit) > 0) {
            bx_checker ck = {r};
            sheet s;
            sheet_init(&s, &ck, (int)i, NULL);
            for (size_t row = 0; row < t->n_rows; row++)
                for (size_t c = 0; c < t->n_cols; c++)
                    if (s.amount[c] && cell(&s, row, c)->has_amount) {
                        t->n_amounts++;
                        t->n_verified += covered[i][row * t->n_cols + c];
                    }
            sheet_free(&s);
        }
        free(covered[i]);
    }
    free(covered);
}

/* --- Taiwan: one table restating another's totals ---------------------------- */

/* A total one table restates from another: the first row labelled as a
 * total in `kind`, against the row of `other_kind` whose label names
 * `row_word` (its first such row), each read in its total column. */
static const struct {
    const char *kind, *other_kind, *row_word;
} restated[] = {
    {"tw_personnel_summary", "tw_expense_summary", "人事費"},
};

/* Row r's amount in the table's last total column, else its last amount. */
static const bx_value *total_of_row(const sheet *s, size_t r)
{
    const bx_value *last = NULL;
    for (size_t c = 0; c < s->t->n_cols; c++) {
        const bx_value *v = cell(s, r, c);
        if (s->amount[c] && v->has_amount && *v->text && !is_difference_col(s, c))
            last = v;
    }
    for (size_t c = s->t->n_cols; c-- > 0;)
        if (is_total_col(s, c) && cell(s, r, c)->has_amount)
            return cell(s, r, c);
    return last;
}

/* The first row of the sheet whose label is a total (want_total) or names word. */
static int find_row(const sheet *s, const bx_patterns *pat, int want_total, const char *word)
{
    for (size_t r = 0; r < s->t->n_rows; r++) {
        char *label = row_label(s, r, 0);
        int hit = want_total ? total_rank(pat, label) == 2 : strstr(label, word) != NULL;
        free(label);
        if (hit)
            return (int)r;
    }
    return -1;
}

/* Checks table ta's total against table tb's row naming word; false when
 * tb has no such row. */
static int restate(bx_checker *ck, int ta, int tb, const char *word, const bx_patterns *pat)
{
    sheet a, b;
    sheet_init(&a, ck, ta, NULL);
    sheet_init(&b, ck, tb, NULL);
    int ra = find_row(&a, pat, 1, NULL), rb = find_row(&b, pat, 0, word);
    const bx_value *va = ra >= 0 ? total_of_row(&a, (size_t)ra) : NULL;
    const bx_value *vb = rb >= 0 ? total_of_row(&b, (size_t)rb) : NULL;
    if (va && vb) {
        bx_terms e = {0}, x = {0};
        bx_terms_add(&e, va, a.unit, ta, (size_t)ra);
        bx_terms_add(&x, vb, b.unit, tb, (size_t)rb);
        bx_buf what;
        bx_buf_init(&what);
        bx_buf_printf(&what, "%s total = %s %s", a.t->title, b.t->title, word);
        bx_check_add(ck, "cross_total", ta, ra, bx_row_page(a.t, (size_t)ra), tb, bx_buf_take(&what),
                     &e, &x);
    }
    sheet_free(&a);
    sheet_free(&b);
    return rb >= 0;
}

static int of_kind(const bx_table *t, const char *kind)
{
    return t->kind && strcmp(t->kind, kind) == 0 && t->n_rows && bx_model_unit_fen(t->unit) > 0;
}

void bx_arith_across(bx_checker *ck, const bx_patterns *pat)
{
    const bx_report *r = ck->r;
    size_t n = r->n_tables;
    for (size_t k = 0; k < N_OF(restated); k++)
        for (size_t i = 0; i < n; i++) {
            if (!of_kind(r->tables[i], restated[k].kind))
                continue;
            /* the nearest table of the other kind printing the row: a report
             * of several agencies prints the pair once per agency */
            int done = 0;
            for (size_t d = 1; d < n && !done; d++) {
                if (d <= i && of_kind(r->tables[i - d], restated[k].other_kind))
                    done = restate(ck, (int)i, (int)(i - d), restated[k].row_word, pat);
                if (!done && i + d < n && of_kind(r->tables[i + d], restated[k].other_kind))
                    done = restate(ck, (int)i, (int)(i + d), restated[k].row_word, pat);
            }
        }
}
