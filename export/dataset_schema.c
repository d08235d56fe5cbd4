/* The one description of the dataset's tables (README.md documents them;
 * keep the two in step). sqlite.c and pg.c generate their CREATE statements
 * from it; the SQLite text it makes is the text earlier budgetx wrote, so a
 * dataset's stored schema (sqlite3 .dump) does not change. */
#include "dataset_schema.h"

#include "bx_common.h"

#include <stdbool.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define CASCADE(t) "REFERENCES " t "(id) ON DELETE CASCADE"

static const bx_schema_column documents[] = {
    {"id", BX_TYPE_ID, NULL},
    {"sha256", BX_TYPE_TEXT, "NOT NULL UNIQUE"}, /* the document key */
    {"file_name", BX_TYPE_TEXT, "NOT NULL"},
    {"path", BX_TYPE_TEXT, NULL}, /* as given on the command line (folders sort reports) */
    {"pages", BX_TYPE_INT, "NOT NULL"},
    {"title", BX_TYPE_TEXT, NULL},
    {"department", BX_TYPE_TEXT, NULL},
    {"year", BX_TYPE_INT, NULL},
    {"stage", BX_TYPE_TEXT, NULL}, /* 'budget' (预算) or 'final' (决算) */
    {"level", BX_TYPE_TEXT, NULL}, /* 'department' (部门) or 'unit' (单位) */
    {"warning", BX_TYPE_TEXT, NULL},
};

static const bx_schema_column tables[] = {
    {"id", BX_TYPE_ID, NULL},
    {"document_id", BX_TYPE_INT, "NOT NULL " CASCADE("documents")},
    {"n", BX_TYPE_INT, "NOT NULL"},
    {"kind", BX_TYPE_TEXT, "NOT NULL"},
    {"title", BX_TYPE_TEXT, "NOT NULL"},
    {"unit", BX_TYPE_TEXT, NULL},
    {"department", BX_TYPE_TEXT, NULL},
    {"pages", BX_TYPE_TEXT, "NOT NULL"},
    {"first_page", BX_TYPE_INT, NULL},
    {"n_header", BX_TYPE_INT, "NOT NULL"},
    {"n_rows", BX_TYPE_INT, "NOT NULL"},
    {"n_cols", BX_TYPE_INT, "NOT NULL"},
    {"amounts", BX_TYPE_INT, NULL},
    {"verified_amounts", BX_TYPE_INT, NULL},
    {"verified", BX_TYPE_REAL, NULL}, /* share of the amounts a passing check compared, NULL: none */
};

static const bx_schema_column cells[] = {
    {"table_id", BX_TYPE_INT, "NOT NULL " CASCADE("tables")},
    {"is_header", BX_TYPE_INT, "NOT NULL"},
    {"row", BX_TYPE_INT, "NOT NULL"},
    {"col", BX_TYPE_INT, "NOT NULL"},
    {"text", BX_TYPE_TEXT, "NOT NULL"},
};

static const bx_schema_column line_items[] = {
    {"id", BX_TYPE_ID, NULL},
    {"table_id", BX_TYPE_INT, "NOT NULL " CASCADE("tables")},
    {"row", BX_TYPE_INT, "NOT NULL"},
    {"side", BX_TYPE_INT, "NOT NULL DEFAULT 0"},
    {"code", BX_TYPE_TEXT, NULL},
    {"level", BX_TYPE_TEXT, NULL},
    {"scheme", BX_TYPE_TEXT, NULL},
    {"name", BX_TYPE_TEXT, NULL},
    {"is_total", BX_TYPE_INT, "NOT NULL DEFAULT 0"},
    {"col", BX_TYPE_INT, "NOT NULL"},
    {"column_key", BX_TYPE_TEXT, NULL},
    {"measure", BX_TYPE_TEXT, NULL},
    {"text", BX_TYPE_TEXT, "NOT NULL"},
    {"amount_fen", BX_TYPE_INT, NULL},
    {"unit", BX_TYPE_TEXT, NULL},
    {"page", BX_TYPE_INT, NULL},
};

/* scale: 'fen' (amounts) or 'percent_1e-4' (claim_share and claim_change
 * compare percentages in 1/10000 %), as in the JSON. */
