/* Opening PDFs with Poppler GLib and reading one page at a time. */
#define _GNU_SOURCE
#include "bx_extract.h"
#include "ocr_private.h"
#include "paths_private.h"

#include <dlfcn.h>
#include <errno.h>
#include <poppler.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct bx_doc {
    PopplerDocument *poppler;
    char *name;
    char *warning;
    int n_pages;
    unsigned font_failures; /* fonts bx_doc_render could not load */
    bx_ocr_mode ocr_mode;
    bx_ocr *ocr;       /* when ocr_mode asks for it */
    char *ocr_problem; /* why it cannot */
};

/* Poppler prints its syntax warnings straight to stderr. Its C++ core has a
 * process-wide callback for them, not exposed through GLib; we install a
 * silent one once (when the symbol is there) so the CLI's output stays ours. */
static void quiet_poppler_errors(void *category, long long pos, const char *msg)
{
    (void)category;
    (void)pos;
    (void)msg;
}

static void install_quiet_callback(void)
{
    typedef void (*set_cb)(void (*)(void *, long long, const char *));
    set_cb set = (set_cb)dlsym(RTLD_DEFAULT, "_Z16setErrorCallbackPFv13ErrorCategoryxPKcE");
    if (set)
        set(quiet_poppler_errors);
}

static pthread_once_t quiet_once = PTHREAD_ONCE_INIT;

static int has_pdf_header(const char *data, size_t len)
{
    /* The spec wants %PDF- first, readers accept it within the first KiB. */
    size_t n = len < 1024 ? len : 1024;
    return n >= 5 && memmem(data, n, "%PDF-", 5) != NULL;
}

static int looks_truncated(const char *data, size_t len)
{
    size_t n = len < 2048 ? len : 2048;
    return memmem(data + len - n, n, "%%EOF", 5) == NULL;
}

static bx_status map_poppler_error(GError *gerr, const char *name, const char *password,
                                   bx_error *err)
{
    if (gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED)
        return bx_error_set(err, BX_ERR_ENCRYPTED, "%s: encrypted PDF (%s)", name,
                            password ? "wrong password" : "needs a password: --password");
    return bx_error_set(err, BX_ERR_DAMAGED, "%s: damaged PDF (%s)", name,
                        gerr ? gerr->message : "Poppler could not read it");
}

/* Poppler keeps a reference to `bytes` for the document's lifetime. */
/* Poppler 22's poppler_document_new_from_bytes retries a refused password
 * on a stream its first attempt has freed, and crashes: with a password the
 * document is opened from a file instead (`file`, the same bytes). */
static PopplerDocument *poppler_open(GBytes *bytes, const char *file, const char *password,
                                     GError **gerr)
{
    if (!password || !file)
        return poppler_document_new_from_bytes(bytes, password, gerr);
    gchar *absolute = g_canonicalize_filename(file, NULL);
    gchar *uri = g_filename_to_uri(absolute, NULL, gerr);
    g_free(absolute);
    PopplerDocument *pd = uri ? poppler_document_new_from_file(uri, password, gerr) : NULL;
    g_free(uri);
    return pd;
}

static bx_status open_bytes(GBytes *bytes, const char *name, const char *file,
                            const char *password, bx_doc **out, bx_error *err)
{
    *out = NULL;
    pthread_once(&quiet_once, install_quiet_callback);
    gsize len = 0;
    const char *data = g_bytes_get_data(bytes, &len);
    if (len == 0)
        return bx_error_set(err, BX_ERR_EMPTY, "%s: empty file", name);
    if (!has_pdf_header(data, len))
        return bx_error_set(err, BX_ERR_NOT_PDF, "%s: not a PDF (no %%PDF- header)", name);
    if (!bx_paths_active())
        return bx_error_set(err, BX_ERR_USAGE,
                            "%s: this program cannot see ruling lines: libcairo comes before "
                            "libbudgetx in its link order (link libbudgetx first; see budgetx.h)",
                            name);
    GError *gerr = NULL;
    PopplerDocument *pd = poppler_open(bytes, file, password, &gerr);
    if (!pd) {
        bx_status st = map_poppler_error(gerr, name, password, err);
        g_clear_error(&gerr);
        return st;
    }
    bx_doc *doc = bx_xcalloc(1, sizeof *doc);
    doc->poppler = pd;
    doc->name = bx_xstrdup(name);
    doc->n_pages = poppler_document_get_n_pages(pd);
    if (doc->n_pages <= 0) {
        bx_doc_free(doc);
        return bx_error_set(err, BX_ERR_DAMAGED, "%s: damaged PDF (no pages)", name);
    }
    if (looks_truncated(data, len))
        doc->warning = bx_xstrdup("no %EOF marker: the file looks truncated; "
                                  "read what Poppler could recover");
    *out = doc;
    return BX_OK;
}

bx_status bx_doc_open_data(const char *data, size_t len, const char *name, bx_doc **out,
                           bx_error *err)
{
    return bx_doc_open_data_password(data, len, name, NULL, out, err);
}

