/* A page's picture for OCR: rendered by Poppler, deskewed, its ruling lines
 * and ruled cells found with Leptonica's morphology. */
#include "ocr_private.h"

#include <cairo.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* A pixel darker than this (0 black .. 255 white) is ink. Scans are grey
 * with soft edges; 160 keeps thin rules whole without thickening text. */
#define INK_THRESHOLD 160
/* A horizontal rule is a dark run at least this long (points): longer than
 * the longest stroke of a title's glyph (一 at 18 pt), shorter than a
 * narrow column. */
#define RULE_MIN_H 24.0
/* A vertical one: a header cell's side can be one row high (about 15 pt),
 * a body glyph's stroke stays under 10 pt. */
#define RULE_MIN_V 12.0
/* Thicker runs are filled areas (shading, black bars), not lines. */
#define RULE_MAX_WIDTH 3.0
/* Skew angles (degrees) worth correcting: below, rows stay within a pixel
 * or two over a page; above, the page is not a skewed table scan. */
#define SKEW_MIN 0.1
#define SKEW_MAX 5.0
/* A cell smaller than this (points) is the gap between two close lines. */
#define CELL_MIN 4.0
/* A page whose vertical rules run this many times longer in all than its
 * horizontal ones may be sideways: a table's row rules outnumber its
 * column rules (20 rows of 7 columns: horizontal 2 to 3 times longer). */
#define SIDEWAYS_RATIO 1.5
/* Ink below this share of a cell's area is scanner noise. */
#define INK_MIN_SHARE 0.002

static PIX *render_grey(PopplerPage *pp, double width, double height, double scale)
{
    int w = (int)ceil(width * scale), h = (int)ceil(height * scale);
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        return NULL;
    }
    cairo_t *cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render(pp, cr);
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    const unsigned char *data = cairo_image_surface_get_data(surface);
    int stride = cairo_image_surface_get_stride(surface);
    PIX *pix = pixCreate(w, h, 8);
    l_uint32 *out = pixGetData(pix);
    int wpl = pixGetWpl(pix);
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);
        l_uint32 *line = out + (size_t)y * wpl;
        for (int x = 0; x < w; x++) {
            uint32_t p = row[x];
            unsigned grey = (((p >> 16) & 0xff) * 77 + ((p >> 8) & 0xff) * 150 + (p & 0xff) * 29) >> 8;
            SET_DATA_BYTE(line, x, grey);
        }
    }
    cairo_surface_destroy(surface);
    int dpi = (int)lround(scale * 72.0);
    pixSetResolution(pix, dpi, dpi);
    return pix;
}

/* Rotates a scan's small skew away (the angle measured on its ink). */
static PIX *deskew(PIX *grey, PIX **bin)
{
    l_float32 angle = 0, conf = 0;
    if (pixFindSkew(*bin, &angle, &conf) != 0 || conf < 3.0 || fabsf(angle) < SKEW_MIN ||
        fabsf(angle) > SKEW_MAX)
        return grey;
    PIX *rotated = pixRotate(grey, (l_float32)(angle * 3.14159265358979 / 180.0), L_ROTATE_AREA_MAP,
                             L_BRING_IN_WHITE, 0, 0);
    if (!rotated)
        return grey;
    pixDestroy(&grey);
    pixDestroy(bin);
    *bin = pixConvertTo1(rotated, INK_THRESHOLD);
    return rotated;
}

static void add_rule(bx_page *page, size_t *cap, bx_rule r)
{
    page->rules = bx_grow(page->rules, cap, page->n_rules + 1, sizeof *page->rules);
    page->rules[page->n_rules++] = r;
}

/* A run this long (points) is a rule on its own: a horizontal one as long
 * as a table is wide (a three-line table's), a vertical one taller than
 * any glyph. A shorter one is a rule only where it meets such a rule
 * across it (a header cell's side, the line under a merged header): a
 * title's glyphs set close touch into long dark runs both ways, but none
 * of those is that long. */
