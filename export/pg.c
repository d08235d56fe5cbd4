/* The PostgreSQL dataset: the SQLite dataset's tables (dataset_schema.c)
 * in a schema of their own, budgetx, written through libpq.
 *
 * A document is one transaction: its rows go in by COPY (one round trip a
 * table, not one a row), and the unique document key (documents.sha256)
 * decides between workers that load the same content at once: the second
 * one's INSERT waits for the first to commit, then finds the key taken and
 * rolls back, so the document is written once. A document loaded again
 * later replaces the old one, as in SQLite. */
#include "pg.h"

#include "dataset_schema.h"
#include "export_common.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bx_pg_dataset {
    PGconn *conn;
    char *target;
};

/* Taken while the schema is created, so that workers starting together do
 * not race on CREATE TABLE (which is not safe under concurrency in
 * PostgreSQL: two can collide on the catalog's unique index). */
#define SCHEMA_LOCK 0x62756467 /* "budg" */

bx_status bx_pg_error(PGconn *conn, const char *target, const char *what, bx_error *err)
{
    const char *msg = conn ? PQerrorMessage(conn) : "out of memory";
    return bx_error_set(err, BX_ERR_IO, "%s: %s: %.*s", target, what, (int)strcspn(msg, "\n"),
                        msg);
}

PGresult *bx_pg_exec(PGconn *conn, const char *target, const char *sql, int n,
                     const char *const *params, bx_error *err)
{
    /* without parameters, a script of several statements (the schema) */
    PGresult *r = n ? PQexecParams(conn, sql, n, NULL, params, NULL, NULL, 0) : PQexec(conn, sql);
    ExecStatusType st = PQresultStatus(r);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
        return r;
    const char *msg = r ? PQresultErrorMessage(r) : PQerrorMessage(conn);
    bx_error_set(err, BX_ERR_IO, "%s: %.*s", target, (int)strcspn(msg, "\n"), msg);
    PQclear(r);
    return NULL;
}

static bx_status run(PGconn *conn, const char *target, const char *sql, bx_error *err)
{
    PGresult *r = bx_pg_exec(conn, target, sql, 0, NULL, err);
    PQclear(r);
    return r ? BX_OK : BX_ERR_IO;
}

/* NOTICEs ("relation already exists, skipping") are no news for a user. */
static void quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static bx_status ensure_schema(PGconn *conn, const char *target, bx_error *err)
{
    PGresult *r = bx_pg_exec(conn, target,
                             "SELECT to_regclass('budgetx.ambiguities') IS NOT NULL"
                             " AND to_regclass('budgetx.queue') IS NOT NULL",
                             0, NULL, err);
    if (!r)
        return BX_ERR_IO;
    bool present = strcmp(PQgetvalue(r, 0, 0), "t") == 0;
    PQclear(r);
    if (present)
        return BX_OK;
    char lock[96];
    snprintf(lock, sizeof lock, "BEGIN; SELECT pg_advisory_xact_lock(%d);", SCHEMA_LOCK);
    char *tables = bx_schema_create_all(BX_SQL_POSTGRES);
    bx_status s = run(conn, target, lock, err);
    if (s == BX_OK)
        s = run(conn, target, "CREATE SCHEMA IF NOT EXISTS budgetx", err);
    if (s == BX_OK)
        s = run(conn, target, tables, err);
    if (s == BX_OK)
        s = run(conn, target, "COMMIT", err);
    if (s != BX_OK)
        run(conn, target, "ROLLBACK", NULL);
    free(tables);
    return s;
}

