#define _GNU_SOURCE
/* model/textdump*.c on small synthetic dumps. Each dump is written the way
 * pdftotext prints a table without -layout (one printed line per line,
 * cells wrapped one piece per line, empty cells absent); the expected cells
 * follow from FORMAT.md and from the arithmetic of the made-up numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "bx_model.h"
#include "bx_normalize.h"
#include "textdump/textdump.h"

static bx_report *read_dump(const char *text)
{
    bx_report *r = NULL;
    bx_error err = {0};
    assert_int_equal(bx_report_from_text(text, "/tmp/x/dump.txt", &r, &err), BX_OK);
    assert_non_null(r);
    bx_report_analyze(r);
    return r;
}

static void expect_row(const bx_table *t, size_t row, const char *const *want)
{
    assert_true(row < t->n_rows);
    for (size_t c = 0; c < t->n_cols; c++)
        assert_string_equal(bx_table_cell(t, row, c), want[c]);
}

static void expect_header_row(const bx_table *t, size_t row, const char *const *want)
{
    assert_true(row < t->n_header);
    for (size_t c = 0; c < t->n_cols; c++)
        assert_string_equal(bx_table_header_cell(t, row, c), want[c]);
}

/* 合计 = 基本 + 项目 in every row, and 款 = the sum of its 项: the second
 * 项 row's one amount can only be 项目支出 (as 基本支出 it would make the
 * 款's 基本支出 150.50, not 100.00). */
static const char coded[] = " 表 1\n\n测试支出总体情况表\n\n编制部门：测试部门 单位：万元\n\n"
                            "项 目 支出预算\n\n功能分类\n\n科目编码 功能分类科目名称 合计 基本支出 项目支出\n\n"
                            "类 款 项\n\n"
                            "201 一般公共服务支出 150.50 100.00 50.50\n\n"
                            "201 01 人大事务 150.50 100.00 50.50\n\n"
                            "201 01 01\n\n行政运\n\n行\n\n100.0\n\n0\n\n100\n\n.00\n\n"
                            "201 01 02 一般行政管理事务 50.50 50.50\n\n"
                            "合计 150.50 100.00 50.50\n\n"
                            " 表 2\n\n另一测试表\n\n编制部门：测试部门 单位：元\n\n"
                            "项 目 支出预算\n\n功能分类\n\n科目编码 功能分类科目名称 合计 基本支出 项目支出\n\n"
                            "类 款 项\n\n"
                            "205 01 01 行政运行 30.00 30.00\n";

static void test_coded_table_rows_and_columns(void **state)
{
    (void)state;
    bx_report *r = read_dump(coded);
    assert_string_equal(r->source, "dump.txt");
    assert_int_equal(r->n_tables, 2);
    const bx_table *t = r->tables[0];
    assert_string_equal(t->title, "测试支出总体情况表");
    assert_string_equal(t->unit, "万元");
    assert_string_equal(t->department, "测试部门");
    assert_int_equal(t->n_cols, 7);
    assert_int_equal(t->n_rows, 5);
    expect_row(t, 0, (const char *[]){"201", "", "", "一般公共服务支出", "150.50", "100.00", "50.50"});
    /* the wrapped name and the numbers wrapped mid-digit are joined */
    expect_row(t, 2, (const char *[]){"201", "01", "01", "行政运行", "100.00", "100.00", ""});
    /* the identities, not the left-to-right order, place 50.50 */
    expect_row(t, 3, (const char *[]){"201", "01", "02", "一般行政管理事务", "50.50", "", "50.50"});
    expect_row(t, 4, (const char *[]){"合计", "", "", "", "150.50", "100.00", "50.50"});
    assert_int_equal(t->n_ambiguities, 0);
    assert_int_equal(t->n_pages, 1);
    assert_int_equal(t->pages[0], 1);
    bx_report_free(r);
}

/* One row, two amounts, three amount columns, nothing else to go by: both
 * 基本支出 and 项目支出 fit. The reader must say so. */
/* Narrow cells side by side, as bxgen draws them: the 类 column wraps
 * "201" as "20" / "1" (the 款 and 项 codes printed between), the header
 * word 财政专户管理资金 wraps around its neighbour 基本支出, and a row's
 * amounts wrap at once, their rests printed in turn ("150.5" / "50.50
 * 100." / "0" / "00"). 合计 = 财政专户管理资金 + 基本支出 in each row:
 * 150.50 = 50.50 + 100.00. */
static const char narrow_side[] = "测试支出情况表\n\n编制部门：测试部门\n\n单位：元\n类\n\n款\n\n项\n\n"
                                  "科目名称\n\n合计\n\n财政专户\n基本支出\n管理资金\n\n"
                                  "20\n1\n\n一般公共服务支出\n\n150.50\n\n50.50 100.00\n\n"
                                  "20\n01\n1\n\n人大事务\n\n150.5\n\n50.50 100.\n0\n00\n\n"
                                  "20\n01\n01\n1\n\n行政运行\n\n150.50\n\n50.50 100.00\n\n"
                                  "合计\n\n150.50\n\n50.50 100.00\n";

static void test_narrow_cells_wrapped_side_by_side(void **state)
{
    (void)state;
    bx_report *r = read_dump(narrow_side);
    assert_int_equal(r->n_tables, 1);
    const bx_table *t = r->tables[0];
    assert_int_equal(t->n_cols, 7);
    assert_int_equal(t->n_rows, 4);
    expect_header_row(t, t->n_header - 1,
                      (const char *[]){"类", "款", "项", "科目名称", "合计", "财政专户管理资金", "基本支出"});
    expect_row(t, 0, (const char *[]){"201", "", "", "一般公共服务支出", "150.50", "50.50", "100.00"});
    expect_row(t, 1, (const char *[]){"201", "01", "", "人大事务", "150.50", "50.50", "100.00"});
    expect_row(t, 2, (const char *[]){"201", "01", "01", "行政运行", "150.50", "50.50", "100.00"});
    expect_row(t, 3, (const char *[]){"合计", "", "", "", "150.50", "50.50", "100.00"});
    bx_report_free(r);
}

