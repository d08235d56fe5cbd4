/* budgetx batch's engine: folders of reports in, one dataset out (SQLite,
 * or PostgreSQL for a connection string). The command's entry and its queue
 * modes are in cmd_queue.c; a queue hands out files through batch_source.
 *
 * Each file is read in a worker process of its own (fork), so that a file
 * that crashes or hangs Poppler costs that file only: the parent records the
 * failure (exit status, signal, timeout or the reader's message) and goes on.
 * A worker writes its document into the dataset itself, in one transaction
 * (the dataset's writer is the one `extract -f sqlite` uses, and SQLite's
 * lock orders the workers), so a kill at any moment leaves whole documents
 * only; the parent writes nothing but failures (and never holds a dataset
 * connection across a fork). Files whose content (SHA-256) the dataset
 * already holds are skipped, so a rerun finishes an interrupted run. */
#define _GNU_SOURCE
#include "bx_export.h"
#include "bx_model.h"
#include "batch.h"
#include "cli.h"

#include <errno.h>
#include <fts.h>
#include <getopt.h>
#include <glib.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/param.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char usage_text[] =
    "usage: budgetx batch -o DATASET [-j N] [--timeout SEC] [--retry-failed] PATH...\n"
    "       budgetx batch --queue DB [--retry-failed] PATH...\n"
    "       budgetx batch --worker DB [-j N] [--timeout SEC]\n"
    "       budgetx batch --status DB\n"
    "\n"
    "Reads every PDF (*.pdf) and text dump (*.txt) under the folders given (and\n"
    "any file named on the command line) into one dataset: a SQLite file, or a\n"
    "PostgreSQL database (DB: postgresql://HOST/NAME, postgres://..., or a libpq\n"
    "'host=... dbname=...' string; the password from $PGPASSWORD or ~/.pgpass,\n"
    "never in DB). A PATH of - reads more paths from standard input, one per\n"
    "line (find ... | budgetx batch).\n"
    "\n"
    "  -o, --output DATASET the dataset, created or updated in place; documents\n"
    "                       already in it (same SHA-256) are skipped\n"
    "  -j, --jobs N         worker processes (default: the number of CPUs)\n"
    "      --timeout SEC    give up on a file after SEC seconds (default 120; 0: never)\n"
    "      --retry-failed   read again the files recorded as failed (a rerun\n"
    "                       skips them otherwise, e.g. after raising --timeout)\n"
    "      --password PW    the password of encrypted PDFs (default:\n"
    "                       $BUDGETX_PASSWORD)\n"
    "      --max-size SIZE  a file larger than SIZE bytes fails as too_large\n"
    "                       (k, M, G suffixes; default 512M; 0 for no limit)\n"
    "      --shard K/N      read only share K of N: the files whose place in the\n"
    "                       sorted list of paths is K-1 modulo N (every share\n"
    "                       given the same PATHs, e.g. a Slurm array of N tasks)\n"
    "\n"
    "Many machines share one PostgreSQL database as dataset and work queue:\n"
    "      --queue DB       registers the files (path, size, SHA-256) in DB's\n"
    "                       queue, each content once however often registered;\n"
    "                       with --retry-failed, failed files are queued again\n"
    "      --worker DB      claims queued files one at a time per job and loads\n"
    "                       them into DB, until no file is queued or held by\n"
    "                       another worker; a worker that dies loses its claim\n"
    "                       after a minute and another worker reads the file\n"
    "      --status DB      prints the queue's progress and the dataset's totals\n"
    "\n"
    "exit status: 0 every file loaded or skipped, 2 some files failed, a PATH\n"
    "is missing or the database cannot be reached, 1 usage, 130 interrupted\n"
    "(the dataset holds whole documents only)\n";

/* Set by the signal handler: a handler can only communicate through a
 * static flag, so this is the one piece of global state of the command. */
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    interrupted = sig;
}

static const char *const reason_names[R_COUNT] = {
    "missing", "not_pdf",   "encrypted", "damaged", "no_text", "no_tables",
    "too_large", "timeout", "signal",    "io",      "exit"};

