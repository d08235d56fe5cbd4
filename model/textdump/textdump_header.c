/* Text dumps: the columns named by a header's words (the header's text cut
 * into the fewest, longest header words; amount columns, sides, groups). */
#include "textdump.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>


/* --- Columns -------------------------------------------------------------- */

typedef struct {
    bx_header_word word;
    int row; /* 0: first header row, 1: the row under the code levels */
    int late; /* found among the body's lines, after the printed header */
} match;

/* Splits text into header words covering as many bytes as possible (so
 * that "项目支出预算" reads 项目 + 支出预算, not 项目支出 + 预算) in the
 * fewest words; among those, the one whose words cross the fewest printed
 * line ends (TD_LINE_END in text: "项目" / "支出功能分类" / "科目编码" is
 * 项目 + 支出功能分类科目编码, not 项目支出 + 功能分类科目编码). */
static size_t segment(const char *marked, int row, match *out, size_t cap)
{
    size_t n_all = strlen(marked), n = 0;
    char *text = bx_xmalloc(n_all + 1);
    char *end_at = bx_xcalloc(n_all + 2, 1); /* a line ended before byte i */
    for (size_t i = 0; i < n_all; i++) {
        if (marked[i] == TD_LINE_END)
            end_at[n] = 1;
        else
            text[n++] = marked[i];
    }
    text[n] = '\0';
    size_t *best = bx_xcalloc(n + 1, sizeof *best);
    size_t *words = bx_xcalloc(n + 1, sizeof *words);
    size_t *cross = bx_xcalloc(n + 1, sizeof *cross);
    int *choice = bx_xmalloc((n + 1) * sizeof *choice);
    size_t n_words = 0, n_all_words = bx_header_words_count();
    bx_header_word *hw = bx_xmalloc(n_all_words * sizeof *hw);
    for (size_t w = 0; w < n_all_words; w++)
        n_words += td_header_word(w, &hw[n_words]);
    for (size_t i = n; i-- > 0;) {
        size_t step = 1;
        while (i + step < n && ((unsigned char)text[i + step] & 0xC0) == 0x80)
            step++;
        best[i] = best[i + step];
        words[i] = words[i + step];
        cross[i] = cross[i + step];
        choice[i] = -1;
        for (size_t w = 0; w < n_words; w++) {
            size_t len = strlen(hw[w].key);
            if (len > n - i || memcmp(text + i, hw[w].key, len) != 0)
                continue;
            size_t b = len + best[i + len], nw = 1 + words[i + len], nc = cross[i + len];
            for (size_t k = i + 1; k < i + len; k++)
                nc += end_at[k];
            if (b > best[i] || (b == best[i] && (nw < words[i] || (nw == words[i] && nc < cross[i])))) {
                best[i] = b;
                words[i] = nw;
                cross[i] = nc;
                choice[i] = (int)w;
            }
        }
    }
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        if (choice[i] < 0) {
            i++;
            continue;
        }
        if (k < cap)
            out[k++] = (match){hw[choice[i]], row, 0};
        i += strlen(hw[choice[i]].key);
    }
    free(hw);
    free(best);
    free(words);
    free(cross);
    free(choice);
    free(text);
    free(end_at);
    return k;
}

int td_words_cover(const char *text, const char *const *words, size_t n_words, int cut_allowed)
{
    size_t n = strlen(text);
    char *ok = bx_xcalloc(n + 1, 1); /* ok[i]: text from i on is a run of words */
    ok[n] = 1;
    for (size_t i = n; i-- > 0;) {
        for (size_t w = 0; w < n_words && !ok[i]; w++) {
            size_t len = strlen(words[w]);
            ok[i] = len <= n - i ? memcmp(text + i, words[w], len) == 0 && ok[i + len]
                                 : cut_allowed && memcmp(text + i, words[w], n - i) == 0;
        }
    }
    int yes = ok[0];
    free(ok);
    return yes;
}

static int coverable(const char *text, int cut_allowed);

int td_header_coverable(const char *text) { return coverable(text, 1); }

