/* The format table: names, extensions and writers in one place. */
#include "bx_export.h"

#include <glib.h>
#include <string.h>

typedef bx_status (*writer_fn)(const bx_report *, const char *, const bx_write_options *,
                               bx_error *);

static bx_status write_json(const bx_report *r, const char *path, const bx_write_options *o,
                            bx_error *err)
{
    (void)o;
    return bx_write_json(r, path, err);
}

static bx_status write_csv(const bx_report *r, const char *path, const bx_write_options *o,
                           bx_error *err)
{
    return bx_write_csv_options(r, path, o, err);
}

static bx_status write_md(const bx_report *r, const char *path, const bx_write_options *o,
                          bx_error *err)
{
    (void)o;
    return bx_write_md(r, path, err);
}

static bx_status write_xlsx(const bx_report *r, const char *path, const bx_write_options *o,
                            bx_error *err)
{
    (void)o;
    return bx_write_xlsx(r, path, err);
}

static const struct {
    const char *name, *extension;
    bx_output_kind output;
    writer_fn write;
} formats[BX_FORMAT_COUNT] = {
    [BX_FORMAT_JSON] = {"json", "json", BX_OUTPUT_FILE, write_json},
    [BX_FORMAT_CSV] = {"csv", "csv", BX_OUTPUT_FOLDER, write_csv},
    [BX_FORMAT_MD] = {"md", "md", BX_OUTPUT_FILE, write_md},
    [BX_FORMAT_XLSX] = {"xlsx", "xlsx", BX_OUTPUT_FILE, write_xlsx},
    [BX_FORMAT_SQLITE] = {"sqlite", "sqlite", BX_OUTPUT_DATASET, bx_write_sqlite},
};

int bx_format_from_name(const char *name, bx_format *out)
{
    for (int i = 0; i < BX_FORMAT_COUNT; i++)
        if (formats[i].name && g_ascii_strcasecmp(name, formats[i].name) == 0) {
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

bx_output_kind bx_format_output(bx_format format)
{
    return formats[format].output;
}

bx_status bx_write_report(const bx_report *report, bx_format format, const char *path,
                          const bx_write_options *options, bx_error *err)
{
    static const bx_write_options defaults = {0};
    if ((int)format < 0 || format >= BX_FORMAT_COUNT || !formats[format].write)
        return bx_error_set(err, BX_ERR_USAGE, "unknown output format");
    return formats[format].write(report, path, options ? options : &defaults, err);
}
