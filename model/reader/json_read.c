/* Reading FORMAT.md's table JSON back into a report: a researcher who
 * corrects an extraction by hand can check it and convert it like a PDF
 * (`budgetx check fixed.json`, `budgetx extract -f xlsx fixed.json`). Only
 * the faithful fields are read (title, pages, unit, department, header,
 * rows); the meaning is recomputed from them. */
#include "bx_reader.h"

#include <json-glib/json-glib.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *member_string(JsonObject *o, const char *name)
{
    JsonNode *n = json_object_get_member(o, name);
    if (!n || JSON_NODE_TYPE(n) != JSON_NODE_VALUE || json_node_get_value_type(n) != G_TYPE_STRING)
        return NULL;
    return bx_xstrdup(json_node_get_string(n));
}

static JsonArray *member_array(JsonObject *o, const char *name)
{
    JsonNode *n = json_object_get_member(o, name);
    return n && JSON_NODE_HOLDS_ARRAY(n) ? json_node_get_array(n) : NULL;
}

/* Width of a grid: its widest row (rows are padded with ""). */
static size_t grid_width(JsonArray *grid)
{
    size_t w = 0;
    for (guint r = 0; grid && r < json_array_get_length(grid); r++) {
        JsonNode *row = json_array_get_element(grid, r);
        if (JSON_NODE_HOLDS_ARRAY(row))
            w = MAX(w, json_array_get_length(json_node_get_array(row)));
    }
    return w;
}

static void add_grid(bx_table *t, JsonArray *grid, int header)
{
    const char **cells = bx_xcalloc(t->n_cols + 1, sizeof *cells);
    for (guint r = 0; grid && r < json_array_get_length(grid); r++) {
        JsonNode *node = json_array_get_element(grid, r);
        JsonArray *row = JSON_NODE_HOLDS_ARRAY(node) ? json_node_get_array(node) : NULL;
        for (size_t c = 0; c < t->n_cols; c++) {
            JsonNode *cell = row && c < json_array_get_length(row) ? json_array_get_element(row, (guint)c) : NULL;
            cells[c] = cell && JSON_NODE_HOLDS_VALUE(cell) &&
                               json_node_get_value_type(cell) == G_TYPE_STRING
                           ? json_node_get_string(cell)
                           : "";
        }
        if (header)
            bx_table_add_header_row(t, cells);
        else
            bx_table_add_row(t, cells);
    }
    free(cells);
}

/* A 1-based page number, or 0 for anything else a hand-edited file holds
 * (json-glib would print a CRITICAL when asked for an integer that is not). */
static int page_number(JsonNode *n)
{
    if (!JSON_NODE_HOLDS_VALUE(n) || json_node_get_value_type(n) != G_TYPE_INT64)
        return 0;
    gint64 p = json_node_get_int(n);
    return p >= 1 && p <= INT_MAX ? (int)p : 0;
}

/* The page of each body row, as written; without them (gold, a file made
 * by hand) a row is taken to be on the table's first page. */
static void read_row_pages(bx_table *t, JsonArray *pages)
{
    bool given = pages && json_array_get_length(pages) == t->n_rows;
    for (size_t r = 0; r < t->n_rows; r++) {
        int page = given ? page_number(json_array_get_element(pages, (guint)r)) : 0;
        t->row_pages[r] = page ? page : t->n_pages ? t->pages[0] : 0;
    }
}

static bx_table *table_from_object(JsonObject *o)
{
    JsonArray *header = member_array(o, "header"), *rows = member_array(o, "rows");
    size_t n_cols = MAX(grid_width(header), grid_width(rows));
    bx_table *t = bx_table_new(n_cols ? n_cols : 1);
    t->title = member_string(o, "title");
    if (!t->title)
        t->title = bx_xstrdup("");
    t->unit = member_string(o, "unit");
    t->department = member_string(o, "department");
    t->agency = member_string(o, "agency");
    JsonArray *pages = member_array(o, "pages");
    for (guint i = 0; pages && i < json_array_get_length(pages); i++) {
        int page = page_number(json_array_get_element(pages, i));
        if (page)
            bx_table_add_page(t, page);
    }
    add_grid(t, header, 1);
    add_grid(t, rows, 0);
    read_row_pages(t, member_array(o, "row_pages"));
    return t;
}

/* Deepest nesting of arrays and objects json-glib is given: its parser
 * recurses once per level, so a file of 75,000 '[' overflows the stack.
 * Our JSON nests 4 deep (tables, grid, row, cell); 64 leaves room for any
 * superset a script may write. */
