/* The SQLite dataset: many documents in one file, each written in one
 * transaction and keyed by the SHA-256 of its bytes, so that loading a
 * document again replaces it and an interrupted run leaves whole documents
 * only. The schema is documented in README.md; keep the two in step. */
#include "bx_export.h"
#include "export_common.h"

#include <glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bx_dataset {
    sqlite3 *db;
    char *path;
};

/* Bumped (PRAGMA user_version) whenever the schema changes. */
#define SCHEMA_VERSION 1

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS documents ("
    " id INTEGER PRIMARY KEY,"
    " sha256 TEXT NOT NULL UNIQUE,"
    " file_name TEXT NOT NULL,"
    " pages INTEGER NOT NULL,"
    " title TEXT, department TEXT, year INTEGER,"
    " stage TEXT," /* 'budget' (预算) or 'final' (决算) */
    " level TEXT," /* 'department' (部门) or 'unit' (单位) */
    " warning TEXT);"
    "CREATE TABLE IF NOT EXISTS tables ("
    " id INTEGER PRIMARY KEY,"
    " document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    " n INTEGER NOT NULL,"
    " kind TEXT NOT NULL, title TEXT NOT NULL, unit TEXT, department TEXT,"
    " pages TEXT NOT NULL, first_page INTEGER,"
    " n_header INTEGER NOT NULL, n_rows INTEGER NOT NULL, n_cols INTEGER NOT NULL,"
    " UNIQUE (document_id, n));"
    "CREATE INDEX IF NOT EXISTS tables_document ON tables(document_id);"
    "CREATE TABLE IF NOT EXISTS cells ("
    " table_id INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,"
    " is_header INTEGER NOT NULL, row INTEGER NOT NULL, col INTEGER NOT NULL,"
    " text TEXT NOT NULL,"
    " PRIMARY KEY (table_id, is_header, row, col)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS line_items ("
    " id INTEGER PRIMARY KEY,"
    " table_id INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,"
    " row INTEGER NOT NULL, side INTEGER NOT NULL DEFAULT 0,"
    " code TEXT, level TEXT, scheme TEXT, name TEXT, is_total INTEGER NOT NULL DEFAULT 0,"
    " col INTEGER NOT NULL, column_key TEXT, measure TEXT, text TEXT NOT NULL,"
    " amount_fen INTEGER, unit TEXT);"
    "CREATE INDEX IF NOT EXISTS line_items_table ON line_items(table_id);"
    "CREATE INDEX IF NOT EXISTS line_items_code ON line_items(code);"
    "CREATE TABLE IF NOT EXISTS checks ("
    " id INTEGER PRIMARY KEY,"
    " document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    " table_id INTEGER REFERENCES tables(id) ON DELETE CASCADE,"
    " other_table_id INTEGER REFERENCES tables(id) ON DELETE CASCADE,"
    " rule TEXT NOT NULL, row INTEGER, page INTEGER, what TEXT,"
    " expected_fen INTEGER, actual_fen INTEGER, tolerance_fen INTEGER,"
    " status TEXT NOT NULL CHECK (status IN ('pass', 'rounding', 'fail')));"
    "CREATE INDEX IF NOT EXISTS checks_document ON checks(document_id);"
    "CREATE TABLE IF NOT EXISTS failures ("
    " id INTEGER PRIMARY KEY,"
    " file_name TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT,"
    " reason TEXT NOT NULL CHECK (reason IN ('error', 'exit', 'signal', 'timeout')),"
    " detail TEXT NOT NULL,"
    " UNIQUE (sha256, file_name));";

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

bx_status bx_dataset_open(const char *path, bx_dataset **out, bx_error *err)
{
    bx_dataset *ds = bx_xcalloc(1, sizeof *ds);
    ds->path = bx_xstrdup(path);
    *out = NULL;
    if (sqlite3_open_v2(path, &ds->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        bx_status s = db_error(ds, err, "cannot open");
        bx_dataset_close(ds);
        return s;
    }
    /* several batch workers may write at once: wait for the lock rather than fail */
    sqlite3_busy_timeout(ds->db, 600000);
    char version[64];
    snprintf(version, sizeof version, "PRAGMA user_version = %d", SCHEMA_VERSION);
    /* replacing a document deletes its rows through ON DELETE CASCADE; the
     * pragma is ignored inside a transaction, so it comes first */
    bx_status s = exec(ds, "PRAGMA foreign_keys = ON", err);
    if (s == BX_OK)
        s = exec(ds, "BEGIN IMMEDIATE", err);
    if (s == BX_OK)
        s = exec(ds, schema, err);
    if (s == BX_OK)
        s = exec(ds, version, err);
    if (s == BX_OK)
        s = exec(ds, "COMMIT", err);
    if (s != BX_OK) {
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
    return exists(ds, "SELECT 1 FROM documents WHERE sha256 = ?", sha256, NULL);
}

bool bx_dataset_has_failure(bx_dataset *ds, const char *sha256)
{
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
                                   " amount_fen, unit) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
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
                                   " tolerance_fen, status) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
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
        ok = step_done(st);
    }
    sqlite3_finalize(st);
    return ok ? BX_OK : db_error(ds, err, "cannot insert checks");
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
    bool ok = step_done(ins_table);
    free(pages);
    if (!ok)
        return db_error(ds, err, "cannot insert a table");
    sqlite3_int64 table_id = *table_id_out = sqlite3_last_insert_rowid(ds->db);
    if (!put_grid(ins_cell, table_id, 1, t->header, t->n_header, t->n_cols) ||
        !put_grid(ins_cell, table_id, 0, t->rows, t->n_rows, t->n_cols))
        return db_error(ds, err, "cannot insert cells");
    return put_line_items(ds, table_id, t, err);
}

/* Writes the tables and sets table_ids[i] to the row id of report->tables[i]. */
static bx_status put_tables(bx_dataset *ds, sqlite3_int64 document_id, const bx_report *report,
                            sqlite3_int64 *table_ids, bx_error *err)
{
    sqlite3_stmt *ins_table = prepare(
        ds, "INSERT INTO tables (document_id, n, kind, title, unit, department, pages,"
            " first_page, n_header, n_rows, n_cols) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
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
                              bx_error *err)
{
    sqlite3_stmt *del = prepare(ds, "DELETE FROM documents WHERE sha256 = ?");
    sqlite3_stmt *del_failure = prepare(ds, "DELETE FROM failures WHERE sha256 = ?");
    sqlite3_stmt *ins = prepare(ds, "INSERT INTO documents (sha256, file_name, pages, warning)"
                                    " VALUES (?,?,?,?)");
    bx_status s = BX_OK;
    if (del && del_failure && ins) {
        bind_text(del, 1, sha256);
        bind_text(del_failure, 1, sha256);
        bind_text(ins, 1, sha256);
        bind_text(ins, 2, report->source);
        sqlite3_bind_int(ins, 3, report->n_pages);
        bind_text(ins, 4, report->warning);
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
    bx_status s = exec(ds, "BEGIN IMMEDIATE", err);
    if (s != BX_OK)
        return s;
    s = put_document(ds, report, sha256, err);
    if (s == BX_OK)
        s = exec(ds, "COMMIT", err);
    if (s != BX_OK)
        exec(ds, "ROLLBACK", NULL);
    return s;
}

bx_status bx_dataset_put_failure(bx_dataset *ds, const bx_dataset_failure *f, bx_error *err)
{
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
        s = bx_dataset_put_report(ds, report, sha, err);
    bx_dataset_close(ds);
    return s;
}
