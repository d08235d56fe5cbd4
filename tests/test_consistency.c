/* Report-level consistency rules (model/consistency.c and friends): each
 * rule on small hand-built reports, passing and failing; the Kashgar
 * narrative against its gold tables; the Shanghai corpus end to end, with
 * the findings the gold NOTES and the printed pages confirm, and each kind
 * of alteration of a real report caught by its rule. Expected figures are
 * worked out by hand in the comments. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bx_test_tables.h"

#include <json-glib/json-glib.h>

#include "bx_export.h"
#include "bx_model.h"
#include "bx_normalize.h"
#include "consistency.h"

/* --- Building reports by hand ------------------------------------------------ */

static bx_report *report_new(void)
{
    bx_report *r = calloc(1, sizeof *r);
    r->source = strdup("synthetic");
    return r;
}

static void add_text(bx_report *r, int page, const char *text)
{
    r->text = realloc(r->text, (r->n_text + 1) * sizeof *r->text);
    r->text[r->n_text].page = page;
    r->text[r->n_text++].text = bx_text_squeeze(text);
}

static void add_table(bx_report *r, bx_table *t)
{
    r->tables = realloc(r->tables, (r->n_tables + 1) * sizeof *r->tables);
    r->tables[r->n_tables++] = t;
}

/* A 三公 table: one row of amounts, or none. */
static bx_table *three_public(const char *title, int page, const char *amount)
{
    bx_table *t = bx_table_new(3);
    t->title = strdup(title);
    t->unit = strdup("万元");
    bx_table_add_page(t, page);
    const char *h[] = {"合计", "因公出国（境）费", "公务接待费"};
    bx_table_add_header_row(t, h);
    if (amount) {
        const char *row[] = {amount, "0", amount};
        bx_table_add_row(t, row);
    }
    return t;
}

static const bx_check *first(const bx_report *r, const char *rule, bx_check_status status)
{
    for (size_t i = 0; i < r->n_checks; i++)
        if (strcmp(r->checks[i].rule, rule) == 0 && r->checks[i].status == status)
            return &r->checks[i];
    return NULL;
}

static const char *const general_rows[][7] = {
    {"201", "", "", "一般公共服务支出", "1500000.00", "1000000.00", "500000.00"},
    {"201", "13", "", "商贸事务", "1500000.00", "1000000.00", "500000.00"},
    {"201", "13", "01", "行政运行", "938990.00", "938990.00", ""},
    {"201", "13", "99", "其他商贸事务支出", "561010.00", "61010.00", "500000.00"},
    {"合计", "", "", "", "1500000.00", "1000000.00", "500000.00"},
};

/* --- The data tables ---------------------------------------------------------- */

static void test_phrases_compile(void **state)
{
    (void)state;
    for (size_t i = 0; i < bx_n_phrases; i++) {
        bx_matcher *m = bx_matcher_new(bx_phrases[i].pattern);
        if (!m)
            fail_msg("phrase %zu does not compile: %s", i, bx_phrases[i].pattern);
        bx_matcher_free(m);
    }
    /* every required kind is one a title can have */
    for (size_t i = 0; i < bx_n_required_tables; i++)
        assert_true(*bx_required_tables[i].topic && *bx_required_tables[i].kind);
}

/* --- Completeness ------------------------------------------------------------- */

static void test_toc(void **state)
{
    (void)state;
    bx_report *r = report_new();
    add_text(r, 1, "上海市普陀区2025年区级部门预算");
    add_text(r, 2, "目 录");
    add_text(r, 2, "五、部门预算表………………………………2");
    add_text(r, 2, "1.2025年部门一般公共预算支出功能分类预算表……………3");
    add_text(r, 2, "2．2025年部门收入预算总表…………………4");
    add_text(r, 3, "2025年部门一般公共预算支出功能分类预算表");
    add_table(r, bx_test_classified("2025年部门一般公共预算支出功能分类预算表", "元", NULL, 3, general_rows, 5));
    bx_report_analyze(r);
    /* the part heading is not a table; the income table is listed, not printed */
    assert_int_equal(bx_test_count(r, "toc_table", BX_CHECK_PASS), 1);
    assert_int_equal(bx_test_count(r, "toc_table", BX_CHECK_FAIL), 1);
    const bx_check *c = first(r, "toc_table", BX_CHECK_FAIL);
    assert_string_equal(c->expected_text, "2025年部门收入预算总表");
    assert_int_equal(c->page, 2);
    /* a budget requires nine tables: one printed */
    assert_int_equal(bx_test_count(r, "required_table", BX_CHECK_PASS), 1);
    assert_int_equal(bx_test_count(r, "required_table", BX_CHECK_FAIL), 8);
    bx_report_free(r);

    /* a missing table the text explains is no failure */
    r = report_new();
    add_text(r, 1, "上海市普陀区2025年区级部门预算");
    add_text(r, 5, "本部门2025年无政府性基金预算财政拨款安排的预算。");
    add_table(r, bx_test_classified("2025年部门一般公共预算支出功能分类预算表", "元", NULL, 3, general_rows, 5));
    bx_report_analyze(r);
    assert_int_equal(bx_test_count(r, "required_table", BX_CHECK_PASS), 2);
    assert_int_equal(bx_test_count(r, "required_table", BX_CHECK_FAIL), 7);
    bx_report_free(r);
}

