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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_render_after_rule_pass_draws_text),
        cmocka_unit_test(test_extract_prints_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