int td_header_complete(const char *text) { return coverable(text, 0); }

static int coverable(const char *text, int cut_allowed)
{
    char *key = bx_text_key(text);
    char *out = key;
    for (const char *r = key; *r; r++) /* word boundaries ("|", line ends) do not matter here */
        if (*r != '|' && *r != TD_LINE_END)
            *out++ = *r;
    *out = '\0';
    size_t n_all_words = bx_header_words_count(), n_words = 0;
    /* the level words are their own keys (no NFKC folding applies) */
    const char **words = bx_xmalloc((n_all_words + td_n_level_words) * sizeof *words);
    for (size_t w = 0; w < n_all_words; w++) {
        bx_header_word hw;
        if (td_header_word(w, &hw))
            words[n_words++] = hw.key;
    }
    for (size_t w = 0; w < td_n_level_words; w++)
        words[n_words++] = td_level_words[w];
    int yes = td_words_cover(key, words, n_words, cut_allowed);
    free(words);
    free(key);
    return yes;
}

static void add_col(td_columns *c, td_col_kind kind, const char *name, int group, int is_total)
{
    c->cols = bx_xrealloc(c->cols, (c->n + 1) * sizeof *c->cols);
    c->cols[c->n++] = (td_col){kind, bx_xstrdup(name), group, is_total, NULL};
}

static int is_amount(bx_header_shape r) { return r == BX_HEADER_TOTAL || r == BX_HEADER_AMOUNT; }
static int is_label(bx_header_shape r) { return r == BX_HEADER_LABEL || r == BX_HEADER_LABEL_WEAK; }

/* The group that the second header row's amounts subdivide: the first
 * group printed after an amount column, else the last group. */
static size_t pick_group(const match *m, size_t n)
{
    size_t last = (size_t)-1;
    int seen_amount = 0;
    for (size_t i = 0; i < n; i++) {
        if (m[i].row != 0)
            continue;
        if (is_amount(m[i].word.shape))
            seen_amount = 1;
        if (m[i].word.shape == BX_HEADER_GROUP) {
            if (seen_amount)
                return i;
            last = i;
        }
    }
    return last;
}

static void add_amount(td_columns *c, const match *m, int group)
{
    add_col(c, TD_COL_AMOUNT, m->word.text, group, m->word.shape == BX_HEADER_TOTAL);
}

/* Moves column `from` to position `to` (to < from). */
static void move_column(td_columns *c, size_t from, size_t to)
{
    td_col moved = c->cols[from];
    memmove(&c->cols[to + 1], &c->cols[to], (from - to) * sizeof *c->cols);
    c->cols[to] = moved;
    for (size_t j = 0; j < c->n; j++) /* group indices point at moved columns */
        if (c->cols[j].group > (int)to && c->cols[j].group <= (int)from)
            c->cols[j].group++;
}

/* A table's total comes before the columns it sums, and a group's before
 * its members; a total read after them (a header printed out of order)
 * moves to the front. */
static void total_first(td_columns *c)
{
    size_t first = c->n, total = c->n;
    for (size_t j = 0; j < c->n; j++) {
        if (c->cols[j].kind != TD_COL_AMOUNT || c->cols[j].group >= 0)
            continue;
        if (first == c->n)
            first = j;
        if (c->cols[j].is_total && total == c->n)
            total = j;
    }
    if (total != c->n && total != first)
        move_column(c, total, first);
    for (size_t j = 0; j < c->n; j++) {
        int g = c->cols[j].group;
        if (g < 0 || (size_t)g != j)
            continue; /* not a group's first member */
        size_t k = j + 1;
        while (k < c->n && c->cols[k].group == g && !c->cols[k].is_total)
            k++;
        if (k < c->n && c->cols[k].group == g && !c->cols[j].is_total) {
            td_col moved = c->cols[k];
            memmove(&c->cols[j + 1], &c->cols[j], (k - j) * sizeof *c->cols);
            c->cols[j] = moved;
        }
    }
}

/* The words printed over the code and text columns: the code group
 * (功能分类科目编码), and a weak label (项目) printed before it. */
