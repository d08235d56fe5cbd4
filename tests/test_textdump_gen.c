/* Text dumps with a known answer: bxgen's seeded random reports (every seed
 * a different layout: budget and final-account tables in their column
 * variants, forms, 1-3 header rows), dumped by pdftotext without -layout as
 * archives keep them, read back by budgetx extract and scored by
 * ../shared/eval/score against the generator's input, the truth.
 * scripts/textdump-gen runs thousands of seeds outside CI; this test runs a
 * few hundred. Skipped (not failed) when pdftotext or the scorer is absent. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#define SEEDS 200
#define LSAN_ENV "LSAN_OPTIONS=suppressions='" BX_SOURCE_DIR "/fixtures/gen/lsan.supp':print_suppressions=0"

/* A ratchet, not the goal: issue 19 asks cells >= 0.97 on generated dumps;
 * the reader, tuned on a few real dumps, reached 0.226 on these 200 seeds
 * (bxgen's narrow columns wrap codes, amounts and header words mid-cell,
 * and pdftotext interleaves the pieces of neighbouring cells); joining
 * wrapped class codes, taking the rests of wrapped amounts in turn and
 * reading header words from interleaved pieces brought it to 0.341. The floor
 * sits just under it so that a loss shows; raise it as the reader improves. */
#define MIN_CELLS "0.33"

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

static void test_generated_dumps(void **state)
{
    (void)state;
    if (run("command -v pdftotext >/dev/null 2>&1") != 0 || !exists(BX_SHARED_DIR "/eval/score"))
        skip();
    char dir[] = "/tmp/bx_tdgen_XXXXXX", cmd[8192];
    assert_non_null(mkdtemp(dir));
    int half = SEEDS / 2;
    /* two generators at once: the machine has two cores */
    snprintf(cmd, sizeof cmd,
             "mkdir '%s/pdf' '%s/txt' '%s/out' && "
             "{ %s '%s' batch --first 1 --count %d -o '%s/pdf' & "
             "%s '%s' batch --first %d --count %d -o '%s/pdf'; wait $! || exit 1; wait; } >/dev/null",
             dir, dir, dir, LSAN_ENV, BXGEN_BINARY, half, dir, LSAN_ENV, BXGEN_BINARY, half + 1,
             SEEDS - half, dir);
    assert_int_equal(run(cmd), 0);
    for (int seed = 1; seed <= SEEDS; seed++) {
        snprintf(cmd, sizeof cmd, "pdftotext '%s/pdf/%d.pdf' '%s/txt/%d.txt' 2>/dev/null", dir, seed,
                 dir, seed);
        assert_int_equal(run(cmd), 0);
    }
    /* one run over all the dumps; a dump not taken for a report's text
     * (exit 2) or where no table is found (exit 3) scores as missing,
     * which the bar counts */
    snprintf(cmd, sizeof cmd, "'%s' extract -o '%s/out/' '%s'/txt/*.txt 2>/dev/null", BX_BINARY, dir,
             dir);
    int rc = run(cmd);
    assert_true(rc == 0 || rc == 2 || rc == 3);
    snprintf(cmd, sizeof cmd,
             "python3 '%s/eval/score' --min-cells " MIN_CELLS " '%s'/pdf/*.json '%s/out' > '%s/score.txt'; "
             "s=$?; tail -n 1 '%s/score.txt'; exit $s",
             BX_SHARED_DIR, dir, dir, dir, dir);
    printf("%d generated dumps (min cells " MIN_CELLS "): ", SEEDS);
    fflush(stdout);
    int scored = run(cmd);
    printf("\n");
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(run(cmd), 0);
    assert_int_equal(scored, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_generated_dumps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
