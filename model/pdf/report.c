/* Pages -> tables: find each grid's title, unit and department above it,
 * split header from body, stitch tables continued over pages. */
#include "bx_pdf.h"
#include "bx_normalize.h"
#include "grid.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A continued table keeps its outer edges to within this many points. */
#define SAME_EDGE 6.0
/* Where a page's printable area ends when no page number marks it, as a
 * share of the page's height; and how many of its rows a table must have
 * lacked room for below it to have been broken by the page. */
#define FOOT_MARGIN 0.95
#define FOOT_ROWS 2.5

/* The table being built, which the next page's untitled grid may continue. */
typedef struct {
    bx_table *table;
    double *xs; /* column lines of its first piece: later pieces map onto them */
    int nx;
    int last_page;
    int at_foot; /* its last piece ran to the foot of its page */
    int unruled; /* its first piece was read from text alignment */
} open_table;

typedef struct {
    bx_patterns *pat;
    bx_report *report;
    size_t text_cap;
    open_table open;
} builder;

/* What the text above a grid says about it. */
typedef struct {
    const char *title; /* borrowed from the page's lines */
    const char *unit_line, *department_line;
    int continued; /* a 续表 mark */
    int fields;    /* "label：value" lines (a form's 项目名称：… block) */
} context;

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* --- Header and body ------------------------------------------------------ */

/* The column of the table (lines xs) that a cell spanning [x0, x1] starts
 * in: the first column whose centre it covers. */
static int map_column(const double *xs, int nx, double x0, double x1)
{
    for (int j = 0; j + 1 < nx; j++) {
        double mid = (xs[j] + xs[j + 1]) / 2;
        if (mid >= x0 && mid <= x1)
            return j;
    }
    double mid = (x0 + x1) / 2;
    for (int j = 0; j + 1 < nx; j++)
        if (mid < xs[j + 1])
            return j;
    return nx - 2;
}

/* The grid column under the centre of table column j. */
static int grid_column_under(const bx_grid *g, const double *xs, int j)
{
    double mid = (xs[j] + xs[j + 1]) / 2;
    for (int c = 0; c < bx_grid_cols(g); c++)
        if (mid < g->xs[c + 1])
            return c;
    return bx_grid_cols(g) - 1;
}

/* Header row r of g as the table's columns see it: merged text repeated. */
static char **header_row(const bx_grid *g, int r, const double *xs, int nx)
{
    char **cells = bx_xmalloc((size_t)nx * sizeof *cells);
    for (int j = 0; j + 1 < nx; j++)
        cells[j] = bx_grid_at(g, r, grid_column_under(g, xs, j))->text;
    return cells;
}

/* Body row r of g in the table's columns: each cell's text in the leftmost
 * column of its span, and in every row that it spans (a 一级指标 merged
 * down over its indicators labels each of them, as the gold repeats it).
 * Returns NULL for a row with no text at all. */
static char **body_row(const bx_grid *g, int r, const double *xs, int nx)
{
    int n = nx - 1, any = 0;
    bx_buf *parts = bx_xcalloc((size_t)n, sizeof *parts);
    for (int c = 0; c < bx_grid_cols(g); c++) {
        const bx_cell *cell = bx_grid_at(g, r, c);
        if (cell->c0 != c || !*cell->text)
            continue;
        int j = map_column(xs, nx, g->xs[cell->c0], g->xs[cell->c1]);
        char *clean = bx_number_clean(cell->text);
        bx_buf_puts(&parts[j], clean);
        free(clean);
        any = 1;
    }
    char **cells = NULL;
    if (any) {
        cells = bx_xmalloc((size_t)n * sizeof *cells);
        for (int j = 0; j < n; j++)
            cells[j] = bx_buf_take(&parts[j]);
    }
    for (int j = 0; j < n; j++)
        bx_buf_free(&parts[j]);
    free(parts);
    return cells;
}

static void free_cells(char **cells, int n)
{
    if (!cells)
        return;
    for (int j = 0; j < n; j++)
        free(cells[j]);
    free(cells);
}

/* A note ruled into the table's last rows ("注：…" across all columns) is
 * not a body row, as one printed below the table is not. */
