/* bx_model.h: the model stage, all of it: the umbrella over its sub-stages'
 * public headers, for the stages above it (export, cli) and the tests.
 * Files inside model/ include the one header of each sub-stage they use
 * instead (scripts/check-deps holds them to model/DEPENDENCIES).
 *
 *   bx_report.h   the report, table, record and check types; building them
 *   bx_pdf.h      PDF pages -> tables
 *   bx_textdump.h text dumps -> tables
 *   bx_meaning.h  kinds, columns, records, document metadata, facts
 *   bx_checks.h   bx_report_analyze: the meaning and the checks
 *   bx_reader.h   bx_report_open: any input -> an analysed report
 */
#ifndef BX_MODEL_H
#define BX_MODEL_H

#include "bx_checks.h"
#include "bx_meaning.h"
#include "bx_pdf.h"
#include "bx_reader.h"
#include "bx_report.h"
#include "bx_textdump.h"

#endif
