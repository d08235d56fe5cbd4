/* textdump_tail.c: the last rows of a 收支总表 written column by column.
 *
 * A side-by-side table's last page may hold only its closing rows (结余,
 * 结转和结余, 总计 on each side), and pdftotext may write them column by
 * column: the left labels as one block, then the left amounts, the right
 * labels, the right amounts, with empty cells absent and the blocks of
 * the two sides interleaved. Each side's labels end with its totals row,
 * so the labels split after the first totals label; the amounts printed
 * after the last label are the right side's, the others the left's. A
 * side's last amount is its total; the others go to the rows above it.
 * When fewer amounts than rows remain, nothing printed tells which rows
 * are empty: they go to the rows nearest the total, and the choice is
 * noted as an ambiguity. */
#include "textdump.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char **labels;
    size_t n_labels;
    const char **nums;
    size_t n_nums;
} side;

/* Each token alone on its line, labels and whole amounts only. */
static int one_cell_per_line(const td_token *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!t[i].line_start || (i + 1 < n && !t[i + 1].line_start))
            return 0;
    return n > 0;
}

static int split_sides(const td_doc *d, const td_token *t, size_t n, side s[2])
{
    size_t last_label = 0, split = 0;
    for (size_t i = 0; i < n; i++)
        if (!td_is_amount(t[i].text)) {
            last_label = i;
            if (!split && bx_is_total_label(d->pat, t[i].text))
                split = i + 1;
        }
    if (!split)
        return 0;
    for (size_t i = 0; i < n; i++) {
        int amount = td_is_amount(t[i].text);
        if (!amount && bx_is_ordinal_label(d->pat, t[i].text))
            return 0; /* numbered rows: the row-by-row reading holds */
        side *to = &s[amount ? i > last_label : i >= split];
        if (amount)
            to->nums[to->n_nums++] = t[i].text;
        else
            to->labels[to->n_labels++] = t[i].text;
    }
    for (int k = 0; k < 2; k++)
        if (!s[k].n_labels || !bx_is_total_label(d->pat, s[k].labels[s[k].n_labels - 1]) ||
            !s[k].n_nums || s[k].n_nums > s[k].n_labels)
            return 0;
    return s[0].n_labels == s[1].n_labels;
}

/* Side k's amount in row r, or NULL; *guessed when rows were left empty
 * without anything to tell which. */
static const char *amount_at(const side *s, size_t r, int *guessed)
{
    size_t skip = s->n_labels - s->n_nums; /* rows without an amount */
    *guessed |= skip > 0 && s->n_nums > 1;
    return r < skip ? NULL : s->nums[r - skip];
}

size_t td_read_tail(const td_doc *d, const td_token *t, size_t n, td_row **out)
{
    if (!one_cell_per_line(t, n))
        return 0;
    side s[2];
    for (int k = 0; k < 2; k++) {
        s[k].labels = bx_xcalloc(n, sizeof *s[k].labels);
        s[k].nums = bx_xcalloc(n, sizeof *s[k].nums);
        s[k].n_labels = s[k].n_nums = 0;
    }
    size_t n_rows = split_sides(d, t, n, s) ? s[0].n_labels : 0;
    td_row *rows = n_rows ? bx_xcalloc(n_rows, sizeof *rows) : NULL;
    int guessed = 0;
    for (size_t r = 0; r < n_rows; r++) {
        rows[r].text = bx_xstrdup(s[0].labels[r]);
        rows[r].right_text = bx_xstrdup(s[1].labels[r]);
        rows[r].page = t[0].page;
        rows[r].is_total = r + 1 == n_rows;
        rows[r].nums = bx_xcalloc(3, sizeof *rows[r].nums);
        for (int k = 0; k < 2; k++) {
            const char *a = amount_at(&s[k], r, &guessed);
            if (a)
                rows[r].nums[rows[r].n_nums++] = bx_number_clean(a);
            if (!k)
                rows[r].n_left = rows[r].n_nums;
        }
    }
    if (guessed) {
        char *note = g_strdup_printf("page %d: closing rows printed column by column: amounts placed on "
                                "the rows nearest the totals; the rows above may hold them instead",
                                t[0].page);
        rows[0].note = bx_xstrdup(note);
        g_free(note);
    }
    for (int k = 0; k < 2; k++) {
        free(s[k].labels);
        free(s[k].nums);
    }
    *out = rows;
    return n_rows;
}