/* Two amounts of 92,233,720,368,547,758.07 元 add up past int64 fen; a
 * wrapped sum is 2^64 - 2 fen = -2 fen, exactly the printed total of
 * -0.02: the row would "pass". A sum that does not fit is not checked. */
static void test_row_total_overflow_not_checked(void **state)
{
    (void)state;
    static const char *const rows[][7] = {
        {"201", "", "", "一般公共服务支出", "-0.02", "92233720368547758.07", "92233720368547758.07"},
    };
    bx_report *r = report_new();
    add_table(r, bx_test_classified("2025年部门一般公共预算支出功能分类预算表", "元", NULL, 3, rows, 1));
    bx_report_analyze(r);
    assert_int_equal(bx_test_count(r, "row_total", BX_CHECK_PASS), 0);
    bx_report_free(r);
}

/* Amounts far apart in int64 fen: their difference does not fit, so it is
 * held at +-INT64_MAX (a wrapped -2 would have been "rounding" under a
 * tolerance of 10, and printed as a difference of -0.02). */
static void test_difference_saturates(void **state)
{
    (void)state;
    assert_int_equal(bx_status_of(-INT64_MAX, INT64_MAX, 10), BX_CHECK_FAIL);
    assert_int_equal(bx_status_of(INT64_MAX, -INT64_MAX, 10), BX_CHECK_FAIL);
    assert_int_equal(bx_status_of(INT64_MAX, INT64_MAX - 5, 10), BX_CHECK_ROUNDING);
    assert_int_equal(bx_fen_difference(INT64_MAX, -INT64_MAX), INT64_MAX);
    assert_int_equal(bx_fen_difference(-INT64_MAX, INT64_MAX), -INT64_MAX);
    assert_int_equal(bx_fen_difference(INT64_MIN, 0), -INT64_MAX);
    assert_int_equal(bx_fen_difference(-5, 7), -12);
}

static void test_empty_note(void **state)
{
    (void)state;
    static const char title[] = "2025年部门“三公”经费和机关运行经费预算表";
    static const char note[] = "注:本部门2025年无“三公”经费预算，故本表为空表。";
    /* the note says empty but the table prints 47.91 */
    bx_report *r = report_new();
    add_text(r, 1, "上海市普陀区2025年区级部门预算");
    add_text(r, 9, title);
    add_text(r, 9, note);
    add_table(r, three_public(title, 9, "47.91"));
    bx_report_analyze(r);
    /* checks.c's empty_note holds the note to the table; the table is not
     * "unexplained" (the note explains it, however wrongly) */
    assert_int_equal(bx_test_count(r, "empty_note", BX_CHECK_FAIL), 1);
    assert_int_equal(first(r, "empty_note", BX_CHECK_FAIL)->page, 9);
    assert_int_equal(bx_test_count(r, "empty_explained", BX_CHECK_FAIL), 0);
    bx_report_free(r);

    /* the same note under a table with no amounts */
    r = report_new();
    add_text(r, 1, "上海市普陀区2025年区级部门预算");
    add_text(r, 9, title);
    add_text(r, 9, note);
    add_table(r, three_public(title, 9, NULL));
    bx_report_analyze(r);
    assert_int_equal(bx_test_count(r, "empty_note", BX_CHECK_FAIL), 0);
    assert_int_equal(bx_test_count(r, "empty_explained", BX_CHECK_PASS), 1);
    assert_int_equal(bx_test_count(r, "empty_explained", BX_CHECK_FAIL), 0);
    bx_report_free(r);

    /* an empty table nobody explains: a warning */
    r = report_new();
    add_text(r, 1, "上海市普陀区2025年区级部门预算");
    add_text(r, 9, title);
    add_table(r, three_public(title, 9, NULL));
    bx_report_analyze(r);
    const bx_check *c = first(r, "empty_explained", BX_CHECK_FAIL);
    assert_non_null(c);
    assert_string_equal(c->severity, "warning");
    bx_report_free(r);
}

