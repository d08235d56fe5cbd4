/* budgetx review: one report as a folder that opens offline, each table's
 * grid beside the page images it was read from, the detected cells drawn
 * over the pages and linked to the grid's cells, and the checks that failed
 * marked on the cells they compared. */
#include "bx_normalize.h"
#include "export_common.h"
#include "review_html.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_DPI 96.0
#define DEFAULT_BITS 2

/* A cell's box on its page, shared by the grid cells printed in it. */
typedef struct {
    int page;
    bx_place box;
    bx_check_status worst; /* of the checks marking a cell in it (PASS: none) */
    bx_buf checks;         /* their ids, space-separated */
} box_mark;

/* What the page knows of one table while writing it. */
typedef struct {
    const bx_table *t;
    int index;
    bx_check_status *worst; /* per body cell */
    bx_buf *checks;         /* per body cell: ids of the checks marking it */
    unsigned char *guess;   /* per body row: a text dump guessed its place */
    int *body_key, *header_key; /* index into boxes, or -1 */
    box_mark *boxes;
    size_t n_boxes, cap;
    GHashTable *by_box; /* "page x0 y0 x1 y1" -> index + 1 */
} table_view;

typedef struct {
    const bx_report *r;
    bx_doc *doc;
    const char *folder;
    double dpi;
    int bits;
    rv_page_size *sizes;   /* per page (1-based), pixels_w 0 when not drawn */
    unsigned char *linked; /* per page: its figure's id is already in the page */
    int images;
} review;

/* True when the space-separated list holds the id. */
static int has_id(const char *list, const char *id, size_t len)
{
    for (const char *p = list; p && *p; p += strcspn(p, " "), p += *p == ' ')
        if (strncmp(p, id, len) == 0 && (p[len] == ' ' || p[len] == '\0'))
            return 1;
    return 0;
}

/* Adds the ids of `ids` (space-separated) that `to` does not hold yet. */
static void add_ids(bx_buf *to, const char *ids)
{
    for (const char *p = ids; p && *p; p += *p == ' ') {
        size_t len = strcspn(p, " ");
        if (!has_id(to->data, p, len))
            bx_buf_printf(to, "%s%.*s", to->len ? " " : "", (int)len, p);
        p += len;
    }
}

/* --- Which cells a check concerns ------------------------------------------- */

static int is_amount_cell(const bx_table *t, size_t row, size_t col)
{
    if (t->columns && t->columns[col].role != BX_COL_VALUE)
        return 0;
    double v;
    int decimals;
    return bx_cell_amount(bx_table_cell(t, row, col), &v, &decimals);
}

static void mark_cell(table_view *v, size_t row, size_t col, int check, bx_check_status s)
{
    size_t i = row * v->t->n_cols + col;
    if (s > v->worst[i])
        v->worst[i] = s;
    char id[24];
    snprintf(id, sizeof id, "%d", check);
    add_ids(&v->checks[i], id);
}

/* The value cells of the record (row, side) that holds an amount equal to
 * one of the check's, or every value cell of the row when none does: the
 * side of a two-sided table that a check concerns. */
static size_t mark_record(table_view *v, const bx_check *c, int k)
{
    size_t n = 0;
    for (size_t i = 0; i < v->t->n_records; i++) {
        const bx_record *rec = &v->t->records[i];
        int hit = 0;
        if (rec->row != (size_t)c->row)
            continue;
        for (size_t j = 0; j < rec->n_values && !hit; j++)
            hit = rec->values[j].has_amount &&
                  (rec->values[j].fen == c->actual || rec->values[j].fen == c->expected);
        for (size_t j = 0; hit && j < rec->n_values; j++) {
            const bx_value *val = &rec->values[j];
            /* a sum down a column compares one cell of the row; a row's
             * total compares the row's cells with each other */
            int compared = strcmp(c->rule, "row_total") == 0 || val->fen == c->actual ||
                           val->fen == c->expected;
            if (val->has_amount && compared && val->col < v->t->n_cols) {
                mark_cell(v, (size_t)c->row, val->col, k, c->status);
                n++;
            }
        }
    }
    return n;
}