static int is_note_row(char **cells, int n, const bx_patterns *pat)
{
    int filled = 0, note = 0;
    for (int j = 0; j < n; j++)
        if (*cells[j]) {
            filled++;
            note = bx_is_note(pat, cells[j]);
        }
    return filled == 1 && note;
}

static void add_body(bx_table *t, const bx_grid *g, int from, const double *xs, int nx,
                     const bx_patterns *pat)
{
    for (int r = from; r < bx_grid_rows(g); r++) {
        char **cells = body_row(g, r, xs, nx);
        if (cells && !is_note_row(cells, nx - 1, pat))
            bx_table_add_row(t, (const char *const *)cells);
        free_cells(cells, nx - 1);
    }
}

/* True when rows [from, from + t->n_header) of g repeat t's header. */
static int repeats_header(const bx_table *t, const bx_grid *g, int from, const double *xs, int nx)
{
    if (t->n_header == 0 || from + (int)t->n_header > bx_grid_rows(g))
        return 0;
    for (size_t r = 0; r < t->n_header; r++) {
        char **cells = header_row(g, from + (int)r, xs, nx);
        int same = 1;
        for (size_t c = 0; c < t->n_cols && same; c++)
            same = strcmp(cells[c], bx_table_header_cell(t, r, c)) == 0;
        free(cells);
        if (!same)
            return 0;
    }
    return 1;
}

/* --- Text around the grid --------------------------------------------------- */

static int is_title_row(const bx_grid *g, const bx_patterns *pat)
{
    const bx_cell *c = bx_grid_at(g, 0, 0);
    return c->c1 == bx_grid_cols(g) && c->r1 == 1 && bx_is_table_title(pat, c->text);
}

/* Reads the lines between `top` and the grid's top edge. The title is the
 * one nearest the grid, so that a part heading above it is passed over. */
static context read_context(const bx_line *lines, size_t n, double top, const bx_grid *g,
                            const bx_patterns *pat)
{
    context ctx = {0};
    double bottom = g->ys[0];
    for (size_t i = 0; i < n; i++) {
        const bx_line *l = &lines[i];
        double cy = (l->box.y0 + l->box.y1) / 2;
        if (cy < top || cy > bottom)
            continue;
        char *unit = bx_match_unit(pat, l->text);
        char *dept = bx_match_department(pat, l->text);
        if (unit && !ctx.unit_line)
            ctx.unit_line = l->text;
        if (dept && !ctx.department_line)
            ctx.department_line = l->text;
        if (bx_is_continuation(pat, l->text))
            ctx.continued = 1;
        if (!unit && !dept && bx_is_field(pat, l->text))
            ctx.fields++;
        if (!unit && !dept && !bx_is_note(pat, l->text) && !bx_is_page_number(pat, l->text) &&
            bx_is_table_title(pat, l->text))
            ctx.title = l->text; /* lines run top to bottom: the last is nearest */
        free(unit);
        free(dept);
    }
    return ctx;
}

/* --- Building --------------------------------------------------------------- */

static void close_open(builder *b)
{
    free(b->open.xs);
    memset(&b->open, 0, sizeof b->open);
}

/* The value of row r when it is one of a form's fields ruled above its
 * indicator header: a label cell from the first column and a value cell
 * over all the others, spanning columns that the grid splits below, read
 * as a "label: value" line. NULL otherwise; borrowed from the grid. */
static const char *field_value(const bx_grid *g, int r, const bx_patterns *pat)
{
    const bx_cell *key = bx_grid_at(g, r, 0);
    if (bx_grid_cols(g) < 3 || key->r0 != r || key->r1 != r + 1 || key->c1 >= bx_grid_cols(g))
        return NULL;
    const bx_cell *value = bx_grid_at(g, r, key->c1);
    if (value->r0 != r || value->r1 != r + 1 || value->c1 != bx_grid_cols(g) ||
        value->c1 - value->c0 < 2 || !*key->text || !*value->text)
        return NULL;
    char *line = bx_xmalloc(strlen(key->text) + strlen(value->text) + 4);
    sprintf(line, "%s:%s", key->text, value->text);
    int field = bx_is_field(pat, line);
    free(line);
    return field ? value->text : NULL;
}

/* How many rows at the grid's top (from first_row) are a form's fields:
 * two at least, with rows left for the header below them; else 0. */