static int reason_of_status(bx_status s)
{
    switch (s) {
    case BX_ERR_MISSING: return R_MISSING;
    case BX_ERR_NOT_FILE:
    case BX_ERR_EMPTY:
    case BX_ERR_NOT_PDF: return R_NOT_PDF;
    case BX_ERR_ENCRYPTED: return R_ENCRYPTED;
    case BX_ERR_DAMAGED: return R_DAMAGED;
    case BX_ERR_NO_TEXT: return R_NO_TEXT;
    case BX_ERR_NO_TABLES: return R_NO_TABLES;
    case BX_ERR_TOO_LARGE: return R_TOO_LARGE;
    default: return R_IO;
    }
}

/* "1 file", "2 files" */
const char *bx_batch_plural(long long n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

double bx_batch_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}


/* --- Finding the inputs ---------------------------------------------------- */

static bool wanted(const FTSENT *e)
{
    const char *dot = strrchr(e->fts_name, '.');
    return e->fts_level == FTS_ROOTLEVEL ||
           (dot && (strcasecmp(dot, ".pdf") == 0 || strcasecmp(dot, ".txt") == 0));
}

input *bx_batch_add_input(batch *b, const char *path, off_t size)
{
    b->inputs = bx_grow(b->inputs, &b->cap, b->n_inputs + 1, sizeof *b->inputs);
    b->inputs[b->n_inputs] = (input){.path = bx_xstrdup(path), .size = size};
    return &b->inputs[b->n_inputs++];
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const input *)a)->path, ((const input *)b)->path);
}

/* Largest first: a long report started last would keep one worker busy
 * while the others idle (the 392-page file of a corpus sets its duration). */
static int by_size_down(const void *a, const void *b)
{
    const input *x = a, *y = b;
    return x->size != y->size ? (x->size < y->size ? 1 : -1) : strcmp(x->path, y->path);
}

static int find_inputs(batch *b, char **paths)
{
    /* links named by the user are followed; links inside folders are not,
     * which keeps a loop out */
    FTS *fts = fts_open(paths, FTS_PHYSICAL | FTS_COMFOLLOW | FTS_NOCHDIR, NULL);
    if (!fts)
        return -1;
    int rc = 0;
    for (FTSENT *e; (e = fts_read(fts));) {
        if (e->fts_info == FTS_F && wanted(e))
            bx_batch_add_input(b, e->fts_path, e->fts_statp->st_size);
        else if (e->fts_info == FTS_NS || e->fts_info == FTS_DNR || e->fts_info == FTS_ERR ||
                 (e->fts_info == FTS_SLNONE && e->fts_level == FTS_ROOTLEVEL)) {
            /* a dangling link sets no fts_errno: its target is missing */
            char *shown = bx_cli_log_path(e->fts_path);
            fprintf(stderr, "budgetx: %s: %s\n", shown,
                    strerror(e->fts_errno ? e->fts_errno : ENOENT));
            free(shown);
            rc = -1;
        }
    }
    fts_close(fts);
    if (b->n_inputs) /* qsort wants an array, even of none */
        qsort(b->inputs, b->n_inputs, sizeof *b->inputs, by_path);
    return rc;
}

/* Hashes every input and drops those the dataset holds already (and repeats
 * of one content within the run: the first by path is kept); what is left is
 * the work to do, largest file first. */
static bx_status plan(batch *b, bx_error *err)
{
    bx_dataset *ds;
    bx_status s = bx_dataset_open(b->db, &ds, err);
    if (s != BX_OK)
        return s;
    size_t kept = 0;
    for (size_t i = 0; i < b->n_inputs; i++) {
        input *in = &b->inputs[i];
        bool skip = bx_file_sha256(in->path, in->sha, NULL) != BX_OK;
        if (skip) {
            char *shown = bx_cli_log_path(in->path);
            fprintf(stderr, "budgetx: %s: cannot read; skipped\n", shown);
            free(shown);
        }
        bool failed_before = !skip && !b->retry_failed && !bx_dataset_has_document(ds, in->sha) &&
                             bx_dataset_has_failure(ds, in->sha);
        b->skipped_failed += failed_before;
        skip = skip || failed_before || bx_dataset_has_document(ds, in->sha);
        for (size_t k = 0; k < kept && !skip; k++)
            skip = strcmp(b->inputs[k].sha, in->sha) == 0;
        if (skip) {
            b->skipped++;
            free(in->path);
            continue;
        }
        b->bytes_total += in->size;
        b->inputs[kept++] = *in;
    }
    b->n_inputs = kept;
    if (b->n_inputs)
        qsort(b->inputs, b->n_inputs, sizeof *b->inputs, by_size_down);
    bx_dataset_close(ds);
    return BX_OK;
}

