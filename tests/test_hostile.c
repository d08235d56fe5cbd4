/* Hostile JSON input (issue 13): what a script or an attacker may write
 * must fail with one clear line and exit 2, never crash or read as blanks.
 * Each case failed before: 75,000 '[' overflowed json-glib's recursive
 * parser (SIGSEGV, no message); a number, boolean or null cell became an
 * empty cell with exit 0; {"tables":[{}]} was an untitled table; page 1.5
 * was dropped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "bx_model.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <string.h>

/* Runs argv; its exit status (128 + signal when killed) and stderr. */
static int run(char **argv, char **err_text)
{
    int wait = 0;
    GError *e = NULL;
    if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, err_text,
                      &wait, &e))
        fail_msg("cannot run %s: %s", argv[0], e->message);
    return WIFEXITED(wait) ? WEXITSTATUS(wait) : 128 + WTERMSIG(wait);
}

/* bx_report_from_json on text: the status, with err's message kept. */
static bx_status read_json(const char *text, bx_error *err)
{
    bx_report *r = NULL;
    bx_status s = bx_report_from_json(text, strlen(text), "in.json", &r, err);
    if (s == BX_OK)
        bx_report_free(r);
    else
        assert_null(r);
    return s;
}

static void assert_refused(const char *text, const char *says)
{
    bx_error err;
    assert_int_equal(read_json(text, &err), BX_ERR_DAMAGED);
    if (!strstr(err.message, says) || !strstr(err.message, "in.json") ||
        strchr(err.message, '\n'))
        fail_msg("message '%s' lacks '%s'", err.message, says);
}

static char *nested(size_t depth)
{
    GString *s = g_string_new("{\"tables\":");
    for (size_t i = 0; i < depth; i++)
        g_string_append_c(s, '[');
    for (size_t i = 0; i < depth; i++)
        g_string_append_c(s, ']');
    g_string_append_c(s, '}');
    return g_string_free(s, FALSE);
}

static void test_deep_nesting_is_refused(void **state)
{
    (void)state;
    char *deep = nested(75000);
    assert_refused(deep, "nested deeper than 64");
    g_free(deep);
    /* the boundary: the object and 63 arrays are 64 levels, one more is 65 */
    bx_error err;
    char *at = nested(63), *over = nested(64);
    read_json(at, &err); /* parsed: refused only for its arrays that are no tables */
    assert_null(strstr(err.message, "nested"));
    assert_non_null(strstr(err.message, "table 1 is an array"));
    assert_refused(over, "nested deeper than 64");
    g_free(at);
    g_free(over);
    /* brackets inside strings are text, not nesting */
    GString *s = g_string_new("{\"tables\":[{\"title\":\"");
    for (int i = 0; i < 1000; i++)
        g_string_append(s, "[{\\\"");
    g_string_append(s, "\",\"rows\":[[\"1\"]]}]}");
    assert_int_equal(read_json(s->str, &err), BX_OK);
    g_string_free(s, TRUE);
}

static void test_cells_must_be_strings(void **state)
{
    (void)state;
    assert_refused("{\"tables\":[{\"title\":\"t\",\"rows\":[[\"a\",1,\"b\"]]}]}",
                   "body row 1, column 2 is a number");
    assert_refused("{\"tables\":[{\"title\":\"t\",\"rows\":[[\"a\"],[\"b\",true]]}]}",
                   "body row 2, column 2 is a boolean");
    assert_refused("{\"tables\":[{\"title\":\"t\",\"header\":[[null]],\"rows\":[]}]}",
                   "header row 1, column 1 is null");
    assert_refused("{\"tables\":[{\"title\":\"t\",\"rows\":[\"a\"]}]}",
                   "body row 1 is a string, not an array");
}

/* json-glib reads "\343" (no JSON escape) as the byte 0xE3: a cell or a
 * title that is not UTF-8 is refused, never written back as invalid JSON
 * (the JSON fuzz target found it). A real \u escape still reads. */
