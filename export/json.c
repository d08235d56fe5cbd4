/* The table JSON of eval/FORMAT.md, built with json-glib. */
#include "bx_export.h"

#include <json-glib/json-glib.h>
#include <math.h>
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

static void add_int(JsonBuilder *jb, const char *name, int64_t v)
{
    json_builder_set_member_name(jb, name);
    json_builder_add_int_value(jb, v);
}

static void add_columns(JsonBuilder *jb, const bx_table *t)
{
    json_builder_set_member_name(jb, "columns");
    json_builder_begin_array(jb);
    for (size_t c = 0; c < t->n_cols; c++) {
        const bx_column *col = &t->columns[c];
        if (col->role == BX_COL_VALUE)
            json_builder_add_string_value(jb, col->key);
        else
            json_builder_add_null_value(jb);
    }
    json_builder_end_array(jb);
    static const char *const roles[] = {[BX_COL_OTHER] = NULL, [BX_COL_CODE] = "code",
                                        [BX_COL_NAME] = "name", [BX_COL_VALUE] = "value"};
    json_builder_set_member_name(jb, "column_roles");
    json_builder_begin_array(jb);
    for (size_t c = 0; c < t->n_cols; c++)
        if (roles[t->columns[c].role])
            json_builder_add_string_value(jb, roles[t->columns[c].role]);
        else
            json_builder_add_null_value(jb);
    json_builder_end_array(jb);
}

static void add_record(JsonBuilder *jb, const bx_table *t, const bx_record *rec)
{
    json_builder_begin_object(jb);
    add_int(jb, "row", (int64_t)rec->row);
    if (t->columns[t->n_cols - 1].side > 0)
        add_int(jb, "side", rec->side);
    add_string_or_null(jb, "code", rec->code);
    add_string_or_null(jb, "level", bx_level_name(rec->level));
    add_string_or_null(jb, "scheme", rec->scheme);
    add_string_or_null(jb, "name", rec->name);
    json_builder_set_member_name(jb, "total");
    json_builder_add_boolean_value(jb, rec->is_total);
    json_builder_set_member_name(jb, "values");
    json_builder_begin_array(jb);
    for (size_t i = 0; i < rec->n_values; i++) {
        const bx_value *v = &rec->values[i];
        json_builder_begin_object(jb);
        add_string_or_null(jb, "key", v->key);
        if (v->measure)
            add_string_or_null(jb, "measure", v->measure);
        add_int(jb, "col", (int64_t)v->col);
        add_string_or_null(jb, "text", v->text);
        json_builder_set_member_name(jb, "fen");
        if (v->has_amount)
            json_builder_add_int_value(jb, v->fen);
        else
            json_builder_add_null_value(jb);
        json_builder_end_object(jb);
    }
    json_builder_end_array(jb);
    json_builder_end_object(jb);
}

static void add_meaning(JsonBuilder *jb, const bx_table *t)
{
    add_string_or_null(jb, "kind", t->kind);
    /* the share of the table's amounts a passing check compared */
    json_builder_set_member_name(jb, "verified");
    if (t->n_amounts)
        json_builder_add_double_value(jb, (double)t->n_verified / (double)t->n_amounts);
    else
        json_builder_add_null_value(jb);
    add_int(jb, "amounts", (int64_t)t->n_amounts);
    add_int(jb, "verified_amounts", (int64_t)t->n_verified);
    if (!t->columns || t->n_cols == 0)
        return;
    add_columns(jb, t);
    json_builder_set_member_name(jb, "records");
    json_builder_begin_array(jb);
    for (size_t i = 0; i < t->n_records; i++)
        add_record(jb, t, &t->records[i]);
    json_builder_end_array(jb);
}

static void add_document(JsonBuilder *jb, const bx_document *d)
{
    json_builder_set_member_name(jb, "document");
    json_builder_begin_object(jb);
    add_string_or_null(jb, "title", d->title);
    add_string_or_null(jb, "department", d->department);
    json_builder_set_member_name(jb, "year");
    if (d->year)
        json_builder_add_int_value(jb, d->year);
    else
        json_builder_add_null_value(jb);
    if (d->year_printed)
        add_string_or_null(jb, "year_printed", d->year_printed);
    add_string_or_null(jb, "stage", d->stage);
    add_string_or_null(jb, "level", d->level);
    json_builder_end_object(jb);
}

static void add_facts(JsonBuilder *jb, const bx_report *r)
{
    json_builder_set_member_name(jb, "facts");
    json_builder_begin_array(jb);
    for (size_t i = 0; i < r->n_facts; i++) {
        const bx_fact *f = &r->facts[i];
        json_builder_begin_object(jb);
        add_string_or_null(jb, "key", f->key);
        add_string_or_null(jb, "label", f->label);
        add_string_or_null(jb, "text", f->text);
        add_int(jb, "fen", f->fen);
        add_int(jb, "page", f->page);
        json_builder_end_object(jb);
    }
    json_builder_end_array(jb);
}

