/* Recognising a page's text with Tesseract's C API: each ruled cell on its
 * own (a cell is a block of one or a few lines, which Tesseract reads far
 * better than a whole ruled page, whose lines it takes for text), amounts a
 * second time with only the characters amounts are printed with, and the
 * text around the cells as a page of its own. Every recognised character
 * becomes a glyph with its box, as the text layer would give it. */
#include "ocr_private.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tesseract/capi.h>

#ifndef BX_TESSDATA
#define BX_TESSDATA "/usr/share/tesseract-ocr/5/tessdata"
#endif

/* The characters amounts and codes are printed with. */
#define AMOUNT_CHARS "0123456789.,-%"

/* Simplified (mainland) and traditional (Taiwan) Chinese. */
enum { LANG_SIM, LANG_TRA, N_LANGS };
static const char *const lang_names[N_LANGS] = {"chi_sim", "chi_tra"};
static const char *const lang_packages[N_LANGS] = {"tesseract-ocr-chi-sim", "tesseract-ocr-chi-tra"};

struct bx_ocr {
    char *datapath;
    int have[N_LANGS];
    int have_eng;
    int lang;              /* chosen on the first page read; -1 before */
    TessBaseAPI *api[N_LANGS];
    TessBaseAPI *digits;   /* the chosen language, amount characters only */
};

/* Per page: the glyphs found and the confidence of the words. */
typedef struct {
    bx_page *page;
    size_t cap;
    double scale;
    double conf_sum;
    size_t n_words;
    unsigned font; /* the page's font entry for recognised text */
    int ox, oy;    /* where the picture being read lies on the page (pixels) */
    size_t weak_cap;
} reading;

/* A digit read with less confidence than this (0-100) is kept as weak, for
 * the checks to prove or correct. The per-symbol confidences are rough:
 * on the corpus' scans digits read right score from about 50 up (every
 * third one of an amount lower, the model's quirk), and an 8 with its left
 * strokes lost was read 3 at 99. So the bar is high, and the arithmetic,
 * not the confidence, decides. */
#ifndef BX_OCR_WEAK_CONF
#define BX_OCR_WEAK_CONF 95.0f
#endif

static unsigned ocr_font(bx_page *page)
{
    page->fonts = bx_xrealloc(page->fonts, (page->n_fonts + 1) * sizeof *page->fonts);
    page->fonts[page->n_fonts] = bx_xstrdup("OCR");
    return (unsigned)page->n_fonts++;
}

static int file_exists(const char *dir, const char *lang)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.traineddata", dir, lang);
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bx_ocr *bx_ocr_new(char *why, size_t size)
{
    if (!bx_ocr_library(why, size)) /* OCR's libraries are loaded at first use */
        return NULL;
    /* Tesseract's own rule: TESSDATA_PREFIX names the folder of the data */
    const char *dir = getenv("TESSDATA_PREFIX");
    if (!dir || !*dir)
        dir = BX_TESSDATA;
    bx_ocr *o = bx_xcalloc(1, sizeof *o);
    o->datapath = bx_xstrdup(dir);
    o->lang = -1;
    int any = 0;
    for (int i = 0; i < N_LANGS; i++)
        any |= o->have[i] = file_exists(dir, lang_names[i]);
    o->have_eng = file_exists(dir, "eng");
    if (!any) {
        snprintf(why, size, "OCR needs Tesseract's Chinese language data, not found in %s "
                            "(install %s or %s)", dir, lang_packages[LANG_SIM],
                 lang_packages[LANG_TRA]);
        bx_ocr_free(o);
        return NULL;
    }
    return o;
}

static TessBaseAPI *engine_new(const bx_ocr *o, const char *lang, const char *whitelist)
{
    TessBaseAPI *api = TessBaseAPICreate();
    /* Tesseract's diagnostics would land on our stderr */
    char *config_vars[] = {"debug_file"}, *config_values[] = {"/dev/null"};
    if (TessBaseAPIInit4(api, o->datapath, lang, OEM_LSTM_ONLY, NULL, 0, config_vars,
                         config_values, 1, 0) != 0) {
        TessBaseAPIDelete(api);
        return NULL;
    }
    /* an inverted second reading of every weak line doubles the time for
     * white-on-black text that budget tables do not print */
    TessBaseAPISetVariable(api, "tessedit_do_invert", "0");
    if (whitelist)
        TessBaseAPISetVariable(api, "tessedit_char_whitelist", whitelist);
    /* the decoder's other choices per symbol, for a weak digit's
     * alternatives (digit_choices) */
    TessBaseAPISetVariable(api, "lstm_choice_mode", "2");
    return api;
}

