/* The template-independent arithmetic (model/checks/arith.c) on hand-made
 * tables in Taiwan's layout and in no template at all: each rule passing,
 * failing and at rounding level, the cells each check compared, the
 * verified share; then `budgetx check` end to end on corpus reports.
 * Expected values are arithmetic done by hand on the tables below, and the
 * printed pages for the corpus. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "bx_model.h"
#include "bx_test_tables.h"

/* A one-table report of n_cols columns: one header row, the rows given. */
static bx_report *report_of(const char *title, const char *unit, size_t n_cols,
                            const char *const *header, const char *const *rows, size_t n_rows)
{
    bx_table *t = bx_table_new(n_cols);
    t->title = bx_xstrdup(title);
    t->unit = unit ? bx_xstrdup(unit) : NULL;
    bx_table_add_page(t, 7);
    bx_table_add_header_row(t, header);
    for (size_t i = 0; i < n_rows; i++)
        bx_table_add_row(t, rows + i * n_cols);
    return bx_test_one_table_report(t);
}

static const bx_check *first(const bx_report *r, const char *rule, bx_check_status status)
{
    for (size_t i = 0; i < r->n_checks; i++)
        if (strcmp(r->checks[i].rule, rule) == 0 && r->checks[i].status == status)
            return &r->checks[i];
    fail_msg("no %s check with status %d", rule, (int)status);
    return NULL;
}

static int has_cell(const bx_check *c, int row, int col)
{
    for (size_t i = 0; i < c->n_cells; i++)
        if (c->cells[i].row == row && c->cells[i].col == col && c->cells[i].table == 0)
            return 1;
    return 0;
}

/* --- Totals and levels by numbering (一、 / (一)) --------------------------- */

static const char *const numbered_header[] = {"科目", "本年度預算數", "上年度預算數"};

static void test_numbered_pass(void **state)
{
    (void)state;
    static const char *const rows[] = {
        "合計", "600", "500",
        "一、規費收入", "400", "300",
        "(一)行政規費", "150", "100",
        "(二)使用規費", "250", "200",
        "二、財產收入", "200", "200",
    };
    bx_report *r = report_of("歲入來源別預算表", "新臺幣千元", 3, numbered_header, rows, 5);
    /* 合計 = 一 + 二 in both columns; 一 = (一) + (二) in both */
    assert_int_equal(bx_test_count(r, "subtotal", BX_CHECK_PASS), 2);
    assert_int_equal(bx_test_count(r, "level_sum", BX_CHECK_PASS), 2);
    assert_int_equal(bx_test_count(r, "subtotal", BX_CHECK_FAIL) + bx_test_count(r, "level_sum", BX_CHECK_FAIL), 0);
    const bx_check *c = first(r, "subtotal", BX_CHECK_PASS);
    assert_int_equal(c->expected, 600LL * 100000); /* 千元 in fen */
    assert_int_equal(c->n_cells, 3);                /* 合計 and the two top lines */
    assert_true(has_cell(c, 0, 1) && has_cell(c, 1, 1) && has_cell(c, 4, 1));
    /* every amount is in a passing sum */
    assert_int_equal(r->tables[0]->n_amounts, 10);
    assert_int_equal(r->tables[0]->n_verified, 10);
    assert_string_equal(r->tables[0]->kind, "tw_revenue_by_source");
    bx_report_free(r);
}

static void test_numbered_fail(void **state)
{
    (void)state;
    static const char *const rows[] = {
        "合計", "600", "500",
        "一、規費收入", "400", "300",
        "(一)行政規費", "150", "100",
        "(二)使用規費", "260", "200", /* 10 千元 too many */
        "二、財產收入", "200", "200",
    };
    bx_report *r = report_of("歲入來源別預算表", "新臺幣千元", 3, numbered_header, rows, 5);
    assert_int_equal(bx_test_count(r, "level_sum", BX_CHECK_FAIL), 1);
    const bx_check *c = first(r, "level_sum", BX_CHECK_FAIL);
    assert_int_equal(c->row, 1);
    assert_int_equal(c->page, 7);
    assert_int_equal(c->actual - c->expected, 10 * 100000);
    /* whole 千元 are rounded: three non-zero amounts, half a 千元 each */
    assert_int_equal(c->tolerance, 150000);
    /* a failing check verifies nothing: 150 and 260 are in no passing check
     * (400 is, in 合計 = 一 + 二) */
    assert_int_equal(r->tables[0]->n_verified, 10 - 2);
    bx_report_free(r);
}

