/* Completeness: the tables the contents (目录) lists, the tables the
 * report's kind requires (bx_required_tables), and the notes on empty
 * tables ("本表为空表") against what the tables print. */
#include "consistency.h"
#include "bx_normalize.h"

#include <stdlib.h>
#include <string.h>

/* Longest entry line of a contents page, in characters, once its dot
 * leaders are gone: a page with a longer line is prose, not contents. */
enum { TOC_ENTRY_MAX = 40, TOC_PAGES_MAX = 3 };

static int matches(const bx_corpus *c, bx_phrase_type type, const char *s, size_t *start,
                   size_t *end)
{
    bx_matcher *m = bx_corpus_matcher(c, type);
    size_t from = 0;
    int hit = bx_matcher_next(m, s, strlen(s), &from);
    if (hit && start)
        *start = bx_matcher_start(m);
    if (hit && end)
        *end = bx_matcher_end(m);
    return hit;
}

static size_t utf8_chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* The entry without its numbering and its leaders (malloc'd). */
static char *toc_entry(const bx_corpus *c, const char *line)
{
    size_t s = 0, e = strlen(line), a, b;
    if (matches(c, BX_PHRASE_TOC_NUMBER, line, &a, &b))
        s = b;
    if (matches(c, BX_PHRASE_TOC_LEADER, line + s, &a, &b) && a > 0)
        e = s + a;
    return bx_xstrndup(line + s, e > s ? e - s : 0);
}

static int toc_page_ok(const bx_corpus *c, int page)
{
    for (size_t t = 0; t < c->r->n_tables; t++)
        for (size_t p = 0; p < c->r->tables[t]->n_pages; p++)
            if (c->r->tables[t]->pages[p] == page)
                return 0;
    int any = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (c->r->text[i].page != page)
            continue;
        char *e = toc_entry(c, c->lines[i]);
        int long_line = utf8_chars(e, strlen(e)) > TOC_ENTRY_MAX;
        free(e);
        if (long_line)
            return 0;
        any = 1;
    }
    return any;
}

/* Title keys without a leading year, for matching entries to tables. */
static char *title_key(const char *title)
{
    return bx_header_key(title ? title : "");
}

static int table_for_entry(const bx_report *r, const char *entry)
{
    const char *kind = bx_kind_of_title(entry);
    char *ek = title_key(entry);
    int other = strcmp(kind, "other") == 0;
    int found = -1;
    /* the same title; else the same kind; a table of no known kind by a title
     * that holds the other (an entry may add or drop the department's name) */
    for (int pass = 0; pass < 3 && found < 0; pass++)
        for (size_t i = 0; i < r->n_tables && found < 0; i++) {
            char *tk = title_key(r->tables[i]->title);
            const char *k = r->tables[i]->kind ? r->tables[i]->kind : "other";
            if ((pass == 0 && strcmp(tk, ek) == 0) ||
                (pass == 1 && !other && strcmp(k, kind) == 0) ||
                (pass == 2 && other && strcmp(k, "other") == 0 && *tk && *ek &&
                 (strstr(ek, tk) || strstr(tk, ek))))
                found = (int)i;
            free(tk);
        }
    free(ek);
    return found;
}

static void toc_entries(bx_findings *f, const bx_corpus *c, size_t first)
{
    int p0 = c->r->text[first].page, last = p0;
    while (last < p0 + TOC_PAGES_MAX && toc_page_ok(c, last + 1))
        last++;
    for (size_t i = first + 1; i < c->n && c->r->text[i].page <= last; i++) {
        /* the body begins where the first entry's heading comes again */
        if (i > first + 1 && c->r->text[i].page > p0 && strcmp(c->lines[i], c->lines[first + 1]) == 0)
            break;
        char *e = toc_entry(c, c->lines[i]);
        size_t n = strlen(e);
        size_t w = strlen(bx_words.table_suffix);
        int is_table = n >= w && strcmp(e + n - w, bx_words.table_suffix) == 0 &&
                       !matches(c, BX_PHRASE_PART, e, NULL, NULL);
        if (is_table) {
            int t = table_for_entry(c->r, e);
            bx_check *k = bx_finding_add(f, "toc_table", t, c->r->text[i].page);
            k->what = bx_xstrdup("a table the contents lists is printed");
            k->quote = bx_xstrdup(c->r->text[i].text);
            k->expected_text = bx_xstrdup(e);
            k->actual_text = bx_xstrdup(t >= 0 ? c->r->tables[t]->title : "(no such table)");
            k->status = t >= 0 ? BX_CHECK_PASS : BX_CHECK_FAIL;
        }
        free(e);
    }
}

static int has_amount(const bx_table *t)
{
    for (size_t i = 0; i < t->n_records; i++)
        for (size_t j = 0; j < t->records[i].n_values; j++)
            if (t->records[i].values[j].has_amount && *t->records[i].values[j].text)
                return 1;
    return 0;
}

