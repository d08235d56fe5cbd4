/* Side-by-side coded tables (基本支出: 人员经费 on the left, 公用经费 on the
 * right, each side economic code | name | amount). pdftotext reads such a
 * page in regions: a run of one side's codes, a run of names, a run of
 * amounts, the two sides interleaved. The economic codes rebuild the rows:
 *   - each side's codes rise; the right side's first class is lower than
 *     the left side's last, so the drop in the code stream parts the sides;
 *   - a run of codes is named by the first run of as many names after it
 *     (wrapped names joined; a run ending on a full-width line goes on in
 *     the next run of names);
 *   - a run of names followed at once by as many amounts gives them to its
 *     rows, a totals label followed by one amount gives it to its row, and
 *     the amounts left, in the order read, fill the left side's rows, then
 *     the right side's, then the totals rows;
 *   - the result must keep the identities (a class is the sum of its 款,
 *     a side's total the sum of its classes), else the table is not read
 *     this way. */
#include "bx_normalize.h"
#include "textdump.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

typedef enum { K_CODE, K_NAME, K_AMOUNT, K_TOTAL } kind;

typedef struct {
    kind k;
    GPtrArray *text; /* the run's lines */
    int taken;
    int side, row; /* code runs: where their first row is */
} run;

typedef struct {
    char *code, *name, *amount;
} cell;

typedef struct {
    cell *rows;
    size_t n;
    char *total, *total_amount;
} side;

/* A piece of a column name (经济分类 of 经济分类科目编码): the header,
 * printed among the body's lines. Only the table's own column names: a
 * row's name may be another table's column word (工资福利支出). */
static int names_column(const char *s, const char *const names[3])
{
    for (int j = 0; j < 3; j++)
        if (*s && strstr(names[j], s))
            return 1;
    return 0;
}

static int line_kind(const td_doc *d, const char *s, const char *const names[3], kind *k)
{
    if (bx_text_is_digits(s, 3, 3) || bx_text_is_digits(s, 5, 5))
        *k = K_CODE;
    else if (strchr(s, '.') && td_is_amount(s))
        *k = K_AMOUNT;
    else if (bx_is_total_label(d->pat, s))
        *k = K_TOTAL;
    else if (names_column(s, names) || bx_is_note(d->pat, s))
        return 0;
    else
        *k = K_NAME;
    return 1;
}

static void free_runs(GArray *runs)
{
    for (guint i = 0; i < runs->len; i++)
        g_ptr_array_free(g_array_index(runs, run, i).text, TRUE);
    g_array_free(runs, TRUE);
}

/* Lines into runs of one kind; a blank line (a new pdftotext block) or a
 * skipped header word ends a run. */
static GArray *read_runs(const td_doc *d, const size_t *lines, size_t n, const char *const names[3])
{
    GArray *runs = g_array_new(FALSE, TRUE, sizeof(run));
    int broken = 1;
    for (size_t i = 0; i < n; i++) {
        const td_line *l = &d->lines[lines[i]];
        char *s = bx_text_squeeze(l->text);
        kind k;
        if (!line_kind(d, s, names, &k)) {
            free(s);
            broken = 1;
            continue;
        }
        run *last = runs->len ? &g_array_index(runs, run, runs->len - 1) : NULL;
        if (broken || l->block_start || !last || last->k != k || k == K_TOTAL) {
            run r = {.k = k, .text = g_ptr_array_new_with_free_func(free), .side = -1};
            g_array_append_val(runs, r);
            last = &g_array_index(runs, run, runs->len - 1);
        }
        g_ptr_array_add(last->text, s);
        broken = 0;
    }
    return runs;
}

static int class_of(const char *code) { return atoi(code) / (strlen(code) == 5 ? 100 : 1); }

/* Gives each code its side and row: the codes rise on each side, and drop
 * once, where the right side starts. A code run across the drop is cut. */
static int place_codes(GArray *runs, side sides[2])
{
    int s = 0;
    const char *prev = NULL;
    for (guint i = 0; i < runs->len; i++) {
        run *r = &g_array_index(runs, run, i);
        if (r->k != K_CODE)
            continue;
        for (guint j = 0; j < r->text->len; j++) {
            const char *c = g_ptr_array_index(r->text, j);
            if (prev && class_of(c) < class_of(prev)) {
                if (s == 1 || strlen(c) != 3)
                    return 0;
                s = 1;
                if (j) { /* the run holds both sides: cut it */
                    run rest = {.k = K_CODE, .text = g_ptr_array_new_with_free_func(free), .side = -1};
                    while (r->text->len > j)
                        g_ptr_array_add(rest.text, g_ptr_array_steal_index(r->text, j));
                    g_array_insert_val(runs, i + 1, rest);
                    r = &g_array_index(runs, run, i);
                    prev = NULL;
                    break;
                }
            } else if (prev && strcmp(c, prev) <= 0 && class_of(c) == class_of(prev)) {
                return 0;
            } else if (!prev && strlen(c) != 3) {
                return 0;
            }
            if (!j) {
                r->side = s;
                r->row = (int)sides[s].n;
            }
            side *sd = &sides[s];
            sd->rows = bx_xrealloc(sd->rows, (sd->n + 1) * sizeof *sd->rows);
            sd->rows[sd->n++] = (cell){bx_xstrdup(c), NULL, NULL};
            prev = c;
        }
    }
    return s == 1;
}

