/* CSV: one RFC 4180 file per table (CRLF line ends, fields quoted when they
 * hold a comma, a quote or a line break), header rows first as printed. */
#include "bx_export.h"
#include "export_common.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void put_field(bx_buf *b, const char *s)
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
            put_field(b, cells[r * n_cols + c]);
        }
        bx_buf_puts(b, "\r\n");
    }
}

static bx_status write_table(const bx_table *t, const char *file, bool bom, bx_error *err)
{
    bx_buf b;
    bx_buf_init(&b);
    if (bom)
        bx_buf_puts(&b, "\xEF\xBB\xBF");
    put_rows(&b, t->header, t->n_header, t->n_cols);
    put_rows(&b, t->rows, t->n_rows, t->n_cols);
    bx_status s = bx_write_file_atomic(file, b.data ? b.data : "", b.len, err);
    bx_buf_free(&b);
    return s;
}

bx_status bx_write_csv(const bx_report *report, const char *folder, bool bom, bx_error *err)
{
    if (strcmp(folder, "-") == 0)
        return bx_error_set(err, BX_ERR_USAGE, "csv writes one file per table: give -o FOLDER");
    if (mkdir(folder, 0777) != 0 && errno != EEXIST)
        return bx_error_set(err, BX_ERR_IO, "%s: cannot create folder (%s)", folder,
                            strerror(errno));
    char *stem = bx_source_stem(report->source);
    bx_status s = BX_OK;
    for (size_t i = 0; i < report->n_tables && s == BX_OK; i++) {
        const bx_table *t = report->tables[i];
        bx_buf name;
        bx_buf_init(&name);
        bx_buf_printf(&name, "%s/%s.%zu.%s.csv", folder, stem, i + 1, bx_table_kind_name(t));
        s = write_table(t, name.data, bom, err);
        bx_buf_free(&name);
    }
    free(stem);
    return s;
}
