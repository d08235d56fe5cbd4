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
    bool csv_meta;    /* CSV: also <stem>.tables.csv, each table file's metadata */
    bool flat_header; /* CSV: the header rows joined into one, per column */
    /* SQLite: the report's input file, whose SHA-256 keys the document;
     * input_sha256 (64 hex digits) saves hashing it again when known. */
    const char *input_path;
    const char *input_sha256;
} bx_write_options;

/* "json" (or "JSON") -> BX_FORMAT_JSON ...; returns 0 and sets *out, or -1
 * when unknown. */
int bx_format_from_name(const char *name, bx_format *out);
/* The format's name as the CLI spells it ("json"). */
const char *bx_format_name(bx_format format);
/* The file name extension the format writes ("json"). */
const char *bx_format_extension(bx_format format);
/* Whether the format writes a file, a folder or a dataset. */
bx_output_kind bx_format_output(bx_format format);

/* Writes the report in the given format to path. */
bx_status bx_write_report(const bx_report *report, bx_format format, const char *path,
                          const bx_write_options *options, bx_error *err);

/* FORMAT.md's table JSON, with the meaning and checks added. */
bx_status bx_write_json(const bx_report *report, const char *path, bx_error *err);

/* OUT/<source stem>.<n>.<kind>.csv for every table (n from 1). */
bx_status bx_write_csv(const bx_report *report, const char *folder, bool bom, bx_error *err);
/* The same with every CSV option (bom, csv_meta, flat_header). */
bx_status bx_write_csv_options(const bx_report *report, const char *folder,
                               const bx_write_options *options, bx_error *err);
/* Every table as a Markdown table under its title. */
bx_status bx_write_md(const bx_report *report, const char *path, bx_error *err);
/* A workbook: a contents sheet, then one sheet per table. */
bx_status bx_write_xlsx(const bx_report *report, const char *path, bx_error *err);

/* --- The SQLite dataset (schema in README.md) ---------------------------- */

typedef struct bx_dataset bx_dataset;

/* Opens (creating when missing) the dataset at path and its schema. */
bx_status bx_dataset_open(const char *path, bx_dataset **out, bx_error *err);
/* Closes the dataset (NULL is allowed). */
void bx_dataset_close(bx_dataset *ds);

/* Replaces the document with this SHA-256 (64 hex digits) by the report, in
 * one transaction: a reader never sees half a document. */
bx_status bx_dataset_put_report(bx_dataset *ds, const bx_report *report, const char *sha256,
                                bx_error *err);

/* The same, with the input's path as given (documents.path; NULL: none). */
bx_status bx_dataset_put_report_path(bx_dataset *ds, const bx_report *report,
                                     const char *sha256, const char *path, bx_error *err);

/* A file that could not be read, and why. `reason` is a code (README.md:
 * "missing", "not_pdf", "encrypted", "damaged", "no_text", "no_tables",
 * "too_large", "timeout", "signal", "io", "exit"), `detail` the message
 * without the path; sha256 may be NULL (unreadable file). */
typedef struct {
    const char *file_name, *path, *sha256, *reason, *detail;
} bx_dataset_failure;

/* Records a failure (replacing one for the same content). */
bx_status bx_dataset_put_failure(bx_dataset *ds, const bx_dataset_failure *f, bx_error *err);

/* Whether the dataset holds the document with this SHA-256. */
bool bx_dataset_has_document(bx_dataset *ds, const char *sha256);
/* Whether the dataset holds a failure for this content. */
bool bx_dataset_has_failure(bx_dataset *ds, const char *sha256);

typedef struct {
    long long documents, tables, cells, line_items, failed_checks, failures;
} bx_dataset_totals;

/* Counts what the dataset holds (documents, tables, cells ...). */
bx_status bx_dataset_get_totals(bx_dataset *ds, bx_dataset_totals *out, bx_error *err);

/* Opens the dataset, puts the report (keyed by options' input file) and
 * closes it: what `extract -f sqlite` does. */
bx_status bx_write_sqlite(const bx_report *report, const char *path,
                          const bx_write_options *options, bx_error *err);

/* Puts the documents of the SQLite dataset `shard` that the dataset at path
 * (created when missing) lacks into it, in one transaction, renumbered;
 * *added and *held count the shard's documents added and already there. */
bx_status bx_dataset_merge(const char *path, const char *shard, long long *added,
                           long long *held, bx_error *err);

/* --- PostgreSQL: the dataset in a database, and a work queue -------------
 * bx_dataset_open takes a connection string too: the same tables in the
 * schema budgetx of that database (README.md, "Many machines"). */

/* Whether target names a PostgreSQL database, not a file: it starts with
 * postgresql:// or postgres://, or is a libpq "keyword=value ..." string. */
bool bx_dataset_is_postgres(const char *target);

/* BX_OK for a connection string libpq reads and that holds no password
 * (one given on a command line shows in ps: $PGPASSWORD or ~/.pgpass give
 * it); else BX_ERR_USAGE saying why. */
bx_status bx_postgres_check_target(const char *target, bx_error *err);

/* The queue of files that workers on many machines share (budgetx.queue). */
typedef struct bx_queue bx_queue;

