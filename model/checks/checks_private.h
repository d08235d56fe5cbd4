/* Private to model/checks/ (checks.c, arith.c): the sums a check
 * compares, with the cells they read, and how a check is recorded. */
#ifndef BX_CHECKS_PRIVATE_H
#define BX_CHECKS_PRIVATE_H

#include "bx_checks.h"
#include "bx_meaning.h"
#include "bx_normalize.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    bx_report *r;
} bx_checker;

/* The amounts one side of a check adds up, and the cells they came from. */
typedef struct {
    int64_t sum;
    int64_t step;    /* largest rounding step of any term */
    int n;           /* terms */
    int printed;     /* terms with text */
    int nonzero;     /* terms with a non-zero amount: the ones rounding can move */
    int unreadable;  /* terms with text that is not an amount */
    bx_cell_ref *cells; /* the printed terms' cells */
    size_t n_cells, cap;
} bx_terms;

/* Adds the value v (NULL or empty: a term printed as nothing) read from
 * body row `row` of table `table`. */
void bx_terms_add(bx_terms *t, const bx_value *v, int64_t unit_fen, int table, size_t row);
void bx_terms_free(bx_terms *t);

/* The rounding step of an amount printed as text in unit_fen. */
int64_t bx_step_of(const char *text, int64_t unit_fen);

/* Records a check of expected against actual (takes `what` and both terms'
 * cells); nothing when a term is unreadable or nothing is printed. Returns
 * the check or NULL. */
bx_check *bx_check_add(bx_checker *ck, const char *rule, int table, int row, int page, int other,
                       char *what, bx_terms *expected, bx_terms *actual);

/* The page a body row is printed on. */
int bx_row_page(const bx_table *t, size_t row);

/* The template-independent arithmetic (model/arith.c): totals and parents
 * by printed levels, difference columns, quantity × price. Skips the cells
 * the template's own rules already summed (wholes: one flag per body cell of
 * each table, n_rows * n_cols). */
void bx_arith_run(bx_checker *ck, int table, const unsigned char *wholes, const bx_patterns *pat);
/* Totals one Taiwanese table restates from another (人事費彙計表's total =
 * the 人事費 of 各項費用彙計表), as cross_total checks. */
void bx_arith_across(bx_checker *ck, const bx_patterns *pat);
/* Counts each table's amounts and the ones a passing check covers. */
void bx_verified_count(bx_report *r);

#endif
