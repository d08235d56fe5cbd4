/* budgetx review: pages for people, one folder per report (its tables
 * beside the page images they were read from, failed checks on the cells)
 * and an index of them all; or the review of a batch dataset. */
#define _GNU_SOURCE
#include "bx_export.h"
#include "bx_model.h"
#include "cli.h"

#include <getopt.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: budgetx review [OPTIONS] FILE... -o DIR\n"
    "       budgetx review [--per-page N] DATASET.sqlite -o DIR\n"
    "\n"
    "  -o, --output DIR   the folder to write: DIR/index.html lists the reports,\n"
    "                     DIR/<name>/index.html shows one (it opens offline)\n"
    "      --dpi N        page images' resolution, 36 to 150 (default 96)\n"
    "      --bits N       grey bits per pixel of page images: 1, 2, 4, 8 (default 2)\n"
    "      --per-page N   dataset: documents per index page (default 100)\n"
    "      --max-size SIZE  refuse a FILE larger than SIZE bytes (k, M, G\n"
    "                     suffixes; default 512M; 0 for no limit): exit 2\n"
    "\n"
    "FILE is a PDF, a text dump or budgetx's JSON (no page images for the\n"
    "last two). Keys on a report's page: j/k next/previous table, f/F\n"
    "next/previous failed check.\n";

/* True when the file starts with SQLite's header. */
static bool is_sqlite(const char *path)
{
    static const char magic[16] = "SQLite format 3";
    char head[16];
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    return n == sizeof head && memcmp(head, magic, sizeof magic) == 0;
}

/* Reads the input, keeping the PDF open for its page images. */
static bx_status load(const char *input, uint64_t max_size, bx_report **report, bx_doc **doc,
                      bx_error *err)
{
    *doc = NULL;
    bx_status s = bx_cli_check_size(input, max_size, err);
    if (s != BX_OK)
        return s;
    s = bx_doc_open(input, doc, err);
    if (s == BX_ERR_NOT_PDF) { /* a text dump or our JSON */
        bx_cli_input in = {.max_size = max_size};
        return bx_cli_load_report(input, &in, report, err);
    }
    if (s != BX_OK)
        return s;
    bx_doc_set_ocr(*doc, BX_OCR_AUTO); /* a scan is read as extract reads it by default */
    s = bx_report_build(*doc, input, report, err);
    if (s == BX_OK) {
        bx_report_analyze(*report); /* kinds, records, checks */
        bx_report_ocr_corrections(*report); /* shown, as extract offers them */
    }
    if (s != BX_OK) {
        bx_doc_free(*doc);
        *doc = NULL;
    }
    return s;
}

/* DIR/<input's name without extension>, made unique among those before. */
static char *folder_name(const char *input, char **taken, size_t n)
{
    char *stem = g_path_get_basename(input), *dot = strrchr(stem, '.');
    if (dot && dot != stem)
        *dot = '\0';
    char *name = g_strdup(stem);
    for (int k = 2;; k++) {
        bool used = false;
        for (size_t i = 0; i < n && !used; i++)
            used = strcmp(taken[i], name) == 0;
        if (!used)
            break;
        g_free(name);
        name = g_strdup_printf("%s-%d", stem, k);
    }
    g_free(stem);
    char *out = bx_xstrdup(name);
    g_free(name);
    return out;
}

static bx_status review_one(const char *input, const char *dir, const char *name,
                            const bx_review_options *o, uint64_t max_size, bx_review_entry *entry,
                            bx_error *err)
{
    bx_report *r;
    bx_doc *doc;
    bx_status s = load(input, max_size, &r, &doc, err);
    if (s != BX_OK)
        return s;
    if (r->warning)
        fprintf(stderr, "budgetx: warning: %s: %s\n", input, r->warning);
    char *folder = g_strdup_printf("%s/%s", dir, name);
    s = bx_write_review(r, doc, folder, o, entry, err);
    bx_cli_warn_font_failures(input, doc, "the page images");
    if (s == BX_OK) {
        entry->name = bx_xstrdup(name);
        printf("%s: %zu tables, %d page images -> %s/index.html\n", input, entry->tables,
               entry->images, folder);
    }
    g_free(folder);
    bx_doc_free(doc);
    bx_report_free(r);
    return s;
}

