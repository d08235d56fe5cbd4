/* Continued tables that grow sideways: some producers (tw-moi's 各項費用彙計表)
 * print a table too wide for its page as one block of columns after
 * another, each block on pages of its own marked (續) and repeating the item
 * labels of the rows. The blocks are one table: each row its labels, then
 * the cells of every block in order. */
#include "continued.h"

#include <stdlib.h>
#include <string.h>

/* True when row r of t has the labels of body row b (first k columns). */
static int same_labels(const bx_table *t, size_t r, char *const *b, size_t k)
{
    int any = 0;
    for (size_t c = 0; c < k; c++) {
        if (strcmp(t->rows[r * t->n_cols + c], b[c]) != 0)
            return 0;
        any |= *b[c] != '\0';
    }
    return any;
}

/* The row of t after `from` (wrapping round) with body row b's labels, or
 * t->n_rows when none has them. */
static size_t find_row(const bx_table *t, size_t from, char *const *b, size_t k)
{
    for (size_t i = 0; i < t->n_rows; i++) {
        size_t r = (from + i) % t->n_rows;
        if (same_labels(t, r, b, k))
            return r;
    }
    return t->n_rows;
}

size_t bx_table_label_matches(const bx_table *t, size_t k, char *const *body, size_t n,
                              size_t width)
{
    size_t found = 0, from = 0;
    for (size_t i = 0; i < n && t->n_rows; i++) {
        size_t r = find_row(t, from, body + i * width, k);
        if (r < t->n_rows) {
            found++;
            from = r + 1;
        }
    }
    return found;
}

/* Widens a row-major grid of `rows` rows from `cols` to `cols + extra`
 * columns, the new cells "". */
static char **widen(char **grid, size_t rows, size_t cols, size_t extra)
{
    char **out = bx_xmalloc((rows * (cols + extra) + 1) * sizeof *out);
    for (size_t r = 0; r < rows; r++) {
        memcpy(out + r * (cols + extra), grid + r * cols, cols * sizeof *out);
        for (size_t c = cols; c < cols + extra; c++)
            out[r * (cols + extra) + c] = bx_xstrdup("");
    }
    free(grid);
    return out;
}

static void set_cell(char **slot, const char *text)
{
    free(*slot);
    *slot = bx_xstrdup(text);
}

size_t bx_table_join_columns(bx_table *t, size_t at, size_t k, char *const *header,
                             char *const *body, size_t n, size_t width)
{
    size_t extra = width - k;
    if (at >= t->n_cols) { /* a new block: room for its columns */
        at = t->n_cols;
        t->header = widen(t->header, t->n_header, t->n_cols, extra);
        t->rows = widen(t->rows, t->n_rows, t->n_cols, extra);
        t->n_cols += extra;
        for (size_t r = 0; r < t->n_header; r++)
            for (size_t c = 0; c < extra; c++)
                set_cell(&t->header[r * t->n_cols + at + c], header[r * width + k + c]);
    }
    size_t found = 0, from = 0;
    char **row = bx_xmalloc((t->n_cols + 1) * sizeof *row);
    for (size_t i = 0; i < n; i++) {
        char *const *b = body + i * width;
        size_t r = t->n_rows ? find_row(t, from, b, k) : t->n_rows;
        if (r == t->n_rows) { /* labels the table has not had: a row of their own */
            for (size_t c = 0; c < t->n_cols; c++)
                row[c] = c < k ? b[c] : "";
            bx_table_add_row(t, (const char *const *)row);
        } else {
            found++;
            from = r + 1;
        }
        for (size_t c = 0; c < extra && at + c < t->n_cols; c++)
            set_cell(&t->rows[r * t->n_cols + at + c], b[k + c]);
    }
    free(row);
    return found;
}
