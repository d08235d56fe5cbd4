/* Pages -> tables: find each grid's title, unit and department above it,
 * split header from body, stitch tables continued over pages. */
#include "bx_pdf.h"
#include "bx_normalize.h"
#include "grid.h"
#include "continued.h"
#include "pagebreak.h"
#include "spread.h"
#include "weak.h"

#include <ctype.h>
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
    bx_box title_box; /* where its title line was printed; size 0: in the grid */
    float title_size;
    size_t block_at; /* the (續) block of columns being filled: its first column, */
    size_t block_k;  /* and the item label columns its pages repeat; 0: none */
} open_table;

typedef struct {
    bx_patterns *pat;
    bx_report *report;
    size_t text_cap;
    open_table open;
    int spread_page; /* the right half's page number while a spread is placed */
    const bx_page *page; /* the page being placed */
} builder;

/* What the text above a grid says about it. */
typedef struct {
    const char *title; /* borrowed from the page's lines */
    const bx_line *title_line;
    const char *unit_line, *department_line;
    const char *agency_line; /* the heading stacked over the title (臺中市政府主計處) */
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

/* Where row r of g prints each of the table's columns (lines xs): the
 * grid cell under the column's centre. `header` says which rows of t. */
static void set_row_boxes(bx_table *t, int header, const bx_grid *g, int r, const double *xs,
                          int nx)
{
    bx_place *boxes = bx_xmalloc((size_t)(nx - 1) * sizeof *boxes);
    for (int j = 0; j + 1 < nx; j++) {
        const bx_cell *c = bx_grid_at(g, r, grid_column_under(g, xs, j));
        boxes[j] = (bx_place){g->xs[c->c0], g->ys[c->r0], g->xs[c->c1], g->ys[c->r1]};
    }
    bx_table_set_row_boxes(t, header, boxes);
    free(boxes);
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
        if (cells && !is_note_row(cells, nx - 1, pat)) {
            bx_table_add_row(t, (const char *const *)cells);
            set_row_boxes(t, 0, g, r, xs, nx);
        }
        free_cells(cells, nx - 1);
    }
}

/* True when rows [from, from + t->n_header) of g repeat t's header. */
static int repeats_header(const bx_table *t, const bx_grid *g, int from, const double *xs, int nx)
{
    if (t->n_header == 0 || from + (int)t->n_header > bx_grid_rows(g) || (size_t)nx - 1 != t->n_cols)
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

/* The topmost of the headings stacked right over the title line lines[at]
 * and centred on it (an agency, then a fund: "農業部" / "漁業發展基金"):
 * Taiwanese budgets name the agency so when no 編製單位 label is printed.
 * NULL when no such line stands there. */
static const char *agency_above(const bx_line *lines, size_t at, double top,
                                const bx_patterns *pat)
{
    const char *agency = NULL;
    const bx_line *below = &lines[at];
    for (size_t i = at; i-- > 0;) {
        const bx_line *l = &lines[i];
        double height = l->box.y1 - l->box.y0, mid = (l->box.x0 + l->box.x1) / 2;
        if (l->box.y1 <= below->box.y0 - height || (l->box.y0 + l->box.y1) / 2 < top)
            break;
        if (l->box.y1 > below->box.y0 + height / 2)
            continue; /* beside the line below, not over it */
        char *unit = bx_match_unit(pat, l->text);
        int heading = !unit && mid > below->box.x0 && mid < below->box.x1 &&
                      !bx_is_table_title(pat, l->text) && !bx_is_page_number(pat, l->text) &&
                      !bx_is_note(pat, l->text);
        free(unit);
        if (!heading)
            break;
        agency = l->text;
        below = l;
    }
    return agency;
}

/* Reads the lines between `top` and the grid's top edge. The title is the
 * one nearest the grid, so that a part heading above it is passed over. */
static context read_context(const bx_line *lines, size_t n, double top, const bx_grid *g,
                            const bx_patterns *pat)
{
    context ctx = {0};
    double bottom = g->ys[0];
    size_t title_at = 0;
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
        {
            ctx.title = l->text; /* lines run top to bottom: the last is nearest */
            ctx.title_line = l;
            title_at = i;
        }
        free(unit);
        free(dept);
    }
    if (ctx.title && !ctx.department_line)
        ctx.agency_line = agency_above(lines, title_at, top, pat);
    return ctx;
}

