/* Body rows as records: classification code and level, name, totals flag
 * and exact amounts by column key. Two-sided tables give one record per
 * side of a row. */
#include "bx_meaning.h"
#include "bx_normalize.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Codes printed over several columns (208 | 05 | 05): the class keeps its
 * three digits, each later part is two digits (a "2" printed for 02 is
 * padded). Stops at the first empty part, so a 款 row "201","13","" gives
 * 20113. NULL when the first part is not a number. */
static char *join_code(const bx_table *t, size_t row, const size_t *cols, size_t n)
{
    bx_buf b;
    bx_buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        char *part = bx_text_nfkc(bx_table_cell(t, row, cols[i]));
        int ok = bx_text_is_digits(part, 1, 0);
        if (ok && i > 0 && strlen(part) == 1)
            bx_buf_puts(&b, "0");
        if (ok)
            bx_buf_puts(&b, part);
        free(part);
        if (!ok)
            break;
    }
    char *code = bx_buf_take(&b);
    if (!*code) {
        free(code);
        return NULL;
    }
    return code;
}

/* A code printed at the start of the name ("201一般公共服务支出"). */
static char *leading_code(const char *name)
{
    char *nf = bx_text_nfkc(name);
    size_t n = 0;
    while (isdigit((unsigned char)nf[n]))
        n++;
    char *code = NULL;
    if ((n == 3 || n == 5 || n == 7) && nf[n] && nf[n] != '.')
        code = bx_xstrndup(nf, n);
    free(nf);
    return code;
}

static void set_level(bx_record *rec)
{
    if (!rec->code)
        return;
    size_t n = strlen(rec->code);
    rec->level = n == 3 ? BX_LEVEL_CLASS : n == 5 ? BX_LEVEL_SECTION : n == 7 ? BX_LEVEL_ITEM
                                                                            : BX_LEVEL_NONE;
    if (rec->code[0] == '2')
        rec->scheme = "functional";
    else if (rec->code[0] == '3' || rec->code[0] == '5')
        rec->scheme = "economic";
}

/* The columns of one side with a given role. */
static size_t side_cols(const bx_table *t, int side, bx_col_role role, size_t *out)
{
    size_t n = 0;
    for (size_t c = 0; c < t->n_cols; c++)
        if (t->columns[c].side == side && t->columns[c].role == role)
            out[n++] = c;
    return n;
}

static void add_values(bx_record *rec, const bx_table *t, const size_t *cols, size_t n,
                       int64_t unit_fen)
{
    rec->values = bx_xcalloc(n ? n : 1, sizeof *rec->values);
    for (size_t i = 0; i < n; i++) {
        bx_value *v = &rec->values[rec->n_values++];
        v->col = cols[i];
        v->key = t->columns[cols[i]].key;
        v->measure = t->columns[cols[i]].measure;
        v->text = bx_xstrdup(bx_table_cell(t, rec->row, cols[i]));
        v->has_amount = *v->text && bx_amount_parse(v->text, unit_fen, &v->fen);
    }
}

/* One side of one row; returns 0 (and fills nothing) when it is blank. */
static int build_record(const bx_table *t, size_t row, int side, const bx_patterns *pat,
                        int64_t unit_fen, bx_record *rec, size_t *buf)
{
    memset(rec, 0, sizeof *rec);
    rec->row = row;
    rec->side = side;
    size_t n_code = side_cols(t, side, BX_COL_CODE, buf);
    int blank = 1;
    for (size_t c = 0; c < t->n_cols; c++)
        if (t->columns[c].side == side && *bx_table_cell(t, row, c))
            blank = 0;
    if (blank)
        return 0;
    for (size_t i = 0; i < n_code; i++)
        if (bx_is_total_label(pat, bx_table_cell(t, row, buf[i])))
            rec->is_total = 1;
    rec->code = n_code ? join_code(t, row, buf, n_code) : NULL;
    size_t *codes = buf + t->n_cols; /* second half of buf keeps the code columns */
    memcpy(codes, buf, n_code * sizeof *buf);
    size_t n_name = side_cols(t, side, BX_COL_NAME, buf);
    const char *name = n_name ? bx_table_cell(t, row, buf[0]) : "";
    for (size_t i = 0; i < n_name; i++)
        if (bx_is_total_label(pat, bx_table_cell(t, row, buf[i])))
            rec->is_total = 1;
    if (!rec->code && *name)
        rec->code = leading_code(name);
    if (rec->code && strlen(rec->code) != 3 && strlen(rec->code) != 5 && strlen(rec->code) != 7) {
        free(rec->code);
        rec->code = NULL;
    }
    /* a merged totals label sits in the code columns ("合计" over 类/款/项) */
    for (size_t i = 0; i < n_code && !*name && rec->is_total; i++)
        name = bx_table_cell(t, row, codes[i]);
    rec->name = bx_xstrdup(name);
    set_level(rec);
    size_t n_val = side_cols(t, side, BX_COL_VALUE, buf);
    add_values(rec, t, buf, n_val, unit_fen);
    return 1;
}

void bx_records_build(bx_table *t, const bx_patterns *pat)
{
    bx_records_free(t->records, t->n_records);
    t->records = NULL;
    t->n_records = 0;
    if (!t->columns)
        bx_table_columns(t);
    int sides = t->n_cols ? t->columns[t->n_cols - 1].side + 1 : 0;
    /* no unit printed: amounts are taken as 元 */
    int64_t unit_fen = t->unit ? bx_unit_fen(t->unit) : 100;
    size_t cap = 0, *buf = bx_xcalloc(2 * t->n_cols + 1, sizeof *buf);
    for (size_t r = 0; r < t->n_rows; r++)
        for (int s = 0; s < sides; s++) {
            bx_record rec;
            if (!build_record(t, r, s, pat, unit_fen, &rec, buf))
                continue;
            t->records = bx_grow(t->records, &cap, t->n_records + 1, sizeof *t->records);
            t->records[t->n_records++] = rec;
        }
    free(buf);
}

int bx_table_of_kind(const bx_report *r, const char *kind)
{
    for (size_t i = 0; kind && i < r->n_tables; i++)
        if (r->tables[i]->kind && strcmp(r->tables[i]->kind, kind) == 0)
            return (int)i;
    return -1;
}

const bx_value *bx_record_value(const bx_record *rec, const char *key)
{
    for (size_t i = 0; key && i < rec->n_values; i++)
        if (rec->values[i].key && strcmp(rec->values[i].key, key) == 0)
            return &rec->values[i];
    return NULL;
}

const bx_value *bx_record_main_value(const bx_record *rec)
{
    const bx_value *v = bx_record_value(rec, "total");
    return v ? v : rec->n_values ? &rec->values[0] : NULL;
}