/* --- Identity ----------------------------------------------------------------- */

static void test_identity_department(void **state)
{
    (void)state;
    bx_report *r = report_new();
    add_text(r, 1, "上海市普陀区2025年区级部门预算");
    add_text(r, 1, "预算主管部门：上海市普陀区商务委员会");
    add_text(r, 3, "第一部分 上海市普陀区财政局概况");
    add_table(r, bx_test_classified("2025年部门一般公共预算支出功能分类预算表", "元", "上海市普陀区商务委员会", 3,
                            general_rows, 5));
    add_table(r, bx_test_classified("2025年部门支出预算总表", "元", "上海市普陀区商务委员会", 4, general_rows, 5));
    bx_report_analyze(r);
    /* three sources name the commission; the heading names another office */
    assert_int_equal(bx_test_count(r, "identity_department", BX_CHECK_PASS), 3);
    assert_int_equal(bx_test_count(r, "identity_department", BX_CHECK_FAIL), 1);
    const bx_check *c = first(r, "identity_department", BX_CHECK_FAIL);
    assert_string_equal(c->expected_text, "上海市普陀区商务委员会");
    assert_string_equal(c->actual_text, "上海市普陀区财政局");
    assert_int_equal(c->page, 3);
    assert_int_equal(bx_test_count(r, "identity_placeholder", BX_CHECK_FAIL), 0);
    bx_report_free(r);

    /* a template's placeholder left in a heading and a 编制部门 line */
    r = report_new();
    add_text(r, 1, "XX局2025年部门预算");
    add_table(r, bx_test_classified("2025年部门支出预算总表", "元", "XX局", 4, general_rows, 5));
    bx_report_analyze(r);
    assert_int_equal(bx_test_count(r, "identity_placeholder", BX_CHECK_FAIL), 2);
    bx_report_free(r);

    /* glyphs lost from a large heading still name the same department */
    r = report_new();
    add_text(r, 1, "中海市普陀区委社会工作部2024年度部门决算");
    add_text(r, 2, "第一部分中共上海市普陀区委社会工作部概况");
    add_text(r, 2, "第二部分中共上海市普陀区委社会工作部2024年度部门决算表");
    bx_report_analyze(r);
    assert_int_equal(bx_test_count(r, "identity_department", BX_CHECK_FAIL), 0);
    assert_int_equal(bx_test_count(r, "identity_department", BX_CHECK_PASS), 4); /* title seen twice */
    bx_report_free(r);
}

static void test_identity_year(void **state)
{
    (void)state;
    bx_report *r = report_new();
    add_text(r, 1, "上海市普陀区财政局2024年度部门决算");
    add_text(r, 20, "上海市普陀区财政局2024年度收入支出总计2995.39万元。");
    add_text(r, 24, "截至2024年12月31日，上海市普陀区财政局共有车辆0辆。");
    add_text(r, 24, "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。");
    add_table(r, bx_test_classified("支出决算表", "万元", NULL, 10, general_rows, 5));
    bx_report_analyze(r);
    assert_int_equal(r->document.year, 2024);
    /* 2024年度部门决算, 2024年度收入支出总计, 截至2024年12月31日 */
    assert_int_equal(bx_test_count(r, "identity_year", BX_CHECK_PASS), 3);
    assert_int_equal(bx_test_count(r, "identity_year", BX_CHECK_FAIL), 0);
    assert_int_equal(bx_test_count(r, "claim_change", BX_CHECK_PASS), 1); /* 2.55 / 182.10 = 1.400% */
    bx_report_free(r);

    /* a stray year in the date and in a table's title */
    r = report_new();
    add_text(r, 1, "上海市普陀区财政局2024年度部门决算");
    add_text(r, 24, "截至2023年12月31日，上海市普陀区财政局共有车辆0辆。");
    add_text(r, 24, "与2022年度相比，收入支出总计持平。");
    add_table(r, bx_test_classified("2023年部门支出决算表", "万元", NULL, 10, general_rows, 5));
    bx_report_analyze(r);
    assert_int_equal(bx_test_count(r, "identity_year", BX_CHECK_FAIL), 3);
    const bx_check *c = first(r, "identity_year", BX_CHECK_FAIL);
    assert_string_equal(c->expected_text, "2024");
    assert_string_equal(c->actual_text, "2023");
    bx_report_free(r);
}