/* --- The worker ------------------------------------------------------------ */

/* A worker's first message when it has read its file and goes to write it. */
#define COMPUTED "computed\n"

/* The number of worker slots: into SQLite, which takes one writer at a
 * time, -j reading and as many that have read their file and wait to write
 * it; into PostgreSQL, whose writers do not wait on each other, -j (and so
 * a queue's worker holds one claim a job). */
static int slots(const batch *b)
{
    return bx_dataset_is_postgres(b->db) ? b->jobs : 2 * b->jobs;
}

static void say(int fd, const char *text)
{
    size_t len = strlen(text);
    /* one write below PIPE_BUF: the parent reads the whole message or none */
    if (write(fd, text, len < 1000 ? len : 1000) < 0)
        _exit(125);
}

/* "PATH: damaged PDF (...)" -> "damaged PDF (...)" */
static const char *without_path(const char *message, const char *path)
{
    size_t n = strlen(path);
    return strncmp(message, path, n) == 0 && strncmp(message + n, ": ", 2) == 0 ? message + n + 2
                                                                                 : message;
}

static int work(const batch *b, const input *in, int fd)
{
    const char *db = b->db;
    bx_cli_input opts = {.password = b->password, .max_size = b->max_size};
    bx_report *report = NULL;
    bx_error err;
    bx_error_clear(&err);
    char msg[1024];
    bx_status s = bx_cli_load_report(in->path, &opts, &report, &err);
    if (s == BX_OK && report->n_tables == 0)
        s = bx_error_set(&err, BX_ERR_NO_TABLES, "no tables found");
    if (s == BX_OK) {
        /* the parent may start the next file while this one queues to write */
        say(fd, COMPUTED);
        bx_write_options o = {.input_path = in->path, .input_sha256 = in->sha};
        s = bx_write_report(report, BX_FORMAT_SQLITE, db, &o, &err);
    }
    if (s == BX_OK)
        snprintf(msg, sizeof msg, "ok\t%d\t%zu\n", report->n_pages, report->n_tables);
    else /* the parent names the file: the message without it */
        snprintf(msg, sizeof msg, "error\t%d\t%s\n", (int)s, without_path(err.message, in->path));
    bx_report_free(report);
    say(fd, msg);
    return s == BX_OK ? 0 : bx_cli_exit_code(s);
}

static int spawn(batch *b, worker *w)
{
    int p[2];
    if (pipe(p) != 0)
        return -1;
    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        return -1;
    }
    if (pid == 0) {
        /* die with the parent, and on Ctrl-C, as a plain process would */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) /* the parent died before prctl took effect */
            _exit(130);
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        close(p[0]);
        _exit(interrupted ? 130 : work(b, &b->inputs[b->next], p[1]));
    }
    close(p[1]);
    *w = (worker){.pid = pid, .fd = p[0], .input = b->next++, .started = bx_batch_now()};
    b->running++;
    return 0;
}

/* --- Outcomes and progress --------------------------------------------------- */

static void record_failure(batch *b, const input *in, int reason, const char *detail)
{
    bx_dataset *ds;
    bx_error err;
    gchar *name = g_path_get_basename(in->path);
    bx_dataset_failure f = {name, in->path, in->sha, reason_names[reason], detail};
    if (bx_dataset_open(b->db, &ds, &err) == BX_OK) {
        if (bx_dataset_put_failure(ds, &f, &err) != BX_OK)
            fprintf(stderr, "budgetx: %s\n", err.message);
        bx_dataset_close(ds);
    } else {
        fprintf(stderr, "budgetx: %s\n", err.message);
    }
    g_free(name);
    b->failed[reason]++;
}

