/* Helpers shared by the writers (see export_common.h). */
#include "export_common.h"

#include "bx_normalize.h"

#include <stdlib.h>
#include <string.h>

const char *bx_table_kind_name(const bx_table *t)
{
    return t->kind ? t->kind : "table";
}

char *bx_source_stem(const char *source)
{
    const char *base = bx_base_name(source);
    const char *dot = strrchr(base, '.');
    return bx_xstrndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

static bool header_says_code(const bx_table *t, size_t col)
{
    for (size_t r = 0; r < t->n_header; r++)
        if (bx_header_names_code(bx_table_header_cell(t, r, col)))
            return true;
    return false;
}

/* "05": only a code is printed with a leading zero. */
static bool has_leading_zero_digits(const char *s)
{
    return s[0] == '0' && bx_text_is_digits(s, 2, 0);
}

bool *bx_code_columns(const bx_table *t)
{
    bool *code = bx_xcalloc(t->n_cols, sizeof *code);
    for (size_t c = 0; c < t->n_cols; c++) {
        code[c] = header_says_code(t, c);
        for (size_t r = 0; r < t->n_rows && !code[c]; r++)
            code[c] = has_leading_zero_digits(bx_table_cell(t, r, c));
    }
    return code;
}

bool bx_cell_amount(const char *text, double *value, int *decimals)
{
    return bx_number_value(text, value, decimals) != 0;
}

char *bx_pages_text(const bx_table *t)
{
    bx_buf b;
    bx_buf_init(&b);
    for (size_t i = 0; i < t->n_pages; i++)
        bx_buf_printf(&b, "%s%d", i ? "," : "", t->pages[i]);
    return bx_buf_take(&b);
}
