/* Text dumps: the rows of a body rebuilt from its fragments (codes, wrapped
 * text, wrapped numbers), read row by row or side by side; the other
 * readings (columnar, streams, tail) are called from here. */
#include "textdump.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* --- Tokens --------------------------------------------------------------- */

typedef td_token token;

static size_t tokenize(const td_doc *d, const size_t *lines, size_t n_lines, token **out)
{
    token *t = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < n_lines; i++) {
        const td_line *l = &d->lines[lines[i]];
        gchar **parts = g_strsplit_set(l->text, " \t", -1);
        int first = 1;
        for (gchar **p = parts; *p; p++) {
            char *s = bx_text_squeeze(*p);
            if (!*s) {
                free(s);
                continue;
            }
            /* "1. 一般公共预算资金": an item number is part of its label */
            if (p[1] && bx_is_ordinal_label(d->pat, s) && strlen(s) <= 4 &&
                strspn(s, "0123456789") + 1 == strlen(s)) {
                char *rest = bx_text_squeeze(p[1]);
                char *joined = g_strconcat(s, rest, NULL);
                free(s);
                free(rest);
                s = bx_xstrdup(joined);
                g_free(joined);
                p++;
            }
            t = bx_grow(t, &cap, n + 1, sizeof *t);
            t[n++] = (token){s, first, first && l->block_start, l->page};
            first = 0;
        }
        g_strfreev(parts);
    }
    *out = t;
    return n;
}

/* A code (3 digits) opens a row unless the next piece continues it as a
 * number ("509" then ".51"). */
static int is_code(const token *t, size_t n, size_t i)
{
    size_t len = strlen(t[i].text);
    if (bx_text_is_digits(t[i].text, 5, 7) && len % 2 == 1)
        /* a whole 款 or 项 code (20139, 2013901) names its row next; an
         * integer amount is followed by another amount or a label's row */
        return i + 1 < n && !td_is_num_piece(t[i + 1].text) && !bx_text_has_digit(t[i + 1].text) &&
               !td_is_header_word(t[i + 1].text);
    if (!bx_text_is_digits(t[i].text, 3, 3))
        return 0;
    return i + 1 >= n || !t[i + 1].line_start || !td_num_continues(t[i].text, t[i + 1].text);
}

/* --- Rows ----------------------------------------------------------------- */

#define TD_OPEN_MAX 12 /* amounts open at once: the cells of a row side by side */

typedef struct {
    td_row *rows;
    size_t n, cap;
    td_row *cur;
    bx_buf pending; /* an amount still open */
    /* Amounts opened after it on its line while it was still open: cells
     * side by side wrap at once, so pdftotext prints the first pieces of
     * each ("143389412. 143389412"), then their rests, one a line, in the
     * same order ("75", ".75"). */
    bx_buf later[TD_OPEN_MAX];
    size_t n_later;
    size_t cursor; /* the open amount the next piece is tried on first */
    size_t last;   /* the open amount that took the last piece */
    bx_buf text, right;
    int state; /* side by side: 0 left text, 1 left amounts, 2 right text, 3 right amounts */
    char *last_left, *last_right; /* side by side: the last numbered labels (keys) */
    bx_buf *noise;      /* header words found among the body's lines */
    size_t noise_levels; /* code levels among them */
} reader;

/* Gives the row the first open amount; the next one opened, if any,
 * becomes the first. */
static void flush_first(reader *rd)
{
    if (rd->pending.len && rd->cur) {
        td_row_add_num(rd->cur, rd->pending.data);
        if (rd->state <= 1)
            rd->cur->n_left = rd->cur->n_nums;
    }
    bx_buf_free(&rd->pending);
    bx_buf_init(&rd->pending);
    if (rd->n_later) {
        rd->pending = rd->later[0];
        memmove(&rd->later[0], &rd->later[1], (rd->n_later - 1) * sizeof *rd->later);
        rd->n_later--;
    }
    if (rd->last)
        rd->last--;
    if (rd->cursor)
        rd->cursor--;
}

/* Gives the row every open amount, in the order they opened. */
static void flush_num(reader *rd)
{
    do
        flush_first(rd);
    while (rd->pending.len);
}


static void finish_row(reader *rd)
{
    if (!rd->cur)
        return;
    flush_num(rd);
    rd->cur->text = bx_buf_take(&rd->text);
    rd->cur->right_text = bx_buf_take(&rd->right);
    rd->cur = NULL;
}

static void new_row(reader *rd, int page)
{
    finish_row(rd);
    rd->rows = bx_grow(rd->rows, &rd->cap, rd->n + 1, sizeof *rd->rows);
    rd->cur = &rd->rows[rd->n++];
    memset(rd->cur, 0, sizeof *rd->cur);
    rd->cur->page = page;
    rd->state = 0;
}

/* Open amount k: 0 the first (pending), then the later ones. */
static bx_buf *open_cell(reader *rd, size_t k) { return k ? &rd->later[k - 1] : &rd->pending; }

static size_t n_open(const reader *rd) { return rd->pending.len ? 1 + rd->n_later : 0; }

/* Whether an open amount lacks its decimals: a new piece then is a cell
 * beside it, not the next row's. */
