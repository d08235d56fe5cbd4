/* `budgetx export`: the SQLite dataset as tidy files for people who do not
 * write SQL: one row per observation, every column named, the document's
 * metadata repeated on each row (pandas, R and a spreadsheet's filter want
 * it there, not behind a join). CSV: one file per sheet in a folder; XLSX:
 * one workbook, a sheet each, with filters and a frozen header. The queries
 * below are the one definition of the sheets; README.md lists their columns. */
#define _GNU_SOURCE
#include "bx_export.h"
#include "export_common.h"

#include <errno.h>
#include <glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* fen (an integer column) as exact yuan text: "-1234.05"; NULL stays NULL. */
#define YUAN(x)                                                                                \
    "CASE WHEN " x " IS NULL THEN NULL ELSE (CASE WHEN " x " < 0 THEN '-' ELSE '' END) ||"    \
    " (abs(" x ") / 100) || '.' || substr('0' || (abs(" x ") % 100), -2) END"
/* a check's number in its scale: yuan for fen, percent for 1/10000 % */
#define CHECK_VALUE(x)                                                                         \
    "CASE WHEN c.scale = 'percent_1e-4' THEN printf('%.4f', " x " / 10000.0) ELSE " YUAN(x)   \
    " END"

typedef struct {
    const char *name;
    const char *sql;
    /* columns written as numbers in XLSX (comma-separated names) */
    const char *numeric;
} sheet;

static const sheet sheets[] = {
    {"line_items",
     "SELECT d.file_name AS document, d.path AS path, d.department AS department,"
     " d.year AS year, d.stage AS stage, t.n AS table_n, t.kind AS table_kind,"
     " t.title AS table_title, li.row AS row, li.side AS side, li.code AS code,"
     " li.level AS level, li.name AS name, li.is_total AS is_total,"
     " li.column_key AS column_key, li.measure AS measure, " YUAN("li.amount_fen")
     " AS amount_yuan, li.text AS text, li.unit AS unit, li.page AS page"
     " FROM line_items li JOIN tables t ON t.id = li.table_id"
     " JOIN documents d ON d.id = t.document_id"
     " ORDER BY d.id, t.n, li.row, li.side, li.col",
     ",year,table_n,row,side,is_total,amount_yuan,page,"},
    {"documents",
     "SELECT d.file_name AS document, d.path AS path, d.sha256 AS sha256, d.pages AS pages,"
     " d.title AS title, d.department AS department, d.year AS year, d.stage AS stage,"
     " d.level AS level, d.warning AS warning,"
     " (SELECT count(*) FROM tables t WHERE t.document_id = d.id) AS tables,"
     " (SELECT count(*) FROM checks c WHERE c.document_id = d.id) AS checks,"
     " (SELECT count(*) FROM checks c WHERE c.document_id = d.id AND c.status = 'pass')"
     " AS checks_pass,"
     " (SELECT count(*) FROM checks c WHERE c.document_id = d.id AND c.status = 'rounding')"
     " AS checks_rounding,"
     " (SELECT count(*) FROM checks c WHERE c.document_id = d.id AND c.status = 'fail')"
     " AS checks_fail,"
     " (SELECT round(1.0 * sum(c.status <> 'fail') / count(*), 4) FROM checks c"
     " WHERE c.document_id = d.id) AS share_passed"
     " FROM documents d ORDER BY d.id",
     ",pages,year,tables,checks,checks_pass,checks_rounding,checks_fail,share_passed,"},
    {"checks",
     "SELECT d.file_name AS document, d.path AS path, t.n AS table_n, t.kind AS table_kind,"
     " t.title AS table_title, o.n AS other_table_n, c.rule AS rule, c.row AS row,"
     " c.page AS page, c.what AS what, c.status AS status, c.severity AS severity,"
     " CASE WHEN c.scale = 'percent_1e-4' THEN '%' ELSE '元' END AS unit,"
     " " CHECK_VALUE("c.expected_fen") " AS expected, " CHECK_VALUE("c.actual_fen")
     " AS actual, " CHECK_VALUE("(c.actual_fen - c.expected_fen)") " AS difference, "
     CHECK_VALUE("c.tolerance_fen") " AS tolerance,"
     " c.quote AS quote, c.expected_text AS expected_text, c.actual_text AS actual_text"
     " FROM checks c JOIN documents d ON d.id = c.document_id"
     " LEFT JOIN tables t ON t.id = c.table_id LEFT JOIN tables o ON o.id = c.other_table_id"
     " ORDER BY d.id, c.id",
     ",table_n,other_table_n,row,page,expected,actual,difference,tolerance,"},
    {"failures",
     "SELECT file_name AS document, path, sha256, reason, detail FROM failures ORDER BY id",
     ","},
    {"ambiguities",
     "SELECT d.file_name AS document, d.path AS path, t.n AS table_n, t.title AS table_title,"
     " a.n AS n, a.note AS note FROM ambiguities a JOIN tables t ON t.id = a.table_id"
     " JOIN documents d ON d.id = t.document_id ORDER BY d.id, t.n, a.n",
     ",table_n,n,"},
};

