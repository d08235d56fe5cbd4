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
    BX_FORMAT_JSON,   /* FORMAT.md's table JSON (a superset of it) */
    BX_FORMAT_CSV,    /* one RFC 4180 file per table, in a folder */
    BX_FORMAT_MD,     /* Markdown tables, for reading and diffing */
    BX_FORMAT_XLSX,   /* a workbook: a contents sheet, then one sheet per table */
    BX_FORMAT_SQLITE, /* a dataset of many documents, updated in place */
    BX_FORMAT_COUNT
} bx_format;

/* What the output path names for a format. */
typedef enum {
    BX_OUTPUT_FILE,    /* one file per document ("-": standard output) */
    BX_OUTPUT_FOLDER,  /* a folder that receives several files per document */
    BX_OUTPUT_DATASET  /* one file shared by every document, updated in place */
} bx_output_kind;

/* Options shared by the writers; a zeroed struct (or NULL) is the default. */
typedef struct {
    bool bom; /* CSV: start each file with a UTF-8 byte order mark (for Excel) */
    /* SQLite: the report's input file, whose SHA-256 keys the document;
     * input_sha256 (64 hex digits) saves hashing it again when known. */
    const char *input_path;
    const char *input_sha256;
} bx_write_options;

/* "json" -> BX_FORMAT_JSON ...; returns 0 and sets *out, or -1 when unknown. */
int bx_format_from_name(const char *name, bx_format *out);
const char *bx_format_name(bx_format format);
/* The file name extension the format writes ("json"). */
const char *bx_format_extension(bx_format format);
bx_output_kind bx_format_output(bx_format format);

/* Writes the report in the given format to path. */
bx_status bx_write_report(const bx_report *report, bx_format format, const char *path,
                          const bx_write_options *options, bx_error *err);

bx_status bx_write_json(const bx_report *report, const char *path, bx_error *err);

/* OUT/<source stem>.<n>.<kind>.csv for every table (n from 1). */
bx_status bx_write_csv(const bx_report *report, const char *folder, bool bom, bx_error *err);
bx_status bx_write_md(const bx_report *report, const char *path, bx_error *err);
bx_status bx_write_xlsx(const bx_report *report, const char *path, bx_error *err);

/* --- The SQLite dataset (schema in README.md) ---------------------------- */

typedef struct bx_dataset bx_dataset;

/* Opens (creating when missing) the dataset at path and its schema. */
bx_status bx_dataset_open(const char *path, bx_dataset **out, bx_error *err);
void bx_dataset_close(bx_dataset *ds);

/* Replaces the document with this SHA-256 (64 hex digits) by the report, in
 * one transaction: a reader never sees half a document. */
bx_status bx_dataset_put_report(bx_dataset *ds, const bx_report *report, const char *sha256,
                                bx_error *err);

/* A file that could not be read, and why. `reason` is one of "error",
 * "exit", "signal", "timeout"; sha256 may be NULL (unreadable file). */
typedef struct {
    const char *file_name, *path, *sha256, *reason, *detail;
} bx_dataset_failure;

bx_status bx_dataset_put_failure(bx_dataset *ds, const bx_dataset_failure *f, bx_error *err);

/* Whether the dataset holds the document, or a failure for this content. */
bool bx_dataset_has_document(bx_dataset *ds, const char *sha256);
bool bx_dataset_has_failure(bx_dataset *ds, const char *sha256);

typedef struct {
    long long documents, tables, cells, line_items, failed_checks, failures;
} bx_dataset_totals;

bx_status bx_dataset_get_totals(bx_dataset *ds, bx_dataset_totals *out, bx_error *err);

/* Opens the dataset, puts the report (keyed by options' input file) and
 * closes it: what `extract -f sqlite` does. */
bx_status bx_write_sqlite(const bx_report *report, const char *path,
                          const bx_write_options *options, bx_error *err);

/* The SHA-256 of a file's bytes as 64 lower-case hex digits (GLib). */
bx_status bx_file_sha256(const char *path, char out[65], bx_error *err);

/* The JSON text itself (malloc'd), for callers that store it elsewhere. */
char *bx_report_to_json(const bx_report *report);

/* For language bindings: bx_report_open(path), limited to a page range
 * ("15-16,20", or NULL for all) and opened with a password (or NULL), then
 * the report as its table JSON in *json (free it with bx_free). The
 * report itself is freed before returning; a report without a titled table
 * fails with BX_ERR_NO_TABLES, as the CLI's exit 3. */
bx_status bx_open_json(const char *path, const char *pages, const char *password, char **json,
                       bx_error *err);

/* Frees memory the library handed over (bx_open_json's JSON). */
void bx_free(void *p);

/* The checks alone: {source, document, checks, summary} (malloc'd). */
char *bx_checks_to_json(const bx_report *report);

/* Writes `len` bytes to path atomically: a temporary file in the same folder,
 * then rename(2). Shared by every writer. */
bx_status bx_write_file_atomic(const char *path, const char *data, size_t len, bx_error *err);

#endif