/* --- Building --------------------------------------------------------------- */

static void close_open(builder *b)
{
    free(b->open.xs);
    memset(&b->open, 0, sizeof b->open);
}

/* The number of cells across row r of g, those merged down into it too. */
static int cells_across(const bx_grid *g, int r)
{
    int n = 0;
    for (int c = 0; c < bx_grid_cols(g); c++)
        n += bx_grid_at(g, r, c)->c0 == c;
    return n;
}

/* A form's field label as its key: one colon printed after it dropped
 * ("年度预算总额：" is the field 年度预算总额). */
static char *field_key(const char *label)
{
    char *key = bx_xstrdup(label);
    size_t n = strlen(key);
    static const char full[] = "\xef\xbc\x9a"; /* U+FF1A FULLWIDTH COLON */
    if (n > 3 && strcmp(key + n - 3, full) == 0)
        key[n - 3] = '\0';
    else if (n > 1 && key[n - 1] == ':')
        key[n - 1] = '\0';
    return key;
}

/* True when row r is a row of a form's block ruled in the grid above its
 * indicator header (预算单位 | …; 项目名称 | … | 项目负责人 | …; 项目资金（万元） |
 * 年度预算总额： | … | 其他资金： | …): perhaps a label that names the unit
 * of the amounts after it, then label and value cells in turns, each one
 * row tall, each pair read as a "label: value" line; fewer cells than a
 * body row has, which the header's and the body's rows do not. When t is
 * given, adds the fields to it, and the department and unit they name. */
static int field_row(const bx_grid *g, int r, const bx_patterns *pat, bx_table *t)
{
    int cols = bx_grid_cols(g), n = 0;
    const bx_cell **cells = bx_xmalloc((size_t)cols * sizeof *cells);
    for (int c = 0; c < cols; c++) {
        const bx_cell *cell = bx_grid_at(g, r, c);
        if (cell->c0 == c)
            cells[n++] = cell;
    }
    char *unit = n > 0 && !strstr(cells[0]->text, "\xef\xbc\x9a") && !strchr(cells[0]->text, ':')
                     ? bx_match_unit(pat, cells[0]->text)
                     : NULL;
    int k = unit ? 1 : 0, ok = cols >= 3 && (n - k) >= 2 && (n - k) % 2 == 0 &&
                              n < cells_across(g, bx_grid_rows(g) - 1);
    for (int i = k; ok && i < n; i++)
        ok = cells[i]->r0 == r && cells[i]->r1 == r + 1 && *cells[i]->text;
    for (int i = k; ok && i < n; i += 2) {
        char *line = bx_xmalloc(strlen(cells[i]->text) + strlen(cells[i + 1]->text) + 2);
        sprintf(line, "%s:%s", cells[i]->text, cells[i + 1]->text);
        ok = bx_is_field(pat, line) && !bx_number_is(cells[i]->text);
        if (ok && t) {
            char *key = field_key(cells[i]->text);
            bx_table_add_field(t, key, cells[i + 1]->text);
            free(key);
            if (!t->department) /* 预算单位 names the department as a line would */
                t->department = bx_match_department(pat, line);
        }
        free(line);
    }
    if (ok && t && unit && !t->unit) {
        t->unit = unit;
        unit = NULL;
    }
    free(unit);
    free(cells);
    return ok;
}

/* How many rows at the grid's top (from first_row) are a form's fields:
 * two at least, with rows left for the header below them; else 0. */
static int field_rows(const bx_grid *g, int first_row, const bx_patterns *pat)
{
    int n = 0;
    while (first_row + n + 1 < bx_grid_rows(g) && field_row(g, first_row + n, pat, NULL))
        n++;
    return n >= 2 ? n : 0;
}

/* Takes the fields ruled at the grid's top into t; returns how many rows
 * they fill. */
