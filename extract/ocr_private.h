/* Private to extract/: reading a page without a (usable) text layer from
 * its picture. ocr_image.c renders the page and finds its rules and ruled
 * cells on the bitmap (Leptonica); ocr.c recognises the text (Tesseract's C
 * API) cell by cell and around the cells, into the same glyphs and rules a
 * text layer gives, so the stages after extract cannot tell the difference
 * (but for bx_page.ocr). */
#ifndef BX_OCR_PRIVATE_H
#define BX_OCR_PRIVATE_H

#include "bx_extract.h"

#include <leptonica/allheaders.h>
#include <poppler.h>
#include <stdbool.h>

/* The resolution pages are rendered at for OCR. Debian's Chinese models
 * read a 10.5 pt table face best at about 30 pixels (200 dpi); at 300 dpi
 * they confuse 支 and 文 on the corpus' tables, and take longer. */
#ifndef BX_OCR_DPI
#define BX_OCR_DPI 200
#endif

/* A page's picture, ready for recognition: grey (8 bpp, deskewed) and its
 * ruling lines as a 1 bpp mask, pixels per point `scale`. */
typedef struct {
    PIX *grey;
    PIX *lines;
    double scale;
} bx_ocr_image;

/* Renders pp at BX_OCR_DPI, turned by `turns` quarter turns (Leptonica's
 * pixRotateOrth: 1 clockwise) with page's size to match, deskews it (a
 * scan's small skew), finds the rules (page->rules, replaced, in points)
 * and the ruled cells (*cells: boxes in pixels, the innermost regions
 * enclosed by rules). False when the page cannot be rendered. */
int bx_ocr_image_read(PopplerPage *pp, bx_page *page, int turns, bx_ocr_image *img, BOXA **cells);

/* Whether the rules found say the page may be sideways: far more vertical
 * rule than horizontal (a table's rows outnumber its columns). */
int bx_ocr_image_sideways(const bx_page *page);

/* Whether the cell holds any ink (a speck of noise is not ink). */
int bx_ocr_box_has_ink(const bx_ocr_image *img, BOX *box);

/* The lines of text around the tables (titles, the department line,
 * notes), as boxes in pixels: the picture without its cells and rules,
 * its ink joined along lines. */
BOXA *bx_ocr_text_lines(const bx_ocr_image *img, BOXA *cells);

/* The part of the picture in box, with a white margin of pad pixels
 * (Tesseract drops glyphs that touch the picture's edge). */
PIX *bx_ocr_image_part(const bx_ocr_image *img, BOX *box, int pad);

void bx_ocr_image_free(bx_ocr_image *img);

/* The OCR engine of one document: loaded when first used. */
typedef struct bx_ocr bx_ocr;

/* Loads Tesseract and Leptonica (once per process; ocr_dl.c): false, with
 * the reason and the packages to install in why, when they cannot be. */
bool bx_ocr_library(char *why, size_t size);

/* An engine, or NULL when no Chinese language data is installed (why says
 * which package to install). Cheap: Tesseract is loaded on the first page. */
bx_ocr *bx_ocr_new(char *why, size_t size);

/* Reads page pp into page (which holds no glyphs worth keeping): its glyphs
 * and rules are replaced by what the picture shows, page->ocr set. */
void bx_ocr_page(bx_ocr *ocr, PopplerPage *pp, bx_page *page);

/* Whether the page draws a picture: a page without text nor picture (the
 * empty rows a table runs on into) has nothing to read. */
int bx_ocr_page_has_picture(PopplerPage *pp);

/* Whether the page's text layer does not decode: a good share of its
 * glyphs are no character a Chinese budget prints (U+FFFD, control
 * characters, private use, or letters of another script: what a font
 * without a ToUnicode map gives, its glyph numbers taken for code
 * points). */
int bx_ocr_text_undecodable(const bx_page *page);

void bx_ocr_free(bx_ocr *ocr);

#endif
