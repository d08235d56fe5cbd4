/* XLSX (libxlsxwriter): a contents sheet listing the tables, then one sheet
 * per table: its title and metadata, the header rows with merged cells as
 * printed, and the body with amounts as numbers in the printed format. */
#define _GNU_SOURCE
#include "bx_export.h"
#include "export_common.h"

#include "bx_extract.h"

#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* The sheet row where a table's header starts: title, metadata, a blank. */
#define HEADER_ROW 3
#define MAX_DECIMALS 6

typedef struct {
    lxw_workbook *wb;
    lxw_format *bold, *header, *text, *number[MAX_DECIMALS + 1];
    /* the same, red: the cells of a row a check found wrong */
    lxw_format *text_failed, *number_failed[MAX_DECIMALS + 1];
    lxw_format *link;
} book;

static lxw_format *failed_format(lxw_workbook *wb, const char *pattern)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_bg_color(f, 0xF4CCCC);
    format_set_font_color(f, 0x990000);
    if (pattern)
        format_set_num_format(f, pattern);
    return f;
}

static void book_formats(book *b)
{
    b->bold = workbook_add_format(b->wb);
    format_set_bold(b->bold);
    b->header = workbook_add_format(b->wb);
    format_set_bold(b->header);
    format_set_border(b->header, LXW_BORDER_THIN);
    format_set_align(b->header, LXW_ALIGN_CENTER);
    format_set_align(b->header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(b->header);
    b->text = workbook_add_format(b->wb);
    format_set_border(b->text, LXW_BORDER_THIN);
    for (int d = 0; d <= MAX_DECIMALS; d++) {
        /* as the reports print them: "0" for whole numbers, "#,##0.00" ... */
        char pattern[32] = "0";
        if (d > 0)
            snprintf(pattern, sizeof pattern, "#,##0.%.*s", d, "000000");
        b->number[d] = workbook_add_format(b->wb);
        format_set_border(b->number[d], LXW_BORDER_THIN);
        format_set_num_format(b->number[d], pattern);
        b->number_failed[d] = failed_format(b->wb, pattern);
    }
    b->text_failed = failed_format(b->wb, NULL);
    b->link = workbook_add_format(b->wb);
    format_set_underline(b->link, LXW_UNDERLINE_SINGLE);
    format_set_font_color(b->link, LXW_COLOR_BLUE);
}

/* Display width in Excel's character units: CJK and other wide characters
 * count twice. */
static double text_width(const char *s)
{
    double w = 0;
    for (const char *p = s; *p; p = g_utf8_next_char(p))
        w += g_unichar_iswide(g_utf8_get_char(p)) ? 2.1 : 1.1;
    return w;
}

static void set_widths(lxw_worksheet *ws, const bx_table *t)
{
    for (size_t c = 0; c < t->n_cols; c++) {
        double w = 8;
        for (size_t r = 0; r < t->n_rows; r++)
            w = MAX(w, text_width(bx_table_cell(t, r, c)) + 2);
        for (size_t r = 0; r < t->n_header; r++)
            w = MAX(w, MIN(text_width(bx_table_header_cell(t, r, c)) + 2, 16));
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, MIN(w, 60), NULL);
    }
}

/* The header grid repeats a merged cell's text over its span; a block of
 * equal cells, grown right then down from its top-left corner, is one cell. */
static void write_header(book *b, lxw_worksheet *ws, const bx_table *t)
{
    size_t nr = t->n_header, nc = t->n_cols;
    bool *done = bx_xcalloc(nr * nc + 1, sizeof *done);
    for (size_t r = 0; r < nr; r++)
        for (size_t c = 0; c < nc; c++) {
            const char *s = bx_table_header_cell(t, r, c);
            if (done[r * nc + c])
                continue;
            size_t c2 = c, r2 = r;
            while (*s && c2 + 1 < nc && !done[r * nc + c2 + 1] &&
                   strcmp(bx_table_header_cell(t, r, c2 + 1), s) == 0)
                c2++;
            for (bool same = *s != '\0'; same && r2 + 1 < nr; r2 += same)
                for (size_t k = c; k <= c2 && same; k++)
                    same = !done[(r2 + 1) * nc + k] &&
                           strcmp(bx_table_header_cell(t, r2 + 1, k), s) == 0;
            for (size_t i = r; i <= r2; i++)
                for (size_t k = c; k <= c2; k++)
                    done[i * nc + k] = true;
            lxw_row_t row = (lxw_row_t)(HEADER_ROW + r);
            if (r2 > r || c2 > c)
                worksheet_merge_range(ws, row, (lxw_col_t)c, (lxw_row_t)(HEADER_ROW + r2),
                                      (lxw_col_t)c2, s, b->header);
            else
                worksheet_write_string(ws, row, (lxw_col_t)c, s, b->header);
        }
    free(done);
}