bx_status bx_pg_connect(const char *target, PGconn **out, bx_error *err)
{
    *out = NULL;
    bx_status s = bx_postgres_check_target(target, err);
    if (s != BX_OK)
        return s;
    /* an unreachable host fails in seconds, not after the kernel's minutes;
     * the target's own connect_timeout (expanded after this) or
     * $PGCONNECT_TIMEOUT wins */
    const char *keys[] = {"connect_timeout", "fallback_application_name", "dbname", NULL};
    const char *values[] = {getenv("PGCONNECT_TIMEOUT") ? getenv("PGCONNECT_TIMEOUT") : "10",
                            "budgetx", target, NULL};
    PGconn *conn = PQconnectdbParams(keys, values, 1);
    if (!conn || PQstatus(conn) != CONNECTION_OK) {
        s = bx_pg_error(conn, target, "cannot connect", err);
        PQfinish(conn);
        return s;
    }
    PQsetNoticeProcessor(conn, quiet, NULL);
    if (PQsetClientEncoding(conn, "UTF8") != 0)
        s = bx_pg_error(conn, target, "cannot use UTF-8", err);
    if (s == BX_OK)
        s = run(conn, target, "SET search_path TO budgetx", err);
    if (s == BX_OK)
        s = ensure_schema(conn, target, err);
    if (s != BX_OK) {
        PQfinish(conn);
        return s;
    }
    *out = conn;
    return BX_OK;
}

bx_status bx_pg_open(const char *target, bx_pg_dataset **out, bx_error *err)
{
    PGconn *conn;
    *out = NULL;
    bx_status s = bx_pg_connect(target, &conn, err);
    if (s != BX_OK)
        return s;
    bx_pg_dataset *ds = bx_xcalloc(1, sizeof *ds);
    ds->conn = conn;
    ds->target = bx_xstrdup(target);
    *out = ds;
    return BX_OK;
}

void bx_pg_close(bx_pg_dataset *ds)
{
    if (!ds)
        return;
    PQfinish(ds->conn);
    free(ds->target);
    free(ds);
}

/* --- COPY rows ------------------------------------------------------------ */

/* A row of COPY's text format: fields split by tabs, \N for NULL, and
 * backslash, tab and line breaks escaped. */
typedef struct {
    bx_buf *b;
    int fields;
} row;

static void sep(row *r)
{
    if (r->fields++)
        bx_buf_append(r->b, "\t", 1);
}

static void text(row *r, const char *s)
{
    sep(r);
    if (!s) {
        bx_buf_append(r->b, "\\N", 2);
        return;
    }
    for (const char *p = s; *p; p++) {
        const char *esc = *p == '\\' ? "\\\\" : *p == '\t' ? "\\t" : *p == '\n' ? "\\n"
                          : *p == '\r' ? "\\r" : NULL;
        if (esc)
            bx_buf_append(r->b, esc, 2);
        else
            bx_buf_append(r->b, p, 1);
    }
}

static void num(row *r, long long v)
{
    sep(r);
    bx_buf_printf(r->b, "%lld", v);
}

/* An integer, or NULL when !present. */
static void num_or_null(row *r, bool present, long long v)
{
    if (present)
        num(r, v);
    else
        text(r, NULL);
}

static void end(row *r)
{
    bx_buf_append(r->b, "\n", 1);
    r->fields = 0;
}

/* Sends the rows of table (columns in the schema's order, the id left to
 * its sequence when skip_id) by one COPY. */
static bx_status copy_rows(bx_pg_dataset *ds, const char *table, int skip_id, bx_buf *rows,
                           bx_error *err)
{
    if (rows->len == 0)
        return BX_OK;
    char *columns = bx_schema_column_list(bx_schema_table_named(table), skip_id);
    char *sql = g_strdup_printf("COPY %s (%s) FROM STDIN", table, columns);
    free(columns);
    PGresult *r = PQexec(ds->conn, sql);
    g_free(sql);
    bool ok = PQresultStatus(r) == PGRES_COPY_IN;
    PQclear(r);
    if (ok)
        ok = PQputCopyData(ds->conn, rows->data, (int)rows->len) == 1 &&
             PQputCopyEnd(ds->conn, NULL) == 1;
    /* a COPY ends with its result, then NULL: both read, whatever failed */
    bool done = false;
    while ((r = PQgetResult(ds->conn))) {
        done = done || PQresultStatus(r) == PGRES_COMMAND_OK;
        if (PQresultStatus(r) != PGRES_COMMAND_OK)
            ok = false;
        PQclear(r);
    }
    if (ok && done)
        return BX_OK;
    char what[64];
    snprintf(what, sizeof what, "cannot copy %s", table);
    return bx_pg_error(ds->conn, ds->target, what, err);
}

/* --- A document --------------------------------------------------------- */

static int row_page(const bx_table *t, const bx_record *r)
{
    return t->row_pages && r->row < t->n_rows ? t->row_pages[r->row]
           : t->n_pages                       ? t->pages[0]
                                              : 0;
}