static void test_numbered_rounding(void **state)
{
    (void)state;
    /* 万元 with two decimals: 0.01 off is rounding */
    static const char *const rows[] = {
        "合计", "6.01", "5.00",
        "一、事业收入", "4.00", "3.00",
        "二、其他收入", "2.00", "2.00",
    };
    static const char *const header[] = {"项目", "本年", "上年"};
    bx_report *r = report_of("收支情况", "万元", 3, header, rows, 3);
    assert_int_equal(bx_test_count(r, "subtotal", BX_CHECK_ROUNDING), 1);
    assert_int_equal(bx_test_count(r, "subtotal", BX_CHECK_PASS), 1);
    const bx_check *c = first(r, "subtotal", BX_CHECK_ROUNDING);
    assert_int_equal(c->actual - c->expected, -10000);
    assert_true(c->tolerance >= 10000);
    bx_report_free(r);
}

/* A 小计 below its rows and a 合计 over the 小计s, no numbering at all. */
static void test_subtotals_below(void **state)
{
    (void)state;
    static const char *const rows[] = {
        "甲", "10.00",
        "乙", "20.00",
        "小计", "30.00",
        "丙", "5.00",
        "小计", "6.00", /* 丙 alone: 5, printed 6 */
        "合计", "36.00",
    };
    static const char *const header[] = {"项目", "金额"};
    bx_report *r = report_of("明细", "元", 2, header, rows, 6);
    assert_int_equal(bx_test_count(r, "subtotal", BX_CHECK_PASS), 2);  /* first 小计, 合计 = 30 + 6 */
    /* the second 小计's one part cannot confirm a guessed scope: not reported */
    assert_int_equal(bx_test_count(r, "subtotal", BX_CHECK_FAIL), 0);
    bx_report_free(r);
}

/* --- Codes: Taiwan's level columns and trailing zeros ------------------------- */

static void test_level_columns(void **state)
{
    (void)state;
    static const char *const header[] = {"款", "項", "目", "名稱及編號", "本年度預算數", "上年度預算數",
                                         "本年度與上年度比較"};
    static const char *const rows[] = {
        "", "", "", "合計", "300", "250", "50",
        "1", "", "", "0508000000規費收入", "300", "250", "50",
        "", "1", "", "0508010000內政部", "300", "250", "50",
        "", "", "1", "0508010100行政規費收入", "120", "100", "20",
        "", "", "2", "0508010300使用規費收入", "180", "150", "40", /* 180 - 150 is 30 */
    };
    bx_report *r = report_of("歲入來源別預算表", "新臺幣千元", 7, header, rows, 5);
    /* 款 = its 項, 項 = its 目 (three columns each), 合計 = the 款 rows */
    assert_int_equal(bx_test_count(r, "level_sum", BX_CHECK_PASS), 5);
    assert_int_equal(bx_test_count(r, "level_sum", BX_CHECK_FAIL), 1); /* 項 row, the 比較 column: 50 vs 60 */
    assert_int_equal(bx_test_count(r, "subtotal", BX_CHECK_PASS), 3);
    /* the label is the name, not the level numbers beside it */
    assert_int_equal(strncmp(first(r, "level_sum", BX_CHECK_FAIL)->what, "0508010000內政部: column",
                             strlen("0508010000內政部: column")), 0);
    /* 比較 = 本年度 - 上年度: four rows hold, the last does not */
    assert_int_equal(bx_test_count(r, "difference", BX_CHECK_PASS), 4);
    assert_int_equal(bx_test_count(r, "difference", BX_CHECK_FAIL), 1);
    const bx_check *d = first(r, "difference", BX_CHECK_FAIL);
    assert_int_equal(d->row, 4);
    assert_int_equal(d->expected, 40LL * 100000);
    assert_int_equal(d->actual, 30LL * 100000);
    assert_true(has_cell(d, 4, 6) && has_cell(d, 4, 4) && has_cell(d, 4, 5));
    bx_report_free(r);
}

