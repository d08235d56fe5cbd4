/* model/header.c: where a grid's header ends. Grids are built by hand with
 * bx_grid_from_borders and their cells' texts set directly, so each case
 * states the layout it models. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bx_normalize.h"
#include "grid.h"

/* A rows x cols grid with every border drawn (no merged cells). */
static bx_grid *plain_grid(int rows, int cols)
{
    int nx = cols + 1, ny = rows + 1;
    double *xs = malloc(sizeof *xs * (size_t)nx), *ys = malloc(sizeof *ys * (size_t)ny);
    for (int i = 0; i < nx; i++)
        xs[i] = 10.0 * i;
    for (int i = 0; i < ny; i++)
        ys[i] = 10.0 * i;
    unsigned char *v = malloc((size_t)(ny - 1) * (size_t)nx), *h = malloc((size_t)ny * (size_t)(nx - 1));
    memset(v, 1, (size_t)(ny - 1) * (size_t)nx);
    memset(h, 1, (size_t)ny * (size_t)(nx - 1));
    bx_grid *g = bx_grid_from_borders(xs, nx, ys, ny, v, h);
    free(v);
    free(h);
    return g;
}

static void set_row(bx_grid *g, int r, const char *const *texts)
{
    for (int c = 0; c < bx_grid_cols(g); c++) {
        bx_cell *cell = &g->cells[g->owner[r * bx_grid_cols(g) + c]];
        free(cell->text);
        cell->text = bx_xstrdup(texts[c]);
    }
}

static int header_rows(bx_grid *g)
{
    bx_patterns *p;
    bx_error err;
    assert_int_equal(bx_patterns_new(&p, &err), BX_OK);
    int h = bx_header_rows(g, 0, p);
    bx_patterns_free(p);
    return h;
}

static void test_body_starts_at_first_amount(void **state)
{
    (void)state;
    bx_grid *g = plain_grid(3, 3);
    set_row(g, 0, (const char *[]){"项目", "预算数", "决算数"});
    set_row(g, 1, (const char *[]){"一般公共服务支出", "12.50", "11.00"});
    set_row(g, 2, (const char *[]){"合计", "12.50", "11.00"});
    assert_int_equal(header_rows(g), 1);
    bx_grid_free(g);
}

static void test_column_numbers_stay_in_header(void **state)
{
    (void)state;
    /* 决算 tables print "栏次 | 1 | 2 | 3" under the header */
    bx_grid *g = plain_grid(3, 4);
    set_row(g, 0, (const char *[]){"项目", "年初预算", "调整预算", "决算数"});
    set_row(g, 1, (const char *[]){"栏次", "1", "2", "3"});
    set_row(g, 2, (const char *[]){"合计", "5.00", "6.00", "7.00"});
    assert_int_equal(header_rows(g), 2);
    bx_grid_free(g);
}

static void test_amounts_counting_up_are_still_amounts(void **state)
{
    (void)state;
    /* 1, 2 are two amounts, not a column-number row (that needs three) */
    bx_grid *g = plain_grid(2, 3);
    set_row(g, 0, (const char *[]){"项目", "预算数", "决算数"});
    set_row(g, 1, (const char *[]){"公务用车", "1", "2"});
    assert_int_equal(header_rows(g), 1);
    bx_grid_free(g);
}

static void test_bare_total_row_ends_header_of_empty_table(void **state)
{
    (void)state;
    bx_grid *g = plain_grid(3, 3);
    set_row(g, 0, (const char *[]){"科目名称", "合计", "基本支出"});
    set_row(g, 1, (const char *[]){"类", "款", "项"});
    set_row(g, 2, (const char *[]){"合计", "", ""});
    assert_int_equal(header_rows(g), 2);
    bx_grid_free(g);
}

static void test_blank_row_ends_header(void **state)
{
    (void)state;
    bx_grid *g = plain_grid(3, 2);
    set_row(g, 0, (const char *[]){"项目", "金额"});
    set_row(g, 1, (const char *[]){"", ""});
    set_row(g, 2, (const char *[]){"", ""});
    assert_int_equal(header_rows(g), 1);
    bx_grid_free(g);
}

