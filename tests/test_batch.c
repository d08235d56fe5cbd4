/* budgetx batch: the dataset's cells equal `extract --format json` for every
 * document, bad files are recorded with their reasons, and a batch killed
 * half-way then rerun yields the same dataset as an uninterrupted run. */
#include "bx_test_util.h"

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "bx_test_tables.h"
#include <time.h>
#include <unistd.h>

#define REAL BX_SHARED_DIR "/corpus/real"

typedef struct {
    char *dir;  /* bad fixtures and datasets */
    char *full; /* the dataset of an uninterrupted run */
} fixture;

/* An empty file, a text file named .pdf, and a PDF cut short. */
static int setup(void **state)
{
    fixture *f = bx_xcalloc(1, sizeof *f);
    f->dir = make_temp_dir();
    int rc = run_cmd(NULL,
                     "cd %s && mkdir bad && : > bad/empty.pdf && "
                     "printf 'not a report\\n' > bad/text-named.pdf && "
                     "head -c 60000 " REAL "/sh-putuo-wanli-2024-budget.pdf > bad/truncated.pdf",
                     f->dir);
    if (asprintf(&f->full, "%s/full.sqlite", f->dir) < 0 || rc != 0)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    remove_tree(f->dir);
    free(f->dir);
    free(f->full);
    free(f);
    return 0;
}

/* The number of PDFs of the shared corpus (it grows). */
static int real_pdfs(void)
{
    char *out;
    assert_int_equal(run_cmd(&out, "ls " REAL "/*.pdf | wc -l"), 0);
    int n = atoi(out);
    free(out);
    return n;
}

static sqlite3 *open_db(const char *path)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 10000);
    return db;
}

/* Every row of the query's first column joined by newlines (malloc'd). */
static char *query_text(sqlite3 *db, const char *sql, const char *param)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    if (param)
        sqlite3_bind_text(st, 1, param, -1, SQLITE_STATIC);
    bx_buf b;
    bx_buf_init(&b);
    while (sqlite3_step(st) == SQLITE_ROW) {
        bx_buf_puts(&b, (const char *)sqlite3_column_text(st, 0));
        bx_buf_puts(&b, "\n");
    }
    sqlite3_finalize(st);
    return bx_buf_take(&b);
}

/* The dataset's content without its row ids (which depend on the order in
 * which workers finish). */
static char *dump(const char *path)
{
    sqlite3 *db = open_db(path);
    char *docs = query_text(
        db,
        "SELECT d.sha256 || '|' || d.file_name || '|' || d.pages || '|' || t.n || '|' || t.kind"
        " || '|' || t.title || '|' || ifnull(t.unit, '') || '|' || ifnull(t.department, '')"
        " || '|' || t.pages || '|' || c.is_header || '|' || c.row || '|' || c.col || '|' || c.text"
        " FROM documents d JOIN tables t ON t.document_id = d.id JOIN cells c ON c.table_id = t.id"
        " ORDER BY d.sha256, t.n, c.is_header DESC, c.row, c.col",
        NULL);
    char *failures = query_text(db,
                                "SELECT file_name || '|' || ifnull(sha256, '') || '|' || reason"
                                " || '|' || detail FROM failures ORDER BY file_name",
                                NULL);
    sqlite3_close(db);
    bx_buf b;
    bx_buf_init(&b);
    bx_buf_puts(&b, docs);
    bx_buf_puts(&b, "--\n");
    bx_buf_puts(&b, failures);
    free(docs);
    free(failures);
    return bx_buf_take(&b);
}

/* The body and header grids of `extract --format json`, one cell a line in
 * the order of dump()'s cells for one document. */
