/* budgetx: the command line. Each command lives in its own cmd_*.c; this
 * file only dispatches. Exit statuses are mapped once, in cli.c. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"extract", bx_cmd_extract, "tables of budget PDFs as JSON"},
    {"inspect", bx_cmd_inspect, "a page as PNG with the detected grids drawn"},
    {"check", bx_cmd_check, "arithmetic checks of budget PDFs"},
    {"batch", bx_cmd_batch, "folders of reports into one SQLite dataset"},
};

static void usage(FILE *out)
{
    fputs("usage: budgetx COMMAND [OPTIONS] FILE...\n       budgetx --version\n\ncommands:\n",
          out);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("\n'budgetx COMMAND --help' describes a command's options.\n"
          "\nexit status: 0 ok, 1 usage, 2 input unusable (missing, not a PDF, encrypted,\n"
          "damaged, no text layer), 3 no tables found, 4 a check failed (check)\n",
          out);
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
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "budgetx: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return BX_EXIT_USAGE;
}