/* The sheet row (0-based) of a table's body row. */
static lxw_row_t body_row(const bx_table *t, size_t r)
{
    return (lxw_row_t)(HEADER_ROW + t->n_header + r);
}

/* Which body rows of table `index` a failed check points at. */
static bool *failed_rows(const bx_report *report, size_t index)
{
    const bx_table *t = report->tables[index];
    bool *failed = bx_xcalloc(t->n_rows + 1, sizeof *failed);
    for (size_t i = 0; i < report->n_checks; i++) {
        const bx_check *c = &report->checks[i];
        if (c->status == BX_CHECK_FAIL && c->table == (int)index && c->row >= 0 &&
            (size_t)c->row < t->n_rows)
            failed[c->row] = true;
    }
    return failed;
}

static void write_body(book *b, lxw_worksheet *ws, const bx_table *t, const bool *failed)
{
    bool *code = bx_code_columns(t);
    for (size_t r = 0; r < t->n_rows; r++)
        for (size_t c = 0; c < t->n_cols; c++) {
            const char *s = bx_table_cell(t, r, c);
            lxw_row_t row = body_row(t, r);
            double v;
            int d;
            if (!code[c] && bx_cell_amount(s, &v, &d))
                worksheet_write_number(ws, row, (lxw_col_t)c, v,
                                       (failed[r] ? b->number_failed
                                                  : b->number)[MIN(d, MAX_DECIMALS)]);
            else if (*s)
                worksheet_write_string(ws, row, (lxw_col_t)c, s,
                                       failed[r] ? b->text_failed : b->text);
            else
                worksheet_write_blank(ws, row, (lxw_col_t)c, failed[r] ? b->text_failed : b->text);
        }
    free(code);
}

/* The text-dump reader's notes, below the body. */
static void write_ambiguities(book *b, lxw_worksheet *ws, const bx_table *t)
{
    if (t->n_ambiguities == 0)
        return;
    lxw_row_t row = body_row(t, t->n_rows) + 1;
    worksheet_write_string(ws, row++, 0, "ambiguities", b->bold);
    for (size_t i = 0; i < t->n_ambiguities; i++)
        worksheet_write_string(ws, row++, 0, t->ambiguities[i], NULL);
}

/* "income 3": kind and number, within Excel's 31 characters. */
static char *sheet_name(const bx_table *t, size_t n)
{
    char *name = bx_xmalloc(32);
    char num[24];
    int k = snprintf(num, sizeof num, " %zu", n);
    snprintf(name, 32, "%.*s%s", 31 - k, bx_table_kind_name(t), num);
    return name;
}

/* Row 2: each field in a cell of its own, its label in the cell before, so
 * that a formula or a filter can read the unit. */
static void write_meta(book *b, lxw_worksheet *ws, const bx_table *t)
{
    char *pages = bx_pages_text(t);
    const char *fields[][2] = {{"unit", t->unit ? t->unit : ""},
                               {"department", t->department ? t->department : ""},
                               {"pages", pages}};
    for (size_t i = 0; i < 3; i++) {
        worksheet_write_string(ws, 1, (lxw_col_t)(2 * i), fields[i][0], b->bold);
        worksheet_write_string(ws, 1, (lxw_col_t)(2 * i + 1), fields[i][1], NULL);
    }
    free(pages);
}

static void write_table_sheet(book *b, const bx_report *report, size_t index, const char *name)
{
    const bx_table *t = report->tables[index];
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
    worksheet_write_string(ws, 0, 0, t->title, b->bold);
    write_meta(b, ws, t);
    write_header(b, ws, t);
    bool *failed = failed_rows(report, index);
    write_body(b, ws, t, failed);
    free(failed);
    write_ambiguities(b, ws, t);
    set_widths(ws, t);
    worksheet_freeze_panes(ws, (lxw_row_t)(HEADER_ROW + t->n_header), 0);
}

static const char *const check_columns[] = {"page",  "table",    "rule",       "status",
                                            "severity", "what",   "unit",       "expected",
                                            "found", "difference", "quote", "expected text",
                                            "found text"};

/* A check's number in its own scale: 元 for amounts (fen / 100), percent
 * for the claim checks (1/10000 % / 10000). */
static double check_value(const bx_check *c, int64_t v)
{
    return (double)v / (c->percent ? 10000 : 100);
}

/* The check's table cell: a link to its row in the table's sheet when it
 * has one (the row is marked red there), else the title. */
