#define _GNU_SOURCE
#include "bx_export.h"
#include "cli.h"
#include "bx_normalize.h"
#include "bx_report.h" /* bx_check_clear */

#include <errno.h>
#include <inttypes.h>
#include <glib.h>
#include <limits.h>
#include <stdarg.h>
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
    gchar *base = g_path_get_basename(bx_cli_input_name(input));
    const char *dot = strrchr(base, '.');
    size_t stem = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    gchar *name = g_strdup_printf("%.*s.%s", (int)stem, base, ext);
    gchar *path = g_build_filename(dir, name, NULL);
    char *out = bx_xstrdup(path);
    g_free(path);
    g_free(name);
    g_free(base);
    return out;
}

/* Digits, with at most one '.' between digits when `fraction`. */
static bool plain_decimal(const char *text, bool fraction)
{
    const char *p = text;
    while (g_ascii_isdigit(*p))
        p++;
    if (p == text)
        return false;
    if (fraction && *p == '.') {
        const char *q = ++p;
        while (g_ascii_isdigit(*p))
            p++;
        if (p == q)
            return false;
    }
    return *p == '\0';
}

bool bx_cli_number(const char *text, double min, double max, double *out)
{
    if (!plain_decimal(text, true))
        return false;
    errno = 0;
    double v = g_ascii_strtod(text, NULL);
    if (errno == ERANGE || !(v >= min && v <= max))
        return false;
    *out = v;
    return true;
}

bool bx_cli_size(const char *text, uint64_t *out)
{
    char *end;
    errno = 0;
    if (!g_ascii_isdigit(text[0]))
        return false;
    unsigned long long v = strtoull(text, &end, 10);
    int shift = 0;
    if (*end && !end[1]) {
        const char *units = "kKmMgGtT", *at = strchr(units, *end);
        if (!at)
            return false;
        shift = 10 * (int)(1 + (at - units) / 2);
        end++;
    }
    if (errno || *end || (shift && v > (UINT64_MAX >> shift)))
        return false;
    *out = (uint64_t)v << shift;
    return true;
}

int bx_cli_max_size(const char *command, const char *text, uint64_t *out)
{
    if (bx_cli_size(text, out))
        return -1;
    return bx_cli_usage_error(command, "--max-size: '%s' is not a size (e.g. 512M, 0 for none)",
                              text);
}

bool bx_cli_int(const char *text, int min, int max, int *out)
{
    guint64 v;
    /* g_ascii_string_to_unsigned takes digits only, yet skips no leading
     * space nor sign; plain_decimal also refuses them, for one rule */
    if (min < 0 || !plain_decimal(text, false) ||
        !g_ascii_string_to_unsigned(text, 10, (guint64)min, (guint64)max, &v, NULL))
        return false;
    *out = (int)v;
    return true;
}

int bx_cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "budgetx: %s: ", command);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, " (see 'budgetx help %s')\n", command);
    va_end(ap);
    return BX_EXIT_USAGE;
}

/* --- Reading inputs ---------------------------------------------------------- */

const char *bx_cli_password(const char *option)
{
    const char *env = getenv("BUDGETX_PASSWORD");
    return option ? option : env && *env ? env : NULL;
}

const char *bx_cli_input_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "stdin" : path;
}

void bx_cli_warn_font_failures(const char *input, const bx_doc *doc, const char *what)
{
    if (doc && bx_doc_font_failures(doc))
        fprintf(stderr, "budgetx: warning: %s: %u fonts could not be loaded; their text is "
                        "missing from %s\n", input, bx_doc_font_failures(doc), what);
}

char *bx_cli_log_path(const char *path)
{
    bx_buf b;
    bx_buf_init(&b);
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p == '\n')
            bx_buf_puts(&b, "\\n");
        else if (*p == '\r')
            bx_buf_puts(&b, "\\r");
        else if (*p == '\t')
            bx_buf_puts(&b, "\\t");
        else if (*p == '\\')
            bx_buf_puts(&b, "\\\\");
        else if (*p < 0x20 || *p == 0x7f)
            bx_buf_printf(&b, "\\x%02x", *p);
        else
            bx_buf_append(&b, (const char *)p, 1);
    }
    return bx_buf_take(&b);
}

bx_status bx_cli_read_stdin(char **data, size_t *len, uint64_t max, bx_error *err)
{
    bx_buf b;
    bx_buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
        bx_buf_append(&b, chunk, n);
        if (max && b.len > max) { /* stop reading: the rest is never held */
            bx_buf_free(&b);
            return bx_error_set(err, BX_ERR_TOO_LARGE,
                                "stdin: over the size limit of %" PRIu64 " bytes", max);
        }
    }
    if (ferror(stdin)) {
        bx_buf_free(&b);
        return bx_error_set(err, BX_ERR_IO, "stdin: cannot read (%s)", strerror(errno));
    }
    *len = b.len;
    *data = b.data ? bx_buf_take(&b) : bx_xstrdup("");
    return BX_OK;
}

bx_status bx_cli_check_size(const char *path, uint64_t max, bx_error *err)
{
    struct stat st;
    if (max && stat(path, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size > max)
        return bx_error_set(err, BX_ERR_TOO_LARGE,
                            "%s: %" PRIu64 " bytes, over the size limit of %" PRIu64 " bytes", path,
                            (uint64_t)st.st_size, max);
    return BX_OK;
}

/* Standard input: held in memory, then told apart as a file is. */
static bx_status load_stdin(const bx_open_options *opt, bx_report **out, bx_error *err)
{
    char *data;
    size_t len;
    bx_status s = bx_cli_read_stdin(&data, &len, opt->max_size, err);
    if (s != BX_OK)
        return s;
    s = bx_report_open_data(data, len, "stdin", opt, out, err);
    free(data);
    return s;
}

bx_status bx_cli_load_report(const char *path, const bx_cli_input *in, bx_report **out,
                             bx_error *err)
{
    *out = NULL;
    bx_open_options opt = {.password = in ? in->password : NULL,
                           .pages = in ? in->pages : NULL,
                           .max_size = in ? in->max_size : 0,
                           .flags = in ? in->flags : 0};
    return strcmp(path, "-") == 0 ? load_stdin(&opt, out, err)
                                  : bx_report_open_with(path, &opt, out, err);
}

bool bx_cli_parse_ocr(const char *text, unsigned *flags)
{
    static const struct {
        const char *name;
        unsigned flags;
    } modes[] = {{"auto", BX_OPEN_OCR_AUTO}, {"always", BX_OPEN_OCR_ALWAYS}, {"never", 0}};
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
        if (strcmp(text, modes[i].name) == 0) {
            *flags = modes[i].flags;
            return true;
        }
    return false;
}