static void note_tops(td_columns *c, const match *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (m[i].word.shape == BX_HEADER_CODE_GROUP && !c->code_group)
            c->code_group = m[i].word.text;
        if (m[i].word.shape == BX_HEADER_LABEL_WEAK && !c->code_group && !c->label_top)
            c->label_top = m[i].word.text;
    }
}

/* The columns of a side-by-side table: a label and its amounts, twice.
 * An amount word goes to the side whose label came last, except that,
 * where the second label is read only late, a side's group word printed
 * after the first label (收入 项目 … 支出 合计 …) opens the second side
 * already, and a word read late goes to the first side while that side
 * has no amount column: each side has one. */
static void side_columns(td_columns *c, const match *m, size_t n)
{
    const match *label[2] = {NULL, NULL};
    const match **amounts[2];
    size_t n_labels = 0, n_amounts[2] = {0, 0}, groups = 0;
    int second_opened = 0;
    amounts[0] = bx_xcalloc(n + 1, sizeof **amounts);
    amounts[1] = bx_xcalloc(n + 1, sizeof **amounts);
    size_t printed_labels = 0; /* with both labels printed, their order tells */
    for (size_t i = 0; i < n; i++)
        printed_labels += !m[i].late && m[i].row == 0 && is_label(m[i].word.shape);
    for (size_t i = 0; i < n; i++) {
        bx_header_shape role = m[i].word.shape;
        if (m[i].row != 0)
            continue;
        if (role == BX_HEADER_GROUP || (is_amount(role) && !n_labels)) {
            second_opened |= ++groups == 2 && n_labels == 1 && !m[i].late && printed_labels < 2;
        } else if (is_label(role)) {
            if (n_labels < 2)
                label[n_labels++] = &m[i];
        } else if (is_amount(role)) {
            size_t side = n_labels >= 2 || second_opened;
            if (m[i].late)
                side = n_amounts[0] == 0 ? 0 : 1;
            amounts[side][n_amounts[side]++] = &m[i];
        }
    }
    for (size_t s = 0; s < n_labels; s++) {
        add_col(c, TD_COL_LABEL, label[s]->word.text, -1, 0);
        for (size_t k = 0; k < n_amounts[s]; k++)
            add_amount(c, amounts[s][k], -1);
    }
    free(amounts[0]);
    free(amounts[1]);
}

/* A table whose header prints one group word, wherever the dump put it
 * (支出预算 read after the first rows): it spans all the amount columns. */
static void lone_group(td_columns *c, const match *m, size_t n)
{
    const char *group = NULL;
    for (size_t j = 0; j < c->n; j++)
        if (c->cols[j].group >= 0 || c->cols[j].group_name)
            return; /* the header's rows already say which columns it spans */
    for (size_t i = 0; i < n; i++) {
        if (m[i].word.shape != BX_HEADER_GROUP)
            continue;
        if (group && strcmp(group, m[i].word.text) != 0)
            return;
        group = m[i].word.text;
    }
    for (size_t j = 0; group && j < c->n; j++)
        if (c->cols[j].kind == TD_COL_AMOUNT)
            c->cols[j].group_name = group;
}

/* Amount groups over a side-by-side table's two sides: the group words
 * printed before each side's amounts (收入 … 支出 …). */
static void side_groups(td_columns *c, const match *m, size_t n)
{
    size_t side = 0, label = 0;
    const char *groups[2] = {NULL, NULL};
    int seen_label = 0;
    for (size_t i = 0; i < n && side < 2; i++) {
        bx_header_shape role = m[i].word.shape;
        seen_label |= is_label(role);
        /* an amount word before the first label names no column: a side's group */
        if (m[i].row == 0 && (role == BX_HEADER_GROUP || (is_amount(role) && !seen_label)))
            groups[side++] = m[i].word.text;
    }
    if (side < 2)
        return;
    for (size_t j = 0; j < c->n; j++) {
        if (j > 0 && c->cols[j].kind == TD_COL_LABEL)
            label = 1;
        c->cols[j].group_name = groups[label];
    }
}