static int field_rows(const bx_grid *g, int first_row, const bx_patterns *pat)
{
    int n = 0;
    while (first_row + n + 1 < bx_grid_rows(g) && field_value(g, first_row + n, pat))
        n++;
    return n >= 2 ? n : 0;
}

/* Takes the fields ruled at the grid's top into t; returns how many rows
 * they fill. */
static int take_fields(bx_table *t, const bx_grid *g, int first_row, const bx_patterns *pat)
{
    int n = field_rows(g, first_row, pat);
    for (int r = first_row; r < first_row + n; r++) {
        const char *key = bx_grid_at(g, r, 0)->text, *value = field_value(g, r, pat);
        bx_table_add_field(t, key, value);
        /* the box's first field (预算单位) names the department as a line would */
        if (!t->department && r == first_row) {
            char *line = bx_xmalloc(strlen(key) + strlen(value) + 4);
            sprintf(line, "%s:%s", key, value);
            t->department = bx_match_department(pat, line);
            free(line);
        }
    }
    return n;
}

static void start_table(builder *b, const bx_grid *g, const context *ctx, const char *title,
                        int first_row, int page)
{
    close_open(b);
    bx_table *t = bx_table_new((size_t)bx_grid_cols(g));
    t->title = bx_title_clean(title);
    t->unit = ctx->unit_line ? bx_match_unit(b->pat, ctx->unit_line) : NULL;
    t->department = ctx->department_line ? bx_match_department(b->pat, ctx->department_line) : NULL;
    bx_table_add_page(t, page);
    first_row += take_fields(t, g, first_row, b->pat);
    int h = bx_header_rows(g, first_row, b->pat);
    for (int r = first_row; r < first_row + h; r++) {
        char **cells = header_row(g, r, g->xs, g->nx);
        bx_table_add_header_row(t, (const char *const *)cells);
        free(cells);
    }
    add_body(t, g, first_row + h, g->xs, g->nx, b->pat);
    bx_report_add_table(b->report, t);
    b->open.table = t;
    b->open.xs = bx_xmalloc((size_t)g->nx * sizeof *g->xs);
    memcpy(b->open.xs, g->xs, (size_t)g->nx * sizeof *g->xs);
    b->open.nx = g->nx;
    b->open.unruled = g->unruled;
    b->open.last_page = page;
}

static int continues_open(const builder *b, const bx_grid *g, int page)
{
    const open_table *o = &b->open;
    if (!o->table || page - o->last_page > 1)
        return 0;
    return fabs(g->xs[0] - o->xs[0]) <= SAME_EDGE &&
           fabs(g->xs[g->nx - 1] - o->xs[o->nx - 1]) <= SAME_EDGE;
}

/* head and tail as one number: the thousands separators of its two
 * pieces no longer fall every three digits, so they are dropped. */
static char *join_number(const char *head, const char *tail)
{
    char *both = bx_xmalloc(strlen(head) + strlen(tail) + 1), *w = both;
    for (const char *p = head; *p; p++)
        if (*p != ',')
            *w++ = *p;
    for (const char *p = tail; *p; p++)
        if (*p != ',')
            *w++ = *p;
    *w = '\0';
    return both;
}

/* How tail reads after head, when either is a number: 0 when the two do
 * not make one number; 2 when tail plainly ends an amount that head began
 * (head stops at its decimal point or one digit after it, or tail starts
 * with the point or with a zero before a digit); 1 when they could be one
 * number or two ("210" over "212", codes of two rows). */
static int continues_number(const char *head, const char *tail)
{
    char *both = join_number(head, tail);
    int number = bx_number_is(both);
    free(both);
    const char *dot = strrchr(head, '.');
    if (!number)
        return 0;
    int zero = tail[0] == '0' && tail[1] >= '0' && tail[1] <= '9'; /* no amount starts "05" */
    return tail[0] == '.' || zero || (dot && strlen(dot + 1) < 2 && !strchr(tail, '.')) ? 2 : 1;
}

/* True when row `tail` (the first on a new page) holds only the rest of
 * row `head` (the last on the page before, which ran to its foot), as WPS
 * prints a tall row that meets the page foot: every cell it fills is one
 * that head fills too, its numbers continue head's, and either one of them
 * plainly ends an amount head began, or it has numbers but no label, or,
 * with no number at all, it lacks the first column's code or label that
 * head has. */
