/* Text dumps (pdftotext without -layout): the titled regions of the dump
 * (its lines: textdump_lines.c), each region's title, unit, department,
 * header and body. Columns are named in textdump_header.c, rows rebuilt in
 * textdump_rows.c and textdump_assign.c, forms in textdump_form.c. */
#include "bx_textdump.h"
#include "textdump.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* --- Regions -------------------------------------------------------------- */

static int is_meta_line(const td_doc *d, size_t i);

/* An unlabelled title with its unit or department line right below. */
static int is_titled_table(const td_doc *d, size_t i)
{
    if (!td_line_is(d, i, bx_is_table_title) || td_line_is(d, i, bx_is_note))
        return 0;
    for (size_t j = i + 1; j < d->n && j <= i + 3; j++) {
        if (td_line_is(d, j, bx_is_table_label))
            return 0; /* a part heading above a labelled table */
        if (j == i + 1 && is_titled_table(d, j))
            return 0; /* a part heading right above a table's own title */
        if (is_meta_line(d, j))
            return 1;
    }
    return 0;
}

/* A label ("表 3") opens a table, and so does a title standing alone; a
 * form title opens a form. */
static int opens_region(const td_doc *d, size_t i)
{
    return td_line_is(d, i, bx_is_table_label) || td_is_form_title(d, i) || is_titled_table(d, i);
}

static int is_meta_line(const td_doc *d, size_t i)
{
    char *unit = bx_match_unit(d->pat, d->lines[i].text);
    char *dep = bx_match_department(d->pat, d->lines[i].text);
    int yes = unit || dep;
    free(unit);
    free(dep);
    return yes;
}

/* The title of the table labelled at `label`: the next line, or failing that
 * the first title line before the region ends (some reports print it after
 * the first page's body). */
static size_t find_title(const td_doc *d, size_t label, size_t end)
{
    if (label + 1 < end && td_line_is(d, label + 1, bx_is_table_title))
        return label + 1;
    for (size_t i = label + 1; i < end; i++)
        if (td_line_is(d, i, bx_is_table_title) && !td_line_is(d, i, bx_is_note))
            return i;
    return (size_t)-1;
}

static void read_meta(const td_doc *d, size_t from, size_t to, bx_table *t)
{
    for (size_t i = from; i < to && (!t->unit || !t->department); i++) {
        if (!t->unit)
            t->unit = bx_match_unit(d->pat, d->lines[i].text);
        if (!t->department)
            t->department = bx_match_department(d->pat, d->lines[i].text);
    }
}

/* A line made only of code-level words (类 款 项), as printed under a code
 * group; returns how many. */
static size_t level_count(const char *line)
{
    gchar **tok = g_strsplit_set(line, " \t", -1);
    size_t n = 0, words = 0;
    for (gchar **p = tok; *p; p++) {
        if (!**p)
            continue;
        words++;
        for (size_t k = 0; k < td_n_level_words; k++)
            if (strcmp(*p, td_level_words[k]) == 0)
                n++;
    }
    g_strfreev(tok);
    return n == words ? n : 0;
}

static int single_char(const char *s)
{
    size_t n = strlen(s);
    return n > 0 && n <= 4 && (n == 1 || ((unsigned char)s[0] >= 0xC0 && n == (size_t)(
        (unsigned char)s[0] >= 0xF0 ? 4 : (unsigned char)s[0] >= 0xE0 ? 3 : 2)));
}

/* The code levels printed on line i: a line of two or more of them, or a
 * lone one that is not a letter of a word wrapped one character per line
 * ("财/政/拨/款/结/转"). */
static size_t levels_at(const td_doc *d, size_t i)
{
    size_t n = level_count(d->lines[i].text);
    if (n != 1)
        return n;
    int wrapped = (i > 0 && single_char(d->lines[i - 1].text) && !level_count(d->lines[i - 1].text)) ||
                  (i + 1 < d->n && single_char(d->lines[i + 1].text) && !level_count(d->lines[i + 1].text));
    return wrapped ? 0 : 1;
}

