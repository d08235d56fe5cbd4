/* budgetx inspect: a picture of one page with the grids the model found
 * drawn over it (header cells blue, body cells red), to see at a glance
 * why a table came out as it did. */
#include "bx_export.h"
#include "bx_extract.h"
#include "bx_model.h"
#include "cli.h"

#include <cairo.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

static const char usage_text[] =
    "usage: budgetx inspect FILE -p PAGE -o OUT.png [-s SCALE]\n"
    "\n"
    "  -p, --page N     1-based page number\n"
    "  -o, --output F   the PNG to write\n"
    "  -s, --scale X    pixels per point (default 2)\n";

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

static bx_status inspect(const char *input, int page, double scale, const char *output,
                         bx_error *err)
{
    bx_doc *doc;
    bx_status s = bx_doc_open(input, &doc, err);
    if (s != BX_OK)
        return s;
    bx_cell_box *cells = NULL;
    size_t n = 0;
    bx_page *size;
    s = bx_doc_load_page(doc, page - 1, BX_LOAD_DEFAULT, &size, err);
    if (s == BX_OK)
        s = bx_page_cells(doc, page - 1, &cells, &n, err);
    if (s == BX_OK)
        s = draw(input, doc, size, cells, n, scale, output, err);
    if (s == BX_OK)
        printf("%s: page %d: %zu cells\n", input, page, n);
    bx_page_free(size);
    free(cells);
    bx_doc_free(doc);
    return s;
}

int bx_cmd_inspect(int argc, char **argv)
{
    static const struct option opts[] = {{"page", required_argument, 0, 'p'},
                                         {"output", required_argument, 0, 'o'},
                                         {"scale", required_argument, 0, 's'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int page = 0, c;
    double scale = 2.0;
    const char *output = NULL;
    bool ok = true;
    while ((c = getopt_long(argc, argv, "p:o:s:h", opts, NULL)) != -1) {
        switch (c) {
        case 'p': ok = bx_cli_int(optarg, 1, INT_MAX, &page) && ok; break;
        case 'o': output = optarg; break;
        case 's': ok = bx_cli_number(optarg, 0, 8, &scale) && ok; break;
        case 'h': fputs(usage_text, stdout); return BX_EXIT_OK;
        default: fputs(usage_text, stderr); return BX_EXIT_USAGE;
        }
    }
    if (!ok || argc - optind != 1 || page < 1 || !output || scale <= 0) {
        fputs(usage_text, stderr);
        return BX_EXIT_USAGE;
    }
    bx_error err;
    bx_error_clear(&err);
    bx_status s = inspect(argv[optind], page, scale, output, &err);
    if (s != BX_OK)
        fprintf(stderr, "budgetx: %s\n", err.message);
    return bx_cli_exit_code(s);
}
