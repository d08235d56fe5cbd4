/* Private to model/pdf: the digits OCR was unsure of, from the page to the
 * table cells they are printed in (model/pdf/weak.c). */
#ifndef BX_WEAK_H
#define BX_WEAK_H

#include "bx_extract.h"
#include "bx_report.h"

/* Gives every body row of r's tables printed on page (an OCRed one) the
 * page's weak digits that lie in its cells, each with its place among the
 * cell's digits. A cell whose digits on the page do not match its text
 * (joined, split or cleaned since) gets none. */
void bx_weak_digits_attach(bx_report *r, const bx_page *page);

#endif
