/* Markdown: one section per table, a GitHub-style pipe table each. The
 * header rows of a column are joined with " / " (a merged cell's text once),
 * since a pipe table has a single header row; amount columns align right. */
#include "bx_export.h"
#include "export_common.h"

#include <stdlib.h>
#include <string.h>

/* Pipes would end the cell and backslashes would escape what follows; a
 * line break would end the row, so it becomes <br> (a CR is dropped). */
static void put_cell(bx_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '\r')
            continue;
        if (*s == '\n') {
            bx_buf_puts(b, "<br>");
            continue;
        }
        if (*s == '|' || *s == '\\')
            bx_buf_puts(b, "\\");
        bx_buf_append(b, s, 1);
    }
}

static void put_header(bx_buf *b, const bx_table *t)
{
    bx_buf_puts(b, "|");
    for (size_t c = 0; c < t->n_cols; c++) {
        const char *prev = NULL;
        bx_buf_puts(b, " ");
        for (size_t r = 0; r < t->n_header; r++) {
            const char *h = bx_table_header_cell(t, r, c);
            if (!*h || (prev && strcmp(prev, h) == 0))
                continue;
            if (prev)
                bx_buf_puts(b, " / ");
            put_cell(b, h);
            prev = h;
        }
        bx_buf_puts(b, " |");
    }
    bx_buf_puts(b, "\n|");
}

/* A column aligns right when its body holds amounts and nothing else. */
static bool amount_column(const bx_table *t, const bool *code, size_t c)
{
    bool any = false;
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *s = bx_table_cell(t, r, c);
        double v;
        int d;
        if (!*s)
            continue;
        if (code[c] || !bx_cell_amount(s, &v, &d))
            return false;
        any = true;
    }
    return any;
}

static void put_table(bx_buf *b, const bx_table *t, size_t n)
{
    char *pages = bx_pages_text(t);
    bx_buf_printf(b, "## %zu. ", n);
    put_cell(b, t->title);
    bx_buf_printf(b, "\n\nkind: %s; unit: %s; department: ", bx_table_kind_name(t),
                  t->unit ? t->unit : "-");
    put_cell(b, t->department ? t->department : "-");
    bx_buf_printf(b, "; pages: %s\n\n", pages);
    free(pages);
    put_header(b, t);
    bool *code = bx_code_columns(t);
    for (size_t c = 0; c < t->n_cols; c++)
        bx_buf_puts(b, amount_column(t, code, c) ? " ---: |" : " --- |");
    free(code);
    bx_buf_puts(b, "\n");
    for (size_t r = 0; r < t->n_rows; r++) {
        bx_buf_puts(b, "|");
        for (size_t c = 0; c < t->n_cols; c++) {
            bx_buf_puts(b, " ");
            put_cell(b, bx_table_cell(t, r, c));
            bx_buf_puts(b, " |");
        }
        bx_buf_puts(b, "\n");
    }
    bx_buf_puts(b, "\n");
}

bx_status bx_write_md(const bx_report *report, const char *path, bx_error *err)
{
    bx_buf b;
    bx_buf_init(&b);
    bx_buf_puts(&b, "# ");
    put_cell(&b, report->source);
    bx_buf_printf(&b, "\n\n%d page%s, %zu table%s\n\n", report->n_pages,
                  report->n_pages == 1 ? "" : "s", report->n_tables, report->n_tables == 1 ? "" : "s");
    for (size_t i = 0; i < report->n_tables; i++)
        put_table(&b, report->tables[i], i + 1);
    bx_status s = bx_write_file_atomic(path, b.data, b.len, err);
    bx_buf_free(&b);
    return s;
}
