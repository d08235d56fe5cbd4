/* `budgetx export` and the dataset it reads, from the CLI (README.md,
 * "Tidy files"): line_items long with each amount in yuan, its unit and its
 * page; documents with their paths; failures with reason codes; checks with
 * their scale; ambiguities; XLSX sheets with filters and frozen headers; a
 * schema-1 dataset upgraded in place. Also the report workbook's layout
 * (unit and department cells, failed checks marked and linked) and the CSV
 * options --meta and --flat-header. Expected values come from the gold file
 * and the printed pages of the bundled sample, and from arithmetic. */
#include "bx_test_util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define COMMERCE BX_SOURCE_DIR "/fixtures/sh-putuo-commerce-2025-budget.pdf"
#define GOVOFFICE BX_SHARED_DIR "/corpus/real/sh-putuo-govoffice-2025-budget.pdf"
#define SOCIALWORK BX_SHARED_DIR "/corpus/real/sh-putuo-socialwork-2024-final.pdf"
#define WANLI BX_SHARED_DIR "/corpus/real/sh-putuo-wanli-2024-budget.pdf"
#define KASHGAR BX_SHARED_DIR "/corpus/text/kashgar-social-insurance-2023-budget.txt"
#define READBACK "python3 " BX_SOURCE_DIR "/tests/readback.py"

typedef struct {
    char *dir, *db;
} fixture;

/* One dataset for every test: the sample, Wanli (percentage checks), the
 * Kashgar text dump (ambiguities), two r.pdf of different folders and
 * contents, and two unusable files. */
static int setup(void **state)
{
    fixture *f = bx_xcalloc(1, sizeof *f);
    f->dir = make_temp_dir();
    if (asprintf(&f->db, "%s/d.sqlite", f->dir) < 0)
        return -1;
    int rc = run_cmd(NULL,
                     "cd %s && mkdir a b bad && cp '%s' a/r.pdf && cp '%s' b/r.pdf &&"
                     " head -c 50000 '%s' > bad/truncated.pdf &&"
                     " cp '%s/fixtures/encrypted.pdf' bad/ &&"
                     " %s batch -o d.sqlite -j 2 '%s' '%s' '%s' a b bad 2>/dev/null",
                     f->dir, GOVOFFICE, SOCIALWORK, COMMERCE, BX_SOURCE_DIR, BX_BINARY, COMMERCE,
                     WANLI, KASHGAR);
    if (rc != 2) /* the bad files fail */
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    remove_tree(f->dir);
    free(f->dir);
    free(f->db);
    free(f);
    return 0;
}

/* The rows of a CSV file read by Python's csv module (caller unrefs). */
static JsonParser *read_csv(const char *path, JsonArray **rows)
{
    char *json;
    assert_int_equal(run_cmd(&json, READBACK " csv '%s'", path), 0);
    JsonParser *p = parse_json(json);
    JsonObject *files = json_node_get_object(json_parser_get_root(p));
    *rows = json_object_get_array_member(json_object_get_object_member(files, path), "rows");
    return p;
}

static int column(JsonArray *rows, const char *name)
{
    JsonArray *header = json_array_get_array_element(rows, 0);
    for (guint c = 0; c < json_array_get_length(header); c++)
        if (strcmp(json_array_get_string_element(header, c), name) == 0)
            return (int)c;
    fail_msg("no column %s", name);
    return -1;
}

static const char *at(JsonArray *rows, guint r, const char *name)
{
    return json_array_get_string_element(json_array_get_array_element(rows, r),
                                         (guint)column(rows, name));
}

static char *export_csv(const fixture *f)
{
    char *out;
    if (asprintf(&out, "%s/tidy", f->dir) < 0)
        abort();
    assert_int_equal(run_cmd(NULL, "%s export %s -f CSV -o %s", BX_BINARY, f->db, out), 0);
    return out;
}

/* The summary's first line, as the gold and page 9 print it: 一、财政拨款收入
 * 371,514,655.00 元; a 三公 amount printed in 万元 is in yuan ×10000. */
