/* Reading FORMAT.md's table JSON back into a report: a researcher who
 * corrects an extraction by hand can check it and convert it like a PDF
 * (`budgetx check fixed.json`, `budgetx extract -f xlsx fixed.json`). Only
 * the faithful fields are read (title, pages, unit, department, header,
 * rows); the meaning is recomputed from them. */
#include "bx_reader.h"

#include <json-glib/json-glib.h>
#include <limits.h>
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
    JsonArray *pages = member_array(o, "pages");
    for (guint i = 0; pages && i < json_array_get_length(pages); i++) {
        int page = page_number(json_array_get_element(pages, i));
        if (page)
            bx_table_add_page(t, page);
    }
    add_grid(t, header, 1);
    add_grid(t, rows, 0);
    return t;
}

bx_status bx_report_from_json(const char *text, size_t len, const char *source,
                              bx_report **out, bx_error *err)
{
    *out = NULL;
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
    g_object_unref(parser);
    *out = r;
    return BX_OK;
}