static int any_open_needs_more(reader *rd)
{
    for (size_t k = 0; k < n_open(rd); k++)
        if (td_decimals(open_cell(rd, k)->data) < 2)
            return 1;
    return 0;
}

/* Opens an amount at position pos among the open ones. */
static void open_at(reader *rd, size_t pos, const char *s)
{
    size_t at = pos - 1; /* pos >= 1: the first is open already */
    memmove(&rd->later[at + 1], &rd->later[at], (rd->n_later - at) * sizeof *rd->later);
    rd->n_later++;
    bx_buf_init(&rd->later[at]);
    bx_buf_puts(&rd->later[at], s);
}

/* A number piece: joins an open amount or opens one. Returns 1 when taken.
 * Cells side by side that wrap print their pieces line by line across
 * the row (a taller cell starting a line above), so the rests of the
 * open amounts come round in turn: the next piece goes to the first open
 * amount after the one that took the last piece that it continues. A
 * piece on the same printed line as the last is another cell (a number
 * never holds a space). */
static int take_number(reader *rd, const char *s, int line_start)
{
    if (!td_is_num_piece(s))
        return 0;
    size_t n = n_open(rd);
    for (size_t step = 0; step < n; step++) {
        size_t k = (rd->cursor + step) % n;
        if ((!line_start && k == rd->last) || !td_num_continues(open_cell(rd, k)->data, s))
            continue;
        bx_buf_puts(open_cell(rd, k), s);
        rd->last = k;
        rd->cursor = k + 1;
        goto done;
    }
    if (n && n < TD_OPEN_MAX && any_open_needs_more(rd)) {
        size_t pos = line_start || rd->last >= n ? n : rd->last + 1;
        open_at(rd, pos, s);
        rd->last = pos;
        rd->cursor = pos + 1;
    } else {
        flush_num(rd);
        bx_buf_puts(&rd->pending, s);
        rd->last = 0;
        rd->cursor = 1;
    }
done:
    while (rd->pending.len && td_decimals(rd->pending.data) == 2)
        flush_first(rd); /* done: the row has it, the next open one comes first */
    return 1;
}

/* Text after an open digit string: the digits were text ("2023" + "年"). */
static void take_text(reader *rd, bx_buf *into, const char *s)
{
    if (rd->pending.len && td_decimals(rd->pending.data) < 0) {
        bx_buf_puts(into, rd->pending.data);
        bx_buf_free(&rd->pending);
        bx_buf_init(&rd->pending);
    }
    flush_num(rd);
    bx_buf_puts(into, s);
}

static int is_level_word(const char *s)
{
    for (size_t k = 0; k < td_n_level_words; k++)
        if (strcmp(s, td_level_words[k]) == 0)
            return 1;
    return 0;
}

/* Whether an amount (not a code) comes next: a row's label is followed by
 * its amounts, a stray header word is not. */
static int amount_next(const token *t, size_t n, size_t i)
{
    const char *next = i + 1 < n ? t[i + 1].text : "";
    return td_is_num_piece(next) && (strpbrk(next, ".,") != NULL || strcmp(next, "0") == 0);
}

/* The same, looking past codes printed in between (detached codes). */
static int amount_after_codes(const token *t, size_t n, size_t i)
{
    while (i + 1 < n && (bx_text_is_digits(t[i + 1].text, 2, 3) && !amount_next(t, n, i)))
        i++;
    return amount_next(t, n, i);
}

/* A row label read, its amounts not yet: a header word met now is a stray
 * piece of the header, not the next row. */
static int waiting_for_amounts(const reader *rd)
{
    return rd->cur && !rd->cur->is_total && !rd->cur->n_nums && !rd->pending.len && rd->text.len;
}

/* A totals label printed after its amounts, at the very end: the amounts
 * went to the row above, where those larger than that row's own total
 * cannot belong. */
static void move_trailing_totals(reader *rd)
{
    td_row *prev = &rd->rows[rd->n - 2], *tot = &rd->rows[rd->n - 1];
    int64_t first, v;
    if (!prev->n_nums || !bx_amount_parse(prev->nums[0], 100, &first))
        return;
    size_t keep = prev->n_nums;
    while (keep > 1 && bx_amount_parse(prev->nums[keep - 1], 100, &v) && v > first)
        keep--;
    for (size_t k = keep; k < prev->n_nums; k++)
        td_row_add_num(tot, prev->nums[k]);
    for (size_t k = keep; k < prev->n_nums; k++)
        free(prev->nums[k]);
    prev->n_nums = keep;
}

/* Codes detached from their rows: some reports' dumps print a run of
 * names with their amounts, and the codes elsewhere. */
typedef struct {
    const char *text;
    int page;
    int is_class; /* 3 digits (类), else 2 (款 or 项) */
} code_tok;

static void give_code(td_row *r, const char *code)
{
    if (r->n_codes < 3)
        r->codes[r->n_codes++] = bx_xstrdup(code);
}

/* Row by row: each class code opens a row's group, the 款 and 项 after it
 * complete it. True when the groups match the rows' levels. */