size_t td_header_grid(const td_columns *c, char ****rows)
{
    const char *(*path)[4] = bx_xcalloc(c->n + 1, sizeof *path);
    size_t *len = bx_xcalloc(c->n + 1, sizeof *len), depth = 1;
    for (size_t j = 0; j < c->n; j++) {
        const td_col *col = &c->cols[j];
        len[j] = 0;
        if (col->kind != TD_COL_AMOUNT && c->label_top && !c->side_by_side)
            path[j][len[j]++] = c->label_top;
        if (col->group_name)
            path[j][len[j]++] = col->group_name;
        if (col->kind == TD_COL_CODE && c->code_group && c->levels_printed)
            path[j][len[j]++] = c->code_group;
        path[j][len[j]++] = col->name;
        if (len[j] > depth)
            depth = len[j];
    }
    char ***grid = bx_xcalloc(depth, sizeof *grid);
    for (size_t r = 0; r < depth; r++) {
        grid[r] = bx_xcalloc(c->n, sizeof **grid);
        for (size_t j = 0; j < c->n; j++) /* a short path's last word spans down */
            grid[r][j] = bx_xstrdup(path[j][r < len[j] ? r : len[j] - 1]);
    }
    free(path);
    free(len);
    *rows = grid;
    return depth;
}

/* How far past a piece of a wrapped header word its next piece may be. */
#define TD_WEAVE_SPAN 8

/* The pieces of a word wrapped in a narrow cell, brought together: cells
 * side by side wrap at once, so pdftotext prints their lines interleaved
 * ("上级" "人员经" "公用经" "补助" "费" "费" "收入"). A piece that is no
 * run of whole words takes the next pieces that extend it towards one,
 * pieces apart from it only when they are no word themselves, up to a
 * whole run of words; a piece that reaches none stays as it was. Pieces
 * are the key text between line ends. */
static char *unweave(const char *key)
{
    gchar **p = g_strsplit(key, (char[]){TD_LINE_END, '\0'}, -1);
    size_t n = g_strv_length(p);
    char *used = bx_xcalloc(n + 1, 1);
    size_t *taken = bx_xmalloc((n + 1) * sizeof *taken);
    bx_buf out, cur;
    bx_buf_init(&out);
    for (size_t i = 0; i < n; i++) {
        if (used[i])
            continue;
        used[i] = 1;
        bx_buf_init(&cur);
        bx_buf_puts(&cur, p[i]);
        size_t n_taken = 0;
        int whole = !*p[i] || strchr(p[i], '|') || td_header_complete(p[i]);
        for (size_t j = i + 1; !whole && j < n && j <= i + TD_WEAVE_SPAN; j++) {
            if (used[j] || !*p[j] || strchr(p[j], '|'))
                continue;
            int adjacent = 1; /* no piece left between them */
            for (size_t k = i + 1; k < j; k++)
                adjacent &= used[k];
            if (!adjacent && td_header_complete(p[j]))
                continue;
            char *cand = g_strconcat(cur.data, p[j], NULL);
            if (td_header_coverable(cand)) {
                bx_buf_puts(&cur, p[j]);
                used[j] = 1;
                taken[n_taken++] = j;
                whole = td_header_complete(cand);
            }
            g_free(cand);
        }
        if (out.len)
            bx_buf_append(&out, (char[]){TD_LINE_END}, 1);
        if (!whole) /* no run of words reached: the pieces stay apart */
            for (size_t k = 0; k < n_taken; k++)
                used[taken[k]] = 0;
        bx_buf_puts(&out, whole ? cur.data : p[i]);
        bx_buf_free(&cur);
    }
    char *r = bx_buf_take(&out);
    free(used);
    free(taken);
    g_strfreev(p);
    return r ? r : bx_xstrdup("");
}

static char *keyed_unwoven(const char *text)
{
    char *key = bx_text_key(text);
    char *r = unweave(key);
    free(key);
    return r;
}

/* The header words of header_text, in m (128 at most): its printed two
 * rows, split where the code levels were printed, then the words read
 * late, after the printed header (marked late). */