static int is_digit_glyph(const bx_glyph *g)
{
    return g->text[0] >= '0' && g->text[0] <= '9' && g->text[1] == '\0';
}

/* A numbered item ("1.一般公共预算资金") is read "1，": the models take the
 * point after a number that opens a line, followed by anything but a
 * digit, for a comma; a comma never stands there. g[0..n) are one reading's
 * glyphs, lines told by their shared top. */
static void fix_item_numbers(bx_glyph *g, size_t n)
{
    for (size_t i = 1; i + 1 < n; i++) {
        if (strcmp(g[i].text, "，") != 0 && strcmp(g[i].text, ",") != 0)
            continue;
        size_t k = i;
        while (k > 0 && is_digit_glyph(&g[k - 1]) && g[k - 1].box.y0 == g[i].box.y0)
            k--;
        int opens = k == 0 || g[k - 1].box.y0 != g[i].box.y0;
        if (k < i && i - k <= 2 && opens && g[i + 1].box.y0 == g[i].box.y0 &&
            !is_digit_glyph(&g[i + 1]))
            strcpy(g[i].text, ".");
    }
}

static int is_separator(const char *t)
{
    return strcmp(t, ",") == 0 || strcmp(t, ".") == 0;
}

/* An amount's separators as amounts print them, where the digits say which
 * each is: a separator before the last two digits is the decimal point
 * (a thousands comma has three after it), one before three digits and
 * another separator a thousands comma, and a doubled one a single one.
 * The models confuse , and . in small print. g[0..n): one amount's glyphs. */
static void fix_separators(bx_glyph *g, size_t *n)
{
    size_t k = 0;
    for (size_t i = 0; i < *n; i++) /* doubled: keep one, the point if either */
        if (k > 0 && is_separator(g[i].text) && is_separator(g[k - 1].text)) {
            if (strcmp(g[i].text, ".") == 0)
                strcpy(g[k - 1].text, ".");
        } else
            g[k++] = g[i];
    *n = k;
    for (size_t i = 0; i < k; i++) {
        if (!is_separator(g[i].text))
            continue;
        size_t d = i + 1;
        while (d < k && is_digit_glyph(&g[d]))
            d++;
        if (d == k && d - i - 1 == 2)
            strcpy(g[i].text, ".");
        else if (d < k && d - i - 1 == 3 && is_separator(g[d].text))
            strcpy(g[i].text, ",");
    }
}

/* The other digits Tesseract weighed for the symbol at it (its LSTM
 * alternatives; lstm_choice_mode must be on), likeliest first, into alts
 * (NUL-terminated, at most size - 1). */
static void digit_choices(TessResultIterator *it, char digit, char *alts, size_t size)
{
    size_t n = 0;
    TessChoiceIterator *ci = TessResultIteratorGetChoiceIterator(it);
    if (ci) {
        do {
            const char *t = TessChoiceIteratorGetUTF8Text(ci);
            if (t && t[0] >= '0' && t[0] <= '9' && t[1] == '\0' && t[0] != digit &&
                !memchr(alts, t[0], n) && n + 1 < size)
                alts[n++] = t[0];
        } while (TessChoiceIteratorNext(ci));
        TessChoiceIteratorDelete(ci);
    }
    alts[n] = '\0';
}

/* Keeps the digit glyph g, read at it, as weak when its confidence is low. */
static void keep_if_weak(TessResultIterator *it, const bx_glyph *g, reading *r)
{
    float conf = TessResultIteratorConfidence(it, RIL_SYMBOL);
    if (conf >= BX_OCR_WEAK_CONF)
        return;
    bx_page *page = r->page;
    page->weak_digits = bx_grow(page->weak_digits, &r->weak_cap, page->n_weak_digits + 1,
                                sizeof *page->weak_digits);
    bx_ocr_digit *d = &page->weak_digits[page->n_weak_digits++];
    memset(d, 0, sizeof *d);
    d->box = g->box;
    d->digit = g->text[0];
    d->conf = conf;
    digit_choices(it, d->digit, d->alts, sizeof d->alts);
}