/* Marks the cells of this table that check k compared: those the check
 * lists (in this table or, for a cross-table check, in the other), else,
 * for a check without a list, the cells of its row holding its amounts
 * (else the row's amounts). */
static size_t mark_check(table_view *v, const bx_check *c, int k)
{
    const bx_table *t = v->t;
    size_t n = 0;
    for (size_t i = 0; i < c->n_cells; i++) {
        const bx_cell_ref *x = &c->cells[i];
        if (x->table == v->index && x->row >= 0 && (size_t)x->row < t->n_rows && x->col >= 0 &&
            (size_t)x->col < t->n_cols) {
            mark_cell(v, (size_t)x->row, (size_t)x->col, k, c->status);
            n++;
        }
    }
    if (c->n_cells || c->table != v->index || c->row < 0 || (size_t)c->row >= t->n_rows)
        return n;
    if ((n = mark_record(v, c, k)))
        return n;
    for (size_t col = 0; col < t->n_cols; col++)
        if (is_amount_cell(t, (size_t)c->row, col)) {
            mark_cell(v, (size_t)c->row, col, k, c->status);
            n++;
        }
    return n;
}

/* "row 12: …" / "row 12 (…)…": a text dump's note on a row it placed by guess. */
static void mark_guesses(table_view *v)
{
    for (size_t i = 0; i < v->t->n_ambiguities; i++) {
        unsigned long row;
        if (sscanf(v->t->ambiguities[i], "row %lu", &row) == 1 && row >= 1 && row <= v->t->n_rows)
            v->guess[row - 1] = 1;
    }
}

/* --- Boxes ---------------------------------------------------------------------- */

static int box_empty(const bx_place *b) { return b->x1 <= b->x0 || b->y1 <= b->y0; }

static int box_key(table_view *v, int page, const bx_place *b)
{
    char key[128];
    snprintf(key, sizeof key, "%d %.2f %.2f %.2f %.2f", page, b->x0, b->y0, b->x1, b->y1);
    gpointer found = g_hash_table_lookup(v->by_box, key);
    if (found)
        return GPOINTER_TO_INT(found) - 1;
    v->boxes = bx_grow(v->boxes, &v->cap, v->n_boxes + 1, sizeof *v->boxes);
    box_mark *m = &v->boxes[v->n_boxes];
    m->page = page;
    m->box = *b;
    m->worst = BX_CHECK_PASS;
    bx_buf_init(&m->checks);
    g_hash_table_insert(v->by_box, g_strdup(key), GINT_TO_POINTER((int)++v->n_boxes));
    return (int)v->n_boxes - 1;
}

static void collect_boxes(table_view *v)
{
    const bx_table *t = v->t;
    size_t nc = t->n_cols;
    for (size_t r = 0; r < t->n_header; r++)
        for (size_t c = 0; c < nc; c++) {
            const bx_place *b = r < t->n_header_boxes ? &t->header_boxes[r * nc + c] : NULL;
            v->header_key[r * nc + c] =
                b && !box_empty(b) && t->n_pages ? box_key(v, t->pages[0], b) : -1;
        }
    for (size_t r = 0; r < t->n_rows; r++)
        for (size_t c = 0; c < nc; c++) {
            size_t i = r * nc + c;
            const bx_place *b = r < t->n_boxes ? &t->boxes[i] : NULL;
            int k = b && !box_empty(b) && t->row_pages ? box_key(v, t->row_pages[r], b) : -1;
            v->body_key[i] = k;
            if (k < 0 || v->worst[i] == BX_CHECK_PASS)
                continue;
            box_mark *m = &v->boxes[k];
            if (v->worst[i] > m->worst)
                m->worst = v->worst[i];
            add_ids(&m->checks, v->checks[i].data);
        }
}