static void table_row(row *r, long long id, long long document_id, const bx_table *t, size_t n)
{
    char *pages = bx_pages_text(t);
    num(r, id);
    num(r, document_id);
    num(r, (long long)n);
    text(r, bx_table_kind_name(t));
    text(r, t->title);
    text(r, t->unit);
    text(r, t->department);
    text(r, pages);
    num_or_null(r, t->n_pages > 0, t->n_pages ? t->pages[0] : 0);
    num(r, (long long)t->n_header);
    num(r, (long long)t->n_rows);
    num(r, (long long)t->n_cols);
    num(r, (long long)t->n_amounts);
    num(r, (long long)t->n_verified);
    if (t->n_amounts) {
        sep(r); /* %.17g reads back as the same double */
        bx_buf_printf(r->b, "%.17g", (double)t->n_verified / (double)t->n_amounts);
    } else {
        text(r, NULL);
    }
    end(r);
    free(pages);
}

static void grid_rows(row *r, long long table_id, int is_header, char **cells, size_t n_rows,
                      size_t n_cols)
{
    for (size_t i = 0; i < n_rows; i++)
        for (size_t c = 0; c < n_cols; c++) {
            num(r, table_id);
            num(r, is_header);
            num(r, (long long)i);
            num(r, (long long)c);
            text(r, cells[i * n_cols + c]);
            end(r);
        }
}

static void line_item_rows(row *r, long long table_id, const bx_table *t)
{
    for (size_t i = 0; i < t->n_records; i++) {
        const bx_record *rec = &t->records[i];
        int page = row_page(t, rec);
        for (size_t v = 0; v < rec->n_values; v++) {
            const bx_value *val = &rec->values[v];
            num(r, table_id);
            num(r, (long long)rec->row);
            num(r, rec->side);
            text(r, rec->code);
            text(r, bx_level_name(rec->level));
            text(r, rec->scheme);
            text(r, rec->name);
            num(r, rec->is_total);
            num(r, (long long)val->col);
            text(r, val->key);
            text(r, val->measure);
            text(r, val->text);
            num_or_null(r, val->has_amount, val->fen);
            text(r, t->unit);
            num_or_null(r, page > 0, page);
            end(r);
        }
    }
}

static void check_rows(row *r, long long document_id, const long long *table_ids,
                       const bx_report *report)
{
    for (size_t i = 0; i < report->n_checks; i++) {
        const bx_check *c = &report->checks[i];
        num(r, document_id);
        num_or_null(r, c->table >= 0, c->table >= 0 ? table_ids[c->table] : 0);
        num_or_null(r, c->other_table >= 0, c->other_table >= 0 ? table_ids[c->other_table] : 0);
        text(r, c->rule);
        num_or_null(r, c->row >= 0, c->row);
        num_or_null(r, c->page > 0, c->page);
        text(r, c->what);
        num(r, c->expected);
        num(r, c->actual);
        num(r, c->tolerance);
        text(r, bx_check_status_name(c->status));
        text(r, c->percent ? "percent_1e-4" : "fen");
        text(r, c->severity ? c->severity : "error");
        text(r, c->quote);
        text(r, c->expected_text);
        text(r, c->actual_text);
        end(r);
    }
}

/* The document's row; *id is 0 when another worker holds the key already. */
static bx_status put_document_row(bx_pg_dataset *ds, const bx_report *report,
                                  const char *sha256, const char *path, long long *id,
                                  bx_error *err)
{
    const bx_document *d = &report->document;
    char pages[16], year[16];
    snprintf(pages, sizeof pages, "%d", report->n_pages);
    snprintf(year, sizeof year, "%d", d->year);
    const char *p[] = {sha256,   report->source, path,    pages,   d->title,
                       d->department, d->year ? year : NULL, d->stage, d->level,
                       report->warning};
    const char *del[] = {sha256};
    PGresult *r = bx_pg_exec(ds->conn, ds->target, "DELETE FROM documents WHERE sha256 = $1", 1,
                             del, err);
    PQclear(r);
    if (r)
        PQclear(r = bx_pg_exec(ds->conn, ds->target, "DELETE FROM failures WHERE sha256 = $1",
                               1, del, err));
    if (r)
        r = bx_pg_exec(ds->conn, ds->target,
                       "INSERT INTO documents (sha256, file_name, path, pages, title, department,"
                       " year, stage, level, warning) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
                       " $10) ON CONFLICT (sha256) DO NOTHING RETURNING id",
                       10, p, err);
    if (!r)
        return BX_ERR_IO;
    *id = PQntuples(r) ? atoll(PQgetvalue(r, 0, 0)) : 0;
    PQclear(r);
    return BX_OK;
}

