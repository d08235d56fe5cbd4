#define _GNU_SOURCE
#include "bx_export.h"
#include "cli.h"
#include "bx_normalize.h"
#include "bx_report.h" /* bx_check_clear */

#include <errno.h>
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

/* --- Page ranges ----------------------------------------------------------- */

static bool page_number(const char *text, size_t len, int *out)
{
    char buf[16];
    if (len == 0 || len >= sizeof buf)
        return false;
    memcpy(buf, text, len);
    buf[len] = '\0';
    return bx_cli_int(buf, 1, INT_MAX - 1, out);
}

bool bx_page_set_parse(const char *text, bx_page_set *out, char *why, size_t size)
{
    memset(out, 0, sizeof *out);
    size_t cap_from = 0, cap_to = 0;
    gchar **parts = g_strsplit(text, ",", -1);
    bool ok = parts[0] != NULL;
    for (size_t i = 0; ok && parts[i]; i++) {
        const char *part = parts[i], *dash = strchr(part, '-');
        int from = 0, to = 0;
        ok = dash ? page_number(part, (size_t)(dash - part), &from) &&
                        (dash[1] == '\0' ? (to = INT_MAX, true)
                                         : page_number(dash + 1, strlen(dash + 1), &to))
                  : page_number(part, strlen(part), &from) && (to = from, true);
        if (!ok)
            snprintf(why, size, "'%s' is not a page or a range of pages (e.g. 15-16,20)", part);
        else if (to < from) {
            snprintf(why, size, "'%s' ends before it starts", part);
            ok = false;
        }
        if (ok) {
            out->from = bx_grow(out->from, &cap_from, out->n + 1, sizeof *out->from);
            out->to = bx_grow(out->to, &cap_to, out->n + 1, sizeof *out->to);
            out->from[out->n] = from;
            out->to[out->n++] = to;
        }
    }
    if (!parts[0])
        snprintf(why, size, "no pages given (e.g. 15-16,20)");
    g_strfreev(parts);
    if (!ok)
        bx_page_set_free(out);
    return ok;
}

bool bx_page_set_has(const bx_page_set *set, int page)
{
    for (size_t i = 0; i < set->n; i++)
        if (page >= set->from[i] && page <= set->to[i])
            return true;
    return false;
}

int *bx_page_set_list(const bx_page_set *set, int n_pages, size_t *n)
{
    int *pages = NULL;
    size_t cap = 0;
    *n = 0;
    for (int p = 1; p <= n_pages; p++)
        if (bx_page_set_has(set, p)) {
            pages = bx_grow(pages, &cap, *n + 1, sizeof *pages);
            pages[(*n)++] = p;
        }
    return pages;
}

void bx_page_set_free(bx_page_set *set)
{
    free(set->from);
    free(set->to);
    memset(set, 0, sizeof *set);
}

static bool table_on_pages(const bx_table *t, const bx_page_set *pages)
{
    for (size_t i = 0; i < t->n_pages; i++)
        if (bx_page_set_has(pages, t->pages[i]))
            return true;
    return false;
}

/* The report-level findings (a required table missing, the contents page,
 * the cover's identity) judge the whole report, which a page selection is
 * not: only the checks of the tables kept remain. */
static void drop_report_findings(bx_report *r)
{
    size_t kept = 0;
    for (size_t i = 0; i < r->n_checks; i++) {
        if (r->checks[i].table >= 0)
            r->checks[kept++] = r->checks[i];
        else
            bx_check_clear(&r->checks[i]);
    }
    r->n_checks = kept;
}

