/* End to end on text dumps: budgetx extract on the Kashgar pdftotext dump,
 * and on dumps made here with pdftotext (no -layout) from the Shanghai PDFs,
 * scored against the hand-checked gold with ../shared/eval/score.
 * Skipped (not failed) when ../shared or pdftotext is absent. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

/* The bar: each Shanghai report's dump scores cells >= 0.80 on its
 * own. A report listed below is held to a floor of its own, just under what
 * the reader reaches on it, where that is well above the bar but rests on
 * fragile readings: the finance final accounts (决算), whose dump pdftotext
 * writes partly column by column with amounts detached from their labels,
 * so a loss there must show before it reaches the bar. */
#define SHANGHAI_TEXT_MIN_CELLS "0.80"

static const struct {
    const char *report;
    const char *min_cells;
} known_short[] = {
    {"sh-putuo-finance-2024-final", "0.84"},
};

static const char *min_cells_for(const char *report)
{
    for (size_t i = 0; i < sizeof known_short / sizeof known_short[0]; i++)
        if (strcmp(known_short[i].report, report) == 0)
            return known_short[i].min_cells;
    return SHANGHAI_TEXT_MIN_CELLS;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static int run(const char *cmd)
{
    int rc = system(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static char workdir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(workdir, sizeof workdir, "/tmp/bx_e2e_XXXXXX");
    return mkdtemp(workdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", workdir);
    return run(cmd) == 0 ? 0 : -1;
}

/* Extracts `dump` and scores it against `gold`; returns score's status
 * (0 when cells >= min_cells). The score line is echoed for the log. */
static int extract_and_score(const char *dump, const char *gold, const char *min_cells)
{
    char out[512], cmd[4096];
    snprintf(out, sizeof out, "%s/out.json", workdir);
    snprintf(cmd, sizeof cmd, "'%s' extract -o '%s' '%s'", BX_BINARY, out, dump);
    assert_int_equal(run(cmd), 0);
    snprintf(cmd, sizeof cmd, "'%s/eval/score' --verbose --min-cells %s '%s' '%s' >'%s/score.txt'",
             BX_SHARED_DIR, min_cells, gold, out, workdir);
    int rc = run(cmd);
    snprintf(cmd, sizeof cmd, "cat '%s/score.txt'", workdir);
    run(cmd);
    return rc;
}

static void test_kashgar_dump(void **state)
{
    (void)state;
    char dump[512], gold[512], cmd[2048];
    snprintf(dump, sizeof dump, "%s/corpus/text/kashgar-social-insurance-2023-budget.txt", BX_SHARED_DIR);
    snprintf(gold, sizeof gold, "%s/eval/gold/kashgar-social-insurance-2023-budget.json", BX_SHARED_DIR);
    if (!exists(dump) || !exists(gold))
        skip();
    assert_int_equal(extract_and_score(dump, gold, "0.90"), 0);
    /* no table of the report missing */
    snprintf(cmd, sizeof cmd, "grep -q 'missing=0$' '%s/score.txt'", workdir);
    assert_int_equal(run(cmd), 0);
}

static void test_shanghai_dumps(void **state)
{
    (void)state;
    char dir[512], cmd[4096];
    snprintf(dir, sizeof dir, "%s/corpus/real", BX_SHARED_DIR);
    if (!exists(dir) || run("command -v pdftotext >/dev/null 2>&1") != 0)
        skip();
    DIR *d = opendir(dir);
    assert_non_null(d);
    int made = 0, failed = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        /* the Shanghai reports: the dumps this bar is set for (the
         * Taiwanese reports' dumps are not read to it yet) */
        if (n < 5 || strcmp(e->d_name + n - 4, ".pdf") != 0 || strncmp(e->d_name, "sh-", 3) != 0)
            continue;
        char base[256], gold[1024], dump[1024];
        snprintf(base, sizeof base, "%.*s", (int)(n - 4), e->d_name);
        snprintf(gold, sizeof gold, "%s/eval/gold/%s.json", BX_SHARED_DIR, base);
        if (!exists(gold))
            continue;
        /* the dump as an archive would hold it: plain pdftotext, no -layout */
        snprintf(dump, sizeof dump, "%s/%s.txt", workdir, base);
        snprintf(cmd, sizeof cmd, "pdftotext '%s/%s' '%s' 2>/dev/null", dir, e->d_name, dump);
        assert_int_equal(run(cmd), 0);
        made++;
        /* each report on its own: its cells at the bar, every gold table found */
        printf("%s (min cells %s):\n", base, min_cells_for(base));
        fflush(stdout);
        if (extract_and_score(dump, gold, min_cells_for(base)) != 0) {
            printf("FAILED: %s below its cells bar\n", base);
            failed++;
        }
        snprintf(cmd, sizeof cmd, "grep -q 'missing=0$' '%s/score.txt'", workdir);
        if (run(cmd) != 0) {
            printf("FAILED: %s has gold tables missing\n", base);
            failed++;
        }
    }
    closedir(d);
    assert_true(made > 0);
    assert_int_equal(failed, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_kashgar_dump, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shanghai_dumps, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
