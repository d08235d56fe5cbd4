/* The command line's rough edges (README.md, "Usage" and "Exit status"):
 * usage errors say what is wrong, numbers are plain decimals, format names
 * any case, folders made when asked for, a missing batch PATH is exit 2
 * with no dataset made, plurals, the progress line fitted to the terminal,
 * pages and page counts read back from our JSON, and `budgetx help`, the
 * man page and the bash completion kept in step with the help texts. */
#include "bx_test_util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>
#include <cmocka.h>

#define COMMERCE BX_SOURCE_DIR "/fixtures/sh-putuo-commerce-2025-budget.pdf"
#define TEXT_PDF BX_SOURCE_DIR "/fixtures/text.pdf"


/* Runs the command (stderr into the output), expects the exit status and
 * the words, and that the folder stays empty. */
static void expect_refused(const char *dir, int status, const char *words, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void expect_refused(const char *dir, int status, const char *words, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *args;
    if (vasprintf(&args, fmt, ap) < 0)
        abort();
    va_end(ap);
    char *said;
    int rc = run_cmd(&said, "cd '%s' && %s %s 2>&1", dir, BX_BINARY, args);
    if (rc != status || !strstr(said, words))
        fail_msg("budgetx %s: exit %d, said \"%s\"; wanted %d and \"%s\"", args, rc, said, status,
                 words);
    assert_int_equal(count_dir_entries(dir), 0);
    free(said);
    free(args);
}

static void test_usage_errors_say_what(void **state)
{
    const char *dir = *state;
    expect_refused(dir, 1, "needs -o DATASET", "batch '%s'", COMMERCE);
    expect_refused(dir, 1, "-j '0'", "batch -o d.sqlite -j 0 '%s'", COMMERCE);
    expect_refused(dir, 1, "needs -p", "inspect '%s' -o p.png", COMMERCE);
    expect_refused(dir, 1, "unknown format 'xml'", "check -f xml '%s'", COMMERCE);
    expect_refused(dir, 1, "needs at least one FILE", "extract -f md");
    expect_refused(dir, 1, "unknown format 'pdf'", "extract -f pdf '%s'", COMMERCE);
    /* --bom is for CSV: an error with JSON, not silence */
    expect_refused(dir, 1, "--bom applies to -f csv only", "extract --bom -o x.json '%s'",
                   COMMERCE);
    /* several workbooks under one file name: refused */
    expect_refused(dir, 1, "names one file", "extract -f xlsx -o a.xlsx '%s' '%s'", COMMERCE,
                   TEXT_PDF);
    expect_refused(dir, 1, "names one", "inspect '%s' -p 9-10 -o a.png", COMMERCE);
}

static void test_numbers_plain_decimal(void **state)
{
    const char *dir = *state;
    static const char *const pages[] = {"0x3", " 3", "3.0", "+3", "1e0", "3 "};
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++)
        expect_refused(dir, 1, "inspect", "inspect '%s' -p '%s' -o p.png", COMMERCE, pages[i]);
    static const char *const jobs[] = {"1e0", " 2", "0x2", "2.0", "+2"};
    for (size_t i = 0; i < sizeof jobs / sizeof *jobs; i++)
        expect_refused(dir, 1, "-j", "batch -o d.sqlite -j '%s' '%s'", jobs[i], COMMERCE);
    static const char *const seconds[] = {"1e3", "0x10", " 5", "inf", "5."};
    for (size_t i = 0; i < sizeof seconds / sizeof *seconds; i++)
        expect_refused(dir, 1, "--timeout", "batch -o d.sqlite --timeout '%s' '%s'", seconds[i],
                       COMMERCE);
    /* plain decimals are read: a fraction of a second, a scale of 0.5 */
    assert_int_equal(run_cmd(NULL, "cd '%s' && %s inspect '%s' -p 9 -s 0.5 -o p.png >/dev/null",
                             dir, BX_BINARY, COMMERCE),
                     0);
}

