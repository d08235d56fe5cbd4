/* Tables over several pages, on small synthetic pages.
 * model/spread.c: a table printed over facing pages. Two A4 pages: on the
 * left the title's first half ends at the grid's right edge (the gutter),
 * on the right its second half starts at the grid's left edge, at the same
 * height; both grids share their top and bottom.
 * model/pagebreak.c: a 說明 carried over the page break to the top of the
 * next page's first row.
 * model/continued.c: (續) pages that print more columns of the same rows. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bx_normalize.h"
#include "glyphs.h"
#include "continued.h"
#include "pagebreak.h"
#include "spread.h"

/* Full rules of a grid: every column line and row line across it. */
static size_t grid_rules(bx_rule *r, const double *xs, int nx, const double *ys, int ny)
{
    size_t n = 0;
    for (int i = 0; i < nx; i++)
        r[n++] = (bx_rule){BX_RULE_V, xs[i], ys[0], ys[ny - 1], 0.5};
    for (int i = 0; i < ny; i++)
        r[n++] = (bx_rule){BX_RULE_H, ys[i], xs[0], xs[nx - 1], 0.5};
    return n;
}

typedef struct {
    glyphs gs;
    bx_rule rules[32];
    bx_page page;
    bx_grid **grids;
    int n_grids;
    bx_line *lines;
    size_t n_lines;
} sheet;

/* Reads the page's grids and the lines outside them, as the report does. */
static void read_sheet(sheet *s, int number, size_t n_rules)
{
    s->page = (bx_page){.number = number, .width = 595, .height = 842, .glyphs = s->gs.g,
                        .n_glyphs = s->gs.n, .rules = s->rules, .n_rules = n_rules};
    unsigned char used[512] = {0};
    s->n_grids = bx_page_grids(&s->page, used, &s->grids);
    s->n_lines = bx_lines_build(s->gs.g, s->gs.n, used, &s->lines);
}

static void sheet_free(sheet *s)
{
    bx_grids_free(s->grids, s->n_grids);
    bx_lines_free(s->lines, s->n_lines);
}

/* The left half: 項目 | 甲基金, the title's first half flush right at 550. */
static void left_page(sheet *s)
{
    static const double xs[] = {40, 300, 550}, ys[] = {100, 120, 200};
    s->gs.n = 0;
    put(&s->gs, "基金來源、用途", 550 - 7 * 5, 60);
    put(&s->gs, "項目", 50, 105);
    put(&s->gs, "甲基金", 310, 105);
    put(&s->gs, "基金來源", 50, 125);
    put(&s->gs, "1,000", 500, 125);
    read_sheet(s, 48, grid_rules(s->rules, xs, 3, ys, 3));
}

/* The right half: 乙基金 | 合計 from x = 76; its title piece starts at
 * title_x, its grid's top at top. */
static void right_page(sheet *s, double title_x, double top)
{
    const double xs[] = {76, 200, 350}, ys[] = {top, top + 20, 200};
    s->gs.n = 0;
    put(&s->gs, "及餘絀預計表", title_x, 60);
    put(&s->gs, "單位：新臺幣千元", 270, 88);
    put(&s->gs, "乙基金", 86, top + 5);
    put(&s->gs, "合計", 210, top + 5);
    put(&s->gs, "2,000", 160, top + 25);
    put(&s->gs, "3,000", 310, top + 25);
    read_sheet(s, 49, grid_rules(s->rules, xs, 3, ys, 3));
}

static bx_patterns *patterns(void)
{
    bx_patterns *p;
    bx_error err = {0};
    assert_int_equal(bx_patterns_new(&p, &err), BX_OK);
    return p;
}