static const bx_schema_column checks[] = {
    {"id", BX_TYPE_ID, NULL},
    {"document_id", BX_TYPE_INT, "NOT NULL " CASCADE("documents")},
    {"table_id", BX_TYPE_INT, CASCADE("tables")},
    {"other_table_id", BX_TYPE_INT, CASCADE("tables")},
    {"rule", BX_TYPE_TEXT, "NOT NULL"},
    {"row", BX_TYPE_INT, NULL},
    {"page", BX_TYPE_INT, NULL},
    {"what", BX_TYPE_TEXT, NULL},
    {"expected_fen", BX_TYPE_INT, NULL},
    {"actual_fen", BX_TYPE_INT, NULL},
    {"tolerance_fen", BX_TYPE_INT, NULL},
    {"status", BX_TYPE_TEXT, "NOT NULL CHECK (status IN ('pass', 'rounding', 'fail'))"},
    {"scale", BX_TYPE_TEXT, "NOT NULL DEFAULT 'fen'"},
    {"severity", BX_TYPE_TEXT, "NOT NULL DEFAULT 'error'"},
    {"quote", BX_TYPE_TEXT, NULL},
    {"expected_text", BX_TYPE_TEXT, NULL},
    {"actual_text", BX_TYPE_TEXT, NULL},
};

/* reason: one code per category (README.md), the same as cli/cmd_batch.c's */
static const bx_schema_column failures[] = {
    {"id", BX_TYPE_ID, NULL},
    {"file_name", BX_TYPE_TEXT, "NOT NULL"},
    {"path", BX_TYPE_TEXT, "NOT NULL"},
    {"sha256", BX_TYPE_TEXT, NULL},
    {"reason", BX_TYPE_TEXT,
     "NOT NULL CHECK (reason IN ('missing', 'not_pdf', 'encrypted', 'damaged', 'no_text',"
     " 'no_tables', 'too_large', 'timeout', 'signal', 'io', 'exit'))"},
    {"detail", BX_TYPE_TEXT, "NOT NULL"},
};

static const bx_schema_column ambiguities[] = {
    {"table_id", BX_TYPE_INT, "NOT NULL " CASCADE("tables")},
    {"n", BX_TYPE_INT, "NOT NULL"},
    {"note", BX_TYPE_TEXT, "NOT NULL"},
};

/* PostgreSQL's work queue (export/pg_queue.c): one row per file content,
 * claimed by a worker under a lease that it renews while it works. */
static const bx_schema_column queue[] = {
    {"id", BX_TYPE_ID, NULL},
    {"path", BX_TYPE_TEXT, "NOT NULL"}, /* absolute: every worker must see the file there */
    {"size", BX_TYPE_INT, "NOT NULL"},
    {"sha256", BX_TYPE_TEXT, "NOT NULL UNIQUE"},
    {"state", BX_TYPE_TEXT,
     "NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed'))"},
    {"worker", BX_TYPE_TEXT, NULL}, /* host/pid of the last claim */
    {"lease_until", BX_TYPE_TIME, NULL},
    {"attempts", BX_TYPE_INT, "NOT NULL DEFAULT 0"},
    {"finished", BX_TYPE_TIME, NULL},
};

static const char *const tables_indexes[] = {"tables_document ON tables(document_id)", NULL};
static const char *const line_items_indexes[] = {"line_items_table ON line_items(table_id)",
                                                 "line_items_code ON line_items(code)", NULL};
static const char *const checks_indexes[] = {"checks_document ON checks(document_id)", NULL};
static const char *const queue_indexes[] = {"queue_state ON queue(state)", NULL};
static const char *const no_indexes[] = {NULL};
/* Replacing a document deletes its tables, and each deleted table row has
 * its checks found by ON DELETE CASCADE: without these, a scan of every
 * check of the dataset per table. A PostgreSQL dataset is the big one;
 * SQLite's schema stays as earlier budgetx wrote it. */
static const char *const checks_pg_indexes[] = {"checks_table ON checks(table_id)",
                                                "checks_other_table ON checks(other_table_id)",
                                                NULL};