static size_t header_matches(const char *header_text, match *m)
{
    const char *late = strchr(header_text, TD_LATE);
    char *printed = late ? bx_xstrndup(header_text, (size_t)(late - header_text)) : bx_xstrdup(header_text);
    const char *nl = strchr(printed, '\n');
    char *row0 = nl ? bx_xstrndup(printed, (size_t)(nl - printed)) : bx_xstrdup(printed);
    char *row1 = nl ? bx_xstrdup(nl + 1) : bx_xstrdup("");
    char *k0 = keyed_unwoven(row0), *k1 = keyed_unwoven(row1), *kl = bx_text_key(late ? late + 1 : "");
    size_t n = segment(k0, 0, m, 128);
    n += segment(k1, 1, m + n, 128 - n);
    size_t n_printed = n;
    n += segment(kl, nl ? 1 : 0, m + n, 128 - n);
    for (size_t i = n_printed; i < n; i++)
        m[i].late = 1;
    free(printed);
    free(row0);
    free(row1);
    free(k0);
    free(k1);
    free(kl);
    return n;
}

/* The amount columns of a header that is not side by side: top-level
 * amounts, and under the group word the amounts of the second row. */
static void amount_columns(td_columns *c, const match *m, size_t n)
{
    size_t group = pick_group(m, n);
    int any_row1 = 0;
    for (size_t i = 0; i < n; i++)
        any_row1 |= m[i].row == 1 && is_amount(m[i].word.shape);
    const char *over = NULL; /* a group word printed before top-level amounts */
    for (size_t i = 0; i < n; i++) {
        if (m[i].row != 0)
            continue;
        bx_header_shape role = m[i].word.shape;
        if (role == BX_HEADER_GROUP && !any_row1)
            over = m[i].word.text;
        if (is_amount(role)) {
            add_amount(c, &m[i], -1);
            c->cols[c->n - 1].group_name = over;
        } else if (i == group && any_row1) {
            int first = (int)c->n;
            for (size_t j = 0; j < n; j++)
                if (m[j].row == 1 && is_amount(m[j].word.shape)) {
                    add_amount(c, &m[j], first);
                    c->cols[c->n - 1].group_name = m[i].word.text;
                }
        }
    }
    if (group == (size_t)-1 && any_row1)
        for (size_t j = 0; j < n; j++)
            if (m[j].row == 1 && is_amount(m[j].word.shape))
                add_amount(c, &m[j], -1);
}

void td_columns_from_header(td_columns *c, const char *header_text, size_t n_levels)
{
    memset(c, 0, sizeof *c);
    match m[128];
    size_t n = header_matches(header_text, m);
    int has_code = n_levels > 0;
    size_t n_labels = 0;
    for (size_t i = 0; i < n; i++)
        has_code |= m[i].word.shape == BX_HEADER_CODE_GROUP;
    for (size_t i = 0; i < n; i++)
        if (m[i].word.shape == BX_HEADER_LABEL || (m[i].word.shape == BX_HEADER_LABEL_WEAK && !has_code))
            n_labels++;
    c->side_by_side = !has_code && n_labels >= 2;
    if (has_code) {
        c->n_code = n_levels ? n_levels : 1;
        c->levels_printed = n_levels > 0;
        note_tops(c, m, n);
        for (size_t l = 0; l < c->n_code && l < td_n_level_words; l++)
            add_col(c, TD_COL_CODE, n_levels || !c->code_group ? td_level_words[l] : c->code_group, -1, 0);
    }
    if (c->side_by_side) {
        side_columns(c, m, n);
        side_groups(c, m, n);
        return;
    }
    for (size_t i = 0; i < n; i++)
        if (m[i].word.shape == BX_HEADER_LABEL)
            add_col(c, TD_COL_LABEL, m[i].word.text, -1, 0);
    amount_columns(c, m, n);
    total_first(c);
    lone_group(c, m, n);
}

void td_columns_free(td_columns *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->cols[i].name);
    free(c->cols);
    memset(c, 0, sizeof *c);
}
