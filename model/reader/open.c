/* bx_report_open: the one place that tells an input apart by its content
 * (our table JSON, a PDF, a text dump), reads it with its reader and runs
 * the analysis once. The readers themselves never analyse. Files and bytes
 * in memory (standard input, a binding's buffer) take the same path: the
 * kind is told from the first bytes, never from the name. */
#define _GNU_SOURCE /* memmem */
#include "bx_checks.h"
#include "bx_normalize.h"
#include "bx_pdf.h"
#include "bx_reader.h"
#include "bx_textdump.h"

#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* True when the first non-blank byte opens a JSON object. */
static int opens_json(const char *data, size_t len)
{
    size_t i = 0;
    while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t'))
        i++;
    return i < len && data[i] == '{';
}

/* The first bytes of a file (0 when it cannot be read, or is a folder):
 * enough to tell JSON, PDF and binary apart before reading it whole. */
#define HEAD_SIZE 4096
static size_t read_head(const char *path, char head[HEAD_SIZE])
{
    FILE *f = is_dir(path) ? NULL : fopen(path, "rb");
    if (!f)
        return 0;
    size_t n = fread(head, 1, HEAD_SIZE, f);
    fclose(f);
    return n;
}

static int has_pdf_header(const char *data, size_t len)
{
    return memmem(data, len < 1024 ? len : 1024, "%PDF-", 5) != NULL;
}

static bx_status not_a_report(const char *name, bx_error *err)
{
    return bx_error_set(err, BX_ERR_NOT_PDF,
                        "%s: not a PDF (no %%PDF- header), nor the text of a budget report", name);
}

/* Bytes without a PDF header read as a text dump. When they are not text,
 * or text without a single table (a web page saved as .pdf, a letter), the
 * input was not meant as a report's dump: say what it is not. */
static bx_status read_text(const char *bytes, size_t len, const char *name, bx_report **out,
                           bx_error *err)
{
    char *text = NULL;
    bx_error ignored;
    if (bx_text_decode(bytes, len, &text, &ignored) != BX_OK)
        return not_a_report(name, err);
    bx_status s = bx_report_from_text(text, name, out, err);
    free(text);
    if (s == BX_OK && (*out)->n_tables == 0) {
        bx_report_free(*out);
        *out = NULL;
        return not_a_report(name, err);
    }
    return s;
}

static bx_status read_doc(bx_status opened, bx_doc *doc, const char *name, unsigned flags,
                          bx_report **out, bx_error *err)
{
    if (opened != BX_OK)
        return opened;
    bx_doc_set_ocr(doc, flags & BX_OPEN_OCR_ALWAYS ? BX_OCR_ALWAYS
                        : flags & BX_OPEN_OCR_AUTO ? BX_OCR_AUTO
                                                   : BX_OCR_NEVER);
    bx_status s = bx_report_build(doc, name, out, err);
    bx_doc_free(doc);
    return s;
}

static bx_status too_large(const char *name, uint64_t size, uint64_t max, bx_error *err)
{
    return bx_error_set(err, BX_ERR_TOO_LARGE,
                        "%s: %" PRIu64 " bytes, over the size limit of %" PRIu64 " bytes", name,
                        size, max);
}

static bx_status read_file(const char *path, const char *password, unsigned flags,
                           bx_report **out, bx_error *err)
{
    gchar *bytes = NULL;
    gsize len = 0;
    char head[HEAD_SIZE];
    size_t n_head = read_head(path, head);
    if (opens_json(head, n_head)) {
        if (!g_file_get_contents(path, &bytes, &len, NULL))
            return bx_error_set(err, BX_ERR_IO, "%s: cannot read", path);
        bx_status s = bx_report_from_json(bytes, len, path, out, err);
        g_free(bytes);
        return s;
    }
    bx_doc *doc = NULL;
    bx_status s = password ? bx_doc_open_password(path, password, &doc, err)
                           : bx_doc_open(path, &doc, err);
    if (s != BX_ERR_NOT_PDF) /* a PDF, or unusable as one */
        return read_doc(s, doc, path, flags, out, err);
    /* no PDF header: perhaps a text dump (which has no password to apply);
     * err keeps "not a PDF" when it is not one */
    /* a NUL in the first bytes is binary, not a text dump (UTF-8 or
     * GB18030): not worth reading whole to find out */
    if (memchr(head, '\0', n_head))
        return not_a_report(path, err);
    if (!g_file_get_contents(path, &bytes, &len, NULL))
        return s;
    s = read_text(bytes, len, path, out, err);
    g_free(bytes);
    return s;
}

static bx_status read_data(const char *data, size_t len, const char *name, const char *password,
                           unsigned flags, bx_report **out, bx_error *err)
{
    if (len == 0)
        return bx_error_set(err, BX_ERR_EMPTY, "%s: empty input", name);
    if (opens_json(data, len))
        return bx_report_from_json(data, len, name, out, err);
    if (has_pdf_header(data, len)) {
        bx_doc *doc = NULL;
        bx_status s = password ? bx_doc_open_data_password(data, len, name, password, &doc, err)
                               : bx_doc_open_data(data, len, name, &doc, err);
        return read_doc(s, doc, name, flags, out, err);
    }
    return read_text(data, len, name, out, err);
}

/* What every reading does once the tables are read: the meaning and the
 * checks, then the page selection (which keeps the whole report's document
 * and recomputes the rest for the tables kept). */
static bx_status finish(bx_status s, const bx_open_options *opt, bx_report **out)
{
    if (s != BX_OK)
        return s;
    bool analyze = !(opt && (opt->flags & BX_OPEN_NO_ANALYSIS));
    if (analyze) {
        bx_report_analyze(*out);
        /* OCRed digits the arithmetic proves: offered, applied when asked */
        bx_report_ocr_corrections(*out);
        if (opt && (opt->flags & BX_OPEN_OCR_CORRECT))
            bx_report_apply_corrections(*out);
    }
    if (opt && opt->pages)
        bx_report_keep_pages(*out, opt->pages, analyze);
    return BX_OK;
}

bx_status bx_report_open_with(const char *path, const bx_open_options *opt, bx_report **out,
                              bx_error *err)
{
    *out = NULL;
    struct stat st;
    if (opt && opt->max_size && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
        (uint64_t)st.st_size > opt->max_size)
        return too_large(path, (uint64_t)st.st_size, opt->max_size, err);
    unsigned flags = opt ? opt->flags : 0;
    return finish(read_file(path, opt ? opt->password : NULL, flags, out, err), opt, out);
}

bx_status bx_report_open_data(const char *data, size_t len, const char *name,
                              const bx_open_options *opt, bx_report **out, bx_error *err)
{
    *out = NULL;
    if (opt && opt->max_size && len > opt->max_size)
        return too_large(name, len, opt->max_size, err);
    unsigned flags = opt ? opt->flags : 0;
    return finish(read_data(data, len, name, opt ? opt->password : NULL, flags, out, err), opt,
                  out);
}

bx_status bx_report_open(const char *path, unsigned flags, bx_report **out, bx_error *err)
{
    bx_open_options opt = {.flags = flags};
    return bx_report_open_with(path, &opt, out, err);
}