static int codes_by_row(td_row *rows, size_t n, const int *level, const code_tok *ct, size_t n_ct,
                        int commit)
{
    size_t r = 0;
    int fits = n_ct > 0 && ct[0].is_class; /* a group opens with its class */
    for (size_t i = 0; i < n_ct; i++) {
        if (ct[i].is_class) {
            while (r < n && rows[r].is_total)
                r++;
            if (r >= n)
                return 0;
            if (commit)
                give_code(&rows[r], ct[i].text);
            r++;
        } else if (r > 0 && commit) {
            give_code(&rows[r - 1], ct[i].text);
        }
    }
    if (commit)
        return 1;
    /* check: group sizes equal the levels */
    r = 0;
    size_t size = 0;
    for (size_t i = 0; i <= n_ct && fits; i++) {
        if (i == n_ct || ct[i].is_class) {
            if (i > 0) {
                while (r < n && rows[r].is_total)
                    r++;
                if (r >= n || (level[r] && (int)size != level[r]))
                    fits = 0;
                r++;
            }
            size = 1;
        } else {
            size++;
        }
    }
    return fits;
}

/* Column by column, a page at a time: the class codes in row order, then
 * on each page the 款 codes of its rows, then their 项 codes. True when the
 * counts agree (and the codes are given). */
static int codes_by_column(td_row *rows, size_t n, const int *level, const code_tok *ct, size_t n_ct)
{
    size_t n_class = 0, n_rows = 0;
    for (size_t i = 0; i < n_ct; i++)
        n_class += ct[i].is_class;
    for (size_t r = 0; r < n; r++)
        n_rows += !rows[r].is_total;
    if (n_class != n_rows)
        return 0;
    for (size_t pass = 0; pass < 2; pass++) { /* check, then give */
        size_t ci = 0;
        for (size_t r = 0; r < n; r++) {
            if (rows[r].is_total)
                continue;
            while (!ct[ci].is_class)
                ci++;
            if (pass)
                give_code(&rows[r], ct[ci].text);
            ci++;
        }
        size_t i = 0;
        for (size_t r0 = 0; r0 < n;) {
            size_t r1 = r0;
            while (r1 < n && rows[r1].page == rows[r0].page)
                r1++;
            for (int lv = 2; lv <= 3; lv++)
                for (size_t r = r0; r < r1; r++) {
                    if (rows[r].is_total || level[r] < lv)
                        continue;
                    while (i < n_ct && (ct[i].is_class || ct[i].page < rows[r].page))
                        i++;
                    if (i >= n_ct || ct[i].page != rows[r].page)
                        return 0;
                    if (pass)
                        give_code(&rows[r], ct[i].text);
                    i++;
                }
            r0 = r1;
        }
    }
    return 1;
}

static void assign_codes(td_row *rows, size_t n, const code_tok *ct, size_t n_ct)
{
    int *level = td_infer_levels(rows, n);
    if (!codes_by_row(rows, n, level, ct, n_ct, 0) && codes_by_column(rows, n, level, ct, n_ct)) {
        free(level);
        return;
    }
    for (size_t r = 0; r < n; r++) /* clear a failed column reading */
        for (; rows[r].n_codes; rows[r].n_codes--)
            free(rows[r].codes[rows[r].n_codes - 1]);
    codes_by_row(rows, n, level, ct, n_ct, 1);
    free(level);
}

/* Whether token i is a piece of a header word wrapped over two to four
 * lone lines; with a_piece, one of those lines must read as a piece of
 * a header word by itself (项目支 of 项目支/出), as a row's name wrapped
 * in two may join into a header word too. */
static int in_wrapped_word(const token *t, size_t n, size_t i, int a_piece)
{
    for (size_t from = i >= 3 ? i - 3 : 0; from <= i; from++) {
        bx_buf b;
        bx_buf_init(&b);
        int word = 0, piece = !a_piece;
        for (size_t k = from; k < n && k < from + 4 && !word; k++) {
            if (!t[k].line_start || (k + 1 < n && !t[k + 1].line_start))
                break; /* lone lines only */
            bx_buf_puts(&b, t[k].text);
            piece |= td_header_piece(t[k].text, 0);
            word = k > from && k >= i && piece && td_header_piece(b.data, 1);
        }
        bx_buf_free(&b);
        if (word)
            return 1;
    }
    return 0;
}

static void read_detached(reader *rd, const td_doc *d, token *t, size_t n)
{
    code_tok *ct = NULL;
    size_t n_ct = 0, cap = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = t[i].text;
        int lone = t[i].line_start && (i + 1 >= n || t[i + 1].line_start);
        if (lone && (bx_text_is_digits(s, 3, 3) || bx_text_is_digits(s, 2, 2))) {
            ct = bx_grow(ct, &cap, n_ct + 1, sizeof *ct);
            ct[n_ct++] = (code_tok){s, t[i].page, strlen(s) == 3};
        } else if (t[i].line_start && bx_is_total_label(d->pat, s) && (i + 1 >= n || amount_next(t, n, i)) &&
                   !waiting_for_amounts(rd)) {
            new_row(rd, t[i].page);
            rd->cur->is_total = 1;
            bx_buf_puts(&rd->text, s);
            if (i + 1 >= n && rd->n >= 2)
                move_trailing_totals(rd);
        } else if (td_is_num_piece(s)) {
            if (rd->cur)
                take_number(rd, s, t[i].line_start);
        } else if (lone && (is_level_word(s) || (td_header_piece(s, 1) && waiting_for_amounts(rd)) ||
                            (!amount_after_codes(t, n, i) && (td_header_piece(s, 1) || td_header_piece(s, 0))) ||
                            in_wrapped_word(t, n, i, 1))) {
            if (is_level_word(s))
                rd->noise_levels++;
            bx_buf_puts(rd->noise, s);
            bx_buf_puts(rd->noise, "\n");
        } else {
            if (!rd->cur || rd->cur->n_nums || rd->pending.len || rd->cur->is_total)
                new_row(rd, t[i].page);
            take_text(rd, &rd->text, s);
        }
    }
    finish_row(rd);
    assign_codes(rd->rows, rd->n, ct, n_ct);
    free(ct);
}

