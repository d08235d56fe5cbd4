/* Private to model/: helpers shared by the meaning files (kinds, columns,
 * records, checks, facts). */
#ifndef BX_MODEL_PRIVATE_H
#define BX_MODEL_PRIVATE_H

#include "bx_model.h"
#include "bx_normalize.h"

/* True when the fragments of phrase ('*'-separated) occur in key in order. */
int bx_phrase_match(const char *key, const char *phrase);

/* The key of a header cell: bx_text_key without a leading year ("2024年"). */
char *bx_header_key(const char *text);

/* Column i's header path (cell keys, top to bottom, repeats and measure
 * cells dropped, '/'-joined); malloc'd. */
char *bx_column_path(const bx_table *t, size_t col);

void bx_records_build(bx_table *t, const bx_patterns *pat);

/* fen per unit of a table's printed unit (bx_unit_fen: New Taiwan dollars
 * count in hundredths like yuan in fen); 100 (元) when no unit is printed,
 * 0 when the unit is unknown. */
int64_t bx_model_unit_fen(const char *unit);

/* The index of the report's first table of this kind, or -1. */
int bx_table_of_kind(const bx_report *r, const char *kind);

/* The record's value in the column keyed `key`, or NULL. */
const bx_value *bx_record_value(const bx_record *rec, const char *key);

/* The record's headline amount: its total column, else its first value. */
const bx_value *bx_record_main_value(const bx_record *rec);
void bx_records_free(bx_record *records, size_t n);

/* Appends the checks of the report (tables must have records). */
void bx_checks_run(bx_report *r, const bx_patterns *pat);
void bx_facts_find(bx_report *r, const bx_patterns *pat);
void bx_document_read(bx_report *r);

/* Appends the report-level findings (model/consistency.c): completeness,
 * identity, the narrative's claims. Needs facts and document metadata. */
void bx_consistency_run(bx_report *r, const bx_patterns *pat);
/* Frees what a check owns (not the check itself). */
void bx_check_clear(bx_check *c);

#endif
