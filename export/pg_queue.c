/* The work queue in PostgreSQL (table budgetx.queue, dataset_schema.c): a
 * file is registered once by its content; a worker claims one with FOR
 * UPDATE SKIP LOCKED (workers never wait on each other's claims) under a
 * lease that it renews while it works, so the file of a worker that dies
 * goes back to the queue when the lease runs out. Whether a file's document
 * was written is the dataset's business (its unique key): the queue only
 * hands out work, so a file handed out twice is still written once. */
#include "pg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bx_queue {
    PGconn *conn;
    char *target, *worker;
    char lease[32]; /* seconds, as the statements' parameter */
};

bx_status bx_queue_open(const char *target, const char *worker, double lease, bx_queue **out,
                        bx_error *err)
{
    PGconn *conn;
    *out = NULL;
    bx_status s = bx_pg_connect(target, &conn, err);
    if (s != BX_OK)
        return s;
    /* the queue's commits need not wait for the disk: a claim, a mark or a
     * registration lost in a server crash is redone (a file claimed again
     * is found held, one registered again is there or added) */
    PGresult *r = bx_pg_exec(conn, target, "SET synchronous_commit TO off", 0, NULL, err);
    PQclear(r);
    if (!r) {
        PQfinish(conn);
        return BX_ERR_IO;
    }
    bx_queue *q = bx_xcalloc(1, sizeof *q);
    q->conn = conn;
    q->target = bx_xstrdup(target);
    q->worker = bx_xstrdup(worker);
    snprintf(q->lease, sizeof q->lease, "%g", lease);
    *out = q;
    return BX_OK;
}

void bx_queue_close(bx_queue *q)
{
    if (!q)
        return;
    PQfinish(q->conn);
    free(q->target);
    free(q->worker);
    free(q);
}

/* Runs sql with its parameters; the number of rows it touched, or -1. */
static long long affected(bx_queue *q, const char *sql, int n, const char *const *p,
                          bx_error *err)
{
    PGresult *r = bx_pg_exec(q->conn, q->target, sql, n, p, err);
    long long rows = r ? atoll(PQcmdTuples(r)) : -1;
    PQclear(r);
    return rows;
}

bx_status bx_queue_add(bx_queue *q, const char *path, long long size, const char *sha256,
                       bool *added, bx_error *err)
{
    char bytes[24];
    snprintf(bytes, sizeof bytes, "%lld", size);
    const char *p[] = {path, bytes, sha256};
    long long n = affected(q, "INSERT INTO queue (path, size, sha256) VALUES ($1, $2, $3)"
                              " ON CONFLICT (sha256) DO NOTHING",
                           3, p, err);
    *added = n > 0;
    return n < 0 ? BX_ERR_IO : BX_OK;
}

bx_status bx_queue_retry_failed(bx_queue *q, long long *n, bx_error *err)
{
    *n = affected(q, "UPDATE queue SET state = 'queued', worker = NULL, lease_until = NULL,"
                     " finished = NULL WHERE state = 'failed'",
                  0, NULL, err);
    return *n < 0 ? BX_ERR_IO : BX_OK;
}

/* The largest file first, as batch does: a long report started last would
 * keep one machine busy while the others idle. */
static const char claim_sql[] =
    "WITH next AS (SELECT id FROM queue"
    " WHERE state = 'queued' OR (state = 'running' AND lease_until < now())"
    " ORDER BY size DESC, id LIMIT 1 FOR UPDATE SKIP LOCKED)"
    " UPDATE queue q SET state = 'running', worker = $1,"
    " lease_until = now() + make_interval(secs => $2::float8), attempts = attempts + 1"
    " FROM next WHERE q.id = next.id"
    " RETURNING q.id, q.size, q.path, q.sha256,"
    " EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = q.sha256)";

bx_status bx_queue_claim(bx_queue *q, bx_queue_item *item, bool *claimed, bool *pending,
                         bx_error *err)
{
    const char *p[] = {q->worker, q->lease};
    *claimed = *pending = false;
    PGresult *r = bx_pg_exec(q->conn, q->target, claim_sql, 2, p, err);
    if (!r)
        return BX_ERR_IO;
    if (PQntuples(r) == 1) {
        *claimed = true;
        item->id = atoll(PQgetvalue(r, 0, 0));
        item->size = atoll(PQgetvalue(r, 0, 1));
        snprintf(item->path, sizeof item->path, "%s", PQgetvalue(r, 0, 2));
        snprintf(item->sha256, sizeof item->sha256, "%s", PQgetvalue(r, 0, 3));
        item->held = strcmp(PQgetvalue(r, 0, 4), "t") == 0;
    }
    PQclear(r);
    if (*claimed)
        return BX_OK;
    /* queued rows here are ones another worker is claiming this instant */
    r = bx_pg_exec(q->conn, q->target,
                   "SELECT EXISTS (SELECT 1 FROM queue WHERE state IN ('queued', 'running'))", 0,
                   NULL, err);
    if (!r)
        return BX_ERR_IO;
    *pending = strcmp(PQgetvalue(r, 0, 0), "t") == 0;
    PQclear(r);
    return BX_OK;
}

bx_status bx_queue_renew(bx_queue *q, bx_error *err)
{
    const char *p[] = {q->worker, q->lease};
    return affected(q, "UPDATE queue SET lease_until = now() + make_interval(secs => $2::float8)"
                       " WHERE worker = $1 AND state = 'running'",
                    2, p, err) < 0
               ? BX_ERR_IO
               : BX_OK;
}

bx_status bx_queue_finish(bx_queue *q, long long id, bx_queue_outcome outcome, bx_error *err)
{
    static const char *const states[] = {[BX_QUEUE_DONE] = "done", [BX_QUEUE_FAILED] = "failed",
                                         [BX_QUEUE_RELEASED] = "queued"};
    char key[24];
    snprintf(key, sizeof key, "%lld", id);
    const char *p[] = {key, q->worker, states[outcome]};
    /* a claim that expired and went to another worker is that worker's now */
    return affected(q, "UPDATE queue SET state = $3,"
                       " lease_until = NULL, finished = CASE WHEN $3 = 'queued' THEN NULL"
                       " ELSE now() END WHERE id = $1 AND worker = $2 AND state = 'running'",
                    3, p, err) < 0
               ? BX_ERR_IO
               : BX_OK;
}

bx_status bx_queue_get_counts(bx_queue *q, bx_queue_counts *out, bx_error *err)
{
    PGresult *r = bx_pg_exec(q->conn, q->target,
                             "SELECT count(*) FILTER (WHERE state = 'queued'),"
                             " count(*) FILTER (WHERE state = 'running'),"
                             " count(*) FILTER (WHERE state = 'running' AND lease_until < now()),"
                             " count(*) FILTER (WHERE state = 'done'),"
                             " count(*) FILTER (WHERE state = 'failed') FROM queue",
                             0, NULL, err);
    if (!r)
        return BX_ERR_IO;
    long long *fields[] = {&out->queued, &out->running, &out->expired, &out->done,
                           &out->failed};
    for (int i = 0; i < 5; i++)
        *fields[i] = atoll(PQgetvalue(r, 0, i));
    PQclear(r);
    return BX_OK;
}
