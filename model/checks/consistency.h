/* Private to model/checks: the checks the analysis runs, the report-level
 * consistency rules (completeness, identity, the narrative's claims) and
 * the two data tables they read, both in phrases.c. */
#ifndef BX_CONSISTENCY_H
#define BX_CONSISTENCY_H

#include "bx_meaning.h"
#include "bx_normalize.h"

#include <stddef.h>
#include <stdint.h>

/* Appends the arithmetic checks of the report (tables must have records). */
void bx_checks_run(bx_report *r, const bx_patterns *pat);
/* Appends the report-level findings (consistency.c): completeness,
 * identity, the narrative's claims. Needs facts and document metadata. */
void bx_consistency_run(bx_report *r, const bx_patterns *pat);

/* --- THE table of required tables ------------------------------------------ */

typedef struct {
    const char *stage;  /* "budget" (部门预算) or "final" (部门决算) */
    const char *kind;   /* a kind of model/kinds.c */
    int from_year;      /* first fiscal year the rule applies to, 0: always */
    int to_year;        /* last one, 0: still */
    const char *region; /* a fragment of the department's name (a province), NULL: anywhere */
    const char *topic;  /* words a sentence explaining the table's absence names */
} bx_required_table;

extern const bx_required_table bx_required_tables[];
extern const size_t bx_n_required_tables;

/* --- THE table of phrase rules --------------------------------------------- */

/* What a phrase rule's match means. Patterns run on the NFKC form of the
 * text outside the tables (so "，（）：％" read as ",():%" and full-width
 * digits as digits), its lines joined in page order without white space. */
typedef enum {
    BX_PHRASE_AMOUNT,      /* (?<a>) is the amount of a table row: kind, row, key */
    BX_PHRASE_CLASS,       /* (?<label>)(类) (?<a>): a class row of a classified table */
    BX_PHRASE_ITEM,        /* (?<l1>)(类)(?<l2>)(款)(?<l3>)(项) (?<a>): an item row */
    BX_PHRASE_ITEM_LABEL,  /* an item named without an amount (the compare rule's subject) */
    BX_PHRASE_COMPARE,     /* budget (?<b>) [, adjusted (?<c>)], final (?<a>) [, done (?<pct>)%] */
    BX_PHRASE_CHANGE,      /* (?<a>) ... (?<dir>增加|减少) (?<x>), (?<dir2>增长|下降) (?<pct>)% */
    BX_PHRASE_GROWTH,      /* prior (?<p>), this year (?<a>), (?<dir>增加|减少) (?<pct>)% */
    BX_PHRASE_SHARE_HEAD,  /* (?<a>) heads a list of parts, each with its share */
    BX_PHRASE_SHARE,       /* part (?<b>), 占 (?<pct>)% of the head (or of `kind`) */
    BX_PHRASE_DIRECTION,   /* the comparison word after a COMPARE: (?<dir>) (?<flat>) */
    BX_PHRASE_YEAR,        /* (?<y>) must be the report's year + year_offset */
    BX_PHRASE_NAME,        /* (?<name>) names the department */
    BX_PHRASE_PLACEHOLDER, /* a name left as a template's placeholder */
    BX_PHRASE_EXPLAIN,     /* a sentence saying why there is nothing to show */
    BX_PHRASE_TOC,         /* the contents' heading (目录) */
    BX_PHRASE_TOC_NUMBER,  /* an entry's numbering, stripped before matching */
    BX_PHRASE_TOC_LEADER,  /* dot leaders and page number at an entry's end */
    BX_PHRASE_PART,        /* a part heading (第二部分 ...), not a table */
    BX_PHRASE_DOC_HEADING, /* a part heading naming (?<y>) and (?<budget>)/(?<final>) */
    BX_PHRASE_HEADING,     /* a line that starts a section: a list of shares ends there */
} bx_phrase_type;

typedef struct {
    const char *rule; /* id of the findings (README.md), or NULL for helper phrases */
    bx_phrase_type type;
    const char *pattern;
    const char *kind;  /* AMOUNT/CLASS/ITEM/SHARE: the table kind the figure is in */
    const char *row;   /* AMOUNT: '*'-fragments naming the row, NULL: the first totals row */
    const char *key;   /* value key, NULL: the row's headline amount */
    int side;          /* AMOUNT: side of a two-sided table */
    int year_offset;   /* YEAR */
    const char *stage; /* YEAR: only in reports of this stage, NULL: any */
} bx_phrase;

extern const bx_phrase bx_phrases[];
extern const size_t bx_n_phrases;

/* Single words the rules look for outside patterns. */
typedef struct {
    const char *table_suffix;      /* a contents entry naming a table ends with it */
    const char *class_mark;        /* after a class's name (NFKC) */
    const char *clause_stops[8];   /* where a quoted clause starts, NULL-ended */
    const char *empty_note_sample; /* shown as what an empty table's note says */
    const char *default_unit;      /* a table that prints no unit counts in it */
} bx_word_list;

extern const bx_word_list bx_words;

/* --- Shared by the rule files ---------------------------------------------- */

/* The report's text as the phrase rules see it. */
typedef struct {
    char *text;      /* NFKC lines joined */
    size_t *starts;  /* start offset of each line */
    char **lines;    /* each line NFKC */
    size_t n;
    const bx_report *r;
    const bx_patterns *pat; /* normalize's page phrases (empty-table notes) */
    struct bx_matcher **matchers; /* bx_phrases compiled, in their order */
} bx_corpus;

void bx_corpus_init(bx_corpus *c, const bx_report *r, const bx_patterns *pat);
void bx_corpus_free(bx_corpus *c);
int bx_corpus_page(const bx_corpus *c, size_t offset);

/* The corpus's compiled matcher of the first phrase of a type (for helper
 * phrases used over and over); do not nest two scans of one type. */
bx_matcher *bx_corpus_matcher(const bx_corpus *c, bx_phrase_type type);

/* Collects findings onto the report. */
typedef struct {
    bx_report *r;
    size_t cap;
} bx_findings;

bx_check *bx_finding_add(bx_findings *f, const char *rule, int table, int page);

/* An amount as printed ("37,151.47" in 万元) in fen; 0 when not one. */
int bx_claim_amount(const char *num, const char *unit, int64_t *fen, int64_t *step);

void bx_toc_check(bx_findings *f, const bx_corpus *c);
void bx_identity_check(bx_findings *f, const bx_corpus *c);
void bx_claims_check(bx_findings *f, const bx_corpus *c);

#endif