/* The first line of a body holds an amount or a code. (A totals label
 * alone does not start it: headers print 合计 columns too, and a body with
 * no digit is an empty table anyway.) */
static int starts_body(const td_doc *d, size_t i)
{
    char *s = td_line_squeezed(d, i);
    int yes = bx_text_has_digit(s);
    free(s);
    return yes;
}

typedef struct {
    size_t *idx;
    size_t n, cap;
} index_list;

static void push_index(index_list *l, size_t i)
{
    l->idx = bx_grow(l->idx, &l->cap, l->n + 1, sizeof *l->idx);
    l->idx[l->n++] = i;
}

/* Skips lines that are not part of any body: meta lines, titles, page
 * numbers. */
static int is_furniture(const td_doc *d, size_t i, size_t title)
{
    return i == title || is_meta_line(d, i) || td_is_footer(d, i) ||
           td_line_is(d, i, bx_is_table_label);
}

/* Whether the header word on line i is the header's last amount column:
 * the amounts printed below it (a row's, all of them) are more than the
 * columns the header names without it. */
static int names_last_column(const td_doc *d, size_t i, size_t to, const char *head, const char *line)
{
    if (!td_is_header_word(line))
        return 0;
    size_t amounts = 0;
    for (size_t j = i + 1; j < to && td_is_amount(d->lines[j].text); j++)
        amounts++;
    td_columns c;
    td_columns_from_header(&c, head, 0);
    size_t n_amount = 0;
    for (size_t j = 0; j < c.n; j++)
        n_amount += c.cols[j].kind == TD_COL_AMOUNT;
    size_t n_cols = c.n;
    td_columns_free(&c);
    return n_cols > 0 && amounts > n_amount;
}

/* Whether line finishes a header word that the header text so far cut
 * short. */
static int finishes_word(const char *head, const char *line)
{
    if (!*head || td_header_complete(head) || !td_header_coverable(head))
        return 0;
    char *both = g_strconcat(head, line, NULL);
    int yes = td_header_complete(both);
    g_free(both);
    return yes;
}

/* Whether line finishes a header word whose first piece the header text
 * printed a few pieces back (财政专户 / 基本支出 / 管理资金: cells side by
 * side wrap at once, and pdftotext interleaves their lines). */
static int finishes_woven_word(const char *head, const char *line)
{
    gchar **p = g_strsplit_set(head, (char[]){TD_LINE_END, '\n', '|', '\0'}, -1);
    size_t n = g_strv_length(p);
    int yes = 0;
    for (size_t k = n; k-- > 0 && k + 8 >= n && !yes;) {
        if (!*p[k] || td_header_complete(p[k]))
            continue;
        char *both = g_strconcat(p[k], line, NULL);
        yes = td_header_complete(both);
        g_free(both);
    }
    g_strfreev(p);
    return yes;
}

/* A row's label with its amounts on the next line, where the header has
 * no digit to end at (dumps that print labels and amounts apart): a
 * printed amount follows, or a number and the line is no header word. */
static int label_row_below(const td_doc *d, size_t i, size_t to, const char *head, const char *line)
{
    if (i + 1 >= to)
        return 0;
    const char *next = d->lines[i + 1].text;
    size_t num = strspn(next, "0123456789,.-");
    if (num == 0 || (next[num] && next[num] != ' ') || !bx_text_has_digit(next))
        return 0; /* the next line must start with an amount */
    if (finishes_word(head, line) || finishes_woven_word(head, line))
        return 0; /* the end of a header word wrapped (一般公共预 / 算财政拨款) */
    if ((memchr(next, ',', num) || memchr(next, '.', num)) && !td_is_label_word(line))
        /* a printed amount, not a code: even a header word is a row here,
         * unless more amounts follow than the header has columns for */
        return !names_last_column(d, i, to, head, line);
    char *both = g_strconcat(head, line, NULL);
    int header = td_header_coverable(both);
    g_free(both);
    return !header;
}