#define RULE_ALONE_H 144.0
#define RULE_ALONE_V 36.0

static int meets(PIX *across, l_int32 x, l_int32 y, l_int32 w, l_int32 h)
{
    BOX *wider = boxCreate(x - 4, y - 4, w + 8, h + 8);
    l_int32 count = 0;
    pixCountPixelsInRect(across, wider, &count, NULL);
    boxDestroy(&wider);
    return count > 0;
}

/* The connected runs of `mask` as rules of direction dir, those kept also
 * drawn into `lines`. */
static void rules_of(PIX *mask, PIX *across, double alone, bx_rule_dir dir, double scale,
                     bx_page *page, size_t *cap, PIX *lines)
{
    BOXA *boxes = pixConnCompBB(mask, 8);
    int n = boxes ? boxaGetCount(boxes) : 0;
    for (int i = 0; i < n; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
        double width = (dir == BX_RULE_H ? h : w) / scale;
        double length = (dir == BX_RULE_H ? w : h) / scale;
        if (width > RULE_MAX_WIDTH || (length < alone && !meets(across, x, y, w, h)))
            continue;
        bx_rule r = {dir, 0, 0, 0, width};
        if (dir == BX_RULE_H)
            r.pos = (y + h / 2.0) / scale, r.from = x / scale, r.to = (x + w) / scale;
        else
            r.pos = (x + w / 2.0) / scale, r.from = y / scale, r.to = (y + h) / scale;
        add_rule(page, cap, r);
        pixRasterop(lines, x, y, w, h, PIX_SRC | PIX_DST, mask, x, y);
    }
    boxaDestroy(&boxes);
}

/* Rules as long dark runs: an opening with a long thin brick keeps lines
 * and erases text, whose strokes are shorter. */
static PIX *find_rules(PIX *bin, double scale, bx_page *page)
{
    size_t cap = page->n_rules;
    PIX *h = pixOpenBrick(NULL, bin, (l_int32)(RULE_MIN_H * scale), 1);
    PIX *v = pixOpenBrick(NULL, bin, 1, (l_int32)(RULE_MIN_V * scale));
    PIX *lines = pixCreateTemplate(bin);
    /* the runs long enough to be rules on their own */
    PIX *h_long = pixSelectBySize(h, (l_int32)(RULE_ALONE_H * scale), 0, 8, L_SELECT_WIDTH,
                                  L_SELECT_IF_GTE, NULL);
    PIX *v_long = pixSelectBySize(v, 0, (l_int32)(RULE_ALONE_V * scale), 8, L_SELECT_HEIGHT,
                                  L_SELECT_IF_GTE, NULL);
    rules_of(h, v_long, RULE_ALONE_H, BX_RULE_H, scale, page, &cap, lines);
    rules_of(v, h_long, RULE_ALONE_V, BX_RULE_V, scale, page, &cap, lines);
    pixDestroy(&h_long);
    pixDestroy(&v_long);
    pixDestroy(&h);
    pixDestroy(&v);
    return lines;
}

static int box_inside(const BOX *inner, const BOX *outer)
{
    l_int32 ix, iy, iw, ih, ox, oy, ow, oh;
    boxGetGeometry((BOX *)inner, &ix, &iy, &iw, &ih);
    boxGetGeometry((BOX *)outer, &ox, &oy, &ow, &oh);
    return ix >= ox && iy >= oy && ix + iw <= ox + ow && iy + ih <= oy + oh;
}

/* The regions that rules enclose: the white between the lines, split where
 * lines separate it; the region reaching the page's edge is the page
 * around the tables, and a region holding others (a frame around a table)
 * is no cell. */