/* The terminal's width in columns (80 when it cannot tell). */
static int terminal_width(void)
{
    struct winsize ws;
    return ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 ? ws.ws_col : 80;
}

/* One line that never wraps (a wrapped line leaves stale copies above as
 * \r returns only to its last part): the bar takes what the text leaves,
 * and a narrower terminal loses the text's tail. */
static void show_progress(const batch *b)
{
    double t = bx_batch_now() - b->start;
    long long failed = 0;
    for (int r = 0; r < R_COUNT; r++)
        failed += b->failed[r];
    double rate = t > 0 ? (double)b->pages / t : 0;
    char eta[32] = "-";
    if (b->bytes_done > 0) {
        long s = (long)(t * (double)(b->bytes_total - b->bytes_done) / (double)b->bytes_done);
        snprintf(eta, sizeof eta, "%ld:%02ld", s / 60, s % 60);
    }
    char text[160];
    int width = terminal_width() - 1;
    snprintf(text, sizeof text, " %zu/%zu %s  %.1f pages/s  ETA %s  %lld failed", b->done,
             b->n_inputs, bx_batch_plural((long long)b->n_inputs, "file", "files"), rate, eta, failed);
    if ((int)strlen(text) + 12 > width) /* narrow: the rate goes first */
        snprintf(text, sizeof text, " %zu/%zu  ETA %s  %lld failed", b->done, b->n_inputs, eta,
                 failed);
    int len = (int)strlen(text);
    int cells = MIN(20, width - len - 2);
    if (cells < 5) { /* no room for a bar: the text alone, cut to the width */
        fprintf(stderr, "\r\033[K%.*s", MAX(0, MIN(len - 1, width)), text + 1);
        return;
    }
    int bar = (int)(cells * (b->n_inputs ? (double)b->done / (double)b->n_inputs : 1));
    fprintf(stderr, "\r\033[K[%.*s%.*s]%s", bar, "####################", cells - bar,
            "--------------------", text);
}

/* Why the worker failed (a reason, with its detail), or -1 when it loaded
 * its document (then *pages and *tables are set from its message). */
static int outcome(const batch *b, const worker *w, int status, int *pages, size_t *tables,
                   char *detail, size_t size)
{
    /* a worker that exited on its own beat our kill: its own outcome holds */
    if (w->timed_out && !WIFEXITED(status)) {
        snprintf(detail, size, "no result after %g s", b->timeout);
        return R_TIMEOUT;
    }
    if (WIFSIGNALED(status)) {
        snprintf(detail, size, "killed by signal %d (%s)", WTERMSIG(status),
                 strsignal(WTERMSIG(status)));
        return R_SIGNAL;
    }
    int code, skip = 0;
    if (sscanf(w->msg, "error\t%d\t%n", &code, &skip) == 1 && skip > 0) {
        const char *text = w->msg + skip;
        snprintf(detail, size, "%.*s", (int)strcspn(text, "\n"), text);
        return reason_of_status((bx_status)code);
    }
    if (WEXITSTATUS(status) != 0 || sscanf(w->msg, "ok\t%d\t%zu", pages, tables) != 2) {
        snprintf(detail, size, "exit status %d", WEXITSTATUS(status));
        return R_EXIT;
    }
    return -1;
}

/* True when the dataset holds the input's document: plan() left out every
 * document it held before the run, so a worker of this run committed it. */
static bool committed(const batch *b, const input *in)
{
    bx_dataset *ds;
    bx_error err;
    bool has = bx_dataset_open(b->db, &ds, &err) == BX_OK && bx_dataset_has_document(ds, in->sha);
    bx_dataset_close(ds);
    return has;
}

/* Appends what the worker has said to its message; a leading COMPUTED
 * marks it as writing and is dropped. */
static void hear(worker *w)
{
    ssize_t n = read(w->fd, w->msg + w->msg_len, sizeof w->msg - 1 - w->msg_len);
    w->msg_len += n > 0 ? (size_t)n : 0;
    w->msg[w->msg_len] = '\0';
    size_t k = strlen(COMPUTED);
    if (!w->writing && strncmp(w->msg, COMPUTED, k) == 0 && w->msg_len >= k) {
        w->writing = true;
        w->msg_len -= k;
        memmove(w->msg, w->msg + k, w->msg_len + 1);
    }
}