/* Adds the recognised characters of api's last reading to r. */
static void collect(TessBaseAPI *api, reading *r)
{
    size_t first = r->page->n_glyphs;
    TessResultIterator *it = TessBaseAPIGetIterator(api);
    if (!it)
        return;
    TessPageIterator *pit = TessResultIteratorGetPageIterator(it);
    bx_page *page = r->page;
    int ly0 = 0, ly1 = 0, prev = -1;
    do {
        /* a text layer's glyphs share their line's height (the font's);
         * Tesseract's boxes hug the ink, and a comma's centre would fall
         * below the line its digits are on */
        if (TessPageIteratorIsAtBeginningOf(pit, RIL_TEXTLINE)) {
            int lx0, lx1;
            if (!TessPageIteratorBoundingBox(pit, RIL_TEXTLINE, &lx0, &ly0, &lx1, &ly1))
                ly0 = ly1 = 0;
            prev = -1;
        }
        if (TessPageIteratorIsAtBeginningOf(pit, RIL_WORD)) {
            float conf = TessResultIteratorConfidence(it, RIL_WORD);
            if (conf > 0) {
                r->conf_sum += conf;
                r->n_words++;
            }
        }
        char *text = TessResultIteratorGetUTF8Text(it, RIL_SYMBOL);
        int l, t, rt, b;
        size_t len = text ? strlen(text) : 0;
        if (len > 0 && len < sizeof page->glyphs[0].text &&
            !g_unichar_isspace(g_utf8_get_char(text)) &&
            TessPageIteratorBoundingBox(pit, RIL_SYMBOL, &l, &t, &rt, &b)) {
            if (ly1 > ly0) {
                t = ly0;
                b = ly1;
            }
            /* reading order is Tesseract's: a box that starts before the
             * one read before it (the model's boxes are rough) moves after */
            if (l <= prev)
                l = prev + 1;
            if (rt <= l)
                rt = l + 1;
            prev = l;
            page->glyphs = bx_grow(page->glyphs, &r->cap, page->n_glyphs + 1, sizeof *page->glyphs);
            bx_glyph *g = &page->glyphs[page->n_glyphs++];
            memcpy(g->text, text, len + 1);
            g->box = (bx_box){(l + r->ox) / r->scale, (t + r->oy) / r->scale, (rt + r->ox) / r->scale,
                              (b + r->oy) / r->scale};
            g->size = 0; /* unknown: sizes read off pixels would differ line to line */
            g->font = r->font;
            if (is_digit_glyph(g))
                keep_if_weak(it, g, r);
        }
        TessDeleteText(text);
    } while (TessResultIteratorNext(it, RIL_SYMBOL));
    TessResultIteratorDelete(it);
    fix_item_numbers(page->glyphs + first, page->n_glyphs - first);
}

/* The text of api's last reading, white space removed (malloc'd). */
static char *last_text(TessBaseAPI *api)
{
    char *text = TessBaseAPIGetUTF8Text(api);
    bx_buf b;
    bx_buf_init(&b);
    for (const char *p = text; p && *p; p++)
        if (*p != ' ' && *p != '\n')
            bx_buf_append(&b, p, 1);
    TessDeleteText(text);
    return bx_buf_take(&b);
}

/* An amount (or a code): digits, with at most the separators amounts are
 * printed with, and nothing else a Han label would have. */
static int looks_like_amount(const char *text)
{
    size_t digits = 0, other = 0;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c >= '0' && c <= '9')
            digits++;
        else if (!strchr(".,-%", (int)c) && c != 0xFF0C && c != 0xFF0E) /* ， ． */
            other++;
    }
    return digits > 0 && other * 4 <= digits && other <= 1;
}

/* A box lower than this (points) holds one line of text: body rows are
 * 15-20 pt high, a cell wrapped over two lines 28 pt or more. */
#define ONE_LINE 24.0

/* White around a part read on its own, in pixels. */
#define PAD 24

/* Reads the part of the picture in box with api; false when Tesseract
 * fails. The reading stays in api for collect. */
