/* The PostgreSQL dataset and work queue against a real server that this
 * test starts itself: initdb into a temporary folder (as nobody when run as
 * root: initdb refuses root), postgres on a unix socket in that folder only,
 * stopped at the end (a watchdog process stops it too if the test dies).
 * No server binaries is a failure, not a skip: CI installs them
 * (scripts/debian-packages). The reference for every dataset is the
 * single-process SQLite dataset of the same files. */
#define _GNU_SOURCE
#include "bx_export.h"
#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glob.h>
#include <grp.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#define CORPUS BX_SHARED_DIR "/corpus/real/"
/* small reports (under a second each), the largest 3.6 MB */
static const char *const files[] = {
    CORPUS "sh-putuo-commerce-2025-budget.pdf", CORPUS "sh-putuo-finance-2024-final.pdf",
    CORPUS "sh-putuo-govoffice-2025-budget.pdf", CORPUS "sh-putuo-socialwork-2024-final.pdf",
    CORPUS "sh-putuo-wanli-2024-budget.pdf"};
#define N_FILES 5

typedef struct {
    char *dir;           /* the server's folder: data/, the socket, logs */
    char bin[512];       /* the folder of initdb, pg_ctl, postgres */
    int port;
    uid_t uid;           /* who runs the server */
    gid_t gid;
    pid_t watchdog;
    int watchdog_fd;     /* closed, the watchdog stops the server */
    char reference[4200]; /* the SQLite dataset of files */
    int databases;
} server;

/* --- The server ------------------------------------------------------------ */

/* pg_ctl's folder: on PATH, else Debian's /usr/lib/postgresql/N/bin (the
 * highest N). */
static bool find_binaries(server *s)
{
    const char *path = getenv("PATH");
    gchar **dirs = g_strsplit(path ? path : "", ":", -1);
    bool found = false;
    for (gchar **d = dirs; *d && !found; d++) {
        char probe[600];
        snprintf(probe, sizeof probe, "%s/pg_ctl", *d);
        if (**d && access(probe, X_OK) == 0) {
            char *real = realpath(probe, NULL);
            gchar *dir = g_path_get_dirname(real ? real : probe);
            char initdb[600];
            snprintf(initdb, sizeof initdb, "%s/initdb", dir);
            if (access(initdb, X_OK) == 0) {
                snprintf(s->bin, sizeof s->bin, "%s", dir);
                found = true;
            }
            g_free(dir);
            free(real);
        }
    }
    g_strfreev(dirs);
    glob_t g;
    if (!found && glob("/usr/lib/postgresql/*/bin/pg_ctl", 0, NULL, &g) == 0) {
        /* glob sorts: the last is the highest version (15 < 16 as text too) */
        gchar *dir = g_path_get_dirname(g.gl_pathv[g.gl_pathc - 1]);
        snprintf(s->bin, sizeof s->bin, "%s", dir);
        g_free(dir);
        found = true;
        globfree(&g);
    }
    return found;
}

/* Runs bin/argv[0] as the server's user and waits; its exit status. */
static int run_as_server(const server *s, const char *log, char *const argv[])
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        if (getuid() == 0 && (setgroups(0, NULL) != 0 || setgid(s->gid) != 0 ||
                              setuid(s->uid) != 0))
            _exit(126);
        /* opened as the server's user, who writes to the same log (pg_ctl -l) */
        int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        int null = open("/dev/null", O_RDONLY);
        dup2(null, 0);
        char program[600];
        snprintf(program, sizeof program, "%s/%s", s->bin, argv[0]);
        execv(program, argv);
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int pg_ctl(const server *s, const char *action, const char *mode)
{
    char data[4200], log[4200], opts[4400];
    snprintf(data, sizeof data, "%s/data", s->dir);
    snprintf(log, sizeof log, "%s/pg_ctl.log", s->dir);
    /* fsync=off: a test's data need not survive a power cut */
    snprintf(opts, sizeof opts, "-k %s -p %d -c listen_addresses= -c fsync=off", s->dir, s->port);
    char *start[] = {"pg_ctl", "-D", data, "-l", log, "-o", opts, "-w", "start", NULL};
    char *stop[] = {"pg_ctl", "-D", data, "-m", (char *)mode, "-w", "stop", NULL};
    return run_as_server(s, log, strcmp(action, "start") == 0 ? start : stop);
}