/* Reads the worker's message, reaped with `status`, and records the outcome. */
static void finish(batch *b, worker *w, int status)
{
    if (w->msg_len < sizeof w->msg - 1)
        hear(w);
    close(w->fd);
    const input *in = &b->inputs[w->input];
    int pages = 0;
    size_t tables = 0;
    char detail[1100];
    int reason = outcome(b, w, status, &pages, &tables, detail, sizeof detail);
    /* killed (timeout, signal) between its commit and its exit, a worker
     * has loaded its document all the same: never both loaded and failed */
    if (reason >= 0 && committed(b, in))
        reason = -1;
    b->done++;
    b->bytes_done += in->size;
    if (b->source) /* the queue hands the file out again unless it ended here */
        b->source->finished(b->source->ctx, in,
                            reason < 0 ? OUTCOME_LOADED
                            : interrupted ? OUTCOME_RELEASED
                                          : OUTCOME_FAILED);
    if (interrupted && reason >= 0)
        return; /* killed by our own Ctrl-C: not the file's fault */
    char *shown = bx_cli_log_path(in->path); /* one line, whatever the name holds */
    if (reason >= 0) {
        record_failure(b, in, reason, detail);
        /* on a terminal, above the progress bar */
        char *why = bx_cli_log_path(detail); /* it may quote the name */
        fprintf(stderr, "%sbudgetx: [%zu/%zu] FAILED %s: %s: %s\n", b->tty ? "\r\033[K" : "",
                b->done, b->n_inputs, shown, reason_names[reason], why);
        free(why);
    } else {
        b->loaded++;
        b->pages += pages;
    }
    if (b->tty)
        show_progress(b);
    else if (reason < 0)
        fprintf(stderr, "budgetx: [%zu/%zu] ok %s (%d pages, %zu tables, %.2f s)\n", b->done,
                b->n_inputs, shown, pages, tables, bx_batch_now() - w->started);
    free(shown);
}

/* --- The loop ---------------------------------------------------------------- */

static void reap(batch *b, bool block)
{
    int status;
    pid_t pid;
    while (b->running > 0 && (pid = waitpid(-1, &status, block ? 0 : WNOHANG)) > 0) {
        for (int i = 0; i < slots(b); i++)
            if (b->workers[i].pid == pid) {
                finish(b, &b->workers[i], status);
                b->workers[i].pid = 0;
                b->running--;
            }
    }
}

static void enforce_timeouts(batch *b)
{
    double t = bx_batch_now();
    for (int i = 0; i < slots(b); i++) {
        worker *w = &b->workers[i];
        if (w->pid > 0 && !w->timed_out && b->timeout > 0 && t - w->started > b->timeout) {
            kill(w->pid, SIGKILL);
            w->timed_out = true;
        }
    }
}

/* Waits until a worker says something (read at once, so that a said
 * message does not wake the next poll again) or 100 ms pass (the caller
 * then checks timeouts). */
static void wait_a_little(batch *b)
{
    struct pollfd fds[128];
    worker *of[128];
    nfds_t n = 0;
    for (int i = 0; i < slots(b) && n < 128; i++)
        if (b->workers[i].pid > 0 && b->workers[i].msg_len < sizeof b->workers[i].msg - 1) {
            of[n] = &b->workers[i];
            fds[n++] = (struct pollfd){.fd = b->workers[i].fd, .events = POLLIN};
        }
    if (poll(fds, n, 100) <= 0)
        return;
    for (nfds_t i = 0; i < n; i++)
        if (fds[i].revents & POLLIN)
            hear(of[i]);
}

/* The workers still reading their file (those writing it do not count). */
static int reading(const batch *b)
{
    int n = 0;
    for (int i = 0; i < slots(b); i++)
        n += b->workers[i].pid > 0 && !b->workers[i].writing;
    return n;
}

/* Whether an input waits to be spawned, claiming one from the source when
 * the command line's are all started. */
static bool take_next(batch *b)
{
    return b->next < b->n_inputs || (b->source && b->source->claim(b->source->ctx, b));
}