static void test_trailing_zero_codes(void **state)
{
    (void)state;
    /* 1000 人事費 over 1015 and 1020; 2000 業務費 over 2003; 1020's own zero
     * does not make it 1025's parent: the sums say 1025 is 1000's child */
    static const char *const header[] = {"用途別科目", "金額"};
    static const char *const rows[] = {
        "合計", "100",
        "1000人事費", "70",
        "1015法定編制人員待遇", "40",
        "1020約聘僱人員待遇", "20",
        "1025技工及工友待遇", "10",
        "2000業務費", "30",
        "2003教育訓練費", "12",
        "2006水電費", "18",
    };
    bx_report *r = report_of("各項費用彙計表", "新臺幣千元", 2, header, rows, 8);
    assert_int_equal(bx_test_count(r, "level_sum", BX_CHECK_PASS), 2);  /* 1000 and 2000 */
    assert_int_equal(bx_test_count(r, "level_sum", BX_CHECK_FAIL), 0);  /* not 1020 = 1025 */
    assert_int_equal(bx_test_count(r, "subtotal", BX_CHECK_PASS), 1);   /* 合計 = 1000 + 2000 */
    assert_int_equal(r->tables[0]->n_verified, 8);
    bx_report_free(r);
}

/* --- Across a row: total columns and quantity × price ----------------------- */

static void test_total_column(void **state)
{
    (void)state;
    static const char *const header[] = {"工作計畫", "人事費", "業務費", "合計"};
    static const char *const rows[] = {
        "行政管理", "100", "50", "150",
        "統計業務", "10", "5", "25", /* 15 */
    };
    bx_report *r = report_of("各項費用彙計表", "新臺幣千元", 4, header, rows, 2);
    assert_int_equal(bx_test_count(r, "total_column", BX_CHECK_PASS), 1);
    assert_int_equal(bx_test_count(r, "total_column", BX_CHECK_FAIL), 1);
    const bx_check *c = first(r, "total_column", BX_CHECK_FAIL);
    assert_int_equal(c->row, 1);
    assert_int_equal(c->expected - c->actual, 10 * 100000);
    bx_report_free(r);
    /* 万元 to two decimals: a sum 0.01 off is rounding */
    static const char *const rounded[] = {
        "行政管理", "1.01", "0.50", "1.50",
        "統計業務", "0.10", "0.05", "0.15",
    };
    r = report_of("各項費用彙計表", "万元", 4, header, rounded, 2);
    assert_int_equal(bx_test_count(r, "total_column", BX_CHECK_ROUNDING), 1);
    assert_int_equal(bx_test_count(r, "total_column", BX_CHECK_PASS), 1);
    bx_report_free(r);
}

static void test_quantity_price(void **state)
{
    (void)state;
    static const char *const header[] = {"車輛種類", "數量(公升)", "單價(元)", "金額", "養護費"};
    static const char *const rows[] = {
        "首長專用車", "1140", "31.00", "35", "9",  /* 35,340 元: 35 千元 rounded */
        "副首長專用車", "1668", "31.00", "52", "51", /* 51,708 元 */
        "小客車", "1000", "31.00", "40", "5",       /* 31,000 元, printed 40 千元 */
    };
    bx_report *r = report_of("公務車輛明細表", "新臺幣千元", 5, header, rows, 3);
    assert_int_equal(bx_test_count(r, "quantity_price", BX_CHECK_ROUNDING), 2);
    assert_int_equal(bx_test_count(r, "quantity_price", BX_CHECK_FAIL), 1);
    const bx_check *c = first(r, "quantity_price", BX_CHECK_FAIL);
    assert_int_equal(c->expected, 3100000); /* 31,000 元 in fen */
    assert_int_equal(c->actual, 4000000);
    assert_int_equal(c->tolerance, 50500); /* half a 千元 + 1000 L × half a fen of price */
    assert_true(has_cell(c, 2, 1) && has_cell(c, 2, 2) && has_cell(c, 2, 3));
    c = first(r, "quantity_price", BX_CHECK_ROUNDING);
    assert_int_equal(c->expected, 3534000);
    /* 元 amounts to the fen: 2 × 2.50 may be 2 × 2.505 = 5.01 at most, 5.05 fails */
    static const char *const exact[] = {"小客車", "3", "2.50", "7.50", "", "機車", "2", "2.50", "5.05", ""};
    bx_report_free(r);
    r = report_of("公務車輛明細表", "元", 5, header, exact, 2);
    assert_int_equal(bx_test_count(r, "quantity_price", BX_CHECK_PASS), 1);
    assert_int_equal(bx_test_count(r, "quantity_price", BX_CHECK_FAIL), 1);
    bx_report_free(r);
}