/* A process that waits for the test to end (its pipe closes when the test
 * exits or dies) and then stops the server, so no postgres outlives it. */
static void start_watchdog(server *s)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0)
        return;
    fflush(NULL);
    s->watchdog = fork();
    if (s->watchdog == 0) {
        close(p[1]);
        char c;
        while (read(p[0], &c, 1) < 0 && errno == EINTR)
            ;
        pg_ctl(s, "stop", "immediate");
        _exit(0);
    }
    close(p[0]);
    s->watchdog_fd = p[1];
}

static char *target(const server *s, const char *db)
{
    return g_strdup_printf("postgresql:///%s?host=%s&port=%d&user=budgetx", db, s->dir, s->port);
}

static PGconn *connect_db(const server *s, const char *db)
{
    char *t = target(s, db);
    PGconn *c = PQconnectdb(t);
    g_free(t);
    if (PQstatus(c) != CONNECTION_OK)
        fail_msg("cannot connect: %s", PQerrorMessage(c));
    return c;
}

/* A fresh database for one test: tests do not see each other's queues. */
static char *new_database(server *s)
{
    char name[32];
    snprintf(name, sizeof name, "t%d", ++s->databases);
    PGconn *c = connect_db(s, "postgres");
    char sql[64];
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
    PGresult *r = PQexec(c, sql);
    assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
    PQclear(r);
    PQfinish(c);
    return target(s, name);
}

static long long pg_count(const char *conninfo, const char *sql)
{
    PGconn *c = PQconnectdb(conninfo);
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_TUPLES_OK)
        fail_msg("%s: %s", sql, PQresultErrorMessage(r));
    long long n = atoll(PQgetvalue(r, 0, 0));
    PQclear(r);
    PQfinish(c);
    return n;
}

/* --- Running budgetx ---------------------------------------------------------- */

/* Starts budgetx with args (NULL-terminated), stderr to err_path. */
static pid_t start_budgetx(const char *err_path, ...)
{
    char *argv[32] = {BX_BINARY};
    int n = 1;
    va_list ap;
    va_start(ap, err_path);
    for (const char *a; n < 31 && (a = va_arg(ap, const char *));)
        argv[n++] = (char *)a;
    va_end(ap);
    argv[n] = NULL;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, err_path ? err_path : "/dev/null",
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid;
    int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    assert_int_equal(rc, 0);
    return pid;
}

static int wait_exit(pid_t pid)
{
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* budgetx batch --queue conninfo FILES: its exit status. */
static int register_files(const char *conninfo, const char *err_path)
{
    return wait_exit(start_budgetx(err_path, "batch", "--queue", conninfo, files[0], files[1],
                                   files[2], files[3], files[4], NULL));
}

/* --- What a dataset holds ------------------------------------------------------ */

/* Rows that must be equal in both datasets, ids left out (each engine
 * numbers its rows itself), in an order both sort alike. */
static const char *const contents[] = {
    "SELECT d.sha256, d.file_name, d.pages, d.title, d.year, d.stage, d.level"
    " FROM documents d ORDER BY d.sha256",
    "SELECT d.sha256, t.n, t.kind, t.title, t.unit, t.pages, t.n_rows, t.n_cols, t.amounts,"
    " t.verified_amounts FROM tables t JOIN documents d ON d.id = t.document_id"
    " ORDER BY d.sha256, t.n",
    "SELECT d.sha256, t.n, c.is_header, c.row, c.col, c.text FROM cells c"
    " JOIN tables t ON t.id = c.table_id JOIN documents d ON d.id = t.document_id"
    " ORDER BY d.sha256, t.n, c.is_header, c.row, c.col",
    "SELECT d.sha256, t.n, l.row, l.side, l.col, l.code, l.level, l.name, l.column_key, l.text,"
    " l.amount_fen, l.page FROM line_items l JOIN tables t ON t.id = l.table_id"
    " JOIN documents d ON d.id = t.document_id ORDER BY d.sha256, t.n, l.row, l.side, l.col",
    /* the engines sort NULL apart (SQLite first, PostgreSQL last): none here */
    "SELECT d.sha256, k.rule, coalesce(k.row, -1), coalesce(k.page, -1), k.expected_fen,"
    " k.actual_fen, k.status, coalesce((SELECT n FROM tables WHERE id = k.table_id), -1)"
    " FROM checks k JOIN documents d ON d.id = k.document_id"
    " ORDER BY 1, 2, 3, 4, 5, 6, 7, 8",
};
#define N_CONTENTS (sizeof contents / sizeof contents[0])

typedef struct {
    long long rows[N_CONTENTS];
    char hash[N_CONTENTS][65]; /* SHA-256 of the rows, fields split by tabs, NULL as \N */
} digest;

static void digest_sqlite(const char *path, digest *out)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    for (size_t q = 0; q < N_CONTENTS; q++) {
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(db, contents[q], -1, &st, NULL), SQLITE_OK);
        GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
        out->rows[q] = 0;
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int i = 0; i < sqlite3_column_count(st); i++) {
                const char *v = (const char *)sqlite3_column_text(st, i);
                g_checksum_update(sum, (const guchar *)(v ? v : "\\N"), -1);
                g_checksum_update(sum, (const guchar *)"\t", 1);
            }
            g_checksum_update(sum, (const guchar *)"\n", 1);
            out->rows[q]++;
        }
        sqlite3_finalize(st);
        snprintf(out->hash[q], 65, "%s", g_checksum_get_string(sum));
        g_checksum_free(sum);
    }
    sqlite3_close(db);
}