static void test_ambiguous_row_is_reported(void **state)
{
    (void)state;
    bx_report *r = read_dump(coded);
    const bx_table *t = r->tables[1];
    assert_int_equal(t->pages[0], 2); /* the line-leading space starts page 2 */
    assert_int_equal(t->n_rows, 1);
    assert_int_equal(t->n_ambiguities, 1);
    assert_non_null(strstr(t->ambiguities[0], "2 column placements"));
    assert_string_equal(bx_table_cell(t, 0, 4), "30.00");
    bx_report_free(r);
}

/* 收支总表: two label columns side by side; a left label wrapped before its
 * amount; right-hand rows with nothing on the left. */
static const char side[] = " 表 1\n\n测试收支总表\n\n编制部门：测试部门 单位：万元\n\n"
                           "收 入 支 出\n\n项 目 预算数 功能分类 预算数\n\n"
                           "一、本年收入 80.00 201 一般公共服务支出 60.00\n\n"
                           "上级一般公共预算安排转移支\n\n付\n\n20.00 205 教育支出 40.00\n\n"
                           "206 科学技术支出\n\n"
                           "收入总计 100.00 支出总计 100.00\n";

static void test_side_by_side_table(void **state)
{
    (void)state;
    bx_report *r = read_dump(side);
    assert_int_equal(r->n_tables, 1);
    const bx_table *t = r->tables[0];
    assert_int_equal(t->n_cols, 4);
    assert_int_equal(t->n_rows, 4);
    expect_row(t, 0, (const char *[]){"一、本年收入", "80.00", "201一般公共服务支出", "60.00"});
    expect_row(t, 1, (const char *[]){"上级一般公共预算安排转移支付", "20.00", "205教育支出", "40.00"});
    expect_row(t, 2, (const char *[]){"", "", "206科学技术支出", ""});
    expect_row(t, 3, (const char *[]){"收入总计", "100.00", "支出总计", "100.00"});
    /* 收入 and 支出 each span their side's label and amount */
    assert_int_equal(t->n_header, 2);
    expect_header_row(t, 0, (const char *[]){"收入", "收入", "支出", "支出"});
    expect_header_row(t, 1, (const char *[]){"项目", "预算数", "功能分类", "预算数"});
    bx_report_free(r);
}

/* An empty table (no digit in its body) has no rows; the narrative on the
 * next page is not its body. */
static const char empty[] = " 表 8\n\n测试基金支出表\n\n编制部门：测试部门 单位：万元\n\n"
                            "项 目 政府性基金预算支出\n\n功能分类科目编码\n\n"
                            "功能分类科目名称 合 计 基本支出 项目支出\n\n类 款 项\n\n合计\n\n"
                            " 第三部分 2023 年说明\n\n收支总预算 9581.33 万元。\n";

static void test_empty_table(void **state)
{
    (void)state;
    bx_report *r = read_dump(empty);
    assert_int_equal(r->n_tables, 1);
    assert_int_equal(r->tables[0]->n_rows, 0);
    assert_int_equal(r->tables[0]->n_pages, 1);
    assert_int_equal(r->tables[0]->pages[0], 1);
    /* the body's bare 合计 row adds no second 合计 column */
    assert_int_equal(r->tables[0]->n_cols, 7);
    expect_header_row(r->tables[0], 0, (const char *[]){"项目", "项目", "项目", "项目", "政府性基金预算支出",
                                                        "政府性基金预算支出", "政府性基金预算支出"});
    bx_report_free(r);
}

static const char form[] = " 项目支出绩效目标表\n\n（2023 年）\n\n预算单位 测试部门\n\n"
                           "项目名称 测试项目 项目负责人 张三\n\n项目资金（万元）\n\n年度预算\n\n总额：\n\n12.50\n\n"
                           "其中：财\n\n政拨款\n\n12.50\n\n其他资\n\n金：\n\n0.00\n\n项目总体目标\n\n完成测试。\n\n"
                           "一级指\n\n标\n\n二级指\n\n标\n\n三级指标 指标值\n\n指标值设\n\n置依据\n\n上年完成\n\n值\n\n"
                           "指标分值\n\n权重\n\n指标赋\n\n分规则\n\n佐证资\n\n料\n\n"
                           "产出指\n\n标\n\n数量指\n\n标\n\n测试人数 >=10人 计划标准 10人 20\n\n按照完\n\n成比例\n\n赋分\n\n"
                           "原始凭\n\n证\n\n"
                           "项目完成\n\n时间\n\n2023年 11\n\n月底前\n\n计划标准\n\n2022年 11\n\n月底前\n\n5\n\n直接赋\n\n分\n\n"
                           "工作资\n\n料\n";

static const char *field(const bx_table *t, const char *key)
{
    for (size_t i = 0; i < t->n_fields; i++)
        if (strcmp(t->fields[2 * i], key) == 0)
            return t->fields[2 * i + 1];
    return NULL;
}

static void test_performance_form(void **state)
{
    (void)state;
    bx_report *r = read_dump(form);
    assert_int_equal(r->n_tables, 1);
    const bx_table *t = r->tables[0];
    assert_string_equal(t->title, "项目支出绩效目标表");
    assert_string_equal(t->unit, "万元");
    assert_string_equal(t->department, "测试部门");
    assert_string_equal(field(t, "项目名称"), "测试项目");
    assert_string_equal(field(t, "项目负责人"), "张三");
    assert_string_equal(field(t, "年度预算总额"), "12.50");
    assert_string_equal(field(t, "其中：财政拨款"), "12.50");
    assert_string_equal(field(t, "其他资金"), "0.00");
    assert_string_equal(field(t, "项目总体目标"), "完成测试。");
    assert_int_equal(t->n_cols, 9);
    assert_int_equal(t->n_rows, 2);
    expect_row(t, 0, (const char *[]){"产出指标", "数量指标", "测试人数", ">=10人", "计划标准", "10人", "20",
                                      "按照完成比例赋分", "原始凭证"});
    /* merged 一级/二级 cells repeat; a date broken at a space stays whole */
    expect_row(t, 1, (const char *[]){"产出指标", "数量指标", "项目完成时间", "2023年11月底前", "计划标准",
                                      "2022年11月底前", "5", "直接赋分", "工作资料"});
    bx_report_free(r);
}

/* Codes printed apart from their names and amounts, as some reports'
 * dumps have them: first row by row ("201" "13" "01"), then column by
 * column (款 codes, then 项 codes, the class codes in between). The levels
 * follow from the amounts: 300 = 300, and 300 = 100 + 200. A header word
 * printed late (财政拨款收入) is still a column. */
