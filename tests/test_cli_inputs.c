/* How commands read their inputs (README.md, "Usage"): --pages on extract,
 * check and inspect, --password and BUDGETX_PASSWORD for encrypted PDFs,
 * and "-" for standard input on every command that takes a file. Expected
 * tables come from the gold file of the bundled sample; the page count
 * from pdfinfo; the password from fixtures/make-bad-inputs. */
#include "bx_test_util.h"

#include <stdbool.h>
#include <unistd.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define COMMERCE BX_SOURCE_DIR "/fixtures/sh-putuo-commerce-2025-budget.pdf"
#define GOLD BX_SHARED_DIR "/eval/gold/sh-putuo-commerce-2025-budget.json"
#define ENCRYPTED BX_SOURCE_DIR "/fixtures/encrypted.pdf"
#define KASHGAR BX_SHARED_DIR "/corpus/text/kashgar-social-insurance-2023-budget.txt"
/* fixtures/make-bad-inputs: qpdf --encrypt secret owner-secret */
#define PASSWORD "secret"

/* A file's bytes, NUL-terminated (malloc'd), or NULL. */
static char *slurp(const char *path)
{
    gchar *data = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &data, &len, NULL))
        return NULL;
    char *out = bx_xmalloc(len + 1);
    memcpy(out, data, len);
    out[len] = '\0';
    g_free(data);
    return out;
}


/* The titles of a table JSON's tables, one a line (malloc'd). */
static char *titles(char *json)
{
    JsonParser *p = parse_json(json);
    JsonArray *tables =
        json_object_get_array_member(json_node_get_object(json_parser_get_root(p)), "tables");
    bx_buf b;
    bx_buf_init(&b);
    for (guint i = 0; i < json_array_get_length(tables); i++)
        bx_buf_printf(&b, "%s\n",
                      json_object_get_string_member(json_array_get_object_element(tables, i),
                                                    "title"));
    g_object_unref(p);
    return bx_buf_take(&b);
}

/* The gold tables printed on a page of 15-16 or 20, one title a line. */
static char *gold_titles_on_pages(void)
{
    char *gold = NULL;
    gsize len;
    assert_true(g_file_get_contents(GOLD, &gold, &len, NULL));
    JsonParser *p = parse_json(bx_xstrdup(gold));
    g_free(gold);
    JsonArray *tables =
        json_object_get_array_member(json_node_get_object(json_parser_get_root(p)), "tables");
    bx_buf b;
    bx_buf_init(&b);
    for (guint i = 0; i < json_array_get_length(tables); i++) {
        JsonObject *t = json_array_get_object_element(tables, i);
        JsonArray *pages = json_object_get_array_member(t, "pages");
        bool on = false;
        for (guint k = 0; k < json_array_get_length(pages); k++) {
            gint64 page = json_array_get_int_element(pages, k);
            on = on || page == 15 || page == 16 || page == 20;
        }
        if (on)
            bx_buf_printf(&b, "%s\n", json_object_get_string_member(t, "title"));
    }
    g_object_unref(p);
    return bx_buf_take(&b);
}

static void test_extract_pages(void **state)
{
    (void)state;
    char *json;
    assert_int_equal(run_cmd(&json, "%s extract --pages 15-16,20 '%s'", BX_BINARY, COMMERCE), 0);
    char *got = titles(json), *want = gold_titles_on_pages();
    assert_true(strchr(want, '\n') != strrchr(want, '\n')); /* two tables at least */
    assert_string_equal(got, want);
    free(got);
    free(want);
    /* one table: "1 table" (Markdown and the workbook say how many) */
    char *md;
    assert_int_equal(run_cmd(&md, "%s extract -p 9 -f md '%s' | sed -n 3p", BX_BINARY, COMMERCE),
                     0);
    assert_non_null(strstr(md, " pages, 1 table\n"));
    free(md);
    /* -p is the short form; a page range with no table is exit 3 */
    assert_int_equal(run_cmd(NULL, "%s extract -p 1-2 '%s' 2>/dev/null", BX_BINARY, COMMERCE), 3);
    /* not a page list: usage errors that say why */
    static const char *const bad[] = {"0", "3-1", "x", "1,,2", "0x3", " 3", "3.0", "", "-4"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *said;
        if (run_cmd(&said, "%s extract --pages '%s' '%s' 2>&1", BX_BINARY, bad[i], COMMERCE) != 1)
            fail_msg("--pages '%s' was not refused", bad[i]);
        assert_non_null(strstr(said, "--pages"));
        free(said);
    }
}

/* check --pages: only the checks of the tables on page 9 (one summary). */
static void test_check_pages(void **state)
{
    (void)state;
    char *json;
    assert_int_equal(run_cmd(&json, "%s check -f json --pages 9 '%s'", BX_BINARY, COMMERCE), 0);
    JsonParser *p = parse_json(json);
    JsonArray *checks =
        json_object_get_array_member(json_node_get_object(json_parser_get_root(p)), "checks");
    assert_true(json_array_get_length(checks) > 0);
    for (guint i = 0; i < json_array_get_length(checks); i++) {
        JsonObject *c = json_array_get_object_element(checks, i);
        JsonNode *table = json_object_get_member(c, "table");
        if (!JSON_NODE_HOLDS_NULL(table))
            assert_string_equal(json_node_get_string(table), "2025年部门财务收支预算总表");
    }
    g_object_unref(p);
}