static void test_strings_must_be_utf8(void **state)
{
    (void)state;
    assert_refused("{\"tables\":[{\"title\":\"t\",\"rows\":[[\"a\",\"572\\343\"]]}]}",
                   "body row 1, column 2 is not valid UTF-8");
    assert_refused("{\"tables\":[{\"title\":\"t\\300\",\"rows\":[]}]}",
                   "\"title\" is not valid UTF-8");
    assert_refused("{\"tables\":[{\"title\":\"t\",\"unit\":\"\\343\",\"rows\":[]}]}",
                   "\"unit\" is not valid UTF-8");
    bx_error err;
    bx_report *r = NULL;
    const char *ok = "{\"tables\":[{\"title\":\"t\",\"rows\":[[\"\\u5143\"]]}]}";
    assert_int_equal(bx_report_from_json(ok, strlen(ok), "ok.json", &r, &err), BX_OK);
    assert_string_equal(bx_table_cell(r->tables[0], 0, 0), "元");
    bx_report_free(r);
}

static void test_tables_need_title_and_rows(void **state)
{
    (void)state;
    assert_refused("{\"tables\":[{}]}", "table 1 has no \"title\"");
    assert_refused("{\"tables\":[{\"title\":\"t\",\"rows\":[]},{\"title\":\"u\"}]}",
                   "table 2 has no \"rows\"");
    assert_refused("{\"tables\":[3]}", "table 1 is a number");
}

static void test_pages_are_whole_numbers(void **state)
{
    (void)state;
    assert_refused("{\"tables\":[{\"title\":\"t\",\"pages\":[1.5],\"rows\":[]}]}", "\"pages\"");
    assert_refused("{\"tables\":[{\"title\":\"t\",\"pages\":[\"2\"],\"rows\":[]}]}", "\"pages\"");
    assert_refused("{\"tables\":[{\"title\":\"t\",\"pages\":[3],\"rows\":[[\"1\"]],"
                   "\"row_pages\":[-1]}]}",
                   "\"row_pages\"");
    /* a row page of 0 (a text dump's unknown page) is what extract writes */
    bx_error err;
    assert_int_equal(read_json("{\"tables\":[{\"title\":\"t\",\"pages\":[3],\"rows\":[[\"1\"]],"
                               "\"row_pages\":[0]}]}",
                               &err),
                     BX_OK);
}

/* The CLI: exit 2 and one line on stderr naming the file, for extract and
 * check alike (a crash is 128 + signal). */
static void test_cli_exit_2_one_line(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("bx-hostile-XXXXXX", NULL);
    assert_non_null(dir);
    char *path = g_build_filename(dir, "deep.json", NULL);
    char *out_path = g_build_filename(dir, "out.json", NULL);
    char *deep = nested(75000);
    assert_true(g_file_set_contents(path, deep, -1, NULL));
    char *extract[] = {BX_BINARY, "extract", "-o", out_path, path, NULL};
    char *check[] = {BX_BINARY, "check", path, NULL};
    char **commands[] = {extract, check};
    for (size_t i = 0; i < 2; i++) {
        char *text;
        assert_int_equal(run(commands[i], &text), 2);
        assert_non_null(strstr(text, "deep.json: JSON nested deeper than 64 levels"));
        assert_ptr_equal(strchr(text, '\n'), text + strlen(text) - 1); /* one line */
        g_free(text);
    }
    assert_false(g_file_test(out_path, G_FILE_TEST_EXISTS)); /* no partial output */
    g_remove(path);
    g_rmdir(dir);
    g_free(deep);
    g_free(out_path);
    g_free(path);
    g_free(dir);
}

/* The size limit: checked before reading, for files and bytes in memory;
 * the sample is 168,404 bytes (ls -l), so 100 KiB refuses it and 1 MiB
 * does not. */
