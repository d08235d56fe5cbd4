/* Cell text with ICU: white space by Unicode's definition, NFKC. */
#include "bx_normalize.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

static int is_space(UChar32 c)
{
    /* U+FEFF (BOM) and U+200B (zero width space) are not white space to
     * Unicode but print as nothing and break equality all the same. */
    return u_isUWhiteSpace(c) || c == 0xFEFF || c == 0x200B;
}

/* A copy of s without the characters for which drop() is true. */
static char *filter(const char *s, int (*drop)(UChar32))
{
    int32_t len = (int32_t)strlen(s), i = 0;
    char *out = bx_xmalloc((size_t)len + 1);
    size_t n = 0;
    while (i < len) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, len, c);
        if (c >= 0 && drop(c))
            continue;
        memcpy(out + n, s + start, (size_t)(i - start));
        n += (size_t)(i - start);
    }
    out[n] = '\0';
    return out;
}

char *bx_text_squeeze(const char *s)
{
    return filter(s, is_space);
}

/* UTF-8 -> UTF-16 -> NFKC -> UTF-8. */
char *bx_text_nfkc(const char *s)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&st);
    if (U_FAILURE(st))
        return bx_xstrdup(s);
    int32_t n16 = 0;
    u_strFromUTF8(NULL, 0, &n16, s, -1, &st);
    st = U_ZERO_ERROR;
    UChar *src = bx_xmalloc(sizeof(UChar) * (size_t)(n16 + 1));
    u_strFromUTF8(src, n16 + 1, NULL, s, -1, &st);
    /* NFKC can expand a string (ligatures, squared units); three times is
     * far beyond anything printed in a budget table, and we check anyway. */
    int32_t cap = 3 * n16 + 16;
    UChar *dst = bx_xmalloc(sizeof(UChar) * (size_t)cap);
    int32_t nd = U_SUCCESS(st) ? unorm2_normalize(nfkc, src, n16, dst, cap, &st) : 0;
    char *out = NULL;
    if (U_SUCCESS(st)) {
        int32_t n8 = 0;
        u_strToUTF8(NULL, 0, &n8, dst, nd, &st);
        st = U_ZERO_ERROR;
        out = bx_xmalloc((size_t)n8 + 1);
        u_strToUTF8(out, n8 + 1, NULL, dst, nd, &st);
        if (U_FAILURE(st)) {
            free(out);
            out = NULL;
        }
    }
    free(src);
    free(dst);
    return out ? out : bx_xstrdup(s);
}

static int is_space_or_quote(UChar32 c)
{
    return is_space(c) || u_hasBinaryProperty(c, UCHAR_QUOTATION_MARK);
}

char *bx_text_key(const char *s)
{
    char *nf = bx_text_nfkc(s);
    char *out = filter(nf, is_space_or_quote);
    free(nf);
    return out;
}

int bx_text_has_digit(const char *s)
{
    int32_t len = (int32_t)strlen(s), i = 0;
    while (i < len) {
        UChar32 c;
        U8_NEXT(s, i, len, c);
        if (c >= 0 && u_charType(c) == U_DECIMAL_DIGIT_NUMBER)
            return 1;
    }
    return 0;
}

int bx_text_is_digits(const char *s, size_t min, size_t max)
{
    size_t n = strspn(s, "0123456789");
    return s[n] == '\0' && n >= min && n >= 1 && (max == 0 || n <= max);
}
