/* bx_export.h: the export stage. One function per format; each writes the
 * whole file under a temporary name and renames it into place, so that a
 * failed or interrupted run never leaves a partial file under the real name.
 * A path of "-" writes to standard output (where the format allows). */
#ifndef BX_EXPORT_H
#define BX_EXPORT_H

#include "bx_common.h"
#include "bx_model.h"

/* FORMAT.md's table JSON (a superset of it). */
bx_status bx_write_json(const bx_report *report, const char *path, bx_error *err);

/* The JSON text itself (malloc'd), for callers that store it elsewhere. */
char *bx_report_to_json(const bx_report *report);

/* Writes `len` bytes to path atomically: a temporary file in the same folder,
 * then rename(2). Shared by every writer. */
bx_status bx_write_file_atomic(const char *path, const char *data, size_t len, bx_error *err);

#endif
