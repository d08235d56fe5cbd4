/* bx_report.h: the report sub-stage, under every reader. The report, table,
 * record, check and fact types; building tables and reports (readers and
 * tests use these instead of filling the structs by hand); the status and
 * level names; fen arithmetic. Depends on common only.
 *
 *     bx_report *r = bx_report_new("dump.txt");
 *     bx_table *t = bx_table_new(2);
 *     bx_table_add_row(t, (const char *[]){"合计", "10.00"});
 *     bx_report_add_table(r, t);
 *     bx_report_free(r);
 */
#ifndef BX_REPORT_H
#define BX_REPORT_H

#include "bx_common.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* --- Meaning (filled by bx_report_analyze, model/checks) ----------------- */

/* What a column holds: classification codes, item names, or values. */
typedef enum { BX_COL_OTHER = 0, BX_COL_CODE, BX_COL_NAME, BX_COL_VALUE } bx_col_role;

typedef struct {
    bx_col_role role;
    const char *key;     /* value columns: canonical key ("total", "basic" ...), static */
    const char *measure; /* "budget"/"final" when the header splits a column by it, static */
    int aggregate;       /* a total or subtotal of the columns grouped with it */
    int side;            /* 0, or 1 for the right half of a two-sided table */
} bx_column;

/* Classification level of a code: 类 / 款 / 项. */
typedef enum { BX_LEVEL_NONE = 0, BX_LEVEL_CLASS, BX_LEVEL_SECTION, BX_LEVEL_ITEM } bx_level;

typedef struct {
    size_t col;
    const char *key;     /* the column's key, static */
    const char *measure; /* the column's measure or NULL, static */
    char *text;          /* as printed */
    int has_amount;      /* text parsed as an amount (an empty cell has none) */
    int64_t fen;         /* the exact amount in fen, after the table's unit */
} bx_value;

/* One body row (one side of it, in a two-sided table) as data. */
typedef struct {
    size_t row;  /* index into the table's rows */
    int side;
    char *code;  /* digits, e.g. "2080505"; NULL when the row has none */
    bx_level level;
    const char *scheme; /* "functional" (2xx) or "economic" (3xx/5xx), or NULL, static */
    char *name;  /* the item's name, "" when none */
    int is_total;
    bx_value *values;
    size_t n_values;
} bx_record;

/* A rectangle on a page, in points from its top left (a cell's place). */
typedef struct {
    double x0, y0, x1, y1;
} bx_place;

/* A digit of a body cell that OCR read with little confidence (the
 * amount it belongs to may be misread there). */
typedef struct {
    size_t row, col; /* the body cell */
    unsigned pos;    /* which of the cell text's digits, 0 the first printed */
    char digit;      /* as read */
    char alts[7];    /* the other digits the recogniser weighed, NUL-terminated */
    float conf;      /* its confidence in `digit`, 0-100 */
} bx_weak_digit;

/* A reading of an OCRed amount that the arithmetic proves (model/checks,
 * bx_report_ocr_corrections): the printed reading breaks an identity, and
 * exactly one other reading of its weak digits makes every identity the
 * cell takes part in hold. */
typedef struct {
    size_t row, col;  /* the body cell */
    char *printed;    /* the cell as read */
    char *corrected;  /* the reading the checks prove */
    char **checks;    /* the identities that prove it (their `what`) */
    size_t n_checks;
    bool applied;     /* the cell now holds `corrected` (--ocr-correct) */
} bx_ocr_correction;

/* A table as printed. Grids are row-major arrays of n_cols strings per row;
 * every string is non-NULL ("" for an empty cell). */