#define DETACHED_HEAD "测试收入预算总表\n\n编制部门：测试部门\n\n单位：元\n\n项目\n\n功能分类科目编码\n\n类\n\n款\n\n" \
                      "功能分类科目名称\n\n合计\n\n一般公共服务支出\n\n300.00\n\n300.00\n\n商贸事务\n\n300.00\n\n" \
                      "300.00\n\n项\n\n"
#define DETACHED_TAIL "行政运行\n\n100.00\n\n100.00\n\n一般行政管理事务\n\n200.00\n\n200.00\n\n合计\n\n300.00\n\n300.00\n"

static void expect_detached(const char *dump)
{
    bx_report *r = read_dump(dump);
    assert_int_equal(r->n_tables, 1);
    const bx_table *t = r->tables[0];
    assert_int_equal(t->n_cols, 6);
    assert_string_equal(bx_table_header_cell(t, 0, 5), "财政拨款收入");
    assert_int_equal(t->n_rows, 5);
    expect_row(t, 0, (const char *[]){"201", "", "", "一般公共服务支出", "300.00", "300.00"});
    expect_row(t, 1, (const char *[]){"201", "13", "", "商贸事务", "300.00", "300.00"});
    expect_row(t, 2, (const char *[]){"201", "13", "01", "行政运行", "100.00", "100.00"});
    expect_row(t, 3, (const char *[]){"201", "13", "02", "一般行政管理事务", "200.00", "200.00"});
    expect_row(t, 4, (const char *[]){"合计", "", "", "", "300.00", "300.00"});
    bx_report_free(r);
}

static void test_detached_codes_row_by_row(void **state)
{
    (void)state;
    expect_detached(DETACHED_HEAD "201\n\n财政拨款收入\n\n201\n\n13\n\n201\n\n13\n\n01\n\n" DETACHED_TAIL
                    "201\n\n13\n\n02\n");
}

/* The header word 财政拨款收入 printed late and wrapped (财政拨 / 款收入)
 * between a row's name and its amounts (a later row's: the first rows
 * are read with the header): both pieces are the header's,
 * though amounts follow the second, since together they make a header
 * word and the first is a piece of one by itself. */
static void test_detached_wrapped_header_before_amounts(void **state)
{
    (void)state;
    expect_detached("测试收入预算总表\n\n编制部门：测试部门\n\n单位：元\n\n项目\n\n功能分类科目编码\n\n类\n\n款\n\n"
                    "功能分类科目名称\n\n合计\n\n一般公共服务支出\n\n300.00\n\n300.00\n\n"
                    "商贸事务\n\n财政拨\n\n款收入\n\n300.00\n\n300.00\n\n项\n\n201\n\n201\n\n13\n\n201\n\n13\n\n01\n\n" DETACHED_TAIL
                    "201\n\n13\n\n02\n");
}

static void test_detached_codes_column_by_column(void **state)
{
    (void)state;
    expect_detached(DETACHED_HEAD "13\n\n201\n\n13\n\n201\n\n财政拨款收入\n\n13\n\n201\n\n201\n\n01\n\n02\n\n"
                    DETACHED_TAIL);
}

/* A final-accounts layout: whole codes (201, 20101, 2010101) in one code
 * column, every cell on a line of its own; the 合计 row's amounts printed
 * before its label and the 科目名称 header word; 2010102's 项目支出 cell
 * read after the rows below it (a taller row's last cell); the header's
 * right part (上缴上级支出, 经营支出, a wrapped 对附属单位补助支出) printed
 * after the body. The sums fix every placement: 合计 = Σ classes, 201 =
 * 20101 = Σ its 项, and each row's total = 基本 + 项目. */
static const char final_accounts[] =
    "支出决算表\n\n单位：万元\n\n项目\n功能分类\n科目编码\n\n本年支出合计\n\n基本支出\n\n项目支出\n\n"
    "310.00\n\n110.00\n\n200.00\n\n科目名称\n合计\n\n"
    "201\n\n一般公共服务支出\n\n300.00\n\n100.00\n\n200.00\n\n"
    "20101\n\n人大事务\n\n300.00\n\n100.00\n\n200.00\n\n"
    "2010101\n\n行政运行\n\n100.00\n\n100.00\n\n"
    "2010102\n\n一般行政管理\n事务\n\n200.00\n\n"
    "208\n\n社会保障和就业支出\n\n10.00\n\n10.00\n\n"
    "20805\n\n行政事业单位养老支出\n\n10.00\n\n10.00\n\n"
    "2080505\n\n机关事业单位基本养老保险缴费支出\n\n10.00\n\n10.00\n\n"
    "200.00\n\n上缴上级支出\n\n经营支出\n\n对附属单位补\n助支出\n";

static void test_final_accounts_whole_codes_late_header(void **state)
{
    (void)state;
    bx_report *r = read_dump(final_accounts);
    assert_int_equal(r->n_tables, 1);
    const bx_table *t = r->tables[0];
    assert_string_equal(t->title, "支出决算表");
    assert_int_equal(t->n_cols, 8);
    const char *names[] = {"科目名称", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出",
                           "对附属单位补助支出"};
    assert_true(t->n_header >= 1);
    for (size_t c = 0; c < 7; c++) /* the bottom header row names each column */
        assert_string_equal(bx_table_header_cell(t, t->n_header - 1, c + 1), names[c]);
    assert_int_equal(t->n_rows, 8);
    expect_row(t, 0, (const char *[]){"合计", "", "310.00", "110.00", "200.00", "", "", ""});
    expect_row(t, 1, (const char *[]){"201", "一般公共服务支出", "300.00", "100.00", "200.00", "", "", ""});
    expect_row(t, 3, (const char *[]){"2010101", "行政运行", "100.00", "100.00", "", "", "", ""});
    expect_row(t, 4, (const char *[]){"2010102", "一般行政管理事务", "200.00", "", "200.00", "", "", ""});
    expect_row(t, 7, (const char *[]){"2080505", "机关事业单位基本养老保险缴费支出", "10.00", "10.00", "", "", "",
                                      ""});
    int moved = 0;
    for (size_t i = 0; i < t->n_ambiguities; i++)
        moved |= strstr(t->ambiguities[i], "moved back") != NULL;
    assert_true(moved);
    bx_report_free(r);
}

