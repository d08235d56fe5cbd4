/* bx_table: construction and freeing (with the records analysis gave it). */
#include "bx_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bx_table *bx_table_new(size_t n_cols)
{
    bx_table *t = bx_xcalloc(1, sizeof *t);
    t->n_cols = n_cols;
    return t;
}

static char **append_row(char **grid, size_t *n, size_t n_cols, const char *const *cells)
{
    grid = bx_xrealloc(grid, (*n + 1) * n_cols * sizeof *grid);
    for (size_t c = 0; c < n_cols; c++)
        grid[*n * n_cols + c] = bx_xstrdup(cells[c] ? cells[c] : "");
    (*n)++;
    return grid;
}

void bx_table_add_header_row(bx_table *t, const char *const *cells)
{
    t->header = append_row(t->header, &t->n_header, t->n_cols, cells);
}

void bx_table_add_row(bx_table *t, const char *const *cells)
{
    t->row_pages = bx_xrealloc(t->row_pages, (t->n_rows + 1) * sizeof *t->row_pages);
    t->row_pages[t->n_rows] = t->n_pages ? t->pages[t->n_pages - 1] : 0;
    t->rows = append_row(t->rows, &t->n_rows, t->n_cols, cells);
}

/* Grows a box array to n rows (zero boxes for rows added without) and sets
 * its last row. */
static bx_place *set_last_boxes(bx_place *boxes, size_t *have, size_t n, size_t n_cols,
                                const bx_place *row)
{
    boxes = bx_xrealloc(boxes, n * n_cols * sizeof *boxes);
    if (*have < n)
        memset(boxes + *have * n_cols, 0, (n - *have) * n_cols * sizeof *boxes);
    *have = n;
    memcpy(boxes + (n - 1) * n_cols, row, n_cols * sizeof *boxes);
    return boxes;
}

void bx_table_set_row_boxes(bx_table *t, int header, const bx_place *boxes)
{
    size_t n = header ? t->n_header : t->n_rows;
    if (n == 0 || t->n_cols == 0)
        return;
    if (header)
        t->header_boxes = set_last_boxes(t->header_boxes, &t->n_header_boxes, n, t->n_cols, boxes);
    else
        t->boxes = set_last_boxes(t->boxes, &t->n_boxes, n, t->n_cols, boxes);
}

void bx_table_add_page(bx_table *t, int page)
{
    for (size_t i = 0; i < t->n_pages; i++)
        if (t->pages[i] == page)
            return;
    t->pages = bx_xrealloc(t->pages, (t->n_pages + 1) * sizeof *t->pages);
    t->pages[t->n_pages++] = page;
}

void bx_table_add_field(bx_table *t, const char *key, const char *value)
{
    t->fields = bx_xrealloc(t->fields, (t->n_fields + 1) * 2 * sizeof *t->fields);
    t->fields[2 * t->n_fields] = bx_xstrdup(key);
    t->fields[2 * t->n_fields + 1] = bx_xstrdup(value ? value : "");
    t->n_fields++;
}

void bx_table_add_ambiguity(bx_table *t, const char *note)
{
    t->ambiguities = bx_xrealloc(t->ambiguities, (t->n_ambiguities + 1) * sizeof *t->ambiguities);
    t->ambiguities[t->n_ambiguities++] = bx_xstrdup(note);
}

void bx_records_free(bx_record *records, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < records[i].n_values; j++)
            free(records[i].values[j].text);
        free(records[i].values);
        free(records[i].code);
        free(records[i].name);
    }
    free(records);
}

static void free_grid(char **grid, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(grid[i]);
    free(grid);
}

void bx_table_add_weak_digit(bx_table *t, size_t row, size_t col, unsigned pos, char digit,
                             const char *alts, float conf)
{
    t->weak_digits = bx_xrealloc(t->weak_digits, (t->n_weak_digits + 1) * sizeof *t->weak_digits);
    bx_weak_digit *w = &t->weak_digits[t->n_weak_digits++];
    memset(w, 0, sizeof *w);
    w->row = row;
    w->col = col;
    w->pos = pos;
    w->digit = digit;
    snprintf(w->alts, sizeof w->alts, "%s", alts);
    w->conf = conf;
}

void bx_table_clear_corrections(bx_table *t)
{
    for (size_t i = 0; i < t->n_corrections; i++) {
        bx_ocr_correction *c = &t->corrections[i];
        free(c->printed);
        free(c->corrected);
        free_grid(c->checks, c->n_checks);
    }
    free(t->corrections);
    t->corrections = NULL;
    t->n_corrections = 0;
}

void bx_table_free(bx_table *t)
{
    if (!t)
        return;
    bx_table_clear_corrections(t);
    free(t->weak_digits);
    free(t->title);
    free(t->unit);
    free(t->department);
    free(t->agency);
    free(t->pages);
    free_grid(t->header, t->n_header * t->n_cols);
    free_grid(t->rows, t->n_rows * t->n_cols);
    free(t->row_pages);
    free(t->header_boxes);
    free(t->boxes);
    free(t->columns);
    bx_records_free(t->records, t->n_records);
    free_grid(t->fields, 2 * t->n_fields);
    free_grid(t->ambiguities, t->n_ambiguities);
    free(t);
}