static char *extract_cells(const char *pdf)
{
    char *json;
    assert_int_equal(run_cmd(&json, "%s extract -f json '%s'", BX_BINARY, pdf), 0);
    JsonParser *p = parse_json(json);
    JsonArray *tables =
        json_object_get_array_member(json_node_get_object(json_parser_get_root(p)), "tables");
    bx_buf b;
    bx_buf_init(&b);
    for (guint t = 0; t < json_array_get_length(tables); t++) {
        JsonObject *table = json_array_get_object_element(tables, t);
        static const char *const grids[] = {"header", "rows"};
        for (int g = 0; g < 2; g++) {
            JsonArray *rows = json_object_get_array_member(table, grids[g]);
            for (guint r = 0; r < json_array_get_length(rows); r++) {
                JsonArray *row = json_array_get_array_element(rows, r);
                for (guint c = 0; c < json_array_get_length(row); c++)
                    bx_buf_printf(&b, "%u|%d|%u|%u|%s\n", t + 1, g == 0, r, c,
                                  json_array_get_string_element(row, c));
            }
        }
    }
    g_object_unref(p);
    return bx_buf_take(&b);
}

static void test_batch_equals_extract(void **state)
{
    fixture *f = *state;
    /* 2: some files failed (the bad fixtures) */
    /* no worker timeout: a loaded machine under ASan may take minutes per file */
    assert_int_equal(run_cmd(NULL, "%s batch " REAL " %s/bad -o %s -j 2 --timeout 0 2>/dev/null",
                             BX_BINARY,
                             f->dir, f->full),
                     2);
    sqlite3 *db = open_db(f->full);
    assert_int_equal(bx_test_query_int(db, "SELECT count(*) FROM documents"), real_pdfs());
    char *failures = query_text(db,
                                "SELECT file_name || ': ' || reason || ': ' || detail"
                                " FROM failures ORDER BY file_name",
                                NULL);
    /* a code per category, and the message without the path again */
    assert_non_null(strstr(failures, "empty.pdf: not_pdf: empty file\n"));
    assert_non_null(strstr(failures, "text-named.pdf: not_pdf: not a PDF"));
    assert_non_null(strstr(failures, "truncated.pdf: damaged: damaged PDF"));
    assert_null(strstr(failures, "/bad/"));
    assert_int_equal(bx_test_query_int(db, "SELECT count(*) FROM failures"), 3);
    free(failures);
    char *names = query_text(db, "SELECT file_name FROM documents ORDER BY file_name", NULL);
    for (char *name = strtok(names, "\n"); name; name = strtok(NULL, "\n")) {
        char pdf[512];
        snprintf(pdf, sizeof pdf, REAL "/%s", name);
        char *want = extract_cells(pdf);
        char *got = query_text(db,
                               "SELECT t.n || '|' || c.is_header || '|' || c.row || '|' || c.col"
                               " || '|' || c.text FROM documents d"
                               " JOIN tables t ON t.document_id = d.id"
                               " JOIN cells c ON c.table_id = t.id WHERE d.file_name = ?"
                               " ORDER BY t.n, c.is_header DESC, c.row, c.col",
                               name);
        assert_true(strlen(want) > 1000);
        assert_string_equal(got, want);
        free(want);
        free(got);
    }
    free(names);
    sqlite3_close(db);
}

static pid_t start_batch(const char *dir, const char *db)
{
    char bad[512];
    snprintf(bad, sizeof bad, "%s/bad", dir);
    pid_t pid = fork();
    if (pid == 0) {
        freopen("/dev/null", "w", stderr);
        execl(BX_BINARY, BX_BINARY, "batch", REAL, bad, "-o", db, "-j", "1", "--timeout", "0",
              (char *)NULL);
        _exit(127);
    }
    return pid;
}

/* Kill -9 the batch as soon as a first document is committed, rerun it, and
 * compare with the uninterrupted run: no document missing or doubled. */