void bx_report_keep_pages(bx_report *r, const bx_page_set *pages)
{
    size_t kept = 0;
    for (size_t i = 0; i < r->n_tables; i++) {
        if (table_on_pages(r->tables[i], pages))
            r->tables[kept++] = r->tables[i];
        else
            bx_table_free(r->tables[i]);
    }
    r->n_tables = kept;
    kept = 0;
    for (size_t i = 0; i < r->n_text; i++) {
        if (bx_page_set_has(pages, r->text[i].page))
            r->text[kept++] = r->text[i];
        else
            free(r->text[i].text);
    }
    r->n_text = kept;
    /* the document (title, department, year) is the whole report's, read
     * from pages the selection may leave out: keep it */
    bx_document whole = r->document;
    memset(&r->document, 0, sizeof r->document);
    bx_report_analyze(r);
    free(r->document.title);
    free(r->document.department);
    r->document = whole;
    drop_report_findings(r);
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

bx_status bx_cli_read_stdin(char **data, size_t *len, bx_error *err)
{
    bx_buf b;
    bx_buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
        bx_buf_append(&b, chunk, n);
    if (ferror(stdin)) {
        bx_buf_free(&b);
        return bx_error_set(err, BX_ERR_IO, "stdin: cannot read (%s)", strerror(errno));
    }
    *len = b.len;
    *data = b.data ? bx_buf_take(&b) : bx_xstrdup("");
    return BX_OK;
}

/* True when the first non-blank byte opens a JSON object. */
static bool opens_json(const char *data, size_t len)
{
    size_t i = 0;
    while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t'))
        i++;
    return i < len && data[i] == '{';
}

/* True when the file's first non-blank byte opens a JSON object. */
static bool looks_like_json(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char head[4096];
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    return opens_json(head, n);
}

static bool has_pdf_header(const char *data, size_t len)
{
    return memmem(data, len < 1024 ? len : 1024, "%PDF-", 5) != NULL;
}

static bx_status build_from_doc(bx_doc *doc, const char *name, bx_report **out, bx_error *err)
{
    bx_status s = bx_report_build(doc, name, out, err);
    bx_doc_free(doc);
    return s;
}

/* Standard input: held in memory, then told apart as a file is. */
static bx_status load_stdin(const char *password, bx_report **out, bx_error *err)
{
    char *data;
    size_t len;
    bx_status s = bx_cli_read_stdin(&data, &len, err);
    if (s != BX_OK)
        return s;
    if (len == 0)
        s = bx_error_set(err, BX_ERR_EMPTY, "stdin: empty input");
    else if (opens_json(data, len))
        s = bx_report_from_json(data, len, "stdin", out, err);
    else if (has_pdf_header(data, len)) {
        bx_doc *doc;
        s = bx_doc_open_data_password(data, len, "stdin", password, &doc, err);
        if (s == BX_OK)
            s = build_from_doc(doc, "stdin", out, err);
    } else {
        char *text = NULL;
        s = bx_text_decode(data, len, &text, err);
        if (s == BX_OK)
            s = bx_report_from_text(text, "stdin", out, err);
        free(text);
        if (s == BX_OK && (*out)->n_tables == 0) {
            bx_report_free(*out);
            *out = NULL;
            s = bx_error_set(err, BX_ERR_NOT_PDF,
                             "stdin: not a PDF, nor our JSON, nor the text of a budget report");
        }
    }
    free(data);
    if (s == BX_OK) /* the readers leave the meaning to bx_report_analyze */
        bx_report_analyze(*out);
    return s;
}

static bx_status load_file(const char *path, const char *password, bx_report **out,
                           bx_error *err)
{
    if (!password || bx_cli_is_dir(path) || looks_like_json(path))
        return bx_report_open(path, 0, out, err);
    bx_doc *doc;
    bx_status s = bx_doc_open_password(path, password, &doc, err);
    if (s == BX_ERR_NOT_PDF) /* a text dump has no password to apply */
        return bx_report_open(path, 0, out, err);
    if (s == BX_OK)
        s = build_from_doc(doc, path, out, err);
    if (s == BX_OK)
        bx_report_analyze(*out);
    return s;
}

bx_status bx_cli_load_report(const char *path, const bx_cli_input *in, bx_report **out,
                             bx_error *err)
{
    *out = NULL;
    const char *password = in ? in->password : NULL;
    bx_status s = strcmp(path, "-") == 0 ? load_stdin(password, out, err)
                                         : load_file(path, password, out, err);
    if (s == BX_OK && in && in->pages)
        bx_report_keep_pages(*out, in->pages);
    return s;
}
