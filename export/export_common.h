/* What the writers share, private to export/: a table's kind name, which
 * cells are amounts (and with how many decimals), file name stems. */
#ifndef BX_EXPORT_COMMON_H
#define BX_EXPORT_COMMON_H

#include "bx_model.h"

#include <stdbool.h>
#include <xlsxwriter.h>

/* The canonical kind of a table ("summary", "income", "expenditure" ...),
 * used in CSV file names, XLSX sheet names and the dataset.
 * THE ONE PLACE WHERE THE KIND IS READ: until the model classifies tables it
 * is "table" for every table; then this returns the model's kind string. */
const char *bx_table_kind_name(const bx_table *t);

/* Whether path names a device or a pipe (/dev/stdout, /dev/full, a FIFO):
 * written in place, never renamed over. */
bool bx_path_in_place(const char *path);

/* The source file name without folders and without its extension (malloc'd). */
char *bx_source_stem(const char *source);

/* Which columns hold classification codes (类/款/项, "2080505", "05"): their
 * digits are labels, never amounts. Returns n_cols flags (malloc'd). */
bool *bx_code_columns(const bx_table *t);

/* True when a body cell prints an amount as a plain number ("1234.50",
 * "-12", "(3)", full-width digits too); sets its value and the number of
 * decimals printed. "-", "12%" and any words are not amounts. */
bool bx_cell_amount(const char *text, double *value, int *decimals);

/* Appends one RFC 4180 field: quoted when it holds a comma, a quote or a
 * line break (quotes doubled). */
void bx_csv_field(bx_buf *b, const char *s);

/* "<stem>.<index + 1>.<kind>.csv": a table's CSV file name (malloc'd). */
char *bx_csv_file_name(const char *stem, size_t index, const bx_table *t);

/* A workbook written by libxlsxwriter (which takes a file name) made atomic:
 * build(file, ctx, err) writes it under a temporary name in path's folder,
 * renamed to path when complete; a path of "-" copies it to stdout. What
 * libxlsxwriter prints is held back (bx_stderr_hold_begin); build's error
 * names no file, and comes back prefixed with path. */
bx_status bx_xlsx_atomic(const char *path, bx_status (*build)(const char *file, void *ctx,
                                                               bx_error *err),
                         void *ctx, bx_error *err);

/* Closes (writes out) a workbook; on failure the error gives the system's
 * reason (No space left on device), naming no file. */
bx_status bx_workbook_close(lxw_workbook *wb, bx_error *err);

/* The pages as "9" or "10,11" (malloc'd). */
char *bx_pages_text(const bx_table *t);

#endif