static void test_batch_killed_then_rerun(void **state)
{
    fixture *f = *state;
    char db_path[512];
    snprintf(db_path, sizeof db_path, "%s/killed.sqlite", f->dir);
    pid_t pid = start_batch(f->dir, db_path);
    long long docs = 0;
    /* up to 10 min: under ASan on a loaded machine the largest report, read
     * first, takes minutes */
    for (int i = 0; i < 60000 && docs < 1; i++) {
        usleep(10000);
        if (access(db_path, F_OK) != 0)
            continue;
        sqlite3 *db = open_db(db_path);
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, "SELECT count(*) FROM documents", -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            docs = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        sqlite3_close(db);
    }
    kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFSIGNALED(status));
    sqlite3 *db = open_db(db_path);
    long long after_kill = bx_test_query_int(db, "SELECT count(*) FROM documents");
    assert_true(after_kill >= 1 && after_kill < real_pdfs()); /* really interrupted */
    assert_int_equal(bx_test_query_int(db, "SELECT count(*) FROM tables WHERE document_id NOT IN"
                                   " (SELECT id FROM documents)"),
                     0);
    sqlite3_close(db);
    /* 0 when the bad files were recorded before the kill (and skipped now),
     * 2 when this run meets them: that depends on where the folders sort */
    int rc = run_cmd(NULL, "%s batch " REAL " %s/bad -o %s -j 2 --timeout 0 2>/dev/null",
                     BX_BINARY, f->dir,
                     db_path);
    assert_true(rc == 0 || rc == 2);
    char *want = dump(f->full), *got = dump(db_path);
    assert_string_equal(got, want);
    free(want);
    free(got);
    /* a third run finds nothing to do and changes nothing */
    char *log;
    assert_int_equal(run_cmd(&log, "%s batch " REAL " %s/bad -o %s 2>&1", BX_BINARY, f->dir,
                             db_path),
                     0);
    char skipped[64];
    snprintf(skipped, sizeof skipped, "0 loaded, %d skipped", real_pdfs() + 3);
    assert_non_null(strstr(log, skipped));
    free(log);
    got = dump(db_path);
    want = dump(f->full);
    assert_string_equal(got, want);
    free(want);
    free(got);
}

/* A file that takes longer than --timeout is killed and recorded as such. */
static void test_batch_timeout(void **state)
{
    fixture *f = *state;
    char db_path[512];
    snprintf(db_path, sizeof db_path, "%s/timeout.sqlite", f->dir);
    assert_int_equal(run_cmd(NULL, "%s batch " REAL "/tw-moi-2025-budget.pdf -o %s --timeout 0.05"
                                   " 2>/dev/null",
                             BX_BINARY, db_path),
                     2);
    sqlite3 *db = open_db(db_path);
    assert_int_equal(bx_test_query_int(db, "SELECT count(*) FROM documents"), 0);
    assert_int_equal(bx_test_query_int(db, "SELECT count(*) FROM failures WHERE reason = 'timeout'"
                                   " AND file_name = 'tw-moi-2025-budget.pdf'"),
                     1);
    sqlite3_close(db);
}

/* Each file ends up loaded or failed, never both: a worker whose timeout
 * falls between its commit and its exit has loaded its document. Timeouts
 * around the time a small report takes make that race likely (it is not
 * certain on every run; the invariant must hold on all of them). */
static void test_batch_timeout_loaded_or_failed(void **state)
{
    fixture *f = *state;
    static const char *const timeouts[] = {"0.05", "0.1", "0.15", "0.2", "0.3"};
    for (size_t i = 0; i < sizeof timeouts / sizeof *timeouts; i++) {
        char db_path[512];
        snprintf(db_path, sizeof db_path, "%s/race%zu.sqlite", f->dir, i);
        int rc = run_cmd(NULL, "%s batch " REAL "/sh-putuo-commerce-2025-budget.pdf"
                               " " REAL "/sh-putuo-govoffice-2025-budget.pdf"
                               " " REAL "/sh-putuo-wanli-2024-budget.pdf"
                               " " REAL "/sh-putuo-socialwork-2024-final.pdf"
                               " -o %s -j 2 --timeout %s 2>/dev/null",
                         BX_BINARY, db_path, timeouts[i]);
        assert_true(rc == 0 || rc == 2);
        sqlite3 *db = open_db(db_path);
        assert_int_equal(bx_test_query_int(db, "SELECT count(*) FROM failures WHERE sha256 IN"
                                       " (SELECT sha256 FROM documents)"),
                         0);
        assert_int_equal(bx_test_query_int(db, "SELECT (SELECT count(*) FROM documents) +"
                                       " (SELECT count(*) FROM failures)"),
                         4);
        sqlite3_close(db);
    }
}