/* A class code alone on its line. */
static int code_line(const char *text)
{
    return bx_text_is_digits(text, 3, 3);
}

/* A line of the header printed again at the top of a page. */
static int repeats_header(const td_doc *d, size_t i, const char *head_text)
{
    if (levels_at(d, i))
        return 1;
    char *s = td_line_squeezed(d, i);
    int yes = !bx_text_has_digit(s) && strstr(head_text, s) != NULL;
    free(s);
    return yes;
}

/* Whether line i's row has amounts: a line with a digit follows on its
 * page, and it is no note. */
static int amounts_follow(const td_doc *d, size_t i, size_t to)
{
    return i + 1 < to && d->lines[i + 1].page == d->lines[i].page &&
           bx_text_has_digit(d->lines[i + 1].text) && !td_line_is(d, i + 1, bx_is_note);
}

/* What a table's lines hold before rows are read. */
typedef struct region region;
struct region {
    size_t title;   /* line of the title */
    char *head;     /* the header's words; "\n" where the code levels were */
    size_t n_levels; /* 类 款 项 printed */
    index_list body; /* the body's lines */
};

/* The code levels on line i, once the first (类) has been: a lone 款 before
 * any 类 is the end of a wrapped label (…财政拨 / 款). */
static size_t first_levels(const td_doc *d, const region *g, size_t i)
{
    size_t lv = levels_at(d, i);
    if (lv == 1 && !g->n_levels && strcmp(d->lines[i].text, td_level_words[0]) != 0)
        return 0;
    return lv;
}

/* Appends line i (squeezed: s) to a header's text; a line that reads as
 * no run of header words with a line end between the pieces a space
 * parts: cells side by side that wrap at once print their lines on one
 * (人员经 公用经). */
static void put_header_line(bx_buf *head, const td_doc *d, size_t i, const char *s)
{
    if (td_header_coverable(s)) {
        bx_buf_puts(head, s);
        return;
    }
    gchar **parts = g_strsplit_set(d->lines[i].text, " \t", -1);
    int first = 1;
    for (gchar **p = parts; *p; p++) {
        char *piece = bx_text_squeeze(*p);
        if (*piece) {
            if (!first)
                bx_buf_append(head, (char[]){TD_LINE_END}, 1);
            bx_buf_puts(head, piece);
            first = 0;
        }
        free(piece);
    }
    g_strfreev(parts);
}

/* The header: from below the title and meta lines up to the first body
 * line. Leaves *i on that line. */
static void read_header(const td_doc *d, region *g, size_t *i, size_t to)
{
    bx_buf head;
    bx_buf_init(&head);
    size_t first = *i;
    /* a note among the header lines (an empty table's "本表为空表") is no body */
    for (; *i < to && (!starts_body(d, *i) || td_line_is(d, *i, bx_is_note)); (*i)++) {
        if (is_furniture(d, *i, g->title) || td_line_is(d, *i, bx_is_note))
            continue;
        if (d->lines[*i].page_start && *i > first)
            break; /* a header does not run over a page */
        size_t lv = first_levels(d, g, *i);
        if (lv) { /* 类 款 项 on one line, or one per line */
            g->n_levels = lv > 1 ? (g->n_levels > lv ? g->n_levels : lv)
                                 : (g->n_levels < 3 ? g->n_levels + 1 : 3);
            if (!strchr(head.data ? head.data : "", '\n'))
                bx_buf_puts(&head, "\n"); /* marks the next header row */
            continue;
        }
        char *s = td_line_squeezed(d, *i);
        if (head.data && bx_is_total_label(d->pat, s) && strstr(head.data, s) &&
            !amounts_follow(d, *i, to)) {
            free(s); /* the header has its 合计 column: an empty table's 合计 row */
            continue;
        }
        if (bx_is_ordinal_label(d->pat, s) && !td_header_coverable(s)) {
            push_index(&g->body, *i); /* a numbered row label printed among the header */
            bx_buf_puts(&head, "|");  /* no header word runs across it */
            free(s);
            continue;
        }
        if (bx_is_total_label(d->pat, s) && *i + 1 < to && code_line(d->lines[*i + 1].text)) {
            free(s); /* a totals row printed before the class rows (one column at a time) */
            break;
        }
        int row = label_row_below(d, *i, to, head.data ? head.data : "", s);
        if (!row) {
            if (head.len && head.data[head.len - 1] != '\n' && head.data[head.len - 1] != '|')
                bx_buf_append(&head, (char[]){TD_LINE_END}, 1);
            put_header_line(&head, d, *i, s);
        }
        free(s);
        if (row)
            break;
    }
    g->head = bx_buf_take(&head);
}