#define N_SHEETS (sizeof sheets / sizeof *sheets)

/* --- Opening ---------------------------------------------------------------- */

static bx_status open_read_only(const char *path, sqlite3 **db, bx_error *err)
{
    if (strcmp(path, "-") == 0)
        return bx_error_set(err, BX_ERR_USAGE, "stdin: read by the caller (bx_dataset_export_data)");
    if (!g_file_test(path, G_FILE_TEST_EXISTS))
        return bx_error_set(err, BX_ERR_MISSING, "%s: no such file", path);
    if (sqlite3_open_v2(path, db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        bx_status s = bx_error_set(err, BX_ERR_DAMAGED, "%s: cannot open (%s)", path,
                                   sqlite3_errmsg(*db));
        sqlite3_close(*db);
        return s;
    }
    return BX_OK;
}

/* A budgetx dataset of the current schema, or said what it is not. */
static bx_status check_schema(sqlite3 *db, const char *name, bx_error *err)
{
    sqlite3_stmt *st = NULL;
    int version = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (version < 0)
        return bx_error_set(err, BX_ERR_NOT_PDF, "%s: not an SQLite dataset", name);
    if (version == 0)
        return bx_error_set(err, BX_ERR_NOT_PDF, "%s: not a budgetx dataset", name);
    if (version < 2)
        return bx_error_set(err, BX_ERR_USAGE,
                            "%s: an older dataset (schema %d): any `budgetx batch` or "
                            "`extract -f sqlite` run on it upgrades it",
                            name, version);
    return BX_OK;
}

/* --- Writing ---------------------------------------------------------------- */

static bool is_numeric(const sheet *sh, const char *column)
{
    char key[80];
    snprintf(key, sizeof key, ",%s,", column);
    return strstr(sh->numeric, key) != NULL;
}

static bx_status query_error(sqlite3 *db, const char *name, const sheet *sh, bx_error *err)
{
    return bx_error_set(err, BX_ERR_DAMAGED, "%s: cannot read %s (%s)", name, sh->name,
                        sqlite3_errmsg(db));
}

static bx_status write_csv_sheet(sqlite3 *db, const char *name, const sheet *sh,
                                 const char *folder, const bx_write_options *o, bx_error *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sh->sql, -1, &st, NULL) != SQLITE_OK)
        return query_error(db, name, sh, err);
    bx_buf b;
    bx_buf_init(&b);
    if (o && o->bom)
        bx_buf_puts(&b, "\xEF\xBB\xBF");
    int n = sqlite3_column_count(st);
    for (int c = 0; c < n; c++) {
        bx_buf_puts(&b, c ? "," : "");
        bx_csv_field(&b, sqlite3_column_name(st, c));
    }
    bx_buf_puts(&b, "\r\n");
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int c = 0; c < n; c++) {
            const unsigned char *v = sqlite3_column_text(st, c);
            bx_buf_puts(&b, c ? "," : "");
            bx_csv_field(&b, v ? (const char *)v : "");
        }
        bx_buf_puts(&b, "\r\n");
    }
    bx_status s = rc == SQLITE_DONE ? BX_OK : query_error(db, name, sh, err);
    sqlite3_finalize(st);
    if (s == BX_OK) {
        gchar *file = g_strdup_printf("%s.csv", sh->name);
        gchar *path = g_build_filename(folder, file, NULL);
        s = bx_write_file_atomic(path, b.data, b.len, err);
        g_free(path);
        g_free(file);
    }
    bx_buf_free(&b);
    return s;
}

typedef struct {
    sqlite3 *db;
    const char *name;
    bx_error *err;
} workbook_job;

/* Column widths from the header and the first rows: enough to read the
 * names and kinds without a sheet full of #### or cut words. */
static void widen(double *widths, int c, const char *text)
{
    double w = 0;
    for (const char *p = text; *p && w < 60; p = g_utf8_next_char(p))
        w += g_unichar_iswide(g_utf8_get_char(p)) ? 2.1 : 1.1;
    widths[c] = MAX(widths[c], MIN(w + 1, 60));
}

