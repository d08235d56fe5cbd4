/* budgetx: the command line. Ties extract -> model -> export, and maps
 * status codes to exit statuses in one place (exit_code below). */
#define _GNU_SOURCE
#include "bx_common.h"
#include "bx_export.h"
#include "bx_extract.h"
#include "bx_model.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { EXIT_OK = 0, EXIT_USAGE = 1, EXIT_INPUT = 2, EXIT_NO_TABLES = 3, EXIT_CHECKS = 4 };

static const char usage_text[] =
    "usage: budgetx extract [-f json] [-o OUT] FILE...\n"
    "\n"
    "  -f, --format FMT   output format: json (default)\n"
    "  -o, --output OUT   a file (one input) or a folder (writes OUT/<name>.json);\n"
    "                     standard output when omitted\n"
    "\n"
    "exit status: 0 ok, 1 usage, 2 input unusable (missing, not a PDF, encrypted,\n"
    "damaged, no text layer), 3 no tables found, 4 checks failed\n";

static int exit_code(bx_status s)
{
    switch (s) {
    case BX_OK: return EXIT_OK;
    case BX_ERR_USAGE: return EXIT_USAGE;
    case BX_ERR_NO_TABLES: return EXIT_NO_TABLES;
    default: return EXIT_INPUT;
    }
}

/* The worse of two exit codes: input errors outrank "no tables". */
static int worse(int a, int b)
{
    static const int rank[] = {[EXIT_OK] = 0, [EXIT_NO_TABLES] = 1, [EXIT_CHECKS] = 2,
                               [EXIT_INPUT] = 3, [EXIT_USAGE] = 4};
    return rank[b] > rank[a] ? b : a;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* OUT/<name without extension>.json */
static char *output_in_dir(const char *dir, const char *input, const char *ext)
{
    const char *base = strrchr(input, '/');
    base = base ? base + 1 : input;
    const char *dot = strrchr(base, '.');
    size_t stem = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    bx_buf b;
    bx_buf_init(&b);
    bx_buf_printf(&b, "%s/%.*s.%s", dir, (int)stem, base, ext);
    return bx_buf_take(&b);
}

static bx_status extract_one(const char *input, const char *output, bx_error *err)
{
    bx_doc *doc;
    bx_status s = bx_doc_open(input, &doc, err);
    if (s != BX_OK)
        return s;
    if (bx_doc_warning(doc))
        fprintf(stderr, "budgetx: warning: %s: %s\n", input, bx_doc_warning(doc));
    bx_report *report;
    s = bx_report_build(doc, input, &report, err);
    bx_doc_free(doc);
    if (s != BX_OK)
        return s;
    if (report->n_tables == 0)
        s = bx_error_set(err, BX_ERR_NO_TABLES, "%s: no tables found", input);
    else
        s = bx_write_json(report, output, err);
    bx_report_free(report);
    return s;
}

static int cmd_extract(int argc, char **argv)
{
    static const struct option opts[] = {{"format", required_argument, 0, 'f'},
                                         {"output", required_argument, 0, 'o'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *format = "json", *output = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f': format = optarg; break;
        case 'o': output = optarg; break;
        case 'h': fputs(usage_text, stdout); return EXIT_OK;
        default: fputs(usage_text, stderr); return EXIT_USAGE;
        }
    }
    int n_inputs = argc - optind;
    if (n_inputs < 1) {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    if (strcmp(format, "json") != 0) {
        fprintf(stderr, "budgetx: unknown format '%s'\n", format);
        return EXIT_USAGE;
    }
    int to_dir = output && (is_dir(output) || n_inputs > 1);
    if (to_dir && !is_dir(output) && mkdir(output, 0777) != 0) {
        fprintf(stderr, "budgetx: %s: cannot create folder (%s)\n", output, strerror(errno));
        return EXIT_USAGE;
    }
    if (!output && n_inputs > 1) {
        fputs("budgetx: several inputs need -o FOLDER\n", stderr);
        return EXIT_USAGE;
    }
    int rc = EXIT_OK;
    for (int i = optind; i < argc; i++) {
        char *out = to_dir ? output_in_dir(output, argv[i], "json") : bx_xstrdup(output ? output : "-");
        bx_error err;
        bx_error_clear(&err);
        bx_status s = extract_one(argv[i], out, &err);
        if (s != BX_OK) {
            fprintf(stderr, "budgetx: %s\n", err.message);
            rc = worse(rc, exit_code(s));
        }
        free(out);
    }
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage_text, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    if (strcmp(argv[1], "extract") == 0)
        return cmd_extract(argc - 1, argv + 1);
    fprintf(stderr, "budgetx: unknown command '%s'\n", argv[1]);
    fputs(usage_text, stderr);
    return EXIT_USAGE;
}