/* A path named on the command line is read through a symbolic link, file
 * or folder (it was skipped in silence, exit 0); links met inside folders
 * are not followed, which keeps a loop out. */
static void test_batch_follows_named_links(void **state)
{
    fixture *f = *state;
    char db_path[512];
    snprintf(db_path, sizeof db_path, "%s/links.sqlite", f->dir);
    assert_int_equal(run_cmd(NULL, "cd %s && mkdir links && ln -s " REAL
                                   "/sh-putuo-commerce-2025-budget.pdf links/file.pdf &&"
                                   " ln -s %s/bad links/folder",
                             f->dir, f->dir),
                     0);
    int rc = run_cmd(NULL, "%s batch -o %s %s/links/file.pdf %s/links/folder 2>/dev/null",
                     BX_BINARY, db_path, f->dir, f->dir);
    assert_int_equal(rc, 2); /* the bad files in the linked folder fail */
    sqlite3 *db = open_db(db_path);
    assert_int_equal(bx_test_query_int(db, "SELECT count(*) FROM documents"), 1);
    assert_int_equal(bx_test_query_int(db, "SELECT count(*) FROM failures"), 3);
    sqlite3_close(db);
    /* a dangling link named on the command line is a missing input, said */
    char *log;
    assert_int_equal(run_cmd(&log, "cd %s/links && ln -s nowhere.pdf gone.pdf && %s batch -o %s"
                                   " gone.pdf 2>&1",
                             f->dir, BX_BINARY, db_path),
                     2);
    assert_non_null(strstr(log, "gone.pdf: No such file or directory"));
    free(log);
}

/* A worker that crashes (here: sent SIGABRT, as a failed assertion inside
 * a library would; not SIGSEGV, which the sanitizer build turns into an
 * exit status) costs only its file, recorded with the signal. */
static void test_batch_worker_crash(void **state)
{
    fixture *f = *state;
    char db_path[512];
    snprintf(db_path, sizeof db_path, "%s/crash.sqlite", f->dir);
    pid_t pid = fork();
    if (pid == 0) {
        freopen("/dev/null", "w", stderr);
        execl(BX_BINARY, BX_BINARY, "batch", REAL "/tw-moi-2025-budget.pdf", "-o", db_path,
              "-j", "1", (char *)NULL);
        _exit(127);
    }
    int child = 0;
    for (int i = 0; i < 500 && child <= 0; i++) {
        char *out;
        run_cmd(&out, "pgrep -P %d", (int)pid);
        child = atoi(out);
        free(out);
        usleep(5000);
    }
    assert_true(child > 0);
    kill(child, SIGABRT);
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 2);
    sqlite3 *db = open_db(db_path);
    assert_int_equal(bx_test_query_int(db, "SELECT count(*) FROM failures WHERE reason = 'signal'"
                                   " AND detail LIKE 'killed by signal 6 %'"),
                     1);
    assert_int_equal(bx_test_query_int(db, "SELECT count(*) FROM documents"), 0);
    sqlite3_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_batch_equals_extract),
        cmocka_unit_test(test_batch_killed_then_rerun),
        cmocka_unit_test(test_batch_timeout),
        cmocka_unit_test(test_batch_timeout_loaded_or_failed),
        cmocka_unit_test(test_batch_follows_named_links),
        cmocka_unit_test(test_batch_worker_crash),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