static void write_check_table(book *b, lxw_worksheet *ws, lxw_row_t row, const bx_report *report,
                              const bx_check *c)
{
    if (c->table < 0)
        return;
    const bx_table *t = report->tables[c->table];
    if (c->row < 0 || (size_t)c->row >= t->n_rows) {
        worksheet_write_string(ws, row, 1, t->title, NULL);
        return;
    }
    char *name = sheet_name(t, (size_t)c->table + 1);
    char url[128];
    snprintf(url, sizeof url, "internal:'%s'!A%u", name, (unsigned)body_row(t, (size_t)c->row) + 1);
    worksheet_write_url_opt(ws, row, 1, url, b->link, t->title, NULL);
    free(name);
}

static void write_check_row(book *b, lxw_worksheet *ws, lxw_row_t row, const bx_report *report,
                            const bx_check *c)
{
    worksheet_write_number(ws, row, 0, c->page, NULL);
    write_check_table(b, ws, row, report, c);
    worksheet_write_string(ws, row, 2, c->rule, NULL);
    worksheet_write_string(ws, row, 3, bx_check_status_name(c->status), NULL);
    worksheet_write_string(ws, row, 4, c->severity ? c->severity : "error", NULL);
    worksheet_write_string(ws, row, 5, c->what ? c->what : "", NULL);
    if (!c->expected_text) {
        lxw_format *f = c->percent ? b->number[4] : b->number[2];
        worksheet_write_string(ws, row, 6, c->percent ? "%" : bx_base_unit(), NULL);
        worksheet_write_number(ws, row, 7, check_value(c, c->expected), f);
        worksheet_write_number(ws, row, 8, check_value(c, c->actual), f);
        worksheet_write_number(ws, row, 9,
                               check_value(c, bx_fen_difference(c->actual, c->expected)), f);
    }
    if (c->quote)
        worksheet_write_string(ws, row, 10, c->quote, NULL);
    if (c->expected_text)
        worksheet_write_string(ws, row, 11, c->expected_text, NULL);
    if (c->actual_text)
        worksheet_write_string(ws, row, 12, c->actual_text, NULL);
}

/* The document's failed (and rounding-level) checks below the list of
 * tables, so a reader sees where the report contradicts itself. Amounts are
 * shown in 元 and percentages in %; the dataset keeps them exact. */
static void write_failed_checks(book *b, lxw_worksheet *contents, lxw_row_t row,
                                const bx_report *report)
{
    size_t n = 0;
    for (size_t i = 0; i < report->n_checks; i++)
        n += report->checks[i].status != BX_CHECK_PASS;
    char line[96];
    snprintf(line, sizeof line, "%zu checks, %zu not passed", report->n_checks, n);
    worksheet_write_string(contents, row++, 0, line, b->bold);
    if (n == 0)
        return;
    for (size_t c = 0; c < sizeof check_columns / sizeof *check_columns; c++)
        worksheet_write_string(contents, row, (lxw_col_t)c, check_columns[c], b->bold);
    row++;
    for (size_t i = 0; i < report->n_checks; i++)
        if (report->checks[i].status != BX_CHECK_PASS)
            write_check_row(b, contents, row++, report, &report->checks[i]);
}

static const char *const contents_columns[] = {"table", "sheet", "kind",      "title",
                                               "unit",  "department", "pages", "header rows",
                                               "body rows", "columns"};

static void write_contents_row(lxw_worksheet *ws, lxw_row_t row, const bx_table *t,
                               size_t n, const char *name)
{
    char url[64];
    snprintf(url, sizeof url, "internal:'%s'!A1", name);
    char *pages = bx_pages_text(t);
    worksheet_write_number(ws, row, 0, (double)n, NULL);
    worksheet_write_url_opt(ws, row, 1, url, NULL, name, NULL);
    worksheet_write_string(ws, row, 2, bx_table_kind_name(t), NULL);
    worksheet_write_string(ws, row, 3, t->title, NULL);
    worksheet_write_string(ws, row, 4, t->unit ? t->unit : "", NULL);
    worksheet_write_string(ws, row, 5, t->department ? t->department : "", NULL);
    worksheet_write_string(ws, row, 6, pages, NULL);
    worksheet_write_number(ws, row, 7, (double)t->n_header, NULL);
    worksheet_write_number(ws, row, 8, (double)t->n_rows, NULL);
    worksheet_write_number(ws, row, 9, (double)t->n_cols, NULL);
    free(pages);
}