static void test_line_items(void **state)
{
    fixture *f = *state;
    char *out = export_csv(f), path[600];
    snprintf(path, sizeof path, "%s/line_items.csv", out);
    JsonArray *rows;
    JsonParser *p = read_csv(path, &rows);
    bool summary = false, three_public = false;
    for (guint r = 1; r < json_array_get_length(rows); r++) {
        if (strcmp(at(rows, r, "document"), "sh-putuo-commerce-2025-budget.pdf") != 0)
            continue;
        const char *name = at(rows, r, "name"), *kind = at(rows, r, "table_kind");
        if (strcmp(kind, "summary") == 0 && strcmp(name, "一、财政拨款收入") == 0) {
            assert_string_equal(at(rows, r, "amount_yuan"), "371514655.00");
            assert_string_equal(at(rows, r, "unit"), "元");
            assert_string_equal(at(rows, r, "page"), "9");
            assert_string_equal(at(rows, r, "year"), "2025");
            assert_string_equal(at(rows, r, "stage"), "budget");
            assert_string_equal(at(rows, r, "department"), "上海市普陀区商务委员会");
            assert_string_equal(at(rows, r, "table_n"), "1");
            summary = true;
        }
        if (strcmp(kind, "three_public") == 0 && *at(rows, r, "amount_yuan")) {
            /* the printed text in 万元, the amount in yuan: ×10000, exactly */
            double printed = g_ascii_strtod(at(rows, r, "text"), NULL);
            double yuan = g_ascii_strtod(at(rows, r, "amount_yuan"), NULL);
            assert_string_equal(at(rows, r, "unit"), "万元");
            assert_true(yuan == printed * 10000 || (yuan - printed * 10000 < 0.005 &&
                                                     printed * 10000 - yuan < 0.005));
            assert_string_equal(at(rows, r, "page"), "21");
            three_public = true;
        }
    }
    assert_true(summary);
    assert_true(three_public);
    g_object_unref(p);
    free(out);
}

static void test_documents_and_failures(void **state)
{
    fixture *f = *state;
    char *out = export_csv(f), path[600];
    snprintf(path, sizeof path, "%s/documents.csv", out);
    JsonArray *rows;
    JsonParser *p = read_csv(path, &rows);
    int r_pdf = 0;
    bool a = false, b = false;
    for (guint r = 1; r < json_array_get_length(rows); r++)
        if (strcmp(at(rows, r, "document"), "r.pdf") == 0) {
            r_pdf++;
            a = a || strcmp(at(rows, r, "path"), "a/r.pdf") == 0;
            b = b || strcmp(at(rows, r, "path"), "b/r.pdf") == 0;
        }
    assert_int_equal(r_pdf, 2);
    assert_true(a && b);
    g_object_unref(p);
    snprintf(path, sizeof path, "%s/failures.csv", out);
    p = read_csv(path, &rows);
    assert_int_equal(json_array_get_length(rows), 3);
    for (guint r = 1; r < 3; r++) {
        const char *doc = at(rows, r, "document"), *reason = at(rows, r, "reason");
        const char *detail = at(rows, r, "detail");
        assert_string_equal(reason, strcmp(doc, "truncated.pdf") == 0 ? "damaged" : "encrypted");
        assert_null(strstr(detail, "bad/")); /* the path is its own column */
        assert_non_null(strstr(at(rows, r, "path"), "bad/"));
    }
    g_object_unref(p);
    free(out);
}

/* Wanli's claim_change checks compare percentages: shown in %, the value
 * the quote prints ("减少57.14%"), not 1/10000 % read as 元. */
static void test_checks_scale(void **state)
{
    fixture *f = *state;
    char *out = export_csv(f), path[600];
    snprintf(path, sizeof path, "%s/checks.csv", out);
    JsonArray *rows;
    JsonParser *p = read_csv(path, &rows);
    int percent = 0;
    for (guint r = 1; r < json_array_get_length(rows); r++) {
        if (strcmp(at(rows, r, "rule"), "claim_change") != 0)
            continue;
        assert_string_equal(at(rows, r, "unit"), "%");
        /* "57.1400" -> "57.14", "100.0000" -> "100": as a report prints it */
        char printed[32];
        snprintf(printed, sizeof printed, "%.2f", g_ascii_strtod(at(rows, r, "actual"), NULL));
        for (size_t n = strlen(printed); printed[n - 1] == '0' || printed[n - 1] == '.'; n--) {
            bool dot = printed[n - 1] == '.';
            printed[n - 1] = '\0';
            if (dot)
                break;
        }
        if (!strstr(at(rows, r, "quote"), printed))
            fail_msg("%s %% not in \"%s\"", printed, at(rows, r, "quote"));
        assert_true(*at(rows, r, "severity"));
        percent++;
    }
    assert_true(percent > 0);
    g_object_unref(p);
    free(out);
}