static void test_size_limit(void **state)
{
    (void)state;
    const char *sample = BX_SOURCE_DIR "/fixtures/sh-putuo-commerce-2025-budget.pdf";
    bx_open_options small = {.max_size = 100 << 10}, big = {.max_size = 1 << 20};
    bx_report *r;
    bx_error err;
    assert_int_equal(bx_report_open_with(sample, &small, &r, &err), BX_ERR_TOO_LARGE);
    assert_null(r);
    assert_non_null(strstr(err.message, "168404 bytes, over the size limit of 102400 bytes"));
    assert_int_equal(bx_report_open_with(sample, &big, &r, &err), BX_OK);
    bx_report_free(r);
    assert_int_equal(bx_report_open_data("{\"tables\":[]}", 14, "mem", &(bx_open_options){
                                             .max_size = 10}, &r, &err),
                     BX_ERR_TOO_LARGE);
    char *argv[] = {BX_BINARY, "check", "--max-size", "100k", (char *)sample, NULL};
    char *text;
    assert_int_equal(run(argv, &text), 2);
    assert_non_null(strstr(text, "over the size limit of 102400 bytes"));
    g_free(text);
    char *bad[] = {BX_BINARY, "extract", "--max-size", "12x", (char *)sample, NULL};
    assert_int_equal(run(bad, &text), 1);
    g_free(text);
}

/* inspect and review open the PDF themselves (for its pictures), so they
 * check the limit themselves: a file, standard input and (review) a JSON
 * over it fail with exit 2 and the reader's words, and nothing is drawn.
 * The sample is 168,404 bytes, the Kashgar JSON 75,640 (ls -l). */
static void test_inspect_review_size_limit(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("bx-size-XXXXXX", NULL);
    char *png = g_build_filename(dir, "p.png", NULL), *review = g_build_filename(dir, "r", NULL);
    char *text;
    char *inspect[] = {BX_BINARY, "inspect", "--max-size", "100k", "-p", "9", "-o", png,
                       BX_SOURCE_DIR "/fixtures/sh-putuo-commerce-2025-budget.pdf", NULL};
    assert_int_equal(run(inspect, &text), 2);
    assert_non_null(strstr(text, "168404 bytes, over the size limit of 102400 bytes"));
    g_free(text);
    char *cmd = g_strdup_printf("'%s' inspect --max-size 100k -p 9 -o '%s' - < '%s'", BX_BINARY,
                                png, BX_SOURCE_DIR "/fixtures/sh-putuo-commerce-2025-budget.pdf");
    char *from_stdin[] = {"/bin/sh", "-c", cmd, NULL};
    assert_int_equal(run(from_stdin, &text), 2);
    assert_non_null(strstr(text, "stdin: over the size limit of 102400 bytes"));
    g_free(text);
    g_free(cmd);
    assert_false(g_file_test(png, G_FILE_TEST_EXISTS));
    char *review_pdf[] = {BX_BINARY, "review", "--max-size", "100k", "-o", review,
                          BX_SOURCE_DIR "/fixtures/sh-putuo-commerce-2025-budget.pdf", NULL};
    assert_int_equal(run(review_pdf, &text), 2);
    assert_non_null(strstr(text, "168404 bytes, over the size limit of 102400 bytes"));
    g_free(text);
    char *review_json[] = {BX_BINARY, "review", "--max-size", "70k", "-o", review,
                           BX_SOURCE_DIR "/fixtures/kashgar/kashgar-social-insurance-2023-budget.json",
                           NULL};
    assert_int_equal(run(review_json, &text), 2);
    assert_non_null(strstr(text, "75640 bytes, over the size limit of 71680 bytes"));
    g_free(text);
    char *index = g_build_filename(review, "index.html", NULL);
    assert_false(g_file_test(index, G_FILE_TEST_EXISTS));
    char *bad[] = {BX_BINARY, "review", "--max-size", "12x", "-o", review,
                   BX_SOURCE_DIR "/fixtures/sh-putuo-commerce-2025-budget.pdf", NULL};
    assert_int_equal(run(bad, &text), 1);
    assert_non_null(strstr(text, "'12x' is not a size"));
    g_free(text);
    g_rmdir(review);
    g_rmdir(dir);
    g_free(index);
    g_free(review);
    g_free(png);
    g_free(dir);
}

/* batch records a file over the limit as a failure of reason too_large
 * (the dataset's failures table), and goes on. */