/* A quantity printed as a product (81×12 person-months), the price spanning
 * two header cells (單價 | 單價) before 預算數: values of a Taipei plan
 * page; and a unit cost printed before its quantity, in 元 against 千元
 * amounts, with a dash row that gives no quantity. */
static void test_quantity_products(void **state)
{
    (void)state;
    static const char *const header[] = {"用途別科目", "單位", "數量", "單價", "單價", "預算數"};
    static const char *const rows[] = {
        "", "人、月", "81×12", "630", "", "612360",          /* 972 × 630 */
        "", "臺、月、張", "6×12×10000", "0.6", "", "432000", /* 720,000 × 0.6 */
        "", "人、天", "22×1", "1550", "", "34000",           /* 34,100 printed 34,000 */
    };
    bx_report *r = report_of("歲出計畫說明提要與各項費用明細表", "新臺幣元", 6, header, rows, 3);
    assert_int_equal(bx_test_count(r, "quantity_price", BX_CHECK_PASS), 2);
    assert_int_equal(bx_test_count(r, "quantity_price", BX_CHECK_FAIL), 1);
    const bx_check *c = first(r, "quantity_price", BX_CHECK_FAIL);
    assert_int_equal(c->expected, 3410000); /* 34,100 元 in fen */
    assert_true(has_cell(c, 2, 2) && has_cell(c, 2, 3) && has_cell(c, 2, 5));
    bx_report_free(r);

    static const char *const cost_header[] = {"計畫別", "單位", "單位成本(元)", "數量", "預算數"};
    static const char *const cost_rows[] = {
        "第1年新植", "公頃", "200000.00", "550", "110000",  /* 110,000,000 元 */
        "第2-6年造林撫育", "公頃", "60000.00", "1038", "62280",
        "收購糧食", "公噸", "-", "466421", "-",            /* no price: no check */
        "低利貸款利息差額補貼", "千元", "3.57%", "5806986", "207130", /* a rate */
    };
    r = report_of("單位(或計畫)成本分析表", "新臺幣千元", 5, cost_header, cost_rows, 4);
    assert_int_equal(bx_test_count(r, "quantity_price", BX_CHECK_PASS), 2);
    assert_int_equal(bx_test_count(r, "quantity_price", BX_CHECK_FAIL), 0);
    c = first(r, "quantity_price", BX_CHECK_PASS);
    assert_int_equal(c->actual, 110000LL * 100000);
    bx_report_free(r);
}

/* Amounts printed before the names, fused with them into labels (page 119
 * of a fund's 基金用途明細表): 2303956 starts with 230, printed below it, so
 * these numbers do not nest as codes and no parent is taken from them. */
static void test_amounts_are_no_codes(void **state)
{
    (void)state;
    static const char *const header[] = {"科目", "本年度預算數", "上年度預算數"};
    static const char *const rows[] = {
        "1625其他", "1564", "1999",
        "1625其他支出", "1564", "1999",
        "2303956二、穩定肥料及相關資材供需計畫", "2651676", "1495531",
        "230用人費用", "200", "200",
        "230加(夜)班費", "200", "200",
    };
    bx_report *r = report_of("基金用途明細表", "新臺幣千元", 3, header, rows, 5);
    assert_int_equal(bx_test_count(r, "level_sum", BX_CHECK_FAIL), 0);
    bx_report_free(r);
}

/* A year column (辦理年度 113) holds no amounts: 一 = its only item (一),
 * 36,775 千元, as page 311 of the fund report prints. */
