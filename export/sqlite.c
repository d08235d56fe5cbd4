/* The SQLite dataset: many documents in one file, each written in one
 * transaction and keyed by the SHA-256 of its bytes, so that loading a
 * document again replaces it and an interrupted run leaves whole documents
 * only. The schema is documented in README.md; keep the two in step. */
#define _POSIX_C_SOURCE 200809L /* nanosleep */
#include "bx_export.h"
#include "dataset_schema.h"
#include "export_common.h"
#include "pg.h"

#include <glib.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A dataset is a SQLite file, or a PostgreSQL database (pg.c) when its
 * path is a connection string: then every call goes to pg. */
struct bx_dataset {
    sqlite3 *db;
    char *path;
    bx_pg_dataset *pg;
};

/* Bumped (PRAGMA user_version) whenever the schema changes. */
#define SCHEMA_VERSION 2

/* Columns schema 2 added to a schema-1 dataset, as "table.column". */
static const char *const added_in_2[] = {"documents.path",   "line_items.page",
                                         "checks.scale",     "checks.severity",
                                         "checks.quote",     "checks.expected_text",
                                         "checks.actual_text"};

/* A schema-1 dataset gains the columns; its failures, whose reason was
 * 'error' for every refused file, get the codes a message can tell. The
 * definitions come from the one schema (dataset_schema.c). */
static char *upgrade_from_1(void)
{
    bx_buf b;
    bx_buf_init(&b);
    for (size_t i = 0; i < sizeof added_in_2 / sizeof added_in_2[0]; i++) {
        char table[32];
        size_t dot = strcspn(added_in_2[i], ".");
        snprintf(table, sizeof table, "%.*s", (int)dot, added_in_2[i]);
        char *column = bx_schema_column_definition(table, added_in_2[i] + dot + 1,
                                                   BX_SQL_SQLITE);
        bx_buf_printf(&b, "ALTER TABLE %s ADD COLUMN %s;", table, column);
        free(column);
    }
    char *failures = bx_schema_create_table(bx_schema_table_named("failures"), BX_SQL_SQLITE);
    char *ambiguities =
        bx_schema_create_table(bx_schema_table_named("ambiguities"), BX_SQL_SQLITE);
    bx_buf_printf(&b, "ALTER TABLE failures RENAME TO failures_1;%s", failures);
    bx_buf_puts(&b,
                "INSERT INTO failures SELECT id, file_name, path, sha256,"
                " CASE WHEN reason IN ('signal', 'timeout', 'exit') THEN reason"
                " WHEN detail LIKE '%no such file%' THEN 'missing'"
                " WHEN detail LIKE '%encrypted%' THEN 'encrypted'"
                " WHEN detail LIKE '%damaged%' THEN 'damaged'"
                " WHEN detail LIKE '%no text layer%' THEN 'no_text'"
                " WHEN detail LIKE '%no tables%' THEN 'no_tables'"
                " WHEN detail LIKE '%not a PDF%' OR detail LIKE '%empty file%' THEN 'not_pdf'"
                " ELSE 'io' END, detail FROM failures_1;"
                "DROP TABLE failures_1;");
    bx_buf_puts(&b, ambiguities);
    free(failures);
    free(ambiguities);
    return bx_buf_take(&b);
}

/* Columns of tables added within schema 1, given to a dataset made before them. */
static const char *const verified_columns[] = {"amounts", "verified_amounts", "verified"};

static long long count(bx_dataset *ds, const char *sql);

static bx_status db_error(bx_dataset *ds, bx_error *err, const char *what)
{
    return bx_error_set(err, BX_ERR_IO, "%s: %s: %s", ds->path, what, sqlite3_errmsg(ds->db));
}

static bx_status exec(bx_dataset *ds, const char *sql, bx_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(ds->db, sql, NULL, NULL, &msg) == SQLITE_OK)
        return BX_OK;
    bx_status s = bx_error_set(err, BX_ERR_IO, "%s: %s", ds->path, msg ? msg : "error");
    sqlite3_free(msg);
    return s;
}

/* exec() of a malloc'd script, freed. */
static bx_status exec_owned(bx_dataset *ds, char *sql, bx_error *err)
{
    bx_status s = exec(ds, sql, err);
    free(sql);
    return s;
}

/* Adds the schema's `column` to table when a dataset made by an older
 * budgetx lacks it. */