static void run(batch *b)
{
    b->workers = bx_xcalloc((size_t)slots(b), sizeof *b->workers);
    while (!interrupted && (b->next < b->n_inputs || b->running > 0 ||
                            (b->source && b->source->pending(b->source->ctx)))) {
        for (int i = 0; i < slots(b) && !interrupted; i++)
            if (b->workers[i].pid == 0 && reading(b) < b->jobs && take_next(b) &&
                spawn(b, &b->workers[i]) != 0) {
                fprintf(stderr, "budgetx: cannot start a worker (%s)\n", strerror(errno));
                interrupted = SIGTERM;
            }
        wait_a_little(b);
        enforce_timeouts(b);
        if (b->source)
            b->source->tick(b->source->ctx);
        reap(b, false);
    }
    for (int i = 0; i < slots(b); i++)
        if (b->workers[i].pid > 0)
            kill(b->workers[i].pid, SIGKILL);
    reap(b, true);
    free(b->workers);
}

/* "signal 1, timeout 2": the failures by reason, those that happened. */
static void print_reasons(const batch *b)
{
    bool first = true;
    for (int r = 0; r < R_COUNT; r++)
        if (b->failed[r]) {
            fprintf(stderr, "%s%s %lld", first ? " (" : ", ", reason_names[r], b->failed[r]);
            first = false;
        }
    if (!first)
        fputs(")", stderr);
}

static void summary(const batch *b)
{
    if (b->tty && b->n_inputs)
        fputs("\n", stderr);
    long long failed = 0;
    for (int r = 0; r < R_COUNT; r++)
        failed += b->failed[r];
    fprintf(stderr, "budgetx: %s: %lld loaded, %lld skipped (loaded or failed before), %lld failed",
            interrupted ? "interrupted" : "done", b->loaded, b->skipped, failed);
    print_reasons(b);
    fprintf(stderr, " in %.1f s\n", bx_batch_now() - b->start);
    if (b->skipped_failed)
        fprintf(stderr, "budgetx: %lld %s failed in an earlier run and %s skipped: "
                        "--retry-failed reads %s again\n",
                b->skipped_failed, bx_batch_plural(b->skipped_failed, "file", "files"),
                bx_batch_plural(b->skipped_failed, "was", "were"), bx_batch_plural(b->skipped_failed, "it", "them"));
    bx_dataset *ds;
    bx_dataset_totals t;
    bx_error err;
    if (bx_dataset_open(b->db, &ds, &err) != BX_OK ||
        bx_dataset_get_totals(ds, &t, &err) != BX_OK)
        fprintf(stderr, "budgetx: %s\n", err.message);
    else
        fprintf(stderr, "budgetx: %s: %lld %s, %lld %s, %lld %s, %lld %s, %lld failed %s, "
                        "%lld failed %s\n",
                b->db, t.documents, bx_batch_plural(t.documents, "document", "documents"), t.tables,
                bx_batch_plural(t.tables, "table", "tables"), t.cells, bx_batch_plural(t.cells, "cell", "cells"),
                t.line_items, bx_batch_plural(t.line_items, "record", "records"), t.failed_checks,
                bx_batch_plural(t.failed_checks, "check", "checks"), t.failures,
                bx_batch_plural(t.failures, "file", "files"));
    bx_dataset_close(ds);
}