/* A page that opens with the row label numbered next (十六、… after a
 * 十五、… of the body), or with a totals row: the table goes on. */
/* A page whose lines, up to its first one with a digit, hold a totals
 * label followed by an amount: the last rows of a table (结余 rows and
 * the 总计 of a 收支总表), labels printed as a block before their amounts. */
static int totals_rows_open_page(const td_doc *d, size_t i, size_t to)
{
    int total = 0;
    for (size_t k = i; k < to && (k == i || !d->lines[k].page_start); k++) {
        char *s = td_line_squeezed(d, k);
        int digit = bx_text_has_digit(s);
        free(s);
        if (digit)
            return total && td_is_amount(d->lines[k].text);
        total |= td_line_is(d, k, bx_is_total_label);
    }
    return 0;
}

static int continues_numbering(const td_doc *d, const region *g, size_t i, size_t to)
{
    if (g->body.n && td_line_is(d, i, bx_is_total_label))
        return 1; /* a totals row carried over to the next page */
    if (g->body.n && totals_rows_open_page(d, i, to))
        return 1;
    int want = td_label_number(d->lines[i].text) - 1;
    for (size_t k = 0; want > 0 && k < g->body.n; k++)
        if (td_label_number(d->lines[g->body.idx[k]].text) == want)
            return 1;
    return 0;
}

/* Amounts and totals labels alone on their lines after a note, on its
 * page: cells of the table's last row (a side-by-side table's right-hand
 * 总计) that pdftotext printed after the note below it; prose is neither. */
static void amounts_after_note(const td_doc *d, region *g, size_t i, size_t to)
{
    for (i++; i < to && !d->lines[i].page_start; i++) {
        if (td_line_is(d, i, bx_is_note))
            continue;
        if (!td_is_amount(d->lines[i].text) && !td_line_is(d, i, bx_is_total_label))
            return;
        push_index(&g->body, i);
    }
}

/* The body: lines up to a note or the end of the table's last page; a
 * header repeated at the top of a page is skipped. */
static void read_body(const td_doc *d, region *g, size_t i, size_t to)
{
    for (; i < to; i++) {
        if (is_furniture(d, i, g->title))
            continue;
        if (td_line_is(d, i, bx_is_note)) {
            amounts_after_note(d, g, i, to);
            break;
        }
        if (d->lines[i].page_start && !g->body.n)
            break; /* no body on the header's page: an empty table */
        if (d->lines[i].page_start && !starts_body(d, i) && !continues_numbering(d, g, i, to)) {
            if (!repeats_header(d, i, g->head))
                break; /* the table ended with the previous page */
            while (i + 1 < to && repeats_header(d, i + 1, g->head))
                i++;
            continue;
        }
        size_t lv = first_levels(d, g, i);
        if (lv) { /* a code level printed late, among the body lines */
            g->n_levels = g->n_levels + lv > 3 ? 3 : g->n_levels + lv;
            continue;
        }
        push_index(&g->body, i);
    }
}

/* Whether the columns read so far already have this name. */
static int has_column(const td_columns *cols, const char *name)
{
    for (size_t j = 0; j < cols->n; j++)
        if (strcmp(cols->cols[j].name, name) == 0)
            return 1;
    return 0;
}

