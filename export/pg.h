/* The PostgreSQL dataset behind bx_dataset (sqlite.c hands a postgresql://
 * target here) and the connection the work queue shares. Private to export/. */
#ifndef BX_PG_H
#define BX_PG_H

#include "bx_export.h"

#include <libpq-fe.h>

typedef struct bx_pg_dataset bx_pg_dataset;

/* Loads libpq (pg_dl.c: at first use, not at start-up): BX_OK, or one line
 * in err naming the package to install. Every path into libpq passes here
 * first (bx_postgres_check_target). */
bx_status bx_pg_library(bx_error *err);

/* Connects to target (checked by bx_postgres_check_target), quiet (no
 * NOTICE lines on stderr), in UTF-8, its search_path the budgetx schema,
 * which is created with every table when missing. One line in err when the
 * server cannot be reached. */
bx_status bx_pg_connect(const char *target, PGconn **out, bx_error *err);

/* err from the connection's last message (its first line), "target: what: ...". */
bx_status bx_pg_error(PGconn *conn, const char *target, const char *what, bx_error *err);

/* Runs a statement with n text parameters (NULL: SQL NULL), or a script of
 * statements when n is 0; the result, or NULL (err set) when it did not
 * succeed. */
PGresult *bx_pg_exec(PGconn *conn, const char *target, const char *sql, int n,
                     const char *const *params, bx_error *err);

bx_status bx_pg_open(const char *target, bx_pg_dataset **out, bx_error *err);
void bx_pg_close(bx_pg_dataset *ds);
bx_status bx_pg_put_report(bx_pg_dataset *ds, const bx_report *report, const char *sha256,
                           const char *path, bx_error *err);
bx_status bx_pg_put_failure(bx_pg_dataset *ds, const bx_dataset_failure *f, bx_error *err);
bool bx_pg_has(bx_pg_dataset *ds, const char *table, const char *sha256);
bx_status bx_pg_get_totals(bx_pg_dataset *ds, bx_dataset_totals *out, bx_error *err);

#endif
