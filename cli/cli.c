#include "bx_export.h"
#include "cli.h"

#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int bx_cli_exit_code(bx_status s)
{
    switch (s) {
    case BX_OK: return BX_EXIT_OK;
    case BX_ERR_USAGE: return BX_EXIT_USAGE;
    case BX_ERR_NO_TABLES: return BX_EXIT_NO_TABLES;
    default: return BX_EXIT_INPUT;
    }
}

int bx_cli_worse(int a, int b)
{
    static const int rank[] = {[BX_EXIT_OK] = 0, [BX_EXIT_NO_TABLES] = 1, [BX_EXIT_CHECKS] = 2,
                               [BX_EXIT_INPUT] = 3, [BX_EXIT_USAGE] = 4};
    return rank[b] > rank[a] ? b : a;
}

int bx_cli_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *bx_cli_output_in_dir(const char *dir, const char *input, const char *ext)
{
    const char *base = bx_base_name(input);
    const char *dot = strrchr(base, '.');
    size_t stem = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    bx_buf b;
    bx_buf_init(&b);
    bx_buf_printf(&b, "%s/%.*s.%s", dir, (int)stem, base, ext);
    return bx_buf_take(&b);
}

bool bx_cli_number(const char *text, double min, double max, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    /* the comparisons are false for NaN, which is refused with the rest */
    if (end == text || *end != '\0' || errno == ERANGE || !(v >= min && v <= max))
        return false;
    *out = v;
    return true;
}

bool bx_cli_int(const char *text, int min, int max, int *out)
{
    double v;
    if (!bx_cli_number(text, min, max, &v) || v != (double)(int)v)
        return false;
    *out = (int)v;
    return true;
}

bx_status bx_cli_load_report(const char *path, bx_report **out, bx_error *err)
{
    return bx_report_open(path, 0, out, err);
}