static BOXA *find_cells(PIX *lines, double scale)
{
    PIX *grown = pixDilateBrick(NULL, lines, 3, 3);
    PIX *space = pixInvert(NULL, grown);
    pixDestroy(&grown);
    BOXA *all = pixConnCompBB(space, 4);
    l_int32 W = pixGetWidth(space), H = pixGetHeight(space);
    pixDestroy(&space);
    int n = all ? boxaGetCount(all) : 0;
    BOXA *cells = boxaCreate(n > 0 ? n : 1);
    int min = (int)(CELL_MIN * scale);
    for (int i = 0; i < n; i++) {
        BOX *b = boxaGetBox(all, i, L_CLONE);
        l_int32 x, y, w, h;
        boxGetGeometry(b, &x, &y, &w, &h);
        int keep = x > 0 && y > 0 && x + w < W && y + h < H && w >= min && h >= min;
        for (int k = 0; keep && k < n; k++)
            if (k != i) {
                BOX *o = boxaGetBox(all, k, L_CLONE);
                keep = !box_inside(o, b);
                boxDestroy(&o);
            }
        if (keep)
            boxaAddBox(cells, b, L_COPY);
        boxDestroy(&b);
    }
    boxaDestroy(&all);
    return cells;
}

int bx_ocr_image_read(PopplerPage *pp, bx_page *page, int turns, bx_ocr_image *img,
                      BOXA **cells)
{
    *img = (bx_ocr_image){0};
    *cells = NULL;
    img->scale = BX_OCR_DPI / 72.0;
    double width, height;
    poppler_page_get_size(pp, &width, &height);
    free(page->rules);
    page->rules = NULL;
    page->n_rules = 0;
    PIX *grey = render_grey(pp, width, height, img->scale);
    if (!grey)
        return 0;
    if (turns % 4) { /* a page scanned sideways: read upright, the page turned with it */
        PIX *turned = pixRotateOrth(grey, turns % 4);
        pixDestroy(&grey);
        if (!turned)
            return 0;
        grey = turned;
    }
    page->width = turns % 2 ? height : width;
    page->height = turns % 2 ? width : height;
    PIX *bin = pixConvertTo1(grey, INK_THRESHOLD);
    img->grey = deskew(grey, &bin);
    img->lines = find_rules(bin, img->scale, page);
    pixDestroy(&bin);
    /* the rules leave the picture: Tesseract reads a cell's side as 丨 or
     * 1, and cropping a cell short of them would cut the glyphs that touch
     * them */
    PIX *grown = pixDilateBrick(NULL, img->lines, 5, 5); /* with their grey edges */
    pixPaintThroughMask(img->grey, grown, 0, 0, 255);
    pixDestroy(&grown);
    *cells = find_cells(img->lines, img->scale);
    return 1;
}

int bx_ocr_image_sideways(const bx_page *page)
{
    double h = 0, v = 0;
    for (size_t i = 0; i < page->n_rules; i++) {
        const bx_rule *r = &page->rules[i];
        *(r->dir == BX_RULE_H ? &h : &v) += r->to - r->from;
    }
    return v > SIDEWAYS_RATIO * h && v > 0;
}

int bx_ocr_box_has_ink(const bx_ocr_image *img, BOX *box)
{
    PIX *part = pixClipRectangle(img->grey, box, NULL);
    if (!part)
        return 0;
    PIX *bin = pixConvertTo1(part, INK_THRESHOLD);
    l_int32 ink = 0;
    pixCountPixels(bin, &ink, NULL);
    double area = (double)pixGetWidth(part) * pixGetHeight(part);
    pixDestroy(&bin);
    pixDestroy(&part);
    return ink > INK_MIN_SHARE * area;
}

/* Ink joined into lines: glyphs a little apart (letter-spaced titles) run
 * together, lines a few points apart stay apart. */
#define LINE_JOIN_H 8.0
#define LINE_JOIN_V 2.0

/* Boxes side by side on one line, closer than this many line heights, are
 * one line: a title's glyphs spaced apart, a full-width colon's white. */
#define LINE_GAP_HEIGHTS 1.2

