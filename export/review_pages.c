/* Page images for the review pages: Poppler renders the page through cairo,
 * and libpng writes it as a grey PNG of a few bits per pixel. Tables are
 * black text on white, so 4 grey levels keep anti-aliased glyphs readable
 * at a quarter of 8-bit grey's size: a 392-page report stays under 30 MB. */
#include "review_html.h"

#include <cairo.h>
#include <png.h>
#include <stdlib.h>
#include <string.h>

/* cairo's largest image surface side */
#define MAX_PIXELS 32767

static void append_png(png_structp png, png_bytep data, png_size_t len)
{
    bx_buf_append(png_get_io_ptr(png), (const char *)data, len);
}

static void flush_png(png_structp png) { (void)png; }

/* One row of RGB24 pixels as grey of `bits` bits, packed high bit first. */
static void pack_row(const unsigned char *rgb, int w, int bits, unsigned char *out)
{
    int levels = (1 << bits) - 1, per_byte = 8 / bits;
    memset(out, 0, (size_t)(w + per_byte - 1) / (size_t)per_byte);
    for (int x = 0; x < w; x++) {
        const unsigned char *p = rgb + 4 * x; /* B, G, R, unused on little-endian */
        unsigned grey = (p[0] * 29u + p[1] * 150u + p[2] * 77u) >> 8;
        unsigned q = (grey * (unsigned)levels + 127) / 255;
        out[x / per_byte] |= (unsigned char)(q << (8 - bits * (x % per_byte + 1)));
    }
}

static int encode(cairo_surface_t *s, int bits, bx_buf *out)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        return 0;
    }
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    unsigned char *row = bx_xmalloc((size_t)w + 8);
    /* libpng reports errors by longjmp: nothing below allocates but row */
    if (setjmp(png_jmpbuf(png))) {
        free(row);
        png_destroy_write_struct(&png, &info);
        return 0;
    }
    png_set_write_fn(png, out, append_png, flush_png);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, bits, PNG_COLOR_TYPE_GRAY,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, 9);
    png_write_info(png, info);
    const unsigned char *data = cairo_image_surface_get_data(s);
    for (int y = 0; y < h; y++) {
        pack_row(data + (size_t)y * (size_t)stride, w, bits, row);
        png_write_row(png, row);
    }
    png_write_end(png, info);
    free(row);
    png_destroy_write_struct(&png, &info);
    return 1;
}

bx_status rv_render_page(bx_doc *doc, int page, double dpi, int bits, const char *path,
                         rv_page_size *size, bx_error *err)
{
    bx_status s = bx_doc_page_size(doc, page - 1, &size->width, &size->height, err);
    if (s != BX_OK)
        return s;
    double scale = dpi / 72.0, wd = size->width * scale + 0.5, hd = size->height * scale + 0.5;
    if (!(wd >= 1 && hd >= 1 && wd <= MAX_PIXELS && hd <= MAX_PIXELS))
        return bx_error_set(err, BX_ERR_DAMAGED, "page %d would be %.0f x %.0f pixels", page, wd,
                            hd);
    size->pixels_w = (int)wd;
    size->pixels_h = (int)hd;
    cairo_surface_t *surface =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, size->pixels_w, size->pixels_h);
    cairo_t *cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    s = bx_doc_render(doc, page - 1, cr, err);
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    bx_buf png;
    bx_buf_init(&png);
    if (s == BX_OK)
        s = encode(surface, bits, &png) ? bx_write_file_atomic(path, png.data, png.len, err)
                                        : bx_error_set(err, BX_ERR_IO, "%s: cannot encode PNG", path);
    bx_buf_free(&png);
    cairo_surface_destroy(surface);
    return s;
}