/* Joins wrapped lines until there are want names: the wrap width is the
 * commonest length among the longest lines; a line of that width with
 * the shortest follower was cut first. */
static int join_wrapped(GPtrArray *names, size_t want)
{
    long longest = 0, count[64] = {0};
    for (guint i = 0; i < names->len; i++) {
        long w = g_utf8_strlen(g_ptr_array_index(names, i), -1);
        longest = w > longest ? w : longest;
        count[w < 63 ? w : 63]++;
    }
    long width = longest < 63 ? longest : 63;
    if (width > 1 && count[width - 1] > count[width])
        width--;
    while (names->len > want) {
        guint cut = names->len;
        long shortest = 0;
        for (guint i = 0; i + 1 < names->len; i++) {
            long next = g_utf8_strlen(g_ptr_array_index(names, i + 1), -1);
            if (g_utf8_strlen(g_ptr_array_index(names, i), -1) == width &&
                (cut == names->len || next < shortest)) {
                cut = i;
                shortest = next;
            }
        }
        if (cut == names->len)
            return 0;
        char *both = g_strconcat(g_ptr_array_index(names, cut), g_ptr_array_index(names, cut + 1), NULL);
        char *copy = bx_xstrdup(both);
        g_free(both);
        g_ptr_array_remove_index(names, cut + 1);
        free(g_ptr_array_index(names, cut));
        g_ptr_array_index(names, cut) = copy;
    }
    return 1;
}

/* A run of names longer than its codes whose last line fills the width:
 * that name goes on in the next run of names. */
static void carry_over(GArray *runs, guint from, size_t want)
{
    run *r = &g_array_index(runs, run, from);
    if (r->text->len <= want)
        return;
    long longest = 0;
    for (guint i = 0; i < r->text->len; i++) {
        long w = g_utf8_strlen(g_ptr_array_index(r->text, i), -1);
        longest = w > longest ? w : longest;
    }
    const char *last = g_ptr_array_index(r->text, r->text->len - 1);
    if (g_utf8_strlen(last, -1) < longest)
        return;
    for (guint j = from + 1; j < runs->len; j++) {
        run *next = &g_array_index(runs, run, j);
        if (next->k != K_NAME || next->taken)
            continue;
        char *both = g_strconcat(last, g_ptr_array_index(next->text, 0), NULL);
        free(g_ptr_array_index(next->text, 0));
        g_ptr_array_index(next->text, 0) = bx_xstrdup(both);
        g_free(both);
        g_ptr_array_remove_index(r->text, r->text->len - 1);
        return;
    }
}

/* The run of names after code run i that names its rows, or -1. */
static int names_for(GArray *runs, guint i, size_t want)
{
    for (int exact = 1; exact >= 0; exact--)
        for (guint j = i + 1; j < runs->len; j++) {
            run *r = &g_array_index(runs, run, j);
            if (r->k == K_NAME && !r->taken && (exact ? r->text->len == want : r->text->len > want))
                return (int)j;
        }
    return -1;
}

static void give_names(GArray *runs, side sides[2])
{
    for (guint i = 0; i < runs->len; i++) {
        run *c = &g_array_index(runs, run, i);
        if (c->k != K_CODE)
            continue;
        size_t want = c->text->len;
        int j = names_for(runs, i, want);
        if (j < 0)
            continue;
        carry_over(runs, (guint)j, want);
        run *nr = &g_array_index(runs, run, j);
        c = &g_array_index(runs, run, i);
        nr->taken = 1;
        nr->side = c->side;
        nr->row = c->row;
        if (!join_wrapped(nr->text, want))
            continue;
        for (size_t k = 0; k < want; k++)
            sides[c->side].rows[c->row + k].name = bx_xstrdup(g_ptr_array_index(nr->text, k));
    }
}