static void write_book(book *b, const bx_report *report)
{
    lxw_worksheet *contents = workbook_add_worksheet(b->wb, "tables");
    char line[128];
    worksheet_write_string(contents, 0, 0, report->source, b->bold);
    snprintf(line, sizeof line, "%d page%s, %zu table%s", report->n_pages,
             report->n_pages == 1 ? "" : "s", report->n_tables, report->n_tables == 1 ? "" : "s");
    worksheet_write_string(contents, 1, 0, line, NULL);
    for (size_t c = 0; c < sizeof contents_columns / sizeof *contents_columns; c++)
        worksheet_write_string(contents, 3, (lxw_col_t)c, contents_columns[c], b->bold);
    worksheet_set_column(contents, 1, 1, 30, NULL); /* sheet names; failed checks' tables */
    worksheet_set_column(contents, 2, 2, 28, NULL); /* kinds: general_budget_expenditure */
    worksheet_set_column(contents, 3, 3, 50, NULL);
    worksheet_set_column(contents, 5, 5, 30, NULL);
    for (size_t i = 0; i < report->n_tables; i++) {
        char *name = sheet_name(report->tables[i], i + 1);
        write_contents_row(contents, (lxw_row_t)(4 + i), report->tables[i], i + 1, name);
        write_table_sheet(b, report, i, name);
        free(name);
    }
    write_failed_checks(b, contents, (lxw_row_t)(5 + report->n_tables), report);
}

/* libxlsxwriter writes to a file name: build the workbook under a temporary
 * name, then rename it into place (or copy it to standard output). Errors
 * name no file: bx_xlsx_atomic names the one asked for. */
static bx_status write_to(const bx_report *report, const char *file, bx_error *err)
{
    lxw_doc_properties props = {.title = report->source, .created = 1};
    book b = {.wb = workbook_new(file)};
    if (!b.wb)
        return bx_error_set(err, BX_ERR_IO, "cannot create the workbook");
    workbook_set_properties(b.wb, &props); /* a fixed date: same input, same bytes */
    book_formats(&b);
    write_book(&b, report);
    return bx_workbook_close(b.wb, err);
}

bx_status bx_workbook_close(lxw_workbook *wb, bx_error *err)
{
    errno = 0;
    lxw_error e = workbook_close(wb);
    int why = errno; /* the system's reason, when a write failed */
    if (e == LXW_NO_ERROR)
        return BX_OK;
    return bx_error_set(err, BX_ERR_IO, "cannot write the workbook (%s)",
                        why ? strerror(why) : lxw_strerror(e));
}

/* Copies the workbook built in file to path: standard output, or a device
 * or pipe written in place (bx_write_file_atomic). */
static bx_status copy_out(const char *file, const char *path, bx_error *err)
{
    gchar *data = NULL;
    gsize len = 0;
    if (!g_file_get_contents(file, &data, &len, NULL))
        return bx_error_set(err, BX_ERR_IO, "%s: cannot read back the workbook", file);
    bx_status s = bx_write_file_atomic(path, data, len, err);
    g_free(data);
    return s;
}

static bx_status build_report(const char *file, void *report, bx_error *err)
{
    return write_to(report, file, err);
}

bx_status bx_write_xlsx(const bx_report *report, const char *path, bx_error *err)
{
    return bx_xlsx_atomic(path, build_report, (void *)report, err);
}

bx_status bx_xlsx_atomic(const char *path, bx_status (*build)(const char *, void *, bx_error *),
                         void *ctx, bx_error *err)
{
    /* standard output, or a device or pipe: built aside, then copied there */
    bool to_stdout = strcmp(path, "-") == 0 || bx_path_in_place(path);
    char *tmp = NULL;
    int fd = -1;
    if (to_stdout) {
        fd = g_file_open_tmp("budgetx-XXXXXX.xlsx", &tmp, NULL);
    } else {
        size_t n = strlen(path) + 16;
        tmp = bx_xmalloc(n);
        snprintf(tmp, n, "%s.tmp.XXXXXX", path);
        fd = mkstemp(tmp);
    }
    if (fd < 0) {
        bx_status s = bx_error_set(err, BX_ERR_IO, "%s: cannot create (%s)", path,
                                   strerror(errno));
        to_stdout ? g_free(tmp) : free(tmp);
        return s;
    }
    /* mkstemp makes the file 0600 and libxlsxwriter rewrites it in place;
     * a workbook should have the usual mode (best effort: it is still
     * written when this fails) */
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    close(fd);
    /* libxlsxwriter prints its own "[ERROR]" lines; the one line is ours */
    bx_stderr_hold_begin();
    bx_status s = build(tmp, ctx, err);
    (void)bx_stderr_hold_end();
    if (s != BX_OK) {
        char why[sizeof err->message];
        snprintf(why, sizeof why, "%s", err->message);
        bx_error_set(err, s, "%s: %s", path, why);
    }
    if (s == BX_OK && to_stdout)
        s = copy_out(tmp, path, err);
    else if (s == BX_OK && rename(tmp, path) != 0)
        s = bx_error_set(err, BX_ERR_IO, "%s: cannot write (%s)", path, strerror(errno));
    if (s != BX_OK || to_stdout)
        unlink(tmp);
    to_stdout ? g_free(tmp) : free(tmp);
    return s;
}
