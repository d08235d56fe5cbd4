/* textdump_streams.c: a coded table whose rows pdftotext did not keep
 * together. Some dumps print a block of several rows' names, then those
 * rows' amounts, and the rows' codes elsewhere (at the page's end, or
 * between two amounts). Read row by row, such a block becomes one row with
 * all the names and amounts, and the codes become rows of their own.
 *
 * Here the three kinds of pieces are read as three streams that keep
 * their order: amounts group into rows by the accounting identity (a row's
 * first amount is its total, the ones after it add up to it), each run of
 * name lines holds the names of the rows whose amounts follow it, and the
 * codes, in the classification's order, go to the rows in turn. The
 * result is kept only when the rows' levels (a class is the sum of its 款)
 * match their codes. */
#include "textdump.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>


static int whole_code(const char *s)
{
    size_t n = strlen(s);
    if (n != 3 && n != 5 && n != 7)
        return 0;
    return bx_text_is_digits(s, n, n);
}

static int code_level(const char *s)
{
    size_t n = strlen(s);
    return n == 3 ? 1 : n == 5 ? 2 : 3;
}

static int by_code(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* No amount after a row's first exceeds it with the others: a row that
 * took another row's amounts (or a code read as one) breaks this. */
static int parts_within_total(const td_row *r)
{
    int64_t total, v, sum = 0;
    if (!r->n_nums || !bx_amount_parse(r->nums[0], 100, &total))
        return 0;
    for (size_t k = 1; k < r->n_nums; k++) {
        if (!bx_amount_parse(r->nums[k], 100, &v))
            return 0;
        sum += v;
    }
    return sum <= total + TD_SUM_TOL;
}

int td_rows_coherent(const td_row *rows, size_t n)
{
    if (!n)
        return 0;
    int *level = td_infer_levels(rows, n);
    int ok = 1;
    const char *prev = NULL;
    for (size_t r = 0; r < n && ok; r++) {
        ok = parts_within_total(&rows[r]);
        if (rows[r].is_total || !ok)
            continue;
        const char *code = rows[r].n_codes == 1 ? rows[r].codes[0] : "";
        ok = whole_code(code) && rows[r].text && *rows[r].text && rows[r].n_nums &&
             level[r] == code_level(code) && (!prev || strcmp(prev, code) < 0);
        prev = code;
    }
    free(level);
    return ok;
}

/* A run of name lines and where it stands among the amounts. */
typedef struct {
    GPtrArray *lines;
    size_t groups_before; /* amount groups complete when the run began */
    int is_total;
} run;

typedef struct {
    GPtrArray *nums; /* one row's amounts */
    int page;
} group;

typedef struct {
    GArray *runs, *groups;
    GPtrArray *codes;
    GString *pending; /* an amount still open */
    int64_t total, sum;
    int open, failed;
    int after_name; /* the line before was a name's */
    size_t closed;
} streams;

static group *cur_group(streams *s) { return &g_array_index(s->groups, group, s->groups->len - 1); }

/* A complete amount: the first of a row is its total, the others add up
 * to it. */
static void add_amount(streams *s, const char *text, int page)
{
    char *clean = bx_number_clean(text);
    int64_t v;
    if (!bx_amount_parse(clean, 100, &v)) {
        free(clean);
        s->failed = 1;
        return;
    }
    if (!s->open) {
        group g = {g_ptr_array_new_with_free_func(free), page};
        g_array_append_val(s->groups, g);
        s->open = 1;
        s->total = v;
        s->sum = 0;
        g_ptr_array_add(cur_group(s)->nums, clean);
    } else {
        g_ptr_array_add(cur_group(s)->nums, clean);
        s->sum += v;
        if (s->sum > s->total + TD_SUM_TOL)
            s->failed = 1;
    }
    if (s->open && s->total > 0 && s->sum >= s->total - TD_SUM_TOL) {
        s->open = 0;
        s->closed++;
    }
}

static void flush_pending(streams *s, int page)
{
    if (s->pending->len)
        add_amount(s, s->pending->str, page);
    g_string_truncate(s->pending, 0);
}

static void take_piece(streams *s, const char *piece, int line_start, int page)
{
    if (s->pending->len && line_start && td_num_continues(s->pending->str, piece)) {
        g_string_append(s->pending, piece);
    } else {
        flush_pending(s, page);
        g_string_append(s->pending, piece);
    }
    if (td_is_amount(s->pending->str))
        flush_pending(s, page);
}

static void add_line(streams *s, const char *text, int is_total)
{
    run *last = s->runs->len ? &g_array_index(s->runs, run, s->runs->len - 1) : NULL;
    if (!last || is_total || last->is_total || last->groups_before != s->closed) {
        run r = {g_ptr_array_new_with_free_func(g_free), s->closed, is_total};
        g_array_append_val(s->runs, r);
        last = &g_array_index(s->runs, run, s->runs->len - 1);
    }
    g_ptr_array_add(last->lines, g_strdup(text));
}

/* One printed line: its tokens [i, end). */
static void read_line(streams *s, const td_doc *d, const td_token *t, size_t i, size_t end)
{
    int after_name = s->after_name;
    s->after_name = 0;
    int numeric = 1;
    for (size_t k = i; k < end; k++)
        numeric = numeric && td_is_num_piece(t[k].text);
    if (end == i + 1 && whole_code(t[i].text) &&
        !(s->pending->len && td_num_continues(s->pending->str, t[i].text))) {
        flush_pending(s, t[i].page);
        g_ptr_array_add(s->codes, g_strdup(t[i].text));
        return;
    }
    if (numeric) {
        for (size_t k = i; k < end; k++)
            take_piece(s, t[k].text, k == i, t[k].page);
        return;
    }
    flush_pending(s, t[i].page);
    GString *line = g_string_new(NULL);
    for (size_t k = i; k < end; k++)
        g_string_append(line, t[k].text);
    /* a note is no row's, nor a header word printed late, which a name's
     * last line (支出) may read like */
    if (bx_is_note(d->pat, line->str) || (end == i + 1 && td_is_header_word(line->str) &&
                                          !bx_is_total_label(d->pat, line->str) && !after_name))
        ;
    else {
        add_line(s, line->str, bx_is_total_label(d->pat, line->str));
        s->after_name = 1;
    }
    g_string_free(line, TRUE);
}

/* Cuts a run into n names: a name's lines fill the column's width but
 * its last; true when that gives exactly n. */
static int split_names(const run *r, size_t n, GPtrArray *names)
{
    glong width = 0;
    for (guint k = 0; k < r->lines->len; k++)
        width = MAX(width, g_utf8_strlen(g_ptr_array_index(r->lines, k), -1));
    size_t before = names->len;
    GString *name = g_string_new(NULL);
    for (guint k = 0; k < r->lines->len; k++) {
        const char *line = g_ptr_array_index(r->lines, k);
        g_string_append(name, line);
        if (n == 1 ? k + 1 == r->lines->len : (g_utf8_strlen(line, -1) < width || k + 1 == r->lines->len)) {
            g_ptr_array_add(names, g_strdup(name->str));
            g_string_truncate(name, 0);
        }
    }
    g_string_free(name, TRUE);
    return names->len - before == n;
}

static size_t build_rows(streams *s, td_row **out)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    GArray *totals = g_array_new(FALSE, TRUE, sizeof(int));
    int ok = s->runs->len > 0 && s->groups->len > 0;
    for (guint k = 0; k < s->runs->len && ok; k++) {
        run *r = &g_array_index(s->runs, run, k);
        size_t next = k + 1 < s->runs->len ? g_array_index(s->runs, run, k + 1).groups_before : s->closed;
        size_t n = next - r->groups_before;
        ok = n >= 1 && (!r->is_total || n == 1) && split_names(r, n, names);
        for (size_t j = 0; ok && j < n; j++)
            g_array_append_val(totals, r->is_total);
    }
    size_t n_rows = s->groups->len, n_coded = 0;
    for (guint k = 0; ok && k < totals->len; k++)
        n_coded += !g_array_index(totals, int, k);
    ok = ok && names->len == n_rows && s->codes->len == n_coded && s->runs->len &&
         g_array_index(s->runs, run, 0).groups_before == 0;
    td_row *rows = NULL;
    if (ok) {
        g_ptr_array_sort(s->codes, by_code);
        rows = bx_xcalloc(n_rows, sizeof *rows);
        size_t c = 0;
        for (size_t r = 0; r < n_rows; r++) {
            group *g = &g_array_index(s->groups, group, r);
            rows[r].text = bx_xstrdup(g_ptr_array_index(names, r));
            rows[r].right_text = bx_xstrdup("");
            rows[r].is_total = g_array_index(totals, int, r);
            rows[r].page = g->page;
            if (!rows[r].is_total)
                rows[r].codes[rows[r].n_codes++] = bx_xstrdup(g_ptr_array_index(s->codes, c++));
            rows[r].nums = bx_xcalloc(g->nums->len, sizeof *rows[r].nums);
            for (guint k = 0; k < g->nums->len; k++)
                rows[r].nums[rows[r].n_nums++] = bx_xstrdup(g_ptr_array_index(g->nums, k));
            rows[r].n_left = rows[r].n_nums;
        }
        if (!td_rows_coherent(rows, n_rows)) {
            td_rows_free(rows, n_rows);
            rows = NULL;
            n_rows = 0;
        }
    }
    g_ptr_array_free(names, TRUE);
    g_array_free(totals, TRUE);
    *out = rows;
    return rows ? n_rows : 0;
}

size_t td_read_streams(const td_doc *d, const td_token *t, size_t n, td_row **out)
{
    streams s = {g_array_new(FALSE, TRUE, sizeof(run)), g_array_new(FALSE, TRUE, sizeof(group)),
                 g_ptr_array_new_with_free_func(g_free), g_string_new(NULL), 0, 0, 0, 0, 0, 0};
    for (size_t i = 0; i < n && !s.failed;) {
        size_t end = i + 1;
        while (end < n && !t[end].line_start)
            end++;
        read_line(&s, d, t, i, end);
        i = end;
    }
    flush_pending(&s, n ? t[n - 1].page : 0);
    size_t n_rows = 0;
    *out = NULL;
    if (!s.failed && !s.open)
        n_rows = build_rows(&s, out);
    for (guint k = 0; k < s.runs->len; k++)
        g_ptr_array_free(g_array_index(s.runs, run, k).lines, TRUE);
    for (guint k = 0; k < s.groups->len; k++)
        g_ptr_array_free(g_array_index(s.groups, group, k).nums, TRUE);
    g_array_free(s.runs, TRUE);
    g_array_free(s.groups, TRUE);
    g_ptr_array_free(s.codes, TRUE);
    g_string_free(s.pending, TRUE);
    return n_rows;
}
