/* export/: every format is read back by an independent reader (Python's csv
 * module, the XLSX zip package's XML, SQL queries) and compared with the
 * report it was written from. Hand-written expectations come from a small
 * synthetic report and from the printed header of a Shanghai report. */
#include "bx_test_util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "bx_test_tables.h"

#include "bx_export.h"
#include "bx_model.h"
#include "export_common.h"

#define REAL BX_SHARED_DIR "/corpus/real/"
#define COMMERCE REAL "sh-putuo-commerce-2025-budget.pdf"
#define READBACK "python3 " BX_SOURCE_DIR "/tests/readback.py"

static const char *const real_files[] = {
    "sh-putuo-commerce-2025-budget.pdf", "sh-putuo-finance-2024-final.pdf",
    "sh-putuo-govoffice-2025-budget.pdf", "sh-putuo-socialwork-2024-final.pdf",
    "sh-putuo-wanli-2024-budget.pdf", "tw-moi-2025-budget.pdf"};

/* A report of one table with the cells that test quoting, escaping and the
 * amount/code distinction: a 2x2 merged code header, amounts with 2 and 0
 * decimals, a parenthesised negative, "-", a percentage, a comma, a quote,
 * a pipe and a backslash. */
static bx_report *synthetic_report(void)
{
    static const char *const h0[] = {"科目编码", "科目编码", "金额", "金额"};
    static const char *const h1[] = {"科目编码", "科目编码", "本年", "上年"};
    static const char *const r0[] = {"201", "05", "1234.50", "(3)"};
    static const char *const r1[] = {"a,b", "say \"hi\"", "-", "12%"};
    static const char *const r2[] = {"x|y", "back\\slash", "0", "1,234"};
    bx_table *t = bx_table_new(4);
    t->title = bx_xstrdup("2025年测试表");
    t->unit = bx_xstrdup("元");
    bx_table_add_page(t, 3);
    bx_table_add_page(t, 4);
    bx_table_add_header_row(t, h0);
    bx_table_add_header_row(t, h1);
    bx_table_add_row(t, r0);
    bx_table_add_row(t, r1);
    bx_table_add_row(t, r2);
    bx_report *r = bx_xcalloc(1, sizeof *r);
    r->source = bx_xstrdup("synthetic.pdf");
    r->n_pages = 4;
    r->n_tables = 1;
    r->tables = bx_xcalloc(1, sizeof *r->tables);
    r->tables[0] = t;
    return r;
}

/* Asserts that a JSON array of arrays of strings equals the grid. */
static void assert_rows(JsonArray *rows, size_t first, char **cells, size_t n_rows, size_t n_cols)
{
    for (size_t r = 0; r < n_rows; r++) {
        JsonArray *row = json_array_get_array_element(rows, (guint)(first + r));
        assert_int_equal(json_array_get_length(row), n_cols);
        for (size_t c = 0; c < n_cols; c++)
            assert_string_equal(json_array_get_string_element(row, (guint)c),
                                cells[r * n_cols + c]);
    }
}

/* Reads OUT/<stem>.<n>.<kind>.csv back and compares each with its table. */
static void assert_csv_equals_report(const char *dir, const bx_report *report, bool bom)
{
    char *stem = bx_source_stem(report->source), *json;
    assert_int_equal(run_cmd(&json, READBACK " csv %s/*.csv", dir), 0);
    JsonParser *p = parse_json(json);
    JsonObject *files = json_node_get_object(json_parser_get_root(p));
    assert_int_equal(json_object_get_size(files), report->n_tables);
    for (size_t i = 0; i < report->n_tables; i++) {
        const bx_table *t = report->tables[i];
        char name[512];
        snprintf(name, sizeof name, "%s/%s.%zu.%s.csv", dir, stem, i + 1, bx_table_kind_name(t));
        JsonObject *f = json_object_get_object_member(files, name);
        assert_non_null(f);
        assert_int_equal(json_object_get_boolean_member(f, "bom"), bom);
        assert_true(json_object_get_boolean_member(f, "crlf"));
        JsonArray *rows = json_object_get_array_member(f, "rows");
        assert_int_equal(json_array_get_length(rows), t->n_header + t->n_rows);
        assert_rows(rows, 0, t->header, t->n_header, t->n_cols);
        assert_rows(rows, t->n_header, t->rows, t->n_rows, t->n_cols);
    }
    g_object_unref(p);
    free(stem);
}