static void digest_pg(const char *conninfo, digest *out)
{
    PGconn *c = PQconnectdb(conninfo);
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    PQclear(PQexec(c, "SET search_path TO budgetx"));
    for (size_t q = 0; q < N_CONTENTS; q++) {
        PGresult *r = PQexec(c, contents[q]);
        if (PQresultStatus(r) != PGRES_TUPLES_OK)
            fail_msg("%s: %s", contents[q], PQresultErrorMessage(r));
        GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
        out->rows[q] = PQntuples(r);
        for (int row = 0; row < PQntuples(r); row++) {
            for (int i = 0; i < PQnfields(r); i++) {
                const char *v = PQgetisnull(r, row, i) ? "\\N" : PQgetvalue(r, row, i);
                g_checksum_update(sum, (const guchar *)v, -1);
                g_checksum_update(sum, (const guchar *)"\t", 1);
            }
            g_checksum_update(sum, (const guchar *)"\n", 1);
        }
        PQclear(r);
        snprintf(out->hash[q], 65, "%s", g_checksum_get_string(sum));
        g_checksum_free(sum);
    }
    PQfinish(c);
}

/* The PostgreSQL dataset holds what the SQLite reference holds, row for row. */
static void assert_same_as_reference(const server *s, const char *conninfo)
{
    digest want, got;
    digest_sqlite(s->reference, &want);
    digest_pg(conninfo, &got);
    assert_int_equal(want.rows[0], N_FILES);
    for (size_t q = 0; q < N_CONTENTS; q++) {
        assert_true(want.rows[q] > 0); /* a query that selects nothing proves nothing */
        if (got.rows[q] != want.rows[q] || strcmp(got.hash[q], want.hash[q]) != 0)
            fail_msg("%s: %lld rows (want %lld), SHA-256 %s (want %s)", contents[q],
                     got.rows[q], want.rows[q], got.hash[q], want.hash[q]);
    }
}

/* --- Setup ----------------------------------------------------------------------- */

