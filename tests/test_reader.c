/* The reader's options and its from-memory entry (model/reader/open.c,
 * pages.c): the tables a page selection keeps are those the gold prints on
 * those pages; bytes in memory read as the file they came from; a password
 * opens the encrypted fixture. Expected titles come from the gold of the
 * bundled sample (fixtures/sh-putuo-commerce-2025-budget.pdf). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "bx_model.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#define SAMPLE BX_SOURCE_DIR "/fixtures/sh-putuo-commerce-2025-budget.pdf"
#define GOLD BX_SHARED_DIR "/eval/gold/sh-putuo-commerce-2025-budget.json"

/* The gold's titles of the tables printed on a page in [from, to]. */
static char **gold_titles_on(int from, int to, size_t *n)
{
    JsonParser *p = json_parser_new();
    assert_true(json_parser_load_from_file(p, GOLD, NULL));
    JsonArray *tables = json_object_get_array_member(
        json_node_get_object(json_parser_get_root(p)), "tables");
    char **titles = calloc(json_array_get_length(tables) + 1, sizeof *titles);
    *n = 0;
    for (guint i = 0; i < json_array_get_length(tables); i++) {
        JsonObject *t = json_array_get_object_element(tables, i);
        JsonArray *pages = json_object_get_array_member(t, "pages");
        bool on = false;
        for (guint k = 0; k < json_array_get_length(pages); k++) {
            gint64 pg = json_array_get_int_element(pages, k);
            on = on || (pg >= from && pg <= to);
        }
        if (on)
            titles[(*n)++] = g_strdup(json_object_get_string_member(t, "title"));
    }
    g_object_unref(p);
    return titles;
}

static void assert_titles(const bx_report *r, char **titles, size_t n)
{
    assert_int_equal(r->n_tables, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(r->tables[i]->title, titles[i]);
}

static void free_titles(char **titles)
{
    for (size_t i = 0; titles[i]; i++)
        g_free(titles[i]);
    free(titles);
}

static void test_pages_keep_the_gold_tables_of_those_pages(void **state)
{
    (void)state;
    size_t n;
    char **titles = gold_titles_on(12, 14, &n);
    assert_true(n >= 2); /* the range must select something to test */
    bx_page_set set;
    char why[128];
    assert_true(bx_page_set_parse("12-14", &set, why, sizeof why));
    bx_open_options opt = {.pages = &set};
    bx_report *r;
    bx_error err;
    assert_int_equal(bx_report_open_with(SAMPLE, &opt, &r, &err), BX_OK);
    assert_titles(r, titles, n);
    for (size_t i = 0; i < r->n_checks; i++) /* report-level findings judge a whole report */
        assert_true(r->checks[i].table >= 0 && (size_t)r->checks[i].table < r->n_tables);
    bx_report_free(r);
    bx_page_set_free(&set);
    free_titles(titles);
}

static void test_bytes_in_memory_read_as_the_file(void **state)
{
    (void)state;
    gchar *data;
    gsize len;
    assert_true(g_file_get_contents(SAMPLE, &data, &len, NULL));
    size_t n;
    char **titles = gold_titles_on(1, 1000, &n);
    bx_report *r;
    bx_error err;
    assert_int_equal(bx_report_open_data(data, len, "sample", NULL, &r, &err), BX_OK);
    assert_titles(r, titles, n);
    bx_report_free(r);
    free_titles(titles);
    g_free(data);
    assert_int_equal(bx_report_open_data("", 0, "nothing", NULL, &r, &err), BX_ERR_EMPTY);
    assert_null(r);
    assert_non_null(strstr(err.message, "nothing"));
}

/* fixtures/make-bad-inputs: encrypted.pdf is text.pdf (prose, no table)
 * under the user password "secret". */
static void test_password_opens_the_encrypted_fixture(void **state)
{
    (void)state;
    const char *path = BX_SOURCE_DIR "/fixtures/encrypted.pdf";
    bx_report *r;
    bx_error err;
    bx_open_options wrong = {.password = "wrong"};
    assert_int_equal(bx_report_open_with(path, &wrong, &r, &err), BX_ERR_ENCRYPTED);
    assert_null(r);
    bx_open_options right = {.password = "secret"};
    assert_int_equal(bx_report_open_with(path, &right, &r, &err), BX_OK);
    assert_int_equal(r->n_tables, 0);
    bx_report_free(r);
}

static void test_bad_selections_say_why(void **state)
{
    (void)state;
    bx_page_set set;
    char why[128];
    assert_false(bx_page_set_parse("3-1", &set, why, sizeof why));
    assert_non_null(strstr(why, "3-1"));
    assert_false(bx_page_set_parse("0", &set, why, sizeof why));
    assert_false(bx_page_set_parse("2,x", &set, why, sizeof why));
    assert_true(bx_page_set_parse("20-", &set, why, sizeof why));
    assert_true(bx_page_set_has(&set, 20) && bx_page_set_has(&set, 100000));
    assert_false(bx_page_set_has(&set, 19));
    bx_page_set_free(&set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pages_keep_the_gold_tables_of_those_pages),
        cmocka_unit_test(test_bytes_in_memory_read_as_the_file),
        cmocka_unit_test(test_password_opens_the_encrypted_fixture),
        cmocka_unit_test(test_bad_selections_say_why),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