static int read_part(TessBaseAPI *api, const bx_ocr_image *img, BOX *box, reading *r)
{
    PIX *part = bx_ocr_image_part(img, box, PAD);
    if (!part)
        return 0;
    l_int32 x, y, w, h;
    boxGetGeometry(box, &x, &y, &w, &h);
    r->ox = (x > 3 ? x - 3 : 0) - PAD;
    r->oy = (y > 3 ? y - 3 : 0) - PAD;
    /* a box one line high is read as one line: as a block, a lone glyph
     * in a wide cell (a header's 款) comes out as 击|款 */
    TessBaseAPISetPageSegMode(api, h < ONE_LINE * BX_OCR_DPI / 72 ? PSM_SINGLE_LINE
                                                                    : PSM_SINGLE_BLOCK);
    TessBaseAPISetImage2(api, part);
    TessBaseAPISetSourceResolution(api, BX_OCR_DPI);
    int ok = TessBaseAPIRecognize(api, NULL) == 0;
    pixDestroy(&part);
    return ok;
}

/* A cell: its text, and an amount again with only the characters amounts
 * are printed with, where a misread digit cannot become a letter. */
static void read_cell(bx_ocr *o, const bx_ocr_image *img, BOX *box, reading *r)
{
    TessBaseAPI *api = o->api[o->lang];
    if (!read_part(api, img, box, r))
        return;
    char *text = last_text(api);
    int amount = looks_like_amount(text);
    free(text);
    if (amount && o->digits && read_part(o->digits, img, box, r)) {
        size_t first = r->page->n_glyphs;
        collect(o->digits, r);
        size_t n = r->page->n_glyphs - first;
        fix_separators(r->page->glyphs + first, &n);
        r->page->n_glyphs = first + n;
    } else
        collect(api, r);
}

/* Loads the engine when first needed: simplified Chinese, or traditional
 * when only that is installed. Choosing by the page was tried and failed:
 * each model reads the other script's characters as its own look-alikes
 * (预 as 預 and back) with as much confidence, per word and per character,
 * on the corpus' mainland and Taiwanese pages alike. */
static int choose_language(bx_ocr *o)
{
    if (o->lang >= 0)
        return 1;
    int best = o->have[LANG_SIM] ? LANG_SIM : LANG_TRA;
    if (!(o->api[best] = engine_new(o, lang_names[best], NULL)))
        return 0;
    o->lang = best;
    /* the English model reads digits and their separators better than the
     * Chinese ones (on the corpus' amounts: values 0.93 to 0.98) */
    o->digits = engine_new(o, o->have_eng ? "eng" : lang_names[best], AMOUNT_CHARS);
    return 1;
}

static void read_boxes(bx_ocr *o, const bx_ocr_image *img, BOXA *boxes, int cells, reading *r)
{
    for (int i = 0; i < boxaGetCount(boxes); i++) {
        BOX *b = boxaGetBox(boxes, i, L_CLONE);
        if (!cells) {
            if (read_part(o->api[o->lang], img, b, r))
                collect(o->api[o->lang], r);
        } else if (bx_ocr_box_has_ink(img, b))
            read_cell(o, img, b, r);
        boxDestroy(&b);
    }
}

/* Lines read to tell which way up a page is: the widest text lines, a
 * title and the department line among them. */
#define SAMPLE_LINES 4

/* Tesseract's mean confidence over the widest text lines of img, read as
 * lines: upright Chinese reads at 80 and more, sideways at 40 or less. */
static double sample_confidence(bx_ocr *o, const bx_ocr_image *img, BOXA *cells)
{
    BOXA *lines = bx_ocr_text_lines(img, cells);
    BOXA *sorted = boxaSort(lines, L_SORT_BY_WIDTH, L_SORT_DECREASING, NULL);
    double sum = 0;
    int n = 0;
    reading r = {0};
    for (int i = 0; sorted && i < boxaGetCount(sorted) && n < SAMPLE_LINES; i++) {
        BOX *b = boxaGetBox(sorted, i, L_CLONE);
        if (read_part(o->api[o->lang], img, b, &r)) {
            sum += TessBaseAPIMeanTextConf(o->api[o->lang]);
            n++;
        }
        boxDestroy(&b);
    }
    boxaDestroy(&sorted);
    boxaDestroy(&lines);
    return n ? sum / n : 0;
}

/* A page whose rules say it may be sideways: read a quarter turn either
 * way too, and kept the way its text reads best (img and cells replaced).
 * False when the page cannot be rendered. */