/* Detached codes show as a code alone on its line with its 款 alone on the
 * next; attached ones share a line with their levels or their name. */
static int codes_detached(const token *t, size_t n)
{
    for (size_t i = 0; i + 2 < n; i++)
        if (t[i].line_start && t[i + 1].line_start && t[i + 2].line_start && bx_text_is_digits(t[i].text, 3, 3) &&
            bx_text_is_digits(t[i + 1].text, 2, 2))
            return 1;
    return 0;
}

static int joins_to_word(const char *a, const char *b)
{
    char *both = g_strconcat(a, b, NULL);
    int yes = td_header_piece(both, 1);
    g_free(both);
    return yes;
}

/* A header word (or a piece of one) alone on its line after a row's
 * amounts: the header's right part, read late; a row's name comes before
 * its amounts. */
static int late_header(const reader *rd, const token *t, size_t n, size_t i)
{
    const char *s = t[i].text;
    int lone = t[i].line_start && (i + 1 >= n || t[i + 1].line_start);
    int after_amounts = rd->cur->n_nums || rd->pending.len;
    if (!lone || !after_amounts)
        return 0;
    if (is_level_word(s) || td_header_piece(s, 1))
        return 1;
    /* a piece of a wrapped header word: only with its other piece, as a
     * wrapped row name's pieces may look like header pieces too (补助) */
    int with_next = i + 1 < n && joins_to_word(s, t[i + 1].text);
    int with_prev = i > 0 && t[i - 1].line_start && joins_to_word(t[i - 1].text, s);
    return (with_next || with_prev) && !amount_after_codes(t, n, i);
}

/* The first row read so far is amounts only: the label that comes now is
 * theirs (a totals row whose label was read after its amounts). */
static int label_after_amounts(reader *rd)
{
    if (rd->n != 1 || !rd->cur || rd->cur->n_codes || rd->text.len)
        return 0;
    flush_num(rd);
    return rd->cur->n_nums > 0;
}

/* A header word or a piece of one alone on its line in a column-by-column
 * body (no row to go by there). */
static int columnar_noise(const token *t, size_t n, size_t i)
{
    if (in_wrapped_word(t, n, i, 0))
        return 2;
    return is_level_word(t[i].text) || td_header_piece(t[i].text, 1);
}

/* Class codes printed as a block: three or more, each alone on its line. */
static int class_code_block(const token *t, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n && run < 3; i++) {
        int lone = t[i].line_start && (i + 1 >= n || t[i + 1].line_start);
        run = lone && bx_text_is_digits(t[i].text, 3, 3) ? run + 1 : 0;
    }
    return run >= 3;
}

static void read_row_by_row(reader *rd, const td_doc *d, token *t, size_t n);

/* A table whose pages pdftotext wrote differently: some column by column,
 * others row by row (or mixed). Each page is read its own way; false
 * (nothing read) when the table is on one page or no page reads column
 * by column. */
static int read_by_page(reader *rd, const td_doc *d, token *t, size_t n, int detached)
{
    size_t n_pages = 1;
    for (size_t i = 1; i < n; i++)
        n_pages += t[i].page != t[i - 1].page;
    if (n_pages < 2)
        return 0;
    td_row **rows = bx_xcalloc(n_pages, sizeof *rows);
    size_t *n_rows = bx_xcalloc(n_pages, sizeof *n_rows), *start = bx_xcalloc(n_pages + 1, sizeof *start);
    int any = 0;
    for (size_t p = 0, from = 0; p < n_pages; p++) {
        size_t to = from + 1;
        while (to < n && t[to].page == t[from].page)
            to++;
        start[p] = from;
        start[p + 1] = to;
        if (class_code_block(t + from, to - from))
            n_rows[p] = td_read_columnar(d, t + from, to - from, &rows[p], columnar_noise, rd->noise, p > 0);
        any |= n_rows[p] > 0;
        from = to;
    }
    for (size_t p = 0; any && p < n_pages; p++) {
        token *pt = t + start[p];
        size_t pn = start[p + 1] - start[p];
        if (!n_rows[p]) {
            if (detached && codes_detached(pt, pn))
                read_detached(rd, d, pt, pn);
            else
                read_row_by_row(rd, d, pt, pn);
            continue;
        }
        finish_row(rd);
        rd->rows = bx_grow(rd->rows, &rd->cap, rd->n + n_rows[p], sizeof *rd->rows);
        memcpy(rd->rows + rd->n, rows[p], n_rows[p] * sizeof *rows[p]);
        rd->n += n_rows[p];
        free(rows[p]);
    }
    free(rows);
    free(n_rows);
    free(start);
    return any;
}

