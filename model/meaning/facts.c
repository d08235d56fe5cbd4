/* The document's metadata and the key figures its narrative states.
 *
 * THE table of narrative phrases is below: each fact is a PCRE2 pattern run
 * on the report's text outside the tables, joined in page order with white
 * space removed (so a sentence wrapped over lines reads whole). Its first
 * match counts; group 1 is the number, group 2 its unit. */
#include "bx_meaning.h"
#include "bx_normalize.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define NUM "([0-9][0-9,]*(?:\\.[0-9]+)?)(万元|元)"

static const struct {
    const char *key;
    const char *pattern;
} fact_patterns[] = {
    {"income_budget", "收入预算" NUM},
    {"expenditure_budget", "(?<!拨款)支出预算" NUM},
    {"fiscal_income", "财政拨款收入" NUM},
    {"income_total", "本年收入合计" NUM},
    {"expenditure_total", "本年支出合计" NUM},
    {"basic_expenditure", "基本支出" NUM},
    {"project_expenditure", "项目支出" NUM},
    {"three_public", "“?三公”?经费(?:财政拨款)?(?:支出)?(?:预算数|年初预算|预算|数)?为?" NUM},
    {"operation_cost", "机关运行经费(?:财政拨款)?(?:预算|支出)?数?为?" NUM},
};

/* Words of the document's title: the stage and level of the report. */
static const struct {
    const char *word;
    const char *stage, *level;
} title_words[] = {
    {"决算", "final", NULL},
    {"预算", "budget", NULL},
    {"单位预算", NULL, "unit"},
    {"单位决算", NULL, "unit"},
    {"部门", NULL, "department"},
};


/* The report's text with the start offset of each line. */
static char *joined_text(const bx_report *r, size_t **starts)
{
    bx_buf b;
    bx_buf_init(&b);
    *starts = bx_xcalloc(r->n_text + 1, sizeof **starts);
    for (size_t i = 0; i < r->n_text; i++) {
        (*starts)[i] = b.len;
        bx_buf_puts(&b, r->text[i].text);
    }
    return bx_buf_take(&b);
}

static int page_at(const bx_report *r, const size_t *starts, size_t offset)
{
    int page = 0;
    for (size_t i = 0; i < r->n_text && starts[i] <= offset; i++)
        page = r->text[i].page;
    return page;
}

static void find_fact(bx_report *r, size_t *cap, const char *text, const size_t *starts, size_t k)
{
    bx_matcher *m = bx_matcher_new(fact_patterns[k].pattern);
    size_t from = 0;
    if (!m || !bx_matcher_next(m, text, strlen(text), &from)) {
        bx_matcher_free(m); /* the patterns are fixed: a broken one is caught by the tests */
        return;
    }
    char *num = bx_matcher_group_at(m, text, 1);
    char *unit = bx_matcher_group_at(m, text, 2);
    int64_t fen;
    if (num && unit && bx_amount_parse(num, bx_unit_fen(unit), &fen)) {
        size_t s = bx_matcher_start(m), e = bx_matcher_end(m);
        r->facts = bx_grow(r->facts, cap, r->n_facts + 1, sizeof *r->facts);
        bx_fact *f = &r->facts[r->n_facts++];
        f->key = fact_patterns[k].key;
        f->label = bx_xstrndup(text + s, e - s);
        f->text = num;
        num = NULL;
        f->fen = fen;
        f->unit_fen = bx_unit_fen(unit);
        f->page = page_at(r, starts, s);
    }
    free(num);
    free(unit);
    bx_matcher_free(m);
}

void bx_facts_find(bx_report *r)
{
    size_t *starts, cap = 0;
    char *text = joined_text(r, &starts);
    for (size_t k = 0; k < sizeof fact_patterns / sizeof fact_patterns[0]; k++)
        find_fact(r, &cap, text, starts, k);
    free(starts);
    free(text);
}

/* The cover title: the first lines of the first page with text, joined up
 * to the one that names the stage (预算/决算). */
static char *cover_title(const bx_report *r)
{
    if (r->n_text == 0)
        return NULL;
    int page = r->text[0].page;
    bx_buf b;
    bx_buf_init(&b);
    for (size_t i = 0; i < r->n_text && r->text[i].page == page && i < 6; i++) {
        bx_buf_puts(&b, r->text[i].text);
        if (strstr(r->text[i].text, title_words[0].word) || strstr(r->text[i].text, title_words[1].word))
            return bx_buf_take(&b);
    }
    bx_buf_free(&b);
    return NULL;
}

void bx_document_read(bx_report *r)
{
    bx_document *d = &r->document;
    d->title = cover_title(r);
    const char *source = d->title ? d->title : r->n_tables ? r->tables[0]->title : NULL;
    for (size_t i = 0; i < r->n_tables && !d->department; i++)
        if (r->tables[i]->department)
            d->department = bx_xstrdup(r->tables[i]->department);
    bx_patterns *pat;
    bx_error err;
    if (!d->department && bx_patterns_new(&pat, &err) == BX_OK) {
        for (size_t i = 0; i < r->n_text && !d->department && r->text[i].page == r->text[0].page; i++)
            d->department = bx_match_department(pat, r->text[i].text);
        bx_patterns_free(pat);
    }
    if (!d->department && d->title) {
        /* "上海市普陀区财政局2024年度部门决算": the name is what precedes the year */
        const char *p = d->title;
        while (*p && !(isdigit((unsigned char)*p) && bx_year_in(p) && bx_year_in(p) == atoi(p)))
            p++;
        if (*p && p > d->title)
            d->department = bx_xstrndup(d->title, (size_t)(p - d->title));
    }
    for (size_t i = 0; i < r->n_tables && source && !(d->year = bx_year_in(source)); i++)
        source = r->tables[i]->title;
    const char *words = d->title ? d->title : r->n_tables ? r->tables[0]->title : "";
    for (size_t i = 0; i < sizeof title_words / sizeof title_words[0]; i++) {
        if (!strstr(words, title_words[i].word))
            continue;
        if (title_words[i].stage && !d->stage)
            d->stage = title_words[i].stage;
        if (title_words[i].level && !d->level)
            d->level = title_words[i].level;
    }
}
