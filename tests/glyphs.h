/* Hand-placed glyphs for the layout tests (test_rows, test_borderless):
 * every character 5 pt wide and 9 pt tall, size 9. Include after cmocka.h. */
#ifndef BX_TEST_GLYPHS_H
#define BX_TEST_GLYPHS_H

#include "bx_extract.h"

#include <string.h>

typedef struct {
    bx_glyph g[512];
    size_t n;
} glyphs;

/* Lays out the characters of s from x, on the line from y to y + 9. */
static inline void put(glyphs *gs, const char *s, double x, double y)
{
    while (*s) {
        size_t len = 1;
        while ((s[len] & 0xC0) == 0x80)
            len++;
        /* a case bigger than the array is a mistake in the test, not an overflow */
        assert_true(gs->n < sizeof gs->g / sizeof *gs->g);
        bx_glyph *g = &gs->g[gs->n++];
        memset(g, 0, sizeof *g);
        memcpy(g->text, s, len);
        g->box = (bx_box){x, y, x + 5, y + 9};
        g->size = 9;
        x += 5;
        s += len;
    }
}

#endif
