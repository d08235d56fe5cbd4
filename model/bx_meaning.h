/* bx_meaning.h: the meaning sub-stage. What a table is (its kind from the
 * title), what its columns hold (codes, names, value keys), its rows as
 * records, the document's metadata and the figures its narrative states;
 * and the economic classification's codes. Depends on report and normalize. */
#ifndef BX_MEANING_H
#define BX_MEANING_H

#include "bx_normalize.h"
#include "bx_report.h"

#include <stdbool.h>

/* The canonical kind of a table title ("2025年部门收入预算总表" -> "income");
 * "other" when none matches. Static string. */
const char *bx_kind_of_title(const char *title);

/* True when the fragments of phrase ('*'-separated) occur in key in order. */
int bx_phrase_match(const char *key, const char *phrase);

/* Column roles and keys from the header (fills t->columns). */
void bx_table_columns(bx_table *t);

/* The key of a header cell: bx_text_key without a leading year ("2024年"). */
char *bx_header_key(const char *text);

/* True when a header cell names a column of classification codes (类/款/项,
 * 科目编码, 單位代碼 …) by the column table: how exports keep codes as text
 * without the table's analysis. */
bool bx_header_names_code(const char *text);

/* What a header word tells a reader that must cut a run of header text into
 * columns, as the text-dump reader does (a PDF's grid shows its columns). */
typedef enum {
    BX_HEADER_UNCUT = 0,  /* known as a printed cell only, not cut out of header text */
    BX_HEADER_CODE_GROUP, /* names the 类/款/项 code columns under it */
    BX_HEADER_LABEL,      /* a text column (科目名称, 项目名称) */
    BX_HEADER_LABEL_WEAK, /* a text column only where no code columns exist (项目) */
    BX_HEADER_TOTAL,      /* an amount column summing those after it (合计, 小计) */
    BX_HEADER_AMOUNT,     /* any other amount column */
    BX_HEADER_GROUP       /* spans the amount columns named on the next header row */
} bx_header_shape;

/* One phrase of the header vocabulary: its printed spelling, its key
 * (bx_text_key of the text; a phrase holding '*' matches by fragments) and
 * its shape. */
typedef struct {
    const char *text;
    const char *key;
    bx_header_shape shape;
} bx_header_word;

/* The number of phrases in the header vocabulary (the one table every
 * reader and the column classification share). */
size_t bx_header_words_count(void);

/* Phrase i (< bx_header_words_count()) of the header vocabulary. */
bx_header_word bx_header_word_at(size_t i);

/* Column i's header path (cell keys, top to bottom, repeats and measure
 * cells dropped, '/'-joined); malloc'd. */
char *bx_column_path(const bx_table *t, size_t col);

/* fen per unit of a table's printed unit (bx_unit_fen: New Taiwan dollars
 * count in hundredths like yuan in fen); 100 (元) when no unit is printed,
 * 0 when the unit is unknown. */
int64_t bx_model_unit_fen(const char *unit);

/* fen per unit of the table's amounts (元 when it prints no unit; New
 * Taiwan dollars count in hundredths like yuan). */
int64_t bx_table_unit_fen(const bx_table *t);

/* The table's body rows as records (replaces t->records). */
void bx_records_build(bx_table *t, const bx_patterns *pat);

/* The index of the report's first table of this kind, or -1. */
int bx_table_of_kind(const bx_report *r, const char *kind);

/* The record's value in the column keyed `key`, or NULL. */
const bx_value *bx_record_value(const bx_record *rec, const char *key);

/* The record's headline amount: its total column, else its first value. */
const bx_value *bx_record_main_value(const bx_record *rec);

/* The figures the narrative states (fills r->facts). */
void bx_facts_find(bx_report *r);
/* The document's title, department, year, stage and level (fills r->document). */
void bx_document_read(bx_report *r);

/* --- The economic classification (部门预算支出经济分类科目) ------------------ */

/* The code of a printed name (matched by bx_text_key, so full-width and
 * half-width brackets and white space do not matter), or NULL. */
const char *bx_econ_code(const char *name);
/* True when name is a name of the classification or the start of one
 * (因公出国（境）费 of 因公出国（境）费用), compared as bx_text_key. */
int bx_econ_begins_name(const char *name);
/* The side a totals label sums (0 人员经费, 1 公用经费), or -1 when it
 * names neither. */
int bx_econ_total_side(const char *label);
/* True when a class (3 digits) is 人员经费 (personnel), false when it is
 * 公用经费: a 基本支出 table prints the two on separate sides. */
int bx_econ_personnel(const char *class_code);

#endif
