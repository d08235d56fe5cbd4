/* OCR readings proven by arithmetic (model/checks/corrections.c) on a
 * hand-made classified table: one amount misread (180.00 as 130.00, an 8
 * whose left strokes the scan lost), its digit marked weak as OCR marks
 * it. The expected reading is the page's arithmetic: 行政运行's total is
 * its basic 180.00 plus no project money, and the section's 300.00 is
 * 180.00 + 120.00. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bx_export.h"
#include "bx_model.h"
#include "bx_test_tables.h"

/* 行政运行 (row 2) prints 180.00 in 合计 (column 4); OCR read 130.00. */
static const char *const misread[][7] = {
    {"201", "", "", "一般公共服务支出", "300.00", "200.00", "100.00"},
    {"201", "03", "", "政府办公厅（室）及相关机构事务", "300.00", "200.00", "100.00"},
    {"201", "03", "01", "行政运行", "130.00", "180.00", ""},
    {"201", "03", "02", "一般行政管理事务", "120.00", "20.00", "100.00"},
    {"合计", "", "", "", "300.00", "200.00", "100.00"},
};
#define N_ROWS (sizeof misread / sizeof misread[0])

static size_t failing(const bx_report *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_checks; i++)
        n += r->checks[i].status == BX_CHECK_FAIL;
    return n;
}

/* A table of these rows as OCR read it, with the weak digits given (row,
 * col, pos, digit, alternatives), analysed and searched for corrections. */
static bx_report *ocr_read(const char *const (*rows)[7], size_t n_rows, const bx_weak_digit *weak,
                           size_t n_weak)
{
    bx_table *t = bx_test_classified("一般公共预算支出功能分类预算表", "元", NULL, 9, rows, n_rows);
    t->ocr = true;
    for (size_t i = 0; i < n_weak; i++)
        bx_table_add_weak_digit(t, weak[i].row, weak[i].col, weak[i].pos, weak[i].digit,
                                weak[i].alts, weak[i].conf);
    bx_report *r = bx_test_one_table_report(t);
    bx_report_ocr_corrections(r);
    return r;
}

static void test_offered_not_applied(void **state)
{
    (void)state;
    /* the 3 of 130.00 (its second digit), the recogniser's other choice 8;
     * and a weak digit that is right (the 1 of 120.00) */
    const bx_weak_digit weak[] = {{2, 4, 1, '3', "8", 61.0f}, {3, 4, 0, '1', "7", 80.0f}};
    bx_report *r = ocr_read(misread, N_ROWS, weak, 2);
    const bx_table *t = r->tables[0];
    assert_int_equal(t->n_corrections, 1);
    const bx_ocr_correction *c = &t->corrections[0];
    assert_int_equal(c->row, 2);
    assert_int_equal(c->col, 4);
    assert_string_equal(c->printed, "130.00");
    assert_string_equal(c->corrected, "180.00");
    assert_true(c->n_checks >= 2); /* its row's total and the section's sum */
    assert_false(c->applied);
    /* offered only: the cell and the failing checks stay as read */
    assert_string_equal(bx_table_cell(t, 2, 4), "130.00");
    assert_true(failing(r) > 0);
    bx_report_free(r);
}

static void test_applied(void **state)
{
    (void)state;
    const bx_weak_digit weak[] = {{2, 4, 1, '3', "8", 61.0f}};
    bx_report *r = ocr_read(misread, N_ROWS, weak, 1);
    bx_report_apply_corrections(r);
    const bx_table *t = r->tables[0];
    assert_string_equal(bx_table_cell(t, 2, 4), "180.00");
    assert_true(t->corrections[0].applied);
    assert_int_equal(failing(r), 0);
    bx_report_free(r);
}

static void test_confusions_without_alternatives(void **state)
{
    (void)state;
    /* no alternatives from the recogniser: 3 is tried as the 8 it is
     * confused with */
    const bx_weak_digit weak[] = {{2, 4, 1, '3', "", 61.0f}};
    bx_report *r = ocr_read(misread, N_ROWS, weak, 1);
    assert_int_equal(r->tables[0]->n_corrections, 1);
    assert_string_equal(r->tables[0]->corrections[0].corrected, "180.00");
    bx_report_free(r);
}

static void test_nothing_unproven(void **state)
{
    (void)state;
    /* alternatives that do not restore the sums, and a weak digit in a
     * cell that is right: no reading is proven, none offered */
    const bx_weak_digit weak[] = {{2, 4, 1, '3', "5", 61.0f}, {3, 4, 0, '1', "7", 80.0f}};
    bx_report *r = ocr_read(misread, N_ROWS, weak, 2);
    assert_int_equal(r->tables[0]->n_corrections, 0);
    bx_report_free(r);
    /* no weak digit at all (a text layer's table): nothing */
    r = ocr_read(misread, N_ROWS, NULL, 0);
    assert_int_equal(r->tables[0]->n_corrections, 0);
    assert_true(failing(r) > 0);
    bx_report_free(r);
}

/* A lone 合计 row, read 800.00 = 200.00 + 100.00: its total misread (3 as
 * 8) or its basic (7 as 2) restore the one identity alike. */
static const char *const lone_total[][7] = {
    {"合计", "", "", "", "800.00", "200.00", "100.00"},
};

static void test_ambiguous_withheld(void **state)
{
    (void)state;
    /* one weak digit: its reading is the only one, and proven */
    const bx_weak_digit one[] = {{0, 4, 0, '8', "3", 55.0f}};
    bx_report *r = ocr_read(lone_total, 1, one, 1);
    assert_true(failing(r) > 0);
    assert_int_equal(r->tables[0]->n_corrections, 1);
    assert_string_equal(r->tables[0]->corrections[0].corrected, "300.00");
    bx_report_free(r);
    /* two, each restoring the sum (300 = 200 + 100, 800 = 700 + 100):
     * the arithmetic cannot tell, nothing is offered */
    const bx_weak_digit two[] = {{0, 4, 0, '8', "3", 55.0f}, {0, 5, 0, '2', "7", 60.0f}};
    r = ocr_read(lone_total, 1, two, 2);
    assert_int_equal(r->tables[0]->n_corrections, 0);
    bx_report_free(r);
}

static void test_json(void **state)
{
    (void)state;
    const bx_weak_digit weak[] = {{2, 4, 1, '3', "8", 61.0f}};
    bx_report *r = ocr_read(misread, N_ROWS, weak, 1);
    char *json = bx_report_to_json(r);
    assert_non_null(strstr(json, "\"ocr_corrections\""));
    assert_non_null(strstr(json, "\"printed\" : \"130.00\""));
    assert_non_null(strstr(json, "\"corrected\" : \"180.00\""));
    assert_non_null(strstr(json, "\"applied\" : false"));
    bx_free(json);
    bx_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_offered_not_applied),
        cmocka_unit_test(test_applied),
        cmocka_unit_test(test_confusions_without_alternatives),
        cmocka_unit_test(test_nothing_unproven),
        cmocka_unit_test(test_ambiguous_withheld),
        cmocka_unit_test(test_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