static int take_fields(bx_table *t, const bx_grid *g, int first_row, const bx_patterns *pat)
{
    int n = field_rows(g, first_row, pat);
    for (int r = first_row; r < first_row + n; r++)
        field_row(g, r, pat, t);
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
    t->agency = ctx->agency_line ? bx_xstrdup(ctx->agency_line) : NULL;
    bx_table_add_page(t, page);
    first_row += take_fields(t, g, first_row, b->pat);
    int h = bx_header_rows(g, first_row, b->pat);
    for (int r = first_row; r < first_row + h; r++) {
        char **cells = header_row(g, r, g->xs, g->nx);
        bx_table_add_header_row(t, (const char *const *)cells);
        set_row_boxes(t, 1, g, r, g->xs, g->nx);
        free(cells);
    }
    add_body(t, g, first_row + h, g->xs, g->nx, b->pat);
    if (b->spread_page) /* after the body: its rows start on the left page */
        bx_table_add_page(t, b->spread_page);
    bx_report_add_table(b->report, t);
    b->open.table = t;
    b->open.xs = bx_xmalloc((size_t)g->nx * sizeof *g->xs);
    memcpy(b->open.xs, g->xs, (size_t)g->nx * sizeof *g->xs);
    b->open.nx = g->nx;
    b->open.unruled = g->unruled;
    b->open.last_page = b->spread_page ? b->spread_page : page;
    if (ctx->title_line && ctx->title == title) {
        b->open.title_box = ctx->title_line->box;
        b->open.title_size = ctx->title_line->size;
    }
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

/* Text carried over the page break at the top of row r of g (see
 * pagebreak.c) ends the table's last row, when that row has text in each
 * column it goes on; the rest of row r is a row of its own. Returns
 * whether row r was taken so. */
static int take_carried(builder *b, const bx_grid *g, int r)
{
    open_table *o = &b->open;
    bx_table *t = o->table;
    if (!b->page || t->n_rows == 0 || r >= bx_grid_rows(g))
        return 0;
    const bx_glyph *gl = b->page->glyphs;
    size_t n = b->page->n_glyphs;
    double y0 = g->ys[r], y1 = g->ys[r + 1];
    double cut = bx_carried_cut(gl, n, o->xs, o->nx, y0, y1);
    if (isnan(cut))
        return 0;
    char **above = bx_columns_text(gl, n, o->xs, o->nx, y0, cut);
    char **last = t->rows + (t->n_rows - 1) * t->n_cols;
    int goes_on = 1;
    for (size_t c = 0; c < t->n_cols; c++)
        goes_on &= !*above[c] || *last[c];
    for (size_t c = 0; goes_on && c < t->n_cols; c++) {
        if (!*above[c])
            continue;
        char *both = bx_xmalloc(strlen(last[c]) + strlen(above[c]) + 1);
        strcpy(both, last[c]);
        strcat(both, above[c]);
        free(last[c]);
        last[c] = both;
    }
    if (goes_on) {
        char **below = bx_columns_text(gl, n, o->xs, o->nx, cut, y1);
        int any = 0;
        for (size_t c = 0; c < t->n_cols; c++)
            any |= *below[c] != '\0';
        if (any && !is_note_row(below, (int)t->n_cols, b->pat))
            bx_table_add_row(t, (const char *const *)below);
        free_cells(below, (int)t->n_cols);
    }
    free_cells(above, (int)t->n_cols);
    return goes_on;
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
    if (take_carried(b, g, from) ||
        (o->at_foot && join_split_row(o->table, g, from, o->xs, o->nx, b->pat)))
        from++;
    add_body(o->table, g, from, o->xs, o->nx, b->pat);
    if (b->spread_page)
        bx_table_add_page(o->table, b->spread_page);
    o->last_page = b->spread_page ? b->spread_page : page;
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

/* A folio printed at the page's foot in place of a page number: digits
 * with dashes, brackets or slashes and nothing else ("02-004 - 8",
 * "(0801)-116"). */
static int is_folio(const char *s)
{
    int digits = 0, n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++, n++) {
        if (isdigit(*p))
            digits++;
        else if (!strchr("-()/.", *p))
            return 0;
    }
    return digits > 0 && n <= 24;
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
        if (!bx_is_page_number(pat, lines[i].text) && !is_folio(lines[i].text))
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

/* True when the page prints, where the open table's title stood and in its
 * size, a heading of other words: the page of another title, such as the
 * 基金用途明細表說明 that follows its 基金用途明細表, which is no table title
 * but is no continuation either. */
static int retitled(const builder *b, const bx_line *lines, size_t n)
{
    const open_table *o = &b->open;
    if (o->title_size <= 0)
        return 0;
    double cy = (o->title_box.y0 + o->title_box.y1) / 2;
    char *key = bx_text_key(o->table->title);
    int other = 0;
    for (size_t i = 0; i < n && !other; i++) {
        const bx_line *l = &lines[i];
        if (fabs((l->box.y0 + l->box.y1) / 2 - cy) > o->title_size / 2 ||
            fabs(l->size - o->title_size) > 0.5 || bx_is_continuation(b->pat, l->text))
            continue;
        char *k = bx_text_key(l->text);
        other = strcmp(k, key) != 0;
        free(k);
    }
    free(key);
    return other;
}

/* True when header rows hdr (width columns, labels in the first k) are
 * t's header columns 0..k and at.. (a block's pages repeat its header). */
static int is_block_header(const bx_table *t, char **hdr, size_t width, size_t k, size_t at)
{
    if (at + (width - k) > t->n_cols)
        return 0;
    for (size_t r = 0; r < t->n_header; r++)
        for (size_t j = 0; j < width; j++)
            if (strcmp(hdr[r * width + j], bx_table_header_cell(t, r, j < k ? j : at + j - k)) != 0)
                return 0;
    return 1;
}

/* How many leading columns of hdr repeat t's header: the item labels. */
static size_t label_header_columns(const bx_table *t, char **hdr, size_t width)
{
    size_t k = 0;
    for (; k < width && k < t->n_cols; k++)
        for (size_t r = 0; r < t->n_header; r++)
            if (strcmp(hdr[r * width + k], bx_table_header_cell(t, r, k)) != 0)
                return k;
    return k;
}

/* A continued page whose header keeps the table's item-label columns but
 * heads the others anew, over rows whose labels are the table's: more
 * columns of the same rows (see continued.c), joined as columns. Returns
 * whether the grid was taken so. */
static int join_block(builder *b, const bx_grid *g, int first_row, int page)
{
    open_table *o = &b->open;
    bx_table *t = o->table;
    int h = bx_header_rows(g, first_row, b->pat);
    size_t width = (size_t)bx_grid_cols(g);
    if ((size_t)h != t->n_header || t->n_rows == 0)
        return 0;
    char **hdr = bx_xmalloc((t->n_header * width + 1) * sizeof *hdr);
    for (int r = 0; r < h; r++) {
        char **cells = header_row(g, first_row + r, g->xs, g->nx);
        memcpy(hdr + (size_t)r * width, cells, width * sizeof *hdr);
        free(cells);
    }
    size_t k = o->block_k, at = o->block_at;
    if (!k || !is_block_header(t, hdr, width, k, at)) { /* a new block? */
        k = label_header_columns(t, hdr, width);
        at = t->n_cols;
    }
    size_t n = 0;
    char **body = NULL;
    for (int r = first_row + h; k > 0 && k < width && r < bx_grid_rows(g); r++) {
        char **cells = body_row(g, r, g->xs, g->nx);
        if (!cells)
            continue;
        body = bx_xrealloc(body, (n + 1) * width * sizeof *body);
        memcpy(body + n * width, cells, width * sizeof *body);
        free(cells);
        n++;
    }
    int join = n > 0 && 2 * bx_table_label_matches(t, k, body, n, width) >= n;
    if (join) {
        bx_table_add_page(t, page);
        bx_table_join_columns(t, at, k, hdr, body, n, width);
        o->block_at = at;
        o->block_k = k;
        o->last_page = page;
    }
    for (size_t i = 0; i < n * width; i++)
        free(body[i]);
    free(body);
    free(hdr);
    return join;
}

/* Places the grid; returns whether a table now holds it. */
static int place_grid(builder *b, const bx_grid *g, const context *ctx, const bx_line *lines,
                      size_t n_lines, int page)
{
    int first_row = 0;
    const char *title = ctx->title;
    if (!title && is_title_row(g, b->pat)) {
        title = bx_grid_at(g, 0, 0)->text;
        first_row = 1;
    }
    context boxed = *ctx; /* fields ruled at the grid's top count as field lines */
    boxed.fields += field_rows(g, first_row, b->pat);
    int runs_on = continues_open(b, g, page);
    if (!title && runs_on && retitled(b, lines, n_lines))
        return 0; /* the page of another title (a table's 說明) boxed like it */
    int goes_on = (!title || ctx->continued || repeats_title(b, title, &boxed)) && runs_on;
    /* a block of more columns keeps the labels' left edge, not the right */
    int block = b->open.table && page - b->open.last_page <= 1 &&
                fabs(g->xs[0] - b->open.xs[0]) <= SAME_EDGE &&
                (ctx->continued || (b->open.block_k && (goes_on || !title)));
    if (block &&
        (b->open.block_k || !repeats_header(b->open.table, g, first_row, b->open.xs, b->open.nx)) &&
        join_block(b, g, first_row, page))
        return 1;
    if (goes_on && b->open.block_k)
        goes_on = 0; /* rows of the first block's columns no longer fit the table */
    if (goes_on)
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

/* What a page holds once read: its grids (ruled and unruled) and the
 * lines outside them. */
typedef struct {
    bx_grid **grids;
    int n;
    bx_line *lines;
    size_t n_lines;
} page_parts;

static void read_parts(builder *b, const bx_page *page, page_parts *p)
{
    unsigned char *used = bx_xcalloc(page->n_glyphs + 1, 1);
    p->n = bx_page_grids(page, used, &p->grids);
    p->n_lines = bx_lines_build(page->glyphs, page->n_glyphs, used, &p->lines);
    int changed = 0;
    int with_unruled = add_unruled(b, page, used, &p->grids, p->n, p->lines, p->n_lines, &changed);
    if (changed) {
        bx_lines_free(p->lines, p->n_lines);
        p->n_lines = bx_lines_build(page->glyphs, page->n_glyphs, used, &p->lines);
        p->n = with_unruled;
    }
    free(used);
}

static void parts_free(page_parts *p)
{
    bx_lines_free(p->lines, p->n_lines);
    bx_grids_free(p->grids, p->n);
}

/* Places the page's grids in tables and keeps its text; frees the parts. */
static void place_parts(builder *b, const bx_page *page, page_parts *p)
{
    double top = -INFINITY;
    b->page = page;
    for (int i = 0; i < p->n; i++) {
        context ctx = read_context(p->lines, p->n_lines, top, p->grids[i], b->pat);
        if (place_grid(b, p->grids[i], &ctx, p->lines, p->n_lines, page->number))
            b->open.at_foot = reaches_foot(p->grids[i], p->lines, p->n_lines, page->height, b->pat);
        top = p->grids[i]->ys[p->grids[i]->ny - 1];
    }
    b->page = NULL;
    bx_weak_digits_attach(b->report, page);
    keep_text(b, p->lines, p->n_lines, page->number);
    parts_free(p);
}

/* A page that may be the left half of a spread, read and waiting for the
 * next page to say. */
typedef struct {
    bx_page *page;
    page_parts parts;
} left_half;

/* When `left` and the next page `right` are the halves of a spread, the
 * two joined into one page (see spread.c); NULL otherwise. The right
 * page's ruled grids are enough to tell. */
static bx_page *join_spread(const builder *b, const left_half *left, const bx_page *right)
{
    unsigned char *used = bx_xcalloc(right->n_glyphs + 1, 1);
    bx_grid **grids;
    int n = bx_page_grids(right, used, &grids);
    bx_line *lines;
    size_t n_lines = bx_lines_build(right->glyphs, right->n_glyphs, used, &lines);
    double offset = NAN;
    if (n > 0)
        offset = bx_spread_offset(left->parts.grids[0], left->parts.lines, left->parts.n_lines,
                                  grids[0], lines, n_lines, b->pat);
    bx_lines_free(lines, n_lines);
    bx_grids_free(grids, n);
    free(used);
    return isnan(offset) ? NULL : bx_pages_join(left->page, right, offset);
}

/* Reads and places one loaded page (taking it), pairing it with the page
 * before when the two are a spread, or holding it back when it may be the
 * left half of one. page NULL: the document ended. */
static void build_page(builder *b, bx_page *page, left_half *held)
{
    if (held->page) {
        bx_page *spread = page ? join_spread(b, held, page) : NULL;
        if (spread) {
            parts_free(&held->parts);
            bx_page_free(held->page);
            held->page = NULL;
            b->spread_page = page->number;
            page_parts parts;
            read_parts(b, spread, &parts);
            place_parts(b, spread, &parts);
            b->spread_page = 0;
            bx_page_free(spread);
            bx_page_free(page);
            return;
        }
        place_parts(b, held->page, &held->parts);
        bx_page_free(held->page);
        held->page = NULL;
    }
    if (!page)
        return;
    page_parts parts;
    read_parts(b, page, &parts);
    if (parts.n > 0 && bx_spread_left_half(parts.grids[0], parts.lines, parts.n_lines, b->pat)) {
        held->page = page;
        held->parts = parts;
        return;
    }
    place_parts(b, page, &parts);
    bx_page_free(page);
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
    free(t->boxes);
    t->rows = NULL;
    t->row_pages = NULL;
    t->boxes = NULL;
    t->n_rows = t->n_boxes = 0;
}

/* Marks the tables printed on OCRed pages: conf[p - 1] is page p's mean
 * word confidence, or negative when it was read from its text layer. */
static void mark_ocr(bx_report *r, const float *conf)
{
    for (size_t i = 0; i < r->n_tables; i++) {
        bx_table *t = r->tables[i];
        double sum = 0;
        int n = 0;
        for (size_t k = 0; k < t->n_pages; k++)
            if (t->pages[k] >= 1 && t->pages[k] <= r->n_pages && conf[t->pages[k] - 1] >= 0) {
                sum += conf[t->pages[k] - 1];
                n++;
            }
        t->ocr = n > 0;
        t->ocr_confidence = n > 0 ? sum / n : 0;
    }
}

static bx_status no_text(bx_doc *doc, const char *source, bx_error *err)
{
    const char *why = bx_doc_ocr_problem(doc);
    return bx_error_set(err, BX_ERR_NO_TEXT, "%s: no text layer (scanned pages?)%s%s", source,
                        why ? "; " : "", why ? why : "");
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
    size_t glyphs = 0, ocr_pages = 0;
    float *conf = bx_xmalloc(((size_t)b.report->n_pages + 1) * sizeof *conf);
    int previous_had_text = 0;
    left_half held = {0};
    for (int i = 0; i < b.report->n_pages; i++) {
        bx_page *page;
        /* a table may run on into a page whose only content is empty rows;
         * and a page after a page with text most likely has text too */
        unsigned flags = (b.open.table && b.open.last_page == i) || previous_had_text
                             ? BX_LOAD_RULES_ALWAYS
                             : 0;
        conf[i] = -1.0f;
        if (bx_doc_load_page(doc, i, flags, &page, err) != BX_OK)
            continue; /* an unreadable page is skipped; the others still count */
        glyphs += page->n_glyphs;
        ocr_pages += page->ocr != 0;
        conf[i] = page->ocr ? page->ocr_confidence : -1.0f;
        previous_had_text = page->n_glyphs > 0 && !page->ocr;
        build_page(&b, page, &held);
    }
    build_page(&b, NULL, &held);
    close_open(&b);
    bx_patterns_free(b.pat);
    if (glyphs == 0 && ocr_pages == 0) {
        free(conf);
        bx_report_free(b.report);
        return no_text(doc, source, err);
    }
    for (size_t i = 0; i < b.report->n_tables; i++)
        drop_empty_body(b.report->tables[i]);
    mark_ocr(b.report, conf);
    free(conf);
    bx_error_clear(err);
    *out = b.report;
    return BX_OK;
}
