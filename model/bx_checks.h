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

#endif
