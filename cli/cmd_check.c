/* budgetx check: the arithmetic checks of each file, one line per problem. */
#define _GNU_SOURCE
#include "bx_export.h"
#include "bx_model.h"
#include "bx_normalize.h"
#include "cli.h"

#include <getopt.h>
#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: budgetx check [-f FORMAT] [--jsonl] [--all] [--pages LIST] [--password PW]\n"
    "                     [--ocr WHEN] [--ocr-correct] FILE...\n"
    "\n"
    "Runs the arithmetic and consistency checks of each FILE (a PDF, a text dump,\n"
    "or our table JSON; - reads standard input).\n"
    "\n"
    "  -f, --format FMT     text (default): one line per failed or rounding check\n"
    "                       and a summary line per file (with the share of its\n"
    "                       amounts verified); json: the checks as one JSON\n"
    "                       document (an array of them for several files);\n"
    "                       jsonl: one JSON document per line and file\n"
    "      --jsonl          the same as -f jsonl\n"
    "  -a, --all            text: list passing checks too\n"
    "  -p, --pages LIST     only the tables printed on these pages (1-based):\n"
    "                       15-16,20 or 20- (to the end); tables are kept whole\n"
    "      --password PW    the password of an encrypted PDF (default:\n"
    "                       $BUDGETX_PASSWORD)\n"
    "      --max-size SIZE  refuse an input larger than SIZE bytes (k, M, G\n"
    "                       suffixes; default 512M; 0 for no limit): exit 2\n"
    "      --ocr WHEN       read PDF pages from their picture with Tesseract: auto\n"
    "                       (default: pages without a text layer), always, never;\n"
    "                       text: a line per OCRed amount the checks prove misread\n"
    "                       (ocr_correction: the reading, the proven value, the\n"
    "                       checks that prove it)\n"
    "      --ocr-correct    check with the proven readings put into the cells\n"
    "\n"
    "exit status: 0 no check fails (rounding differences do not fail), 4 a check\n"
    "fails, 2 input unusable, 3 no tables\n";

/* fen as an amount in the table's unit, with at least two decimals. */
static void print_scaled(FILE *out, int64_t fen, int64_t per);

static void print_amount(FILE *out, int64_t fen, const bx_table *t)
{
    print_scaled(out, fen, t ? bx_table_unit_fen(t) : 100);
}

static void print_scaled(FILE *out, int64_t fen, int64_t per)
{
    char text[BX_SCALED_MAX];
    bx_scaled_format(text, fen, per);
    fputs(text, out);
}

/* A report-level finding about words (names, years, tables present). */
static void print_words(FILE *out, const bx_check *c)
{
    fprintf(out, "expected %s, found %s", c->expected_text, c->actual_text ? c->actual_text : "");
    if (c->quote)
        fprintf(out, ": \"%s\"", c->quote);
    fprintf(out, " [%s", bx_check_status_name(c->status));
    if (c->status == BX_CHECK_FAIL && c->severity)
        fprintf(out, ", %s", c->severity);
    fputs("]\n", out);
}

/* A percentage in 1/10000 %, with at least two decimals. */
static void print_percent(FILE *out, int64_t v)
{
    print_scaled(out, v, 10000);
    fputc('%', out);
}