/* n fresh ids of the tables' sequence, for rows that refer to each other. */
static bx_status table_ids(bx_pg_dataset *ds, size_t n, long long *ids, bx_error *err)
{
    char count[24];
    snprintf(count, sizeof count, "%zu", n);
    const char *p[] = {count};
    PGresult *r = bx_pg_exec(ds->conn, ds->target,
                             "SELECT nextval(pg_get_serial_sequence('budgetx.tables', 'id'))"
                             " FROM generate_series(1, $1::int)",
                             1, p, err);
    if (!r)
        return BX_ERR_IO;
    for (size_t i = 0; i < n && i < (size_t)PQntuples(r); i++)
        ids[i] = atoll(PQgetvalue(r, (int)i, 0));
    PQclear(r);
    return BX_OK;
}

static bx_status put_rows(bx_pg_dataset *ds, long long document_id, const bx_report *report,
                          const long long *ids, bx_error *err)
{
    bx_buf bufs[5];
    for (int i = 0; i < 5; i++)
        bx_buf_init(&bufs[i]);
    row tables = {&bufs[0], 0}, cells = {&bufs[1], 0}, amb = {&bufs[2], 0},
        items = {&bufs[3], 0}, checks = {&bufs[4], 0};
    for (size_t i = 0; i < report->n_tables; i++) {
        const bx_table *t = report->tables[i];
        table_row(&tables, ids[i], document_id, t, i + 1);
        grid_rows(&cells, ids[i], 1, t->header, t->n_header, t->n_cols);
        grid_rows(&cells, ids[i], 0, t->rows, t->n_rows, t->n_cols);
        for (size_t k = 0; k < t->n_ambiguities; k++) {
            num(&amb, ids[i]);
            num(&amb, (long long)k + 1);
            text(&amb, t->ambiguities[k]);
            end(&amb);
        }
        line_item_rows(&items, ids[i], t);
    }
    check_rows(&checks, document_id, ids, report);
    bx_status s = copy_rows(ds, "tables", 0, &bufs[0], err);
    if (s == BX_OK)
        s = copy_rows(ds, "cells", 0, &bufs[1], err);
    if (s == BX_OK)
        s = copy_rows(ds, "ambiguities", 0, &bufs[2], err);
    if (s == BX_OK)
        s = copy_rows(ds, "line_items", 1, &bufs[3], err);
    if (s == BX_OK)
        s = copy_rows(ds, "checks", 1, &bufs[4], err);
    for (int i = 0; i < 5; i++)
        bx_buf_free(&bufs[i]);
    return s;
}

bx_status bx_pg_put_report(bx_pg_dataset *ds, const bx_report *report, const char *sha256,
                           const char *path, bx_error *err)
{
    bx_status s = run(ds->conn, ds->target, "BEGIN", err);
    if (s != BX_OK)
        return s;
    long long id = 0;
    s = put_document_row(ds, report, sha256, path, &id, err);
    if (s == BX_OK && id == 0) /* another worker has just written it: once is enough */
        return run(ds->conn, ds->target, "ROLLBACK", err);
    long long *ids = bx_xcalloc(report->n_tables + 1, sizeof *ids);
    if (s == BX_OK && report->n_tables)
        s = table_ids(ds, report->n_tables, ids, err);
    if (s == BX_OK)
        s = put_rows(ds, id, report, ids, err);
    free(ids);
    if (s == BX_OK)
        s = run(ds->conn, ds->target, "COMMIT", err);
    if (s != BX_OK)
        run(ds->conn, ds->target, "ROLLBACK", NULL);
    return s;
}

