/* model/grid: grids from synthetic borders and rules, and glyphs put into
 * their cells. Coordinates are made up; the expected cells follow from the
 * drawings described beside each test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "grid.h"

static double *dup_lines(const double *v, int n)
{
    double *p = malloc((size_t)n * sizeof *p);
    memcpy(p, v, (size_t)n * sizeof *p);
    return p;
}

static void assert_cell(const bx_grid *g, int r, int c, int r0, int c0, int r1, int c1)
{
    const bx_cell *cell = bx_grid_at(g, r, c);
    assert_int_equal(cell->r0, r0);
    assert_int_equal(cell->c0, c0);
    assert_int_equal(cell->r1, r1);
    assert_int_equal(cell->c1, c1);
}

/* A budget header over four columns and three rows:
 *
 *   +------+-----------------------+
 *   | 项目 |        预算数          |   row 0
 *   |      +-------+-------+-------+
 *   |      | 合计  | 基本  | 项目  |   row 1
 *   +------+-------+-------+-------+
 *   | 办公 |  1.00 |  2.00 |  3.00 |   row 2
 *   +------+-------+-------+-------+
 */
static bx_grid *budget_header(void)
{
    static const double xs[] = {0, 100, 200, 300, 400}, ys[] = {0, 20, 40, 60};
    enum { NX = 5, NY = 4 };
    static const unsigned char vline[(NY - 1) * NX] = {
        1, 1, 0, 0, 1, /* row 0: only 项目 | 预算数 */
        1, 1, 1, 1, 1, /* row 1 */
        1, 1, 1, 1, 1, /* row 2 */
    };
    static const unsigned char hline[NY * (NX - 1)] = {
        1, 1, 1, 1, /* top */
        0, 1, 1, 1, /* under 预算数, not under 项目 */
        1, 1, 1, 1, /* under the header */
        1, 1, 1, 1, /* bottom */
    };
    return bx_grid_from_borders(dup_lines(xs, NX), NX, dup_lines(ys, NY), NY, vline, hline);
}

static void test_merged_header_cells(void **state)
{
    (void)state;
    bx_grid *g = budget_header();
    assert_int_equal(bx_grid_rows(g), 3);
    assert_int_equal(bx_grid_cols(g), 4);
    assert_int_equal(g->n_cells, 2 + 3 + 4);
    assert_cell(g, 0, 0, 0, 0, 2, 1); /* 项目 spans two rows */
    assert_cell(g, 1, 0, 0, 0, 2, 1);
    assert_cell(g, 0, 1, 0, 1, 1, 4); /* 预算数 spans three columns */
    assert_cell(g, 0, 3, 0, 1, 1, 4);
    assert_cell(g, 1, 2, 1, 2, 2, 3);
    assert_cell(g, 2, 3, 2, 3, 3, 4);
    for (int i = 0; i < g->n_cells; i++)
        assert_string_equal(g->cells[i].text, "");
    bx_grid_free(g);
}

/* Glyphs of `text` (one character each, ASCII or UTF-8) set on one line from
 * x, each `w` wide, between y0 and y0 + 10. */
static size_t put(bx_glyph *out, const char *text, double x, double y0, double w)
{
    size_t n = 0;
    for (const char *p = text; *p;) {
        size_t len = 1;
        while ((p[len] & 0xC0) == 0x80)
            len++;
        bx_glyph *g = &out[n++];
        memset(g, 0, sizeof *g);
        memcpy(g->text, p, len);
        g->box = (bx_box){x, y0, x + w, y0 + 10};
        g->size = 10;
        x += w;
        p += len;
    }
    return n;
}

static const char *text_at(const bx_grid *g, int r, int c) { return bx_grid_at(g, r, c)->text; }

