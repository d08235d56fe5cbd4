/* bx_reader.h: the reader, the one entry that turns a file into an analysed
 * report. It tells the input apart by its content (our table JSON, a PDF,
 * a text dump), hands it to that reader and runs the analysis once.
 * Depends on pdf, textdump and checks (and json-glib).
 *
 *     bx_report *report;
 *     bx_error err;
 *     if (bx_report_open("report.pdf", 0, &report, &err) == BX_OK) {
 *         for (size_t i = 0; i < report->n_tables; i++) ... report->tables[i] ...
 *         bx_report_free(report);
 *     }
 */
#ifndef BX_READER_H
#define BX_READER_H

#include "bx_report.h"

#include <stddef.h>

/* Flags of bx_report_open. */
enum {
    BX_OPEN_NO_ANALYSIS = 1 << 0, /* tables as read: no kinds, records or checks */
};

/* Reads the file at path: a file whose first non-blank byte opens a JSON
 * object is our table JSON (FORMAT.md); else a PDF as bx_doc_open opens it;
 * else, with no PDF header, the text of a report. Fails as bx_doc_open does
 * for unusable input, and with BX_ERR_NOT_PDF for text without a table. */
bx_status bx_report_open(const char *path, unsigned flags, bx_report **out, bx_error *err);

/* Reads FORMAT.md's table JSON (ours, or the gold, or a file corrected by
 * hand) back into a report: title, pages, unit, department, header and rows
 * of each table, without their meaning (bx_report_open computes kinds,
 * records and checks afresh). Fails with BX_ERR_DAMAGED for invalid JSON
 * and BX_ERR_NOT_PDF for JSON without a "tables" array. */
bx_status bx_report_from_json(const char *text, size_t len, const char *source,
                              bx_report **out, bx_error *err);

#endif
