/* CSV: one RFC 4180 file per table (CRLF line ends, fields quoted when they
 * hold a comma, a quote or a line break), header rows first as printed. */
#include "bx_export.h"
#include "export_common.h"

#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void bx_csv_field(bx_buf *b, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        bx_buf_puts(b, s);
        return;
    }
    bx_buf_puts(b, "\"");
    for (const char *q; (q = strchr(s, '"')); s = q + 1) {
        bx_buf_append(b, s, (size_t)(q - s));
        bx_buf_puts(b, "\"\"");
    }
    bx_buf_puts(b, s);
    bx_buf_puts(b, "\"");
}

static void put_rows(bx_buf *b, char **cells, size_t n_rows, size_t n_cols)
{
    for (size_t r = 0; r < n_rows; r++) {
        for (size_t c = 0; c < n_cols; c++) {
            if (c)
                bx_buf_puts(b, ",");
            bx_csv_field(b, cells[r * n_cols + c]);
        }
        bx_buf_puts(b, "\r\n");
    }
}

/* One header row: per column its header texts top to bottom, a merged
 * cell's text (repeated over its span) once, joined with " / ". */
static void put_flat_header(bx_buf *b, const bx_table *t)
{
    for (size_t c = 0; c < t->n_cols; c++) {
        bx_buf cell;
        bx_buf_init(&cell);
        const char *last = NULL;
        for (size_t r = 0; r < t->n_header; r++) {
            const char *s = bx_table_header_cell(t, r, c);
            if (!*s || (last && strcmp(s, last) == 0))
                continue;
            bx_buf_printf(&cell, "%s%s", cell.len ? " / " : "", s);
            last = s;
        }
        if (c)
            bx_buf_puts(b, ",");
        bx_csv_field(b, cell.data ? cell.data : "");
        bx_buf_free(&cell);
    }
    bx_buf_puts(b, "\r\n");
}

static bx_status write_table(const bx_table *t, const char *file, const bx_write_options *o,
                             bx_error *err)
{
    bx_buf b;
    bx_buf_init(&b);
    if (o->bom)
        bx_buf_puts(&b, "\xEF\xBB\xBF");
    if (o->flat_header && t->n_header)
        put_flat_header(&b, t);
    else
        put_rows(&b, t->header, t->n_header, t->n_cols);
    put_rows(&b, t->rows, t->n_rows, t->n_cols);
    bx_status s = bx_write_file_atomic(file, b.data ? b.data : "", b.len, err);
    bx_buf_free(&b);
    return s;
}

static const char *const meta_columns[] = {"file",       "table",       "kind",      "title",
                                           "unit",       "department",  "pages",     "header_rows",
                                           "body_rows",  "columns"};

/* <stem>.tables.csv: what a table file's cells do not say (the unit above
 * all), one row per table file, so 三公 (万元) and 元 tables differ. */
static bx_status write_meta(const bx_report *report, const char *folder, const char *stem,
                            const bx_write_options *o, bx_error *err)
{
    bx_buf b;
    bx_buf_init(&b);
    if (o->bom)
        bx_buf_puts(&b, "\xEF\xBB\xBF");
    for (size_t c = 0; c < sizeof meta_columns / sizeof *meta_columns; c++)
        bx_buf_printf(&b, "%s%s", c ? "," : "", meta_columns[c]);
    bx_buf_puts(&b, "\r\n");
    for (size_t i = 0; i < report->n_tables; i++) {
        const bx_table *t = report->tables[i];
        char *pages = bx_pages_text(t), *file = bx_csv_file_name(stem, i, t);
        const char *text[] = {file, NULL, bx_table_kind_name(t), t->title,
                              t->unit ? t->unit : "", t->department ? t->department : "", pages};
        for (size_t k = 0; k < sizeof text / sizeof *text; k++) {
            if (k)
                bx_buf_puts(&b, ",");
            if (text[k])
                bx_csv_field(&b, text[k]);
            else
                bx_buf_printf(&b, "%zu", i + 1);
        }
        bx_buf_printf(&b, ",%zu,%zu,%zu\r\n", o->flat_header && t->n_header ? (size_t)1 : t->n_header,
                      t->n_rows, t->n_cols);
        free(pages);
        free(file);
    }
    char *path = g_build_filename(folder, stem, NULL);
    bx_buf name;
    bx_buf_init(&name);
    bx_buf_printf(&name, "%s.tables.csv", path);
    g_free(path);
    bx_status s = bx_write_file_atomic(name.data, b.data, b.len, err);
    bx_buf_free(&name);
    bx_buf_free(&b);
    return s;
}

char *bx_csv_file_name(const char *stem, size_t index, const bx_table *t)
{
    bx_buf b;
    bx_buf_init(&b);
    bx_buf_printf(&b, "%s.%zu.%s.csv", stem, index + 1, bx_table_kind_name(t));
    return bx_buf_take(&b);
}

bx_status bx_write_csv(const bx_report *report, const char *folder, bool bom, bx_error *err)
{
    bx_write_options o = {.bom = bom};
    return bx_write_csv_options(report, folder, &o, err);
}

bx_status bx_write_csv_options(const bx_report *report, const char *folder,
                               const bx_write_options *o, bx_error *err)
{
    if (strcmp(folder, "-") == 0)
        return bx_error_set(err, BX_ERR_USAGE, "csv writes one file per table: give -o FOLDER");
    if (g_mkdir_with_parents(folder, 0777) != 0)
        return bx_error_set(err, BX_ERR_IO, "%s: cannot create folder (%s)", folder,
                            strerror(errno));
    char *stem = bx_source_stem(report->source);
    bx_status s = BX_OK;
    for (size_t i = 0; i < report->n_tables && s == BX_OK; i++) {
        char *file = bx_csv_file_name(stem, i, report->tables[i]);
        char *path = g_build_filename(folder, file, NULL);
        s = write_table(report->tables[i], path, o, err);
        g_free(path);
        free(file);
    }
    if (s == BX_OK && o->csv_meta)
        s = write_meta(report, folder, stem, o, err);
    free(stem);
    return s;
}
