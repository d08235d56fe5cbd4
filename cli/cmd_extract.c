/* budgetx extract: files in, one output per file. */
#define _GNU_SOURCE
#include "bx_export.h"
#include "bx_model.h"
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage_text[] =
    "usage: budgetx extract [-f FORMAT] [-o OUT] [--bom] FILE...\n"
    "\n"
    "  -f, --format FMT   json (default), md, xlsx, csv, sqlite\n"
    "  -o, --output OUT   json, md, xlsx: a file (one input) or a folder\n"
    "                     (OUT/<name>.<ext>); standard output when omitted\n"
    "                     csv: a folder receiving OUT/<name>.<n>.<kind>.csv\n"
    "                     sqlite: the dataset file, updated in place (a document\n"
    "                     already in it, by SHA-256, is replaced)\n"
    "      --bom          csv: start each file with a UTF-8 byte order mark, so\n"
    "                     that Excel on Windows reads the Chinese text\n";

static bx_status extract_one(const char *input, bx_format format, const char *output,
                             const bx_write_options *options, bx_error *err)
{
    bx_report *report;
    bx_status s = bx_cli_load_report(input, &report, err);
    if (s != BX_OK)
        return s;
    if (report->warning)
        fprintf(stderr, "budgetx: warning: %s: %s\n", input, report->warning);
    if (report->n_tables == 0)
        s = bx_error_set(err, BX_ERR_NO_TABLES, "%s: no tables found", input);
    else
        s = bx_write_report(report, format, output, options, err);
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

int bx_cmd_extract(int argc, char **argv)
{
    static const struct option opts[] = {{"format", required_argument, 0, 'f'},
                                         {"output", required_argument, 0, 'o'},
                                         {"bom", no_argument, 0, 'B'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *format_name = "json", *output = NULL;
    bx_write_options options = {0};
    int c;
    while ((c = getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f': format_name = optarg; break;
        case 'o': output = optarg; break;
        case 'B': options.bom = true; break;
        case 'h': fputs(usage_text, stdout); return BX_EXIT_OK;
        default: fputs(usage_text, stderr); return BX_EXIT_USAGE;
        }
    }
    int n_inputs = argc - optind;
    bx_format format;
    if (n_inputs < 1) {
        fputs(usage_text, stderr);
        return BX_EXIT_USAGE;
    }
    if (bx_format_from_name(format_name, &format) != 0) {
        fprintf(stderr, "budgetx: unknown format '%s'\n", format_name);
        return BX_EXIT_USAGE;
    }
    bx_output_kind kind = bx_format_output(format);
    if (!output && (n_inputs > 1 || kind != BX_OUTPUT_FILE)) {
        fprintf(stderr, "budgetx: %s needs -o %s\n", n_inputs > 1 ? "several inputs" : format_name,
                kind == BX_OUTPUT_DATASET ? "FILE" : "FOLDER");
        return BX_EXIT_USAGE;
    }
    /* A dataset is one file for every input; a folder format writes its
     * files straight into OUT; a file format puts one file per input in OUT
     * when OUT is a folder or there are several inputs. */
    int to_dir = kind == BX_OUTPUT_FOLDER ||
                 (kind == BX_OUTPUT_FILE && output && (bx_cli_is_dir(output) || n_inputs > 1));
    if (to_dir && names_collide(argv + optind, n_inputs, output, bx_format_extension(format)))
        return BX_EXIT_USAGE;
    if (to_dir && !bx_cli_is_dir(output) && mkdir(output, 0777) != 0) {
        fprintf(stderr, "budgetx: %s: cannot create folder (%s)\n", output, strerror(errno));
        return BX_EXIT_USAGE;
    }
    int rc = BX_EXIT_OK;
    for (int i = optind; i < argc; i++) {
        char *out = to_dir && kind == BX_OUTPUT_FILE
                        ? bx_cli_output_in_dir(output, argv[i], bx_format_extension(format))
                        : bx_xstrdup(output ? output : "-");
        options.input_path = argv[i];
        bx_error err;
        bx_error_clear(&err);
        bx_status s = extract_one(argv[i], format, out, &options, &err);
        if (s != BX_OK) {
            fprintf(stderr, "budgetx: %s\n", err.message);
            rc = bx_cli_worse(rc, bx_cli_exit_code(s));
        }
        free(out);
    }
    return rc;
}
