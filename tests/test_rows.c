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

/* Cuts one_row()'s items and fills the cells. */
static bx_grid *cut_and_fill(const glyphs *gs)
{
    bx_grid *g = bx_grid_split_rows(one_row(), gs->g, gs->n);
    unsigned char used[512] = {0};
    bx_grid_fill(g, gs->g, gs->n, used);
    return g;
}

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
    bx_grid *g = cut_and_fill(&gs);
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
    bx_grid *g = cut_and_fill(&gs);
    assert_int_equal(bx_grid_rows(g), 1);
    assert_string_equal(text_at(g, 0, 1), "9509.12");
    bx_grid_free(g);
}

static void test_short_line_is_no_wrapped_value(void **state)
{
    (void)state;
    glyphs gs = {.n = 0};
    /* Taiwan's plan tables: one amount column, items set line under line
     * with no white space between; "15" / "1,721" would join into the
     * number "151,721", but "15" fills a sixth of its cell, and a value
     * wraps only at a full line */
    put(&gs, "2036按日按件計資酬金", 2, 10);
    put(&gs, "15", 108, 10);
    put(&gs, "2039委辦費", 2, 21);
    put(&gs, "1,721", 93, 21);
    bx_grid *g = cut_and_fill(&gs);
    assert_int_equal(bx_grid_rows(g), 2);
    assert_string_equal(text_at(g, 0, 1), "15");
    assert_string_equal(text_at(g, 1, 1), "1,721");
    bx_grid_free(g);
}