/* The text dump's ambiguities reach the dataset: as many as its JSON has. */
static void test_ambiguities(void **state)
{
    fixture *f = *state;
    char *out = export_csv(f), path[600], *n_json;
    assert_int_equal(run_cmd(&n_json, "%s extract '%s' | grep -c '\"ambiguities\"' || true",
                             BX_BINARY, KASHGAR),
                     0);
    assert_true(atoi(n_json) > 0);
    char *n_notes;
    /* each table's list holds one note or more: compare tables with notes */
    snprintf(path, sizeof path, "%s/ambiguities.csv", out);
    run_cmd(&n_notes, "python3 -c \"import csv,sys; r=list(csv.DictReader(open('%s')));"
                      " print(len({x['table_n'] for x in r if x['document'].startswith('kashgar')}))\"",
            path);
    assert_int_equal(atoi(n_notes), atoi(n_json));
    free(n_json);
    free(n_notes);
    free(out);
}

static JsonArray *xlsx_sheets(const char *path, JsonParser **p)
{
    char *json;
    assert_int_equal(run_cmd(&json, READBACK " xlsx '%s'", path), 0);
    *p = parse_json(json);
    return json_object_get_array_member(json_node_get_object(json_parser_get_root(*p)), "sheets");
}

static void test_export_xlsx(void **state)
{
    fixture *f = *state;
    char path[600];
    snprintf(path, sizeof path, "%s/tidy.xlsx", f->dir);
    assert_int_equal(run_cmd(NULL, "%s export %s -f xlsx -o %s", BX_BINARY, f->db, path), 0);
    JsonParser *p;
    JsonArray *sheets = xlsx_sheets(path, &p);
    static const char *const names[] = {"line_items", "documents", "checks", "failures",
                                        "ambiguities"};
    assert_int_equal(json_array_get_length(sheets), 5);
    for (guint i = 0; i < 5; i++) {
        JsonObject *s = json_array_get_object_element(sheets, i);
        assert_string_equal(json_object_get_string_member(s, "name"), names[i]);
        assert_true(g_str_has_prefix(json_object_get_string_member(s, "autofilter"), "A1:"));
        assert_int_equal(json_object_get_double_member(s, "frozen_rows"), 1);
    }
    /* amounts are numbers: the first line item is the summary's 财政拨款收入 */
    JsonObject *cells = json_object_get_object_member(json_array_get_object_element(sheets, 0),
                                                      "cells");
    assert_string_equal(json_object_get_string_member(
                            json_object_get_object_member(cells, "A1"), "value"),
                        "document");
    bool found = false;
    JsonObjectIter it;
    const char *ref;
    JsonNode *node;
    json_object_iter_init(&it, cells);
    while (json_object_iter_next(&it, &ref, &node)) {
        JsonObject *c = json_node_get_object(node);
        found = found || (strcmp(json_object_get_string_member(c, "type"), "n") == 0 &&
                          json_object_get_double_member(c, "value") == 371514655.0);
    }
    assert_true(found);
    g_object_unref(p);
    /* several inputs into one workbook name: refused, nothing written */
    char *said;
    assert_int_equal(run_cmd(&said, "%s export %s %s -f xlsx -o %s/two.xlsx 2>&1", BX_BINARY,
                             f->db, f->db, f->dir),
                     1);
    assert_non_null(strstr(said, "not several"));
    free(said);
    assert_int_equal(run_cmd(&said, "%s export %s -f json -o x 2>&1", BX_BINARY, f->db), 1);
    assert_non_null(strstr(said, "csv or xlsx"));
    free(said);
}

/* A dataset of schema 1 (budgetx before path, reason codes, scales) is
 * upgraded by the next run that writes to it: its failure gets its code. */
