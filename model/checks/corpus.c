/* What the report-level rules share (toc.c, identity.c, claims.c): the text
 * as the phrases see it, its phrases compiled (normalize's bx_matcher), and
 * the recording of findings in the report's checks. A leaf: it calls none of the rule files. */
#include "consistency.h"
#include "bx_normalize.h"

#include <stdlib.h>
#include <string.h>

void bx_corpus_init(bx_corpus *c, const bx_report *r, const bx_patterns *pat)
{
    memset(c, 0, sizeof *c);
    c->r = r;
    c->pat = pat;
    c->n = r->n_text;
    c->lines = bx_xcalloc(c->n + 1, sizeof *c->lines);
    c->starts = bx_xcalloc(c->n + 1, sizeof *c->starts);
    bx_buf b;
    bx_buf_init(&b);
    bx_buf_puts(&b, "");
    for (size_t i = 0; i < c->n; i++) {
        char *nf = bx_text_nfkc(r->text[i].text ? r->text[i].text : "");
        c->lines[i] = nf ? nf : bx_xstrdup("");
        c->starts[i] = b.len;
        bx_buf_puts(&b, c->lines[i]);
    }
    c->text = bx_buf_take(&b);
    c->matchers = bx_xcalloc(bx_n_phrases + 1, sizeof *c->matchers);
    for (size_t k = 0; k < bx_n_phrases; k++)
        c->matchers[k] = bx_matcher_new(bx_phrases[k].pattern);
}

bx_matcher *bx_corpus_matcher(const bx_corpus *c, bx_phrase_type type)
{
    for (size_t k = 0; k < bx_n_phrases; k++)
        if (bx_phrases[k].type == type)
            return c->matchers[k];
    return NULL;
}

void bx_corpus_free(bx_corpus *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->lines[i]);
    free(c->lines);
    free(c->starts);
    free(c->text);
    for (size_t k = 0; c->matchers && k < bx_n_phrases; k++)
        bx_matcher_free(c->matchers[k]);
    free(c->matchers);
}

int bx_corpus_page(const bx_corpus *c, size_t offset)
{
    /* the last line starting at or before offset; the starts rise, and a
     * scan from the first line per finding was quadratic in a long text */
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->starts[mid] <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? c->r->text[lo - 1].page : 0;
}

bx_check *bx_finding_add(bx_findings *f, const char *rule, int table, int page)
{
    bx_check *c = bx_report_add_check(f->r, rule, table, page);
    c->severity = "error";
    return c;
}

int bx_claim_amount(const char *num, const char *unit, int64_t *fen, int64_t *step)
{
    /* a percentage counts in 1/10000 % */
    int64_t per = !unit ? 0 : strcmp(unit, "%") == 0 ? 10000 : bx_unit_fen(unit);
    if (!num || per <= 0 || !bx_amount_parse(num, per, fen))
        return 0;
    const char *dot = strchr(num, '.');
    int64_t s = per;
    for (const char *p = dot ? dot + 1 : ""; *p >= '0' && *p <= '9' && s > 1; p++)
        s /= 10;
    *step = s < 1 ? 1 : s;
    return 1;
}