static int completes_row(char **head, char **tail, size_t n, const bx_patterns *pat)
{
    int missing = 0, numbers = 0, plain = 0, text = 0;
    for (size_t c = 0; c < n; c++) {
        if (!*tail[c]) {
            missing |= *head[c] != '\0';
            continue;
        }
        if (!*head[c] || bx_is_total_label(pat, tail[c]))
            return 0;
        if (bx_number_is(tail[c]) || bx_number_is(head[c])) {
            int how = continues_number(head[c], tail[c]);
            if (!how)
                return 0;
            numbers++;
            plain |= how == 2;
        } else {
            text++;
        }
    }
    /* numbers with no label beside them are no row of their own */
    return missing && (plain || (numbers == 0 && !*tail[0] && *head[0]) || (numbers && !text));
}

/* Joins the first body row of g to t's last row when it only completes it. */
static int join_split_row(bx_table *t, const bx_grid *g, int r, const double *xs, int nx,
                          const bx_patterns *pat)
{
    if (t->n_rows == 0 || r >= bx_grid_rows(g))
        return 0;
    size_t n = t->n_cols;
    char **tail = body_row(g, r, xs, nx), **head = t->rows + (t->n_rows - 1) * n;
    int join = tail && completes_row(head, tail, n, pat);
    for (size_t c = 0; join && c < n; c++) {
        if (!*tail[c])
            continue;
        char *both;
        if (bx_number_is(head[c]) || bx_number_is(tail[c])) {
            char *raw = join_number(head[c], tail[c]);
            both = bx_number_clean(raw);
            free(raw);
        } else {
            both = bx_xmalloc(strlen(head[c]) + strlen(tail[c]) + 1);
            strcpy(both, head[c]);
            strcat(both, tail[c]);
        }
        free(head[c]);
        head[c] = both;
    }
    free_cells(tail, nx - 1);
    return join;
}

static void continue_table(builder *b, const bx_grid *g, int page)
{
    open_table *o = &b->open;
    int from = repeats_header(o->table, g, 0, o->xs, o->nx) ? (int)o->table->n_header : 0;
    if (g->unruled && from == 0) { /* its header, read again: lines of other columns */
        from = bx_header_rows(g, 0, b->pat);
        if (from > (int)o->table->n_header) /* the rest of a split row has no amount */
            from = (int)o->table->n_header;
    }
    bx_table_add_page(o->table, page); /* first: rows record the page they are on */
    if (o->at_foot && join_split_row(o->table, g, from, o->xs, o->nx, b->pat))
        from++;
    add_body(o->table, g, from, o->xs, o->nx, b->pat);
    o->last_page = page;
}

/* Many templates print the title again on every page of a long table. But
 * a table that ended with room to spare on its page did not run on; and a
 * form printed once per project (项目支出绩效目标表) repeats its title with
 * its own block of fields: those are new tables. */
static int repeats_title(const builder *b, const char *title, const context *ctx)
{
    if (!b->open.table || !b->open.at_foot || ctx->fields >= 2)
        return 0;
    char *a = bx_text_key(title), *c = bx_text_key(b->open.table->title);
    int same = strcmp(a, c) == 0;
    free(a);
    free(c);
    return same;
}

/* True when nothing but a page number follows the grid on its page and
 * less room is left below it than a few of its rows would take: the page
 * broke the table, rather than the table ending there. */
static int reaches_foot(const bx_grid *g, const bx_line *lines, size_t n, double page_height,
                        const bx_patterns *pat)
{
    double bottom = g->ys[g->ny - 1], limit = page_height * FOOT_MARGIN;
    for (size_t i = 0; i < n; i++) {
        if (lines[i].box.y0 < bottom - 1)
            continue;
        if (!bx_is_page_number(pat, lines[i].text))
            return 0;
        limit = fmin(limit, lines[i].box.y0);
    }
    double *heights = bx_xmalloc((size_t)g->ny * sizeof *heights);
    for (int r = 0; r + 1 < g->ny; r++)
        heights[r] = g->ys[r + 1] - g->ys[r];
    qsort(heights, (size_t)(g->ny - 1), sizeof *heights, compare_doubles);
    double row = heights[(g->ny - 1) / 2];
    free(heights);
    return limit - bottom < FOOT_ROWS * row;
}