static void test_facing_pages_are_one_table(void **state)
{
    (void)state;
    bx_patterns *pat = patterns();
    sheet l, r;
    left_page(&l);
    right_page(&r, 76, 100);
    assert_int_equal(l.n_grids, 1);
    assert_true(bx_spread_left_half(l.grids[0], l.lines, l.n_lines, pat));
    /* the right half carries a title of its own: it starts no spread */
    assert_false(bx_spread_left_half(r.grids[0], r.lines, r.n_lines, pat));
    double offset =
        bx_spread_offset(l.grids[0], l.lines, l.n_lines, r.grids[0], r.lines, r.n_lines, pat);
    assert_true(fabs(offset - (550 - 76)) < 0.01);

    /* joined, the pages hold one grid of four columns and the whole title */
    bx_page *both = bx_pages_join(&l.page, &r.page, offset);
    unsigned char used[512] = {0};
    bx_grid **grids;
    int n = bx_page_grids(both, used, &grids);
    assert_int_equal(n, 1);
    assert_int_equal(bx_grid_cols(grids[0]), 4);
    assert_string_equal(bx_grid_at(grids[0], 0, 2)->text, "乙基金");
    assert_string_equal(bx_grid_at(grids[0], 1, 0)->text, "基金來源");
    assert_string_equal(bx_grid_at(grids[0], 1, 3)->text, "3,000");
    bx_line *lines;
    size_t n_lines = bx_lines_build(both->glyphs, both->n_glyphs, used, &lines);
    int title = 0;
    for (size_t i = 0; i < n_lines; i++)
        title |= strcmp(lines[i].text, "基金來源、用途及餘絀預計表") == 0;
    assert_true(title);
    bx_lines_free(lines, n_lines);
    bx_grids_free(grids, n);
    bx_page_free(both);
    sheet_free(&l);
    sheet_free(&r);
    bx_patterns_free(pat);
}

static void test_pages_that_do_not_face_stay_apart(void **state)
{
    (void)state;
    bx_patterns *pat = patterns();
    sheet l, r;
    left_page(&l);
    /* the next page's title centred, not cut at the gutter */
    right_page(&r, 250, 100);
    assert_true(isnan(
        bx_spread_offset(l.grids[0], l.lines, l.n_lines, r.grids[0], r.lines, r.n_lines, pat)));
    sheet_free(&r);
    /* a cut title, but the grid starts lower: another table */
    right_page(&r, 76, 130);
    assert_true(isnan(
        bx_spread_offset(l.grids[0], l.lines, l.n_lines, r.grids[0], r.lines, r.n_lines, pat)));
    sheet_free(&r);
    sheet_free(&l);
    bx_patterns_free(pat);
}

/* Columns code | name | amount | 說明, as a continued page prints them. */
static const double break_xs[] = {40, 100, 200, 300, 500};

static void test_carried_remark_is_cut_from_the_row(void **state)
{
    (void)state;
    glyphs gs = {.n = 0};
    /* the end of the last row's 說明, then the page's first row */
    put(&gs, "105,000元。", 302, 110);
    put(&gs, "(4)其他合共", 302, 121);
    put(&gs, "03", 42, 140);
    put(&gs, "一般建築", 102, 140);
    put(&gs, "448", 202, 140);
    put(&gs, "設備", 102, 151);
    double cut = bx_carried_cut(gs.g, gs.n, break_xs, 5, 105, 200);
    assert_false(isnan(cut));
    assert_true(cut > 130 && cut < 140);
    char **above = bx_columns_text(gs.g, gs.n, break_xs, 5, 105, cut);
    char **below = bx_columns_text(gs.g, gs.n, break_xs, 5, cut, 200);
    assert_string_equal(above[3], "105,000元。(4)其他合共");
    assert_string_equal(above[0], "");
    assert_string_equal(below[0], "03");
    assert_string_equal(below[1], "一般建築設備");
    assert_string_equal(below[2], "448");
    assert_string_equal(below[3], "");
    for (int j = 0; j < 4; j++) {
        free(above[j]);
        free(below[j]);
    }
    free(above);
    free(below);
}

