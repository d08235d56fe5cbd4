/* budgetx export: a dataset (batch, extract -f sqlite) as tidy CSV or XLSX. */
#include "bx_export.h"
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: budgetx export DATASET.sqlite -f csv|xlsx -o OUT [--bom]\n"
    "\n"
    "Writes the dataset as tidy sheets for spreadsheets, pandas and R, without\n"
    "SQL: line_items (one row per amount: document, department, year, stage,\n"
    "table, code, level, name, column key, amount in yuan, unit, page),\n"
    "documents (with the share of checks passed), checks, failures and\n"
    "ambiguities. DATASET - reads the dataset from standard input.\n"
    "\n"
    "  -f, --format FMT     csv: a folder OUT of <sheet>.csv; xlsx: one workbook\n"
    "                       OUT (- for standard output), a sheet each with a\n"
    "                       filter and a frozen header row\n"
    "  -o, --output OUT     the folder (csv) or the workbook (xlsx)\n"
    "      --bom            csv: start each file with a UTF-8 byte order mark\n";

int bx_cmd_export(int argc, char **argv)
{
    static const struct option opts[] = {{"format", required_argument, 0, 'f'},
                                         {"output", required_argument, 0, 'o'},
                                         {"bom", no_argument, 0, 'B'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *format_name = NULL, *output = NULL;
    bx_write_options options = {0};
    for (int c; (c = getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1;) {
        switch (c) {
        case 'f': format_name = optarg; break;
        case 'o': output = optarg; break;
        case 'B': options.bom = true; break;
        case 'h': fputs(usage_text, stdout); return BX_EXIT_OK;
        default: return bx_cli_usage_error("export", "unknown option or missing value");
        }
    }
    bx_format format;
    if (argc - optind != 1)
        return bx_cli_usage_error("export", "needs one DATASET.sqlite (- for standard input)%s",
                                  argc - optind > 1 ? ", not several" : "");
    if (!format_name)
        return bx_cli_usage_error("export", "needs -f csv or -f xlsx");
    if (bx_format_from_name(format_name, &format) != 0 ||
        (format != BX_FORMAT_CSV && format != BX_FORMAT_XLSX))
        return bx_cli_usage_error("export", "unknown format '%s' (csv or xlsx)", format_name);
    if (!output)
        return bx_cli_usage_error("export", "needs -o %s", format == BX_FORMAT_CSV ? "FOLDER"
                                                                                   : "FILE.xlsx");
    if (options.bom && format != BX_FORMAT_CSV)
        return bx_cli_usage_error("export", "--bom applies to -f csv only");
    bx_error err;
    bx_error_clear(&err);
    bx_status s;
    const char *input = argv[optind];
    if (strcmp(input, "-") == 0) {
        char *data = NULL;
        size_t len = 0;
        s = bx_cli_read_stdin(&data, &len, 0, &err);
        if (s == BX_OK)
            s = bx_dataset_export_data(data, len, "stdin", format, output, &options, &err);
        free(data);
    } else {
        s = bx_dataset_export(input, format, output, &options, &err);
    }
    if (s != BX_OK)
        fprintf(stderr, "budgetx: %s\n", err.message);
    return bx_cli_exit_code(s);
}