/* The header's structure as printed: 项目 over the code and name columns,
 * 支出预算 over the amounts, 功能分类科目编码 over 类/款/项. FORMAT.md
 * repeats a merged cell over its span, so a column with fewer header words
 * repeats its last one downwards. */
/* A block of names whose codes pdftotext printed elsewhere: after 20102
 * come three rows' names (其他一般公共服务支出 wrapped over two lines of
 * the column's width, then 教育支出 and 普通教育), then their amounts with
 * the code 205 between two of them, and the codes 20502 and 2050203 at the
 * page's end. The last row's name follows its amounts, and its 项目支出
 * cell is printed after the note below the table. The sums fix every row:
 * each row's total = 基本 + 项目, 201 = 20101 + 20102, 205 = 20502 =
 * 2050203, 合计 = 201 + 205. */
static const char names_block[] =
    "测试支出决算表\n\n单位：万元\n\n项目\n功能分类\n科目编码\n\n合计\n\n基本支出\n\n项目支出\n\n科目名称\n"
    "201\n一般公共服\n务支出\n30.00\n10.00\n20.00\n"
    "20101\n行政运行\n10.00\n10.00\n"
    "20102\n其他一般公共\n服务支出\n教育支出\n普通教育\n20.00\n205\n20.00\n5.00\n5.00\n5.00\n5.00\n"
    "初中教育\n5.00\n5.00\n35.00\n15.00\n20502\n2050203\n合计\n注：本表反映测试部门的支出。\n20.00\n";

static void test_names_block_codes_late(void **state)
{
    (void)state;
    bx_report *r = read_dump(names_block);
    assert_int_equal(r->n_tables, 1);
    const bx_table *t = r->tables[0];
    assert_int_equal(t->n_cols, 5);
    assert_int_equal(t->n_rows, 7);
    expect_row(t, 0, (const char *[]){"201", "一般公共服务支出", "30.00", "10.00", "20.00"});
    expect_row(t, 2, (const char *[]){"20102", "其他一般公共服务支出", "20.00", "", "20.00"});
    expect_row(t, 3, (const char *[]){"205", "教育支出", "5.00", "5.00", ""});
    expect_row(t, 4, (const char *[]){"20502", "普通教育", "5.00", "5.00", ""});
    expect_row(t, 5, (const char *[]){"2050203", "初中教育", "5.00", "5.00", ""});
    /* the amount printed after the note is the 合计 row's */
    expect_row(t, 6, (const char *[]){"合计", "", "35.00", "15.00", "20.00"});
    bx_report_free(r);
}

/* The 收入决算表's header words printed out of order (事业收入, 其他收入,
 * 本年收入合计, 财政拨款收入): the 收支总表 before it lists the same income
 * items in the columns' printed order, 财政拨款收入 first. */
static const char income_order[] =
    "收入支出决算总表\n\n单位：万元\n\n收 入 支 出\n\n项 目 决算数 项 目 决算数\n\n"
    "一、财政拨款收入 30.00 一、一般公共服务支出 30.00\n\n二、事业收入 5.00 二、教育支出 10.00\n\n"
    "三、其他收入 5.00 三、科学技术支出 0.00\n\n本年收入合计 40.00 本年支出合计 40.00\n\n"
    "收入决算表\n\n单位：万元\n\n项目\n科目编码\n\n科目名称\n\n事业收入\n\n其他收入\n\n本年收入合计\n\n"
    "财政拨款收入\n\n201\n\n一般公共服务支出\n\n30.00\n\n30.00\n\n205\n\n教育支出\n\n10.00\n\n5.00\n\n"
    "5.00\n\n合计\n\n40.00\n\n30.00\n\n5.00\n\n5.00\n";

static void test_income_columns_in_listed_order(void **state)
{
    (void)state;
    bx_report *r = read_dump(income_order);
    assert_int_equal(r->n_tables, 2);
    const bx_table *t = r->tables[1];
    assert_int_equal(t->n_cols, 6);
    expect_header_row(t, 1, (const char *[]){"科目编码", "科目名称", "本年收入合计", "财政拨款收入", "事业收入", "其他收入"});
    expect_row(t, 0, (const char *[]){"201", "一般公共服务支出", "30.00", "30.00", "", ""});
    expect_row(t, 2, (const char *[]){"合计", "", "40.00", "30.00", "5.00", "5.00"});
    bx_report_free(r);
}

/* A side-by-side table whose right-hand 总计 and its amount pdftotext
 * printed after the note below the table; the prose after them (its own
 * 总计 too) is not the table's. */
static const char total_after_note[] =
    "收入支出决算总表\n\n单位：万元\n\n收 入 支 出\n\n项 目 决算数 项 目 决算数\n\n"
    "一、财政拨款收入 30.00 一、一般公共服务支出 30.00\n\n本年收入合计 30.00 本年支出合计 30.00\n\n"
    "总计 30.00\n\n注：本表反映部门的总收支。\n\n总计\n\n30.00\n\n第三部分 说明\n\n总计\n";

static void test_total_after_note(void **state)
{
    (void)state;
    bx_report *r = read_dump(total_after_note);
    assert_int_equal(r->n_tables, 1);
    const bx_table *t = r->tables[0];
    assert_int_equal(t->n_rows, 3);
    expect_row(t, 2, (const char *[]){"总计", "30.00", "总计", "30.00"});
    bx_report_free(r);
}

static void test_header_grid_rows(void **state)
{
    (void)state;
    bx_report *r = read_dump(coded);
    const bx_table *t = r->tables[0];
    assert_int_equal(t->n_header, 3);
    expect_header_row(t, 0, (const char *[]){"项目", "项目", "项目", "项目", "支出预算", "支出预算", "支出预算"});
    expect_header_row(t, 1, (const char *[]){"功能分类科目编码", "功能分类科目编码", "功能分类科目编码",
                                             "功能分类科目名称", "合计", "基本支出", "项目支出"});
    expect_header_row(t, 2, (const char *[]){"类", "款", "项", "功能分类科目名称", "合计", "基本支出", "项目支出"});
    bx_report_free(r);
}

/* A coded table as pdftotext writes some final accounts, column by column:
 * the 合计 row's label, the class codes of all rows (one block), the 款 and
 * 项 code runs (by top row, 款 first), the names (机关事业单位基本养老 /
 * 保险缴费 wrapped at the column's width), then the amounts block by block,
 * empty cells absent: 合计's three, rows 1-3 column by column, row 4 (taller,
 * wrapped) alone, rows 5-7. The rows are counted from the class codes, and
 * each amount block's rows follow from the sums: a block opens a band of
 * rows as their totals, and the next ones fill those rows' parts. */
