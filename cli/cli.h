/* Private to the CLI: exit statuses and helpers the commands share. */
#ifndef BX_CLI_H
#define BX_CLI_H

#include "bx_common.h"
#include "bx_model.h"

#include <stdbool.h>

/* Documented in README.md and in `budgetx --help`. */
enum {
    BX_EXIT_OK = 0,
    BX_EXIT_USAGE = 1,
    BX_EXIT_INPUT = 2,     /* missing, not a PDF, encrypted, damaged, no text layer */
    BX_EXIT_NO_TABLES = 3, /* readable, but no titled table */
    BX_EXIT_CHECKS = 4     /* `check`: a check failed */
};

/* The one mapping from status codes to exit statuses. */
int bx_cli_exit_code(bx_status s);

/* The more serious of two exit statuses. */
int bx_cli_worse(int a, int b);

int bx_cli_is_dir(const char *path);

/* DIR/<input's name without extension>.<ext> (malloc'd). */
char *bx_cli_output_in_dir(const char *dir, const char *input, const char *ext);

/* An option's number, read whole and within [min, max]; false (out unset)
 * for anything else: "2x", "", "nan" or an overflow are usage errors, not
 * the number their first characters spell. */
bool bx_cli_number(const char *text, double min, double max, double *out);
/* The same for a whole number. */
bool bx_cli_int(const char *text, int min, int max, int *out);

/* Reads any input the commands accept (a PDF, a text dump, or our own table
 * JSON): bx_report_open with the commands' flags. */
bx_status bx_cli_load_report(const char *path, bx_report **out, bx_error *err);

/* Each command: argv[0] is the command's name. */
int bx_cmd_extract(int argc, char **argv);
int bx_cmd_inspect(int argc, char **argv);
int bx_cmd_check(int argc, char **argv);
int bx_cmd_batch(int argc, char **argv);

#endif
