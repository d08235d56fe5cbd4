/* budgetx: the command line. Each command lives in its own cmd_*.c; this
 * file only dispatches (and answers `budgetx help`). Exit statuses are
 * mapped once, in cli.c. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"extract", bx_cmd_extract, "tables of budget PDFs as JSON, CSV, XLSX, Markdown or SQLite"},
    {"check", bx_cmd_check, "arithmetic and consistency checks of budget PDFs"},
    {"inspect", bx_cmd_inspect, "pages as PNG with the detected grids drawn"},
    {"batch", bx_cmd_batch, "folders of reports into one dataset (SQLite, PostgreSQL)"},
    {"merge", bx_cmd_merge, "SQLite datasets made apart (batch --shard) into one"},
    {"export", bx_cmd_export, "a dataset as tidy CSV files or one XLSX workbook"},
    {"review", bx_cmd_review, "HTML pages: tables beside their pages, failed checks marked"},
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *out)
{
    fputs("usage: budgetx COMMAND [OPTIONS] FILE...\n       budgetx --version\n\ncommands:\n",
          out);
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("  help       this text; 'budgetx help COMMAND' describes a command's options\n"
          "\n"
          "A FILE is a PDF, a pdftotext text dump or budgetx's table JSON, told apart\n"
          "by content; - reads it from standard input.\n"
          "\n"
          "exit status: 0 ok, 1 usage, 2 input unusable (missing, not a PDF, encrypted,\n"
          "damaged, no text layer), 3 no tables found, 4 a check failed (check)\n"
          "\n"
          "environment: BUDGETX_PASSWORD, the password of encrypted PDFs when\n"
          "--password is not given\n",
          out);
}

static int find(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(name, commands[i].name) == 0)
            return (int)i;
    return -1;
}

/* `budgetx help [COMMAND]`: the command's own --help, on stdout. */
static int help(int argc, char **argv)
{
    if (argc < 3) {
        usage(stdout);
        return BX_EXIT_OK;
    }
    int i = find(argv[2]);
    if (i < 0) {
        fprintf(stderr, "budgetx: help: unknown command '%s'\n", argv[2]);
        usage(stderr);
        return BX_EXIT_USAGE;
    }
    char *args[] = {(char *)commands[i].name, "--help", NULL};
    return commands[i].run(2, args);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return BX_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("budgetx %s\n", bx_version());
        return BX_EXIT_OK;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return BX_EXIT_OK;
    }
    if (strcmp(argv[1], "help") == 0)
        return help(argc, argv);
    int i = find(argv[1]);
    if (i >= 0)
        return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "budgetx: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return BX_EXIT_USAGE;
}
