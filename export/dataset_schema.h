/* The dataset's schema, described once and spoken in two dialects: the
 * SQLite dataset (sqlite.c) and the PostgreSQL one (pg.c) make their tables
 * from this description, so the two cannot drift apart. Private to export/. */
#ifndef BX_DATASET_SCHEMA_H
#define BX_DATASET_SCHEMA_H

#include <stddef.h>

typedef enum { BX_SQL_SQLITE, BX_SQL_POSTGRES } bx_sql_dialect;

/* A column's type, named per dialect: SQLite's INTEGER holds 64 bits, so
 * it becomes BIGINT in PostgreSQL (amounts in fen pass 2^31). */
typedef enum { BX_TYPE_ID, BX_TYPE_INT, BX_TYPE_TEXT, BX_TYPE_REAL, BX_TYPE_TIME } bx_sql_type;

typedef struct {
    const char *name;
    bx_sql_type type;
    const char *constraints; /* after the type ("NOT NULL UNIQUE"), or NULL */
} bx_schema_column;

typedef struct {
    const char *name;
    const bx_schema_column *columns;
    size_t n_columns;
    const char *table_constraints; /* "UNIQUE (document_id, n)", or NULL */
    int without_rowid;             /* SQLite only: a table keyed by its primary key */
    const char *const *indexes;    /* "name ON table(column)", NULL-terminated */
    int postgres_only;             /* the work queue: no part of a SQLite dataset */
    const char *const *postgres_indexes; /* more indexes in PostgreSQL only, or NULL */
} bx_schema_table;

/* The dataset's tables in the order they are created (a later one refers
 * to earlier ones); *n is set to their number. */
const bx_schema_table *bx_schema_tables(size_t *n);

/* The table of that name, or NULL. */
const bx_schema_table *bx_schema_table_named(const char *name);

/* "CREATE TABLE IF NOT EXISTS name (...);" and its indexes in the dialect
 * (malloc'd). */
char *bx_schema_create_table(const bx_schema_table *t, bx_sql_dialect d);

/* Every table's statements of the dialect, in order (malloc'd). */
char *bx_schema_create_all(bx_sql_dialect d);

/* One column's definition, "name TYPE constraints", for ALTER TABLE ... ADD
 * COLUMN (malloc'd; NULL when the table has no such column). */
char *bx_schema_column_definition(const char *table, const char *column, bx_sql_dialect d);

/* The table's column names joined by ", ", the id column left out when
 * skip_id (it takes its default): a COPY's column list (malloc'd). */
char *bx_schema_column_list(const bx_schema_table *t, int skip_id);

#endif
