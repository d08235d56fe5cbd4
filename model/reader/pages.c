/* Page selections: "15-16,20" parsed into ranges, and a report cut down to
 * the tables printed on them. Part of the reader because a selection is an
 * option of reading (bx_open_options), for the CLI and the bindings alike. */
#include "bx_checks.h"
#include "bx_reader.h"
#include "bx_common.h"

#include <glib.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A page number: plain decimal digits, 1 to INT_MAX - 1. */
static bool page_number(const char *text, size_t len, int *out)
{
    if (len == 0 || len > 9)
        return false;
    long v = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        v = v * 10 + (text[i] - '0');
    }
    if (v < 1)
        return false;
    *out = (int)v;
    return true;
}

/* One comma-separated part: "7", "15-16" or "20-". */
static bool parse_part(const char *part, int *from, int *to, char *why, size_t size)
{
    const char *dash = strchr(part, '-');
    bool ok = dash ? page_number(part, (size_t)(dash - part), from) &&
                         (dash[1] == '\0' ? (*to = INT_MAX, true)
                                          : page_number(dash + 1, strlen(dash + 1), to))
                   : page_number(part, strlen(part), from) && (*to = *from, true);
    if (!ok)
        snprintf(why, size, "'%s' is not a page or a range of pages (e.g. 15-16,20)", part);
    else if (*to < *from) {
        snprintf(why, size, "'%s' ends before it starts", part);
        ok = false;
    }
    return ok;
}

bool bx_page_set_parse(const char *text, bx_page_set *out, char *why, size_t size)
{
    memset(out, 0, sizeof *out);
    size_t cap_from = 0, cap_to = 0;
    gchar **parts = g_strsplit(text, ",", -1);
    bool ok = parts[0] != NULL;
    if (!ok)
        snprintf(why, size, "no pages given (e.g. 15-16,20)");
    for (size_t i = 0; ok && parts[i]; i++) {
        int from = 0, to = 0;
        ok = parse_part(parts[i], &from, &to, why, size);
        if (ok) {
            out->from = bx_grow(out->from, &cap_from, out->n + 1, sizeof *out->from);
            out->to = bx_grow(out->to, &cap_to, out->n + 1, sizeof *out->to);
            out->from[out->n] = from;
            out->to[out->n++] = to;
        }
    }
    g_strfreev(parts);
    if (!ok)
        bx_page_set_free(out);
    return ok;
}

bool bx_page_set_has(const bx_page_set *set, int page)
{
    for (size_t i = 0; i < set->n; i++)
        if (page >= set->from[i] && page <= set->to[i])
            return true;
    return false;
}

int *bx_page_set_list(const bx_page_set *set, int n_pages, size_t *n)
{
    int *pages = NULL;
    size_t cap = 0;
    *n = 0;
    for (int p = 1; p <= n_pages; p++)
        if (bx_page_set_has(set, p)) {
            pages = bx_grow(pages, &cap, *n + 1, sizeof *pages);
            pages[(*n)++] = p;
        }
    return pages;
}

void bx_page_set_free(bx_page_set *set)
{
    free(set->from);
    free(set->to);
    memset(set, 0, sizeof *set);
}

static bool table_on_pages(const bx_table *t, const bx_page_set *pages)
{
    for (size_t i = 0; i < t->n_pages; i++)
        if (bx_page_set_has(pages, t->pages[i]))
            return true;
    return false;
}

/* The report-level findings (a required table missing, the contents page,
 * the cover's identity) judge the whole report, which a page selection is
 * not: only the checks of the tables kept remain. */
static void drop_report_findings(bx_report *r)
{
    size_t kept = 0;
    for (size_t i = 0; i < r->n_checks; i++) {
        if (r->checks[i].table >= 0)
            r->checks[kept++] = r->checks[i];
        else
            bx_check_clear(&r->checks[i]);
    }
    r->n_checks = kept;
}

static void keep_tables_and_text(bx_report *r, const bx_page_set *pages)
{
    size_t kept = 0;
    for (size_t i = 0; i < r->n_tables; i++) {
        if (table_on_pages(r->tables[i], pages))
            r->tables[kept++] = r->tables[i];
        else
            bx_table_free(r->tables[i]);
    }
    r->n_tables = kept;
    kept = 0;
    for (size_t i = 0; i < r->n_text; i++) {
        if (bx_page_set_has(pages, r->text[i].page))
            r->text[kept++] = r->text[i];
        else
            free(r->text[i].text);
    }
    r->n_text = kept;
}

void bx_report_keep_pages(bx_report *r, const bx_page_set *pages, bool analyze)
{
    keep_tables_and_text(r, pages);
    if (!analyze)
        return;
    /* the document (title, department, year) is the whole report's, read
     * from pages the selection may leave out: keep it */
    bx_document whole = r->document;
    memset(&r->document, 0, sizeof r->document);
    bx_report_analyze(r);
    free(r->document.title);
    free(r->document.department);
    r->document = whole;
    drop_report_findings(r);
}
