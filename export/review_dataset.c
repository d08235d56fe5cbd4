/* The review of a batch dataset (README.md's schema): pages of documents
 * with their counts, and per document its tables' grids and the checks
 * that failed or differ by rounding, so that a group can triage thousands
 * of reports. Read-only: the dataset is opened with SQLITE_OPEN_READONLY. */
#include "export_common.h"
#include "review_html.h"

#include <glib.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static const char *text_at(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : "";
}

static bx_status sql_error(sqlite3 *db, const char *path, bx_error *err)
{
    return bx_error_set(err, BX_ERR_DAMAGED, "%s: %s", path, sqlite3_errmsg(db));
}

static bx_status save(const char *folder, const char *name, bx_buf *b, bx_error *err)
{
    rv_end(b);
    char *path = g_strdup_printf("%s/%s", folder, name);
    bx_status s = bx_write_file_atomic(path, b->data, b->len, err);
    g_free(path);
    bx_buf_free(b);
    return s;
}

static char *index_name(size_t page)
{
    return page == 0 ? g_strdup("index.html") : g_strdup_printf("index-%zu.html", page + 1);
}

static void write_pager(bx_buf *b, size_t page, size_t pages)
{
    bx_buf_puts(b, "<p class=\"pager\">");
    for (size_t p = 0; p < pages; p++) {
        if (p == page) {
            bx_buf_printf(b, "<b>%zu</b>", p + 1);
            continue;
        }
        char *name = index_name(p);
        bx_buf_printf(b, "<a href=\"%s\">%zu</a>", name, p + 1);
        g_free(name);
    }
    bx_buf_puts(b, "</p>\n");
}

/* One document: its tables as grids (from `cells`) and its checks. */
static void write_grid(bx_buf *b, sqlite3 *db, sqlite3_int64 table_id)
{
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db,
                       "SELECT is_header, row, col, text FROM cells WHERE table_id = ?"
                       " ORDER BY is_header DESC, row, col",
                       -1, &st, NULL);
    sqlite3_bind_int64(st, 1, table_id);
    int open_row = -1, open_header = -1;
    bx_buf_puts(b, "<div class=\"grid\"><table>\n");
    while (sqlite3_step(st) == SQLITE_ROW) {
        int header = sqlite3_column_int(st, 0), row = sqlite3_column_int(st, 1);
        if (header != open_header || row != open_row) {
            if (open_row >= 0)
                bx_buf_puts(b, "</tr>\n");
            if (header != open_header)
                bx_buf_puts(b, open_header < 0 ? (header ? "<thead>\n" : "<tbody>\n")
                                               : "</thead>\n<tbody>\n");
            bx_buf_puts(b, "<tr>");
            if (header)
                bx_buf_puts(b, "<th class=\"rn\"></th>");
            else
                bx_buf_printf(b, "<th class=\"rn\">%d</th>", row + 1);
            open_row = row;
            open_header = header;
        }
        double value;
        int decimals;
        bx_buf_printf(b, "<%s%s data-r=\"%d\" data-col=\"%d\">", header ? "th" : "td",
                      !header && bx_cell_amount(text_at(st, 3), &value, &decimals) ? " class=\"n\""
                                                                                   : "",
                      row, sqlite3_column_int(st, 2));
        rv_esc(b, text_at(st, 3));
        bx_buf_puts(b, header ? "</th>" : "</td>");
    }
    if (open_row >= 0)
        bx_buf_puts(b, "</tr>\n");
    bx_buf_puts(b, open_header == 1 ? "</thead>\n" : open_header == 0 ? "</tbody>\n" : "");
    bx_buf_puts(b, "</table></div>\n");
    sqlite3_finalize(st);
}