static void test_glyphs_go_to_their_cells(void **state)
{
    (void)state;
    bx_grid *g = budget_header();
    bx_glyph glyphs[64];
    size_t n = 0;
    n += put(glyphs + n, "项目", 30, 15, 10);   /* centre y = 20: on the hidden line */
    n += put(glyphs + n, "预算数", 230, 5, 10); /* over the middle of the span */
    n += put(glyphs + n, "合计", 130, 25, 10);
    n += put(glyphs + n, "3.00", 370, 45, 5);
    n += put(glyphs + n, "注", 10, 70, 10); /* below the grid */
    unsigned char used[64] = {0};
    bx_grid_fill(g, glyphs, n, used);
    assert_string_equal(text_at(g, 1, 0), "项目");
    assert_string_equal(text_at(g, 0, 2), "预算数");
    assert_string_equal(text_at(g, 1, 1), "合计");
    assert_string_equal(text_at(g, 2, 3), "3.00");
    assert_string_equal(text_at(g, 1, 2), "");
    assert_string_equal(text_at(g, 2, 0), "");
    for (size_t i = 0; i + 1 < n; i++)
        assert_true(used[i]);
    assert_false(used[n - 1]);
    bx_grid_free(g);
}

/* One column, one tall row: what a wrapped cell looks like. */
static bx_grid *one_cell(void)
{
    static const double xs[] = {0, 120}, ys[] = {0, 40};
    static const unsigned char vline[] = {1, 1}, hline[] = {1, 1};
    return bx_grid_from_borders(dup_lines(xs, 2), 2, dup_lines(ys, 2), 2, vline, hline);
}

/* Lines join top to bottom with nothing between them, whatever order the
 * glyphs came in. */
static void fill_lines(const char *first, const char *second, double w, const char *want)
{
    bx_grid *g = one_cell();
    bx_glyph glyphs[64], rev[64];
    size_t n = put(glyphs, first, 2, 5, w);
    n += put(glyphs + n, second, 2, 18, w);
    for (size_t i = 0; i < n; i++)
        rev[i] = glyphs[n - 1 - i];
    unsigned char used[64] = {0};
    bx_grid_fill(g, rev, n, used);
    assert_string_equal(text_at(g, 0, 0), want);
    bx_grid_free(g);
}

static void test_wrapped_cjk_cell(void **state)
{
    (void)state;
    fill_lines("机关事业单位基本养老保", "险缴费支出", 10, "机关事业单位基本养老保险缴费支出");
}

static void test_number_wrapped_mid_digit(void **state)
{
    (void)state;
    fill_lines("9509.1", "2", 5, "9509.12");
}

static void test_wrapped_latin_cell(void **state)
{
    (void)state;
    /* FORMAT.md: all white space goes, line breaks included */
    fill_lines("General", "services", 5, "Generalservices");
}

/* --- bx_grids_find on rule lists ------------------------------------------ */

static size_t rule(bx_rule *r, bx_rule_dir dir, double pos, double from, double to)
{
    *r = (bx_rule){dir, pos, from, to, 0.5};
    return 1;
}

/* Every line of a rows x cols grid (columns 100 wide, rows 20 high, top
 * left at x0, y0), each cell edge drawn on its own with a hairline gap of
 * `gap` before the next piece, as many producers draw them. */
static size_t pieced_grid(bx_rule *r, double x0, double y0, int rows, int cols, double gap)
{
    size_t n = 0;
    for (int i = 0; i <= rows; i++)
        for (int c = 0; c < cols; c++)
            n += rule(r + n, BX_RULE_H, y0 + 20 * i, x0 + 100 * c + gap, x0 + 100 * (c + 1));
    for (int i = 0; i <= cols; i++)
        for (int k = 0; k < rows; k++)
            n += rule(r + n, BX_RULE_V, x0 + 100 * i, y0 + 20 * k + gap, y0 + 20 * (k + 1));
    return n;
}

static void test_collinear_pieces_make_one_grid(void **state)
{
    (void)state;
    bx_rule rules[64];
    size_t n = pieced_grid(rules, 50, 100, 2, 3, 1.0);
    /* a double stroke of the top line, half a point lower */
    n += rule(rules + n, BX_RULE_H, 100.5, 50, 350);
    bx_grid **grids;
    int count = bx_grids_find(rules, n, &grids);
    assert_int_equal(count, 1);
    bx_grid *g = grids[0];
    assert_int_equal(bx_grid_rows(g), 2);
    assert_int_equal(bx_grid_cols(g), 3);
    assert_int_equal(g->n_cells, 6);
    assert_float_equal(g->xs[0], 50, 0.5);
    assert_float_equal(g->xs[3], 350, 0.5);
    assert_float_equal(g->ys[0], 100, 0.5);
    assert_float_equal(g->ys[2], 140, 0.5);
    assert_cell(g, 1, 2, 1, 2, 2, 3);
    bx_grids_free(grids, count);
}

