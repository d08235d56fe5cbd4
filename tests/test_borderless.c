/* model/borderless.c: tables printed without rules, read from how their
 * text aligns. Glyphs are placed by hand (5 pt wide, 9 pt tall); each case
 * says which layout it models. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bx_normalize.h"
#include "glyphs.h"
#include "grid.h"

static size_t utf8_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += (*s & 0xC0) != 0x80;
    return n;
}

/* Lays out s flush right against x. */
static void put_right(glyphs *gs, const char *s, double right, double y)
{
    put(gs, s, right - 5.0 * (double)utf8_len(s), y);
}

static bx_patterns *patterns(void)
{
    bx_patterns *p;
    bx_error err = {0};
    assert_int_equal(bx_patterns_new(&p, &err), BX_OK);
    return p;
}

static bx_grid *read_table(glyphs *gs, int min_rows, const bx_patterns *pat)
{
    bx_grid *g = bx_borderless_grid(gs->g, gs->n, NULL, -1, 1000, min_rows, NULL, 0, pat);
    if (g) {
        unsigned char used[512] = {0};
        bx_grid_fill(g, gs->g, gs->n, used);
    }
    return g;
}

static const char *text_at(const bx_grid *g, int r, int c) { return bx_grid_at(g, r, c)->text; }

/* code | name (flush left) | two amount columns (flush right), a header
 * line above; the last row is 合计, its label reaching from the codes
 * into the white space before the names. */
static void put_classification(glyphs *gs)
{
    put(gs, "科目名称", 40, 0);
    put(gs, "合计", 120, 0);
    put(gs, "基本支出", 170, 0);
    put(gs, "201", 0, 15);
    put(gs, "一般公共服务", 40, 15);
    put_right(gs, "100.00", 150, 15);
    put_right(gs, "50.00", 200, 15);
    put(gs, "20101", 0, 30);
    put(gs, "人大事务", 40, 30);
    put_right(gs, "60.00", 150, 30);
    put_right(gs, "8.00", 200, 30);
    put(gs, "合计", 26, 45);
    put_right(gs, "160.00", 150, 45);
    put_right(gs, "58.00", 200, 45);
}

static void test_columns_from_shared_white_space(void **state)
{
    (void)state;
    bx_patterns *pat = patterns();
    glyphs gs = {.n = 0};
    put_classification(&gs);
    bx_grid *g = read_table(&gs, 2, pat);
    assert_non_null(g);
    assert_int_equal(bx_grid_cols(g), 4);
    assert_int_equal(bx_grid_rows(g), 4);
    assert_int_equal(g->unruled, 1);
    assert_string_equal(text_at(g, 0, 1), "科目名称");
    assert_string_equal(text_at(g, 0, 2), "合计");
    assert_string_equal(text_at(g, 0, 3), "基本支出"); /* centred over the amounts' left gap */
    assert_string_equal(text_at(g, 1, 0), "201");
    assert_string_equal(text_at(g, 1, 1), "一般公共服务");
    assert_string_equal(text_at(g, 1, 2), "100.00");
    assert_string_equal(text_at(g, 2, 3), "8.00");
    /* the totals label crosses the code/name line: one cell over both */
    /* the totals label reaches past the codes into the white space before
     * the names: the column line is drawn clear of it, so it stays whole */
    assert_string_equal(text_at(g, 3, 0), "合计");
    assert_string_equal(text_at(g, 3, 1), "");
    assert_string_equal(text_at(g, 3, 2), "160.00");
    assert_int_equal(bx_header_rows(g, 0, pat), 1);
    bx_grid_free(g);
    bx_patterns_free(pat);
}

/* An amount wrapped inside a narrow column: its second line touches the
 * first, so the row stays one row and the cell reads as one number. */