#define BX_JSON_MAX_DEPTH 64

/* True when no array or object in text nests deeper than max (strings,
 * with their escapes, skipped): a scan of the bytes before any parsing. */
static bool depth_within(const char *text, size_t len, int max)
{
    int depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = false;
        } else if (c == '"')
            in_string = true;
        else if (c == '[' || c == '{') {
            if (++depth > max)
                return false;
        } else if (c == ']' || c == '}')
            depth--;
    }
    return true;
}

/* What a JSON value is, for errors: "a number", "true" ... */
static const char *value_kind(JsonNode *n)
{
    if (JSON_NODE_HOLDS_NULL(n))
        return "null";
    if (JSON_NODE_HOLDS_ARRAY(n))
        return "an array";
    if (JSON_NODE_HOLDS_OBJECT(n))
        return "an object";
    GType t = json_node_get_value_type(n);
    return t == G_TYPE_BOOLEAN ? "a boolean" : t == G_TYPE_STRING ? "a string" : "a number";
}

static bool is_string(JsonNode *n)
{
    return JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_STRING;
}

/* json-glib's scanner takes C escapes that JSON does not have ("\343" is
 * the byte 0xE3), so a string it parsed can be invalid UTF-8, which every
 * writer would pass on and the JSON writer would make invalid JSON. */
static bool is_utf8(JsonNode *n) { return g_utf8_validate(json_node_get_string(n), -1, NULL); }

static bx_status not_utf8(bx_error *err, const char *where, const char *what)
{
    return bx_error_set(err, BX_ERR_DAMAGED,
                        "%s: %s is not valid UTF-8 (JSON has no octal escapes such as \\343)",
                        where, what);
}

/* A member read as text (unit, department ...): absent, or valid UTF-8. */
static bx_status check_text_member(JsonObject *o, const char *name, const char *where,
                                   bx_error *err)
{
    JsonNode *n = json_object_get_member(o, name);
    if (!n || !is_string(n) || is_utf8(n))
        return BX_OK;
    char what[64];
    snprintf(what, sizeof what, "\"%s\"", name);
    return not_utf8(err, where, what);
}

static bool is_page(JsonNode *n, int min)
{
    return JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_INT64 &&
           json_node_get_int(n) >= min && json_node_get_int(n) <= INT_MAX;
}

/* A grid ("header" or "rows") must be an array of arrays of strings: a
 * number or a boolean written by a correcting script would otherwise read
 * as an empty cell, silently. */
static bx_status check_grid(JsonObject *o, const char *name, const char *where, bx_error *err)
{
    JsonNode *n = json_object_get_member(o, name);
    if (!n)
        return BX_OK;
    if (!JSON_NODE_HOLDS_ARRAY(n))
        return bx_error_set(err, BX_ERR_DAMAGED, "%s: \"%s\" is %s, not an array of rows", where,
                            name, value_kind(n));
    JsonArray *grid = json_node_get_array(n);
    const char *part = strcmp(name, "rows") == 0 ? "body" : name;
    for (guint r = 0; r < json_array_get_length(grid); r++) {
        JsonNode *row = json_array_get_element(grid, r);
        if (!JSON_NODE_HOLDS_ARRAY(row))
            return bx_error_set(err, BX_ERR_DAMAGED, "%s: %s row %u is %s, not an array of cells",
                                where, part, r + 1, value_kind(row));
        JsonArray *cells = json_node_get_array(row);
        for (guint c = 0; c < json_array_get_length(cells); c++) {
            JsonNode *cell = json_array_get_element(cells, c);
            if (!is_string(cell))
                return bx_error_set(err, BX_ERR_DAMAGED,
                                    "%s: %s row %u, column %u is %s; cells must be strings "
                                    "(write \"12.50\", not 12.5)",
                                    where, part, r + 1, c + 1, value_kind(cell));
            if (!is_utf8(cell)) {
                char what[96];
                snprintf(what, sizeof what, "%s row %u, column %u", part, r + 1, c + 1);
                return not_utf8(err, where, what);
            }
        }
    }
    return BX_OK;
}

/* "pages" and "row_pages", when present, are arrays of page numbers from
 * min (a row's page is 0 where a text dump did not say). */
