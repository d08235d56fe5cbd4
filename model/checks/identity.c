/* Identity: the department's name and the fiscal year agree across the
 * cover, the contents, the part headings, the tables' 编制部门 lines and the
 * dates in the text; a template's placeholder name is a finding.
 *
 * Two names agree when one is the other with characters left out: some text
 * layers lose glyphs of large headings ("中共上海市" read as "中海市"), and a
 * name that really differs (another department, "XX局") is not a
 * subsequence of the right one. */
#include "consistency.h"
#include "bx_normalize.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *name; /* NFKC key */
    int page;
    int table;
    const char *quote; /* borrowed */
} name_seen;

typedef struct {
    name_seen *v;
    size_t n, cap;
} names;

static void names_add(names *ns, const char *name, int page, int table, const char *quote)
{
    char *key = bx_text_key(name);
    if (!key || !*key) {
        free(key);
        return;
    }
    ns->v = bx_grow(ns->v, &ns->cap, ns->n + 1, sizeof *ns->v);
    ns->v[ns->n++] = (name_seen){key, page, table, quote};
}

/* Whether every character of a occurs in b in order. */
static int subsequence(const char *a, const char *b)
{
    while (*a && *b) {
        size_t n = 1;
        while (((unsigned char)a[n] & 0xC0) == 0x80)
            n++;
        char ch[8] = {0};
        memcpy(ch, a, n < sizeof ch ? n : sizeof ch - 1);
        const char *at = strstr(b, ch);
        if (!at)
            return 0;
        b = at + n;
        a += n;
    }
    return *a == '\0';
}

static int agree(const char *a, const char *b)
{
    return strcmp(a, b) == 0 || subsequence(a, b) || subsequence(b, a);
}

static void names_in_line(names *ns, const bx_matcher *const *ms, const char *line, int page,
                          const char *quote)
{
    for (size_t k = 0, j = 0; k < bx_n_phrases; k++) {
        if (bx_phrases[k].type != BX_PHRASE_NAME)
            continue;
        bx_matcher *m = (bx_matcher *)ms[j++];
        size_t from = 0;
        if (bx_matcher_next(m, line, strlen(line), &from)) {
            char *name = bx_matcher_group(m, line, "name");
            if (name)
                names_add(ns, name, page, -1, quote);
            free(name);
        }
    }
}

static void collect_names(names *ns, const bx_corpus *c)
{
    bx_matcher *ms[16] = {0};
    size_t n = 0;
    for (size_t k = 0; k < bx_n_phrases && n < 16; k++)
        if (bx_phrases[k].type == BX_PHRASE_NAME)
            ms[n++] = bx_matcher_new(bx_phrases[k].pattern);
    const bx_report *r = c->r;
    for (size_t t = 0; t < r->n_tables; t++)
        if (r->tables[t]->department)
            names_add(ns, r->tables[t]->department,
                      r->tables[t]->n_pages ? r->tables[t]->pages[0] : 0, (int)t,
                      r->tables[t]->department);
    if (r->document.title) {
        char *nf = bx_text_nfkc(r->document.title);
        names_in_line(ns, (const bx_matcher *const *)ms, nf, r->n_text ? r->text[0].page : 1,
                      r->document.title);
        free(nf);
    }
    for (size_t i = 0; i < c->n; i++)
        names_in_line(ns, (const bx_matcher *const *)ms, c->lines[i], r->text[i].page,
                      r->text[i].text);
    for (size_t i = 0; i < n; i++)
        bx_matcher_free(ms[i]);
}

/* The name most sources print. */
static const char *majority(const names *ns)
{
    const char *best = NULL;
    size_t best_n = 0;
    for (size_t i = 0; i < ns->n; i++) {
        size_t k = 0;
        for (size_t j = 0; j < ns->n; j++)
            k += strcmp(ns->v[i].name, ns->v[j].name) == 0;
        if (k > best_n) {
            best = ns->v[i].name;
            best_n = k;
        }
    }
    return best;
}

static void department(bx_findings *f, const bx_corpus *c)
{
    names ns = {0};
    collect_names(&ns, c);
    const char *ref = majority(&ns);
    for (size_t i = 0; i < ns.n; i++) {
        bx_check *x = bx_finding_add(f, "identity_department", ns.v[i].table, ns.v[i].page);
        x->what = bx_xstrdup("the department's name agrees across the report");
        x->quote = bx_xstrdup(ns.v[i].quote);
        x->expected_text = bx_xstrdup(ref);
        x->actual_text = bx_xstrdup(ns.v[i].name);
        x->status = agree(ref, ns.v[i].name) ? BX_CHECK_PASS : BX_CHECK_FAIL;
    }
    for (size_t i = 0; i < ns.n; i++)
        free(ns.v[i].name);
    free(ns.v);
}