#define COLUMNAR_HEAD(amount_words) "测试收入决算表\n\n单位：万元\n\n项目\n\n支出功能分类\n\n科目编码\n\n类\n\n款\n\n项\n\n" \
    "科目名称\n\n" amount_words "合计\n\n" \
    "201\n201\n201\n201\n208\n208\n208\n\n01\n01\n01\n\n01\n02\n\n05\n05\n\n01\n\n" \
    "一般公共服务支出\n人大事务\n行政运行\n机关事业单位基本养老\n保险缴费\n社会保障和就业支出\n" \
    "行政事业单位养老支出\n行政单位离退休\n\n" \
    "350.00\n\n340.00\n\n10.00\n\n300.00\n300.00\n100.00\n\n290.00\n290.00\n90.00\n\n10.00\n10.00\n10.00\n\n" \
    "200.00\n\n200.00\n\n50.00\n50.00\n50.00\n\n50.00\n50.00\n50.00\n"

static void test_columnar_table(void **state)
{
    (void)state;
    bx_report *r = read_dump(COLUMNAR_HEAD("本年收入合计\n\n财政拨款收入\n\n其他收入\n\n"));
    assert_int_equal(r->n_tables, 1);
    const bx_table *t = r->tables[0];
    assert_int_equal(t->n_cols, 7);
    assert_int_equal(t->n_rows, 8);
    expect_row(t, 0, (const char *[]){"合计", "", "", "", "350.00", "340.00", "10.00"});
    expect_row(t, 1, (const char *[]){"201", "", "", "一般公共服务支出", "300.00", "290.00", "10.00"});
    expect_row(t, 2, (const char *[]){"201", "01", "", "人大事务", "300.00", "290.00", "10.00"});
    expect_row(t, 3, (const char *[]){"201", "01", "01", "行政运行", "100.00", "90.00", "10.00"});
    expect_row(t, 4, (const char *[]){"201", "01", "02", "机关事业单位基本养老保险缴费", "200.00", "200.00", ""});
    expect_row(t, 5, (const char *[]){"208", "", "", "社会保障和就业支出", "50.00", "50.00", ""});
    expect_row(t, 6, (const char *[]){"208", "05", "", "行政事业单位养老支出", "50.00", "50.00", ""});
    expect_row(t, 7, (const char *[]){"208", "05", "01", "行政单位离退休", "50.00", "50.00", ""});
    assert_int_equal(t->n_ambiguities, 0);
    bx_report_free(r);
}

/* The same dump under four amount columns: the rows are rebuilt the same
 * way, but nothing tells whether the 10.00 block is 上级补助收入 or 其他收入
 * (nor the 290.00 one 财政拨款收入 or 上级补助收入): the sums hold either
 * way. The leftmost reading is kept, and the choice is noted. */
static void test_columnar_table_ambiguous(void **state)
{
    (void)state;
    bx_report *r = read_dump(COLUMNAR_HEAD("本年收入合计\n\n财政拨款收入\n\n上级补助收入\n\n其他收入\n\n"));
    const bx_table *t = r->tables[0];
    assert_int_equal(t->n_cols, 8);
    assert_int_equal(t->n_rows, 8);
    expect_row(t, 3, (const char *[]){"201", "01", "01", "行政运行", "100.00", "90.00", "10.00", ""});
    expect_row(t, 4, (const char *[]){"201", "01", "02", "机关事业单位基本养老保险缴费", "200.00", "200.00", "", ""});
    assert_true(t->n_ambiguities > 0);
    int noted = 0;
    for (size_t i = 0; i < t->n_ambiguities; i++)
        noted |= strstr(t->ambiguities[i], "column placements fit") != NULL;
    assert_true(noted);
    bx_report_free(r);
}

/* A 收支总表 as some final accounts' dumps print it: the header's right part
 * read late (项目 and 决算数 of the second side after the first rows), the
 * left and right labels alternating, the rows of a taller band (八、 and
 * 九、 with their amounts) read before the rows above them, and the table
 * going on at the top of the next page with the next numbered label. The
 * numbered labels put the rows back in order, each side by its numbers;
 * the labels' endings (…收入, …支出) tell the sides apart. */
static const char side_out_of_order[] =
    "测试收支决算总表\n\n单位：万元\n\n收入\n\n项目\n\n一、财政拨款收入\n\n支出\n\n决算数\n\n100.00\n\n"
    "项目\n\n一、一般公共服务支出\n\n决算数\n\n60.00\n\n"
    "三、社会保障和就业支出\n\n30.00\n\n"
    "二、事业收入\n\n二、外交支出\n\n"
    "\f四、卫生健康支出\n\n10.00\n\n"
    "本年收入合计\n\n100.00\n\n本年支出合计\n\n100.00\n";

static void test_side_by_side_out_of_order(void **state)
{
    (void)state;
    bx_report *r = read_dump(side_out_of_order);
    assert_int_equal(r->n_tables, 1);
    const bx_table *t = r->tables[0];
    assert_int_equal(t->n_cols, 4);
    expect_header_row(t, t->n_header - 1, (const char *[]){"项目", "决算数", "项目", "决算数"});
    assert_int_equal(t->n_rows, 5);
    expect_row(t, 0, (const char *[]){"一、财政拨款收入", "100.00", "一、一般公共服务支出", "60.00"});
    expect_row(t, 1, (const char *[]){"二、事业收入", "", "二、外交支出", ""});
    expect_row(t, 2, (const char *[]){"", "", "三、社会保障和就业支出", "30.00"});
    expect_row(t, 3, (const char *[]){"", "", "四、卫生健康支出", "10.00"});
    expect_row(t, 4, (const char *[]){"本年收入合计", "100.00", "本年支出合计", "100.00"});
    assert_int_equal(t->n_pages, 2);
    bx_report_free(r);
}

/* A 基本支出 table printed as two coded sides, read by pdftotext in
 * regions: all the left codes, their names (one wrapped), two of their
 * amounts; then the right side's runs, each run of names followed by its
 * amounts, the left amounts read among them; a right name run longer than
 * its codes ends on a full-width line that goes on in the next run. */