static bx_status write_xlsx_sheet(lxw_workbook *wb, lxw_format *bold, sqlite3 *db,
                                  const char *name, const sheet *sh, bx_error *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sh->sql, -1, &st, NULL) != SQLITE_OK)
        return query_error(db, name, sh, err);
    lxw_worksheet *ws = workbook_add_worksheet(wb, sh->name);
    int n = sqlite3_column_count(st);
    double *widths = bx_xcalloc((size_t)n, sizeof *widths);
    bool *numeric = bx_xcalloc((size_t)n, sizeof *numeric);
    for (int c = 0; c < n; c++) {
        numeric[c] = is_numeric(sh, sqlite3_column_name(st, c));
        worksheet_write_string(ws, 0, (lxw_col_t)c, sqlite3_column_name(st, c), bold);
        widen(widths, c, sqlite3_column_name(st, c));
        widths[c] += 2; /* the filter's button */
    }
    lxw_row_t row = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && row < LXW_ROW_MAX - 1) {
        row++;
        for (int c = 0; c < n; c++) {
            const char *v = (const char *)sqlite3_column_text(st, c);
            if (!v)
                continue;
            if (numeric[c])
                worksheet_write_number(ws, row, (lxw_col_t)c, g_ascii_strtod(v, NULL), NULL);
            else
                worksheet_write_string(ws, row, (lxw_col_t)c, v, NULL);
            if (row < 200)
                widen(widths, c, v);
        }
    }
    bx_status s = rc == SQLITE_DONE || rc == SQLITE_ROW ? BX_OK : query_error(db, name, sh, err);
    sqlite3_finalize(st);
    for (int c = 0; c < n; c++)
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, MAX(widths[c], 6), NULL);
    worksheet_autofilter(ws, 0, 0, row, (lxw_col_t)(n - 1));
    worksheet_freeze_panes(ws, 1, 0);
    free(widths);
    free(numeric);
    return s;
}

static bx_status build_workbook(const char *file, void *ctx, bx_error *err)
{
    workbook_job *job = ctx;
    /* constant memory: a dataset's line items run to millions of rows */
    lxw_workbook_options opts = {.constant_memory = LXW_TRUE};
    lxw_doc_properties props = {.title = "budgetx dataset", .created = 1};
    lxw_workbook *wb = workbook_new_opt(file, &opts);
    if (!wb)
        return bx_error_set(err, BX_ERR_IO, "cannot create the workbook");
    workbook_set_properties(wb, &props);
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    bx_status s = BX_OK;
    for (size_t i = 0; i < N_SHEETS && s == BX_OK; i++)
        s = write_xlsx_sheet(wb, bold, job->db, job->name, &sheets[i], err);
    bx_error closing;
    bx_status c = bx_workbook_close(wb, &closing);
    if (s == BX_OK && c != BX_OK) {
        s = c;
        *err = closing;
    }
    return s;
}

static bx_status export_db(sqlite3 *db, const char *name, bx_format format, const char *out,
                           const bx_write_options *o, bx_error *err)
{
    bx_status s = check_schema(db, name, err);
    if (s != BX_OK)
        return s;
    if (format == BX_FORMAT_XLSX) {
        workbook_job job = {db, name, err};
        return bx_xlsx_atomic(out, build_workbook, &job, err);
    }
    if (format != BX_FORMAT_CSV)
        return bx_error_set(err, BX_ERR_USAGE, "export writes csv or xlsx, not %s",
                            bx_format_name(format));
    if (strcmp(out, "-") == 0)
        return bx_error_set(err, BX_ERR_USAGE, "csv writes one file per sheet: give -o FOLDER");
    if (g_mkdir_with_parents(out, 0777) != 0)
        return bx_error_set(err, BX_ERR_IO, "%s: cannot create folder (%s)", out,
                            strerror(errno));
    for (size_t i = 0; i < N_SHEETS && s == BX_OK; i++)
        s = write_csv_sheet(db, name, &sheets[i], out, o, err);
    return s;
}

bx_status bx_dataset_export(const char *path, bx_format format, const char *out,
                            const bx_write_options *options, bx_error *err)
{
    sqlite3 *db = NULL;
    bx_status s = open_read_only(path, &db, err);
    if (s != BX_OK)
        return s;
    s = export_db(db, path, format, out, options, err);
    sqlite3_close(db);
    return s;
}

bx_status bx_dataset_export_data(const char *data, size_t len, const char *name,
                                 bx_format format, const char *out,
                                 const bx_write_options *options, bx_error *err)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return bx_error_set(err, BX_ERR_NOMEM, "%s: cannot open an in-memory database", name);
    }
    /* SQLite reads the bytes in place; it frees nothing of ours */
    unsigned char *copy = sqlite3_malloc64(len ? len : 1);
    if (!copy) {
        sqlite3_close(db);
        return bx_error_set(err, BX_ERR_NOMEM, "%s: out of memory", name);
    }
    memcpy(copy, data, len);
    bx_status s = BX_OK;
    if (sqlite3_deserialize(db, "main", copy, (sqlite3_int64)len, (sqlite3_int64)len,
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) !=
        SQLITE_OK)
        s = bx_error_set(err, BX_ERR_DAMAGED, "%s: not an SQLite dataset", name);
    if (s == BX_OK)
        s = export_db(db, name, format, out, options, err);
    sqlite3_close(db);
    return s;
}