static void view_init(table_view *v, const bx_report *r, int index)
{
    memset(v, 0, sizeof *v);
    v->t = r->tables[index];
    v->index = index;
    size_t cells = v->t->n_rows * v->t->n_cols;
    v->worst = bx_xcalloc(cells + 1, sizeof *v->worst);
    v->checks = bx_xcalloc(cells + 1, sizeof *v->checks);
    v->guess = bx_xcalloc(v->t->n_rows + 1, 1);
    v->body_key = bx_xcalloc(cells + 1, sizeof *v->body_key);
    v->header_key = bx_xcalloc(v->t->n_header * v->t->n_cols + 1, sizeof *v->header_key);
    v->by_box = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t k = 0; k < r->n_checks; k++)
        if (r->checks[k].status != BX_CHECK_PASS)
            mark_check(v, &r->checks[k], (int)k);
    mark_guesses(v);
    collect_boxes(v);
}

static void view_free(table_view *v)
{
    size_t cells = v->t->n_rows * v->t->n_cols;
    for (size_t i = 0; i < cells; i++)
        bx_buf_free(&v->checks[i]);
    for (size_t i = 0; i < v->n_boxes; i++)
        bx_buf_free(&v->boxes[i].checks);
    free(v->worst);
    free(v->checks);
    free(v->guess);
    free(v->body_key);
    free(v->header_key);
    free(v->boxes);
    g_hash_table_destroy(v->by_box);
}

/* --- The grid ------------------------------------------------------------------- */

static const char *status_class(bx_check_status s)
{
    return s == BX_CHECK_FAIL ? "bad" : s == BX_CHECK_ROUNDING ? "round" : NULL;
}

/* Header cells (r, c) and (r2, c2) are one printed cell: the same box, or
 * (without boxes) the same non-empty text. */
static int same_header(const table_view *v, size_t r, size_t c, size_t r2, size_t c2)
{
    size_t nc = v->t->n_cols;
    int a = v->header_key[r * nc + c], b = v->header_key[r2 * nc + c2];
    if (a >= 0 || b >= 0)
        return a == b;
    const char *x = bx_table_header_cell(v->t, r, c), *y = bx_table_header_cell(v->t, r2, c2);
    return *x && strcmp(x, y) == 0;
}

static void write_header(bx_buf *b, const table_view *v)
{
    const bx_table *t = v->t;
    size_t nc = t->n_cols;
    if (t->n_header == 0)
        return; /* an empty <thead> is invalid */
    unsigned char *done = bx_xcalloc(t->n_header * nc + 1, 1);
    bx_buf_puts(b, "<thead>\n");
    for (size_t r = 0; r < t->n_header; r++) {
        bx_buf_puts(b, "<tr>");
        if (r == 0)
            bx_buf_printf(b, "<th class=\"rn\" rowspan=\"%zu\">行</th>", t->n_header);
        for (size_t c = 0; c < nc; c++) {
            if (done[r * nc + c])
                continue;
            size_t cs = 1, rs = 1;
            while (c + cs < nc && !done[r * nc + c + cs] && same_header(v, r, c, r, c + cs))
                cs++;
            for (;; rs++) {
                size_t below = r + rs, ok = below < t->n_header;
                for (size_t k = 0; ok && k < cs; k++)
                    ok = !done[below * nc + c + k] && same_header(v, r, c, below, c + k);
                if (!ok)
                    break;
            }
            for (size_t i = 0; i < rs; i++)
                memset(done + (r + i) * nc + c, 1, cs);
            bx_buf_puts(b, "<th");
            if (cs > 1)
                bx_buf_printf(b, " colspan=\"%zu\"", cs);
            if (rs > 1)
                bx_buf_printf(b, " rowspan=\"%zu\"", rs);
            if (v->header_key[r * nc + c] >= 0)
                bx_buf_printf(b, " data-k=\"%d-%d\"", v->index, v->header_key[r * nc + c]);
            bx_buf_puts(b, ">");
            rv_esc(b, bx_table_header_cell(t, r, c));
            bx_buf_puts(b, "</th>");
        }
        bx_buf_puts(b, "</tr>\n");
    }
    bx_buf_puts(b, "</thead>\n");
    free(done);
}