static int review_files(char **inputs, int n, const char *dir, const bx_review_options *o,
                        uint64_t max_size)
{
    bx_error err;
    bx_error_clear(&err);
    bx_status s = BX_OK;
    if (!bx_cli_is_dir(dir) && g_mkdir_with_parents(dir, 0777) != 0) {
        fprintf(stderr, "budgetx: %s: cannot create the folder\n", dir);
        return BX_EXIT_INPUT;
    }
    bx_review_entry *entries = bx_xcalloc((size_t)n, sizeof *entries);
    char **names = bx_xcalloc((size_t)n, sizeof *names);
    size_t done = 0;
    int exit = BX_EXIT_OK;
    for (int i = 0; i < n; i++) {
        names[done] = folder_name(inputs[i], names, done);
        s = review_one(inputs[i], dir, names[done], o, max_size, &entries[done], &err);
        if (s != BX_OK) {
            fprintf(stderr, "budgetx: %s\n", err.message);
            exit = bx_cli_worse(exit, bx_cli_exit_code(s));
            free(names[done]);
            names[done] = NULL;
            continue;
        }
        done++;
    }
    if (done && (s = bx_write_review_index(dir, entries, done, &err)) != BX_OK) {
        fprintf(stderr, "budgetx: %s\n", err.message);
        exit = bx_cli_worse(exit, bx_cli_exit_code(s));
    }
    for (size_t i = 0; i < done; i++) {
        bx_review_entry_clear(&entries[i]);
        free(names[i]);
    }
    free(entries);
    free(names);
    return exit;
}

int bx_cmd_review(int argc, char **argv)
{
    static const struct option opts[] = {{"output", required_argument, 0, 'o'},
                                         {"dpi", required_argument, 0, 'd'},
                                         {"bits", required_argument, 0, 'b'},
                                         {"per-page", required_argument, 0, 'n'},
                                         {"max-size", required_argument, 0, 'S'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *output = NULL;
    bx_review_options o = {0};
    int per_page = 100, c;
    uint64_t max_size = BX_CLI_MAX_SIZE;
    bool ok = true;
    while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'o': output = optarg; break;
        case 'd': ok = bx_cli_number(optarg, 36, 150, &o.dpi) && ok; break;
        case 'b':
            ok = bx_cli_int(optarg, 1, 8, &o.bits) && (o.bits & (o.bits - 1)) == 0 && ok;
            break;
        case 'n': ok = bx_cli_int(optarg, 1, 100000, &per_page) && ok; break;
        case 'S':
            if (bx_cli_max_size("review", optarg, &max_size) >= 0)
                return BX_EXIT_USAGE; /* said by bx_cli_max_size */
            break;
        case 'h': fputs(usage_text, stdout); return BX_EXIT_OK;
        default: fputs(usage_text, stderr); return BX_EXIT_USAGE;
        }
    }
    if (!ok || !output || optind >= argc) {
        fputs(usage_text, stderr);
        return BX_EXIT_USAGE;
    }
    if (argc - optind == 1 && is_sqlite(argv[optind])) {
        bx_error err;
        bx_error_clear(&err);
        bx_status s = bx_write_review_dataset(argv[optind], output, (size_t)per_page, &err);
        if (s != BX_OK)
            fprintf(stderr, "budgetx: %s\n", err.message);
        else
            printf("%s -> %s/index.html\n", argv[optind], output);
        return bx_cli_exit_code(s);
    }
    return review_files(argv + optind, argc - optind, output, &o, max_size);
}