static void test_merged_total_label_is_header(void **state)
{
    (void)state;
    /* "合计" spanning two header rows (the 三公 table's layout) is a column
     * label: rows 0-1 of column 0 merged, no rule between them there. */
    double *xs = malloc(3 * sizeof *xs), *ys = malloc(4 * sizeof *ys);
    for (int i = 0; i < 3; i++)
        xs[i] = 10.0 * i;
    for (int i = 0; i < 4; i++)
        ys[i] = 10.0 * i;
    unsigned char v[3 * 3], h[4 * 2];
    memset(v, 1, sizeof v);
    memset(h, 1, sizeof h);
    h[1 * 2 + 0] = 0; /* no rule along ys[1] under column 0 */
    bx_grid *g = bx_grid_from_borders(xs, 3, ys, 4, v, h);
    assert_int_equal(g->cells[g->owner[0]].r1, 2);
    free(g->cells[g->owner[0]].text);
    g->cells[g->owner[0]].text = bx_xstrdup("合计");
    free(g->cells[g->owner[1]].text);
    g->cells[g->owner[1]].text = bx_xstrdup("因公出国(境)费");
    free(g->cells[g->owner[3]].text);
    g->cells[g->owner[3]].text = bx_xstrdup("小计");
    free(g->cells[g->owner[4]].text);
    g->cells[g->owner[4]].text = bx_xstrdup("1.00");
    assert_int_equal(header_rows(g), 2);
    bx_grid_free(g);
}

static void test_rows_cut_from_items_are_body(void **state)
{
    (void)state;
    /* a section label with no amounts, cut out of a ruled row of items
     * (公務車輛明細表's 現有車輛): body, not a second header row */
    bx_grid *g = plain_grid(3, 3);
    set_row(g, 0, (const char *[]){"車輛種類", "牌照稅", "養護費"});
    set_row(g, 1, (const char *[]){"現有車輛", "", ""});
    set_row(g, 2, (const char *[]){"小客車", "11,230", "51,000"});
    assert_int_equal(header_rows(g), 2);
    g->items_row = 1;
    assert_int_equal(header_rows(g), 1);
    bx_grid_free(g);
}

static void test_dash_amounts_start_the_body(void **state)
{
    (void)state;
    /* zero printed as a full-width dash in every amount cell */
    bx_grid *g = plain_grid(3, 3);
    set_row(g, 0, (const char *[]){"科目", "合計", "上年度"});
    set_row(g, 1, (const char *[]){"服務費用", "－", "－"});
    set_row(g, 2, (const char *[]){"合計", "2,300", "5,300"});
    assert_int_equal(header_rows(g), 1);
    bx_grid_free(g);
}

static void test_empty_table_keeps_its_whole_header(void **state)
{
    (void)state;
    /* printed empty: three header rows filled across, then item labels
     * with blank amounts and a 无 row */
    bx_grid *g = plain_grid(6, 3);
    set_row(g, 0, (const char *[]){"项目", "收入", "收入"});
    set_row(g, 1, (const char *[]){"项目", "合计", "其中"});
    set_row(g, 2, (const char *[]){"项目", "年初结转和结余", "本年收入"});
    set_row(g, 3, (const char *[]){"一、一般公共预算财政拨款收入", "", ""});
    set_row(g, 4, (const char *[]){"合计", "", ""});
    set_row(g, 5, (const char *[]){"无", "", ""});
    assert_int_equal(header_rows(g), 3);
    bx_grid_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_cut_from_items_are_body),
        cmocka_unit_test(test_dash_amounts_start_the_body),
        cmocka_unit_test(test_empty_table_keeps_its_whole_header),
        cmocka_unit_test(test_body_starts_at_first_amount),
        cmocka_unit_test(test_column_numbers_stay_in_header),
        cmocka_unit_test(test_amounts_counting_up_are_still_amounts),
        cmocka_unit_test(test_bare_total_row_ends_header_of_empty_table),
        cmocka_unit_test(test_blank_row_ends_header),
        cmocka_unit_test(test_merged_total_label_is_header),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