static void write_cell(bx_buf *b, const table_view *v, const bool *codes, size_t r, size_t c)
{
    size_t i = r * v->t->n_cols + c;
    const char *text = bx_table_cell(v->t, r, c);
    double value;
    int decimals;
    /* amounts, and the dashes that stand for none in an amount column */
    int dash = strcmp(text, "-") == 0 || strcmp(text, "—") == 0 || strcmp(text, "－") == 0;
    int amount = bx_cell_amount(text, &value, &decimals) ||
                 (dash && v->t->columns && v->t->columns[c].role == BX_COL_VALUE);
    const char *kind = codes[c] ? "code" : amount ? "n" : NULL;
    const char *mark = status_class(v->worst[i]);
    const char *guess = v->guess[r] && *text ? "guess" : NULL;
    bx_buf_puts(b, "<td");
    if (kind || mark || guess)
        bx_buf_printf(b, " class=\"%s%s%s%s%s\"", kind ? kind : "", kind && mark ? " " : "",
                      mark ? mark : "", (kind || mark) && guess ? " " : "", guess ? guess : "");
    if (v->body_key[i] >= 0)
        bx_buf_printf(b, " data-k=\"%d-%d\"", v->index, v->body_key[i]);
    if (v->checks[i].len)
        bx_buf_printf(b, " data-c=\"%s\"", v->checks[i].data);
    bx_buf_puts(b, ">");
    rv_esc(b, text);
    bx_buf_puts(b, "</td>");
}

static void write_grid(bx_buf *b, const table_view *v)
{
    const bx_table *t = v->t;
    bool *codes = bx_code_columns(t);
    bx_buf_puts(b, "<div class=\"grid\"><table>\n");
    write_header(b, v);
    bx_buf_puts(b, "<tbody>\n");
    for (size_t r = 0; r < t->n_rows; r++) {
        bx_buf_printf(b, "<tr><th class=\"rn\">%zu</th>", r + 1);
        for (size_t c = 0; c < t->n_cols; c++)
            write_cell(b, v, codes, r, c);
        bx_buf_puts(b, "</tr>\n");
    }
    if (t->n_rows == 0)
        bx_buf_printf(b, "<tr><td colspan=\"%zu\" class=\"muted\">（空表）</td></tr>\n",
                      t->n_cols + 1);
    bx_buf_puts(b, "</tbody></table></div>\n");
    free(codes);
}

/* --- Page images ------------------------------------------------------------------ */

static void write_figure_open(bx_buf *b, review *rv, int page)
{
    const rv_page_size *s = &rv->sizes[page];
    bx_buf_puts(b, "<figure");
    if (!rv->linked[page]) {
        bx_buf_printf(b, " id=\"pg-%d\"", page);
        rv->linked[page] = 1;
    }
    bx_buf_printf(b, "><div class=\"pw\" style=\"aspect-ratio:%d/%d\">"
                     "<img loading=\"lazy\" src=\"p%04d.png\" width=\"%d\" height=\"%d\" alt=\"第 %d 页\">",
                  s->pixels_w, s->pixels_h, page, s->pixels_w, s->pixels_h, page);
}

static void write_figure_close(bx_buf *b, int page)
{
    bx_buf_printf(b, "</div><figcaption>第 %d 页</figcaption></figure>\n", page);
}

static void write_box(bx_buf *b, const table_view *v, const rv_page_size *s, size_t k)
{
    const box_mark *m = &v->boxes[k];
    const char *mark = status_class(m->worst);
    bx_buf_printf(b, "<div class=\"bx%s%s\" data-k=\"%d-%zu\"", mark ? " " : "", mark ? mark : "",
                  v->index, k);
    if (m->checks.len)
        bx_buf_printf(b, " data-c=\"%s\"", m->checks.data);
    bx_buf_printf(b, " style=\"left:%.2f%%;top:%.2f%%;width:%.2f%%;height:%.2f%%\"></div>",
                  100 * m->box.x0 / s->width, 100 * m->box.y0 / s->height,
                  100 * (m->box.x1 - m->box.x0) / s->width,
                  100 * (m->box.y1 - m->box.y0) / s->height);
}

static int has_image(const review *rv, int page)
{
    return page >= 1 && page <= rv->r->n_pages && rv->sizes[page].pixels_w > 0;
}

static int images_of(const review *rv, const bx_table *t)
{
    int n = 0;
    for (size_t p = 0; p < t->n_pages; p++)
        n += has_image(rv, t->pages[p]);
    return n;
}

