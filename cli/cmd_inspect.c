/* budgetx inspect: a picture of one page with the grids the model found
 * drawn over it (header cells blue, body cells red), to see at a glance
 * why a table came out as it did. */
#include "bx_export.h"
#include "bx_extract.h"
#include "bx_model.h"
#include "cli.h"

#include <cairo.h>
#include <errno.h>
#include <getopt.h>
#include <glib.h>
#include <string.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

static const char usage_text[] =
    "usage: budgetx inspect FILE -p PAGES -o OUT.png [-s SCALE] [--password PW]\n"
    "                       [--max-size SIZE]\n"
    "\n"
    "Draws pages of a PDF (- reads standard input) with every cell budgetx found\n"
    "outlined: header cells blue, body cells red.\n"
    "\n"
    "  -p, --pages LIST     1-based pages: 9, or 15-16,20 (20- runs to the end)\n"
    "  -o, --output OUT     one page: the PNG to write; several: a folder (created\n"
    "                       if needed) receiving OUT/<name>.p<N>.png\n"
    "  -s, --scale X        pixels per point (default 2, at most 8)\n"
    "      --password PW    the password of an encrypted PDF (default:\n"
    "                       $BUDGETX_PASSWORD)\n"
    "      --max-size SIZE  refuse an input larger than SIZE bytes (k, M, G\n"
    "                       suffixes; default 512M; 0 for no limit): exit 2\n";

/* cairo's largest image surface side */
#define MAX_PIXELS 32767

static void draw_cells(cairo_t *cr, const bx_cell_box *cells, size_t n)
{
    cairo_set_line_width(cr, 0.6);
    for (size_t i = 0; i < n; i++) {
        const bx_box *b = &cells[i].box;
        if (cells[i].header)
            cairo_set_source_rgba(cr, 0.1, 0.3, 0.9, 0.8);
        else
            cairo_set_source_rgba(cr, 0.9, 0.1, 0.1, 0.8);
        cairo_rectangle(cr, b->x0 + 0.8, b->y0 + 0.8, b->x1 - b->x0 - 1.6, b->y1 - b->y0 - 1.6);
        cairo_stroke(cr);
    }
}