static int group_setup(void **state)
{
    server *s = calloc(1, sizeof *s);
    *state = s;
    if (!find_binaries(s)) {
        print_error("PostgreSQL's initdb and pg_ctl are not installed (scripts/debian-packages "
                    "lists postgresql): the queue cannot be tested\n");
        return -1;
    }
    s->dir = bx_test_tmpdir();
    if (!s->dir)
        return -1;
    s->port = 20000 + getpid() % 20000;
    s->uid = getuid();
    s->gid = getgid();
    if (s->uid == 0) { /* initdb refuses root: the server runs as nobody */
        struct passwd *pw = getpwnam("nobody");
        if (!pw || chown(s->dir, pw->pw_uid, pw->pw_gid) != 0)
            return -1;
        s->uid = pw->pw_uid;
        s->gid = pw->pw_gid;
    }
    char data[4200], log[4200];
    snprintf(data, sizeof data, "%s/data", s->dir);
    snprintf(log, sizeof log, "%s/initdb.log", s->dir);
    char *initdb[] = {"initdb", "-D", data, "-A", "trust", "-U", "budgetx", "-E", "UTF8",
                      "--no-locale", NULL};
    if (run_as_server(s, log, initdb) != 0) {
        print_error("initdb failed: see %s\n", log);
        return -1;
    }
    start_watchdog(s);
    if (pg_ctl(s, "start", NULL) != 0) {
        char *cat = g_strdup_printf("tail -5 '%s/pg_ctl.log' >&2", s->dir);
        print_error("pg_ctl start failed:\n");
        if (system(cat) != 0)
            print_error("(no log)\n");
        g_free(cat);
        return -1;
    }
    /* the reference: one process, one SQLite file */
    snprintf(s->reference, sizeof s->reference, "%s/reference.sqlite", s->dir);
    int rc = wait_exit(start_budgetx(NULL, "batch", "-j", "1", "-o", s->reference, files[0],
                                     files[1], files[2], files[3], files[4], NULL));
    return rc == 0 ? 0 : -1;
}

static int group_teardown(void **state)
{
    server *s = *state;
    if (s->dir) {
        pg_ctl(s, "stop", "fast");
        if (s->watchdog > 0) {
            close(s->watchdog_fd); /* the watchdog finds the server stopped already */
            wait_exit(s->watchdog);
        }
        char *rm = g_strdup_printf("rm -rf '%s'", s->dir);
        if (system(rm) != 0)
            print_error("cannot remove %s\n", s->dir);
        g_free(rm);
        free(s->dir);
    }
    free(s);
    return 0;
}

/* --- Tests ------------------------------------------------------------------------ */

/* Three workers drain one queue into the dataset that one process makes. */
static void test_three_workers_equal_sqlite(void **state)
{
    server *s = *state;
    char *db = new_database(s);
    assert_int_equal(register_files(db, NULL), 0);
    pid_t w[3];
    for (int i = 0; i < 3; i++)
        w[i] = start_budgetx(NULL, "batch", "--worker", db, "-j", "1", NULL);
    for (int i = 0; i < 3; i++)
        assert_int_equal(wait_exit(w[i]), 0);
    assert_int_equal(pg_count(db, "SELECT count(*) FROM budgetx.queue WHERE state = 'done'"),
                     N_FILES);
    assert_int_equal(pg_count(db, "SELECT count(DISTINCT sha256) FROM budgetx.documents"),
                     N_FILES);
    assert_same_as_reference(s, db);
    g_free(db);
}

/* A worker killed (kill -9) while it reads a file: its claim runs out, a
 * second worker reads the file, and the dataset is the reference, each
 * document once. */
static void test_killed_worker_loses_nothing(void **state)
{
    server *s = *state;
    char *db = new_database(s);
    assert_int_equal(register_files(db, NULL), 0);
    pid_t a = start_budgetx(NULL, "batch", "--worker", db, "-j", "1", "--lease", "2", NULL);
    long long running = 0;
    for (int i = 0; i < 2000 && running == 0; i++) {
        running = pg_count(db, "SELECT count(*) FROM budgetx.queue WHERE state = 'running'");
        if (running == 0)
            usleep(5000);
    }
    assert_int_equal(running, 1);
    kill(a, SIGKILL);
    assert_int_equal(wait_exit(a), -1);
    /* the claim survives its worker: it is a document half read, not done */
    assert_int_equal(pg_count(db, "SELECT count(*) FROM budgetx.queue WHERE state = 'running'"),
                     1);
    long long done_before = pg_count(db, "SELECT count(*) FROM budgetx.documents");
    assert_true(done_before < N_FILES);
    pid_t b = start_budgetx(NULL, "batch", "--worker", db, "-j", "1", "--lease", "2", NULL);
    assert_int_equal(wait_exit(b), 0);
    assert_int_equal(pg_count(db, "SELECT count(*) FROM budgetx.queue WHERE state = 'done'"),
                     N_FILES);
    /* the killed claim was taken again after its lease ran out */
    assert_int_equal(pg_count(db, "SELECT max(attempts) FROM budgetx.queue"), 2);
    assert_same_as_reference(s, db);
    g_free(db);
}