/* Two 2-row blocks drawn one under the other, `gap` points apart. */
static int stacked_blocks(double gap, int *rows_of_first)
{
    bx_rule rules[64];
    size_t n = pieced_grid(rules, 0, 0, 2, 2, 0);
    n += pieced_grid(rules + n, 0, 40 + gap, 2, 2, 0);
    bx_grid **grids;
    int count = bx_grids_find(rules, n, &grids);
    *rows_of_first = count > 0 ? bx_grid_rows(grids[0]) : 0;
    bx_grids_free(grids, count);
    return count;
}

static void test_hairline_gap_joins_wide_gap_splits(void **state)
{
    (void)state;
    int rows;
    /* one point apart: the same table, drawn in two strokes */
    assert_int_equal(stacked_blocks(1.0, &rows), 1);
    assert_int_equal(rows, 4);
    /* eight points apart: two tables */
    assert_int_equal(stacked_blocks(8.0, &rows), 2);
    assert_int_equal(rows, 2);
}

/* A rule that stops short of a row merges the cells on either side there. */
static void test_missing_inner_rule_merges_cells(void **state)
{
    (void)state;
    bx_rule rules[16];
    size_t n = 0;
    n += rule(rules + n, BX_RULE_H, 0, 0, 200);
    n += rule(rules + n, BX_RULE_H, 20, 0, 200);
    n += rule(rules + n, BX_RULE_H, 40, 0, 200);
    n += rule(rules + n, BX_RULE_V, 0, 0, 40);
    n += rule(rules + n, BX_RULE_V, 200, 0, 40);
    n += rule(rules + n, BX_RULE_V, 100, 20, 40); /* only through the second row */
    bx_grid **grids;
    int count = bx_grids_find(rules, n, &grids);
    assert_int_equal(count, 1);
    bx_grid *g = grids[0];
    assert_int_equal(bx_grid_cols(g), 2);
    assert_cell(g, 0, 1, 0, 0, 1, 2);
    assert_cell(g, 1, 1, 1, 1, 2, 2);
    assert_int_equal(g->n_cells, 3);
    bx_grids_free(grids, count);
}

static void test_two_tables_on_one_page(void **state)
{
    (void)state;
    bx_rule rules[128];
    size_t n = 0;
    /* the lower table listed first: the result is top to bottom */
    n += pieced_grid(rules + n, 40, 400, 3, 2, 0.5);
    n += pieced_grid(rules + n, 40, 100, 2, 4, 0.5);
    /* an underline beneath a title and a lone vertical mark: no grid */
    n += rule(rules + n, BX_RULE_H, 80, 40, 300);
    n += rule(rules + n, BX_RULE_V, 500, 600, 700);
    bx_grid **grids;
    int count = bx_grids_find(rules, n, &grids);
    assert_int_equal(count, 2);
    assert_float_equal(grids[0]->ys[0], 100, 0.5);
    assert_int_equal(bx_grid_rows(grids[0]), 2);
    assert_int_equal(bx_grid_cols(grids[0]), 4);
    assert_float_equal(grids[1]->ys[0], 400, 0.5);
    assert_int_equal(bx_grid_rows(grids[1]), 3);
    assert_int_equal(bx_grid_cols(grids[1]), 2);
    bx_grids_free(grids, count);
}

static void test_no_rules_no_grid(void **state)
{
    (void)state;
    bx_grid **grids = NULL;
    int count = bx_grids_find(NULL, 0, &grids);
    assert_int_equal(count, 0);
    bx_grids_free(grids, count);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merged_header_cells),
        cmocka_unit_test(test_glyphs_go_to_their_cells),
        cmocka_unit_test(test_wrapped_cjk_cell),
        cmocka_unit_test(test_number_wrapped_mid_digit),
        cmocka_unit_test(test_wrapped_latin_cell),
        cmocka_unit_test(test_collinear_pieces_make_one_grid),
        cmocka_unit_test(test_hairline_gap_joins_wide_gap_splits),
        cmocka_unit_test(test_missing_inner_rule_merges_cells),
        cmocka_unit_test(test_two_tables_on_one_page),
        cmocka_unit_test(test_no_rules_no_grid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