/* --- The narrative's claims --------------------------------------------------- */

static bx_report *claims_report(const char *const *lines, size_t n)
{
    bx_report *r = report_new();
    add_text(r, 1, "上海市普陀区2025年区级部门预算");
    for (size_t i = 0; i < n; i++)
        add_text(r, 7, lines[i]);
    add_table(r, bx_test_classified("2025年部门一般公共预算支出功能分类预算表", "元", NULL, 15, general_rows, 5));
    bx_report_analyze(r);
    return r;
}

static void test_claim_amounts(void **state)
{
    (void)state;
    /* 938990.00 元 is 93.90 万元 at two decimals; 150.00 万元 the class */
    static const char *const good[] = {
        "1.“一般公共服务支出（类）商贸事务（款）行政运行（项）”93.90万元，主要用于机关运行。",
        "主要用于以下方面：一般公共服务支出（类）150.00万元，占100.00%。"};
    bx_report *r = claims_report(good, 2);
    assert_int_equal(bx_test_count(r, "claim_amount", BX_CHECK_PASS), 2);
    assert_int_equal(bx_test_count(r, "claim_amount", BX_CHECK_FAIL), 0);
    assert_int_equal(bx_test_count(r, "claim_share", BX_CHECK_PASS), 1); /* 150/150 of the table total */
    bx_report_free(r);

    static const char *const bad[] = {
        "1.“一般公共服务支出（类）商贸事务（款）行政运行（项）”93.99万元，主要用于机关运行。",
        "主要用于以下方面：一般公共服务支出（类）150.01万元，占90.00%。"};
    r = claims_report(bad, 2);
    assert_int_equal(bx_test_count(r, "claim_amount", BX_CHECK_FAIL), 1);          /* 93.99 vs 93.90 */
    assert_int_equal(bx_test_count(r, "claim_amount", BX_CHECK_ROUNDING), 1);      /* 150.01 vs 150.00 */
    assert_int_equal(bx_test_count(r, "claim_share", BX_CHECK_FAIL), 1);           /* 150.01/150 != 90% */
    const bx_check *c = first(r, "claim_amount", BX_CHECK_FAIL);
    assert_int_equal(c->expected, 93900000);
    assert_int_equal(c->actual, 93990000);
    assert_int_equal(c->page, 7);
    assert_non_null(strstr(c->quote, "93.99万元"));
    bx_report_free(r);
}

static void test_claim_compare(void **state)
{
    (void)state;
    static const char *const good[] = {
        "年初预算为10.00万元，支出决算为9.00万元，完成年初预算的90.00%。决算数小于预算数的主要原因：调减。",
        "年初预算为5.00万元，支出决算为5.00万元。决算数与预算数持平。"};
    bx_report *r = claims_report(good, 2);
    assert_int_equal(bx_test_count(r, "claim_compare", BX_CHECK_PASS), 3);
    assert_int_equal(bx_test_count(r, "claim_compare", BX_CHECK_FAIL), 0);
    bx_report_free(r);

    static const char *const bad[] = {
        "年初预算为10.00万元，支出决算为9.00万元，完成年初预算的95.00%。决算数大于预算数的主要原因：调减。",
        "年初预算为5.00万元，支出决算为5.50万元。决算数与预算数持平。"};
    r = claims_report(bad, 2);
    assert_int_equal(bx_test_count(r, "claim_compare", BX_CHECK_FAIL), 3);
    const bx_check *c = first(r, "claim_compare", BX_CHECK_FAIL);
    assert_int_equal(c->percent, 1);
    assert_int_equal(c->expected, 900000); /* 90.0000% */
    assert_int_equal(c->actual, 950000);
    bx_report_free(r);
}