/* Registering the same files again, or a copy of one under another name,
 * adds nothing. */
static void test_register_twice_adds_nothing(void **state)
{
    server *s = *state;
    char *db = new_database(s);
    char err[4300];
    snprintf(err, sizeof err, "%s/register.err", s->dir);
    assert_int_equal(register_files(db, err), 0);
    assert_int_equal(pg_count(db, "SELECT count(*) FROM budgetx.queue"), N_FILES);
    char copy[4300];
    snprintf(copy, sizeof copy, "%s/copy-of-commerce.pdf", s->dir);
    char *cp = g_strdup_printf("cp '%s' '%s'", files[0], copy);
    assert_int_equal(system(cp), 0);
    g_free(cp);
    assert_int_equal(wait_exit(start_budgetx(err, "batch", "--queue", db, files[0], files[1],
                                             files[2], files[3], files[4], copy, NULL)),
                     0);
    char *said = bx_test_slurp(err);
    assert_non_null(strstr(said, "0 files queued, 6 queued before"));
    free(said);
    assert_int_equal(pg_count(db, "SELECT count(*) FROM budgetx.queue"), N_FILES);
    assert_int_equal(pg_count(db, "SELECT count(*) FROM budgetx.queue WHERE state = 'queued'"),
                     N_FILES);
    unlink(copy);
    g_free(db);
}

/* The number of lines in a file that a command wrote. */
static int lines_of(const char *path)
{
    char *text = bx_test_slurp(path);
    assert_non_null(text);
    int n = 0;
    for (const char *p = text; *p; p++)
        n += *p == '\n';
    free(text);
    return n;
}

/* No server there: exit 2 and one line that names the target. */
static void test_unreachable_server(void **state)
{
    server *s = *state;
    char err[4300], *nowhere = g_strdup_printf("host=%s/none port=%d user=budgetx dbname=x",
                                               s->dir, s->port);
    snprintf(err, sizeof err, "%s/unreachable.err", s->dir);
    assert_int_equal(wait_exit(start_budgetx(err, "batch", "--worker", nowhere, NULL)), 2);
    assert_int_equal(lines_of(err), 1);
    char *said = bx_test_slurp(err);
    assert_non_null(strstr(said, "cannot connect"));
    free(said);
    assert_int_equal(wait_exit(start_budgetx(err, "batch", "--queue", nowhere, files[0], NULL)),
                     2);
    assert_int_equal(lines_of(err), 1);
    g_free(nowhere);
}

/* Connection strings that are wrong, or hold a password, are usage errors
 * (exit 1), said in one line, before anything is read. */
static void test_bad_connection_strings(void **state)
{
    server *s = *state;
    char err[4300];
    snprintf(err, sizeof err, "%s/usage.err", s->dir);
    static const char *const bad[] = {"postgresql://someone:secret@localhost/db",
                                      "postgresql://[::1", "host=x password=secret",
                                      "nonsense=1", "postgres://localhost:port/db"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(wait_exit(start_budgetx(err, "batch", "--worker", bad[i], NULL)), 1);
        assert_int_equal(lines_of(err), 1);
        assert_int_equal(
            wait_exit(start_budgetx(err, "batch", "-o", bad[i], files[0], NULL)), 1);
        assert_int_equal(lines_of(err), 1);
        assert_int_equal(wait_exit(start_budgetx(err, "extract", "-f", "sqlite", "-o", bad[i],
                                                 files[0], NULL)),
                         1);
        assert_int_equal(lines_of(err), 1);
        /* a password is refused without showing it */
        char *said = bx_test_slurp(err);
        assert_null(strstr(said, "secret"));
        free(said);
    }
    /* a queue's modes need a database, not a file */
    assert_int_equal(wait_exit(start_budgetx(err, "batch", "--worker", "x.sqlite", NULL)), 1);
    assert_int_equal(wait_exit(start_budgetx(err, "batch", "--status", "x.sqlite", NULL)), 1);
}