static const char paired[] = "一般公共预算财政拨款基本支出决算表\n\n单位：万元\n\n经济分类\n科目编码\n"
                             "301\n30101\n30108\n30199\n303\n30301\n\n科目名称\n\n决算数\n\n"
                             "工资福利支出\n基本工资\n机关事业单位基本\n养老保险缴费\n其他工资福利支出\n"
                             "对个人和家庭的补助\n离休费\n\n30.00\n10.00\n\n经济分类\n科目编码\n"
                             "302\n\n30201\n30202\n\n办公费\n电费\n\n3.00\n5.00\n\n15.00\n\n"
                             "商品和服务支出\n\n8.00\n\n5.00\n5.00\n5.00\n\n"
                             "310\n31002\n\n资本性支出\n办公设备购置\n信息网络及软件购置\n31007\n更新\n\n"
                             "人员经费合计\n35.00\n公用经费合计\n\n2.00\n2.00\n0.00\n\n"
                             "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。\n\n10.00\n";

static void test_paired_coded_sides(void **state)
{
    (void)state;
    bx_report *r = read_dump(paired);
    assert_int_equal(r->n_tables, 1);
    const bx_table *t = r->tables[0];
    assert_int_equal(t->n_cols, 6);
    expect_header_row(t, 0, (const char *[]){"经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"});
    assert_int_equal(t->n_rows, 7);
    expect_row(t, 0, (const char *[]){"301", "工资福利支出", "30.00", "302", "商品和服务支出", "8.00"});
    expect_row(t, 1, (const char *[]){"30101", "基本工资", "10.00", "30201", "办公费", "3.00"});
    expect_row(t, 2, (const char *[]){"30108", "机关事业单位基本养老保险缴费", "15.00", "30202", "电费", "5.00"});
    expect_row(t, 3, (const char *[]){"30199", "其他工资福利支出", "5.00", "310", "资本性支出", "2.00"});
    expect_row(t, 4, (const char *[]){"303", "对个人和家庭的补助", "5.00", "31002", "办公设备购置", "2.00"});
    expect_row(t, 5, (const char *[]){"30301", "离休费", "5.00", "31007", "信息网络及软件购置更新", "0.00"});
    expect_row(t, 6, (const char *[]){"人员经费合计", "", "35.00", "公用经费合计", "", "10.00"});
    bx_report_free(r);
}

/* The same runs with amounts that break a class's sum: not two sides that
 * can be trusted, so not read as such. */
static void test_paired_sides_must_add_up(void **state)
{
    (void)state;
    char *bad = strdup(paired);
    char *at = strstr(bad, "\n15.00\n");
    assert_non_null(at);
    memcpy(at, "\n16.00\n", 7);
    bx_report *r = read_dump(bad);
    for (size_t i = 0; i < r->n_tables; i++) {
        const bx_table *t = r->tables[i];
        for (size_t row = 0; row < t->n_rows; row++)
            assert_false(t->n_cols == 6 && strcmp(bx_table_cell(t, row, 1), "机关事业单位基本养老保险缴费") == 0 &&
                         strcmp(bx_table_cell(t, row, 2), "16.00") == 0);
    }
    bx_report_free(r);
    free(bad);
}

/* A table whose first page pdftotext wrote row by row and whose second
 * column by column; the second opens with a 项 of the 款 cut by the page
 * break (its class and 款 codes printed with it, as every row's are). */
static const char by_page[] = "测试支出决算表\n\n单位：万元\n\n项目\n\n支出功能分类\n\n科目编码\n\n类\n\n款\n\n项\n\n"
                              "科目名称\n\n本年支出合计\n\n基本支出\n\n项目支出\n\n"
                              "合计 200.00 190.00 10.00\n\n"
                              "201 一般公共服务支出 100.00 90.00 10.00\n\n"
                              "201 01 人大事务 100.00 90.00 10.00\n\n"
                              "201 01 01 行政运行 100.00 90.00 10.00\n\n"
                              "208 社会保障和就业支出 60.00 60.00\n\n"
                              "208 05 行政事业单位养老支出 60.00 60.00\n\n"
                              "208 05 01 行政单位离退休 50.00 50.00\n\n\f"
                              "208\n210\n210\n210\n\n05\n\n99\n\n11\n11\n\n01\n\n"
                              "其他行政事业单位养老支出\n卫生健康支出\n行政事业单位医疗\n行政单位医疗\n\n"
                              "10.00\n40.00\n40.00\n40.00\n\n10.00\n40.00\n40.00\n40.00\n";

static void test_columnar_page_after_rows(void **state)
{
    (void)state;
    bx_report *r = read_dump(by_page);
    assert_int_equal(r->n_tables, 1);
    const bx_table *t = r->tables[0];
    assert_int_equal(t->n_cols, 7);
    assert_int_equal(t->n_rows, 11);
    expect_row(t, 0, (const char *[]){"合计", "", "", "", "200.00", "190.00", "10.00"});
    expect_row(t, 6, (const char *[]){"208", "05", "01", "行政单位离退休", "50.00", "50.00", ""});
    expect_row(t, 7, (const char *[]){"208", "05", "99", "其他行政事业单位养老支出", "10.00", "10.00", ""});
    expect_row(t, 8, (const char *[]){"210", "", "", "卫生健康支出", "40.00", "40.00", ""});
    expect_row(t, 9, (const char *[]){"210", "11", "", "行政事业单位医疗", "40.00", "40.00", ""});
    expect_row(t, 10, (const char *[]){"210", "11", "01", "行政单位医疗", "40.00", "40.00", ""});
    bx_report_free(r);
}

static void test_decode_utf8_and_gb18030(void **state)
{
    (void)state;
    char *out = NULL;
    bx_error err = {0};
    assert_int_equal(bx_text_decode("单位：万元\n", strlen("单位：万元\n"), &out, &err), BX_OK);
    assert_string_equal(out, "单位：万元\n");
    free(out);
    /* 单位 and 表 in GBK/GB18030 */
    const char gbk[] = "\xb5\xa5\xce\xbb \xb1\xed\n";
    assert_int_equal(bx_text_decode(gbk, strlen(gbk), &out, &err), BX_OK);
    assert_string_equal(out, "单位 表\n");
    free(out);
    const char binary[] = {'\x00', '\x01', '\xff', '\xfe', '\x80'};
    assert_int_equal(bx_text_decode(binary, sizeof binary, &out, &err), BX_ERR_NOT_PDF);
    assert_null(out);
}