static void test_schema_1_upgraded(void **state)
{
    fixture *f = *state;
    char v1[600];
    snprintf(v1, sizeof v1, "%s/v1.sqlite", f->dir);
    assert_int_equal(
        run_cmd(NULL,
                "python3 -c \"import sqlite3; d=sqlite3.connect('%s'); d.executescript('''"
                "CREATE TABLE documents (id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE,"
                " file_name TEXT NOT NULL, pages INTEGER NOT NULL, title TEXT, department TEXT,"
                " year INTEGER, stage TEXT, level TEXT, warning TEXT);"
                "CREATE TABLE tables (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL"
                " REFERENCES documents(id) ON DELETE CASCADE, n INTEGER NOT NULL,"
                " kind TEXT NOT NULL, title TEXT NOT NULL, unit TEXT, department TEXT,"
                " pages TEXT NOT NULL, first_page INTEGER, n_header INTEGER NOT NULL,"
                " n_rows INTEGER NOT NULL, n_cols INTEGER NOT NULL, UNIQUE (document_id, n));"
                "CREATE TABLE line_items (id INTEGER PRIMARY KEY, table_id INTEGER NOT NULL"
                " REFERENCES tables(id) ON DELETE CASCADE, row INTEGER NOT NULL,"
                " side INTEGER NOT NULL DEFAULT 0, code TEXT, level TEXT, scheme TEXT, name TEXT,"
                " is_total INTEGER NOT NULL DEFAULT 0, col INTEGER NOT NULL, column_key TEXT,"
                " measure TEXT, text TEXT NOT NULL, amount_fen INTEGER, unit TEXT);"
                "CREATE TABLE checks (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL"
                " REFERENCES documents(id) ON DELETE CASCADE, table_id INTEGER REFERENCES"
                " tables(id) ON DELETE CASCADE, other_table_id INTEGER REFERENCES tables(id)"
                " ON DELETE CASCADE, rule TEXT NOT NULL, row INTEGER, page INTEGER, what TEXT,"
                " expected_fen INTEGER, actual_fen INTEGER, tolerance_fen INTEGER,"
                " status TEXT NOT NULL);"
                "CREATE TABLE failures (id INTEGER PRIMARY KEY, file_name TEXT NOT NULL,"
                " path TEXT NOT NULL, sha256 TEXT, reason TEXT NOT NULL CHECK (reason IN"
                " (\\\\'error\\\\', \\\\'exit\\\\', \\\\'signal\\\\', \\\\'timeout\\\\')),"
                " detail TEXT NOT NULL, UNIQUE (sha256, file_name));"
                "INSERT INTO failures VALUES (1, \\\\'t.pdf\\\\', \\\\'x/t.pdf\\\\', NULL,"
                " \\\\'error\\\\', \\\\'x/t.pdf: damaged PDF (cut)\\\\');"
                "PRAGMA user_version = 1;''')\"",
                v1),
        0);
    assert_int_equal(run_cmd(NULL, "%s extract -f sqlite -o %s '%s'", BX_BINARY, v1, COMMERCE),
                     0);
    char *out;
    assert_int_equal(run_cmd(&out, "python3 -c \"import sqlite3; d=sqlite3.connect('%s');"
                                   " print(d.execute('PRAGMA user_version').fetchone()[0],"
                                   " d.execute('SELECT reason FROM failures').fetchone()[0],"
                                   " d.execute('SELECT path FROM documents').fetchone()[0])\"",
                             v1),
                     0);
    char want[700];
    snprintf(want, sizeof want, "2 damaged %s\n", COMMERCE);
    assert_string_equal(out, want);
    free(out);
}

/* The report workbook: the unit and department of page 9 in cells of their
 * own; a row a check finds wrong is red and the check links to it. With the
 * first income line 1 yuan more, 收入总计 (body row 7 of the gold summary,
 * sheet row 13 below the title, the metadata, a blank and 2 header rows) no
 * longer adds up. */