/* The cells a check compared in table ti, as [row, col] (with the side
 * as a third number in two-sided tables). */
static void add_cells(JsonBuilder *jb, const char *name, const bx_report *r, const bx_check *c, int ti)
{
    if (ti < 0 || !c->n_cells)
        return;
    const bx_table *t = r->tables[ti];
    int two_sided = t->columns && t->n_cols && t->columns[t->n_cols - 1].side > 0;
    json_builder_set_member_name(jb, name);
    json_builder_begin_array(jb);
    for (size_t i = 0; i < c->n_cells; i++) {
        const bx_cell_ref *x = &c->cells[i];
        if (x->table != ti)
            continue;
        json_builder_begin_array(jb);
        json_builder_add_int_value(jb, x->row);
        json_builder_add_int_value(jb, x->col);
        if (two_sided && x->col >= 0 && (size_t)x->col < t->n_cols)
            json_builder_add_int_value(jb, t->columns[x->col].side);
        json_builder_end_array(jb);
    }
    json_builder_end_array(jb);
}

static void add_check(JsonBuilder *jb, const bx_report *r, size_t i)
{
    {
        const bx_check *c = &r->checks[i];
        json_builder_begin_object(jb);
        add_string_or_null(jb, "rule", c->rule);
        json_builder_set_member_name(jb, "table");
        if (c->table >= 0)
            json_builder_add_string_value(jb, r->tables[c->table]->title);
        else
            json_builder_add_null_value(jb);
        add_int(jb, "table_index", c->table);
        /* the number people see (tables.n, CSV names, sheet names): from 1 */
        json_builder_set_member_name(jb, "table_n");
        if (c->table >= 0)
            json_builder_add_int_value(jb, c->table + 1);
        else
            json_builder_add_null_value(jb);
        if (c->other_table >= 0) {
            add_string_or_null(jb, "other_table", r->tables[c->other_table]->title);
        }
        add_int(jb, "row", c->row);
        add_string_or_null(jb, "what", c->what);
        add_int(jb, "expected", c->expected);
        add_int(jb, "actual", c->actual);
        add_int(jb, "difference", bx_fen_difference(c->actual, c->expected));
        add_int(jb, "tolerance", c->tolerance);
        json_builder_set_member_name(jb, "pages");
        json_builder_begin_array(jb);
        if (c->page > 0)
            json_builder_add_int_value(jb, c->page);
        json_builder_end_array(jb);
        add_string_or_null(jb, "status", bx_check_status_name(c->status));
        /* report-level findings */
        add_string_or_null(jb, "severity", c->severity ? c->severity : "error");
        if (c->quote)
            add_string_or_null(jb, "quote", c->quote);
        if (c->expected_text) {
            add_string_or_null(jb, "expected_text", c->expected_text);
            add_string_or_null(jb, "actual_text", c->actual_text);
        }
        if (c->percent)
            add_string_or_null(jb, "scale", "percent_1e-4");
        add_cells(jb, "cells", r, c, c->table);
        if (c->other_table != c->table)
            add_cells(jb, "other_cells", r, c, c->other_table);
        json_builder_end_object(jb);
    }
}

static void add_checks(JsonBuilder *jb, const bx_report *r)
{
    json_builder_set_member_name(jb, "checks");
    json_builder_begin_array(jb);
    for (size_t i = 0; i < r->n_checks; i++)
        add_check(jb, r, i);
    json_builder_end_array(jb);
}

/* The OCR readings the checks prove: the cell, its reading as printed,
 * the one proven, the identities that prove it, and whether the cell now
 * holds it (--ocr-correct). */