static int same_line(BOX *a, BOX *b)
{
    l_int32 ax, ay, aw, ah, bx, by, bw, bh;
    boxGetGeometry(a, &ax, &ay, &aw, &ah);
    boxGetGeometry(b, &bx, &by, &bw, &bh);
    int overlap = (ay + ah < by + bh ? ay + ah : by + bh) - (ay > by ? ay : by);
    int gap = ax < bx ? bx - (ax + aw) : ax - (bx + bw);
    int hmin = ah < bh ? ah : bh, hmax = ah > bh ? ah : bh;
    return overlap * 2 >= hmin && gap <= LINE_GAP_HEIGHTS * hmax;
}

/* Joins the boxes of one line (takes boxes). */
static BOXA *merge_lines(BOXA *boxes)
{
    int n = boxes ? boxaGetCount(boxes) : 0;
    for (int merged = 1; merged;) {
        merged = 0;
        for (int i = 0; i < n && !merged; i++)
            for (int k = i + 1; k < n && !merged; k++) {
                BOX *a = boxaGetBox(boxes, i, L_CLONE), *b = boxaGetBox(boxes, k, L_CLONE);
                if (same_line(a, b)) {
                    BOX *u = boxBoundingRegion(a, b);
                    boxaReplaceBox(boxes, i, u);
                    boxaRemoveBox(boxes, k);
                    n--;
                    merged = 1;
                }
                boxDestroy(&a);
                boxDestroy(&b);
            }
    }
    return boxes;
}

BOXA *bx_ocr_text_lines(const bx_ocr_image *img, BOXA *cells)
{
    PIX *out = pixCopy(NULL, img->grey);
    PIX *grown = pixDilateBrick(NULL, img->lines, 5, 5);
    pixPaintThroughMask(out, grown, 0, 0, 255);
    pixDestroy(&grown);
    for (int i = 0; i < boxaGetCount(cells); i++) {
        BOX *b = boxaGetBox(cells, i, L_CLONE);
        pixSetInRect(out, b); /* all bits set: white */
        boxDestroy(&b);
    }
    PIX *bin = pixConvertTo1(out, INK_THRESHOLD);
    pixDestroy(&out);
    PIX *joined = pixCloseBrick(NULL, bin, (l_int32)(LINE_JOIN_H * img->scale),
                                (l_int32)(LINE_JOIN_V * img->scale));
    pixDestroy(&bin);
    BOXA *lines = merge_lines(pixConnCompBB(joined, 8));
    pixDestroy(&joined);
    BOXA *kept = boxaCreate(1);
    int min = (int)(2.0 * img->scale); /* specks are not text */
    for (int i = 0; lines && i < boxaGetCount(lines); i++) {
        BOX *b = boxaGetBox(lines, i, L_CLONE);
        l_int32 x, y, w, h;
        boxGetGeometry(b, &x, &y, &w, &h);
        if (h >= min && w >= min && bx_ocr_box_has_ink(img, b))
            boxaAddBox(kept, b, L_COPY);
        boxDestroy(&b);
    }
    boxaDestroy(&lines);
    return kept;
}

PIX *bx_ocr_image_part(const bx_ocr_image *img, BOX *box, int pad)
{
    /* a little beyond the box: the cell reaches under its rules */
    l_int32 x, y, w, h;
    boxGetGeometry(box, &x, &y, &w, &h);
    BOX *wider = boxCreate(x - 3, y - 3, w + 6, h + 6);
    PIX *part = pixClipRectangle(img->grey, wider, NULL);
    boxDestroy(&wider);
    if (!part)
        return NULL;
    PIX *framed = pixAddBorder(part, pad, 255);
    pixDestroy(&part);
    pixCopyResolution(framed, img->grey);
    return framed;
}

void bx_ocr_image_free(bx_ocr_image *img)
{
    pixDestroy(&img->grey);
    pixDestroy(&img->lines);
}
