/* Printed numbers: recognising them, cleaning them, exact amounts in fen. */
#include "bx_normalize.h"

#include <ctype.h>
#include <stdlib.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Works on the NFKC form, so full-width digits, commas and minus signs are
 * ASCII here. Grammar: [sign | "("] digits [("," ddd)...] ["." digits] ["%"] [")"] */
typedef struct {
    int negative;
    int grouped; /* thousands separators present */
    const char *int_start;
    const char *frac_start;
    size_t frac_len;
    int percent;
} number_shape;

static int parse_shape(const char *s, number_shape *out)
{
    memset(out, 0, sizeof *out);
    const char *p = s;
    int paren = 0;
    if (*p == '-' || *p == '+') {
        out->negative = *p == '-';
        p++;
    } else if (*p == '(') {
        paren = 1;
        out->negative = 1;
        p++;
    }
    out->int_start = p;
    size_t run = 0;
    int digits = 0;
    while (*p) {
        if (isdigit((unsigned char)*p)) {
            run++;
            digits++;
        } else if (*p == ',') {
            /* a group separator needs 1-3 digits before the first one and
             * exactly 3 before every later one */
            if (run == 0 || run > 3 || (out->grouped && run != 3))
                return 0;
            out->grouped = 1;
            run = 0;
        } else {
            break;
        }
        p++;
    }
    if (!digits || (out->grouped && run != 3))
        return 0;
    if (*p == '.') {
        out->frac_start = ++p;
        while (isdigit((unsigned char)*p))
            p++;
        out->frac_len = (size_t)(p - out->frac_start);
        if (!out->frac_len)
            return 0;
    }
    if (*p == '%') {
        out->percent = 1;
        p++;
    }
    if (paren && *p++ != ')')
        return 0;
    return *p == '\0';
}

/* The NFKC form the grammar reads. Cells are mostly ASCII already: those
 * are copied as they are, without a trip through ICU. */
static char *nfkc(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p >= 0x80)
            return bx_text_nfkc(s);
    return bx_xstrdup(s);
}

int bx_number_is(const char *s)
{
    char *nf = nfkc(s);
    number_shape shape;
    int ok = parse_shape(nf, &shape);
    free(nf);
    return ok;
}

char *bx_number_clean(const char *s)
{
    number_shape shape;
    if (!parse_shape(s, &shape) || !shape.grouped)
        return bx_xstrdup(s);
    char *out = bx_xmalloc(strlen(s) + 1);
    size_t n = 0;
    for (const char *p = s; *p; p++)
        if (*p != ',')
            out[n++] = *p;
    out[n] = '\0';
    return out;
}

int bx_number_value(const char *s, double *value, int *decimals)
{
    char *nf = nfkc(s);
    number_shape shape;
    int ok = parse_shape(nf, &shape) && !shape.percent;
    if (ok) {
        bx_buf digits;
        bx_buf_init(&digits);
        for (const char *p = shape.int_start; *p && *p != ')'; p++)
            if (*p != ',')
                bx_buf_append(&digits, p, 1);
        *value = strtod(digits.data, NULL) * (shape.negative ? -1 : 1);
        *decimals = (int)shape.frac_len;
        bx_buf_free(&digits);
    }
    free(nf);
    return ok;
}

static int is_dash_only(const char *s)
{
    return strcmp(s, "-") == 0 || strcmp(s, "--") == 0 || strcmp(s, "—") == 0;
}

/* The numerals of numbered labels: digit k is cjk_digits[k]; ten stands
 * between the tens and the units. */
static const char *const cjk_digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
static const char cjk_ten[] = "十";

/* The digit s starts with (0-9), its bytes in *len; -1 when none. */
static int cjk_digit(const char *s, size_t *len)
{
    for (int k = 0; k < 10; k++) {
        size_t n = strlen(cjk_digits[k]);
        if (strncmp(s, cjk_digits[k], n) == 0) {
            *len = n;
            return k;
        }
    }
    return -1;
}

