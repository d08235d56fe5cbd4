/* model/rows.c: cutting ruled rows that hold several unruled items. The
 * glyphs are placed by hand; each case says which layout it models. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "glyphs.h"
#include "grid.h"

/* One ruled row of three columns: name | amount | amount, 100 pt tall. */
static bx_grid *one_row(void)
{
    double *xs = malloc(4 * sizeof *xs), *ys = malloc(2 * sizeof *ys);
    xs[0] = 0, xs[1] = 60, xs[2] = 120, xs[3] = 180;
    ys[0] = 0, ys[1] = 100;
    unsigned char v[4] = {1, 1, 1, 1}, h[6] = {1, 1, 1, 1, 1, 1};
    return bx_grid_from_borders(xs, 4, ys, 2, v, h);
}

static const char *text_at(const bx_grid *g, int r, int c) { return bx_grid_at(g, r, c)->text; }

static void test_items_in_one_ruled_row_are_cut(void **state)
{
    (void)state;
    glyphs gs = {.n = 0};
    /* two items, each a code line above a name line with its amounts */
    put(&gs, "0701", 2, 5);
    put(&gs, "财产收入", 2, 16);
    put(&gs, "66,956", 62, 16);
    put(&gs, "55,170", 122, 16);
    put(&gs, "0702", 2, 40);
    put(&gs, "利息收入", 2, 51);
    put(&gs, "1,400", 62, 51);
    put(&gs, "70", 122, 51);
    bx_grid *g = bx_grid_split_rows(one_row(), gs.g, gs.n);
    unsigned char used[256] = {0};
    bx_grid_fill(g, gs.g, gs.n, used);
    assert_int_equal(bx_grid_rows(g), 2);
    assert_string_equal(text_at(g, 0, 0), "0701财产收入");
    assert_string_equal(text_at(g, 0, 1), "66,956");
    assert_string_equal(text_at(g, 1, 0), "0702利息收入");
    assert_string_equal(text_at(g, 1, 2), "70");
    bx_grid_free(g);
}

static void test_wrapped_number_keeps_its_row(void **state)
{
    (void)state;
    glyphs gs = {.n = 0};
    /* a narrow cell wraps "9509.12" after "9509.1"; tight leading */
    put(&gs, "办公费", 2, 10);
    put(&gs, "9509.1", 62, 10);
    put(&gs, "2", 62, 20);
    put(&gs, "100.00", 122, 15);
    bx_grid *g = bx_grid_split_rows(one_row(), gs.g, gs.n);
    unsigned char used[256] = {0};
    bx_grid_fill(g, gs.g, gs.n, used);
    assert_int_equal(bx_grid_rows(g), 1);
    assert_string_equal(text_at(g, 0, 1), "9509.12");
    bx_grid_free(g);
}

static void test_misaligned_single_values_keep_their_row(void **state)
{
    (void)state;
    glyphs gs = {.n = 0};
    /* one value per column, one top-aligned and one bottom-aligned */
    put(&gs, "机关事业单位基本", 2, 5);
    put(&gs, "养老保险缴费", 2, 16);
    put(&gs, "160.75", 62, 5);
    put(&gs, "80.38", 122, 80);
    bx_grid *g = bx_grid_split_rows(one_row(), gs.g, gs.n);
    assert_int_equal(bx_grid_rows(g), 1);
    bx_grid_free(g);
}

static void test_cut_avoids_running_remarks(void **state)
{
    (void)state;
    /* name | amount | amount | remarks: item 1's remark runs on for three
     * lines, ending before item 2's code line; the cut must fall after it */
    double *xs = malloc(5 * sizeof *xs), *ys = malloc(2 * sizeof *ys);
    xs[0] = 0, xs[1] = 60, xs[2] = 120, xs[3] = 180, xs[4] = 260;
    ys[0] = 0, ys[1] = 120;
    unsigned char v[5] = {1, 1, 1, 1, 1}, h[8] = {1, 1, 1, 1, 1, 1, 1, 1};
    bx_grid *g = bx_grid_from_borders(xs, 5, ys, 2, v, h);
    glyphs gs = {.n = 0};
    put(&gs, "利息收入", 2, 5);
    put(&gs, "1,400", 62, 5);
    put(&gs, "70", 122, 5);
    put(&gs, "本年度预算数", 182, 5);
    put(&gs, "系利息收入", 182, 16);
    put(&gs, "等收入。", 182, 27);
    put(&gs, "0702", 2, 50);
    put(&gs, "权利金", 2, 61);
    put(&gs, "65,000", 62, 61);
    put(&gs, "55,000", 122, 61);
    g = bx_grid_split_rows(g, gs.g, gs.n);
    unsigned char used[256] = {0};
    bx_grid_fill(g, gs.g, gs.n, used);
    assert_int_equal(bx_grid_rows(g), 2);
    assert_string_equal(text_at(g, 0, 3), "本年度预算数系利息收入等收入。");
    assert_string_equal(text_at(g, 1, 0), "0702权利金");
    bx_grid_free(g);
}

/* A 2 x 2 ruled box from x0,y0 with cells w x h, as rules. */
static size_t box_rules(bx_rule *r, double x0, double y0, double w, double h)
{
    size_t n = 0;
    for (int i = 0; i < 3; i++) {
        r[n++] = (bx_rule){BX_RULE_H, y0 + i * h, x0, x0 + 2 * w, 0.5};
        r[n++] = (bx_rule){BX_RULE_V, x0 + i * w, y0, y0 + 2 * h, 0.5};
    }
    return n;
}

static void test_outlined_glyph_boxes_are_not_tables(void **state)
{
    (void)state;
    /* a 36 pt title glyph drawn as outlines: its strokes make 8 pt boxes
     * that cut through the glyph; a real 2 x 2 table holds its glyphs */
    bx_rule rules[24];
    size_t n = box_rules(rules, 100, 100, 8, 8);
    n += box_rules(rules + n, 100, 300, 60, 20);
    glyphs gs = {.n = 0};
    put(&gs, "中", 95, 95);
    gs.g[0].box = (bx_box){94, 94, 130, 130};
    put(&gs, "合计", 105, 305);
    bx_page page = {.number = 1, .width = 595, .height = 842, .glyphs = gs.g, .n_glyphs = gs.n,
                    .rules = rules, .n_rules = n};
    unsigned char used[256] = {0};
    bx_grid **grids;
    int count = bx_page_grids(&page, used, &grids);
    assert_int_equal(count, 1);
    assert_true(grids[0]->ys[0] > 250);
    assert_false(used[0]);
    assert_true(used[1]);
    bx_grids_free(grids, count);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_items_in_one_ruled_row_are_cut),
        cmocka_unit_test(test_wrapped_number_keeps_its_row),
        cmocka_unit_test(test_misaligned_single_values_keep_their_row),
        cmocka_unit_test(test_cut_avoids_running_remarks),
        cmocka_unit_test(test_outlined_glyph_boxes_are_not_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