static void test_claim_change_and_share(void **state)
{
    (void)state;
    /* prior = 2995.39 + 56.95 = 3052.34; 56.95 / 3052.34 = 1.866% */
    static const char *const good[] = {
        "收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。",
        "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%；",
        "2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.14%。",
        "合计1000.00万元，其中：甲333.33万元，占33.34%。"};
    bx_report *r = claims_report(good, 4);
    assert_int_equal(bx_test_count(r, "claim_change", BX_CHECK_PASS), 2);
    assert_int_equal(bx_test_count(r, "claim_share", BX_CHECK_PASS), 2);
    /* 333.33 / 1000 = 33.333%: printed 33.34 is off by rounding only */
    assert_int_equal(bx_test_count(r, "claim_share", BX_CHECK_ROUNDING), 1);
    assert_int_equal(bx_test_count(r, "claim_share", BX_CHECK_FAIL), 0);
    bx_report_free(r);

    static const char *const bad[] = {
        "收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，下降2.87%。",
        "收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，增长1.87%。",
        "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占97.79%；",
        "2023年当年预算执行数为348.52万元，2024年预算安排352.67万元，比2023年预算执行数增加0.53%。"};
    r = claims_report(bad, 4);
    assert_int_equal(bx_test_count(r, "claim_change", BX_CHECK_FAIL), 3);
    assert_int_equal(bx_test_count(r, "claim_share", BX_CHECK_FAIL), 1);
    bx_report_free(r);
}

static int table_of_kind(const bx_report *r, const char *kind)
{
    for (size_t i = 0; i < r->n_tables; i++)
        if (r->tables[i]->kind && strcmp(r->tables[i]->kind, kind) == 0)
            return (int)i;
    return -1;
}

static int is_consistency_rule(const char *rule);

/* --- The Kashgar narrative against its gold tables ---------------------------- */


/* The Kashgar dump cannot be read by `budgetx extract` on this branch: its
 * gold tables and its text lines (leading-space page rule) make the report. */
static bx_report *kashgar(void)
{
    char path[1024], line[8192];
    snprintf(path, sizeof path, "%s/eval/gold/kashgar-social-insurance-2023-budget.json", BX_SHARED_DIR);
    gchar *json = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &json, &len, NULL))
        fail_msg("%s: cannot read", path);
    bx_report *r;
    bx_error err;
    if (bx_report_from_json(json, len, path, &r, &err) != BX_OK)
        fail_msg("%s", err.message);
    g_free(json);
    snprintf(path, sizeof path, "%s/corpus/text/kashgar-social-insurance-2023-budget.txt", BX_SHARED_DIR);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    int page = 0;
    while (fgets(line, sizeof line, f)) {
        page += line[0] == ' ';
        add_text(r, page, line);
    }
    fclose(f);
    bx_report_analyze(r);
    return r;
}

static void test_kashgar(void **state)
{
    (void)state;
    bx_report *r = kashgar();
    if (getenv("BX_DEBUG"))
        for (size_t i = 0; i < r->n_checks; i++)
            if (is_consistency_rule(r->checks[i].rule))
                printf("%s p%d %s %s | %s | %s | %lld %lld\n", r->checks[i].rule, r->checks[i].page,
                       bx_check_status_name(r->checks[i].status), r->checks[i].quote ? r->checks[i].quote : "",
                       r->checks[i].expected_text ? r->checks[i].expected_text : "",
                       r->checks[i].actual_text ? r->checks[i].actual_text : "",
                       (long long)r->checks[i].expected, (long long)r->checks[i].actual);
    /* NOTES-kashgar: all 24 percentages and growth rates hold. Checked by
     * hand: 2091.40/9581.33 = 21.83%; 184.95/(2091.40-184.95) = 9.70%;
     * 3.17/(576.95+3.17) = 0.55%; 7678.05/1326.34 = 578.89%;
     * 7562.82/1326.34 = 570.20%; 9423.79/9466.10 = 99.55%. */
    assert_int_equal(bx_test_count(r, "claim_share", BX_CHECK_FAIL), 0);
    assert_int_equal(bx_test_count(r, "claim_change", BX_CHECK_FAIL), 0);
    assert_true(bx_test_count(r, "claim_share", BX_CHECK_PASS) >= 6);
    assert_true(bx_test_count(r, "claim_change", BX_CHECK_PASS) >= 5);
    /* 截至2022年底 in a 2023 budget */
    assert_int_equal(bx_test_count(r, "identity_year", BX_CHECK_FAIL), 0);
    assert_true(bx_test_count(r, "identity_year", BX_CHECK_PASS) >= 1);
    /* the three empty tables (表8-10) are explained in the text */
    assert_int_equal(bx_test_count(r, "empty_explained", BX_CHECK_FAIL), 0);
    assert_int_equal(bx_test_count(r, "empty_explained", BX_CHECK_PASS), 3);
    assert_int_equal(bx_test_count(r, "identity_department", BX_CHECK_FAIL), 0);
    bx_report_free(r);
}