static const bx_schema_table schema[] = {
    {"documents", documents, N(documents), NULL, 0, no_indexes, 0, NULL},
    {"tables", tables, N(tables), "UNIQUE (document_id, n)", 0, tables_indexes, 0, NULL},
    {"cells", cells, N(cells), "PRIMARY KEY (table_id, is_header, row, col)", 1, no_indexes, 0,
     NULL},
    {"line_items", line_items, N(line_items), NULL, 0, line_items_indexes, 0, NULL},
    {"checks", checks, N(checks), NULL, 0, checks_indexes, 0, checks_pg_indexes},
    {"failures", failures, N(failures), "UNIQUE (sha256, file_name)", 0, no_indexes, 0, NULL},
    {"ambiguities", ambiguities, N(ambiguities), "PRIMARY KEY (table_id, n)", 1, no_indexes, 0,
     NULL},
    {"queue", queue, N(queue), NULL, 0, queue_indexes, 1, NULL},
};

const bx_schema_table *bx_schema_tables(size_t *n)
{
    *n = N(schema);
    return schema;
}

const bx_schema_table *bx_schema_table_named(const char *name)
{
    for (size_t i = 0; i < N(schema); i++)
        if (strcmp(schema[i].name, name) == 0)
            return &schema[i];
    return NULL;
}

/* Row ids: SQLite's INTEGER PRIMARY KEY is the rowid; PostgreSQL draws
 * them from a sequence (pg.c reserves a document's table ids from it). */
static const char *type_name(bx_sql_type type, bx_sql_dialect d)
{
    static const char *const names[2][5] = {
        [BX_SQL_SQLITE] = {"INTEGER PRIMARY KEY", "INTEGER", "TEXT", "REAL", "TEXT"},
        [BX_SQL_POSTGRES] = {"BIGSERIAL PRIMARY KEY", "BIGINT", "TEXT", "DOUBLE PRECISION",
                             "TIMESTAMPTZ"},
    };
    return names[d][type];
}

static void put_column(bx_buf *b, const bx_schema_column *c, bx_sql_dialect d)
{
    bx_buf_printf(b, "%s %s", c->name, type_name(c->type, d));
    if (c->constraints)
        bx_buf_printf(b, " %s", c->constraints);
}

static void put_table(bx_buf *b, const bx_schema_table *t, bx_sql_dialect d)
{
    bx_buf_printf(b, "CREATE TABLE IF NOT EXISTS %s (", t->name);
    for (size_t i = 0; i < t->n_columns; i++) {
        bx_buf_puts(b, i ? ", " : " ");
        put_column(b, &t->columns[i], d);
    }
    if (t->table_constraints)
        bx_buf_printf(b, ", %s", t->table_constraints);
    bx_buf_puts(b, t->without_rowid && d == BX_SQL_SQLITE ? ") WITHOUT ROWID;" : ");");
    for (const char *const *ix = t->indexes; *ix; ix++)
        bx_buf_printf(b, "CREATE INDEX IF NOT EXISTS %s;", *ix);
    for (const char *const *ix = t->postgres_indexes; d == BX_SQL_POSTGRES && ix && *ix; ix++)
        bx_buf_printf(b, "CREATE INDEX IF NOT EXISTS %s;", *ix);
}

char *bx_schema_create_table(const bx_schema_table *t, bx_sql_dialect d)
{
    bx_buf b;
    bx_buf_init(&b);
    put_table(&b, t, d);
    return bx_buf_take(&b);
}

char *bx_schema_create_all(bx_sql_dialect d)
{
    bx_buf b;
    bx_buf_init(&b);
    for (size_t i = 0; i < N(schema); i++)
        if (d == BX_SQL_POSTGRES || !schema[i].postgres_only)
            put_table(&b, &schema[i], d);
    return bx_buf_take(&b);
}

char *bx_schema_column_definition(const char *table, const char *column, bx_sql_dialect d)
{
    const bx_schema_table *t = bx_schema_table_named(table);
    for (size_t i = 0; t && i < t->n_columns; i++)
        if (strcmp(t->columns[i].name, column) == 0) {
            bx_buf b;
            bx_buf_init(&b);
            put_column(&b, &t->columns[i], d);
            return bx_buf_take(&b);
        }
    return NULL;
}

char *bx_schema_column_list(const bx_schema_table *t, int skip_id)
{
    bx_buf b;
    bx_buf_init(&b);
    bool first = true;
    for (size_t i = 0; i < t->n_columns; i++) {
        if (skip_id && t->columns[i].type == BX_TYPE_ID)
            continue;
        bx_buf_printf(&b, "%s%s", first ? "" : ", ", t->columns[i].name);
        first = false;
    }
    return bx_buf_take(&b);
}
