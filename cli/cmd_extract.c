/* budgetx extract: files in, one output per file. */
#define _GNU_SOURCE
#include "bx_export.h"
#include "bx_model.h"
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static const char usage_text[] =
    "usage: budgetx extract [-f FORMAT] [-o OUT] [--pages LIST] [--password PW]\n"
    "                       [--ocr WHEN] [--ocr-correct] FILE...\n"
    "\n"
    "Extracts the tables of each FILE (a PDF, a text dump, or our table JSON;\n"
    "- reads standard input) in the format asked for.\n"
    "\n"
    "  -f, --format FMT     json (default), md, xlsx, csv, sqlite (any case)\n"
    "  -o, --output OUT     json, md, xlsx: a file (one input) or a folder\n"
    "                       (OUT/<name>.<ext>; a trailing / or several inputs mean\n"
    "                       a folder, created if needed); standard output when\n"
    "                       omitted; csv: a folder receiving OUT/<name>.<n>.<kind>.csv\n"
    "                       (n from 1); sqlite: the dataset file, updated in place\n"
    "                       (a document already in it, by SHA-256, is replaced),\n"
    "                       or a PostgreSQL database (postgresql://HOST/NAME or\n"
    "                       'host=... dbname=...'; the password from $PGPASSWORD\n"
    "                       or ~/.pgpass): its schema budgetx, the same tables\n"
    "  -p, --pages LIST     only the tables printed on these pages (1-based):\n"
    "                       15-16,20 or 20- (to the end); tables are kept whole\n"
    "      --password PW    the password of an encrypted PDF (default:\n"
    "                       $BUDGETX_PASSWORD)\n"
    "      --max-size SIZE  refuse an input larger than SIZE bytes (k, M, G\n"
    "                       suffixes; default 512M; 0 for no limit): exit 2\n"
    "      --ocr WHEN       read PDF pages from their picture with Tesseract:\n"
    "                       auto (default: pages without a text layer, so scans),\n"
    "                       always (every page), never (a scan is exit 2); tables\n"
    "                       read so say \"ocr\": true and their confidence; an\n"
    "                       OCRed amount that breaks a check, where exactly one\n"
    "                       other reading of its doubtful digits makes every\n"
    "                       check of the cell hold, is offered in\n"
    "                       \"ocr_corrections\" (the reading, the proven value,\n"
    "                       the checks that prove it), never applied silently\n"
    "      --ocr-correct    put the proven readings into the cells\n"
    "      --bom            csv: start each file with a UTF-8 byte order mark, so\n"
    "                       that Excel on Windows reads the Chinese text (an error\n"
    "                       with any other format)\n"
    "      --meta           csv: also write OUT/<name>.tables.csv, one row per table\n"
    "                       file: title, kind, unit, department, pages, header rows\n"
    "      --flat-header    csv: one header row, the header rows of each column\n"
    "                       joined with \" / \" (for pandas and spreadsheets)\n";

/* Writes the report with SIGINT, SIGTERM and SIGHUP held: an interrupt
 * during the write lands after it, so the output is complete (renamed in
 * place) or absent, never a stray OUT.tmp.XXXXXX. A dataset this write
 * creates is removed again when the write fails (a full disk), so a failed
 * run leaves no schema-only file. A folder output is made here, at the
 * first write, so a run interrupted or failing before it leaves none. */