typedef struct {
    char *title;      /* white space removed */
    char *unit;       /* "元", "万元" ..., or NULL when none is printed */
    char *department; /* after "编制部门：" and the like, or NULL */
    char *agency;     /* without such a label, the heading over the title, or NULL */
    int *pages;       /* 1-based physical pages holding the table's body */
    size_t n_pages;
    size_t n_cols;
    size_t n_header; /* header rows; merged cells repeated over their span */
    char **header;
    size_t n_rows; /* body rows; a merged cell's text in its leftmost column */
    char **rows;
    int *row_pages; /* the page each body row is printed on */
    /* meaning, filled by bx_report_analyze */
    const char *kind;   /* "summary", "income" ... "other" (static); NULL before analysis */
    bx_column *columns; /* n_cols of them */
    bx_record *records;
    size_t n_records;
    /* Beyond FORMAT.md (readers that have them fill them; NULL/0 otherwise):
     * named fields printed around a form (key, value pairs, 2*n_fields
     * strings) and notes on cells whose column the source leaves open. */
    size_t n_fields;
    char **fields;
    size_t n_ambiguities;
    char **ambiguities;
    /* Read by OCR (a page of it had no text layer): then the mean word
     * confidence (0-100) of its OCRed pages. */
    bool ocr;
    double ocr_confidence;
    /* Then: the body's digits read with little confidence, and the
     * readings the arithmetic proves (filled by bx_report_ocr_corrections). */
    bx_weak_digit *weak_digits;
    size_t n_weak_digits;
    bx_ocr_correction *corrections;
    size_t n_corrections;
    /* Filled by the checks: the table's printed amounts (non-empty cells of
     * its amount columns) and how many of them a passing or rounding check
     * compared; verified = n_verified / n_amounts. */
    size_t n_amounts;
    size_t n_verified;
    /* Where each cell is printed, in points from the page's top left (the
     * grid cell under the column's centre; a merged cell's box repeats over
     * its span): header_boxes (n_header * n_cols) on pages[0], boxes
     * (n_rows * n_cols) on row_pages[row]. NULL when the reader knows no
     * places (text dumps, JSON). The arrays hold n_header_boxes and n_boxes
     * rows: rows added after the last boxed one have none, rows added
     * without boxes before it have zero boxes. For `budgetx review`. */
    bx_place *header_boxes;
    bx_place *boxes;
    size_t n_header_boxes, n_boxes;
} bx_table;

/* The cell at (row, col) of the body or of the header. */
static inline const char *bx_table_cell(const bx_table *t, size_t row, size_t col)
{
    return t->rows[row * t->n_cols + col];
}
/* The cell at (row, col) of the header. */
static inline const char *bx_table_header_cell(const bx_table *t, size_t row, size_t col)
{
    return t->header[row * t->n_cols + col];
}

/* A line of text outside every table, kept for the narrative's figures. */
typedef struct {
    int page;
    char *text; /* white space removed */
} bx_text_line;

typedef struct {
    char *title;      /* the report's title (its first large line), or NULL */
    char *department; /* from the tables' 编制部门 lines or the title, or NULL */
    int year;         /* 0 when unknown; Gregorian (民國114年 is 2025) */
    char *year_printed; /* the year as printed when it is not Gregorian ("中華民國114年度"), or NULL */
    const char *stage; /* "budget" (预算) or "final" (决算), or NULL, static */
    const char *level; /* "department" (部门) or "unit" (单位/單位預算); Taiwan's "total"
                        * (總預算) or "affiliated_unit" (附屬單位預算); or NULL, static */
} bx_document;

typedef enum { BX_CHECK_PASS = 0, BX_CHECK_ROUNDING, BX_CHECK_FAIL } bx_check_status;

/* A body cell a check compared: table index, body row, grid column. */
typedef struct {
    int table;
    int row;
    int col;
} bx_cell_ref;

/* One arithmetic identity tested on the report. Rule ids are listed in README.md. */
typedef struct {
    const char *rule;  /* "row_total", "class_sum" ..., static */
    int table;         /* index into tables, or -1 */
    int row;           /* body row index, or -1 */
    int page;          /* where to look, or 0 */
    int other_table;   /* the second table of a cross-table check, or -1 */
    char *what;        /* e.g. "合计/total = basic + project" */
    int64_t expected;  /* fen */
    int64_t actual;    /* fen */
    int64_t tolerance; /* fen a rounded sum may be off by (0 when exact) */
    bx_check_status status;
    /* report-level findings (model/checks/consistency.c); NULL or 0 when unused */
    const char *severity; /* "error" or "warning", static; NULL: "error" */
    char *quote;          /* the report's own words the finding is about */
    char *expected_text;  /* a finding about words, not amounts: what agrees */
    char *actual_text;    /*   ... and what is printed */
    int percent;          /* expected/actual are percentages in 1/10000 %, not fen */
    bx_cell_ref *cells;   /* the cells compared (of table, then of other_table) */
    size_t n_cells;
} bx_check;