static bx_status add_missing_column(bx_dataset *ds, const char *table, const char *column,
                                    bx_error *err)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT 1 FROM pragma_table_info('%s') WHERE name = '%s'", table,
             column);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(ds->db, sql, -1, &st, NULL) != SQLITE_OK)
        return db_error(ds, err, "cannot read the schema");
    int present = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    if (present)
        return BX_OK;
    char *definition = bx_schema_column_definition(table, column, BX_SQL_SQLITE);
    snprintf(sql, sizeof sql, "ALTER TABLE %s ADD COLUMN %s", table, definition);
    free(definition);
    return exec(ds, sql, err);
}

/* SQLite's busy timeout sleeps ever longer between tries (up to 100 ms),
 * so a batch worker waiting for another's commit of a few milliseconds
 * idled for tens of them, a core lost per wait (batch -j 2 measured 1.3x
 * -j 1). Retrying every millisecond costs a lock attempt per try; 600000
 * tries wait at least the ten minutes the timeout gave. */
static int wait_for_lock(void *unused, int tries)
{
    (void)unused;
    if (tries >= 600000)
        return 0;
    struct timespec ms = {0, 1000000};
    nanosleep(&ms, NULL);
    return 1;
}

/* How many of the table's columns the dataset's table has (0 when it has
 * not the table). */
static size_t columns_present(bx_dataset *ds, const bx_schema_table *t)
{
    sqlite3_stmt *st = NULL;
    size_t found = 0;
    if (sqlite3_prepare_v2(ds->db, "SELECT name FROM pragma_table_info(?1)", -1, &st, NULL) !=
        SQLITE_OK)
        return 0;
    sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        for (size_t i = 0; name && i < t->n_columns; i++)
            found += strcmp(t->columns[i].name, name) == 0;
    }
    sqlite3_finalize(st);
    return found;
}

