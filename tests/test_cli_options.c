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

/* A one-page PDF whose MediaBox is 3e9 points wide: at -s 8 its width in
 * pixels overflows an int. It is refused as a usage error (a smaller
 * scale or another page), with nothing written. */
static void test_inspect_huge_page(void **state)
{
    const char *dir = *state;
    static const char *const objs[] = {
        "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 3000000000 10] >>"};
    char pdf_path[4200], png[4200], err_path[4200];
    snprintf(pdf_path, sizeof pdf_path, "%s.huge.pdf", dir);
    snprintf(png, sizeof png, "%s/page.png", dir);
    snprintf(err_path, sizeof err_path, "%s.stderr", dir);
    FILE *f = fopen(pdf_path, "wb");
    assert_non_null(f);
    long offs[3];
    fputs("%PDF-1.4\n", f);
    for (int i = 0; i < 3; i++) {
        offs[i] = ftell(f);
        fprintf(f, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
    }
    long xref = ftell(f);
    fputs("xref\n0 4\n0000000000 65535 f \n", f);
    for (int i = 0; i < 3; i++)
        fprintf(f, "%010ld 00000 n \n", offs[i]);
    fprintf(f, "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", xref);
    fclose(f);
    char *argv[] = {(char *)BX_BINARY, "inspect", pdf_path, "-p", "1", "-s", "8", "-o", png, NULL};
    int rc = bx_test_run(argv, NULL, err_path);
    char *msg = bx_test_slurp(err_path);
    unlink(pdf_path);
    unlink(err_path);
    assert_int_equal(rc, 1);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "pixels"));
    free(msg);
    assert_int_equal(bx_test_count_entries(dir), 0);
}

/* Two inputs of one name in different folders would write one output file
 * (json) or one set of CSV files: the second silently replaced the first.
 * Refused before anything is read, for every format writing into a folder. */
static void test_extract_same_names_refused(void **state)
{
    const char *dir = *state;
    static const char *const formats[] = {"json", "md", "csv"};
    char out[4200], a[4200], b[4200];
    snprintf(out, sizeof out, "%s/out", dir);
    snprintf(a, sizeof a, "%s.a", dir);
    snprintf(b, sizeof b, "%s.b", dir);
    assert_int_equal(mkdir(a, 0700), 0);
    assert_int_equal(mkdir(b, 0700), 0);
    strcat(a, "/r.pdf");
    strcat(b, "/r.pdf");
    assert_int_equal(symlink(COMMERCE, a), 0);
    assert_int_equal(symlink(COMMERCE, b), 0);
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
        char *argv[] = {(char *)BX_BINARY, "extract", "-f", (char *)formats[i], "-o", out,
                        a, b, NULL};
        if (bx_test_run(argv, NULL, NULL) != 1)
            fail_msg("-f %s: two inputs named r.pdf were not refused", formats[i]);
        assert_int_equal(bx_test_count_entries(dir), 0);
    }
    unlink(a);
    unlink(b);
    *strrchr(a, '/') = '\0';
    *strrchr(b, '/') = '\0';
    rmdir(a);
    rmdir(b);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_batch_numbers_refused),
        T(test_inspect_numbers_refused),
        T(test_inspect_writes_png),
        T(test_inspect_huge_page),
        T(test_extract_same_names_refused),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