/* The table's page images with its cells' boxes; nothing when it has none
 * (a text dump or JSON: the grid then takes the whole width). */
static void write_pages(bx_buf *b, review *rv, const table_view *v)
{
    const bx_table *t = v->t;
    if (!images_of(rv, t))
        return;
    bx_buf_puts(b, "<div class=\"pages\">\n");
    for (size_t p = 0; p < t->n_pages; p++) {
        int page = t->pages[p];
        if (!has_image(rv, page)) {
            bx_buf_printf(b, "<p class=\"noimg\">第 %d 页：无页面图像</p>\n", page);
            continue;
        }
        write_figure_open(b, rv, page);
        for (size_t k = 0; k < v->n_boxes; k++)
            if (v->boxes[k].page == page)
                write_box(b, v, &rv->sizes[page], k);
        write_figure_close(b, page);
    }
    bx_buf_puts(b, "</div>\n");
}

/* --- Checks ----------------------------------------------------------------------- */

static void write_rule(bx_buf *b, const bx_check *c)
{
    const char *label = rv_rule_label(c->rule);
    if (label) {
        rv_esc(b, label);
        bx_buf_puts(b, " ");
    }
    bx_buf_puts(b, "<code>");
    rv_esc(b, c->rule);
    bx_buf_puts(b, "</code>");
}

static void write_page_link(bx_buf *b, const review *rv, int page)
{
    if (has_image(rv, page))
        bx_buf_printf(b, "<a href=\"#pg-%d\">第 %d 页</a>", page, page);
    else if (page >= 1)
        bx_buf_printf(b, "第 %d 页", page);
}

/* One check as a reader reads it: status, rule, what, the numbers. */
static void write_check_body(bx_buf *b, const review *rv, const bx_check *c)
{
    const bx_table *t = c->table >= 0 ? rv->r->tables[c->table] : NULL;
    bx_buf_printf(b, "<b>%s</b> ", rv_status_label(c->status));
    write_rule(b, c);
    if (c->row >= 0)
        bx_buf_printf(b, "，第 %d 行", c->row + 1);
    bx_buf_puts(b, "：");
    rv_esc(b, c->what);
    bx_buf_puts(b, " — ");
    rv_check_words(b, c, t ? t->unit : NULL);
    if (c->other_table >= 0 && (size_t)c->other_table < rv->r->n_tables)
        bx_buf_printf(b, "（对照 <a href=\"#t-%d\">表 %d</a>）", c->other_table, c->other_table + 1);
    if (c->quote) {
        bx_buf_puts(b, "<blockquote>");
        rv_esc(b, c->quote);
        bx_buf_puts(b, "</blockquote>");
    }
    if (c->page > 0) {
        bx_buf_puts(b, " ");
        write_page_link(b, rv, c->page);
    }
}

static void write_notes(bx_buf *b, const review *rv, const table_view *v)
{
    const bx_report *r = rv->r;
    int any = 0;
    for (size_t k = 0; k < r->n_checks; k++) {
        const bx_check *c = &r->checks[k];
        if (c->table != v->index || c->status == BX_CHECK_PASS)
            continue;
        bx_buf_puts(b, any++ ? "" : "<ol class=\"notes\">\n");
        bx_buf_printf(b, "<li id=\"x-%zu\" class=\"%s\" data-chk=\"%zu\">", k,
                      bx_check_status_name(c->status), k);
        write_check_body(b, rv, c);
        bx_buf_puts(b, "</li>\n");
    }
    for (size_t i = 0; i < v->t->n_ambiguities; i++) {
        bx_buf_puts(b, any++ ? "" : "<ol class=\"notes\">\n");
        bx_buf_puts(b, "<li class=\"guess\"><b>推测</b> 位置由程序推断：");
        rv_esc(b, v->t->ambiguities[i]);
        bx_buf_puts(b, "</li>\n");
    }
    if (any)
        bx_buf_puts(b, "</ol>\n");
}

/* --- The table's section ------------------------------------------------------------ */

/* The share of a table's amounts that passing or rounding checks compared
 * (issue 12's `verified`), or < 0 when it has none. */
