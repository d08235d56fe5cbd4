/* The extract stage's rule pass on real reports: it finds no fonts for
 * itself (extract/paths.c), which must cost later renders nothing and must
 * print nothing.
 *
 * Two font cases of the corpus: tw-taichung names fonts it does not embed
 * (Poppler would substitute system CJK fonts), tw-moa-fund embeds its own.
 * The expectations come from the page: its text layer says where glyphs are,
 * and a picture of the page must have ink there. */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <cairo.h>

#include "bx_extract.h"
#include "spawn.h"

#define CORPUS BX_SHARED_DIR "/corpus/real/"
static const char *const reports[] = {
    CORPUS "tw-taichung-115-budget.pdf", /* fonts named, not embedded */
    CORPUS "tw-moa-fund-115-budget.pdf", /* fonts embedded */
};

/* The share of dark pixels of page `index` rendered at 1 unit = 1 point,
 * inside the box of each of the page's first glyphs that are not blank. */
static double ink_in_glyphs(bx_doc *doc, int index, const bx_page *page)
{
    int w = (int)page->width + 1, h = (int)page->height + 1;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    bx_error err = {0};
    assert_int_equal(bx_doc_render(doc, index, cr, &err), BX_OK);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    long dark = 0, all = 0;
    size_t seen = 0;
    for (size_t g = 0; g < page->n_glyphs && seen < 40; g++) {
        const bx_box *b = &page->glyphs[g].box;
        if (!strcmp(page->glyphs[g].text, " ") || b->x1 - b->x0 < 2)
            continue;
        seen++;
        for (int y = (int)b->y0; y < (int)b->y1 && y < h; y++)
            for (int x = (int)b->x0; x < (int)b->x1 && x < w; x++) {
                const uint32_t *px = (const uint32_t *)(data + (size_t)y * stride) + x;
                all++;
                dark += ((*px >> 8) & 0xff) < 128;
            }
    }
    cairo_surface_destroy(s);
    return all ? (double)dark / (double)all : 0;
}

/* The first page (0-based) with at least 40 glyphs and ruling lines: a
 * table, whose paths the pass still saw. */
static int text_page(bx_doc *doc, bx_page **out)
{
    bx_error err = {0};
    for (int i = 0; i < bx_doc_page_count(doc); i++) {
        assert_int_equal(bx_doc_load_page(doc, i, BX_LOAD_RULES_ALWAYS, out, &err), BX_OK);
        if ((*out)->n_glyphs >= 40 && (*out)->n_rules > 0)
            return i;
        bx_page_free(*out);
    }
    fail_msg("no page with a ruled table");
    return -1;
}

/* After the rule pass has met every font of a page, a picture of that page
 * from the same document still draws its text: the fonts the pass refused
 * are not remembered as missing. */
static void test_render_after_rule_pass_draws_text(void **state)
{
    (void)state;
    for (size_t r = 0; r < sizeof reports / sizeof reports[0]; r++) {
        bx_doc *doc = NULL;
        bx_error err = {0};
        assert_int_equal(bx_doc_open(reports[r], &doc, &err), BX_OK);
        bx_page *page = NULL;
        int index = text_page(doc, &page);
        double ink = ink_in_glyphs(doc, index, page);
        /* glyph boxes are mostly white around thin strokes; a page drawn
         * without its text has no ink there at all */
        if (ink < 0.02)
            fail_msg("%s page %d: %.3f ink in glyph boxes", reports[r], index + 1, ink);
        bx_page_free(page);
        bx_doc_free(doc);
    }
}

/* A whole extract of each report writes nothing to stderr: the font
 * engine's complaint about the fonts the rule pass refused is not shown. */
static void test_extract_prints_nothing(void **state)
{
    (void)state;
    char dir[] = "/tmp/bx-extract-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char out[64], errs[64];
    snprintf(out, sizeof out, "%s/out.json", dir);
    snprintf(errs, sizeof errs, "%s/stderr", dir);
    for (size_t r = 0; r < sizeof reports / sizeof reports[0]; r++) {
        char *argv[] = {BX_BINARY, "extract", "-o", out, (char *)reports[r], NULL};
        assert_int_equal(bx_test_run(argv, NULL, errs), 0);
        FILE *f = fopen(errs, "r");
        assert_non_null(f);
        char line[256] = "";
        int empty = fgets(line, sizeof line, f) == NULL;
        fclose(f);
        if (!empty)
            fail_msg("%s: stderr says \"%s\"", reports[r], line);
    }
    remove(out);
    remove(errs);
    rmdir(dir);
}

/* A one-page PDF whose only font is embedded as garbage: the text layer
 * still reads (the widths and encoding are in the font dictionary), the
 * picture cannot draw it. Written byte by byte, offsets computed. */
static void write_damaged_font_pdf(const char *path)
{
    static const char *const objects[] = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length 44 >>\nstream\nBT /F1 24 Tf 30 100 Td (Budget 2025) Tj ET\nendstream",
        "<< /Type /Font /Subtype /TrueType /BaseFont /Damaged /FirstChar 32 /LastChar 126"
        " /Widths [ 95*[600] ] /FontDescriptor 6 0 R >>",
        "<< /Type /FontDescriptor /FontName /Damaged /Flags 32 /FontBBox [0 -200 1000 900]"
        " /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>",
        "<< /Length 32 >>\nstream\nthese bytes are not a TrueType.\nendstream",
    };
    enum { N = sizeof objects / sizeof objects[0] };
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    long offsets[N];
    fputs("%PDF-1.4\n", f);
    for (int i = 0; i < N; i++) {
        offsets[i] = ftell(f);
        fprintf(f, "%d 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
    long xref = ftell(f);
    fprintf(f, "xref\n0 %d\n0000000000 65535 f \n", N + 1);
    for (int i = 0; i < N; i++)
        fprintf(f, "%010ld 00000 n \n", offsets[i]);
    fprintf(f, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", N + 1, xref);
    fclose(f);
}

/* A picture of a page with a damaged font: Poppler's own line for it is
 * not shown; one warning of ours says how many fonts are missing. */
static void test_damaged_font_is_one_warning(void **state)
{
    (void)state;
    char dir[] = "/tmp/bx-font-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char pdf[64], png[64], errs[64];
    snprintf(pdf, sizeof pdf, "%s/damaged.pdf", dir);
    snprintf(png, sizeof png, "%s/p1.png", dir);
    snprintf(errs, sizeof errs, "%s/stderr", dir);
    write_damaged_font_pdf(pdf);
    char *argv[] = {BX_BINARY, "inspect", pdf, "-p", "1", "-o", png, NULL};
    assert_int_equal(bx_test_run(argv, NULL, errs), 0);
    FILE *f = fopen(errs, "r");
    assert_non_null(f);
    char line[512];
    int lines = 0, warned = 0, poppler = 0;
    while (fgets(line, sizeof line, f)) {
        lines++;
        warned += strstr(line, "warning") && strstr(line, "damaged.pdf") &&
                  strstr(line, "1 fonts could not be loaded");
        poppler += strstr(line, "font thing") != NULL;
    }
    fclose(f);
    assert_int_equal(poppler, 0);
    assert_int_equal(warned, 1);
    assert_int_equal(lines, 1);
    remove(pdf);
    remove(png);
    remove(errs);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_render_after_rule_pass_draws_text),
        cmocka_unit_test(test_extract_prints_nothing),
        cmocka_unit_test(test_damaged_font_is_one_warning),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