static void test_inspect_pages(void **state)
{
    const char *dir = *state;
    assert_int_equal(run_cmd(NULL, "%s inspect '%s' -p 9-10 -s 0.5 -o %s/pics >/dev/null",
                             BX_BINARY, COMMERCE, dir),
                     0);
    char png[512];
    snprintf(png, sizeof png, "%s/pics/sh-putuo-commerce-2025-budget.p10.png", dir);
    char *data = slurp(png);
    assert_memory_equal(data, "\x89PNG", 4);
    free(data);
    snprintf(png, sizeof png, "%s/pics", dir);
    assert_int_equal(count_dir_entries(png), 2);
    /* past the end: the page count, from pdfinfo */
    char *info, *said;
    assert_int_equal(run_cmd(&info, "pdfinfo '%s' | awk '/^Pages:/ { print $2 }'", COMMERCE), 0);
    info[strcspn(info, "\n")] = '\0';
    assert_int_equal(run_cmd(&said, "%s inspect '%s' -p 99 -o %s/x.png 2>&1", BX_BINARY,
                             COMMERCE, dir),
                     1);
    char want[64];
    snprintf(want, sizeof want, "has %s pages; page 99", info);
    assert_non_null(strstr(said, want));
    free(said);
    free(info);
    /* without -p: says so */
    assert_int_equal(run_cmd(&said, "%s inspect '%s' -o %s/x.png 2>&1", BX_BINARY, COMMERCE, dir),
                     1);
    assert_non_null(strstr(said, "needs -p"));
    free(said);
    snprintf(png, sizeof png, "%s/x.png", dir);
    assert_int_equal(access(png, F_OK), -1);
}

static void test_password(void **state)
{
    const char *dir = *state;
    char *said;
    assert_int_equal(run_cmd(&said, "%s extract '%s' 2>&1", BX_BINARY, ENCRYPTED), 2);
    assert_non_null(strstr(said, "--password"));
    free(said);
    assert_int_equal(run_cmd(&said, "%s extract --password nope '%s' 2>&1", BX_BINARY, ENCRYPTED),
                     2);
    assert_non_null(strstr(said, "wrong password"));
    free(said);
    /* the right one opens it: its one page is drawn; the page holds a line
     * of text and no table (exit 3, not 2) */
    assert_int_equal(run_cmd(NULL, "%s inspect --password " PASSWORD " '%s' -p 1 -s 0.2 -o %s/e.png"
                                   " >/dev/null", BX_BINARY, ENCRYPTED, dir),
                     0);
    assert_int_equal(run_cmd(NULL, "%s extract --password " PASSWORD " '%s' 2>/dev/null",
                             BX_BINARY, ENCRYPTED),
                     3);
    /* from the environment, for extract, check and standard input alike */
    assert_int_equal(run_cmd(NULL, "BUDGETX_PASSWORD=" PASSWORD " %s check '%s' >/dev/null 2>&1",
                             BX_BINARY, ENCRYPTED),
                     3);
    assert_int_equal(run_cmd(NULL, "BUDGETX_PASSWORD=" PASSWORD " %s extract - < '%s' 2>/dev/null",
                             BX_BINARY, ENCRYPTED),
                     3);
    assert_int_equal(run_cmd(&said, "BUDGETX_PASSWORD=nope %s extract - < '%s' 2>&1", BX_BINARY,
                             ENCRYPTED),
                     2);
    assert_non_null(strstr(said, "stdin: encrypted PDF (wrong password)"));
    free(said);
}

/* The JSON of a file with its "source" line removed (stdin is "stdin"). */
static char *json_without_source(const char *cmd_fmt, const char *path)
{
    char *out;
    assert_int_equal(run_cmd(&out, cmd_fmt, BX_BINARY, path), 0);
    char *line = strstr(out, "\"source\"");
    assert_non_null(line);
    char *end = strchr(line, '\n');
    memmove(line, end + 1, strlen(end + 1) + 1);
    return out;
}

static void test_stdin(void **state)
{
    const char *dir = *state;
    static const char *const inputs[] = {COMMERCE, KASHGAR};
    for (size_t i = 0; i < 2; i++) {
        char *want = json_without_source("%s extract '%s'", inputs[i]);
        char *got = json_without_source("%s extract - < '%s'", inputs[i]);
        assert_string_equal(got, want);
        free(want);
        free(got);
    }
    /* our JSON on stdin, for check */
    char *out;
    assert_int_equal(run_cmd(&out, "%s extract '%s' | %s check - ", BX_BINARY, COMMERCE, BX_BINARY),
                     0);
    assert_non_null(strstr(out, "stdin: "));
    free(out);
    /* inspect reads the PDF from stdin */
    assert_int_equal(run_cmd(NULL, "%s inspect - -p 9 -s 0.3 -o %s/s.png < '%s' >/dev/null",
                             BX_BINARY, dir, COMMERCE),
                     0);
    /* batch: - reads paths, one a line */
    assert_int_equal(run_cmd(NULL, "echo '%s' | %s batch -o %s/d.sqlite - 2>/dev/null", COMMERCE,
                             BX_BINARY, dir),
                     0);
    /* export: the dataset on stdin */
    assert_int_equal(run_cmd(NULL, "%s export - -f csv -o %s/csv < %s/d.sqlite", BX_BINARY, dir,
                             dir),
                     0);
    char csv[512];
    snprintf(csv, sizeof csv, "%s/csv/documents.csv", dir);
    char *docs = slurp(csv);
    assert_non_null(strstr(docs, "sh-putuo-commerce-2025-budget.pdf"));
    free(docs);
    /* empty stdin: unusable input, said */
    assert_int_equal(run_cmd(&out, "%s extract - < /dev/null 2>&1", BX_BINARY), 2);
    assert_non_null(strstr(out, "stdin: empty"));
    free(out);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup_temp_dir, teardown_temp_dir)
    const struct CMUnitTest tests[] = {
        T(test_extract_pages), T(test_check_pages), T(test_inspect_pages),
        T(test_password),      T(test_stdin),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