static double table_verified(const bx_table *t)
{
    return t->n_amounts ? (double)t->n_verified / (double)t->n_amounts : -1;
}

static void write_share(bx_buf *b, double share)
{
    if (share >= 0)
        bx_buf_printf(b, "%.0f%%", 100 * share);
    else
        bx_buf_puts(b, "n/a");
}

static void write_meta(bx_buf *b, const review *rv, const bx_table *t)
{
    bx_buf_puts(b, "<dl class=\"meta\"><dt>类型</dt><dd>");
    rv_esc(b, bx_table_kind_name(t));
    bx_buf_puts(b, "</dd><dt>单位</dt><dd>");
    rv_esc(b, t->unit ? t->unit : "—");
    bx_buf_puts(b, "</dd><dt>部门</dt><dd>");
    rv_esc(b, t->department ? t->department : "—");
    bx_buf_puts(b, "</dd><dt>页</dt><dd>");
    for (size_t p = 0; p < t->n_pages; p++) {
        bx_buf_puts(b, p ? "，" : "");
        write_page_link(b, rv, t->pages[p]);
    }
    bx_buf_printf(b, "</dd><dt>行 × 列</dt><dd>%zu × %zu</dd><dt>已核验</dt><dd>", t->n_rows,
                  t->n_cols);
    write_share(b, table_verified(t));
    if (t->ocr) /* read from a picture: its digits are the checks' to prove */
        bx_buf_printf(b, "</dd><dt>来源</dt><dd class=\"ocr\">OCR（平均置信度 %.0f）",
                      t->ocr_confidence);
    for (size_t i = 0; i < t->n_corrections; i++) { /* offered: the reader decides */
        const bx_ocr_correction *c = &t->corrections[i];
        bx_buf_printf(b, "</dd><dt>OCR 更正</dt><dd class=\"ocr\">第 %zu 行第 %zu 列：读作 ", c->row + 1,
                      c->col + 1);
        rv_esc(b, c->printed);
        bx_buf_puts(b, "，核算为 ");
        rv_esc(b, c->corrected);
        bx_buf_puts(b, c->applied ? "（已更正）" : "");
    }
    bx_buf_puts(b, "</dd></dl>\n");
}

static void write_table(bx_buf *b, review *rv, int index)
{
    table_view v;
    view_init(&v, rv->r, index);
    bx_buf_printf(b, "<section id=\"t-%d\">\n<h2>表 %d　", index, index + 1);
    rv_esc(b, v.t->title);
    bx_buf_puts(b, "</h2>\n");
    write_meta(b, rv, v.t);
    write_notes(b, rv, &v);
    if (!images_of(rv, v.t))
        bx_buf_puts(b, "<p class=\"noimg\">无页面图像：输入是文本或 JSON，不是 PDF</p>\n");
    bx_buf_puts(b, "<div class=\"pair\">\n");
    write_grid(b, &v);
    write_pages(b, rv, &v);
    bx_buf_puts(b, "</div>\n</section>\n");
    view_free(&v);
}

/* --- The report ---------------------------------------------------------------------- */

static int is_finding(const bx_check *c) { return c->table < 0; }

static void write_check_list(bx_buf *b, const review *rv)
{
    const bx_report *r = rv->r;
    bx_buf_puts(b, "<section class=\"list\" id=\"checks\"><h2>未通过与舍入差的检查</h2>\n<ol>\n");
    size_t n = 0;
    for (size_t k = 0; k < r->n_checks; k++) {
        const bx_check *c = &r->checks[k];
        if (c->status == BX_CHECK_PASS)
            continue;
        n++;
        bx_buf_printf(b, "<li class=\"%s\"><a href=\"#x-%zu\">%s</a> ",
                      bx_check_status_name(c->status), k, rv_status_label(c->status));
        write_rule(b, c);
        if (c->table >= 0) {
            bx_buf_printf(b, "：表 %d ", c->table + 1);
            rv_esc(b, r->tables[c->table]->title);
        }
        if (c->row >= 0)
            bx_buf_printf(b, " 第 %d 行", c->row + 1);
        bx_buf_puts(b, "</li>\n");
    }
    if (!n)
        bx_buf_puts(b, "<li>全部检查通过</li>\n");
    bx_buf_puts(b, "</ol></section>\n");
}

