/* econ_codes.h: private to model/. The national economic classification
 * of expenditure (部门预算支出经济分类科目): class (3 digits) and 款
 * (5 digits) codes with their names, as the corpus's reports print them. */
#ifndef BX_ECON_CODES_H
#define BX_ECON_CODES_H

/* The code of a printed name (matched by bx_text_key, so full-width and
 * half-width brackets and white space do not matter), or NULL. */
const char *bx_econ_code(const char *name);
/* True when name is a name of the classification or the start of one
 * (因公出国（境）费 of 因公出国（境）费用), compared as bx_text_key. */
int bx_econ_begins_name(const char *name);
/* The side a totals label sums (0 人员经费, 1 公用经费), or -1 when it
 * names neither. */
int bx_econ_total_side(const char *label);
/* True when a class (3 digits) is 人员经费 (personnel), false when it is
 * 公用经费: a 基本支出 table prints the two on separate sides. */
int bx_econ_personnel(const char *class_code);

#endif
