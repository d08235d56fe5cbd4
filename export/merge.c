/* budgetx merge: the documents of SQLite datasets made apart (batch
 * --shard K/N on N machines) put into one. Each shard's new documents go in
 * one transaction with their rows renumbered: every INSERT is generated
 * from the one schema description (dataset_schema.c), its id columns mapped
 * from the shard's ids to the merged dataset's through the documents'
 * SHA-256 and the tables' numbers. A document the dataset holds already is
 * left as it is, as batch skips it. */
#include "bx_export.h"

#include "dataset_schema.h"

#include <glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The shard's new documents and the ids they get, then their tables'. */
static const char maps[] =
    "CREATE TEMP TABLE doc_map AS SELECT id AS old_id, sha256, NULL AS new_id"
    " FROM shard.documents WHERE sha256 NOT IN (SELECT sha256 FROM main.documents);";
static const char table_map[] =
    "CREATE TEMP TABLE table_map AS SELECT t.id AS old_id, nt.id AS new_id"
    " FROM shard.tables t JOIN doc_map m ON m.old_id = t.document_id"
    " JOIN main.tables nt ON nt.document_id = m.new_id AND nt.n = t.n;";

/* What a column of the shard becomes in the merged dataset. */
static void put_source(bx_buf *b, const char *column)
{
    if (strcmp(column, "document_id") == 0)
        bx_buf_puts(b, "(SELECT new_id FROM doc_map WHERE old_id = x.document_id)");
    else if (strcmp(column, "table_id") == 0 || strcmp(column, "other_table_id") == 0)
        bx_buf_printf(b, "(SELECT new_id FROM table_map WHERE old_id = x.%s)", column);
    else
        bx_buf_printf(b, "x.%s", column);
}

/* verb INTO main.t (...) SELECT ... FROM shard.t x WHERE x belongs to a
 * new document; ids left to the dataset. */
static char *copy_sql(const bx_schema_table *t, const char *verb)
{
    bx_buf b;
    bx_buf_init(&b);
    char *columns = bx_schema_column_list(t, 1);
    bx_buf_printf(&b, "%s INTO main.%s (%s) SELECT ", verb, t->name, columns);
    free(columns);
    bool first = true, by_document = false, by_table = false;
    for (size_t i = 0; i < t->n_columns; i++) {
        const char *c = t->columns[i].name;
        if (t->columns[i].type == BX_TYPE_ID)
            continue;
        bx_buf_puts(&b, first ? "" : ", ");
        put_source(&b, c);
        first = false;
        by_document = by_document || strcmp(c, "document_id") == 0;
        by_table = by_table || strcmp(c, "table_id") == 0;
    }
    bx_buf_printf(&b, " FROM shard.%s x WHERE ", t->name);
    if (strcmp(t->name, "documents") == 0)
        bx_buf_puts(&b, "x.id IN (SELECT old_id FROM doc_map)");
    else if (by_document)
        bx_buf_puts(&b, "x.document_id IN (SELECT old_id FROM doc_map)");
    else if (by_table)
        bx_buf_puts(&b, "x.table_id IN (SELECT old_id FROM table_map)");
    else /* failures: of contents the dataset does not hold as a document */
        bx_buf_puts(&b, "x.sha256 IS NULL OR x.sha256 NOT IN (SELECT sha256 FROM main.documents)");
    bx_buf_puts(&b, ";");
    return bx_buf_take(&b);
}

/* The whole merge of the attached shard, in the schema's table order (a
 * table after those it refers to). */
static char *merge_sql(void)
{
    bx_buf b;
    bx_buf_init(&b);
    bx_buf_puts(&b, maps);
    size_t n;
    const bx_schema_table *tables = bx_schema_tables(&n);
    for (size_t i = 0; i < n; i++) {
        if (tables[i].postgres_only)
            continue;
        /* a failure replaces one of the same content, as batch records it */
        bool failures = strcmp(tables[i].name, "failures") == 0;
        char *sql = copy_sql(&tables[i], failures ? "INSERT OR REPLACE" : "INSERT");
        bx_buf_puts(&b, sql);
        free(sql);
        if (strcmp(tables[i].name, "documents") == 0) /* a loaded file is no failure */
            bx_buf_puts(&b, "UPDATE doc_map SET new_id = (SELECT id FROM main.documents d"
                            " WHERE d.sha256 = doc_map.sha256);"
                            "DELETE FROM main.failures WHERE sha256 IN"
                            " (SELECT sha256 FROM doc_map);");
        if (strcmp(tables[i].name, "tables") == 0)
            bx_buf_puts(&b, table_map);
    }
    bx_buf_puts(&b, "DROP TABLE doc_map; DROP TABLE table_map;");
    return bx_buf_take(&b);
}

static bx_status sql_error(sqlite3 *db, const char *path, bx_error *err)
{
    return bx_error_set(err, BX_ERR_IO, "%s: %s", path, sqlite3_errmsg(db));
}

static long long count(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long long n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* A shard is a dataset of this schema: an older one is upgraded by writing
 * to it once, a newer one is not ours to read. */
static bx_status check_shard(const char *shard, bx_error *err)
{
    sqlite3 *db = NULL;
    bx_status s = BX_OK;
    if (sqlite3_open_v2(shard, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        s = sql_error(db, shard, err);
    else if (count(db, "PRAGMA user_version") != 2 ||
             count(db, "SELECT count(*) FROM sqlite_master WHERE name = 'ambiguities'") != 1)
        s = bx_error_set(err, BX_ERR_NOT_PDF, "%s: not a budgetx dataset of schema 2 (an older "
                                              "one is upgraded by a batch -o into it)",
                         shard);
    sqlite3_close(db);
    return s;
}

static bx_status merge_attached(sqlite3 *db, const char *path, long long *added,
                                long long *held, bx_error *err)
{
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return sql_error(db, path, err);
    *held = count(db, "SELECT count(*) FROM shard.documents WHERE sha256 IN"
                      " (SELECT sha256 FROM main.documents)");
    *added = count(db, "SELECT count(*) FROM shard.documents") - *held;
    char *sql = merge_sql();
    bx_status s = sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK &&
                          sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK
                      ? BX_OK
                      : sql_error(db, path, err);
    free(sql);
    if (s != BX_OK)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return s;
}

bx_status bx_dataset_merge(const char *path, const char *shard, long long *added,
                           long long *held, bx_error *err)
{
    *added = *held = 0;
    if (bx_dataset_is_postgres(path) || bx_dataset_is_postgres(shard))
        return bx_error_set(err, BX_ERR_USAGE, "merge reads and writes SQLite datasets: a "
                                               "PostgreSQL dataset needs no merging");
    bx_status s = check_shard(shard, err);
    bx_dataset *ds = NULL;
    if (s == BX_OK) /* creates the dataset, or upgrades it, as a batch would */
        s = bx_dataset_open(path, &ds, err);
    bx_dataset_close(ds);
    if (s != BX_OK)
        return s;
    sqlite3 *db = NULL;
    sqlite3_stmt *attach = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "ATTACH ?1 AS shard", -1, &attach, NULL) != SQLITE_OK)
        s = sql_error(db, path, err);
    if (s == BX_OK) {
        sqlite3_busy_timeout(db, 600000);
        sqlite3_bind_text(attach, 1, shard, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(attach) != SQLITE_DONE)
            s = sql_error(db, shard, err);
    }
    sqlite3_finalize(attach);
    if (s == BX_OK)
        s = merge_attached(db, path, added, held, err);
    sqlite3_close(db);
    return s;
}