static void test_batch_size_limit(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("bx-batch-XXXXXX", NULL);
    char *db = g_build_filename(dir, "d.sqlite", NULL);
    char *argv[] = {BX_BINARY, "batch", "--max-size", "100k", "-o", db,
                    BX_SOURCE_DIR "/fixtures/sh-putuo-commerce-2025-budget.pdf", NULL};
    char *text;
    assert_int_equal(run(argv, &text), 2);
    g_free(text);
    sqlite3 *h;
    assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(h, "SELECT reason, detail FROM failures", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "too_large");
    assert_non_null(strstr((const char *)sqlite3_column_text(st, 1), "102400 bytes"));
    sqlite3_finalize(st);
    sqlite3_close(h);
    g_remove(db);
    g_rmdir(dir);
    g_free(db);
    g_free(dir);
}

/* A file whose name holds a newline (and an escape) keeps batch's log to
 * one line per file: every line of stderr starts as batch's lines do, and
 * the name is shown with the newline written as \n. */
static void test_batch_log_line_per_file(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("bx-names-XXXXXX", NULL);
    char *bad = g_build_filename(dir, "bad\nname\x1b.pdf", NULL);
    assert_true(g_file_set_contents(bad, "%PDF-1.4 not really", -1, NULL));
    char *db = g_build_filename(dir, "d.sqlite", NULL);
    char *argv[] = {BX_BINARY, "batch", "-j", "1", "-o", db, bad, NULL};
    char *text;
    assert_int_equal(run(argv, &text), 2);
    char **lines = g_strsplit(text, "\n", -1);
    int failed = 0;
    for (char **l = lines; *l; l++) {
        if (!**l)
            continue;
        if (strncmp(*l, "budgetx: ", 9) != 0 || strchr(*l, '\x1b'))
            fail_msg("a log line split or raw: '%s'", *l);
        failed += strstr(*l, "FAILED") && strstr(*l, "bad\\nname\\x1b.pdf");
    }
    assert_int_equal(failed, 1);
    g_strfreev(lines);
    g_free(text);
    g_remove(db);
    g_remove(bad);
    g_rmdir(dir);
    g_free(db);
    g_free(bad);
    g_free(dir);
}

/* A full disk, as /dev/full gives one: each format fails with exit 2 and one
 * line naming the output, and the device is written to, never renamed over
 * (as root, a rename would have replaced /dev/full with a file). */
static void test_full_device(void **state)
{
    (void)state;
    static const char *const formats[] = {"json", "md", "xlsx"};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        char *argv[] = {BX_BINARY, "extract", "-f", (char *)formats[i], "-o", "/dev/full",
                        BX_SOURCE_DIR "/fixtures/sh-putuo-commerce-2025-budget.pdf", NULL};
        char *text;
        assert_int_equal(run(argv, &text), 2);
        if (!strstr(text, "/dev/full") || !strstr(text, "No space left") ||
            strchr(text, '\n') != text + strlen(text) - 1)
            fail_msg("%s: stderr '%s'", formats[i], text);
        g_free(text);
        struct stat st;
        assert_int_equal(stat("/dev/full", &st), 0);
        assert_true(S_ISCHR(st.st_mode));
    }
}

/* A workbook that cannot be written out (a file-size limit of 8 KB stands
 * in for a full disk: the 20 KB workbook fails inside libxlsxwriter's zip
 * writer) gives one line of ours naming the file asked for and the system's
 * reason, none of libxlsxwriter's "[ERROR]" lines, and leaves no file. */
static void test_workbook_write_fails(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("bx-fsize-XXXXXX", NULL);
    char *out = g_build_filename(dir, "book.xlsx", NULL);
    char *argv[] = {"/bin/sh", "-c", "trap '' XFSZ; ulimit -f 8; exec \"$0\" extract -f xlsx -o \"$1\" \"$2\"",
                    BX_BINARY, out, BX_SOURCE_DIR "/fixtures/sh-putuo-commerce-2025-budget.pdf",
                    NULL};
    char *text;
    assert_int_equal(run(argv, &text), 2);
    if (!strstr(text, out) || !strstr(text, "File too large") || strstr(text, "[ERROR]") ||
        strchr(text, '\n') != text + strlen(text) - 1)
        fail_msg("stderr '%s'", text);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *left = g_dir_read_name(d);
    if (left)
        fail_msg("left %s behind", left);
    g_dir_close(d);
    g_rmdir(dir);
    g_free(text);
    g_free(out);
    g_free(dir);
}