static void write_checks(bx_buf *b, sqlite3 *db, sqlite3_int64 doc, sqlite3_int64 table_id,
                         const char *unit)
{
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db,
                       "SELECT id, rule, row, page, what, expected_fen, actual_fen, tolerance_fen,"
                       " status FROM checks WHERE document_id = ? AND table_id IS ?"
                       " AND status != 'pass' ORDER BY id",
                       -1, &st, NULL);
    sqlite3_bind_int64(st, 1, doc);
    if (table_id > 0)
        sqlite3_bind_int64(st, 2, table_id);
    else
        sqlite3_bind_null(st, 2);
    int any = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        bx_check c = {0};
        c.rule = text_at(st, 1);
        c.row = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 2);
        c.expected = sqlite3_column_int64(st, 5);
        c.actual = sqlite3_column_int64(st, 6);
        c.tolerance = sqlite3_column_int64(st, 7);
        c.status = strcmp(text_at(st, 8), "fail") == 0 ? BX_CHECK_FAIL : BX_CHECK_ROUNDING;
        bx_buf_puts(b, any++ ? "" : "<ol class=\"notes\">\n");
        bx_buf_printf(b, "<li id=\"x-%lld\" class=\"%s\"><b>%s</b> ", sqlite3_column_int64(st, 0),
                      bx_check_status_name(c.status), rv_status_label(c.status));
        const char *label = rv_rule_label(c.rule);
        if (label)
            bx_buf_printf(b, "%s ", label);
        bx_buf_puts(b, "<code>");
        rv_esc(b, c.rule);
        bx_buf_puts(b, "</code>");
        if (c.row >= 0)
            bx_buf_printf(b, "，第 %d 行", c.row + 1);
        bx_buf_puts(b, "：");
        rv_esc(b, text_at(st, 4));
        bx_buf_puts(b, table_id > 0 ? " — " : "");
        /* the dataset keeps no scale: a finding outside the tables may
         * compare percentages, so only table checks get their numbers */
        if (table_id > 0)
            rv_check_words(b, &c, unit);
        bx_buf_printf(b, "，第 %d 页</li>\n", sqlite3_column_int(st, 3));
    }
    if (any)
        bx_buf_puts(b, "</ol>\n");
    sqlite3_finalize(st);
}

static bx_status write_document(sqlite3 *db, const char *folder, sqlite3_int64 doc,
                                const char *name, bx_error *err)
{
    bx_buf b;
    bx_buf_init(&b);
    rv_begin(&b, name);
    bx_buf_puts(&b, "<header><p class=\"muted\"><a href=\"index.html\">← 全部报告</a></p><h1>");
    rv_esc(&b, name);
    bx_buf_puts(&b, "</h1></header>\n");
    bx_buf_puts(&b, "<section class=\"list\"><h2>报告层面的发现</h2>\n");
    write_checks(&b, db, doc, 0, NULL);
    bx_buf_puts(&b, "</section>\n<main>\n");
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db,
                       "SELECT id, n, kind, title, unit, department, pages FROM tables"
                       " WHERE document_id = ? ORDER BY n",
                       -1, &st, NULL);
    sqlite3_bind_int64(st, 1, doc);
    while (sqlite3_step(st) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        bx_buf_printf(&b, "<section id=\"t-%d\">\n<h2>表 %d　", sqlite3_column_int(st, 1),
                      sqlite3_column_int(st, 1));
        rv_esc(&b, text_at(st, 3));
        bx_buf_puts(&b, "</h2>\n<dl class=\"meta\"><dt>类型</dt><dd>");
        rv_esc(&b, text_at(st, 2));
        bx_buf_puts(&b, "</dd><dt>单位</dt><dd>");
        rv_esc(&b, text_at(st, 4));
        bx_buf_puts(&b, "</dd><dt>部门</dt><dd>");
        rv_esc(&b, text_at(st, 5));
        bx_buf_puts(&b, "</dd><dt>页</dt><dd>");
        rv_esc(&b, text_at(st, 6));
        bx_buf_puts(&b, "</dd></dl>\n");
        char *unit = g_strdup(text_at(st, 4));
        write_checks(&b, db, doc, id, *unit ? unit : NULL);
        g_free(unit);
        write_grid(&b, db, id);
        bx_buf_puts(&b, "</section>\n");
    }
    sqlite3_finalize(st);
    bx_buf_puts(&b, "</main>\n");
    char *file = g_strdup_printf("doc-%lld.html", (long long)doc);
    bx_status s = save(folder, file, &b, err);
    g_free(file);
    return s;
}