int bx_cjk_numeral(const char *s, size_t *len)
{
    const char *p = s;
    int digit = -1, tens = 0;
    for (;;) {
        size_t n = 0;
        int d = cjk_digit(p, &n);
        if (d >= 0) {
            digit = d;
        } else if (strncmp(p, cjk_ten, sizeof cjk_ten - 1) == 0) {
            tens = digit > 0 ? digit : 1;
            digit = 0;
            n = sizeof cjk_ten - 1;
        } else {
            break;
        }
        p += n;
    }
    *len = (size_t)(p - s);
    return tens * 10 + (digit > 0 ? digit : 0);
}

int bx_amount_is(const char *s)
{
    char *nf = nfkc(s);
    number_shape shape;
    int ok = is_dash_only(nf) || parse_shape(nf, &shape);
    free(nf);
    return ok;
}

int bx_amount_parse(const char *s, int64_t unit_fen, int64_t *fen)
{
    if (unit_fen <= 0)
        return 0;
    char *nf = nfkc(s);
    if (is_dash_only(nf)) {
        free(nf);
        *fen = 0;
        return 1;
    }
    number_shape shape;
    int ok = parse_shape(nf, &shape) && !shape.percent;
    int64_t whole = 0, frac = 0, scale = 1;
    for (const char *p = shape.int_start; ok && (isdigit((unsigned char)*p) || *p == ','); p++) {
        if (*p == ',')
            continue;
        if (whole > (INT64_MAX - 9) / 10)
            ok = 0;
        else
            whole = whole * 10 + (*p - '0');
    }
    if (shape.frac_len > 6) /* no printed amount has more; keeps frac * unit_fen in range */
        ok = 0;
    for (size_t i = 0; ok && i < shape.frac_len; i++) {
        frac = frac * 10 + (shape.frac_start[i] - '0');
        scale *= 10;
    }
    free(nf);
    /* the fraction must be a whole number of fen in this unit */
    if (!ok || (frac * unit_fen) % scale != 0)
        return 0;
    int64_t part = frac * unit_fen / scale;
    /* an amount beyond int64 fen is refused: a wrapped sum would pass checks */
    if (whole > (INT64_MAX - part) / unit_fen)
        return 0;
    int64_t value = whole * unit_fen + part;
    *fen = shape.negative ? -value : value;
    return 1;
}

/* Fen per printed unit; the first is the base unit (bx_base_unit). */
static const struct {
    const char *name;
    int64_t fen;
} units[] = {
    {"元", 100}, {"万元", 1000000}, {"千元", 100000}, {"百万元", 100000000},
    {"亿元", 10000000000LL}, {"萬元", 1000000}, {"百萬元", 100000000}, {"億元", 10000000000LL},
};

const char *bx_base_unit(void)
{
    return units[0].name;
}

int64_t bx_unit_fen(const char *unit)
{
    /* a currency before the unit ("人民币万元") does not change the scale:
     * yuan count in fen, New Taiwan dollars (新臺幣千元) in their hundredths */
    static const char *const currencies[] = {"人民币", "人民幣", "新臺幣", "新台幣", "新台币"};
    if (!unit)
        return 0;
    for (size_t i = 0; i < sizeof currencies / sizeof currencies[0]; i++)
        if (strncmp(unit, currencies[i], strlen(currencies[i])) == 0)
            unit += strlen(currencies[i]);
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(unit, units[i].name) == 0)
            return units[i].fen;
    return 0;
}

void bx_scaled_format(char out[BX_SCALED_MAX], int64_t v, int64_t per)
{
    if (per < 1)
        per = 1;
    int digits = 0;
    for (int64_t p = per; p > 1; p /= 10)
        digits++;
    /* the magnitude as unsigned, so INT64_MIN does not overflow */
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    uint64_t whole = mag / (uint64_t)per, frac = mag % (uint64_t)per;
    for (; digits > 2 && frac % 10 == 0; digits--)
        frac /= 10;
    if (digits > 18) /* never: per fits int64_t; says so to the compiler */
        digits = 18;
    snprintf(out, BX_SCALED_MAX, "%s%" PRIu64 ".%0*" PRIu64, v < 0 ? "-" : "", whole, digits,
             frac);
}