/* --- The Shanghai corpus end to end --------------------------------------------- */

static bx_report *load(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/corpus/real/%s.pdf", BX_SHARED_DIR, name);
    bx_report *r = NULL;
    bx_error err;
    if (bx_report_open(path, 0, &r, &err) != BX_OK)
        fail_msg("%s: %s", path, err.message);
    return r;
}

static int is_consistency_rule(const char *rule)
{
    /* this branch's rules, and checks.c's empty_note (the corpus's 空表 finding) */
    static const char *const rules[] = {"toc_table", "required_table", "empty_note", "empty_explained",
                                        "identity_department", "identity_placeholder",
                                        "identity_year", "claim_amount", "claim_compare",
                                        "claim_change", "claim_share"};
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (strcmp(rule, rules[i]) == 0)
            return 1;
    return 0;
}

static size_t fails(const bx_report *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_checks; i++)
        n += is_consistency_rule(r->checks[i].rule) && r->checks[i].status == BX_CHECK_FAIL;
    return n;
}

/* The genuine problems of the printed reports, each checked on the page:
 * finance p21 "财政拨款收入支出总计0.3万元" (the table: 2961.68); finance p21
 * "2106.66万元，占71.73%" (2106.66/2940.05 = 71.65%); wanli p31 the 三公
 * table's "本表为空表" note over 47.91; wanli p9 "执行数为348.52万元，2024年
 * 预算安排352.67万元，比2023年预算执行数增加0.53%" (352.67/348.52 = +1.19%; the
 * item's own line says 350.35, and 350.35/348.52 = +0.53%). */
static void test_corpus(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        size_t fails;
        const char *rule1, *rule2;
    } want[] = {
        {"sh-putuo-commerce-2025-budget", 0, NULL, NULL},
        {"sh-putuo-finance-2024-final", 2, "claim_amount", "claim_share"},
        {"sh-putuo-govoffice-2025-budget", 0, NULL, NULL},
        {"sh-putuo-socialwork-2024-final", 0, NULL, NULL},
        {"sh-putuo-wanli-2024-budget", 2, "empty_note", "claim_change"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        bx_report *r = load(want[i].name);
        if (fails(r) != want[i].fails)
            fail_msg("%s: %zu fails, want %zu", want[i].name, fails(r), want[i].fails);
        if (want[i].rule1) {
            assert_int_equal(bx_test_count(r, want[i].rule1, BX_CHECK_FAIL), 1);
            assert_int_equal(bx_test_count(r, want[i].rule2, BX_CHECK_FAIL), 1);
        }
        /* every report lists its nine tables and prints them */
        assert_int_equal(bx_test_count(r, "toc_table", BX_CHECK_PASS), 9);
        assert_int_equal(bx_test_count(r, "required_table", BX_CHECK_PASS), 9);
        bx_report_free(r);
    }
    bx_report *r = load("sh-putuo-finance-2024-final");
    const bx_check *c = first(r, "claim_share", BX_CHECK_FAIL);
    assert_int_equal(c->page, 21);
    assert_int_equal(c->actual, 717300);
    assert_int_equal(c->expected, 716539); /* 2106.66 / 2940.05 */
    bx_report_free(r);
}

/* Taiwanese reports are of another template: no report-level rule may cry
 * wolf on them (the Mainland's required tables, empty tables of kinds no
 * template of theirs requires). Their covers give the metadata: taichung p1
 * "臺中市政府主計處 中華民國115年度 單位預算", zhuji p1 "中華民國116年度
 * 臺北市總預算案 臺北市政府主計處單位預算", taipei-total p1
 * "臺北市總預算案 ... 中華民國113年度". */