static void write_findings(bx_buf *b, const review *rv)
{
    const bx_report *r = rv->r;
    size_t n = 0;
    for (size_t k = 0; k < r->n_checks; k++) {
        const bx_check *c = &r->checks[k];
        if (!is_finding(c) || c->status == BX_CHECK_PASS)
            continue;
        bx_buf_puts(b, n++ ? "" : "<section id=\"findings\"><h2>报告层面的发现</h2>\n<ol class=\"notes\">\n");
        bx_buf_printf(b, "<li id=\"x-%zu\" class=\"%s\" data-chk=\"%zu\">", k,
                      bx_check_status_name(c->status), k);
        write_check_body(b, rv, c);
        bx_buf_puts(b, "</li>\n");
    }
    if (n)
        bx_buf_puts(b, "</ol></section>\n");
}

static void write_toc(bx_buf *b, const bx_report *r)
{
    bx_buf_puts(b, "<nav id=\"toc\"><h2>表格</h2>\n<ol>\n");
    for (size_t i = 0; i < r->n_tables; i++) {
        size_t fail = 0, round = 0;
        for (size_t k = 0; k < r->n_checks; k++)
            if (r->checks[k].table == (int)i) {
                fail += r->checks[k].status == BX_CHECK_FAIL;
                round += r->checks[k].status == BX_CHECK_ROUNDING;
            }
        bx_buf_printf(b, "<li><a href=\"#t-%zu\">", i);
        rv_esc(b, r->tables[i]->title);
        bx_buf_puts(b, "</a>");
        if (fail)
            bx_buf_printf(b, " <span class=\"badge bad\" title=\"未通过\">%zu</span>", fail);
        if (round)
            bx_buf_printf(b, " <span class=\"badge round\" title=\"舍入差\">%zu</span>", round);
        bx_buf_puts(b, "</li>\n");
    }
    bx_buf_puts(b, "</ol></nav>\n");
}

/* Pages cited by findings that no table's section shows. */
static void write_other_pages(bx_buf *b, review *rv)
{
    int any = 0;
    for (int p = 1; p <= rv->r->n_pages; p++) {
        if (rv->linked[p] || !rv->sizes[p].pixels_w)
            continue;
        bx_buf_puts(b, any++ ? "" : "<section id=\"other-pages\"><h2>发现所引页面</h2>\n<div class=\"pages\">\n");
        write_figure_open(b, rv, p);
        write_figure_close(b, p);
    }
    if (any)
        bx_buf_puts(b, "</div></section>\n");
}

static void fill_entry(const bx_report *r, bx_review_entry *e)
{
    memset(e, 0, sizeof *e);
    e->source = bx_xstrdup(r->source ? r->source : "");
    e->title = r->document.title ? bx_xstrdup(r->document.title) : NULL;
    e->warning = r->warning ? bx_xstrdup(r->warning) : NULL;
    e->pages = r->n_pages;
    e->tables = r->n_tables;
    size_t amounts = 0, verified = 0;
    for (size_t i = 0; i < r->n_tables; i++) {
        amounts += r->tables[i]->n_amounts;
        verified += r->tables[i]->n_verified;
    }
    e->verified = amounts ? (double)verified / (double)amounts : -1;
    for (size_t k = 0; k < r->n_checks; k++) {
        e->checks++;
        e->failed += r->checks[k].status == BX_CHECK_FAIL;
        e->rounding += r->checks[k].status == BX_CHECK_ROUNDING;
    }
}

