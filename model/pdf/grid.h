/* Private to model/: ruled grids and the text lines around them. */
#ifndef BX_GRID_H
#define BX_GRID_H

#include "bx_extract.h"

/* One cell of a ruled grid: rows r0..r1-1 and columns c0..c1-1. */
typedef struct {
    int r0, c0, r1, c1;
    char *text; /* white space removed; "" when empty */
} bx_cell;

/* A ruled grid: column lines xs[0..nx-1], row lines ys[0..ny-1], and cells
 * covering every slot (owner[r * (nx - 1) + c] is the index of the cell
 * holding row r, column c). */
typedef struct {
    double *xs, *ys;
    int nx, ny;
    bx_cell *cells;
    int n_cells;
    int *owner;
    int unruled; /* read from text alignment (bx_borderless_grid), not rules */
} bx_grid;

/* Finds the grids drawn by a page's rules, top to bottom. Returns how many
 * were stored in *out (an array the caller frees with bx_grids_free). */
int bx_grids_find(const bx_rule *rules, size_t n_rules, bx_grid ***out);

/* Builds a grid from its lines and the presence of each inner border:
 * vline[r * nx + i] says a rule runs along xs[i] through row r, hline[i *
 * (nx - 1) + c] says one runs along ys[i] through column c. Exposed so that
 * tests can build grids without a PDF. Takes ownership of xs and ys. */
bx_grid *bx_grid_from_borders(double *xs, int nx, double *ys, int ny, const unsigned char *vline,
                              const unsigned char *hline);

/* Index of the interval of `lines` (n sorted positions) holding v, or -1
 * outside. */
int bx_grid_interval(const double *lines, int n, double v);

/* The grids of a page (page.c), filled with its glyphs: found from the rules, boxes
 * that cannot be tables dropped, unruled item rows cut. Marks used[i] for
 * every glyph put into a cell. Returns the count; free with bx_grids_free. */
int bx_page_grids(const bx_page *page, unsigned char *used, bx_grid ***out);

/* Cuts ruled rows that hold several items (one amount line each, white
 * space between them) into one row per item. Returns g itself when nothing
 * is cut, else a new grid (g is freed). Call before bx_grid_fill. */
bx_grid *bx_grid_split_rows(bx_grid *g, const bx_glyph *glyphs, size_t n);

/* Puts each glyph whose centre lies inside a cell into it, joining the
 * cell's lines in reading order. Marks used[i] for every glyph taken. */
void bx_grid_fill(bx_grid *g, const bx_glyph *glyphs, size_t n, unsigned char *used);

static inline int bx_grid_rows(const bx_grid *g) { return g->ny - 1; }
static inline int bx_grid_cols(const bx_grid *g) { return g->nx - 1; }
static inline const bx_cell *bx_grid_at(const bx_grid *g, int r, int c)
{
    return &g->cells[g->owner[r * (g->nx - 1) + c]];
}

/* How many rows from first_row on are header rows: those before the first
 * row that holds an amount, starts with a one-row totals label, or is blank.
 * A grid with no such row has one header row. */
typedef struct bx_patterns bx_patterns;
int bx_header_rows(const bx_grid *g, int first_row, const bx_patterns *pat);

/* True when the cell's top-left slot is (r, c): where its text belongs. */
static inline int bx_cell_starts_at(const bx_cell *cell, int r, int c)
{
    return cell->r0 == r && cell->c0 == c;
}

/* A table printed without rules between y = top and y = bottom (glyphs in
 * skip left out): columns from the white space its body rows share, rows
 * from the white space between bands of text. NULL unless it looks like a
 * table: at least three columns, two of them amounts in half the body rows,
 * min_rows body rows (or more; min_rows 1 accepts one amount column: the
 * last rows of a table the page broke). Column lines columns[0..nx), when
 * given, are used unless the rows read show that many columns themselves
 * (the last rows of a table whose first page showed all its columns). The grid
 * is empty: fill it with bx_grid_fill. */
bx_grid *bx_borderless_grid(const bx_glyph *glyphs, size_t n, const unsigned char *skip,
                            double top, double bottom, int min_rows, const double *columns,
                            int nx, const bx_patterns *pat);

void bx_grid_free(bx_grid *g);
void bx_grids_free(bx_grid **grids, int n);

/* A run of text outside the grids: one line, split where a wide gap shows
 * two separate items (a department on the left, the unit on the right). */
typedef struct {
    char *text; /* white space removed */
    bx_box box;
    float size; /* largest font size in the line */
} bx_line;

/* Groups the glyphs not marked in skip into lines, top to bottom. */
size_t bx_lines_build(const bx_glyph *glyphs, size_t n, const unsigned char *skip, bx_line **out);
void bx_lines_free(bx_line *lines, size_t n);

/* Sorts the glyph indices idx[0..n) into lines, top to bottom, each left to
 * right; starts[l] is where line l begins (starts needs n + 1 slots,
 * starts[lines] = n). Returns the number of lines. */
size_t bx_glyph_lines(const bx_glyph *glyphs, size_t *idx, size_t n, size_t *starts);

/* Joins glyphs (already chosen) into text: lines by baseline, top to bottom,
 * each left to right; white space dropped. `idx` is reordered. */
char *bx_glyphs_text(const bx_glyph *glyphs, size_t *idx, size_t n);

#endif