static void test_outputs(void **state)
{
    const char *dir = *state;
    /* -o newdir/: a trailing slash means a folder, created */
    assert_int_equal(run_cmd(NULL, "cd '%s' && %s extract -o new/dir/ '%s'", dir, BX_BINARY,
                             COMMERCE),
                     0);
    char path[600];
    snprintf(path, sizeof path, "%s/new/dir/sh-putuo-commerce-2025-budget.json", dir);
    assert_int_equal(access(path, R_OK), 0);
    /* format names in any case */
    assert_int_equal(run_cmd(NULL, "cd '%s' && %s extract -f CSV -o csv '%s'", dir, BX_BINARY,
                             COMMERCE),
                     0);
    snprintf(path, sizeof path, "%s/csv/sh-putuo-commerce-2025-budget.1.summary.csv", dir);
    assert_int_equal(access(path, R_OK), 0);
    assert_int_equal(run_cmd(NULL, "%s check -f JSON '%s' >/dev/null", BX_BINARY, COMMERCE), 0);
}

/* A missing folder is an unusable input (2), said, and makes no dataset. */
static void test_batch_missing_path(void **state)
{
    const char *dir = *state;
    expect_refused(dir, 2, "missing-dir: No such file", "batch -o x.sqlite missing-dir");
    /* one file: "1 file", "1 document" */
    char *said;
    assert_int_equal(run_cmd(&said, "cd '%s' && %s batch -o d.sqlite '%s' 2>&1", dir, BX_BINARY,
                             COMMERCE),
                     0);
    assert_non_null(strstr(said, "1 file to read"));
    assert_non_null(strstr(said, ": 1 document, "));
    free(said);
    /* a failure skipped on a rerun is said, with the way to read it again */
    assert_int_equal(run_cmd(NULL, "cd '%s' && %s batch -o d.sqlite '%s' 2>/dev/null", dir,
                             BX_BINARY, TEXT_PDF),
                     2);
    assert_int_equal(run_cmd(&said, "cd '%s' && %s batch -o d.sqlite '%s' 2>&1", dir, BX_BINARY,
                             TEXT_PDF),
                     0);
    assert_non_null(strstr(said, "1 file failed in an earlier run and was skipped: "
                                 "--retry-failed reads it again"));
    free(said);
}

/* On a terminal 40 columns wide (script(1) gives the batch one), no
 * progress line is wider than 40: a wider one wraps and leaves stale
 * lines behind. */
static void test_progress_fits_terminal(void **state)
{
    const char *dir = *state;
    char *out;
    assert_int_equal(run_cmd(&out, "cd '%s' && script -qec \"stty cols 40 rows 20; %s batch -o"
                                   " d.sqlite -j 1 '%s' '%s'\" /dev/null",
                             dir, BX_BINARY, COMMERCE, TEXT_PDF),
                     2); /* text.pdf holds no table */
    int lines = 0;
    for (char *seg = strtok(out, "\r\n"); seg; seg = strtok(NULL, "\r\n")) {
        char *k;
        while ((k = strstr(seg, "\033[K")))
            memmove(k, k + 3, strlen(k + 3) + 1);
        if (seg[0] != '[')
            continue; /* the messages above the bar may wrap: only the bar is redrawn */
        lines++;
        if (g_utf8_strlen(seg, -1) > 40)
            fail_msg("progress line of %ld columns: %s", g_utf8_strlen(seg, -1), seg);
    }
    assert_true(lines > 0);
    free(out);
}

/* Pages read back from our JSON: a row changed on the table's first page is
 * reported there (row 0 of 一般公共预算支出功能分类预算表, gold pages 15-16),
 * and the Markdown says the page count pdfinfo gives. */