/* Connects to the queue of target's database as `worker` (a name for the
 * claims it makes, e.g. host/pid), whose claims last lease seconds unless
 * renewed. */
bx_status bx_queue_open(const char *target, const char *worker, double lease, bx_queue **out,
                        bx_error *err);
/* Closes the connection (NULL is allowed); a claim still held expires. */
void bx_queue_close(bx_queue *q);

/* Registers a file; *added is false when its content (sha256) is queued
 * already, under whatever path. */
bx_status bx_queue_add(bx_queue *q, const char *path, long long size, const char *sha256,
                       bool *added, bx_error *err);

/* Puts the files that failed back in the queue; *n is set to their number. */
bx_status bx_queue_retry_failed(bx_queue *q, long long *n, bx_error *err);

typedef struct {
    long long id, size;
    char path[4096];
    char sha256[65];
    bool held; /* the dataset holds its document already (a worker died after its commit) */
} bx_queue_item;

/* Claims the largest file no live lease holds (FOR UPDATE SKIP LOCKED: two
 * workers never claim one file). *claimed is false when there is none;
 * *pending then tells whether other workers still hold files, which come
 * back to the queue if those workers die. */
bx_status bx_queue_claim(bx_queue *q, bx_queue_item *item, bool *claimed, bool *pending,
                         bx_error *err);

/* Extends the lease of every file this worker holds. */
bx_status bx_queue_renew(bx_queue *q, bx_error *err);

typedef enum { BX_QUEUE_DONE, BX_QUEUE_FAILED, BX_QUEUE_RELEASED } bx_queue_outcome;

/* Ends this worker's claim of file id: loaded (or held already), failed
 * (recorded in failures), or released (back to the queue, e.g. on Ctrl-C). */
bx_status bx_queue_finish(bx_queue *q, long long id, bx_queue_outcome outcome, bx_error *err);

typedef struct {
    long long queued, running, expired, done, failed;
} bx_queue_counts;

/* How many files are queued, running (expired: their lease has run out),
 * done and failed. */
bx_status bx_queue_get_counts(bx_queue *q, bx_queue_counts *out, bx_error *err);

/* `budgetx export`: the dataset at path as tidy sheets (line_items,
 * documents, checks, failures, ambiguities; columns in README.md): CSV, a
 * folder `out` of <sheet>.csv (options->bom honoured); XLSX, one workbook
 * `out` ("-": standard output), a sheet each with a filter and a frozen
 * header. The dataset is opened read-only. */
bx_status bx_dataset_export(const char *path, bx_format format, const char *out,
                            const bx_write_options *options, bx_error *err);
/* The same from a dataset's bytes in memory (standard input). */
bx_status bx_dataset_export_data(const char *data, size_t len, const char *name,
                                 bx_format format, const char *out,
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

/* --- Review pages (`budgetx review`) --------------------------------------- */

typedef struct {
    double dpi; /* page images' resolution; 0: 96 */
    int bits;   /* grey bits per pixel of page images (1, 2, 4 or 8); 0: 2 */
} bx_review_options;

/* One report's line in the review's index. */
typedef struct {
    char *name;   /* its folder under the review's folder */
    char *source; /* the file name */
    char *title;  /* the document's title, or NULL */
    char *warning;
    int pages, images;
    size_t tables, checks, failed, rounding;
    double verified; /* share of amounts the checks cover, or < 0 when unknown */
} bx_review_entry;

/* Writes folder/index.html for the report (the folder is created), with an
 * image of every page holding a table or cited by a finding, drawn from doc
 * (NULL: a text dump or JSON, no images). Fills *entry (clear it) when given. */
bx_status bx_write_review(const bx_report *report, bx_doc *doc, const char *folder,
                          const bx_review_options *options, bx_review_entry *entry, bx_error *err);
/* Frees what a review entry holds (not the entry itself). */
void bx_review_entry_clear(bx_review_entry *e);

/* Writes folder/index.html listing the reports, each linked to its folder. */
bx_status bx_write_review_index(const char *folder, const bx_review_entry *entries, size_t n,
                                bx_error *err);

/* The review of a batch dataset: folder/index.html (and index-N.html) lists
 * its documents `per_page` at a time, each linked to doc-ID.html with its
 * tables' grids and its failed and rounding checks. */
bx_status bx_write_review_dataset(const char *dataset, const char *folder, size_t per_page,
                                  bx_error *err);

/* Writes `len` bytes to path atomically: a temporary file in the same folder,
 * then rename(2). Shared by every writer. */
bx_status bx_write_file_atomic(const char *path, const char *data, size_t len, bx_error *err);
/* A file written atomically in pieces, for an output too large to hold
 * whole (a long text dump's JSON). */
typedef struct bx_pieces bx_pieces;
/* Starts writing path ("-": standard output) under a temporary name. */
bx_status bx_pieces_open(const char *path, bx_pieces **out, bx_error *err);
/* Writes the next piece; a failure is kept and the later pieces skipped. */
void bx_pieces_put(bx_pieces *w, const char *data, size_t len);
/* Renames the file into place, or removes it and reports the first
 * failure; frees w either way. */
bx_status bx_pieces_close(bx_pieces *w, bx_error *err);

#endif