static void placeholders(bx_findings *f, const bx_corpus *c)
{
    for (size_t k = 0; k < bx_n_phrases; k++) {
        if (bx_phrases[k].type != BX_PHRASE_PLACEHOLDER)
            continue;
        bx_matcher *m = bx_matcher_new(bx_phrases[k].pattern);
        const bx_report *r = c->r;
        for (size_t t = 0; t < r->n_tables; t++) {
            const char *d = r->tables[t]->department;
            size_t from = 0;
            if (d && bx_matcher_next(m, d, strlen(d), &from)) {
                bx_check *x = bx_finding_add(f, bx_phrases[k].rule, (int)t,
                                             r->tables[t]->n_pages ? r->tables[t]->pages[0] : 0);
                x->what = bx_xstrdup("a department's name, not a template's placeholder");
                x->quote = bx_xstrdup(d);
                x->expected_text = bx_xstrdup(r->document.department ? r->document.department : "");
                x->actual_text = bx_xstrdup(d);
                x->status = BX_CHECK_FAIL;
            }
        }
        size_t len = strlen(c->text), from = 0;
        while (bx_matcher_next(m, c->text, len, &from)) {
            size_t s = bx_matcher_start(m), e = bx_matcher_end(m);
            bx_check *x = bx_finding_add(f, bx_phrases[k].rule, -1, bx_corpus_page(c, s));
            x->what = bx_xstrdup("a department's name, not a template's placeholder");
            x->quote = bx_xstrndup(c->text + s, e - s);
            x->expected_text = bx_xstrdup(r->document.department ? r->document.department : "");
            x->actual_text = bx_xstrndup(c->text + s, e - s);
            x->status = BX_CHECK_FAIL;
        }
        bx_matcher_free(m);
    }
}

static void year_finding(bx_findings *f, int table, int page, const char *quote, int expected,
                         int actual, const char *what)
{
    bx_check *x = bx_finding_add(f, "identity_year", table, page);
    bx_buf e, a;
    bx_buf_init(&e);
    bx_buf_init(&a);
    bx_buf_printf(&e, "%d", expected);
    bx_buf_printf(&a, "%d", actual);
    x->what = bx_xstrdup(what);
    x->quote = bx_xstrdup(quote);
    x->expected_text = bx_buf_take(&e);
    x->actual_text = bx_buf_take(&a);
    x->status = expected == actual ? BX_CHECK_PASS : BX_CHECK_FAIL;
}

static void years(bx_findings *f, const bx_corpus *c)
{
    const bx_report *r = c->r;
    int year = r->document.year;
    if (!year)
        return;
    for (size_t t = 0; t < r->n_tables; t++) {
        int y = bx_year_in(r->tables[t]->title);
        if (y)
            year_finding(f, (int)t, r->tables[t]->n_pages ? r->tables[t]->pages[0] : 0,
                         r->tables[t]->title, year, y, "a table's title names the report's year");
    }
    size_t len = strlen(c->text);
    for (size_t k = 0; k < bx_n_phrases; k++) {
        const bx_phrase *p = &bx_phrases[k];
        if (p->type != BX_PHRASE_YEAR ||
            (p->stage && (!r->document.stage || strcmp(p->stage, r->document.stage) != 0)))
            continue;
        bx_matcher *m = bx_matcher_new(p->pattern);
        size_t from = 0;
        while (bx_matcher_next(m, c->text, len, &from)) {
            char *y = bx_matcher_group(m, c->text, "y");
            size_t s = bx_matcher_start(m), e = bx_matcher_end(m);
            char *quote = bx_xstrndup(c->text + s, e - s);
            year_finding(f, -1, bx_corpus_page(c, s), quote, year + p->year_offset, y ? atoi(y) : 0,
                         p->year_offset ? "a date in the text is the year before the report's"
                                        : "a date in the text is the report's year");
            free(quote);
            free(y);
        }
        bx_matcher_free(m);
    }
}

void bx_identity_check(bx_findings *f, const bx_corpus *c)
{
    department(f, c);
    placeholders(f, c);
    years(f, c);
}