static bx_status write_held(const bx_report *report, bx_format format, const char *output,
                            const char *make_dir, const bx_write_options *options, bx_error *err)
{
    sigset_t held, old;
    sigemptyset(&held);
    sigaddset(&held, SIGINT);
    sigaddset(&held, SIGTERM);
    sigaddset(&held, SIGHUP);
    sigprocmask(SIG_BLOCK, &held, &old);
    bx_status s = BX_OK;
    if (make_dir && !bx_cli_is_dir(make_dir) && g_mkdir_with_parents(make_dir, 0777) != 0)
        s = bx_error_set(err, BX_ERR_IO, "%s: cannot create folder (%s)", make_dir,
                         strerror(errno));
    bool is_new = format == BX_FORMAT_SQLITE && strcmp(output, "-") != 0 &&
                  !bx_dataset_is_postgres(output) && !g_file_test(output, G_FILE_TEST_EXISTS);
    if (s == BX_OK)
        s = bx_write_report(report, format, output, options, err);
    if (s != BX_OK && is_new) {
        char *journal = g_strconcat(output, "-journal", NULL);
        unlink(output);
        unlink(journal);
        g_free(journal);
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    return s;
}

static bx_status extract_one(const char *input, const bx_cli_input *in, bx_format format,
                             const char *output, const char *make_dir,
                             const bx_write_options *options, bx_error *err)
{
    bx_report *report;
    bx_status s = bx_cli_load_report(input, in, &report, err);
    if (s != BX_OK)
        return s;
    const char *name = bx_cli_input_name(input);
    if (report->warning)
        fprintf(stderr, "budgetx: warning: %s: %s\n", name, report->warning);
    if (report->n_tables == 0)
        s = bx_error_set(err, BX_ERR_NO_TABLES, "%s: no tables found%s", name,
                         in->pages ? " on the pages asked for" : "");
    else
        s = write_held(report, format, output, make_dir, options, err);
    bx_report_free(report);
    return s;
}

/* True (and said) when two inputs share a name without extension: in one
 * folder the second's output would replace the first's. */
static bool names_collide(char **inputs, int n, const char *output, const char *ext)
{
    char **names = bx_xcalloc((size_t)n, sizeof *names);
    bool collide = false;
    for (int i = 0; i < n && !collide; i++) {
        names[i] = bx_cli_output_in_dir(output, inputs[i], ext);
        for (int k = 0; k < i && !collide; k++)
            if (strcmp(names[k], names[i]) == 0) {
                fprintf(stderr, "budgetx: %s and %s share a name: their outputs in %s would "
                                "replace each other\n", inputs[k], inputs[i], output);
                collide = true;
            }
    }
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return collide;
}

typedef struct {
    const char *format_name, *output, *password;
    bx_page_set pages;
    bool has_pages;
    uint64_t max_size;
    unsigned ocr; /* BX_OPEN_OCR_* */
    bool correct; /* --ocr-correct */
    bx_write_options options;
    char **inputs;
} extract_args;

/* -1 when the options are read, else the exit status. */
static int parse(extract_args *a, int argc, char **argv)
{
    static const struct option opts[] = {{"format", required_argument, 0, 'f'},
                                         {"output", required_argument, 0, 'o'},
                                         {"pages", required_argument, 0, 'p'},
                                         {"password", required_argument, 0, 'P'},
                                         {"max-size", required_argument, 0, 'S'},
                                         {"ocr", required_argument, 0, 'O'},
                                         {"ocr-correct", no_argument, 0, 'C'},
                                         {"bom", no_argument, 0, 'B'},
                                         {"meta", no_argument, 0, 'M'},
                                         {"flat-header", no_argument, 0, 'F'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    char why[160];
    for (int c; (c = getopt_long(argc, argv, "f:o:p:h", opts, NULL)) != -1;) {
        switch (c) {
        case 'f': a->format_name = optarg; break;
        case 'o': a->output = optarg; break;
        case 'p':
            bx_page_set_free(&a->pages);
            if (!bx_page_set_parse(optarg, &a->pages, why, sizeof why))
                return bx_cli_usage_error("extract", "--pages: %s", why);
            a->has_pages = true;
            break;
        case 'P': a->password = optarg; break;
        case 'S':
            if (bx_cli_max_size("extract", optarg, &a->max_size) >= 0)
                return BX_EXIT_USAGE; /* said by bx_cli_max_size */
            break;
        case 'O':
            if (!bx_cli_parse_ocr(optarg, &a->ocr))
                return bx_cli_usage_error("extract", "--ocr: '%s' is not auto, always or never",
                                          optarg);
            break;
        case 'C': a->correct = true; break;
        case 'B': a->options.bom = true; break;
        case 'M': a->options.csv_meta = true; break;
        case 'F': a->options.flat_header = true; break;
        case 'h': fputs(usage_text, stdout); return BX_EXIT_OK;
        default: return bx_cli_usage_error("extract", "unknown option or missing value");
        }
    }
    return -1;
}

/* The combinations of options and inputs that cannot be honoured, said. */
static int refuse(const extract_args *a, bx_format format, int n_inputs)
{
    const char *f = bx_format_name(format);
    bx_output_kind kind = bx_format_output(format);
    if (format != BX_FORMAT_CSV && (a->options.bom || a->options.csv_meta || a->options.flat_header))
        return bx_cli_usage_error("extract", "--%s applies to -f csv only, not -f %s",
                                  a->options.bom ? "bom" : a->options.csv_meta ? "meta"
                                                                               : "flat-header",
                                  f);
    for (int i = 0; format == BX_FORMAT_SQLITE && i < n_inputs; i++)
        if (strcmp(a->inputs[i], "-") == 0)
            return bx_cli_usage_error("extract", "-f sqlite keys each document by its file's "
                                                 "SHA-256: give a file, not standard input");
    bx_error err;
    bx_status target = format == BX_FORMAT_SQLITE && a->output && bx_dataset_is_postgres(a->output)
                           ? bx_postgres_check_target(a->output, &err)
                           : BX_OK;
    if (target == BX_ERR_USAGE)
        return bx_cli_usage_error("extract", "-o: %s", err.message);
    if (target != BX_OK) { /* libpq missing: no usage error */
        fprintf(stderr, "budgetx: %s\n", err.message);
        return bx_cli_exit_code(target);
    }
    if (!a->output && kind != BX_OUTPUT_FILE)
        return bx_cli_usage_error("extract", "-f %s needs -o %s", f,
                                  kind == BX_OUTPUT_DATASET ? "FILE" : "FOLDER");
    if (!a->output && n_inputs > 1)
        return bx_cli_usage_error("extract", "%d inputs need -o FOLDER (one output each)",
                                  n_inputs);
    /* "-o a.xlsx A B" would make a folder named like a file */
    if (kind == BX_OUTPUT_FILE && n_inputs > 1 && a->output && !bx_cli_is_dir(a->output) &&
        g_str_has_suffix(a->output, bx_format_extension(format)) &&
        !g_str_has_suffix(a->output, "/"))
        return bx_cli_usage_error("extract",
                                  "%d inputs give %d %s files: -o %s names one file; give a "
                                  "folder (-o OUT/)", n_inputs, n_inputs, f, a->output);
    return -1;
}

static int extract_all(char **inputs, int n, extract_args *a, const bx_cli_input *in,
                       bx_format format, bool to_dir)
{
    int rc = BX_EXIT_OK;
    for (int i = 0; i < n; i++) {
        char *out = to_dir && bx_format_output(format) == BX_OUTPUT_FILE
                        ? bx_cli_output_in_dir(a->output, inputs[i], bx_format_extension(format))
                        : bx_xstrdup(a->output ? a->output : "-");
        a->options.input_path = strcmp(inputs[i], "-") == 0 ? NULL : inputs[i];
        bx_error err;
        bx_error_clear(&err);
        bx_status s = extract_one(inputs[i], in, format, out, to_dir ? a->output : NULL,
                                  &a->options, &err);
        if (s != BX_OK) {
            fprintf(stderr, "budgetx: %s\n", err.message);
            rc = bx_cli_worse(rc, bx_cli_exit_code(s));
        }
        free(out);
    }
    return rc;
}

int bx_cmd_extract(int argc, char **argv)
{
    extract_args a = {.format_name = "json", .max_size = BX_CLI_MAX_SIZE, .ocr = BX_OPEN_OCR_AUTO};
    int rc = parse(&a, argc, argv);
    int n_inputs = argc - optind;
    bx_format format = BX_FORMAT_JSON;
    if (rc < 0 && n_inputs < 1)
        rc = bx_cli_usage_error("extract", "needs at least one FILE (- for standard input)");
    if (rc < 0 && bx_format_from_name(a.format_name, &format) != 0)
        rc = bx_cli_usage_error("extract", "unknown format '%s' (json, md, xlsx, csv, sqlite)",
                                a.format_name);
    a.inputs = argv + optind;
    if (rc < 0)
        rc = refuse(&a, format, n_inputs);
    bx_output_kind kind = bx_format_output(format);
    /* A dataset is one file for every input; a folder format writes its
     * files straight into OUT; a file format puts one file per input in OUT
     * when OUT is a folder (or ends in /) or there are several inputs. */
    bool to_dir = rc < 0 && (kind == BX_OUTPUT_FOLDER ||
                             (kind == BX_OUTPUT_FILE && a.output &&
                              (bx_cli_is_dir(a.output) || n_inputs > 1 ||
                               g_str_has_suffix(a.output, "/"))));
    if (to_dir && names_collide(argv + optind, n_inputs, a.output, bx_format_extension(format)))
        rc = BX_EXIT_USAGE;
    bx_cli_input in = {.password = bx_cli_password(a.password), .max_size = a.max_size,
                       .flags = a.ocr | (a.correct ? BX_OPEN_OCR_CORRECT : 0),
                       .pages = a.has_pages ? &a.pages : NULL};
    if (rc < 0)
        rc = extract_all(argv + optind, n_inputs, &a, &in, format, to_dir);
    bx_page_set_free(&a.pages);
    return rc;
}
