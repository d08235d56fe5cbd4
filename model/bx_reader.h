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

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Flags of bx_report_open. */
enum {
    BX_OPEN_NO_ANALYSIS = 1 << 0, /* tables as read: no kinds, records or checks */
    BX_OPEN_OCR_AUTO = 1 << 1,    /* OCR PDF pages without a text layer (BX_OCR_AUTO) */
    BX_OPEN_OCR_ALWAYS = 1 << 2,  /* OCR every PDF page (BX_OCR_ALWAYS); neither: never */
    BX_OPEN_OCR_CORRECT = 1 << 3, /* put the OCR readings the checks prove into the cells */
};

/* A page selection ("15-16,20"): single pages and inclusive ranges,
 * 1-based physical pages, separated by commas; "20-" runs to the last page.
 * Plain decimal numbers only. */
typedef struct {
    int *from, *to; /* to = INT_MAX for an open range */
    size_t n;
} bx_page_set;

/* Parses text into *out (free with bx_page_set_free). False, with a reason
 * for a usage error in why[size], when the text is not such a list. */
bool bx_page_set_parse(const char *text, bx_page_set *out, char *why, size_t size);
/* True when page is in the set. */
bool bx_page_set_has(const bx_page_set *set, int page);
/* The pages of the set up to n_pages, in order (malloc'd, *n of them). */
int *bx_page_set_list(const bx_page_set *set, int n_pages, size_t *n);
/* Frees what the set holds and zeroes it. */
void bx_page_set_free(bx_page_set *set);

/* Keeps the tables printed (at least in part) on a page of the set, whole,
 * and the text lines of those pages. With analyze, the meaning and the
 * checks are computed afresh for what is kept (the document's title,
 * department and year stay the whole report's), and only the checks of
 * tables remain: the report-level findings judge a whole report. */
void bx_report_keep_pages(bx_report *report, const bx_page_set *pages, bool analyze);

/* How bx_report_open_with reads. A zeroed struct is the default. */
typedef struct {
    unsigned flags;            /* BX_OPEN_* */
    const char *password;      /* opens an encrypted PDF; NULL: none */
    const bx_page_set *pages;  /* only the tables on these pages; NULL: all */
    uint64_t max_size;         /* refuse a larger input (BX_ERR_TOO_LARGE); 0: no limit */
} bx_open_options;

/* Reads the file at path: a file whose first non-blank byte opens a JSON
 * object is our table JSON (FORMAT.md); else a PDF as bx_doc_open opens it;
 * else, with no PDF header, the text of a report. Fails as bx_doc_open does
 * for unusable input, and with BX_ERR_NOT_PDF for text without a table. */
bx_status bx_report_open(const char *path, unsigned flags, bx_report **out, bx_error *err);

/* bx_report_open with options: a password for an encrypted PDF (ignored
 * for JSON and text dumps, which have none), a page selection, applied as
 * bx_report_keep_pages does, and a size limit checked before anything is
 * read (memory grows with the input: a text dump costs tens of bytes per
 * byte). opt may be NULL. */
bx_status bx_report_open_with(const char *path, const bx_open_options *opt, bx_report **out,
                              bx_error *err);

/* The same for len bytes in memory (standard input, a language binding's
 * buffer), told apart by content as a file is and named `name` in errors.
 * An empty input fails with BX_ERR_EMPTY. */
bx_status bx_report_open_data(const char *data, size_t len, const char *name,
                              const bx_open_options *opt, bx_report **out, bx_error *err);

/* Reads FORMAT.md's table JSON (ours, or the gold, or a file corrected by
 * hand) back into a report: title, pages, unit, department, header and rows
 * of each table, without their meaning (bx_report_open computes kinds,
 * records and checks afresh). Fails with BX_ERR_DAMAGED for invalid JSON
 * and BX_ERR_NOT_PDF for JSON without a "tables" array. */
bx_status bx_report_from_json(const char *text, size_t len, const char *source,
                              bx_report **out, bx_error *err);

#endif