static void test_taiwan_silent(void **state)
{
    (void)state;
    static const struct {
        const char *name, *printed, *department, *level;
        int year;
    } want[] = {
        {"tw-taichung-115-budget", "中華民國115年度", "臺中市政府主計處", "unit", 2026},
        {"tw-taipei-zhuji-116-budget", "中華民國116年度", "臺北市政府主計處", "unit", 2027},
        {"tw-taipei-total-113-budget", "中華民國113年度", "臺北市", "total", 2024},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        bx_report *r = load(want[i].name);
        if (fails(r))
            fail_msg("%s: %zu report-level findings fail", want[i].name, fails(r));
        assert_int_equal(bx_test_count(r, "required_table", BX_CHECK_PASS), 0); /* not asked at all */
        assert_int_equal(r->document.year, want[i].year);
        assert_string_equal(r->document.year_printed, want[i].printed);
        assert_string_equal(r->document.department, want[i].department);
        assert_string_equal(r->document.level, want[i].level);
        assert_string_equal(r->document.stage, "budget");
        bx_report_free(r);
    }
    /* the 資本支出分析表 printed empty in taichung (p36) is of Taiwan's kind,
     * which no template requires: empty_explained says nothing */
    bx_report *r = load("tw-taichung-115-budget");
    assert_int_equal(table_of_kind(r, "tw_capital_expenditure") >= 0, 1);
    assert_int_equal(bx_test_count(r, "empty_explained", BX_CHECK_FAIL) + bx_test_count(r, "empty_explained", BX_CHECK_PASS), 0);
    bx_report_free(r);
}

/* --- Altering a real report: each alteration caught by its rule ------------- */

static void replace_text(bx_report *r, const char *from, const char *to)
{
    for (size_t i = 0; i < r->n_text; i++) {
        char *at = strstr(r->text[i].text, from);
        if (!at)
            continue;
        size_t n = strlen(r->text[i].text) - strlen(from) + strlen(to) + 1;
        char *s = malloc(n);
        snprintf(s, n, "%.*s%s%s", (int)(at - r->text[i].text), r->text[i].text, to, at + strlen(from));
        free(r->text[i].text);
        r->text[i].text = s;
        return;
    }
    fail_msg("text %s not found", from);
}

static void drop_table(bx_report *r, const char *kind)
{
    for (size_t i = 0; i < r->n_tables; i++)
        if (strcmp(r->tables[i]->kind, kind) == 0) {
            bx_table_free(r->tables[i]);
            memmove(&r->tables[i], &r->tables[i + 1], (r->n_tables - i - 1) * sizeof *r->tables);
            r->n_tables--;
            return;
        }
    fail_msg("no %s table", kind);
}