bx_status bx_pg_put_failure(bx_pg_dataset *ds, const bx_dataset_failure *f, bx_error *err)
{
    const char *p[] = {f->file_name, f->path, f->sha256, f->reason, f->detail};
    PGresult *r = bx_pg_exec(ds->conn, ds->target,
                             "INSERT INTO failures (file_name, path, sha256, reason, detail)"
                             " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256, file_name)"
                             " DO UPDATE SET path = EXCLUDED.path, reason = EXCLUDED.reason,"
                             " detail = EXCLUDED.detail",
                             5, p, err);
    PQclear(r);
    return r ? BX_OK : BX_ERR_IO;
}

bool bx_pg_has(bx_pg_dataset *ds, const char *table, const char *sha256)
{
    char sql[80];
    snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE sha256 = $1", table);
    const char *p[] = {sha256};
    PGresult *r = bx_pg_exec(ds->conn, ds->target, sql, 1, p, NULL);
    bool found = r && PQntuples(r) > 0;
    PQclear(r);
    return found;
}

bx_status bx_pg_get_totals(bx_pg_dataset *ds, bx_dataset_totals *out, bx_error *err)
{
    PGresult *r = bx_pg_exec(ds->conn, ds->target,
                             "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM tables),"
                             " (SELECT count(*) FROM cells), (SELECT count(*) FROM line_items),"
                             " (SELECT count(*) FROM checks WHERE status = 'fail'),"
                             " (SELECT count(*) FROM failures)",
                             0, NULL, err);
    if (!r)
        return BX_ERR_IO;
    long long *fields[] = {&out->documents, &out->tables,        &out->cells,
                           &out->line_items, &out->failed_checks, &out->failures};
    for (int i = 0; i < 6; i++)
        *fields[i] = atoll(PQgetvalue(r, 0, i));
    PQclear(r);
    return BX_OK;
}

/* --- Targets ---------------------------------------------------------------- */

bool bx_dataset_is_postgres(const char *target)
{
    if (strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0)
        return true;
    /* a libpq "key=value ..." string starts with a keyword and '=' */
    const char *p = target;
    while (*p == ' ')
        p++;
    const char *word = p;
    while ((*p >= 'a' && *p <= 'z') || *p == '_')
        p++;
    while (*p == ' ')
        p++;
    return p > word && *p == '=';
}

/* libpq reads a port only when it connects: "host:port" would fail as a
 * server out of reach, not as the typing error it is. A list for several
 * hosts is split by commas; an empty entry takes the default. */
static bool ports_valid(const char *ports)
{
    for (const char *p = ports; *p;) {
        size_t n = strcspn(p, ",");
        long v = 0;
        for (size_t i = 0; i < n; i++)
            v = p[i] >= '0' && p[i] <= '9' && v < 100000 ? v * 10 + (p[i] - '0') : 100000;
        if (n > 0 && (v < 1 || v > 65535))
            return false;
        p += n + (p[n] == ',');
    }
    return true;
}

bx_status bx_postgres_check_target(const char *target, bx_error *err)
{
    bx_status loaded = bx_pg_library(err);
    if (loaded != BX_OK)
        return loaded;
    char *msg = NULL;
    PQconninfoOption *opts = PQconninfoParse(target, &msg);
    if (!opts) {
        bx_status s = bx_error_set(err, BX_ERR_USAGE, "'%s': not a PostgreSQL connection string (%.*s)",
                                   target, msg ? (int)strcspn(msg, "\n") : 13,
                                   msg ? msg : "out of memory");
        PQfreemem(msg);
        return s;
    }
    bool password = false, port = true;
    for (PQconninfoOption *o = opts; o->keyword; o++) {
        password = password || (strcmp(o->keyword, "password") == 0 && o->val);
        port = port && (strcmp(o->keyword, "port") != 0 || !o->val || ports_valid(o->val));
    }
    PQconninfoFree(opts);
    if (!port)
        return bx_error_set(err, BX_ERR_USAGE, "'%s': the port is not a number from 1 to 65535",
                            target);
    if (password) /* in argv, it would show in ps and the shell's history */
        return bx_error_set(err, BX_ERR_USAGE, "a password in the connection string would show "
                                               "in ps and in shell history: give it in "
                                               "$PGPASSWORD or ~/.pgpass");
    return BX_OK;
}
