/* Report-level consistency: what the report says about itself, checked as a
 * whole. The rules live in toc.c (completeness), identity.c (department and
 * year) and claims.c (the narrative's figures); their data in phrases.c,
 * what they share in corpus.c. This file runs them. */
#include "consistency.h"

#include <stdlib.h>
#include <string.h>

/* A report whose cover and titles do not name its year or stage (the
 * Xinjiang template prints neither on its tables) names them in its part
 * headings ("第二部分 2023年部门预算公开表"). */
static void fill_document(bx_report *r, const bx_corpus *c)
{
    bx_document *d = &r->document;
    for (size_t k = 0; k < bx_n_phrases && (!d->year || !d->stage); k++) {
        if (bx_phrases[k].type != BX_PHRASE_DOC_HEADING)
            continue;
        bx_matcher *m = bx_matcher_new(bx_phrases[k].pattern);
        for (size_t i = 0; m && i < c->n && (!d->year || !d->stage); i++) {
            size_t from = 0;
            if (!bx_matcher_next(m, c->lines[i], strlen(c->lines[i]), &from))
                continue;
            char *y = bx_matcher_group(m, c->lines[i], "y");
            char *budget = bx_matcher_group(m, c->lines[i], "budget");
            if (!d->year && y)
                d->year = atoi(y);
            if (!d->stage)
                d->stage = budget ? "budget" : "final";
            free(y);
            free(budget);
        }
        bx_matcher_free(m);
    }
}

void bx_consistency_run(bx_report *r, const bx_patterns *pat)
{
    /* these rules judge a report by its own words: a bare set of tables
     * (no cover, contents or narrative) is not a whole report */
    if (r->n_text == 0)
        return;
    bx_findings f = {r, r->n_checks};
    bx_corpus c;
    bx_corpus_init(&c, r, pat);
    fill_document(r, &c);
    bx_toc_check(&f, &c);
    bx_identity_check(&f, &c);
    bx_claims_check(&f, &c);
    bx_corpus_free(&c);
}
