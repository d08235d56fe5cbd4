/* The weak digits of an OCRed page into its tables' cells: the checks can
 * prove a weak digit's other reading only when they know which digit of
 * which amount it is. */
#include "weak.h"

#include <string.h>

static int is_digit_text(const char *t)
{
    return t[0] >= '0' && t[0] <= '9' && t[1] == '\0';
}

static int centre_in(const bx_box *g, const bx_place *p)
{
    double x = (g->x0 + g->x1) / 2, y = (g->y0 + g->y1) / 2;
    return x >= p->x0 && x < p->x1 && y >= p->y0 && y < p->y1;
}

/* Glyph a is read before b: an earlier line, or further left on the same
 * line (lines are told by their centres). */
static int reads_before(const bx_box *a, const bx_box *b)
{
    double ya = (a->y0 + a->y1) / 2, yb = (b->y0 + b->y1) / 2;
    double h = (b->y1 - b->y0) / 2;
    if (ya < yb - h)
        return 1;
    if (ya > yb + h)
        return 0;
    return (a->x0 + a->x1) < (b->x0 + b->x1);
}

static size_t text_digits(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s >= '0' && *s <= '9';
    return n;
}

/* The digit at place pos of s, or 0. */
static char digit_at(const char *s, unsigned pos)
{
    for (; *s; s++)
        if (*s >= '0' && *s <= '9' && pos-- == 0)
            return *s;
    return 0;
}

/* The weak digit d of page in cell (row, col) of t, whose place is p. */
static void attach_one(bx_table *t, size_t row, size_t col, const bx_place *p,
                       const bx_page *page, const bx_ocr_digit *d)
{
    size_t in_cell = 0;
    unsigned before = 0;
    for (size_t i = 0; i < page->n_glyphs; i++) {
        const bx_glyph *g = &page->glyphs[i];
        if (!is_digit_text(g->text) || !centre_in(&g->box, p))
            continue;
        in_cell++;
        before += reads_before(&g->box, &d->box);
    }
    const char *text = bx_table_cell(t, row, col);
    if (in_cell == text_digits(text) && digit_at(text, before) == d->digit)
        bx_table_add_weak_digit(t, row, col, before, d->digit, d->alts, d->conf);
}

static void attach_table(bx_table *t, const bx_page *page)
{
    for (size_t r = 0; r < t->n_rows && r < t->n_boxes; r++) {
        if (t->row_pages[r] != page->number)
            continue;
        for (size_t c = 0; c < t->n_cols; c++) {
            const bx_place *p = &t->boxes[r * t->n_cols + c];
            for (size_t k = 0; k < page->n_weak_digits; k++)
                if (centre_in(&page->weak_digits[k].box, p))
                    attach_one(t, r, c, p, page, &page->weak_digits[k]);
        }
    }
}

void bx_weak_digits_attach(bx_report *r, const bx_page *page)
{
    if (!page->ocr || page->n_weak_digits == 0)
        return;
    for (size_t i = 0; i < r->n_tables; i++)
        attach_table(r->tables[i], page);
}