static void write_head(bx_buf *b, const bx_report *r, const bx_review_entry *e)
{
    const char *title = r->document.title ? r->document.title : r->source;
    rv_begin(b, title);
    bx_buf_puts(b, "<header><p class=\"muted\"><a href=\"../index.html\">← 全部报告</a></p><h1>");
    rv_esc(b, title);
    bx_buf_puts(b, "</h1>\n<p>");
    rv_esc(b, r->source);
    bx_buf_printf(b, " · %d 页 · %zu 张表 · %zu 项检查：<span class=\"badge bad\">%zu</span> 未通过，"
                     "<span class=\"badge round\">%zu</span> 舍入差 · 已核验 ",
                  r->n_pages, r->n_tables, e->checks, e->failed, e->rounding);
    write_share(b, e->verified);
    bx_buf_puts(b, "</p>\n");
    if (r->warning) {
        bx_buf_puts(b, "<p class=\"fail\">警告：");
        rv_esc(b, r->warning);
        bx_buf_puts(b, "</p>\n");
    }
    bx_buf_puts(b, "<p class=\"keys\">键盘：<kbd>j</kbd>/<kbd>k</kbd> 下一张/上一张表 · <kbd>f</kbd>/<kbd>F</kbd> "
                   "下一个/上一个未通过的检查 · 指向或点击单元格，页面上对应的框同时高亮</p></header>\n");
}

/* Which pages get an image: those holding a table, and those findings cite. */
static unsigned char *pages_to_draw(const bx_report *r)
{
    unsigned char *draw = bx_xcalloc((size_t)r->n_pages + 2, 1);
    for (size_t i = 0; i < r->n_tables; i++)
        for (size_t p = 0; p < r->tables[i]->n_pages; p++)
            if (r->tables[i]->pages[p] >= 1 && r->tables[i]->pages[p] <= r->n_pages)
                draw[r->tables[i]->pages[p]] = 1;
    for (size_t k = 0; k < r->n_checks; k++)
        if (is_finding(&r->checks[k]) && r->checks[k].status != BX_CHECK_PASS &&
            r->checks[k].page >= 1 && r->checks[k].page <= r->n_pages)
            draw[r->checks[k].page] = 1;
    return draw;
}

static bx_status render_pages(review *rv, bx_error *err)
{
    if (!rv->doc)
        return BX_OK;
    unsigned char *draw = pages_to_draw(rv->r);
    bx_status s = BX_OK;
    for (int p = 1; p <= rv->r->n_pages && s == BX_OK; p++) {
        if (!draw[p])
            continue;
        char *path = g_strdup_printf("%s/p%04d.png", rv->folder, p);
        s = rv_render_page(rv->doc, p, rv->dpi, rv->bits, path, &rv->sizes[p], err);
        g_free(path);
        rv->images += s == BX_OK;
    }
    free(draw);
    return s;
}

bx_status bx_write_review(const bx_report *r, bx_doc *doc, const char *folder,
                          const bx_review_options *o, bx_review_entry *entry, bx_error *err)
{
    review rv = {r, doc, folder, o && o->dpi > 0 ? o->dpi : DEFAULT_DPI,
                 o && o->bits > 0 ? o->bits : DEFAULT_BITS, NULL, NULL, 0};
    bx_status s = rv_mkdir(folder, err);
    if (s != BX_OK)
        return s;
    rv.sizes = bx_xcalloc((size_t)r->n_pages + 2, sizeof *rv.sizes);
    rv.linked = bx_xcalloc((size_t)r->n_pages + 2, 1);
    s = render_pages(&rv, err);
    bx_review_entry e;
    fill_entry(r, &e);
    e.images = rv.images;
    bx_buf b;
    bx_buf_init(&b);
    if (s == BX_OK) {
        write_head(&b, r, &e);
        write_toc(&b, r);
        write_check_list(&b, &rv);
        write_findings(&b, &rv);
        bx_buf_puts(&b, "<main>\n");
        for (size_t i = 0; i < r->n_tables; i++)
            write_table(&b, &rv, (int)i);
        bx_buf_puts(&b, "</main>\n");
        write_other_pages(&b, &rv);
        rv_end(&b);
        char *path = g_strdup_printf("%s/index.html", folder);
        s = bx_write_file_atomic(path, b.data, b.len, err);
        g_free(path);
    }
    bx_buf_free(&b);
    free(rv.sizes);
    free(rv.linked);
    if (s == BX_OK && entry)
        *entry = e;
    else
        bx_review_entry_clear(&e);
    return s;
}

void bx_review_entry_clear(bx_review_entry *e)
{
    free(e->name);
    free(e->source);
    free(e->title);
    free(e->warning);
    memset(e, 0, sizeof *e);
}
