/* Fuzz target: the normalize stage. The input is one cell or line of text
 * (NUL-terminated copy); every text, number and pattern function reads it,
 * and what their documentation promises is checked. The first eight bytes
 * are also an int64 for bx_scaled_format's round trip through
 * bx_amount_parse. */
#include "fuzz.h"

#include "bx_normalize.h"

#include <stdlib.h>
#include <string.h>

/* Compiled once for the process, as a program using the library would. */
static bx_patterns *patterns(void)
{
    static bx_patterns *p;
    bx_error err;
    if (!p && bx_patterns_new(&p, &err) != BX_OK)
        bx_fuzz_fail(err.message);
    return p;
}

static void text_functions(const char *s)
{
    char *squeezed = bx_text_squeeze(s);
    if (strpbrk(squeezed, " \t\r\n"))
        bx_fuzz_fail("bx_text_squeeze left white space");
    char *key = bx_text_key(s);
    if (strpbrk(key, " \t\r\n\"'"))
        bx_fuzz_fail("bx_text_key left white space or a quote");
    free(bx_text_nfkc(s));
    (void)bx_text_is_digits(s, 1, 7);
    (void)bx_text_has_digit(s);
    free(key);
    free(squeezed);
}

static void number_functions(const char *s)
{
    double value;
    int decimals;
    int64_t fen = 0;
    (void)bx_number_value(s, &value, &decimals);
    free(bx_number_clean(s));
    int64_t unit = bx_unit_fen(s);
    if (bx_amount_parse(s, unit ? unit : 100, &fen) && !bx_amount_is(s))
        bx_fuzz_fail("bx_amount_parse took what bx_amount_is refuses");
}

/* bx_scaled_format is exact for every int64_t: its text parses back to v,
 * over the range bx_amount_parse takes (INT64_MIN is outside: its
 * magnitude has no int64_t, and the parser refuses it, so no amount's
 * negation overflows; regressions/normalize/int64-min). */
static void scaled_round_trip(const uint8_t *data, size_t size)
{
    if (size < sizeof(int64_t))
        return;
    int64_t v;
    memcpy(&v, data, sizeof v);
    char text[BX_SCALED_MAX];
    bx_scaled_format(text, v, 100);
    int64_t back = 0;
    if (v == INT64_MIN) {
        if (bx_amount_parse(text, 100, &back))
            bx_fuzz_fail("bx_amount_parse took INT64_MIN fen, whose negation overflows");
        return;
    }
    if (!bx_amount_parse(text, 100, &back) || back != v)
        bx_fuzz_fail("bx_scaled_format's text does not parse back to its value");
}

static void pattern_functions(const char *s)
{
    const bx_patterns *p = patterns();
    free(bx_match_unit(p, s));
    free(bx_match_department(p, s));
    (void)bx_is_table_title(p, s);
    (void)bx_is_table_label(p, s);
    (void)bx_is_continuation(p, s);
    (void)bx_is_page_number(p, s);
    (void)bx_is_note(p, s);
    (void)bx_is_empty_note(p, s);
    (void)bx_is_field(p, s);
    (void)bx_is_total_label(p, s);
    (void)bx_is_ordinal_label(p, s);
    (void)bx_year_in(s);
    free(bx_title_clean(s));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096) /* a cell or a line, not a page */
        return 0;
    char *raw = malloc(size + 1);
    memcpy(raw, data, size);
    raw[size] = '\0';
    scaled_round_trip(data, size);
    /* the functions take UTF-8, as every reader hands them */
    char *s = NULL;
    bx_error err;
    if (bx_text_decode(raw, size, &s, &err) == BX_OK) {
        text_functions(s);
        number_functions(s);
        pattern_functions(s);
        free(s);
    }
    free(raw);
    return 0;
}