static void catch_signals(void)
{
    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* --shard K/N: 1 <= K <= N. */
static bool parse_shard(const char *text, int *shard, int *shards)
{
    const char *slash = strchr(text, '/');
    if (!slash || slash - text > 8)
        return false;
    char k[10];
    snprintf(k, sizeof k, "%.*s", (int)(slash - text), text);
    int n;
    if (!bx_cli_int(k, 1, 1000000, shard) || !bx_cli_int(slash + 1, 1, 1000000, &n) ||
        *shard > n)
        return false;
    (*shard)--;
    *shards = n;
    return true;
}

/* A mode's option: the mode and its connection string, one mode a run. */
static int set_mode(batch *b, batch_mode mode, const char *target, const char *option)
{
    if (b->mode != MODE_DATASET || (b->db && mode != MODE_DATASET))
        return bx_cli_usage_error("batch", "-o, --queue, --worker and --status exclude each "
                                           "other");
    b->mode = mode;
    b->db = target;
    bx_error err;
    if (mode != MODE_DATASET && !bx_dataset_is_postgres(target))
        return bx_cli_usage_error("batch", "%s '%s': a PostgreSQL connection string "
                                           "(postgresql://HOST/DB or 'host=... dbname=...')",
                                  option, target);
    bx_status s = bx_dataset_is_postgres(target) ? bx_postgres_check_target(target, &err) : BX_OK;
    if (s == BX_ERR_USAGE)
        return bx_cli_usage_error("batch", "%s: %s", option, err.message);
    if (s != BX_OK) { /* libpq missing: no usage error */
        fprintf(stderr, "budgetx: %s\n", err.message);
        return bx_cli_exit_code(s);
    }
    return -1;
}

/* What the modes need and refuse beside their options. */
static int check_mode(const batch *b, int n_paths)
{
    if (!b->db)
        return bx_cli_usage_error("batch", "needs -o DATASET.sqlite: the dataset to write");
    if (b->shards > 1 && b->mode != MODE_DATASET)
        return bx_cli_usage_error("batch", "--shard splits the PATHs of -o: a queue hands out "
                                           "its files itself");
    if ((b->mode == MODE_WORKER || b->mode == MODE_STATUS) && n_paths > 0)
        return bx_cli_usage_error("batch", "--%s reads its files from the queue: no PATH",
                                  b->mode == MODE_WORKER ? "worker" : "status");
    if ((b->mode == MODE_DATASET || b->mode == MODE_QUEUE) && n_paths == 0)
        return bx_cli_usage_error("batch", "needs at least one PATH (a folder or a file; - reads "
                                           "paths from standard input)");
    return -1;
}

int bx_batch_parse(batch *b, int argc, char **argv)
{
    /* --lease is for tests (a short lease): a default that fits every
     * network is better than one more knob in the help */
    static const struct option opts[] = {{"output", required_argument, 0, 'o'},
                                         {"jobs", required_argument, 0, 'j'},
                                         {"timeout", required_argument, 0, 'T'},
                                         {"retry-failed", no_argument, 0, 'R'},
                                         {"password", required_argument, 0, 'P'},
                                         {"max-size", required_argument, 0, 'S'},
                                         {"shard", required_argument, 0, 'K'},
                                         {"queue", required_argument, 0, 'Q'},
                                         {"worker", required_argument, 0, 'W'},
                                         {"status", required_argument, 0, 'U'},
                                         {"lease", required_argument, 0, 'L'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    b->jobs = cpus > 64 ? 64 : cpus > 0 ? (int)cpus : 1; /* a bigger machine is no usage error */
    b->timeout = 120;
    b->lease = 60;
    b->shards = 1;
    b->max_size = BX_CLI_MAX_SIZE;
    const char *password = NULL;
    int rc = -1;
    for (int c; rc < 0 && (c = getopt_long(argc, argv, "o:j:h", opts, NULL)) != -1;) {
        switch (c) {
        case 'o': rc = set_mode(b, MODE_DATASET, optarg, "-o"); break;
        case 'Q': rc = set_mode(b, MODE_QUEUE, optarg, "--queue"); break;
        case 'W': rc = set_mode(b, MODE_WORKER, optarg, "--worker"); break;
        case 'U': rc = set_mode(b, MODE_STATUS, optarg, "--status"); break;
        case 'j':
            if (!bx_cli_int(optarg, 1, 64, &b->jobs))
                return bx_cli_usage_error("batch", "-j '%s': a number of workers from 1 to 64",
                                          optarg);
            break;
        case 'T':
            if (!bx_cli_number(optarg, 0, 1e9, &b->timeout))
                return bx_cli_usage_error("batch", "--timeout '%s': seconds, a plain number "
                                                   "(0: never)", optarg);
            break;
        case 'L':
            if (!bx_cli_number(optarg, 1, 1e6, &b->lease))
                return bx_cli_usage_error("batch", "--lease '%s': seconds, at least 1", optarg);
            break;
        case 'K':
            if (!parse_shard(optarg, &b->shard, &b->shards))
                return bx_cli_usage_error("batch", "--shard '%s': K/N with 1 <= K <= N (this "
                                                   "run's share of N)", optarg);
            break;
        case 'R': b->retry_failed = true; break;
        case 'P': password = optarg; break;
        case 'S':
            if (bx_cli_max_size("batch", optarg, &b->max_size) >= 0)
                return BX_EXIT_USAGE; /* said by bx_cli_max_size */
            break;
        case 'h': fputs(usage_text, stdout); return BX_EXIT_OK;
        default: return bx_cli_usage_error("batch", "unknown option or missing value");
        }
    }
    if (rc >= 0)
        return rc;
    b->password = bx_cli_password(password);
    return check_mode(b, argc - optind);
}

/* The PATHs of the command line, a "-" replaced by the lines of standard
 * input (a NULL-terminated GPtrArray of strings). */
static GPtrArray *all_paths(char **argv, int n)
{
    GPtrArray *paths = g_ptr_array_new_with_free_func(g_free);
    for (int i = 0; i < n; i++) {
        if (strcmp(argv[i], "-") != 0) {
            g_ptr_array_add(paths, g_strdup(argv[i]));
            continue;
        }
        char *line = NULL;
        size_t cap = 0;
        for (ssize_t len; (len = getline(&line, &cap, stdin)) >= 0;) {
            while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
                line[--len] = '\0';
            if (len > 0)
                g_ptr_array_add(paths, g_strdup(line));
        }
        free(line);
    }
    g_ptr_array_add(paths, NULL);
    return paths;
}

int bx_batch_find(batch *b, char **argv, int n)
{
    GPtrArray *paths = all_paths(argv, n);
    int rc = paths->len > 1 && find_inputs(b, (char **)paths->pdata) == 0 ? BX_EXIT_OK
                                                                          : BX_EXIT_INPUT;
    g_ptr_array_free(paths, TRUE);
    return rc;
}

/* --shard K/N: the files whose index in the sorted list of paths is K-1
 * modulo N. Every shard lists the same PATHs, so the N runs split the files
 * between them without a word to each other (and without reading them all:
 * a hash of the content would). */
static void keep_shard(batch *b)
{
    size_t kept = 0;
    for (size_t i = 0; i < b->n_inputs; i++) {
        if (i % (size_t)b->shards == (size_t)b->shard)
            b->inputs[kept++] = b->inputs[i];
        else
            free(b->inputs[i].path);
    }
    b->n_inputs = kept;
}

int bx_batch_run_all(batch *b)
{
    b->start = bx_batch_now();
    catch_signals();
    if (b->tty)
        show_progress(b);
    run(b);
    summary(b);
    long long failed = 0;
    for (int r = 0; r < R_COUNT; r++)
        failed += b->failed[r];
    if (interrupted)
        return 130;
    return failed ? BX_EXIT_INPUT : BX_EXIT_OK;
}

int bx_batch_into_dataset(batch *b, int rc)
{
    bx_error err;
    bx_status s;
    if (b->shards > 1)
        keep_shard(b);
    if (rc != BX_EXIT_OK && b->n_inputs == 0) {
        /* nothing to read: no dataset is created for it */
        fprintf(stderr, "budgetx: no input to read; %s left as it was\n", b->db);
        return rc;
    }
    if ((s = plan(b, &err)) != BX_OK) {
        fprintf(stderr, "budgetx: %s\n", err.message);
        /* a server out of reach is no usage error */
        return bx_dataset_is_postgres(b->db) ? bx_cli_exit_code(s) : BX_EXIT_USAGE;
    }
    fprintf(stderr, "budgetx: %zu %s to read, %lld already in %s\n", b->n_inputs,
            bx_batch_plural((long long)b->n_inputs, "file", "files"), b->skipped, b->db);
    int run_rc = bx_batch_run_all(b);
    return run_rc == 130 ? run_rc : bx_cli_worse(rc, run_rc);
}

void bx_batch_clear(batch *b)
{
    for (size_t i = 0; i < b->n_inputs; i++)
        free(b->inputs[i].path);
    free(b->inputs);
    b->inputs = NULL;
    b->n_inputs = 0;
}