/* Whether the index ("name ON table(column)") exists. */
static bool index_present(bx_dataset *ds, const char *index)
{
    sqlite3_stmt *st = NULL;
    bool has = false;
    if (sqlite3_prepare_v2(ds->db, "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_text(st, 1, index, (int)strcspn(index, " "), SQLITE_STATIC);
    has = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return has;
}

/* True when the dataset is of this schema with every table, column and
 * index of it: what bx_dataset_open's transaction would leave as it is. */
static bool schema_is_current(bx_dataset *ds)
{
    if (count(ds, "PRAGMA user_version") != SCHEMA_VERSION)
        return false;
    size_t n;
    const bx_schema_table *tables = bx_schema_tables(&n);
    for (size_t i = 0; i < n; i++) {
        const bx_schema_table *t = &tables[i];
        if (t->postgres_only)
            continue;
        if (columns_present(ds, t) != t->n_columns)
            return false;
        for (const char *const *ix = t->indexes; *ix; ix++)
            if (!index_present(ds, *ix))
                return false;
    }
    return true;
}

bx_status bx_dataset_open(const char *path, bx_dataset **out, bx_error *err)
{
    bx_dataset *ds = bx_xcalloc(1, sizeof *ds);
    ds->path = bx_xstrdup(path);
    *out = NULL;
    if (bx_dataset_is_postgres(path)) {
        bx_status s = bx_pg_open(path, &ds->pg, err);
        if (s != BX_OK)
            bx_dataset_close(ds);
        else
            *out = ds;
        return s;
    }
    if (sqlite3_open_v2(path, &ds->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        bx_status s = db_error(ds, err, "cannot open");
        bx_dataset_close(ds);
        return s;
    }
    /* several batch workers may write at once: wait for the lock rather than fail */
    sqlite3_busy_handler(ds->db, wait_for_lock, NULL);
    /* a dataset of this schema needs no write to open: without the
     * transaction below, batch workers do not queue for the lock twice a
     * document (and the second commit's fsyncs are saved) */
    if (schema_is_current(ds)) {
        bx_status s = exec(ds, "PRAGMA foreign_keys = ON", err);
        if (s != BX_OK) {
            bx_dataset_close(ds);
            return s;
        }
        *out = ds;
        return BX_OK;
    }
    char version[64];
    snprintf(version, sizeof version, "PRAGMA user_version = %d", SCHEMA_VERSION);
    /* replacing a document deletes its rows through ON DELETE CASCADE; the
     * pragma is ignored inside a transaction, so it comes first */
    bx_status s = exec(ds, "PRAGMA foreign_keys = ON", err);
    if (s == BX_OK)
        s = exec(ds, "BEGIN IMMEDIATE", err);
    long long found = s == BX_OK ? count(ds, "PRAGMA user_version") : 0;
    if (s == BX_OK && found > SCHEMA_VERSION)
        s = bx_error_set(err, BX_ERR_IO, "%s: written by a newer budgetx (schema %lld)", path,
                         found);
    if (s == BX_OK && found == 1)
        s = exec_owned(ds, upgrade_from_1(), err);
    if (s == BX_OK)
        s = exec_owned(ds, bx_schema_create_all(BX_SQL_SQLITE), err);
    for (size_t i = 0; s == BX_OK && i < sizeof verified_columns / sizeof verified_columns[0]; i++)
        s = add_missing_column(ds, "tables", verified_columns[i], err);
    if (s == BX_OK)
        s = exec(ds, version, err);
    if (s == BX_OK)
        s = exec(ds, "COMMIT", err);
    if (s != BX_OK) {
        exec(ds, "ROLLBACK", NULL);
        bx_dataset_close(ds);
        return s;
    }
    *out = ds;
    return BX_OK;
}

void bx_dataset_close(bx_dataset *ds)
{
    if (!ds)
        return;
    sqlite3_close(ds->db);
    bx_pg_close(ds->pg);
    free(ds->path);
    free(ds);
}

/* A prepared statement with its text parameters bound in order. */
static sqlite3_stmt *prepare(bx_dataset *ds, const char *sql)
{
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(ds->db, sql, -1, &st, NULL);
    return st;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

/* Steps a statement that returns no rows and resets it for the next use. */
static bool step_done(sqlite3_stmt *st)
{
    int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
    if (st)
        sqlite3_reset(st);
    return rc == SQLITE_DONE;
}

static bool exists(bx_dataset *ds, const char *sql, const char *a, const char *b)
{
    sqlite3_stmt *st = prepare(ds, sql);
    if (!st)
        return false;
    bind_text(st, 1, a);
    if (b)
        bind_text(st, 2, b);
    bool found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

bool bx_dataset_has_document(bx_dataset *ds, const char *sha256)
{
    if (ds->pg)
        return bx_pg_has(ds->pg, "documents", sha256);
    return exists(ds, "SELECT 1 FROM documents WHERE sha256 = ?", sha256, NULL);
}

bool bx_dataset_has_failure(bx_dataset *ds, const char *sha256)
{
    if (ds->pg)
        return bx_pg_has(ds->pg, "failures", sha256);
    return exists(ds, "SELECT 1 FROM failures WHERE sha256 = ?", sha256, NULL);
}

/* The document's metadata, read by the model; its row exists already. */
static bx_status put_document_metadata(bx_dataset *ds, sqlite3_int64 document_id,
                                       const bx_report *report, bx_error *err)
{
    const bx_document *d = &report->document;
    sqlite3_stmt *st = prepare(ds, "UPDATE documents SET title = ?, department = ?, year = ?,"
                                   " stage = ?, level = ? WHERE id = ?");
    if (!st)
        return db_error(ds, err, "cannot prepare");
    bind_text(st, 1, d->title);
    bind_text(st, 2, d->department);
    if (d->year)
        sqlite3_bind_int(st, 3, d->year);
    else
        sqlite3_bind_null(st, 3);
    bind_text(st, 4, d->stage);
    bind_text(st, 5, d->level);
    sqlite3_bind_int64(st, 6, document_id);
    bool ok = step_done(st);
    sqlite3_finalize(st);
    return ok ? BX_OK : db_error(ds, err, "cannot update a document");
}

/* One row per value of each record: the table as data. */
static bx_status put_line_items(bx_dataset *ds, sqlite3_int64 table_id, const bx_table *t,
                                bx_error *err)
{
    sqlite3_stmt *st = prepare(ds, "INSERT INTO line_items (table_id, row, side, code, level,"
                                   " scheme, name, is_total, col, column_key, measure, text,"
                                   " amount_fen, unit, page)"
                                   " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!st)
        return db_error(ds, err, "cannot prepare");
    bool ok = true;
    for (size_t i = 0; i < t->n_records && ok; i++) {
        const bx_record *r = &t->records[i];
        for (size_t v = 0; v < r->n_values && ok; v++) {
            const bx_value *val = &r->values[v];
            sqlite3_bind_int64(st, 1, table_id);
            sqlite3_bind_int64(st, 2, (sqlite3_int64)r->row);
            sqlite3_bind_int(st, 3, r->side);
            bind_text(st, 4, r->code);
            bind_text(st, 5, bx_level_name(r->level));
            bind_text(st, 6, r->scheme);
            bind_text(st, 7, r->name);
            sqlite3_bind_int(st, 8, r->is_total);
            sqlite3_bind_int64(st, 9, (sqlite3_int64)val->col);
            bind_text(st, 10, val->key);
            bind_text(st, 11, val->measure);
            bind_text(st, 12, val->text);
            if (val->has_amount)
                sqlite3_bind_int64(st, 13, val->fen);
            else
                sqlite3_bind_null(st, 13);
            bind_text(st, 14, t->unit);
            int page = t->row_pages && r->row < t->n_rows ? t->row_pages[r->row]
                       : t->n_pages                       ? t->pages[0]
                                                          : 0;
            if (page > 0)
                sqlite3_bind_int(st, 15, page);
            else
                sqlite3_bind_null(st, 15);
            ok = step_done(st);
        }
    }
    sqlite3_finalize(st);
    return ok ? BX_OK : db_error(ds, err, "cannot insert line items");
}

static void bind_table_id(sqlite3_stmt *st, int i, const sqlite3_int64 *table_ids, int table)
{
    if (table >= 0)
        sqlite3_bind_int64(st, i, table_ids[table]);
    else
        sqlite3_bind_null(st, i);
}

/* Every check the model ran, passed or not: a dataset can then count how
 * often a rule holds across reports. */
static bx_status put_checks(bx_dataset *ds, sqlite3_int64 document_id,
                            const sqlite3_int64 *table_ids, const bx_report *report, bx_error *err)
{
    sqlite3_stmt *st = prepare(ds, "INSERT INTO checks (document_id, table_id, other_table_id,"
                                   " rule, row, page, what, expected_fen, actual_fen,"
                                   " tolerance_fen, status, scale, severity, quote,"
                                   " expected_text, actual_text)"
                                   " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!st)
        return db_error(ds, err, "cannot prepare");
    bool ok = true;
    for (size_t i = 0; i < report->n_checks && ok; i++) {
        const bx_check *c = &report->checks[i];
        sqlite3_bind_int64(st, 1, document_id);
        bind_table_id(st, 2, table_ids, c->table);
        bind_table_id(st, 3, table_ids, c->other_table);
        bind_text(st, 4, c->rule);
        if (c->row >= 0)
            sqlite3_bind_int(st, 5, c->row);
        else
            sqlite3_bind_null(st, 5);
        if (c->page > 0)
            sqlite3_bind_int(st, 6, c->page);
        else
            sqlite3_bind_null(st, 6);
        bind_text(st, 7, c->what);
        sqlite3_bind_int64(st, 8, c->expected);
        sqlite3_bind_int64(st, 9, c->actual);
        sqlite3_bind_int64(st, 10, c->tolerance);
        bind_text(st, 11, bx_check_status_name(c->status));
        bind_text(st, 12, c->percent ? "percent_1e-4" : "fen");
        bind_text(st, 13, c->severity ? c->severity : "error");
        bind_text(st, 14, c->quote);
        bind_text(st, 15, c->expected_text);
        bind_text(st, 16, c->actual_text);
        ok = step_done(st);
    }
    sqlite3_finalize(st);
    return ok ? BX_OK : db_error(ds, err, "cannot insert checks");
}

/* The text-dump reader's notes on cells whose column the dump leaves open. */
static bx_status put_ambiguities(bx_dataset *ds, sqlite3_int64 table_id, const bx_table *t,
                                 bx_error *err)
{
    if (t->n_ambiguities == 0)
        return BX_OK;
    sqlite3_stmt *st = prepare(ds, "INSERT INTO ambiguities (table_id, n, note) VALUES (?,?,?)");
    bool ok = st != NULL;
    for (size_t i = 0; i < t->n_ambiguities && ok; i++) {
        sqlite3_bind_int64(st, 1, table_id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i + 1);
        bind_text(st, 3, t->ambiguities[i]);
        ok = step_done(st);
    }
    sqlite3_finalize(st);
    return ok ? BX_OK : db_error(ds, err, "cannot insert ambiguities");
}

static bool put_grid(sqlite3_stmt *st, sqlite3_int64 table_id, int is_header, char **cells,
                     size_t n_rows, size_t n_cols)
{
    for (size_t r = 0; r < n_rows; r++)
        for (size_t c = 0; c < n_cols; c++) {
            sqlite3_bind_int64(st, 1, table_id);
            sqlite3_bind_int(st, 2, is_header);
            sqlite3_bind_int64(st, 3, (sqlite3_int64)r);
            sqlite3_bind_int64(st, 4, (sqlite3_int64)c);
            bind_text(st, 5, cells[r * n_cols + c]);
            if (!step_done(st))
                return false;
        }
    return true;
}

static bx_status put_table(bx_dataset *ds, sqlite3_stmt *ins_table, sqlite3_stmt *ins_cell,
                           sqlite3_int64 document_id, const bx_table *t, size_t n,
                           sqlite3_int64 *table_id_out, bx_error *err)
{
    char *pages = bx_pages_text(t);
    sqlite3_bind_int64(ins_table, 1, document_id);
    sqlite3_bind_int64(ins_table, 2, (sqlite3_int64)n);
    bind_text(ins_table, 3, bx_table_kind_name(t));
    bind_text(ins_table, 4, t->title);
    bind_text(ins_table, 5, t->unit);
    bind_text(ins_table, 6, t->department);
    bind_text(ins_table, 7, pages);
    if (t->n_pages)
        sqlite3_bind_int(ins_table, 8, t->pages[0]);
    else
        sqlite3_bind_null(ins_table, 8);
    sqlite3_bind_int64(ins_table, 9, (sqlite3_int64)t->n_header);
    sqlite3_bind_int64(ins_table, 10, (sqlite3_int64)t->n_rows);
    sqlite3_bind_int64(ins_table, 11, (sqlite3_int64)t->n_cols);
    sqlite3_bind_int64(ins_table, 12, (sqlite3_int64)t->n_amounts);
    sqlite3_bind_int64(ins_table, 13, (sqlite3_int64)t->n_verified);
    if (t->n_amounts)
        sqlite3_bind_double(ins_table, 14, (double)t->n_verified / (double)t->n_amounts);
    else
        sqlite3_bind_null(ins_table, 14);
    bool ok = step_done(ins_table);
    free(pages);
    if (!ok)
        return db_error(ds, err, "cannot insert a table");
    sqlite3_int64 table_id = *table_id_out = sqlite3_last_insert_rowid(ds->db);
    if (!put_grid(ins_cell, table_id, 1, t->header, t->n_header, t->n_cols) ||
        !put_grid(ins_cell, table_id, 0, t->rows, t->n_rows, t->n_cols))
        return db_error(ds, err, "cannot insert cells");
    bx_status s = put_ambiguities(ds, table_id, t, err);
    return s == BX_OK ? put_line_items(ds, table_id, t, err) : s;
}

/* Writes the tables and sets table_ids[i] to the row id of report->tables[i]. */
static bx_status put_tables(bx_dataset *ds, sqlite3_int64 document_id, const bx_report *report,
                            sqlite3_int64 *table_ids, bx_error *err)
{
    sqlite3_stmt *ins_table = prepare(
        ds, "INSERT INTO tables (document_id, n, kind, title, unit, department, pages,"
            " first_page, n_header, n_rows, n_cols, amounts, verified_amounts, verified)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    sqlite3_stmt *ins_cell =
        prepare(ds, "INSERT INTO cells (table_id, is_header, row, col, text) VALUES (?,?,?,?,?)");
    bx_status s = ins_table && ins_cell ? BX_OK : db_error(ds, err, "cannot prepare");
    for (size_t i = 0; i < report->n_tables && s == BX_OK; i++)
        s = put_table(ds, ins_table, ins_cell, document_id, report->tables[i], i + 1,
                      &table_ids[i], err);
    sqlite3_finalize(ins_table);
    sqlite3_finalize(ins_cell);
    return s;
}

static bx_status put_document(bx_dataset *ds, const bx_report *report, const char *sha256,
                              const char *path, bx_error *err)
{
    sqlite3_stmt *del = prepare(ds, "DELETE FROM documents WHERE sha256 = ?");
    sqlite3_stmt *del_failure = prepare(ds, "DELETE FROM failures WHERE sha256 = ?");
    sqlite3_stmt *ins = prepare(ds, "INSERT INTO documents (sha256, file_name, pages, warning,"
                                    " path) VALUES (?,?,?,?,?)");
    bx_status s = BX_OK;
    if (del && del_failure && ins) {
        bind_text(del, 1, sha256);
        bind_text(del_failure, 1, sha256);
        bind_text(ins, 1, sha256);
        bind_text(ins, 2, report->source);
        sqlite3_bind_int(ins, 3, report->n_pages);
        bind_text(ins, 4, report->warning);
        bind_text(ins, 5, path);
    }
    if (!step_done(del) || !step_done(del_failure) || !step_done(ins))
        s = db_error(ds, err, "cannot insert the document");
    sqlite3_int64 id = sqlite3_last_insert_rowid(ds->db);
    sqlite3_finalize(del);
    sqlite3_finalize(del_failure);
    sqlite3_finalize(ins);
    if (s == BX_OK)
        s = put_document_metadata(ds, id, report, err);
    sqlite3_int64 *table_ids = bx_xcalloc(report->n_tables, sizeof *table_ids);
    if (s == BX_OK)
        s = put_tables(ds, id, report, table_ids, err);
    if (s == BX_OK)
        s = put_checks(ds, id, table_ids, report, err);
    free(table_ids);
    return s;
}

bx_status bx_dataset_put_report(bx_dataset *ds, const bx_report *report, const char *sha256,
                                bx_error *err)
{
    return bx_dataset_put_report_path(ds, report, sha256, NULL, err);
}

bx_status bx_dataset_put_report_path(bx_dataset *ds, const bx_report *report,
                                     const char *sha256, const char *path, bx_error *err)
{
    if (ds->pg)
        return bx_pg_put_report(ds->pg, report, sha256, path, err);
    bx_status s = exec(ds, "BEGIN IMMEDIATE", err);
    if (s != BX_OK)
        return s;
    s = put_document(ds, report, sha256, path, err);
    if (s == BX_OK)
        s = exec(ds, "COMMIT", err);
    if (s != BX_OK)
        exec(ds, "ROLLBACK", NULL);
    return s;
}

bx_status bx_dataset_put_failure(bx_dataset *ds, const bx_dataset_failure *f, bx_error *err)
{
    if (ds->pg)
        return bx_pg_put_failure(ds->pg, f, err);
    sqlite3_stmt *st = prepare(ds, "INSERT OR REPLACE INTO failures"
                                   " (file_name, path, sha256, reason, detail) VALUES (?,?,?,?,?)");
    if (st) {
        bind_text(st, 1, f->file_name);
        bind_text(st, 2, f->path);
        bind_text(st, 3, f->sha256);
        bind_text(st, 4, f->reason);
        bind_text(st, 5, f->detail);
    }
    bool ok = step_done(st);
    sqlite3_finalize(st);
    return ok ? BX_OK : db_error(ds, err, "cannot record a failure");
}

static long long count(bx_dataset *ds, const char *sql)
{
    sqlite3_stmt *st = prepare(ds, sql);
    long long n = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

bx_status bx_dataset_get_totals(bx_dataset *ds, bx_dataset_totals *out, bx_error *err)
{
    if (ds->pg)
        return bx_pg_get_totals(ds->pg, out, err);
    out->documents = count(ds, "SELECT count(*) FROM documents");
    out->tables = count(ds, "SELECT count(*) FROM tables");
    out->cells = count(ds, "SELECT count(*) FROM cells");
    out->line_items = count(ds, "SELECT count(*) FROM line_items");
    out->failed_checks = count(ds, "SELECT count(*) FROM checks WHERE status = 'fail'");
    out->failures = count(ds, "SELECT count(*) FROM failures");
    if (out->documents < 0 || out->failures < 0)
        return db_error(ds, err, "cannot count");
    return BX_OK;
}

bx_status bx_file_sha256(const char *path, char out[65], bx_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return bx_error_set(err, BX_ERR_MISSING, "%s: cannot open", path);
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    unsigned char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        g_checksum_update(sum, buf, (gssize)n);
    bool failed = ferror(f);
    fclose(f);
    snprintf(out, 65, "%s", g_checksum_get_string(sum));
    g_checksum_free(sum);
    return failed ? bx_error_set(err, BX_ERR_IO, "%s: cannot read", path) : BX_OK;
}

bx_status bx_write_sqlite(const bx_report *report, const char *path,
                          const bx_write_options *options, bx_error *err)
{
    char sha[65];
    if (strcmp(path, "-") == 0 || !options->input_path)
        return bx_error_set(err, BX_ERR_USAGE, "sqlite needs -o FILE and the input file");
    bx_status s = BX_OK;
    if (options->input_sha256)
        snprintf(sha, sizeof sha, "%s", options->input_sha256);
    else
        s = bx_file_sha256(options->input_path, sha, err);
    bx_dataset *ds = NULL;
    if (s == BX_OK)
        s = bx_dataset_open(path, &ds, err);
    if (s == BX_OK)
        s = bx_dataset_put_report_path(ds, report, sha, options->input_path, err);
    bx_dataset_close(ds);
    return s;
}
