/* The review's front page: one line per report, linked to its folder. */
#include "review_html.h"

#include <glib.h>

static void write_entry(bx_buf *b, const bx_review_entry *e)
{
    bx_buf_puts(b, "<tr><td><a href=\"");
    char *href = g_uri_escape_string(e->name, NULL, FALSE);
    rv_esc(b, href);
    g_free(href);
    bx_buf_puts(b, "/index.html\">");
    rv_esc(b, e->source);
    bx_buf_puts(b, "</a></td><td>");
    rv_esc(b, e->title ? e->title : "");
    bx_buf_printf(b, "</td><td class=\"n\">%d</td><td class=\"n\">%zu</td>"
                     "<td class=\"n%s\">%zu</td><td class=\"n%s\">%zu</td><td class=\"n\">",
                  e->pages, e->tables, e->failed ? " bad" : "", e->failed,
                  e->rounding ? " round" : "", e->rounding);
    if (e->verified >= 0)
        bx_buf_printf(b, "%.0f%%", 100 * e->verified);
    else
        bx_buf_puts(b, "n/a");
    bx_buf_puts(b, "</td><td>");
    rv_esc(b, e->warning ? e->warning : "");
    bx_buf_puts(b, "</td></tr>\n");
}

bx_status bx_write_review_index(const char *folder, const bx_review_entry *entries, size_t n,
                                bx_error *err)
{
    bx_buf b;
    bx_buf_init(&b);
    rv_begin(&b, "budgetx review");
    bx_buf_printf(&b, "<header><h1>审阅：%zu 份报告</h1>"
                      "<p class=\"muted\">点击报告名打开：每张表与其原始页面并排，未通过的检查标在单元格上。</p>"
                      "</header>\n<main><section>\n<table class=\"idx\">\n<thead><tr><th>报告</th><th>标题</th>"
                      "<th>页数</th><th>表格</th><th>未通过</th><th>舍入差</th><th>已核验</th>"
                      "<th>警告</th></tr></thead>\n<tbody>\n",
                  n);
    for (size_t i = 0; i < n; i++)
        write_entry(&b, &entries[i]);
    bx_buf_puts(&b, "</tbody></table>\n</section></main>\n");
    rv_end(&b);
    char *path = g_strdup_printf("%s/index.html", folder);
    bx_status s = bx_write_file_atomic(path, b.data, b.len, err);
    g_free(path);
    bx_buf_free(&b);
    return s;
}