static void test_csv_quotes_and_bom(void **state)
{
    (void)state;
    bx_report *r = synthetic_report();
    char *dir = make_temp_dir(), *raw;
    assert_int_equal(bx_write_csv(r, dir, true, NULL), BX_OK);
    assert_csv_equals_report(dir, r, true);
    /* RFC 4180 by hand: quotes doubled inside a quoted field, CRLF */
    assert_int_equal(run_cmd(&raw, "sed -n 4p %s/synthetic.1.table.csv", dir), 0);
    assert_string_equal(raw, "\"a,b\",\"say \"\"hi\"\"\",-,12%\r\n");
    free(raw);
    remove_tree(dir);
    free(dir);
    bx_report_free(r);
}

/* Through the CLI, for every real report: the CSVs parse back to the grids. */
static void test_csv_corpus_round_trip(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof real_files / sizeof *real_files; i++) {
        char path[512];
        snprintf(path, sizeof path, REAL "%s", real_files[i]);
        bx_report *r;
        assert_int_equal(bx_report_open(path, 0, &r, NULL), BX_OK);
        char *dir = make_temp_dir();
        assert_int_equal(run_cmd(NULL, "%s extract -f csv -o %s/out '%s'", BX_BINARY, dir, path),
                         0);
        char out[512];
        snprintf(out, sizeof out, "%s/out", dir);
        assert_csv_equals_report(out, r, false);
        remove_tree(dir);
        free(dir);
        bx_report_free(r);
    }
}

static void test_md_escapes_pipes(void **state)
{
    (void)state;
    bx_report *r = synthetic_report();
    char *dir = make_temp_dir(), *md, path[512];
    snprintf(path, sizeof path, "%s/s.md", dir);
    assert_int_equal(bx_write_md(r, path, NULL), BX_OK);
    assert_int_equal(run_cmd(&md, "cat %s", path), 0);
    assert_non_null(strstr(md, "| 科目编码 | 科目编码 | 金额 / 本年 | 金额 / 上年 |\n"));
    assert_non_null(strstr(md, "| x\\|y | back\\\\slash | 0 | 1,234 |\n"));
    /* every table line has n_cols + 1 unescaped pipes */
    size_t lines = 0;
    for (char *line = strtok(md, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] != '|')
            continue;
        int pipes = 0;
        for (char *p = line; *p; p++)
            if (*p == '\\')
                p++;
            else
                pipes += *p == '|';
        assert_int_equal(pipes, 5);
        lines++;
    }
    assert_int_equal(lines, 2 + 3); /* header, alignment, 3 rows */
    free(md);
    remove_tree(dir);
    free(dir);
    bx_report_free(r);
}

static JsonObject *sheet_cells(JsonArray *sheets, guint i, const char *name)
{
    JsonObject *sheet = json_array_get_object_element(sheets, i);
    assert_string_equal(json_object_get_string_member(sheet, "name"), name);
    return json_object_get_object_member(sheet, "cells");
}

static void assert_xlsx_cell(JsonObject *cells, const char *ref, const char *type,
                             const char *text, double number, const char *format)
{
    JsonObject *c = json_object_get_object_member(cells, ref);
    assert_non_null(c);
    assert_string_equal(json_object_get_string_member(c, "type"), type);
    if (text)
        assert_string_equal(json_object_get_string_member(c, "value"), text);
    else
        assert_true(json_object_get_double_member(c, "value") == number);
    if (format)
        assert_string_equal(json_object_get_string_member(c, "format"), format);
}

static JsonParser *read_xlsx(const char *path)
{
    char *json;
    assert_int_equal(run_cmd(&json, READBACK " xlsx '%s'", path), 0);
    return parse_json(json);
}

static void assert_merges(JsonArray *sheets, guint i, const char *const *want, size_t n)
{
    JsonArray *m = json_object_get_array_member(json_array_get_object_element(sheets, i), "merges");
    assert_int_equal(json_array_get_length(m), n);
    for (size_t k = 0; k < n; k++)
        assert_string_equal(json_array_get_string_element(m, (guint)k), want[k]);
}

