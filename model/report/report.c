/* bx_report: construction and freeing of reports and their checks. */
#include "bx_report.h"

#include <stdlib.h>
#include <string.h>

bx_report *bx_report_new(const char *path)
{
    bx_report *r = bx_xcalloc(1, sizeof *r);
    r->source = bx_xstrdup(bx_base_name(path));
    return r;
}

void bx_report_add_table(bx_report *r, bx_table *t)
{
    r->tables = bx_xrealloc(r->tables, (r->n_tables + 1) * sizeof *r->tables);
    r->tables[r->n_tables++] = t;
}

void bx_check_clear(bx_check *c)
{
    free(c->what);
    free(c->quote);
    free(c->expected_text);
    free(c->actual_text);
}

void bx_report_free(bx_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_tables; i++)
        bx_table_free(r->tables[i]);
    free(r->tables);
    free(r->source);
    free(r->warning);
    for (size_t i = 0; i < r->n_text; i++)
        free(r->text[i].text);
    free(r->text);
    free(r->document.title);
    free(r->document.department);
    for (size_t i = 0; i < r->n_checks; i++)
        bx_check_clear(&r->checks[i]);
    free(r->checks);
    for (size_t i = 0; i < r->n_facts; i++) {
        free(r->facts[i].label);
        free(r->facts[i].text);
    }
    free(r->facts);
    free(r);
}