/* extract -f sqlite into PostgreSQL twice: the document is replaced, once. */
static void test_extract_into_postgres(void **state)
{
    server *s = *state;
    char *db = new_database(s);
    for (int i = 0; i < 2; i++)
        assert_int_equal(wait_exit(start_budgetx(NULL, "extract", "-f", "sqlite", "-o", db,
                                                 files[0], NULL)),
                         0);
    assert_int_equal(pg_count(db, "SELECT count(*) FROM budgetx.documents"), 1);
    /* the same tables as the reference's for that document */
    char sql[300];
    PGconn *c = PQconnectdb(db);
    PGresult *r = PQexec(c, "SELECT sha256 FROM budgetx.documents");
    snprintf(sql, sizeof sql, "SELECT count(*) FROM tables t JOIN documents d"
                              " ON d.id = t.document_id WHERE d.sha256 = '%s'",
             PQgetvalue(r, 0, 0));
    PQclear(r);
    PQfinish(c);
    sqlite3 *ref;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open_v2(s->reference, &ref, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(ref, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long want = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(ref);
    assert_true(want > 0);
    char *pg_sql = g_strdup_printf("SET search_path TO budgetx; %s", sql);
    assert_int_equal(pg_count(db, pg_sql), want);
    g_free(pg_sql);
    g_free(db);
}

/* --shard 1/2 and 2/2 split the files between two SQLite datasets: every
 * file in one of them, none in both; budgetx merge makes them the
 * reference again, and merging a shard twice adds nothing. */
static void test_shards_split_the_files(void **state)
{
    server *s = *state;
    char part[2][4300];
    long long docs[2];
    for (int k = 0; k < 2; k++) {
        snprintf(part[k], sizeof part[k], "%s/shard%d.sqlite", s->dir, k + 1);
        char shard[8];
        snprintf(shard, sizeof shard, "%d/2", k + 1);
        assert_int_equal(wait_exit(start_budgetx(NULL, "batch", "-j", "1", "--shard", shard,
                                                 "-o", part[k], files[0], files[1], files[2],
                                                 files[3], files[4], NULL)),
                         0);
        sqlite3 *db;
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_open_v2(part[k], &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM documents", -1, &st, NULL),
                         SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        docs[k] = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        sqlite3_close(db);
    }
    /* index mod 2 over 5 sorted paths: 0, 2, 4 and 1, 3 */
    assert_int_equal(docs[0], 3);
    assert_int_equal(docs[1], 2);
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(part[0], &db), SQLITE_OK);
    char *attach = g_strdup_printf("ATTACH '%s' AS other", part[1]);
    assert_int_equal(sqlite3_exec(db, attach, NULL, NULL, NULL), SQLITE_OK);
    g_free(attach);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM documents WHERE sha256 IN"
                                            " (SELECT sha256 FROM other.documents)",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int64(st, 0), 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    char merged[4300];
    snprintf(merged, sizeof merged, "%s/merged.sqlite", s->dir);
    assert_int_equal(wait_exit(start_budgetx(NULL, "merge", merged, part[0], part[1], NULL)), 0);
    assert_int_equal(wait_exit(start_budgetx(NULL, "merge", merged, part[1], NULL)), 0);
    digest want, got;
    digest_sqlite(s->reference, &want);
    digest_sqlite(merged, &got);
    for (size_t q = 0; q < N_CONTENTS; q++) {
        assert_int_equal(got.rows[q], want.rows[q]);
        assert_string_equal(got.hash[q], want.hash[q]);
    }
    /* a file that is no dataset: exit 2, and the dataset as it was */
    assert_int_equal(wait_exit(start_budgetx(NULL, "merge", merged, files[0], NULL)), 2);
    digest_sqlite(merged, &got);
    assert_string_equal(got.hash[2], want.hash[2]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_connection_strings),
        cmocka_unit_test(test_unreachable_server),
        cmocka_unit_test(test_register_twice_adds_nothing),
        cmocka_unit_test(test_extract_into_postgres),
        cmocka_unit_test(test_three_workers_equal_sqlite),
        cmocka_unit_test(test_killed_worker_loses_nothing),
        cmocka_unit_test(test_shards_split_the_files),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