/* A header word wrapped over the pieces from p on (附属单位 / 上缴收入,
 * 政府性基 / 金预算财 / 政拨款): how many pieces it takes, or 0. Two
 * whole words make one only as a code group (功能分类 / 科目编码), not as
 * 项目支出 / 合计. */
static size_t wrapped_word(gchar **p)
{
    bx_buf b;
    bx_buf_init(&b);
    bx_buf_puts(&b, *p);
    size_t best = 0;
    for (size_t k = 1; p[k] && k < 4; k++) {
        bx_buf_puts(&b, p[k]);
        if (!td_header_coverable(b.data))
            break;
        int whole_pair = k == 1 && td_is_header_word(p[0]) && td_is_header_word(p[1]);
        if (td_is_header_word(b.data) && (!whole_pair || td_is_code_group(b.data)))
            best = k + 1;
    }
    bx_buf_free(&b);
    return best;
}

/* The header with the words found late among the body lines; a word that
 * is already a column, or came before, repeats the header (printed again
 * on a later page) and adds no column. */
static char *full_header(const char *head, const char *noise, const td_columns *cols)
{
    bx_buf all;
    bx_buf_init(&all);
    bx_buf_puts(&all, head);
    bx_buf_append(&all, (char[]){TD_LATE}, 1);
    gchar **pieces = g_strsplit(noise, "\n", -1);
    int second_side = 0;
    for (gchar **p = pieces; *p; p++) {
        /* a side-by-side table's second side is named like its first */
        int again = strstr(head, *p) != NULL;
        for (gchar **q = pieces; q < p && !again; q++)
            again = strcmp(*q, *p) == 0;
        second_side |= !cols->n_code && td_is_label_word(*p) && again;
        int seen = has_column(cols, *p) && !second_side;
        for (gchar **q = pieces; q < p && !seen && !second_side; q++)
            seen = strcmp(*q, *p) == 0;
        if (!**p || seen)
            continue;
        size_t wrapped = wrapped_word(p);
        if (td_is_header_word(*p) || wrapped)
            bx_buf_puts(&all, "|"); /* a whole word: none runs across it */
        bx_buf_puts(&all, *p);
        for (size_t k = 1; k < wrapped; k++)
            bx_buf_puts(&all, *++p);
    }
    g_strfreev(pieces);
    return bx_buf_take(&all);
}

/* The header grid: each column's words from top to bottom, a column with
 * fewer words spanning down (FORMAT.md's merged cells). */
/* Whether the noise holds this word on a line of its own. */
static int has_piece(const bx_buf *noise, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = noise->data; p && (p = strstr(p, word)); p += n)
        if ((p == noise->data || p[-1] == '\n') && (p[n] == '\n' || !p[n]))
            return 1;
    return 0;
}

/* The columns with the header words found among the body's rows. */
static void widen_columns(td_columns *cols, const region *g, const bx_buf *noise, size_t noise_levels)
{
    if (!g->n_levels && !has_piece(noise, td_level_words[0]))
        noise_levels = 0; /* 款 or 项 with no 类: pieces of wrapped labels */
    char *full = full_header(g->head, noise->data ? noise->data : "", cols);
    size_t levels = g->n_levels + noise_levels > 3 ? 3 : g->n_levels + noise_levels;
    td_columns_free(cols);
    td_columns_from_header(cols, full, levels);
    free(full);
}

static void add_column_names(bx_table *t, const td_columns *cols)
{
    if (!cols->n)
        return;
    char ***grid = NULL;
    size_t depth = td_header_grid(cols, &grid);
    for (size_t r = 0; r < depth; r++) {
        bx_table_add_header_row(t, (const char *const *)grid[r]);
        for (size_t j = 0; j < cols->n; j++)
            free(grid[r][j]);
        free(grid[r]);
    }
    free(grid);
}

/* Fills t from the rows (none when the body has no digit: an empty
 * table) and frees them. */