static void test_row_starting_on_its_page_carries_nothing(void **state)
{
    (void)state;
    glyphs gs = {.n = 0};
    /* a name printed above its centred amount line is the row's own */
    put(&gs, "公共關係", 102, 110);
    put(&gs, "33010015700", 42, 121);
    put(&gs, "4,330", 202, 121);
    put(&gs, "業務", 102, 132);
    assert_true(isnan(bx_carried_cut(gs.g, gs.n, break_xs, 5, 105, 200)));
    /* and a first line holding an amount leaves nothing above it */
    gs.n = 0;
    put(&gs, "03", 42, 110);
    put(&gs, "448", 202, 110);
    put(&gs, "本年度編列", 302, 110);
    put(&gs, "個人電腦", 302, 121);
    assert_true(isnan(bx_carried_cut(gs.g, gs.n, break_xs, 5, 105, 200)));
    /* nor does an amount wrapped in a narrow last cell, its first piece
     * printed above the row's centred line */
    gs.n = 0;
    put(&gs, "47,0", 302, 110);
    put(&gs, "23", 42, 121);
    put(&gs, "社会保险", 102, 121);
    put(&gs, "27,9", 302, 121);
    put(&gs, "59.46", 302, 132);
    assert_true(isnan(bx_carried_cut(gs.g, gs.n, break_xs, 5, 105, 200)));
}

/* The first block of a 各項費用彙計表: labels and two work plans. */
static bx_table *first_block(void)
{
    bx_table *t = bx_table_new(3);
    const char *hdr[] = {"科目名稱及編號", "一般行政", "民政業務"};
    bx_table_add_header_row(t, hdr);
    const char *rows[][3] = {{"合計", "1,771,975", "5,669,604"},
                             {"1000人事費", "834", "-"},
                             {"2000業務費", "696,075", "14,877"}};
    for (int r = 0; r < 3; r++)
        bx_table_add_row(t, rows[r]);
    return t;
}

static void test_continued_columns_join_their_rows(void **state)
{
    (void)state;
    bx_table *t = first_block();
    /* the (續) page: the same labels, a new work plan, one row it lacks */
    char *hdr[] = {"科目名稱及編號", "土地測量"};
    char *body[] = {"合計", "1,006,592", "1000人事費", "834", "2000業務費", "696,075",
                    "6000預備金", "27,000"};
    assert_int_equal(bx_table_label_matches(t, 1, body, 4, 2), 3);
    assert_int_equal(bx_table_join_columns(t, t->n_cols, 1, hdr, body, 4, 2), 3);
    assert_int_equal(t->n_cols, 4);
    assert_int_equal(t->n_rows, 4);
    assert_string_equal(bx_table_header_cell(t, 0, 3), "土地測量");
    assert_string_equal(bx_table_cell(t, 0, 1), "1,771,975");
    assert_string_equal(bx_table_cell(t, 0, 3), "1,006,592");
    assert_string_equal(bx_table_cell(t, 2, 3), "696,075");
    assert_string_equal(bx_table_cell(t, 3, 0), "6000預備金");
    assert_string_equal(bx_table_cell(t, 3, 1), "");
    assert_string_equal(bx_table_cell(t, 3, 3), "27,000");
    /* a later page of the same block fills the block's column */
    bx_table_add_row(t, (const char *[]){"6005第一預備金", "", "", ""});
    char *more[] = {"6005第一預備金", "27,000"};
    assert_int_equal(bx_table_join_columns(t, 3, 1, hdr, more, 1, 2), 1);
    assert_int_equal(t->n_cols, 4);
    assert_string_equal(bx_table_cell(t, 4, 3), "27,000");
    bx_table_free(t);
}

static void test_other_rows_are_no_block(void **state)
{
    (void)state;
    bx_table *t = first_block();
    char *body[] = {"3000設備及投資", "46,620", "4000獎補助費", "1,250"};
    assert_int_equal(bx_table_label_matches(t, 1, body, 2, 2), 0);
    bx_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_facing_pages_are_one_table),
        cmocka_unit_test(test_pages_that_do_not_face_stay_apart),
        cmocka_unit_test(test_carried_remark_is_cut_from_the_row),
        cmocka_unit_test(test_row_starting_on_its_page_carries_nothing),
        cmocka_unit_test(test_continued_columns_join_their_rows),
        cmocka_unit_test(test_other_rows_are_no_block),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