static void test_alterations(void **state)
{
    (void)state;
    static const struct {
        const char *file, *from, *to, *rule;
    } edits[] = {
        /* names and years */
        {"sh-putuo-finance-2024-final", "截至2024年12月31日", "截至2023年12月31日", "identity_year"},
        {"sh-putuo-finance-2024-final", "第三部分上海市普陀区财政局", "第三部分上海市普陀区商务委员会",
         "identity_department"},
        {"sh-putuo-commerce-2025-budget", "预算主管部门：上海市普陀区商务委员会", "预算主管部门：XX局",
         "identity_placeholder"},
        /* the narrative's claims */
        {"sh-putuo-finance-2024-final", "（类）326.72万元", "（类）336.72万元", "claim_amount"},
        {"sh-putuo-finance-2024-final", "下降1.87%", "下降2.87%", "claim_change"},
        {"sh-putuo-finance-2024-final", "占99.79%", "占89.79%", "claim_share"},
        {"sh-putuo-socialwork-2024-final", "决算数与全年预算数持平", "决算数大于全年预算数", "claim_compare"},
        {"sh-putuo-wanli-2024-budget", "”25.77万元", "”26.77万元", "claim_amount"},
        /* an empty table's note under a table that prints amounts */
        {"sh-putuo-commerce-2025-budget", "注:本部门2025年无政府性基金", "注:本表为空表。本部门2025年无政府性基金",
         NULL},
    };
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        bx_report *r = load(edits[i].file);
        size_t before = fails(r);
        replace_text(r, edits[i].from, edits[i].to);
        bx_report_analyze(r);
        if (edits[i].rule && bx_test_count(r, edits[i].rule, BX_CHECK_FAIL) == 0)
            fail_msg("edit %zu (%s -> %s) not caught by %s", i, edits[i].from, edits[i].to, edits[i].rule);
        if (!edits[i].rule)
            assert_int_equal(fails(r), before); /* still an empty table: no finding */
        else
            assert_true(fails(r) > before);
        bx_report_free(r);
    }
    /* an empty table's note removed: the text still says "政府性基金拨款支出预算0万元"
     * (p6), which explains it; with that amount gone too nothing does */
    bx_report *e = load("sh-putuo-commerce-2025-budget");
    assert_int_equal(bx_test_count(e, "empty_explained", BX_CHECK_PASS), 2);
    replace_text(e, "注:本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。", "注:");
    bx_report_analyze(e);
    assert_int_equal(bx_test_count(e, "empty_explained", BX_CHECK_FAIL), 0);
    int by_zero = 0;
    for (size_t i = 0; i < e->n_checks; i++)
        by_zero += strcmp(e->checks[i].rule, "empty_explained") == 0 && e->checks[i].quote &&
                   strstr(e->checks[i].quote, "政府性基金拨款支出预算0万元") != NULL;
    assert_int_equal(by_zero, 1);
    replace_text(e, "政府性基金拨款支出预算0万元", "政府性基金拨款支出预算");
    bx_report_analyze(e);
    assert_int_equal(bx_test_count(e, "empty_explained", BX_CHECK_FAIL), 1);
    bx_report_free(e);
    /* a table's cell altered: the narrative's 326.72 for class 208 no longer matches */
    e = load("sh-putuo-finance-2024-final");
    size_t before = bx_test_count(e, "claim_amount", BX_CHECK_FAIL);
    int changed = 0;
    for (size_t i = 0; i < e->n_tables; i++) {
        bx_table *t = e->tables[i];
        if (strcmp(t->kind, "general_budget_expenditure") != 0)
            continue;
        for (size_t k = 0; k < t->n_records; k++)
            if (t->records[k].code && strcmp(t->records[k].code, "208") == 0) {
                const bx_value *v = &t->records[k].values[0];
                char **cell = &t->rows[t->records[k].row * t->n_cols + v->col];
                assert_string_equal(*cell, "326.72");
                free(*cell);
                *cell = strdup("336.72");
                changed = 1;
            }
    }
    assert_true(changed);
    bx_report_analyze(e);
    assert_int_equal(bx_test_count(e, "claim_amount", BX_CHECK_FAIL), before + 1);
    bx_report_free(e);
    /* a table dropped: the contents and the required set miss it */
    bx_report *r = load("sh-putuo-govoffice-2025-budget");
    drop_table(r, "basic_expenditure");
    bx_report_analyze(r);
    assert_int_equal(bx_test_count(r, "toc_table", BX_CHECK_FAIL), 1);
    assert_int_equal(bx_test_count(r, "required_table", BX_CHECK_FAIL), 1);
    bx_report_free(r);
    /* a 三公 table made to print an amount under its "空表" note */
    r = load("sh-putuo-socialwork-2024-final");
    for (size_t i = 0; i < r->n_tables; i++)
        if (strcmp(r->tables[i]->kind, "three_public") == 0) {
            bx_table *t = r->tables[i];
            const char **row = calloc(t->n_cols, sizeof *row);
            for (size_t c = 0; c < t->n_cols; c++)
                row[c] = c == t->n_cols - 1 ? "1.00" : "";
            bx_table_add_row(t, row);
            free(row);
        }
    bx_report_analyze(r);
    assert_int_equal(bx_test_count(r, "empty_note", BX_CHECK_FAIL), 1);
    bx_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phrases_compile),
        cmocka_unit_test(test_toc),
        cmocka_unit_test(test_empty_note),
        cmocka_unit_test(test_difference_saturates),
        cmocka_unit_test(test_row_total_overflow_not_checked),
        cmocka_unit_test(test_identity_department),
        cmocka_unit_test(test_identity_year),
        cmocka_unit_test(test_claim_amounts),
        cmocka_unit_test(test_claim_compare),
        cmocka_unit_test(test_claim_change_and_share),
        cmocka_unit_test(test_kashgar),
        cmocka_unit_test(test_corpus),
        cmocka_unit_test(test_taiwan_silent),
        cmocka_unit_test(test_alterations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