static void read_coded(reader *rd, const td_doc *d, token *t, size_t n)
{
    int detached = codes_detached(t, n);
    if (detached || class_code_block(t, n)) {
        td_row *rows = NULL;
        size_t n_rows = td_read_columnar(d, t, n, &rows, columnar_noise, rd->noise, 0);
        if (n_rows) {
            rd->rows = rows;
            rd->n = rd->cap = n_rows;
            return;
        }
    }
    if ((detached || class_code_block(t, n)) && read_by_page(rd, d, t, n, detached))
        return;
    if (detached) {
        read_detached(rd, d, t, n);
        return;
    }
    read_row_by_row(rd, d, t, n);
}

static void read_row_by_row(reader *rd, const td_doc *d, token *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *s = t[i].text;
        if (t[i].line_start && is_code(t, n, i)) {
            new_row(rd, t[i].page);
            rd->cur->codes[rd->cur->n_codes++] = bx_xstrdup(s);
            while (i + 1 < n && !t[i + 1].line_start && rd->cur->n_codes < 3 &&
                   bx_text_is_digits(t[i + 1].text, 2, 2))
                rd->cur->codes[rd->cur->n_codes++] = bx_xstrdup(t[++i].text);
        } else if (t[i].line_start && bx_is_total_label(d->pat, s)) {
            if (!label_after_amounts(rd))
                new_row(rd, t[i].page);
            rd->cur->is_total = 1;
            bx_buf_puts(&rd->text, s);
        } else if (!rd->cur && td_is_amount(s)) {
            new_row(rd, t[i].page); /* amounts before the first label: its own, printed late */
            take_number(rd, s, t[i].line_start);
        } else if (!rd->cur) {
            continue; /* nothing else before the first row belongs to the body */
        } else if (late_header(rd, t, n, i)) {
            if (is_level_word(s))
                rd->noise_levels++;
            bx_buf_puts(rd->noise, s);
            bx_buf_puts(rd->noise, "\n");
        } else if (!take_number(rd, s, t[i].line_start)) {
            take_text(rd, &rd->text, s);
        }
    }
}

static void set_last(char **last, const char *s)
{
    free(*last);
    *last = bx_text_key(s);
}

static size_t common_suffix(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), k = 0;
    while (k < na && k < nb && a[na - 1 - k] == b[nb - 1 - k])
        k++;
    return k;
}

/* The side of a numbered label once both sides have had one: the side
 * whose last label it ends like (a column's labels are alike: …收入 on
 * one side, …支出 on the other). Dumps that print the left labels
 * alternating with the right ones, and the right running on alone, are
 * read this way; -1 when the endings do not tell. */
static int label_side(const reader *rd, const char *s)
{
    if (rd->last_left && !rd->last_right) /* the left's next number, not the right's first */
        return td_label_number(s) > 1 && td_label_number(s) == td_label_number(rd->last_left) + 1 ? 0 : -1;
    if (!rd->last_left || !rd->last_right)
        return -1;
    char *key = bx_text_key(s);
    size_t l = common_suffix(key, rd->last_left), r = common_suffix(key, rd->last_right);
    free(key);
    return l == r ? -1 : r > l;
}

/* A totals label (本年收入合计, 总计) alone among rows, not in a run of
 * header words: a row's label, though a header may print the same word. */
static int lone_total_label(const td_doc *d, const token *t, size_t n, size_t i)
{
    if (!bx_is_total_label(d->pat, t[i].text))
        return 0;
    int before = i > 0 && (td_header_piece(t[i - 1].text, 1) || td_header_piece(t[i - 1].text, 0));
    int after = i + 1 < n && (td_header_piece(t[i + 1].text, 1) || td_header_piece(t[i + 1].text, 0));
    return !before && !after;
}

/* A label of its own, not the wrapped end of the one before: once the
 * numbered rows are over (totals and balances rows), a line that starts a
 * pdftotext block after a whole label. */
static int new_label(const reader *rd, const token *t, size_t i)
{
    return rd->last_right && i > 0 && t[i].block_start && g_utf8_strlen(t[i].text, -1) >= 3 &&
           g_utf8_strlen(t[i - 1].text, -1) >= 3;
}

/* The side of the numbered label at i, read whole where it wraps onto a
 * short piece in the same block (七、…传媒支 / 出). */
static int label_side_wrapped(const reader *rd, const token *t, size_t n, size_t i)
{
    int wraps = i + 1 < n && t[i + 1].line_start && !t[i + 1].block_start &&
                !td_is_num_piece(t[i + 1].text) && g_utf8_strlen(t[i + 1].text, -1) <= 2;
    char *whole = g_strconcat(t[i].text, wraps ? t[i + 1].text : "", NULL);
    int side = label_side(rd, whole);
    g_free(whole);
    return side;
}

/* A short piece in the same pdftotext block as the label just read (no
 * amount since): the label's wrapped end. */