/* Places the grid; returns whether a table now holds it. */
static int place_grid(builder *b, const bx_grid *g, const context *ctx, int page)
{
    int first_row = 0;
    const char *title = ctx->title;
    if (!title && is_title_row(g, b->pat)) {
        title = bx_grid_at(g, 0, 0)->text;
        first_row = 1;
    }
    context boxed = *ctx; /* fields ruled at the grid's top count as field lines */
    boxed.fields += field_rows(g, first_row, b->pat);
    if ((!title || ctx->continued || repeats_title(b, title, &boxed)) && continues_open(b, g, page))
        continue_table(b, g, page);
    else if (title)
        start_table(b, g, ctx, title, first_row, page);
    else
        return 0; /* an untitled grid that continues nothing is a box, not a table */
    return 1;
}

/* The lines outside every grid, kept for the narrative's figures. */
static void keep_text(builder *b, const bx_line *lines, size_t n, int page)
{
    bx_report *r = b->report;
    for (size_t i = 0; i < n; i++) {
        if (!*lines[i].text)
            continue;
        r->text = bx_grow(r->text, &b->text_cap, r->n_text + 1, sizeof *r->text);
        r->text[r->n_text].page = page;
        r->text[r->n_text++].text = bx_xstrdup(lines[i].text);
    }
}

/* --- Tables without rules --------------------------------------------------- */

static int is_title_line(const bx_line *l, const bx_patterns *pat)
{
    char *unit = bx_match_unit(pat, l->text), *dept = bx_match_department(pat, l->text);
    int title = !unit && !dept && !bx_is_note(pat, l->text) &&
                !bx_is_page_number(pat, l->text) && bx_is_table_title(pat, l->text);
    free(unit);
    free(dept);
    return title;
}

/* Lines printed between a title and its table: unit, department, 续表,
 * a form's fields, or the title again. */
static int is_meta_line(const bx_line *l, const bx_patterns *pat)
{
    char *unit = bx_match_unit(pat, l->text), *dept = bx_match_department(pat, l->text);
    int meta = unit || dept || bx_is_continuation(pat, l->text) || bx_is_field(pat, l->text) ||
               is_title_line(l, pat);
    free(unit);
    free(dept);
    return meta;
}

/* Where the unruled table that would start below line `from` (or at the
 * page's top, from = n) begins and ends: past the title's meta lines, up to
 * the next title, note, page number, ruled grid or a gap wider than a few
 * lines. Returns 0 when a ruled grid stands there (the title is its own). */
/* Where unruled text that runs on from y = reach (lines[i] being the first
 * line below it) ends: at the next title, label, note, page number or a
 * gap wider than a few lines. Returns the bottom; *last gets how far the
 * text reached. */
static double unruled_end(const bx_line *lines, size_t n, size_t i, double reach,
                          const bx_patterns *pat, double *last)
{
    size_t foot = n; /* page numbers standing apart below everything else; a lone code "20" or
                     * a wrapped amount's last digits are not */
    while (foot > 1 && bx_is_page_number(pat, lines[foot - 1].text) &&
           lines[foot - 1].box.y0 - lines[foot - 2].box.y1 > lines[foot - 1].size)
        foot--;
    for (; i < n; i++) {
        const bx_line *l = &lines[i];
        double gap = 3.0 * (l->size > 0 ? l->size : 10.0);
        if (is_title_line(l, pat) || bx_is_table_label(pat, l->text) || bx_is_note(pat, l->text) ||
            i >= foot || (isfinite(reach) && l->box.y0 - reach > gap))
            break;
        reach = fmax(reach, l->box.y1);
    }
    *last = reach;
    return i < n ? lines[i].box.y0 : INFINITY;
}

/* Where the unruled table that would start below line `from` (or at the
 * page's top, from = n) begins and ends: past the title's meta lines, up to
 * where unruled_end stops. Returns 0 when a ruled grid stands there (the
 * title is its own) or no text does. */