/* Header in sheet rows 4-5 (below title and metadata), body from row 6. */
static void test_xlsx_numbers_codes_merges(void **state)
{
    (void)state;
    bx_report *r = synthetic_report();
    char *dir = make_temp_dir(), path[512];
    snprintf(path, sizeof path, "%s/s.xlsx", dir);
    assert_int_equal(bx_write_xlsx(r, path, NULL), BX_OK);
    JsonParser *p = read_xlsx(path);
    JsonArray *sheets = json_object_get_array_member(json_node_get_object(json_parser_get_root(p)),
                                                     "sheets");
    assert_int_equal(json_array_get_length(sheets), 2);
    JsonObject *contents = sheet_cells(sheets, 0, "tables");
    assert_xlsx_cell(contents, "D5", "s", "2025年测试表", 0, NULL);
    JsonObject *c = sheet_cells(sheets, 1, "table 1");
    static const char *const merges[] = {"A4:B5", "C4:D4"};
    assert_merges(sheets, 1, merges, 2);
    assert_xlsx_cell(c, "A1", "s", "2025年测试表", 0, NULL);
    assert_xlsx_cell(c, "C5", "s", "本年", 0, NULL);
    assert_xlsx_cell(c, "A6", "s", "201", 0, NULL);
    assert_xlsx_cell(c, "B6", "s", "05", 0, NULL);
    assert_xlsx_cell(c, "C6", "n", NULL, 1234.5, "#,##0.00");
    assert_xlsx_cell(c, "D6", "n", NULL, -3, "0");
    assert_xlsx_cell(c, "A7", "s", "a,b", 0, NULL);
    assert_xlsx_cell(c, "C7", "s", "-", 0, NULL);
    assert_xlsx_cell(c, "D7", "s", "12%", 0, NULL);
    assert_xlsx_cell(c, "C8", "n", NULL, 0, "0");
    assert_xlsx_cell(c, "D8", "n", NULL, 1234, "0");
    g_object_unref(p);
    remove_tree(dir);
    free(dir);
    bx_report_free(r);
}

/* The income table of the commerce report (its 2nd): the printed header has
 * 项目 over the 4 classification columns, 收入预算 over the 5 amount columns,
 * 功能分类科目编码 over 类/款/项, and the name and amount headings spanning
 * two rows. Codes (201, 05) stay text; every amount column holds numbers. */
static void test_xlsx_shanghai_report(void **state)
{
    (void)state;
    char *dir = make_temp_dir(), path[512];
    snprintf(path, sizeof path, "%s/c.xlsx", dir);
    assert_int_equal(run_cmd(NULL, "%s extract -f xlsx -o %s " COMMERCE, BX_BINARY, path), 0);
    JsonParser *p = read_xlsx(path);
    JsonArray *sheets = json_object_get_array_member(json_node_get_object(json_parser_get_root(p)),
                                                     "sheets");
    assert_int_equal(json_array_get_length(sheets), 1 + 9);
    static const char *const merges[] = {"A4:D4", "E4:I4", "A5:C5", "D5:D6", "E5:E6",
                                         "F5:F6", "G5:G6", "H5:H6", "I5:I6"};
    assert_merges(sheets, 2, merges, sizeof merges / sizeof *merges);
    JsonObject *c = sheet_cells(sheets, 2, "income 2");
    assert_xlsx_cell(c, "A4", "s", "项目", 0, NULL);
    assert_xlsx_cell(c, "A7", "s", "201", 0, NULL);
    assert_xlsx_cell(c, "E7", "n", NULL, 21601733, "#,##0.00");
    assert_xlsx_cell(c, "B17", "s", "05", 0, NULL);
    int numbers = 0;
    GList *refs = json_object_get_members(c);
    for (GList *l = refs; l; l = l->next) {
        const char *ref = l->data;
        int row = atoi(ref + 1);
        const char *type =
            json_object_get_string_member(json_object_get_object_member(c, ref), "type");
        if (row < 7)
            continue;
        if (ref[0] <= 'C') /* 类/款/项 */
            assert_string_equal(type, "s");
        else if (ref[0] >= 'E') /* 合计 ... 其他收入 */
            assert_string_equal(type, "n");
        numbers += strcmp(type, "n") == 0;
    }
    assert_true(numbers > 31);
    g_list_free(refs);
    g_object_unref(p);
    remove_tree(dir);
    free(dir);
}