static void test_amount_beside_its_remark_starts_a_row(void **state)
{
    (void)state;
    glyphs gs = {.n = 0};
    /* Taipei's plan tables: an item's detail line (數量 1 | 600) then,
     * after white space, the next item's amount with only its remark beside
     * it (112,120 | 01-111年個人電腦租賃費): two items of one ruled row */
    put(&gs, "1", 50, 5);
    put(&gs, "600", 103, 5);
    put(&gs, "增列進位數", 122, 5);
    put(&gs, "112,120", 83, 40);
    put(&gs, "01-111年", 122, 40);
    put(&gs, "租賃費", 122, 51);
    bx_grid *g = cut_and_fill(&gs);
    assert_int_equal(bx_grid_rows(g), 2);
    assert_string_equal(text_at(g, 0, 1), "600");
    assert_string_equal(text_at(g, 1, 1), "112,120");
    assert_string_equal(text_at(g, 1, 2), "01-111年租賃費");
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


static void test_amount_line_starts_a_row_and_names_continue_it(void **state)
{
    (void)state;
    glyphs gs = {.n = 0};
    /* the code on the amount line, the name wrapped below it in tight
     * leading (2 pt), the next item right under it (歲入來源別預算表) */
    put(&gs, "0401", 2, 5);
    put(&gs, "1,200", 62, 5);
    put(&gs, "900", 122, 5);
    put(&gs, "財產", 2, 16);
    put(&gs, "收入", 2, 27);
    put(&gs, "0402", 2, 38);
    put(&gs, "60", 62, 38);
    put(&gs, "30", 122, 38);
    put(&gs, "租金", 2, 49);
    bx_grid *g = cut_and_fill(&gs);
    assert_int_equal(bx_grid_rows(g), 2);
    assert_string_equal(text_at(g, 0, 0), "0401財產收入");
    assert_string_equal(text_at(g, 1, 0), "0402租金");
    assert_string_equal(text_at(g, 1, 1), "60");
    bx_grid_free(g);
}

static void test_section_label_is_a_row_of_its_own(void **state)
{
    (void)state;
    glyphs gs = {.n = 0};
    /* a label with no amounts, white space above and below it wider than
     * the leading (公務車輛明細表's 現有車輛 / 本年度新增車輛) */
    put(&gs, "現有車輛", 2, 5);
    put(&gs, "小客車", 2, 30);
    put(&gs, "11,230", 62, 30);
    put(&gs, "51,000", 122, 30);
    put(&gs, "新增車輛", 2, 55);
    put(&gs, "油電車", 2, 80);
    put(&gs, "7,120", 62, 80);
    put(&gs, "8,500", 122, 80);
    bx_grid *g = cut_and_fill(&gs);
    assert_int_equal(bx_grid_rows(g), 4);
    assert_string_equal(text_at(g, 0, 0), "現有車輛");
    assert_string_equal(text_at(g, 0, 1), "");
    assert_string_equal(text_at(g, 1, 0), "小客車");
    assert_string_equal(text_at(g, 2, 0), "新增車輛");
    assert_string_equal(text_at(g, 3, 2), "8,500");
    assert_int_equal(g->items_row, 0);
    bx_grid_free(g);
}

static void test_name_around_its_amount_line_is_one_row(void **state)
{
    (void)state;
    glyphs gs = {.n = 0};
    /* a two-line name centred on its amount line: the first name line
     * above the amounts, the second below (各項費用彙計表) */
    put(&gs, "服務費用", 2, 5);
    put(&gs, "－", 62, 5);
    put(&gs, "－", 122, 5);
    put(&gs, "會費、捐助", 2, 26);
    put(&gs, "9,095", 62, 31);
    put(&gs, "2,300", 122, 31);
    put(&gs, "與交流費", 2, 36);
    put(&gs, "捐助", 2, 60);
    put(&gs, "2,595", 62, 60);
    put(&gs, "2,300", 122, 60);
    bx_grid *g = cut_and_fill(&gs);
    assert_int_equal(bx_grid_rows(g), 3);
    assert_string_equal(text_at(g, 0, 0), "服務費用");
    assert_string_equal(text_at(g, 0, 1), "－");
    assert_string_equal(text_at(g, 1, 0), "會費、捐助與交流費");
    assert_string_equal(text_at(g, 1, 1), "9,095");
    assert_string_equal(text_at(g, 2, 0), "捐助");
    bx_grid_free(g);
}

static void test_close_set_items_are_not_one_wrapped_value(void **state)
{
    (void)state;
    glyphs gs = {.n = 0};
    /* items 12 pt apart (3 pt of white space, less than the leading test
     * allows), each amount beside amounts of its own: "106" / "106" would
     * join into a number, yet they are two items */
    put(&gs, "雜項收入", 2, 5);
    put(&gs, "106", 62, 5);
    put(&gs, "78,807", 122, 5);
    put(&gs, "其他收入", 2, 17);
    put(&gs, "106", 62, 17);
    put(&gs, "78,701", 122, 17);
    bx_grid *g = cut_and_fill(&gs);
    assert_int_equal(bx_grid_rows(g), 2);
    assert_string_equal(text_at(g, 0, 1), "106");
    assert_string_equal(text_at(g, 1, 2), "78,701");
    bx_grid_free(g);
}

static void test_remark_paragraph_continues_its_row(void **state)
{
    (void)state;
    /* name | amount | amount | remarks: item 1's remark has a second
     * paragraph after a blank line; it is not a row (a label would be) */
    double *xs = malloc(5 * sizeof *xs), *ys = malloc(2 * sizeof *ys);
    xs[0] = 0, xs[1] = 60, xs[2] = 120, xs[3] = 180, xs[4] = 260;
    ys[0] = 0, ys[1] = 120;
    unsigned char v[5] = {1, 1, 1, 1, 1}, h[8] = {1, 1, 1, 1, 1, 1, 1, 1};
    bx_grid *g = bx_grid_from_borders(xs, 5, ys, 2, v, h);
    glyphs gs = {.n = 0};
    put(&gs, "行政管理", 2, 5);
    put(&gs, "137,984", 62, 5);
    put(&gs, "131,602", 122, 5);
    put(&gs, "一、本科目", 182, 5);
    put(&gs, "二、比較", 182, 30);
    put(&gs, "增加6,382", 182, 41);
    put(&gs, "統計業務", 2, 70);
    put(&gs, "5,742", 62, 70);
    put(&gs, "6,342", 122, 70);
    g = bx_grid_split_rows(g, gs.g, gs.n);
    unsigned char used[256] = {0};
    bx_grid_fill(g, gs.g, gs.n, used);
    assert_int_equal(bx_grid_rows(g), 2);
    assert_string_equal(text_at(g, 0, 3), "一、本科目二、比較增加6,382");
    assert_string_equal(text_at(g, 1, 0), "統計業務");
    bx_grid_free(g);
}

/* A ruled box of three header cells side by side, 30 pt wide each. */
static bx_grid *three_cells(void)
{
    double *xs = malloc(4 * sizeof *xs), *ys = malloc(2 * sizeof *ys);
    xs[0] = 0, xs[1] = 30, xs[2] = 60, xs[3] = 90;
    ys[0] = 0, ys[1] = 80;
    unsigned char v[4] = {1, 1, 1, 1}, h[6] = {1, 1, 1, 1, 1, 1};
    return bx_grid_from_borders(xs, 4, ys, 2, v, h);
}

/* Puts the characters of s one under another from (x, y), 10 pt apart. */
static void put_down(glyphs *gs, const char *s, double x, double y)
{
    char one[8];
    while (*s) {
        size_t len = 1;
        while ((s[len] & 0xC0) == 0x80)
            len++;
        memcpy(one, s, len);
        one[len] = '\0';
        put(gs, one, x, y);
        y += 10;
        s += len;
    }
}

static void test_two_column_vertical_label_reads_by_column(void **state)
{
    (void)state;
    glyphs gs = {.n = 0};
    /* beside a label set one character per line, a label set in two
     * character columns: 對家庭及民 / 間非營利機構 (the short column on the
     * right ends higher) and 機器及 / 其他設備 (the right one is longer) */
    put_down(&gs, "非住宅", 2, 2);
    put_down(&gs, "對家庭及民間", 32, 2);
    put_down(&gs, "非營利機構", 37, 2);
    put_down(&gs, "機器及", 62, 2);
    put_down(&gs, "其他設備", 67, 2);
    bx_grid *g = three_cells();
    unsigned char used[256] = {0};
    bx_grid_fill(g, gs.g, gs.n, used);
    assert_string_equal(text_at(g, 0, 0), "非住宅");
    assert_string_equal(text_at(g, 0, 1), "對家庭及民間非營利機構");
    assert_string_equal(text_at(g, 0, 2), "機器及其他設備");
    bx_grid_free(g);
}

/* Two rows of three cells, 80 pt tall each. */
static bx_grid *two_rows(void)
{
    double *xs = malloc(4 * sizeof *xs), *ys = malloc(3 * sizeof *ys);
    xs[0] = 0, xs[1] = 30, xs[2] = 60, xs[3] = 90;
    ys[0] = 0, ys[1] = 80, ys[2] = 160;
    unsigned char v[8] = {1, 1, 1, 1, 1, 1, 1, 1}, h[9] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    return bx_grid_from_borders(xs, 4, ys, 3, v, h);
}

static void test_vertical_header_leaves_body_text_by_line(void **state)
{
    (void)state;
    glyphs gs = {.n = 0};
    /* a header set upright one character per line (一級指標), and in the
     * body row under it a narrow cell wrapping 預算支出標準 two characters
     * a line: the body cell is text, read line by line (bxgen's indicator
     * tables under upright headers found it read as columns) */
    put_down(&gs, "一級指標", 12, 2);
    put(&gs, "預算", 62, 82);
    put(&gs, "支出", 62, 92);
    put(&gs, "標準", 62, 102);
    bx_grid *g = two_rows();
    unsigned char used[256] = {0};
    bx_grid_fill(g, gs.g, gs.n, used);
    assert_string_equal(text_at(g, 0, 0), "一級指標");
    assert_string_equal(text_at(g, 1, 2), "預算支出標準");
    bx_grid_free(g);
}

static void test_wrapped_horizontal_label_stays_by_line(void **state)
{
    (void)state;
    glyphs gs = {.n = 0};
    /* beside a vertical label, a narrow cell wrapping 車輛保險費 two
     * characters a line, its short last line centred: read line by line;
     * without a vertical label beside it, a two-column stack is too */
    put_down(&gs, "養護費", 2, 2);
    put(&gs, "車輛", 32, 2);
    put(&gs, "保險", 32, 12);
    put(&gs, "費", 34.5, 22);
    put(&gs, "對家", 62, 2);
    put(&gs, "庭及", 62, 12);
    put(&gs, "民間", 62, 22);
    bx_grid *g = three_cells();
    unsigned char used[256] = {0};
    bx_grid_fill(g, gs.g, gs.n, used);
    assert_string_equal(text_at(g, 0, 1), "車輛保險費");
    assert_string_equal(text_at(g, 0, 2), "對庭民家及間");
    bx_grid_free(g);
    /* the same cells with no one-per-line label in the grid */
    glyphs flat = {.n = 0};
    put(&flat, "對家", 62, 2);
    put(&flat, "庭及", 62, 12);
    put(&flat, "民間", 62, 22);
    g = three_cells();
    bx_grid_fill(g, flat.g, flat.n, used);
    assert_string_equal(text_at(g, 0, 2), "對家庭及民間");
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
        cmocka_unit_test(test_short_line_is_no_wrapped_value),
        cmocka_unit_test(test_amount_beside_its_remark_starts_a_row),
        cmocka_unit_test(test_misaligned_single_values_keep_their_row),
        cmocka_unit_test(test_cut_avoids_running_remarks),
        cmocka_unit_test(test_amount_line_starts_a_row_and_names_continue_it),
        cmocka_unit_test(test_section_label_is_a_row_of_its_own),
        cmocka_unit_test(test_name_around_its_amount_line_is_one_row),
        cmocka_unit_test(test_close_set_items_are_not_one_wrapped_value),
        cmocka_unit_test(test_remark_paragraph_continues_its_row),
        cmocka_unit_test(test_two_column_vertical_label_reads_by_column),
        cmocka_unit_test(test_wrapped_horizontal_label_stays_by_line),
        cmocka_unit_test(test_vertical_header_leaves_body_text_by_line),
        cmocka_unit_test(test_outlined_glyph_boxes_are_not_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
