/* bx_checks.h: the checks sub-stage. bx_report_analyze gives a read report
 * its meaning (model/meaning) and runs the arithmetic checks and the
 * report-level rules (completeness, identity, the narrative's claims).
 * Depends on meaning, report and normalize. */
#ifndef BX_CHECKS_H
#define BX_CHECKS_H

#include "bx_report.h"

/* Gives every table its kind, column keys and records, reads the document's
 * metadata and narrative figures, and runs the checks. bx_report_open calls
 * it once; call it again after changing tables by hand (it replaces what it
 * made). */
void bx_report_analyze(bx_report *report);

/* Finds, for every failing identity of an analysed report, the OCRed cell
 * whose weak digits (bx_table.weak_digits) have exactly one other reading
 * that makes every identity the cell takes part in hold and breaks none
 * that held: those readings become the tables' corrections, offered, not
 * applied. The report is left analysed as read. A report without weak
 * digits (no OCR) is untouched. */
void bx_report_ocr_corrections(bx_report *report);

/* Puts every offered correction's reading into its cell (marking it
 * applied) and analyses the report again. */
void bx_report_apply_corrections(bx_report *report);

#endif
