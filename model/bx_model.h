/* bx_model.h: the model stage. Pages of glyphs and rules become tables:
 * title, unit, department, pages, header grid and body rows as printed,
 * tables continued over pages stitched into one.
 *
 *     bx_report *report;
 *     if (bx_report_build(doc, "report.pdf", &report, &err) == BX_OK) {
 *         for (size_t i = 0; i < report->n_tables; i++) ... report->tables[i] ...
 *         bx_report_free(report);
 *     }
 */
#ifndef BX_MODEL_H
#define BX_MODEL_H

#include "bx_common.h"
#include "bx_extract.h"

#include <stddef.h>
#include <stdint.h>

/* --- Meaning (computed by bx_report_analyze) ------------------------------ */

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

/* A table as printed. Grids are row-major arrays of n_cols strings per row;
 * every string is non-NULL ("" for an empty cell). */
typedef struct {
    char *title;      /* white space removed */
    char *unit;       /* "元", "万元" ..., or NULL when none is printed */
    char *department; /* after "编制部门：" and the like, or NULL */
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
    int year;         /* 0 when unknown */
    const char *stage; /* "budget" (预算) or "final" (决算), or NULL, static */
    const char *level; /* "department" (部门) or "unit" (单位), or NULL, static */
} bx_document;

typedef enum { BX_CHECK_PASS = 0, BX_CHECK_ROUNDING, BX_CHECK_FAIL } bx_check_status;

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
    /* report-level findings (model/consistency.c); NULL or 0 when unused */
    const char *severity; /* "error" or "warning", static; NULL: "error" */
    char *quote;          /* the report's own words the finding is about */
    char *expected_text;  /* a finding about words, not amounts: what agrees */
    char *actual_text;    /*   ... and what is printed */
    int percent;          /* expected/actual are percentages in 1/10000 %, not fen */
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

/* The simple interface: opens the file at path, reads it and builds its
 * report. Fails as bx_doc_open does for unusable input. */
bx_status bx_report_from_file(const char *path, bx_report **out, bx_error *err);

/* Reads every page of doc and builds its tables. `source` names the
 * document in the report (its file name). Fails with BX_ERR_NO_TEXT when no
 * page has a text layer; a report with no tables is not an error here (the
 * CLI decides what that means). */
bx_status bx_report_build(bx_doc *doc, const char *source, bx_report **out, bx_error *err);

/* Frees the report, its tables and its checks (NULL is allowed). */
void bx_report_free(bx_report *report);

/* Gives every table its kind, column keys and records, reads the document's
 * metadata and narrative figures, and runs the checks. bx_report_build calls
 * it; call it again after changing tables by hand (it replaces what it made). */
void bx_report_analyze(bx_report *report);

/* The canonical kind of a table title ("2025年部门收入预算总表" -> "income");
 * "other" when none matches. Static string. */
const char *bx_kind_of_title(const char *title);

/* Column roles and keys from the header (fills t->columns). */
void bx_table_columns(bx_table *t);

/* A checks' status as a word: "pass", "rounding", "fail". */
const char *bx_check_status_name(bx_check_status s);

/* actual - expected, held within +-INT64_MAX: amounts read from a file may
 * lie anywhere in int64 fen, and their plain difference can overflow. */
int64_t bx_fen_difference(int64_t actual, int64_t expected);

/* A cell of a grid as the model sees it on a page, for pictures of the
 * detected structure (`budgetx inspect`). */
typedef struct {
    bx_box box;
    int grid, row, col, rowspan, colspan;
    int header; /* in the grid's header rows */
} bx_cell_box;

/* The cells of every grid on page `index` (0-based). *out is malloc'd. */
bx_status bx_page_cells(bx_doc *doc, int index, bx_cell_box **out, size_t *n, bx_error *err);

/* Table construction, exposed for tests and for other readers (text dumps):
 * a table with n_cols columns and no rows yet. */
bx_table *bx_table_new(size_t n_cols);
/* Appends a row (copies of the n_cols strings) to the header or the body. */
void bx_table_add_header_row(bx_table *t, const char *const *cells);
/* Appends a body row (copies of the n_cols strings). */
void bx_table_add_row(bx_table *t, const char *const *cells);
/* Adds a page to the pages the table's body is printed on. */
void bx_table_add_page(bx_table *t, int page);
/* Adds a named field printed around a form (copies of key and value). */
void bx_table_add_field(bx_table *t, const char *key, const char *value);
/* Adds a note on a cell whose column the source leaves open (a copy). */
void bx_table_add_ambiguity(bx_table *t, const char *note);
/* Frees the table (NULL is allowed). */
void bx_table_free(bx_table *t);

/* Reads a text dump (pdftotext output without -layout, already UTF-8) and
 * rebuilds its titled tables; see model/textdump.c. */
bx_status bx_report_from_text(const char *text, const char *source, bx_report **out,
                              bx_error *err);

#endif
