/* Private to model/: a (續) page that prints more columns of the rows a
 * table already has (model/pdf/continued.c). */
#ifndef BX_CONTINUED_H
#define BX_CONTINUED_H

#include "bx_report.h"

/* Joins the cells of a continued page as more columns of t's rows. The
 * page's grids are `width` columns wide, its first k columns the item
 * labels that t's first k columns hold: header (t->n_header rows) and body
 * (n rows), row-major. Each body row goes to the row of t with the same
 * labels, looked for from the row after the last one matched on (labels
 * such as 小計 repeat), or to a new row at the end when t has none. The
 * page's other columns become t's columns from `at` on: appended when at is
 * t->n_cols (a new block of columns), filled in when it is less (a later
 * page of the same block). Returns how many body rows found their row. */
size_t bx_table_join_columns(bx_table *t, size_t at, size_t k, char *const *header,
                             char *const *body, size_t n, size_t width);

/* How many of the n body rows (width columns, labels in the first k) name
 * a row of t. */
size_t bx_table_label_matches(const bx_table *t, size_t k, char *const *body, size_t n,
                              size_t width);

#endif
