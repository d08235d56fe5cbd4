/* The table JSON of eval/FORMAT.md, built with json-glib. */
#include "bx_export.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

static void add_string_or_null(JsonBuilder *jb, const char *name, const char *value)
{
    json_builder_set_member_name(jb, name);
    if (value)
        json_builder_add_string_value(jb, value);
    else
        json_builder_add_null_value(jb);
}

static void add_grid(JsonBuilder *jb, const char *name, char **cells, size_t n_rows, size_t n_cols)
{
    json_builder_set_member_name(jb, name);
    json_builder_begin_array(jb);
    for (size_t r = 0; r < n_rows; r++) {
        json_builder_begin_array(jb);
        for (size_t c = 0; c < n_cols; c++)
            json_builder_add_string_value(jb, cells[r * n_cols + c]);
        json_builder_end_array(jb);
    }
    json_builder_end_array(jb);
}

static void add_table(JsonBuilder *jb, const bx_table *t)
{
    json_builder_begin_object(jb);
    add_string_or_null(jb, "title", t->title);
    json_builder_set_member_name(jb, "pages");
    json_builder_begin_array(jb);
    for (size_t i = 0; i < t->n_pages; i++)
        json_builder_add_int_value(jb, t->pages[i]);
    json_builder_end_array(jb);
    add_string_or_null(jb, "unit", t->unit);
    add_string_or_null(jb, "department", t->department);
    add_grid(jb, "header", t->header, t->n_header, t->n_cols);
    add_grid(jb, "rows", t->rows, t->n_rows, t->n_cols);
    if (t->n_fields) {
        json_builder_set_member_name(jb, "form");
        json_builder_begin_object(jb);
        for (size_t i = 0; i < t->n_fields; i++)
            add_string_or_null(jb, t->fields[2 * i], t->fields[2 * i + 1]);
        json_builder_end_object(jb);
    }
    if (t->n_ambiguities) {
        json_builder_set_member_name(jb, "ambiguities");
        json_builder_begin_array(jb);
        for (size_t i = 0; i < t->n_ambiguities; i++)
            json_builder_add_string_value(jb, t->ambiguities[i]);
        json_builder_end_array(jb);
    }
    json_builder_end_object(jb);
}

char *bx_report_to_json(const bx_report *report)
{
    JsonBuilder *jb = json_builder_new();
    json_builder_begin_object(jb);
    add_string_or_null(jb, "source", report->source);
    json_builder_set_member_name(jb, "page_count");
    json_builder_add_int_value(jb, report->n_pages);
    if (report->warning)
        add_string_or_null(jb, "warning", report->warning);
    json_builder_set_member_name(jb, "tables");
    json_builder_begin_array(jb);
    for (size_t i = 0; i < report->n_tables; i++)
        add_table(jb, report->tables[i]);
    json_builder_end_array(jb);
    json_builder_end_object(jb);
    JsonNode *root = json_builder_get_root(jb);
    JsonGenerator *gen = json_generator_new();
    json_generator_set_pretty(gen, TRUE);
    json_generator_set_indent(gen, 1);
    json_generator_set_root(gen, root);
    gsize len = 0;
    gchar *text = json_generator_to_data(gen, &len);
    char *out = bx_xmalloc(len + 2);
    memcpy(out, text, len);
    out[len] = '\n';
    out[len + 1] = '\0';
    g_free(text);
    g_object_unref(gen);
    json_node_unref(root);
    g_object_unref(jb);
    return out;
}

bx_status bx_write_json(const bx_report *report, const char *path, bx_error *err)
{
    char *text = bx_report_to_json(report);
    bx_status s = bx_write_file_atomic(path, text, strlen(text), err);
    free(text);
    return s;
}
