/* doc/budgetx-table.schema.json describes what budgetx writes: the table
 * JSON of every corpus file (PDFs and the text dump) and the checks JSON
 * validate against it, with Debian's python3-jsonschema as the independent
 * validator. And the schema can fail: a check with an unknown status, or a
 * table without rows, is refused. */
#include "bx_test_util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define SCHEMA BX_SOURCE_DIR "/doc/budgetx-table.schema.json"
#define VALIDATE "/usr/bin/python3 " BX_SOURCE_DIR "/tests/validate_schema.py " SCHEMA
#define CORPUS BX_SHARED_DIR "/corpus"


static void test_corpus_outputs_validate(void **state)
{
    const char *dir = *state;
    /* 3: some corpus file may hold no table; its JSON is then not written */
    int rc = run_cmd(NULL, "%s extract -o %s/out/ " CORPUS "/real/*.pdf " CORPUS "/text/*.txt",
                     BX_BINARY, dir);
    assert_true(rc == 0 || rc == 3);
    char *n_in, *n_out;
    run_cmd(&n_in, "ls " CORPUS "/real/*.pdf " CORPUS "/text/*.txt | wc -l");
    run_cmd(&n_out, "ls %s/out/*.json | wc -l", dir);
    assert_int_equal(atoi(n_out), atoi(n_in));
    free(n_in);
    free(n_out);
    assert_int_equal(run_cmd(NULL, "%s check -f json %s/out/sh-putuo-commerce-2025-budget.json"
                                   " > %s/checks.json",
                             BX_BINARY, dir, dir),
                     0);
    char *errors;
    int valid = run_cmd(&errors, VALIDATE " %s/out/*.json %s/checks.json 2>&1", dir, dir);
    if (valid != 0)
        fail_msg("schema errors:\n%.2000s", errors);
    free(errors);
}

static void test_schema_refuses(void **state)
{
    const char *dir = *state;
    static const char *const bad[] = {
        /* a table without rows */
        "{\"source\": \"a.pdf\", \"tables\": [{\"title\": \"t\", \"pages\": [1],"
        " \"unit\": null, \"department\": null, \"header\": []}]}",
        /* a page 0 */
        "{\"source\": \"a.pdf\", \"tables\": [{\"title\": \"t\", \"pages\": [0],"
        " \"unit\": null, \"department\": null, \"header\": [], \"rows\": []}]}",
        /* a check status that does not exist */
        "{\"source\": \"a.pdf\", \"checks\": [{\"rule\": \"row_total\", \"table\": null,"
        " \"table_index\": -1, \"table_n\": null, \"row\": -1, \"what\": null, \"expected\": 0,"
        " \"actual\": 0, \"difference\": 0, \"tolerance\": 0, \"pages\": [], \"status\": \"maybe\","
        " \"severity\": \"error\"}], \"summary\": {\"checks\": 1, \"pass\": 0, \"rounding\": 0,"
        " \"fail\": 0}}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/bad%zu.json", dir, i);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(bad[i], f);
        fclose(f);
        if (run_cmd(NULL, VALIDATE " %s >/dev/null 2>&1", path) != 1)
            fail_msg("the schema accepted %s", bad[i]);
    }
}

int main(void)
{
    (void)parse_json; /* bx_test_util.h's, unused here */
#define T(f) cmocka_unit_test_setup_teardown(f, setup_temp_dir, teardown_temp_dir)
    const struct CMUnitTest tests[] = {
        T(test_corpus_outputs_validate),
        T(test_schema_refuses),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
