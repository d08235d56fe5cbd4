/* The format table: names, extensions and writers in one place. */
#include "bx_export.h"

#include <string.h>

typedef bx_status (*writer_fn)(const bx_report *, const char *, const bx_write_options *,
                               bx_error *);

static bx_status write_json(const bx_report *r, const char *path, const bx_write_options *o,
                            bx_error *err)
{
    (void)o;
    return bx_write_json(r, path, err);
}

static const struct {
    const char *name, *extension;
    writer_fn write;
} formats[BX_FORMAT_COUNT] = {
    [BX_FORMAT_JSON] = {"json", "json", write_json},
};

int bx_format_from_name(const char *name, bx_format *out)
{
    for (int i = 0; i < BX_FORMAT_COUNT; i++)
        if (formats[i].name && strcmp(name, formats[i].name) == 0) {
            *out = (bx_format)i;
            return 0;
        }
    return -1;
}

const char *bx_format_name(bx_format format)
{
    return formats[format].name;
}

const char *bx_format_extension(bx_format format)
{
    return formats[format].extension;
}

bx_status bx_write_report(const bx_report *report, bx_format format, const char *path,
                          const bx_write_options *options, bx_error *err)
{
    static const bx_write_options defaults = {0};
    if ((int)format < 0 || format >= BX_FORMAT_COUNT || !formats[format].write)
        return bx_error_set(err, BX_ERR_USAGE, "unknown output format");
    return formats[format].write(report, path, options ? options : &defaults, err);
}