static int wrapped_end(const reader *rd, const token *t, size_t i)
{
    if (!t[i].line_start || t[i].block_start || i == 0 || td_is_num_piece(t[i].text) ||
        g_utf8_strlen(t[i].text, -1) > 2 || rd->pending.len || !rd->cur)
        return 0;
    const bx_buf *label = rd->state >= 2 ? &rd->right : &rd->text;
    size_t amounts = rd->state >= 2 ? rd->cur->n_nums - rd->cur->n_left : rd->cur->n_nums;
    return label->len && !amounts && strcmp(t[i - 1].text, "") != 0 && !td_is_num_piece(t[i - 1].text);
}

/* The right-hand label begins with s. */
static void start_right(reader *rd, const char *s)
{
    flush_num(rd);
    rd->state = 2;
    take_text(rd, &rd->right, s);
}

/* 收支总表: label, amounts, label (perhaps after a code), amounts. */
static void read_side_by_side(reader *rd, const td_doc *d, token *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *s = t[i].text;
        int code = bx_text_is_digits(s, 3, 3) && i + 1 < n && !t[i + 1].line_start &&
                   !td_is_num_piece(t[i + 1].text);
        int right_started = rd->right.len > 0 || (rd->cur && rd->cur->n_nums > rd->cur->n_left);
        int lone = t[i].line_start && (i + 1 >= n || t[i + 1].line_start);
        if (lone && ((td_header_piece(s, 1) && !lone_total_label(d, t, n, i)) || columnar_noise(t, n, i) == 2)) {
            bx_buf_puts(rd->noise, s); /* a header word printed late, alone on its line */
            bx_buf_puts(rd->noise, "\n");
            continue;
        }
        if (!rd->cur)
            new_row(rd, t[i].page);
        int side = t[i].line_start && bx_is_ordinal_label(d->pat, s) ? label_side_wrapped(rd, t, n, i) : -1;
        if (wrapped_end(rd, t, i) && !bx_is_total_label(d->pat, s)) { /* …财政拨 / 款: the label goes on */
            bx_buf *label = rd->state >= 2 ? &rd->right : &rd->text;
            take_text(rd, label, s);
            if (bx_is_ordinal_label(d->pat, label->data))
                set_last(rd->state >= 2 ? &rd->last_right : &rd->last_left, label->data);
        } else if (side == 1) { /* a right-hand label: the current row's right, or a row of its own */
            if (right_started || rd->state >= 2)
                new_row(rd, t[i].page);
            start_right(rd, s);
        } else if (side == 0) {
            if (rd->text.len || rd->cur->n_nums || right_started || rd->pending.len)
                new_row(rd, t[i].page);
            take_text(rd, &rd->text, s);
        } else if (code) {
            if (rd->state >= 2 && right_started)
                new_row(rd, t[i].page);
            flush_num(rd);
            rd->state = 2;
            bx_buf_puts(&rd->right, s);
        } else if (td_is_num_piece(s)) {
            if (rd->state == 0 || rd->state == 2) {
                flush_num(rd);
                rd->state++;
            }
            take_number(rd, s, t[i].line_start);
        } else if (rd->state == 0 && !(t[i].line_start && rd->text.len &&
                                        (bx_is_ordinal_label(d->pat, s) || bx_is_total_label(d->pat, s) ||
                                         new_label(rd, t, i)))) {
            take_text(rd, &rd->text, s);
        } else if (rd->state < 2) { /* after the left amounts, or a numbered label after a left one */
            start_right(rd, s);
        } else if (rd->state == 2 && !(t[i].line_start && rd->right.len &&
                                       (!bx_is_total_label(d->pat, rd->right.data) || new_label(rd, t, i)))) {
            take_text(rd, &rd->right, s);
        } else {
            new_row(rd, t[i].page);
            take_text(rd, &rd->text, s);
        }
        if (t[i].line_start && bx_is_ordinal_label(d->pat, s))
            set_last(rd->state >= 2 ? &rd->last_right : &rd->last_left, s);
    }
    free(rd->last_left);
    free(rd->last_right);
}

/* One side of a side-by-side row: its label and amounts. */
typedef struct {
    char *label;
    char **nums;
    size_t n;
} side_cell;

static void take_side(td_row *r, int right, side_cell *out)
{
    size_t from = right ? r->n_left : 0, to = right ? r->n_nums : r->n_left;
    out->label = right ? r->right_text : r->text;
    out->n = to - from;
    out->nums = bx_xcalloc(out->n + 1, sizeof *out->nums);
    if (out->n)
        memcpy(out->nums, r->nums + from, out->n * sizeof *out->nums);
    if (right)
        r->right_text = NULL;
    else
        r->text = NULL;
}

/* Whether a side's numbered labels are 1..n, each once, and in what order
 * they were read (sorted: 1). */
static int numbered_run(const int *num, size_t n, int *sorted)
{
    char *seen = bx_xcalloc(n + 2, 1);
    int ok = 1;
    *sorted = 1;
    for (size_t i = 0; i < n && ok; i++) {
        ok = num[i] >= 1 && (size_t)num[i] <= n && !seen[num[i]];
        if (ok)
            seen[num[i]] = 1;
        if (i && num[i] < num[i - 1])
            *sorted = 0;
    }
    free(seen);
    return ok;
}