static int read_upright(bx_ocr *o, PopplerPage *pp, bx_page *page, bx_ocr_image *img,
                        BOXA **cells)
{
    static const int turns[] = {0, 1, 3};
    double conf[3];
    int best = 0;
    for (int i = 0; i < 3; i++) {
        if (i > 0) {
            bx_ocr_image_free(img);
            boxaDestroy(cells);
            if (!bx_ocr_image_read(pp, page, turns[i], img, cells))
                return 0;
        }
        conf[i] = sample_confidence(o, img, *cells);
        if (conf[i] > conf[best])
            best = i;
    }
    if (best == 2)
        return 1;
    bx_ocr_image_free(img);
    boxaDestroy(cells);
    return bx_ocr_image_read(pp, page, turns[best], img, cells);
}

void bx_ocr_page(bx_ocr *o, PopplerPage *pp, bx_page *page)
{
    /* what the text layer gave (nothing worth keeping) makes way */
    free(page->glyphs);
    free(page->rules);
    page->glyphs = NULL;
    page->rules = NULL;
    page->n_glyphs = page->n_rules = 0;
    page->ocr = 1;
    bx_ocr_image img;
    BOXA *cells;
    if (!bx_ocr_image_read(pp, page, 0, &img, &cells))
        return;
    if (choose_language(o) && bx_ocr_image_sideways(page) && !read_upright(o, pp, page, &img, &cells))
        return;
    BOXA *lines = bx_ocr_text_lines(&img, cells);
    reading r = {page, 0, img.scale, 0, 0, ocr_font(page), 0, 0, 0};
    if (o->lang >= 0) {
        read_boxes(o, &img, lines, 0, &r);
        read_boxes(o, &img, cells, 1, &r);
    }
    page->ocr_confidence = r.n_words ? (float)(r.conf_sum / r.n_words) : 0.0f;
    boxaDestroy(&lines);
    boxaDestroy(&cells);
    bx_ocr_image_free(&img);
}

/* Whether a Chinese budget page prints c: ASCII and Latin-1, Greek and
 * Cyrillic letters (units, footnotes), the punctuation, number, arrow,
 * maths, enclosed and box blocks (U+2000-U+27BF), CJK from its radicals to
 * its unified ideographs (U+2E80-U+9FFF), compatibility ideographs and
 * forms, full-width forms, and the supplementary ideographs. */
static int is_expected_char(gunichar c)
{
    return (c >= 0x20 && c < 0x7F) || (c >= 0xA0 && c <= 0xFF) || (c >= 0x370 && c <= 0x4FF) ||
           (c >= 0x2000 && c <= 0x27BF) || (c >= 0x2E80 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

/* A page with fewer glyphs says too little to judge (a page number). */
#define UNDECODABLE_MIN_GLYPHS 20
/* The share of unexpected glyphs over which the layer is taken as not
 * decoding: a font without a Unicode map turns nearly all its glyphs into
 * such; a decoding page has a few at most (a symbol font's private-use
 * space). */
#define UNDECODABLE_SHARE 0.3

int bx_ocr_text_undecodable(const bx_page *page)
{
    size_t n = 0, odd = 0;
    for (size_t i = 0; i < page->n_glyphs; i++) {
        const char *t = page->glyphs[i].text;
        if (!g_utf8_validate(t, -1, NULL)) {
            n++, odd++;
            continue;
        }
        gunichar c = g_utf8_get_char(t);
        if (g_unichar_isspace(c))
            continue;
        n++;
        odd += !is_expected_char(c);
    }
    return n >= UNDECODABLE_MIN_GLYPHS && (double)odd > UNDECODABLE_SHARE * (double)n;
}

int bx_ocr_page_has_picture(PopplerPage *pp)
{
    GList *images = poppler_page_get_image_mapping(pp);
    int any = images != NULL;
    poppler_page_free_image_mapping(images);
    return any;
}

void bx_ocr_free(bx_ocr *o)
{
    if (!o)
        return;
    for (int i = 0; i < N_LANGS; i++)
        if (o->api[i]) {
            TessBaseAPIEnd(o->api[i]);
            TessBaseAPIDelete(o->api[i]);
        }
    if (o->digits) {
        TessBaseAPIEnd(o->digits);
        TessBaseAPIDelete(o->digits);
    }
    free(o->datapath);
    free(o);
}
