/* The meaning of a built report: kinds, columns, records, document
 * metadata, narrative figures and checks. */
#include "bx_checks.h"
#include "bx_normalize.h"
#include "consistency.h"

#include <stdlib.h>
#include <string.h>

static void clear_analysis(bx_report *r)
{
    for (size_t i = 0; i < r->n_checks; i++)
        bx_check_clear(&r->checks[i]);
    free(r->checks);
    r->checks = NULL;
    r->n_checks = 0;
    for (size_t i = 0; i < r->n_facts; i++) {
        free(r->facts[i].label);
        free(r->facts[i].text);
    }
    free(r->facts);
    r->facts = NULL;
    r->n_facts = 0;
    free(r->document.title);
    free(r->document.department);
    memset(&r->document, 0, sizeof r->document);
}

void bx_report_analyze(bx_report *r)
{
    bx_patterns *pat;
    bx_error err;
    if (bx_patterns_new(&pat, &err) != BX_OK)
        return; /* the patterns are fixed text: this cannot fail in a working build */
    clear_analysis(r);
    for (size_t i = 0; i < r->n_tables; i++) {
        bx_table *t = r->tables[i];
        t->kind = bx_kind_of_title(t->title);
        free(t->columns);
        t->columns = NULL;
        bx_table_columns(t);
        bx_records_build(t, pat);
    }
    bx_document_read(r);
    bx_facts_find(r);
    bx_checks_run(r, pat);
    bx_consistency_run(r, pat);
    bx_patterns_free(pat);
}
