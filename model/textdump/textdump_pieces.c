/* Text dumps: what one fragment of a dump is (a piece of a number, an
 * amount, a header word or a piece of one, a numbered label) and the rows'
 * storage. A leaf under every row reader. */
#include "textdump.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* A piece of a printed number: digits, one decimal point, thousands
 * separators, a leading minus. */
int td_is_num_piece(const char *s)
{
    int dots = 0, digits = 0;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (*p == '.')
            dots++;
        else if (!(*p == ',' || (*p == '-' && p == s)))
            return 0;
    }
    return dots <= 1 && digits > 0;
}

int td_decimals(const char *s)
{
    const char *dot = strchr(s, '.');
    return dot ? (int)strlen(dot + 1) : -1;
}

int td_is_amount(const char *s) { return td_is_num_piece(s) && td_decimals(s) == 2; }

/* Whether `piece` continues the number `pending`: an amount carries two
 * decimals, so a number is open until it has them. */
static int continues(const char *pending, const char *piece)
{
    if (!td_is_num_piece(piece) || piece[0] == '-')
        return 0;
    int dp = td_decimals(pending), dq = td_decimals(piece);
    /* digits then digits are two integer amounts ("2,932,700" "0"): only a
     * piece holding the decimal point completes an integer part */
    /* a printed line wraps only when full: the rest of a number is never
     * longer than its first line ("210" then "202.24" is a code and an
     * amount, not 210202.24) */
    if (dp < 0) /* the rest's digits fit in the width of its first line */
        return dq >= 0 && strspn(piece, "0123456789") + (size_t)dq <= strlen(pending);
    if (dq >= 0)
        return 0;
    return dp + (int)strlen(piece) <= 2 && dp < 2;
}


int td_num_continues(const char *pending, const char *piece) { return continues(pending, piece); }

/* A header word, or a piece of one, printed among the body's lines (a
 * reading order that visits the header's right part late). */
int td_header_piece(const char *s, int whole_only)
{
    char *key = bx_text_key(s);
    int yes = 0;
    for (size_t w = 0, n = bx_header_words_count(); w < n && !yes; w++) {
        bx_header_word hw;
        if (!td_header_word(w, &hw))
            continue;
        const char *hk = hw.key;
        yes = whole_only ? strcmp(hk, key) == 0 : (strlen(key) >= 6 && strstr(hk, key) != NULL);
    }
    free(key);
    return yes;
}

int td_is_header_word(const char *s) { return td_header_piece(s, 1); }

/* True when s is, as a key, one of the header words of the given roles. */
static int is_word_of_roles(const char *s, bx_header_shape a, bx_header_shape b)
{
    char *key = bx_text_key(s);
    int yes = 0;
    for (size_t w = 0, n = bx_header_words_count(); w < n && !yes; w++) {
        bx_header_word hw;
        if (!td_header_word(w, &hw) || (hw.shape != a && hw.shape != b))
            continue;
        yes = strcmp(hw.key, key) == 0;
    }
    free(key);
    return yes;
}

int td_is_code_group(const char *s)
{
    return is_word_of_roles(s, BX_HEADER_CODE_GROUP, BX_HEADER_CODE_GROUP);
}

int td_is_label_word(const char *s)
{
    return is_word_of_roles(s, BX_HEADER_LABEL, BX_HEADER_LABEL_WEAK);
}

int td_label_number(const char *s)
{
    size_t len = 0;
    int value = bx_cjk_numeral(s, &len);
    if (!len || strncmp(s + len, td_numeral_end, strlen(td_numeral_end)) != 0)
        return 0;
    return value;
}

int64_t td_fen(const char *s)
{
    int64_t v = 0;
    return s && bx_amount_parse(s, 100, &v) ? v : 0;
}

void td_row_add_num(td_row *r, const char *s)
{
    r->nums = bx_xrealloc(r->nums, (r->n_nums + 1) * sizeof *r->nums);
    r->nums[r->n_nums++] = bx_number_clean(s);
}

void td_row_free(td_row *r)
{
    for (size_t i = 0; i < r->n_codes; i++)
        free(r->codes[i]);
    for (size_t i = 0; i < r->n_nums; i++)
        free(r->nums[i]);
    free(r->nums);
    free(r->text);
    free(r->right_text);
    free(r->note);
}

void td_rows_free(td_row *rows, size_t n)
{
    for (size_t r = 0; r < n; r++)
        td_row_free(&rows[r]);
    free(rows);
}