static bx_status check_pages(JsonObject *o, const char *name, int min, const char *where,
                             bx_error *err)
{
    JsonNode *n = json_object_get_member(o, name);
    if (!n)
        return BX_OK;
    JsonArray *pages = JSON_NODE_HOLDS_ARRAY(n) ? json_node_get_array(n) : NULL;
    for (guint i = 0; pages && i < json_array_get_length(pages); i++)
        if (!is_page(json_array_get_element(pages, i), min))
            pages = NULL;
    if (!pages)
        return bx_error_set(err, BX_ERR_DAMAGED,
                            "%s: \"%s\" must be an array of page numbers (whole numbers from %d)",
                            where, name, min);
    return BX_OK;
}

/* Table i as the reader needs it: an object with a title string, grids of
 * strings and whole page numbers. Fails naming the table, row and column. */
static bx_status check_table(JsonNode *n, guint i, const char *source, bx_error *err)
{
    char where[512];
    snprintf(where, sizeof where, "%s: table %u", source, i + 1);
    if (!JSON_NODE_HOLDS_OBJECT(n))
        return bx_error_set(err, BX_ERR_DAMAGED, "%s is %s, not an object", where, value_kind(n));
    JsonObject *o = json_node_get_object(n);
    JsonNode *title = json_object_get_member(o, "title");
    if (!title || !is_string(title))
        return bx_error_set(err, BX_ERR_DAMAGED, "%s has no \"title\" string", where);
    static const char *const texts[] = {"title", "unit", "department", "agency"};
    bx_status s = BX_OK;
    for (size_t k = 0; s == BX_OK && k < sizeof texts / sizeof texts[0]; k++)
        s = check_text_member(o, texts[k], where, err);
    if (s == BX_OK)
        s = check_grid(o, "header", where, err);
    if (s == BX_OK)
        s = check_grid(o, "rows", where, err);
    if (s == BX_OK && !json_object_get_member(o, "rows"))
        s = bx_error_set(err, BX_ERR_DAMAGED, "%s has no \"rows\" array", where);
    if (s == BX_OK)
        s = check_pages(o, "pages", 1, where, err);
    if (s == BX_OK)
        s = check_pages(o, "row_pages", 0, where, err);
    return s;
}

static bx_status check_tables(JsonArray *tables, const char *source, bx_error *err)
{
    bx_status s = BX_OK;
    for (guint i = 0; s == BX_OK && i < json_array_get_length(tables); i++)
        s = check_table(json_array_get_element(tables, i), i, source, err);
    return s;
}

bx_status bx_report_from_json(const char *text, size_t len, const char *source,
                              bx_report **out, bx_error *err)
{
    *out = NULL;
    if (!depth_within(text, len, BX_JSON_MAX_DEPTH))
        return bx_error_set(err, BX_ERR_DAMAGED, "%s: JSON nested deeper than %d levels", source,
                            BX_JSON_MAX_DEPTH);
    JsonParser *parser = json_parser_new();
    GError *gerr = NULL;
    if (!json_parser_load_from_data(parser, text, (gssize)len, &gerr)) {
        bx_status s = bx_error_set(err, BX_ERR_DAMAGED, "%s: not valid JSON (%s)", source,
                                   gerr->message);
        g_error_free(gerr);
        g_object_unref(parser);
        return s;
    }
    JsonNode *root = json_parser_get_root(parser);
    JsonArray *tables = root && JSON_NODE_HOLDS_OBJECT(root)
                            ? member_array(json_node_get_object(root), "tables")
                            : NULL;
    if (!tables) {
        g_object_unref(parser);
        return bx_error_set(err, BX_ERR_NOT_PDF, "%s: JSON without a \"tables\" array", source);
    }
    bx_status checked = check_tables(tables, source, err);
    if (checked != BX_OK) {
        g_object_unref(parser);
        return checked;
    }
    bx_report *r = bx_report_new(source);
    r->n_tables = json_array_get_length(tables);
    r->tables = bx_xcalloc(r->n_tables + 1, sizeof *r->tables);
    for (size_t i = 0; i < r->n_tables; i++) {
        JsonNode *n = json_array_get_element(tables, (guint)i);
        if (JSON_NODE_HOLDS_OBJECT(n)) {
            r->tables[i] = table_from_object(json_node_get_object(n));
        } else {
            r->tables[i] = bx_table_new(1);
            r->tables[i]->title = bx_xstrdup("");
        }
        for (size_t p = 0; p < r->tables[i]->n_pages; p++)
            r->n_pages = MAX(r->n_pages, r->tables[i]->pages[p]);
    }
    /* the page count as written: tables need not reach the last page */
    JsonNode *count = json_object_get_member(json_node_get_object(root), "page_count");
    if (count)
        r->n_pages = MAX(r->n_pages, page_number(count));
    g_object_unref(parser);
    *out = r;
    return BX_OK;
}
