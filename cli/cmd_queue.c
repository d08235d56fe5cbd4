/* budgetx batch: the command's entry, and its modes for many machines.
 *
 * -o runs the batch engine (cmd_batch.c) over the command line's files.
 * --queue registers files in a PostgreSQL work queue (export/pg_queue.c),
 * --worker runs the same engine over the files it claims from that queue,
 * and --status tells how far the queue is. A worker renews the leases of
 * the files its jobs hold while they run; killed, it renews nothing, and
 * its files go back to the queue when their leases run out. A document is
 * written once whoever reads it (the dataset's unique key), so a file read
 * twice after a lease ran out costs time, never a duplicate. The queue's
 * connection is the parent's alone: a worker process inherits its socket
 * but never uses it and leaves by _exit, which sends the server nothing. */
#define _GNU_SOURCE
#include "batch.h"
#include "bx_export.h"
#include "cli.h"

#include <getopt.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* How often an idle worker asks again while other workers hold files. */
#define POLL_SECONDS 1.0

typedef struct {
    bx_queue *queue;
    batch *b;
    bool pending, failed; /* failed: the server was lost; the worker stops */
    double last_empty, last_renew;
} queue_source;

static void lost(queue_source *qs, const bx_error *err)
{
    if (!qs->failed)
        fprintf(stderr, "%sbudgetx: %s\n", qs->b->tty ? "\r\033[K" : "", err->message);
    qs->failed = true;
    qs->pending = false;
}

static bool claim(void *ctx, batch *b)
{
    queue_source *qs = ctx;
    if (qs->failed || (!qs->pending && qs->last_empty > 0) ||
        bx_batch_now() - qs->last_empty < POLL_SECONDS)
        return false;
    bx_queue_item item;
    bx_error err;
    for (;;) {
        bool claimed;
        if (bx_queue_claim(qs->queue, &item, &claimed, &qs->pending, &err) != BX_OK) {
            lost(qs, &err);
            return false;
        }
        if (!claimed) {
            qs->last_empty = bx_batch_now();
            return false;
        }
        if (!item.held)
            break;
        /* its worker died after the commit: the file is done */
        b->skipped++;
        if (bx_queue_finish(qs->queue, item.id, BX_QUEUE_DONE, &err) != BX_OK) {
            lost(qs, &err);
            return false;
        }
    }
    qs->pending = true;
    input *in = bx_batch_add_input(b, item.path, (off_t)item.size);
    snprintf(in->sha, sizeof in->sha, "%s", item.sha256);
    in->queue_id = item.id;
    b->bytes_total += item.size;
    return true;
}

static bool pending(void *ctx)
{
    const queue_source *qs = ctx;
    return qs->pending;
}

static void tick(void *ctx)
{
    queue_source *qs = ctx;
    bx_error err;
    double t = bx_batch_now();
    if (qs->failed || t - qs->last_renew < qs->b->lease / 3)
        return;
    qs->last_renew = t;
    if (bx_queue_renew(qs->queue, &err) != BX_OK)
        lost(qs, &err);
}

static void finished(void *ctx, const input *in, batch_outcome outcome)
{
    queue_source *qs = ctx;
    static const bx_queue_outcome map[] = {[OUTCOME_LOADED] = BX_QUEUE_DONE,
                                           [OUTCOME_FAILED] = BX_QUEUE_FAILED,
                                           [OUTCOME_RELEASED] = BX_QUEUE_RELEASED};
    bx_error err;
    if (!qs->failed && bx_queue_finish(qs->queue, in->queue_id, map[outcome], &err) != BX_OK)
        lost(qs, &err);
}

/* "host/pid": who holds a claim, for --status and for a reader of the table. */
static void worker_name(char *out, size_t size)
{
    char host[256] = "?";
    gethostname(host, sizeof host - 1);
    snprintf(out, size, "%s/%ld", host, (long)getpid());
}