static void test_json_pages_read_back(void **state)
{
    const char *dir = *state;
    assert_int_equal(
        run_cmd(NULL,
                "cd '%s' && %s extract '%s' > c.json && python3 -c \"import json;"
                " d=json.load(open('c.json'));"
                " t=[t for t in d['tables'] if t['pages']==[15,16]][0];"
                " row=t['rows'][0]; i=max(i for i,c in enumerate(row) if c.replace('.','').isdigit());"
                " row[i]=str(float(row[i])+1); json.dump(d,open('fixed.json','w'),ensure_ascii=False);"
                " [t.pop('row_pages', None) for t in d['tables']]; json.dump(d,open('bare.json','w'))\"",
                dir, BX_BINARY, COMMERCE),
        0);
    static const char *const files[] = {"fixed.json", "bare.json"};
    for (int i = 0; i < 2; i++) {
        char *out;
        assert_int_equal(run_cmd(&out, "cd '%s' && %s check %s", dir, BX_BINARY, files[i]), 4);
        bool found = false;
        for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
            found = found || (strstr(line, "功能分类预算表: row 1: ") && strstr(line, ": page 15: "));
        if (!found)
            fail_msg("%s: no failed check of row 1 on page 15", files[i]);
        free(out);
    }
    char *md, *pages;
    assert_int_equal(run_cmd(&pages, "pdfinfo '%s' | awk '/^Pages:/ { print $2 }'", COMMERCE), 0);
    pages[strcspn(pages, "\n")] = '\0';
    assert_int_equal(run_cmd(&md, "cd '%s' && %s extract -f md c.json | sed -n 3p", dir,
                             BX_BINARY),
                     0);
    char want[64];
    snprintf(want, sizeof want, "%s pages, ", pages);
    assert_true(g_str_has_prefix(md, want));
    free(md);
    free(pages);
}

static void test_help_man_completion(void **state)
{
    const char *dir = *state;
    static const char *const commands[] = {"extract", "check", "inspect", "batch", "merge", "export",
                                           "review"};
    char *top;
    assert_int_equal(run_cmd(&top, "%s help", BX_BINARY), 0);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        char want[32];
        snprintf(want, sizeof want, "\n  %s ", commands[i]);
        assert_non_null(strstr(top, want));
        char *a, *b;
        assert_int_equal(run_cmd(&a, "%s help %s", BX_BINARY, commands[i]), 0);
        assert_int_equal(run_cmd(&b, "%s %s --help", BX_BINARY, commands[i]), 0);
        assert_string_equal(a, b);
        free(a);
        free(b);
        /* every long option of the help text completes */
        char *missing;
        assert_int_equal(
            run_cmd(&missing,
                    "for o in $(%s help %s | grep -o -- '--[a-z][a-z-]*' | sort -u); do"
                    " bash -c \"source %s/scripts/budgetx-completion.bash;"
                    " COMP_WORDS=(budgetx %s $o); COMP_CWORD=2; _budgetx;"
                    " echo \\${COMPREPLY[@]}\" | grep -qw -- \"$o\" || echo $o; done",
                    BX_BINARY, commands[i], BX_SOURCE_DIR, commands[i]),
            0);
        if (*missing)
            fail_msg("%s: not completed: %s", commands[i], missing);
        free(missing);
    }
    free(top);
    assert_int_equal(run_cmd(NULL, "%s help nope 2>/dev/null", BX_BINARY), 1);
    char *words;
    assert_int_equal(run_cmd(&words, "bash -c 'source %s/scripts/budgetx-completion.bash;"
                                     " COMP_WORDS=(budgetx ex); COMP_CWORD=1; _budgetx;"
                                     " echo ${COMPREPLY[@]}'",
                             BX_SOURCE_DIR),
                     0);
    assert_string_equal(words, "extract export\n");
    free(words);
    /* the man page is the help texts: regenerated, it is the same */
    char *diff;
    assert_int_equal(run_cmd(&diff, "%s/scripts/make-man %s > %s/budgetx.1 &&"
                                    " diff %s/doc/budgetx.1 %s/budgetx.1",
                             BX_SOURCE_DIR, BX_BINARY, dir, BX_SOURCE_DIR, dir),
                     0);
    free(diff);
    assert_int_equal(run_cmd(NULL, "man -l %s/doc/budgetx.1 >/dev/null 2>&1 || "
                                   "! command -v man >/dev/null", BX_SOURCE_DIR),
                     0);
}

int main(void)
{
    (void)parse_json; /* bx_test_util.h's, unused here */
#define T(f) cmocka_unit_test_setup_teardown(f, setup_temp_dir, teardown_temp_dir)
    const struct CMUnitTest tests[] = {
        T(test_usage_errors_say_what), T(test_numbers_plain_decimal), T(test_outputs),
        T(test_batch_missing_path),    T(test_progress_fits_terminal), T(test_json_pages_read_back),
        T(test_help_man_completion),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