/* The text reader is chosen by content, not by name: a dump called .pdf
 * is read as text, a binary file keeps the "not a PDF" error. */
static void test_from_file_detects_content(void **state)
{
    (void)state;
    char path[] = "/tmp/bx_textdump_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, coded, strlen(coded)), (ssize_t)strlen(coded));
    close(fd);
    bx_report *r = NULL;
    bx_error err = {0};
    assert_int_equal(bx_report_open(path, 0, &r, &err), BX_OK);
    assert_int_equal(r->n_tables, 2);
    bx_report_free(r);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite("\x00\x01\xff\xfe\x80\x81", 1, 6, f);
    fclose(f);
    r = NULL;
    assert_int_equal(bx_report_open(path, 0, &r, &err), BX_ERR_NOT_PDF);
    assert_null(r);
    unlink(path);
}

/* 收支总表 whose last page holds only its closing rows, written column by
 * column: the left labels as one block, a right label, the left amounts,
 * the right labels, the right amounts; no row label on that page is
 * numbered and its first line has no digit, yet the table goes on there.
 * Each side ends with its 总计 (80.00 + 20.00 = 100.00 on both sides); one
 * amount above each total for two rows: placed next to the total and
 * reported as an ambiguity. */
static const char side_tail[] = " 表 1\n\n测试收支总表\n\n编制部门：测试部门 单位：万元\n\n"
                                "收 入 支 出\n\n项 目 决算数 项 目 决算数\n\n"
                                "一、本年收入 80.00 一、一般公共服务支出 60.00\n\n"
                                "二、其他收入\n\n二、教育支出 20.00\n\n"
                                "本年收入合计 80.00 本年支出合计 80.00\n\f"
                                "使用非财政拨款结余\n年初结转和结余\n总计\n\n结余分配\n20.00\n\n100.00\n\n"
                                "年末结转和结余\n总计\n\n20.00\n\n100.00\n";

static void test_side_by_side_closing_rows_column_by_column(void **state)
{
    (void)state;
    bx_report *r = read_dump(side_tail);
    assert_int_equal(r->n_tables, 1);
    const bx_table *t = r->tables[0];
    assert_int_equal(t->n_pages, 2);
    assert_int_equal(t->n_rows, 6);
    expect_row(t, 2, (const char *const[]){"本年收入合计", "80.00", "本年支出合计", "80.00"});
    expect_row(t, 3, (const char *const[]){"使用非财政拨款结余", "", "结余分配", ""});
    expect_row(t, 4, (const char *const[]){"年初结转和结余", "20.00", "年末结转和结余", "20.00"});
    expect_row(t, 5, (const char *const[]){"总计", "100.00", "总计", "100.00"});
    assert_int_equal(t->n_ambiguities, 1);
    assert_non_null(strstr(t->ambiguities[0], "column by column"));
    bx_report_free(r);
}

/* A 基本支出 table whose dump keeps no order: codes, names and amounts of
 * both sides interleave, the 款 codes printed as a 类|款 pair. The names
 * give each row its economic code (基本工资 is 30101, 办公费 30201 …) and
 * side (301 and 303 are 人员经费); the amounts go by the hierarchy:
 * 35.00 = 30.00 + 5.00 on the left, 9.00 = 7.00 + 2.00 on the right,
 * 30.00 = 20.00 + 10.00 (奖金 has none), 7.00 = 3.00 + 4.00. */
static const char paired_unordered[] =
    "一般公共预算财政拨款基本支出决算表\n\n单位：万元\n\n经济分类\n科目编码\n类\n款\n\n"
    "302\n301\n01\n\n科目名称\n\n决算数\n\n商品和服务支出\n7.00\n\n工资福利支出\n30.00\n\n"
    "基本工资\n20.00\n\n303\n办公费\n3.00\n\n津贴补贴\n10.00\n\n奖金\n02\n310\n\n"
    "邮电费\n4.00\n\n对个人和家庭的补助\n5.00\n\n退休费\n5.00\n\n资本性支出\n2.00\n\n"
    "办公设备\n购置\n2.00\n\n人员经费合计\n35.00\n\n公用经费合计\n9.00\n";

static void test_paired_unordered_by_names(void **state)
{
    (void)state;
    bx_report *r = read_dump(paired_unordered);
    assert_int_equal(r->n_tables, 1);
    const bx_table *t = r->tables[0];
    assert_int_equal(t->n_cols, 8);
    assert_int_equal(t->n_rows, 7);
    expect_row(t, 0, (const char *[]){"301", "", "工资福利支出", "30.00", "302", "", "商品和服务支出", "7.00"});
    expect_row(t, 1, (const char *[]){"301", "01", "基本工资", "20.00", "302", "01", "办公费", "3.00"});
    expect_row(t, 2, (const char *[]){"301", "02", "津贴补贴", "10.00", "302", "07", "邮电费", "4.00"});
    expect_row(t, 3, (const char *[]){"301", "03", "奖金", "", "310", "", "资本性支出", "2.00"});
    expect_row(t, 4, (const char *[]){"303", "", "对个人和家庭的补助", "5.00", "310", "02", "办公设备购置", "2.00"});
    expect_row(t, 5, (const char *[]){"303", "02", "退休费", "5.00", "", "", "", ""});
    expect_row(t, 6, (const char *[]){"人员经费合计", "", "", "35.00", "公用经费合计", "", "", "9.00"});
    /* 301 has three items for two amounts, 302 two for two: guesses noted;
     * 303 has one item for its one amount: no guess */
    int noted[3] = {0, 0, 0};
    for (size_t i = 0; i < t->n_ambiguities; i++) {
        noted[0] |= strstr(t->ambiguities[i], "class 301") != NULL;
        noted[1] |= strstr(t->ambiguities[i], "class 302") != NULL;
        noted[2] |= strstr(t->ambiguities[i], "class 303") != NULL;
    }
    assert_true(noted[0] && noted[1] && !noted[2]);
    bx_report_free(r);
}

/* The totals labels name their sides: printed right side first, each
 * still sums its own side. */