static int run_worker(batch *b)
{
    char name[320];
    worker_name(name, sizeof name);
    bx_error err;
    queue_source qs = {.b = b, .pending = true};
    bx_status s = bx_queue_open(b->db, name, b->lease, &qs.queue, &err);
    if (s != BX_OK) {
        fprintf(stderr, "budgetx: %s\n", err.message);
        return bx_cli_exit_code(s);
    }
    batch_source source = {&qs, claim, pending, tick, finished};
    b->source = &source;
    fprintf(stderr, "budgetx: worker %s on %s\n", name, b->db);
    int rc = bx_batch_run_all(b);
    bx_queue_close(qs.queue);
    return qs.failed && rc != 130 ? BX_EXIT_INPUT : rc;
}

static int register_files(batch *b, int rc)
{
    bx_queue *q;
    bx_error err;
    bx_status s = bx_queue_open(b->db, "register", b->lease, &q, &err);
    if (s != BX_OK) {
        fprintf(stderr, "budgetx: %s\n", err.message);
        return bx_cli_exit_code(s);
    }
    long long added = 0, present = 0, retried = 0;
    for (size_t i = 0; i < b->n_inputs && s == BX_OK; i++) {
        input *in = &b->inputs[i];
        bool new_row;
        if (bx_file_sha256(in->path, in->sha, NULL) != BX_OK) {
            fprintf(stderr, "budgetx: %s: cannot read; not queued\n", in->path);
            rc = BX_EXIT_INPUT;
            continue;
        }
        /* absolute, for workers started in other folders; links kept, as a
         * shared mount may be reached through one */
        gchar *path = g_canonicalize_filename(in->path, NULL);
        s = bx_queue_add(q, path, (long long)in->size, in->sha, &new_row, &err);
        g_free(path);
        added += new_row;
        present += !new_row;
    }
    if (s == BX_OK && b->retry_failed)
        s = bx_queue_retry_failed(q, &retried, &err);
    bx_queue_close(q);
    if (s != BX_OK) {
        fprintf(stderr, "budgetx: %s\n", err.message);
        return bx_cli_exit_code(s);
    }
    fprintf(stderr, "budgetx: %lld %s queued, %lld queued before", added,
            bx_batch_plural(added, "file", "files"), present);
    if (b->retry_failed)
        fprintf(stderr, ", %lld failed %s queued again", retried,
                bx_batch_plural(retried, "file", "files"));
    fprintf(stderr, " in %s\n", b->db);
    return rc;
}

static int print_status(const batch *b)
{
    bx_queue *q;
    bx_dataset *ds = NULL;
    bx_error err;
    bx_queue_counts c;
    bx_dataset_totals t;
    bx_status s = bx_queue_open(b->db, "status", b->lease, &q, &err);
    if (s == BX_OK)
        s = bx_queue_get_counts(q, &c, &err);
    bx_queue_close(q);
    if (s == BX_OK)
        s = bx_dataset_open(b->db, &ds, &err);
    if (s == BX_OK)
        s = bx_dataset_get_totals(ds, &t, &err);
    bx_dataset_close(ds);
    if (s != BX_OK) {
        fprintf(stderr, "budgetx: %s\n", err.message);
        return bx_cli_exit_code(s);
    }
    long long all = c.queued + c.running + c.done + c.failed;
    printf("queue: %lld %s: %lld queued, %lld running (%lld of them with an expired lease), "
           "%lld done, %lld failed\n",
           all, bx_batch_plural(all, "file", "files"), c.queued, c.running, c.expired, c.done,
           c.failed);
    printf("dataset: %lld documents, %lld tables, %lld cells, %lld records, %lld failed checks, "
           "%lld failed files\n",
           t.documents, t.tables, t.cells, t.line_items, t.failed_checks, t.failures);
    return BX_EXIT_OK;
}

int bx_cmd_batch(int argc, char **argv)
{
    batch b = {.tty = isatty(STDERR_FILENO)};
    int rc = bx_batch_parse(&b, argc, argv);
    if (rc >= 0)
        return rc;
    switch (b.mode) {
    case MODE_WORKER: rc = run_worker(&b); break;
    case MODE_STATUS: rc = print_status(&b); break;
    case MODE_QUEUE:
        rc = bx_batch_find(&b, argv + optind, argc - optind);
        rc = register_files(&b, rc);
        break;
    case MODE_DATASET:
        rc = bx_batch_find(&b, argv + optind, argc - optind);
        rc = bx_batch_into_dataset(&b, rc);
        break;
    }
    bx_batch_clear(&b);
    return rc;
}