static int unruled_region(const bx_line *lines, size_t n, size_t from, bx_grid **grids, int n_grids,
                          const bx_patterns *pat, double *top, double *bottom)
{
    size_t i = from < n ? from + 1 : 0;
    *top = from < n ? lines[from].box.y1 : -INFINITY;
    for (; i < n && is_meta_line(&lines[i], pat); i++)
        *top = lines[i].box.y1;
    double reach;
    *bottom = unruled_end(lines, n, i, *top, pat, &reach);
    for (int k = 0; k < n_grids; k++)
        if (grids[k]->ys[grids[k]->ny - 1] > *top && grids[k]->ys[0] < *bottom)
            return 0;
    return isfinite(reach) && reach > *top;
}

/* True when no cell of g holds a number: a header ruled on its own. */
static int header_only(const bx_grid *g)
{
    for (int i = 0; i < g->n_cells; i++)
        if (bx_number_is(g->cells[i].text))
            return 0;
    return 1;
}

/* Some producers rule the header only and leave the body open: a grid of
 * header cells with the items' lines right under it. Reads header and body
 * again as one unruled table, which replaces the grid; keeps the grid
 * when the lines below are no table. */
static bx_grid *open_body(bx_grid *g, const bx_page *page, unsigned char *used,
                          const bx_line *lines, size_t n_lines, const bx_patterns *pat)
{
    double top = g->ys[0], below = g->ys[g->ny - 1], reach;
    size_t i = 0;
    while (i < n_lines && lines[i].box.y0 < below - 1)
        i++;
    double bottom = unruled_end(lines, n_lines, i, below, pat, &reach);
    if (!header_only(g) || !(reach > below))
        return g;
    unsigned char *inside = bx_xcalloc(page->n_glyphs + 1, 1);
    for (size_t k = 0; k < page->n_glyphs; k++) {
        const bx_box *b = &page->glyphs[k].box;
        double cx = (b->x0 + b->x1) / 2, cy = (b->y0 + b->y1) / 2;
        inside[k] = used[k] && cy >= top && cy <= below && cx >= g->xs[0] && cx <= g->xs[g->nx - 1];
    }
    for (size_t k = 0; k < page->n_glyphs; k++)
        used[k] &= !inside[k];
    bx_grid *open =
        bx_borderless_grid(page->glyphs, page->n_glyphs, used, top - 1, bottom, 2, NULL, 0, pat);
    for (size_t k = 0; k < page->n_glyphs; k++)
        used[k] |= inside[k] && !open;
    free(inside);
    if (!open)
        return g;
    bx_grid_fill(open, page->glyphs, page->n_glyphs, used);
    bx_grid_free(g);
    return open;
}

static int grid_top_order(const void *a, const void *b)
{
    const bx_grid *x = *(bx_grid *const *)a, *y = *(bx_grid *const *)b;
    return (x->ys[0] > y->ys[0]) - (x->ys[0] < y->ys[0]);
}

/* Adds the grids of tables printed without rules: below a title that no
 * ruled grid follows, or from the top of a page that a table broken at the
 * previous page's foot runs on to; and reads again a ruled header whose
 * body is open. Returns the new grid count; *changed says whether any
 * glyphs went into new grids. */
static int add_unruled(const builder *b, const bx_page *page, unsigned char *used, bx_grid ***grids,
                       int n, const bx_line *lines, size_t n_lines, int *changed)
{
    int added = 0;
    for (int k = 0; k < n; k++) {
        bx_grid *g = open_body((*grids)[k], page, used, lines, n_lines, b->pat);
        *changed |= g != (*grids)[k];
        (*grids)[k] = g;
    }
    int broken = b->open.table && b->open.at_foot && b->open.last_page == page->number - 1;
    int runs_on = broken;
    /* the page's top first (n_lines stands for it), then each title */
    runs_on = runs_on && n == 0 && n_lines > 0 && !is_title_line(&lines[0], b->pat);
    for (size_t k = 0; k <= n_lines; k++) {
        size_t i = k == 0 ? n_lines : k - 1;
        if (i < n_lines ? !is_title_line(&lines[i], b->pat) : !runs_on)
            continue;
        if (i < n_lines && i > 0 && is_title_line(&lines[i - 1], b->pat))
            continue; /* a title printed over two lines: start from its last */
        double top, bottom;
        if (!unruled_region(lines, n_lines, i, *grids, n + added, b->pat, &top, &bottom))
            continue;
        /* the last rows of a table broken by the page may be a single one */
        int min_rows = broken ? 1 : 2;
        /* a table running on keeps the columns its first page showed */
        int runs_into = broken && b->open.unruled &&
                        (i == n_lines || bx_is_continuation(b->pat, lines[i].text));
        bx_grid *g = bx_borderless_grid(page->glyphs, page->n_glyphs, used, top, bottom, min_rows,
                                        runs_into ? b->open.xs : NULL, b->open.nx, b->pat);
        if (!g)
            continue;
        bx_grid_fill(g, page->glyphs, page->n_glyphs, used);
        *grids = bx_xrealloc(*grids, (size_t)(n + added + 1) * sizeof **grids);
        (*grids)[n + added++] = g;
    }
    if (added)
        qsort(*grids, (size_t)(n + added), sizeof **grids, grid_top_order);
    *changed |= added > 0;
    return n + added;
}