/* A line anywhere that names topic and says there is nothing: the
 * report's explanation of an empty or missing table. */
static long explanation(const bx_corpus *c, const char *topic)
{
    for (size_t i = 0; i < c->n; i++)
        if (strstr(c->lines[i], topic) && matches(c, BX_PHRASE_EXPLAIN, c->lines[i], NULL, NULL))
            return (long)i;
    return -1;
}

static void required(bx_findings *f, const bx_corpus *c)
{
    const bx_document *d = &c->r->document;
    for (size_t k = 0; d->stage && k < bx_n_required_tables; k++) {
        const bx_required_table *q = &bx_required_tables[k];
        if (strcmp(q->stage, d->stage) != 0 || (q->from_year && d->year && d->year < q->from_year) ||
            (q->to_year && d->year > q->to_year) ||
            (q->region && (!d->department || !strstr(d->department, q->region))))
            continue;
        int t = -1;
        for (size_t i = 0; i < c->r->n_tables && t < 0; i++)
            if (c->r->tables[i]->kind && strcmp(c->r->tables[i]->kind, q->kind) == 0)
                t = (int)i;
        long why = t < 0 ? explanation(c, q->topic) : -1;
        bx_check *x = bx_finding_add(f, "required_table", t, t >= 0 && c->r->tables[t]->n_pages
                                                                ? c->r->tables[t]->pages[0]
                                                            : why >= 0 ? c->r->text[why].page : 0);
        bx_buf w;
        bx_buf_init(&w);
        bx_buf_printf(&w, "a %s report prints its %s table", d->stage, q->kind);
        x->what = bx_buf_take(&w);
        x->expected_text = bx_xstrdup(q->kind);
        x->actual_text = bx_xstrdup(t >= 0 ? c->r->tables[t]->title : why >= 0 ? "(explained)" : "(missing)");
        if (why >= 0)
            x->quote = bx_xstrdup(c->r->text[why].text);
        x->status = t >= 0 || why >= 0 ? BX_CHECK_PASS : BX_CHECK_FAIL;
    }
}

/* The table a note line belongs to: the nearest title printed above it. */
static int table_of_line(const bx_corpus *c, size_t line)
{
    for (size_t i = line + 1; i-- > 0;) {
        if (c->r->text[i].page + 1 < c->r->text[line].page)
            break;
        char *lk = title_key(c->r->text[i].text);
        int found = -1;
        for (size_t t = 0; t < c->r->n_tables && found < 0; t++) {
            char *tk = title_key(c->r->tables[t]->title);
            if (*tk && strcmp(tk, lk) == 0)
                found = (int)t;
            free(tk);
        }
        free(lk);
        if (found >= 0)
            return found;
    }
    return -1;
}

/* Every empty table of amounts says why it is empty: a note on its page
 * ("本表为空表"; whether that note is true is checks.c's empty_note) or a
 * sentence of the text naming it. */
static void empty_explained(bx_findings *f, const bx_corpus *c)
{
    int *noted = bx_xcalloc(c->r->n_tables + 1, sizeof *noted);
    for (size_t i = 0; i < c->n; i++) {
        if (!bx_is_empty_note(c->pat, c->r->text[i].text))
            continue;
        int t = table_of_line(c, i);
        if (t >= 0)
            noted[t] = (int)i + 1;
    }
    for (size_t t = 0; t < c->r->n_tables; t++) {
        const bx_table *tb = c->r->tables[t];
        if (has_amount(tb))
            continue;
        /* a required kind: forms and tables of other kinds hold words */
        long why = noted[t] ? noted[t] - 1 : -1;
        int of_amounts = 0;
        for (size_t k = 0; k < bx_n_required_tables; k++)
            if (tb->kind && strcmp(bx_required_tables[k].kind, tb->kind) == 0) {
                of_amounts = 1;
                if (why < 0)
                    why = explanation(c, bx_required_tables[k].topic);
            }
        if (!of_amounts)
            continue;
        bx_check *x = bx_finding_add(f, "empty_explained", (int)t, tb->n_pages ? tb->pages[0] : 0);
        x->what = bx_xstrdup("an empty table says why it is empty");
        x->expected_text = bx_xstrdup(bx_words.empty_note_sample);
        x->actual_text = bx_xstrdup(why >= 0 ? "(explained)" : "(no note)");
        if (why >= 0)
            x->quote = bx_xstrdup(c->r->text[why].text);
        x->status = why >= 0 ? BX_CHECK_PASS : BX_CHECK_FAIL;
        x->severity = "warning";
    }
    free(noted);
}

void bx_toc_check(bx_findings *f, const bx_corpus *c)
{
    for (size_t i = 0; i < c->n; i++)
        if (matches(c, BX_PHRASE_TOC, c->lines[i], NULL, NULL)) {
            toc_entries(f, c, i);
            break;
        }
    required(f, c);
    empty_explained(f, c);
}