static void test_report_xlsx_layout(void **state)
{
    fixture *f = *state;
    char json[600], xlsx[600];
    snprintf(json, sizeof json, "%s/fixed.json", f->dir);
    snprintf(xlsx, sizeof xlsx, "%s/fixed.xlsx", f->dir);
    /* 一、财政拨款收入 (summary row 0) printed 371514655.00: make it 1 yuan
     * more, and 收入总计 no longer adds up */
    assert_int_equal(run_cmd(NULL, "%s extract '%s' | sed '0,/\"371514655.00\"/s//\"371514656.00\"/'"
                                   " > %s && %s extract -f xlsx -o %s %s",
                             BX_BINARY, COMMERCE, json, BX_BINARY, xlsx, json),
                     0);
    JsonParser *p;
    JsonArray *sheets = xlsx_sheets(xlsx, &p);
    JsonObject *contents = json_array_get_object_element(sheets, 0);
    JsonObject *sheet = json_array_get_object_element(sheets, 1);
    JsonObject *cells = json_object_get_object_member(sheet, "cells");
#define CELL(ref) json_object_get_object_member(cells, ref)
    assert_string_equal(json_object_get_string_member(CELL("A2"), "value"), "unit");
    assert_string_equal(json_object_get_string_member(CELL("B2"), "value"), "元");
    assert_string_equal(json_object_get_string_member(CELL("C2"), "value"), "department");
    assert_string_equal(json_object_get_string_member(CELL("D2"), "value"),
                        "上海市普陀区商务委员会");
    assert_string_equal(json_object_get_string_member(CELL("F2"), "value"), "9");
    assert_string_equal(json_object_get_string_member(CELL("A13"), "value"), "收入总计");
    JsonNode *fill = json_object_get_member(CELL("B13"), "fill");
    assert_false(JSON_NODE_HOLDS_NULL(fill));
    assert_true(g_str_has_suffix(json_node_get_string(fill), "F4CCCC"));
    /* rows that add up are not marked */
    fill = json_object_get_member(CELL("A12"), "fill");
    assert_true(JSON_NODE_HOLDS_NULL(fill) || !g_str_has_suffix(json_node_get_string(fill), "F4CCCC"));
#undef CELL
    /* the contents sheet lists the failed check, linked to that row */
    JsonObject *links = json_object_get_object_member(contents, "links");
    bool linked = false;
    JsonObjectIter it;
    const char *ref;
    JsonNode *node;
    json_object_iter_init(&it, links);
    while (json_object_iter_next(&it, &ref, &node))
        linked = linked || strcmp(json_node_get_string(node), "'summary 1'!A13") == 0;
    assert_true(linked);
    /* the kind column is wide enough for the longest kind name */
    JsonObject *widths = json_object_get_object_member(contents, "widths");
    assert_true(json_object_get_double_member(widths, "3") >= strlen("general_budget_expenditure"));
    g_object_unref(p);
}

/* CSV --meta: a sidecar with each file's unit (三公 in 万元, the rest in 元,
 * as the gold says); --flat-header: one header row, "本年收入 / 项目". */
static void test_csv_meta_flat_header(void **state)
{
    fixture *f = *state;
    char dir[600], path[700];
    snprintf(dir, sizeof dir, "%s/csv", f->dir);
    assert_int_equal(run_cmd(NULL, "%s extract -f csv --meta --flat-header -o %s '%s'", BX_BINARY,
                             dir, COMMERCE),
                     0);
    snprintf(path, sizeof path, "%s/sh-putuo-commerce-2025-budget.tables.csv", dir);
    JsonArray *rows;
    JsonParser *p = read_csv(path, &rows);
    assert_int_equal(json_array_get_length(rows), 10); /* header + the 9 gold tables */
    for (guint r = 1; r < json_array_get_length(rows); r++) {
        const char *title = at(rows, r, "title");
        assert_string_equal(at(rows, r, "unit"), strstr(title, "三公") ? "万元" : "元");
        assert_string_equal(at(rows, r, "header_rows"), "1");
        char file[700];
        snprintf(file, sizeof file, "%s/%s", dir, at(rows, r, "file"));
        assert_int_equal(access(file, R_OK), 0);
    }
    g_object_unref(p);
    snprintf(path, sizeof path, "%s/sh-putuo-commerce-2025-budget.1.summary.csv", dir);
    p = read_csv(path, &rows);
    JsonArray *header = json_array_get_array_element(rows, 0);
    assert_string_equal(json_array_get_string_element(header, 0), "本年收入 / 项目");
    assert_string_equal(json_array_get_string_element(header, 3), "本年支出 / 预算数");
    assert_string_equal(json_array_get_string_element(json_array_get_array_element(rows, 1), 0),
                        "一、财政拨款收入");
    g_object_unref(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_items),       cmocka_unit_test(test_documents_and_failures),
        cmocka_unit_test(test_checks_scale),     cmocka_unit_test(test_ambiguities),
        cmocka_unit_test(test_export_xlsx),      cmocka_unit_test(test_schema_1_upgraded),
        cmocka_unit_test(test_report_xlsx_layout), cmocka_unit_test(test_csv_meta_flat_header),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