static const char *side_label(const td_row *r, int s) { return s ? r->right_text : r->text; }

/* True when the first end rows number both sides 1..n (count[s] labels
 * each) and one side is out of order or a row pairs two numbers. */
static int sides_misnumbered(const reader *rd, size_t end, size_t count[2])
{
    int sorted[2], ok = end > 1;
    for (int s = 0; s < 2; s++) {
        int *num = bx_xcalloc(end + 1, sizeof *num);
        count[s] = 0;
        for (size_t r = 0; r < end; r++)
            if (*side_label(&rd->rows[r], s))
                num[count[s]++] = td_label_number(side_label(&rd->rows[r], s));
        ok = ok && count[s] && numbered_run(num, count[s], &sorted[s]);
        free(num);
    }
    int misaligned = 0; /* a row pairing two different numbers */
    for (size_t r = 0; ok && r < end; r++)
        misaligned |= *rd->rows[r].text && *rd->rows[r].right_text &&
                      td_label_number(rd->rows[r].text) != td_label_number(rd->rows[r].right_text);
    return ok && !(sorted[0] && sorted[1] && !misaligned);
}

/* Replaces the first end rows by n_new rows, each side's label and
 * amounts placed at the row its number says. */
static void regroup_sides(reader *rd, size_t end, size_t n_new)
{
    side_cell *cells[2];
    for (int s = 0; s < 2; s++) {
        cells[s] = bx_xcalloc(n_new + 1, sizeof *cells[s]);
        for (size_t r = 0; r < end; r++) {
            const char *label = side_label(&rd->rows[r], s);
            if (*label)
                take_side(&rd->rows[r], s, &cells[s][td_label_number(label) - 1]);
        }
    }
    td_row *rows = bx_xcalloc(rd->n - end + n_new + 1, sizeof *rows);
    for (size_t k = 0; k < n_new; k++) {
        td_row *r = &rows[k];
        r->page = rd->rows[k < end ? k : end - 1].page;
        r->text = cells[0][k].label ? cells[0][k].label : bx_xstrdup("");
        r->right_text = cells[1][k].label ? cells[1][k].label : bx_xstrdup("");
        r->nums = bx_xcalloc(cells[0][k].n + cells[1][k].n + 1, sizeof *r->nums);
        for (int s = 0; s < 2; s++) {
            if (cells[s][k].n)
                memcpy(r->nums + r->n_nums, cells[s][k].nums, cells[s][k].n * sizeof *r->nums);
            r->n_nums += cells[s][k].n;
            free(cells[s][k].nums);
            if (!s)
                r->n_left = r->n_nums;
        }
    }
    for (size_t r = 0; r < end; r++) { /* their labels and amounts moved */
        free(rd->rows[r].text);
        free(rd->rows[r].right_text);
        free(rd->rows[r].nums);
    }
    if (rd->n > end)
        memcpy(rows + n_new, rd->rows + end, (rd->n - end) * sizeof *rows);
    free(rd->rows);
    rd->rows = rows;
    rd->n = rd->cap = rd->n - end + n_new;
    free(cells[0]);
    free(cells[1]);
}

/* Side-by-side rows whose numbered labels were read out of order (a dump
 * that prints some rows' amounts and labels before the rows above them):
 * the numbered rows at the top are paired again by number, 一 with 一, as
 * the printed table numbers its two sides row by row. Only where both
 * sides number their rows 1..n from the top, and one side came out of
 * order or a row pairs two different numbers. */
static void renumber_sides(reader *rd)
{
    size_t end = 0;
    while (end < rd->n && !rd->rows[end].is_total &&
           (!*rd->rows[end].text || td_label_number(rd->rows[end].text)) &&
           (!*rd->rows[end].right_text || td_label_number(rd->rows[end].right_text)))
        end++;
    size_t count[2];
    if (sides_misnumbered(rd, end, count))
        regroup_sides(rd, end, count[0] > count[1] ? count[0] : count[1]);
}

/* Rows that do not hold together (a row without its code, codes in a
 * row of their own) may be a block of names whose codes were printed
 * elsewhere: read as streams, the coherent reading wins. */
static void reread_streams(reader *rd, const td_doc *d, const token *t, size_t n)
{
    td_row *rows;
    size_t n_rows;
    if (td_rows_coherent(rd->rows, rd->n) || !(n_rows = td_read_streams(d, t, n, &rows)))
        return;
    td_rows_free(rd->rows, rd->n);
    rd->rows = rows;
    rd->n = rd->cap = n_rows;
}

/* Codes wrapped in a narrow column: a 款 or 项 code has 5 or 7 digits, so
 * a line opening with 4 or 6 ("213040") holds a code cut short, and the
 * digit that ends it opens one of the next lines ("2", after the first
 * line of the name beside it). Joined only where the whole code goes on
 * with the class code read last, as the classification nests. */