static void test_paired_unordered_totals_by_label(void **state)
{
    (void)state;
    char *swapped = strdup(paired_unordered);
    char *at = strstr(swapped, "人员经费合计\n35.00\n\n公用经费合计\n9.00\n");
    assert_non_null(at);
    const char right_first[] = "公用经费合计\n9.00\n\n人员经费合计\n35.00\n";
    memcpy(at, right_first, strlen(right_first));
    bx_report *r = read_dump(swapped);
    assert_int_equal(r->n_tables, 1);
    const bx_table *t = r->tables[0];
    assert_int_equal(t->n_cols, 8);
    assert_int_equal(t->n_rows, 7);
    expect_row(t, 0, (const char *[]){"301", "", "工资福利支出", "30.00", "302", "", "商品和服务支出", "7.00"});
    expect_row(t, 6, (const char *[]){"人员经费合计", "", "", "35.00", "公用经费合计", "", "", "9.00"});
    bx_report_free(r);
    free(swapped);
}

/* A narrow column wraps codes and amounts: 2130402 as "213040" then "2"
 * after the name's first line, and two amounts side by side as their first
 * pieces on one line, then their rests in the same order. Each row is its
 * 款's total, so 合计 = 基本支出 = 143389412.75 all down. */
static const char narrow[] = " 表 1\n\n测试支出表\n\n编制部门：测试部门\n\n单位：元\n\n"
                             "功能分类科目编码\n\n功能分类科目名称\n\n合计\n\n基本支出\n\n"
                             "213\n\n社会保障和就业支出\n\n143389412. 143389412\n75\n.75\n\n"
                             "21304\n\n行政事业单位养老支出\n\n143389412.75 143389412.75\n\n"
                             "213040 机关事业单位基本养\n2\n老保险缴费支出\n\n"
                             "143389412. 143389412\n75\n.75\n\n";

static void test_narrow_column_wraps(void **state)
{
    (void)state;
    bx_report *r = read_dump(narrow);
    assert_int_equal(r->n_tables, 1);
    const bx_table *t = r->tables[0];
    assert_int_equal(t->n_cols, 4);
    assert_int_equal(t->n_rows, 3);
    expect_row(t, 0, (const char *[]){"213", "社会保障和就业支出", "143389412.75", "143389412.75"});
    expect_row(t, 1, (const char *[]){"21304", "行政事业单位养老支出", "143389412.75", "143389412.75"});
    expect_row(t, 2, (const char *[]){"2130402", "机关事业单位基本养老保险缴费支出", "143389412.75",
                                      "143389412.75"});
    bx_report_free(r);
}

/* "0" then "1.35" on the next line are two amounts, not 01.35: a wrapped
 * number's rest is never wider than its first line. 合计 1.35 = 基本支出 0
 * + 项目支出 1.35. */
static const char zero_then_amount[] = " 表 1\n\n测试支出表\n\n编制部门：测试部门\n\n单位：万元\n\n"
                                       "功能分类科目编码\n\n功能分类科目名称\n\n合计\n\n基本支出\n\n"
                                       "项目支出\n\n201\n\n一般公共服务支出\n\n1.35\n\n0\n\n1.35\n\n";

static void test_rest_not_wider_than_first_line(void **state)
{
    (void)state;
    bx_report *r = read_dump(zero_then_amount);
    assert_int_equal(r->n_tables, 1);
    assert_int_equal(r->tables[0]->n_rows, 1);
    expect_row(r->tables[0], 0, (const char *[]){"201", "一般公共服务支出", "1.35", "0", "1.35"});
    bx_report_free(r);
}

/* The level words are their own keys (test_semantics checks the header
 * words'): the reader compares them with the keys of the dump's lines. */
static void test_header_word_keys(void **state)
{
    (void)state;
    for (size_t w = 0; w < td_n_level_words; w++) {
        char *key = bx_text_key(td_level_words[w]);
        assert_string_equal(td_level_words[w], key);
        free(key);
    }
}

/* Economic names are compared as keys: the full-width parentheses of a
 * name (因公出国（境）费用) and their NFKC ASCII form find one code, which
 * the classification gives (30212, 30213, 30303). */
static void test_econ_names_by_key(void **state)
{
    (void)state;
    assert_string_equal(bx_econ_code("因公出国（境）费用"), "30212");
    assert_string_equal(bx_econ_code("因公出国(境)费用"), "30212");
    assert_string_equal(bx_econ_code("维修 (护) 费"), "30213");
    assert_string_equal(bx_econ_code("退职（役）费"), "30303");
    assert_string_equal(bx_econ_code("工资福利支出"), "301");
    assert_null(bx_econ_code("工资福利"));
    assert_true(bx_econ_begins_name("因公出国（境"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_word_keys),
        cmocka_unit_test(test_narrow_column_wraps),
        cmocka_unit_test(test_rest_not_wider_than_first_line),
        cmocka_unit_test(test_econ_names_by_key),
        cmocka_unit_test(test_coded_table_rows_and_columns),
        cmocka_unit_test(test_narrow_cells_wrapped_side_by_side),
        cmocka_unit_test(test_paired_coded_sides),
        cmocka_unit_test(test_columnar_page_after_rows),
        cmocka_unit_test(test_paired_sides_must_add_up),
        cmocka_unit_test(test_ambiguous_row_is_reported),
        cmocka_unit_test(test_side_by_side_table),
        cmocka_unit_test(test_empty_table),
        cmocka_unit_test(test_performance_form),
        cmocka_unit_test(test_detached_codes_row_by_row),
        cmocka_unit_test(test_detached_wrapped_header_before_amounts),
        cmocka_unit_test(test_names_block_codes_late),
        cmocka_unit_test(test_income_columns_in_listed_order),
        cmocka_unit_test(test_total_after_note),
        cmocka_unit_test(test_detached_codes_column_by_column),
        cmocka_unit_test(test_final_accounts_whole_codes_late_header),
        cmocka_unit_test(test_header_grid_rows),
        cmocka_unit_test(test_columnar_table),
        cmocka_unit_test(test_columnar_table_ambiguous),
        cmocka_unit_test(test_side_by_side_out_of_order),
        cmocka_unit_test(test_decode_utf8_and_gb18030),
        cmocka_unit_test(test_from_file_detects_content),
        cmocka_unit_test(test_side_by_side_closing_rows_column_by_column),
        cmocka_unit_test(test_paired_unordered_by_names),
        cmocka_unit_test(test_paired_unordered_totals_by_label),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