/* Loading a document again replaces it; the key is the file's SHA-256 as
 * sha256sum computes it. */
/* SQLite's file change counter (header bytes 24-27, big-endian): bumped by
 * every transaction that writes the file. */
static long change_counter(const char *path)
{
    unsigned char h[28];
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fread(h, 1, sizeof h, f), sizeof h);
    fclose(f);
    return (long)h[24] << 24 | (long)h[25] << 16 | (long)h[26] << 8 | (long)h[27];
}

/* Opening a dataset of the current schema writes nothing (batch workers
 * open it once a document: a write would queue them for the lock), while
 * one that lacks a column of the schema still gets it. */
static void test_sqlite_open_writes_only_when_needed(void **state)
{
    (void)state;
    char *dir = make_temp_dir(), db_path[512];
    snprintf(db_path, sizeof db_path, "%s/d.sqlite", dir);
    bx_dataset *ds;
    assert_int_equal(bx_dataset_open(db_path, &ds, NULL), BX_OK);
    bx_dataset_close(ds);
    long before = change_counter(db_path);
    assert_int_equal(bx_dataset_open(db_path, &ds, NULL), BX_OK);
    bx_dataset_close(ds);
    assert_int_equal(change_counter(db_path), before);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "ALTER TABLE tables DROP COLUMN verified", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(bx_dataset_open(db_path, &ds, NULL), BX_OK);
    bx_dataset_close(ds);
    assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
    assert_int_equal(bx_test_query_int(db, "SELECT count(*) FROM pragma_table_info('tables')"
                                           " WHERE name = 'verified'"),
                     1);
    sqlite3_close(db);
    remove_tree(dir);
    free(dir);
}

static void test_sqlite_replaces_by_sha256(void **state)
{
    (void)state;
    char *dir = make_temp_dir(), db_path[512], *sum;
    snprintf(db_path, sizeof db_path, "%s/d.sqlite", dir);
    bx_report *r;
    assert_int_equal(bx_report_open(COMMERCE, 0, &r, NULL), BX_OK);
    bx_write_options o = {.input_path = COMMERCE};
    assert_int_equal(bx_write_report(r, BX_FORMAT_SQLITE, db_path, &o, NULL), BX_OK);
    assert_int_equal(bx_write_report(r, BX_FORMAT_SQLITE, db_path, &o, NULL), BX_OK);
    long long cells = 0;
    for (size_t i = 0; i < r->n_tables; i++)
        cells += (long long)((r->tables[i]->n_header + r->tables[i]->n_rows) * r->tables[i]->n_cols);
    assert_int_equal(run_cmd(&sum, "sha256sum " COMMERCE " | cut -c1-64"), 0);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
    assert_int_equal(bx_test_query_int(db, "SELECT count(*) FROM documents"), 1);
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM documents WHERE sha256 = '%.64s' AND pages = 26",
             sum);
    assert_int_equal(bx_test_query_int(db, sql), 1);
    assert_int_equal(bx_test_query_int(db, "SELECT count(*) FROM tables"), 9);
    assert_int_equal(bx_test_query_int(db, "SELECT count(*) FROM cells"), cells);
    assert_int_equal(bx_test_query_int(db, "SELECT count(*) FROM cells c JOIN tables t ON t.id = c.table_id"
                                   " WHERE t.n = 2 AND is_header AND row = 0 AND col = 0"
                                   " AND text = '项目'"),
                     1);
    sqlite3_close(db);
    /* through the CLI, a second report is added beside the first */
    assert_int_equal(run_cmd(NULL, "%s extract -f sqlite -o %s " REAL "sh-putuo-wanli-2024-budget.pdf",
                             BX_BINARY, db_path),
                     0);
    assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
    assert_int_equal(bx_test_query_int(db, "SELECT count(*) FROM documents"), 2);
    assert_int_equal(bx_test_query_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    sqlite3_close(db);
    free(sum);
    bx_report_free(r);
    remove_tree(dir);
    free(dir);
}

