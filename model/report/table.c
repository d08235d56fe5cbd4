/* bx_table: construction and freeing (with the records analysis gave it). */
#include "bx_report.h"

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

void bx_table_free(bx_table *t)
{
    if (!t)
        return;
    free(t->title);
    free(t->unit);
    free(t->department);
    free(t->pages);
    free_grid(t->header, t->n_header * t->n_cols);
    free_grid(t->rows, t->n_rows * t->n_cols);
    free(t->row_pages);
    free(t->columns);
    bx_records_free(t->records, t->n_records);
    free_grid(t->fields, 2 * t->n_fields);
    free_grid(t->ambiguities, t->n_ambiguities);
    free(t);
}

