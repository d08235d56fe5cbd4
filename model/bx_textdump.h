/* bx_textdump.h: the text-dump sub-stage. A dump (pdftotext output without
 * -layout, already UTF-8) becomes the report's titled tables and its prose.
 * Depends on report, meaning (the economic classification's names) and
 * normalize; the meaning of the tables comes later (bx_report_analyze). */
#ifndef BX_TEXTDUMP_H
#define BX_TEXTDUMP_H

#include "bx_report.h"

/* Rebuilds the titled tables of `text`; `source` is the file's path. */
bx_status bx_report_from_text(const char *text, const char *source, bx_report **out,
                              bx_error *err);

#endif
