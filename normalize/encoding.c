/* Text dumps arrive as UTF-8 or as GB18030/GBK; ICU's converters turn the
 * latter into UTF-8. A file counts as text only when it decodes without a
 * single error and is mostly printable, so that a binary file is never
 * mistaken for a dump. */
#include "bx_normalize.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

/* Share of code points that must be printable (CJK, ASCII, punctuation). */
#define MIN_PRINTABLE 0.95

static int printable(UChar32 c)
{
    return c == '\n' || c == '\r' || c == '\t' || c == '\f' || (c >= 0x20 && u_isprint(c));
}

/* True when the UTF-8 bytes are valid and mostly printable. */
static int plausible_utf8(const char *s, size_t n)
{
    if (n > INT32_MAX)
        return 0;
    int32_t i = 0, len = (int32_t)n;
    size_t total = 0, good = 0;
    while (i < len) {
        UChar32 c;
        U8_NEXT(s, i, len, c);
        if (c < 0 || c == 0)
            return 0;
        total++;
        good += printable(c) != 0;
    }
    return total > 0 && (double)good >= MIN_PRINTABLE * (double)total;
}

/* GB18030 (a superset of GBK and GB2312) to UTF-8, or NULL on any
 * unmappable or illegal byte sequence. */
static char *from_gb18030(const char *s, size_t n)
{
    if (n > INT32_MAX / 4)
        return NULL;
    UErrorCode st = U_ZERO_ERROR;
    UConverter *cnv = ucnv_open("GB18030", &st);
    if (U_FAILURE(st))
        return NULL;
    ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
    int32_t u16_cap = (int32_t)n + 1;
    UChar *u16 = bx_xmalloc((size_t)u16_cap * sizeof *u16);
    int32_t u16_len = ucnv_toUChars(cnv, u16, u16_cap, s, (int32_t)n, &st);
    ucnv_close(cnv);
    char *out = NULL;
    if (U_SUCCESS(st)) {
        int32_t cap = u16_len * 4 + 1, len = 0;
        out = bx_xmalloc((size_t)cap);
        UErrorCode st2 = U_ZERO_ERROR;
        u_strToUTF8(out, cap, &len, u16, u16_len, &st2);
        if (U_FAILURE(st2)) {
            free(out);
            out = NULL;
        }
    }
    free(u16);
    return out;
}

bx_status bx_text_decode(const char *bytes, size_t n, char **out, bx_error *err)
{
    *out = NULL;
    /* a UTF-8 byte order mark says nothing the content does not */
    if (n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
        bytes += 3;
        n -= 3;
    }
    if (plausible_utf8(bytes, n)) {
        *out = bx_xstrndup(bytes, n);
        return BX_OK;
    }
    char *utf8 = from_gb18030(bytes, n);
    if (utf8 && plausible_utf8(utf8, strlen(utf8))) {
        *out = utf8;
        return BX_OK;
    }
    free(utf8);
    return bx_error_set(err, BX_ERR_NOT_PDF, "neither UTF-8 nor GB18030 text");
}