/* A large file that is neither PDF nor text is refused from its first
 * bytes (a NUL), with the reason, instead of being read whole. */
static void test_binary_refused(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("bx-binary-XXXXXX", NULL);
    char *path = g_build_filename(dir, "blob.pdf", NULL);
    gsize n = 8 << 20;
    char *blob = g_malloc0(n);
    assert_true(g_file_set_contents(path, blob, (gssize)n, NULL));
    bx_report *r;
    bx_error err;
    assert_int_equal(bx_report_open(path, 0, &r, &err), BX_ERR_NOT_PDF);
    assert_non_null(strstr(err.message, "blob.pdf: not a PDF"));
    g_remove(path);
    g_rmdir(dir);
    g_free(blob);
    g_free(path);
    g_free(dir);
}

/* Interrupts at moments spread over a run (reading, analysis, writing):
 * afterwards the folder holds no OUT.tmp.XXXXXX, and an output there is
 * complete (a whole JSON document); a folder output interrupted before its
 * first write was never made. */
static bool holds_temp(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    bool found = false;
    for (const char *name; d && (name = g_dir_read_name(d));)
        found = found || strstr(name, ".tmp.") != NULL;
    if (d)
        g_dir_close(d);
    return found;
}

static void interrupt_after(char **argv, int usec)
{
    GPid pid;
    assert_true(g_spawn_async(NULL, argv, NULL,
                              G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                              NULL, &pid, NULL));
    g_usleep(usec);
    kill(pid, SIGINT);
    int status;
    waitpid(pid, &status, 0);
    g_spawn_close_pid(pid);
}

static void test_interrupt_leaves_no_partial_file(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("bx-interrupt-XXXXXX", NULL);
    char *out = g_build_filename(dir, "out.json", NULL);
    char *xlsx = g_build_filename(dir, "out.xlsx", NULL);
    char *folder = g_build_filename(dir, "csv", NULL);
    char *sample = BX_SOURCE_DIR "/fixtures/sh-putuo-commerce-2025-budget.pdf";
    char *json[] = {BX_BINARY, "extract", "-o", out, sample, NULL};
    /* xlsx: libxlsxwriter's zip makes the longest write phase to land in */
    char *book[] = {BX_BINARY, "extract", "-f", "xlsx", "-o", xlsx, sample, NULL};
    for (int ms = 0; ms <= 1400; ms += 50) {
        g_remove(out);
        interrupt_after(ms % 100 ? book : json, ms * 1000);
        assert_false(holds_temp(dir));
        gchar *text = NULL;
        if (g_file_get_contents(out, &text, NULL, NULL)) {
            JsonParser *p = json_parser_new();
            assert_true(json_parser_load_from_data(p, text, -1, NULL)); /* whole */
            g_object_unref(p);
        }
        g_free(text);
    }
    char *csv[] = {BX_BINARY, "extract", "-f", "csv", "-o", folder, sample, NULL};
    interrupt_after(csv, 1000); /* long before the first write */
    assert_false(g_file_test(folder, G_FILE_TEST_EXISTS));
    g_remove(out);
    g_remove(xlsx);
    g_rmdir(dir);
    g_free(xlsx);
    g_free(folder);
    g_free(out);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deep_nesting_is_refused),
        cmocka_unit_test(test_cells_must_be_strings),
        cmocka_unit_test(test_strings_must_be_utf8),
        cmocka_unit_test(test_tables_need_title_and_rows),
        cmocka_unit_test(test_pages_are_whole_numbers),
        cmocka_unit_test(test_cli_exit_2_one_line),
        cmocka_unit_test(test_interrupt_leaves_no_partial_file),
        cmocka_unit_test(test_size_limit),
        cmocka_unit_test(test_batch_size_limit),
        cmocka_unit_test(test_batch_log_line_per_file),
        cmocka_unit_test(test_full_device),
        cmocka_unit_test(test_workbook_write_fails),
        cmocka_unit_test(test_inspect_review_size_limit),
        cmocka_unit_test(test_binary_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
