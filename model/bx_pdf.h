/* bx_pdf.h: the PDF sub-stage. Pages of glyphs and rules become tables:
 * title, unit, department, pages, header grid and body rows as printed,
 * tables continued over pages stitched into one. Depends on report,
 * extract and normalize; the meaning comes later (bx_report_analyze). */
#ifndef BX_PDF_H
#define BX_PDF_H

#include "bx_extract.h"
#include "bx_report.h"

/* Reads every page of doc and builds its tables, without their meaning.
 * `source` names the document in the report (its file name). Fails with
 * BX_ERR_NO_TEXT when no page has a text layer; a report with no tables is
 * not an error here (the CLI decides what that means). */
bx_status bx_report_build(bx_doc *doc, const char *source, bx_report **out, bx_error *err);

/* A cell of a grid as the model sees it on a page, for pictures of the
 * detected structure (`budgetx inspect`). */
typedef struct {
    bx_box box;
    int grid, row, col, rowspan, colspan;
    int header; /* in the grid's header rows */
} bx_cell_box;

/* The cells of every grid on page `index` (0-based). *out is malloc'd. */
bx_status bx_page_cells(bx_doc *doc, int index, bx_cell_box **out, size_t *n, bx_error *err);

#endif