/* A figure stated in the narrative text. */
typedef struct {
    const char *key; /* "income_budget" ..., static */
    char *label;     /* the phrase as printed */
    char *text;      /* the number as printed */
    int64_t unit_fen; /* fen per unit of the printed unit (万元: 1000000) */
    int64_t fen;
    int page;
} bx_fact;

typedef struct {
    char *source; /* file name without folders */
    bx_table **tables;
    size_t n_tables;
    int n_pages;
    char *warning; /* from the reader (e.g. a truncated file), or NULL */
    bx_text_line *text; /* lines outside the tables, in page order */
    size_t n_text;
    bx_document document;
    bx_check *checks;
    size_t n_checks;
    bx_fact *facts;
    size_t n_facts;
} bx_report;

/* --- Building ------------------------------------------------------------- */

/* A table with n_cols columns and no rows yet. */
bx_table *bx_table_new(size_t n_cols);
/* Appends a row (copies of the n_cols strings) to the header or the body. */
void bx_table_add_header_row(bx_table *t, const char *const *cells);
/* Appends a body row (copies of the n_cols strings). */
void bx_table_add_row(bx_table *t, const char *const *cells);
/* Adds a page to the pages the table's body is printed on. */
void bx_table_add_page(bx_table *t, int page);
/* Records where the last header (header != 0) or body row added is
 * printed: n_cols boxes. */
void bx_table_set_row_boxes(bx_table *t, int header, const bx_place *boxes);
/* Adds a named field printed around a form (copies of key and value). */
void bx_table_add_field(bx_table *t, const char *key, const char *value);
/* Adds a note on a cell whose column the source leaves open (a copy). */
void bx_table_add_ambiguity(bx_table *t, const char *note);
/* Records that digit `pos` of body cell (row, col) was read by OCR as
 * `digit` with confidence conf, the recogniser's other choices in alts
 * (NUL-terminated, "" for none). */
void bx_table_add_weak_digit(bx_table *t, size_t row, size_t col, unsigned pos, char digit,
                             const char *alts, float conf);
/* Frees the table's OCR corrections (not the weak digits). */
void bx_table_clear_corrections(bx_table *t);
/* Frees the table (NULL is allowed). */
void bx_table_free(bx_table *t);

/* An empty report of the file at `path` (its source is the file name
 * without folders). */
bx_report *bx_report_new(const char *path);
/* Appends t to the report, which takes it over. */
void bx_report_add_table(bx_report *r, bx_table *t);
/* Frees the report, its tables and its checks (NULL is allowed). */
void bx_report_free(bx_report *report);

/* Appends a check of `rule` (static) about table (or -1) on page (or 0),
 * every other field zero (no row, no other table); the one recorder of
 * checks and findings. The pointer is valid until the next append. */
bx_check *bx_report_add_check(bx_report *r, const char *rule, int table, int page);
/* Frees what a check owns (not the check itself). */
void bx_check_clear(bx_check *c);
/* Frees an array of n records and what they own. */
void bx_records_free(bx_record *records, size_t n);

/* --- Names ----------------------------------------------------------------- */

/* A check's status as a word: "pass", "rounding", "fail". */
const char *bx_check_status_name(bx_check_status s);
/* A classification level as a word: "class", "section", "item"; NULL for none. */
const char *bx_level_name(bx_level l);
/* The file name of a path, without its folders (a pointer into path). */
const char *bx_base_name(const char *path);

/* --- Fen arithmetic -------------------------------------------------------- */

/* actual - expected, held within +-INT64_MAX: amounts read from a file may
 * lie anywhere in int64 fen, and their plain difference can overflow. */
int64_t bx_fen_difference(int64_t actual, int64_t expected);
/* fen rounded to a multiple of step (> 0), half away from zero; fen itself
 * when the rounded amount would not fit in int64. */
int64_t bx_fen_round(int64_t fen, int64_t step);
/* A check's status from what it expected, what is printed and how far a
 * rounded sum may be off. */
bx_check_status bx_status_of(int64_t expected, int64_t actual, int64_t tolerance);

#endif