static void add_rows(bx_table *t, const td_columns *cols, td_row *rows, size_t n_rows,
                     td_evidence *ev)
{
    int any_digit = 0;
    for (size_t r = 0; r < n_rows; r++)
        any_digit |= rows[r].n_nums > 0;
    size_t before = t->n_rows;
    if (any_digit && cols->n)
        td_assign(t, cols, rows, n_rows, ev);
    /* each row is printed on its own page, which the checks cite */
    for (size_t r = 0; r < n_rows && before + r < t->n_rows; r++)
        t->row_pages[before + r] = rows[r].page;
    for (size_t r = 0; r < n_rows; r++) {
        if (rows[r].note)
            bx_table_add_ambiguity(t, rows[r].note);
        if (any_digit)
            bx_table_add_page(t, rows[r].page);
        td_row_free(&rows[r]);
    }
    free(rows);
}

/* Reads the table as two coded sides (td_read_paired), its column names
 * those of the header: the code group printed over the codes, the first
 * label and amount words among the lines. NULL when it is not one. */
static bx_table *read_paired(const td_doc *d, const region *g)
{
    char *code = bx_xstrdup(g->head ? g->head : "");
    size_t k = 0;
    for (const char *p = code; *p; p++)
        if (*p != TD_LINE_END && *p != '\n' && *p != '|')
            code[k++] = *p;
    code[k] = '\0';
    char *label = NULL, *amount = NULL;
    for (size_t j = 0; j < g->body.n && (!label || !amount); j++) {
        char *s = td_line_squeezed(d, g->body.idx[j]);
        if (!label && td_is_label_word(s))
            label = s;
        else if (!amount && td_is_header_word(s) && !td_is_code_group(s) && !td_is_label_word(s) &&
                 !bx_econ_begins_name(s))
            amount = s;
        else
            free(s);
    }
    bx_table *t = NULL;
    const char *within = td_is_code_group(code) ? NULL : td_code_group_within(code);
    if (within) {
        free(code);
        code = bx_xstrdup(within);
    }
    if (td_is_code_group(code) && label && amount) {
        const char *names[3] = {code, label, amount};
        t = td_read_paired(d, g->body.idx, g->body.n, names, g->n_levels >= 2);
    }
    for (size_t j = 0; t && j < g->body.n; j++)
        bx_table_add_page(t, d->lines[g->body.idx[j]].page);
    for (size_t r = 0; t && t->n_pages && r < t->n_rows; r++)
        t->row_pages[r] = t->pages[0]; /* pdftotext keeps no row's place */
    free(code);
    free(label);
    free(amount);
    return t;
}

/* The columns of region g's header and its rows read under them (owned
 * by the caller); returns the number of rows. Header words found among
 * the rows widen the columns; where they make the table side by side,
 * the rows are read again as the two sides they are. */
static size_t read_grid(const td_doc *d, region *g, td_columns *cols, td_row **rows)
{
    td_columns_from_header(cols, g->head, g->n_levels);
    *rows = NULL;
    bx_buf noise;
    bx_buf_init(&noise);
    size_t noise_levels = 0;
    size_t n_rows = td_read_rows(d, g->body.idx, g->body.n, cols->side_by_side, rows, &noise, &noise_levels);
    if (noise.len || noise_levels) {
        int was_side = cols->side_by_side;
        widen_columns(cols, g, &noise, noise_levels);
        if (cols->side_by_side && !was_side) {
            /* read again, as the two sides they are: header words among
             * the rows are told apart differently, so the columns too */
            td_rows_free(*rows, n_rows);
            bx_buf_free(&noise);
            bx_buf_init(&noise);
            n_rows = td_read_rows(d, g->body.idx, g->body.n, 1, rows, &noise, &noise_levels);
            td_columns again;
            td_columns_from_header(&again, g->head, g->n_levels);
            widen_columns(&again, g, &noise, noise_levels);
            if (again.side_by_side) {
                td_columns_free(cols);
                *cols = again;
            } else {
                td_columns_free(&again);
            }
        }
    }
    bx_buf_free(&noise);
    return n_rows;
}

