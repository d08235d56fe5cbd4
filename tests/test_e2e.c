/* End to end: the Shanghai reports against the hand-checked gold, scored by
 * ../shared/eval/score, and the 392-page Taiwanese report read whole.
 * Skipped when ../shared (corpus, gold, scorer) is not beside the project. */
#include "spawn.h"

#include <glob.h>
#include <json-glib/json-glib.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* Floors just under what the extractor reaches (cells=1.000, headers=1.00):
 * a drop below them is a regression, not noise. */
#define MIN_CELLS 0.99
#define MIN_HEADERS 0.95

static int have_shared(const char *rel)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", BX_SHARED_DIR, rel);
    return access(path, R_OK) == 0;
}

/* The paths matching a pattern under the shared folder. */
static void shared_glob(const char *rel, glob_t *g)
{
    char pattern[4200];
    snprintf(pattern, sizeof pattern, "%s/%s", BX_SHARED_DIR, rel);
    assert_int_equal(glob(pattern, 0, NULL, g), 0);
}

typedef struct {
    double cells, values, headers, meta;
    int exact, tables, missing;
} score_line;

/* The scorer's summary (its last line):
 * cells=0.973 values=0.990 exact_tables=41/47 headers=0.85 meta=0.91 missing=1 */
static void parse_summary(const char *text, score_line *s)
{
    const char *last = text, *p;
    size_t n = strlen(text);
    while (n > 0 && text[n - 1] == '\n')
        n--;
    for (p = text; p < text + n; p++)
        if (*p == '\n')
            last = p + 1;
    int got = sscanf(last, "cells=%lf values=%lf exact_tables=%d/%d headers=%lf meta=%lf missing=%d",
                     &s->cells, &s->values, &s->exact, &s->tables, &s->headers, &s->meta,
                     &s->missing);
    if (got != 7)
        fail_msg("cannot read the scorer's summary line: %s", last);
}

static void test_shanghai_gold(void **state)
{
    (void)state;
    if (!have_shared("eval/score") || !have_shared("corpus/real"))
        skip();
    glob_t pdfs, gold;
    shared_glob("corpus/real/sh-*.pdf", &pdfs);
    shared_glob("eval/gold/sh-*.json", &gold);
    assert_int_equal(pdfs.gl_pathc, 5);
    assert_int_equal(gold.gl_pathc, 5);
    char *dir = bx_test_tmpdir();
    assert_non_null(dir);

    char **argv = calloc(pdfs.gl_pathc + 5, sizeof *argv);
    int k = 0;
    argv[k++] = (char *)BX_BINARY;
    argv[k++] = "extract";
    argv[k++] = "-o";
    argv[k++] = dir;
    for (size_t i = 0; i < pdfs.gl_pathc; i++)
        argv[k++] = pdfs.gl_pathv[i];
    assert_int_equal(bx_test_run(argv, NULL, NULL), 0);
    free(argv);
    assert_int_equal(bx_test_count_entries(dir), 5);

    char score[4200], out[4300];
    snprintf(score, sizeof score, "%s/eval/score", BX_SHARED_DIR);
    snprintf(out, sizeof out, "%s.score", dir);
    argv = calloc(gold.gl_pathc + 3, sizeof *argv);
    k = 0;
    argv[k++] = score;
    for (size_t i = 0; i < gold.gl_pathc; i++)
        argv[k++] = gold.gl_pathv[i];
    argv[k++] = dir;
    assert_int_equal(bx_test_run(argv, out, NULL), 0);
    free(argv);

    char *text = bx_test_slurp(out);
    assert_non_null(text);
    print_message("%s", text ? text : ""); /* non-null asserted; the optimiser cannot see it */
    score_line s;
    parse_summary(text, &s);
    free(text);
    unlink(out);
    bx_test_rmdir(dir);
    globfree(&pdfs);
    globfree(&gold);
    assert_true(s.cells >= MIN_CELLS);
    assert_true(s.headers >= MIN_HEADERS);
    assert_int_equal(s.missing, 0);
}

/* The longest report: it must go through whole and hold tables. */
static void test_taiwan_report(void **state)
{
    (void)state;
    if (!have_shared("corpus/real/tw-moi-2025-budget.pdf"))
        skip();
    char *dir = bx_test_tmpdir();
    assert_non_null(dir);
    char pdf[4200], out[4300];
    snprintf(pdf, sizeof pdf, "%s/corpus/real/tw-moi-2025-budget.pdf", BX_SHARED_DIR);
    snprintf(out, sizeof out, "%s/tw.json", dir);
    char *argv[] = {(char *)BX_BINARY, "extract", "-o", out, pdf, NULL};
    assert_int_equal(bx_test_run(argv, NULL, NULL), 0);

    JsonParser *parser = json_parser_new();
    GError *gerr = NULL;
    gboolean ok = json_parser_load_from_file(parser, out, &gerr);
    if (!ok)
        fail_msg("%s: %s", out, gerr->message);
    JsonNode *root = json_parser_get_root(parser);
    assert_true(JSON_NODE_HOLDS_OBJECT(root));
    JsonObject *doc = json_node_get_object(root);
    assert_true(json_object_has_member(doc, "tables"));
    JsonArray *tables = json_object_get_array_member(doc, "tables");
    assert_non_null(tables);
    assert_true(json_array_get_length(tables) > 0);
    g_object_unref(parser);
    bx_test_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shanghai_gold),
        cmocka_unit_test(test_taiwan_report),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