static void add_corrections(JsonBuilder *jb, const bx_table *t)
{
    json_builder_set_member_name(jb, "ocr_corrections");
    json_builder_begin_array(jb);
    for (size_t i = 0; i < t->n_corrections; i++) {
        const bx_ocr_correction *c = &t->corrections[i];
        json_builder_begin_object(jb);
        json_builder_set_member_name(jb, "row");
        json_builder_add_int_value(jb, (gint64)c->row);
        json_builder_set_member_name(jb, "col");
        json_builder_add_int_value(jb, (gint64)c->col);
        json_builder_set_member_name(jb, "printed");
        json_builder_add_string_value(jb, c->printed);
        json_builder_set_member_name(jb, "corrected");
        json_builder_add_string_value(jb, c->corrected);
        json_builder_set_member_name(jb, "checks");
        json_builder_begin_array(jb);
        for (size_t k = 0; k < c->n_checks; k++)
            json_builder_add_string_value(jb, c->checks[k]);
        json_builder_end_array(jb);
        json_builder_set_member_name(jb, "applied");
        json_builder_add_boolean_value(jb, c->applied);
        json_builder_end_object(jb);
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
    if (t->agency) /* an extra field (FORMAT.md allows them): only where printed */
        add_string_or_null(jb, "agency", t->agency);
    add_grid(jb, "header", t->header, t->n_header, t->n_cols);
    add_grid(jb, "rows", t->rows, t->n_rows, t->n_cols);
    if (t->row_pages) { /* the page each body row is printed on */
        json_builder_set_member_name(jb, "row_pages");
        json_builder_begin_array(jb);
        for (size_t r = 0; r < t->n_rows; r++)
            json_builder_add_int_value(jb, t->row_pages[r]);
        json_builder_end_array(jb);
    }
    add_meaning(jb, t);
    if (t->n_fields) {
        json_builder_set_member_name(jb, "form");
        json_builder_begin_object(jb);
        for (size_t i = 0; i < t->n_fields; i++)
            add_string_or_null(jb, t->fields[2 * i], t->fields[2 * i + 1]);
        json_builder_end_object(jb);
    }
    if (t->ocr) { /* read from the pages' pictures: how sure the reading was */
        json_builder_set_member_name(jb, "ocr");
        json_builder_add_boolean_value(jb, TRUE);
        json_builder_set_member_name(jb, "ocr_confidence");
        /* whole points: json-glib would print 90.8 as 90.799999999999997 */
        json_builder_add_int_value(jb, lround(t->ocr_confidence));
    }
    if (t->n_corrections)
        add_corrections(jb, t);
    if (t->n_ambiguities) {
        json_builder_set_member_name(jb, "ambiguities");
        json_builder_begin_array(jb);
        for (size_t i = 0; i < t->n_ambiguities; i++)
            json_builder_add_string_value(jb, t->ambiguities[i]);
        json_builder_end_array(jb);
    }
    json_builder_end_object(jb);
}

static char *finish(JsonBuilder *jb);

/* Per table: how many of its amounts a passing check compared. */
static void add_verified_tables(JsonBuilder *jb, const bx_report *r)
{
    json_builder_set_member_name(jb, "tables");
    json_builder_begin_array(jb);
    for (size_t i = 0; i < r->n_tables; i++) {
        const bx_table *t = r->tables[i];
        json_builder_begin_object(jb);
        add_int(jb, "table_index", (int64_t)i);
        add_string_or_null(jb, "title", t->title);
        add_string_or_null(jb, "kind", t->kind);
        add_int(jb, "page", t->n_pages ? t->pages[0] : 0);
        add_int(jb, "amounts", (int64_t)t->n_amounts);
        add_int(jb, "verified_amounts", (int64_t)t->n_verified);
        json_builder_set_member_name(jb, "verified");
        if (t->n_amounts)
            json_builder_add_double_value(jb, (double)t->n_verified / (double)t->n_amounts);
        else
            json_builder_add_null_value(jb);
        json_builder_end_object(jb);
    }
    json_builder_end_array(jb);
}

char *bx_checks_to_json(const bx_report *report)
{
    JsonBuilder *jb = json_builder_new();
    json_builder_begin_object(jb);
    add_string_or_null(jb, "source", report->source);
    add_document(jb, &report->document);
    add_checks(jb, report);
    int64_t n[3] = {0};
    for (size_t i = 0; i < report->n_checks; i++)
        n[report->checks[i].status]++;
    json_builder_set_member_name(jb, "summary");
    json_builder_begin_object(jb);
    add_int(jb, "checks", (int64_t)report->n_checks);
    add_int(jb, "pass", n[BX_CHECK_PASS]);
    add_int(jb, "rounding", n[BX_CHECK_ROUNDING]);
    add_int(jb, "fail", n[BX_CHECK_FAIL]);
    size_t amounts = 0, verified = 0;
    for (size_t i = 0; i < report->n_tables; i++) {
        amounts += report->tables[i]->n_amounts;
        verified += report->tables[i]->n_verified;
    }
    add_int(jb, "amounts", (int64_t)amounts);
    add_int(jb, "verified_amounts", (int64_t)verified);
    json_builder_set_member_name(jb, "verified");
    if (amounts)
        json_builder_add_double_value(jb, (double)verified / (double)amounts);
    else
        json_builder_add_null_value(jb);
    json_builder_end_object(jb);
    add_verified_tables(jb, report);
    json_builder_end_object(jb);
    return finish(jb);
}

/* json-glib prints a tree built whole: for a report that cost some 60
 * bytes of memory per byte printed (a 5 MB text dump's 30 MB of JSON took
 * 290 MB). So the report is printed a piece at a time, each table and each
 * check alone, and the pieces are put where json-glib would print them:
 * its pretty printing of a value nested at depth d is the value's own,
 * each line after the first indented by d (a string's newlines are
 * escaped, so every newline printed is one of the layout's). */
static char *print_node(JsonNode *node)
{
    JsonGenerator *gen = json_generator_new();
    json_generator_set_pretty(gen, TRUE);
    json_generator_set_indent(gen, 1);
    json_generator_set_root(gen, node);
    gchar *text = json_generator_to_data(gen, NULL);
    g_object_unref(gen);
    return text;
}

/* Appends the builder's value (then freed) at depth: its lines after the
 * first indented by depth; with `inner`, an object's members only, without
 * its braces (the members of the report's own object). */
static void put_built(bx_buf *out, JsonBuilder *jb, int depth, int inner)
{
    JsonNode *root = json_builder_get_root(jb);
    gchar *text = print_node(root);
    const char *p = text, *end = text + strlen(text);
    if (inner) { /* "{\n" ... "\n}" */
        p += 2;
        end -= 2;
    }
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl + 1 : end;
        bx_buf_append(out, p, (size_t)(stop - p));
        for (int k = 0; nl && k < depth; k++)
            bx_buf_append(out, " ", 1);
        p = stop;
    }
    g_free(text);
    json_node_unref(root);
    g_object_unref(jb);
}