static void print_check(FILE *out, const char *file, const bx_report *r, const bx_check *c)
{
    const bx_table *t = c->table >= 0 ? r->tables[c->table] : NULL;
    const char *unit = t && t->unit ? t->unit : bx_base_unit();
    fprintf(out, "%s: page %d: %s", file, c->page, t ? t->title : "(narrative)");
    if (c->row >= 0)
        fprintf(out, ": row %d", c->row + 1);
    fprintf(out, ": %s: %s: ", c->rule, c->what);
    if (c->expected_text) {
        print_words(out, c);
        return;
    }
    if (c->percent) {
        fputs("expected ", out);
        print_percent(out, c->expected);
        fputs(", actual ", out);
        print_percent(out, c->actual);
        fprintf(out, ": \"%s\" [%s", c->quote ? c->quote : "", bx_check_status_name(c->status));
        if (c->status == BX_CHECK_ROUNDING) {
            fputs(", tolerance ", out);
            print_percent(out, c->tolerance);
        }
        fputs("]\n", out);
        return;
    }
    fputs("expected ", out);
    print_amount(out, c->expected, t);
    fputs(", actual ", out);
    print_amount(out, c->actual, t);
    fputs(", difference ", out);
    print_amount(out, bx_fen_difference(c->actual, c->expected), t);
    fprintf(out, " %s", unit);
    if (c->other_table >= 0)
        fprintf(out, " (against %s, page %d)", r->tables[c->other_table]->title,
                r->tables[c->other_table]->n_pages ? r->tables[c->other_table]->pages[0] : 0);
    if (c->quote)
        fprintf(out, ": \"%s\"", c->quote);
    fprintf(out, " [%s", bx_check_status_name(c->status));
    if (c->status == BX_CHECK_ROUNDING) {
        fputs(", tolerance ", out);
        print_amount(out, c->tolerance, t);
    }
    fputs("]\n", out);
}

typedef enum { OUT_TEXT, OUT_JSON, OUT_JSONL } out_format;

/* The pretty JSON text on one line: a raw line break only ever stands
 * between tokens (inside strings it is escaped), so it goes with the
 * indentation after it. */
static void put_one_line(const char *json)
{
    for (const char *p = json; *p; p++) {
        if (*p == '\n') {
            while (p[1] == ' ')
                p++;
            continue;
        }
        putchar(*p);
    }
    putchar('\n');
}

/* The OCR readings the checks prove, one line each. */
static void print_corrections(FILE *out, const char *file, const bx_report *r)
{
    for (size_t i = 0; i < r->n_tables; i++) {
        const bx_table *t = r->tables[i];
        for (size_t k = 0; k < t->n_corrections; k++) {
            const bx_ocr_correction *c = &t->corrections[k];
            fprintf(out, "%s: page %d: %s: row %zu: ocr_correction: column %zu read %s, the checks "
                         "prove %s (",
                    file, t->row_pages && c->row < t->n_rows ? t->row_pages[c->row] : 0, t->title,
                    c->row + 1, c->col + 1, c->printed, c->corrected);
            for (size_t j = 0; j < c->n_checks; j++)
                fprintf(out, "%s%s", j ? "; " : "", c->checks[j]);
            fprintf(out, ") [%s]\n", c->applied ? "applied" : "offered");
        }
    }
}

static void print_summary(const char *input, const bx_report *r, const size_t n[3])
{
    size_t amounts = 0, verified = 0;
    for (size_t i = 0; i < r->n_tables; i++) {
        amounts += r->tables[i]->n_amounts;
        verified += r->tables[i]->n_verified;
    }
    printf("%s: %zu checks: %zu pass, %zu rounding, %zu fail; verified %.1f%% of %zu amounts\n",
           input, r->n_checks, n[BX_CHECK_PASS], n[BX_CHECK_ROUNDING], n[BX_CHECK_FAIL],
           amounts ? 100.0 * (double)verified / (double)amounts : 0.0, amounts);
}

/* Returns the exit status for this file; *printed counts the JSON
 * documents written so far (the array's separators). */