/* Reads the table whose label or title is line `from`, up to `to`. */
static bx_table *read_table(const td_doc *d, size_t from, size_t to, td_evidence *ev)
{
    region g = {.title = td_line_is(d, from, bx_is_table_label) ? find_title(d, from, to) : from};
    if (g.title == (size_t)-1)
        return NULL;
    size_t i = from + 1;
    while (i < to && (i == g.title || is_meta_line(d, i) || td_line_is(d, i, bx_is_note)))
        i++;
    read_header(d, &g, &i, to);
    read_body(d, &g, i, to);
    bx_table *paired = read_paired(d, &g);
    if (paired) {
        paired->title = td_line_squeezed(d, g.title);
        read_meta(d, from, to, paired);
        free(g.head);
        free(g.body.idx);
        return paired;
    }
    td_columns cols;
    td_row *rows = NULL;
    size_t n_rows = read_grid(d, &g, &cols, &rows);
    if (!cols.side_by_side)
        td_order_by_items(&cols, ev);
    bx_table *t = bx_table_new(cols.n ? cols.n : 1);
    t->title = td_line_squeezed(d, g.title);
    read_meta(d, from, to, t); /* some print them after the first page's body */
    add_rows(t, &cols, rows, n_rows, ev);
    if (!t->n_pages) /* an empty table: the page its header is on */
        bx_table_add_page(t, d->lines[g.title].page);
    add_column_names(t, &cols);
    td_columns_free(&cols);
    free(g.head);
    free(g.body.idx);
    return t;
}

/* --- Report --------------------------------------------------------------- */

/* Where a region opened at `from` ends: where the next one opens. A
 * labelled table's own title may stand after its first page's body; it
 * does not open a region. */
static size_t region_end(const td_doc *d, size_t from)
{
    size_t own = (size_t)-1;
    if (td_line_is(d, from, bx_is_table_label)) {
        size_t next = from + 1;
        while (next < d->n && !td_line_is(d, next, bx_is_table_label) && !td_is_form_title(d, next))
            next++;
        own = find_title(d, from, next);
    }
    for (size_t i = from + 1; i < d->n; i++)
        if (i != own && i != from + 1 && opens_region(d, i))
            return i;
    return d->n;
}

/* The dump's lines, for the narrative's figures and the report-level
 * checks, as the PDF reader keeps the lines outside its grids. Table lines
 * are kept too: a dump cannot tell them apart reliably, and the checks look
 * for sentences, which table fragments are not. */
static void keep_prose(bx_report *r, const td_doc *d)
{
    size_t cap = 0;
    for (size_t i = 0; i < d->n; i++) {
        char *text = bx_text_squeeze(d->lines[i].text);
        if (!*text) {
            free(text);
            continue;
        }
        r->text = bx_grow(r->text, &cap, r->n_text + 1, sizeof *r->text);
        r->text[r->n_text].page = d->lines[i].page;
        r->text[r->n_text++].text = text;
    }
}

bx_status bx_report_from_text(const char *text, const char *source, bx_report **out,
                              bx_error *err)
{
    *out = NULL;
    td_doc d = {0};
    bx_status s = bx_patterns_new(&d.pat, err);
    if (s != BX_OK)
        return s;
    td_split_lines(&d, text);
    bx_report *r = bx_report_new(source);
    r->n_pages = d.n_pages;
    td_evidence ev = {0};
    for (size_t i = 0; i < d.n;) {
        if (!opens_region(&d, i)) {
            i++;
            continue;
        }
        size_t end = region_end(&d, i);
        bx_table *t = td_is_form_title(&d, i) ? td_read_form(&d, i, end) : read_table(&d, i, end, &ev);
        if (t)
            bx_report_add_table(r, t);
        i = end;
    }
    keep_prose(r, &d);
    td_evidence_free(&ev);
    for (size_t i = 0; i < d.n; i++)
        free(d.lines[i].text);
    free(d.lines);
    bx_patterns_free(d.pat);
    *out = r;
    return BX_OK;
}