/* Amounts right after a run of names (or a totals label) are its rows'. */
static void give_adjacent_amounts(GArray *runs, side sides[2])
{
    int n_totals = 0;
    for (guint i = 0; i + 1 < runs->len; i++) {
        run *r = &g_array_index(runs, run, i), *a = &g_array_index(runs, run, i + 1);
        if (r->k == K_TOTAL) {
            side *sd = &sides[n_totals < 2 ? n_totals : 1];
            if (n_totals++ < 2)
                sd->total = bx_xstrdup(g_ptr_array_index(r->text, 0));
            if (a->k == K_AMOUNT && a->text->len == 1 && n_totals <= 2) {
                sd->total_amount = bx_xstrdup(g_ptr_array_index(a->text, 0));
                a->taken = 1;
            }
            continue;
        }
        if (r->k != K_NAME || !r->taken || a->k != K_AMOUNT || a->taken)
            continue;
        side *sd = &sides[r->side];
        if (a->text->len != r->text->len || (size_t)r->row + a->text->len > sd->n)
            continue;
        for (guint k = 0; k < a->text->len; k++)
            sd->rows[r->row + k].amount = bx_xstrdup(g_ptr_array_index(a->text, k));
        a->taken = 1;
    }
}

static char **slot(side sides[2], size_t k)
{
    for (int s = 0; s < 2; s++)
        for (size_t r = 0; r < sides[s].n; r++)
            if (!sides[s].rows[r].amount && !k--)
                return &sides[s].rows[r].amount;
    for (int s = 0; s < 2; s++)
        if (sides[s].total && !sides[s].total_amount && !k--)
            return &sides[s].total_amount;
    return NULL;
}

/* The amounts no run claimed fill the open cells in reading order. */
static int give_rest(GArray *runs, side sides[2])
{
    size_t k = 0;
    for (guint i = 0; i < runs->len; i++) {
        run *a = &g_array_index(runs, run, i);
        if (a->k != K_AMOUNT || a->taken)
            continue;
        for (guint j = 0; j < a->text->len; j++, k++) {
            char **c = slot(sides, 0);
            if (!c)
                return 0;
            *c = bx_xstrdup(g_ptr_array_index(a->text, j));
        }
    }
    return slot(sides, 0) == NULL;
}

/* A class is the sum of its 款, the total the sum of the classes. */
static int side_adds_up(const side *sd)
{
    int64_t classes = 0;
    for (size_t r = 0; r < sd->n; r++) {
        if (strlen(sd->rows[r].code) != 3)
            continue;
        int64_t sum = 0;
        for (size_t k = r + 1; k < sd->n && strlen(sd->rows[k].code) == 5; k++)
            sum += td_fen(sd->rows[k].amount);
        if (llabs(sum - td_fen(sd->rows[r].amount)) > 2)
            return 0;
        classes += td_fen(sd->rows[r].amount);
    }
    return !sd->total || llabs(classes - td_fen(sd->total_amount)) <= 2;
}

static void free_sides(side sides[2])
{
    for (int s = 0; s < 2; s++) {
        for (size_t r = 0; r < sides[s].n; r++) {
            free(sides[s].rows[r].code);
            free(sides[s].rows[r].name);
            free(sides[s].rows[r].amount);
        }
        free(sides[s].rows);
        free(sides[s].total);
        free(sides[s].total_amount);
    }
}

static const char *or_empty(const char *s) { return s ? s : ""; }

static bx_table *build(side sides[2], const char *names[3])
{
    bx_table *t = bx_table_new(6);
    const char *head[6] = {names[0], names[1], names[2], names[0], names[1], names[2]};
    bx_table_add_header_row(t, head);
    size_t n = sides[0].n > sides[1].n ? sides[0].n : sides[1].n;
    for (size_t r = 0; r < n; r++) {
        const char *cells[6] = {"", "", "", "", "", ""};
        for (int s = 0; s < 2; s++)
            if (r < sides[s].n) {
                cells[3 * s] = sides[s].rows[r].code;
                cells[3 * s + 1] = or_empty(sides[s].rows[r].name);
                cells[3 * s + 2] = sides[s].rows[r].amount;
            }
        bx_table_add_row(t, cells);
    }
    if (sides[0].total || sides[1].total) {
        const char *cells[6] = {or_empty(sides[0].total), "", or_empty(sides[0].total_amount),
                                or_empty(sides[1].total), "", or_empty(sides[1].total_amount)};
        bx_table_add_row(t, cells);
    }
    return t;
}

bx_table *td_read_paired(const td_doc *d, const size_t *lines, size_t n, const char *names[3],
                         int levels)
{
    GArray *runs = read_runs(d, lines, n, names);
    side sides[2] = {{0}};
    bx_table *t = NULL;
    if (place_codes(runs, sides)) {
        give_names(runs, sides);
        give_adjacent_amounts(runs, sides);
        if (give_rest(runs, sides) && side_adds_up(&sides[0]) && side_adds_up(&sides[1]))
            t = build(sides, names);
    }
    free_sides(sides);
    free_runs(runs);
    return t ? t : td_read_paired_named(d, lines, n, names, levels);
}
