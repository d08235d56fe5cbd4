/* The words the writers print for the report's enums, and fen arithmetic
 * every check shares (one rounding, one overflow-safe difference). */
#include "bx_report.h"

#include <string.h>

const char *bx_check_status_name(bx_check_status s)
{
    return s == BX_CHECK_PASS ? "pass" : s == BX_CHECK_ROUNDING ? "rounding" : "fail";
}

const char *bx_level_name(bx_level l)
{
    static const char *const names[] = {[BX_LEVEL_NONE] = NULL, [BX_LEVEL_CLASS] = "class",
                                        [BX_LEVEL_SECTION] = "section", [BX_LEVEL_ITEM] = "item"};
    return (unsigned)l < sizeof names / sizeof *names ? names[l] : NULL;
}

const char *bx_base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

int64_t bx_fen_difference(int64_t actual, int64_t expected)
{
    int64_t d;
    if (__builtin_sub_overflow(actual, expected, &d))
        return actual > expected ? INT64_MAX : -INT64_MAX;
    return d == INT64_MIN ? -INT64_MAX : d;
}

int64_t bx_fen_round(int64_t fen, int64_t step)
{
    /* quotient and remainder first: fen + half may not fit near INT64_MAX */
    int64_t q = fen / step, r = fen % step, half = step / 2;
    q += r >= half && r > 0 ? 1 : r <= -half && r < 0 ? -1 : 0;
    if (q > INT64_MAX / step || q < -(INT64_MAX / step))
        return fen; /* the rounded amount does not fit: compare it as printed */
    return q * step;
}

bx_check_status bx_status_of(int64_t expected, int64_t actual, int64_t tolerance)
{
    int64_t d = bx_fen_difference(actual, expected);
    d = d < 0 ? -d : d;
    return d == 0 ? BX_CHECK_PASS : d <= tolerance ? BX_CHECK_ROUNDING : BX_CHECK_FAIL;
}
