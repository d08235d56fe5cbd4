/* Unusable inputs: exit status 2, one line on stderr naming the file and
 * the reason, and no output file left behind (README.md, "Exit status").
 * The fixtures come from fixtures/make-bad-inputs. */
#include "spawn.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

typedef struct {
    char *dir;     /* private folder: the output goes here and nowhere else */
    char out[4200];
    char err[4200];
} bed;

static int setup(void **state)
{
    bed *b = calloc(1, sizeof *b);
    b->dir = bx_test_tmpdir();
    if (!b->dir)
        return -1;
    snprintf(b->out, sizeof b->out, "%s/out.json", b->dir);
    snprintf(b->err, sizeof b->err, "%s.stderr", b->dir);
    *state = b;
    return 0;
}

static int teardown(void **state)
{
    bed *b = *state;
    unlink(b->err);
    bx_test_rmdir(b->dir);
    free(b);
    return 0;
}

/* --ocr never: a scan is unusable input, as before OCR (test_ocr.c reads
 * scans); the other inputs are unusable whatever the mode. */
static int extract(bed *b, const char *input)
{
    char *argv[] = {(char *)BX_BINARY, "extract", "--ocr", "never", "-o", b->out, (char *)input, NULL};
    return bx_test_run(argv, NULL, b->err);
}

/* Exactly one line, "budgetx: <input>: ...<reason>...". */
static void assert_one_line(const bed *b, const char *input, const char *reason)
{
    char *msg = bx_test_slurp(b->err);
    assert_non_null(msg);
    char *nl = strchr(msg, '\n');
    assert_non_null(nl);
    assert_string_equal(nl + 1, "");
    char prefix[4200];
    snprintf(prefix, sizeof prefix, "budgetx: %s: ", input);
    assert_memory_equal(msg, prefix, strlen(prefix));
    assert_non_null(strstr(msg + strlen(prefix), reason));
    free(msg);
}

static void expect_unusable(bed *b, const char *input, const char *reason)
{
    assert_int_equal(extract(b, input), 2);
    assert_one_line(b, input, reason);
    /* neither the output nor its temporary file */
    assert_int_equal(bx_test_count_entries(b->dir), 0);
}

static void fixture(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/fixtures/%s", BX_SOURCE_DIR, name);
}

static void expect_fixture_unusable(void **state, const char *name, const char *reason)
{
    char path[4200];
    fixture(path, sizeof path, name);
    struct stat st;
    assert_int_equal(stat(path, &st), 0); /* the fixture itself is there */
    expect_unusable(*state, path, reason);
}

static void test_missing_file(void **state)
{
    char path[4200];
    fixture(path, sizeof path, "no-such-report.pdf");
    expect_unusable(*state, path, "no such file");
}

static void test_directory(void **state)
{
    bed *b = *state;
    char path[4300];
    snprintf(path, sizeof path, "%s.d.pdf", b->dir);
    assert_int_equal(mkdir(path, 0700), 0);
    expect_unusable(b, path, "directory");
    rmdir(path);
}

static void test_empty_file(void **state) { expect_fixture_unusable(state, "empty.pdf", "empty"); }

static void test_not_a_pdf(void **state)
{
    expect_fixture_unusable(state, "not-a-pdf.pdf", "not a PDF");
}

static void test_encrypted(void **state)
{
    expect_fixture_unusable(state, "encrypted.pdf", "encrypted");
}

static void test_scanned(void **state)
{
    expect_fixture_unusable(state, "scanned.pdf", "no text layer");
}

/* Under --ocr auto (the default) the scan is read: its one picture (a 32 px
 * grey square) holds no table, which is exit 3 and no output. */
static void test_scanned_ocr(void **state)
{
    bed *b = *state;
    char path[4200];
    fixture(path, sizeof path, "scanned.pdf");
    char *argv[] = {(char *)BX_BINARY, "extract", "-o", b->out, path, NULL};
    assert_int_equal(bx_test_run(argv, NULL, b->err), 3);
    assert_one_line(b, path, "no tables");
    assert_int_equal(bx_test_count_entries(b->dir), 0);
}

/* Read as far as Poppler recovers: a warning line naming the file, then
 * status 0 with the output, or 3 (no tables) without it. */
static void expect_recovered(bed *b, const char *path, int rc)
{
    assert_true(rc == 0 || rc == 3);
    char *msg = bx_test_slurp(b->err);
    char want[4300];
    snprintf(want, sizeof want, "budgetx: warning: %s: no %%EOF marker: the file looks truncated", path);
    assert_non_null(strstr(msg, want));
    free(msg);
    assert_int_equal(bx_test_count_entries(b->dir), rc == 0 ? 1 : 0);
}

/* A PDF cut in half loses its trailer: Poppler 22 (Debian 12) cannot find
 * the catalogue and gives up, so it is unusable ("damaged"). A Poppler that
 * recovers it must say so in a warning. */
static void test_truncated_half(void **state)
{
    bed *b = *state;
    char path[4200];
    fixture(path, sizeof path, "truncated.pdf");
    int rc = extract(b, path);
    if (rc != 2) {
        expect_recovered(b, path, rc);
        return;
    }
    assert_one_line(b, path, "damaged");
    assert_int_equal(bx_test_count_entries(b->dir), 0);
}

/* Only startxref and %%EOF lost: Poppler rebuilds the cross-reference table
 * and reads the page; it holds text but no table, hence status 3. */
static void test_truncated_tail(void **state)
{
    bed *b = *state;
    char path[4200];
    fixture(path, sizeof path, "truncated-tail.pdf");
    int rc = extract(b, path);
    assert_int_equal(rc, 3);
    expect_recovered(b, path, rc);
}

/* The control: a fixture PDF that has text but no table is usable, so the
 * cases above fail for their own reason and not for a broken harness. */
static void test_text_without_tables(void **state)
{
    bed *b = *state;
    char path[4200];
    fixture(path, sizeof path, "text.pdf");
    assert_int_equal(extract(b, path), 3);
    /* not held to one line: this page is rendered, and a system without a
     * usable font set makes fontconfig print its own warnings */
    char *msg = bx_test_slurp(b->err), want[4300];
    snprintf(want, sizeof want, "budgetx: %s: no tables found\n", path);
    assert_non_null(strstr(msg, want));
    free(msg);
    assert_int_equal(bx_test_count_entries(b->dir), 0);
}

/* A later good file still gets its output, and the status is the worst. */
static void test_bad_among_good(void **state)
{
    bed *b = *state;
    char bad[4200], good[4200];
    fixture(bad, sizeof bad, "encrypted.pdf");
    fixture(good, sizeof good, "sh-putuo-commerce-2025-budget.pdf");
    char *argv[] = {(char *)BX_BINARY, "extract", "-o", b->dir, bad, good, NULL};
    assert_int_equal(bx_test_run(argv, NULL, b->err), 2);
    assert_one_line(b, bad, "encrypted");
    assert_int_equal(bx_test_count_entries(b->dir), 1);
    char out[4300];
    snprintf(out, sizeof out, "%s/sh-putuo-commerce-2025-budget.json", b->dir);
    struct stat st;
    assert_int_equal(stat(out, &st), 0);
    assert_true(st.st_size > 0);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_missing_file),  T(test_directory), T(test_empty_file),
        T(test_not_a_pdf),     T(test_encrypted), T(test_scanned), T(test_scanned_ocr),
        T(test_truncated_half), T(test_truncated_tail), T(test_text_without_tables), T(test_bad_among_good),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