bx_status bx_doc_open_data_password(const char *data, size_t len, const char *name,
                                    const char *password, bx_doc **out, bx_error *err)
{
    GBytes *bytes = g_bytes_new_static(data, len);
    /* a password needs a file (poppler_open): a private copy, unlinked at
     * once (Poppler holds it open) */
    gchar *file = NULL;
    int fd = password ? g_file_open_tmp("budgetx-XXXXXX.pdf", &file, NULL) : -1;
    if (fd >= 0) {
        bool written = write(fd, data, len) == (ssize_t)len;
        close(fd);
        if (!written) {
            unlink(file);
            g_clear_pointer(&file, g_free);
        }
    }
    bx_status s = password && !file
                      ? bx_error_set(err, BX_ERR_IO, "%s: cannot hold a copy to decrypt", name)
                      : open_bytes(bytes, name, file, password, out, err);
    if (file)
        unlink(file);
    g_free(file);
    g_bytes_unref(bytes);
    return s;
}

static bx_status check_path(const char *path, struct stat *st, bx_error *err)
{
    if (stat(path, st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return bx_error_set(err, BX_ERR_MISSING, "%s: no such file", path);
        return bx_error_set(err, BX_ERR_IO, "%s: %s", path, strerror(errno));
    }
    if (S_ISDIR(st->st_mode))
        return bx_error_set(err, BX_ERR_NOT_FILE, "%s: is a directory, not a PDF", path);
    if (!S_ISREG(st->st_mode))
        return bx_error_set(err, BX_ERR_NOT_FILE, "%s: not a regular file", path);
    if (st->st_size == 0)
        return bx_error_set(err, BX_ERR_EMPTY, "%s: empty file", path);
    return BX_OK;
}

bx_status bx_doc_open(const char *path, bx_doc **out, bx_error *err)
{
    return bx_doc_open_password(path, NULL, out, err);
}

bx_status bx_doc_open_password(const char *path, const char *password, bx_doc **out,
                               bx_error *err)
{
    *out = NULL;
    struct stat st;
    bx_status s = check_path(path, &st, err);
    if (s != BX_OK)
        return s;
    GError *gerr = NULL;
    GMappedFile *map = g_mapped_file_new(path, FALSE, &gerr);
    if (!map) {
        s = bx_error_set(err, BX_ERR_IO, "%s: cannot read (%s)", path, gerr->message);
        g_clear_error(&gerr);
        return s;
    }
    /* The GBytes owns the mapping; Poppler holds its own reference. */
    GBytes *bytes = g_mapped_file_get_bytes(map);
    g_mapped_file_unref(map);
    s = open_bytes(bytes, path, path, password, out, err);
    g_bytes_unref(bytes);
    return s;
}

int bx_doc_page_count(const bx_doc *doc)
{
    return doc->n_pages;
}

const char *bx_doc_warning(const bx_doc *doc)
{
    return doc->warning;
}

static unsigned intern_font(bx_page *page, size_t *cap, const char *name)
{
    if (!name)
        name = "";
    for (size_t i = 0; i < page->n_fonts; i++)
        if (strcmp(page->fonts[i], name) == 0)
            return (unsigned)i;
    page->fonts = bx_grow(page->fonts, cap, page->n_fonts + 1, sizeof *page->fonts);
    page->fonts[page->n_fonts] = bx_xstrdup(name);
    return (unsigned)page->n_fonts++;
}

/* Glyphs from the text layer: poppler_page_get_text gives the characters and
 * _get_text_layout one rectangle per character in the same order; the text
 * attributes give font name and size per character range. */
static void load_glyphs(PopplerPage *pp, bx_page *page)
{
    char *text = poppler_page_get_text(pp);
    PopplerRectangle *rects = NULL;
    guint n_rects = 0;
    if (!text || !poppler_page_get_text_layout(pp, &rects, &n_rects)) {
        g_free(text);
        return;
    }
    GList *attrs = poppler_page_get_text_attributes(pp);
    GList *attr = attrs;
    size_t cap = 0, font_cap = 0;
    const char *p = text;
    for (guint i = 0; i < n_rects && *p; i++) {
        const char *next = g_utf8_next_char(p);
        size_t len = (size_t)(next - p);
        gunichar ch = g_utf8_get_char(p);
        while (attr && ((PopplerTextAttributes *)attr->data)->end_index < (int)i)
            attr = attr->next;
        if (!g_unichar_isspace(ch) && len < sizeof page->glyphs[0].text) {
            page->glyphs = bx_grow(page->glyphs, &cap, page->n_glyphs + 1, sizeof *page->glyphs);
            bx_glyph *g = &page->glyphs[page->n_glyphs++];
            memcpy(g->text, p, len);
            g->text[len] = '\0';
            g->box = (bx_box){rects[i].x1, rects[i].y1, rects[i].x2, rects[i].y2};
            PopplerTextAttributes *a = attr ? attr->data : NULL;
            int inside = a && a->start_index <= (int)i;
            g->size = inside ? (float)a->font_size : 0.0f;
            g->font = intern_font(page, &font_cap, inside ? a->font_name : NULL);
        }
        p = next;
    }
    poppler_page_free_text_attributes(attrs);
    g_free(rects);
    g_free(text);
}

static void load_rules(PopplerPage *pp, bx_page *page)
{
    bx_rule_sink sink = {0};
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    cairo_t *cr = cairo_create(surface);
    bx_paths_observe(cr, &sink);
    bx_paths_begin();
    poppler_page_render(pp, cr);
    bx_paths_end();
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    /* Keep what can be seen: a spread printed over two pages draws its other
     * half off the page, where no text of it is either. */
    size_t n = 0;
    for (size_t i = 0; i < sink.n; i++) {
        bx_rule r = sink.rules[i];
        double extent = r.dir == BX_RULE_H ? page->width : page->height;
        double across = r.dir == BX_RULE_H ? page->height : page->width;
        if (r.pos < 0 || r.pos > across || r.to < 0 || r.from > extent)
            continue;
        r.from = r.from < 0 ? 0 : r.from;
        r.to = r.to > extent ? extent : r.to;
        sink.rules[n++] = r;
    }
    page->rules = sink.rules;
    page->n_rules = n;
}

/* Poppler's page `index` (0-based). */
static bx_status get_page(bx_doc *doc, int index, PopplerPage **out, bx_error *err)
{
    *out = NULL;
    if (index < 0 || index >= doc->n_pages)
        return bx_error_set(err, BX_ERR_USAGE, "%s: no page %d", doc->name, index + 1);
    *out = poppler_document_get_page(doc->poppler, index);
    if (!*out)
        return bx_error_set(err, BX_ERR_DAMAGED, "%s: page %d cannot be read", doc->name,
                            index + 1);
    return BX_OK;
}

bx_status bx_doc_load_page(bx_doc *doc, int index, unsigned flags, bx_page **out, bx_error *err)
{
    *out = NULL;
    PopplerPage *pp;
    bx_status s = get_page(doc, index, &pp, err);
    if (s != BX_OK)
        return s;
    bx_page *page = bx_xcalloc(1, sizeof *page);
    page->number = index + 1;
    poppler_page_get_size(pp, &page->width, &page->height);
    if (flags & BX_LOAD_RULES_ALWAYS) {
        /* Rendering first lets Poppler build the page's text layer during
         * the same pass (poppler-glib keeps it for get_text): one content
         * stream walk instead of two. */
        load_rules(pp, page);
        load_glyphs(pp, page);
    } else {
        load_glyphs(pp, page);
        if (page->n_glyphs > 0)
            load_rules(pp, page);
    }
    /* OCR: a picture without a text layer, a text layer that does not
     * decode (its fonts carry no usable map to Unicode), or any page when
     * asked */
    if (doc->ocr && (doc->ocr_mode == BX_OCR_ALWAYS ||
                     (page->n_glyphs == 0 && bx_ocr_page_has_picture(pp)) ||
                     bx_ocr_text_undecodable(page)))
        bx_ocr_page(doc->ocr, pp, page);
    g_object_unref(pp);
    *out = page;
    return BX_OK;
}

void bx_doc_set_ocr(bx_doc *doc, bx_ocr_mode mode)
{
    bx_ocr_free(doc->ocr);
    doc->ocr = NULL;
    g_clear_pointer(&doc->ocr_problem, free);
    doc->ocr_mode = mode;
    char why[512];
    if (mode != BX_OCR_NEVER && !(doc->ocr = bx_ocr_new(why, sizeof why))) {
        doc->ocr_problem = bx_xstrdup(why);
        doc->ocr_mode = BX_OCR_NEVER;
    }
}

const char *bx_doc_ocr_problem(const bx_doc *doc)
{
    return doc->ocr_problem;
}

bx_status bx_doc_render(bx_doc *doc, int index, cairo_t *cr, bx_error *err)
{
    PopplerPage *pp;
    bx_status s = get_page(doc, index, &pp, err);
    if (s != BX_OK)
        return s;
    bx_paths_quiet_begin();
    poppler_page_render(pp, cr);
    doc->font_failures += bx_paths_quiet_end();
    g_object_unref(pp);
    return BX_OK;
}

unsigned bx_doc_font_failures(const bx_doc *doc)
{
    return doc->font_failures;
}

bx_status bx_doc_page_size(bx_doc *doc, int index, double *width, double *height, bx_error *err)
{
    PopplerPage *pp;
    bx_status s = get_page(doc, index, &pp, err);
    if (s != BX_OK)
        return s;
    poppler_page_get_size(pp, width, height);
    g_object_unref(pp);
    return BX_OK;
}

void bx_page_free(bx_page *page)
{
    if (!page)
        return;
    for (size_t i = 0; i < page->n_fonts; i++)
        free(page->fonts[i]);
    free(page->fonts);
    free(page->glyphs);
    free(page->rules);
    free(page->weak_digits);
    free(page);
}

void bx_doc_free(bx_doc *doc)
{
    if (!doc)
        return;
    if (doc->poppler)
        g_object_unref(doc->poppler);
    bx_ocr_free(doc->ocr);
    free(doc->ocr_problem);
    free(doc->name);
    free(doc->warning);
    free(doc);
}