static int check_one(const char *path, const bx_cli_input *in, out_format fmt, int array, int all,
                     int *printed)
{
    bx_report *r;
    bx_error err;
    bx_error_clear(&err);
    bx_status s = bx_cli_load_report(path, in, &r, &err);
    const char *input = bx_cli_input_name(path);
    if (s != BX_OK) {
        fprintf(stderr, "budgetx: %s\n", err.message);
        return bx_cli_exit_code(s);
    }
    int rc = BX_EXIT_OK;
    if (r->n_tables == 0) {
        fprintf(stderr, "budgetx: %s: no tables found\n", input);
        rc = BX_EXIT_NO_TABLES;
    }
    size_t n[3] = {0};
    for (size_t i = 0; i < r->n_checks; i++)
        n[r->checks[i].status]++;
    if (fmt != OUT_TEXT) {
        char *text = bx_checks_to_json(r);
        if (fmt == OUT_JSONL) {
            put_one_line(text);
        } else {
            if (array)
                fputs(*printed ? ",\n" : "[\n", stdout);
            fputs(text, stdout);
        }
        (*printed)++;
        free(text);
    } else {
        for (size_t i = 0; i < r->n_checks; i++)
            if (all || r->checks[i].status != BX_CHECK_PASS)
                print_check(stdout, input, r, &r->checks[i]);
        print_corrections(stdout, input, r);
        print_summary(input, r, n);
    }
    if (n[BX_CHECK_FAIL])
        rc = bx_cli_worse(rc, BX_EXIT_CHECKS);
    bx_report_free(r);
    return rc;
}

int bx_cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {{"format", required_argument, 0, 'f'},
                                         {"jsonl", no_argument, 0, 'l'},
                                         {"all", no_argument, 0, 'a'},
                                         {"pages", required_argument, 0, 'p'},
                                         {"password", required_argument, 0, 'P'},
                                         {"max-size", required_argument, 0, 'S'},
                                         {"ocr", required_argument, 0, 'O'},
                                         {"ocr-correct", no_argument, 0, 'C'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *format = "text", *password = NULL;
    bx_page_set pages = {0};
    bool has_pages = false, correct = false;
    uint64_t max_size = BX_CLI_MAX_SIZE;
    char why[160];
    int all = 0, c, rc = -1;
    unsigned ocr = BX_OPEN_OCR_AUTO; /* a scan is read as extract reads it */
    while (rc < 0 && (c = getopt_long(argc, argv, "f:ap:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f': format = optarg; break;
        case 'l': format = "jsonl"; break;
        case 'a': all = 1; break;
        case 'p':
            bx_page_set_free(&pages);
            has_pages = bx_page_set_parse(optarg, &pages, why, sizeof why);
            if (!has_pages)
                rc = bx_cli_usage_error("check", "--pages: %s", why);
            break;
        case 'P': password = optarg; break;
        case 'S': rc = bx_cli_max_size("check", optarg, &max_size); break;
        case 'O':
            if (!bx_cli_parse_ocr(optarg, &ocr))
                rc = bx_cli_usage_error("check", "--ocr: '%s' is not auto, always or never", optarg);
            break;
        case 'C': correct = true; break;
        case 'h': fputs(usage_text, stdout); rc = BX_EXIT_OK; break;
        default: rc = bx_cli_usage_error("check", "unknown option or missing value"); break;
        }
    }
    out_format fmt = g_ascii_strcasecmp(format, "json") == 0    ? OUT_JSON
                     : g_ascii_strcasecmp(format, "jsonl") == 0 ? OUT_JSONL
                     : g_ascii_strcasecmp(format, "text") == 0  ? OUT_TEXT
                                                                : (out_format)-1;
    if (rc < 0 && (int)fmt < 0)
        rc = bx_cli_usage_error("check", "unknown format '%s' (text, json or jsonl)", format);
    if (rc < 0 && optind >= argc)
        rc = bx_cli_usage_error("check", "needs at least one FILE (- for standard input)");
    bx_cli_input in = {.password = bx_cli_password(password),
                       .pages = has_pages ? &pages : NULL,
                       .max_size = max_size,
                       .flags = ocr | (correct ? BX_OPEN_OCR_CORRECT : 0)};
    if (rc < 0) {
        /* several files in JSON: one array, so that one json.load reads them */
        int array = fmt == OUT_JSON && argc - optind > 1, printed = 0;
        rc = BX_EXIT_OK;
        for (int i = optind; i < argc; i++)
            rc = bx_cli_worse(rc, check_one(argv[i], &in, fmt, array, all, &printed));
        if (array)
            fputs(printed ? "\n]\n" : "[]\n", stdout);
    }
    bx_page_set_free(&pages);
    return rc;
}