static size_t join_wrapped_codes(token *t, size_t n)
{
    char class_code[4] = "";
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        t[k++] = t[i];
        const char *s = t[i].text;
        size_t len = strlen(s);
        if (!t[i].line_start || !bx_text_is_digits(s, 3, 7))
            continue;
        if (len % 2 == 1) { /* a whole code (or an integer): note its class */
            if (len == 3)
                memcpy(class_code, s, 4);
            continue;
        }
        if (len < 4 || !*class_code || strncmp(s, class_code, 3) != 0)
            continue;
        for (size_t j = i + 1; j < n && j <= i + 3; j++) {
            if (!t[j].line_start || !bx_text_is_digits(t[j].text, 1, 1))
                continue;
            char *whole = g_strconcat(s, t[j].text, NULL);
            free(t[k - 1].text);
            t[k - 1].text = bx_xstrdup(whole);
            g_free(whole);
            for (size_t m = i + 1; m < j; m++) /* the name's pieces between */
                t[k++] = t[m];
            free(t[j].text);
            i = j;
            break;
        }
    }
    return k;
}

/* A token alone on its printed line. */
static int alone_on_line(const token *t, size_t n, size_t i)
{
    return t[i].line_start && (i + 1 >= n || t[i + 1].line_start);
}

/* Where the class code that a narrow 类 column wrapped ("23" above "0")
 * ends: the index of its last digit's token, the 款 and 项 codes of the
 * columns beside it possibly printed between ("21", "03", "6"); 0 when
 * token i opens no such code. A class code has three digits and the
 * classifications' first digit is 1 to 3; the piece of an amount that
 * wraps after two digits is never alone before one digit alone (it holds
 * the decimals), and a number still open takes the piece instead. */
static size_t wrapped_class_end(const token *t, size_t n, size_t i, const char *prev)
{
    const char *s = t[i].text;
    if (!alone_on_line(t, n, i) || !bx_text_is_digits(s, 2, 2) || s[0] < '1' || s[0] > '3')
        return 0;
    if (prev && td_decimals(prev) >= 0 && td_decimals(prev) < 2)
        return 0;
    for (size_t j = i + 1; j < n && j <= i + 3; j++) {
        if (!alone_on_line(t, n, j))
            return 0;
        if (bx_text_is_digits(t[j].text, 1, 1))
            return j;
        if (!bx_text_is_digits(t[j].text, 2, 2))
            return 0;
    }
    return 0;
}

/* Joins the class codes a narrow 类 column wrapped; the 款 and 项 codes
 * printed between its pieces, and those on the lines right after it,
 * follow it on its line, as a row's codes are read. */
static size_t join_wrapped_classes(token *t, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        /* the token before, as kept: the tokens are joined in place */
        size_t end = wrapped_class_end(t, n, i, k ? t[k - 1].text : NULL);
        if (!end) {
            t[k++] = t[i];
            continue;
        }
        char *whole = g_strconcat(t[i].text, t[end].text, NULL);
        free(t[i].text);
        t[i].text = bx_xstrdup(whole);
        g_free(whole);
        free(t[end].text);
        t[k++] = t[i];
        size_t codes = 1;
        for (size_t m = i + 1; m < end; m++, codes++) {
            t[m].line_start = 0;
            t[k++] = t[m];
        }
        i = end;
        while (codes < 3 && i + 1 < n && t[i + 1].line_start && bx_text_is_digits(t[i + 1].text, 2, 2) &&
               t[i + 1].page == t[k - 1].page &&
               (i + 2 >= n || !td_is_num_piece(t[i + 2].text) || bx_text_is_digits(t[i + 2].text, 2, 2))) {
            t[++i].line_start = 0;
            t[k++] = t[i];
            codes++;
        }
    }
    return k;
}

size_t td_read_rows(const td_doc *d, const size_t *lines, size_t n_lines, int side_by_side,
                    td_row **out, bx_buf *noise, size_t *noise_levels)
{
    token *t;
    size_t n = tokenize(d, lines, n_lines, &t);
    n = join_wrapped_classes(t, n);
    n = join_wrapped_codes(t, n);
    reader rd = {.noise = noise};
    bx_buf_init(&rd.pending);
    bx_buf_init(&rd.text);
    bx_buf_init(&rd.right);
    td_row *tail = NULL;
    size_t n_tail = 0, from = n;
    if (side_by_side && n && t[n - 1].page != t[0].page) {
        while (t[from - 1].page == t[n - 1].page)
            from--;
        n_tail = td_read_tail(d, t + from, n - from, &tail);
    }
    if (!n_tail)
        from = n;
    if (side_by_side)
        read_side_by_side(&rd, d, t, from);
    else
        read_coded(&rd, d, t, n);
    finish_row(&rd);
    if (side_by_side)
        renumber_sides(&rd);
    else
        reread_streams(&rd, d, t, n);
    if (n_tail) {
        rd.rows = bx_grow(rd.rows, &rd.cap, rd.n + n_tail, sizeof *rd.rows);
        memcpy(rd.rows + rd.n, tail, n_tail * sizeof *tail);
        rd.n += n_tail;
        free(tail);
    }
    bx_buf_free(&rd.pending);
    bx_buf_free(&rd.text);
    bx_buf_free(&rd.right);
    for (size_t i = 0; i < n; i++)
        free(t[i].text);
    free(t);
    *out = rd.rows;
    *noise_levels = rd.noise_levels;
    return rd.n;
}