static const char list_sql[] =
    "SELECT d.id, d.file_name, d.title, d.pages, d.warning,"
    " (SELECT count(*) FROM tables t WHERE t.document_id = d.id),"
    " (SELECT count(*) FROM checks c WHERE c.document_id = d.id AND c.status = 'fail'),"
    " (SELECT count(*) FROM checks c WHERE c.document_id = d.id AND c.status = 'rounding')"
    " FROM documents d ORDER BY 7 DESC, d.file_name LIMIT ? OFFSET ?";

static bx_status write_list_page(sqlite3 *db, const char *dataset, const char *folder,
                                 size_t page, size_t pages, size_t per_page, size_t total,
                                 bx_error *err)
{
    bx_buf b;
    bx_buf_init(&b);
    rv_begin(&b, "budgetx review: dataset");
    bx_buf_printf(&b, "<header><h1>审阅：%zu 份报告</h1><p class=\"muted\">", total);
    rv_esc(&b, dataset);
    bx_buf_puts(&b, " · 未通过检查最多的在前</p></header>\n<main><section>\n");
    write_pager(&b, page, pages);
    bx_buf_puts(&b, "<table class=\"idx\">\n<thead><tr><th>报告</th><th>标题</th><th>页数</th>"
                    "<th>表格</th><th>未通过</th><th>舍入差</th><th>警告</th></tr></thead>\n<tbody>\n");
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, list_sql, -1, &st, NULL) != SQLITE_OK) {
        bx_buf_free(&b);
        return sql_error(db, dataset, err);
    }
    sqlite3_bind_int64(st, 1, (sqlite3_int64)per_page);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)(page * per_page));
    bx_status s = BX_OK;
    while (s == BX_OK && sqlite3_step(st) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        char *name = g_strdup(text_at(st, 1));
        bx_buf_printf(&b, "<tr><td><a href=\"doc-%lld.html\">", (long long)id);
        rv_esc(&b, name);
        bx_buf_puts(&b, "</a></td><td>");
        rv_esc(&b, text_at(st, 2));
        int failed = sqlite3_column_int(st, 6), rounding = sqlite3_column_int(st, 7);
        bx_buf_printf(&b, "</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
                          "<td class=\"n%s\">%d</td><td class=\"n%s\">%d</td><td>",
                      sqlite3_column_int(st, 3), sqlite3_column_int(st, 5), failed ? " bad" : "",
                      failed, rounding ? " round" : "", rounding);
        rv_esc(&b, text_at(st, 4));
        bx_buf_puts(&b, "</td></tr>\n");
        s = write_document(db, folder, id, name, err);
        g_free(name);
    }
    sqlite3_finalize(st);
    bx_buf_puts(&b, "</tbody></table>\n");
    write_pager(&b, page, pages);
    bx_buf_puts(&b, "</section></main>\n");
    if (s != BX_OK) {
        bx_buf_free(&b);
        return s;
    }
    char *name = index_name(page);
    s = save(folder, name, &b, err);
    g_free(name);
    return s;
}

bx_status bx_write_review_dataset(const char *dataset, const char *folder, size_t per_page,
                                  bx_error *err)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(dataset, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        bx_status s = bx_error_set(err, BX_ERR_MISSING, "%s: cannot open: %s", dataset,
                                   db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return s;
    }
    sqlite3_stmt *st;
    bx_status s = BX_OK;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM documents", -1, &st, NULL) != SQLITE_OK) {
        s = bx_error_set(err, BX_ERR_NOT_PDF, "%s: not a budgetx dataset: %s", dataset,
                         sqlite3_errmsg(db));
        sqlite3_close(db);
        return s;
    }
    size_t total = sqlite3_step(st) == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (per_page == 0)
        per_page = 100;
    size_t pages = total ? (total + per_page - 1) / per_page : 1;
    s = rv_mkdir(folder, err);
    for (size_t p = 0; p < pages && s == BX_OK; p++)
        s = write_list_page(db, dataset, folder, p, pages, per_page, total, err);
    sqlite3_close(db);
    return s;
}