static void build_page(builder *b, const bx_page *page)
{
    bx_grid **grids;
    unsigned char *used = bx_xcalloc(page->n_glyphs + 1, 1);
    int n = bx_page_grids(page, used, &grids);
    bx_line *lines;
    size_t n_lines = bx_lines_build(page->glyphs, page->n_glyphs, used, &lines);
    int changed = 0;
    int with_unruled = add_unruled(b, page, used, &grids, n, lines, n_lines, &changed);
    if (changed) {
        bx_lines_free(lines, n_lines);
        n_lines = bx_lines_build(page->glyphs, page->n_glyphs, used, &lines);
        n = with_unruled;
    }
    double top = -INFINITY;
    for (int i = 0; i < n; i++) {
        context ctx = read_context(lines, n_lines, top, grids[i], b->pat);
        if (place_grid(b, grids[i], &ctx, page->number))
            b->open.at_foot = reaches_foot(grids[i], lines, n_lines, page->height, b->pat);
        top = grids[i]->ys[grids[i]->ny - 1];
    }
    keep_text(b, lines, n_lines, page->number);
    bx_lines_free(lines, n_lines);
    free(used);
    bx_grids_free(grids, n);
}

/* FORMAT.md: a table printed empty (no digit anywhere in its body: a bare
 * 合计 or 无 row, or item labels with no amounts) has no rows. */
static void drop_empty_body(bx_table *t)
{
    for (size_t i = 0; i < t->n_rows * t->n_cols; i++)
        if (bx_text_has_digit(t->rows[i]))
            return;
    for (size_t i = 0; i < t->n_rows * t->n_cols; i++)
        free(t->rows[i]);
    free(t->rows);
    free(t->row_pages);
    t->rows = NULL;
    t->row_pages = NULL;
    t->n_rows = 0;
}

bx_status bx_report_build(bx_doc *doc, const char *source, bx_report **out, bx_error *err)
{
    *out = NULL;
    builder b = {0};
    bx_status st = bx_patterns_new(&b.pat, err);
    if (st != BX_OK)
        return st;
    b.report = bx_report_new(source);
    b.report->n_pages = bx_doc_page_count(doc);
    if (bx_doc_warning(doc))
        b.report->warning = bx_xstrdup(bx_doc_warning(doc));
    size_t glyphs = 0;
    int previous_had_text = 0;
    for (int i = 0; i < b.report->n_pages; i++) {
        bx_page *page;
        /* a table may run on into a page whose only content is empty rows;
         * and a page after a page with text most likely has text too */
        unsigned flags = (b.open.table && b.open.last_page == i) || previous_had_text
                             ? BX_LOAD_RULES_ALWAYS
                             : 0;
        if (bx_doc_load_page(doc, i, flags, &page, err) != BX_OK)
            continue; /* an unreadable page is skipped; the others still count */
        glyphs += page->n_glyphs;
        previous_had_text = page->n_glyphs > 0;
        build_page(&b, page);
        bx_page_free(page);
    }
    close_open(&b);
    bx_patterns_free(b.pat);
    if (glyphs == 0) {
        bx_report_free(b.report);
        return bx_error_set(err, BX_ERR_NO_TEXT, "%s: no text layer (scanned pages?)", source);
    }
    for (size_t i = 0; i < b.report->n_tables; i++)
        drop_empty_body(b.report->tables[i]);
    bx_error_clear(err);
    *out = b.report;
    return BX_OK;
}
