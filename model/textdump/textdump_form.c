/* Text dumps: performance-target forms (项目支出绩效目标表). The top block
 * (project, person in charge, amounts, overall goal) becomes the table's
 * fields; the indicator grid becomes its rows.
 *
 * In the grid every row has exactly one weight (指标分值权重, a bare
 * integer) followed by two cells (rule, evidence), which anchors the rows.
 * A cell wrapped over several lines prints full lines of one width and a
 * shorter last line; a line as wide as the first one continues the cell. */
#include "textdump.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

int td_is_form_title(const td_doc *d, size_t i)
{
    char *s = td_line_squeezed(d, i);
    int title = bx_is_table_title(d->pat, s) && !bx_is_note(d->pat, s);
    free(s);
    if (!title)
        return 0;
    for (size_t j = i + 1; j < d->n && j <= i + 3; j++) {
        char *t = td_line_squeezed(d, j);
        int yes = g_str_has_prefix(t, td_form_labels[0]) || g_str_has_prefix(t, td_form_labels[1]);
        free(t);
        if (yes)
            return 1;
    }
    return 0;
}

/* --- Top block ------------------------------------------------------------ */

static void read_fields(bx_table *t, const char *top, const bx_patterns *pat)
{
    const char *at[16] = {0};
    const char *from = top;
    for (size_t k = 0; k < td_n_form_labels && k < 16; k++) {
        const char *p = strstr(from, td_form_labels[k]);
        if (p) {
            at[k] = p;
            from = p + strlen(td_form_labels[k]);
        }
    }
    for (size_t k = 0; k < td_n_form_labels && k < 16; k++) {
        if (!at[k])
            continue;
        const char *v = at[k] + strlen(td_form_labels[k]);
        const char *end = v + strlen(v);
        for (size_t j = k + 1; j < td_n_form_labels && j < 16; j++)
            if (at[j]) {
                end = at[j];
                break;
            }
        while (v < end && (g_str_has_prefix(v, td_full_colon) || *v == ':'))
            v += *v == ':' ? 1 : strlen(td_full_colon);
        if (v >= end) {
            /* a label with no value of its own may carry the unit */
            if (!t->unit)
                t->unit = bx_match_unit(pat, td_form_labels[k]);
            continue;
        }
        char *value = bx_xstrndup(v, (size_t)(end - v));
        bx_table_add_field(t, td_form_labels[k], value);
        if (k == 0 && !t->department)
            t->department = bx_xstrdup(value);
        free(value);
    }
}

/* --- Tokens ---------------------------------------------------------------- */

/* Whether two tokens of one line are one cell: a date split at a space
 * ("2022年" "10月底前", "=2023年" "11", "2023" "年"). */
static int one_date(const char *a, const char *b)
{
    size_t lead = strcspn(a, "0123456789"), digits = strspn(a + lead, "0123456789");
    int a_digits = bx_text_is_digits(a, 0, 0);
    for (size_t k = 0; k < td_n_date_words; k++) {
        if (digits && strcmp(a + lead + digits, td_date_words[k]) == 0 && b[0] >= '0' && b[0] <= '9')
            return 1;
        if (a_digits && g_str_has_prefix(b, td_date_words[k]))
            return 1;
    }
    return 0;
}

/* A wrapped cell goes on with words; a line that starts with a digit or a
 * comparison starts a value cell of its own. */
static int may_continue(const char *tok) { return !strchr("0123456789=<>", tok[0]); }

/* The tokens of a line, dates kept whole. */
static gchar **line_tokens(const char *line, size_t *n)
{
    gchar **tok = g_strsplit_set(line, " \t", -1);
    size_t k = 0;
    for (gchar **p = tok; *p; p++) {
        if (!**p) {
            g_free(*p);
            continue;
        }
        if (k && one_date(tok[k - 1], *p)) {
            gchar *joined = g_strconcat(tok[k - 1], *p, NULL);
            g_free(tok[k - 1]);
            g_free(*p);
            tok[k - 1] = joined;
            continue;
        }
        tok[k++] = *p;
    }
    tok[k] = NULL;
    *n = k;
    return tok;
}

/* --- Cells of the grid ---------------------------------------------------- */

typedef struct {
    bx_buf text;
    int first_width, last_width;
    int page;
    int multi; /* printed beside other cells on its first line */
    int value; /* starts with a digit or a comparison: an indicator value */
    char *first; /* its first line */
    int pieces;  /* lines so far */
} cell;

static int display_width(const char *s)
{
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            w += *p >= 0x80 ? 2 : 1;
    return w;
}

typedef struct {
    cell *cells;
    size_t n, cap;
    GHashTable *starts; /* first lines of wrapped cells (a first reading) */
    GHashTable *later;  /* lines that went on a cell (the first reading) */
} cell_list;

