/* bx_report_open: the one place that tells an input apart by its content
 * (our table JSON, a PDF, a text dump), reads it with its reader and runs
 * the analysis once. The readers themselves never analyse. */
#include "bx_checks.h"
#include "bx_normalize.h"
#include "bx_pdf.h"
#include "bx_reader.h"
#include "bx_textdump.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* True when the file's first non-blank byte opens a JSON object. */
static int looks_like_json(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    int c;
    do
        c = fgetc(f);
    while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
    fclose(f);
    return c == '{';
}

static bx_status open_json(const char *path, bx_report **out, bx_error *err)
{
    gchar *text = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &text, &len, NULL))
        return bx_error_set(err, BX_ERR_IO, "%s: cannot read", path);
    bx_status s = bx_report_from_json(text, len, path, out, err);
    g_free(text);
    return s;
}

/* The file at path read as a text dump, after bx_doc_open found no PDF
 * header. When it is not text, returns BX_ERR_NOT_PDF and leaves err as
 * bx_doc_open set it. */
static bx_status open_text(const char *path, bx_report **out, bx_error *err)
{
    gchar *bytes = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &bytes, &len, NULL))
        return BX_ERR_NOT_PDF;
    char *text = NULL;
    bx_error ignored;
    bx_status s = bx_text_decode(bytes, len, &text, &ignored);
    g_free(bytes);
    if (s != BX_OK)
        return BX_ERR_NOT_PDF; /* err still says "not a PDF" */
    s = bx_report_from_text(text, path, out, err);
    free(text);
    if (s == BX_OK && (*out)->n_tables == 0) {
        /* text without a single table (a web page saved as .pdf, a letter)
         * was not meant as a report's dump: say what it is not */
        bx_report_free(*out);
        *out = NULL;
        return bx_error_set(err, BX_ERR_NOT_PDF,
                            "%s: not a PDF (no %%PDF- header), nor the text of a budget report",
                            path);
    }
    return s;
}

static bx_status open_pdf_or_text(const char *path, bx_report **out, bx_error *err)
{
    bx_doc *doc;
    bx_status s = bx_doc_open(path, &doc, err);
    if (s == BX_ERR_NOT_PDF) /* no PDF header: perhaps a text dump */
        return open_text(path, out, err);
    if (s != BX_OK)
        return s;
    s = bx_report_build(doc, path, out, err);
    bx_doc_free(doc);
    return s;
}

bx_status bx_report_open(const char *path, unsigned flags, bx_report **out, bx_error *err)
{
    *out = NULL;
    bx_status s = !is_dir(path) && looks_like_json(path) ? open_json(path, out, err)
                                                         : open_pdf_or_text(path, out, err);
    if (s == BX_OK && !(flags & BX_OPEN_NO_ANALYSIS))
        bx_report_analyze(*out);
    return s;
}