/* A line break inside a cell (hand-edited JSON, a wrapped label) must not
 * end the pipe-table row: it is written as <br>, as GitHub reads it. */
static void test_md_line_breaks(void **state)
{
    (void)state;
    bx_report *r = synthetic_report();
    bx_table *t = r->tables[0];
    free(t->rows[0]);
    t->rows[0] = bx_xstrdup("two\r\nlines");
    char *dir = make_temp_dir(), *md, path[512];
    snprintf(path, sizeof path, "%s/s.md", dir);
    assert_int_equal(bx_write_md(r, path, NULL), BX_OK);
    assert_int_equal(run_cmd(&md, "cat %s", path), 0);
    assert_non_null(strstr(md, "\n| two<br>lines | 05 | 1234.50 | (3) |\n"));
    free(md);
    remove_tree(dir);
    free(dir);
    bx_report_free(r);
}

/* JSON written by bx_report_to_json reads back to the same tables; JSON
 * that is not ours is refused with a reason. */
static void test_json_reads_back(void **state)
{
    (void)state;
    bx_report *r = synthetic_report();
    char *text = bx_report_to_json(r);
    bx_report *back;
    bx_error err;
    assert_int_equal(bx_report_from_json(text, strlen(text), "x.json", &back, &err), BX_OK);
    assert_int_equal(back->n_tables, 1);
    const bx_table *a = r->tables[0], *b = back->tables[0];
    assert_string_equal(b->title, a->title);
    assert_string_equal(b->unit, a->unit);
    assert_null(b->department);
    assert_int_equal(b->n_pages, 2);
    assert_int_equal(b->pages[1], 4);
    assert_int_equal(b->n_cols, a->n_cols);
    assert_int_equal(b->n_header, a->n_header);
    assert_int_equal(b->n_rows, a->n_rows);
    for (size_t i = 0; i < a->n_rows * a->n_cols; i++)
        assert_string_equal(b->rows[i], a->rows[i]);
    for (size_t i = 0; i < a->n_header * a->n_cols; i++)
        assert_string_equal(b->header[i], a->header[i]);
    bx_report_free(back);
    free(text);
    bx_report_free(r);
    static const char *const bad[] = {"{\"x\": 1}", "{oops", "[]"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_not_equal(bx_report_from_json(bad[i], strlen(bad[i]), "bad.json", &back, &err),
                             BX_OK);
        assert_null(back);
        assert_non_null(strstr(err.message, "bad.json: "));
    }
}

/* Pages that are not 1-based page numbers are refused, naming the field
 * (issue 13: dropping them quietly lost what the file said), and json-glib
 * is never asked for an integer it does not hold (it prints a CRITICAL to
 * stderr, made fatal here). */
static void test_json_odd_pages(void **state)
{
    (void)state;
    static const char *const odd[] = {"\"x\"", "null", "1.5", "[]", "{}", "0", "-2",
                                      "99999999999"};
    GLogLevelFlags old = g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        char *text = g_strdup_printf("{\"tables\": [{\"title\": \"t\", \"pages\": [3, %s],"
                                     " \"rows\": [[\"a\", \"1\"]]}]}",
                                     odd[i]);
        bx_report *back;
        bx_error err;
        assert_int_equal(bx_report_from_json(text, strlen(text), "odd.json", &back, &err),
                         BX_ERR_DAMAGED);
        assert_null(back);
        assert_non_null(strstr(err.message, "odd.json: table 1: \"pages\""));
        g_free(text);
    }
    g_log_set_always_fatal(old);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_quotes_and_bom),
        cmocka_unit_test(test_csv_corpus_round_trip),
        cmocka_unit_test(test_md_escapes_pipes),
        cmocka_unit_test(test_md_line_breaks),
        cmocka_unit_test(test_xlsx_numbers_codes_merges),
        cmocka_unit_test(test_xlsx_shanghai_report),
        cmocka_unit_test(test_sqlite_replaces_by_sha256),
        cmocka_unit_test(test_sqlite_open_writes_only_when_needed),
        cmocka_unit_test(test_json_reads_back),
        cmocka_unit_test(test_json_odd_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