static void new_cell(cell_list *l, const char *s, int page, int multi)
{
    l->cells = bx_grow(l->cells, &l->cap, l->n + 1, sizeof *l->cells);
    cell *c = &l->cells[l->n++];
    bx_buf_init(&c->text);
    bx_buf_puts(&c->text, s);
    c->first_width = c->last_width = display_width(s);
    c->page = page;
    c->multi = multi;
    c->value = !may_continue(s);
    c->first = bx_xstrdup(s);
    c->pieces = 1;
}

static size_t char_count(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n;
}

/* A cell still open: its lines so far all full (as wide as the first),
 * alone on its first line. */
static int is_open(const cell *c) { return !c->multi && c->last_width == c->first_width; }

/* Whether the piece continues the cell: the cell is open, the piece no
 * wider and a word; a value goes on only with a unit ("元", "月底前"). */
static int continues_cell(const cell_list *l, const cell *c, const char *piece)
{
    if (l->starts && g_hash_table_contains(l->starts, piece))
        return 0; /* it opens wrapped cells elsewhere: the next column's */
    return is_open(c) && display_width(piece) <= c->first_width && may_continue(piece) &&
           (!c->value || char_count(piece) <= 3);
}

static void extend(cell *c, const char *piece)
{
    bx_buf_puts(&c->text, piece);
    c->last_width = display_width(piece);
    c->pieces++;
}

/* A cell of one to three digits: how weights and scores print. */
static int all_digits_cell(const cell *c)
{
    return bx_text_is_digits(c->text.data, 1, 3);
}

/* A page break inside a row: the new page starts with the last pieces of
 * the row's open cells, in column order ("条件 赋分"). They go to the
 * last open cells of the row. Returns 1 when the line was used so. */
static int continue_row(cell_list *l, gchar **tok, size_t n_tok)
{
    size_t w1 = l->n, w0 = l->n;
    for (size_t i = l->n; i-- > 0;)
        if (all_digits_cell(&l->cells[i])) {
            if (w1 == l->n)
                w1 = i;
            else {
                w0 = i;
                break;
            }
        }
    size_t from = w1 == l->n ? 0 : (l->n - 1 - w1 <= 2 ? (w0 == l->n ? 0 : w0 + 3) : w1 + 3);
    size_t open[16], n_open = 0;
    for (size_t i = from; i < l->n && n_open < 16; i++)
        if (is_open(&l->cells[i]) && !l->cells[i].value && !all_digits_cell(&l->cells[i]))
            open[n_open++] = i;
    if (n_open < n_tok)
        return 0;
    for (size_t k = 0; k < n_tok; k++)
        if (!may_continue(tok[k]))
            return 0;
    for (size_t k = 0; k < n_tok; k++)
        extend(&l->cells[open[n_open - n_tok + k]], tok[k]);
    return 1;
}

static void free_cells(cell_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        bx_buf_free(&l->cells[i].text);
        free(l->cells[i].first);
    }
    free(l->cells);
    l->cells = NULL;
    l->n = l->cap = 0;
}

static void read_cells_once(const td_doc *d, size_t from, size_t to, cell_list *l);

static void bump(GHashTable *counts, const char *key)
{
    int n = GPOINTER_TO_INT(g_hash_table_lookup(counts, key));
    g_hash_table_insert(counts, g_strdup(key), GINT_TO_POINTER(n + 1));
}

/* Cells, read twice: the first reading learns which lines open wrapped
 * cells ("工作资" of 工作资料), so that the second does not glue such a
 * line to the cell before it when both wrap at the same width. */
static void read_cells(const td_doc *d, size_t from, size_t to, cell_list *l)
{
    l->later = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    read_cells_once(d, from, to, l);
    GHashTable *opens = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t i = 0; i < l->n; i++)
        if (l->cells[i].pieces > 1 && !l->cells[i].value)
            bump(opens, l->cells[i].first);
    /* lines that open cells more often than they go on one */
    GHashTable *starts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GHashTableIter it;
    gpointer key, count;
    g_hash_table_iter_init(&it, opens);
    while (g_hash_table_iter_next(&it, &key, &count))
        if (GPOINTER_TO_INT(count) > GPOINTER_TO_INT(g_hash_table_lookup(l->later, key)))
            g_hash_table_add(starts, g_strdup(key));
    g_hash_table_destroy(opens);
    g_hash_table_destroy(l->later);
    l->later = NULL;
    free_cells(l);
    l->starts = starts;
    read_cells_once(d, from, to, l);
    g_hash_table_destroy(l->starts);
    l->starts = NULL;
}

