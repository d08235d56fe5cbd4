/* Numeric options are read whole or refused: "--timeout abc" must not
 * become "never time out", nor "-p 2x" page 2 (README.md, exit status 1
 * for usage errors). A refused command writes nothing. Also the inspect
 * command end to end, which no other test runs. */
#include "spawn.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define COMMERCE BX_SOURCE_DIR "/fixtures/sh-putuo-commerce-2025-budget.pdf"

static int setup(void **state)
{
    char *dir = bx_test_tmpdir();
    *state = dir;
    return dir ? 0 : -1;
}

static int teardown(void **state)
{
    bx_test_rmdir(*state);
    return 0;
}

static int batch(const char *dir, const char *option, const char *value)
{
    char db[4200];
    snprintf(db, sizeof db, "%s/out.sqlite", dir);
    char *argv[] = {(char *)BX_BINARY, "batch", "-o", db, (char *)option, (char *)value,
                    (char *)COMMERCE, NULL};
    return bx_test_run(argv, NULL, NULL);
}

/* stdout goes to `out` when not NULL. */
static int inspect_to(const char *dir, const char *page, const char *scale, const char *out)
{
    char png[4200];
    snprintf(png, sizeof png, "%s/page.png", dir);
    char *argv[] = {(char *)BX_BINARY, "inspect", (char *)COMMERCE, "-p", (char *)page,
                    "-s", (char *)scale, "-o", png, NULL};
    return bx_test_run(argv, out, NULL);
}

static int inspect(const char *dir, const char *page, const char *scale)
{
    return inspect_to(dir, page, scale, NULL);
}

static void test_batch_numbers_refused(void **state)
{
    const char *dir = *state;
    static const char *const bad[][2] = {
        {"--timeout", "abc"}, {"--timeout", "nan"}, {"--timeout", "10s"}, {"--timeout", ""},
        {"--timeout", "-1"},  {"-j", "2x"},         {"-j", "0"},          {"-j", "99999999999"},
        {"-j", ""},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (batch(dir, bad[i][0], bad[i][1]) != 1)
            fail_msg("batch %s '%s' was not refused", bad[i][0], bad[i][1]);
        assert_int_equal(bx_test_count_entries(dir), 0);
    }
}

static void test_inspect_numbers_refused(void **state)
{
    const char *dir = *state;
    static const char *const bad[][2] = {
        {"2x", "2"}, {"abc", "2"}, {"99999999999", "2"}, {"0", "2"},
        {"1", "2x"}, {"1", "nan"}, {"1", "0"},           {"1", "9"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (inspect(dir, bad[i][0], bad[i][1]) != 1)
            fail_msg("inspect -p '%s' -s '%s' was not refused", bad[i][0], bad[i][1]);
        assert_int_equal(bx_test_count_entries(dir), 0);
    }
}

/* Page 9 (财务收支预算总表, a ruled table): a PNG, cells found, and nothing
 * else in the folder (no temporary file left). */
static void test_inspect_writes_png(void **state)
{
    const char *dir = *state;
    char log[4200];
    snprintf(log, sizeof log, "%s.stdout", dir);
    assert_int_equal(inspect_to(dir, "9", "1", log), 0);
    char *said = bx_test_slurp(log);
    unlink(log);
    assert_non_null(said);
    assert_null(strstr(said, ": 0 cells")); /* "<file>: page 9: N cells", N > 0 */
    assert_non_null(strstr(said, ": page 9: "));
    free(said);
    assert_int_equal(bx_test_count_entries(dir), 1);
    char path[4200];
    snprintf(path, sizeof path, "%s/page.png", dir);
    char *png = bx_test_slurp(path);
    assert_non_null(png);
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    free(png);
    /* a page past the end is refused and leaves no file behind */
    assert_int_equal(unlink(path), 0);
    assert_int_equal(inspect(dir, "999", "1"), 1);
    assert_int_equal(bx_test_count_entries(dir), 0);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_batch_numbers_refused),
        T(test_inspect_numbers_refused),
        T(test_inspect_writes_png),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
