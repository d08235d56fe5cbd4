/* Report-level consistency: what the report says about itself, checked as a
 * whole. The rules live in toc.c (completeness), identity.c (department and
 * year) and claims.c (the narrative's figures); their data in phrases.c.
 * This file holds what they share: the text as the phrases see it, compiled
 * phrases, and the recording of findings in the report's checks. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "consistency.h"
#include "bx_normalize.h"
#include "model_private.h"

#include <pcre2.h>
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
        c->matchers[k] = bx_matcher_new(&bx_phrases[k]);
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
    int page = 0;
    for (size_t i = 0; i < c->n && c->starts[i] <= offset; i++)
        page = c->r->text[i].page;
    return page;
}

struct bx_matcher {
    pcre2_code *re;
    pcre2_match_data *md;
};

bx_matcher *bx_matcher_new(const bx_phrase *p)
{
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)p->pattern, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_UCP, &code, &off, NULL);
    if (!re)
        return NULL; /* the phrases are fixed: the tests compile every one */
    bx_matcher *m = bx_xcalloc(1, sizeof *m);
    m->re = re;
    m->md = pcre2_match_data_create_from_pattern(re, NULL);
    return m;
}

void bx_matcher_free(bx_matcher *m)
{
    if (!m)
        return;
    pcre2_match_data_free(m->md);
    pcre2_code_free(m->re);
    free(m);
}

int bx_matcher_next(bx_matcher *m, const char *subject, size_t len, size_t *from)
{
    if (!m || *from > len)
        return 0;
    if (pcre2_match(m->re, (PCRE2_SPTR)subject, len, *from, 0, m->md, NULL) < 0)
        return 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    /* an empty match would not move on: step over one character */
    size_t next = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
    while (next < len && ((unsigned char)subject[next] & 0xC0) == 0x80)
        next++;
    *from = next;
    return 1;
}

size_t bx_matcher_start(const bx_matcher *m)
{
    return pcre2_get_ovector_pointer(m->md)[0];
}

size_t bx_matcher_end(const bx_matcher *m)
{
    return pcre2_get_ovector_pointer(m->md)[1];
}

char *bx_matcher_group(const bx_matcher *m, const char *subject, const char *name)
{
    int n = pcre2_substring_number_from_name(m->re, (PCRE2_SPTR)name);
    if (n < 0)
        return NULL;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    if ((uint32_t)n >= pcre2_get_ovector_count(m->md) || ov[2 * n] == PCRE2_UNSET)
        return NULL;
    return bx_xstrndup(subject + ov[2 * n], ov[2 * n + 1] - ov[2 * n]);
}

bx_check *bx_finding_add(bx_findings *f, const char *rule, int table, int page)
{
    bx_report *r = f->r;
    r->checks = bx_grow(r->checks, &f->cap, r->n_checks + 1, sizeof *r->checks);
    bx_check *c = &r->checks[r->n_checks++];
    memset(c, 0, sizeof *c);
    c->rule = rule;
    c->table = table;
    c->row = -1;
    c->page = page;
    c->other_table = -1;
    c->severity = "error";
    return c;
}

bx_check_status bx_status_of(int64_t expected, int64_t actual, int64_t tolerance)
{
    int64_t d = bx_fen_difference(actual, expected);
    d = d < 0 ? -d : d;
    return d == 0 ? BX_CHECK_PASS : d <= tolerance ? BX_CHECK_ROUNDING : BX_CHECK_FAIL;
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

void bx_check_clear(bx_check *c)
{
    free(c->what);
    free(c->quote);
    free(c->expected_text);
    free(c->actual_text);
}

/* A report whose cover and titles do not name its year or stage (the
 * Xinjiang template prints neither on its tables) names them in its part
 * headings ("第二部分 2023年部门预算公开表"). */
static void fill_document(bx_report *r, const bx_corpus *c)
{
    bx_document *d = &r->document;
    for (size_t k = 0; k < bx_n_phrases && (!d->year || !d->stage); k++) {
        if (bx_phrases[k].type != BX_PHRASE_DOC_HEADING)
            continue;
        bx_matcher *m = bx_matcher_new(&bx_phrases[k]);
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