static void read_cells_once(const td_doc *d, size_t from, size_t to, cell_list *l)
{
    for (size_t i = from; i < to; i++) {
        if (td_is_footer(d, i))
            continue;
        size_t n_tok;
        gchar **tok = line_tokens(d->lines[i].text, &n_tok);
        if (d->lines[i].page_start && l->n && continue_row(l, tok, n_tok)) {
            g_strfreev(tok);
            continue;
        }
        for (gchar **p = tok; *p; p++) {
            cell *last = l->n ? &l->cells[l->n - 1] : NULL;
            if (n_tok == 1 && last && continues_cell(l, last, *p)) {
                extend(last, *p);
                if (l->later)
                    bump(l->later, *p);
            }
            else
                new_cell(l, *p, d->lines[i].page, n_tok > 1);
        }
        g_strfreev(tok);
    }
}

static int is_weight(const cell_list *l, size_t i)
{
    if (!all_digits_cell(&l->cells[i]))
        return 0;
    if (i + 1 >= l->n)
        return 1;
    const char *next = l->cells[i + 1].text.data;
    return *next && !bx_text_is_digits(next, 0, 0);
}

/* Rows: the cells before a weight fill the first six columns from the
 * right (a merged 一级/二级 cell is printed once and repeated), the two
 * after it the last two. */
static void read_rows(bx_table *t, cell_list *l)
{
    size_t nc = t->n_cols;
    char **prev = bx_xcalloc(nc, sizeof *prev);
    size_t start = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (!is_weight(l, i))
            continue;
        size_t weight_col = nc >= 3 ? nc - 3 : 0;
        char **cells = bx_xcalloc(nc, sizeof *cells);
        size_t col = weight_col;
        /* right-aligned: 上年完成值, 依据, 指标值 take one cell each */
        size_t k = i;
        while (k > start && col > 3 && col > 0) {
            cells[--col] = bx_xstrdup(l->cells[--k].text.data);
        }
        /* what is left: 一级, 二级, then 三级 takes the rest */
        size_t left = k - start;
        size_t c0 = left >= 3 ? 0 : (left == 2 ? 1 : 2);
        size_t p = start;
        for (size_t c = c0; c < 2 && p < k; c++)
            cells[c] = bx_xstrdup(l->cells[p++].text.data);
        bx_buf third;
        bx_buf_init(&third);
        for (; p < k; p++)
            bx_buf_puts(&third, l->cells[p].text.data);
        cells[2] = bx_buf_take(&third);
        for (size_t c = 0; c < 2; c++)
            if (!cells[c] && prev[c])
                cells[c] = bx_xstrdup(prev[c]);
        cells[weight_col] = bx_xstrdup(l->cells[i].text.data);
        size_t end = i + 1;
        for (size_t c = weight_col + 1; c < nc && end < l->n && !is_weight(l, end); c++)
            cells[c] = bx_xstrdup(l->cells[end++].text.data);
        bx_table_add_row(t, (const char *const *)cells);
        bx_table_add_page(t, l->cells[start < i ? start : i].page);
        bx_table_add_page(t, l->cells[end - 1].page);
        for (size_t c = 0; c < 2; c++) {
            free(prev[c]);
            prev[c] = cells[c] ? bx_xstrdup(cells[c]) : NULL;
        }
        for (size_t c = 0; c < nc; c++)
            free(cells[c]);
        free(cells);
        start = end;
        i = end - 1;
    }
    for (size_t c = 0; c < nc; c++)
        free(prev[c]);
    free(prev);
}

/* --- The form --------------------------------------------------------------- */

bx_table *td_read_form(const td_doc *d, size_t from, size_t to)
{
    size_t grid = from + 1;
    for (; grid < to; grid++) {
        char *s = td_line_squeezed(d, grid);
        int yes = g_str_has_prefix(td_form_grid_start, s) || g_str_has_prefix(s, td_form_grid_start);
        free(s);
        if (yes)
            break;
    }
    if (grid >= to)
        return NULL;
    bx_table *t = bx_table_new(td_n_form_columns);
    t->title = td_line_squeezed(d, from);
    bx_buf top;
    bx_buf_init(&top);
    for (size_t i = from + 1; i < grid; i++) {
        char *s = td_line_squeezed(d, i);
        bx_buf_puts(&top, s);
        free(s);
    }
    read_fields(t, top.data ? top.data : "", d->pat);
    bx_buf_free(&top);
    /* the grid's header: lines while they spell header words */
    bx_buf head;
    bx_buf_init(&head);
    size_t body = grid;
    for (; body < to; body++) {
        char *s = td_line_squeezed(d, body);
        bx_buf_puts(&head, s);
        free(s);
        if (!td_words_cover(head.data, td_form_columns, td_n_form_columns, 1))
            break;
    }
    bx_buf_free(&head);
    bx_table_add_header_row(t, (const char *const *)td_form_columns);
    cell_list l = {0};
    read_cells(d, body, to, &l);
    read_rows(t, &l);
    free_cells(&l);
    return t;
}