static cairo_status_t append_png(void *closure, const unsigned char *data, unsigned int len)
{
    bx_buf_append(closure, (const char *)data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* Through the writers' temp file and rename: a PNG cut short by a failure
 * never stands under the name asked for. */
static bx_status write_png(cairo_surface_t *surface, const char *output, bx_error *err)
{
    bx_buf png;
    bx_buf_init(&png);
    bx_status s = cairo_surface_write_to_png_stream(surface, append_png, &png) ==
                          CAIRO_STATUS_SUCCESS
                      ? bx_write_file_atomic(output, png.data, png.len, err)
                      : bx_error_set(err, BX_ERR_IO, "%s: cannot encode PNG", output);
    bx_buf_free(&png);
    return s;
}

/* The picture's size in pixels, checked in floating point before the
 * conversion to int, which overflows (UB) on a huge MediaBox. */
static bx_status pixel_size(const char *input, const bx_page *size, double scale, int *w, int *h,
                            bx_error *err)
{
    double wd = size->width * scale + 0.5, hd = size->height * scale + 0.5;
    if (!(wd >= 1 && hd >= 1 && wd <= MAX_PIXELS && hd <= MAX_PIXELS))
        return bx_error_set(err, BX_ERR_USAGE, "%s: page %d would be %.0f x %.0f pixels; at most %d",
                            input, size->number, wd, hd, MAX_PIXELS);
    *w = (int)wd;
    *h = (int)hd;
    return BX_OK;
}

static bx_status draw(const char *input, bx_doc *doc, const bx_page *size,
                      const bx_cell_box *cells, size_t n, double scale, const char *output,
                      bx_error *err)
{
    int w = 0, h = 0; /* set by pixel_size on success; gcc -O2 cannot tell */
    bx_status s = pixel_size(input, size, scale, &w, &h, err);
    if (s != BX_OK)
        return s;
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    s = bx_doc_render(doc, size->number - 1, cr, err);
    draw_cells(cr, cells, n);
    cairo_destroy(cr);
    if (s == BX_OK)
        s = write_png(surface, output, err);
    cairo_surface_destroy(surface);
    return s;
}

static bx_status inspect_page(const char *input, bx_doc *doc, int page, double scale,
                              const char *output, bx_error *err)
{
    bx_cell_box *cells = NULL;
    size_t n = 0;
    bx_page *size;
    bx_status s = bx_doc_load_page(doc, page - 1, BX_LOAD_DEFAULT, &size, err);
    if (s == BX_OK)
        s = bx_page_cells(doc, page - 1, &cells, &n, err);
    if (s == BX_OK)
        s = draw(input, doc, size, cells, n, scale, output, err);
    if (s == BX_OK)
        printf("%s: page %d: %zu cells\n", input, page, n);
    bx_page_free(size);
    free(cells);
    return s;
}

/* Every page asked for must exist: said with the page count, before any
 * picture is drawn. */
static bx_status pages_exist(const char *input, const bx_page_set *pages, int n_pages,
                             bx_error *err)
{
    for (size_t i = 0; i < pages->n; i++)
        if (pages->from[i] > n_pages || (pages->to[i] != INT_MAX && pages->to[i] > n_pages))
            return bx_error_set(err, BX_ERR_USAGE, "%s: has %d page%s; page %d asked for", input,
                                n_pages, n_pages == 1 ? "" : "s",
                                pages->from[i] > n_pages ? pages->from[i] : pages->to[i]);
    return BX_OK;
}

static bx_status inspect_doc(const char *input, bx_doc *doc, const bx_page_set *set,
                             double scale, const char *output, bx_error *err)
{
    bx_status s = pages_exist(input, set, bx_doc_page_count(doc), err);
    size_t n = 0;
    int *pages = s == BX_OK ? bx_page_set_list(set, bx_doc_page_count(doc), &n) : NULL;
    /* one page: OUT is the picture; several (or OUT/): a folder of them */
    bool folder = n > 1 || g_str_has_suffix(output, "/") || bx_cli_is_dir(output);
    if (s == BX_OK && n > 1 && g_str_has_suffix(output, ".png") && !bx_cli_is_dir(output))
        s = bx_error_set(err, BX_ERR_USAGE, "%zu pages give %zu pictures: -o %s names one; give "
                                            "a folder (-o OUT/)", n, n, output);
    if (s == BX_OK && folder && g_mkdir_with_parents(output, 0777) != 0)
        s = bx_error_set(err, BX_ERR_IO, "%s: cannot create folder (%s)", output,
                         strerror(errno));
    for (size_t i = 0; i < n && s == BX_OK; i++) {
        char ext[32];
        snprintf(ext, sizeof ext, "p%d.png", pages[i]);
        char *png = folder ? bx_cli_output_in_dir(output, input, ext) : bx_xstrdup(output);
        s = inspect_page(input, doc, pages[i], scale, png, err);
        free(png);
    }
    free(pages);
    return s;
}

/* What inspect reads, besides the pages it draws. */
typedef struct {
    const char *password;
    uint64_t max_size; /* --max-size; 0: none */
} inspect_input;

static bx_status inspect(const char *path, const inspect_input *in, const bx_page_set *pages,
                         double scale, const char *output, bx_error *err)
{
    char *data = NULL;
    size_t len = 0;
    bx_doc *doc;
    const char *password = in->password;
    bx_status s = strcmp(path, "-") == 0 ? bx_cli_read_stdin(&data, &len, in->max_size, err)
                                         : bx_cli_check_size(path, in->max_size, err);
    if (s == BX_OK)
        s = data ? bx_doc_open_data_password(data, len, "stdin", password, &doc, err)
                 : bx_doc_open_password(path, password, &doc, err);
    if (s == BX_OK) {
        s = inspect_doc(bx_cli_input_name(path), doc, pages, scale, output, err);
        bx_cli_warn_font_failures(bx_cli_input_name(path), doc, "the pictures");
        bx_doc_free(doc);
    }
    free(data); /* after the document, which reads it */
    return s;
}

int bx_cmd_inspect(int argc, char **argv)
{
    static const struct option opts[] = {{"page", required_argument, 0, 'p'},
                                         {"pages", required_argument, 0, 'p'},
                                         {"output", required_argument, 0, 'o'},
                                         {"scale", required_argument, 0, 's'},
                                         {"password", required_argument, 0, 'P'},
                                         {"max-size", required_argument, 0, 'S'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int c, rc = -1;
    double scale = 2.0;
    const char *output = NULL, *password = NULL;
    uint64_t max_size = BX_CLI_MAX_SIZE;
    bx_page_set pages = {0};
    char why[160];
    while (rc < 0 && (c = getopt_long(argc, argv, "p:o:s:h", opts, NULL)) != -1) {
        switch (c) {
        case 'p':
            bx_page_set_free(&pages);
            if (!bx_page_set_parse(optarg, &pages, why, sizeof why))
                rc = bx_cli_usage_error("inspect", "-p: %s", why);
            break;
        case 'o': output = optarg; break;
        case 's':
            if (!bx_cli_number(optarg, 0, 8, &scale) || scale <= 0)
                rc = bx_cli_usage_error("inspect", "-s '%s': a scale above 0, at most 8",
                                        optarg);
            break;
        case 'P': password = optarg; break;
        case 'S': rc = bx_cli_max_size("inspect", optarg, &max_size); break;
        case 'h': fputs(usage_text, stdout); rc = BX_EXIT_OK; break;
        default: rc = bx_cli_usage_error("inspect", "unknown option or missing value"); break;
        }
    }
    if (rc < 0 && argc - optind != 1)
        rc = bx_cli_usage_error("inspect", "needs one FILE (- for standard input), %s",
                                argc - optind ? "not several" : "none given");
    else if (rc < 0 && pages.n == 0)
        rc = bx_cli_usage_error("inspect", "needs -p PAGES: the pages to draw (e.g. -p 9)");
    else if (rc < 0 && !output)
        rc = bx_cli_usage_error("inspect", "needs -o OUT.png: where to write the picture");
    if (rc < 0) {
        bx_error err;
        bx_error_clear(&err);
        inspect_input in = {bx_cli_password(password), max_size};
        bx_status s = inspect(argv[optind], &in, &pages, scale, output, &err);
        if (s != BX_OK)
            fprintf(stderr, "budgetx: %s\n", err.message);
        rc = bx_cli_exit_code(s);
    }
    bx_page_set_free(&pages);
    return rc;
}
