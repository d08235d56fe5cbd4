/* bx_extract.h: the extract stage. A PDF becomes pages of glyphs (one box
 * per character, with its font) and ruling lines (table borders). It knows
 * nothing about tables.
 *
 *     bx_error err;
 *     bx_doc *doc;
 *     if (bx_doc_open("report.pdf", &doc, &err) != BX_OK) { report err.message }
 *     for (int i = 0; i < bx_doc_page_count(doc); i++) {
 *         bx_page *page;
 *         if (bx_doc_load_page(doc, i, BX_LOAD_DEFAULT, &page, &err) == BX_OK) {
 *             ... page->glyphs, page->rules ...
 *             bx_page_free(page);
 *         }
 *     }
 *     bx_doc_free(doc);
 *
 * Coordinates are PDF points with the origin at the page's top-left corner
 * and y growing downwards (as Poppler's text layout and pdftotext -bbox).
 */
#ifndef BX_EXTRACT_H
#define BX_EXTRACT_H

#include "bx_common.h"

#include <stddef.h>

typedef struct {
    double x0, y0, x1, y1;
} bx_box;

/* One printed character. */
typedef struct {
    char text[8];  /* the character, UTF-8, NUL-terminated */
    bx_box box;
    float size;    /* font size in points (0 when unknown) */
    unsigned font; /* index into bx_page.fonts */
} bx_glyph;

typedef enum { BX_RULE_H, BX_RULE_V } bx_rule_dir;

/* A horizontal (or vertical) ruling line: at y = pos (x = pos), from
 * `from` to `to` along the other axis. Thin filled rectangles and stroked
 * axis-aligned segments both become rules. */
typedef struct {
    bx_rule_dir dir;
    double pos, from, to;
    double width;
} bx_rule;

/* A digit OCR read with little confidence: where it is printed, what it
 * was read as, and the other digits the recogniser weighed, so that the
 * checks can say whether another reading is the one the arithmetic
 * proves. */
typedef struct {
    bx_box box;
    char digit;   /* as read, '0'..'9' */
    char alts[7]; /* other digits it may be, likeliest first, NUL-terminated */
    float conf;   /* Tesseract's confidence in `digit`, 0-100 */
} bx_ocr_digit;

typedef struct {
    int number; /* 1-based, as pdfinfo counts */
    double width, height;
    bx_glyph *glyphs;
    size_t n_glyphs;
    bx_rule *rules;
    size_t n_rules;
    char **fonts;
    size_t n_fonts;
    int ocr;              /* read from the page's picture (bx_doc_set_ocr) */
    float ocr_confidence; /* then: Tesseract's mean word confidence, 0-100 */
    bx_ocr_digit *weak_digits; /* then: its digits read with little confidence */
    size_t n_weak_digits;
} bx_page;

typedef struct bx_doc bx_doc;

/* Opens a PDF. Fails with BX_ERR_MISSING, _NOT_FILE, _EMPTY, _NOT_PDF,
 * _ENCRYPTED or _DAMAGED and a message naming the file. */
bx_status bx_doc_open(const char *path, bx_doc **out, bx_error *err);

/* Opens a PDF held in memory (the bytes must outlive the document). `name`
 * is used in messages only. */
bx_status bx_doc_open_data(const char *data, size_t len, const char *name, bx_doc **out,
                           bx_error *err);

/* The same for an encrypted PDF: `password` (the user or the owner
 * password; NULL for none). A wrong one fails with BX_ERR_ENCRYPTED. */
bx_status bx_doc_open_password(const char *path, const char *password, bx_doc **out,
                               bx_error *err);
/* bx_doc_open_password for a PDF held in memory (named `name` in errors). */
bx_status bx_doc_open_data_password(const char *data, size_t len, const char *name,
                                    const char *password, bx_doc **out, bx_error *err);

/* The number of pages. */
int bx_doc_page_count(const bx_doc *doc);

/* A warning about the document as a whole (e.g. it looks truncated and was
 * read as far as Poppler could recover), or NULL. */
const char *bx_doc_warning(const bx_doc *doc);

/* How bx_doc_load_page reads a page. Rules cost a render of the page's
 * paths, which also yields the text layer for free; but on a page without
 * text (a scan) the render only decodes images for nothing. So a caller
 * that expects text (the previous page had some) asks for the render
 * first; otherwise the text is probed first and the page rendered only
 * when it has text. */
typedef enum {
    BX_LOAD_DEFAULT = 0,      /* probe text first; rules only if there is text */
    BX_LOAD_RULES_ALWAYS = 1, /* render first (rules even without text) */
} bx_load_flags;

/* When pages are read from their picture (OCR) instead of their text
 * layer. */
typedef enum {
    BX_OCR_NEVER = 0, /* never: a scan has no glyphs (the default) */
    BX_OCR_AUTO,      /* pages that show a picture and have no text layer, and
                       * pages whose text layer does not decode */
    BX_OCR_ALWAYS,    /* every page, its text layer ignored */
} bx_ocr_mode;

/* Sets how doc's pages are read (before loading them). OCR renders the page
 * at 200 dpi, finds its rules on the bitmap and reads its text with
 * Tesseract (Chinese, simplified or traditional as the first page reads
 * better); the glyphs and rules it yields are those of a text layer.
 * Without the language data the mode stays BX_OCR_NEVER and
 * bx_doc_ocr_problem says which package is missing. */
void bx_doc_set_ocr(bx_doc *doc, bx_ocr_mode mode);

/* Why OCR was asked for and cannot run (e.g. its language data is not
 * installed: the message names the package), or NULL. */
const char *bx_doc_ocr_problem(const bx_doc *doc);

/* Loads page `index` (0-based): glyphs always, rules by rendering the page's
 * vector paths (glyph drawing skipped); or both from the page's picture
 * when bx_doc_set_ocr asks for it (page->ocr is then set). */
bx_status bx_doc_load_page(bx_doc *doc, int index, unsigned flags, bx_page **out, bx_error *err);

typedef struct _cairo cairo_t;
/* Draws page `index` (0-based) as printed into cr, at cr's current
 * transformation (1 unit = 1 point); for pictures of a page such as
 * `budgetx inspect`. */
bx_status bx_doc_render(bx_doc *doc, int index, cairo_t *cr, bx_error *err);

/* How many fonts the pictures drawn so far (bx_doc_render) could not load,
 * damaged or missing: their text is absent from those pictures. Poppler
 * would print a line for each; they are counted here instead, for one
 * summary line. */
unsigned bx_doc_font_failures(const bx_doc *doc);

/* Holds back what the libraries budgetx calls print to stderr on this
 * thread through fprintf (libxlsxwriter's "[ERROR]" lines on a full disk)
 * until the matching bx_stderr_hold_end; the caller reports one line of its
 * own instead. Holds nest. */
void bx_stderr_hold_begin(void);

/* Ends a hold (bx_stderr_hold_begin): how many prints it held. */
unsigned bx_stderr_hold_end(void);

/* Page `index` (0-based)'s size in points, without reading its content. */
bx_status bx_doc_page_size(bx_doc *doc, int index, double *width, double *height, bx_error *err);

/* Frees a page from bx_doc_load_page (NULL is allowed). */
void bx_page_free(bx_page *page);
/* Closes the document (NULL is allowed). */
void bx_doc_free(bx_doc *doc);

#endif