static void test_wrapped_amount_stays_in_its_row(void **state)
{
    (void)state;
    bx_patterns *pat = patterns();
    glyphs gs = {.n = 0};
    put_classification(&gs);
    put(&gs, "20102", 0, 60);
    put(&gs, "政协事务", 40, 60);
    put_right(&gs, "12345.", 150, 60);
    put_right(&gs, "67", 150, 69);
    put_right(&gs, "9.00", 200, 64);
    bx_grid *g = read_table(&gs, 2, pat);
    assert_non_null(g);
    assert_int_equal(bx_grid_rows(g), 5);
    assert_string_equal(text_at(g, 4, 2), "12345.67");
    assert_string_equal(text_at(g, 4, 3), "9.00");
    bx_grid_free(g);
    bx_patterns_free(pat);
}

/* 类 | 款 | 项 with no 项 code in any row: the column is still there, named
 * on the header's bottom line; 功能分类 above spans and adds none. */
static void test_empty_column_from_header_bottom_line(void **state)
{
    (void)state;
    bx_patterns *pat = patterns();
    glyphs gs = {.n = 0};
    put(&gs, "功能分类", 5, 0);
    put(&gs, "类", 3, 11);
    put(&gs, "款", 22, 11);
    put(&gs, "项", 38, 11);
    put(&gs, "科目名称", 50, 11);
    put(&gs, "合计", 130, 11);
    put(&gs, "基本支出", 165, 11);
    const char *names[] = {"教育支出", "普通教育", "学前教育"};
    for (int r = 0; r < 3; r++) {
        double y = 26 + 15 * r;
        put(&gs, "205", 0, y);
        if (r > 0)
            put(&gs, "01", 20, y);
        put(&gs, names[r], 50, y);
        put_right(&gs, "10.00", 150, y);
        put_right(&gs, "4.00", 190, y);
    }
    bx_grid *g = read_table(&gs, 2, pat);
    assert_non_null(g);
    assert_int_equal(bx_grid_cols(g), 6);
    assert_string_equal(text_at(g, 3, 1), "01");
    assert_string_equal(text_at(g, 3, 2), "");
    assert_string_equal(text_at(g, 3, 3), "学前教育");
    bx_grid_free(g);
    bx_patterns_free(pat);
}

/* Paragraphs under a heading: each line one run across the page, figures
 * inside sentences. No table. */
static void test_prose_is_no_table(void **state)
{
    (void)state;
    bx_patterns *pat = patterns();
    glyphs gs = {.n = 0};
    put(&gs, "一、收入预算总额为100.00万元，比上年增加5.00万元。", 0, 0);
    put(&gs, "二、支出预算总额为100.00万元，其中基本支出60.00万元。", 0, 15);
    put(&gs, "三、项目支出40.00万元，主要用于日常运转。", 0, 30);
    put(&gs, "2024", 0, 45);
    assert_null(read_table(&gs, 2, pat));
    bx_patterns_free(pat);
}

/* name | amount | remark: one amount column is not enough evidence for a
 * table of its own, but is for the last rows of a table the page broke. */
static void test_one_amount_column_only_runs_on(void **state)
{
    (void)state;
    bx_patterns *pat = patterns();
    glyphs gs = {.n = 0};
    const char *names[] = {"办公费", "印刷费", "邮电费"};
    for (int r = 0; r < 3; r++) {
        put(&gs, names[r], 0, 15.0 * r);
        put_right(&gs, "12.50", 80, 15.0 * r);
        put(&gs, "日常", 100, 15.0 * r);
    }
    assert_null(read_table(&gs, 2, pat));
    bx_grid *g = read_table(&gs, 1, pat);
    assert_non_null(g);
    assert_int_equal(bx_grid_cols(g), 3);
    assert_int_equal(bx_grid_rows(g), 3);
    bx_grid_free(g);
    bx_patterns_free(pat);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_columns_from_shared_white_space),
        cmocka_unit_test(test_wrapped_amount_stays_in_its_row),
        cmocka_unit_test(test_empty_column_from_header_bottom_line),
        cmocka_unit_test(test_prose_is_no_table),
        cmocka_unit_test(test_one_amount_column_only_runs_on),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