static void test_year_column(void **state)
{
    (void)state;
    static const char *const header[] = {"項目", "金額", "辦理年度", "說明"};
    static const char *const rows[] = {
        "一、固定資產之建設、改良、擴充", "36775", "", "",
        "(一)一般建築及設備計畫", "36775", "113", "購置乳成分快速分析儀等設備所需。",
    };
    bx_report *r = report_of("補辦預算明細表", "新臺幣千元", 4, header, rows, 2);
    assert_int_equal(bx_test_count(r, "level_sum", BX_CHECK_PASS), 1);
    assert_int_equal(bx_test_count(r, "level_sum", BX_CHECK_FAIL), 0);
    assert_int_equal(r->tables[0]->n_amounts, 2);
    assert_int_equal(r->tables[0]->n_verified, 2);
    bx_report_free(r);
}

/* Names only, no codes or numbering (page 277 of a fund's 基金用途明細表):
 * 服務費用 = the run of items after it, in all three columns. 材料及用品費
 * adds two non-zero items in one column only (1921 + 450, the other
 * columns a lone 4500 and dashes): too little evidence, no parent. */
static void test_parent_by_run(void **state)
{
    (void)state;
    static const char *const header[] = {"前年度決算數", "業務計畫及用途別科目", "本年度預算數", "上年度預算數"};
    static const char *const rows[] = {
        "1832", "服務費用", "1090", "19565",
        "120", "水電費", "200", "400",
        "-", "郵電費", "15", "15",
        "98", "旅運費", "500", "2000",
        "3", "印刷裝訂及公告費", "150", "100",
        "-", "修理保養及保固費", "-", "6350",
        "601", "一般服務費", "-", "-",
        "1010", "專業服務費", "225", "5700",
        "-", "推展費", "-", "5000",
        "2370", "材料及用品費", "4500", "-",
        "1921", "使用材料費", "4500", "-",
        "450", "用品消耗", "-", "-",
    };
    bx_report *r = report_of("基金用途明細表", "新臺幣千元", 4, header, rows, 12);
    assert_int_equal(bx_test_count(r, "level_sum", BX_CHECK_FAIL), 0);
    assert_int_equal(bx_test_count(r, "level_sum", BX_CHECK_PASS), 3);
    assert_int_equal(bx_test_count(r, "level_sum", BX_CHECK_ROUNDING), 0);
    const bx_check *c = first(r, "level_sum", BX_CHECK_PASS);
    assert_int_equal(c->row, 0);
    assert_int_equal(c->expected, 1832LL * 100000);
    bx_report_free(r);
}

/* A guessed comparison that explains no row stays silent. */
static void test_no_guess_without_evidence(void **state)
{
    (void)state;
    static const char *const header[] = {"項目", "甲", "乙", "比較"};
    static const char *const rows[] = {"一", "10", "4", "99", "二", "20", "5", "77"};
    bx_report *r = report_of("比較表", "元", 4, header, rows, 2);
    assert_int_equal(bx_test_count(r, "difference", BX_CHECK_FAIL), 0);
    assert_int_equal(bx_test_count(r, "difference", BX_CHECK_PASS), 0);
    bx_report_free(r);
}

/* 人事費彙計表's total (元) restates 各項費用彙計表's 人事費 (千元). */
static size_t restated(const char *personnel_total, bx_check_status status)
{
    static const char *const h1[] = {"類別", "法定編制人員待遇", "合計"};
    const char *r1[] = {"合計", personnel_total, personnel_total, "職員", personnel_total, personnel_total};
    static const char *const h2[] = {"用途別科目", "合計"};
    static const char *const r2[] = {"合計", "150000", "1000人事費", "124625", "2000業務費", "25375"};
    bx_report *r = report_of("人事費彙計表", "新臺幣元", 3, h1, r1, 2);
    bx_report *o = report_of("各項費用彙計表", "新臺幣千元", 2, h2, r2, 3);
    r->tables = realloc(r->tables, 2 * sizeof *r->tables);
    r->tables[r->n_tables++] = o->tables[0];
    o->n_tables = 0;
    bx_report_free(o);
    bx_report_analyze(r);
    size_t n = bx_test_count(r, "cross_total", status);
    bx_report_free(r);
    return n;
}

static void test_restated_total(void **state)
{
    (void)state;
    assert_int_equal(restated("124625000", BX_CHECK_PASS), 1);
    assert_int_equal(restated("124625400", BX_CHECK_ROUNDING), 1); /* within half a 千元 */
    assert_int_equal(restated("124635000", BX_CHECK_FAIL), 1);     /* 10 千元 apart */
}

