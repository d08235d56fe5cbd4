/* bx_export.h: the export stage. One function per format; each writes the
 * whole file under a temporary name and renames it into place, so that a
 * failed or interrupted run never leaves a partial file under the real name.
 * A path of "-" writes to standard output (where the format allows).
 *
 *     bx_write_report(report, BX_FORMAT_JSON, "out.json", NULL, &err);
 */
#ifndef BX_EXPORT_H
#define BX_EXPORT_H

#include "bx_common.h"
#include "bx_model.h"

#include <stdbool.h>

typedef enum {
    BX_FORMAT_JSON, /* FORMAT.md's table JSON (a superset of it) */
    BX_FORMAT_COUNT
} bx_format;

/* Options shared by the writers; a zeroed struct (or NULL) is the default. */
typedef struct {
    bool bom; /* CSV: start each file with a UTF-8 byte order mark (for Excel) */
} bx_write_options;

/* "json" -> BX_FORMAT_JSON ...; returns 0 and sets *out, or -1 when unknown. */
int bx_format_from_name(const char *name, bx_format *out);
const char *bx_format_name(bx_format format);
/* The file name extension the format writes ("json"). */
const char *bx_format_extension(bx_format format);

/* Writes the report in the given format to path. */
bx_status bx_write_report(const bx_report *report, bx_format format, const char *path,
                          const bx_write_options *options, bx_error *err);

bx_status bx_write_json(const bx_report *report, const char *path, bx_error *err);

/* The JSON text itself (malloc'd), for callers that store it elsewhere. */
char *bx_report_to_json(const bx_report *report);

/* The checks alone: {source, document, checks, summary} (malloc'd). */
char *bx_checks_to_json(const bx_report *report);

/* Writes `len` bytes to path atomically: a temporary file in the same folder,
 * then rename(2). Shared by every writer. */
bx_status bx_write_file_atomic(const char *path, const char *data, size_t len, bx_error *err);

#endif
