/* What the review writers share, private to export/: HTML text, the page's
 * style and script, the words for checks, page images. */
#ifndef BX_REVIEW_HTML_H
#define BX_REVIEW_HTML_H

#include "bx_export.h"

#include <stdint.h>

/* Appends s with &, <, >, " escaped. */
void rv_esc(bx_buf *b, const char *s);

/* <!DOCTYPE html> … <body>: UTF-8, the viewport, the title, inline CSS. */
void rv_begin(bx_buf *b, const char *title);
/* The inline script (cells and boxes linked, keys) and </html>. */
void rv_end(bx_buf *b);

/* A rule's name for a reader ("合计 = 各类之和"), or NULL for a rule this
 * table does not know (the rule id alone is shown then). */
const char *rv_rule_label(const char *rule);
/* "未通过", "舍入差", "通过". */
const char *rv_status_label(bx_check_status s);

/* What a check found, in words: 应为 X，实为 Y，相差 Z 万元 (amounts in
 * `unit`, or percentages, or the words a finding compares). */
void rv_check_words(bx_buf *b, const bx_check *c, const char *unit);

/* fen in the unit ("万元": 10000 元), with at least two decimals. */
void rv_amount(bx_buf *b, int64_t fen, const char *unit);

/* Creates the folder unless it exists. */
bx_status rv_mkdir(const char *path, bx_error *err);

/* Writes page `page` (1-based) of doc as a grey PNG of `bits` bits per
 * pixel at `dpi`; gives its size in points and pixels. */
typedef struct {
    double width, height;
    int pixels_w, pixels_h;
} rv_page_size;
bx_status rv_render_page(bx_doc *doc, int page, double dpi, int bits, const char *path,
                         rv_page_size *size, bx_error *err);

#endif