/* Hands what out holds to the file being written, if any, once it is
 * large enough to be worth a write. */
static void flush_some(bx_buf *out, bx_pieces *file)
{
    if (file && out->len >= (1u << 20)) {
        bx_pieces_put(file, out->data, out->len);
        out->len = 0;
    }
}

/* The report's member `name`, an array of n values that add(jb, r, i)
 * builds, printed one value at a time. */
static void put_array(bx_buf *out, bx_pieces *file, const char *name, const bx_report *r, size_t n,
                      void (*add)(JsonBuilder *, const bx_report *, size_t))
{
    bx_buf_puts(out, " \"");
    bx_buf_puts(out, name);
    bx_buf_puts(out, n ? "\" : [\n" : "\" : []");
    for (size_t i = 0; i < n; i++) {
        JsonBuilder *jb = json_builder_new();
        add(jb, r, i);
        bx_buf_puts(out, "  ");
        put_built(out, jb, 2, 0);
        bx_buf_puts(out, i + 1 < n ? ",\n" : "\n ]");
        flush_some(out, file);
    }
}

static void add_table_at(JsonBuilder *jb, const bx_report *r, size_t i) { add_table(jb, r->tables[i]); }

/* Prints the report into out, handing it to file (when given) as it grows. */
static void print_report(const bx_report *report, bx_buf *out, bx_pieces *file)
{
    bx_buf_puts(out, "{\n");
    JsonBuilder *jb = json_builder_new();
    json_builder_begin_object(jb);
    add_string_or_null(jb, "source", report->source);
    json_builder_set_member_name(jb, "page_count");
    json_builder_add_int_value(jb, report->n_pages);
    if (report->warning)
        add_string_or_null(jb, "warning", report->warning);
    json_builder_end_object(jb);
    put_built(out, jb, 0, 1);
    bx_buf_puts(out, ",\n");
    put_array(out, file, "tables", report, report->n_tables, add_table_at);
    bx_buf_puts(out, ",\n");
    jb = json_builder_new();
    json_builder_begin_object(jb);
    add_document(jb, &report->document);
    add_facts(jb, report);
    json_builder_end_object(jb);
    put_built(out, jb, 0, 1);
    bx_buf_puts(out, ",\n");
    put_array(out, file, "checks", report, report->n_checks, add_check);
    bx_buf_puts(out, "\n}\n");
}

char *bx_report_to_json(const bx_report *report)
{
    bx_buf out;
    bx_buf_init(&out);
    print_report(report, &out, NULL);
    return bx_buf_take(&out);
}

static char *finish(JsonBuilder *jb)
{
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

/* Written as it is printed: a long dump's JSON (seven times its size)
 * is never held whole. */
bx_status bx_write_json(const bx_report *report, const char *path, bx_error *err)
{
    bx_pieces *file;
    bx_status s = bx_pieces_open(path, &file, err);
    if (s != BX_OK)
        return s;
    bx_buf out;
    bx_buf_init(&out);
    print_report(report, &out, file);
    bx_pieces_put(file, out.data, out.len);
    bx_buf_free(&out);
    return bx_pieces_close(file, err);
}
