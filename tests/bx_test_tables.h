/* Small tables and queries the tests share. Include after cmocka.h. */
#ifndef BX_TEST_TABLES_H
#define BX_TEST_TABLES_H

#include "bx_model.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* A classified expenditure table (类|款|项|名称|合计|基本支出|项目支出) with
 * the three header rows the Shanghai budgets print, and the given rows. */
static inline bx_table *bx_test_classified(const char *title, const char *unit, const char *dept,
                                           int page, const char *const rows[][7], size_t n)
{
    bx_table *t = bx_table_new(7);
    t->title = bx_xstrdup(title);
    t->unit = unit ? bx_xstrdup(unit) : NULL;
    t->department = dept ? bx_xstrdup(dept) : NULL;
    bx_table_add_page(t, page);
    const char *h1[] = {"项目", "项目", "项目", "项目", "支出预算", "支出预算", "支出预算"};
    const char *h2[] = {"功能分类科目编码", "功能分类科目编码", "功能分类科目编码", "功能分类科目名称",
                        "合计", "基本支出", "项目支出"};
    const char *h3[] = {"类", "款", "项", "功能分类科目名称", "合计", "基本支出", "项目支出"};
    bx_table_add_header_row(t, h1);
    bx_table_add_header_row(t, h2);
    bx_table_add_header_row(t, h3);
    for (size_t i = 0; i < n; i++)
        bx_table_add_row(t, rows[i]);
    return t;
}

/* A report of the one table t (taken over), analysed: kinds, records, checks. */
static inline bx_report *bx_test_one_table_report(bx_table *t)
{
    bx_report *r = bx_report_new("synthetic");
    bx_report_add_table(r, t);
    bx_report_analyze(r);
    return r;
}

/* The number of checks of a rule with a status. */
static inline size_t bx_test_count(const bx_report *r, const char *rule, bx_check_status status)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_checks; i++)
        n += strcmp(r->checks[i].rule, rule) == 0 && r->checks[i].status == status;
    return n;
}

/* The single integer a query returns. */
static inline long long bx_test_query_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

#endif
