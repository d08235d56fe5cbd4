/* bx_model.h: the model stage. Pages of glyphs and rules become tables:
 * title, unit, department, pages, header grid and body rows as printed,
 * tables continued over pages stitched into one.
 *
 *     bx_report *report;
 *     if (bx_report_build(doc, "report.pdf", &report, &err) == BX_OK) {
 *         for (size_t i = 0; i < report->n_tables; i++) ... report->tables[i] ...
 *         bx_report_free(report);
 *     }
 */
#ifndef BX_MODEL_H
#define BX_MODEL_H

#include "bx_common.h"
#include "bx_extract.h"

#include <stddef.h>

/* A table as printed. Grids are row-major arrays of n_cols strings per row;
 * every string is non-NULL ("" for an empty cell). */
typedef struct {
    char *title;      /* white space removed */
    char *unit;       /* "元", "万元" ..., or NULL when none is printed */
    char *department; /* after "编制部门：" and the like, or NULL */
    int *pages;       /* 1-based physical pages holding the table's body */
    size_t n_pages;
    size_t n_cols;
    size_t n_header; /* header rows; merged cells repeated over their span */
    char **header;
    size_t n_rows; /* body rows; a merged cell's text in its leftmost column */
    char **rows;
    /* Beyond FORMAT.md (readers that have them fill them; NULL/0 otherwise):
     * named fields printed around a form (key, value pairs, 2*n_fields
     * strings) and notes on cells whose column the source leaves open. */
    size_t n_fields;
    char **fields;
    size_t n_ambiguities;
    char **ambiguities;
} bx_table;

/* The cell at (row, col) of the body or of the header. */
static inline const char *bx_table_cell(const bx_table *t, size_t row, size_t col)
{
    return t->rows[row * t->n_cols + col];
}
static inline const char *bx_table_header_cell(const bx_table *t, size_t row, size_t col)
{
    return t->header[row * t->n_cols + col];
}

typedef struct {
    char *source; /* file name without folders */
    bx_table **tables;
    size_t n_tables;
    int n_pages;
    char *warning; /* from the reader (e.g. a truncated file), or NULL */
} bx_report;

/* The simple interface: opens the file at path, reads it and builds its
 * report. Fails as bx_doc_open does for unusable input. */
bx_status bx_report_from_file(const char *path, bx_report **out, bx_error *err);

/* Reads every page of doc and builds its tables. `source` names the
 * document in the report (its file name). Fails with BX_ERR_NO_TEXT when no
 * page has a text layer; a report with no tables is not an error here (the
 * CLI decides what that means). */
bx_status bx_report_build(bx_doc *doc, const char *source, bx_report **out, bx_error *err);

void bx_report_free(bx_report *report);

/* Table construction, exposed for tests and for other readers (text dumps):
 * a table with n_cols columns and no rows yet. */
bx_table *bx_table_new(size_t n_cols);
/* Appends a row (copies of the n_cols strings) to the header or the body. */
void bx_table_add_header_row(bx_table *t, const char *const *cells);
void bx_table_add_row(bx_table *t, const char *const *cells);
void bx_table_add_page(bx_table *t, int page);
void bx_table_add_field(bx_table *t, const char *key, const char *value);
void bx_table_add_ambiguity(bx_table *t, const char *note);
void bx_table_free(bx_table *t);

/* Reads a text dump (pdftotext output without -layout, already UTF-8) and
 * rebuilds its titled tables; see model/textdump.c. */
bx_status bx_report_from_text(const char *text, const char *source, bx_report **out,
                              bx_error *err);

#endif