/* --- End to end ---------------------------------------------------------------- */

/* Runs `budgetx check ARGS`, returns its exit status and its output. */
static int run(const char *args, char *out, size_t cap)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "%s check %s", BX_BINARY, args);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(out, 1, cap - 1, p);
    out[n] = 0;
    int rc = pclose(p);
    return WEXITSTATUS(rc);
}

static int have_corpus(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/corpus/real/tw-taichung-115-budget.pdf", BX_SHARED_DIR);
    FILE *f = fopen(path, "rb");
    if (f)
        fclose(f);
    return f != NULL;
}

/* The verified share the summary line prints ("verified 70.6% of 557 amounts"). */
static double verified_share(const char *out)
{
    const char *at = strstr(out, "verified ");
    return at ? atof(at + strlen("verified ")) : -1;
}

static void test_corpus_verified(void **state)
{
    (void)state;
    if (!have_corpus())
        skip();
    static const struct {
        const char *name;
        double at_least; /* percent */
    } want[] = {
        {"tw-taichung-115-budget", 60},
        {"tw-taipei-total-113-budget", 90},
        {"sh-putuo-commerce-2025-budget", 90},
        {"sh-putuo-govoffice-2025-budget", 90},
    };
    static char out[1 << 20];
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        char args[2048];
        snprintf(args, sizeof args, "%s/corpus/real/%s.pdf", BX_SHARED_DIR, want[i].name);
        /* no check fails on these pages (each read by eye: the sums hold) */
        assert_int_equal(run(args, out, sizeof out), 0);
        double v = verified_share(out);
        if (v < want[i].at_least)
            fail_msg("%s: verified %.1f%% < %.0f%%", want[i].name, v, want[i].at_least);
    }
}

/* Several files in JSON are one document (an array), or one per line. */
static void test_json_over_several_files(void **state)
{
    (void)state;
    if (!have_corpus())
        skip();
    char cmd[4096];
    const char *a = "corpus/real/tw-taichung-115-budget.pdf", *b = "corpus/real/sh-putuo-govoffice-2025-budget.pdf";
    snprintf(cmd, sizeof cmd,
             "%s check -f json %s/%s %s/%s | python3 -c 'import json,sys; d=json.load(sys.stdin); "
             "assert isinstance(d, list) and len(d) == 2, d; "
             "assert d[0][\"document\"][\"year\"] == 2026 and d[0][\"document\"][\"year_printed\"] == \"中華民國115年度\"; "
             "assert all(0 <= t[\"verified\"] <= 1 for x in d for t in x[\"tables\"] if t[\"verified\"] is not None); "
             "assert all(\"cells\" in c for x in d for c in x[\"checks\"] if c[\"rule\"] == \"subtotal\")'",
             BX_BINARY, BX_SHARED_DIR, a, BX_SHARED_DIR, b);
    assert_int_equal(WEXITSTATUS(system(cmd)), 0);
    snprintf(cmd, sizeof cmd,
             "%s check --jsonl %s/%s %s/%s | python3 -c 'import json,sys; "
             "ls=[json.loads(l) for l in sys.stdin]; assert len(ls) == 2 and ls[1][\"source\"] == "
             "\"sh-putuo-govoffice-2025-budget.pdf\"'",
             BX_BINARY, BX_SHARED_DIR, a, BX_SHARED_DIR, b);
    assert_int_equal(WEXITSTATUS(system(cmd)), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbered_pass),
        cmocka_unit_test(test_numbered_fail),
        cmocka_unit_test(test_numbered_rounding),
        cmocka_unit_test(test_subtotals_below),
        cmocka_unit_test(test_level_columns),
        cmocka_unit_test(test_trailing_zero_codes),
        cmocka_unit_test(test_total_column),
        cmocka_unit_test(test_quantity_price),
        cmocka_unit_test(test_quantity_products),
        cmocka_unit_test(test_amounts_are_no_codes),
        cmocka_unit_test(test_year_column),
        cmocka_unit_test(test_parent_by_run),
        cmocka_unit_test(test_no_guess_without_evidence),
        cmocka_unit_test(test_restated_total),
        cmocka_unit_test(test_corpus_verified),
        cmocka_unit_test(test_json_over_several_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
